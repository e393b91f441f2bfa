"""PyTorch's TypeError for ``interpolate(x, size=4.0)`` (and ``nn.Upsample(size=4.0)``): its
Python code repeats a single size once per spatial dimension and hands the list to the C++
kernel of the mode, whose argument parser refuses a list of floats::

    upsample_nearest2d() received an invalid combination of arguments - got (Tensor, list,
    NoneType), but expected one of:
     * (Tensor input, tuple of ints output_size, tuple of floats scale_factors)
          didn't match because some of the arguments have invalid types: (Tensor, !list of
          [float, float]!, !NoneType!)
     * (Tensor input, tuple of ints output_size, float scales_h = None, float scales_w = None,
       *, Tensor out = None)

(``area`` hands it to ``adaptive_avg_pool2d``, whose parser words it as a pool does.)
"""

from __future__ import annotations

from typing import Any

from ..int_arguments import is_index
from ..tensor import Tensor
from .arguments import _described
from .functional_arguments import check_ints

# the kernel PyTorch calls for a mode, by the number of spatial dimensions (with antialias)
_KERNEL_STEMS = {"nearest": "upsample_nearest", "nearest-exact": "_upsample_nearest_exact",
                 "linear": "upsample_linear", "bilinear": "upsample_bilinear",
                 "trilinear": "upsample_trilinear", "bicubic": "upsample_bicubic"}
_SPATIAL = {"linear": 1, "bilinear": 2, "trilinear": 3, "bicubic": 2}
_SCALES = {1: "float scales = None", 2: "float scales_h = None, float scales_w = None",
           3: "float scales_d = None, float scales_h = None, float scales_w = None"}


def refuse_float_size(input: Tensor, size: Any, mode: str,  # noqa: A002
                      antialias: bool) -> None:
    """Raise PyTorch's TypeError if ``size`` is one number that is not an int (``4.0``,
    ``True``) and the mode's kernel would be called with it."""
    if size is None or isinstance(size, (list, tuple)) or is_index(size):
        return
    spatial = input.dim() - 2
    sizes = [size] * spatial
    if mode == "area" and spatial in (1, 2, 3):
        check_ints(f"adaptive_avg_pool{spatial}d", "output_size", 2, sizes)
        return
    if mode not in _KERNEL_STEMS or spatial not in (1, 2, 3) or (
            mode in _SPATIAL and _SPATIAL[mode] != spatial):
        return  # (PyTorch refuses the input's dimensions first)
    stem = _KERNEL_STEMS[mode]
    name = f"_{stem}{spatial}d_aa" if antialias else f"{stem}{spatial}d"
    corners = mode not in ("nearest", "nearest-exact")
    got = ["Tensor", "list", *(["bool"] if corners else []), "NoneType"]
    marks = ["Tensor", f"!{_described(sizes)}!", *(["bool"] if corners else []), "!NoneType!"]
    before = "Tensor input, tuple of ints output_size, " + (
        "bool align_corners, " if corners else "")
    raise TypeError(
        f"{name}() received an invalid combination of arguments - got ({', '.join(got)}), but "
        f"expected one of:\n * ({before}tuple of floats scale_factors)\n      didn't match "
        f"because some of the arguments have invalid types: ({', '.join(marks)})\n"
        f" * ({before}{_SCALES[spatial]}, *, Tensor out = None)\n")
