"""Saving and loading a module's state: ``state_dict()``, ``load_state_dict()`` and their hooks,
as PyTorch's ``nn.Module`` has them.

``state_dict()`` walks the module tree: each module writes its parameters, persistent buffers
and extra state (``get_extra_state()``, under ``_extra_state``) by dotted name, and records
``{'version': module._version}`` in the result's ``_metadata``. ``load_state_dict()`` walks it
again: each module's ``_load_from_state_dict`` takes its own keys (a layer may override it, as
BatchNorm does to read older layouts), collecting missing and unexpected keys and errors.

Hooks: ``register_state_dict_pre_hook(hook(module, prefix, keep_vars))``,
``register_state_dict_post_hook(hook(module, state_dict, prefix, local_metadata))``,
``register_load_state_dict_pre_hook(hook(module, state_dict, prefix, local_metadata, strict,
missing_keys, unexpected_keys, error_msgs))``, ``register_load_state_dict_post_hook(
hook(module, incompatible_keys))``.
"""

from __future__ import annotations

import functools
import warnings
from collections import OrderedDict, namedtuple
from collections.abc import Callable, Mapping
from typing import Any

from .. import grad_mode
from ..hooks import RemovableHandle
from ..tensor import Tensor
from .parameter import Parameter

POSITIONAL_STATE_DICT = (
    "Positional args are being deprecated, use kwargs instead. Refer to "
    "https://pytorch.org/docs/main/generated/torch.nn.Module.html#torch.nn.Module.state_dict"
    " for details.")

EXTRA_STATE_KEY = "_extra_state"
_HOOK_TABLES = {"save_pre": "_state_dict_pre_hooks", "save_post": "_state_dict_hooks",
                "load_pre": "_load_state_dict_pre_hooks",
                "load_post": "_load_state_dict_post_hooks"}


class _IncompatibleKeys(namedtuple("IncompatibleKeys", ["missing_keys", "unexpected_keys"])):
    """What ``load_state_dict`` returns: the keys it missed and the keys it did not know."""

    __slots__ = ()

    def __repr__(self) -> str:
        if not self.missing_keys and not self.unexpected_keys:
            return "<All keys matched successfully>"
        return (f"_IncompatibleKeys(missing_keys={self.missing_keys!r}, "
                f"unexpected_keys={self.unexpected_keys!r})")

    __str__ = __repr__


IncompatibleKeys = _IncompatibleKeys


def lazy(t: Tensor) -> bool:
    """Whether ``t`` is a lazy module's tensor that has no shape yet (``nn.lazy``)."""
    return hasattr(t, "materialize")


def _torch_size(t: Tensor) -> str:
    return f"autograd_kit.Size({list(t.shape)})"


class ModuleState:
    """The saving-and-loading half of `Module`."""

    _version: int = 1
    _parameters: dict[str, Any]
    _buffers: dict[str, Any]
    _non_persistent_buffers_set: set[str]
    _modules: dict[str, Any]

    # ---- hooks -------------------------------------------------------------------------
    def _state_hooks(self, kind: str) -> OrderedDict[int, Callable[..., Any]]:
        """The hook table of one kind, under PyTorch's attribute name."""
        return self.__dict__.setdefault(_HOOK_TABLES[kind], OrderedDict())

    def register_state_dict_pre_hook(self, hook: Callable[..., Any]) -> RemovableHandle:
        """``hook(module, prefix, keep_vars)`` before this module's part is saved."""
        return RemovableHandle(self._state_hooks("save_pre"), hook)

    def _register_state_dict_hook(self, hook: Callable[..., Any]) -> RemovableHandle:
        """``hook(module, state_dict, prefix, local_metadata)`` after; may return a new dict."""
        return RemovableHandle(self._state_hooks("save_post"), hook)

    def register_state_dict_post_hook(self, hook: Callable[..., Any]) -> RemovableHandle:
        """``hook(module, state_dict, prefix, local_metadata)`` after; must return None."""
        hook._from_public_api = True  # type: ignore[attr-defined]
        return RemovableHandle(self._state_hooks("save_post"), hook)

    def _register_load_state_dict_pre_hook(self, hook: Callable[..., Any],
                                           with_module: bool = False) -> RemovableHandle:
        """``hook([module,] state_dict, prefix, local_metadata, strict, missing_keys,
        unexpected_keys, error_msgs)`` before this module's part is loaded."""
        run = functools.partial(hook, self) if with_module else hook
        return RemovableHandle(self._state_hooks("load_pre"), run)

    def register_load_state_dict_pre_hook(self, hook: Callable[..., Any]) -> RemovableHandle:
        return self._register_load_state_dict_pre_hook(hook, with_module=True)

    def register_load_state_dict_post_hook(self, hook: Callable[..., Any]) -> RemovableHandle:
        """``hook(module, incompatible_keys)`` after this module and its children loaded."""
        return RemovableHandle(self._state_hooks("load_post"), hook)

    # ---- extra state -------------------------------------------------------------------
    def get_extra_state(self) -> Any:
        raise RuntimeError("Reached a code path in Module.get_extra_state() that should never "
                           "be called. Please file an issue at https://github.com/pytorch/"
                           "pytorch/issues/new?template=bug-report.yml to report this bug.")

    def set_extra_state(self, state: Any) -> None:
        raise RuntimeError("Reached a code path in Module.set_extra_state() that should never "
                           "be called. Please file an issue at https://github.com/pytorch/"
                           "pytorch/issues/new?template=bug-report.yml to report this bug.")

    def _has_extra_state(self, method: str) -> bool:
        return getattr(type(self), method) is not getattr(ModuleState, method)

    # ---- saving ------------------------------------------------------------------------
    def _save_to_state_dict(self, destination: dict[str, Any], prefix: str,
                            keep_vars: bool) -> None:
        """This module's own parameters, persistent buffers and extra state."""
        for name, value in self._parameters.items():
            if value is not None:
                destination[prefix + name] = value if keep_vars or lazy(value) else \
                    value.detach()
        for name, value in self._buffers.items():
            if value is not None and name not in self._non_persistent_buffers_set:
                destination[prefix + name] = value if keep_vars or lazy(value) else \
                    value.detach()
        if self._has_extra_state("get_extra_state"):
            destination[prefix + EXTRA_STATE_KEY] = self.get_extra_state()

    def state_dict(self, *args: Any, destination: dict[str, Any] | None = None,
                   prefix: str = "", keep_vars: bool = False) -> Any:
        """Every parameter and persistent buffer by dotted name (detached, sharing memory).

        A sub-module registered under two names appears under both, as in PyTorch. Its
        ``_metadata`` attribute holds each module's ``{'version': …}`` by dotted path ('' for
        the module itself), as PyTorch's does.
        """
        if args:  # the old positional form: state_dict(destination, prefix, keep_vars)
            warnings.warn(POSITIONAL_STATE_DICT, FutureWarning, stacklevel=2)
            if destination is None:
                destination = args[0]
            if len(args) > 1 and prefix == "":
                prefix = args[1]
            if len(args) > 2 and keep_vars is False:
                keep_vars = args[2]
        if destination is None:
            destination = OrderedDict()
            destination._metadata = OrderedDict()  # type: ignore[attr-defined]
        local_metadata = {"version": self._version}
        if hasattr(destination, "_metadata"):
            destination._metadata[prefix[:-1]] = local_metadata
        for hook in self._state_hooks("save_pre").values():
            hook(self, prefix, keep_vars)
        self._save_to_state_dict(destination, prefix, keep_vars)
        for name, module in self._modules.items():
            if module is not None:
                module.state_dict(destination=destination, prefix=prefix + name + ".",
                                  keep_vars=keep_vars)
        for hook in self._state_hooks("save_post").values():
            result = hook(self, destination, prefix, local_metadata)
            if getattr(hook, "_from_public_api", False):
                if result is not None:
                    raise RuntimeError("state_dict post-hook must return None")
            elif result is not None:
                destination = result
        return destination

    # ---- loading -----------------------------------------------------------------------
    def _load_from_state_dict(self, state_dict: dict[str, Any], prefix: str,
                              local_metadata: dict[str, Any], strict: bool,
                              missing_keys: list[str], unexpected_keys: list[str],
                              error_msgs: list[str]) -> None:
        """Copy this module's own entries of ``state_dict`` (the keys under ``prefix``)."""
        for hook in self._state_hooks("load_pre").values():
            hook(state_dict, prefix, local_metadata, strict, missing_keys, unexpected_keys,
                 error_msgs)
        local_state = {k: v for k, v in self._parameters.items() if v is not None}
        local_state.update({k: v for k, v in self._buffers.items()
                            if v is not None and k not in self._non_persistent_buffers_set})
        assign = local_metadata.get("assign_to_params_buffers", False)
        for name, param in local_state.items():
            key = prefix + name
            if key not in state_dict:
                if strict:
                    missing_keys.append(key)
                continue
            source = state_dict[key]
            if not isinstance(source, Tensor):
                error_msgs.append(f'While copying the parameter named "{key}", expected '
                                  "torch.Tensor or Tensor-like object from checkpoint but "
                                  f"received {type(source)}")
                continue
            if lazy(param) and not lazy(source):  # a lazy module takes the saved shape
                with grad_mode.no_grad():
                    param.materialize(source.shape)
            if param.dim() == 0 and source.shape == (1,):  # (a 0.3-era 1-element tensor)
                source = source[0]
            if source.shape != param.shape:
                error_msgs.append(f"size mismatch for {key}: copying a param with shape "
                                  f"{_torch_size(source)} from checkpoint, the shape in "
                                  f"current model is {_torch_size(param)}.")
                continue
            try:  # (an error here, as PyTorch's, is reported with the others)
                with grad_mode.no_grad():
                    if not assign:
                        param.copy_(source)
                    elif isinstance(param, Parameter):
                        kept = source if isinstance(source, Parameter) else \
                            Parameter(source, requires_grad=param.requires_grad)
                        setattr(self, name, kept.requires_grad_(param.requires_grad))
                    else:
                        setattr(self, name, source)
            except Exception as error:  # noqa: BLE001
                error_msgs.append(
                    f'While copying the parameter named "{key}", whose dimensions in the model '
                    f"are {_torch_size(param)} and whose dimensions in the checkpoint are "
                    f"{_torch_size(source)}, an exception occurred : {error.args}.")
        extra_key = prefix + EXTRA_STATE_KEY
        if self._has_extra_state("set_extra_state"):
            if extra_key in state_dict:
                self.set_extra_state(state_dict[extra_key])
            elif strict:
                missing_keys.append(extra_key)
        elif strict and extra_key in state_dict:
            unexpected_keys.append(extra_key)
        if strict:
            for key in state_dict:
                if key.startswith(prefix) and key != extra_key:
                    first, *rest = key[len(prefix):].split(".", 1)
                    known = self._modules if rest else local_state
                    if first not in known:
                        unexpected_keys.append(key)

    def load_state_dict(self, state_dict: Mapping[str, Any], strict: bool = True,
                        assign: bool = False) -> IncompatibleKeys:
        """Copy values from ``state_dict`` into this module's parameters and buffers (or,
        with ``assign``, use the given tensors themselves)."""
        if not isinstance(state_dict, Mapping):
            raise TypeError(f"Expected state_dict to be dict-like, got {type(state_dict)}.")
        missing: list[str] = []
        unexpected: list[str] = []
        errors: list[str] = []
        metadata = getattr(state_dict, "_metadata", None)
        state_dict = OrderedDict(state_dict)
        if metadata is not None:
            state_dict._metadata = metadata  # type: ignore[attr-defined]
        incompatible = IncompatibleKeys(missing, unexpected)

        def load(module: Any, local: dict[str, Any], prefix: str) -> None:
            local_metadata = {} if metadata is None else dict(metadata.get(prefix[:-1], {}))
            if assign:
                local_metadata["assign_to_params_buffers"] = assign
            module._load_from_state_dict(local, prefix, local_metadata, True, missing,
                                         unexpected, errors)
            for name, child in module._modules.items():
                if child is not None:
                    child_prefix = prefix + name + "."
                    load(child, {k: v for k, v in local.items() if k.startswith(child_prefix)},
                         child_prefix)
            for hook in module._state_hooks("load_post").values():
                if hook(module, incompatible) is not None:  # (PyTorch's assert)
                    raise AssertionError("Hooks registered with "
                                         "``register_load_state_dict_post_hook`` are not "
                                         "expected to return new values, if incompatible_keys "
                                         "need to be modified, it should be done inplace.")

        load(self, state_dict, "")
        if strict:
            if unexpected:
                keys = ", ".join(f'"{k}"' for k in unexpected)
                errors.insert(0, f"Unexpected key(s) in state_dict: {keys}. ")
            if missing:
                keys = ", ".join(f'"{k}"' for k in missing)
                errors.insert(0, f"Missing key(s) in state_dict: {keys}. ")
        if errors:
            raise RuntimeError(f"Error(s) in loading state_dict for {type(self).__name__}:"
                               "\n\t" + "\n\t".join(errors))
        return incompatible
