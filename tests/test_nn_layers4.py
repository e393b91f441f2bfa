"""The fourth batch of nn pieces, without PyTorch: ``F.scaled_dot_product_attention``,
``nn.MultiheadAttention`` and the transformer layers.

Values are worked from the formulas with NumPy; gradients (and gradients of gradients) are
checked against finite differences in float64. tests/test_torch_sweep_nn4.py compares the
same pieces with PyTorch's printed output.
"""

from __future__ import annotations

import copy

import numpy as np
import pytest

import autograd_kit as ak
from autograd_kit import nn
from autograd_kit.autograd import gradcheck, gradgradcheck
from autograd_kit.nn import functional as F
from tests.layer_helpers import host, rand64


def attention_by_hand(q: np.ndarray, k: np.ndarray, v: np.ndarray,
                      mask: np.ndarray | None = None, scale: float | None = None) -> np.ndarray:
    scores = q @ np.swapaxes(k, -1, -2) * (scale or 1 / np.sqrt(q.shape[-1]))
    if mask is not None:
        scores = scores + mask
    e = np.exp(scores - scores.max(-1, keepdims=True))
    return (e / e.sum(-1, keepdims=True)) @ v


def node_names(t: ak.Tensor) -> set[str]:
    seen, todo, names = set(), [t.grad_fn], set()
    while todo:
        node = todo.pop()
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        names.add(type(node).__name__)
        todo.extend(n for n, _ in node.next_functions)
    return names


# ---- scaled_dot_product_attention ---------------------------------------------------------

def test_attention_is_softmax_of_scaled_scores_times_values() -> None:
    q, k, v = rand64(2, 3, 4), rand64(2, 5, 4, seed=1), rand64(2, 5, 2, seed=2)
    out = F.scaled_dot_product_attention(q, k, v)
    np.testing.assert_allclose(host(out), attention_by_hand(host(q), host(k), host(v)))
    mask = rand64(3, 5, seed=3, requires_grad=False)
    out = F.scaled_dot_product_attention(q, k, v, attn_mask=mask, scale=0.3)
    np.testing.assert_allclose(host(out), attention_by_hand(host(q), host(k), host(v),
                                                            host(mask), 0.3))


def test_a_bool_mask_keeps_true_and_hides_false() -> None:
    q, k, v = rand64(1, 3, 4), rand64(1, 3, 4, seed=1), rand64(1, 3, 4, seed=2)
    keep = ak.tensor([[True, False, True], [True, True, False], [False, True, True]])
    as_float = ak.zeros(3, 3, dtype=ak.float64).masked_fill(keep.logical_not(), float("-inf"))
    a = F.scaled_dot_product_attention(q, k, v, attn_mask=keep)
    b = F.scaled_dot_product_attention(q, k, v, attn_mask=as_float)
    np.testing.assert_allclose(host(a), host(b))


def test_is_causal_is_the_lower_triangle_mask() -> None:
    q, k, v = rand64(2, 4, 3), rand64(2, 4, 3, seed=1), rand64(2, 4, 3, seed=2)
    a = F.scaled_dot_product_attention(q, k, v, is_causal=True)
    b = F.scaled_dot_product_attention(q, k, v, attn_mask=ak.ones(4, 4, dtype=ak.bool).tril())
    np.testing.assert_allclose(host(a), host(b))
    np.testing.assert_allclose(host(a)[:, 0], host(v)[:, 0])  # the first query sees key 0


def test_a_fully_masked_row_gives_zeros_and_finite_gradients() -> None:
    q = rand64(2, 3, 4)
    mask = ak.tensor([[True, True, False], [False, False, False], [True, True, True]])
    out = F.scaled_dot_product_attention(q, q, q, attn_mask=mask)
    assert np.all(host(out)[:, 1] == 0)
    out.sum().backward()
    assert np.all(np.isfinite(host(q.grad)))
    assert "SafeSoftmaxBackward0" in node_names(out)


@pytest.mark.parametrize("kwargs", [{}, {"is_causal": True}, {"scale": -0.7}])
def test_attention_gradients(kwargs: dict) -> None:
    q, k, v = rand64(2, 3, 4), rand64(2, 5, 4, seed=1), rand64(2, 5, 2, seed=2)
    fn = lambda q, k, v: F.scaled_dot_product_attention(q, k, v, **kwargs)  # noqa: E731
    assert gradcheck(fn, (q, k, v))
    assert gradgradcheck(fn, (q, k, v))


def test_a_float_mask_gets_its_gradient_summed_over_the_batch() -> None:
    q, k, v, mask = rand64(2, 3, 4), rand64(2, 5, 4, seed=1), rand64(2, 5, 2, seed=2), rand64(3, 5)
    assert gradcheck(lambda m: F.scaled_dot_product_attention(q, k, v, attn_mask=m), (mask,))


def test_attention_dropout_zeroes_weights_and_rescales() -> None:
    q = rand64(1, 4, 3)
    v = ak.eye(4, dtype=ak.float64).unsqueeze(0)  # out = the weights themselves
    ak.manual_seed(3)
    dropped = host(F.scaled_dot_product_attention(q, q, v, dropout_p=0.5))
    full = host(F.scaled_dot_product_attention(q, q, v))
    assert np.all((dropped == 0) | np.isclose(dropped, 2 * full))
    assert (dropped == 0).any()


def test_attention_checks_dtypes_and_dimensions() -> None:
    q = ak.randn(2, 3, 4)
    with pytest.raises(RuntimeError, match="query.dtype: float key.dtype: float and "
                                           "value.dtype: double"):
        F.scaled_dot_product_attention(q, q, q.double())
    with pytest.raises(RuntimeError, match="at least 2 dimensional"):
        F.scaled_dot_product_attention(q[0, 0], q[0, 0], q[0, 0])
    with pytest.raises(RuntimeError, match="Explicit attn_mask should not be set"):
        F.scaled_dot_product_attention(q, q, q, attn_mask=ak.ones(3, 3), is_causal=True)


# ---- MultiheadAttention -------------------------------------------------------------------

def test_multihead_attention_parameters_and_starting_values() -> None:
    m = nn.MultiheadAttention(6, 3)
    assert list(m.state_dict()) == ["in_proj_weight", "in_proj_bias", "out_proj.weight",
                                    "out_proj.bias"]
    assert tuple(m.in_proj_weight.shape) == (18, 6) and m.head_dim == 2
    bound = np.sqrt(6 / (18 + 6))  # Xavier-uniform over (3E, E)
    assert np.abs(host(m.in_proj_weight)).max() <= bound
    assert np.all(host(m.in_proj_bias) == 0) and np.all(host(m.out_proj.bias) == 0)
    assert type(m.out_proj).__name__ == "NonDynamicallyQuantizableLinear"
    other = nn.MultiheadAttention(4, 2, bias=False, add_bias_kv=True, kdim=3, vdim=5)
    assert [(n, tuple(p.shape)) for n, p in other.named_parameters()] == [
        ("q_proj_weight", (4, 4)), ("k_proj_weight", (4, 3)), ("v_proj_weight", (4, 5)),
        ("bias_k", (1, 1, 4)), ("bias_v", (1, 1, 4)), ("out_proj.weight", (4, 4))]
    with pytest.raises(AssertionError, match="embed_dim must be divisible by num_heads"):
        nn.MultiheadAttention(5, 2)


def mha_by_hand(m: nn.MultiheadAttention, q: np.ndarray, k: np.ndarray,
                v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(L, E) query, (S, E) key/value, one sample: the heads worked one by one."""
    w, b = host(m.in_proj_weight), host(m.in_proj_bias)
    e, h = m.embed_dim, m.num_heads
    d = e // h
    qp, kp, vp = q @ w[:e].T + b[:e], k @ w[e:2 * e].T + b[e:2 * e], v @ w[2 * e:].T + b[2 * e:]
    heads, weights = [], []
    for i in range(h):
        cut = slice(i * d, (i + 1) * d)
        s = qp[:, cut] @ kp[:, cut].T / np.sqrt(d)
        a = np.exp(s - s.max(-1, keepdims=True))
        a /= a.sum(-1, keepdims=True)
        heads.append(a @ vp[:, cut])
        weights.append(a)
    out = np.concatenate(heads, -1) @ host(m.out_proj.weight).T + host(m.out_proj.bias)
    return out, np.mean(weights, 0)


def test_multihead_attention_is_heads_side_by_side() -> None:
    ak.manual_seed(0)
    m = nn.MultiheadAttention(6, 3).double()
    with ak.no_grad():
        m.in_proj_bias.copy_(rand64(18, requires_grad=False))
    q, k = rand64(4, 1, 6), rand64(5, 1, 6, seed=1)
    out, w = m(q, k, k)
    want_out, want_w = mha_by_hand(m, host(q)[:, 0], host(k)[:, 0], host(k)[:, 0])
    np.testing.assert_allclose(host(out)[:, 0], want_out)
    np.testing.assert_allclose(host(w)[0], want_w)
    np.testing.assert_allclose(host(w).sum(-1), 1.0)
    out2, none = m(q, k, k, need_weights=False)  # the scaled_dot_product_attention path
    assert none is None
    np.testing.assert_allclose(host(out2), host(out))
    per_head = m(q, k, k, average_attn_weights=False)[1]
    assert tuple(per_head.shape) == (1, 3, 4, 5)
    np.testing.assert_allclose(host(per_head.mean(1)), host(w))


def test_batch_first_and_unbatched_inputs_agree_with_sequence_first() -> None:
    ak.manual_seed(0)
    m = nn.MultiheadAttention(4, 2).double()
    x = rand64(3, 2, 4)
    out, w = m(x, x, x)
    m.batch_first = True
    out_bf, w_bf = m(x.transpose(0, 1), x.transpose(0, 1), x.transpose(0, 1))
    np.testing.assert_allclose(host(out_bf.transpose(0, 1)), host(out))
    np.testing.assert_allclose(host(w_bf), host(w))
    out_one, w_one = m(x[:, 1], x[:, 1], x[:, 1])  # batch_first is ignored when unbatched
    np.testing.assert_allclose(host(out_one), host(out)[:, 1])
    np.testing.assert_allclose(host(w_one), host(w)[1])


def test_padded_keys_do_not_change_the_output() -> None:
    ak.manual_seed(0)
    m = nn.MultiheadAttention(4, 2).double()
    q, kv = rand64(3, 1, 4), rand64(4, 1, 4, seed=1)
    pad = ak.tensor([[False, False, True, True]])
    out, w = m(q, kv, kv, key_padding_mask=pad)
    changed = kv.detach().clone()
    changed[2:] = 100.0
    out2, _ = m(q, changed, changed, key_padding_mask=pad)
    np.testing.assert_allclose(host(out), host(out2))
    assert np.all(host(w)[..., 2:] == 0)
    np.testing.assert_allclose(host(out), host(m(q, kv[:2], kv[:2])[0]))


@pytest.mark.parametrize("need_weights", [True, False])
def test_multihead_attention_gradients(need_weights: bool) -> None:
    ak.manual_seed(0)
    m = nn.MultiheadAttention(4, 2, add_bias_kv=True).double()
    q, kv = rand64(3, 2, 4), rand64(5, 2, 4, seed=1)
    pad = ak.tensor([[0.0, 0.0, 0.0, float("-inf"), float("-inf")], [0.0] * 5],
                    dtype=ak.float64)
    mask = rand64(3, 5, seed=2, requires_grad=False)

    def fn(q, kv, w_in, bias_k):
        return F.multi_head_attention_forward(
            q, kv, kv, 4, 2, w_in, m.in_proj_bias, bias_k, m.bias_v, True, 0.0,
            m.out_proj.weight, m.out_proj.bias, key_padding_mask=pad, attn_mask=mask,
            need_weights=need_weights)[0]

    assert gradcheck(fn, (q, kv, m.in_proj_weight, m.bias_k))


def test_the_weights_path_records_baddbmm_and_softmax() -> None:
    m = nn.MultiheadAttention(4, 2)
    x = ak.randn(3, 2, 4)
    out, w = m(x, x, x, attn_mask=ak.zeros(3, 3))
    assert {"BaddbmmBackward0", "SoftmaxBackward0", "MeanBackward1"} <= node_names(w)
    # without the weights PyTorch runs its fused CPU attention kernel: one node
    fused = "ScaledDotProductFlashAttentionForCpuBackward0"
    assert fused in node_names(m(x, x, x, need_weights=False)[0])


def test_multihead_attention_errors() -> None:
    m = nn.MultiheadAttention(4, 2)
    x = ak.randn(3, 2, 4)
    with pytest.raises(AssertionError, match="only bool and floating types of key_padding_mask"):
        m(x, x, x, key_padding_mask=ak.zeros(2, 3, dtype=ak.int64))
    with pytest.raises(RuntimeError, match=r"The shape of the 2D attn_mask is .* should be "
                                           r"\(3, 3\)"):
        m(x, x, x, attn_mask=ak.zeros(3, 4))
    with pytest.raises(RuntimeError, match="Need attn_mask if specifying the is_causal hint"):
        m(x, x, x, is_causal=True)
    with pytest.raises(AssertionError, match="was expecting embedding dimension of 4, but got 5"):
        m(ak.randn(3, 2, 5), ak.randn(3, 2, 5), ak.randn(3, 2, 5))


# ---- dropout draws in memory order --------------------------------------------------------

def test_dropout_of_a_transposed_tensor_draws_in_memory_order() -> None:
    ak.manual_seed(5)
    a = F.dropout(ak.ones(3, 4), 0.5)
    ak.manual_seed(5)
    b = F.dropout(ak.ones(3, 4).t(), 0.5)
    np.testing.assert_array_equal(host(b), host(a).T)
    ak.manual_seed(5)
    c = F.dropout(ak.ones(4, 6)[:, ::2], 0.5)  # not dense: drawn in index order
    ak.manual_seed(5)
    np.testing.assert_array_equal(host(c), host(F.dropout(ak.ones(4, 3), 0.5)))


# ---- transformer layers -------------------------------------------------------------------

def test_square_subsequent_mask() -> None:
    mask = host(nn.Transformer.generate_square_subsequent_mask(3))
    np.testing.assert_array_equal(mask, [[0, -np.inf, -np.inf], [0, 0, -np.inf], [0, 0, 0]])
    assert nn.Transformer.generate_square_subsequent_mask(2, dtype=ak.float64).dtype == ak.float64


@pytest.mark.parametrize("norm_first", [False, True])
def test_encoder_layer_is_attention_then_feed_forward(norm_first: bool) -> None:
    ak.manual_seed(0)
    m = nn.TransformerEncoderLayer(4, 2, 8, dropout=0.0, norm_first=norm_first).double()
    x = rand64(3, 2, 4)
    sa = lambda y: m.self_attn(y, y, y)[0]  # noqa: E731
    ff = lambda y: m.linear2(F.relu(m.linear1(y)))  # noqa: E731
    if norm_first:
        y = x + sa(m.norm1(x))
        want = y + ff(m.norm2(y))
    else:
        y = m.norm1(x + sa(x))
        want = m.norm2(y + ff(y))
    np.testing.assert_allclose(host(m(x)), host(want))
    assert gradcheck(lambda x: m(x), (x,))


def test_a_causal_encoder_does_not_look_ahead() -> None:
    ak.manual_seed(0)
    layer = nn.TransformerEncoderLayer(4, 2, 8, 0.0)
    m = nn.TransformerEncoder(layer, 2, enable_nested_tensor=False).double()
    x = rand64(4, 1, 4)
    out = m(x, mask=nn.Transformer.generate_square_subsequent_mask(4, dtype=ak.float64))
    (out[1] * ak.arange(4.0, dtype=ak.float64)).sum().backward()  # after LayerNorm: weighted
    assert np.all(host(x.grad)[2:] == 0) and np.any(host(x.grad)[:2] != 0)


def test_encoder_layers_are_independent_deep_copies() -> None:
    layer = nn.TransformerEncoderLayer(4, 2, 8)
    m = nn.TransformerEncoder(layer, 3, norm=nn.LayerNorm(4), enable_nested_tensor=False)
    first, second = m.layers[0], m.layers[1]
    assert first is not layer and first.linear1.weight is not second.linear1.weight
    np.testing.assert_array_equal(host(first.linear1.weight), host(second.linear1.weight))
    assert len(list(m.parameters())) == 3 * len(list(layer.parameters())) + 2
    with ak.no_grad():
        first.linear1.weight.add_(1.0)
    assert not np.array_equal(host(first.linear1.weight), host(second.linear1.weight))
    assert "(0-2): 3 x TransformerEncoderLayer(" in repr(m)


def test_encoder_warns_when_nested_tensors_cannot_be_used() -> None:
    with pytest.warns(UserWarning, match="batch_first was not True"):
        m = nn.TransformerEncoder(nn.TransformerEncoderLayer(4, 2, 8), 1)
    assert m.use_nested_tensor is False


def test_decoder_and_transformer_shapes_gradients_and_copies() -> None:
    ak.manual_seed(0)
    layer = nn.TransformerDecoderLayer(4, 2, 8, 0.0, "gelu", batch_first=True).double()
    tgt, mem = rand64(2, 3, 4), rand64(2, 5, 4, seed=1)
    assert gradcheck(lambda t, m: layer(t, m), (tgt, mem))
    model = nn.Transformer(4, 2, 1, 2, 8, 0.0, batch_first=True).double()
    out = model(mem, tgt, tgt_mask=model.generate_square_subsequent_mask(3, dtype=ak.float64))
    assert tuple(out.shape) == (2, 3, 4)
    assert len(model.decoder.layers) == 2 and model.decoder.norm is not None
    with pytest.raises(RuntimeError, match="the batch number of src and tgt must be equal"):
        model(mem, rand64(1, 3, 4))


@pytest.mark.filterwarnings("ignore:enable_nested_tensor is True")
def test_a_transformer_survives_deepcopy_and_state_dict() -> None:
    ak.manual_seed(0)
    m = nn.Transformer(4, 2, 1, 1, 8, 0.0)
    twin = copy.deepcopy(m)
    assert list(twin.state_dict()) == list(m.state_dict())
    fresh = nn.Transformer(4, 2, 1, 1, 8, 0.0)
    fresh.load_state_dict(m.state_dict())
    src, tgt = ak.randn(5, 2, 4), ak.randn(3, 2, 4)
    np.testing.assert_allclose(host(fresh(src, tgt)), host(m(src, tgt)), rtol=1e-6)


def test_inference_with_padding_zeroes_the_padded_positions_as_pytorch_does() -> None:
    ak.manual_seed(0)
    m = nn.TransformerEncoder(nn.TransformerEncoderLayer(4, 2, 8, batch_first=True), 2).eval()
    x = ak.randn(2, 3, 4)
    pad = ak.tensor([[False, False, True], [False, False, False]])
    with ak.no_grad():
        y = m(x, src_key_padding_mask=pad)
    assert np.all(host(y)[0, 2] == 0) and np.all(host(y)[1] != 0)
    np.testing.assert_allclose(host(y)[0, :2], host(m(x[:1, :2]))[0], rtol=1e-5, atol=1e-6)
    assert np.any(host(m(x, src_key_padding_mask=pad))[0, 2] != 0)  # grad on: not nested
