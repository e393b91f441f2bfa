"""Double and triple backward of activations and elementwise functions, compared with
PyTorch 2.13: the nodes of every gradient's graph in creation order (_sequence_nr), with
their next_functions, and the values. PyTorch's C++ backward formulas evaluate the right
operand of an overloaded operator first (``-grad * (a / b / b)``: the quotient's nodes come
first), and compute an activation's gradients in their own order."""

from __future__ import annotations

from typing import Any

import pytest

torch = pytest.importorskip("torch")
import autograd_kit as ak  # noqa: E402
from tests.parity_harness import same_built  # noqa: E402

F = {torch: torch.nn.functional, ak: ak.nn.functional}


def graph_in_order(roots: list[Any]) -> list[tuple[str, list[Any]]]:
    """The nodes reachable from ``roots``, sorted by creation (leaves' AccumulateGrad last),
    each as its name and its next_functions (as positions in that list)."""
    seen: dict[int, Any] = {}
    stack = [r for r in roots if r is not None]
    while stack:
        node = stack.pop()
        if id(node) not in seen:
            seen[id(node)] = node
            stack.extend(n for n, _ in node.next_functions if n is not None)
    leaf = ("torch::autograd::AccumulateGrad", "AccumulateGrad")
    nodes = sorted(seen.values(),
                   key=lambda n: 10**12 if n.name() in leaf else n._sequence_nr())
    place = {id(n): i for i, n in enumerate(nodes)}
    return [(n.name().replace("torch::autograd::", ""),
             [(place.get(id(m)), k) for m, k in n.next_functions]) for n in nodes]


def higher_gradients(lib: Any, f: Any, inputs: int = 1, third: bool = True) -> Any:
    """f's gradients of order 1, 2 (and 3) in float64 under create_graph: values (rounded
    to 12 digits), and the graphs of the second (and third) ones."""
    xs = [lib.tensor([0.4 - 0.3 * i, -0.7, 0.55 + 0.1 * i], dtype=lib.float64,
                     requires_grad=True) for i in range(inputs)]
    y = f(lib, *xs)
    u = lib.tensor([0.9, 1.3, 0.6], dtype=lib.float64, requires_grad=True)
    found: list[Any] = []
    grads = lib.autograd.grad(y, xs, u, create_graph=True)
    for _ in range(2 if third else 1):
        outs = [g for g in grads if g is not None and g.requires_grad]
        found.append([None if g is None else [round(v, 12) for v in g.tolist()] for g in grads])
        grads = lib.autograd.grad(outs, [u, *xs], [lib.ones(3, dtype=lib.float64)] * len(outs),
                                  create_graph=True, allow_unused=True)
        found.append(graph_in_order([g.grad_fn for g in grads if g is not None]))
    found.append([None if g is None else [round(v, 12) for v in g.tolist()] for g in grads])
    return found


@pytest.mark.parametrize("f", [
    lambda T, a, b: a / b,
    lambda T, a, b: T.xlogy(a, b.abs()),
    lambda T, a, b: T.copysign(a, b),
    lambda T, a: a.reciprocal(),
    lambda T, a: a.abs().rsqrt(),
    lambda T, a: a.abs().log(),
    lambda T, a: a.abs().sqrt(),
    lambda T, a: a.asin(),
    lambda T, a: a.atan(),
    lambda T, a: T.logit(a.abs()),
    lambda T, a: F[T].softsign(a),
], ids=["div", "xlogy", "copysign", "reciprocal", "rsqrt", "log", "sqrt", "asin", "atan",
        "logit", "softsign"])
def test_quotients_and_powers_in_backward_are_built_in_pytorchs_order(f: Any) -> None:
    inputs = f.__code__.co_argcount - 1
    same_built(lambda T: higher_gradients(T, f, inputs), torch, ak)


@pytest.mark.parametrize("f", [
    lambda T, a: a.sigmoid(),
    lambda T, a, b: T.atan2(a, b),
    lambda T, a: a.sinc(),
    lambda T, a: a.atanh(),
    lambda T, a: (a * 1).atanh_(),
    lambda T, a: a.i0(),
    lambda T, a: T.special.i0e(a),
    lambda T, a: T.special.i1e(a),
], ids=["sigmoid", "atan2", "sinc", "atanh", "atanh_", "i0", "i0e", "i1e"])
def test_sums_and_differences_in_backward_build_their_right_operand_first(f: Any) -> None:
    inputs = f.__code__.co_argcount - 1
    same_built(lambda T: higher_gradients(T, f, inputs), torch, ak)


@pytest.mark.parametrize("f", [
    lambda T, a: a.softmax(0),
    lambda T, a: F[T].softmin(a, 0),
    lambda T, a: a.log_softmax(0),
    lambda T, a: T.special.ndtri(a.abs()),
    lambda T, a: T.special.log_ndtr(a),
    lambda T, a, b: T.special.xlog1py(a, b.abs()),
], ids=["softmax", "softmin", "log_softmax", "ndtri", "log_ndtr", "xlog1py"])
def test_backward_rules_of_softmax_and_special_functions_build_pytorchs_graph(f: Any) -> None:
    inputs = f.__code__.co_argcount - 1
    same_built(lambda T: higher_gradients(T, f, inputs), torch, ak)


def test_the_gradient_of_softmaxs_grad_output_is_made_before_its_outputs() -> None:
    def build(T: Any) -> Any:
        a = T.tensor([0.3, -0.2, 0.5], dtype=T.float64, requires_grad=True)
        u = T.ones(3, dtype=T.float64, requires_grad=True)
        g, = T.autograd.grad(a.softmax(0), a, u, create_graph=True)
        gu, ga = T.autograd.grad(g, (u, a), T.ones(3, dtype=T.float64), create_graph=True)
        return gu.grad_fn._sequence_nr() < ga.grad_fn._sequence_nr()

    same_built(build, torch, ak)


@pytest.mark.parametrize("f", [
    lambda T, a: F[T].logsigmoid(a),
    lambda T, a, b: T.addcdiv(a, a, b, value=0.5),
    lambda T, a, b: T.addcdiv(b * 2, a, b),
], ids=["logsigmoid", "addcdiv", "addcdiv-value-1"])
def test_logsigmoid_and_addcdiv_build_pytorchs_graph_in_its_order(f: Any) -> None:
    inputs = f.__code__.co_argcount - 1
    same_built(lambda T: higher_gradients(T, f, inputs), torch, ak)


@pytest.mark.parametrize("f", [
    lambda T, a, b: F[T].mse_loss(a, b, reduction="none"),
    lambda T, a, b: F[T].smooth_l1_loss(a, b, reduction="none", beta=0.5),
    lambda T, a, b: F[T].smooth_l1_loss(a, b, reduction="none", beta=2.0),
], ids=["mse", "smooth_l1", "smooth_l1-beta-2"])
def test_second_derivatives_of_mse_and_smooth_l1_multiply_and_divide_by_numbers(f: Any) -> None:
    # (PyTorch's C++ 2 * grad and grad * mask / beta: MulBackward1, DivBackward1)
    same_built(lambda T: higher_gradients(T, f, 2), torch, ak)


@pytest.mark.parametrize("f", [
    lambda T, a: F[T].gelu(a),
    lambda T, a: F[T].gelu(a, approximate="tanh"),
    lambda T, a: F[T].elu(a),
    lambda T, a: F[T].elu(a * 1, 0.7, inplace=True),
    lambda T, a: F[T].selu(a),
    lambda T, a: F[T].celu(a, 1.3),
    lambda T, a: F[T].celu(a * 1, 1.3, inplace=True),
    lambda T, a: F[T].softplus(a),
    lambda T, a: F[T].softplus(a, beta=2.0, threshold=1.0),
    lambda T, a: F[T].silu(a),
    lambda T, a: F[T].mish(a),
    lambda T, a: F[T].hardswish(a),
    lambda T, a, b: F[T].prelu(a, b[:1]),
], ids=["gelu", "gelu-tanh", "elu", "elu_", "selu", "celu", "celu_", "softplus",
        "softplus-beta", "silu", "mish", "hardswish", "prelu"])
def test_activations_second_and_third_derivatives_build_pytorchs_graph(f: Any) -> None:
    inputs = f.__code__.co_argcount - 1
    same_built(lambda T: higher_gradients(T, f, inputs), torch, ak)


@pytest.mark.parametrize("approximate", ["none", "tanh"])
def test_gelus_grad_output_gradient_is_made_before_its_inputs(approximate: str) -> None:
    def build(T: Any) -> Any:
        a = T.tensor([0.3, -1.2, 2.0], dtype=T.float64, requires_grad=True)
        u = T.ones(3, dtype=T.float64, requires_grad=True)
        g, = T.autograd.grad(F[T].gelu(a, approximate=approximate), a, u, create_graph=True)
        gu, ga = T.autograd.grad(g, (u, a), T.ones(3, dtype=T.float64), create_graph=True)
        return gu.grad_fn._sequence_nr() < ga.grad_fn._sequence_nr()

    same_built(build, torch, ak)


def test_celus_gradient_takes_alpha_rounded_to_float32_and_its_inplace_node_keeps_alpha() -> None:
    # (PyTorch's derivative: elu_backward(..., input_scale=1.0 / alpha.toFloat(), ...))
    def build(T: Any) -> Any:
        a = T.tensor([-0.4, -0.7, 0.5], dtype=T.float64, requires_grad=True)
        y = F[T].celu(a * 1, 1.3, inplace=True)
        saved = [k for k in dir(y.grad_fn) if k.startswith("_saved")]
        g, = T.autograd.grad(F[T].celu(a, 1.3).sum(), a)
        h, = T.autograd.grad(y.sum(), a)
        return saved, g.tolist(), h.tolist()

    same_built(build, torch, ak)
