"""Live comparison with PyTorch: tensors, views, indexing, creation and printing, as
learners use them (snippets run once with PyTorch and once with the kit, outcomes compared)."""

import numpy
import pytest
from parity_harness import assert_same

import autograd_kit as ak

torch = pytest.importorskip("torch")


# Indexing with integer arrays lays its result out by TensorIterator's order, and every
# dimension gets the stride of the dimensions inside it, size-1 ones included:
# x[:, [1]] of a (2, 3, 4) tensor has strides (4, 4, 1), where NumPy's result has (4, 8, 1).
INDEX_STRIDES = [
    "x = T.arange(24.).view(2, 3, 4); y = x[:, [1]]; out += [y.shape, y.stride()]",
    "x = T.arange(24.).view(2, 3, 4); y = x[:, :, [2]]; out += [y.shape, y.stride()]",
    "x = T.arange(24.).view(2, 3, 4); y = x[:, [0], [2]]; out += [y.shape, y.stride()]",
    "x = T.arange(24.).view(1, 3, 8); y = x[:, [0, 1]]; out += [y.shape, y.stride()]",
    "x = T.arange(24.).view(2, 3, 4); y = x[:, T.tensor([[0]]), 1:]; out += [y.stride()]",
    "x = T.arange(24.).view(2, 3, 4); y = x[None, [0, 1]]; out += [y.shape, y.stride()]",
    "x = T.arange(24.).view(2, 3, 4); y = x[[1]]; out += [y.shape, y.stride()]",
    "x = T.arange(24.).view(2, 3, 4).transpose(0, 2); y = x[:, [0]]; out += [y.stride()]",
    "x = T.arange(6.).view(3, 2).t()[:, None]; y = x * 2; out += [y.shape, y.stride()]",
    "x = T.arange(6.).view(3, 2).t().unsqueeze(0); y = x + 1; out += [y.shape, y.stride()]",
]


@pytest.mark.parametrize("code", INDEX_STRIDES)
def test_index_result_strides(code):
    assert_same(torch, ak, code)


# tensor(array, dtype=...) copies as PyTorch's .to() does: a dense array keeps every stride,
# those of its size-1 dimensions too (a column-major (3, 1) array: (1, 3)).
ARRAY_STRIDES = [
    "a = numpy.zeros((3, 1), order='F'); out += [T.tensor(a, dtype=T.float32).stride()]",
    "a = numpy.zeros((3, 1)).T; out += [T.tensor(a, dtype=T.float32).stride()]",
    "a = numpy.zeros((2, 3, 1)).transpose(2, 0, 1); out += [T.tensor(a, dtype=T.int32).stride()]",
    "a = numpy.zeros((2, 3, 1)).transpose(1, 2, 0); out += [T.tensor(a, dtype=T.int32).stride()]",
    "a = numpy.zeros((3, 1), order='F'); out += [T.as_tensor(a, dtype=T.float32).stride()]",
    "a = numpy.zeros((3, 1), order='F'); out += [T.asarray(a, dtype=T.float32).stride()]",
    "a = numpy.zeros((4, 1, 3)).transpose(2, 1, 0); out += [T.tensor(a, dtype=T.float16).stride()]",
    "a = numpy.zeros((4, 3)).T[::2]; out += [T.tensor(a, dtype=T.float32).stride()]",
]


@pytest.mark.parametrize("code", ARRAY_STRIDES)
def test_array_copy_strides(code):
    assert_same(torch, ak, code, numpy=numpy)


# TensorIterator's layout of an elementwise result: when every operand has the result's shape
# (no number among them), row-major if all are contiguous, channels-last if all are so, their
# strides if all are dense with the same ones; else the dimensions ordered by the operands'
# strides. A reduction over a dim is row-major, size-1 dimensions included.
ELEMENTWISE_STRIDES = [
    "x = T.arange(3.).view(1, 3).t()\n"
    "out += [(x * 2).stride(), (x + x).stride(), x.exp().stride()]",
    "x = T.arange(9.).view(1, 1, 3, 3).permute(0, 2, 3, 1)\n"
    "out += [(x * 2).stride(), (x + x).stride(), x.exp().stride(), x.clone().stride()]",
    "x = T.arange(6.).view(1, 2, 3).permute(2, 0, 1)\n"
    "out += [x.neg().stride(), x.relu().stride(), x.abs().stride(), (-x).stride()]",
    "x = T.arange(6.).view(3, 2).t().unsqueeze(0); out += [x.neg().stride(), x.relu().stride()]",
    "x = T.arange(4.).view(2, 2, 1, 1).permute(3, 1, 0, 2)\n"
    "out += [(x + x).stride(), x.exp().stride(), x.float().exp().stride(), x.clone().stride()]",
    "x = T.arange(6.).view(1, 1, 3, 2).permute(0, 3, 2, 1)\n"
    "out += [(x + x).stride(), x.sin().stride()]",
    "x = T.arange(27.).view(3, 3, 3, 1).permute(2, 0, 3, 1).expand(3, 3, 2, 3)\n"
    "out += [x.neg().stride(), x.abs().stride(), x.exp().stride()]",
    "x = T.arange(6.).view(3, 2).t(); out += [x.sum(0, keepdim=True).stride()]",
    "x = T.arange(6.).view(2, 3).t().unsqueeze(1); out += [x.sum(0, keepdim=True).stride()]",
    "x = T.arange(6.).view(2, 3).t(); out += [x.mean(1, keepdim=True).stride()]",
]


@pytest.mark.parametrize("code", ELEMENTWISE_STRIDES)
def test_elementwise_result_strides(code):
    assert_same(torch, ak, code)


# x.squeeze(0, 2) and x.squeeze_(0, 2): PyTorch's parser reads several ints given one by one
# as the one tuple of ints dim (the others then checked as the tuple's items).
SQUEEZE_DIMS = [
    "x = T.zeros(1, 2, 1); out.append(x.squeeze(0, 2).shape)",
    "x = T.zeros(1, 2, 1); out.append(x.squeeze(0, -1).shape)",
    "x = T.zeros(1, 2, 1); out.append(x.squeeze(0, True).shape)",
    "x = T.zeros(1, 2, 1); out.append(x.squeeze(0, 1.5))",
    "x = T.zeros(1, 2, 1); out.append(x.squeeze(0, None))",
    "x = T.zeros(1, 2, 1); out.append(x.squeeze(0, 0))",
    "x = T.zeros(1, 2, 1); out.append(x.squeeze(0, 3))",
    "x = T.zeros(1, 2, 1); out.append(x.squeeze(0.5, 1))",
    "x = T.zeros(1, 2, 1); y = x.squeeze_(0, 2); out += [y is x, x.shape, x._version]",
    "x = T.zeros(1, 2, 1, requires_grad=True); y = x.squeeze(0, 2)\n"
    "out += [y.shape, type(y.grad_fn).__name__, y.grad_fn._saved_dim]",
]


@pytest.mark.parametrize("code", SQUEEZE_DIMS)
def test_squeeze_several_dims(code):
    assert_same(torch, ak, code)


# Operations whose numbers are options of the kernel, not operands (pow's exponent, clamp's
# bounds, addcmul's value), lay out their result from their tensors alone; tensor(t) and
# t.new_tensor(t) copy as .to(copy=True) does, in t's layout.
OPTION_NUMBERS_AND_COPIES = [
    "x = T.arange(3.).view(1, 1, 3).unsqueeze(3).permute(1, 2, 0, 3).permute(2, 0, 3, 1)\n"
    "out += [x.pow(2).stride(), x.square().stride(), x.clamp(0, 2).stride(),"
    " x.clamp_min(1).stride(), x.sign().stride(), x.addcmul(x, x).stride()]",
    "x = T.arange(8.).view(1, 2, 2, 2).permute(0, 2, 1, 3).unsqueeze(0).permute(3, 0, 1, 4, 2)\n"
    "out += [x.pow(2).stride(), x.clamp(0, 2).stride(), x.sign().stride()]",
    "x = T.arange(8.).view(1, 2, 2, 2).permute(0, 2, 1, 3).unsqueeze(0).permute(3, 0, 1, 4, 2)\n"
    "out += [x.floor().stride(), x.round().stride(), x.trunc().stride(), x.frac().stride(),"
    " x.long().floor().stride(), x.long().stride()]",
    "x = T.arange(18.).view(3, 1, 3, 2).unsqueeze(0).permute(2, 4, 3, 0, 1)\n"
    "out += [x.logical_not().stride(), (~(x > 1)).stride(), (~x.long()).stride()]",
    "x = T.arange(3.).view(1, 1, 3).unsqueeze(3).permute(1, 2, 0, 3).permute(2, 0, 3, 1)\n"
    "out += [x.lerp(x, 0.5).stride(), x.lerp(x, T.tensor(0.5)).stride()]",
    "x = T.arange(6.).view(2, 3).t(); out += [T.tensor(x).stride(), x.new_tensor(x).stride()]",
    "x = T.arange(6.).view(2, 3).t()\n"
    "out += [T.tensor(x, dtype=T.float64).stride(), T.tensor(x[::2]).stride()]",
    "x = T.arange(36.).view(2, 3, 3, 2).permute(3, 0, 2, 1).permute(0, 1, 3, 2)\n"
    "out += [x.new_tensor(x).stride(), x.new_tensor(x).is_contiguous()]",
]


@pytest.mark.parametrize("code", OPTION_NUMBERS_AND_COPIES)
def test_option_numbers_and_copies_strides(code):
    assert_same(torch, ak, code)
