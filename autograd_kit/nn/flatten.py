"""`Flatten`: merge dimensions start_dim … end_dim into one (images → vectors);
`Unflatten`: split one dimension into several."""

from __future__ import annotations

from typing import Any

from ..tensor import Tensor
from .module import Module


class Flatten(Module):
    """``input.flatten(start_dim, end_dim)``; the default keeps dim 0 (the batch)::

        Flatten()(x) for x of shape (N, C, H, W)  →  shape (N, C·H·W)
    """

    def __init__(self, start_dim: int = 1, end_dim: int = -1) -> None:
        super().__init__()
        self.start_dim = start_dim
        self.end_dim = end_dim

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002
        return input.flatten(self.start_dim, self.end_dim)

    def extra_repr(self) -> str:
        return f"start_dim={self.start_dim}, end_dim={self.end_dim}"


class Unflatten(Module):
    """Split dimension ``dim`` into ``unflattened_size``: ``Unflatten(1, (C, H, W))``
    undoes ``Flatten()``; one size may be -1 (inferred), as in ``Tensor.unflatten``."""

    def __init__(self, dim: int, unflattened_size: tuple[int, ...] | list[int]) -> None:
        super().__init__()
        _require_tuple_int(unflattened_size)
        self.dim = dim
        self.unflattened_size = unflattened_size

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002
        if not isinstance(self.dim, int):  # (PyTorch checks it only here)
            raise TypeError("unflatten(): argument 'dim' (position 1) must be int, not "
                            f"{type(self.dim).__name__}")
        return input.unflatten(self.dim, self.unflattened_size)

    def extra_repr(self) -> str:
        return f"dim={self.dim}, unflattened_size={self.unflattened_size}"


def _require_tuple_int(sizes: Any) -> None:
    """PyTorch's check of ``unflattened_size``: a tuple or list of ints."""
    if not isinstance(sizes, (tuple, list)):
        raise TypeError(f"unflattened_size must be a tuple of ints, but found type "
                        f"{type(sizes).__name__}")
    for position, size in enumerate(sizes):
        if not isinstance(size, int):
            raise TypeError(f"unflattened_size must be tuple of ints, but found element of "
                            f"type {type(size).__name__} at pos {position}")
