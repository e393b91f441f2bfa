"""In-place changes seen through views, as PyTorch records them.

A view shares its base's memory, so changing one changes the other. The graph has to say
so too, or gradients would be silently wrong:

* ``view.mul_(2)`` where the base takes part in a graph: the *base* gets a new history, a
  ``CopySlices`` node. It stands for "the old base, with the view's positions replaced by
  ``mul(old view, 2)``", and wraps the ``MulBackward0`` node of that operation.
* Any change to the base's history (through a view, or to the base itself) leaves every
  other view of it with an out-of-date ``grad_fn``. Each such view gets a fresh one,
  ``AsStridedBackward0``: "the base, read at the view's positions".

Positions are found from memory: a view's elements sit at known offsets inside its base's
memory block, and those offsets give each element's index in the base.
"""

from __future__ import annotations

import warnings
import weakref
from typing import Any

from . import backend, grad_mode
from .function import Function, Node
from .memory_overlap import INTERNAL_OVERLAP_MESSAGE, has_internal_overlap
from .node_saved_values import FREED_MESSAGE, SavedValuesOnDemand
from .ops.as_strided_backward import as_strided_gradient, geometry
from .ops.copy_slices_gradient import zeros_at_key
from .recording import sequence_numbers
from .saved_tensor import _short
from .scalar_warning import triggered_at
from .tensor import Tensor
from .tensor_layout import storage_start
from .unmade_view_nodes import NOT_MADE

# Why PyTorch refuses a change in place that involves a view, by how the view was made
MULTI_VIEW_ADVICE = (
    "This view is the output of a function that returns multiple views. Such functions do not "
    "allow the output views to be modified inplace. You should replace the inplace operation "
    "by an out-of-place one."
)
CUSTOM_VIEW_ADVICE = (
    "This view was created inside a custom Function (or because an input was returned as-is) "
    "and the autograd logic to handle view+inplace would override the custom backward "
    "associated with the custom Function, leading to incorrect gradients. This behavior is "
    "forbidden. You can fix this by cloning the output of the custom Function."
)
NO_GRAD_VIEW_ADVICE = (
    "Given that this use case is ambiguous and error-prone, it is forbidden. You can clarify "
    "your code by moving both the view and the inplace either both inside the no_grad block "
    "(if you don't want the inplace to be tracked) or both outside (if you want the inplace "
    "to be tracked)."
)


def may_not_rebase(view: Tensor) -> bool:
    """Whether PyTorch refuses, with grad mode on, to change ``view`` in place because of how
    it was made: by a custom Function, or (a view of a base) under no_grad or as one of
    several outputs (unbind, split, chunk)."""
    return view._custom_view is not None or view._base is not None and (
        view._no_grad_view or view._multi_view)


def refused_view_change(view: Tensor, indirect: bool) -> str:
    """PyTorch's error for changing in place a view made under no_grad, by a function
    with several view outputs (unbind, split, chunk) or by a custom Function: directly
    (``view.add_(1)``), or ``indirect``-ly, through its base or another view of it (raised
    when the view is used next, since its ``grad_fn`` cannot be brought up to date)."""
    if view._stale_view is not None and indirect:  # (changed in place itself, the view gets
        return view._stale_view  # PyTorch's direct error even after its base changed)
    modified = "its base or another view of its base has been" if indirect else "is being"
    if view._custom_view is not None:  # named after the Function's class
        advice = MULTI_VIEW_ADVICE if view._multi_view else CUSTOM_VIEW_ADVICE
        node = view._grad_fn  # (a view of the Function's output: named after its own node)
        if node is None:  # (not recorded)
            return (f"A view was created in no_grad mode and {modified} modified inplace "
                    f"with grad mode enabled. {advice}")
        name = view._custom_view if node._function._checked else _short(node)
        return (f"Output {view._output_nr} of {name} is a view and {modified} "
                f"modified inplace. {advice}")
    node = view._grad_fn
    made_so = view._no_grad_view or view._inference_view
    if node is not None and not made_so:
        message = (f"Output {view._output_nr} of {_short(node)} is a view and {modified} "
                   "modified inplace.")
    else:  # made without recording, or recorded from a view made so (x[0] of such an x)
        prefix = "A view was created in" if node is None else (
            f"Output {view._output_nr} of {_short(node)} is a view of a view which was "
            "created in")
        message = (f"{prefix} inference mode and {modified} modified inplace in normal mode."
                   if view._inference_view else f"{prefix} no_grad mode and {modified} "
                   "modified inplace with grad mode enabled.")
    if view._inference_view:
        advice = NO_GRAD_VIEW_ADVICE.replace("no_grad block", "inference_mode block")
    else:
        advice = NO_GRAD_VIEW_ADVICE if view._no_grad_view else MULTI_VIEW_ADVICE
    return f"{message} {advice}"


def positions_in_base(view: Any, base: Any) -> tuple[Any, ...]:
    """For each element of the array ``view``, its index in ``base`` (one integer array per
    dimension of the base, each shaped like the view): what ``base[index]`` reads.

    An element's memory offset is ``start + Σ i_k · stride_k``; the base's own strides turn
    that offset back into an index, taking the largest stride first. Offsets count from the
    start of each one's memory block (PyTorch's storage offsets), so a view still finds its
    place after its base was given other memory (``base.data = …``), as in PyTorch.
    """
    xp = backend.module_of(view)
    itemsize = base.itemsize
    view_root, view_start = storage_start(view)
    base_root, base_start = storage_start(base)
    if view_root is base_root:
        start = (backend.address_of(view) - backend.address_of(base)) // itemsize
    else:
        start = view_start - base_start
    offsets = xp.full(view.shape, start, dtype=xp.int64)
    for axis, (size, stride) in enumerate(zip(view.shape, view.strides)):
        steps = xp.arange(size, dtype=xp.int64) * (stride // itemsize)
        offsets = offsets + steps.reshape((size,) + (1,) * (view.ndim - axis - 1))
    index: list[Any] = [None] * base.ndim
    remaining = offsets
    for axis in sorted(range(base.ndim), key=lambda a: -base.strides[a]):
        if base.shape[axis] == 1:
            index[axis] = xp.zeros_like(offsets)
            continue
        step = base.strides[axis] // itemsize
        index[axis], remaining = remaining // step, remaining % step
    if base.ndim and bool((remaining != 0).any()) or not all(
            bool(((i >= 0) & (i < size)).all()) for i, size in zip(index, base.shape)):
        raise RuntimeError("autograd_kit: could not place a view inside its base's memory "
                           "(its base was resized or given other memory since)")
    return tuple(index)


def _inside_dense(view_geometry: Any, view: Any, base: Any) -> bool:
    """Whether the view's elements all lie within a dense base (C or Fortran order, same
    dtype), where every offset in range is one of the base's elements: `positions_in_base`
    would place each one, so its check (an array per dimension) can be skipped."""
    shape, strides, offset = view_geometry
    if view.dtype != base.dtype or not (base.flags.c_contiguous or base.flags.f_contiguous):
        return False
    if 0 in shape:
        return True
    low = offset + sum((n - 1) * s for n, s in zip(shape, strides) if s < 0)
    high = offset + sum((n - 1) * s for n, s in zip(shape, strides) if s > 0)
    return 0 <= low and high < base.size


class AsStrided(Function):
    """view = base read at the view's positions (a view's history after its base changed)

    ∂view/∂base picks those positions: grad_base = the gradient written into a zero block at
    the view's places, read back at the base's (PyTorch's as_strided_backward, with the
    base's geometry and the view's: see ops/as_strided_backward.py)
    """

    node_name = "AsStridedBackward0"

    @staticmethod
    def forward(ctx: Any, base: Tensor, view_data: Any) -> Any:
        ctx.base_geometry, ctx.view_geometry = geometry(base._data), geometry(view_data)
        return view_data

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None]:
        return as_strided_gradient(grad, ctx.base_geometry, *ctx.view_geometry), None


class CopySlices(SavedValuesOnDemand, Node):
    """base_new = base_old with the view's positions replaced by op(view_old, *others)

    ``op`` is the in-place operation's own node (``fn``). For the gradient ``grad`` of base_new
    (refused, as by PyTorch, when the view's elements overlap: ``x.expand(3).fill_(2.)``):
    grad_base_old = grad with op's gradient for view_old written over the view's positions
    (view_old was base_old at those positions; None when op gives it none, as in PyTorch);
    grad_others = op's gradients for its other inputs, from grad at the view's positions.

    As PyTorch's, the rule is written with the kit's own operations: a copy of ``grad`` laid
    out as the base, read at the view's geometry (``as_strided``), op's rule run on a clone of
    that, its result copied back in place. Under ``create_graph`` the recorded graph is
    PyTorch's: ``CopySlices(CopyBackwards, …)`` around op's double-backward nodes.
    """

    __module__ = "builtins"  # type(node) reads <class 'CopySlices'>, as in PyTorch

    def __init__(self, base: Tensor, fn: Node, view_data: Any) -> None:
        data = base._data
        self.fn, self.overlapping = fn, has_internal_overlap(view_data)
        # (weak) the node the changed view got from the change
        self.view_node: Any = None
        base_shape, base_strides, base_offset = geometry(data)
        self.base_geometry = (base_shape, base_strides)  # (shape, strides) of the base, and
        shape, strides, offset = geometry(view_data)  # the view's inside it
        self.view_geometry = (shape, strides, offset - base_offset)
        if not _inside_dense(self.view_geometry, view_data, data):
            positions_in_base(view_data, data)  # (refuses a view its base no longer holds)
        self._next_functions = (base._gradient_edge(), *fn.next_functions[1:])
        self._input_shapes = (data.shape, *fn._input_shapes[1:])
        if fn._input_dtypes is not None:
            self._input_dtypes = (data.dtype, *fn._input_dtypes[1:])
        if fn._input_devices is not None:
            self._input_devices = (base.device, *fn._input_devices[1:])
        self.sequence_number = next(sequence_numbers)
        self._saved = []  # so that backward frees what ``fn`` saved when it frees this node
        self._freed = False

    def apply(self, *grads: Tensor | None) -> tuple[Tensor | None, ...]:
        from .creation import empty_strided
        from .dtypes import contiguous_format
        from .returned_gradients import run_rule

        (grad,) = grads
        if self._freed:  # (PyTorch drops fn when the graph is freed: even one saving nothing)
            raise RuntimeError(FREED_MESSAGE)
        if self.overlapping:  # (PyTorch copies the op's gradient into the view's places)
            raise RuntimeError(INTERNAL_OVERLAP_MESSAGE)
        result = empty_strided(*self.base_geometry, dtype=grad.dtype, device=grad.device)
        result.copy_(grad)
        at_view = result.as_strided(*self.view_geometry)
        if grad.requires_grad and _writes_a_key(self.fn, at_view):  # (recorded: PyTorch's one
            from .ops.indexing import _to_shape  # CopySlices writes view[key] straight)

            from_value = zeros_at_key(result, at_view, self.fn, _to_shape)
            return (result, from_value, *(None,) * (len(self._next_functions) - 2))
        given = at_view.clone(memory_format=contiguous_format)
        if given.shape != self.fn._input_shapes[0]:  # (a 0-dim base's view of shape (1,))
            given = given.reshape(self.fn._input_shapes[0])
        try:
            from_op = run_rule(self.fn, [given])
        except RuntimeError as error:
            raise self._named_after_the_view(error) from None
        if from_op[0] is None or self._next_functions[0][0] is None:  # (no base gradient
            return (None, *from_op[1:])  # is wanted: PyTorch's should_compute_output(0))
        from_view = from_op[0]
        at_view.copy_(from_view if from_view.shape == at_view.shape else
                      from_view.reshape(at_view.shape))
        return (result, *from_op[1:])

    def _named_after_the_view(self, error: RuntimeError) -> RuntimeError:
        """PyTorch names the op's saved output (``v.tanh_()``'s result) after the history the
        view got from the change, while anything still holds that node (PyTorch keeps a weak
        pointer to it): the view, until its grad_fn is next read (`refresh_views` keeps the old
        node: PyTorch makes a view's new one only then), a view of the view, or the caller."""
        node = self.view_node() if self.view_node is not None else None
        own = f"which is output 0 of {_short(self.fn)},"
        if node is None or own not in str(error):
            return error
        renamed = RuntimeError(str(error).replace(own, f"which is output 0 of {_short(node)},"))
        return renamed.with_traceback(error.__traceback__)

    def release_saved(self) -> None:
        """Drop ``fn`` (as PyTorch does), not what it saved: a double-backward graph may
        still hold ``fn`` (``v.exp_()``'s saved result unpacks with it as its history)."""
        self.fn = None
        super().release_saved()
        self._freed = True


def _writes_a_key(fn: Node, at_view: Tensor) -> bool:
    """Whether ``fn`` is ``view[key] = value`` with a key of slices and integers only: PyTorch
    records that as one in-place change of the view view[key] (fill_ or copy_)."""
    from .ops.indexing import CopySlices as KeyWrite

    return (getattr(type(fn), "_function", None) is KeyWrite and fn.key[1] is None
            and tuple(at_view.shape) == tuple(fn._input_shapes[0]))


def change_through_view(view: Tensor, function: Any, others: tuple[Any, ...],
                        write: Any = None) -> Tensor:
    """``view <- function(view, *others)`` in place, recorded on the base as CopySlices
    (``write``: how to write into overlapping elements, see `inplace.write_into`)."""
    from .autograd.tangent_in_place import dual_view_changes
    from .inplace import (
        old_value,
        saved_input_is_a_clone,
        saved_output_is_target,
        take_history,
        write_into,
    )

    if view._multi_view:
        raise RuntimeError(refused_view_change(view, indirect=False))
    base = view._base
    source = old_value(view)
    result = function.apply(source, *others)
    saved_input_is_a_clone(result.grad_fn, source)
    write_into(view, result, write)
    dual_view_changes(view, result)  # (forward AD: a dual's own tangent changes in place)
    fn = result.grad_fn
    if fn is None:
        return view
    copy = CopySlices(base, fn, view._data)
    take_history(base, copy)
    refresh_views(base, changed=None if getattr(function, "writes_a_subview", False) else view)
    origin_sees_change(base)
    saved_output_is_target(fn, view)
    copy.view_node = weakref.ref(view._grad_fn)
    return view


def dirty_views_take_history(ctx: Node, args: tuple[Any, ...],
                             outputs: tuple[Any, ...]) -> None:
    """A custom Function changed a tensor in place (``ctx.mark_dirty(t)``): as for the
    kit's own in-place operations, the views of a changed base get a new history from it,
    and the base of a changed view takes a CopySlices history around ``ctx`` (its views,
    this one too, read their values from it)."""
    from .inplace import take_history

    _check_dirty_outputs(ctx, args, outputs)
    for out in outputs:
        if not isinstance(out, Tensor) or id(out) not in ctx._dirty:
            continue
        if out._base is None:  # its views read the new values: they get a new history
            if out._views:
                refresh_views(out)
            continue
        if not args or args[0] is not out:  # (CopySlices routes the first input's gradient)
            raise NotImplementedError(
                "autograd_kit: a custom Function may mark dirty a view only when the view is "
                "its first argument; pass it first, or clone() it before the call")
        base = out._base
        take_history(base, CopySlices(base, ctx, out._data))
        refresh_views(base)


def _check_dirty_outputs(ctx: Node, args: tuple[Any, ...], outputs: tuple[Any, ...]) -> None:
    """PyTorch's checks on the outputs a recorded custom Function marked dirty: a warning
    for one that is no input (an error when it is a view), an error for an input view among
    several outputs (the view's new history could route only one gradient)."""
    for out in outputs:
        if not isinstance(out, Tensor) or id(out) not in ctx._dirty:
            continue
        if not any(out is arg for arg in args):
            if out._base is not None:  # (PyTorch refuses a view that is no input)
                raise RuntimeError(DIRTY_NOT_INPUT_WARNING)
            warnings.warn(triggered_at(DIRTY_NOT_INPUT_WARNING,
                                       "torch/csrc/autograd/custom_function.cpp:320"),
                          UserWarning, stacklevel=4)
        elif out._base is not None and len(outputs) > 1:
            raise RuntimeError(DIRTY_VIEW_OF_MANY_MESSAGE)


DIRTY_NOT_INPUT_WARNING = (
    "ctx.mark_dirty() received a tensor that was not an input. Only input Tensors that have "
    "been mutated should be passed to ctx.mark_dirty().")
DIRTY_VIEW_OF_MANY_MESSAGE = (
    "If your Function modifies inplace an input that is a view of another Tensor, your "
    "Function cannot return more than one Tensor. This is not supported by the current "
    "autograd engine. You should either make sure the input is not a view (using .clone() "
    "for example) or make your Function only return one Tensor (potentially splitting it "
    "into two Functions: one doing the inplace that returns a single Tensor and a second "
    "one that does the other operations). You can ask on the forum "
    "https://discuss.pytorch.org/ if you need help to do this change.")


def stale_piece_written(view: Tensor, key: Any) -> bool:
    """``view[key] = v`` on a piece of split/unbind/chunk whose base changed in place since:
    PyTorch writes into the piece itself (the write's own 'is being modified inplace' error
    comes later), unless the key holds True or a 0-dim bool tensor, which index a new view of
    the piece first (reading its history: the 'its base ... has been modified' error)."""
    if view._stale_view is None:
        return False
    return not any(k is True or isinstance(k, Tensor) and k.ndim == 0 and k.dtype.name == "bool"
                   for k in (key if isinstance(key, tuple) else (key,)))


def refresh_views(base: Tensor, recorded: bool = True, skip: Tensor | None = None,
                  changed: Tensor | None = None) -> None:
    """After ``base``'s history or values changed, give each live view of it an up-to-date
    history (recorded even under no_grad: the view already takes part in a graph).

    PyTorch makes the new node of a view only when the view is next used, except for the
    view ``changed`` by a recorded operation: until then the view holds its old node, which
    errors may name. Each view keeps that node (``_superseded``) until its ``grad_fn`` is
    read.

    PyTorch gives no new history to a piece of unbind/split/chunk, to a view made under
    no_grad, nor to one a custom Function returned: such a view's ``grad_fn`` can no longer
    be read (`refused_view_change` says why, whenever the view is used in a graph)."""
    from .inplace import take_history

    for view in list(base._views or ()):
        if view._base is not base or view is skip:
            continue
        if view._grad_fn is None and not base._requires_grad:
            continue  # (PyTorch leaves such a view alone: nothing of it is in a graph)
        if view._no_grad_view or view._multi_view or view._custom_view is not None:
            view._stale_view = refused_view_change(view, indirect=True)
            continue
        if view._no_grad_view:
            continue
        if view is changed:
            new_node_read(view)
        elif view._superseded is None:  # (none: PyTorch's view is a leaf till then)
            view._superseded = NOT_MADE if view._grad_fn is None else view._grad_fn
        if not base._requires_grad:
            take_history(view, _unconnected_as_strided(base, view), retained_follows=False)
            continue
        with grad_mode.inference_mode(False), grad_mode.enable_grad():  # (recorded always)
            take_history(view, AsStrided.apply(base, view._data).grad_fn,
                         retained_follows=view is changed)


def new_node_read(view: Tensor) -> None:
    """The view's ``grad_fn`` is read (or the view itself changed) after its base changed:
    PyTorch makes the view's new node only now, and ``retain_grad()`` moves to it only now
    (until then the old node, still in graphs recorded before, fills ``view.grad``)."""
    from .inplace import move_retained_grad
    from .tensor_hooks import reset_backward_hooks

    old, view._superseded = view._superseded, None
    if old is not None and old is not NOT_MADE:
        reset_backward_hooks(view)
        if view._retains_grad:
            move_retained_grad(view, old, view._output_nr)


DETACH_VIEW_MESSAGE = (
    "Can't detach views in-place. Use detach() instead. If you are using "
    "DistributedDataParallel (DDP) for training, and gradient_as_bucket_view is set as True, "
    "gradients are views of DDP buckets, and hence detach_() cannot be called on these "
    "gradients. To fix this error, please refer to the Optimizer.zero_grad() function in "
    "torch/optim/optimizer.py as the solution."
)


def detach_in_place(t: Tensor) -> Tensor:
    """``t.detach_()``: ``t`` becomes a leaf that needs no grad (a view is refused). PyTorch's
    detach_ is its autograd layer's, so an inference tensor, or any tensor under
    ``inference_mode``, is left as it is (requires_grad, grad_fn and all)."""
    if t._inference or grad_mode.state.inference:
        return t
    if t._base is not None:
        raise RuntimeError(DETACH_VIEW_MESSAGE)
    t._grad_fn, t._requires_grad, t._output_nr = None, False, 0
    if t._views:
        base_detached(t)
    return t


def base_detached(base: Tensor) -> None:
    """``base.detach_()``: a view whose new node PyTorch has not made yet (its base changed
    since its ``grad_fn`` was last read) makes it from the detached base when it is read, so
    its edge leads nowhere and no gradient passes through it (it still requires grad)."""
    from .inplace import take_history

    for view in list(base._views):
        if view._base is base and view._superseded is not None:
            take_history(view, _unconnected_as_strided(base, view), retained_follows=False)


def _unconnected_as_strided(base: Tensor, view: Tensor) -> Node:
    """The AsStridedBackward0 node PyTorch gives a view with a history whose base does not
    require grad (a leaf made from a view by ``requires_grad_()``, and views of it): its edge
    to the base leads nowhere, so no gradient passes."""
    from .recording import connect

    node = AsStrided._node_class()
    node.needs_input_grad = (False, False)
    out = Tensor._make(AsStrided.forward(node, base, view._data))
    connect(node, (base, view._data), (out,), (out._data,))
    return node


def in_graph(base: Tensor) -> bool:
    """Whether a change to ``base``'s memory gives its views new histories: when the base
    requires grad, or one of its views has a history."""
    return base._requires_grad or any(v._grad_fn is not None for v in base._views or ())


def views_see_unrecorded_change(target: Tensor) -> Tensor:
    """A change made without recording (under no_grad, an optimizer's step) leaves the history
    alone, but PyTorch still gives each view of a base that requires grad (or each view with
    a history) a new ``grad_fn`` (AsStridedBackward0), since the view's version moved on; the
    kit does the same. So do the views of a tensor that ``target`` was detached from (they
    share its version counter)."""
    if target._inference or not (target._views or target._base is not None
                                 or target._sharing_counter):
        return target  # (no version counter, or nothing that could see the change)
    base = target if target._base is None else target._base
    if base._views and in_graph(base):
        refresh_views(base, recorded=False)
    elif base._views:
        _mark_moved_on(base)
    origin_sees_change(base)
    return target


def _mark_moved_on(base: Tensor) -> None:
    """A base outside any graph changed in memory: its views' version moved on. PyTorch
    remakes a view's ``grad_fn`` when its version moved on, once its base requires grad, so
    such a view gets AsStridedBackward0 if the base is switched on later (`views_catch_up`)."""
    for view in base._views:
        if view._grad_fn is None:
            view._moved_on = True


def views_catch_up(base: Tensor) -> None:
    """``base.requires_grad_()``: each view of it changed in memory since it was made now
    reads the base through AsStridedBackward0, so gradients reach the base through it (a
    view not changed since stays a leaf whose edge leads nowhere, as in PyTorch)."""
    from .inplace import take_history

    for view in list(base._views):
        moved_on = getattr(view, "_moved_on", False)
        if moved_on:
            del view._moved_on
        if not moved_on or view._grad_fn is not None:
            continue
        if view._no_grad_view or view._multi_view or view._custom_view is not None:
            view._stale_view = refused_view_change(view, indirect=True)  # (as refresh_views)
            continue
        with grad_mode.inference_mode(False), grad_mode.enable_grad():
            take_history(view, AsStrided.apply(base, view._data).grad_fn)


def shares_version_counter(root: Tensor, alias: Tensor) -> None:
    """``alias = root.detach()`` (or a detach() of a view of ``root``): the two share a
    version counter, and so does every tensor detached from either (kept, weakly, in one
    group), so the views of each see a change made through any other (`origin_sees_change`)."""
    group = root._sharing_counter or weakref.WeakSet((root,))
    root._sharing_counter = alias._sharing_counter = group
    group.add(alias)


def origin_sees_change(alias: Tensor) -> None:
    """``alias`` (a base) was changed in memory: the views of the other tensors sharing its
    version counter (`shares_version_counter`: the tensor it was detached from, others
    detached from that, or from it) see the change too, as in PyTorch, where a view's
    grad_fn is made anew when its version moved on."""
    for origin in list(alias._sharing_counter or ()):
        if origin is alias or not origin._views:
            continue
        if in_graph(origin):
            refresh_views(origin, recorded=False)
        else:
            _mark_moved_on(origin)


def reshape_in_place(target: Tensor, rule: Any, *args: Any) -> Tensor:
    """``target.t_()``, ``unsqueeze_`` …: the view ``rule`` gives, which the target becomes
    (same memory, a new shape, its version bumped). The other views of the same base now see
    it in another layout: PyTorch gives each a new ``grad_fn`` (AsStridedBackward0), whether
    the change was recorded or not (the target keeps the node recorded for it)."""
    from .inplace import check_not_inference
    from .ops.inplace_more import reshape_inplace

    if target._inference and not grad_mode.state.inference:  # (changed, then refused, with
        with grad_mode.inference_mode():  # no autograd check first, even for a leaf that
            reshape_inplace(target, rule, *args)  # requires grad: see
        check_not_inference(target)  # inplace.change_then_refuse)
    before = target._grad_fn
    reshape_inplace(target, rule, *args)
    base = target if target._base is None else target._base
    if target._inference:
        return target
    origin_sees_change(base)
    if not base._views:
        return target
    if target._grad_fn is not before:  # recorded: the target's own history is its node
        refresh_views(base, skip=target)
    elif in_graph(base):  # (a view PyTorch refuses to change in place, changed so under
        refresh_views(base, recorded=False)  # no_grad, is stale too: t_() moved it on)
    else:
        _mark_moved_on(base)
    return target
