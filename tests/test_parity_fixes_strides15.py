"""Strides of views compared with PyTorch live: ``expand`` keeps a kept size-1 dimension's
stride, and what follows (clone, contiguous, arithmetic, backward) stays the same."""

import numpy
import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")

EXPAND_CASES = [
    ((1, 1), (1, 3)), ((1, 1), (1, 1)), ((1,), (1, 1)), ((1,), (3, 1)), ((), (3, 1)),
    ((), (1, 3)), ((), (1,)), ((), (1, 1)), ((2, 1), (1, 2, 3)), ((2, 1), (2, 1)),
    ((3,), (1, 1, 3)), ((1, 3), (2, 1, 3)), ((2, 1, 1), (2, 1, 4)), ((1,), (-1,)),
    ((1, 2), (0, 1, 2)), ((1, 1), (0, 1)), ((), (2, 3)),
]


def _pair(shape: tuple[int, ...]):
    n = int(numpy.prod(shape))
    t = torch.arange(float(n)).reshape(shape).requires_grad_()
    k = ak.arange(float(n)).reshape(shape).requires_grad_()
    return t, k


@pytest.mark.parametrize("src,target", EXPAND_CASES)
def test_expand_strides_and_later_ops(src, target):
    t, k = _pair(src)
    te, ke = t.expand(*target), k.expand(*target)
    assert ke.stride() == te.stride()
    assert ke.is_contiguous() == te.is_contiguous()
    assert ke.storage_offset() == te.storage_offset()
    for op in (lambda a: a.clone(), lambda a: a.contiguous(), lambda a: a + 1):
        to, ko = op(te), op(ke)
        assert ko.is_contiguous() == to.is_contiguous()
        numpy.testing.assert_array_equal(ko.detach().numpy(), to.detach().numpy())
    assert ke.contiguous().stride() == te.contiguous().stride()
    assert (ke + 1).stride() == (te + 1).stride()
    w = torch.arange(float(te.numel())).reshape(te.shape)
    (te.clone() * w + te.contiguous()).sum().backward()
    (ke.clone() * ak.tensor(w.numpy()) + ke.contiguous()).sum().backward()
    numpy.testing.assert_array_equal(k.grad.numpy(), t.grad.numpy())


def test_expand_of_a_strided_size1_view():
    t = torch.arange(6.).reshape(3, 2).t()[:1]
    k = ak.arange(6.).reshape(3, 2).t()[:1]
    for shape in ((1, 3), (2, 3), (4, 1, 3)):
        assert k.expand(*shape).stride() == t.expand(*shape).stride()
        numpy.testing.assert_array_equal(k.expand(*shape).numpy(), t.expand(*shape).numpy())


def test_expand_without_repeats_stays_a_writable_view():
    t, k = torch.zeros(1, 1), ak.zeros(1, 1)
    te, ke = t.expand(1, 1, 1), k.expand(1, 1, 1)
    te.add_(2)
    ke.add_(2)
    assert ke.stride() == te.stride()
    numpy.testing.assert_array_equal(k.numpy(), t.numpy())
