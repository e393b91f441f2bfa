"""The quick paths of the float32 emulation give PyTorch's bits: sigmoid (SLEEF's exp on whole
blocks of 32 values, glibc's expf on the rest) and binary_cross_entropy's logs (glibc's logf
and log1pf), forward and backward, on arrays of the sizes a training loop uses.

The quick paths skip work when the minimum and maximum allow it: no masks for inf, nan or
out-of-range values, no ``errstate`` below 87 in size, constants as 0-d arrays, the exp
polynomial on float64 arrays, and binary_cross_entropy's two logs from one look at the extremes.
These tests hold their bits to hand-checked values (taken from PyTorch 2.13, CPU), to the
slow general paths (the same values beside an inf or a nan), and to PyTorch when it is
installed."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import autograd_kit as ak
import autograd_kit.nn.functional as F
from autograd_kit.ops import glibc_float32 as G
from autograd_kit.ops import sleef_float32 as S

f32 = np.float32


def bits(a: np.ndarray) -> list[int]:
    return np.ascontiguousarray(a, f32).reshape(-1).view(np.uint32).tolist()


def same_bits(a: np.ndarray, b: np.ndarray) -> bool:
    """Equal bit patterns, any nan matching any nan."""
    a, b = np.asarray(a, f32), np.asarray(b, f32)
    same = (a.view(np.uint32) == b.view(np.uint32)) | (np.isnan(a) & np.isnan(b))
    return a.shape == b.shape and bool(same.all())


def floats(*words: int) -> np.ndarray:
    return np.array(words, np.uint32).view(f32)


# ---- sigmoid: hand-checked bits, vector and scalar lanes ---------------------------------------

X = f32([-3.5, -1, -0.1, 0, 0.25, 1, 2.5, 10, 20, -20, 87, -87, 88.5, -88.5, 100, -100,
         1e-30, -1e-30])
SIGMOID_X = [0x3CF02034, 0x3E89B2B1, 0x3EF335ED, 0x3F000000, 0x3F0FEACD, 0x3F3B26A8,
             0x3F6C948F, 0x3F7FFD06, 0x3F800000, 0x310DA433, 0x3F800000, 0x00B33688,
             0x3F800000, 0x0027FCE2, 0x3F800000, 0x00000000, 0x3F000000, 0x3F000000]
SCALAR_LOOP = {11: 0x00B33687}  # (σ(-87) through glibc's expf: one ulp below SLEEF's)


@pytest.mark.parametrize("size", [18, 40, 64, 200])
def test_sigmoid_hand_checked_bits(size: int) -> None:
    """With AVX-512 (blocks of 32), 18 values: all through glibc's expf (the scalar loop);
    40: 32 through SLEEF's exp and 8 through glibc's; 64: all through SLEEF's. With AVX2,
    blocks of 16 (cpu_capability.py)."""
    expected = np.resize(SIGMOID_X, size)
    scalar_lanes = np.arange(size) >= size - size % S.VECTOR_BLOCK
    for lane, word in SCALAR_LOOP.items():
        expected[(np.arange(size) % X.size == lane) & scalar_lanes] = word
    assert bits(S.sigmoid(np.resize(X, size))) == expected.tolist()


def test_sigmoid_quick_path_equals_the_general_one() -> None:
    """|x| ≤ 87 takes the quick path; one inf sends the same values through the masks."""
    x = np.random.default_rng(0).uniform(-87, 87, 1000).astype(f32)
    x[::50] = np.resize(X[np.abs(X) <= 87], x[::50].size)
    for size in (1, 8, 32, 33, 200, 1000):  # (n + 1 leaves the first n lanes in their loop)
        quick = S.sigmoid(x[:size])
        assert same_bits(quick, S.sigmoid(np.append(x[:size], f32(np.inf)))[:size])
        for exp in (S.sleef_exp, S.scalar_exp):
            assert same_bits(exp(x[:size]), exp(np.append(x[:size], f32(np.nan)))[:size])


HALFWAY_EXP = floats(0x34000000, 0x347FFFFF, 0x3634002D, 0x3E704800, 0x3F187218, 0x3F84ACD3,
                     0x4049389E)  # (a float64 sum of SLEEF's exp falls halfway between floats)


def test_halfway_lanes_in_the_quick_path_get_one_rounding(
        monkeypatch: pytest.MonkeyPatch) -> None:
    x = np.concatenate([HALFWAY_EXP, np.linspace(-80, 80, 50, dtype=f32)])
    assert same_bits(S.sleef_exp(x), S._sleef_exp_core(S.fma, x))
    assert same_bits(S.sleef_exp(x[:1]), S._sleef_exp_core(S.fma, x[:1]))
    exact, shapes = S.fma, []

    def watched(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> np.ndarray:
        shapes.append(np.shape(b))
        return exact(a, b, c)

    monkeypatch.setattr(S, "fma", watched)  # (the exact multiply-add: on the halfway lanes only)
    S.sleef_exp(x)
    assert shapes == [HALFWAY_EXP.shape] * 6


def test_sigmoid_of_zeros_nans_and_infinities_in_both_loops() -> None:
    x = np.resize(f32([np.nan, -np.nan, 0.0, -0.0, np.inf, -np.inf, 1.0]), 40)
    y = S.sigmoid(x)
    assert np.isnan(y).sum() == 12 and (y == f32(0.5)).sum() == 12
    assert bits(y[np.isinf(x)]) == [0x3F800000 if v > 0 else 0 for v in x[np.isinf(x)]]


def test_no_warnings_on_the_quick_paths_and_for_signalling_nans() -> None:
    tiny = f32([1e-30, -1e-30, 1e-45, 0, -0.0, 87, -87, 3])
    signalling = np.resize(floats(0x7F800001, 0xFF800123, 0x3F800000), 40)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for x in (tiny, np.resize(tiny, 40), signalling):
            S.sigmoid(x)
        G.log1pf(-np.abs(tiny))
        G.logf(np.abs(tiny) + f32(1e-3))
        with pytest.raises(RuntimeError, match="input should be between 0 and 1"):
            F.binary_cross_entropy(ak.tensor(signalling[:2]), ak.tensor([0.0, 1.0]))  # (nan)


# ---- binary_cross_entropy: glibc's logs, hand-checked ------------------------------------------

P = f32([1e-45, 1e-20, 0.001, 0.1, 0.25, 0.2929, 0.3, 0.5, 0.75, 0.9, 0.999, 1 - 2 ** -24, 0, 1])
T = f32([1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 0, 1])
BCE_NONE = [0x42C80000, 0x1E3CE508, 0x40DD0C55, 0x3DD7C741, 0x3FB17218, 0x3EB1735A,
            0x3F9A1BC8, 0x3F317218, 0x3E934B11, 0x40135D8D, 0x3A8322CA, 0x41851592,
            0x00000000, 0x80000000]


def test_bce_hand_checked_bits() -> None:
    """-max(logf(p), -100) where t = 1, -max(log1pf(-p), -100) where t = 0."""
    loss = F.binary_cross_entropy(ak.tensor(P), ak.tensor(T), reduction="none")
    assert bits(loss.numpy()) == BCE_NONE
    inside = slice(2, 12)  # (0 < p < 1, not subnormal: the quick paths of both logs)
    loss = F.binary_cross_entropy(ak.tensor(P[inside]), ak.tensor(T[inside]), reduction="none")
    assert bits(loss.numpy()) == BCE_NONE[inside]


def test_bce_logs_are_the_clamped_logs() -> None:
    p = np.concatenate([P, np.random.default_rng(1).random(300, dtype=f32)]).reshape(-1, 2)
    log_p, log_q = G.bce_logs(p, p.min(), p.max())
    assert same_bits(log_p, np.maximum(G.logf(p), f32(-100)))
    assert same_bits(log_q, np.maximum(G.log1pf(-p), f32(-100)))
    empty = np.zeros((0, 3), f32)
    assert [a.shape for a in G.bce_logs(empty, 0, 0)] == [(0, 3), (0, 3)]


def test_log_quick_paths_equal_the_general_ones() -> None:
    rng = np.random.default_rng(2)
    for p in (rng.random(200, dtype=f32), np.exp2(rng.uniform(-120, 0, 200)).astype(f32)):
        assert same_bits(G.logf(p), G.logf(np.append(p, f32(0)))[:-1])
        assert same_bits(G.log1pf(-p), G.log1pf(np.append(-p, f32(np.nan)))[:-1])
        assert same_bits(G.log1pf(p), G.log1pf(np.append(p, f32(np.inf)))[:-1])


def test_constants_are_0d_arrays_with_the_same_results() -> None:
    c = S.constant(0.1)
    assert c.shape == () and c.dtype == f32 and S.constant(1, np.float64).dtype == np.float64
    x = np.linspace(-1, 1, 7, dtype=f32)
    assert same_bits(x * c, x * f32(0.1)) and (x * c).dtype == f32
    assert S.some(x > 0.9) and not S.some(x > 1)


# ---- against PyTorch, on the sizes of a training loop ------------------------------------------

SIZES = [1, 2, 7, 31, 32, 33, 63, 64, 65, 100, 199, 200, 201, 256, 300, 1000]


def test_sigmoid_forward_backward_match_pytorch() -> None:
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(3)
    for n in SIZES:
        for scale in (1.0, 5.0, 40.0):
            x = (rng.standard_normal((n, 1)) * scale).astype(f32)
            g = rng.standard_normal((n, 1)).astype(f32)
            mine = ak.tensor(x, requires_grad=True)
            y = mine.sigmoid()
            y.backward(ak.tensor(g))
            theirs = torch.from_numpy(x).requires_grad_(True)
            ty = torch.sigmoid(theirs)
            ty.backward(torch.from_numpy(g))
            assert same_bits(y.detach().numpy(), ty.detach().numpy()), (n, scale)
            assert same_bits(mine.grad.numpy(), theirs.grad.numpy()), (n, scale)


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
def test_bce_forward_backward_match_pytorch(reduction: str) -> None:
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(4)
    for n in SIZES:
        p = 1 / (1 + np.exp(-rng.standard_normal((n, 1)) * 6))
        p = np.clip(p, 0, 1).astype(f32)
        p[: n // 10] = np.resize(P, n // 10)[:, None]
        t = (rng.random((n, 1)) > 0.5).astype(f32)
        mine = ak.tensor(p, requires_grad=True)
        loss = F.binary_cross_entropy(mine, ak.tensor(t), reduction=reduction)
        loss.backward(ak.ones_like(loss) if reduction == "none" else None)
        theirs = torch.from_numpy(p).requires_grad_(True)
        tloss = torch.nn.functional.binary_cross_entropy(theirs, torch.from_numpy(t),
                                                         reduction=reduction)
        tloss.backward(torch.ones_like(tloss) if reduction == "none" else None)
        assert same_bits(loss.detach().numpy(), tloss.detach().numpy()), n
        assert same_bits(mine.grad.numpy(), theirs.grad.numpy()), n


def test_log1p_matches_pytorch_on_small_arrays() -> None:
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(5)
    for n in SIZES:
        x = (rng.standard_normal(n) * 3).astype(f32)
        x = np.where(x > -1, x, -x)
        assert same_bits(ak.tensor(x).log1p().numpy(), torch.log1p(torch.from_numpy(x)).numpy())
