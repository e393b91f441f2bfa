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


# a layer made with arguments that do not fit: Python's words, naming the constructor as
# PyTorch's layers name theirs (Conv2d's own, MaxPool2d's base's: _MaxPoolNd), and counting
# the arguments PyTorch's constructor takes (Conv2d: no output_padding)
LAYERS = ("Conv1d", "Conv2d", "Conv3d", "ConvTranspose2d", "MaxPool1d", "MaxPool2d",
          "AvgPool3d", "AdaptiveAvgPool2d", "AdaptiveMaxPool1d", "ZeroPad2d", "ConstantPad1d",
          "ReflectionPad2d", "CircularPad1d", "LogSoftmax", "Softmin", "SiLU", "Mish",
          "Softshrink", "Hardsigmoid", "MaxUnpool2d", "FractionalMaxPool2d", "LazyConv2d",
          "LazyConvTranspose1d", "BatchNorm1d", "Dropout", "MSELoss", "BCELoss", "Linear")
LAYER_CALLS = [f"out.append(T.nn.{layer}({arguments}))" for layer in LAYERS
               for arguments in ("", "foo=1", ", ".join(map(str, range(1, 21))))]
LAYER_CALLS += [
    "out.append(T.nn.Conv2d(3, 16))",
    "out.append(T.nn.Conv2d(3, 16, kernel=3))",
    "out.append(T.nn.MaxPool2d())",
    "out.append(T.nn.Conv2d(1, 1, 1, 1, 0, 1, 1, True, 'zeros', None, None, 0))",
    "m = T.nn.Conv2d(1, 2, 3, 1, 1, 1, 1, False, 'zeros', None, T.float64)\n"
    "out += [m, m.weight.shape, m.weight.dtype, m.bias, m.transposed, m.output_padding]",
    "m = T.nn.ConvTranspose2d(1, 2, 3, 2, 1, 1)\n"
    "out += [m, m.weight.shape, m.transposed, m.output_padding]",
    "m = T.nn.LazyConvTranspose2d(2, 3, output_padding=1, stride=2)\n"
    "out += [m.output_padding, m.transposed]",
    "class C(T.nn.Conv2d):\n  pass\nout.append(C(1, 2))",
    "class C(T.nn.Conv2d):\n  def __init__(self):\n    super().__init__(1, 2, 3)\n"
    "out.append(C().weight.shape)",
]


@pytest.mark.parametrize("code", LAYER_CALLS)
def test_layer_constructors_that_do_not_fit(code):
    assert_same(torch, ak, code)


# torch.* functions called with too few arguments (or an unknown keyword beside): PyTorch
# names the missing ones as its parser does ("input", "other", "vec2", never the kit's own
# "x" or "b"), and lists its forms where it has several (eq, pow, sum, max, std, ...)
FUNCTION_CALLS = [f"x = T.ones(2, 3)\nout.append(T.{name}({arguments}))"
                  for name in ("exp", "relu", "t", "clone", "zeros_like", "matmul", "outer",
                               "maximum", "allclose", "unsqueeze", "cumsum", "topk", "chunk",
                               "mul", "eq", "gt", "pow", "fmod", "remainder", "sum", "mean",
                               "max", "min", "prod", "std", "var", "where", "squeeze", "sort")
                  for arguments in ("", "x", "x, foo=1")]


@pytest.mark.parametrize("code", FUNCTION_CALLS)
def test_functions_missing_arguments(code):
    assert_same(torch, ak, code)


# reductions: a dtype= that is no dtype is refused (x.sum(dtype='float'): the forms listed, or
# "must be torch.dtype" where one form alone takes the call), and a call with more arguments
# than any form takes says so before its keepdim is read
REDUCTION_CALLS = [f"x = T.ones(2, 3)\nout.append({call})" for call in (
    "x.sum(dtype='float')", "x.sum(0, dtype='float64')", "x.sum(None, dtype='a')",
    "x.sum(dim=0, dtype='x')", "x.sum(axis=0, dtype='x')", "x.sum(dtype=numpy.float64)",
    "x.sum(dtype=float)", "x.mean(dtype='float')", "x.mean(1, dtype='x')",
    "x.prod(dtype='float')", "x.prod(0, dtype='x')", "x.nansum(dtype='float')",
    "x.logsumexp(0, dtype='x')", "T.sum(x, dtype='float')", "T.mean(x, 0, dtype='x')",
    "T.prod(x, 0, dtype='x')", "T.sum(x, (0,), dtype=1)", "x.sum(0, True, 1)",
    "x.sum(0, True, T.float64)", "x.mean(0, True, 1)", "x.sum(1, 2, 3, 4)", "x.max(x, x, x)",
    "x.all(1, 2, 3)", "x.any(foo=1)", "x.prod(x, x, x)", "x.std(1, 2, 3, 4, 5)",
    "x.argmax(0, True, 1)", "x.amax(1, 2, 3, 4)", "T.argmax(x, 0, True, 1)",
    "T.nansum(x, 0, True, 1, 2)", "x.round(1)", "x.round(foo=1)", "x.sum(0, True)",
    "x.sum(dtype=T.float64)", "x.mean(0, dtype=T.float64)",
)]


@pytest.mark.parametrize("code", REDUCTION_CALLS)
def test_reduction_arguments_that_do_not_fit(code):
    import numpy

    assert_same(torch, ak, code, numpy=numpy)


# methods with a tensor-or-number argument (x.eq(), x.pow(1, 2), x.fmod(foo=1)): PyTorch lists
# both forms, as its functions do
PAIR_CALLS = [f"x = T.ones(2, 3)\nout.append(x.{name}({arguments}))"
              for name in ("eq", "ne", "lt", "gt", "le", "ge", "fmod", "remainder", "pow",
                           "mul", "matmul")
              for arguments in ("", "foo=1", "x, x, x", "1, 2, 3")]


@pytest.mark.parametrize("code", PAIR_CALLS)
def test_methods_of_two_forms(code):
    assert_same(torch, ak, code)


# out= that is also one of an elementwise op's inputs: PyTorch refuses to resize it to the
# broadcast shape (as x.add_(y) would), where another out= is resized with a warning
OUT_CALLS = [f"x = T.ones(3)\nout.append({call})\nout.append(x)" for call in (
    "T.add(x, T.ones(2, 3), out=x)", "T.mul(T.ones(2, 3), x, out=x)",
    "T.maximum(x, T.ones(2, 3), out=x)", "T.pow(x, T.ones(2, 3), out=x)",
    "T.atan2(x, T.ones(2, 3), out=x)", "T.where(x > 0, x, T.ones(2, 3), out=x)",
    "T.clamp(x, T.ones(2, 3), out=x)", "T.lerp(x, T.ones(2, 3), 0.5, out=x)",
    "T.eq(x, T.ones(2, 3), out=x)", "T.add(x, 1, out=x)",
    "T.add(x, T.ones(2, 3), out=T.ones(3))", "T.add(T.ones(1), T.ones(3), out=x)",
)]


@pytest.mark.parametrize("code", OUT_CALLS)
def test_out_that_is_an_input_is_not_resized(code):
    assert_same(torch, ak, code)


# F.linear with too few arguments (the weight forgotten): PyTorch's parser words
LINEAR_CALLS = [f"out.append(T.nn.functional.linear({arguments}))" for arguments in (
    "T.ones(2, 3)", "", "T.ones(2, 3), foo=1", "T.ones(2, 3), T.ones(4, 3), T.ones(4), 1",
    "T.ones(2, 3), T.ones(4, 3)", "input=T.ones(2, 3), weight=T.ones(4, 3)",
    "T.ones(2, 3), weight=T.ones(4, 3), bias=None", "[1.], T.ones(4, 3)",
)]


@pytest.mark.parametrize("code", LINEAR_CALLS)
def test_linear_missing_arguments(code):
    assert_same(torch, ak, code)
