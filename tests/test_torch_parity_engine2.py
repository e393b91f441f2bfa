"""The engine, hooks, saved tensors, grad mode and the autograd namespace compared with
PyTorch's printed output (skipped without PyTorch; tests/test_engine_fixes2.py checks the
same fixes without it).

``autograd.grad``'s order of checks and ``is_grads_batched``; node hooks of nodes with a
non-differentiable output; a custom Function's saved output; ``detach_`` of a saved tensor;
grad mode per thread; ``torch.return_types``, ``torch.utils.hooks``,
``torch.utils.checkpoint``, ``autograd.profiler`` and ``set_multithreading_enabled``.
"""

# ruff: noqa: E501

from __future__ import annotations

import pytest

from tests.test_torch_scenarios import assert_same_as_pytorch

torch = pytest.importorskip("torch")

SNIPPETS = [
    # ---- autograd.grad: empty inputs first, then the gradients' shapes, then the outputs; dict inputs; materialize_grads; is_grads_batched
    'T.autograd.grad(T.tensor(1.), [])',
    'x = T.tensor(1.); T.autograd.grad(x * 2, [], allow_unused=True)',
    'x = T.tensor([1., 2.]); T.autograd.grad(x * 2, x, grad_outputs=T.ones(3))',
    'x = T.tensor([1., 2.]); T.autograd.grad(x * 2, x)',
    'x = T.tensor([1., 2.], requires_grad=True); w = T.tensor(3., requires_grad=True); print(T.autograd.grad((x * 2).sum(), {"a": x, "b": w}, allow_unused=True))',
    'x = T.tensor([1., 2.], requires_grad=True); w = T.tensor(3., requires_grad=True); g = T.autograd.grad((x * 2).sum(), [x, w], materialize_grads=True, create_graph=True); print(g, [t.requires_grad for t in g])',
    'x = T.tensor([1., 2.], requires_grad=True); print(T.autograd.grad(x * 2, x, grad_outputs=T.eye(2), is_grads_batched=True))',
    'x = T.tensor([1., 2.], requires_grad=True); y = x ** 2; print(T.autograd.grad(y, x, grad_outputs=T.eye(2), is_grads_batched=True)); y.sum().backward(); print(x.grad)',
    'x = T.tensor([1., 2.], requires_grad=True); y = x ** 2; print(T.autograd.grad(y, x, grad_outputs=T.eye(2), is_grads_batched=True, retain_graph=True)); y.sum().backward(); print(x.grad)',
    'x = T.tensor([1., 2.], requires_grad=True); w = T.tensor(3., requires_grad=True); y = x * 2; print(T.autograd.grad(y, [x, w], grad_outputs=T.eye(2), is_grads_batched=True, allow_unused=True))',
    'x = T.tensor([1., 2.], requires_grad=True); w = T.tensor(3., requires_grad=True); y = x * 2; print(T.autograd.grad(y, [x, w], grad_outputs=T.eye(2), is_grads_batched=True, materialize_grads=True))',
    'x = T.tensor([1., 2.], requires_grad=True); y = x * 2; print(T.autograd.grad(y, x, grad_outputs=T.ones(3, 3), is_grads_batched=True))',
    'x = T.tensor([1., 2.], requires_grad=True); y = x ** 3; g = T.autograd.grad(y, x, grad_outputs=T.eye(2), is_grads_batched=True, create_graph=True)[0]; print(g.requires_grad); print(T.autograd.grad(g.sum(), x))',
    # ---- torch.return_types, utils.hooks.RemovableHandle, set_multithreading_enabled, autograd.profiler.record_function, utils.checkpoint (both kinds)
    'x = T.tensor([1., 2.], requires_grad=True); print(isinstance(x.max(0), T.return_types.max), T.return_types.max.__name__)',
    'x = T.tensor([[1., 2.], [3., 4.]]); print(type(x.max(0)), type(x.sort()), type(x.aminmax()), type(T.frexp(x)), type(T.linalg.qr(x)), type(T.slogdet(x)), type(T.linalg.slogdet(x)))',
    'x = T.tensor([[1., 2.], [3., 4.]]); print(x.max(0)); print(x.topk(1)); print(x.aminmax())',
    'import pickle; x = T.tensor([[1., 2.], [3., 4.]]); r = pickle.loads(pickle.dumps(x.max(0))); print(type(r).__name__, r.values)',
    'x = T.tensor([1., 2.], requires_grad=True); h = x.register_hook(lambda g: g); print(isinstance(h, T.utils.hooks.RemovableHandle), type(h))',
    'x = T.ones(2, requires_grad=True)\nwith T.autograd.set_multithreading_enabled(False):\n    (x * 2).sum().backward()\nprint(x.grad)',
    'x = T.ones(2, requires_grad=True)\nwith T.autograd.profiler.record_function("blk"):\n    y = x * 2\nprint(y.grad_fn)',
    '@T.autograd.profiler.record_function("blk")\ndef f(x):\n    return x * 2\nprint(f(T.ones(2, requires_grad=True)))',
    'print(T.autograd.set_multithreading_enabled(False)); T.autograd.set_multithreading_enabled(True)',
    'x = T.tensor([1., 2.], requires_grad=True); y = T.utils.checkpoint.checkpoint(lambda t: t.sin() * 2, x, use_reentrant=False); y.sum().backward(); print(y, x.grad)',
    'x = T.tensor([1., 2.], requires_grad=True); y = T.utils.checkpoint.checkpoint(lambda t: t.sin() * 2, x, use_reentrant=True); print(y); y.sum().backward(); print(x.grad)',
    'x = T.tensor([1., 2.], requires_grad=True); w = T.tensor([3., 4.], requires_grad=True); y = T.utils.checkpoint.checkpoint(lambda t, u: (t * u).exp().sum() * t, x, w, use_reentrant=False); y.sum().backward(); print(y, x.grad, w.grad)',
    'x = T.tensor([1., 2.], requires_grad=True); w = T.tensor([3., 4.], requires_grad=True); y = T.utils.checkpoint.checkpoint(lambda t, u: (t * u).exp().sum() * t, x, w, use_reentrant=True); y.sum().backward(); print(y, x.grad, w.grad)',
    'x = T.tensor([1., 2.], requires_grad=True); y = T.utils.checkpoint.checkpoint(lambda t: (t ** 3).tanh(), x, use_reentrant=False); print(T.autograd.grad(y.sum(), x, create_graph=True))',
    'x = T.tensor([1., 2.], requires_grad=True); y = T.utils.checkpoint.checkpoint(lambda t: (t ** 3).tanh(), x, use_reentrant=True); print(T.autograd.grad(y.sum(), x))',
    'x = T.tensor([1., 2.], requires_grad=True); y = T.utils.checkpoint.checkpoint(lambda t: t.exp(), x, use_reentrant=False); y.sum().backward(retain_graph=True); y.sum().backward(); print(x.grad)',
    'T.manual_seed(0); x = T.ones(6, requires_grad=True); y = T.utils.checkpoint.checkpoint(lambda t: T.nn.functional.dropout(t * 2, 0.5), x, use_reentrant=False); y.sum().backward(); print(y, x.grad)',
    'import warnings\nx = T.tensor([1., 2.], requires_grad=True)\nwith warnings.catch_warnings(record=True) as w:\n    warnings.simplefilter("always"); y = T.utils.checkpoint.checkpoint(lambda t: t * 2, x)\nprint([str(m.message)[:60] for m in w], y.grad_fn)',
    'x = T.tensor([1., 2.], requires_grad=True); y = T.utils.checkpoint.checkpoint(lambda t, k=1: t * k, x, k=3, use_reentrant=True)',
    'x = T.tensor([1., 2.], requires_grad=True); y = T.utils.checkpoint.checkpoint(lambda t, k=1: t * k, x, k=3, use_reentrant=False); print(y)',
    'x = T.tensor([1., 2.]); y = T.utils.checkpoint.checkpoint(lambda t: t * 2, x, use_reentrant=True); print(y)',
    # ---- grad mode, inference mode and saved-tensor hooks are per thread (anomaly mode is not)
    'x = T.ones(1, requires_grad=True)\nimport threading\nres = []\nwith T.no_grad():\n    t = threading.Thread(target=lambda: res.append((x * 2).requires_grad)); t.start(); t.join()\nprint(res)',
    'import threading\nres = []\nwith T.autograd.set_detect_anomaly(True):\n    t = threading.Thread(target=lambda: res.append(T.is_anomaly_enabled())); t.start(); t.join()\nprint(res)',
    'import threading\nres = []\nwith T.inference_mode():\n    t = threading.Thread(target=lambda: res.append((T.is_inference_mode_enabled(), T.is_grad_enabled()))); t.start(); t.join()\nprint(res)',
    'import threading\nres = []\nT.set_grad_enabled(False)\nt = threading.Thread(target=lambda: res.append(T.is_grad_enabled())); t.start(); t.join()\nprint(res, T.is_grad_enabled()); T.set_grad_enabled(True)',
    'import threading\nres = []\ndef f():\n    T.set_grad_enabled(False); res.append(T.is_grad_enabled())\nt = threading.Thread(target=f); t.start(); t.join()\nprint(res, T.is_grad_enabled())',
    'import threading\nx = T.ones(2, requires_grad=True); res = []\ndef f():\n    with T.no_grad():\n        res.append((x * 2).requires_grad)\n    y = (x * 3).sum(); y.backward(); res.append(x.grad)\nt = threading.Thread(target=f); t.start(); t.join()\nprint(res, T.is_grad_enabled())',
    'import threading\nx = T.ones(1, requires_grad=True); res = []\ndef pack(t):\n    res.append("pack"); return t\nwith T.autograd.graph.saved_tensors_hooks(pack, lambda t: t):\n    th = threading.Thread(target=lambda: (x * x)); th.start(); th.join()\nprint(res)',
    # ---- node hooks see no gradient for an integer output of a built-in operation (indices, exponent, info); a custom Function keeps every output
    'x = T.tensor([[3., 1.], [2., 4.]], requires_grad=True); v = x.sort().values; v.grad_fn.register_prehook(lambda go: print("pre", len(go), go)); v.grad_fn.register_hook(lambda gi, go: print("post", len(gi), len(go))); v.sum().backward(); print(x.grad)',
    'x = T.tensor([[3., 1.], [2., 4.]], requires_grad=True); v = x.max(1).values; v.grad_fn.register_prehook(lambda go: print("pre", len(go), go)); v.grad_fn.register_hook(lambda gi, go: print("post", len(gi), len(go))); v.sum().backward(); print(x.grad)',
    'x = T.tensor([[3., 1.], [2., 4.]], requires_grad=True); v = x.topk(1).values; v.grad_fn.register_prehook(lambda go: (go[0] * 2,)); v.sum().backward(); print(x.grad)',
    'x = T.tensor([[3., 1.], [2., 4.]], requires_grad=True); v = x.kthvalue(1).values; v.grad_fn.register_prehook(lambda go: (go[0] * 2,)); v.sum().backward(); print(x.grad)',
    'x = T.tensor([[3., 1.], [2., 4.]], requires_grad=True); v = x.median(1).values; v.grad_fn.register_prehook(lambda go: (go[0] * 2,)); v.sum().backward(); print(x.grad)',
    'x = T.tensor([[3., 1.], [2., 4.]], requires_grad=True); v = x.mode(1).values; v.grad_fn.register_prehook(lambda go: print(len(go))); v.sum().backward(); print(x.grad)',
    'x = T.tensor([[3., 1.], [2., 4.]], requires_grad=True); v = x.cummax(1).values; v.grad_fn.register_prehook(lambda go: print(len(go))); v.sum().backward(); print(x.grad)',
    'x = T.tensor([[3., 1.], [2., 4.]], requires_grad=True); v = x.cummin(1).values; v.grad_fn.register_prehook(lambda go: print(len(go))); v.sum().backward(); print(x.grad)',
    'x = T.tensor([[3., 1.], [2., 4.]], requires_grad=True); v = x.aminmax(dim=1); v.min.grad_fn.register_prehook(lambda go: print(len(go), go)); v.min.grad_fn.register_hook(lambda gi, go: print(len(gi), len(go))); v.min.sum().backward(); print(x.grad)',
    'x = T.tensor([[3., 1.], [2., 4.]], requires_grad=True); m, e = T.frexp(x); print(m.grad_fn); m.grad_fn.register_prehook(lambda go: print(len(go), go)); m.sum().backward(); print(x.grad)',
    'x = T.tensor([[3., 1.], [2., 4.]], requires_grad=True); a, b = x.unbind(); a.grad_fn.register_prehook(lambda go: print(len(go), go)); a.grad_fn.register_hook(lambda gi, go: print(len(gi), len(go), go)); a.sum().backward(); print(x.grad)',
    'x = T.tensor([[3., 1.], [2., 4.]], requires_grad=True); a, b = x.split(1); a.grad_fn.register_prehook(lambda go: print(len(go), go)); (a.sum() + b.sum() * 2).backward(); print(x.grad)',
    'x = T.tensor([[3., 1.], [2., 4.]], requires_grad=True); a, b = x.chunk(2); a.grad_fn.register_prehook(lambda go: (go[0] * 5, go[1])); (a.sum() + b.sum() * 2).backward(); print(x.grad)',
    'x = T.tensor([[3., 1.], [2., 4.]], requires_grad=True); s = T.linalg.slogdet(x); s.logabsdet.grad_fn.register_prehook(lambda go: print(len(go), go)); s.logabsdet.backward(); print(x.grad)',
    'x = T.tensor([[3., 1.], [2., 4.]], requires_grad=True); r = T.linalg.inv_ex(x); print(r.inverse.grad_fn); r.inverse.grad_fn.register_prehook(lambda go: print(len(go))); r.inverse.sum().backward(); print(x.grad)',
    'x = T.tensor([[3., 1.], [2., 4.]], requires_grad=True); r = T.linalg.lu_factor(x); print(r.LU.grad_fn); r.LU.grad_fn.register_prehook(lambda go: print(len(go))); r.LU.sum().backward(); print(x.grad)',
    'x = T.tensor([[3., 1.], [2., 4.]], requires_grad=True); r = T.linalg.eigh(x @ x.T); r.eigenvalues.grad_fn.register_prehook(lambda go: print(len(go), go)); r.eigenvalues.sum().backward(); print(x.grad)',
    'x = T.tensor([[3., 1.], [2., 4.]], requires_grad=True); r = T.nn.functional.max_pool1d(x[None], 2, return_indices=True); print(r[0].grad_fn); r[0].grad_fn.register_prehook(lambda go: print(len(go))); r[0].sum().backward(); print(x.grad)',
    'x = T.tensor([[3., 1.], [2., 4.]], requires_grad=True); r = T.nn.functional.max_pool2d(x[None, None], 2, return_indices=True); print(r[0].grad_fn); r[0].grad_fn.register_prehook(lambda go: print(len(go))); r[0].sum().backward(); print(x.grad)',
    'class F(T.autograd.Function):\n    @staticmethod\n    def forward(ctx, x):\n        a = x * 2; b = x * 3; i = x.argmax()\n        ctx.mark_non_differentiable(b)\n        return a, b, i\n    @staticmethod\n    def backward(ctx, ga, gb, gi):\n        print("  backward got", ga, gb, gi)\n        return ga * 2\nx = T.tensor([1., 2.], requires_grad=True)\na, b, i = F.apply(x)\nprint(b.requires_grad, i.requires_grad)\na.grad_fn.register_prehook(lambda go: print("  pre", go))\na.grad_fn.register_hook(lambda gi, go: print("  post", gi, go))\na.sum().backward(); print(x.grad)\nx.grad=None\na, b, i = F.apply(x)\na.grad_fn.register_prehook(lambda go: (go[0]*10, go[1], go[2]))\na.sum().backward(); print(x.grad)\na, b, i = F.apply(x)\na.grad_fn.register_prehook(lambda go: (go[0]*10,))\na.sum().backward()',
    'x = T.tensor([3., 1., 2.], requires_grad=True); v = x.sort(); v.values.grad_fn.register_prehook(lambda go: (go[0] * 3, None)); v.values.sum().backward()',
    'x = T.tensor([3., 1., 2.], requires_grad=True); v = x.max(0); print(v.values.grad_fn(T.tensor(2.)))',
    # ---- a custom Function's saved output unpacks with its grad_fn (forward/backward and setup_context)
    'class F(T.autograd.Function):\n    @staticmethod\n    def forward(ctx, x):\n        y = x * 2\n        ctx.save_for_backward(y)\n        return y\n    @staticmethod\n    def backward(ctx, g):\n        y, = ctx.saved_tensors\n        print(y.grad_fn, y.requires_grad, y.is_leaf, y._version)\n        return g * y\nx = T.tensor([1., 2.], requires_grad=True); z = F.apply(x); print(z.grad_fn._saved_tensors if hasattr(z.grad_fn, "_saved_tensors") else "-"); z.sum().backward(); print(x.grad)',
    'class F(T.autograd.Function):\n    @staticmethod\n    def forward(ctx, x):\n        y = x * 2\n        ctx.save_for_backward(y)\n        return y\n    @staticmethod\n    def backward(ctx, g):\n        y, = ctx.saved_tensors\n        return g * y\nx = T.tensor([1., 2.], requires_grad=True); z = F.apply(x); g, = T.autograd.grad(z.sum(), x, create_graph=True); print(g); g.sum().backward(); print(x.grad)',
    'class F(T.autograd.Function):\n    @staticmethod\n    def forward(ctx, x):\n        y = x.exp()\n        ctx.save_for_backward(y)\n        return y\n    @staticmethod\n    def backward(ctx, g):\n        y, = ctx.saved_tensors\n        return g * y\nx = T.tensor([1., 2.], requires_grad=True); z = F.apply(x); print(z.grad_fn.saved_tensors); z.sum().backward(); print(x.grad)',
    'x = T.tensor([1., 2.], requires_grad=True); y = x.exp(); print(y.grad_fn._saved_result, y.grad_fn._saved_result is y)',
    'class F(T.autograd.Function):\n    @staticmethod\n    def forward(ctx, x):\n        y = x * 2\n        ctx.save_for_backward(y)\n        return y\n    @staticmethod\n    def backward(ctx, g):\n        y, = ctx.saved_tensors\n        return g * y\nx = T.tensor([1., 2.], requires_grad=True); z = F.apply(x); z.mul_(2); z.sum().backward()',
    'class F(T.autograd.Function):\n    @staticmethod\n    def forward(ctx, x):\n        ctx.save_for_backward(x)\n        return x.clone()\n    @staticmethod\n    def backward(ctx, g):\n        x, = ctx.saved_tensors\n        print(x.grad_fn, x.requires_grad, x.is_leaf)\n        return g\nx = T.tensor([1., 2.], requires_grad=True); F.apply(x).sum().backward(); F.apply(x * 1).sum().backward()',
    'class F(T.autograd.Function):\n    @staticmethod\n    def forward(ctx, x):\n        y = x * 2\n        ctx.save_for_backward(y)\n        return y\n    @staticmethod\n    def backward(ctx, g):\n        y, = ctx.saved_tensors\n        print(y.grad_fn, y.requires_grad)\n        return g * y\nx = T.tensor([1., 2.], requires_grad=True); z = F.apply(x); z.sum().backward(); print(x.grad)',
    'class F(T.autograd.Function):\n    @staticmethod\n    def forward(ctx, x):\n        y = x * 2\n        ctx.save_for_backward(x, y)\n        return y\n    @staticmethod\n    def backward(ctx, g):\n        x, y = ctx.saved_tensors\n        print(x.grad_fn, x.requires_grad, y.grad_fn is not None, x.is_leaf)\n        return g * 2\nx = T.tensor([1., 2.], requires_grad=True); (F.apply(x * 1)).sum().backward()',
    'class F(T.autograd.Function):\n    @staticmethod\n    def forward(x, k):\n        return x * k\n    @staticmethod\n    def setup_context(ctx, inputs, output):\n        x, k = inputs\n        ctx.k = k\n        ctx.save_for_backward(x, output)\n    @staticmethod\n    def backward(ctx, g):\n        x, out = ctx.saved_tensors\n        print(out.grad_fn is not None, ctx.needs_input_grad)\n        return g * ctx.k, None\nx = T.tensor([1., 2.], requires_grad=True); y = F.apply(x, 3.); print(y, y.grad_fn.name()); y.sum().backward(); print(x.grad)',
    # ---- detach_() of a saved non-leaf: the built-in rules refuse it (not _saved_self, not a custom Function, not with saved-tensor hooks)
    'x = T.tensor([1., 2.], requires_grad=True); y = x * 2; z = y ** 2; y.detach_(); z.sum().backward(); print(x.grad)',
    'x = T.tensor([1., 2.], requires_grad=True); y = x.exp(); w = y * 1; y.detach_(); w.sum().backward(); print(x.grad)',
    'x = T.tensor([1., 2.], requires_grad=True); y = x * 2; z = y.exp(); w = z * 3; z.detach_(); w.sum().backward(); print(x.grad)',
    'x = T.tensor([1., 2.], requires_grad=True); z = x ** 2; x.detach_(); z.sum().backward(); print(x.grad)',
    'x = T.tensor([1., 2.], requires_grad=True); y = x * 2; z = y ** 2; y.detach_(); print(z.grad_fn._saved_self)',
    'x = T.tensor([1., 2.], requires_grad=True); y = x * 2; z = y * x; y.detach_(); z.sum().backward(); print(x.grad)',
    'x = T.tensor([1., 2.], requires_grad=True); y = x * 2; z = y * x; y.detach_(); y.requires_grad_(); z.sum().backward(); print(x.grad)',
    'x = T.tensor([1., 2.], requires_grad=True); y = x * 2; z = y ** 2; y.detach_(); print(y.requires_grad, y.grad_fn, y._version)',
    'x = T.tensor([1., 2.], requires_grad=True); y = x * 2; z = y ** 2; y.detach_()\nwith T.autograd.graph.saved_tensors_hooks(lambda t: t, lambda t: t):\n    pass\nz.sum().backward(); print(x.grad)',
    'x = T.tensor([1., 2.], requires_grad=True); y = x * 2\nwith T.autograd.graph.saved_tensors_hooks(lambda t: t * 1, lambda t: t):\n    z = y ** 2\ny.detach_(); z.sum().backward(); print(x.grad)',
    'class F(T.autograd.Function):\n    @staticmethod\n    def forward(ctx, a):\n        ctx.save_for_backward(a)\n        return a * 2\n    @staticmethod\n    def backward(ctx, g):\n        a, = ctx.saved_tensors\n        return g * a\nx = T.tensor([1., 2.], requires_grad=True); y = x * 2; z = F.apply(y); y.detach_(); z.sum().backward(); print(x.grad)',
    'x = T.tensor([1., 2.], requires_grad=True); y = x * 2; z = y ** 2; y.detach_(); z.sum().backward()',
]


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"e{i:03d}" for i in range(len(SNIPPETS))])
def test_same_output_as_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)
