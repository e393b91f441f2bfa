"""Live comparison with PyTorch: leftovers of earlier sessions (layouts of results and
gradients, out= corners, tensor() corners, device contexts, node attributes, copies)."""

import pytest
from parity_harness import assert_same

import autograd_kit as ak

torch = pytest.importorskip("torch")


def _same(code: str) -> None:
    assert_same(torch, ak, code)


@pytest.mark.parametrize("indices", ["[[5, -7], [1, 2]]", "[5, 7]", "5"])
def test_unravel_index_gives_views_of_one_tensor(indices):
    _same(f"""
r = T.unravel_index(T.tensor({indices}), (3, 4))
out.append([(t.tolist(), t.stride(), t.storage_offset(), t.is_contiguous()) for t in r])
out.append(r[0]._base.shape)
""")
