"""``Tensor.grad_dtype`` (PyTorch 2.13): the dtype a leaf's ``.grad`` must have.

By default it is the leaf's own dtype: backward casts each gradient to it, and assigning a
``.grad`` of another dtype is refused. Set it to another dtype to keep gradients in that one
(backward casts to it), or to None to accept any dtype. Only leaves have one.
"""

from __future__ import annotations

from typing import Any

from . import dtypes
from .tensor import Tensor

ANY_DTYPE = "any dtype"  # what ``t._grad_dtype`` holds after ``t.grad_dtype = None``


def wanted_grad_dtype(tensor: Tensor) -> Any:
    """The dtype a gradient of ``tensor`` must have, or None when any dtype will do."""
    wanted = tensor._grad_dtype
    if wanted is None or tensor._grad_fn is not None:  # (not set: the tensor's own dtype)
        return tensor.dtype
    return None if wanted is ANY_DTYPE else wanted


def in_gradient_dtype(grad: Tensor, dtype: Any, leaf: Tensor | None = None) -> Tensor:
    """``grad`` in ``dtype`` (a NumPy dtype: its input's own); for a ``leaf`` given a
    ``grad_dtype``, in that one instead (None: as it comes), as PyTorch's engine casts."""
    if leaf is not None and leaf._grad_dtype is not None:
        wanted = wanted_grad_dtype(leaf)
        return grad if wanted is None or grad.dtype == wanted else grad.to(wanted)
    return grad if grad._data.dtype == dtype else grad.to(dtypes.of_numpy(dtype))


def check_assigned_dtype(tensor: Tensor, grad: Tensor) -> None:
    """PyTorch's error for ``t.grad = g`` with g of another dtype than t's grad_dtype."""
    wanted = wanted_grad_dtype(tensor)
    if wanted is not None and grad.dtype != wanted:
        raise RuntimeError(
            f"attempting to assign a gradient with dtype '{dtypes.C_TYPES[grad.dtype.name]}' "
            f"to a tensor with grad_dtype '{dtypes.SCALAR_TYPES[wanted.name]}'. The gradient "
            "must match the tensor's grad_dtype (defaults to the tensor's dtype). You can set "
            "the tensor's grad_dtype attribute with a specific dtype, or None to allow any "
            "dtype. Set grad_dtype with caution. Diverging the dtypes of a tensor and its "
            "gradient may break downstream systems that assume they match.")


def _get(self: Tensor) -> Any:
    if self._grad_fn is not None:
        raise RuntimeError("grad_dtype can only be accessed on leaf tensors.")
    return wanted_grad_dtype(self)


def _set(self: Tensor, value: Any) -> None:
    if self._grad_fn is not None:
        raise RuntimeError("grad_dtype can only be set on leaf tensors.")
    if value is not None and not isinstance(value, dtypes.dtype):
        raise RuntimeError("grad_dtype must be a autograd_kit.dtype or None, but got "
                           f"{type(value).__name__}")
    grad = self._grad
    if grad is not None and value is not None and grad.dtype != value:
        raise RuntimeError(
            f"Cannot set grad_dtype to '{dtypes.SCALAR_TYPES[value.name]}' because there is "
            f"already a gradient with dtype '{dtypes.C_TYPES[grad.dtype.name]}'. Please clear "
            "the gradient (.grad = None) before changing grad_dtype, or ensure the new "
            "grad_dtype matches the existing gradient's dtype.")
    self._grad_dtype = ANY_DTYPE if value is None else value


Tensor.grad_dtype = property(_get, _set, doc=__doc__)  # type: ignore[attr-defined]
