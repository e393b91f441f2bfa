"""torch.distributions (and the samplers under it) against PyTorch, live: each snippet runs
with ``T`` bound to torch and to autograd_kit and must print the same (or raise the same
error). Skipped without PyTorch."""

# ruff: noqa: E501

from __future__ import annotations

from typing import Any

import numpy
import pytest

import autograd_kit as ak
from tests.test_torch_scenarios import assert_same_as_pytorch

torch = pytest.importorskip("torch")

SNIPPETS = [
    # torch.binomial: PyTorch's BTRS / inversion sampler on its stream (the kit lacked it)
    'print(T.binomial(T.tensor([10., 5., 0., 100., 1000.]), T.tensor([0.3, 0.9, 0.5, 0.02, 0.7])), T.rand(2))',
    'print(T.binomial(T.tensor([10., 50.], dtype=T.float64), T.tensor([0.999, 0.5], dtype=T.float64)), T.rand(1))',
    'print(T.binomial(T.tensor([7.5, 4., 3.]), T.tensor([0.5, 0., 1.])), T.binomial(T.tensor([]), T.tensor([])))',
    'y = T.binomial(T.tensor([10., 5.]), T.tensor([0.3, 0.5], requires_grad=True))\nprint(y, y.grad_fn, y.grad_fn.next_functions)\ny.sum().backward()',
    'print(T.binomial(T.tensor([10., 5.]), T.tensor([0.3, 0.5]), generator=T.Generator().manual_seed(3)))',
    'T.binomial(T.tensor([10, 5]), T.tensor([0.3, 0.9]))',
    'T.binomial(T.tensor([10., 5.]), T.tensor([1, 0]))',
    'T.binomial(T.tensor([10., 5.]), T.tensor([0.3, 0.5], dtype=T.float64))',
    'T.binomial(T.tensor([10., 5.]), T.tensor([0.3, 0.5, 0.2]))',
    'T.binomial(10., T.tensor([0.3]))',
    'T.binomial(T.tensor([10.]).half(), T.tensor([0.3]).half())',
    # distributions.Binomial.sample (the kit raised NotImplementedError)
    'D = T.distributions\nb = D.Binomial(10, T.tensor([0.3, 0.9]))\nprint(b.sample(), b.sample((2,)))',
    'D = T.distributions\nb = D.Binomial(T.tensor([[10.], [200.]]), logits=T.tensor([0.3, -2.], requires_grad=True))\nx = b.sample((3,))\nprint(x, x.requires_grad, b.log_prob(x))',
    # Dirichlet / Beta rsample gradients: PyTorch's implicit reparameterisation (the kit raised)
    'D = T.distributions\na = T.tensor([0.5, 2.0], requires_grad=True)\nb = T.tensor([1.5, 3.0], requires_grad=True)\nx = D.Beta(a, b).rsample((3,))\nx.sum().backward()\nprint(x, a.grad, b.grad)',
    'D = T.distributions\nc = T.tensor([[0.5, 2.0, 7.], [10., 8., 0.1]], requires_grad=True)\ny = D.Dirichlet(c).rsample((2,))\n(y * T.arange(3.)).sum().backward()\nprint(y, y.grad_fn, type(y.grad_fn), c.grad)',
    'D = T.distributions\nc = T.tensor([20., 30., 9.], dtype=T.float64, requires_grad=True)\ny = D.Dirichlet(c).rsample()\ng, = T.autograd.grad(y[0], c)\nprint(y, g)',
    'D = T.distributions\nc = T.tensor([2., 3.], requires_grad=True)\ny = D.Dirichlet(c).rsample()\ng, = T.autograd.grad(y[1], c, create_graph=True)\nprint(g, g.requires_grad)',
    # torch._sample_dirichlet has no derivative: a NotImplemented node (the kit named it SampleDirichletBackward0)
    'c = T.tensor([0.5, 2.0], requires_grad=True)\nz = T._sample_dirichlet(c)\nprint(z, z.grad_fn, z.grad_fn.next_functions)\nz.sum().backward()',
    'print(T._dirichlet_grad(T.tensor([0.2, 0.8]), T.tensor([0.5, 2.]), T.tensor([2.5])))',
    'T._dirichlet_grad(T.tensor([0.2, 0.8]), T.tensor([0.5, 2.]), T.tensor([2.5, 2.5, 1.]))',
    'T._dirichlet_grad(T.tensor([0.2, 0.8]), T.tensor([0.5, 2.], dtype=T.float64), T.tensor([2.5, 2.5]))',
    # PyTorch's Python Functions show their module: checkpoint's and CrossMapLRN2d's nodes
    'from T.utils.checkpoint import checkpoint\ny = checkpoint(lambda a: a * 2, T.ones(2, requires_grad=True), use_reentrant=True)\nprint(type(y.grad_fn))',
    # x[mask] = v keeps the mask for backward with its version: changing it afterwards is
    # PyTorch's version error (the kit read the changed mask: a reshape error, or a wrong
    # gradient when the count of True stayed the same)
    'x = T.zeros(3, 2)\nv = T.ones(2, 2, requires_grad=True)\nm = T.tensor([True, False, True])\ny = x * 1\ny[m] = v * T.tensor([[1., 2.], [3., 4.]])\nm[0] = False\nm[1] = True\n(y * T.arange(6.).view(3, 2)).sum().backward()',
    'x = T.zeros(3, 2)\nv = T.ones(2, 2, requires_grad=True)\nm = T.tensor([True, False, True])\ny = x * 1\ny[m] = v * 2\nm[0] = False\ny.sum().backward()',
    'x = T.zeros(3, 2)\nv = T.ones(2, 2, requires_grad=True)\ni = T.tensor([0, 2])\ny = x * 1\ny[i] = v * 2\nprint(y.grad_fn._saved_indices[0] is i)\ni[0] = 1\ny.sum().backward()',
    # Wishart (the kit lacked it): shapes, moments, log_prob / entropy and their gradients,
    # Bartlett rsample on PyTorch's stream with its correction pass and warnings, errors
    'D = T.distributions\nW = D.Wishart(T.tensor(3.), covariance_matrix=T.eye(2))\nprint(W, W.batch_shape, W.event_shape, W.arg_constraints, W.support)\nprint(W.rsample(), T.rand(1))',
    'D = T.distributions\nW = D.Wishart(T.tensor([3., 4.]), covariance_matrix=T.eye(2))\nx = W.rsample((3,))\nprint(x, T.rand(1))\nprint(W.log_prob(x), W.entropy(), W.mean, W.mode, W.variance)',
    'D = T.distributions\nP = T.tensor([[2.0, 0.1, 0.0], [0.1, 0.25, 0.0], [0.0, 0.0, 0.3]], requires_grad=True)\ndf = T.tensor([5.0, 4], requires_grad=True)\nW = D.Wishart(df, precision_matrix=P)\nprint(W, W.scale_tril, W.covariance_matrix, W.precision_matrix)\nx = W.sample()\nlp = W.log_prob(x)\nlp.sum().backward()\nprint(x, lp, P.grad, df.grad)',
    'D = T.distributions\nS = T.tensor([[[2.0, 0.0], [-0.5, 0.25]], [[2.0, 0.0], [0.3, 0.25]], [[5.0, 0.0], [-0.5, 1.5]]], requires_grad=True)\ndf = T.tensor([5.0, 3.5, 3], requires_grad=True)\nW = D.Wishart(df, scale_tril=S)\nprint(W.mean, W.variance, W.mode, W.entropy())\nW.entropy().sum().backward()\nprint(S.grad, df.grad)\nprint(W.expand((2, 3)), W.expand((2, 3)).sample().shape)',
    'D = T.distributions\ncov = T.tensor([[2.0, 0.3], [0.3, 0.25]], requires_grad=True)\ndf = T.tensor([3.0, 4.5], requires_grad=True)\nx = D.Wishart(df, covariance_matrix=cov).rsample((2,), max_try_correction=0)\n(x * T.tensor([[1., 2.], [3., 4.]])).sum().backward()\nprint(x, cov.grad, df.grad, x.grad_fn)',
    'D = T.distributions\ncov = T.tensor([[2.0, 0.3], [0.3, 0.25]], requires_grad=True)\nx = D.Wishart(T.tensor([3.0]), covariance_matrix=cov).rsample((2,))\nprint(x)\nx.sum().backward()',
    'import warnings\nwarnings.simplefilter("error")\nT.distributions.Wishart(1.5, covariance_matrix=T.eye(2))',
    'import warnings\nwarnings.simplefilter("error")\nT.distributions.Wishart(3., covariance_matrix=T.eye(2)).rsample()',
    'T.distributions.Wishart(0.5, covariance_matrix=T.eye(2))',
    'T.distributions.Wishart(T.tensor([3.]), covariance_matrix=T.tensor([[1.0, 1.0], [1.0, -2.0]]))',
    'T.distributions.Wishart(3.)',
    'T.distributions.Wishart(3., T.tensor([1., 2.]))',
    'T.distributions.Wishart(3., T.eye(2)).log_prob(T.tensor([[1., 2.], [3., 4.]]))',
    'D = T.distributions\nW = D.Wishart(T.tensor([3., 4.]), scale_tril=T.eye(2))\nprint(D.ExponentialFamily.entropy(W), D.Wishart(2.5, covariance_matrix=T.eye(3)).entropy())',
    'D = T.distributions\nD.kl_divergence(D.Wishart(3., scale_tril=T.eye(2)), D.Wishart(4., scale_tril=T.eye(2)))',
    # torch.normal(tensor mean / std): the result has the type of mean (else std), drawn by
    # the normal kernel, which refuses integers (the kit drew ints, or promoted to float64);
    # the gamma and Dirichlet samplers refuse all but float32 / float64 (the kit: ValueError)
    'D = T.distributions\nprint(D.Normal(T.tensor([0, 1]), T.tensor([1, 2])).sample())',
    'print(T.normal(T.tensor([0., 1]), T.tensor([1, 2])), T.normal(T.zeros(2), T.ones(2, dtype=T.float64)), T.normal(2, T.tensor([1., 2.], dtype=T.float64)), T.normal(T.tensor([1., 2.]).half(), 1.))',
    'T.normal(T.tensor([0, 1]), 1.)',
    'T.normal(0., T.tensor([1, 2]))',
    'T.normal(T.tensor([True]), T.tensor([1.]))',
    'D = T.distributions\nD.Gamma(T.tensor([1, 2]), T.tensor([1, 2])).sample()',
    'T._standard_gamma(T.tensor([1., 2.]).half())',
    'D = T.distributions\nD.Dirichlet(T.tensor([1, 2])).sample()',
    # transforms define == and so, as PyTorch's, are not hashable (the kit's were)
    'D = T.distributions\nfor t in [D.transforms.ExpTransform(), D.transforms.AffineTransform(0., 1.), D.transforms.ExpTransform().inv, D.transforms.identity_transform, D.transforms.CatTransform([D.transforms.ExpTransform()], 0, [1])]:\n    try:\n        print(hash(t))\n    except TypeError as e:\n        print(e)',
    # cat / stack constraints assert that the value has their dim (the kit: narrow / select errors)
    'C = T.distributions.constraints\nC.cat([C.real, C.positive], 0, [1, 2]).check(T.tensor(0.5))',
    'C = T.distributions.constraints\nC.stack([C.real, C.positive], 1).check(T.tensor([0.5, 1.]))',
    'C = T.distributions.constraints\nprint(C.stack([C.real, C.positive], -1).check(T.tensor([[0.5, -1.]])), C.cat([C.real, C.positive], 0, [1, 2]).check(T.tensor([-1., 0.5, 0.])))',
    # ...and so does x[idx, 1] = v (a CopySlices node): the kit read the changed index and
    # sent the gradient from the wrong rows
    'x = T.zeros(3, 2)\nv = T.ones(2, requires_grad=True)\ni = T.tensor([0, 2])\ny = x * 1\ny[i, 1] = v * 2\ni[0] = 1\n(y * T.arange(6.).view(3, 2)).sum().backward()\nprint(v.grad)',
    'x = T.zeros(3, 2)\nv = T.ones(2, requires_grad=True)\ni = T.tensor([0, 1])\ny = x * 1\ny[0, i] = v * 2\n(y * T.arange(6.).view(3, 2)).sum().backward()\nprint(v.grad, y.grad_fn)\ni[0] = 1\ny.sum().backward()',
    # _standard_gamma's backward is recorded under create_graph: grad * _standard_gamma_grad,
    # whose StandardGammaGradBackward0 node has no derivative (the kit recorded nothing)
    'T.manual_seed(0)\na = T.tensor([2., 3.], requires_grad=True)\nx = T._standard_gamma(a)\ng, = T.autograd.grad(x.sum(), a, create_graph=True)\nprint(g, g.grad_fn, g.grad_fn.next_functions, g.grad_fn.next_functions[1][0].next_functions)\ng.sum().backward()',
    'a = T.tensor([2., 3.], requires_grad=True)\ng = T._standard_gamma_grad(a, T.tensor([1., 2.], requires_grad=True))\nprint(g, g.grad_fn.next_functions)\ng.sum().backward()',
    'D = T.distributions\nc = T.tensor([2., 3.], requires_grad=True)\nx = D.Gamma(c, 2.).rsample((2,))\ng, = T.autograd.grad(x.sum(), c, create_graph=True)\nprint(x, g, g.requires_grad)',
    # samplers given tensors that require grad record PyTorch's nodes: normal's overloads
    # (NormalBackward1/2/3) and poisson (PoissonBackward0) send zero gradients,
    # bernoulli(x, p) is NotImplemented (the kit recorded nothing: backward raised
    # 'does not require grad')
    'm = T.tensor([0.2, 0.3], requires_grad=True)\ns = T.tensor([1., 2.], requires_grad=True)\ny = T.normal(m, s)\nprint(y, y.grad_fn, y.grad_fn.next_functions)\ny.sum().backward()\nprint(m.grad, s.grad)',
    'm = T.tensor([0.2, 0.3], requires_grad=True)\ny = T.normal(m, 2.)\nz = T.normal(0.5, m)\nprint(y.grad_fn, z.grad_fn, y.grad_fn.next_functions)\n(y + z).sum().backward()\nprint(m.grad)',
    'm = T.tensor([[0.2], [0.3]], requires_grad=True)\ny = T.normal(m, T.ones(3))\ng, = T.autograd.grad(y.sum(), m, create_graph=True)\nprint(y, g, g.requires_grad)',
    'a = T.tensor([2., 3.], requires_grad=True)\ny = T.poisson(a)\nprint(y, y.grad_fn, y.requires_grad)\ny.sum().backward()\nprint(a.grad)',
    'a = T.tensor([0.2, 0.3], requires_grad=True)\ny = T.bernoulli(a, 0.5)\nprint(y, y.grad_fn, y.grad_fn.next_functions)\ny.sum().backward()',
    # PyTorch's private helpers that code imports (the kit named them without the underscore)
    'import importlib\nkl = importlib.import_module(T.__name__ + ".distributions.kl")\nmvn = importlib.import_module(T.__name__ + ".distributions.multivariate_normal")\ntr = importlib.import_module(T.__name__ + ".distributions.transforms")\nD = T.distributions\nprint(kl._kl_expfamily_expfamily(D.Gamma(T.tensor(2.), T.tensor(1.)), D.Gamma(T.tensor(3.), T.tensor(2.))))\nprint(mvn._batch_mahalanobis(T.tensor([[2., 0.], [1., 1.]]), T.ones(3, 2)), mvn._batch_mv(T.eye(2), T.ones(2)), mvn._precision_to_scale_tril(T.tensor([[2., 0.5], [0.5, 1.]])))\nprint(type(D.transforms.ExpTransform().inv) is tr._InverseTransform)',
]


@pytest.fixture(autouse=True)
def _pytorch_validates_arguments() -> Any:
    """Importing torch._dynamo (some other test files do) turns PyTorch's argument
    validation off for the whole process; these comparisons need its default (on)."""
    torch.distributions.Distribution.set_default_validate_args(True)
    yield
    torch.distributions.Distribution.set_default_validate_args(True)


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"g{i:03d}" for i in range(len(SNIPPETS))])
def test_distributions_like_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_binomial_samples_and_stream_match_pytorch(dtype: str) -> None:
    """Many counts and probabilities (both samplers, both sides of ½): same draws, and the
    stream left where PyTorch leaves it."""
    rng = numpy.random.RandomState(0)
    for trial in range(40):
        counts = rng.choice([0, 1, 5, 10, 25, 40, 200, 5000, 7.5], 6).astype(dtype)
        probs = rng.choice([0., 1., 0.5, 0.01, 0.3, 0.7, 0.99, 0.2, rng.rand()], 6).astype(dtype)
        seen = []
        for lib in (torch, ak):
            lib.manual_seed(trial)
            out = lib.binomial(lib.tensor(counts), lib.tensor(probs))
            seen.append((out.numpy(), lib.rand(3).numpy(), str(out.dtype).split(".")[-1]))
        (want, want_next, want_dtype), (got, got_next, got_dtype) = seen
        numpy.testing.assert_array_equal(got, want)
        numpy.testing.assert_array_equal(got_next, want_next)
        assert got_dtype == want_dtype


@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_dirichlet_grad_matches_pytorch(dtype: str) -> None:
    """torch._dirichlet_grad over all four of its regimes (x near 0, near 1, both
    concentrations large, the rational fit): float64 to the bit, float32 within 1e-4."""
    from autograd_kit.dirichlet_grad import dirichlet_grad

    rng = numpy.random.RandomState(1)
    alpha = numpy.exp(rng.uniform(-3, 4, 3000)).astype(dtype)
    beta = numpy.exp(rng.uniform(-3, 4, 3000)).astype(dtype)
    x = numpy.clip(rng.beta(alpha.astype(float), beta.astype(float)), 1e-7, 1 - 1e-7).astype(dtype)
    total = (alpha + beta).astype(dtype)
    want = torch._dirichlet_grad(*(torch.tensor(a) for a in (x, alpha, total))).numpy()
    got = dirichlet_grad(*(ak.tensor(a) for a in (x, alpha, total))).numpy()
    if dtype == "float64":
        numpy.testing.assert_array_equal(got, want)
    else:
        numpy.testing.assert_allclose(got, want, rtol=1e-4)
