"""Still more of nn and optim compared with PyTorch's printed output (skipped without PyTorch).

Same comparison as tests/test_torch_parity_nn2.py: each snippet runs with ``T`` bound to
``torch`` and to ``autograd_kit`` and must print the same (errors included). These cover the
3-D layers' node names and the transposed 3-D convolution, sampling grids (spatial
transformers), the CTC loss, state_dict metadata, parametrizations and spectral norm, and
the smaller differences found by comparing reprs, defaults and messages.
"""

# ruff: noqa: E501

from __future__ import annotations

import pytest

from tests.test_torch_scenarios import assert_same_as_pytorch

torch = pytest.importorskip("torch")

# ---- 3-D layers: PyTorch's node names, max-pool indices, the transposed 3-D convolution
D1 = [
    'x = T.arange(2 * 2 * 4 * 4 * 4.).reshape(2, 2, 4, 4, 4).div(100).requires_grad_(); F = T.nn.functional\nw = T.ones(3, 2, 2, 2, 2, requires_grad=True)\nfor y in (F.conv3d(x, w), F.conv3d(x, w.detach()), F.max_pool3d(x, 2), F.avg_pool3d(x, 2), F.adaptive_avg_pool3d(x, 2), F.adaptive_avg_pool3d(x, 1), F.adaptive_max_pool3d(x, 2), F.conv_transpose3d(x, w.transpose(0, 1))):\n    print(y.grad_fn.name(), [n if n is None else n.name() for n, _ in y.grad_fn.next_functions])',
    'T.manual_seed(0); x = T.randn(1, 2, 4, 5, 6, requires_grad=True)\ny, i = T.nn.MaxPool3d(2, stride=1, padding=1, return_indices=True)(x); print(y.shape, i[0, 1, 1], i.dtype)\ny.sum().backward(); print(x.grad[0, 0, 1])\nprint(T.nn.functional.max_pool3d(x[0], (2, 3, 2), return_indices=True)[1])\nprint(T.nn.MaxPool3d(2, return_indices=True), T.nn.AdaptiveMaxPool3d((1, 2, 3), return_indices=True)(x)[1])',
    'T.manual_seed(0); x = T.tensor([[[[[1., 3.], [3., 2.]], [[3., 0.], [1., 3.]]]]], requires_grad=True)\ny, i = T.nn.functional.max_pool3d(x, 2, return_indices=True); print(y, i); y.backward(); print(x.grad)\nz, j = T.nn.functional.adaptive_max_pool3d(x, 1, return_indices=True); print(j); x.grad = None; z.sum().backward(); print(x.grad)',
    'T.manual_seed(0); m = T.nn.ConvTranspose3d(2, 4, 3, stride=2, padding=1, output_padding=1, groups=2); print(m, type(m), m.weight.shape)\nx = T.arange(2 * 2 * 3 * 2 * 3.).reshape(2, 2, 3, 2, 3) / 50; y = m(x); print(y.shape); print(y[1, 3, 2].detach().round(decimals=4))\ny.pow(2).sum().backward(); print(m.weight.grad[1, 0, 1].round(decimals=3), m.bias.grad.round(decimals=3))\nprint(m(x, output_size=[6, 4, 5]).shape, T.nn.ConvTranspose3d(1, 1, (1, 2, 3), dilation=2, bias=False))',
    'T.manual_seed(0); m = T.nn.ConvTranspose3d(1, 2, 2, stride=(1, 2, 3)); x = T.arange(12.).reshape(1, 2, 2, 3).requires_grad_()\ny = m(x); print(y.shape, y.grad_fn.name()); y.sum().backward(); print(x.grad.round(decimals=4))',
    'T.nn.functional.conv_transpose3d(T.ones(1, 2, 3, 3, 3), T.ones(2, 1, 2, 2, 2), output_padding=2, stride=2)',
    'T.nn.functional.conv_transpose3d(T.ones(1, 2, 3, 3, 3), T.ones(3, 1, 2, 2, 2))',
    'T.nn.functional.conv_transpose3d(T.ones(1, 2, 3, 3, 3), T.ones(2, 1, 2, 2, 2), T.ones(3))',
    'T.nn.functional.conv_transpose3d(T.ones(2, 2), T.ones(2, 1, 2, 2, 2))',
    'T.nn.functional.conv_transpose3d(T.ones(1, 2, 3, 3, 3), T.ones(2, 1, 2, 2, 2), padding=3)',
    'T.nn.ConvTranspose3d(2, 4, 3, padding_mode="reflect")',
    'x = T.ones(1, 1, 2, 2, 2, requires_grad=True); w = T.ones(1, 1, 2, 2, 2, requires_grad=True)\ng, = T.autograd.grad(T.nn.functional.conv3d(x, w).pow(2).sum(), w, create_graph=True); print(g.flatten())\nh, = T.autograd.grad(g.sum(), x); print(h.flatten())',
]

# ---- sampling grids: affine_grid and grid_sample (a spatial transformer's two steps)
D2 = [
    'th = T.tensor([[[0.9, -0.3, 0.1], [0.4, 1.1, -0.2]]], requires_grad=True)\nfor ac in (False, True):\n    g = T.nn.functional.affine_grid(th, (1, 2, 3, 4), align_corners=ac); print(g.grad_fn.name(), g[0, 1]); g.pow(2).sum().backward(); print(th.grad); th.grad = None',
    'T.manual_seed(0); x = T.randn(2, 3, 4, 5, dtype=T.float64, requires_grad=True); grid = (T.rand(2, 3, 2, 2, dtype=T.float64) * 2.6 - 1.3).requires_grad_()\nfor mode in ("bilinear", "nearest", "bicubic"):\n    for pm in ("zeros", "border", "reflection"):\n        for ac in (False, True):\n            y = T.nn.functional.grid_sample(x, grid, mode=mode, padding_mode=pm, align_corners=ac)\n            gx, gg = T.autograd.grad((y * y.detach().cos()).sum(), (x, grid))\n            print(mode, pm, ac, y.grad_fn.name(), round(y.sum().item(), 8), round(gx.pow(2).sum().item(), 8), round(gg.sum().item(), 8), gg[1, 2, 1].abs())',
    'T.manual_seed(0); x = T.randn(1, 2, 3, 4, 5, dtype=T.float64, requires_grad=True); g = (T.rand(1, 2, 2, 3, 3, dtype=T.float64) * 2.4 - 1.2).requires_grad_()\nfor pm in ("zeros", "border", "reflection"):\n    y = T.nn.functional.grid_sample(x, g, padding_mode=pm, align_corners=False); gx, gg = T.autograd.grad((y * y.detach().cos()).sum(), (x, g))\n    print(y.grad_fn.name(), round(y.sum().item(), 8), round(gx.pow(2).sum().item(), 8), round(gg.sum().item(), 8))\nth = T.randn(1, 3, 4, requires_grad=True); a = T.nn.functional.affine_grid(th, (1, 1, 2, 3, 2), align_corners=False); print(a.shape, a[0, 1, 2]); a.sum().backward(); print(th.grad)',
    'T.manual_seed(0)\nclass STN(T.nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.loc = T.nn.Sequential(T.nn.Conv2d(1, 4, 3), T.nn.MaxPool2d(2), T.nn.ReLU(), T.nn.Flatten(), T.nn.Linear(4 * 3 * 3, 6))\n        self.loc[-1].weight.data.zero_(); self.loc[-1].bias.data.copy_(T.tensor([1, 0, 0, 0, 1, 0], dtype=T.float))\n    def forward(self, x):\n        theta = self.loc(x).view(-1, 2, 3)\n        grid = T.nn.functional.affine_grid(theta, x.size(), align_corners=False)\n        return T.nn.functional.grid_sample(x, grid, align_corners=False)\nnet = STN(); x = T.rand(2, 1, 8, 8); opt = T.optim.SGD(net.parameters(), lr=0.1)\nfor i in range(3):\n    opt.zero_grad(); l = (net(x) - x.flip(-1)).pow(2).mean(); l.backward(); opt.step(); print(round(l.item(), 5))\nprint(net.loc[-1].bias.round(decimals=4))',
    'T.nn.functional.grid_sample(T.ones(1, 2, 3, 3), T.zeros(2, 2, 2, 2), align_corners=False)',
    'T.nn.functional.grid_sample(T.ones(1, 2, 3, 3), T.zeros(1, 2, 2, 3), align_corners=False)',
    'T.nn.functional.grid_sample(T.ones(1, 2, 3, 3), T.zeros(1, 2, 2), align_corners=False)',
    'T.nn.functional.grid_sample(T.ones(1, 2, 3, 3), T.zeros(1, 2, 2, 2, dtype=T.float64), align_corners=False)',
    'T.nn.functional.grid_sample(T.ones(1, 2, 3, 3), T.zeros(1, 2, 2, 2), mode="linear")',
    'T.nn.functional.grid_sample(T.ones(1, 2, 3, 3), T.zeros(1, 2, 2, 2), padding_mode="circular")',
    'T.nn.functional.grid_sample(T.ones(1, 2, 3, 3, 3), T.zeros(1, 2, 2, 2, 3), mode="bicubic", align_corners=False)',
    'import warnings\nwith warnings.catch_warnings(record=True) as w:\n    warnings.simplefilter("always"); print(T.nn.functional.grid_sample(T.arange(4.).reshape(1, 1, 2, 2), T.zeros(1, 1, 1, 2)), T.nn.functional.affine_grid(T.eye(2, 3)[None], (1, 1, 1, 2)))\nprint([str(x.message)[:60] for x in w])',
    'T.nn.functional.affine_grid(T.ones(1, 2, 3), (1, 1, 0, 1), align_corners=False)',
    'T.nn.functional.affine_grid(T.ones(1, 2, 3), (1, 1, 4), align_corners=False)',
    'T.nn.functional.affine_grid(T.ones(1, 3, 3), (1, 1, 4, 4), align_corners=False)',
    'T.nn.functional.affine_grid(T.ones(1, 2, 3, dtype=T.long), (1, 1, 4, 4), align_corners=False)',
    'print(T.nn.functional.affine_grid(T.ones(1, 2, 3), (1, 1, 1, 1), align_corners=True))',
]

# ---- the CTC loss (speech recognition: sequences of unknown alignment)
D3 = [
    'T.manual_seed(0); lp = T.randn(6, 3, 5).log_softmax(2).detach().requires_grad_(); tg = T.tensor([[1, 2, 2], [3, 0, 0], [4, 4, 1]])\nfor red in ("none", "sum", "mean"):\n    l = T.nn.functional.ctc_loss(lp, tg, [6, 4, 5], [3, 1, 2], reduction=red); g, = T.autograd.grad(l.sum(), lp)\n    print(red, l, g[3], g[5, 1])',
    'T.manual_seed(0); lp = T.randn(6, 3, 5).log_softmax(2).detach().requires_grad_()\nprint(T.nn.functional.ctc_loss(lp, T.tensor([1, 2, 2, 3, 4, 4]), T.tensor([6, 4, 5]), T.tensor([3, 1, 2]), reduction="none"))\nl = T.nn.functional.ctc_loss(lp, T.tensor([[1, 2, 2], [3, 0, 0], [4, 4, 1]]), [2, 6, 6], [3, 1, 3], reduction="none"); print(l)\nl = T.nn.functional.ctc_loss(lp, T.tensor([[1, 2, 2], [3, 0, 0], [4, 4, 1]]), [2, 6, 6], [3, 1, 3], reduction="none", zero_infinity=True); print(l); l.sum().backward(); print(lp.grad[:, 0].abs().sum(), lp.grad[:, 2].abs().sum() > 0)',
    'T.manual_seed(0); lp = T.randn(6, 3, 5).log_softmax(2).detach().requires_grad_()\nm = T.nn.CTCLoss(blank=4, reduction="sum"); print(m, T.nn.CTCLoss(zero_infinity=True), type(m), m(lp, T.tensor([[1, 2], [3, 0], [0, 1]]), [6, 6, 6], [2, 2, 0]))\nx = T.randn(5, 4).log_softmax(1).requires_grad_(); l = T.nn.functional.ctc_loss(x, T.tensor([1, 2]), [5], [2], reduction="none"); print(l)\ng, = T.autograd.grad(T.nn.functional.ctc_loss(lp, T.tensor([[1, 2]] * 3), [6, 6, 6], [2, 1, 2]), lp, create_graph=True); print(g.grad_fn)\nprint(T.nn.functional.ctc_loss(lp.double(), T.tensor([[1, 2]] * 3), [6, 6, 6], [0, 0, 1]))',
    'T.manual_seed(0); lp = T.randn(6, 3, 5).log_softmax(2).detach().requires_grad_()\ng, = T.autograd.grad(T.nn.functional.ctc_loss(lp, T.tensor([[1, 2]] * 3), [6, 6, 6], [2, 1, 2]), lp, create_graph=True)\nT.autograd.grad(g.sum(), lp)',
    'T.manual_seed(0)\nmodel = T.nn.Sequential(T.nn.Linear(3, 8), T.nn.Tanh(), T.nn.Linear(8, 4)); opt = T.optim.Adam(model.parameters(), lr=0.05); ctc = T.nn.CTCLoss()\nx = T.randn(7, 2, 3); tg = T.tensor([[1, 2, 3], [2, 2, 0]])\nfor i in range(4):\n    opt.zero_grad(); l = ctc(model(x).log_softmax(2), tg, [7, 6], [3, 2]); l.backward(); opt.step(); print(round(l.item(), 4))',
    'T.nn.functional.ctc_loss(T.randn(5, 2, 4).log_softmax(2), T.tensor([[1, 2], [1, 1]]), [5, 5], [2, 3])',
    'T.nn.functional.ctc_loss(T.randn(5, 2, 4).log_softmax(2), T.tensor([[1, 2], [1, 1]]), [6, 5], [2, 2])',
    'T.nn.functional.ctc_loss(T.randn(5, 2, 4).log_softmax(2), T.tensor([[1, 2], [1, 1]]), [5, 5], [2, 2], reduction="foo")',
    'T.nn.functional.ctc_loss(T.randn(5, 2, 4).log_softmax(2), T.tensor([[1, 2], [1, 1]]), [5], [2, 2])',
    'T.nn.functional.ctc_loss(T.randn(5, 2, 4).log_softmax(2), T.tensor([[1, 2], [1, 1]]), [5, 5], [2, 2], blank=4)',
    'print(T.nn.functional.ctc_loss(T.randn(2, 2, 4).log_softmax(2), T.tensor([[1, 1], [1, 1]]), [2, 2], [2, 2]), T.nn.functional.ctc_loss(T.randn(2, 2, 4).log_softmax(2), T.tensor([[1, 1], [1, 1]]), [2, 2], [2, 2], zero_infinity=True))',
]

# ---- state_dict metadata (versions per module), loading older BatchNorm layouts
D4 = [
    'import collections\nm = T.nn.Sequential(T.nn.Linear(1, 1), T.nn.BatchNorm1d(1), T.nn.Sequential(T.nn.LayerNorm(2), T.nn.InstanceNorm1d(2, track_running_stats=True)))\nsd = m.state_dict(); print(sd._metadata, type(sd._metadata)); print(m.load_state_dict(sd))\nd = {k: v for k, v in sd.items() if "num_batches" not in k}; print(m.load_state_dict(d), m[1].num_batches_tracked)\nd = collections.OrderedDict(d); d._metadata = sd._metadata\ntry:\n    m.load_state_dict(d)\nexcept RuntimeError as e:\n    print(e)\nprint(m[0].state_dict(prefix="a.")._metadata, m[2].state_dict()._metadata, T.nn.Linear._version, T.nn.BatchNorm2d._version)',
    'm = T.nn.BatchNorm1d(2); sd = m.state_dict(); del sd["num_batches_tracked"]; sd._metadata[""]["version"] = 1; m.num_batches_tracked.fill_(5); print(m.load_state_dict(sd), m.num_batches_tracked)',
]

# ---- parametrizations (nn.utils.parametrize), spectral norm, weight norm as a parametrization
D5 = [
    'import T.nn.utils.parametrize as P\nclass Sym(T.nn.Module):\n    def forward(self, X):\n        return X.triu() + X.triu(1).transpose(-1, -2)\nT.manual_seed(0); m = T.nn.Linear(3, 3); P.register_parametrization(m, "weight", Sym())\nprint(m); print(type(m), type(m.parametrizations), type(m.parametrizations.weight), type(m).__name__)\nprint(list(m.state_dict().keys()), [n for n, _ in m.named_parameters()], m.state_dict()._metadata)\nprint(m.parametrizations.weight.original.shape, P.is_parametrized(m), P.is_parametrized(m, "bias"), m.weight.grad_fn.name(), m.weight)\nwith P.cached():\n    print(m.weight is m.weight)\nprint(m.weight is m.weight)\nm(T.ones(2, 3)).sum().backward(); print(m.parametrizations.weight.original.grad)\nP.register_parametrization(m, "weight", Sym()); print(m.parametrizations.weight)\nP.remove_parametrizations(m, "weight"); print(m, type(m), m.weight, hasattr(m, "parametrizations"))',
    'import T.nn.utils.parametrize as P\nclass Bad(T.nn.Module):\n    def forward(self, X):\n        return X[:2]\nP.register_parametrization(T.nn.Linear(3, 3), "weight", Bad())',
    'import T.nn.utils.parametrize as P\nclass Sym(T.nn.Module):\n    def forward(self, X):\n        return X.triu()\nP.register_parametrization(T.nn.Linear(3, 3), "foo", Sym())',
    'import T.nn.utils.parametrize as P\nP.remove_parametrizations(T.nn.Linear(3, 3), "weight")',
    'import T.nn.utils.parametrize as P\nclass Sym(T.nn.Module):\n    def forward(self, X):\n        return X.triu()\nm = T.nn.Linear(3, 3); P.register_parametrization(m, "weight", Sym()); m.weight = T.zeros(3, 3)',
    'import T.nn.utils.parametrize as P, pickle\nclass Sym(T.nn.Module):\n    def forward(self, X):\n        return X.triu()\nm = T.nn.Linear(3, 3); P.register_parametrization(m, "weight", Sym()); pickle.dumps(m)',
    'import T.nn.utils.parametrize as P, copy\nclass Double(T.nn.Module):\n    def forward(self, X):\n        return X * 2\n    def right_inverse(self, X):\n        return X / 2\nT.manual_seed(0); m = T.nn.Linear(2, 2); w = m.weight.detach().clone(); P.register_parametrization(m, "weight", Double())\nprint(T.equal(m.weight, w), m.parametrizations.weight.original)\nm.weight = T.ones(2, 2); print(m.parametrizations.weight.original, m.weight)\nc = copy.deepcopy(m); print(type(c).__name__, c.weight, P.type_before_parametrizations(c))\nopt = T.optim.SGD(m.parameters(), lr=0.5); m(T.ones(1, 2)).sum().backward(); opt.step(); print(m.weight)\nP.remove_parametrizations(m, "weight", leave_parametrized=False); print(m.weight)',
    'import T.nn.utils.parametrize as P\nclass Split(T.nn.Module):\n    def forward(self, a, b):\n        return a + b\n    def right_inverse(self, X):\n        return X / 4, X * 3 / 4\nT.manual_seed(0); m = T.nn.Linear(2, 2); P.register_parametrization(m, "weight", Split()); print(m.parametrizations.weight.original0, m.parametrizations.weight.original1, list(m.state_dict()))\nP.remove_parametrizations(m, "weight"); print(m.weight, type(m.weight))',
    'T.manual_seed(0); m = T.nn.utils.spectral_norm(T.nn.Linear(4, 3)); print(m, [n for n, _ in m.named_parameters()], list(m.state_dict().keys()))\nprint(m.weight_u, m.weight_v)\nx = T.arange(8.).reshape(2, 4); y = m(x); print(y); y.sum().backward(); print(m.weight_orig.grad)\nprint(m.weight_u, m.weight)\nm.eval(); print(m(x)); T.nn.utils.remove_spectral_norm(m); print([n for n, _ in m.named_parameters()], m.weight)',
    'T.manual_seed(0); m = T.nn.utils.spectral_norm(T.nn.ConvTranspose2d(2, 3, 2), n_power_iterations=3); print(m.weight_u.shape, m.weight_v.shape)\nprint(m(T.ones(1, 2, 2, 2))[0, 0])\nT.nn.utils.spectral_norm(m)',
    'T.nn.utils.spectral_norm(T.nn.Linear(2, 2), n_power_iterations=0)',
    'T.nn.utils.remove_spectral_norm(T.nn.Linear(2, 2))',
    'T.manual_seed(0); m = T.nn.utils.parametrizations.spectral_norm(T.nn.Linear(4, 3)); print(m); print(m.parametrizations.weight[0]._u, m.parametrizations.weight[0]._v, list(m.state_dict().keys()))\nx = T.arange(8.).reshape(2, 4); y = m(x); print(y); y.sum().backward(); print(m.parametrizations.weight.original.grad)\nm.eval(); print(m(x), m.weight)\nm2 = T.nn.utils.parametrizations.spectral_norm(T.nn.Conv1d(2, 3, 2), dim=1); print(m2.parametrizations.weight[0]._u.shape)',
    'T.manual_seed(0); m = T.nn.utils.parametrizations.weight_norm(T.nn.Linear(3, 2)); print(m); print(m.parametrizations.weight.original0, m.parametrizations.weight.original1.shape, list(m.state_dict()))\ny = m(T.arange(6.).reshape(2, 3)); print(y); y.sum().backward(); print(m.parametrizations.weight.original0.grad)\nm2 = T.nn.utils.parametrizations.weight_norm(T.nn.Conv1d(2, 3, 2), dim=None); print(m2.parametrizations.weight.original0)',
    'T.nn.utils.parametrizations.spectral_norm(T.nn.Linear(2, 2), dim=3)',
    'T.nn.utils.parametrizations.spectral_norm(T.nn.Linear(2, 2), name="foo")',
]

# ---- channel shuffle, 3-D power pools and unpooling, pools with indices, older resampling names,
# Gumbel softmax, triplet loss with any distance, lazy 3-D convolutions
D6 = [
    'print(T.nn.ChannelShuffle(2), T.nn.LPPool3d(2, 2), T.nn.MaxUnpool3d(2), T.nn.TripletMarginWithDistanceLoss(margin=2.0), T.nn.TripletMarginWithDistanceLoss(distance_function=T.nn.PairwiseDistance()))\nprint(type(T.nn.ChannelShuffle(2)), type(T.nn.LPPool3d(2, 2)), type(T.nn.MaxUnpool3d(2)), type(T.nn.TripletMarginWithDistanceLoss()))\nx = T.arange(8.).reshape(1, 4, 2).requires_grad_(); y = T.nn.functional.channel_shuffle(x, 2); print(y, T.nn.ChannelShuffle(2)(x)); (y * T.arange(8.).reshape(1, 4, 2)).sum().backward(); print(x.grad)',
    'T.nn.functional.channel_shuffle(T.ones(1, 3, 2), 2)',
    'T.nn.functional.channel_shuffle(T.ones(3), 3)',
    'T.nn.functional.channel_shuffle(T.ones(1, 4, 2), 0)',
    'x = T.arange(2 * 4 * 4 * 4.).reshape(1, 2, 4, 4, 4).div(50).requires_grad_(); y = T.nn.functional.lp_pool3d(x, 2, 2); print(y); y.sum().backward(); print(x.grad[0, 0, 0])\nprint(T.nn.LPPool3d(1.5, (1, 2, 2), stride=1)(x).shape, T.nn.functional.lp_pool2d(x[0], float("inf"), 2), T.nn.functional.lp_pool1d(x[0, 0], -float("inf"), 2)[0])',
    'x = T.arange(2 * 4 * 4 * 4.).reshape(1, 2, 4, 4, 4); y, i = T.nn.functional.max_pool3d(x, 2, return_indices=True); z = T.nn.MaxUnpool3d(2)(y, i); print(z[0, 1, 1], T.nn.functional.max_unpool3d(y, i, 2, output_size=(5, 5, 5)).shape)',
    'x = T.arange(16.).reshape(1, 1, 4, 4); print(T.nn.functional.max_pool2d_with_indices(x, 2), T.nn.functional.adaptive_max_pool1d_with_indices(x[0], 2), T.nn.functional.max_pool1d_with_indices(x[0], 2), T.nn.functional.adaptive_max_pool2d_with_indices(x, 1))\nx3 = T.arange(8.).reshape(1, 1, 2, 2, 2); print(T.nn.functional.max_pool3d_with_indices(x3, 2), T.nn.functional.adaptive_max_pool3d_with_indices(x3, 1))',
    'import warnings\nx = T.arange(4.).reshape(1, 1, 2, 2)\nwith warnings.catch_warnings(record=True) as w:\n    warnings.simplefilter("always"); print(T.nn.functional.upsample_nearest(x, scale_factor=2), T.nn.functional.upsample_bilinear(x, size=3)); print([str(a.message) for a in w])',
    'T.manual_seed(0); logits = T.tensor([[1., 2., 0.5], [0., 0., 3.]], requires_grad=True)\ny = T.nn.functional.gumbel_softmax(logits, tau=0.5); print(y); h = T.nn.functional.gumbel_softmax(logits, hard=True); print(h); (h * T.arange(3.)).sum().backward(); print(logits.grad)\nprint(T.nn.functional.gumbel_softmax(logits, dim=0, eps=1e-5))',
    'T.manual_seed(0); a, p, n = T.randn(3, 4, requires_grad=True), T.randn(3, 4), T.randn(3, 4)\nl = T.nn.TripletMarginWithDistanceLoss(distance_function=lambda x, y: 1 - T.nn.functional.cosine_similarity(x, y), margin=0.5, swap=True)(a, p, n); print(l); l.backward(); print(a.grad)\nprint(T.nn.functional.triplet_margin_with_distance_loss(a, p, n, reduction="none"), T.nn.functional.triplet_margin_loss(a, p, n, p=1, swap=True))',
    'T.nn.TripletMarginWithDistanceLoss(margin=0)',
    'T.nn.functional.triplet_margin_with_distance_loss(T.ones(2), T.ones(2), T.ones(2, 1))',
    'T.nn.functional.triplet_margin_with_distance_loss(T.ones(2), T.ones(2), T.ones(2), reduction="x")',
    'T.nn.functional.triplet_margin_loss(T.ones(2), T.ones(2), T.ones(2), reduction="x")',
    'T.manual_seed(0); m = T.nn.LazyConv3d(2, 2); print(m); y = m(T.ones(1, 3, 3, 3, 3)); print(m, type(m), y.shape, m.weight.flatten()[:4])\nm = T.nn.LazyConvTranspose3d(2, 2); y = m(T.ones(3, 3, 3, 3)); print(m, y.shape, type(m))',
    'x = T.arange(2 * 4 * 4.).reshape(2, 4, 4).requires_grad_()\ny, i = T.nn.functional.max_pool2d(x, 2, return_indices=True); a = T.nn.functional.avg_pool2d(x, 2, padding=1); b = T.nn.functional.adaptive_avg_pool2d(x, 3)\nprint(y.grad_fn.name(), i, a.grad_fn.name(), b.grad_fn.name(), [n.name() for n, _ in y.grad_fn.next_functions])\ng, = T.autograd.grad(y.sum() + a.pow(2).sum() + b.pow(2).sum(), x, create_graph=True); print(g[1]); h, = T.autograd.grad(g.pow(2).sum(), x); print(h[0])',
]

# ---- module and optimizer machinery: named_*, extra state, state_dict and step hooks, loading
# optimizer and scheduler states, schedulers' momentum cycling
D7 = [
    'm = T.nn.Sequential(T.nn.Linear(2, 2), T.nn.BatchNorm1d(2)); print([n for n, _ in m.named_buffers()], [n for n, _ in m.named_buffers(prefix="x", recurse=False)], [n for n, _ in m.named_parameters(prefix="p")], [n for n, _ in m.named_modules(prefix="root")])',
    'class M(T.nn.Module):\n    def __init__(self):\n        super().__init__(); self.l = T.nn.Linear(1, 1); self.extra = 5\n    def get_extra_state(self):\n        return {"extra": self.extra}\n    def set_extra_state(self, state):\n        self.extra = state["extra"]\nm = M(); sd = m.state_dict(); print(list(sd.keys()), sd["_extra_state"]); sd["_extra_state"] = {"extra": 7}; print(m.load_state_dict(sd), m.extra)',
    'm = T.nn.Linear(2, 2); h = m.register_state_dict_pre_hook(lambda mod, prefix, keep_vars: print("pre", prefix, keep_vars)); m.state_dict(); h.remove(); m.state_dict(); print("ok")',
    'm = T.nn.Linear(2, 2); m.register_load_state_dict_post_hook(lambda mod, keys: print("post", keys)); print(m.load_state_dict(m.state_dict()))',
    'm = T.nn.Linear(2, 2); m._register_state_dict_hook(lambda mod, sd, prefix, local: print("hook", list(sd), prefix, local)); m.state_dict()',
    'm = T.nn.Linear(2, 2); m.register_load_state_dict_pre_hook(lambda mod, sd, prefix, local, strict, missing, unexpected, errors: print("lpre", list(sd), prefix, local, strict)); m.load_state_dict(m.state_dict())',
    'm = T.nn.Linear(2, 2); print(m.to_empty(device="cpu").weight.shape); print(m.share_memory() is m, m.float().weight.dtype)',
    'w = T.ones(2, requires_grad=True); o = T.optim.SGD([w], lr=0.1); o.register_step_pre_hook(lambda opt, a, k: print("pre")); o.register_step_post_hook(lambda opt, a, k: print("post")); (w * w).sum().backward(); o.step(); print(w)',
    'w = T.ones(2, requires_grad=True); o = T.optim.Adam([w], lr=0.1); (w * w).sum().backward(); o.step(); o.zero_grad(set_to_none=False); print(w.grad); o.zero_grad(); print(w.grad)',
    'w = T.ones(2, requires_grad=True); o = T.optim.Adam([w], lr=0.1, foreach=True, maximize=True, capturable=False, differentiable=False, fused=None); (w * w).sum().backward(); o.step(); print(w, o.param_groups[0])',
    'w = T.ones(2, requires_grad=True); o = T.optim.SGD([w], lr=0.1); o.register_state_dict_pre_hook(lambda opt: print("sdpre")); o.register_state_dict_post_hook(lambda opt, sd: print("sdpost", list(sd))); o.state_dict(); o.register_load_state_dict_pre_hook(lambda opt, sd: print("lpre")); o.register_load_state_dict_post_hook(lambda opt: print("lpost")); o.load_state_dict(o.state_dict())',
    'w = T.ones(2, requires_grad=True); o = T.optim.Adam([w]); (w * w).sum().backward(); o.step(); sd = o.state_dict(); o2 = T.optim.Adam([T.zeros(2, requires_grad=True)], lr=0.5); o2.load_state_dict(sd); print(o2.state_dict(), o2.param_groups[0]["lr"])',
    'w = T.ones(2, requires_grad=True); o = T.optim.Adam([w]); o2 = T.optim.Adam([w, T.ones(1, requires_grad=True)]); o2.load_state_dict(o.state_dict())',
    'import copy\nw = T.ones(2, requires_grad=True); o = T.optim.SGD([w], lr=1.0); s = T.optim.lr_scheduler.StepLR(o, 1, 0.5); o.step(); s.step(); sd = copy.deepcopy(s.state_dict()); print(sd)\no2 = T.optim.SGD([w], lr=1.0); s2 = T.optim.lr_scheduler.StepLR(o2, 1, 0.5); s2.load_state_dict(sd); print(s2.get_last_lr(), o2.param_groups[0]["lr"], s2.last_epoch)',
    'w = T.ones(2, requires_grad=True); o = T.optim.SGD([w], lr=1.0); s = T.optim.lr_scheduler.StepLR(o, 1, 0.5); s.step(); s.step(3); print(s.get_last_lr(), s.last_epoch, s.get_lr())',
    'w = T.ones(2, requires_grad=True); o = T.optim.SGD([w], lr=1.0); s = T.optim.lr_scheduler.CosineAnnealingLR(o, 10, eta_min=0.1); print([round(v, 5) for v in s._get_closed_form_lr()]); print(s.base_lrs, o.param_groups[0]["initial_lr"])',
    'w = T.ones(2, requires_grad=True); o = T.optim.SGD([w], lr=1.0); s = T.optim.lr_scheduler.StepLR(o, 1, 0.5, last_epoch=3)',
    'w = T.ones(2, requires_grad=True); o = T.optim.SGD([w], lr=1.0, momentum=0.9); s = T.optim.lr_scheduler.OneCycleLR(o, 2.0, total_steps=5, cycle_momentum=True)\nfor i in range(4):\n    o.step(); s.step(); print(round(o.param_groups[0]["lr"], 5), round(o.param_groups[0]["momentum"], 5))',
    'w = T.ones(2, requires_grad=True); o = T.optim.Adam([w], lr=1.0); s = T.optim.lr_scheduler.CyclicLR(o, 0.1, 1.0, step_size_up=2, mode="exp_range", gamma=0.9)\nfor i in range(5):\n    o.step(); s.step(); print(round(o.param_groups[0]["lr"], 5), o.param_groups[0]["betas"])',
    'w = T.ones(2, requires_grad=True); o = T.optim.SGD([w], lr=1.0); s = T.optim.lr_scheduler.ReduceLROnPlateau(o, mode="max", threshold_mode="abs", cooldown=1, min_lr=0.3, eps=0.01)\nfor v in [1, 1, 1, 1, 1, 1, 1]:\n    s.step(v); print(o.param_groups[0]["lr"], s.cooldown_counter)',
    'print(T.optim.lr_scheduler.LRScheduler, T.optim.lr_scheduler._LRScheduler, T.optim.Optimizer)',
    'w = T.ones(2, requires_grad=True); o = T.optim.SGD([w], lr=1.0); s = T.optim.lr_scheduler.PolynomialLR(o, total_iters=3, power=1.0); print([round((o.step(), s.step(), s.get_last_lr()[0])[2], 4) for _ in range(5)])',
]

# ---- spectral-norm metadata, loading old weight_norm states, skip_init, fusing BatchNorm, functional_call
D8 = [
    'T.manual_seed(0); m = T.nn.utils.spectral_norm(T.nn.Linear(2, 2)); sd = m.state_dict(); print(sd._metadata, list(sd)); T.nn.utils.remove_spectral_norm(m); print(m.state_dict()._metadata)',
    'T.manual_seed(0); old = T.nn.utils.weight_norm(T.nn.Linear(3, 2)); sd = old.state_dict(); new = T.nn.utils.parametrizations.weight_norm(T.nn.Linear(3, 2)); print(new.load_state_dict(sd), T.equal(new.weight, old.weight))',
    'T.manual_seed(0); m = T.nn.Linear(2, 2); print(T.nn.utils.skip_init(T.nn.Linear, 2, 3).weight.shape)',
    'T.manual_seed(0); conv = T.nn.Conv2d(2, 3, 2).eval(); bn = T.nn.BatchNorm2d(3).eval(); bn.running_mean.fill_(0.5); bn.running_var.fill_(2.); f = T.nn.utils.fuse_conv_bn_eval(conv, bn); x = T.ones(1, 2, 3, 3); print((f(x) - bn(conv(x))).abs().max() < 1e-6, f, f.weight.requires_grad, type(f.bias))',
    'T.manual_seed(0); lin = T.nn.Linear(2, 3).eval(); bn = T.nn.BatchNorm1d(3).eval(); bn.running_mean.fill_(0.5); f = T.nn.utils.fuse_linear_bn_eval(lin, bn); x = T.ones(1, 2); print((f(x) - bn(lin(x))).abs().max() < 1e-6, f)',
    'T.manual_seed(0); m = T.nn.Linear(2, 1); from T.func import functional_call; print(functional_call(m, {"weight": T.ones(1, 2), "bias": T.zeros(1)}, (T.ones(1, 2),)), T.nn.utils.stateless.functional_call(m, {"weight": T.ones(1, 2)}, T.ones(1, 2)))',
]

# ---- interpolate: bicubic and antialiased resampling
D9 = [
    'F = T.nn.functional; x = T.arange(2 * 3 * 4 * 5.).reshape(2, 3, 4, 5).div(100).requires_grad_()\nfor ac in (False, True):\n    for size in [(3, 7), (8, 9), (2, 2), (1, 1), (4, 5)]:\n        y = F.interpolate(x, size=size, mode="bicubic", align_corners=ac); g, = T.autograd.grad(y.pow(2).sum(), x); print(ac, size, y.grad_fn.name(), y[1, 2].round(decimals=2), g[0, 1].sum().round(decimals=1))',
    'F = T.nn.functional; x = T.arange(2 * 3 * 4 * 5.).reshape(2, 3, 4, 5).div(100).requires_grad_()\nfor sf in [0.5, 1.7, 2, (0.6, 1.3)]:\n    y = F.interpolate(x, scale_factor=sf, mode="bicubic"); print(sf, y[0, 0].round(decimals=3))\n    y = F.interpolate(x, scale_factor=sf, mode="bicubic", recompute_scale_factor=True); print(y[0, 0, 0].round(decimals=3))',
    'F = T.nn.functional; x = T.arange(2 * 3 * 9 * 11.).reshape(2, 3, 9, 11).div(100).requires_grad_()\nfor mode in ("bilinear", "bicubic"):\n    for ac in (False, True):\n        for size in [(3, 4), (4, 7), (12, 5), (9, 11)]:\n            y = F.interpolate(x, size=size, mode=mode, align_corners=ac, antialias=True); g, = T.autograd.grad(y.pow(2).sum(), x); print(mode, ac, size, y.grad_fn.name(), y[1, 2].sum(1).round(decimals=1), g[0, 1].sum().round(decimals=1))',
    'F = T.nn.functional; x = T.arange(2 * 3 * 9 * 11.).reshape(2, 3, 9, 11).div(10)\nprint(F.interpolate(x, scale_factor=0.3, mode="bilinear", antialias=True)[0, 0].round(decimals=3), F.interpolate(x, scale_factor=(0.5, 0.4), mode="bicubic", antialias=True)[1, 1].round(decimals=3))',
]

# ---- orthogonal parametrization (matrix_exp, cayley, householder; tall and wide weights)
D10 = [
    'T.manual_seed(0); m = T.nn.utils.parametrizations.orthogonal(T.nn.Linear(3, 3)); print(m); w = m.weight; print((w @ w.T - T.eye(3)).abs().max() < 1e-5, w.round(decimals=4), m.parametrizations.weight.original, list(m.state_dict()))\ny = m(T.ones(2, 3)).sum(); y.backward(); print(m.parametrizations.weight.original.grad.round(decimals=4))',
    'T.manual_seed(0); m = T.nn.utils.parametrizations.orthogonal(T.nn.Linear(3, 5)); w = m.weight; print(w.shape, (w.T @ w - T.eye(3)).abs().max() < 1e-5, w.round(decimals=4))\nopt = T.optim.SGD(m.parameters(), lr=0.1)\nfor i in range(3):\n    opt.zero_grad(); m(T.arange(6.).reshape(2, 3)).pow(2).sum().backward(); opt.step()\nw = m.weight; print((w.T @ w - T.eye(3)).abs().max() < 1e-5, w.round(decimals=3))',
    'T.manual_seed(0); m = T.nn.utils.parametrizations.orthogonal(T.nn.Linear(5, 2), orthogonal_map="cayley"); w = m.weight; print(w.shape, (w @ w.T - T.eye(2)).abs().max() < 1e-5, w.round(decimals=4))\nm(T.ones(1, 5)).sum().backward(); print(m.parametrizations.weight.original.grad.round(decimals=4))',
    'T.manual_seed(0); m = T.nn.utils.parametrizations.orthogonal(T.nn.Linear(4, 4), orthogonal_map="householder"); w = m.weight; print((w @ w.T - T.eye(4)).abs().max() < 1e-5, w.round(decimals=4))\nm(T.ones(1, 4)).sum().backward(); print(m.parametrizations.weight.original.grad.round(decimals=4))',
    'T.nn.utils.parametrizations.orthogonal(T.nn.Linear(3, 3), orthogonal_map="foo")',
    'T.nn.utils.parametrizations.orthogonal(T.nn.PReLU())',
]

# ---- optimizer states saved without some settings get PyTorch's defaults when loaded
D11 = [
    'for name in ["SGD", "Adam", "AdamW", "Adadelta", "Adagrad", "Adamax", "ASGD", "NAdam", "RAdam", "RMSprop", "Rprop"]:\n    w = T.ones(2, requires_grad=True); o = getattr(T.optim, name)([w]); o.load_state_dict({"state": {}, "param_groups": [{"params": [0], "lr": 0.5}]}); print(name, o.param_groups[0])',
    'w = T.ones(2, requires_grad=True); o = T.optim.Adam([w]); o.load_state_dict({"state": {0: {"step": 3, "exp_avg": T.ones(2), "exp_avg_sq": T.ones(2)}}, "param_groups": [{"params": [0], "lr": 0.5, "betas": (0.9, 0.99), "eps": 1e-8, "weight_decay": 0}]}); print(o.state_dict())\n(w * w).sum().backward(); o.step(); print(w, o.state[w]["step"])',
]

# ---- fractional max pooling, the deprecated nn.init names
D12 = [
    'T.manual_seed(0); m = T.nn.FractionalMaxPool2d(2, output_size=(3, 3)); x = T.arange(36.).reshape(1, 1, 6, 6); print(m, m(x), type(m), m.state_dict())',
    'T.manual_seed(0); x = T.randn(2, 3, 9, 10, requires_grad=True); y, i = T.nn.functional.fractional_max_pool2d(x, (2, 3), output_size=(5, 4), return_indices=True); print(y.grad_fn.name(), i[1, 2]); y.sum().backward(); print(x.grad[1, 2])\nprint(T.nn.FractionalMaxPool2d(3, output_ratio=(0.5, 0.6))(x).shape, T.nn.functional.fractional_max_pool2d(x[0], 2, output_size=4, _random_samples=T.rand(1, 3, 2)).shape)',
    'T.manual_seed(0); x = T.randn(1, 2, 6, 7, 8, requires_grad=True); y, i = T.nn.FractionalMaxPool3d(2, output_size=(3, 4, 5), return_indices=True)(x); print(y.grad_fn.name(), i[0, 1]); y.sum().backward(); print(x.grad[0, 1, 2])',
    'T.manual_seed(0); x = T.randn(1, 2, 6, 6).double(); y = T.nn.functional.fractional_max_pool2d(x, 3, output_ratio=(0.7, 0.7)); print(y)\nT.nn.functional.fractional_max_pool2d(x, 3, output_ratio=0.7)',
    'T.nn.functional.fractional_max_pool2d(T.ones(1, 1, 6, 6), 4, output_size=5)',
    'T.nn.functional.fractional_max_pool2d(T.ones(1, 1, 6, 6), 2)',
    'T.nn.FractionalMaxPool2d(2)',
    'T.nn.FractionalMaxPool2d(2, output_size=3, output_ratio=0.5)',
    'T.nn.FractionalMaxPool2d(2, output_ratio=1.5)',
    'T.nn.functional.fractional_max_pool3d(T.ones(1, 1, 4, 4, 4, requires_grad=True), 2, output_size=3)',
    'import warnings\nwith warnings.catch_warnings(record=True) as ws:\n    warnings.simplefilter("always"); T.nn.init.normal(T.empty(2)); T.nn.init.xavier_uniform(T.empty(2, 2)); T.nn.init.constant(T.empty(1), 2.); T.nn.init.kaiming_normal(T.empty(2, 2)); T.nn.init.dirac(T.empty(2, 2, 2)); T.nn.init.orthogonal(T.empty(2, 2)); T.nn.init.sparse(T.empty(2, 2), 0.5); T.nn.init.uniform(T.empty(1)); T.nn.init.xavier_normal(T.empty(1, 1)); T.nn.init.kaiming_uniform(T.empty(1, 1))\nprint([str(x.message) for x in ws], [x.category.__name__ for x in ws], T.nn.init.normal.__name__)',
]

# ---- the adaptive softmax (language models with large vocabularies)
D13 = [
    'T.manual_seed(0); m = T.nn.AdaptiveLogSoftmaxWithLoss(8, 10, cutoffs=[4, 7], div_value=2.0); print(m, type(m)); x = T.randn(5, 8); out = m(x, T.tensor([1, 5, 9, 0, 8])); print(out, type(out).__name__, out._fields)\nprint(m.log_prob(x).exp().sum(1).sub(1).abs().lt(1e-6).all(), m.predict(x), m.log_prob(x).argmax(1)); out.loss.backward(); print(m.head.weight.grad[0], m.tail[1][1].weight.grad)',
    'T.manual_seed(0); m = T.nn.AdaptiveLogSoftmaxWithLoss(4, 6, cutoffs=[2], head_bias=True); x = T.randn(4); print(m(x, T.tensor(3)), list(m.state_dict()))',
    'T.nn.AdaptiveLogSoftmaxWithLoss(4, 6, cutoffs=[3, 2])',
    'T.nn.AdaptiveLogSoftmaxWithLoss(4, 6, cutoffs=[])',
    'm = T.nn.AdaptiveLogSoftmaxWithLoss(4, 6, cutoffs=[2]); m(T.ones(2, 4), T.tensor([1, 7]))',
    'm = T.nn.AdaptiveLogSoftmaxWithLoss(4, 6, cutoffs=[2]); m(T.ones(3, 4), T.tensor([1, 2]))',
    'm = T.nn.AdaptiveLogSoftmaxWithLoss(4, 6, cutoffs=[2]); m(T.ones(4), T.tensor([1]))',
]
# ---- Adafactor
D14 = [
    'T.manual_seed(0); w = T.randn(3, 4, requires_grad=True); b = T.randn(4, requires_grad=True); o = T.optim.Adafactor([w, b], lr=0.1, weight_decay=0.01); print(o)\nfor i in range(4):\n    o.zero_grad(); ((w @ T.arange(4.)) ** 2).sum().backward(); (b.pow(3).sum()).backward(); o.step()\nprint(w, b); print(o.state_dict())',
    'T.manual_seed(0); w = T.randn(2, 3, 4, requires_grad=True); o = T.optim.Adafactor([w], eps=(1e-6, 1e-2), d=2.0, maximize=True, beta2_decay=-0.5)\nfor i in range(3):\n    o.zero_grad(); w.sin().sum().backward(); o.step()\nprint(w[1])',
    'T.optim.Adafactor([T.ones(1, requires_grad=True)], beta2_decay=0.5)',
    'T.optim.Adafactor([T.ones(1, requires_grad=True)], d=0.5)',
    'T.optim.Adafactor([T.ones(1, requires_grad=True)], eps=(-1, 1e-3))',
]

# ---- loss argument checks and messages, reprs of the new layers, saving parametrized modules
D15 = [
    'T.nn.functional.cross_entropy(T.ones(2, 3), T.tensor([0, 1]), reduction="x")',
    'T.nn.functional.cross_entropy(T.ones(2, 3), T.tensor([0, 1, 2]))',
    'T.nn.functional.cross_entropy(T.ones(2, 3), T.ones(2, 4))',
    'T.nn.functional.cross_entropy(T.ones(2, 3), T.tensor([0, 1]), weight=T.ones(2))',
    'T.nn.functional.nll_loss(T.ones(2, 3, 4), T.tensor([0, 1]))',
    'T.nn.functional.binary_cross_entropy_with_logits(T.ones(2), T.ones(3))',
    'T.nn.functional.kl_div(T.ones(2), T.ones(2), reduction="x")',
    'T.nn.functional.huber_loss(T.ones(2), T.ones(2), delta=0)',
    'T.nn.functional.smooth_l1_loss(T.ones(2), T.ones(2), beta=-1)',
    'T.nn.functional.l1_loss(T.ones(2), T.ones(2, dtype=T.long))',
    'T.nn.functional.mse_loss(T.ones(2), T.ones(2, dtype=T.float64))',
    'T.nn.functional.cosine_embedding_loss(T.ones(2, 3), T.ones(2, 3), T.ones(3))',
    'T.nn.functional.margin_ranking_loss(T.ones(2), T.ones(3), T.ones(2))',
    'T.nn.functional.hinge_embedding_loss(T.ones(2), T.ones(2), reduction="bad")',
    'T.nn.functional.multi_margin_loss(T.ones(2, 3), T.tensor([0, 1]), p=3)',
    'T.nn.functional.gaussian_nll_loss(T.ones(2, 3), T.ones(2, 3), -T.ones(2, 3))',
    'T.nn.functional.poisson_nll_loss(T.ones(2), T.ones(2), reduction="bad")',
    'T.nn.functional.ctc_loss(T.randn(5, 2, 4).log_softmax(2), T.tensor([[1, 2], [1, 1]]), [5, 5], [2])',
    'T.nn.functional.ctc_loss(T.randn(5, 2, 4).log_softmax(2), T.tensor([1, 2]), [5, 5], [2, 2])',
    'T.nn.CTCLoss(reduction="bad")(T.randn(5, 2, 4).log_softmax(2), T.tensor([[1, 2], [1, 1]]), [5, 5], [2, 2])',
    'T.nn.functional.grid_sample(T.ones(1, 1, 3, 3), T.zeros(1, 2, 2, 2), align_corners=True, mode="bicubic", padding_mode="border").sum()',
    'print(T.nn.ConvTranspose3d(2, 4, (1, 2, 3), stride=(1, 2, 1), padding=(0, 1, 1), dilation=2, bias=False, groups=2), T.nn.LazyConvTranspose3d(3, 2, output_padding=1, stride=2), T.nn.MaxPool3d((1, 2, 3), stride=2, return_indices=True, ceil_mode=True), T.nn.AdaptiveMaxPool3d((1, None, 2), return_indices=True), T.nn.CTCLoss(reduction="none", zero_infinity=True).zero_infinity)',
    'print(T.nn.utils.parametrizations.spectral_norm(T.nn.Linear(2, 2), n_power_iterations=0))',
    'T.manual_seed(0); m = T.nn.utils.parametrizations.spectral_norm(T.nn.Conv2d(2, 3, 2)); sd = m.state_dict(); print(list(sd), sd._metadata); m2 = T.nn.utils.parametrizations.spectral_norm(T.nn.Conv2d(2, 3, 2)); print(m2.load_state_dict(sd)); print(T.equal(m2.weight, m.weight))',
    'import T.nn.utils.parametrize as P\nclass Sym(T.nn.Module):\n    def forward(self, X):\n        return X.triu() + X.triu(1).T\nm = T.nn.Sequential(T.nn.Linear(3, 3)); P.register_parametrization(m[0], "weight", Sym()); sd = m.state_dict(); print(list(sd)); m2 = T.nn.Sequential(T.nn.Linear(3, 3)); print(m2.load_state_dict(sd, strict=False))',
]

# ---- unpooling as PyTorch's one node; under create_graph the gradient of a composite node is
# one node too (…BackwardBackward0)
D16 = [
    'F = T.nn.functional; x = T.randn(1, 2, 4, 4, requires_grad=True); x1 = T.randn(1, 2, 5, requires_grad=True); x3 = T.randn(1, 1, 3, 3, 3, requires_grad=True)\nouts = [F.pad(x, (1, 1, 1, 1), mode="reflect"), F.pad(x, (1, 1, 1, 1), mode="replicate"), F.pad(x, (1, 1, 1, 1), mode="circular"), F.pad(x1, (1, 1), mode="reflect"), F.pad(x1, (1, 2), mode="replicate"), F.pad(x3, (1,) * 6, mode="reflect"), F.pad(x3, (1,) * 6, mode="replicate"), F.pad(x3, (1,) * 6, mode="circular"), F.unfold(x, 2), F.fold(F.unfold(x, 2), (4, 4), 2), F.pixel_shuffle(T.randn(1, 4, 2, 2, requires_grad=True), 2), F.pixel_unshuffle(x, 2), F.pdist(T.randn(3, 2, requires_grad=True)), F.local_response_norm(x, 2), F.embedding_bag(T.tensor([1, 2]), T.randn(3, 2, requires_grad=True), T.tensor([0])), F.lp_pool2d(x, 2, 2), F.adaptive_max_pool1d(x1, 2), F.max_pool1d(x1, 2), F.avg_pool1d(x1, 2), F.adaptive_avg_pool1d(x1, 2), F.interpolate(x, scale_factor=2), F.interpolate(x1, scale_factor=2, mode="linear"), F.interpolate(x3, scale_factor=2, mode="trilinear"), F.interpolate(x, size=3, mode="area"), F.interpolate(x, size=5, mode="nearest-exact"), F.rms_norm(x, (4,)), F.group_norm(x, 2), F.instance_norm(x), F.layer_norm(x, (4,)), F.batch_norm(x, None, None, training=True), F.normalize(x), F.cosine_similarity(x, x), F.pairwise_distance(x1[0], x1[0]), F.glu(x, 1), F.hardtanh(x), F.relu6(x), F.elu(x), F.selu(x), F.celu(x), F.gelu(x), F.silu(x), F.mish(x), F.hardswish(x), F.hardsigmoid(x), F.softplus(x), F.softsign(x), F.logsigmoid(x), F.tanhshrink(x), F.threshold(x, 0.1, 2.), F.prelu(x, T.ones(1, requires_grad=True)), F.rrelu(x, training=False), F.leaky_relu(x), F.softmin(x, 1), F.log_softmax(x, 1), F.gumbel_softmax(x, hard=False), F.dropout(x, 0.5), F.alpha_dropout(x, 0.5, True), F.dropout2d(x, 0.5), F.linear(x, T.ones(3, 4, requires_grad=True)), F.bilinear(x1[0], x1[0], T.ones(2, 5, 5, requires_grad=True)), F.embedding(T.tensor([1]), T.ones(3, 2, requires_grad=True)), F.one_hot(T.tensor([1]), 3)]\nprint([o.grad_fn.name() if o.grad_fn is not None else None for o in outs])',
    'x = T.arange(8.).reshape(1, 1, 8).requires_grad_(); y, i = T.nn.functional.max_pool1d(x, 2, return_indices=True); u = T.nn.functional.max_unpool1d(y, i, 2); print(u, [n.name() for n, _ in u.grad_fn.next_functions]); u.sum().backward(); print(x.grad)\nprint(T.nn.functional.max_unpool1d(y, i, 2, output_size=[9]).shape, T.nn.MaxUnpool1d(2, stride=2, padding=0)(y, i))',
    'x = T.arange(16.).reshape(1, 1, 4, 4).requires_grad_(); y, i = T.nn.functional.max_pool2d(x, 2, return_indices=True); u = T.nn.functional.max_unpool2d(y, i, 2); print(u.grad_fn.name(), [n.name() for n, _ in u.grad_fn.next_functions], T.nn.functional.max_unpool2d(y[0], i[0], 2).grad_fn.name())\ng, = T.autograd.grad(u.pow(2).sum(), x, create_graph=True); print(g.grad_fn.name(), g)',
    'T.manual_seed(0); m = T.nn.Sequential(T.nn.Conv3d(1, 2, 3, padding=1), T.nn.MaxPool3d(2, return_indices=True)); y, i = m(T.randn(1, 1, 4, 4, 4)); u = T.nn.MaxUnpool3d(2)(y, i); print(u.shape, u.grad_fn.name(), y.grad_fn.name())',
    'x = T.ones(1, 1, 4, 4, requires_grad=True); g = T.zeros(1, 2, 2, 2, requires_grad=True)\nfor f in (lambda x: T.nn.functional.interpolate(x, size=(3, 3), mode="bicubic"), lambda x: T.nn.functional.interpolate(x, size=(3, 3), mode="bilinear", antialias=True), lambda x: T.nn.functional.grid_sample(x, g, align_corners=False), lambda x: T.nn.functional.channel_shuffle(x.expand(1, 2, 4, 4), 2), lambda x: T.nn.functional.fractional_max_pool2d(x, 2, output_size=2)):\n    d, = T.autograd.grad(f(x).pow(2).sum(), x, create_graph=True); print(d.grad_fn.name(), [n if n is None else n.name() for n, _ in d.grad_fn.next_functions])',
    'x = T.ones(1, 1, 4, 4, 4, requires_grad=True); w = T.ones(1, 1, 2, 2, 2, requires_grad=True)\ng = T.autograd.grad(T.nn.functional.conv3d(x, w).pow(2).sum(), (x, w), create_graph=True); print([t.grad_fn.name() for t in g], [n if n is None else n.name() for n, _ in g[0].grad_fn.next_functions])\nfor f in (lambda x: T.nn.functional.max_pool3d(x, 2), lambda x: T.nn.functional.avg_pool3d(x, 2), lambda x: T.nn.functional.adaptive_avg_pool3d(x, 2), lambda x: T.nn.functional.conv_transpose3d(x, w)):\n    d, = T.autograd.grad(f(x).pow(2).sum(), x, create_graph=True); print(d.grad_fn.name())',
    'x = T.arange(1., 28.).reshape(1, 1, 3, 3, 3).div(10).requires_grad_(); w = T.arange(1., 9.).reshape(1, 1, 2, 2, 2).div(10).requires_grad_()\ngx, gw = T.autograd.grad(T.nn.functional.conv3d(x, w).pow(2).sum(), (x, w), create_graph=True)\nhx, hw = T.autograd.grad(gx.pow(2).sum() + gw.sum(), (x, w)); print(hx.flatten()[:6].round(decimals=3), hw.flatten().round(decimals=3))',
]

SNIPPETS = (D1 + D2 + D3 + D4 + D5 + D6 + D7 + D8 + D9 + D10 + D11 + D12
            + D13 + D14 + D15 + D16)


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"r{i:03d}" for i in range(len(SNIPPETS))])
def test_same_output_as_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)
