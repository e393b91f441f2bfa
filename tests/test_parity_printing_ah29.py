"""Printing and return types, compared live with PyTorch (round 29, helper ah): what
``print`` shows and what a learner can do with ``torch.return_types`` results."""

from __future__ import annotations

import copy
import pickle

import pytest

import autograd_kit as ak
from tests.parity_harness import assert_same

torch = pytest.importorskip("torch")

X = "x = T.tensor([[2., 1.], [1., 3.]])\n"

RESULTS = [
    "T.max(x, 1)", "T.sort(x)", "T.topk(x, 1)", "T.kthvalue(x, 1)", "T.aminmax(x)",
    "T.frexp(x)", "T.linalg.slogdet(x)", "T.linalg.qr(x)", "T.linalg.svd(x)",
    "T.linalg.eigh(x)", "T.linalg.inv_ex(x)", "T.linalg.lu_factor(x)", "T.histogram(x, 2)",
    "T.triangular_solve(x, x)", "T.max(x, 1, out=(T.empty(0), T.empty(0, dtype=T.long)))",
    "T.aminmax(x, out=(T.empty(0), T.empty(0)))",
]


@pytest.mark.parametrize("call", RESULTS)
@pytest.mark.parametrize("use", [
    "out.append((r.n_fields, r.n_sequence_fields, r.n_unnamed_fields))",
    "out.append(type(r).__match_args__)",
    "out.append([a for a in dir(r) if not a.startswith('__')])",  # (no _asdict, _fields)
    "out.append(type(r).__mro__)",
    "out.append(pickle.loads(pickle.dumps(r)))",
    "out.append(type(copy.deepcopy(r)))",
])
def test_return_types_are_struct_sequences(call, use):
    """PyTorch's return types are C struct sequences (plain tuples with named fields), not
    namedtuples: the kit's had _asdict/_replace/_fields and no n_fields."""
    assert_same(torch, ak, f"{X}r = {call}\n{use}", pickle=pickle, copy=copy)


@pytest.mark.parametrize("use", [
    "out.append(type(r)(tuple(r)))",
    "out.append(type(r)(list(r), {}))",
    "out.append(type(r)(sequence=tuple(r)))",
    "out.append(type(r)(tuple(r)[:1]))",
    "out.append(type(r)(1))",
    "out.append(type(r)())",
    "out.append(type(r)(values=1, indices=2))",
    "out.append(type(r)(tuple(r), 3))",
    "out.append(type(r)(tuple(r), foo=1))",
    "out.append(type(r)(tuple(r), {}, {}))",
    "r.values = 1",
    "r.foo = 1",
])
def test_building_and_changing_a_return_type(use):
    assert_same(torch, ak, f"{X}r = T.max(x, 1)\n{use}")


@pytest.mark.parametrize("call", ["a.max(0)", "T.sort(a)", "a.aminmax()",
                                  "T.linalg.slogdet(a.reshape(2, 2)[:1, :1])"])
def test_vmap_keeps_the_return_type(call):
    assert_same(torch, ak, f"out.append(T.func.vmap(lambda a: {call})"
                           "(T.arange(8.).reshape(2, 4)))")


@pytest.mark.parametrize("shape", [(2, 2, 2), (2, 1, 2, 2)])
def test_grad_tracking_tensor_keeps_blank_lines_empty(shape):
    """PyTorch indents the value inside GradTrackingTensor(...) with textwrap.indent, which
    leaves the blank lines between blocks of a 3-d tensor empty; the kit indented them."""
    assert_same(torch, ak, "def f(a):\n    out.append(repr(a * 2))\n    return a.sum()\n"
                           f"T.func.grad(f)(T.arange(8.).reshape{shape})")


@pytest.mark.parametrize("call", ["x.unfold(-1, 2, 1)", "x.unfold(-2, 1, 2)", "x.unfold(1, 3, 1)"])
def test_unfold_node_keeps_the_dim_as_given(call):
    """UnfoldBackward0._saved_dimension is the dim as written, a negative one unsigned
    (18446744073709551615 for -1), as PyTorch stores it; the kit showed it wrapped (1)."""
    assert_same(torch, ak, f"x = T.arange(12., requires_grad=True).reshape(3, 4)\ny = {call}\n"
                           "out.append(y.grad_fn._saved_dimension)\ny.sum().backward()\n"
                           "out.append(x.grad)\nout.append(y.grad_fn._saved_self_sym_sizes)")


@pytest.mark.parametrize("src", ["T.ones(2, 1)", "T.ones(2, 1, requires_grad=True)"])
def test_scatter_add_saves_its_index_only_for_src(src):
    """ScatterAddBackward0 keeps the index only for src's gradient (derivatives.yaml): its
    _saved_index is None when src needs none, and changing the index then breaks nothing;
    the kit always saved it."""
    assert_same(torch, ak, "x = T.ones(2, 3, requires_grad=True)\ni = T.tensor([[0], [1]])\n"
                           f"y = x.scatter_add(-1, i, {src})\nout.append(y.grad_fn._saved_index)\n"
                           "i.add_(0)\ny.sum().backward()\nout.append(x.grad)")


@pytest.mark.parametrize("args", ["-1, 0, 2", "1, -2, 1", "0, 1, 1"])
def test_narrow_copy_node_shows_what_it_saved(args):
    """NarrowCopyBackward0 offers _saved_dim, _saved_length, _saved_self_sym_sizes and
    _saved_start (negatives unsigned) as PyTorch's; the kit's offered none."""
    assert_same(torch, ak, "x = T.ones(2, 3, requires_grad=True)\n"
                           f"f = x.narrow_copy({args}).grad_fn\n"
                           "out.append([(a, getattr(f, a)) for a in dir(f)\n"
                           "            if a.startswith('_saved')])")


@pytest.mark.parametrize("options", [
    "scale_factor=2, mode='bicubic'", "size=(3, 5), mode='bicubic', align_corners=True",
    "scale_factor=(1.5, 0.5), mode='bicubic'", "scale_factor=0.5, mode='bilinear', antialias=True",
    "size=(1, 1), mode='bicubic', antialias=True",
    "scale_factor=2, mode='bicubic', recompute_scale_factor=True",
])
def test_bicubic_and_antialias_nodes_show_what_they_saved(options):
    """UpsampleBicubic2DBackward0 (and the Aa nodes) offer _saved_align_corners,
    _saved_output_size, _saved_scales_h/_w (None when sizes were given or recomputed) and
    _saved_self_sym_sizes as PyTorch's; the kit's offered none."""
    assert_same(torch, ak, "x = T.arange(6.).reshape(1, 1, 2, 3).requires_grad_()\n"
                           f"y = T.nn.functional.interpolate(x, {options})\nf = y.grad_fn\n"
                           "out.append([(a, getattr(f, a)) for a in dir(f)\n"
                           "            if a.startswith('_saved')])\n"
                           "(y * T.arange(float(y.numel())).reshape(y.shape)).sum().backward()\n"
                           "out.append(x.grad)")


@pytest.mark.parametrize("options", [
    "align_corners=False", "mode='nearest', padding_mode='border', align_corners=True",
    "mode='bicubic', padding_mode='reflection', align_corners=False"])
def test_grid_sampler_node_shows_what_it_saved(options):
    """GridSampler2DBackward0 offers _saved_input, _saved_grid, _saved_align_corners and the
    modes as numbers (_saved_interpolation_mode, _saved_padding_mode) as PyTorch's; the
    kit's showed _saved_self and _saved_other."""
    assert_same(torch, ak, "x = T.arange(6.).reshape(1, 1, 2, 3).requires_grad_()\n"
                           "g = T.tensor([[[[0.3, -0.2]]]], requires_grad=True)\n"
                           f"y = T.nn.functional.grid_sample(x, g, {options})\nf = y.grad_fn\n"
                           "out.append([(a, getattr(f, a)) for a in dir(f)\n"
                           "            if a.startswith('_saved')])\n"
                           "out.append([a for a in dir(f) if a.startswith('_raw')])\n"
                           "y.sum().backward()\nout.append(x.grad)")


@pytest.mark.parametrize("loss", [
    "multilabel_margin_loss(x, T.tensor([[0, -1, 1], [1, 2, -1]]))",
    "multi_margin_loss(x, T.tensor([0, 2]), p=2, margin=0.5, weight=T.ones(3), reduction='sum')",
    "multi_margin_loss(x[0], T.tensor(1))",
])
def test_margin_loss_nodes_show_what_they_saved(loss):
    """MultiMarginLossBackward0 offers _saved_self, _saved_target, _saved_weight, _saved_margin,
    _saved_p and _saved_reduction (MultilabelMarginLossBackward0: _saved_is_target too) as
    PyTorch's, and the target changed in place is refused in backward; the kit showed its
    own pair mask as _saved_other."""
    assert_same(torch, ak, "x = T.tensor([[0.1, 0.5, 0.3], [0.9, 0.2, 0.4]], requires_grad=True)\n"
                           f"f = T.nn.functional.{loss}.grad_fn\n"
                           "out.append([(a, getattr(f, a)) for a in dir(f)\n"
                           "            if a.startswith('_saved')])\n"
                           "t = T.tensor([0, 2])\ny = T.nn.functional.multi_margin_loss(x, t)\n"
                           "t.add_(0)\ny.backward()")


@pytest.mark.parametrize("groups", [2, 4])
def test_channel_shuffle_node_shows_its_groups(groups):
    """ChannelShuffleBackward0 offers _saved_groups as PyTorch's; the kit's offered nothing."""
    assert_same(torch, ak, "x = T.arange(8.).reshape(1, 4, 2, 1).requires_grad_()\n"
                           f"f = T.nn.functional.channel_shuffle(x, {groups}).grad_fn\n"
                           "out.append([(a, getattr(f, a)) for a in dir(f)\n"
                           "            if a.startswith('_saved')])")


@pytest.mark.parametrize("grads", ["True, False, False", "False, True, False",
                                   "False, False, True", "True, True, True"])
def test_lerp_with_a_tensor_weight_keeps_start_and_end_only_for_the_weight(grads):
    """LerpBackward1 saves self and end only for the weight's gradient (None otherwise, so
    changing them in place breaks nothing), as PyTorch's; the kit always saved them."""
    assert_same(torch, ak, f"ra, rb, rw = {grads}\n"
                           "a = T.ones(2, requires_grad=ra) * 1\n"
                           "b = T.zeros(2, requires_grad=rb) * 1\n"
                           "w = T.full((2,), 0.3, requires_grad=rw) * 1\n"
                           "y = T.lerp(a, b, w)\nf = y.grad_fn\n"
                           "out.append([getattr(f, '_saved_' + n) is None\n"
                           "            for n in ('self', 'end', 'weight')])\n"
                           "a.add_(1)\nb.add_(1)\ny.sum().backward()")
