"""float32 softmax over a dim that is not the last runs PyTorch's other CPU kernel
(``_vec_softmax``): e = exp(x - max), then e / Σe, a division (softmax_float32._softmax_inner)."""

from __future__ import annotations

import numpy
import pytest

import autograd_kit as ak

SHAPES = [((4, 10), 0), ((64, 10), 0), ((3, 5, 7), 1), ((300, 2), 0), ((2, 3, 4, 5), 2),
          ((6, 3), 0), ((2, 5), 0)]


def test_simple_values() -> None:
    y = ak.softmax(ak.zeros(2, 3), 0)
    assert y.tolist() == [[0.5] * 3] * 2 and y.dtype == ak.float32
    two = ak.softmax(ak.tensor([[0.0, 1.0], [0.0, 1.0], [0.0, 1.0], [0.0, 1.0]]), 0)
    assert two.tolist() == [[0.25, 0.25]] * 4
    inf = ak.softmax(ak.tensor([[float("inf"), 1.0], [1.0, 2.0]]), 0)
    assert numpy.isnan(inf[:, 0].numpy()).all() and inf[:, 1].sum().item() == pytest.approx(1.0)


def test_the_division_is_what_differs_from_the_last_dim_kernel() -> None:
    x = numpy.random.default_rng(1).standard_normal((6, 3)).astype(numpy.float32)
    along_0 = ak.softmax(ak.from_numpy(x), 0).numpy()
    e = numpy.exp(x.astype(numpy.float64) - x.max(axis=0)).astype(numpy.float32)
    assert numpy.allclose(along_0, e / e.sum(axis=0), rtol=2e-7, atol=0)


@pytest.mark.parametrize("shape, dim", SHAPES)
def test_the_same_bits_as_pytorch(shape: tuple[int, ...], dim: int) -> None:
    torch = pytest.importorskip("torch")
    x = numpy.random.default_rng(sum(shape)).standard_normal(shape).astype(numpy.float32)
    expected = torch.softmax(torch.from_numpy(x), dim).numpy().view(numpy.int32)
    got = ak.softmax(ak.from_numpy(x), dim).numpy().view(numpy.int32)
    assert (got == expected).all()


@pytest.mark.parametrize("shape, dim", SHAPES)
def test_the_backward_bits_as_pytorch(shape: tuple[int, ...], dim: int) -> None:
    """Σ(g·y) over the dim taken one value at a time with fused multiply-adds."""
    torch = pytest.importorskip("torch")
    rng = numpy.random.default_rng(len(shape) + dim)
    x, g = (rng.standard_normal(shape).astype(numpy.float32) for _ in range(2))
    xt = torch.from_numpy(x).requires_grad_()
    torch.softmax(xt, dim).backward(torch.from_numpy(g))
    xk = ak.from_numpy(x).requires_grad_()
    ak.softmax(xk, dim).backward(ak.from_numpy(g))
    assert (xk.grad.numpy().view(numpy.int32) == xt.grad.numpy().view(numpy.int32)).all()


def test_the_backward_by_hand() -> None:
    x = ak.tensor([[1.0, 2.0], [3.0, 5.0]], requires_grad=True)
    y = ak.softmax(x, 0)
    weights = ak.tensor([[1.0, 2.0], [3.0, 4.0]])
    (y * weights).sum().backward()
    p = y.detach().numpy().astype(numpy.float64)
    w = weights.numpy()
    expected = p * (w - (w * p).sum(axis=0))
    assert numpy.allclose(x.grad.numpy(), expected, rtol=1e-6)
