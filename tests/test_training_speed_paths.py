"""The shortcuts that make small training loops fast give the general path's bits (and
PyTorch's): Addmm's backward on arrays, loss rules wrapped without ``apply``, SGD's plain
float32 update, and the logistic-regression layer's forward in MKL's order."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
import pytest

import autograd_kit as ak
from autograd_kit.ops import linalg, loss_rules
from autograd_kit.optim import sgd

torch = pytest.importorskip("torch")


def _bits(values: Any) -> list[int]:
    array = np.asarray(values)
    return array.view(np.uint32 if array.dtype == np.float32 else np.uint64).ravel().tolist()


@contextmanager
def general_paths() -> Iterator[None]:
    """The shortcuts switched off: every rule and update takes the general path."""
    saved = (linalg.unrecorded, loss_rules.LossBackward.__dict__["run"],
             sgd.SGD._plain_float32_update)
    linalg.unrecorded = lambda *tensors: False  # (the products' gradients through mm)
    loss_rules.LossBackward.run = classmethod(lambda cls, *args: cls.apply(*args))
    sgd.SGD._plain_float32_update = lambda *args: False
    try:
        yield
    finally:
        (linalg.unrecorded, run, sgd.SGD._plain_float32_update) = saved
        loss_rules.LossBackward.run = run


def _blobs() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """bench/bench_training.py's points and starting weights."""
    rng = np.random.default_rng(0)
    x = np.concatenate([rng.normal(-1.7, 1.0, (100, 2)) + 1, rng.normal(1.7, 1.0, (100, 2)) + 1])
    y = np.concatenate([np.zeros(100), np.ones(100)])[:, None]
    rng = np.random.default_rng(1)
    w = rng.uniform(-0.7, 0.7, (1, 2))
    b = rng.uniform(-0.7, 0.7, (1,))
    return tuple(a.astype(np.float32) for a in (x, y, w, b))  # type: ignore[return-value]


def logistic_losses(lib: Any, steps: int) -> tuple[list[float], list[Any]]:
    """C30's loop: Linear(2, 1) + Sigmoid, BCELoss, SGD with momentum; every loss and the
    final parameters."""
    x, y, w, b = _blobs()
    model = lib.nn.Sequential(lib.nn.Linear(2, 1), lib.nn.Sigmoid())
    with lib.no_grad():
        model[0].weight.copy_(lib.tensor(w))
        model[0].bias.copy_(lib.tensor(b))
    xs, ys = lib.tensor(x), lib.tensor(y)
    loss_fn = lib.nn.BCELoss()
    opt = lib.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    losses = []
    for _ in range(steps):
        loss = loss_fn(model(xs), ys)
        loss.backward()
        opt.step()
        opt.zero_grad()
        losses.append(loss.detach().numpy().copy())
    return losses, [p.detach().numpy().copy() for p in model.parameters()]


def two_layer_losses(lib: Any, steps: int, width: int = 100,
                     reduction: str = "sum") -> tuple[list[float], list[Any]]:
    """C29's loop (smaller): Linear, ReLU, Linear, MSELoss, plain SGD."""
    rng = np.random.default_rng(3)
    x = rng.standard_normal((16, 50), dtype=np.float32)
    y = rng.standard_normal((16, 10), dtype=np.float32)
    model = lib.nn.Sequential(lib.nn.Linear(50, width), lib.nn.ReLU(), lib.nn.Linear(width, 10))
    with lib.no_grad():
        for p in model.parameters():
            p.copy_(lib.tensor(rng.uniform(-0.1, 0.1, tuple(p.shape)).astype(np.float32)))
    loss_fn = lib.nn.MSELoss(reduction=reduction)
    opt = lib.optim.SGD(model.parameters(), lr=1e-3)
    losses = []
    for _ in range(steps):
        loss = loss_fn(model(lib.tensor(x)), lib.tensor(y))
        loss.backward()
        opt.step()
        opt.zero_grad()
        losses.append(loss.detach().numpy().copy())
    return losses, [p.detach().numpy().copy() for p in model.parameters()]


def test_logistic_regression_matches_pytorch() -> None:
    """Bit for bit over the first steps (later, as before these shortcuts, a step now and
    then ends one ulp away from PyTorch, and the final loss agrees to 6 digits)."""
    kit_losses, _ = logistic_losses(ak, 14)
    torch_losses, _ = logistic_losses(torch, 14)
    assert _bits(kit_losses) == _bits(torch_losses)


@pytest.mark.parametrize("loop", [logistic_losses, two_layer_losses,
                                  lambda lib, steps: two_layer_losses(lib, steps, 1, "mean")])
def test_shortcuts_give_the_general_paths_bits(loop: Callable[..., Any]) -> None:
    fast_losses, fast_params = loop(ak, 60)
    with general_paths():
        losses, params = loop(ak, 60)
    assert _bits(fast_losses) == _bits(losses)
    for mine, theirs in zip(fast_params, params):
        assert _bits(mine) == _bits(theirs)


def _linear_gradients(lib: Any, dtype: Any, rows: int, transposed_input: bool) -> list[Any]:
    """The gradients of x, the weight and the bias of a linear layer (x row- or
    column-major), with their strides."""
    rng = np.random.default_rng(rows)
    x = rng.standard_normal((5, rows) if transposed_input else (rows, 5)).astype(dtype)
    w = rng.standard_normal((3, 5)).astype(dtype)
    b = rng.standard_normal(3).astype(dtype)
    g = rng.standard_normal((rows, 3)).astype(dtype)
    xs = lib.tensor(x, requires_grad=True)
    ws, bs = lib.tensor(w, requires_grad=True), lib.tensor(b, requires_grad=True)
    inputs = xs.t() if transposed_input else xs
    lib.nn.functional.linear(inputs, ws, bs).backward(lib.tensor(g))
    return [(t.grad.detach().numpy().copy(), t.grad.stride()) for t in (xs, ws, bs)]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("rows", [1, 2, 64])
@pytest.mark.parametrize("transposed_input", [False, True])
def test_addmm_backward_on_arrays(dtype: Any, rows: int, transposed_input: bool) -> None:
    fast = _linear_gradients(ak, dtype, rows, transposed_input)
    with general_paths():
        general = _linear_gradients(ak, dtype, rows, transposed_input)
    expected = _linear_gradients(torch, dtype, rows, transposed_input)
    for (mine, strides), (theirs, general_strides), (values, torch_strides) in zip(
            fast, general, expected):
        assert _bits(mine) == _bits(theirs)
        assert strides == general_strides == torch_strides
        np.testing.assert_allclose(mine, values, rtol=1e-5, atol=1e-5)


def test_addmm_backward_under_create_graph_keeps_the_recorded_path() -> None:
    x = ak.randn(4, 2, requires_grad=True)
    layer = ak.nn.Linear(2, 3)
    (gw,) = ak.autograd.grad(layer(x).pow(2).sum(), layer.weight, create_graph=True)
    assert gw.grad_fn is not None and gw.grad_fn.name() == "TBackward0"
    (gx,) = ak.autograd.grad(layer(x).pow(2).sum(), x, create_graph=True)
    assert gx.grad_fn.name() == "MmBackward0"


def test_loss_rule_shortcut_matches_apply_and_records_under_create_graph() -> None:
    rng = np.random.default_rng(5)
    p = ak.tensor(rng.uniform(0.05, 0.95, (7, 3)).astype(np.float32), requires_grad=True)
    t = ak.tensor(rng.uniform(0, 1, (7, 3)).astype(np.float32))
    for reduction in ("mean", "sum", "none"):
        def gradient(create_graph: bool, reduction: str = reduction) -> Any:
            loss = ak.nn.functional.binary_cross_entropy(p, t, reduction=reduction)
            return ak.autograd.grad(loss.sum(), p, create_graph=create_graph)[0]
        fast, recorded = gradient(False), gradient(True)
        assert recorded.grad_fn.name() == "BinaryCrossEntropyBackwardBackward0"
        assert _bits(fast.detach().numpy()) == _bits(recorded.detach().numpy())
        with general_paths():
            assert _bits(gradient(False).numpy()) == _bits(fast.numpy())


def _sigmoid_values(n: int) -> np.ndarray:
    rng = np.random.default_rng(n)
    x = (rng.standard_normal(n) * rng.choice([0.1, 3.0, 30.0], n)).astype(np.float32)
    specials = np.array([0.0, -0.0, 1e-30, -1e-30, 86.9, -87.0, 87.0, -16.5, 20.25],
                        np.float32)
    x[:min(n, specials.size)] = specials[:n]
    return x


@pytest.mark.parametrize("n", [1, 5, 31, 32, 33, 64, 200, 1000])
def test_sigmoid_quiet_path_matches_pytorch_and_the_loop(n: int) -> None:
    from autograd_kit.ops import sleef_float32

    x = _sigmoid_values(n)
    fast = sleef_float32.sigmoid(x.reshape(-1, 1) if n % 2 else x)
    with np.errstate(invalid="ignore"):
        e = sleef_float32.cpu_loop(lambda v: sleef_float32.sleef_exp(0 - v),
                                   lambda v: sleef_float32.scalar_exp(-v), x, quiet=False)
    general = np.float32(1) / (e + np.float32(1))
    expected = torch.sigmoid(torch.from_numpy(x)).numpy()
    assert _bits(fast) == _bits(general) == _bits(expected)
