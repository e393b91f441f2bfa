"""What a run on a real GPU (CuPy 14) found missing, checked on both devices.

CuPy's ufuncs have fewer methods than NumPy's: ``logaddexp.accumulate`` and ``multiply.at``
are missing, and ``maximum.at`` rounds float64 values through float32. Its linear algebra
returns inf or NaN for a singular matrix instead of raising. ``set_default_device('cuda')``
must not move the CPU-only tensors of packed sequences. The expected numbers are PyTorch's
(2.13, printed and pasted here).
"""

from __future__ import annotations

import math
from collections.abc import Iterator

import pytest

import autograd_kit as ak
from autograd_kit.autograd import gradcheck

INF = math.inf


def f64(data: object, device: str, requires_grad: bool = False) -> ak.Tensor:
    return ak.tensor(data, dtype=ak.float64, device=device, requires_grad=requires_grad)


def same(got: list, want: list) -> bool:
    """Equal lists of floats (to rounding), NaN matching NaN and ±inf matching exactly."""
    if isinstance(want, list):
        return len(got) == len(want) and all(same(g, w) for g, w in zip(got, want))
    if math.isnan(want):
        return math.isnan(got)
    return got == pytest.approx(want, rel=1e-12, abs=1e-12)


# ---- logcumsumexp -------------------------------------------------------------------------

# (x, its logcumsumexp, the gradient of y · [1, -2, 0.5, 3]) from PyTorch
LOGCUMSUMEXP = [
    ([0.5, -INF, 1.0, 2.0], [0.5, 0.5, 1.4740769841801067, 2.4643687841079447],
     [-0.3904965161026617, 0.0, 1.0049013584673747, 1.8855951576352878]),
    ([-INF, -INF, 1.0], [-INF, -INF, 1.0], [math.nan, math.nan, 0.5]),
    ([1.0, -INF, -INF], [1.0, 1.0, 1.0], [-0.5, 0.0, 0.0]),
    ([-INF, -INF, -INF], [-INF, -INF, -INF], [math.nan, math.nan, math.nan]),
    ([INF, 1.0, INF], [INF, INF, INF], [math.nan, 0.0, math.nan]),
]


@pytest.mark.parametrize(("x", "want", "want_grad"), LOGCUMSUMEXP)
def test_logcumsumexp_matches_pytorch_with_infinities(device: str, x: list, want: list,
                                                      want_grad: list) -> None:
    t = f64(x, device, requires_grad=True)
    y = ak.logcumsumexp(t, 0)
    assert y.device.type == device
    assert same(y.tolist(), want)
    y.backward(f64([1.0, -2.0, 0.5, 3.0][:len(x)], device))
    assert same(t.grad.tolist(), want_grad)


def test_logcumsumexp_along_each_dim(device: str) -> None:
    x = f64([[0.3, -1.2, 2.0], [-INF, 0.7, -0.4]], device)
    assert same(ak.logcumsumexp(x, 1).tolist(),
                [[0.3, 0.5014132779827524, 2.2016712449527907], [-INF, 0.7, 0.9873353251154308]])
    assert same(ak.logcumsumexp(x, 0).tolist(),
                [[0.3, -1.2, 2.0], [0.3, 0.8393867582829606, 2.08683615215395]])
    assert ak.logcumsumexp(ak.ones(2, 0, device=device), 1).shape == (2, 0)
    small = ak.tensor([0.1] * 5, device=device)  # float32 in, float32 out
    assert small.logcumsumexp(0).dtype == ak.float32


def test_logcumsumexp_gradcheck(device: str) -> None:
    ak.manual_seed(0)
    x = ak.randn(3, 4, dtype=ak.float64).to(device).requires_grad_()
    assert gradcheck(lambda t: ak.logcumsumexp(t, 1), (x,))
    assert gradcheck(lambda t: ak.logcumsumexp(t, 0), (x,))
    with_inf = f64([[0.5, -INF, 1.0, 2.0]], device, requires_grad=True)
    assert gradcheck(lambda t: ak.logcumsumexp(t, 1), (with_inf,))


# ---- scatter_reduce ------------------------------------------------------------------------

X = [[1.0, -2.0, 0.5, 3.0], [0.0, 4.0, -1.5, 2.0]]
INDEX = [[0, 2, 0, 0], [3, 3, 1, 3]]  # repeated positions; src has a column more than index
SRC = [[2.0, 0.25, 1.0, -0.5, 9.0], [0.0, 2.0, 4.0, 2.0, 9.0]]
GRAD = [[1.0, 2.0, -1.0, 0.5], [3.0, -2.0, 1.5, 0.25]]
# (reduce, include_self, out, grad_x, grad_src) from PyTorch: ties (amax of 4 and 4, of 2, 2
# and 2) share the gradient, zeros (prod) get the product of the others
SCATTER_REDUCE = [
    ("sum", True, [[3.5, -2.0, 0.75, 3.0], [0.0, 8.0, -1.5, 6.0]],
     [[1.0, 2.0, -1.0, 0.5], [3.0, -2.0, 1.5, 0.25]],
     [[1.0, -1.0, 1.0, 1.0, 0.0], [0.25, 0.25, -2.0, 0.25, 0.0]]),
    ("sum", False, [[2.5, -2.0, 0.25, 3.0], [0.0, 4.0, -1.5, 4.0]],
     [[0.0, 2.0, 0.0, 0.5], [3.0, 0.0, 1.5, 0.0]],
     [[1.0, -1.0, 1.0, 1.0, 0.0], [0.25, 0.25, -2.0, 0.25, 0.0]]),
    ("prod", True, [[-1.0, -2.0, 0.125, 3.0], [0.0, 16.0, -1.5, 0.0]],
     [[-1.0, 2.0, -0.25, 0.5], [3.0, -8.0, 1.5, 0.0]],
     [[-0.5, -0.5, -1.0, 2.0, 0.0], [2.0, 0.0, -8.0, 0.0, 0.0]]),
    ("prod", False, [[-1.0, -2.0, 0.25, 3.0], [0.0, 4.0, -1.5, 0.0]],
     [[0.0, 2.0, 0.0, 0.5], [3.0, 0.0, 1.5, 0.0]],
     [[-0.5, -1.0, -1.0, 2.0, 0.0], [1.0, 0.0, -2.0, 0.0, 0.0]]),
    ("mean", True, [[0.875, -2.0, 0.375, 3.0], [0.0, 4.0, -1.5, 1.5]],
     [[0.25, 2.0, -0.5, 0.5], [3.0, -1.0, 1.5, 0.0625]],
     [[0.25, -0.5, 0.25, 0.25, 0.0], [0.0625, 0.0625, -1.0, 0.0625, 0.0]]),
    ("mean", False, [[5 / 6, -2.0, 0.25, 3.0], [0.0, 4.0, -1.5, 4 / 3]],
     [[0.0, 2.0, 0.0, 0.5], [3.0, 0.0, 1.5, 0.0]],
     [[1 / 3, -1.0, 1 / 3, 1 / 3, 0.0], [1 / 12, 1 / 12, -2.0, 1 / 12, 0.0]]),
    ("amax", True, [[2.0, -2.0, 0.5, 3.0], [0.0, 4.0, -1.5, 2.0]],
     [[0.0, 2.0, -1.0, 0.5], [3.0, -1.0, 1.5, 1 / 12]],
     [[1.0, 0.0, 0.0, 0.0, 0.0], [0.0, 1 / 12, -1.0, 1 / 12, 0.0]]),
    ("amax", False, [[2.0, -2.0, 0.25, 3.0], [0.0, 4.0, -1.5, 2.0]],
     [[0.0, 2.0, 0.0, 0.5], [3.0, 0.0, 1.5, 0.0]],
     [[1.0, -1.0, 0.0, 0.0, 0.0], [0.0, 1 / 12, -1.0, 1 / 12, 0.0]]),
    ("amin", True, [[-0.5, -2.0, 0.25, 3.0], [0.0, 4.0, -1.5, 0.0]],
     [[0.0, 2.0, 0.0, 0.5], [3.0, -1.0, 1.5, 0.0]],
     [[0.0, -1.0, 0.0, 1.0, 0.0], [0.25, 0.0, -1.0, 0.0, 0.0]]),
    ("amin", False, [[-0.5, -2.0, 0.25, 3.0], [0.0, 4.0, -1.5, 0.0]],
     [[0.0, 2.0, 0.0, 0.5], [3.0, 0.0, 1.5, 0.0]],
     [[0.0, -1.0, 0.0, 1.0, 0.0], [0.25, 0.0, -1.0, 0.0, 0.0]]),
]


@pytest.mark.parametrize(("reduce", "include_self", "want", "want_x", "want_src"),
                         SCATTER_REDUCE)
def test_scatter_reduce_matches_pytorch(device: str, reduce: str, include_self: bool,
                                        want: list, want_x: list, want_src: list) -> None:
    x, src = f64(X, device, True), f64(SRC, device, True)
    index = ak.tensor(INDEX, device=device)
    out = x.scatter_reduce(1, index, src[:, :4], reduce, include_self=include_self)
    assert out.device.type == device
    assert same(out.tolist(), want)
    out.backward(f64(GRAD, device))
    assert same(x.grad.tolist(), want_x)
    assert same(src.grad.tolist(), want_src)


@pytest.mark.parametrize("reduce", ["sum", "prod", "mean", "amax", "amin"])
@pytest.mark.parametrize("include_self", [True, False])
def test_scatter_reduce_gradcheck(device: str, reduce: str, include_self: bool) -> None:
    ak.manual_seed(1)  # distinct random values: no ties for amax / amin
    x = ak.randn(3, 5, dtype=ak.float64).to(device).requires_grad_()
    src = ak.randn(3, 6, dtype=ak.float64).to(device).requires_grad_()
    index = ak.tensor([[0, 0, 4, 0, 4, 2], [1, 1, 1, 1, 3, 3], [4, 3, 2, 1, 0, 0]],
                      device=device)
    assert gradcheck(lambda a, b: a.scatter_reduce(1, index, b, reduce,
                                                   include_self=include_self), (x, src))


def test_scatter_reduce_prod_with_zeros_gradcheck(device: str) -> None:
    x = f64([[0.0, 2.0, 1.5], [3.0, 0.0, -1.0]], device, True)
    src = f64([[0.0, 0.5, 2.0, 0.0], [1.5, 0.0, -2.0, 0.75]], device, True)
    index = ak.tensor([[0, 0, 1, 2], [1, 0, 1, 1]], device=device)
    for include_self in (True, False):
        assert gradcheck(lambda a, b, s=include_self: a.scatter_reduce(
            1, index, b, "prod", include_self=s), (x, src))


# (reduce, include_self, out) of int64 x = [5, 1, -3, 7], index [0, 0, 2, 0, 2],
# src [2, -3, 4, 6, 5], from PyTorch
INTEGER = [
    ("sum", True, [10, 1, 6, 7]), ("sum", False, [5, 1, 9, 7]),
    ("prod", True, [-180, 1, -60, 7]), ("prod", False, [-36, 1, 20, 7]),
    ("mean", True, [2, 1, 2, 7]), ("mean", False, [1, 1, 4, 7]),
    ("amax", True, [6, 1, 5, 7]), ("amax", False, [6, 1, 5, 7]),
    ("amin", True, [-3, 1, -3, 7]), ("amin", False, [-3, 1, 4, 7]),
]


@pytest.mark.parametrize(("reduce", "include_self", "want"), INTEGER)
def test_scatter_reduce_integers(device: str, reduce: str, include_self: bool,
                                 want: list) -> None:
    x = ak.tensor([5, 1, -3, 7], device=device)
    index = ak.tensor([0, 0, 2, 0, 2], device=device)
    src = ak.tensor([2, -3, 4, 6, 5], device=device)
    out = x.scatter_reduce(0, index, src, reduce, include_self=include_self)
    assert out.dtype == ak.int64 and out.tolist() == want


def test_scatter_reduce_keeps_float64_exact(device: str) -> None:
    """CuPy's maximum.at rounds float64 values through float32: the kit must not use it."""
    x = f64([1.0, 1.0], device)
    src = f64([1.0 + 1e-12, 1.0 - 1e-12, 0.5], device)
    index = ak.tensor([0, 1, 1], device=device)
    assert x.scatter_reduce(0, index, src, "amax").tolist() == [1.0 + 1e-12, 1.0]
    assert x.scatter_reduce(0, index, src, "amin").tolist() == [1.0, 0.5]
    assert x.scatter_reduce(0, index, src, "prod").tolist() == [1.0 + 1e-12,
                                                                (1.0 - 1e-12) * 0.5]


def test_small_dtypes_add_up_at_repeated_positions(device: str) -> None:
    """CuPy's add.at refuses bool, int8, int16, uint8 and its maximum.at float16: the kit goes
    round by round there (values from PyTorch)."""
    x = ak.tensor([1, 2, 3], dtype=ak.int16, device=device)
    values = ak.tensor([5, 6, 7], dtype=ak.int16, device=device)
    assert x.index_put((ak.tensor([0, 0, 2], device=device),), values,
                       accumulate=True).tolist() == [12, 2, 10]
    flags = ak.tensor([False, False, True], device=device)
    assert flags.index_put((ak.tensor([0, 0, 1], device=device),),
                           ak.tensor([True, False, False], device=device),
                           accumulate=True).tolist() == [True, False, True]
    small = ak.tensor([1, 2, 3], dtype=ak.int8, device=device)
    assert small.scatter_reduce(0, ak.tensor([0, 0, 2, 2], device=device),
                                ak.tensor([5, 6, 7, -1], dtype=ak.int8, device=device),
                                "sum").tolist() == [12, 2, 9]
    half = ak.tensor([2.0, 3.0], dtype=ak.float16, device=device)
    assert half.scatter_reduce(0, ak.tensor([0, 0, 1], device=device),
                               ak.tensor([0.5, 4.0, -1.0], dtype=ak.float16, device=device),
                               "amax").tolist() == [4.0, 3.0]


# ---- linear algebra on a singular matrix -----------------------------------------------------

def test_singular_matrices_raise_pytorchs_error(device: str) -> None:
    singular = f64([[1.0, 2.0], [2.0, 4.0]], device)
    with pytest.raises(ak.linalg.LinAlgError, match="The diagonal element 2 is zero, the "
                       "inversion could not be completed because the input matrix is singular"):
        ak.linalg.inv(singular)
    with pytest.raises(ak.linalg.LinAlgError, match="singular"):
        ak.linalg.inv(ak.stack([f64([[2.0, 0.0], [0.0, 2.0]], device), singular]))
    with pytest.raises(ak.linalg.LinAlgError, match="The solver failed because the input "
                       "matrix is singular"):
        ak.linalg.solve(singular, ak.ones(2, dtype=ak.float64, device=device))
    with pytest.raises(ak.linalg.LinAlgError, match="order 2 is not positive-definite"):
        ak.linalg.cholesky(f64([[1.0, 2.0], [2.0, 1.0]], device))
    with pytest.raises(ak.linalg.LinAlgError, match="order 3 is not positive-definite"):
        ak.linalg.cholesky(f64([[4.0, 2.0, 0.0], [2.0, 5.0, 0.0], [0.0, 0.0, -1.0]], device))
    det = ak.linalg.det(singular.clone().requires_grad_())
    assert det.item() == 0.0


def test_regular_matrices_still_work(device: str) -> None:
    a = f64([[2.0, 0.0], [1.0, 4.0]], device, True)
    assert ak.linalg.inv(a).tolist() == [[0.5, 0.0], [-0.125, 0.25]]
    assert ak.linalg.solve(a, f64([2.0, 9.0], device)).tolist() == [1.0, 2.0]
    spd = f64([[4.0, 2.0], [2.0, 5.0]], device, True)
    assert ak.linalg.cholesky(spd).tolist() == [[2.0, 0.0], [1.0, 2.0]]
    assert gradcheck(ak.linalg.inv, (a,))
    assert gradcheck(lambda t: ak.linalg.cholesky(t @ t.mT + ak.eye(2, dtype=ak.float64,
                                                                    device=device)), (spd,))
    assert gradcheck(lambda t: ak.linalg.eigh(t + t.mT).eigenvalues, (spd,))


# ---- packed sequences under set_default_device('cuda') --------------------------------------

@pytest.fixture
def default_cuda(request: pytest.FixtureRequest) -> Iterator[None]:
    """``set_default_device('cuda')`` for one test ('cuda' served by the stand-in where no
    GPU is)."""
    if not ak.cuda.is_available():
        request.getfixturevalue("cuda_standin")
    ak.set_default_device("cuda")
    try:
        yield
    finally:
        ak.set_default_device(None)


def test_packed_sequences_keep_batch_sizes_on_the_cpu(default_cuda: None) -> None:
    padded = ak.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 0.0], [6.0, 0.0, 0.0]]).T  # (T, B)
    assert padded.device.type == "cuda"
    packed = ak.nn.utils.rnn.pack_padded_sequence(padded, [3, 2, 1])
    assert packed.data.device.type == "cuda" and packed.batch_sizes.device.type == "cpu"
    assert packed.data.tolist() == [1.0, 4.0, 6.0, 2.0, 5.0, 3.0]
    assert packed.batch_sizes.tolist() == [3, 2, 1]
    with pytest.raises(RuntimeError, match="1D CPU int64 tensor, but got 2D cuda:0 Long tensor"):
        ak.nn.utils.rnn.pack_padded_sequence(padded, ak.tensor([[3, 2, 1]]))  # made on cuda

    unsorted = ak.nn.utils.rnn.pack_padded_sequence(padded[:, [2, 0, 1]], [1, 3, 2],
                                                    enforce_sorted=False)
    assert unsorted.batch_sizes.device.type == "cpu"
    assert unsorted.sorted_indices.device.type == "cuda"
    assert unsorted.unsorted_indices.device.type == "cuda"
    assert unsorted.sorted_indices.tolist() == [1, 2, 0]
    assert unsorted.unsorted_indices.tolist() == [2, 0, 1]
    out, lengths = ak.nn.utils.rnn.pad_packed_sequence(unsorted, batch_first=True)
    assert out.device.type == "cuda" and lengths.device.type == "cpu"
    assert out.tolist() == [[6.0, 0.0, 0.0], [1.0, 2.0, 3.0], [4.0, 5.0, 0.0]]
    assert lengths.tolist() == [1, 3, 2]

    sequences = [ak.tensor([1.0, 2.0, 3.0]), ak.tensor([4.0])]
    packed = ak.nn.utils.rnn.pack_sequence(sequences)
    assert packed.batch_sizes.device.type == "cpu" and packed.data.device.type == "cuda"
    assert [s.tolist() for s in ak.nn.utils.rnn.unpack_sequence(packed)] == [[1.0, 2.0, 3.0],
                                                                             [4.0]]
    gru = ak.nn.GRU(1, 2)
    output, h_n = gru(ak.nn.utils.rnn.pack_sequence([s.unsqueeze(-1) for s in sequences]))
    assert output.data.device.type == "cuda" and output.batch_sizes.device.type == "cpu"
    assert h_n.shape == (1, 2, 2)


def test_small_integer_scatter_add_and_index_add_repeat_positions(device: str) -> None:
    """CuPy's add.at refuses int8/uint8: the kit still adds every value, as PyTorch does."""
    x = ak.zeros(4, dtype=ak.int8, device=device)
    index = ak.tensor([0, 0, 3], device=device)
    added = x.scatter_add(0, index, ak.tensor([1, 2, 3], dtype=ak.int8, device=device))
    assert added.tolist() == [3, 0, 0, 3]
    y = ak.zeros(3, dtype=ak.uint8, device=device)
    summed = y.index_add(0, ak.tensor([1, 1], device=device),
                         ak.tensor([5, 6], dtype=ak.uint8, device=device))
    assert summed.tolist() == [0, 11, 0]
