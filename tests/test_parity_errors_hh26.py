"""Live comparison with PyTorch: the errors of calls that fit none of a function's forms
(deprecated overloads, out= tensors, dims given as tensors), snippets run once with PyTorch and
once with the kit, outcomes (the error's type and message, or the result) compared."""

import pytest
from parity_harness import assert_same

import autograd_kit as ak

torch = pytest.importorskip("torch")


# the functions with deprecated forms (x.add(2, y)): PyTorch never shows those, so a call
# that fits no form gets the current form's words: "got (Tensor, !int!, !int!), but expected
# (Tensor other, *, Number alpha = 1)", or the keywords it does not know; the kit said
# "add() takes 1 positional argument but 3 were given" or Python's "missing ... 'mat2'"
DEPRECATED_FORM_CALLS = [f"x = T.ones(2, 2)\nout.append({call})" for call in (
    "x.add(x, 1, 2)", "x.add()", "x.add(1, 2, 3)", "x.add(1, x, 3)", "x.sub(x, 1, 2)",
    "x.sub()", "x.add_(x, 1, 2)", "x.add_()", "T.add(x)", "T.add()", "T.sub(x)",
    "x.add(x, alpha=1, beta=2)", "x.add(x, 1, alpha=2)", "x.add(1, x, alpha=2)",
    "x.sub(x, 2, alpha=1)", "x.add(x, x, alpha=1)", "x.add(x, 1, x)", "x.add((1,), 1, 1)",
    "x.add(x, 1, 2, 3)", "T.add(x, x, x, x, x)", "T.add(x, x, 1, 2)", "T.add(x, out=x)",
    "x.add(1, alpha='a')", "x.add(x, alpha=None)", "x.add(None)", "x.add(2, y=1)",
    "x.addcmul(x, x, 1, 2)", "x.addcmul(x)", "x.addcmul()", "x.addcdiv(x)", "x.addcmul_(x)",
    "T.addcmul(x, x)", "T.addcdiv(x)", "T.addcdiv(x, x, x, x, x)",
    "x.addmm(x)", "x.addmm(x, x, 1, 2, 3)", "x.addmm(x, x, x)", "x.addmm_(x)",
    "x.addmm(x, x, alpha=1, beta=1, gamma=1)", "T.addmm(x, x)", "T.addmm(x, x, x, x)",
    "x.addmv(x)", "T.addmv(x)", "x.addr(x)", "T.addr(x)", "x.baddbmm(x)", "T.baddbmm(x)",
    "x.addbmm(x)", "T.addbmm(x)",
)]


@pytest.mark.parametrize("code", DEPRECATED_FORM_CALLS)
def test_calls_fitting_no_form_of_a_function_with_deprecated_forms(code):
    assert_same(torch, ak, code)
