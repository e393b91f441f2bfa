"""Making tensors: from data (`tensor`, `as_tensor`, `from_numpy`) and from shapes
(`zeros`, `ones`, `full`, `arange`, `linspace`, `eye`, `rand`, `randn`, `normal`, `randint`).

Python floats become float32 (the default float type, see `set_default_dtype`) and ints int64,
as in PyTorch; a NumPy array keeps its dtype.
Every creation function takes ``dtype=``, ``device=`` and ``requires_grad=``.
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy

from . import backend, dtypes, grad_mode
from .arange_float import float_arange
from .borrowed_memory import lend
from .creation_buffers import check_numpy_layout, frombuffer, warn_list_of_arrays  # noqa: F401
from .creation_nested import (
    _check_nesting,
    _flat,
    _nested_sizes,
    _nested_values,
    empty_nested,
    number_as_index,
)
from .creation_sizes import (  # noqa: F401
    _is_whole,
    _shape,
    _size_argument,
    c_type_name,
    too_many_positional,
)
from .keyword_order import map_order
from .memory_overlap import _outside_the_kit
from .numpy_blocks import own_block
from .read_only_arrays import warn_if_read_only
from .tensor import Tensor

INT_GRAD_MESSAGE = "Only Tensors of floating point and complex dtype can require gradients"


def _finish(data: Any, dtype: Any, device: Any, requires_grad: bool) -> Tensor:
    """Cast, move and wrap an array; check ``requires_grad`` is allowed."""
    dtypes.of_numpy(data.dtype)  # PyTorch's error for arrays of strings, objects, dates
    dtype = dtypes.resolve(dtype)
    if dtype is not None and data.dtype != dtype.numpy:
        from .ops.preserved_layout import kept_steps
        from .ops.view_strides import with_steps

        with backend.on_device(backend.device_of(data)):
            cast = dtypes.through_float(data, dtype.numpy).astype(dtype.numpy)
        steps = kept_steps(data, cast.itemsize)  # (a dense array's strides, size-1 ones too)
        data = cast if steps is None else with_steps(backend.module_of(cast), cast, steps)
    if device is not None:
        data = backend.to_device(data, backend.as_device(device))
    out = Tensor._make(data)
    if grad_mode.state.inference:
        out._inference = True
    if requires_grad:
        if not out.dtype.is_floating_point:
            raise RuntimeError(INT_GRAD_MESSAGE)
        out._requires_grad = True
    return out


def _host_array(data: Any, dtype: Any = None) -> numpy.ndarray:
    """Python data as a NumPy array with PyTorch's default dtypes (Python floats stay
    float64 when a ``dtype`` is asked for, so ``dtype=float64`` keeps every digit)."""
    if isinstance(data, numpy.ndarray):
        return data
    inferred, target = None, dtypes.resolve(dtype)
    if isinstance(data, (list, tuple)):
        warn_list_of_arrays(data)
        empty = empty_nested(data, _nested_sizes(data), target)  # (PyTorch reads the shape
        if empty is not None:  # first: "too many dimensions 'str'", "len() of unsized …")
            return empty
        flat = _flat(data)
        inferred = _type_of_items(flat)
        kind = target if target is not None else inferred
        as_index = kind if kind is not None and not kind.is_floating_point else None
        if any(isinstance(v, (Tensor, numpy.ndarray)) or as_index and isinstance(
                v, numpy.generic) for v in flat):  # (arrays: sequences, as PyTorch reads them)
            data = _nested_values(data, _nested_sizes(data), as_index=as_index)
            flat = _flat(data)
        _check_nesting(data, _nested_sizes(data), any(isinstance(v, float) for v in flat))
    elif isinstance(data, (str, bytes)):  # (numpy.str_ by its module too, as C's tp_name)
        raise TypeError(f"new(): invalid data type '{c_type_name(type(data))}'")
    elif isinstance(data, numpy.generic) and target is not None and not target.is_floating_point:
        number_as_index(data, target)  # (numpy.float32(2.5) is refused for an integer type)
    for value in _flat(data) if isinstance(data, (list, tuple)) else [data]:
        if _array_protocol_only(value):  # (NumPy reads it; PyTorch's parser does not)
            raise RuntimeError(f"Could not infer dtype of {c_type_name(type(value))}")
    array = numpy.asarray(data)
    if array.dtype.kind in "uOf" and _has_huge_int(data):  # an int beyond int64: read as a
        if target is None and not _has_float(data) or target is not None and not (
                target.is_floating_point or target is dtypes.bool_):  # double or a bool
            raise ValueError("Overflow when unpacking long long")  # by PyTorch, else refused
        array = numpy.asarray(data, dtype=bool if target is dtypes.bool_ else numpy.float64)
    if array.dtype.kind == "c" and target is not None:  # (the kit has no complex types)
        if target is dtypes.bool_:
            array = array != 0
        elif target.is_floating_point:
            raise TypeError("must be real number, not complex")
        else:
            raise TypeError("'complex' object cannot be interpreted as an integer")
    if target is not None and target.is_floating_point and array.dtype.kind in "iu":
        array = array.astype(numpy.float64)  # (PyTorch reads each int as a double first)
    if inferred is not None:
        return array if dtype is not None else array.astype(inferred.numpy)
    if array.dtype == numpy.float64 and not isinstance(data, numpy.generic) and dtype is None:
        array = array.astype(dtypes.default_float().numpy)  # Python floats: the default type
    elif array.dtype.kind in "iu" and not isinstance(data, numpy.generic):
        array = array.astype(numpy.int64)
    elif array.dtype.kind not in "biuf":
        if isinstance(data, numpy.generic):  # (read as a 0-dim array: numpy.datetime64)
            raise TypeError(dtypes._unconvertible_message(array.dtype))
        raise RuntimeError(f"Could not infer dtype of {_odd_one(data)}")
    return array


def _type_of_items(items: list[Any]) -> dtypes.dtype | None:
    """The type of a list holding tensors or NumPy numbers or arrays, as PyTorch infers it:
    each item's own type (a Python number its default type), promoted together. None for
    lists of Python numbers alone (the usual rules apply)."""
    if not any(isinstance(v, (Tensor, numpy.generic, numpy.ndarray)) for v in items):
        return None
    result = None
    for value in items:
        if isinstance(value, Tensor):
            kind = value.dtype
        elif isinstance(value, (numpy.generic, numpy.ndarray)):
            kind = dtypes.of_numpy(value.dtype)
        elif isinstance(value, (bool, int, float)):
            kind = dtypes.default_for_scalar(value)
        else:
            return None  # not a number: the usual errors follow
        result = kind if result is None else dtypes.promote_pair(result, kind)
    return result


def _has_huge_int(data: Any) -> bool:
    values = _flat(data) if isinstance(data, (list, tuple)) else [data]
    return any(isinstance(v, int) and not -2**63 <= v < 2**63 for v in values)


def _check_converts(array: numpy.ndarray, dtype: Any, data: Any = None) -> None:
    """PyTorch's error when Python numbers do not fit the integer ``dtype`` asked for
    (unsigned types also take negative ints down to -max, which wrap around, but no
    negative float)."""
    dtype = dtypes.resolve(dtype)
    if dtype is None or dtype.numpy.kind not in "iu" or array.size == 0:
        return
    if dtype.numpy.kind == "u" and array.dtype.kind == "f" and _negative_float(data):
        raise RuntimeError(f"value cannot be converted to type {dtype.name} without overflow")
    info = numpy.iinfo(dtype.numpy)
    low = -int(info.max) if dtype.numpy.kind == "u" else int(info.min)
    finite = bool(numpy.isfinite(array).all()) if array.dtype.kind == "f" else True
    if not finite or array.min() < low or array.max() > info.max:
        raise RuntimeError(f"value cannot be converted to type {dtype.name} without overflow")


def _has_float(data: Any) -> bool:
    values = _flat(data) if isinstance(data, (list, tuple)) else [data]
    return any(isinstance(v, (float, numpy.floating)) for v in values)


def _negative_float(data: Any) -> bool:
    values = _flat(data) if isinstance(data, (list, tuple)) else [data]
    return any(isinstance(v, (float, numpy.floating)) and v < 0 for v in values)


def _array_protocol_only(value: Any) -> bool:
    """An object that is neither a number nor a sequence, only NumPy's ``__array__`` (or
    array interface): PyTorch cannot infer its dtype, though NumPy reads it."""
    if isinstance(value, (numpy.ndarray, numpy.generic, Tensor, bool, int, float, complex)):
        return False
    if hasattr(value, "__len__") and hasattr(value, "__getitem__"):  # a sequence
        return False
    return any(hasattr(value, name) for name in
               ("__array__", "__array_interface__", "__array_struct__"))


def _odd_one(data: Any) -> str:
    """The type name of the first value that is not a number (for the dtype error)."""
    values = _flat(data) if isinstance(data, (list, tuple)) else [data]
    for value in values:
        if not isinstance(value, (bool, int, float, numpy.generic)):
            return c_type_name(type(value))  # (decimal.Decimal, as C's tp_name reads)
    return c_type_name(type(data))


def tensor(data: Any, *, dtype: Any = None, device: Any = None,
           requires_grad: bool = False) -> Tensor:
    """A new leaf tensor holding a copy of ``data`` (a number, nested lists, an array)."""
    check_dtype_argument("tensor", dtype)
    if isinstance(data, Tensor):
        return copy_of_tensor(data, dtype, device, requires_grad, "autograd_kit.tensor")
    if isinstance(data, numpy.ndarray):
        check_numpy_layout(data)
    if backend.is_device_array(data):  # (a copy laid out as PyTorch's clone of the array:
        from .ops.preserved_layout import preserved_copy  # a transposed one stays so)

        copied = preserved_copy(backend.module_of(data), data)
        return _finish(copied, dtype, _default_if_none(device, data), requires_grad)
    array = _host_array(data, dtype)
    if array is data:
        array = array.copy()
    else:
        _check_converts(array, dtype, data)
    return _finish(array, dtype, _default_if_none(device, array), requires_grad)


def copy_of_tensor(data: Tensor, dtype: Any, device: Any, requires_grad: bool,
                   spelled: str) -> Tensor:
    """``tensor(t)`` / ``t0.new_tensor(t)``: a copy, with PyTorch's warning naming ``spelled``."""
    warnings.warn("To copy construct from a tensor, it is recommended to use sourceTensor.detach()"
                  ".clone() or sourceTensor.detach().clone().requires_grad_(True), rather than "
                  f"{spelled}(sourceTensor).", UserWarning, stacklevel=_outside_the_kit())
    from .ops.preserved_layout import preserved_copy

    where = device if device is not None else data.device
    # (as PyTorch's .to(copy=True): in the tensor's layout)
    return _finish(preserved_copy(data._xp, data._data), dtype, where, requires_grad)


_MISSING: Any = object()  # an argument not given


def as_tensor(data: Any = _MISSING, *extra: Any, dtype: Any = None, device: Any = None) -> Tensor:
    """Like `tensor`, but shares memory with a tensor or array when no conversion is needed.
    (``dtype`` and ``device`` are keywords only, as PyTorch's parser has them.)"""
    if data is _MISSING:
        raise TypeError('as_tensor() missing 1 required positional arguments: "data"')
    if extra:
        raise too_many_positional("as_tensor", 1, 1 + len(extra))
    check_dtype_argument("as_tensor", dtype)
    if isinstance(data, Tensor):
        return data.to(device=device, dtype=dtypes.resolve(dtype))
    if backend.is_device_array(data):  # (a NumPy array too)
        check_numpy_layout(data)  # (PyTorch's errors, as from tensor() and from_numpy())
        warn_if_read_only(data)
        block = own_block(data) if isinstance(data, numpy.ndarray) else data
        shared = _finish(block, dtype, _default_if_none(device, data), False)
        lend(shared._data, block)  # (when no conversion copied it)
        return shared
    array = _host_array(data, dtype)
    if array is not data:
        _check_converts(array, dtype, data)
    return _finish(array, dtype, _default_if_none(device, array), False)


def _default_if_none(device: Any, data: Any) -> Any:
    """Python or NumPy data goes to the default device when no ``device=`` is given (a GPU
    array stays where it is)."""
    if device is None and type(data) is numpy.ndarray and backend.default_device().type != "cpu":
        return backend.default_device()
    return device


def from_numpy(*args: Any, **kwargs: Any) -> Tensor:
    """A tensor that shares memory with a NumPy array: changing one changes the other.
    (It takes exactly one argument, positional, as PyTorch's C function does.)"""
    function = "autograd_kit._VariableFunctionsClass.from_numpy()"
    if kwargs:
        raise TypeError(f"{function} takes no keyword arguments")
    if len(args) != 1:
        raise TypeError(f"{function} takes exactly one argument ({len(args)} given)")
    array = args[0]
    if not isinstance(array, numpy.ndarray):
        raise TypeError(f"expected np.ndarray (got {c_type_name(type(array))})")
    check_numpy_layout(array)
    dtypes.of_numpy(array.dtype)
    warn_if_read_only(array)
    block = own_block(array)
    shared = _finish(block, None, None, False)  # (an inference tensor in inference_mode)
    lend(shared._data, block)
    return shared


def _filled(size: tuple[Any, ...], value: Any, dtype: Any, device: Any,
            requires_grad: bool, name: str) -> Tensor:
    check_dtype_argument(name, dtype)
    where = backend.as_device(device)
    shape = _shape(size, name)
    dtype = dtypes.resolve(dtype) or dtypes.default_for_scalar(value)
    from .ops.operands import number_for

    one = "unchecked" if math.prod(shape) == 1 else "float16"  # (one float16: no check)
    value = number_for(value, dtype.numpy, one)  # PyTorch's overflow check (-1 is 255 for uint8)
    with backend.on_device(where) as xp:
        data = xp.full(shape, value, dtype=dtype.numpy)
    return _finish(data, None, None, requires_grad)


def zeros(*shape: Any, size: Any = None, dtype: Any = None, device: Any = None,
          requires_grad: bool = False) -> Tensor:
    return _filled(_size_argument(shape, size, "zeros"), 0.0 if dtype is None else 0, dtype,
                   device, requires_grad, "zeros")


def ones(*shape: Any, size: Any = None, dtype: Any = None, device: Any = None,
         requires_grad: bool = False) -> Tensor:
    return _filled(_size_argument(shape, size, "ones"), 1.0 if dtype is None else 1, dtype,
                   device, requires_grad, "ones")


def empty(*shape: Any, size: Any = None, dtype: Any = None, device: Any = None,
          requires_grad: bool = False, memory_format: Any = None) -> Tensor:
    """A tensor whose values you will overwrite (the kit fills it with zeros, to be safe)."""
    if memory_format is dtypes.preserve_format:
        raise RuntimeError("unsupported memory format Preserve")
    from .memory_formats import laid_out_in

    return laid_out_in(_filled(_size_argument(shape, size, "empty"), 0.0 if dtype is None else 0,
                               dtype, device, requires_grad, "empty"), memory_format)


def empty_like(other: Tensor, *, dtype: Any = None, device: Any = None,
               requires_grad: bool = False, memory_format: Any = None) -> Tensor:
    return _like(other, empty, dtype, device, requires_grad, memory_format)


def empty_strided(size: Any, stride: Any, *, dtype: Any = None, device: Any = None,
                  requires_grad: bool = False) -> Tensor:
    """A new tensor of ``size`` laid out with these ``stride`` s (in elements) over just
    enough new memory: ``empty_strided((2, 3), (1, 2))`` is column-major."""
    _check_size_tuple("empty_strided", size, 1)
    _check_size_tuple("empty_strided", stride, 2)
    shape, steps = _shape((size,), "empty_strided"), tuple(int(s) for s in stride)
    if len(shape) != len(steps):
        raise RuntimeError(f"dimensionality of sizes ({len(shape)}) must match dimensionality "
                           f"of strides ({len(steps)})")
    if any(s < 0 for s in steps):
        raise RuntimeError("Storage size calculation overflowed with sizes="
                           f"{list(shape)} and strides={list(steps)}")
    kind = (dtypes.resolve(dtype) or dtypes.default_float()).numpy
    needed = 0 if 0 in shape else 1 + sum((n - 1) * s for n, s in zip(shape, steps))
    with backend.on_device(backend.as_device(device)) as xp:
        memory = xp.zeros(needed, dtype=kind)
        itemsize = memory.itemsize
        data = xp.lib.stride_tricks.as_strided(memory, shape, [s * itemsize for s in steps])
    return _finish(data, None, None, requires_grad)


def full(size: Any, fill_value: Any = _MISSING, *extra: Any, dtype: Any = None,
         device: Any = None, requires_grad: bool = False) -> Tensor:
    if fill_value is _MISSING:
        raise TypeError('full() missing 1 required positional arguments: "fill_value"')
    if extra:
        raise too_many_positional("full", 2, 2 + len(extra))
    _check_size_tuple("full", size, 1)
    fill_value = fill_number("full", fill_value)
    return _filled((size,), fill_value, dtype, device, requires_grad, "full")


def fill_number(name: str, value: Any) -> Any:
    """``value`` as the number ``name`` fills with: a 0-dim tensor counts as its number
    (unless it requires grad); anything else that is not a number is PyTorch's TypeError."""
    if isinstance(value, Tensor) and value.ndim == 0 and not value.requires_grad:
        return value.item()
    if isinstance(value, numpy.bool_):
        return float(value)  # PyTorch fills the default float type with a NumPy bool
    if isinstance(value, (bool, int, float, numpy.number)):
        return value
    shown = "Tensor" if isinstance(value, Tensor) else c_type_name(type(value))
    raise TypeError(f"{name}(): argument 'fill_value' (position 2) must be Number, not {shown}")


def check_dtype_argument(name: str, dtype: Any) -> None:
    """PyTorch's TypeError for a ``dtype=`` that is not a dtype: a string or a NumPy type
    (Python's ``float``, ``int`` and ``bool`` are accepted, as PyTorch does)."""
    if is_bad_dtype(dtype):
        raise TypeError(f"{name}(): argument 'dtype' must be autograd_kit.dtype, not "
                        f"{c_type_name(type(dtype))}")


def _check_size_tuple(name: str, size: Any, position: int) -> None:
    """PyTorch's error for a ``size`` argument that is not a tuple (or list) of ints."""
    if not isinstance(size, (tuple, list)):
        raise TypeError(f"{name}(): argument 'size' (position {position}) must be tuple of "
                        f"ints, not {c_type_name(type(size))}")


def _like(other: Tensor, maker: Any, dtype: Any, device: Any, requires_grad: bool,
          memory_format: Any = None) -> Tensor:
    _check_like_input(maker.__name__ + "_like", other)
    check_dtype_argument(maker.__name__ + "_like", dtype)
    return made_like(other, lambda shape: maker(
        shape,
        dtype=dtype if dtype is not None else other.dtype,
        device=device if device is not None else other.device,
        requires_grad=requires_grad,
    ), memory_format)


def made_like(other: Tensor, make: Any, memory_format: Any) -> Tensor:
    """``make(shape)`` for a tensor shaped like ``other``, laid out in memory like it unless
    ``memory_format=contiguous_format`` (PyTorch's ``preserve_format``: the ``*_like`` of a
    transposed tensor is transposed in memory, random values too fill memory in order)."""
    from .memory_formats import format_order, made_in_format
    from .ops.preserved_layout import kept_steps, preserved_order
    from .ops.view_strides import with_steps

    data = other._data
    if (order := format_order(memory_format, data.ndim)) is not None:  # (channels-last)
        return made_in_format(make, other.shape, order)
    if memory_format is dtypes.contiguous_format or data.ndim < 2 or data.flags.c_contiguous or (
            not data.size):
        made = make(other.shape)
        steps = None if memory_format is dtypes.contiguous_format else kept_steps(
            data, made._data.itemsize)  # (a dense layout keeps every stride, as a clone)
        if steps is not None and steps != made._data.strides:
            made._data = with_steps(made._xp, made._data, steps)
        return made
    return made_in_format(make, other.shape, preserved_order(data.shape, data.strides))


def _check_like_input(name: str, other: Any) -> None:
    if not isinstance(other, Tensor):
        raise TypeError(f"{name}(): argument 'input' (position 1) must be Tensor, not "
                        f"{type(other).__name__}")


def zeros_like(other: Tensor, *, dtype: Any = None, device: Any = None,
               requires_grad: bool = False, memory_format: Any = None) -> Tensor:
    return _like(other, zeros, dtype, device, requires_grad, memory_format)


def ones_like(other: Tensor, *, dtype: Any = None, device: Any = None,
              requires_grad: bool = False, memory_format: Any = None) -> Tensor:
    return _like(other, ones, dtype, device, requires_grad, memory_format)


def full_like(other: Tensor, fill_value: Any, *, dtype: Any = None, device: Any = None,
              requires_grad: bool = False, memory_format: Any = None) -> Tensor:
    _check_like_input("full_like", other)
    check_dtype_argument("full_like", dtype)
    fill_value = fill_number("full_like", fill_value)
    return made_like(other, lambda shape: full(
        shape, fill_value, dtype=dtype if dtype is not None else other.dtype,
        device=device if device is not None else other.device, requires_grad=requires_grad,
    ), memory_format)


_ARANGE_SIGNATURES = ["Number end", "Number start, Number end, *, autograd_kit.dtype dtype = None, "
                      "autograd_kit.layout layout = None, autograd_kit.device device = None, "
                      "bool pin_memory = False, bool requires_grad = False",
                      "Number start, Number end, Number step = 1"]


def arange(start: Any = None, end: Any = None, step: Any = None, *extra: Any,
           dtype: Any = None, device: Any = None, requires_grad: bool = False) -> Tensor:
    """``arange(5)`` → 0 … 4 (int64); with any float argument the values are floats (float32,
    the default type)."""
    given = tuple(value for value in (start, end, step) if value is not None)
    if extra or (start is None and end is None):
        raise _no_overload("arange", given + extra, _ARANGE_SIGNATURES)
    if step is not None and None in (start, end):  # arange(end=5, step=2): no form has that
        named = {key: value for key, value in (("end", end), ("step", step), ("dtype", dtype),
                                               ("device", device)) if value is not None}
        raise _no_overload("arange", () if start is None else (start,), _ARANGE_SIGNATURES,
                           {key: named[key] for key in map_order(named)})  # (as written)
    if start is None:  # arange(end=5)
        check_dtype_overload("arange", (), _ARANGE_SIGNATURES, dtype, end=end)
        start, end = end, None
    check_dtype_overload("arange", given, _ARANGE_SIGNATURES, dtype, device=device,
                         requires_grad=requires_grad)
    step = 1 if step is None else step
    named = (("end", start),) if end is None else (("start", start), ("end", end), ("step", step))
    for position, (name, value) in enumerate(named, 1):
        if isinstance(value, Tensor) and value.ndim or not isinstance(
                value, (int, float, numpy.number, Tensor)):
            if len(named) > 1:
                raise _no_overload("arange", given, _ARANGE_SIGNATURES)
            raise TypeError(f"arange(): argument '{name}' (position {position}) must be Number, "
                            f"not {type(value).__name__}")
    if end is None:
        start, end = 0, start
    # (a 0-dim tensor, or a NumPy scalar, counts as its number: arange(1, tensor(4.)) and
    # arange(numpy.float32(1.5)) give floats)
    start, end, step = (v.item() if isinstance(v, (Tensor, numpy.generic)) else v
                        for v in (start, end, step))
    if dtype is None:
        floating = any(isinstance(v, float) for v in (start, end, step))
        dtype = dtypes.default_float() if floating else dtypes.int64
    dtype = dtypes.resolve(dtype)
    if dtype is dtypes.bool_:
        raise NotImplementedError(f'"arange_{backend.as_device(device).type}" not implemented '
                                  "for 'Bool'")
    count = None
    if not dtype.is_floating_point:  # PyTorch's integer arange: see `_integer_range`
        start, end, step, count = _integer_range(dtype, start, end, step)
    if count is None:
        _check_range(start, end, step)
    with backend.on_device(backend.as_device(device)) as xp:
        if count is None and dtype.is_floating_point:  # PyTorch's SIMD fill, see its module
            count = max(0, math.ceil((end - start) / step))
            data = float_arange(xp, start, step, count, dtype.numpy)
        else:
            data = xp.arange(start, end, step) if count is None else start + xp.arange(count) * step
    return _finish(data, dtype, None, requires_grad)


def _integer_range(dtype: Any, start: Any, end: Any, step: Any) -> tuple[Any, ...]:
    """PyTorch's arange for an integer dtype with float arguments: for int64 the arguments
    are truncated to integers first; for the other integer types the count comes from the
    float arguments, and the values from the truncated start and step (which may be 0).
    Either way the float arguments are checked first (``arange(1.5, 1.0, dtype=int64)``
    is refused although 1 to 1 is an empty range)."""
    if dtype is dtypes.int64:
        _check_range(start, end, step)
        if int(step) == 0:
            raise ValueError("step must be nonzero")
        return int(start), int(end), int(step), None
    if step == 0 or not (math.isfinite(start) and math.isfinite(end)):
        return start, end, step, None  # (`_check_range` raises PyTorch's error)
    _check_range(start, end, step)
    return int(start), end, int(step), math.ceil((end - start) / step)


def _check_range(start: Any, end: Any, step: Any) -> None:
    """PyTorch's errors for an ``arange`` that cannot be counted out."""
    if step == 0:
        raise RuntimeError("step must be nonzero")
    if not (math.isfinite(start) and math.isfinite(end)):
        raise RuntimeError(f"unsupported range: {start} -> {end}")
    if (step > 0 and end < start) or (step < 0 and end > start):
        raise RuntimeError("upper bound and lower bound inconsistent with step sign")


_CREATION_OPTIONS = ("*, Tensor out = None, autograd_kit.dtype dtype = None, autograd_kit.layout "
                     "layout = None, autograd_kit.device device = None, bool pin_memory = False, "
                     "bool requires_grad = False")


def _no_overload(name: str, args: tuple[Any, ...], signatures: list[str],
                 named: dict[str, Any] | None = None) -> TypeError:
    """PyTorch's error when the arguments match none of a function's signatures: each
    signature ends with the creation options unless it already names its own ``*, …``."""
    got = [c_type_name(type(a)) for a in args]
    got += [f"{key}={c_type_name(type(value))}" for key, value in (named or {}).items()]
    if args == () and named:
        got.append("")  # PyTorch's "got (dtype=str, size=tuple, )" with keywords only
    options = "".join(f"\n * ({sig if ', *' in sig else f'{sig}, {_CREATION_OPTIONS}'})"
                      for sig in signatures)
    return TypeError(f"{name}() received an invalid combination of arguments - got "
                     f"({', '.join(got)}), but expected one of:{options}\n")


def is_bad_dtype(dtype: Any) -> bool:
    """Whether ``dtype=`` is something PyTorch does not read as a dtype (a string, a number,
    a NumPy type, a legacy tensor type such as ``FloatTensor``); None and Python's ``float``,
    ``int``, ``bool`` and ``complex`` are fine."""
    return not (dtype is None or dtypes.is_dtype_argument(dtype))


def check_dtype_overload(name: str, args: tuple[Any, ...], signatures: list[str],
                         dtype: Any, refused: bool = False, **given: Any) -> None:
    """PyTorch's "invalid combination of arguments" TypeError for the functions with several
    signatures (``arange``, ``eye``, ``linspace``, ``rand``, …) when ``dtype=`` is not a
    dtype (``arange(3, dtype='int64')`` fails in PyTorch; ``zeros`` names the argument),
    ``generator=`` is not a Generator, or the caller already ``refused`` the positional
    arguments (one too many: ``linspace(0, 1, 5, torch.float32)``)."""
    from .random import Generator

    generator, flag = given.get("generator"), given.get("requires_grad")
    if not refused and not is_bad_dtype(dtype) and (
            generator is None or isinstance(generator, Generator)) and (
            flag is None or isinstance(flag, bool)):
        return
    named = {"dtype": dtype} | {key: value for key, value in given.items()
                                if value is not None and value is not False}
    raise _no_overload(name, args, signatures,
                       {key: value for key, value in named.items() if value is not None})


from .creation_out import add_factory_out  # noqa: E402
from .creation_random import (  # noqa: E402, F401  (the random makers live in their own file)
    check_bounds,
    normal,
    rand,
    rand_like,
    randint,
    randint_like,
    randn,
    randn_like,
    randperm,
)
from .creation_spaced import eye, linspace, logspace  # noqa: E402, F401  (their own file)

add_factory_out(globals(), ("zeros", "ones", "empty", "full", "arange", "linspace", "logspace",
                            "eye"))  # torch.zeros(3, out=z), … (ones in creation_random.py)
add_factory_out(globals(), ("empty_strided", "empty_like", "zeros_like", "ones_like",
                            "full_like"), ("layout", "pin_memory"))
add_factory_out(globals(), ("tensor",), ("pin_memory",))
