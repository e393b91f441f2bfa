"""PyTorch's home of these classes (see ``autograd_kit/nn/modules/__init__.py``)."""

from ..flatten import Flatten, Unflatten
from ._home import settle

__all__ = ["Flatten", "Unflatten"]

settle(__name__, Flatten, Unflatten)
