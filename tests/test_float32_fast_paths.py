"""The fast paths of the float32 emulation (sleef_float32.py, glibc_float32.py) give the same
bits as the step-by-step algorithms and as PyTorch: special values, the rare lanes where a
float64 sum falls halfway between two floats, and strided samples of all bit patterns
(against PyTorch when it is installed)."""

from __future__ import annotations

import numpy as np
import pytest

import autograd_kit as ak
import autograd_kit.nn.functional as F
from autograd_kit.ops import glibc_float32 as G
from autograd_kit.ops import sleef_float32 as S

f32 = np.float32
SPECIAL = np.array([0.0, -0.0, np.inf, -np.inf, np.nan, 1e-45, -1e-45, 1.1754944e-38,
                    -1.1754944e-38, 88.72, 88.73, -87.3, -103.97, -103.98, -104, -104.5, 100,
                    100.5, -1, 1, 0.5, -0.5, 1e38, 3e38, -0.999999, 2.0 ** 53, -2.0 ** -30],
                   f32)


def strided(step: int, stop: int = 2 ** 32) -> np.ndarray:
    """Every step-th float32 bit pattern below ``stop`` (all signs, nan and inf included)."""
    return np.arange(0, stop, step, dtype=np.uint64).astype(np.uint32).view(f32)


def same_bits(a: np.ndarray, b: np.ndarray) -> bool:
    """Equal bit patterns, any nan matching any nan (nan's payload is not emulated)."""
    same = (a.view(np.uint32) == b.view(np.uint32)) | (np.isnan(a) & np.isnan(b))
    return a.shape == b.shape and bool(same.all())


# float32 inputs whose exp has a float64 sum exactly halfway between two floats (found by
# trying all 2^32 inputs): the lanes `DoubleRounded.suspects` must send to the exact `fma`
HALFWAY_EXP = np.array([0x34000000, 0x347FFFFF, 0x3634002D, 0x3E704800, 0x3F187218,
                        0x3F84ACD3, 0x4049389E], np.uint32).view(f32)


def test_halfway_lanes_are_recomputed_with_one_rounding() -> None:
    x = np.concatenate([HALFWAY_EXP, np.linspace(-3, 3, 9, dtype=f32)])
    fused = S.DoubleRounded(6, x.shape)
    S._sleef_exp_core(fused, x)
    assert (fused.suspects() == (np.arange(x.size) < HALFWAY_EXP.size)).all()
    assert same_bits(S.sleef_exp(x), S._sleef_exp_core(S.fma, x))


@pytest.mark.parametrize("shape", [(), (0,), (1,), (7, 5), (40,)])
def test_exp_fast_path_equals_the_exact_steps(shape: tuple[int, ...]) -> None:
    x = (np.resize(np.concatenate([strided(99991)[::3], SPECIAL]), shape)).astype(f32)
    inside = np.where((x >= -104) & (x <= 100), x, f32(0))  # (the exact core's range)
    with np.errstate(all="ignore"):
        y = S.sleef_exp(x)
        expected = np.where(x < -104, f32(0), np.where(x > 100, f32(np.inf),
                            S._sleef_exp_core(S.fma, inside.reshape(-1)).reshape(shape)))
    expected = np.where(np.isnan(x), x, expected)
    assert same_bits(y, expected)


def test_special_values_keep_their_results() -> None:
    with np.errstate(all="ignore"):
        e, se, lg, lp = (S.sleef_exp(SPECIAL), S.scalar_exp(SPECIAL), G.logf(SPECIAL),
                         G.log1pf(SPECIAL))
    assert e[2] == np.inf and e[3] == 0 and np.isnan(e[4]) and e[0] == e[1] == 1
    assert se[2] == np.inf and se[3] == 0 and np.isnan(se[4]) and se[0] == 1
    assert lg[0] == lg[1] == -np.inf and lg[2] == np.inf and np.isnan(lg[[3, 4, 6]]).all()
    assert np.signbit(lp[1]) and lp[18] == -np.inf and np.isnan(lp[[3, 4]]).all()
    assert lp[2] == np.inf and lp[25] == f32(np.log1p(2.0 ** 53))


def test_bce_rejects_inputs_outside_0_1_and_nan() -> None:
    y = ak.tensor([0.0, 1.0])
    with pytest.raises(RuntimeError, match="input should be between 0 and 1"):
        F.binary_cross_entropy(ak.tensor([0.5, 1.5]), y)
    with pytest.raises(RuntimeError, match="target should be between 0 and 1"):
        F.binary_cross_entropy(ak.tensor([0.5, 0.5]), ak.tensor([-0.5, 1.0]))
    with pytest.raises(RuntimeError, match="input should be between 0 and 1"):  # as PyTorch
        F.binary_cross_entropy(ak.tensor([float("nan"), 0.5]), y)
    assert F.binary_cross_entropy(ak.zeros(0), ak.zeros(0), reduction="sum").item() == 0


# ---- against PyTorch ---------------------------------------------------------------------------

def test_sigmoid_matches_pytorch_on_strided_bit_patterns() -> None:
    torch = pytest.importorskip("torch")
    x = np.concatenate([SPECIAL, strided(4099)])
    x = x[: x.size - x.size % 1000].reshape(-1, 1000)  # 31 vector blocks and a tail of 8
    mine = np.stack([S.sigmoid(row) for row in x])
    theirs = np.stack([torch.sigmoid(torch.from_numpy(row)).numpy() for row in x])
    assert same_bits(mine, theirs)


def test_bce_logs_match_pytorch_on_strided_probabilities() -> None:
    """binary_cross_entropy without reduction: glibc's logf (t = 1) and log1pf (t = 0)."""
    torch = pytest.importorskip("torch")
    p = np.concatenate([strided(211, 0x3F800001), f32([0, 1, 0.5, 1e-45])])
    for target in (0.0, 1.0, 0.25):
        t = np.full_like(p, target)
        mine = F.binary_cross_entropy(ak.tensor(p), ak.tensor(t), reduction="none")
        theirs = torch.nn.functional.binary_cross_entropy(
            torch.from_numpy(p), torch.from_numpy(t), reduction="none")
        assert same_bits(mine.numpy(), theirs.numpy())
