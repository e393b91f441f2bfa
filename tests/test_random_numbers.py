"""The CPU random numbers are PyTorch's for the same seed.

The expected values below were printed by PyTorch 2.13 (``torch.manual_seed(s)`` then the
same call); tests/test_torch_autograd_more.py compares more cases live when PyTorch is
installed.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

import autograd_kit as ak
from autograd_kit.random import MersenneTwister


def test_rand_float32_and_float64() -> None:
    ak.manual_seed(0)
    assert ak.rand(5).tolist() == pytest.approx(
        [0.49625658988952637, 0.7682217955589294, 0.08847743272781372, 0.13203048706054688,
         0.30742281675338745], abs=0)
    ak.manual_seed(0)
    assert ak.rand(3, dtype=ak.float64).tolist() == [0.9700530018065531, 0.707819864399788,
                                                     0.45938294312745087]


def test_randn_pair_by_pair_keeps_the_second_value_for_the_next_call() -> None:
    ak.manual_seed(0)
    first = ak.randn(3).tolist()
    assert first == pytest.approx([1.5409960746765137, -0.293428897857666, -2.1787893772125244],
                                  abs=0)
    assert ak.randn(3).tolist() == pytest.approx(
        [0.5684312582015991, -1.0845223665237427, -1.3985954523086548], abs=0)


def test_randn_in_blocks_of_sixteen() -> None:
    ak.manual_seed(0)
    expected = [-1.1258398294448853, -1.152360200881958, -0.2505785822868347,
                -0.4338788092136383, 0.5988394618034363, -1.5550950765609741,
                -0.3413603901863098, 1.85300612449646, 0.46809640526771545,
                -0.1577124446630478, 1.4436601400375366, 0.26604941487312317,
                1.3893661499023438, 1.586334228515625, 0.946298360824585, -0.843676745891571,
                0.9318265914916992, 1.2590092420578003, 2.0049805641174316, 0.05373690277338028]
    assert ak.randn(20).tolist() == pytest.approx(expected, abs=1e-6)


def test_integers_and_permutations() -> None:
    ak.manual_seed(1)
    assert ak.randint(0, 10, (8,)).tolist() == [5, 9, 4, 8, 3, 3, 1, 1]
    assert ak.randperm(7).tolist() == [0, 1, 5, 4, 2, 6, 3]


def test_a_seeded_linear_layer_starts_from_pytorchs_weights() -> None:
    ak.manual_seed(0)
    layer = ak.nn.Linear(3, 2)
    assert np.allclose(layer.weight.tolist(), [[-0.004322517663240433, 0.3097158372402191,
                                                -0.4751853346824646],
                                               [-0.4248946011066437, -0.2223689705133438,
                                                0.15482072532176971]], atol=1e-7)
    assert np.allclose(layer.bias.tolist(), [-0.011439144611358643, 0.45777493715286255],
                       atol=1e-7)


def test_a_new_generator_starts_from_pytorchs_default_seed() -> None:
    g = ak.Generator()
    assert g.initial_seed() == 67280421310721
    assert ak.randn(3, generator=g).tolist() == pytest.approx(
        [0.9772631525993347, 1.1568583250045776, -0.38065364956855774], abs=1e-7)


def test_dropout_and_shuffling() -> None:
    ak.manual_seed(0)
    assert ak.nn.functional.dropout(ak.ones(10), 0.5).tolist() == [0, 0, 2, 0, 0, 0, 2, 2, 0, 2]
    ak.manual_seed(0)
    loader = ak.utils.data.DataLoader(ak.utils.data.TensorDataset(ak.arange(10.0)),
                                      batch_size=4, shuffle=True)
    assert [b[0].tolist() for b in loader] == [[6, 7, 1, 4], [2, 0, 9, 8], [3, 5]]


def test_the_same_seed_gives_the_same_stream() -> None:
    a, b = MersenneTwister(5), MersenneTwister(5)
    assert (a.normal((40,)) == b.normal((40,))).all()
    assert a.random64() == b.random64()
    uniforms = MersenneTwister(9).uniform((10_000,))
    assert uniforms.dtype == np.float32 and 0 <= uniforms.min() and uniforms.max() < 1
    assert abs(float(uniforms.mean()) - 0.5) < 0.02
    normals = MersenneTwister(9).normal((10_000,), np.float64)
    assert abs(float(normals.mean())) < 0.05 and abs(float(normals.std()) - 1) < 0.05


def test_uniform_between_bounds_rounds_once_like_pytorchs_fused_multiply_add() -> None:
    """x·(to - from) + from is one fused operation in PyTorch's kernel (one rounding)."""
    expected32 = [0.21558280289173126, 0.5365017652511597, -0.2655966281890869,
                  -0.21420402824878693, -0.007241060491651297]
    ak.manual_seed(0)
    assert ak.empty(5).uniform_(-0.37, 0.81).tolist() == pytest.approx(expected32, abs=0)
    a = np.array([0.1, 0.3, 0.7, 0.123456789, 0.987654321])
    exact = [float(Fraction(x) * Fraction(1.18) + Fraction(-0.37)) for x in a]
    assert ak.random.fused_multiply_add(a, 1.18, -0.37).tolist() == exact


def test_saved_generator_state_repeats_the_stream() -> None:
    ak.manual_seed(1)
    ak.randn(1)  # leaves a cached normal value, which the state keeps too
    state = ak.get_rng_state()
    assert state.dtype == ak.uint8 and state.shape == (5056,)
    first = (ak.randn(3).tolist(), ak.rand(20).tolist())
    ak.set_rng_state(state)
    assert (ak.randn(3).tolist(), ak.rand(20).tolist()) == first
    with pytest.raises(RuntimeError, match="of size 5056 but found the input RNG state size"):
        ak.set_rng_state(ak.zeros(3, dtype=ak.uint8))


def test_poisson_draws_pytorchs_samples_and_leaves_the_stream_where_pytorch_does() -> None:
    """PyTorch's sampler (products of uniforms below 10, Hörmann's PTRS from 10), value by
    value from the same stream; the numbers were printed by PyTorch 2.13."""
    ak.manual_seed(0)
    rates = ak.tensor([0.5, 3.0, 9.9, 10.0, 25.0, 100.0, 0.0])
    assert ak.poisson(rates).tolist() == [2.0, 4.0, 10.0, 13.0, 28.0, 101.0, 0.0]
    assert ak.rand(1).item() == 0.8197803497314453
    ak.manual_seed(1)
    sample = ak.distributions.Poisson(ak.tensor([1.5, 12.0])).sample((2,))
    assert sample.tolist() == [[0.0, 9.0], [0.0, 13.0]]
    with pytest.raises(RuntimeError, match="invalid Poisson rate"):
        ak.poisson(ak.tensor([-1.0]))


def test_gamma_and_dirichlet_draw_pytorchs_samples_and_gradients() -> None:
    """Marsaglia–Tsang on PyTorch's stream (its float32 steps included), the implicit
    reparameterisation gradient dx/dα, and Dirichlet samples from double gammas; the
    numbers were printed by PyTorch 2.13."""
    ak.manual_seed(4)
    c = ak.tensor([0.4, 1.0, 3.5, 12.0], requires_grad=True)
    x = ak._standard_gamma(c)
    (x * ak.tensor([1.0, 2.0, 3.0, 4.0])).sum().backward()
    assert x.tolist() == [0.20290648937225342, 0.42457401752471924, 1.7298272848129272,
                          10.59001636505127]
    assert c.grad.tolist() == [0.9609386324882507, 1.468150019645691, 2.1639485359191895,
                               3.8075661659240723]
    sample = ak._sample_dirichlet(ak.tensor([[0.5, 1.5, 3.0]]))
    assert sample.tolist() == [[0.2106502205133438, 0.13378848135471344, 0.6555612683296204]]
    assert ak.rand(1).item() == 0.3049737215042114
    ak.manual_seed(5)
    t = ak.distributions.StudentT(ak.tensor([3.0])).sample((2,))
    assert t.tolist() == [[-0.7328968644142151], [-0.516961932182312]]
    nb = ak.distributions.NegativeBinomial(4, probs=ak.tensor([0.6])).sample((3,))
    assert nb.tolist() == [[1.0], [4.0], [2.0]]
    concentration = ak.tensor([1.0, 2.0], requires_grad=True)
    d = ak.distributions.Dirichlet(concentration).rsample()
    d[0].backward()
    assert d.tolist() == [0.37768498063087463, 0.622314989566803]
    assert concentration.grad.tolist() == [0.2905016839504242, -0.14758458733558655]
