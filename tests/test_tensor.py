"""Tensors: creation, dtypes (PyTorch's promotion table), attributes, conversions, repr."""

from __future__ import annotations

import numpy as np
import pytest

import autograd_kit as ak

# ---- creation -----------------------------------------------------------------------------

def test_creation_functions(device):
    assert ak.ones(2, 3, device=device).tolist() == [[1.0] * 3] * 2
    assert ak.zeros((2,), device=device).tolist() == [0.0, 0.0]
    assert ak.arange(5, device=device).tolist() == [0, 1, 2, 3, 4]
    assert ak.arange(0.0, 1.0, 0.25, device=device).tolist() == [0.0, 0.25, 0.5, 0.75]
    assert ak.arange(0, 1, 0.25, device=device).tolist() == [0.0, 0.25, 0.5, 0.75]
    assert np.allclose(ak.linspace(0, 1, 5, device=device).tolist(), [0, 0.25, 0.5, 0.75, 1])
    assert ak.full((2,), 3, device=device).tolist() == [3, 3]
    assert ak.randn(4, 5, device=device).shape == (4, 5)
    assert ak.eye(2, device=device).tolist() == [[1.0, 0.0], [0.0, 1.0]]
    x = ak.tensor([[1.0, 2.0]], device=device)
    assert ak.zeros_like(x).tolist() == [[0.0, 0.0]]
    assert ak.ones_like(x).tolist() == [[1.0, 1.0]]
    assert x.device.type == device


def test_requires_grad_off_by_default(device):
    x = ak.ones(3, device=device)
    assert x.requires_grad is False and x.is_leaf and x.grad_fn is None and x.grad is None
    y = ak.ones(3, device=device, requires_grad=True)
    assert y.requires_grad and y.is_leaf


def test_contagion(device):
    w = ak.ones(2, requires_grad=True, device=device)
    x = ak.ones(2, device=device)
    assert (w + x).requires_grad is True
    assert (x * 3).requires_grad is False


@pytest.mark.parametrize("make, dtype", [
    (lambda: ak.tensor(2.5), "float32"),
    (lambda: ak.tensor(3), "int64"),
    (lambda: ak.tensor(True), "bool"),
    (lambda: ak.tensor([1, 2.0]), "float32"),
    (lambda: ak.tensor(np.array([1.0])), "float64"),
    (lambda: ak.from_numpy(np.array([1.0])), "float64"),
    (lambda: ak.tensor(np.array([1])), "int64"),
    (lambda: ak.arange(5), "int64"),
    (lambda: ak.arange(0.0, 1.0, 0.25), "float32"),
    (lambda: ak.arange(0, 1, 0.25), "float32"),
    (lambda: ak.linspace(0, 1, 5), "float32"),
    (lambda: ak.zeros(2), "float32"),
    (lambda: ak.ones(2), "float32"),
    (lambda: ak.randn(2), "float32"),
    (lambda: ak.full((2,), 3), "int64"),
    (lambda: ak.full((2,), 3.0), "float32"),
])
def test_constructor_dtypes(make, dtype):
    assert make().dtype.name == dtype


F32 = lambda: ak.ones(3)  # noqa: E731
F64 = lambda: ak.ones(3, dtype=ak.float64)  # noqa: E731
I64 = lambda: ak.tensor([1, 2, 3])  # noqa: E731
B = lambda: ak.tensor([True, False])  # noqa: E731


@pytest.mark.parametrize("compute, dtype", [
    (lambda: F32() * 2.5, "float32"),
    (lambda: I64() * 2.5, "float32"),
    (lambda: I64() * 2, "int64"),
    (lambda: I64() / I64(), "float32"),
    (lambda: I64() / 2, "float32"),
    (lambda: I64() ** 0.5, "float32"),
    (lambda: I64() ** 2, "int64"),
    (lambda: F32() + ak.tensor(1.0, dtype=ak.float64), "float32"),
    (lambda: F32() + ak.tensor([1.0], dtype=ak.float64), "float64"),
    (lambda: F64() + F32(), "float64"),
    (lambda: B() + 1, "int64"),
    (lambda: B() + True, "bool"),
    (lambda: B() + B(), "bool"),
    (lambda: B() * 1.5, "float32"),
    (lambda: I64() + ak.tensor(1.0), "float32"),
    (lambda: ak.tensor(3) * F32(), "float32"),
    (lambda: I64() + ak.tensor(1.0, dtype=ak.float64), "float64"),
    (lambda: ak.ones(1, dtype=ak.float16) + ak.tensor(1.0), "float16"),
    (lambda: ak.tensor([1], dtype=ak.int32) + I64(), "int64"),
    (lambda: F32() * np.float64(2), "float32"),
    (lambda: I64().sum(), "int64"),
    (lambda: ak.tensor([1], dtype=ak.int32).sum(), "int64"),
    (lambda: B().sum(), "int64"),
    (lambda: F32().mean(), "float32"),
    (lambda: I64().exp(), "float32"),
    (lambda: I64().sqrt(), "float32"),
    (lambda: I64().sigmoid(), "float32"),
    (lambda: I64().log(), "float32"),
    (lambda: I64() > 1, "bool"),
])
def test_promotion_table(compute, dtype):
    assert compute().dtype.name == dtype


def test_promotion_values():
    assert (B() + True).tolist() == [True, True]
    assert (I64() / 2).tolist() == [0.5, 1.0, 1.5]
    assert (I64() ** 2).tolist() == [1, 4, 9]


def test_dtype_names_and_aliases():
    assert ak.float is ak.float32 and ak.double is ak.float64 and ak.long is ak.int64
    assert repr(ak.float32) == "autograd_kit.float32" and str(ak.float64) == "autograd_kit.float64"
    assert ak.float32.is_floating_point and not ak.int64.is_floating_point


def test_attributes(device):
    m = ak.zeros(2, 3, device=device)
    assert m.shape == (2, 3) and m.size() == (2, 3) and m.size(1) == 3 and m.size(-1) == 3
    assert isinstance(m.shape, tuple)
    assert repr(m.shape) == "autograd_kit.Size([2, 3])"
    assert repr(ak.tensor(1.0).shape) == "autograd_kit.Size([])"
    assert m.ndim == 2 and m.dim() == 2 and m.numel() == 6
    assert m.dtype is ak.float32
    assert m.device.type == device
    assert repr(ak.device("cpu")) == "device(type='cpu')" and str(ak.device("cpu")) == "cpu"
    assert repr(ak.device("cuda:0")) == "device(type='cuda', index=0)"
    assert len(m) == 2
    assert m.is_floating_point()


def test_conversions(device):
    x = ak.tensor([1.0, 2.0], requires_grad=True, device=device)
    assert x.float() is x and x.to(ak.float32) is x
    d = x.double()
    assert d.dtype is ak.float64 and d.grad_fn.name() == "ToCopyBackward0"
    assert x.to(ak.float64).grad_fn.name() == "ToCopyBackward0"
    assert x.type(ak.float64).grad_fn.name() == "ToCopyBackward0"
    d.sum().backward()
    assert x.grad.dtype is ak.float32 and x.grad.tolist() == [1.0, 1.0]
    assert x.detach().long().tolist() == [1, 2]
    assert ak.tensor([0.0, 2.0]).bool().tolist() == [False, True]


def test_repr_smoke():
    x = ak.tensor([1.0, 2.0, 3.0], requires_grad=True)
    assert repr(x) == "tensor([1., 2., 3.], requires_grad=True)"
    assert repr(x * 2) == "tensor([2., 4., 6.], grad_fn=<MulBackward0>)"
    assert repr(x.sum()) == "tensor(6., grad_fn=<SumBackward0>)"
    assert repr(ak.tensor([1.0, 2.0], dtype=ak.float64)) == \
        "tensor([1., 2.], dtype=autograd_kit.float64)"
    assert repr(ak.tensor(2.5)) == "tensor(2.5000)"
    assert repr(ak.tensor([True, False])) == "tensor([ True, False])"
    assert repr(ak.tensor([1, 2])) == "tensor([1, 2])"
    assert repr(ak.zeros(2, 3)) == "tensor([[0., 0., 0.],\n        [0., 0., 0.]])"
    assert repr((x * 2).grad_fn).startswith("<MulBackward0 object at 0x")


def test_from_numpy_shares_memory():
    a = np.array([1.0, 2.0, 3.0])
    t = ak.from_numpy(a)
    a[0] = 10.0
    assert t.tolist() == [10.0, 2.0, 3.0]
    t.add_(1)
    assert a.tolist() == [11.0, 3.0, 4.0]
    assert t.numpy() is a or np.shares_memory(t.numpy(), a)
    copied = ak.tensor(a)
    a[1] = -1.0
    assert copied.tolist()[1] == 3.0


def test_numpy_shares_memory():
    t = ak.ones(3)
    n = t.numpy()
    n[0] = 5
    assert t.tolist()[0] == 5.0


def test_item_tolist():
    x = ak.tensor([1.0, 2.0, 3.0], requires_grad=True)
    s = x.sum().item()
    assert s == 6.0 and type(s) is float
    assert type(ak.tensor(3).item()) is int
    assert x.tolist() == [1.0, 2.0, 3.0]
    with pytest.raises(RuntimeError, match="a Tensor with 3 elements cannot be converted"):
        x.item()
    with pytest.raises(ValueError, match="only one element tensors can be converted to"):
        float(ak.ones(3))
    assert float(ak.tensor([2.5])) == 2.5


def test_numpy_requires_grad_error():
    x = ak.ones(3, requires_grad=True)
    msg = r"Can't call numpy\(\) on Tensor that requires grad. Use tensor.detach\(\).numpy\(\)"
    with pytest.raises(RuntimeError, match=msg):
        x.numpy()
    with pytest.raises(RuntimeError, match=msg):
        (x * 2).numpy()
    with pytest.raises(RuntimeError, match=msg):
        np.array(x)
    assert x.detach().numpy().tolist() == [1.0, 1.0, 1.0]


def test_zero_dim_len_iter():
    s = ak.tensor(1.0)
    with pytest.raises(TypeError, match="len\\(\\) of a 0-d tensor"):
        len(s)
    with pytest.raises(TypeError, match="iteration over a 0-d tensor"):
        iter(s)
    assert [v.item() for v in ak.tensor([1.0, 2.0])] == [1.0, 2.0]


def test_float_of_requires_grad_warns():
    s = ak.tensor(2.0, requires_grad=True)
    with pytest.warns(UserWarning, match="Converting a tensor with requires_grad=True to a scalar"):
        assert float(s) == 2.0
