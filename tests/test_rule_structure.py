"""How rules are built: the engine sums broadcast gradients, ReLU's rule is its own operation."""

from __future__ import annotations

import numpy as np
import pytest

import autograd_kit as ak


def test_relu_rule_is_threshold_backward_and_stays_connected(device):
    """As in PyTorch: d(relu)/dx is ThresholdBackwardBackward0, fed by the relu's output, so a
    second derivative through ReLU is zeros (not an error about a missing grad_fn)."""
    x = ak.tensor([1.0, -2.0, 3.0], requires_grad=True, device=device)
    (g,) = ak.autograd.grad(x.relu().sum(), x, create_graph=True)
    assert g.grad_fn.name() == "ThresholdBackwardBackward0"
    assert [n.name() if n else None for n, _ in g.grad_fn.next_functions] == [
        None, "ReluBackward0"]
    assert g.cpu().tolist() == [1.0, 0.0, 1.0]
    (h,) = ak.autograd.grad(g.sum(), x)
    assert h.cpu().tolist() == [0.0, 0.0, 0.0]


def test_relu_second_derivative_matches_hand_values(device):
    """z = Σ relu(y)·y  →  dz/dy = 2y where y > 0 (else 0),  d²z/dy² = 2 where y > 0."""
    y = ak.tensor([1.0, -2.0, 3.0], requires_grad=True, device=device)
    (g,) = ak.autograd.grad((y.relu() * y).sum(), y, create_graph=True)
    assert g.cpu().tolist() == [2.0, 0.0, 6.0]
    (h,) = ak.autograd.grad(g.sum(), y)
    assert h.cpu().tolist() == [2.0, 0.0, 2.0]


def test_relu_rule_gives_zero_for_nan_gradient_where_input_was_negative():
    x = ak.tensor([-1.0, 2.0], requires_grad=True)
    x.relu().backward(ak.tensor([float("nan"), 1.0]))
    assert x.grad.tolist() == [0.0, 1.0]


def test_relu_gradgradcheck():
    x = ak.tensor([[0.5, -1.5], [2.0, -0.25]], dtype=ak.float64, requires_grad=True)
    assert ak.autograd.gradgradcheck(lambda t: (t.relu() * t).sum(), (x,))


def test_engine_sums_a_broadcast_gradient_back_to_the_input_shape(device):
    """Add's rule returns ``grad`` unchanged for both inputs; the engine sums the (2, 3)
    gradient back to b's shape (3,) and to c's shape (2, 1)."""
    a = ak.ones(2, 3, requires_grad=True, device=device)
    b = ak.ones(3, requires_grad=True, device=device)
    c = ak.ones(2, 1, requires_grad=True, device=device)
    (a + b + c).sum().backward()
    assert a.grad.shape == (2, 3) and b.grad.cpu().tolist() == [2.0, 2.0, 2.0]
    assert c.grad.cpu().tolist() == [[3.0], [3.0]]


def test_broadcast_sum_is_recorded_under_create_graph():
    b = ak.tensor([1.0, 2.0, 3.0], requires_grad=True)
    a = ak.ones(4, 3)
    (g,) = ak.autograd.grad(((a * b) ** 2).sum(), b, create_graph=True)
    np.testing.assert_allclose(g.detach().numpy(), 4 * 2 * np.array([1.0, 2.0, 3.0]), rtol=1e-6)
    (h,) = ak.autograd.grad(g.sum(), b)
    np.testing.assert_allclose(h.numpy(), [8.0, 8.0, 8.0], rtol=1e-6)


def test_custom_function_returning_a_gradient_that_cannot_be_summed_down():
    class Bad(ak.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x * 2

        @staticmethod
        def backward(ctx, grad):
            return ak.ones(5)

    x = ak.ones(3, requires_grad=True)
    with pytest.raises(RuntimeError, match="returned an invalid gradient at index 0"):
        Bad.apply(x).sum().backward()


def test_node_repr_uses_the_short_name_as_pytorch_does():
    """``name()`` is ``torch::autograd::AccumulateGrad`` but the repr is ``<AccumulateGrad …>``."""
    x = ak.tensor([1.0], requires_grad=True)
    node = (x * 2).grad_fn.next_functions[0][0]
    assert node.name() == "torch::autograd::AccumulateGrad"
    assert repr(node).startswith("<AccumulateGrad object at 0x")
    assert repr((x * 2).grad_fn).startswith("<MulBackward0 object at 0x")


def test_full_sum_rule_is_one_expand():
    """Like PyTorch, the gradient of a full sum is the 0-dim grad expanded (one ExpandBackward0
    under create_graph), not unsqueezed dimension by dimension."""
    x = ak.ones(2, 3, requires_grad=True)
    (g,) = ak.autograd.grad(x.sum() * x.sum(), x, create_graph=True)
    names = []
    stack = [g.grad_fn]
    while stack:
        node = stack.pop()
        if node is not None and node.name() not in names:
            names.append(node.name())
            stack.extend(n for n, _ in node.next_functions)
    assert "ExpandBackward0" in names and "UnsqueezeBackward0" not in names
    assert g.detach().tolist() == [[12.0] * 3] * 2


@pytest.mark.parametrize("function, rule_name, first, second", [
    # y = tanh(x): y' = 1 - y², y'' = -2 y (1 - y²)
    ("tanh", "TanhBackwardBackward0", lambda y: 1 - y**2, lambda y: -2 * y * (1 - y**2)),
    # y = σ(x): y' = y(1 - y), y'' = y(1 - y)(1 - 2y)
    ("sigmoid", "SigmoidBackwardBackward0", lambda y: y * (1 - y),
     lambda y: y * (1 - y) * (1 - 2 * y)),
])
def test_tanh_and_sigmoid_rules_are_operations(device, function, rule_name, first, second):
    x = ak.tensor([0.7, -0.4, 1.3], dtype=ak.float64, requires_grad=True, device=device)
    y = getattr(x, function)()
    (g,) = ak.autograd.grad(y.sum(), x, create_graph=True)
    assert g.grad_fn.name() == rule_name
    assert [n.name() if n else None for n, _ in g.grad_fn.next_functions] == [
        None, type(y.grad_fn).__name__]
    values = y.detach().cpu().numpy()
    np.testing.assert_allclose(g.detach().cpu().numpy(), first(values), rtol=1e-12)
    (h,) = ak.autograd.grad(g.sum(), x, create_graph=True)
    np.testing.assert_allclose(h.detach().cpu().numpy(), second(values), rtol=1e-12)
    assert h.grad_fn.name() == "AddBackward0" or h.requires_grad
    assert ak.autograd.gradgradcheck(lambda t: getattr(t, function)(), (x.detach().cpu()
                                                                          .requires_grad_(),))


@pytest.mark.parametrize("expr, name", [
    ("x.log()", "DivBackward0"), ("x.sqrt()", "DivBackward0"), ("x.log1p()", "DivBackward0"),
    ("x.exp()", "MulBackward0"), ("x.sin()", "MulBackward0"), ("x ** 3", "MulBackward0"),
])
def test_first_derivative_graph_ends_in_pytorchs_operation(expr, name):
    """Printing ``g`` from ``grad(..., create_graph=True)`` shows PyTorch's grad_fn."""
    x = ak.tensor([0.5, 2.0], requires_grad=True)
    (g,) = ak.autograd.grad(eval(expr, {"x": x}).sum(), x, create_graph=True)
    assert g.grad_fn.name() == name


@pytest.mark.parametrize("name", ["exp_", "sigmoid_", "tanh_", "relu_"])
def test_changing_an_in_place_result_that_backward_saved_is_an_error(name):
    """exp_ saves its output, which *is* the target: a later in-place change must make the
    backward refuse (PyTorch: "... which is output 0 of Exp, is at version 2; expected 1")."""
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    a = x * 1
    getattr(a, name)()
    a.mul_(2)
    short = {"exp_": "Exp", "sigmoid_": "Sigmoid", "tanh_": "Tanh", "relu_": "Relu"}[name]
    with pytest.raises(RuntimeError, match=f"output 0 of {short}, is at version 2; expected "
                                           "version 1 instead"):
        a.sum().backward()


def test_in_place_result_used_untouched_gives_the_right_gradient():
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    a = x * 1
    a.exp_()
    a.sum().backward()
    np.testing.assert_allclose(x.grad.numpy(), np.exp([1.0, 2.0]), rtol=1e-6)


def test_hook_results_are_checked_as_in_pytorch():
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    handle = x.register_hook(lambda g: 1)
    with pytest.raises(TypeError, match="expected Variable, but hook returned 'int'"):
        (x * 2).sum().backward()
    handle.remove()
    y = x * 2
    y.register_hook(lambda g: g[:1])
    with pytest.raises(RuntimeError, match="hook '<lambda>' has changed the size of value"):
        y.sum().backward()
    z = x * 2
    z.register_hook(lambda g: g.double())
    with pytest.raises(RuntimeError, match=r"has changed the type of value \(was "
                                           r"autograd_kit.FloatTensor got autograd_kit.Double"):
        z.sum().backward()


def test_backward_inputs_errors():
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    with pytest.raises(RuntimeError, match="`inputs` argument to `backward\\(\\)` cannot be empty"):
        (x * 2).sum().backward(inputs=[])
    w = ak.ones(2)
    with pytest.raises(RuntimeError, match="can't retain_grad on Tensor that has requires_grad"):
        (x * w).sum().backward(inputs=[w])


def test_legacy_type_names_and_mT_on_vectors():
    x = ak.ones(2)
    assert (x.type(), x.long().type()) == ("autograd_kit.FloatTensor", "autograd_kit.LongTensor")
    assert x.type("torch.DoubleTensor").dtype == ak.float64
    with pytest.raises(RuntimeError, match="only supported on matrices or batches of matrices. "
                                           "Got 1-D tensor"):
        _ = x.mT


@pytest.mark.parametrize("a, b, message", [
    ((2,), (2,), "dot : expected both vectors to have same dtype, but found Double and Float"),
    ((2, 2), (2,), "addmv input tensors must have the same dtype, but got Float, Double, and"),
    ((2, 2, 2), (2, 2, 2), "expected scalar type Double but found Float"),
    ((2, 2), (2, 2), "expected m1 and m2 to have the same dtype, but got: double != float"),
])
def test_product_dtype_errors_name_the_product(a, b, message):
    with pytest.raises(RuntimeError, match=message):
        ak.ones(*a, dtype=ak.float64) @ ak.ones(*b)


def test_custom_function_without_forward_or_backward():
    class NoForward(ak.autograd.Function):
        @staticmethod
        def backward(ctx, g):
            return g

    class NoBackward(ak.autograd.Function):
        @staticmethod
        def forward(ctx, a):
            return a * 2

    x = ak.ones(2, requires_grad=True)
    with pytest.raises(NotImplementedError, match="You must implement the forward function"):
        NoForward.apply(x)
    with pytest.raises(NotImplementedError, match="You must implement either the backward"):
        NoBackward.apply(x).sum().backward()


def test_pow_of_tensors_at_zero_exponent_gives_zero_not_nan():
    z = ak.tensor([0.0, 2.0], requires_grad=True)
    (z ** z).sum().backward()
    np.testing.assert_allclose(z.grad.numpy(), [0.0, 4 * (np.log(2) + 1)], rtol=1e-6)


def test_functional_forms_pytorch_accepts():
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    assert ak.add(x, 1, alpha=2).tolist() == [3.0, 4.0]
    assert ak.sub(x, 1, alpha=2).tolist() == [-1.0, 0.0]
    s = x.sum(dtype=ak.float64)
    assert s.dtype == ak.float64 and s.grad_fn.name() == "SumBackward0"
    assert s.grad_fn.next_functions[0][0].name() == "torch::autograd::AccumulateGrad"
    s.backward()
    assert x.grad.dtype == ak.float32 and x.grad.tolist() == [1.0, 1.0]
    d = ak.div(x * 5, 3, rounding_mode="trunc")
    assert d.tolist() == [1.0, 3.0] and d.grad_fn.name() == "DivBackward2"
    assert ak.div(ak.tensor([5, -5]), 2, rounding_mode="floor").tolist() == [2, -3]
    assert ak.div(ak.tensor([5, -5]), 2, rounding_mode="trunc").tolist() == [2, -2]
    with pytest.raises(RuntimeError, match="div expected rounding_mode to be one of None"):
        ak.div(x, 2, rounding_mode="round")
    rows, cols = ak.where(ak.tensor([[True, False], [True, True]]))
    assert rows.tolist() == [0, 1, 1] and cols.tolist() == [0, 0, 1]
    assert ak.tensor([0.0, 3.0, 0.0, 1.0]).nonzero().tolist() == [[1], [3]]


@pytest.mark.parametrize("code, error, message", [
    ("ak.tensor([]).argmax()", IndexError, "argmax\\(\\): Expected reduction dim to be specified"),
    ("ak.ones(2, 3).flatten(1, 0)", RuntimeError, "start_dim cannot come after end_dim"),
    ("ak.cat(ak.ones(2))", TypeError, "must be tuple of Tensors, not Tensor"),
])
def test_argument_errors(code, error, message):
    with pytest.raises(error, match=message):
        eval(code, {"ak": ak})


def test_kit_arithmetic_does_not_leak_numpy_warnings():
    """PyTorch gives log(0) = -inf silently; NumPy's warning must not reach the learner, while
    the learner's own NumPy code still warns. (A fresh interpreter: pytest resets filters.)"""
    import subprocess
    import sys
    from pathlib import Path

    code = ("import autograd_kit as ak, numpy as np\n"
            "print(ak.log(ak.zeros(1)).tolist(), (ak.zeros(1) / 0).tolist())\n"
            "np.log(np.zeros(1))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parents[1], check=True)
    assert done.stdout.strip() == "[-inf] [nan]"
    assert done.stderr.count("RuntimeWarning") == 1 and "<string>" in done.stderr


def test_relu_rule_gives_positive_zero_where_input_was_negative():
    """-g · 0 would be -0.0 and print as "-0."; PyTorch prints "0."."""
    x = ak.tensor([-1.0, 2.0], requires_grad=True)
    x.relu().backward(ak.tensor([-3.0, 1.0]))
    assert not np.signbit(x.grad.numpy()).any()
    assert repr(x.grad) == "tensor([0., 1.])"


@pytest.mark.parametrize("make, expected", [
    (lambda p, t, w, x, c: ak.nn.functional.cross_entropy(x, c), ["LogSoftmaxBackward0"]),
    (lambda p, t, w, x, c: ak.nn.functional.nll_loss(x, c, weight=ak.ones(3)),
     ["torch::autograd::AccumulateGrad"]),
    (lambda p, t, w, x, c: ak.nn.functional.binary_cross_entropy(p, t, weight=w),
     ["torch::autograd::AccumulateGrad", None]),
    (lambda p, t, w, x, c: ak.nn.functional.binary_cross_entropy_with_logits(p, t, pos_weight=w),
     ["torch::autograd::AccumulateGrad", None]),
])
def test_loss_targets_and_weights_get_no_edge_as_in_pytorch(make, expected):
    """``loss.grad_fn.next_functions`` lists only the inputs PyTorch differentiates: not the
    class indices, not the weights (they are options, like ``dim``)."""
    p = ak.tensor([0.3, 0.8], requires_grad=True)
    t, w = ak.tensor([0.0, 1.0]), ak.tensor([1.0, 2.0])
    x, c = ak.tensor([[0.3, 0.8, -0.2]], requires_grad=True), ak.tensor([1])
    loss = make(p, t, w, x, c)
    assert [n.name() if n else None for n, _ in loss.grad_fn.next_functions] == expected
    loss.backward()
    assert (p.grad if p.grad is not None else x.grad) is not None
