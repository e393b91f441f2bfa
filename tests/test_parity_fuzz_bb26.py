"""Parity with PyTorch for corners found by helper bb's ninth fuzzer round (random programs of
elementwise, reduction, view and indexing ops with in-place changes through views of non-leaf
tensors, then backward or autograd.grad with create_graph and a second derivative)."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")

import autograd_kit as ak  # noqa: E402
from tests.parity_harness import same_built  # noqa: E402


def same(build):
    return same_built(build, torch, ak)


def chain(node, depth=4):
    """The names along a graph's first edges, from ``node``."""
    names = []
    while node is not None and len(names) < depth:
        names.append(type(node).__name__)
        node = node.next_functions[0][0] if node.next_functions else None
    return names


# ---- x[key] = v through a view whose elements share memory (unfold) --------------------------

@pytest.mark.parametrize("code", [
    "v[0] = 7.", "v[1] = T.tensor([[1., 2.], [3., 4.], [5., 6.]])", "v[:, 1] = -1.",
    "v[0, :, 1] = T.tensor([9., 8., 7.])", "v[..., 0] = 0.", "v[[1]] = 9.",
])
@pytest.mark.parametrize("recorded", [False, True])
def test_assigning_into_an_unfold_view_writes_every_element_it_names(code, recorded):
    """x.unfold(0, 2, 1) sees row 1 of x twice; v[0] = 7. writes rows 0 and 1 of x in PyTorch.
    The kit computed the whole of v out of place and wrote it back, so the old values seen
    through v[1] overwrote the new ones (only row 0 changed)."""
    def build(T):
        leaf = T.arange(9., dtype=T.float64, requires_grad=recorded)
        x = (leaf * 1 if recorded else leaf).reshape(3, 3)
        v = x.unfold(0, 2, 1)
        exec(code, {"T": T, "v": v})
        out = [x.tolist(), v.tolist(), x._version]
        if recorded:
            (x * T.arange(1., 10., dtype=T.float64).reshape(3, 3)).sum().backward()
            out += [chain(x.grad_fn), leaf.grad.tolist()]
        return out

    same(build)
