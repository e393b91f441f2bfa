"""Parity sweep: last-bit values of pointwise ops where the kit's rounding differed from
PyTorch 2.13 on the CPU (addcmul's fused multiply-add, addcdiv's order, float64 erf/erfc).

Each test asserts the bits PyTorch gives directly; the comparisons with PyTorch itself are
at the end and skip without it."""

from __future__ import annotations

import math

import numpy as np
import pytest

import autograd_kit as ak


def bits(t: ak.Tensor) -> list[int]:
    """The raw bits of a float tensor's values (float32 or float64)."""
    data = t.detach().numpy()
    return data.view(np.uint32 if data.dtype == np.float32 else np.uint64).tolist()


def test_addcmul_rounds_once_like_a_fused_multiply_add() -> None:
    # 1/3 + (0.5 · 1/3) · (-3): PyTorch's kernel is fma(value·t1, t2, input), one rounding
    third = ak.tensor([1 / 3])
    out = ak.addcmul(third, third, ak.tensor([-3.0]), value=0.5)
    assert bits(out) == [0xBE2AAAAB]  # the two-rounding sum gives 0xBE2AAAAA
    x = ak.tensor([0.1], dtype=ak.float64)
    out = ak.addcmul(x, ak.tensor([0.7], dtype=ak.float64), ak.tensor([0.3], dtype=ak.float64),
                     value=3.7)
    assert out.item() == 0.8769999999999999


def test_addcmul_in_place_and_its_gradient() -> None:
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    y = ak.addcmul(x, x, x, value=0.5)
    assert y.grad_fn.name() == "AddcmulBackward0"
    y.sum().backward()
    assert x.grad.tolist() == [2.0, 3.0]
    a = ak.tensor([1 / 3])
    a.addcmul_(ak.tensor([1 / 3]), ak.tensor([-3.0]), value=0.5)
    assert bits(a) == [0xBE2AAAAB]


def test_addcdiv_multiplies_by_value_before_dividing() -> None:
    # input + (value·t1)/t2, as PyTorch's kernel (not input + value·(t1/t2))
    t1, t2 = ak.tensor([0.7]), ak.tensor([0.3])
    out = ak.addcdiv(ak.tensor([0.0]), t1, t2, value=0.1)
    expected = (np.float32(0.1) * np.float32(0.7)) / np.float32(0.3)
    assert bits(out) == [int(np.float32(expected).view(np.uint32))]


def test_float64_erf_is_the_c_librarys() -> None:
    values = [-2.0, 1.0, 3.0, -0.3, 1.7]
    out = ak.tensor(values, dtype=ak.float64).erf()
    assert out.tolist() == [math.erf(v) for v in values]
    assert ak.tensor(3.0, dtype=ak.float64).erf().item() == 0.9999779095030014
    out = ak.tensor(values, dtype=ak.float64).erfc()
    assert out.tolist() == [math.erfc(v) for v in values]
    # (the series, 1 - erf, gave erfc(3) 9 million units in the last place too large)
    assert ak.tensor(3.0, dtype=ak.float64).erfc().item() == pytest.approx(2.209049699858544e-05,
                                                                           rel=1e-15)


def test_float64_erf_gradient_and_edge_values() -> None:
    x = ak.tensor([0.5, float("inf"), float("-inf")], dtype=ak.float64, requires_grad=True)
    y = x.erf()
    assert y.grad_fn.name() == "ErfBackward0"
    assert y.tolist() == [math.erf(0.5), 1.0, -1.0]
    assert ak.tensor([float("nan")], dtype=ak.float64).erf().isnan().all()
    assert ak.tensor([], dtype=ak.float64).erf().shape == (0,)
    y[0].backward()
    assert x.grad[0].item() == pytest.approx(2 / math.sqrt(math.pi) * math.exp(-0.25), rel=1e-15)


# ---- against PyTorch itself ----------------------------------------------------------------

@pytest.mark.parametrize("dtypes", [("float32",) * 3, ("float64",) * 3,
                                    ("float32", "float64", "float32"),
                                    ("float64", "float32", "float32")])
@pytest.mark.parametrize("value", [1, 0.5, 0.1, 3.7, -2])
@pytest.mark.parametrize("name", ["addcmul", "addcdiv"])
def test_addcmul_addcdiv_bits_match_pytorch(dtypes: tuple[str, ...], value: float,
                                            name: str) -> None:
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(1)
    shapes = [(40,), (40,), (40,)] if value != 0.5 else [(3, 1), (1, 4), (4,)]
    arrays = [rng.normal(size=s).astype(d) for s, d in zip(shapes, dtypes)]
    expected = getattr(torch, name)(*map(torch.from_numpy, arrays), value=value).numpy()
    got = getattr(ak, name)(*map(ak.from_numpy, arrays), value=value).numpy()
    assert got.dtype == expected.dtype
    assert got.tobytes() == expected.tobytes()


def test_float64_erf_and_erfc_match_pytorch() -> None:
    """erf to the bit on these values; erfc (PyTorch's is Intel MKL's, not always the C
    library's) within one unit in the last place."""
    torch = pytest.importorskip("torch")
    x = np.array([-2.0, -1.0, 0.5, 1.0, 2.0, 3.0, 0.1, -0.3, 1.7, 0.0, 5.0])
    expected = torch.from_numpy(x).erf().numpy()
    assert ak.from_numpy(x).erf().numpy().tobytes() == expected.tobytes()
    expected = torch.from_numpy(x).erfc().numpy().view(np.int64)
    got = ak.from_numpy(x).erfc().numpy().view(np.int64)
    assert np.abs(got - expected).max() <= 1
