"""``vars(t)``, ``t.__dict__``: the attributes a learner set on a tensor, ``{}`` for a new
one, as in PyTorch (whose tensors keep their insides in C++).

The kit keeps a tensor's own insides (``_data``, ``_version_counter``, a result's
``_grad_fn``, …) in the instance's dict, where attribute lookup is fastest. ``t.__dict__``
shows only the learner's part (`tensor_copying.learner_attributes`' names) as a dict whose
changes go through to the real one: ``t.__dict__['x'] = 1`` sets ``t.x``.
"""

from __future__ import annotations

from typing import Any


class LearnerAttributes(dict):
    """A tensor's learner-set attributes; writing here writes the tensor's own dict."""

    def __init__(self, real: dict[str, Any], kind: type) -> None:
        super().__init__((k, v) for k, v in real.items() if _learners(k, kind))
        self._real = real

    def __setitem__(self, name: str, value: Any) -> None:
        super().__setitem__(name, value)
        self._real[name] = value

    def __delitem__(self, name: str) -> None:
        super().__delitem__(name)
        del self._real[name]

    def update(self, *others: Any, **named: Any) -> None:
        for name, value in dict(*others, **named).items():
            self[name] = value

    def setdefault(self, name: str, default: Any = None) -> Any:
        if name not in self:
            self[name] = default
        return self[name]

    def pop(self, name: str, *default: Any) -> Any:
        if name in self:
            self._real.pop(name, None)
        return super().pop(name, *default)

    def popitem(self) -> tuple[str, Any]:
        name, value = super().popitem()
        self._real.pop(name, None)
        return name, value

    def clear(self) -> None:
        for name in self:
            self._real.pop(name, None)
        super().clear()

    def __reduce_ex__(self, protocol: Any) -> Any:  # (pickled and saved as the plain dict
        return dict, (dict(self),)  # it reads as: its class is named builtins.dict)


def replace_learner_attributes(real: dict[Any, Any], kind: type, attributes: Any) -> None:
    """``t.__dict__ = attributes`` (``{}`` for ``del t.__dict__``): the learner's attributes
    become these, the kit's own insides stay (as does any of their names in ``attributes``)."""
    if not isinstance(attributes, dict):
        kind_given = type(attributes).__name__
        raise TypeError(f"__dict__ must be set to a dictionary, not a '{kind_given}'")
    for name in [name for name in real if _learners(name, kind)]:
        del real[name]
    real.update((name, value) for name, value in attributes.items() if _learners(name, kind))


def _learners(name: Any, kind: type) -> bool:
    """Whether ``name`` in a tensor's dict is the learner's (a key that is no string too)."""
    from .tensor_copying import _is_learners  # (it imports Tensor)

    return _is_learners(name, kind)


def real_dict_of(cls: type) -> Any:
    """The descriptor of the instances' own dict, from the first base of ``cls`` that has
    one (``cls`` itself defines ``__dict__`` as the learner's view)."""
    for base in cls.__mro__[1:]:
        found = vars(base).get("__dict__")
        if found is not None and not isinstance(found, property):
            return found
    raise TypeError(f"{cls.__name__} has no instance dict")


# printed as PyTorch's: type(t.__dict__) reads <class 'dict'>
LearnerAttributes.__name__ = LearnerAttributes.__qualname__ = "dict"
LearnerAttributes.__module__ = "builtins"
