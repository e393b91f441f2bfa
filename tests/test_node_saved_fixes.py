"""What backward nodes expose under PyTorch's names, checked without PyTorch: the ``_saved_*``
attributes each Function declares, and ``dir(node)`` listing exactly those (hand-derived
from PyTorch 2.x)."""

from __future__ import annotations

import pytest

import autograd_kit as ak


def saved_names(node: object) -> list[str]:
    return [a for a in dir(node) if "_saved_" in a]


def leaf(*values: object) -> ak.Tensor:
    return ak.tensor(list(values), requires_grad=True)


def test_add_and_sub_show_alpha() -> None:
    x = leaf(1.0, 2.0)
    for y, alpha in ((x + 1, 1), (x.add(x, alpha=2), 2), (x - x, 1), (x.clone().add_(1), 1)):
        assert saved_names(y.grad_fn) == ["_saved_alpha"]
        assert y.grad_fn._saved_alpha == alpha


def test_pow_nodes_name_the_exponent() -> None:
    x = leaf(1.0, 2.0)
    y = x ** 3
    assert saved_names(y.grad_fn) == ["_raw_saved_self", "_saved_exponent", "_saved_self"]
    assert y.grad_fn._saved_exponent == 3
    e = ak.tensor(2.0)
    y = x.pow(e)
    assert type(y.grad_fn).__name__ == "PowBackward1"
    assert saved_names(y.grad_fn) == ["_raw_saved_exponent", "_raw_saved_result",
                                      "_raw_saved_self", "_saved_exponent", "_saved_result",
                                      "_saved_self"]
    assert y.grad_fn._saved_exponent is e
    y = 2 ** x
    assert saved_names(y.grad_fn) == ["_raw_saved_exponent", "_raw_saved_result",
                                      "_saved_exponent", "_saved_result", "_saved_self"]
    assert y.grad_fn._saved_self == 2 and y.grad_fn._saved_exponent is x
    with ak.no_grad():
        x.mul_(2)  # the exponent is saved: changing it breaks backward, as in PyTorch
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        y.sum().backward()


def test_reductions_show_dim_keepdim_and_sizes() -> None:
    x = ak.ones(2, 3, requires_grad=True)
    node = x.sum().grad_fn
    assert saved_names(node) == ["_saved_self_sym_sizes"]
    assert node._saved_self_sym_sizes == (2, 3)
    node = x.sum(-1).grad_fn
    assert saved_names(node) == ["_saved_dim", "_saved_keepdim", "_saved_self_sym_sizes"]
    assert node._saved_dim == (2**64 - 1,)  # PyTorch keeps the dim as given, unsigned
    assert node._saved_keepdim is False
    node = x.mean((0, 1), keepdim=True).grad_fn
    assert (node._saved_dim, node._saved_keepdim, node._saved_self_sym_numel) == ((0, 1), True, 6)
    node = x.mean().grad_fn
    assert saved_names(node) == ["_saved_self_sym_numel", "_saved_self_sym_sizes"]
    node = x.max(1).values.grad_fn
    assert saved_names(node) == ["_raw_saved_indices", "_saved_dim", "_saved_indices",
                                 "_saved_keepdim", "_saved_self_sym_sizes"]
    assert node._saved_dim == 1 and node._saved_indices.tolist() == [0, 0]
    node = x.softmax(-1).grad_fn
    assert saved_names(node) == ["_raw_saved_result", "_saved_dim", "_saved_result"]
    assert node._saved_dim == 2**64 - 1
    node = x.norm().grad_fn
    assert (node._saved_ord, node._saved_dim, node._saved_keepdim) == (2, None, False)
    assert type(node._saved_ord) is int


def test_matrix_products_name_their_operands() -> None:
    a = ak.ones(2, 3, requires_grad=True)
    b = ak.ones(3, 4)
    node = (a @ b).grad_fn
    assert saved_names(node) == [
        "_raw_saved_mat2", "_raw_saved_self", "_saved_mat2", "_saved_mat2_sym_sizes",
        "_saved_mat2_sym_strides", "_saved_self", "_saved_self_sym_sizes",
        "_saved_self_sym_strides"]
    assert node._saved_mat2 is b and node._saved_self is None  # b needs no gradient
    assert node._saved_self_sym_strides == (3, 1) and node._saved_mat2_sym_strides == ()
    assert (node._saved_self_sym_sizes, node._saved_mat2_sym_sizes) == ((2, 3), (3, 4))
    v = ak.ones(3)
    node = a.mv(v).grad_fn
    assert saved_names(node) == ["_raw_saved_self", "_raw_saved_vec", "_saved_self",
                                 "_saved_vec"]
    assert node._saved_vec is v and node._saved_self is None
    u = ak.ones(3, requires_grad=True)
    node = ak.dot(u, u).grad_fn
    assert node._saved_self is u and node._saved_tensor is u
    node = a.unsqueeze(0).bmm(b.unsqueeze(0)).grad_fn
    assert node._saved_mat2.shape == (1, 3, 4)


def test_a_saved_number_shows_as_a_tensor_with_a_raw_saved_value() -> None:
    x = leaf(1.0, 2.0)
    node = (x * 2).grad_fn
    assert node._saved_other.item() == 2 and node._saved_self is None
    raw = node._raw_saved_other
    assert type(raw).__name__ == "SavedTensor" and raw is node._raw_saved_other


def test_undeclared_names_are_refused() -> None:
    x = leaf(1.0, 2.0)
    node = (x + 1).grad_fn
    with pytest.raises(AttributeError, match="no attribute '_saved_self'"):
        _ = node._saved_self
    with pytest.raises(AttributeError, match="no attribute '_raw_saved_alpha'"):
        _ = node._raw_saved_alpha


def test_saved_tensors_are_freed_but_options_stay() -> None:
    x = leaf(1.0, 2.0)
    y = (x ** 2).sum()
    node = y.grad_fn.next_functions[0][0]
    y.backward()
    assert node._saved_exponent == 2
    with pytest.raises(RuntimeError, match="Trying to backward through the graph a second"):
        _ = node._saved_self
    assert "_saved_self" in dir(node)


def test_statistics_show_dim_correction_and_keepdim() -> None:
    x = ak.ones(2, 3, requires_grad=True)
    node = x.std().grad_fn
    assert (node._saved_dim, node._saved_correction, node._saved_keepdim) == (None, None, False)
    assert saved_names(node) == ["_raw_saved_result", "_raw_saved_self", "_saved_correction",
                                 "_saved_dim", "_saved_keepdim", "_saved_result", "_saved_self"]
    node = x.var(1, correction=0, keepdim=True).grad_fn
    assert (node._saved_dim, node._saved_correction, node._saved_keepdim) == ((1,), 0, True)
    assert x.std(unbiased=False).grad_fn._saved_correction == 0
    node = x.prod(-1).grad_fn
    assert (node._saved_dim, node._saved_keepdim) == (2**64 - 1, False)
    assert x.amax().grad_fn._saved_dim == ()
    assert x.logsumexp((0, 1)).grad_fn._saved_dim == (0, 1)


def test_scans_show_the_dim_as_given() -> None:
    x = ak.ones(2, 3, requires_grad=True)
    assert saved_names(x.cumsum(0).grad_fn) == ["_saved_dim"]
    assert x.cumsum(-1).grad_fn._saved_dim == 2**64 - 1
    assert x.cumprod(1).grad_fn._saved_dim == 1
    node = x.cummax(1).values.grad_fn
    assert saved_names(node) == ["_raw_saved_indices", "_raw_saved_self", "_saved_dim",
                                 "_saved_indices", "_saved_self"]
    assert node._saved_indices.tolist() == [[0, 1, 2], [0, 1, 2]]  # ties: the latest


def test_picking_ops_show_index_dim_and_indices() -> None:
    x = ak.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    index = ak.tensor([[0], [1]])
    node = x.gather(1, index).grad_fn
    assert saved_names(node) == ["_raw_saved_index", "_raw_saved_self", "_saved_dim",
                                 "_saved_index", "_saved_self", "_saved_sparse_grad"]
    assert node._saved_index is index and node._saved_dim == 1
    assert node._saved_sparse_grad is False
    assert node.next_functions[1:] == ()  # the index gets no edge
    index = ak.tensor([1])
    node = x.index_select(0, index).grad_fn
    assert saved_names(node) == ["_raw_saved_index", "_saved_dim", "_saved_index",
                                 "_saved_self_sym_sizes"]
    assert node._saved_index is index and node._saved_self_sym_sizes == (2, 2)
    node = x.sort().values.grad_fn
    assert node._saved_dim == 2**64 - 1 and node._saved_indices.tolist() == [[0, 1], [0, 1]]
    node = x.kthvalue(1, 0).values.grad_fn
    assert (node._saved_dim, node._saved_keepdim) == (0, False)
    assert node._saved_indices.tolist() == [0, 0]


def test_masks_show_as_tensors() -> None:
    x = ak.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    node = x.masked_fill(x > 2, 0.0).grad_fn
    assert saved_names(node) == ["_raw_saved_mask", "_saved_mask"]
    assert isinstance(node._saved_mask, ak.Tensor)
    assert node._saved_mask.tolist() == [[False, False], [True, True]]
    node = ak.where(x > 2, x, 0.0).grad_fn
    assert saved_names(node) == ["_raw_saved_condition", "_saved_condition"]
    assert node._saved_condition.dtype == ak.bool


def test_clamp_with_tensor_bounds_names_them() -> None:
    x = ak.ones(2, 3, requires_grad=True)
    low = ak.zeros(3)
    node = x.clamp(low, ak.ones(3)).grad_fn
    assert saved_names(node) == ["_raw_saved_max", "_raw_saved_min", "_raw_saved_self",
                                 "_saved_max", "_saved_min", "_saved_self"]
    assert node._saved_min is low
    assert saved_names(ak.clamp_min(x, low).grad_fn) == [
        "_raw_saved_min", "_raw_saved_self", "_saved_min", "_saved_self"]


def test_index_select_result_is_row_major() -> None:
    y = ak.ones(2, 3).index_select(-1, ak.tensor([2, 1, 0]))
    assert y.is_contiguous() and y.stride() == (3, 1)
    assert y.view(6).tolist() == [1.0] * 6
    assert ak.arange(6.0).view(2, 3).index_select(1, ak.tensor([1])).stride() == (1, 1)
    assert ak.tensor(5.0).index_select(0, ak.tensor([0])).shape == ()


def test_index_add_keeps_its_source_and_checks_its_shape() -> None:
    source = ak.ones(1, 3, requires_grad=True)
    out = ak.zeros(2, 3)
    out.index_add_(0, ak.tensor([0]), source)
    node = out.grad_fn
    assert saved_names(node) == ["_raw_saved_index", "_raw_saved_source", "_saved_alpha",
                                 "_saved_dim", "_saved_index", "_saved_source",
                                 "_saved_source_dim"]
    assert node._saved_source is source and node._saved_index.tolist() == [0]
    assert (node._saved_alpha, node._saved_dim, node._saved_source_dim) == (1, 0, 2)
    with ak.no_grad():
        source.add_(1)
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        out.sum().backward()
    with pytest.raises(RuntimeError, match=r"source tensor shape must match self tensor shape, "
                       r"excluding the specified dimension. Got self.shape = \[2, 3\] "
                       r"source.shape = \[1\]"):
        ak.zeros(2, 3).index_add_(0, ak.tensor([0]), ak.ones(1))
    x = ak.zeros(2, 3, requires_grad=True)
    node = x.index_add(-1, ak.tensor([0]), ak.ones(2, 1)).grad_fn
    assert node._saved_source is None and node._saved_index is None  # the source needs none
    assert ak.zeros(()).index_add_(0, ak.tensor([0]), ak.tensor(1.0)).item() == 1.0


def test_pow_derivative_multiplies_by_the_exponent_as_a_number() -> None:
    x = ak.tensor(3.0, requires_grad=True)
    (g,) = ak.autograd.grad(x ** 2, x, create_graph=True)
    assert g.item() == 6.0
    times = g.grad_fn.next_functions[1][0]
    assert type(times).__name__ == "MulBackward1" and times._saved_other == 2.0
    assert type(times.next_functions[0][0]).__name__ == "PowBackward0"
    (h,) = ak.autograd.grad(g, x)
    assert h.item() == 2.0


def test_one_value_cumprod_backward_reads_nothing() -> None:
    x = ak.tensor([1.37], requires_grad=True)
    y = x.cumprod(0)
    y.data.mul_(2)  # not seen by backward: the gradient of a one-value cumprod is 1
    y.backward()
    assert x.grad.tolist() == [1.0]


def test_running_results_are_row_major() -> None:
    x = ak.ones(2, 3).t()
    assert x.cumsum(-1).stride() == (2, 1) and x.cumsum(-1).is_contiguous()
    assert x.cumprod(0).stride() == (2, 1)
    assert x.double().cumsum(1).stride() == (2, 1)


def test_activations_show_their_parameters() -> None:
    x = ak.ones(2, 3, requires_grad=True)
    node = ak.nn.functional.leaky_relu(x, 0.2).grad_fn
    assert saved_names(node) == ["_raw_saved_self", "_saved_negative_slope", "_saved_self"]
    assert node._saved_negative_slope == 0.2
    node = ak.nn.functional.elu(x, 0.5).grad_fn
    assert (node._saved_alpha, node._saved_scale, node._saved_input_scale) == (0.5, 1, 1)
    node = ak.nn.functional.hardtanh(x, -2.0, 2.0).grad_fn
    assert (node._saved_min_val, node._saved_max_val) == (-2.0, 2.0)
    assert ak.nn.functional.gelu(x, approximate="tanh").grad_fn._saved_approximate == "tanh"
    assert ak.nn.functional.threshold(x, 0.1, 20).grad_fn._saved_threshold == 0.1


def test_matrix_sums_and_losses_name_their_operands() -> None:
    x = ak.ones(2, 3, requires_grad=True)
    mat1, mat2 = ak.ones(2, 2, requires_grad=True), ak.ones(2, 3)
    node = ak.addmm(x, mat1, mat2, beta=0.5, alpha=2).grad_fn
    assert saved_names(node) == [
        "_raw_saved_mat1", "_raw_saved_mat2", "_saved_alpha", "_saved_beta", "_saved_mat1",
        "_saved_mat1_sym_sizes", "_saved_mat1_sym_strides", "_saved_mat2",
        "_saved_mat2_sym_sizes", "_saved_mat2_sym_strides"]
    assert (node._saved_alpha, node._saved_beta) == (2, 0.5)
    assert node._saved_mat1 is None and node._saved_mat2 is mat2  # mat2 needs no gradient
    assert (node._saved_mat1_sym_strides, node._saved_mat2_sym_strides) == ((2, 1), ())
    node = ak.addbmm(x, ak.ones(1, 2, 2, requires_grad=True), ak.ones(1, 2, 3)).grad_fn
    assert (node._saved_batch1_sym_argsize_0, node._saved_batch1_sym_argsize_1,
            node._saved_batch2_sym_argsize_2) == (1, 2, 3)
    t = ak.ones(2, 3)
    node = ak.nn.functional.mse_loss(x, t, reduction="sum").grad_fn
    assert saved_names(node) == ["_raw_saved_self", "_raw_saved_target", "_saved_reduction",
                                 "_saved_self", "_saved_target"]
    assert node._saved_reduction == 2 and node._saved_target is t
    node = ak.nn.functional.huber_loss(x, t, delta=2.0).grad_fn
    assert (node._saved_delta, node._saved_reduction) == (2.0, 1)
    node = x.addcmul(t, t, value=2).grad_fn
    assert (node._saved_tensor1, node._saved_tensor2, node._saved_value) == (None, None, 2)
    node = x.addcdiv(t, t).grad_fn  # the divisor is kept all the same
    assert node._saved_tensor1 is None and node._saved_tensor2 is t


def test_pieces_and_matrix_parts_show_their_options() -> None:
    x = ak.ones(2, 3, requires_grad=True)
    node = x.split(2, 1)[0].grad_fn
    assert saved_names(node) == ["_saved_dim", "_saved_self_sym_sizes", "_saved_split_size"]
    assert (node._saved_dim, node._saved_split_size) == (1, 2)
    assert x.split([1, 2], 1)[0].grad_fn._saved_split_sizes == (1, 2)
    assert x.flip(-1, 0).grad_fn._saved_dims == (2**64 - 1, 0)
    node = x.roll(1).grad_fn
    assert (node._saved_dims, node._saved_shifts) == ((), (1,))
    assert x.roll((1, 2), (0, -1)).grad_fn._saved_dims == (0, 2**64 - 1)
    assert x.triu(-1).grad_fn._saved_diagonal == 2**64 - 1
    node = x.diagonal(1, -1, 0).grad_fn
    assert (node._saved_offset, node._saved_dim1, node._saved_dim2) == (1, 2**64 - 1, 0)
    node = x.repeat(2, 1).grad_fn
    assert saved_names(node) == ["_saved_repeats", "_saved_self_sym_sizes"]
    assert node._saved_repeats == (2, 1)
    node = x.unfold(1, 2, 1).grad_fn
    assert (node._saved_dimension, node._saved_size, node._saved_step) == (1, 2, 1)
    assert x.trace().grad_fn._saved_self_sym_sizes == (2, 3)


def test_more_nodes_show_their_options() -> None:
    x = ak.ones(2, 3, requires_grad=True)
    assert saved_names((10 - x).grad_fn) == ["_saved_alpha"]
    node = x.div(2, rounding_mode="floor").grad_fn
    assert saved_names(node) == ["_raw_saved_other", "_raw_saved_self", "_saved_other",
                                 "_saved_rounding_mode", "_saved_self"]
    assert node._saved_rounding_mode == "floor" and node._saved_self is None
    node = x.aminmax(dim=1)[0].grad_fn
    assert (node._saved_min.shape, node._saved_max.shape, node._saved_dim) == ((2,), (2,), 1)
    node = x.nansum(-1, True).grad_fn
    assert (node._saved_dim, node._saved_keepdim) == ((2**64 - 1,), True)
    assert node._saved_self is x
    node = ak.cdist(x, x, 1.5).grad_fn
    assert saved_names(node) == ["_raw_saved_result", "_raw_saved_x1", "_raw_saved_x2",
                                 "_saved_p", "_saved_result", "_saved_x1", "_saved_x2"]
    assert node._saved_p == 1.5
    assert x.dist(x, 3).grad_fn._saved_p == 3
    assert saved_names(x.clamp_min(0.5).grad_fn) == ["_raw_saved_self", "_saved_min",
                                                      "_saved_self"]
    node = x.scatter(-1, ak.tensor([[0], [1]]), 5.0).grad_fn
    assert node._saved_dim == 2**64 - 1 and node._saved_index.tolist() == [[0], [1]]
    assert ak.linalg.cross(x.detach()[:, :3], x[:, :3], dim=1).grad_fn._saved_dim == 1


def node_names(root: object) -> list[str]:
    """The names of a graph's nodes, depth first (as ``next_functions`` lists them)."""
    names: list[str] = []
    stack = [root]
    while stack:
        node = stack.pop()
        names.append(type(node).__name__)
        if node is not None and type(node).__name__ != "AccumulateGrad":
            stack.extend(reversed([f for f, _ in node.next_functions]))
    return names


def test_einsum_is_recorded_as_pytorch_runs_it() -> None:
    x = ak.arange(6.0).view(2, 3).requires_grad_()
    y = ak.arange(12.0).view(3, 4).requires_grad_()
    out = ak.einsum("ij,jk->ik", x, y)
    assert node_names(out.grad_fn) == [
        "ViewBackward0", "PermuteBackward0", "ViewBackward0", "BmmBackward0",
        "ViewBackward0", "PermuteBackward0", "PermuteBackward0", "UnsqueezeBackward0",
        "AccumulateGrad",
        "ViewBackward0", "PermuteBackward0", "PermuteBackward0", "UnsqueezeBackward0",
        "AccumulateGrad"]
    assert out.tolist() == (x.detach() @ y.detach()).tolist()
    out.sum().backward()
    assert x.grad.tolist() == [[6.0, 22.0, 38.0], [6.0, 22.0, 38.0]]  # rows of y summed
    assert y.grad.tolist() == [[3.0] * 4, [5.0] * 4, [7.0] * 4]  # columns of x summed
    square = ak.arange(9.0).view(3, 3).requires_grad_()
    trace = ak.einsum("ii", square)
    assert node_names(trace.grad_fn) == ["SumBackward1", "PermuteBackward0",
                                         "PermuteBackward0", "DiagonalBackward0",
                                         "AccumulateGrad"]
    assert trace.item() == 12.0
    v = ak.tensor([1.0, 2.0], requires_grad=True)
    assert type(ak.einsum("i,j->ij", v, v).grad_fn).__name__ == "MulBackward0"
    assert type(ak.einsum("ij->ji", x).grad_fn).__name__ == "PermuteBackward0"
    with pytest.raises(RuntimeError, match="subscript i is repeated for operand 0 but the "
                                           "sizes don't match, 3 != 2"):
        ak.einsum("ii->i", ak.ones(2, 3))


def test_views_and_indexing_show_sizes_dims_and_indices() -> None:
    x = ak.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], requires_grad=True) * 1
    assert x.view(6).grad_fn._saved_self_sym_sizes == (2, 3)
    assert x.expand(2, 2, 3).grad_fn._saved_self_sym_sizes == (2, 3)
    squeezed = x.view(2, 3, 1).squeeze(-1).grad_fn
    assert squeezed._saved_dim == 2**64 - 1 and squeezed._saved_self_sym_sizes == (2, 3, 1)
    assert x.unsqueeze(-1).grad_fn._saved_dim == 2**64 - 1  # a dim as given, unsigned
    assert x.permute(1, 0).grad_fn._saved_dims == (1, 0)
    assert x[0].grad_fn._saved_self_sym_sizes == (2, 3)
    picked = x[:, [0, 2]].grad_fn
    indices = picked._saved_indices
    assert indices[0] is None and indices[1].tolist() == [0, 2]
    assert len(picked._raw_saved_indices) == 2
    assert "_raw_saved_indices" in dir(picked)
    assert ak.stack([x, x], -1).grad_fn._saved_dim == 2**64 - 1
