"""nn losses, activations, init and module reprs compared with PyTorch live (scenarios
harvested from PyTorch's test_nn.py, test/nn/ and common_nn.py): values, gradients, node
names, version counters, errors and their messages. Each scenario runs in both libraries;
everything it shows must agree."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")

Log = Callable[[Any], None]


def _shown(value: Any) -> Any:
    if isinstance(value, (torch.Tensor, ak.Tensor)):
        grad_fn = type(value.grad_fn).__name__ if value.grad_fn is not None else None
        values = np.round(value.detach().numpy().astype(float), 5).astype(str).tolist()
        return ("tensor", str(value.dtype).split(".")[-1], tuple(value.shape), values,
                value.requires_grad, grad_fn)
    if isinstance(value, (list, tuple)):
        return tuple(_shown(v) for v in value)
    if isinstance(value, (torch.nn.Module, ak.nn.Module)):
        return repr(value).replace("autograd_kit", "torch")
    if isinstance(value, (torch.dtype, ak.dtype)):
        return str(value).split(".")[-1]
    if isinstance(value, str):
        return value.replace("autograd_kit", "torch")
    if isinstance(value, float) and math.isnan(value):
        return "nan"
    return value


def _run(scenario: Callable[[Any, Log], None], lib: Any) -> list[Any]:
    log: list[Any] = []

    def attempt(action: Callable[[], Any]) -> None:
        try:
            log.append(_shown(action()))
        except Exception as error:  # (the error is part of what is compared)
            log.append((type(error).__name__, str(error).replace("autograd_kit", "torch")))

    lib.manual_seed(0)
    scenario(lib, attempt)
    return log


def _same(scenario: Callable[[Any, Log], None]) -> None:
    assert _run(scenario, ak) == _run(scenario, torch)


def test_the_comparison_can_fail() -> None:
    def scenario(T: Any, attempt: Log) -> None:
        attempt(lambda: T.__name__ == "torch")
    with pytest.raises(AssertionError):
        _same(scenario)


# ---- rrelu in place ------------------------------------------------------------------------

@pytest.mark.parametrize("training", [False, True])
def test_rrelu_in_place_keeps_its_result_and_backward_works(training: bool) -> None:
    """PyTorch: F.rrelu(y, inplace=True) (and F.rrelu_) is one node, RreluWithNoiseBackward1,
    that keeps the result; changing it again makes backward fail. The kit copied the result
    back into y after an out-of-place rrelu that had saved y: backward always failed with a
    version error, and the node was CopyBackwards."""
    def scenario(T: Any, attempt: Log) -> None:
        F = T.nn.functional

        def in_place() -> Any:
            x = T.tensor([[-1.0, 2.0, -3.0], [4.0, -5.0, 6.0]], requires_grad=True)
            y = x * 1
            out = F.rrelu(y, training=training, inplace=True)
            node = out.grad_fn
            shown = (out is y, y._version, node.name(), node._saved_training,
                     node._saved_lower, node._saved_upper, node.next_functions[0][0].name())
            out.sum().backward(retain_graph=True)
            return shown, x.grad

        def changed_again() -> Any:
            y = T.tensor([-1.0, 2.0], requires_grad=True) * 1
            out = F.rrelu_(y, training=training)
            out.mul_(2)
            out.sum().backward()

        def view_of_a_result() -> Any:
            x = T.tensor([[-1.0, 2.0, -3.0], [4.0, -5.0, 6.0]], requires_grad=True)
            y = x[0] * 1
            v = y[1:]
            F.rrelu(v, training=training, inplace=True)
            y.sum().backward()
            return y.grad_fn.name(), v.grad_fn.name(), x.grad

        attempt(in_place)
        attempt(changed_again)
        attempt(view_of_a_result)
        attempt(lambda: F.rrelu(T.ones(2, requires_grad=True), training=training, inplace=True))
        attempt(lambda: T.nn.RReLU(inplace=True).train(training)(T.tensor([-1.0, 2.0]) * 1))
    _same(scenario)


# ---- nn.init and the random fills ----------------------------------------------------------

@pytest.mark.parametrize("shape", [(), (3,), (4, 5), (2, 3, 4), (2, 3, 4, 5)])
@pytest.mark.parametrize("bounds", [(-2.0, 2.0), (-0.1, 0.1), (0.5, 3.0)])
def test_trunc_normal_draws_and_version_counter(shape: tuple[int, ...],
                                                bounds: tuple[float, float]) -> None:
    """PyTorch's trunc_normal_ writes its redrawn values back once (one version more) and
    only when something was redrawn; it compares with the bounds as the tensor stores them.
    The kit wrote back after every round of redraws (and always, for narrow bounds)."""
    def scenario(T: Any, attempt: Log) -> None:
        def fill() -> Any:
            weight = T.empty(shape)
            out = T.nn.init.trunc_normal_(weight, a=bounds[0], b=bounds[1])
            return out is weight, weight._version, weight
        attempt(fill)
        attempt(fill)
    _same(scenario)


@pytest.mark.parametrize("dtype", ["int64", "int32", "bool", "uint8", "float64"])
def test_random_fills_check_their_arguments_in_pytorchs_order(dtype: str) -> None:
    """PyTorch's normal_ refuses a negative std before it looks at the dtype, uniform_ the
    dtype before the bounds (its bounds check lives in the dtype's kernel), and both print
    numbers as C++ does (from=2, not from=2.0). The kit checked them the other way round."""
    def scenario(T: Any, attempt: Log) -> None:
        dt = getattr(T, dtype)
        attempt(lambda: T.empty(3, dtype=dt).normal_(0, -1.5))
        attempt(lambda: T.nn.init.normal_(T.empty(3, dtype=dt), 0, -1))
        attempt(lambda: T.empty(3, dtype=dt).uniform_(2.0, 1.0))
        attempt(lambda: T.nn.init.uniform_(T.empty(3, dtype=dt), 2.5, 1e-7))
        attempt(lambda: T.nn.init.uniform_(T.empty(3, dtype=dt), 1e20, 3))
        attempt(lambda: T.empty(3, dtype=dt).normal_(0, -1e-7))
    _same(scenario)


# ---- arguments a loss has no derivative for; margin losses' double backward ----------------

def test_weights_that_require_grad_are_refused_as_pytorch_refuses_them() -> None:
    """PyTorch's nll_loss (so cross_entropy with class indices), binary_cross_entropy and
    multi_margin_loss have no derivative for their weight: a weight that requires grad is an
    error, checked after the Python-level checks and before the kernel's. The kit took it and
    gave it no gradient."""
    def scenario(T: Any, attempt: Log) -> None:
        F = T.nn.functional

        def w(n: int, dtype: Any = None) -> Any:
            return T.ones(n, dtype=dtype or T.float32, requires_grad=True)

        def x(*shape: int) -> Any:
            return T.randn(*shape, requires_grad=True)

        labels = T.tensor([0, 1, 2])
        attempt(lambda: F.nll_loss(x(3, 4), labels, weight=w(4)))
        attempt(lambda: F.nll_loss(x(3, 4), labels, weight=w(5)))
        attempt(lambda: F.nll_loss(x(3, 4), T.tensor([0.0, 1.0, 2.0]), weight=w(4)))
        attempt(lambda: F.nll_loss(x(3, 4), T.tensor([0, 1]), weight=w(4)))
        attempt(lambda: F.nll_loss(x(3, 4), labels, weight=w(4, T.float64)))
        attempt(lambda: F.nll_loss(x(3, 4, 2), T.zeros(3, 3, dtype=T.long), weight=w(4)))
        attempt(lambda: F.nll_loss(x(3, 4, 2), T.zeros(3, 2, dtype=T.long), weight=w(4)))
        attempt(lambda: F.nll_loss(x(3, 4, 2, 2), T.zeros(3, 2, dtype=T.long), weight=w(4)))
        attempt(lambda: F.nll_loss(x(3, 4, 2, 2, 1), T.zeros(3, 2, 2, 1, dtype=T.long),
                                   weight=w(4)))
        attempt(lambda: T.no_grad()(lambda: F.nll_loss(x(3, 4), labels, weight=w(4)))())
        attempt(lambda: F.cross_entropy(x(3, 4), labels, weight=w(4), label_smoothing=0.2))
        attempt(lambda: F.cross_entropy(x(3, 4), T.softmax(T.randn(3, 4), 1), weight=w(4)))
        attempt(lambda: T.nn.CrossEntropyLoss(weight=T.nn.Parameter(T.ones(4)))(x(3, 4),
                                                                                labels))
        probabilities = T.rand(3, 4, requires_grad=True)
        attempt(lambda: F.binary_cross_entropy(probabilities, T.rand(3, 4), weight=w(4)))
        attempt(lambda: F.binary_cross_entropy(probabilities, T.rand(3, 4), weight=w(3)))
        attempt(lambda: F.binary_cross_entropy(probabilities, T.rand(3, 4, dtype=T.float64),
                                               weight=w(4)))
        attempt(lambda: F.binary_cross_entropy(probabilities, T.rand(3, 4, dtype=T.float64),
                                               weight=T.ones(3)))
        attempt(lambda: F.binary_cross_entropy_with_logits(x(3, 4), T.rand(3, 4),
                                                           pos_weight=w(4)))
        attempt(lambda: F.multi_margin_loss(x(3, 4), labels, weight=w(4)))
        attempt(lambda: F.multi_margin_loss(x(3, 4), labels, weight=w(3)))
        attempt(lambda: F.multi_margin_loss(x(3, 4), labels, p=3, weight=w(4)))
        attempt(lambda: F.multi_margin_loss(x(3, 4), labels,
                                            weight=T.ones(2, 2, requires_grad=True)))
        attempt(lambda: F.soft_margin_loss(x(3, 4), x(3, 4)))
    _same(scenario)


@pytest.mark.parametrize("loss", ["multi_margin p=2 weight", "multi_margin", "multilabel_margin",
                                  "multilabel_margin none"])
def test_margin_losses_have_no_double_backward(loss: str) -> None:
    """PyTorch defines no derivative for multi_margin_loss_backward and
    multilabel_margin_loss_backward: under create_graph the gradient requires grad through a
    NotImplemented node (edges to the gradient and the input that require grad), and
    differentiating it again is an error. The kit's gradient did not require grad (p=1) or
    had a second derivative (p=2)."""
    def scenario(T: Any, attempt: Log) -> None:
        F = T.nn.functional
        labels = T.tensor([[0, 1, -1, 0], [2, -1, 0, 0], [3, 2, 1, 0]])
        function = {
            "multi_margin p=2 weight": lambda a: F.multi_margin_loss(
                a, T.tensor([0, 1, 2]), p=2, weight=T.tensor([1.0, 2.0, 3.0, 4.0])),
            "multi_margin": lambda a: F.multi_margin_loss(a, T.tensor([0, 1, 2])),
            "multilabel_margin": lambda a: F.multilabel_margin_loss(a, labels),
            "multilabel_margin none": lambda a: F.multilabel_margin_loss(a, labels,
                                                                        reduction="none"),
        }[loss]

        def twice() -> Any:
            a = T.randn(3, 4, requires_grad=True)
            out = function(a)
            seed = T.ones_like(out, requires_grad=True)
            (first,) = T.autograd.grad(out, a, seed, create_graph=True)
            shown = (first, first.grad_fn.name(),
                     [type(node).__name__ for node, _ in first.grad_fn.next_functions])
            (plain,) = T.autograd.grad(out, a, T.ones_like(out), create_graph=True)
            shown += (plain.grad_fn.name(),
                      [type(node).__name__ for node, _ in plain.grad_fn.next_functions])
            first.sum().backward()
            return shown

        def once() -> Any:
            a = T.randn(3, 4, requires_grad=True)
            function(a * 1).sum().backward()
            return a.grad

        attempt(twice)
        attempt(once)
    _same(scenario)


# ---- empty batches ---------------------------------------------------------------------------

@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_empty_batches_in_soft_margin_and_ctc_losses(reduction: str) -> None:
    """PyTorch's soft_margin_loss of an empty batch backpropagates (an empty gradient; the
    kit's backward raised Python's ZeroDivisionError for the mean), and its ctc_loss refuses
    empty log_probs ('log_probs tensor must not be empty'; the kit returned a loss)."""
    def scenario(T: Any, attempt: Log) -> None:
        F = T.nn.functional

        def soft_margin() -> Any:
            x = T.randn(0, 3, requires_grad=True)
            out = F.soft_margin_loss(x, T.zeros(0, 3), reduction=reduction)
            out.sum().backward()
            return out, x.grad

        def ctc(*shape: int) -> Any:
            batch = shape[1]
            return F.ctc_loss(T.randn(*shape).log_softmax(2), T.zeros(batch, 1, dtype=T.long),
                              [shape[0]] * batch, [1] * batch, reduction=reduction,
                              blank=3 if shape[2] == 0 else 0)

        attempt(soft_margin)
        attempt(lambda: ctc(5, 0, 4))
        attempt(lambda: ctc(0, 2, 4))
        attempt(lambda: ctc(5, 2, 0))
    _same(scenario)


# ---- in-place activations with a negative slope; rrelu's bounds ---------------------------

def test_in_place_activations_refuse_a_negative_slope_in_backward() -> None:
    """PyTorch's in-place elu and celu (and rrelu outside training, a leaky_relu) keep the
    result, whose sign a negative slope flips: their backward refuses it ('In-place elu
    backward calculation is triggered with a negative slope ...'). The kit gave a gradient.
    rrelu with lower > upper is refused before anything else ('Lower bound should be less
    than or equal to the upper bound'); the kit computed it."""
    def scenario(T: Any, attempt: Log) -> None:
        F = T.nn.functional

        def backward_of(function: Callable[[Any], Any]) -> Callable[[], Any]:
            def run() -> Any:
                x = T.tensor([[-1.5, 0.5], [2.0, -0.25]], requires_grad=True)
                out = function(x * 1)
                out.sum().backward()
                return out, x.grad, out.grad_fn.name()
            return run

        attempt(backward_of(lambda y: F.elu(y, alpha=-0.5, inplace=True)))
        attempt(backward_of(lambda y: F.elu_(y, alpha=-0.5)))
        attempt(backward_of(lambda y: F.elu(y, alpha=0.0, inplace=True)))
        attempt(backward_of(lambda y: F.celu(y, alpha=-0.5, inplace=True)))
        attempt(backward_of(lambda y: F.elu(y, alpha=-0.5)))
        attempt(backward_of(lambda y: F.selu(y, inplace=True)))
        attempt(backward_of(lambda y: F.rrelu(y, -0.5, -0.1, inplace=True)))
        attempt(backward_of(lambda y: F.rrelu(y, -0.5, 0.3, inplace=True)))
        attempt(backward_of(lambda y: F.rrelu(y, -0.5, -0.1, training=True, inplace=True)))
        attempt(backward_of(lambda y: F.leaky_relu(y, -0.5, inplace=True)))
        attempt(backward_of(lambda y: F.rrelu(y, 0.5, 0.1)))
        attempt(backward_of(lambda y: F.rrelu(y, 0.5, 0.1, training=True)))
        attempt(lambda: F.rrelu(T.ones(2, dtype=T.long), 0.5, 0.1))
        attempt(lambda: F.rrelu(T.ones(2, requires_grad=True), 0.5, 0.1, inplace=True))
        attempt(lambda: T.nn.RReLU(0.5, 0.1)(T.ones(2)))
    _same(scenario)
