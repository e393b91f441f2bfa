"""SGD's ``differentiable=True`` step: PyTorch's single-tensor update, recorded.

With ``differentiable=True`` PyTorch runs the step with grad mode on, as tensor operations,
so that the update can be differentiated (through a learning rate or weight decay that is a
tensor requiring grad, through gradients computed with ``create_graph=True``, through
parameters that are not leaves)::

    g ← -g if maximize;  g ← g + wd · p              (g.add(p, alpha=wd))
    b ← g.detach().clone() at first, else b.mul_(μ).add_(g, alpha=1 - dampening)
    g ← g + μ b if nesterov, else b
    p.add_(g, alpha=-lr)    (p.addcmul_(g, lr, value=-1) for a lr tensor requiring grad;
                             the multi-tensor step, which records too, refuses a lr tensor)

This module replays that code with the kit's own tensor operations, so the parameter's
``grad_fn`` (``AddBackward0``, ``AddcmulBackward0``) and the gradients are PyTorch's.
"""

from __future__ import annotations

from typing import Any

from .. import grad_mode
from ..tensor import Tensor
from ._common import to_scalar

# PyTorch's multi-tensor step passes a tensor lr as _foreach_add_'s alpha
_FOREACH_TENSOR_ALPHA = (
    "_foreach_add_() received an invalid combination of arguments - got (list, list, "
    "alpha=Tensor), but expected one of:\n * (tuple of Tensors self, Number scalar)\n"
    " * (tuple of Tensors self, tuple of Scalars scalars)\n"
    " * (tuple of Tensors self, Tensor other, *, Number alpha = 1)\n"
    " * (tuple of Tensors self, tuple of Tensors other, *, Number alpha = 1)\n")


def differentiable_sgd_group(optimizer: Any, group: dict[str, Any]) -> None:
    """One SGD step of ``group``, recorded (PyTorch's ``_single_tensor_sgd``)."""
    lr, momentum = to_scalar(group["lr"]), group["momentum"]
    dampening, weight_decay = group["dampening"], group["weight_decay"]
    nesterov, maximize = group["nesterov"], group["maximize"]
    new_buffers = []  # (stored once every parameter is updated, as PyTorch's step() does)
    with grad_mode.enable_grad():
        for param, grad in optimizer._with_grads(group):
            grad = -grad if maximize else grad
            if weight_decay != 0:
                if isinstance(weight_decay, Tensor) and weight_decay.requires_grad:
                    grad = grad.addcmul_(param.clone(), weight_decay)
                else:
                    grad = grad.add(param, alpha=weight_decay)
            if momentum != 0:
                buf = optimizer.state[param].get("momentum_buffer")
                if buf is None:
                    buf = grad.detach().clone()
                    new_buffers.append((param, buf))
                else:
                    buf.mul_(momentum).add_(grad, alpha=1 - dampening)
                grad = grad.add(buf, alpha=momentum) if nesterov else buf
            if isinstance(lr, Tensor) and group.get("foreach"):
                raise TypeError(_FOREACH_TENSOR_ALPHA)
            if isinstance(lr, Tensor) and lr.requires_grad:
                param.addcmul_(grad, lr, value=-1)
            else:
                param.add_(grad, alpha=-lr)
    for param, buf in new_buffers:
        optimizer.state[param]["momentum_buffer"] = buf
