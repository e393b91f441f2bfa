"""Conversions of a tensor to another dtype or device: ``to``, ``cpu``, ``cuda``, ``float``,
``double``, ``half``, ``long``, ``int``, ``bool``, ``type`` and ``type_as``. A conversion is
recorded as PyTorch records it (``ToCopyBackward0``): the gradient goes back converted to
the input's dtype and device.
"""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING, Any

from . import backend, dtypes

if TYPE_CHECKING:
    from .tensor import Tensor


_MISSING: Any = object()
_UNDELETABLE = {"_grad_fn": "Deletion of _grad_fn not allowed. Detach tensor instead!",
                "_backward_hooks": "Deletion of _backwards_hooks not allowed!"}


class TensorConversions:
    """The conversion methods of `Tensor` (a mixin)."""

    # ---- the historical API (Variable's volatile flag) ------------------------------------
    @property
    def volatile(self) -> bool:
        import warnings

        warnings.warn("volatile was removed (Variable.volatile is always False)", UserWarning,
                      stacklevel=2)
        return False

    @volatile.setter
    def volatile(self, value: Any) -> None:
        import warnings

        warnings.warn("volatile was removed and now has no effect. Use `with "
                      "autograd_kit.no_grad():` instead.", UserWarning, stacklevel=2)

    # ---- its history, which ``del`` may not take away (PyTorch's errors) ---------------------
    def __delattr__(self, name: str) -> None:
        if name in _UNDELETABLE:
            raise RuntimeError(_UNDELETABLE[name])
        object.__delattr__(self, name)

    def to(self, *args: Any, **kwargs: Any) -> Tensor:
        """``t.to('cuda')``, ``t.to(float64)``, ``t.to(other)``, ``t.to(device, dtype)``."""
        from . import ops

        device, dtype, copy = _to_arguments(args, kwargs)
        memory_format = kwargs.get("memory_format")
        if memory_format not in (None, dtypes.preserve_format):  # (a copy unless x has it)
            from .memory_formats import suggests

            copy = copy or not suggests(self._data, memory_format)
        converted = ops.to_copy(self, device, dtypes.resolve(dtype), bool(copy))
        return _laid_out(converted, self, memory_format)

    def cpu(self, *, memory_format: Any = None) -> Tensor:
        return self.to("cpu")

    def cuda(self, device: Any = None, non_blocking: bool = False,
             memory_format: Any = None) -> Tensor:
        return self.to(backend.as_device("cuda" if device is None else device))

    def float(self, *, memory_format: Any = None) -> Tensor:
        return self.to(dtypes.float32, memory_format=memory_format)

    def double(self, *, memory_format: Any = None) -> Tensor:
        return self.to(dtypes.float64, memory_format=memory_format)

    def half(self, *, memory_format: Any = None) -> Tensor:
        return self.to(dtypes.float16, memory_format=memory_format)

    def long(self, *, memory_format: Any = None) -> Tensor:
        return self.to(dtypes.int64, memory_format=memory_format)

    def int(self, *, memory_format: Any = None) -> Tensor:
        return self.to(dtypes.int32, memory_format=memory_format)

    def bool(self, *, memory_format: Any = None) -> Tensor:
        return self.to(dtypes.bool_, memory_format=memory_format)

    def type(self, dtype: Any = None, non_blocking: bool = False) -> Any:
        """With no argument, the legacy type name (``'autograd_kit.FloatTensor'``, or
        ``'autograd_kit.cuda.FloatTensor'`` on a GPU, where PyTorch says ``torch.``); with a
        dtype, a converted tensor (``Tensor`` or ``'torch.Tensor'``: the default float type).
        ``non_blocking`` is accepted and ignored, as for ``to``."""
        if dtype is None:
            return dtypes.legacy_type_name(self.dtype.name, self.device.type == "cuda")
        from .tensor import Tensor

        if dtype is Tensor or dtype in ("torch.Tensor", "autograd_kit.Tensor"):
            return self.to(dtypes.default_float())
        if isinstance(dtype, builtins.type) and getattr(dtype, "legacy_dtype", None) is None:
            # a class that is no tensor type: float, numpy.float32, nn.Linear (``to`` takes
            # float, int and bool; ``type`` does not)
            from .creation_sizes import c_type_name

            raise ValueError(f"invalid type: '{c_type_name(dtype)}'")
        if not isinstance(dtype, (builtins.type, str, dtypes.dtype)):
            raise TypeError("dtype must be a type, str, or dtype object")
        if isinstance(dtype, str) and (dtype.rpartition(".")[0] not in _TYPE_MODULES
                                       or not dtype.endswith("Tensor")):
            raise ValueError(f"invalid type: '{dtype}'")  # only 'torch.DoubleTensor' and such
        # a type or its name says the device type too ('torch.cuda.FloatTensor'): a tensor
        # already of that device type stays where it is, another goes to it
        if isinstance(dtype, str):
            wanted = "cuda" if dtype.rpartition(".")[0].endswith("cuda") else "cpu"
        else:
            wanted = getattr(dtype, "legacy_device", None) or self.device.type
        where = self.device if self.device.type == wanted else wanted
        return self.to(where, dtypes.resolve(dtype))

    def type_as(self, other: Tensor = _MISSING) -> Tensor:
        from .tensor_arguments import tensor_argument

        if other is _MISSING:
            raise TypeError('type_as() missing 1 required positional arguments: "other"')

        return self.to(tensor_argument("type_as", "other", other).dtype)


_TYPE_MODULES = ("torch", "torch.cuda", "autograd_kit", "autograd_kit.cuda")  # of type names

_PYTHON_TYPES = (builtins.float, builtins.int, builtins.bool)  # as dtypes: float64, int64, bool

_TO_SIGNATURES = (
    " * (autograd_kit.device device = None, autograd_kit.dtype dtype = None, bool non_blocking "
    "= False, bool copy = False, *, autograd_kit.memory_format memory_format = None)\n"
    " * (autograd_kit.dtype dtype, bool non_blocking = False, bool copy = False, *, "
    "autograd_kit.memory_format memory_format = None)\n"
    " * (Tensor tensor, bool non_blocking = False, bool copy = False, *, "
    "autograd_kit.memory_format memory_format = None)\n"
)


def _laid_out(converted: Tensor, source: Tensor, memory_format: Any) -> Tensor:
    """A converted copy in row-major (or channels-last) order when ``memory_format`` asks for
    it (no copy made: the tensor itself, as PyTorch, when its strides suggest that format)."""
    from .memory_formats import format_order, in_format

    order = format_order(memory_format, converted.ndim)
    if converted is not source and (order or memory_format is dtypes.contiguous_format):
        xp = backend.module_of(converted._data)
        if order:  # (a fresh result: ours to lay out)
            converted._data = in_format(xp, converted._data, order)
        elif converted._data.ndim:  # (ascontiguousarray makes a 0-dim array 1-D)
            converted._data = xp.ascontiguousarray(converted._data)
    return converted


def _to_arguments(args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, Any, Any]:
    """(device, dtype, copy) from to()'s three forms: (device, dtype, non_blocking, copy),
    (dtype, non_blocking, copy) and (tensor, non_blocking, copy); PyTorch's TypeError for
    anything else. ``copy`` is None when not given (``Module.to`` refuses it, even False)."""
    from .tensor import Tensor

    def kind(value: Any) -> str:
        if isinstance(value, Tensor):
            return "tensor"
        if isinstance(value, dtypes.dtype) or isinstance(value, type) and value in _PYTHON_TYPES:
            return "dtype"
        if isinstance(value, bool):
            return "bool"
        if value is None or isinstance(value, (str, backend.device, int)):
            return "device"
        return "other"

    rest, device, dtype = list(args), kwargs.get("device"), kwargs.get("dtype")
    if rest and isinstance(rest[0], builtins.float):  # PyTorch reads x.to(2.5) (a NumPy
        rest[0] = builtins.float  # float64 too) as x.to(float), so float64,
    elif rest and type(rest[0]) is builtins.bool:  # and x.to(True) as x.to(bool)
        rest[0] = builtins.bool
    allowed = {"device", "dtype", "non_blocking", "copy", "memory_format"}
    first = kind(rest[0]) if rest else "device"
    if first == "tensor":
        allowed -= {"device", "dtype"}
        source = rest.pop(0)
        device, dtype = source.device, source.dtype
    elif first == "dtype":
        allowed.discard("device")
        dtype = rest.pop(0) if "dtype" not in kwargs else None
    else:
        if rest and kind(rest[0]) == "device" and "device" not in kwargs:
            device = rest.pop(0)
            if rest and (kind(rest[0]) == "dtype" or rest[0] is None) and "dtype" not in kwargs:
                dtype = rest.pop(0)
            elif rest:  # x.to('cpu', True): the second place is the dtype's
                rest.append(None)
    flags = [kwargs.get("non_blocking", False), kwargs.get("copy", False)]
    if (set(kwargs) - allowed or len(rest) > 2 or dtype is not None and kind(dtype) != "dtype"
            or not all(isinstance(f, bool) for f in [*rest, *flags])):
        raise TypeError(f"to() received an invalid combination of arguments - got "
                        f"{_got(args, kwargs)}, but expected one of:\n{_TO_SIGNATURES}")
    copy = rest[1] if len(rest) > 1 else kwargs.get("copy")
    return device, dtype, copy


def _got(args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    """How PyTorch lists the arguments it could not match: ``(str, foo=int)``."""
    def name(value: Any) -> str:
        from .tensor import Tensor

        if isinstance(value, Tensor):
            return "Tensor"
        if isinstance(value, (dtypes.dtype, backend.device)):
            return f"autograd_kit.{type(value).__name__}"
        from .creation_sizes import c_type_name

        return c_type_name(type(value))  # (C's name: autograd_kit.tensortype, numpy.float64)

    named = [f"{key}={name(value)}" for key, value in reversed(kwargs.items())]
    if args:
        return "(" + ", ".join([name(a) for a in args] + named) + ")"
    return "(" + "".join(f"{n}, " for n in named) + ")"


def _named_as_pytorch() -> None:
    from .tensor_arguments import name_methods_as_pytorch

    name_methods_as_pytorch(TensorConversions)  # (Python's TypeErrors say float(), as PyTorch)


_named_as_pytorch()
