"""Tensors and operations compared with PyTorch's printed output (skipped without PyTorch).

Same comparison as tests/test_torch_parity_core.py, on what a learner's code does with
tensors: creation functions and their size arguments, torch.Size, dtype and layout classes,
atleast_*d, logit, reductions with ``dtype=``, prod / var / std gradients at their special
points (zeros, no degrees of freedom, 0-dim), diff, indexing and type promotion errors.
"""

# ruff: noqa: E501

from __future__ import annotations

import pytest

from tests.test_torch_scenarios import assert_same_as_pytorch

torch = pytest.importorskip("torch")

SNIPPETS = [
    # ---- creation: size arguments that are not ints, eye's m, randint's keywords, logspace
    'T.empty((2, 2.5))',
    'T.zeros(2, 2.5)',
    'T.zeros(2, 3, (4,))',
    'T.zeros((2.5,))',
    'T.zeros(2.5)',
    'T.ones(2.5, 2)',
    'T.rand(2, None)',
    'T.full((2.5,), 1)',
    'T.eye(2, -1)',
    'T.eye(-2)',
    'print(T.randint(3, size=(2,)).shape, T.randint(low=0, high=3, size=(2,)).shape, T.randint(high=4, size=(1,)).dtype)',
    'print(T.logspace(0, 2, 3), T.logspace(0, 3, 4, base=2), T.logspace(-1, 1, 3, dtype=T.float64), T.logspace(0, 2, 3, dtype=T.int64), T.logspace(0, 1, 1))',
    # ---- torch.Size and the dtype / layout classes
    'print(T.Size([2, 3]), T.Size([T.tensor(2)]), T.Size((x for x in [1, 2])))',
    'T.Size([2, 3.5])',
    'T.Size([T.tensor(2.)])',
    'print(type(T.float32), type(T.strided), type(T.contiguous_format), T.finfo, T.iinfo, T.dtype)',
    # ---- atleast_1d / 2d / 3d with one tensor, several, or a list
    'x = T.tensor(1., requires_grad=True); v = T.ones(3, requires_grad=True); m = T.ones(2, 3)\nfor f in (T.atleast_1d, T.atleast_2d, T.atleast_3d):\n    print([(f(t).shape, f(t).grad_fn) for t in (x, v, m)], f(x, v), f([x, v]), f((x,)))',
    'print(T.atleast_3d(T.ones(2, 3, 4, 5)).shape, T.atleast_3d(T.ones(2, 3)).shape)',
    # ---- logit with eps above 0.5 (PyTorch clamps low first, then high)
    'x = T.tensor([0.2, 0.45, 0.5, 0.9], requires_grad=True); y = T.logit(x, eps=0.6); print(y); y.sum().backward(); print(x.grad)',
    'x = T.tensor([0.2, 0.45, 0.5, 0.9, float("nan")], requires_grad=True); y = x.logit(0.3); print(y); y.sum().backward(); print(x.grad)',
    # ---- reductions keep an asked-for dtype
    'x = T.tensor([[1, 5], [3, 2]]); print(x.sum(dtype=T.int32), x.sum(0, dtype=T.int8), x.sum(dtype=T.float16), x.int().sum().dtype, T.tensor([True, True]).sum())',
    'x = T.tensor([[1, 2], [3, 4]]); print(x.prod(dtype=T.int32), x.prod(1, dtype=T.int8), x.prod(dtype=T.float32), x.cumsum(0, dtype=T.int32), x.cumprod(1, dtype=T.int16), x.float().prod(dtype=T.float64), x.int().cumsum(0).dtype)',
    'x = T.tensor([[1., 2], [3, 4]], requires_grad=True); y = x.prod(dtype=T.float64); print(y); y.backward(); print(x.grad, x.grad.dtype)',
    # ---- prod's gradient: zeros, second derivatives, 0-dim
    'x = T.tensor([0.5, 2., 0.], requires_grad=True); y = x.prod(); g, = T.autograd.grad(y, x, create_graph=True); h = T.autograd.grad(g.sum(), x); print(g.detach(), h)',
    'x = T.tensor([[0.5, 2.], [0., 1.], [3., 0.]], requires_grad=True); y = x.prod(1); g, = T.autograd.grad(y.sum(), x, create_graph=True); h = T.autograd.grad((g * g).sum(), x); print(g.detach(), h, y.grad_fn)',
    'x = T.tensor([[0.5, 2.], [0., 1.], [3., 0.]], requires_grad=True); y = x.prod(0, keepdim=True); y.sum().backward(); print(x.grad, y)',
    'x = T.tensor([[0.5, 2.], [4., 1.], [3., 7.]], requires_grad=True); y = x.prod(); g, = T.autograd.grad(y, x, create_graph=True); h = T.autograd.grad(g.sum(), x); print(g.detach(), h)',
    'x = T.tensor([0., 0., 2.], requires_grad=True); y = x.prod(); y.backward(); print(x.grad)',
    'x = T.tensor(3., requires_grad=True); y = x.prod(); g, = T.autograd.grad(y, x, create_graph=True); print(g, y.grad_fn); y2 = x.prod(0); y2.backward(); print(x.grad)',
    # ---- var / std / var_mean / std_mean with no degrees of freedom (and 0-dim)
    'for v, c in [([1., 2., 3.], 3), ([1., 2., 3.], 4), ([[1., 2., 3.]], 3), (3., 1), ([5.], 1), ([5.], 0), (3., 0), ([[1., 1.]], 2)]:\n    x = T.tensor(v, requires_grad=True)\n    y = x.var(correction=c); g, = T.autograd.grad(y, x, create_graph=True); print(v, c, y.item(), g)\n    y = x.std(correction=c); g, = T.autograd.grad(y, x, create_graph=True); print(v, c, y.item(), g)\n    y = x.var(correction=c, keepdim=True); y.sum().backward(); print(x.grad, y.shape)',
    'x = T.tensor([[1., 2., 3.]], requires_grad=True); y = x.var(1, correction=4); g, = T.autograd.grad(y.sum(), x, create_graph=True); print(y, g); y = x.std(1, correction=4); g, = T.autograd.grad(y.sum(), x, create_graph=True); print(y, g)',
    'x = T.tensor([[1., 2., 3.]], requires_grad=True); y = x.var(0); g, = T.autograd.grad(y.sum(), x, create_graph=True); print(y, g); y = x.std(0); g, = T.autograd.grad(y.sum(), x, create_graph=True); print(y, g)',
    'for v, c in [(3., 1), ([1., 2., 3.], 3), ([1., 2., 3.], 4), ([1., 2.], 1), ([[1., 2.], [3., 5.]], 1), ([[1., 1.]], 2)]:\n    x = T.tensor(v, requires_grad=True)\n    y, m = T.var_mean(x, correction=c); g, = T.autograd.grad(y + m, x, create_graph=True); print(y, m, g)\n    y, m = T.std_mean(x, correction=c); g, = T.autograd.grad(y + m, x, create_graph=True); print(y, m, g)',
    'x = T.tensor([[1., 2.], [3., 5.]], requires_grad=True); y, m = T.var_mean(x, 0, correction=2); g, = T.autograd.grad((y + m).sum(), x, create_graph=True); print(y, m, g)',
    # ---- diff with n=0 (a recorded copy) and a negative order
    'x = T.tensor([1., 2.], requires_grad=True); y = T.diff(x, n=0); print(y, y.grad_fn.next_functions[0]); y.sum().backward(); print(x.grad)',
    'x = T.tensor([1, 2]); print(T.diff(x, n=0), T.diff(x, n=0, prepend=T.tensor([0])), T.diff(x, n=3))',
    'T.diff(T.tensor([1., 2.]), n=-1)',
    # ---- index_select's errors: out of range (vector and matrix kernels), a list index
    'x = T.arange(10.); x.index_select(0, T.tensor([10]))',
    'x = T.arange(10.); x.index_select(0, T.tensor([-1]))',
    'x = T.arange(10.).reshape(2, 5); x.index_select(1, T.tensor([5]))',
    'T.tensor(5.).index_select(0, T.tensor([1]))',
    'print(T.tensor(5.).index_select(0, T.tensor([0])), T.arange(10.).index_select(0, T.tensor(3)))',
    'x = T.arange(10.); x.index_select(0, [1, 2])',
    # ---- expand: -1 in a new leading dimension, negative sizes
    'x = T.arange(3.); x.expand(3, -1, 3)',
    'x = T.arange(3.); x.expand(-1, 3)',
    'x = T.arange(3.); x.expand(-2, 3)',
    'x = T.arange(3.); x.reshape(3, 1).expand(3, -2)',
    'x = T.arange(3.); x.expand(2, -2)',
    # ---- scatter with reduce= (the older scatter_reduce): values, warning, no derivative
    'import warnings\nz = T.zeros(2, 3, requires_grad=True)\nwith warnings.catch_warnings(record=True) as w:\n    warnings.simplefilter("always")\n    y = z.scatter(1, T.tensor([[0, 0]]), T.tensor([[5., 6.]]), reduce="add")\nprint(y, len(w), str(w[0].message).split(" (Triggered")[0])\ny.sum().backward()',
    'z = T.ones(2, 3); print(z.scatter(1, T.tensor([[0, 0]]), T.tensor([[5., 6.]]), reduce="multiply"), z.scatter(1, T.tensor([[0, 0]]), 2., reduce="add"), z.scatter(0, T.tensor([[1, 1]]), 3., reduce="multiply"))',
    'z = T.zeros(2, 3); z.scatter_(1, T.tensor([[0, 0]]), T.tensor([[5., 6.]]), reduce="add"); print(z)',
    'z = T.zeros(2, 3); z.scatter(1, T.tensor([[0, 0]]), 2., reduce="max")',
    'z = T.zeros(2, 3); z.scatter(1, T.tensor([[0, 0]]), T.tensor([[5., 6.]]), reduce="mean")',
    # ---- Python ints beyond an integer tensor's range wrap around (true division does not)
    'x = T.tensor([1, 2], dtype=T.int8); print(x + 1000, x * 300, x - 200, T.tensor([1], dtype=T.uint8) + 300, T.tensor([1], dtype=T.uint8) * -1, x == 1000, x < 1000)',
    'x = T.tensor([1, 2], dtype=T.int8); print(x / 1000, x // 1000, x % 1000, T.tensor([1], dtype=T.uint8) / 300, T.tensor([1, 2], dtype=T.int32) + 2**40)',
    'x = T.tensor([1, 2], dtype=T.int8); x.add_(1000); print(x)',
    'x = T.tensor([1, 2], dtype=T.int8); print(x.pow(1000))',
    'x = T.tensor([1, 2], dtype=T.uint8); print(x.pow(300))',
    # ---- add/sub's alpha: a float alpha with integer operands
    'x = T.tensor([1, 2]); x.add(1, alpha=0.5)',
    'x = T.tensor([1, 2]); x.sub(x, alpha=0.5)',
    'x = T.tensor([1, 2]); T.add(x, x, alpha=1.5)',
    'x = T.tensor([1, 2]); x.add_(1, alpha=0.5)',
    'x = T.tensor([1, 2]); print(x.float().add(x, alpha=0.5), x.add(x.float(), alpha=0.5), x.add(True, alpha=2), x.float().sub_(x, alpha=0.5))',
    # ---- dot of tensors that are not vectors
    'T.ones(2, 3).dot(T.ones(3))',
    'T.dot(T.ones(3), T.ones(1, 3))',
    'T.ones(3).dot(T.tensor(1.))',
    'T.ones(2, 3).dot(T.ones(3, dtype=T.int64))',
    'T.ones(2).dot(T.ones(3, dtype=T.int64))',
    # ---- all/any keep uint8
    'x = T.tensor([[1, 0], [2, 3]], dtype=T.uint8); print(x.all(), x.any(1), x.all(0, keepdim=True), T.tensor([], dtype=T.uint8).all(), T.any(T.tensor([0, 5], dtype=T.uint8)))',
    # ---- allclose: equal_nan, dtype and shape errors; `in`
    'a = T.tensor([1., float("nan")]); print(T.allclose(a, a), T.allclose(a, a, equal_nan=True), a.allclose(a, equal_nan=True), T.allclose(T.tensor([1., 2.]), T.tensor(1.)), T.allclose(T.tensor([True]), T.tensor([True])))',
    'T.allclose(T.tensor([1, 2]), T.tensor([1., 2.]))',
    'T.allclose(T.tensor([1., 2.]), 1.)',
    'T.allclose(T.ones(2), T.ones(3))',
    'print(1 in T.ones(2), T.tensor(1.) in T.ones(2), T.tensor([1, 2]) in T.tensor([[1, 2], [3, 4]]), 5 in T.arange(3), T.ones(2).__contains__(T.tensor([1., 2.])))',
    'print("a" in T.ones(2))',
    # ---- argwhere, msort, fix, ravel, signbit, isneginf, isposinf (functions and methods); 0-dim nonzero
    'x = T.tensor([[1., -2.], [3., 0.]], requires_grad=True); print(T.argwhere(x), x.argwhere(), T.msort(x), x.msort(), T.fix(x * 1.5), x.fix(), T.ravel(x), x.ravel())',
    'x = T.tensor([[1., -2.], [3., 0.]], requires_grad=True); y = T.msort(x); y.sum().backward(); print(x.grad, y.grad_fn, T.fix(x).grad_fn, T.ravel(x).grad_fn)',
    'x = T.tensor([1., -0., 0., -float("inf"), float("inf"), float("nan"), -2.]); print(T.signbit(x), x.signbit(), T.isneginf(x), x.isposinf(), T.isposinf(T.tensor([1, 2])), T.signbit(T.tensor([-1, 2])))',
    'print(T.argwhere(T.tensor(3.)), T.argwhere(T.tensor([0, 1, 1])), T.ravel(T.tensor(2.)), T.msort(T.tensor([3, 1, 2])))',
    'print(T.tensor(3.).nonzero(), T.tensor(0.).nonzero(), T.tensor(3.).nonzero(as_tuple=True), T.tensor(0.).nonzero(as_tuple=True))',
]


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"o{i:03d}" for i in range(len(SNIPPETS))])
def test_same_output_as_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)

