"""Live comparison with PyTorch: custom autograd Functions mixed with hooks (found by round
29's fuzzer of Functions and hooks)."""

import warnings

import pytest
from parity_harness import assert_same

import autograd_kit as ak

torch = pytest.importorskip("torch")

DOUBLES_IN_PLACE = '''
class F(T.autograd.Function):
    @staticmethod
    def forward(ctx, x, w):
        x.mul_(2)
        ctx.mark_dirty(x)
        return x
    @staticmethod
    def backward(ctx, g):
        return g * 2, g
'''


def _same(code: str) -> None:
    assert_same(torch, ak, code)


@pytest.mark.parametrize("inputs", [
    "T.zeros(3).reshape(3).requires_grad_()[:], T.ones(3)",
    "T.zeros(3).reshape(3).requires_grad_().view(-1), T.ones(3, requires_grad=True)",
    "T.zeros(3)[:], T.ones(3, requires_grad=True)",
    "(T.zeros(3).reshape(3).requires_grad_() * 1)[:], T.ones(3)",
])
def test_mark_dirty_on_a_view_of_a_leaf_that_is_itself_a_view(inputs):
    # a = T.tensor(...).reshape(...).requires_grad_(): a leaf whose base needs no grad; a view
    # of it changed in a Function is still a view of a leaf that requires grad
    _same(DOUBLES_IN_PLACE + f"y = F.apply({inputs}); "
          "out.append((type(y.grad_fn).__name__, y._version, y.requires_grad))")


DOUBLES_ONE_IN_PLACE = '''
class F(T.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        x.mul_(2)
        ctx.mark_dirty(x)
        return x
    @staticmethod
    def backward(ctx, g):
        return g * 2
'''


@pytest.mark.parametrize("after", ["", "y[0].add_(1)", "y.add_(1)", "y.retain_grad()",
                                   "y.register_hook(lambda g: log.append(('y', g.tolist())))"])
def test_retain_grad_follows_an_input_marked_dirty(after):
    # x0.retain_grad() then a Function changing x0 in place: x0.grad is the gradient of the
    # new value (one gradient, not the sum of the old and new nodes'); hooks stay behind
    _same(DOUBLES_ONE_IN_PLACE + "log = []; a = T.tensor([1.5, 1.5, -2.0], requires_grad=True)\n"
          "x0 = a * 1; x0.retain_grad()\n"
          "x0.register_hook(lambda g: log.append(('x0', g.tolist())))\n"
          f"y = F.apply(x0); {after}\n"
          "(y * T.tensor([1., 2., 3.])).sum().backward()\n"
          "out.append((x0.grad, a.grad, log, y.grad_fn.next_functions[0][1]))")


def test_unwanted_gradient_of_a_dirty_view_is_not_checked():
    # the view's base needs no gradient: CopySlices drops what backward returned for it (a
    # wrong shape here) instead of copying it into the base's gradient
    _same('''
class F(T.autograd.Function):
    @staticmethod
    def forward(ctx, x, w):
        x.mul_(2)
        ctx.mark_dirty(x)
        return x
    @staticmethod
    def backward(ctx, g):
        return (g * 2).sum(), g
x = T.tensor([1.5, 2.0, 3.0, -1.0]).reshape(2, 2)
w = T.ones(2, 2, requires_grad=True)
y = F.apply(x, w)
out.append((type(y.grad_fn).__name__, T.autograd.grad(y.sum(), [y, w])))
''')


@pytest.mark.parametrize("view", ["a.view(-1).view(a.shape)", "a[1:]", "(a * 1)[:2]", "a.t()",
                                  "a"])
@pytest.mark.parametrize("dirty", ["", "ctx.mark_dirty(x)"])
def test_edges_are_read_before_forward_changes_an_input(view, dirty):
    # forward changes its input in place (mark_dirty forgotten): the node still leads to the
    # input's grad_fn from before (ViewBackward0), though the view's is now AsStridedBackward0
    _same(f'''
class F(T.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        x.mul_(2)
        {dirty}
        return x
    @staticmethod
    def backward(ctx, g):
        return g * 2
a = T.tensor([[1.5, 2.0], [3.0, -1.0]], requires_grad=True)
x = {view}
y = F.apply(x)
nodes = [y.grad_fn]
for _ in range(3):
    nodes.append(nodes[-1].next_functions[0][0] if nodes[-1] and nodes[-1].next_functions
                 else None)
out.append([type(n).__name__ for n in nodes])
out.append(type(x.grad_fn).__name__)
y.sum().backward()
out.append(a.grad)
''')


@pytest.mark.parametrize("x", ["a[:]", "a", "a.view(-1).view(a.shape)"])
def test_a_refused_dirty_input_is_refused_before_anything_is_packed(x):
    # the leaf checks on outputs come before saved tensors are packed (saved_tensors_hooks)
    _same('''
class F(T.autograd.Function):
    @staticmethod
    def forward(ctx, x, w):
        x.mul_(2)
        ctx.mark_dirty(x)
        ctx.save_for_backward(w)
        return x
    @staticmethod
    def backward(ctx, g):
        return g * 2, None
log = []
a = T.tensor([1.5, 2.0, 3.0]).reshape(3).requires_grad_()
w = T.ones(3, requires_grad=True)
def pack(t):
    log.append(("pack", tuple(t.shape)))
    return t
try:
    with T.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        F.apply(''' + x + ''', w)
except RuntimeError as e:
    out.append(str(e))
out.append((log, a._version))
''')


@pytest.mark.parametrize("signature", ["x, *, k=1", "x, **kw", "x, *, k", "x, k=1"])
@pytest.mark.parametrize("setup", [False, True])
def test_apply_names_only_arguments_forward_takes_by_position(signature, setup):
    # PyTorch's apply refuses a keyword-only argument (or one for **kwargs); the kit bound it
    # and dropped it, so forward silently ran with the default
    if setup:
        forward = f'''
    @staticmethod
    def forward({signature}):
        return x * 2 + (locals().get("k") or 0)
    @staticmethod
    def setup_context(ctx, inputs, output):
        pass'''
    else:
        forward = f'''
    @staticmethod
    def forward(ctx, {signature}):
        return x * 2 + (locals().get("k") or 0)'''
    _same(f'''
class F(T.autograd.Function):{forward}
    @staticmethod
    def backward(ctx, g):
        return g, None
out.append(F.apply(T.tensor([1.0, 2.0], requires_grad=True), k=5))
''')


def test_mark_shared_storage_is_a_deprecated_no_op():
    # old tutorials call ctx.mark_shared_storage: PyTorch warns (FutureWarning) and goes on
    code = '''
class F(T.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.mark_shared_storage((x, x))
        return x * 2
    @staticmethod
    def backward(ctx, g):
        return g * 2
a = T.tensor([1.0, 2.0], requires_grad=True)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    F.apply(a).sum().backward()
out.append([(w.category.__name__, str(w.message)) for w in caught])
out.append(a.grad)
'''
    assert_same(torch, ak, code, warnings=warnings)


@pytest.mark.parametrize("through", ["a.view(3)", "a.view(-1).view(1, 3)", "F.apply(a)",
                                     "a.clone()"])
def test_a_stolen_gradient_keeps_its_version(through):
    # two paths meet (y * y) and are summed in place (version 1); a view of that sum
    # (ViewBackward0's reshape) stolen as .grad keeps the version, as PyTorch's detach does
    _same('''
class F(T.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x.clone()
    @staticmethod
    def backward(ctx, g):
        return g
a = T.tensor([[1.0, 2.0, 3.0]], requires_grad=True)
y = ''' + through + '''
(y * y).sum().backward()
out.append((a.grad, a.grad._version))
''')
