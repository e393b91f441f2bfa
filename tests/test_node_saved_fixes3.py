"""A third round of node and op fixes, checked without PyTorch (values observed with
PyTorch 2.x): signed zeros, var/std's default correction, einsum's output subscripts, bool
powers, negative dims shown unsigned, saved number types, saved indices checked for in-place
changes, and batch norm's rounding in eval mode."""

from __future__ import annotations

import math

import numpy as np
import pytest

import autograd_kit as ak
import autograd_kit.nn.functional as F

U = 2**64  # PyTorch shows a negative dim unsigned


def x23() -> ak.Tensor:
    return ak.tensor([[1.0, -2.0, 3.0], [0.5, 0.25, -1.5]], requires_grad=True)


def test_softshrink_middle_keeps_the_sign_of_zero() -> None:
    out = F.softshrink(ak.tensor([-0.5, 0.5, 2.0]), 1)
    assert [math.copysign(1, v) for v in out.tolist()] == [-1, 1, 1]
    assert out.tolist() == [0.0, 0.0, 1.0]


def test_var_and_std_with_dim_none_show_correction_one() -> None:
    x = x23()
    assert x.var().grad_fn._saved_correction is None
    assert x.std().grad_fn._saved_correction is None
    assert x.var(dim=None).grad_fn._saved_correction == 1
    assert x.std(None).grad_fn._saved_correction == 1
    assert x.var(dim=None, correction=0).grad_fn._saved_correction == 0
    assert x.var(dim=None).item() == pytest.approx(x.var().item())


NOT_IN_INPUTS = "einsum(): output subscript k does not appear in the equation for any input operand"


@pytest.mark.parametrize(("equation", "message"), [
    ("ij->ik", NOT_IN_INPUTS),
    ("ij->ii", "einsum(): output subscript i appears more than once in the output"),
    ("ij->kii", NOT_IN_INPUTS),
])
def test_einsum_checks_its_output_subscripts(equation: str, message: str) -> None:
    with pytest.raises(RuntimeError) as info:
        ak.einsum(equation, ak.ones(2, 3))
    assert str(info.value) == message
    assert ak.einsum("ij->j", ak.ones(2, 3)).tolist() == [2.0, 2.0, 2.0]


def test_bool_tensor_to_a_bool_power_stays_bool() -> None:
    b = ak.tensor([True, False])
    assert (b ** True).dtype == ak.bool and (b ** True).tolist() == [True, False]
    assert (b ** False).tolist() == [True, True] and (b ** False).dtype == ak.bool
    assert (b ** 2).dtype == ak.int64
    c = b.clone()
    c.pow_(False)
    assert c.tolist() == [True, True]
    assert (True ** ak.tensor([1, 2])).dtype == ak.int64


@pytest.mark.parametrize("power", [lambda b: True ** b, lambda b: False ** b,
                                   lambda b: ak.pow(True, b)])
def test_bool_number_to_a_bool_tensor_power_has_no_kernel(power) -> None:
    with pytest.raises(NotImplementedError, match="\"pow\" not implemented for 'Bool'"):
        power(ak.tensor([True, False]))


def test_negative_dims_show_unsigned_as_given() -> None:
    x = x23()
    assert ak.cat([x, x], -1).grad_fn._saved_dim == U - 1
    assert ak.cat([x, x], 1).grad_fn._saved_dim == 1
    node = x.transpose(0, -1).grad_fn
    assert (node._saved_dim0, node._saved_dim1) == (0, U - 1)
    node = x.mT.grad_fn
    assert (node._saved_dim0, node._saved_dim1) == (U - 2, U - 1)
    node = x.narrow(-1, -2, 1).grad_fn
    assert (node._saved_dim, node._saved_start, node._saved_end) == (U - 1, 1, 2)
    assert x.narrow(1, 0, 1).grad_fn._saved_dim == 1
    node = x.select(-1, -3).grad_fn
    assert (node._saved_dim, node._saved_index) == (U - 1, U - 3)
    assert x[:, 1].grad_fn._saved_dim == 1
    assert F.glu(x.view(3, 2), -1).grad_fn._saved_dim == U - 1
    node = x.roll((1, -2), (0, -1)).grad_fn
    assert (node._saved_shifts, node._saved_dims) == ((1, U - 2), (0, U - 1))


def test_negative_dims_still_compute_the_same() -> None:
    x = x23()
    y = (ak.cat([x, x], -1).sum() + x.select(-1, -1).sum() * 2 + x.narrow(-1, 1, 2).sum() * 3
         + F.glu(x.view(3, 2), -1).sum())
    y.backward()
    assert x.select(-1, -1).tolist() == [3.0, -1.5]
    assert np.allclose(x.grad.numpy(), [[2.1192031, 5.1049938, 7.6224594],
                                        [2.7050111, 5.1824255, 7.0372868]])


def test_linalg_norm_shows_ord_as_pytorch() -> None:
    x = x23()
    for y in (ak.linalg.norm(x), ak.linalg.norm(x, dim=1), ak.linalg.norm(x, dim=(0, 1))):
        assert type(y.grad_fn._saved_ord) is float and y.grad_fn._saved_ord == 2.0
    assert ak.linalg.norm(x, dim=(1, -2)).grad_fn._saved_dim == (1, U - 2)
    for y in (ak.linalg.norm(x, "fro"), ak.linalg.matrix_norm(x), x.norm(),
              ak.linalg.norm(x, 2, 1)):
        assert type(y.grad_fn._saved_ord) is int and y.grad_fn._saved_ord == 2
    assert ak.linalg.norm(x).item() == pytest.approx(ak.linalg.norm(x, "fro").item())


def test_in_place_squeeze_shows_its_dims() -> None:
    x = ak.ones(3, requires_grad=True) * 1
    z = x.view(1, 3, 1).clone()
    z.squeeze_(-1)
    assert (z.grad_fn.name(), z.grad_fn._saved_dim) == ("SqueezeBackward4", U - 1)
    z = x.view(1, 3, 1).clone()
    z.squeeze_((0, -1))
    assert (z.grad_fn.name(), z.grad_fn._saved_dim) == ("SqueezeBackward5", (0, U - 1))
    node = (x @ ak.ones(3, 2)).grad_fn
    assert (node.name(), node._saved_dim, node._saved_self_sym_sizes) == (
        "SqueezeBackward4", 0, (1, 2))


CHANGED = "one of the variables needed for gradient computation has been modified by an inplace"


def _mask_changed(x: ak.Tensor) -> ak.Tensor:
    m = x > 0
    y = x.masked_fill(m, 0.0)
    m.logical_not_()
    return y


def _index_changed(make) -> ak.Tensor:  # noqa: ANN001
    def run(x: ak.Tensor) -> ak.Tensor:
        i = ak.tensor([[0], [1]]) if make in ("scatter", "scatter_add") else ak.tensor([0])
        y = {"scatter": lambda: x.scatter(1, i, 5.0),
             "scatter_add": lambda: x.scatter_add(1, i, x[:, :1]),
             "index_fill": lambda: x.index_fill(1, i, 2.0),
             "take": lambda: x.take(i),
             "index_copy": lambda: x.index_copy(1, i, x[:, :1])}[make]()
        i.add_(0)
        return y
    return run


@pytest.mark.parametrize("make", [_mask_changed] + [_index_changed(n) for n in (
    "scatter", "scatter_add", "index_fill", "take", "index_copy")])
def test_changing_the_saved_mask_or_index_breaks_backward(make) -> None:  # noqa: ANN001
    y = make(x23())
    with pytest.raises(RuntimeError, match=CHANGED):
        y.sum().backward()


def test_the_saved_index_is_the_callers_and_gets_no_edge() -> None:
    x = x23()
    i = ak.tensor([[0], [1]])
    node = x.scatter(1, i, 5.0).grad_fn
    assert node._saved_index is i and len(node.next_functions) == 1
    m = x > 0
    node = x.masked_fill(m, 1.0).grad_fn
    assert node._saved_mask is m and len(node.next_functions) == 1
    z = x.clone()
    z.masked_fill_(m, 1.0)
    m.logical_not_()
    with pytest.raises(RuntimeError, match=CHANGED):
        z.sum().backward()
    x.grad = None
    x.scatter(1, ak.tensor([[0], [1]], dtype=ak.int32), 5.0).sum().backward()
    assert x.grad.tolist() == [[0.0, 1.0, 1.0], [1.0, 0.0, 1.0]]


def test_gather_and_index_add_check_their_saved_index() -> None:
    x = x23()
    i = ak.tensor([[0], [1]])
    y = x.gather(1, i)
    assert y.grad_fn._saved_index is i
    assert [a for a in dir(y.grad_fn) if "saved" in a] == [
        "_raw_saved_index", "_raw_saved_self", "_saved_dim", "_saved_index", "_saved_self",
        "_saved_sparse_grad"]
    i.add_(0)
    with pytest.raises(RuntimeError, match=CHANGED):
        y.sum().backward()
    i = ak.tensor([0])
    y = x.index_add(1, i, x[:, :1])
    assert y.grad_fn._saved_index is i and len(y.grad_fn.next_functions) == 2
    i.add_(0)
    with pytest.raises(RuntimeError, match=CHANGED):
        y.sum().backward()
    x.index_add(1, ak.tensor([2, 0], dtype=ak.int32), x[:, :2], alpha=2).sum().backward()
    assert x.grad.tolist() == [[3.0, 3.0, 1.0], [3.0, 3.0, 1.0]]


def test_batch_norm_eval_rounds_as_pytorch() -> None:
    m = ak.nn.BatchNorm1d(2, momentum=None)
    x = ak.tensor([[1.0, 2.0], [3.0, 6.0]])
    m(x)
    m(x * 2)
    m.eval()
    out = m(x).tolist()
    assert out[1] == [0.0, 2.9802322387695312e-08]
    assert out[0] == [-0.8944263458251953, -0.8944269418716431]
    with ak.no_grad():
        m.weight.copy_(ak.tensor([0.3, 1.7]))
        m.bias.copy_(ak.tensor([0.1, -0.2]))
    assert m(x).tolist()[1] == [0.10000000894069672, -0.20000004768371582]
    xg = ak.tensor([[1.0, 2.0], [3.0, 6.0]], requires_grad=True)
    m(xg).sum().backward()
    assert xg.grad.tolist()[0] == [0.13416394591331482, 0.38013145327568054]
    assert m.weight.grad.tolist() == [-0.8944262862205505, -0.8944269418716431]


def test_rot90_logit_and_logsigmoid_show_their_saved_values() -> None:
    x = x23()
    node = x.rot90(-1, (1, 0)).grad_fn
    assert (node._saved_k, node._saved_dims) == (U - 1, (1, 0))
    node = x.rot90(5, (0, -1)).grad_fn
    assert (node._saved_k, node._saved_dims) == (5, (0, U - 1))
    assert x.rot90(5, (0, -1)).tolist() == x.rot90(1).tolist()
    assert x.logit().grad_fn._saved_eps is None
    assert x.logit(0.25).grad_fn._saved_eps == 0.25
    y = F.logsigmoid(x)
    assert np.allclose(y.grad_fn._saved_buffer.numpy(), np.exp(-np.abs(x.detach().numpy())))
    assert y.grad_fn._saved_buffer.dtype == ak.float32
    y.sum().backward()
    with pytest.raises(RuntimeError):
        y.grad_fn._saved_buffer  # noqa: B018


def test_scatters_into_views_show_their_options_as_given() -> None:
    x = x23()
    node = ak.slice_scatter(x, ak.zeros(2, 1), -1, -1).grad_fn
    assert (node._saved_dim, node._saved_start, node._saved_end, node._saved_step) == (
        U - 1, U - 1, None, 1)
    node = ak.select_scatter(x, ak.zeros(3), 0, -2).grad_fn
    assert (node._saved_dim, node._saved_index) == (0, U - 2)
    node = ak.diagonal_scatter(x, ak.zeros(2), -1, -1, 0).grad_fn
    assert (node._saved_offset, node._saved_dim1, node._saved_dim2) == (U - 1, U - 1, 0)


def test_as_strided_and_put_show_their_saved_values() -> None:
    x = x23()
    node = x.as_strided((2, 2), (1, 2)).grad_fn
    assert (node._saved_size, node._saved_stride, node._saved_storage_offset) == (
        (2, 2), (1, 2), None)
    assert x.as_strided([2], [1], 1).grad_fn._saved_storage_offset == 1
    s = ak.tensor([9.0, 8.0], requires_grad=True)
    i = ak.tensor([0, -2])
    node = x.put(i, s).grad_fn
    assert node._saved_index is i and node._saved_source is s
    assert node._saved_accumulate is False and len(node.next_functions) == 2
    node = x.put(ak.tensor([0, 4]), ak.tensor([9.0, 8.0]), accumulate=True).grad_fn
    assert node._saved_source is None and node._saved_accumulate is True
    y = x.put(i, s)
    i.add_(0)
    with pytest.raises(RuntimeError, match=CHANGED):
        y.sum().backward()


def test_masked_scatter_saves_the_callers_mask() -> None:
    x = x23()
    s = ak.arange(7.0, requires_grad=True)
    m = x > 0
    node = x.masked_scatter(m, s).grad_fn
    assert node._saved_mask is m and node._saved_source_sym_sizes == (7,)
    assert len(node.next_functions) == 2
    y = x.masked_scatter(m, s)
    m.logical_not_()
    with pytest.raises(RuntimeError, match=CHANGED):
        y.sum().backward()


def test_masked_select_and_indexing_save_the_callers_tensors() -> None:
    x = x23()
    m = x > 0
    node = x.masked_select(m).grad_fn
    assert node._saved_mask is m and len(node.next_functions) == 1
    i, j = ak.tensor([1, 0]), ak.tensor([-1, 2])
    assert x[i, j].grad_fn._saved_indices[0] is i
    assert x[i, j].grad_fn._saved_indices[1] is j
    assert x[m].grad_fn._saved_indices[0] is m
    for make, change in [(lambda: x.masked_select(m), lambda: m.logical_not_()),
                         (lambda: x[m], lambda: m.logical_not_()),
                         (lambda: x[:, j], lambda: j.add_(0))]:
        y = make()
        change()
        with pytest.raises(RuntimeError, match=CHANGED):
            y.sum().backward()
    y = x[i]
    y.sum().backward()
    with pytest.raises(RuntimeError, match="Trying to backward through the graph a second"):
        y.grad_fn._saved_indices  # noqa: B018


def test_rrelu_is_one_node_with_its_noise() -> None:
    ak.manual_seed(0)
    x = x23()
    y = F.rrelu(x, training=True)
    node = y.grad_fn
    assert node.name() == "RreluWithNoiseBackward0" and len(node.next_functions) == 1
    assert (node._saved_lower, node._saved_upper, node._saved_training) == (0.125, 1 / 3, True)
    noise = node._saved_noise
    assert noise[x.detach() > 0].tolist() == [1.0, 1.0, 1.0, 1.0]
    assert noise.tolist()[0][1] == 0.3270943760871887  # PyTorch's draws, seed 0
    assert noise.tolist()[1][2] == 0.27246248722076416
    y.sum().backward()
    assert x.grad.tolist() == noise.tolist()
    node = F.rrelu(x).grad_fn
    assert node._saved_training is False and node.name() == "RreluWithNoiseBackward0"
    assert F.rrelu(x).tolist()[1][2] == pytest.approx(-1.5 * (0.125 + 1 / 3) / 2)


def test_index_put_shows_accumulate_and_indices() -> None:
    x = x23()
    i, j = ak.tensor([1, 0]), ak.tensor([2, 2])
    node = x.index_put((i, j), ak.tensor([5.0, 6.0]), accumulate=True).grad_fn
    assert node._saved_accumulate is True
    assert [t.tolist() for t in node._saved_indices] == [[1, 0], [2, 2]]
    z = x.clone()
    z[..., j] = 1.0
    assert z.grad_fn._saved_accumulate is False
    assert z.grad_fn._saved_indices[0] is None and z.grad_fn._saved_indices[1].tolist() == [2, 2]
    y = x.index_put((i,), ak.tensor(1.0))
    y.sum().backward()
    with pytest.raises(RuntimeError, match="Trying to backward through the graph a second"):
        y.grad_fn._saved_indices  # noqa: B018


def test_index_put_saves_the_callers_indices() -> None:
    x = x23()
    i = ak.tensor([0])
    for accumulate in (False, True):
        y = x.index_put((i,), ak.tensor(1.0), accumulate=accumulate)
        assert y.grad_fn._saved_indices[0] is i
        i.add_(0)
        with pytest.raises(RuntimeError, match=CHANGED):
            y.sum().backward()
    y = x.index_put((i,), ak.tensor(1.0))
    y.sum().backward()
    with pytest.raises(RuntimeError, match="Trying to backward through the graph a second"):
        y.sum().backward()
