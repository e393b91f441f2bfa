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
           prepend: bool = False, flags: tuple[tuple[OrderedDict[int, bool], bool], ...] = ()
           ) -> RemovableHandle:
    """Register ``hook`` in ``hooks`` (first when ``prepend``) and return its handle. As in
    PyTorch, ``flags`` are (table, wanted) pairs for the tables that mark some hooks
    (``with_kwargs``, ``always_call``): the hook's id goes in the wanted ones, and
    ``remove()`` takes it out of all of them."""
    handle = RemovableHandle(hooks, hook, extra_dict=[table for table, _ in flags])
    for table, wanted in flags:
        if wanted:
            table[handle.id] = True
    if prepend:
        hooks.move_to_end(handle.id, last=False)
    return handle


class _GlobalHooks:
    """The hooks every module runs (``register_module_forward_hook`` and its kin, in
    ``nn.modules.module``), before its own."""

    def __init__(self) -> None:
        self.forward_pre: OrderedDict[int, Callable[..., Any]] = OrderedDict()
        self.forward: OrderedDict[int, Callable[..., Any]] = OrderedDict()
        self.forward_with_kwargs: OrderedDict[int, bool] = OrderedDict()
        self.forward_always_called: OrderedDict[int, bool] = OrderedDict()
        self.backward_pre: OrderedDict[int, Callable[..., Any]] = OrderedDict()
        self.backward: OrderedDict[int, Callable[..., Any]] = OrderedDict()
        self.is_full_backward: bool | None = None

    def any(self) -> bool:
        return bool(self.forward_pre or self.forward or self.backward_pre or self.backward)


_GLOBAL = _GlobalHooks()


class _Call:
    """One ``module(*args, **kwargs)`` with hooks (PyTorch's ``Module._call_impl``)."""

    def __init__(self, module: Any, args: tuple, kwargs: dict[str, Any]) -> None:
        self.module, self.args, self.kwargs = module, args, kwargs
        self.result: Any = None
        self.called: set[int] = set()  # the always_call hooks that have run

    def _forward_hooks(self) -> list[tuple[int, Callable[..., Any], bool, bool]]:
        """(id, hook, with kwargs, always called) for the global then the module's hooks."""
        own = self.module.__dict__
        return [(i, hook, i in _GLOBAL.forward_with_kwargs, i in _GLOBAL.forward_always_called)
                for i, hook in _GLOBAL.forward.items()] + [
            (i, hook, i in own.get("_forward_hooks_with_kwargs", ()),
             i in own.get("_forward_hooks_always_called", ()))
            for i, hook in self.module._forward_hooks.items()]

    def _run_pre_hooks(self) -> None:
        module = self.module
        pre_with_kwargs = module.__dict__.get("_forward_pre_hooks_with_kwargs", ())
        for hook_id, hook in [*_GLOBAL.forward_pre.items(), *module._forward_pre_hooks.items()]:
            if hook_id in pre_with_kwargs:
                replaced = hook(module, self.args, self.kwargs)
                if replaced is not None:
                    if not (isinstance(replaced, tuple) and len(replaced) == 2):
                        raise RuntimeError("forward pre-hook must return None or a tuple of "
                                           f"(new_args, new_kwargs), but got {replaced}.")
                    self.args, self.kwargs = replaced
            else:
                replaced = hook(module, self.args)
                if replaced is not None:
                    self.args = replaced if isinstance(replaced, tuple) else (replaced,)

    def inner(self) -> Any:
        module = self.module
        full, old_style = [], []
        for is_full, hooks in ((_GLOBAL.is_full_backward, _GLOBAL.backward),
                               (module._is_full_backward_hook, module._backward_hooks)):
            if is_full is not None:
                (full if is_full else old_style).extend(hooks.values())
        pre = [*_GLOBAL.backward_pre.values(), *module._backward_pre_hooks.values()]
        self._run_pre_hooks()
        watch = None
        if full or pre:  # see backward_hooks.py
            watch = BackwardHook(module, full, pre)
            self.args = watch.setup_input_hook(self.args)
        self.result = module.forward(*self.args, **self.kwargs)
        for hook_id, hook, with_kwargs, always in self._forward_hooks():
            if always:
                self.called.add(hook_id)
            if with_kwargs:
                replaced = hook(module, self.args, self.kwargs, self.result)
            else:
                replaced = hook(module, self.args, self.result)
            if replaced is not None:
                self.result = replaced
        if watch is not None:
            if not isinstance(self.result, (Tensor, tuple)):
                warnings.warn("For backward hooks to be called, module output should be a "
                              f"Tensor or a tuple of Tensors but received {type(self.result)}",
                              stacklevel=3)
            self.result = watch.setup_output_hook(self.result)
        if old_style:
            attach_old_style_hooks(module, old_style, self.args, self.result)
        return self.result

    def always_called_hooks(self) -> None:
        """After an error: the ``always_call`` forward hooks that have not run, with the
        output so far; an error of theirs becomes a warning (the first error is raised)."""
        for hook_id, hook, with_kwargs, always in self._forward_hooks():
            if not always or hook_id in self.called:
                continue
            kind = "global module" if hook_id in _GLOBAL.forward else "module"
            try:
                if with_kwargs and kind == "module":
                    replaced = hook(self.module, self.args, self.kwargs, self.result)
                else:
                    replaced = hook(self.module, self.args, self.result)
                if replaced is not None:
                    self.result = replaced
            except Exception as error:  # the forward's own error is the one raised
                warnings.warn(f"{kind} forward hook with ``always_call=True`` raised an "
                              "exception that was silenced as another error was raised in "
                              f"forward: {error}", stacklevel=3)


# ---- global hooks (PyTorch's torch.nn.modules.module.register_module_*_hook) ----------------
def register_module_forward_pre_hook(hook: Callable[..., Any]) -> RemovableHandle:
    """Call ``hook(module, args)`` before every module's ``forward`` (before its own)."""
    return RemovableHandle(_GLOBAL.forward_pre, hook)


def register_module_forward_hook(hook: Callable[..., Any], *, with_kwargs: bool = False,
                                 always_call: bool = False) -> RemovableHandle:
    """Call ``hook(module, args, output)`` after every module's ``forward``."""
    return _added(_GLOBAL.forward, hook, flags=((_GLOBAL.forward_with_kwargs, with_kwargs),
                                                (_GLOBAL.forward_always_called, always_call)))


def register_module_full_backward_pre_hook(hook: Callable[..., Any]) -> RemovableHandle:
    """Call ``hook(module, grad_output)`` in every module's backward (before its own)."""
    return RemovableHandle(_GLOBAL.backward_pre, hook)


def _global_backward_hook(hook: Callable[..., Any], full: bool) -> RemovableHandle:
    if _GLOBAL.is_full_backward is (not full):
        raise RuntimeError("Cannot use both regular backward hooks and full backward hooks as "
                           "a global Module hook. Please use only one of them.")
    _GLOBAL.is_full_backward = full
    return RemovableHandle(_GLOBAL.backward, hook)


def register_module_full_backward_hook(hook: Callable[..., Any]) -> RemovableHandle:
    """Call ``hook(module, grad_input, grad_output)`` in every module's backward."""
    return _global_backward_hook(hook, full=True)


def register_module_backward_hook(hook: Callable[..., Any]) -> RemovableHandle:
    """Deprecated, as `Module.register_backward_hook`, for every module."""
    return _global_backward_hook(hook, full=False)


# ---- global registration hooks (register_module_{parameter,buffer,module}_registration_hook):
# ``hook(module, name, value)`` when a module registers a value; one it returns replaces it.
_REGISTRATION: dict[str, OrderedDict[int, Callable[..., Any]]] = {
    "parameter": OrderedDict(), "buffer": OrderedDict(), "module": OrderedDict()}


def registered(kind: str, module: Any, name: str, value: Any) -> Any:
    """What ``module`` registers under ``name``: ``value``, or what the registration hooks
    of ``kind`` (parameter, buffer, module) return instead, each seeing the last one."""
    for hook in list(_REGISTRATION[kind].values()):
        output = hook(module, name, value)
        if output is not None:
            value = output
    return value


def register_module_parameter_registration_hook(hook: Callable[..., Any]) -> RemovableHandle:
    """Call ``hook(module, name, param)`` whenever any module registers a parameter."""
    return RemovableHandle(_REGISTRATION["parameter"], hook)


def register_module_buffer_registration_hook(hook: Callable[..., Any]) -> RemovableHandle:
    """Call ``hook(module, name, buffer)`` whenever any module registers a buffer."""
    return RemovableHandle(_REGISTRATION["buffer"], hook)


def register_module_module_registration_hook(hook: Callable[..., Any]) -> RemovableHandle:
    """Call ``hook(module, name, submodule)`` whenever any module registers a submodule."""
    return RemovableHandle(_REGISTRATION["module"], hook)


class ModuleHooks:
    """The hook half of `Module` (the tables themselves are made in ``Module.__init__``)."""

    _forward_pre_hooks: OrderedDict[int, Callable[..., Any]]
    _forward_hooks: OrderedDict[int, Callable[..., Any]]
    _backward_pre_hooks: OrderedDict[int, Callable[..., Any]]
    _backward_hooks: OrderedDict[int, Callable[..., Any]]
    _is_full_backward_hook: bool | None

    def _wrapped_call_impl(self, *args: Any, **kwargs: Any) -> Any:
        """``model(x)`` (``__call__``, named as PyTorch names it): ``forward``, with the
        registered hooks (the module's own, after the global ones of
        ``register_module_*_hook``) run around it. If anything raises, the
        forward hooks registered with ``always_call=True`` that have not run yet still run
        (with the output so far, None if ``forward`` raised), as in PyTorch."""
        if not (self._backward_hooks or self._backward_pre_hooks or self._forward_hooks
                or self._forward_pre_hooks or _GLOBAL.any()):
            return self.forward(*args, **kwargs)
        run = _Call(self, args, kwargs)
        try:
            return run.inner()
        except Exception:
            run.always_called_hooks()
            raise

    __call__ = _call_impl = _wrapped_call_impl

    # ---- forward hooks -------------------------------------------------------------------
    def register_forward_pre_hook(self, hook: Callable[..., Any], *, prepend: bool = False,
                                  with_kwargs: bool = False) -> RemovableHandle:
        """Call ``hook(module, args)`` before ``forward``; a returned value replaces args.

        With ``with_kwargs=True`` it is ``hook(module, args, kwargs)``, which may return a
        new ``(args, kwargs)`` pair. ``prepend=True`` runs it before the hooks already there.
        """
        return _added(self._forward_pre_hooks, hook, prepend,
                      ((self._forward_pre_hooks_with_kwargs, with_kwargs),))

    def register_forward_hook(self, hook: Callable[..., Any], *, prepend: bool = False,
                              with_kwargs: bool = False,
                              always_call: bool = False) -> RemovableHandle:
        """Call ``hook(module, args, output)`` after ``forward``; a returned value replaces
        the output.

        With ``with_kwargs=True`` it is ``hook(module, args, kwargs, output)``;
        ``prepend=True`` runs it before the hooks already there; ``always_call=True`` calls
        it (with output None) even when ``forward`` raises.
        """
        return _added(self._forward_hooks, hook, prepend,
                      ((self._forward_hooks_with_kwargs, with_kwargs),
                       (self._forward_hooks_always_called, always_call)))

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
