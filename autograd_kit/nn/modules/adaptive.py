"""PyTorch's home of these classes (see ``autograd_kit/nn/modules/__init__.py``)."""

from ..adaptive import AdaptiveLogSoftmaxWithLoss, _ASMoutput
from ._home import settle

__all__ = ["AdaptiveLogSoftmaxWithLoss"]

settle(__name__, AdaptiveLogSoftmaxWithLoss, _ASMoutput)
