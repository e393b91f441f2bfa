"""Getting operands ready: numbers vs tensors, PyTorch's result type, one device.

Every binary operation starts here, so dtype promotion and the device check are written once.
"""

from __future__ import annotations

from typing import Any

import numpy

from .. import backend, dtypes
from ..int_arguments import is_index
from ..tensor import Tensor
from ..tensor_arguments import _type_name


def zero_gradient(grad: Tensor) -> Tensor:
    """Zeros shaped like ``grad``, outside any graph: the gradient of a flat function (floor,
    sign, fill_, …). PyTorch gives ``zeros_like(grad)`` there, never ``grad * 0`` (-0. for a
    negative grad, and a MulBackward node under create_graph), laid out as grad (its
    ``preserve_format``: the strides of size-1 dimensions too)."""
    from ..creation import made_like

    xp, data = grad._xp, grad._data
    return made_like(grad, lambda shape: Tensor._make(xp.zeros(shape, data.dtype)), None)


def kernel_error(kernel: str, dtype: dtypes.dtype) -> NotImplementedError:
    """PyTorch's error for an operation without a kernel for that type:
    ``"abs_cpu" not implemented for 'Bool'``."""
    return NotImplementedError(
        f'"{kernel}" not implemented for \'{dtypes.scalar_type_word(dtype.name)}\''
    )


INTEGERS = ("uint8", "int8", "int16", "int32", "int64")  # (the names of the integer dtypes)


def require_kernel_dtype(kernel: str, x: Tensor, *also: str) -> None:
    """PyTorch's ``kernel_error`` unless ``x`` is floating (or its dtype's name is one of
    ``also``): the pooling and resampling kernels that have no integer versions."""
    if not x.is_floating_point() and x.dtype.name not in also:
        raise kernel_error(kernel, x.dtype)


def save_factors(ctx: Any, a: Any, b: Any, first: int = 0) -> None:
    """Save the two factors of a product, each only if the *other* needs a gradient.

    ∂(ab)/∂a needs b and ∂(ab)/∂b needs a, so PyTorch keeps a factor only when it will be
    used: a factor nobody needs later may then be changed in place without backward failing.
    ``first`` is the position of ``a`` among the forward's inputs (``b`` follows it).
    """
    needs = ctx.needs_input_grad
    if first or len(needs) != 2:
        needs = needs[first:first + 2]
    needs_a, needs_b = needs if len(needs) == 2 else (False, False)  # (none: forward by hand)
    ctx.save_for_backward(a if needs_b else None, b if needs_a else None)


def saved_indices_output(ctx: Any, indices: Tensor, *others: Any) -> None:
    """Save an operation's non-differentiable ``indices`` output (max, sort, cummax, …) after
    ``others``, as PyTorch saves it: changing it in place (or backward freeing it) breaks
    backward, but it shows without a grad_fn, being no differentiable output. (A stand-in
    with the same data and version counter is saved, not the output itself.)"""
    alias = Tensor._make(indices._data)
    alias._version_counter = indices._version_counter
    ctx.save_for_backward(*others, alias)


def kept_index(value: Any) -> tuple[Any, Tensor]:
    """An index (or mask) argument as (its array, the tensor to save for backward). The
    caller's own tensor is saved, as PyTorch saves it: changing it in place afterwards makes
    backward fail. (An array the kit made itself, e.g. in a backward rule, gets a new one.)
    A Function taking one lists its position in ``non_inputs``: it gets no edge."""
    if isinstance(value, Tensor):
        return value._data, value
    return value, Tensor._make(value)


def is_number(value: Any) -> bool:
    return isinstance(value, (int, float, bool)) and not isinstance(value, Tensor)


_READY = (Tensor, float, int, bool)  # already operands as they are


def as_operand(value: Any) -> Any:
    """A Tensor or a Python number; NumPy scalars become numbers, lists and arrays tensors."""
    if type(value) in _READY or isinstance(value, Tensor):
        return value
    if isinstance(value, numpy.generic):  # (PyTorch reads a NumPy bool as a float number)
        return float(value) if isinstance(value, numpy.bool_) else value.item()
    if is_number(value):
        return value
    from ..creation import as_tensor

    return as_tensor(value)


def as_operands(a: Any, b: Any) -> tuple[Any, Any]:
    """Both arguments as operands (tensors or numbers); two numbers make the first a tensor,
    as ``torch.add(1, 2)`` gives ``tensor(3)``."""
    a, b = as_operand(a), as_operand(b)
    if not isinstance(a, Tensor) and not isinstance(b, Tensor):
        from ..creation import as_tensor

        a = as_tensor(a)
    return a, b


def on_other_devices(a: Tensor, b: Tensor) -> bool:
    """True when the two tensors' data live on different devices."""
    x, y = a._data, b._data
    return type(x) is not type(y) or (type(x) is not numpy.ndarray and a.device != b.device)


def is_cpu_scalar(t: Tensor) -> bool:
    """A 0-dim tensor on the CPU: elementwise operations accept it beside a GPU tensor, as
    PyTorch does (``x_cuda * torch.tensor(2.)``); its one value is copied over."""
    return type(t._data) is numpy.ndarray and t._data.ndim == 0


def check_same_device(a: Tensor, b: Tensor) -> None:
    """PyTorch's error for mixing devices in one elementwise operation (a CPU scalar aside)."""
    if on_other_devices(a, b) and not (is_cpu_scalar(a) or is_cpu_scalar(b)):
        raise two_devices_error(a, b)


def two_devices_error(a: Tensor, b: Tensor) -> RuntimeError:
    """``Expected all tensors to be on the same device, but found at least two devices, …``"""
    first, second = sorted({str(a.device), str(b.device)}, reverse=True)
    return RuntimeError("Expected all tensors to be on the same device, but found at least two "
                        f"devices, {first} and {second}!")


def data_beside(t: Tensor, other: Tensor) -> Any:
    """``t``'s array on ``other``'s device: a CPU scalar beside a GPU tensor is copied there
    (after `check_same_device`, nothing else can differ)."""
    if on_other_devices(t, other) and is_cpu_scalar(t):
        return backend.to_device(t._data, other.device)
    return t._data


def check_argument_devices(method: str, **arguments: Tensor | None) -> None:
    """PyTorch's device check for operations that name their arguments (mm, addmm, cat,
    gather, nll_loss, …): the first tensor sets the device, and the first one elsewhere is
    named, with the kernel PyTorch would have run (``wrapper_CUDA_addmm``)."""
    common = None
    for name, t in arguments.items():
        if t is None:
            continue
        if common is None:
            common = t
        elif on_other_devices(t, common):
            raise argument_device_error(method, name, t, common)


def argument_device_error(method: str, name: str, t: Tensor, common: Tensor) -> RuntimeError:
    """``got mat1 is on cpu, different from other tensors on cuda:0 (… wrapper_CUDA_addmm)``"""
    kernel = "CUDA" if "cuda" in (t.device.type, common.device.type) else "CPU"
    return RuntimeError(
        f"Expected all tensors to be on the same device, but got {name} is on {t.device}, "
        f"different from other tensors on {common.device} (when checking argument in method "
        f"wrapper_{kernel}_{method})"
    )


def common_dtype(*values: Any) -> dtypes.dtype:
    """PyTorch's result type for a mix of tensors and Python numbers."""
    dimensioned, zero_dim, scalars = [], [], []
    for v in values:
        if isinstance(v, Tensor):
            (dimensioned if v._data.ndim else zero_dim).append(v.dtype)
        else:
            scalars.append(v)
    return dtypes.result_type(dimensioned, zero_dim, scalars)


def arrays(a: Any, b: Any, *, wrap: bool = True) -> tuple[Any, Any]:
    """The two operands as arrays (or numbers) that compute in PyTorch's result type
    (``wrap``: an int too large for an integer tensor wraps around, see `wrapped`)."""
    if (type(b) is float or type(b) is int) and isinstance(a, Tensor) \
            and a._data.dtype.kind == "f":  # the common case: a float tensor and a number
        if type(b) is int:
            check_int_size(b)
        return a._data, b
    if isinstance(a, Tensor) and isinstance(b, Tensor):
        x, y = a._data, b._data
        if type(x) is not type(y) or (type(x) is not numpy.ndarray and x.device != y.device):
            check_same_device(a, b)
            x, y = data_beside(a, b), data_beside(b, a)
        if x.shape != y.shape:
            check_broadcast(x.shape, y.shape)
        if x.dtype == y.dtype:
            return x, y
        target = common_dtype(a, b).numpy
        return converted(x, target), converted(y, target)
    tensor, number = (a, b) if isinstance(a, Tensor) else (b, a)
    check_int_size(number)
    data = tensor._data
    if dtypes.kind_of_scalar(number) > dtypes.of_numpy(data.dtype)._kind:
        data = converted(data, dtypes.default_for_scalar(number).numpy)
    elif wrap and type(number) is int and data.dtype.kind in "iu":
        number = wrapped(number, data.dtype)
    return (data, number) if tensor is a else (number, data)


def float_arrays(a: Any, b: Any) -> tuple[Any, Any]:
    """The two operands as arrays (or numbers) of an operation that computes integers in the
    default float type (PyTorch's ``promote_integer_inputs_to_float``: atan2, copysign, …).
    Each integer operand is converted from its own type, not from the operands' common
    integer type: uint8 values with a 0-dim int8 -2 compute with -2., not with 254."""
    x, y = arrays(a, b, wrap=False)  # (the device and broadcast checks)
    data = x if isinstance(a, Tensor) else y  # (in the common type when that is floating)
    if data.dtype.kind == "f" or common_dtype(a, b).is_floating_point:
        return x, y
    return default_floats(a, b), default_floats(b, a)


def default_floats(value: Any, other: Any) -> Any:
    """An integer (or bool) tensor's values or number in the default float type (a CPU
    scalar beside a GPU ``other`` copied there), as true division and `float_arrays` convert
    each operand from its own type."""
    dtype = dtypes.default_float().numpy
    if not isinstance(value, Tensor):
        return dtype.type(value)
    data = data_beside(value, other) if isinstance(other, Tensor) else value._data
    return data.astype(dtype)


def converted(data: Any, dtype: Any) -> Any:
    """``data`` as ``dtype`` for a computation. An expanded array (a stride 0) becomes a
    row-major one: NumPy's astype would keep its odd strides, and the result would follow them
    (PyTorch's result of ``x.expand(2, 3) * float64_tensor`` is row-major)."""
    if data.dtype == dtype:
        return data
    if isinstance(data, numpy.ndarray) and data.ndim > 1 and 0 in data.strides:
        return numpy.ascontiguousarray(data, dtype=dtype)
    return data.astype(dtype, copy=False)


def wrapped(number: int, dtype: Any) -> Any:
    """An int outside an integer dtype's range wraps around into it, as PyTorch converts a
    Python number for an int8 tensor (``int8 + 1000`` adds -24); NumPy would refuse."""
    info = numpy.iinfo(dtype)
    if info.min <= number <= info.max:
        return number
    return numpy.array(number % (1 << 64), dtype=numpy.uint64).astype(dtype)[()]


_OVERFLOW_NAMES = {"int8": "int8_t", "uint8": "uint8_t", "int16": "int16_t", "int32": "int",
                   "int64": "int64_t", "float32": "float",
                   "float16": "c10::Half"}  # PyTorch's words for the C types
_FLOAT32_MAX = float(numpy.finfo(numpy.float32).max)
_FLOAT16_MAX = 65504.0


def check_int_size(number: Any) -> None:
    """PyTorch reads a Python int as a 64-bit integer (signed, or unsigned when it is
    larger): one outside both ranges is an OverflowError, before any arithmetic."""
    if type(number) is int and not -(1 << 63) <= number < 1 << 64:
        if number > 0:
            raise OverflowError("int too big to convert")
        raise OverflowError("can't convert negative int to unsigned")


def check_fits_dtype(number: Any, dtype: Any, float16_as: str = "float16") -> None:
    """PyTorch's checks when it converts a Python number for a tensor of ``dtype`` (a fill
    value, a clamp bound, an exponent, add's alpha), where NumPy raises its own
    OverflowError. An int outside 64 bits cannot even be read; otherwise the value must fit
    the type, except that a negative int for an unsigned type is allowed down to -max
    (it wraps: -1 is 255 for uint8; a negative float such as -0.5 is refused); float32 and
    float16 refuse finite values beyond their range (65504. for float16, unrounded: 65504.5
    is refused). ``float16_as``, for a float16
    tensor: ``"float32"`` where the kernel reads the number in float32 (addcmul's value,
    addmm's beta and alpha), ``"unchecked"`` where PyTorch converts it without a check
    (``x[i] = v``, a fill of one element)."""
    check_int_size(number)
    if not isinstance(number, (int, float)) or isinstance(number, bool):
        return
    dtype = numpy.dtype(dtype)
    kind = dtype.kind
    if kind == "i" or kind == "u":
        info = numpy.iinfo(dtype)
        low = info.min if kind == "i" else -info.max if isinstance(number, int) else 0
        fits = low <= number <= info.max  # (False for nan)
    elif kind == "f" and dtype.itemsize in (2, 4):  # float16, float32
        if dtype.itemsize == 2 and float16_as != "float16":
            if float16_as == "unchecked":
                return
            dtype = numpy.dtype(numpy.float32)
        size = abs(float(number))  # (inf and nan are kept)
        top = _FLOAT32_MAX if dtype.itemsize == 4 else _FLOAT16_MAX
        fits = size <= top or size == float("inf") or size != size
    else:
        return
    if not fits:
        raise RuntimeError(f"value cannot be converted to type {_OVERFLOW_NAMES[dtype.name]} "
                           "without overflow")


def number_for(number: Any, dtype: Any, float16_as: str = "float16") -> Any:
    """A Python number as PyTorch converts it for a tensor of ``dtype`` (`check_fits_dtype`,
    then an int wraps into an integer type: -1 is 255 for uint8)."""
    check_fits_dtype(number, dtype, float16_as)
    if type(number) is int and numpy.dtype(dtype).kind in "iu":
        return wrapped(number, dtype)
    return number


def check_broadcast(a: tuple[int, ...], b: tuple[int, ...]) -> None:
    """PyTorch's error when two shapes do not broadcast (compared from the last dimension)."""
    for i in range(1, min(len(a), len(b)) + 1):
        if a[-i] != b[-i] and a[-i] != 1 and b[-i] != 1:
            dim = max(len(a), len(b)) - i
            raise RuntimeError(
                f"The size of tensor a ({a[-i]}) must match the size of tensor b ({b[-i]}) at "
                f"non-singleton dimension {dim}"
            )



def check_broadcast_in_order(*shapes: tuple[int, ...]) -> None:
    """TensorIterator's check for several inputs: each shape, in order, against the shape
    broadcast so far (``where(c, a, b)``: c, then a, then b; PyTorch's error names the shape so
    far 'tensor a')."""
    so_far: tuple[int, ...] = ()
    for shape in shapes:
        check_broadcast(so_far, shape)
        so_far = numpy.broadcast_shapes(so_far, shape)

def shape_of(value: Any) -> tuple[int, ...]:
    return value._data.shape if isinstance(value, Tensor) else ()


def as_array_like(value: Any, like: Tensor) -> Any:
    """A number or tensor as an array on ``like``'s device (for where/maximum with numbers)."""
    if isinstance(value, Tensor):
        return value._data
    return like._xp.asarray(value, dtype=common_dtype(like, value).numpy)


def ensure_array(result: Any, xp: Any) -> Any:
    """NumPy turns 0-dim results into scalars; the kit always keeps arrays."""
    return result if isinstance(result, xp.ndarray) else xp.asarray(result)


def int_list(name: str, argument: str, args: tuple[Any, ...]) -> tuple[int, ...]:
    """The ints of ``f(2, 3)`` or ``f((2, 3))`` (permute, expand, repeat), with PyTorch's
    TypeErrors, which depend on where the wrong value sits: alone, first in a tuple, first
    of several arguments (where a bool is no int either), or further along."""
    if not args:
        raise TypeError(f'{name}() missing 1 required positional arguments: "{argument}"')
    packed = len(args) == 1 and isinstance(args[0], (tuple, list))
    values = tuple(args[0]) if packed else args
    for position, value in enumerate(values):
        if is_index(value) or position and isinstance(value, bool):
            continue
        kind = _type_name(value)
        if position:
            raise TypeError(f"{name}(): argument '{argument}' failed to unpack the object at "
                            f'pos {position + 1} with error "type must be tuple of ints,but '
                            f'got {kind}"')
        if packed:
            raise TypeError(f"{name}(): argument '{argument}' (position 1) must be tuple of "
                            f"ints, but found element of type {kind} at pos 0")
        if len(values) > 1:
            raise TypeError(f"{name}() takes 1 positional argument but {len(values)} were given")
        raise TypeError(f"{name}(): argument '{argument}' (position 1) must be tuple of ints, "
                        f"not {kind}")
    return tuple(int(value) for value in values)
