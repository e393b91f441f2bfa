"""Autograd semantics against PyTorch, seventh round: inference tensors changed in place
outside inference_mode, ... (skipped without PyTorch)."""

# ruff: noqa: E501

from __future__ import annotations

import pytest

from tests.test_torch_scenarios import assert_same_as_pytorch

torch = pytest.importorskip("torch")

INFERENCE_OPS = (
    "with T.inference_mode():\n    y = T.ones(2)\n    big = T.ones(2, 2)\n"
    "x = T.ones(2, requires_grad=True)\n"
    "for op in {ops}:\n"
    "    try: exec(op)\n"
    "    except RuntimeError as e: print(op, 'ERR', e)\n"
    "    print(op, y, big, y.requires_grad, y.grad_fn, big.shape)\n"
)

ORDER_ERRORS = "ops = {\n 'mul': lambda a, b: a * b, 'div': lambda a, b: a / b, 'mm': lambda a, b: a.view(1,2) @ b.view(2,1),\n 'dot': lambda a, b: a.dot(b), 'pow': lambda a, b: a ** b, 'atan2': lambda a, b: T.atan2(a, b),\n 'maximum': lambda a, b: T.maximum(a, b), 'hypot': lambda a, b: T.hypot(a, b), 'lerp': lambda a, b: T.lerp(a, b, b),\n 'addcmul': lambda a, b: T.addcmul(a, a, b), 'xlogy': lambda a, b: T.xlogy(a, b), 'outer': lambda a, b: T.outer(a, b),\n 'copysign': lambda a, b: T.copysign(a, b), 'mv': lambda a, b: T.mv(a.view(1,2), b), 'mse': lambda a, b: T.nn.functional.mse_loss(a, b),\n 'cdist': lambda a, b: T.cdist(a.view(1,2), b.view(1,2)), 'linear': lambda a, b: T.nn.functional.linear(a.view(1,2), b.view(1,2)),\n 'smoothl1': lambda a, b: T.nn.functional.smooth_l1_loss(a, b)}\nfor name, f in ops.items():\n    x = T.tensor([1.5, 2.5], requires_grad=True)\n    w = T.tensor([0.5, 3.], requires_grad=True)\n    a = x * 1; b = w * 1\n    out = f(a, b)\n    a.add_(1); b.mul_(2)\n    try:\n        out.sum().backward()\n    except RuntimeError as e:\n        print(name, e)\nx = T.tensor([1., 2.], requires_grad=True)\na = x + 0\nb = a[0] * a\na[1] = 5\ntry:\n    b.sum().backward()\nexcept RuntimeError as e:\n    print(e)"

PACK_ORDER = 'F = T.nn.functional\ndef pack(t):\n    print(" pack", t.shape, t.sum()); return t\ndef unpack(t):\n    print(" unpack", t.shape); return t\nx = T.tensor([1.5, 2.5], requires_grad=True)\nw = T.tensor([0.5, 3.], requires_grad=True)\nv = T.tensor([0.25, 0.75], requires_grad=True)\nM = T.tensor([[1.5, 2.5], [0.5, -1.]], requires_grad=True)\nN = T.tensor([[1., 2.], [3., 4.]], requires_grad=True)\nX = T.ones(3, 2, requires_grad=True)\nops = [(\'linear\', lambda: F.linear(X, M, w)), (\'addmm\', lambda: T.addmm(w, X, M)), (\'addmv\', lambda: T.addmv(w, M, x)), (\'addr\', lambda: T.addr(M, x, w)),\n  (\'baddbmm\', lambda: T.baddbmm(M[None], M[None], N[None])), (\'lerp\', lambda: T.lerp(x, w, v)), (\'mm\', lambda: M @ N), (\'matmul\', lambda: M @ x),\n  (\'addcmul\', lambda: T.addcmul(x, w, v)), (\'addcdiv\', lambda: T.addcdiv(x, w, v)), (\'hypot\', lambda: T.hypot(x, w)), (\'dot\', lambda: T.dot(x, w)),\n  (\'cdist\', lambda: T.cdist(M, N)), (\'mse\', lambda: F.mse_loss(x, w)), (\'huber\', lambda: F.huber_loss(x, w)), (\'bce\', lambda: F.binary_cross_entropy(x.sigmoid(), w.sigmoid())),\n  (\'bcel\', lambda: F.binary_cross_entropy_with_logits(x, w)), (\'prelu\', lambda: F.prelu(x, w[:1])), (\'nll\', lambda: F.nll_loss(M, T.tensor([0, 1]))),\n  (\'conv1d\', lambda: F.conv1d(M[None], N.view(2, 2, 1), w)), (\'mul\', lambda: x * w), (\'div\', lambda: x / w), (\'pow\', lambda: x ** w), (\'max2\', lambda: T.max(x, w))]\nfor name, f in ops:\n    print(name)\n    with T.autograd.graph.saved_tensors_hooks(pack, unpack):\n        y = f()\n    y.sum().backward()'


SNIPPETS = [
    # an inference tensor changed in place outside the mode: written first, then refused
    INFERENCE_OPS.format(ops="['y.add_(1)', 'y.mul_(2)', 'y.zero_()', 'y[0]=5', 'y.copy_(T.zeros(2))', 'y.clamp_(0,1)', 'y += 1', 'y.fill_(7)', 'y.data.add_(1)', 'y.sub_(1)', 'y.sin_()', 'y.add_(1, alpha=2)']"),
    INFERENCE_OPS.format(ops="['y.add_(x)', 'y.add_(T.ones(3))', 'y.mul_(x)', 'y.index_add_(0, T.tensor([0]), T.ones(1))', 'y.masked_fill_(T.tensor([True, False]), 9.)', 'y.detach_()', 'y.requires_grad_()']"),
    INFERENCE_OPS.format(ops="['big[0] = x', 'big[0] = 5', 'big[0] = T.zeros(2)', 'big[:, 0] = 3', 'big[T.tensor([1])] = 4', 'big[0].add_(1)', 'big.view(4).add_(1)', 'big[0].add_(x)']"),
    INFERENCE_OPS.format(ops="['y.t_()', 'y.unsqueeze_(0)', 'big.t_()', 'big.unsqueeze_(0)', 'big.squeeze_()', 'y.squeeze_()']"),
    # which saved tensor an in-place error names: the first PyTorch unpacks (other before self
    # for most ops, first to last for addcmul, dot, mv, the losses, addmm ...)
    ORDER_ERRORS,
    # the order saved-tensor hooks pack them in
    PACK_ORDER,
    # a bool tensor in the in-place error: PyTorch names its type (CPUBoolType)
    "x = T.tensor([1., 2.], requires_grad=True)\nfor dt in [T.bool, T.int8, T.uint8, T.int32, T.int64, T.float16, T.float64]:\n    m = T.tensor([1, 0]).to(dt)\n    y = x.masked_fill(m, 0.) if dt == T.bool else x * m\n    m[0] = 0\n    try:\n        y.sum().backward()\n    except RuntimeError as e:\n        print(e)",
    # saved-tensor hooks: no version check; allow_mutation_on_saved_tensors
    'with T.autograd.graph.allow_mutation_on_saved_tensors() as ctx:\n    x = T.tensor([1., 2.], requires_grad=True)\n    y = x.clone()\n    z = y * y\n    y.add_(1)\n    z.sum().backward()\n    print(x.grad, y, type(ctx).__name__)',
    'with T.autograd.graph.allow_mutation_on_saved_tensors():\n    a = T.ones(2, 3, requires_grad=True)\n    b = a.clone()\n    out = (b**2).sum()\n    print(b.sin_())\n    out.sum().backward()\n    print(a.grad)',
    'with T.autograd.graph.allow_mutation_on_saved_tensors():\n    x = T.tensor([1., 2.], requires_grad=True)\n    y = x.exp()\n    y.mul_(2)\n    y.sum().backward()\n    print(x.grad)',
    'with T.autograd.graph.allow_mutation_on_saved_tensors():\n    x = T.tensor([1., 2.], requires_grad=True)\n    y = x.exp()\n    z = y * y\ntry:\n    z.sum().backward()\nexcept AssertionError as e:\n    print("AssertionError", e)',
    'with T.autograd.graph.allow_mutation_on_saved_tensors():\n    try:\n        with T.autograd.graph.allow_mutation_on_saved_tensors():\n            pass\n    except RuntimeError as e:\n        print(e)',
    'with T.autograd.graph.allow_mutation_on_saved_tensors():\n    x = T.tensor([1., 2.], requires_grad=True)\n    y = x * 1\n    z = y.sigmoid()\n    w = z * y\n    z.zero_()\n    y.add_(3)\n    w.sum().backward()\n    print(x.grad, w.grad_fn, z.grad_fn)',
    'x = T.tensor([1., 2.], requires_grad=True)\nwith T.autograd.graph.saved_tensors_hooks(lambda t: t.clone(), lambda t: t):\n    y = x * 1\n    z = y * y\ny.add_(1)\ntry:\n    z.sum().backward()\n    print(x.grad)\nexcept RuntimeError as e:\n    print(e)',
    'x = T.tensor([1., 2.], requires_grad=True)\nwith T.autograd.graph.saved_tensors_hooks(lambda t: t, lambda t: t):\n    y = x * 1\n    z = y * y\ny.add_(1)\ntry:\n    z.sum().backward()\n    print(x.grad)\nexcept RuntimeError as e:\n    print(e)',
    'x = T.tensor([1., 2.], requires_grad=True)\nwith T.autograd.graph.saved_tensors_hooks(lambda t: t, lambda t: t):\n    y = x.exp()\ny.add_(1)\ntry:\n    y.sum().backward()\n    print(x.grad)\nexcept RuntimeError as e:\n    print(e)',
    # vmap's in_dims range; func.linearize
    'f = T.func\nfor d, x in [(0, T.tensor(1.)), (2, T.ones(2, 2)), (-3, T.ones(2, 2)), (-2, T.ones(2, 3)), ((0, 5), (T.ones(2), T.ones(2)))]:\n    try:\n        print(f.vmap(lambda *a: a[0] * 2, in_dims=d)(*(x if isinstance(x, tuple) else (x,))))\n    except Exception as e:\n        print(type(e).__name__, e)',
    'f = T.func\ntry:\n    f.vmap(lambda x, y: x + y, in_dims=(0, 1))(T.ones(2), T.ones(2))\nexcept Exception as e:\n    print(type(e).__name__, e)',
    'out, fn = T.func.linearize(T.sin, T.tensor([1.,2.]))\nprint(out, fn(T.ones(2)))\ntry: fn(T.ones(3))\nexcept Exception as e: print(type(e).__name__, e)\ntry: fn(T.ones(2), T.ones(2))\nexcept Exception as e: print(type(e).__name__, e)\nout, fn = T.func.linearize(lambda x, y: (x*y, x+y), T.tensor([1.,2.]), T.tensor([3.,4.]))\nprint(out, fn(T.ones(2), T.zeros(2)))\ntry: fn((T.ones(2), T.zeros(2)))\nexcept Exception as e: print(type(e).__name__, e)',
    # gradgradcheck as PyTorch (random grad_outputs checked as inputs); non-tensor outputs
    'x = T.tensor([1., 2.], dtype=T.float64, requires_grad=True)\nclass W2(T.autograd.Function):\n    @staticmethod\n    def forward(ctx, x):\n        ctx.save_for_backward(x)\n        return x ** 3\n    @staticmethod\n    def backward(ctx, g):\n        x, = ctx.saved_tensors\n        return g * 3 * x.detach() ** 2\nprint(T.autograd.gradcheck(W2.apply, (x,)))\ntry:\n    T.autograd.gradgradcheck(W2.apply, (x,))\nexcept Exception as e:\n    print(type(e).__name__, e)',
    'x = T.tensor([1., 2.], dtype=T.float64, requires_grad=True)\ny = T.tensor([3., 4.], dtype=T.float64, requires_grad=True)\nprint(T.autograd.gradgradcheck(lambda a, b: a * b.sin(), (x, y)))\nprint(T.autograd.gradgradcheck(lambda a, b: (a * b, a.exp()), (x, y)))\nprint(T.autograd.gradgradcheck(lambda a, b: a * b, (x, 2.0)))\nprint(T.autograd.gradgradcheck(lambda a: a ** 3, x, grad_outputs=T.ones(2, dtype=T.float64)))\nprint(T.rand(2))',
    'x = T.tensor([1., 2.], dtype=T.float64, requires_grad=True)\nclass W3(T.autograd.Function):\n    @staticmethod\n    def forward(ctx, x):\n        ctx.save_for_backward(x)\n        return x ** 3\n    @staticmethod\n    def backward(ctx, g):\n        x, = ctx.saved_tensors\n        return g * 2 * x ** 2\nprint(T.autograd.gradgradcheck(W3.apply, (x,), raise_exception=False))\ntry:\n    T.autograd.gradgradcheck(W3.apply, (x,))\nexcept Exception as e:\n    print(type(e).__name__, e)',
    'x = T.tensor([[1., 2.], [3., 4.]], dtype=T.float64, requires_grad=True)\nprint(T.autograd.gradgradcheck(T.linalg.det, (x,)), T.autograd.gradgradcheck(lambda m: m @ m, (x,)))\nprint(T.autograd.gradgradcheck(T.nn.functional.softplus, (x,)))',
    'x = T.tensor([1., 2.], dtype=T.float64, requires_grad=True)\nfor f in [lambda a: a.sum().item(), lambda a: (a * 2, 3), lambda a: (a * 2, None), lambda a: [a * 2, a.detach()], lambda a: a.detach(), lambda a: (a.sin(), a.argmax())]:\n    try:\n        print(T.autograd.gradcheck(f, (x,)))\n    except Exception as e:\n        print(type(e).__name__, e)\n    try:\n        print(T.autograd.gradgradcheck(f, (x,)))\n    except Exception as e:\n        print(type(e).__name__, e)',
    # gradcheck's fast mode (PyTorch's random u, v and its messages)
    'class Wrong(T.autograd.Function):\n    @staticmethod\n    def forward(ctx, x, y):\n        ctx.save_for_backward(x, y)\n        return x * y, x + y\n    @staticmethod\n    def backward(ctx, g1, g2):\n        x, y = ctx.saved_tensors\n        return g1 * y + g2, g1 * x * 1.01 + g2\nx = T.tensor([[1., 2.], [3., 4.]], dtype=T.float64, requires_grad=True)\ny = T.tensor([[0.5, -2.], [1.5, 2.5]], dtype=T.float64, requires_grad=True)\nfor fm in [True, False]:\n    try:\n        T.autograd.gradcheck(Wrong.apply, (x, y), fast_mode=fm)\n    except Exception as e:\n        print(type(e).__name__, e)\n    print(T.autograd.gradcheck(Wrong.apply, (x, y), fast_mode=fm, raise_exception=False))',
    'x = T.tensor([[1., 2.], [3., 4.]], dtype=T.float64, requires_grad=True)\nprint(T.autograd.gradcheck(lambda m: (m.exp() @ m).tanh(), (x,), fast_mode=True))\nprint(T.autograd.gradgradcheck(lambda m: (m.exp() @ m).tanh(), (x,), fast_mode=True))\nprint(T.autograd.gradcheck(lambda m: m.detach() * 2, (x,), fast_mode=True, raise_exception=False))',
    'class W2(T.autograd.Function):\n    @staticmethod\n    def forward(ctx, x):\n        ctx.save_for_backward(x)\n        return x ** 3\n    @staticmethod\n    def backward(ctx, g):\n        x, = ctx.saved_tensors\n        return g * 3 * x.detach() ** 2\nx = T.tensor([1., 2., 3.], dtype=T.float64, requires_grad=True)\ntry:\n    T.autograd.gradgradcheck(W2.apply, (x,), fast_mode=True)\nexcept Exception as e:\n    print(type(e).__name__, e)',
    'x = T.tensor([1., 2., 3.], dtype=T.float64, requires_grad=True)\nclass Tiny(T.autograd.Function):\n    @staticmethod\n    def forward(ctx, x):\n        return x * 2\n    @staticmethod\n    def backward(ctx, g):\n        return g * 2 + 1e-5\ntry:\n    print(T.autograd.gradcheck(Tiny.apply, (x,), fast_mode=True, atol=1e-6, rtol=1e-6))\nexcept Exception as e:\n    print(type(e).__name__, e)',
    'x = T.tensor([1., 2.], dtype=T.float64, requires_grad=True)\nclass Wrong(T.autograd.Function):\n    @staticmethod\n    def forward(ctx, x):\n        ctx.save_for_backward(x)\n        return x ** 2\n    @staticmethod\n    def backward(ctx, g):\n        x, = ctx.saved_tensors\n        return g * x\ntry:\n    T.autograd.gradcheck(Wrong.apply, (x,), fast_mode=True)\nexcept Exception as e:\n    print(type(e).__name__, e)',
    'x = T.tensor([1., 2.], dtype=T.float64, requires_grad=True)\ny = T.tensor([3., 4.], dtype=T.float64, requires_grad=True)\ntry:\n    T.autograd.gradcheck(lambda a, b: (a * b, a + b), (x, y))\n    print("ok")\nexcept Exception as e:\n    print(type(e).__name__, e)\nprint(T.autograd.gradcheck(lambda a, b: a * b, (x, 3.0)))',
    'x = T.tensor([1., 2.], dtype=T.float64, requires_grad=True)\ntry:\n    T.autograd.gradcheck(lambda a: a.detach() * 2, (x,))\nexcept Exception as e:\n    print(type(e).__name__, e)',
    'x = T.tensor([1., 2.], dtype=T.float64, requires_grad=True)\nclass Wrong(T.autograd.Function):\n    @staticmethod\n    def forward(ctx, x):\n        return x * 2\n    @staticmethod\n    def backward(ctx, g):\n        return g * 2\n    \ndef f(x):\n    return Wrong.apply(x)\nclass W2(T.autograd.Function):\n    @staticmethod\n    def forward(ctx, x):\n        ctx.save_for_backward(x)\n        return x ** 3\n    @staticmethod\n    def backward(ctx, g):\n        x, = ctx.saved_tensors\n        return g * 3 * x.detach() ** 2\nprint(T.autograd.gradcheck(W2.apply, (x,)))\ntry:\n    T.autograd.gradgradcheck(W2.apply, (x,))\nexcept Exception as e:\n    print(type(e).__name__, e)',
    'x = T.tensor([1., 2.], dtype=T.float64, requires_grad=True)\ntry:\n    T.autograd.gradcheck(lambda a: a.sum().item(), (x,))\nexcept Exception as e:\n    print(type(e).__name__, e)',
    'x = T.tensor([[1., 2.], [3., 4.]], dtype=T.float64, requires_grad=True)\nprint(T.autograd.gradcheck(T.linalg.inv, (x,)), T.autograd.gradgradcheck(T.linalg.det, (x,)))\nprint(T.autograd.gradcheck(lambda m: m.sum(0), x, check_batched_grad=True))',
    'x = T.tensor([1., 2.], dtype=T.float64, requires_grad=True)\nclass Wrong(T.autograd.Function):\n    @staticmethod\n    def forward(ctx, x):\n        return x * 2\n    @staticmethod\n    def backward(ctx, g):\n        return g * 2.5\ntry:\n    T.autograd.gradcheck(Wrong.apply, (x,), atol=1e-2, rtol=0.)\nexcept Exception as e:\n    print(type(e).__name__, e)\ntry:\n    T.autograd.gradcheck(Wrong.apply, (x,), fast_mode=True)\nexcept Exception as e:\n    print(type(e).__name__, str(e)[:120])',
    "x = T.ones(2, requires_grad=True)\nwith T.inference_mode():\n    y = x * 2\ntry:\n    y.add_(1)\nexcept RuntimeError as e:\n    print(e)\nwith T.inference_mode():\n    y.add_(1)\nprint(y)",
]


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"a7_{i:03d}" for i in range(len(SNIPPETS))])
def test_same_as_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)
