"""PyTorch's home of these classes (see ``autograd_kit/nn/modules/__init__.py``)."""

from ..module import Module, _IncompatibleKeys
from ._home import settle

__all__ = ["Module", "_IncompatibleKeys"]

settle(__name__, Module, _IncompatibleKeys)
