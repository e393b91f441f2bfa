"""PyTorch's home of these classes (see ``autograd_kit/nn/modules/__init__.py``)."""

from ..fold import Fold, Unfold
from ._home import settle

__all__ = ["Fold", "Unfold"]

settle(__name__, Fold, Unfold)
