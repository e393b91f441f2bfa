"""More shortcuts of small training loops, each against the general path and PyTorch: the
bias's gradient of ``addmm`` summed on the arrays (no ``sum_to`` node)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

import autograd_kit as ak
from autograd_kit.ops import broadcast

torch = pytest.importorskip("torch")


def _bits(values: Any) -> list[int]:
    array = np.asarray(values)
    return array.view(np.uint32 if array.dtype == np.float32 else np.uint64).ravel().tolist()


def _addmm_grads(lib: Any, bias: np.ndarray, x: np.ndarray, w: np.ndarray,
                 g: np.ndarray, create_graph: bool = False) -> list[Any]:
    b, xs, ws = (lib.tensor(a, requires_grad=True) for a in (bias, x, w))
    out = lib.addmm(b, xs, ws.t())
    out.backward(lib.tensor(g, requires_grad=create_graph), create_graph=create_graph)
    return [b.grad, xs.grad, ws.grad]


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("bias_shape", [(3,), (1, 3), (), (1,), (37, 3), (37, 1)])
def test_addmm_bias_gradient_on_arrays(dtype: Any, bias_shape: tuple[int, ...]) -> None:
    rng = np.random.default_rng(7)
    x = rng.standard_normal((37, 5)).astype(dtype)
    w = rng.standard_normal((3, 5)).astype(dtype)
    g = (rng.standard_normal((37, 3)) * 100).astype(dtype)
    g[0, 0] = -0.0
    bias = rng.standard_normal(bias_shape).astype(dtype)
    kit = _addmm_grads(ak, bias, x, w, g)
    saved = broadcast.unrecorded
    broadcast.unrecorded = lambda *tensors: False  # sum_to through its node's apply instead
    try:
        general = _addmm_grads(ak, bias, x, w, g)
    finally:
        broadcast.unrecorded = saved
    ref = _addmm_grads(torch, bias, x, w, g)
    for a, b, c in zip(kit, general, ref):
        assert a.shape == b.shape == tuple(c.shape)
        assert _bits(a.numpy()) == _bits(b.numpy())
        assert a.grad_fn is None and a.is_contiguous() == c.is_contiguous()
    # The bias's gradient (a sum, the subject here) is PyTorch's to the bit. The other two are
    # matrix products: NumPy's BLAS and PyTorch's (MKL) may round them differently on some
    # CPUs, so those are compared to the rounding of their dtype.
    assert _bits(kit[0].numpy()) == _bits(ref[0].detach().numpy())
    for a, c in zip(kit[1:], ref[1:]):
        np.testing.assert_allclose(a.numpy(), c.detach().numpy(),
                                   rtol=1e-5 if dtype == np.float32 else 1e-12, atol=1e-4)


def test_addmm_bias_gradient_under_create_graph_is_recorded_as_pytorch() -> None:
    rng = np.random.default_rng(3)
    x, w = rng.standard_normal((4, 2)), rng.standard_normal((1, 2))
    bias, g = rng.standard_normal((1,)), rng.standard_normal((4, 1))
    kit = _addmm_grads(ak, bias, x, w, g, create_graph=True)
    ref = _addmm_grads(torch, bias, x, w, g, create_graph=True)
    assert kit[0].grad_fn.name() == ref[0].grad_fn.name()
    assert _bits(kit[0].detach().numpy()) == _bits(ref[0].detach().numpy())


@pytest.mark.parametrize("size", [1, 2, 37, 4095])
@pytest.mark.parametrize("alpha", [-0.01, -1e-6, 0.3, -1.0])
def test_small_float32_scaled_add_matches_pytorch(size: int, alpha: float) -> None:
    from autograd_kit.optim._fused import add_scaled_float32_

    rng = np.random.default_rng(size)
    a = (rng.standard_normal(size) * rng.choice([1e-30, 1.0, 1e30], size)).astype(np.float32)
    b = (rng.standard_normal(size) * rng.choice([1e-30, 1.0, 1e30], size)).astype(np.float32)
    a[0], b[-1] = -0.0, np.inf
    ref = torch.tensor(a).add_(torch.tensor(b), alpha=alpha).numpy()
    add_scaled_float32_(a, b, alpha)
    assert _bits(a) == _bits(ref)


def test_optimizer_step_restores_grad_mode_even_when_it_raises() -> None:
    w = ak.nn.Parameter(ak.ones(3))
    opt = ak.optim.SGD([w], lr=0.1, momentum=0.9)
    w.grad = ak.ones(3)
    for enabled in (True, False):
        ak.set_grad_enabled(enabled)
        opt.step(lambda: None)
        assert ak.is_grad_enabled() is enabled
    ak.set_grad_enabled(True)
    opt.state[w]["momentum_buffer"] = ak.ones(2)  # a wrong shape: the step raises
    with pytest.raises(RuntimeError):
        opt.step()
    assert ak.is_grad_enabled()


def _spread_probabilities(rng: np.random.Generator) -> np.ndarray:
    """200 values in [0, 1]: spread, with some on the edges of log1pf's branches (1 - p near
    √2/2, powers of two, 1 - 2^-20) and near 0 and 1."""
    p = 1 / (1 + np.exp(-rng.standard_normal(200) * rng.choice([0.3, 3, 10])))
    edges = np.array([0.29289323, 0.5, 0.75, 0.875, 0.25, 1 - 2.0**-20, 2.0**-29, 1e-38],
                     np.float32).view(np.int32)
    near = (rng.choice(edges, 40) + rng.integers(-3, 4, 40)).astype(np.int32).view(np.float32)
    p = p.astype(np.float32)
    p[rng.choice(200, 40, replace=False)] = near
    return p


@pytest.mark.parametrize("seed", range(40))
def test_bce_logs_match_pytorch_on_spread_probabilities(seed: int) -> None:
    rng = np.random.default_rng(seed)
    p = _spread_probabilities(rng)
    if seed % 4 == 0:
        p[rng.integers(200)] = rng.choice([0.0, 1.0, -0.0])
    t = rng.integers(0, 2, 200).astype(np.float32)
    if seed % 3 == 0:
        t = rng.random(200).astype(np.float32)
    loss = ak.nn.functional.binary_cross_entropy(ak.tensor(p), ak.tensor(t), reduction="none")
    ref = torch.nn.functional.binary_cross_entropy(torch.tensor(p), torch.tensor(t),
                                                   reduction="none")
    assert _bits(loss.numpy()) == _bits(ref.numpy())
    # the logs themselves: t = 1 gives -ln p, t = 0 gives -ln(1 - p)
    for target in (np.ones(200, np.float32), np.zeros(200, np.float32)):
        kit = ak.nn.functional.binary_cross_entropy(ak.tensor(p), ak.tensor(target),
                                                    reduction="none")
        ref = torch.nn.functional.binary_cross_entropy(torch.tensor(p), torch.tensor(target),
                                                       reduction="none")
        assert _bits(kit.numpy()) == _bits(ref.numpy())


@pytest.mark.parametrize("dtypes", [("float32", "float64"), ("float64", "float32"),
                                    ("int64", "int64"), ("float16", "float32")])
def test_bce_dtype_errors_match_pytorch(dtypes: tuple[str, str]) -> None:
    p, t = np.array([0.25, 0.5]), np.array([0.0, 1.0])
    if dtypes[0] == "int64":
        p, t = np.array([0, 1]), np.array([0, 1])

    def error(lib: Any) -> tuple[type, str]:
        args = (lib.tensor(p.astype(dtypes[0])), lib.tensor(t.astype(dtypes[1])))
        try:
            lib.nn.functional.binary_cross_entropy(*args)
        except Exception as e:  # noqa: BLE001 - the type and the words are compared
            return type(e), str(e)
        return type(None), ""

    kit, ref = error(ak), error(torch)
    assert kit[0].__name__ == ref[0].__name__ and kit[1] == ref[1]


@pytest.mark.parametrize("seed", range(4))
def test_glibc_logf_matches_pytorch_over_the_whole_range(seed: int) -> None:
    """logf's table of ln c + k·ln2 (one entry per exponent and interval): every exponent,
    subnormals, specials, and arrays that take the general branch (negative, 0, inf, nan)."""
    rng = np.random.default_rng(seed)
    bits = rng.integers(1, 0x7F800000, 20_000, dtype=np.int64).astype(np.uint32)
    y = bits.view(np.float32)
    y[:256] = np.float32(2.0) ** np.arange(-149, 107, dtype=np.float64).astype(np.float32)
    if seed % 2:  # the general branch too
        y[rng.choice(y.size, 8)] = [0.0, -0.0, -1.0, np.inf, -np.inf, np.nan, 1e-45, -3e-39]
    ones = np.ones_like(y)
    kit = ak.xlogy(ak.tensor(ones), ak.tensor(y)).numpy()
    ref = torch.xlogy(torch.tensor(ones), torch.tensor(y)).numpy()
    assert _bits(kit) == _bits(ref)
