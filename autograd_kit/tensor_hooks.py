"""A tensor's own hooks: ``register_hook`` and ``register_post_accumulate_grad_hook``.

As in PyTorch, each kind lives in a table on the tensor, keyed by the id of the handle that
registered it: ``t._backward_hooks`` and ``t._post_accumulate_grad_hooks`` (None until the
first hook). A learner may read them, clear them, or set them:

* a leaf's tables are read when backward reaches it, so whatever they hold then runs;
* a non-leaf's ``_backward_hooks`` table is handed to its ``grad_fn`` when made, and runs
  there (at the gradient for this output) even if the tensor later drops it: setting
  ``y._backward_hooks = OrderedDict()`` leaves the hooks already registered in place;
* when an in-place operation gives the tensor a new ``grad_fn``, the table is dropped (None):
  the hooks registered before stay with the old node and see the old value's gradient, and
  new ones go to a new table on the new node (`reset_backward_hooks`).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .hooks import RemovableHandle

if TYPE_CHECKING:
    from .tensor import Tensor

_NO_GRAD_MESSAGE = "cannot register a hook on a tensor that doesn't require gradient"


def carries_tangents_only_of(t: Tensor) -> bool:
    """`backward_roots.carries_tangents_only` (imported late: it imports the tensor module)."""
    from .backward_roots import carries_tangents_only

    return carries_tangents_only(t)


class TensorHooks:
    """The hook part of `Tensor`."""

    _backward_hooks: dict[int, Callable] | None = None  # register_hook's, by handle id
    _post_accumulate_grad_hooks: dict[int, Callable] | None = None  # a leaf's, by handle id

    def register_hook(self: Tensor, hook: Callable[[Tensor], Tensor | None]
                      ) -> RemovableHandle:
        """Call ``hook(grad)`` when this tensor's gradient is computed; it may return a new one."""
        if not self.requires_grad or carries_tangents_only_of(self):
            raise RuntimeError(_NO_GRAD_MESSAGE)
        if self._backward_hooks is None:
            node = self.grad_fn  # (read first: a view whose base changed gets its node now)
            self._backward_hooks = OrderedDict()
            if node is not None:
                node._register_hook_dict(self)
        return RemovableHandle(self._backward_hooks, hook)

    def register_post_accumulate_grad_hook(self: Tensor, hook: Callable[[Tensor], None]
                                           ) -> RemovableHandle:
        """Call ``hook(tensor)`` on a leaf after backward has added into its ``.grad``."""
        if not self.requires_grad or carries_tangents_only_of(self):
            raise RuntimeError(_NO_GRAD_MESSAGE)
        if self.grad_fn is not None:
            raise RuntimeError(
                "post accumulate grad hooks cannot be registered on non-leaf tensors")
        if self._post_accumulate_grad_hooks is None:
            self._post_accumulate_grad_hooks = OrderedDict()
        return RemovableHandle(self._post_accumulate_grad_hooks, hook)


def reset_backward_hooks(tensor: Tensor) -> None:
    """``tensor`` has a new ``grad_fn``: its hook table stays with the old node (PyTorch's
    ``update_tensor_hooks_on_new_gradfn``)."""
    tensor._backward_hooks = None


def tensor_hooks_of(tensor: Tensor) -> list[Any]:
    """The hooks registered on ``tensor`` that run with its gradient, in their order."""
    node = tensor._grad_fn
    if node is None:
        return list((tensor._backward_hooks or {}).values())
    tables = (node._tensor_hooks or {}).get(tensor._output_nr, ())
    return [hook for table in tables for hook in table.values()]
