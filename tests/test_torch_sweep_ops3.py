"""The third batch of PyTorch functions compared with PyTorch's printed output (skipped
without PyTorch): index_put, masked_select/scatter, scatter_reduce, take_along_dim, inverse
hyperbolic functions, erfinv, erfc, logit, nanmean, quantile, diff, gcd/lcm, trapezoid,
searchsorted, bucketize, bincount, histc, rot90, splits, block_diag, cartesian_prod,
combinations, triangle indices, logdet/slogdet and torch.linalg's decompositions: values,
grad_fn names, gradients and errors.
"""

# ruff: noqa: E501

from __future__ import annotations

import pytest

from tests.test_torch_scenarios import printed, spelled_alike

torch = pytest.importorskip("torch")

X = "x = T.tensor([[1., -2., 3., 0.5], [4., 5., -6., 2.], [-1., 0.25, 2., 3.]], requires_grad=True); "
P = "p = T.tensor([[0.1, -0.5, 0.3], [0.9, 0.05, -0.7]], requires_grad=True); "
G = "g = T.arange(12.).reshape(3, 4); "
D = "T.set_default_dtype(T.float64); "
A = D + "a = T.tensor([[4., 1., 0.5], [1., 3., 0.2], [0.5, 0.2, 2.]], requires_grad=True); "
R = D + "r = T.tensor([[1., 2.], [3., -1.], [0.5, 4.]], requires_grad=True); "


def show(expr: str, grad: str = "(y * g if y.shape == g.shape else y).sum()", pre: str = X) -> str:
    """Print y = expr, its grad_fn, and x.grad after a backward."""
    name = pre.split("=")[0].strip()
    return f"{pre}{G}y = {expr}; print(y, y.grad_fn); {grad}.backward(); print({name}.grad)"


SNIPPETS = [
    # ---- index_put / masked_select / masked_scatter
    show("x.index_put((T.tensor([0, 2]),), T.tensor([10., 20., 30., 40.]))"),
    show("x.index_put((T.tensor([0, 2, 0]), T.tensor([1, 1, 1])), T.tensor(7.), accumulate=True)"),
    show("T.index_put(x, (T.tensor([1]), T.tensor([3])), T.tensor([5.]))"),
    X + 'v = T.tensor([1., 2.], requires_grad=True); y = x.index_put((T.tensor([0, 0]), T.tensor([1, 1])), v, accumulate=True); print(y); (y * T.arange(12.).reshape(3, 4)).sum().backward(); print(x.grad, v.grad)',
    X + 'v = T.tensor([1., 2., 3., 4.], requires_grad=True); y = x.index_put((x > 2,), T.tensor(0.)); print(y); y.sum().backward(); print(x.grad)',
    X + 'v = T.tensor(9., requires_grad=True); y = x.index_put((T.tensor([0, 1]),), v); y.sum().backward(); print(v.grad)',
    X + 'y = x * 1; y.index_put_((T.tensor([1]),), T.tensor([1., 2., 3., 4.])); print(y, y.grad_fn); y.sum().backward(); print(x.grad)',
    'x = T.zeros(5); x.index_put_((T.tensor([0, 0, 3]),), T.tensor([1., 2., 3.]), accumulate=True); print(x)',
    'x = T.ones(3, 4); x.index_put((T.tensor([5]),), T.tensor(1.))', 'x = T.ones(3, 4); x.index_put((T.tensor([0]),), T.ones(2))',
    'x = T.ones(3, 4); x.index_put((T.tensor([0.]),), T.tensor(1.))', 'x = T.ones(3, 4); x.index_put((T.tensor([0]),), T.tensor(1., dtype=T.float64))',
    show("x.masked_select(x > 1)", "(y * T.arange(5.)).sum()"), show("T.masked_select(x, T.tensor([True, False, True, False]))", "(y * T.arange(6.)).sum()"),
    'x = T.tensor([1., 2.], requires_grad=True); y = x.masked_select(T.tensor([[True, False], [True, True]])); print(y, y.grad_fn); (y * T.arange(3.)).sum().backward(); print(x.grad)',
    'x = T.ones(3, 4); x.masked_select(T.ones(3, 4))', 'T.masked_select(T.ones(3), T.tensor([True, False]))',
    show("x.masked_scatter(x > 1, T.arange(10., 22.))"),
    X + 's = T.arange(10., 22.).reshape(3, 4).requires_grad_(); y = x.masked_scatter(x < 1, s); print(y, y.grad_fn); (y * T.arange(12.).reshape(3, 4)).sum().backward(); print(x.grad, s.grad)',
    X + 's = T.arange(10., 14.).requires_grad_(); y = T.masked_scatter(x, T.tensor([True, False, False, True]), s); print(y); y.sum().backward(); print(s.grad)',
    'x = T.zeros(2, 3); x.masked_scatter_(T.tensor([[True, False, True], [False, True, False]]), T.tensor([1., 2., 3.])); print(x)',
    'x = T.ones(3, 4); x.masked_scatter(T.ones(3, 4, dtype=T.bool), T.ones(3))', 'x = T.ones(3, 4); x.masked_scatter(T.ones(3, 4), T.ones(12))',
    'x = T.ones(3, 4); x.masked_scatter(T.ones(3, 4, dtype=T.bool), T.ones(12, dtype=T.float64))',
    # ---- scatter_reduce
    *[show(f"x.scatter_reduce(1, T.tensor([[0, 1, 0, 1], [2, 2, 2, 0], [3, 3, 1, 1]]), x * 2, '{r}', include_self={s})")
      for r in ("sum", "prod", "mean", "amax", "amin") for s in (True, False)],
    *[X + f"s = T.tensor([[1., 0., 2.], [0., 0., 3.]], requires_grad=True); y = x.scatter_reduce(0, T.tensor([[0, 1, 0], [0, 2, 2]]), s, '{r}'); print(y); (y * T.arange(12.).reshape(3, 4)).sum().backward(); print(x.grad, s.grad)"
      for r in ("sum", "prod", "mean", "amax", "amin")],
    'x = T.tensor([1., 2., 3., 4.]); print(x.scatter_reduce(0, T.tensor([0, 0, 3]), T.tensor([5., 6., 7.]), "amax", include_self=False))',
    'x = T.tensor([1, 2, 3, 4]); print(x.scatter_reduce(0, T.tensor([0, 0, 3]), T.tensor([5, 6, 8]), "mean"))',
    'x = T.tensor([1, 2, 3, 4]); print(x.scatter_reduce(0, T.tensor([0, 0, 3]), T.tensor([5, 6, 8]), "amin", include_self=False))',
    'x = T.zeros(4); x.scatter_reduce_(0, T.tensor([0, 0, 3]), T.tensor([5., 6., 7.]), "sum"); print(x)',
    'x = T.ones(3, 4); x.scatter_reduce(1, T.tensor([[0]]), x, "foo")', 'x = T.ones(3, 4); x.scatter_reduce(1, T.tensor([[0]]), x.double(), "sum")',
    # ---- take_along_dim
    show("x.take_along_dim(T.tensor([[0], [1], [2]]), 1)", "y.sum()"), show("T.take_along_dim(x, x.argsort(1), dim=1)"),
    show("x.take_along_dim(T.tensor([0, 11, 11]))", "(y * T.tensor([1., 2., 3.])).sum()"), show("x.take_along_dim(T.tensor([[1, 0, 2, 2]]), 0)", "y.sum()"),
    show("T.take_along_dim(x, x.argmax(0, keepdim=True), 0)", "y.sum()"),
    'x = T.ones(3, 4); x.take_along_dim(T.tensor([[0]]), 5)', 'x = T.ones(3, 4); x.take_along_dim(T.tensor([[0.]]), 1)', 'x = T.ones(3, 4); x.take_along_dim(T.tensor([0]), 1)',
    # ---- inverse hyperbolic functions, erfinv, erfc, logit
    show("x.asinh()"), show("T.arcsinh(x)"), show("(x.abs() + 1).acosh()"), show("T.arccosh(x.abs() + 1.5)"),
    show("(x * 0.1).atanh()"), show("T.arctanh(x / 7)"), show("x.erfc()"), show("T.erfc(x * 2)"),
    show("(x * 0.15).erfinv()"), show("T.erfinv(x / 7)"), show("p.logit()", "y.sum()", P), show("T.logit(p, eps=0.2)", "y.sum()", P),
    show("p.logit(1e-6)", "y.sum()", P), show("(p.abs() * 0.9).logit()", "y.sum()", P),
    'print(T.atanh(T.tensor([1, 2])), T.asinh(T.tensor([0, 1])), T.acosh(T.tensor([1., 0.5])))',
    'print(T.erfinv(T.tensor([1., -1., 0.5, 2., 0., -0.999, 0.9999])), T.erfc(T.tensor([-3., 0., 5., 10., 27.])))',
    'x = T.tensor([[0.3, -0.2], [0.1, 0.9]]); x.atanh_(); print(x); x.asinh_(); print(x); x.erfc_(); print(x); x.erfinv_(); print(x); x.arctanh_(); print(x)',
    'x = T.tensor([1.5, 2.]); x.acosh_(); print(x); x.arccosh_(); print(x); x.arcsinh_(); print(x)',
    'x = T.tensor([0.2, 0.5, 1.5]); x.logit_(); print(x); y = T.tensor([0.2, 0.95]); y.logit_(0.1); print(y)',
    X + 'y = x * 0.1; y.atanh_(); print(y.grad_fn); y.sum().backward(); print(x.grad)',
    'x = T.tensor([0.5], dtype=T.float64, requires_grad=True); y = x.erfinv(); g, = T.autograd.grad(y, x, create_graph=True); g.backward(); print(y, g, x.grad)',
    # ---- gcd / lcm
    'print(T.gcd(T.tensor([4, 6, 0, -8]), T.tensor([6, 9, 5, 12])), T.lcm(T.tensor([4, 6, 0, -8]), T.tensor([6, 9, 5, 12])))',
    'print(T.tensor([[4], [6]]).gcd(T.tensor([6, 9])), T.tensor([3, 4]).lcm(T.tensor(6)))',
    'x = T.tensor([4, 6]); x.gcd_(T.tensor([6])); print(x); x.lcm_(T.tensor([5, 4])); print(x)',
    'T.gcd(T.ones(2), T.ones(2))', 'T.gcd(T.tensor([4]), 6)', 'T.lcm(T.tensor([4]), T.ones(1))',
    # ---- nanmean / quantile / nanquantile
    'x = T.tensor([[1., float("nan"), 3.], [float("nan"), float("nan"), 2.]], requires_grad=True); y = x.nanmean(); print(y, y.grad_fn); y.backward(); print(x.grad)',
    'x = T.tensor([[1., float("nan"), 3.], [float("nan"), float("nan"), 2.]], requires_grad=True); y = T.nanmean(x, 1); print(y); y.sum().backward(); print(x.grad); print(x.nanmean(0, keepdim=True), x.nanmean(dim=(0, 1)))',
    'T.nanmean(T.tensor([1, 2]))',
    show("x.quantile(0.3)", "y"), show("T.quantile(x, 0.5, dim=1)", "y.sum()"), show("x.quantile(0.25, 0, keepdim=True)", "(y * T.arange(4.)).sum()"),
    show("x.quantile(T.tensor([0.1, 0.5, 0.9]), dim=1)", "(y * T.arange(9.).reshape(3, 3)).sum()"),
    show("x.quantile(T.tensor([0.2, 0.8]))", "(y * T.tensor([1., 2.])).sum()"), show("x.quantile(T.tensor([0.2, 0.8]), 0, True)", "y.sum()"),
    *[show(f"x.quantile(0.4, dim=1, interpolation='{m}')", "(y * T.tensor([1., 2., 3.])).sum()") for m in ("linear", "lower", "higher", "midpoint", "nearest")],
    *[f"print(T.arange(10.).quantile(T.tensor([0.05, 0.25, 0.5, 0.55, 0.95]), interpolation='{m}'))" for m in ("linear", "lower", "higher", "midpoint", "nearest")],
    'x = T.tensor([[1., float("nan"), 3., 4.], [2., 5., float("nan"), float("nan")], [float("nan")] * 4], requires_grad=True); y = x.nanquantile(0.5, dim=1); print(y, y.grad_fn); y.nansum().backward(); print(x.grad); print(x.quantile(0.5, dim=1), T.nanquantile(x, T.tensor([0.25, 0.75]), 1))',
    'x = T.tensor([1., float("nan"), 3.]); print(x.quantile(0.5), x.nanquantile(0.5), x.nanquantile(1.))',
    'x = T.ones(3, 4); T.quantile(x, 2.)', 'x = T.ones(3, 4); T.quantile(x, T.tensor([0.5]).double())', 'x = T.ones(3, 4); T.quantile(x.long(), 0.5)',
    'x = T.ones(3, 4); T.quantile(x, 0.5, interpolation="foo")', 'T.quantile(T.ones(0), 0.5)', 'T.ones(3).nanquantile(T.tensor([0.5, 1.5]))',
    # ---- diff / trapezoid
    show("x.diff()"), show("T.diff(x, dim=0)"), show("x.diff(n=2)"), show("x.diff(1, 0, prepend=T.zeros(1, 4))"), show("T.diff(x, 2, 1, T.ones(3, 1), T.ones(3, 2))"),
    'print(T.diff(T.tensor([True, False, False])), T.diff(T.tensor([1, 4, 9, 16]), 2), T.diff(T.tensor([1., 2.]), 3))', 'T.diff(T.tensor(1.))',
    show("T.trapezoid(x)", "y.sum()"), show("T.trapezoid(x, dx=2.)", "y.sum()"), show("T.trapezoid(x, dim=0)", "(y * T.arange(4.)).sum()"),
    show("T.trapezoid(x, T.tensor([0., 1., 3., 3.5]))", "y.sum()"), show("T.trapezoid(x, T.tensor([[0.], [1.], [3.]]).expand(3, 4), dim=0)", "y.sum()"),
    'print(T.trapezoid(T.tensor([1, 2, 4])), T.trapezoid(T.tensor([1., 2., 4.]), T.tensor([1, 2, 5])), T.trapezoid(T.ones(2, 0)))',
    # ---- searchsorted / bucketize / bincount / histc
    'print(T.searchsorted(T.tensor([1, 3, 5, 7]), T.tensor([[0, 3, 6], [7, 8, 5]])), T.searchsorted(T.tensor([1, 3, 5, 7]), T.tensor([3, 5]), right=True))',
    'print(T.searchsorted(T.tensor([1., 3, 5]), 3), T.searchsorted(T.tensor([[1, 3, 5], [2, 4, 6]]), T.tensor([[3], [3]]), side="right"))',
    'print(T.searchsorted(T.tensor([1, 3, 5]), T.tensor([3]), out_int32=True), T.searchsorted(T.tensor([5, 1, 3]), T.tensor([2, 4]), sorter=T.tensor([1, 2, 0])))',
    'T.searchsorted(T.tensor([[1, 3, 5], [2, 4, 6]]), T.tensor([3]))',
    'print(T.bucketize(T.tensor([3, 6, 0]), T.tensor([1, 3, 5])), T.bucketize(T.tensor([[3., 6.]]), T.tensor([1., 3., 5.]), right=True), T.bucketize(2, T.tensor([1, 3, 5])))',
    'print(T.tensor([1, 1, 3]).bincount(), T.bincount(T.tensor([1, 1, 3]), weights=T.tensor([1., 2., 3.])), T.bincount(T.tensor([1, 1, 3]), weights=T.tensor([1, 2, 3])), T.bincount(T.tensor([1, 1, 3]), minlength=6), T.bincount(T.tensor([], dtype=T.long)))',
    'T.bincount(T.tensor([-1]))', 'T.bincount(T.tensor([1.]))', 'T.bincount(T.ones(2, 2, dtype=T.long))',
    'print(T.histc(T.tensor([1., 2., 1.]), bins=4, min=0, max=3), T.histc(T.tensor([1, 2, 1.]), bins=3), T.tensor([0., 5., 10., 11., -1.]).histc(5, 0, 10))',
    X + 'print(x.histc(4), T.histc(x, bins=3, min=-1, max=1))', 'T.histc(T.tensor([1, 2]))',
    # ---- count_nonzero, flatten, unflatten (already there)
    X + 'print(x.count_nonzero(), T.count_nonzero(x > 1, dim=0), x.count_nonzero((0, 1)))',
    show("x.flatten()", "(y * T.arange(12.)).sum()"), show("T.flatten(x, 0, -1)", "y.sum()"), show("x.unflatten(1, (2, 2))", "(y * T.arange(12.).reshape(3, 2, 2)).sum()"),
    # ---- rot90 / fliplr / flipud
    show("x.rot90()"), show("T.rot90(x, 2)"), show("x.rot90(-1, [1, 0])", "(y * T.arange(12.).reshape(4, 3)).sum()"), show("x.rot90(3, (0, 1))", "(y * T.arange(12.).reshape(4, 3)).sum()"),
    'x = T.arange(24.).reshape(2, 3, 4).requires_grad_(); y = x.rot90(1, [0, 2]); print(y.shape, y[1], y.grad_fn); (y * T.arange(24.).reshape(y.shape)).sum().backward(); print(x.grad)',
    'x = T.ones(3, 4); x.rot90(1, [0])', 'x = T.ones(3, 4); x.rot90(1, [0, 0])', 'T.ones(3).rot90()', 'x = T.ones(3, 4); x.rot90(1, [0, 5])',
    show("x.fliplr()"), show("T.flipud(x)"), 'T.ones(3).fliplr()', 'T.tensor(1.).flipud()', 'print(T.tensor([1, 2, 3]).flipud())',
    # ---- tensor_split / hsplit / vsplit / dsplit
    X + 'ps = x.tensor_split(2); print(ps, [p.grad_fn for p in ps]); (ps[0] * 2).sum().backward(); print(x.grad)',
    X + 'ps = T.tensor_split(x, 3, dim=1); print(ps); ps[2].sum().backward(); print(x.grad)',
    X + 'print(x.tensor_split([1, 3], 1), x.tensor_split(T.tensor([1, 2]), 1), x.tensor_split(T.tensor(2), 1), x.tensor_split([3, 1]), x.tensor_split(5))',
    'x = T.ones(3, 4); x.tensor_split(0)', 'x = T.ones(3, 4); x.tensor_split(1.5)',
    X + 'print(x.hsplit(2), T.vsplit(x, [1]), x.hsplit([1]), T.ones(5).hsplit(5))',
    'x = T.arange(24.).reshape(2, 3, 4); print(x.dsplit(2), T.dsplit(x, [1, 3]))',
    'x = T.ones(3, 4); x.hsplit(3)', 'T.ones(3).vsplit(1)', 'x = T.ones(3, 4); x.dsplit(1)',
    # ---- block_diag / cartesian_prod / combinations / triangle indices
    X + 'v = T.tensor([7., 8.], requires_grad=True); y = T.block_diag(x, v, T.tensor(5.)); print(y, y.grad_fn); (y * T.arange(30.).reshape(5, 6)).sum().backward(); print(x.grad, v.grad)',
    'print(T.block_diag(T.tensor(1.), T.tensor([1, 2]), T.ones(2, 2).double()), T.block_diag(T.tensor([[1, 2]]), T.tensor([[3], [4]])))',
    'T.block_diag(T.ones(1, 1, 1))', 'print(T.block_diag())',
    'a = T.tensor([1., 2.], requires_grad=True); b = T.tensor([3., 4., 5.], requires_grad=True); y = T.cartesian_prod(a, b); print(y, y.grad_fn); (y * T.arange(12.).reshape(6, 2)).sum().backward(); print(a.grad, b.grad)',
    'print(T.cartesian_prod(T.tensor([1, 2]), T.tensor([3, 4]), T.tensor([5])), T.cartesian_prod(T.tensor([1, 2])))',
    'T.cartesian_prod(T.tensor([1, 2]), T.tensor([3., 4.]))', 'T.cartesian_prod(T.ones(2, 2))',
    'a = T.tensor([1., 2., 3., 4.], requires_grad=True); y = T.combinations(a); print(y, y.grad_fn); (y * T.arange(12.).reshape(6, 2)).sum().backward(); print(a.grad)',
    'a = T.tensor([1., 2., 3.], requires_grad=True); y = T.combinations(a, 3, with_replacement=True); print(y); y.sum().backward(); print(a.grad)',
    'print(T.combinations(T.tensor([1, 2, 3]), 0), T.combinations(T.tensor([1, 2, 3]), 4), T.combinations(T.tensor([1, 2, 3]), 1), T.combinations(T.tensor([5, 6]), with_replacement=True))',
    'T.combinations(T.ones(3, 4))', 'T.combinations(T.tensor([1, 2]), -1)',
    'print(T.triu_indices(3, 3), T.triu_indices(3, 3, -1), T.tril_indices(3, 4, 1), T.tril_indices(2, 4, dtype=T.int32), T.triu_indices(4, 2, 1), T.tril_indices(0, 3))',
    'T.triu_indices(-1, 3)', 'T.tril_indices(3, -2)',
    # ---- logdet / slogdet
    A + 'y = T.logdet(a); print(y, y.grad_fn); y.backward(); print(a.grad)',
    A + 'y = a.slogdet(); print(y, y.logabsdet.grad_fn); y.logabsdet.backward(); print(a.grad)',
    A + 'y = T.linalg.slogdet(-a); print(y); (y[1] * 2).backward(); print(a.grad)',
    A + 'print(T.logdet(-a), T.logdet(T.tensor([[1., 2.], [2., 4.]])), T.slogdet(T.eye(2)))',
    'T.logdet(T.ones(2, 3))', 'T.linalg.slogdet(T.ones(3))', 'T.logdet(T.eye(2, dtype=T.long))',
    # ---- linalg.solve / eigh / svd / qr / pinv / matrix_rank / cholesky
    A + 'b = T.tensor([[1., 2.], [0., 1.], [3., -1.]], requires_grad=True); y = T.linalg.solve(a, b); print(y, y.grad_fn); (y * T.arange(6.).reshape(3, 2)).sum().backward(); print(a.grad, b.grad)',
    A + 'b = T.tensor([1., 2., 3.], requires_grad=True); y = T.linalg.solve(a, b); print(y); (y * T.tensor([1., -1., 2.])).sum().backward(); print(a.grad, b.grad)',
    A + 'b = T.tensor([[1., 2., 3.]], requires_grad=True); y = T.linalg.solve(a, b, left=False); print(y); y.sum().backward(); print(a.grad, b.grad)',
    D + 'T.linalg.solve(T.tensor([[1., 2.], [2., 4.]]), T.ones(2))', D + 'T.linalg.solve(T.ones(2, 3), T.ones(2))', D + 'T.linalg.solve(T.eye(2), T.ones(3))', D + 'T.linalg.solve(T.eye(2).float(), T.ones(2))',
    A + 'L, V = T.linalg.eigh(a); print(L, L.grad_fn, V.abs()); (L * T.tensor([1., 2., 3.])).sum().backward(); print(a.grad)',
    A + 'L, V = T.linalg.eigh(a); ((V * V[0:1].sign()) * T.arange(9.).reshape(3, 3)).sum().backward(); print(a.grad)',
    A + 'r = T.linalg.eigh(a); print(type(r).__name__, r.eigenvalues, T.linalg.eigvalsh(a))',
    A + 'L, V = T.linalg.eigh(a, UPLO="U"); print(L)', 'T.linalg.eigh(T.ones(2, 3))', 'T.linalg.eigh(T.eye(2).long())',
    R + 'U, S, Vh = T.linalg.svd(r, full_matrices=False); print(U.shape, S, Vh.shape, S.grad_fn); (S * T.tensor([1., 2.])).sum().backward(); print(r.grad)',
    R + 'U, S, Vh = T.linalg.svd(r, full_matrices=False); (U.abs() * T.arange(6.).reshape(3, 2)).sum().backward(); print(r.grad)',
    R + 'U, S, Vh = T.linalg.svd(r.t(), full_matrices=False); ((U @ T.diag(S)).abs().sum() + (Vh.abs() * T.arange(6.).reshape(2, 3)).sum()).backward(); print(r.grad)',
    R + 'U, S, Vh = T.linalg.svd(r); print(U.shape, Vh.shape); (U.abs().sum() + Vh.abs().sum()).backward(); print(r.grad)',
    R + 'y = T.linalg.svdvals(r); print(y, y.grad_fn); y.sum().backward(); print(r.grad)',
    R + 'print(T.linalg.svd(r, full_matrices=False).S)', 'T.linalg.svd(T.ones(3))',
    R + 'Q, Rr = T.linalg.qr(r); print(Q, Rr, Q.grad_fn); (Q * T.arange(6.).reshape(3, 2)).sum().backward(); print(r.grad)',
    R + 'Q, Rr = T.linalg.qr(r); (Rr * T.tensor([[1., 2.], [3., 4.]])).sum().backward(); print(r.grad)',
    R + 'Q, Rr = T.linalg.qr(r.t()); print(Q, Rr); ((Q * T.tensor([[1., 2.], [3., 4.]])).sum() + (Rr * T.arange(6.).reshape(2, 3)).sum()).backward(); print(r.grad)',
    R + 'Q, Rr = T.linalg.qr(r, mode="complete"); print(Q.shape, Rr.shape); (Q[:, :2].sum() + Rr.sum()).backward(); print(r.grad)',
    R + 'print(T.linalg.qr(r, mode="r"))', 'T.linalg.qr(T.ones(3, 2), mode="x")',
    R + 'y = T.linalg.pinv(r); print(y, y.grad_fn); (y * T.arange(6.).reshape(2, 3)).sum().backward(); print(r.grad)',
    A + 'y = T.linalg.pinv(a); print(y); y.sum().backward(); print(a.grad)',
    A + 'print(T.linalg.matrix_rank(a), T.linalg.matrix_rank(T.tensor([[1., 2.], [2., 4.]])), T.linalg.matrix_rank(T.zeros(2, 3)), T.linalg.matrix_rank(a, atol=2.5), T.linalg.matrix_rank(a, rtol=0.5))',
    A + 'L = T.linalg.cholesky(a); print(L, L.grad_fn); (L * T.arange(9.).reshape(3, 3)).sum().backward(); print(a.grad)',
    A + 'U = T.linalg.cholesky(a, upper=True); print(U); (U * T.arange(9.).reshape(3, 3)).sum().backward(); print(a.grad)',
    D + 'T.linalg.cholesky(T.tensor([[1., 2.], [2., 1.]]))', D + 'T.linalg.cholesky(T.tensor([[-1., 2.], [2., 1.]]))', 'T.linalg.cholesky(T.ones(2, 3))',
    # ---- batches of matrices
    D + 'a = T.tensor([[[2., 1.], [1., 3.]], [[4., -1.], [-1., 2.]]], requires_grad=True); y = T.linalg.slogdet(a).logabsdet + T.linalg.eigh(a).eigenvalues.sum(-1) + T.linalg.svdvals(a).sum(-1) + T.linalg.cholesky(a).sum((-2, -1)); print(y); y.sum().backward(); print(a.grad)',
    D + 'a = T.tensor([[[2., 1.], [1., 3.]], [[4., -1.], [-1., 2.]]], requires_grad=True); y = T.linalg.solve(a, T.ones(2, 2, 1)) ; print(y); y.sum().backward(); print(a.grad)',
    # ---- tensor([t, t]) with tensors of more than one element
    'x = T.tensor([1., 2.]); T.tensor([x, x])', 'print(T.tensor([T.tensor([1.]), T.tensor([2.])]), T.tensor([[T.tensor([[1.]])]]), T.tensor([T.tensor([1, 2]).sum(), 3]))', 'T.tensor([T.ones(0)])',
]


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"p{i:03d}" for i in range(len(SNIPPETS))])
def test_same_output_as_pytorch(code: str) -> None:
    import autograd_kit as ak

    try:
        expected = spelled_alike(printed(torch, code))
    finally:
        torch.set_default_dtype(torch.float32)
    try:
        assert spelled_alike(printed(ak, code)) == expected
    finally:
        ak.set_default_dtype(ak.float32)
