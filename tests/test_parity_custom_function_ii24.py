"""Custom autograd.Function (its jvp under forward AD, outputs that share an input's memory,
ctx) and register_multi_grad_hook, compared with PyTorch live."""

import pytest

import autograd_kit as ak
from tests.parity_harness import assert_same

torch = pytest.importorskip("torch")

# forward(ctx, x) returns FORWARD; jvp(ctx, t) returns JVP; what the dual level gives back
_JVP_CODE = """
fw = T.autograd.forward_ad
class Foo(T.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        FORWARD
    @staticmethod
    def backward(ctx, *g):
        return g[0]
    @staticmethod
    def jvp(ctx, t):
        return JVP
with fw.dual_level():
    d = fw.make_dual(T.tensor([1., 2.]), T.tensor([1., 3.]))
    y = Foo.apply(d)
    for v in (y if isinstance(y, tuple) else (y,)):
        out.append(fw.unpack_dual(v) if isinstance(v, T.Tensor) else v)
"""

_MARKED = "i = x * 3\n        ctx.mark_non_differentiable(i)\n        "

JVP_CASES = {
    # a non-tensor output counts among the outputs; its tangent is dropped
    "number_output": ("return x * 2, 5", "t * 2, None"),
    "number_output_tangent_dropped": ("return x * 2, 5", "t * 2, t[:1]"),
    "number_first": ("return 5, x * 3", "None, t * 3"),
    "number_output_too_few": ("return x * 2, 5", "t * 2"),
    "number_output_too_few_of_three": ("return x * 2, 5, x * 3", "t * 2, t * 3"),
    "number_output_number_tangent": ("return x * 2, 5", "t * 2, 7"),
    # a tangent for an output that is not differentiable: refused, before its size
    "marked_wrong_size": (_MARKED + "return x * 2, i", "t * 2, t[:1]"),
    "marked_first": (_MARKED + "return i, x * 2", "t, t[:1]"),
    "marked_none": (_MARKED + "return x * 2, i", "t * 2, None"),
    "integer_output": ("return x.long()", "t"),
    "integer_output_of_two": ("return x.long(), x * 2", "t.long(), t"),
    "integer_output_none": ("return x.long()", "None"),
    # every value's type is checked before their number
    "number_among_too_many": ("return x * 2, x * 3", "t, 3, 4"),
    "numbers_for_one": ("return x * 2", "3, 4"),
    "list": ("return x * 2", "[t]"),
    "too_many": ("return x * 2", "t, None"),
}


@pytest.mark.parametrize("name", JVP_CASES)
def test_jvp_result_checks(name):
    forward, jvp = JVP_CASES[name]
    assert_same(torch, ak, _JVP_CODE.replace("FORWARD", forward).replace("JVP", jvp))


# register_multi_grad_hook (mode "all") over outputs of one node with several outputs: a
# hook runs (with None) for an output its node gives no gradient, and counts as a call
_MULTI_HOOK_CODE = """
class Foo(T.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2, x * 3
    @staticmethod
    def backward(ctx, g, h):
        return g + h
x = T.ones(2, requires_grad=True)
w = T.ones(2, requires_grad=True)
MAKE
T.autograd.graph.register_multi_grad_hook((y, z), lambda gs: out.append(gs))
LOSS.backward()
out.append(x.grad)
"""

MULTI_HOOK_MAKERS = ["y, z = Foo.apply(x)", "y, z = x.mul(2).unbind()", "y, z = (x * 2).split(1)",
                     "y, z = x * 2, w"]


@pytest.mark.parametrize("make", MULTI_HOOK_MAKERS)
@pytest.mark.parametrize("loss", ["y.sum()", "z.sum()", "(y * z).sum()"])
def test_multi_grad_hook_outputs_of_one_node(make, loss):
    assert_same(torch, ak, _MULTI_HOOK_CODE.replace("MAKE", make).replace("LOSS", loss))


@pytest.mark.parametrize("inputs", ["(c, y)", "(a,)", "(c,)", "(b, y)", "(d,)"])
def test_multi_grad_hook_under_grad_refuses_only_captured_leaves(inputs):
    """PyTorch's _will_engine_execute_node refuses a leaf only when autograd.grad captures
    it; leaves it does not reach count as not run."""
    assert_same(torch, ak, f"""
a = T.rand(2, 3, requires_grad=True)
b = T.rand(2, 3, requires_grad=True)
c = a * b
d = a * b
y, z = (a * 1).unbind()
seen = lambda gs: out.append([g is not None for g in gs])
T.autograd.graph.register_multi_grad_hook((a, b, c, d), seen)
T.autograd.graph.register_multi_grad_hook((c, y, z), seen)
try:
    out.append(len(T.autograd.grad(c.sum() + y.sum() + d.sum(), {inputs})))
except RuntimeError as e:
    out.append(str(e))
""")


# A custom Function's output made by RETURN from INPUT (a = leaf requiring grad, b = a * 1),
# applied under MODE: what it is, and what a later in-place change does
_RETURNED_CODE = """
class Foo(T.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return RETURN
    @staticmethod
    def backward(ctx, g):
        return g
a = T.tensor([1., 2.], requires_grad=True)
b = a * 1
with MODE:
    y = Foo.apply(INPUT)
out += [y.requires_grad, y.is_inference(), y._is_view(), y._base is INPUT]
try:
    y.mul_(2)
    out.append(type(y.grad_fn).__name__)
except RuntimeError as e:
    out.append(str(e))
"""


@pytest.mark.parametrize("returned", ["x", "x.view(2)", "x[:1]", "x.detach()", "x * 2"])
@pytest.mark.parametrize("given", ["a", "b", "a.detach()"])
@pytest.mark.parametrize("mode", ["T.enable_grad()", "T.no_grad()", "T.inference_mode()"])
def test_returned_input_view_or_alias(returned, given, mode):
    """x.detach() shares x's memory but is no view: changing it later is allowed. In
    inference_mode, a view or alias of a normal tensor is a normal tensor."""
    assert_same(torch, ak, _RETURNED_CODE.replace("RETURN", returned)
                .replace("INPUT", given).replace("MODE", mode))


@pytest.mark.parametrize("saved", ["x, 3", "x, None", "None", "'s'"])
def test_save_for_forward_takes_tensors_only(saved):
    """PyTorch asserts that save_for_forward gets tensors (or None)."""
    assert_same(torch, ak, f"""
class Foo(T.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_forward({saved})
        out.append(ctx.saved_for_forward is not None)
        return x * 2
    @staticmethod
    def backward(ctx, g):
        return g
try:
    Foo.apply(T.ones(2, requires_grad=True))
except AssertionError as e:
    out.append(str(e))
""")


def test_ctx_to_save():
    """ctx.to_save: what forward gave save_for_backward, None once recorded."""
    assert_same(torch, ak, """
class Foo(T.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        out.append(ctx.to_save)
        ctx.save_for_backward(x, None)
        out.append(ctx.to_save)
        out.append(ctx.saved_for_forward)
        return x * 2
    @staticmethod
    def backward(ctx, g):
        out.append(ctx.to_save)
        return g
y = Foo.apply(T.ones(2, requires_grad=True))
out.append(y.grad_fn.to_save)
y.sum().backward()
""")


@pytest.mark.parametrize("mode", ["T.enable_grad()", "T.no_grad()"])
def test_marked_input_that_needs_no_grad_is_a_view(mode):
    """(F) an input that needs no grad, returned as it is and marked non-differentiable."""
    assert_same(torch, ak, f"""
class Foo(T.autograd.Function):
    @staticmethod
    def forward(ctx, x, w):
        ctx.mark_non_differentiable(w)
        return x * 2, w
    @staticmethod
    def backward(ctx, g, h):
        return g * 2, None
x = T.ones(2, requires_grad=True)
w = T.ones(2)
with {mode}:
    y, v = Foo.apply(x, w)
out += [v.requires_grad, v._is_view(), v._base is w, v is w]
""")


@pytest.mark.parametrize("given", ["a", "a * 1", "a.detach()"])
@pytest.mark.parametrize("mode", ["T.enable_grad()", "T.no_grad()", "T.inference_mode()"])
def test_setup_context_saving_a_returned_input(given, mode):
    """(G) refused with grad mode on, and under no_grad when the input needs no grad."""
    assert_same(torch, ak, f"""
class Foo(T.autograd.Function):
    @staticmethod
    def forward(x):
        return x
    @staticmethod
    def setup_context(ctx, inputs, output):
        ctx.save_for_backward(inputs[0])
    @staticmethod
    def backward(ctx, g):
        return g
a = T.tensor([1., 2.], requires_grad=True)
try:
    with {mode}:
        y = Foo.apply({given})
    out.append(y.requires_grad)
except RuntimeError as e:
    out.append(str(e))
""")
