"""``autograd_kit.nn.grad``: the gradients of a convolution by hand (PyTorch's ``torch.nn.grad``).

For y = conv(x, W) and an incoming gradient g = ∂L/∂y:

    conv*d_input(x.shape, W, g)  = ∂L/∂x = conv_transpose(g, W)   (what x's gradient would be)
    conv*d_weight(x, W.shape, g) = ∂L/∂W = Σ_batch x ⋆ g          (what W's gradient would be)

Custom ``autograd.Function`` backwards (the conv + batch-norm fusion tutorial) call these.
Both run the kit's own convolution backward once (one mechanism, no second formula): the
convolution is applied to a stand-in for the unknown tensor and differentiated at g. The
stand-in's values never matter, since y is linear in each argument separately.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from .. import grad_mode
from ..autograd import grad as autograd_grad
from ..creation import zeros
from ..tensor import Tensor
from .functional_conv import conv1d, conv2d
from .volumetric import conv3d

__all__ = ["conv1d_input", "conv1d_weight", "conv2d_input", "conv2d_weight", "conv3d_input",
           "conv3d_weight"]

_CONV: dict[int, Callable[..., Tensor]] = {1: conv1d, 2: conv2d, 3: conv3d}


def _conv_grad(nd: int, x: Tensor, weight: Tensor, grad_output: Tensor, wrt: Tensor,
               options: tuple[Any, Any, Any, int]) -> Tensor:
    """∂⟨conv(x, W), g⟩/∂wrt, where wrt is x or W (a fresh leaf standing for it); recorded
    (differentiable) when grad mode is on and the given tensors require grad, as PyTorch's."""
    stride, padding, dilation, groups = options
    record = grad_mode.is_grad_enabled() and any(
        t.requires_grad for t in (x, weight, grad_output) if t is not wrt)
    with grad_mode.enable_grad():
        out = _CONV[nd](x, weight, None, stride, padding, dilation, groups)
        (result,) = autograd_grad(out, wrt, grad_output, create_graph=record)
    return result


def _stand_in(size: Sequence[int], like: Tensor) -> Tensor:
    return zeros(tuple(size), dtype=like.dtype, device=like.device, requires_grad=True)


def _input_grad(nd: int) -> Callable[..., Tensor]:
    def conv_input(input_size: Sequence[int], weight: Tensor, grad_output: Tensor,
                   stride: Any = 1, padding: Any = 0, dilation: Any = 1,
                   groups: int = 1) -> Tensor:
        x = _stand_in(input_size, grad_output)
        return _conv_grad(nd, x, weight, grad_output, x,
                          (stride, padding, dilation, groups))

    conv_input.__name__ = conv_input.__qualname__ = f"conv{nd}d_input"
    conv_input.__doc__ = f"∂L/∂input of ``conv{nd}d(input, weight)`` given ∂L/∂output."
    return conv_input


def _weight_grad(nd: int) -> Callable[..., Tensor]:
    def conv_weight(input: Tensor, weight_size: Sequence[int], grad_output: Tensor,  # noqa: A002
                    stride: Any = 1, padding: Any = 0, dilation: Any = 1,
                    groups: int = 1) -> Tensor:
        w = _stand_in(weight_size, grad_output)
        return _conv_grad(nd, input, w, grad_output, w,
                          (stride, padding, dilation, groups))

    conv_weight.__name__ = conv_weight.__qualname__ = f"conv{nd}d_weight"
    conv_weight.__doc__ = f"∂L/∂weight of ``conv{nd}d(input, weight)`` given ∂L/∂output."
    return conv_weight


conv1d_input, conv2d_input, conv3d_input = (_input_grad(nd) for nd in (1, 2, 3))
conv1d_weight, conv2d_weight, conv3d_weight = (_weight_grad(nd) for nd in (1, 2, 3))
for _f in (conv1d_input, conv2d_input, conv3d_input, conv1d_weight, conv2d_weight, conv3d_weight):
    _f.__module__ = __name__
