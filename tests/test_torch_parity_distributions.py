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
]


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"d{i:03d}" for i in range(len(SNIPPETS))])
def test_distributions_like_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)
