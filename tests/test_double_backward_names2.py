"""More backward rules recorded under ``create_graph=True`` with PyTorch's nodes: each rule
builds the operations PyTorch's derivative formula builds (its C++ ``1 - t`` a SubBackward0
with a None edge, ``t * c`` a MulBackward1, …). The expected graphs were read from PyTorch
2.13; the last section compares with PyTorch itself where it is installed."""

import math

import pytest

import autograd_kit as T

F = T.nn.functional


def _text(node, depth: int = 5) -> str:
    """A node and (``depth`` levels of) its next_functions, e.g. ``MulBackward1(None)``."""
    if node is None:
        return "None"
    name = node.name().replace("torch::autograd::", "")
    kids = [_text(n, depth - 1) for n, _ in node.next_functions] if depth else []
    return name + (f"({', '.join(kids)})" if kids else "")


def _inputs(lib, code: str):
    """x (requiring grad) and the constants y, z, w of the cases, the same in both libraries."""
    gen = lib.Generator().manual_seed(0) if lib is not T else None
    if lib is T:
        T.manual_seed(0)
        x, y = T.randn(3, 4, dtype=T.float64), T.randn(3, 4, dtype=T.float64)
    else:
        x = lib.randn(3, 4, dtype=lib.float64, generator=gen)
        y = lib.randn(3, 4, dtype=lib.float64, generator=gen)
    if "logit" in code:
        x = (x.abs() + 0.1) / (x.abs().amax() + 0.2)
    if "entr" in code:
        x = x.abs() + 0.1
    z = y.abs() + 0.5
    w = lib.tensor([0.25], dtype=lib.float64)
    return x.requires_grad_(), y, z, w


def _graph_of_gradient(lib, code: str):
    x, y, z, w = _inputs(lib, code)
    env = {"T": lib, "F": lib.nn.functional, "x": x, "y": y, "z": z, "w": w}
    g, = lib.autograd.grad(eval(code, env).sum(), x, create_graph=True)
    return x, g


CASES = [
    ("F.silu(x)",
     "MulBackward0(MulBackward0(None, SigmoidBackward0(AccumulateGrad)), "
     "AddBackward1(MulBackward0(AccumulateGrad, SubBackward0(None, "
     "SigmoidBackward0(AccumulateGrad)))))"),
    ("F.mish(x)",
     "MulBackward0(None, "
     "AddBackward0(TanhBackward0(Log1PBackward0(ExpBackward0(AccumulateGrad))), "
     "MulBackward0(MulBackward0(AccumulateGrad, SigmoidBackward0(AccumulateGrad)), "
     "SubBackward0(None, MulBackward0(TanhBackward0, TanhBackward0)))))"),
    ("x.logit()",
     "WhereBackward0(DivBackward0(None, MulBackward0(AccumulateGrad, SubBackward0(None, "
     "AccumulateGrad))), None)"),
    ("x.logit(0.2)",
     "WhereBackward0(DivBackward0(None, MulBackward0(AccumulateGrad, SubBackward0(None, "
     "AccumulateGrad))), None)"),
    ("x.std()",
     "MulBackward0(MulBackward1(MaskedFillBackward0(DivBackward0(None, "
     "MulBackward1(StdBackward0)))), SubBackward0(AccumulateGrad, "
     "MeanBackward0(AccumulateGrad)))"),
    ("x.std(1)",
     "MulBackward0(MulBackward1(UnsqueezeBackward0(MaskedFillBackward0(DivBackward0(None, "
     "MulBackward1)))), SubBackward0(AccumulateGrad, MeanBackward1(AccumulateGrad)))"),
    ("T.std_mean(x, 1)[0]",
     "MulBackward0(MulBackward1(UnsqueezeBackward0(MaskedFillBackward0(DivBackward0(None, "
     "MulBackward1)))), SubBackward0(AccumulateGrad, MeanBackward1(AccumulateGrad)))"),
    ("T.sinc(x)",
     "WhereBackward0(None, MulBackward0(None, "
     "DivBackward0(SubBackward0(MulBackward0(MulBackward1, CosBackward0), "
     "SinBackward0(MulBackward1)), MulBackward1(MulBackward0(AccumulateGrad, "
     "AccumulateGrad)))))"),
    ("x.cumprod(1)",
     "DivBackward0(FlipBackward0(CumsumBackward0(FlipBackward0(MulBackward0(CumprodBackward0, "
     "None)))), AccumulateGrad)"),
    ("T.addcmul(x, x, x)",
     "AddBackward0(AddBackward0(None, MulBackward0(None, MulBackward1(AccumulateGrad))), "
     "MulBackward0(None, MulBackward1(AccumulateGrad)))"),
    ("T.addcmul(y, x, x.exp(), value=0.5)",
     "AddBackward0(MulBackward0(None, MulBackward1(ExpBackward0(AccumulateGrad))), "
     "MulBackward0(MulBackward0(None, MulBackward1(AccumulateGrad)), "
     "ExpBackward0(AccumulateGrad)))"),
    ("T.addcdiv(y, x, x.exp(), value=0.5)",
     "AddBackward0(MulBackward0(None, DivBackward0(None, ExpBackward0(AccumulateGrad))), "
     "MulBackward0(MulBackward0(None, DivBackward0(MulBackward1(AccumulateGrad), "
     "MulBackward0(ExpBackward0, ExpBackward0))), ExpBackward0(AccumulateGrad)))"),
    ("T.addcdiv(y, z, x, value=0.5)",
     "MulBackward0(None, DivBackward0(None, MulBackward0(AccumulateGrad, AccumulateGrad)))"),
    ("F.prelu(x, w)",
     "PreluKernelBackwardBackward0(None, AccumulateGrad, None)"),
    ("T.dist(x, y)",
     "MulBackward0(None, MaskedFillBackward0(DivBackward0(SubBackward0(AccumulateGrad, "
     "None), DistBackward0(AccumulateGrad, None))))"),
    ("T.dist(x, y, 1)",
     "MulBackward0(SgnBackward0(SubBackward0(AccumulateGrad, None)), None)"),
    ("T.dist(x, y, 3)",
     "MulBackward0(MulBackward0(SubBackward0(AccumulateGrad, None), "
     "PowBackward0(AbsBackward0(SubBackward0(AccumulateGrad, None)))), "
     "MaskedFillBackward0(DivBackward0(None, PowBackward0(DistBackward0(AccumulateGrad, "
     "None)))))"),
    ("T.special.entr(z * x)",
     "MulBackward0(MulBackward0(None, "
     "NegBackward0(AddBackward1(LogBackward0(MulBackward0)))), None)"),
    ("T.special.i0e(x)",
     "MulBackward0(None, SubBackward0(SpecialI1EBackward0(AccumulateGrad), "
     "MulBackward0(SgnBackward0(AccumulateGrad), SpecialI0EBackward0(AccumulateGrad))))"),
    ("F.pairwise_distance(x, y)",
     "MulBackward0(None, "
     "MaskedFillBackward0(DivBackward0(AddBackward1(SubBackward0(AccumulateGrad, None)), "
     "UnsqueezeBackward0(NormBackward1(AddBackward1)))))"),
    ("F.local_response_norm(x.unsqueeze(0), 2)",
     "SqueezeBackward1(AddBackward0(AddBackward0(DivBackward0(None, "
     "PowBackward0(AddBackward0)), MulBackward0(SqueezeBackward1(ConstantPadNdBackward0), "
     "UnsqueezeBackward0(AccumulateGrad))), "
     "MulBackward0(SqueezeBackward1(ConstantPadNdBackward0(AvgPool2DBackwardBackward0)), "
     "UnsqueezeBackward0(AccumulateGrad))))"),
    ("F.local_response_norm(x.view(1, 3, 2, 2), 2)",
     "ViewBackward0(AddBackward0(AddBackward0(DivBackward0(None, "
     "PowBackward0(AddBackward0)), MulBackward0(ViewBackward0(ConstantPadNdBackward0), "
     "ViewBackward0(AccumulateGrad))), "
     "MulBackward0(ViewBackward0(ConstantPadNdBackward0(AvgPool3DBackwardBackward0)), "
     "ViewBackward0(AccumulateGrad))))"),
]


@pytest.mark.parametrize("code,expected", CASES)
def test_gradient_graph_has_pytorchs_nodes(code: str, expected: str) -> None:
    _, g = _graph_of_gradient(T, code)
    assert _text(g.grad_fn) == expected


@pytest.mark.parametrize("code", [c for c, _ in CASES] + [
    "x.var()", "x.var(0)", "T.std_mean(x, (0, 1))[0]", "x.cumprod(0)",
    "T.addcdiv(x, x, x.exp(), value=-2.0)", "T.dist(x, y, 1.5)", "T.dist(x, y, 0.5)",
    "T.dist(x, y, float('inf'))", "F.pairwise_distance(x, y, 3)", "F.silu(3 * x)",
    "F.mish(3 * x)", "F.local_response_norm(x.view(1, 3, 2, 2), 3, 0.5, 0.7, 1.5)"])
def test_second_derivatives_stay_right(code: str) -> None:
    x, y, z, w = _inputs(T, code)
    x = x.detach().requires_grad_()

    def fn(x: T.Tensor) -> T.Tensor:
        return eval(code, {"T": T, "F": F, "x": x, "y": y, "z": z, "w": w})

    assert T.autograd.gradcheck(fn, (x,))
    assert T.autograd.gradgradcheck(fn, (x,))


def test_dist_sends_each_input_its_own_norm_backward() -> None:
    a = T.randn(4, dtype=T.float64, requires_grad=True)
    b = T.randn(4, dtype=T.float64, requires_grad=True)
    ga, gb = T.autograd.grad(T.dist(a, b, 3), (a, b), create_graph=True)
    assert ga.grad_fn.name() == "MulBackward0" and gb.grad_fn.name() == "NegBackward0"
    negated = gb.grad_fn.next_functions[0][0]  # b's own norm_backward, not a's negated
    assert negated.name() == "MulBackward0" and negated is not ga.grad_fn
    assert T.autograd.gradgradcheck(lambda a, b: T.dist(a, b, 3), (a, b))


def test_prelu_rule_is_its_own_differentiable_operation() -> None:
    x = T.tensor([[-1.0, 2.0, 0.0], [3.0, -2.0, -0.5]], dtype=T.float64, requires_grad=True)
    w = T.tensor([0.25, 0.5, 0.1], dtype=T.float64, requires_grad=True)
    gx, gw = T.autograd.grad(F.prelu(x, w).pow(2).sum(), (x, w), create_graph=True)
    assert _text(gx.grad_fn, 1) == "PreluKernelBackwardBackward0(MulBackward0, AccumulateGrad," \
        " ViewBackward0)"
    assert _text(gw.grad_fn, 3) == "ViewBackward0(SumBackward1(PreluKernelBackwardBackward0(" \
        "MulBackward0, AccumulateGrad, ViewBackward0)))"
    x0 = T.tensor([[-1.0, 2.0, 0.5], [3.0, -2.0, -0.5]], dtype=T.float64, requires_grad=True)
    assert T.autograd.gradgradcheck(lambda x, w: F.prelu(x, w), (x0, w))
    # only x requiring grad: the gradient still has a graph (PyTorch's zeros come from it)
    g, = T.autograd.grad(F.prelu(x, w.detach()).sum(), x, create_graph=True)
    assert _text(g.grad_fn) == "PreluKernelBackwardBackward0(None, AccumulateGrad, None)"
    h, = T.autograd.grad(g.sum(), x)
    assert h.tolist() == [[0.0] * 3] * 2


def test_hardsigmoid_has_no_second_derivative_as_in_pytorch() -> None:
    x = T.tensor([-4.0, -1.0, 0.5, 3.5], dtype=T.float64, requires_grad=True)
    g, = T.autograd.grad(F.hardsigmoid(x).sum(), x, create_graph=True)
    assert g.grad_fn.name() == "torch::autograd::NotImplemented"
    assert [n.name() for n, _ in g.grad_fn.next_functions] == ["torch::autograd::AccumulateGrad"]
    sixth = 0.1666666716337204  # PyTorch's kernel multiplies by the float32 1/6
    assert g.tolist() == [0.0, sixth, sixth, 0.0] and g.requires_grad
    with pytest.raises(RuntimeError,
                       match="^derivative for aten::hardsigmoid_backward is not implemented$"):
        T.autograd.grad(g.sum(), x)
    v = T.ones(4, dtype=T.float64, requires_grad=True)  # a gradient requiring grad: an edge
    g, = T.autograd.grad(F.hardsigmoid(x), x, v, create_graph=True)
    assert len(g.grad_fn.next_functions) == 2
    g, = T.autograd.grad(F.hardsigmoid(x).sum(), x)  # without create_graph: no node
    assert g.grad_fn is None and g.tolist() == [0.0, sixth, sixth, 0.0]


# ---- against PyTorch itself -------------------------------------------------------------------

@pytest.mark.parametrize("code", [c for c, _ in CASES] + ["F.hardsigmoid(x)"])
def test_graphs_and_values_match_pytorch(code: str) -> None:
    torch = pytest.importorskip("torch")
    x, g = _graph_of_gradient(T, code)
    tx, tg = _graph_of_gradient(torch, code)
    assert torch.equal(tx.detach(), torch.tensor(x.tolist(), dtype=torch.float64))
    assert _text(g.grad_fn, 8) == _text(tg.grad_fn, 8)
    assert torch.allclose(torch.tensor(g.tolist(), dtype=torch.float64), tg.detach())
    outcomes = []
    for lib, inp, grad in ((T, x, g), (torch, tx, tg)):
        try:
            h, = lib.autograd.grad((grad * grad.detach().cos()).sum(), inp)
            if getattr(h, "_is_zerotensor", lambda: False)():  # (PyTorch's zeros with no data)
                h = torch.zeros(tuple(h.shape), dtype=torch.float64)
            outcomes.append(h.tolist())
        except RuntimeError as error:
            outcomes.append(str(error))
    if isinstance(outcomes[0], str):
        assert outcomes[0] == outcomes[1]
    else:
        assert all(math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12) for a, b in
                   zip(T.tensor(outcomes[0]).reshape(-1).tolist(),
                       T.tensor(outcomes[1]).reshape(-1).tolist()))


def test_pow_of_a_number_records_pytorchs_formula():
    """d(c ** x)/dx = grad * (result * ln c): the inner product with a number is a
    MulBackward1 (PyTorch's pow_backward_exponent), the outer one a MulBackward0."""
    x = T.tensor([0.5, -1.0, 2.0], dtype=T.float64, requires_grad=True)
    (g,) = T.autograd.grad(T.pow(2.0, x).sum(), x, create_graph=True)
    assert g.grad_fn.name() == "MulBackward0"
    first, second = g.grad_fn.next_functions
    assert first == (None, 0) and second[0].name() == "MulBackward1"
    assert second[0].next_functions[0][0].name() == "PowBackward2"
    expected = [2.0 ** v * math.log(2.0) for v in x.tolist()]
    assert all(math.isclose(a, b, rel_tol=1e-12) for a, b in zip(g.tolist(), expected))
