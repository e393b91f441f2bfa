"""Nodes recorded by backward rules under ``create_graph=True`` carry PyTorch's names
(values checked by gradgradcheck); the expected names were read from PyTorch 2."""

import pytest

import autograd_kit as T

CASES = [
    ("x.max()", "MaskedFillBackward1", [None, "DivBackward0"]),
    ("x.min()", "MaskedFillBackward1", [None, "DivBackward0"]),
    ("x.index_select(1, idx)", "IndexAddBackward0", [None, "MulBackward0"]),
    ("x.take(idx)", "PutBackward0", [None, "MulBackward0"]),
    ("x[:, [0, 1]]", "IndexPutImplBackward0", [None, "MulBackward0"]),
    ("x[x > 0]", "IndexPutImplBackward0", [None, "MulBackward0"]),
    ("x[0]", "SelectBackwardBackward0", ["MulBackward0"]),
    ("x.select(1, 2)", "SelectBackwardBackward0", ["MulBackward0"]),
    ("x[1:, ::2]", "SliceBackwardBackward0", ["SliceBackwardBackward0"]),
    ("x.narrow(1, 1, 2)", "SliceBackwardBackward0", ["MulBackward0"]),
    ("x[1, [0, 2]]", "SelectBackwardBackward0", ["IndexPutImplBackward0"]),
    ("T.trace(x)", "ViewBackward0", ["IndexFillBackward1"]),
    ("T.trace(x[:, :3])", "SliceBackwardBackward0", ["ViewBackward0"]),
    ("x.mean()", "DivBackward1", ["ExpandBackward0"]),
    ("x.mean(1)", "DivBackward1", ["ExpandBackward0"]),
    ("x.squeeze()", "MulBackward0", [None, "MulBackward1"]),
    ("x.unsqueeze(1).squeeze(1)", "SqueezeBackward1", ["UnsqueezeBackward0"]),
    ("x[:, None, :, None].squeeze()", "SqueezeBackward1", ["SqueezeBackward1"]),
    ("x.norm()", "MulBackward0", ["MulBackward0", "MaskedFillBackward0"]),
    ("x.norm(dim=1)", "MulBackward0", ["UnsqueezeBackward0", "MaskedFillBackward0"]),
    ("x.norm(p=1)", "MulBackward0", ["SgnBackward0", "MulBackward0"]),
    ("x.norm(p=float('inf'))", "MulBackward0", ["SgnBackward0", "MulBackward0"]),
    ("T.linalg.vector_norm(x, 3)", "MulBackward0", ["MulBackward0", "MaskedFillBackward0"]),
    ("T.linalg.matrix_norm(x)", "MulBackward0", ["UnsqueezeBackward0", "MaskedFillBackward0"]),
    ("x.var()", "MulBackward0", ["MulBackward1", "SubBackward0"]),
    ("x.std(1)", "MulBackward0", ["MulBackward1", "SubBackward0"]),
    ("x.prod()", "MulBackward0", ["MulBackward0", "DivBackward0"]),
    ("x.prod(1)", "MulBackward0", ["UnsqueezeBackward0", "DivBackward0"]),
    ("x.logsumexp(1)", "MulBackward0", ["UnsqueezeBackward0", "ExpBackward0"]),
    ("x.sum((0, 1))", "ExpandBackward0", ["UnsqueezeBackward0"]),
    ("x.sum()", "ExpandBackward0", ["MulBackward0"]),
    ("x.amax(1)", "MulBackward0", ["DivBackward0", None]),
]


def _names(code: str) -> tuple[str, list]:
    T.manual_seed(0)
    x = T.randn(3, 4, dtype=T.float64, requires_grad=True)
    idx = T.tensor([0, 2])  # noqa: F841  (used by the code)
    g, = T.autograd.grad(eval(code).pow(2).sum(), x, create_graph=True)
    return g.grad_fn.name(), [n.name() if n else None for n, _ in g.grad_fn.next_functions]


@pytest.mark.parametrize("code,name,nexts", CASES)
def test_second_order_graph_names_are_pytorchs(code: str, name: str, nexts: list) -> None:
    assert _names(code) == (name, nexts)


MORE = ["x.amax()", "x.amin(1)", "x.amax((0, 1), keepdim=True)", "x.sum((0, 1))",
        "T.linalg.vector_norm(x, 1.5, dim=0)", "T.linalg.vector_norm(x, 0.5)",
        "x.norm(p=-float('inf'), dim=1)", "x.std()", "x.var(0, keepdim=True)", "x.std((0, 1))",
        "x[0].var()", "x.prod(0, keepdim=True)", "x.logsumexp((0, 1))",
        "x.view(3, 1, 4, 1).squeeze()", "x.view(1, 12).squeeze(0)",
        "x[[0, 0], [1, 1]]", "x[...]", "x.index_select(0, T.tensor([2, 2]))"]


@pytest.mark.parametrize("code", [c for c, _, _ in CASES] + MORE)
def test_second_derivatives_through_the_renamed_nodes_are_right(code: str) -> None:
    T.manual_seed(1)
    x = T.randn(3, 4, dtype=T.float64, requires_grad=True)
    idx = T.tensor([0, 2])

    def fn(x: T.Tensor) -> T.Tensor:
        return eval(code, {"T": T, "x": x, "idx": idx})

    assert T.autograd.gradcheck(fn, (x,))
    assert T.autograd.gradgradcheck(fn, (x,))


def test_max_of_all_shares_the_gradient_among_ties_and_nans() -> None:
    x = T.tensor([1.0, 3.0, 3.0], requires_grad=True)
    g, = T.autograd.grad(x.max() ** 2, x, create_graph=True)
    assert g.tolist() == [0.0, 3.0, 3.0] and g.grad_fn.name() == "MaskedFillBackward1"
    x = T.tensor([1.0, float("nan"), 3.0], requires_grad=True)
    g, = T.autograd.grad(x.max(), x)
    assert g.tolist() == [0.0, 1.0, 0.0]


def test_trace_gradient_values_and_shape() -> None:
    x = T.ones(2, 3, requires_grad=True)
    g, = T.autograd.grad(T.trace(x) * 3, x, create_graph=True)
    assert g.tolist() == [[3.0, 0.0, 0.0], [0.0, 3.0, 0.0]]


def test_norm_and_std_at_zero_keep_pytorchs_values() -> None:
    x = T.tensor([[0.0, 1.0, -2.0], [0.0, 0.0, 0.0]], dtype=T.float64, requires_grad=True)
    g, = T.autograd.grad(x.norm(dim=1).pow(2).sum(), x, create_graph=True)
    assert g.tolist() == [[0.0, 2.0, -4.0], [0.0, 0.0, 0.0]]
    h, = T.autograd.grad((g * g).sum(), x)
    assert h[0].tolist() == [0.0, 8.0, -16.0] and bool(h[1].isnan().all())  # as PyTorch
    y = T.tensor([[1.0, 1.0], [2.0, 3.0]], dtype=T.float64, requires_grad=True)
    g, = T.autograd.grad(y.std(1).sum(), y, create_graph=True)
    assert [round(v, 4) for v in g.reshape(-1).tolist()] == [0.0, 0.0, -0.7071, 0.7071]


def test_prod_with_zeros_is_viewed_back_as_pytorchs() -> None:
    x = T.tensor([[1.0, 0.0], [0.0, 3.0]], dtype=T.float64, requires_grad=True)
    g, = T.autograd.grad(x.prod(), x, create_graph=True)
    assert g.grad_fn.name() == "ViewBackward0" and g.tolist() == [[0.0, 0.0], [0.0, 0.0]]


def test_amax_restores_the_reduced_dims_with_a_view() -> None:
    x = T.tensor([[1.0, 3.0, 3.0], [2.0, 0.0, 2.0]], requires_grad=True)
    g, = T.autograd.grad(x.amax(1).pow(2).sum(), x, create_graph=True)
    assert g.tolist() == [[0.0, 3.0, 3.0], [2.0, 0.0, 2.0]]
    division = g.grad_fn.next_functions[0][0]
    assert division.next_functions[0][0].name() == "ViewBackward0"


def _written(statement: str) -> T.Tensor:
    T.manual_seed(0)
    x = T.randn(3, 4, dtype=T.float64, requires_grad=True)
    y = x * 1
    exec(statement, {"T": T, "x": x, "y": y, "idx": T.tensor([0, 2])})
    g, = T.autograd.grad(y.pow(2).sum(), x, create_graph=True)
    return g


@pytest.mark.parametrize("statement", ["y[idx] = 0.", "y[y > 0] = 0.",
                                       "y.index_put_((idx,), T.zeros(4, dtype=T.float64))"])
def test_index_put_backward_records_an_index_put_of_zeros(statement: str) -> None:
    g = _written(statement)
    assert [n.name() if n else None for n, _ in g.grad_fn.next_functions] == \
        ["IndexPutBackward0", None]


@pytest.mark.parametrize("statement", ["y[:] = 5.", "y[:, :] = 1.", "y.fill_(1.)"])
def test_whole_overwrite_sends_constant_zeros(statement: str) -> None:
    g = _written(statement)
    assert g.grad_fn is None and g.tolist() == [[0.0] * 4] * 3
