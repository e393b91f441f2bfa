"""Kit-only checks of the op fixes compared with PyTorch in tests/test_torch_parity_ops9.py
(the expected values, names and messages are PyTorch's, observed with PyTorch 2.13)."""

from __future__ import annotations

from typing import Any

import numpy
import pytest

import autograd_kit as ak
from autograd_kit.ops.quick_select import quick_select_position


# ---- kthvalue: among ties, the position PyTorch's quickselect settles on
def test_kthvalue_among_ties_reports_the_quickselect_position() -> None:
    x = ak.tensor([[1, 3, 3, 2], [5, 5, 1, 1]])
    r = x.kthvalue(3)
    assert r.values.tolist() == [3, 5]
    assert r.indices.tolist() == [2, 0]  # a stable sort would say [1, 0]


def test_quick_select_positions_with_ties_and_nan() -> None:
    assert quick_select_position([1., 3., 3., 2.], 2) == 2
    assert quick_select_position([0., 0., 0., 0., 0.], 0) == 3
    assert quick_select_position([2., float("nan"), 2., 1.], 3) == 1
    assert quick_select_position([4.], 0) == 0


def test_kthvalue_along_the_first_dim_with_ties_and_its_gradient() -> None:
    x = ak.tensor([[0., 1.], [0., 1.], [0., 0.], [0., 1.], [0., 1.]], requires_grad=True)
    v, i = x.kthvalue(1, 0)
    assert i.tolist() == [3, 2]
    v.sum().backward()
    assert x.grad.tolist() == [[0., 0.], [0., 0.], [0., 1.], [1., 0.], [0., 0.]]


# ---- topk: ties and sorted=False follow PyTorch's std::nth_element / std::partial_sort
def test_topk_among_ties_reports_pytorchs_positions() -> None:
    x = ak.tensor([1, 3, 3, 3, 2, 3])
    assert x.topk(2).indices.tolist() == [3, 5]  # a stable sort would say [1, 2]
    assert x.topk(3, largest=False).indices.tolist() == [0, 4, 3]
    assert x.topk(3, sorted=False).indices.tolist() == [3, 5, 1]


def test_topk_unsorted_keeps_the_selection_order() -> None:
    r = ak.tensor([5., 1., 4., 2., 3., 9., 0.]).topk(3, sorted=False)
    assert r.values.tolist() == [5., 9., 4.]
    assert r.indices.tolist() == [0, 5, 2]


def test_topk_of_a_long_row_uses_the_partial_sort_positions() -> None:
    x = ak.tensor([1., 3, 3, 3, 2, 3] * 20)  # 64·k ≤ 120: std::partial_sort
    assert x.topk(2).indices.tolist() == [73, 71]


def test_topk_gradient_goes_to_the_reported_tie() -> None:
    x = ak.tensor([[1., 2., 2.], [2., 2., 1.]], requires_grad=True)
    v, i = x.topk(1)
    v.sum().backward()
    assert i.tolist() == [[1], [0]]
    assert x.grad.tolist() == [[0., 1., 0.], [1., 0., 0.]]


# ---- searchsorted: PyTorch's argument checks
@pytest.mark.parametrize("kwargs, values, message", [
    ({"side": "left", "right": True}, [1.], "torch.searchsorted(): side and right can't be set "
     "to opposites, got side of left while right was True"),
    ({"side": "middle"}, [1.], "torch.searchsorted(): side can only be 'left' or 'right' but "
     "got middle"),
    ({"sorter": [0]}, [1.], "torch.searchsorted(): boundary and sorter must have the same size, "
     "but got boundary tensor [2]and got sorter tensor [1]"),
    ({"sorter": [0., 1.]}, [1.], "torch.searchsorted(): sorter must be a tensor of long dtype "
     "but got dtype Float"),
    ({"sorter": [1, 5]}, [1.], "torch.searchsorted(): sorter index out of range"),
])
def test_searchsorted_argument_errors(kwargs: dict, values: list, message: str) -> None:
    if "sorter" in kwargs:
        kwargs = {**kwargs, "sorter": ak.tensor(kwargs["sorter"])}
    with pytest.raises(RuntimeError) as info:
        ak.searchsorted(ak.tensor([1., 2.]), ak.tensor(values), **kwargs)
    assert str(info.value) == message


def test_searchsorted_dimension_errors() -> None:
    with pytest.raises(RuntimeError, match=r"boundaries tensor should have positive dimension, "
                       r"but got 0 dimension"):
        ak.searchsorted(ak.tensor(1.), ak.tensor([1.]))
    with pytest.raises(RuntimeError, match=r"input value can be a scalar only when boundaries "
                       r"tensor dimension is 1, but we got boundaries tensor dim\(2\) and input "
                       r"value's dim\(0\) numel\(1\)"):
        ak.searchsorted(ak.tensor([[1., 2.]]), 1.5)
    assert ak.searchsorted(ak.tensor([1., 2.]), ak.tensor([1.]), side="right",
                           right=False).tolist() == [1]


# ---- det / slogdet: PyTorch factors Aᵀ (A contiguous) with MKL's rounding
def test_det_of_a_singular_matrix_has_pytorchs_signed_zero() -> None:
    d = ak.linalg.det(ak.tensor([[2., 4.], [1., 2.]]))
    assert d.item() == 0 and str(d) == "tensor(-0.)"
    assert str(ak.linalg.det(ak.tensor([[2., 4.], [1., 2.]]).t())) == "tensor(-0.)"


def test_det_and_slogdet_float32_bits_match_pytorch() -> None:
    from autograd_kit.linalg import MKL_FUSES

    # PyTorch 2.13's bits: on an Intel processor (MKL's fused updates) and on an AMD EPYC
    expected = -10.195999145507812 if MKL_FUSES else -10.196000099182129
    a = ak.tensor([[0.3, 1.7, -2.2], [0.9, 0.4, 1.1], [-1.3, 2.5, 0.6]])
    assert ak.linalg.det(a).item() == expected
    assert ak.linalg.det(a.t()).item() == expected
    assert ak.linalg.slogdet(a)[1].item() == 2.321995496749878


def test_fused_subtract_rounds_once() -> None:
    import numpy

    from autograd_kit.linalg import fused_subtract

    a, b, c = numpy.float32(1 + 2 ** -12), numpy.float32(1 - 2 ** -12), numpy.float32(1)
    got = fused_subtract(numpy, numpy.array([c]), numpy.array([a]), numpy.array([b]))
    assert got[0] == numpy.float32(2 ** -24)  # a·b - 1 = -2⁻²⁴ exactly: no rounding to 0
    a64, b64 = 1 + 2.0 ** -30, 1 - 2.0 ** -30
    got = fused_subtract(numpy, numpy.array([1.0]), numpy.array([a64]), numpy.array([b64]))
    assert got[0] == 2.0 ** -60


# ---- einsum: the sublist format
def test_einsum_with_sublists() -> None:
    a = ak.arange(6.).reshape(2, 3)
    assert ak.einsum(a, [0, 1], ak.ones(3), [1], [0]).tolist() == [3., 12.]
    assert ak.einsum(a, [0, 1], a, [0, 1]).item() == 55.
    assert ak.einsum(a, [1, 0]).tolist() == [[0., 3.], [1., 4.], [2., 5.]]
    with pytest.raises(ValueError, match=r"subscript in subscript list is not within the valid "
                       r"range \[0, 52\)"):
        ak.einsum(ak.ones(2), [60])


# ---- norms: PyTorch's routing and checks
@pytest.mark.parametrize("call, error, message", [
    (lambda: ak.linalg.norm(ak.tensor([3., 4.]), "fro"), RuntimeError,
     "linalg.matrix_norm: The input tensor A must have at least 2 dimensions."),
    (lambda: ak.linalg.norm(ak.ones(2, 2, 2), dim=(0, 1, 2)), RuntimeError,
     "linalg.norm: If dim is specified, it must be of length 1 or 2. Got [0, 1, 2]"),
    (lambda: ak.linalg.vector_norm(ak.ones(2, 2), "fro"), TypeError,
     "linalg_vector_norm(): argument 'ord' (position 2) must be Number, not str"),
    (lambda: ak.linalg.norm(ak.ones(2, 2), "fro", dim=0), RuntimeError,
     "linalg.matrix_norm: dim must be a 2-tuple. Got 0"),
    (lambda: ak.ones(2, 2).norm(p="abc"), RuntimeError,
     "linalg.matrix_norm: Order abc not supported."),
    (lambda: ak.ones(2, 2, 2).norm(p="nuc"), RuntimeError,
     "linalg.matrix_norm: dim must be a 2-tuple. Got 0 1 2"),
    (lambda: ak.linalg.vector_norm(ak.ones(2, 2), dtype=ak.int64), RuntimeError,
     "linalg.vector_norm: dtype should be floating point or complex, but got Long"),
    (lambda: ak.linalg.matrix_norm(ak.ones(2, 2, dtype=ak.float64), dtype=ak.float32),
     RuntimeError, "linalg.matrix_norm: the dtype of the input (Double) should be convertible "
     "without narrowing to the specified dtype (Float)"),
    (lambda: ak.linalg.matrix_norm(ak.ones(2, 2), dim=(1, -1)), RuntimeError,
     "linalg.matrix_norm: dims must be different. Got (1, 1)"),
    (lambda: ak.linalg.matrix_norm(ak.ones(2, 2, dtype=ak.int64)), RuntimeError,
     "linalg.matrix_norm: Expected a floating point or complex tensor as input. Got Long"),
])
def test_norm_errors(call: Any, error: type, message: str) -> None:
    with pytest.raises(error) as info:
        call()
    assert str(info.value) == message


def test_tensor_norm_fro_over_three_dims_is_the_vector_norm() -> None:
    x = ak.ones(2, 2, 2, requires_grad=True)
    y = ak.norm(x, "fro", dim=(0, 1), keepdim=True)
    assert y.shape == (1, 1, 2) and y.grad_fn.name() == "LinalgVectorNormBackward0"
    assert ak.norm(x, dtype=ak.float64).dtype == ak.float64


# ---- cholesky_ex: LAPACK's partial factorization and the failing minor's order
def test_cholesky_ex_of_a_matrix_that_is_not_positive_definite() -> None:
    low, info = ak.linalg.cholesky_ex(ak.tensor([[4., 2, 1], [2, 1, 3], [1, 3, 5]]))
    assert info.item() == 2 and info.dtype == ak.int32
    assert low.tolist() == [[2., 0., 0.], [1., 0., 0.], [0.5, 3., 5.]]
    low, info = ak.linalg.cholesky_ex(ak.tensor([[[1., 2], [2, 1]], [[4., 2], [2, 3]]]))
    assert info.tolist() == [2, 0]
    assert low[0].tolist() == [[1., 0.], [2., -3.]]
    upper, _ = ak.linalg.cholesky_ex(ak.tensor([[1., 2], [2, 1]]), upper=True)
    assert upper.tolist() == [[1., 2.], [0., -3.]]


def test_cholesky_errors_name_the_batch_element_and_the_function() -> None:
    with pytest.raises(ak.linalg.LinAlgError, match=r"^linalg.cholesky: \(Batch element 1\): The "
                       r"factorization could not be completed because the input is not "
                       r"positive-definite \(the leading minor of order 2 is not"):
        ak.linalg.cholesky(ak.tensor([[[4., 2], [2, 3]], [[1., 2], [2, 1]]]))
    with pytest.raises(ak.linalg.LinAlgError, match=r"^linalg.cholesky_ex: The factorization"):
        ak.linalg.cholesky_ex(ak.tensor([[1., 2], [2, 1]]), check_errors=True)


# ---- special.round: decimals always given (RoundBackward1, the round_vml kernel for ints)
def test_special_round_records_round_with_decimals() -> None:
    x = ak.tensor([0.5, 1.5, 2.5], requires_grad=True)
    y = ak.special.round(x)
    assert y.tolist() == [0., 2., 2.] and y.grad_fn.name() == "RoundBackward1"
    assert x.round().grad_fn.name() == "RoundBackward0"
    with pytest.raises(NotImplementedError, match="\"round_vml_cpu\" not implemented for 'Long'"):
        ak.special.round(ak.tensor([1, 2]))
    with pytest.raises(NotImplementedError, match="\"round_cpu\" not implemented for 'Long'"):
        ak.special.round(ak.tensor([1, 2]), decimals=1)


# ---- second-derivative graphs of atanh, logit and sinc: PyTorch's formulas
def test_atanh_gradient_is_a_division_by_one_minus_x_squared() -> None:
    x = ak.tensor([0.5, -0.25], requires_grad=True)
    g, = ak.autograd.grad(ak.atanh(x).sum(), x, create_graph=True)
    assert g.grad_fn.name() == "DivBackward0"
    assert g.grad_fn.next_functions[1][0].name() == "SubBackward0"


def test_logit_gradient_is_a_where() -> None:
    x = ak.tensor([-0.5, 0.05, 0.5, 1.5], requires_grad=True)
    g, = ak.autograd.grad(ak.logit(x).sum(), x, create_graph=True)
    assert g.grad_fn.name() == "WhereBackward0"
    assert g.grad_fn.next_functions[0][0].name() == "DivBackward0"
    assert [v != v for v in g.tolist()] == [True, False, False, True]
    g, = ak.autograd.grad(ak.logit(x, eps=0.1).sum(), x, create_graph=True)
    assert g.tolist() == [0., 0., 4., 0.] and g.grad_fn.name() == "WhereBackward0"


def test_sinc_gradient_is_a_where_and_its_second_derivative_at_zero_is_nan() -> None:
    x = ak.tensor([0., 0.5], requires_grad=True)
    g, = ak.autograd.grad(ak.sinc(x).sum(), x, create_graph=True)
    assert g.grad_fn.name() == "WhereBackward0"
    assert g.grad_fn.next_functions[1][0].name() == "MulBackward0"
    h, = ak.autograd.grad(g.sum(), x)
    assert h[0].item() != h[0].item() and abs(h[1].item() + 1.1902) < 1e-4


# ---- repeat and logcumsumexp: backward written as PyTorch's
def test_repeat_backward_ends_in_a_sum_and_leading_dims_are_summed_first() -> None:
    x = ak.tensor([[0.5, 1.5], [2., 3.]], requires_grad=True)
    y = x.repeat(2, 2, 1)
    g, = ak.autograd.grad((y.pow(2) * ak.arange(16.).view(2, 4, 2)).sum(), x,
                          create_graph=True)
    assert g.tolist() == [[24., 84.], [128., 216.]]
    assert g.grad_fn.name() == "SumBackward1"
    assert g.grad_fn.next_functions[0][0].name() == "ViewBackward0"
    g, = ak.autograd.grad(x.repeat(0, 2).sum(), x)
    assert g.tolist() == [[0., 0.], [0., 0.]]


def test_logcumsumexp_backward_works_in_log_space() -> None:
    x = ak.tensor([[0.5, 1.5, -1.], [2., 3., 0.]], requires_grad=True)
    g, = ak.autograd.grad(x.logcumsumexp(0).pow(2).sum(), x, create_graph=True)
    assert g.grad_fn.name() == "SubBackward0"
    assert [f.name() for f, _ in g.grad_fn.next_functions] == ["ExpBackward0", "ExpBackward0"]
    x = ak.tensor([1., 2., 3.], requires_grad=True)
    ak.logcumsumexp(x, -1).backward(ak.tensor([0., 0., 1.]))
    assert numpy.allclose(x.grad.tolist(), [0.09003057, 0.24472847, 0.66524096])


# ---- solve, det, slogdet under create_graph: PyTorch's differentiable forms
def test_solve_gradient_graph_for_a_vector() -> None:
    a = ak.tensor([[3., 1.], [1., 2.]], requires_grad=True)
    b = ak.tensor([9., 8.], requires_grad=True)
    x = ak.linalg.solve(a, b)
    ga, gb = ak.autograd.grad(x.pow(2).sum(), (a, b), create_graph=True)
    assert ga.grad_fn.name() == "NegBackward0"
    assert ga.grad_fn.next_functions[0][0].name() == "MmBackward0"
    assert gb.grad_fn.name() == "SqueezeBackward1"
    assert gb.grad_fn.next_functions[0][0].name() == "LinalgSolveExBackward0"


def test_det_and_slogdet_gradients_are_solves_under_create_graph() -> None:
    x = ak.tensor([[2., 1.], [1., 3.]], requires_grad=True)
    for f in (ak.linalg.det, lambda a: ak.linalg.slogdet(a)[1], ak.logdet):
        g, = ak.autograd.grad(f(x).pow(2).sum(), x, create_graph=True)
        assert g.grad_fn.name() == "LinalgSolveExBackward0"
        assert [n.name() for n, _ in g.grad_fn.next_functions] == ["TransposeBackward0"] * 2
    g, = ak.autograd.grad(ak.linalg.det(x), x)
    assert g.grad_fn is None and numpy.allclose(g.tolist(), [[3., -1.], [-1., 2.]])


def test_det_gradient_of_a_singular_matrix_under_create_graph_is_the_cofactor_matrix() -> None:
    x = ak.tensor([[1., 2.], [2., 4.]], requires_grad=True)
    g, = ak.autograd.grad(ak.linalg.det(x), x, create_graph=True)
    assert numpy.allclose(g.tolist(), [[4., -2.], [-2., 1.]], atol=1e-5)
    assert g.grad_fn.name() == "MmBackward0"
    g, = ak.autograd.grad(ak.linalg.det(x), x)  # without create_graph: zeros, as PyTorch
    assert g.tolist() == [[0., 0.], [0., 0.]]


def test_cholesky_backward_is_two_triangular_solves() -> None:
    x = ak.tensor([[4., 2.], [2., 3.]], requires_grad=True)
    low = ak.linalg.cholesky(x)
    g, = ak.autograd.grad((low * ak.tensor([[1., 0.], [2., 3.]])).pow(2).sum(), x,
                          create_graph=True)
    assert g.grad_fn.name() == "LinalgSolveTriangularBackward0"
    assert [n.name() for n, _ in g.grad_fn.next_functions] == [
        "LinalgCholeskyExBackward0", "LinalgSolveTriangularBackward0"]
    x.grad = None
    ak.linalg.cholesky(x, upper=True).sum().backward()
    assert numpy.allclose(x.grad.tolist(), [[0.2133884, 0.0732233], [0.0732233, 0.3535534]])


def test_qr_backward_graph_follows_pytorch() -> None:
    a = ak.tensor([[1., 2.], [3., 4.], [5., 6.]], requires_grad=True)
    g, = ak.autograd.grad(ak.linalg.qr(a)[1].pow(2).sum(), a, create_graph=True)
    assert numpy.allclose(g.tolist(), [[2., 4.], [6., 8.], [10., 12.]], atol=1e-4)
    assert g.grad_fn.name() == "LinalgSolveTriangularBackward0"
    mm = g.grad_fn.next_functions[1][0]
    assert mm.name() == "MmBackward0"
    assert [n.name() for n, _ in mm.next_functions] == ["LinalgQrBackward0",
                                                    "torch::autograd::CopySlices"]
    q, r = ak.linalg.qr(a)
    g, = ak.autograd.grad(q.pow(2).sum(), a, create_graph=True)  # only Q used
    assert g.grad_fn.next_functions[1][0].name() == "AddBackward0"


def test_eigh_and_mv_backward_graphs_follow_pytorch() -> None:
    x = ak.tensor([[2., 1.], [1., 3.]], requires_grad=True)
    g, = ak.autograd.grad(ak.linalg.eigvalsh(x).pow(2).sum(), x, create_graph=True)
    assert numpy.allclose(g.tolist(), [[4., 2.], [2., 6.]])
    assert [n.name() for n, _ in g.grad_fn.next_functions] == ["MulBackward0",
                                                                "TransposeBackward0"]
    values, vectors = ak.linalg.eigh(x)
    g, = ak.autograd.grad(values.pow(2).sum() + vectors.pow(2).sum(), x, create_graph=True)
    inner = g.grad_fn.next_functions[1][0]
    assert inner.next_functions[0][0].name() == "torch::autograd::CopySlices"
    v = ak.tensor([1., 2.], requires_grad=True)
    g, = ak.autograd.grad((x @ v).pow(2).sum(), x, create_graph=True)
    assert g.grad_fn.next_functions[0][0].name() == "ViewBackward0"


def test_pinv_backward_graph_follows_pytorch() -> None:
    for shape, top in (((2, 3), "AddBackward0"), ((3, 2), "SubBackward0")):
        x = ak.arange(1., 7.).view(shape).requires_grad_()
        g, = ak.autograd.grad(ak.linalg.pinv(x).pow(2).sum(), x, create_graph=True)
        assert g.grad_fn.name() == top
    x = ak.tensor([[1., 2.], [3., 4.], [5., 7.]], requires_grad=True)
    ak.linalg.pinv(x).sum().backward()
    assert numpy.allclose(x.grad.tolist(), [[-0.4490, 0.4286], [0.9388, -0.7143],
                                            [-0.2449, 0.1429]], atol=1e-4)


# ---- two-output reductions: an unused output adds nothing (PyTorch's graphs)
def test_var_mean_std_mean_and_aminmax_skip_unused_outputs() -> None:
    x = ak.tensor([[0.5, 1.5], [2., 3.]], requires_grad=True)
    g, = ak.autograd.grad(ak.var_mean(x, 1)[0].pow(2).sum(), x, create_graph=True)
    assert g.grad_fn.name() == "MulBackward0" and g.tolist() == [[-1., 1.], [-1., 1.]]
    g, = ak.autograd.grad(ak.std_mean(x, 1)[1].pow(2).sum(), x, create_graph=True)
    assert g.grad_fn.name() == "DivBackward1" and g.tolist() == [[1., 1.], [2.5, 2.5]]
    g, = ak.autograd.grad(sum(ak.std_mean(x, 1)).pow(2).sum(), x, create_graph=True)
    assert [n.name() for n, _ in g.grad_fn.next_functions] == ["MulBackward0", "DivBackward1"]
    g, = ak.autograd.grad(ak.aminmax(x)[1].pow(2).sum(), x, create_graph=True)
    assert g.grad_fn.name() == "MulBackward0" and g.tolist() == [[0., 0.], [0., 6.]]


def test_logaddexp_gradients_divide_by_an_add_with_a_number() -> None:
    x = ak.tensor([0.5, 2.], requires_grad=True)
    w = ak.tensor([1.5, 1.], requires_grad=True)
    for f in (ak.logaddexp, ak.logaddexp2):
        ga, gb = ak.autograd.grad(f(x, w).pow(2).sum(), (x, w), create_graph=True)
        assert ga.grad_fn.next_functions[1][0].name() == "AddBackward1"
        assert gb.grad_fn.next_functions[1][0].name() == "AddBackward1"


# ---- elementwise rules grouped as PyTorch's C++ formulas (create_graph graphs)
@pytest.mark.parametrize("f, names", [
    (ak.erf, ["MulBackward1", None]),
    (ak.erfc, ["MulBackward1", None]),
    (ak.erfinv, ["MulBackward1", None]),
    (ak.special.erfcx, ["SubBackward1", None]),
    (ak.special.ndtri, [None, "ExpBackward0"]),
    (ak.special.log_ndtr, [None, "ExpBackward0"]),
    (ak.tan, [None, "AddBackward1"]),
    (ak.reciprocal, [None, "MulBackward0"]),
    (ak.rsqrt, [None, "PowBackward0"]),
    (ak.sqrt, [None, "MulBackward1"]),
    (ak.expm1, [None, "AddBackward1"]),
    (ak.log1p, [None, "AddBackward1"]),
    (ak.atan, [None, "AddBackward1"]),
    (ak.abs, [None, "SgnBackward0"]),
])
def test_elementwise_second_order_graphs(f: Any, names: list) -> None:
    x = ak.tensor([0.3, 0.6], requires_grad=True)
    g, = ak.autograd.grad(f(x).sum(), x, create_graph=True)
    assert [n.name() if n is not None else None for n, _ in g.grad_fn.next_functions] == names


def test_i1_i1e_and_mvlgamma_backward_graphs_follow_pytorch() -> None:
    x = ak.tensor([0., 0.3, -2.], requires_grad=True)
    for f in (ak.special.i1, ak.special.i1e):
        g, = ak.autograd.grad(f(x).sum(), x, create_graph=True)
        assert g[0].item() == 0.5
        assert g.grad_fn.next_functions[1][0].name() == "WhereBackward0"
    x = ak.tensor([2.3, 3.6], requires_grad=True)
    g, = ak.autograd.grad(ak.mvlgamma(x, 3).sum(), x, create_graph=True)
    assert g.grad_fn.next_functions[1][0].name() == "SumBackward1"
    assert numpy.allclose(g.tolist(), [0.7158408, 2.8482370], atol=1e-5)


# ---- cholesky_solve and cholesky_inverse (functions and methods)
def test_cholesky_solve_and_inverse_with_their_gradients() -> None:
    low = ak.linalg.cholesky(ak.tensor([[4., 2.], [2., 3.]]))
    assert numpy.allclose(ak.cholesky_inverse(low).tolist(), [[0.375, -0.25], [-0.25, 0.5]])
    assert numpy.allclose(ak.cholesky_inverse(low.mT, upper=True).tolist(),
                          [[0.375, -0.25], [-0.25, 0.5]])
    assert numpy.allclose(ak.ones(2, 1).cholesky_solve(low).tolist(), [[0.125], [0.25]])
    factor = low.clone().requires_grad_()
    b = ak.ones(2, 1, requires_grad=True)
    x = ak.cholesky_solve(b, factor)
    assert x.grad_fn.name() == "CholeskySolveBackward0"
    x.sum().backward()
    assert numpy.allclose(factor.grad.tolist(), [[-0.125, -0.0884], [-0.25, -0.1768]], atol=1e-4)
    assert numpy.allclose(b.grad.tolist(), [[0.125], [0.25]])
    factor.grad = None
    y = factor.cholesky_inverse()
    assert y.grad_fn.name() == "CholeskyInverseBackward0"
    y.sum().backward()
    assert numpy.allclose(factor.grad.tolist(), [[-0.125, -0.0884], [-0.25, -0.1768]], atol=1e-4)
    with pytest.raises(RuntimeError, match="b should have at least 2 dimensions, but has 1"):
        ak.cholesky_solve(ak.ones(2), low)


def test_meshgrid_warning_and_checks_as_pytorch() -> None:
    with pytest.warns(UserWarning) as record:
        ak.meshgrid(ak.tensor([1, 2]), ak.tensor([3, 4, 5]))
    assert str(record[0].message) == (
        "torch.meshgrid: in an upcoming release, it will be required to pass the indexing "
        "argument. (Triggered internally at /__w/pytorch/pytorch/aten/src/ATen/native/"
        "TensorShape.cpp:4215.)")
    with pytest.raises(RuntimeError, match="^meshgrid expects a non-empty TensorList$"):
        ak.meshgrid(indexing="ij")
    with pytest.raises(RuntimeError, match="^meshgrid expects all tensors to have the same dtype$"):
        ak.meshgrid(ak.ones(2), ak.ones(2, dtype=ak.float64), indexing="ij")


def test_scatter_and_index_add_dtype_errors() -> None:
    x = ak.zeros(3)
    for call in (lambda: x.scatter_add(0, ak.tensor([0]), ak.tensor([1])),
                 lambda: x.scatter_reduce(0, ak.tensor([0]), ak.tensor([1]), "sum")):
        with pytest.raises(RuntimeError, match=r"^scatter\(\): Expected self.dtype to be equal "
                           r"to src.dtype$"):
            call()
    with pytest.raises(RuntimeError, match=r"^index_add_\(\): self \(Float\) and source \(Long\) "
                       r"must have the same scalar type$"):
        x.index_add(0, ak.tensor([0]), ak.tensor([1]))


# ---- index_reduce / index_reduce_
def test_index_reduce_values_and_gradients() -> None:
    x = ak.tensor([[1., 2.], [3., 4.], [5., 6.]], requires_grad=True)
    s = ak.tensor([[2., 0.5], [3., 1.], [4., 4.]], requires_grad=True)
    index = ak.tensor([0, 2, 0])
    expected = {  # PyTorch's results, grads of x and of source
        ("prod", True): ([[8., 4.], [3., 4.], [15., 6.]], [[8., 2.], [1., 1.], [3., 1.]],
                         [[4., 8.], [5., 6.], [2., 1.]]),
        ("amax", False): ([[4., 4.], [3., 4.], [3., 1.]], [[0., 0.], [1., 1.], [0., 0.]],
                          [[0., 0.], [1., 1.], [1., 1.]]),
        ("mean", False): ([[3., 2.25], [3., 4.], [3., 1.]], [[0., 0.], [1., 1.], [0., 0.]],
                          [[0.5, 0.5], [1., 1.], [0.5, 0.5]]),
    }
    for (reduce, include_self), (values, grad_x, grad_s) in expected.items():
        x.grad = s.grad = None
        y = x.index_reduce(0, index, s, reduce, include_self=include_self)
        assert y.grad_fn.name() == "IndexReduceBackward0"
        y.sum().backward()
        assert y.tolist() == values and x.grad.tolist() == grad_x and s.grad.tolist() == grad_s
    assert len(y.grad_fn.next_functions) == 2
    with pytest.raises(RuntimeError, match=r"Expected reduce to be one of prod, mean, amax or "
                       r"amin but got sum\."):
        x.index_reduce(0, index, s, "sum")


def test_index_reduce_in_place() -> None:
    x = ak.tensor([[1., 2.], [3., 4.]], requires_grad=True)
    y = x.clone()
    y.index_reduce_(0, ak.tensor([0, 0]), ak.tensor([[2., 2.], [3., 3.]]), "prod")
    y.sum().backward()
    assert y.tolist() == [[6., 12.], [3., 4.]] and x.grad.tolist() == [[6., 6.], [1., 1.]]
    assert y.grad_fn.name() == "IndexReduceBackward0"


def test_nanmedian_of_a_row_of_nans_reports_nth_elements_position() -> None:
    expected = [0, 0, 0, 2, 2, 3, 5, 6, 7, 8, 8]  # PyTorch's, for rows of 1 … 11 NaNs
    got = [ak.full((1, n), float("nan")).nanmedian(1).indices.item() for n in range(1, 12)]
    assert got == expected
    x = ak.tensor([[1., float("nan"), 3.], [float("nan")] * 3])
    assert x.nanmedian(1).indices.tolist() == [0, 0]


def test_svd_backward_narrows_full_factors_only() -> None:
    x = ak.tensor([[2., 1.], [1., 3.]], requires_grad=True)
    g, = ak.autograd.grad(ak.linalg.svd(x)[1].pow(2).sum(), x, create_graph=True)
    assert g.grad_fn.next_functions[0][0].name() == "SliceBackward0"
    g, = ak.autograd.grad(ak.linalg.svdvals(x).pow(2).sum(), x, create_graph=True)
    assert g.grad_fn.next_functions[0][0].name() == "LinalgSvdBackward0"
    assert numpy.allclose(g.tolist(), [[4., 2.], [2., 6.]], atol=1e-5)


def test_logit_gradient_at_nan_depends_on_create_graph_as_in_pytorch() -> None:
    x = ak.tensor([0.2, 0.5, float("nan")], requires_grad=True)
    x.logit(0.3).sum().backward()
    assert x.grad[0].item() == 0. and x.grad[2].item() != x.grad[2].item()  # NaN kept
    g, = ak.autograd.grad(x.logit(0.3).sum(), x, create_graph=True)
    assert g[2].item() == 0.  # the differentiable where: 0 at NaN
