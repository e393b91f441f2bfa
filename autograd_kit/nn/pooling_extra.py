"""Power-average pools (`LPPool1d`, `LPPool2d`, `LPPool3d`) and the inverse of max pooling
(`MaxUnpool1d`, `MaxUnpool2d`, `MaxUnpool3d`), with their functional forms; `Bilinear` and
`PairwiseDistance`.

All are written with the kit's operations (avg_pool, scatter, einsum), so their nodes are
those operations' nodes.
"""

from __future__ import annotations

import math
from typing import Any

from .. import grad_mode
from ..creation import empty
from ..dtypes import int64, scalar_type_word
from ..node_saved_values import constant
from ..ops.operands import require_kernel_dtype
from ..tensor import Tensor
from . import functional_conv as FC
from . import functional_pool as FP
from . import init
from .arguments import cpp_type, size_read_first, tensor_input
from .composite import Composite, composite_named
from .loss_functions_more import pairwise_distance
from .module import Module
from .parameter import Parameter
from .volumetric import avg_pool3d, max_pool3d


def _lp_pool(input: Tensor, norm_type: float, kernel_size: Any, stride: Any,  # noqa: A002
             ceil_mode: bool, nd: int) -> Tensor:
    """(Σ over each window of x^p)^(1/p) = (avg_pool(x^p) · window size)^(1/p), negative
    averages taken as 0 (PyTorch's sign · relu(abs)); p = ±inf: the largest (smallest) |x|."""
    avg_pool, max_pool = _POOLS[nd]
    if norm_type == math.inf:
        return max_pool(input.abs(), kernel_size, stride, 0, 1, ceil_mode)
    if norm_type == -math.inf:
        return -max_pool(-input.abs(), kernel_size, stride, 0, 1, ceil_mode)
    out = avg_pool(input.pow(norm_type), kernel_size, stride, 0, ceil_mode)
    # (PyTorch's lp_pool1d multiplies by kernel_size as given: a list is mul()'s TypeError)
    size = kernel_size if nd == 1 else math.prod(FC.tuple_of(kernel_size, nd))
    return (out.sign() * out.abs().relu()).mul(size).pow(1.0 / norm_type)


def lp_pool1d(input: Tensor, norm_type: float, kernel_size: int, stride: Any = None,  # noqa: A002
              ceil_mode: bool = False) -> Tensor:
    """(Σ over each window of x^p)^(1/p) along the last dimension."""
    return _lp_pool(input, norm_type, kernel_size, stride, ceil_mode, 1)


def lp_pool2d(input: Tensor, norm_type: float, kernel_size: Any, stride: Any = None,  # noqa: A002
              ceil_mode: bool = False) -> Tensor:
    """(Σ over each window of x^p)^(1/p) over the last two dimensions."""
    return _lp_pool(input, norm_type, kernel_size, stride, ceil_mode, 2)


def lp_pool3d(input: Tensor, norm_type: float, kernel_size: Any, stride: Any = None,  # noqa: A002
              ceil_mode: bool = False) -> Tensor:
    """(Σ over each window of x^p)^(1/p) over the last three dimensions."""
    return _lp_pool(input, norm_type, kernel_size, stride, ceil_mode, 3)


_POOLS = {1: (FP.avg_pool1d, FP.max_pool1d), 2: (FC.avg_pool2d, FC.max_pool2d),
          3: (avg_pool3d, max_pool3d)}


def _unpool_output_size(input: Tensor, kernel: tuple, stride: tuple, padding: tuple,  # noqa: A002
                        output_size: Any) -> list[int]:
    default = [(input.shape[-len(kernel) + d] - 1) * stride[d] + kernel[d] - 2 * padding[d]
               for d in range(len(kernel))]
    if output_size is None:
        return default
    if len(output_size) == len(kernel) + 2:
        output_size = output_size[2:]
    if len(output_size) != len(kernel):
        raise ValueError(
            f"output_size should be a sequence containing {len(kernel)} or {len(kernel) + 2} "
            f"elements, but it has a length of '{len(output_size)}'")
    for d in range(len(kernel)):
        low, high = default[d] - stride[d], default[d] + stride[d]
        if not low < output_size[d] < high:
            raise ValueError(f'invalid output_size "{output_size}" (dim {d} must be between '
                             f"{low} and {high})")  # (shown as given, as PyTorch shows it)
    return list(output_size)


def _check_unpool_indices(indices: Tensor, size: list[int]) -> None:
    """Each index must name a place in its (sample's, channel's) output volume, as PyTorch
    checks; it names the last bad one in memory order (its CPU kernel run on one thread)."""
    flat = indices._data.reshape(-1)
    bad = (flat < 0) | (flat >= math.prod(size))
    if bad.any():
        last = int(flat[bad][-1])
        raise RuntimeError(f"Found an invalid max index: {last} (output volumes are of size "
                           f"{'x'.join(str(s) for s in size)})")


def _max_unpool(input: Tensor, indices: Tensor, kernel_size: Any, stride: Any,  # noqa: A002
                padding: Any, output_size: Any, nd: int) -> Tensor:
    """out = zeros of the unpooled size, out.flat[indices] = input (per sample and channel),
    one node as in PyTorch (``MaxUnpool2DBackward0``; 1-D is 2-D of width 1, squeezed)."""
    if nd == 1:  # as a 2-D unpool of width 1
        kernel = FC.tuple_of(kernel_size, 1)
        stride = kernel if stride is None else FC.tuple_of(stride, 1)
        padding = FC.tuple_of(padding, 1)
        size = _unpool_output_size(input, kernel, stride, padding, output_size)  # checked in 1-D
        wide = _max_unpool(input.unsqueeze(-1), indices.unsqueeze(-1), (*kernel, 1),
                           (*stride, 1), (*padding, 0), [*size, 1], 2)
        return wide.squeeze(-1)
    # (a list is taken as given, as PyTorch's _pair/_triple take it: its length sets the size's)
    kernel = tuple(kernel_size) if isinstance(kernel_size, (tuple, list)) else (kernel_size,) * nd
    stride = kernel if stride is None else FC.tuple_of(stride, nd)
    size = _unpool_output_size(input, kernel, stride, FC.tuple_of(padding, nd), output_size)
    if len(size) != nd:
        names = "(height, width)" if nd == 2 else "(depth, height, width)"
        raise RuntimeError(f"There should be exactly {'two' if nd == 2 else 'three'} elements "
                           f"{names} in output_size, but got {len(size)} elements.")
    if indices.dtype != int64:
        raise RuntimeError("elements in indices should be type int64 but got: "
                           f"{scalar_type_word(indices.dtype.name)}")
    if indices.shape != input.shape:  # (else values would land in the wrong places)
        raise RuntimeError("Expected shape of indices to be same as that of the input tensor "
                           f"({list(input.shape)}) but got indices tensor with shape: "
                           f"{list(indices.shape)}")
    require_kernel_dtype(f"max_unpool{nd}d", input)
    _check_unpool_indices(indices, size)

    def run(x: Tensor) -> Tensor:
        lead, planes = tuple(x.shape[:-nd]), math.prod(x.shape[-nd:])
        flat = x.reshape(*lead, planes)  # (the plane size given: a batch may be empty)
        out = flat.new_zeros(*lead, math.prod(size))
        return out.scatter(-1, indices.reshape(*lead, planes), flat).reshape(*lead, *size)

    return composite_named(f"MaxUnpool{nd}DBackward0", plain_gradient=True).apply(run, input)


@size_read_first
def max_unpool1d(input: Tensor, indices: Tensor, kernel_size: Any, stride: Any = None,  # noqa: A002
                 padding: Any = 0, output_size: Any = None) -> Tensor:
    """Put each value back where ``max_pool1d(..., return_indices=True)`` found it."""
    return _max_unpool(input, indices, kernel_size, stride, padding, output_size, 1)


@size_read_first
def max_unpool2d(input: Tensor, indices: Tensor, kernel_size: Any, stride: Any = None,  # noqa: A002
                 padding: Any = 0, output_size: Any = None) -> Tensor:
    """Put each value back where ``max_pool2d(..., return_indices=True)`` found it; zeros
    elsewhere."""
    return _max_unpool(input, indices, kernel_size, stride, padding, output_size, 2)


@size_read_first
def max_unpool3d(input: Tensor, indices: Tensor, kernel_size: Any, stride: Any = None,  # noqa: A002
                 padding: Any = 0, output_size: Any = None) -> Tensor:
    """Put each value back where ``max_pool3d(..., return_indices=True)`` found it."""
    return _max_unpool(input, indices, kernel_size, stride, padding, output_size, 3)


class _LPPoolNd(Module):
    nd = 2

    def __init__(self, norm_type: float, kernel_size: Any, stride: Any = None,
                 ceil_mode: bool = False) -> None:
        super().__init__()
        self.norm_type, self.kernel_size = norm_type, kernel_size
        self.stride, self.ceil_mode = stride, ceil_mode

    def extra_repr(self) -> str:
        return (f"norm_type={self.norm_type}, kernel_size={self.kernel_size}, "
                f"stride={self.stride}, ceil_mode={self.ceil_mode}")


    def forward(self, input: Tensor) -> Tensor:  # noqa: A002
        return _lp_pool(input, self.norm_type, self.kernel_size, self.stride, self.ceil_mode,
                        self.nd)


class LPPool1d(_LPPoolNd):
    """(Σ over each window of x^p)^(1/p) over sequences (``F.lp_pool1d``)."""

    nd = 1


class LPPool2d(_LPPoolNd):
    """(Σ over each window of x^p)^(1/p) over images (``F.lp_pool2d``)."""

    nd = 2


class LPPool3d(_LPPoolNd):
    """(Σ over each window of x^p)^(1/p) over volumes (``F.lp_pool3d``)."""

    nd = 3


class _MaxUnpoolNd(Module):
    nd = 2

    def __init__(self, kernel_size: Any, stride: Any = None, padding: Any = 0) -> None:
        super().__init__()
        self.kernel_size = FC.tuple_of(kernel_size, self.nd)
        self.stride = FC.tuple_of(stride if stride is not None else kernel_size, self.nd)
        self.padding = FC.tuple_of(padding, self.nd)

    def forward(self, input: Tensor, indices: Tensor, output_size: Any = None) -> Tensor:  # noqa: A002
        return _max_unpool(input, indices, self.kernel_size, self.stride, self.padding,
                           output_size, self.nd)

    def extra_repr(self) -> str:
        return f"kernel_size={self.kernel_size}, stride={self.stride}, padding={self.padding}"


class MaxUnpool1d(_MaxUnpoolNd):
    """The inverse of `MaxPool1d`: values back at their indices, zeros elsewhere."""

    nd = 1


class MaxUnpool2d(_MaxUnpoolNd):
    """The inverse of `MaxPool2d`: values back at their indices, zeros elsewhere."""

    nd = 2


class MaxUnpool3d(_MaxUnpoolNd):
    """The inverse of `MaxPool3d`: values back at their indices, zeros elsewhere."""

    nd = 3


def _check_bilinear_shapes(input1: Tensor, input2: Tensor, weight: Tensor,
                           bias: Tensor | None) -> None:
    """PyTorch's checks, in its order: ranks, batch sizes, feature sizes, bias size."""
    if input1.dim() != input2.dim():
        raise RuntimeError("bilinear(): input dimensions do not match: got "
                           f"{input1.dim()} and {input2.dim()}")
    for i in range(input1.dim() - 1):
        if input1.shape[i] != input2.shape[i]:
            raise RuntimeError(f"bilinear(): input batch dimensions do not match at dim {i}: "
                               f"got {input1.shape[i]} and {input2.shape[i]}")
    for k, t in ((1, input1), (2, input2)):
        if t.shape[-1] != weight.shape[k]:
            raise RuntimeError(f"bilinear(): input{k} size does not match weight size: "
                               f"got {t.shape[-1]} but expected {weight.shape[k]}")
    if bias is not None and bias.shape[0] != weight.shape[0]:
        raise RuntimeError("bilinear(): bias size does not match weight size: "
                           f"got {bias.shape[0]} but expected {weight.shape[0]}")


@tensor_input("bilinear", "input1")
def bilinear(input1: Tensor, input2: Tensor, weight: Tensor,
             bias: Tensor | None = None) -> Tensor:
    """y_o = Σ_ij x1_i · W[o, i, j] · x2_j + b_o."""
    given = [("input1", input1), ("input2", input2), ("weight", weight), ("bias", bias)]
    given = [(name, t) for name, t in given if t is not None]
    if len({t.dtype for _, t in given}) > 1:
        raise RuntimeError("All tensors must have the same dtype, got "
                           + ", ".join(f"{name}: {cpp_type(t)}" for name, t in given))
    _check_bilinear_shapes(input1, input2, weight, bias)
    outs, ins1, ins2 = weight.shape
    if not ins1 or not ins2:  # (PyTorch's _trilinear reshapes its sum dimensions with -1)
        raise RuntimeError("cannot reshape tensor of 0 elements into shape [-1, 0] because the "
                           "unspecified dimension size -1 can be any value and is ambiguous")
    lead = tuple(input1.shape[:-1])
    rows = math.prod(lead)  # (sizes, not -1: they may be 0)
    x1, x2 = input1.reshape(rows, ins1), input2.reshape(rows, ins2)
    out = TrilinearNode.apply(_trilinear, x1, weight, x2).reshape(*lead, outs)
    return out if bias is None else out + bias


def _trilinear(x1: Tensor, weight: Tensor, x2: Tensor) -> Tensor:
    """y[r, o] = Σ_ij x1[r, i] · W[o, i, j] · x2[r, j]: x1 against W first, then x2."""
    outs, ins1, ins2 = weight.shape
    mixed = x1.matmul(weight.permute(1, 0, 2).reshape(ins1, outs * ins2))  # Σ_i x1_i W[o, i, j]
    return (mixed.reshape(x1.shape[0], outs, ins2) * x2.unsqueeze(1)).sum(-1)


def _trilinear_first(grad: Tensor, weight: Tensor, x2: Tensor) -> Tensor:
    """∂y/∂x1 applied to grad:  g1[r, i] = Σ_oj grad[r, o] · W[o, i, j] · x2[r, j]."""
    outs, ins1, ins2 = weight.shape
    mixed = x2.matmul(weight.permute(2, 0, 1).reshape(ins2, outs * ins1))
    return (mixed.reshape(x2.shape[0], outs, ins1) * grad.unsqueeze(2)).sum(1)


def _trilinear_weight(x1: Tensor, grad: Tensor, x2: Tensor) -> Tensor:
    """∂y/∂W applied to grad:  gW[o, i, j] = Σ_r grad[r, o] · x1[r, i] · x2[r, j]."""
    outer = (x1.unsqueeze(2) * x2.unsqueeze(1)).reshape(x1.shape[0], -1)
    return grad.t().matmul(outer).reshape(grad.shape[1], x1.shape[1], x2.shape[1])


def _trilinear_third(x1: Tensor, weight: Tensor, grad: Tensor) -> Tensor:
    """∂y/∂x2 applied to grad:  g2[r, j] = Σ_oi x1[r, i] · W[o, i, j] · grad[r, o]."""
    outs, ins1, ins2 = weight.shape
    mixed = x1.matmul(weight.permute(1, 0, 2).reshape(ins1, outs * ins2))
    return (mixed.reshape(x1.shape[0], outs, ins2) * grad.unsqueeze(2)).sum(1)


class TrilinearNode(Composite):
    """PyTorch's one node for bilinear's product (``_trilinear`` of the rows of input1, the
    weight and the rows of input2), showing what it saved as PyTorch does. Under
    create_graph each gradient is a ``_trilinear`` again, as PyTorch's _trilinear_backward:
    its own TrilinearBackward0 node, of (grad, W, x2), (x1, grad, x2) or (x1, W, grad)."""

    node_name = "TrilinearBackward0"
    row_major_gradients = True  # (as PyTorch's, whatever the incoming gradient's layout)
    saved_tensor_names = ("i1", "i2", "i3")
    saved_options = {"expand1": constant((1, 3)), "expand2": constant((0,)),
                     "expand3": constant((1, 2)), "sumdim": constant((2, 3))}

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, ...]:
        if not grad_mode.is_grad_enabled():
            return Composite.backward(ctx, grad)
        x1, w, x2 = ctx.saved_tensors
        needs = ctx.needs_input_grad[1:4]
        node = TrilinearGradientNode
        return (None,
                node.apply(_trilinear_first, grad, w, x2) if needs[0] else None,
                node.apply(_trilinear_weight, x1, grad, x2) if needs[1] else None,
                node.apply(_trilinear_third, x1, w, grad) if needs[2] else None)


class TrilinearGradientNode(Composite):
    """A gradient of bilinear's product, a TrilinearBackward0 node too; its own gradient
    is recorded op by op."""

    node_name = "TrilinearBackward0"
    saved_tensor_names = TrilinearNode.saved_tensor_names
    plain_gradient = True


class Bilinear(Module):
    """y = x1ᵀ W x2 + b for each output; W and b start uniform in ±1/√in1_features."""

    def __init__(self, in1_features: int, in2_features: int, out_features: int,
                 bias: bool = True, device: Any = None, dtype: Any = None) -> None:
        super().__init__()
        self.in1_features, self.in2_features = in1_features, in2_features
        self.out_features = out_features
        self.weight = Parameter(empty((out_features, in1_features, in2_features), dtype=dtype,
                                      device=device))
        if bias:
            self.bias = Parameter(empty(out_features, dtype=dtype, device=device))
        else:
            self.register_parameter("bias", None)
        self.reset_parameters()

    def reset_parameters(self) -> None:
        if self.in1_features <= 0:  # (checked here, as PyTorch does, not in __init__)
            raise ValueError(
                f"in1_features must be > 0, but got (in1_features={self.in1_features})")
        bound = 1 / math.sqrt(self.weight.size(1))
        init.uniform_(self.weight, -bound, bound)
        if self.bias is not None:
            init.uniform_(self.bias, -bound, bound)

    def forward(self, input1: Tensor, input2: Tensor) -> Tensor:
        return bilinear(input1, input2, self.weight, self.bias)

    def extra_repr(self) -> str:
        return (f"in1_features={self.in1_features}, in2_features={self.in2_features}, "
                f"out_features={self.out_features}, bias={self.bias is not None}")


class PairwiseDistance(Module):
    """‖x1 - x2 + eps‖_p along the last dimension (``F.pairwise_distance``)."""

    def __init__(self, p: float = 2.0, eps: float = 1e-6, keepdim: bool = False) -> None:
        super().__init__()
        self.norm, self.eps, self.keepdim = p, eps, keepdim

    def forward(self, x1: Tensor, x2: Tensor) -> Tensor:
        return pairwise_distance(x1, x2, self.norm, self.eps, self.keepdim)
