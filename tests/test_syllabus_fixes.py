"""Fixes found by comparing the syllabus's core behaviour with PyTorch
(tests/test_torch_parity_syllabus.py), checked here without PyTorch: the values below are
what PyTorch 2.x gives."""

from __future__ import annotations

import pytest

import autograd_kit as T


# ---- AccumulateGrad: a .grad copied in is made by copy_ (version 1), a stolen one is not
def test_a_copied_grad_has_version_one() -> None:
    w = T.tensor([1., 2.], requires_grad=True)
    w.sum().backward()  # the engine's expanded ones cannot become .grad: a copy
    assert w.grad._version == 1
    w = T.tensor([1., 2.], requires_grad=True)
    w.backward(T.ones(2))  # the caller still holds the gradient: a copy
    assert w.grad._version == 1


def test_a_stolen_grad_has_version_zero_and_zero_then_accumulate_counts() -> None:
    w = T.tensor(1., requires_grad=True)
    (w * 2).backward()  # a fresh tensor nobody else holds becomes .grad itself
    assert w.grad._version == 0
    w.grad.zero_()
    (w * 2).backward()
    assert w.grad._version == 2 and w.grad.item() == 2.0


def test_create_graph_always_copies_the_first_grad() -> None:
    w = T.tensor(1., requires_grad=True)
    (w * 2).backward(create_graph=True)
    assert w.grad._version == 1
    (w * 2).backward(create_graph=True)  # then leaf.grad + gradient: a new tensor
    assert w.grad._version == 0 and w.grad.item() == 4.0


def test_a_grad_of_a_leaf_that_is_not_dense_is_cloned_at_version_zero() -> None:
    w = T.ones(4)[::2].detach().requires_grad_()
    w.sum().backward()
    assert w.grad._version == 0 and w.grad.stride() == (1,)
    w = T.ones(2, 3).t().detach().requires_grad_()
    w.sum().backward()
    assert w.grad._version == 1 and w.grad.stride() == (1, 3)


# ---- inference_mode(False) switches recording on and inference mode off for its block
def test_inference_mode_false_inside_inference_mode_records_again() -> None:
    with T.inference_mode():
        with T.inference_mode(False):
            x = T.ones(1)
            assert not T.is_inference_mode_enabled() and T.is_grad_enabled()
            assert not x.is_inference()
            w = T.ones(1, requires_grad=True)
            assert (w * 2).grad_fn is not None
        assert T.is_inference_mode_enabled() and not T.is_grad_enabled()


def test_inference_mode_false_inside_no_grad_enables_grad() -> None:
    with T.no_grad():
        with T.inference_mode(False):
            assert T.is_grad_enabled()
        assert not T.is_grad_enabled()


# ---- a view a custom Function returned, whose base is then changed in place
class _ViewOf(T.autograd.Function):
    @staticmethod
    def forward(ctx, x):  # type: ignore[no-untyped-def]
        return x.view(2)

    @staticmethod
    def backward(ctx, g):  # type: ignore[no-untyped-def]
        return g


CUSTOM_INDIRECT = (
    "Output 0 of _ViewOf is a view and its base or another view of its base has been modified "
    "inplace. This view was created inside a custom Function (or because an input was "
    "returned as-is) and the autograd logic to handle view+inplace would override the custom "
    "backward associated with the custom Function, leading to incorrect gradients. This "
    "behavior is forbidden. You can fix this by cloning the output of the custom Function."
)


def test_custom_view_whose_base_changed_refuses_its_grad_fn() -> None:
    x = T.tensor([-1., 2.], requires_grad=True)
    b = x * 1
    y = _ViewOf.apply(b)
    b.add_(1)
    with pytest.raises(RuntimeError) as error:
        _ = y.grad_fn
    assert str(error.value) == CUSTOM_INDIRECT
    assert repr(y) == "tensor([0., 3.], grad_fn=<Invalid>)"
    with pytest.raises(RuntimeError, match="Output 0 of _ViewOf is a view and its base"):
        y.sum().backward()


def test_custom_view_of_a_leaf_changed_under_no_grad_refuses_its_grad_fn() -> None:
    x = T.tensor([-1., 2.], requires_grad=True)
    y = _ViewOf.apply(x)
    with T.no_grad():
        x.add_(1)
    with pytest.raises(RuntimeError) as error:
        _ = y.grad_fn
    assert str(error.value) == CUSTOM_INDIRECT


def test_custom_view_changed_directly_keeps_its_message() -> None:
    x = T.tensor([-1., 2.], requires_grad=True)
    y = _ViewOf.apply(x * 1)
    with pytest.raises(RuntimeError) as error:
        y.add_(1)
    assert str(error.value) == CUSTOM_INDIRECT.replace(
        "its base or another view of its base has been", "is being")


# ---- strides of empty tensors follow their views, as in PyTorch
def test_empty_tensor_strides_after_transpose_and_slicing() -> None:
    assert T.zeros(0, 3).stride() == (3, 1)
    assert T.zeros(0, 3).t().stride() == (1, 3)
    assert T.zeros(2, 0).t().stride() == (1, 1)
    assert T.zeros(2, 0, 4).transpose(0, 2).stride() == (1, 4, 4)
    assert T.zeros(2, 0, 4).permute(1, 2, 0).stride() == (4, 1, 4)
    assert T.zeros(0, 3)[:, 1].stride() == (3,)
    assert T.zeros(4, 3)[:, 1:1].stride() == (3, 1)
    assert T.zeros(3).expand(0, 3).stride() == (0, 1)
    assert T.zeros(0, 3).t().contiguous().stride() == (1, 3)
    assert T.zeros(0, 3).t().is_contiguous()


def test_empty_tensors_still_work_as_values() -> None:
    x = T.zeros(0, 3, requires_grad=True)
    y = (x.t() * 2).sum()
    y.backward()
    assert x.grad.shape == (0, 3) and x.grad.stride() == (3, 1)
    z = T.zeros(0, 3)
    z.add_(1)
    assert z._version == 1 and z.tolist() == []


# ---- read-only attributes refuse assignment with PyTorch's words
@pytest.mark.parametrize("name", ["is_leaf", "retains_grad", "shape", "dtype", "device",
                                  "ndim", "output_nr", "is_cuda", "T", "layout", "is_sparse"])
def test_read_only_attributes_are_not_writable(name: str) -> None:
    x = T.tensor([1., 2.], requires_grad=True)
    message = f"attribute '{name}' of 'autograd_kit._C.TensorBase' objects is not writable"
    with pytest.raises(AttributeError) as error:
        setattr(x, name, 1)
    assert str(error.value) == message
    with pytest.raises(AttributeError) as error:
        delattr(x, name)
    assert str(error.value) == message


def test_deleting_requires_grad_or_data_is_refused() -> None:
    x = T.tensor([1., 2.], requires_grad=True)
    with pytest.raises(RuntimeError, match="^requires_grad must be a bool$"):
        del x.requires_grad
    with pytest.raises(RuntimeError, match="^Deleting tensor data is not allowed. Delete tensor "
                                           "instead!$"):
        del x.data


def test_assigning_real_writes_in_place() -> None:
    x = T.tensor([1., 2.])
    x.real = T.tensor([3., 4.])
    assert x.tolist() == [3., 4.] and x._version == 1
    w = T.tensor([1., 2.], requires_grad=True)
    with pytest.raises(RuntimeError, match="a leaf Variable that requires grad"):
        w.real = T.tensor([3., 4.])
