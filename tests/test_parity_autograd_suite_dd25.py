"""Scenarios harvested from PyTorch's own autograd tests (test_autograd.py's inference-mode,
allow-mutation-on-saved and gradcheck classes, test/autograd/test_functional.py), run with
the kit and with PyTorch live: what each snippet leaves in ``out`` must agree."""

from __future__ import annotations

import pytest

import autograd_kit as ak
from tests.parity_harness import assert_same

torch = pytest.importorskip("torch")


@pytest.mark.parametrize("setup", [
    "with T.inference_mode(): t = T.ones(2, requires_grad=True)",  # an inference tensor
    "t = T.ones(2, requires_grad=True) * 2",
    "t = T.ones(2, requires_grad=True)",
    "t = T.ones(2, requires_grad=True).clone()[:1]",  # a view: not refused either
])
@pytest.mark.parametrize("inside", [True, False])
def test_detach_in_place_leaves_inference_tensors_and_inference_mode_alone(setup: str,
                                                                          inside: bool) -> None:
    # test_inference_mode_inf_tensor_in_normal_mode_inplace_op's family: detach_ is
    # PyTorch's autograd layer's, which an inference tensor (and inference_mode) skips, so
    # requires_grad and grad_fn stay; the kit cut them
    block = "with T.inference_mode():\n    " if inside else "if True:\n    "
    assert_same(torch, ak, f"""
{setup}
{block}try: out.append(t.detach_() is t)
    except Exception as e: out.append(str(e)[:40])
out.append((t.requires_grad, t.is_leaf, type(t.grad_fn).__name__))
""")


_MUTATION = """
MA = T.autograd.graph.allow_mutation_on_saved_tensors
L = lambda d: len(list(d.items()))
"""


@pytest.mark.parametrize("steps", [
    # test_saved_but_not_anymore
    """a = T.randn(2, 3, requires_grad=True).clone()
    o = (a ** 2).sum(); out.append((L(ctx.tid_to_weakhandle), L(ctx.cloned)))
    o.backward(); a.sin_(); out.append((L(ctx.tid_to_weakhandle), L(ctx.cloned)))
    o = (a ** 2).sum(); a.sin_(); out.append(L(ctx.cloned))
    del o; out.append(L(ctx.cloned))""",
    # test_saved_same_tensor_many_times
    """a = T.randn(2, 3, requires_grad=True).clone()
    b = a ** 2; c = a ** 2; out.append(L(ctx.tid_to_weakhandle)); a.sin_()
    out.append(L(ctx.cloned)); del b, c; out.append(L(ctx.cloned))""",
    # test_saved_same_tensor_different_versions
    """a = T.randn(2, 3, requires_grad=True).clone()
    b = a ** 2; a.sin_(); c = a ** 2; a.sin_(); out.append(L(ctx.cloned))
    del b; out.append(L(ctx.cloned)); del c; out.append(L(ctx.cloned))""",
    # test_with_out_variant
    """a = T.tensor([1.0], requires_grad=True); b = T.tensor([1.0]); c = T.tensor([2.0])
    o = a * b; out.append(L(ctx.tid_to_weakhandle))
    T.sin(c, out=b); out.append(L(ctx.cloned))
    o.backward(); out.append((L(ctx.cloned), a.grad))""",
    # test_save_base_and_modify_view, then a saved view whose base changes
    """a = T.ones(2, 3, requires_grad=True); b = a.clone(); o = b ** 2
    b[:1].mul_(10); out.append((L(ctx.cloned), L(ctx.original)))
    o.sum().backward(); out.append((L(ctx.cloned), a.grad))
    c = b[:]; o = (c ** 2).sum(); b *= 2; out.append(L(ctx.cloned)); o.backward()
    out.append(a.grad)""",
    # what backward unpacks: the saved tensor itself until it changes, then the copy
    """b = T.ones(2, requires_grad=True).clone(); y = b * b
    s = y.grad_fn._saved_self; out.append((s is b, s._version))
    b.mul_(2); s = y.grad_fn._saved_self; out.append((s is b, s._version, s))""",
])
def test_allow_mutation_on_saved_tensors_copies_what_changes(steps: str) -> None:
    # TestAllowMutationOnSaved: the context's handles (one per saved tensor and version,
    # alive with the graph) and its copies (of the saved tensors changed since); the kit
    # counted a copy per saved tensor, kept until the context ended, and had no
    # tid_to_weakhandle
    assert_same(torch, ak, _MUTATION + f"""
with MA() as ctx:
    {steps}
out.append((L(ctx.cloned), L(ctx.tid_to_weakhandle)))
""")


@pytest.mark.parametrize("primal", [
    "T.rand(2)", "T.rand(2, requires_grad=True)", "T.rand(2, requires_grad=True) * 2"])
@pytest.mark.parametrize("made_in_inference_mode", [True, False])
def test_make_dual_under_inference_mode_is_an_alias_without_a_tangent(
        primal: str, made_in_inference_mode: bool) -> None:
    # test_make_dual_inference_tensor_in_inference_mode: _make_dual is PyTorch's autograd
    # layer's, so under inference_mode it gives the primal's alias (a view of a normal
    # tensor) with no tangent and no size check, and unpack_dual finds no tangent; the kit
    # gave a tangent, checked the size, and failed with a TypeError for a primal that
    # requires grad
    assert_same(torch, ak, f"""
fw = T.autograd.forward_ad
T.manual_seed(0)
if {made_in_inference_mode}:
    with T.inference_mode(): p = {primal}
else:
    p = {primal}
with fw.dual_level():
    d0 = fw.make_dual(T.zeros(2), T.ones(2))
    with T.inference_mode():
        d = fw.make_dual(p, T.ones(2))
        out.append((d.requires_grad, d._is_view(), d._base is p, T.is_inference(d),
                    fw.unpack_dual(d).tangent, fw.unpack_dual(d0).tangent))
        out.append(fw.make_dual(p, T.ones(3)).shape)
        u = fw.unpack_dual(d0).primal
        out.append((u._is_view(), u is d0, u.requires_grad))
        e = d * 2
    out.append((fw.unpack_dual(d).tangent, fw.unpack_dual(e).tangent, e.requires_grad))
    d += 1
    out.append(p)
""")


def test_a_dual_of_an_inference_tensor_keeps_its_tangent_to_itself() -> None:
    # test_make_dual_inference_tensor_in_inference_mode's other half: outside inference_mode
    # the dual of an inference tensor is an inference alias with its tangent, which no
    # operation carries on (PyTorch records nothing for inference tensors); the kit refused
    # ('Setting requires_grad=True on inference tensor outside InferenceMode'), and an
    # operation on inference tensors only gave a tangent
    assert_same(torch, ak, """
fw = T.autograd.forward_ad
with T.inference_mode(): p = T.ones(2) * 3
with fw.dual_level():
    d = fw.make_dual(p, T.full((2,), 2.0))
    out.append((T.is_inference(d), d.requires_grad, d._is_view(), fw.unpack_dual(d).tangent))
    out.append(d)
    for e in (d.sin(), d[0], d + d, T.cat([d, d]), d.t(), T.mul(d, p)):
        out.append((fw.unpack_dual(e).tangent, e.requires_grad, T.is_inference(e)))
out.append((d, fw.unpack_dual(d).tangent))
""")


_JACOBIANS = """
import importlib, warnings
G = importlib.import_module(T.__name__ + '.autograd.gradcheck')
a = T.tensor([[0.5, 1.5], [2.0, -1.0]], dtype=T.float64, requires_grad=True)
b = T.tensor([[1.0, 3.0], [0.25, 2.0]], dtype=T.float64, requires_grad=True)
c = T.tensor([1.0, 2.0], dtype=T.float64)
def record(call):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        try: out.append(call())
        except Exception as e: out.append(repr(e))
    out.append([(x.category.__name__, str(x.message)) for x in w])
"""


@pytest.mark.parametrize("call", [
    "G.get_numerical_jacobian(lambda i: (2 * i[0] + i[1], i[0] + 2 * i[1]), (a, b), "
    "target=a, eps=1e-6)",
    "G.get_numerical_jacobian(lambda i: (2 * i[0] + i[1], i[0] + 2 * i[1]), (a, b), eps=1e-6)",
    "G.get_numerical_jacobian(lambda i: i[0] * i[1].sum(), (a, b, 3))",
    "G.get_numerical_jacobian(lambda i: i[0] * 2, (a, b), eps=1e-6, grad_out=2.0)",
    "G.get_analytical_jacobian((a, b), 2 * a + b * a)",
    "G.get_analytical_jacobian((a, c, b), (a * b).sum(0))",
    "G.get_analytical_jacobian((a,), a * 3, grad_out=2.0)",
])
def test_gradchecks_deprecated_jacobians(call: str) -> None:
    # test_gradcheck_get_numerical_jacobian / test_gradcheck_get_analytical_jacobian:
    # PyTorch still exposes both (each call warns FutureWarning); the kit had neither
    assert_same(torch, ak, _JACOBIANS + f"record(lambda: {call})")


def test_get_analytical_jacobian_finds_a_backward_that_is_not_reentrant() -> None:
    # test_gradcheck_get_analytical_jacobian: a backward giving other values each time
    assert_same(torch, ak, _JACOBIANS + """
calls = [0]
class NonDet(T.autograd.Function):
    @staticmethod
    def forward(ctx, x): return x.clone()
    @staticmethod
    def backward(ctx, g):
        calls[0] += 1
        return g * (1 + 1e-6 * calls[0])
jac, reentrant, sizes_ok, types_ok = G.get_analytical_jacobian((a,), NonDet.apply(a))
out.append((reentrant, sizes_ok, types_ok, calls[0]))
out.append(G.get_analytical_jacobian((a,), NonDet.apply(a), nondet_tol=1e-3)[1])
""")


@pytest.mark.parametrize("jvp", [
    "x_t.mul_(2); return x_t",  # as PyTorch wants it
    "return x_t",  # not changed in place
    "return 2 * x_t",  # a new tangent
    "x_t.mul_(2); return x_t.clone()",  # changed, but another tensor returned
    "x_t.mul_(2); return x_t.view_as(x_t)",
    "return None",
])
@pytest.mark.parametrize("dual", ["x"])  # (a dual y: PyTorch gives x a tangent in forward)
def test_an_in_place_custom_function_must_change_the_tangent_in_place(jvp: str,
                                                                     dual: str) -> None:
    # test_custom_function_mark_dirty_not_differentiable / ..._forward_mode_inplace_checks:
    # for an input marked dirty that came with a tangent, the jvp must change that tangent
    # in place and return it as it is (PyTorch's two errors); the kit took any tangent
    assert_same(torch, ak, f"""
fw = T.autograd.forward_ad
class InplaceMul(T.autograd.Function):
    @staticmethod
    def forward(ctx, x, y):
        x.mul_(y); ctx.mark_dirty(x); return x
    @staticmethod
    def backward(ctx, g): return g, None
    @staticmethod
    def jvp(ctx, x_t, y_t):
        {jvp}
x = T.tensor([1.0, 3.0], requires_grad=True).clone(); y = T.tensor([2.0, 2.0])
with fw.dual_level():
    x_t, y_t = T.ones(2), T.ones(2)
    x, y = (fw.make_dual(x, x_t), y) if {dual!r} == 'x' else (x, fw.make_dual(y, y_t))
    d = InplaceMul.apply(x, y)
    out.append((d is x, fw.unpack_dual(d).tangent, fw.unpack_dual(d).tangent is x_t, x_t))
""")


def test_gradcheck_finds_an_in_place_jvp_that_does_not_change_the_tangent() -> None:
    # test_custom_function_forward_mode_inplace_checks
    assert_same(torch, ak, """
class InplaceFn(T.autograd.Function):
    @staticmethod
    def forward(ctx, foo, flag):
        ctx.mark_dirty(foo); ctx.flag = flag; foo.mul_(2); return foo
    @staticmethod
    def vjp(ctx, gO): return 2 * gO, None
    @staticmethod
    def jvp(ctx, gI, _):
        if ctx.flag: return 2 * gI
        gI.mul_(2); return gI
inp = T.rand(4, 4, dtype=T.double, requires_grad=True)
def fn(inp, flag): return InplaceFn.apply(inp.clone(), flag)
out.append(T.autograd.gradcheck(fn, (inp, False), check_forward_ad=True))
try: T.autograd.gradcheck(fn, (inp, True), check_forward_ad=True)
except RuntimeError as e: out.append(str(e))
""")


@pytest.mark.parametrize("flag", ["ok", "not_a_view", "not_a_view_of_inp"])
def test_a_custom_view_functions_jvp_must_give_a_view_of_the_given_tangent(flag: str) -> None:
    # test_custom_function_forward_mode_view_checks: an output that is a view of an input
    # needs a tangent that is a view of that input's tangent; the kit took a view of any
    # tensor (PyTorch's 'same base' case, a view input, is not covered: the kit's tangent of
    # a view is no view)
    assert_same(torch, ak, f"""
class ViewFn(T.autograd.Function):
    @staticmethod
    def forward(ctx, foo, flag):
        ctx.flag = flag; ctx.size = foo.size(); return foo.narrow(0, 0, 2)
    @staticmethod
    def vjp(ctx, gO):
        gI = gO.new_zeros(ctx.size); gI.narrow(0, 0, 2).copy_(gO); return gI, None
    @staticmethod
    def jvp(ctx, gI, _):
        res = gI.narrow(0, 0, 2)
        if ctx.flag != "ok": res = res.clone()
        if ctx.flag == "not_a_view_of_inp": res = res.view_as(res)
        return res
inp = T.rand(4, 4, dtype=T.double, requires_grad=True)
try: out.append(T.autograd.gradcheck(lambda i: ViewFn.apply(i, {flag!r}), inp,
                                     check_forward_ad=True))
except RuntimeError as e: out.append(str(e))
fw = T.autograd.forward_ad
with fw.dual_level():
    t = T.ones(4, 4, dtype=T.double)
    try:
        o = ViewFn.apply(fw.make_dual(T.zeros(4, 4, dtype=T.double), t), {flag!r})
        out.append(fw.unpack_dual(o).tangent._base is t)
    except RuntimeError as e: out.append(str(e))
""")
