"""Fourth nn sweep compared with PyTorch's printed output (skipped without PyTorch).

Same comparison as tests/test_torch_scenarios.py, for attention and transformers:
``F.scaled_dot_product_attention`` (bool/float masks, ``is_causal``, ``scale``, dropout),
``nn.MultiheadAttention`` (seeded, so it starts from PyTorch's weights; masks, weights per
head, ``add_bias_kv``, ``add_zero_attn``, ``kdim``/``vdim``, errors), the transformer encoder
and decoder layers and stacks, and ``nn.Transformer``. Where float32 sums may round the last
printed digit differently, a snippet prints values rounded (``R``) or works in float64.

PyTorch runs 4-D attention without dropout through a fused CPU kernel
(``ScaledDotProductFlashAttentionForCpuBackward0``), so the snippets print values and
gradients there, not the name of the node under the output.
"""

# ruff: noqa: E501

from __future__ import annotations

import pytest

from tests.test_torch_scenarios import assert_same_as_pytorch

torch = pytest.importorskip("torch")

R = "R = lambda t: (t * 10000).round() / 10000; W = T.tensor([0.5, -1.0, 2.0, 1.5]); "
F = "F = T.nn.functional; "
MASK = "M = T.tensor([[True, False, False], [True, True, False], [False, False, False]]); "

SNIPPETS = [
    # ---- scaled_dot_product_attention
    F + 'q = T.randn(2, 3, 4, dtype=T.float64, requires_grad=True); o = F.scaled_dot_product_attention(q, q, q); print(o, o.grad_fn); o.sum().backward(); print(q.grad)',
    F + R + 'q = T.randn(2, 3, 4, requires_grad=True); o = F.scaled_dot_product_attention(q, q * 2, q, is_causal=True); print(R(o), o.grad_fn); o.sum().backward(); print(R(q.grad))',
    F + R + MASK + 'q = T.randn(2, 3, 4, requires_grad=True); o = F.scaled_dot_product_attention(q, q, q, attn_mask=M); print(R(o)); o.sum().backward(); print(R(q.grad))',
    F + R + 'q = T.randn(2, 3, 4, requires_grad=True); o = F.scaled_dot_product_attention(q, q, q, dropout_p=0.4, scale=0.3); print(R(o), o.grad_fn); o.sum().backward(); print(R(q.grad))',
    F + 'q, k, v = (T.randn(2, 2, 3, 4, dtype=T.float64, requires_grad=True) for _ in range(3)); o = F.scaled_dot_product_attention(q, k, v, attn_mask=T.randn(3, 3, dtype=T.float64)); o.pow(2).sum().backward(); print(o.detach(), q.grad, k.grad, v.grad)',
    F + 'q = T.randn(1, 2, 3, 4, dtype=T.float64, requires_grad=True); o = F.scaled_dot_product_attention(q, q, q, attn_mask=T.tensor([[True, False, False], [False, False, False], [True, True, True]])); print(o.detach()); o.sum().backward(); print(q.grad)',
    F + 'q = T.randn(3, 4, dtype=T.float64); k = T.randn(5, 4, dtype=T.float64); v = T.randn(5, 2, dtype=T.float64, requires_grad=True); o = F.scaled_dot_product_attention(q, k, v, is_causal=True, scale=-0.5); print(o); o.sum().backward(); print(v.grad)',
    F + 'm = T.randn(3, 3, requires_grad=True); q = T.randn(2, 3, 4); o = F.scaled_dot_product_attention(q, q, q, attn_mask=m); o.sum().backward(); print(T.allclose(m.grad, m.grad), m.grad.shape, (m.grad * 1000).round())',
    F + 'q = T.randn(2, 3, 4); F.scaled_dot_product_attention(q, q, q.double())',
    F + 'q = T.randn(4); F.scaled_dot_product_attention(q, q, q)',
    F + 'q = T.randn(2, 3, 4); F.scaled_dot_product_attention(q, q, q, attn_mask=T.ones(3, 3), is_causal=True)',
    # ---- MultiheadAttention: seeded weights, values, gradients, reprs
    R + 'm = T.nn.MultiheadAttention(4, 2, batch_first=True); print(m, list(m.state_dict())); x = T.randn(2, 3, 4); out, w = m(x, x, x); print(out, w, w.grad_fn, out.grad_fn); out.sum().backward(); print(R(m.in_proj_weight.grad), m.out_proj.weight.grad)',
    R + 'm = T.nn.MultiheadAttention(6, 3); print(m.in_proj_weight, m.in_proj_bias, m.out_proj.weight, m.out_proj.bias); q = T.randn(4, 2, 6); k = T.randn(5, 2, 6, requires_grad=True); out, w = m(q, k, k); print(R(out), R(w)); (out * out).sum().backward(); print(R(k.grad), R(m.in_proj_bias.grad).abs())',
    R + 'm = T.nn.MultiheadAttention(4, 2).double(); q, k, v = T.randn(3, 2, 4, dtype=T.float64), T.randn(5, 2, 4, dtype=T.float64), T.randn(5, 2, 4, dtype=T.float64); out, w = m(q, k, v, average_attn_weights=False); print(R(out), w.shape, R(w[1, 0])); out.sum().backward(); print(R(m.in_proj_weight.grad))',
    R + 'm = T.nn.MultiheadAttention(4, 2).double(); x = T.randn(3, 4, dtype=T.float64, requires_grad=True); out, w = m(x, x, x); print(R(out), R(w)); out.sum().backward(); print(R(x.grad))',
    R + 'm = T.nn.MultiheadAttention(4, 2).double(); x = T.randn(3, 2, 4, dtype=T.float64); out, w = m(x, x, x, need_weights=False); print(R(out), w); out.sum().backward(); print(R(m.in_proj_weight.grad), R(m.out_proj.bias.grad))',
    R + MASK + 'm = T.nn.MultiheadAttention(4, 2, batch_first=True).double(); x = T.randn(2, 3, 4, dtype=T.float64); kp = T.tensor([[False, False, True], [False, True, True]]); out, w = m(x, x, x, key_padding_mask=kp, attn_mask=M); print(R(out), R(w)); out.sum().backward(); print(R(m.in_proj_weight.grad))',
    R + 'm = T.nn.MultiheadAttention(4, 2, batch_first=True).double(); x = T.randn(2, 3, 4, dtype=T.float64); kp = T.tensor([[False, False, True], [False, True, True]]); out, _ = m(x, x, x, key_padding_mask=kp, need_weights=False); print(R(out)); out.sum().backward(); print(R(m.in_proj_weight.grad))',
    R + 'm = T.nn.MultiheadAttention(4, 2).double(); x = T.randn(3, 2, 4, dtype=T.float64); am = T.randn(4, 3, 3, dtype=T.float64); out, w = m(x, x, x, attn_mask=am, average_attn_weights=False); print(R(out), R(w)); out2, _ = m(x, x, x, attn_mask=am, need_weights=False); print(T.allclose(out2, out))',
    R + 'm = T.nn.MultiheadAttention(4, 2).double(); x = T.randn(3, 2, 4, dtype=T.float64); cm = T.nn.Transformer.generate_square_subsequent_mask(3, dtype=T.float64); out, w = m(x, x, x, attn_mask=cm, is_causal=True); print(R(out), R(w)); out2, w2 = m(x, x, x, attn_mask=cm, is_causal=True, need_weights=False); print(R(out2), w2)',
    R + 'm = T.nn.MultiheadAttention(4, 2, add_bias_kv=True, add_zero_attn=True).double(); print(m, list(m.state_dict()), m.bias_k); x = T.randn(3, 2, 4, dtype=T.float64); kp = T.tensor([[False, False, True], [False, True, False]]); out, w = m(x, x, x, key_padding_mask=kp, attn_mask=T.zeros(3, 3, dtype=T.bool)); print(R(out), R(w)); out.sum().backward(); print(R(m.bias_k.grad), R(m.bias_v.grad))',
    R + 'm = T.nn.MultiheadAttention(4, 2, kdim=3, vdim=5).double(); print(m, [(n, tuple(p.shape)) for n, p in m.named_parameters()]); q, k, v = T.randn(2, 1, 4, dtype=T.float64), T.randn(3, 1, 3, dtype=T.float64), T.randn(3, 1, 5, dtype=T.float64); out, w = m(q, k, v); print(R(out), R(w)); out.sum().backward(); print(R(m.k_proj_weight.grad), R(m.v_proj_weight.grad))',
    'm = T.nn.MultiheadAttention(4, 2, bias=False); print(m, m.in_proj_bias, m.out_proj.bias, list(m.state_dict())); x = T.randn(3, 1, 4); out, w = m(x, x, x); print(out.shape, w.shape)',
    R + 'm = T.nn.MultiheadAttention(4, 2, dropout=0.5); x = T.randn(3, 2, 4); out, w = m(x, x, x); print(R(out), R(w)); out.sum().backward(); print(R(m.in_proj_weight.grad))',
    R + 'm = T.nn.MultiheadAttention(4, 2, dropout=0.5, batch_first=True); x = T.randn(2, 3, 4); out, w = m(x, x, x, need_weights=False); print(R(out), w); out.sum().backward(); print(R(m.in_proj_weight.grad))',
    R + 'm = T.nn.MultiheadAttention(4, 2, dropout=0.5).eval(); x = T.randn(3, 2, 4); out, w = m(x, x, x); print(R(out), R(w))',
    R + 'm = T.nn.MultiheadAttention(4, 2, batch_first=True).eval(); x = T.randn(2, 3, 4)\nwith T.no_grad():\n    out, w = m(x, x, x)\nprint(R(out), R(w), out.requires_grad)',
    'm = T.nn.MultiheadAttention(4, 2); x = T.randn(3, 2, 4); m(x, x, x, key_padding_mask=T.tensor([[0, 1, 0], [0, 0, 0]]))',
    'm = T.nn.MultiheadAttention(4, 2); x = T.randn(3, 2, 4); m(x, x, x, attn_mask=T.zeros(3, 4))',
    'm = T.nn.MultiheadAttention(4, 2); x = T.randn(3, 2, 4); m(x, x, x, attn_mask=T.zeros(2, 3, 3))',
    'm = T.nn.MultiheadAttention(4, 2); x = T.randn(3, 2, 4); m(x, x, x, key_padding_mask=T.zeros(2, 4, dtype=T.bool))',
    'm = T.nn.MultiheadAttention(4, 2); x = T.randn(3, 2, 4); m(x, x, x, key_padding_mask=T.zeros(3, dtype=T.bool))',
    'm = T.nn.MultiheadAttention(4, 2); x = T.randn(3, 2, 4); m(x, x[0], x)',
    'm = T.nn.MultiheadAttention(4, 2); x = T.randn(3, 2, 4); m(x, x, x, is_causal=True)',
    'm = T.nn.MultiheadAttention(4, 2); x = T.randn(3, 2, 5); m(x, x, x)',
    'm = T.nn.MultiheadAttention(4, 2); x = T.randn(3, 2, 4); m(x, x, x[:2])',
    'm = T.nn.MultiheadAttention(4, 2); x = T.randn(4); m(x, x, x)',
    'T.nn.MultiheadAttention(5, 2)',
    'T.nn.MultiheadAttention(0, 2)',
    "import warnings\nm = T.nn.MultiheadAttention(4, 2); x = T.randn(3, 2, 4)\nwith warnings.catch_warnings(record=True) as w:\n    warnings.simplefilter('always'); out, _ = m(x, x, x, key_padding_mask=T.zeros(2, 3, dtype=T.bool), attn_mask=T.zeros(3, 3))\nprint([str(x.message) for x in w])",
    'm = T.nn.MultiheadAttention(4, 2); print(m.embed_dim, m.kdim, m.vdim, m._qkv_same_embed_dim, m.num_heads, m.head_dim, m.dropout, m.batch_first, m.bias_k, m.add_zero_attn, type(m.out_proj).__name__, isinstance(m.out_proj, T.nn.Linear))',
    'F = T.nn.functional; T.manual_seed(0); m = T.nn.MultiheadAttention(4, 2).double(); x = T.randn(3, 2, 4, dtype=T.float64); out, w = F.multi_head_attention_forward(x, x, x, 4, 2, m.in_proj_weight, m.in_proj_bias, None, None, False, 0.0, m.out_proj.weight, m.out_proj.bias); print(T.allclose(out, m(x, x, x)[0]), w.shape)',
    # ---- masks
    'print(T.nn.Transformer.generate_square_subsequent_mask(4)); print(T.nn.Transformer.generate_square_subsequent_mask(2, dtype=T.float64))',
    # ---- TransformerEncoderLayer
    R + 'm = T.nn.TransformerEncoderLayer(4, 2, dim_feedforward=8, dropout=0.0); print(m, list(m.state_dict()), m.activation_relu_or_gelu, m.norm_first); x = T.randn(3, 2, 4, requires_grad=True); y = m(x); print(R(y), y.grad_fn); (y * W).sum().backward(); print(R(x.grad), R(m.linear1.weight.grad), R(m.self_attn.in_proj_weight.grad))',
    R + 'm = T.nn.TransformerEncoderLayer(4, 2, 8, 0.0, "gelu", batch_first=True, norm_first=True).double(); x = T.randn(2, 3, 4, dtype=T.float64, requires_grad=True); y = m(x); print(R(y), y.grad_fn, m.activation_relu_or_gelu); (y * W).sum().backward(); print(R(x.grad), R(m.norm1.weight.grad))',
    R + 'm = T.nn.TransformerEncoderLayer(4, 2, 8); x = T.randn(3, 2, 4); y = m(x); print(R(y)); (y * W).sum().backward(); print(R(m.linear2.weight.grad), R(m.self_attn.in_proj_weight.grad))',
    R + 'm = T.nn.TransformerEncoderLayer(4, 2, 8, batch_first=True, norm_first=True, dropout=0.3); x = T.randn(2, 3, 4); y = m(x); print(R(y)); (y * W).sum().backward(); print(R(m.linear1.weight.grad))',
    R + MASK + 'm = T.nn.TransformerEncoderLayer(4, 2, 8, 0.0).double(); x = T.randn(3, 2, 4, dtype=T.float64); kp = T.tensor([[False, False, True], [False, False, False]]); y = m(x, src_mask=M, src_key_padding_mask=kp); print(R(y)); (y * W).sum().backward(); print(R(m.self_attn.in_proj_weight.grad))',
    R + 'm = T.nn.TransformerEncoderLayer(4, 2, 8, 0.0).double(); x = T.randn(3, 2, 4, dtype=T.float64); cm = T.nn.Transformer.generate_square_subsequent_mask(3, dtype=T.float64); y = m(x, src_mask=cm, is_causal=True); y2 = m(x, src_mask=cm); print(R(y), R(y - y2))',
    R + 'm = T.nn.TransformerEncoderLayer(4, 2, 8, 0.0, activation=T.nn.GELU()).double(); print(m, m.activation_relu_or_gelu); x = T.randn(3, 4, dtype=T.float64); y = m(x); print(R(y))',
    R + 'm = T.nn.TransformerEncoderLayer(4, 2, 8, activation=T.nn.functional.silu).double().eval(); print(m.activation_relu_or_gelu); x = T.randn(3, 2, 4, dtype=T.float64); print(R(m(x)))',
    R + 'm = T.nn.TransformerEncoderLayer(4, 2, 8, batch_first=True).eval(); x = T.randn(2, 3, 4)\nwith T.no_grad():\n    y = m(x)\nprint(R(y))',
    'T.nn.TransformerEncoderLayer(4, 2, activation="tanh")',
    'm = T.nn.TransformerEncoderLayer(4, 2, 8, bias=False); print(m, list(m.state_dict()))',
    # ---- TransformerEncoder
    "import warnings\nwith warnings.catch_warnings(record=True) as w:\n    warnings.simplefilter('always'); T.nn.TransformerEncoder(T.nn.TransformerEncoderLayer(4, 2, 8), 2); T.nn.TransformerEncoder(T.nn.TransformerEncoderLayer(4, 2, 8, batch_first=True), 2); T.nn.TransformerEncoder(T.nn.TransformerEncoderLayer(4, 1, 8, batch_first=True), 2); T.nn.TransformerEncoder(T.nn.TransformerEncoderLayer(4, 2, 8, norm_first=True), 2, enable_nested_tensor=False)\nprint([str(x.message) for x in w])",
    R + 'layer = T.nn.TransformerEncoderLayer(4, 2, 8, 0.0); m = T.nn.TransformerEncoder(layer, 2, norm=T.nn.LayerNorm(4)); print(m, list(m.state_dict()), m.layers[0] is layer, m.layers[0].linear1.weight is m.layers[1].linear1.weight, T.equal(m.layers[0].linear1.weight, m.layers[1].linear1.weight), m.use_nested_tensor); x = T.randn(3, 2, 4); y = m(x); print(R(y), y.grad_fn); (y * W).sum().backward(); print(R(m.layers[0].linear1.weight.grad), R(m.layers[1].self_attn.in_proj_weight.grad))',
    R + 'm = T.nn.TransformerEncoder(T.nn.TransformerEncoderLayer(4, 2, 8, batch_first=True), 3); x = T.randn(2, 3, 4); kp = T.tensor([[False, False, True], [False, False, False]]); y = m(x, src_key_padding_mask=kp); print(R(y)); (y * W).sum().backward(); print(R(m.layers[2].linear2.weight.grad))',
    R + 'm = T.nn.TransformerEncoder(T.nn.TransformerEncoderLayer(4, 2, 8, 0.0), 2).double(); x = T.randn(3, 2, 4, dtype=T.float64); cm = T.nn.Transformer.generate_square_subsequent_mask(3, dtype=T.float64); y = m(x, mask=cm); y2 = m(x, mask=cm, is_causal=False); print(R(y), R(y - y2))',
    # ---- inference with a padding mask: PyTorch's nested-tensor path pads the output with 0
    R + 'm = T.nn.TransformerEncoder(T.nn.TransformerEncoderLayer(4, 2, 8, batch_first=True), 2).eval(); x = T.randn(2, 3, 4); kp = T.tensor([[False, False, True], [False, False, False]])\nwith T.no_grad():\n    y = m(x, src_key_padding_mask=kp)\nprint(R(y))',
    R + 'm = T.nn.TransformerEncoder(T.nn.TransformerEncoderLayer(4, 2, 8, batch_first=True), 2).eval(); x = T.randn(2, 3, 4); kp = T.tensor([[False, False, True], [False, False, False]]); y = m(x, src_key_padding_mask=kp); print(R(y))',
    R + 'm = T.nn.TransformerEncoderLayer(4, 2, 8, batch_first=True).eval(); x = T.randn(2, 3, 4); kp = T.tensor([[False, False, True], [False, False, False]])\nwith T.no_grad():\n    y = m(x, src_key_padding_mask=kp)\nprint(R(y))',
    R + 'm = T.nn.MultiheadAttention(4, 2, batch_first=True).eval(); x = T.randn(2, 3, 4); kp = T.tensor([[False, False, True], [False, False, False]])\nwith T.no_grad():\n    y, w = m(x, x, x, key_padding_mask=kp)\nprint(R(y), R(w))',
    R + 'm = T.nn.TransformerEncoder(T.nn.TransformerEncoderLayer(4, 2, 8, batch_first=True), 2).eval(); x = T.randn(2, 3, 4); kp = T.tensor([[False, True, False], [False, False, False]])\nwith T.no_grad():\n    y = m(x, src_key_padding_mask=kp)\nprint(R(y))',
    # ---- decoder
    R + 'm = T.nn.TransformerDecoderLayer(4, 2, 8, 0.0); print(m, list(m.state_dict())); tgt = T.randn(3, 2, 4, requires_grad=True); mem = T.randn(5, 2, 4, requires_grad=True); y = m(tgt, mem); print(R(y), y.grad_fn); (y * W).sum().backward(); print(R(tgt.grad), R(mem.grad), R(m.multihead_attn.in_proj_weight.grad))',
    R + 'm = T.nn.TransformerDecoderLayer(4, 2, 8, 0.0, "gelu", batch_first=True, norm_first=True).double(); tgt = T.randn(2, 3, 4, dtype=T.float64); mem = T.randn(2, 5, 4, dtype=T.float64); cm = T.nn.Transformer.generate_square_subsequent_mask(3, dtype=T.float64); kp = T.tensor([[False, False, False, False, True], [False, True, True, True, True]]); y = m(tgt, mem, tgt_mask=cm, tgt_is_causal=True, memory_key_padding_mask=kp); print(R(y)); (y * W).sum().backward(); print(R(m.self_attn.in_proj_weight.grad))',
    R + 'm = T.nn.TransformerDecoderLayer(4, 2, 8, dropout=0.2); tgt = T.randn(3, 2, 4); mem = T.randn(5, 2, 4); y = m(tgt, mem); print(R(y)); (y * W).sum().backward(); print(R(m.linear1.weight.grad))',
    R + 'm = T.nn.TransformerDecoder(T.nn.TransformerDecoderLayer(4, 2, 8, 0.0), 2, norm=T.nn.LayerNorm(4)).double(); print(m); tgt = T.randn(3, 2, 4, dtype=T.float64); mem = T.randn(5, 2, 4, dtype=T.float64); cm = T.nn.Transformer.generate_square_subsequent_mask(3, dtype=T.float64); y = m(tgt, mem, tgt_mask=cm); print(R(y)); (y * W).sum().backward(); print(R(m.layers[1].multihead_attn.out_proj.weight.grad))',
    # ---- Transformer
    R + 'm = T.nn.Transformer(4, 2, 2, 1, 8, 0.0); print(m, len(list(m.state_dict())), list(m.state_dict())[:6], R(m.encoder.layers[0].linear1.weight)); src = T.randn(5, 2, 4); tgt = T.randn(3, 2, 4); y = m(src, tgt, tgt_mask=m.generate_square_subsequent_mask(3)); print(R(y), y.grad_fn); (y * W).sum().backward(); print(R(m.encoder.layers[1].self_attn.in_proj_weight.grad))',
    R + 'm = T.nn.Transformer(4, 2, 1, 1, 8, batch_first=True, norm_first=True, activation="gelu"); src = T.randn(2, 5, 4); tgt = T.randn(2, 3, 4); y = m(src, tgt); print(R(y)); (y * W).sum().backward(); print(R(m.decoder.layers[0].linear2.weight.grad))',
    'm = T.nn.Transformer(4, 2, 1, 1, 8); m(T.randn(5, 2, 4), T.randn(3, 3, 4))',
    'm = T.nn.Transformer(4, 2, 1, 1, 8); m(T.randn(5, 2, 4), T.randn(3, 2, 6))',
    'm = T.nn.Transformer(4, 2, 1, 1, 8); print(m.d_model, m.nhead, m.batch_first, type(m.encoder).__name__, type(m.decoder.norm).__name__)',
]


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"n4_{i:03d}" for i in range(len(SNIPPETS))])
def test_same_output_as_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)
