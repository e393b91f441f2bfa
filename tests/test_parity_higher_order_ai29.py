"""Graphs of higher-order derivatives (create_graph=True) compared with PyTorch live: the
grad_fn names and next_functions a few levels down, strides, _version and values."""

from typing import Any

import numpy as np
import pytest

torch = pytest.importorskip("torch")

import autograd_kit as ak  # noqa: E402
from tests.parity_harness import same_built  # noqa: E402


def _tree(node: Any, depth: int) -> str:
    """A node's name and, ``depth`` levels down, its next_functions."""
    if node is None:
        return "None"
    name = node.name().replace("torch::autograd::", "")
    if depth == 0:
        return name
    kids = [_tree(n, depth - 1) for n, _ in node.next_functions]
    return name + ("(" + ", ".join(kids) + ")" if kids else "")


def _described(t: Any, depth: int = 5) -> Any:
    """What is compared of a result: graph, shape, strides, version and values (to 10
    digits: float64 softmax and sums round their last bits otherwise than PyTorch's)."""
    if t is None:
        return None
    values = np.array(t.detach().tolist(), dtype=float)
    return (_tree(t.grad_fn, depth), tuple(t.shape), t.stride(), t._version,
            np.vectorize(lambda v: float(f"{v:.10g}"))(values).tolist())


@pytest.mark.parametrize("name", ["softmax"])
@pytest.mark.parametrize("dim", [0, 1])
def test_hvp_through_softmax_records_pytorchs_graph(name: str, dim: int) -> None:
    # (softmax_double_backward's terms are made last to first in PyTorch's compiled C++)
    def build(T: Any) -> Any:
        a = T.tensor([[0.1, 0.5, -0.3], [1., 2., 0.]], dtype=T.float64, requires_grad=True)
        v = T.tensor([[1., 2., 3.], [0.5, -1., 2.]], dtype=T.float64)
        f = getattr(T.nn.functional, name)
        out = T.autograd.functional.hvp(lambda a: (f(a, dim) * v.cos()).sum(), a, v,
                                        create_graph=True)
        return [_described(t, 7) for t in out]

    same_built(build, torch, ak)
