"""PyTorch's warning for a tensor that shares memory with a NumPy array nobody may write to
(``np.asarray(pil_image)`` is one): given once per program, as PyTorch does."""

from __future__ import annotations

import warnings
from typing import Any

from .scalar_warning import first_time, triggered_at

NOT_WRITABLE = (
    "The given NumPy array is not writable, and PyTorch does not support non-writable tensors. "
    "This means writing to this tensor will result in undefined behavior. You may want to copy "
    "the array to protect its data or make it writable before converting it to a tensor. This "
    "type of warning will be suppressed for the rest of this program.")

def warn_if_read_only(array: Any) -> None:
    """Warn (the first time only, every time under ``set_warn_always(True)``) when
    ``array``, about to be shared by a tensor, is a NumPy array that cannot be written (the
    warning points at the caller's caller: the learner's ``from_numpy`` or ``as_tensor``
    line)."""
    if getattr(getattr(array, "flags", None), "writeable", True) \
            or not first_time("read-only NumPy array"):
        return  # (a CuPy array has no such flag)
    warnings.warn(triggered_at(NOT_WRITABLE, "torch/csrc/utils/tensor_numpy.cpp:213"), UserWarning,
                  stacklevel=3)
