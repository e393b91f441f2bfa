"""Devices and array modules.

A tensor's data is an array from one *array module*: NumPy for ``'cpu'``, CuPy for ``'cuda'``.
Every rule and the engine ask the tensor which module its data belongs to (``module_of``) and
compute with that, so the same code runs on either device. CuPy is imported only when a CUDA
device is first asked for.
"""

from __future__ import annotations

import contextlib
import operator
import re
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import numpy

from . import dtypes

CUDA_INSTALL_HINT = (
    "install CuPy for your CUDA version, e.g. `pip install autograd-kit[gpu]` "
    "(CuPy for CUDA 12) or `conda install -c conda-forge cupy`"
)


# the device types PyTorch knows (its error lists them); the kit runs on the first two
PYTORCH_DEVICE_TYPES = ("cpu", "cuda", "ipu", "xpu", "mkldnn", "opengl", "opencl", "ideep", "hip",
                        "ve", "fpga", "maia", "xla", "lazy", "vulkan", "mps", "meta", "hpu",
                        "mtia", "privateuseone")


class AcceleratorError(RuntimeError):
    """A GPU error (PyTorch's ``torch.AcceleratorError``), e.g. a device index out of range."""


_DEVICE_STRING = re.compile(r"([a-zA-Z_]+)(?::(0|[1-9][0-9]*))?")


_NO_TYPE: Any = object()  # device() called without a type
_DEVICE_FORMS = " * (autograd_kit.device device)\n * (str type, int index = -1)\n"


def _index_argument(index: Any) -> int:
    """A device's index as PyTorch's parser reads an int, or its TypeError."""
    from .int_arguments import is_int

    if not is_int(index):
        from .tensor_arguments import _type_name

        raise TypeError(f"device(): argument 'index' (position 2) must be int, not "
                        f"{_type_name(index)}")
    return operator.index(index)


class device(metaclass=dtypes.CNamed):
    """Where a tensor lives, spelled as in PyTorch: ``device('cpu')``, ``device('cuda:0')``.
    Its attributes cannot be changed (as in PyTorch)."""

    __slots__ = ("type", "index")
    __module__ = "autograd_kit"  # PyTorch shows torch.device, not where it is defined

    def __init__(self, type: Any = _NO_TYPE, index: int | None = None) -> None:
        if isinstance(type, device):
            type, index = type.type, type.index if index is None else index
        if isinstance(type, int) and not isinstance(type, bool):
            type, index = _accelerator_index(type, index)
        if not isinstance(type, str):
            _refuse_arguments(() if type is _NO_TYPE else (type,))
        if index is not None:
            index = _index_argument(index)
        text = str(type)
        if not text:
            raise RuntimeError("Device string must not be empty")
        spelled = _DEVICE_STRING.fullmatch(text)
        if spelled is None:  # PyTorch's pattern: letters, then ':' and an index without 0s first
            raise RuntimeError(f"Invalid device string: '{type}'")
        text, number = spelled.group(1), spelled.group(2)
        if number is not None:
            if index is not None:
                raise RuntimeError("type (string) must not include an index because index was "
                                   f"passed explicitly: {type}")
            index = int(number)
        if index is not None and index < 0:
            raise RuntimeError("Device index must not be negative")
        if text not in ("cpu", "cuda"):
            if text in PYTORCH_DEVICE_TYPES:
                raise RuntimeError(f"autograd_kit runs on 'cpu' and 'cuda' only, not '{text}'")
            raise RuntimeError(
                f"Expected one of {', '.join(PYTORCH_DEVICE_TYPES)} device type at start of "
                f"device string: {type}"
            )
        object.__setattr__(self, "type", text)
        object.__setattr__(self, "index", index)

    def __setattr__(self, name: str, value: Any) -> None:
        raise dtypes.read_only(self, name)

    def __reduce__(self) -> tuple[Any, ...]:  # (pickle and copy make it again from its parts)
        return device, (self.type, self.index)

    def __repr__(self) -> str:
        if self.index is None:
            return f"device(type='{self.type}')"
        return f"device(type='{self.type}', index={self.index})"

    def __str__(self) -> str:
        return self.type if self.index is None else f"{self.type}:{self.index}"

    def __eq__(self, other: object) -> bool:
        # (a device is never equal to a string, as in PyTorch: device('cpu') == 'cpu' is False)
        if not isinstance(other, device):
            return NotImplemented
        return self.type == other.type and self.index == other.index

    def __hash__(self) -> int:
        return hash((self.type, self.index))

    def __enter__(self) -> device:
        """``with device('cuda'):`` new tensors go there inside the block (PyTorch's default
        device context); the default before comes back at its end."""
        before = default_device()
        set_default_device(self)  # (raises first for a GPU the kit cannot reach)
        _entered.append(before)
        return self

    def __exit__(self, *exception: Any) -> None:
        """The default device from before the block (PyTorch pops its device mode: an exit
        with none entered is its error)."""
        if not _entered:
            raise RuntimeError("trying to pop from empty mode stack")
        _default_device[0] = _entered.pop()


dtypes.c_named(device, "autograd_kit.device")


def _accelerator_index(number: int, index: Any) -> tuple[str, int]:
    """``device(1)``: GPU number 1 (PyTorch's current accelerator, CUDA in the kit)."""
    if index is not None:
        raise TypeError("device(): argument 'type' (position 1) must be str, not int")
    if number < 0:
        raise RuntimeError("Device index must not be negative")
    if not cuda_is_available():
        raise RuntimeError("Cannot access accelerator device when none is available.")
    return "cuda", number


def _refuse_arguments(args: tuple[Any, ...]) -> None:
    """PyTorch's TypeError for ``device(3.5)``, ``device(None)`` or ``device()``."""
    got = ", ".join(type(a).__name__ for a in args)
    if not args:
        raise TypeError(f"device() received an invalid combination of arguments - got (), but "
                        f"expected one of:\n{_DEVICE_FORMS}")
    raise TypeError(f"device() received an invalid combination of arguments - got ({got}), but "
                    "expected one of:\n * (autograd_kit.device device)\n      didn't match "
                    f"because some of the arguments have invalid types: (!{got}!)\n"
                    " * (str type, int index = -1)\n")


CPU = device("cpu")

# array type -> (array module, device type). NumPy is always there; CuPy (or the test
# suite's CuPy stand-in) is added by `use_cuda_module`.
_MODULES: dict[type, ModuleType] = {numpy.ndarray: numpy}
_cuda_module: ModuleType | None = None


def use_cuda_module(module: ModuleType | None) -> None:
    """Install the array module that serves ``'cuda'`` (CuPy, or a stand-in in tests)."""
    global _cuda_module
    for array_type, known in list(_MODULES.items()):
        if known is not numpy:
            del _MODULES[array_type]
    _cuda_module = module
    if module is not None:
        _MODULES[module.ndarray] = module


def cuda_module() -> ModuleType:
    """The CUDA array module, importing CuPy on first use, with a clear error if it can't."""
    if _cuda_module is not None:
        return _cuda_module
    try:
        import cupy
    except ImportError:
        raise RuntimeError(
            "CUDA was asked for, but CuPy is not installed: " + CUDA_INSTALL_HINT
        ) from None
    try:
        count = cupy.cuda.runtime.getDeviceCount()
    except Exception:  # CuPy raises its own CUDARuntimeError without a driver
        count = 0
    if count == 0:
        raise RuntimeError(
            "CUDA was asked for, but no NVIDIA GPU (or driver) was found by CuPy. "
            "Use device='cpu' on this machine."
        )
    use_cuda_module(cupy)
    return cupy


def cuda_is_available() -> bool:
    """True when a CUDA array module can be used (CuPy installed and a GPU present)."""
    try:
        cuda_module()
    except RuntimeError:
        return False
    return True


def cuda_installed() -> bool:
    """True when a CUDA array module is set or CuPy is installed, GPU or not (PyTorch's
    "compiled with CUDA")."""
    import importlib.util

    return _cuda_module is not None or importlib.util.find_spec("cupy") is not None


def cuda_device_count() -> int:
    """How many GPUs the CUDA array module sees (0 without one)."""
    if not cuda_is_available():
        return 0
    module = cuda_module()
    counter = getattr(getattr(module, "cuda", None), "runtime", None)
    return counter.getDeviceCount() if counter is not None else 1


_default_device = [CPU]  # where creation functions put tensors: `set_default_device`
_entered: list[device] = []  # the default devices that `with device(...)` blocks replaced


def default_device() -> device:
    """The device creation functions use when no ``device=`` is given (the CPU at first)."""
    return _default_device[0]


def set_default_device(where: str | device | int | None) -> None:
    """Make ``where`` the device of new tensors (None: back to the CPU)."""
    chosen = CPU if where is None else as_device(where)
    if chosen.type == "cuda":
        cuda_module()  # the clear "install CuPy" / "no GPU" error now, not at the next tensor
    _default_device[0] = chosen


def as_device(where: str | device | int | None) -> device:
    """Normalise what a user wrote (``'cuda'``, ``0``, ``device(...)``) into a `device`;
    None means the default device."""
    if where is None:
        return _default_device[0]
    if isinstance(where, int):
        return device("cuda", where)
    result = device(where)
    if result.type == "cuda" and result.index is None:  # the current GPU (`cuda.set_device`,
        # `with cuda.device(1):`), GPU 0 before CuPy was first used
        current = _cuda_module.cuda.Device().id if _cuda_module is not None else 0
        result = device("cuda", int(current))
    return result


def array_module(where: device) -> ModuleType:
    """The array module that computes on ``where``."""
    return numpy if where.type == "cpu" else cuda_module()


@contextlib.contextmanager
def on_device(where: device) -> Iterator[ModuleType]:
    """Make ``where`` the current device while arrays are created; yields its array module.

    CuPy allocates on the *current* GPU, so ``cuda:1`` needs ``cupy.cuda.Device(1)`` around
    the allocation (a no-op on the CPU).
    """
    if where.type == "cpu":
        yield numpy
        return
    module = cuda_module()
    chosen = module.cuda.Device(where.index or 0)
    try:
        chosen.__enter__()
    except Exception as error:  # CuPy's CUDARuntimeError for a GPU that is not there
        if "invalid device ordinal" not in str(error):
            raise
        raise AcceleratorError("CUDA error: invalid device ordinal\nGPU device may be out of "
                               "range, do you have enough GPUs?") from None
    try:
        yield module
    finally:
        chosen.__exit__(None, None, None)


def module_of(array: Any) -> ModuleType:
    """The array module an array belongs to."""
    try:
        return _MODULES[type(array)]
    except KeyError:
        raise TypeError(f"unsupported array type {type(array).__name__}") from None


def device_of(array: Any) -> device:
    """The device an array lives on."""
    if type(array) is numpy.ndarray:
        return CPU
    module_of(array)  # raises for unknown array types
    index = getattr(getattr(array, "device", None), "id", 0)
    return device("cuda", index)


def to_device(array: Any, where: device) -> Any:
    """Copy ``array`` to ``where`` (no copy when it is already there). The CPU is one device
    whatever its index (``'cpu:0'``, as in PyTorch, names the same place as ``'cpu'``)."""
    if where.type == "cpu":
        return to_host(array)
    if device_of(array) == where:
        return array
    with on_device(where) as module:
        return module.asarray(array)


def address_of(array: Any) -> int:
    """Where an array's first element sits in memory (host or GPU address)."""
    if type(array) is numpy.ndarray:
        return array.__array_interface__["data"][0]
    return int(array.data.ptr)


def to_host(array: Any) -> numpy.ndarray:
    """A NumPy copy of ``array`` (the array itself when it is already on the CPU)."""
    return array if type(array) is numpy.ndarray else array.get()


def reshaped_view(array: Any, shape: tuple[int, ...]) -> Any:
    """``array`` with a new shape and the same memory, or None when that would need a copy."""
    if type(array) is numpy.ndarray:
        try:
            return array.reshape(shape, copy=False)
        except ValueError:
            return None
    out = array.view()  # CuPy: its shape setter refuses layouts that need a copy
    try:
        out.shape = shape
    except AttributeError:
        return None
    return out


def is_device_array(value: Any) -> bool:
    """True for an array of a known array module (NumPy's or the CUDA module's)."""
    return type(value) in _MODULES
