"""Every numbered example of SYLLABUS.md (C08–C26), one test per concept, with its exact numbers."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import autograd_kit as ak


def close(t, expected) -> bool:
    return np.allclose(np.asarray(t.detach().tolist(), dtype=float), expected)


def _yxw():
    w = ak.tensor([1.0], requires_grad=True)
    x = ak.tensor([2.0], requires_grad=True)
    a = x + w
    b = w + 1
    y = a * b
    return w, x, a, b, y


def test_C08_backward_chain_rule():
    x = ak.ones(2, 2, requires_grad=True)
    y = x + 2
    z = y * y * 2
    out = z.mean()
    assert out.item() == 18.0
    out.backward()
    assert close(x.grad, np.full((2, 2), 3.0))
    w, x, a, b, y = _yxw()
    assert y.item() == 6.0
    y.backward()
    assert w.grad.item() == 5.0 and x.grad.item() == 2.0


def test_C09_paths_add_up():
    a = ak.tensor(2.0, requires_grad=True)
    w1, w2, w3, w4 = (ak.tensor(v, requires_grad=True) for v in (0.5, -1.5, 2.0, 3.0))
    b = w1 * a
    c = w2 * a
    d = w3 * b + w4 * c
    L = 10 - d
    assert L.item() == 17.0
    L.backward()
    assert a.grad.item() == 3.5
    assert [w.grad.item() for w in (w1, w2, w3, w4)] == [-4.0, -6.0, -1.0, 3.0]


def test_C10_only_leaves_keep_grad():
    w, x, a, b, y = _yxw()
    y.backward()
    assert w.grad.item() == 5.0 and x.grad.item() == 2.0
    for t in (a, b, y):
        with pytest.warns(UserWarning, match="not a leaf Tensor"):
            assert t.grad is None


def test_C11_retain_grad():
    w, x, a, b, y = _yxw()
    a.retain_grad()
    y.backward()
    assert a.grad.item() == 2.0
    assert a.retains_grad


def test_C12_non_scalar_gradient_argument():
    x = ak.tensor([0.0, 2.0, 8.0], requires_grad=True)
    y = ak.tensor([5.0, 1.0, 7.0], requires_grad=True)
    z = x * y
    with pytest.raises(RuntimeError, match="grad can be implicitly created only for scalar"):
        z.backward()
    z.backward(ak.ones(3))
    assert x.grad.tolist() == [5.0, 1.0, 7.0]
    assert y.grad.tolist() == [0.0, 2.0, 8.0]
    x = ak.tensor([0.5, -1.2, 0.3], requires_grad=True)
    y = x * 2
    n = 1
    while y.norm() < 100:
        y = y * 2
        n += 1
    assert n == 7
    y.backward(ak.tensor([0.1, 1.0, 0.0001]))
    assert close(x.grad, [12.8, 128.0, 0.0128])


def test_C13_vjp_matches_explicit_jacobian():
    x = ak.tensor([1.0, 2.0, 3.0], dtype=ak.float64, requires_grad=True)
    y = ak.stack([x[0] * x[1], x[1].sin() * x[2], x[0] ** 2 + x[2]])
    xs = [1.0, 2.0, 3.0]
    jac = np.array([[xs[1], xs[0], 0.0],
                    [0.0, np.cos(xs[1]) * xs[2], np.sin(xs[1])],
                    [2 * xs[0], 0.0, 1.0]])
    v = np.array([0.3, -1.0, 2.0])
    y.backward(ak.tensor(v, dtype=ak.float64))
    assert np.allclose(x.grad.tolist(), v @ jac)


def test_C14_weighted_outputs():
    def run(g):
        w = ak.tensor([1.0], requires_grad=True)
        x = ak.tensor([2.0], requires_grad=True)
        y0 = (x + w) * (w + 1)
        y1 = w * 1
        loss = ak.cat([y0, y1])
        loss.backward(gradient=ak.tensor(g))
        return w.grad.item()

    assert run([1.0, 1.0]) == 6.0
    assert run([1.0, 2.0]) == 7.0


def test_C15_graph_is_freed():
    w, x, a, b, y = _yxw()
    y.backward()
    with pytest.raises(RuntimeError, match="Trying to backward through the graph a second time"):
        y.backward()
    w, x, a, b, y = _yxw()
    y.backward(retain_graph=True)
    assert w.grad.item() == 5.0
    y.backward()
    assert w.grad.item() == 10.0


def test_C16_gradients_accumulate():
    w = ak.tensor([1.0], requires_grad=True)
    x = ak.tensor([2.0], requires_grad=True)
    seen = []
    for _ in range(4):
        ((x + w) * (w + 1)).backward()
        seen.append(w.grad.item())
    assert seen == [5.0, 10.0, 15.0, 20.0]
    w.grad = None
    seen = []
    for _ in range(4):
        ((x + w) * (w + 1)).backward()
        seen.append(w.grad.item())
        w.grad.zero_()
    assert seen == [5.0, 5.0, 5.0, 5.0]


def test_C17_no_grad():
    x = ak.tensor([1.0], requires_grad=True)
    with ak.no_grad():
        y = x * 2
    assert y.requires_grad is False and y.grad_fn is None
    assert (x * 2).requires_grad is True


def test_C18_detach():
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    d = y.detach()
    assert d.is_leaf and not d.requires_grad and d.grad_fn is None
    assert d.data_ptr() == y.data_ptr()
    with ak.no_grad():
        y.mul_(3)
    assert d.tolist() == [6.0, 12.0]


def test_C19_freezing():
    w1 = ak.tensor([2.0], requires_grad=True)
    w2 = ak.tensor([3.0], requires_grad=True)
    w2.requires_grad = False
    (w1 * w2 * 4).sum().backward()
    assert w1.grad.item() == 12.0
    assert w2.grad is None


def test_C20_historical_api():
    t = ak.ones(2)
    with pytest.warns(DeprecationWarning, match="Variable"):
        v = ak.autograd.Variable(t, requires_grad=True)
    assert v.requires_grad and isinstance(v, ak.Tensor)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ak.autograd.Variable(ak.ones(2), volatile=True)
    assert any("volatile was removed and now has no effect. Use `with" in str(w.message)
               for w in caught)
    loss = (ak.ones(3, requires_grad=True) * 2).sum()
    with pytest.raises(IndexError, match=r"invalid index of a 0-dim tensor. Use `tensor.item\(\)`"):
        loss.data[0]
    assert loss.item() == 6.0


def test_C21_data():
    w = ak.tensor([1.0, 2.0], requires_grad=True)
    (w * w).sum().backward()
    lr = 0.1
    w.data -= lr * w.grad.data
    assert close(w, [0.8, 1.6])
    assert w.is_leaf and w.requires_grad
    assert w._version == 0


def test_C22_inplace_vs_out_of_place():
    a = ak.ones(3)
    original = a
    a = a + 1
    assert a is not original and original.tolist() == [1.0, 1.0, 1.0]
    b = ak.ones(3)
    same = b
    b += 1
    assert b is same and same.tolist() == [2.0, 2.0, 2.0]


def test_C23_no_inplace_on_leaf():
    x = ak.ones(3, requires_grad=True)
    with pytest.raises(RuntimeError,
                       match="a leaf Variable that requires grad is being used in an in-place"):
        x.add_(1)
    with ak.no_grad():
        x.add_(1)
    assert x.tolist() == [2.0, 2.0, 2.0]


def test_C24_version_counter():
    x = ak.tensor([1.0, 2.0, 3.0], requires_grad=True)
    a = x * 1
    b = a * a
    a.add_(1)
    with pytest.raises(RuntimeError, match=r"output 0 of Add, is at version 1; expected version 0"):
        b.sum().backward()
    x = ak.tensor([1.0, 2.0, 3.0], requires_grad=True)
    a = x * 1
    b = a.exp()
    a.mul_(2)  # exp saves its output, not its input: allowed
    b.sum().backward()
    assert close(x.grad, np.exp([1.0, 2.0, 3.0]))


def test_C25_autograd_grad():
    x1 = ak.tensor(1.0, requires_grad=True)
    x2 = ak.tensor(2.0, requires_grad=True)
    y1 = x1 * x2
    y2 = x1 + x2
    g = ak.autograd.grad(y1, [x1, x2], retain_graph=True)
    assert [v.item() for v in g] == [2.0, 1.0]
    g = ak.autograd.grad([y1, y2], [x1, x2])
    assert [v.item() for v in g] == [3.0, 2.0]
    assert x1.grad is None and x2.grad is None


def test_C26_create_graph_second_derivative():
    x = ak.tensor(3.0, requires_grad=True)
    y = x ** 2
    (d1,) = ak.autograd.grad(y, x, create_graph=True)
    assert d1.item() == 6.0
    assert d1.requires_grad and d1.grad_fn is not None
    assert d1.grad_fn.name() == "MulBackward0"
    (d2,) = ak.autograd.grad(d1, x)
    assert d2.item() == 2.0
