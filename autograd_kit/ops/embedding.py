"""Embedding lookup, ``EmbeddingBackward0``: rows of a weight table picked by integer indices.

Its rule (adding each output row's gradient back onto the row it was read from) is an
operation of its own, ``EmbeddingDenseBackwardBackward0`` under ``create_graph``, as in
PyTorch; being linear in the gradient, its own derivative is the lookup again.
"""

from __future__ import annotations

from typing import Any

from .. import dtypes
from ..function import Function
from ..node_saved_values import constant, given_dim, input_size
from ..tensor import Tensor


def check_index_dtype(indices: Tensor, op: str = "embedding", position: int = 1) -> None:
    """PyTorch's error for indices that are not int64 or int32."""
    data = indices._data
    if data.dtype.kind not in "iu" or data.dtype.itemsize < 4:
        raise RuntimeError(
            f"Expected tensor for argument #{position} 'indices' to have one of the following "
            f"scalar types: Long, Int; but got {dtypes.error_type_name(indices.dtype.name)} "
            f"instead (while checking arguments for {op})")


def check_indices(indices: Tensor, rows: int) -> None:
    """PyTorch's errors for indices that are not integers or fall outside the table."""
    check_index_dtype(indices)
    data = indices._data
    if data.size and (int(data.min()) < 0 or int(data.max()) >= rows):
        raise IndexError("index out of range in self")


class Embedding(Function):
    """out[..., :] = weight[indices[...], :]

    ∂L/∂weight[r] = Σ over the positions p with indices[p] = r of grad[p]  (0 for the
    padding_idx row; divided by how often r occurs when scale_grad_by_freq).
    """

    node_name = "EmbeddingBackward0"
    non_inputs = (1,)  # the indices
    saved_tensor_names = ("indices",)
    saved_options = {"padding_idx": given_dim("padding_idx"), "scale_grad_by_freq": None,
                     "sparse": constant(False), "weight_sym_argsize_0": input_size(0, 0)}

    @staticmethod
    def forward(ctx: Any, weight: Tensor, indices: Tensor, padding_idx: int,
                scale_grad_by_freq: bool) -> Any:
        check_indices(indices, weight._data.shape[0])
        ctx.save_for_backward(indices)
        ctx.padding_idx, ctx.scale_grad_by_freq = padding_idx, scale_grad_by_freq
        ctx.rows = weight._data.shape[0]
        return weight._data[indices._data]

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, None, None, None]:
        (indices,) = ctx.saved_tensors
        return EmbeddingDenseBackward.apply(grad, indices, ctx.rows, ctx.padding_idx,
                                            ctx.scale_grad_by_freq), None, None, None


class EmbeddingDenseBackward(Function):
    """out[r] = Σ_{p: indices[p] = r} grad[p]  (scaled, padding row 0)

    ∂out/∂grad: read the upstream gradient's rows at the indices (the lookup, scaled alike).
    """

    node_name = "EmbeddingDenseBackwardBackward0"
    non_inputs = (1,)

    @staticmethod
    def forward(ctx: Any, grad: Tensor, indices: Tensor, rows: int, padding_idx: int,
                scale_grad_by_freq: bool) -> Any:
        xp, g = grad._xp, grad._data
        flat = indices._data.reshape(-1)
        values = g.reshape(flat.size, g.shape[-1])  # (the width given: there may be no ids)
        scale = None
        if scale_grad_by_freq:
            counts = xp.bincount(flat, minlength=rows)
            scale = (1.0 / counts[flat]).astype(g.dtype)
            values = values * scale[:, None]
        if padding_idx >= 0:
            values = values * (flat != padding_idx)[:, None]
        out = xp.zeros((rows, values.shape[1]), dtype=g.dtype)
        xp.add.at(out, flat, values)
        ctx.indices, ctx.padding_idx, ctx.scale = indices, padding_idx, scale
        return out

    @staticmethod
    def backward(ctx: Any, gg: Tensor) -> tuple[Any, None, None, None, None]:
        picked = Embedding.apply(gg, ctx.indices, -1, False)
        shape = tuple(ctx.indices.shape) + (1,)
        if ctx.scale is not None:
            picked = picked * Tensor._make(ctx.scale).view(shape)
        if ctx.padding_idx >= 0:
            keep = ctx.indices._data != ctx.padding_idx
            picked = picked * Tensor._make(keep.astype(gg._data.dtype)).view(shape)
        return picked, None, None, None, None
