"""The second batch of operations (tril … einsum): gradients against finite differences in
float64 (gradcheck), second derivatives for the smooth ones (gradgradcheck), node names, and
a few values against NumPy. Runs without PyTorch (tests/test_torch_sweep_ops2.py compares
with PyTorch where it is installed).
"""

from __future__ import annotations

import numpy as np
import pytest

import autograd_kit as ak
from autograd_kit.autograd import gradcheck, gradgradcheck

RNG = np.random.default_rng(0)


def leaf(*shape: int, low: float = -2.0, high: float = 2.0) -> ak.Tensor:
    values = RNG.uniform(low, high, size=shape)
    return ak.tensor(values, dtype=ak.float64, requires_grad=True)


def positive(*shape: int) -> ak.Tensor:
    return leaf(*shape, low=0.5, high=2.0)


# name: (function, inputs, smooth: also check second derivatives)
CASES = {
    "tril": (lambda x: x.tril(), lambda: [leaf(3, 4)], True),
    "triu_k": (lambda x: ak.triu(x, 1), lambda: [leaf(2, 3, 4)], True),
    "diag_matrix": (lambda x: x.diag(1), lambda: [leaf(3, 4)], True),
    "diag_vector": (lambda v: ak.diag(v, -1), lambda: [leaf(3)], True),
    "diagonal": (lambda x: x.diagonal(0, 1, 2), lambda: [leaf(2, 3, 4)], True),
    "diagonal_offset": (lambda x: ak.diagonal(x, -1), lambda: [leaf(4, 3)], True),
    "select": (lambda x: x.select(1, -1), lambda: [leaf(3, 4)], True),
    "movedim": (lambda x: x.movedim((0, 1), (2, 0)), lambda: [leaf(2, 3, 4)], True),
    "roll": (lambda x: x.roll((1, -2), (0, 1)), lambda: [leaf(3, 4)], True),
    "roll_flat": (lambda x: ak.roll(x, 5), lambda: [leaf(3, 4)], True),
    "take": (lambda x: x.take(ak.tensor([[0, 5], [5, -1]])), lambda: [leaf(3, 4)], True),
    "cumprod": (lambda x: x.cumprod(1), lambda: [leaf(3, 4)], True),
    "cumprod_zeros": (lambda x: (x * ak.tensor([1., 0., 1., 0.], dtype=ak.float64)).cumprod(-1),
                      lambda: [leaf(3, 4)], True),
    "cummax": (lambda x: x.cummax(1).values, lambda: [leaf(3, 4)], False),
    "cummin": (lambda x: ak.cummin(x, 0)[0], lambda: [leaf(3, 4)], False),
    "logcumsumexp": (lambda x: x.logcumsumexp(1), lambda: [leaf(3, 4)], True),
    "atan2": (lambda a, b: ak.atan2(a, b), lambda: [leaf(3, 4), leaf(4)], True),
    "hypot": (lambda a, b: a.hypot(b), lambda: [positive(3, 4), leaf(3, 1)], True),
    "logaddexp": (lambda a, b: ak.logaddexp(a, b), lambda: [leaf(3, 4), leaf(4)], True),
    "xlogy": (lambda a, b: ak.xlogy(a, b), lambda: [leaf(3, 4), positive(3, 4)], True),
    "xlogy_number": (lambda b: ak.xlogy(2.0, b), lambda: [positive(4)], True),
    "addcmul": (lambda a, b, c: ak.addcmul(a, b, c, value=0.5),
                lambda: [leaf(3, 4), leaf(4), leaf(3, 1)], True),
    "addcdiv": (lambda a, b, c: a.addcdiv(b, c, value=-2),
                lambda: [leaf(3, 4), leaf(3, 4), positive(4)], True),
    "nan_to_num": (lambda x: x.nan_to_num(), lambda: [leaf(3, 4)], True),
    "nansum": (lambda x: ak.nansum(x, 1), lambda: [leaf(3, 4)], True),
    "std_mean": (lambda x: ak.std_mean(x, 1), lambda: [leaf(3, 4)], True),
    "var_mean": (lambda x: ak.var_mean(x, correction=0), lambda: [leaf(3, 4)], True),
    "aminmax": (lambda x: tuple(ak.aminmax(x, dim=0)), lambda: [leaf(3, 4)], False),
    "median": (lambda x: x.median(), lambda: [leaf(3, 4)], False),
    "median_dim": (lambda x: x.median(1).values, lambda: [leaf(3, 5)], False),
    "kthvalue": (lambda x: ak.kthvalue(x, 2, 0, True).values, lambda: [leaf(3, 4)], False),
    "mode": (lambda x: x.mode(1).values, lambda: [leaf(3, 4)], False),
    "hstack": (lambda a, b: ak.hstack([a, b]), lambda: [leaf(3), leaf(2)], True),
    "vstack": (lambda a, b: ak.vstack([a, b]), lambda: [leaf(3), leaf(2, 3)], True),
    "column_stack": (lambda a, b: ak.column_stack([a, b]), lambda: [leaf(3), leaf(3, 2)], True),
    "broadcast_to": (lambda v: v.broadcast_to((2, 3)), lambda: [leaf(3)], True),
    "tile": (lambda x: x.tile((2, 1, 2)), lambda: [leaf(2, 3)], True),
    "repeat_interleave": (lambda x: x.repeat_interleave(2, dim=1), lambda: [leaf(2, 3)], True),
    "repeat_interleave_counts": (lambda x: x.repeat_interleave(ak.tensor([0, 2, 1]), dim=1),
                                 lambda: [leaf(2, 3)], True),
    "unflatten": (lambda x: x.unflatten(1, (2, -1)), lambda: [leaf(3, 4)], True),
    "meshgrid": (lambda a, b: ak.meshgrid(a, b, indexing="xy"), lambda: [leaf(3), leaf(2)], True),
    "tensordot": (lambda a, b: ak.tensordot(a, b, ([1, 0], [0, 2])),
                  lambda: [leaf(3, 4), leaf(4, 2, 3)], True),
    "kron": (lambda a, b: ak.kron(a, b), lambda: [leaf(2, 3), leaf(2, 2)], True),
    "cross": (lambda a, b: ak.cross(a, b, dim=1), lambda: [leaf(2, 3), leaf(2, 3)], True),
    # (PyTorch's CdistBackward0 has no second derivative; the matrix-product route has one)
    "cdist": (lambda a, b: ak.cdist(a, b), lambda: [leaf(3, 4), leaf(2, 4)], False),
    "cdist_mm": (lambda a, b: ak.cdist(a, b, compute_mode="use_mm_for_euclid_dist"),
                 lambda: [leaf(3, 4), leaf(2, 4)], True),
    "cdist_p1": (lambda a, b: ak.cdist(a, b, p=1), lambda: [leaf(3, 4), leaf(2, 4)], False),
    "cdist_p3": (lambda a, b: ak.cdist(a, b, p=3), lambda: [leaf(2, 3, 4), leaf(2, 2, 4)], False),
    "einsum_matmul": (lambda a, b: ak.einsum("ij,jk->ik", a, b),
                      lambda: [leaf(3, 4), leaf(4, 2)], True),
    "einsum_batch": (lambda a, b: ak.einsum("bij,bjk->bik", a, b),
                     lambda: [leaf(2, 3, 4), leaf(2, 4, 2)], True),
    "einsum_trace": (lambda a: ak.einsum("ii", a), lambda: [leaf(3, 3)], True),
    "einsum_diag": (lambda a: ak.einsum("ii->i", a), lambda: [leaf(3, 3)], True),
    "einsum_sum": (lambda a: ak.einsum("ij->", a), lambda: [leaf(3, 4)], True),
    "einsum_outer": (lambda a, b: ak.einsum("i,j", a, b), lambda: [leaf(3), leaf(2)], True),
    "einsum_broadcast": (lambda a, b: ak.einsum("ij,ij->i", a, b),
                         lambda: [leaf(3, 4), leaf(1, 4)], True),
}


@pytest.mark.parametrize("name", list(CASES))
def test_gradients_match_finite_differences(name: str) -> None:
    function, inputs, smooth = CASES[name]
    values = inputs()
    assert gradcheck(function, values)
    if smooth:
        assert gradgradcheck(function, values)


NODE_NAMES = {
    "TrilBackward0": lambda x: x.tril(), "TriuBackward0": lambda x: x.triu(),
    "DiagonalBackward0_copy": lambda x: x.diag(), "DiagEmbedBackward0": lambda x: x[0].diag(),
    "DiagonalBackward0": lambda x: x.diagonal(), "SelectBackward0": lambda x: x.select(0, 1),
    "PermuteBackward0": lambda x: x.movedim(0, 1), "RollBackward0": lambda x: x.roll(1),
    "TakeBackward0": lambda x: x.take(ak.tensor([1])), "CumprodBackward0": lambda x: x.cumprod(0),
    "CummaxBackward0": lambda x: x.cummax(0)[0], "CumminBackward0": lambda x: x.cummin(0)[0],
    "LogcumsumexpBackward0": lambda x: x.logcumsumexp(0), "Atan2Backward0": lambda x: x.atan2(x),
    "HypotBackward0": lambda x: x.hypot(x), "LogaddexpBackward0": lambda x: x.logaddexp(x),
    "XlogyBackward0": lambda x: x.xlogy(x), "XlogyBackward1": lambda x: ak.xlogy(2, x),
    "XlogyBackward2": lambda x: x.xlogy(2), "AddcmulBackward0": lambda x: x.addcmul(x, x),
    "AddcdivBackward0": lambda x: x.addcdiv(x, x), "SgnBackward0": lambda x: x.sgn(),
    "NanToNumBackward0": lambda x: x.nan_to_num(), "NansumBackward0": lambda x: x.nansum(),
    "StdMeanBackward0": lambda x: ak.std_mean(x)[0],
    "VarMeanBackward0": lambda x: ak.var_mean(x)[1],
    "AminmaxBackward0": lambda x: x.aminmax().min, "MedianBackward0": lambda x: x.median(),
    "MedianBackward1": lambda x: x.median(0)[0], "KthvalueBackward0": lambda x: x.kthvalue(1)[0],
    "ModeBackward0": lambda x: x.mode()[0], "CatBackward0": lambda x: ak.hstack([x, x]),
    "ExpandBackward0": lambda x: x.broadcast_to((2, 2, 3)), "RepeatBackward0": lambda x: x.tile(2),
    "ViewBackward0": lambda x: x.unflatten(1, (3, 1)),
    "UnsafeViewBackward0": lambda x: ak.kron(x, x),
    "LinalgCrossBackward0": lambda x: ak.cross(x, x, dim=1),
    "CdistBackward0": lambda x: ak.cdist(x, x),
}


@pytest.mark.parametrize("name", list(NODE_NAMES))
def test_node_names_are_pytorchs(name: str) -> None:
    x = ak.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.5]], requires_grad=True)
    assert NODE_NAMES[name](x).grad_fn.name() == name


def test_values_match_numpy() -> None:
    a = RNG.normal(size=(3, 4))
    x = ak.tensor(a)
    assert np.allclose(ak.tril(x, -1).numpy(), np.tril(a, -1))
    assert np.allclose(x.roll(2, 1).numpy(), np.roll(a, 2, 1))
    assert np.allclose(x.cumprod(0).numpy(), a.cumprod(0))
    assert np.allclose(x.logcumsumexp(1).numpy(), np.logaddexp.accumulate(a, 1))
    assert np.allclose(ak.kron(x, x).numpy(), np.kron(a, a))
    assert np.allclose(ak.tensordot(x, x, ([0], [0])).numpy(), np.tensordot(a, a, ([0], [0])))
    assert np.allclose(ak.einsum("ij,kj->ik", x, x).numpy(), a @ a.T)
    assert np.allclose(ak.cdist(x, x).numpy(),
                       np.sqrt(((a[:, None] - a[None]) ** 2).sum(-1)))
    assert np.allclose(x.median(1).values.numpy(), np.sort(a, 1)[:, 1])
    assert ak.scalar_tensor(3).dtype == ak.float32
    assert x.short().dtype == ak.int16 and x.byte().dtype == ak.uint8


def test_a_diagonal_is_a_writable_view() -> None:
    x = ak.zeros(3, 3)
    x.diagonal().add_(1)
    assert x.numpy().tolist() == np.eye(3).tolist()
