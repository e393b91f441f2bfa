"""Differential tests against PyTorch (run only where torch is installed): the same programs in
both libraries must give the same values, gradients and grad_fn graphs."""

from __future__ import annotations

import numpy as np
import pytest

torch = pytest.importorskip("torch")
import autograd_kit as ak  # noqa: E402


def graph(t):
    """Breadth-first (name, next names) of the backward graph behind t."""
    out, queue, seen = [], [t.grad_fn], {}
    while queue:
        fn = queue.pop(0)
        if fn is None or id(fn) in seen:
            continue
        seen[id(fn)] = fn  # kept alive: PyTorch makes node objects on demand, and a freed
        # one's id could be reused by the next, which would then be skipped
        nxt = tuple(type(n).__name__ if n is not None else None for n, _ in fn.next_functions)
        out.append((type(fn).__name__, nxt))
        queue += [n for n, _ in fn.next_functions]
    return out


def env(L):
    return dict(
        x=L.tensor([1.0, 2.0, 3.0], requires_grad=True),
        y=L.tensor([4.0, 5.0, 6.0], requires_grad=True),
        s=L.tensor(2.0, requires_grad=True), M=L.ones(2, 3, requires_grad=True),
        N=L.ones(3, 4, requires_grad=True), B=L.ones(2, 3, 4, requires_grad=True),
        C=L.ones(2, 4, 5, requires_grad=True), D=L.ones(4, 5, requires_grad=True), L=L)


EXPRS = [
    "x+y", "x+2", "2+x", "x-2", "2-x", "x*y", "2*x", "x*L.tensor(2.)", "x/y", "x/2", "2/x", "1/x",
    "x.reciprocal()", "x**2", "x.pow(2)", "x.square()", "x**y", "x**s", "2**x", "-x", "x*s", "x+s",
    "x.abs()", "x.exp()", "x.log()", "x.sqrt()", "x.sin()", "x.cos()", "x.tanh()", "x.sigmoid()",
    "x.relu()", "x.clamp(min=0,max=1)", "x.clamp(min=0)", "x.clamp(max=1)", "L.maximum(x,y)",
    "L.max(x,y)", "L.minimum(x,y)", "L.where(x>1,x,y)", "L.where(x>1,x,0.)", "M@N", "L.mm(M,N)",
    "x@y", "L.dot(x,y)", "M@x", "x@N", "B@C", "B@D", "x.sum()", "M.sum(dim=0)",
    "M.sum(0, keepdim=True)", "x.mean()", "M.mean(dim=1)", "x.max()", "x.min()",
    "M.max(dim=0).values", "M.min(dim=0).values", "x.norm()", "M.norm(dim=0)", "x.norm(p=1)",
    "L.softmax(x,0)", "L.log_softmax(x,0)", "M.reshape(3,2)", "x.reshape(3)",
    "M.t().reshape(6)", "M.view(-1)", "M.flatten()", "M.transpose(0,1)", "M.t()", "x.t()", "M.T",
    "M.permute(1,0)", "x.squeeze()", "x.squeeze(0)", "x.unsqueeze(0)", "M[None]",
    "x.expand(2,3)", "x[0]", "M[:,0]", "M[...,0]", "M[0]", "x[1:]", "x[:]", "M[0,1:]", "M[:,:]",
    "x[...]", "x[L.tensor([0,2])]", "x[x>1]", "x[[0,2]]", "x[::2]", "L.cat([x,y])",
    "L.stack([x,y])", "x.clone()", "M.t().contiguous()", "x.double()", "x.to(L.float64)",
    "(x*y).sum()*s", "((x+1)*(y-2)).exp().mean()", "L.cat([x*2, y]).softmax(0)",
]


@pytest.mark.parametrize("expr", EXPRS)
def test_forward_grad_and_graph_match(expr):
    t_out = eval(expr, env(torch))
    k_env = env(ak)
    k_out = eval(expr, k_env)
    assert graph(k_out) == graph(t_out)
    assert np.allclose(k_out.detach().tolist(), t_out.detach().tolist())
    t_env = env(torch)
    t_out = eval(expr, t_env)
    g = np.linspace(0.5, 1.5, t_out.numel()).reshape(tuple(t_out.shape))
    t_out.backward(torch.tensor(g, dtype=t_out.dtype))
    k_out.backward(ak.tensor(g, dtype=k_out.dtype))
    for name in ("x", "y", "s", "M", "N", "B", "C", "D"):
        tg, kg = t_env[name].grad, k_env[name].grad
        assert (tg is None) == (kg is None), name
        if tg is not None:
            assert np.allclose(kg.tolist(), tg.tolist()), name


UNARY = ["exp", "tanh", "sigmoid", "sin", "cos", "relu", "abs", "neg"]
BINARY = ["add", "sub", "mul", "maximum", "minimum"]


@pytest.mark.parametrize("seed", range(25))
def test_random_programs(seed):
    """Random compositions of ops over broadcasting shapes: values, grads and names agree."""
    rng = np.random.default_rng(seed)
    shapes = [(3,), (2, 3), (1, 3), (2, 1), ()]
    a0 = rng.standard_normal(shapes[rng.integers(5)])
    b0 = rng.standard_normal(shapes[rng.integers(5)])
    program = []
    for _ in range(rng.integers(2, 7)):
        if rng.random() < 0.5:
            program.append(("u", UNARY[rng.integers(len(UNARY))], None))
        else:
            program.append(("b", BINARY[rng.integers(len(BINARY))], int(rng.integers(2))))
    reduce_ = ["sum", "mean"][rng.integers(2)]

    def run(L):
        a = L.tensor(a0, requires_grad=True)
        b = L.tensor(b0, requires_grad=True)
        h = a
        for kind, name, arg in program:
            if kind == "u":
                h = getattr(L, name)(h)
            else:
                other = b if arg else a * 0.5
                h = getattr(L, name)(h, other)
        out = getattr(h, reduce_)()
        out.backward()
        return out, a, b

    t_out, ta, tb = run(torch)
    k_out, ka, kb = run(ak)
    assert k_out.grad_fn.name() == t_out.grad_fn.name()
    assert graph(k_out) == graph(t_out)
    assert np.allclose(k_out.item(), t_out.item())
    for k, t in ((ka, ta), (kb, tb)):
        assert (k.grad is None) == (t.grad is None)
        if t.grad is not None:
            assert np.allclose(k.grad.tolist(), t.grad.tolist())


@pytest.mark.parametrize("expr", ["a.add_(1)", "a.mul_(2)", "a.sub_(1)", "a.div_(2)",
                                  "a.clamp_(0,1)", "a.zero_()", "a.fill_(1.)", "a.relu_()",
                                  "a.exp_()", "a.neg_()", "a.pow_(2)", "a.copy_(y)",
                                  "a.add_(y)", "a.mul_(y)"])
def test_inplace_names_and_versions(expr):
    res = []
    for L in (torch, ak):
        e = env(L)
        e["a"] = e["x"] * 1
        eval(expr, e)
        a = e["a"]
        res.append((graph(a)[0], a._version, a.is_leaf, a.requires_grad))
    assert res[0] == res[1]


def test_execution_order_matches():
    """The order nodes run in backward is PyTorch's (logged through tensor hooks)."""
    def run(L):
        order = []
        a = L.tensor(2.0, requires_grad=True)
        ws = [L.tensor(v, requires_grad=True) for v in (0.5, -1.5, 2.0, 3.0)]
        b = ws[0] * a
        c = ws[1] * a
        d = ws[2] * b + ws[3] * c
        for name, t in (("b", b), ("c", c), ("d", d)):
            t.register_hook(lambda g, n=name: order.append(n))
        (10 - d).backward()
        return order, [w.grad.item() for w in ws], a.grad.item()

    assert run(ak) == run(torch)
