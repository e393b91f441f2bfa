"""Live comparison with PyTorch: argument errors, round 27. PyTorch's parser names an
argument's position only when it was given by position (``kron(): argument 'other' must be
Tensor, not int`` for ``other=1``); snippets run once with PyTorch and once with the kit,
outcomes (the error's type and message, or the result) compared."""

import pytest
from parity_harness import assert_same

import autograd_kit as ak

torch = pytest.importorskip("torch")

_X = "x = T.ones(2, 3)\n"


# arguments given by name: PyTorch's message has no "(position N)"; the kit's hand-written
# checks named one anyway (heaviside, kron, poisson, binomial, masked_scatter_, one_hot,
# size, stride, the functions that take a tensor first), and some took no such name at all
# (torch.outer(x, vec2=y), F.one_hot(input=x))
BY_NAME_CALLS = [_X + f"out.append({call})" for call in (
    "T.heaviside(x, values='a')", "x.heaviside(values='a')", "x.heaviside_(values='a')",
    "x.heaviside('a')", "x.heaviside()", "x.heaviside_()", "T.heaviside(input=x, values=x)",
    "T.kron(x, other=1)", "x.kron(other=1)", "x.kron(1)", "T.kron(x, 1)",
    "T.kron(input=x, other=1)", "T.kron(input=x, other=x).shape",
    "T.exp(input='a')", "T.exp(input=None)", "T.sin(input=[1])", "T.sum(input=1)",
    "T.mean(input=1)", "T.abs(input=1)", "T.sum(input=x)", "T.exp(input=x, out=T.empty(0))",
    "T.poisson('a')", "T.poisson(input='a')", "T.poisson(rates=1)", "T.poisson(x, 1)",
    "T.poisson(x, generator=1)", "T.poisson(x, generator=None).shape",
    "T.binomial(x, prob=1)", "T.binomial(count=1, prob=x)", "T.binomial(x)",
    "T.binomial(x, 1)", "T.binomial(x, x, None).shape",
    "x.masked_scatter_(mask=1, source=x)", "x.masked_scatter_(1, x)",
    "x.masked_scatter_(mask=x > 0, source=1)", "x.masked_scatter(mask=x > 0, source=1)",
    "T.masked_scatter(x, mask=x > 0, source=1)", "T.masked_scatter(x, x > 0, 1)",
    "T.nn.functional.one_hot(x, num_classes='a')",
    "T.nn.functional.one_hot(x.long(), num_classes='a')",
    "T.nn.functional.one_hot(x.long(), num_classes=None)",
    "T.nn.functional.one_hot(x.long(), 2.0)", "T.nn.functional.one_hot(1)",
    "T.nn.functional.one_hot(tensor=x.long())", "T.nn.functional.one_hot(input=x.long())",
    "T.nn.functional.one_hot()", "T.nn.functional.one_hot(x.long(), 3)",
    "x.size(dim='a')", "x.stride(dim='a')", "x.size('a')", "x.size(1.0)", "x.size(1, 2)",
    "x.size(dim=None)", "x.size(dim=1)", "x.size(d=1)", "x.size(True)", "x.size(T.tensor(1))",
    "x.stride(None)", "x.stride(1, 2)", "x.stride(dim=T.tensor(1))",
    "T.cross(x, other=1)", "T.cross(input=x, other=1)", "T.dist(x, other=1)",
    "T.outer(x, vec2=1)", "T.outer(x[0], vec2=x[0]).shape", "T.ger(x[0], vec2=x[0]).shape",
    "T.masked_select(x, mask=1)", "T.take(x, index=1)", "T.logical_and(x, other=1)",
    "T.cdist(x1=x, x2=x).shape", "T.cdist(x, x2=1)",
)]


@pytest.mark.parametrize("code", BY_NAME_CALLS)
def test_arguments_given_by_name(code):
    assert_same(torch, ak, code)


# ... but the functions PyTorch writes in Python pass theirs on by position
PASSED_ON_CALLS = [_X + f"out.append({call})" for call in (
    "T.unique(input=1)", "T.unique_consecutive(input=1)", "T.cdist(x1=1, x2=x)",
    "T.unique(1)", "T.cdist(x, x2=1)", "T.unique(input=x)")]


@pytest.mark.parametrize("code", PASSED_ON_CALLS)
def test_arguments_given_by_name_to_functions_written_in_python(code):
    assert_same(torch, ak, code)


# the kit's checks inside the ops named a position for an argument given by name, to a
# method or a function (x.atan2(other=1), torch.mm(x, mat2=1)); x.index_put(i, 1) and
# torch.index_put_(x, i, 1) counted values' position as the other form does; x.gcd(other=y),
# x.lcm(other=y) were refused, x.cross(1) and x.masked_select(1) failed otherwise
NAMED_INSIDE_CALLS = [_X + f"out.append({call})" for call in (
    "T.atan2(x, other=1)", "x.atan2(other=1)", "x.atan2(1)", "T.fmax(x, other=1)",
    "x.fmax(other=1)", "T.fmin(x, other=1)", "T.hypot(x, other=1)", "x.hypot(other=1)",
    "T.ldexp(x, other=1)", "T.logaddexp(x, other=1)", "x.logaddexp(other=1)",
    "T.logaddexp2(x, other=1)", "T.nextafter(x, other=1)", "x.nextafter(other=1)",
    "T.maximum(x, other=1)", "x.maximum(other=1)", "x.maximum(1)", "T.minimum(x, other=1)",
    "x.minimum(other=1)", "T.matmul(x, other=1)", "x.matmul(other=1)", "x.matmul(1)",
    "T.dot(x, tensor=1)", "x.dot(tensor=1)", "x.dot(1)", "T.mv(x, vec=1)", "x.mv(vec=1)",
    "T.mm(x, mat2=1)", "x.mm(mat2=1)", "x.mm(1)", "T.mm(x, 1)", "T.bmm(x, mat2=1)",
    "T.isclose(x, other=1)", "x.isclose(other=1)", "x.allclose(other=1)",
    "T.index_select(x, 0, index=1)", "x.index_select(0, index=1)",
    "x.index_put_(indices=(T.tensor([0]),), values=1)",
    "x.index_put((T.tensor([0]),), values=1)", "x.index_put((T.tensor([0]),), 1)",
    "T.index_put(x, (T.tensor([0]),), 1)", "T.index_put(x, (T.tensor([0]),), values=1)",
    "x.index_put_((T.tensor([0]),), 1)", "T.index_put_(x, (T.tensor([0]),), 1)",
    "T.index_put_(x, (T.tensor([0]),), values=1)", "T.gcd_(x.long(), 1)",
    "T.gcd_(x.long(), other=1)", "T.logit_(x, 'a')", "T.nan_to_num_(x, 'a')",
    "x.cross(other=1)", "x.cross(1)", "x.cross(other=x, dim=1).shape", "x.outer(vec2=1)",
    "x.ger(vec2=1)", "x.masked_select(mask=1)", "x.masked_select(1)", "x.masked_select(x)",
    "x.masked_select(mask=x > 0).shape", "T.masked_select(x, 1)", "x.take(index=1)",
    "x.dist(other=1)", "x.logical_and(other=1)", "x.equal(other=1)",
    "T.gcd(x.long(), other=1)", "x.long().gcd(other=1)", "x.long().gcd(1)",
    "x.long().gcd(other=x.long()).shape", "x.long().lcm(other=x.long()).shape",
    "T.gcd(input=x.long(), other=x.long()).shape", "T.lcm(x.long(), 1)",
    "x.expand_as(other=1)", "x.view_as(other=1)", "x.reshape_as(other=1)",
    "x.type_as(other=1)",
)]


@pytest.mark.parametrize("code", NAMED_INSIDE_CALLS)
def test_arguments_given_by_name_checked_inside_the_ops(code):
    assert_same(torch, ak, code)


# x.mul's other names have forms of their own, which PyTorch lists for an argument that
# fits none (the kit said "mul(): argument 'other' (position 1) must be Tensor" or NumPy's
# "new(): invalid data type 'str'"); a call given keywords only ends each listed line with
# ", " as its "got" does; torch.where's keywords are read as its arguments are
OTHER_NAME_CALLS = [_X + f"out.append({call})" for call in (
    'x.multiply("a")', "x.multiply(None)", "x.multiply()", "x.multiply(x, 1)",
    'x.multiply_("a")', 'x.multiply(other="a")', 'x.divide("a")', 'x.subtract("a")',
    'x.true_divide("a")', 'x.floor_divide("a")', "x.multiply_(None)", "x.multiply(2)",
    "x.multiply(x)", "x.multiply_(2)", "x.divide(2, rounding_mode='floor')",
    "x.divide(x, rounding_mode=1)", "x.divide_(x, rounding_mode='trunc')",
    "x.subtract(x, alpha=2)", "x.subtract_(x, alpha=2)", "x.subtract(x, alpha='a')",
    "x.true_divide_(2)", "x.floor_divide_(2)", "x.floor_divide(x)", "x.multiply(True)",
    "x.divide(x, 'floor')", "x.subtract(x, 2)", "x.multiply(x, out=x)",
    "x.multiply(T.tensor(2.0, requires_grad=True))", 'T.multiply(x, "a")',
    'x.std(dim="a")', 'x.set_(source=1)', 'x.movedim(source=0.0, destination=1)',
    'T.where(condition=x > 0, input=x, other="a")', 'T.where(x > 0, x, other="a")',
    "T.where(x > 0, input=x, other=2)", 'T.lerp(x, x, weight="a")',
    "T.lerp(x, end=x, weight=0.5)", "x.divide(2.0, rounding_mode=None)",
    "x.divide_(x, rounding_mode=None)",
)]


@pytest.mark.parametrize("code", OTHER_NAME_CALLS)
def test_other_names_of_mul_div_sub_and_keywords_in_listings(code):
    assert_same(torch, ak, code)


# out=: outer/ger cast the result where the kinds allow, as mul's out= does (the kit wanted
# exactly the result's dtype); sum/prod without dim take no out= (a form of their own, listed;
# the kit took it); argmax/argmin take out= of int64 only, with inputs that require grad
# (the kit refused out= for them)
OUT_CALLS = [_X + f"out.append({call})" for call in (
    "T.ger(x[0].long(), x[0].long(), out=T.empty(3, 3))",
    "T.outer(x[0].long(), x[0].long(), out=T.empty(3, 3))",
    "T.outer(x[0], x[0], out=T.empty(3, 3, dtype=T.long))",
    "T.ger(x[0], x[0], out=T.empty(3, 3, dtype=T.long))",
    "T.outer(x[0], x[0], out=T.empty(3, 3, dtype=T.float64))",
    "T.outer(x[0].int(), x[0].long(), out=T.empty(3, 3, dtype=T.int32))",
    "T.sum(x, out=T.empty(2, dtype=T.long))", "T.sum(x, out=T.empty(()))",
    "T.sum(x, dim=None, out=T.empty(()))", "T.sum(x, 0, out=T.empty(3))",
    "T.sum(x, (0, 1), True, out=T.empty(0))", "T.prod(x, out=T.empty(()))",
    "T.prod(x, 0, out=T.empty(3))", "T.mean(x, out=T.empty(()))",
    "T.mean(x, 0, out=T.empty(3))", "T.sum(x, dtype=T.float64, out=T.empty(()))",
    "T.argmax(x, 0, out=T.empty(3))", "T.argmax(x, 0, out=T.empty(3, dtype=T.long))",
    "T.argmin(x, out=T.empty(0, dtype=T.long))",
    "T.argmax(x, 1, True, out=T.empty(0, dtype=T.long))",
    "T.argmax(x, dim=1, keepdim=True, out=T.empty(2, 1, dtype=T.int32))",
    "T.argmax(x, out=1)", "T.argmax(x.requires_grad_(), 0, out=T.empty(3, dtype=T.long))",
    "T.argmax(x, 5, out=T.empty(3, dtype=T.long))",
)]


@pytest.mark.parametrize("code", OUT_CALLS)
def test_out_keyword_of_outer_sum_and_argmax(code):
    assert_same(torch, ak, code)


# the random fills read their numbers (and generator) as PyTorch's parser does: a str, None
# or complex is its TypeError (the kit failed comparing them, or took None), and uniform_'s
# arguments are called from and to (the kit's were a and b)
RANDOM_FILL_CALLS = [_X + f"out.append({call})" for call in (
    "x.uniform_('a')", "x.uniform_(0, 'a')", "x.normal_(std=None)", "x.uniform_(True)",
    "x.uniform_(T.tensor(1.))", "x.uniform_(T.tensor(0.), T.tensor(1.)).shape",
    "x.normal_(None)", "x.exponential_(None)", "x.geometric_()", "x.uniform_(0, 1, 2)",
    "x.uniform_(**{'from': 'a'})", "x.uniform_(to='a')", "x.uniform_(**{'from': 2.0, 'to': 2.0})",
    "x.uniform_(to=0.0, **{'from': 0.0})", "x.cauchy_('a')", "x.log_normal_('a')",
    "x.exponential_(lambd='a')", "x.normal_(generator=1)", "x.uniform_(1 + 2j)",
    "x.normal_(0, -1)", "x.uniform_(2, 1)", "x.normal_(mean=1.0, std=0.0)",
    "x.geometric_(p=2)", "x.geometric_(0.5, T.Generator())", "x.exponential_(-1)",
    "x.cauchy_(sigma=-1)", "x.log_normal_(std=0)", "x.uniform_(a=1)",
    "x.uniform_(generator=T.Generator().manual_seed(0))",
)]


@pytest.mark.parametrize("code", RANDOM_FILL_CALLS)
def test_random_fills_read_their_arguments(code):
    assert_same(torch, ak, code)


# memory_format= of clone, contiguous and is_contiguous: PyTorch's parser names the argument
# and its function (the kit said "memory_format must be a memory_format"), and takes None for
# clone's only
MEMORY_FORMAT_CALLS = [_X + f"out.append({call})" for call in (
    "x.clone(memory_format=1)", "x.clone(memory_format=None).shape",
    "x.contiguous(memory_format=None)", "x.contiguous(memory_format=1)",
    "T.clone(x, memory_format=1)", "x.clone(1)", "T.clone(x, 1)",
    "x.is_contiguous(memory_format=1)", "x.is_contiguous(memory_format=None)",
    "x.contiguous(T.contiguous_format)", "x.clone(memory_format=T.preserve_format).shape",
    "x.contiguous(memory_format=T.contiguous_format).shape",
    "x[None, None].is_contiguous(memory_format=T.channels_last)", "T.clone(1)",
    "x.clone(foo=1)",
)]


@pytest.mark.parametrize("code", MEMORY_FORMAT_CALLS)
def test_memory_format_argument(code):
    assert_same(torch, ak, code)


# torch.nn.functional's functions that are PyTorch's C++ ones (linear, logsigmoid, gelu, …):
# an argument given by name gets no position (the kit's checks named one)
FUNCTIONAL_CALLS = [_X + f"out.append(T.nn.functional.{call})" for call in (
    "linear(x, weight=1)", "linear(x, 1)", "linear(x, T.ones(2, 3), bias=1)",
    "linear(x, T.ones(2, 3), 1)", "linear(input=x, weight=T.ones(2, 3)).shape",
    "logsigmoid(input=1)", "logsigmoid(1)", "gelu(input=1)", "softplus(input=1)",
    "softplus(x, beta='a')", "hardshrink(input=1)", "pdist(input=1)",
    "pixel_shuffle(input=1, upscale_factor=2)", "linear.__name__",
)]


@pytest.mark.parametrize("code", FUNCTIONAL_CALLS)
def test_functional_arguments_given_by_name(code):
    assert_same(torch, ak, code)
