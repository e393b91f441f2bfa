"""PyTorch functions and methods the kit lacked (renorm, rms_norm, the *_copy functions, …),
compared with PyTorch live: values, gradients, grad_fn names, dtypes, errors."""

from __future__ import annotations

import pytest

import autograd_kit as ak
from tests.parity_harness import assert_same

torch = pytest.importorskip("torch")


def same(code: str) -> None:
    assert_same(torch, ak, code)


# ---- renorm ---------------------------------------------------------------------------------

RENORM_INPUT = "x = T.tensor([[1., 2, 3], [4, 5, 6], [0.1, 0.2, 0.3]], dtype=T.float64, " \
               "requires_grad=True)\n"


@pytest.mark.parametrize("p", [2, 1, 3, 1.5, 0.5, "float('inf')"])
@pytest.mark.parametrize("dim", [0, 1, -1])
def test_renorm_values_gradients_and_node(p, dim):
    same(RENORM_INPUT + f"y = T.renorm(x, {p}, {dim}, 5)\n"
         "out += [y.tolist(), type(y.grad_fn).__name__, y.grad_fn._saved_p, "
         "y.grad_fn._saved_dim, y.grad_fn._saved_maxnorm]\n"
         "g = T.arange(9., dtype=T.float64).view(3, 3)\n"
         "(gx,) = T.autograd.grad(y, x, g, create_graph=True)\n"
         "out += [[[round(v, 12) for v in r] for r in gx.tolist()], type(gx.grad_fn).__name__]\n"
         "(gg,) = T.autograd.grad(gx.sum(), x)\n"
         "out.append([[round(v, 9) for v in r] for r in gg.tolist()])")


def test_renorm_float32_half_and_three_dims():
    same("x = T.tensor([[1., 2, 3], [4, 5, 6]])\n"
         "out += [T.renorm(x, 2, 0, 5), x.renorm(1, 1, 3), x.half().renorm(2, 0, 1), "
         "T.ones(2, 3, 4).renorm(3, 1, 1.5), T.ones(2, 0).renorm(3, 1, 1.5)]")


def test_renorm_in_place_is_recorded_as_the_function():
    same("x = T.tensor([[1., 2, 3], [4, 5, 6]], requires_grad=True)\n"
         "z = x.clone()\nr = z.renorm_(2, 0, 5)\n"
         "out += [r is z, z._version, type(z.grad_fn).__name__, z]\n"
         "z.sum().backward()\nout.append(x.grad)\n"
         "x.renorm_(2, 0, 1)")


@pytest.mark.parametrize("call", [
    "T.renorm(x, 2, 5, 5)", "T.renorm(x, -1, 0, 5)", "T.renorm(x, 0, 0, 5)",
    "T.renorm(x, 2, 0, -1)", "T.renorm(x[0], 2, 0, 1)", "T.renorm(T.tensor(3.), 2, 0, 1)",
    "T.renorm(T.tensor([[3, 4]]), 2, 0, 1)", "T.renorm(x, 2, 1.0, 1)", "T.renorm([1], 2, 1, 1)",
    "x.renorm(2, 1)", "x.renorm(2, '0', 1)",
    "T.renorm(x, 2, 0, 1, out=T.empty(2, 3, dtype=T.float64))",
    "T.renorm(x, 2, 0, 1, out=T.empty(2, 3))"])
def test_renorm_errors_and_out(call):
    same(f"x = T.tensor([[3., 4, 0], [0.1, 0.2, 0.3]])\nout.append({call})")


def test_renorm_backward_is_taken_in_float64_for_float32_and_cast_back():
    same("x = T.tensor([[1., 2, 3], [4, 5, 6]], requires_grad=True)\n"
         "y = T.renorm(x, 3, 0, 5)\n"
         "(g,) = T.autograd.grad(y, x, T.ones(2, 3), create_graph=True)\n"
         "node = g.grad_fn.next_functions[1][0]\n"
         "out += [g.dtype, type(node).__name__, type(node.next_functions[0][0]).__name__, "
         "g.tolist()]")


# ---- operator spellings (operator_forms.py) ---------------------------------------------------

X23 = "x = T.tensor([[1., 2, 3], [4, 5, 6]], requires_grad=True)\n"


@pytest.mark.parametrize("call", [
    "T.rms_norm(x, (3,))", "T.rms_norm(x, [3], T.ones(3), 1e-5)", "T.rms_norm(x, [3], eps=1)",
    "T.rms_norm(input=x, normalized_shape=[3])", "T.rms_norm(x, [2, 3])",
    "T.rms_norm([1.], [1])", "T.rms_norm(x, 3)", "T.rms_norm(x, [2])",
    "T.rms_norm(x, [3], [1., 1, 1])"])
def test_rms_norm(call):
    same(X23 + f"y = {call}\nout += [y, type(y.grad_fn).__name__]\n"
         "y.sum().backward()\nout.append(x.grad)")


@pytest.mark.parametrize("call", [
    "T.kl_div(lp, t)", "T.kl_div(lp, t, 0)", "T.kl_div(lp, t, 1)", "T.kl_div(lp, t, 2)",
    "T.kl_div(lp, t.log(), 2, log_target=True)", "T.kl_div(input=lp, target=t, reduction=2)",
    "T.kl_div(lp, t, 2, True)", "T.kl_div(lp, t, 'mean')", "T.kl_div(lp, t.long())",
    "T.kl_div([1.], t)", "T.kl_div(lp, [1.])", "T.kl_div(lp, t, log_target=1)"])
def test_kl_div_operator(call):
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # (the operator does not warn about 'mean')
        same(X23 + "lp = T.log_softmax(x, 1)\nt = T.softmax(T.ones(2, 3), 1)\n"
             f"y = {call}\nout += [y, type(y.grad_fn).__name__]\n"
             "y.sum().backward()\nout.append(x.grad)")


@pytest.mark.parametrize("call", [
    "T.narrow_copy(x, 1, 0, 2)", "T.narrow_copy(x, 1, T.tensor(1), 2)", "T.narrow_copy(x, 0, 0, 5)",
    "T.narrow_copy([1], 0, 0, 1)", "T.narrow_copy(x, 0.0, 0, 1)",
    "T.narrow_copy(x.detach(), 0, 1, 1, out=T.empty(0))"])
def test_narrow_copy_function(call):
    same(X23 + f"y = {call}\nout += [y, type(y.grad_fn).__name__, y._version]\n"
         "y.sum().backward()\nout.append(x.grad)")


DROPOUTS = ["dropout", "dropout_", "alpha_dropout", "alpha_dropout_", "feature_dropout",
            "feature_dropout_", "feature_alpha_dropout", "feature_alpha_dropout_"]


@pytest.mark.parametrize("name", DROPOUTS)
@pytest.mark.parametrize("call", [
    "f(x3.clone(), 2., True)", "f(x3.clone(), 0.5)", "f(T.ones(3), 0.5, True)",
    "f(T.ones(2, 3).long(), 0.5, True)", "f(x3.clone(), 0.5, 1)", "f([1.], 0.5, True)",
    "f(T.ones(2, 3, requires_grad=True).clone(), 0.5, True)",
    "f(T.ones(2, 3, requires_grad=True), 0.5, True)", "f(T.ones(2, 3), 1., True)",
    "f(T.ones(2, 3), 0.5, False)", "f(T.ones(3), 1., True)"])
def test_dropout_operators_shapes_nodes_versions_and_errors(name, call):
    same(f"f = T.{name}\nx3 = T.ones(2, 3, 2)\ny = {call}\n"
         "out += [y.shape, y.grad_fn and type(y.grad_fn).__name__, y._version]")


@pytest.mark.parametrize("name", DROPOUTS)
def test_dropout_operators_draw_the_same_masks(name):
    same(f"T.manual_seed(0)\nx = T.ones(4, 5, 3)\ny = T.{name}(x, 0.4, True)\n"
         "out += [y, y is x, x]")


@pytest.mark.parametrize("call", [
    "T.addmv_(T.zeros(2), a, T.ones(3), beta=2, alpha=3)", "T.addmv_([1.], a, a)",
    "T.ldexp_(T.ones(3), T.tensor([1, 2, 3]))", "T.resize_as_(T.ones(3), T.ones(2, 2)).shape",
    "T.resize_as_(T.ones(3), [1])", "T.as_strided_(T.arange(6.), (2, 2), (1, 2), 1)",
    "T.as_strided_(T.arange(6.), size=(2, 2), stride=(1, 2), storage_offset=1)",
    "T.as_strided_(T.arange(6., requires_grad=True).clone(), (2, 2), (1, 2))"])
def test_inplace_function_forms(call):
    same(f"a = T.tensor([[1., 2, 3], [4, 5, 6]])\ny = {call}\n"
         "out += [y, getattr(y, '_version', None)]")


# ---- the *_copy functions (view_copies.py) ----------------------------------------------------

COPIES = [
    "T.view_copy(x, (3, 2))", "T.view_copy(x, [-1])", "T.view_copy(x.t(), (6,))",
    "T.view_copy(x, T.int32)", "T.permute_copy(x, (1, 0))", "T.t_copy(x)",
    "T.transpose_copy(x, 0, 1)", "T.unsqueeze_copy(x, 0)", "T.squeeze_copy(x.view(1, 2, 3))",
    "T.squeeze_copy(x.view(1, 2, 3), 0)", "T.squeeze_copy(x.view(1, 2, 1, 3), (0, 2))",
    "T.expand_copy(x, (2, 2, 3))", "T.expand_copy(x, (2, -1, 3), implicit=True)",
    "T.select_copy(x, 1, 0)", "T.select_copy(x, -1, -1)", "T.slice_copy(x, 1, 0, 2)",
    "T.slice_copy(x)", "T.slice_copy(x, 1, 0, 3, 2)", "T.slice_copy(x, -1, -2, 100)",
    "T.diagonal_copy(x)", "T.diagonal_copy(x, 1, 0, 1)", "T.alias_copy(x)",
    "T.unbind_copy(x)", "T.unbind_copy(x, 1)", "T.split_copy(x, 2, 1)",
    "T.split_with_sizes_copy(x, [1, 2], 1)", "T.unfold_copy(x, 1, 2, 1)",
    "T.as_strided_copy(x, (2, 2), (1, 2))", "T.as_strided_copy(x, (2, 2), (1, 2), 1)",
]


@pytest.mark.parametrize("call", COPIES)
def test_copy_functions_values_nodes_memory_and_gradients(call):
    same("x0 = T.arange(1., 7., requires_grad=True)\nx = x0.view(2, 3)\n"
         f"r = {call}\nrs = r if isinstance(r, tuple) else (r,)\n"
         "for t in rs:\n"
         "    out.extend([t, t.grad_fn and type(t.grad_fn).__name__, t.is_contiguous(), "
         "t._base is None, t._version, t.requires_grad])\n"
         "    t.detach().zero_() if t.is_floating_point() else None\n"
         "out.append(x)\n"
         "if rs[0].requires_grad:\n"
         "    g = T.autograd.grad([t.sum() * (i + 1) for i, t in enumerate(rs)], x0)\n"
         "    out.append(g)\n"
         "    out.append(rs[0].grad_fn.name())\n"
         "    out.append(sorted(a for a in dir(rs[0].grad_fn) if a.startswith('_saved')))")


@pytest.mark.parametrize("call", [
    "T.view_copy(x, (4,))", "T.permute_copy(x, (0,))", "T.transpose_copy(x, 0, 2)",
    "T.select_copy(x, 0, 5)", "T.expand_copy(x, (3,))", "T.unsqueeze_copy(x, 1.0)",
    "T.t_copy([1])", "T.diagonal_copy(x, 0, 0, 0)", "T.unfold_copy(x, 1, 4, 1)",
    "T.split_copy(x, 0, 1)", "T.view_copy(x.detach(), (6,), out=T.empty(6))",
    "T.t_copy(x.detach(), out=T.empty(0))"])
def test_copy_functions_errors_and_out(call):
    same(f"x = T.arange(1., 7., requires_grad=True).view(2, 3)\ny = {call}\n"
         "out += [y, y._version]")


def test_detach_copy_has_no_derivative():
    same("x = T.arange(1., 7., requires_grad=True)\ny = T.detach_copy(x)\n"
         "out += [y, y.requires_grad, y.is_leaf, type(y.grad_fn).__name__, y.grad_fn.name()]\n"
         "out.append(T.detach_copy(x.detach()).requires_grad)\n"
         "y.sum().backward()")


def test_a_copy_under_no_grad_and_of_a_tensor_without_grad():
    same("x = T.arange(6., requires_grad=True)\n"
         "with T.no_grad():\n    y = T.view_copy(x, (2, 3))\n"
         "out += [y.requires_grad, y.grad_fn, T.unbind_copy(x.detach())[0].grad_fn]\n"
         "v = T.view_copy(x, (2, 3))\nv.add_(1)\nout += [v._version, type(v.grad_fn).__name__, "
         "x._version]")
