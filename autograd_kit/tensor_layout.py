"""How a tensor lies in memory, and new tensors like it.

`Size` is a tensor's shape. `TensorLayout` gives `Tensor` the questions about its memory that
PyTorch answers (``numel``, ``element_size``, ``stride``, ``storage_offset``,
``is_contiguous``, ``data_ptr``, ``nbytes``), the changes of shape in place (``t_``,
``unsqueeze_`` …) and the ``new_*`` constructors, which make a tensor with this one's dtype
and device unless told otherwise.
"""

from __future__ import annotations

import math
import operator
import warnings
from typing import Any

import numpy

from . import backend, grad_mode
from .borrowed_memory import check_growable
from .dtypes import CNamed, c_named
from .int_arguments import is_int
from .transform_captures import refuse_batched_read

_SHAPE_CPP = "aten/src/ATen/native/TensorShape.cpp"  # (where PyTorch warns of T and mT)


class Size(tuple, metaclass=CNamed):
    """A tensor's shape: a tuple that prints as ``autograd_kit.Size([2, 3])``; slicing it or
    adding a tuple to it gives a Size again, as in PyTorch."""

    __module__ = "autograd_kit"  # PyTorch shows torch.Size, not where it is defined

    def __new__(cls, *args: Any) -> Size:
        if len(args) > 1:
            raise TypeError(f"tuple expected at most 1 argument, got {len(args)}")
        items = []
        for position, item in enumerate(args[0] if args else ()):
            try:
                items.append(operator.index(item))
            except TypeError:
                raise TypeError(f"autograd_kit.Size() takes an iterable of 'int' (item "
                                f"{position} is '{type(item).__name__}')") from None
        return super().__new__(cls, items)

    def __repr__(self) -> str:
        return f"autograd_kit.Size({list(self)})"

    def __getitem__(self, key: Any) -> Any:
        item = super().__getitem__(key)
        return Size(item) if isinstance(key, slice) else item

    def __add__(self, other: Any) -> Any:
        if not isinstance(other, tuple):
            raise TypeError(f"can only concatenate tuple (not {type(other).__name__}) to "
                            "autograd_kit.Size")
        return Size(super().__add__(other))

    def __radd__(self, other: Any) -> Any:
        if not isinstance(other, tuple):
            return NotImplemented
        return Size(tuple(other) + tuple(self))

    def __mul__(self, times: Any) -> Any:
        if not hasattr(times, "__index__"):
            raise TypeError(f"can't multiply sequence by non-int of type "
                            f"'{type(times).__name__}'")
        return Size(super().__mul__(times))

    __rmul__ = __mul__

    def numel(self, *args: Any) -> int:
        """The product of the sizes (1 for ``Size([])``)."""
        if args:
            raise TypeError(f"Size.numel() takes no arguments ({len(args)} given)")
        n = 1
        for s in self:
            n *= s
        return n


c_named(Size, "autograd_kit.Size")  # as Python's own messages name it (item assignment …)


def _int_dim(method: str, dim: Any) -> int:
    """``dim`` as an int, or PyTorch's TypeError for what its parser takes for no int."""
    if not is_int(dim):
        from .tensor_arguments import _type_name

        raise TypeError(f"{method}(): argument 'dim' (position 1) must be int, not "
                        f"{_type_name(dim)}")
    return operator.index(dim)


class TensorLayout:
    """Memory questions and ``new_*`` constructors (mixed into `Tensor`)."""

    _data: Any

    def size(self, dim: int | None = None) -> Size | int:
        """The shape, or the size of dimension ``dim`` (PyTorch's checks of ``dim``)."""
        if dim is None:
            return Size(self._data.shape)
        dim = _int_dim("size", dim)
        if self._data.ndim == 0:
            raise IndexError(f"Dimension specified as {dim} but tensor has no dimensions")
        from .tensor import _wrap_dim

        return self._data.shape[_wrap_dim(dim, self._data.ndim)]

    def numel(self) -> int:
        return int(self._data.size)

    def nelement(self) -> int:
        return int(self._data.size)

    def element_size(self) -> int:
        return self._data.itemsize

    @property
    def itemsize(self) -> int:
        return self._data.itemsize

    @property
    def nbytes(self) -> int:
        return int(self._data.size) * self._data.itemsize

    def is_contiguous(self, *, memory_format: Any = None) -> bool:
        """Row-major; or, asked about ``channels_last`` (4-D) or ``channels_last_3d`` (5-D),
        whether the strides lay the channels innermost, then the width, the height (the
        depth), the batch, as PyTorch reads them (dimensions of size 1 skipped)."""
        from .dtypes import channels_last, channels_last_3d, check_memory_format

        if memory_format is channels_last or memory_format is channels_last_3d:
            order = (1, 3, 2, 0) if memory_format is channels_last else (1, 4, 3, 2, 0)
            if self._data.ndim != len(order):
                return False
            sizes, strides, expected = self._data.shape, self.stride(), 1  # type: ignore[attr-defined]
            for d in order:
                if sizes[d] != 1:
                    if strides[d] != expected:
                        return False
                    expected *= sizes[d]
            return True
        check_memory_format(memory_format)
        return bool(self._data.flags.c_contiguous)

    def __reversed__(self) -> Any:
        """``reversed(x)``: ``x.flip(0)`` (a 0-dim tensor is itself)."""
        return self if self.ndim == 0 else self.flip(0)  # type: ignore[attr-defined]

    def __delitem__(self, key: Any) -> None:
        raise TypeError("Tensor does not support deleting items")

    def const_data_ptr(self) -> int:
        return self.data_ptr()

    def data_ptr(self) -> int:
        refuse_batched_read(self, "memory")
        return backend.address_of(self._data)

    def stride(self, dim: int | None = None) -> Any:
        """Steps, in elements, from one index to the next along each dimension.

        NumPy counts strides in bytes. An empty tensor is made with the contiguous strides
        PyTorch gives it (`with_pytorch_strides`), so that its views (transposed, expanded…)
        have PyTorch's strides too; one whose NumPy strides are all 0 gets the contiguous ones.
        """
        data = self._data
        if data.size == 0 and not any(data.strides):
            steps = _contiguous_steps(data.shape)
        else:
            steps = [s // data.itemsize for s in data.strides]
        if dim is None:
            return tuple(steps)
        dim = _int_dim("stride", dim)
        if data.ndim == 0:
            raise IndexError(f"Dimension specified as {dim} but tensor has no dimensions")
        from .tensor import _wrap_dim

        return steps[_wrap_dim(dim, data.ndim)]

    def storage_offset(self) -> int:
        """How many elements into its memory block this tensor starts (0 unless a view)."""
        return storage_start(self._data)[1]

    @property
    def T(self) -> Any:  # noqa: N802 (PyTorch's name)
        """All dims reversed (a permute view); 0-dim: the same view, with PyTorch's warning."""
        from .scalar_warning import warn_once_with

        if self._data.ndim == 0:
            warn_once_with("Tensor.T is deprecated on 0-D tensors. This function is the "
                           "identity in these cases.", stacklevel=2, source=f"{_SHAPE_CPP}:4321")
        elif self._data.ndim != 2:
            warn_once_with(
                "The use of `x.T` on tensors of dimension other than 2 to reverse their shape is "
                "deprecated and it will throw an error in a future release. Consider `x.mT` to "
                "transpose batches of matrices or `x.permute(*torch.arange(x.ndim - 1, -1, -1))` "
                "to reverse the dimensions of a tensor.",
                stacklevel=2, source=f"{_SHAPE_CPP}:4314",
            )
        from . import ops

        return ops.permute(self, tuple(range(self._data.ndim - 1, -1, -1)))

    @property
    def mT(self) -> Any:  # noqa: N802
        """The last two dims swapped; a 0-dim tensor is returned as it is, with PyTorch's
        deprecation warning."""
        if self._data.ndim == 0:
            from .scalar_warning import warn_once_with

            warn_once_with("Tensor.mT is deprecated on 0-D tensors. This function is the "
                           "identity in these cases.", stacklevel=2, source=f"{_SHAPE_CPP}:4373")
            return self
        if self._data.ndim < 2:
            raise RuntimeError("tensor.mT is only supported on matrices or batches of matrices. "
                               f"Got {self._data.ndim}-D tensor.")
        from . import ops

        return ops.transpose(self, -2, -1)

    # ---- shape changes in place: the same memory seen with another shape ----------------
    def unsqueeze_(self, dim: int) -> Any:
        return _reshaped_in_place(self, "UnsqueezeInplace", dim)

    def squeeze_(self, dim: Any = None) -> Any:
        from .ops.inplace_more import squeeze_rule

        return _reshaped_in_place(self, *squeeze_rule(dim))

    def t_(self) -> Any:
        return _reshaped_in_place(self, "TInplace")

    def transpose_(self, dim0: int, dim1: int) -> Any:
        return _reshaped_in_place(self, "TransposeInplace", dim0, dim1)

    swapaxes_ = swapdims_ = transpose_

    def as_strided(self, size: Any, stride: Any, storage_offset: Any = None) -> Any:
        """A view of this tensor's memory block with the given shape and steps."""
        from .ops.shape import as_strided

        return as_strided(self, size, stride, storage_offset)

    def as_strided_(self, size: Any, stride: Any, storage_offset: Any = None) -> Any:
        return _reshaped_in_place(self, "AsStridedInplace", size, stride, storage_offset)

    def resize_(self, *sizes: Any, memory_format: Any = None) -> Any:
        """Give this tensor a new shape, its elements read in memory order from where it
        starts: the values that fit are kept, more memory is added when needed (PyTorch's
        new elements are whatever was there; the kit's are zeros). The version goes up unless
        the shape is the same. A tensor that requires grad may not be resized (except inside
        inference_mode, as in PyTorch)."""
        from .dtypes import preserve_format
        from .inplace import check_not_inference
        from .memory_formats import format_order, restrided

        shape = _sizes("resize_", sizes)
        check_not_inference(self)
        if memory_format is preserve_format:
            raise RuntimeError("Unsupported memory formatPreserve")
        order = format_order(memory_format, len(shape))
        # (PyTorch checks this in its autograd kernel, which inference_mode skips)
        if self.requires_grad and not grad_mode.state.inference:  # type: ignore[attr-defined]
            raise RuntimeError("cannot resize variables that require grad")
        if shape == self._data.shape:  # (channels-last strides over the same memory, though)
            if order is not None:
                self._data = restrided(memory_in_shape(self._data, shape), order)
            return self
        self._data = memory_in_shape(self._data, shape)
        if order is not None:
            self._data = restrided(self._data, order)
        self._version_counter[0] += 1  # type: ignore[attr-defined]
        return self

    def set_(self, source: Any = None, storage_offset: int = 0, size: Any = None,
             stride: Any = None) -> Any:
        """This tensor now reads ``source``'s memory, with its shape and strides (an empty
        tensor with no source); its version goes up. Its views keep the old memory. Given a
        storage (``x.untyped_storage()``), it reads that memory from ``storage_offset`` with
        ``size`` and ``stride`` (default: all of it, in a row)."""
        from .dtypes import C_TYPES
        from .inplace import check_inplace_allowed, check_not_inference
        from .storage import _Storage

        if source is not None and not isinstance(source, _Storage) and (
                source.dtype != self.dtype):  # type: ignore[attr-defined]
            raise RuntimeError(  # (PyTorch's first check, before autograd's)
                f"Could not set tensor of type {C_TYPES[source.dtype.name]} to a tensor of "
                f"type {C_TYPES[self.dtype.name]}")  # type: ignore[attr-defined]
        check_not_inference(self)
        check_inplace_allowed(self)
        if size is not None and storage_offset < 0:
            raise RuntimeError(f"Tensor: invalid storage offset {storage_offset}")
        if isinstance(source, _Storage):
            self._data = _over_storage(source, self._data.dtype, storage_offset, size, stride)
            source = None  # (nothing to record: a storage has no history)
        elif source is None:
            self._data = backend.module_of(self._data).empty((0,), dtype=self._data.dtype)
        elif size is not None:  # (a window on the source's memory, from where it starts)
            self._data = _over_storage(source.untyped_storage(), self._data.dtype,
                                       storage_offset + source.storage_offset(), size, stride)
        else:
            self._data = source._data.view()
        self._version_counter[0] += 1  # type: ignore[attr-defined]
        # PyTorch resets a leaf's AccumulateGrad: graphs made before still fill its .grad,
        # but grad(..., x) looks for the new node, which those graphs do not reach
        self._accumulator = None
        if grad_mode.state.enabled and (self.requires_grad or (  # type: ignore[attr-defined]
                source is not None and source.requires_grad)):
            from .inplace import take_history
            from .ops.shape import SetSource

            take_history(self, SetSource.apply(self, source).grad_fn)
        return self

    def resize_as_(self, the_template: Any, *, memory_format: Any = None) -> Any:
        return self.resize_(the_template.shape, memory_format=memory_format)

    def resize(self, *sizes: Any) -> Any:
        """Deprecated: the same elements in another shape (``reshape``, recorded as
        PyTorch's ``Resize`` Function: ResizeBackward)."""
        warnings.warn("non-inplace resize is deprecated", UserWarning, stacklevel=2)
        from .ops.shape import resize

        return resize(self, sizes)

    def resize_as(self, tensor: Any) -> Any:
        warnings.warn("non-inplace resize_as is deprecated", UserWarning, stacklevel=2)
        from .ops.shape import resize

        return resize(self, tuple(tensor.shape))

    # ---- new tensors like this one (same dtype and device unless told otherwise) --------
    def new_tensor(self, data: Any, *, dtype: Any = None, device: Any = None,
                   requires_grad: bool = False) -> Any:
        from .creation import check_dtype_argument, copy_of_tensor
        from .tensor import Tensor

        if not isinstance(requires_grad, bool):  # (None too, unlike new_zeros')
            from .creation_sizes import c_type_name

            raise TypeError("new_tensor(): argument 'requires_grad' must be bool, not "
                            f"{c_type_name(type(requires_grad))}")
        if isinstance(data, Tensor):  # PyTorch's warning names new_tensor here
            check_dtype_argument("new_tensor", dtype)
            return copy_of_tensor(data, dtype or self.dtype, device or self.device,  # type: ignore[attr-defined]
                                  requires_grad, "tensor.new_tensor")
        return self._new("tensor", data, dtype=dtype, device=device, requires_grad=requires_grad)

    def new_zeros(self, *size: Any, dtype: Any = None, device: Any = None,
                  requires_grad: bool = False, layout: Any = None, pin_memory: Any = False,
                  **named: Any) -> Any:
        size = _size_by_name("new_zeros", size, named)
        _check_sizes(size, "new_zeros")  # (PyTorch's errors name new_zeros)
        return self._new("zeros", *size, dtype=dtype, device=device, requires_grad=requires_grad,
                         layout=layout, pin_memory=pin_memory)

    def new_ones(self, *size: Any, dtype: Any = None, device: Any = None,
                 requires_grad: bool = False, layout: Any = None, pin_memory: Any = False,
                 **named: Any) -> Any:
        size = _size_by_name("new_ones", size, named)
        _check_sizes(size, "new_ones")  # (PyTorch's errors name new_ones)
        return self._new("ones", *size, dtype=dtype, device=device, requires_grad=requires_grad,
                         layout=layout, pin_memory=pin_memory)

    def new_empty(self, *size: Any, dtype: Any = None, device: Any = None,
                  requires_grad: bool = False, layout: Any = None, pin_memory: Any = False,
                  **named: Any) -> Any:
        size = _size_by_name("new_empty", size, named)
        _check_sizes(size, "new_empty")  # (PyTorch's errors name new_empty)
        return self._new("empty", *size, dtype=dtype, device=device, requires_grad=requires_grad,
                         layout=layout, pin_memory=pin_memory)

    def new_empty_strided(self, size: Any, stride: Any, *, dtype: Any = None,
                          device: Any = None, requires_grad: bool = False) -> Any:
        return self._new("empty_strided", size, stride, dtype=dtype, device=device,
                         requires_grad=requires_grad)

    def new_full(self, size: Any, fill_value: Any, *, dtype: Any = None, device: Any = None,
                 requires_grad: bool = False, layout: Any = None,
                 pin_memory: Any = False) -> Any:
        from .creation import _check_size_tuple, fill_number
        from .creation_sizes import _shape

        _check_size_tuple("new_full", size, 1)
        shape = _shape((size,), "new_full")  # (PyTorch's errors name new_full)
        fill_value = fill_number("new_full", fill_value)
        return self._new("full", shape, fill_value, dtype=dtype, device=device,
                         requires_grad=requires_grad, layout=layout, pin_memory=pin_memory)

    def _new(self, maker: str, *args: Any, dtype: Any, device: Any, requires_grad: bool,
             layout: Any = None, pin_memory: Any = False) -> Any:
        """``creation.<maker>(*args)`` with this tensor's dtype and device unless given."""
        from . import creation
        from .creation_out import check_layout_and_pinning

        creation.check_dtype_argument(f"new_{maker}", dtype)
        check_layout_and_pinning(f"new_{maker}", layout, pin_memory)
        return getattr(creation, maker)(*args, dtype=dtype or self.dtype,  # type: ignore[attr-defined]
                                        device=device or self.device,  # type: ignore[attr-defined]
                                        requires_grad=requires_grad)


def _over_storage(storage: Any, kind: Any, offset: int, size: Any, stride: Any) -> Any:
    """An array of ``kind`` reading ``storage``'s bytes from element ``offset`` with ``size``
    and ``stride`` (in elements; default: every element from there, in a row)."""
    items = storage._items.view(backend.module_of(storage._items).uint8).view(kind)
    shape = (items.size - offset,) if size is None else tuple(size)
    steps = stride if stride is not None else [math.prod(shape[d + 1:]) for d in range(len(shape))]
    xp = backend.module_of(items)
    return xp.lib.stride_tricks.as_strided(items[offset:], shape,
                                           [s * items.itemsize for s in steps])


def _reshaped_in_place(target: Any, rule: Any, *args: Any) -> Any:
    """``target`` takes the shape the view ``rule`` (its name in ops/inplace_more.py) gives."""
    from .ops import inplace_more
    from .views import reshape_in_place

    if rule == "AsStridedInplace":
        from .ops.shape import AsStridedInplace, as_strided

        as_strided(target.detach(), *args)  # (PyTorch's checks first)
        rule = AsStridedInplace
    elif isinstance(rule, str):
        rule = getattr(inplace_more, rule)
    return reshape_in_place(target, rule, *args)


def _contiguous_steps(shape: tuple[int, ...]) -> list[int]:
    """PyTorch's row-major strides, in elements (a dimension of size 0 counts as 1)."""
    steps, step = [], 1
    for size in reversed(shape):
        steps.insert(0, step)
        step *= max(size, 1)
    return steps


def with_pytorch_strides(data: numpy.ndarray) -> numpy.ndarray:
    """An empty NumPy array given PyTorch's contiguous strides (NumPy sets them all to 0),
    over a one-element block: views of it then get the strides PyTorch's views get
    (``zeros(0, 3).t().stride() == (1, 3)``)."""
    steps = _contiguous_steps(data.shape)
    block = numpy.empty(1, data.dtype)
    return numpy.lib.stride_tricks.as_strided(
        block, data.shape, [s * data.itemsize for s in steps], writeable=True)


def memory_in_shape(data: Any, shape: tuple[int, ...]) -> Any:
    """``data``'s memory block read in ``shape``, row by row from where ``data`` starts (what
    PyTorch's resize_ leaves, also for an ``out=`` tensor of another shape): a view of the
    same block when it is big enough, else a new block with the old values first."""
    root, start = storage_start(data)
    count = math.prod(shape)
    xp = backend.module_of(data)
    if root.flags.c_contiguous or root.flags.f_contiguous:
        memory = root.ravel(order="K")  # (a view of the block, in memory order)
    else:  # (a block NumPy did not lay out itself: what this tensor reads, as a copy)
        memory, start = xp.ascontiguousarray(data).ravel(order="K"), 0
    if start + count > memory.size:  # more memory: a new block, the old values first
        check_growable(root)  # (NumPy's memory, borrowed by from_numpy, cannot grow)
        grown = xp.zeros(start + count, dtype=data.dtype)
        grown[:memory.size] = memory
        memory = grown
    return memory[start:start + count].reshape(shape)


def storage_start(data: Any) -> tuple[Any, int]:
    """The array that owns ``data``'s memory block, and how many elements into it ``data``
    starts (PyTorch's storage and storage offset)."""
    root, kind = data, type(data)
    while True:
        owner = root.base
        if not isinstance(owner, kind):  # (NumPy's as_strided puts a holder in between)
            owner = getattr(owner, "base", None)
        if not isinstance(owner, kind):
            break
        root = owner
    if root is data:
        return root, 0
    return root, (backend.address_of(data) - backend.address_of(root)) // data.itemsize


def _sizes(method: str, sizes: tuple[Any, ...]) -> tuple[int, ...]:
    """``f(2, 3)``, ``f((2, 3))``, ``f([2, 3])`` or ``f(Size)``: a shape, with PyTorch's errors."""
    if not sizes:
        raise TypeError(f'{method}() missing 1 required positional arguments: "size"')
    if len(sizes) == 1 and isinstance(sizes[0], (tuple, list)):
        sizes = tuple(sizes[0])
    for size in sizes:
        if isinstance(size, bool) or not hasattr(size, "__index__"):
            raise TypeError(f"{method}(): argument 'size' (position 1) must be tuple of ints, "
                            f"not {type(size).__name__}")
    shape = tuple(operator.index(size) for size in sizes)
    if any(size < 0 for size in shape):
        raise RuntimeError("numel: integer multiplication overflow")
    return shape


def _size_by_name(method: str, size: tuple[Any, ...], named: dict[str, Any]) -> tuple[Any, ...]:
    """``x.new_zeros(size=(2, 3))``: the size may also be given by name, as in PyTorch (but
    must be given: ``x.new_zeros(())`` is 0-dim, ``x.new_zeros()`` an error)."""
    if not named and size:
        return size
    if "size" not in named and not size:  # none at all: PyTorch's TypeError
        from .creation_sizes import _size_argument

        return _size_argument(size, None, method)
    if set(named) != {"size"}:
        unexpected = next(iter(set(named) - {"size"}), "size")
        raise TypeError(f"{method}() got an unexpected keyword argument '{unexpected}'")
    if size:
        raise TypeError(f"{method}() got multiple values for argument 'size'")
    from .creation_sizes import keyword_size

    return keyword_size(named["size"], method)


def _named_as_pytorch() -> None:
    from .tensor_arguments import name_methods_as_pytorch, several_dims

    TensorLayout.squeeze_ = several_dims(TensorLayout.squeeze_)  # type: ignore[method-assign]
    name_methods_as_pytorch(TensorLayout)  # (Python's TypeErrors say new_tensor(), as PyTorch)


_named_as_pytorch()


def _check_sizes(size: tuple[Any, ...], name: str) -> None:
    """PyTorch's errors for sizes that are not whole or are negative, naming ``name``."""
    from .creation_sizes import _shape

    _shape(size, name)


def element_strides(t: Any) -> tuple[int, ...]:
    """``t.stride()``, for the kit's own hot paths (a product's forward): the method without
    the argument check that a learner's call goes through."""
    return TensorLayout.stride(t)
