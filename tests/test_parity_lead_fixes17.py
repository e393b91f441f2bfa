"""Small fixes found by the session-17 lead, compared with PyTorch live."""

from __future__ import annotations

import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")


@pytest.mark.parametrize("name", ["alias_copy", "squeeze_copy", "t_copy", "detach_copy"])
def test_copy_functions_keep_a_0_dim_input_0_dim(name):
    def run(lib):
        y = getattr(lib, name)(lib.tensor(2.5, requires_grad=True))
        return tuple(y.shape), y.item(), type(y.grad_fn).__name__
    assert run(ak) == run(torch)


def test_unbind_copy_of_a_vector_gives_0_dim_pieces():
    def run(lib):
        pieces = lib.unbind_copy(lib.tensor([1., 2., 3.], requires_grad=True))
        return [(tuple(p.shape), p.item()) for p in pieces]
    assert run(ak) == run(torch)


def test_to_contiguous_format_keeps_a_0_dim_tensor_0_dim():
    def run(lib):
        x = lib.tensor(2.5)
        return tuple(x.to(lib.float64, memory_format=lib.contiguous_format).shape)
    assert run(ak) == run(torch) == ()


@pytest.mark.parametrize("name", ["var", "std"])
def test_var_and_std_take_none_for_dim_positionally(name):
    def run(lib):
        x = lib.tensor([[1., 2., 4.], [3., 5., 9.]], requires_grad=True)
        out = getattr(x, name)(None, False, True)
        out.sum().backward()
        return tuple(out.shape), out.tolist(), type(out.grad_fn).__name__, x.grad.flatten().tolist()
    kit, ref = run(ak), run(torch)
    assert kit[:3] == ref[:3] and kit[3] == pytest.approx(ref[3])
