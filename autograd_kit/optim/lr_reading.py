"""A group's learning rate as the update reads it. PyTorch's update computes with the value in
``param_groups`` as it is, so one that is no number (``group['lr'] = 'a'``, None, a list)
fails at the first computation, with Python's own TypeError (SGD's ``-lr``: ``bad operand
type for unary -: 'str'``; Adam's ``lr / bias_correction1``), and only once a parameter has
a gradient to update."""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable
from typing import Any

from ..tensor import Tensor


def lr_as_float(group: dict[str, Any], first_use: Callable[[dict[str, Any], Any], Any]) -> float:
    """``group['lr']`` as a float; ``first_use(group, lr)`` is PyTorch's first computation
    with it, run on a value that is no number so that it raises as PyTorch's does."""
    lr = group["lr"]
    # (a float first: numbers.Real is an abstract class, whose isinstance runs Python code)
    if type(lr) is float or isinstance(lr, (numbers.Real, Tensor)):
        return float(lr)
    if not any(p.grad is not None for p in group["params"]):
        return math.nan  # (no parameter is updated: PyTorch never reads it)
    first_use(group, lr)
    return float(lr)


def sgd_first_use(group: dict[str, Any], lr: Any) -> Any:
    """SGD's update ``p.add_(grad, alpha=-lr)``."""
    return -lr


def adam_first_use(group: dict[str, Any], lr: Any) -> Any:
    """Adam's (and AdamW's) first use of lr: the decoupled decay ``p.mul_(1 - lr · wd)``, else
    the step size ``lr / bias_correction1`` (a float)."""
    weight_decay = group["weight_decay"]
    if group.get("decoupled_weight_decay") and weight_decay != 0:
        return 1 - lr * weight_decay
    return lr / 1.0
