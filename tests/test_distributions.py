"""autograd_kit.distributions on its own (no PyTorch): values against hand-derived formulas,
finite-difference checks of rsample / log_prob gradients, validation messages and reprs
(the texts are PyTorch 2.13's, observed once)."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

import autograd_kit as ak
from autograd_kit import distributions as D
from autograd_kit.autograd import gradcheck
from autograd_kit.distributions import constraints


def close(tensor: ak.Tensor, expected: object, tol: float = 1e-5) -> bool:
    return np.allclose(tensor.detach().numpy(), np.asarray(expected, dtype=float), atol=tol)


def d64(*values: float) -> ak.Tensor:
    return ak.tensor(list(values), dtype=ak.float64, requires_grad=True)


# ---- the base class: shapes, reprs, validation ------------------------------------------


def test_shapes_and_repr() -> None:
    m = D.Normal(0.0, 1.0)
    assert repr(m) == "Normal(loc: 0.0, scale: 1.0)"
    assert m.batch_shape == ak.Size([]) and m.event_shape == ak.Size([])
    v = D.Normal(ak.zeros(3), ak.ones(3))
    assert repr(v) == f"Normal(loc: {ak.Size([3])}, scale: {ak.Size([3])})"
    assert repr(D.Independent(v, 1)) == f"Independent({v}, 1)"
    assert D.Independent(v, 1).event_shape == ak.Size([3])
    assert v.sample((2, 4)).shape == ak.Size([2, 4, 3])


def test_parameter_validation_message() -> None:
    with pytest.raises(ValueError) as info:
        D.Normal(ak.tensor([0.0]), ak.tensor([-1.0]))
    assert str(info.value) == (
        "Expected parameter scale (Tensor of shape (1,)) of distribution "
        "Normal(loc: tensor([0.]), scale: tensor([-1.])) to satisfy the constraint "
        "GreaterThan(lower_bound=0.0), but found invalid values:\ntensor([-1.])"
    )
    D.Normal(ak.tensor([0.0]), ak.tensor([-1.0]), validate_args=False)  # no check


def test_set_default_validate_args() -> None:
    D.Distribution.set_default_validate_args(False)
    try:
        D.Normal(0.0, -1.0)
    finally:
        D.Distribution.set_default_validate_args(True)
    with pytest.raises(ValueError):
        D.Normal(0.0, -1.0)
    with pytest.raises(ValueError):
        D.Distribution.set_default_validate_args(2)


def test_sample_validation_messages() -> None:
    m = D.Normal(ak.zeros(3), ak.ones(3))
    with pytest.raises(ValueError, match="^The value argument to log_prob must be a Tensor$"):
        m.log_prob(0.5)
    with pytest.raises(ValueError) as info:
        m.log_prob(ak.zeros(2))
    assert str(info.value) == (
        "Value is not broadcastable with batch_shape+event_shape: "
        f"{ak.Size([2])} vs {ak.Size([3])}."
    )
    o = D.OneHotCategorical(ak.tensor([0.5, 0.5]))
    with pytest.raises(ValueError) as info:
        o.log_prob(ak.zeros(3))
    assert str(info.value) == (
        f"The right-most size of value must match event_shape: {ak.Size([3])} vs {ak.Size([2])}."
    )
    with pytest.raises(ValueError) as info:
        D.Bernoulli(ak.tensor([0.5])).log_prob(ak.tensor([2.0]))
    assert str(info.value) == (
        "Expected value argument (Tensor of shape (1,)) to be within the support (Boolean()) "
        "of the distribution Bernoulli(probs: tensor([0.5000])), but found invalid values:\n"
        "tensor([2.])"
    )


def test_probs_or_logits_exactly_one() -> None:
    message = "^Either `probs` or `logits` must be specified, but not both.$"
    for cls in (D.Bernoulli, D.Categorical, D.OneHotCategorical):
        with pytest.raises(ValueError, match=message):
            cls()
    with pytest.raises(ValueError, match=message):
        D.Bernoulli(probs=0.3, logits=0.1)
    with pytest.raises(ValueError, match="^`probs` parameter must be at least one-dimensional.$"):
        D.Categorical(ak.tensor(0.5))


def test_sample_n_warns_and_sample_has_no_graph() -> None:
    mu = ak.tensor(0.0, requires_grad=True)
    m = D.Normal(mu, 1.0)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        s = m.sample_n(3)
    assert s.shape == ak.Size([3]) and not s.requires_grad
    assert caught[0].category is FutureWarning
    assert str(caught[0].message) == "`sample_n(n)` will be deprecated. Use `sample((n,))` instead."
    assert m.rsample().grad_fn.name() == "AddBackward0"


def test_expand_keeps_parameters() -> None:
    m = D.Normal(ak.tensor(1.0), ak.tensor(2.0)).expand([2, 3])
    assert m.batch_shape == ak.Size([2, 3]) and close(m.loc, np.ones((2, 3)))
    b = D.Bernoulli(logits=ak.tensor([0.0])).expand((4,))
    assert "logits" in b.__dict__ and "probs" not in b.__dict__ and b.probs.shape == (4,)


# ---- constraints and utils ---------------------------------------------------------------


def test_constraint_reprs_and_checks() -> None:
    assert repr(constraints.positive) == "GreaterThan(lower_bound=0.0)"
    assert repr(constraints.unit_interval) == "Interval(lower_bound=0.0, upper_bound=1.0)"
    assert repr(constraints.real_vector) == "IndependentConstraint(Real(), 1)"
    assert repr(constraints.nonnegative_integer) == "IntegerGreaterThan(lower_bound=0)"
    interval = constraints.integer_interval(0, 3)
    assert repr(interval) == "IntegerInterval(lower_bound=0, upper_bound=3)"
    assert repr(constraints.dependent) == "Dependent()"
    x = ak.tensor([-1.0, 0.0, 0.5, 1.0, float("nan")])
    assert constraints.positive.check(x).tolist() == [False, False, True, True, False]
    assert constraints.nonnegative.check(x).tolist() == [False, True, True, True, False]
    assert constraints.unit_interval.check(x).tolist() == [False, True, True, True, False]
    half_open = constraints.half_open_interval(0, 1)
    assert half_open.check(x).tolist() == [False, True, True, False, False]
    assert constraints.real.check(x).tolist() == [True, True, True, True, False]
    assert constraints.boolean.check(x).tolist() == [False, True, False, True, False]
    assert constraints.simplex.check(ak.tensor([[0.2, 0.8], [0.5, 0.6]])).tolist() == [True, False]
    rows = constraints.independent(constraints.positive, 1)
    assert rows.check(ak.tensor([[1.0, 2.0], [1.0, 0.0]])).tolist() == [True, False]
    with pytest.raises(ValueError, match="^Cannot determine validity of dependent constraint$"):
        constraints.dependent.check(x)
    assert constraints.is_dependent(D.Uniform.support)


def test_utils() -> None:
    p = ak.tensor([0.0, 0.5, 1.0])
    eps = float(np.finfo(np.float32).eps)
    assert close(D.utils.clamp_probs(p), [eps, 0.5, 1 - eps], tol=1e-9)
    logits = D.utils.probs_to_logits(ak.tensor([0.25]), is_binary=True)
    assert close(logits, [math.log(1 / 3)])
    assert close(D.utils.logits_to_probs(logits, is_binary=True), [0.25])
    assert close(D.utils.logits_to_probs(ak.tensor([0.0, math.log(3.0)])), [0.25, 0.75])
    a, b = D.utils.broadcast_all(ak.tensor([1.0, 2.0], dtype=ak.float64), 3)
    assert b.dtype == ak.float64 and b.tolist() == [3.0, 3.0]
    with pytest.raises(ValueError, match="^Input arguments must all be instances of Number"):
        D.utils.broadcast_all("a")


# ---- values against the formulas ---------------------------------------------------------


def test_normal_formulas() -> None:
    m = D.Normal(ak.tensor([0.5]), ak.tensor([2.0]))
    x = 1.5
    expected = -((x - 0.5) ** 2) / 8 - math.log(2.0) - 0.5 * math.log(2 * math.pi)
    assert close(m.log_prob(ak.tensor([x])), [expected])
    assert close(m.entropy(), [0.5 + 0.5 * math.log(2 * math.pi) + math.log(2.0)])
    assert close(m.cdf(ak.tensor([0.5])), [0.5])
    assert close(m.icdf(m.cdf(ak.tensor([1.7]))), [1.7], tol=1e-4)
    # the exponential-family entropy (Bregman, by autograd) agrees with the closed form
    assert close(D.ExponentialFamily.entropy(m), m.entropy())


def test_other_formulas() -> None:
    e = D.Exponential(ak.tensor([2.0]))
    assert close(e.log_prob(ak.tensor([0.5])), [math.log(2.0) - 1.0])
    assert close(e.entropy(), [1 - math.log(2.0)])
    assert close(D.ExponentialFamily.entropy(e), e.entropy())
    u = D.Uniform(ak.tensor([1.0]), ak.tensor([3.0]))
    assert close(u.log_prob(ak.tensor([2.0])), [-math.log(2.0)])
    assert u.log_prob(ak.tensor([3.0])).item() == -math.inf
    assert close(u.variance, [4 / 12])
    la = D.Laplace(ak.tensor([0.0]), ak.tensor([2.0]))
    assert close(la.log_prob(ak.tensor([1.0])), [-math.log(4.0) - 0.5])
    assert close(la.entropy(), [1 + math.log(4.0)])
    b = D.Bernoulli(ak.tensor([0.3]))
    assert close(b.log_prob(ak.tensor([1.0])), [math.log(0.3)])
    assert close(b.entropy(), [-(0.3 * math.log(0.3) + 0.7 * math.log(0.7))])
    c = D.Categorical(ak.tensor([1.0, 3.0]))  # normalised to [0.25, 0.75]
    assert close(c.probs, [0.25, 0.75])
    assert close(c.log_prob(ak.tensor(1)), math.log(0.75))
    assert close(c.entropy(), -(0.25 * math.log(0.25) + 0.75 * math.log(0.75)))
    o = D.OneHotCategorical(ak.tensor([0.25, 0.75]))
    assert close(o.log_prob(ak.tensor([0.0, 1.0])), math.log(0.75))


def test_kl_formulas() -> None:
    kl = D.kl_divergence(D.Normal(0.0, 1.0), D.Normal(1.0, 2.0))
    assert close(kl, math.log(2.0) + (1 + 1) / (2 * 4) - 0.5)
    kl = D.kl_divergence(D.Bernoulli(ak.tensor(0.3)), D.Bernoulli(ak.tensor(0.6)))
    assert close(kl, 0.3 * math.log(0.3 / 0.6) + 0.7 * math.log(0.7 / 0.4))
    kl = D.kl_divergence(D.Exponential(ak.tensor(1.0)), D.Exponential(ak.tensor(2.0)))
    assert close(kl, -math.log(2.0) + 2.0 - 1)
    assert D.kl_divergence(D.Normal(0.0, 1.0), D.Uniform(0.0, 1.0)).item() == math.inf
    assert close(D.kl_divergence(D.Uniform(0.0, 1.0), D.Uniform(-1.0, 2.0)), math.log(3.0))
    with pytest.raises(NotImplementedError, match="^No KL"):
        D.kl_divergence(D.Normal(0.0, 1.0), D.Categorical(ak.tensor([0.5, 0.5])))


# ---- gradients: reparameterisation and score function -----------------------------------


def test_rsample_gradient_is_the_noise() -> None:
    """x = μ + σ ε: ∂x/∂μ = 1 and ∂x/∂σ = ε = (x - μ)/σ."""
    mu, sigma = ak.tensor(1.0, requires_grad=True), ak.tensor(2.0, requires_grad=True)
    x = D.Normal(mu, sigma).rsample()
    x.backward()
    assert mu.grad.item() == 1.0
    assert close(sigma.grad, (x.item() - 1.0) / 2.0)


@pytest.mark.parametrize("make", [
    lambda a, b: D.Normal(a, b.exp()).log_prob(ak.tensor([0.3, -1.2], dtype=ak.float64)),
    lambda a, b: D.Laplace(a, b.exp()).log_prob(ak.tensor([0.3, -1.2], dtype=ak.float64)),
    lambda a, b: D.Uniform(a - 3, b + 3).log_prob(ak.tensor([0.3, -1.2], dtype=ak.float64)),
    lambda a, b: D.Exponential(b.exp()).log_prob(ak.tensor([0.3, 1.2], dtype=ak.float64)),
    lambda a, b: D.Bernoulli(logits=a).log_prob(ak.tensor([1.0, 0.0], dtype=ak.float64)),
    lambda a, b: D.Categorical(logits=ak.stack([a, b], -1)).log_prob(ak.tensor([1, 0])),
    lambda a, b: D.Normal(a, b.exp()).entropy() + D.Bernoulli(logits=a).entropy(),
    lambda a, b: D.kl_divergence(D.Normal(a, b.exp()), D.Normal(b, a.exp())),
    lambda a, b: D.kl_divergence(D.Laplace(a, b.exp()), D.Normal(b, a.exp())),
])
def test_log_prob_gradients_match_finite_differences(make: object) -> None:
    assert gradcheck(make, (d64(0.2, -0.4), d64(0.1, 0.7)))


@pytest.mark.parametrize("cls", [D.Normal, D.Laplace, D.Uniform])
def test_rsample_gradients_match_finite_differences(cls: type) -> None:
    def draw(a: ak.Tensor, b: ak.Tensor) -> ak.Tensor:
        ak.manual_seed(3)  # the same noise for every evaluation
        return cls(a, a + b.exp()).rsample((4,))

    assert gradcheck(draw, (d64(0.2, -0.4), d64(0.1, 0.7)))


def test_reinforce_estimator_gradient() -> None:
    """∇θ E[f(x)] ≈ mean(f(x) ∇θ log p(x)): for a Bernoulli with f(x) = x it is p (1 - p)."""
    ak.manual_seed(0)
    logit = ak.tensor(0.0, requires_grad=True)
    b = D.Bernoulli(logits=logit)
    x = b.sample((20000,))
    (x * b.log_prob(x)).mean().backward()
    assert abs(logit.grad.item() - 0.25) < 0.02
    assert b.log_prob(x).grad_fn.name() == "NegBackward0"


# ---- MultivariateNormal ------------------------------------------------------------------


def test_multivariate_normal_formulas() -> None:
    cov = ak.tensor([[2.0, 0.5], [0.5, 1.0]], dtype=ak.float64)
    m = D.MultivariateNormal(ak.tensor([1.0, -1.0], dtype=ak.float64), cov)
    x = np.array([0.3, 0.2])
    diff = x - np.array([1.0, -1.0])
    c = cov.numpy()
    log_det = math.log(np.linalg.det(c))
    expected = -0.5 * (2 * math.log(2 * math.pi) + log_det + diff @ np.linalg.solve(c, diff))
    assert close(m.log_prob(ak.tensor(x)), expected, tol=1e-10)
    assert close(m.entropy(), 0.5 * 2 * (1 + math.log(2 * math.pi)) + 0.5 * log_det)
    assert close(m.precision_matrix, np.linalg.inv(c), tol=1e-10)
    by_precision = D.MultivariateNormal(m.loc, precision_matrix=ak.tensor(np.linalg.inv(c)))
    assert close(by_precision.covariance_matrix, c, tol=1e-10)
    q = D.MultivariateNormal(ak.zeros(2, dtype=ak.float64), ak.eye(2, dtype=ak.float64))
    mu = np.array([1.0, -1.0])
    kl = 0.5 * (np.trace(c) + mu @ mu - 2 - log_det)
    assert close(D.kl_divergence(m, q), kl, tol=1e-10)


def test_multivariate_normal_messages_and_gradients() -> None:
    with pytest.raises(ValueError, match="^Exactly one of covariance_matrix or precision_matrix"):
        D.MultivariateNormal(ak.zeros(2))
    with pytest.raises(ValueError, match="^loc must be at least one-dimensional.$"):
        D.MultivariateNormal(ak.tensor(0.0), ak.eye(1))
    with pytest.raises(ValueError, match="constraint PositiveDefinite\\(\\)"):
        D.MultivariateNormal(ak.zeros(2), ak.tensor([[1.0, 2.0], [2.0, 1.0]]))

    def log_prob(mu: ak.Tensor, tril: ak.Tensor) -> ak.Tensor:
        factor = tril.tril() + 2 * ak.eye(2, dtype=ak.float64)
        x = ak.tensor([0.1, 0.2], dtype=ak.float64)
        return D.MultivariateNormal(mu, scale_tril=factor).log_prob(x)

    tril = ak.tensor([[0.1, 0.0], [0.3, -0.2]], dtype=ak.float64, requires_grad=True)
    assert gradcheck(log_prob, (d64(0.5, -0.5), tril))


# ---- Geometric and Cauchy ----------------------------------------------------------------


def test_geometric_and_cauchy_formulas() -> None:
    g = D.Geometric(ak.tensor([0.25]))
    assert close(g.log_prob(ak.tensor([2.0])), [2 * math.log(0.75) + math.log(0.25)])
    assert close(g.mean, [3.0]) and close(g.variance, [12.0])
    assert close(g.entropy(), [-(0.25 * math.log(0.25) + 0.75 * math.log(0.75)) / 0.25])
    samples = D.Geometric(ak.tensor(0.5)).sample((200,))
    assert bool((samples >= 0).all()) and bool((samples % 1 == 0).all())
    with pytest.raises(ValueError) as info:
        D.Geometric(ak.tensor([0.0, 0.5]))
    assert str(info.value) == (
        "Expected parameter probs (Tensor of shape (2,)) of distribution "
        f"Geometric(probs: {ak.Size([2])}) to be positive but found invalid values:\n"
        "tensor([0.])"
    )
    c = D.Cauchy(ak.tensor([1.0]), ak.tensor([2.0]))
    assert close(c.log_prob(ak.tensor([3.0])), [-math.log(math.pi) - math.log(2.0) - math.log(2.0)])
    assert close(c.cdf(ak.tensor([3.0])), [0.75])
    assert close(c.entropy(), [math.log(4 * math.pi) + math.log(2.0)])
    kl = D.kl_divergence(D.Cauchy(0.0, 1.0), D.Cauchy(1.0, 2.0))
    assert close(kl, math.log(9 + 1) - math.log(8))

    def draw(loc: ak.Tensor, log_scale: ak.Tensor) -> ak.Tensor:
        ak.manual_seed(5)
        return D.Cauchy(loc, log_scale.exp()).rsample((3,))

    assert gradcheck(draw, (d64(0.2, -0.4), d64(0.1, 0.7)))


# ---- transforms and TransformedDistribution ----------------------------------------------


@pytest.mark.parametrize("transform", [
    D.ExpTransform(), D.SigmoidTransform(), D.SoftplusTransform(), D.TanhTransform(),
    D.AffineTransform(1.0, -3.0), D.PowerTransform(3.0),
])
def test_transform_inverse_and_log_det(transform: D.Transform) -> None:
    """t.inv(t(x)) = x and log|J| agrees with the finite-difference slope log|dy/dx|."""
    x = ak.tensor([0.3, 0.9, 1.7], dtype=ak.float64)
    y = transform(x)
    assert close(transform.inv(y), x.numpy(), tol=1e-9)
    h = 1e-6
    slope = (transform(x + h) - transform(x - h)) / (2 * h)
    assert close(transform.log_abs_det_jacobian(x, y), np.log(np.abs(slope.numpy())), tol=1e-6)
    assert close(transform.inv.log_abs_det_jacobian(y, x), -transform.log_abs_det_jacobian(x, y))


def test_transformed_distributions() -> None:
    ln = D.LogNormal(ak.tensor([0.5]), ak.tensor([2.0]))
    y = 1.5
    normal = -((math.log(y) - 0.5) ** 2) / 8 - math.log(2.0) - 0.5 * math.log(2 * math.pi)
    assert close(ln.log_prob(ak.tensor([y])), [normal - math.log(y)])
    assert close(ln.mean, [math.exp(0.5 + 2.0)])
    assert repr(ln) == "LogNormal()"  # loc and scale live on the base Normal, as in PyTorch
    hn = D.HalfNormal(ak.tensor([2.0]))
    half = -1 / 8 - math.log(2.0) - 0.5 * math.log(2 * math.pi) + math.log(2)
    assert close(hn.log_prob(ak.tensor([1.0])), [half])
    assert D.HalfNormal(2.0, validate_args=False).log_prob(ak.tensor(-1.0)).item() == -math.inf
    squashed = D.TransformedDistribution(D.Normal(0.0, 1.0), [D.TanhTransform()])
    a = ak.tensor(0.5)
    expected = D.Normal(0.0, 1.0).log_prob(a.atanh()) - math.log(1 - 0.25)
    assert close(squashed.log_prob(a), expected.item())
    assert repr(D.ComposeTransform([D.ExpTransform(), D.AffineTransform(1.0, 2.0)])) == (
        "ComposeTransform(\n    ExpTransform(),\n    AffineTransform()\n)"
    )
    with pytest.raises(ValueError, match="^transforms must be a Transform or a list of"):
        D.TransformedDistribution(D.Normal(0.0, 1.0), [D.ExpTransform(), 3])


# ---- MixtureSameFamily ---------------------------------------------------------------------


def test_gaussian_mixture() -> None:
    weights, locs = [0.3, 0.7], [-1.0, 2.0]
    g = D.MixtureSameFamily(D.Categorical(ak.tensor(weights)), D.Normal(ak.tensor(locs), 1.0))
    x = 0.5
    density = sum(
        w * math.exp(-((x - m) ** 2) / 2) / math.sqrt(2 * math.pi) for w, m in zip(weights, locs)
    )
    assert close(g.log_prob(ak.tensor(x)), math.log(density))
    assert close(g.mean, 0.3 * -1 + 0.7 * 2)
    assert close(g.variance, 1 + 0.3 * (-1 - 1.1) ** 2 + 0.7 * (2 - 1.1) ** 2)
    assert g.sample((5,)).shape == ak.Size([5])
    with pytest.raises(ValueError, match="does not equal `component_distribution.batch_shape"):
        D.MixtureSameFamily(D.Categorical(ak.ones(3)), D.Normal(ak.zeros(2), 1.0))

    def nll(logits: ak.Tensor, mu: ak.Tensor) -> ak.Tensor:
        mixture = D.MixtureSameFamily(D.Categorical(logits=logits), D.Normal(mu, 1.0))
        return -mixture.log_prob(ak.tensor([-1.5, 0.2, 2.5], dtype=ak.float64)).sum()

    assert gradcheck(nll, (d64(0.2, -0.4), d64(-1.0, 2.0)))


# ---- Gumbel and the relaxed (Concrete) distributions ---------------------------------------


def test_gumbel_and_relaxed() -> None:
    g = D.Gumbel(ak.tensor([1.0]), ak.tensor([2.0]))
    z = (1.0 - 0.5) / 2.0
    assert close(g.log_prob(ak.tensor([0.5])), [z - math.exp(z) - math.log(2.0)])
    assert close(g.cdf(ak.tensor([0.5])), [math.exp(-math.exp(z))])
    assert close(g.mean, [1.0 + 2.0 * 0.5772156649])
    rb = D.RelaxedBernoulli(ak.tensor(0.5), probs=ak.tensor([0.2, 0.7]))
    x = rb.rsample((50,))
    assert bool(((x > 0) & (x < 1)).all())
    relaxed = D.RelaxedOneHotCategorical(ak.tensor(0.5), logits=ak.tensor([1.0, 2.0, 0.5]))
    y = relaxed.rsample((4,))
    assert close(y.sum(-1), np.ones(4))

    def draw(logits: ak.Tensor) -> ak.Tensor:
        ak.manual_seed(1)
        return D.RelaxedOneHotCategorical(ak.tensor(0.7, dtype=ak.float64), logits=logits).rsample()

    assert gradcheck(draw, (d64(0.2, -0.4, 1.0),))
    assert not hasattr(D, "LogitRelaxedBernoulli")  # as in PyTorch: only in its module
    assert D.relaxed_bernoulli.LogitRelaxedBernoulli(ak.tensor(2.0), probs=0.3).batch_shape == ()


# ---- Poisson, Gamma, Beta, Dirichlet ------------------------------------------------------------


def test_gamma_family_formulas() -> None:
    poisson = D.Poisson(ak.tensor(2.0)).log_prob(ak.tensor(3.0))
    assert close(poisson, 3 * math.log(2) - 2 - math.log(6))
    g = D.Gamma(ak.tensor(2.0), ak.tensor(3.0))
    assert close(g.log_prob(ak.tensor(0.5)), 2 * math.log(3) + math.log(0.5) - 1.5 - 0.0)
    assert close(g.entropy(), D.ExponentialFamily.entropy(g).item())
    b = D.Beta(2.0, 3.0)
    assert close(b.log_prob(ak.tensor(0.4)), math.log(12 * 0.4 * 0.6**2))  # 1/B(2, 3) = 12
    assert close(b.mean, 0.4) and close(b.variance, 6 / (25 * 6))
    d = D.Dirichlet(ak.tensor([1.0, 1.0, 1.0]))
    assert close(d.log_prob(ak.tensor([0.2, 0.3, 0.5])), math.log(2.0))  # uniform: Γ(3)
    assert close(D.kl_divergence(d, d), 0.0)
    for dist in (D.Gamma(1.0, 1.0), D.Beta(1.0, 1.0), d):  # (PyTorch's samplers now)
        assert bool(dist.support.check(dist.sample((3,))).all())

    def nll(alpha: ak.Tensor, beta: ak.Tensor) -> ak.Tensor:
        x = ak.tensor([0.3, 0.6], dtype=ak.float64)
        a, b = alpha.exp(), beta.exp()
        return D.Beta(a, b).log_prob(x) + D.Gamma(a, b).log_prob(x)

    assert gradcheck(nll, (d64(0.2, -0.4), d64(0.1, 0.7)))


def test_binomial_and_multinomial() -> None:
    b = D.Binomial(10, ak.tensor(0.2))
    assert close(b.log_prob(ak.tensor(3.0)), math.log(math.comb(10, 3) * 0.2**3 * 0.8**7))
    pmf = [math.comb(10, k) * 0.2**k * 0.8 ** (10 - k) for k in range(11)]
    assert close(b.entropy(), -sum(q * math.log(q) for q in pmf))
    draws = b.sample((50,))
    assert draws.shape == ak.Size([50]) and bool(((draws >= 0) & (draws <= 10)).all())
    m = D.Multinomial(6, ak.tensor([0.2, 0.3, 0.5]))
    expected = math.log(math.factorial(6) / (1 * 2 * 6) * 0.2 * 0.3**2 * 0.5**3)
    assert close(m.log_prob(ak.tensor([1.0, 2.0, 3.0])), expected)
    counts = m.sample((5,))
    assert counts.shape == ak.Size([5, 3]) and close(counts.sum(-1), np.full(5, 6.0))


def test_more_transformed_and_heavy_tailed() -> None:
    assert close(D.Chi2(ak.tensor(2.0)).log_prob(ak.tensor(1.0)), math.log(0.5) - 0.5)
    hc = D.HalfCauchy(ak.tensor(2.0))
    assert close(hc.log_prob(ak.tensor(2.0)), math.log(2 / (math.pi * 2 * 2)))
    pa = D.Pareto(ak.tensor(1.0), ak.tensor(3.0))
    assert close(pa.log_prob(ak.tensor(2.0)), math.log(3.0) - 4 * math.log(2.0))
    wb = D.Weibull(ak.tensor(2.0), ak.tensor(1.5))
    y = 1.0
    expected = math.log(1.5 / 2) + 0.5 * math.log(y / 2) - (y / 2) ** 1.5
    assert close(wb.log_prob(ak.tensor(y)), expected)
    st = D.StudentT(ak.tensor(3.0))
    density = math.gamma(2.0) / (math.sqrt(3 * math.pi) * math.gamma(1.5)) * (1 + 1 / 3) ** -2
    assert close(st.log_prob(ak.tensor(1.0)), math.log(density))


def test_constraint_registry_and_vector_transforms() -> None:
    C = constraints  # noqa: N806
    assert isinstance(D.biject_to(C.real), D.ComposeTransform)  # the identity
    assert isinstance(D.transform_to(C.unit_interval), D.SigmoidTransform)
    assert isinstance(D.biject_to(C.simplex), D.StickBreakingTransform)
    assert isinstance(D.transform_to(C.simplex), D.SoftmaxTransform)
    with pytest.raises(NotImplementedError, match="^Cannot transform _Boolean constraints$"):
        D.biject_to(C.boolean)
    u = ak.tensor([-1.0, 0.0, 2.0], dtype=ak.float64)
    y = D.transform_to(C.interval(-1.0, 3.0))(u)
    assert close(y, -1 + 4 / (1 + np.exp(-u.numpy())))
    sb = D.StickBreakingTransform()
    simplex_point = sb(u)
    assert simplex_point.shape == (4,) and close(simplex_point.sum(), 1.0)
    assert close(sb.inv(simplex_point), u.numpy(), tol=1e-9)
    lower = D.LowerCholeskyTransform()(ak.tensor([[0.0, 5.0], [2.0, 0.0]]))
    assert lower.tolist() == [[1.0, 0.0], [2.0, 1.0]]


def test_continuous_bernoulli() -> None:
    lam = 0.2
    cb = D.ContinuousBernoulli(ak.tensor([lam], dtype=ak.float64))
    norm = 2 * math.atanh(1 - 2 * lam) / (1 - 2 * lam)
    x = 0.3
    expected = math.log(norm * lam**x * (1 - lam) ** (1 - x))
    assert close(cb.log_prob(ak.tensor([x], dtype=ak.float64)), [expected])
    half = D.ContinuousBernoulli(ak.tensor([0.5]))  # the Taylor branch: uniform density
    assert close(half.log_prob(ak.tensor([0.7])), [0.0]) and close(half.mean, [0.5])
    u = ak.tensor([0.1, 0.6], dtype=ak.float64)
    assert close(cb.cdf(cb.icdf(u)), u.numpy(), tol=1e-9)
    with pytest.raises(ValueError, match="^The parameter probs has invalid values$"):
        D.ContinuousBernoulli(ak.tensor([1.5]), validate_args=True)


def test_negative_binomial_kumaraswamy_inverse_gamma_logistic_normal() -> None:
    nb = D.NegativeBinomial(ak.tensor(3.0), ak.tensor(0.4))
    expected = math.log(math.comb(3 + 2 - 1, 2) * 0.6**3 * 0.4**2)
    assert close(nb.log_prob(ak.tensor(2.0)), expected)
    a, b, x = 2.0, 3.0, 0.3
    kumaraswamy = D.Kumaraswamy(ak.tensor(a), ak.tensor(b))
    density = a * b * x ** (a - 1) * (1 - x**a) ** (b - 1)
    assert close(kumaraswamy.log_prob(ak.tensor(x)), math.log(density))
    ig = D.InverseGamma(ak.tensor(3.0), ak.tensor(2.0))
    y = 0.5
    density = 2.0**3 / math.gamma(3.0) * y ** (-4.0) * math.exp(-2.0 / y)
    assert close(ig.log_prob(ak.tensor(y)), math.log(density))
    ln = D.LogisticNormal(ak.zeros(2), ak.ones(2))
    assert ln.event_shape == ak.Size([3]) and close(ln.sample().sum(), 1.0)


def test_von_mises() -> None:
    kappa = 2.0
    v = D.VonMises(ak.tensor(0.5, dtype=ak.float64), ak.tensor(kappa, dtype=ak.float64))
    i0 = sum((kappa / 2) ** (2 * m) / math.factorial(m) ** 2 for m in range(30))
    expected = kappa * math.cos(1.0 - 0.5) - math.log(2 * math.pi) - math.log(i0)
    assert close(v.log_prob(ak.tensor(1.0, dtype=ak.float64)), expected, tol=1e-6)
    samples = v.sample((200,))
    assert bool(((samples >= -math.pi) & (samples < math.pi)).all())
    assert abs(samples.mean().item() - 0.5) < 0.2


def test_low_rank_multivariate_normal_matches_the_full_one() -> None:
    w = ak.tensor([[1.0, 0.0], [0.5, 1.0], [-0.2, 0.3]], dtype=ak.float64)
    d = ak.tensor([0.5, 1.0, 2.0], dtype=ak.float64)
    low = D.LowRankMultivariateNormal(ak.zeros(3, dtype=ak.float64), w, d)
    cov = w.numpy() @ w.numpy().T + np.diag(d.numpy())
    full = D.MultivariateNormal(ak.zeros(3, dtype=ak.float64), ak.tensor(cov))
    x = ak.tensor([0.3, -0.1, 0.8], dtype=ak.float64)
    assert close(low.log_prob(x), full.log_prob(x).item(), tol=1e-10)
    assert close(low.entropy(), full.entropy().item(), tol=1e-10)
    assert close(low.precision_matrix, np.linalg.inv(cov), tol=1e-10)
    assert close(low.scale_tril, np.linalg.cholesky(cov), tol=1e-10)


def test_kl_between_families_and_transformed() -> None:
    lognormal = D.kl_divergence(D.LogNormal(0.0, 1.0), D.LogNormal(1.0, 2.0))
    assert close(lognormal, D.kl_divergence(D.Normal(0.0, 1.0), D.Normal(1.0, 2.0)).item())
    p = D.Exponential(ak.tensor(1.5))
    kl = D.kl_divergence(p, D.Gamma(ak.tensor(1.0), ak.tensor(2.0)))  # Gamma(1, λ) = Exp(λ)
    assert close(kl, D.kl_divergence(p, D.Exponential(ak.tensor(2.0))).item())
    assert D.kl_divergence(D.Normal(0.0, 1.0), D.Beta(2.0, 2.0)).item() == math.inf
    with pytest.raises(NotImplementedError):
        D.kl_divergence(D.LogNormal(0.0, 1.0), D.Gumbel(0.0, 1.0))


def test_structure_transforms() -> None:
    x = ak.tensor([0.5, -1.0, 2.0], dtype=ak.float64)
    c = D.CatTransform([D.ExpTransform(), D.SigmoidTransform()], dim=0, lengths=[1, 2])
    y = c(x)
    assert close(y, [math.exp(0.5), 1 / (1 + math.e), 1 / (1 + math.exp(-2.0))])
    assert close(c.inv(y), x.numpy(), tol=1e-9)
    s = D.StackTransform([D.ExpTransform(), D.identity_transform], dim=0)
    z = ak.tensor([[0.0, 1.0], [2.0, 3.0]])
    assert close(s(z), [[1.0, math.e], [2.0, 3.0]])
    r = D.ReshapeTransform((2, 3), (6,))
    assert r(ak.zeros(4, 2, 3)).shape == (4, 6)
    with pytest.raises(ValueError, match="^in_shape, out_shape have different numbers"):
        D.ReshapeTransform((2, 3), (5,))
    with pytest.raises(AssertionError, match=r"^x.size\(0\) = 3 must equal length 2$"):
        D.CatTransform([D.ExpTransform()], dim=0, lengths=[2])(ak.ones(3))
    cdf = D.CumulativeDistributionTransform(D.Normal(0.0, 1.0))
    assert close(cdf(ak.tensor(0.0)), 0.5)


def test_corr_cholesky_and_tril_helpers() -> None:
    m = ak.arange(1.0, 10.0).reshape(3, 3)
    vec = D.utils.tril_matrix_to_vec(m)
    assert vec.tolist() == [1.0, 4.0, 5.0, 7.0, 8.0, 9.0]
    assert D.utils.vec_to_tril_matrix(vec).tolist() == [[1, 0, 0], [4, 5, 0], [7, 8, 9]]
    x = ak.tensor([0.3, -0.5, 1.2], dtype=ak.float64)
    t = D.CorrCholeskyTransform()
    y = t(x)
    corr = y.numpy() @ y.numpy().T
    assert np.allclose(np.diag(corr), 1.0) and bool(constraints.corr_cholesky.check(y))
    assert close(t.inv(y), x.numpy(), tol=1e-9)


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # σ/ξ at ξ = 0 (masked by where)
def test_generalized_pareto_and_fisher_snedecor() -> None:
    g = D.GeneralizedPareto(ak.tensor(0.0), ak.tensor(2.0), ak.tensor(0.5))
    x, z = 1.0, 0.5
    assert close(g.log_prob(ak.tensor(x)), -math.log(2.0) - 3 * math.log(1 + 0.5 * z))
    u = ak.tensor([0.2, 0.9])
    assert close(g.cdf(g.icdf(u)), u.numpy())
    exp_like = D.GeneralizedPareto(0.0, 1.0, 0.0)  # ξ = 0: Exponential(1)
    assert close(exp_like.log_prob(ak.tensor(0.7)), -0.7)
    f = D.FisherSnedecor(ak.tensor(3.0), ak.tensor(6.0))
    d1, d2, y = 3.0, 6.0, 0.5
    density = (
        math.gamma((d1 + d2) / 2) / (math.gamma(d1 / 2) * math.gamma(d2 / 2))
        * (d1 / d2) ** (d1 / 2) * y ** (d1 / 2 - 1) * (1 + d1 * y / d2) ** (-(d1 + d2) / 2)
    )
    assert close(f.log_prob(ak.tensor(y)), math.log(density))


def test_low_rank_kl_matches_the_full_rank_formula() -> None:
    f64 = {"dtype": ak.float64}
    p = D.LowRankMultivariateNormal(
        ak.tensor([0.0, 1.0, 0.0], **f64), ak.tensor([[1.0], [0.5], [-0.2]], **f64),
        ak.tensor([1.0, 0.5, 2.0], **f64),
    )
    q = D.LowRankMultivariateNormal(
        ak.tensor([1.0, 0.0, 0.0], **f64), ak.tensor([[0.3, 0.0], [0.1, 1.0], [0.0, 0.2]], **f64),
        ak.tensor([0.5, 1.0, 1.0], **f64),
    )
    full_p = D.MultivariateNormal(p.loc, p.covariance_matrix)
    full_q = D.MultivariateNormal(q.loc, q.covariance_matrix)
    expected = D.kl_divergence(full_p, full_q).item()
    assert close(D.kl_divergence(p, q), expected, tol=1e-10)
    assert close(D.kl_divergence(p, full_q), expected, tol=1e-10)
    assert close(D.kl_divergence(full_p, q), expected, tol=1e-10)


def test_lkj_cholesky() -> None:
    to_l = D.CorrCholeskyTransform()
    a, b = to_l(ak.tensor([0.3])), to_l(ak.tensor([-1.2]))
    flat = D.LKJCholesky(2, 1.0)  # η = 1: every correlation equally likely
    assert close(flat.log_prob(a), flat.log_prob(b).item())
    peaked = D.LKJCholesky(2, 2.0)  # log p grows by 2 log L_11 per unit of η - 1
    diff = peaked.log_prob(a) - peaked.log_prob(b)
    assert close(diff, 2 * (math.log(a[1, 1].item()) - math.log(b[1, 1].item())))
    with pytest.raises(ValueError, match="^Expected dim to be an integer greater than or equal"):
        D.LKJCholesky(1)
