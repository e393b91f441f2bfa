"""Parity with PyTorch for pointwise functions at edge points: erfinv(-0.) is -0. (the kit
gave +0., visible as ``-0.0000`` in PyTorch's print)."""

import math

import pytest

import autograd_kit as ak


def test_erfinv_keeps_the_sign_of_zero():
    values = ak.tensor([0.0, -0.0]).erfinv().tolist()
    assert values == [0.0, 0.0]
    assert [math.copysign(1, v) for v in values] == [1.0, -1.0]
    assert "-0.0000" in repr(ak.tensor([-0.0, 0.5]).erfinv())


def test_erfinv_matches_pytorch_at_edges():
    torch = pytest.importorskip("torch")
    values = [0.0, -0.0, 0.5, -0.5, 1.0, -1.0, 1e-8, -1e-30]
    ours = ak.tensor(values).erfinv()
    theirs = torch.tensor(values).erfinv()
    assert ours.numpy().tobytes() == theirs.numpy().tobytes()
    assert repr(ours) == repr(theirs)
