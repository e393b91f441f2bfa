"""Module hooks: what ``model(x)`` runs around ``forward``, and how hooks are registered.

Forward pre-hooks may change the arguments, forward hooks the output; backward hooks see the
gradients flowing through the module (the full ones by way of ``nn/backward_hooks.py``).
Each ``register_*`` returns a `RemovableHandle`; ``prepend=True`` puts the hook first.
"""

from __future__ import annotations

import warnings
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from ..hooks import RemovableHandle
from ..tensor import Tensor
from .backward_hooks import BackwardHook, attach_old_style_hooks


def _added(hooks: OrderedDict[int, Callable[..., Any]], hook: Callable[..., Any],
           prepend: bool) -> RemovableHandle:
    """Register ``hook`` in ``hooks`` (first when ``prepend``) and return its handle."""
    handle = RemovableHandle(hooks, hook)
    if prepend:
        hooks.move_to_end(handle.id, last=False)
    return handle


class ModuleHooks:
    """The hook half of `Module` (the tables themselves are made in ``Module.__init__``)."""

    _forward_pre_hooks: OrderedDict[int, Callable[..., Any]]
    _forward_hooks: OrderedDict[int, Callable[..., Any]]
    _backward_pre_hooks: OrderedDict[int, Callable[..., Any]]
    _backward_hooks: OrderedDict[int, Callable[..., Any]]
    _is_full_backward_hook: bool | None

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        """``model(x)``: ``forward``, with the registered hooks run around it."""
        if not (self._forward_pre_hooks or self._forward_hooks or self._backward_hooks
                or self._backward_pre_hooks):
            return self.forward(*args, **kwargs)
        pre_with_kwargs = self.__dict__.get("_forward_pre_hooks_with_kwargs", ())
        for hook_id, hook in list(self._forward_pre_hooks.items()):
            if hook_id in pre_with_kwargs:
                replaced = hook(self, args, kwargs)
                if replaced is not None:
                    if not (isinstance(replaced, tuple) and len(replaced) == 2):
                        raise RuntimeError("forward pre-hook must return None or a tuple of "
                                           f"(new_args, new_kwargs), but got {replaced}.")
                    args, kwargs = replaced
            else:
                replaced = hook(self, args)
                if replaced is not None:
                    args = replaced if isinstance(replaced, tuple) else (replaced,)
        full = list(self._backward_hooks.values()) if self._is_full_backward_hook else []
        watch = None
        if full or self._backward_pre_hooks:  # see backward_hooks.py
            watch = BackwardHook(self, full, list(self._backward_pre_hooks.values()))
            args = watch.setup_input_hook(args)
        try:
            output = self.forward(*args, **kwargs)
        except Exception:
            self._call_always_called_hooks(args, kwargs)
            raise
        with_kwargs = self.__dict__.get("_forward_hooks_with_kwargs", ())
        for hook_id, hook in list(self._forward_hooks.items()):
            if hook_id in with_kwargs:
                replaced = hook(self, args, kwargs, output)
            else:
                replaced = hook(self, args, output)
            if replaced is not None:
                output = replaced
        if watch is not None:
            if not isinstance(output, (Tensor, tuple)):
                warnings.warn("For backward hooks to be called, module output should be a "
                              f"Tensor or a tuple of Tensors but received {type(output)}",
                              stacklevel=2)
            output = watch.setup_output_hook(output)
        if self._backward_hooks and self._is_full_backward_hook is False:
            attach_old_style_hooks(self, list(self._backward_hooks.values()), args, output)
        return output

    # ---- forward hooks -------------------------------------------------------------------
    def register_forward_pre_hook(self, hook: Callable[..., Any], *, prepend: bool = False,
                                  with_kwargs: bool = False) -> RemovableHandle:
        """Call ``hook(module, args)`` before ``forward``; a returned value replaces args.

        With ``with_kwargs=True`` it is ``hook(module, args, kwargs)``, which may return a
        new ``(args, kwargs)`` pair. ``prepend=True`` runs it before the hooks already there.
        """
        handle = _added(self._forward_pre_hooks, hook, prepend)
        if with_kwargs:
            self._forward_pre_hooks_with_kwargs.add(handle.id)
        return handle

    def register_forward_hook(self, hook: Callable[..., Any], *, prepend: bool = False,
                              with_kwargs: bool = False,
                              always_call: bool = False) -> RemovableHandle:
        """Call ``hook(module, args, output)`` after ``forward``; a returned value replaces
        the output.

        With ``with_kwargs=True`` it is ``hook(module, args, kwargs, output)``;
        ``prepend=True`` runs it before the hooks already there; ``always_call=True`` calls
        it (with output None) even when ``forward`` raises.
        """
        handle = _added(self._forward_hooks, hook, prepend)
        if with_kwargs:
            self._forward_hooks_with_kwargs.add(handle.id)
        if always_call:
            self._forward_hooks_always_called.add(handle.id)
        return handle

    def _call_always_called_hooks(self, args: tuple, kwargs: dict[str, Any]) -> None:
        """After ``forward`` raised: the ``always_call`` hooks, with output None."""
        always = self.__dict__.get("_forward_hooks_always_called", ())
        with_kwargs = self.__dict__.get("_forward_hooks_with_kwargs", ())
        for hook_id, hook in list(self._forward_hooks.items()):
            if hook_id in always:
                try:
                    if hook_id in with_kwargs:
                        hook(self, args, kwargs, None)
                    else:
                        hook(self, args, None)
                except Exception as error:  # the forward's own error is the one raised
                    warnings.warn("module forward hook with ``always_call=True`` raised an "
                                  "exception that was silenced as another error was raised "
                                  f"in forward: {error}", stacklevel=2)

    # ---- backward hooks ------------------------------------------------------------------
    def register_full_backward_pre_hook(self, hook: Callable[..., Any],
                                        prepend: bool = False) -> RemovableHandle:
        """Call ``hook(module, grad_output)`` when the gradients w.r.t. the module's outputs
        have arrived in backward; a returned tuple replaces ``grad_output``."""
        return _added(self._backward_pre_hooks, hook, prepend)

    def register_full_backward_hook(self, hook: Callable[..., Any],
                                    prepend: bool = False) -> RemovableHandle:
        """Call ``hook(module, grad_input, grad_output)`` once backward has computed the
        gradients w.r.t. the module's positional inputs; a returned tuple replaces
        ``grad_input``. (The module's forward then sees, and returns, identity views of its
        tensors: see ``nn/backward_hooks.py``.)"""
        self._set_backward_hook_kind(full=True)
        return _added(self._backward_hooks, hook, prepend)

    def register_backward_hook(self, hook: Callable[..., Any]) -> RemovableHandle:
        """Deprecated (as in PyTorch): ``hook(module, grad_input, grad_output)`` gets the
        gradients of the node that made the output, which are the module's only when it is
        a single operation. Use `register_full_backward_hook`."""
        self._set_backward_hook_kind(full=False)
        return _added(self._backward_hooks, hook, prepend=False)

    def _set_backward_hook_kind(self, full: bool) -> None:
        if self._is_full_backward_hook is (not full):
            raise RuntimeError("Cannot use both regular backward hooks and full backward hooks "
                               "on a single Module. Please use only one of them.")
        object.__setattr__(self, "_is_full_backward_hook", full)
