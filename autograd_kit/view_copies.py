"""The ``*_copy`` functions: ``torch.view_copy(x, shape)``, ``permute_copy``, ``t_copy``, …,
each the values of a view op in fresh memory (what ``functionalization`` turns views into).

One mechanism makes them all from the view ops themselves (`copy_of`): the view is made as
usual (its argument checks and errors are the view op's), then its values are copied into a
new tensor that takes over the view's node. That node is renamed as PyTorch names the copy's
(``ViewBackward0_copy``, ``UnbindBackward0_copy``, …): its class becomes the view rule's
*copy rule* (`copy_rule`: the same rule, named ``<node>_copy``, not a view), so its
gradient, its saved values and its inputs are the view's. The copy is contiguous, has its own
version counter and no ``_base``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from .function import Function
from .ops.indexing import Slice, as_pytorch_int
from .ops.matrix_parts import Diagonal, DiagonalCopy
from .ops.rounding import not_implemented
from .ops.shape import View
from .tensor import Tensor


class ViewCopy(View):
    """out = a copy of x with a new shape; x need not be viewable (reshaped then)

    grad_x = grad.reshape(x.shape)
    """

    node_name = "ViewBackward0_copy"
    is_view = False

    @staticmethod
    def forward(ctx: Any, x: Tensor, shape: tuple[int, ...]) -> Any:
        ctx.shape = x._data.shape
        return x._data.reshape(shape).copy()


class SliceCopy(Slice):
    """out = a copy of x[..., start:end:step, ...] along one dimension

    grad_x = zeros with grad written into the slice. Its node shows start and end as given
    (None when left out, where ``x[:]``'s slice shows 0 and the largest int64).
    """

    node_name = "SliceBackward0_copy"
    is_view = False
    saved_options = {**Slice.saved_options,
                     "start": lambda node: _as_given(node.key[-1].start),
                     "end": lambda node: _as_given(node.key[-1].stop)}

    @staticmethod
    def forward(ctx: Any, x: Tensor, key: Any, dim: int | None = None) -> Any:
        return Slice.forward(ctx, x, key, dim).copy()


def _as_given(bound: Any) -> Any:
    return None if bound is None else as_pytorch_int(bound)


# view rules whose copy rule is written out (made from the view op directly)
_WRITTEN = {View: ViewCopy, Diagonal: DiagonalCopy, Slice: SliceCopy}


@functools.cache
def copy_rule(rule: type[Function]) -> type[Function]:
    """``rule`` as a copy: its node named ``<rule's node>_copy``, its output not a view."""
    if rule in _WRITTEN:
        return _WRITTEN[rule]

    def forward(ctx: Any, *args: Any) -> Any:
        return rule.forward(ctx, *args).copy()

    return type(rule.__name__ + "Copy", (rule,), {
        "node_name": rule._node_class.__name__ + "_copy", "is_view": False,
        "forward": staticmethod(forward), "__module__": __name__,
        "__doc__": f"A copy of {rule.__name__}'s view: the same gradient (its node "
                   "renamed ``…_copy``)."})


def _fresh(view: Tensor) -> Tensor:
    """The values of ``view`` in new memory, with the view's node, renamed as a copy's."""
    copied = Tensor._make(view._data.copy(order="C"))  # (ascontiguousarray makes 0-dim 1-D)
    node = view._grad_fn
    if node is not None:
        rule = node._function
        if rule.is_view:  # (an output of a node with several, renamed already: no change)
            node.__class__ = copy_rule(rule)._node_class
        copied._grad_fn, copied._output_nr, copied._requires_grad = (
            node, view._output_nr, True)
    return copied


def copy_of(name: str, view: Callable[..., Any]) -> Callable[..., Any]:
    """``torch.<name>``: ``view(input, …)`` (a view, or a tuple of views) copied."""
    def function(input: Tensor, *args: Any, **kwargs: Any) -> Any:  # noqa: A002
        made = view(input, *args, **kwargs)
        if isinstance(made, Tensor):
            return _fresh(made)
        return tuple(_fresh(v) for v in made)

    function.__name__ = function.__qualname__ = name
    function.__doc__ = (f"``{name}``: the same values as the view op gives, in fresh memory "
                        "(the view's gradient, its node named ``…_copy``).")
    return function


# ---- the view each copy is made of ------------------------------------------------------------

def _view(x: Tensor, size: Any) -> Tensor:
    """``x.view(size)``; a shape x cannot be viewed in is reshaped (ATen's view_copy)."""
    from .ops.shape import infer_shape
    from .ops.view_methods import view_method

    if not isinstance(size, (tuple, list)) or _viewable(x, size):
        return view_method(x, (size,))
    return ViewCopy.apply(x, infer_shape(tuple(size), x._data.size))


def _viewable(x: Tensor, size: Any) -> bool:
    from . import backend
    from .ops.shape import infer_shape

    try:
        shape = infer_shape(tuple(size), x._data.size)
    except (RuntimeError, TypeError, ValueError):
        return True  # (view's own error)
    return backend.reshaped_view(x._data, shape) is not None


def _squeeze(x: Tensor, dim: Any = None) -> Tensor:
    return x.squeeze() if dim is None else x.squeeze(dim)


def _slice(x: Tensor, dim: int = 0, start: int | None = None, end: int | None = None,
           step: int = 1) -> Tensor:
    """``x[..., start:end:step]`` along ``dim`` (a SliceBackward0 view, even of everything)."""
    from .tensor import _wrap_dim

    axis = _wrap_dim(dim, x.dim())
    return Slice.apply(x, (slice(None),) * axis + (slice(start, end, step),), dim)


class DetachCopy(Function):
    """out = a copy of x. PyTorch has no derivative for ``detach_copy``: its output requires
    grad with a ``NotImplemented`` node, and backward through it is an error."""

    node_name = "NotImplemented"
    aten_name = "detach_copy"

    @staticmethod
    def forward(ctx: Any, x: Tensor) -> Any:
        return x._data.copy()

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> Any:
        raise RuntimeError("derivative for aten::detach_copy is not implemented")


not_implemented(DetachCopy)


def detach_copy(input: Tensor) -> Tensor:  # noqa: A002
    """A copy of ``input`` (see `DetachCopy`)."""
    return DetachCopy.apply(input)


VIEWS: dict[str, Callable[..., Any]] = {
    "view_copy": _view,
    "permute_copy": lambda x, dims: x.permute(dims),
    "t_copy": lambda x: x.t(),
    "transpose_copy": lambda x, dim0, dim1: x.transpose(dim0, dim1),
    "unsqueeze_copy": lambda x, dim: x.unsqueeze(dim),
    "squeeze_copy": _squeeze,
    "expand_copy": lambda x, size, *, implicit=False: x.expand(size),
    "select_copy": lambda x, dim, index: x.select(dim, index),
    "slice_copy": _slice,
    "diagonal_copy": lambda x, offset=0, dim1=0, dim2=1: x.diagonal(offset, dim1, dim2),
    "alias_copy": lambda x: x[...],
    "unbind_copy": lambda x, dim=0: x.unbind(dim),
    "split_copy": lambda x, split_size, dim=0: x.split(split_size, dim),
    "split_with_sizes_copy": lambda x, split_sizes, dim=0: x.split(list(split_sizes), dim),
    "unfold_copy": lambda x, dimension, size, step: x.unfold(dimension, size, step),
    "as_strided_copy": lambda x, size, stride, storage_offset=None: x.as_strided(
        size, stride, storage_offset),
}

# PyTorch's forms, for its parser's TypeErrors (``out=`` where the function returns one
# tensor: the others' list of outs is not offered)
FORMS: dict[str, tuple[str, ...]] = {
    "view_copy": ("Tensor input, int[] size, *, Tensor out = None",
                  "Tensor input, torch.dtype dtype, *, Tensor out = None"),
    "permute_copy": ("Tensor input, int[] dims, *, Tensor out = None",),
    "t_copy": ("Tensor input, *, Tensor out = None",),
    "transpose_copy": ("Tensor input, int dim0, int dim1, *, Tensor out = None",),
    "unsqueeze_copy": ("Tensor input, int dim, *, Tensor out = None",),
    "squeeze_copy": ("Tensor input, *, Tensor out = None",
                     "Tensor input, int dim, *, Tensor out = None",
                     "Tensor input, int[] dim, *, Tensor out = None"),
    "expand_copy": ("Tensor input, int[] size, *, bool implicit = False, Tensor out = None",),
    "select_copy": ("Tensor input, int dim, int index, *, Tensor out = None",),
    "slice_copy": ("Tensor input, int dim = 0, int start = None, int end = None, "
                   "int step = 1, *, Tensor out = None",),
    "diagonal_copy": ("Tensor input, int offset = 0, int dim1 = 0, int dim2 = 1, *, "
                      "Tensor out = None",),
    "alias_copy": ("Tensor input, *, Tensor out = None",),
    "detach_copy": ("Tensor input, *, Tensor out = None",),
    "unbind_copy": ("Tensor input, int dim = 0",),
    "split_copy": ("Tensor input, int split_size, int dim = 0",),
    "split_with_sizes_copy": ("Tensor input, int[] split_sizes, int dim = 0",),
    "unfold_copy": ("Tensor input, int dimension, int size, int step, *, Tensor out = None",),
    "as_strided_copy": ("Tensor input, int[] size, int[] stride, int storage_offset = None, *, "
                        "Tensor out = None",),
}

# the copies that return several tensors
SEVERAL = ("unbind_copy", "split_copy", "split_with_sizes_copy")


def functions() -> dict[str, Callable[..., Any]]:
    """Every ``*_copy`` function (namespace_native gives them PyTorch's argument checks)."""
    made = {name: copy_of(name, view) for name, view in VIEWS.items()}
    made["detach_copy"] = detach_copy
    return made
