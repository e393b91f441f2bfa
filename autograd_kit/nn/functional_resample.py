"""Channel dropout (``F.dropout1d``, ``F.dropout2d``, ``F.dropout3d``) and ``F.interpolate``.

Channel dropout zeroes whole feature maps: one keep-or-drop draw per (sample, channel), as
PyTorch's ``feature_dropout`` draws its mask with ``bernoulli_(1 - p)`` on an (N, C, 1, …)
tensor; the survivors are scaled by 1/(1 - p). The mask is a tensor the output multiplies by
(``MulBackward0``).

``interpolate`` resizes the spatial dimensions of an (N, C, …) input; the rules are in
``ops/resample.py``.

Also here, shared by every dropout (F's and the ``torch.*dropout*`` operators):
`dropout_shortcut` (what ATen decides before drawing a mask) and `check_feature_dims`.
"""

from __future__ import annotations

import math
import numbers
import warnings
from typing import Any

import numpy

from .. import dtypes
from ..ops import resample
from ..ops.operands import kernel_error
from ..tensor import Tensor
from .functional_conv import adaptive_avg_pool2d
from .functional_pool import adaptive_avg_pool1d
from .functional_resample_weights import resample_2d, resample_uint8
from .resample_size_errors import refuse_float_size
from .volumetric import adaptive_avg_pool3d


def _feature_dropout(input: Tensor, p: float, training: bool,  # noqa: A002
                     inplace: bool) -> Tensor:
    """input · mask, mask (N, C, 1, …) = 1/(1 - p) with probability 1 - p, else 0."""
    if p < 0 or p > 1:
        raise RuntimeError(f"dropout probability has to be between 0 and 1, but got {p}")
    if (done := dropout_shortcut(input, p, training, inplace, feature=True)) is not None:
        return done
    if not input.is_floating_point():
        word = dtypes.scalar_type_word(input.dtype.name)
        raise RuntimeError(f"result type Float can't be cast to the desired output type {word}")
    from .. import backend, random

    xp = input._xp
    shape = tuple(input.shape[:2]) + (1,) * (input.dim() - 2)
    with backend.on_device(input.device):
        keep = random.uniform(shape, input.device, dtype=numpy.float64) < 1 - p
        mask = keep.astype(input._data.dtype) * keep_scale(input._data.dtype, p)
    mask_t = Tensor._make(xp.asarray(mask, dtype=input._data.dtype))
    return input.mul_(mask_t) if inplace else input * mask_t


def dropout_shortcut(input: Tensor, p: float, training: bool, inplace: bool,  # noqa: A002
                     feature: bool = False) -> Tensor | None:
    """What ATen decides before drawing a mask: nothing to drop (not training, p = 0, no
    values) → the input itself; p = 1 → input times a 0-dim zero of its own dtype (before
    any check of its dimensions or dtype: an integer or 1-D input passes); feature dropout
    needs dims 0 and 1. None: a mask is to be drawn."""
    if not training or p == 0 or input.numel() == 0:
        return input
    if p == 1:
        zero = input.new_zeros(())
        return input.mul_(zero) if inplace else input * zero
    if feature:
        check_feature_dims(input)
    return None


def keep_scale(dtype: Any, p: float) -> Any:
    """1/(1 - p), the survivors' scale, as ATen's ``noise.div_(1 - p)`` computes it: in the
    dtype, but in float32 for float16 (its arithmetic type), then rounded to float16."""
    wide = numpy.float32 if dtype == numpy.float16 else dtype.type
    return dtype.type(wide(1) / wide(1 - p))


def check_feature_dims(input: Tensor) -> None:  # noqa: A002
    """ATen's feature dropout (channels, or alpha_dropout's) needs dims 0 and 1."""
    if input.dim() < 2:
        raise RuntimeError("Feature dropout requires at least 2 dimensions in the input")


def _check_p(p: float) -> None:
    if p < 0.0 or p > 1.0:
        raise ValueError(f"dropout probability has to be between 0 and 1, but got {p}")


def dropout1d(input: Tensor, p: float = 0.5, training: bool = True,  # noqa: A002
              inplace: bool = False) -> Tensor:
    """Zero whole channels of an (N, C, L) or (C, L) input with probability p."""
    _check_p(p)
    if input.dim() not in (2, 3):
        raise RuntimeError(
            f"dropout1d: Expected 2D or 3D input, but received a {input.dim()}D input. Note "
            "that dropout1d exists to provide channel-wise dropout on inputs with 1 spatial "
            "dimension, a channel dimension, and an optional batch dimension (i.e. 2D or 3D "
            "inputs).")
    return _unbatched_too(input, input.dim() == 3, p, training, inplace)


def dropout2d(input: Tensor, p: float = 0.5, training: bool = True,  # noqa: A002
              inplace: bool = False) -> Tensor:
    """Zero whole channels of an (N, C, H, W) input with probability p.

    As in PyTorch, a 3-D input is taken as (N, C, L) (with a warning), not as (C, H, W).
    """
    _check_p(p)
    ndim = input.dim()
    if ndim not in (3, 4):
        warnings.warn(
            f"dropout2d: Received a {ndim}-D input to dropout2d, which is deprecated and will "
            "result in an error in a future release. To retain the behavior and silence this "
            "warning, please use dropout instead. Note that dropout2d exists to provide "
            "channel-wise dropout on inputs with 2 spatial dimensions, a channel dimension, "
            "and an optional batch dimension (i.e. 3D or 4D inputs).", stacklevel=2)
    if ndim == 3:
        warnings.warn(
            "dropout2d: Received a 3D input to dropout2d and assuming that channel-wise 1D "
            "dropout behavior is desired - input is interpreted as shape (N, C, L), where C is "
            "the channel dim. This behavior will change in a future release to interpret the "
            "input as one without a batch dimension, i.e. shape (C, H, W). To maintain the 1D "
            "channel-wise dropout behavior, please switch to using dropout1d instead.",
            stacklevel=2)
    return _feature_dropout(input, p, training, inplace)


def dropout3d(input: Tensor, p: float = 0.5, training: bool = True,  # noqa: A002
              inplace: bool = False) -> Tensor:
    """Zero whole channels of an (N, C, D, H, W) or (C, D, H, W) input with probability p."""
    _check_p(p)
    ndim = input.dim()
    if ndim not in (4, 5):
        warnings.warn(
            f"dropout3d: Received a {ndim}-D input to dropout3d, which is deprecated and will "
            "result in an error in a future release. To retain the behavior and silence this "
            "warning, please use dropout instead. Note that dropout3d exists to provide "
            "channel-wise dropout on inputs with 3 spatial dimensions, a channel dimension, "
            "and an optional batch dimension (i.e. 4D or 5D inputs).", stacklevel=2)
    return _unbatched_too(input, ndim == 5, p, training, inplace)


def _unbatched_too(input: Tensor, is_batched: bool, p: float, training: bool,  # noqa: A002
                   inplace: bool) -> Tensor:
    """Channel dropout of an input with or without its batch dimension (added, then removed)."""
    if not is_batched:
        input = input.unsqueeze_(0) if inplace else input.unsqueeze(0)
    result = _feature_dropout(input, p, training, inplace)
    if not is_batched:
        result = result.squeeze_(0) if inplace else result.squeeze(0)
    return result


# ---- interpolate ----------------------------------------------------------------------------

_NEEDS = {"linear": 3, "bilinear": 4, "trilinear": 5}


def _sizes_and_scales(input: Tensor, size: Any, scale_factor: Any,  # noqa: A002
                      recompute_scale_factor: bool | None, mode: str) -> tuple[list, Any]:
    dim = input.dim() - 2
    if size is not None and scale_factor is not None:
        raise ValueError("only one of size or scale_factor should be defined")
    if size is not None:
        scales = None
        if isinstance(size, list | tuple):
            if len(size) != dim:
                raise ValueError(
                    "Input and output must have the same number of spatial dimensions, but got "
                    f"input with spatial dimensions of {list(input.shape[2:])} and output size "
                    f"of {size}. Please provide input tensor in (N, C, d1, d2, ...,dK) format "
                    "and output size in (o1, o2, ...,oK) format.")
            if not all(isinstance(s, numbers.Integral) for s in size):
                raise TypeError(
                    "expected size to be one of int or Tuple[int] or Tuple[int, int] or "
                    "Tuple[int, int, int], but got size with types "
                    f"{[type(s) for s in size]}")
            out = [int(s) for s in size]
        else:
            out = [int(size)] * dim
    elif scale_factor is not None:
        if isinstance(scale_factor, list | tuple):
            if len(scale_factor) != dim:
                raise ValueError(
                    "Input and scale_factor must have the same number of spatial dimensions, "
                    f"but got input with spatial dimensions of {list(input.shape[2:])} and "
                    f"scale_factor of shape {scale_factor}. Please provide input tensor in "
                    "(N, C, d1, d2, ...,dK) format and scale_factor in (s1, s2, ...,sK) format.")
            scales = [float(s) for s in scale_factor]
        else:
            scales = [float(scale_factor)] * dim
        out = None
    else:
        raise ValueError("either size or scale_factor should be defined")
    if recompute_scale_factor and size is not None:
        raise ValueError("recompute_scale_factor is not meaningful with an explicit size.")
    if mode == "area" and out is None:
        recompute_scale_factor = True
    if recompute_scale_factor:
        out = [int(math.floor(n * s)) for n, s in zip(input.shape[2:], scales)]
        scales = None
    if out is None:
        out = resample.output_sizes(tuple(input.shape[2:]), scales)
    return out, scales


_AREA_POOLS = {3: adaptive_avg_pool1d, 4: adaptive_avg_pool2d, 5: adaptive_avg_pool3d}


def interpolate(input: Tensor, size: Any = None, scale_factor: Any = None,  # noqa: A002
                mode: str = "nearest", align_corners: bool | None = None,
                recompute_scale_factor: bool | None = None, antialias: bool = False) -> Tensor:
    """Resize the spatial dimensions of an (N, C, d1, …) input to ``size`` (or by
    ``scale_factor``): ``nearest``/``nearest-exact`` copy the nearest input value,
    ``linear``/``bilinear``/``trilinear`` mix the two neighbours along each axis (the corner
    pixels' centres aligned with ``align_corners=True``); ``bicubic`` mixes four (4-D inputs,
    as does ``antialias=True``: see ``functional_resample_weights.py``); ``area`` averages
    (``adaptive_avg_pool1d``/``2d``/``3d``). One recorded operation, named as in PyTorch
    (``UpsampleNearest2DBackward0``, ``UpsampleBilinear2DBackward0``, …).
    """
    if mode in ("nearest", "area", "nearest-exact"):
        if align_corners is not None:
            raise ValueError("align_corners option can only be set with the interpolating "
                             "modes: linear | bilinear | bicubic | trilinear")
    elif align_corners is None:
        align_corners = False
    refuse_float_size(input, size, mode, antialias)
    out, scales = _sizes_and_scales(input, size, scale_factor, recompute_scale_factor, mode)
    if antialias and not (mode in ("bilinear", "bicubic", "lanczos") and input.dim() == 4):
        raise ValueError("Anti-alias option is restricted to bilinear, bicubic, and lanczos "
                         "modes and requires a 4-D tensor as input")
    ndim = input.dim()
    if (mode, ndim) in _KERNELS:
        _check_sizes(input, out)
    _check_kernel_dtype(input, mode, antialias)
    if ndim == 4 and mode in ("bilinear", "bicubic") and input.dtype.name == "uint8":
        return resample_uint8(input, mode, out, scales, bool(align_corners), antialias)
    if ndim == 4 and (mode == "bicubic" or (antialias and mode == "bilinear")):
        return resample_2d(input, mode, out, scales, bool(align_corners), antialias)
    if mode in ("nearest", "nearest-exact") and ndim in (3, 4, 5):
        return resample.upsample(input, mode, out, scales, False)
    if mode == "area" and ndim in _AREA_POOLS:
        return _AREA_POOLS[ndim](input, tuple(out))
    if mode in _NEEDS and ndim == _NEEDS[mode]:
        if antialias:
            raise NotImplementedError("antialias=True is not supported by autograd_kit")
        return resample.upsample(input, mode, out, scales, bool(align_corners))
    if mode == "lanczos" and ndim == 4:
        if align_corners:
            raise ValueError("Lanczos mode does not support align_corners=True")
        if not antialias:
            raise ValueError("Lanczos mode requires antialias=True")
        raise NotImplementedError("interpolate mode 'lanczos' is not supported by autograd_kit")
    for name, need in _NEEDS.items():
        if mode == name and ndim in (3, 4, 5):
            raise NotImplementedError(f"Got {ndim}D input, but {name} mode needs {need}D input")
    raise NotImplementedError(
        f"Input Error: Only 3D, 4D and 5D input Tensors supported (got {ndim}D) for the modes: "
        "nearest | linear | bilinear | bicubic | trilinear | lanczos | area | nearest-exact "
        f"(got {mode})")


# PyTorch's CPU kernel for each (mode, input dimensions): the name its dtype error gives
_NEAREST, _LINEAR = "compute_indices_weights_nearest", "compute_indices_weights_linear"
_KERNELS = {("nearest", 3): _NEAREST, ("nearest-exact", 3): _NEAREST, ("linear", 3): _LINEAR,
            ("nearest", 4): "upsample_nearest2d_channels_last",
            ("nearest-exact", 4): "upsample_nearest2d_channels_last",
            ("bilinear", 4): "upsample_bilinear2d_channels_last",
            ("bicubic", 4): "compute_indices_weights_cubic",
            ("nearest", 5): _NEAREST, ("nearest-exact", 5): _NEAREST, ("trilinear", 5): _LINEAR}


def _check_sizes(input: Tensor, out: list[int]) -> None:  # noqa: A002
    """PyTorch's resampling kernels refuse an empty spatial size, given or computed (a small
    scale_factor), then an input with no channels."""
    names = ("D", "H", "W")[3 - len(out):]
    if min(input.shape[2:]) <= 0 or min(out) <= 0:
        given = ", ".join(f"{n}: {s}" for n, s in zip(names, input.shape[2:]))
        wanted = ", ".join(f"{n}: {s}" for n, s in zip(names, out))
        joint = " and output" if len(out) == 1 else " output"
        raise RuntimeError("Input and output sizes should be greater than 0, but got input "
                           f"({given}){joint} ({wanted})")
    if input.shape[1] == 0:
        raise RuntimeError(f"Non-empty {input.dim()}D data tensor expected but got a tensor "
                           f"with sizes {list(input.shape)}")


def _check_kernel_dtype(input: Tensor, mode: str, antialias: bool) -> None:  # noqa: A002
    """PyTorch resamples floating inputs, and uint8 ones with ``nearest`` or in 2-D: other
    dtypes are its kernel's ``"compute_indices_weights_linear" not implemented for 'Long'``
    (``area`` is the adaptive pools', which check for themselves)."""
    kernel = _KERNELS.get((mode, input.dim()))
    if kernel is None or input.is_floating_point() or (
            input.dtype.name == "uint8" and (mode.startswith("nearest") or input.dim() == 4)):
        return
    raise kernel_error("compute_index_ranges_weights" if antialias else kernel, input.dtype)


def upsample(input: Tensor, size: Any = None, scale_factor: Any = None,  # noqa: A002
             mode: str = "nearest", align_corners: bool | None = None) -> Tensor:
    """Deprecated name of `interpolate` (PyTorch warns too)."""
    warnings.warn("`nn.functional.upsample` is deprecated. Use `nn.functional.interpolate` "
                  "instead.", stacklevel=2)
    return interpolate(input, size, scale_factor, mode, align_corners)
