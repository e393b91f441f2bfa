"""Random tensors: `rand`, `randn`, `normal`, `randint`, `randperm` and their `_like` forms
(PyTorch's numbers for the same seed, on the CPU; see `random.py`)."""

from __future__ import annotations

import warnings
from typing import Any

import numpy

from . import backend, dtypes
from . import random as _random
from .creation import (
    _finish,
    _is_whole,
    _no_overload,
    _shape,
    check_dtype_overload,
    empty_like,
    made_like,
)
from .creation_sizes import keyword_size
from .creation_spaced import _MISSING, check_given
from .sampling import drawn_class
from .scalar_warning import triggered_at
from .tensor import Tensor


def _with_generator(signatures: list[str]) -> list[str]:
    """Each signature twice, as PyTorch lists them: first with a (required) ``generator``."""
    generated = ("*, autograd_kit.Generator generator, Tensor out = None, autograd_kit.dtype "
                 "dtype = None, autograd_kit.layout layout = None, autograd_kit.device device = "
                 "None, bool pin_memory = False, bool requires_grad = False")
    return [form for sig in signatures for form in (f"{sig}, {generated}", sig)]


_SIZE_SIGNATURES = _with_generator(["tuple of ints size"])
_RANDINT_SIGNATURES = _with_generator(["int high, tuple of ints size",
                                       "int low, int high, tuple of ints size"])
_NORMAL_SIGNATURES = [
    f"{sig}, *, autograd_kit.Generator generator = None, Tensor out = None" for sig in (
        "Tensor mean, Tensor std", "Tensor mean, float std = 1", "float mean, Tensor std")
] + ["float mean, float std, tuple of ints size, *, autograd_kit.Generator generator = None, "
     "Tensor out = None, autograd_kit.dtype dtype = None, autograd_kit.layout layout = None, "
     "autograd_kit.device device = None, bool pin_memory = False, bool requires_grad = False"]


def _random_dtype(dtype: Any, kernel: str) -> dtypes.dtype:
    """The dtype of random floats, checked before anything is drawn (PyTorch has no random
    kernel for other types, and a refused call leaves the generator as it was)."""
    dtype = dtypes.resolve(dtype) or dtypes.default_float()
    if not dtype.is_floating_point:
        raise NotImplementedError(f'"{kernel}" not implemented for '
                                  f"'{dtypes.scalar_type_word(dtype.name)}'")
    return dtype


def rand(*shape: Any, size: Any = None, generator: Any = None, dtype: Any = None,
         device: Any = None, requires_grad: bool = False) -> Tensor:
    """Uniform random values in [0, 1) (PyTorch's numbers for the same seed, on the CPU)."""
    return _draw("rand", _random.uniform, "check_uniform_bounds", shape, size, generator,
                 dtype, device, requires_grad)


def randn(*shape: Any, size: Any = None, generator: Any = None, dtype: Any = None,
          device: Any = None, requires_grad: bool = False) -> Tensor:
    """Standard normal random values (mean 0, standard deviation 1)."""
    return _draw("randn", _random.normal, "normal_kernel_cpu", shape, size, generator, dtype,
                 device, requires_grad)


def _draw(name: str, draw: Any, kernel: str, shape: tuple[Any, ...], size: Any, generator: Any,
          dtype: Any, device: Any, requires_grad: bool) -> Tensor:
    """``rand``/``randn``: PyTorch's argument checks, then the values from ``draw``."""
    if not shape and size is None:  # (``rand(())`` is a 0-dim tensor; ``rand()`` an error)
        raise _no_overload(name, (), _SIZE_SIGNATURES, {})
    if (shape and size is not None) or (len(shape) > 1 and not _is_whole(shape[0])):
        # rand((2, 3), 4), rand((2,), torch.float64): with two signatures to choose from,
        # PyTorch lists them (ones(), with one, says it "takes 1 positional argument")
        given = {"size": size, "dtype": dtype, "generator": generator, "device": device,
                 "requires_grad": requires_grad}
        raise _no_overload(name, shape, _SIZE_SIGNATURES, {
            key: value for key, value in given.items() if value is not None and value is not False})
    check_dtype_overload(name, shape, _SIZE_SIGNATURES, dtype, generator=generator,
                         device=device, requires_grad=requires_grad, size=size)
    sizes = _shape(shape if size is None else keyword_size(size, name), name)
    dtype = _random_dtype(dtype, kernel)
    # drawn in the tensor's own type: PyTorch's float64 values have more bits than float32 ones
    values = draw(sizes, backend.as_device(device), dtype=dtype.numpy, chosen=generator)
    return _finish(values, dtype, None, requires_grad)


_NORMAL_DRAWS = {(True, False): drawn_class("NormalBackward1"),  # PyTorch's overloads
                 (False, True): drawn_class("NormalBackward2"),
                 (True, True): drawn_class("NormalBackward3")}


def normal(mean: Any, std: Any = 1.0, size: Any = None, *, generator: Any = None,
           dtype: Any = None, device: Any = None, requires_grad: bool = False) -> Tensor:
    """Normal random values: ``normal(0., 1., (2, 3))``, or one per element of ``mean`` and/or
    ``std`` given as tensors (broadcast together)."""
    tensors = [v for v in (mean, std) if isinstance(v, Tensor)]
    args = (mean, std) if size is None else (mean, std, size)
    if tensors and dtype is not None:  # (the tensor forms take no dtype at all)
        raise _no_overload("normal", args, _NORMAL_SIGNATURES, {"dtype": dtype})
    check_dtype_overload("normal", args, _NORMAL_SIGNATURES, dtype, generator=generator,
                         device=device, requires_grad=requires_grad)
    if isinstance(std, Tensor):
        if std.numel() and std.min().item() < 0:
            raise RuntimeError("normal expects all elements of std >= 0.0")
    elif std < 0:
        raise RuntimeError(f"normal expects std >= 0.0, but found std {std:g}")
    if not tensors:
        if size is None:
            raise _no_overload("normal", args, _NORMAL_SIGNATURES)
        sizes = _shape((size,), "normal")
        dtype = _random_dtype(dtype, "normal_kernel_cpu")
        values = _random.normal(sizes, backend.as_device(device), mean, std, dtype=dtype.numpy,
                                chosen=generator)
        return _finish(values, dtype, None, requires_grad)
    if len(tensors) == 2 and tensors[0].shape != tensors[1].shape:
        from .ops.operands import check_broadcast

        check_broadcast(tensors[0].shape, tensors[1].shape)
    shape = tuple(numpy.broadcast_shapes(*(t.shape for t in tensors)))
    like = tensors[0]  # the result's type: PyTorch draws into empty_like(mean or std),
    _random_dtype(like.dtype, "normal_kernel_cpu")  # then scales and shifts it in place

    def draw() -> Any:  # (a number std is drawn with, as PyTorch: normal_(0, std) + mean)
        scale = 1.0 if isinstance(std, Tensor) else std
        noise = _random.normal(shape, like.device, 0.0, scale, dtype=like._data.dtype,
                               chosen=generator)
        xp = backend.module_of(noise)
        if isinstance(std, Tensor):
            noise = noise * std._data
        mean_part = mean._data if isinstance(mean, Tensor) else mean
        return xp.asarray(noise + mean_part, dtype=like._data.dtype)  # (0-d stays an array)

    overload = _NORMAL_DRAWS[isinstance(mean, Tensor), isinstance(std, Tensor)]
    return overload.apply(draw, *tensors)  # (a sample: zero gradients to mean and std)


_LIKE_OPTIONS = ("torch.memory_format memory_format = None, torch.dtype dtype = None, "
                 "torch.layout layout = None, torch.device device = None, "
                 "bool pin_memory = False, bool requires_grad = False")


def _like_forms(*ends: str) -> tuple[str, ...]:
    """PyTorch 2.13's forms of a random ``*_like``: each with a generator, then without."""
    return tuple(f"Tensor input, {end}*, {generator}{_LIKE_OPTIONS}" for end in ends
                 for generator in ("torch.Generator? generator, ", ""))


_RAND_LIKE_FORMS = _like_forms("")
_RANDINT_LIKE_FORMS = _like_forms("int low, int high, ", "Tensor high, ", "int high, ")


def _like_random(name: str, forms: tuple[str, ...], args: tuple[Any, ...],
                 kwargs: dict[str, Any], maker: Any) -> Tensor:
    """``rand_like``, ``randn_like``, ``randint_like``, their arguments read by PyTorch's
    parser (``forms``): ``maker(*bounds, shape, …)`` laid out like the input (its values
    drawn in memory order, as PyTorch fills them)."""
    from .signature_parser import check

    check(name, forms, args, kwargs)
    return _drawn_like(maker, *args, **kwargs)


def _drawn_like(maker: Any, input: Tensor, *bounds: Any, generator: Any = None,  # noqa: A002
                memory_format: Any = None, dtype: Any = None, layout: Any = None,
                device: Any = None, pin_memory: bool = False,
                requires_grad: bool = False) -> Tensor:
    return made_like(input, lambda shape: maker(
        *bounds, shape, generator=generator,
        dtype=dtype if dtype is not None else input.dtype,
        device=device if device is not None else input.device, requires_grad=requires_grad,
    ), memory_format)


def rand_like(*args: Any, **kwargs: Any) -> Tensor:
    """``rand(x.shape)`` with x's dtype and device (``rand_like(x, generator=g)`` too)."""
    return _like_random("rand_like", _RAND_LIKE_FORMS, args, kwargs, rand)


def randn_like(*args: Any, **kwargs: Any) -> Tensor:
    """``empty_like(x).normal_()``, as PyTorch: a transposed result is not contiguous, so
    its normal values are drawn one at a time, in memory order."""
    from .signature_parser import check

    check("randn_like", _RAND_LIKE_FORMS, args, kwargs)
    return _normal_like(*args, **kwargs)


def _normal_like(input: Tensor, *, generator: Any = None,  # noqa: A002
                 memory_format: Any = None, dtype: Any = None, layout: Any = None,
                 device: Any = None, pin_memory: bool = False,
                 requires_grad: bool = False) -> Tensor:
    from . import grad_mode

    dtype = _random_dtype(dtype if dtype is not None else input.dtype, "normal_kernel_cpu")
    out = empty_like(input, dtype=dtype, device=device, memory_format=memory_format)
    with grad_mode.no_grad():
        out.normal_(generator=generator)
    return out.requires_grad_(requires_grad)


def randint_like(*args: Any, **kwargs: Any) -> Tensor:
    """``randint_like(x, high)``, ``randint_like(x, low, high)``, ``randint_like(x,
    high=h)``; ``high`` may be a 0-dim tensor (its value read as an integer)."""
    from .signature_parser import check

    check("randint_like", _RANDINT_LIKE_FORMS, args, kwargs)
    return _integers_like(*args, **kwargs)


def _integers_like(input: Tensor, low: Any = None, high: Any = None,  # noqa: A002
                   **options: Any) -> Tensor:
    if high is None:  # randint_like(x, 5)
        low, high = 0, low
    elif low is None:  # randint_like(x, high=5)
        low = 0
    if isinstance(high, Tensor):
        if high.ndim or high.device.type != "cpu":
            raise RuntimeError("high must be a scalar tensor and on CPU")
        high = int(high.item())
    return _drawn_like(randint, input, low, high, **options)


def _randint_arguments(args: tuple[Any, ...], named: dict[str, Any],
                       generator: Any) -> tuple[Any, Any, Any]:
    """(low, high, size) from ``randint(high, size)`` or ``randint(low, high, size)``, given by
    position or by name, with PyTorch's TypeErrors: a precise one for the two-argument form,
    "invalid combination of arguments" when no form fits."""
    from .random import Generator

    given = {key: value for key, value in named.items() if value is not None}
    names = {2: ("high", "size"), 3: ("low", "high", "size")}.get(len(args) + len(given), ())
    values = dict(zip(names, args))
    fits = (bool(names) and len(values) == len(args) and set(given) <= set(names) - set(values)
            and (generator is None or isinstance(generator, Generator)))
    values.update(given)
    whole = all(_is_whole(values.get(key, 0)) for key in ("low", "high"))
    size = values.get("size")
    ints = isinstance(size, (tuple, list)) and all(_is_whole(n) for n in size)
    if fits and len(names) == 2 and not (whole and ints):
        key, shown = ("high", "int") if not whole else ("size", "tuple of ints")
        bad = values[key]
        where = f" (position {names.index(key) + 1})" if key not in given else ""
        raise TypeError(f"randint(): argument '{key}'{where} must be {shown}, not "
                        f"{type(bad).__name__}")
    if not (fits and whole and ints):
        extra = {"generator": generator} if generator is not None else {}
        raise _no_overload("randint", args, _RANDINT_SIGNATURES, {**given, **extra})
    return values.get("low", 0), values["high"], size


def randint(*args: Any, low: Any = None, high: Any = None, size: Any = None,
            generator: Any = None, dtype: Any = None, device: Any = None,
            requires_grad: bool = False) -> Tensor:
    """Random integers in [low, high) (``randint(high, size)`` starts at 0)."""
    check_dtype_overload("randint", args, _RANDINT_SIGNATURES, dtype, generator=generator,
                         device=device, requires_grad=requires_grad)
    low, high, size = _randint_arguments(args, {"low": low, "high": high, "size": size},
                                         generator)
    if any(not -(1 << 63) <= int(v) < 1 << 63 for v in (low, high)):
        raise ValueError("Overflow when unpacking long long")
    if low >= high:
        raise RuntimeError(
            f"random_ expects 'from' to be less than 'to', but got from={low} >= to={high}"
        )
    dtype = dtypes.resolve(dtype) or dtypes.int64
    low, high = exact_range(low, high, dtype)
    check_bounds(low, high, dtype)
    values = _random.integers(low, high, _shape((size,), "randint"), backend.as_device(device),
                              chosen=generator)
    return _finish(values, dtype, None, requires_grad)


def exact_range(low: int, high: int, dtype: dtypes.dtype) -> tuple[int, int]:
    """[low, high) narrowed, for a floating dtype, to where no integer drawn rounds to a
    value outside it (PyTorch's ``update_from`` / ``update_to``): when ``high - 1`` rounds up
    to ``high`` or more (5000 - 1 → 5000 in float16), ``high`` moves down to the float below
    that rounded value (4996); when ``low + 1`` rounds below ``low``, ``low`` moves up alike."""
    if not dtype.is_floating_point:
        return low, high
    kind, digits = dtype.numpy.type, int(numpy.finfo(dtype.numpy).nmant) + 1
    top = float(numpy.finfo(dtype.numpy).max)

    def rounded(value: int) -> int | None:
        return int(kind(value)) if abs(value) <= top else None  # (beyond: check_bounds says)

    above, below = rounded(low + 1), rounded(high - 1)
    if above is not None and above < low:
        low = above + (1 << (abs(low + 1).bit_length() - digits))
    if below is not None and below >= high:
        high = below - (1 << (abs(high - 1).bit_length() - digits))
    if low >= high:
        raise RuntimeError("random_ expects 'from' casted to dtype to be less than 'to' casted "
                           f"to dtype, but got from={low} >= to={high}")
    return low, high


def check_bounds(low: int, high: int, dtype: dtypes.dtype) -> None:
    """PyTorch's errors when [low, high) does not fit the result type (a bound beyond 64
    bits cannot even be read): ``from`` and ``to - 1`` must lie within the type's values
    (for floating types its whole range; beyond ±2^digits, where not every integer is a
    float, PyTorch only warns)."""
    if any(not -(1 << 63) <= int(v) < 1 << 63 for v in (low, high)):
        raise ValueError("Overflow when unpacking long long")
    word = dtypes.C_TYPES[dtype.name]
    if dtype.is_floating_point:
        info = numpy.finfo(dtype.numpy)
        smallest, largest = float(info.min), float(info.max)
    elif dtype is dtypes.bool_:
        smallest, largest = 0, 1
    else:
        iinfo = numpy.iinfo(dtype.numpy)
        smallest, largest = int(iinfo.min), int(iinfo.max)
    if not smallest <= low <= largest:
        raise RuntimeError(f"from is out of bounds for {word}")
    if not smallest <= high - 1 <= largest:
        raise RuntimeError(f"to - 1 is out of bounds for {word}")
    if dtype.is_floating_point:
        digits = int(numpy.finfo(dtype.numpy).nmant) + 1
        for value, name, line in ((low, "from", 110), (high - 1, "to - 1", 111)):
            if not -(1 << digits) <= value <= 1 << digits:
                warnings.warn(triggered_at(
                    f"{name} is out of bounds [-(2^{digits}), 2^{digits}]. Due to precision "
                    f"limitations {word} can support discrete uniform distribution only within "
                    "this range. This warning will become an error in version 1.7 release, "
                    "please fix the code in advance",
                    f"aten/src/ATen/native/DistributionTemplates.h:{line}"),
                    UserWarning, stacklevel=3)


def randperm(n: Any = _MISSING, *extra: Any, generator: Any = None, dtype: Any = None,
             device: Any = None, requires_grad: bool = False) -> Tensor:
    """The numbers 0 … n-1 in a random order."""
    check_given("randperm", {"n": n}, _with_generator(["int n"]), dtype=dtype,
                generator=generator, device=device, requires_grad=requires_grad)
    check_dtype_overload("randperm", (n, *extra), _with_generator(["int n"]), dtype,
                         bool(extra), generator=generator, device=device,
                         requires_grad=requires_grad)
    if not _is_whole(n):
        raise TypeError(f"randperm(): argument 'n' (position 1) must be int, not "
                        f"{type(n).__name__}")
    if n < 0:
        raise RuntimeError(f"Trying to create tensor with negative dimension {n}: [{n}]")
    dtype = dtypes.resolve(dtype) or dtypes.int64
    if dtype == dtypes.bool_:
        raise NotImplementedError("\"randperm\" not implemented for 'Bool'")
    if not dtype.is_floating_point and n > 1 and n - 1 > numpy.iinfo(dtype.numpy).max:
        raise RuntimeError("value cannot be converted to type "
                           f"{dtype.name}_t without overflow")  # (checked before drawing)
    values = _random.permutation(n, backend.as_device(device), chosen=generator)
    return _finish(values, dtype, None, requires_grad)


from .creation_out import add_factory_out  # noqa: E402

add_factory_out(globals(), ("rand", "randn", "randint", "randperm", "normal"))
add_factory_out(globals(), ("rand_like", "randn_like", "randint_like"), ("layout", "pin_memory"))
