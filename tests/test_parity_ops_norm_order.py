"""Parity with PyTorch for p-norms other than 2: PyTorch adds |x|^p into one accumulator of
the input's type, value after value (NumPy sums pairwise, so ``x.norm(p=1)`` of 33+ float32
values was often one ulp off), and refuses a norm with no identity (p < 0, p = inf) over
nothing (the kit returned inf or leaked NumPy's ValueError)."""

import numpy
import pytest

import autograd_kit as ak

MESSAGE = ("linalg.vector_norm cannot compute the {} norm on an empty tensor because the "
           "operation does not have an identity")


def test_l1_norm_is_a_running_float32_sum():
    x = numpy.random.RandomState(0).uniform(-1.5, 1.5, 100).astype(numpy.float32)
    total = numpy.float32(0)
    for value in numpy.abs(x):
        total = numpy.float32(total + value)
    assert ak.tensor(x).norm(p=1).item() == total
    assert ak.linalg.vector_norm(ak.tensor(x), 1).item() == total


@pytest.mark.parametrize("p, shown", [(-1, "-1"), (float("inf"), "inf"), (-2.5, "-2.5")])
def test_no_identity_over_an_empty_tensor(p, shown):
    with pytest.raises(RuntimeError) as info:
        ak.zeros(0).norm(p=p)
    assert str(info.value) == MESSAGE.format(shown)
    with pytest.raises(RuntimeError, match="on the dimension 1because this dimension is empty"):
        ak.zeros(3, 0).norm(p=p, dim=1)
    assert ak.zeros(3, 0).norm(p=p, dim=0).shape == (0,)


@pytest.mark.parametrize("name", ["float32", "float64"])
@pytest.mark.parametrize("p", [1, 3, 0.5])
def test_bits_match_pytorch(name, p):
    torch = pytest.importorskip("torch")
    rng = numpy.random.RandomState(0)
    for shape in [(7,), (100,), (10, 100), (3, 40), (2, 64), (64,), (33,), (4, 5, 6)]:
        x = rng.uniform(-1.5, 1.5, shape).astype(name)
        for kw in [{}, {"dim": -1}, {"dim": -1, "keepdim": True}]:
            ours = ak.tensor(x).norm(p=p, **kw).numpy()
            theirs = torch.tensor(x).norm(p=p, **kw).numpy()
            numpy.testing.assert_array_equal(ours, theirs)


def test_errors_match_pytorch():
    torch = pytest.importorskip("torch")
    for shape, kw in [((0,), {"p": -1}), ((3, 0), {"p": float("inf"), "dim": -1}),
                      ((0, 3), {"p": -0.5, "dim": (1, 0)})]:
        messages = []
        for module in (torch, ak):
            with pytest.raises(RuntimeError) as info:
                module.zeros(shape).norm(**kw)
            messages.append(str(info.value))
        assert messages[0] == messages[1]
