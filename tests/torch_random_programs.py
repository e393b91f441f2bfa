"""Random autograd programs for tests/test_torch_random_programs.py.

A program makes three leaves, then a random mix of operations, views, in-place changes (on
views too), hooks and retain_grad, then runs backward in one of three ways (once; twice with
retain_graph; autograd.grad with create_graph followed by a second backward), printing the
values and gradients. It is Python text, run with ``T`` bound to PyTorch or to the kit.
"""

# ruff: noqa: E501

from __future__ import annotations

import random

import numpy as np

UNARY = [
    "{x}.exp()", "{x}.sin()", "{x}.tanh()", "{x}.sigmoid()", "{x}.relu()", "{x}.abs()", "-{x}",
    "{x} * 2", "{x} + 1", "{x} ** 2", "{x} / 3", "{x}.clamp(-0.5, 0.5)", "{x}.clone()",
    "{x}.square()", "({x}.abs() + 1).log()", "{x}.cos()", "{x}.detach()", "{x}.softmax(-1)",
    "{x}.cumsum(-1)", "{x}.flip(-1)", "{x}.roll(1, -1)", "{x}.contiguous()",
    "{x}.sum(0, keepdim=True).expand_as({x})", "{x}.mean(-1, keepdim=True) * {x}",
    "{x}.max(-1, keepdim=True).values + {x}", "T.cat([{x}, {x}], 0)[:{x}.shape[0]]",
    "({x} @ {x}.transpose(-1, -2) @ {x}) if {x}.dim() >= 2 else {x} * {x}.sum()",
    "T.stack([{x}, {x}]).sum(0)", "{x}.norm() * {x}", "{x}.logsumexp(-1, keepdim=True) - {x}",
    "{x}.std() + {x}", "{x}.prod(-1, keepdim=True) + {x}", "{x}.cumprod(-1)", "{x}.sort(-1).values",
    "{x}.gather(-1, T.zeros_like({x}, dtype=T.long))", "T.where({x} > 0, {x}.sqrt(), {x})",
    "{x}.masked_fill({x} < 0, 0.)", "{x}.log_softmax(-1)", "{x}.amax(-1, keepdim=True) * {x}",
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
    "{x}[0] = {y}[0]", "{x}.masked_fill_({x} > 0.5, 0.)", "{x}.detach_()", "{x}.requires_grad_(False)",
    "{x}.index_add_(0, T.tensor([0]), {y}[:1])", "{x}.scatter_(-1, T.zeros_like({x}, dtype=T.long), 1.0)",
    "{x}[..., 0] = 2", "{x}.fill_(3)", "{x}.clamp_(min={y})", "{x}.copy_({y}.detach())",
    "{x}.t_() if {x}.dim() == 2 else {x}.unsqueeze_(0)", "{x}.squeeze_()",
    "{x}.add_({y})", "{x}.mul_({y})", "{x}.copy_({y})", "{x} += {y}", "{x} *= {y}",
    "{x}.sub_({y}, alpha=2)", "{x}.addcmul_({y}, {y}, value=0.5)", "{x}.lerp_({y}, 0.5)",
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
            ("{x}.flatten()", (r * c,)), ("{x}.unbind(0)[1]", (c,)), ("{x}.split(1, 0)[0]", (1, c)),
            ("{x}.chunk(2, 1)[0]", (r, (c + 1) // 2)), ("{x}.permute(1, 0)", (c, r)),
            ("{x}.view_as({x})", (r, c)), ("{x}.squeeze()", tuple(d for d in shape if d != 1)),
            ("{x}[[0, 1]]", (2, c)), ("{x}.detach()", (r, c)), ("{x}.data", (r, c)),
        ]
    elif len(shape) == 1:
        n = shape[0]
        found = [("{x}[1:]", (n - 1,)), ("{x}[0]", ()), ("{x}.unsqueeze(1)", (n, 1)),
                 (f"{{x}}.view(1, {n})", (1, n)), ("{x}[::2]", ((n + 1) // 2,)),
                 (f"{{x}}.expand(2, {n})", (2, n)), ("{x}[-1:]", (1,))]
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
    lines = ["def show(t):", "    return [round(v, 3) for v in t.detach().reshape(-1).tolist()]"]
    shapes: dict[str, tuple[int, ...]] = {}
    for name, shape in (("a", (2, 3)), ("b", (2, 3)), ("c", (3,))):
        grad = ".requires_grad_()" if rng.random() < 0.75 else ""
        lines.append(f"{name} = {_values(rng, shape)}{grad}")
        shapes[name] = shape
    leaves, retained = list(shapes), []
    for _ in range(rng.randint(3, 9)):
        x = rng.choice(list(shapes))
        kind = rng.random()
        if kind < 0.3:
            code, shape = rng.choice(UNARY).format(x=x), shapes[x]
        elif kind < 0.5:
            y = rng.choice([n for n in shapes if _fits(shapes[x], shapes[n])])
            code, shape = rng.choice(BINARY).format(x=x, y=y), shapes[x]
        elif kind < 0.7:
            views = _views(shapes[x])
            if not views:
                continue
            code, shape = rng.choice(views)
            code = code.format(x=x)
        elif kind < 0.85:
            lines.append(rng.choice(INPLACE).format(x=x))
            continue
        elif kind < 0.93:
            y = rng.choice([n for n in shapes if _fits(shapes[x], shapes[n])])
            lines.append(rng.choice(INPLACE_WITH).format(x=x, y=y))
            continue
        else:
            if x in leaves:
                lines.append(f"{x}.register_hook(lambda g: print('hook {x}', show(g)))")
            else:
                lines.append(f"{x}.retain_grad()")
                retained.append(x)
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
            "gs = T.autograd.grad(loss, leaves, create_graph=True, allow_unused=True)",
            "print('g', [None if g is None else show(g) for g in gs])",
            "s2 = sum((g ** 2).sum() for g in gs if g is not None and g.requires_grad)",
            "print('s2', type(s2).__name__, show(s2) if isinstance(s2, T.Tensor) else s2)",
            "if isinstance(s2, T.Tensor): s2.backward()",
        ]
    elif ending < 0.3:
        lines += ["loss.backward(retain_graph=True)", "loss.backward()"]
    else:
        lines.append("loss.backward()")
    for name in leaves + retained:
        lines.append(f"print('{name}', None if {name}.grad is None else show({name}.grad), "
                     f"{name}._version)")
    return "\n".join(lines)
