"""Random autograd programs for tests/test_torch_random_programs.py.

A program makes three leaves, then a random mix of operations, views, in-place changes (on
views too), hooks (printing or changing the gradient) and retain_grad, no_grad blocks,
``.data`` writes, detach_/requires_grad_ toggles and custom autograd.Function steps, then runs
backward in one of four ways (once; twice with retain_graph; autograd.grad with create_graph
followed by a second backward; autograd.grad with grad_outputs), printing the values and
gradients. It is Python text, run with ``T`` bound to PyTorch or to the kit.

Left out on purpose, being known differences (tests/test_torch_parity_concepts.py): ``unfold``
(missing); ``einsum`` (PyTorch records the decomposed ops, so grad_fn names and the tensors
named in version errors differ); writing through expanded tensors; outputs of
unbind/split/chunk used after their base changed in place; custom Functions that
``mark_dirty`` a view; detach_() on saved tensors; index_select and cumsum of transposed
tensors, which the kit returns non-contiguous (view() then fails); masked_select's input and
index_add_'s source changed in place after use (PyTorch saves them, the kit does not).
"""

# ruff: noqa: E501

from __future__ import annotations

import random

import numpy as np

UNARY = [
    "{x}.exp()", "{x}.sin()", "{x}.tanh()", "{x}.sigmoid()", "{x}.relu()", "{x}.abs()", "-{x}",
    "{x} * 2", "{x} + 1", "{x} ** 2", "{x} / 3", "{x}.clamp(-0.5, 0.5)", "{x}.clone()",
    "{x}.square()", "({x}.abs() + 1).log()", "{x}.cos()", "{x}.detach()", "{x}.softmax(-1)",
    "{x}.cumsum(-1)", "{x}.flip(-1)", "({x}.roll(1, -1) if {x}.dim() else {x} * 1)",  # 0-dim roll: NumPy's error
    "{x}.contiguous()",
    "{x}.sum(0, keepdim=True).expand_as({x}) * 1", "{x}.mean(-1, keepdim=True) * {x}",
    "{x}.max(-1, keepdim=True).values + {x}", "T.cat([{x}, {x}], 0)[:{x}.shape[0]]",
    "({x} @ {x}.transpose(-1, -2) @ {x}) if {x}.dim() >= 2 else {x} * {x}.sum()",
    "T.stack([{x}, {x}]).sum(0)", "{x}.norm() * {x}", "{x}.logsumexp(-1, keepdim=True) - {x}",
    "{x}.std() + {x}", "{x}.prod(-1, keepdim=True) + {x}", "{x}.cumprod(-1)", "{x}.sort(-1).values",
    "{x}.gather(-1, T.zeros_like({x}, dtype=T.long))", "T.where({x} > 0, {x}.sqrt(), {x})",
    "{x}.masked_fill({x} < 0, 0.)", "{x}.log_softmax(-1)", "{x}.amax(-1, keepdim=True) * {x}",
    # added with the concept scenarios: more reductions with dims, selections, matmul of views
    "{x}.repeat(2, *[1] * ({x}.dim() - 1))[{x}.shape[0]:]",
    "{x} + {x}[{x} > 0].sum()",
    "T.cat([{x}.narrow(-1, 1, {x}.shape[-1] - 1), {x}.narrow(-1, 0, 1)], -1)",
    "({x}.tril() if {x}.dim() == 2 else {x} * 1)",
    "({x}.triu(1) + {x}.t().triu().t() if {x}.dim() == 2 and {x}.shape[0] == {x}.shape[1] else {x}.abs())",
    "(({x}.unsqueeze(0) @ {x}.unsqueeze(0).transpose(-1, -2)).squeeze(0) @ {x}) if {x}.dim() == 2 else {x} * ({x} @ {x})",
    "{x}.norm(p=1) * {x}", "{x}.norm(3, -1, keepdim=True) + {x}", "{x}.min(-1, keepdim=True)[0] * {x}",
    "{x}.max(0).values * {x}", "{x}.topk(1, -1).values + {x}", "{x}.topk({x}.shape[-1], -1, largest=False).values",
    "{x}.var(-1, keepdim=True) + {x}", "{x}.mean(0) * {x}", "{x}.var(0, unbiased=False) + {x}",
    "{x}.min() - {x}",
    "Sq.apply({x})", "Scale.apply({x}, 3.)", "Once.apply({x})", "Twice.apply({x})[1]",
]
BINARY = [
    "{x} + {y}", "{x} * {y}", "{x} - {y}", "{x} / ({y}.abs() + 1)", "T.maximum({x}, {y})",
    "T.where({x} > 0, {x}, {y})", "T.minimum({x}, {y})", "{x}.lerp({y}, 0.3)",
    "T.atan2({x}, {y}.abs() + 1)",
]
INPLACE = [
    "{x}.add_(1)", "{x}.mul_(2)", "{x}.sigmoid_()", "{x}.exp_()", "{x}.zero_()", "{x}.clamp_(-1, 1)",
    "{x}.tanh_()", "{x}.neg_()", "{x}.relu_()", "{x}.sub_(0.5)", "{x}.div_(2)", "{x}.pow_(2)",
]
INPLACE_WITH = [
    "{x}[0] = {y}[0]", "{x}.masked_fill_({x} > 0.5, 0.)", "{x}.requires_grad_(False)",
    "{x}.index_add_(0, T.tensor([0]), {y}[:1].expand_as({x}[:1]) * 1)",  # the kit broadcasts a short source and does not save it "{x}.scatter_(-1, T.zeros_like({x}, dtype=T.long), 1.0)",
    "{x}[..., 0] = 2", "{x}.fill_(3)", "{x}.clamp_(min={y})", "{x}.copy_({y}.detach())",
    # no t_/squeeze_/unsqueeze_: after them PyTorch gives the tensor's views AsStridedBackward0,
    # the kit keeps their nodes (tests/test_torch_parity_concepts.py)
    "{x}.add_({y})", "{x}.mul_({y})", "{x}.copy_({y})", "{x} += {y}", "{x} *= {y}",
    "{x}.sub_({y}, alpha=2)", "{x}.addcmul_({y}, {y}, value=0.5)", "{x}.lerp_({y}, 0.5)",
]
# One-line steps outside the graph or around it: no_grad blocks, .data writes, requires_grad
# toggles, hooks that change the gradient, in-place custom Functions (on results of operations,
# not on views: mark_dirty on a view is a known difference). No detach_() (the kit lets backward
# use a saved tensor detached in place, PyTorch refuses), no expand views written through (the
# kit refuses fill_/zero_ on them and writes through their selections as overlapping).
EXTRA = [
    "with T.no_grad():\n    {x}.mul_(0.5)", "with T.no_grad():\n    {x}[0] = 1.5",
    "{x}.data.mul_(2)", "{x}.data[0] = 0.25", "{x}.data = {x}.data * -1",
    "{x}.requires_grad_()", "{x} = {x}.detach()", "{x}.requires_grad_(False)",
    "{x}.register_hook(lambda g: g * 2)", "{x}.register_hook(lambda g: g.clamp(-1, 1))",
    "{x}.register_hook(lambda g: None)", "{x}.register_hook(lambda g: g.add_(1))",
    # every gradient scaled: nodes of sort/max/topk get one gradient in PyTorch, two in the kit
    "{x}.grad_fn.register_prehook(lambda go: tuple(None if g is None else g * 3 for g in go)) if {x}.grad_fn is not None else None",
    "Inc_.apply({x})",
]
NO_GRAD_RESULTS = ["{x} * 2", "{x}.exp()", "{x}.sum(0, keepdim=True) + {x}"]
PRELUDE = [
    "class Sq(T.autograd.Function):",
    "    @staticmethod\n    def forward(ctx, x):\n        ctx.save_for_backward(x)\n        return x * x",
    "    @staticmethod\n    def backward(ctx, g):\n        x, = ctx.saved_tensors\n        return 2 * x * g",
    "class Scale(T.autograd.Function):",
    "    @staticmethod\n    def forward(ctx, x, k):\n        ctx.k = k\n        return x * k",
    "    @staticmethod\n    def backward(ctx, g):\n        return g * ctx.k, None",
    "class Once(T.autograd.Function):",
    "    @staticmethod\n    def forward(ctx, x):\n        ctx.save_for_backward(x)\n        return x.sin()",
    "    @staticmethod\n    @T.autograd.function.once_differentiable\n    def backward(ctx, g):\n        x, = ctx.saved_tensors\n        return g * x.cos()",
    "class Twice(T.autograd.Function):",
    "    @staticmethod\n    def forward(ctx, x):\n        i = (x > 0).long()\n        ctx.mark_non_differentiable(i)\n        return i, x * 2",
    "    @staticmethod\n    def backward(ctx, gi, g):\n        return g * 2",
    "class Inc_(T.autograd.Function):",
    "    @staticmethod\n    def forward(ctx, x):\n        ctx.mark_dirty(x)\n        return x.add_(1)",
    "    @staticmethod\n    def backward(ctx, g):\n        return g",
]


def _views(shape: tuple[int, ...]) -> list[tuple[str, tuple[int, ...]]]:
    """Views (and a few view-like reads) of a tensor of this shape, with their shapes."""
    if len(shape) == 2:
        r, c = shape
        found = [
            ("{x}[0]", (c,)), ("{x}[:, 1:]", (r, c - 1)), ("{x}.t()", (c, r)),
            ("{x}.transpose(0, 1)", (c, r)), (f"{{x}}.view({r * c})", (r * c,)),
            (f"{{x}}.reshape({c}, {r})", (c, r)), ("{x}.unsqueeze(0)", (1, r, c)), ("{x}[1]", (c,)),
            ("{x}.select(1, 0)", (r,)), ("{x}.narrow(1, 0, 2)", (r, 2)),
            ("{x}.diagonal()", (min(r, c),)), ("{x}[:, ::2]", (r, (c + 1) // 2)),
            ("{x}.flatten()", (r * c,)), ("{x}.permute(1, 0)", (c, r)),
            # no unbind/split/chunk: using their outputs after the base changed in place is an
            # error in PyTorch that the kit does not raise (tests/test_torch_parity_concepts.py)
            ("{x}.view_as({x})", (r, c)), ("{x}.squeeze()", tuple(d for d in shape if d != 1)),
            ("{x}[[0, 1]]", (2, c)), ("{x}.detach()", (r, c)), ("{x}.data", (r, c)),
        ]
    elif len(shape) == 1:
        n = shape[0]
        found = [("{x}[1:]", (n - 1,)), ("{x}[0]", ()), ("{x}.unsqueeze(1)", (n, 1)),
                 (f"{{x}}.view(1, {n})", (1, n)), ("{x}[::2]", ((n + 1) // 2,)),
                 ("{x}[-1:]", (1,))]
    elif len(shape) == 3:
        found = [("{x}[0]", shape[1:]),
                 ("{x}.squeeze(0)" if shape[0] == 1 else "{x}[1]", shape[1:])]
    else:
        found = []
    return [(v, s) for v, s in found if all(d > 0 for d in s)]


def _fits(shape: tuple[int, ...], other: tuple[int, ...]) -> bool:
    """Whether ``other`` broadcasts onto ``shape`` (as the in-place ops here need)."""
    return other == shape or (len(other) <= len(shape) and shape[-1:] == other[-1:])


def _values(rng: random.Random, shape: tuple[int, ...]) -> str:
    values = [round(rng.uniform(-2, 2), 2) for _ in range(int(np.prod(shape)))]
    return f"T.tensor({np.array(values).reshape(shape).tolist()})"


def program(seed: int) -> str:
    """The program for ``seed``: the same text every time."""
    rng = random.Random(seed)
    # ``+ 0``: PyTorch's .grad can be a "zero tensor" (abs's double backward) that has no tolist()
    lines = ["def show(t):", "    return [round(v, 3) for v in (t.detach() + 0).reshape(-1).tolist()]"]
    lines += PRELUDE
    shapes: dict[str, tuple[int, ...]] = {}
    for name, shape in (("a", (2, 3)), ("b", (2, 3)), ("c", (3,))):
        grad = ".requires_grad_()" if rng.random() < 0.75 else ""
        lines.append(f"{name} = {_values(rng, shape)}{grad}")
        shapes[name] = shape
    leaves, retained, views = list(shapes), [], set()
    for _ in range(rng.randint(3, 9)):
        x = rng.choice(list(shapes))
        kind = rng.random()
        if kind < 0.26:
            code, shape = rng.choice(UNARY).format(x=x), shapes[x]
            if "[" in code or "contiguous" in code:  # may be a view: no Inc_ on it
                views.add(f"v{len(shapes) - 3}")
        elif kind < 0.42:
            y = rng.choice([n for n in shapes if _fits(shapes[x], shapes[n])])
            code, shape = rng.choice(BINARY).format(x=x, y=y), shapes[x]
        elif kind < 0.58:
            found = _views(shapes[x])
            if not found:
                continue
            code, shape = rng.choice(found)
            code = code.format(x=x)
            views.add(f"v{len(shapes) - 3}")
        elif kind < 0.79:
            if kind < 0.72:
                step = rng.choice(INPLACE).format(x=x)
            else:
                y = rng.choice([n for n in shapes if _fits(shapes[x], shapes[n])])
                step = rng.choice(INPLACE_WITH).format(x=x, y=y)
                if shapes[x] == () and f"{x}[" in step:
                    continue  # the kit's error text for indexing a 0-dim tensor differs
                if "addcmul_" in step and shapes[y] != shapes[x] and len(shapes[y]) == len(shapes[x]):
                    continue  # the kit's addcmul lets NumPy's broadcasting error through
            if x in leaves and rng.random() < 0.5:  # a weight update, as a learner writes it
                step = "with T.no_grad():\n    " + step
            lines.append(step)
            continue
        elif kind < 0.84:
            if x in leaves:
                lines.append(f"{x}.register_hook(lambda g: print('hook {x}', show(g)))")
            else:
                lines.append(f"{x}.retain_grad()")
                retained.append(x)
            continue
        elif kind < 0.96:
            step = rng.choice(EXTRA + ["Inc_.apply({x})"] * 5 if x not in leaves else EXTRA)
            if (step.startswith("Inc_") and (x in views or x in leaves)) or (".data" in step and x not in leaves):
                continue  # .data writes on leaves only: the kit's cumprod reads its changed result
            if "register_hook" in step:  # PyTorch 2.13 crashes hooking a view whose base changed
                lines.append(f"_ = {x}.grad_fn")  # in place since; reading grad_fn first avoids it
            lines.append(step.format(x=x))
            continue
        else:
            new = f"v{len(shapes) - 3}"
            lines.append(f"with T.no_grad():\n    {new} = {rng.choice(NO_GRAD_RESULTS).format(x=x)}")
            shapes[new] = shapes[x]
            continue
        new = f"v{len(shapes) - 3}"
        lines.append(f"{new} = {code}")
        shapes[new] = shape
    last = list(shapes)[-1]
    lines += [
        f"print('out', show({last}), {last}.requires_grad, type({last}.grad_fn).__name__)",
        f"loss = ({last} * T.arange(1., {last}.numel() + 1).reshape({last}.shape)).sum()",
    ]
    ending = rng.random()
    if ending < 0.15:
        lines += [
            "leaves = [t for t in (a, b, c) if t.requires_grad]",
            # autograd.grad(out, []) with an out that needs no grad: the kit names the wrong problem
            "gs = T.autograd.grad(loss, leaves, create_graph=True, allow_unused=True) if leaves else ()",
            "print('g', [None if g is None else show(g) for g in gs])",
            "s2 = sum((g ** 2).sum() for g in gs if g is not None and g.requires_grad)",
            "print('s2', type(s2).__name__, show(s2) if isinstance(s2, T.Tensor) else s2)",
            "if isinstance(s2, T.Tensor): s2.backward()",
        ]
    elif ending < 0.3:
        lines += ["loss.backward(retain_graph=True)", "loss.backward()"]
    elif ending < 0.45:
        lines += [
            "leaves = [t for t in (a, b, c) if t.requires_grad]",
            f"w = T.linspace(-1., 1., {last}.numel()).reshape({last}.shape)",
            f"gs = T.autograd.grad({last}, leaves, grad_outputs=w, allow_unused=True) if leaves else ()",
            "print('g', [None if g is None else show(g) for g in gs])",
        ]
    else:
        lines.append("loss.backward()")
    for name in leaves + retained:
        lines.append(f"print('{name}', None if {name}.grad is None else show({name}.grad), "
                     f"{name}._version)")
    return "\n".join(lines)
