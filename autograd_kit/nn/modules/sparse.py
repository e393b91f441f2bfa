"""PyTorch's home of these classes (see ``autograd_kit/nn/modules/__init__.py``)."""

from ..sparse import Embedding
from ._home import settle

__all__ = ["Embedding"]

settle(__name__, Embedding)
