"""Floating-point errors: silent inside the kit, as in PyTorch; NumPy's warnings elsewhere.

PyTorch computes ``0/0 = nan``, ``log(0) = -inf`` and ``exp(1000) = inf`` without a word;
NumPy warns ("divide by zero encountered in log"). A warnings filter for the kit's modules
hides those warnings only as long as nobody adds a filter in front of it, and a script that
records warnings with ``warnings.simplefilter("always")`` does. So NumPy is asked to *log*
its floating-point errors to `FloatingPointLog` instead of warning: an error raised while the
kit computes is dropped; any other (a learner's own NumPy code) becomes the same
RuntimeWarning NumPy gives, pointing at the same line. Underflow stays ignored, as NumPy's
default. Code that sets its own ``numpy.errstate`` gets exactly what it asks for.
"""

from __future__ import annotations

import sys
import warnings

import numpy


def _module_of(frame: object) -> str:
    return frame.f_globals.get("__name__", "")  # type: ignore[attr-defined]


class FloatingPointLog:
    """Where NumPy writes a floating-point error (``numpy.seterrcall``)."""

    def write(self, message: str) -> None:
        caller = sys._getframe(1)  # the Python code that called the NumPy function
        frame = caller
        while frame is not None and _module_of(frame).startswith("numpy"):
            frame = frame.f_back  # (NumPy's own Python code, such as numpy.mean, called by …)
        if frame is not None and _module_of(frame).startswith("autograd_kit"):
            return  # the kit's arithmetic: silent, as PyTorch's
        text = message.removeprefix("Warning: ").rstrip("\n")
        warnings.warn(text, RuntimeWarning, stacklevel=2)  # (at the caller, as NumPy warns)


def install() -> None:
    """Route NumPy's floating-point errors that would warn through `FloatingPointLog` (done
    at import; a program that already set a handler of its own keeps it as it is)."""
    if numpy.geterrcall() is not None:
        return
    numpy.seterrcall(FloatingPointLog())
    numpy.seterr(**{kind: "log" for kind, mode in numpy.geterr().items() if mode == "warn"})
