"""The lean paths of in-place arithmetic and small sums give what the general ones give.

1. ``w -= lr * w.grad``, ``add_``, ``mul_``, ``div_`` under no_grad on a float tensor go
   straight into its memory (inplace.plain_update_operand). Values, dtype, version and views
   must be as before, and every case outside the plain one must still reach the general
   path with PyTorch's errors.
2. Small full sums (ops/summation_order.py) keep PyTorch's bits.
"""

from __future__ import annotations

import numpy as np
import pytest

import autograd_kit as ak
from autograd_kit.inplace import plain_update_operand
from autograd_kit.ops.arithmetic import Add, Div, Mul, Sub

OPS = {"add_": np.add, "sub_": np.subtract, "mul_": np.multiply, "div_": np.divide}


def bits(a: np.ndarray) -> list[int]:
    a = np.ascontiguousarray(a).reshape(-1)
    return a.view({2: np.uint16, 4: np.uint32, 8: np.uint64}[a.itemsize]).tolist()


# ---- 1. in-place arithmetic ------------------------------------------------------------------

@pytest.mark.parametrize("dtype", ["float16", "float32", "float64"])
@pytest.mark.parametrize("method", sorted(OPS))
@pytest.mark.parametrize("other_kind", ["tensor", "float", "int"])
def test_plain_updates_give_numpys_values(dtype: str, method: str, other_kind: str) -> None:
    rng = np.random.default_rng(0)
    start = rng.standard_normal((6, 5)).astype(dtype)
    other_data = (rng.standard_normal((6, 5)) + 3).astype(dtype)
    other = {"tensor": ak.from_numpy(other_data.copy()), "float": 0.37, "int": 3}[other_kind]
    w = ak.tensor(start.copy(), requires_grad=True)
    with ak.no_grad():
        out = getattr(w, method)(other)
    assert out is w and w._version == 1 and w.dtype.name == dtype and w.grad_fn is None
    expected = start.copy()
    operand = other_data if other_kind == "tensor" else other
    if dtype == "float16" and other_kind != "tensor" and method in ("mul_", "div_"):
        # PyTorch's float16 * and / read a number as a float32 (ops/half_scalars.py)
        expected = OPS[method](expected.astype(np.float32), np.float32(operand)).astype(dtype)
    else:
        OPS[method](expected, operand, out=expected, casting="same_kind")
    assert bits(w._data) == bits(expected)


def test_optimizer_step_matches_pytorch() -> None:
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(1)
    w0, g0 = (rng.standard_normal((100, 10)).astype(np.float32) for _ in range(2))
    w, t = ak.tensor(w0.copy(), requires_grad=True), torch.tensor(w0.copy(), requires_grad=True)
    with ak.no_grad(), torch.no_grad():
        w -= 1e-3 * ak.from_numpy(g0.copy())
        t -= 1e-3 * torch.from_numpy(g0.copy())
        w.mul_(0.9).add_(0.5).div_(3.0)
        t.mul_(0.9).add_(0.5).div_(3.0)
    assert bits(w._data) == bits(t.detach().numpy()) and w._version == t._version == 4


@pytest.mark.parametrize("function", [Add, Sub, Mul, Div])
def test_what_is_plain(function: object) -> None:
    w = ak.ones(3, 4, requires_grad=True)
    other = ak.ones(3, 4)
    with ak.no_grad():
        assert plain_update_operand(w, function, (other,)) is other._data
        assert plain_update_operand(w, function, (2.0,)) == 2.0
        # the general path decides all of these
        assert plain_update_operand(w, function, (True,)) is None  # (x -= True: an error)
        assert plain_update_operand(w, function, (ak.ones(4),)) is None  # broadcast
        assert plain_update_operand(w, function, (ak.ones(3, 4, dtype=ak.float64),)) is None
        assert plain_update_operand(w, function, (w,)) is None  # the same memory
        assert plain_update_operand(w.t(), function, (other.t(),)) is None  # not row-major
        assert plain_update_operand(ak.ones(1).expand(4), function, (1.0,)) is None
        assert plain_update_operand(ak.ones(3, dtype=ak.int64), function, (1,)) is None
    # recorded: the general path
    assert plain_update_operand(w, function, (other,)) is None
    assert plain_update_operand(ak.ones(3, 4), function, (w,)) is None
    assert plain_update_operand(ak.ones(3, 4), function, (other,)) is other._data


def test_general_path_errors_are_kept() -> None:
    w = ak.ones(3, 4, requires_grad=True)
    with pytest.raises(RuntimeError, match="a leaf Variable that requires grad"):
        w.sub_(ak.ones(3, 4))
    with ak.no_grad():
        with pytest.raises(RuntimeError, match=r"output with shape \[4\] doesn't match"):
            ak.ones(4).add_(ak.ones(3, 4))
        with pytest.raises(RuntimeError, match="more than one element of the written-to"):
            ak.ones(1).expand(4).add_(ak.ones(4))
        x = ak.arange(6.0)
        with pytest.raises(RuntimeError, match="some elements of the input tensor"):
            x[1:].add_(x[:-1])
        with pytest.raises(RuntimeError, match="result type Float can't be cast"):
            ak.ones(3, dtype=ak.int64).mul_(ak.ones(3))
        with pytest.raises(RuntimeError, match="Subtraction, the `-` operator, with a bool"):
            ak.ones(3).sub_(True)
    with ak.inference_mode():
        inferred = ak.ones(3)
    with pytest.raises(RuntimeError, match="Inplace update to inference tensor"):
        inferred.add_(1.0)
    assert inferred.tolist() == [2.0, 2.0, 2.0]  # written, then refused (PyTorch's order)


def test_a_plain_update_through_a_view_renews_the_views() -> None:
    base = ak.ones(4, 3, requires_grad=True)
    view = base[1]
    with ak.no_grad():
        base.mul_(2.0)
    assert view.grad_fn is not None and view.grad_fn.name() == "AsStridedBackward0"
    assert view.tolist() == [2.0, 2.0, 2.0] and view._version == base._version == 1


def test_a_recorded_update_with_a_plain_operand_is_recorded() -> None:
    x = ak.ones(3, requires_grad=True)
    y = x * 2.0
    y.mul_(ak.full((3,), 3.0))
    assert y.grad_fn.name() == "MulBackward0"
    y.sum().backward()
    assert x.grad.tolist() == [6.0, 6.0, 6.0]


# ---- the operands of x ** e, x + n (ops/operands.py) ------------------------------------------

def test_number_operands_keep_their_checks() -> None:
    x = ak.tensor([1.5, -2.0, 3.0])
    with pytest.raises(OverflowError, match="int too big to convert"):
        x + 2**70
    with pytest.raises(OverflowError, match="can't convert negative int to unsigned"):
        x * -(2**70)
    assert (x ** 1e39).tolist() == [float("inf")] * 3  # (PyTorch reads the exponent as a double)
    assert (ak.tensor([1.5], dtype=ak.float64) ** 1e39).tolist() == [float("inf")]
    assert (x + 2).dtype == ak.float32 and (x + 2).tolist() == [3.5, 0.0, 5.0]
    assert (ak.tensor([1, 2], dtype=ak.int8) + 1000).tolist() == [-23, -22]  # wraps around


@pytest.mark.parametrize("exponent", [2, 3, -1, 2.0])
def test_powers_match_pytorch(exponent: float) -> None:
    torch = pytest.importorskip("torch")
    data = np.random.default_rng(2).uniform(0.1, 3.0, (64, 10)).astype(np.float32)
    d = ak.tensor(data, requires_grad=True)
    t = torch.tensor(data, requires_grad=True)
    out, expected = d ** exponent, t ** exponent
    assert out.grad_fn.name() == expected.grad_fn.name() == "PowBackward0"
    assert bits(out._data) == bits(expected.detach().numpy())
    out.sum().backward()
    expected.sum().backward()
    assert bits(d.grad._data) == bits(t.grad.numpy())


# ---- 2. small full sums ----------------------------------------------------------------------

def sum_cases(rng: np.random.Generator, count: int) -> list[np.ndarray]:
    """Float32 and float64 arrays of 1 to 9000 values, of both signs over many magnitudes
    (the adding order shows in the last bits), some transposed."""
    cases = []
    for _ in range(count):
        n = int(rng.integers(1, 9000))
        columns = int(rng.choice([1, 2, 3, 8, 10, 17]))
        rows = max(1, n // columns)
        dtype = rng.choice(["float32", "float64"])
        values = rng.standard_normal((rows, columns)) * 10.0 ** rng.uniform(-4, 4, (rows, columns))
        array = values.astype(dtype)
        cases.append(array.T if rng.integers(2) else array)
    return cases


def test_small_full_sums_match_pytorch() -> None:
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(7)
    for array in [*sum_cases(rng, 300), np.float32(rng.standard_normal((64, 10)))]:
        expected = torch.from_numpy(array).sum().numpy()
        x = ak.tensor(array, requires_grad=True) if array.flags.c_contiguous else \
            ak.from_numpy(array)
        got = x.sum()
        assert got.shape == () and bits(got._data) == bits(expected), array.shape
        assert bits(x.mean()._data) == bits(torch.from_numpy(array).mean().numpy())


def test_a_loss_sum_is_pytorchs() -> None:
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(8)
    for _ in range(50):
        y_pred, y = (rng.standard_normal((64, 10)).astype(np.float32) * 30 for _ in range(2))
        kit = ((ak.tensor(y_pred, requires_grad=True) - ak.tensor(y)) ** 2).sum()
        ref = ((torch.tensor(y_pred, requires_grad=True) - torch.tensor(y)) ** 2).sum()
        assert kit.grad_fn.name() == "SumBackward0"
        assert bits(kit._data) == bits(ref.detach().numpy())


def test_sums_of_negative_zeros_and_integers() -> None:
    assert bits(ak.tensor(-np.zeros((64, 10), np.float32)).sum()._data) == [0]
    ints = ak.tensor([[1, 2], [3, 4]], dtype=ak.int32)
    assert ints.sum().dtype == ak.int64 and ints.sum().item() == 10
    assert ints.sum(dtype=ak.float64).dtype == ak.float64
    assert ak.tensor([True, True]).sum().item() == 2
    assert ak.ones(2, 3).sum(1).tolist() == [3.0, 3.0]
