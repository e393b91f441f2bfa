"""nn and optim compared with PyTorch's printed output (skipped without PyTorch): NllLoss2d's
saved values, optimizer state of the wrong shape, and the layers a learner meets after the
syllabus (convolutions, pooling, dropout, embeddings, norms, recurrent layers, utils, schedulers).

Each snippet runs with ``T`` bound to ``torch`` and to ``autograd_kit`` and must print the same
(errors included).
"""

# ruff: noqa: E501

from __future__ import annotations

import pytest

from tests.test_torch_scenarios import assert_same_as_pytorch

torch = pytest.importorskip("torch")

# ---- NllLoss2DBackward0 keeps what PyTorch's keeps
NLL2D = [
    "x = T.tensor([[[[0.1, 0.2], [0.3, 0.4]], [[0.5, 0.6], [0.7, 0.8]], [[0.9, 1.0], [1.1, 1.2]]]], requires_grad=True)\nt = T.tensor([[[0, 1], [2, 1]]])\nfor red in ['mean', 'sum', 'none']:\n    for w in [None, T.tensor([1.0, 2.0, 3.0])]:\n        g = T.nn.functional.nll_loss(x.log_softmax(1), t, weight=w, reduction=red, ignore_index=1 if red == 'sum' else -100).grad_fn\n        print(type(g).__name__, [a for a in dir(g) if a.startswith('_saved')])\n        print(g._saved_ignore_index, g._saved_reduction, g._saved_total_weight, g._saved_weight, g._saved_target, g._saved_self.shape)\n",
    "x = T.zeros(2, 3, 4, requires_grad=True); t = T.tensor([[0, 1, 2, 0], [1, 1, 1, 1]])\ny = T.nn.functional.nll_loss(x, t, reduction='none'); print(y.grad_fn.name(), y.grad_fn.next_functions[0][0].name())\ng = y.grad_fn.next_functions[0][0]; print(g._saved_self.shape, g._saved_target.shape, g._saved_total_weight)\nprint(sorted(a for a in dir(g) if 'saved' in a))\n",
    "x = T.zeros(1, 2, 2, 2, requires_grad=True); t = T.tensor([[[0, 1], [1, 1]]])\nl = T.nn.CrossEntropyLoss(weight=T.tensor([1.0, 4.0]))(x, t); n = l.grad_fn; print(n.name(), n._saved_total_weight, n._saved_weight)\n",
]


@pytest.mark.parametrize("code", NLL2D)
def test_nll_loss_2d_node(code: str) -> None:
    assert_same_as_pytorch(code)


# ---- optimizer state of the wrong shape (loaded from another model) fails as PyTorch's update
OPTIM_STATE_SHAPE = [
    'cfg = {"SGD": dict(momentum=0.9), "Adam": {}, "AdamW": dict(amsgrad=True), "RMSprop": dict(momentum=0.9, centered=True), "Adagrad": {}, "Adamax": {}, "NAdam": {}, "RAdam": {}, "Adadelta": {}, "Rprop": {}, "ASGD": {}}\nfor name, kw in cfg.items():\n    p3 = T.zeros(3, requires_grad=True); p2 = T.zeros(2, requires_grad=True)\n    a = getattr(T.optim, name)([p2], lr=0.1, **kw); p2.grad = T.ones(2); a.step()\n    b = getattr(T.optim, name)([p3], lr=0.1, **kw); b.load_state_dict(a.state_dict())\n    p3.grad = T.ones(3)\n    try:\n        b.step()\n    except RuntimeError as e:\n        print(name, e)\n',
    'for name, kw in {"SGD": dict(momentum=0.9), "Adam": {}, "Rprop": {}}.items():\n    for a_shape, b_shape in [((1,), (3,)), ((3,), (2, 3)), ((2, 3), (2, 4)), ((2, 3), (3,))]:\n        if name == "Rprop" and len(a_shape) > len(b_shape):\n            continue\n        p3 = T.zeros(*b_shape, requires_grad=True); p2 = T.zeros(*a_shape, requires_grad=True); ok = T.zeros(2, requires_grad=True)\n        a = getattr(T.optim, name)([ok, p2], lr=0.1, **kw); p2.grad = T.ones(a_shape); ok.grad = T.ones(2); a.step()\n        ok2 = T.zeros(2, requires_grad=True); b = getattr(T.optim, name)([ok2, p3], lr=0.1, **kw); b.load_state_dict(a.state_dict())\n        p3.grad = T.ones(b_shape); ok2.grad = T.ones(2)\n        try:\n            b.step()\n        except RuntimeError as e:\n            print(name, a_shape, b_shape, e, ok2, p3)\n',
]


@pytest.mark.parametrize("code", OPTIM_STATE_SHAPE)
def test_optimizer_state_of_another_shape(code: str) -> None:
    assert_same_as_pytorch(code)


# ---- Flatten / Unflatten
FLATTEN = [
    "f = T.nn.Flatten(); print(f); y = f(T.ones(2, 3, 4, requires_grad=True)); print(y.shape, y.grad_fn.name()); print(T.nn.Flatten(0, -1)(T.ones(2, 3)).shape, T.nn.Flatten(start_dim=2)(T.ones(2, 3, 4, 5)).shape)\n",
    "u = T.nn.Unflatten(1, (2, 5)); print(u); print(u(T.ones(3, 10)).shape); u2 = T.nn.Unflatten(-1, T.Size([2, 2])); print(u2, u2(T.ones(4)).shape)\n",
    "for args in [(1, [2, 'a']), (1, 5), (1, (2, 2.0)), ('x', (2, 2)), (1, (-1, 2)), (1, [2, -1]), (2, (2, 2)), (1, (3, 3)), (1, ('C', 2))]:\n    try:\n        u = T.nn.Unflatten(*args); print(u); print(u(T.ones(3, 4)).shape)\n    except Exception as e:\n        print(type(e).__name__, e)\n",
]


@pytest.mark.parametrize("code", FLATTEN)
def test_flatten_unflatten(code: str) -> None:
    assert_same_as_pytorch(code)


# ---- convolutions, pooling, dropout in train/eval, embeddings (padding_idx, max_norm)
CONV_POOL_DROPOUT_EMBEDDING = [
    'm = T.nn.Conv2d(1, 2, 3, padding=1, bias=True); print(m); print(m.weight.shape, m.bias.shape)\nT.nn.init.constant_(m.weight, 0.1); T.nn.init.zeros_(m.bias)\ny = m(T.arange(16.).reshape(1, 1, 4, 4)); print(y.shape, y.grad_fn.name()); print(y[0, 0])\n',
    "m = T.nn.Conv1d(2, 3, 2, stride=2, padding=1, dilation=1, groups=1, bias=False, padding_mode='zeros'); print(m); print(m.weight.shape)\nT.nn.init.constant_(m.weight, 0.5); y = m(T.ones(1, 2, 5)); print(y, y.grad_fn)\n",
    "m = T.nn.Conv2d(1, 1, 3, padding='same', padding_mode='reflect'); print(m); m = T.nn.Conv2d(2, 4, (3, 1), stride=(2, 1), groups=2); print(m)\n",
    'm = T.nn.Conv2d(1, 2, 3); y = m(T.ones(2, 3, 5, 5))\n',
    'm = T.nn.Conv2d(1, 2, 3); y = m(T.ones(1, 1, 2, 2))\n',
    'm = T.nn.Conv2d(1, 2, 3); y = m(T.ones(1, 5, 5)); print(y.shape)\n',
    'm = T.nn.Conv1d(1, 2, 3); y = m(T.ones(4, 5)); print(y)\n',
    'm = T.nn.Conv2d(3, 2, 3, groups=2)\n',
    "m = T.nn.Conv2d(1, 2, 3, padding='same', stride=2)\n",
    "m = T.nn.Conv2d(1, 2, 3, padding='valid'); print(m)\n",
    'm = T.nn.ConvTranspose2d(2, 1, 2, stride=2); print(m); T.nn.init.ones_(m.weight); T.nn.init.zeros_(m.bias); print(m(T.ones(1, 2, 2, 2)))\n',
    'm = T.nn.MaxPool2d(2); print(m); x = T.arange(16.).reshape(1, 1, 4, 4).requires_grad_(); y = m(x); print(y, y.grad_fn.name()); y.sum().backward(); print(x.grad)\n',
    'm = T.nn.MaxPool2d(2, return_indices=True); print(m); y, i = m(T.arange(16.).reshape(1, 1, 4, 4)); print(y, i)\n',
    'm = T.nn.AvgPool2d(3, stride=2, padding=1, count_include_pad=False); print(m); print(m(T.arange(16.).reshape(1, 1, 4, 4)))\n',
    'm = T.nn.AvgPool2d(2, ceil_mode=True); print(m); print(m(T.arange(9.).reshape(1, 1, 3, 3)))\n',
    'm = T.nn.MaxPool1d(3, stride=1, padding=1); print(m); print(m(T.tensor([[[1., 3., 2., 5., 4.]]])))\n',
    'm = T.nn.MaxPool2d(2, padding=2)\n',
    'print(T.nn.MaxPool2d(2)(T.ones(1, 1, 1, 1)))\n',
    'm = T.nn.AdaptiveAvgPool2d((1, 1)); print(m); y = m(T.arange(8.).reshape(1, 2, 2, 2)); print(y, y.grad_fn)\n',
    'm = T.nn.AdaptiveMaxPool2d(1); print(m, m(T.arange(8.).reshape(1, 2, 2, 2)))\n',
    'print(T.nn.AvgPool1d(2)(T.ones(1, 1, 4)).grad_fn, T.nn.MaxPool1d(2)(T.ones(1, 1, 4, requires_grad=True)).grad_fn.name(), T.nn.AvgPool2d(2)(T.ones(1, 1, 4, 4, requires_grad=True)).grad_fn.name())\n',
    'd = T.nn.Dropout(0.3); print(d, d.training); d.eval(); x = T.ones(3, requires_grad=True); y = d(x); print(y, y is x, y.grad_fn)\n',
    'd = T.nn.Dropout(p=1.0); print(d(T.ones(4, requires_grad=True)))\n',
    'd = T.nn.Dropout(p=0.0); y = d(T.ones(4, requires_grad=True)); print(y)\n',
    'd = T.nn.Dropout(1.5)\n',
    'd = T.nn.Dropout(-0.1)\n',
    'd = T.nn.Dropout(0.5, inplace=True); print(d); print(T.nn.Dropout2d(0.2), T.nn.AlphaDropout(0.1), T.nn.Dropout1d())\n',
    'd = T.nn.Dropout(0.5); y = d(T.ones(1000)); print(y.grad_fn, set(y.tolist()) <= {0.0, 2.0}, 350 < int((y == 0).sum()) < 650)\n',
    'd = T.nn.Dropout(0.5); y = d(T.ones(10, requires_grad=True)); print(y.grad_fn.name())\n',
    'print(T.nn.functional.dropout(T.ones(3), 0.5, training=False), T.nn.functional.dropout(T.ones(2), p=0.2, training=False).grad_fn)\n',
    'e = T.nn.Embedding(5, 3, padding_idx=0); print(e); print(e.weight[0]); y = e(T.tensor([[0, 2], [4, 0]])); print(y.shape, y.grad_fn.name()); y.sum().backward(); print(e.weight.grad)\n',
    'e = T.nn.Embedding(5, 3, padding_idx=-1); print(e, e.padding_idx)\n',
    'e = T.nn.Embedding(5, 3, padding_idx=5)\n',
    'e = T.nn.Embedding(5, 3); e(T.tensor([5]))\n',
    'e = T.nn.Embedding(5, 3); e(T.tensor([1.0]))\n',
    'e = T.nn.Embedding(4, 2, max_norm=1.0); print(e)\nwith T.no_grad():\n    e.weight.copy_(T.tensor([[3., 4.], [0.3, 0.4], [1., 0.], [6., 8.]]))\ny = e(T.tensor([0, 1, 3])); print(y); print(e.weight)\n',
    'e = T.nn.Embedding(4, 2, max_norm=2.0, norm_type=1.0, scale_grad_by_freq=True, sparse=False); print(e)\n',
    'e = T.nn.Embedding.from_pretrained(T.tensor([[1., 2.], [3., 4.]])); print(e, e.weight.requires_grad); print(e(T.tensor([1])))\ne2 = T.nn.Embedding.from_pretrained(T.tensor([[1., 2.], [3., 4.]]), freeze=False, padding_idx=0); print(e2, e2.weight.requires_grad)\n',
    "e = T.nn.EmbeddingBag(4, 2, mode='mean'); print(e)\n",
    'print(T.nn.functional.embedding(T.tensor([1, 0]), T.tensor([[1., 2.], [3., 4.]])))\n',
]


@pytest.mark.parametrize("code", CONV_POOL_DROPOUT_EMBEDDING)
def test_conv_pool_dropout_embedding(code: str) -> None:
    assert_same_as_pytorch(code)


# ---- BatchNorm/LayerNorm/GroupNorm (running stats, eval), RNN/LSTM/GRU (shapes, batch_first, h0)
NORM_RNN = [
    'b = T.nn.BatchNorm1d(2, momentum=None); x = T.tensor([[1., 2.], [3., 6.]]); b(x); b(x * 2); print(b.running_mean, b.running_var, b.num_batches_tracked)\n',
    'b = T.nn.BatchNorm1d(2, affine=False, track_running_stats=False); print(b); print(b.running_mean, list(b.state_dict())); b.eval(); print(b(T.tensor([[1., 2.], [3., 6.]])))\n',
    'b = T.nn.BatchNorm1d(2); b(T.tensor([[1., 2.]]))\n',
    'b = T.nn.BatchNorm2d(3); b(T.ones(2, 2, 4, 4))\n',
    'b = T.nn.BatchNorm2d(3); b(T.ones(2, 3, 4))\n',
    'b = T.nn.BatchNorm1d(3); y = b(T.arange(24.).reshape(2, 3, 4)); print(y.shape, b.running_mean)\n',
    'b = T.nn.BatchNorm1d(2); b.eval(); y = b(T.tensor([[1., 2.]])); print(y, y.grad_fn.name())\n',
    'l = T.nn.LayerNorm(3); print(l, l.weight, l.bias); x = T.tensor([[1., 2., 6.]], requires_grad=True); y = l(x); print(y, y.grad_fn.name()); y[0, 0].backward(); print(x.grad)\n',
    'l = T.nn.LayerNorm([2, 2], elementwise_affine=False); print(l, l.weight); print(l(T.arange(8.).reshape(2, 2, 2)))\n',
    'l = T.nn.LayerNorm(3, bias=False); print(l, l.bias, list(l.state_dict()))\n',
    'l = T.nn.LayerNorm(3); l(T.ones(2, 4))\n',
    'g = T.nn.GroupNorm(2, 4); print(g); print(g(T.arange(8.).reshape(1, 4, 2)))\n',
    'g = T.nn.GroupNorm(3, 4)\n',
    'i = T.nn.InstanceNorm1d(2); print(i); print(i(T.arange(8.).reshape(1, 2, 4)))\n',
    'r = T.nn.RNN(3, 4); print(r); print([(n, tuple(p.shape)) for n, p in r.named_parameters()])\nfor p in r.parameters():\n    T.nn.init.constant_(p, 0.1)\nout, h = r(T.ones(5, 2, 3)); print(out.shape, h.shape, out.grad_fn.name(), h.grad_fn.name()); print(h)\n',
    'r = T.nn.LSTM(3, 4, num_layers=2, batch_first=True, dropout=0.0, bidirectional=True); print(r); print([(n, tuple(p.shape)) for n, p in r.named_parameters()])\nfor p in r.parameters():\n    T.nn.init.constant_(p, 0.05)\nout, (h, c) = r(T.ones(2, 5, 3)); print(out.shape, h.shape, c.shape); print(h[:, 0, 0], c[:, 0, 0])\n',
    'r = T.nn.GRU(2, 3, batch_first=True); print(r)\nfor p in r.parameters():\n    T.nn.init.constant_(p, 0.1)\nh0 = T.zeros(1, 4, 3); out, h = r(T.ones(4, 6, 2), h0); print(out.shape, h.shape); print(out[0, -1], h[0, 0])\n',
    'r = T.nn.GRU(2, 3); r(T.ones(5, 4, 2), T.zeros(1, 3, 3))\n',
    'r = T.nn.LSTM(2, 3); r(T.ones(5, 4, 2), T.zeros(1, 4, 3))\n',
    'r = T.nn.LSTM(2, 3); r(T.ones(5, 4, 3))\n',
    "r = T.nn.RNN(2, 3, nonlinearity='relu'); print(r); out, h = r(T.ones(4, 2)); print(out.shape, h.shape)\n",
    "r = T.nn.RNN(2, 3, nonlinearity='gelu')\n",
    'r = T.nn.LSTM(2, 3, proj_size=2); print(r); print([(n, tuple(p.shape)) for n, p in r.named_parameters()]); out, (h, c) = r(T.ones(4, 1, 2)); print(out.shape, h.shape, c.shape)\n',
    'r = T.nn.LSTM(2, 3, num_layers=1, dropout=0.5); print(r)\n',
    'c = T.nn.LSTMCell(2, 3); print(c)\nfor p in c.parameters():\n    T.nn.init.constant_(p, 0.1)\nh, cc = c(T.ones(4, 2)); print(h.shape, h[0], cc.grad_fn.name(), h.grad_fn.name())\n',
    "c = T.nn.GRUCell(2, 3); print(c); c2 = T.nn.RNNCell(2, 3, bias=False, nonlinearity='relu'); print(c2)\nfor p in c.parameters():\n    T.nn.init.constant_(p, 0.1)\nh = c(T.ones(2)); print(h, h.grad_fn.name())\n",
    'f = T.nn.Flatten(); print(f); y = f(T.ones(2, 3, 4, requires_grad=True)); print(y.shape, y.grad_fn.name()); print(T.nn.Flatten(0, -1)(T.ones(2, 3)).shape, T.nn.Flatten(start_dim=2)(T.ones(2,3,4,5)).shape)\n',
    'u = T.nn.Unflatten(1, (2, 5)); print(u); print(u(T.ones(3, 10)).shape); u2 = T.nn.Unflatten(-1, T.Size([2, 2])); print(u2, u2(T.ones(4)).shape)\n',
    'T.nn.Unflatten(1, (3, 3))(T.ones(2, 10))\n',
    'T.nn.Flatten()(T.ones(3))\n',
]


@pytest.mark.parametrize("code", NORM_RNN)
def test_norm_rnn(code: str) -> None:
    assert_same_as_pytorch(code)


# ---- clip_grad_norm_/clip_grad_value_, parameters_to_vector, lr schedulers
UTILS_SCHEDULERS = [
    'm = T.nn.Linear(2, 2); T.nn.init.constant_(m.weight, 1.); T.nn.init.constant_(m.bias, 1.)\n(m(T.tensor([[3., 4.]])) ** 2).sum().backward(); print(m.weight.grad, m.bias.grad)\nn = T.nn.utils.clip_grad_norm_(m.parameters(), max_norm=1.0); print(n); print(m.weight.grad, m.bias.grad)\n',
    "m = T.nn.Linear(2, 2); T.nn.init.constant_(m.weight, 1.); T.nn.init.constant_(m.bias, 1.)\n(m(T.tensor([[3., 4.]])) ** 2).sum().backward()\nn = T.nn.utils.clip_grad_norm_(m.parameters(), 1.0, norm_type='inf'); print(n, m.weight.grad)\n",
    'p = T.tensor([1., 2.], requires_grad=True); p.grad = T.tensor([3., 4.]); print(T.nn.utils.clip_grad_norm_(p, 10.0), p.grad); print(T.nn.utils.clip_grad_norm_([p], 1.0, norm_type=1), p.grad)\n',
    'p = T.tensor([1., 2.], requires_grad=True); print(T.nn.utils.clip_grad_norm_([p], 1.0))\n',
    'print(T.nn.utils.clip_grad_norm_([], 1.0))\n',
    "p = T.tensor([1., 2.], requires_grad=True); p.grad = T.tensor([float('nan'), 1.]); print(T.nn.utils.clip_grad_norm_([p], 1.0)); print(p.grad)\n",
    "p = T.tensor([1., 2.], requires_grad=True); p.grad = T.tensor([float('nan'), 1.]); T.nn.utils.clip_grad_norm_([p], 1.0, error_if_nonfinite=True)\n",
    'p = T.tensor([1., 2.], requires_grad=True); p.grad = T.tensor([3., -4.]); r = T.nn.utils.clip_grad_value_(p, 3.5); print(r, p.grad); T.nn.utils.clip_grad_value_([p], clip_value=-1); print(p.grad)\n',
    'p = T.tensor([1., 2.], requires_grad=True); p.grad = T.tensor([3., 4.]); n = T.nn.utils.clip_grad_norm_(p, 1.0); print(n.requires_grad, n.dtype, n.shape, n.grad_fn)\n',
    'm = T.nn.Linear(2, 3); v = T.nn.utils.parameters_to_vector(m.parameters()); print(v.shape, v.grad_fn)\nT.nn.utils.vector_to_parameters(T.arange(9.), m.parameters()); print(m.weight, m.bias)\n',
    'T.nn.utils.parameters_to_vector(T.ones(3))\n',
    'm = T.nn.Linear(2, 3); T.nn.utils.vector_to_parameters(T.ones(3, 3), m.parameters())\n',
    'm = T.nn.Linear(2, 3); T.nn.utils.vector_to_parameters(T.ones(4), m.parameters())\n',
    'm = T.nn.Linear(2, 3); T.nn.utils.vector_to_parameters(T.ones(20), m.parameters()); print(m.bias)\n',
    "p = [T.ones(2, requires_grad=True), T.ones(3, requires_grad=True)]\nfor q in p:\n    q.grad = T.ones_like(q)\nprint(T.nn.utils.get_total_norm([q.grad for q in p]) if hasattr(T.nn.utils, 'get_total_norm') else 'x')\n",
    'm = T.nn.Linear(2, 2); print(T.nn.utils.parameters_to_vector(m.parameters()).requires_grad)\nx = T.nn.utils.parameters_to_vector(m.parameters()); x.sum().backward(); print(m.weight.grad)\n',
    "p = T.zeros(1, requires_grad=True); o = T.optim.SGD([p], lr=0.1); s = T.optim.lr_scheduler.StepLR(o, step_size=2, gamma=0.5); print(s.get_last_lr(), s.last_epoch)\nfor _ in range(5):\n    o.step(); s.step(); print(s.get_last_lr(), o.param_groups[0]['lr'], s.last_epoch)\nprint(s.state_dict())\n",
    "p = T.zeros(1, requires_grad=True); o = T.optim.SGD([p], lr=0.1); s = T.optim.lr_scheduler.ExponentialLR(o, gamma=0.9)\nfor _ in range(3):\n    o.step(); s.step()\nprint(s.get_last_lr(), o.param_groups[0]['initial_lr']); print(type(s).__name__, isinstance(s, T.optim.lr_scheduler.LRScheduler))\n",
    "p = T.zeros(1, requires_grad=True); o = T.optim.SGD([p], lr=1.0); s = T.optim.lr_scheduler.ReduceLROnPlateau(o, patience=1, factor=0.5)\nfor loss in [1.0, 0.9, 0.95, 0.95, 0.95, 0.8, 0.81, 0.82, 0.83]:\n    o.step(); s.step(loss); print(o.param_groups[0]['lr'], s.num_bad_epochs, s.best, s.get_last_lr())\n",
    "p = T.zeros(1, requires_grad=True); o = T.optim.SGD([p], lr=1.0); s = T.optim.lr_scheduler.ReduceLROnPlateau(o, mode='max', threshold=0.1, threshold_mode='abs', cooldown=1, min_lr=0.3)\nfor loss in [1.0] * 15:\n    s.step(loss)\nprint(o.param_groups[0]['lr'], s.cooldown_counter, s.last_epoch, s.state_dict().keys())\n",
    'p = T.zeros(1, requires_grad=True); o = T.optim.SGD([p], lr=1.0); s = T.optim.lr_scheduler.ReduceLROnPlateau(o); s.step()\n',
    "p = T.zeros(1, requires_grad=True); o = T.optim.SGD([p], lr=1.0); s = T.optim.lr_scheduler.ReduceLROnPlateau(o, mode='min', factor=1.0)\n",
    "p = T.zeros(1, requires_grad=True); o = T.optim.SGD([p], lr=1.0); s = T.optim.lr_scheduler.ReduceLROnPlateau(o, mode='avg')\n",
    'p = T.zeros(1, requires_grad=True); o = T.optim.SGD([p], lr=1.0); s = T.optim.lr_scheduler.ReduceLROnPlateau(o); s.step(T.tensor(0.5)); print(s.best, type(s.best))\n',
    'p = T.zeros(1, requires_grad=True); o = T.optim.SGD([p], lr=0.1); s = T.optim.lr_scheduler.StepLR(o, 2); print(s)\n',
    'p = T.zeros(1, requires_grad=True); o = T.optim.SGD([p], lr=0.1); s = T.optim.lr_scheduler.StepLR(o, 2); s.step(); s.step(); print(s.get_lr(), s.get_last_lr())\n',
    'p = T.zeros(1, requires_grad=True); o = T.optim.SGD([p], lr=0.1); s = T.optim.lr_scheduler.StepLR(o, 2); s.step(); o.step()\n',
    'p = T.zeros(1, requires_grad=True); o = T.optim.SGD([p], lr=0.1); s = T.optim.lr_scheduler.MultiStepLR(o, [2, 4], gamma=0.1)\nfor _ in range(5):\n    o.step(); s.step(); print(s.get_last_lr())\n',
    'p = T.zeros(1, requires_grad=True); o = T.optim.SGD([p], lr=0.1); s = T.optim.lr_scheduler.CosineAnnealingLR(o, T_max=4)\nfor _ in range(6):\n    o.step(); s.step(); print(s.get_last_lr())\n',
    "p = T.zeros(1, requires_grad=True); o = T.optim.SGD([{'params': [p]}, {'params': [T.zeros(1, requires_grad=True)], 'lr': 1.0}], lr=0.1); s = T.optim.lr_scheduler.LambdaLR(o, [lambda e: 0.5 ** e, lambda e: 1 / (e + 1)])\nfor _ in range(3):\n    o.step(); s.step(); print(s.get_last_lr())\nprint(s.state_dict())\n",
    "p = T.zeros(1, requires_grad=True); o = T.optim.SGD([p], lr=0.1); s = T.optim.lr_scheduler.OneCycleLR(o, max_lr=1.0, total_steps=5)\nfor _ in range(5):\n    o.step(); s.step(); print(s.get_last_lr(), o.param_groups[0]['momentum'])\ns.step()\n",
    'p = T.zeros(1, requires_grad=True); o = T.optim.Adam([p], lr=0.1); s = T.optim.lr_scheduler.LinearLR(o, start_factor=0.5, total_iters=2); s2 = T.optim.lr_scheduler.ExponentialLR(o, 0.9)\nfor _ in range(4):\n    o.step(); s.step(); s2.step(); print(s.get_last_lr(), s2.get_last_lr())\n',
    'p = T.zeros(1, requires_grad=True); o = T.optim.SGD([p], lr=0.1); s = T.optim.lr_scheduler.SequentialLR(o, [T.optim.lr_scheduler.ConstantLR(o, factor=0.5, total_iters=2), T.optim.lr_scheduler.ExponentialLR(o, 0.9)], milestones=[2])\nfor _ in range(5):\n    o.step(); s.step(); print(s.get_last_lr())\n',
    'p = T.zeros(1, requires_grad=True); T.optim.lr_scheduler.StepLR(p, 2)\n',
    'p = T.zeros(1, requires_grad=True); o = T.optim.SGD([p], lr=0.1); T.optim.lr_scheduler.StepLR(o, 2, last_epoch=3)\n',
    'p = T.zeros(1, requires_grad=True); o = T.optim.SGD([p], lr=0.1); s = T.optim.lr_scheduler.ExponentialLR(o, 0.5); s.step(3); print(s.get_last_lr(), s.last_epoch)\n',
]


@pytest.mark.parametrize("code", UTILS_SCHEDULERS)
def test_utils_schedulers(code: str) -> None:
    assert_same_as_pytorch(code)


# ---- errors a learner meets: dtypes, hidden states, shapes, padding modes
LEARNER_MISTAKES = [
    'm = T.nn.Conv2d(1, 2, 3); m(T.ones(1, 1, 5, 5, dtype=T.float64))\n',
    'm = T.nn.Conv2d(1, 2, 3); m(T.ones(1, 1, 5, 5, dtype=T.int64))\n',
    'm = T.nn.Linear(2, 3); m(T.ones(2, dtype=T.int64))\n',
    'm = T.nn.Conv2d(1, 2, 3).double(); print(m.weight.dtype); print(m(T.ones(1, 1, 3, 3, dtype=T.float64)).dtype)\n',
    'r = T.nn.LSTM(2, 3); r(T.ones(5, 4, 2), T.zeros(1, 4, 3))\n',
    'r = T.nn.LSTM(2, 3); r(T.ones(5, 4, 2), (T.zeros(1, 4, 3),))\n',
    'r = T.nn.LSTM(2, 3); r(T.ones(5, 4, 2), (T.zeros(4, 3), T.zeros(4, 3)))\n',
    'r = T.nn.GRU(2, 3); r(T.ones(5, 4, 2), (T.zeros(1, 4, 3), T.zeros(1, 4, 3)))\n',
    'r = T.nn.RNN(2, 3); r(T.ones(2, 3, 4, 2))\n',
    'r = T.nn.RNN(2, 3); out, h = r(T.ones(4, 2), T.zeros(1, 3)); print(out.shape, h.shape)\n',
    'r = T.nn.RNN(2, 3); out, h = r(T.ones(4, 2), T.zeros(1, 1, 3))\n',
    'r = T.nn.RNN(2, 3, batch_first=True); out, h = r(T.ones(4, 5, 2), T.zeros(4, 1, 3))\n',
    'r = T.nn.GRU(2, 3, num_layers=2, dropout=0.5); r.eval(); print(r.training, r(T.ones(3, 1, 2))[1].shape)\n',
    'r = T.nn.LSTM(2, 3, bias=False); print(r, [n for n, _ in r.named_parameters()]); print(r.weight_ih_l0.shape, r.hidden_size, r.num_layers, r.bidirectional, r.batch_first)\n',
    "r = T.nn.LSTM(2, 3); print(r.all_weights[0][0].shape, len(r.all_weights), r._flat_weights_names if hasattr(r, '_flat_weights_names') else '')\n",
    'r = T.nn.GRU(2, 3); out, h = r(T.ones(4, 1, 2)); print(out.grad_fn.name(), h.grad_fn.name())\n',
    'm = T.nn.Sequential(T.nn.Conv2d(1, 2, 3), T.nn.ReLU(), T.nn.MaxPool2d(2), T.nn.Flatten(), T.nn.Linear(2 * 3 * 3, 4)); print(m); print(m(T.ones(2, 1, 8, 8)).shape)\nprint(sum(p.numel() for p in m.parameters()))\n',
    'm = T.nn.Sequential(T.nn.Flatten(), T.nn.Linear(10, 2)); m(T.ones(2, 1, 3, 3))\n',
    'm = T.nn.Linear(10, 2); m(T.ones(3, 9))\n',
    'm = T.nn.BatchNorm2d(2); print(m(T.ones(1, 2, 1, 1)))\n',
    'm = T.nn.BatchNorm1d(2); m(T.ones(1, 2, 1))\n',
    'm = T.nn.BatchNorm1d(2); m.eval(); print(m(T.ones(1, 2)))\n',
    'm = T.nn.BatchNorm1d(2); print(m.weight, m.bias, m.running_var.dtype, m.num_batches_tracked.dtype); m.reset_running_stats(); print(m.num_batches_tracked)\n',
    'm = T.nn.BatchNorm1d(2); x = T.tensor([[1., 2.], [3., 6.]]); m(x); sd = m.state_dict(); print(sd)\n',
    'm = T.nn.Embedding(3, 2); print(m.weight.requires_grad, m.sparse, m.num_embeddings, m.embedding_dim); print(m(T.tensor(1)).shape)\n',
    'm = T.nn.Embedding(3, 2, padding_idx=1); x = m(T.tensor([1, 1, 2])); x.sum().backward(); print(m.weight.grad[1])\n',
    'm = T.nn.Embedding(3, 2); m(T.tensor([[1, 2]]).float())\n',
    'm = T.nn.Embedding(3, 2); m(T.tensor([-1]))\n',
    'm = T.nn.Dropout(0.5); m.eval(); print(m(T.ones(3)) is not None, repr(m)); m = T.nn.Dropout2d(0.5); m.eval(); print(m(T.ones(1, 2, 2, 2)).sum())\n',
    'm = T.nn.Dropout2d(0.5); y = m(T.ones(3, 4))\n',
    'print(T.nn.functional.max_pool2d(T.arange(16.).reshape(1, 1, 4, 4), 2, 2), T.nn.functional.avg_pool2d(T.arange(16.).reshape(1, 4, 4), kernel_size=2))\n',
    'x = T.arange(16.).reshape(1, 1, 4, 4); y, i = T.nn.functional.max_pool2d(x, 2, return_indices=True); print(T.nn.functional.max_unpool2d(y, i, 2)); print(T.nn.MaxUnpool2d(2))\n',
    'm = T.nn.AvgPool2d(2, divisor_override=3); print(m); print(m(T.ones(1, 1, 2, 2)))\n',
    'm = T.nn.MaxPool2d(kernel_size=2, stride=1, dilation=2); print(m, m(T.arange(16.).reshape(1, 1, 4, 4)))\n',
    'm = T.nn.Conv2d(1, 1, 2, bias=False); T.nn.init.ones_(m.weight); x = T.arange(9.).reshape(1, 1, 3, 3).requires_grad_(); y = m(x); y.sum().backward(); print(x.grad, m.weight.grad, y.grad_fn.next_functions)\n',
    'm = T.nn.Conv2d(1, 1, 2); print(m.weight.grad_fn, m.weight.is_leaf, m.padding, m.stride, m.dilation, m.kernel_size, m.groups, m.padding_mode, m.in_channels, m.out_channels, m.transposed, m.output_padding)\n',
    "m = T.nn.Conv1d(1, 1, 2, padding=1, padding_mode='circular'); print(m); T.nn.init.ones_(m.weight); T.nn.init.zeros_(m.bias); print(m(T.tensor([[[1., 2., 3.]]])))\n",
]


@pytest.mark.parametrize("code", LEARNER_MISTAKES)
def test_learner_mistakes(code: str) -> None:
    assert_same_as_pytorch(code)
