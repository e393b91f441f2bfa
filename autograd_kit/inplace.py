"""In-place operations: ``a.add_(b)``, ``a += b``, ``a[i] = v``, ``a.zero_()`` …

An in-place operation is the out-of-place one, recorded as usual, whose result is then
written into the target's own memory. Three rules keep gradients right:

* a leaf that requires grad may not be changed in place (its value is what ``.grad``
  refers to) — PyTorch's error;
* the target's version counter goes up by one, so a backward node that saved the old value
  refuses to run instead of using the new one;
* the target takes the new node as its ``grad_fn``: later operations see the new value
  and the new history.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

import numpy

from . import dtypes, grad_mode
from .autograd.forward_ad import dual_takes_history, note_new_history
from .autograd.forward_ad_operations import tangent_moves_in
from .autograd.tangent_in_place import tangent_stays
from .elementwise_in_order import in_order_values
from .function import forward_only
from .inplace_checks import iterator_error
from .memory_overlap import (
    check_no_internal_overlap,
    check_no_partial_overlap,
    may_share_memory,
    overlapping_write,
    read_before_writing,
)
from .ops.arithmetic import Add, Div, Mul, Sub
from .ops.shape import Clone
from .ops.unrecorded import PLAIN_FLOATS
from .recording import connect, in_place_changes
from .saved_tensor import SavedTensor
from .tensor import Tensor
from .tensor_hooks import reset_backward_hooks
from .tensor_layout import storage_start
from .transform_captures import check_batched_into_unbatched, check_not_captured
from .views import (
    NOT_MADE,
    change_through_view,
    may_not_rebase,
    origin_sees_change,
    refresh_views,
    refused_view_change,
    views_see_unrecorded_change,
)
from .visiting_order import copy_source_in_order, reads_itself_in_integers, ufunc_in_place

LEAF_MESSAGE = "a leaf Variable that requires grad is being used in an in-place operation."
VIEW_OF_LEAF_MESSAGE = (
    "a view of a leaf Variable that requires grad is being used in an in-place operation."
)


def check_not_inference(target: Tensor) -> None:
    """An inference tensor may be changed in place only inside inference_mode() (except
    its ``.data`` or ``detach()``, which count their versions, as in PyTorch)."""
    if target._inference and not target._inference_counted and not grad_mode.state.inference:
        raise RuntimeError(
            "Inplace update to inference tensor outside InferenceMode is not allowed.You can "
            "make a clone to get a normal tensor before doing inplace update.See "
            "https://github.com/pytorch/rfcs/pull/17 for more details."
        )


def check_inplace_allowed(target: Tensor, others: tuple[Any, ...] = ()) -> None:
    """Raise PyTorch's error for in-place changes that autograd cannot allow (in PyTorch's
    order: how a view was made, then a view of a leaf, then a leaf)."""
    if not grad_mode.state.enabled or not (
            target.requires_grad or any(isinstance(o, Tensor) and o.requires_grad
                                         for o in others)):
        return  # nothing of this change will be recorded
    unmade = target._superseded is NOT_MADE  # (a view whose node PyTorch has not made yet:
    # a leaf to this check, as PyTorch's reads the node without making it)
    if may_not_rebase(target):
        raise RuntimeError(refused_view_change(target, indirect=False))
    base = target._base
    if (base is not None and target.requires_grad and base.grad_fn is None
            and not dual_takes_history(base)):
        raise RuntimeError(VIEW_OF_LEAF_MESSAGE)
    if (unmade or target.grad_fn is None) and target._requires_grad and \
            not dual_takes_history(target):
        raise RuntimeError(LEAF_MESSAGE)  # (a forward-AD dual is no leaf that requires grad)


def apply_inplace(target: Tensor, function: Any, *others: Any) -> Tensor:
    """``target <- function(target, *others)``, written into target's memory and recorded.
    (An integer target may take a history here: PyTorch refuses that only out of place.)"""
    in_place_changes[0] += 1
    try:
        return _apply_inplace(target, function, *others)
    finally:
        in_place_changes[0] -= 1


def _apply_inplace(target: Tensor, function: Any, *others: Any) -> Tensor:
    check_not_captured(target, function)
    check_batched_into_unbatched(target, function, others)
    operand = plain_update_operand(target, function, others)
    if operand is not None:  # the common case (an optimizer's step): straight into memory
        return _ufunc_in_place(target, _NUMPY_UFUNCS[function], operand)
    if target._inference and not target._inference_counted and not grad_mode.state.inference:
        return change_then_refuse(target, function, others)
    check_inplace_allowed(target, others)
    if not getattr(function, "writes_a_part", False):  # (an assignment by index: itself)
        check_no_partial_overlap(target, read_before_writing(function, others),
                                 full=getattr(function, "reads_a_source", False))
    write = overlapping_write(target, function, others)
    taken = in_order_values(target, function, others)  # (x[::2].lerp_(x[:3], w): PyTorch's
    if taken is not None:  # order, element by element; the operation is recorded as usual)
        _change(target, function, others, write)
        _make_writable(target._data)[...] = taken
        return target
    return _change(target, function, others, write)


def _change(target: Tensor, function: Any, others: tuple[Any, ...],
            write: Callable[[Any, Any], None] | None) -> Tensor:
    """`apply_inplace` once its checks are passed: compute, record and write."""
    if _arithmetic_without_recording(target, function, others):
        _update_in_memory(target, _UFUNCS[function], others[0])
        return views_see_unrecorded_change(target)
    recording = grad_mode.state.enabled and (
        target.requires_grad or any(isinstance(o, Tensor) and o.requires_grad for o in others))
    if not recording and getattr(function, "copies", False) and not forward_only:
        others = copy_source_in_order(target._data, others)  # (x[::2].copy_(x[:3]))
    if recording and getattr(function, "copies", False) and not target.dtype.is_floating_point:
        with grad_mode.no_grad():  # (copy_ into an integer tensor: PyTorch records nothing)
            return _apply_inplace(target, function, *others)
    if recording and target._base is not None:  # the base's history changes too
        return change_through_view(target, function, others, write)
    source = old_value(target) if recording else target
    try:
        result = function.apply(source, *others)
        if recording:
            saved_input_is_a_clone(result.grad_fn, source)
        write_into(target, result, write)
    except (RuntimeError, NotImplementedError) as error:  # (a kernel's refusal: PyTorch
        if type(error) is NotImplementedError or str(error) == "ZeroDivisionError":  # checks
            error = iterator_error(target, function, others) or error  # the output first)
        if not isinstance(error, RuntimeError):
            raise
        raise _in_clamps_words(error, target, function, others) from None
    if result.grad_fn is not None:
        take_history(target, result.grad_fn, result._output_nr)
        saved_output_is_target(result.grad_fn, target)
        if target._views:  # its views now read the new values: they get a new history
            refresh_views(target)
        origin_sees_change(target)  # (so do those of a tensor it was detached from)
        return target
    if forward_only:  # (forward AD: target now carries the result's tangent)
        tangent_moves_in(target, result)
    return views_see_unrecorded_change(target)


def change_then_refuse(target: Tensor, function: Any, others: tuple[Any, ...]) -> Tensor:
    """An inference tensor changed in place outside inference_mode: PyTorch writes the new
    values first and refuses only when it would count the change (an inference tensor has no
    version counter), so the call fails yet the values have changed. But when some operand
    is a normal tensor (or a number PyTorch wraps as one), autograd looks first: a leaf that
    requires grad is refused before anything is written."""
    if (grad_mode.state.enabled and target._requires_grad and target._grad_fn is None
            and not getattr(function, "writes_a_part", False)  # (x[i] = v: writes a view)
            and grad_mode.has_normal_input(others, getattr(function, "numbers_are_inputs", False))):
        raise RuntimeError(LEAF_MESSAGE)
    with grad_mode.inference_mode():
        apply_inplace(target, function, *others)
    check_not_inference(target)
    return target


def take_history(target: Tensor, node: Any, output_nr: int = 0,
                 retained_follows: bool = True) -> None:
    """``target`` now comes from ``node``: a new ``grad_fn`` (and ``retain_grad()`` follows,
    unless ``retained_follows`` is False: a view whose new node is not read yet)."""
    old_node, old_nr = target._grad_fn, target._output_nr
    target._grad_fn, target._output_nr, target._requires_grad = node, output_nr, True
    if retained_follows:  # (else when the view's new node is read: views.new_node_read)
        reset_backward_hooks(target)
        if target._retains_grad:
            move_retained_grad(target, old_node, old_nr)
    note_new_history(target)
    tangent_stays(target, old_node, old_nr)  # (forward AD: its tangent changes in place)


def old_value(target: Tensor) -> Tensor:
    """A copy of ``target`` before the change, in its place in the graph: the recorded node
    may save its input, and must see the value from before the change. Laid out as target
    (PyTorch's clone, preserve_format): a rule that reads its input's strides (CopySlices's
    gradient, made in x's layout) sees target's."""
    from .ops.preserved_layout import preserved_copy

    source = Tensor._make(preserved_copy(target._xp, target._data))
    if target._requires_grad:
        source._grad_fn, source._output_nr = target.grad_fn, target._output_nr
        source._requires_grad = True
    return source


def saved_input_is_a_clone(node: Any, source: Tensor) -> None:
    """PyTorch saves the value from before the change, when the op's rule needs it, as a
    recorded ``self.clone()``: unpacked (``y.mul_(w); y.grad_fn._saved_self``) its history
    is a ``CloneBackward0`` leading to the old history, and a double backward passes through
    it. ``source`` (`old_value`) is already a private copy: it gets that history here."""
    if node is None or not node._saved or not source._requires_grad:
        return
    kept = [saved for saved in node._saved
            if type(saved) is SavedTensor and saved.tensor is source]
    if not kept:
        return
    clone = Clone._node_class()
    clone.needs_input_grad = (True, False)
    connect(clone, (source, "K"), (source,), (source._data,))  # (edge: the old history)
    for saved in kept:
        if saved.unpack_hook is not None:  # (packed by saved_tensors_hooks: unpacks with
            saved.edge = (clone, 0)  # the history noted then, the clone's as in PyTorch)


def move_retained_grad(target: Tensor, old_node: Any, old_nr: int) -> None:
    """``retain_grad()`` follows the tensor to its new ``grad_fn``: after ``h.mul_(2)``,
    ``h.grad`` is the gradient of the new value, as in PyTorch. (Hooks registered with
    ``register_hook`` stay on the old node: they see the gradient of the old value.)"""
    if old_node is not None and old_node._retained:
        old_node._retained.pop(old_nr, None)
    target.grad_fn._watch("_retained", {})[target._output_nr] = weakref.ref(target)


def saved_output_is_target(node: Any, target: Tensor) -> None:
    """A node that saved its output (exp_, sigmoid_, …) now keeps the target itself, at its
    new version: changing the target again in place makes that backward fail, as in PyTorch.

    A view changed in place (``y = x.view(3); y.relu_()``): PyTorch's saved output unpacks
    with the view's new history (its node, weakly held), so a double backward through it
    runs the base's CopySlices, not ``node`` a second time."""
    from .saved_tensor import SavedTensor

    for saved in node._saved or ():
        if type(saved) is SavedTensor and saved.tensor is None:
            saved.array = target._data
            saved.version_counter = target._version_counter
            saved.version = target._version_counter[0]
            if target._base is not None and target._grad_fn is not node:
                saved.view_node = weakref.ref(target._grad_fn)


def write_into(target: Tensor, result: Tensor,
               write: Callable[[Any, Any], None] | None = None) -> None:
    """Copy ``result``'s values into ``target``'s memory and bump its version (``write``:
    how, when target's elements overlap: `memory_overlap.overlapping_write`)."""
    data, new = target._data, result._data
    if new.shape != data.shape:
        raise RuntimeError(
            f"output with shape {list(data.shape)} doesn't match the broadcast shape "
            f"{list(new.shape)}"
        )
    if new.dtype != data.dtype:
        if result.dtype._kind > target.dtype._kind:
            raise RuntimeError(
                f"result type {_type_word(result)} can't be cast to the desired output type "
                f"{_type_word(target)}"
            )
        new = new.astype(data.dtype)
    if write is None:
        _check_writable(data)[...] = new
    else:
        write(_make_writable(data), new)
    target._version_counter[0] += 1


def _check_writable(data: Any) -> Any:
    """PyTorch refuses to write where one memory location holds several elements (an
    expanded tensor: a stride of 0 over a size above 1). Other views of an expanded tensor
    (``x.expand(2, 3)[1]``) may be written, though NumPy marks them read-only too: the array
    to write into is returned."""
    check_no_internal_overlap(data)
    return _make_writable(data)


def _make_writable(data: Any) -> Any:
    """``data``, or an array over the same memory, that may be written (its memory belongs
    to a writable array)."""
    if getattr(getattr(data, "flags", None), "writeable", True):  # (CuPy has no flag)
        return data
    try:
        data.flags.writeable = True
        return data
    except ValueError:  # (an as_strided view NumPy keeps read-only: viewed anew, from the
        owner, start = storage_start(data)  # array that owns the memory)
        return numpy.ndarray(data.shape, data.dtype, buffer=owner,
                             offset=start * data.itemsize, strides=data.strides)


def _in_clamps_words(error: RuntimeError, target: Tensor, function: Any,
                     others: tuple[Any, ...]) -> RuntimeError:
    """clamp_ with number bounds names the target's type in C++ (``long int``) when the
    result cannot be cast to it (the other operations: ``Long``)."""
    name = getattr(function, "name", getattr(function, "__name__", ""))
    numbers = not any(isinstance(o, Tensor) for o in others)
    word = f"desired output type {_type_word(target)}"
    if name not in ("Clamp", "clamp_min", "clamp_max") or not numbers or \
            not str(error).endswith(word):
        return error
    c_name = dtypes.C_TYPES.get(target.dtype.name, _type_word(target))
    renamed = RuntimeError(str(error).replace(word, f"desired output type {c_name}"))
    return renamed.with_traceback(error.__traceback__)


def _type_word(t: Tensor) -> str:
    return dtypes.scalar_type_word(t.dtype.name)


# When nothing is recorded (inside no_grad, or no tensor requires grad), + - * / on a float
# tensor are computed straight into its memory, as PyTorch does: no temporary copy.
# (That is what an optimizer's `p -= lr * p.grad` needs on large weights.)
_UFUNCS = {Add: "add", Sub: "subtract", Mul: "multiply", Div: "divide"}
_NUMPY_UFUNCS = {function: getattr(numpy, name) for function, name in _UFUNCS.items()}


def plain_update_operand(target: Tensor, function: Any, others: tuple[Any, ...]) -> Any:
    """The operand of ``target (op)= other`` when it is the plain common case, else None.

    The plain case: + - * / on a float NumPy tensor laid out row-major (no element shares a
    location, none read-only), nothing recorded, and ``other`` a Python float or int, or a
    tensor of the same dtype and shape in other memory. None of the checks of the general
    path (`apply_inplace`) can fail or change anything there, so they are skipped; every
    other case takes the general path, with its errors.
    """
    if function not in _NUMPY_UFUNCS or len(others) != 1 or target._inference or forward_only:
        return None  # (forward AD: the general path, to follow tangents)
    data, other = target._data, others[0]
    if type(data) is not numpy.ndarray or data.dtype not in PLAIN_FLOATS:  # (float16 · a
        return None  # number computes in float32: ops/half_scalars.py)
    flags = data.flags
    if not (flags.c_contiguous and flags.writeable):
        return None
    recording = grad_mode.state.enabled
    if recording and target.requires_grad:
        return None
    if type(other) is float or type(other) is int:  # (not a bool: x -= True is an error)
        return other
    if not isinstance(other, Tensor) or recording and other.requires_grad:
        return None
    value = other._data
    if (type(value) is not numpy.ndarray or value.dtype != data.dtype
            or value.shape != data.shape or may_share_memory(target, data, other)):
        return None  # (the same memory, maybe overlapping: the general path decides)
    return value


def _ufunc_in_place(target: Tensor, ufunc: Any, value: Any) -> Tensor:
    """``target <- ufunc(target, value)`` in target's own memory: the version goes up, and
    views of a base that requires grad see the change (`views_see_unrecorded_change`)."""
    data = target._data
    ufunc(data, value, out=data, casting="same_kind")
    target._version_counter[0] += 1
    return views_see_unrecorded_change(target)


def _arithmetic_without_recording(target: Tensor, function: Any, others: tuple[Any, ...]) -> bool:
    if function not in _UFUNCS or forward_only:
        return False
    if not target.dtype.is_floating_point:  # integer targets take the general path
        return reads_itself_in_integers(target, function, others, _UFUNCS)  # (casting errors)
    other = others[0]
    if target._data.dtype not in PLAIN_FLOATS or (
            isinstance(other, Tensor) and other._data.dtype != target._data.dtype):
        return False  # PyTorch computes in the result type (float32 -= int32: in float32,
        # where NumPy's ufunc would compute in float64), float16 · a number in float32
    if function is Sub and (isinstance(others[0], bool) or getattr(others[0], "dtype", None)
                            is dtypes.bool_):
        return False  # x -= True: the general path gives PyTorch's error for bools
    recording = grad_mode.state.enabled and (
        target.requires_grad or any(isinstance(o, Tensor) and o.requires_grad for o in others)
    )
    return not recording


def _update_in_memory(target: Tensor, ufunc: str, other: Any) -> Tensor:
    """``target <- target (op) other`` in place, with PyTorch's errors for shape and dtype."""
    data = target._data
    value = other
    if isinstance(other, Tensor):
        value = other._data
        if type(value) is not type(data) or (
            type(data) is not numpy.ndarray and other.device != target.device
        ):
            from .ops.operands import check_same_device

            check_same_device(target, other)
        if value.dtype != data.dtype and other.dtype._kind > target.dtype._kind:
            raise RuntimeError(  # PyTorch's casting rule, as in write_into
                f"result type {_type_word(other)} can't be cast to the desired output type "
                f"{_type_word(target)}"
            )
        if value.shape != data.shape:
            check_fits(data.shape, value.shape)
    data = _check_writable(data)
    ufunc_in_place(target._xp, ufunc, data, value)  # (in PyTorch's order if data is read)
    target._version_counter[0] += 1
    return target


def check_fits(target: tuple[int, ...], other: tuple[int, ...]) -> None:
    """``other`` must broadcast to the target's own shape (the result is written there)."""
    from .ops.operands import check_broadcast

    check_broadcast(target, other)
    shape = numpy.broadcast_shapes(target, other)  # shapes only: host tuples
    if shape != target:
        raise RuntimeError(
            f"output with shape {list(target)} doesn't match the broadcast shape {list(shape)}"
        )
