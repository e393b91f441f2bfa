"""Higher-order derivatives compared with PyTorch live: the graph a backward rule records
under ``create_graph=True`` (grad_fn names and next_functions, three levels down), and the
second and third derivatives' values (float64)."""

import numpy as np
import pytest

torch = pytest.importorskip("torch")

import autograd_kit as ak  # noqa: E402


def _tree(node, depth: int) -> str:
    """A node's name and, ``depth`` levels down, its next_functions: ``MulBackward0(None, …)``."""
    if node is None:
        return "None"
    name = type(node).__name__ if not hasattr(node, "name") else node.name()
    name = name.replace("torch::autograd::", "")
    if depth == 0:
        return name
    kids = [_tree(n, depth - 1) for n, _ in node.next_functions]
    return name + ("(" + ", ".join(kids) + ")" if kids else "")


def _derivatives(lib, code: str, orders: int = 3, shape: tuple = (3, 4)) -> list:
    """Derivatives 1 … ``orders`` of a weighted sum of ``code`` (x random, float64), each
    taken of the previous one weighted by random numbers: (graph, requires_grad, values)."""
    rng = np.random.RandomState(0)
    x = lib.tensor(rng.randn(*shape), dtype=lib.float64, requires_grad=True)
    c = lib.tensor(rng.randn(*shape), dtype=lib.float64)
    y = eval(code, {"T": lib, "F": lib.nn.functional, "x": x, "c": c})
    out = (y * lib.tensor(rng.randn(*y.shape), dtype=lib.float64)).sum()
    found = []
    for _ in range(orders):
        g, = lib.autograd.grad(out, x, create_graph=True)
        found.append((_tree(g.grad_fn, 3), g.requires_grad, np.array(g.detach().tolist())))
        out = (g * lib.tensor(rng.randn(*g.shape), dtype=lib.float64)).sum()
    return found


def assert_same_derivatives(code: str, **kw) -> None:
    theirs, ours = _derivatives(torch, code, **kw), _derivatives(ak, code, **kw)
    for order, ((t_graph, t_rg, t_val), (a_graph, a_rg, a_val)) in enumerate(
            zip(theirs, ours), 1):
        assert (order, a_graph, a_rg) == (order, t_graph, t_rg)
        np.testing.assert_allclose(a_val, t_val, rtol=1e-10, atol=1e-12)


@pytest.mark.parametrize("code", [
    "x.tanh()", "x.sigmoid()", "F.tanhshrink(x)", "x.tanh().sigmoid()",
    "F.binary_cross_entropy_with_logits(x, c.sigmoid())",
])
def test_tanh_and_sigmoid_double_backward_graphs_are_pytorchs(code: str) -> None:
    """tanh_backward's and sigmoid_backward's derivative in their output, as PyTorch records
    it: grad_grad · ((-2 · y) · grad) and (grad_grad · grad) · (-2 · y + 1)."""
    assert_same_derivatives(code)


@pytest.mark.parametrize("code", [
    "F.gelu(x)", "F.gelu(x, approximate='tanh')", "F.softplus(x)",
    "F.softplus(x, beta=2, threshold=1)", "F.logsigmoid(x)",
])
def test_activation_double_backward_graphs_are_pytorchs(code: str) -> None:
    """gelu_double_backward (2φ - x²φ; the tanh form's product rule), softplus's
    sigmoid_backward(g, σ(βx)) and log-sigmoid's (σ(x) - 1)σ(x), recorded as PyTorch's."""
    assert_same_derivatives(code)


@pytest.mark.parametrize("approximate", ["none", "tanh"])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_gelu_second_and_third_derivatives_are_pytorchs_bits(approximate: str,
                                                             dtype: str) -> None:
    found = []
    for lib in (torch, ak):
        x = lib.tensor([-3.0, -1.0, -0.2, 0.0, 0.5, 2.0, 10.0], dtype=getattr(lib, dtype),
                       requires_grad=True)
        g, = lib.autograd.grad(lib.nn.functional.gelu(x, approximate=approximate).sum(), x,
                               create_graph=True)
        h, = lib.autograd.grad(g.sum(), x, create_graph=True)
        k, = lib.autograd.grad(h.sum(), x)
        found.append((h.tolist(), k.tolist()))
    assert found[1] == found[0]


def _vjp_graphs(lib, code: str) -> list:
    """grad_x and grad_w of ``code`` with a v that requires grad (create_graph): their graphs,
    and the derivatives of their weighted sum with respect to x, w and v."""
    rng = np.random.RandomState(1)
    x = lib.tensor(rng.randn(3, 4), dtype=lib.float64, requires_grad=True)
    w = lib.tensor(rng.randn(3, 4).round(), dtype=lib.float64, requires_grad=True)
    x.data[0, :2] = w.data[0, :2]  # (ties)
    y = eval(code, {"T": lib, "F": lib.nn.functional, "x": x, "w": w})
    v = lib.tensor(rng.randn(*y.shape), dtype=lib.float64, requires_grad=True)
    grads = lib.autograd.grad(y, (x, w), v, create_graph=True)
    total = sum((g * lib.tensor(rng.randn(*g.shape), dtype=lib.float64)).sum() for g in grads)
    seconds = lib.autograd.grad(total, (x, w, v), allow_unused=True)
    return [_tree(g.grad_fn, 3) for g in grads], [
        None if s is None else np.array(s.tolist()) for s in seconds]


def assert_same_vjp_graphs(code: str) -> None:
    (theirs, t_values), (ours, a_values) = _vjp_graphs(torch, code), _vjp_graphs(ak, code)
    assert ours == theirs
    assert [v is None for v in a_values] == [v is None for v in t_values]
    for a, t in zip(a_values, t_values):
        if t is not None:
            np.testing.assert_allclose(a, t, rtol=1e-8, atol=1e-12)


@pytest.mark.parametrize("code", [
    "T.maximum(x, w)", "T.minimum(x, w)", "T.max(x, w)", "T.min(x, w)",
    "(x * w).index_add(0, T.tensor([0, 0, 2]), x)",
    "w.index_add(1, T.tensor([3, 0, 0, 1]), x, alpha=2)",
    "w.index_add(1, T.tensor([3, 0, 0, 1]), x, alpha=1.0)",
])
def test_vjp_graphs_with_a_v_that_requires_grad_are_pytorchs(code: str) -> None:
    """maximum/minimum split a tie's gradient with C++'s grad / 2 (DivBackward1); index_add's
    source gradient is index_select, expand_as(source), times alpha (MulBackward1)."""
    assert_same_vjp_graphs(code)


@pytest.mark.parametrize("code", [
    "F.binary_cross_entropy(x.sigmoid(), c.sigmoid())",
    "F.binary_cross_entropy(x.sigmoid(), c.sigmoid(), reduction='sum')",
    "F.binary_cross_entropy(x.sigmoid(), (c > 0).double(), reduction='none')",
    "F.binary_cross_entropy(x.sigmoid(), c.sigmoid(), weight=c.abs())",
])
def test_binary_cross_entropy_double_backward_graph_is_pytorchs(code: str) -> None:
    """binary_cross_entropy_double_backward: the curvature, then · grad_grad · grad, · weight,
    / n (DivBackward1); the weight is no edge of BinaryCrossEntropyBackwardBackward0."""
    assert_same_derivatives(code)


def test_binary_cross_entropy_mixed_partials_with_the_target_are_pytorchs() -> None:
    assert_same_vjp_graphs("F.binary_cross_entropy(x.sigmoid(), w.sigmoid())")


@pytest.mark.parametrize("code", [
    "F.poisson_nll_loss(x, c.abs())", "F.poisson_nll_loss(x, c.abs(), full=True)",
    "F.poisson_nll_loss(x.abs(), c.abs(), log_input=False)",
])
def test_poisson_nll_loss_gradient_graph_is_pytorchs(code: str) -> None:
    """ATen's poisson_nll_loss makes y · x before exp(x) (x's two gradients then add in
    PyTorch's order) and x + eps is an add with a number (AddBackward1)."""
    assert_same_derivatives(code)


@pytest.mark.parametrize("code", [
    "F.soft_margin_loss(x, c.sign())", "F.soft_margin_loss(x, c.sign(), reduction='sum')",
    "F.soft_margin_loss(x * 30, c.sign(), reduction='none')",
])
def test_soft_margin_loss_double_backward_graph_is_pytorchs(code: str) -> None:
    """soft_margin_loss_double_backward: (grad_grad · grad) · t² · z / (z + 1)², then / n."""
    assert_same_derivatives(code)


@pytest.mark.parametrize("code", [
    "T.linalg.svdvals(x)", "T.linalg.svdvals(x.t())", "T.linalg.matrix_norm(x, 'nuc')",
    "T.linalg.norm(x, 2)", "T.linalg.svd(x, full_matrices=False)[1]",
])
def test_singular_values_gradient_graph_is_pytorchs(code: str) -> None:
    """svd_backward with only grad_S: U @ (gS · Vh) when m ≥ n, (U · gS) @ Vh when m < n."""
    assert _derivatives(ak, code, orders=1)[0][0] == _derivatives(torch, code, orders=1)[0][0]
    assert_same_derivatives(code, orders=2)


@pytest.mark.parametrize("code", ["T.linalg.inv(x)", "T.inverse(x) @ c", "x.inverse().t()"])
def test_inverse_double_backward_graph_is_pytorchs(code: str) -> None:
    """linalg_inv_ex's rule -Yᴴ @ (grad @ Yᴴ) takes Yᴴ twice (two TransposeBackward0)."""
    assert_same_derivatives(code, shape=(3, 3))


@pytest.mark.parametrize("code", [
    "F.softmax(x, 1)", "F.softmax(x, 0)", "F.softmin(x, 1)", "F.log_softmax(x, 1)",
    "F.cross_entropy(x, T.tensor([0, 1, 3]))", "F.cross_entropy(x, c.softmax(1))",
    "F.kl_div(F.log_softmax(x, 1), c.softmax(1), reduction='batchmean')",
])
def test_softmax_double_backward_graphs_are_pytorchs(code: str) -> None:
    """softmax_double_backward (g·G - Σ(y·g)·G - g·Σ(y·G)) and log_softmax's -Σg · e^y · G."""
    assert_same_derivatives(code)
