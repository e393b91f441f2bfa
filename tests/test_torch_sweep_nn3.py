"""Third nn sweep compared with PyTorch's printed output (skipped without PyTorch).

Same comparison as tests/test_torch_scenarios.py: the class-index target checks of
``cross_entropy``/``nll_loss`` (which error, in PyTorch's order), the recurrent layers and
cells (seeded, so they start from PyTorch's weights), channel dropout, ``F.interpolate`` and
``nn.Upsample``, parameter vectors, ``pad_sequence`` and ``CyclicLR``. Where float32 sums may
round the last printed digit differently, a snippet prints values rounded (``R``).
"""

# ruff: noqa: E501

from __future__ import annotations

import pytest

from tests.test_torch_scenarios import assert_same_as_pytorch

torch = pytest.importorskip("torch")

R = "R = lambda t: (t * 10000).round() / 10000; "

SNIPPETS = [
    # ---- class-index targets: errors in PyTorch's order
    'T.nn.CrossEntropyLoss()(T.randn(3, 4), T.tensor([[1], [0], [2]]))',
    'T.nn.NLLLoss()(T.randn(3, 4), T.tensor([[1], [0], [2]]))',
    'T.nn.CrossEntropyLoss()(T.randn(3, 4), T.zeros(3, 4, dtype=T.long))',
    'T.nn.CrossEntropyLoss()(T.randn(3, 4), T.rand(2, 4))',
    'T.nn.CrossEntropyLoss(label_smoothing=2.)(T.randn(3, 4), T.zeros(3, 4, dtype=T.long))',
    'T.nn.CrossEntropyLoss(label_smoothing=2.)(T.randn(3, 4), T.zeros(3, dtype=T.long))',
    'T.nn.CrossEntropyLoss(weight=T.ones(1, 4))(T.randn(3, 4), T.rand(3, 4))',
    'T.nn.CrossEntropyLoss(weight=T.ones(5))(T.randn(3, 4), T.rand(3, 4))',
    'T.nn.NLLLoss()(T.zeros(3, 4, dtype=T.long), T.zeros(3, dtype=T.long))',
    'T.nn.NLLLoss()(T.zeros(2, 3, 4, dtype=T.long), T.zeros(2, 4, dtype=T.long))',
    'x = T.randn(2, 3, 4, requires_grad=True); l = T.nn.CrossEntropyLoss(weight=T.tensor([[1., 2., 3.]]))(x, T.tensor([[0, 1, 2, 1], [2, 2, 0, 1]])); print(l); l.backward(); print(x.grad)',
    # ---- recurrent layers: seeded weights, values, gradients, reprs, errors (R rounds float32 sums)
    R + 'm = T.nn.RNN(3, 4); print(m, [n for n, _ in m.named_parameters()]); x = T.randn(5, 2, 3); out, h = m(x); print(out[-1], h, h.grad_fn); out.sum().backward(); print(R(m.weight_hh_l0.grad), R(m.bias_ih_l0.grad))',
    R + 'm = T.nn.LSTM(3, 4); x = T.randn(5, 2, 3); out, (h, c) = m(x); print(out[-1], h, c); out.sum().backward(); print(R(m.weight_hh_l0.grad))',
    R + 'm = T.nn.GRU(3, 4); x = T.randn(5, 2, 3); out, h = m(x); print(out[-1], h, out.grad_fn); out.sum().backward(); print(R(m.weight_hh_l0.grad))',
    R + 'm = T.nn.LSTM(3, 4, num_layers=2, bidirectional=True, batch_first=True); print(m, list(m.state_dict())); x = T.randn(2, 5, 3, requires_grad=True); out, (h, c) = m(x); print(out.shape, out.grad_fn, out[:, 0], h, c); (out.sum() + h.sum()).backward(); print(R(x.grad), R(m.weight_ih_l1_reverse.grad))',
    R + 'm = T.nn.GRU(3, 4, num_layers=2, bidirectional=True, bias=False).double(); x = T.randn(5, 3, dtype=T.float64); h0 = T.randn(4, 4, dtype=T.float64); out, h = m(x, h0); print(out.shape, R(out), R(h)); out.pow(2).sum().backward(); print(R(m.weight_hh_l1.grad))',
    R + 'm = T.nn.RNN(3, 4, 2, "relu", batch_first=True); print(m, m.nonlinearity); x = T.randn(1, 4, 3, requires_grad=True); out, h = m(x); print(out, h); out.sum().backward(); print(R(x.grad))',
    R + 'm = T.nn.RNN(2, 3, bidirectional=True).double(); x = T.randn(4, 2, 2, dtype=T.float64); h0 = T.randn(2, 2, 3, dtype=T.float64, requires_grad=True); out, h = m(x, h0); print(R(out), h.shape); (out * out).sum().backward(); print(R(h0.grad), R(m.weight_ih_l0_reverse.grad))',
    R + 'm = T.nn.LSTM(3, 4, proj_size=2); print(m, [(n, tuple(p.shape)) for n, p in m.named_parameters()]); out, (h, c) = m(T.randn(5, 2, 3)); print(R(out), R(h), R(c)); out.sum().backward(); print(R(m.weight_hr_l0.grad))',
    R + 'm = T.nn.LSTM(2, 3).double(); x = T.randn(4, 2, 2, dtype=T.float64); h0 = T.randn(1, 2, 3, dtype=T.float64, requires_grad=True); c0 = T.randn(1, 2, 3, dtype=T.float64, requires_grad=True); out, (h, c) = m(x, (h0, c0)); (out.sum() + c.sum()).backward(); print(R(out), R(h0.grad), R(c0.grad))',
    R + 'm = T.nn.LSTM(3, 4, num_layers=3, dropout=0.5); print(m); out, (h, c) = m(T.randn(4, 2, 3)); print(out.detach(), h, c); out.sum().backward(); print(R(m.weight_ih_l2.grad))',
    'm = T.nn.GRU(3, 4, num_layers=2, dropout=0.5).eval(); out, h = m(T.randn(4, 2, 3)); print(out, h)',
    'm = T.nn.GRU(3, 4, num_layers=2, dropout=0.5, bidirectional=True); out, h = m(T.randn(4, 2, 3)); print(out, h)',
    'm = T.nn.LSTM(3, 4); print(len(m.all_weights), [w.shape for w in m.all_weights[0]], m._flat_weights_names)',
    'm = T.nn.RNN(3, 4, batch_first=True); out, h = m(T.randn(2, 5, 3)); print(out.grad_fn, h.grad_fn)',
    'm = T.nn.GRU(3, 4); out, h = m(T.randn(5, 3)); print(out.grad_fn, h.grad_fn, out.shape, h.shape)',
    'm = T.nn.LSTM(3, 4, batch_first=True); out, (h, c) = m(T.randn(5, 3), (T.zeros(1, 4), T.ones(1, 4))); print(out, h, c)',
    'm = T.nn.LSTM(3, 4); m(T.randn(5, 2, 3), (T.zeros(2, 4), T.zeros(1, 2, 4)))',
    'm = T.nn.LSTM(3, 4); m(T.randn(5, 3), (T.zeros(1, 4), T.zeros(1, 2, 4)))',
    'm = T.nn.LSTM(3, 4); m(T.randn(5, 2, 3), (T.zeros(2, 2, 4), T.zeros(1, 2, 4)))',
    'm = T.nn.LSTM(3, 4); m(T.randn(5, 2, 3), (T.zeros(1, 2, 4), T.zeros(1, 3, 4)))',
    'm = T.nn.LSTM(3, 4); m(T.randn(5, 2, 4))',
    'm = T.nn.LSTM(3, 4); m(T.randn(5, 2, 3, 1))',
    'm = T.nn.RNN(3, 4); m(T.randn(5, 2, 3, 1))',
    'm = T.nn.GRU(3, 4); m(T.randn(5))',
    'm = T.nn.GRU(3, 4); m(T.randn(5, 2, 3), T.zeros(2, 4))',
    'm = T.nn.GRU(3, 4); m(T.randn(5, 3), T.zeros(1, 1, 4))',
    'm = T.nn.RNN(3, 4, num_layers=2); m(T.randn(5, 2, 3), T.zeros(1, 2, 4))',
    'm = T.nn.RNN(3, 4); m(T.randn(5, 2, 3, dtype=T.float64))',
    "T.nn.RNN(3, 4, nonlinearity='sigmoid')",
    'T.nn.GRU(3, 4, proj_size=2)',
    'T.nn.LSTM(3, 4, proj_size=4)',
    'T.nn.LSTM(3, 4, dropout=1.5)',
    'T.nn.LSTM(3, 4, bias=1)',
    'T.nn.LSTM(3.0, 4)',
    'T.nn.LSTM(3, 0)',
    'T.nn.RNN(3, 4, num_layers=0)',
    "import warnings\nwith warnings.catch_warnings(record=True) as w:\n    warnings.simplefilter('always'); T.nn.GRU(3, 4, dropout=0.2)\nprint([str(x.message) for x in w])",
    'print(isinstance(T.nn.GRU(2, 3), T.nn.RNN), isinstance(T.nn.LSTM(2, 3), T.nn.RNNBase), isinstance(T.nn.GRUCell(2, 3), T.nn.RNNCellBase))',
    # ---- recurrent cells
    R + 'm = T.nn.RNNCell(3, 4); x = T.randn(2, 3); h = m(x); print(m, h, h.grad_fn); h = m(x, h); h.sum().backward(); print(R(m.weight_ih.grad))',
    R + 'm = T.nn.LSTMCell(3, 4); x = T.randn(2, 3); h, c = m(x); print(m, h, c, h.grad_fn, c.grad_fn); h, c = m(x[0], (h[0], c[0])); print(h, c, h.grad_fn); (h.sum() + c.sum()).backward(); print(R(m.weight_hh.grad))',
    R + 'm = T.nn.GRUCell(3, 4, bias=False); print(m, m.bias_ih, list(m.state_dict())); x = T.randn(2, 3); h = m(x); h = m(x, h); print(h, h.grad_fn); h.sum().backward(); print(R(m.weight_hh.grad))',
    'm = T.nn.RNNCell(3, 4, nonlinearity="relu"); print(m); h = m(T.randn(3)); print(h, h.grad_fn)',
    'm = T.nn.RNNCell(3, 4, nonlinearity="x"); print(m); h = m(T.randn(3))',
    'T.nn.RNNCell(3, 4)(T.randn(2, 2, 3))',
    'T.nn.RNNCell(3, 4)(T.randn(2, 3), T.zeros(1, 1, 4))',
    'T.nn.GRUCell(3, 4)(T.randn(2, 3), T.zeros(1, 1, 4))',
    'T.nn.LSTMCell(3, 4)(T.randn(2, 3), (T.zeros(2, 4), T.zeros(1, 2, 4)))',
    'T.nn.LSTMCell(3, 4)(T.randn(2, 1, 3))',
    R + 'cell = T.nn.LSTMCell(2, 3).double(); x = T.randn(4, 2, 2, dtype=T.float64); h = c = T.zeros(2, 3, dtype=T.float64)\nfor t in range(4):\n    h, c = cell(x[t], (h, c))\nh.sum().backward(); print(R(h), R(cell.bias_ih.grad))',
    # ---- channel dropout, interpolate, Upsample
    'x = T.randn(2, 4, 3, 3, requires_grad=True); m = T.nn.Dropout2d(); print(m); y = m(x); print(y, y.grad_fn); y.sum().backward(); print(x.grad)',
    'x = T.randn(3, 5, 4, requires_grad=True); y = T.nn.Dropout1d(0.3)(x); print(y); (y * y).sum().backward(); print(x.grad)',
    'x = T.randn(5, 4); y = T.nn.functional.dropout1d(x, 0.4); print(y)',
    'x = T.randn(5, 4, dtype=T.float64); y = T.nn.functional.dropout1d(x, 0.4, inplace=True); print(y is x, y)',
    'x = T.randn(2, 3, 2, 2); m = T.nn.Dropout2d(1.0); print(m(x), m(x).grad_fn); m.eval(); print(m(x) is x)',
    'x = T.randn(2, 3, 2, 2); print(T.nn.functional.dropout2d(x, 0.0) is x, T.nn.functional.dropout2d(x, 0.5, training=False) is x)',
    "import warnings\\nwith warnings.catch_warnings(record=True) as w:\\n    warnings.simplefilter('always'); y = T.nn.functional.dropout2d(T.ones(2, 6, 3))\\nprint(y, [str(a.message)[:60] for a in w])",
    "import warnings\\nwith warnings.catch_warnings(record=True) as w:\\n    warnings.simplefilter('always'); y = T.nn.functional.dropout2d(T.ones(2, 6))\\nprint(y, [str(a.message)[:60] for a in w])",
    'T.nn.functional.dropout1d(T.ones(2, 3, 4, 5))',
    'T.nn.functional.dropout1d(T.ones(3, 4), p=1.5)',
    'T.nn.Dropout2d(p=-1)',
    'T.nn.functional.dropout2d(T.ones(2, 3, 4, 5, dtype=T.long))',
    'x = T.randn(1, 2, 3, 3, 2); print(T.nn.Dropout3d(0.5)(x)); print(T.nn.Dropout3d()(x[0]))',
    'x = T.randn(1, 2, 3, 4, requires_grad=True); y = T.nn.functional.interpolate(x, scale_factor=2); print(y, y.grad_fn); y.pow(2).sum().backward(); print(x.grad)',
    'x = T.randn(1, 2, 3, 4, requires_grad=True); y = T.nn.functional.interpolate(x, size=(5, 7)); print(y); g, = T.autograd.grad(y.pow(2).sum(), x, create_graph=True); print(g, g.grad_fn, g.grad_fn.next_functions); g.sum().backward(); print(x.grad)',
    "x = T.randn(1, 2, 3, 4, requires_grad=True); y = T.nn.functional.interpolate(x, scale_factor=1.7, mode='bilinear'); print(y, y.grad_fn); y.pow(2).sum().backward(); print(x.grad)",
    "x = T.randn(2, 1, 3, 4, requires_grad=True); y = T.nn.functional.interpolate(x, size=(5, 7), mode='bilinear', align_corners=True); print(y); y.pow(2).sum().backward(); print(x.grad)",
    "x = T.randn(1, 2, 4, 5, dtype=T.float64, requires_grad=True); y = T.nn.functional.interpolate(x, size=(3, 2), mode='bilinear'); print(y); g, = T.autograd.grad(y.pow(2).sum(), x, create_graph=True); print(g, g.grad_fn); g.pow(2).sum().backward(); print(x.grad)",
    "x = T.randn(1, 2, 5, requires_grad=True); y = T.nn.functional.interpolate(x, size=8, mode='linear'); print(y, y.grad_fn); y.pow(2).sum().backward(); print(x.grad)",
    'x = T.randn(1, 2, 5, requires_grad=True); y = T.nn.functional.interpolate(x, scale_factor=0.5); print(y, y.grad_fn); y.sum().backward(); print(x.grad)',
    "x = T.randn(1, 2, 5, 3); print(T.nn.functional.interpolate(x, scale_factor=(0.6, 2.5), mode='nearest-exact'), T.nn.functional.interpolate(x, size=(7, 4), mode='nearest-exact').grad_fn)",
    "x = T.randn(1, 2, 5, 3); print(T.nn.functional.interpolate(x, scale_factor=(1.3, 2.5), mode='bilinear', recompute_scale_factor=True))",
    "x = T.randn(1, 1, 2, 2, 2, requires_grad=True); y = T.nn.functional.interpolate(x, scale_factor=1.5, mode='trilinear'); print(y.shape, y.grad_fn, y[0, 0, 1]); y.sum().backward(); print(x.grad)",
    "x = T.randn(1, 2, 4, 4); print(T.nn.functional.interpolate(x, scale_factor=0.5, mode='area'))",
    "m = T.nn.Upsample(scale_factor=2, mode='bilinear', align_corners=True); print(m); x = T.arange(4.).view(1, 1, 2, 2); print(m(x))",
    'print(T.nn.Upsample(size=(3, 4)), T.nn.Upsample(scale_factor=(2, 1.5)), T.nn.UpsamplingNearest2d(scale_factor=3), T.nn.UpsamplingBilinear2d(size=4))',
    'x = T.arange(6.).view(1, 1, 2, 3); print(T.nn.UpsamplingNearest2d(scale_factor=3)(x), T.nn.UpsamplingBilinear2d(size=4)(x))',
    'T.nn.functional.interpolate(T.ones(1, 1, 3, 3), size=4, scale_factor=2)',
    'T.nn.functional.interpolate(T.ones(1, 1, 3, 3))',
    'T.nn.functional.interpolate(T.ones(1, 1, 3, 3), size=(4, 5, 6))',
    'T.nn.functional.interpolate(T.ones(1, 1, 3, 3), scale_factor=(4, 5, 6))',
    'T.nn.functional.interpolate(T.ones(1, 1, 3, 3), size=(4., 5))',
    'T.nn.functional.interpolate(T.ones(1, 1, 3, 3), size=4, align_corners=True)',
    "T.nn.functional.interpolate(T.ones(1, 1, 3), size=4, mode='bilinear')",
    "T.nn.functional.interpolate(T.ones(1, 1, 3, 3), size=4, mode='linear')",
    'T.nn.functional.interpolate(T.ones(1, 3), size=4)',
    'T.nn.functional.interpolate(T.ones(1, 1, 3, 3), size=4, recompute_scale_factor=True)',
    'T.nn.functional.interpolate(T.ones(1, 1, 3), size=4, antialias=True)',
    # ---- pad_sequence, parameters_to_vector / vector_to_parameters, CyclicLR
    'a = T.ones(2, requires_grad=True); b = T.ones(3, requires_grad=True) * 2; p = T.nn.utils.rnn.pad_sequence([a, b]); print(p, p.grad_fn); (p * T.arange(6.).view(3, 2)).sum().backward(); print(a.grad)',
    "a = T.randn(2, 3); b = T.randn(4, 3); c = T.randn(1, 3); p = T.nn.utils.rnn.pad_sequence([a, b, c], batch_first=True, padding_value=-1, padding_side='left'); print(p)",
    'print(T.nn.utils.rnn.pad_sequence([T.ones(2, 3), T.ones(3, 2)]))',
    'print(T.nn.utils.rnn.pad_sequence([]))',
    "print(T.nn.utils.rnn.pad_sequence([T.ones(2)], padding_side='middle'))",
    'print(T.nn.utils.rnn.pad_sequence(T.ones(2, 3)))',
    'print(T.nn.utils.rnn.pad_sequence([T.tensor([1, 2]), T.tensor([3])], padding_value=9))',
    'm = T.nn.Linear(3, 2); v = T.nn.utils.parameters_to_vector(m.parameters()); print(v, v.grad_fn); v.pow(2).sum().backward(); print(m.weight.grad, m.bias.grad)',
    'm = T.nn.Linear(3, 2); v = T.nn.utils.parameters_to_vector(m.parameters()); T.nn.utils.vector_to_parameters(v.detach() * 0 + T.arange(8.), m.parameters()); print(m.weight, m.bias, m.weight.is_leaf, m.weight.requires_grad)',
    'T.nn.utils.vector_to_parameters([1.], [T.nn.Parameter(T.ones(1))])',
    'm = T.nn.Sequential(T.nn.Linear(2, 2), T.nn.Linear(2, 1)); print(T.nn.utils.parameters_to_vector(m.parameters()).shape)',
    "p = T.nn.Parameter(T.zeros(2)); opt = T.optim.SGD([p], lr=0.1, momentum=0.9); s = T.optim.lr_scheduler.CyclicLR(opt, base_lr=0.01, max_lr=0.1, step_size_up=3)\nfor i in range(10):\n    opt.step(); s.step(); print(i, round(s.get_last_lr()[0], 6), round(opt.param_groups[0]['momentum'], 6))",
    "p = T.nn.Parameter(T.zeros(2)); opt = T.optim.SGD([p], lr=0.1, momentum=0.9); s = T.optim.lr_scheduler.CyclicLR(opt, base_lr=0.01, max_lr=0.1, step_size_up=2, step_size_down=3, mode='triangular2')\nfor i in range(12):\n    opt.step(); s.step(); print(i, round(s.get_last_lr()[0], 6))",
    "p = T.nn.Parameter(T.zeros(2)); opt = T.optim.Adam([p], lr=0.1); s = T.optim.lr_scheduler.CyclicLR(opt, base_lr=[0.01], max_lr=0.1, step_size_up=2, mode='exp_range', gamma=0.9)\nfor i in range(8):\n    opt.step(); s.step(); print(i, round(s.get_last_lr()[0], 6), opt.param_groups[0]['betas'])",
    'p = T.nn.Parameter(T.zeros(2)); opt = T.optim.SGD([p], lr=0.1); s = T.optim.lr_scheduler.CyclicLR(opt, base_lr=0.01, max_lr=0.1)',
    "p = T.nn.Parameter(T.zeros(2)); opt = T.optim.SGD([p], lr=0.1); s = T.optim.lr_scheduler.CyclicLR(opt, base_lr=0.01, max_lr=0.1, cycle_momentum=False, scale_fn=lambda x: 0.5 ** x, scale_mode='iterations', step_size_up=2)\nfor i in range(5):\n    opt.step(); s.step(); print(round(s.get_last_lr()[0], 6))\nprint(sorted(s.state_dict()))",
    'p = T.nn.Parameter(T.zeros(2)); opt = T.optim.SGD([p], lr=0.1, momentum=0.5); s = T.optim.lr_scheduler.CyclicLR(opt, base_lr=[0.01, 0.02], max_lr=0.1)',
    "p = T.nn.Parameter(T.zeros(2)); opt = T.optim.SGD([p], lr=0.1, momentum=0.5); s = T.optim.lr_scheduler.CyclicLR(opt, base_lr=0.01, max_lr=0.1, mode='x')",
    "p = T.nn.Parameter(T.zeros(2)); opt = T.optim.SGD([p], lr=0.1, momentum=0.5); s = T.optim.lr_scheduler.CyclicLR(opt, base_lr=0.01, max_lr=0.1); print(opt.param_groups[0]['lr'], opt.param_groups[0]['momentum'], s.get_last_lr(), s.base_lrs, s.max_lrs, s.total_size, s.step_ratio)",
]


def target_snippets() -> list[str]:
    """Score and target shapes/dtypes (and weights) that do not fit, for both losses."""
    f, L, I, D = "float32", "long", "int32", "float64"
    cases = [
        ((3, 4), (3, 1), L, None), ((3, 4), (3, 4), L, None), ((3, 4), (2, 4), f, None),
        ((3, 4), (3, 5), f, None), ((3, 4), (3,), f, None), ((4,), (1, 1), L, None),
        ((4,), (2,), L, None), ((4,), (), L, None), ((4,), (4,), L, None), ((3, 4), (), L, None),
        ((3, 4), (3, 1), f, None), ((3, 4, 5), (3, 5, 1), L, None), ((2, 3, 4, 5), (2, 4), L, None),
        ((2, 3, 4, 5), (2, 4, 6), L, None), ((2, 3, 4, 5), (2, 4, 5), f, None),
        ((2, 3, 4, 5), (2, 4, 5, 1), L, None), ((2, 3, 4, 5, 6), (2, 4, 5, 7), L, None),
        ((3, 4), (3,), I, ((5,), f)), ((3, 4), (3,), I, ((4,), D)), ((3, 4), (3, 1), L, ((5,), f)),
        ((3, 4), (3,), L, ((4,), D)), ((3, 4), (3,), L, ((2, 2), f)), ((), (), L, None),
        ((2, 3, 4, 5), (2, 4, 6), I, None), ((2, 3, 4, 5), (2, 4, 6), L, ((5,), f)),
        ((2, 3, 4, 5), (2, 4, 5), I, ((5,), f)), ((2, 3, 4, 5), (2, 4, 6), L, ((3,), D)),
        ((2, 3, 4, 5), (2, 4, 5), L, ((1, 3), f)), ((2, 3, 4), (2, 5), L, ((5,), f)),
        ((2, 3, 4), (2, 4), L, ((5,), f)), ((2, 3, 4), (2, 4), I, ((1, 4), f)),
        ((2, 3, 4), (2, 4), L, ((1, 3), f)), ((4,), (2,), L, ((3,), f)), ((4,), (1,), L, ((4,), D)),
        ((4,), (1,), L, ((1, 4), f)), ((3, 4), (3, 4), D, None), ((3, 4), (3,), "uint8", None),
        ((3, 4), (3,), L, ((1, 4), f)), ((0, 4), (0,), L, None),
    ]
    out = []
    for loss in ("cross_entropy", "nll_loss"):
        for scores, target, dtype, weight in cases:
            w = "None" if weight is None else f"T.ones({weight[0]}, dtype=T.{weight[1]})"
            out.append(f"print(T.nn.functional.{loss}(T.ones({scores}), T.zeros({target}, dtype=T.{dtype}), weight={w}).shape)")
    return out


ALL = SNIPPETS + target_snippets()


@pytest.mark.parametrize("code", ALL, ids=[f"n3_{i:03d}" for i in range(len(ALL))])
def test_same_output_as_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)
