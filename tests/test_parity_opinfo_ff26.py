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
