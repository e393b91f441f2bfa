"""Containers: `Sequential` (modules applied one after another), `ModuleList` and `ModuleDict`
(modules held in a list or dict, so that their parameters are registered)."""

from __future__ import annotations

import operator
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping
from itertools import chain
from typing import Any

from .module import Module, _addindent


class Sequential(Module):
    """``Sequential(a, b, c)(x) == c(b(a(x)))``; children are named "0", "1", … (or by an
    OrderedDict)."""

    def __init__(self, *args: Any) -> None:
        super().__init__()
        if len(args) == 1 and isinstance(args[0], OrderedDict):
            for name, module in args[0].items():
                self.add_module(name, module)
        else:
            for index, module in enumerate(args):
                self.add_module(str(index), module)

    def forward(self, input: Any) -> Any:  # noqa: A002
        for module in self._modules.values():
            input = module(input)
        return input

    def __len__(self) -> int:
        return len(self._modules)

    def __iter__(self) -> Iterator[Module]:
        return iter(self._modules.values())

    def _key_at(self, index: Any) -> str:
        """The child's name at position ``index`` (PyTorch's errors for a bad index)."""
        index = operator.index(index)
        if not -len(self) <= index < len(self):
            raise IndexError(f"index {index} is out of range")
        return list(self._modules)[index]

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return type(self)(OrderedDict(list(self._modules.items())[index]))
        return self._modules[self._key_at(index)]

    def __setitem__(self, index: int, module: Module) -> None:
        setattr(self, self._key_at(index), module)

    def __delitem__(self, index: int | slice) -> None:
        """Remove a child (or a slice of them); the rest are renumbered "0", "1", …"""
        keys = list(self._modules)[index] if isinstance(index, slice) else [self._key_at(index)]
        for key in keys:
            delattr(self, key)
        _renumber(self)

    def pop(self, key: int | slice) -> Any:
        module = self[key]
        del self[key]
        return module

    def append(self, module: Module) -> Sequential:
        self.add_module(str(len(self)), module)
        return self

    def insert(self, index: int, module: Module) -> Sequential:
        if not isinstance(module, Module):
            raise AssertionError(f"module should be of type: {Module}")
        n = len(self)
        if not -n <= index <= n:
            raise IndexError(f"Index out of range: {index}")
        _shift_in(self, index + n if index < 0 else index, module)
        return self

    def extend(self, sequential: Iterable[Module]) -> Sequential:
        for module in sequential:
            self.append(module)
        return self

    def __add__(self, other: Any) -> Sequential:
        _check_sequential(other)
        return Sequential().extend(self).extend(other)

    def __iadd__(self, other: Any) -> Sequential:
        _check_sequential(other)
        return self.extend(list(other))

    def __mul__(self, other: Any) -> Sequential:
        _check_repeat(self, other)
        return Sequential().extend(list(self) * other)

    __rmul__ = __mul__

    def __imul__(self, other: Any) -> Sequential:
        """Append ``other - 1`` copies of the children "0" … "n-1", looked up by those names
        (as PyTorch: a Sequential built from an OrderedDict raises KeyError('0'))."""
        _check_repeat(self, other)
        n = len(self)
        for copy in range(1, other):
            for i in range(n):
                self.add_module(str(copy * n + i), self._modules[str(i)])
        return self

    def __dir__(self) -> list[str]:
        return [key for key in super().__dir__() if not key.isdigit()]


def _renumber(container: Module) -> None:
    """Name the children "0", "1", … again after a deletion. As PyTorch, ``_modules`` is
    rebuilt as it stands (no registration hooks run, the modules are not checked again)."""
    modules = container._modules
    container._modules = OrderedDict(zip(map(str, range(len(modules))), modules.values()))


def _shift_in(container: Module, index: int, module: Any) -> None:
    """PyTorch's insert: each child from name ``str(index)`` on moves one name up ("2" goes to
    "3", …), then ``module`` is stored under ``str(index)``, straight into ``_modules``.

    For children named "0" … "n-1" and 0 <= index <= n this is ``list.insert``. Otherwise it
    is what PyTorch does: named children (``Sequential(OrderedDict(...))``) raise a KeyError for
    the missing number, a ModuleList index past the end leaves a gap ("100"), and a negative
    one fails on the key "-1" after the last child has already been copied one name up."""
    modules = container._modules
    for i in range(len(modules), index, -1):
        modules[str(i)] = modules[str(i - 1)]
    modules[str(index)] = module


def _check_sequential(other: Any) -> None:
    if not isinstance(other, Sequential):
        raise ValueError("add operator supports only objects of Sequential class, but "
                         f"{type(other)} is given.")


def _check_repeat(sequential: Sequential, times: Any) -> None:
    if not isinstance(times, int):
        raise TypeError(
            f"unsupported operand type(s) for *: {type(sequential)} and {type(times)}")
    if times <= 0:
        raise ValueError(f"Non-positive multiplication factor {times} for {type(sequential)}")


class ModuleList(Module):
    """A list of modules whose parameters belong to the owner: ``self.layers = ModuleList([...])``.

    A plain Python list would hide the layers from ``parameters()``. Children are named "0",
    "1", … and renumbered after ``insert`` or ``del``. It has no ``forward``: loop over it.
    """

    def __init__(self, modules: Iterable[Module] | None = None) -> None:
        super().__init__()
        if modules is not None:
            self.extend(modules)

    def _absolute_index(self, idx: Any) -> str:
        idx = operator.index(idx)
        if not -len(self) <= idx < len(self):
            raise IndexError(f"index {idx} is out of range")
        return str(idx % len(self))

    def __getitem__(self, idx: int | slice) -> Any:
        if isinstance(idx, slice):
            return type(self)(list(self._modules.values())[idx])
        return self._modules[self._absolute_index(idx)]

    def __setitem__(self, idx: int, module: Module) -> None:
        setattr(self, self._absolute_index(idx), module)

    def __delitem__(self, idx: int | slice) -> None:
        if isinstance(idx, slice):
            for k in range(len(self._modules))[idx]:
                delattr(self, str(k))
        else:
            delattr(self, self._absolute_index(idx))
        _renumber(self)

    def __len__(self) -> int:
        return len(self._modules)

    def __iter__(self) -> Iterator[Module]:
        return iter(self._modules.values())

    def __iadd__(self, modules: Iterable[Module]) -> ModuleList:
        return self.extend(modules)

    def __add__(self, other: Iterable[Module]) -> ModuleList:
        return ModuleList(list(chain(self, other)))

    def append(self, module: Module) -> ModuleList:
        self.add_module(str(len(self)), module)
        return self

    def extend(self, modules: Iterable[Module]) -> ModuleList:
        if not isinstance(modules, Iterable):
            raise TypeError(
                "ModuleList.extend should be called with an iterable, but got "
                + type(modules).__name__
            )
        offset = len(self)
        for index, module in enumerate(modules):
            self.add_module(str(offset + index), module)
        return self

    def insert(self, index: int, module: Module) -> None:
        """Insert ``module`` before position ``index`` (PyTorch checks neither; see _shift_in)."""
        _shift_in(self, index, module)

    def pop(self, key: int | slice) -> Any:
        value = self[key]
        del self[key]
        return value

    def __repr__(self) -> str:
        """Runs of identical modules are printed once: ``(1-2): 2 x ReLU()`` (as PyTorch)."""
        reprs = [repr(module) for module in self]
        if not reprs:
            return self._get_name() + "()"
        runs: list[list[Any]] = []  # [first index, last index, repr]
        for index, text in enumerate(reprs):
            if runs and runs[-1][2] == text:
                runs[-1][1] = index
            else:
                runs.append([index, index, text])
        lines = []
        for start, end, text in runs:
            if start == end:
                line = f"({start}): {text}"
            else:
                line = f"({start}-{end}): {end - start + 1} x {text}"
            lines.append(_addindent(line, 2))
        return self._get_name() + "(\n  " + "\n  ".join(lines) + "\n)"


class ModuleDict(Module):
    """A dict of modules whose parameters belong to the owner (keeps insertion order)."""

    def __init__(self, modules: Mapping[str, Module] | Iterable[tuple[str, Module]] | None = None
                 ) -> None:
        super().__init__()
        if modules is not None:
            self.update(modules)

    def __getitem__(self, key: str) -> Module:
        return self._modules[key]

    def __setitem__(self, key: str, module: Module) -> None:
        self.add_module(key, module)

    def __delitem__(self, key: str) -> None:
        del self._modules[key]

    def __len__(self) -> int:
        return len(self._modules)

    def __iter__(self) -> Iterator[str]:
        return iter(self._modules)

    def __contains__(self, key: object) -> bool:
        return key in self._modules

    def clear(self) -> None:
        for key in list(self._modules):
            del self[key]

    def pop(self, key: str) -> Module:
        value = self[key]
        del self[key]
        return value

    def keys(self) -> Iterable[str]:
        return self._modules.keys()

    def items(self) -> Iterable[tuple[str, Module]]:
        return self._modules.items()

    def values(self) -> Iterable[Module]:
        return self._modules.values()

    def update(self, modules: Mapping[str, Module] | Iterable[tuple[str, Module]]) -> None:
        """Add (or replace) modules from a mapping or from (key, module) pairs."""
        if not isinstance(modules, Iterable):
            raise TypeError(
                "ModuleDict.update should be called with an iterable of key/value pairs, "
                "but got " + type(modules).__name__
            )
        if isinstance(modules, (OrderedDict, ModuleDict, Mapping)):
            for key, module in modules.items():
                self[key] = module
            return
        for index, pair in enumerate(modules):
            if not isinstance(pair, Iterable):
                raise TypeError(
                    f"ModuleDict update sequence element #{index} should be Iterable; is"
                    + type(pair).__name__
                )
            if not len(pair) == 2:  # type: ignore[arg-type]
                raise ValueError(
                    f"ModuleDict update sequence element #{index} has length {len(pair)}"  # type: ignore[arg-type]
                    "; 2 is required"
                )
            self[pair[0]] = pair[1]  # type: ignore[index]
