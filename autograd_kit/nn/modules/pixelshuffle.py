"""PyTorch's home of these classes (see ``autograd_kit/nn/modules/__init__.py``)."""

from ..fold import PixelShuffle, PixelUnshuffle
from ._home import settle

__all__ = ["PixelShuffle", "PixelUnshuffle"]

settle(__name__, PixelShuffle, PixelUnshuffle)
