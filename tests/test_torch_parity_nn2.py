"""More of nn and optim compared with PyTorch's printed output (skipped without PyTorch).

Same comparison as tests/test_torch_parity_nn.py: each snippet runs with ``T`` bound to
``torch`` and to ``autograd_kit`` and must print the same (errors included). These cover the
layers and functions a tutorial reaches for beyond the basics: the shrink activations, GLU,
RReLU, Softmax2d, alpha dropout, RMSNorm, local response norm, 3-D batch norm, EmbeddingBag
(the text classification tutorial), pdist, and what later batches add.
"""

# ruff: noqa: E501

from __future__ import annotations

import pytest

from tests.test_torch_scenarios import assert_same_as_pytorch

torch = pytest.importorskip("torch")

# ---- the last activations, alpha dropout, RMSNorm, local response norm, EmbeddingBag
C1 = [
    'print(T.nn.GLU(), T.nn.Hardshrink(), T.nn.Softshrink(0.3), T.nn.RReLU(), T.nn.RReLU(0.1, 0.2, inplace=True), T.nn.Softmax2d(), T.nn.LocalResponseNorm(2), T.nn.RMSNorm(4), T.nn.RMSNorm([2, 3], eps=1e-5, elementwise_affine=False), T.nn.AlphaDropout(0.2), T.nn.FeatureAlphaDropout(), T.nn.EmbeddingBag(5, 2), T.nn.EmbeddingBag(5, 2, padding_idx=0, max_norm=1.), T.nn.BatchNorm3d(2), T.nn.InstanceNorm3d(2), sep="\\n")\nprint(type(T.nn.GLU()), type(T.nn.RMSNorm(2)), type(T.nn.BatchNorm3d(2)), type(T.nn.EmbeddingBag(2, 2)), type(T.nn.AlphaDropout()))',
    'F = T.nn.functional\nx = T.tensor([-1., 0.5, 0.2, 2.], requires_grad=True)\ny = F.hardshrink(x); z = F.softshrink(x, 0.3); print(y, z); (y.sum() + (z * z).sum()).backward(); print(x.grad)\nprint(F.rrelu(x), T.nn.RReLU().eval()(x), T.nn.Hardshrink(1.0)(x), T.nn.Softshrink()(x))',
    'F = T.nn.functional\nx = T.tensor([-1., 0.5, 0.2, 2.], requires_grad=True)\nF.softshrink(x, -1)',
    'T.nn.functional.glu(T.ones(3))',
    'T.nn.functional.glu(T.ones(2, 3), 1)',
    'x = T.arange(8.).reshape(2, 4).requires_grad_(); y = T.nn.GLU()(x); print(y.detach()); y.sum().backward(); print(x.grad); print(T.nn.GLU(0)(x).detach())',
    'T.nn.Softmax2d()(T.ones(2, 2))',
    'x = T.arange(12.).reshape(1, 3, 2, 2) / 10; print(T.nn.Softmax2d()(x))',
    'x = T.arange(24.).reshape(2, 3, 4) / 10\nm = T.nn.RMSNorm(4); print(m(x).detach(), m.weight, list(m.state_dict().keys()))\nprint(T.nn.functional.rms_norm(x, [3, 4], eps=1e-3), T.nn.RMSNorm([3, 4], elementwise_affine=False)(x))',
    'T.nn.RMSNorm(3)(T.ones(2, 4))',
    'x = T.arange(48.).reshape(2, 6, 2, 2) / 10; print(T.nn.LocalResponseNorm(3)(x)[0, :, 0, 0]); print(T.nn.functional.local_response_norm(T.arange(12.).reshape(1, 4, 3), 2, alpha=0.1))',
    'T.nn.LocalResponseNorm(2)(T.ones(2, 2))',
    'x = T.tensor([[1., 2.], [3., 5.], [0., 1.]]); print(T.nn.functional.pdist(x), T.nn.functional.pdist(x, p=1))',
    'T.nn.functional.pdist(T.ones(3))',
    'w = T.arange(10.).reshape(5, 2).requires_grad_()\nF = T.nn.functional\nprint(F.embedding_bag(T.tensor([1, 2, 4, 0, 3]), w, T.tensor([0, 2, 2]), mode="max").detach())\nprint(F.embedding_bag(T.tensor([1, 2, 4, 0, 3]), w, T.tensor([0, 2, 2, 5]), mode="mean", include_last_offset=True, padding_idx=4).detach())\ny = F.embedding_bag(T.tensor([[1, 2], [4, 0]]), w, mode="sum", per_sample_weights=T.tensor([[1., 2], [3, 4]])); print(y.detach()); y.sum().backward(); print(w.grad)',
    'w = T.arange(10.).reshape(5, 2).requires_grad_()\nT.nn.functional.embedding_bag(T.tensor([1, 2, 3]), w)',
    'w = T.arange(10.).reshape(5, 2).requires_grad_()\nT.nn.functional.embedding_bag(T.tensor([[1, 2], [3, 4]]), w, T.tensor([0]))',
    'w = T.arange(10.).reshape(5, 2).requires_grad_()\nT.nn.functional.embedding_bag(T.tensor([1, 2]), w, T.tensor([0]), mode="foo")',
    'w = T.arange(10.).reshape(5, 2).requires_grad_()\nT.nn.functional.embedding_bag(T.tensor([1, 2]), w, T.tensor([0]), per_sample_weights=T.ones(2))',
    'w = T.arange(10.).reshape(5, 2).requires_grad_()\nT.nn.functional.embedding_bag(T.tensor([1, 2]), w, T.tensor([0]), per_sample_weights=T.ones(3), mode="sum")',
    'class TextClassificationModel(T.nn.Module):\n    def __init__(self, vocab_size, embed_dim, num_class):\n        super().__init__()\n        self.embedding = T.nn.EmbeddingBag(vocab_size, embed_dim, sparse=False)\n        self.fc = T.nn.Linear(embed_dim, num_class)\n        self.init_weights()\n    def init_weights(self):\n        initrange = 0.5\n        self.embedding.weight.data.uniform_(-initrange, initrange)\n        self.fc.weight.data.uniform_(-initrange, initrange)\n        self.fc.bias.data.zero_()\n    def forward(self, text, offsets):\n        embedded = self.embedding(text, offsets)\n        return self.fc(embedded)\nmodel = TextClassificationModel(20, 4, 3); print(model)\nopt = T.optim.SGD(model.parameters(), lr=5)\ntext = T.tensor([1, 5, 7, 2, 19, 3, 3]); offsets = T.tensor([0, 3, 5]); label = T.tensor([0, 2, 1])\nfor i in range(3):\n    opt.zero_grad(); out = model(text, offsets); loss = T.nn.CrossEntropyLoss()(out, label); loss.backward(); T.nn.utils.clip_grad_norm_(model.parameters(), 0.1); opt.step(); print(round(loss.item(), 5))  # (BLAS: last bits)\nprint(out.argmax(1))',
    'e = T.nn.EmbeddingBag.from_pretrained(T.arange(6.).reshape(3, 2), mode="sum"); print(e, e.weight.requires_grad, e(T.tensor([[0, 2]])))',
    'bn = T.nn.BatchNorm3d(2); x = T.arange(32.).reshape(2, 2, 2, 2, 2); print(bn(x)[0, 0]); print(bn.running_mean, bn.running_var)',
    'T.nn.BatchNorm3d(2)(T.ones(2, 2, 2, 2))',
    'T.manual_seed(0); x = T.ones(2, 6); d = T.nn.AlphaDropout(0.5); print(d(x)); d.eval(); print(d(x)); print(T.nn.FeatureAlphaDropout(0.5)(T.ones(2, 3, 2)))',
    'x = T.tensor([[1., -2., 0.5, 3.]], requires_grad=True); y = T.nn.functional.glu(x); print(y)\ng, = T.autograd.grad(y.sum(), x, create_graph=True); print(g)\nprint(T.nn.functional.hardshrink(x, -1))',
]

# ---- lazy layers (sized by their first input, as d2l.ai writes its networks)
C2 = [
    'print(T.nn.LazyBatchNorm2d(), T.nn.LazyConv2d(4, 3), T.nn.LazyConvTranspose2d(4, 3), T.nn.LazyInstanceNorm2d(), T.nn.LazyLinear(3, bias=False), T.nn.LazyConv1d(2, 3, padding=1))\nm = T.nn.LazyLinear(3); print(m.weight, m.state_dict(), m.bias.dtype, m.bias.requires_grad, type(m.weight))\nm.double(); print(m.weight.dtype, m.has_uninitialized_params())',
    'T.manual_seed(0)\nnet = T.nn.Sequential(T.nn.LazyLinear(8), T.nn.ReLU(), T.nn.LazyLinear(2))\nprint(net)\nX = T.rand(2, 5); print(net(X)); print(net); print([(n, p.shape) for n, p in net.named_parameters()]); print(type(net[0]), type(net[0].weight), net[0].in_features)',
    'T.manual_seed(0)\nnet = T.nn.Sequential(T.nn.LazyConv2d(4, kernel_size=3, padding=1), T.nn.LazyBatchNorm2d(), T.nn.ReLU(), T.nn.MaxPool2d(2), T.nn.Flatten(), T.nn.LazyLinear(3))\nX = T.rand(2, 1, 4, 4); y = net(X); print(y); print(net); print(net[1].running_mean, net[1].num_batches_tracked)\nopt = T.optim.SGD(net.parameters(), lr=0.1); y.sum().backward(); opt.step(); print(net[5].bias)',
    'b = T.nn.LazyBatchNorm1d(); print(b.state_dict()); b(T.arange(6.).reshape(3, 2)); print(b, type(b), b.state_dict())',
    'T.manual_seed(0)\na = T.nn.Sequential(T.nn.LazyLinear(2)); a(T.ones(1, 3))\nb = T.nn.Sequential(T.nn.LazyLinear(2)); print(b.load_state_dict(a.state_dict())); print(b[0].weight.shape, type(b[0]).__name__, b[0]); b(T.ones(1, 3)); print(b[0], T.equal(a[0].weight, b[0].weight))',
    'm = T.nn.LazyConv2d(4, 3, groups=2); m(T.ones(1, 3, 5, 5))',
    'm = T.nn.LazyConvTranspose1d(4, 3, stride=2); T.manual_seed(0); y = m(T.ones(1, 2, 3)); print(m, m.weight.shape, y.shape)',
    'p = T.nn.UninitializedParameter(); print(p, type(p)); p.materialize((2, 3)); print(type(p), p.shape, p.requires_grad)',
    'm = T.nn.LazyInstanceNorm1d(); m(T.ones(3, 4)); print(m, m.running_mean)',
]

# ---- unpooling, power-average pools, Bilinear, PairwiseDistance, swa_utils, total norms
C3 = [
    'm = T.nn.MaxUnpool2d(2); p = T.nn.MaxPool2d(2, return_indices=True)\nx = T.arange(16.).reshape(1, 1, 4, 4); y, i = p(x); print(m(y, i)); print(m); print(m(y, i, output_size=[5, 5]))',
    'm = T.nn.MaxUnpool2d(2); p = T.nn.MaxPool2d(2, return_indices=True)\nx = T.arange(16.).reshape(1, 1, 4, 4); y, i = p(x); m(y, i, output_size=[7, 7])',
    'p = T.nn.MaxPool1d(2, stride=2, return_indices=True); u = T.nn.MaxUnpool1d(2, stride=2)\nx = T.tensor([[[1., 2, 3, 4, 5, 6, 7, 8]]], requires_grad=True); y, i = p(x); z = u(y, i); print(z.detach(), u); z.sum().backward(); print(x.grad)',
    'print(T.nn.LPPool2d(2, 2)); print(T.nn.LPPool2d(2, 2)(T.arange(16.).reshape(1, 1, 4, 4))); print(T.nn.LPPool1d(1.5, 3, stride=2)(T.arange(7.).reshape(1, 1, 7)), T.nn.LPPool1d(1, 2))',
    'T.manual_seed(0); m = T.nn.Bilinear(2, 3, 4); print(m, m.weight.shape); x1 = T.ones(5, 2); x2 = T.arange(15.).reshape(5, 3); print(m(x1, x2).shape); print(m(x1, x2)[0])\nprint(T.nn.functional.bilinear(T.ones(2), T.ones(3), T.ones(1, 2, 3)))',
    'd = T.nn.PairwiseDistance(); print(d, d(T.tensor([[1., 2.]]), T.tensor([[0., 0.]])), T.nn.PairwiseDistance(p=1, keepdim=True)(T.ones(2, 3), T.zeros(2, 3)))\nprint(type(d), type(T.nn.Bilinear(1, 1, 1)), type(T.nn.LPPool2d(2, 2)), type(T.nn.MaxUnpool2d(2)))',
    'from T.optim.swa_utils import AveragedModel, SWALR, update_bn, get_ema_multi_avg_fn\nT.manual_seed(0)\nmodel = T.nn.Sequential(T.nn.Linear(2, 3), T.nn.BatchNorm1d(3), T.nn.Linear(3, 1))\nopt = T.optim.SGD(model.parameters(), lr=0.1)\nswa_model = AveragedModel(model); print(swa_model); print(list(swa_model.state_dict().keys()))\nsched = SWALR(opt, swa_lr=0.05, anneal_epochs=3)\nX = T.arange(8.).reshape(4, 2) / 8; Y = T.ones(4, 1)\nfor epoch in range(5):\n    opt.zero_grad(); l = ((model(X) - Y) ** 2).mean(); l.backward(); opt.step()\n    swa_model.update_parameters(model); sched.step(); print(["%.6f" % v for v in sched.get_last_lr()], swa_model.n_averaged)\nprint(swa_model.module[0].weight)\nupdate_bn([(X, Y), (X * 2, Y)], swa_model); print(swa_model.module[1].running_mean, swa_model.module[1].momentum)\nprint(swa_model(X))',
    'from T.optim.swa_utils import AveragedModel, get_ema_multi_avg_fn, get_ema_avg_fn\nT.manual_seed(0)\nmodel = T.nn.Linear(2, 1); ema = AveragedModel(model, multi_avg_fn=get_ema_multi_avg_fn(0.9)); ema2 = AveragedModel(model, avg_fn=get_ema_avg_fn(0.5), use_buffers=True)\nopt = T.optim.Adam(model.parameters(), lr=0.1)\nfor i in range(3):\n    opt.zero_grad(); model(T.ones(3, 2)).pow(2).sum().backward(); opt.step(); ema.update_parameters(model); ema2.update_parameters(model)\nprint(ema.module.weight, ema2.module.bias, ema.n_averaged)',
    'from T.optim.swa_utils import SWALR\nw = T.ones(1, requires_grad=True); opt = T.optim.SGD([w], lr=1.0)\ns = SWALR(opt, swa_lr=0.1, anneal_epochs=2, anneal_strategy="linear")\nfor i in range(4):\n    opt.step(); s.step(); print(s.get_last_lr())\nprint(sorted(s.state_dict().keys()))',
    'from T.optim.swa_utils import SWALR\nw = T.ones(1, requires_grad=True); opt = T.optim.SGD([w], lr=1.0)\nSWALR(opt, swa_lr=0.1, anneal_strategy="exp")',
    'from T.optim.swa_utils import get_ema_multi_avg_fn\nget_ema_multi_avg_fn(2)',
    'w = T.tensor([3., 4.], requires_grad=True); (w * w).sum().backward()\nprint(T.nn.utils.get_total_norm([w.grad]), T.nn.utils.get_total_norm([]), T.nn.utils.clip_grads_with_norm_([w], 1.0, T.tensor(10.)), w.grad)\nprint(T.nn.utils.clip_grad_norm([w], 1.0), T.nn.utils.get_total_norm([w.grad, w.grad], norm_type="inf"))',
]

# ---- 3-D convolution and pools (written over depth slices of the 2-D ones)
C4 = [
    'T.manual_seed(0); m = T.nn.Conv3d(2, 4, 3, padding=1, stride=(1, 2, 1)); print(m, type(m))\nx = T.arange(2 * 2 * 4 * 5 * 3.).reshape(2, 2, 4, 5, 3) / 100; y = m(x); print(y.shape); print(y[1, 2, 1].detach())\ny.sum().backward(); print(m.weight.grad[0, 0, 1], m.bias.grad)',
    'T.manual_seed(0); m = T.nn.Conv3d(4, 2, (2, 3, 1), groups=2, dilation=(2, 1, 1), bias=False, padding="same"); print(m)\nx = T.arange(4 * 5 * 4 * 3.).reshape(4, 5, 4, 3) / 100; print(m(x).shape, m(x)[0, 2].detach())',
    'T.manual_seed(0); m = T.nn.Conv3d(1, 1, 2, padding=1, padding_mode="circular"); print(m(T.arange(27.).reshape(1, 1, 3, 3, 3)).detach()[0, 0, 0])',
    'T.nn.Conv3d(1, 1, 3)(T.ones(1, 1, 2, 5, 5))',
    'T.nn.Conv3d(1, 1, 3)(T.ones(5, 5))',
    'x = T.arange(2 * 5 * 4 * 6.).reshape(1, 2, 5, 4, 6).requires_grad_()\ny = T.nn.MaxPool3d(2)(x); print(y.shape, y[0, 1].detach()); y.sum().backward(); print(x.grad.sum(), x.grad[0, 0, 1])\nprint(T.nn.MaxPool3d(3, stride=2, padding=1, ceil_mode=True)(x).detach()[0, 0], T.nn.MaxPool3d((1, 2, 2), dilation=(1, 2, 1))(x).shape)\nprint(T.nn.MaxPool3d(2), T.nn.MaxPool3d((1, 2, 2), stride=1))',
    'x = T.arange(2 * 5 * 4 * 6.).reshape(2, 5, 4, 6).requires_grad_()\nprint(T.nn.AvgPool3d(2)(x).detach(), T.nn.AvgPool3d(3, stride=2, padding=1)(x).detach()[0, 0], T.nn.AvgPool3d(3, stride=2, padding=1, count_include_pad=False)(x).detach()[0, 0])\nprint(T.nn.AvgPool3d(3, stride=2, padding=1, ceil_mode=True)(x).detach()[1], T.nn.AvgPool3d(3, stride=2, padding=1, ceil_mode=True, count_include_pad=False)(x).detach()[1], T.nn.AvgPool3d(2, divisor_override=3)(x).detach()[0])\ny = T.nn.functional.avg_pool3d(x, 2, stride=1); y.sum().backward(); print(x.grad[0, 1])\nprint(T.nn.AvgPool3d((1, 2, 2)))',
    'x = T.arange(2 * 5 * 4 * 6.).reshape(1, 2, 5, 4, 6)\nprint(T.nn.AdaptiveAvgPool3d((2, 3, 2))(x), T.nn.AdaptiveAvgPool3d(1)(x).shape, T.nn.AdaptiveAvgPool3d((None, 2, 2))(x).shape, T.nn.AdaptiveMaxPool3d((3, 2, 4))(x)[0, 1])\nprint(T.nn.AdaptiveAvgPool3d((2, 3, 2)), T.nn.AdaptiveMaxPool3d(2))',
    'T.manual_seed(0)\nnet = T.nn.Sequential(T.nn.Conv3d(1, 2, 3, padding=1), T.nn.BatchNorm3d(2), T.nn.ReLU(), T.nn.MaxPool3d(2), T.nn.AdaptiveAvgPool3d(1), T.nn.Flatten(), T.nn.Linear(2, 2))\nopt = T.optim.Adam(net.parameters(), lr=0.01); x = T.rand(2, 1, 4, 4, 4); t = T.tensor([0, 1])\nfor i in range(3):\n    opt.zero_grad(); l = T.nn.functional.cross_entropy(net(x), t); l.backward(); opt.step(); print(round(l.item(), 5))',
    'T.nn.Conv3d(1, 1, 3)(T.ones(1, 1, 5, 2, 5))',
]

# ---- nn.utils.weight_norm / remove_weight_norm
C5 = [
    'T.manual_seed(0); m = T.nn.utils.weight_norm(T.nn.Linear(3, 2)); print(m, [n for n, _ in m.named_parameters()]); print(m.weight_g, m.weight_v.shape)\nx = T.arange(6.).reshape(2, 3); y = m(x); print(y); y.sum().backward(); print(m.weight_g.grad, m.weight_v.grad)\nprint(list(m.state_dict().keys()))\nT.nn.utils.remove_weight_norm(m); print([n for n, _ in m.named_parameters()], m.weight)',
    'T.manual_seed(0); m = T.nn.utils.weight_norm(T.nn.Conv1d(2, 3, 2), name="weight", dim=None); print(m.weight_g, m.weight_v.shape)\nprint(m(T.ones(1, 2, 4)))',
    'T.manual_seed(0); m = T.nn.utils.weight_norm(T.nn.Conv2d(2, 3, 2), dim=1); print(m.weight_g.shape)\nT.nn.utils.weight_norm(m, dim=1)',
    'T.nn.utils.remove_weight_norm(T.nn.Linear(1, 1))',
]

SNIPPETS = C1 + C2 + C3 + C4 + C5


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"q{i:03d}" for i in range(len(SNIPPETS))])
def test_same_output_as_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)
