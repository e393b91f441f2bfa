"""The (values, indices) pairs that max, min, sort and topk return, printed as PyTorch does."""

from __future__ import annotations

from collections import namedtuple


class ValuesIndices(namedtuple("ValuesIndices", ["values", "indices"])):
    """What ``max(x, dim)`` returns: (values, indices), printed as PyTorch prints it."""

    def __repr__(self) -> str:
        name = type(self).__name__
        return (f"autograd_kit.return_types.{name}(\nvalues={self.values!r},"
                f"\nindices={self.indices!r})")


class max_result(ValuesIndices):  # noqa: N801 - PyTorch's type is called `max`
    __slots__ = ()


class min_result(ValuesIndices):  # noqa: N801
    __slots__ = ()


max_result.__name__, min_result.__name__ = "max", "min"
