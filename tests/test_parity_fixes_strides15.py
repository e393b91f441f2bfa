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


EMPTY_SLICES = ["[4:2]", "[2:2:2]", "[6:]", "[5:5]", "[3:1:2]", "[10:20]", "[-2:1]", "[-10:-9]",
                "[:, 3:1]", "[2:2, 1:3]", "[1:2, 4:]", "[:, 2:2:3]", "[4:2][1:]", "[1:][4:2]"]


@pytest.mark.parametrize("key", EMPTY_SLICES)
def test_empty_slice_offset_and_strides(key):
    shape = (3, 4) if "," in key else (6,)
    t = torch.arange(12. if shape == (3, 4) else 6.).reshape(shape).requires_grad_()
    k = ak.arange(12. if shape == (3, 4) else 6.).reshape(shape).requires_grad_()
    ts, ks = eval("t" + key), eval("k" + key)  # noqa: S307  (the keys above)
    assert tuple(ks.shape) == tuple(ts.shape)
    assert ks.stride() == ts.stride()
    assert ks.storage_offset() == ts.storage_offset()
    assert ks.is_contiguous() == ts.is_contiguous()
    for op in (lambda a: a.clone(), lambda a: a.contiguous(), lambda a: a + 1):
        to, ko = op(ts), op(ks)
        assert tuple(ko.shape) == tuple(to.shape)
    assert ks.contiguous().stride() == ts.contiguous().stride()
    assert (ks + 1).stride() == (ts + 1).stride()
    (ts.clone() + ts.contiguous() * 2).sum().backward()
    (ks.clone() + ks.contiguous() * 2).sum().backward()
    numpy.testing.assert_array_equal(k.grad.numpy(), t.grad.numpy())


def test_empty_slice_writes_leave_the_rest():
    t, k = torch.arange(6.), ak.arange(6.)
    t[4:2] = 7.
    k[4:2] = 7.
    t[6:].add_(1)
    k[6:].add_(1)
    numpy.testing.assert_array_equal(k.numpy(), t.numpy())
    assert k.narrow(0, 6, 0).storage_offset() == t.narrow(0, 6, 0).storage_offset()


@pytest.mark.parametrize("make", ["tensor(2.).expand(1)", "tensor(2.).expand(1, 1)",
                                  "arange(3.).reshape(3, 1).t()", "arange(6.).reshape(2, 3)[:1]",
                                  "tensor([[1.3]]).expand(1, 1, 1)", "arange(4.).reshape(2, 2)"])
def test_clone_keeps_a_dense_layout(make):
    t = eval("torch." + make).requires_grad_(False).clone().requires_grad_()  # noqa: S307
    k = eval("ak." + make).clone().requires_grad_()  # noqa: S307
    tc, kc = t.clone(), k.clone()
    assert kc.stride() == tc.stride()
    assert kc.is_contiguous() == tc.is_contiguous()
    (tc * 3 + 1).sum().backward()
    (kc * 3 + 1).sum().backward()
    numpy.testing.assert_array_equal(k.grad.numpy(), t.grad.numpy())
    tc.detach().add_(1)
    kc.detach().add_(1)
    numpy.testing.assert_array_equal(kc.detach().numpy(), tc.detach().numpy())
