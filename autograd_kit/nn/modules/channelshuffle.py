"""PyTorch's home of these classes (see ``autograd_kit/nn/modules/__init__.py``)."""

from ..fold import ChannelShuffle
from ._home import settle

__all__ = ["ChannelShuffle"]

settle(__name__, ChannelShuffle)
