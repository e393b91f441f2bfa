"""The operations added beside the core set: rounding, remainder/floor_divide, predicates,
sort/topk/argsort, prod/cumsum/var/std/logsumexp/trace, log1p/expm1/exp2/rsqrt/erf, outer,
narrow/split/chunk/unbind, flip/repeat, masked_fill/gather/index_select, lerp, addmm.

Values against NumPy, gradients against finite differences (float64), node names as in
PyTorch; and, where torch is installed, the same calls side by side with torch.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import autograd_kit as ak
from autograd_kit.autograd import gradcheck, gradgradcheck

X = np.array([[0.7, -1.3, 2.1, 0.4], [-0.9, 1.6, -0.2, 1.1], [0.3, -2.4, 0.8, -0.6]])


def host(t: ak.Tensor) -> np.ndarray:
    return np.array(t.tolist())


def leaf(device: str, values: np.ndarray = X) -> ak.Tensor:
    return ak.tensor(values, dtype=ak.float64, device=device, requires_grad=True)


def index(values, device: str) -> ak.Tensor:
    return ak.tensor(values, dtype=ak.int64, device=device)


# name: (function of x (3×4 float64) and device, NumPy reference of X, node name, smooth)
DIFFERENTIABLE = {
    "floor": (lambda x, d: x.floor(), lambda a: np.floor(a), "FloorBackward0", False),
    "ceil": (lambda x, d: ak.ceil(x), lambda a: np.ceil(a), "CeilBackward0", False),
    "round": (lambda x, d: x.round(), lambda a: np.round(a), "RoundBackward0", False),
    "round_decimals": (lambda x, d: x.round(decimals=1), lambda a: np.round(a, 1),
                       "RoundBackward1", False),
    "trunc": (lambda x, d: ak.trunc(x), lambda a: np.trunc(a), "TruncBackward0", False),
    "remainder": (lambda x, d: x % 0.75, lambda a: np.mod(a, 0.75), "RemainderBackward0", False),
    "log1p": (lambda x, d: (x * x).log1p(), lambda a: np.log1p(a * a), "Log1PBackward0", True),
    "expm1": (lambda x, d: ak.expm1(x), np.expm1, "Expm1Backward0", True),
    "exp2": (lambda x, d: x.exp2(), np.exp2, "Exp2Backward0", True),
    "rsqrt": (lambda x, d: (x * x + 0.5).rsqrt(), lambda a: 1 / np.sqrt(a * a + 0.5),
              "RsqrtBackward0", True),
    "erf": (lambda x, d: ak.erf(x), np.vectorize(math.erf), "ErfBackward0", True),
    "trace": (lambda x, d: x.trace(), lambda a: np.trace(a), "TraceBackward0", True),
    "prod": (lambda x, d: x.prod(), lambda a: a.prod(), "ProdBackward0", True),
    "prod_dim": (lambda x, d: ak.prod(x, 1, keepdim=True), lambda a: a.prod(1, keepdims=True),
                 "ProdBackward1", True),
    "cumsum": (lambda x, d: x.cumsum(1), lambda a: a.cumsum(1), "CumsumBackward0", True),
    "var": (lambda x, d: x.var(), lambda a: a.var(ddof=1), "VarBackward0", True),
    "var_dim": (lambda x, d: ak.var(x, 0, keepdim=True, correction=0),
                lambda a: a.var(0, keepdims=True), "VarBackward0", True),
    "std": (lambda x, d: x.std(), lambda a: a.std(ddof=1), "StdBackward0", True),
    "std_dim": (lambda x, d: x.std(1, unbiased=False), lambda a: a.std(1), "StdBackward0", True),
    "logsumexp": (lambda x, d: x.logsumexp(1),
                  lambda a: np.log(np.exp(a).sum(1)), "LogsumexpBackward0", True),
    "logsumexp_all": (lambda x, d: ak.logsumexp(x, (0, 1), keepdim=True),
                      lambda a: np.log(np.exp(a).sum(keepdims=True)), "LogsumexpBackward0", True),
    "outer": (lambda x, d: ak.outer(x[0], x[1]), lambda a: np.outer(a[0], a[1]),
              "MulBackward0", True),
    "narrow": (lambda x, d: x.narrow(1, 1, 2), lambda a: a[:, 1:3], "SliceBackward0", True),
    "narrow_negative": (lambda x, d: ak.narrow(x, -1, -2, 2), lambda a: a[:, 2:],
                        "SliceBackward0", True),
    "flip": (lambda x, d: x.flip(0, 1), lambda a: a[::-1, ::-1], "FlipBackward0", True),
    "repeat": (lambda x, d: x.repeat(2, 1, 3), lambda a: np.tile(a, (2, 1, 3)),
               "RepeatBackward0", True),
    "masked_fill": (lambda x, d: x.masked_fill(index([[1, 0, 0, 1]], d) > 0, 5.0),
                    lambda a: np.where(np.array([[1, 0, 0, 1]]) > 0, 5.0, a),
                    "MaskedFillBackward0", True),
    "gather": (lambda x, d: x.gather(1, index([[3, 0], [1, 1], [2, 0]], d)),
               lambda a: np.take_along_axis(a, np.array([[3, 0], [1, 1], [2, 0]]), 1),
               "GatherBackward0", True),
    "index_select": (lambda x, d: ak.index_select(x, 1, index([2, 0, 2], d)),
                     lambda a: a[:, [2, 0, 2]], "IndexSelectBackward0", True),
    "sort": (lambda x, d: x.sort(1).values, lambda a: np.sort(a, 1), "SortBackward0", True),
    "sort_descending": (lambda x, d: ak.sort(x, 0, descending=True)[0],
                        lambda a: -np.sort(-a, 0), "SortBackward0", True),
    "topk": (lambda x, d: x.topk(2).values, lambda a: -np.sort(-a, 1)[:, :2],
             "TopkBackward0", True),
    "topk_smallest": (lambda x, d: ak.topk(x, 2, dim=0, largest=False)[0],
                      lambda a: np.sort(a, 0)[:2], "TopkBackward0", True),
    "lerp": (lambda x, d: ak.lerp(x, x * x, 0.3), lambda a: a + 0.3 * (a * a - a),
             "LerpBackward0", True),
    "lerp_tensor": (lambda x, d: x.lerp(x.exp(), x.sigmoid()),
                    lambda a: a + (1 / (1 + np.exp(-a))) * (np.exp(a) - a),
                    "LerpBackward1", True),
    "addmm": (lambda x, d: ak.addmm(x[0], x[1:].t(), x[:2], beta=0.5, alpha=2.0),
              lambda a: 0.5 * a[0] + 2.0 * a[1:].T @ a[:2], "AddmmBackward0", True),
}


@pytest.mark.parametrize("name", list(DIFFERENTIABLE))
def test_values_node_and_gradients(name, device):
    fn, reference, node, smooth = DIFFERENTIABLE[name]
    x = leaf(device)
    out = fn(x, device)
    assert out.device == x.device
    assert out.dtype == ak.float64
    assert out.grad_fn.name() == node
    np.testing.assert_allclose(host(out), reference(X), rtol=1e-12, atol=1e-12)
    assert gradcheck(lambda x: fn(x, device), (x,))
    if smooth:
        assert gradgradcheck(lambda x: fn(x, device), (x,))


def test_rounding_gradients_are_zero(device):
    x = leaf(device)
    for y in (x.floor(), x.ceil(), x.round(), x.trunc()):
        (g,) = ak.autograd.grad(y.sum(), x)
        assert host(g).tolist() == np.zeros_like(X).tolist()


def test_remainder_tensor_and_number_first(device):
    a = leaf(device)
    b = ak.tensor(np.full((3, 4), 0.75), dtype=ak.float64, device=device, requires_grad=True)
    out = a.remainder(b)
    assert out.grad_fn.name() == "RemainderBackward1"
    np.testing.assert_allclose(host(out), np.mod(X, 0.75))
    assert gradcheck(lambda a, b: a % b, (a, b))
    assert host(5 % ak.tensor([3, -3], device=device)).tolist() == [2, -1]
    assert host(ak.tensor([5, -5], device=device) % 3).tolist() == [2, 1]


def test_floor_divide_has_no_derivative(device):
    x = leaf(device)
    y = x // 0.5
    np.testing.assert_array_equal(host(y), np.floor_divide(X, 0.5))
    assert y.grad_fn.name() == "torch::autograd::NotImplemented"
    with pytest.raises(RuntimeError, match="derivative for aten::floor_divide is not implemented"):
        y.sum().backward()
    ints = ak.tensor([5, -5], device=device)
    assert (ints // 2).dtype == ak.int64 and host(ak.floor_divide(ints, 2)).tolist() == [2, -3]
    with pytest.raises(RuntimeError, match="ZeroDivisionError"):  # PyTorch's error
        ints // 0


def test_predicates_and_argsort(device):
    t = ak.tensor([[1.0, float("nan"), float("inf")], [0.0, -float("inf"), 2.0]], device=device)
    assert host(t.isnan()).tolist() == [[False, True, False], [False, False, False]]
    assert host(ak.isinf(t)).tolist() == [[False, False, True], [False, True, False]]
    assert host(t.isfinite()).tolist() == [[True, False, False], [True, False, True]]
    assert t.isnan().dtype == ak.bool and t.isnan().grad_fn is None
    assert host(ak.isfinite(ak.tensor([1, 2], device=device))).tolist() == [True, True]
    assert t.all().item() is False and ak.any(t).item() is True
    assert host(t.all(1)).tolist() == [True, False]
    assert t.any(0, keepdim=True).shape == (1, 3)
    b = ak.tensor([[True, False], [True, True]], device=device)
    assert host(b.all(dim=0)).tolist() == [True, False] and b.any().dtype == ak.bool
    x = leaf(device)
    order = x.argsort(1)
    assert order.dtype == ak.int64 and order.grad_fn is None
    assert host(order).tolist() == np.argsort(X, 1, kind="stable").tolist()
    assert host(ak.argsort(x, 0, descending=True)).tolist() == \
        np.argsort(-X, 0, kind="stable").tolist()


def test_sort_topk_indices_and_ties(device):
    t = ak.tensor([3, 1, 2, 1], device=device)
    values, indices = t.sort(descending=True)
    assert host(values).tolist() == [3, 2, 1, 1] and host(indices).tolist() == [0, 2, 1, 3]
    assert host(t.sort().indices).tolist() == [1, 3, 2, 0]
    top = t.topk(2, largest=False)
    assert host(top.values).tolist() == [1, 1] and host(top.indices).tolist() == [1, 3]
    assert repr(ak.sort(t)).startswith("autograd_kit.return_types.sort(")
    x = leaf(device)
    v, i = x.sort(1)
    assert i.grad_fn is None and not i.requires_grad and v.requires_grad


def test_split_chunk_unbind(device):
    x = leaf(device)
    parts = x.split(3, 1)
    assert [p.shape for p in parts] == [(3, 3), (3, 1)]
    assert [p.grad_fn.name() for p in parts] == ["SplitBackward0"] * 2
    sized = ak.split(x, [1, 3], dim=1)
    assert [p.grad_fn.name() for p in sized] == ["SplitWithSizesBackward0"] * 2
    chunks = x.chunk(2, 0)
    assert [c.shape for c in chunks] == [(2, 4), (1, 4)]
    assert chunks[0].grad_fn.name() == "SplitBackward0"
    rows = x.unbind(0)
    assert len(rows) == 3 and rows[1].grad_fn.name() == "UnbindBackward0"
    np.testing.assert_array_equal(host(rows[1]), X[1])
    assert parts[0]._base is x  # pieces are views
    assert gradcheck(lambda x: x.split(3, 1)[1] * 2, (x,))  # one piece used: zeros elsewhere
    assert gradgradcheck(lambda x: [p * p for p in ak.split(x, [1, 3], 1)], (x,))
    assert gradgradcheck(lambda x: [r.exp() for r in x.unbind(1)], (x,))
    assert gradcheck(lambda x: ak.chunk(x, 3, 1)[0].sin(), (x,))


def test_prod_with_zeros_matches_pytorch_rule(device):
    a = ak.tensor([2.0, 0.0, 3.0], dtype=ak.float64, device=device, requires_grad=True)
    a.prod().backward()
    assert host(a.grad).tolist() == [0.0, 6.0, 0.0]
    b = ak.tensor([[2.0, 0.0, 3.0], [0.0, 0.0, 1.0], [1.0, 2.0, 4.0]], dtype=ak.float64,
                  device=device, requires_grad=True)
    b.prod(1).sum().backward()
    assert host(b.grad).tolist() == [[0.0, 6.0, 0.0], [0.0, 0.0, 0.0], [8.0, 4.0, 2.0]]
    assert ak.tensor([1, 2, 3], device=device).prod().dtype == ak.int64


def test_dtypes_of_integer_inputs(device):
    ints = ak.tensor([[1, 2], [3, 4]], device=device)
    assert ints.cumsum(0).dtype == ak.int64 and ints.trace().item() == 5
    assert ak.tensor([True, True], device=device).cumsum(0).tolist() == [1, 2]
    assert ints.floor().dtype == ak.int64
    assert ints.erf().dtype == ak.float32 and ints.log1p().dtype == ak.float32
    assert ints.logsumexp(1).dtype == ak.float32
    assert ints.flip(0).dtype == ak.int64 and ints.repeat(1, 2).dtype == ak.int64
    assert ak.tensor([1.0, 2.0], device=device).cumsum(0, dtype=ak.float64).dtype == ak.float64


def test_erf_accuracy():
    grid = np.linspace(-7, 7, 2001)
    out = ak.erf(ak.tensor(grid, dtype=ak.float64))
    np.testing.assert_allclose(host(out), [math.erf(v) for v in grid], rtol=0, atol=1e-12)
    f32 = ak.erf(ak.tensor([0.5, -2.0]))
    assert f32.dtype == ak.float32


@pytest.mark.filterwarnings("ignore::RuntimeWarning")  # 0/0 in NumPy: nan, as intended
def test_var_std_edge_cases(device):
    one = ak.tensor([1.5], dtype=ak.float64, device=device, requires_grad=True)
    with pytest.warns(UserWarning, match="degrees of freedom is <= 0"):
        assert math.isnan(one.var().item())
    assert one.var(correction=0).item() == 0.0
    flat = ak.tensor([2.0, 2.0, 2.0], dtype=ak.float64, device=device, requires_grad=True)
    flat.std().backward()
    assert host(flat.grad).tolist() == [0.0, 0.0, 0.0]  # as in PyTorch: no nan at std = 0
    assert ak.var(ak.tensor([1.0, 3.0], device=device), False).item() == 1.0


ERRORS = [
    (lambda d: ak.tensor([1, 2], device=d).var(), RuntimeError,
     "std and var only support floating point and complex dtypes"),
    (lambda d: ak.zeros(2, 2, 2, device=d).trace(), RuntimeError,
     "trace: expected a matrix, but got tensor with dim 3"),
    (lambda d: ak.zeros(3, 4, device=d).narrow(1, 3, 2), RuntimeError,
     r"start \(3\) \+ length \(2\) exceeds dimension size \(4\)\."),
    (lambda d: ak.zeros(3, 4, device=d).gather(1, ak.zeros(1, 1, device=d)), RuntimeError,
     "gather\\(\\): Expected dtype int32/int64 for index"),
    (lambda d: ak.zeros(3, 4, device=d).index_select(1, ak.zeros(1, device=d)), RuntimeError,
     r"index_select\(\): Expected dtype int32 or int64 for index"),
    (lambda d: ak.zeros(3, dtype=ak.float64, device=d).masked_fill(
        ak.zeros(3, dtype=ak.float64, device=d), 0.0), RuntimeError,
     "masked_fill_ only supports boolean masks, but got mask with dtype double"),
    (lambda d: ak.zeros(3, 4, device=d).topk(7), RuntimeError, "selected index k out of range"),
    (lambda d: ak.zeros(3, 4, device=d).repeat(2), RuntimeError,
     "Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor"),
    (lambda d: ak.zeros(3, 4, device=d).chunk(0), RuntimeError,
     "chunk expects `chunks` to be greater than 0, got: 0"),
    (lambda d: ak.zeros(3, device=d).split(0), RuntimeError,
     "split_size can only be 0 if dimension size is 0, but got dimension size of 3"),
    (lambda d: ak.zeros(3, 4, device=d).split([1, 2], 1), RuntimeError,
     r"split_with_sizes expects split_sizes to sum exactly to 4"),
    (lambda d: ak.outer(ak.zeros(3, 4, device=d), ak.zeros(4, device=d)), RuntimeError,
     "outer: Expected 1-D argument self, but got 2-D"),
    (lambda d: ak.zeros(3, 4, device=d).flip(0, 0), RuntimeError,
     "dim 0 appears multiple times in the list of dims"),
]


@pytest.mark.parametrize("case", range(len(ERRORS)))
def test_errors_match_pytorch_wording(case, device):
    make, kind, message = ERRORS[case]
    with pytest.raises(kind, match=message):
        make(device)


# ---- side by side with torch ---------------------------------------------------------------

TORCH_CASES = {
    **{name: (lambda lib, x, n=name: getattr(x, n)()) for name in
       ("floor", "ceil", "round", "trunc", "expm1", "exp2", "erf", "prod")},
    "log1p": lambda lib, x: (x * x).log1p(),
    "rsqrt": lambda lib, x: (x * x + 0.5).rsqrt(),
    "mod": lambda lib, x: x % 0.7,
    "mod_tensor": lambda lib, x: x.remainder(x.exp()),
    "trace": lambda lib, x: x.trace(),
    "prod_dim": lambda lib, x: x.prod(0),
    "cumsum": lambda lib, x: lib.cumsum(x, dim=1),
    "var": lambda lib, x: x.var(1, keepdim=True),
    "var_biased": lambda lib, x: lib.var(x, unbiased=False),
    "std": lambda lib, x: x.std(0, correction=2),
    "logsumexp": lambda lib, x: lib.logsumexp(x, 0),
    "outer": lambda lib, x: lib.outer(x[0], x[2]),
    "narrow": lambda lib, x: x.narrow(0, 1, 2),
    "split": lambda lib, x: x.split(3, 1)[1],
    "split_sizes": lambda lib, x: x.split([2, 2], 1)[0],
    "chunk": lambda lib, x: lib.chunk(x, 2, 0)[1],
    "unbind": lambda lib, x: x.unbind(1)[2],
    "flip": lambda lib, x: lib.flip(x, [1]),
    "repeat": lambda lib, x: x.repeat(1, 2),
    "masked_fill": lambda lib, x: x.masked_fill(x > 0, -1.0),
    "masked_fill_tensor": lambda lib, x: x.masked_fill(x > 0, x[0, 0]),
    "gather": lambda lib, x: lib.gather(x, 0, lib.tensor([[2, 0, 1, 1]])),
    "index_select": lambda lib, x: x.index_select(0, lib.tensor([2, 2, 0])),
    "sort": lambda lib, x: x.sort(0, descending=True)[0],
    "topk": lambda lib, x: lib.topk(x, 3)[0],
    "lerp": lambda lib, x: lib.lerp(x, x.sin(), 0.25),
    "lerp_tensor": lambda lib, x: x.lerp(x.cos(), x.tanh()),
    "addmm": lambda lib, x: lib.addmm(x[0], x[1:].t(), x[:2]),
}


@pytest.mark.parametrize("name", list(TORCH_CASES))
def test_against_torch(name):
    torch = pytest.importorskip("torch")
    fn = TORCH_CASES[name]
    ours_x, theirs_x = leaf("cpu"), torch.tensor(X, requires_grad=True)
    ours, theirs = fn(ak, ours_x), fn(torch, theirs_x)
    assert ours.grad_fn.name() == theirs.grad_fn.name()
    assert str(ours.dtype).split(".")[1] == str(theirs.dtype).split(".")[1]
    np.testing.assert_allclose(host(ours), theirs.detach().numpy(), rtol=1e-10, atol=1e-12)
    weights = np.linspace(0.5, 1.5, theirs.numel()).reshape(tuple(theirs.shape))
    (ours * ak.tensor(weights)).sum().backward()
    (theirs * torch.tensor(weights)).sum().backward()
    np.testing.assert_allclose(host(ours_x.grad), theirs_x.grad.numpy(), rtol=1e-10, atol=1e-12)


def test_no_grad_results_against_torch():
    torch = pytest.importorskip("torch")
    data = [[1.5, -2.5, 0.0], [float("nan"), float("inf"), 3.0]]
    ours, theirs = ak.tensor(data), torch.tensor(data)
    for name in ("isnan", "isinf", "isfinite", "all", "any", "argsort"):
        assert host(getattr(ours, name)()).tolist() == getattr(theirs, name)().tolist()
    assert host(ours.any(1, keepdim=True)).tolist() == theirs.any(1, keepdim=True).tolist()
    ints_o, ints_t = ak.tensor([7, -7, 4]), torch.tensor([7, -7, 4])
    assert host(ints_o // 3).tolist() == (ints_t // 3).tolist()
    assert host(ints_o % 3).tolist() == (ints_t % 3).tolist()
    assert host(ak.tensor([0.5, 1.5, 2.5, -0.5]).round()).tolist() == \
        torch.tensor([0.5, 1.5, 2.5, -0.5]).round().tolist()
    x = torch.tensor(X, requires_grad=True)
    assert (x // 2).grad_fn.name() == (leaf("cpu") // 2).grad_fn.name()
