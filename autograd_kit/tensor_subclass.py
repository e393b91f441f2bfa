"""``x.as_subclass(cls)``: the same data, as an instance of a subclass of Tensor (PyTorch's
way to wrap a tensor in a learner's own class without copying). The result is an alias of x
(``x[...]``: the same memory and version counter, a view whose ``_base`` is x), recorded as
``AliasBackward0`` when x requires grad, so it stays on x's graph. Its class's ``__init__``
is not called."""

from __future__ import annotations

from typing import Any

from .tensor import Tensor

_NO_CLS = object()


def as_subclass(self: Tensor, cls: Any = _NO_CLS) -> Tensor:
    """An alias of ``self`` whose type is ``cls`` (a subclass of Tensor, or Tensor)."""
    if cls is _NO_CLS:
        raise TypeError('as_subclass() missing 1 required positional arguments: "cls"')
    if not isinstance(cls, type):
        raise TypeError(f"cls must be a type (got {type(cls).__name__})")
    if not issubclass(cls, Tensor):
        raise TypeError("Creating a Tensor subclass from a class that does not inherit from "
                        "Tensor is not possible. Make sure your class inherits from Tensor.")
    from .ops.indexing import Alias

    out = Alias.apply(self, (Ellipsis,))
    out.__class__ = cls
    return out


Tensor.as_subclass = as_subclass  # type: ignore[attr-defined]
