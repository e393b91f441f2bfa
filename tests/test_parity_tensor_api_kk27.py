"""Creation functions, dtypes and type promotion as a PyTorch user meets them (dtype
arguments, promotion questions, conversions, reprs), compared with PyTorch live."""

from __future__ import annotations

import numpy as np
import pytest

import autograd_kit as ak
from tests.parity_harness import assert_same

torch = pytest.importorskip("torch")


@pytest.mark.parametrize("code", [
    # the Python types float, int and bool stand for float64, int64 and bool
    "out += [T.promote_types(T.float32, int), T.promote_types(float, int), "
    "T.promote_types(bool, T.int8)]",
    "out += [T.can_cast(float, int), T.can_cast(int, float), T.can_cast(bool, T.uint8)]",
    "out.append(T.promote_types(T.float32, 'float32'))",
    "out.append(T.can_cast(T.float32, 1))",
])
def test_promotion_questions_take_python_types(code: str) -> None:
    assert_same(torch, ak, code, np=np)


@pytest.mark.parametrize("code", [
    # no form of arange takes a step without an end
    "out.append(T.arange(end=5, step=2))",
    "out.append(T.arange(1, step=2))",
    "out.append(T.arange(end=5, step=2, dtype=T.float32))",
    "out.append(T.arange(end=5.0, step=2))",
    "out += [T.arange(1, 6, step=2), T.arange(end=5, start=1, step=2), T.arange(end=3)]",
    # linspace's message names every tensor end given, a 0-dim one too
    "out.append(T.linspace(T.tensor([0.]), T.tensor(1.), 3))",
    "out.append(T.logspace(T.tensor(0.), T.tensor([1.]), 3))",
    "out.append(T.linspace(T.tensor([0.]), 1, 3))",
    "out.append(T.linspace(0, T.tensor([[1.]]), 3))",
])
def test_arange_and_linspace_ends(code: str) -> None:
    assert_same(torch, ak, code)


@pytest.mark.parametrize("code", [
    # a tensor mean with a number std: the noise is drawn with that std, then mean is added
    "T.manual_seed(5); out.append(T.normal(T.arange(4.), 0.1).tolist())",
    "T.manual_seed(5); out.append(T.normal(T.arange(20.), 0.3).tolist())",
    "T.manual_seed(5); out.append(T.normal(T.arange(5., dtype=T.float16), 0.3).tolist())",
    "T.manual_seed(5); out.append(T.normal(0.7, T.arange(4.)).tolist())",
    "T.manual_seed(5); out.append(T.normal(T.arange(40.) / 3, T.arange(40.) / 3).tolist())",
])
def test_normal_with_tensor_arguments_draws_as_pytorch(code: str) -> None:
    assert_same(torch, ak, code)


@pytest.mark.parametrize("code", [
    # NumPy's (or a buffer's) memory cannot grow: resize_ within it is fine, beyond it not
    "a = np.ones(3); t = T.from_numpy(a); t.resize_(5)",
    "a = np.ones(3); t = T.from_numpy(a); out += [t.resize_(2), t.resize_(3, 1).shape]; "
    "a[0] = 7; out += [t.flatten(), t.resize_(0), t.resize_(3)]",
    "o = T.from_numpy(np.ones(2, dtype=np.float32)); T.add(T.ones(3), 1, out=o)",
    "o = T.from_numpy(np.ones(2, dtype=np.float32))[1:]; o.resize_(2)",
    "a = np.ones(2, dtype=np.float32); o = T.asarray(a); o.view(2, 1).resize_(3)",
    "a = np.ones(2, dtype=np.float32); o = T.as_tensor(a); o.resize_(3)",
    "o = T.frombuffer(bytearray(8), dtype=T.float32); o.resize_(3)",
    # a copy, or memory the tensor was set to, grows as usual
    "a = np.ones(2, dtype=np.float32); o = T.as_tensor(a, dtype=T.float64); "
    "out.append(o.resize_(3).shape)",
    "a = np.ones(2, dtype=np.float32); o = T.from_numpy(a); o.set_(T.ones(5)); "
    "out.append(o.resize_(7).shape)",
    "a = np.ones(2, dtype=np.float32); out += [T.tensor(a).resize_(7).shape, "
    "T.from_numpy(a).clone().resize_(7).shape]",
])
def test_memory_borrowed_from_numpy_cannot_grow(code: str) -> None:
    assert_same(torch, ak, code, np=np)


@pytest.mark.parametrize("code", [
    # PyTorch 2.13's random *_like take a generator
    "T.manual_seed(0); g = T.Generator().manual_seed(3); out += [T.rand_like(T.ones(3), "
    "generator=g), "
    "T.randn_like(T.ones(2, 3).t(), generator=g), T.randint_like(T.ones(3), 5, generator=g), "
    "T.randint_like(T.ones(3), 2, 5, generator=g), T.rand_like(T.ones(2), generator=None)]",
    "out.append(T.rand_like(T.ones(2), generator=3))",
    # randint_like's forms: (low, high), (Tensor high), (high)
    "T.manual_seed(0); out += [T.randint_like(T.ones(3), T.tensor(5)), "
    "T.randint_like(T.ones(3), T.tensor(5.5)), T.randint_like(T.ones(3), high=4), "
    "T.randint_like(T.ones(3), low=2, high=4)]",
    "out.append(T.randint_like(T.ones(2), T.tensor([5, 6])))",
    "out.append(T.randint_like(T.ones(2)))",
    "out.append(T.randint_like(T.ones(2), 2.5))",
    "out.append(T.randint_like(T.ones(2), high=2.5))",
    "out.append(T.randint_like(T.ones(2), low=1))",
    "out.append(T.randint_like(T.ones(2), 1, 2, 3))",
    "out.append(T.randint_like(T.ones(2), 5, dtype='int64'))",
    "out.append(T.randint_like([1, 2], 5))",
    # tril_indices and triu_indices make int64 or int32 only
    "out.append(T.tril_indices(3, 3, dtype=T.float32))",
    "out.append(T.triu_indices(3, 3, dtype=float))",
    "out.append(T.triu_indices(3, 3, dtype=T.uint8))",
    "out.append(T.triu_indices(3, 3, dtype='float32'))",
    "out.append(T.triu_indices(-1, 3, dtype=T.float32))",
    "out += [T.triu_indices(3, 3, dtype=int), T.tril_indices(2, 3, 1, dtype=T.int32)]",
])
def test_random_like_and_triangle_indices(code: str) -> None:
    assert_same(torch, ak, code)


@pytest.mark.parametrize("code", [
    # a legacy tensor type is no dtype, and its type is named torch.tensortype
    "out.append(T.zeros(2, dtype=T.FloatTensor))",
    "out.append(T.tensor([1], dtype=T.LongTensor))",
    "out.append(T.arange(3, dtype=T.FloatTensor))",
    "out.append(T.ones(2).to(T.DoubleTensor))",
    "out.append(T.ones(2).to(dtype=T.DoubleTensor))",
    "out.append(T.promote_types(T.FloatTensor, T.int8))",
    "out += [type(T.FloatTensor), type(T.FloatTensor).__name__, type(T.FloatTensor).__module__, "
    "T.FloatTensor, T.FloatTensor.__name__]",
    "out.append(T.FloatTensor.foo)",
    # where PyTorch takes one
    "out += [T.ones(2).type(T.DoubleTensor), T.ones(2).type(dtype=T.IntTensor)]",
    "T.set_default_tensor_type(T.DoubleTensor); out.append(T.get_default_dtype()); "
    "T.set_default_tensor_type(T.FloatTensor)",
    # a NumPy float64 is a float: x.to(2.5) is x.to(float)
    "out += [T.ones(2).to(np.float64(1)), T.ones(2).to(1.5, True)]",
])
def test_legacy_types_are_no_dtypes(code: str) -> None:
    assert_same(torch, ak, code, np=np)


@pytest.mark.parametrize("code", [
    # complex(x) and x.__complex__() read one element; pow() with a modulus has no form
    "out += [T.tensor(1.5).__complex__(), T.tensor(2).__complex__(), complex(T.tensor([3]))]",
    "out.append(T.tensor([1.5, 2]).__complex__())",
    "out.append(pow(T.tensor([2]), 3, 5))",
    "out.append(T.tensor([2]).__pow__(3, 5))",
    "out += [pow(T.tensor([2]), 3), T.tensor([2]).__pow__(2)]",
])
def test_complex_and_pow_protocols(code: str) -> None:
    assert_same(torch, ak, code)


@pytest.mark.parametrize("code", [
    # a required argument left out: PyTorch's parser's error, by how many were given
    "out.append(T.eye())",
    "out.append(T.eye(dtype=T.float32))",
    "out.append(T.eye(m=3))",
    "out.append(T.linspace(0))",
    "out.append(T.linspace())",
    "out.append(T.linspace(end=1, steps=3))",
    "out.append(T.logspace(0))",
    "out.append(T.logspace(0, 1))",
    "out.append(T.randperm())",
    "out.append(T.randperm(dtype=T.int32))",
    # the creation options count as given arguments (PyTorch's parser counts every keyword)
    "out.append(T.eye(device='cpu'))",
    "out.append(T.eye(m=2, requires_grad=True))",
    "out.append(T.randperm(generator=T.Generator()))",
    "out.append(T.linspace(0, requires_grad=True))",
    "out.append(T.linspace(0, 1, dtype=T.float32))",
    "out.append(T.logspace(0, 1, base=2))",
    "out.append(T.logspace(0, 1, None, 2))",
    "out.append(T.eye(2, None))",  # (a given m of None is refused, not read as m = n)
    "out += [T.eye(2), T.eye(2, 3), T.eye(n=2, m=0), T.eye(3, True)]",
    "T.manual_seed(0); out += [T.eye(2), T.linspace(0, 1, 3), T.logspace(0, 1, 2), "
    "T.randperm(3), T.eye(n=2, m=1), T.linspace(start=0, end=1, steps=2)]",
])
def test_creation_with_a_required_argument_missing(code: str) -> None:
    assert_same(torch, ak, code)


@pytest.mark.parametrize("code", [
    # x.view(dtype) takes the Python types too
    "out += [T.ones(2).view(int), T.ones(2).view(dtype=float), T.ones(4, dtype=T.int8).view(bool)]",
    "out.append(T.ones(2).view(float, 2))",
])
def test_view_as_a_python_type(code: str) -> None:
    assert_same(torch, ak, code)


@pytest.mark.parametrize("code", [
    # cumsum and cumprod have no kernel writing bools
    "out.append(T.ones(2).cumsum(0, dtype=bool))",
    "out.append(T.ones(2).cumprod(0, dtype=T.bool))",
    "out.append(T.cumsum(T.ones(2, dtype=T.bool), 0, dtype=T.bool))",
    "out += [T.ones(2, dtype=T.bool).cumsum(0), T.ones(2, dtype=T.bool).cumprod(0), "
    "T.ones(2).cumsum(0, dtype=int), T.ones(2, dtype=T.int8).cumprod(0, dtype=float)]",
    # the dim is checked first; a 0-dim or empty input needs no kernel (copied or empty)
    "out.append(T.ones(3).cumsum(5, dtype=T.bool))",
    "out.append(T.ones(3, dtype=T.bool).cumsum_(5))",
    "out.append(T.ones(3).cumprod_(5, dtype=T.int32))",
    "out += [T.tensor(2.).cumsum(0, dtype=T.bool), T.tensor(0.).cumprod(-1, dtype=T.bool), "
    "T.ones(0).cumsum(0, dtype=T.bool), T.ones(2, 0).cumprod(1, dtype=T.bool)]",
    # in place too: a 0-dim or empty bool x is left as it is
    "out += [T.tensor(True).cumsum_(0), T.tensor(False).cumprod_(dim=-1), "
    "T.ones(0, dtype=T.bool).cumsum_(0), T.ones(2, 0, dtype=T.bool).cumprod_(1)]",
    "out.append(T.ones(2, dtype=T.bool).cumprod_(0))",
])
def test_running_sums_of_bools(code: str) -> None:
    assert_same(torch, ak, code)


@pytest.mark.parametrize("code", [
    # once NumPy reads a tensor's memory, that memory cannot grow either
    "t = T.ones(2); a = t.numpy(); t.resize_(5)",
    "t = T.ones(2); a = np.asarray(t); t.resize_(5)",
    "t = T.ones(2); t[1:].numpy(); t.resize_(5)",
    "t = T.ones(2); a = t.numpy(); del a; t.resize_(5)",
    "t = T.ones(2); a = t.numpy(); out.append(t.resize_(1)); a[0] = 7; out.append(t)",
    "t = T.ones(2); t.clone().numpy(); t.tolist(); out.append(t.resize_(5).shape)",
    "o = T.ones(2); o.numpy(); T.add(T.ones(3), 1, out=o)",
])
def test_memory_lent_to_numpy_cannot_grow(code: str) -> None:
    assert_same(torch, ak, code, np=np)


@pytest.mark.parametrize("code", [
    # a NumPy scalar of no tensor type is read as a 0-dim array, with the array's error
    "out.append(T.tensor(np.datetime64('2020-01-01')))",
    "out.append(T.tensor(np.timedelta64(1)))",
    "out.append(T.as_tensor(np.datetime64('2020-01-01')))",
    "out.append(T.tensor(np.str_('a')))",
])
def test_numpy_scalars_of_no_tensor_type(code: str) -> None:
    assert_same(torch, ak, code, np=np)


@pytest.mark.parametrize("code", [
    # x.cumsum_ / x.cumprod_ write in x's own dtype: another dtype, or a bool x, is refused
    "x = T.tensor([1., 2], dtype=T.float16); x.cumsum_(0, dtype=T.float32)",
    "x = T.tensor([1, 2]); x.cumprod_(0, dtype=T.float32)",
    "x = T.tensor([1., 2]); x.cumsum_(0, dtype=int)",
    "x = T.tensor([True, False]); x.cumsum_(0)",
    "x = T.tensor([1., 2]); out += [x.cumsum_(0, dtype=T.float32), x.cumsum_(dim=0), x._version]",
    "x = T.tensor([100, 100], dtype=T.int8); x.cumsum_(0); out.append(x)",
])
def test_running_sums_in_place(code: str) -> None:
    assert_same(torch, ak, code)
