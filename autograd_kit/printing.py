"""Format arrays exactly like PyTorch's ``repr(tensor)``.

This module is a readable port of the printing logic in PyTorch's ``torch/_tensor_str.py``
(with its print options), so learners see the same text they would see in PyTorch::

    >>> import numpy as np
    >>> format_tensor(np.array([0.5, 1.2], dtype=np.float32), dtype_name="float32",
    ...               default_dtype=True)
    'tensor([0.5000, 1.2000])'

It depends only on NumPy and imports nothing else from ``autograd_kit``.

Large tensors: when a tensor has more than ``threshold`` elements, only ``edgeitems`` items
at each end of every axis are shown. A caller holding the data on a GPU can copy just those
items to the host::

    index = summarized_view(x.shape)          # one list of positions per axis
    small = x[cupy.ix_(*index)].get()         # or numpy.ix_ for NumPy arrays
    text = format_tensor(small, shape=x.shape, dtype_name=..., default_dtype=...)
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterator, Sequence

import numpy as np


class PrintOptions:
    """PyTorch's print options, changed with `set_printoptions`."""

    precision = 4  # digits after the decimal point
    threshold: float = 1000  # more elements than this triggers summarization with "..."
    edgeitems = 3  # items kept at each end of an axis when summarizing
    linewidth = 80  # characters per line before rows are wrapped
    sci_mode: bool | None = None  # None: scientific notation when the values call for it


OPTIONS = PrintOptions()
PRINT_OPTS = OPTIONS  # PyTorch's name for them (torch._tensor_str.PRINT_OPTS)
PREFIX = "tensor("
_PROFILES = {"default": (4, 1000, 3, 80), "short": (2, 1000, 2, 80),
             "full": (4, math.inf, 3, 80)}


def set_printoptions(precision: int | None = None, threshold: float | None = None,
                     edgeitems: int | None = None, linewidth: int | None = None,
                     profile: str | None = None, sci_mode: bool | None = None) -> None:
    """PyTorch's ``set_printoptions``: ``profile`` ("default", "short", "full") sets all four
    numbers at once; the others change one each. ``sci_mode`` is always set (None: auto)."""
    if profile in _PROFILES:  # (PyTorch ignores a profile it does not know)
        (OPTIONS.precision, OPTIONS.threshold, OPTIONS.edgeitems,
         OPTIONS.linewidth) = _PROFILES[profile]
    for name, value in (("precision", precision), ("threshold", threshold),
                        ("edgeitems", edgeitems), ("linewidth", linewidth)):
        if value is not None:
            setattr(OPTIONS, name, value)
    OPTIONS.sci_mode = sci_mode


def get_printoptions() -> dict[str, object]:
    return {name: getattr(OPTIONS, name)
            for name in ("precision", "threshold", "edgeitems", "linewidth", "sci_mode")}


@contextlib.contextmanager
def printoptions(**options: object) -> Iterator[None]:
    """``with printoptions(precision=2): print(x)``: these options inside the block only."""
    before = get_printoptions()
    set_printoptions(**options)  # type: ignore[arg-type]
    try:
        yield
    finally:
        set_printoptions(**before)  # type: ignore[arg-type]


def summarized_view(shape: Sequence[int]) -> tuple[list[int], ...]:
    """Return, per axis, the positions that ``format_tensor`` displays for ``shape``.

    If the tensor has at most ``threshold`` elements every position is kept. Otherwise each
    axis longer than ``2 * edgeitems`` keeps only its first and last ``edgeitems`` positions
    (see `set_printoptions`).
    Use it as ``x[np.ix_(*summarized_view(x.shape))]`` and pass ``shape=x.shape`` to
    ``format_tensor`` together with the gathered (small) array.
    """
    if math.prod(shape) <= OPTIONS.threshold:
        return tuple(list(range(n)) for n in shape)
    index = []
    edge = OPTIONS.edgeitems
    for n in shape:
        positions = list(range(n))
        if n > 2 * edge:  # (as PyTorch's x[:edge] and x[-edge:]: a negative edge slices too)
            index.append(positions[:edge] + positions[-edge:] if edge else [])
        else:
            index.append(positions)
    return tuple(index)


class _Formatter:
    """Choose one number style and column width for all elements (torch's ``_Formatter``)."""

    def __init__(self, values: np.ndarray) -> None:
        self.floating = values.dtype.kind == "f"
        self.int_mode = True  # floats that are all whole numbers print as "6."
        self.sci_mode = False
        self.width = 1
        flat = values.reshape(-1)
        if not self.floating:
            for value in flat.tolist():
                self.width = max(self.width, len(f"{value}"))
            return
        doubles = flat.astype(np.float64)
        nonzero_finite = doubles[np.isfinite(doubles) & (doubles != 0)]
        if nonzero_finite.size == 0:
            return
        magnitudes = np.abs(nonzero_finite)
        smallest, largest = float(magnitudes.min()), float(magnitudes.max())
        self.int_mode = bool(np.all(nonzero_finite == np.ceil(nonzero_finite)))
        self.sci_mode = (largest / smallest > 1000.0 or largest > 1.0e8 or smallest < 1.0e-4
                         if OPTIONS.sci_mode is None else OPTIONS.sci_mode)
        for value in nonzero_finite.tolist():
            if self.sci_mode:
                text = f"{value:.{OPTIONS.precision}e}"
            elif self.int_mode:
                text = f"{value:.0f}."
            else:
                text = f"{value:.{OPTIONS.precision}f}"
            self.width = max(self.width, len(text))

    def format(self, value: float | int | bool) -> str:
        """Format one Python scalar, right-aligned to the common width."""
        if not self.floating:
            text = f"{value}"
        elif self.sci_mode:
            text = f"{value:{self.width}.{OPTIONS.precision}e}"
        elif self.int_mode:
            text = f"{value:.0f}"
            if math.isfinite(value):
                text += "."
        else:
            text = f"{value:.{OPTIONS.precision}f}"
        return text.rjust(self.width)


def _keep_edges(items: list[str], filler: str) -> list[str]:
    """The summarized ``items`` (its first and its last edge, `summarized_view`) with
    ``filler`` between the two halves (only the filler when ``edgeitems`` is 0)."""
    half = len(items) // 2
    return items[:half] + [filler] + items[half:] if OPTIONS.edgeitems else [filler]


def _vector_str(row: np.ndarray, length: int, indent: int, summarize: bool,
                formatter: _Formatter) -> str:
    """Format a 1-D row, wrapping it so lines stay within ``linewidth``."""
    per_line = max(1, (OPTIONS.linewidth - indent) // (formatter.width + 2))
    items = [formatter.format(v) for v in row.tolist()]
    if summarize and length > 2 * OPTIONS.edgeitems:
        items = _keep_edges(items, " ..." if OPTIONS.edgeitems else "...")
    lines = [", ".join(items[i:i + per_line]) for i in range(0, len(items), per_line)]
    return "[" + (",\n" + " " * (indent + 1)).join(lines) + "]"


def _tensor_str(values: np.ndarray, shape: tuple[int, ...], indent: int, summarize: bool,
                formatter: _Formatter) -> str:
    """Recursively format ``values`` (possibly already summarized) of logical ``shape``."""
    if len(shape) == 0:
        return formatter.format(values.item())
    if len(shape) == 1:
        return _vector_str(values, shape[0], indent, summarize, formatter)
    inner = shape[1:]
    slices = [_tensor_str(sub, inner, indent + 1, summarize, formatter) for sub in values]
    if summarize and shape[0] > 2 * OPTIONS.edgeitems:
        slices = _keep_edges(slices, "...")
    separator = "," + "\n" * (len(shape) - 1) + " " * (indent + 1)
    return "[" + separator.join(slices) + "]"


def _add_suffixes(text: str, suffixes: list[str], indent: int, extra: int = 0) -> str:
    """Append ``, key=value`` suffixes, moving one to a new line if it would not fit.

    ``extra``: how much longer the ``dtype=`` suffix is here than in PyTorch (a longer
    prefix than ``torch.``); it is left out of the measure so lines break where PyTorch's do.
    """
    parts = [text]
    last_line_len = len(text) - text.rfind("\n") + 1  # same (quirky) arithmetic as torch
    for suffix in suffixes:
        length = len(suffix) - extra * suffix.count("dtype=")  # (a tangent's too)
        if last_line_len + length + 2 > OPTIONS.linewidth:
            parts.append(",\n" + " " * indent + suffix)
            last_line_len = indent + length
        else:
            parts.append(", " + suffix)
            last_line_len += length + 2
    parts.append(")")
    return "".join(parts)


def _is_floating_name(dtype_name: str) -> bool:
    return dtype_name.startswith(("float", "bfloat", "half", "double"))


def format_tensor(values: np.ndarray, *, dtype_name: str, default_dtype: bool,
                  device: str = "cpu", grad_fn_name: str | None = None,
                  requires_grad: bool = False, dtype_prefix: str = "autograd_kit.",
                  shape: Sequence[int] | None = None, tangent: str | None = None) -> str:
    """Return the text PyTorch's ``repr`` would print for a tensor holding ``values``.

    Args:
        values: host NumPy array with the tensor's data (real, boolean or integer). Its NumPy
            dtype decides the number style: floating kinds get the float formatting.
        dtype_name: name shown in the ``dtype=`` suffix, e.g. ``"float64"``.
        default_dtype: True for the library defaults (float32, int64, bool), whose dtype
            PyTorch does not print. Empty tensors still print the dtype unless it is the
            default *floating* dtype, as PyTorch does.
        device: shown as ``device='cuda:0'`` unless it is ``"cpu"``.
        grad_fn_name: e.g. ``"MulBackward0"``; shown as ``grad_fn=<MulBackward0>``.
        requires_grad: shown as ``requires_grad=True`` only when there is no ``grad_fn``.
        dtype_prefix: written before the dtype name (``"torch."`` reproduces torch exactly).
        shape: the tensor's real shape when ``values`` holds only the items picked by
            ``summarized_view(shape)``; leave it out when ``values`` is the whole tensor.
        tangent: a forward-AD tangent's own text, shown last as ``tangent=tensor(...)``.
    """
    values = np.asarray(values)
    if values.dtype.kind == "c":
        raise TypeError("format_tensor does not support complex values")
    shape = tuple(values.shape) if shape is None else tuple(int(n) for n in shape)
    suffixes = [] if device == "cpu" else [f"device='{device}'"]
    dtype_suffix = f"dtype={dtype_prefix}{dtype_name}"
    if math.prod(shape) == 0:
        if len(shape) != 1:
            suffixes.append(f"size={shape}")
        if not (default_dtype and _is_floating_name(dtype_name)):
            suffixes.append(dtype_suffix)
        body = "[]"
    else:
        if not OPTIONS.edgeitems:  # PyTorch then shows the size, summarized or not
            suffixes.append(f"size={shape}")
        if not default_dtype:
            suffixes.append(dtype_suffix)
        summarize = math.prod(shape) > OPTIONS.threshold
        if summarize and len(shape) > 1 and OPTIONS.edgeitems < 0:  # (PyTorch stacks the
            raise RuntimeError("stack expects a non-empty TensorList")  # rows it keeps)
        if summarize and values.shape == shape:
            values = values[np.ix_(*summarized_view(shape))]
        expected = tuple(len(ix) for ix in summarized_view(shape))
        if values.shape != expected:
            raise ValueError(f"values of shape {values.shape} do not match shape {shape}")
        body = _tensor_str(values, shape, len(PREFIX), summarize, _Formatter(values))
    if grad_fn_name is not None:
        suffixes.append(f"grad_fn=<{grad_fn_name}>")
    elif requires_grad:
        suffixes.append("requires_grad=True")
    if tangent is not None:
        suffixes.append(f"tangent={tangent}")
    extra = len(dtype_prefix) - len("torch.")
    return _add_suffixes(PREFIX + body, suffixes, len(PREFIX), extra)
