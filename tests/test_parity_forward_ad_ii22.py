"""Forward AD and torch.func leftovers, compared with PyTorch live (helper ii)."""

import pytest

import autograd_kit as ak
import autograd_kit.autograd.forward_ad as kfw

torch = pytest.importorskip("torch")
tfw = pytest.importorskip("torch.autograd.forward_ad")

BOTH = [pytest.param((torch, tfw), id="torch"), pytest.param((ak, kfw), id="kit")]


def _error(call):
    try:
        call()
    except Exception as e:  # noqa: BLE001 - (compared with PyTorch's)
        return type(e).__name__, str(e)
    return None


@pytest.mark.parametrize("chunk_size", [1.5, 2.0, "a", 0, -1])
def test_vmap_bad_chunk_size_errors_as_pytorch(chunk_size):
    def call(lib):
        return lambda: lib.func.vmap(lambda x: x * 2, chunk_size=chunk_size)(lib.ones(3, 2))

    expected = _error(call(torch))
    assert expected is not None
    assert _error(call(ak)) == expected


def test_vmap_good_chunk_size_runs():
    got = ak.func.vmap(lambda x: x * 2, chunk_size=2)(ak.ones(3, 2))
    want = torch.func.vmap(lambda x: x * 2, chunk_size=2)(torch.ones(3, 2))
    assert got.tolist() == want.tolist()
