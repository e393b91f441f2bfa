"""What an instance of a custom Function answers (``f = MyFn()``, which PyTorch warns against:
its methods are static). PyTorch's instance is a node that was never put in a graph: it has
the node's attributes, empty::

    f.name()            'MyFn'           f.next_functions    ()
    f.metadata          {}               f.needs_input_grad  None
    f.saved_tensors     ()               f.requires_grad     True
    f.register_hook(h) / f.register_prehook(h): a handle (the hook is never called)

They are read on instances only: on the class, ``MyFn.name`` stays missing, because the kit
reads a rule's ``name`` (else its ``__name__``) to tell what it is (inplace_checks.py).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

from .function import Function
from .hooks import RemovableHandle


class _OnInstances:
    """An attribute read on an instance only (``getattr(MyFn, name)`` is AttributeError)."""

    def __init__(self, read: Callable[[Any], Any]) -> None:
        self._read, self._name = read, read.__name__

    def __get__(self, instance: Any, owner: type) -> Any:
        if instance is None:
            raise AttributeError(self._name)
        return self._read(instance)


def _method(function: Callable[..., Any]) -> _OnInstances:
    """A method, bound on instances only."""
    def read(instance: Any) -> Any:
        return function.__get__(instance)

    read.__name__ = function.__name__
    return _OnInstances(read)


def name(self: Function) -> str:
    """The Function's class name (a graph's node would say ``MyFnBackward``)."""
    return type(self).__name__


def register_hook(self: Function, hook: Callable[..., Any]) -> RemovableHandle:
    """Kept, never called: this node is in no graph."""
    return RemovableHandle(self.__dict__.setdefault("_instance_hooks", []), hook)


def register_prehook(self: Function, hook: Callable[..., Any]) -> RemovableHandle:
    """Kept, never called: this node is in no graph."""
    return RemovableHandle(self.__dict__.setdefault("_instance_prehooks", []), hook)


def metadata(self: Function) -> dict[str, Any]:
    """A dict of one's own, kept with the instance."""
    return self.__dict__.setdefault("_instance_metadata", {})


def saved_variables(self: Function) -> tuple[()]:
    """The old name of saved_tensors (PyTorch warns)."""
    warnings.warn("'saved_variables' is deprecated; use 'saved_tensors'", DeprecationWarning,
                  stacklevel=3)
    return ()


_EMPTY: dict[str, Any] = {"next_functions": (), "needs_input_grad": None,
                          "saved_tensors": (), "_raw_saved_tensors": (), "requires_grad": True,
                          "dirty_tensors": None, "to_save": None, "non_differentiable": None}


def _constant(attribute: str, value: Any) -> _OnInstances:
    def read(instance: Any) -> Any:
        return value

    read.__name__ = attribute
    return _OnInstances(read)


for _function in (name, register_hook, register_prehook):
    setattr(Function, _function.__name__, _method(_function))
for _read in (metadata, saved_variables):
    setattr(Function, _read.__name__, _OnInstances(_read))
for _attribute, _value in _EMPTY.items():
    setattr(Function, _attribute, _constant(_attribute, _value))
