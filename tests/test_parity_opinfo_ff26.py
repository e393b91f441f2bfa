"""Parity with PyTorch on op_db's sample inputs and error inputs (torch/testing/_internal/
common_methods_invocations.py), round 26: values, dtypes, layouts of results and of
gradients, node names and errors.

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


_IMAGES = {
    "row_major": "T.arange(96., dtype=T.float64).div(7).sin().reshape(2, 3, 4, 4)",
    "channels_last": "T.arange(96., dtype=T.float64).div(7).sin().reshape(2, 4, 4, 3)"
                     ".permute(0, 3, 1, 2)",
    "transposed": "T.arange(96., dtype=T.float64).div(7).sin().reshape(2, 3, 4, 4)"
                  ".transpose(2, 3)",
}


@pytest.mark.parametrize("layout", list(_IMAGES))
@pytest.mark.parametrize("call", [
    "F.avg_pool2d(x, 3, 1, 1)", "F.avg_pool2d(x, 2, 2, 1, ceil_mode=True)",
    "F.avg_pool1d(x.flatten(2), 3, 1, 1)", "F.max_pool2d(x, 3, 1, 1)",
    "F.max_pool1d(x.flatten(2), 3, 2, 1)",
])
def test_pool_gradients_are_laid_out_as_the_input(call: str, layout: str) -> None:
    # op_db's avg_pool1d/2d samples with padding: PyTorch's gradient is a new row-major
    # tensor (channels-last for a channels-last input); the kit's was a view into its padded
    # buffer (strides of the padded shape), and max pooling's was row-major whatever x
    same(f"""
F = T.nn.functional
x = {_IMAGES[layout]}.requires_grad_()
y = {call}
g, = T.autograd.grad((y * y).sum(), x)
out += [y.stride(), g.stride(), g.is_contiguous(), g]
""")


_NORM_INPUTS = {
    "transposed_4d": "T.arange(96., dtype=T.float64).div(7).sin().reshape(2, 3, 4, 4)"
                     ".transpose(2, 3)",
    "transposed_3d": "T.arange(24., dtype=T.float64).div(7).sin().reshape(2, 4, 3).transpose(1, 2)",
    "transposed_5d": "T.arange(192., dtype=T.float64).div(7).sin().reshape(2, 3, 2, 4, 4)"
                     ".transpose(2, 4)",
    "channels_last": _IMAGES["channels_last"],
    "channels_last_3d": "T.arange(192., dtype=T.float64).div(7).sin().reshape(2, 2, 4, 4, 3)"
                        ".permute(0, 4, 1, 2, 3)",
    "expanded": "T.arange(3., dtype=T.float64).reshape(1, 3, 1).expand(4, 3, 5)",
}


@pytest.mark.parametrize("training", [True, False])
@pytest.mark.parametrize("layout", list(_NORM_INPUTS))
def test_batch_norm_result_and_gradient_are_laid_out_as_suggested(layout: str,
                                                                  training: bool) -> None:
    # PyTorch's batch norm allocates its result and x's gradient as empty_like(x,
    # x.suggest_memory_format()): row-major unless x is channels-last; the kit kept x's
    # layout (a transposed x gave a transposed result, on which .view failed)
    same(f"""
x = {_NORM_INPUTS[layout]}.requires_grad_()
w = T.ones(3, dtype=T.float64, requires_grad=True)
y = T.nn.functional.batch_norm(x, T.zeros(3, dtype=T.float64), T.ones(3, dtype=T.float64), w,
                               None, training={training})
gx, gw = T.autograd.grad((y * y).sum(), (x, w))
out += [y.stride(), y.is_contiguous(), gx.stride(), gw, y.view(-1)[:3]]
""")


@pytest.mark.parametrize("grad", ["T.ones(1, 2, 3, dtype=T.float64)",
                                  "T.arange(6., dtype=T.float64).reshape(1, 3, 2).transpose(1, 2)",
                                  "None"])
def test_layer_norm_over_all_dimensions_gives_its_parameters_new_gradients(grad: str) -> None:
    # op_db's layer_norm sample normalizing over every dimension: PyTorch's bias (and
    # weight) gradient is a new row-major tensor; the kit's bias gradient was the incoming
    # gradient itself (stride 0 for y.sum(), the caller's own tensor given grad_outputs)
    same(f"""
x = T.arange(6., dtype=T.float64).reshape(1, 2, 3).requires_grad_()
w = T.ones(1, 2, 3, dtype=T.float64, requires_grad=True)
b = T.ones(1, 2, 3, dtype=T.float64, requires_grad=True)
y = T.nn.functional.layer_norm(x, [1, 2, 3], w, b, eps=0.5)
g = {grad}
gx, gw, gb = T.autograd.grad(y if g is not None else y.sum(), (x, w, b), g, create_graph=True)
out += [gw.stride(), gb.stride(), gb is g, type(gb.grad_fn).__name__, gb]
gb.sum().backward()
out += [x.grad, w.grad, b.grad]
""")


@pytest.mark.parametrize("create_graph", [False, True])
@pytest.mark.parametrize("call", [
    "F.conv_transpose3d(x, w.transpose(0, 1), stride=2, padding=1)",
    "F.conv3d(x, w, padding=1, dilation=(2, 1, 1))", "F.avg_pool3d(x, 2, 1, 1)",
])
def test_3d_convolution_and_pool_gradients_are_row_major(call: str, create_graph: bool) -> None:
    # op_db's conv_transpose3d samples: PyTorch's gradients are new row-major tensors; the
    # kit's (computed over depth slices) came back with the depth dimension's strides moved
    same(f"""
F = T.nn.functional
x = T.arange(128., dtype=T.float64).div(9).sin().reshape(1, 2, 4, 4, 4).requires_grad_()
w = T.arange(48., dtype=T.float64).div(5).cos().reshape(3, 2, 2, 2, 2).requires_grad_()
y = {call}
gs = T.autograd.grad((y * y).sum(), (x, w), allow_unused=True, create_graph={create_graph})
out += [y.stride()] + [None if g is None else (g.stride(), g.sum()) for g in gs]
if {create_graph}:
    out.append(T.autograd.grad(gs[0].pow(2).sum(), x)[0].stride())
""")
