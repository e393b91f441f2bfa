"""More of the losses: label smoothing, class-probability targets, ``pos_weight``, and
second derivatives through every loss (each loss's rule is an operation of its own, named as
PyTorch names it under ``create_graph=True``).

Values are worked by hand; gradients and second derivatives are checked against finite
differences in float64. The PyTorch cross-checks (skipped without torch) compare values,
dtypes, first and second derivatives and the recorded node names.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import autograd_kit as ak
from autograd_kit import nn
from autograd_kit.autograd import gradcheck, gradgradcheck
from autograd_kit.nn import functional as F

LN2 = math.log(2.0)


def t64(values: object, requires_grad: bool = False) -> ak.Tensor:
    return ak.tensor(values, dtype=ak.float64, requires_grad=requires_grad)


# ---- hand-computed values -----------------------------------------------------------------
# logits [0, ln 2, 0]: softmax [1/4, 1/2, 1/4], log_softmax [-2 ln 2, -ln 2, -2 ln 2]
LOGITS = [[0.0, LN2, 0.0]]


def test_label_smoothing_by_hand() -> None:
    # target 1, ε = 0.2:  0.8 · ln 2 + 0.2 · (2 + 1 + 2) ln 2 / 3 = (17/15) ln 2
    x = t64(LOGITS, requires_grad=True)
    loss = F.cross_entropy(x, ak.tensor([1]), label_smoothing=0.2)
    assert loss.item() == pytest.approx(17 / 15 * LN2, abs=1e-15)
    loss.backward()
    # ∂/∂x = softmax - (0.8 · onehot + 0.2/3)
    expected = [[0.25 - 0.2 / 3, 0.5 - 0.8 - 0.2 / 3, 0.25 - 0.2 / 3]]
    np.testing.assert_allclose(x.grad.numpy(), expected, atol=1e-15)


def test_label_smoothing_with_weight_and_ignored_row_by_hand() -> None:
    # weights [1, 2, 3]; the second row is ignored. nll mean: 2 ln 2 / 2 = ln 2;
    # smooth: (1·2 + 2·1 + 3·2) ln 2 / w[1] = 5 ln 2;  0.8 ln 2 + 0.2/3 · 5 ln 2 = (17/15) ln 2
    x = t64(LOGITS * 2)
    weight = t64([1.0, 2.0, 3.0])
    target = ak.tensor([1, -100])
    loss = F.cross_entropy(x, target, weight=weight, label_smoothing=0.2)
    assert loss.item() == pytest.approx(17 / 15 * LN2, abs=1e-15)
    each = F.cross_entropy(x, target, weight=weight, label_smoothing=0.2, reduction="none")
    # row 0: 0.8 · 2 ln 2 + 0.2/3 · 10 ln 2; the ignored row counts 0
    np.testing.assert_allclose(each.numpy(), [(1.6 + 2 / 3) * LN2, 0.0], atol=1e-15)
    module = nn.CrossEntropyLoss(weight=weight, reduction="sum", label_smoothing=0.2)
    assert module(x, target).item() == pytest.approx((1.6 + 2 / 3) * LN2, abs=1e-15)
    assert module.label_smoothing == 0.2


def test_label_smoothing_with_probability_targets_by_hand() -> None:
    # target [0, 1, 0] smoothed by 0.3 over 3 classes: [0.1, 0.8, 0.1]
    x = t64(LOGITS)
    loss = F.cross_entropy(x, t64([[0.0, 1.0, 0.0]]), label_smoothing=0.3)
    assert loss.item() == pytest.approx((0.1 * 2 + 0.8 + 0.1 * 2) * LN2, abs=1e-15)


def test_label_smoothing_out_of_range() -> None:
    x = t64(LOGITS)
    with pytest.raises(RuntimeError, match=r"label_smoothing must be between 0.0 and 1.0. "
                                           r"Got: 1.5"):
        F.cross_entropy(x, ak.tensor([1]), label_smoothing=1.5)
    # as in PyTorch, a negative value is taken as no smoothing
    assert F.cross_entropy(x, ak.tensor([1]), label_smoothing=-0.1).item() == pytest.approx(LN2)


def test_pos_weight_by_hand() -> None:
    # x = 0: σ = 1/2, ln σ = -ln 2.  t = 1 with pw = 3: 3 ln 2;  t = 0: ln 2
    x = t64([0.0, 0.0], requires_grad=True)
    target = t64([1.0, 0.0])
    loss = F.binary_cross_entropy_with_logits(x, target, pos_weight=t64([3.0, 3.0]))
    assert loss.item() == pytest.approx(2 * LN2, abs=1e-15)
    loss.backward()
    # [(pw t + 1 - t) σ - pw t] / 2:  (3 · 0.5 - 3) / 2 and 0.5 / 2
    np.testing.assert_allclose(x.grad.numpy(), [-0.75, 0.25], atol=1e-15)
    module = nn.BCEWithLogitsLoss(pos_weight=t64([3.0, 3.0]), reduction="none")
    np.testing.assert_allclose(module(x, target).detach().numpy(), [3 * LN2, LN2], atol=1e-15)
    assert "pos_weight" in dict(module.named_buffers())


def test_pos_weight_errors() -> None:
    x, target = t64([[0.0, 1.0]]), t64([[1.0, 0.0]])
    with pytest.raises(RuntimeError, match=r"The size of tensor a \(3\) must match the size of "
                                           r"tensor b \(2\) at non-singleton dimension 1"):
        F.binary_cross_entropy_with_logits(x, target, pos_weight=t64([1.0, 2.0, 3.0]))
    with pytest.raises(RuntimeError, match="not differentiable with respect to argument "
                                           "'pos_weight'"):
        F.binary_cross_entropy_with_logits(x, target, pos_weight=t64([1.0, 2.0], True))


def test_nll_second_derivative_by_hand() -> None:
    # the gradient is linear in the arriving gradient and flat in logp
    logp = t64([[-1.0, -2.0], [-3.0, -4.0]], requires_grad=True)
    loss = F.nll_loss(logp, ak.tensor([1, 0]), reduction="sum")
    (g,) = ak.autograd.grad(loss, logp, create_graph=True)
    assert g.grad_fn.name() == "NllLossBackwardBackward0"
    np.testing.assert_array_equal(g.detach().numpy(), [[0.0, -1.0], [-1.0, 0.0]])
    (h,) = ak.autograd.grad((g * t64([[1.0, 2.0], [3.0, 4.0]])).sum(), logp)
    np.testing.assert_array_equal(h.numpy(), np.zeros((2, 2)))


# ---- finite differences (float64) ---------------------------------------------------------

def _data(seed: int = 0) -> dict[str, Any]:
    rng = np.random.default_rng(seed)
    return {
        "x": rng.normal(size=(4, 3)),
        "probs": rng.dirichlet(np.ones(3), size=4),
        "classes": np.array([2, 0, 1, 2]),
        "weight": rng.uniform(0.5, 2.0, size=3),
        "p": rng.uniform(0.1, 0.9, size=(4, 3)),
        "t": rng.uniform(0.0, 1.0, size=(4, 3)),
    }


def _cases(lib: Any) -> dict[str, tuple[Callable[..., Any], list[str]]]:
    """Each case: a loss of named inputs, and the inputs that take gradients."""
    fn = lib.nn.functional
    cl = "classes"

    def ce(**kw: Any) -> Callable[..., Any]:
        return lambda v: fn.cross_entropy(v["x"], v[cl], **kw)

    return {
        "ce_smooth": (ce(label_smoothing=0.1), ["x"]),
        "ce_smooth_sum": (ce(label_smoothing=0.3, reduction="sum"), ["x"]),
        "ce_smooth_none": (ce(label_smoothing=0.3, reduction="none"), ["x"]),
        "ce_smooth_ignore": (ce(label_smoothing=0.2, ignore_index=0), ["x"]),
        "ce_weighted_smooth": (
            lambda v: fn.cross_entropy(v["x"], v[cl], weight=v["weight"], ignore_index=1,
                                       label_smoothing=0.25), ["x"]),
        "ce_plain": (ce(), ["x"]),
        "ce_probs_smooth": (
            lambda v: fn.cross_entropy(v["x"], v["probs"], weight=v["weight"],
                                       label_smoothing=0.2), ["x", "probs"]),
        "ce_probs_none": (lambda v: fn.cross_entropy(v["x"], v["probs"], reduction="none"),
                          ["x", "probs"]),
        "nll_mean": (lambda v: fn.nll_loss(v["x"], v[cl], weight=v["weight"]), ["x"]),
        "nll_none": (lambda v: fn.nll_loss(v["x"], v[cl], reduction="none"), ["x"]),
        "bcel_pos_weight": (
            lambda v: fn.binary_cross_entropy_with_logits(v["x"], v["t"], weight=v["weight"],
                                                          pos_weight=v["weight"] * 2),
            ["x", "t"]),
        "bcel_pos_weight_sum": (
            lambda v: fn.binary_cross_entropy_with_logits(v["x"], v["t"], reduction="sum",
                                                          pos_weight=v["weight"]), ["x", "t"]),
        "bcel": (lambda v: fn.binary_cross_entropy_with_logits(v["x"], v["t"]), ["x", "t"]),
        "mse": (lambda v: fn.mse_loss(v["x"], v["t"]), ["x", "t"]),
        "mse_none": (lambda v: fn.mse_loss(v["x"], v["t"], reduction="none"), ["x", "t"]),
        "smooth_l1": (lambda v: fn.smooth_l1_loss(v["x"], v["t"], beta=0.7), ["x", "t"]),
        "smooth_l1_sum": (lambda v: fn.smooth_l1_loss(v["x"], v["t"], reduction="sum"),
                          ["x", "t"]),
        "huber": (lambda v: fn.huber_loss(v["x"], v["t"], delta=0.6), ["x", "t"]),
        "huber_none": (lambda v: fn.huber_loss(v["x"], v["t"], reduction="none"), ["x", "t"]),
        "bce": (lambda v: fn.binary_cross_entropy(v["p"], v["t"], weight=v["weight"]),
                ["p", "t"]),
        "bce_none": (lambda v: fn.binary_cross_entropy(v["p"], v["t"], reduction="none"),
                     ["p", "t"]),
    }


CASES = list(_cases(ak))


def _inputs(lib: Any, names: list[str], dtype: Any = None) -> dict[str, Any]:
    values = {}
    for key, array in _data().items():
        if array.dtype.kind == "i":
            values[key] = lib.tensor(array)
        else:
            values[key] = lib.tensor(array, dtype=dtype or lib.float64,
                                     requires_grad=key in names)
    return values


@pytest.mark.parametrize("case", CASES)
def test_gradcheck_and_gradgradcheck(case: str) -> None:
    loss_of, names = _cases(ak)[case]
    values = _inputs(ak, names)

    def loss(*tensors: ak.Tensor) -> ak.Tensor:
        return loss_of({**values, **dict(zip(names, tensors, strict=True))})

    inputs = tuple(values[n] for n in names)
    assert gradcheck(loss, inputs)
    assert gradgradcheck(loss, inputs)


# ---- node names under create_graph ----------------------------------------------------------

@pytest.mark.parametrize(("case", "name"), [
    ("mse", "MseLossBackwardBackward0"),
    ("smooth_l1", "SmoothL1LossBackwardBackward0"),
    ("huber", "HuberLossBackwardBackward0"),
    ("bce", "BinaryCrossEntropyBackwardBackward0"),
    ("nll_mean", "NllLossBackwardBackward0"),
    ("bcel", "DivBackward1"),
    ("bcel_pos_weight_sum", "MulBackward0"),
    ("ce_plain", "LogSoftmaxBackwardDataBackward0"),
])
def test_first_derivative_node_names(case: str, name: str) -> None:
    loss_of, names = _cases(ak)[case]
    values = _inputs(ak, names)
    (g, *_) = ak.autograd.grad(loss_of(values), [values[n] for n in names], create_graph=True)
    assert g.grad_fn.name() == name


def test_label_smoothing_graph() -> None:
    x = t64(LOGITS, requires_grad=True)
    loss = F.cross_entropy(x, ak.tensor([1]), label_smoothing=0.2)
    assert loss.grad_fn.name() == "AddBackward0"
    nll, smooth = (n.name() for n, _ in loss.grad_fn.next_functions)
    assert (nll, smooth) == ("MulBackward1", "MulBackward1")


# ---- PyTorch cross-checks ---------------------------------------------------------------------

def _graph(fn: Any, depth: int = 5) -> list[str]:
    """Node names, depth first, the way both libraries can be walked."""
    if fn is None or depth < 0:
        return []
    names = [type(fn).__name__]
    for nxt, _ in fn.next_functions:
        names += _graph(nxt, depth - 1)
    return names


def _derivatives(lib: Any, case: str, dtype: Any = None) -> dict[str, Any]:
    """The loss, its gradients, their nodes, and second derivatives (a vector times the
    Hessian, for every input and for the arriving gradient)."""
    loss_of, names = _cases(lib)[case]
    values = _inputs(lib, names, dtype)
    loss = loss_of(values)
    rng = np.random.default_rng(1)
    grad_out = lib.tensor(rng.uniform(0.5, 1.5, size=tuple(loss.shape)), dtype=loss.dtype,
                          requires_grad=True)
    inputs = [values[n] for n in names]
    grads = lib.autograd.grad(loss, inputs, grad_out, create_graph=True)
    probe = sum((g * lib.tensor(rng.normal(size=tuple(g.shape)), dtype=g.dtype)).sum()
                for g in grads)
    seconds = lib.autograd.grad(probe, [*inputs, grad_out], allow_unused=True)
    return {
        "loss": loss, "dtype": str(loss.dtype).split(".")[-1],
        "graph": _graph(loss.grad_fn), "grad_graphs": [_graph(g.grad_fn) for g in grads],
        "grads": grads, "seconds": seconds,
    }


def _numpy(t: Any) -> Any:
    return None if t is None else np.asarray(t.detach().cpu().numpy())


@pytest.mark.parametrize("case", CASES)
def test_against_torch_float64(case: str) -> None:
    torch = pytest.importorskip("torch")
    ours, theirs = _derivatives(ak, case), _derivatives(torch, case)
    assert ours["dtype"] == theirs["dtype"]
    assert ours["graph"] == theirs["graph"]
    assert ours["grad_graphs"] == theirs["grad_graphs"]
    np.testing.assert_allclose(_numpy(ours["loss"]), _numpy(theirs["loss"]), rtol=1e-12,
                               atol=1e-14)
    for a, b in zip(ours["grads"], theirs["grads"], strict=True):
        np.testing.assert_allclose(_numpy(a), _numpy(b), rtol=1e-12, atol=1e-14)
    for a, b in zip(ours["seconds"], theirs["seconds"], strict=True):
        if b is None:  # PyTorch: no path (ours may give zeros from a flat rule)
            assert a is None or not _numpy(a).any()
        else:
            np.testing.assert_allclose(_numpy(a), _numpy(b), rtol=0, atol=1e-10)


@pytest.mark.parametrize("case", ["ce_smooth", "ce_weighted_smooth", "ce_probs_smooth",
                                  "bcel_pos_weight", "bce", "huber", "nll_mean"])
def test_against_torch_float32(case: str) -> None:
    torch = pytest.importorskip("torch")
    ours, theirs = _derivatives(ak, case, ak.float32), _derivatives(torch, case, torch.float32)
    assert ours["dtype"] == theirs["dtype"] == "float32"
    np.testing.assert_allclose(_numpy(ours["loss"]), _numpy(theirs["loss"]), rtol=1e-5)
    for a, b in zip(ours["grads"], theirs["grads"], strict=True):
        assert _numpy(a).dtype == np.float32
        np.testing.assert_allclose(_numpy(a), _numpy(b), rtol=1e-4, atol=1e-6)


def test_pos_weight_dtype_follows_input_against_torch() -> None:
    torch = pytest.importorskip("torch")
    x, t, pw = np.array([[0.3, -2.0]]), np.array([[1.0, 0.0]]), np.array([2.0, 0.5])
    for lib in (ak, torch):
        loss = lib.nn.functional.binary_cross_entropy_with_logits(
            lib.tensor(x, dtype=lib.float32), lib.tensor(t, dtype=lib.float32),
            pos_weight=lib.tensor(pw, dtype=lib.float64))
        assert str(loss.dtype).endswith("float32")
    ours = F.binary_cross_entropy_with_logits(t64(x), t64(t), pos_weight=t64(pw))
    theirs = torch.nn.functional.binary_cross_entropy_with_logits(
        torch.tensor(x), torch.tensor(t), pos_weight=torch.tensor(pw))
    assert ours.item() == pytest.approx(theirs.item(), abs=1e-15)


def test_label_smoothing_modules_against_torch() -> None:
    torch = pytest.importorskip("torch")
    data = _data()
    for kw in ({}, {"reduction": "sum"}, {"ignore_index": 2}):
        ours = nn.CrossEntropyLoss(weight=t64(data["weight"]), label_smoothing=0.15, **kw)
        theirs = torch.nn.CrossEntropyLoss(weight=torch.tensor(data["weight"]),
                                           label_smoothing=0.15, **kw)
        assert repr(ours) == repr(theirs)
        value = ours(t64(data["x"]), ak.tensor(data["classes"])).item()
        assert value == pytest.approx(
            theirs(torch.tensor(data["x"]), torch.tensor(data["classes"])).item(), abs=1e-14)
