"""``asarray``: an object as a tensor, sharing its memory where it can, as PyTorch does it.

PyTorch's rules, kept here:

* a tensor of the asked-for dtype (and no ``copy=True``) is returned itself; one of another
  dtype is converted (``copy=False`` refuses: "can't alias tensor with dtype …");
* ``requires_grad=None`` keeps the tensor's own flag (with a once-per-process UserWarning
  when that flag is set, since the default used to be ``False``); ``requires_grad=False``
  turns the flag off: on a leaf it is switched off in place (so ``asarray(leaf,
  requires_grad=False) is leaf`` and the leaf no longer requires grad); a non-leaf is
  detached; ``requires_grad=True`` switches it on;
* a NumPy array (or buffer) is wrapped without a copy; a list or a number cannot be aliased.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy

from . import dtypes
from .scalar_warning import first_time, triggered_at
from .tensor import Tensor

GRAD_WARNING = triggered_at(
    "torch.asarray: unspecified requires_grad now defaults to obj.requires_grad instead of "
    "False. Pass requires_grad=False explicitly to get the old behavior and silence this "
    "warning.", "torch/csrc/utils/tensor_new.cpp:1737")


def _kit() -> Any:
    import autograd_kit

    return autograd_kit


def _alias_error(have: str, want: str) -> ValueError:
    return ValueError(f"can't alias tensor with dtype '{dtypes.scalar_type_word(have)}' into "
                      f"dtype '{dtypes.scalar_type_word(want)}'.")


def _from_tensor(obj: Tensor, dtype: Any, device: Any, copy: bool | None,
                 requires_grad: bool | None) -> Tensor:
    wrong_dtype = dtype is not None and dtype != obj.dtype
    if copy is False and wrong_dtype:
        raise _alias_error(obj.dtype.name, dtype.name)
    if requires_grad is None and obj.requires_grad and first_time("asarray requires_grad"):
        warnings.warn(GRAD_WARNING, UserWarning, stacklevel=3)
    out = obj.to(dtype=dtype or obj.dtype, device=device or obj.device)
    out = out.clone() if copy and out is obj else out
    if requires_grad is False and out.requires_grad:
        if out.is_leaf:
            out.requires_grad_(False)
        else:
            out = out.detach()
    elif requires_grad and not out.requires_grad:
        if not (out.dtype.is_floating_point or out.dtype.is_complex):
            from .creation import INT_GRAD_MESSAGE

            raise RuntimeError(INT_GRAD_MESSAGE)
        out.requires_grad_(True)
    return out


def asarray(obj: Any, *, dtype: Any = None, device: Any = None, copy: bool | None = None,
            requires_grad: bool | None = None) -> Tensor:
    """``obj`` as a tensor, sharing its memory when it can (see the module's docstring)."""
    kit = _kit()
    dtype = dtypes.resolve(dtype)
    if isinstance(obj, Tensor):
        return _from_tensor(obj, dtype, device, copy, requires_grad)
    out = _made(kit, obj, dtype, device, copy)
    if requires_grad:
        if not (out.dtype.is_floating_point or out.dtype.is_complex):
            from .creation import INT_GRAD_MESSAGE

            raise RuntimeError(INT_GRAD_MESSAGE)
        out.requires_grad_(True)
    return out


def _made(kit: Any, obj: Any, dtype: Any, device: Any, copy: bool | None) -> Tensor:
    """``obj`` (not a tensor) as a tensor: an object with the buffer protocol (bytes,
    bytearray, memoryview) is read as raw memory of ``dtype`` (default: the default float
    type), as PyTorch reads it; anything else as by ``tensor`` (a copy) or ``as_tensor``."""
    if _is_buffer(obj):
        from .creation_buffers import frombuffer

        out = frombuffer(obj, dtype=dtype or dtypes.default_float())
        out = out.clone() if copy else out
        return out if device is None else out.to(device)
    if copy is False:
        if not isinstance(obj, numpy.ndarray):
            raise ValueError("can't alias arbitrary sequence into a tensor.")
        have = dtypes.of_numpy(obj.dtype)
        if dtype is not None and dtype != have:
            raise _alias_error(have.name, dtype.name)
    if isinstance(obj, numpy.generic):  # (read as a 0-dim array: numpy.float32(2.5) gives 2
        obj = numpy.asarray(obj)  # for int64, where tensor() and as_tensor() refuse it)
    if copy:
        return kit.tensor(obj, dtype=dtype, device=device)
    return kit.as_tensor(obj, dtype=dtype, device=device)


def _is_buffer(obj: Any) -> bool:
    """An object with Python's buffer protocol that is not a NumPy array or number."""
    if isinstance(obj, (numpy.ndarray, numpy.generic)):
        return False
    try:
        memoryview(obj)
    except TypeError:
        return False
    return True
