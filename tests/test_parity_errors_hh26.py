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


# out=(values, indices) for the functions that return a pair: PyTorch writes both, resizes
# them (warning where they had elements), returns return_types.<name>_out holding them, and
# refuses an out of another dtype with each kernel's words, a tuple of another length, an
# item that is no tensor, and grad; the kit refused out= ("got an unexpected keyword")
_X = "x = T.tensor([[1., 5, 2], [7, 0, 3]])\n"
_PAIR = "(T.empty(0), T.empty(0, dtype=T.long))"
PAIR_OUT_CALLS = [_X + code for code in (
    "v = T.empty(2); i = T.empty(2, dtype=T.long); r = T.max(x, 1, out=(v, i))\n"
    "out.extend([r, r.values is v, r.indices is i, type(r).__name__, v._version])",
    "import warnings\nwith warnings.catch_warnings(record=True) as w:\n"
    "    warnings.simplefilter('always')\n"
    "    r = T.max(x, 1, keepdim=True, out=(T.empty(5), T.empty(5, dtype=T.long)))\n"
    "out.extend([r, [str(m.message) for m in w], w[0].filename == __file__])",
    "out.append(T.min(x, 0, out=[T.empty(0), T.empty(0, dtype=T.long)]))",
    f"out.append(T.max(x, 1, True, out={_PAIR}))",
    f"out.append(T.max(x, dim=1, out={_PAIR}))",
    f"out.append(T.sort(x, 1, descending=True, out={_PAIR}))",
    f"out.append(T.sort(x, stable=True, out={_PAIR}))",
    "out.append(T.sort(x, stable=True, out=(T.empty(0), 1)))",
    f"out.append(T.topk(x, 2, out={_PAIR}))", f"out.append(T.median(x, 1, out={_PAIR}))",
    f"out.append(T.median(x, out={_PAIR}))", f"out.append(T.kthvalue(x, 2, 0, out={_PAIR}))",
    f"out.append(T.mode(x, out={_PAIR}))", f"out.append(T.cummin(x, 1, out={_PAIR}))",
    "out.append(T.aminmax(x, out=(T.empty(0), T.empty(0))))",
    "out.append(T.aminmax(x, dim=0, out=(T.empty(0), T.empty(0))))",
    "out.append(T.aminmax(x, out=T.empty(0)))",
    "out.append(T.max(x, out=T.empty(2)))", "out.append(T.max(x, out=T.empty(0, dtype=T.long)))",
    "out.append(T.max(x, out=T.empty(0, dtype=T.float64)))",
    "out.append(T.max(x, out=(T.empty(0), T.empty(0))))",
    "out.append(T.max(x, x.flip(0), out=T.empty(0)))",
    "out.append(T.min(x, x.flip(0), out=(T.empty(0),)))",
    f"out.append(T.max(x, 1, keepdim=2, out={_PAIR}))", f"out.append(T.max(x, 5, out={_PAIR}))",
    f"with T.no_grad():\n    out.append(T.max(x.requires_grad_(), 1, out={_PAIR}))",
    f"out.append(T.max(x.long(), 1, out={_PAIR}))",
    f"out.append(x.max(1, out={_PAIR}))", f"out.append(x.sort(1, out={_PAIR}))",
)] + [  # out sharing the input's memory: most kernels refuse part of it, all an expanded out
    "b = T.arange(16.).view(4, 4)\nx = b[:3]\n"
    f"out.extend([T.{call}(x, {arg}out=({values}, T.empty({shape}, dtype={index}))), b])"
    for call, arg, shape, size, index in (
        ("max", "0, ", "4", 4, "T.long"), ("sort", "0, ", "3, 4", 12, "T.long"),
        ("topk", "3, ", "3, 3", 9, "T.long"), ("kthvalue", "1, ", "3", 3, "T.long"),
        ("mode", "0, ", "4", 4, "T.long"), ("aminmax", "dim=0, ", "4", 4, "T.float"),
        ("median", "0, ", "4", 4, "T.long"))
    for values in (f"b.view(-1)[1:{size + 1}].view({shape})", f"T.zeros(1).expand({shape})",
                   f"T.empty({shape})")
] + [
    _X + f"out.append(T.{call}(x, {arg}out={pair}))"
    for call, arg in (("max", "1, "), ("sort", "1, "), ("topk", "2, "), ("median", "1, "),
                      ("nanmedian", "1, "), ("kthvalue", "1, "), ("mode", "1, "),
                      ("cummax", "1, "), ("aminmax", ""))
    for pair in ("(T.empty(0), T.empty(0))", "(T.empty(0, dtype=T.long), T.empty(0))",
                 "(T.empty(0, dtype=T.float64), T.empty(0, dtype=T.long))",
                 "(T.empty(0), T.empty(0, dtype=T.int32))", "(T.empty(0),)",
                 "T.empty(0)", "(T.empty(0), 1)")
] + [_X + f"out.append(T.{call}(x.requires_grad_(), 1, out={_PAIR}))"
     for call in ("max", "sort", "cummax")]


@pytest.mark.parametrize("code", PAIR_OUT_CALLS)
def test_out_pairs_of_values_and_indices(code):
    assert_same(torch, ak, code)


# a tensor of one integer element as a dim or an index: PyTorch reads it as that int where the
# argument is a list of one int (int[1]: sum, mean, std, amax ...), a SymInt (select's index,
# narrow's start and length, tril's diagonal), or the one positional list of a method that
# spreads it (x.squeeze(t), x.count_nonzero(t)); the kit refused it with the forms listed
ONE_ELEMENT_CALLS = [f"x = T.ones(2, 1)\nout.append({call})" for call in (
    "x.sum(T.tensor([0]))", "x.sum(T.tensor([[0]]))", "x.sum(T.tensor([0]), keepdim=True)",
    "x.sum(dim=T.tensor([1]))", "T.sum(x, T.tensor([1]))", "x.sum(T.tensor([1], dtype=T.uint8))",
    "x.sum(T.tensor([True]))", "x.sum(T.tensor(True))", "x.sum(T.tensor([0, 1]))",
    "x.sum(T.tensor([0.]))", "x.sum(T.tensor([5]))", "x.mean(T.tensor([1]))",
    "T.mean(x, dim=T.tensor([[1]]))", "x.nansum(T.tensor([1]))", "x.nanmean(T.tensor([1]))",
    "x.amax(T.tensor([1]))", "x.amin(dim=T.tensor([1]))", "T.amax(x, T.tensor([1]))",
    "x.logsumexp(T.tensor([1]))", "x.std(T.tensor([1]))", "x.var(dim=T.tensor([1]))",
    "T.std_mean(x, T.tensor([1]))", "x.count_nonzero(T.tensor([1]))",
    "x.count_nonzero(dim=T.tensor([1]))", "T.count_nonzero(x, T.tensor([1]))",
    "x.squeeze(T.tensor([1]))", "x.squeeze(dim=T.tensor([1]))", "T.squeeze(x, T.tensor([1]))",
    "x.squeeze(T.tensor([0, 1]))", "x.all(T.tensor([1]))", "x.prod(T.tensor([1]))",
    "x.select(0, T.tensor([1])).shape", "T.select(x, 0, T.tensor([1])).shape",
    "x.narrow(0, 0, T.tensor([1]))", "T.narrow(x, 0, 0, T.tensor([1]))",
    "T.narrow(x, 0, T.tensor([0]), 1)", "x.narrow(0, 0.5, 1)", "x.tril(T.tensor([0]))",
    "T.tril(x, T.tensor([0]))", "x.tril(1.5)", "x.roll(1, T.tensor(0))",
    "x.roll(T.tensor([1]), T.tensor([1]))",
)] + ["x = T.ones(2, 1, requires_grad=True)\ny = x.sum(T.tensor([1]))\n"
      "out.extend([y, y.grad_fn._saved_dim])"]


@pytest.mark.parametrize("code", ONE_ELEMENT_CALLS)
def test_tensors_of_one_int_as_dims_and_indices(code):
    assert_same(torch, ak, code)


# division's arguments: a rounding_mode that is no str lists div's (divide's) forms, where the
# kit said div's RuntimeError for a wrong word; true_divide takes no rounding_mode (the kit
# used div's); PyTorch's parser takes a number for true_divide's and copysign's tensors; and
# x.mul's errors name mul (the kit said multiply, its other name)
DIVISION_CALLS = [f"x = T.tensor([5, -3])\nout.append({call})" for call in (
    "x.div(2, rounding_mode=1)", "x.divide(2, rounding_mode=1)", "x.div_(2, rounding_mode=1)",
    "x.divide_(2, rounding_mode=1)", "T.div(x, 2, rounding_mode=1)",
    "T.divide(x, 2, rounding_mode=1)", "T.div(x, x, rounding_mode=1)",
    "x.div(x, rounding_mode=1)", "x.div(2, rounding_mode='x')", "x.div(2, rounding_mode=None)",
    "x.true_divide(2, rounding_mode='floor')", "x.true_divide_(2, rounding_mode='floor')",
    "T.true_divide(x, 2, rounding_mode=None)", "T.true_divide(2, x)",
    "T.true_divide(x, 2, y=1)", "T.true_divide(x, 'a')", "T.copysign(2, x)",
    "T.floor_divide(x, 2, rounding_mode=None)", "x.mul(x, alpha=2)", "x.mul_(x, y=1)",
    "x.multiply(x, alpha=2)", "x.mul(x, other=x)",
)]


@pytest.mark.parametrize("code", DIVISION_CALLS)
def test_division_arguments(code):
    assert_same(torch, ak, code)


# arguments of no kind a function takes: where's and lerp's forms are listed for a str or a
# list (the kit failed converting it: "new(): invalid data type 'str'"), and an index that is
# a set or a dict is PyTorch's IndexError, a bytes one its TypeError (the kit's AttributeError)
NO_KIND_CALLS = [f"x = T.ones(2, 3)\n{call}" for call in (
    "out.append(T.where(x > 0, x, 'a'))", "out.append(T.where(x > 0, [1], x))",
    "out.append(T.where(x > 0, None, x))", "out.append(T.where(x > 0, 1, 2.))",
    "out.append(T.where(x > 0, T.tensor(1.), 2))", "out.append(x.where(x > 0, 'a'))",
    "out.append(T.lerp(x, x, 'a'))", "out.append(T.lerp(x, 1, 0.5))",
    "out.append(x[{0}])", "out.append(x[(slice(0, 1), {0})])", "out.append(x[{1: 2}])",
    "out.append(x[b'a'])", "out.append(x['a'])", "out.append(x[1.5])",
    "out.append(x[range(2)].shape)", "x[{0}] = 1",
)]


@pytest.mark.parametrize("code", NO_KIND_CALLS)
def test_arguments_of_no_kind_taken(code):
    assert_same(torch, ak, code)


# masked_fill's two forms (its value a tensor or a number) listed for a call that fits neither
# (the kit said 'missing 1 required positional arguments: "value"')
MASKED_FILL_CALLS = [f"x = T.ones(2, 3)\nout.append({call})" for call in (
    "x.masked_fill(x > 0)", "x.masked_fill()", "x.masked_fill_(x > 0)",
    "T.masked_fill(x, x > 0)", "T.masked_fill(x, x > 0, 'a')", "T.masked_fill(x, x > 0, 2.)",
    "x.masked_fill(x > 0, 'a')", "x.masked_fill(x > 0, None)", "x.masked_fill(x > 0, 1, 2)",
    "x.masked_fill(mask=x > 0, value=1)", "T.masked_fill(2, x > 0, 1)",
    "x.masked_fill(x > 0, y=1)",
)]


@pytest.mark.parametrize("code", MASKED_FILL_CALLS)
def test_masked_fill_forms(code):
    assert_same(torch, ak, code)


# fill's two forms (a Tensor or a Number value) listed for a call that fits neither: x.fill_(),
# torch.fill(x), torch.fill_(x) (the kit said 'missing 1 required positional arguments')
FILL_CALLS = [f"x = T.ones(2, 3)\nout.append({call})" for call in (
    "x.fill_()", "x.fill_('a')", "x.fill_(None)", "x.fill_(1, 2)", "x.fill_(value=2)",
    "x.fill_(y=2)", "x.fill_(T.ones(2))", "T.fill(x)", "T.fill(x, 2)", "T.fill_(x)",
    "T.fill(x, 'a')", "T.fill_(x, 'a')", "T.fill_(x, 3)", "T.fill(1, 3)",
)]


@pytest.mark.parametrize("code", FILL_CALLS)
def test_fill_forms(code):
    assert_same(torch, ak, code)
