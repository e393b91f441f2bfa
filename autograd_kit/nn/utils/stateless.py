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
    saved = [_swap(module, name, value) for name, value in values.items()]
    try:
        return module(*args, **(kwargs or {}))
    finally:
        for owner, leaf, table, old in reversed(saved):
            _put(owner, leaf, table, old)


def _members(module: Module) -> list[tuple[str, Tensor]]:
    return [*module.named_parameters(remove_duplicate=False),
            *module.named_buffers(remove_duplicate=False)]


def _with_tied_names(module: Module, values: dict[str, Any]) -> dict[str, Any]:
    """``values`` plus, for each tensor the module keeps under several names, the other
    names (given the same stand-in). Two values for one tied tensor are refused."""
    out = dict(values)
    for names in _tied_names(module):
        given = [n for n in names if n in values]
        if len(given) > 1:
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


def _swap(module: Module, name: str, value: Any) -> tuple[Any, str, str | None, Any]:
    """Put ``value`` where ``name`` ("layer.weight") lives; return what to restore."""
    *path, leaf = name.split(".")
    owner: Any = module
    for part in path:
        owner = getattr(owner, part)
    table = next((t for t in ("_parameters", "_buffers") if leaf in owner.__dict__[t]), None)
    old = owner.__dict__[table][leaf] if table else owner.__dict__.get(leaf, _MISSING)
    _put(owner, leaf, table, value)
    return owner, leaf, table, old


def _put(owner: Any, leaf: str, table: str | None, value: Any) -> None:
    """Write the registry, or else the instance dict (removing the name for _MISSING)."""
    if table is not None:
        owner.__dict__[table][leaf] = value
    elif value is _MISSING:
        owner.__dict__.pop(leaf, None)
    else:
        owner.__dict__[leaf] = value
