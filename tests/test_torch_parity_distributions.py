"""torch.distributions against PyTorch: shapes, seeded samples, log_prob and rsample
gradients, reprs, validation messages, kl_divergence (skipped without PyTorch)."""

# ruff: noqa: E501

from __future__ import annotations

import pytest

from tests.test_torch_scenarios import assert_same_as_pytorch

torch = pytest.importorskip("torch")

SNIPPETS = [
    'D = T.distributions\nm = D.Normal(0., 1.)\nprint(m, m.batch_shape, m.event_shape, m.loc, m.scale)',
    'D = T.distributions\nm = D.Normal(T.zeros(3), T.ones(3))\nprint(m)\nprint(m.sample())\nprint(m.sample((2,)))\nprint(m.rsample(T.Size([2, 1])).shape)',
    'D = T.distributions\nmu = T.tensor(1.0, requires_grad=True)\nsigma = T.tensor(2.0, requires_grad=True)\nm = D.Normal(mu, sigma)\nx = m.rsample()\nprint(x)\nx.backward()\nprint(mu.grad, sigma.grad)',
    'D = T.distributions\nmu = T.tensor([0.5, -1.0], requires_grad=True)\nsigma = T.tensor([1.0, 0.5], requires_grad=True)\nm = D.Normal(mu, sigma)\nlp = m.log_prob(T.tensor([0.0, 0.0]))\nprint(lp)\nlp.sum().backward()\nprint(mu.grad, sigma.grad)',
    'D = T.distributions\nm = D.Normal(T.tensor([0.0]), T.tensor([-1.0]))',
    'D = T.distributions\nm = D.Normal(0., 1.)\nprint(m.entropy(), m.perplexity(), m.cdf(T.tensor(0.5)), m.icdf(T.tensor(0.3)), m.mean, m.stddev, m.variance, m.mode)',
    'D = T.distributions\nb = D.Bernoulli(T.tensor([0.3, 0.7]))\nprint(b, b.sample(), b.sample((3,)))\nprint(b.logits, b.log_prob(T.tensor([1., 0.])), b.entropy())',
    'D = T.distributions\nb = D.Bernoulli(probs=0.3, logits=0.1)',
    'D = T.distributions\nb = D.Bernoulli()',
    'D = T.distributions\nb = D.Bernoulli(logits=T.tensor([0.3, -0.7], requires_grad=True))\nprint(b, b.probs, b.mean, b.variance, b.mode)',
    'D = T.distributions\nb = D.Bernoulli(T.tensor([1.5]))',
    'D = T.distributions\nb = D.Bernoulli(T.tensor([0.5]))\nprint(b.log_prob(T.tensor([2.])))',
    'D = T.distributions\nc = D.Categorical(T.tensor([0.1, 0.2, 0.7]))\nprint(c, c.sample(), c.sample((5,)), c.probs, c.logits, c.entropy(), c.log_prob(T.tensor(2)))\nprint(c.support, c.enumerate_support(), c.mean, c.mode, c.batch_shape, c.event_shape)',
    'D = T.distributions\nc = D.Categorical(logits=T.tensor([[1., 2., 3.], [0., 0., 0.]], requires_grad=True))\nprint(c, c.logits, c.probs)\na = c.sample()\nprint(a, c.log_prob(a))',
    'D = T.distributions\nu = D.Uniform(0., 2.)\nprint(u, u.sample(), u.rsample((3,)), u.log_prob(T.tensor(0.5)), u.entropy(), u.mean, u.variance, u.stddev, u.support)\nprint(u.log_prob(T.tensor(3.)))',
    'D = T.distributions\nu = D.Uniform(T.tensor([0., 1.]), T.tensor([1., 0.5]))',
    'D = T.distributions\ne = D.Exponential(T.tensor([1.0, 2.0]))\nprint(e, e.sample(), e.rsample((2,)), e.log_prob(T.tensor([0.5, 1.0])), e.entropy(), e.mean, e.cdf(T.tensor([1., 1.])), e.icdf(T.tensor([0.5, 0.5])))',
    'D = T.distributions\nl = D.Laplace(T.tensor([0.0]), T.tensor([1.0]))\nprint(l, l.sample(), l.rsample((3,)), l.log_prob(T.tensor([0.5])), l.entropy(), l.cdf(T.tensor([0.3])), l.icdf(T.tensor([0.3])), l.variance, l.stddev)',
    'D = T.distributions\no = D.OneHotCategorical(T.tensor([0.25, 0.25, 0.5]))\nprint(o, o.sample(), o.sample((2,)), o.event_shape, o.log_prob(T.tensor([0., 1., 0.])), o.entropy(), o.mode, o.enumerate_support())',
    'D = T.distributions\nn = D.Normal(T.zeros(2, 3), T.ones(2, 3))\ni = D.Independent(n, 1)\nprint(i, i.batch_shape, i.event_shape, i.log_prob(T.zeros(2, 3)), i.entropy(), i.support)',
    'D = T.distributions\np = D.Normal(T.tensor([0., 1.]), T.tensor([1., 2.]))\nq = D.Normal(T.tensor([1., 1.]), T.tensor([1., 1.]))\nprint(D.kl_divergence(p, q))\nprint(D.kl_divergence(D.Bernoulli(T.tensor(0.3)), D.Bernoulli(T.tensor(0.6))))\nprint(D.kl_divergence(D.Categorical(T.tensor([0.2, 0.8])), D.Categorical(T.tensor([0.5, 0.5]))))\nprint(D.kl_divergence(D.Uniform(0., 1.), D.Uniform(-1., 2.)))\nprint(D.kl_divergence(D.Exponential(T.tensor(1.)), D.Exponential(T.tensor(2.))))\nprint(D.kl_divergence(D.Laplace(0., 1.), D.Laplace(1., 2.)))\nprint(D.kl_divergence(D.Normal(0., 1.), D.Laplace(1., 2.)))\nprint(D.kl_divergence(D.Uniform(0., 1.), D.Normal(0., 1.)))\nprint(D.kl_divergence(D.Uniform(0., 1.), D.Exponential(2.)))\nprint(D.kl_divergence(D.Normal(0., 1.), D.Uniform(0., 1.)))\nprint(D.kl_divergence(D.Laplace(0., 1.), D.Normal(0., 1.)))\nprint(D.kl_divergence(D.Exponential(T.tensor(1.)), D.Normal(0., 1.)))',
    'D = T.distributions\nprint(D.kl_divergence(D.Normal(0., 1.), D.Bernoulli(0.5)))',
    'D = T.distributions\nprint(D.kl_divergence(D.Normal(0., 1.), D.Categorical(T.tensor([0.5, 0.5]))))',
    'D = T.distributions\nm = D.Normal(0., 1.)\nprint(m.log_prob(0.5))',
    'D = T.distributions\nm = D.Normal(T.zeros(3), T.ones(3))\nprint(m.log_prob(T.zeros(2)))',
    'D = T.distributions\nc = D.OneHotCategorical(T.tensor([0.5, 0.5]))\nprint(c.log_prob(T.zeros(3)))',
    'D = T.distributions\nb = D.Bernoulli(0.3)\nprint(b, b.probs, b.logits, b.batch_shape)',
    'D = T.distributions\nm = D.Normal(T.tensor([0., 1., 2.]), 1.)\nprint(m, m.scale, m.batch_shape)\nprint(m.log_prob(T.tensor([0.5, 0.5, 0.5])))',
    'D = T.distributions\nm = D.Normal(T.zeros(3), T.ones(2, 1))\nprint(m.batch_shape, m.loc.shape, m.sample().shape)',
    'D = T.distributions\nm = D.Normal(T.zeros(2), T.ones(3))',
    "D = T.distributions\nm = D.Normal('a', 1.)",
    'D = T.distributions\nc = D.Categorical(T.tensor([0.2, -0.1, 0.9]))',
    'D = T.distributions\ne = D.Exponential(0.)',
    'D = T.distributions\ne = D.Exponential(T.tensor([1., 0.]))',
    'D = T.distributions\nu = D.Uniform(0., 2.)\nu.log_prob(T.tensor(3.))',
    'D = T.distributions\nu = D.Uniform(T.tensor([0., 1.]), T.tensor([2., 3.]))\nprint(u.support)\nu.log_prob(T.tensor([3., 2.]))',
    'D = T.distributions\nu = D.Uniform(T.tensor([0., 1.]), T.tensor([2., 3.]), validate_args=False)\nprint(u.log_prob(T.tensor([3., 2.])))',
    'D = T.distributions\ne = D.Exponential(2.)\ne.log_prob(T.tensor(-1.))',
    'D = T.distributions\nc = D.Categorical(T.tensor([0.3, 0.7]))\nc.log_prob(T.tensor(2))',
    'D = T.distributions\nc = D.Categorical(T.tensor([0.3, 0.7]))\nc.log_prob(T.tensor(0.5))',
    'D = T.distributions\nprint(D.Normal.arg_constraints)\nprint(D.Bernoulli.arg_constraints, D.Bernoulli.support)\nprint(D.Categorical.arg_constraints)\nprint(D.Exponential.support, D.Laplace.support, D.OneHotCategorical.support)\nprint(D.Normal.has_rsample, D.Bernoulli.has_rsample, D.Categorical.has_enumerate_support)',
    'D = T.distributions\nn = D.Normal(0., 1.)\nprint(n.support, n.arg_constraints)',
    'D = T.distributions\nT.manual_seed(1)\nprobs = T.tensor([0.2, 0.5, 0.3], requires_grad=True)\ndist = D.Categorical(probs)\naction = dist.sample()\nreward = 1.0\nloss = -dist.log_prob(action) * reward\nloss.backward()\nprint(action, loss, probs.grad)',
    'D = T.distributions\nlogits = T.tensor([[1.0, 2.0, 0.5], [0.1, 0.2, 0.3]], requires_grad=True)\ndist = D.Categorical(logits=logits)\nactions = dist.sample()\nlp = dist.log_prob(actions)\nprint(actions, lp)\n(-lp.mean()).backward()\nprint(logits.grad)\nprint(dist.entropy())',
    'D = T.distributions\nmu = T.tensor([0.5, -0.5], requires_grad=True)\nlogvar = T.tensor([0.1, -0.2], requires_grad=True)\nstd = T.exp(0.5 * logvar)\nq = D.Normal(mu, std)\np = D.Normal(T.zeros(2), T.ones(2))\nz = q.rsample()\nkl = D.kl_divergence(q, p).sum()\nprint(z, kl, kl.grad_fn)\n(kl + z.sum()).backward()\nprint(mu.grad, logvar.grad)',
    'D = T.distributions\nm = D.Normal(T.tensor(0., requires_grad=True), T.tensor(1.))\nx = m.rsample((3,))\nprint(x, x.grad_fn, x.grad_fn.next_functions)',
    'D = T.distributions\nm = D.Normal(T.tensor(0., requires_grad=True), T.tensor(1.))\nprint(m.log_prob(T.tensor(1.)).grad_fn, m.entropy().grad_fn, m.cdf(T.tensor(1.)).grad_fn, m.icdf(T.tensor(0.2)).grad_fn)',
    'D = T.distributions\ns = T.tensor(1., requires_grad=True)\nm = D.Normal(T.tensor(0.), s)\nprint(m.log_prob(T.tensor(1.)).grad_fn, m.entropy().grad_fn, m.variance.grad_fn, m.stddev, m.perplexity())',
    'D = T.distributions\nr = T.tensor([1.5], requires_grad=True)\ne = D.Exponential(r)\nx = e.rsample()\nx.backward()\nprint(x, r.grad, e.log_prob(x).grad_fn, e.entropy().grad_fn)',
    'D = T.distributions\nloc = T.tensor(0.5, requires_grad=True)\nscale = T.tensor(2.0, requires_grad=True)\nl = D.Laplace(loc, scale)\nx = l.rsample((4,))\nx.sum().backward()\nprint(x, loc.grad, scale.grad)',
    'D = T.distributions\nlo = T.tensor(0., requires_grad=True)\nhi = T.tensor(3., requires_grad=True)\nu = D.Uniform(lo, hi)\nx = u.rsample((3,))\nx.sum().backward()\nprint(x, lo.grad, hi.grad, u.entropy())',
    'D = T.distributions\np = T.tensor([0.3, 0.9], requires_grad=True)\nb = D.Bernoulli(p)\nx = b.sample()\nlp = b.log_prob(x)\nlp.sum().backward()\nprint(x, lp, p.grad)',
    'D = T.distributions\nb = D.Bernoulli(T.tensor([0.2, 0.5, 0.8]))\nprint(b.mode, b.enumerate_support(), b.enumerate_support(expand=False))',
    'D = T.distributions\nc = D.Categorical(T.ones(2, 3))\nprint(c.batch_shape, c.enumerate_support(), c.enumerate_support(False), c.mean, c.variance, c.mode)\nprint(c.sample((4,)))',
    'D = T.distributions\nc = D.Categorical(T.tensor([[0.1, 0.9], [0.8, 0.2]]))\nprint(c.log_prob(T.tensor([1, 1])), c.log_prob(T.tensor([[0], [1]])))',
    'D = T.distributions\nm = D.Normal(T.tensor(1.), T.tensor(2.))\ne = m.expand([3])\nprint(e, e.batch_shape, e.sample(), e.log_prob(T.zeros(3)))',
    'D = T.distributions\nb = D.Bernoulli(logits=T.zeros(2)).expand((3, 2))\nprint(b, b.probs)',
    'D = T.distributions\nc = D.Categorical(T.tensor([0.3, 0.7])).expand([2])\nprint(c, c.sample(), c.batch_shape)',
    'D = T.distributions\ni = D.Independent(D.Normal(T.zeros(3), T.ones(3)), 1)\nprint(i.sample(), i.rsample((2,)).shape, i.has_rsample, i.mean, i.variance)\ni.log_prob(T.zeros(2))',
    'D = T.distributions\ni = D.Independent(D.Normal(T.zeros(3), T.ones(3)), 2)',
    'D = T.distributions\ni = D.Independent(D.Bernoulli(T.full((2, 3), 0.5)), 1)\nprint(i, i.batch_shape, i.event_shape, i.sample(), i.log_prob(T.ones(2, 3)), i.entropy(), i.has_enumerate_support)',
    'D = T.distributions\np = D.Independent(D.Normal(T.zeros(2, 3), T.ones(2, 3)), 1)\nq = D.Independent(D.Normal(T.ones(2, 3), 2 * T.ones(2, 3)), 1)\nprint(D.kl_divergence(p, q))',
    'D = T.distributions\no = D.OneHotCategoricalStraightThrough(logits=T.tensor([1., 2., 3.], requires_grad=True))\nx = o.rsample()\nprint(x, x.grad_fn)\n(x * T.tensor([1., 2., 3.])).sum().backward()\nprint(o.logits.grad)',
    'D = T.distributions\nlogits = T.tensor([1., 2., 3.], requires_grad=True)\no = D.OneHotCategoricalStraightThrough(logits=logits)\nx = o.rsample((2,))\n(x * T.tensor([1., 2., 3.])).sum().backward()\nprint(x, logits.grad)',
    "import warnings\nD = T.distributions\nm = D.Normal(0., 1.)\nwith warnings.catch_warnings(record=True) as w:\n    warnings.simplefilter('always')\n    s = m.sample_n(3)\nprint(s, w[0].category.__name__, w[0].message)",
    'D = T.distributions\nD.Distribution.set_default_validate_args(False)\nm = D.Normal(0., -1.)\nprint(m, m.log_prob(T.tensor(0.)))\nD.Distribution.set_default_validate_args(True)\nm = D.Normal(0., -1.)',
    "D = T.distributions\nprint(D.constraints.positive.check(T.tensor([1., -1., 0.])))\nprint(D.constraints.simplex.check(T.tensor([[0.5, 0.5], [0.2, 0.2]])))\nprint(D.constraints.integer_interval(0, 5).check(T.tensor([0., 2.5, 5., 6.])))\nprint(D.constraints.real_vector.check(T.tensor([[1., float('nan')], [1., 2.]])))\nprint(D.constraints.greater_than(2).check(T.tensor([1, 3])), D.constraints.greater_than(2))\nprint(D.constraints.less_than(T.tensor(1.)), D.constraints.greater_than_eq(0.5))\nprint(D.constraints.interval(-1, 1), D.constraints.half_open_interval(0., 1.))\nprint(D.constraints.independent(D.constraints.real, 2), D.constraints.one_hot, D.constraints.boolean)\nprint(D.constraints.is_dependent(D.constraints.dependent), D.constraints.is_dependent(D.constraints.real))",
    'D = T.distributions\nprint(D.utils.probs_to_logits(T.tensor([0.2, 0.8])), D.utils.logits_to_probs(T.tensor([0., 1.])))\nprint(D.utils.probs_to_logits(T.tensor([0., 1.]), is_binary=True), D.utils.clamp_probs(T.tensor([0., 0.5, 1.])))\nprint(D.utils.clamp_probs(T.tensor([0., 0.5, 1.], dtype=T.float64)))\nprint(D.utils.broadcast_all(T.tensor([1., 2.]), 3.))\nprint(D.utils.broadcast_all(1, 2.5))',
    'D = T.distributions\nD.utils.broadcast_all([1., 2.], 1.)',
]


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"d{i:03d}" for i in range(len(SNIPPETS))])
def test_distributions_like_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)
