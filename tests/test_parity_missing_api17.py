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
