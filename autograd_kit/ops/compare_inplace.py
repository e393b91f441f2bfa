"""In-place comparisons, logical and bitwise operations: ``x.eq_(y)``, ``x.lt_(2)``,
``x.logical_and_(m)``, ``x.bitwise_or_(3)``, … (the result written into x, in x's dtype).

A comparison is a step function: PyTorch records it in place (``EqBackward0`` for a
number, ``EqBackward1`` for a tensor) and sends zeros back to x (and to the other tensor).
The logical and bitwise ones record nothing: x keeps its history, its version moves on.
"""

from __future__ import annotations

from typing import Any

from ..function import Function
from ..tensor import Tensor
from ..tensor_operators import TensorOperators
from .operands import arrays, as_operand


class CompareInPlace(Function):
    """out = 1 where (x ∘ other) holds, else 0, in x's dtype

    ∂out/∂x = 0,  ∂out/∂other = 0   →  zeros for both (PyTorch records it all the same)
    """

    how = "__eq__"

    @classmethod
    def forward(cls, ctx: Any, x: Tensor, other: Any) -> Any:
        a, b = arrays(x, other)
        return x._xp.asarray(getattr(a, cls.how)(b)).astype(x._data.dtype)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any]:
        zeros = Tensor._make(grad._xp.zeros_like(grad._data))
        return zeros, zeros if ctx.needs_input_grad[1] else None


def _rule(name: str, how: str, tensor_other: bool) -> type[CompareInPlace]:
    """The rule of ``x.<name>_(other)``, named as PyTorch names it (``LtBackward1``)."""
    node = f"{name.capitalize()}Backward{1 if tensor_other else 0}"
    namespace = {"how": how, "node_name": node, "__doc__": CompareInPlace.__doc__,
                 "numbers_are_inputs": False}
    return type(node.replace("Backward", "InPlace"), (CompareInPlace,), namespace)


RULES = {(name, tensor_other): _rule(name, f"__{name}__", tensor_other)
         for name in ("eq", "ne", "lt", "le", "gt", "ge") for tensor_other in (False, True)}


def _comparison_(name: str) -> Any:
    def method(self: Tensor, other: Any) -> Tensor:
        from ..inplace import apply_inplace

        other = as_operand(other)
        return apply_inplace(self, RULES[(name, isinstance(other, Tensor))], other)

    method.__name__ = method.__qualname__ = name + "_"
    method.__doc__ = f"``x.{name}_(other)``: x {name} other, written into x (1 or 0)."
    return method


_TENSOR_OTHER = ("logical_and", "logical_or", "logical_xor")  # (no form takes a number)


def _unrecorded_(method: str) -> Any:
    """``x.<method>_(…)`` for an operation PyTorch does not differentiate: the result is
    written into x (PyTorch's casting errors), x keeps its history (a leaf that requires
    grad too), its version moves on."""
    def inplace(self: Tensor, *others: Any) -> Tensor:
        from ..inplace import write_into
        from ..views import views_see_unrecorded_change

        if method in _TENSOR_OTHER and others:  # (PyTorch's parser, before anything else)
            from ..tensor_arguments import tensor_argument

            tensor_argument(method + "_", "other", others[0])
        if method.startswith("bitwise"):  # (PyTorch refuses a leaf first: it records them)
            from ..inplace import check_inplace_allowed

            check_inplace_allowed(self, others)
            if others:
                from ..inplace_checks import shape_error

                error = shape_error(self, others)  # (PyTorch: the shape, then the type)
                if error is not None:
                    raise error
                _check_castable(self, others[0])
        result = getattr(TensorOperators, method)(self.detach(), *map(as_operand, others))
        write_into(self, result)
        return views_see_unrecorded_change(self)

    inplace.__name__ = inplace.__qualname__ = method + "_"
    return inplace


def _check_castable(target: Tensor, other: Any) -> None:
    """``x &= 1.5`` on integers: PyTorch checks the result type before the kernel."""
    from .. import dtypes
    from ..tensor_queries import result_type

    have = result_type(target, other)
    if have._kind > target.dtype._kind:
        raise RuntimeError(f"result type {dtypes.scalar_type_word(have.name)} can't be cast to "
                           f"the desired output type {dtypes.scalar_type_word(target.dtype.name)}")


def _attach() -> None:
    methods = {name + "_": _comparison_(name) for name in ("eq", "ne", "lt", "le", "gt", "ge")}
    for alias, name in (("greater", "gt"), ("greater_equal", "ge"), ("less", "lt"),
                        ("less_equal", "le"), ("not_equal", "ne")):
        methods[alias + "_"] = methods[name + "_"]
    for name in ("logical_and", "logical_or", "logical_xor", "logical_not", "bitwise_and",
                 "bitwise_or", "bitwise_xor", "bitwise_not", "bitwise_left_shift",
                 "bitwise_right_shift"):
        methods[name + "_"] = _unrecorded_(name)
    for operator, name in (("and", "bitwise_and"), ("or", "bitwise_or"), ("xor", "bitwise_xor"),
                           ("lshift", "bitwise_left_shift"), ("rshift", "bitwise_right_shift")):
        methods[f"__i{operator}__"] = methods[name + "_"]  # x &= m is x.bitwise_and_(m)
    for name, method in methods.items():
        if not hasattr(TensorOperators, name):
            setattr(TensorOperators, name, method)


_attach()
