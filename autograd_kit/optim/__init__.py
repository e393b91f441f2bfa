"""``autograd_kit.optim``: optimizers (PyTorch's ``torch.optim``)."""

from __future__ import annotations

from .adam import Adam
from .optimizer import Optimizer
from .sgd import SGD

__all__ = ["SGD", "Adam", "Optimizer"]
