"""``out=(values, indices)``: ``torch.max(x, 1, out=(v, i))`` writes the pair into ``v`` and
``i`` and returns them as ``return_types.max_out(values=v, indices=i)``.

The functions that return a pair (max and min over a dim, sort, topk, median, nanmedian,
kthvalue, mode, cummax, cummin, aminmax; frexp's mantissa and exponent) take a tuple (or
list) of two tensors for ``out``.
As in PyTorch:

* the tuple must hold two tensors ("expected tuple of 2 elements but got 1");
* nothing is recorded: an input (or an out tensor) that requires grad is refused while grad
  mode is on;
* each out tensor must have exactly the result's dtype (the values the input's, the indices
  int64), checked in the order and with the words of each function's kernel;
* an out tensor of another shape is resized (with PyTorch's warning when it had elements).

``max(x, out=v)`` (the largest value) and ``max(x, y, out=v)`` (elementwise) take one tensor,
as ``max``'s other forms do.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from typing import Any

from .. import dtypes, grad_mode
from ..memory_overlap import check_no_partial_overlap, has_internal_overlap
from ..tensor import Tensor, _wrap_dim, typename
from ..tensor_arguments import _type_name as type_name
from ..tensor_layout import storage_start
from .out_variants import _any_requires_grad, store, warn_resized
from .results import OUT_RESULTS

# where out stands among each function's arguments, counted from 0, as PyTorch's parser
# names it in "expected Tensor as element 1 in argument 3" (sort's stable form: one more)
_OUT_AT = {"max": 3, "min": 3, "sort": 3, "topk": 5, "median": 3, "nanmedian": 3,
           "kthvalue": 4, "mode": 3, "cummax": 2, "cummin": 2, "aminmax": 3, "frexp": 1}
# how each kernel words an out tensor of another dtype ({want}, {got}: the dtypes' scalar
# words, {want_c} ... their C++ names, {want_t} ... their legacy tensor types); the others
# say _STRUCTURED
_STRUCTURED = "Expected out tensor to have dtype {want_c}, but got {got_c} instead"
_MEDIAN = {"values": "Expected tensor for 'values' to have the same type as tensor for "
                     "argument #2 'self'; but type {got_t} does not equal {want_t} (while "
                     "checking arguments for median)",
           "indices": "Expected tensor for argument #1 'indices' to have scalar type Long; but "
                      "got {got_t} instead (while checking arguments for median)"}
_CUMULATIVE = "expected scalar_type {want} but found {got}"
_WORDS: dict[str, dict[str, str]] = {
    "median": _MEDIAN, "nanmedian": _MEDIAN,
    "kthvalue": {"values": "output values must be of same type as input",
                 "indices": "output indices must be of scalar type Long"},
    "mode": {which: "expected scalar type '{want}' but got '{got}' for " + which + " output"
             for which in ("values", "indices")},
    "cummax": {"values": _CUMULATIVE, "indices": _CUMULATIVE},
    "cummin": {"values": _CUMULATIVE, "indices": _CUMULATIVE},
    "frexp": {"values": "torch.frexp() expects mantissa to have dtype {want_c} but got {got_c}",
              "indices": "torch.frexp() expects exponent to have int dtype but got {got_c}"},
}
_INDICES_FIRST = ("median", "nanmedian")  # (the others check the values first)
# the kernels that refuse an out tensor sharing part of the input's memory (cummax and
# cummin do not check): as given, or once resized to the result's shape (in its memory)
# (median and nanmedian: only when they read x as it is, its stride along dim at most 1;
# else they read a contiguous copy)
_NO_PARTIAL_OVERLAP = ("max", "min", "topk", "mode", "aminmax", "frexp")
_NO_PARTIAL_OVERLAP_RESIZED = ("sort", "kthvalue", "median", "nanmedian")


def with_pair_out(function: Callable[..., Any], name: str) -> Callable[..., Any]:
    """``function`` (PyTorch's ``name``, returning a pair) with PyTorch's ``out=`` keyword."""
    result_type = OUT_RESULTS[name]

    @functools.wraps(function)
    def call(*args: Any, out: Any = None, **kwargs: Any) -> Any:
        if out is None:
            return function(*args, **kwargs)
        if name in ("max", "min", "sort"):  # (their forms, listed for an out none takes)
            from ..signature_parser import check
            from .tensor_input import FORMS_FIRST

            check(name, FORMS_FIRST[name], args, {**kwargs, "out": out}, counting_out=True)
            if isinstance(out, Tensor):  # max(x, out=v), max(x, y, out=v)
                return _one_out(function, name, args, kwargs, out)
        elif name in ("median", "nanmedian") and len(args) < 2 and "dim" not in kwargs:
            raise TypeError(f'{name}() missing 1 required positional arguments: "dim"')
        outs = _checked_pair(name, out, position=_OUT_AT[name] + ("stable" in kwargs))
        if grad_mode.state.enabled and _any_requires_grad(args, {**kwargs, "out": outs}):
            raise RuntimeError(f"{name}(): functions with out=... arguments don't support "
                               "automatic differentiation, but one of the arguments requires "
                               "grad.")
        with grad_mode.no_grad():
            result = function(*args, **kwargs)
        x = args[0] if args else kwargs["input"]
        wanted = (x.dtype, x.dtype if name == "aminmax" else
                  dtypes.int32 if name == "frexp" else dtypes.int64)
        order = (1, 0) if name in _INDICES_FIRST else (0, 1)
        if name == "kthvalue":  # (its kernel checks the values' overlap before the types)
            check_no_partial_overlap(outs[0], (x,))
        for at in order:
            _check_dtype(name, ("values", "indices")[at], wanted[at], outs[at].dtype)
        if name in _NO_PARTIAL_OVERLAP:
            for target in outs:
                check_no_partial_overlap(target, (x,))
        elif name in _NO_PARTIAL_OVERLAP_RESIZED and _reads_input_as_is(name, x, outs, args,
                                                                           kwargs):
            for target, made in zip(outs, result):
                _check_overlap_once_resized(target, tuple(made.shape), x)
        for target, made in zip(outs, result):
            if name in ("cummax", "cummin") and target.shape == made.shape and \
                    has_internal_overlap(target._data):
                _write_slice_by_slice(target, made, args[1] if len(args) > 1 else kwargs["dim"])
            else:
                _write(target, made)
        return result_type(*out)

    return call


def _checked_pair(name: str, out: Any, position: int) -> tuple[Tensor, Tensor]:
    """``out`` as PyTorch's parser reads a tuple of two tensors."""
    if not isinstance(out, (tuple, list)):
        raise TypeError(f"{name}(): argument 'out' must be tuple of Tensors, not "
                        f"{type_name(out)}")
    if len(out) != 2:
        raise TypeError(f"expected tuple of 2 elements but got {len(out)}")
    for at, item in enumerate(out):
        if not isinstance(item, Tensor):
            raise TypeError(f"expected Tensor as element {at} in argument {position}, but got "
                            f"{typename(item)}")
    return out[0], out[1]


def _reads_input_as_is(name: str, x: Tensor, outs: tuple[Tensor, Tensor],
                       args: tuple[Any, ...], kwargs: dict[str, Any]) -> bool:
    """Whether the kernel reads x itself (not a contiguous copy): always, but for median and
    nanmedian only when x's stride along dim is at most 1."""
    if name not in ("median", "nanmedian") or x.ndim == 0:
        return True
    if any(target is x for target in outs):  # (resizing that out resizes x with it: the
        return False  # same tensor, so no partial overlap)
    dim = args[1] if len(args) > 1 else kwargs.get("dim", -1)
    return x.stride(_wrap_dim(dim, x.ndim)) <= 1


def _check_overlap_once_resized(out: Tensor, shape: tuple[int, ...], x: Tensor) -> None:
    """PyTorch's partial-overlap check of ``out`` against ``x`` once out is resized (as
    resize_ does) to the result's ``shape``: its memory read in that shape from where it
    starts; memory too small grows in place (x, reading the same block, still shares it),
    so any overlap with the part that exists is refused."""
    if tuple(out.shape) == shape:
        check_no_partial_overlap(out, (x,))
        return
    root, start = storage_start(out._data)
    if not (root.flags.c_contiguous or root.flags.f_contiguous):
        return  # (a block NumPy did not lay out: the kit resizes into a new one)
    memory, count = root.ravel(order="K"), math.prod(shape)  # (a view, in memory order)
    if start + count <= memory.size:
        check_no_partial_overlap(out, (x,), region=memory[start:start + count].reshape(shape))
    else:
        check_no_partial_overlap(out, (x,), region=memory[start:], full=True)


def _check_dtype(name: str, which: str, want: dtypes.dtype, got: dtypes.dtype) -> None:
    if want == got:
        return
    words = _WORDS.get(name, {}).get(which, _STRUCTURED)
    raise RuntimeError(words.format(
        want=dtypes.scalar_type_word(want.name), got=dtypes.scalar_type_word(got.name),
        want_c=dtypes.C_TYPES[want.name], got_c=dtypes.C_TYPES[got.name],
        want_t=dtypes.error_type_name(want.name), got_t=dtypes.error_type_name(got.name)))


def _write(out: Tensor, made: Tensor) -> None:
    """``made``'s values into ``out`` (`out_variants.store`), resized to its shape with
    PyTorch's warning when ``out`` had elements."""
    data, new = out._data, made._data
    if new.shape != data.shape and data.size:
        warn_resized(data.shape, new.shape, stacklevel=4)  # (at the caller's line)
    store(out, new)


def _write_slice_by_slice(out: Tensor, made: Tensor, dim: int) -> None:
    """cummax / cummin's kernels skip PyTorch's internal-overlap check: they write slice
    after slice along ``dim`` (the other dimensions in row-major order), element after
    element, so where ``out``'s elements share memory (an expand) the last value written
    stays. Read-only memory (NumPy's) is written, an inference tensor is refused after it
    is written, as by `store`."""
    from ..inplace import _make_writable, check_not_inference

    xp, data = out._xp, out._data
    root, start = storage_start(data)
    axis = _wrap_dim(dim, max(data.ndim, 1))
    steps = [stride // data.itemsize for stride in data.strides]
    offsets = start + sum(xp.arange(size).reshape([-1 if j == k else 1
                                                    for j in range(data.ndim)]) * step
                          for k, (size, step) in enumerate(zip(data.shape, steps)))
    order = xp.moveaxis(xp.broadcast_to(offsets, data.shape), axis, -1).ravel()
    values = xp.moveaxis(made._data.astype(data.dtype, copy=False), axis, -1).ravel()
    _make_writable(root).reshape(-1)[order] = values  # (a repeated position keeps the
    # last value written)
    out._version_counter[0] += 1
    check_not_inference(out)


def _one_out(function: Callable[..., Any], name: str, args: tuple[Any, ...],
             kwargs: dict[str, Any], out: Tensor) -> Tensor:
    """``max(x, out=v)``: the largest value into ``v`` (a dtype it can be cast to);
    ``max(x, y, out=v)``: ``maximum(x, y, out=v)``."""
    from .. import maximum, minimum
    from .out_variants import write_out

    if len(args) > 1 or "other" in kwargs:
        pairwise = maximum if name == "max" else minimum
        return pairwise(*args, **kwargs, out=out)
    x = args[0] if args else kwargs["input"]
    if x.dtype._kind > out.dtype._kind:
        raise RuntimeError(
            "Expected canCast( typeMetaToScalarType(self.dtype()), typeMetaToScalarType("
            "out.dtype())) to be true, but got false.  (Could this error message be improved?  "
            "If so, please report an enhancement request to PyTorch.)")
    return write_out(function, name, out, args, kwargs)


def add_pair_out_keyword(namespace: dict[str, Any]) -> None:
    """Give each function of ``_OUT_AT`` found in ``namespace`` (the package's) ``out=``."""
    for name in _OUT_AT:
        function = namespace.get(name)
        if function is not None and not hasattr(function, "_without_pair_out"):
            namespace[name] = with_pair_out(function, name)
            namespace[name]._without_pair_out = function
