"""PyTorch's home of this class (see ``autograd_kit/nn/modules/__init__.py``)."""

from ..lazy import LazyModuleMixin
from ._home import settle

__all__ = ["LazyModuleMixin"]

settle(__name__, LazyModuleMixin)
