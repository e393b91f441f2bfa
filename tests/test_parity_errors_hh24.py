"""Live comparison with PyTorch: the errors a learner meets for calls that do not fit (too
many or too few arguments, unknown keywords, wrong types), snippets run once with PyTorch and
once with the kit, outcomes (the error's type and message) compared."""

import pytest
from parity_harness import assert_same

import autograd_kit as ak

torch = pytest.importorskip("torch")


# Tensor methods called with arguments that do not fit: PyTorch's parser words them (the
# count leaves out the tensor itself), and a method that takes no arguments says so as
# CPython's built-in methods do ("TensorBase.exp() takes no arguments (1 given)")
METHOD_CALLS = [f"x = T.ones(2, 3)\nout.append(x.{call})" for call in (
    "exp(1)", "exp(foo=1)", "exp(1, foo=1)", "relu(x, x)", "t(0)", "item(1)", "tolist(x)",
    "detach(1)", "dim(foo=2)", "retain_grad(1)", "zero_(0)", "neg(1, 2)", "sign(1)",
    "data_ptr(1)", "floor(1)", "sigmoid(x)", "abs(foo=1)",
    "mul()", "mul(x, x)", "mul(foo=1)", "matmul()", "matmul(x, x)", "mm()", "mm(x.t(), x)",
    "mm(foo=1)", "bmm()", "dot(1, 2, 3)", "mv(foo=1)", "outer()", "outer(x, x, x)",
    "size(0, 1)", "stride(0, 1, 2)", "unbind(0, 1)", "clone(1)", "numpy(1)", "numpy(foo=1)",
    "requires_grad_(True, 1)", "requires_grad_(foo=1)", "float(1)", "long(x, x)",
    "double(T.preserve_format)", "contiguous(T.contiguous_format)",
    "is_contiguous(T.contiguous_format)", "cpu(1)", "int(memory_format=T.preserve_format)"
    ".dtype", "float(memory_format=T.preserve_format).shape",
)]


@pytest.mark.parametrize("code", METHOD_CALLS)
def test_method_calls_that_do_not_fit(code):
    assert_same(torch, ak, code)
