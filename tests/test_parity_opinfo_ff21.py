"""Parity with PyTorch on the sample, reference and error inputs of PyTorch's OpInfo database
(torch/testing/_internal/common_methods_invocations.py), and on the in-place, method and out=
variants of its entries.

Each case is a snippet run once with ``T`` as PyTorch and once as the kit; what it leaves in
``out`` (values, dtypes, shapes, grads, node names, or the error) must be the same.
"""

from __future__ import annotations

import pytest

import autograd_kit as ak
from tests.parity_harness import assert_same

torch = pytest.importorskip("torch")


def same(code: str) -> None:
    assert_same(torch, ak, code)


def test_multilabel_margin_loss_counts_a_repeated_target_each_time() -> None:
    # PyTorch sums over the listed targets (before the first -1), a repeated one again
    same("""
x = T.tensor([[0.1, 0.2, 0.4, 0.8, 0.3], [0.5, -0.2, 0.3, 0.1, 0.9]], dtype=T.float64,
             requires_grad=True)
y = T.tensor([[3, 3, 0, -1, 1], [0, 0, 0, 0, 0]])
for r in ("none", "mean", "sum"):
    l = T.nn.functional.multilabel_margin_loss(x, y, reduction=r)
    g, = T.autograd.grad(l.sum(), x)
    out += [l, g]
out += [T.nn.functional.multilabel_margin_loss(x[0].float(), y[0])]
""")


def test_polygamma_in_place_records_polygamma_backward1() -> None:
    same("""
x = T.tensor([1.5, 0.5, 3.0], dtype=T.float64, requires_grad=True)
y = x * 1
r = y.polygamma_(2)
out += [r is y, y, y._version, type(y.grad_fn).__name__, y.grad_fn._saved_n]
g, = T.autograd.grad(y.sum(), x, create_graph=True)
out += [g, type(g.grad_fn).__name__, T.polygamma(2, x).grad_fn.name()]
""")


def test_conv_transpose_grads_when_output_padding_exceeds_the_stride() -> None:
    # output_padding may be as large as dilation - 1: the padded rows have more room for
    # patches than the input has places (PyTorch's OpInfo sample); the kit failed in backward
    for nd in (1, 2, 3):
        same(f"""
T.manual_seed(0) if hasattr(T, "manual_seed") else None
import numpy as np
rng = np.random.default_rng(0)
x = T.tensor(rng.standard_normal((2, 2) + (4,) * {nd}), requires_grad=True)
w = T.tensor(rng.standard_normal((2, 2) + (4, 5, 3)[:{nd}]), requires_grad=True)
b = T.tensor(rng.standard_normal(4), requires_grad=True)
f = T.nn.functional.conv_transpose{nd}d
y = f(x, w, b, stride=(3, 2, 1)[:{nd}], padding=(1, 2, 0)[:{nd}],
      output_padding=(2, 3, 1)[:{nd}], groups=2, dilation=4)
gs = T.autograd.grad((y * y).sum(), [x, w, b], create_graph=True)
out += [y.shape, *(g.round(decimals=8) for g in gs)]
out += [T.autograd.grad(gs[0].sum() + gs[1].sum(), [x, w])[0].round(decimals=8)]
""")


def test_activations_take_pytorchs_side_at_nan() -> None:
    # PyTorch's kernels test x <= 0 (elu, hardshrink) or x > 0 (leaky_relu) first: a NaN
    # takes the other side. (OpInfo's reference inputs hold NaN and inf)
    for dt in ("float32", "float64"):
        same(f"""
F = T.nn.functional
x = T.tensor([float("nan"), 1., -1., float("inf"), 0.25], dtype=T.{dt}, requires_grad=True)
for f in (lambda x: F.leaky_relu(x, 0.1), F.elu, F.selu, F.celu, F.hardshrink,
          F.hardsigmoid, lambda x: F.threshold(x, 0.5, -9.), F.relu6, F.hardtanh,
          lambda x: F.threshold(x * 1, 0.5, -9., inplace=True), F.hardswish,
          lambda x: F.rrelu(x, training=False), lambda x: F.elu(x * 1, inplace=True),
          lambda x: F.leaky_relu(x * 1, 0.2, inplace=True)):
    y = f(x)
    out += [y, T.autograd.grad(y.sum(), x)[0]]
""")


def test_index_reduce_of_0_dim_tensors() -> None:
    # a 0-dim self and source read as one row each (OpInfo's sample); the kit failed in NumPy
    same("""
for r in ("prod", "mean", "amax", "amin"):
    for inc in (True, False):
        x = T.tensor(2., dtype=T.float64, requires_grad=True)
        s = T.tensor(3., dtype=T.float64, requires_grad=True)
        y = x.index_reduce(0, T.tensor([0]), s, r, include_self=inc)
        out += [y, y.shape, *T.autograd.grad(y, [x, s])]
        z = x.detach().clone()
        out += [z.index_reduce_(-1, T.tensor([0]), s.detach(), r, include_self=inc)]
out += [T.tensor(2.).index_reduce(0, T.tensor([0, 0]), T.tensor([3., 4]), "prod")]
""")


def test_max_pool1d_refuses_an_unbatched_input_without_channels() -> None:
    for shape in ((0, 10), (3, 0), (2, 0, 10), (0, 3, 10), (0, 3, 0)):
        same(f"out += [T.nn.functional.max_pool1d(T.zeros{shape}, 1).shape]")


def test_nextafter_grad_is_0_where_the_operands_are_equal() -> None:
    # PyTorch: grad_self = where(self == other, 0, grad) (OpInfo's reference inputs)
    same("""
x = T.tensor([1., 2., float("nan"), 0.], dtype=T.float64, requires_grad=True)
o = T.tensor([[1.], [2.], [-0.]], dtype=T.float64, requires_grad=True)
g = T.tensor([float("nan"), 1., 2., 3.], dtype=T.float64).expand(3, 4)
out += [*T.autograd.grad(T.nextafter(x, o), [x, o], g)]
y = x * 1
y.nextafter_(o[1])
out += [*T.autograd.grad(y, [x, o], T.arange(4., dtype=T.float64))]
""")


def test_convolution_dilation_errors() -> None:
    # a negative dilation: PyTorch's message shows no values; a zero one shows them (named
    # by dimension for a transposed convolution)
    for nd, dilations in ((1, (0, -1, (0,), (-1,))), (2, ((0, 0), (1, 0), (-1, 0), (0, -1))),
                          (3, ((0, 1, 1), (1, 1, 0), (-1, 0, 1)))):
        for d in dilations:
            for f in (f"conv{nd}d", f"conv_transpose{nd}d"):
                same(f"T.nn.functional.{f}(T.ones((1, 1) + (4,) * {nd}), "
                     f"T.ones((1, 1) + (2,) * {nd}), dilation={d})")


def test_convolution_with_padding_same_refuses_a_weight_of_other_dimensions_by_input() -> None:
    # PyTorch's path for padding='same' compares the input's dimensions with the weight's
    # first (its message has no space before the weight's size); 'valid' is numeric padding
    for nd, x, w in ((2, (1, 1, 4, 3), (1, 2, 2)), (3, (1, 1, 3, 4, 5), (1, 1, 4, 3)),
                     (1, (1, 1, 4), (1, 1, 2, 2)), (2, (1, 1, 4, 3), (1, 1, 2, 2, 2))):
        for padding in ("'same'", "'valid'", "0"):
            same(f"T.nn.functional.conv{nd}d(T.ones{x}, T.ones{w}, padding={padding})")
