"""Scenarios harvested from PyTorch's own autograd tests (test_autograd.py's custom Function,
gradcheck and grad-mode tests, and variations on them), run with the kit and with PyTorch
live: what each snippet leaves in ``out`` must agree."""

from __future__ import annotations

import pytest

import autograd_kit as ak
from tests.parity_harness import assert_same

torch = pytest.importorskip("torch")


_JVP_SEES = """
fw = T.autograd.forward_ad
class F(T.autograd.Function):
    @staticmethod
    def forward(ctx, x, y):
        ctx.set_materialize_grads(MATERIALIZE)
        return x * y
    @staticmethod
    def jvp(ctx, tx, ty):
        out.append((tx, ty))
        return ty if tx is None else tx
    @staticmethod
    def backward(ctx, g):
        return g, g
with fw.dual_level():
    dual = fw.make_dual(T.tensor([3.0]), T.tensor([1.0]))
    for x, y in [(T.tensor([2.0]), dual), (T.tensor([2.0], requires_grad=True), dual),
                 (dual, T.tensor([2])), (dual, 2.0)]:
        out.append(fw.unpack_dual(F.apply(x, y)).tangent)
"""


@pytest.mark.parametrize("materialize", [True, False])
def test_a_custom_jvp_gets_none_for_an_input_without_a_tangent_unless_materialized(
        materialize: bool) -> None:
    # test_gradcheck_forward_ad_respects_requires_grad's family: after
    # ctx.set_materialize_grads(False) a jvp gets None for a tensor input that carries no
    # tangent (zeros otherwise), and an integer tensor input always gets None; the kit gave
    # zeros for every tensor input
    assert_same(torch, ak, _JVP_SEES.replace("MATERIALIZE", str(materialize)))


_JVP_COUNTS = """
count = [0]
class UserFn(T.autograd.Function):
    @staticmethod
    def forward(ctx, x, y):
        return x.clone(), y.clone()
    @staticmethod
    def jvp(ctx, x_t, y_t):
        count[0] += 1
        return x_t, y_t
x = T.rand(1, dtype=T.double, requires_grad=True)
for y in (T.rand(1, dtype=T.double, requires_grad=True), T.rand(1, dtype=T.double)):
    for undefined in (False, True):
        count[0] = 0
        out.append(T.autograd.gradcheck(
            UserFn.apply, (x, y), check_forward_ad=True, check_undefined_grad=undefined,
            check_backward_ad=False, check_batched_grad=False))
        out.append(count[0])
"""

_UNDEFINED_TANGENT_MISMATCH = """
class F(T.autograd.Function):
    @staticmethod
    def forward(ctx, x, y):
        ctx.set_materialize_grads(False)
        return x * 2 + y
    @staticmethod
    def jvp(ctx, tx, ty):  # (wrong: a zero tangent given as zeros adds 1e-3)
        return ty if tx is None else tx * 2 + ty + 1e-3
    @staticmethod
    def backward(ctx, g):
        return 2 * g, g
x = T.tensor([1.0, 2.0], dtype=T.double, requires_grad=True)
y = T.tensor([3.0, 4.0], dtype=T.double, requires_grad=True)
for fast_mode in (False, True):
    try:
        T.autograd.gradcheck(F.apply, (x, y), check_forward_ad=True, fast_mode=fast_mode,
                             atol=1e-2)
    except Exception as e:
        out.append((type(e).__name__, str(e)))
    out.append(T.autograd.gradcheck(F.apply, (x, y), check_forward_ad=True, atol=1e-2,
                                    fast_mode=fast_mode, raise_exception=False))
"""


def test_gradcheck_runs_f_with_each_zero_tangent_given_both_ways() -> None:
    # test_gradcheck_forward_ad_respects_requires_grad: with check_forward_ad and
    # check_undefined_grad, gradcheck runs f twice more per input that requires grad (its
    # tangent zeros, then no tangent at all); the kit ran neither
    assert_same(torch, ak, _JVP_COUNTS)


def test_gradcheck_finds_a_jvp_that_treats_a_zero_tangent_unlike_a_missing_one() -> None:
    # _test_undefined_forward_mode: the two runs' output tangents must agree, or gradcheck
    # raises GradcheckError with PyTorch's arguments (before the backward checks)
    assert_same(torch, ak, _UNDEFINED_TANGENT_MISMATCH)


_GRAPH_EXEC_GROUP = """
import contextlib
for grouped in (True, False):
    calls = [0]
    def fn(x):
        calls[0] += 1
        y = x.sin().cos()
        return y, y.sin().cos()
    x = T.randn(3, 3, requires_grad=True)
    y, z = T.utils.checkpoint.checkpoint(fn, x, use_reentrant=False)
    with T.utils.checkpoint.GraphExecGroup() if grouped else contextlib.nullcontext():
        (gy,) = T.autograd.grad(z, inputs=(y,), grad_outputs=(T.ones(3, 3),))
        (gx,) = T.autograd.grad(y, inputs=(x,), grad_outputs=(gy,))
    out.append(calls[0])
x = T.randn(3, 3, requires_grad=True)
o = T.utils.checkpoint.checkpoint(lambda x: x.sin().cos(), x, use_reentrant=False)
with T.utils.checkpoint.GraphExecGroup() as group:
    o.sum().backward(retain_graph=True)
    for again in (lambda: o.sum().backward(), T.utils.checkpoint.GraphExecGroup().__enter__):
        try:
            again()
        except Exception as e:
            out.append((type(e).__name__, str(e).split(" object at")[0]))
out.append((type(group).__name__, "GraphExecGroup" in T.utils.checkpoint.__all__))
"""


def test_checkpoint_graph_execution_group() -> None:
    # test_checkpoint_graph_execution_group: backward passes under one GraphExecGroup share
    # each checkpoint's recomputation, and refuse to unpack a saved value twice (even with
    # retain_graph=True); groups do not nest. The kit had no GraphExecGroup
    assert_same(torch, ak, _GRAPH_EXEC_GROUP)


def test_a_saved_tensor_cannot_be_made_from_python() -> None:
    # test_saved_tensor_constructor_forbidden_without_flag: autograd.SavedTensor() is
    # PyTorch's RuntimeError (the kit's TypeError named a missing argument)
    assert_same(torch, ak, """
try:
    T.autograd.SavedTensor()
except Exception as e:
    out.append((type(e).__name__, str(e)))
""")
