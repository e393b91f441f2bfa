"""Rules computed on the arrays when nothing is recorded (backward without create_graph, see
ops/unrecorded.py) give what the general path gives, and PyTorch: sigmoid's and tanh's rule
(`GradTimesDerivative.on_arrays` without `apply`), and TBackward0's transpose (`transposed`,
a view linked to its source as `Function.apply` links it)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

import autograd_kit as ak
from autograd_kit.ops import shape, unary
from autograd_kit.ops.shape import T, transposed
from autograd_kit.tensor import Tensor
from tests.float_pairs import DTYPES, bits, kit_copy, torch_copy

torch = pytest.importorskip("torch")


@contextmanager
def general_paths() -> Iterator[None]:
    """The shortcuts of this file switched off: the rules go through `Function.apply`."""
    saved = (unary.unrecorded, shape.unrecorded)
    unary.unrecorded = shape.unrecorded = lambda *tensors: False
    try:
        yield
    finally:
        unary.unrecorded, shape.unrecorded = saved


def _values(dtype: str, shape_: tuple[int, ...], seed: int) -> np.ndarray:
    """Random values, wide enough to saturate sigmoid and tanh, with ±0, ±inf and a nan."""
    rng = np.random.default_rng(seed)
    values = np.asarray(rng.standard_normal(shape_) * 6, dtype)
    flat = values.reshape(-1)
    specials = np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 40.0, -40.0], dtype)
    flat[: min(flat.size, specials.size)] = specials[: flat.size]
    return values


def _layout(t: Any) -> tuple[Any, ...]:
    data = t._data if isinstance(t, Tensor) else t.detach().numpy()
    return data.dtype.name, data.shape, data.strides


# ---- SigmoidBackward0 / TanhBackward0 on the arrays --------------------------------------

SHAPES = [(), (1,), (200, 1), (7, 9)]


@pytest.mark.parametrize("name", ["sigmoid", "tanh"])
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape_", SHAPES)
@pytest.mark.parametrize("summed", [False, True])  # (summed: an expanded, stride-0 gradient)
def test_backward_matches_general_path(name: str, dtype: str, shape_: tuple[int, ...],
                                       summed: bool) -> None:
    x, g = _values(dtype, shape_, 1), _values(dtype, shape_, 2)
    results = []
    for general in (False, True):
        kx = kit_copy(x, True)
        out = getattr(kx, name)()
        with general_paths() if general else nullcontext():
            out.sum().backward() if summed else out.backward(kit_copy(g))
        results.append(kx.grad)
    tx = torch_copy(x, True)
    out = getattr(tx, name)()
    out.sum().backward() if summed else out.backward(torch_copy(g))
    fast, general = results
    assert bits(fast._data) == bits(general._data)
    assert _layout(fast) == _layout(general) == _layout(tx.grad)


@pytest.mark.parametrize("name", ["sigmoid", "tanh"])
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape_", SHAPES)
def test_rule_gives_applys_tensor_and_torchs_bits(name: str, dtype: str,
                                                 shape_: tuple[int, ...]) -> None:
    """The rule under no_grad, on PyTorch's own y: PyTorch's ``sigmoid_backward`` /
    ``tanh_backward`` bits, in a fresh tensor as `apply` makes it (0-dim included, where
    NumPy computes a scalar)."""
    y = getattr(torch_copy(_values(dtype, shape_, 3)), name)().numpy()
    g = _values(dtype, shape_, 4)
    rule = {"sigmoid": unary.Sigmoid, "tanh": unary.Tanh}[name]
    ctx = SimpleNamespace(saved_tensors=(kit_copy(y),))
    with ak.no_grad():
        fast = rule.backward(ctx, kit_copy(g))
        with general_paths():
            general = rule.backward(ctx, kit_copy(g))
    reference = getattr(torch.ops.aten, name + "_backward")(torch_copy(g), torch_copy(y))
    assert type(fast) is type(general) is Tensor
    assert type(fast._data) is np.ndarray
    assert bits(fast._data) == bits(general._data)
    if dtype == "float32":  # (float64's tanh rule may differ from PyTorch's in the last bit)
        assert bits(fast._data) == bits(reference.numpy())
    assert _layout(fast) == _layout(general) == _layout(reference)
    assert fast._data.flags.c_contiguous == general._data.flags.c_contiguous
    assert fast.grad_fn is None and not fast.requires_grad and fast._base is None
    assert fast._version == 0 and fast._version_counter is not general._version_counter


@pytest.mark.parametrize("name, node", [("sigmoid", "SigmoidBackwardBackward0"),
                                        ("tanh", "TanhBackwardBackward0")])
@pytest.mark.parametrize("dtype", DTYPES)
def test_create_graph_still_records_the_rule(name: str, node: str, dtype: str) -> None:
    x = _values(dtype, (5, 3), 5)
    kx, tx = kit_copy(x, True), torch_copy(x, True)
    (kg,) = ak.autograd.grad(getattr(kx, name)().sum(), kx, create_graph=True)
    (tg,) = torch.autograd.grad(getattr(tx, name)().sum(), tx, create_graph=True)
    assert kg.grad_fn.name() == tg.grad_fn.name() == node
    (kgg,) = ak.autograd.grad(kg.sum(), kx)
    (tgg,) = torch.autograd.grad(tg.sum(), tx)
    if dtype == "float32":  # (float64's forward may differ from PyTorch's in the last bit)
        assert bits(kg._data) == bits(tg.detach().numpy())
        assert bits(kgg._data) == bits(tgg.numpy())


def test_inference_mode_rule_result_is_an_inference_tensor() -> None:
    x = _values("float32", (4,), 6)
    node = kit_copy(x, True).sigmoid().grad_fn
    with ak.inference_mode():
        out = node._function.backward(node, kit_copy(x))
    assert out.is_inference()


# ---- TBackward0's transpose --------------------------------------------------------------

def _view_state(view: Tensor, source: Tensor) -> tuple[Any, ...]:
    base = source if source._base is None else source._base
    return (view.shape, view._data.strides, view._base is base, view._base is None,
            view._version_counter is source._version_counter, view._no_grad_view,
            view._multi_view, view._inference, view._inference_view, view.requires_grad,
            view.is_leaf, view.grad_fn, any(v is view for v in base._views or ()),
            np.shares_memory(view._data, source._data))


def _sources() -> list[tuple[str, Any]]:
    """Tensors to transpose: plain, requiring grad, a view, a piece of a split, 1-d, 0-d."""
    values = np.arange(6, dtype=np.float32).reshape(2, 3)
    return [
        ("plain", lambda: kit_copy(values)),
        ("requires_grad", lambda: kit_copy(values, True)),
        ("view", lambda: kit_copy(values, True)[:, 1:]),
        ("split", lambda: kit_copy(values).split(1)[0]),
        ("column", lambda: kit_copy(values.reshape(6, 1))),
        ("vector", lambda: kit_copy(values.ravel())),
        ("scalar", lambda: kit_copy(np.array(2.5, np.float32))),
    ]


@pytest.mark.parametrize("kind, make", _sources())
def test_transposed_is_the_view_apply_makes(kind: str, make: Any) -> None:
    with ak.no_grad():
        source = make()
        fast, general = transposed(source), T.apply(source)
        assert _view_state(fast, source) == _view_state(general, source)
        assert bits(fast._data) == bits(general._data)
        source.add_(1)  # a change in place shows through both, and counts in their version
    assert fast._version == general._version == source._version
    assert bits(fast._data) == bits(general._data)


def test_transposed_of_an_inference_tensor_has_no_base() -> None:
    with ak.inference_mode():
        source = ak.ones(2, 3)
    with ak.no_grad():
        fast, general = transposed(source), T.apply(source)
    assert _view_state(fast, source) == _view_state(general, source)
    assert fast._inference and fast._base is None


def test_transposed_matches_torch_views() -> None:
    values = np.arange(6, dtype=np.float32).reshape(2, 3)
    kb, tb = kit_copy(values, True), torch_copy(values, True)
    with ak.no_grad():
        kt = transposed(kb)
    with torch.no_grad():
        tt = tb.t()
    assert kt._base is kb and tt._base is tb
    assert kt.requires_grad == tt.requires_grad and kt.is_leaf == tt.is_leaf
    assert kt.stride() == tt.stride()
    with ak.no_grad():
        kb.mul_(2)
    with torch.no_grad():
        tb.mul_(2)
    assert kt._version == tt._version
    with pytest.raises(RuntimeError, match="A view was created in no_grad mode"):
        kt.add_(1)  # a no_grad view of a base that requires grad: refused with grad mode on
    with pytest.raises(RuntimeError, match="A view was created in no_grad mode"):
        tt.add_(1)


def test_transposed_refuses_three_dimensions_as_t() -> None:
    with ak.no_grad(), pytest.raises(RuntimeError, match=r"t\(\) expects a tensor with <= 2"):
        transposed(kit_copy(np.ones((2, 2, 2), np.float32)))


def test_t_backward_under_create_graph_records_t() -> None:
    values = np.arange(6, dtype=np.float32).reshape(2, 3)
    kx, tx = kit_copy(values, True), torch_copy(values, True)
    kw, tw = kit_copy(values.T, True), torch_copy(values.T, True)
    (kg,) = ak.autograd.grad(kx.t(), kx, kw, create_graph=True)
    (tg,) = torch.autograd.grad(tx.t(), tx, tw, create_graph=True)
    assert kg.grad_fn.name() == tg.grad_fn.name() == "TBackward0"
    assert kg.stride() == tg.stride() and bits(kg._data) == bits(tg.detach().numpy())


# ---- the C30 step ------------------------------------------------------------------------

def _c30(lib: Any, steps: int) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(0)
    x = rng.normal(0, 2, (200, 2)).astype(np.float32)
    y = (rng.random((200, 1)) < 0.5).astype(np.float32)
    model = lib.nn.Sequential(lib.nn.Linear(2, 1), lib.nn.Sigmoid())
    with lib.no_grad():
        model[0].weight.copy_(lib.tensor([[0.3, -0.2]]))
        model[0].bias.copy_(lib.tensor([0.1]))
    opt = lib.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    loss_fn = lib.nn.BCELoss()
    for _ in range(steps):
        loss = loss_fn(model(lib.tensor(x)), lib.tensor(y))
        loss.backward()
        opt.step()
        opt.zero_grad()
    data = (lambda t: t._data) if lib is ak else (lambda t: t.detach().numpy())
    return tuple(data(t).copy() for t in (model[0].weight, model[0].bias, loss))


def test_c30_steps_match_general_path_and_torch() -> None:
    fast = _c30(ak, 30)
    with general_paths():
        general = _c30(ak, 30)
    for a, b in zip(fast, general):
        assert bits(a) == bits(b)
    for a, c in zip(_c30(ak, 1), _c30(torch, 1)):
        assert bits(a) == bits(c)
