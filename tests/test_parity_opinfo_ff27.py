"""Parity with PyTorch on op_db's sample inputs and error inputs (torch/testing/_internal/
common_methods_invocations.py), round 27: values, dtypes, layouts of results and of
gradients, second derivatives, node names and errors.

Each case is a snippet run once with ``T`` as PyTorch and once as the kit; what it leaves in
``out`` (values, dtypes, shapes, strides, grads, node names, or the error) must be the same.
"""

from __future__ import annotations

import pytest

import autograd_kit as ak
from tests.parity_harness import assert_same

torch = pytest.importorskip("torch")


def same(code: str) -> None:
    assert_same(torch, ak, code)


@pytest.mark.parametrize("options", [
    "size=[3, 3], mode='bicubic', align_corners=True",
    "scale_factor=1.7, mode='bicubic', align_corners=False",
    "size=[2, 3], mode='bilinear', antialias=True",
    "size=[3, 2], mode='bicubic', antialias=True",
])
def test_resampling_saves_no_tensor_so_a_second_backward_works(options: str) -> None:
    # op_db's interpolate bicubic samples (gradgrad after a plain backward): PyTorch's
    # resampling node keeps only sizes and options (the op is linear), so backward runs twice
    # through it; the kit's saved the input and refused the second backward (freed)
    same(f"""
x = T.arange(32., dtype=T.float64).reshape(1, 2, 4, 4).div(7).sin().requires_grad_()
y = T.nn.functional.interpolate(x, {options})
out.append([n for n in dir(y.grad_fn) if n.startswith('_raw_saved')])
y.pow(2).sum().backward(retain_graph=True)
y.sum().backward()
out.append(x.grad)
g, = T.autograd.grad((y * y).sum(), x, create_graph=True)
out += [type(g.grad_fn).__name__, T.autograd.grad((g * g).sum(), x)[0]]
""")


@pytest.mark.parametrize("method", ["byte", "short", "char", "int", "double"])
def test_dtype_conversions_take_a_memory_format(method: str) -> None:
    # op_db's byte/short/char samples pass memory_format=torch.contiguous_format: PyTorch
    # makes a row-major copy; the kit's byte() and short() took no keywords (TypeError) and
    # char() ignored it (a transposed input stayed transposed)
    same(f"""
x = T.arange(6.).reshape(2, 3).t()
y = x.{method}(memory_format=T.contiguous_format)
out += [y.dtype, y.stride(), x.{method}().stride(), y]
""")


@pytest.mark.parametrize("reduction", ["none", "mean", "sum"])
@pytest.mark.parametrize("shape", [(2, 3, 2, 2), (2, 3, 4), (2, 3, 2, 1, 2)])
def test_nll_loss_over_spatial_dimensions_gives_a_row_major_gradient(shape: tuple[int, ...],
                                                                    reduction: str) -> None:
    # op_db's nll_loss samples with (N, C, H, W) scores: PyTorch's gradient is row-major;
    # the kit's was laid out channels-last (strides (12, 1, 6, 3)), as its rows were
    same(f"""
shape = {shape}
x = T.arange(float(T.Size(shape).numel()), dtype=T.float64).reshape(shape).div(5).sin()
x.requires_grad_()
t = T.arange(T.Size(shape[:1] + shape[2:]).numel()).remainder(3).reshape(shape[:1] + shape[2:])
y = T.nn.functional.nll_loss(x, t, weight=T.tensor([1., 2., .5], dtype=T.float64),
                             reduction={reduction!r})
g, = T.autograd.grad(y.sum(), x, create_graph=True)
out += [g.stride(), type(g.grad_fn).__name__, g]
""")


@pytest.mark.parametrize("gradient", ["y.sum()", "(y * y).sum()"])
def test_block_diag_gradients_are_cut_as_pytorch_cuts_them(gradient: str) -> None:
    # op_db's block_diag samples with 1-D inputs: PyTorch's gradient of a 1-D input of
    # several values is a new tensor (its (1, m) block summed down: ViewBackward0), of a
    # 0-d or 1-element input a squeezed view (SqueezeBackward1); the kit's were all views
    # (stride 0 under y.sum()) made by reshape
    same(f"""
a = T.tensor(2., dtype=T.float64, requires_grad=True)
b = T.arange(3., dtype=T.float64, requires_grad=True)
c = T.ones(2, 3, dtype=T.float32, requires_grad=True)
d = T.ones(1, dtype=T.float64, requires_grad=True)
e = T.ones(0, dtype=T.float64, requires_grad=True)
y = T.block_diag(a, b, c, d, e)
gs = T.autograd.grad({gradient}, (a, b, c, d, e), create_graph=True)
out += [(g.shape, g.stride(), g.dtype, type(g.grad_fn).__name__, g.tolist()) for g in gs]
""")


@pytest.mark.parametrize("dims", ["[]", "[0]", "[0, 2]"])
def test_flip_gradient_is_a_new_tensor_also_for_no_dims(dims: str) -> None:
    # op_db's flip sample with dims=[]: PyTorch's gradient is grad flipped, a new row-major
    # tensor; the kit passed grad itself on (stride (0, 0, 0) under y.sum())
    same(f"""
x = T.arange(24., dtype=T.float64).reshape(2, 3, 4).requires_grad_()
y = T.flip(x, {dims})
g, = T.autograd.grad(y.sum(), x, create_graph=True)
g2, = T.autograd.grad(y, x, T.ones(3, 2, 4, dtype=T.float64).transpose(0, 1))
out += [g.stride(), type(g.grad_fn).__name__, g2.stride(), g.sum()]
""")


@pytest.mark.parametrize("grad", ["T.ones(5, 8, dtype=T.float64).t()", "None"])
def test_bilinear_weight_gradient_is_row_major(grad: str) -> None:
    # op_db's bilinear samples: PyTorch's weight gradient is row-major ((12, 4, 1) for a
    # (5, 3, 4) weight); the kit's followed the incoming gradient's layout ((4, 20, 1)
    # under y.sum())
    same(f"""
x1 = T.arange(24., dtype=T.float64).reshape(8, 3).div(7).sin().requires_grad_()
x2 = T.arange(32., dtype=T.float64).reshape(8, 4).div(5).cos().requires_grad_()
w = T.arange(60., dtype=T.float64).reshape(5, 3, 4).div(11).sin().requires_grad_()
y = T.nn.functional.bilinear(x1, x2, w)
g = {grad}
gs = T.autograd.grad(y if g is not None else y.sum(), (x1, x2, w), g)
out += [[x.stride() for x in gs], gs[2].sum()]
""")


_SUGGESTING = {
    "channels_last": "T.arange(48., dtype=T.float64).reshape(2, 2, 4, 3).permute(0, 3, 1, 2)",
    "channels_last_3d": "T.arange(120., dtype=T.float64).reshape(2, 5, 2, 3, 2)"
                        ".permute(0, 4, 1, 2, 3)",
    "row_major_3d": "T.arange(120., dtype=T.float64).reshape(2, 2, 5, 3, 2)",
}


@pytest.mark.parametrize("call", [
    ("channels_last", "mode='bicubic'"), ("channels_last", "mode='bilinear', antialias=True"),
    ("channels_last", "mode='nearest'"), ("channels_last_3d", "mode='nearest'"),
    ("channels_last_3d", "mode='nearest-exact'"), ("channels_last_3d", "mode='trilinear'"),
    ("row_major_3d", "mode='trilinear'"),
])
def test_resampling_keeps_a_channels_last_layout(call: tuple[str, str]) -> None:
    # op_db's interpolate samples with a channels-last-3d volume: PyTorch's result is
    # channels-last-3d (and channels-last for bicubic and antialiased images); the kit's
    # was row-major (it kept channels-last for 4-D nearest, bilinear only)
    layout, options = call
    same(f"""
x = {_SUGGESTING[layout]}.requires_grad_()
y = T.nn.functional.interpolate(x, scale_factor=2, {options})
g, = T.autograd.grad(y.pow(2).sum(), x)
out += [y.stride(), g.stride(), type(y.grad_fn).__name__, y.view(-1)[:5]]
""")


@pytest.mark.parametrize("name", ["hsplit", "vsplit", "dsplit"])
@pytest.mark.parametrize("call", [
    "T.{f}(x, 'abc')", "x.{f}('abc')", "T.{f}(x, 2.5)", "T.{f}(x, [1, 2.5])", "x.{f}()",
    "x.{f}(1, 3)", "T.{f}(x, indices=[1])", "T.{f}(x, sections=2)", "x.{f}(2)",
])
def test_hsplit_family_parses_its_arguments_as_pytorch(name: str, call: str) -> None:
    # op_db's error input hsplit(x, 'abc'): PyTorch's TypeError lists hsplit's own forms
    # ((int sections), (tuple of ints indices)); the kit's named tensor_split and its forms,
    # and refused indices= and indices given one by one (x.hsplit(1, 3))
    same(f"""
x = T.arange(64.).reshape(4, 4, 4)
out.append([p.shape for p in {call.format(f=name)}])
""")


@pytest.mark.parametrize("outs", ["(x, T.zeros((), dtype=T.long))",
                                  "(x[:3], T.zeros(3, dtype=T.long))",
                                  "(x[1:4], T.zeros(3, dtype=T.long))",
                                  "(T.zeros(()), T.zeros(6, dtype=T.long))"])
@pytest.mark.parametrize("call", [
    "T.max(x, 0, out=o)", "T.sort(x, out=o)", "T.topk(x, 2, out=o)", "T.kthvalue(x, 2, out=o)",
    "T.mode(x, out=o)", "T.median(x, 0, out=o)", "T.nanmedian(x, 0, out=o)",
])
def test_pair_outs_overlapping_the_input_are_checked_when_pytorch_checks(call: str,
                                                                         outs: str) -> None:
    # op_db's kthvalue error input (out=(x, ...)): PyTorch's sort and kthvalue check the
    # overlap with the input once out is resized to the result's shape (x resized to ()
    # shares part of x: refused; x[:3] resized to x's 6 elements is x: allowed), median and
    # nanmedian as given; the kit let kthvalue's through, refused sort's, and never checked
    # median's
    same(f"""
x = T.arange(6.).flip(0).clone()
o = {outs}
out.append({call})
""")


@pytest.mark.parametrize("call", [
    ("channels_last", "mode='nearest'"), ("channels_last", "mode='nearest-exact'"),
    ("channels_last", "mode='bilinear'"), ("channels_last", "mode='bicubic'"),
    ("channels_last_3d", "mode='nearest'"), ("channels_last_3d", "mode='trilinear'"),
])
@pytest.mark.parametrize("grad", ["T.autograd.grad(y.pow(2).sum(), x)",
                                  "T.autograd.grad(y, x, T.ones(y.shape, dtype=T.float64))"])
def test_resampling_gradient_follows_a_channels_last_gradient(call: tuple[str, str],
                                                              grad: str) -> None:
    # PyTorch's 2-D nearest, nearest-exact and bilinear and 3-D trilinear backward kernels
    # lay the input's gradient out as the incoming gradient suggests (channels-last under
    # y.pow(2).sum()); the kit's was row-major
    layout, options = call
    same(f"""
x = {_SUGGESTING[layout]}.requires_grad_()
y = T.nn.functional.interpolate(x, scale_factor=2, {options})
g, = {grad}
out += [g.stride(), g.sum()]
""")
