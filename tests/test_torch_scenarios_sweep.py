"""A programmatic sweep compared with PyTorch's printed output (skipped without PyTorch).

Same comparison as tests/test_torch_scenarios.py, but the snippets are generated: every
elementwise function and binary operation over several shapes, dtypes and broadcast
patterns (value, ``grad_fn``, ``next_functions``, gradient, and the second derivative with
``create_graph``), dtype promotion, flat derivatives, in-place operators and error paths.
The hand-written lists below hold what a generator does not reach.
"""

# ruff: noqa: E501

from __future__ import annotations

import pytest

from tests.test_torch_scenarios import assert_same_as_pytorch

torch = pytest.importorskip("torch")

UNARY = ("abs acos asin atan ceil cos cosh erf exp exp2 expm1 floor log log10 log1p log2 neg "
         "reciprocal relu round rsqrt sigmoid sign sin sinh sqrt square tan tanh trunc").split()
UNARY_DATA = (
    "T.tensor(0.4{dt})",
    "T.tensor([0.2, 0.5, 0.7]{dt})",
    "T.tensor([[0.1, 0.3, 0.6], [0.25, 0.45, 0.9]]{dt})",
)
# PyTorch refuses these on bool tensors (NotImplementedError); the kit computes them
BOOL_REFUSED = {"abs", "ceil", "floor", "relu", "round", "trunc"}


def unary_snippets() -> list[str]:
    """Each elementwise function: 0-d, 1-d and 2-d inputs in float32 and float64, first and
    second derivatives, integer/bool/empty inputs, and backward from a non-scalar."""
    out = []
    for op in UNARY:
        for data in UNARY_DATA:
            for dt in ("", ", dtype=T.float64"):
                x = data.format(dt=dt)
                out.append(f"x = {x}.requires_grad_(); y = T.{op}(x); print(y, y.grad_fn, y.grad_fn.next_functions); y.sum().backward(); print(x.grad)")
                out.append(f"x = {x}.requires_grad_(); y = x.{op}(); g, = T.autograd.grad(y.sum(), x, create_graph=True); print(g, g.requires_grad); g2, = T.autograd.grad(g.sum(), x, allow_unused=True); print(g2)")
        out.append(f"print(T.{op}(T.tensor([1, 2, 3])))")
        if op not in BOOL_REFUSED:
            out.append(f"print(T.{op}(T.tensor([True, False])))")
        out.append(f"print(T.{op}(T.zeros(0)), T.{op}(T.zeros(2, 0)).shape)")
        out.append(f"x = T.tensor([-1., 0., 2.], requires_grad=True); y = x.{op}(); print(y); y.sum().backward(); print(x.grad)")
        out.append(f"x = T.tensor([1., 2.], requires_grad=True); y = x.{op}(); y.backward()")
    return out


BINARY = ("add", "sub", "mul", "div", "pow", "maximum", "minimum", "remainder", "floor_divide", "rsub")
DIFFERENTIABLE = ("add", "sub", "mul", "div", "pow", "maximum", "minimum", "remainder", "rsub")
PAIRS = (
    ("T.tensor([[1., 2., 3.], [4., 5., 6.]])", "T.tensor([0.5, 1.5, 2.5])"),
    ("T.tensor([[1.], [2.]])", "T.tensor([[0.5, 1.5, 2.5]])"),
    ("T.tensor(2.)", "T.tensor([0.5, 1.5])"),
    ("T.tensor([1.5])", "T.tensor(2.5)"),
    ("T.tensor([1., 2.], dtype=T.float64)", "T.tensor([0.5, 3.])"),
    ("T.tensor([1., 2.])", "T.tensor(3., dtype=T.float64)"),
)
OPERATORS = {"add": "+", "sub": "-", "mul": "*", "div": "/", "pow": "**", "remainder": "%",
             "floor_divide": "//"}


def binary_snippets() -> list[str]:
    """Each binary operation: broadcasting (gradients summed back: SumBackward1, ViewBackward0,
    …), 0-d against 1-d, float32 against float64, numbers, integers, bools, empty tensors."""
    out = []
    for op in BINARY:
        if op in DIFFERENTIABLE:
            for a, b in PAIRS:
                out.append(f"a = {a}.requires_grad_(); b = {b}.requires_grad_(); y = T.{op}(a, b); print(y, y.grad_fn, y.grad_fn.next_functions); y.sum().backward(); print(a.grad, b.grad)")
                out.append(f"a = {a}.requires_grad_(); b = {b}.requires_grad_(); y = T.{op}(a, b); ga, gb = T.autograd.grad(y.sum(), [a, b], create_graph=True); print(ga, gb); h = T.autograd.grad((ga.sum() + gb.sum()), [a, b], allow_unused=True); print(h)")
        out.append(f"a = T.tensor([1., 2.], requires_grad=True); y = T.{op}(a, 2); print(y, y.grad_fn); y.sum().backward(); print(a.grad)")
        out.append(f"a = T.tensor([1., 2.], requires_grad=True); y = T.{op}(a, 2.5); g, = T.autograd.grad(y.sum(), a, create_graph=True); print(g); print(T.autograd.grad(g.sum(), a, allow_unused=True))")
        out.append(f"print(T.{op}(T.tensor([5, 7]), T.tensor([2, 3])), T.{op}(T.tensor([5, 7]), 2), T.{op}(T.tensor([5, 7]), 2.))")
        out.append(f"print(T.{op}(T.tensor([5, 7], dtype=T.int32), T.tensor([2., 3.])), T.{op}(T.tensor([5., 7.], dtype=T.float64), T.tensor([2., 3.])))")
        if op not in ("pow", "remainder", "floor_divide"):  # PyTorch: not implemented for Bool
            out.append(f"print(T.{op}(T.tensor([True, False]), T.tensor([True, True])))")
        out.append(f"print(T.{op}(T.tensor([True, False]), 2), T.{op}(T.tensor([True, False]), 1.5))")
        out.append(f"print(T.{op}(T.ones(2, 3), T.ones(3, 2)))")
        out.append(f"print(T.{op}(T.zeros(0), T.ones(1)), T.{op}(T.zeros(2, 0), T.ones(2, 1)).shape)")
        if op != "pow":  # integer to a negative integer power: PyTorch gives 0, NumPy refuses
            out.append(f"print(T.{op}(T.tensor([-5, 7]), T.tensor([2, -3])), T.{op}(T.tensor([-5., 7.]), T.tensor([2., -3.])))")
        out.append(f"print(T.{op}(T.tensor([1, 2]), T.tensor([0, 0])))")
        out.append(f"print(T.{op}(T.tensor([1., 2., 0.]), T.tensor([0., 0., 0.])))")
        out.append(f"print(T.{op}(T.tensor([1, 2], dtype=T.uint8), T.tensor([3, 1], dtype=T.int8)))")
        out.append(f"print(T.{op}(T.tensor([1., 2.], dtype=T.float16), T.tensor([3., 1.])))")
        out.append(f"print(T.{op}(T.tensor(3), T.tensor([1., 2.], dtype=T.float64)).dtype, T.{op}(T.tensor(3.), T.tensor([1, 2])).dtype, T.{op}(T.tensor(3., dtype=T.float64), T.tensor([1., 2.])).dtype)")
    for op, sign in OPERATORS.items():
        if op != "remainder":  # number % tensor: PyTorch records no derivative (NotImplemented)
            out.append(f"a = T.tensor([1., 2.], requires_grad=True); y = 3 {sign} a; print(y, y.grad_fn); y.sum().backward(); print(a.grad)")
        out.append(f"a = T.tensor([1., 2.], requires_grad=True); y = a {sign} 3; print(y, y.grad_fn); y.sum().backward(); print(a.grad)")
        out.append(f"a = T.tensor([3, 4]); print(a {sign} 2, 2 {sign} a, a {sign} 2.5, 2.5 {sign} a, a {sign} True)")
        out.append(f"a = T.tensor([3, 4]); a {sign}= 2; print(a)")
        out.append(f"a = T.tensor([3, 4]); a {sign}= 2.5; print(a)")
        out.append(f"a = T.tensor([3., 4.]); a {sign}= T.tensor([2., 2.], dtype=T.float64); print(a)")
        out.append(f"a = T.tensor([3., 4.], dtype=T.float64); a {sign}= T.tensor([2., 2.]); print(a)")
        out.append(f"a = T.tensor([3., 4.]); a {sign}= T.ones(2, 2); print(a)")
        out.append(f"x = T.tensor([1., 2.], requires_grad=True); a = x * 1; a {sign}= T.tensor([2., 3.]); print(a, a.grad_fn); a.sum().backward(); print(x.grad)")
    return out


FLAT = ("x.floor()", "x.ceil()", "x.round()", "x.trunc()", "x.round(decimals=1)", "x.sign()",
        "x ** 0", 'T.div(x, 2., rounding_mode="floor")', 'T.div(x, 2., rounding_mode="trunc")',
        "(x * 1).zero_()", "(x * 1).fill_(2.)", "(x * 1).copy_(T.ones(2))")


def flat_snippets() -> list[str]:
    """Functions with a zero derivative: PyTorch sends zeros (never -0., no graph)."""
    out = []
    for expr in FLAT:
        out.append(f"x = T.tensor([1.3, 2.6], requires_grad=True); y = {expr}; (-y).sum().backward(); print(x.grad)")
        out.append(f"x = T.tensor([1.3, 2.6], requires_grad=True); y = {expr}; g, = T.autograd.grad((-y).sum(), x, create_graph=True); print(g, g.grad_fn)")
    return out


DTYPES = [
    'a = T.tensor([1., 2.], requires_grad=True); y = a * 2; z = (y * T.tensor([3., 4.], dtype=T.float64)).sum(); print(T.autograd.grad(z, [a, y]))',
    'a = T.tensor([1., 2.], requires_grad=True); z = (a.double() * 3).sum(); print(z, z.grad_fn, z.grad_fn.next_functions[0][0].next_functions); z.backward(); print(a.grad)',
    'a = T.tensor([1., 2.], dtype=T.float64, requires_grad=True); z = (a.float() ** 2).sum(); g, = T.autograd.grad(z, a, create_graph=True); print(g, g.grad_fn)',
    'a = T.tensor([1., 2.], requires_grad=True); b = T.tensor([1, 2]); y = a * b; print(y, y.grad_fn); y.sum().backward(); print(a.grad)',
    'a = T.tensor([1., 2.], requires_grad=True); b = T.tensor([True, False]); y = a * b; print(y); y.sum().backward(); print(a.grad)',
    'a = T.tensor([1., 2.], requires_grad=True); y = a + T.tensor(2., dtype=T.float64); print(y.dtype); y = a + T.tensor([2.], dtype=T.float64); print(y.dtype)',
    'a = T.tensor([1., 2.], dtype=T.float16, requires_grad=True); y = (a * 2).sum(); y.backward(); print(y, a.grad)',
    'print(T.tensor([1, 2]) + T.tensor([True, False]), T.tensor([True]) + T.tensor([True]), T.tensor([True, False]) * 3, T.tensor([True]) * 1.5, T.tensor([True, False]).sum(), T.tensor([True, True]).float().mean())',
    'print(T.tensor([5, -5]) / 2, T.tensor([5, -5]) // 2, T.tensor([5, -5]) % 3, T.tensor([5., -5.]) // 2, T.tensor([5., -5.]) % 3, T.div(T.tensor([5, -5]), 2, rounding_mode="trunc"), T.div(T.tensor([5, -5]), 2, rounding_mode="floor"))',
    'print((T.tensor(1, dtype=T.int32) + T.tensor([1], dtype=T.int8)).dtype, (T.tensor(1.) + T.tensor([1], dtype=T.int8)).dtype, (T.tensor(1., dtype=T.float64) + T.tensor([1.], dtype=T.float16)).dtype)',
    'print(T.tensor([1, 2]).float().requires_grad_())',
    'T.tensor([1, 2]).requires_grad_()',
    'T.tensor([1, 2], requires_grad=True)',
    'T.ones(2, dtype=T.int64, requires_grad=True)',
    'T.arange(3, requires_grad=True)',
    'x = T.tensor([True, False], requires_grad=True)',
    'x = T.tensor([1., 2.], requires_grad=True); y = x.long(); print(y, y.requires_grad, y.grad_fn)',
    'x = T.tensor([1.5, 2.5], requires_grad=True); y = x.int(); print(y, y.requires_grad); y.sum().backward()',
    'x = T.tensor([1.5, 2.5], requires_grad=True); y = (x > 2); print(y, y.requires_grad, y.grad_fn)',
    'x = T.tensor([1.5, 2.5], requires_grad=True); print(x.argmax(), x.argmax().requires_grad, x.sort(), x.topk(1), x.max(0))',
    'x = T.tensor([1.5, 2.5], requires_grad=True); y = x.to(T.float64); print(y, y.grad_fn); y.sum().backward(); print(x.grad, x.grad.dtype)',
    'x = T.tensor([1.5, 2.5], requires_grad=True); y = x.type(T.float64); print(y, y.grad_fn); print(x.type())',
    'x = T.tensor([1.5, 2.5]); print(x.to(T.int64), x.to(T.bool), T.tensor([0.5, -0.5]).to(T.int32), T.tensor([-1.7, 1.7]).long())',
    'x = T.tensor(2, dtype=T.int64); print(x * 1.5, (x * 1.5).dtype, x ** 2, x ** -1.0, x ** 0.5)',
    'x = T.tensor(2); print(x ** -1)',
    'x = T.tensor([2., 3.]); print(x ** -1, x ** 0, 0 ** x, (-x) ** 0.5)',
    'print(T.tensor([1., 2.]) @ T.tensor([1, 2]))',
    'print(T.tensor([1., 2.]) @ T.tensor([1., 2.], dtype=T.float64))',
    'print(T.tensor([[1, 2]]) @ T.tensor([[1], [2]]))',
    'print(T.mm(T.tensor([[1., 2.]]), T.tensor([[1], [2]])))',
    'print(T.mm(T.tensor([[1., 2.]]), T.tensor([[1], [2]], dtype=T.int16)))',
    'print(T.cat([T.tensor([1, 2]), T.tensor([1.5])]), T.cat([T.tensor([1.]), T.tensor([1.], dtype=T.float64)]).dtype, T.stack([T.tensor([1]), T.tensor([True])]))',
    'print(T.where(T.tensor([True, False]), T.tensor([1, 2]), T.tensor([1.5, 2.5])), T.where(T.tensor([True, False]), 1, 0.5), T.where(T.tensor([True, False]), T.tensor([1.]), 2))',
    'print(T.where(T.tensor([1, 0]), T.tensor([1, 2]), T.tensor([3, 4])))',
    'print(T.tensor([1., 2.]).masked_fill(T.tensor([1, 0]), 0))',
    'print(T.zeros(2, dtype=T.int64).fill_(2.7), T.zeros(2).fill_(True), T.zeros(2, dtype=T.bool).fill_(5))',
    'x = T.zeros(2, dtype=T.int64); x.add_(1.5)',
    'x = T.zeros(2, dtype=T.int64); x /= 2',
    'x = T.zeros(2, dtype=T.bool); x += 1',
    'x = T.zeros(2, dtype=T.int64); x *= T.tensor([True, False]); print(x)',
    'x = T.zeros(2, dtype=T.int32); x.copy_(T.tensor([1.7, -2.7])); print(x)',
    'x = T.zeros(2); x.copy_(T.tensor([1, 2])); print(x); x.copy_(T.tensor(5.)); print(x)',
    'x = T.zeros(2); x.copy_(T.tensor([1, 2, 3]))',
    'x = T.zeros(2); x.copy_(T.ones(2, 2))',
    'x = T.zeros(2); x[0] = 1.5; x[1] = T.tensor(2, dtype=T.int64); print(x); y = T.zeros(2, dtype=T.int64); y[0] = 1.9; print(y)',
    'print(T.tensor([1, 2]).sum().dtype, T.tensor([1, 2], dtype=T.int32).sum().dtype, T.tensor([True, True]).sum().dtype, T.tensor([1, 2], dtype=T.uint8).sum().dtype, T.tensor([1, 2], dtype=T.int8).prod().dtype, T.tensor([1, 2], dtype=T.int32).cumsum(0).dtype)',
    'print(T.tensor([1., 2.], dtype=T.float16).sum(), T.tensor([1., 2.], dtype=T.float16).mean(), T.tensor([1, 2]).max(), T.tensor([True, False]).any(), T.tensor([1, 0]).all())',
    'print(T.tensor([1, 2]).std())',
    'print(T.tensor([1, 2]).norm())',
    'print(T.tensor([1, 2], dtype=T.int16).norm())',
    'print(T.tensor([1, 2]).exp(), T.tensor([1, 2]).sqrt().dtype, T.tensor([1, 2], dtype=T.float64).exp().dtype, T.tensor([4], dtype=T.int32).log2())',
    'print(T.tensor([1, 2]).sigmoid(), T.tensor([1, 2]).tanh(), T.tensor([-1, 2]).relu(), T.tensor([-1, 2]).abs(), T.tensor([-1, 2]).sign(), T.tensor([-1, 2]).clamp(0, 1), T.tensor([-1, 2]).clamp(0.5))',
    'print(-T.tensor([True, False]))',
    'print(T.tensor([True, False]) - T.tensor([True, True]))',
    'print(T.tensor([True, False]) - 1)',
    'print(1 - T.tensor([True, False]))',
    'print(T.tensor([1, 2]) - True)',
    'print(T.maximum(T.tensor([1., 2.]), 1.5))',
    'print(T.minimum(T.tensor([1., 2.]), 1))',
    'x = T.tensor([1., 2.], requires_grad=True); y = T.rsub(x, T.tensor([3., 3.])); print(y, y.grad_fn); y.sum().backward(); print(x.grad)',
    'x = T.tensor([1., 2.], requires_grad=True); y = x.exp2(); g, = T.autograd.grad(y.sum(), x, create_graph=True); print(g, g.grad_fn.next_functions)',
]


REDUCING = ("x.sum()", "x.sum(0)", "x.sum(1, keepdim=True)", "x.sum((0, 1))", "x.mean(0)",
            "x.mean(1, keepdim=True)", "x.prod(1)", "x.max()", "x.max(1)[0]", "x.min(1).values",
            "x.amax(1)", "x.amin(0)", "x.var(1)", "x.var(1, unbiased=False)", "x.norm()",
            "x.norm(dim=1)", "x.norm(p=1)", "x.logsumexp(1)", "x.cumsum(1)", "x.softmax(1)",
            "x.softmax(0)", "x.log_softmax(1)", "x.sort(1).values", "x.topk(2, 1).values",
            "x.trace()", "x.dist(T.ones(2, 3))", "x.t() @ x", "x @ x.t()", "x.flip(1)",
            "x.repeat(2, 1)", "x.expand(2, 2, 3)", "x.narrow(1, 1, 2)",
            "x.index_select(1, T.tensor([2, 0]))", "x.gather(1, T.tensor([[0], [2]]))",
            "x.clamp(2, 5)", "x.masked_fill(x > 3, 0.)", "T.where(x > 3, x, -x)", "x[x > 2]",
            "x[[0, 1], [2, 0]]", "x.chunk(3, 1)[2]", "T.stack([x, x * 2])", "T.cat([x, x], 1)",
            "T.outer(x[0], x[1])", "T.dot(x[0], x[1])", "T.mv(x, x[0])",
            "T.addmm(T.ones(2, 2), x, x.t())")


def reduction_snippets() -> list[str]:
    """Reductions, products and selections: values, nodes, gradients, second derivatives."""
    x = "T.tensor([[1., 5., 3.], [4., 2., 6.]]{dt}, requires_grad=True)"
    out = []
    for call in REDUCING:
        for dt in ("", ", dtype=T.float64"):
            out.append(f"x = {x.format(dt=dt)}; y = {call}; print(y, y.grad_fn); y.sum().backward(); print(x.grad)")
        out.append(f"x = {x.format(dt='')}; y = {call}; g, = T.autograd.grad(y.sum(), x, create_graph=True); print(g, g.grad_fn); print(T.autograd.grad((g * g).sum(), x, allow_unused=True))")
        out.append(f"x = {x.format(dt='')}; y = {call}; print(y.grad_fn.next_functions)")
    return out


ACTIVATIONS = ("ReLU()", "Sigmoid()", "Tanh()", "LeakyReLU()", "LeakyReLU(0.2)", "ELU()",
               "ELU(alpha=0.5)", "GELU(approximate='tanh')", "SiLU()", "Softplus()",
               "Softplus(beta=2, threshold=10)", "Hardtanh()", "Hardtanh(-0.5, 0.5)", "ReLU6()",
               "Softmax(dim=1)", "Identity()", "Flatten()", "Flatten(0)", "Dropout(0.0)",
               "Dropout(p=0.5)")
LOSSES = (
    ("MSELoss", "T.tensor([[0.2, 0.8], [0.6, 0.4]], requires_grad=True)", "T.tensor([[0., 1.], [1., 0.]])"),
    ("L1Loss", "T.tensor([[0.2, 0.8], [0.6, 0.4]], requires_grad=True)", "T.tensor([[0., 1.], [1., 0.]])"),
    ("SmoothL1Loss", "T.tensor([[0.2, 2.8], [0.6, -1.4]], requires_grad=True)", "T.tensor([[0., 1.], [1., 0.]])"),
    ("BCELoss", "T.tensor([[0.2, 0.8], [0.6, 0.4]], requires_grad=True)", "T.tensor([[0., 1.], [1., 0.]])"),
    ("BCEWithLogitsLoss", "T.tensor([[0.2, -0.8], [1.6, 0.4]], requires_grad=True)", "T.tensor([[0., 1.], [1., 0.]])"),
    ("CrossEntropyLoss", "T.tensor([[0.2, -0.8, 1.], [1.6, 0.4, 0.]], requires_grad=True)", "T.tensor([2, 0])"),
    ("NLLLoss", "T.tensor([[-0.2, -0.8, -1.], [-1.6, -0.4, -0.1]], requires_grad=True)", "T.tensor([2, 0])"),
)


def nn_snippets() -> list[str]:
    """Activation modules (repr, values, gradients, second derivatives) and every loss with
    each reduction, mixed dtypes, wrong shapes and a bad reduction."""
    out = []
    for act in ACTIVATIONS:
        out.append(f"m = T.nn.{act}; print(m, repr(m), m.extra_repr()); x = T.tensor([[-2., -0.5, 0., 0.5, 3.]], requires_grad=True); m.eval(); y = m(x); print(y, y.grad_fn); y.sum().backward(); print(x.grad)")
        out.append(f"m = T.nn.{act}; m.eval(); x = T.tensor([[-2., -0.5, 0.3, 0.5, 3.]], requires_grad=True); g, = T.autograd.grad(m(x).sum(), x, create_graph=True); print(g, g.grad_fn); print(T.autograd.grad(g.sum(), x, allow_unused=True))")
        out.append(f"m = T.nn.{act}; print(list(m.parameters()), m.training, m.state_dict())")
    for name, x, t in LOSSES:
        for reduction in ("mean", "sum", "none"):
            out.append(f"x = {x}; l = T.nn.{name}(reduction='{reduction}'); print(l); y = l(x, {t}); print(y, y.grad_fn); y.sum().backward(); print(x.grad)")
        out.append(f"x = {x}; y = T.nn.{name}()(x.double(), {t})")
        if name not in ("BCEWithLogitsLoss", "BCELoss"):  # PyTorch's own result dtypes differ per loss there
            out.append(f"x = {x}; y = T.nn.{name}()(x, {t}.double() if {t}.is_floating_point() else {t}); print(y)")
        out.append(f"x = {x}; y = T.nn.{name}()(x[0], {t})")
        out.append(f"x = {x}; y = T.nn.{name}()(x, {t}[:1])")
        out.append(f"x = {x}; l = T.nn.{name}(reduction='bad'); print(l.reduction); l(x, {t})")
    return out


NN = [
    "x = T.tensor([[0.2, -0.8, 1.], [1.6, 0.4, 0.]], requires_grad=True); y = T.nn.CrossEntropyLoss()(x, T.tensor([2, 0])); g, = T.autograd.grad(y, x, create_graph=True); print(g, g.grad_fn); print(T.autograd.grad(g.pow(2).sum(), x))",
    "x = T.tensor([[0.2, -0.8, 1.], [1.6, 0.4, 0.]], requires_grad=True); print(T.nn.CrossEntropyLoss()(x, T.tensor([2., 0.])))",
    "x = T.tensor([[0.2, -0.8, 1.], [1.6, 0.4, 0.]], requires_grad=True); print(T.nn.CrossEntropyLoss()(x, T.tensor([2, -1])))",
    "x = T.tensor([0.2, 0.8], requires_grad=True); print(T.nn.functional.binary_cross_entropy(x, T.tensor([1, 0])))",
    "x = T.tensor([0.2, 0.8], requires_grad=True); print(T.nn.functional.mse_loss(x, T.tensor([1, 0])), T.nn.functional.l1_loss(x, T.tensor([1, 0])), T.nn.functional.smooth_l1_loss(x, T.tensor([1, 0])))",
    "x = T.tensor([0.2, 0.8], requires_grad=True); print(T.nn.functional.l1_loss(x, T.tensor([1., 0.]), reduction='sum'), T.nn.functional.smooth_l1_loss(x, T.tensor([1., 0.]), beta=0.5), T.nn.functional.huber_loss(x, T.tensor([1., 0.]), delta=0.5))",
    "m = T.nn.Flatten(); print(m(T.arange(24.).reshape(2, 3, 4)).shape); print(T.nn.Flatten(0, 1)(T.arange(24.).reshape(2, 3, 4)).shape); print(T.nn.Flatten()(T.ones(2)))",
    "print(T.ones(3).flatten(1))",
    "print(T.ones(2, 3).flatten(-3))",
    "m = T.nn.Linear(2, 3)\nwith T.no_grad():\n    m.weight.copy_(T.tensor([[1., 2.], [3., 4.], [5., 6.]])); m.bias.fill_(0.5)\nx = T.tensor([[[1., -1.], [2., 0.]]]); y = m(x); print(y, y.grad_fn, y.grad_fn.next_functions); y.sum().backward(); print(m.weight.grad, m.bias.grad)",
    "m = T.nn.Linear(2, 3, bias=False)\nwith T.no_grad():\n    m.weight.copy_(T.tensor([[1., 2.], [3., 4.], [5., 6.]]))\nx = T.tensor([[1., -1.], [2., 0.]]); y = m(x); print(y, y.grad_fn, y.grad_fn.next_functions); y.sum().backward(); print(m.weight.grad)",
    "m = T.nn.Linear(2, 3); m.requires_grad_(False); print([p.requires_grad for p in m.parameters()]); y = m(T.ones(1, 2)); print(y.requires_grad, y.grad_fn)",
    "p = T.nn.Parameter(T.tensor([1., 2.]))\nwith T.no_grad():\n    p -= 0.1 * T.tensor([1., 1.])\nprint(p, p.grad_fn, p.is_leaf)",
    "p = T.nn.Parameter(T.tensor([1., 2.])); p.data -= 1; print(p); p.data = T.tensor([5.]); print(p)",
    "m = T.nn.Dropout(0.5); m.eval(); x = T.ones(4, requires_grad=True); y = m(x); print(y, y is x, y.grad_fn)",
    "x = T.ones(2, 3); print(T.nn.functional.dropout(x, 0.0), T.nn.functional.dropout(x, p=1.0, training=True))",
    "T.nn.functional.dropout(T.ones(2), -0.1)",
]


OPTIMIZERS = ("SGD([w], lr=0.1)", "SGD([w], lr=0.1, momentum=0.9, dampening=0.1, weight_decay=0.01)",
              "SGD([w], lr=0.1, momentum=0.9, nesterov=True)", "Adam([w], lr=0.1)",
              "Adam([w], lr=0.1, amsgrad=True, weight_decay=0.1)", "AdamW([w], lr=0.1)",
              "AdamW([w], lr=0.1, weight_decay=0.5, amsgrad=True)", "RMSprop([w], lr=0.01)",
              "RMSprop([w], lr=0.01, momentum=0.9, centered=True, weight_decay=0.1)",
              "Adagrad([w], lr=0.1)",
              "Adagrad([w], lr=0.1, lr_decay=0.01, weight_decay=0.1, initial_accumulator_value=0.5)")


def optim_snippets() -> list[str]:
    """Each optimizer and option set: repr, three steps, state_dict, float64 state."""
    out = []
    for opt in OPTIMIZERS:
        out.append(f"w = T.nn.Parameter(T.tensor([1., -2., 3.])); opt = T.optim.{opt}; print(opt)\nfor i in range(3):\n    opt.zero_grad(); loss = ((w - 1) ** 2).sum(); loss.backward(); opt.step(); print(w)\nprint(opt.state_dict())")
        out.append(f"w = T.nn.Parameter(T.tensor([1., -2., 3.], dtype=T.float64)); opt = T.optim.{opt}\nfor i in range(2):\n    opt.zero_grad(); (w ** 3).sum().backward(); opt.step()\nprint(w, opt.state[w])")
    return out


SNIPPETS = (unary_snippets() + binary_snippets() + flat_snippets() + DTYPES
            + reduction_snippets() + nn_snippets() + NN + optim_snippets())


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"w{i:04d}" for i in range(len(SNIPPETS))])
def test_same_output_as_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)
