"""Forward-mode AD (autograd.forward_ad) and the function transforms (autograd_kit.func),
checked without PyTorch: hand-computed tangents, agreement with autograd.functional and
with finite differences, nesting, and what is detached or kept."""

from __future__ import annotations

import numpy as np
import pytest

import autograd_kit as ak
from autograd_kit.autograd import forward_ad as fwAD
from autograd_kit.autograd import functional

F = ak.func


def close(a: ak.Tensor, b: object, tol: float = 1e-6) -> bool:
    other = b.numpy() if isinstance(b, ak.Tensor) else np.asarray(b)
    return np.allclose(a.detach().numpy(), other, atol=tol, rtol=tol)


def f2(x: ak.Tensor, y: ak.Tensor) -> ak.Tensor:
    return x.sin() * y + x ** 2 / (1 + y ** 2)


def finite_difference_jvp(fn, xs, vs, eps=1e-6):
    """(fn(xs + eps v) - fn(xs - eps v)) / 2 eps, in float64."""
    up = fn(*[x + eps * v for x, v in zip(xs, vs)])
    down = fn(*[x - eps * v for x, v in zip(xs, vs)])
    return (up - down) / (2 * eps)


# ---- forward_ad ------------------------------------------------------------------------------

def test_tangent_of_a_square_is_two_x_v():
    x, v = ak.tensor([1., 2., 3.]), ak.tensor([1., 0., -1.])
    with fwAD.dual_level():
        out = fwAD.make_dual(x, v) ** 2
        primal, tangent = fwAD.unpack_dual(out)
    assert close(tangent, [2., 0., -6.])
    assert close(primal, [1., 4., 9.])
    assert not primal.requires_grad and not tangent.requires_grad


def test_several_dual_inputs_add_their_contributions():
    x, y = ak.tensor([0.5, -1.], dtype=ak.float64), ak.tensor([2., 3.], dtype=ak.float64)
    vx, vy = ak.tensor([1., 2.], dtype=ak.float64), ak.tensor([-1., 0.5], dtype=ak.float64)
    with fwAD.dual_level():
        out = f2(fwAD.make_dual(x, vx), fwAD.make_dual(y, vy))
        tangent = fwAD.unpack_dual(out).tangent
    assert close(tangent, finite_difference_jvp(f2, [x, y], [vx, vy]), 1e-6)
    _, expected = functional.jvp(f2, (x, y), (vx, vy))
    assert close(tangent, expected)


def test_unpack_dual_of_plain_tensors_and_after_the_level():
    with fwAD.dual_level():
        d = fwAD.make_dual(ak.ones(2), ak.tensor([3., 4.]))
        plain = ak.ones(2) * 2
        assert fwAD.unpack_dual(plain) == (plain, None)
        assert close(fwAD.unpack_dual(d).tangent, [3., 4.])
        out = d * plain
        assert fwAD.unpack_dual(ak.randn(2, requires_grad=True) * 2).tangent is None
    assert fwAD.unpack_dual(out).tangent is None
    assert fwAD.unpack_dual(5) == (5, None)


def test_zero_tangent_when_the_jacobian_is_zero():
    with fwAD.dual_level():
        d = fwAD.make_dual(ak.tensor([1., 2.]), ak.ones(2))
        assert close(fwAD.unpack_dual(d * 0).tangent, [0., 0.])
        assert close(fwAD.unpack_dual(d.detach() * 3 + d.sum()).tangent, [2., 2.])


def test_linear_module_with_dual_parameters():
    model = ak.nn.Linear(3, 2)
    x = ak.randn(4, 3)
    tangents = {n: ak.rand_like(p) for n, p in model.named_parameters()}
    with fwAD.dual_level():
        for name, p in list(model.named_parameters()):
            delattr(model, name)
            setattr(model, name, fwAD.make_dual(p, tangents[name]))
        tangent = fwAD.unpack_dual(model(x)).tangent
    assert close(tangent, x @ tangents["weight"].T + tangents["bias"])


def test_a_primal_that_requires_grad_stays_in_its_graph():
    q = ak.tensor([1., 2.], requires_grad=True)
    with fwAD.dual_level():
        d = fwAD.make_dual(q, ak.tensor([1., 0.]))
        assert type(d.grad_fn).__name__ == "ViewBackward0"
        out = (d ** 2).sum()
        assert fwAD.unpack_dual(out).tangent.item() == 2.0
        out.backward()
    assert close(q.grad, [2., 4.])


def test_level_errors():
    with pytest.raises(RuntimeError, match="no level exists"):
        fwAD.make_dual(ak.ones(1), ak.ones(1))
    with fwAD.dual_level():
        with pytest.raises(RuntimeError, match="Nested forward mode AD"):
            fwAD.enter_dual_level()
        with pytest.raises(RuntimeError, match="different size"):
            fwAD.make_dual(ak.ones(2), ak.ones(3))
        with pytest.raises(ValueError, match="primal to be floating point"):
            fwAD.make_dual(ak.tensor([1]), ak.tensor([1]))
    with pytest.raises(RuntimeError, match="positive number"):
        fwAD.exit_dual_level()
    assert fwAD.enter_dual_level() == 0
    fwAD.exit_dual_level()


# ---- func ------------------------------------------------------------------------------------

def test_grad_matches_hand_derivatives_and_nests():
    x = ak.tensor(0.7, dtype=ak.float64)
    assert close(F.grad(ak.sin)(x), np.cos(0.7))
    assert close(F.grad(F.grad(ak.sin))(x), -np.sin(0.7))
    assert close(F.grad(F.grad(F.grad(lambda t: t ** 4)))(x), 24 * 0.7)
    assert not F.grad(F.grad(ak.sin))(x).requires_grad


def test_grad_keeps_the_inner_variable_apart_from_the_closure():
    x0 = ak.tensor(2.)
    # d/dx [d/dy x*y]  = d/dx x = 1, not 2 (y is grad's own variable, x the outer one)
    assert F.grad(lambda x: F.grad(lambda y: x * y)(x))(x0).item() == 1.0
    # d/dx [d/dy x y²] at y=3: d/dx (2 x y) = 2 y = 6, detached
    result = F.grad(lambda x: F.grad(lambda y: x * y ** 2)(ak.tensor(3.)))(x0)
    assert result.item() == 6.0 and result.grad_fn is None


def test_grad_of_a_tensor_that_requires_grad_is_differentiable():
    x = ak.tensor([1., 2.], requires_grad=True)
    g = F.grad(lambda t: (t ** 3).sum())(x)
    assert g.requires_grad
    g.sum().backward()
    assert close(x.grad, [6., 12.])


def test_grad_argnums_aux_and_pytrees():
    p = ak.tensor([1., 2.])
    gx, gy = F.grad(lambda x, y: (x * y).sum(), argnums=(0, 1))(p, p * 3)
    assert close(gx, [3., 6.]) and close(gy, [1., 2.])
    g, aux = F.grad(lambda x: ((x * 2).sum(), x), has_aux=True)(p)
    assert close(g, [2., 2.]) and not aux.requires_grad
    d = F.grad(lambda d: (d["a"] * d["b"]).sum())({"a": p, "b": p * 2})
    assert close(d["a"], [2., 4.]) and close(d["b"], [1., 2.])
    assert close(F.grad(lambda x: p.sum())(p), [0., 0.])
    with pytest.raises(RuntimeError, match="scalar Tensor"):
        F.grad(lambda x: x * 2)(p)


def test_vjp_and_jvp_agree_with_autograd_functional():
    x = ak.tensor([0.3, -1.2], dtype=ak.float64)
    y = ak.tensor([2., 0.5], dtype=ak.float64)
    v = ak.tensor([1., -2.], dtype=ak.float64)
    out, vjp_fn = F.vjp(f2, x, y)
    _, expected = functional.vjp(f2, (x, y), v)
    for got, want in zip(vjp_fn(v), expected):
        assert close(got, want)
    out2, jv = F.jvp(f2, (x, y), (v, v))
    assert close(out, out2) and close(jv, functional.jvp(f2, (x, y), (v, v))[1])
    assert close(jv, finite_difference_jvp(f2, [x, y], [v, v]))


def test_jacobians_and_hessian_agree_with_autograd_functional():
    x = ak.tensor([0.3, -1.2, 0.8], dtype=ak.float64)
    fn = lambda t: (t.exp() * t.sum()).tanh()  # noqa: E731
    want = functional.jacobian(fn, x)
    assert close(F.jacrev(fn)(x), want) and close(F.jacfwd(fn)(x), want)
    scalar = lambda t: (t.sin() * t.sum()).sum()  # noqa: E731
    assert close(F.hessian(scalar)(x), functional.hessian(scalar, x))
    jx, jy = F.jacrev(f2, argnums=(0, 1))(x[:2], x[1:])
    assert jx.shape == (2, 2) and jy.shape == (2, 2)


def test_vmap_is_a_loop_with_stack():
    xs = ak.arange(6.).reshape(2, 3)
    assert close(F.vmap(lambda x: x.sum(), in_dims=1)(xs), [3., 5., 7.])
    assert close(F.vmap(lambda x, y: x * y, in_dims=(0, None))(xs, ak.ones(3)), xs)
    per_sample = F.vmap(F.grad(lambda x: (x ** 2).sum()))(xs)
    assert close(per_sample, 2 * xs)


def test_functional_call_swaps_and_restores():
    m = ak.nn.Linear(2, 1)
    weight = m.weight
    out = F.functional_call(m, {"weight": ak.ones(1, 2), "bias": ak.zeros(1)},
                            (ak.tensor([1., 2.]),))
    assert close(out, [3.])
    assert m.weight is weight and dict(m.named_parameters())["weight"] is weight
    grads = F.grad(lambda p: F.functional_call(m, p, ak.tensor([1., 2.])).sum())(
        dict(m.named_parameters()))
    assert close(grads["weight"], [[1., 2.]]) and close(grads["bias"], [1.])
