"""The lead's fixes of stop 27, each compared with PyTorch live (skipped without torch)."""

from __future__ import annotations

import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")


def _outputs_of_function(lib, *, grad_enabled: bool, mark_non_differentiable: bool = False):
    """A Function whose forward builds its output under enable_grad from a global leaf w."""
    w = lib.ones(2, requires_grad=True)

    class Scale(lib.autograd.Function):
        @staticmethod
        def forward(ctx, a):
            with lib.enable_grad():
                out = w * a
            if mark_non_differentiable:
                ctx.mark_non_differentiable(out)
            return out, w

        @staticmethod
        def backward(ctx, g, h):
            return g

    x = lib.tensor([1.0, 2.0], requires_grad=True)
    with lib.set_grad_enabled(grad_enabled):
        y, same_w = Scale.apply(x)
    return (y.requires_grad, y.grad_fn is None, y.is_leaf, same_w is w, w.requires_grad)


@pytest.mark.parametrize("grad_enabled", [False, True])
def test_unrecorded_function_outputs_are_detached_in_place(grad_enabled: bool) -> None:
    # Not recorded (no_grad), or recorded with the outputs marked non-differentiable: an
    # output built with history inside forward comes back without it, and a tensor that
    # requires grad returned as it is (w) is detached in place, as in PyTorch.
    mark = grad_enabled
    kit = _outputs_of_function(ak, grad_enabled=grad_enabled, mark_non_differentiable=mark)
    ref = _outputs_of_function(torch, grad_enabled=grad_enabled, mark_non_differentiable=mark)
    assert kit == ref
    if not grad_enabled:
        assert kit == (False, True, True, True, False)


def _dirty_input_under_no_grad(lib):
    class Double(lib.autograd.Function):
        @staticmethod
        def forward(ctx, a):
            a.mul_(2)
            ctx.mark_dirty(a)
            return a

        @staticmethod
        def backward(ctx, g):
            return g

    x = lib.tensor([1.0, 2.0], requires_grad=True)
    xc = x.clone()
    with lib.no_grad():
        y = Double.apply(xc)
    facts = (y is xc, y.requires_grad, y.grad_fn is None, xc.requires_grad,
             type(xc.grad_fn).__name__, y._version, xc._version)
    y.add_(1)  # a detached alias: it changes xc's values, and xc keeps its history
    return facts, xc.tolist(), type(xc.grad_fn).__name__


def test_dirty_input_returned_unrecorded_is_a_detached_alias() -> None:
    assert _dirty_input_under_no_grad(ak) == _dirty_input_under_no_grad(torch)


def _view_outputs(lib):
    class ExpAndFirst(lib.autograd.Function):
        @staticmethod
        def forward(ctx, a):
            with lib.enable_grad():
                b = a.exp()
                return b, b[0]

        @staticmethod
        def backward(ctx, g, h):
            return g

    x = lib.tensor([1.0, 2.0], requires_grad=True)
    with lib.no_grad():
        y, first = ExpAndFirst.apply(x)
    # the output is detached in place; its view keeps its history (PyTorch leaves views)
    return (y.requires_grad, y.grad_fn is None, first.requires_grad,
            type(first.grad_fn).__name__, first._base is y)


def test_views_among_unrecorded_outputs_keep_their_history() -> None:
    assert _view_outputs(ak) == _view_outputs(torch)


def test_reentrant_checkpoint_under_no_grad_gives_a_plain_tensor() -> None:
    import torch.utils.checkpoint as torch_checkpoint

    import autograd_kit.utils.checkpoint as kit_checkpoint

    def run(lib, checkpoint):
        x = lib.tensor([1.0, 2.0], requires_grad=True)

        def f(t):
            with lib.enable_grad():
                return t.sin()

        with lib.no_grad():
            y = checkpoint.checkpoint(f, x, use_reentrant=True)
        return y.requires_grad, y.grad_fn is None

    assert run(ak, kit_checkpoint) == run(torch, torch_checkpoint) == (False, True)


def _scatter_reduce_index_changed(lib, reduce: str):
    x = lib.tensor([1.0, 5.0, 2.0], requires_grad=True)
    src = lib.tensor([4.0, 1.0, 3.0, 2.0], requires_grad=True)
    index = lib.tensor([0, 1, 0, 2])
    y = x.scatter_reduce(0, index, src, reduce)
    shown = (sorted(name for name in dir(y.grad_fn) if name.startswith("_saved")),
             y.grad_fn._saved_index is index, y.grad_fn._saved_reduce,
             y.grad_fn._saved_dim, y.grad_fn._saved_include_self)
    index[0] = 1  # the caller's index changes after the call: backward must refuse
    try:
        y.sum().backward()
        error = None
    except RuntimeError as e:
        error = str(e).split(":")[0]
    return shown, error


@pytest.mark.parametrize("reduce", ["sum", "prod", "mean", "amax", "amin"])
def test_scatter_reduce_keeps_the_callers_index(reduce: str) -> None:
    kit, ref = _scatter_reduce_index_changed(ak, reduce), _scatter_reduce_index_changed(torch,
                                                                                       reduce)
    assert kit == ref
    assert ref[1] == "one of the variables needed for gradient computation has been modified by " \
        "an inplace operation"


def test_scatter_with_reduce_shows_nothing_saved() -> None:
    # PyTorch's node is NotImplemented with no _saved_ attributes. (Not run with torch here:
    # its deprecation warning is issued once per process, and another test checks it.)
    x = ak.ones(3, requires_grad=True)
    with pytest.warns(UserWarning, match="reduce argument"):
        y = x.scatter(0, ak.tensor([0, 1]), ak.ones(2), reduce="add")
    assert type(y.grad_fn).__name__ == "NotImplemented"
    assert [n for n in dir(y.grad_fn) if n.startswith("_saved")] == []
