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
