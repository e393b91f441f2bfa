"""More snippets compared with PyTorch's printed output (skipped without PyTorch).

Same comparison as tests/test_torch_scenarios.py: each snippet runs with ``T`` bound to
``torch`` and to ``autograd_kit``, and what it prints (or raises) must be the same. These
cover printing, tensor construction errors, shapes and indexing errors, ``nn`` and ``optim``
details that the first list does not.
"""

# ruff: noqa: E501

from __future__ import annotations

import pytest

from tests.test_torch_scenarios import printed, spelled_alike

torch = pytest.importorskip("torch")
import autograd_kit as ak  # noqa: E402

SCENARIOS = [
    # ---- printing: dtypes, shapes, summarization, scientific notation ----------------------
    'print(T.arange(12).reshape(3, 4)); print(T.arange(2000)); print(T.arange(2000.).reshape(40, 50))',
    'print(T.tensor([1.5, 2.0, 3.25]), T.tensor([1e10, 1.]), T.tensor([1e-10, 1.]), T.tensor([123456.789]))',
    'print(T.tensor([[1, -2], [300, 4]]), T.tensor([1, 2], dtype=T.int32), T.tensor([1., 2.], dtype=T.float16))',
    'print(T.zeros(0), T.zeros(2, 0), T.ones(1, 1, 1), T.tensor([]))',
    "print(T.tensor([float('nan'), float('inf'), -float('inf'), 1.]))",
    'print(T.tensor([0.1, 0.25, 100.5]), T.tensor([1e-4, 1e4]), T.tensor([1e-5, 1e5]), T.tensor([1., 1e8]))',
    'print(T.tensor([[1e-3, 2.], [3., 4e3]]), T.tensor(1e20), T.tensor(-0.0), T.tensor([0.001]))',
    'print(T.arange(10.) / 3); print(T.arange(1001.)); print(T.ones(1001, dtype=T.int64))',
    'print(T.arange(24).reshape(2, 3, 4)); print(T.arange(24.).reshape(2, 3, 4).requires_grad_())',
    'print(T.arange(1200.).reshape(30, 40)); print(T.ones(3, 400)); print(T.arange(2000).reshape(2, 10, 100))',
    'print(T.tensor([1e-8, 1., 1000.]), T.tensor([0.00012, 1.5]), T.tensor([1e9, 2e9]), T.tensor([-1e-9, 5.]))',
    'print(T.linspace(-1, 1, 11)); print(T.linspace(0, 100000, 5)); print(T.linspace(0.1, 0.9, 13, dtype=T.float64)); print(T.linspace(0, 10, 4, dtype=T.int64))',
    'print(T.tensor([2.0, 3.0, 100.0]), T.tensor([2.0, 3.5, 100.0]), T.tensor([1e16]), T.tensor([1e15, 1.]))',
    'print(T.tensor([[0.1, 0.2, 0.3]] * 4, requires_grad=True)); print(T.arange(30.).reshape(5, 6).requires_grad_() * 1)',
    'print(T.arange(6, dtype=T.float64).reshape(2, 3) / 7); print(T.tensor([1., 2.], dtype=T.float64, requires_grad=True) * 2)',
    'print(T.tensor([1, 2], dtype=T.int8), T.tensor([1, 2], dtype=T.int16), T.tensor([1, 2], dtype=T.uint8), T.tensor([300, 2]) * 1000000000000)',
    'print(T.tensor(1.5, dtype=T.float64), T.tensor(2, dtype=T.int32), T.tensor(True), T.tensor(1., dtype=T.float16))',
    'print(T.zeros(2, 3, dtype=T.int64), T.ones(2, dtype=T.float64), T.empty(0, 3), T.zeros(3, 0, 2), T.zeros(2, 3, dtype=T.bool))',
    'print(T.tensor([1e-4, 1e-3]), T.tensor([1e-5]), T.tensor([99999.]), T.tensor([100000.]), T.tensor([1234.5678]), T.tensor([1.123456789, 2.]))',
    'x = T.tensor(3.); print(x, x.shape, x.dim(), x.item(), repr(x.item())); print(str(T.tensor([1., 2.])), f"{T.tensor(2.5)}")',
    'print(T.Size([2, 3]), T.ones(2, 3).shape == (2, 3), T.ones(2, 3).shape[0], type(T.ones(2).shape).__name__)',
    'print(T.float32, T.int64, T.bool, T.float, T.long, T.double, T.tensor([1.]).dtype == T.float32)',
    # ---- making tensors: PyTorch's errors for ragged or odd data -------------------------
    'T.tensor([[1, 2], [3]])',
    'T.tensor([[1, 2], 3])',
    'T.tensor([1, [2, 3]])',
    'T.tensor([1.5, [2]])',
    'T.tensor([[1, 2], [3, 4, 5]])',
    "T.tensor(['a'])",
    'T.tensor([None])',
    'T.tensor(None)',
    'print(T.tensor([1, 2.5, True]), T.tensor((1, 2)), T.tensor([[], []]), T.tensor([[1, 2], (3, 4.)]))',
    # ---- dtypes and arithmetic on integers --------------------------------------------------
    'x = T.tensor([1, 2]); y = T.tensor([1., 2.]); print((x + y).dtype, (x * 2.5).dtype, (x + True).dtype, (x > 1).dtype, x.to(T.float32).dtype)',
    'x = T.tensor([1, 2], dtype=T.int32); print((x + 1).dtype, (x + T.tensor([1])).dtype, (x + 1.).dtype)',
    'print(T.tensor(5) / T.tensor(2), T.tensor(5) // T.tensor(2), T.tensor(-5) // 2, T.tensor(-5) % 3, T.tensor(5.).int())',
    'x = T.tensor([[1, 2], [3, 4]]); print(x.sum(), x.sum(0), x.prod(), x.max(), x.float().mean(), x * 2, x // 3, x % 3, x / 2, -x, x ** 2)',
    'x = T.tensor([[1, 2], [3, 4]]); x.mean()',
    'print(T.tensor([1, 2, 3]) == T.tensor([1, 5, 3]), T.tensor([1., 2.]) < 2, T.tensor([1, 2]) != 1)',
    # ---- reductions with dim / keepdim, and their errors -----------------------------------
    'x = T.tensor([[1., 2., 3.], [4., 5., 6.]]); print(x.sum(dim=1, keepdim=True), x.mean(1), x.max(dim=1, keepdim=True), x.sum((0, 1)))',
    'x = T.tensor([1., 2., 3.]); print(x.argmax(dim=0, keepdim=True), x.max(dim=0, keepdim=True).values, x.cumsum(dim=0), x.var(correction=0))',
    'x = T.tensor([[1., 2.], [3., 4.]]); print(x.sum(-1), x.mean(-2), x.std(1, keepdim=True), x.var(0), x.prod(1), x.norm(dim=1))',
    'print(T.sum(T.tensor([[1., 2.], [3., 4.]]), dim=0), T.mean(T.tensor([[1., 2.], [3., 4.]]), dim=1, keepdim=True), T.cat((T.ones(1, 2), T.zeros(1, 2)), dim=0), T.cat([T.ones(1, 2), T.zeros(1, 2)], 1))',
    'print(T.max(T.tensor([1., 3., 2.])), T.max(T.tensor([[1., 3.], [4., 2.]]), dim=1), T.argmax(T.tensor([[1., 3.], [4., 2.]]), dim=1))',
    'x = T.tensor([[1., 2.], [3., 4.]]); print(x.sum(2))',
    'x = T.tensor([[1., 2.], [3., 4.]]); print(x.max(dim=2))',
    # ---- shapes and indexing: errors -----------------------------------------------------
    'x = T.tensor([[1., 2.], [3., 4.]]); print(x[2])',
    'x = T.tensor([[1., 2.], [3., 4.]]); print(x[:, 5])',
    'x = T.tensor([[1., 2.], [3., 4.]]); print(x[0, 0, 0])',
    'x = T.tensor([[1., 2.], [3., 4.]]); print(x.view(3))',
    'x = T.tensor([[1., 2.], [3., 4.]]); print(x.reshape(3))',
    'x = T.tensor([[1., 2.], [3., 4.]]); print(x.permute(0))',
    'x = T.tensor([[1., 2.], [3., 4.]]); print(x.transpose(0, 2))',
    'x = T.tensor([[1., 2.], [3., 4.]]); print(T.cat([x, T.ones(3)]))',
    'x = T.tensor([[1., 2.], [3., 4.]]); print(T.stack([x, T.ones(3)]))',
    'x = T.tensor([[1., 2.], [3., 4.]]); print(T.cat([x, T.ones(1, 3)]))',
    'x = T.tensor([[1., 2.], [3., 4.]]); print(x.expand(3, 3))',
    'x = T.tensor([[1., 2.], [3., 4.]]); print(x.expand(2))',
    'x = T.tensor([[1, 2], [3, 4]]); print(x.expand(2))',
    'T.ones(2, 1, 3).expand(3, 4, 2)',
    'x = T.tensor([[1., 2.], [3., 4.]]); print(x.squeeze(3))',
    'x = T.tensor([[1., 2.], [3., 4.]]); print(x.unsqueeze(3))',
    'x = T.tensor([[1., 2.], [3., 4.]]); x.mm(T.ones(3))',
    'x = T.tensor([[1., 2.], [3., 4.]]); T.matmul(x, T.ones(3))',
    'T.dot(T.ones(2), T.ones(3))',
    'T.ones(2, 2) + T.ones(3, 3)',
    'x = T.arange(10); print(x[x % 2 == 0], x[2:8:3], x[-3:], x.flip(0))',
    'x = T.arange(12).reshape(3, 4); print(x[1:, ::2], x[[0, 2]], x[:, [1, 3]], x[x > 5], x[1][2], x[..., -1])',
    'x = T.arange(12).reshape(3, 4); print(x[T.tensor([True, False, True])], x[T.tensor([[0, 1], [2, 0]])])',
    'x = T.arange(12.).reshape(3, 4).requires_grad_(); y = x[T.tensor([0, 0]), T.tensor([1, 1])]; y.sum().backward(); print(y, y.grad_fn, x.grad)',
    'x = T.arange(12.).reshape(3, 4).requires_grad_(); y = x[1:, None, 2]; print(y, y.shape, y.grad_fn)',
    'x = T.arange(4.); x[T.tensor([0, 2])] = T.tensor([9., 8.]); x[x > 5] = 0; x[1:3] += 10; print(x)',
    'x = T.arange(4.); x[5] = 0',
    'x = T.arange(4.); x[1:3] = T.ones(3)',
    'x = T.arange(4.); x[1:3] = T.ones(2, 2)',
    'x = T.arange(4.); x[1:3] = T.ones(1, 1, 2); print(x)',
    'x = T.zeros(3, 4); x[:, 1] = T.ones(4)',
    'x = T.zeros(3, 4); x[T.tensor([0, 1])] = T.ones(3)',
    # ---- values out of tensors ---------------------------------------------------------------
    'print(T.ones(2, 3).tolist(), T.tensor(2).tolist(), T.tensor([1, 2]).numpy(), T.tensor([1., 2.]).numpy().dtype)',
    'x = T.tensor([1.5]); print(float(x), int(x), x.item(), T.tensor([3]).item(), bool(T.tensor([0.])))',
    'float(T.tensor([1., 2.]))',
    'T.tensor([1., 2.]).item()',
    'x = T.tensor([1., 2.], requires_grad=True); print(x.detach().numpy(), x.data.numpy())',
    'x = T.tensor([[1., 2.], [3., 4.]], requires_grad=True); print(x.T, x.mT, x.T.grad_fn, x.mT.grad_fn)',
    # ---- autograd details ------------------------------------------------------------------
    'x = T.tensor([1., 2.], requires_grad=True); y = x * 2; z = y * 3; z.sum().backward(); print(y.grad_fn.next_functions, z.grad_fn.next_functions)',
    'x = T.tensor([1., 2.], requires_grad=True); w = T.tensor([3., 4.]); y = x * w; print(y.grad_fn.next_functions)',
    'x = T.tensor([1., 2.], requires_grad=True); y = x.sum(); print(y.grad_fn.name(), type(y.grad_fn).__name__)',
    'x = T.tensor([1., 2.], requires_grad=True); print(x.float().grad_fn, x.contiguous() is x, x.detach().grad_fn, x.to(T.float32) is x, x.clone().grad_fn)',
    'x = T.tensor([1., 2.], requires_grad=True); x.grad = T.tensor([1., 1., 1.])',
    'x = T.tensor([1., 2.], requires_grad=True); x.grad = T.tensor([5., 5.]); (x * 2).sum().backward(); print(x.grad)',
    'x = T.tensor([1., 2.], requires_grad=True); y = x * 2; T.autograd.backward([y], [T.ones(2)]); print(x.grad)',
    'x = T.tensor([1., 2.], requires_grad=True); y = x * 2; g = T.autograd.grad(y, x)',
    'x = T.tensor([1., 2.], requires_grad=True); y = (x ** 3).sum(); g, = T.autograd.grad(y, x, create_graph=True); print(g, g.requires_grad, g.grad_fn); g.sum().backward(); print(x.grad)',
    'x = T.tensor(1., requires_grad=True); y = T.tensor(2., requires_grad=True); z = x * y ** 2; gx, gy = T.autograd.grad(z, [x, y], create_graph=True); print(gx, gy); gxy, = T.autograd.grad(gx, y); print(gxy)',
    'x = T.tensor([1., 2.], requires_grad=True); g, = T.autograd.grad(x.sin().sum(), x, create_graph=True); g2, = T.autograd.grad(g.sum(), x, create_graph=True); g3, = T.autograd.grad(g2.sum(), x); print(g, g2, g3)',
    'x = T.tensor(2., requires_grad=True); y = x.exp(); g, = T.autograd.grad(y, x); g.backward()',
    'x = T.tensor([1., 2.], requires_grad=True)\nwith T.no_grad():\n    y = x * 2\nprint(y.requires_grad, y.grad_fn, y.is_leaf); y.sum().backward()',
    'x = T.tensor([1., 2.], requires_grad=True); y = x.detach(); y[0] = 100; print(x)',
    'x = T.tensor([1., 2.], requires_grad=True); a = x * 1; y = a * a; a.add_(1); y.sum().backward()',
    'x = T.tensor([1., 2.], requires_grad=True); a = x * 1; b = a.tanh(); b.mul_(2); b.sum().backward()',
    'x = T.tensor([-1., 2.], requires_grad=True); a = x * 1; a.sigmoid_(); print(a, a.grad_fn); a.sum().backward(); print(x.grad)',
    'x = T.tensor([1., 2.], requires_grad=True); a = x * 1; a *= 3; a -= 1; a /= 2; print(a, a.grad_fn); a.sum().backward(); print(x.grad)',
    'x = T.tensor([1., 2.], requires_grad=True); x *= 2',
    'x = T.tensor([1., 2.], requires_grad=True); x[0] = 5',
    "x = T.tensor([1., 2.], requires_grad=True); y = x * 2\ny.register_hook(lambda g: print('h1', g)); y.register_hook(lambda g: print('h2', g)); x.register_hook(lambda g: print('hx', g))\ny.sum().backward()",
    'x = T.tensor([1., 2.]); x.retain_grad()',
    'x = T.tensor([1., 2.]); x.register_hook(lambda g: g)',
    'x = T.tensor(1., requires_grad=True); (x * 2).backward(T.tensor([1., 2.]))',
    'T.tensor(1.).backward()',
    # ---- nn ------------------------------------------------------------------------------------
    'lin = T.nn.Linear(3, 2, bias=False); print(lin, lin.bias, list(lin.state_dict().keys()))',
    "m = T.nn.Sequential(T.nn.Linear(2, 3), T.nn.ReLU()); print(list(m.state_dict().keys())); print([n for n, _ in m.named_modules()]); print(m.state_dict()['0.bias'].requires_grad)",
    'm = T.nn.Sequential(T.nn.Linear(2, 3), T.nn.ReLU()); print(m[-1], m[0:1], type(m[0:1]).__name__)',
    'm = T.nn.Sequential(T.nn.Linear(2, 3), T.nn.ReLU()); print(m[5])',
    'print(T.nn.ReLU(), T.nn.Sigmoid(), T.nn.Tanh(), T.nn.Softmax(dim=0), T.nn.LogSoftmax(dim=1), T.nn.Identity(), T.nn.MSELoss(), T.nn.CrossEntropyLoss(), T.nn.BCELoss(), T.nn.BCEWithLogitsLoss(), T.nn.NLLLoss())',
    "class M(T.nn.Module):\n    def __init__(self):\n        super().__init__(); self.w = T.nn.Parameter(T.ones(2)); self.register_buffer('b', T.zeros(2)); self.l = T.nn.Linear(2, 1)\n    def forward(self, x): return self.l(x * self.w + self.b)\nm = M(); print(m); print(list(m.state_dict().keys())); print([n for n, _ in m.named_parameters()]); print([n for n, _ in m.named_buffers()]); print(m(T.ones(1, 2)).shape)",
    'class M(T.nn.Module):\n    def __init__(self):\n        self.l = T.nn.Linear(2, 2)\nM()',
    'm = T.nn.Linear(2, 2); m2 = T.nn.Linear(2, 2); print(m2.load_state_dict(m.state_dict())); print(T.equal(m.weight, m2.weight))',
    "m = T.nn.Linear(2, 2); r = m.load_state_dict({'weight': T.ones(2, 2), 'x': T.ones(1)}, strict=False); print(r, r.missing_keys, type(r).__name__)",
    "m = T.nn.Linear(2, 2); m.load_state_dict({'weight': T.ones(2, 2)})",
    'm = T.nn.Linear(2, 2)\nwith T.no_grad():\n    m.weight.fill_(1.); m.bias.zero_()\nprint(m(T.tensor([[1., 2.]])))',
    "m = T.nn.Linear(2, 1); x = T.tensor([[1., 2.], [3., 4.]]); m.weight.data = T.tensor([[0.1, 0.2]]); m.bias.data.zero_(); out = m(x); l = T.nn.functional.mse_loss(out, T.tensor([[1.], [2.]])); l.backward(); print(l, m.weight.grad, m.bias.grad)",
    'x = T.tensor([[1.], [2.], [3.]], requires_grad=True); l = T.nn.functional.mse_loss(x, T.tensor([1., 2., 3.])); print(l); l.backward(); print(x.grad)',
    'T.nn.MSELoss()(T.ones(2), T.ones(3))',
    'x = T.tensor([0.2, 0.8], requires_grad=True); l = T.nn.BCEWithLogitsLoss()(x, T.tensor([0., 1.])); print(l, l.grad_fn); l.backward(); print(x.grad)',
    'x = T.tensor([[1., 2.], [3., 4.]], requires_grad=True); l = T.nn.functional.cross_entropy(x, T.tensor([0, 1])); print(l, l.grad_fn); l.backward(); print(x.grad)',
    'T.nn.CrossEntropyLoss()(T.ones(2, 3), T.tensor([0, 3]))',
    "T.nn.functional.mse_loss(T.ones(2), T.ones(2), reduction='avg')",
    # ---- optim -------------------------------------------------------------------------------
    'w = T.nn.Parameter(T.tensor([1., 2.])); opt = T.optim.SGD([w], lr=0.1, momentum=0.9); (w*w).sum().backward(); opt.step(); print(opt.state_dict()); print(opt.state[w])',
    'w = T.nn.Parameter(T.tensor([1., 2.])); opt = T.optim.Adam([w], lr=0.1); (w*w).sum().backward(); opt.step(); print(opt.state_dict())',
    'w = T.nn.Parameter(T.tensor([1., 2.])); opt = T.optim.SGD([w], lr=0.1); print(opt.state_dict()); print(opt); opt.step(); print(w)',
    'w = T.nn.Parameter(T.tensor([1., 2.])); opt = T.optim.SGD([w], lr=0.1, weight_decay=0.1); (w ** 2).sum().backward(); opt.step(); print(w); opt.zero_grad(set_to_none=False); print(w.grad)',
    "w = T.nn.Parameter(T.tensor([1., 2.])); opt = T.optim.Adam([w], lr=0.1, weight_decay=0.1, amsgrad=True)\nfor _ in range(3): opt.zero_grad(); (w ** 2).sum().backward(); opt.step()\nprint(w, opt.state[w]['step'], sorted(opt.state[w].keys()))",
    'T.optim.SGD(lr=0.1)',
    'T.optim.SGD([T.nn.Parameter(T.ones(2))], lr=-0.1)',
    'T.optim.SGD(T.nn.Parameter(T.ones(2)), lr=0.1)',
    "w = T.nn.Parameter(T.tensor([1., 2.])); b = T.nn.Parameter(T.tensor([0.])); opt = T.optim.SGD([{'params': [w]}, {'params': [b], 'lr': 0.01}], lr=0.1); print(opt); print([g['lr'] for g in opt.param_groups])",
    "w = T.nn.Parameter(T.tensor([1., 2.])); opt = T.optim.SGD([w], lr=0.1); opt.add_param_group({'params': [T.nn.Parameter(T.ones(1))], 'lr': 0.5}); print(len(opt.param_groups), opt.param_groups[1]['momentum'])",
    "w = T.nn.Parameter(T.tensor([1., 2.])); opt = T.optim.Adam([w], lr=0.1); (w*w).sum().backward(); opt.step(); sd = opt.state_dict(); opt2 = T.optim.Adam([w], lr=0.5); opt2.load_state_dict(sd); print(opt2.param_groups[0]['lr'], opt2.state[w]['exp_avg'])",
]


@pytest.mark.parametrize("code", SCENARIOS, ids=[f"m{i:03d}" for i in range(len(SCENARIOS))])
def test_same_output_as_pytorch(code: str) -> None:
    assert spelled_alike(printed(ak, code)) == spelled_alike(printed(torch, code))
