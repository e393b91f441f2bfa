"""``autograd.detect_anomaly()``: find the forward operation whose backward produced a NaN.

While it is on, every recorded operation remembers the Python stack that created it, and the
engine checks each gradient a node returns. The first NaN stops backward with an error that
names the node, and a warning prints where that operation was called in the forward code.
"""

from __future__ import annotations

import warnings


class _State:
    enabled = False


state = _State()


def is_anomaly_enabled() -> bool:
    """True inside ``detect_anomaly()``."""
    return state.enabled


class detect_anomaly:
    """Context manager: record forward stacks and stop backward at the first NaN gradient."""

    def __init__(self, check_nan: bool = True) -> None:
        self.check_nan = check_nan
        self.previous = False

    def __enter__(self) -> None:
        warnings.warn(
            "Anomaly Detection has been enabled. This mode will increase the runtime and should "
            "only be enabled for debugging.",
            stacklevel=2,
        )
        self.previous, state.enabled = state.enabled, self.check_nan

    def __exit__(self, *exc: object) -> None:
        state.enabled = self.previous


class set_detect_anomaly:
    """``set_detect_anomaly(True)``: switch anomaly mode on at once (or for a ``with`` block)."""

    def __init__(self, mode: bool, check_nan: bool = True) -> None:
        self.previous = state.enabled
        state.enabled = bool(mode)
        self.check_nan = check_nan

    def __enter__(self) -> None:
        pass

    def __exit__(self, *exc: object) -> None:
        state.enabled = self.previous


def check_gradients(node, gradients) -> None:  # noqa: ANN001 - engine-internal
    """Raise (after warning with the forward stack) if ``node`` returned a NaN gradient."""
    for index, grad in enumerate(gradients):
        if grad is None:
            continue
        if bool(grad._xp.isnan(grad._data).any()):
            trace = "".join(node._forward_trace or ["(no forward trace was recorded)\n"])
            warnings.warn(
                f"Error detected in {node.name()}. Traceback of forward call that caused the "
                f"error:\n{trace}",
                stacklevel=2,
            )
            raise RuntimeError(
                f"Function '{node.name()}' returned nan values in its {index}th output."
            )
