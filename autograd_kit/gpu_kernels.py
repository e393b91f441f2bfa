"""One-launch CUDA kernels for the elementwise steps a training step runs on every parameter
and every activation (CuPy ``ElementwiseKernel``s, compiled on first use and cached per dtype).

Each kernel gives, value by value, the bits the kit's generic array code gives for the same
inputs, but reads each input once, writes the result once and never reads a value back to the
host (which would stall the GPU's queue of work):

* ``add_scaled(a, b, α)``          a + α·b                   (``p.add_(g, alpha=-lr)``)
* ``addcmul(a, b, c, v)``          a + (v·b)·c               (Adam's, RMSprop's second moment)
* ``lerp(a, end, w)``              a + w·(end - a)      for |w| < 0.5,
                                   end - (end - a)·(1 - w)   otherwise (exact at both ends)
* ``threshold_backward(g, y, t)``  +0 where y <= t, else g   (ReLU's backward, PyTorch's)

"One rounding" means what the kit computes on the CPU. For float32 that is: the float32
product, exact in float64, plus the addend, rounded to float64 and then to float32; written
``(float) fma((double) x, (double) y, (double) a)`` here. (A float32 ``fmaf`` would round once
only, which differs in rare ties: 1 + (1 + 2035·2⁻²³)·(2²⁴ - 4069)·2⁻⁴⁸ is 1 this way and
1 + 2⁻²³ with ``fmaf``.) For float64 it is ``fma`` itself, the exactly rounded a + x·y that
the CPU's error-free transformations reproduce but for rare ties.

Kernels are compiled with ``--fmad=false``, so the compiler never fuses a product that the
formula rounds (the one ``fma`` in each formula is written out). CuPy itself adds
``-ftz=true`` to every kernel it compiles (cupy/cupy#8382), so on the GPU float32 subnormals
count as 0, in these kernels as in CuPy's own. CuPy is imported only here, when a CuPy array
has been seen; the kit imports and runs without it.
"""

from __future__ import annotations

from typing import Any

import numpy

from . import backend

FLOAT_TYPES = ("float32", "float64")
_C_TYPES = {"float32": "float", "float64": "double"}
_ROUNDED = {"float32": ("__fmul_rn", "__fsub_rn"), "float64": ("__dmul_rn", "__dsub_rn")}

# the kernels' parameters and bodies; {t} is the dtype, {c} its C type, {mul}/{sub} its
# correctly rounded product and difference
_SOURCES: dict[str, tuple[str, str, str]] = {
    "add_scaled": ("{t} a, {t} b, {t} alpha", "{t} out",
                   "out = ({c}) fma((double) b, (double) alpha, (double) a)"),
    "addcmul": ("{t} a, {t} b, {t} c, {t} value", "{t} out",
                "{c} s = value == ({c}) 1 ? b : {mul}(value, b);\n"
                "out = ({c}) fma((double) s, (double) c, (double) a)"),
    "lerp": ("{t} a, {t} end, {t} scale, bool from_end", "{t} out",
             "{c} d = {sub}(end, a);\n"
             "out = ({c}) fma((double) d, (double) scale, (double) (from_end ? end : a))"),
    "threshold_backward": ("{t} g, {t} y, {t} threshold", "{t} out",
                           "out = (y <= threshold) ? ({c}) 0 : g"),
}
_KERNELS: dict[tuple[str, str], Any] = {}


def on_cupy(array: Any) -> bool:
    """True for a real CuPy array (not NumPy's, not the test suite's CuPy stand-in)."""
    if type(array) is numpy.ndarray or not backend.is_device_array(array):
        return False
    return backend.module_of(array).__name__ == "cupy"


def _kernel(name: str, dtype: str) -> Any:
    """The kernel ``name`` for ``dtype``, built (and cached) on first use."""
    kernel = _KERNELS.get((name, dtype))
    if kernel is None:
        import cupy

        params, outputs, body = _SOURCES[name]
        mul, sub = _ROUNDED[dtype]
        fill = {"t": dtype, "c": _C_TYPES[dtype], "mul": mul, "sub": sub}
        kernel = _KERNELS[(name, dtype)] = cupy.ElementwiseKernel(
            params.format(**fill), outputs.format(**fill), body.format(**fill),
            f"autograd_kit_{name}_{dtype}", options=("--fmad=false",))
    return kernel


def _bounds(x: Any) -> tuple[int, int]:
    """The first and one-past-last byte addresses an array's elements can touch."""
    low = high = x.data.ptr
    for size, stride in zip(x.shape, x.strides):
        if size == 0:
            return low, low
        if stride > 0:
            high += (size - 1) * stride
        else:
            low += (size - 1) * stride
    return low, high + x.itemsize


def _aliases_badly(x: Any, out: Any) -> bool:
    """Whether writing ``out`` element by element could change ``x`` before it is read: they
    overlap without being the same elements (CuPy's user kernels do not copy such inputs)."""
    if x is out or (x.data.ptr == out.data.ptr and x.strides == out.strides):
        return False
    (x_low, x_high), (out_low, out_high) = _bounds(x), _bounds(out)
    return x_low < out_high and out_low < x_high


def fusable(a: Any, *others: Any, inplace: bool = False) -> bool:
    """Whether the kernels can take ``a`` and ``others``: real CuPy arrays of one shape and
    one dtype, float32 or float64 (and, to write into ``a``, none overlapping it otherwise).
    Anything else keeps the generic code."""
    if not on_cupy(a) or a.dtype.name not in FLOAT_TYPES:
        return False
    for x in others:
        if type(x) is not type(a) or x.dtype != a.dtype or x.shape != a.shape:
            return False
        if inplace and _aliases_badly(x, a):
            return False
    return True


def add_scaled(a: Any, b: Any, alpha: float, out: Any = None) -> Any:
    """a + α·b, one rounding, α first rounded to the arrays' dtype (into ``out`` if given)."""
    kernel = _kernel("add_scaled", a.dtype.name)
    scalar = a.dtype.type(alpha)
    return kernel(a, b, scalar) if out is None else kernel(a, b, scalar, out)


def addcmul(a: Any, b: Any, c: Any, value: float, out: Any = None) -> Any:
    """a + (v·b)·c: v·b rounded in the dtype (skipped for v = 1), the rest one rounding."""
    kernel = _kernel("addcmul", a.dtype.name)
    scalar = a.dtype.type(value)
    return kernel(a, b, c, scalar) if out is None else kernel(a, b, c, scalar, out)


def lerp_(a: Any, end: Any, weight: float) -> None:
    """a ← a + w·(end - a) for |w| < 0.5, else end - (end - a)·(1 - w), each one rounding;
    end - a and 1 - w rounded in the dtype."""
    w = a.dtype.type(weight)
    if abs(weight) < 0.5:
        _kernel("lerp", a.dtype.name)(a, end, w, False, a)
    else:
        rest = -(a.dtype.type(1) - w) if a.dtype.name == "float32" else -(1 - weight)
        _kernel("lerp", a.dtype.name)(a, end, a.dtype.type(rest), True, a)


def threshold_backward(g: Any, y: Any, threshold: Any) -> Any:
    """+0 where y <= t, else g (PyTorch's formula): ReLU's backward in one pass. None when
    the kernel does not apply (other dtypes or shapes, a threshold the dtype cannot hold)."""
    if not fusable(g, y):
        return None
    t = g.dtype.type(threshold)
    if t != threshold:
        return None
    return _kernel("threshold_backward", g.dtype.name)(g, y, t)
