"""`Parameter`: a tensor that a `Module` registers as one of its learnable values."""

from __future__ import annotations

from typing import Any

from ..tensor import Tensor


class Parameter(Tensor):
    """A leaf tensor that requires grad (by default) and is collected by ``Module.parameters()``.

    Assigning one as a module attribute (``self.w = Parameter(...)``) registers it. It shares
    its data with the tensor it was made from, as in PyTorch.
    """

    def __init__(self, data: Tensor | None = None, requires_grad: bool = True) -> None:
        if data is None:
            from ..creation import zeros

            data = zeros(0)
        if not isinstance(data, Tensor):  # PyTorch fails on calling data.detach()
            from .arguments import type_name  # (numpy.ndarray, as C's tp_name)

            raise AttributeError(f"'{type_name(data)}' object has no attribute 'detach'")
        if not isinstance(requires_grad, bool):  # (PyTorch's Tensor._make_subclass)
            from .arguments import type_name

            raise TypeError("_make_subclass(): argument 'require_grad' (position 3) must be "
                            f"bool, not {type_name(requires_grad)}")
        if requires_grad and not data.dtype.is_floating_point:
            from ..creation import INT_GRAD_MESSAGE

            raise RuntimeError(INT_GRAD_MESSAGE)
        self._data = data._data
        self._version_counter = data._version_counter
        if data._inference:  # (so requires_grad=True is refused outside inference_mode)
            self._inference = True
        if requires_grad:
            self.requires_grad_(True)

    def __repr__(self) -> str:
        return "Parameter containing:\n" + super().__repr__()

    __str__ = __repr__

    def __reduce_ex__(self, protocol: Any) -> Any:
        """Its data pickled as a tensor is (strides and all), and the attributes set on it."""
        from ..tensor_copying import learner_attributes

        return (_rebuild, (self.data, self._requires_grad, learner_attributes(self)))

    def __copy__(self) -> Parameter:
        """``copy.copy``: pickling's recipe, followed without a pickle (the same memory)."""
        rebuild, arguments = self.__reduce_ex__(2)
        return rebuild(*arguments)

    def __deepcopy__(self, memo: dict[int, Any]) -> Parameter:
        """A clone of its data, laid out alike (PyTorch's: no ``.grad``, no attributes)."""
        if id(self) in memo:
            return memo[id(self)]
        out = Parameter(self.data.clone(), self._requires_grad)
        memo[id(self)] = out
        return out


class _BufferMeta(type):
    """``isinstance(t, Buffer)`` is true for a plain tensor that ``Buffer(...)`` marked."""

    def __instancecheck__(cls, instance: Any) -> bool:
        return isinstance(instance, Tensor) and getattr(instance, "_is_buffer", False)


class Buffer(metaclass=_BufferMeta):
    """A tensor that a `Module` registers as a buffer when assigned as an attribute
    (``self.running = Buffer(zeros(3))``), like ``register_buffer``.

    As in PyTorch, ``Buffer(data)`` returns a plain `Tensor` (``data`` detached) marked with
    ``persistent`` (whether it goes into the ``state_dict``).
    """

    def __new__(cls, data: Tensor | None = None, *, persistent: bool = True) -> Any:  # noqa: PYI034
        if data is None:
            from ..creation import empty

            data = empty(0)
        t = data.detach().requires_grad_(data.requires_grad)
        t.persistent = persistent
        t._is_buffer = True
        return t


def __getattr__(name: str) -> Any:
    """``nn.parameter.UninitializedParameter`` (written in ``lazy.py``, which imports this)."""
    if name in ("UninitializedParameter", "UninitializedBuffer"):
        from . import lazy

        return getattr(lazy, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _rebuild(data: Tensor, requires_grad: bool, attributes: dict[str, Any] | None = None,
             ) -> Parameter:
    from ..tensor_copying import set_learner_attributes

    out = Parameter(data, requires_grad)
    set_learner_attributes(out, attributes)
    return out
