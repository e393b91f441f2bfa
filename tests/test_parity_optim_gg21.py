"""Optimizers, lr schedulers and swa_utils against PyTorch, live (skipped without PyTorch).

Each snippet runs with ``T`` bound to ``torch`` and to ``autograd_kit``; what it prints (or
the error it raises) must match (see tests/test_torch_scenarios.py).
"""

# ruff: noqa: E501

from __future__ import annotations

import pytest

from tests.test_torch_scenarios import assert_same_as_pytorch

torch = pytest.importorskip("torch")

MODEL = ("m = T.nn.Sequential(T.nn.Linear(3, 4), T.nn.BatchNorm1d(4), T.nn.ReLU(), T.nn.Linear(4, 1)).double()\n"
         "x = T.randn(8, 3, dtype=T.float64)\n")
U = "T.optim.swa_utils."

SWA = [
    # the lerp weight 1 / (n + 1) is a float32 tensor when n is AveragedModel's count
    MODEL + f"a = {U}AveragedModel(m, multi_avg_fn={U}get_swa_multi_avg_fn())\nfor i in range(4):\n    with T.no_grad():\n        for p in m.parameters(): p.mul_(0.5).add_(0.1)\n    a.update_parameters(m)\nprint([p.tolist() for p in a.parameters()])",
    "f = T.optim.swa_utils.get_swa_multi_avg_fn(); x = [T.tensor([1., 2.], dtype=T.float64)]; f(x, [T.tensor([4., 8.], dtype=T.float64)], 2); print(x[0].tolist())\ny = [T.tensor([1, 2])]; f(y, [T.tensor([4, 8])], 2); print(y)",
    "f = T.optim.swa_utils.get_swa_multi_avg_fn(); x = [T.tensor([1., 2.], dtype=T.float64)]; f(x, [T.tensor([4., 8.], dtype=T.float64)], T.tensor(2)); print(x[0].tolist())",
    "f = T.optim.swa_utils.get_swa_multi_avg_fn(); y = [T.tensor([1, 2])]; f(y, [T.tensor([4, 8])], T.tensor(2))",
    # a multi_avg_fn gets one call per device and dtype (the long num_batches_tracked apart)
    MODEL + f"seen = []\ndef f(a, b, n): seen.append((len(a), str(a[0].dtype), n))\na = {U}AveragedModel(m, multi_avg_fn=f, use_buffers=True)\nfor i in range(3): a.update_parameters(m)\nprint(seen)",
    MODEL + f"a = {U}AveragedModel(m, multi_avg_fn={U}get_swa_multi_avg_fn(), use_buffers=True)\nfor i in range(3):\n    m(x); a.update_parameters(m)",
    "m = T.nn.Sequential(T.nn.Linear(3, 2), T.nn.BatchNorm1d(2)); a = T.optim.swa_utils.AveragedModel(m, multi_avg_fn=T.optim.swa_utils.get_ema_multi_avg_fn(0.5), use_buffers=True)\nfor i in range(3):\n    with T.no_grad(): m[0].weight.add_(1.0)\n    a.update_parameters(m)\nprint(a.module[0].weight.tolist(), a.module[1].num_batches_tracked)",
]


@pytest.mark.parametrize("code", SWA, ids=[f"swa{i:02d}" for i in range(len(SWA))])
def test_swa_utils_as_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)


OPT = ("p = T.nn.Parameter(T.tensor([1., -2.])); q = T.nn.Parameter(T.tensor([0.5, 3.]))\n"
       "opt = T.optim.SGD([{'params': [p]}, {'params': [q], 'lr': 0.5}], lr=0.1, momentum=0.9)\n")
S = "T.optim.lr_scheduler."
EPOCHS = "for e in [1, 2, 5, 3, 8, 8, 0, 11, 4, 2.5, 7.25, 1, 13]:\n    opt.step(); s.step(e); print(s.get_last_lr(), s.last_epoch)"

SCHEDULERS = [
    # step(epoch) takes the closed form: LinearLR multiplies by min(total_iters, epoch) first
    OPT + f"s = {S}LinearLR(opt, start_factor=0.2, total_iters=5)\n" + EPOCHS,
    OPT + f"s = {S}LinearLR(opt, start_factor=0.3, end_factor=0.7, total_iters=7)\n" + EPOCHS,
]


@pytest.mark.parametrize("code", SCHEDULERS, ids=[f"sched{i:02d}" for i in range(len(SCHEDULERS))])
def test_lr_schedulers_as_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)


# differentiable=True: the step is recorded (gradients flow to what the parameter and its
# gradient came from); the gradients do not depend on w, so no saved tensor is changed
RECORDED = ("R = lambda t: [round(v, 12) for v in t.tolist()]\n"
            "w0 = T.tensor([1., -2., 0.5], dtype=T.float64, requires_grad=True)\n"
            "g0 = T.tensor([0.3, -1., 0.], dtype=T.float64, requires_grad=True)\n"
            "w = w0.clone()\nopt = T.optim.{}([w], {}, differentiable=True)\n"
            "for i, s in enumerate([1., -2., 3., 0.5, -1.]):\n"
            "    w.grad = g0 * s + w0 * 0.1\n    opt.step()\n"
            "    print(type(w.grad_fn).__name__, w._version, R(w))\n"
            "st = opt.state[w]\n"
            "print(sorted((k, v.requires_grad, type(v.grad_fn).__name__) for k, v in st.items()))\n"
            "tot = w.sum() + sum(v.sum() for k, v in st.items() if v.requires_grad)\n"
            "tot.backward()\nprint(R(w0.grad), R(g0.grad))")
RECORDED_CASES = [
    ("NAdam", "lr=0.1"), ("NAdam", "lr=0.1, weight_decay=0.1, decoupled_weight_decay=True, maximize=True"),
    ("NAdam", "lr=0.1, weight_decay=0.1, momentum_decay=0.01"),
    ("RAdam", "lr=0.1"), ("RAdam", "lr=0.1, betas=(0.5, 0.6)"),
    ("RAdam", "lr=0.1, weight_decay=0.1, decoupled_weight_decay=True"),
    ("RAdam", "lr=0.1, weight_decay=0.1, maximize=True, betas=(0.3, 0.4)"),
    ("Rprop", "lr=0.1"), ("Rprop", "lr=0.1, maximize=True, etas=(0.3, 1.5)"),
    ("ASGD", "lr=0.1"), ("ASGD", "lr=0.1, t0=1, weight_decay=0.1, maximize=True, lambd=0.1"),
]
DIFFERENTIABLE = [RECORDED.format(name, kw) for name, kw in RECORDED_CASES] + [
    # a leaf parameter that requires grad cannot be updated in place while recording
    f"w = T.nn.Parameter(T.ones(2)); opt = T.optim.{name}([w], lr=0.1, differentiable=True); w.grad = T.ones(2); opt.step()"
    for name in ("NAdam", "RAdam", "Rprop", "ASGD")
] + [
    # the gradient of a non-leaf parameter through one step
    f"w0 = T.tensor([1., -2., 0.5], dtype=T.float64, requires_grad=True); w = w0 * 1.0\nopt = T.optim.{name}([w], lr=0.1, differentiable=True)\nw.grad = T.ones(3, dtype=T.float64); opt.step(); print(type(w.grad_fn).__name__, T.autograd.grad(w.sum(), w0))"
    for name in ("NAdam", "RAdam", "Rprop", "ASGD")
]


@pytest.mark.parametrize("code", DIFFERENTIABLE, ids=[f"diff{i:02d}" for i in range(len(DIFFERENTIABLE))])
def test_differentiable_steps_as_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)


# a leaf that requires grad fails at its first in-place update while recording, as PyTorch's
# does: the state updates made before it stay (SGD stores new momentum buffers only after
# every parameter is updated)
LEAF_ERRORS = [
    f"w = T.nn.Parameter(T.tensor([1., 2.])); opt = T.optim.{name}([w], {kw}, differentiable=True); w.grad = T.ones(2)\n"
    "try:\n    opt.step()\nexcept RuntimeError as e:\n    print(e)\n"
    "print({k: (v.tolist(), v._version) for k, v in opt.state[w].items()}, w._version, len(opt.state))"
    for name, kw in [("SGD", "lr=0.1, momentum=0.9"), ("SGD", "lr=0.1"), ("Adam", "lr=0.1"), ("AdamW", "lr=0.1"),
                     ("RMSprop", "lr=0.1"), ("Adagrad", "lr=0.1"), ("Adadelta", "lr=0.1"), ("Adamax", "lr=0.1"),
                     ("NAdam", "lr=0.1"), ("RAdam", "lr=0.1"), ("Rprop", "lr=0.1"), ("ASGD", "lr=0.1")]
] + [
    "w = T.nn.Parameter(T.tensor([1., 2.])); v = T.tensor([1., 2.], requires_grad=True) * 1\n"
    "opt = T.optim.SGD([v, w], lr=0.1, momentum=0.9, differentiable=True); w.grad = T.ones(2); v.grad = T.ones(2)\n"
    "try:\n    opt.step()\nexcept RuntimeError as e:\n    print(e)\n"
    "print(len(opt.state), v._version, [dict(s) for s in opt.state.values()])",
]


@pytest.mark.parametrize("code", LEAF_ERRORS, ids=[f"leaf{i:02d}" for i in range(len(LEAF_ERRORS))])
def test_differentiable_step_of_a_leaf_as_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)


# Adafactor with a tensor lr: PyTorch's step size min(lr, 1/√t) · RMS(p) stays a float32
# tensor (as does 1 - lr · weight_decay), so its steps round as float32 numbers
ADAFACTOR = [
    "R = lambda t: [round(v, 12) for v in t.flatten().tolist()]\n"
    "a = T.nn.Parameter(T.linspace(-1, 1, 24, dtype=T.float64).reshape(2, 3, 4)); b = T.nn.Parameter(T.tensor([[0.3, -0.7, 1.2]], dtype=T.float64)); c = T.nn.Parameter(T.tensor(2., dtype=T.float64))\n"
    f"opt = T.optim.Adafactor([a, b, c], {kw})\n"
    "for i in range(4):\n"
    "    a.grad = T.cos(a.detach() * (i + 1)); b.grad = T.sin(b.detach() * 3); c.grad = T.tensor(0.5 - i, dtype=T.float64)\n"
    "    opt.step(); print(R(a[0, 0]), R(b), round(c.item(), 12))"
    for kw in ["lr=T.tensor(0.05)", "lr=T.tensor(0.05), weight_decay=0.3", "lr=T.tensor(0.05), weight_decay=0.3, foreach=True",
               "lr=T.tensor(0.7), weight_decay=0.1", "lr=0.05, weight_decay=0.3"]
]


@pytest.mark.parametrize("code", ADAFACTOR, ids=[f"adafactor{i:02d}" for i in range(len(ADAFACTOR))])
def test_adafactor_as_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)
