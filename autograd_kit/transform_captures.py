"""PyTorch's refusal to change a *captured* tensor in place inside a grad transform.

Inside ``grad``, ``vjp``, ``jvp``, ``jacrev``, ``jacfwd`` and ``hessian``, PyTorch's function
may change in place only tensors that belong to the transform: its arguments (all of them,
with their views) and tensors it made itself. A tensor it closes over (a global, a buffer of
a module, an argument of an outer transform) was made before the call::

    captured = torch.zeros(3)
    grad(lambda x: (captured.add_(x), x.sum())[1])(x)   # RuntimeError: ... captured Tensor

The kit tells them apart by when a tensor's memory was made: every new tensor's version
counter (shared with its views and ``detach()``) carries a serial number from `created`, and
each grad transform call notes the next serial as it starts (`grad_level`).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import count, zip_longest
from typing import Any

import numpy

created = count()  # the serial numbers of new tensors (see Tensor._make)

# the grad transform calls running now, innermost last: (first serial made inside the call,
# ids of the version counters of its arguments, PyTorch's number for its level, whether it
# runs inside a vmap of its own)
_levels: list[tuple[int, set[int], int, bool]] = []

# PyTorch's names (with their overloads) of in-place rules whose class name is not the
# operation's own
_ATEN_NAMES = {
    "Add": "add_.Tensor", "AddScaled": "add_.Tensor", "Sub": "sub_.Tensor",
    "SubScaled": "sub_.Tensor", "Mul": "mul_.Tensor", "Div": "div_.Tensor",
    "PowScalar": "pow_.Scalar", "PowTensor": "pow_.Tensor", "Fill": "fill_.Scalar",
    "FillWithTensor": "fill_.Tensor", "CopySlices": "copy_", "MaskedFill": "masked_fill_.Scalar",
    "MaskedFillTensor": "masked_fill_.Tensor", "IndexAddAlong": "index_add_",
    "FloorDivideInPlace": "floor_divide_.Tensor",
}


# PyTorch's refusal, under vmap, to update unbatched running statistics from a batched input
VMAP_RUNNING_STATS = (
    "Batch norm got a batched tensor as input while the running_mean or running_var, which "
    "will be updated in place, were not batched.\nIf you are using a module and do not need "
    "eval mode, please set `track_running_stats` to be False.If you are using a prebuilt "
    "module and do not need eval mode, please see the functorch website for resources on how "
    "to patch your module to work with vmap")

# the user's vmap calls running now, innermost last: (first serial made inside the call, ids
# of the version counters of its batched arguments, the batch size, its `Reads`)
_vmaps: list[tuple[int, set[int], int, Reads]] = []


class Reads:
    """What the learner's function, run once per slice by the kit's vmap, read into Python of
    the tensors it made (see `refuse_batched_read`): one list per call, of (PyTorch's error
    for that read, shape, bytes). A tensor made from the batch reads differently from one
    slice to the next; one made from captured tensors alone (not batched in PyTorch) reads
    the same."""

    def __init__(self) -> None:
        self.calls: list[list[tuple[str, Any, bytes]]] = []

    def begin_call(self) -> None:
        self.calls.append([])

    def note(self, message: str, t: Any) -> None:
        if self.calls:
            self.calls[-1].append((message, tuple(t.shape), t._data.tobytes()))

    def check(self) -> None:
        """PyTorch's error of the first read that was not the same in every call."""
        for call in self.calls[1:]:
            for first, this in zip_longest(self.calls[0], call):
                if first != this:
                    raise RuntimeError((first or this)[0])


def _counters(arguments: Any) -> set[int]:
    from .func.trees import tree_flatten
    from .tensor import Tensor

    return {id(t._version_counter) for t in tree_flatten(arguments)[0] if isinstance(t, Tensor)}


@contextmanager
def grad_level(arguments: Any, vmapped: bool = False) -> Iterator[None]:
    """One grad transform call, whose function is called with ``arguments`` (a nest).
    ``vmapped`` (jacfwd): PyTorch runs it inside a vmap of its own, one more level."""
    number = (_levels[-1][2] if _levels else 0) + 1 + vmapped
    _levels.append((next(created), _counters(arguments), number, vmapped))
    try:
        yield
    finally:
        _levels.pop()


@contextmanager
def vmap_level(arguments: Any, size: int) -> Iterator[Reads]:
    """One call of a user's vmap, whose function is called with slices of ``arguments``
    (the batched ones), ``size`` of them; what the calls read comes back as `Reads`."""
    reads = Reads()
    _vmaps.append((next(created), _counters(arguments), size, reads))
    try:
        yield reads
    finally:
        _vmaps.pop()


def batched(t: Any) -> bool:
    """Whether ``t`` would be a batched tensor of the innermost vmap running now: a slice of
    its arguments, or made while it runs (the kit, which runs f once per slice, cannot tell
    one made from the batch from one made from nothing of it)."""
    return bool(_vmaps) and _belongs_to(t, _vmaps[-1])


# PyTorch's refusals, under vmap, to read the values of a batched tensor into Python: what
# would it be, when the tensor holds a different value for every slice?
_READS = {
    "item": "vmap: It looks like you're calling .item() on a Tensor. We don't support vmap over "
            "calling .item() on a Tensor, please try to rewrite what you're doing with other "
            "operations. If error is occurring somewhere inside PyTorch internals, please file "
            "a bug report.",
    "bool": "vmap: It looks like you're attempting to use a Tensor in some data-dependent "
            "control flow. We don't support that yet, please file an issue at "
            "https://github.com/pytorch/pytorch/issues .",
    "data": "accessing `data` under vmap transform is not allowed",
    "memory": "Cannot access data pointer of Tensor that doesn't have storage",
    "mask": "vmap: We do not support batching operators that can support dynamic shape. "
            "Attempting to batch over indexing with a boolean mask.",
    "nonzero_numpy": "Batching rule not implemented for aten::nonzero_numpy. We could not "
                     "generate a fallback.",
    "masked_select": "vmap: Attempted to vmap over `mask` in torch.masked_select(self, mask) We "
                     "cannot support this because for each batch this would return a "
                     "differently shaped Tensor. Please file an issue at "
                     "https://github.com/pytorch/pytorch/issues if you need this feature.",
}
_EITHER = ("vmap: It looks like you're either (1) calling .item() on a Tensor or (2) attempting "
           "to use a Tensor in some data-dependent control flow or (3) encountering this error "
           "in PyTorch internals. For (1): we don't support vmap over calling .item() on a "
           "Tensor, please try to rewrite what you're doing with other operations. For (2): we "
           "don't support data-dependent control flow in vmap yet, please file an issue at "
           "https://github.com/pytorch/pytorch/issues . For (3): please file an issue.")
# (any other kind: an operation whose answer's shape depends on the values, named as in aten)
_DYNAMIC = ("vmap: We do not support batching operators that can output dynamic shape. "
            "Attempted to vmap over aten::{}. Please file an issue at "
            "https://github.com/pytorch/pytorch/issues if you need this feature.")


def refuse_batched_read(t: Any, kind: str) -> None:
    """PyTorch's error when the learner's function, under vmap, reads the values of a batched
    tensor: ``.item()``, ``float()`` and ``int()`` ("item"), ``if t:`` ("bool"), ``t.data``
    ("data"), ``t.tolist()``, ``t.numpy()`` and ``t.data_ptr()`` ("memory"), and operations
    whose answer's shape depends on the values (``nonzero``, ``unique``…). The kit runs
    the function once per slice, so such reads would work there; it refuses them as PyTorch
    does when the call comes from the learner's code (the kit's own reads are its business):
    at once for a slice of a batched argument (or a view of one); for a tensor the function
    made, once every slice has run, if the reads were not the same in every call (`Reads`:
    the kit cannot tell one made from the batch from one made from captured tensors). Every
    vmap running counts (an inner one's function may read what the outer one batched)."""
    if not _vmaps or not _called_by_the_learner():
        return
    message = _message(kind)
    if any(id(t._version_counter) in level[1] for level in _vmaps):
        raise RuntimeError(message)
    for level in _vmaps:
        if _belongs_to(t, level):
            level[3].note(message, t)


def _message(kind: str) -> str:
    """PyTorch's words for ``kind``; a value read inside a grad transform inside the vmap
    (``vmap(grad(f))``) gets the words of PyTorch's transform layers for both reads."""
    if kind in ("item", "bool") and _levels and _levels[-1][0] > _vmaps[-1][0]:
        return _EITHER
    return _READS.get(kind) or _DYNAMIC.format(kind)


def refuse_batched_mask(key: Any) -> Any:
    """``key`` (of ``t[key]``), after PyTorch's refusal, under vmap, of a batched boolean
    mask (the answer's shape would depend on the slice; see `refuse_batched_read`)."""
    if _vmaps:
        for part in key if isinstance(key, tuple) else (key,):
            if getattr(part, "dtype", None) is not None and part.dtype.name == "bool" \
                    and hasattr(part, "_version_counter"):
                refuse_batched_read(part, "mask")
    return key


_wrapper_files: tuple[str, ...] | None = None  # this module's and the tensor's wrappers' files


def _called_by_the_learner() -> bool:
    """Whether the function that reads (the caller of `refuse_batched_read`) was called from
    outside the kit, maybe through the tensor's methods or the wrappers of the namespace."""
    global _wrapper_files
    if _wrapper_files is None:  # (found once: every read under vmap asks)
        _wrapper_files = (__file__, *(sys.modules[f"{__package__}.{name}"].__file__ for name in (
            "tensor", "tensor_layout", "tensor_operators", "tensor_method_families",
            "ops.out_variants", "ops.tensor_input", "call_errors", "signature_parser",
            "method_forms", "functional_forms", "operator_fallbacks")))
    here = _wrapper_files
    frame = sys._getframe(3)
    while frame is not None and frame.f_code.co_filename in here:
        frame = frame.f_back
    package = os.path.dirname(__file__)
    return frame is not None and not frame.f_code.co_filename.startswith(package)


def check_not_captured(target: Any, function: Any) -> None:
    """PyTorch's error when the in-place rule ``function`` would change ``target``, a tensor
    captured by the innermost grad transform running now."""
    if not _levels or _belongs_to(target, _levels[-1]):
        return
    raise RuntimeError(
        "During a grad (vjp, jvp, grad, etc) transform, the function provided attempted to "
        f"call in-place operation (aten::{_aten_name(function)}) that would mutate a captured "
        "Tensor. This is not supported; please rewrite the function being transformed to "
        "explicitly accept the mutated Tensor(s) as inputs.")


_OTHER_BATCHED = (
    "vmap: {what}(self, *extra_args) is not possible because there exists a Tensor `other` in "
    "extra_args that has more elements than `self`. This happened due to `other` being "
    "vmapped over but `self` not being vmapped over {where}. Please try to use out-of-place "
    "operators instead of {what}. If said operator is being called inside the PyTorch "
    "framework, please file a bug report instead.")


def check_batched_into_unbatched(target: Any, function: Any, others: tuple[Any, ...]) -> None:
    """PyTorch's error when, under vmap, the in-place rule ``function`` would write batched
    values (an operand of ``others`` is batched) into ``target``, which is not batched. Its
    words depend on the operation's batching rule."""
    if not _vmaps:  # (no vmap running: every in-place change comes here, kept cheap)
        return
    from .tensor import Tensor

    batched_others = [o for o in others if isinstance(o, Tensor) and batched(o)]
    if not batched_others or batched(target):
        return
    name = _aten_name(function).split(".")[0]
    if name in ("add_", "atan2_"):
        shape = numpy.broadcast_shapes(target.shape, *(o.shape for o in batched_others))
        raise RuntimeError(f"output with shape {list(target.shape)} doesn't match the "
                           f"broadcast shape {[_vmaps[-1][2], *shape]}")
    if name in ("sub_", "mul_", "div_", "copy_", "masked_fill_"):
        what, where = "inplace arithmetic", "in a vmap"
    elif name == "fill_":
        what, where = name, "in a vmap"
    else:
        what, where = f"aten::{name}", f"at level {len(_vmaps) + len(_levels)}"
    raise RuntimeError(_OTHER_BATCHED.format(what=what, where=where))


def levels_of(t: Any) -> list[int]:
    """PyTorch's numbers of the grad transform levels that ``t`` belongs to, outermost
    first (none outside transforms, or under a vmap, whose batched tensors the kit does not
    have: PyTorch would print them as such)."""
    from .function_transforms import transforms_running

    if not _levels or transforms_running["vmap"] != sum(level[3] for level in _levels):
        return []
    return [level[2] for level in _levels if _belongs_to(t, level)]


def made_before_transforms(t: Any) -> bool:
    """Whether ``t`` was made before the outermost grad transform call running now."""
    counter = t._version_counter
    return not _levels or len(counter) < 2 or counter[1] < _levels[0][0]


def _belongs_to(t: Any, level: tuple[Any, ...]) -> bool:
    """Whether ``t`` is an argument of the call ``level`` (or a view of one), or was made in
    it."""
    counter = t._version_counter
    return len(counter) < 2 or counter[1] >= level[0] or id(counter) in level[1]


def _aten_name(function: Any) -> str:
    """PyTorch's name of the in-place operation: ``Relu`` is ``relu_``, ``NormalFill0`` is
    ``normal_``, ``OutOfPlace("sin")`` is ``sin_``, ``_PolygammaInplace`` is ``polygamma_``."""
    name = getattr(function, "name", None)
    if isinstance(name, str):
        return name + "_"
    name = getattr(function, "__name__", type(function).__name__)
    if name in _ATEN_NAMES:
        return _ATEN_NAMES[name]
    name = re.sub(r"^_+|_?In[pP]lace$|Fill\d*$", "", name) or name
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower() + "_"
