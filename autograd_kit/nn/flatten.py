"""`Flatten`: merge dimensions start_dim … end_dim into one (images → vectors);
`Unflatten`: split one dimension into several."""

from __future__ import annotations

import math

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
    undoes ``Flatten()``."""

    def __init__(self, dim: int, unflattened_size: tuple[int, ...] | list[int]) -> None:
        super().__init__()
        self.dim = dim
        self.unflattened_size = unflattened_size

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002
        dim = self.dim % input.dim()
        sizes = list(self.unflattened_size)
        if math.prod(sizes) != input.shape[dim]:
            raise RuntimeError(f"unflatten: Provided sizes {sizes} don't multiply up to the size "
                               f"of dim {self.dim} ({input.shape[dim]}) in the input tensor")
        shape = (*input.shape[:dim], *self.unflattened_size, *input.shape[dim + 1:])
        return input.view(shape)

    def extra_repr(self) -> str:
        return f"dim={self.dim}, unflattened_size={self.unflattened_size}"
