"""Live comparison with PyTorch: differences left by earlier sessions (round 28, helper uu):
operators given no operand, gradient layouts, forward-mode AD, singular determinants."""

import pytest
from parity_harness import assert_same, same_built

import autograd_kit as ak

torch = pytest.importorskip("torch")


def _same(code: str) -> None:
    assert_same(torch, ak, code)


BINARY_OPERATORS = ["__add__", "__radd__", "__sub__", "__rsub__", "__mul__", "__rmul__",
                    "__truediv__", "__rtruediv__", "__pow__", "__rpow__", "__matmul__",
                    "__rmatmul__", "__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__",
                    "__and__", "__rand__", "__or__", "__ror__", "__xor__", "__rxor__",
                    "__lshift__", "__rlshift__", "__rshift__", "__rrshift__", "__floordiv__",
                    "__rfloordiv__", "__mod__", "__rmod__"]


@pytest.mark.parametrize("name", BINARY_OPERATORS)
def test_an_operator_given_no_operand_gives_way(name):
    same_built(lambda T: repr(getattr(T.tensor([1, 2]), name)()), torch, ak)


def test_an_operator_given_a_string_gives_way():
    same_built(lambda T: repr(T.tensor([1.0]).__add__("a")), torch, ak)


FORWARD = """
F = T.autograd.forward_ad
p = T.tensor([1.0, 2.0, 0.5], requires_grad=True)
w = T.tensor([0.3, -1.0, 2.0], requires_grad=True)
def values(t): return t.detach().numpy().round(5).tolist()
"""


def test_a_tangent_carries_no_tangent_of_its_own():
    """PyTorch's tangents are computed from the primals alone: t * x carries t * v only,
    not t's own tangent (the kit's came through the dual that is part of p's graph)."""
    _same(FORWARD + """
with F.dual_level():
    x = F.make_dual(p, T.tensor([1.0, 0.5, -1.0]))
    t = F.unpack_dual((x * x).sin() * w).tangent
    out.append(repr(F.unpack_dual(t).tangent))
    out.append(repr(t).split('grad_fn')[0])
    out.append(values(F.unpack_dual((t + x).exp()).tangent))
    out.append(values(F.unpack_dual(t.sum() * x).tangent))
""")


def test_reverse_over_forward_then_a_view_of_the_tangent():
    _same(FORWARD + """
with F.dual_level():
    x = F.make_dual(p, T.tensor([1.0, 0.5, -1.0]))
    t = F.unpack_dual((x * x).sin() * w).tangent
    t.sum().backward()
    out.append(values(p.grad)); out.append(values(w.grad))
    v = x.view(3, 1)[1:]
    out.append(values(F.unpack_dual(v * t.view(3, 1)[1:]).tangent))
""")
