"""More Tensor methods and properties PyTorch users meet: ``is_cpu`` and the other layout
flags, ``real``/``imag`` of a real tensor, ``H``/``mH``/``adjoint()``, ``new(...)``,
``narrow_copy``, ``nonzero_static``, ``dim_order``, ``apply_``/``map_``, memory sharing, and
the functions PyTorch removed, which now only explain what replaced them. They are attached
to the Tensor class by ``install()`` (called by namespace_more.install).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

import numpy

from . import dtypes
from .function import Function
from .namespace_aten import split_with_sizes
from .node_saved_values import given_dim, input_sizes
from .ops.cholesky_solves import cholesky_inverse, cholesky_solve
from .ops.index_reduce import index_reduce, index_reduce_
from .ops.more_names import as_method
from .ops.pieces import unsafe_chunk, unsafe_split, unsafe_split_with_sizes
from .ops.preserved_layout import laid_out_like
from .removed_functions import REMOVED_FUNCTIONS, REMOVED_METHODS
from .scalar_warning import warn_once_with
from .tensor import Size, Tensor, _read_only, _wrap_dim
from .tensor_layout import _SHAPE_CPP, storage_start
from .tensor_operators import TensorOperators

# ---- flags that are always False for the kit's dense, unquantized tensors -------------------
FALSE_FLAGS = ("is_sparse", "is_sparse_csr", "is_quantized", "is_meta", "is_nested", "is_mkldnn",
               "is_xpu", "is_mps", "is_vulkan", "is_ipu", "is_xla", "is_maia", "is_mtia")


def _is_cpu(self: Tensor) -> bool:
    """True when the values live in the computer's main memory (a NumPy array)."""
    return self.device.type == "cpu"


def _real(self: Tensor) -> Tensor:
    """The real part: for a real tensor, the tensor itself."""
    return self


def _set_real(self: Tensor, value: Any) -> None:
    """``t.real = v`` writes ``v`` into the real part: here, the whole tensor (in place)."""
    self.copy_(value)


def _imag(self: Tensor) -> Tensor:
    raise RuntimeError("imag is not implemented for tensors with non-complex dtypes.")


# ---- transposes under their linear-algebra names ----------------------------------------------

# where PyTorch's TensorShape.cpp warns of each on a 0-dim tensor
_ZERO_DIM_LINES = {"H": 4335, "mH": 4382, "adjoint": 4390}


def _conjugate_transpose(name: str, batches: bool) -> Callable[[Tensor], Tensor]:
    """``H`` (matrices only), ``mH`` and ``adjoint()`` (batches too): the last two dimensions
    swapped, conjugated for complex values (the kit's are real). A 0-dim tensor is returned as
    it is, with PyTorch's deprecation warning."""
    what = "adjoint()" if name == "adjoint" else name
    shapes = "matrices or batches of matrices" if batches else "matrices (2-D tensors)"

    def transpose(self: Tensor) -> Tensor:
        ndim = self.dim()
        if ndim == 0:
            warn_once_with(f"{what if name == 'adjoint' else 'Tensor.' + name} is deprecated "
                           "on 0-D tensors. Consider using x.conj().", stacklevel=2,
                           source=f"{_SHAPE_CPP}:{_ZERO_DIM_LINES[name]}")
            return self
        if ndim < 2 or (ndim > 2 and not batches):
            extra = " For batches of matrices, consider using tensor.mH" if ndim > 2 else ""
            raise RuntimeError(f"tensor.{what} is only supported on {shapes}. Got {ndim}-D "
                               f"tensor.{extra}")
        return self.transpose(-2, -1)

    return transpose


# ---- making and copying -----------------------------------------------------------------------

def new(self: Tensor, *args: Any, **keywords: Any) -> Tensor:
    """The legacy constructor in this tensor's dtype and device: ``x.new(2, 3)`` (a shape,
    values uninitialized), ``x.new([1, 2])`` (data), ``x.new()`` (empty). Its one keyword
    is ``device=`` (refused, as in PyTorch, beside a tensor)."""
    from .legacy import _NEW_FORMS, check_device_type, construct

    if keywords:
        from .signature_parser import check

        check("new", _NEW_FORMS, args, keywords)
        if len(args) == 1 and isinstance(args[0], Tensor):
            raise RuntimeError("Legacy tensor new of the form tensor.new(tensor, device=device) "
                               "is not supported.  Use torch.as_tensor(...) instead.")
        device = keywords.get("device")
        if device is not None:
            check_device_type(self.device.type, device)
        made = new(self, *args)
        return made if device is None else made.to(device)
    if len(args) == 1 and isinstance(args[0], Tensor):  # an alias of it, in the same dtype
        source = args[0]
        if source.dtype != self.dtype or source.device != self.device:
            raise TypeError(f"expected {_options(self)} (got {_options(source)})")
        return source[...]
    if len(args) == 1 and isinstance(args[0], (float, bool, complex)):
        raise TypeError(f"new(): data must be a sequence (got {type(args[0]).__name__})")
    if len(args) == 1 and isinstance(args[0], tuple) and not isinstance(args[0], Size):
        args = (list(args[0]),)
    made = construct(self.dtype, args)
    return made if made.device == self.device else made.to(self.device)


def _options(t: Tensor) -> str:
    """How PyTorch's C++ describes a tensor's dtype and device in its errors."""
    return (f"TensorOptions(dtype={dtypes.C_TYPES.get(t.dtype.name, t.dtype.name)}, "
            f"device={t.device}, layout=Strided, requires_grad=false (default), "
            "pinned_memory=false (default), memory_format=(nullopt))")


class NarrowCopy(Function):
    """out = a copy of x.narrow(dim, start, length) (not a view)

    grad_x = zeros shaped like x, with grad in the narrowed part: PyTorch's slice_backward
    from start to start + length, so a negative start whose part reaches the end (start +
    length = 0) selects nothing there, and backward fails as PyTorch's does
    """

    node_name = "NarrowCopyBackward0"
    saved_options = {"dim": given_dim("dim"), "length": None, "self_sym_sizes": input_sizes(),
                     "start": given_dim("start")}  # (a negative start unsigned too)

    @staticmethod
    def forward(ctx: Any, x: Tensor, dim: int, start: int, length: int) -> Any:
        ctx.shape, ctx.dim, ctx.start, ctx.length = x.shape, dim, start, length
        return x.narrow(dim, start, length)._data.copy()

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, ...]:
        from .ops.indexing import Slice

        along = (slice(None),) * _wrap_dim(ctx.dim, len(ctx.shape))
        key = (*along, slice(ctx.start, ctx.start + ctx.length))
        part = grad.new_zeros(ctx.shape)[key]
        if part.shape != grad.shape:  # (a negative start reaching the end: PyTorch's error
            part.copy_(grad)  # when grad does not fit the empty part)
        return Slice.written_back(grad, tuple(ctx.shape), key), None, None, None


def narrow_copy(self: Tensor, dim: int, start: int, length: int) -> Tensor:
    """Like ``narrow``, but a copy with its own memory; checked as PyTorch's CPU kernel
    checks it (its own order and words, not narrow's)."""
    if self.dim() == 0:
        raise RuntimeError("narrow() cannot be applied to a 0-dim tensor.")
    if dim >= self.dim():
        raise RuntimeError("Expected dim < static_cast<int64_t>(self_sizes.size()) to be true, "
                           "but got false.  (Could this error message be improved?  If so, "
                           "please report an enhancement request to PyTorch.)")
    size = self.shape[_wrap_dim(dim, self.dim())]
    if not -size <= start <= size:
        raise IndexError(f"start out of range (expected to be in range of [{-size}, {size}], "
                         f"but got {start})")
    first = start + size if start < 0 else start
    if length < 0 or first > size - length:
        raise RuntimeError(f"start ({first}) + length ({length}) exceeds dimension size "
                           f"({size}).")
    return NarrowCopy.apply(self, dim, start, length)


def nonzero_static(self: Tensor, *, size: int, fill_value: int = -1) -> Tensor:
    """``nonzero()`` with exactly ``size`` rows: cut short, or padded with ``fill_value``."""
    if size < 0:
        raise RuntimeError("nonzero_static: 'size' must be an non-negative integer")
    found = self.nonzero()
    rows = found.shape[0]
    if rows >= size:
        return found[:size].clone(memory_format=dtypes.contiguous_format)  # (row-major)
    from . import ops

    padding = found.new_full((size - rows, self.dim()), fill_value)
    return ops.cat([found, padding])


def dim_order(self: Tensor) -> tuple[int, ...]:
    """The dimensions from the outermost in memory (largest stride) to the innermost."""
    strides = self.stride()
    return tuple(sorted(range(self.dim()), key=lambda d: -strides[d]))


def isreal(self: Tensor) -> Tensor:
    """True for every element whose imaginary part is zero: all of a real tensor's."""
    return Tensor._make(laid_out_like(  # (as PyTorch's ones_like lays it out)
        self._xp, self._xp.ones_like(self._data, dtype=bool), self._data))


def apply_(self: Tensor, callable: Callable[[Any], Any]) -> Tensor:  # noqa: A002
    """Replace each element x by ``callable(x)`` (a Python function, slow; CPU only)."""
    return _map_in_place(self, "apply_", callable)


def map_(self: Tensor, tensor: Tensor, callable: Callable[[Any, Any], Any]) -> Tensor:  # noqa: A002
    """Replace each element x by ``callable(x, y)``, y the matching element of ``tensor``."""
    return _map_in_place(self, "map_", callable, ("'other'", tensor))


def map2_(self: Tensor, x: Tensor, y: Tensor,
          callable: Callable[[Any, Any, Any], Any]) -> Tensor:  # noqa: A002
    """Replace each element a by ``callable(a, b, c)``, b and c the matching elements of
    ``x`` and ``y``."""
    return _map_in_place(self, "map2_", callable, ("argument 'x'", x), ("argument 'y'", y))


def _map_in_place(self: Tensor, name: str, callable: Callable[..., Any],  # noqa: A002
                  *others: tuple[str, Tensor]) -> Tensor:
    """Call ``callable`` on each element (and the matching elements of ``others``, each
    expanded to this tensor's shape) and write the results back: a change in place, so the
    version moves on."""
    for position, (label, other) in enumerate(others, 1):
        _check_map_operand(self, name, position, label, other)
    _check_python_map(self, name, *(other for _, other in others))
    for label, other in others:
        if other.dtype is not self.dtype:
            raise TypeError(f"{name}: expected {dtypes.error_type_name(self.dtype.name)} for "
                            f"{label} (got {dtypes.error_type_name(other.dtype.name)})")
    data = self._data
    columns = [data.ravel().tolist()] + [
        other.detach().expand(self.shape)._data.ravel().tolist() for _, other in others]
    values = [callable(*elements) for elements in zip(*columns)]
    data[...] = numpy.asarray(values, dtype=data.dtype).reshape(data.shape)
    return self  # (PyTorch writes element by element, uncounted: the version stays)


def _check_map_operand(self: Tensor, name: str, position: int, label: str, other: Any) -> None:
    """PyTorch's TypeError for an operand of ``map_``/``map2_`` that is not a tensor."""
    from .tensor import typename

    if not isinstance(other, Tensor):
        word = label.split("'")[1]
        raise TypeError(f"{name}(): argument '{word}' (position {position}) must be Tensor, "
                        f"not {typename(other)}")


def _check_python_map(self: Tensor, name: str, *others: Tensor) -> None:
    """Python maps write plain numbers: none of the tensors may require grad (CPU only)."""
    if self.requires_grad or any(other.requires_grad for other in others):
        raise RuntimeError(f"Can't call {name}() on Variable that requires grad. Use "
                           f"var.detach().{name}() instead.")
    if self.device.type != "cpu":
        raise TypeError(f"{name} is only implemented on CPU tensors")


def pin_memory(self: Tensor, device: Any = None) -> Tensor:
    raise RuntimeError("Cannot access accelerator device when none is available.")


# the memory blocks marked by share_memory_(), by the id of the array that owns each: every
# tensor over one (a view, x.detach(), x.data, copy.copy(x)) is shared, a clone or a pickle not
_SHARED_BLOCKS: weakref.WeakValueDictionary[int, Any] = weakref.WeakValueDictionary()


def share_memory_(self: Tensor) -> Tensor:
    """Mark the tensor's memory as shared between processes (the kit has one process: a mark
    on its memory block, which PyTorch's storage carries, so its views show it too)."""
    block = storage_start(self._data)[0]
    try:
        _SHARED_BLOCKS[id(block)] = block
    except TypeError:  # (an array type without weak references: the tensor alone is marked)
        self._shared = True
    return self


def is_shared(self: Tensor) -> bool:
    """Whether share_memory_() marked the memory block under this tensor."""
    block = storage_start(self._data)[0]
    return _SHARED_BLOCKS.get(id(block)) is block or getattr(self, "_shared", False)




def _method_of_functional(name: str) -> Callable[..., Any]:
    def method(self: Tensor, *args: Any, **kwargs: Any) -> Any:
        from .nn import functional

        return getattr(functional, name)(self, *args, **kwargs)

    method.__name__ = method.__qualname__ = name
    return method


def to_dense(self: Tensor, dtype: Any = None, **_: Any) -> Tensor:
    """A dense tensor: the kit's tensors already are (a copy only for another dtype)."""
    return self if dtype is None else self.to(dtype)


PROPERTIES: dict[str, Callable[[Tensor], Any]] = {
    "is_cpu": _is_cpu, "real": _real, "imag": _imag, "H": _conjugate_transpose("H", False),
    "mH": _conjugate_transpose("mH", True),
    **{flag: (lambda self: False) for flag in FALSE_FLAGS},
    # PyTorch's read-only ``name`` (``x.name = "w"`` is refused): only the legacy
    # ``Variable(t, name="w")`` gives one, to the tensor it makes
    "name": lambda self: self._variable_name,
}

METHODS: dict[str, Callable[..., Any]] = {
    "adjoint": _conjugate_transpose("adjoint", True), "new": new, "narrow_copy": narrow_copy,
    "nonzero_static": nonzero_static, "dim_order": dim_order, "isreal": isreal,
    "apply_": apply_, "map_": map_, "map2_": map2_, "pin_memory": pin_memory,
    "is_pinned": lambda self, device=None: False, "share_memory_": share_memory_,
    "is_shared": is_shared, "to_dense": to_dense,
    "char": lambda self, *, memory_format=None: self.to(dtypes.int8, memory_format=memory_format),
    "hardshrink": _method_of_functional("hardshrink"),
    "prelu": _method_of_functional("prelu"),
    "split_with_sizes": as_method(split_with_sizes),
    "unsafe_split": as_method(unsafe_split), "unsafe_chunk": as_method(unsafe_chunk),
    "unsafe_split_with_sizes": as_method(unsafe_split_with_sizes),
    "cholesky_solve": as_method(cholesky_solve), "cholesky_inverse": as_method(cholesky_inverse),
    "index_reduce": as_method(index_reduce), "index_reduce_": as_method(index_reduce_),
    **REMOVED_METHODS,
}

SETTERS = {"real": _set_real}

FUNCTIONS = {"isreal": isreal, "unsafe_split": unsafe_split, "unsafe_chunk": unsafe_chunk,
             "unsafe_split_with_sizes": unsafe_split_with_sizes, **REMOVED_FUNCTIONS}


def install() -> None:
    """Attach the properties and methods above that the Tensor class does not have yet."""
    for name, getter in PROPERTIES.items():
        if not hasattr(TensorOperators, name) and not hasattr(Tensor, name):
            refuse = _read_only(name)  # (PyTorch's AttributeError on assignment)
            setattr(TensorOperators, name, property(getter, SETTERS.get(name, refuse), refuse))
    for name, function in METHODS.items():
        if not hasattr(Tensor, name):
            setattr(TensorOperators, name, function)
