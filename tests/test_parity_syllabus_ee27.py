"""Syllabus variations (C01-C32), session 34: run live with PyTorch and with the kit.

The same harness as ``test_parity_syllabus_ee23`` (``T`` is ``torch`` or ``autograd_kit``;
``obs(...)`` records what a learner would print, ``each(...)`` each expression's value or
error; warnings are recorded too, under ``set_warn_always(True)``): the two records must be
the same.
"""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")

from test_parity_syllabus_ee23 import _same  # noqa: E402

SCENARIOS: dict[str, str] = {}

# ---- C. Controlling what is recorded (C17-C21)
SCENARIOS["C18 a saved tensor detached in place is refused before its version is read"] = '''
class Keep(T.autograd.Function):
    @staticmethod
    def forward(ctx, a, b):
        ctx.save_for_backward(b); return a * b
    @staticmethod
    def backward(ctx, g):
        (b,) = ctx.saved_tensors; return g * b, None
for change in ["b.detach_()", "b.detach_(); b.add_(1)", "b.add_(1); b.detach_()",
               "b.detach_(); b.requires_grad_()", "b.add_(1)"]:
    w = T.tensor([1., 2.], requires_grad=True); x = T.tensor([0.5, -1.], requires_grad=True)
    a = w * x; b = w + x; y = (a * b).sum(); z = Keep.apply(w, b).sum()
    exec(change)
    obs(change)
    each("y.backward()", "z.backward()", "w.grad")
'''
SCENARIOS["C20 Variable's arguments read as PyTorch's C constructor reads them"] = '''
V = T.autograd.Variable
x = T.ones(2)
class M(T.autograd.Function):
    @staticmethod
    def forward(ctx, a): return a * 2
    @staticmethod
    def backward(ctx, g): return g
y = M.apply(T.ones(2, requires_grad=True))
each("V(x, foo=1)", "V(x, True, True, True)", "V(x, True, False, 'a')", "V(x, requires_grad='a')",
     "V(x, volatile=1)", "V(x, is_volatile=False)", "V(x, requires_grad=None)",
     "V(x, requires_grad=1.5)", "V(x, requires_grad=-1)", "V(x, requires_grad=256)",
     "V(x, requires_grad=2)", "V(x, volatile='a')", "V(x, x)", "V(x, requires_grad=T.tensor(True))",
     "V(x, True, requires_grad=True)", "V(x, data=x)", "V(x, 2**70)",
     "V(x, _grad_fn=(x.requires_grad_() * 2).grad_fn)", "V(x.detach(), _grad_fn=y.grad_fn)",
     "V(1, _grad_fn=3)", "V(1, _grad_fn=y.grad_fn)", "V(None, _grad_fn=y.grad_fn)",
     "V(T.ones(1), requires_grad=1.0, _grad_fn=3)", "V(T.ones(1), foo=1, requires_grad=1.0)",
     "V(x, 1, 0, None, 'w', foo=1)", "V(x, True, False, None, 'w', 1)",
     "V(data=x, requires_grad=1, volatile=0, _grad_fn=None, name='a', foo=1)",
     "V(x, requires_grad=1, foo=2, data=3)", "V(T.ones(2, dtype=T.int64), True)")
'''
SCENARIOS["C20 Variable(t, name=...) names that tensor alone"] = '''
import copy, pickle
V = T.autograd.Variable
x = T.ones(2)
each("V(x, name='w')", "V(x, name=3)", "V(x, True, name=b'w')",
     "V(x, requires_grad=True, name=None).name", "V(T.ones(2, dtype=T.int64), True, name=1)")
w = V(x.detach(), True, name='w')
each("w.name", "(w * 2).name", "w.detach().name", "w.data.name", "w[0].name", "w.clone().name",
     "setattr(w, 'name', 'v')", "x.name", "copy.deepcopy(w).name",
     "pickle.loads(pickle.dumps(w)).name")
'''

# ---- B. Backward (C08-C16)
SCENARIOS["C15 backward's and grad's flags read as PyTorch's engine reads them"] = '''
x = T.tensor([1., 2.], requires_grad=True); y = (x * x).sum(); v = x * 2
G = lambda *a, **k: T.autograd.grad(*a, **k)
each("y.backward(retain_graph='yes')", "y.backward(create_graph=None, retain_graph=True)",
     "y.backward(retain_graph=2**70)", "y.backward(retain_graph=-1)", "x.grad",
     "G(y, x, retain_graph='a')", "G(y, x, create_graph=None)", "G(v, x, create_graph=None)",
     "G(T.ones(1), x, create_graph=None)", "G(y, x, allow_unused='a')",
     "G(y, x, allow_unused=None, retain_graph=True)", "G(y, [x, 5], create_graph=None)",
     "G(y, [], create_graph=None)", "G(y, x, retain_graph=1.0)", "G(y, x, retain_graph=[])",
     "G(y, x, retain_graph=T.tensor(True))", "G(y, x, retain_graph=2, create_graph=3)",
     "G(v, ['a'])", "G(v, [x, 'a'])", "G(y, [x, 'a'])", "G(T.ones(2), [x, 5])",
     "G(v, [x, 5], grad_outputs=T.ones(3))", "v.backward(inputs=[x, 5])",
     "T.ones(1).sum().backward(inputs=[x, 5])", "(x * 3).sum().backward(inputs=[x, 5])", "x.grad")
'''

# ---- E. Higher-order and functional gradients (C25-C26)
SCENARIOS["C26 backward(create_graph=True) warns only once its roots pass their checks"] = '''
w = T.tensor([1., 2.], requires_grad=True)
each("(w * w).sum().backward(create_graph=True)", "T.ones(2).sum().backward(create_graph=True)",
     "(w * w).backward(create_graph=True)", "(w * 2).backward(T.ones(3), create_graph=True)",
     "(w * 2).sum().backward(inputs=[], create_graph=True)",
     "(w * 2).sum().backward(inputs=[T.ones(2)], create_graph=True)",
     "T.autograd.backward([(w * 2).sum(), T.ones(1)], create_graph=True)",
     "T.autograd.grad((w * w).sum(), w, create_graph=True)", "w.grad")
y = (w * w).sum(); y.backward()
each("y.backward(create_graph=True)")
'''

# ---- F. Extending and training (C27-C30)
SCENARIOS["C27 a Function without its forward, the base class's apply among them"] = '''
class OnlyBackward(T.autograd.Function):
    @staticmethod
    def backward(ctx, g): return g
x = T.ones(2, requires_grad=True)
each("T.autograd.Function.apply(x)", "T.autograd.Function.apply(x.detach())",
     "T.autograd.Function.apply()", "T.autograd.Function.apply(1)", "OnlyBackward.apply(x)",
     "OnlyBackward.apply(x.detach())", "T.autograd.Function.backward(None, x)")
'''


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_syllabus_variation_matches_pytorch(name: str) -> None:
    _same(SCENARIOS[name])
