"""The second batch of PyTorch functions compared with PyTorch's printed output (skipped
without PyTorch): tril/triu, diag/diagonal, select, movedim, roll, take, cumprod, cummax/cummin,
logcumsumexp, atan2, hypot, logaddexp, xlogy, addcmul/addcdiv, sgn, nan_to_num, nansum,
std_mean/var_mean, aminmax, median, kthvalue, mode, hstack/vstack/column_stack, broadcast_to,
tile, repeat_interleave, unflatten, meshgrid, tensordot, kron, cross, cdist, einsum,
scalar_tensor, short/byte: values, grad_fn names, gradients and errors.
"""

# ruff: noqa: E501

from __future__ import annotations

import pytest

from tests.test_torch_scenarios import assert_same_as_pytorch

torch = pytest.importorskip("torch")

X = "x = T.tensor([[1., -2., 3., 0.5], [4., 5., -6., 2.], [-1., 0.25, 2., 3.]], requires_grad=True); "
V = "v = T.tensor([1.5, -2., 3.], requires_grad=True); "
W = "w = T.tensor([0.5, 1., -1.], requires_grad=True); "
G = "g = T.arange(12.).reshape(3, 4); "


def show(expr: str, grad: str = "(y * g if y.shape == g.shape else y).sum()") -> str:
    """Print y = expr, its grad_fn, and x.grad after a backward."""
    return f"{X}{G}y = {expr}; print(y, y.grad_fn); {grad}.backward(); print(x.grad)"


SNIPPETS = [
    # ---- tril / triu / diag / diagonal / select
    show("x.tril()"), show("x.tril(1)"), show("T.tril(x, -1)"), show("x.triu()"), show("T.triu(x, diagonal=2)"),
    show("x.triu(-1)", "y.sum()"),
    'print(T.tensor([1., 2.]).tril())', 'print(T.ones(2, 2, 2).tril())', 'print(T.arange(6).reshape(2, 3).triu())',
    show("x.diag()", "y.sum()"), show("x.diag(1)", "(y * T.tensor([1., 2., 3.])).sum()"), show("T.diag(x, -1)", "y.sum()"),
    V + "y = v.diag(); print(y, y.grad_fn); (y * T.arange(9.).reshape(3, 3)).sum().backward(); print(v.grad)",
    V + "y = T.diag(v, 1); print(y, y.grad_fn); (y * T.arange(16.).reshape(4, 4)).sum().backward(); print(v.grad)",
    V + "y = T.diag(v, -2); print(y.shape); y.sum().backward(); print(v.grad)",
    'print(T.ones(2, 2, 2).diag())', 'print(T.tensor(1.).diag())',
    show("x.diagonal()", "y.sum()"), show("x.diagonal(1)", "(y * T.tensor([1., 2., 3.])).sum()"),
    show("x.diagonal(offset=-1)", "y.sum()"), show("T.diagonal(x, 0, 1, 0)", "y.sum()"),
    'x = T.arange(24.).reshape(2, 3, 4).requires_grad_(); y = x.diagonal(0, 1, 2); print(y, y.grad_fn); y.sum().backward(); print(x.grad)',
    'x = T.arange(24.).reshape(2, 3, 4).requires_grad_(); y = x.diagonal(1, -1, 0); print(y, y._base is x, y.is_contiguous())',
    'x = T.arange(9.).reshape(3, 3); d = x.diagonal(); d.mul_(10); print(x)',
    'x = T.ones(3, 3); print(x.diagonal(0, 0, 0))', 'x = T.ones(3, 3); print(x.diagonal(0, 0, 2))',
    show("x.select(0, 1)", "y.sum()"), show("x.select(1, -1)", "(y * T.tensor([1., 2., 3.])).sum()"), show("T.select(x, 1, 2)", "y.sum()"),
    'x = T.ones(3, 4); x.select(0, 5)', 'x = T.ones(3, 4); x.select(2, 0)', 'T.tensor(1.).select(0, 0)',
    'x = T.zeros(2, 3); x.select(1, 0).fill_(5.); print(x)',
    # ---- movedim / roll / take
    show("x.movedim(0, 1)"), show("T.movedim(x, 1, 0)"), show("x.moveaxis(-1, 0)"), show("T.moveaxis(x, 0, 0)"),
    'x = T.arange(24.).reshape(2, 3, 4).requires_grad_(); y = x.movedim((0, 1), (2, 0)); print(y.shape, y.grad_fn); y.sum().backward(); print(x.grad.shape)',
    'x = T.ones(2, 3, 4); print(x.movedim([0, 1], [1]))', 'x = T.ones(2, 3, 4); print(x.movedim((0, 1), (1, 1)))', 'x = T.ones(2, 3, 4); print(x.movedim(3, 0))',
    show("x.roll(1, 0)"), show("x.roll(-1, 1)"), show("x.roll(2)"), show("T.roll(x, (1, 1), (0, 1))"), show("x.roll(5, dims=1)"),
    'x = T.ones(3, 4); x.roll([1, 2], [0])', 'x = T.ones(3, 4); x.roll(1, 5)',
    show("x.take(T.tensor([0, 5, 5, -1]))", "(y * T.tensor([1., 2., 3., 4.])).sum()"), show("T.take(x, T.tensor([[1, 2], [3, 4]]))", "y.sum()"),
    'x = T.ones(3, 4); x.take(T.tensor([12]))', 'x = T.ones(3, 4); x.take(T.tensor([1.]))',
    # ---- running operations
    show("x.cumprod(1)"), show("T.cumprod(x, 0)"), show("x.cumprod(dim=-1)", "y.sum()"),
    'x = T.tensor([2., 0., 3., 4.], requires_grad=True); y = x.cumprod(0); print(y, y.grad_fn); y.sum().backward(); print(x.grad)',
    'x = T.tensor([0., 2., 0., 4.], requires_grad=True); y = x.cumprod(0); y.sum().backward(); print(x.grad)',
    'print(T.tensor([1, 2, 3]).cumprod(0), T.tensor([True, True]).cumprod(0), T.tensor([1, 2]).cumprod(0, dtype=T.float32))',
    'x = T.ones(3, 4); x.cumprod(2)',
    show("x.cummax(1).values"), show("x.cummax(0).values"), show("T.cummin(x, 1).values"), show("x.cummin(0)[0]"),
    'print(T.tensor([1., 3., 3., 2., 5.]).cummax(0), T.tensor([3., 1., 1., 2.]).cummin(0))',
    'print(T.tensor([1., float("nan"), 3., float("nan"), 2.]).cummax(0))',
    'print(T.tensor([1, 2, 0]).cummax(0), T.tensor(2.).cummax(0))',
    show("x.logcumsumexp(1)"), show("T.logcumsumexp(x, 0)"),
    'x = T.tensor([1000., 1000., -1000.], dtype=T.float64, requires_grad=True); y = x.logcumsumexp(0); print(y); y.sum().backward(); print(x.grad)',
    'T.tensor([1, 2]).logcumsumexp(0)',
    # ---- elementwise
    X + W.replace("[0.5, 1., -1.]", "[[0.5], [1.], [-1.]]") + 'y = T.atan2(x, w); print(y, y.grad_fn); y.sum().backward(); print(x.grad, w.grad)',
    X + 'y = x.atan2(x * 2 + 1); print(y); y.sum().backward(); print(x.grad)',
    X + 'y = T.arctan2(x, T.ones(4)); print(y.grad_fn); print(x.arctan2(T.ones(4)))',
    'print(T.atan2(T.tensor([1, 2]), T.tensor([1, -1])))', 'T.atan2(T.ones(2), 2.)',
    X + W.replace("[0.5, 1., -1.]", "[[0.5], [1.], [-1.]]") + 'y = T.hypot(x, w); print(y, y.grad_fn); y.sum().backward(); print(x.grad, w.grad)',
    'T.hypot(T.ones(2), 2)',
    X + W.replace("[0.5, 1., -1.]", "[[0.5], [1.], [-1.]]") + 'y = T.logaddexp(x, w); print(y, y.grad_fn); y.sum().backward(); print(x.grad, w.grad)',
    'x = T.tensor([1000., -1000.], requires_grad=True); y = x.logaddexp(T.tensor([1000., 5.])); print(y); y.sum().backward(); print(x.grad)',
    'T.logaddexp(T.ones(2), 1.)',
    'x = T.tensor([0., 1., 2., 0.], requires_grad=True); y = T.tensor([0., 3., 0.5, 2.], requires_grad=True); z = T.xlogy(x, y); print(z, z.grad_fn); z.sum().backward(); print(x.grad, y.grad)',
    'x = T.tensor([0., 1., 2.], requires_grad=True); z = x.xlogy(2.); print(z, z.grad_fn); z.sum().backward(); print(x.grad)',
    'y = T.tensor([1., 3., 0.5], requires_grad=True); z = T.xlogy(2., y); print(z, z.grad_fn); z.sum().backward(); print(y.grad)',
    'print(T.xlogy(T.tensor([0., 0.]), T.tensor([float("nan"), 0.])), T.xlogy(T.tensor([1, 2]), T.tensor([3, 4])))',
    X + V.replace("[1.5, -2., 3.]", "[[1.5], [-2.], [3.]]") + 'y = T.addcmul(x, x, v, value=2); print(y, y.grad_fn); y.sum().backward(); print(x.grad, v.grad)',
    X + V.replace("[1.5, -2., 3.]", "[[1.5], [-2.], [3.]]") + 'y = x.addcdiv(x, v); print(y, y.grad_fn); y.sum().backward(); print(x.grad, v.grad)',
    X + V.replace("[1.5, -2., 3.]", "[[1.5], [-2.], [3.]]") + 'y = T.addcdiv(T.zeros(3, 4), v, x, value=-0.5); print(y); y.sum().backward(); print(x.grad, v.grad)',
    'T.addcdiv(T.ones(2), T.tensor([1, 2]), T.tensor([1, 2]))',
    'x = T.ones(2, 2); x.addcmul_(T.tensor([1., 2.]), T.tensor([3., 4.]), value=0.5); print(x); x.addcdiv_(T.tensor([1., 2.]), T.tensor([4., 4.])); print(x)',
    show("x.sgn()"), show("T.sgn(x)", "y.sum()"), 'print(T.tensor([1, -2, 0]).sgn(), T.tensor([True, False]).sgn())',
    'x = T.tensor([1., float("nan"), float("inf"), -float("inf")], requires_grad=True); y = x.nan_to_num(); print(y, y.grad_fn); y.sum().backward(); print(x.grad)',
    'x = T.tensor([1., float("nan"), float("inf"), -float("inf")]); print(T.nan_to_num(x, nan=2., posinf=10., neginf=-10.), x.nan_to_num(posinf=1.))',
    'x = T.tensor([1., float("nan"), float("inf")], dtype=T.float64); print(x.nan_to_num()); print(T.tensor([1, 2]).nan_to_num())',
    'x = T.tensor([1., float("nan"), float("inf")]); x.nan_to_num_(); print(x)',
    # ---- statistics
    'x = T.tensor([[1., float("nan"), 3.], [4., 5., float("nan")]], requires_grad=True); y = x.nansum(); print(y, y.grad_fn); y.backward(); print(x.grad)',
    'x = T.tensor([[1., float("nan"), 3.], [4., 5., float("nan")]], requires_grad=True); y = T.nansum(x, 1); print(y); y.sum().backward(); print(x.grad); print(x.nansum(0, keepdim=True))',
    'print(T.tensor([1, 2]).nansum(), T.tensor([1., 2.]).nansum(dtype=T.float64))',
    X + 's, m = T.std_mean(x); print(s, m, s.grad_fn, m.grad_fn, s.grad_fn is m.grad_fn); (s + m).backward(); print(x.grad)',
    X + 's, m = T.std_mean(x, 1); print(s, m); (s * 2 + m).sum().backward(); print(x.grad)',
    X + 's, m = T.std_mean(x, dim=0, keepdim=True, correction=0); print(s, m); s.sum().backward(); print(x.grad)',
    X + 'v, m = T.var_mean(x, 1); print(v, m, v.grad_fn); (v + m * 3).sum().backward(); print(x.grad)',
    X + 'v, m = T.var_mean(x, unbiased=False); print(v, m); m.backward(); print(x.grad)',
    X + 'r = T.var_mean(x, (0, 1)); print(type(r).__name__, r)',
    'T.std_mean(T.tensor([1, 2]))', 'T.var_mean(T.tensor([1, 2]), 0)',
    X + 'r = x.aminmax(); print(r, r.min.grad_fn); (r.min + r.max * 2).backward(); print(x.grad)',
    X + 'r = T.aminmax(x, dim=1); print(r); (r.min * 2 + r.max).sum().backward(); print(x.grad)',
    'x = T.tensor([[1., 3., 3.], [1., 1., 0.]], requires_grad=True); r = x.aminmax(dim=1, keepdim=True); print(r); (r[0].sum() + r[1].sum()).backward(); print(x.grad)',
    'T.aminmax(T.ones(0))', 'print(T.tensor([3, 1, 2]).aminmax())',
    show("x.median()", "y"), show("x.median(1).values", "(y * T.tensor([1., 2., 3.])).sum()"),
    show("T.median(x, 0, keepdim=True)[0]", "y.sum()"),
    'x = T.tensor([1., 2., 2., 5.], requires_grad=True); y = x.median(); print(y); y.backward(); print(x.grad)',
    'print(T.tensor([1., float("nan"), 2.]).median(), T.tensor([[1., float("nan"), 2.], [3., 1., 2.]]).median(1))',
    'print(T.tensor([4, 1, 3, 2]).median(), T.tensor([4, 1, 3, 2]).median(0))', 'x = T.ones(3, 4); x.median(5)',
    show("x.kthvalue(2).values", "y.sum()"), show("T.kthvalue(x, 1, 0)[0]", "(y * T.tensor([1., 2., 3., 4.])).sum()"),
    show("x.kthvalue(3, 0, True).values", "y.sum()"), 'x = T.ones(3, 4); x.kthvalue(5, 1)', 'x = T.ones(3, 4); x.kthvalue(0)',
    'x = T.tensor([[1., 2., 2., 3.], [5., 5., 1., 1.]], requires_grad=True); r = x.mode(1); print(r, r.values.grad_fn); r.values.sum().backward(); print(x.grad)',
    'x = T.tensor([[1., 2.], [1., 3.], [2., 3.]], requires_grad=True); r = T.mode(x, 0, keepdim=True); print(r); r[0].sum().backward(); print(x.grad)',
    'print(T.tensor([3, 1, 3, 1, 2]).mode())',
    # ---- joining and reshaping
    X + V + 'y = T.hstack([x, x]); print(y.shape, y.grad_fn); z = T.hstack((v, v)); print(z, z.grad_fn); (y.sum() + (z * T.arange(6.)).sum()).backward(); print(x.grad, v.grad)',
    X + V + 'y = T.vstack([x, v.reshape(1, 3).expand(1, 3).repeat(1, 1).view(3)[None].expand(1, 3).reshape(1, 3) @ T.ones(3, 4)]); print(y.shape, y.grad_fn)',
    V + W + 'y = T.vstack([v, w]); print(y, y.grad_fn, y.grad_fn.next_functions); (y * T.arange(6.).reshape(2, 3)).sum().backward(); print(v.grad, w.grad)',
    V + W + 'y = T.row_stack((v, w)); print(y)',
    V + W + 'y = T.column_stack([v, w]); print(y, y.grad_fn, y.grad_fn.next_functions); (y * T.arange(6.).reshape(3, 2)).sum().backward(); print(v.grad, w.grad)',
    X + V + 'y = T.column_stack([x.t(), v, T.tensor(2.)]); print(y.shape)',
    'T.hstack(T.ones(2))', 'T.vstack([])', 'T.column_stack([])', 'print(T.hstack([T.tensor(1.), T.tensor([2., 3.])]), T.vstack([T.tensor(1.), T.tensor(2.)]))',
    V + 'y = v.broadcast_to((2, 3)); print(y, y.grad_fn); y.sum().backward(); print(v.grad)',
    V + 'y = T.broadcast_to(v, (2, -1)); print(y)', 'T.ones(3).broadcast_to((2, 2))',
    show("x.tile(2)", "y.sum()"), show("x.tile((2, 1))", "y.sum()"), show("T.tile(x, (2, 1, 1))", "y.sum()"), V + 'print(v.tile(2, 2).grad_fn, v.tile((2,)))',
    show("x.repeat_interleave(2)", "(y * T.arange(24.)).sum()"), show("x.repeat_interleave(2, dim=1)", "y.sum()"), show("T.repeat_interleave(x, 3, 0)", "y.sum()"),
    show("x.repeat_interleave(T.tensor([1, 0, 2]), dim=0)", "y.sum()"), show("x.repeat_interleave(T.tensor([2]), dim=1)", "y.sum()"),
    'print(T.repeat_interleave(T.tensor([2, 1, 3])))', 'T.ones(2).repeat_interleave(-1)', 'T.ones(2).repeat_interleave(T.tensor([1, 2, 3]), dim=0)',
    V + 'y = v.repeat_interleave(2); print(y, y.grad_fn)', 'print(T.tensor(3.).repeat_interleave(2))',
    show("x.unflatten(1, (2, 2))", "y.sum()"), show("T.unflatten(x, 0, (3, 1))", "y.sum()"), show("x.unflatten(-1, (-1, 2))", "y.sum()"),
    'T.ones(3, 4).unflatten(1, (3, 2))', 'T.ones(3, 4).unflatten(1, ())',
    V + W + 'a, b = T.meshgrid(v, w, indexing="ij"); print(a, b, a.grad_fn, b.grad_fn); (a * b).sum().backward(); print(v.grad, w.grad)',
    V + 'w = T.tensor([1., 2.], requires_grad=True); a, b = T.meshgrid([v, w], indexing="xy"); print(a, b, a.grad_fn); (a + 2 * b).sum().backward(); print(v.grad, w.grad)',
    V + 'r = T.meshgrid(v, T.tensor(2.), indexing="ij"); print(r)', 'T.meshgrid(T.ones(2), indexing="yx")',
    X + V + 'y = T.tensordot(x.t(), x, 1); print(y, y.grad_fn); y.sum().backward(); print(x.grad)',
    X + 'y = T.tensordot(x, x * 2, dims=([0, 1], [0, 1])); print(y, y.grad_fn); y.backward(); print(x.grad)',
    X + 'y = T.tensordot(x, T.ones(4, 3, 2), dims=([1], [0])); print(y.shape, y.grad_fn); y.sum().backward(); print(x.grad)',
    X + 'y = T.tensordot(x, T.ones(2), 0); print(y.shape)', 'x = T.ones(3, 4); T.tensordot(x, x, 1)',
    X + 'y = T.kron(x, T.tensor([[1., 2.], [3., 4.]])); print(y.shape, y.grad_fn); (y * T.arange(48.).reshape(6, 8)).sum().backward(); print(x.grad)',
    V + W + 'y = T.kron(v, w); print(y, y.grad_fn); (y * T.arange(9.)).sum().backward(); print(v.grad, w.grad); print(v.kron(T.ones(2, 2)).shape)',
    'T.kron(T.ones(2), 1.)',
    'a = T.tensor([[1., 2., 3.], [0., 1., -1.]], requires_grad=True); b = T.tensor([[4., 5., 6.], [2., 0., 1.]], requires_grad=True); c = T.cross(a, b, dim=1); print(c, c.grad_fn); (c * T.arange(6.).reshape(2, 3)).sum().backward(); print(a.grad, b.grad)',
    'a = T.tensor([[1., 2., 3.], [0., 1., -1.]], requires_grad=True); c = a.cross(T.tensor([[4., 5., 6.]]).expand(2, 3), dim=-1); print(c); c.sum().backward(); print(a.grad)',
    'a = T.tensor([[1., 2., 3.], [0., 1., -1.], [1., 1., 1.]]); print(T.cross(a, a.flip(0)))',
    'T.cross(T.ones(2, 2), T.ones(2, 2))', 'T.cross(T.ones(2, 4), T.ones(2, 4), dim=1)',
    X + 'y = T.tensor([[0., 1., 1., 2.], [3., -1., 2., 0.5]], requires_grad=True); d = T.cdist(x, y); print(d, d.grad_fn); (d * T.tensor([[1., 2.], [3., 4.], [5., 6.]])).sum().backward(); print(x.grad, y.grad)',
    X + 'y = T.tensor([[0., 1., 1., 2.], [3., -1., 2., 0.5]], requires_grad=True); d = T.cdist(x, y, p=1); print(d); d.sum().backward(); print(x.grad, y.grad)',
    X + 'y = T.tensor([[0., 1., 1., 2.], [3., -1., 2., 0.5]], requires_grad=True); d = T.cdist(x, y, p=3); print(d); d.sum().backward(); print(x.grad, y.grad)',
    X + 'd = T.cdist(x, x); print(d); d.sum().backward(); print(x.grad)',
    'T.cdist(T.ones(3), T.ones(3))', 'T.cdist(T.ones(2, 3), T.ones(2, 4))',
    # ---- einsum (values and gradients; PyTorch records the permutes/bmm it runs)
    X + 'y = T.einsum("ij,kj->ik", x, x * 2); print(y.detach()); y.sum().backward(); print(x.grad)',
    X + V + 'y = T.einsum("ij,i->j", x, v); print(y.detach()); (y * T.arange(4.)).sum().backward(); print(x.grad, v.grad)',
    V + 'y = T.einsum("i,i->", v, v); print(y.detach()); y.backward(); print(v.grad)',
    V + W + 'y = T.einsum("i,j->ij", v, w); print(y.detach()); (y * T.arange(9.).reshape(3, 3)).sum().backward(); print(v.grad, w.grad)',
    X + 'y = T.einsum("ij->", x); print(y.detach()); y.backward(); print(x.grad)',
    X + 'y = T.einsum("ij->j", x); print(y.detach()); (y * T.arange(4.)).sum().backward(); print(x.grad)',
    X + 'y = T.einsum("ij->ji", x); print(y.shape); (y * T.arange(12.).reshape(4, 3)).sum().backward(); print(x.grad)',
    X + 'm = x[:, :3]; y = T.einsum("ii", m); print(y.detach()); y.backward(); print(x.grad)',
    X + 'm = x[:, :3]; y = T.einsum("ii->i", m); print(y.detach()); (y * T.tensor([1., 2., 3.])).sum().backward(); print(x.grad)',
    'a = T.arange(24.).reshape(2, 3, 4).requires_grad_(); b = T.arange(40.).reshape(2, 4, 5).requires_grad_(); y = T.einsum("bij,bjk->bik", a, b); print(y.shape, y[1, 2].detach()); y.sum().backward(); print(a.grad[0], b.grad[1, 0])',
    X + 'y = T.einsum("ij,jk", x, x.t()); print(y.detach())', X + 'y = T.einsum("ij,jk->ik", [x, x.t()]); print(y.detach())',
    'x = T.ones(3, 4); T.einsum("ij,jk", x, x)', 'x = T.ones(3, 4); T.einsum("ijk", x)', 'x = T.ones(3, 4); T.einsum("ij,jk", x)',
    # ---- scalar_tensor, short, byte
    'print(T.scalar_tensor(2), T.scalar_tensor(1.5, dtype=T.float64), T.scalar_tensor(True), T.scalar_tensor(3, requires_grad=True))',
    'x = T.tensor([1.7, -2.2, 300.]); print(x.short(), x.short().dtype, T.tensor([1, 2, 255]).byte())',
    'x = T.tensor([1.5, 2.], requires_grad=True); y = x.short(); print(y, y.requires_grad, y.grad_fn)',
]


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"o{i:03d}" for i in range(len(SNIPPETS))])
def test_same_output_as_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)
