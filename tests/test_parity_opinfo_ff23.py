"""Parity with PyTorch on the sample, reference and error inputs of PyTorch's OpInfo database
(torch/testing/_internal/common_methods_invocations.py and opinfo/definitions), on the
layouts of their results, and on the in-place, method and out= variants of its entries.

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


@pytest.mark.parametrize("shapes", [
    "(2, 3, 3), (2, 3)", "(2, 3, 3), (3,)", "(2, 2, 3, 3), (2, 2, 3)", "(3, 3), (3,)",
    "(2, 3, 3), (2, 3, 4)",
])
def test_a_batch_of_vector_solutions_is_laid_out_as_one_column_major_matrix(
        shapes: str) -> None:
    # PyTorch allocates the solution with its last two dimensions column-major, the batch
    # of vectors included: X of shape (2, 3) has strides (1, 2)
    same(f"""
a_shape, b_shape = {shapes}
A = (T.arange(float(T.Size(a_shape).numel()), dtype=T.float64).view(a_shape) % 5
     + 4 * T.eye(a_shape[-1], dtype=T.float64)).requires_grad_()
B = T.linspace(-1., 2., T.Size(b_shape).numel(), dtype=T.float64).view(b_shape)
B.requires_grad_()
for x in (T.linalg.solve(A, B), T.linalg.solve_ex(A, B).result):
    out += [x.round(decimals=10), x.stride(), type(x.grad_fn).__name__]
    out += [g.round(decimals=10) for g in T.autograd.grad((x * x).sum(), [A, B])]
""")


@pytest.mark.parametrize("case", [
    "[[1., 1.], [1., 1.]], [[1.], [2.]]",
    "[[1., 0.], [0., 0.], [0., 0.]], [1., 2., 3.]",
    "[[1., 0., 0.], [0., 0., 0.]], [1., 2.]",
    "[[[1., 0.], [0., 1.]], [[2., 2.], [1., 1.]], [[1., 1.], [1., 1.]]], T.ones(3, 2, 1)",
    "[[[0., 0.], [0., 0.]]], T.ones(1, 2, 1)",
    "[[0., 0.], [0., 0.], [0., 0.]], [[1.], [2.], [3.]]",
    "[[1., 2.], [3., 4.], [5., 7.]], [[1.], [2.], [3.]]",
    "T.ones(0, 2), T.ones(0, 1)",
])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_gels_refuses_a_matrix_with_an_exact_zero_on_rs_diagonal(case: str, dtype: str) -> None:
    # LAPACK's gels solves through QR (LQ for a wide A) and fails on an exact zero pivot of
    # R; an all-zero A is solved by zero. The kit solved every A by its pseudo-inverse.
    same(f"""
a, b = {case}
A, B = T.as_tensor(a, dtype=T.{dtype}), T.as_tensor(b, dtype=T.{dtype})
r = T.linalg.lstsq(A, B, driver="gels")
out += [r.solution.round(decimals=4), r.rank, r.residuals.shape]
""")


@pytest.mark.parametrize("call", [
    "T.ones(3), T.ones(3)",
    "T.tensor(1.), T.tensor(1.)",
    "T.ones(3, 2), T.tensor(1.)",
    "T.ones(3, 2), T.ones(3, dtype=T.float64)",
    "T.ones(3, 2), T.ones(2, 3, 2, 2)",
    "T.ones(2, 3, 2), T.ones(3)",
    "T.ones(3, 2), T.ones(4)",
    "T.ones(3, 2), T.ones(4, 1)",
    "T.ones(4, 3, 2), T.ones(1, 3)",
    "T.ones(4, 3, 2), T.ones(3, 1)",
    "T.ones(2, 3, 2), T.ones(3, 3, 1)",
    "T.ones(4, 1, 3, 2), T.ones(5, 3, 4)",
    "T.ones(3, 3, 2), T.ones(3, 1)",
    "T.ones(2, 3, 2), T.ones(1, 3, 4)",
    "T.ones(3, 2, dtype=T.int64), T.ones(3, 1, dtype=T.int64)",
    "T.ones(3, 2, dtype=T.int64), T.ones(3, 1, dtype=T.int64), 1e-3",
    "T.ones(3, 2, dtype=T.int64), T.ones(3, 1, dtype=T.int64), driver='foo'",
    "T.ones(3, 2, dtype=T.float16), T.ones(3, 1, dtype=T.float16)",
    "T.ones(2, 3, 2, dtype=T.int64), T.ones(3, 3, 1, dtype=T.int64), 0.1",
    "T.ones(3, 2), T.ones(3, 1), 'gelsd'",
    "T.ones(3, 2), T.ones(3, 1), driver=1",
    "T.ones(3, 2), [1., 2., 3.]",
    "T.ones(3, 2), T.ones(3, 1), 1",
    "input=T.ones(3, 2), b=T.ones(3, 1), rcond=None, driver=None",
])
def test_lstsq_checks_its_arguments_in_pytorchs_order(call: str) -> None:
    # the kit indexed shapes before checking them (IndexError), took any B one dimension
    # short for a vector, and did not check dtypes, batches or argument types
    same(f"""
r = T.linalg.lstsq({call})
out += [r.solution.shape, r.rank.shape, r.residuals.shape]
""")


@pytest.mark.parametrize("call", [
    "F.conv2d(x, w)", "F.conv2d(x, w, b, padding=1, stride=2)", "F.conv2d(x.contiguous(), wl)",
    "F.conv2d(x[0], w)", "F.conv2d(x[:, :1], w[:, :1])",
    "F.conv_transpose2d(x, w.transpose(0, 1))",
    "F.conv_transpose2d(x.contiguous(), wl.transpose(0, 1).contiguous())",
    "F.max_pool2d(x, 2)", "F.max_pool2d(x, 3, 2, 1, return_indices=True)",
    "F.max_pool2d(x[0], 2)", "F.avg_pool2d(x, 2)", "F.lp_pool2d(x, 2, 2)",
    "F.avg_pool2d(x, 3, 1, 1, count_include_pad=False)",
    "F.adaptive_avg_pool2d(x, (2, 3))", "F.adaptive_max_pool2d(x, 2, return_indices=True)",
    "F.interpolate(x, scale_factor=2)", "F.interpolate(x, size=(4, 5), mode='nearest-exact')",
    "F.interpolate(x, scale_factor=2, mode='bilinear')", "F.interpolate(x, size=3, mode='area')",
    "F.interpolate(x[0], scale_factor=2, mode='linear')",
    "F.pad(x, (1, 1))", "F.pad(x, (1, -1, 2, 0), value=2.)",
    "F.pad(x, (1, 1, 1, 1), mode='reflect')",
    "F.pad(x, (1, 1, 1, 1), mode='replicate')", "F.pad(x, (1, 1, 1, 1), mode='circular')",
    "F.pad(x, (1, 1, 1, 1, 1, 1), mode='reflect')",
    "F.max_pool2d(T.ones(1, 5, 5, 1, dtype=T.float64).permute(0, 3, 1, 2), 2)",
    "F.conv2d(T.ones(1, 5, 5, 3, dtype=T.float64).permute(0, 3, 1, 2), w[:, :, :1, :1])",
])
def test_a_channels_last_input_gives_a_channels_last_result(call: str) -> None:
    # PyTorch's CPU convolution, pooling, upsampling and padding kernels allocate their
    # result in the input's suggested memory format: an (N, H, W, C) image permuted to
    # (N, C, H, W) gives a channels-last result, which .view(N, -1) then refuses. The kit
    # returned row-major results.
    same(f"""
F = T.nn.functional
x = T.arange(2 * 6 * 6 * 3, dtype=T.float64).view(2, 6, 6, 3).div(40).cos().permute(0, 3, 1, 2)
x = x.detach().requires_grad_()
w = T.linspace(-1., 1., 4 * 3 * 3 * 3, dtype=T.float64).view(4, 3, 3, 3)
wl = w.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2)
b = T.tensor([1., 2., 3., 4.], dtype=T.float64)
y = {call}
for r in (y if isinstance(y, tuple) else (y,)):
    out += [r.round(decimals=10), r.stride(), r.is_contiguous(), type(r.grad_fn).__name__]
try:
    y.view(y.shape[0], -1) if not isinstance(y, tuple) else None
except RuntimeError as e:
    out.append(str(e))
first = y[0] if isinstance(y, tuple) else y
if first.requires_grad:
    (first * first).sum().backward()
    out += [x.grad.round(decimals=8), x.grad.stride()]
""")


def test_prelu_sends_a_nan_inputs_gradient_through_the_slope() -> None:
    # PyTorch's kernel: grad where x > 0, else grad · w, so a NaN x gets grad · w (reference
    # inputs of nn.functional.prelu); the kit tested x <= 0 and gave grad
    same("""
x = T.tensor([float('inf'), -float('inf'), float('nan'), 0., -1., 2.], dtype=T.float64,
             requires_grad=True)
for w in (T.tensor(0.25, dtype=T.float64, requires_grad=True),
          T.tensor([0.5], dtype=T.float64, requires_grad=True)):
    y = T.nn.functional.prelu(x, w)
    out += [y, T.autograd.grad(y, [x, w], T.linspace(1., 2., 6, dtype=T.float64))]
""")


@pytest.mark.parametrize("pair", [
    "a, b", "b, a", "c.transpose(0, 1), c", "c.transpose(0, 1), c.transpose(0, 1)", "a, b[:1]",
    "a.bool(), b.bool()", "c[:, :1], c", "a[..., ::2], b[..., ::2]",
])
def test_isclose_is_laid_out_as_a_comparison_of_its_inputs(pair: str) -> None:
    # PyTorch computes a == b (TensorIterator: the inputs' layout) and widens it in place;
    # the kit returned a row-major result (reference inputs of isclose)
    same(f"""
a = T.arange(60.).view(5, 6, 2).double().permute(2, 0, 1)
b = a.contiguous() + 1e-9
c = T.arange(50.).view(5, 5, 2).double()
r = T.isclose({pair})
out += [r, r.stride(), r._version]
""")


@pytest.mark.parametrize("name", ["special.zeta", "special.xlog1py", "special.xlogy", "xlogy"])
@pytest.mark.parametrize("args", ["2, 3", "2., T.ones(2)", "T.ones(2), 3", "T.ones(2), T.ones(3)",
                                  "T.tensor([1., 2.]), T.tensor([3., 4.])"])
def test_binary_special_functions_refuse_two_numbers(name: str, args: str) -> None:
    # PyTorch's parser lists the three forms (error inputs of special.zeta / xlog1py); the
    # kit raised AttributeError for xlog1py, a bare message for zeta, and named special.xlogy
    # 'xlogy'
    same(f"out.append(T.{name}({args}))")
