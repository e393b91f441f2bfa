# ruff: noqa: E501  (snippets are kept on one line each, as they were probed)
"""The kit against PyTorch on the lead's fixes of this round (skipped without PyTorch)."""

from __future__ import annotations

import pytest

from tests.test_torch_scenarios import assert_same_as_pytorch

torch = pytest.importorskip("torch")

_NUMPY_CASES = ["x == a", "x < a", "a == x", "a < x", "x > a", "g * np.array(2.)", "g + a", "a + g",
                "x & np.array([1, 0])", "x.int() & np.array([1, 0])", "np.array([1, 0]) & x.int()",
                "x // a", "x % a", "x ** a", "a ** x", "x - a", "a - x", "x / a", "a / x", "a / g",
                "T.tensor([1, 2]) + np.array([1, 2], dtype=np.int32)", "T.tensor([1, 2]) < np.array([1, 3])",
                "g == a", "x @ a", "a @ x", "g @ a", "x * np.float64(2)", "np.float32(3) / x", "np.exp(x)",
                "np.exp(g)", "np.isnan(x)", "x @ 2.", "2. @ x", "x @ [1., 2.]", "np.sin(x)",
                "np.maximum(x, 1.5)", "np.sqrt(T.tensor([1, 4]))", "np.multiply(x, x)", "np.clip(x, 0, 1.5)",
                "np.array(x)", "np.float64(2.) * x", "np.int64(3) + x", "x * np.float32(2)",
                "T.tensor([1, 2]) * np.float64(1.5)", "T.tensor([1, 2]) + np.int64(1)"]

SNIPPETS = [
    # NumPy arrays and tensors: NumPy computes, and wraps its result in a tensor
    "import numpy as np\nx = T.tensor([1., 2.]); g = T.tensor([1., 2.], requires_grad=True)\n"
    "a = np.array([1., 3.])\n"
    f"for s in {_NUMPY_CASES!r}:\n"
    "    try: r = eval(s); print(s, '->', type(r).__name__, r)\n"
    "    except Exception as e: print(s, '-> EXC', type(e).__name__, e)\n",
    "import numpy as np\nx = T.tensor([1., 2., 3.], requires_grad=True)\nprint(x + [1, 2, 3])",
    "import numpy as np\nx = T.tensor([[1., 2.], [3., 4.]])\nm = np.eye(2)\nprint(x @ m, m * x, x - m)",
    # is_set_to, is_storage, device strings
    "x = T.arange(6.); v = x[2:]; w = x.view(6)\nprint(x.is_set_to(w), x.is_set_to(v), v.is_set_to(x[2:]), x.is_set_to(x.clone()), x.t().is_set_to(x), x.view(2, 3).is_set_to(x.view(3, 2)))\ntry: x.is_set_to(3)\nexcept Exception as e: print(type(e).__name__, e)\nprint(T.is_storage(x.untyped_storage()), T.is_storage(x.storage()), T.is_storage(x), T.is_storage([1]))",
    "x = T.ones(2)\nprint(x.new_zeros(size=(2,)), x.new_ones(size=[1, 2]), x.new_empty(size=(0,)).shape)\nfor f in [lambda: x.new_zeros(2, size=(2,)), lambda: x.new_zeros(sizes=(2,))]:\n    try: print(f())\n    except Exception as e: print(type(e).__name__, e)",
    "v = T.tensor([[3., 4.], [6., 8.]], requires_grad=True); g = T.tensor([[1.], [2.]], requires_grad=True)\nw = T._weight_norm(v, g, 0); print(w)\nw.sum().backward(); print(v.grad, g.grad)",
    "T.manual_seed(0)\na = T.nn.Linear(2, 2); b = T.nn.Linear(2, 2); b.weight = a.weight\nm = T.nn.Sequential(a, b)\nout = T.func.functional_call(m, {'0.weight': T.ones(2, 2)}, (T.ones(1, 2),))\nprint(out, m[1].weight is m[0].weight)\nout = T.func.functional_call(m, {'0.weight': T.ones(2, 2)}, (T.ones(1, 2),), tie_weights=False)\nprint(out)\ntry: T.func.functional_call(m, {'0.weight': T.ones(2, 2)}, T.ones(1, 2), strict=True)\nexcept Exception as e: print(type(e).__name__, e)",
    "a = T.nn.Linear(2, 2); b = T.nn.Linear(2, 2); b.weight = a.weight\nm = T.nn.Sequential(a, b)\nfor d in [{'1.weight': T.ones(2,2)}, {'1.weight': T.ones(2,2), '0.weight': T.ones(2,2)}, {'2.weight': T.ones(1)}]:\n  for tw in (True, False):\n    try: print(T.func.functional_call(m, d, T.ones(1, 2), strict=True, tie_weights=tw))\n    except Exception as e: print(type(e).__name__, e)",
    "x = T.tensor([[1., 5.], [3., 2.]])\nfor s in ['x.sum(axis=0, keepdims=True)', 'x.mean(0, keepdims=True)', 'x.sort(axis=0)', 'x.cumsum(axis=1)', 'x.softmax(axis=1)', 'x.unsqueeze(axis=0).shape', 'x.squeeze(axis=0).shape', 'x.topk(1, axis=0)', 'x.unbind(axis=1)', 'x.chunk(2, axis=1)', 'x.index_select(axis=0, index=torch.tensor([0]))', 'x.gather(axis=1, index=torch.tensor([[0],[1]]))', 'x.max(axis=1, keepdims=True)', 'torch.sum(x, axis=0, keepdims=True)', 'x.cumprod(axis=0)', 'x.median(axis=0)', 'x.kthvalue(1, axis=0)', 'x.argsort(axis=1)', 'x.roll(1, axis=0)', 'x.narrow(axis=0, start=0, length=1)', 'x.select(axis=0, index=1)', 'x.split(1, axis=1)', 'torch.cat([x, x], axis=1).shape', 'x.std(axis=0, keepdims=True)', 'x.logsumexp(axis=0, keepdims=True)', 'x.nansum(axis=0)', 'x.count_nonzero(axis=0)', 'x.all(axis=0, keepdims=True)', 'x.log_softmax(axis=0)', 'x.cummax(axis=0)', 'x.amax(axis=0, keepdims=True)', 'torch.mean(x, axis=1, keepdims=True)', 'torch.max(x, axis=0, keepdims=True)', 'torch.std(x, axis=0, keepdims=True)']:\n    try: print(s, '->', eval(s))\n    except Exception as e: print(s, '-> EXC', type(e).__name__, e)",
    "x = T.ones(2, 2)\nfor m in ['view', 'reshape', 'flip', 'permute', 'repeat', 'expand', 'tile']:\n    try: print(m, getattr(x, m)())\n    except Exception as e: print(m, type(e).__name__, e)",
    "x = T.ones(2, 2)\nfor f in [lambda: x.roll(1, axis=0), lambda: x.split(1, axis=1)]:\n    try: print(f())\n    except Exception as e: print(type(e).__name__, e)",
    'x = T.ones(2, 3, requires_grad=True)\nprint(T.sum(x, None).grad_fn.name(), T.mean(x, None).grad_fn.name(), x.sum(dim=None, keepdim=False).grad_fn.name(), T.sum(x, dim=None).grad_fn.name(), x.sum().grad_fn.name(), T.sum(x).grad_fn.name(), x.mean().grad_fn.name(), x.sum(None, True).shape, x.mean(None).grad_fn.name())\nprint(x.log_softmax(1, dtype=T.float64).grad_fn.name(), x.softmax(1, T.float64).dtype)\ny = x.sum(None); y.backward(); print(x.grad)\nprint(x.sum(0).grad_fn.name(), x.sum((0, 1)).grad_fn.name(), x.mean(dim=1, keepdim=True).shape)',
    "import warnings\nwarnings.simplefilter('ignore')\nmakers = {'f32': lambda: T.tensor([1.5, 2.]), 'i64': lambda: T.tensor([3, 4]), 'bool': lambda: T.tensor([True, False]), 'u8': lambda: T.tensor([1, 2], dtype=T.uint8)}\nothers = {'int': 2, 'float': 1.5, 'bool': True, 't_i64': T.tensor([1, 2]), 't_f32': T.tensor([0.5, 2.]), 't_bool': T.tensor([True, True]), 't0_f64': T.tensor(2., dtype=T.float64)}\nfor op in ['&=', '|=', '^=']:\n    for mk, make in makers.items():\n        for ok, other in others.items():\n            x = make(); y = x\n            try:\n                exec(f'x {op} other', {'x': x, 'other': other}); print(op, mk, ok, x, x._version, y is x)\n            except Exception as e: print(op, mk, ok, type(e).__name__, e)",
    "x = T.tensor([3, 4]); y = x\nx <<= 1; print(x, x._version, y is x)\nx >>= T.tensor([1, 2]); print(x, x._version, y is x)",
    "d = T.device('cpu')\nfor f in [lambda: setattr(d, 'type', 'cuda'), lambda: setattr(d, 'foo', 1), lambda: d.foo, lambda: d + 1, lambda: T.device(3.5), lambda: T.device(None), lambda: T.device()]:\n    try: print(f())\n    except Exception as e: print(type(e).__name__, e)\nprint(type(d), type(d).__name__, d.type, d.index, repr(T.device(d)), T.device('cpu') == d, hash(d) == hash(T.device('cpu')))",
    'T.manual_seed(0); print(T.bernoulli(T.ones(5)*0.5), T.bernoulli(T.ones(5), p=0.3), T.bernoulli(T.ones(5), 0.3))\nx = T.zeros(5); print(x.bernoulli(0.3), x.bernoulli(p=0.3), x.bernoulli_(0.5))\nprint(T.ones(2).is_mkldnn)',
    'x = T.tensor([1., 2.])\nfor f in [lambda: T.dstack([x, 1]), lambda: T.relu_(3.), lambda: T.exp_([1.]), lambda: T.dstack([x, x]).shape, lambda: T.relu_(T.tensor([-1., 2.]))]:\n    try: print(f())\n    except Exception as e: print(type(e).__name__, e)',
    'x = T.tensor([1., 2.]); a = T.tensor([0.5, 3.], requires_grad=True)\nprint(T.igamma(a.detach(), x), T.igammac(a.detach(), x), a.detach().igamma(x), a.detach().igammac(x))',
    "T.manual_seed(3)\nx = T.randn(40)\nprint([v.hex() for v in x.tolist()])\nprint(T.empty(33).normal_(1.5, 0.25).tolist())\nT.manual_seed(1)\nm = T.nn.Embedding(5, 20)\nprint(m.weight.sum().item(), m.weight[0].tolist())",
    'x = T.tensor([[1., -2.], [3., 4.]], requires_grad=True); y = T.tensor([[0.5, 1.], [2., 0.]])\nfor s in ["T.add(input=x, other=y)", "T.add(x, other=y, alpha=2)", "T.sum(input=x, dim=0)", "T.mean(input=x)", "T.matmul(input=x, other=y)", "T.mul(x, other=y)", "T.exp(input=x)", "T.relu(input=x)", "T.max(input=x, dim=1)", "T.clamp(input=x, min=0)", "T.cat(tensors=[x, y], dim=0)", "T.transpose(input=x, dim0=0, dim1=1)", "T.reshape(input=x, shape=(4,))", "T.where(condition=x > 0, input=x, other=y)", "T.sub(input=x, other=2)", "T.div(input=x, other=y, rounding_mode=\'floor\')", "T.pow(input=x, exponent=2)", "T.softmax(input=x, dim=1)", "T.argmax(input=x)", "T.stack(tensors=[x, y])"]:\n    try: print(s, eval(s))\n    except Exception as e: print(s, type(e).__name__, e)',
    "import numpy as np\nprint(T.float32 == 'float32', T.float32 == np.float32, T.float32 == np.dtype('float32'), T.float32 == T.float32, T.float32 != T.float64, T.ones(1).dtype == T.float32, T.float32 in (T.float32, T.float64), {T.float32: 1}[T.float32])",
    'import warnings, numpy as np, operator as o\nwarnings.simplefilter(\'ignore\')\nlib = T\nops = [o.add, o.sub, o.mul, o.truediv, o.pow, o.floordiv, o.mod, o.and_, o.or_, o.xor, o.lshift, o.rshift, o.matmul, o.eq, o.ne, o.lt, o.le, o.gt, o.ge]\nlefts = [np.array([3, 4]), np.array([3., 4.]), np.array(2.), np.float64(2.), np.int64(2), np.float32(2.), np.bool_(True), np.int32(3)]\nrights = [lib.tensor([1., 2.]), lib.tensor([1, 2]), lib.tensor([True, False])]\nfor op in ops:\n    for l in lefts:\n        for r in rights:\n            try: res = op(l, r); s = f"{type(res).__name__} {res}"\n            except Exception as e: s = f"EXC {type(e).__name__} {str(e)[:80]}"\n            print(op.__name__, repr(l), str(r.dtype), "->", s)\nfor f in ["np.exp(x)", "np.sin(x)", "np.add(x, 1)", "np.maximum(x, 1.5)", "np.sqrt(xi)", "np.exp(lib.tensor(1.))", "np.multiply(x, x)", "np.array(x)", "np.asarray(xi, dtype=np.float32)", "np.exp(xg)", "np.isnan(x)", "np.clip(x, 0, 1.5)", "np.round(x)", "np.abs(x)", "np.dot(x, x)", "np.concatenate([x, x])", "np.stack([x, x])", "np.where(x > 1, x, 0)", "np.float64(x[0])", "np.linalg.norm(x)"]:\n    x = lib.tensor([1., 2.]); xi = lib.tensor([1, 4]); xg = lib.tensor([1., 2.], requires_grad=True)\n    try: res = eval(f); s = f"{type(res).__name__} {res}"\n    except Exception as e: s = f"EXC {type(e).__name__} {str(e)[:120]}"\n    print(f, "->", s)',
    'x = T.Tensor([1, 2])\nprint(x, x.dtype, T.Tensor(2, 3).shape, T.FloatTensor([1.5]), T.LongTensor([1, 2]), T.DoubleTensor(2).shape, T.BoolTensor([1, 0]))',
    'print(T.Tensor(), T.Tensor([]).shape, T.Tensor(T.tensor([1, 2])).dtype)',
    'x = T.Tensor([[1, 2], [3, 4]])\nprint(isinstance(x, T.FloatTensor), isinstance(x, T.Tensor), type(x), x.type(), T.IntTensor([1]).type())',
    'try: T.Tensor(2.5)\nexcept Exception as e: print(type(e).__name__, e)',
    'x = T.tensor([1., 2.], requires_grad=True)\nprint(T.is_tensor(x), T.is_floating_point(x), T.numel(x), T.is_nonzero(T.tensor([1])), T.is_grad_enabled())',
    'x = T.zeros(2, 3)\nprint(T.zeros_like(x, dtype=T.int32), T.ones_like(x).dtype, T.full_like(x, 7), T.rand_like(x).shape, T.empty_like(x).shape, T.randn_like(x).shape, T.randint_like(x, 5).dtype)',
    'print(T.arange(5), T.arange(1, 4), T.arange(0, 1, 0.25), T.arange(5.), T.arange(0, 10, 3), T.arange(10, 0, -3), T.arange(1, 2.5, 0.5).dtype)',
    'print(T.linspace(0, 1, 5), T.logspace(0, 2, 3), T.eye(3), T.eye(2, 3), T.full((2, 2), 3), T.full((2,), 1.5).dtype, T.full((1,), True).dtype)',
    "print(T.tensor([[1, 2], [3, 4]]).numpy(), T.from_numpy(__import__('numpy').arange(3)).dtype)",
    'x = T.arange(12).reshape(3, 4)\nprint(x[1:, ::2], x[..., 1], x[[0, 2]], x[x > 5], x[:, [1, 3]], x[1, 2].item(), x.T.is_contiguous(), x.stride(), x.T.stride())',
    'x = T.randn(3, 4)\nprint(x.size(), tuple(x.shape), x.shape[0], list(x.size()), x.dim(), len(x), x.shape == (3, 4), x.shape == T.Size([3, 4]))',
    "t = T.tensor([1, 2]); u = T.Tensor(t); print(u.dtype, u is t, u.data_ptr() == t.data_ptr(), u.grad_fn)\nfor a in [(2.5,), ('a',), (None,), (2, 2.5)]:\n    try: print(T.Tensor(*a))\n    except Exception as e: print(type(e).__name__, e)\nfor f in [lambda: T.FloatTensor(T.tensor([1, 2])), lambda: T.FloatTensor(T.tensor([1., 2.])), lambda: T.LongTensor(T.tensor([1, 2]))]:\n    try: print(f())\n    except Exception as e: print(type(e).__name__, e)",
    'x = T.ones(2, requires_grad=True); y = x * 2\nprint(type(y.grad_fn), type(y.grad_fn).__name__, type(y.grad_fn.next_functions[0][0]), T.autograd.Function)\nclass F(T.autograd.Function):\n    @staticmethod\n    def forward(ctx, x): return x * 2\n    @staticmethod\n    def backward(ctx, g): return g * 2\nz = F.apply(x); print(type(z.grad_fn), F.__module__, isinstance(z.grad_fn, T.autograd.graph.Node))\nw = x.clone(); w[0] = 5; print(type(w.grad_fn), type(x.view(2).grad_fn), type(x.sum().grad_fn).__module__)',
    "x = T.tensor([0.6086, -1.3, 0.25, 2.2, -0.01, 5.], requires_grad=True)\nT.tanh(x).sum().backward(); print(x.grad.tolist())\nx.grad = None; T.sigmoid(x).sum().backward(); print(x.grad.tolist())\nx = T.tensor([0.6086, -1.3, 0.25], dtype=T.float64, requires_grad=True)\nT.sigmoid(x).sum().backward(); print(x.grad.tolist())",
    "T.manual_seed(0)\nx = T.rand(40) * 3 + 0.1\nfor e in (3, -2, -0.5, -1, 2, 0.5, 3.0, 1, 0):\n    print(e, (x ** e).tolist()[:6])\nx.requires_grad_()\n(x ** 3).sum().backward(); print(x.grad.tolist()[:6])\nx.grad = None; (x ** 0.5).sum().backward(); print(x.grad.tolist()[:6])",
    'a = T.tensor([1., 2.], requires_grad=True); y = T.cat([a, T.tensor([3, 4])]); y.grad_fn.register_hook(lambda gi, go: print(gi)); (y*3).sum().backward(); print(a.grad)',
    'a = T.tensor([1., 2.], requires_grad=True); y = T.block_diag(a, T.ones(2, 1), T.tensor(3)); y.grad_fn.register_hook(lambda gi, go: print(gi)); y.sum().backward(); print(a.grad)',
    'a = T.tensor([1., 2.], requires_grad=True); y = a * T.tensor([3, 4]); y.grad_fn.register_hook(lambda gi, go: print(gi)); y.sum().backward(); print(a.grad)',
    "x = T.tensor([[3., 1., 2.], [2., 5., 2.]], dtype=T.float64, requires_grad=True)\ng, = T.autograd.grad(x.median().pow(2).sum(), x, create_graph=True); print(g, g.grad_fn, [n[0].__class__.__name__ if n[0] is not None else None for n in g.grad_fn.next_functions])\ng.sum().backward(); print(x.grad)\ny = T.tensor([1., float('nan'), 2.], requires_grad=True); y.nanmedian().backward(); print(y.grad)\nz = T.tensor([1., float('nan'), 2.], requires_grad=True); z.median().backward(); print(z.grad)",
    "x = T.tensor([1., 2., 3.], requires_grad=True); e = T.tensor([2., 0., 1.5], requires_grad=True)\ny = x ** e\ngx, ge = T.autograd.grad(y.sum(), [x, e], create_graph=True)\nprint(gx, gx.grad_fn.next_functions, ge, ge.grad_fn.next_functions)",
    "x = T.randn(4, requires_grad=True)\ny = x * 1\nT.nn.functional.elu_(y, alpha=0.8)\ny.sum().backward()\nprint(x.grad, y.grad_fn, y.grad_fn._saved_result)",
    "x = T.tensor([[0.2, -1., 3.], [1., 2., 3.]], requires_grad=True)\nT.nn.functional.nll_loss(x, T.tensor([1, 2]), weight=T.tensor([1., 0., 2.])).backward()\nprint(x.grad)\nprint(T.tensor([[1.], [0.]]) @ T.tensor([[1., -1.]]))",
    "b = T.zeros(3); g = T.tensor([0.1234567, -2.345678, 3.3333333])\nfor i in range(3): b.lerp_(g * (i + 1), 0.05)\nprint(b.tolist(), T.lerp(T.tensor([1., 2.]), T.tensor([3., -5.]), 0.7).tolist())",
    "for f in [lambda: T.softmax(T.ones(2, 2), (0, 1)), lambda: T.ones(2, 2).log_softmax((0,)), lambda: T.softmax(T.ones(2, 2), 1.5)]:\n    try: f()\n    except TypeError as e: print(e)",
    "T.manual_seed(0)\nx = T.randn(6, 5) * 3\nt = T.tensor([0, 4, 2, 2, 1, 3])\nfor red in ['mean', 'sum']:\n    print(T.nn.functional.cross_entropy(x, t, reduction=red).item(), T.nn.functional.mse_loss(x, x.flip(0), reduction=red).item(), T.nn.functional.binary_cross_entropy(x.sigmoid(), (x > 0).float(), reduction=red).item())\nprint(x.var().item(), x.std(1).tolist(), x.norm().item(), x.logsumexp(1).tolist())",
    "T.manual_seed(3)\nprint(T.poisson(T.tensor([[0.2, 4.0, 11.5], [50.0, 0.0, 7.0]])), T.rand(2))\nd = T.distributions.Poisson(T.tensor([2.0, 30.0]))\ns = d.sample((4,))\nprint(s, d.log_prob(s).sum().item(), s.dtype)",
    "for a in [('float32',), ('cpu:x',), ('cuda:01',), ('cpu', -1), ('foo',), ('cuda:-1',), ('cpu:0',), ('cuda', 1), ('CPU',), ('cuda:1:2',), (' cpu',), ('cpu ',), ('cpu:',), ('cuda:0', 1), ('cpu', 0)]:\n    try: print(a, repr(T.device(*a)))\n    except Exception as e: print(a, type(e).__name__, e)",
]


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"lead7_{i:03d}" for i in range(len(SNIPPETS))])
def test_same_as_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)
