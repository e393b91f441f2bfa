"""Small behaviours found different from PyTorch 2.13 by random programs run in both
(expected values are PyTorch's for the same code)."""

from __future__ import annotations

import io
import math

import pytest

import autograd_kit as ak


def test_clamp_in_place_with_tensor_bounds_records_and_differentiates() -> None:
    a = ak.tensor([[1.71, -1.87, 0.44]])
    b = ak.tensor([[-1.17, 1.26, -0.81]], requires_grad=True)
    a.clamp_(min=b)
    assert a.grad_fn.name() == "ClampBackward0"
    assert a.allclose(ak.tensor([[1.71, 1.26, 0.44]]))
    a.sum().backward()
    assert b.grad.tolist() == [[0.0, 1.0, 0.0]]  # only where the bound was taken
    x = ak.arange(4.0)
    x.clamp_(min=x.flip(0))
    assert x.tolist() == [3.0, 2.0, 2.0, 3.0]


def test_relu_keeps_the_sign_of_zero() -> None:
    y = ak.relu(ak.tensor([-0.0, 0.0, -1.0, 2.0]))
    assert [math.copysign(1, v) for v in y.tolist()[:3]] == [-1, 1, 1]
    assert repr(ak.tensor([-0.0]).relu()) == "tensor([-0.])"


def test_size_and_device_are_named_as_in_the_package_and_load_safely() -> None:
    assert repr(type(ak.Size([2]))) == "<class 'autograd_kit.Size'>"
    assert repr(type(ak.device("cpu"))) == "<class 'autograd_kit.device'>"
    buffer = io.BytesIO()
    ak.save({"shape": ak.Size([2, 3]), "where": ak.device("cpu")}, buffer)
    buffer.seek(0)
    loaded = ak.load(buffer, weights_only=True)
    assert loaded["shape"] == ak.Size([2, 3]) and isinstance(loaded["shape"], ak.Size)
    assert loaded["where"] == ak.device("cpu")


def test_gather_keeps_its_input_so_changing_it_fails_backward() -> None:
    b = ak.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    picked = b.gather(1, ak.zeros(2, 1, dtype=ak.long))
    assert picked.grad_fn._saved_self.shape == ak.Size([2, 2])
    b.detach().mul_(2)  # the same memory and version counter as b
    with pytest.raises(RuntimeError, match="is at version 1; expected version 0 instead"):
        picked.sum().backward()


def test_grad_fn_is_read_only() -> None:
    x = ak.tensor(2.0, requires_grad=True)
    y = x * 3
    node = y.grad_fn
    for attempt in (lambda: setattr(y, "grad_fn", None), lambda: delattr(y, "grad_fn"),
                    lambda: setattr(x, "grad_fn", node)):
        with pytest.raises(AttributeError, match="attribute 'grad_fn' .* is not writable"):
            attempt()
    assert y.grad_fn is node and not y.is_leaf and x.is_leaf
    y.backward()  # the graph is untouched
    assert x.grad.item() == 3.0


def test_a_view_follows_its_bases_requires_grad_without_an_edge() -> None:
    x = ak.ones(4)
    y = x.view(2, 2)
    x.requires_grad_()  # switched on after the view was taken
    assert y.requires_grad and y.is_leaf and y.grad_fn is None
    assert "requires_grad=True" in repr(y)
    z = (y * 2).sum()
    mul_node = z.grad_fn.next_functions[0][0]
    assert z.requires_grad and mul_node.next_functions == ((None, 0), (None, 0))
    z.backward()  # nothing reaches x: the view was taken before x required grad
    assert x.grad is None and y.grad is None
    with pytest.raises(RuntimeError, match="a view of a leaf Variable that requires grad"):
        y.add_(1)
    x.requires_grad_(False)
    assert not y.requires_grad and not (y * 2).requires_grad
    with ak.no_grad():
        v = x.view(4)
    x.requires_grad_()
    assert v.requires_grad and (v * 1).grad_fn.next_functions == ((None, 0), (None, 0))


def test_dir_of_a_node_lists_its_api_not_the_kits_bookkeeping() -> None:
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    w = ak.tensor([3.0, 4.0], requires_grad=True)
    node = (x * w).grad_fn
    public = [n for n in dir(node) if not n.startswith("_")]
    assert public == ["metadata", "name", "next_functions", "register_hook", "register_prehook",
                      "requires_grad"]
    assert node.requires_grad is True
    assert {"_saved_self", "_saved_other", "_raw_saved_self"} <= set(dir(node))
    assert "_input_shapes" not in dir(node) and "_input_shapes" in vars(node)
    assert "variable" in dir(node.next_functions[0][0])  # AccumulateGrad's leaf

    class Double(ak.autograd.Function):
        @staticmethod
        def forward(ctx, t):
            ctx.factor = 2
            return t * 2

        @staticmethod
        def backward(ctx, g):
            return g * ctx.factor

    ctx = Double.apply(x).grad_fn
    assert {"factor", "save_for_backward", "needs_input_grad"} <= set(dir(ctx))


def test_pieces_and_no_grad_views_refuse_use_after_their_base_changed() -> None:
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    base = x * 1
    piece = base.unbind()[0]
    with ak.no_grad():
        quiet = base[:1]
    base.add_(1)  # recorded: neither view can get a new history
    for view, words in ((piece, "Output 0 of Unbind is a view and its base"),
                        (quiet, "A view was created in no_grad mode and its base")):
        assert "grad_fn=<Invalid>" in repr(view)
        for use in (lambda v: v.grad_fn, lambda v: v * 2, lambda v: v.is_leaf):
            with pytest.raises(RuntimeError, match=words):
                use(view)
    with ak.no_grad():
        assert (piece * 2).item() == 4.0  # nothing recorded: its values are fine
    other = base[1:]  # an ordinary view gets a new history (AsStridedBackward0)
    base.mul_(2)
    assert other.grad_fn.name() == "AsStridedBackward0"


def test_hooks_replacements_are_checked_type_first() -> None:
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    y.grad_fn.register_prehook(lambda go: (go[0].double(),))
    with pytest.raises(RuntimeError, match="has changed the type of value"):
        y.sum().backward()
    y = x * 2
    y.grad_fn.register_hook(lambda gi, go: (3, None))
    with pytest.raises(TypeError, match="expected Variable, but hook returned 'int'"):
        y.sum().backward()
    y = x * 2
    y.register_hook(lambda g: ak.ones(3).double())  # both wrong: the type is named
    with pytest.raises(RuntimeError, match="has changed the type of value"):
        y.sum().backward()


def test_version_errors_name_the_node_as_pytorch_does() -> None:
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    w = ak.tensor([2.0, 3.0], requires_grad=True)
    z = x ** w
    z.add_(1)
    with pytest.raises(RuntimeError, match="which is output 0 of Pow1, is at version 1"):
        z.sum().backward()
    e = x.exp()
    e.add_(1)
    with pytest.raises(RuntimeError, match="which is output 0 of Exp, is at version 1"):
        e.sum().backward()


def test_autograd_grad_captures_before_the_hooks_of_a_node_that_runs() -> None:
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    y = x * 1
    y.register_hook(lambda g: g * 2)
    dx, dy = ak.autograd.grad(y.sum(), [x, y])
    assert dx.tolist() == [2.0, 2.0] and dy.tolist() == [1.0, 1.0]  # y's node runs for x
    (dy_only,) = ak.autograd.grad((x * 1).sum(), [x])
    assert dy_only.tolist() == [1.0, 1.0]
    y = x * 1
    y.register_hook(lambda g: g * 2)
    (dy,) = ak.autograd.grad(y.sum(), [y])  # y's node does not run: its hooks come first
    assert dy.tolist() == [2.0, 2.0]


def test_small_attributes_of_tensors_nodes_and_variable() -> None:
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    assert x[:1]._is_view() and not x._is_view() and not x[:1].detach()._is_view()
    with pytest.raises(AttributeError, match="attribute '_version' .* is not writable"):
        x._version = 3
    y = x * 2
    z = y * 3
    assert z.grad_fn._sequence_nr() > y.grad_fn._sequence_nr() >= 0
    assert y.grad_fn.next_functions[0][0]._sequence_nr() == 2**64 - 1  # AccumulateGrad
    with pytest.warns(DeprecationWarning):
        empty = ak.autograd.Variable()
    assert empty.shape == (0,) and not empty.requires_grad
    with pytest.warns(DeprecationWarning), pytest.raises(RuntimeError, match="Only Tensors of"):
        ak.autograd.Variable(ak.tensor([1, 2]), requires_grad=True)
    with ak.inference_mode(mode=False):
        assert not ak.is_inference_mode_enabled()

    class Double(ak.autograd.Function):
        @staticmethod
        def forward(ctx, t):
            return t * 2

        @staticmethod
        def backward(ctx, g):
            return g * 2

    assert Double.apply(x).grad_fn._forward_cls is Double


def test_a_view_taken_in_inference_mode_of_a_normal_tensor_is_normal() -> None:
    x = ak.ones(2)
    with ak.inference_mode():
        v = x.view(2)
        made_there = x * 2
    assert not v.is_inference() and made_there.is_inference()
    v.add_(1)  # allowed outside the mode
    assert x.tolist() == [2.0, 2.0] and v._version == 1
    w = ak.ones(2, requires_grad=True) * 1
    with ak.inference_mode():
        piece = w[:1]
    with pytest.raises(RuntimeError, match="created in inference mode .* inference_mode block"):
        piece.add_(1)


def test_a_view_of_an_expanded_tensor_without_repeats_can_be_written() -> None:
    x = ak.zeros(3)
    row = x.expand(2, 3)[1]  # one row: each element has its own memory location
    row.add_(1)
    assert x.tolist() == [1.0, 1.0, 1.0] and row._version == 1
    with pytest.raises(RuntimeError, match="more than one element of the written-to tensor"):
        ak.zeros(1).expand(3).mul_(2)
    assert ak.zeros(2, 0).expand(3, 2, 0).add_(1).shape == (3, 2, 0)  # nothing to write


def test_mark_dirty_on_a_view_sends_the_gradient_through_the_function() -> None:
    class Triple(ak.autograd.Function):
        @staticmethod
        def forward(ctx, t):
            t.mul_(3)
            ctx.mark_dirty(t)
            return t

        @staticmethod
        def backward(ctx, g):
            return g * 3

    x = ak.tensor([1.0, 2.0], requires_grad=True)
    y = x * 1
    Triple.apply(y[:1])
    assert y.grad_fn.name().endswith("CopySlices") and y.tolist() == [3.0, 2.0]
    y.sum().backward()
    assert x.grad.tolist() == [3.0, 1.0]  # d(3·x0)/dx0 = 3, d(x1)/dx1 = 1
