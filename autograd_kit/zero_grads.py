"""``zero_grad``, shared by ``nn.Module`` and ``optim.Optimizer``: forget one parameter's gradient.

As in PyTorch, ``set_to_none=False`` keeps the same gradient tensor and fills it with zeros;
a gradient that was itself part of a graph (``backward(create_graph=True)``) is detached in
place first, and one that requires grad stops requiring it.
"""

from __future__ import annotations

from .tensor import Tensor


def forget_gradient(param: Tensor, set_to_none: bool) -> None:
    """``param.grad = None``, or ``param.grad`` detached in place and zeroed."""
    grad = param._grad
    if grad is None:
        return
    if set_to_none:
        param._grad = None
        return
    if grad.grad_fn is not None:
        grad.detach_()
    else:
        grad.requires_grad_(False)
    grad._data[...] = 0  # (zero_ without the in-place machinery: one version step)
    grad._version_counter[0] += 1
