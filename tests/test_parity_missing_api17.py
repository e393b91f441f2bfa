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


# ---- ATen's lower-level operators (native_operators.py) ---------------------------------------

@pytest.mark.parametrize("call", [
    "T.frobenius_norm(x, (1,))", "T.frobenius_norm(x, (0, 1), True)", "T.frobenius_norm(x, 1)",
    "T.frobenius_norm(x, ())", "T.frobenius_norm(x, (0, 1, 0))", "T.frobenius_norm(x.long(), 1)",
    "T.frobenius_norm(x)", "T.frobenius_norm(x.detach(), 1, out=T.empty(2))"])
def test_frobenius_norm(call):
    same(X23 + f"y = {call}\nout += [y, type(y.grad_fn).__name__]\n"
         "y.sum().backward()\nout.append(x.grad)")


@pytest.mark.parametrize("call", [
    "T.nonzero_static(T.tensor([0, 1, 2, 0]), size=3)",
    "T.nonzero_static(T.tensor([0, 1, 2, 0]), size=1, fill_value=7)",
    "T.nonzero_static(T.tensor([[0, 1], [2, 0]]), size=4, fill_value=-5)",
    "T.nonzero_static(T.tensor([0, 1]), size=-1)", "T.tensor([0, 1]).nonzero_static(size=-1)",
    "T.nonzero_static(T.tensor([0, 1]), 2)", "T.nonzero_static(T.tensor(3.), size=2)",
    "T.nonzero_static(T.tensor([0., 1]), size=2.0)"])
def test_nonzero_static(call):
    same(f"out.append({call})")


@pytest.mark.parametrize("call", [
    "T.empty_permuted((2, 3, 4), (0, 2, 1))", "T.empty_permuted((2, 3), (1, 0), "
    "dtype=T.float64, requires_grad=True)", "T.empty_permuted((2, 3), (0, 0))",
    "T.empty_permuted((2, 3), (0,))", "T.empty_permuted((2, 3), (0, 2))",
    "T.empty_permuted((0, 3), (1, 0))"])
def test_empty_permuted(call):
    same(f"y = {call}\nout += [y.shape, y.stride(), y.dtype, y.requires_grad]")


def test_init_num_threads():
    same("out.append(T.init_num_threads())")


def test_native_layer_norm_and_batch_norm_with_their_statistics():
    same("x = T.tensor([[1., 2, 4], [4, 5, 9]], requires_grad=True)\n"
         "w, b = T.tensor([1., 2, 3], requires_grad=True), T.zeros(3, requires_grad=True)\n"
         "for r in (T.native_layer_norm(x, [3], None, None, 1e-5), "
         "T.native_layer_norm(x, [2, 3], None, None, 1e-5), "
         "T.native_layer_norm(x, (3,), w, b, 1e-5), "
         "T.native_batch_norm(x, None, None, None, None, True, 0.1, 1e-5), "
         "T.native_batch_norm(x, w, b, T.zeros(3), T.ones(3), False, 0.1, 1e-5)):\n"
         "    out += [type(r).__name__, [t.round(decimals=4) for t in r], "
         "[t.grad_fn and type(t.grad_fn).__name__ for t in r]]\n"
         "rm, rv = T.zeros(3), T.ones(3)\n"
         "r = T.native_batch_norm(x, w, b, rm, rv, True, 0.1, 1e-5)\n"
         "out += [rm, rv.round(decimals=4)]\n"
         "r[0].sum().backward()\nout += [x.grad.round(decimals=4), w.grad.round(decimals=4)]")


@pytest.mark.parametrize("call", [
    "T.native_dropout(x, 0.5, True)", "T.native_dropout(x, 0.5, False)",
    "T.native_dropout(x, 0.3, None)", "T.native_dropout(x, 1.0, True)",
    "T.native_dropout(x, 0.0, True)", "T.native_dropout(x, 1.5, True)",
    "T.native_dropout(x.long(), 0.5, True)", "T.native_dropout(x, 0.5, 1)"])
def test_native_dropout(call):
    same("T.manual_seed(3)\nx = T.arange(1., 13.).view(3, 4).requires_grad_()\n"
         f"y, m = {call}\nout += [y, m, type(y.grad_fn).__name__, m.requires_grad]\n"
         "y.sum().backward()\nout.append(x.grad)")


@pytest.mark.parametrize("call", [
    "T.convolution(x1, w1, None, [1], [0], [1], False, [0], 1)",
    "T.convolution(x1, w1, b, [2], [1], [1], False, [0], 1)",
    "T.convolution(x1, w1.transpose(0, 1), None, [1], [0], [1], True, [0], 1)",
    "T.convolution(x2, w2, b, [1, 1], [1, 0], [1, 1], False, [0, 0], 1)",
    "T.convolution(x2, w2.transpose(0, 1), None, [2, 1], [0, 0], [1, 1], True, [1, 0], 1)"])
def test_convolution(call):
    same("x1 = T.arange(8.).view(1, 2, 4).requires_grad_()\n"
         "w1 = T.arange(12.).view(3, 2, 2).div(10).requires_grad_()\nb = T.ones(3)\n"
         "x2 = T.arange(18.).view(1, 2, 3, 3).requires_grad_()\n"
         "w2 = T.arange(24.).view(3, 2, 2, 2).div(10).requires_grad_()\n"
         f"y = {call}\nout += [y, type(y.grad_fn).__name__]\n"
         "y.sum().backward()\nout += [t.grad for t in (x1, w1, x2, w2)]")


@pytest.mark.parametrize("call", [
    "T.lstm_cell(x, (h, c), w_ih4, w_hh4, b4, b4)", "T.lstm_cell(x, (h, c), w_ih4, w_hh4)",
    "T.gru_cell(x, h, w_ih3, w_hh3, b3, b3)", "T.rnn_tanh_cell(x, h, w_ih1, w_hh1)",
    "T.rnn_relu_cell(x, h, w_ih1, w_hh1, b1, b1)", "T.lstm_cell(x, h, w_ih4, w_hh4)",
    "T.gru_cell(x, h[:1], w_ih3, w_hh3)", "T.rnn_tanh_cell(x[:, :2], h, w_ih1, w_hh1)"])
def test_rnn_cells(call):
    same("x = T.arange(6.).view(2, 3).div(5).requires_grad_()\n"
         "h, c = T.ones(2, 2).div(3), T.ones(2, 2).div(4)\n"
         "w = {n: T.arange(n * 2 * 5.).view(n * 2, 5).div(40).sub(0.3) for n in (1, 3, 4)}\n"
         "w_ih1, w_hh1, w_ih3, w_hh3, w_ih4, w_hh4 = (w[1][:, :3], w[1][:, 3:], w[3][:, :3], "
         "w[3][:, 3:], w[4][:, :3], w[4][:, 3:])\n"
         "b1, b3, b4 = T.ones(2).div(7), T.ones(6).div(7), T.ones(8).div(7)\n"
         f"r = {call}\nrs = r if isinstance(r, tuple) else (r,)\n"
         "out += [[t.round(decimals=5) for t in rs], [type(t.grad_fn).__name__ for t in rs]]\n"
         "sum(t.sum() for t in rs).backward()\nout.append(x.grad.round(decimals=5))")


# ---- triangular_solve (ops/triangular_solve.py) -----------------------------------------------

TRIANGULAR = ("A = T.tensor([[2., 1, -1], [0.5, 3, 2], [1, 2, 4]], requires_grad=True)\n"
              "b = T.tensor([[1., 2], [2, -1], [3, 1]], requires_grad=True)\n")


@pytest.mark.parametrize("options", [
    "", ", upper=False", ", transpose=True", ", upper=False, transpose=True, unitriangular=True",
    ", unitriangular=True", ", False, True"])
def test_triangular_solve_values_gradients_and_node(options):
    same(TRIANGULAR + f"r = T.triangular_solve(b, A{options})\n"
         "out += [type(r).__name__, r.solution.round(decimals=5), r.cloned_coefficient, "
         "type(r.solution.grad_fn).__name__, r.solution.grad_fn is r[1].grad_fn]\n"
         "ga, gb = T.autograd.grad(r.solution.sum() + (r.cloned_coefficient * 2).sum(), (A, b), "
         "create_graph=True)\nout += [ga.round(decimals=4), gb.round(decimals=4)]\n"
         "(gga,) = T.autograd.grad(gb.pow(2).sum(), A)\nout.append(gga.round(decimals=3) + 0)\n"
         "out.append(b.triangular_solve(A, False).solution.round(decimals=4))")


@pytest.mark.parametrize("call", [
    "T.triangular_solve(b[:, 0], A)", "T.triangular_solve(b, A[:, :1])",
    "T.triangular_solve(T.ones(2, 1), A)", "T.triangular_solve(b, A.double())",
    "T.triangular_solve(b.long(), A.long())", "T.triangular_solve(b.detach(), T.zeros(3, 3))",
    "T.triangular_solve(T.ones(2, 3, 1), A).solution.shape", "T.triangular_solve([1], A)",
    "T.triangular_solve(b, A, 1)", "repr(T.triangular_solve(b.detach(), A.detach()))"])
def test_triangular_solve_errors_batches_and_repr(call):
    same(TRIANGULAR + f"out.append({call})")


def test_triangular_solve_batched_gradients():
    same(TRIANGULAR + "A2 = T.stack([A.detach(), A.detach() * 2]).requires_grad_()\n"
         "r = T.triangular_solve(b, A2)\nr.solution.sum().backward()\n"
         "out += [r.solution.shape, b.grad.round(decimals=4), A2.grad.round(decimals=4)]")


@pytest.mark.parametrize("call", [
    "T.embedding_bag(w, i, o)", "T.embedding_bag(w, i, o, False, 1)",
    "T.embedding_bag(w, i, o, False, 2)", "T.embedding_bag(w2, i, o, False, 2)",
    "T.embedding_bag(w2, i, o, False, 0)",
    "T.embedding_bag(w, i, o, False, 0, False, T.ones(5), False, -1)",
    "T.embedding_bag(w, i, o, False, 2, False, None, False, 3)",
    "T.embedding_bag(w, i, o, False, 1, False, None, False, 3)",
    "T.embedding_bag(w, i, o, False, 0, False, None, False, 3)",
    "T.embedding_bag(w, i, T.tensor([0, 2, 2]), False, 2)", "T.embedding_bag(w, [1], o)"])
def test_embedding_bag_operator(call):
    same("w = T.arange(12.).view(4, 3).requires_grad_()\n"
         "w2 = T.tensor([[1., 5, 2], [4, 0, 3], [2, 2, 9], [7, 1, 1]], requires_grad=True)\n"
         "i, o = T.tensor([0, 2, 1, 3, 3]), T.tensor([0, 2])\n"
         f"r = {call}\nout += [type(r).__name__, len(r), [t.tolist() for t in r], "
         "type(r[0].grad_fn).__name__, [t.dtype for t in r]]\n"
         "r[0].pow(2).sum().backward()\nout += [w.grad, w2.grad]")


def test_embedding_bag_mean_divides_the_sum_as_pytorch_rounds_it():
    same("w = T.tensor([[1., 5, 2], [4, 0, 3], [2, 2, 9], [7, 1, 1]], requires_grad=True)\n"
         "i, o = T.tensor([0, 2, 1, 3, 3]), T.tensor([0, 2])\n"
         "y = T.nn.functional.embedding_bag(i, w, o, mode='mean')\n"
         "out += [y.tolist(), T.embedding_bag(w, i, o, False, 1)[0].tolist()]\n"
         "y.sum().backward()\nout.append(w.grad.tolist())")


# ---- as_strided_scatter, conj_physical, adjoint, igamma_ --------------------------------------

@pytest.mark.parametrize("call", [
    "T.as_strided_scatter(x, T.ones(2), (2,), (1,))",
    "x.as_strided_scatter(T.ones(2, requires_grad=True), (2,), (2,), 1)",
    "T.as_strided_scatter(x, T.ones(2, 2), (2, 2), (3, 1), 1)",
    "T.as_strided_scatter(x, T.ones(3), (2,), (1,))",
    "T.as_strided_scatter(x, T.ones(2), (2,), (9,))",
    "T.as_strided_scatter(x, T.ones(2).long(), (2,), (1,))",
    "T.as_strided_scatter(x.t(), T.zeros(2), (2,), (1,))"])
def test_as_strided_scatter(call):
    same(X23 + f"y = {call}\nout += [y, type(y.grad_fn).__name__, y.grad_fn._saved_size, "
         "y.grad_fn._saved_stride, y.grad_fn._saved_storage_offset]\n"
         "(y * T.arange(6.).view(2, 3)).sum().backward()\nout.append(x.grad)")


def test_conj_physical_adjoint_and_igamma_in_place():
    same(X23 + "out += [T.conj_physical(x) is x, x.conj_physical() is x, T.adjoint(x), "
         "T.adjoint(x).grad_fn.name()]\n"
         "z = x.clone()\nr = z.conj_physical_()\nout += [r is z, z._version, "
         "type(z.grad_fn).__name__]\nz.sum().backward()\nout.append(x.grad)\n"
         "w = x.clone()\nT.conj_physical_(w)\nout.append(type(w.grad_fn).__name__)\n"
         "a, b = T.tensor([1., 2, 3]), T.tensor([2., 1, 0.5])\n"
         "out += [a.clone().igamma_(b), a.clone().igammac_(b)]\n"
         "c = a.clone().requires_grad_().clone()\nc.igamma_(b)\n"
         "out += [c._version, type(c.grad_fn).__name__]\n"
         "T.adjoint(T.ones(3))")


@pytest.mark.parametrize("call", [
    "T.frobenius_norm(T.ones(2, 3), 1)", "T.triangular_solve(T.ones(2, 1), T.eye(2))"])
def test_deprecation_warnings_point_at_the_callers_line(call):
    import subprocess
    import sys

    def warned(module: str) -> list[str]:
        code = (f"import warnings, {module} as T\nwarnings.simplefilter('always')\n"
                f"with warnings.catch_warnings(record=True) as seen:\n    {call}\n    {call}\n"
                "print([(str(w.message), w.filename, w.lineno) for w in seen])")
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              check=True)
        return done.stdout.replace("torch", "autograd_kit")
    assert warned("autograd_kit") == warned("torch")


@pytest.mark.parametrize("call", [
    "F.fractional_max_pool2d_with_indices(T.arange(32.).view(1, 2, 4, 4), 2, output_size=2)",
    "F.fractional_max_pool2d_with_indices(T.arange(32.).view(2, 4, 4), 2, output_ratio=0.5, "
    "return_indices=False)",
    "F.fractional_max_pool3d_with_indices(T.arange(64.).view(1, 1, 4, 4, 4), 2, "
    "output_size=(2, 2, 2))"])
def test_fractional_max_pool_with_indices(call):
    same(f"T.manual_seed(0)\nF = T.nn.functional\nout.append({call})")


@pytest.mark.parametrize("p", [3, 2, 1, "float('inf')"])
def test_vector_norm_in_a_wider_dtype_is_one_node(p):
    same("x = T.tensor([[1., 2, 3], [4, 5, 6]], requires_grad=True)\n"
         f"y = T.linalg.vector_norm(x, {p}, 1, dtype=T.float64)\n"
         "out += [y, [type(n[0]).__name__ for n in y.grad_fn.next_functions], "
         "y.grad_fn._saved_self is x, y.grad_fn._saved_ord]\n"
         "(g,) = T.autograd.grad(y.sum(), x, create_graph=True)\n"
         "out += [g, g.dtype, type(g.grad_fn).__name__]\n"
         "(h,) = T.autograd.grad(g.sum(), x)\nout.append(h)")


def test_renorm_double_backward_graph_is_pytorchs():
    def names(t):
        found, seen, todo = [], set(), [t.grad_fn]
        while todo:
            node = todo.pop(0)
            if node is None or id(node) in seen:
                continue
            seen.add(id(node))
            found.append(type(node).__name__)
            todo += [f for f, _ in node.next_functions]
        return found

    def graph(lib):
        x = lib.tensor([[1., 2, 3], [4, 5, 6]], requires_grad=True)
        (g,) = lib.autograd.grad(lib.renorm(x, 3, 0, 5), x, lib.ones(2, 3), create_graph=True)
        return names(g)
    assert graph(ak) == graph(torch)


@pytest.mark.parametrize("call", [
    "T.native_channel_shuffle(c, 2)", "T.nn.functional.native_channel_shuffle(c, 2)",
    "T.native_channel_shuffle(c, 3)", "T.native_channel_shuffle(c, 0)",
    "T.native_channel_shuffle(T.ones(4), 2)", "T.native_channel_shuffle(c.detach(), 2)"])
def test_native_channel_shuffle_has_no_derivative(call):
    same("c = T.arange(16.).view(1, 4, 2, 2).requires_grad_()\n"
         f"y = {call}\nout += [y, y.grad_fn and y.grad_fn.name()]\ny.sum().backward()")


@pytest.mark.parametrize("call", ["x.histogram(3)", "x.histogram(bins=T.tensor([0., 2, 5]), "
                                  "density=True)", "x.histogram(4, range=(0., 8.))"])
def test_tensor_histogram(call):
    same(f"x = T.tensor([1., 2, 1, 4, 2.5])\nout.append({call})")


@pytest.mark.parametrize("args", ["", "1, 0, 2", "-1, -2, 100", "1, None, 2", "0, 1, None, 1"])
def test_slice_copy_node_shows_its_bounds_as_given(args):
    same("x = T.arange(6., requires_grad=True).view(2, 3)\n"
         f"g = T.slice_copy(x, {args}).grad_fn\n"
         "out += [g._saved_dim, g._saved_start, g._saved_end, g._saved_step, "
         "g._saved_self_sym_sizes]")
