"""The third batch of operations (index_put … linalg decompositions): gradients against
finite differences in float64 (gradcheck), second derivatives for the smooth ones
(gradgradcheck), node names, and values against NumPy. Runs without PyTorch
(tests/test_torch_sweep_ops3.py compares with PyTorch where it is installed).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import autograd_kit as ak
from autograd_kit.autograd import gradcheck, gradgradcheck

RNG = np.random.default_rng(0)


def leaf(*shape: int, low: float = -2.0, high: float = 2.0) -> ak.Tensor:
    values = RNG.uniform(low, high, size=shape)
    return ak.tensor(values, dtype=ak.float64, requires_grad=True)


def spd(n: int = 3) -> ak.Tensor:
    """A symmetric positive-definite matrix with well separated eigenvalues."""
    q, _ = np.linalg.qr(RNG.normal(size=(n, n)))
    values = q @ np.diag(np.arange(1.0, n + 1) * 1.5) @ q.T
    return ak.tensor(values, dtype=ak.float64, requires_grad=True)


def sym(a: ak.Tensor) -> ak.Tensor:
    return (a + a.t()) / 2


I = ak.tensor  # noqa: E741  (short for the index tensors below)
INDEX = [[0, 1, 0, 1], [2, 2, 2, 0], [3, 3, 1, 1]]

# name: (function, inputs, smooth: also check second derivatives)
CASES = {
    "index_put": (lambda x, v: x.index_put((I([0, 2]),), v), lambda: [leaf(3, 4), leaf(4)], True),
    "index_put_acc": (lambda x, v: ak.index_put(x, (I([0, 0, 2]), I([1, 1, 3])), v, True),
                      lambda: [leaf(3, 4), leaf(3)], True),
    "masked_select": (lambda x: x.masked_select(I([True, False, True, True])),
                      lambda: [leaf(3, 4)], True),
    "masked_scatter": (lambda x, s: x.masked_scatter(I([[True, False], [False, True]]), s),
                       lambda: [leaf(2, 2), leaf(3)], True),
    **{f"scatter_reduce_{r}_{s}": (
        lambda x, y, r=r, s=s: x.scatter_reduce(1, I(INDEX), y, r, include_self=s),
        lambda: [leaf(3, 4), leaf(3, 4)], r in ("sum", "mean"))
       for r in ("sum", "prod", "mean", "amax", "amin") for s in (True, False)},
    "take_along_dim": (lambda x: ak.take_along_dim(x, I([[0], [2], [1]]), 1),
                       lambda: [leaf(3, 4)], True),
    "asinh": (lambda x: x.asinh(), lambda: [leaf(3)], True),
    "acosh": (lambda x: (x * x + 1.5).acosh(), lambda: [leaf(3)], True),
    "atanh": (lambda x: ak.atanh(x * 0.4), lambda: [leaf(3)], True),
    "erfc": (lambda x: x.erfc(), lambda: [leaf(3)], True),
    "erfinv": (lambda x: ak.erfinv(x * 0.4), lambda: [leaf(3)], True),
    "logit": (lambda x: (x * 0.2 + 0.5).logit(), lambda: [leaf(3)], True),
    "logit_eps": (lambda x: ak.logit(x * 0.2 + 0.5, 0.25), lambda: [leaf(4)], False),
    "nanmean": (lambda x: ak.nanmean(x, 1), lambda: [leaf(3, 4)], True),
    "quantile": (lambda x: x.quantile(0.3, dim=1), lambda: [leaf(3, 4)], False),
    "quantile_many": (lambda x: ak.quantile(x, I([0.2, 0.5, 0.9], dtype=ak.float64)),
                      lambda: [leaf(3, 4)], False),
    "nanquantile": (lambda x: x.nanquantile(0.7, 0, keepdim=True), lambda: [leaf(3, 4)], False),
    "diff": (lambda x: x.diff(2, 0, append=x[:1]), lambda: [leaf(3, 4)], True),
    "trapezoid": (lambda y: ak.trapezoid(y), lambda: [leaf(3, 4)], True),
    "trapezoid_x": (lambda y, x: ak.trapezoid(y, x, dim=0), lambda: [leaf(3, 4), leaf(3)], True),
    "rot90": (lambda x: x.rot90(3, [1, 0]), lambda: [leaf(3, 4)], True),
    "fliplr": (lambda x: ak.fliplr(x) * ak.flipud(x), lambda: [leaf(3, 4)], True),
    "tensor_split": (lambda x: x.tensor_split([1, 3], 1)[1], lambda: [leaf(3, 4)], True),
    "block_diag": (lambda x, v: ak.block_diag(x, v), lambda: [leaf(2, 3), leaf(2)], True),
    "cartesian_prod": (lambda a, b: ak.cartesian_prod(a, b), lambda: [leaf(2), leaf(3)], True),
    "combinations": (lambda a: ak.combinations(a, 2), lambda: [leaf(4)], True),
    "logdet": (lambda a: ak.logdet(a), lambda: [spd()], True),
    "slogdet": (lambda a: ak.linalg.slogdet(a).logabsdet, lambda: [leaf(3, 3)], True),
    "solve": (lambda a, b: ak.linalg.solve(a, b), lambda: [spd(), leaf(3, 2)], True),
    "solve_vector": (lambda a, b: ak.linalg.solve(a, b), lambda: [spd(), leaf(3)], True),
    "solve_right": (lambda a, b: ak.linalg.solve(a, b, left=False), lambda: [spd(), leaf(2, 3)],
                    True),
    "eigh_values": (lambda a: ak.linalg.eigh(sym(a)).eigenvalues, lambda: [spd()], False),
    "eigh_vectors": (lambda a: ak.linalg.eigh(sym(a)).eigenvectors.abs(), lambda: [spd()], False),
    "svdvals": (lambda a: ak.linalg.svdvals(a), lambda: [leaf(3, 2)], False),
    "svd_tall": (lambda a: [t.abs() for t in ak.linalg.svd(a, full_matrices=False)],
                 lambda: [leaf(4, 2)], False),
    "svd_wide": (lambda a: [t.abs() for t in ak.linalg.svd(a, full_matrices=False)],
                 lambda: [leaf(2, 4)], False),
    "qr_tall": (lambda a: ak.linalg.qr(a), lambda: [leaf(4, 3)], False),
    "qr_wide": (lambda a: ak.linalg.qr(a), lambda: [leaf(2, 4)], False),
    "pinv": (lambda a: ak.linalg.pinv(a), lambda: [leaf(3, 2)], False),
    "cholesky": (lambda a: ak.linalg.cholesky(sym(a)), lambda: [spd()], False),
    "cholesky_upper": (lambda a: ak.linalg.cholesky(sym(a), upper=True), lambda: [spd()], False),
}


@pytest.mark.parametrize("name", list(CASES))
def test_gradients_match_finite_differences(name: str) -> None:
    function, inputs, smooth = CASES[name]
    values = inputs()
    assert gradcheck(function, values)
    if smooth:
        assert gradgradcheck(function, values)


NODE_NAMES = {
    "IndexPutBackward0": lambda x: x.index_put((I([0]),), x[0, 0]),
    "MaskedSelectBackward0": lambda x: x.masked_select(x > 0),
    "MaskedScatterBackward0": lambda x: x.masked_scatter(x > 0, x * 2),
    "ScatterReduceBackward0": lambda x: x.scatter_reduce(1, I([[0], [1], [0]]), x, "amax"),
    "GatherBackward0": lambda x: x.take_along_dim(I([[0], [1], [0]]), 1),
    "AsinhBackward0": lambda x: x.asinh(), "AcoshBackward0": lambda x: (x * x + 1).acosh(),
    "AtanhBackward0": lambda x: x.arctanh(), "ErfinvBackward0": lambda x: x.erfinv(),
    "ErfcBackward0": lambda x: x.erfc(), "LogitBackward0": lambda x: x.logit(),
    "DivBackward0": lambda x: x.nanmean(), "SqueezeBackward4": lambda x: x.quantile(0.5),
    "SubBackward0": lambda x: x.diff(), "MulBackward1": lambda x: ak.trapezoid(x),
    "Rot90Backward0": lambda x: x.rot90(), "FlipBackward0": lambda x: x.fliplr(),
    "SliceBackward0": lambda x: x.hsplit(2)[0], "BlockDiagBackward0": lambda x: ak.block_diag(x),
    "StackBackward0": lambda x: ak.combinations(x[0]),
    "WhereBackward0": lambda x: ak.logdet(x[:, :3]),
    "LinalgSlogdetBackward0": lambda x: x[:, :3].slogdet()[1],
    "LinalgSolveExBackward0": lambda x: ak.linalg.solve(x[:, :3], x),
    "LinalgEighBackward0": lambda x: ak.linalg.eigh(x[:, :3])[0],
    "LinalgSvdBackward0": lambda x: ak.linalg.svdvals(x),
    "LinalgQrBackward0": lambda x: ak.linalg.qr(x).R,
    "LinalgPinvBackward0": lambda x: ak.linalg.pinv(x),
    "LinalgCholeskyExBackward0": lambda x: ak.linalg.cholesky(x[:, :3] @ x[:, :3].t()
                                                               + 5 * ak.eye(3)),
}


@pytest.mark.parametrize("name", list(NODE_NAMES))
def test_node_names_are_pytorchs(name: str) -> None:
    x = ak.tensor([[0.5, -0.2, 0.3, 0.1], [0.2, 0.4, -0.1, 0.3], [0.1, 0.3, 0.6, -0.4]],
                  requires_grad=True)
    assert type(NODE_NAMES[name](x).grad_fn).__name__ == name


def test_values_match_numpy() -> None:
    data = RNG.normal(size=(4, 5))
    x = ak.tensor(data)
    assert np.allclose(ak.quantile(x, 0.3, dim=1).numpy(), np.quantile(data, 0.3, axis=1))
    for method in ("lower", "higher", "midpoint", "nearest"):
        assert np.allclose(x.quantile(0.35, interpolation=method).numpy(),
                           np.quantile(data, 0.35, method=method))
    assert np.allclose(ak.diff(x, 2).numpy(), np.diff(data, 2))
    assert np.allclose(ak.trapezoid(x).numpy(), np.trapezoid(data))
    assert np.allclose(x.rot90(3).numpy(), np.rot90(data, 3))
    assert np.allclose(ak.erfinv(ak.erf(x * 0.5)).numpy(), data * 0.5)
    assert np.allclose(ak.erfc(x).numpy(), [[math.erfc(v) for v in row] for row in data])
    assert np.allclose(ak.asinh(x).numpy(), np.arcsinh(data))
    assert ak.gcd(ak.tensor([12, 18]), ak.tensor([8, 27])).tolist() == [4, 9]
    assert ak.lcm(ak.tensor([4, 6]), ak.tensor([6, 4])).tolist() == [12, 12]
    assert ak.bincount(ak.tensor([0, 2, 2])).tolist() == [1, 0, 2]
    assert ak.histc(ak.tensor([0.0, 1.0, 1.0, 3.0]), bins=3).tolist() == [1.0, 2.0, 1.0]
    assert ak.searchsorted(ak.tensor([1, 3, 5]), ak.tensor([0, 3, 6])).tolist() == [0, 1, 3]
    assert ak.bucketize(ak.tensor([3]), ak.tensor([1, 3, 5]), right=True).tolist() == [2]
    assert ak.triu_indices(3, 3).tolist() == [list(r) for r in np.triu_indices(3)]
    assert ak.tril_indices(3, 4, 1).tolist() == [list(r) for r in np.tril_indices(3, 1, 4)]
    assert ak.combinations(ak.tensor([1, 2, 3])).tolist() == [[1, 2], [1, 3], [2, 3]]
    assert ak.cartesian_prod(ak.tensor([1, 2]), ak.tensor([3])).tolist() == [[1, 3], [2, 3]]
    assert [p.shape[0] for p in ak.arange(7).tensor_split(3)] == [3, 2, 2]
    square = data[:, :4] @ data[:, :4].T + np.eye(4)
    a = ak.tensor(square)
    assert np.allclose(ak.linalg.cholesky(a).numpy(), np.linalg.cholesky(square))
    assert np.allclose(ak.linalg.slogdet(a).logabsdet.item(), np.linalg.slogdet(square)[1])
    assert np.allclose(ak.linalg.pinv(x).numpy(), np.linalg.pinv(data))
    assert ak.linalg.matrix_rank(x).item() == 4


def test_in_place_variants() -> None:
    x = ak.tensor([0.2, -0.4])
    assert x.atanh_() is x and np.allclose(x.numpy(), np.arctanh([0.2, -0.4]))
    y = ak.zeros(3)
    y.index_put_((ak.tensor([0, 0]),), ak.tensor([1.0, 2.0]), accumulate=True)
    assert y.tolist() == [3.0, 0.0, 0.0]
    y.scatter_reduce_(0, ak.tensor([1, 1]), ak.tensor([4.0, 5.0]), "amax")
    assert y.tolist() == [3.0, 5.0, 0.0]
    y.masked_scatter_(ak.tensor([False, False, True]), ak.tensor([7.0]))
    assert y.tolist() == [3.0, 5.0, 7.0]


def test_in_place_inverse_hyperbolic_has_no_derivative() -> None:
    x = ak.tensor([0.5], requires_grad=True)
    y = x * 0.5
    y.atanh_()
    assert type(y.grad_fn).__name__ == "AtanhBackward1"
    with pytest.raises(NotImplementedError, match="inplace version of atanh"):
        y.sum().backward()


def test_a_list_of_tensors_takes_one_number_from_each() -> None:
    assert ak.tensor([ak.tensor([1.0]), ak.tensor(2.0)]).tolist() == [1.0, 2.0]
    x = ak.tensor([1.0, 2.0])
    with pytest.raises(ValueError, match="only one element tensors"):
        ak.tensor([x, x])


def test_errors() -> None:
    with pytest.raises(ak.linalg.LinAlgError, match="order 2 is not positive-definite"):
        ak.linalg.cholesky(ak.tensor([[1.0, 2.0], [2.0, 1.0]]))
    with pytest.raises(ak.linalg.LinAlgError, match="singular"):
        ak.linalg.solve(ak.tensor([[1.0, 2.0], [2.0, 4.0]]), ak.ones(2))
    with pytest.raises(RuntimeError, match="q must be in the range"):
        ak.quantile(ak.ones(3), 1.5)
    with pytest.raises(RuntimeError, match="expected BoolTensor"):
        ak.masked_select(ak.ones(2), ak.ones(2))
