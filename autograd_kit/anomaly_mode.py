"""``autograd.detect_anomaly()``: find the forward operation whose backward produced a NaN.

While it is on, every recorded operation remembers the Python stack that created it (in its
node's ``metadata["traceback_"]``, as PyTorch's), and the engine checks each gradient a node
returns. The first NaN stops backward with an error that names the node, and a warning prints
where that operation was called in the forward code. A node recorded by another node's
backward rule (under ``create_graph=True``) also keeps that node as ``metadata["parent_"]``,
and the warning goes on up that chain: "Previous calculation was induced by …".
"""

from __future__ import annotations

import os
import traceback
import warnings
from collections.abc import Callable
from typing import Any

from .scalar_warning import triggered_at

_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__)) + os.sep


class _State:
    enabled = False  # record forward stacks (and, with check_nan, check gradients)
    check_nan = True  # whether the engine's gradient check looks for NaN


state = _State()


def is_anomaly_enabled() -> bool:
    """True inside ``detect_anomaly()``."""
    return state.enabled


def is_anomaly_check_nan_enabled() -> bool:
    """True when anomaly mode also stops backward at NaN gradients (``check_nan=True``)."""
    return state.check_nan


class detect_anomaly:
    """Context manager: record forward stacks and stop backward at the first NaN gradient.

    As in PyTorch, creating it warns and remembers the mode to restore on exit; entering it
    switches the mode on."""

    def __init__(self, check_nan: bool = True) -> None:
        self.check_nan = check_nan
        self.previous = (state.enabled, state.check_nan)
        warnings.warn(
            "Anomaly Detection has been enabled. This mode will increase the runtime and should "
            "only be enabled for debugging.",
            stacklevel=2,
        )

    def __enter__(self) -> None:
        state.enabled, state.check_nan = True, self.check_nan

    def __exit__(self, *exc: object) -> None:
        state.enabled, state.check_nan = self.previous


class set_detect_anomaly:
    """``set_detect_anomaly(True)``: switch anomaly mode on at once (or for a ``with`` block)."""

    def __init__(self, mode: bool, check_nan: bool = True) -> None:
        self.previous = (state.enabled, state.check_nan)
        state.enabled, state.check_nan = bool(mode), check_nan
        self.check_nan = check_nan

    def __enter__(self) -> None:
        pass

    def __exit__(self, *exc: object) -> None:
        state.enabled, state.check_nan = self.previous


_parents: list[Any] = []  # the nodes whose backward rule runs now, innermost last


def run_as_parent(node: Any, grads: Any, rule: Callable[[Any, Any], Any]) -> Any:
    """``rule(node, grads)``, with ``node`` as the parent of every node its rule records."""
    _parents.append(node)
    try:
        return rule(node, grads)
    finally:
        _parents.pop()


def store_forward_trace(node: Any) -> None:
    """Keep, in a node being recorded, where the learner's code called its operation (and,
    inside a backward rule, the node whose rule it is)."""
    node.metadata["traceback_"] = user_frames(traceback.format_stack()[:-2])
    if _parents:
        node.metadata["parent_"] = _parents[-1]


def user_frames(trace: list[str] | None) -> list[str]:
    """The frames of a recorded forward stack that are the learner's code, not the kit's.

    PyTorch's operations run in C++, so its trace ends at the line that called the operation;
    the kit's own Python frames (``tensor_operators.py``, ``ops/…``) are dropped to match.
    """
    return [frame for frame in trace or () if not _in_kit(frame)]


def _in_kit(frame: str) -> bool:
    """Whether a ``traceback.format_stack`` entry (``  File "path", line n, in f``) is the kit's."""
    path = frame.split('"', 2)[1] if frame.count('"') >= 2 else ""
    return os.path.abspath(path).startswith(_PACKAGE_DIR) if path else False


def check_gradients(node, gradients) -> None:  # noqa: ANN001 - engine-internal
    """Raise (after warning with the forward stack) if ``node`` returned a NaN gradient."""
    if not state.check_nan:
        return
    for index, grad in enumerate(gradients):
        if grad is None:
            continue
        if bool(grad._xp.isnan(grad._data).any()):
            error = RuntimeError(
                f"Function '{node.name()}' returned nan values in its {index}th output."
            )
            warn_forward_trace(node, error, stacklevel=3)
            raise error


def warn_forward_trace(node, error: BaseException, stacklevel: int = 2) -> None:  # noqa: ANN001
    """Warn where ``node``'s forward operation was called, once per ``error``.

    PyTorch does this in anomaly mode for *any* error raised while a node runs (a NaN, a
    saved tensor changed in place, a custom backward that fails), before the error itself;
    the engine calls it with the error it is about to let through."""
    if getattr(error, "_anomaly_reported", False):
        return
    try:
        error._anomaly_reported = True  # type: ignore[attr-defined]
    except AttributeError:  # (an exception type that takes no attributes)
        pass
    trace = node.metadata.get("traceback_")
    if trace is None:  # (made outside anomaly mode)
        found = _internally("No forward pass information available. Enable detect anomaly "
                            "during forward pass for more information.", 100)
    else:
        found = _internally(f"Traceback of forward call that caused the error:\n"
                            f"{''.join(trace)}", 122)
    warnings.warn(f"Error detected in {node.name()}. {found}", stacklevel=stacklevel)
    parent = node.metadata.get("parent_")
    while parent is not None:  # the backward rules that recorded it, up to the first
        trace = "".join(parent.metadata.get("traceback_", ()))
        warnings.warn(_internally(f"\n\nPrevious calculation was induced by {parent.name()}. "
                                  "Traceback of forward call that induced the previous "
                                  f"calculation:\n{trace}", 129), stacklevel=stacklevel)
        parent = parent.metadata.get("parent_")


def _internally(message: str, line: int) -> str:
    """``message`` ending as PyTorch's C++ warnings from its anomaly mode end."""
    return triggered_at(message, f"torch/csrc/autograd/python_anomaly_mode.cpp:{line}")


# PyTorch's classes live in torch.autograd.anomaly_mode, and print with that path.
for _switch in (detect_anomaly, set_detect_anomaly):
    _switch.__module__ = "autograd_kit.autograd.anomaly_mode"
