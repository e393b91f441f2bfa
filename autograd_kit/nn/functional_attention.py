"""Attention as functions: ``F.scaled_dot_product_attention`` and
``F.multi_head_attention_forward`` (what `nn.MultiheadAttention` calls), as in PyTorch.

Scaled dot-product attention of queries Q (…, L, E), keys K (…, S, E), values V (…, S, Ev)::

    A = softmax(Q Kᵀ · scale + mask)       scale = 1/√E unless given
    out = A V                              (A: …, L, S — row i says how much query i reads
                                            from each key)

A boolean mask says which keys a query may see (``True`` = attend); it becomes 0 / -∞ added
to the scores, so masked keys get weight e^-∞ = 0. ``is_causal`` masks the keys after each
query (the lower triangle attends). A row with every key masked gets weights 0 (not NaN).

Everything is built from recorded operations (``matmul``, ``mul``, ``add``, ``softmax``,
``bmm``), following PyTorch's own reference code (``_scaled_dot_product_attention_math`` and
``torch/nn/functional.py``), so gradients of any order come for free and the operations are
done in the same order (the same float rounding). PyTorch runs 4-D inputs without dropout
through a fused CPU kernel (``ScaledDotProductFlashAttentionForCpuBackward0``); here the
same values come from the small steps, recorded as one node under that name (`Composite`)
wherever PyTorch would pick that kernel (`_flash_on_cpu`).
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy

from .. import dtypes, grad_mode, ops
from ..creation import ones, zeros, zeros_like
from ..function import Function
from ..ops.cpp_numbers import times_number
from ..ops.linalg import Bmm
from ..ops.operands import save_factors
from ..ops.preserved_layout import copy_in_layout, laid_out_like
from ..ops.reductions import Softmax
from ..tensor import Tensor
from . import sdpa_backends
from .arguments import tensor_input
from .composite import Composite


class SafeSoftmax(Softmax):
    """yᵢ = e^(xᵢ) / Σⱼ e^(xⱼ) along ``dim``, and y = 0 on a row whose x are all -∞.

    Backward is softmax's: grad_x = y * (grad - Σ(grad * y)), which is 0 on those rows.
    """

    node_name = "SafeSoftmaxBackward0"

    @staticmethod
    def forward(ctx: Any, x: Tensor, dim: int) -> Any:
        with numpy.errstate(invalid="ignore"):  # a row of -∞ gives 0/0 before it is cleared
            y = Softmax.forward(ctx, x, dim)
        all_masked = (x._data == -math.inf).all(axis=ctx.axis, keepdims=True)
        y = x._xp.where(all_masked, 0, y).astype(x._data.dtype, copy=False)
        ctx.save_for_backward(y)
        return y


class Baddbmm(Function):
    """out[i] = input + b1[i] @ b2[i]   (input broadcast to the batch of products)

    ∂L/∂input = grad (summed back to input's shape),  ∂L/∂b1[i] = grad[i] @ b2[i]ᵀ,
    ∂L/∂b2[i] = b1[i]ᵀ @ grad[i]
    """

    node_name = "BaddbmmBackward0"

    @staticmethod
    def forward(ctx: Any, input: Tensor, b1: Tensor, b2: Tensor) -> Any:  # noqa: A002
        save_factors(ctx, b1, b2, first=1)
        out = b1._data @ b2._data
        return out + input._data

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any, Any]:
        b1, b2 = ctx.saved_tensors
        needs = ctx.needs_input_grad
        grad_b1 = Bmm.apply(grad, b2.transpose(1, 2)) if needs[1] else None
        grad_b2 = Bmm.apply(b1.transpose(1, 2), grad) if needs[2] else None
        return (grad if needs[0] else None), grad_b1, grad_b2


def baddbmm(input: Tensor, batch1: Tensor, batch2: Tensor) -> Tensor:  # noqa: A002
    """input + batch1 @ batch2, one recorded operation (``BaddbmmBackward0``)."""
    return Baddbmm.apply(input, batch1, batch2)


def _bool_mask_to_float(mask: Tensor, dtype: Any) -> Tensor:
    """``True`` (attend) → 0, ``False`` (masked) → -∞, in the scores' dtype."""
    return zeros_like(mask, dtype=dtype).masked_fill_(mask.logical_not(), -math.inf)


@tensor_input("scaled_dot_product_attention", "query")
def scaled_dot_product_attention(query: Tensor, key: Tensor, value: Tensor,
                                 attn_mask: Tensor | None = None, dropout_p: float = 0.0,
                                 is_causal: bool = False, scale: float | None = None,
                                 enable_gqa: bool = False) -> Tensor:
    """softmax(Q Kᵀ · scale + mask) V, with dropout (probability ``dropout_p``) on the weights.

    ``attn_mask``: bool (``True`` = may attend) or float (added to the scores), broadcast to
    (…, L, S). ``is_causal``: query i sees keys 0..i only. Both √scale factors are applied
    to Q and to Kᵀ before the product, as PyTorch does (smaller numbers, same result).
    """
    if enable_gqa:
        raise NotImplementedError("enable_gqa is not supported by autograd_kit")
    q, k, v = (dtypes.C_TYPES.get(t.dtype.name, t.dtype.name) for t in (query, key, value))
    if query.dtype != key.dtype or query.dtype != value.dtype:
        raise RuntimeError(
            "Expected query, key, and value to have the same dtype, but got query.dtype: "
            f"{q} key.dtype: {k} and value.dtype: {v} instead.")
    if attn_mask is not None and attn_mask.dtype != dtypes.bool_ \
            and attn_mask.dtype != query.dtype:
        m = dtypes.C_TYPES.get(attn_mask.dtype.name, attn_mask.dtype.name)
        raise RuntimeError(
            "Expected attn_mask dtype to be bool or float or to match query dtype, but got "
            f"attn_mask.dtype: {m} and  query.dtype: {q} instead.")
    if query.dim() < 2 or key.dim() < 2 or value.dim() < 2:
        raise RuntimeError(
            "Expected query, key, and value to all be  at least 2 dimensional, but got "
            f"query.dim: {query.dim()} key.dim: {key.dim()} and value.dim: {value.dim()} "
            "instead.")
    if query.device.type == "cpu":
        sdpa_backends.check_cpu_backend()
    if attn_mask is not None and attn_mask.dtype == dtypes.bool_:
        attn_mask = _bool_mask_to_float(attn_mask, query.dtype)
    chosen = scale if scale is not None else 1.0 / math.sqrt(query.shape[-1])
    factor = math.sqrt(abs(chosen))
    signed = -factor if chosen < 0 else factor
    given = (attn_mask, is_causal, scale)
    if is_causal:
        if attn_mask is not None:
            raise RuntimeError("_scaled_dot_product_attention: Explicit attn_mask should not "
                               "be set when is_causal=True")
        size = (query.shape[-2], key.shape[-2])
        causal = ones(tuple(size), dtype=dtypes.bool_, device=query.device).tril()
        attn_mask = _bool_mask_to_float(causal, query.dtype)
    if _flash_on_cpu(query, key, value, attn_mask, dropout_p):
        def run(q: Tensor, k: Tensor, v: Tensor) -> Tensor:
            return _attention(times_number(q, signed), k, v, attn_mask, factor)

        return FlashAttentionCpuNode.apply(run, query, key, value,
                                           (*given, _row_logsumexp(query, key, attn_mask, chosen)))
    return _attention(times_number(query, signed), key, value, attn_mask, factor, dropout_p)


def _attention(query: Tensor, key: Tensor, value: Tensor, attn_mask: Tensor | None,
               factor: float, dropout_p: float = 0.0) -> Tensor:
    """softmax(query · (key · factor)ᵀ + mask), dropped out, times value (the query comes
    already scaled by its √scale)."""
    attn = ops.matmul(query, times_number(key.transpose(-2, -1), factor))  # (C++: MulBackward1)
    if attn_mask is not None:
        attn = attn + attn_mask
    attn = SafeSoftmax.apply(attn, -1)
    if dropout_p > 0.0:
        from .functional import dropout

        attn = dropout(attn, dropout_p, True)
    return ops.matmul(attn, value)


def _laid_out_like_query(values: Any, args: tuple[Any, ...]) -> Any:
    """The fused kernel's output is ``empty_like(query)`` when it has query's shape: query's
    layout (a head-split view in multi-head attention), else row-major."""
    query = args[1]._data
    return laid_out_like(numpy, values, query) if values.shape == query.shape else values


def _row_logsumexp(query: Tensor, key: Tensor, mask: Tensor | None, scale: float) -> Tensor:
    """log Σⱼ exp(scale · q·kⱼ + maskⱼ) for each query row, (…, L): what PyTorch's fused
    kernel returns beside the output and saves (``_saved_logsumexp``)."""
    xp = query._xp
    scores = xp.matmul(query._data, xp.swapaxes(key._data, -1, -2)) * scale
    if mask is not None:
        scores = scores + mask._data
    top = scores.max(axis=-1, keepdims=True)
    top = xp.where(xp.isfinite(top), top, 0)
    total = xp.log(xp.exp(scores - top).sum(axis=-1)) + top[..., 0]
    return Tensor._make(total.astype(query._data.dtype, copy=False))


class FlashAttentionCpuNode(Composite):
    """PyTorch's fused CPU attention node: the gradients are those of the steps `_attention`
    is made of, but they have no derivative of their own (PyTorch's are made by a kernel
    without one): under create_graph they come from a ``NotImplemented`` node.

    ``apply(run, query, key, value, (attn_mask, is_causal, scale, logsumexp))``: the mask,
    is_causal and scale as the caller gave them, which the node shows as PyTorch's does."""

    node_name = "ScaledDotProductFlashAttentionForCpuBackward0"
    result_layout = staticmethod(_laid_out_like_query)
    forward_ad_missing = "_scaled_dot_product_flash_attention_for_cpu"  # (none in PyTorch)
    saved_tensor_names = ("query", "key", "value", "attn_mask", "logsumexp", "output")
    saved_options = {"dropout_p": "dropout_p", "is_causal": "is_causal", "scale": "scale"}

    @staticmethod
    def forward(ctx: Any, run: Any, query: Tensor, key: Tensor, value: Tensor,
                given: tuple[Any, ...]) -> Any:
        out = Composite.forward(ctx, run, query, key, value)
        attn_mask, ctx.is_causal, ctx.scale, logsumexp = given
        ctx.dropout_p = 0.0  # (the fused kernel runs without dropout)
        ctx.save_for_backward(query, key, value, attn_mask, logsumexp, out)  # (out: the output)
        return out

    @staticmethod
    def backward(ctx: Any, *grads: Tensor | None) -> tuple[Any, ...]:
        recording = grad_mode.is_grad_enabled()  # (under create_graph)
        with grad_mode.no_grad():
            found = _kernel_layout(Composite.backward(ctx, *grads))
        if not recording:
            return found
        values = tuple(g._data if g is not None else None for g in found[1:])
        made = iter(_FlashGradients.apply(grads[0], *ctx.saved_tensors[:3], values))
        return (None, *(next(made) if g is not None else None for g in found[1:]))


def _kernel_layout(grads: tuple[Any, ...]) -> tuple[Any, ...]:
    """The fused kernel's gradients for query, key and value, each (B, H, L, E) stored as
    (B, L, H, E): ``empty({B, L, H, E}).transpose(1, 2)``, as PyTorch's kernel allocates them."""
    return tuple(Tensor._make(copy_in_layout(g._xp, g._data, [3, 1, 2, 0]))
                 if isinstance(g, Tensor) else g for g in grads)


class _FlashGradients(Function):
    """The fused kernel's gradients (given), recorded without a derivative (PyTorch's
    ``derivative for aten::_scaled_dot_product_flash_attention_for_cpu_backward is not
    implemented``)."""

    node_name = "NotImplemented"
    non_inputs = (4,)

    @staticmethod
    def forward(ctx: Any, grad: Tensor, q: Tensor, k: Tensor, v: Tensor,
                values: tuple[Any, ...]) -> Any:
        return tuple(value for value in values if value is not None)

    @staticmethod
    def backward(ctx: Any, *grads: Any) -> Any:
        raise RuntimeError("derivative for aten::_scaled_dot_product_flash_attention_for_cpu"
                           "_backward is not implemented")


def _flash_on_cpu(query: Tensor, key: Tensor, value: Tensor, attn_mask: Tensor | None,
                  dropout_p: float) -> bool:
    """Whether PyTorch runs this call through its fused CPU kernel: 4-D inputs of one batch
    and head count, one head size, no empty sequence, rows stored contiguously, no dropout,
    a mask that needs no gradient, and the flash backend allowed."""
    tensors = (query, key, value)
    return (query.device.type == "cpu" and dropout_p == 0.0
            and sdpa_backends.SDPBackend.FLASH_ATTENTION in sdpa_backends._enabled[0]
            and all(t.dim() == 4 for t in tensors)
            and len({t.shape[:2] for t in tensors}) == 1
            and len({t.shape[-1] for t in tensors}) == 1
            and query.shape[-2] > 0 and key.shape[-2] > 0
            and all(t.stride()[-1] == 1 for t in tensors)
            and not (attn_mask is not None and attn_mask.requires_grad))


# ---- multi-head attention ------------------------------------------------------------------


def _none_or_dtype(input: Tensor | None) -> Any:  # noqa: A002
    if input is None:
        return None
    if isinstance(input, Tensor):
        return input.dtype
    raise RuntimeError("input to _none_or_dtype() must be None or torch.Tensor")


def _canonical_mask(mask: Tensor | None, mask_name: str, other_type: Any, other_name: str,
                    target_type: Any, check_other: bool = True) -> Tensor | None:
    """A bool mask (``True`` = ignore, the opposite of SDPA's) as 0 / -∞ floats; a float mask
    as it is. PyTorch warns when two masks of one call have different types."""
    if mask is None:
        return None
    is_float = mask.is_floating_point()
    if mask.dtype != dtypes.bool_ and not is_float:
        raise AssertionError(f"only bool and floating types of {mask_name} are supported")
    if check_other and other_type is not None and mask.dtype != other_type:
        warnings.warn(f"Support for mismatched {mask_name} and {other_name} is deprecated. "
                      "Use same type for both instead.", stacklevel=2)
    if not is_float:
        mask = zeros_like(mask, dtype=target_type).masked_fill_(mask, -math.inf)
    return mask


def _mha_shape_check(query: Tensor, key: Tensor, value: Tensor,
                     key_padding_mask: Tensor | None, attn_mask: Tensor | None,
                     num_heads: int) -> bool:
    """Whether the input is batched (3-D query) or not (2-D); PyTorch's errors otherwise."""
    if query.dim() == 3:
        if key.dim() != 3 or value.dim() != 3:
            raise AssertionError(
                "For batched (3-D) `query`, expected `key` and `value` to be 3-D but found "
                f"{key.dim()}-D and {value.dim()}-D tensors respectively")
        if key_padding_mask is not None and key_padding_mask.dim() != 2:
            raise AssertionError(
                "For batched (3-D) `query`, expected `key_padding_mask` to be `None` or 2-D "
                f"but found {key_padding_mask.dim()}-D tensor instead")
        if attn_mask is not None and attn_mask.dim() not in (2, 3):
            raise AssertionError(
                "For batched (3-D) `query`, expected `attn_mask` to be `None`, 2-D or 3-D "
                f"but found {attn_mask.dim()}-D tensor instead")
        return True
    if query.dim() == 2:
        if key.dim() != 2 or value.dim() != 2:
            raise AssertionError(
                "For unbatched (2-D) `query`, expected `key` and `value` to be 2-D but found "
                f"{key.dim()}-D and {value.dim()}-D tensors respectively")
        if key_padding_mask is not None and key_padding_mask.dim() != 1:
            raise AssertionError(
                "For unbatched (2-D) `query`, expected `key_padding_mask` to be `None` or 1-D "
                f"but found {key_padding_mask.dim()}-D tensor instead")
        if attn_mask is not None:
            if attn_mask.dim() not in (2, 3):
                raise AssertionError(
                    "For unbatched (2-D) `query`, expected `attn_mask` to be `None`, 2-D or "
                    f"3-D but found {attn_mask.dim()}-D tensor instead")
            expected = (num_heads, query.shape[0], key.shape[0])
            if attn_mask.dim() == 3 and tuple(attn_mask.shape) != expected:
                raise AssertionError(f"Expected `attn_mask` shape to be {expected} but got "
                                     f"{attn_mask.shape}")
        return False
    raise AssertionError("query should be unbatched 2D or batched 3D tensor but received "
                         f"{query.dim()}-D query tensor")


def _in_projection_packed(q: Tensor, k: Tensor, v: Tensor, w: Tensor,
                          b: Tensor | None = None) -> tuple[Tensor, Tensor, Tensor]:
    """q Wqᵀ + bq, k Wkᵀ + bk, v Wvᵀ + bv with W = [Wq; Wk; Wv] packed in one (3E, E) matrix.
    Self-attention (q is k is v) does one product and splits it, as PyTorch does."""
    from .functional import linear

    size = q.shape[-1]
    if k is v:
        if q is k:
            proj = linear(q, w, b).unflatten(-1, (3, size)).unsqueeze(0).transpose(0, -2)
            proj = proj.squeeze(-2).contiguous()
            return proj[0], proj[1], proj[2]
        w_q, w_kv = w.split([size, size * 2])
        b_q, b_kv = (None, None) if b is None else b.split([size, size * 2])
        kv = linear(k, w_kv, b_kv).unflatten(-1, (2, size)).unsqueeze(0).transpose(0, -2)
        kv = kv.squeeze(-2).contiguous()
        return linear(q, w_q, b_q), kv[0], kv[1]
    w_q, w_k, w_v = w.chunk(3)
    b_q, b_k, b_v = (None, None, None) if b is None else b.chunk(3)
    return linear(q, w_q, b_q), linear(k, w_k, b_k), linear(v, w_v, b_v)


def _in_projection(q: Tensor, k: Tensor, v: Tensor, w_q: Tensor, w_k: Tensor, w_v: Tensor,
                   b_q: Tensor | None = None, b_k: Tensor | None = None,
                   b_v: Tensor | None = None) -> tuple[Tensor, Tensor, Tensor]:
    """Three separate projections (``kdim``/``vdim`` other than ``embed_dim``), their weights
    and biases checked as PyTorch does."""
    from .functional import linear

    eq, ek, ev = q.size(-1), k.size(-1), v.size(-1)
    for name, t, shape in (("query weights", w_q, (eq, eq)), ("key weights", w_k, (eq, ek)),
                           ("value weights", w_v, (eq, ev)), ("query bias", b_q, (eq,)),
                           ("key bias", b_k, (eq,)), ("value bias", b_v, (eq,))):
        if t is not None and tuple(t.shape) != shape:
            raise AssertionError(f"expecting {name} shape of {shape}, but got {t.shape}")
    return linear(q, w_q, b_q), linear(k, w_k, b_k), linear(v, w_v, b_v)


def _attn_mask_3d(attn_mask: Tensor, tgt_len: int, src_len: int, batch_heads: int) -> Tensor:
    """A 2-D (L, S) mask as (1, L, S); a 3-D one must be (N·heads, L, S)."""
    if attn_mask.dim() == 2:
        if tuple(attn_mask.shape) != (tgt_len, src_len):
            raise RuntimeError(f"The shape of the 2D attn_mask is {attn_mask.shape}, but should "
                               f"be {(tgt_len, src_len)}.")
        return attn_mask.unsqueeze(0)
    if attn_mask.dim() == 3:
        if tuple(attn_mask.shape) != (batch_heads, tgt_len, src_len):
            raise RuntimeError(f"The shape of the 3D attn_mask is {attn_mask.shape}, but should "
                               f"be {(batch_heads, tgt_len, src_len)}.")
        return attn_mask
    raise RuntimeError(f"attn_mask's dimension {attn_mask.dim()} is not supported")


def multi_head_attention_forward(
    query: Tensor, key: Tensor, value: Tensor, embed_dim_to_check: int, num_heads: int,
    in_proj_weight: Tensor | None, in_proj_bias: Tensor | None, bias_k: Tensor | None,
    bias_v: Tensor | None, add_zero_attn: bool, dropout_p: float, out_proj_weight: Tensor,
    out_proj_bias: Tensor | None, training: bool = True,
    key_padding_mask: Tensor | None = None, need_weights: bool = True,
    attn_mask: Tensor | None = None, use_separate_proj_weight: bool = False,
    q_proj_weight: Tensor | None = None, k_proj_weight: Tensor | None = None,
    v_proj_weight: Tensor | None = None, static_k: Tensor | None = None,
    static_v: Tensor | None = None, average_attn_weights: bool = True,
    is_causal: bool = False,
) -> tuple[Tensor, Tensor | None]:
    """Multi-head attention on (L, N, E) query and (S, N, E) key/value (or unbatched 2-D)::

        q, k, v = query Wqᵀ + bq, key Wkᵀ + bk, value Wvᵀ + bv      (each (·, N, E))
        split E into num_heads heads of E/num_heads features: (N·heads, L or S, E/heads)
        head = softmax(q kᵀ / √(E/heads) + masks) v                  (per head)
        out = concat(heads) W_outᵀ + b_out                            (L, N, E)

    ``key_padding_mask`` (N, S) hides padded keys, ``attn_mask`` (L, S) or (N·heads, L, S)
    hides pairs; bool masks mean ``True`` = ignore. With ``need_weights`` the weights are
    computed here (``baddbmm``/``bmm``, ``softmax``) and returned, averaged over the heads
    unless ``average_attn_weights=False``; without, ``scaled_dot_product_attention`` runs.
    """
    from .functional import dropout, linear, pad

    is_batched = _mha_shape_check(query, key, value, key_padding_mask, attn_mask, num_heads)
    if not is_batched:
        query, key, value = query.unsqueeze(1), key.unsqueeze(1), value.unsqueeze(1)
        if key_padding_mask is not None:
            key_padding_mask = key_padding_mask.unsqueeze(0)
    tgt_len, bsz, embed_dim = query.shape
    src_len = key.shape[0]
    key_padding_mask = _canonical_mask(key_padding_mask, "key_padding_mask",
                                       _none_or_dtype(attn_mask), "attn_mask", query.dtype)
    if is_causal and attn_mask is None:
        raise RuntimeError(
            "Need attn_mask if specifying the is_causal hint. You may use the Transformer "
            "module method `generate_square_subsequent_mask` to create this mask.")
    if is_causal and key_padding_mask is None and not need_weights:
        attn_mask = None  # scaled_dot_product_attention makes the causal mask itself
    else:
        attn_mask = _canonical_mask(attn_mask, "attn_mask", None, "", query.dtype,
                                    check_other=False)
        if key_padding_mask is not None:
            is_causal = False
    if embed_dim != embed_dim_to_check:
        raise AssertionError(f"was expecting embedding dimension of {embed_dim_to_check}, but "
                             f"got {embed_dim}")
    head_dim = embed_dim // num_heads
    if head_dim * num_heads != embed_dim:
        raise AssertionError(f"embed_dim {embed_dim} not divisible by num_heads {num_heads}")
    if use_separate_proj_weight:
        if tuple(key.shape[:2]) != tuple(value.shape[:2]):
            raise AssertionError(f"key's sequence and batch dims {key.shape[:2]} do not match "
                                 f"value's {value.shape[:2]}")
        b_q, b_k, b_v = (None, None, None) if in_proj_bias is None else in_proj_bias.chunk(3)
        q, k, v = _in_projection(query, key, value, q_proj_weight, k_proj_weight,
                                 v_proj_weight, b_q, b_k, b_v)
    else:
        if tuple(key.shape) != tuple(value.shape):
            raise AssertionError(f"key shape {key.shape} does not match value shape "
                                 f"{value.shape}")
        q, k, v = _in_projection_packed(query, key, value, in_proj_weight, in_proj_bias)
    if attn_mask is not None:
        attn_mask = _attn_mask_3d(attn_mask, tgt_len, src_len, bsz * num_heads)
    if bias_k is not None and bias_v is not None:  # one learned key/value more
        k = ops.cat([k, bias_k.repeat(1, bsz, 1)])
        v = ops.cat([v, bias_v.repeat(1, bsz, 1)])
        attn_mask = None if attn_mask is None else pad(attn_mask, (0, 1))
        key_padding_mask = None if key_padding_mask is None else pad(key_padding_mask, (0, 1))
    q = q.view(tgt_len, bsz * num_heads, head_dim).transpose(0, 1)
    k = (k.view(k.shape[0], bsz * num_heads, head_dim).transpose(0, 1)
         if static_k is None else static_k)
    v = (v.view(v.shape[0], bsz * num_heads, head_dim).transpose(0, 1)
         if static_v is None else static_v)
    if add_zero_attn:  # one all-zero key/value more
        shape = (bsz * num_heads, 1, head_dim)
        k = ops.cat([k, zeros(tuple(shape), dtype=k.dtype, device=k.device)], dim=1)
        v = ops.cat([v, zeros(tuple(shape), dtype=v.dtype, device=v.device)], dim=1)
        attn_mask = None if attn_mask is None else pad(attn_mask, (0, 1))
        key_padding_mask = None if key_padding_mask is None else pad(key_padding_mask, (0, 1))
    src_len = k.shape[1]
    if key_padding_mask is not None:
        if key_padding_mask.shape[0] != bsz:
            raise AssertionError(f"Expected key_padded_mask.shape[0] to be {bsz}, but got "
                                 f"{key_padding_mask.shape[0]}")
        if key_padding_mask.shape[1] != src_len:
            raise AssertionError(f"Expected key_padded_mask.shape[1] to be {src_len}, but got "
                                 f"{key_padding_mask.shape[1]}")
        key_padding_mask = (key_padding_mask.view(bsz, 1, 1, src_len)
                            .expand(-1, num_heads, -1, -1).reshape(bsz * num_heads, 1, src_len))
        attn_mask = key_padding_mask if attn_mask is None else attn_mask + key_padding_mask
    if not training:
        dropout_p = 0.0
    if need_weights:
        q_scaled = q * math.sqrt(1.0 / float(q.shape[-1]))
        if is_causal and attn_mask is None:
            raise AssertionError("FIXME: is_causal not implemented for need_weights")
        if attn_mask is not None:
            weights = baddbmm(attn_mask, q_scaled, k.transpose(-2, -1))
        else:
            weights = ops.bmm(q_scaled, k.transpose(-2, -1))
        weights = ops.softmax(weights, -1)
        if dropout_p > 0.0:
            weights = dropout(weights, p=dropout_p)
        out = ops.bmm(weights, v).transpose(0, 1).reshape(tgt_len * bsz, embed_dim)
        out = linear(out, out_proj_weight, out_proj_bias)
        out = out.view(tgt_len, bsz, out.shape[1])
        weights = weights.view(bsz, num_heads, tgt_len, src_len)
        if average_attn_weights:
            weights = weights.mean(dim=1)
        if not is_batched:
            out, weights = out.squeeze(1), weights.squeeze(0)
        return out, weights
    if attn_mask is not None:
        if attn_mask.shape[0] == 1 and attn_mask.dim() == 3:
            attn_mask = attn_mask.unsqueeze(0)
        else:
            attn_mask = attn_mask.view(bsz, num_heads, -1, src_len)
    q = q.view(bsz, num_heads, tgt_len, head_dim)
    k = k.view(bsz, num_heads, src_len, head_dim)
    v = v.view(bsz, num_heads, src_len, head_dim)
    out = scaled_dot_product_attention(q, k, v, attn_mask, dropout_p, is_causal)
    out = out.permute(2, 0, 1, 3).reshape(bsz * tgt_len, embed_dim)
    out = linear(out, out_proj_weight, out_proj_bias)
    out = out.view(tgt_len, bsz, out.shape[1])
    if not is_batched:
        out = out.squeeze(1)
    return out, None
