"""More of what backward nodes show under PyTorch's names, checked without PyTorch (values
observed with PyTorch 2.x): losses, normalization, embedding, convolution, padding, the
split family's dims, var/std's correction, and saved values once backward freed them."""

from __future__ import annotations

import pytest

import autograd_kit as ak
import autograd_kit.nn.functional as F
from autograd_kit.node_saved_values import FREED_MESSAGE

U = 2**64  # PyTorch shows a negative dim (or pad, offset, ignore_index) unsigned


def saved_names(node: object) -> list[str]:
    return [a for a in dir(node) if "_saved_" in a]


def x23() -> ak.Tensor:
    return ak.tensor([[1.0, -2.0, 3.0], [0.5, 0.25, -1.5]], requires_grad=True)


def test_nll_loss_shows_target_weight_and_total_weight() -> None:
    x = x23()
    target = ak.tensor([0, 2])
    node = F.nll_loss(x, target).grad_fn
    assert saved_names(node) == [
        "_raw_saved_self", "_raw_saved_target", "_raw_saved_total_weight", "_raw_saved_weight",
        "_saved_ignore_index", "_saved_reduction", "_saved_self", "_saved_target",
        "_saved_total_weight", "_saved_weight"]
    assert node._saved_ignore_index == U - 100 and node._saved_reduction == 1
    assert node._saved_target is target and node._saved_weight is None
    assert node._saved_total_weight.item() == 2.0
    assert node._saved_total_weight.dtype == ak.float32
    node = F.nll_loss(x, target, weight=ak.tensor([1.0, 2.0, 3.0]), ignore_index=0).grad_fn
    assert (node._saved_ignore_index, node._saved_total_weight.item()) == (0, 3.0)
    node = F.nll_loss(x, target, reduction="none").grad_fn
    assert (node._saved_reduction, node._saved_total_weight.item()) == (0, 0.0)


def test_nll_loss_target_changed_in_place_breaks_backward() -> None:
    target = ak.tensor([0, 2])
    y = F.nll_loss(x23(), target)
    target.add_(0)
    with pytest.raises(RuntimeError, match=r"\[autograd_kit.LongTensor \[2\]\] is at version 1"):
        y.backward()


def test_nll_loss_target_out_of_range_with_weight() -> None:
    with pytest.raises(IndexError, match="Target 5 is out of bounds."):
        F.nll_loss(x23(), ak.tensor([0, 5]), weight=ak.ones(3))


def test_embedding_shows_indices_and_options() -> None:
    m = ak.ones(3, 2, requires_grad=True)
    idx = ak.tensor([0, 2])
    node = F.embedding(idx, m).grad_fn
    assert saved_names(node) == [
        "_raw_saved_indices", "_saved_indices", "_saved_padding_idx",
        "_saved_scale_grad_by_freq", "_saved_sparse", "_saved_weight_sym_argsize_0"]
    assert node._saved_indices is idx and node._saved_padding_idx == U - 1
    assert (node._saved_scale_grad_by_freq, node._saved_sparse) == (False, False)
    assert node._saved_weight_sym_argsize_0 == 3
    assert F.embedding(idx, m, padding_idx=1).grad_fn._saved_padding_idx == 1
    y = F.embedding(idx, m)
    y.sum().backward()
    with pytest.raises(RuntimeError, match="backward through the graph a second time"):
        y.sum().backward()


def test_layer_norm_shows_input_weight_bias_and_statistics() -> None:
    x, v = x23(), ak.tensor([1.0, 2.0, 3.0], requires_grad=True)
    node = F.layer_norm(x, (3,), None, v).grad_fn
    assert saved_names(node) == [
        "_raw_saved_bias", "_raw_saved_input", "_raw_saved_result1", "_raw_saved_result2",
        "_raw_saved_weight", "_saved_bias", "_saved_input", "_saved_normalized_shape",
        "_saved_result1", "_saved_result2", "_saved_weight"]
    assert node._saved_bias is v and node._saved_weight is None and node._saved_input is x
    assert node._saved_normalized_shape == (3,)
    assert node._saved_result1.shape == (2, 1) and node._saved_result1.grad_fn is None
    assert node._saved_result1[:, 0].tolist() == pytest.approx([2 / 3, -0.25])
    assert node._saved_result2[:, 0].tolist() == pytest.approx([0.4867, 1.1239], abs=1e-4)


def test_group_norm_shows_sizes_and_its_statistics_as_outputs() -> None:
    x = x23()
    node = F.group_norm(x.view(1, 2, 3), 2, None, None, 0.01).grad_fn
    assert saved_names(node) == [
        "_raw_saved_input", "_raw_saved_result1", "_raw_saved_result2", "_raw_saved_weight",
        "_saved_C", "_saved_HxW", "_saved_N", "_saved_eps", "_saved_group", "_saved_input",
        "_saved_result1", "_saved_result2", "_saved_weight"]
    assert (node._saved_C, node._saved_HxW, node._saved_N, node._saved_group) == (2, 3, 1, 2)
    assert node._saved_eps == 0.01
    assert node._saved_result1.shape == (1, 2) and node._saved_result1.grad_fn is node


def test_batch_norm_shows_running_statistics_and_mode() -> None:
    x = x23()
    rm, rv = ak.zeros(3), ak.ones(3)
    node = F.batch_norm(x, rm, rv, training=True).grad_fn
    assert "_raw_saved_running_mean" in saved_names(node)
    assert node._saved_running_mean is rm and node._saved_training is True
    assert node._saved_eps == 1e-5 and node._saved_result1.shape == (3,)
    assert rm._version == 0  # the operation's own update of the statistics keeps the version
    node = F.batch_norm(x, rm, rv, training=False).grad_fn
    assert node._saved_training is False and node._saved_result1.shape == (0,)
    assert F.batch_norm(x, None, None, training=True).grad_fn._saved_running_var is None


def test_batch_norm_statistics_changed_in_place_break_backward() -> None:
    bn = ak.nn.BatchNorm1d(3).eval()
    y = bn(x23())
    bn.running_mean.add_(1)
    with pytest.raises(RuntimeError, match="is at version 2; expected version 1"):
        y.sum().backward()
    bn.train()
    x = x23()
    (bn(x).sum() + bn(x).sum()).backward()  # two updates in forward: fine, as in PyTorch


def test_convolution_shows_its_options_per_dimension() -> None:
    x = ak.ones(1, 2, 3, requires_grad=True)
    w = ak.ones(1, 2, 2, requires_grad=True)
    node = F.conv1d(x, w, ak.ones(1), padding=1, stride=2).grad_fn
    assert saved_names(node) == [
        "_raw_saved_input", "_raw_saved_weight", "_saved_bias_sym_sizes_opt", "_saved_dilation",
        "_saved_groups", "_saved_input", "_saved_output_padding", "_saved_padding",
        "_saved_stride", "_saved_transposed", "_saved_weight"]
    assert (node._saved_stride, node._saved_padding, node._saved_dilation) == ((2,), (1,), (1,))
    assert (node._saved_groups, node._saved_transposed) == (1, False)
    assert (node._saved_bias_sym_sizes_opt, node._saved_output_padding) == ((1,), (0,))
    node = F.conv2d(ak.ones(1, 1, 2, 3, requires_grad=True), ak.ones(1, 1, 2, 2),
                    padding=(1, 0), dilation=(1, 2)).grad_fn
    assert (node._saved_padding, node._saved_dilation) == ((1, 0), (1, 2))
    assert node._saved_bias_sym_sizes_opt == (0,)
    node = F.conv_transpose1d(x, ak.ones(2, 1, 3), stride=2, output_padding=1).grad_fn
    assert (node._saved_transposed, node._saved_output_padding) == (True, (1,))


def test_pads_show_their_amounts() -> None:
    x = x23()
    assert F.pad(x, (1, -1, 0, 1)).grad_fn._saved_pad == (1, U - 1, 0, 1)
    node = F.pad(x.view(1, 2, 3), (1, 1), mode="reflect").grad_fn
    assert saved_names(node) == ["_raw_saved_self", "_saved_padding", "_saved_self"]
    assert node._saved_padding == (1, 1)
    assert F.pad(x.view(1, 1, 2, 3), (1, 1, 1, 0), mode="replicate").grad_fn._saved_padding \
        == (1, 1, 1, 0)


def test_small_ops_show_what_pytorch_saves() -> None:
    x, v = x23(), ak.tensor([1.0, 2.0, 3.0], requires_grad=True)
    node = F.prelu(x, v).grad_fn
    assert saved_names(node) == ["_raw_saved_self", "_raw_saved_weight", "_saved_self",
                                 "_saved_weight"]
    node = x.take(ak.tensor([0, 5])).grad_fn
    assert node._saved_self is x and node._saved_index.tolist() == [0, 5]
    node = ak.diag_embed(x, 1, 0, 2).grad_fn
    assert (node._saved_dim1, node._saved_dim2, node._saved_offset) == (0, 2, 1)
    node = ak.diag_embed(v, -1).grad_fn
    assert (node._saved_dim1, node._saved_dim2, node._saved_offset) == (U - 2, U - 1, U - 1)
    assert ak.diag(v).grad_fn._saved_dim1 == U - 2
    y = x.sgn()
    assert saved_names(y.grad_fn) == ["_raw_saved_result", "_raw_saved_self",
                                      "_saved_result", "_saved_self"]
    assert y.grad_fn._saved_self is x
    assert saved_names(x.nan_to_num(1.0).grad_fn) == ["_raw_saved_self", "_saved_self"]
    node = x.index_copy(-1, ak.tensor([0]), ak.ones(2, 1)).grad_fn
    assert (node._saved_dim, node._saved_source_dim) == (U - 1, 2)
    assert node._saved_index.tolist() == [0]


def test_split_family_keeps_the_dim_as_given() -> None:
    x = x23()
    assert x.split(2, -1)[0].grad_fn._saved_dim == U - 1
    assert x.split([1, 2], -1)[0].grad_fn._saved_dim == U - 1
    assert x.chunk(2, -2)[0].grad_fn._saved_dim == U - 2
    assert x.unbind(-1)[0].grad_fn._saved_dim == U - 1
    assert x.split(2, 1)[0].grad_fn._saved_dim == 1


def test_var_and_std_show_the_correction_as_given() -> None:
    x = x23()
    assert x.var().grad_fn._saved_correction is None
    assert x.std(keepdim=True).grad_fn._saved_correction is None
    assert x.var(0).grad_fn._saved_correction == 1
    assert x.var(unbiased=False).grad_fn._saved_correction == 0
    assert x.var(correction=2.5).grad_fn._saved_correction == 2.5
    node = ak.var_mean(x)[0].grad_fn
    assert saved_names(node) == ["_raw_saved_self", "_saved_correction", "_saved_dim",
                                 "_saved_keepdim", "_saved_self"]
    assert node._saved_correction is None
    node = ak.std_mean(x, -1, correction=0)[0].grad_fn
    assert "_saved_result0" in saved_names(node)
    assert (node._saved_correction, node._saved_dim) == (0, (U - 1,))


def test_freed_saved_values_still_show_a_saved_tensor() -> None:
    x = x23()
    y = x * x
    y.sum().backward()
    raw = y.grad_fn._raw_saved_self
    assert type(raw).__name__ == "SavedTensor"
    with pytest.raises(RuntimeError, match="Calling register_hooks on a saved tensor after it "
                                           "has been freed"):
        raw.register_hooks(lambda t: t, lambda t: t)
    with pytest.raises(RuntimeError) as error:
        raw.unpack()
    assert str(error.value) == FREED_MESSAGE
    with pytest.raises(RuntimeError, match="backward through the graph a second time"):
        y.grad_fn._saved_self  # noqa: B018


def test_a_saved_none_shows_a_saved_tensor_that_refuses_hooks() -> None:
    y = F.nll_loss(x23(), ak.tensor([0, 1]))
    raw = y.grad_fn._raw_saved_weight
    message = "Calling register_hooks on a saved tensor with value None is forbidden"
    with pytest.raises(RuntimeError, match=message):
        raw.register_hooks(lambda t: t, lambda t: t)
    assert raw.unpack() is None
    y.backward()
    assert y.grad_fn._saved_weight is None  # (still None once freed, as in PyTorch)
    with pytest.raises(RuntimeError, match=message):
        y.grad_fn._raw_saved_weight.register_hooks(lambda t: t, lambda t: t)
    with pytest.raises(RuntimeError, match="backward through the graph a second time"):
        y.grad_fn._saved_total_weight  # noqa: B018


@pytest.mark.parametrize("make", [
    lambda x: x.max(0).values, lambda x: x[ak.tensor([0])], lambda x: x[x > 0],
    lambda x: x.sort(1).values, lambda x: x.topk(2).values, lambda x: x.cummax(1).values,
    lambda x: x.median(1).values, lambda x: x.kthvalue(1, 1).values,
    lambda x: x.index_select(1, ak.tensor([0, 2])), lambda x: x.masked_fill(x > 0, 0.0),
    lambda x: x.scatter(1, ak.tensor([[0], [1]]), 5.0),
    lambda x: x.index_fill(1, ak.tensor([0]), 2.0),
    lambda x: x.take(ak.tensor([0, 5])),
])
def test_nodes_that_saved_indices_refuse_a_second_backward(make: object) -> None:
    y = make(x23()).sum()  # type: ignore[operator]
    y.backward()
    with pytest.raises(RuntimeError) as error:
        y.backward()
    assert str(error.value) == FREED_MESSAGE


def test_saved_indices_show_without_grad_fn_and_are_version_checked() -> None:
    x = x23()
    values, indices = x.max(0)
    saved = values.grad_fn._saved_indices
    assert saved.grad_fn is None and saved.tolist() == [0, 1, 0]
    assert saved_names(values.grad_fn) == ["_raw_saved_indices", "_saved_dim", "_saved_indices",
                                           "_saved_keepdim", "_saved_self_sym_sizes"]
    indices.add_(0)
    with pytest.raises(RuntimeError, match=r"\[autograd_kit.LongTensor \[3\]\] is at version 1"):
        values.sum().backward()
    node = x.masked_fill(x > 0, 0.0).grad_fn
    assert saved_names(node) == ["_raw_saved_mask", "_saved_mask"]
    node = x.scatter(-1, ak.tensor([[0], [1]]), 5.0).grad_fn
    assert (node._saved_dim, node._saved_index.tolist()) == (U - 1, [[0], [1]])
