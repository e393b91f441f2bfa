"""The namespace additions compared with PyTorch's printed output (skipped without PyTorch):
in-place function forms, aliases and constants, global settings, torch.special,
torch.linalg's additions, torch.testing, torch.backends and torch.cuda without a GPU.
"""

# ruff: noqa: E501

from __future__ import annotations

import pytest

from tests.test_torch_scenarios import printed, spelled_alike

torch = pytest.importorskip("torch")
import autograd_kit as ak  # noqa: E402

SNIPPETS = [
    # ---- in-place function forms, aliases, constants
    'x = T.tensor([-1., 0.5, 2.]); print(T.relu_(x), x, T.sigmoid_(T.tensor([0.])), T.exp_(T.tensor([0., 1.])), T.tanh_(T.tensor([0.])))',
    'x = T.tensor([1., 2.]); print(T.zero_(x), T.fill_(x, 3.), T.clamp_(T.tensor([-2., 0., 5.]), -1, 1), T.abs_(T.tensor([-1.])), T.neg_(T.tensor([1.])))',
    'x = T.tensor([1., 2.], requires_grad=True); T.relu_(x)',
    'x = T.tensor([1., 2.], requires_grad=True); y = x * 1; T.sigmoid_(y); print(y, y.grad_fn); y.sum().backward(); print(x.grad)',
    'T.relu_(3)',
    'x = T.tensor([0.5]); print(T.arccos(x), T.arcsin(x), T.arctan(x), T.arccos_(x.clone()), x.arcsin(), x.arctan_())',
    'print(T.pi, T.e, T.inf, T.nan, T.newaxis)',
    'x = T.tensor([1.5, -2.7]); y = x.clone(); print(T.fix_(y), y, T.trunc_(x.clone()), T.round_(T.tensor([0.5, 1.5])), T.floor_(x.clone()), T.ceil_(x.clone()))',
    'x = T.ones(2, requires_grad=True); y = x.detach(); T.detach_(y); print(y.requires_grad)',
    # ---- settings
    'T.set_num_threads(3); print(T.get_num_threads()); T.set_num_interop_threads(2) if False else None',
    'T.set_num_threads(0)',
    'T.set_num_threads(2.5)',
    'print(T.are_deterministic_algorithms_enabled(), T.is_deterministic_algorithms_warn_only_enabled()); T.use_deterministic_algorithms(True, warn_only=True); print(T.are_deterministic_algorithms_enabled(), T.is_deterministic_algorithms_warn_only_enabled(), T.get_deterministic_debug_mode()); T.use_deterministic_algorithms(False); print(T.get_deterministic_debug_mode())',
    'T.use_deterministic_algorithms(1)',
    'T.set_deterministic_debug_mode("x")',
    'T.set_deterministic_debug_mode(3)',
    'T.set_deterministic_debug_mode("error"); print(T.are_deterministic_algorithms_enabled()); T.set_deterministic_debug_mode(0); print(T.are_deterministic_algorithms_enabled())',
    'print(T.get_float32_matmul_precision()); T.set_float32_matmul_precision("high"); print(T.get_float32_matmul_precision()); T.set_float32_matmul_precision("low"); print(T.get_float32_matmul_precision()); T.set_float32_matmul_precision("highest")',
    'print(T.is_warn_always_enabled()); T.set_warn_always(True); print(T.is_warn_always_enabled()); T.set_warn_always(False)',
    # ---- top-level functions
    'x = T.ones(2, 3); print(T.get_device(x), x.get_device())',
    'print(T.dstack([T.ones(2), T.zeros(2)]), T.dstack([T.ones(2, 2), T.zeros(2, 2)]).shape, T.dstack((T.tensor(1.), T.tensor(2.))).shape)',
    'v = T.tensor([1., 2., 3.], requires_grad=True); y = T.vdot(v, v * 2); print(y, y.grad_fn); y.backward(); print(v.grad, v.vdot(v))',
    'T.vdot(T.ones(2, 2), T.ones(2, 2))',
    'v = T.tensor([1., 2., 3.], requires_grad=True); a = T.arange(6.).reshape(2, 3); y = T.inner(a, v); print(y, y.grad_fn); y.sum().backward(); print(v.grad, T.inner(v, T.tensor(2.)), a.inner(a))',
    'T.inner(T.ones(2, 3), T.ones(2))',
    'a = T.tensor([[2., 1.], [1., 3.]], requires_grad=True); print(T.det(a), T.inverse(a), a.det(), a.inverse().grad_fn, T.pinverse(a).grad_fn)',
    'a = T.tensor([[2., 1.], [1., 3.]], requires_grad=True); y = T.matrix_power(a, 3); print(y, y.grad_fn, y.grad_fn.next_functions); y.sum().backward(); print(a.grad)',
    'a = T.tensor([[2., 1.], [1., 3.]], requires_grad=True); print(T.matrix_power(a, 0), T.matrix_power(a, -1), T.matrix_power(a, 1).grad_fn, a.matrix_power(5), T.matrix_power(a, -2).grad_fn)',
    'T.matrix_power(T.ones(2, 3), 2)',
    'print(T.matrix_power(T.tensor([[1, 1], [1, 0]]), 10))',
    'a = T.tensor([[0.5, 1.], [0.3, 0.25]], requires_grad=True); y = T.matrix_exp(a); print(y, y.grad_fn); y.sum().backward(); print(a.grad)',
    'a = T.tensor([[1., 2.], [3., 4.]], dtype=T.float64, requires_grad=True); y = T.linalg.matrix_exp(a); (y * T.tensor([[1., 0.], [2., 1.]])).sum().backward(); print(y, a.grad)',
    'T.linalg.matrix_exp(T.ones(2, 3))',
    'T.linalg.matrix_exp(T.ones(2, 2, dtype=T.long))',
    'a = T.tensor([[3., 1.], [1., 2.]]); u, s, v = T.svd(a); print(s, (u @ T.diag(s) @ v.T - a).abs().max() < 1e-5, T.svd(a, compute_uv=False).U)',
    'a = T.tensor([[3., 1.], [1., 2.]], requires_grad=True); q, r = T.qr(a); print(q, r, r.grad_fn)',
    'a = T.tensor([[4., 2.], [2., 3.]], requires_grad=True); l = T.cholesky(a); print(l, l.grad_fn); l.sum().backward(); print(a.grad)',
    'print(T.asarray([1, 2]), T.asarray([1., 2.], dtype=T.float64), T.asarray(3.)); x = T.ones(2); print(T.asarray(x) is x, T.asarray(x, copy=True) is x, T.asarray(x, dtype=T.float64).dtype)',
    'x = T.ones(2, requires_grad=True); print(T.conj(x) is x, T.real(x) is x, T.resolve_conj(x) is x, T.resolve_neg(x) is x, T.is_conj(x), T.is_neg(x), x.is_conj())',
    'T.imag(T.ones(2))',
    # ---- special functions (values, gradients, graph)
    'x = T.tensor([0.5, 1., 2.5, 10.], dtype=T.float64, requires_grad=True); y = T.lgamma(x); print(y, y.grad_fn); y.sum().backward(); print(x.grad)',
    'print(T.lgamma(T.tensor([1, 2])), T.lgamma(T.tensor([0., -1., -1.5, float("inf")])), T.special.gammaln(T.tensor([3.])))',
    'x = T.tensor([0.5, 1., 2.5], dtype=T.float64, requires_grad=True); y = T.digamma(x); print(y, y.grad_fn, T.special.psi(x).grad_fn); y.sum().backward(); print(x.grad)',
    'print(T.digamma(T.tensor([0., -0., -1., -1.5, 1.])))',
    'x = T.tensor([0.5, 1., 2.5], dtype=T.float64, requires_grad=True); y = T.polygamma(2, x); print(y, y.grad_fn); y.sum().backward(); print(x.grad, x.polygamma(1), T.polygamma(0, x))',
    'T.polygamma(-1, T.tensor([1.]))',
    'x = T.tensor([2.5, 3.], requires_grad=True); y = T.mvlgamma(x, 3); print(y, y.grad_fn, T.special.multigammaln(x, 2)); y.sum().backward(); print(x.grad)',
    'T.mvlgamma(T.tensor([3.]), 0)',
    'x = T.tensor([-1., 0., 0.5, 5., 30.], dtype=T.float64, requires_grad=True)\nfor f in (T.i0, T.special.i0, T.special.i0e, T.special.i1, T.special.i1e):\n    y = f(x); g, = T.autograd.grad(y.sum(), x); print(y, g, y.grad_fn)',
    'print(T.i0(T.tensor([0, 1])), T.special.i1(T.tensor([-1., 0., 100.])), T.special.i1e(T.tensor([-1., 0., 100.])))',
    'x = T.tensor([-3., -1., 0., 2.], dtype=T.float64, requires_grad=True); y = T.special.ndtr(x); print(y, y.grad_fn, y.grad_fn.next_functions); y.sum().backward(); print(x.grad)',
    'p = T.tensor([0.001, 0.3, 0.5, 0.9], dtype=T.float64, requires_grad=True); y = T.special.ndtri(p); print(y, y.grad_fn); y.sum().backward(); print(p.grad, T.special.ndtri(T.tensor([0., 1., 2.])))',
    'x = T.tensor([-40., -5., 0., 5.], dtype=T.float64, requires_grad=True); y = T.special.log_ndtr(x); print(y, y.grad_fn); y.sum().backward(); print(x.grad)',
    'x = T.tensor([-2., 0., 1., 30.], dtype=T.float64, requires_grad=True); y = T.special.erfcx(x); print(y, y.grad_fn); y.sum().backward(); print(x.grad)',
    'x = T.tensor([0.5, 1., 2.], requires_grad=True); y = T.special.entr(x); print(y, y.grad_fn); y.sum().backward(); print(x.grad, T.special.entr(T.tensor([-1., 0.])))',
    'x = T.tensor([0., 0.5, 1.5], requires_grad=True); y = T.sinc(x); print(y, y.grad_fn); y.sum().backward(); print(x.grad, T.special.sinc(T.tensor([0, 1, 2])), x.sinc())',
    'x = T.tensor([0., 1., 2.], requires_grad=True); y = T.special.xlog1py(x, T.tensor([-1., 1., 3.])); print(y, y.grad_fn); y.sum().backward(); print(x.grad, T.special.xlog1py(2., T.tensor([1.])).dtype)',
    'x = T.tensor([1., 2.], requires_grad=True); print(T.special.xlog1py(x, 1.).grad_fn, T.special.xlog1py(2., x).grad_fn)',
    'q = T.tensor([1., 2., 0.5], dtype=T.float64, requires_grad=True); y = T.special.zeta(T.tensor([2., 3., 2.], dtype=T.float64), q); print(y, y.grad_fn); y.sum().backward(); print(q.grad)',
    'print(T.special.zeta(T.tensor([2., 1., 0.5, 3.]), T.tensor([1., 1., 1., -1.5])), T.special.zeta(2., T.tensor([1.])), T.special.zeta(T.tensor([2.]), 1.))',
    's = T.tensor([2.], requires_grad=True); y = T.special.zeta(s, T.tensor([1.])); y.backward()',
    'x = T.tensor([180., 90.], requires_grad=True); y = T.deg2rad(x); print(y, y.grad_fn, T.rad2deg(y).grad_fn, T.deg2rad(T.tensor([180])), x.rad2deg()); y.sum().backward(); print(x.grad)',
    'x = T.tensor([0.2, 1.5]); print(T.special.expit(x), T.special.logit(T.tensor([0.2])), T.special.erf(x), T.special.erfc(x), T.special.erfinv(T.tensor([0.5])), T.special.exp2(x), T.special.expm1(x), T.special.log1p(x))',
    'x = T.tensor([[1., 2.], [3., 4.]], requires_grad=True); print(T.special.logsumexp(x, 1), T.special.softmax(x, 0), T.special.log_softmax(x, 1), T.special.round(T.tensor([1.26]), decimals=1), T.special.xlogy(x, x).grad_fn)',
    'x = T.tensor([0.5, 1.5]); y = x.clone(); print(y.lgamma_(), y.digamma_(), T.tensor([1.]).polygamma_(1), T.tensor([2.5]).mvlgamma_(2), T.tensor([1.]).i0_(), T.i0_(T.tensor([1.])), T.sinc_(T.tensor([0.5])), T.deg2rad_(T.tensor([180.])), T.rad2deg_(T.tensor([1.])))',
    # ---- torch.linalg additions
    'a = T.tensor([[2., 1.], [0., 3.]], requires_grad=True); b = T.tensor([[1.], [3.]], requires_grad=True); x = T.linalg.solve_triangular(a, b, upper=True); print(x, x.grad_fn); x.sum().backward(); print(a.grad, b.grad)',
    'a = T.tensor([[2., 0.], [1., 3.]], requires_grad=True); b = T.tensor([[1., 3.]], requires_grad=True); x = T.linalg.solve_triangular(a, b, upper=False, left=False, unitriangular=True); print(x); x.sum().backward(); print(a.grad, b.grad)',
    'T.linalg.solve_triangular(T.eye(3), T.ones(3), upper=True)',
    'T.linalg.solve_triangular(T.ones(2, 3), T.ones(2, 2), upper=True)',
    'T.linalg.solve_triangular(T.eye(3), T.ones(2, 2), upper=True)',
    'a = T.tensor([[1., 0.], [1., 1.], [1., 2.]], requires_grad=True); b = T.tensor([[1.], [2.], [2.]], requires_grad=True); r = T.linalg.lstsq(a, b); print(r.solution, r.solution.grad_fn); r.solution.sum().backward(); print(a.grad, b.grad)',
    'T.linalg.lstsq(T.ones(2, 3), T.ones(3, 2))',
    'a = T.tensor([[2., 1.], [0.5, 3.]], requires_grad=True); c = T.linalg.cond(a); print(c, c.grad_fn); c.backward(); print(a.grad, T.linalg.cond(a, "fro"), T.linalg.cond(a, 1))',
    'T.linalg.cond(T.ones(2, 3), 1)',
    'a = T.tensor([[2., 1.], [1., 3.]], requires_grad=True); e = T.linalg.eigvals(T.tensor([[2., 0.], [0., 3.]])); print(e.shape)',
    'a = T.tensor([[4., 1., 2.], [2., 5., 1.], [1., 2., 6.]], requires_grad=True); p, l, u = T.linalg.lu(a); print(p, l, u, u.grad_fn, p.grad_fn); (l.sum() + u.sum()).backward(); print(a.grad)',
    'a = T.tensor([[1., 2.], [3., 4.]], requires_grad=True); lu, piv = T.linalg.lu_factor(a); print(lu, piv, lu.grad_fn, piv.requires_grad); lu.sum().backward(); print(a.grad)',
    'a = T.tensor([[1., 2.], [3., 4.]], requires_grad=True); b = T.tensor([[1.], [1.]], requires_grad=True); x = T.linalg.lu_solve(*T.linalg.lu_factor(a), b); print(x, x.grad_fn); x.sum().backward(); print(a.grad, b.grad)',
    'print(T.linalg.lu_factor(T.tensor([[1., 2., 3.], [4., 5., 6.]])), T.linalg.lu(T.tensor([[1., 2., 3.], [4., 5., 6.]])))',
    'T.linalg.lu_solve(*T.linalg.lu_factor(T.eye(3)), T.ones(3))',
    'print(T.linalg.inv_ex(T.tensor([[2., 0.], [0., 4.]])), T.linalg.solve_ex(T.tensor([[2., 0.], [0., 4.]]), T.tensor([2., 4.])), T.linalg.cholesky_ex(T.tensor([[4., 2.], [2., 3.]])))',
    'print(T.linalg.inv_ex(T.zeros(2, 2)).info, T.linalg.cholesky_ex(-T.eye(2)).info, T.linalg.inv_ex(T.eye(2, requires_grad=True)).inverse.grad_fn)',
    'T.linalg.inv_ex(T.zeros(2, 2), check_errors=True)',
    'a = T.arange(9.).reshape(3, 3).requires_grad_(); print(T.linalg.diagonal(a), T.linalg.diagonal(a, offset=1), T.linalg.diagonal(a).grad_fn, T.linalg.matmul(a, a).grad_fn)',
    'x = T.tensor([1., 2., 3.], requires_grad=True); v = T.linalg.vander(x); print(v, v.grad_fn); v.sum().backward(); print(x.grad, T.linalg.vander(T.tensor([1, 2, 3]), N=2))',
    'T.linalg.vander(T.tensor([1., 2.]), N=1)',
    'a = T.tensor([[1., 2.], [3., 4.]], requires_grad=True); b = T.tensor([[1., 0.], [1., 1.]], requires_grad=True); c = T.tensor([[2., 1.], [0., 1.]]); y = T.linalg.multi_dot([a, b, c]); print(y, y.grad_fn); y.sum().backward(); print(a.grad, b.grad)',
    'v = T.tensor([1., 2.], requires_grad=True); a = T.tensor([[1., 2.], [3., 4.]]); y = T.linalg.multi_dot([v, a, a, v]); print(y, y.grad_fn); y.backward(); print(v.grad)',
    'T.linalg.multi_dot([T.ones(2, 2)])',
    'T.linalg.multi_dot([T.ones(2, 2, 2), T.ones(2, 2)])',
    'T.linalg.multi_dot([T.ones(2, 3), T.ones(3), T.ones(2, 3)])',
    'T.linalg.multi_dot([T.ones(2, 3), T.ones(2, 3)])',
    'T.linalg.multi_dot([T.ones(2, 3), T.ones(3, 3, dtype=T.float64)])',
    'x = T.tensor([[1., 2.], [3., 4.]], requires_grad=True); y = T.linalg.vecdot(x, x); print(y, y.grad_fn, T.linalg.vecdot(x, x, dim=0), T.linalg.vecdot(x[0], x[1]).grad_fn)',
    'T.linalg.vecdot(T.ones(3), T.ones(3, dtype=T.float64))',
    'a = T.eye(4).reshape(4, 2, 2) * 2; print(T.linalg.tensorinv(a, ind=1).shape, T.linalg.tensorsolve(T.eye(6).reshape(6, 2, 3), T.ones(6)))',
    'T.linalg.tensorinv(T.ones(2, 3), ind=1)',
    'T.linalg.tensorinv(T.eye(2), ind=0)',
    'T.linalg.matrix_power(T.ones(3), 2)',
    # ---- torch.testing
    'T.testing.assert_close(T.tensor([1., 2., 3.]), T.tensor([1., 2.1, 3.]))',
    'T.testing.assert_close(T.tensor([[1., 2.], [3., 4.]]), T.tensor([[1., 2.], [3.5, 4.]]))',
    'T.testing.assert_close(T.tensor(1.), T.tensor(1.1))',
    'T.testing.assert_close(T.tensor([1, 2]), T.tensor([1, 3]))',
    'T.testing.assert_close(T.tensor(1), T.tensor(3))',
    'T.testing.assert_close(T.tensor([1., 2.]), T.tensor([1., 2., 3.]))',
    'T.testing.assert_close(T.tensor([1., 2.]), T.tensor([1., 2.], dtype=T.float64))',
    'T.testing.assert_close(T.tensor([1., float("nan")]), T.tensor([1., float("nan")]))',
    'T.testing.assert_close(T.tensor([1., float("nan")]), T.tensor([1., float("nan")]), equal_nan=True); T.testing.assert_close(1.0, 1.0 + 1e-9); T.testing.assert_close(T.tensor([1., 2.]), T.tensor([1, 2]), check_dtype=False); print("ok")',
    'T.testing.assert_close(1.0, 1.1)',
    'T.testing.assert_close([T.tensor(1.)], [T.tensor(2.)])',
    'T.testing.assert_close({"a": T.tensor(1.)}, {"a": T.tensor(2.)})',
    'T.testing.assert_close(T.tensor([1., 2.]), T.tensor([1., 2.5]), msg="custom")',
    'T.testing.assert_close(T.tensor([0., 2.]), T.tensor([1e-3, 2.]), rtol=0, atol=1e-4)',
    'T.testing.assert_close(T.tensor([1., 2.]), T.tensor([1., 2.]), rtol=1e-3)',
    'T.testing.assert_close(T.tensor([True]), T.tensor([False]))',
    'print(T.testing.make_tensor((2, 3), dtype=T.float32, device="cpu"), T.testing.make_tensor(2, 3, dtype=T.int64, device="cpu", low=0, high=5), T.testing.make_tensor((3,), dtype=T.float32, device="cpu", requires_grad=True), T.testing.make_tensor((2,), dtype=T.bool, device="cpu").dtype)',
    'T.testing.make_tensor((2,), dtype=T.float32)',
    # ---- torch.backends and torch.cuda without a GPU
    'b = T.backends; print(b.cudnn.enabled, b.cudnn.benchmark, b.cudnn.deterministic, b.cudnn.allow_tf32, b.cudnn.is_available(), b.cuda.matmul.allow_tf32, b.mps.is_available(), b.mps.is_built())',
    'T.backends.cudnn.deterministic = True; T.backends.cudnn.benchmark = False; T.backends.cuda.matmul.allow_tf32 = True; print(T.backends.cudnn.deterministic, T.backends.cuda.matmul.allow_tf32); T.backends.cudnn.deterministic = False; T.backends.cuda.matmul.allow_tf32 = False',
    'T.backends.cuda.matmul.foo = 1',
    'c = T.cuda; print(c.manual_seed(0), c.manual_seed_all(1), c.seed(), c.seed_all(), c.empty_cache(), c.memory_allocated(), c.max_memory_allocated(), c.memory_reserved(), c.max_memory_reserved(), c.is_initialized(), c.is_bf16_supported(), c.memory_stats(), c.device_count(), c.is_available())',
    'T.cuda.get_device_name()',
    'T.cuda.get_device_name(0)',
    'T.cuda.synchronize()',
    'T.cuda.current_device()',
    'T.cuda.get_device_capability()',
    'T.cuda.mem_get_info()',
    'T.cuda.initial_seed()',
    'T.cuda.set_device("cpu")',
]


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"n{i:03d}" for i in range(len(SNIPPETS))])
def test_same_output_as_pytorch(code: str) -> None:
    expected = spelled_alike(printed(torch, code))
    assert spelled_alike(printed(ak, code)) == expected


def test_the_comparison_can_fail() -> None:
    """A snippet whose output differs between the libraries is caught."""
    code = "print(T.__name__)"
    assert spelled_alike(printed(ak, code)) != spelled_alike(printed(torch, code))
