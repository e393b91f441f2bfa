"""Kit-only checks of the op fixes compared with PyTorch in tests/test_torch_parity_ops7.py
(the expected values and messages are PyTorch's, observed with PyTorch 2.x)."""

from __future__ import annotations

from typing import Any

import pytest

import autograd_kit as ak


@pytest.mark.parametrize("dims", [(1,), (-2,), (0, 1), (1, -1)])
def test_flatten_of_a_0_dim_tensor_checks_its_dims(dims: tuple[int, ...]) -> None:
    with pytest.raises(IndexError, match=r"expected to be in range of \[-1, 0\], but got"):
        ak.tensor(3.0).flatten(*dims)


def test_flatten_of_a_0_dim_tensor_accepts_0_and_minus_1() -> None:
    x = ak.tensor(3.0, requires_grad=True)
    for dims in [(), (0,), (-1,), (0, -1), (-1, 0)]:
        out = x.flatten(*dims)
        assert out.shape == (1,) and out.grad_fn.name() == "ViewBackward0"


def test_repeat_needs_its_counts() -> None:
    with pytest.raises(TypeError, match='missing 1 required positional arguments: "repeats"'):
        ak.arange(3).repeat()


@pytest.mark.parametrize(("counts", "message"), [
    ((2, 2.0), "argument 'repeats' failed to unpack the object at pos 2 with error "
               "\"type must be tuple of ints,but got float\""),
    (([2.0],), "argument 'repeats' (position 1) must be tuple of ints, but found element of "
               "type float at pos 0"),
    ((2.0, 2), "repeat() takes 1 positional argument but 2 were given"),
    ((2.0,), "argument 'repeats' (position 1) must be tuple of ints, not float"),
])
def test_repeat_rejects_counts_that_are_not_ints(counts: tuple, message: str) -> None:
    with pytest.raises(TypeError) as caught:
        ak.ones(2, 3).repeat(*counts)
    assert message in str(caught.value)


def test_repeat_with_a_negative_count_names_the_size() -> None:
    with pytest.raises(RuntimeError) as caught:
        ak.ones(2, 3).repeat(2, -1)
    assert str(caught.value) == "Trying to create tensor with negative dimension -3: [4, -3]"


def test_sum_and_mean_over_none_can_keep_dims() -> None:
    x = ak.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    s, m = x.sum(None, True), x.mean(dim=None, keepdim=True)
    assert s.shape == (1, 1) and m.shape == (1, 1)
    assert s.grad_fn.name() == "SumBackward1" and m.grad_fn.name() == "MeanBackward1"
    assert s.grad_fn._saved_dim is None and s.grad_fn._saved_keepdim is True
    (s + m).sum().backward()
    assert x.grad.tolist() == [[1.25, 1.25], [1.25, 1.25]]


@pytest.mark.parametrize(("a", "b", "message"), [
    ((2, 3), (2, 3), "batch1 must be a 3D tensor"),
    ((2, 2, 2), (2, 3), "batch2 must be a 3D tensor"),
])
def test_bmm_needs_3d_tensors(a: tuple, b: tuple, message: str) -> None:
    with pytest.raises(RuntimeError) as caught:
        ak.bmm(ak.ones(*a), ak.ones(*b))
    assert str(caught.value) == message


@pytest.mark.parametrize(("dtype", "word"), [
    ("int64", "Long"), ("int32", "Int"), ("int16", "Short"), ("uint8", "Byte"), ("bool", "Bool"),
])
def test_linalg_inv_names_the_integer_type_as_pytorch(dtype: str, word: str) -> None:
    with pytest.raises(RuntimeError) as caught:
        ak.linalg.inv(ak.ones(2, 2, dtype=getattr(ak, dtype)))
    assert str(caught.value) == ("linalg.inv: Expected a floating point or complex tensor as "
                                 f"input. Got {word}")


def test_einsum_ellipsis_broadcasts_the_leading_dimensions() -> None:
    a = ak.arange(30.0).view(5, 2, 3).requires_grad_()
    b = ak.arange(12.0).view(3, 4)
    y = ak.einsum("...ij,...jk->...ik", a, b)
    assert y.shape == (5, 2, 4) and ak.allclose(y, a @ b)
    y.sum().backward()
    assert ak.allclose(a.grad, b.sum(1).expand(5, 2, 3))
    assert ak.einsum("...ji", ak.ones(2, 3, 4)).shape == (2, 4, 3)  # implicit: ellipsis first
    assert ak.einsum("ij...->ij", ak.ones(2, 3, 4)).tolist() == [[4.0] * 3] * 2  # summed


@pytest.mark.parametrize(("equation", "shapes", "message"), [
    ("...ijk", [(2, 3)], "einsum(): the number of subscripts in the equation (3) is more than "
                         "the number of dimensions (2) for operand 0"),
    ("..i", [(2, 3)], "einsum(): found '.' for operand 0 that is not part of any ellipsis"),
    ("...i->...i...", [(2, 3)],
     "einsum(): found '.' for output but an ellipsis (...) was already found"),
    ("...i,...i->...", [(2, 5, 3), (4, 3)],
     "einsum(): dimension 0 covered by ellipsis in operand 1has size 4 which does not "
     "broadcast with previously seen ellipsis with size 5 for the respective dimension"),
])
def test_einsum_ellipsis_errors(equation: str, shapes: list, message: str) -> None:
    with pytest.raises(RuntimeError) as caught:
        ak.einsum(equation, *[ak.ones(*s) for s in shapes])
    assert str(caught.value) == message


def test_split_with_a_negative_size_says_so_first() -> None:
    with pytest.raises(RuntimeError) as caught:
        ak.arange(10).split([5, -1, 6])
    assert str(caught.value) == ("split_with_sizes expects split_sizes have only non-negative "
                                 "entries, but got split_sizes=[5, -1, 6]")


@pytest.mark.parametrize(("shape", "dim", "index"), [
    ((3, 4), 0, 5), ((3, 4), 0, -1), ((2, 3, 4), 2, 4), ((2, 3, 4), 0, 2), ((4,), 0, 4),
])
def test_index_select_out_of_range_is_an_index_error(shape: tuple, dim: int, index: int) -> None:
    x = ak.arange(float(ak.zeros(shape).numel())).view(shape)
    with pytest.raises(IndexError, match="^index out of range in self$"):
        x.index_select(dim, ak.tensor([index]))


def test_index_select_out_of_range_along_dim_1_is_a_runtime_error() -> None:
    with pytest.raises(RuntimeError) as caught:
        ak.zeros(2, 3, 4).index_select(-2, ak.tensor([1, 3]))
    assert str(caught.value) == "INDICES element is out of DATA bounds, id=3 axis_dim=3"


def test_cat_leaves_out_shape_0_tensors() -> None:
    a = ak.ones(2, 3, requires_grad=True)
    b = ak.tensor([], requires_grad=True)
    c = ak.cat([b, a, b], 1)
    assert c.shape == (2, 3) and c.grad_fn.name() == "CatBackward0"
    (c * 2).sum().backward()
    assert a.grad.tolist() == [[2.0] * 3] * 2 and b.grad.shape == (0,)
    assert ak.cat([ak.ones(2, 3), ak.tensor([], dtype=ak.float64)]).dtype == ak.float64
    assert ak.cat([ak.tensor([]), ak.tensor([])], dim=1).shape == (0,)
    with pytest.raises(IndexError, match=r"range of \[-2, 1\], but got 2"):
        ak.cat([ak.tensor([]), ak.ones(2, 3)], dim=2)


def test_cat_and_stack_take_numpys_axis() -> None:
    x = ak.ones(2, 3)
    assert ak.cat([x, x], axis=1).shape == (2, 6)
    assert ak.stack([x, x], axis=1).shape == (2, 2, 3)
    assert ak.concatenate([x, x], axis=1).shape == (2, 6)


@pytest.mark.parametrize(("join", "tensors", "message"), [
    ("cat", lambda x: [x, 1], "expected Tensor as element 1 in argument 0, but got int"),
    ("stack", lambda x: [1, x], "expected Tensor as element 0 in argument 0, but got int"),
    ("cat", lambda x: [x, [1.0]], "expected Tensor as element 1 in argument 0, but got list"),
    ("hstack", lambda x: (x, None), "expected Tensor as element 1 in argument 0, but got NoneType"),
    ("cat", lambda x: [x, x.numpy()],
     "expected Tensor as element 1 in argument 0, but got numpy.ndarray"),
    ("stack", lambda x: x, "stack(): argument 'tensors' (position 1) must be tuple of Tensors, "
                           "not Tensor"),
    ("cat", lambda x: iter([x]), "cat(): argument 'tensors' (position 1) must be tuple of "
                                 "Tensors, not list_iterator"),
    ("vstack", lambda x: 5, "vstack(): argument 'tensors' (position 1) must be tuple of Tensors, "
                            "not int"),
])
def test_joining_needs_a_list_of_tensors(join: str, tensors: Any, message: str) -> None:
    with pytest.raises(TypeError) as caught:
        getattr(ak, join)(tensors(ak.ones(2, 3)))
    assert str(caught.value) == message


@pytest.mark.parametrize(("call", "message"), [
    (lambda x: x.permute(1.0, 0), "permute() takes 1 positional argument but 2 were given"),
    (lambda x: x.permute(1, 0.0), "permute(): argument 'dims' failed to unpack the object at pos "
                                  "2 with error \"type must be tuple of ints,but got float\""),
    (lambda x: x.permute([True, 0]), "permute(): argument 'dims' (position 1) must be tuple of "
                                     "ints, but found element of type bool at pos 0"),
    (lambda x: x.permute(None), "permute(): argument 'dims' (position 1) must be tuple of ints, "
                                "not NoneType"),
    (lambda x: x.permute(), 'permute() missing 1 required positional arguments: "dims"'),
    (lambda x: x.expand(), 'expand() missing 1 required positional arguments: "size"'),
    (lambda x: x.expand(2, 3.0), "expand(): argument 'size' failed to unpack the object at pos 2 "
                                 "with error \"type must be tuple of ints,but got float\""),
    (lambda x: x.reshape(-1, 6 / 2),
     "reshape(): argument 'shape' failed to unpack the object at pos 2 with error \"type must "
     "be tuple of ints,but got float\""),
    (lambda x: x.repeat([True, 2]), "repeat(): argument 'repeats' (position 1) must be tuple of "
                                    "ints, but found element of type bool at pos 0"),
])
def test_shape_arguments_must_be_ints(call: Any, message: str) -> None:
    with pytest.raises(TypeError) as caught:
        call(ak.arange(6).view(2, 3))
    assert str(caught.value) == message


def test_a_bool_after_the_first_size_counts_as_an_int() -> None:
    x = ak.arange(6).view(2, 3)
    assert x.reshape(6, True).shape == (6, 1)
    assert x.repeat(2, True).shape == (4, 3)
    assert x.permute(ak.tensor(1), 0).shape == (3, 2)


@pytest.mark.parametrize("call", [
    lambda x: x.scatter(1, ak.tensor([[0, -1]]), 1.0),
    lambda x: x.scatter_add(1, ak.tensor([[0, -1]]), ak.ones(1, 2)),
    lambda x: x.scatter_reduce(1, ak.tensor([[0, -1]]), ak.ones(1, 2), "sum"),
    lambda x: x.gather(1, ak.tensor([[0, -1]])),
])
def test_scatter_and_gather_take_no_negative_index(call: Any) -> None:
    with pytest.raises(RuntimeError) as caught:
        call(ak.zeros(2, 3))
    assert str(caught.value) == "index -1 is out of bounds for dimension 1 with size 3"


def test_index_fill_still_counts_from_the_end() -> None:
    assert ak.zeros(2, 3).index_fill(1, ak.tensor([-3]), 2.0).tolist() == [[2.0, 0, 0]] * 2


def test_gather_index_no_larger_than_self_apart_from_dim() -> None:
    with pytest.raises(RuntimeError) as caught:
        ak.zeros(2, 3).gather(0, ak.tensor([[0, 1, 0, 1]]))
    assert str(caught.value) == ("Size does not match at dimension 1 expected index [1, 4] to be "
                                 "no larger than self [2, 3] apart from dimension 0")


def test_scatter_reduce_takes_max_and_min_forward_only() -> None:
    x = ak.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    y = x.scatter_reduce(1, ak.tensor([[0, 0]]), ak.tensor([[5.0, 6.0]]), reduce="max")
    assert y.tolist() == [[6.0, 2.0], [3.0, 4.0]] and y.grad_fn._saved_reduce == "max"
    with pytest.raises(RuntimeError, match="one of 'sum', 'prod', 'mean', 'amax', 'amin' but "
                                           "got max."):
        y.sum().backward()
    low = ak.zeros(2, 3).scatter_reduce(1, ak.tensor([[0, 0, 1]]), ak.tensor([[1.0, 2.0, 3.0]]),
                                        reduce="min", include_self=False)
    assert low.tolist() == [[1.0, 3.0, 0.0], [0.0, 0.0, 0.0]]


def _names(t: Any) -> list[str]:
    """The node names of t's backward graph, depth first."""
    names, stack = [], [t.grad_fn]
    while stack:
        node = stack.pop()
        if node is not None:
            names.append(node.name().replace("torch::autograd::", ""))
            stack.extend(f for f, _ in node.next_functions)
    return names


def test_reshape_of_a_viewable_non_contiguous_tensor_is_reshape_alias() -> None:
    a = ak.ones(2, 3, requires_grad=True)
    r = a.t().reshape(3, 2)
    assert r.grad_fn.name() == "ReshapeAliasBackward0" and r._base is a
    assert r.grad_fn._saved_self_sym_sizes == (3, 2)
    assert a.reshape(3, 2).grad_fn.name() == "ViewBackward0"
    assert a.t().reshape(6).grad_fn.name() == "UnsafeViewBackward0"  # (a copy)


def test_matmul_folds_as_pytorch_decides() -> None:
    v = ak.ones(3, requires_grad=True)
    batch = ak.ones(4, 3, 2)
    assert _names(v @ batch)[:2] == ["UnsafeViewBackward0", "MvBackward0"]  # v requires grad
    assert _names(ak.ones(3) @ batch.requires_grad_())[:2] == ["UnsafeViewBackward0",
                                                                "BmmBackward0"]
    a = ak.arange(24.0).view(4, 2, 3).requires_grad_()
    b = ak.arange(6.0).view(1, 3, 2).requires_grad_()  # a batch of one: squeezed, folded
    c = a @ b
    assert _names(c)[:3] == ["UnsafeViewBackward0", "MmBackward0", "SqueezeBackward1"]
    c.sum().backward()
    assert b.grad.shape == (1, 3, 2) and b.grad.tolist() == [[[84.0] * 2, [92.0] * 2,
                                                              [100.0] * 2]]
    x = ak.arange(24.0).view(4, 2, 3).transpose(0, 1).requires_grad_()  # cannot fold: bmm
    y = x @ ak.arange(3.0)
    assert _names(y)[:3] == ["UnsafeViewBackward0", "SqueezeBackward1", "BmmBackward0"]


@pytest.mark.parametrize(("call", "message"), [
    (lambda: ak.mv(ak.ones(2, 3), ak.ones(1, 3)), "vector + matrix @ vector expected, got 1, 2, 2"),
    (lambda: ak.matmul(ak.ones(2, 3), ak.ones(2, 3, dtype=ak.float64)),
     "mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)"),
])
def test_products_check_shapes_first(call: Any, message: str) -> None:
    with pytest.raises(RuntimeError) as caught:
        call()
    assert str(caught.value) == message


def test_product_functions_need_tensors() -> None:
    with pytest.raises(TypeError, match=r"^matmul\(\): argument 'input' \(position 1\) must be "
                                        r"Tensor, not int$"):
        ak.matmul(2, ak.ones(3))
    with pytest.raises(TypeError, match=r"^mm\(\): argument 'mat2' \(position 2\) must be "
                                        r"Tensor, not int$"):
        ak.mm(ak.ones(2, 2), 2)


@pytest.mark.parametrize(("name", "value", "kind"), [
    ("exp", 2.0, "float"), ("sqrt", 2, "int"), ("relu", [1.0], "list"), ("sum", 3, "int"),
    ("softmax", 1.0, "float"), ("matmul", 2, "int"), ("abs", -2, "int"), ("numel", 3, "int"),
])
def test_package_functions_need_a_tensor_first(name: str, value: Any, kind: str) -> None:
    with pytest.raises(TypeError) as caught:
        getattr(ak, name)(value)
    assert str(caught.value) == (f"{name}(): argument 'input' (position 1) must be Tensor, "
                                 f"not {kind}")


def test_where_names_its_condition() -> None:
    with pytest.raises(TypeError, match=r"^where\(\): argument 'condition' \(position 1\) must "
                                        r"be Tensor, not float$"):
        ak.where(2.0)  # (given three, PyTorch lists its forms: test_parity_learner_cc19)
    assert ak.exp(ak.tensor(0.0)).item() == 1.0 and ak.tensor(4.0).sqrt().item() == 2.0


@pytest.mark.parametrize(("call", "message"), [
    (lambda: ak.empty(0, 3).median(0), "median(): Expected reduction dim 0 to have non-zero size."),
    (lambda: ak.empty(0, 3).nanmedian(0),
     "median(): Expected reduction dim 0 to have non-zero size."),
    (lambda: ak.empty(2, 0).mode(1), "mode(): Expected reduction dim 1 to have non-zero size."),
    (lambda: ak.empty(0).kthvalue(1),
     "kthvalue(): Expected reduction dim 0 to have non-zero size."),
    (lambda: ak.empty(0, 3).argmin(0), "argmin(): Expected reduction dim 0 to have non-zero size."),
    (lambda: ak.empty(2, 0).argmax(-1),
     "argmax(): Expected reduction dim 1 to have non-zero size."),
])
def test_reducing_an_empty_dim_to_one_value_is_an_index_error(call: Any, message: str) -> None:
    with pytest.raises(IndexError) as caught:
        call()
    assert str(caught.value) == message


def test_running_and_softmax_over_empty_tensors_are_empty() -> None:
    x = ak.empty(0, 3, requires_grad=True)
    values, indices = x.cummax(0)
    assert values.shape == (0, 3) and indices.dtype == ak.int64
    (values.sum() + x.softmax(0).sum() + x.log_softmax(1).sum()).backward()
    assert x.grad.shape == (0, 3)
    assert ak.empty(0, 3).median(1).values.shape == (0,)


@pytest.mark.parametrize("name", ["hann_window", "hamming_window", "bartlett_window",
                                  "blackman_window", "kaiser_window"])
def test_windows_can_require_grad(name: str) -> None:
    w = getattr(ak, name)(4, requires_grad=True)
    assert w.requires_grad and w.is_leaf
    (w * 2).sum().backward()
    assert w.grad.tolist() == [2.0] * 4
    assert not getattr(ak, name)(4).requires_grad


def test_gammainc_and_gammaincc_values_and_gradient() -> None:
    a = ak.tensor([1.0, 2.5, 30.0, 100.0], dtype=ak.float64)
    x = ak.tensor([2.0, 0.5, 25.0, 120.0], dtype=ak.float64, requires_grad=True)
    p, q = ak.special.gammainc(a, x), ak.special.gammaincc(a, x)
    assert p.grad_fn.name() == "IgammaBackward0" and q.grad_fn.name() == "IgammacBackward0"
    # P(1, x) = 1 - e^(-x); P + Q = 1; PyTorch's values for the others
    assert abs(p[0].item() - (1 - 2.718281828459045 ** -2)) < 1e-12
    assert ak.allclose(p + q, ak.ones(4, dtype=ak.float64))
    assert ak.allclose(p[1:], ak.tensor([0.0374342267527, 0.1821039157566, 0.9721362600793],
                                        dtype=ak.float64), atol=1e-7)
    p.sum().backward()  # ∂P/∂x = x^(a-1) e^(-x) / Γ(a)
    assert abs(x.grad[0].item() - 2.718281828459045 ** -2) < 1e-12


def test_gammainc_edges_and_errors() -> None:
    edges = ak.special.gammainc(ak.tensor([0.0, -1.0, 1.0, 1.0, 0.0]),
                                ak.tensor([1.0, 1.0, 0.0, -1.0, 0.0]))
    assert str(edges) == "tensor([1., nan, 0., nan, nan])"
    a = ak.tensor([1.0], requires_grad=True)
    with pytest.raises(NotImplementedError, match="the derivative for 'igammac: input' is not "):
        ak.special.gammaincc(a, ak.tensor([2.0])).sum().backward()
    with pytest.raises(NotImplementedError, match="\"igamma_cpu\" not implemented for 'Long'"):
        ak.special.gammainc(ak.tensor([1]), ak.tensor([1]))
    with pytest.raises(TypeError, match=r"special_gammainc\(\): argument 'other' \(position 2"):
        ak.special.gammainc(ak.tensor([1.0]), 2.0)


@pytest.mark.parametrize(("call", "kernel"), [
    (lambda x: x.median(), "median_cpu"), (lambda x: x.median(0), "median_out"),
    (lambda x: x.nanmedian(), "median_cpu"), (lambda x: x.kthvalue(1), "kthvalue_cpu"),
])
def test_order_statistics_have_no_bool_kernel(call: Any, kernel: str) -> None:
    with pytest.raises(NotImplementedError) as caught:
        call(ak.tensor([True, False]))
    assert str(caught.value) == f"\"{kernel}\" not implemented for 'Bool'"


def test_softmax_functions_take_a_dtype() -> None:
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    y = ak.softmax(x, 0, dtype=ak.float64)
    assert y.dtype == ak.float64 and y.grad_fn.name() == "SoftmaxBackward0"
    assert y.grad_fn.next_functions[0][0].name() == "ToCopyBackward0"
    assert ak.log_softmax(ak.tensor([1, 2]), 0, dtype=ak.float64).dtype == ak.float64


@pytest.mark.parametrize(("equation", "index"), [("i1->i", 1), ("i->i->i", 4), ("i-j", 1)])
def test_einsum_subscripts_must_be_letters(equation: str, index: int) -> None:
    with pytest.raises(RuntimeError) as caught:
        ak.einsum(equation, ak.ones(2, 2))
    assert str(caught.value) == (f"einsum(): invalid subscript given at index {index} in the "
                                 "equation string, subscripts must be in [a-zA-Z]")


def test_einsum_argument_types() -> None:
    with pytest.raises(TypeError, match=r"^einsum\(\): argument 'equation' \(position 1\) must "
                                        r"be str, not int$"):
        ak.einsum(2, ak.ones(3))
    with pytest.raises(TypeError, match="^expected Tensor as element 1 in argument 1, but got "
                                        "int$"):
        ak.einsum("i,i", ak.ones(3), 2)
    assert ak.einsum(" i j -> j i ", ak.ones(2, 3)).shape == (3, 2)


def test_tensordot_dims_no_larger_than_either_tensor() -> None:
    with pytest.raises(RuntimeError, match=r"^tensordot expects dims < ndim_a or ndim_b, but "
                                           r"got dims=2$"):
        ak.tensordot(ak.ones(3), ak.ones(3), dims=2)
    assert ak.tensordot(ak.ones(2, 3, 4), ak.ones(3, 4), dims=2).tolist() == [12.0, 12.0]


@pytest.mark.parametrize(("a", "b", "message"), [
    ("int64", "int64", "cdist only supports floating-point dtypes, X1 got: Long"),
    ("float32", "int64", "cdist only supports floating-point dtypes, X2 got: Long"),
    ("float32", "float64", "expected scalar type Float but found Double"),
])
def test_cdist_dtypes(a: str, b: str, message: str) -> None:
    with pytest.raises(RuntimeError) as caught:
        ak.cdist(ak.ones(2, 3, dtype=getattr(ak, a)), ak.ones(4, 3, dtype=getattr(ak, b)))
    assert str(caught.value) == message


@pytest.mark.parametrize(("name", "argument"), [
    ("logical_or", "other"), ("outer", "vec2"), ("arctan2", "other"), ("take", "index"),
    ("cross", "other"), ("equal", "other"),
])
def test_some_functions_need_a_tensor_second(name: str, argument: str) -> None:
    with pytest.raises(TypeError) as caught:
        getattr(ak, name)(ak.ones(3), 2)
    assert str(caught.value) == (f"{name}(): argument '{argument}' (position 2) must be Tensor, "
                                 "not int")


def test_all_and_any_over_no_dims_reduce_nothing() -> None:
    x = ak.tensor([[1.0, 2.0], [0.0, 4.0]])
    assert x.all(()).tolist() == [[True, True], [False, True]]
    assert ak.any(x, []).shape == (2, 2) and x.all((0, 1)).item() is False
    assert ak.tensor(2.0).all(()).item() is True


def test_logsumexp_over_no_dims_fails_as_pytorch() -> None:
    with pytest.raises(RuntimeError, match=r"^output with shape \[\] doesn't match the broadcast "
                                           r"shape \[1, 1\]$"):
        ak.tensor([[1.0, 2.0], [3.0, 4.0]]).logsumexp(())
    kept = ak.tensor([[1.0, 2.0], [3.0, 4.0]]).logsumexp((), keepdim=True)
    assert kept.shape == (1, 1) and abs(kept.item() - 4.4401897) < 1e-6
    with pytest.raises(TypeError, match='^logsumexp\\(\\) missing 1 required positional '
                                        'arguments: "dim"$'):
        ak.logsumexp(ak.ones(2))


def test_package_functions_take_numpys_axis_for_dim() -> None:
    x = ak.tensor([[1.0, 5.0], [3.0, 2.0]])
    assert ak.sort(x, axis=0).values.tolist() == [[1.0, 2.0], [3.0, 5.0]]
    assert ak.cumsum(x, axis=1).tolist() == [[1.0, 6.0], [3.0, 5.0]]
    assert ak.median(x, axis=0).values.tolist() == [1.0, 2.0]
    assert ak.softmax(x, axis=1).shape == (2, 2) and ak.unsqueeze(x, axis=0).shape == (1, 2, 2)


@pytest.mark.parametrize(("call", "message"), [
    (lambda: ak.cumsum(ak.ones(3)), 'cumsum() missing 1 required positional arguments: "dim"'),
    (lambda: ak.topk(ak.ones(3)), 'topk() missing 1 required positional arguments: "k"'),
    (lambda: ak.transpose(ak.ones(2, 3)),
     'transpose() missing 2 required positional argument: "dim0", "dim1"'),
])
def test_missing_arguments_are_worded_as_pytorch(call: Any, message: str) -> None:
    with pytest.raises(TypeError) as caught:
        call()
    assert str(caught.value) == message
