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


def _out_calls(lib):
    x = lib.tensor([[1., 2., 4.], [3., 5., 9.]])
    i = lib.tensor([[0, 1, 0]])
    return {
        "scatter_add": lambda o: lib.scatter_add(x, 0, i, x[:1], out=o),
        "index_add": lambda o: lib.index_add(x, 0, lib.tensor([1]), x[:1], alpha=2, out=o),
        "index_copy": lambda o: lib.index_copy(x, 0, lib.tensor([1]), x[:1], out=o),
        "softmax": lambda o: lib.softmax(x, 1, out=o),
        "softmax dtype": lambda o: lib.softmax(x, 1, dtype=lib.float64, out=o),
        "log_softmax": lambda o: lib.log_softmax(x, 1, out=o),
        "nanmean": lambda o: lib.nanmean(x, 1, out=o),
        "scatter": lambda o: lib.scatter(x, 0, i, x[:1], out=o),
        "scatter value": lambda o: lib.scatter(x, 0, i, 7., out=o),
    }


@pytest.mark.parametrize("dtype", ["float32", "float64", "int64"])
@pytest.mark.parametrize("name", list(_out_calls(ak)))
def test_more_functions_take_out(name, dtype):
    def run(lib):
        out = lib.empty(0, dtype=getattr(lib, dtype))
        try:
            result = _out_calls(lib)[name](out)
        except RuntimeError as error:
            return str(error)
        return result is out, str(out.dtype).split(".")[-1], out.flatten().tolist()
    kit, ref = run(ak), run(torch)
    if isinstance(ref, tuple) and isinstance(kit, tuple):
        assert kit[:2] == ref[:2] and kit[2] == pytest.approx(ref[2], rel=1e-6)
    else:
        assert kit == ref
