"""``AccumulateGrad``: the node at a leaf that requires grad, where gradients end up in ``.grad``.

    leaf.grad is None  →  leaf.grad = gradient        (the arriving tensor itself, or a copy)
    otherwise          →  leaf.grad += gradient       (leaf.grad + gradient under create_graph)

The arriving tensor is used as it is only when nothing else can see it (PyTorch "steals" it
then; a copy would only cost time), and a copy is laid out in memory like the leaf.
"""

from __future__ import annotations

import sys
from typing import Any

from . import grad_mode
from . import tensor as tensor_module
from .backward_roots import FORWARD_AD
from .function import Node, read_only_node_attribute
from .grad_dtype import in_gradient_dtype
from .memory_overlap import check_no_internal_overlap
from .node_saved_values import SavedValuesOnDemand
from .scalar_warning import warn_once_with
from .tensor import Tensor


class AccumulateGrad(SavedValuesOnDemand, Node):
    """The node for a leaf that requires grad: adds the arriving gradient into ``leaf.grad``.

    ``leaf.grad`` is None → it becomes the gradient itself when nothing else holds it (as
    PyTorch "steals" it), or else a private copy of it;
    otherwise → ``leaf.grad += gradient`` (recorded as ``leaf.grad + gradient`` under
    ``create_graph=True``).
    """

    __module__ = "builtins"  # type(node) reads <class 'AccumulateGrad'>, as in PyTorch

    sequence_number = float("inf")  # PyTorch runs a ready AccumulateGrad first
    variable = read_only_node_attribute("variable", "The leaf this node accumulates into.")

    def __init__(self, variable: Tensor) -> None:
        self._variable = variable
        self._input_shapes = ()
        self.leaf_shape = variable._data.shape  # (kept when ``leaf.data =`` another shape:
        # stale_leaf_shapes.py)
        self.leaf_dtype = variable._data.dtype  # (PyTorch's input metadata: ``leaf.data = `` of
        # another dtype gives the leaf a new node, while graphs made before keep this one)

    @property
    def _tensor_hooks(self) -> dict[int, list[dict]] | None:  # type: ignore[override]
        """A leaf's ``register_hook`` hooks live on the tensor (its table as it is now);
        they run here, first."""
        hooks = self._variable._backward_hooks
        return {0: [hooks]} if hooks else None

    def apply(self, *grads: Tensor | None) -> tuple[Tensor | None, ...]:
        (grad,) = grads
        self.accumulate(grad)
        return ()

    def accumulate(self, grad: Tensor | None) -> bool:
        """Add ``grad`` into the leaf's ``.grad``; returns True when something was already there."""
        variable = self._variable
        if grad is None or not variable._requires_grad:  # requires_grad_(False) since then
            return False
        if _is_dual_helper(variable):
            return False
        if grad._data.shape != variable._data.shape:  # (``leaf.data = `` another shape)
            stealable = not grad_mode.state.enabled and _held_only_by_the_engine(grad)
            return _accumulate_other_shape(grad, variable, stealable)
        grad = in_gradient_dtype(grad, self.leaf_dtype, variable)  # (dtype when made)
        previous = variable._grad
        if previous is None:
            if grad_mode.state.enabled and grad._requires_grad:
                # create_graph: .grad is a recorded copy, as in PyTorch (grad_fn=CopyBackwards)
                from .ops.filling import Copy

                blank = Tensor._make(grad._xp.empty_like(grad._data))
                variable._grad = Copy.apply(blank, grad)
            elif (not grad_mode.state.enabled and _held_only_by_the_engine(grad)
                  and (_in_leaf_layout(grad, variable) or not grad_mode.state.layout_enforced)):
                # no copy needed: nobody else can see it
                variable._grad = _kept(grad)
                return False
            else:  # a private copy: later accumulation must not change the sender's tensor
                variable._grad = _copy_in_leaf_layout(grad, variable)
            _count_copy_in(variable)
            return False
        if grad_mode.state.enabled:
            variable._grad = previous + grad
            _check_layout(variable._grad, variable, "out_of_place")
        elif previous._data.shape != grad._data.shape:  # (a .grad kept from another shape)
            return _accumulate_other_shape(grad, variable, False)
        else:
            check_no_internal_overlap(previous._data)  # (an expanded .grad: PyTorch's error)
            previous._data += grad._data
            previous._version_counter[0] += 1
            _check_layout(previous, variable, "in_place")
        return True


def _is_dual_helper(leaf: Tensor) -> bool:
    """Whether ``leaf`` is a helper leaf of the open dual level: the kit's dual made from a
    plain tensor, which requires grad only to carry its tangent. PyTorch's dual does not
    require grad, so a backward run inside the level gives it no ``.grad``."""
    levels = _open_dual_levels()
    return bool(levels) and not levels[-1].scope.is_outside(leaf)


def _open_dual_levels() -> list[Any]:
    """forward_ad's open dual levels (forward_ad imports this module: not imported here)."""
    forward_ad = sys.modules.get(FORWARD_AD)
    return [] if forward_ad is None else forward_ad._levels


def _check_layout(grad: Tensor, leaf: Tensor, where: str) -> None:
    """PyTorch's ``TORCH_WARN_ONCE`` when a ``.grad`` that backward added into is not laid
    out as its leaf (a ``.grad`` the user assigned transposed, say): once per process from
    each of its two places (every time under ``set_warn_always(True)``); none under
    ``enforce_grad_layout_policy(False)``."""
    if grad._data.strides == leaf._data.strides or not grad_mode.state.layout_enforced \
            or _obeys_layout_contract(grad, leaf):
        return
    item_g, item_l = grad._data.itemsize, leaf._data.itemsize
    warn_once_with(
        "grad and param do not obey the gradient layout contract. This is not an error, but "
        f"may impair performance.\ngrad.sizes() = {list(grad.shape)}, strides() = "
        f"{[s // item_g for s in grad._data.strides]}\nparam.sizes() = {list(leaf.shape)}, "
        f"strides() = {[s // item_l for s in leaf._data.strides]}", stacklevel=2,
        key=f"gradient layout contract, {where}", source=_LAYOUT_SOURCE[where])


# where in PyTorch's accumulate_grad.h each of the two warnings is given
_LAYOUT_SOURCE = {"in_place": "torch/csrc/autograd/functions/accumulate_grad.h:252",
                  "out_of_place": "torch/csrc/autograd/functions/accumulate_grad.h:282"}


# References to an arriving gradient that belong to the engine: its list of gradients for
# the node, ``accumulate``'s ``grad``, ``_held_only_by_the_engine``'s argument and
# ``getrefcount``'s own. Any more means someone else (a hook, a step record, the caller)
# holds the tensor, and it must be copied. (The engine drops its own references from the
# step before, ``outputs`` and ``grad``, so that they do not count here.)
_ENGINE_REFERENCES = 4


def _held_only_by_the_engine(grad: Tensor) -> bool:
    """Whether ``grad`` may become ``leaf.grad`` as it is: a tensor nobody else holds, whose
    memory nothing else can reach. Its array owns its memory and only this tensor holds it;
    or it is a view (``weight.t()`` of a product computed transposed, as for nn.Linear's
    weight; a squeezed sum) of memory held only by the view and by the view's base tensor,
    which in turn only the view holds. (A view NumPy will not write to is copied by `_kept`
    whoever holds its memory: only the tensor counts then.)"""
    data = grad._data
    if (sys.getrefcount(grad) > _ENGINE_REFERENCES or grad._requires_grad
            or sys.getrefcount(data) > 3):  # (the tensor's, ``data`` here, the call's)
        return False
    if not getattr(data.flags, "writeable", True):
        return True
    owner = getattr(data, "base", None)
    base = grad._base
    if owner is None:
        return base is None
    if owner.base is not None:  # (NumPy and CuPy point a view at the array that owns the
        # memory: this one does not own its memory either; unless it is an as_strided array
        # (a layout set by `with_steps`), a chain of links each held by the one before only)
        return (base is None and sys.getrefcount(owner) <= 3  # (``data``'s, here, the call's)
                and _chain_held_only_by_its_links(owner.base))
    holders = 1  # the view's array
    if base is not None:  # the base tensor: held by the view only, its array by it only
        if base._requires_grad or sys.getrefcount(base) > 3:  # (the view's, here, the call's)
            return False
        base_data = base._data
        if base_data is not owner and (getattr(base_data, "base", None) is not owner
                                       or sys.getrefcount(base_data) > 3):
            return False
        holders, base_data = 2, None
    return sys.getrefcount(owner) <= holders + 2  # (and ``owner`` here, the call's)


def _chain_held_only_by_its_links(link: Any) -> bool:
    """Whether ``link`` and each object down its chain of ``.base`` (NumPy's as_strided
    wraps the memory's owner in an object of its own) is held by the link before it only."""
    while link is not None:
        if sys.getrefcount(link) > 3:  # (the link before it, ``link`` here, the call's)
            return False
        link = getattr(link, "base", None)
    return True


def _kept(grad: Tensor) -> Tensor:
    """The arriving gradient as the leaf's ``.grad`` (PyTorch "steals" it): a view of memory
    that nothing else holds becomes a tensor of its own, as PyTorch's detach, keeping its
    version (``a.view(3)``'s gradient summed in place from two paths: version 1). A
    view NumPy will not write to (a slice of an expanded gradient, as stack's backward
    gives from a sum's) is copied, so that a later backward can add into it. Inside a dual
    level it is a new tensor too: PyTorch's detach leaves the tangent behind."""
    data = grad._data
    if not getattr(data.flags, "writeable", True):  # (a CuPy array has no such flag)
        return Tensor._make(data.copy())
    if grad._base is None and not _open_dual_levels():
        return grad
    kept = Tensor._make(data)
    kept._version_counter = grad._version_counter
    return kept


# PyTorch's "gradient layout contract": a leaf's .grad is laid out in memory like the leaf
# (row-major for a row-major leaf, transposed for a transposed one); a leaf whose elements
# are not one dense block gets a row-major .grad.
def _in_leaf_layout(grad: Tensor, leaf: Tensor) -> bool:
    """Whether ``grad`` already has the layout a copy would get (checked cheaply: row-major
    for a row-major leaf, column-major for a column-major one; any other leaf (channels-last,
    a permuted one): PyTorch's layout contract, strides compared)."""
    leaf_flags, grad_flags = leaf._data.flags, grad._data.flags
    if leaf_flags.c_contiguous:
        return grad_flags.c_contiguous
    if leaf_flags.f_contiguous:
        return grad_flags.f_contiguous
    return _obeys_layout_contract(grad, leaf)


def _count_copy_in(leaf: Tensor) -> None:
    """A copied ``.grad`` has version 1 when the leaf is one dense block: PyTorch makes it
    as an empty tensor with the leaf's strides and ``copy_``s the gradient in (one in-place
    write); for any other leaf it is a plain ``clone()`` (version 0)."""
    if _is_dense(leaf._xp, leaf._data):  # (see _copy_in_leaf_layout)
        leaf._grad._version_counter[0] = 1


def _is_dense(xp: Any, data: Any) -> bool:
    """Whether the leaf's ``data`` is one dense block: NumPy lays out an empty array like it
    with its strides, wherever a size is not 1 (NumPy's own strides there may differ)."""
    return all(size == 1 or ours == theirs for size, ours, theirs in zip(
        data.shape, xp.empty_like(data).strides, data.strides))


def _copy_in_leaf_layout(grad: Tensor, leaf: Tensor) -> Tensor:
    """PyTorch's empty_strided(leaf's sizes and strides), the gradient copied in; a leaf
    with gaps or overlaps: a row-major copy."""
    from .ops.view_strides import with_steps

    xp, data = grad._xp, leaf._data
    if _is_dense(xp, data):  # (the leaf's strides, those of its size-1 dimensions too)
        copy = with_steps(xp, xp.empty_like(data), data.strides)
    else:
        copy = xp.empty(data.shape, data.dtype)
    copy[...] = grad._data
    return Tensor._make(copy)


def _accumulate_other_shape(grad: Tensor, leaf: Tensor, stealable: bool) -> bool:
    """A gradient shaped for the leaf as it was when the graph was recorded, arriving after
    ``leaf.data = `` gave it another shape. PyTorch then does what it always does: with no
    ``.grad`` yet it keeps the gradient itself when its strides match the leaf's where its
    sizes are not 1 (the sizes themselves are not compared, so ``.grad`` keeps the old
    shape), else it copies it into a new tensor shaped like the leaf (``copy_``: broadcast,
    or "The size of tensor a (2) must match the size of tensor b (3) …"); an existing
    ``.grad`` gets ``+=``."""
    previous = leaf._grad
    if previous is not None:
        with grad_mode.no_grad():
            previous += grad
        return True
    if stealable and (_obeys_layout_contract(grad, leaf)  # (nobody else holds it)
                      or not grad_mode.state.layout_enforced):
        leaf._grad = _kept(grad)
        return False
    with grad_mode.no_grad():
        leaf._grad = Tensor._make(leaf._xp.empty_like(leaf._data)).copy_(grad)
    return False


def _obeys_layout_contract(grad: Tensor, leaf: Tensor) -> bool:
    """PyTorch's ``obeys_layout_contract``: for a dense leaf, each dimension of the gradient
    of size other than 1 has the leaf's stride there (none is 0 where the size is 1); for
    any other leaf, a row-major gradient."""
    data, g = leaf._data, grad._data
    if not _is_dense(leaf._xp, data):
        return bool(g.flags.c_contiguous)
    if g.ndim > data.ndim:
        return False
    for size, stride, leaf_stride in zip(g.shape, g.strides, data.strides):
        if size != 1 and stride // g.itemsize != leaf_stride // data.itemsize:
            return False
        if size == 1 and stride == 0:
            return False
    return True


tensor_module.AccumulateGrad = AccumulateGrad  # (Tensor._gradient_edge makes them)
