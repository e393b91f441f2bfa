"""Random autograd programs, second kind, for tests/test_torch_random_programs2.py.

Where tests/torch_random_programs.py builds one long graph, a program here is a few short
independent episodes, each in its own ``try`` (an error is printed and the next episode runs),
about the autograd machinery itself: retain_grad on intermediates, backward twice with or
without retain_graph, ``backward(inputs=...)``, ``autograd.grad`` with create_graph up to third
derivatives, gradients accumulated over iterations and reset with zero_() or None, hooks on
tensors and nodes (register_hook, register_prehook, post-accumulate-grad hooks) that print and
change gradients, nested grad modes, detach / detach_ / .data, requires_grad_ toggles, in-place
changes of views and of saved tensors (version errors), custom autograd.Function (save_for_backward,
mark_dirty, mark_non_differentiable, needs_input_grad), several outputs (unbind, split, max with
indices, sort), reductions over broadcast shapes, integer and bool tensors, next_functions walks
and tensors printed with their grad_fn. Python text, run with ``T`` bound to PyTorch or the kit.

Left out, being differences in the derivative rules (autograd_kit/ops/), not in the machinery:
``erf`` and ``sort`` under create_graph (the second-order graph's node names differ:
PyTorch's erf rule is ``2/sqrt(pi) * exp(-x**2) * grad``, sort's backward is a scatter).
"""

# ruff: noqa: E501

from __future__ import annotations

import random

import numpy as np

SHAPES = [(3,), (2, 3), ()]
SMOOTH = ["{x}.exp()", "{x}.sin()", "{x}.tanh()", "{x}.sigmoid()", "{x} * {x}", "{x} ** 3",
          "({x}.abs() + 1).log()", "{x}.cos()", "{x} * 2 + 1", "({x} * {x} + 1).sqrt()",
          "{x}.exp() * {x}", "{x} / ({x} * {x} + 1)", "{x}.relu()", "{x}.abs()", "{x}.clamp(-0.5, 0.5)",
          "{x}.softmax(-1)", "{x}.cumsum(-1)", "({x}.log_softmax(-1) if {x}.dim() else {x})", "{x}.cumprod(-1)",
          "T.where({x} > 0, {x}, {x} * 0.1)", "{x}.masked_fill({x} < 0, 0.)", "{x}.atan()",
          "({x} @ {x}.mT if {x}.dim() == 2 else {x} * {x}.sum())", "{x}.unsqueeze(0).squeeze(0)",
          "T.nn.functional.gelu({x})", "T.nn.functional.softplus({x})", "{x}.expand(2, *{x}.shape).mean(0)",
          "T.stack([{x}, {x} * 2]).amax(0)", "({x} - {x}.mean()) / ({x}.std() + 1 if {x}.numel() > 1 else 1)"]
REDUCE = ["{x}.sum()", "{x}.mean()", "({x} * {x}).sum()", "{x}.prod()", "{x}.norm()",
          "{x}.exp().sum()", "{x}.max()", "{x}.amax()", "{x}.logsumexp(-1).sum() if {x}.dim() else {x}"]
PRELUDE = """\
def show(t):
    return None if t is None else [round(v, 3) for v in (t.detach() + 0).reshape(-1).tolist()]
def name(t):
    return None if t.grad_fn is None else type(t.grad_fn).__name__
def walk(fn, depth=0):
    if fn is None or depth > 4:
        return
    print('  ' * depth + type(fn).__name__)
    for nxt, i in fn.next_functions:
        walk(nxt, depth + 1)
class Square(T.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x * x
    @staticmethod
    def backward(ctx, g):
        x, = ctx.saved_tensors
        print('Square.backward', ctx.needs_input_grad)
        return 2 * x * g
class MulAdd(T.autograd.Function):
    @staticmethod
    def forward(ctx, x, y, k):
        ctx.save_for_backward(x, y)
        ctx.k = k
        return x * y + k
    @staticmethod
    def backward(ctx, g):
        x, y = ctx.saved_tensors
        print('MulAdd.backward', ctx.needs_input_grad)
        gx = g * y if ctx.needs_input_grad[0] else None
        gy = g * x if ctx.needs_input_grad[1] else None
        return gx, gy, None
class ArgMax(T.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        i = x.argmax(-1, keepdim=True) if x.dim() else x.long()
        ctx.mark_non_differentiable(i)
        ctx.save_for_backward(x)
        return x * 3, i
    @staticmethod
    def backward(ctx, g, gi):
        print('ArgMax.backward', gi is None)
        return g * 3
class Double_(T.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.mark_dirty(x)
        return x.mul_(2)
    @staticmethod
    def backward(ctx, g):
        return g * 2
class Drop(T.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2
    @staticmethod
    def backward(ctx, g):
        return None
class Wrong(T.autograd.Function):
    @staticmethod
    def forward(ctx, x, y):
        return x + y
    @staticmethod
    def backward(ctx, g):
        return g
"""


def _values(rng: random.Random, shape: tuple[int, ...], positive: bool = False) -> str:
    low = 0.2 if positive else -2
    values = [round(rng.uniform(low, 2), 2) for _ in range(int(np.prod(shape)))]
    return f"T.tensor({np.array(values).reshape(shape).tolist()})"


def _leaf(rng: random.Random, name: str, shape: tuple[int, ...] | None = None) -> tuple[str, tuple[int, ...]]:
    shape = rng.choice(SHAPES) if shape is None else shape
    return f"{name} = {_values(rng, shape)}.requires_grad_()", shape


def _f(rng: random.Random, x: str) -> str:
    return rng.choice(SMOOTH).format(x=x)


def _r(rng: random.Random, x: str) -> str:
    return rng.choice(REDUCE).format(x=x if x.isidentifier() else f"({x})")


def _grads(*names: str) -> str:
    return "print(" + ", ".join(f"'{n}', show({n}.grad)" for n in names) + ")"


def retain_grad(rng: random.Random) -> list[str]:
    lines = [_leaf(rng, "x")[0], f"y = {_f(rng, 'x')}"]
    if rng.random() < 0.8:
        lines.append("y.retain_grad()")
    lines += [f"z = {_f(rng, 'y')}", "print(y.is_leaf, y.requires_grad, name(y), y.retains_grad, z.retains_grad)",
              f"w = {_r(rng, 'z')}"]
    if rng.random() < 0.4:
        lines.append("w.retain_grad()")
    if rng.random() < 0.3:
        lines.append("x.retain_grad()")
    lines += [rng.choice(["w.backward()", "w.backward(retain_graph=True)"]), _grads("x", "y", "z", "w")]
    if rng.random() < 0.5:
        lines += [f"w2 = {_r(rng, 'y')}", "w2.backward()", _grads("x", "y")]
    return lines


def backward_twice(rng: random.Random) -> list[str]:
    lines = [_leaf(rng, "x")[0], f"y = {_r(rng, _f(rng, 'x'))}"]
    first = rng.choice(["y.backward(retain_graph=True)", "y.backward()", "y.backward(retain_graph=False)"])
    lines += [first, _grads("x"), rng.choice(["y.backward()", "y.backward(retain_graph=True)", "T.autograd.grad(y, x)"]), _grads("x")]
    if rng.random() < 0.4:
        lines += ["print(show(T.autograd.grad(y, x)[0]))"]
    return lines


def backward_inputs(rng: random.Random) -> list[str]:
    shape = rng.choice(SHAPES)
    lines = [_leaf(rng, "a", shape)[0], _leaf(rng, "b", shape)[0],
             f"h = {_f(rng, 'a')} * b", f"loss = {_r(rng, 'h')} + {_r(rng, 'b')}"]
    inputs = rng.choice(["[a]", "[b]", "[a, b]", "a", "[h]", "[h, a]", "[]", "(b,)"])
    if "h" in inputs and rng.random() < 0.5:
        lines.append("h.retain_grad()")
    lines += [f"loss.backward(inputs={inputs})", _grads("a", "b", "h")]
    if rng.random() < 0.5:
        lines += [f"ga = T.autograd.grad({_r(rng, 'h')}, {rng.choice(['[a, b]', 'h', '[b]', '(a, h)'])})",
                  "print([show(g) for g in ga])"]
    return lines


def higher_order(rng: random.Random) -> list[str]:
    lines = [_leaf(rng, "x")[0], f"y = {_r(rng, _f(rng, 'x'))}",
             "g1, = T.autograd.grad(y, x, create_graph=True)",
             "print('g1', show(g1), g1.requires_grad, name(g1))"]
    second = rng.random()
    if second < 0.4:
        lines += ["g2, = T.autograd.grad(g1.sum(), x, create_graph=True)",
                  "print('g2', show(g2), g2.requires_grad, name(g2))",
                  "g3, = T.autograd.grad(g2.sum(), x, allow_unused=True)",
                  "print('g3', show(g3))"]
    elif second < 0.7:
        lines += ["g1.sum().backward()", _grads("x")]
    else:
        lines += [f"(g1 * {_values(rng, (3,))}[:g1.numel()].reshape(g1.shape)).sum().backward(create_graph=True)",
                  "print(show(x.grad), x.grad.requires_grad, name(x.grad))"]
    return lines


def accumulate(rng: random.Random) -> list[str]:
    lines = [_leaf(rng, "w", (3,))[0], f"xs = [{_values(rng, (3,))}, {_values(rng, (3,))}, {_values(rng, (3,))}]",
             "for i, xi in enumerate(xs):", f"    loss = {_r(rng, _f(rng, '(w * xi)'))}", "    loss.backward()",
             "    print(i, show(w.grad), w.grad is None, w._version)"]
    reset = rng.random()
    if reset < 0.3:
        lines.append("    w.grad.zero_()")
    elif reset < 0.6:
        lines.append("    w.grad = None")
    elif reset < 0.8:
        lines += ["    with T.no_grad():", "        w -= 0.1 * w.grad", "    w.grad.zero_()"]
    lines.append("print(show(w), w.requires_grad, w.is_leaf, name(w))")
    return lines


def hooks(rng: random.Random) -> list[str]:
    lines = [_leaf(rng, "x")[0], f"y = {_f(rng, 'x')}"]
    pool = [
        "h1 = y.register_hook(lambda g: print('y hook', show(g)))",
        "h2 = y.register_hook(lambda g: g * 2)",
        "h3 = x.register_hook(lambda g: print('x hook', show(g)) or g + 1)",
        "y.grad_fn.register_hook(lambda gi, go: print('node hook', [show(g) for g in gi], [show(g) for g in go]))",
        "y.grad_fn.register_prehook(lambda go: print('prehook', [show(g) for g in go]))",
        "y.grad_fn.register_prehook(lambda go: (go[0] * 10,))",
        "x.register_post_accumulate_grad_hook(lambda p: print('post acc', show(p.grad)))",
        "x.register_post_accumulate_grad_hook(lambda p: p.grad.mul_(0.5))",
        "y.retain_grad()",
        "y.register_hook(lambda g: g.zero_())",
        "y.register_hook(lambda g: 1)",
        "y.register_hook(lambda g: g.sum())",
        "y.register_post_accumulate_grad_hook(lambda p: None)",
    ]
    lines += rng.sample(pool, rng.randint(1, 4))
    if rng.random() < 0.3 and any(ln.startswith("h") for ln in lines[2:]):
        handle = next(ln[:2] for ln in lines[2:] if ln.startswith("h"))
        lines.append(f"{handle}.remove()")
    lines += [f"out = {_r(rng, _f(rng, 'y'))}", "out.backward(retain_graph=True)", _grads("x", "y")]
    if rng.random() < 0.4:
        lines += ["out.backward()", _grads("x", "y")]
    return lines


def grad_modes(rng: random.Random) -> list[str]:
    lines = [_leaf(rng, "x")[0]]
    opens = ["with T.no_grad():", "with T.enable_grad():", "with T.set_grad_enabled(False):",
             "with T.set_grad_enabled(True):", "with T.inference_mode(False):"]
    depth = rng.randint(1, 3)
    for d in range(depth):
        lines.append("    " * d + rng.choice(opens))
        lines.append("    " * (d + 1) + f"y{d} = {_f(rng, 'x')}")
        lines.append("    " * (d + 1) + f"print({d}, T.is_grad_enabled(), y{d}.requires_grad, name(y{d}), y{d}.is_leaf)")
    lines.append("print(T.is_grad_enabled())")
    if rng.random() < 0.5:
        lines += ["@T.no_grad()", "def f(t):", "    return t * 2", "print(f(x).requires_grad)"]
    if rng.random() < 0.4:
        lines += ["T.set_grad_enabled(False)", "z = x * 2", "T.set_grad_enabled(True)",
                  "print(z.requires_grad, T.is_grad_enabled())"]
    lines += [f"(y{depth - 1}.sum() + x.sum()).backward()", _grads("x")]
    return lines


def detaching(rng: random.Random) -> list[str]:
    lines = [_leaf(rng, "x")[0], f"y = {rng.choice(['x.exp()', 'x.sigmoid()', 'x.tanh()', 'x * 2', 'x.sin()'])}"]
    step = rng.choice([
        "d = y.detach()\nd.add_(1)", "d = y.detach()\nprint(d.requires_grad, d.is_leaf, d._version)",
        "y.detach_()", "d = y.data\nd.mul_(2)", "y.data = y.data * 3", "d = x.detach()\nd.zero_()",
        "x.data.add_(1)", "d = y.detach()\nd.requires_grad_()\nd.sum().backward()\nprint(show(d.grad))",
        "x.detach_()",
    ])
    lines += step.split("\n")
    lines += ["print(y._version, x._version, y.requires_grad, name(y), y.is_leaf)",
              "y.sum().backward()", _grads("x")]
    return lines


def toggles(rng: random.Random) -> list[str]:
    lines = [_leaf(rng, "x")[0]]
    step = rng.choice([
        "y = x * 2\ny.requires_grad_(False)", "y = x * 2\ny.requires_grad_(True)\nprint(y.requires_grad)",
        "x.requires_grad_(False)\ny = x * 2", "i = T.tensor([1, 2, 3])\ni.requires_grad_()",
        "i = T.tensor([1., 2.]).long()\nprint(i.dtype, i.requires_grad)\ni.requires_grad = True",
        "y = x * 2\ny.requires_grad = False", "x.requires_grad = False\nx.requires_grad = True\ny = x * 2",
        "y = x.detach().requires_grad_()\ny = y * 2",
        "y = T.zeros(3, dtype=T.long, requires_grad=True)",
        "y = T.ones(2, requires_grad=True).int()\nprint(y.requires_grad)",
    ])
    lines += step.split("\n")
    lines += ["print(y.requires_grad, y.is_leaf, name(y))", "y.sum().backward()", _grads("x", "y")]
    return lines


def inplace_saved(rng: random.Random) -> list[str]:
    lines = [_leaf(rng, "x", rng.choice([(3,), (2, 3)]))[0]]
    step = rng.choice([
        "y = x.exp()\nz = y * 2\ny.add_(1)", "y = x.sigmoid()\ny.mul_(2)", "y = x * 1\nz = y.sin()\ny[0] = 5",
        "y = x.tanh()\nv = y[0]\nv.mul_(2)", "y = x * 1\nv = y[:1]\nv.add_(1)\nz = y * y",
        "y = x.clone()\nz = y ** 2\nwith T.no_grad():\n    y.add_(1)",
        "y = x * 2\nz = y.exp()\ny.add_(1)", "y = x.exp()\nz = y.detach()\nz.add_(1)",
        "y = x * 1\nv = y.view(-1)\nv.mul_(3)", "y = x.pow(2)\nx.data.add_(1)",
        "y = x * 1\nz = y.unsqueeze(0)\nz.mul_(2)", "y = x.relu()\ny.relu_()",
        "y = x.cos()\ny.sin_()", "y = x * 1\ny.t_() if y.dim() == 2 else y.neg_()",
    ])
    lines += step.split("\n")
    lines += ["print(y._version, name(y), x._version)"]
    if "z = " in step:
        lines += ["print(name(z), z._version)", "print(show(z))", "z.sum().backward()"]
    else:
        lines += ["print(show(y))", "y.sum().backward()"]
    lines.append(_grads("x"))
    return lines


def custom(rng: random.Random) -> list[str]:
    shape = rng.choice([(3,), (2, 3)])
    lines = [_leaf(rng, "x", shape)[0], f"y = {_values(rng, shape)}" + rng.choice(["", ".requires_grad_()"])]
    step = rng.choice([
        "out = Square.apply(x)", "out = MulAdd.apply(x, y, 2.)", "out = MulAdd.apply(y, x, 0.5)",
        "out, i = ArgMax.apply(x)\nprint(i.requires_grad, i.dtype, name(i), show(i))",
        "t = x * 1\nout = Double_.apply(t)\nprint(out is t, t._version)",
        "out = Double_.apply(x)", "out = Wrong.apply(x, y)", "out = Square.apply(Square.apply(x))",
        "out = MulAdd.apply(x, x, 1.)", "with T.no_grad():\n    out = Square.apply(x)",
        "out = Square.apply(x.detach())",
    ])
    lines += step.split("\n")
    lines += ["print(show(out), out.requires_grad, name(out), out.is_leaf)",
              "out.sum().backward()", _grads("x", "y")]
    if rng.random() < 0.3:
        lines += ["g, = T.autograd.grad(Square.apply(x).sum(), x, create_graph=True)",
                  "print(show(g), g.requires_grad, name(g))"]
    return lines


def multi_out(rng: random.Random) -> list[str]:
    lines = [_leaf(rng, "x", (2, 3))[0]]
    step = rng.choice([
        "a, b = x.unbind(0)\nout = a * 2 + b.exp()", "p, q = x.split([1, 2], 1)\nout = p.sum() * q",
        "v, i = x.max(1)\nprint(show(i), i.dtype, i.requires_grad, name(v))\nout = v",
        "v, i = x.sort(1)\nprint(show(i), name(v))\nout = v[:, :2] * 2",
        "v, i = x.min(0, keepdim=True)\nout = v * x",
        "v, i = x.topk(2)\nprint(name(v), show(i))\nout = v",
        "parts = x.chunk(3, 1)\nprint(len(parts), [name(p) for p in parts])\nout = parts[0] * parts[2]",
        "r = T.max(x, 1)\nprint(type(r).__name__, name(r.values))\nout = r.values.exp()",
        "a, b = x.unbind(0)\nout = a",
        "m = x.median()\nout = m * x",
        "v, i = x.sort(0, descending=True)\nout = v.gather(1, i)",
    ])
    lines += step.split("\n")
    lines += ["print(show(out), name(out))", f"({_r(rng, 'out')}).backward()", _grads("x")]
    return lines


def broadcasting(rng: random.Random) -> list[str]:
    a, b = rng.choice([((2, 3), (3,)), ((2, 3), (2, 1)), ((2, 1), (1, 3)), ((3,), ()), ((2, 3), (1,)), ((2, 3), (1, 3))])
    lines = [_leaf(rng, "a", a)[0], _leaf(rng, "b", b)[0]]
    op = rng.choice(["a + b", "a * b", "a - b", "a / (b * b + 1)", "T.maximum(a, b)", "a ** 2 * b", "T.where(a > 0, a, b)"])
    red = rng.choice(["s.sum()", "s.sum(0).prod()", "s.mean(-1).sum()", "s.sum(-1, keepdim=True).exp().sum()",
                      "s.max(-1).values.sum()", "s.std() if s.numel() > 1 else s.sum()", "(s * s).mean()"])
    lines += [f"s = {op}", "print(s.shape, name(s))", f"loss = {red}", "loss.backward()",
              "print(show(a.grad), a.grad.shape, show(b.grad), b.grad.shape)"]
    return lines


def mixed_dtypes(rng: random.Random) -> list[str]:
    lines = [_leaf(rng, "x", (3,))[0]]
    step = rng.choice([
        "y = x * T.tensor([1, 0, 2])", "y = x * (x > 0)", "y = x + T.tensor(True)",
        "y = x[T.tensor([0, 2])]", "y = x[T.tensor([True, False, True])]", "y = x * 2 + T.arange(3)",
        "y = x.masked_fill(T.tensor([True, False, False]), 0.)", "i = (x > 0).long()\ny = x * i",
        "y = x.double() * 2", "y = (x * 2).int()", "y = x > 0", "y = x.round()", "y = x.floor() + x",
        "y = T.tensor([1, 2, 3]) * x", "y = x.sign() * x", "y = x.argmax() * x",
    ])
    lines += step.split("\n")
    lines += ["print(y.dtype, y.requires_grad, name(y))", "print(y)", "y.float().sum().backward()" if rng.random() < 0.3 else "y.sum().backward()", _grads("x")]
    return lines


def walks(rng: random.Random) -> list[str]:
    shape = rng.choice([(3,), (2, 3)])
    lines = [_leaf(rng, "a", shape)[0], f"b = {_values(rng, shape)}" + rng.choice(["", ".requires_grad_()"])]
    expr = rng.choice(["(a * b).sum()", "(a.exp() + b).mean()", "(a * 2).sin() * b", "T.cat([a, b]).sum()",
                       "(a @ b) if a.dim() == 1 else (a @ b.t()).sum()", "a.sum() + b.sum() * 2",
                       "(a / b).sum()", "T.stack([a, b]).max(0).values", "a[0] * b[0]", "(a - b).pow(2).mean()"])
    lines += [f"out = {expr}", "walk(out.grad_fn)", "print(out.grad_fn.next_functions)" if rng.random() < 0.3 else "print(out)",
              "print([n is None for n, _ in out.grad_fn.next_functions])"]
    return lines


def printing(rng: random.Random) -> list[str]:
    lines = [_leaf(rng, "x")[0], "print(x)", f"y = {_f(rng, 'x')}", "print(y)", f"z = {_r(rng, 'y')}", "print(z)",
             "print(repr(z), z.grad_fn)", "z.backward()", "print(show(x.grad))", "print(x.detach())",
             "print(y.grad_fn.name())" if rng.random() < 0.5 else "print(z.grad_fn.metadata)"]
    return lines


def saved_values(rng: random.Random) -> list[str]:
    lines = [_leaf(rng, "x", (3,))[0], _leaf(rng, "w", (3,))[0]]
    op, attrs = rng.choice([("x * w", ["_saved_self", "_saved_other"]), ("x.exp()", ["_saved_result"]),
                            ("x.pow(3)", ["_saved_self", "_saved_exponent"]), ("x.sum(0)", ["_saved_self_sym_sizes", "_saved_dim"]),
                            ("x.sigmoid()", ["_saved_result"]), ("x.tanh()", ["_saved_result"]),
                            ("x / w", ["_saved_self", "_saved_other"]), ("x.clamp(-1, 1)", ["_saved_min", "_saved_max"]),
                            ("x.mean()", ["_saved_self_sym_numel"])])
    attr = rng.choice(attrs)
    lines += [f"y = {op}", f"s = y.grad_fn.{attr}", "print(s)"]
    if rng.random() < 0.5:
        lines += ["print(s is x, s is y, s._version if isinstance(s, T.Tensor) else None)"]
    lines += ["y.sum().backward()" if rng.random() < 0.7 else "y.sum().backward(retain_graph=True)",
              f"print(y.grad_fn.{attr})"]
    return lines


def saved_hooks(rng: random.Random) -> list[str]:
    lines = [_leaf(rng, "x", (3,))[0],
             "def pack(t):\n    print('pack', t.shape, t.requires_grad)\n    return t * 1",
             "def unpack(t):\n    print('unpack', t.shape)\n    return t" + rng.choice(["", " * 2"]),
             "with T.autograd.graph.saved_tensors_hooks(pack, unpack):",
             f"    y = {rng.choice(['x * x', 'x.exp()', 'x.sin()', 'x.pow(2)', 'Square.apply(x)', 'x * 3'])}",
             "y.sum().backward()", _grads("x")]
    return "\n".join(lines).split("\n")


def functional(rng: random.Random) -> list[str]:
    lines = [f"x = {_values(rng, (3,))}", f"v = {_values(rng, (3,))}",
             f"def f(t):\n    return {_f(rng, 't')}", f"def s(t):\n    return {_r(rng, _f(rng, 't'))}"]
    lines += rng.choice([
        "print(show(T.autograd.functional.jacobian(f, x)))",
        "print(show(T.autograd.functional.hessian(s, x)))",
        "o, g = T.autograd.functional.vjp(f, x, v)\nprint(show(o), show(g))",
        "o, g = T.autograd.functional.jvp(f, x, v)\nprint(show(o), show(g))",
        "o, g = T.autograd.functional.hvp(s, x, v)\nprint(show(o), show(g))",
        "o, g = T.autograd.functional.vhp(s, x, v)\nprint(show(o), show(g))",
        "j = T.autograd.functional.jacobian(f, x, create_graph=True)\nprint(j.requires_grad, name(j))",
        "j = T.autograd.functional.jacobian(lambda a, b: a * b, (x, v))\nprint(len(j), [show(t) for t in j])",
    ]).split("\n")
    return "\n".join(lines).split("\n")


def misuse(rng: random.Random) -> list[str]:
    lines = [_leaf(rng, "x", (2, 3))[0], f"y = {_f(rng, 'x')}"]
    lines += rng.choice([
        "y.backward(T.ones(3))", "y.backward(T.ones(2, 3, dtype=T.long))", "y.backward()",
        "y.sum().backward(T.tensor(2.))", "y.sum().backward(T.ones(1))",
        "x.grad = T.zeros(3)", "x.grad = T.zeros(2, 3, dtype=T.long)", "x.grad = T.ones(2, 3)\ny.sum().backward()",
        "x.add_(1)", "x[0] = 1", "y.register_hook(lambda g: g[0])\ny.sum().backward()",
        "y.register_hook(lambda g: g.double())\ny.sum().backward()",
        "T.autograd.grad(y.sum(), [x, x])", "T.autograd.grad(y.sum(), x.detach())",
        "T.autograd.grad(y.sum(), y, grad_outputs=T.ones(3))",
        "T.autograd.grad(y, x, grad_outputs=T.ones(2, 3), retain_graph=True)\nT.autograd.grad(y, x, T.ones(2, 3))\nT.autograd.grad(y, x, T.ones(2, 3))",
        "T.autograd.backward([y.sum(), (y * 2).sum()])", "T.autograd.backward(y, grad_tensors=T.ones(2, 3))",
        "T.autograd.backward([y], [T.ones(3)])",
        "z = T.ones(2, 3)\nT.autograd.grad((y * z).sum(), z)",
        "T.autograd.grad(y.sum(), [x, T.ones(2, requires_grad=True)])",
        "T.autograd.grad(y.sum(), [x, T.ones(2, requires_grad=True)], allow_unused=True, materialize_grads=True)",
        "with T.inference_mode():\n    z = x * 2\nprint(z.requires_grad, z.is_inference())\n(z * x).sum().backward()",
        "x.retain_grad()\ny.sum().backward()",
        "y.retain_grad()\ny.mul_(2)\ny.sum().backward()\nprint(show(y.grad))",
        "c = T.ones(3)\nc.register_hook(lambda g: g)", "x.grad_fn.register_hook(lambda gi, go: None)",
        "y.retain_grad()\nz = y[0]\nz.retain_grad()\ny.sum().backward()\nprint(show(y.grad), show(z.grad))",
        "v = y[0]\nv.register_hook(lambda g: print('v', show(g)))\ny.sum().backward()",
        "z = y.detach()\nz.register_hook(lambda g: g)",
        "y.backward(T.ones(2, 3), inputs=[y])\nprint(show(y.grad))",
        "T.autograd.grad(y.sum(), x, retain_graph=True, is_grads_batched=False, allow_unused=False)\nprint(x.grad)",
        "g = T.autograd.grad([y.sum(), y.mean()], x)\nprint(show(g[0]))",
        "g = T.autograd.grad([y.sum(), y.mean()], [x], grad_outputs=[None, T.tensor(2.)])\nprint(show(g[0]))",
        "g = T.autograd.grad(y.sum(), x, grad_outputs=T.ones(2))",
    ]).split("\n")
    lines.append(_grads("x"))
    return lines


def node_hooks(rng: random.Random) -> list[str]:
    shape = rng.choice([(3,), (2, 3)])
    lines = [_leaf(rng, "a", shape)[0], f"b = {_values(rng, shape)}" + rng.choice(["", ".requires_grad_()"])]
    expr = rng.choice(["a * b", "a + b", "a - 2 * b", "a / (b * b + 1)", "T.maximum(a, b)", "a * 3 + 1",
                       "a.lerp(b, 0.25)", "T.where(a > 0, a, b)", "a.addcmul(b, b)", "a.clamp(min=b)",
                       "T.atan2(a, b.abs() + 1)", "a ** b.abs()", "(a * b).sum(-1)", "a @ b.t() if a.dim() == 2 else a @ b"])
    lines += [f"y = {expr}", "n = y.grad_fn", "print(type(n).__name__, [type(f).__name__ for f, _ in n.next_functions])"]
    pool = ["n.register_hook(lambda gi, go: print('post', [show(g) for g in gi], [show(g) for g in go]))",
            "n.register_prehook(lambda go: print('pre', [show(g) for g in go]))",
            "n.register_hook(lambda gi, go: tuple(None if g is None else g * 0 for g in gi))",
            "n.register_hook(lambda gi, go: (gi[0],))", "n.register_prehook(lambda go: go[0])",
            "n.register_hook(lambda gi, go: tuple(g.sum() if g is not None else None for g in gi))",
            "b.register_hook(lambda g: print('b hook', show(g))) if b.requires_grad else None"]
    lines += rng.sample(pool[:3] + pool[-1:], rng.randint(1, 3)) if rng.random() < 0.7 else rng.sample(pool, 2)
    lines += [rng.choice(["y.sum().backward()", "print([show(g) for g in T.autograd.grad(y.sum(), [a])])",
                          "y.sum().backward(inputs=[a])", "T.autograd.backward(y, T.ones_like(y))"]),
              _grads("a", "b")]
    return lines


def view_chain(rng: random.Random) -> list[str]:
    lines = [_leaf(rng, "x", (2, 3))[0], f"base = {rng.choice(['x * 1', 'x.clone()', 'x.exp()', 'x + 0'])}"]
    view = rng.choice(["base[0]", "base[:, 1:]", "base.t()", "base.view(6)", "base[1:, ::2]", "base.narrow(1, 1, 1)",
                       "base.select(1, 2)", "base.unsqueeze(0)", "base.diagonal()", "base.reshape(3, 2)", "base.transpose(0, 1)[1]"])
    lines.append(f"v = {view}")
    pool = ["v.retain_grad()", "base.retain_grad()", "v.register_hook(lambda g: print('v hook', show(g)))",
            "base.register_hook(lambda g: print('base hook', show(g)))", "v.mul_(2)", "v.add_(1)", "base.mul_(3)",
            "v.zero_()", "v.exp_()", "with T.no_grad():\n    v.add_(10)", "v.copy_(T.ones_like(v))",
            "print('v', name(v), v._version, base._version, v._base is base, v.is_leaf)",
            "w = v * v", "x.register_hook(lambda g: print('x hook', show(g)))"]
    for step in rng.sample(pool, rng.randint(2, 5)):
        if "register_hook" in step:  # PyTorch 2.13 crashes hooking a view whose base changed
            lines.append("_ = v.grad_fn")  # in place since; reading grad_fn first avoids it
        lines += step.split("\n")
    lines += ["print(name(base), name(v), base._version)",
              rng.choice(["(base * base).sum().backward()", "v.sum().backward()", "(base.sum() + v.sum()).backward()",
                          "(w.sum() if 'w' in dir() else v.sum()).backward()"]),
              _grads("x", "base", "v")]
    return lines


def many_roots(rng: random.Random) -> list[str]:
    lines = [_leaf(rng, "a", (3,))[0], _leaf(rng, "b", (3,))[0], f"p = {_f(rng, 'a')} * b", f"q = {_f(rng, 'b')} + a"]
    lines += rng.choice([
        "T.autograd.backward([p.sum(), q.sum()])",
        "T.autograd.backward([p, q], [T.ones(3), T.tensor([1., 2., 3.])])",
        "T.autograd.backward((p, q.sum()), (None, T.tensor(2.)))",
        "T.autograd.backward([p, q], [T.ones(3)])",
        "gs = T.autograd.grad([p.sum(), q.sum()], [a, b])\nprint([show(g) for g in gs])",
        "gs = T.autograd.grad([p, q], [b], [T.ones(3), None])\nprint([show(g) for g in gs])",
        "gs = T.autograd.grad([p.sum(), q.sum()], [a, b], create_graph=True)\nprint([name(g) for g in gs])\nsum(g.sum() for g in gs).backward()",
        "gs = T.autograd.grad(p.sum(), [a, b, q], allow_unused=True)\nprint([show(g) for g in gs])",
        "gs = T.autograd.grad(p.sum(), [q], allow_unused=True, materialize_grads=True)\nprint([show(g) for g in gs])",
        "gs = T.autograd.grad(p.sum(), [p, a])\nprint([show(g) for g in gs])",
        "p.sum().backward(retain_graph=True)\n(p * q).sum().backward(inputs=[b])",
        "T.autograd.backward(p.sum(), inputs=[a, b])\nT.autograd.backward(q.sum(), inputs=[b])",
    ]).split("\n")
    lines.append(_grads("a", "b"))
    return lines


def custom_double(rng: random.Random) -> list[str]:
    body = rng.choice(["x.exp()", "x.sin()", "x * x * x", "x.tanh()"])
    deriv = {"x.exp()": "x.exp()", "x.sin()": "x.cos()", "x * x * x": "3 * x * x", "x.tanh()": "1 - x.tanh() ** 2"}[body]
    lines = ["class G(T.autograd.Function):", "    @staticmethod", "    def forward(ctx, x):",
             "        ctx.save_for_backward(x)", f"        return {body}", "    @staticmethod", "    def backward(ctx, g):",
             "        x, = ctx.saved_tensors", "        print('G.backward', T.is_grad_enabled(), g.requires_grad)",
             f"        return g * ({deriv})", _leaf(rng, "x", rng.choice([(3,), ()]))[0], "y = G.apply(x)"]
    lines += rng.choice([
        ["g, = T.autograd.grad(y.sum(), x, create_graph=True)", "print(show(g), name(g))",
         "h, = T.autograd.grad(g.sum(), x)", "print(show(h))"],
        ["y.sum().backward(create_graph=True)", "print(show(x.grad), name(x.grad))", "gx = x.grad", "x.grad = None",
         "gx.sum().backward()", _grads("x")],
        ["g, = T.autograd.grad(y.sum(), x)", "print(show(g), g.requires_grad)"],
    ])
    return lines


def no_gradient(rng: random.Random) -> list[str]:
    lines = [_leaf(rng, "x", (2, 3))[0]]
    lines += rng.choice([
        "y = Square.apply(x)", "y = x.exp()", "y = x * 2", "a, b = x.unbind(0)\ny = a * 1", "y = MulAdd.apply(x, x, 1.)",
        "p, q = x.split([1, 1], 0)\ny = p.sin()", "y = ArgMax.apply(x)[0]",
    ]).split("\n")
    pool = ["y.register_hook(lambda g: print('y hook', show(g)))", "y.retain_grad()",
            "y.grad_fn.register_prehook(lambda go: print('pre', [show(g) for g in go]))",
            "y.grad_fn.register_hook(lambda gi, go: print('post', [show(g) for g in gi]))",
            "x.register_hook(lambda g: print('x hook', show(g)))",
            "x.register_post_accumulate_grad_hook(lambda p: print('post acc', show(p.grad)))",
            "b.register_hook(lambda g: print('b hook', show(g))) if 'b' in dir() else None",
            "q.register_hook(lambda g: print('q hook', show(g))) if 'q' in dir() else None"]
    lines += rng.sample(pool, rng.randint(1, 4))
    lines += [rng.choice(["out = Drop.apply(y).sum()", "out = y.sum() * 0", "out = (Drop.apply(y) + y).sum()",
                          "out = Drop.apply(y * 3).sum()"]),
              rng.choice(["out.backward()", "print([show(g) for g in T.autograd.grad(out, [x], allow_unused=True)])"]),
              _grads("x", "y")]
    return lines


EPISODES = [no_gradient, no_gradient, many_roots, custom_double, view_chain, view_chain, node_hooks, node_hooks, saved_values, saved_hooks, functional, misuse, retain_grad, backward_twice, backward_inputs, higher_order, accumulate, hooks,
            grad_modes, detaching, toggles, inplace_saved, custom, multi_out, broadcasting,
            mixed_dtypes, walks, printing]


def program(seed: int) -> str:
    """The program for ``seed``: a few episodes, each in its own ``try``; the same text every time."""
    rng = random.Random(seed)
    lines = [PRELUDE]
    for _ in range(rng.randint(3, 5)):
        episode = rng.choice(EPISODES)
        lines += [f"print('--- {episode.__name__}')", "try:"]
        lines += ["    " + line for line in episode(rng)]
        lines += ["except Exception as e:", "    print('EXC', type(e).__name__, e)"]
    return "\n".join(lines)
