"""`Tensor`: an array plus the bookkeeping autograd needs. No calculus lives here.

A tensor holds

* ``_data``: the values, a NumPy (cpu) or CuPy (cuda) array;
* ``requires_grad``: whether gradients should flow to it;
* ``grad_fn``: the backward node of the operation that made it (None for a leaf);
* ``grad``: for leaves (and ``retain_grad()`` tensors), the gradient backward stored;
* ``_version``: how many times it was changed in place (shared with its views).

Operators and methods hand the work to `autograd_kit.ops`, where each operation's forward
and backward rule live side by side.
"""

from __future__ import annotations

import warnings
import weakref
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import numpy

from . import backend, dtypes, grad_mode, scalar_warning
from .stale_leaf_shapes import note_new_data
from .tensor_attributes import LearnerAttributes, real_dict_of, replace_learner_attributes
from .tensor_conversions import TensorConversions
from .tensor_hooks import TensorHooks, carries_tangents_only_of
from .tensor_layout import Size, TensorLayout, with_pytorch_strides
from .tensor_operators import TensorOperators
from .transform_captures import created, refuse_batched_read
from .unmade_view_nodes import NOT_MADE

# The node a leaf's gradients go to: accumulate_grad.py (which needs Tensor) puts itself here.
AccumulateGrad: Any = None

if TYPE_CHECKING:
    from .function import Node

# `engine` needs the Tensor class, so autograd_kit/engine.py connects itself here.
engine: Any = None

NON_LEAF_GRAD_WARNING = scalar_warning.triggered_at(
    "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad "
    "attribute won't be populated during autograd.backward(). If you indeed want the .grad "
    "field to be populated for a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor. "
    "If you access the non-leaf Tensor by mistake, make sure you access the leaf Tensor "
    "instead. See github.com/pytorch/pytorch/pull/30531 for more information.",
    "build/aten/src/ATen/core/TensorBody.h:493")


def not_writable(attribute: str) -> str:
    """PyTorch's words for a read-only attribute (its tensors' C++ base class, spelled here
    with the kit's name)."""
    return f"attribute '{attribute}' of 'autograd_kit._C.TensorBase' objects is not writable"


ZERO_DIM_INDEX_MESSAGE = (
    "invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in "
    "C++ to convert a 0-dim tensor to a number"
)


class Tensor(TensorOperators, TensorLayout, TensorConversions, TensorHooks):
    """An n-dimensional array that can record the operations applied to it."""

    __module__ = "autograd_kit"  # prints as <class 'autograd_kit.Tensor'>, as PyTorch's does

    # Defaults shared by every tensor; an instance only stores what differs.
    _grad_fn = None  # the node that made this tensor, None for a leaf (read as .grad_fn)
    _requires_grad = False
    _grad: Tensor | None = None
    _grad_dtype: Any = None  # a leaf's grad_dtype when set (see grad_dtype.py)
    _output_nr = 0  # which output of grad_fn this tensor is
    _retains_grad = False
    _base: Tensor | None = None  # for views: the tensor whose memory this one shares
    _accumulator = None  # weak reference to this leaf's AccumulateGrad node
    _inference = False  # made inside inference_mode(): never part of a recorded graph
    _inference_counted = False  # .data/.detach() of one: PyTorch counts its versions anew
    # a view taken under no_grad of a tensor that requires grad: PyTorch says it requires
    # grad, yet no gradient flows from it to its base (and it may not be changed in place)
    _no_grad_view = False
    _inference_view = False  # a view of a normal tensor taken inside inference_mode()
    _views = None  # a base's live views (weak), given a new history when the base's changes
    _multi_view = False  # a piece of unbind/split/chunk: PyTorch refuses to change it in place
    # PyTorch's error, once a multi-output or no_grad view's base was changed in place by a
    # recorded operation: reading grad_fn raises it (views.refresh_views)
    _stale_view: str | None = None
    _custom_view: str | None = None  # shares an input's memory, made by this custom Function
    _superseded = None  # a view's node before its base changed, until grad_fn is read (views)
    _sharing_counter = None  # detach(): the tensors sharing one version counter (views)
    _variable_name: str | None = None  # read as .name: only Variable(t, name=...) gives one
    __array_priority__ = 1000  # (PyTorch's value: NumPy's operators give way to a tensor's)

    def __new__(cls, *args: Any, **keywords: Any) -> Tensor:
        """``Tensor(t)`` of a tensor is ``t.alias()`` (a view of all of t, recorded as
        AliasBackward0 when t requires grad), as in PyTorch: made here, whole."""
        if cls is Tensor and len(args) == 1 and not keywords and isinstance(args[0], Tensor):
            from .legacy import construct

            return construct(dtypes.default_float(), args, keep_tensor_type=True)
        return object.__new__(cls)

    def __init__(self, *args: Any, **keywords: Any) -> None:
        """``Tensor([1, 2])`` (float32 data) or ``Tensor(2, 3)`` (a shape): the legacy
        constructor (its one keyword is ``device=``). New code writes
        ``autograd_kit.tensor(...)``."""
        from .legacy import construct

        if type(self) is Tensor and len(args) == 1 and not keywords \
                and isinstance(args[0], Tensor):
            return  # (``Tensor(t)``: made whole by __new__)
        made = construct(dtypes.default_float(), args, keep_tensor_type=True, keywords=keywords)
        self._data = made._data
        self._version_counter = made._version_counter

    @classmethod
    def _make(cls, data: Any) -> Tensor:
        """Wrap an array as a new leaf tensor (the fast path every operation uses)."""
        t = object.__new__(cls)
        if not data.size and type(data) is numpy.ndarray and data.base is None:
            data = with_pytorch_strides(data)  # (NumPy gives an empty array no strides)
        t._data = data
        t._version_counter = [0, next(created)]  # (its serial: transform_captures)
        return t

    # ---- the autograd attributes -------------------------------------------------------
    @property
    def requires_grad(self) -> bool:
        """Whether gradients flow to this tensor. A view also requires grad when its base
        does, even if the base was switched on after the view was taken (PyTorch's rule);
        such a view is a leaf without a gradient of its own (its edge goes nowhere)."""
        return self._requires_grad or (self._base is not None and self._base._requires_grad)

    @requires_grad.setter
    def requires_grad(self, value: bool) -> None:
        if not isinstance(value, bool):
            raise RuntimeError("requires_grad must be a bool")
        self._set_requires_grad(value, "only Tensors of floating point and complex dtype")

    def _set_requires_grad(self, value: bool, who: str) -> None:
        if value and self._inference and not grad_mode.state.inference:
            raise RuntimeError(
                "Setting requires_grad=True on inference tensor outside InferenceMode is not "
                "allowed."
            )
        if self._superseded is NOT_MADE:  # (no raw node yet: a leaf to PyTorch, that reads
            return  # the node again next, and requires grad with it: nothing changes)
        if self._grad_fn is not None and value:  # (the raw node: a stale view may answer)
            raise RuntimeError("you can only change requires_grad flags of leaf variables.")
        if self._grad_fn is not None and carries_tangents_only_of(self):
            return  # (computed from forward-AD duals alone: PyTorch's needs no grad already)
        if self._grad_fn is not None:
            raise RuntimeError(
                "you can only change requires_grad flags of leaf variables. If you want to use "
                "a computed variable in a subgraph that doesn't require differentiation use "
                "var_no_grad = var.detach()."
            )
        if value and not self.dtype.is_floating_point:
            raise RuntimeError(f"{who} can require gradients")
        self._requires_grad = bool(value)
        if value:  # (a forward-AD dual of a plain tensor becomes the user's own leaf)
            from .autograd.forward_ad import claim

            claim(self)
        if value and self._views:  # (views changed in memory since they were made)
            from .views import views_catch_up

            views_catch_up(self)

    def requires_grad_(self, requires_grad: bool = True) -> Tensor:
        """Switch ``requires_grad`` in place (leaves only) and return self.

        On a non-leaf, ``requires_grad_(True)`` changes nothing (it already requires grad)
        and is allowed, as in PyTorch; only switching it off is an error there. (Its
        argument is checked by signature_parser.py, as PyTorch's parser checks it.)
        """
        if self._grad_fn is not None and requires_grad:
            return self
        self._set_requires_grad(requires_grad, "only Tensors of floating point dtype")
        return self

    @property
    def grad_fn(self) -> Node | None:
        """The backward node of the operation that made this tensor (None for a leaf). Only
        recording sets it: assigning to it is an error, as in PyTorch."""
        if self._stale_view is not None:
            raise RuntimeError(self._stale_view)
        if self._superseded is not None:  # (PyTorch makes a view's new node only now)
            from .views import new_node_read
            new_node_read(self)
        return self._grad_fn

    @grad_fn.setter
    def grad_fn(self, value: Any) -> None:
        raise AttributeError(not_writable("grad_fn"))

    @grad_fn.deleter
    def grad_fn(self) -> None:
        raise AttributeError(not_writable("grad_fn"))

    @property
    def is_leaf(self) -> bool:
        """True unless a recorded operation made this tensor."""
        return self.grad_fn is None

    @property
    def grad(self) -> Tensor | None:
        """The gradient stored by backward (leaves and ``retain_grad()`` tensors only)."""
        if (self._grad is None and self._grad_fn is not None and not self._retains_grad
                and not carries_tangents_only_of(self)):  # (PyTorch's dual ones are leaves)
            warnings.warn(NON_LEAF_GRAD_WARNING, UserWarning, stacklevel=2)
        return self._grad

    @grad.setter
    def grad(self, value: Tensor | None) -> None:
        if value is not None:
            if not isinstance(value, Tensor):
                raise TypeError(
                    f"assigned grad expected to be a Tensor or None but got grad of type "
                    f"{type(value).__name__}"
                )
            if value is self:
                raise RuntimeError("can't assign Variable as its own grad")
            if value.dtype != self.dtype or self._grad_dtype is not None:
                from .grad_dtype import check_assigned_dtype  # (the grad_dtype rule)

                check_assigned_dtype(self, value)
            if value.device.type != self.device.type:
                raise RuntimeError(
                    f"attempting to assign a gradient with device type '{value.device.type}' to "
                    f"a tensor with device type '{self.device.type}'. Please ensure that the "
                    "gradient and the tensor are on the same device")
            if value.device != self.device:
                raise RuntimeError("assigned grad has data located on a different device")
            if value.shape != self.shape:
                raise RuntimeError(
                    f"attempting to assign a gradient of size '{list(value.shape)}' to a tensor "
                    f"of size '{list(self.shape)}'. Please ensure that the gradient and the "
                    "tensor are the same size"
                )
        self._grad = value

    @grad.deleter
    def grad(self) -> None:
        """``del x.grad`` is ``x.grad = None``."""
        self._grad = None

    @property
    def retains_grad(self) -> bool:
        return self._retains_grad

    def retain_grad(self) -> None:
        """Keep this non-leaf tensor's gradient in ``.grad`` after backward."""
        if not self.requires_grad or carries_tangents_only_of(self):
            raise RuntimeError("can't retain_grad on Tensor that has requires_grad=False")
        if self._grad_fn is None or self._retains_grad or self._superseded is NOT_MADE:
            return  # (PyTorch's C++ is_leaf sees a view's raw node: none yet is a leaf)
        node = self.grad_fn  # (raises for a piece of unbind whose base changed)
        self._retains_grad = True
        node._watch("_retained", {})[self._output_nr] = weakref.ref(self)

    @property
    def _version(self) -> int:
        """How many times this tensor's memory was changed in place (shared with its views)."""
        if self._inference and not self._inference_counted:
            raise RuntimeError("Inference tensors do not track version counter.")
        return self._version_counter[0]

    @_version.setter
    def _version(self, value: Any) -> None:
        raise AttributeError(not_writable("_version"))

    def _is_view(self) -> bool:
        """True for a view: a tensor that shares the memory of another (its ``_base``)."""
        return self._base is not None

    @property
    def output_nr(self) -> int:
        return self._output_nr

    def _gradient_edge(self) -> tuple[Any, int]:
        """Where a gradient for this tensor goes: (its grad_fn or AccumulateGrad, output_nr)."""
        # (the raw node, unless a view's grad_fn has something to check: every record reads this)
        node = self._grad_fn if self._stale_view is None and self._superseded is None else (
            self.grad_fn)
        if node is not None:
            return (node, self._output_nr)
        if not self._requires_grad:  # (a view made under no_grad of a base that requires
            return (None, 0)  # grad too, unless switched on itself: requires_grad_())
        node = self._accumulator() if self._accumulator is not None else None
        if node is None or node.leaf_dtype != self._data.dtype:  # (``.data =`` another)
            node = AccumulateGrad(self)
            self._accumulator = weakref.ref(node)
        return (node, 0)

    def backward(
        self,
        gradient: Any = None,
        retain_graph: bool | None = None,
        create_graph: bool = False,
        inputs: Any = None,
    ) -> None:
        """Compute d(self)/d(leaf) for every leaf and add it into each leaf's ``.grad``."""
        engine.backward(self, gradient, retain_graph, create_graph, inputs=inputs)

    @property
    def __dict__(self) -> dict[str, Any]:  # type: ignore[override]
        """The attributes the learner set ({} for a new tensor, as in PyTorch: the kit's own
        insides are not listed), written through (tensor_attributes.py)."""
        return LearnerAttributes(_REAL_DICT.__get__(self), type(self))

    @__dict__.setter
    def __dict__(self, attributes: dict[str, Any]) -> None:
        replace_learner_attributes(_REAL_DICT.__get__(self), type(self), attributes)

    @__dict__.deleter
    def __dict__(self) -> None:
        replace_learner_attributes(_REAL_DICT.__get__(self), type(self), {})

    # ---- copying and pickling: the values and requires_grad, never the graph ------------
    def __reduce_ex__(self, protocol: Any) -> Any:
        from .tensor_copying import pickled

        return pickled(self)

    def __copy__(self) -> Tensor:
        """``copy.copy``: a new leaf over the same memory (tensor_copying.py)."""
        from .tensor_copying import shallow_copy

        return shallow_copy(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> Tensor:
        """A leaf's deep copy: new memory, the same ``requires_grad`` and a copy of ``.grad``
        (tensor_copying.py)."""
        from .tensor_copying import deep_copy

        return deep_copy(self, memo)

    def detach(self) -> Tensor:
        """A new leaf sharing this tensor's data (and version counter), cut from the graph."""
        out = self.data  # (an inference tensor's: one too, counting its versions anew)
        if not self._inference:
            out._version_counter = self._version_counter
        from .views import shares_version_counter  # (their views see each other's changes)
        shares_version_counter(self if self._base is None else self._base, out)
        return out

    def is_inference(self) -> bool:
        """True for a tensor made inside ``inference_mode()`` (PyTorch's *inference tensor*)."""
        return self._inference

    def detach_(self) -> Tensor:
        """Cut this tensor from the graph in place: it becomes a leaf (`views.detach_in_place`)."""
        from .views import detach_in_place

        return detach_in_place(self)

    @property
    def data(self) -> Tensor:
        """The same values, without autograd history (an inference tensor's: one too)."""
        refuse_batched_read(self, "data")
        out = Tensor._make(self._data)  # (its own version counter, unlike detach()'s)
        if self._inference:
            out._inference, out._inference_counted = True, not grad_mode.state.inference
        return out

    @data.setter
    def data(self, value: Tensor) -> None:
        if not isinstance(value, Tensor):
            from .creation_sizes import c_type_name as name
            raise TypeError(f"Variable data has to be a tensor, but got {name(type(value))}")
        if self._requires_grad and not value.dtype.is_floating_point:
            raise RuntimeError("data set to a tensor that requires gradients must be floating "
                               "point or complex dtype")
        if self._accumulator is not None:  # (a graph may keep its old shape to check)
            note_new_data(self, value._data)
        self._data = value._data

    # ---- what the data is --------------------------------------------------------------
    @property
    def _xp(self) -> Any:
        return backend.module_of(self._data)

    @property
    def shape(self) -> Size:
        return Size(self._data.shape)

    @property
    def dtype(self) -> dtypes.dtype:
        return dtypes.of_numpy(self._data.dtype)

    @property
    def device(self) -> backend.device:
        return backend.device_of(self._data)

    @property
    def is_cuda(self) -> bool:
        return self.device.type == "cuda"

    def get_device(self) -> int:
        """The GPU's index for a CUDA tensor, -1 for a CPU tensor (as PyTorch)."""
        where = self.device
        return -1 if where.type == "cpu" else where.index

    @property
    def ndim(self) -> int:
        return self._data.ndim

    def dim(self) -> int:
        return self._data.ndim

    def ndimension(self) -> int:
        return self._data.ndim

    def is_floating_point(self) -> bool:
        return self.dtype.is_floating_point

    # ---- leaving the kit ---------------------------------------------------------------
    def numpy(self, *, force: bool = False) -> numpy.ndarray:
        """The values as a NumPy array sharing memory (cpu tensors without grad only)."""
        refuse_batched_read(self, "memory")
        if self.requires_grad and grad_mode.state.enabled and not force:  # (no_grad: allowed)
            from .autograd.forward_ad import helpers_only  # (a forward-AD helper too)
            if not helpers_only(self):
                raise RuntimeError("Can't call numpy() on Tensor that requires grad. Use "
                                   "tensor.detach().numpy() instead.")
        if type(self._data) is not numpy.ndarray:
            if not force:
                raise TypeError(
                    f"can't convert {self.device} device type tensor to numpy. Use Tensor.cpu() "
                    "to copy the tensor to host memory first."
                )
            return backend.to_host(self._data)
        from .borrowed_memory import share
        from .inplace import _make_writable

        share(self._data)  # (from now on, as in PyTorch, resize_ cannot grow this memory)
        # a new array object each call, sharing the memory; writable as PyTorch's is, even
        # where NumPy marked the kit's array read-only (an expanded tensor's broadcast view)
        return _make_writable(self._data.view())

    def __array__(self, dtype: Any = None) -> numpy.ndarray:
        """PyTorch's signature, without NumPy 2's ``copy``: NumPy warns (DeprecationWarning)
        and copies for ``numpy.array(t)`` itself, and refuses ``copy=False``, as with torch."""
        return self.numpy() if dtype is None else self.numpy().astype(dtype, copy=False)

    def __array_wrap__(self, array: numpy.ndarray) -> Tensor:
        """A NumPy function applied to a tensor gives a tensor back (``numpy.exp(x)``), as in
        PyTorch, which turns NumPy's bool results into uint8 (and, with PyTorch's signature,
        gets NumPy 2's DeprecationWarning about ``context`` and ``return_scalar``)."""
        if array.dtype == bool:
            array = array.astype("uint8")
        return Tensor._make(numpy.asarray(array))

    def item(self) -> Any:
        """The single value of a one-element tensor, as a Python number."""
        refuse_batched_read(self, "item")
        if self._data.size != 1:
            raise RuntimeError(
                f"a Tensor with {self._data.size} elements cannot be converted to Scalar"
            )
        return self._data.item()

    def tolist(self) -> Any:
        refuse_batched_read(self, "memory")
        return self._data.tolist()

    def _scalar(self, warn: bool = True) -> Any:
        """float()/int(): PyTorch's ValueError for many elements; float() of a tensor that
        requires grad warns (once per process, and not under no_grad, as in PyTorch; before
        the ValueError, which PyTorch checks second)."""
        refuse_batched_read(self, "item")
        if warn and self.requires_grad and grad_mode.state.enabled:
            scalar_warning.warn_once(self)
        if self._data.size != 1:
            raise ValueError("only one element tensors can be converted to Python scalars")
        return self._data.item()

    def __float__(self) -> float:
        return float(self._scalar())

    def __int__(self) -> int:
        return int(self._scalar(warn=False))  # (PyTorch's int() does not warn)

    def __complex__(self) -> complex:
        return complex(self._scalar())

    def __index__(self) -> int:
        if self.dtype.is_floating_point or self._data.size != 1:
            raise TypeError("only integer tensors of a single element can be converted to an index")
        return int(self.item())

    def __bool__(self) -> bool:
        refuse_batched_read(self, "bool")
        if self._data.size != 1:
            many = "no values" if self._data.size == 0 else "more than one value"
            raise RuntimeError(f"Boolean value of Tensor with {many} is ambiguous")
        return bool(self.item())

    def __len__(self) -> int:
        if self._data.ndim == 0:
            raise TypeError("len() of a 0-d tensor")
        return self._data.shape[0]

    def __iter__(self) -> Iterator[Tensor]:
        if self._data.ndim == 0:
            raise TypeError("iteration over a 0-d tensor")
        return iter(self.unbind(0))  # PyTorch's pieces: UnbindBackward0

    def __contains__(self, element: Any) -> bool:
        """``element in t``: whether any value of t equals it (broadcast), as PyTorch."""
        if not isinstance(element, (Tensor, int, float, bool)):
            raise RuntimeError("Tensor.__contains__ only supports Tensor or scalar, but you "
                               f"passed in a {type(element)}.")
        return bool((self == element).any())

    def __hash__(self) -> int:
        return id(self)

    def __repr__(self) -> str:
        from .tensor_repr import tensor_repr

        return tensor_repr(self)

    __str__ = __repr__

    def __format__(self, spec: str) -> str:
        """A 0-dim plain tensor formats as its number (``f"{loss:.3f}"``); any other tensor,
        a 0-dim Parameter included, only with an empty spec, as its ``str``."""
        if self._data.ndim == 0 and type(self) is Tensor:
            return format(self.item(), spec)
        if spec:
            raise TypeError(f"unsupported format string passed to {type(self).__name__}"
                            ".__format__")
        return str(self)


def _read_only(name: str) -> Callable[..., None]:
    def refuse(self: Tensor, value: Any = None) -> None:
        raise AttributeError(not_writable(name))

    return refuse


def _refuse_writes_to_read_only_attributes(cls: type) -> None:
    """Assigning to (or deleting) a read-only attribute such as ``shape``, ``is_leaf`` or
    ``dtype`` raises PyTorch's AttributeError, not Python's words for a property."""
    import inspect

    for name in dir(cls):
        attribute = inspect.getattr_static(cls, name)
        if name.startswith("_") or not isinstance(attribute, property):
            continue
        if attribute.fset is None:
            refuse = _read_only(name)
            setattr(cls, name, property(attribute.fget, refuse, refuse, attribute.__doc__))


def _refuse_delete(message: str) -> Callable[[Tensor], None]:
    def refuse(self: Tensor) -> None:
        raise RuntimeError(message)

    return refuse


_refuse_writes_to_read_only_attributes(Tensor)
Tensor.requires_grad = Tensor.requires_grad.deleter(  # type: ignore[attr-defined]
    _refuse_delete("requires_grad must be a bool"))
_REAL_DICT = real_dict_of(Tensor)  # (the instances' own dict: see Tensor.__dict__)
Tensor.data = Tensor.data.deleter(  # type: ignore[attr-defined]
    _refuse_delete("Deleting tensor data is not allowed. Delete tensor instead!"))


def _wrap_dim(dim: int, ndim: int) -> int:
    """A dimension index in range(ndim), counting from the end for negatives (PyTorch's check)."""
    low, high = (-1, 0) if ndim == 0 else (-ndim, ndim - 1)
    if not low <= dim <= high:
        raise IndexError(
            f"Dimension out of range (expected to be in range of [{low}, {high}], but got {dim})"
        )
    return dim % ndim if ndim else 0


def _rebuild(data: Any, requires_grad: bool) -> Tensor:
    """A leaf with these values: what pickles the kit wrote before 2026-11-24 name (the kit
    now pickles through tensor_copying.rebuild)."""
    t = Tensor._make(data)
    if requires_grad:
        t.requires_grad_(True)
    return t


def typename(value: Any) -> str:
    """PyTorch's ``torch.typename``: ``'autograd_kit.FloatTensor'`` for a tensor, else the
    value's class (with its module unless it is a builtin), as error messages show it."""
    if isinstance(value, Tensor):
        return value.type()
    module, name = type(value).__module__, type(value).__qualname__
    return name if module == "builtins" else f"{module}.{name}"
