"""How a node shows what it saved, under PyTorch's names.

PyTorch's nodes offer their saved values as attributes: tensors (``_saved_self``,
``_saved_mat2``, ``_saved_result``, each also as ``_raw_saved_*``, the saved value itself) and
options (``_saved_alpha``, ``_saved_dim``, ``_saved_self_sym_sizes``, …). ``dir(node)`` lists
them beside the node's API. This mixin gives every `Node` those attributes; it only reads
what recording stored, as each `Function` declares it (one declaration serves both the
attributes and ``dir``):

- ``saved_tensor_names``: PyTorch's names for what ``save_for_backward`` got, in its order
  (None for a value PyTorch does not show). Left out: inputs are ``self`` and ``other``,
  outputs ``result``.
- ``saved_options``: every other saved value PyTorch shows, each with where it is: the name
  of a ``ctx`` attribute, None for the ``ctx`` attribute of the same name, or a function of
  the node (`input_sizes`, `input_numel`, … below).
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from typing import Any

import numpy

from . import backend
from .saved_tensor import (
    FREED_MESSAGE,
    EmptySavedTensor,
    SavedTensor,
    is_saved_output,
    unpack_order,
)
from .tensor import Tensor
from .write_only_attributes import WriteOnly

CLEARED_MESSAGE = (
    "saved_tensors can only be accessed once when clear_saved_tensors_on_access=True is set on "
    "the autograd.Function. Either access saved_tensors only once, or set "
    "clear_saved_tensors_on_access=False."
)


class _LostError(threading.local):
    error: AttributeError | None = None


_lost = _LostError()


def unpacked_saved_tensors(node: Any) -> tuple[Any, ...]:
    """What ``node.saved_tensors`` gives: each saved tensor unpacked (checked against
    in-place changes, through its unpack hook if any), in the order they were packed.

    An AttributeError raised by an unpack hook would reach the caller of the
    ``saved_tensors`` property as a missing attribute: Python calls the node's
    ``__getattr__`` instead, which raises this error again (see `SavedValuesOnDemand`)."""
    try:
        return _unpacked(node)
    except AttributeError as error:
        _lost.error = error
        raise


def _unpacked(node: Any) -> tuple[Any, ...]:
    saved = node._saved
    if not saved:
        if node._saved_cleared:
            raise RuntimeError(CLEARED_MESSAGE)
        if node._freed:
            released = node._released
            if node._builtin_rule and all(value is None for value in released):
                return tuple(released)  # (a built-in op that kept nothing: PyTorch's node
            raise RuntimeError(FREED_MESSAGE)  # refuses only a value it let go of)
        return ()
    order = node._pack_order
    if order is None:  # no hooks to call: the order matters only for which error is raised
        values = []  # (a plain loop: every backward asks)
        try:
            for value in saved:
                if type(value) is SavedTensor:
                    if value.unpack_hook is not None:
                        break  # (unpacked below, in the order packed)
                    value = value.unpack(node, True)
                values.append(value)
            else:
                return tuple(values)
        except RuntimeError:  # an in-place change: again in PyTorch's order, to name the
            pass  # tensor PyTorch names
    values = list(saved)  # unpacked in the order they were packed (or saved)
    for i in order or unpack_order(node) or range(len(values)):
        if type(values[i]) is SavedTensor:
            values[i] = values[i].unpack(node, True)
    return tuple(values)


_MISSING = object()

# What a node offers, as PyTorch lists it (dir(node)); the rest is the kit's bookkeeping
NODE_API = ("_register_hook_dict", "_sequence_nr", "_set_sequence_nr", "metadata", "name",
            "next_functions", "register_hook", "register_prehook", "requires_grad")


def input_sizes(position: int = 0) -> Callable[[Any], tuple[int, ...]]:
    """``_saved_self_sym_sizes``: the shape input ``position`` had (a tuple of ints)."""
    return lambda node: tuple(int(n) for n in node._input_shapes[position])


def input_size(position: int, dim: int) -> Callable[[Any], int]:
    """``_saved_batch1_sym_argsize_0``: one size of input ``position``'s shape."""
    return lambda node: int(node._input_shapes[position][dim])


def input_numel(position: int = 0) -> Callable[[Any], int]:
    """``_saved_self_sym_numel``: how many elements input ``position`` had."""
    return lambda node: math.prod(node._input_shapes[position])


def constant(value: Any) -> Callable[[Any], Any]:
    """An option that is always the same for this node (``_saved_sparse_grad`` False)."""
    return lambda node: value


def parameter(position: int) -> Callable[[Any], Any]:
    """An activation's parameter (``ctx.params[position]``: ``_saved_negative_slope``, …)."""
    return lambda node: node.params[position]


def reduction() -> Callable[[Any], Any]:
    """A loss's ``_saved_reduction`` as PyTorch keeps it: none 0, mean 1, sum 2."""
    return lambda node: {"none": 0, "mean": 1, "sum": 2}[node.reduction]


def extra_output(name: str, output_nr: int) -> Callable[[Any], Any]:
    """A further result PyTorch's operation returns beside the one the kit records (group
    norm's statistics, ctx attribute ``name``): shown as an output of the node."""
    def read(node: Any) -> Tensor:
        value = Tensor._make(node.__dict__[name])
        value._grad_fn, value._output_nr, value._requires_grad = node, output_nr, True
        return value
    return read


def unsigned(value: Any) -> Any:
    """PyTorch stores a dim unsigned: a negative one shows as 2**64 + value."""
    return value + 2**64 if type(value) is int and value < 0 else value


_unsigned = unsigned


def given_dim(name: str) -> Callable[[Any], Any]:
    """``_saved_dim`` as the caller gave it (ctx attribute ``name``), a negative one unsigned."""
    return lambda node: _unsigned(node.__dict__[name])


def given_dims(name: str) -> Callable[[Any], Any]:
    """``_saved_dim`` of a reduction: the dims the caller gave (ctx attribute ``name``) as a
    tuple, negatives unsigned; None when none were given."""
    def read(node: Any) -> Any:
        dims = node.__dict__[name]
        if dims is None:
            return None
        return (_unsigned(dims),) if type(dims) is int else tuple(_unsigned(d) for d in dims)
    return read


class SavedValuesOnDemand:
    """For the node of a Function that declares nothing (and for AccumulateGrad and
    CopySlices): each ``_saved_<key>`` looked up when asked, among what forward kept."""

    def __getattr__(self, name: str) -> Any:
        if name == "saved_tensors" and _lost.error is not None:  # the property failed
            error, _lost.error = _lost.error, None
            raise error
        if not (name.startswith("_saved_") or name.startswith("_raw_saved_")):
            write_only = getattr(type(self), name, None)  # (ctx.materialize_grads: its own
            if isinstance(write_only, WriteOnly):  # error, which Python's lookup set aside)
                write_only.__get__(self)
            raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")
        if getattr(getattr(type(self), "_function", None), "_checked", False):
            if name == "_raw_saved_tensors":  # a custom Function's node: only these
                return raw_saved_tensors(self)
            raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")
        return self.saved_attribute(name)  # type: ignore[attr-defined]


def raw_saved_tensors(node: Any) -> tuple[SavedTensor, ...]:
    """A custom Function's ``node._raw_saved_tensors``: what ``save_for_backward`` kept, as
    saved values (to register hooks on); one with nothing in it for a None."""
    if node._freed:
        raise RuntimeError(FREED_MESSAGE)
    return tuple(value if isinstance(value, SavedTensor) else EmptySavedTensor(freed=False)
                 for value in node._saved or ())


def _holds_tensors(value: Any) -> bool:
    """A tuple of saved tensors (``_saved_indices``), with None where there is none."""
    return type(value) is tuple and any(isinstance(v, Tensor) for v in value)


def saved_value_properties(function: Any) -> dict[str, property]:
    """The ``_saved_<name>`` and ``_raw_saved_<name>`` attributes of a declared Function's
    node class, as properties: one per name the Function declares (its saved tensors, or
    ``self``/``other``/``result`` when it names none, and its options).
    An undeclared Function's node class gets `SavedValuesOnDemand` instead (empty here).

    (Properties, not ``__getattr__``: a class with ``__getattr__`` makes every attribute
    read on its instances slower, and the engine reads a node's attributes many times.)"""
    options = getattr(function, "saved_options", {})
    names = getattr(function, "saved_tensor_names", None)
    if not options and names is None:
        return {}
    keys = {*options, *({"self", "other", "result"} if names is None else (n for n in names if n))}
    properties = {}
    for key in keys:
        for name in ("_saved_" + key, "_raw_saved_" + key):
            properties[name] = property(lambda node, name=name: node.saved_attribute(name),
                                        doc=f"``{name}`` as PyTorch shows it")
    return properties


class SavedValuesView:
    """The ``_saved_*`` attributes of a node and its ``dir()`` (mixed into `Node`)."""

    def saved_attribute(self, name: str) -> Any:
        """``_saved_<key>`` (or ``_raw_saved_<key>``) as the node's Function declares it."""
        raw = name.startswith("_raw_saved_")
        key = name[len("_raw_saved_"):] if raw else name[len("_saved_"):]
        tensors = self._kept_names()
        if key in tensors:
            value = self._kept_tensor(tensors.index(key), raw)
        else:
            value = self._kept_option(key)
            if value is _MISSING or raw and not (isinstance(value, Tensor)
                                                 or _holds_tensors(value)):
                raise AttributeError(
                    f"'{type(self).__name__}' object has no attribute '{name}'")
            if self._freed and (isinstance(value, Tensor) or _holds_tensors(value)) and (
                    key in getattr(getattr(type(self), "_function", None), "saved_options",
                                   {})):  # a tensor PyTorch saved went with the graph
                if raw and isinstance(value, Tensor):
                    return EmptySavedTensor(freed=True)
                raise RuntimeError(FREED_MESSAGE)
        if raw and _holds_tensors(value):  # a list of tensors: one saved value each
            cache = self.__dict__.setdefault("_raw_options", {})
            if key not in cache:
                cache[key] = tuple(EmptySavedTensor(freed=False) if v is None else SavedTensor(v)
                                   for v in value)  # (None: an undefined tensor, saved)
            return cache[key]
        if raw and not isinstance(value, SavedTensor):  # a saved number (None), or a tensor the
            cache = self.__dict__.setdefault("_raw_options", {})  # rule kept on ctx: a
            if key not in cache:  # saved value made for it once, as PyTorch shows one
                cache[key] = (SavedTensor(value) if value is not None
                              else EmptySavedTensor(freed=False))
            return cache[key]
        return value

    def __dir__(self) -> list[str]:
        """What PyTorch lists for a node: its API and its saved values. The kit's own nodes
        leave out the kit's bookkeeping, as PyTorch's C++ nodes show none; a custom
        Function's node (the ``ctx``) also lists what forward set on it."""
        tensors = {n for n in self._kept_names() if n is not None}
        function = getattr(type(self), "_function", None)
        options = set(getattr(function, "saved_options", {}))
        for key in options - tensors:  # an option kept as a tensor has its raw view too
            try:
                kept = self._kept_option(key)
                if isinstance(kept, Tensor) or _holds_tensors(kept):
                    tensors.add(key)
            except RuntimeError:  # (freed)
                pass
        if function is not None and function._checked:
            names = {n for n in super().__dir__() if not n.startswith("_saved")}
        else:
            names = {*dir(object), "__call__", *NODE_API}
            if "_variable" in self.__dict__:  # AccumulateGrad's leaf
                names.add("variable")
        names |= {"_saved_" + n for n in tensors | options}
        return sorted(names | {"_raw_saved_" + n for n in tensors})

    def _kept_names(self) -> list[str | None]:
        """PyTorch's name for each value ``save_for_backward`` kept, in order."""
        saved = self.__dict__.get("_saved") or self._released or []
        function = getattr(type(self), "_function", None)
        declared = getattr(function, "saved_tensor_names", None)
        if declared is not None:
            return list(declared[:len(saved)])
        inputs = ["self", "other"]
        names: list[str | None] = []
        for value in saved:
            if is_saved_output(value):
                names.append(None if "result" in names else "result")
            else:
                names.append(inputs.pop(0) if inputs else None)
        return names

    def _kept_tensor(self, index: int, raw: bool) -> Any:
        """The saved value at ``index``, unpacked (checked against in-place changes)."""
        if self._freed:  # what PyTorch still shows: the saved value itself, and None for
            given = self._saved_meta[index][2] is not type(None)  # a tensor not given
            if raw:
                return EmptySavedTensor(freed=given)
            if not given:
                return None
            raise RuntimeError(FREED_MESSAGE)
        value = self._saved[index]
        if raw and type(value) is SavedTensor:  # the saved value itself, to register hooks on
            return value
        if type(value) is SavedTensor:
            return value.unpack(self)
        if isinstance(value, (bool, int, float)):  # PyTorch shows a saved number as a tensor
            return Tensor._make(numpy.asarray(value))  # 2 → int64, 2.5 → float64, True → bool
        return value

    def _kept_option(self, key: str) -> Any:
        """The option ``key`` as the Function declares it (`saved_options`). Until a Function
        declares its options, what forward kept on ctx under that name shows."""
        function = getattr(type(self), "_function", None)
        options = getattr(function, "saved_options", {})
        if key in options:
            how = options[key]
            value = how(self) if callable(how) else self.__dict__.get(
                key if how is None else how, _MISSING)
        elif options or getattr(function, "saved_tensor_names", None) is not None:
            value = _MISSING  # declared: only what PyTorch shows
        else:
            value = self.__dict__.get(key, _MISSING)
        if type(value) in backend._MODULES:
            return Tensor._make(value)  # an array kept on ctx shows as a tensor
        return value
