"""The fast paths of SLEEF's log and log1p, glibc's log1pf, and the logistic backward rules give
the same bits as the plain step-by-step algorithms (written out again here) and as PyTorch:
special values, lanes whose float64 sums fall halfway between two floats, the multiply-adds
taken as exact in float64, and strided samples of all float32 bit patterns."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

import autograd_kit as ak
import autograd_kit.nn.functional as F
from autograd_kit.ops import glibc_float32 as G
from autograd_kit.ops import sleef_float32 as S
from autograd_kit.ops.loss_rules import BinaryCrossEntropyBackward
from autograd_kit.ops.unary import SigmoidBackward

f32, f64, i32 = np.float32, np.float64, np.int32
SPECIAL = np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 1e-45, -1e-45, 1.1754944e-38,
                    -1.1754944e-38, 0.5, -0.5, 1, -1, -0.99999994, 0.99999994, 1e38, 1.0000001e38,
                    3e38, 2.0 ** 53, 2.0 ** 127, 1.7014117e38, -2.0 ** -30, 2.0 ** -29,
                    -2.0 ** -29, 2.0 ** -55, 0.41421354, 0.41421357, -0.29289323, -0.2928932,
                    2.0 ** -22, -2.0 ** -22, 2.0 ** -24, -3 * 2.0 ** -24, 1.5, 88.7], f32)


def strided(step: int, stop: int = 2 ** 32) -> np.ndarray:
    return np.arange(0, stop, step, dtype=np.uint64).astype(np.uint32).view(f32)


def same_bits(a: np.ndarray, b: np.ndarray) -> bool:
    a, b = np.asarray(a), np.asarray(b)
    same = (a.view(np.uint32) == b.view(np.uint32)) | (np.isnan(a) & np.isnan(b))
    return a.shape == b.shape and bool(same.all())


# ---- the step-by-step algorithms, every multiply-add through the exact `fma` -----------------

def _two_sum(x: Any, y: Any) -> tuple[Any, Any]:
    s = x + y
    v = s - x
    return s, (x - (s - v)) + (y - v)


def _pair_divide(n_hi: Any, n_lo: Any, d_hi: Any, d_lo: Any) -> tuple[Any, Any]:
    t = f32(1) / d_hi
    s = n_hi * t
    u = S.fma(t, n_hi, -s)
    v = S.fma(-d_lo, t, S.fma(-d_hi, t, f32(1)))
    return s, S.fma(s, v, S.fma(n_lo, t, u))


def _log_series(e: Any, x_hi: Any, x_lo: Any) -> Any:
    s_hi = f32(0.69314718246459960938) * e
    s_lo = S.fma(f32(-1.904654323148236017e-09), e, S.fma(f32(0.69314718246459960938), e, -s_hi))
    x2 = x_hi * x_hi
    t = S.fma(S.fma(f32(0.3027294874), x2, f32(0.3996108174)), x2, f32(0.6666694880))
    hi = s_hi + x_hi * f32(2)
    lo = (((s_hi - hi) + x_hi * f32(2)) + s_lo) + x_lo * f32(2)
    term = (x2 * x_hi) * t
    total = hi + term
    return (total + (((hi - total) + term) + lo)).astype(f32)


def _exponent(d: Any) -> Any:
    return (np.frexp(d * f32(1 / 0.75))[1] - 1).astype(f32)


def sleef_log_steps(d: np.ndarray) -> np.ndarray:
    with np.errstate(all="ignore"):
        mantissa = (np.frexp(d)[0] * 2).astype(f32)
        m = np.where(mantissa >= f32(1.5), mantissa * f32(0.5), mantissa)
        r = _log_series(_exponent(d), *_pair_divide(*_two_sum(f32(-1), m), *_two_sum(f32(1), m)))
        r = np.where(d == 0, f32(-np.inf), np.where(np.isposinf(d), f32(np.inf), r))
        return np.where((d < 0) | np.isnan(d), f32(np.nan), r).astype(f32)


def sleef_log1p_steps(d: np.ndarray) -> np.ndarray:
    with np.errstate(all="ignore"):
        e = _exponent(d + f32(1))
        e = np.where(np.isinf((d + f32(1)) * f32(1 / 0.75)), f32(128), e)  # (ilogb2k of inf)
        scale = np.ldexp(f32(1), -np.where(np.isfinite(e), e, 0).astype(i32))
        m = S.fma(d, scale, scale - f32(1))
        two = f32(2) + m
        r = _log_series(e, *_pair_divide(m, f32(0), two, (f32(2) - two) + m))
        r = np.where(np.isposinf(d), f32(np.inf), r)
        r = np.where((d < -1) | np.isnan(d), f32(np.nan), np.where(d == -1, f32(-np.inf), r))
        return np.where((d == 0) & np.signbit(d), f32(-0.0), r).astype(f32)


def log1pf_steps(x: np.ndarray) -> np.ndarray:
    """fdlibm's log1pf, every branch computed everywhere and chosen by masks."""
    hx = x.view(i32).astype(np.int64)
    ax = hx & 0x7FFFFFFF
    lp = G._LP
    with np.errstate(all="ignore"):
        direct = (hx < 0x3ED413D7) & ((hx > 0) | (hx <= -0x416A09E1))
        big = hx >= 0x5A000000
        u = np.where(big, x, f32(1) + x)
        hu = u.view(i32).astype(np.int64)
        k = (hu >> 23) - 127
        c = np.where(big, f32(0), np.where(k > 0, f32(1) - (u - x), x - (u - f32(1))) / u)
        hu = hu & 0x007FFFFF
        low = hu < 0x3504F7
        k = np.where(low, k, k + 1)
        u = np.where(low, hu | 0x3F800000, hu | 0x3F000000).astype(np.uint32).view(f32)
        hu = np.where(direct, 1, np.where(low, hu, (0x00800000 - hu) >> 2))
        f = np.where(direct, x, u - f32(1))
        k, c = np.where(direct, 0, k), np.where(direct, f32(0), c)
        kf = k.astype(f32)
        hfsq = f32(0.5) * f * f
        r_small = hfsq * (f32(1) - f32(0.66666666666666666) * f)
        small = np.where(k == 0, f - r_small,
                         kf * G._LN2_HI - ((r_small - (kf * G._LN2_LO + c)) - f))
        small = np.where(f == 0, np.where(k == 0, f32(0), kf * G._LN2_HI + (c + kf * G._LN2_LO)),
                         small)
        s = f / (f32(2) + f)
        z = s * s
        r = lp[6]
        for coefficient in reversed(lp[:6]):
            r = coefficient + z * r
        r = z * r
        general = np.where(k == 0, f - (hfsq - s * (hfsq + r)),
                           kf * G._LN2_HI - ((hfsq - (s * (hfsq + r) + (kf * G._LN2_LO + c))) - f))
        y = np.where(hu == 0, small, general)
        y = np.where(ax < 0x31000000, np.where(ax < 0x24800000, x, x - x * x * f32(0.5)), y)
        special = np.log1p(x.astype(f64)).astype(f32)
        return np.where((x <= -1) | ~np.isfinite(x), special, y).astype(f32)


FUNCTIONS = {"sleef_log": (S.sleef_log, sleef_log_steps),
             "sleef_log1p": (S.sleef_log1p, sleef_log1p_steps),
             "log1pf": (G.log1pf, log1pf_steps)}


def samples(step: int) -> list[np.ndarray]:
    """Strided patterns, and pieces that take each fast path: all positive, all in (-1, 1),
    all near 0, all beyond √2 - 1, mixed, single values, and a 2-D strided view."""
    x = strided(step)
    finite = x[np.isfinite(x)]
    pieces = [x, SPECIAL, np.abs(x), finite[(finite > -1) & (finite < 1e38)],
              finite[np.abs(finite) < 0.29], finite[(finite > 0.5) & (finite < 1e30)],
              -np.abs(finite)[np.abs(finite) < 1], np.abs(x)[:37], x[:201].reshape(3, 67)[:, ::2]]
    return pieces + [SPECIAL[i:i + 1] for i in range(SPECIAL.size)] + [np.abs(SPECIAL[i:i + 1])
                                                                      for i in range(SPECIAL.size)]


@pytest.mark.parametrize("name", sorted(FUNCTIONS))
def test_fast_paths_equal_the_steps(name: str) -> None:
    fast, steps = FUNCTIONS[name]
    for x in samples(99991):
        with np.errstate(all="ignore"):
            assert same_bits(fast(x), steps(x)), x[:5]
    assert fast(np.zeros(0, f32)).shape == (0,)
    for value in (f32(0.75), f32(-0.5), f32(3e-30)):  # 0-d arrays
        assert same_bits(fast(np.array(value)), steps(np.array(value)))


def test_special_values() -> None:
    with np.errstate(all="ignore"):
        lg, lp, gl = (S.sleef_log(SPECIAL), S.sleef_log1p(SPECIAL), G.log1pf(SPECIAL))
    assert lg[0] == lg[1] == -np.inf and lg[2] == np.inf and np.isnan(lg[[3, 4, 6]]).all()
    assert np.signbit(lp[1]) and not np.signbit(lp[0]) and lp[12] == -np.inf
    assert np.isnan(lp[[3, 4]]).all() and lp[2] == np.inf
    assert lp[17] == np.float32(np.log(3e38))  # (finite: PyTorch prints 88.59685, not inf)
    assert np.signbit(gl[1]) and gl[12] == -np.inf and np.isnan(gl[[3, 4]]).all()
    assert S.sleef_log1p(f32([-0.0, 0.5])).view(np.uint32)[0] == 0x80000000  # (fast path)


# Inputs whose float64 sums fall halfway between two floats in one of the checked
# multiply-adds (found with `DoubleRounded.suspects` on a sample): they go to the exact `fma`
HALFWAY_LOG = np.array([0x3C000700, 0x3CD7180D, 0x3DBE6920, 0x3E91D106, 0x3F5FFF3D, 0x4041CF35,
                        0x4129D481, 0x41E7389C, 0x42C54128], np.uint32).view(f32)
HALFWAY_LOG1P = np.array([0x3C31EE00, 0x3F1D5BD4, 0x404E8CEF, 0x41454000, 0x42346494, 0xBD6B7080,
                          0xBEC1E65C, 0xBF5888B4, 0xBF7FFC25], np.uint32).view(f32)


def test_halfway_lanes_are_found_and_recomputed() -> None:
    plain = f32([0.1234567, 0.7654321, 1.3579246, 2.7182817, 5.5555553, 9.8765432])
    x = np.concatenate([HALFWAY_LOG, plain])
    e = (S._biased_exponent(x) - 127).astype(f32)
    bits = x.view(i32) & S._MANTISSA
    bits |= np.where(bits >= S._HALF_MANTISSA, i32(0x3F000000), i32(0x3F800000))
    fused = S.DoubleRounded(4, x.shape)
    S._sleef_log_core(fused, e, bits.view(f32))
    assert (fused.suspects() == (np.arange(x.size) < HALFWAY_LOG.size)).all()
    x = np.concatenate([HALFWAY_LOG1P, plain])
    biased = S._biased_exponent(x + f32(1))
    fused = S.DoubleRounded(4, x.shape)
    S._sleef_log1p_core(fused, x, (biased - 127).astype(f32), ((254 - biased) << 23).view(f32))
    assert (fused.suspects() == (np.arange(x.size) < HALFWAY_LOG1P.size)).all()
    assert same_bits(S.sleef_log(HALFWAY_LOG), sleef_log_steps(HALFWAY_LOG))
    assert same_bits(S.sleef_log1p(HALFWAY_LOG1P), sleef_log1p_steps(HALFWAY_LOG1P))


def test_multiply_adds_taken_as_exact_are_exact(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every `_float64` step of log and log1p loses nothing in float64 (TwoSum's error is 0)."""
    plain, lost = S._float64, []

    def checked(a: Any, b: Any, c: Any) -> np.ndarray:
        p = np.multiply(a, b, dtype=f64)
        c = np.asarray(c, f64)
        s = p + c
        v = s - p
        lost.append(int(np.count_nonzero((p - (s - v)) + (c - v))))
        return plain(a, b, c)

    monkeypatch.setattr(S, "_float64", checked)
    x = strided(4999)
    S.sleef_log(x[(x >= S._TINY) & (x < S._LOG_HIGH)])
    S.sleef_log1p(x[(x > -1) & (x <= S._LOG1P_HIGH)])
    assert len(lost) >= 7 and sum(lost) == 0  # (3 steps in log, 4 in log1p)


# ---- the logistic backward rules ---------------------------------------------------------------

def test_logsigmoid_backward_reuses_the_forward_buffer(monkeypatch: pytest.MonkeyPatch) -> None:
    x = np.concatenate([SPECIAL, np.linspace(-30, 30, 77, dtype=f32)])
    g = np.linspace(-2, 2, x.size, dtype=f32)
    with np.errstate(all="ignore"):
        b = S.sleef_exp(-np.abs(x))
        q = b / (f32(1) + b)
        expected = (np.where(x < 0, 1, 0) - np.where(x < 0, 1, -1) * q).astype(f32) * g
    a = ak.tensor(x, requires_grad=True)
    y = F.logsigmoid(a)
    calls = []
    monkeypatch.setattr(S, "sleef_exp", lambda v: calls.append(v) or b)
    y.backward(ak.tensor(g), retain_graph=True)
    assert calls == [] and same_bits(a.grad.numpy(), expected)
    (grad_of_grad,) = ak.autograd.grad(y, a, ak.tensor(g, requires_grad=True), create_graph=True)
    assert calls == [] and same_bits(grad_of_grad.detach().numpy(), expected)
    assert grad_of_grad.grad_fn.name() == "LogSigmoidBackwardBackward0"
    assert len(grad_of_grad.grad_fn.next_functions) == 2  # (the buffer is no input)


def test_logistic_losses_of_0d_tensors() -> None:
    p, t = ak.tensor(0.3, requires_grad=True), ak.tensor(1.0)
    F.binary_cross_entropy(p, t).backward()
    x = ak.tensor(-0.7, requires_grad=True)
    F.binary_cross_entropy_with_logits(x, t).backward()
    F.logsigmoid(x).backward()
    assert abs(p.grad.item() + 1 / 0.3) < 1e-5 and x.grad.shape == ()


def test_logsigmoid_double_backward_computes_its_own_buffer() -> None:
    x = ak.tensor([-3.0, -0.5, 0.0, 0.25, 4.0], requires_grad=True)
    (g,) = ak.autograd.grad(F.logsigmoid(x).sum(), x, create_graph=True)
    g.sum().backward()
    s = 1 / (1 + np.exp(-x.detach().numpy().astype(f64)))
    np.testing.assert_allclose(g.detach().numpy(), 1 - s, rtol=1e-6)
    np.testing.assert_allclose(x.grad.numpy(), -s * (1 - s), rtol=1e-5)


def test_sigmoid_and_bce_rules_keep_pytorch_order() -> None:
    y = np.linspace(0, 1, 41, dtype=f32)
    g = np.linspace(-3, 3, 41, dtype=f32)
    assert same_bits(SigmoidBackward.on_arrays(g, y), (g * (1 - y)) * y)
    assert SigmoidBackward.on_arrays(g[:1].astype(f64), y[:1]).dtype == f64
    t = np.full_like(y, 0.25)
    for gg, count in ((np.array(0.5, f32), 41), (g, None)):
        with np.errstate(all="ignore"):
            expected = (gg * (y - t)) / np.maximum((f32(1) - y) * y, f32(1e-12))
        expected = expected / f32(count) if count else expected
        assert same_bits(BinaryCrossEntropyBackward.in_pytorch_order(gg, y, t, None, count),
                         expected)


def test_logistic_gradients_match_pytorch_on_strided_patterns() -> None:
    torch = pytest.importorskip("torch")
    x = strided(40009)
    x = x[np.isfinite(x)][:2000]
    g = np.resize(np.linspace(-2, 2, 101, dtype=f32), x.shape)
    p = np.abs(x)
    p = np.where(p <= 1, p, np.resize(np.linspace(0, 1, 97, dtype=f32), p.shape))
    for target in (0.0, 1.0, 0.3):
        t = np.full_like(p, target)
        for reduction in ("none", "mean"):
            mine = ak.tensor(p, requires_grad=True)
            theirs = torch.from_numpy(p.copy()).requires_grad_()
            loss = F.binary_cross_entropy(mine, ak.tensor(t), reduction=reduction)
            their_loss = torch.nn.functional.binary_cross_entropy(
                theirs, torch.from_numpy(t), reduction=reduction)
            gm, gt = (ak.tensor(g), torch.from_numpy(g)) if reduction == "none" else (None, None)
            loss.backward(gm)
            their_loss.backward(gt)
            assert same_bits(mine.grad.numpy(), theirs.grad.numpy())
            assert same_bits(loss.detach().numpy(), their_loss.detach().numpy())
    for name in ("logsigmoid", "sigmoid"):
        mine = ak.tensor(x, requires_grad=True)
        theirs = torch.from_numpy(x.copy()).requires_grad_()
        getattr(F, name)(mine).backward(ak.tensor(g))
        getattr(torch.nn.functional, name)(theirs).backward(torch.from_numpy(g))
        assert same_bits(mine.grad.numpy(), theirs.grad.numpy()), name


def test_log_fast_paths_match_pytorch_on_strided_patterns() -> None:
    torch = pytest.importorskip("torch")
    x = strided(7919)
    x = x[np.isfinite(x) & (x > -1) & (x <= 1e38)]
    x = x[: x.size - x.size % 1024].reshape(-1, 1024)[::5]
    assert same_bits(S.sleef_log1p(x), torch.log1p(torch.from_numpy(x)).numpy())
    p = np.abs(x[:, :512]) % f32(1)
    for target in (0.0, 1.0):
        mine = F.binary_cross_entropy(ak.tensor(p), ak.tensor(np.full_like(p, target)),
                                      reduction="none")
        theirs = torch.nn.functional.binary_cross_entropy(
            torch.from_numpy(p), torch.full_like(torch.from_numpy(p), target), reduction="none")
        assert same_bits(mine.numpy(), theirs.numpy())


def test_log1p_of_the_largest_floats_is_finite():
    """Above about 2.55e38, (1 + x)·4/3 overflows: SLEEF reads its exponent as 128 and still
    gives ln(1 + x) (PyTorch 2.13 prints 88.59685 for 3e38), not inf."""
    x = np.array([1.18e38, 2.5e38, 3e38, np.finfo(np.float32).max], np.float32)
    got = ak.tensor(x).log1p().numpy()
    assert np.isfinite(got).all()
    np.testing.assert_allclose(got, np.log(x.astype(np.float64)), rtol=2e-7)
    assert ak.tensor([np.inf]).log1p().item() == np.inf


def test_log1p_of_the_largest_floats_has_pytorchs_bits():
    torch = pytest.importorskip("torch")
    low = np.float32(9e37).view(np.uint32)
    high = np.finfo(np.float32).max.view(np.uint32)
    x = np.arange(low, high + 1, 9973, dtype=np.uint32).view(np.float32)
    want = torch.tensor(x).log1p().numpy()
    assert np.array_equal(ak.tensor(x).log1p().numpy().view(np.uint32),
                             want.view(np.uint32))
