"""Scenarios harvested from PyTorch's own autograd tests (test/autograd/test_functional.py and
test_autograd.py's forward-mode, inference-mode and mutation-on-saved classes), run with the
kit and with PyTorch live: what each snippet leaves in ``out`` must agree."""

from __future__ import annotations

import pytest

import autograd_kit as ak
from tests.parity_harness import assert_same

torch = pytest.importorskip("torch")


@pytest.mark.parametrize("strategy", ["reverse-mode", "forward-mode"])
def test_jacobian_of_outputs_of_other_dtypes(strategy: str) -> None:
    # test_jacobian_vectorize_correctness_different_dtype: forward mode's Jacobian has each
    # output's dtype (its tangent), reverse mode's the input's
    assert_same(torch, ak, f"""
F = T.autograd.functional
def f(x, y): return (x * y).float(), (x * y).double()
x, y = T.tensor([1., 2., 3.]), T.tensor([3., 4., 5.])
out.append(F.jacobian(f, (x, y), vectorize=True, strategy={strategy!r}))
""")


@pytest.mark.parametrize("f", [
    "(x ** 2).sum()", "T.ones([])", "(3 * x).sum()", "(3 * x).sum() + (x * y[:2]).sum()",
    "x.exp().sum() + y.sum()", "(x * 0).sum()", "x.detach().sum() + y.sum() ** 2",
    "(x @ x) * y.sum()"])
def test_forward_over_reverse_hessian_tracks_the_rows_whose_gradient_has_a_tangent(f: str):
    # test_hessian_vectorize_correctness_unrelated_outputs: a row of the Hessian is one
    # tangent of the gradient, tracked (ReshapeAliasBackward0) only where that gradient
    # depends on an input; a gradient that does not (its input enters linearly) gives rows
    # without history
    assert_same(torch, ak, f"""
F = T.autograd.functional
def f(x, y): return {f}
x, y = T.tensor([1., 2.]), T.tensor([3., 4., 5.])
r = F.hessian(f, (x, y), vectorize=True, outer_jacobian_strategy="forward-mode")
out.append([[(b, type(b.grad_fn).__name__) for b in row] for row in r])
r = F.hessian(lambda x: f(x, y), x, vectorize=True, outer_jacobian_strategy="forward-mode")
out.append((r, type(r.grad_fn).__name__))
""")


@pytest.mark.parametrize("f", ["x ** 2", "(x * y[:2], y.sum())", "(x.exp(), T.ones(2))",
                               "x.detach() * y[:2]"])
def test_forward_mode_jacobian_rows_are_tracked_together(f: str) -> None:
    # the blocks of one output are split from one batched tangent: with x requiring grad
    # the block for y is tracked as x's is
    assert_same(torch, ak, f"""
F = T.autograd.functional
x, y = T.tensor([1., 2.], requires_grad=True), T.tensor([3., 4., 5.])
out.append(F.jacobian(lambda x, y: {f}, (x, y), vectorize=True, strategy="forward-mode"))
""")


@pytest.mark.parametrize("steps", [
    "y = d * 2\nv = d[1:]\nz = y.sum()\nr = d.as_strided((1,), (1,), 1)",
    "y = d.exp()\nv = y[0]\nz = fwAD.unpack_dual(y).primal",
    "b = T.zeros(2)\nb.copy_(d)\nv = b[:1]\ny = b * 2\nz = y.clone()\nz.mul_(3)",
    "y = d.clone()\ny[0] = d[1]\nv = y.view(2, 1)\nz = d.mul_(2)",
    "y = T.nn.functional.softmax(d, 0)\nv = T.nn.Linear(2, 3)(d).sum()\nz = T.stack([d, y])",
    "y = d * 2\nv = y[0]\nz = d * 3",
])
def test_what_a_dual_level_computed_from_plain_tensors_is_plain_after_it(steps: str) -> None:
    # test_default_level / test_basic_packing_unpacking: PyTorch records nothing for duals
    # of tensors that do not require grad: once the level ends, what was computed there
    # does not require grad (the kit's helper history was left on it); a tensor that
    # depends on one that requires grad keeps its history
    assert_same(torch, ak, f"""
fwAD = T.autograd.forward_ad
x = T.tensor([3., 4.])
w = T.tensor([1., 2.], requires_grad=True)
with fwAD.dual_level():
    d = fwAD.make_dual(x, T.ones(2))
{chr(10).join('    ' + line for line in steps.splitlines())}
    u = d * w
    u2 = u.clone()
    u2.mul_(2)
    u3 = y.flatten()[:2] * w
for t in (d, y, v, z):
    out.append((t.shape, t.requires_grad, t.is_leaf, type(t.grad_fn).__name__))
out.append((d, y, z))
out.append((u, u2, type(u.grad_fn).__name__, type(u2.grad_fn).__name__))
(u2.sum() + u3.sum()).backward()
out.append((w.grad, d.grad, type(u3.grad_fn).__name__))
""")


@pytest.mark.parametrize("call", [
    "T.add(bar, bar, out=foo)", "T.add(foo, bar, out=bar)", "T.mul(foo, bar, out=bar)",
    "T.exp(foo, out=bar)", "T.sum(foo, 0, out=s)", "T.cat([foo, bar], out=T.zeros(4))",
    "T.clamp(foo, 0, 1, out=bar)", "T.add(bar, bar, out=bar)", "T.mul(foo, w, out=bar)"])
def test_out_variants_refuse_forward_ad_after_writing(call: str) -> None:
    # test_out_variant: an out= function given a dual (of a plain tensor) writes its result,
    # then raises forward AD's NotImplementedError; one that requires grad is refused first
    # by autograd's error (the kit's duals require grad: it gave autograd's error for all)
    assert_same(torch, ak, f"""
fwAD = T.autograd.forward_ad
w = T.ones(2, requires_grad=True)
s = T.tensor(0.)
with fwAD.dual_level():
    foo = fwAD.make_dual(T.tensor([1., 2.]), T.tensor([3., 4.]))
    bar = T.tensor([5., 6.])
    try:
        {call}
        out.append('no error')
    except Exception as e:
        out.append((type(e).__name__, str(e)))
    out.append((fwAD.unpack_dual(foo), bar, s, bar._version))
""")


@pytest.mark.parametrize("op", ["T.logcumsumexp(d, 0)", "T.logcumsumexp(d, 1).exp()",
                                "T.cumprod(d, 0)", "d.prod()", "T.logsumexp(d, 0)"])
def test_forward_ad_of_rules_singular_at_a_zero_gradient(op: str) -> None:
    # test_autograd's forward AD checks (gradcheck(check_forward_ad=True)): logcumsumexp's
    # tangent is finite; the kit found tangents with a dummy zero cotangent, where the
    # backward rule (log|grad|) is singular, and answered NaN
    assert_same(torch, ak, f"""
fwAD = T.autograd.forward_ad
x = T.tensor([[0.3, 0.6, 0.2], [0.4, 0.5, 0.9], [0.1, 0.7, 0.8]], dtype=T.double)
v = T.tensor([[0.1, -0.2, 0.3], [0.2, 0.1, -0.1], [0.3, 0.2, 0.1]], dtype=T.double)
with fwAD.dual_level():
    d = fwAD.make_dual(x, v)
    out.append(fwAD.unpack_dual({op}).tangent.isnan().any())
    out.append(T.allclose(fwAD.unpack_dual({op}).tangent,
                          T.func.jvp(lambda d: {op}, (x,), (v,))[1]))
out.append(T.func.jvp(lambda d: {op}, (x,), (v,))[1].isnan().any())
""")


@pytest.mark.parametrize("backward", [False, True])
def test_custom_jvp_may_delete_what_forward_kept_on_ctx(backward: bool) -> None:
    # PyTorch's forward-mode AD tutorial: forward keeps its result on ctx, jvp reads it and
    # deletes it (``del ctx.result``); the kit's jvp ctx refused the deletion
    extra = ("\n    @staticmethod\n    def backward(ctx, g):\n        return g"
             if backward else "")
    assert_same(torch, ak, f"""
fwAD = T.autograd.forward_ad
class Fn(T.autograd.Function):
    @staticmethod
    def forward(ctx, foo):
        result = T.exp(foo)
        ctx.result = result
        return result
    @staticmethod
    def jvp(ctx, gI):
        gO = gI * ctx.result
        del ctx.result
        return gO{extra}
primal = T.tensor([[0.1, 0.2], [0.3, 0.4]], dtype=T.double, requires_grad=True)
tangent = T.tensor([[1., 2.], [3., 4.]], dtype=T.double)
with fwAD.dual_level():
    do = Fn.apply(fwAD.make_dual(primal, tangent))
    jvp = fwAD.unpack_dual(do).tangent
    out.append((do, jvp.detach(), hasattr(do.grad_fn, 'result')))
out.append(T.autograd.gradcheck(Fn.apply, (primal,), check_forward_ad=True,
                                check_backward_ad=False, check_undefined_grad=False,
                                check_batched_grad=False))
""")


@pytest.mark.parametrize("f", ["(a * 2, b.sum() * a, T.ones(2))", "a * 2", "(a * 2, T.ones(2))",
                               "a.sum() * a", "(a * 2, a * a)"])
@pytest.mark.parametrize("x_requires_grad", [False, True])
def test_vectorized_jacobian_under_create_graph_tracks_an_inputs_blocks_together(
        f: str, x_requires_grad: bool) -> None:
    # test_jacobian_create_graph (vectorize=True): PyTorch finds each input's gradients for
    # all the outputs' elements as one batched tensor and splits it by output, so when any
    # block of an input has history, all of them do (ViewBackward0 of SplitWithSizes)
    assert_same(torch, ak, f"""
F = T.autograd.functional
x = T.tensor([1., 2.], requires_grad={x_requires_grad})
y = T.tensor([3., 4., 5.])
for vec in (False, True):
    r = F.jacobian(lambda a, b: {f}, (x, y), create_graph=True, vectorize=vec)
    r = r if isinstance(r[0], tuple) else (r,)
    out.append([[(t, t.requires_grad, type(t.grad_fn).__name__,
                  [type(n).__name__ for n, _ in t.grad_fn.next_functions] if t.grad_fn else None)
                 for t in row] for row in r])
""")


def test_forward_mode_jacobian_refuses_a_list_naming_no_function() -> None:
    # PyTorch's forward-mode Jacobian checks f's outputs without naming jacobian
    assert_same(torch, ak, """
F = T.autograd.functional
x = T.tensor([1., 2.])
for s in ("reverse-mode", "forward-mode"):
    try:
        F.jacobian(lambda a, b: [a, b], (x, x), vectorize=True, strategy=s)
    except TypeError as e:
        out.append(str(e))
""")


@pytest.mark.parametrize("call", [
    "T.cdist(d, d)", "T.igamma(d, d)", "T.igammac(T.ones(3, 3), d)", "T.special.zeta(d + 1.5, d)",
    "T.cholesky(d @ d.T + T.eye(3))", "F.pdist(d)",
    "F.embedding_bag(T.tensor([0, 2, 1]), d, T.tensor([0, 1]))",
    "F.multi_margin_loss(d, T.tensor([0, 2, 1]))",
    "F.multilabel_margin_loss(d, T.tensor([[0, 2, -1]] * 3))",
    "F.ctc_loss(d.log_softmax(1)[:, None], T.tensor([[1]]), (3,), (1,))",
    "F.grid_sample(d[None, None], d[None, :2, :2, None].expand(1, 2, 2, 2) - 0.5, "
    "align_corners=False)",
    "T.nn.TransformerEncoderLayer(3, 1, 4, dropout=0.0, batch_first=True)(d[None])",
    "T.cdist(T.ones(3, 3), T.ones(3, 3)) + d", "T.igamma(T.ones(3, 3), T.ones(3, 3)) * d",
    "T.unique(d)", "T.unique(d, dim=0)", "T.unique_consecutive(d)",
    "d.unique(return_counts=True)[0]", "T.unique_consecutive(d, dim=0)",
])
def test_operations_without_a_forward_formula_refuse_a_tangent_as_pytorch(call: str) -> None:
    # test_not_implemented_fwad: an operation PyTorch has no forward-mode formula for raises
    # its NotImplementedError as it runs on a dual; the kit's double-vjp trick answered a
    # tangent (cdist, grid_sample, margin losses, cholesky) or failed later with a backward
    # error (igamma, zeta, pdist, embedding_bag, ctc_loss, fused attention)
    assert_same(torch, ak, f"""
fwAD = T.autograd.forward_ad
F = T.nn.functional
T.manual_seed(0)
x = T.tensor([[0.3, 0.6, 0.2], [0.4, 0.5, 0.9], [0.1, 0.7, 0.8]])
with fwAD.dual_level():
    d = fwAD.make_dual(x, T.full((3, 3), 0.1))
    try:
        r = {call}
        out.append(('no error', fwAD.unpack_dual(r).tangent is None))
    except NotImplementedError as e:
        out.append(str(e))
""")


def test_a_custom_jvp_returning_a_view_of_the_tangent_keeps_it_a_view() -> None:
    # test_custom_function_forward_mode_forward_is_no_op: forward returns an input as-is and
    # jvp returns x_t.view_as(x_t); the output's tangent is that view of the input's tangent
    # (the kit kept a detached copy of it, no longer a view)
    assert_same(torch, ak, """
fwAD = T.autograd.forward_ad
class MyFn(T.autograd.Function):
    @staticmethod
    def forward(ctx, x, y):
        return x + y, x
    @staticmethod
    def backward(ctx, gO1, gO2):
        return gO1 + gO2, gO1
    @staticmethod
    def jvp(ctx, x_t, y_t):
        return x_t + y_t, x_t.view_as(x_t)
a = T.tensor(1.0, dtype=T.double, requires_grad=True)
b = T.tensor(1.0, dtype=T.double, requires_grad=True)
t = T.tensor(2.0, dtype=T.double)
with fwAD.dual_level():
    o1, o2 = MyFn.apply(fwAD.make_dual(a, t), b)
    tangent = fwAD.unpack_dual(o2).tangent
    out.append((tangent, tangent._base is t, tangent._is_view(), fwAD.unpack_dual(o1).tangent))
    t.mul_(3)
    out.append(fwAD.unpack_dual(o2).tangent)
out.append(T.autograd.gradcheck(MyFn.apply, (a, b), check_forward_ad=True))
""")


def test_hardsigmoid_has_a_tangent_though_no_double_backward() -> None:
    # PyTorch gives hardsigmoid a forward-mode formula but no double backward; the kit's
    # forward AD goes through a double backward, and raised hardsigmoid_backward's error
    assert_same(torch, ak, """
fwAD = T.autograd.forward_ad
F = T.nn.functional
x = T.tensor([-4., -1.5, 0.5, 2.9, 3.], dtype=T.double, requires_grad=True)
with fwAD.dual_level():
    d = fwAD.make_dual(x.detach(), T.tensor([1., 2., 3., 4., 5.], dtype=T.double))
    out.append(fwAD.unpack_dual(F.hardsigmoid(d).pow(2)).tangent)
    out.append(fwAD.unpack_dual(T.nn.Hardsigmoid()(d)).tangent)
out.append(T.func.jvp(F.hardsigmoid, (x.detach(),), (T.ones(5, dtype=T.double),)))
out.append(T.autograd.gradcheck(F.hardsigmoid, (x,), check_forward_ad=True))
g, = T.autograd.grad(F.hardsigmoid(x).sum(), x, create_graph=True)
out.append(type(g.grad_fn).__name__)
try:
    T.autograd.grad(g.sum(), x)
except RuntimeError as e:
    out.append(str(e))
""")
