"""One recorded node for a computation the kit writes out of other operations.

Some layers are built from the kit's own operations (a 3-D convolution from 2-D ones over
depth slices, ``grid_sample`` from gathers and weights, …), where PyTorch has one operation
with one node (``ConvolutionBackward0``, ``GridSampler2DBackward0``). `Composite` runs such a
computation as one node under PyTorch's name, so ``grad_fn`` and ``next_functions`` read as
they do there, while the calculus stays that of the operations it is made of:

    forward:   out = run(*inputs)                                  (recorded as one node)
    backward:  ∂L/∂inputs = vjp of run at inputs with grad: autograd.grad(run(*inputs),
               inputs, grad), re-running run with recording on

Under ``create_graph=True`` the re-run is on the saved inputs themselves, so the gradients it
returns are recorded all the way back to them (second derivatives work); without it, on
detached copies, and nothing is recorded.

A subclass names the node: ``class Conv3dNode(Composite): node_name = "ConvolutionBackward0"``.
Arguments: ``apply(run, *inputs)``; ``run`` takes the inputs (tensors, or None where a tensor
is left out, or plain options) and returns one tensor.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from .. import grad_mode
from ..autograd import grad as autograd_grad
from ..function import Function
from ..tensor import Tensor


class Composite(Function):
    """out = run(*inputs), one node;   ∂L/∂xᵢ = (∂run/∂xᵢ)ᵀ · grad, by running run again."""

    @staticmethod
    def forward(ctx: Any, run: Callable[..., Tensor], *inputs: Any) -> Any:
        with grad_mode.no_grad():
            out = run(*inputs)
        ctx.run = run
        ctx.save_for_backward(*(x if isinstance(x, Tensor) else None for x in inputs))
        ctx.options = tuple(None if isinstance(x, Tensor) else x for x in inputs)
        return out._data

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, ...]:
        saved = ctx.saved_tensors
        wanted = ctx.needs_input_grad[1:]
        recording = grad_mode.is_grad_enabled()  # True under create_graph
        inputs = []
        for x, option, need in zip(saved, ctx.options, wanted):
            if x is None:
                inputs.append(option)
            elif recording and x.requires_grad:
                inputs.append(x)
            else:
                inputs.append(x.detach().requires_grad_(need))
        targets = [x for x, need in zip(inputs, wanted) if need]
        with grad_mode.enable_grad():
            out = ctx.run(*inputs)
            grads = iter(autograd_grad(out, targets, grad, create_graph=recording,
                                       allow_unused=True, materialize_grads=True))
        return (None, *(next(grads) if need else None for need in wanted))


@cache
def composite_named(node_name: str) -> type[Composite]:
    """The `Composite` recorded under ``node_name`` (one class per name, made once)."""
    return type(node_name.removesuffix("0"), (Composite,), {
        "node_name": node_name, "__module__": __name__,
        "__doc__": f"A composite recorded as PyTorch's ``{node_name}`` (see `Composite`)."})
