"""Process-wide settings that PyTorch programs set in their preambles: thread counts,
deterministic algorithms, float32 matmul precision, warn-always. The kit keeps each value
(with PyTorch's defaults and argument checks) so that such code runs and reads back what it
set; NumPy's own threading does not change with them. The thread count does decide how a
big sum is split, as in PyTorch (ops/summation_order.py).
"""

from __future__ import annotations

import os
import warnings
from typing import Any

_CPUS = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
_state: dict[str, Any] = {
    "num_threads": _CPUS,
    "num_interop_threads": os.cpu_count() or 1,
    "deterministic": False,
    "deterministic_warn_only": False,
    "matmul_precision": "highest",
    "warn_always": False,
}
_DEBUG_MODES = ("default", "warn", "error")


def _thread_count(value: Any, name: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise RuntimeError(f"{name} expects an int, but got {type(value).__name__}")
    if value <= 0:
        raise RuntimeError(f"{name} expects a positive integer")
    return value


def get_num_threads() -> int:
    """The number of threads for intra-op parallelism (the CPUs this process may use, by
    default)."""
    return _state["num_threads"]


def set_num_threads(int: int) -> None:  # noqa: A002 - PyTorch's argument name
    count = _thread_count(int, "set_num_threads")
    if count != _state["num_threads"]:  # (the sums' cached plans split for the old count)
        from .ops.summation_layout import forget_plans

        forget_plans()
    _state["num_threads"] = count


def get_num_interop_threads() -> int:
    return _state["num_interop_threads"]


def set_num_interop_threads(int: int) -> None:  # noqa: A002
    _state["num_interop_threads"] = _thread_count(int, "set_num_interop_threads")


def use_deterministic_algorithms(mode: bool, *, warn_only: bool = False) -> None:
    """Ask for deterministic algorithms (the kit's are deterministic: nothing changes)."""
    if not isinstance(mode, bool):
        raise TypeError("_set_deterministic_algorithms(): argument 'mode' (position 1) must "
                        f"be bool, not {type(mode).__name__}")
    _state["deterministic"] = mode
    _state["deterministic_warn_only"] = bool(warn_only)


def are_deterministic_algorithms_enabled() -> bool:
    return _state["deterministic"]


def is_deterministic_algorithms_warn_only_enabled() -> bool:
    return _state["deterministic_warn_only"]


def set_deterministic_debug_mode(debug_mode: str | int) -> None:
    """0 / "default": off; 1 / "warn": warn only; 2 / "error": deterministic algorithms."""
    if isinstance(debug_mode, str):
        if debug_mode not in _DEBUG_MODES:
            raise RuntimeError("invalid value of debug_mode, expected one of `default`, "
                               f"`warn`, `error`, but got {debug_mode}")
        debug_mode = _DEBUG_MODES.index(debug_mode)
    if debug_mode not in (0, 1, 2):
        raise RuntimeError(f"invalid value of debug_mode, expected 0, 1, or 2, but got "
                           f"{debug_mode}")
    use_deterministic_algorithms(debug_mode > 0, warn_only=debug_mode == 1)


def get_deterministic_debug_mode() -> int:
    if not _state["deterministic"]:
        return 0
    return 1 if _state["deterministic_warn_only"] else 2


def set_float32_matmul_precision(precision: str) -> None:
    """"highest" (the default), "high" or "medium": PyTorch may then use TF32 on a GPU; the
    kit keeps the value only."""
    if precision not in ("highest", "high", "medium"):
        from .scalar_warning import triggered_at  # (it reads warn_always from here)

        warnings.warn(triggered_at(f"{precision} is not one of 'highest', 'high', or 'medium'; "
                                   "the currentsetFloat32MatmulPrecision call has no effect.",
                                   "aten/src/ATen/Context.cpp:458"), UserWarning, stacklevel=2)
        return
    _state["matmul_precision"] = precision


def get_float32_matmul_precision() -> str:
    return _state["matmul_precision"]


def set_warn_always(b: bool) -> None:
    """Warn every time instead of once (kept for code that sets it)."""
    _state["warn_always"] = bool(b)


def is_warn_always_enabled() -> bool:
    return _state["warn_always"]


NAMES = ("get_num_threads", "set_num_threads", "get_num_interop_threads",
         "set_num_interop_threads", "use_deterministic_algorithms",
         "are_deterministic_algorithms_enabled", "is_deterministic_algorithms_warn_only_enabled",
         "set_deterministic_debug_mode", "get_deterministic_debug_mode",
         "set_float32_matmul_precision", "get_float32_matmul_precision", "set_warn_always",
         "is_warn_always_enabled")
