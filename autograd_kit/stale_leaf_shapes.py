"""``w.data = zeros(3)`` on a leaf of two elements while a graph recorded before still holds
the leaf's AccumulateGrad node.

PyTorch keeps that node (only new data of another dtype or device gets a new one), and with
it the shape it noted when it was made. Every operation recorded afterwards checks the
gradient it sends to the leaf against that shape, as for any input: so the next backward
fails ('Function MulBackward0 returned an invalid gradient at index 0 - got [3] but expected
shape compatible with [2]'), or sums a gradient that broadcasts down to the old shape. A
training loop that resizes a weight's ``.data`` after each step while the last loss is still
alive meets this. The kit's AccumulateGrad notes its ``leaf_shape``; while some live node's
leaf has another shape now (`STALE` counts them, most often none), the shape recorded for
an edge to such a node is the node's own.
"""

from __future__ import annotations

import weakref
from typing import Any

STALE = [0]  # live AccumulateGrad nodes whose leaf's data changed shape


def note_new_data(leaf: Any, new: Any) -> None:
    """``leaf.data = new``: count the leaf's live AccumulateGrad if it keeps an old shape."""
    node = leaf._accumulator() if leaf._accumulator is not None else None
    if node is None or node.leaf_dtype != new.dtype or node.leaf_shape == new.shape or \
            getattr(node, "_stale_counted", False):
        return
    node._stale_counted = True
    STALE[0] += 1
    weakref.finalize(node, _forget)


def _forget() -> None:
    STALE[0] -= 1


def recorded_shapes(edges: tuple[Any, ...], shapes: tuple[Any, ...]) -> tuple[Any, ...]:
    """The input shapes to record for these edges: a leaf's AccumulateGrad's own shape."""
    return tuple(getattr(node, "leaf_shape", shape) if shape is not None else None
                 for (node, _), shape in zip(edges, shapes))
