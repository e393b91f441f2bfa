"""``copy.deepcopy(x)`` and ``pickle.dumps(x)`` of a tensor, made as PyTorch makes them.

Both give a new leaf over new memory: a copy of the *whole* memory block the tensor reads
(its storage), with the tensor's offset, shape and strides in it, so a copied view keeps its
``storage_offset()`` and ``stride()``. The copy keeps ``requires_grad`` and the attributes a
learner set on the tensor (``x.label = "w"``); PyTorch fills it with ``set_``, so its
``_version`` reads 1. Where the two differ (as in PyTorch):

* ``copy.deepcopy`` copies each block once per call: a tensor and its views copied together
  still share memory. It copies ``.grad`` too, and refuses a tensor that has a ``grad_fn``.
* ``pickle`` writes each tensor's block by itself (views pickled together come back apart)
  and never ``.grad``; it warns that the tensor's hooks are not saved.

``copy.copy`` follows pickle's recipe without writing anything: a new leaf over the *same*
memory, with the same attribute values, its own version counter.
"""

from __future__ import annotations

import copy
from typing import Any

from . import backend
from .backward_roots import carries_tangents_only
from .tensor_layout import storage_start

NON_LEAF_DEEPCOPY = (
    "Only Tensors created explicitly by the user (graph leaves) support the deepcopy protocol "
    "at the moment.  If you were attempting to deepcopy a module, this may be because of a "
    "torch.nn.utils.weight_norm usage, see https://github.com/pytorch/pytorch/pull/103001"
)


def deep_copy(t: Any, memo: dict[int, Any]) -> Any:
    """``copy.deepcopy(t)``: its block copied (once per ``memo``), ``.grad`` and the
    learner's attributes deep-copied too."""
    if t.grad_fn is not None and not carries_tangents_only(t):
        raise RuntimeError(NON_LEAF_DEEPCOPY)
    if id(t) in memo:
        return memo[id(t)]
    data = t._data
    owner, byte_offset, strides = _block_of(data)
    key = ("storage", id(owner))  # (not id(owner) alone: the array copied itself is apart)
    block = memo.get(key)
    if block is None:  # (so views copied together share the copied block)
        block = memo[key] = owner.copy(order="K")
        memo.setdefault(id(memo), []).append(owner)  # (copy's rule: keep keyed objects alive)
    out = _leaf(type(t), _strided(block, data.dtype, byte_offset, data.shape, strides),
                _requires_grad(t))
    memo[id(t)] = out  # (before its attributes, which may hold the tensor itself)
    if t._grad is not None:
        out._grad = t._grad.__deepcopy__(memo)
    out.__dict__.update(copy.deepcopy(learner_attributes(t), memo))
    return out


def shallow_copy(t: Any) -> Any:
    """``copy.copy(t)``: a new leaf over the same memory, with the same attribute values
    (PyTorch's comes from pickling's recipe without the pickle: its storage is shared, and
    it warns of the hooks it leaves behind as pickle does)."""
    from .utils.hooks import warn_if_has_hooks

    warn_if_has_hooks(t)
    out = _leaf(type(t), t._data.view(), _requires_grad(t))
    set_learner_attributes(out, learner_attributes(t))
    if getattr(t, "_shared", False):  # (the same memory, still shared)
        out._shared = True
    return out


def pickled(t: Any) -> tuple[Any, tuple[Any, ...]]:
    """What ``pickle`` writes for ``t``: its whole block as bytes (a new bytes object each
    time, so no two tensors share it in the file), where ``t`` lies in it, and its state."""
    from .utils.hooks import warn_if_has_hooks

    warn_if_has_hooks(t)
    data = t._data
    owner, byte_offset, strides = _block_of(data)
    # (the bytes as they lie in the block's memory, Fortran order too: tobytes reads "K" as
    # "C", and CuPy's get() gives C order, where the offset and strides find other values)
    order = "F" if owner.flags.f_contiguous and not owner.flags.c_contiguous else "C"
    return (rebuild, (type(t), backend.to_host(owner).tobytes(order=order), data.dtype.str,
                      str(t.device), byte_offset, data.shape, strides, _requires_grad(t),
                      learner_attributes(t)))


def rebuild(kind: type, block: bytes, dtype: str, device: str, byte_offset: int,
            shape: tuple[int, ...], strides: tuple[int, ...], requires_grad: bool,
            attributes: dict[str, Any]) -> Any:
    """The tensor a pickle gives back: a leaf over its own copy of the saved block."""
    import numpy

    memory = numpy.frombuffer(bytearray(block), dtype=numpy.uint8)
    where = backend.device(device)
    if where.type != "cpu":
        memory = backend.to_device(memory, where)
    out = _leaf(kind, _strided(memory, numpy.dtype(dtype), byte_offset, shape, strides),
                requires_grad)
    set_learner_attributes(out, attributes)
    return out


def learner_attributes(t: Any) -> dict[str, Any]:
    """The attributes set on ``t`` from outside the kit (``_mine`` too, as PyTorch copies
    and saves it), and ``_is_buffer``, the mark `nn.Buffer` leaves (PyTorch's too)."""
    return {name: value for name, value in vars(t).items() if _is_learners(name, type(t))}


def set_learner_attributes(t: Any, attributes: dict[str, Any] | None) -> None:
    """Give ``t`` these saved attributes; a file naming one of the kit's own (``_data``…)
    cannot change the tensor's insides that way. A name that is no string gets setattr's
    TypeError, as PyTorch's pickle and copy.copy give it (its deepcopy copies the dict)."""
    for name in attributes or {}:
        if not isinstance(name, str):
            raise TypeError(f"attribute name must be string, not '{type(name).__name__}'")
    t.__dict__.update({name: value for name, value in (attributes or {}).items()
                       if _is_learners(name, type(t))})


# the kit's own attributes of a tensor that its class gives no default (``_shared``, the
# mark of share_memory_(), belongs to the memory: a deep copy or a pickle is not shared)
_KITS_OWN = frozenset({"_data", "_version_counter", "_moved_on", "_shared"})


def _is_learners(name: Any, kind: type) -> bool:
    """Whether attribute ``name`` of a tensor of class ``kind`` was set by the learner: any
    public name, a key that is no string (``t.__dict__ = {1: 2}``), and a private name the
    kit does not use (its own are defaults of the class, or `_KITS_OWN`)."""
    if not isinstance(name, str) or not name.startswith("_") or name == "_is_buffer":
        return True
    return name not in _KITS_OWN and not hasattr(kind, name)


def _block_of(data: Any) -> tuple[Any, int, tuple[int, ...]]:
    """The contiguous block ``data`` lies in, its byte offset there and its byte strides; a
    block NumPy did not lay out itself (neither C nor Fortran order) gives way to ``data``'s
    values alone, in C order (and so with that copy's strides)."""
    owner, _ = storage_start(data)
    if not (owner.flags.c_contiguous or owner.flags.f_contiguous):
        values = backend.module_of(data).ascontiguousarray(data)
        return values, 0, values.strides
    return owner, backend.address_of(data) - backend.address_of(owner), data.strides


def _strided(block: Any, dtype: Any, byte_offset: int, shape: tuple[int, ...],
             strides: tuple[int, ...]) -> Any:
    """An array of ``dtype`` reading the contiguous ``block`` from ``byte_offset`` with
    these (byte) strides, a view of the block."""
    import numpy

    if type(block) is not numpy.ndarray:  # (CuPy's: the block's address, moved on)
        xp = backend.module_of(block)
        return xp.ndarray(shape, dtype, memptr=block.data + byte_offset, strides=strides)
    memory = block.ravel(order="K")  # (a view: the block is contiguous, in either order)
    return numpy.ndarray(shape, dtype, buffer=memory, offset=byte_offset, strides=strides)


def _requires_grad(t: Any) -> bool:
    """Whether the copy requires grad: not when ``t`` requires grad only to carry forward-AD
    tangents (a dual of a plain tensor, and what is computed from such duals alone: PyTorch
    records nothing for them, see `carries_tangents_only`)."""
    return t._requires_grad and not carries_tangents_only(t)


def _leaf(kind: type, data: Any, requires_grad: bool) -> Any:
    """A new leaf of class ``kind`` over ``data``, one version on (PyTorch's ``set_``)."""
    out = kind._make(data)
    out._version_counter[0] = 1
    if requires_grad:
        out.requires_grad_(True)
    return out
