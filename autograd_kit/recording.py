"""Recording one operation: the new node's edges, saved values and outputs.

`Function.apply` runs ``forward``; when an input requires grad it hands the node here.
`connect` gives the node one edge per input (to the input's ``grad_fn``, or to its
AccumulateGrad for a leaf; ``(None, 0)`` for an input that needs no gradient), keeps what
``forward`` asked to save, and makes the node the ``grad_fn`` of the outputs. (`as_output`
wraps what a ``forward`` returned as output tensors in the first place.)
"""

from __future__ import annotations

import itertools
import weakref
from typing import TYPE_CHECKING, Any

import numpy

from . import anomaly_mode, backend, grad_mode
from .saved_tensor import (
    SavedTensor,
    current_hooks,
    save_in_pytorch_order,
    save_value,
    saved_tensors_hooks_stack,
)
from .stale_leaf_shapes import STALE, recorded_shapes
from .tensor import Tensor

if TYPE_CHECKING:
    from .function import BackwardFunction

sequence_numbers = itertools.count()  # the order nodes are made in (the engine's tie-break)
NUMBERS = (float, int, bool)
NO_EDGE = (None, 0)  # the edge of an input that gets no gradient
_ZERO_DIM_AND_NUMBER = ((), None)  # the input shapes of ``x ∘ number`` for a 0-dim x (shared)


def check_saveable(values: tuple[Any, ...]) -> None:
    """``save_for_backward`` keeps tensors (or None); other values go on ``ctx`` itself."""
    for i, value in enumerate(values):
        if value is not None and not isinstance(value, Tensor):
            raise TypeError(f"save_for_backward can only save variables, but argument {i} is "
                            f"of type {type(value).__name__}")


def take_marks(ctx: BackwardFunction) -> None:
    """What forward last gave ``mark_dirty`` and ``mark_non_differentiable`` (or set as
    ``ctx.dirty_tensors`` / ``ctx.non_differentiable``), kept as the ids the recording reads;
    the attributes are None again afterwards, as PyTorch leaves them."""
    if ctx.dirty_tensors is not None:
        ctx._dirty = _ids_of(ctx.dirty_tensors, "dirty_tensors",
                             "mark_dirty can only accept variables, but argument ")
        ctx.dirty_tensors = None
    if ctx.non_differentiable is not None:
        ctx._non_differentiable = _ids_of(
            ctx.non_differentiable, "non_differentiable",
            "mark_non_differentiable only accepts variable arguments, but got ")
        ctx.non_differentiable = None


def _ids_of(marked: Any, name: str, message: str) -> set[int]:
    """The ids of the marked tensors; PyTorch's errors, in its words (cut short as they are),
    for a value that is no tuple or holds no tensor."""
    if type(marked) is not tuple:
        raise RuntimeError(f"autograd internal error: {name} attribute is expected to be a "
                           "tuple but is ")
    if not all(isinstance(t, Tensor) for t in marked):
        raise RuntimeError(message)
    return {id(t) for t in marked}


def connect_outputs(ctx: BackwardFunction, outputs: tuple[Tensor, ...]) -> None:
    """Make ``ctx`` the ``grad_fn`` of each output, but those that carry no gradient."""
    not_differentiable = ctx._non_differentiable
    custom = ctx._function._checked
    if custom:  # a custom Function's integer outputs carry no gradient
        not_differentiable = {*not_differentiable, *(
            id(o) for o in outputs if isinstance(o, Tensor) and not o.dtype.is_floating_point)}
    elif not ctx._dirty and not in_place_changes[0] and not integer_results_pass[0]:
        refuse_integer_results(outputs, not_differentiable)
    if len(outputs) > 1 or custom:  # (a custom backward may get zeros in their shapes)
        ctx.num_outputs = len(outputs)
        ctx._quick_rule = False
        ctx._output_meta = [(o._data.shape, o.dtype, o.device) if isinstance(o, Tensor)
                            else None for o in outputs]  # None: not a tensor, no gradient
        ctx._non_differentiable_outputs = [nr for nr, o in enumerate(outputs)
                                           if id(o) in not_differentiable]
    for nr, out in enumerate(outputs):
        if isinstance(out, Tensor) and id(out) not in not_differentiable:
            if ctx._dirty and id(out) in ctx._dirty:  # an input changed in place
                _dirty_takes_history(out, ctx, nr)
                continue
            out._grad_fn = ctx
            if nr:
                out._output_nr = nr
            out._requires_grad = True


def _dirty_takes_history(out: Tensor, ctx: BackwardFunction, nr: int) -> None:
    """An input a custom Function marked dirty now comes from ``ctx``, as after the kit's
    own in-place ops: ``retain_grad()`` follows it to ``ctx``, while hooks registered
    before stay on the old node (they see the gradient of the old value)."""
    from .inplace import move_retained_grad  # (inplace builds on this module)
    from .tensor_hooks import reset_backward_hooks

    old_node, old_nr = out._grad_fn, out._output_nr
    out._grad_fn, out._output_nr, out._requires_grad = ctx, nr, True
    reset_backward_hooks(out)
    if out._retains_grad:
        move_retained_grad(out, old_node, old_nr)


in_place_changes = [0]  # how many in-place changes are being recorded (inplace.py)
# > 0 while forward AD records an op on stand-ins to find tangents (forward_ad_operations):
# an integer result there is one without a tangent (x.long() of a dual), not an error
integer_results_pass = [0]


def refuse_integer_results(outputs: tuple[Tensor, ...], not_differentiable: Any) -> None:
    """A recorded op whose differentiable result is of an integer type (x.sum(dtype=int64)
    of an x that requires grad): PyTorch's set_history refuses it."""
    for out in outputs:
        if (type(out) is Tensor and out._data.dtype.kind in "biu"
                and id(out) not in not_differentiable):
            from .dtypes import scalar_type_word

            raise RuntimeError(f"Autograd not support dtype: {scalar_type_word(out.dtype.name)}")


def without_history(ctx: BackwardFunction, args: tuple[Any, ...],
                    outputs: tuple[Any, ...], recorded: bool) -> tuple[Any, ...]:
    """A custom Function's outputs that get no gradient from it (every output when nothing
    was recorded, else those marked non-differentiable) keep no history, as in PyTorch: one
    that still requires grad (made under ``enable_grad`` inside forward, or a tensor that
    requires grad returned as it is) is detached in place, or, being an input, given back
    as a detached alias; a view is left as it is."""
    for i, out in enumerate(outputs):
        if (not isinstance(out, Tensor) or not out.requires_grad
                or recorded and id(out) not in ctx._non_differentiable):
            continue
        if any(out is arg for arg in args):
            outputs = (*outputs[:i], out.detach(), *outputs[i + 1:])
        elif out._base is None:
            out.detach_()
    return outputs


def mark_custom_views(ctx: BackwardFunction, outputs: tuple[Any, ...],
                         recorded: bool) -> None:
    """A custom Function's output that is a view (of an input, of a tensor made in forward,
    or an input returned as it is) may not be changed in place later, whether the Function
    was recorded or not: its backward would be bypassed. PyTorch refuses that
    (inplace.check_inplace_allowed); inputs marked dirty are the exception."""
    differentiable = [o for o in outputs if isinstance(o, Tensor)
                      and id(o) not in ctx._non_differentiable]
    for out in outputs:  # (``x.detach()`` shares x's memory but is no view: not refused)
        if isinstance(out, Tensor) and out._base is not None and id(out) not in ctx._dirty:
            out._custom_view = ctx._function.__name__
            out._no_grad_view = False
            base = out._base
            # (so that a later change of its base reaches it; ``is``, as ``out in`` a WeakSet
            # would compare tensors with ==)
            if not any(v is out for v in base._views or ()):
                if base._views is None:
                    base._views = weakref.WeakSet()
                base._views.add(out)
            if recorded and len(differentiable) > 1:  # PyTorch's rule for a node with
                out._multi_view = True  # several outputs (a recorded one: it has a node)


def edges_before_forward(args: tuple[Any, ...]) -> dict[int, tuple[Any, int]] | None:
    """The edges of a custom Function's inputs that are views, read before forward runs, as
    PyTorch collects them: a view that forward changes in place without ``mark_dirty`` gets
    a new grad_fn (AsStridedBackward0), yet the node still leads to the one it had."""
    edges = {i: arg._gradient_edge() for i, arg in enumerate(args)
             if isinstance(arg, Tensor) and arg._base is not None}
    return edges or None


def connect(ctx: BackwardFunction, args: tuple[Any, ...], outputs: tuple[Tensor, ...],
             raws: tuple[Any, ...]) -> None:
    """Link a new node into the graph: its edges, its saved values, its outputs' grad_fn."""
    function = ctx._function
    first = outputs[0]
    if type(first) is not Tensor:  # a custom Function may return other values beside tensors
        first = next((o for o in outputs if isinstance(o, Tensor)), None)
        if first is None:
            return
    result_type = first._data.dtype
    non_inputs = function.non_inputs
    edges, shapes = [], []
    positions: list[int] | None = None  # None: every argument is an input with an edge
    mixed = False  # an input of another dtype than the result
    on_gpu = False  # an input on a GPU: the engine checks each gradient's device
    before = ctx.__dict__.get("_edges_before") if function._checked else None
    for i, arg in enumerate(args):
        if isinstance(arg, Tensor) and (not non_inputs or i not in non_inputs):
            # (its grad_fn, or a leaf's AccumulateGrad)
            edges.append(arg._gradient_edge() if before is None or i not in before
                         else before[i])
            data = arg._data
            shapes.append(data.shape)
            if data.dtype is not result_type:
                mixed = True
            if type(data) is not numpy.ndarray:
                on_gpu = True
        elif (function.numbers_are_inputs and type(arg) in NUMBERS) or (
                arg is None and i in function.optional_inputs):
            edges.append(NO_EDGE)
            shapes.append(None)
        else:  # an option (a dim, a shape, …), not an input: it gets no edge
            if positions is None:
                positions = list(range(i))
            continue
        if positions is not None:
            positions.append(i)
    ctx.sequence_number = next(sequence_numbers)
    if positions is not None:
        ctx._input_positions = positions
        ctx._quick_rule = False
    ctx._next_functions = tuple(edges)
    ctx._input_shapes = tuple(shapes) if not STALE[0] else recorded_shapes(edges, shapes)
    if on_gpu or mixed:
        ctx._quick_rule = False
    if on_gpu:  # the engine checks (or moves, for a 0-dim one) each gradient's device
        ctx._input_devices = tuple([args[i].device if shape is not None else None
                                    for i, shape in zip(positions or range(len(args)), shapes)])
    checked = function._checked
    if mixed or checked:  # the engine gives each input its gradient in the input's own dtype
        # (a learner's backward may return any dtype: PyTorch's engine casts it)
        ctx._input_dtypes = tuple([args[i]._data.dtype if shape is not None else None
                                   for i, shape in zip(positions or range(len(args)), shapes)])
    single = len(outputs) == 1 and not checked  # the common case, kept short
    if single:
        if not ctx._non_differentiable or id(first) not in ctx._non_differentiable:
            if (result_type.kind in "biu" and not ctx._dirty and not in_place_changes[0]
                    and not integer_results_pass[0]):
                refuse_integer_results(outputs, ())  # (in place: PyTorch lets it be)
            first._grad_fn = ctx
            first._requires_grad = True
    else:
        connect_outputs(ctx, outputs)
        if checked:
            mark_custom_views(ctx, outputs, recorded=True)
    to_save = ctx._to_save
    if to_save:
        if checked:
            check_saveable(to_save)
        if saved_tensors_hooks_stack and not checked and current_hooks():  # (kit's ops)
            save_in_pytorch_order(ctx, outputs, raws)
        elif single:  # save_value's cases for one output, inline (about 0.3 µs per op):
            # numbers as they are, the output as its data, an input as itself (a loop, not
            # a comprehension: cheaper here)
            raw = raws[0]
            saved = ctx._saved = list(to_save)
            for i, v in enumerate(saved):
                if v is not None and type(v) not in NUMBERS:
                    saved[i] = (SavedTensor(first, ctx, 0) if v is first or v is raw else
                                SavedTensor(v) if isinstance(v, Tensor) else
                                save_value(v, ctx, outputs, raws))
        else:
            ctx._saved = [v if v is None or type(v) in NUMBERS else
                          save_value(v, ctx, outputs, raws) for v in to_save]
        ctx._to_save = ()
    if anomaly_mode.state.enabled:
        anomaly_mode.store_forward_trace(ctx)


def record_plain(function: Any, compute: Any, a: Tensor, b: Any,
                 operands: tuple[Any, Any]) -> Tensor:
    """``function.apply(a, b)`` for plain operands (see ops/plain_arithmetic.py), recorded.

    The same node as `Function.apply` and `connect` make, built directly: the operands are
    known to be a CPU float tensor and a float or a same-dtype tensor, and nothing listens
    or hooks in, so none of their general checks apply. The result is ``compute`` (the NumPy
    operation the Function's forward uses) on the ``operands`` arrays, and the Function's
    ``plain_saves(ctx, a, b)`` keeps what its backward needs, as its forward would.
    """
    ctx = function._node_class()
    b_is_tensor = type(b) is not float
    # (with a number, ``a`` is what requires grad: a constant tuple, nothing to allocate)
    ctx.needs_input_grad = (a.requires_grad, b.requires_grad) if b_is_tensor else (True, False)
    function.plain_saves(ctx, a, b)
    out = Tensor._make(compute(*operands, out=...))  # (out=...: an array even for 0-dim)
    ctx.sequence_number = next(sequence_numbers)
    if b_is_tensor:
        ctx._next_functions = (a._gradient_edge(), b._gradient_edge())
        ctx._input_shapes = (a._data.shape, b._data.shape)
    else:
        ctx._next_functions = (a._gradient_edge(), NO_EDGE)
        shape = a._data.shape
        ctx._input_shapes = (shape, None) if shape else _ZERO_DIM_AND_NUMBER
    if STALE[0]:  # (a leaf whose data changed shape: its AccumulateGrad's shape is checked)
        ctx._input_shapes = recorded_shapes(ctx._next_functions, ctx._input_shapes)
    out._grad_fn = ctx
    out._requires_grad = True
    if ctx._to_save:  # the inputs (never the output), each tensor kept as a SavedTensor
        saved = ctx._saved = list(ctx._to_save)  # (a loop, not a comprehension: cheaper here)
        for i, value in enumerate(saved):
            if value is not None and type(value) is not float:
                saved[i] = SavedTensor(value)
        ctx._to_save = ()
    return out


def as_output(value: Any, inputs: tuple[Any, ...], ctx: BackwardFunction) -> Tensor:
    """Wrap what ``forward`` returned as a fresh output tensor."""
    if ctx._function._checked and not isinstance(value, Tensor):  # a custom Function's other
        return value  # outputs (arrays, numbers) pass through, as in PyTorch
    if isinstance(value, numpy.generic):  # NumPy gives 0-dim results as scalars
        return Tensor._make(numpy.asarray(value))
    if isinstance(value, Tensor):
        for arg in inputs:
            if value is arg and id(value) in ctx._dirty:  # changed in place (mark_dirty)
                if id(value) in ctx._dirty_returned:  # (returned twice: one version on)
                    return value
                ctx._dirty_returned = {*ctx._dirty_returned, id(value)}
                return changed_in_place(value)
            if value is arg:  # an input returned unchanged: the output is a new alias of it
                alias = Tensor._make(value._data)
                alias._version_counter = value._version_counter
                alias._inference = value._inference  # (an inference tensor's alias is one)
                marked = id(value) in ctx._non_differentiable  # (marked so in forward)
                if marked:
                    ctx._non_differentiable = {*ctx._non_differentiable, id(alias)}
                if not value._inference and (grad_mode.state.enabled and not marked
                                             or not value.requires_grad):
                    # a view of it, as in PyTorch (under no_grad, or marked non-differentiable,
                    # only when it needs no grad, else detached; an inference tensor's alias
                    # has no base)
                    base = alias._base = value if value._base is None else value._base
                    if base._views is None:  # (so a later change of the base reaches it)
                        base._views = weakref.WeakSet()
                    base._views.add(alias)
                return alias
        return value
    if type(value) in backend._MODULES:
        return Tensor._make(value)
    return Tensor._make(numpy.asarray(value))  # NumPy returns 0-dim results as scalars


def check_dirty_returned(ctx: BackwardFunction, returned: tuple[Any, ...]) -> None:
    """Inputs marked dirty (changed in place) must be among the outputs (PyTorch's rule)."""
    if not ctx._dirty <= {id(value) for value in returned}:
        raise RuntimeError("Some elements marked as dirty during the forward method were not "
                           "returned as output. The inputs that are modified inplace must all "
                           "be outputs of the Function.")


def changed_in_place(tensor: Tensor) -> Tensor:
    """An input a custom Function changed in place: the same tensor, one version on (also
    when it is then refused, as PyTorch bumps the version first)."""
    tensor._version_counter[0] += 1
    if not grad_mode.state.enabled:
        return tensor
    from .views import may_not_rebase, refused_view_change  # (views builds on this module)

    if tensor._stale_view is not None or may_not_rebase(tensor):  # a view PyTorch refuses
        if tensor._grad_fn is None and tensor.requires_grad:  # to rebase (its is_leaf check
            raise RuntimeError(DIRTY_LEAF_MESSAGE)  # comes first)
        raise RuntimeError(refused_view_change(tensor, indirect=False))
    if not tensor.requires_grad:
        return tensor
    from .autograd.forward_ad import dual_takes_history  # (forward_ad builds on this module)

    if tensor.grad_fn is None and not dual_takes_history(tensor):  # (a dual of a plain
        raise RuntimeError(DIRTY_LEAF_MESSAGE)  # tensor may change, as in PyTorch)
    base = tensor._base  # (checked per output, before anything is saved: as PyTorch's
    if base is not None and base.grad_fn is None and not dual_takes_history(base):  # order)
        raise RuntimeError(DIRTY_VIEW_OF_LEAF_MESSAGE)  # (its base: the view's own base)
    return tensor


DIRTY_LEAF_MESSAGE = "a leaf Variable that requires grad has been used in an in-place operation."
DIRTY_VIEW_OF_LEAF_MESSAGE = (
    "a view of a leaf Variable that requires grad is being used in an in-place operation.")


def refuse_saving_returned_input(ctx: BackwardFunction, inputs: tuple[Any, ...],
                                 output: Any) -> None:
    """With ``setup_context``, an input returned as it is (not changed in place) may not be
    saved, for backward or for forward (PyTorch's rule: save and return a view instead)."""
    enabled = grad_mode.state.enabled  # (under no_grad, one that requires grad is detached)
    returned = [value for value in (output if isinstance(output, tuple) else (output,))
                if any(value is arg for arg in inputs) and id(value) not in ctx._dirty
                and (enabled or not value.requires_grad)]
    saved = (*ctx._to_save, *(ctx.saved_for_forward or ()))
    if any(value is kept for value in returned for kept in saved):
        raise RuntimeError(
            "An input that has been returned as-is as output is being saved for backward. This "
            "is not supported if you override setup_context. You should return and save a view "
            "of the input instead, e.g. with x.view_as(x) or setup ctx inside the forward "
            "function itself.")
