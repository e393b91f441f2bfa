"""`save` and `load`: write tensors, ``state_dict`` s and whole Python objects to a file.

As in PyTorch::

    ak.save(model.state_dict(), "model.pt")
    model.load_state_dict(ak.load("model.pt"))

The file is a plain pickle (not PyTorch's zip format, so the kit and PyTorch cannot read each
other's files). A tensor is written as its values, dtype, device and ``requires_grad``;
never its ``grad``, ``grad_fn`` or graph: a tensor computed from others loads back as a leaf
(``requires_grad=True`` if it had it), as ``torch.save`` does. A `Parameter` stays a
`Parameter`. Tensors saved together that share memory (a tensor and its views) are written as
one block of bytes plus each one's offset and strides, so they share memory again once
loaded, as PyTorch keeps their shared storage.

``load`` uses ``weights_only=True`` by default (PyTorch ≥ 2.6): only tensors, numbers,
strings, containers and the kit's dtypes may appear in the file, so loading a file cannot
run arbitrary code. Pass ``weights_only=False`` for files you trust that hold other objects.
"""

from __future__ import annotations

import codecs
import collections
import contextlib
import functools
import os
import pickle
import warnings
from collections.abc import Iterator
from typing import IO, Any

import numpy

from . import backend, dtypes
from .tensor import Size, Tensor
from .tensor_copying import learner_attributes, set_learner_attributes
from .tensor_layout import storage_start
from .utils.hooks import warn_if_has_hooks
from .weights_only_refusal import refusal

__all__ = ["add_safe_globals", "get_safe_globals", "load", "safe_globals", "save"]

_FileLike = str | os.PathLike | IO[bytes]
_safe_globals: list[Any] = []


def save(obj: Any, f: _FileLike, pickle_module: Any = pickle,
         pickle_protocol: int = pickle.DEFAULT_PROTOCOL,
         _use_new_zipfile_serialization: bool = True,
         _disable_byteorder_record: bool = False) -> None:
    """Write ``obj`` (a tensor, a ``state_dict``, any picklable object) to a path or to a
    binary file object such as ``io.BytesIO``.

    A GPU tensor's values are copied to the host with an explicit ``tensor.cpu()`` while
    saving (a file holds host bytes); the tensor records its device, and ``load`` puts it back
    there (or where ``map_location`` says). ``pickle_module`` and PyTorch's private
    switches are accepted and change nothing: the kit has one file format.
    """
    if _use_new_zipfile_serialization:
        _check_parent_directory(f)
    with _opened(f, "wb") as file:
        _Pickler(file, protocol=pickle_protocol).dump(obj)


def _check_parent_directory(f: _FileLike) -> None:
    """PyTorch's file writer refuses an (ASCII) path whose folder does not exist before it
    opens anything: ``save(model, 'checkpoints/model.pt')`` with no ``checkpoints`` folder
    is "Parent directory checkpoints does not exist." (a RuntimeError, not Python's
    FileNotFoundError). The folder is what comes before the path's last ``/``."""
    if not isinstance(f, (str, os.PathLike)):
        return
    name = os.fspath(f)
    if isinstance(name, str) and name.isascii():
        parent = name[:name.rfind("/")] if "/" in name else ""
        if parent and not os.path.isdir(parent):
            raise RuntimeError(f"Parent directory {parent} does not exist.")


def load(f: _FileLike, map_location: Any = None, pickle_module: Any = None, *,
         weights_only: bool | None = None, mmap: bool | None = None,
         **pickle_load_args: Any) -> Any:
    """Read back what `save` wrote. ``map_location`` says where tensors go: a device
    (``'cpu'`` loads GPU tensors onto the CPU), a dict of locations (``{'cuda:0': 'cpu'}``)
    or a function of (storage, location) returning a storage, or None for where it was.

    ``weights_only`` (default True) refuses any object other than tensors, numbers, strings,
    ``None``, tuples, lists, dicts (also ``OrderedDict``), sets and the kit's dtypes,
    devices and sizes; add your own trusted classes with `add_safe_globals`.
    """
    if isinstance(map_location, (str, backend.device)):
        map_location = _location(map_location)
    if mmap and not isinstance(f, (str, os.PathLike)):
        raise ValueError("f must be a file path in order to use the mmap argument")
    _check_pickle_load_args(pickle_load_args, weights_only)
    with _opened(f, "rb") as file:
        if weights_only is not False and (refused := refusal(file)) is not None:
            raise _as_pytorch_raises(refused)
        unpickler = _Unpickler(file, map_location, weights_only is not False, pickle_load_args)
        try:
            return unpickler.load()
        except EOFError:
            if weights_only is False:  # (Python's unpickler: "Ran out of input")
                raise
            raise EOFError() from None  # (PyTorch's, for an empty file, says nothing)


def _location(tag: str | backend.device) -> backend.device:
    """``map_location='cpu'`` (or a device) as a device; PyTorch's error for other tags."""
    try:
        return backend.device(tag)
    except RuntimeError:
        raise RuntimeError("don't know how to restore data location of "
                           f"autograd_kit.storage.UntypedStorage (tagged with {tag})") from None


def _check_pickle_load_args(named: dict[str, Any], weights_only: bool | None) -> None:
    """``encoding=`` and the other arguments of ``pickle.Unpickler``, as PyTorch takes them."""
    if named and weights_only is not False:
        warnings.warn("pickle_load_args only works if `weights_only=False`.", UserWarning,
                      stacklevel=3)
    for name in named:
        if name not in ("encoding", "errors", "fix_imports", "buffers"):
            raise TypeError(f"Unpickler.__init__() got an unexpected keyword argument '{name}'")


def add_safe_globals(safe_globals: list[Any]) -> None:
    """Allow these classes or functions in files loaded with ``weights_only=True``."""
    _safe_globals.extend(safe_globals)


def get_safe_globals() -> list[Any]:
    return list(_safe_globals)


@contextlib.contextmanager
def safe_globals(safe: list[Any]) -> Iterator[None]:
    """``with safe_globals([MyClass]): load(f)``: allow these only inside the block."""
    before = len(_safe_globals)
    _safe_globals.extend(safe)
    try:
        yield
    finally:
        del _safe_globals[before:]


# ---- writing --------------------------------------------------------------------------
class _Block:
    """The memory block (the array owning the memory) behind one or more saved CPU tensors."""

    def __init__(self, owner: numpy.ndarray) -> None:
        self.owner = owner


class _Pickler(pickle.Pickler):
    """A pickler that writes a CPU tensor as (its memory block, dtype, shape, byte offset,
    byte strides, requires_grad), each memory block once, and a GPU tensor as its values."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._blocks: dict[int, _Block] = {}  # id(owner array) -> the block written for it

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, Tensor):
            from .nn.parameter import Parameter

            if isinstance(obj, Parameter):
                return _rebuild_parameter, (Tensor._make(obj._data), obj._requires_grad,
                                            learner_attributes(obj))
            if obj._backward_hooks or obj._grad_fn is not None and obj._grad_fn._tensor_hooks:
                warn_if_has_hooks(obj)  # (what PyTorch's Tensor.__reduce_ex__ says)
            if obj.device.type == "cpu":
                return _rebuild_tensor_in_block, (*self._view_fields(obj),
                                                  learner_attributes(obj))
            return _rebuild_tensor, (*_tensor_fields(obj), learner_attributes(obj))
        if isinstance(obj, _Block):
            return _rebuild_block, (obj.owner.tobytes(order="A"),)
        if isinstance(obj, dtypes.dtype):
            return _dtype, (obj.name,)
        if isinstance(obj, backend.device):
            return backend.device, (str(obj),)
        if type(obj) is Size:
            return Size, (tuple(obj),)
        return NotImplemented

    def _view_fields(self, t: Tensor) -> tuple[Any, ...]:
        """``t`` as (its block, dtype, shape, byte offset, byte strides, requires_grad); the
        block is the same object for every tensor sharing it, so the file holds it once."""
        data = t._data
        owner, _ = storage_start(data)
        if not (owner.flags.c_contiguous or owner.flags.f_contiguous):
            owner = data = numpy.ascontiguousarray(data)  # no contiguous block: its values alone
        block = self._blocks.get(id(owner))
        if block is None or block.owner is not owner:
            block = self._blocks[id(owner)] = _Block(owner)
        offset = backend.address_of(data) - backend.address_of(owner)
        return block, data.dtype.str, data.shape, offset, data.strides, t._requires_grad


def _tensor_fields(t: Tensor) -> tuple[Any, ...]:
    """What a tensor is written as. A GPU tensor is brought to the host by ``.cpu()`` here."""
    host = t._data if t.device.type == "cpu" else t.cpu()._data
    return (host.tobytes(), host.dtype.str, host.shape, str(t.device), t._requires_grad)


# ---- reading --------------------------------------------------------------------------
def _rebuild_tensor(data: bytes, dtype: str, shape: tuple[int, ...], device: str,
                    requires_grad: bool, attributes: dict[str, Any] | None = None,
                    map_location: Any = None) -> Tensor:
    """A tensor written as its values alone (a GPU tensor, or a file from an older kit)."""
    values = numpy.frombuffer(data, dtype=numpy.dtype(dtype)).reshape(shape).copy()
    t = Tensor._make(values.astype(values.dtype.newbyteorder("="), copy=False))
    return _placed(t, _destination(map_location, device, t), requires_grad, attributes)


def _destination(map_location: Any, saved: str, t: Tensor) -> backend.device:
    """Where a tensor saved on ``saved`` (``'cpu'``, ``'cuda:0'``) loads: ``map_location``
    as a device; a dict from saved locations to new ones; a function of (storage, location)
    returning a storage (its device) or None (where it was saved); None: where it was."""
    if map_location is None:
        return backend.device(saved)
    if isinstance(map_location, dict):
        return backend.device(map_location.get(saved, saved))
    if isinstance(map_location, backend.device):
        return map_location
    moved = map_location(t.untyped_storage(), saved)
    return backend.device(saved) if moved is None else moved.device


def _placed(t: Tensor, where: backend.device, requires_grad: bool,
            attributes: dict[str, Any] | None) -> Tensor:
    """``t`` moved to ``where`` (PyTorch's error when that is CUDA and there is none), with
    the attributes saved with it (``x.label``; an `nn.Buffer`'s marks)."""
    if where.type != "cpu":
        if not backend.cuda_is_available():
            raise RuntimeError(
                "Attempting to deserialize object on a CUDA device but "
                "autograd_kit.cuda.is_available() is False. If you are running on a CPU-only "
                "machine, please use autograd_kit.load with map_location=autograd_kit.device("
                "'cpu') to map your storages to the CPU."
            )
        t = t.to(where)
    t._version_counter[0] = 1  # (PyTorch fills a loaded tensor with set_: one version on)
    if requires_grad:
        t.requires_grad_(True)
    set_learner_attributes(t, attributes)
    return t


def _rebuild_block(data: bytes) -> numpy.ndarray:
    """A loaded memory block: writable bytes that the tensors in it are views of."""
    return numpy.frombuffer(bytearray(data), dtype=numpy.uint8)


def _rebuild_tensor_in_block(block: numpy.ndarray, dtype: str, shape: tuple[int, ...],
                             offset: int, strides: tuple[int, ...], requires_grad: bool,
                             attributes: dict[str, Any] | None = None,
                             map_location: Any = None) -> Tensor:
    """A CPU tensor viewing its loaded block, so tensors saved sharing memory share it again."""
    kind = numpy.dtype(dtype)
    values = numpy.ndarray(shape, kind, buffer=block, offset=offset, strides=strides)
    if not kind.isnative:
        values = values.astype(kind.newbyteorder("="))
    t = Tensor._make(values)
    return _placed(t, _destination(map_location, "cpu", t), requires_grad, attributes)


def _rebuild_parameter(data: Tensor, requires_grad: bool,
                       attributes: dict[str, Any] | None = None) -> Any:
    from .nn.parameter import Parameter

    out = Parameter(data, requires_grad)
    set_learner_attributes(out, attributes)
    return out


def _dtype(name: str) -> dtypes.dtype:
    return next(d for d in dtypes.ALL if d.name == name)


_ALLOWED: dict[tuple[str, str], Any] = {
    (__name__, "_rebuild_parameter"): _rebuild_parameter,
    (__name__, "_rebuild_block"): _rebuild_block,
    (__name__, "_dtype"): _dtype,
    ("autograd_kit", "device"): backend.device,
    ("autograd_kit", "Size"): Size,
    # where files written before 2026-11-22 name them
    ("autograd_kit.backend", "device"): backend.device,
    ("autograd_kit.tensor_layout", "Size"): Size,
    ("autograd_kit.tensor", "Size"): Size,
    ("collections", "OrderedDict"): collections.OrderedDict,
    ("_codecs", "encode"): codecs.encode,  # (how pickle protocols 0 to 2 write bytes)
    **{("builtins", k.__name__): k for k in (set, frozenset, complex, slice, bytearray)},
}


class _Unpickler(pickle.Unpickler):
    """Looks up only allowed names when ``weights_only``; sends tensors to ``map_location``."""

    def __init__(self, file: IO[bytes], map_location: Any, weights_only: bool,
                 pickle_load_args: dict[str, Any]) -> None:
        super().__init__(file, **({} if weights_only else pickle_load_args))
        self.map_location = map_location
        self.weights_only = weights_only

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) == (__name__, "_rebuild_tensor"):
            return functools.partial(_rebuild_tensor, map_location=self.map_location)
        if (module, name) == (__name__, "_rebuild_tensor_in_block"):
            return functools.partial(_rebuild_tensor_in_block, map_location=self.map_location)
        if (module, name) in _ALLOWED:
            return _ALLOWED[module, name]
        if not self.weights_only:
            return super().find_class(module, name)
        for safe in _safe_globals:
            if (safe.__module__, safe.__qualname__) == (module, name):
                return safe
        raise pickle.UnpicklingError(_weights_only_message(f"{module}.{name}"))


_UNSAFE_MESSAGE = (
    "In PyTorch 2.6, we changed the default value of the `weights_only` argument in "
    "`autograd_kit.load` from `False` to `True`. Re-running `autograd_kit.load` with "
    "`weights_only` set to `False` will likely succeed, but it can result in arbitrary code "
    "execution. Do it only if you got the file from a trusted source."
)


def _as_pytorch_raises(refused: Exception) -> Exception:
    """A refusal of PyTorch's weights-only unpickler as its ``load`` raises it: an
    ``UnpicklingError`` inside PyTorch's "please file an issue" message, others as they are."""
    if not isinstance(refused, pickle.UnpicklingError):
        return refused
    return pickle.UnpicklingError(
        f"Weights only load failed. {_UNSAFE_MESSAGE}\nPlease file an issue with the following "
        "so that we can make `weights_only=True` compatible with your use case: "
        f"WeightsUnpickler error: \n\n{refused}\n\nCheck the documentation of "
        "autograd_kit.load to learn more about types accepted by default with weights_only "
        "https://pytorch.org/docs/stable/generated/torch.load.html.")


def _weights_only_message(name: str) -> str:
    """PyTorch's message for a global that ``weights_only=True`` does not allow (its bold
    terminal escape codes included)."""
    return (
        "Weights only load failed. This file can still be loaded, to do so you have two "
        "options, \033[1mdo those steps only if you trust the source of the checkpoint\033[0m. "
        f"\n\t(1) {_UNSAFE_MESSAGE}\n\t(2) Alternatively, to load with `weights_only=True` "
        "please check the recommended steps in the following error message.\n\tWeightsUnpickler "
        f"error: Unsupported global: GLOBAL {name} was not an allowed global by default. Please "
        f"use `autograd_kit.serialization.add_safe_globals([{name}])` or the "
        f"`autograd_kit.serialization.safe_globals([{name}])` context manager to allowlist "
        "this global if you trust this class/function.\n\nCheck the documentation of "
        "autograd_kit.load to learn more about types accepted by default with weights_only "
        "https://pytorch.org/docs/stable/generated/torch.load.html."
    )


class _opened:
    """``with _opened(f, mode) as file``: open a path, or use a file object as it is."""

    def __init__(self, f: _FileLike, mode: str) -> None:
        self.f, self.mode, self.owned = f, mode, isinstance(f, (str, os.PathLike))

    def __enter__(self) -> IO[bytes]:
        if self.owned:
            self.file: IO[bytes] = open(self.f, self.mode)  # noqa: SIM115 - closed in __exit__
        elif "w" in self.mode and not hasattr(self.f, "write"):
            raise AttributeError("expected 'f' to be string, path, or a file-like object with "
                                 "a 'write' attribute")
        elif "r" in self.mode and not hasattr(self.f, "seek"):
            raise AttributeError(
                f"'{type(self.f).__name__}' object has no attribute 'seek'. You can only "
                "autograd_kit.load from a file that is seekable. Please pre-load the data into "
                "a buffer like io.BytesIO and try to load from it instead.")
        else:
            self.file = self.f  # type: ignore[assignment]
        return self.file

    def __exit__(self, *exc: Any) -> None:
        if self.owned:
            self.file.close()

