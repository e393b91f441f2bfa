"""Packed sequences compared with PyTorch's printed output (skipped without PyTorch).

Same comparison as tests/test_torch_scenarios.py: ``nn.utils.rnn``'s `PackedSequence`,
``pack_padded_sequence`` (``PackPaddedSequenceBackward0``, PyTorch's checks on ``lengths``),
``pad_packed_sequence``, ``pack_sequence``, ``unpack_sequence``/``unpad_sequence``, and
`nn.RNN`/`nn.LSTM`/`nn.GRU` run over packed input (outputs, final states in the caller's order,
gradients, node names). Gradients are compared in float64, float32 values rounded.
"""

# ruff: noqa: E501

from __future__ import annotations

import pytest

from tests.test_torch_scenarios import assert_same_as_pytorch

torch = pytest.importorskip("torch")

P = "R = T.nn.utils.rnn; "
SNIPPETS = [
    P + "x = T.randn(4, 3, 2, requires_grad=True); p = R.pack_padded_sequence(x, [4, 2, 1]); print(p, p.data.grad_fn, p.data.grad_fn.next_functions); (p.data * T.arange(14.).view(7, 2)).sum().backward(); print(x.grad)",
    P + "x = T.randn(3, 4, 2, requires_grad=True); p = R.pack_padded_sequence(x, T.tensor([2, 4, 1]), batch_first=True, enforce_sorted=False); print(p, p.data.grad_fn, p.data.grad_fn.next_functions); (p.data ** 2).sum().backward(); print(x.grad)",
    P + "x = T.randn(4, 3, 2, dtype=T.float64, requires_grad=True); p = R.pack_padded_sequence(x, [3, 4, 2], enforce_sorted=False); o, l = R.pad_packed_sequence(p); print(o, l, o.grad_fn, o.grad_fn.next_functions); o, l = R.pad_packed_sequence(p, batch_first=True, padding_value=-1.5, total_length=6); print(o, l, o.grad_fn, o.grad_fn.next_functions); o.pow(2).sum().backward(); print(x.grad)",
    P + "x = T.randn(5, 2, requires_grad=True); p = R.pack_padded_sequence(x.view(5, 1, 2), [5]); print(p); o, l = R.pad_packed_sequence(p); print(o.grad_fn, l)",
    P + "x = T.randn(4, 3, 2); R.pack_padded_sequence(x, [2, 4, 1])",
    P + "x = T.randn(4, 3, 2); R.pack_padded_sequence(x, [3, 2, 0])",
    P + "x = T.randn(4, 3, 2); R.pack_padded_sequence(x, [4, 2])",
    P + "x = T.randn(4, 3, 2); R.pack_padded_sequence(x, T.tensor([[4, 2, 1]]))",
    P + "x = T.randn(4, 3, 2); print(R.pack_padded_sequence(x, T.tensor([4., 2, 1])).batch_sizes, R.pack_padded_sequence(x, [4.5, 2, 1.2]).batch_sizes)",
    P + "R.pack_padded_sequence(T.randn(0, 3, 2), [4, 2, 1])",
    P + "x = T.randn(4, 3, 2); R.pad_packed_sequence(R.pack_padded_sequence(x, [4, 2, 1]), total_length=3)",
    P + "print(R.pack_sequence([T.ones(2), T.arange(3.), T.zeros(1)], enforce_sorted=False)); print(R.pack_sequence([T.arange(3.), T.ones(2)]))",
    P + "R.pack_sequence([T.ones(2), T.arange(3.)])",
    P + "print(R.PackedSequence._fields, R.PackedSequence((T.ones(3), T.tensor([2, 1]))), R.PackedSequence(T.ones(3), T.tensor([2, 1]), T.tensor([1, 0])))",
    P + "p = R.pack_sequence([T.arange(3.), T.ones(2)]); d, b, s, u = p; print(d, b, s, u, p.is_cuda, p.double(), p.to(T.float64).data.dtype, p.float() is p, len(p), p[1])",
    P + "a = T.randn(3, 2, requires_grad=True); b = T.randn(1, 2, requires_grad=True); c = T.randn(2, 2, requires_grad=True); p = R.pack_sequence([a, b, c], enforce_sorted=False); print(R.unpack_sequence(p)); print(R.unpad_sequence(*R.pad_packed_sequence(p)))",
    P + "x = T.randn(4, 3, 2, dtype=T.float64); print(R.invert_permutation(T.tensor([2, 0, 1])), R.invert_permutation(None))",
]
for cls in ("RNN", "GRU", "LSTM"):
    SNIPPETS += [
        P + f"m = T.nn.{cls}(2, 3).double(); x = T.randn(4, 3, 2, dtype=T.float64, requires_grad=True); p = R.pack_padded_sequence(x, [4, 2, 1]); o, h = m(p); print(o, h); print(o.data.grad_fn); (o.data.sum() + (h[0] if isinstance(h, tuple) else h).pow(2).sum()).backward(); print(x.grad, m.weight_hh_l0.grad, m.bias_ih_l0.grad)",
        P + f"m = T.nn.{cls}(2, 3, num_layers=2, bidirectional=True).double(); x = T.randn(3, 5, 2, dtype=T.float64, requires_grad=True); p = R.pack_padded_sequence(x, [3, 5, 1], batch_first=True, enforce_sorted=False); o, h = m(p); print(o, h); print(o.data.grad_fn, o.data.grad_fn.next_functions); hh = h[0] if isinstance(h, tuple) else h; print(hh.grad_fn, hh.grad_fn.next_functions); (o.data.pow(2).sum() + hh.sum()).backward(); print(x.grad, m.weight_hh_l1_reverse.grad, m.weight_ih_l0.grad)",
        P + f"m = T.nn.{cls}(2, 4, batch_first=True); x = T.randn(3, 4, 2); p = R.pack_padded_sequence(x, [2, 4, 3], batch_first=True, enforce_sorted=False); o, h = m(p); y, l = R.pad_packed_sequence(o, batch_first=True); print(y.round(decimals=3), l, (h[0] if isinstance(h, tuple) else h).round(decimals=3))",
        P + f"m = T.nn.{cls}(2, 3); p = R.pack_sequence([T.randn(3, 2), T.randn(2, 2)]); m(p, T.randn(1, 3, 3) if '{cls}' != 'LSTM' else (T.randn(1, 3, 3), T.randn(1, 3, 3)))",
        P + f"m = T.nn.{cls}(3, 3); p = R.pack_sequence([T.randn(3, 2), T.randn(2, 2)]); m(p)",
        P + f"m = T.nn.{cls}(2, 3); p = R.pack_sequence([T.randn(3, 2, dtype=T.float64), T.randn(2, 2, dtype=T.float64)]); m(p)",
    ]
SNIPPETS += [
    P + "m = T.nn.GRU(2, 3).double(); x = T.randn(4, 3, 2, dtype=T.float64); h0 = T.randn(1, 3, 3, dtype=T.float64, requires_grad=True); p = R.pack_padded_sequence(x, [2, 4, 3], enforce_sorted=False); o, h = m(p, h0); print(o.data, h, h.grad_fn); h.sum().backward(); print(h0.grad)",
    P + "m = T.nn.LSTM(2, 4, proj_size=2, bidirectional=True).double(); x = T.randn(4, 3, 2, dtype=T.float64); h0 = T.randn(2, 3, 2, dtype=T.float64, requires_grad=True); c0 = T.randn(2, 3, 4, dtype=T.float64, requires_grad=True); p = R.pack_padded_sequence(x, [2, 4, 3], enforce_sorted=False); o, (h, c) = m(p, (h0, c0)); print(o.data, h, c, h.grad_fn, c.grad_fn); (h.sum() + c.pow(2).sum() + o.data.sum()).backward(); print(h0.grad, c0.grad, m.weight_hr_l0_reverse.grad)",
    P + "m = T.nn.RNN(2, 3, nonlinearity='relu', bias=False).double(); p = R.pack_sequence([T.randn(4, 2, dtype=T.float64), T.randn(1, 2, dtype=T.float64)]); o, h = m(p); print(o, h)",
]

SNIPPETS += [
    P + "x = T.randn(3, 3, 2, dtype=T.float64, requires_grad=True); p = R.pack_padded_sequence(x, [3, 2, 2]); g, = T.autograd.grad((p.data ** 3).sum(), x, create_graph=True); print(g, g.grad_fn); g.sum().backward(); print(x.grad)",
    P + "m = T.nn.GRU(2, 3); p = R.pack_sequence([T.randn(3, 2), T.randn(2, 2)]); m(p, T.randn(1, 3, 3))",
    P + "m = T.nn.RNN(2, 3); m(R.PackedSequence(T.randn(5, 1, 2), T.tensor([2, 2, 1])))",
    P + "m = T.nn.RNN(2, 3); p = R.pack_sequence([T.randn(3, 2), T.randn(2, 2)]); m(p, T.randn(3, 3))",
    P + "x = T.randn(4, 5, 2); p = R.pack_padded_sequence(x, [2, 4, 2, 1, 4], enforce_sorted=False); print(p.batch_sizes, p.sorted_indices, p.unsorted_indices); print(R.pad_packed_sequence(p)[1])",
    P + "print(R.pack_sequence([T.tensor([1, 2, 3]), T.tensor([4, 5])]), R.pad_packed_sequence(R.pack_sequence([T.tensor([1, 2, 3]), T.tensor([4, 5])]), padding_value=-1))",
    P + "m = T.nn.LSTM(3, 4, batch_first=True); x = T.randn(2, 3, 3); p = R.pack_padded_sequence(x, [3, 1], batch_first=True); o, (h, c) = m(p); print(h.round(decimals=4), c.round(decimals=4), o.data.round(decimals=4)); print(m(x[:1, :3])[1][0].round(decimals=4), m(x[1:, :1])[1][0].round(decimals=4))",
    P + "x = T.randn(4, 3, 2, dtype=T.float64, requires_grad=True); p = R.pack_padded_sequence(x, [4, 2, 1]); y, _ = R.pad_packed_sequence(p); print(T.equal(y[:1], x[:1]), y.shape); y.sum().backward(); print(x.grad)",
    P + "m = T.nn.GRU(2, 3, num_layers=3, dropout=0.5).double(); p = R.pack_sequence([T.randn(4, 2, dtype=T.float64), T.randn(2, 2, dtype=T.float64)]); o, h = m(p); print(o.data, h)",
    P + "m = T.nn.LSTM(2, 3, num_layers=2, dropout=0.3).double(); p = R.pack_sequence([T.randn(4, 2, dtype=T.float64), T.randn(2, 2, dtype=T.float64)]); o, h = m(p); print(o.data, h)",
    P + "m = T.nn.RNN(2, 3).double(); p = R.pack_sequence([T.randn(4, 2, dtype=T.float64), T.randn(2, 2, dtype=T.float64)]); print(m(p.data.view(6, 1, 2))[1].shape); print(m(p)[0].data.requires_grad)",
    P + "x = T.randn(4, 3, 2); print(R.pack_padded_sequence(x, T.tensor([1, 3, 2], dtype=T.int32), enforce_sorted=False))",
]


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"pk_{i:03d}" for i in range(len(SNIPPETS))])
def test_same_output_as_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)
