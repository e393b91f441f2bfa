"""`settle`: give classes PyTorch's module path, so ``type(m)`` prints as in PyTorch."""

from __future__ import annotations


def settle(home: str, *classes: type) -> None:
    """Record ``home`` (a module that re-exports the classes) as where each class lives.

    ``print(type(nn.Linear(2, 1)))`` then shows ``<class 'autograd_kit.nn.modules.linear.
    Linear'>`` like PyTorch's ``torch.nn.modules.linear.Linear``, error messages that name a
    module's type read the same, and pickle finds the class at that path.
    """
    for cls in classes:
        cls.__module__ = home
