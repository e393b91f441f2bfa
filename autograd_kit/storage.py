"""``autograd_kit.storage``: the memory block behind a tensor, as PyTorch shows it.

A tensor is a view of a flat block of memory (its *storage*): a shape, strides and an
offset into it. Views share one storage, which is how a learner can see that they share
memory::

    x = ak.arange(6.).reshape(2, 3)
    col = x[:, 1]
    x.untyped_storage().data_ptr() == col.untyped_storage().data_ptr()   # True
    col.storage_offset()                                                 # 1

``x.untyped_storage()`` is the block as bytes; ``x.storage()`` is the older typed view of it
(PyTorch warns that it is deprecated). Here a storage is the NumPy (or CuPy) array that owns
the memory (tensor_layout.storage_start finds it), seen flat.
"""

from __future__ import annotations

from typing import Any

import numpy

from . import backend
from .dtypes import tensor_type_name
from .tensor_layout import storage_start


class _Storage:
    """What both kinds share: ``_items``, the block seen as bytes or as the tensor's type."""

    __module__ = "autograd_kit.storage"
    _items: Any

    @property
    def device(self) -> backend.device:
        return backend.device_of(self._items)

    def data_ptr(self) -> int:
        """Where the block starts in memory (shared by every view of it)."""
        return backend.address_of(self._items)

    def nbytes(self) -> int:
        return int(self._items.nbytes)

    def size(self) -> int:
        return int(self._items.size)

    def __len__(self) -> int:
        return int(self._items.size)

    def element_size(self) -> int:
        return int(self._items.itemsize)

    def is_shared(self) -> bool:
        return False

    def __getitem__(self, index: int) -> Any:
        return self._items[_checked(index, len(self))].item()

    def __setitem__(self, index: int | slice, value: Any) -> None:
        """``s[i] = v``, ``s[a:b] = v``: written into the memory the tensors share."""
        self._items[index if isinstance(index, slice) else _checked(index, len(self))] = value

    def fill_(self, value: Any) -> Any:
        self._items[...] = value
        return self

    def copy_(self, source: Any) -> Any:
        """This storage's bytes become ``source``'s (the same number of bytes)."""
        if source.nbytes() != self.nbytes():
            raise RuntimeError(f"size does not match, self was {self.nbytes()} bytes but src "
                               f"was {source.nbytes()} bytes")
        self._items.view(numpy.uint8)[...] = source._items.view(numpy.uint8)
        return self

    def is_pinned(self) -> bool:
        return False

    def tolist(self) -> list[Any]:
        return backend.to_host(self._items).tolist()

    def __iter__(self) -> Any:
        return iter(self.tolist())

    def _described(self) -> str:
        raise NotImplementedError

    def __str__(self) -> str:
        """PyTorch's printing of a storage: one item a line, then what it is."""
        info = f"[autograd_kit.storage.{self._described()} of size {len(self)}]"
        return " " + "\n ".join(str(item) for item in self.tolist()) + "\n" + info

    __repr__ = __str__


class UntypedStorage(_Storage):
    """The bytes of a tensor's memory block: ``len``, indexing and slicing give bytes."""

    def __init__(self, owner: Any = 0) -> None:
        """``UntypedStorage(n)``: n new bytes; ``UntypedStorage([1, 2])``: those bytes; (in
        the kit) an array: the memory block it owns."""
        if not hasattr(owner, "flags"):
            owner = _new_bytes(owner)
        flat = owner.reshape(-1) if owner.flags.c_contiguous else owner.ravel(order="K")
        self._items = flat.view(backend.module_of(flat).uint8)  # the block, byte by byte

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            part = UntypedStorage.__new__(UntypedStorage)
            part._items = self._items[index]
            return part
        return super().__getitem__(index)

    def __setitem__(self, index: int | slice, value: Any) -> None:
        super().__setitem__(index, value & 0xFF if isinstance(value, int) else value)

    def clone(self) -> UntypedStorage:
        return UntypedStorage(self._items.copy())

    def type(self) -> str:
        return "autograd_kit.storage.UntypedStorage"

    @property
    def is_cuda(self) -> bool:
        return self.device.type == "cuda"

    def cpu(self) -> UntypedStorage:
        """This storage if it is on the CPU, else a copy there (``map_location`` functions
        such as ``lambda storage, location: storage.cpu()`` use it)."""
        return self if self.device.type == "cpu" else UntypedStorage(backend.to_host(self._items))

    def cuda(self, device: Any = None) -> UntypedStorage:
        """This storage on a GPU (``device``: an index, ``'cuda:1'``; default the current)."""
        where = backend.as_device("cuda" if device is None else device)
        moved = backend.to_device(self._items, where)
        return self if moved is self._items else UntypedStorage(moved)

    def _described(self) -> str:
        return f"UntypedStorage(device={self.device})"


class TypedStorage(_Storage):
    """The older, typed view of a memory block: its items are the tensor's own numbers."""

    def __init__(self, untyped: UntypedStorage, dtype: Any) -> None:
        self._untyped_storage = untyped
        self.dtype = dtype
        self._items = untyped._items.view(dtype.numpy)

    def untyped(self) -> UntypedStorage:
        return self._untyped_storage

    def clone(self) -> TypedStorage:
        return TypedStorage(self._untyped_storage.clone(), self.dtype)

    def type(self) -> str:
        """``'autograd_kit.FloatStorage'``: the legacy name of a storage of this dtype."""
        return f"autograd_kit.{tensor_type_name(self.dtype.name).replace('Tensor', 'Storage')}"

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            raise RuntimeError("slices are only supported in UntypedStorage.__getitem__")
        return super().__getitem__(index)

    def _described(self) -> str:
        return f"TypedStorage(dtype={self.dtype}, device={self.device})"


def _new_bytes(size_or_items: Any) -> numpy.ndarray:
    """The bytes of a new storage: ``n`` zeros (PyTorch leaves them uninitialised) or the
    given whole numbers, each kept modulo 256 as PyTorch does."""
    if isinstance(size_or_items, int):
        return numpy.zeros(size_or_items, dtype=numpy.uint8)
    for item in size_or_items:
        if not isinstance(item, int):
            raise RuntimeError(
                f"autograd_kit.UntypedStorage(): tried to construct a storage from a sequence "
                f"({type(size_or_items).__name__}), but one of the items was of type "
                f"{type(item).__name__} instead of int")
    return numpy.array([item & 0xFF for item in size_or_items], dtype=numpy.uint8)


def _checked(index: int, size: int) -> int:
    if not -size <= index < size:
        raise IndexError(f"index {index} out of range for storage of size {size}")
    return index % size


def untyped_storage(self: Any) -> UntypedStorage:
    """The memory block this tensor (and every view of it) lives in, as bytes."""
    data = self._data
    if data.size == 0 and self._base is None:  # a fresh empty tensor owns no memory
        return UntypedStorage(data.reshape(0))
    return UntypedStorage(storage_start(data)[0])


def storage(self: Any) -> TypedStorage:
    """The memory block as the tensor's own numbers (deprecated in PyTorch)."""
    from .scalar_warning import warn_once_with  # (PyTorch warns the first time only)

    warn_once_with(
        "TypedStorage is deprecated. It will be removed in the future and UntypedStorage will "
        "be the only storage class. This should only matter to you if you are using storages "
        "directly.  To access UntypedStorage directly, use tensor.untyped_storage() instead "
        "of tensor.storage()", stacklevel=2)
    return TypedStorage(untyped_storage(self), self.dtype)
