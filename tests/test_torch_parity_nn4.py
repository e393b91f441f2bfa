"""nn and optim as the syllabus's last lessons use them, compared with PyTorch's printed output
(skipped without PyTorch): legacy loss arguments, optimizer arithmetic to the last bit (PyTorch's
fused multiply-adds), module and optimizer printing and errors.

Each snippet runs with ``T`` bound to ``torch`` and to ``autograd_kit`` and must print the same
(errors included).
"""

# ruff: noqa: E501

from __future__ import annotations

import pytest

from tests.test_torch_scenarios import assert_same_as_pytorch

torch = pytest.importorskip("torch")

# ---- reduction='elementwise_mean' (the old spelling of 'mean') -----------------------------
LOSSES = [
    'import warnings\nF = T.nn.functional\nx = T.tensor([[1., 2., 3.]]); t = T.tensor([[0., 1., 1.]])\nfor f in ["mse_loss", "huber_loss", "kl_div", "soft_margin_loss", "multilabel_soft_margin_loss", "poisson_nll_loss", "hinge_embedding_loss", "smooth_l1_loss", "binary_cross_entropy_with_logits", "l1_loss"]:\n    with warnings.catch_warnings(record=True) as w:\n        warnings.simplefilter("always")\n        try:\n            print(f, getattr(F, f)(x, t, reduction="elementwise_mean"))\n        except Exception as e:\n            print(f, "EXC", type(e).__name__, e)\n        print([str(a.message) for a in w if "deprecated" in str(a.message)])',
    'import warnings\nF = T.nn.functional\nx = T.tensor([[1., 2., 3.]]); t = T.tensor([[0., 1., 1.]])\nfor a in [(F.gaussian_nll_loss, (x, t, T.ones(1, 3))), (F.multilabel_margin_loss, (x, T.tensor([[1, -1, 0]]))), (F.cosine_embedding_loss, (x, x + 1, T.ones(1))), (F.multi_margin_loss, (x, T.tensor([1]))), (F.triplet_margin_loss, (x, x, x)), (F.nll_loss, (x, T.tensor([1]))), (F.cross_entropy, (x, T.tensor([1]))), (F.binary_cross_entropy, (x.sigmoid(), t))]:\n    with warnings.catch_warnings(record=True) as w:\n        warnings.simplefilter("always")\n        try:\n            print(a[0].__name__, a[0](*a[1], reduction="elementwise_mean"))\n        except Exception as e:\n            print("EXC", type(e).__name__, e)\n        print([str(a.message) for a in w])',
    'import warnings\nwith warnings.catch_warnings(record=True) as w:\n    warnings.simplefilter("always")\n    m = T.nn.MSELoss(reduction="elementwise_mean"); print(m.reduction, len(w)); print(m(T.ones(2), T.zeros(2)), len(w))\n    m = T.nn.CrossEntropyLoss(reduction="elementwise_mean"); print(m.reduction, len(w)); print(m(T.ones(1, 2), T.zeros(1, dtype=T.long)), len(w))\n    m = T.nn.L1Loss(size_average=False); print(m.reduction, len(w))',
]

# ---- optimizer updates with PyTorch's roundings (fused multiply-adds) ----------------------
STEPS = [
    'p = T.tensor([1., -2.], requires_grad=True); o = T.optim.SGD([p], lr=0.1)\ndef closure():\n    o.zero_grad(); l = ((p - 3) ** 2).sum(); l.backward(); return l\nprint(o.step(closure), o.step(), p)',
    'a = T.tensor([1., -2.], requires_grad=True)\nfor O, kw in ((T.optim.SGD, dict(lr=0.1, momentum=0.9)), (T.optim.SGD, dict(lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.1)), (T.optim.SGD, dict(lr=0.1, maximize=True)), (T.optim.Adam, dict(lr=0.1, amsgrad=True)), (T.optim.Adam, dict(lr=0.1, weight_decay=0.1, maximize=True)), (T.optim.AdamW, dict(lr=0.1))):\n    p = a.detach().clone().requires_grad_(); o = O([p], **kw)\n    for i in range(7):\n        o.zero_grad(); l = (p ** 2).sum() + p.prod(); l.backward(); o.step()\n    print(O.__name__, p)',
    'p = T.tensor([0.3, -0.7], requires_grad=True); o = T.optim.Adam([p], lr=0.1)\nfor i in range(3):\n    o.zero_grad(); (p ** 2).sum().backward(); o.step(); print(p.tolist())',
]


def _bitwise(name: str, kw: str) -> str:
    return (f'import numpy as np\nrng = np.random.default_rng(0); init = rng.standard_normal((6, 5)).astype(np.float32); tgt = rng.standard_normal((6, 5)).astype(np.float32)\n'
            f'p = T.tensor(init, requires_grad=True); t = T.tensor(tgt); o = T.optim.{name}([p], {kw})\n'
            'for i in range(30):\n    o.zero_grad(); p.grad = (p.detach() - t) * 3; o.step()\n'
            'print(p.detach().numpy().view(np.int32).sum(), p.detach().numpy().view(np.int32)[0])')


BITWISE = [_bitwise(n, kw) for n, kw in (
    ("SGD", "lr=0.1"), ("SGD", "lr=0.1, momentum=0.9"), ("SGD", "lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.1"),
    ("SGD", "lr=0.1, momentum=0.9, dampening=0.3"), ("SGD", "lr=0.1, maximize=True"), ("Adam", "lr=0.1"),
    ("AdamW", "lr=0.1"), ("Adam", "lr=0.01, weight_decay=0.1"), ("RMSprop", "lr=0.01"),
    ("RMSprop", "lr=0.01, centered=True, momentum=0.5, weight_decay=0.1"), ("Adagrad", "lr=0.1, lr_decay=0.01, weight_decay=0.1"),
    ("NAdam", "lr=0.01"), ("NAdam", "decoupled_weight_decay=True, weight_decay=0.1"), ("RAdam", "weight_decay=0.1"), ("Adamax", "weight_decay=0.1"),
)]

# ---- param groups: the dict given becomes the group; names, sets, duplicates; loading state
GROUPS = [
    "a = T.ones(2, requires_grad=True); o = T.optim.SGD([a], lr=0.1); o.add_param_group({'params': {T.ones(1, requires_grad=True)}})",
    "m = T.nn.Linear(2, 1); o = T.optim.SGD([{'params': m.named_parameters(), 'lr': 0.5}], lr=0.1); print(list(o.param_groups[0].keys()))",
    "m = T.nn.Linear(2, 1); o = T.optim.SGD(m.named_parameters(), lr=0.1); o.add_param_group({'params': [T.ones(1, requires_grad=True)]})",
    "m = T.nn.Linear(2, 1); o = T.optim.SGD([m.weight], lr=0.1); o.add_param_group({'params': [('b', m.bias)]})",
    "m = T.nn.Linear(2, 1); o = T.optim.SGD([('w', m.weight), m.bias], lr=0.1)",
    "a = T.ones(2, requires_grad=True); b = a * 2; b.retain_grad(); o = T.optim.SGD([b], lr=0.1); print(o)\nT.optim.SGD([a * 3], lr=0.1)",
    "a = T.ones(2, requires_grad=True); g = {'params': [a], 'lr': 0.3}; o = T.optim.SGD([g], lr=0.1); print(g is o.param_groups[0], g)",
    "a = T.ones(2, requires_grad=True); g = {'params': a}; o = T.optim.SGD([T.zeros(1, requires_grad=True)], lr=0.1); o.add_param_group(g); print(g is o.param_groups[1], g)",
    "import warnings\na = T.ones(2, requires_grad=True)\nwith warnings.catch_warnings(record=True) as w:\n    warnings.simplefilter('always'); o = T.optim.Adam([a, a], lr=0.1); print([str(x.message) for x in w])",
    "a = T.ones(2, requires_grad=True); o = T.optim.Adam([a], lr=0.1); a.grad = T.ones(2); o.step(); sd = o.state_dict()\nb = T.zeros(2, dtype=T.float64, requires_grad=True); o2 = T.optim.Adam([b]); o2.load_state_dict(sd); print({k: v.dtype for k, v in o2.state[b].items()})\nb.grad = T.ones(2, dtype=T.float64); o2.step(); print(b, o2.state[b]['exp_avg'])",
    "a = T.ones(2, requires_grad=True); o = T.optim.SGD([a], lr=0.1, momentum=0.9); a.grad = T.ones(2); o.step(); sd = o.state_dict()\nb = T.zeros(2, dtype=T.float64, requires_grad=True); o2 = T.optim.SGD([b], lr=0.5); o2.load_state_dict(sd); print(o2.state[b], o2.param_groups[0]['lr'])",
]

# ---- LBFGS: fused steps, no warning about float() of the loss (PyTorch takes it under no_grad)
LBFGS = [
    "import warnings\np = T.tensor([1., -2.], requires_grad=True); o = T.optim.LBFGS([p], lr=1, history_size=3, max_iter=5)\ndef closure():\n    o.zero_grad(); l = ((p - 3) ** 2).sum() + (p[0] * p[1]) ** 2; l.backward(); return l\nwith warnings.catch_warnings(record=True) as w:\n    warnings.simplefilter('always')\n    for i in range(3):\n        print(o.step(closure))\n    print([str(x.message)[:50] for x in w])\nprint(p)",
    "p = T.tensor([1., -2.], requires_grad=True); o = T.optim.LBFGS([p], line_search_fn='strong_wolfe')\ndef closure():\n    o.zero_grad(); l = ((p - 3) ** 2).sum() + (p[0] * p[1]) ** 2; l.backward(); return l\nfor i in range(2):\n    print(o.step(closure))\nprint(p, o.state_dict()['state'][0].keys(), o.state[p]['func_evals'], o.state[p]['n_iter'])",
    "T.manual_seed(0)\nw = T.zeros(5, requires_grad=True); A = T.randn(5, 5); A = A @ A.T + T.eye(5); b = T.randn(5)\no = T.optim.LBFGS([w], max_iter=50, tolerance_grad=1e-5)\ndef closure():\n    o.zero_grad(); l = 0.5 * w @ A @ w - b @ w; l.backward(); return l\nprint(o.step(closure)); print(w, o.state[w]['n_iter'])",
]

# ---- a NumPy array, a list or a number given to a layer or a functional: PyTorch's errors
NOT_TENSORS = [
    'import numpy as np\nm = T.nn.Linear(2, 2)\nfor f in (lambda: m(np.ones((1,2),dtype=np.float32)), lambda: m([1.,2.]), lambda: T.nn.Sequential(T.nn.Linear(2,1), T.nn.Sigmoid())(np.ones(2)), lambda: T.nn.functional.relu([1.]), lambda: T.nn.Tanh()(3), lambda: T.nn.Softmax(0)(np.ones(2)), lambda: T.nn.BCELoss()(np.ones(1), T.ones(1)), lambda: T.nn.CrossEntropyLoss()(T.ones(1,2), [1]), lambda: T.nn.MSELoss()(T.ones(1), [1.]), lambda: T.nn.functional.mse_loss(T.ones(1), 1.), lambda: T.nn.LeakyReLU()(1.), lambda: T.nn.Dropout()(np.ones(2)), lambda: T.nn.Embedding(3,2)([0,1]), lambda: T.nn.BatchNorm1d(2)(np.ones((2,2))), lambda: T.nn.LayerNorm(2)([1.,2.]), lambda: T.nn.Sigmoid()([1.]), lambda: T.nn.ReLU()(np.ones(2)), lambda: T.nn.functional.linear(T.ones(2), 5), lambda: T.nn.functional.linear(T.ones(2), m.weight, 3), lambda: T.nn.functional.sigmoid(1.), lambda: T.nn.functional.tanh([1.]), lambda: T.nn.functional.softmax([1.], 0), lambda: T.nn.functional.log_softmax(np.ones(2), 0), lambda: T.nn.functional.cross_entropy([[1., 2.]], T.tensor([1])), lambda: T.nn.functional.binary_cross_entropy_with_logits(T.ones(1), [1.]), lambda: T.nn.ELU()([1.]), lambda: T.nn.GELU()([1.]), lambda: T.nn.Softplus()([1.])):\n    try:\n        f()\n    except Exception as e:\n        print(type(e).__name__, e)',
    "import numpy as np\nfor cls in ['ReLU', 'Sigmoid', 'Tanh', 'Dropout', 'LeakyReLU', 'ELU', 'GELU', 'SiLU', 'Softplus', 'Hardtanh', 'ReLU6', 'SELU', 'CELU', 'Mish', 'Hardswish', 'Hardsigmoid', 'LogSigmoid', 'Softsign', 'Tanhshrink', 'PReLU']:\n    try:\n        getattr(T.nn, cls)()(np.ones(2))\n    except Exception as e:\n        print(cls, type(e).__name__, e)\nfor cls in ['Softmax', 'LogSoftmax', 'Softmin']:\n    try:\n        getattr(T.nn, cls)(0)(np.ones(2))\n    except Exception as e:\n        print(cls, type(e).__name__, e)",
    "import numpy as np\nF = T.nn.functional\nfor f, a in ((F.embedding, ([0], T.ones(2, 2))), (F.layer_norm, ([1.], (1,))), (F.batch_norm, ([1.], None, None)), (F.max_pool2d, ([1.], 2)), (F.avg_pool2d, ([1.], 2)), (F.threshold, ([1.], 0., 0.)), (F.hardshrink, ([1.],)), (F.softshrink, ([1.],)), (F.rrelu, ([1.],)), (F.prelu, ([1.], T.ones(1))), (F.one_hot, ([1],)), (F.pad, ([1.], (1, 1))), (F.softsign, ([1.],)), (F.softmin, ([1.], 0)), (F.relu6, (np.float32(2.),)), (F.selu, (2,))):\n    try:\n        f(*a)\n    except Exception as e:\n        print(type(e).__name__, e)",
    "class Net(T.nn.Module):\n    def __init__(self):\n        super().__init__(); self.fc = T.nn.Linear(2, 1)\n    def forward(self, x):\n        return T.sigmoid(self.fc(x))\nimport numpy as np\nNet()(np.array([[1., 2.]]))",
]

# ---- a convolution given tensors of two dtypes (a float64 image into a float32 layer)
CONV_DTYPES = [
    "F = T.nn.functional\nfor t in [lambda: F.conv2d(T.ones(5, 5), T.ones(1, 1, 2, 2), T.ones(1, dtype=T.float64)), lambda: F.conv2d(T.ones(1, 1, 3, 3), T.ones(1, 1, 2, 2), T.ones(1, dtype=T.float64), stride=0), lambda: F.conv2d(T.ones(1, 1, 1, 1), T.ones(1, 1, 2, 2, dtype=T.float64)), lambda: F.conv2d(T.ones(1, 2, 3, 3), T.ones(1, 1, 2, 2, dtype=T.float64)), lambda: F.conv2d(T.ones(1, 1, 3, 3, dtype=T.float64), T.ones(1, 1, 2, 2)), lambda: F.conv2d(T.ones(1, 1, 3, 3, dtype=T.float64), T.ones(1, 1, 2, 2), T.ones(1), padding='same'), lambda: F.conv_transpose2d(T.ones(1, 1, 3, 3, dtype=T.float64), T.ones(1, 1, 2, 2), T.ones(1)), lambda: F.conv3d(T.ones(1, 1, 3, 3, 3, dtype=T.float64), T.ones(1, 1, 2, 2, 2)), lambda: F.conv3d(T.ones(1, 2, 3, 3, 3), T.ones(1, 1, 2, 2, 2), T.ones(1, dtype=T.float64))]:\n    try:\n        t(); print('ok')\n    except Exception as e:\n        print(type(e).__name__, e)",
    "for dt in (T.float16, T.int32, T.int64, T.uint8, T.bool):\n    try:\n        T.nn.functional.conv2d(T.ones(1, 1, 3, 3).to(dt), T.ones(1, 1, 2, 2), T.ones(1))\n    except Exception as e:\n        print(type(e).__name__, e)",
    "for m, x in ((T.nn.Conv2d(1, 2, 3), T.ones(1, 1, 5, 5, dtype=T.float64)), (T.nn.Conv1d(1, 1, 2), T.ones(1, 1, 3, dtype=T.float64)), (T.nn.Conv1d(1, 1, 2, bias=False), T.ones(1, 1, 3, dtype=T.float64)), (T.nn.Conv2d(1, 1, 2), T.ones(1, 1, 3, 3, dtype=T.long)), (T.nn.ConvTranspose2d(1, 1, 2), T.ones(1, 1, 3, 3, dtype=T.float64))):\n    try:\n        m(x)\n    except Exception as e:\n        print(type(e).__name__, e)\nprint(T.nn.functional.conv_transpose2d(T.ones(1, 1, 3, 3), T.ones(1, 1, 2, 2), T.ones(1, dtype=T.float64)).dtype)",
]

# ---- normalization, PReLU and Bilinear given a float64 input (float16 input may take float32
# parameters, as in PyTorch)
NORM_DTYPES = ['T.nn.BatchNorm1d(3)(T.ones(4, 3, dtype=T.float64))', 'm = T.nn.BatchNorm1d(3); m.eval(); m(T.ones(4, 3, dtype=T.float64))', 'T.nn.BatchNorm2d(3)(T.ones(2, 3, 2, 2, dtype=T.float64))', 'r = T.nn.LayerNorm(3)(T.ones(4, 3, dtype=T.float64)); print(r.dtype)', 'T.nn.GroupNorm(1, 3)(T.ones(4, 3, dtype=T.float64))', 'r = T.nn.InstanceNorm1d(3)(T.ones(4, 3, 5, dtype=T.float64)); print(r.dtype)', 'T.nn.InstanceNorm1d(3, affine=True)(T.ones(4, 3, 5, dtype=T.float64))', 'T.nn.LSTM(3, 4)(T.ones(2, 1, 3, dtype=T.float64))', 'T.nn.RNN(3, 4)(T.ones(2, 1, 3, dtype=T.float64))', 'T.nn.GRU(3, 4, batch_first=True)(T.ones(1, 2, 3, dtype=T.float64))', 'T.nn.LSTMCell(3, 4)(T.ones(2, 3, dtype=T.float64))', 'T.nn.PReLU()(T.ones(2, dtype=T.float64))', 'T.nn.Bilinear(2, 2, 1)(T.ones(1, 2, dtype=T.float64), T.ones(1, 2))', 'T.nn.MultiheadAttention(4, 2)(T.ones(2, 1, 4, dtype=T.float64), T.ones(2, 1, 4, dtype=T.float64), T.ones(2, 1, 4, dtype=T.float64))', "T.nn.functional.embedding(T.tensor([0]), T.ones(2, 2, dtype=T.float64)); print('ok')", 'print(T.nn.functional.batch_norm(T.ones(2, 3), T.zeros(3, dtype=T.float64), T.ones(3, dtype=T.float64)))', 'T.nn.functional.layer_norm(T.ones(2, 3), (3,), T.ones(3, dtype=T.float64))', 'T.nn.functional.group_norm(T.ones(2, 3, dtype=T.float64), 1, T.ones(3))\n', 'T.manual_seed(0); x = T.randn(4, 3).half(); m = T.nn.BatchNorm1d(3); y = m(x); print(y.dtype, y, m.running_mean.dtype, m.running_mean)', 'T.manual_seed(0); x = T.randn(4, 3).half(); m = T.nn.LayerNorm(3); y = m(x); print(y.dtype, y)', 'T.manual_seed(0); x = T.randn(4, 4).half(); m = T.nn.GroupNorm(2, 4); y = m(x); print(y.dtype, y)\n']

SNIPPETS = LOSSES + STEPS + BITWISE + GROUPS + LBFGS + NOT_TENSORS + CONV_DTYPES + NORM_DTYPES


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"n{i:03d}" for i in range(len(SNIPPETS))])
def test_same_output_as_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)
