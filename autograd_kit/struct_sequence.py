"""PyTorch's ``torch.return_types.<name>`` classes (``max``, ``sort``, ``linalg_qr`` …).

In PyTorch these are C "struct sequences" (like ``os.stat_result``), not
``collections.namedtuple``: a plain ``tuple`` whose items can also be read by field name,
with ``n_fields`` but no ``_fields``, ``_asdict`` or ``_replace``. A user builds one from a
single sequence, and it prints one field a line::

    >>> r = max_type((values, indices))          # return_types.max((values, indices))
    >>> r.values is r[0], r.n_fields
    (True, 2)
    >>> print(r)
    autograd_kit.return_types.max(
    values=tensor([2., 4.]),
    indices=tensor([1, 1]))

The kit's own operations build them with one value per field (``max_type(values, indices)``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

MODULE = "autograd_kit.return_types"
_MISSING = object()


class _Field:
    """Item ``index`` read by name, read-only as PyTorch's ('readonly attribute')."""

    def __init__(self, index: int) -> None:
        self.index = index

    def __get__(self, owner: tuple | None, kind: type | None = None) -> Any:
        return self if owner is None else owner[self.index]

    def __set__(self, owner: tuple, value: object) -> None:
        raise AttributeError("readonly attribute")


def struct_sequence(name: str, fields: Sequence[str]) -> type[tuple]:
    """A new ``return_types.<name>`` class: a tuple subclass with ``fields`` (its only base is
    ``tuple``, as PyTorch's)."""
    fields = tuple(fields)
    title = f"{MODULE}.{name}"

    def __new__(cls: type, *args: Any, **keywords: Any) -> tuple:
        if (len(args) == len(fields) > 1 and not keywords
                and not isinstance(args[0], (tuple, list)) and not isinstance(args[-1], dict)):
            return tuple.__new__(cls, args)  # (the kit's operations: one value per field)
        if len(args) + len(keywords) > 2:
            raise TypeError(f"structseq() takes at most 2 arguments "
                            f"({len(args) + len(keywords)} given)")
        sequence = args[0] if args else keywords.pop("sequence", _MISSING)
        if sequence is _MISSING:
            raise TypeError("structseq() missing required argument 'sequence' (pos 1)")
        extra = args[1] if len(args) > 1 else keywords.pop("dict", _MISSING)
        if keywords:
            raise TypeError(f"'{next(iter(keywords))}' is an invalid keyword argument for "
                            "structseq()")
        if extra is not _MISSING and not isinstance(extra, dict):  # (None too, as PyTorch)
            raise TypeError(f"{title}() takes a dict as second arg, if any")
        try:
            items = tuple(sequence)
        except TypeError:
            raise TypeError("constructor requires a sequence") from None
        if len(items) != len(fields):
            raise TypeError(f"{title}() takes a {len(fields)}-sequence "
                            f"({len(items)}-sequence given)")
        return tuple.__new__(cls, items)

    def __repr__(self: tuple) -> str:
        shown = ",\n".join(f"{field}={value!r}" for field, value in zip(fields, self))
        return f"{title}(\n{shown})"

    def __reduce__(self: tuple) -> tuple:
        return type(self), (tuple(self), {})

    def __setattr__(self: tuple, attribute: str, value: object) -> None:
        if attribute in fields:
            raise AttributeError("readonly attribute")
        raise AttributeError(f"'{title}' object has no attribute '{attribute}'")

    namespace: dict[str, Any] = {
        "__slots__": (), "__module__": MODULE, "__qualname__": name, "__doc__": None,
        "__match_args__": fields, "n_fields": len(fields), "n_sequence_fields": len(fields),
        "n_unnamed_fields": 0, "__new__": __new__, "__repr__": __repr__,
        "__reduce__": __reduce__, "__setattr__": __setattr__,
        **{field: _Field(index) for index, field in enumerate(fields)},
    }
    return type(name, (tuple,), namespace)
