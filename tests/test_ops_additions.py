"""Kit-only checks of the behaviour compared with PyTorch in tests/test_torch_parity_ops3.py
(that file is skipped where PyTorch is not installed): values written out by hand, and
gradients against hand-derived formulas or finite differences."""

from __future__ import annotations

import math

import numpy
import pytest

import autograd_kit as ak


def signbits(t: ak.Tensor) -> list[bool]:
    return numpy.signbit(t.numpy()).tolist()


# ---- remainder and clamp: the sign of zero ------------------------------------------------

def test_a_zero_remainder_keeps_the_dividends_sign() -> None:
    x = ak.tensor([6., -6., 0., -0., 5., -5.])
    assert signbits(x % -3) == [False, True, False, True, True, True]
    assert (x % -3).tolist() == [0., 0., 0., 0., -1., -2.]
    assert signbits(x % 3) == [False, True, False, True, False, False]
    assert signbits(ak.remainder(-6., ak.tensor([3., -3.]))) == [True, True]
    assert signbits(ak.tensor([-6.]).remainder_(3)) == [True]
    assert (ak.tensor([5, -5]) % -3).tolist() == [-1, -2]  # integers as before


def test_clamp_keeps_x_on_a_tie_with_a_bound() -> None:
    x = ak.tensor([-0., 0., -1., 1.])
    assert signbits(x.clamp(min=0)) == [True, False, False, False]
    assert signbits(x.clamp(max=-0.)) == [True, False, True, True]
    assert signbits(x.clamp_min(0.)) == [True, False, False, False]
    assert signbits(ak.clamp(x, ak.tensor(0.), ak.tensor(0.))) == [True, False, False, False]
    assert math.isnan(ak.tensor([float("nan")]).clamp(0., 1.).item())


# ---- add / sub with alpha ------------------------------------------------------------------

def test_alpha_on_bools() -> None:
    x = ak.tensor([True, False])
    assert x.add(x, alpha=2).tolist() == [True, False]
    assert x.add(ak.tensor([False, True]), alpha=0).tolist() == [True, False]
    assert x.add(ak.tensor([False, True]), alpha=-1).dtype == ak.bool
    with pytest.raises(RuntimeError, match="Boolean alpha only supported for Boolean results"):
        ak.tensor([1., 2.]).add(ak.tensor([1., 2.]), alpha=True)
    with pytest.raises(RuntimeError, match="with two bool tensors is not supported"):
        x.sub(x, alpha=2)
    with pytest.raises(RuntimeError, match="must not be a floating point number"):
        ak.tensor([1, 2]).add(ak.tensor([1, 2]), alpha=1.0)


def test_alpha_must_fit_the_result_type() -> None:
    x = ak.tensor([1, 2], dtype=ak.int8)
    with pytest.raises(RuntimeError, match="cannot be converted to type int8_t without overflow"):
        x.add(x, alpha=1000)
    with pytest.raises(OverflowError, match="int too big to convert"):
        ak.tensor([1, 2]).add(1, alpha=2**70)
    assert ak.tensor([1., 2.]).sub(ak.tensor([1., 1.]), alpha=3).tolist() == [-2., -1.]


# ---- out-of-range Python numbers ------------------------------------------------------------

@pytest.mark.parametrize("make", [
    lambda v: ak.full((2,), v, dtype=ak.int8),
    lambda v: ak.zeros(2, dtype=ak.int8).fill_(v),
    lambda v: ak.zeros(2, dtype=ak.int8).masked_fill(ak.tensor([True, False]), v),
    lambda v: ak.zeros(2, dtype=ak.int8).clamp(min=v),
    lambda v: ak.where(ak.tensor([True, False]), ak.zeros(2, dtype=ak.int8), v),
])
def test_an_int8_refuses_a_number_it_cannot_hold(make) -> None:
    with pytest.raises(RuntimeError, match="value cannot be converted to type int8_t without "
                                           "overflow"):
        make(1000)
    assert make(-100).dtype == ak.int8


def test_unsigned_types_wrap_small_negative_numbers() -> None:
    assert ak.full((2,), -1, dtype=ak.uint8).tolist() == [255, 255]
    assert ak.zeros(1, dtype=ak.uint8).fill_(-255).tolist() == [1]
    assert ak.tensor([1, 2], dtype=ak.uint8).clamp(min=-1).tolist() == [255, 255]
    assert ak.where(ak.tensor([True, False]), -1, ak.tensor([3, 4], dtype=ak.uint8)).tolist() \
        == [255, 4]
    with pytest.raises(RuntimeError, match="uint8_t"):
        ak.full((2,), -256, dtype=ak.uint8)


def test_other_types_name_their_c_type() -> None:
    with pytest.raises(RuntimeError, match="type int without overflow"):
        ak.full((1,), 2**40, dtype=ak.int32)
    with pytest.raises(RuntimeError, match="type float without overflow"):
        ak.full((1,), 1e39)
    with pytest.raises(OverflowError, match="int too big to convert"):
        ak.full((1,), 2**64)
    assert ak.full((1,), 1e39, dtype=ak.float64).item() == 1e39


# ---- the new functions: values by hand, gradients against finite differences ----------------

def double(values: list, requires_grad: bool = True) -> ak.Tensor:
    return ak.tensor(values, dtype=ak.float64, requires_grad=requires_grad)


def test_fmax_fmin_skip_nan_and_send_ties_to_the_first_input() -> None:
    nan = float("nan")
    x = ak.tensor([1., nan, 3., 2.], requires_grad=True)
    y = ak.tensor([2., 1., nan, 2.], requires_grad=True)
    z = ak.fmax(x, y)
    assert z.tolist() == [2., 1., 3., 2.]
    assert type(z.grad_fn).__name__ == "FmaxBackward0"
    z.sum().backward()
    assert x.grad.tolist() == [0., 0., 1., 1.] and y.grad.tolist() == [1., 1., 0., 0.]
    x.grad = y.grad = None
    z = x.fmin(y)
    assert z.tolist() == [1., 1., 3., 2.]
    z.sum().backward()
    assert x.grad.tolist() == [1., 0., 1., 1.] and y.grad.tolist() == [0., 1., 0., 0.]
    with pytest.raises(TypeError, match="must be Tensor, not int"):
        ak.fmax(x, 2)


def test_fmax_gradients_match_finite_differences() -> None:
    a, b = double([[0.3, -1.2, 2.0]]), double([[0.5], [-2.0]])
    assert ak.autograd.gradcheck(ak.fmax, (a, b))
    assert ak.autograd.gradcheck(ak.fmin, (a, b))


def test_deg2rad_rad2deg() -> None:
    a = ak.tensor([180., 90.], requires_grad=True)
    z = ak.deg2rad(a)
    assert z.tolist() == pytest.approx([math.pi, math.pi / 2])
    z.sum().backward()
    assert a.grad.tolist() == pytest.approx([math.pi / 180] * 2)
    assert type(a.rad2deg().grad_fn).__name__ == "Rad2DegBackward0"
    assert ak.rad2deg(ak.tensor([1], dtype=ak.int8)).dtype == ak.float32
    assert ak.tensor([math.pi]).rad2deg_().tolist() == pytest.approx([180.])
    assert ak.autograd.gradcheck(ak.rad2deg, (double([0.3, -2.0]),))


def test_float_power_is_pow_in_float64() -> None:
    a = ak.tensor([1., 2.], requires_grad=True)
    z = ak.float_power(a, 3)
    assert z.dtype == ak.float64 and z.tolist() == [1., 8.]
    assert type(z.grad_fn.next_functions[0][0]).__name__ == "ToCopyBackward0"
    z.sum().backward()
    assert a.grad.dtype == ak.float32 and a.grad.tolist() == [3., 12.]  # 3a²
    assert ak.float_power(ak.tensor([2]), -1).tolist() == [0.5]
    b = double([0.5, 1.5])
    assert ak.autograd.gradcheck(lambda e: ak.float_power(2, e), (b,))
    with pytest.raises(RuntimeError, match="has dtype Float but the operation's result requires "
                                           "dtype Double"):
        ak.tensor([1.]).float_power_(2)
    assert ak.tensor([3.], dtype=ak.float64).float_power_(2).tolist() == [9.]


def test_isin() -> None:
    x = ak.tensor([[1, 2], [3, 4]])
    assert ak.isin(x, ak.tensor([4, 1])).tolist() == [[True, False], [False, True]]
    assert ak.isin(x, ak.tensor([4, 1]), invert=True).tolist() == [[False, True], [True, False]]
    assert ak.isin(2, ak.tensor([1, 2])).tolist() is True
    assert ak.isin(ak.tensor([1., float("nan")]), ak.tensor([float("nan"), 1.])).tolist() \
        == [True, False]
    with pytest.raises(RuntimeError, match="Unsupported input type encountered for isin"):
        ak.isin(ak.tensor([True]), ak.tensor([True]))


def test_unique_consecutive() -> None:
    x = ak.tensor([1, 1, 2, 2, 3, 1, 1])
    values, inverse, counts = ak.unique_consecutive(x, return_inverse=True, return_counts=True)
    assert values.tolist() == [1, 2, 3, 1]
    assert inverse.tolist() == [0, 0, 1, 1, 2, 3, 3] and counts.tolist() == [2, 2, 1, 2]
    rows = ak.tensor([[1, 1], [1, 1], [2, 3], [1, 1]])
    values, counts = rows.unique_consecutive(dim=0, return_counts=True)
    assert values.tolist() == [[1, 1], [2, 3], [1, 1]] and counts.tolist() == [2, 1, 1]
    y = ak.unique_consecutive(ak.tensor([1., 1.], requires_grad=True))
    assert type(y.grad_fn).__name__ == "UniqueConsecutiveBackward0"
    with pytest.raises(NotImplementedError, match="'unique_consecutive' is not implemented"):
        y.sum().backward()


def test_cov_and_corrcoef_values() -> None:
    x = ak.tensor([[1., 2., 4.], [0., 3., 3.]])
    assert ak.cov(x).reshape(-1).tolist() == pytest.approx([7 / 3, 2., 2., 3.])
    assert x.cov(correction=0).reshape(-1).tolist() == pytest.approx([14 / 9, 4 / 3, 4 / 3, 2.])
    r = 2 / math.sqrt(7 / 3 * 3)
    assert ak.corrcoef(x).reshape(-1).tolist() == pytest.approx([1., r, r, 1.])
    # weights: w = f·a = [0.5, 2, 2], mean = Σwx/Σw, variance = Σw(x-m)² / (Σw - Σw·a/Σw)
    w = [0.5, 2., 2.]
    m = (0.5 + 4 + 8) / 4.5
    expected = sum(wk * (xk - m) ** 2 for wk, xk in zip(w, [1., 2., 4.])) / (4.5 - 6.25 / 4.5)
    got = ak.cov(ak.tensor([1., 2., 4.]), fweights=ak.tensor([1, 2, 1]),
                 aweights=ak.tensor([0.5, 1., 2.]))
    assert got.item() == pytest.approx(expected)
    with pytest.raises(RuntimeError, match="expected fweights to have integral dtype"):
        ak.cov(x, fweights=ak.tensor([1., 2., 1.]))


def test_cov_and_corrcoef_gradients_match_finite_differences() -> None:
    x = double([[1., 2., 4.5], [0., 3., 3.5], [1.5, -1., 0.2]])
    assert ak.autograd.gradcheck(ak.cov, (x,))
    assert ak.autograd.gradcheck(ak.corrcoef, (x,))
    w = double([0.5, 1., 2.])
    assert ak.autograd.gradcheck(lambda x, w: ak.cov(x, aweights=w), (x, w))


def test_index_copy() -> None:
    t = ak.zeros(3, 2, requires_grad=True)
    s = ak.tensor([[1., 2.], [3., 4.]], requires_grad=True)
    r = t.index_copy(0, ak.tensor([2, 0]), s)
    assert r.tolist() == [[3., 4.], [0., 0.], [1., 2.]]
    assert type(r.grad_fn).__name__ == "IndexCopyBackward0"
    (r * ak.arange(6.).view(3, 2)).sum().backward()
    assert t.grad.tolist() == [[0., 0.], [2., 3.], [0., 0.]]
    assert s.grad.tolist() == [[4., 5.], [0., 1.]]
    u = ak.zeros(2, 3)
    assert u.index_copy_(1, ak.tensor([1]), ak.ones(2, 1)) is u
    assert u.tolist() == [[0., 1., 0.], [0., 1., 0.]]
    with pytest.raises(IndexError, match="index 5 is out of bounds for dimension 0 with size 3"):
        ak.zeros(3).index_copy(0, ak.tensor([5]), ak.tensor([1.]))
    with pytest.raises(RuntimeError, match=r"got \(self\) Float and \(source\) Long"):
        ak.zeros(3).index_copy(0, ak.tensor([1]), ak.tensor([1]))
    x, src = double([[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]]), double([[1.5, -2.]])
    assert ak.autograd.gradcheck(lambda x, s: x.index_copy(0, ak.tensor([1]), s), (x, src))


def test_put() -> None:
    t = ak.zeros(3, 2, requires_grad=True)
    s = ak.tensor([5., 6.], requires_grad=True)
    r = t.put(ak.tensor([1, -1]), s)
    assert r.tolist() == [[0., 5.], [0., 0.], [0., 6.]]
    assert type(r.grad_fn).__name__ == "PutBackward0"
    (r * ak.arange(6.).view(3, 2)).sum().backward()
    assert t.grad.tolist() == [[0., 0.], [2., 3.], [4., 0.]] and s.grad.tolist() == [1., 5.]
    t.grad = s.grad = None
    r = ak.put(t, ak.tensor([1, 1]), s, accumulate=True)
    assert r.tolist() == [[0., 11.], [0., 0.], [0., 0.]]
    (r * ak.arange(6.).view(3, 2)).sum().backward()
    assert t.grad.tolist() == [[0., 1.], [2., 3.], [4., 5.]] and s.grad.tolist() == [1., 1.]
    with pytest.raises(IndexError, match="tried to access index 6 on a tensor of 6 elements"):
        ak.zeros(3, 2).put(ak.tensor([6]), ak.tensor([1.]))
    x, src = double([0.1, 0.2, 0.3]), double([1.5, -2.])
    assert ak.autograd.gradcheck(lambda x, s: x.put(ak.tensor([2, 0]), s), (x, src))
    assert ak.autograd.gradcheck(lambda x, s: x.put(ak.tensor([2, 2]), s, True), (x, src))


def test_nanmedian_skips_nan() -> None:
    nan = float("nan")
    x = ak.tensor([[nan, 1., nan, 3., 2.], [nan, nan, nan, nan, nan]], requires_grad=True)
    values, indices = x.nanmedian(1)
    assert values[0].item() == 2. and math.isnan(values[1].item())
    assert indices.tolist() == [4, 2]
    assert type(values.grad_fn).__name__ == "NanmedianBackward1"
    values.sum().backward()
    assert x.grad.tolist() == [[0., 0., 0., 0., 1.], [0., 0., 1., 0., 0.]]
    y = ak.tensor([nan, 4., 1., 4.], requires_grad=True)
    m = ak.nanmedian(y)
    assert m.item() == 4. and type(m.grad_fn).__name__ == "NanmedianBackward0"
    m.backward()
    assert y.grad.tolist() == [0., 0.5, 0., 0.5]  # the two 4s share it


def test_clamp_result_type_includes_the_bounds() -> None:
    assert ak.tensor([True, False]).clamp(0, 1).dtype == ak.int64
    assert ak.tensor([True]).clamp(0.5).dtype == ak.float32
    assert ak.tensor([1, 2]).clamp(0.5, 1.5).tolist() == [1., 1.5]
    with pytest.raises(NotImplementedError, match="clamp_min_scalar_cpu"):
        ak.tensor([True]).clamp_min(True)


def test_ints_beyond_64_bits_are_refused_in_arithmetic() -> None:
    with pytest.raises(OverflowError, match="int too big to convert"):
        ak.tensor([1., 2.]) + 2**64
    with pytest.raises(OverflowError, match="can't convert negative int to unsigned"):
        ak.tensor([1.]) * -2**64
    assert (ak.tensor([1]) + (2**64 - 1)).tolist() == [0]  # read as unsigned, then wrapped


def test_copysign() -> None:
    x = ak.tensor([1., -2., 0., -0.], requires_grad=True)
    y = ak.copysign(x, ak.tensor([-1., 1., -1., 1.]))
    assert y.tolist() == [-1., 2., 0., 0.] and signbits(y.detach()) == [True, False, True, False]
    y.sum().backward()
    assert x.grad.tolist() == [-1., -1., 0., 0.]  # ±1, and 0 where x is 0
    assert type(x.copysign(-1).grad_fn).__name__ == "CopysignBackward1"
    assert ak.copysign(ak.tensor([1, -2]), 1).tolist() == [1., 2.]


def test_logaddexp2_ldexp_nextafter_gradients() -> None:
    a, b = double([1., 3., -0.5]), double([2., 0., 0.25])
    y = ak.logaddexp2(a, b)
    assert y.tolist() == pytest.approx([math.log2(2 ** 1 + 2 ** 2), math.log2(9), math.log2(
        2 ** -0.5 + 2 ** 0.25)])
    assert ak.autograd.gradcheck(ak.logaddexp2, (a, b))
    assert ak.autograd.gradcheck(ak.ldexp, (a, b))
    assert ak.ldexp(ak.tensor([1, 2]), ak.tensor([3, -1])).tolist() == [8., 1.]
    x, o = ak.tensor([1.], requires_grad=True), ak.tensor([2.], requires_grad=True)
    z = ak.nextafter(x, o)
    assert z.item() == float(numpy.nextafter(numpy.float32(1), numpy.float32(2)))
    z.sum().backward()
    assert x.grad.tolist() == [1.] and o.grad.tolist() == [0.]
    with pytest.raises(NotImplementedError, match="\"logaddexp2_cpu\" not implemented for 'Long'"):
        ak.logaddexp2(ak.tensor([1]), ak.tensor([2]))


def test_frexp_and_heaviside() -> None:
    x = ak.tensor([8., 0.3, -5., 0.], requires_grad=True)
    mantissa, exponent = ak.frexp(x)
    assert mantissa.tolist() == pytest.approx([0.5, 0.6, -0.625, 0.])
    assert exponent.tolist() == [4, -1, 3, 0] and exponent.dtype == ak.int32
    mantissa.sum().backward()
    assert x.grad.tolist() == [1 / 16, 2., 1 / 8, 1.]  # 2^(-e)
    h = ak.heaviside(ak.tensor([-1., 0., 2.], requires_grad=True), ak.tensor([0.5]))
    assert h.tolist() == [0., 0.5, 1.]
    with pytest.raises(RuntimeError, match="derivative for aten::heaviside is not implemented"):
        h.sum().backward()


def test_assignment_by_index_converts_numbers_as_pytorch() -> None:
    y = ak.zeros(3, dtype=ak.uint8)
    y[0] = -1
    assert y.tolist() == [255, 0, 0]
    with pytest.raises(RuntimeError, match="type int8_t without overflow"):
        ak.zeros(3, dtype=ak.int8)[0] = 1000
    with pytest.raises(ValueError, match="Overflow when unpacking long long"):
        ak.zeros(3)[0] = 2**63
    with pytest.raises(IndexError, match="index 2 is out of bounds for dimension 0 with size 2"):
        ak.zeros(3, 2)[:, [0, 1, 2]]  # the indexed dimensions come first, as in PyTorch
    with pytest.raises(IndexError, match="index 9 is out of bounds for dimension 1 with size 5"):
        ak.zeros(3, 4, 5)[[0], 1, [9]] = 1.


def test_writes_of_numbers_check_the_type() -> None:
    x = ak.tensor([[1, 2], [3, 4]], dtype=ak.uint8)
    assert x.index_fill(1, ak.tensor([0]), -1).tolist() == [[255, 2], [255, 4]]
    assert x.scatter(1, ak.tensor([[1], [0]]), -2).tolist() == [[1, 254], [254, 4]]
    with pytest.raises(RuntimeError, match="uint8_t without overflow"):
        x.index_add(0, ak.tensor([0]), x[:1], alpha=1000)
    with pytest.raises(RuntimeError, match="int8_t without overflow"):
        ak.tensor([1, 2], dtype=ak.int8).masked_fill(ak.tensor([True, False]), ak.tensor(300))


def test_lerp_and_addcmul_checks() -> None:
    with pytest.raises(NotImplementedError, match="\"lerp_kernel_scalar\" not implemented for "
                                                  "'Long'"):
        ak.lerp(ak.tensor([1, 2]), ak.tensor([3, 4]), 0.5)
    with pytest.raises(RuntimeError, match="expected dtype float for `end` but got dtype double"):
        ak.lerp(ak.tensor([1.]), ak.tensor([3.], dtype=ak.float64), 0.5)
    start = ak.tensor([1., 2.])
    assert ak.lerp(start, ak.tensor([3., 4.]), ak.tensor(0.5, dtype=ak.float64)).dtype \
        == ak.float32
    # an integer result takes the value truncated: 1 + 2·(1·3), 2 + 2·(2·4)
    assert ak.addcmul(ak.tensor([1, 2]), ak.tensor([1, 2]), ak.tensor([3, 4]), value=2.5).tolist() \
        == [7, 18]


def test_alpha_is_recorded_by_the_add_node_itself() -> None:
    x = ak.tensor([1., 2.], requires_grad=True)
    y = ak.tensor([3., 4.], requires_grad=True)
    z = x.add(y, alpha=2)
    assert z.tolist() == [7., 10.]
    assert z.grad_fn._saved_alpha == 2
    assert [type(f).__name__ for f, _ in z.grad_fn.next_functions] == ["AccumulateGrad"] * 2
    z.sum().backward()
    assert x.grad.tolist() == [1., 1.] and y.grad.tolist() == [2., 2.]
    w = x.sub(y, alpha=3)
    gx, gy = ak.autograd.grad(w.sum(), (x, y))
    assert gx.tolist() == [1., 1.] and gy.tolist() == [-3., -3.]
    r = ak.rsub(x, 3, alpha=2)  # 3 - 2x
    assert r.tolist() == [1., -1.] and type(r.grad_fn).__name__ == "RsubBackward1"


def test_inplace_alpha_with_and_without_recording() -> None:
    with ak.no_grad():
        p = ak.tensor([1., 2.], requires_grad=True)
        p.add_(ak.tensor([1., 1.]), alpha=-0.5)
        p.sub_(ak.tensor([2., 2.]), alpha=2)
    assert p.tolist() == [-3.5, -2.5]
    x = ak.tensor([1., 2.], requires_grad=True)
    y = x.clone()
    y.add_(x, alpha=3)
    assert y.grad_fn._saved_alpha == 3
    y.sum().backward()
    assert x.grad.tolist() == [4., 4.]


def test_added_products_values_and_gradients() -> None:
    m, v = ak.tensor([[1., 2.], [3., 4.]]), ak.tensor([1., -1.])
    assert ak.addmv(ak.tensor([1., 1.]), m, v, beta=2, alpha=3).tolist() == [-1., -1.]
    assert ak.addr(ak.zeros(2, 2), v, v, alpha=2).tolist() == [[2., -2.], [-2., 2.]]
    y = ak.addmm(ak.tensor([float("nan")]), m, m, beta=0)  # β = 0: the NaN is ignored
    assert y.tolist() == [[7., 10.], [15., 22.]] and y.grad_fn is None
    i, a, b = double([0.5, -1.]), double([[1., 2.], [3., 4.]]), double([0.3, -0.7])
    assert ak.autograd.gradcheck(lambda i, a, b: ak.addmv(i, a, b, beta=2, alpha=3), (i, a, b))
    assert ak.autograd.gradcheck(lambda i, a, b: ak.addr(i, b, b * 2, alpha=0.5), (i, a, b))
    assert ak.autograd.gradcheck(lambda i, a: ak.addmm(i, a, a, beta=2, alpha=-1), (i, a))
    i3 = double([[0.1, 0.2], [0.3, 0.4]])
    b1 = ak.tensor([[[1., 2.], [0.5, 1.]], [[-1., 0.], [2., 1.]]], dtype=ak.float64,
                   requires_grad=True)
    assert ak.autograd.gradcheck(lambda i, x: ak.baddbmm(i, x, x, beta=0.5, alpha=2), (i3, b1))
    assert ak.autograd.gradcheck(lambda i, x: ak.addbmm(i, x, x, beta=3, alpha=0.5), (i3, b1))
    z = ak.addbmm(i3, b1, b1, alpha=2)
    assert type(z.grad_fn).__name__ == "AddbmmBackward0" and z.grad_fn._saved_alpha == 2
    with pytest.raises(RuntimeError, match="size mismatch, got input \\(4\\), mat \\(2x2\\), "
                                           "vec \\(2\\)"):
        ak.addmv(ak.zeros(4), m, v)


def test_inplace_comparisons_logical_and_bitwise() -> None:
    x = ak.tensor([1., 2., 3.], requires_grad=True)
    o = ak.tensor([2.], requires_grad=True)
    y = x.clone()
    y.ge_(o)
    assert y.tolist() == [0., 1., 1.] and type(y.grad_fn).__name__ == "GeBackward1"
    y.sum().backward()
    assert x.grad.tolist() == [0., 0., 0.] and o.grad.tolist() == [0.]
    assert type(x.clone().lt_(2).grad_fn).__name__ == "LtBackward0"
    z = ak.tensor([1, 2], dtype=ak.int8)
    assert z.less_(1.5).tolist() == [1, 0]
    leaf = ak.tensor([1., 2.], requires_grad=True)
    leaf.logical_and_(ak.tensor([1., 0.]))  # not recorded: allowed on a leaf, as in PyTorch
    assert leaf.tolist() == [1., 0.] and leaf.grad_fn is None and leaf._version == 1
    assert ak.tensor([5, 3]).bitwise_and_(1).tolist() == [1, 1]
    with pytest.raises(NotImplementedError, match="\"bitwise_and_cpu\" not implemented for "
                                                  "'Float'"):
        ak.tensor([1., 2.]).bitwise_and_(1)


def test_scatter_into_views() -> None:
    x = ak.zeros(2, 3, requires_grad=True)
    s = ak.tensor([[1., 2.], [3., 4.]], requires_grad=True)
    y = ak.slice_scatter(x, s, dim=1, start=1)
    assert y.tolist() == [[0., 1., 2.], [0., 3., 4.]]
    assert type(y.grad_fn).__name__ == "SliceScatterBackward0"
    (y * ak.arange(6.).view(2, 3)).sum().backward()
    assert x.grad.tolist() == [[0., 0., 0.], [3., 0., 0.]]
    assert s.grad.tolist() == [[1., 2.], [4., 5.]]
    z = ak.select_scatter(ak.zeros(2, 2), ak.tensor([5., 6.]), 1, 0)
    assert z.tolist() == [[5., 0.], [6., 0.]]
    d = ak.diagonal_scatter(ak.zeros(2, 3), ak.tensor([7., 8.]), 1)
    assert d.tolist() == [[0., 7., 0.], [0., 0., 8.]]
    v = double([[1., 2.], [3., 4.]])
    assert ak.diag_embed(v).tolist() == [[[1., 0.], [0., 2.]], [[3., 0.], [0., 4.]]]
    assert ak.autograd.gradcheck(lambda v: ak.diag_embed(v, 1, 0, 2), (v,))
    assert ak.diagflat(ak.tensor([1, 2]), -1).tolist() == [[0, 0, 0], [1, 0, 0], [0, 2, 0]]
    assert ak.zeros(5, 2).fill_diagonal_(5, wrap=True).tolist() == [[5., 0.], [0., 5.], [0., 0.],
                                                                     [5., 0.], [0., 5.]]
    with pytest.raises(RuntimeError, match="expected src to have a size equal to the slice"):
        ak.slice_scatter(ak.zeros(3, 4), ak.ones(3, 3), dim=1, step=2)


def test_arange_with_an_integer_dtype_and_float_arguments() -> None:
    assert ak.arange(0.5, 3.7, dtype=ak.int64).tolist() == [0, 1, 2]  # truncated first
    assert ak.arange(0, 5, 1.9, dtype=ak.int64).tolist() == [0, 1, 2, 3, 4]
    assert ak.arange(-0.5, 3, 0.7, dtype=ak.int32).tolist() == [0] * 5  # count from floats
    assert ak.arange(1, ak.tensor(4.)).dtype == ak.float32
    with pytest.raises(ValueError, match="step must be nonzero"):
        ak.arange(0, 1, 0.3, dtype=ak.int64)
    with pytest.raises(TypeError, match="argument 'end' \\(position 1\\) must be Number"):
        ak.arange(ak.tensor([3]))
    assert ak.full((2,), ak.tensor(3)).tolist() == [3, 3]
    with pytest.raises(TypeError, match="argument 'fill_value' \\(position 2\\) must be Number"):
        ak.full((2,), ak.tensor([3.]))


def test_nuclear_norm_and_argument_errors() -> None:
    x = ak.tensor([[3., 0.], [0., -4.]], requires_grad=True)
    y = x.norm(p="nuc")  # the singular values are 4 and 3
    assert y.item() == pytest.approx(7.)
    y.backward()
    assert x.grad.tolist() == [[1., 0.], [0., -1.]]  # U Vᵀ
    a = double([[1., 2., 0.5], [3., -1., 2.]])
    assert ak.autograd.gradcheck(lambda a: ak.nuclear_norm(a), (a,))
    with pytest.raises(TypeError, match="max\\(\\) received an invalid combination"):
        ak.max(ak.tensor([1., 5.]), 0.5)
    with pytest.raises(RuntimeError, match="topk does not support bool dtypes on CPU"):
        ak.tensor([True, False]).topk(1)


def test_random_fills_and_random_argument_errors() -> None:
    ak.manual_seed(0)
    u = ak.rand(50, dtype=ak.float64)
    ak.manual_seed(0)
    c = ak.empty(50, dtype=ak.float64).cauchy_(1., 2.)
    assert c.tolist() == pytest.approx((1 + 2 * (math.pi * (u - 0.5)).tan()).tolist())
    ak.manual_seed(0)
    g = ak.empty(50).geometric_(0.3)
    assert g.tolist() == (u.log() / math.log(0.7)).ceil().tolist()
    assert ak.empty(100).log_normal_().gt(0).all()
    x = ak.zeros(2, requires_grad=True)
    y = x.clone().cauchy_()
    y.sum().backward()
    assert type(y.grad_fn).__name__ == "CauchyBackward0" and x.grad.tolist() == [0., 0.]
    with pytest.raises(RuntimeError, match="geometric_ expects p to be in \\(0, 1\\)"):
        ak.empty(2).geometric_(1)
    with pytest.raises(RuntimeError, match="to - 1 is out of bounds for signed char"):
        ak.empty(2, dtype=ak.int8).random_(0, 1000)
    with pytest.raises(ValueError, match="Overflow when unpacking long long"):
        ak.randint(0, 2**70, (2,))
    with pytest.raises(RuntimeError, match="normal expects all elements of std >= 0.0"):
        ak.normal(ak.zeros(2), ak.tensor([-1., 1.]))


def test_unfold_and_sum_to_size() -> None:
    x = ak.arange(5.).requires_grad_()
    w = (x * 1).unfold(0, 3, 2)  # windows [0, 1, 2] and [2, 3, 4]
    assert w.tolist() == [[0., 1., 2.], [2., 3., 4.]]
    assert type(w.grad_fn).__name__ == "UnfoldBackward0"
    w.sum().backward()
    assert x.grad.tolist() == [1., 1., 2., 1., 1.]  # the shared value counts twice
    a = double([[0.3, -1.2, 2.0, 0.7], [1.5, 0.1, -0.4, 2.2]])
    assert ak.autograd.gradcheck(lambda a: a.unfold(1, 2, 1) ** 2, (a,))
    assert ak.autograd.gradgradcheck(lambda a: a.unfold(1, 2, 1) ** 2, (a,))
    base = ak.arange(6.)
    base.unfold(0, 2, 2)[0, 1] = 100.  # a view: writes reach the base
    assert base.tolist() == [0., 100., 2., 3., 4., 5.]
    y = ak.ones(2, 3).sum_to_size(3)
    assert y.tolist() == [2., 2., 2.] and ak.ones(2, 3).sum_to_size(2, 1).tolist() == [[3.], [3.]]
    with pytest.raises(RuntimeError, match="is not expandable to size"):
        ak.ones(2, 3).sum_to_size(4)


def test_zero_dim_tensors_and_broadcast_errors() -> None:
    x = ak.tensor(1.5, requires_grad=True)
    with pytest.raises(IndexError, match="Dimension specified as -1 but tensor has no dim"):
        x.roll(1, -1)
    with pytest.raises(IndexError, match="Dimension specified as 0 but tensor has no dim"):
        x.unbind(0)
    y = x.movedim(0, 0)
    assert y.shape == () and type(y.grad_fn).__name__ == "AliasBackward0"
    with pytest.raises(IndexError, match="too many indices for tensor of dimension 0"):
        x.detach()[..., 0]
    with pytest.raises(IndexError, match="slice\\(\\) cannot be applied to a 0-dim tensor"):
        x.detach()[1:]
    assert x.detach()[True].tolist() == [1.5]
    with pytest.raises(RuntimeError, match="The size of tensor a \\(2\\) must match the size of "
                                           "tensor b \\(3\\) at non-singleton dimension 0"):
        ak.zeros(2, 2).addcmul(ak.ones(3, 2), ak.ones(3, 2))


def test_div_in_place_with_rounding_mode() -> None:
    x = ak.tensor([5, -5])
    assert x.div_(2, rounding_mode="floor").tolist() == [2, -3]
    y = ak.tensor([1., 2.], requires_grad=True)
    z = y.clone()
    z.div_(2, rounding_mode="trunc")
    assert z.tolist() == [0., 1.]
    z.sum().backward()
    assert y.grad.tolist() == [0., 0.]  # a step function
