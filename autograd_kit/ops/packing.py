"""``_pack_padded_sequence`` as one recorded operation (``PackPaddedSequenceBackward0``).

A padded (T, B, *) batch, its sequences sorted longest first, becomes the packed data: the
first ``batch_sizes[0]`` rows of time step 0, then those of step 1, and so on, where
``batch_sizes[t]`` counts the sequences still running at step t. Going back, each step's rows
of the gradient are copied into a zero tensor the input's shape (PyTorch's
``_pack_padded_sequence_backward``, itself made of recorded copies, so it can be
differentiated again).
"""

from __future__ import annotations

from typing import Any

from ..function import Function
from ..tensor import Tensor


class PackPaddedSequence(Function):
    """data = cat(x[t, :batch_sizes[t]] for every t)   (x time-major)

    grad_x[t, :batch_sizes[t]] = the rows of grad_data that came from step t; 0 elsewhere.
    """

    node_name = "PackPaddedSequenceBackward0"

    @staticmethod
    def forward(ctx: Any, x: Tensor, batch_sizes: tuple[int, ...], batch_first: bool) -> Any:
        ctx.shape = tuple(x.shape)
        ctx.batch_sizes = batch_sizes
        ctx.batch_first = batch_first
        data = x._data.swapaxes(0, 1) if batch_first else x._data
        xp = x._xp
        return xp.ascontiguousarray(xp.concatenate([data[t, :n]
                                                    for t, n in enumerate(batch_sizes)]))

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None, None]:
        return unpack_backward(grad, ctx.shape, ctx.batch_sizes, ctx.batch_first), None, None


def unpack_backward(grad: Tensor, shape: tuple[int, ...], batch_sizes: tuple[int, ...],
                    batch_first: bool) -> Tensor:
    """The gradient rows of every step copied into zeros of the (time-major) input's shape."""
    from ..creation import zeros

    dims = (shape[1], shape[0], *shape[2:]) if batch_first else shape
    out = zeros(dims, dtype=grad.dtype, device=grad.device)
    offset = 0
    for t, n in enumerate(batch_sizes):
        out.select(0, t).narrow(0, 0, n).copy_(grad.narrow(0, offset, n))
        offset += n
    return out.transpose(0, 1) if batch_first else out


__all__ = ["PackPaddedSequence", "unpack_backward"]
