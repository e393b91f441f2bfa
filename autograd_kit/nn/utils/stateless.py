"""``nn.utils.stateless.functional_call``: call a module with some of its parameters and
buffers replaced by other tensors, then put the originals back (the older home of
``func.functional_call``, kept by PyTorch with a FutureWarning).

A registered parameter or buffer lives only in its module's ``_parameters`` / ``_buffers``
table, so the stand-in is written there (no Parameter type check: it is usually a plain
tensor, or one with a graph) and the original is written back afterwards.
"""

from __future__ import annotations

import warnings
from typing import Any

from ...tensor import Tensor
from ..module import Module

__all__ = ["functional_call"]

_MISSING = object()


def functional_call(module: Module, parameters_and_buffers: Any, args: Any = None,
                    kwargs: dict[str, Any] | None = None, *, tie_weights: bool = True,
                    strict: bool = False) -> Any:
    """`_functional_call`, with PyTorch's deprecation warning."""
    warnings.warn("`autograd_kit.nn.utils.stateless.functional_call` is deprecated as of "
                  "PyTorch 2.0 and will be removed in a future version of PyTorch. Please use "
                  "`autograd_kit.func.functional_call` instead which is a drop-in replacement.",
                  FutureWarning, stacklevel=2)
    return _functional_call(module, parameters_and_buffers, args, kwargs,
                            tie_weights=tie_weights, strict=strict)


def _functional_call(module: Module, parameters_and_buffers: Any, args: Any = None,
                     kwargs: dict[str, Any] | None = None, *, tie_weights: bool = True,
                     strict: bool = False) -> Any:
    """``module(*args, **kwargs)`` with the named tensors of ``parameters_and_buffers`` (a
    mapping: anything else fails as PyTorch's, reading its ``keys``) in place of the
    module's own; a tensor shared under several names (tied weights) is replaced under all
    of them when ``tie_weights``."""
    values: dict[str, Any] = {name: parameters_and_buffers[name]
                              for name in parameters_and_buffers.keys()}
    if tie_weights:
        values = _with_tied_names(module, values)
    if strict:  # (with tie_weights, a tied tensor given under one name counts for all)
        _check_strict(module, values)
    if args is None:
        args = ()
    elif not isinstance(args, tuple):
        args = (args,)
    saved: dict[str, Any] = {}
    try:
        for name, value in values.items():
            saved[name] = _swap(module, name, value)
        return module(*args, **(kwargs or {}))
    finally:
        now = {name: _swap(module, name, old) for name, old in saved.items()}
        if isinstance(parameters_and_buffers, dict):  # what the call assigned, as PyTorch's
            parameters_and_buffers.update({k: now[k] for k in parameters_and_buffers
                                           if k in now})


def _members(module: Module) -> list[tuple[str, Tensor]]:
    return [*module.named_parameters(remove_duplicate=False),
            *module.named_buffers(remove_duplicate=False)]


def _with_tied_names(module: Module, values: dict[str, Any]) -> dict[str, Any]:
    """``values`` plus, for each tensor the module keeps under several names, the other
    names (given the same stand-in). Two different values for one tied tensor are refused."""
    out = dict(values)
    for names in _tied_names(module):
        given = [n for n in names if n in values]
        if len({id(values[n]) for n in given}) > 1:
            raise ValueError(f"functional_call got multiple values for keys {sorted(given)}, "
                             "which are tied. Consider using tie_weights=False")
        for name in names:
            if given and name not in out:
                out[name] = values[given[0]]
    return out


def _tied_names(module: Module) -> list[list[str]]:
    """The names under which the module keeps each of its tensors (several when tied)."""
    names_of: dict[int, list[str]] = {}
    for name, tensor in _members(module):
        names_of.setdefault(id(tensor), []).append(name)
    return list(names_of.values())


def _check_strict(module: Module, values: dict[str, Any]) -> None:
    """PyTorch's strict check: every name the module has (tied names too) given, none other;
    both lists sorted."""
    valid = {name for name, _ in _members(module)}
    missing, unexpected = sorted(valid - set(values)), sorted(set(values) - valid)
    if missing or unexpected:
        lines = [f"Error(s) in reparametrizing for {type(module).__name__}:"]
        if unexpected:
            lines.append("\tUnexpected key(s): " + ", ".join(f"'{n}'" for n in unexpected) + ".")
        if missing:
            lines.append("\tMissing key(s): " + ", ".join(f"'{n}'" for n in missing) + ".")
        raise RuntimeError("\n".join(lines))


def _submodule(module: Module, path: str) -> Module:
    """The module at ``path`` ("" for ``module``), with PyTorch's errors for a missing name
    or one that is no module."""
    owner = module
    for i, part in enumerate(path.split(".") if path else []):
        try:
            owner = getattr(owner, part)
        except AttributeError:
            raise AttributeError(f"{type(owner).__name__} has no attribute `{part}`") from None
        if not isinstance(owner, Module):
            name = ".".join(path.split(".")[:i + 1])
            raise TypeError(f"submodule `{name}`: {owner} is not an instance of "
                            "torch.nn.Module")
    return owner


def _swap(module: Module, name: str, value: Any) -> Any:
    """Put ``value`` (a tensor, None, or _MISSING to remove the name) where ``name``
    ("layer.weight") lives: the module's parameter or buffer table, or else a plain attribute
    (then the name must hold a tensor or None, or be absent). Returns what was there."""
    path, _, leaf = name.rpartition(".")
    owner = _submodule(module, path)
    if value is not _MISSING and value is not None and not isinstance(value, Tensor):
        raise TypeError(f"{value} is not an instance of torch.Tensor")
    for table in (owner._parameters, owner._buffers):
        if leaf in table:
            old = table[leaf]
            if value is _MISSING:
                del table[leaf]
            else:
                table[leaf] = value
            return old
    old = getattr(owner, leaf, _MISSING)
    if old is not _MISSING and old is not None and not isinstance(old, Tensor):
        raise TypeError(f"attribute `{leaf}`: {old} is not an instance of torch.Tensor")
    if value is not _MISSING:
        setattr(owner, leaf, value)
    elif hasattr(owner, leaf):
        delattr(owner, leaf)
    return old
