"""Parity with PyTorch 2.13 for what the learner-program fuzzer (round 14, helper gb) found:
layouts of gradients through ``x[key] = value``."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")

import autograd_kit as ak  # noqa: E402
from tests.parity_harness import same_built  # noqa: E402


def _written_copy_gradient(lib, make_x, key, create_graph):
    """The strides of a's gradient when ``x = make_x(a)`` (not contiguous) has ``x[key]``
    overwritten: PyTorch's CopySlices lays the gradient in x's strides, not the incoming
    gradient's."""
    a = lib.arange(6.0).reshape(1, 2, 3).requires_grad_(True)
    x = make_x(a)
    x[key] = -1.0
    (g,) = lib.autograd.grad(x, a, lib.ones(x.shape), create_graph=create_graph)
    return x.stride(), g.stride(), g.tolist()


@pytest.mark.parametrize("create_graph", [False, True])
@pytest.mark.parametrize("key", [(Ellipsis, 0), (0,), (slice(None), 0, slice(0, 2))])
@pytest.mark.parametrize("make", ["rot90", "transposed_clone"])
def test_copy_slices_gradient_in_written_tensors_strides(make, key, create_graph):
    makers = {"rot90": lambda a: a.rot90(), "transposed_clone": lambda a: a.transpose(0, 1).clone()}
    same_built(lambda lib: _written_copy_gradient(lib, makers[make], key, create_graph), torch, ak)


def test_leaf_grad_after_write_into_rotated_copy():
    """The fuzzer's program (seed 9051): a leaf's .grad through rot90, a write and ceil."""

    def build(lib):
        w = lib.tensor([0.25, 0.5, 1.196, 1.138, -1.735, -1.774]).reshape(1, 2, 3)
        w.requires_grad_(True)
        r = w.rot90()
        r[..., 0] = -1.0
        r.ceil().sum().backward()
        return w.grad.stride(), w.grad.tolist()

    same_built(build, torch, ak)
