# ruff: noqa: E501  (snippets are kept on one line each, as they were probed)
"""The kit against PyTorch on snippets from the lead's fixes (skipped without PyTorch)."""

from __future__ import annotations

import pytest

from tests.test_torch_scenarios import assert_same_as_pytorch

torch = pytest.importorskip("torch")

SNIPPETS = [
    # a device never equals a string
    "print(T.device('cpu') == 'cpu', 'cpu' == T.device('cpu'), T.device('cpu') == T.device('cpu'))",
    "x = T.ones(2)\nprint(x.device == T.device('cpu'), x.device != 'cpu', str(x.device) == 'cpu')",
    # the older svd/qr name their results apart from linalg's
    "x = T.tensor([[3., 1.], [1., 3.]])\nr = T.svd(x)\nprint(type(r).__name__, r.S, r.V.abs())\n"
    "print(type(T.linalg.svd(x)).__name__, type(T.qr(x)).__name__, type(T.linalg.qr(x)).__name__)",
    "x = T.tensor([[3., 1.], [1., 3.]])\nprint(x.svd(compute_uv=False))",
    "x = T.tensor([[3., 1.], [1., 3.]])\nprint(isinstance(T.svd(x), T.return_types.svd), "
    "isinstance(T.qr(x), T.return_types.qr))",
    # views of inference tensors have no _base
    "with T.inference_mode():\n    a = T.ones(4)\n    v = a[1:]\n    w = v.view(3)\n"
    "print(v._base is None, w._base is None, v._is_view(), v.is_inference())",
    "with T.inference_mode():\n    a = T.ones(4)\nv = a[1:]\n"
    "print(v._base is None, v.is_inference())",
    "a = T.ones(4)\nwith T.inference_mode():\n    v = a[1:]\nprint(v._base is a, v.is_inference())",
]

# storage, gradient, histogram, angle
SNIPPETS += [
    "x=T.arange(6.).reshape(2,3); a=x[:,1:]\nprint(x.untyped_storage().data_ptr()==a.untyped_storage().data_ptr(), x.untyped_storage().nbytes(), len(x.untyped_storage()), a.storage_offset())\n",
    "x=T.arange(3.)\nprint(x.storage())\n",
    "x=T.arange(3.)\nprint(x.untyped_storage())\n",
    "print(repr(T.tensor([]).untyped_storage()))\nprint(repr(T.tensor([True,False]).storage()))\nprint(repr(T.tensor([1,2]).storage()))\nprint(repr(T.tensor([0.1]).storage()))\nprint(repr(T.tensor([0.1],dtype=T.float64).storage()))\n",
    "x=T.arange(3.)\ns=x.storage(); u = x.untyped_storage()\nprint(s.dtype, s.size(), len(s), s[1], s.tolist(), s.element_size(), s.nbytes(), s.device, s.is_shared())\nprint(u.size(), u.nbytes(), u.element_size(), u[4], u.tolist()[:5], u.device)\nprint(s._untyped_storage.data_ptr()==u.data_ptr(), u[-1], s[-1], u[1:3])\ntry: u[100]\nexcept Exception as e: print(type(e).__name__, e)\ntry: s[100]\nexcept Exception as e: print(type(e).__name__, e)\ntry: s[1:2]\nexcept Exception as e: print(type(e).__name__, e)\nv=x[1:]; print(v.untyped_storage().data_ptr()==u.data_ptr(), v.storage().size())\n",
    "x = T.ones(2, 3, requires_grad=True)\ny = x.t(); z = x.reshape(6); w = (x * 2).view(6)\nprint(y.untyped_storage().data_ptr() == x.untyped_storage().data_ptr(), z.untyped_storage().data_ptr() == x.untyped_storage().data_ptr(), w.untyped_storage().data_ptr() == x.untyped_storage().data_ptr())\nc = x.t().contiguous()\nprint(c.untyped_storage().data_ptr() == x.untyped_storage().data_ptr())\nprint(x.detach().untyped_storage().data_ptr() == x.untyped_storage().data_ptr(), x.clone().untyped_storage().data_ptr() == x.untyped_storage().data_ptr())\n",
    "x=T.tensor([1., 4., 9., 16.], requires_grad=True)\ng=T.gradient(x); print(g, g[0].grad_fn.name(), [n[0].name() for n in g[0].grad_fn.next_functions])\nprint(T.gradient(x, spacing=2.), T.gradient(x, spacing=[2.]), T.gradient(x, spacing=(T.tensor([0.,1,3,4]),)), T.gradient(x, edge_order=2))\ng[0].sum().backward(); print(x.grad)\n",
    "y=T.arange(12.).reshape(3,4)**2\nprint(T.gradient(y)); print(T.gradient(y, dim=1)); print(T.gradient(y, dim=[0]), T.gradient(y, spacing=[1.,2.]))\nprint(T.gradient(y, spacing=2), T.gradient(y, dim=1, spacing=[T.tensor([0.,1,3,4])]))\nprint(T.gradient(y, spacing=(T.tensor([0.,1.,2]),T.tensor([0.,1,2,3.]))))\nprint(T.gradient(y, spacing=(T.tensor([0.,1.,3]),T.tensor([0.,1,2,5.])), edge_order=2))\n",
    "x=T.arange(12.).reshape(3,4)\nfor kw in [dict(spacing=[1.]), dict(spacing=[1.,2.,3.]), dict(dim=[0,0]), dict(dim=2), dict(spacing=(T.tensor([0.,1.]),)), dict(edge_order=0), dict(edge_order=3), dict(dim=[0], spacing=[1., 2.])]:\n    try: print(kw, T.gradient(x, **kw))\n    except Exception as e: print(kw, type(e).__name__, e)\nprint(T.gradient(T.tensor([1,2,4])), T.gradient(T.tensor([1,2,4]).double()))\nfor t in [T.tensor([1.]), T.tensor(3.)]:\n    try: print(T.gradient(t))\n    except Exception as e: print(type(e).__name__, e)\ntry: print(T.gradient(T.tensor([1.,2,4]), edge_order=2))\nexcept Exception as e: print(type(e).__name__, e)\n",
    "a=T.tensor([-1., 0., 2., float('nan'), -0.0], requires_grad=True); r=a.angle(); print(r, r.grad_fn.name(), r.grad_fn._saved_self is a); r.sum().backward(); print(a.grad)\nprint(T.tensor([1,-2]).angle(), T.angle(T.tensor([True])), T.tensor([1,-2], dtype=T.int32).angle().dtype, T.tensor([1.,-2], dtype=T.float64).angle().dtype, T.tensor([-1.],dtype=T.float16).angle())\nr2 = T.angle(a); g,=T.autograd.grad(r2.sum(), a, create_graph=True); print(g, g.grad_fn)\n",
    "print(T.histogram(T.tensor([1., 2, 1]), bins=4, range=(0., 3.)))\nprint(T.histogram(T.tensor([1., 2, 1]), bins=T.tensor([0., 1., 2.5])))\nprint(T.histogram(T.tensor([1., 2, 1]), 3, weight=T.tensor([1.,2,3]), density=True))\nprint(T.histogram(T.tensor([1., 2, 1], dtype=T.float64), 3))\nprint(T.histogram(T.tensor([1.,2, 7]), bins=3, range=(0,4)), T.histogram(T.tensor([0.1,0.2,0.3]), bins=3))\nprint(T.histogram(T.tensor([]), 2), T.histogram(T.tensor([5.,5.]), 2), T.histogram(T.tensor([[1.,2],[3,4]]), 2))\n",
    "for a, kw in [((T.tensor([1, 2]), 3), {}), ((T.tensor([1.,2]), T.tensor([1.,2.],dtype=T.float64)), {}), ((T.tensor([1., 2, 1]),), dict(bins=0)), ((T.tensor([1., 2, 1]),), dict(bins=2, range=(3.,1.))),((T.tensor([1., 2, 1]),), dict(bins=2, weight=T.tensor([1.,2.])))]:\n    try: print(T.histogram(*a, **kw))\n    except Exception as e: print(type(e).__name__, e)\n",
    "x=T.tensor([1., 2, 1],requires_grad=True)\nh=T.histogram(x, 2)\nprint(h, h.hist.grad_fn.name(), len(h.hist.grad_fn.next_functions), h.bin_edges.grad_fn is h.hist.grad_fn)\ntry: h.hist.sum().backward()\nexcept Exception as e: print(type(e).__name__, e)\n",
    "x=T.tensor([1., 4., 9., 16.], requires_grad=True)\ng=T.gradient(x, edge_order=2)[0]\ndef walk(n, depth=0):\n    if n is None or depth > 4: return\n    print(' '*depth + n.name())\n    for m, _ in n.next_functions: walk(m, depth+1)\nwalk(g.grad_fn)\ng2=T.gradient(x, spacing=[T.tensor([0.,1,3,4])], edge_order=2)[0]; print(g2); walk(g2.grad_fn)\n",
]

# matrix norms from singular values, cond
SNIPPETS += [
    "A = T.tensor([[4., 1.], [2., 3.]], requires_grad=True)\nfor o in ['nuc', 2, -2]:\n    r = T.linalg.matrix_norm(A, o); r.backward(); print(o, r, A.grad); A.grad = None\nprint(T.linalg.norm(A, 2), T.linalg.cond(A, 'nuc'), T.linalg.cond(A, 2), T.norm(A, p='nuc'), T.linalg.cond(A, -2))\n",
    "B = T.arange(12.).reshape(2, 3, 2).requires_grad_()\ndef walk(n, d=0):\n    if n is None or d > 6: return\n    print(' ' * d + n.name()); [walk(m, d + 1) for m, _ in n.next_functions]\nfor o in ['nuc', 2, -2]:\n    for kd in [False, True]:\n        for dim in [(0, 2), (2, 0), (-2, -1)]:\n            r = T.linalg.matrix_norm(B, o, dim=dim, keepdim=kd); print(o, kd, dim, r); walk(r.grad_fn)\nr.sum().backward(); print(B.grad)\n",
    "x = T.tensor([[1., 2.], [3., 4.]], dtype=T.float64)\nprint(T.linalg.matrix_norm(x, 'nuc', dtype=T.float32) if False else T.linalg.matrix_norm(x, 'nuc'), T.linalg.norm(x, 'nuc', dim=(0, 1)))\ntry: T.linalg.matrix_norm(x, 3)\nexcept Exception as e: print(type(e).__name__, e)\ntry: T.linalg.matrix_norm(x, 'abc')\nexcept Exception as e: print(type(e).__name__, e)\n",
    "A = T.tensor([[4., 1.], [2., 3.]], requires_grad=True)\nS = T.tensor([[1., 2.], [2., 4.]], requires_grad=True)\nfor M in [A, S]:\n    for o in (['nuc','fro',1,-1,float('inf'), 2, -2, None] if M is A else ['fro', 1, -1, float('inf')]):\n        try:\n            r=T.linalg.cond(M,o); print(o, r, [n[0].name() for n in r.grad_fn.next_functions])\n        except Exception as e: print(type(e).__name__, e)\nr = T.linalg.cond(A, 'nuc'); r.backward(); print(A.grad)\n",
    "A = T.tensor([[4., 1.], [2., 3.]], requires_grad=True)\ndef walk(n, d=0):\n    if n is None or d>7: return\n    print(' '*d+n.name()); [walk(m,d+1) for m,_ in n.next_functions]\nwalk(T.linalg.cond(A,'fro').grad_fn)\nwalk(T.linalg.cond(A,1).grad_fn)\nS = T.tensor([[[1., 2.], [2., 4.]], [[4., 1.], [2., 3.]]], requires_grad=True)\nprint(T.linalg.inv_ex(S).info, T.linalg.inv_ex(T.zeros(3, 3)).info)\nfor o in ['fro', 1, -1, float('inf'), -float('inf')]:\n    r = T.linalg.cond(S, o); print(r); walk(r.grad_fn)\n",
]

SNIPPETS += [
    "w = T.tensor(1., requires_grad=True); (w*w).backward(); print(w.grad, w.grad._version)\n"
    "w = T.tensor(1., requires_grad=True); (w*w*w).backward(); print(w.grad, w.grad._version)",
    "x = T.tensor([1., 2.], requires_grad=True); w = T.tensor([1., 2.], requires_grad=True)\n"
    "for i in range(3):\n    ((x + w) * (w + 1)).sum().backward(); print(w.grad, w.grad._version, x.grad._version)",
    "q = T.ones(2, requires_grad=True); (q + q).sum().backward(); print(q.grad, q.grad._version)\n"
    "y = T.ones(3, requires_grad=True); kept = []\nz = y * 2; z.register_hook(lambda g: kept.append(g))\n"
    "(z * z + z).sum().backward(); print(y.grad, kept, y.grad._version)",
    "x = T.ones(2, requires_grad=True); y = x * 3\n(y * y).sum().backward(create_graph=True)\n"
    "print(x.grad, x.grad._version, x.grad.grad_fn)",
]

# custom Functions returning views
SNIPPETS += [
    'class R(T.autograd.Function):\n    @staticmethod\n    def forward(ctx, x): return x\n    @staticmethod\n    def backward(ctx, g): return g\nx = T.ones(2, requires_grad=True)\nb = x * 1\ny = R.apply(b)\nprint(y._base is b, y.grad_fn)\nb.add_(1)\ntry: print(y.grad_fn)\nexcept Exception as e: print(type(e).__name__, e)\n',
    'class S(T.autograd.Function):\n    @staticmethod\n    def forward(ctx, x): return x[0], x[1]\n    @staticmethod\n    def backward(ctx, g1, g2): return T.stack([g1, g2])\nx = T.ones(2, 3, requires_grad=True)\nb = x * 1\nu, v = S.apply(b)\nprint(u._base is b, u.grad_fn)\ntry: u.add_(1)\nexcept Exception as e: print(type(e).__name__, e)\n',
    'class S(T.autograd.Function):\n    @staticmethod\n    def forward(ctx, x): return x[0], x[1]\n    @staticmethod\n    def backward(ctx, g1, g2): return T.stack([g1, g2])\nx = T.ones(2, 3, requires_grad=True)\nb = x * 1\nu, v = S.apply(b)\nb.add_(1)\ntry: print(u.grad_fn)\nexcept Exception as e: print(type(e).__name__, e)\n',
    'class S(T.autograd.Function):\n    @staticmethod\n    def forward(ctx, x): return x[0]\n    @staticmethod\n    def backward(ctx, g1): return T.stack([g1, T.zeros_like(g1)])\nx = T.ones(2, 3, requires_grad=True)\nb = x * 1\nu = S.apply(b)\ntry: u.add_(1)\nexcept Exception as e: print(type(e).__name__, e)\nb.add_(1)\ntry: print(u.grad_fn)\nexcept Exception as e: print(type(e).__name__, e)\n',
]


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"l{i:03d}" for i in range(len(SNIPPETS))])
def test_same_as_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)
