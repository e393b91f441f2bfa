"""Views, in-place changes and overlapping memory: the kit's behaviour checked without PyTorch.

Each expected value is worked out by hand (tests/test_torch_parity_views2.py compares the
same cases with PyTorch when it is installed).
"""

from __future__ import annotations

import warnings

import pytest

import autograd_kit as ak

OVERLAP = "more than one element of the written-to tensor refers to a single memory location"


# ---- writing into an expanded tensor (several elements in one memory location) ----------
@pytest.mark.parametrize("write, expected", [
    (lambda e: e.fill_(2.0), 2.0),
    (lambda e: e.zero_(), 0.0),
    (lambda e: e.__setitem__(0, 5.0), 5.0),  # e[0] is one element: nothing overlaps
    (lambda e: e.__setitem__(0, ak.tensor(5.0)), 5.0),
    (lambda e: e.__setitem__(slice(0, 1), 5.0), 5.0),
])
def test_writes_pytorch_allows_into_an_expanded_tensor(write, expected) -> None:
    """x = [1]; e = x.expand(3): every element of e is x[0], so these writes change x."""
    x = ak.ones(1)
    e = x.expand(3)
    write(e)
    assert x.tolist() == [expected]
    assert e.tolist() == [expected] * 3


@pytest.mark.parametrize("write", [
    lambda e: e.add_(1), lambda e: e.mul_(1), lambda e: e.neg_(), lambda e: e.clamp_(0, 1),
    lambda e: e.copy_(ak.tensor(3.0)), lambda e: e.fill_(ak.tensor(2.0)),
    lambda e: e.__setitem__(slice(None), 5.0), lambda e: e.__setitem__(Ellipsis, 5.0),
    lambda e: e.__setitem__(slice(1, None), 5.0), lambda e: e.normal_(),
])
def test_writes_pytorch_refuses_into_an_expanded_tensor(write) -> None:
    x = ak.ones(1)
    with pytest.raises(RuntimeError, match=OVERLAP):
        write(x.expand(3))
    assert x.tolist() == [1.0]


def test_writing_one_row_or_column_of_an_expanded_matrix() -> None:
    """x2 = [0, 1, 2]; e2 = x2.expand(2, 3): a row of e2 is x2 itself; a column is one
    memory location twice."""
    x2 = ak.arange(3.0)
    e2 = x2.expand(2, 3)
    e2[1] = ak.tensor([3.0, 4.0, 5.0])
    assert x2.tolist() == [3.0, 4.0, 5.0]
    e2[0, 1:] = 7.0
    assert x2.tolist() == [3.0, 7.0, 7.0]
    with pytest.raises(RuntimeError, match=OVERLAP):
        e2[:, 0] = 1.0


@pytest.mark.parametrize("write, name, expected", [
    (lambda e: e.__setitem__([0, 1], ak.tensor([3.0, 4.0])), "index_put_", 4.0),
    (lambda e: e.masked_fill_(ak.tensor([True, False, False]), 2.0), "masked_fill_", 2.0),
    (lambda e: e.index_fill_(0, ak.tensor([1]), 2.0), "index_fill_", 2.0),
    (lambda e: e.index_put_((ak.tensor([2]),), ak.tensor(7.0)), "index_put_", 7.0),
])
def test_writes_by_index_into_an_expanded_tensor_warn(write, name, expected) -> None:
    """Allowed with PyTorch's deprecation warning; only the named elements are written (the
    last one written wins: e[[0, 1]] = [3, 4] leaves 4)."""
    x = ak.ones(1)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        write(x.expand(3))
    assert x.tolist() == [expected]
    assert [str(w.message).split(" on ")[0] for w in caught] == [f"Use of {name}"]
    assert "Please clone() the tensor before performing this operation" in str(
        caught[0].message)
    assert caught[0].filename == __file__  # the warning points at the learner's line


def test_mask_assignment_of_a_number_into_an_expanded_tensor_warns_twice() -> None:
    """PyTorch's x[mask] = number goes through index_put_ and then masked_fill_."""
    x = ak.ones(1)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        x.expand(3)[ak.tensor([True, False, False])] = 4.0
    assert x.tolist() == [4.0]
    assert [str(w.message).split(" on ")[0] for w in caught] == ["Use of index_put_",
                                                                  "Use of masked_fill_"]


def test_setting_an_element_of_an_expanded_view_records_the_element_as_the_view() -> None:
    """y = x·1; e = y.expand(3); e[1] = v overwrites y[0] entirely: ∂Σy/∂x = 0, ∂Σy/∂v = 1."""
    x = ak.ones(1, requires_grad=True)
    v = ak.tensor(3.0, requires_grad=True)
    y = x * 1
    e = y.expand(3)
    e[1] = v
    assert y.tolist() == [3.0]
    assert type(y.grad_fn).__name__ == "CopySlices"
    assert type(e.grad_fn).__name__ == "AsStridedBackward0"
    y.sum().backward()
    assert x.grad.tolist() == [0.0]
    assert v.grad.item() == 1.0


def test_backward_through_a_fill_of_an_expanded_view_is_refused() -> None:
    """PyTorch copies the fill's gradient into the view's (overlapping) places: an error."""
    x = ak.ones(1, requires_grad=True)
    y = x * 1
    y.expand(3).fill_(2.0)
    assert y.tolist() == [2.0]
    with pytest.raises(RuntimeError, match=OVERLAP):
        y.sum().backward()


# ---- a change of shape in place: the other views of the base get a new history ----------
@pytest.mark.parametrize("change", [
    lambda y: y.t_(), lambda y: y.transpose_(0, 1), lambda y: y.unsqueeze_(0),
    lambda y: y.swapaxes_(0, 1),
])
def test_views_of_a_base_reshaped_in_place_read_it_as_strided(change) -> None:
    """y = x·1 (2×3 ones); v = y[0]; after y's shape changes in place, v is still x's row 0:
    v.grad_fn is AsStridedBackward0 over y's new history, and ∂Σv/∂x is 1 on row 0."""
    x = ak.ones(2, 3, requires_grad=True)
    y = x * 1
    v = y[0]
    change(y)
    assert y._version == 1
    assert type(v.grad_fn).__name__ == "AsStridedBackward0"
    assert v.grad_fn.next_functions[0][0] is y.grad_fn
    v.sum().backward()
    assert x.grad.tolist() == [[1.0, 1.0, 1.0], [0.0, 0.0, 0.0]]


def test_views_of_a_leaf_reshaped_in_place_without_recording() -> None:
    """Under no_grad, b.squeeze_() on a leaf bumps its version; its view gets
    AsStridedBackward0 straight onto b's AccumulateGrad."""
    b = ak.ones(1, 3, requires_grad=True)
    v = b.narrow(1, 0, 2)
    with ak.no_grad():
        b.squeeze_()
    assert b._version == 1 and b.shape == (3,)
    assert type(v.grad_fn).__name__ == "AsStridedBackward0"
    assert type(v.grad_fn.next_functions[0][0]).__name__ == "AccumulateGrad"
    (v * ak.tensor([[2.0, 3.0]])).sum().backward()
    assert b.grad.tolist() == [2.0, 3.0, 0.0]


def test_the_view_reshaped_in_place_keeps_its_own_node_and_its_siblings_are_refreshed() -> None:
    """y = x·1; v = y[0]; w = y[1]; v.unsqueeze_(0): v's node is UnsqueezeBackward1, w's is
    new; Σv + 2Σw gives ∂/∂x = rows (1, 2)."""
    x = ak.ones(2, 3, requires_grad=True)
    y = x * 1
    v, w = y[0], y[1]
    v.unsqueeze_(0)
    assert type(v.grad_fn).__name__ == "UnsqueezeBackward1"
    assert type(w.grad_fn).__name__ == "AsStridedBackward0"
    assert type(y.grad_fn).__name__ == "MulBackward0"
    (v.sum() + w.sum() * 2).backward()
    assert x.grad.tolist() == [[1.0] * 3, [2.0] * 3]


def test_a_piece_of_unbind_cannot_follow_its_base_reshaped_in_place() -> None:
    x = ak.ones(2, 3, requires_grad=True)
    y = x * 1
    v = y.unbind(0)[0]
    y.t_()
    with pytest.raises(RuntimeError, match="Output 0 of Unbind is a view and its base or "
                                           "another view of its base has been modified"):
        v.grad_fn  # noqa: B018


# ---- resize_ and the deprecated resize ----------------------------------------------------
def test_resize_keeps_the_values_that_fit_in_memory_order() -> None:
    """[1, 2, 3, 4].resize_(2) keeps [1, 2]; growing back reads the same memory again."""
    x = ak.tensor([1.0, 2.0, 3.0, 4.0])
    assert x.resize_(2) is x
    assert x.tolist() == [1.0, 2.0] and x._version == 1 and x.stride() == (1,)
    x.resize_(2, 2)
    assert x.tolist() == [[1.0, 2.0], [3.0, 4.0]] and x._version == 2
    x.resize_(ak.Size([2, 2]))  # the same shape: nothing changes, not even the version
    assert x._version == 2
    x.resize_(6)
    assert x.shape == (6,) and x[:4].tolist() == [1.0, 2.0, 3.0, 4.0]


def test_resize_of_a_transposed_tensor_reads_its_memory_in_order() -> None:
    """t = [[1, 2], [3, 4]].t() is [[1, 3], [2, 4]] over memory 1 2 3 4: resize_(4) reads
    the memory, [1, 2, 3, 4]; resize_ to its own shape keeps its strides."""
    t = ak.tensor([[1.0, 2.0], [3.0, 4.0]]).t()
    t.resize_(2, 2)
    assert t.stride() == (1, 2)
    t.resize_(4)
    assert t.tolist() == [1.0, 2.0, 3.0, 4.0]


def test_resize_of_a_view_starts_where_the_view_starts() -> None:
    x = ak.tensor([1.0, 2.0, 3.0, 4.0])
    v = x[1:3]
    v.resize_(3)
    assert v.tolist() == [2.0, 3.0, 4.0] and v.storage_offset() == 1


@pytest.mark.parametrize("call, error, message", [
    (lambda x: x.resize_(), TypeError, 'resize_() missing 1 required positional arguments: "size"'),
    (lambda x: x.resize_(2.5), TypeError,
     "resize_(): argument 'size' (position 1) must be tuple of ints, not float"),
    (lambda x: x.resize_(-1), RuntimeError, "numel: integer multiplication overflow"),
    (lambda x: x.resize_(1, memory_format=ak.preserve_format), RuntimeError,
     "Unsupported memory formatPreserve"),
])
def test_resize_errors(call, error, message) -> None:
    with pytest.raises(error) as caught:
        call(ak.tensor([1.0, 2.0]))
    assert str(caught.value) == message


def test_a_tensor_that_requires_grad_cannot_be_resized() -> None:
    w = ak.tensor([1.0, 2.0], requires_grad=True)
    for target in (w, w * 1):
        with pytest.raises(RuntimeError, match="^cannot resize variables that require grad$"):
            target.resize_(3)
    with ak.no_grad(), pytest.raises(RuntimeError, match="cannot resize variables"):
        w.resize_(1)


def test_deprecated_resize_is_a_reshape_recorded_as_resize_backward() -> None:
    """r = x.resize(2, 2) (a view of x, with a warning); ∂Σr/∂x = 1 everywhere."""
    x = ak.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
    with pytest.warns(UserWarning, match="^non-inplace resize is deprecated$"):
        r = x.resize(2, 2)
    assert r.tolist() == [[1.0, 2.0], [3.0, 4.0]] and r._base is x
    assert type(r.grad_fn).__name__ == "ResizeBackward"
    assert repr(r.grad_fn).startswith("<autograd_kit.autograd.function.ResizeBackward object")
    with pytest.raises(RuntimeError, match="^Output 0 of Resize is a view and is being modified"):
        r.add_(1)
    r.sum().backward()
    assert x.grad.tolist() == [1.0] * 4
    with pytest.warns(UserWarning, match="non-inplace resize_as is deprecated"):
        assert x.resize_as(ak.zeros(4, 1)).shape == (4, 1)


def test_deprecated_resize_must_keep_the_number_of_elements() -> None:
    with pytest.warns(UserWarning), pytest.raises(RuntimeError) as caught:
        ak.tensor([1.0, 2.0]).resize(1)
    assert str(caught.value) == (
        "requested resize to 1 (1 elements in total), but the given tensor has a size of 2 "
        "(2 elements). autograd's resize can only change the shape of a given tensor, while "
        "preserving the number of elements. ")


# ---- .data of a tensor that has views: the views keep the old memory ------------------------
def test_writing_through_a_view_after_its_base_got_new_data() -> None:
    """w = [1, 2]; x = w·1; v = x.unsqueeze(0); x.data = -x.data; v /= 2 writes the old memory
    (v = [[0.5, 1]]), x keeps [-1, -2] but its history is now CopySlices: Σv = Σ(w/2),
    so ∂Σv/∂w = (0.5, 0.5)."""
    w = ak.tensor([1.0, 2.0], requires_grad=True)
    x = w * 1
    v = x.unsqueeze(0)
    x.data = x.data * -1
    v.div_(2)
    assert x.tolist() == [-1.0, -2.0] and v.tolist() == [[0.5, 1.0]]
    assert type(x.grad_fn).__name__ == "CopySlices"
    assert type(v.grad_fn).__name__ == "AsStridedBackward0"
    v.sum().backward()
    assert w.grad.tolist() == [0.5, 0.5]


def test_a_view_placed_outside_its_base_after_new_data_is_a_clear_error() -> None:
    from autograd_kit.views import positions_in_base

    x = ak.tensor([1.0, 2.0, 3.0])
    v = x[1:]
    x.data = ak.zeros(1)
    with pytest.raises(RuntimeError, match="could not place a view inside its base's memory"):
        positions_in_base(v._data, x._data)


# ---- the version error names a view's saved output after the view's node ------------------
def _saved_name(setup) -> str:
    x = ak.ones(2, 3, requires_grad=True)
    y = x * 1
    keep = setup(y)  # noqa: F841  (what the snippet keeps alive)
    with pytest.raises(RuntimeError) as caught:
        y.sum().backward()
    return str(caught.value).split("which is ")[1].split(",")[0]


def _tanh_then(after):
    def setup(y):
        v = y.t()
        v.tanh_()
        return after(y, v)
    return setup


def test_a_saved_output_of_an_inplace_op_on_a_view_is_named_after_the_view() -> None:
    """v = y.t(); v.tanh_() saves tanh's result; y.add_(1) changes it. PyTorch names it after
    v's node (AsStridedBackward0) while v holds that node: v alive and its grad_fn unread."""
    def add_to_base(y, v):
        y.add_(1)
        return v
    assert _saved_name(_tanh_then(add_to_base)) == "output 0 of AsStrided"

    def add_to_a_view_of_v(y, v):
        v[0].add_(1)
        return v
    assert _saved_name(_tanh_then(add_to_a_view_of_v)) == "output 0 of AsStrided"


def test_the_saved_output_is_named_after_the_op_once_the_view_lets_go_of_its_node() -> None:
    def add_and_drop(y, v):
        y.add_(1)
        return None  # v is gone: so is its old node
    assert _saved_name(_tanh_then(add_and_drop)) == "output 0 of Tanh"

    def add_and_read(y, v):
        y.add_(1)
        v.grad_fn  # noqa: B018  (reading grad_fn gives v its new node)
        return v
    assert _saved_name(_tanh_then(add_and_read)) == "output 0 of Tanh"

    def change_v_itself(y, v):
        v.add_(1)  # v's own change gives it a new node at once
        return v
    assert _saved_name(_tanh_then(change_v_itself)) == "output 0 of Tanh"


# ---- as_strided ------------------------------------------------------------------------------
def test_as_strided_reads_the_memory_block_at_offset_plus_steps() -> None:
    """x = 0..5: as_strided((2, 2), (1, 2), 1) reads offsets 1 + i + 2j: [[1, 3], [2, 4]];
    each of x1..x4 is read once, so ∂Σy/∂x = (0, 1, 1, 1, 1, 0)."""
    x = ak.arange(6.0, requires_grad=True)
    y = x.as_strided((2, 2), (1, 2), 1)
    assert y.tolist() == [[1.0, 3.0], [2.0, 4.0]] and y._base is x
    assert type(y.grad_fn).__name__ == "AsStridedBackward0"
    y.sum().backward()
    assert x.grad.tolist() == [0.0, 1.0, 1.0, 1.0, 1.0, 0.0]


def test_as_strided_gradients_add_up_and_skip_memory_outside_the_input() -> None:
    """A stride of 0 reads x0 three times (gradient 3); x[2:] read from offset 0 reads x0, x1,
    which are not elements of x[2:]: no gradient reaches x."""
    x = ak.arange(6.0, requires_grad=True)
    x.as_strided((3,), (0,)).sum().backward()
    assert x.grad.tolist() == [3.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    x.grad = None
    y = x[2:].as_strided((2,), (1,), 0)
    assert y.tolist() == [0.0, 1.0]
    y.sum().backward()
    assert x.grad.tolist() == [0.0] * 6


@pytest.mark.parametrize("args, message", [
    (((2, 2), (1, 2), 3), "setStorage: sizes [2, 2], strides [1, 2], storage offset 3, and "
     "itemsize 4 requiring a storage size of 28 are out of bounds for storage of size 24"),
    (((2,), (-1,)), "as_strided: Negative strides are not supported at the moment, got "
     "strides: [-1]"),
    (((2,), (1,), -1), "Tensor: invalid storage offset -1"),
    (((2, 2), (1,)), "mismatch in length of strides and shape"),
])
def test_as_strided_errors(args, message) -> None:
    with pytest.raises(RuntimeError) as caught:
        ak.arange(6.0).as_strided(*args)
    assert str(caught.value) == message


def test_as_strided_in_place_changes_the_tensor_view() -> None:
    x = ak.arange(6.0)
    v = x[1:]
    v.as_strided_((2,), (2,))
    assert v.tolist() == [1.0, 3.0] and v.storage_offset() == 1 and v._version == 1
    w = ak.arange(6.0, requires_grad=True)
    y = w * 1
    y.as_strided_((2,), (2,), 1)
    assert type(y.grad_fn).__name__ == "AsStridedBackward1"
    y.sum().backward()
    assert w.grad.tolist() == [0.0, 1.0, 0.0, 1.0, 0.0, 0.0]


def test_t_in_place_names_itself_in_its_error() -> None:
    with pytest.raises(RuntimeError, match=r"^t_\(\) expects a tensor with <= 2 dimensions, "
                                           "but self is 3D$"):
        ak.ones(2, 3, 4).t_()


# ---- argument errors of the named arithmetic, fill_ and copy_; clamp_'s cast error --------------
@pytest.mark.parametrize("call, message", [
    (lambda x: x.add(None), "add(): argument 'other' (position 1) must be Tensor, not NoneType"),
    (lambda x: x.mul((1,)), "mul(): argument 'other' (position 1) must be Tensor, not tuple"),
    (lambda x: x.sub_("a"), "sub_(): argument 'other' (position 1) must be Tensor, not str"),
    (lambda x: x.div_([1]), "div_(): argument 'other' (position 1) must be Tensor, not list"),
    (lambda x: x.copy_(None), "copy_(): argument 'other' (position 1) must be Tensor, not "
                              "NoneType"),
])
def test_operands_that_are_neither_tensors_nor_numbers(call, message) -> None:
    with pytest.raises(TypeError) as caught:
        call(ak.zeros(2))
    assert str(caught.value) == message


def test_fill_with_a_value_that_is_neither_tensor_nor_number() -> None:
    with pytest.raises(TypeError) as caught:
        ak.zeros(2).fill_([1])
    assert str(caught.value) == (
        "fill_() received an invalid combination of arguments - got (list), but expected one "
        "of:\n * (Tensor value)\n      didn't match because some of the arguments have invalid "
        "types: (!list of [int]!)\n * (Number value)\n      didn't match because some of the "
        "arguments have invalid types: (!list of [int]!)\n")


def test_copy_and_add_take_numbers() -> None:
    x = ak.zeros(2)
    assert x.copy_(5.0).tolist() == [5.0, 5.0]
    assert x.add(2).tolist() == [7.0, 7.0]


@pytest.mark.parametrize("dtype, word", [(ak.int64, "long int"), (ak.int32, "int"),
                                         (ak.uint8, "unsigned char"), (ak.bool, "bool")])
def test_clamp_in_place_with_number_bounds_names_the_type_in_cpp(dtype, word) -> None:
    with pytest.raises(RuntimeError) as caught:
        ak.tensor([1, 0], dtype=dtype).clamp_(0.5)
    assert str(caught.value) == f"result type Float can't be cast to the desired output type {word}"
    with pytest.raises(RuntimeError, match="desired output type Long$"):
        ak.tensor([1, 2]).add_(1.5)  # (the other operations: PyTorch's ScalarType name)


def test_masked_select_saves_its_input_and_sees_it_changed_in_place() -> None:
    b = ak.tensor([1.0, -2.0, 3.0], requires_grad=True)
    y = b.masked_select(b > 0)
    assert y.grad_fn._saved_self is b
    assert y.grad_fn._saved_mask.tolist() == [True, False, True]
    with ak.no_grad():
        b.mul_(2)
    with pytest.raises(RuntimeError, match=r"\[autograd_kit.FloatTensor \[3\]\] is at version "
                                           "1; expected version 0 instead"):
        y.sum().backward()


@pytest.mark.parametrize("call, message", [
    (lambda x: x.index_put_(1, ak.tensor(1.0)),
     "index_put_(): argument 'indices' (position 1) must be tuple of Tensors, not int"),
    (lambda x: x.index_put(ak.tensor([1]), ak.tensor(1.0)),
     "index_put(): argument 'indices' (position 1) must be tuple of Tensors, not Tensor"),
    (lambda x: x.index_put_([ak.tensor([1]), None], ak.tensor(1.0)),
     "expected Tensor as element 1 in argument 0, but got NoneType"),
    (lambda x: x.index_put_((ak.tensor([1]),), 1.0),
     "index_put_(): argument 'values' (position 2) must be Tensor, not float"),
])
def test_index_put_argument_errors(call, message) -> None:
    with pytest.raises(TypeError) as caught:
        call(ak.zeros(3))
    assert str(caught.value) == message


# ---- view(dtype): the same memory read as another type ---------------------------------------
def test_view_as_another_dtype_shares_memory_and_records_nothing() -> None:
    """1.0f is 0x3F800000 = 1065353216; float32 pairs read as float64 halve the last size."""
    x = ak.ones(2, 4, requires_grad=True)
    v = x.view(ak.int32)
    assert v.tolist()[0][0] == 1065353216
    assert v.grad_fn is None and not v.requires_grad and v.is_leaf and v._base is None
    assert x.view(ak.float64).shape == (2, 2)
    assert x.view(dtype=ak.int8).shape == (2, 16)
    y = ak.tensor([1.0, 2.0])
    y.view(ak.int32).add_(1)  # the smallest step up of each float
    assert y._version == 1 and y.tolist() != [1.0, 2.0]


@pytest.mark.parametrize("make, dtype, message", [
    (lambda: ak.ones(3), ak.float64, "self.size(-1) must be divisible by 2 to view Float as "
                                     "Double (different element sizes), but got 3"),
    (lambda: ak.tensor(1.0), ak.float16, "self.dim() cannot be 0 to view Float as Half "
                                         "(different element sizes)"),
    (lambda: ak.ones(2, 4)[:, ::2], ak.float64, "self.stride(-1) must be 1 to view Float as "
                                                "Double (different element sizes), but got 2"),
])
def test_view_as_a_dtype_of_another_size_errors(make, dtype, message) -> None:
    with pytest.raises(RuntimeError) as caught:
        make().view(dtype)
    assert str(caught.value) == message


def test_view_argument_errors() -> None:
    x = ak.ones(2, 3)
    with pytest.raises(TypeError) as caught:
        x.view(2, 3.0)
    assert str(caught.value) == ("view(): argument 'size' failed to unpack the object at pos 2 "
                                 "with error \"type must be tuple of ints,but got float\"")
    with pytest.raises(TypeError, match=r"^view\(\) received an invalid combination of "
                                        r"arguments - got \(tuple, int\)"):
        x.view((2, 3), 1)
    assert x.view(ak.tensor(6)).shape == (6,)
    with pytest.raises(RuntimeError, match="^dim 0 appears multiple times in the list of dims$"):
        ak.ones(1, 2).squeeze((0, 0))


# ---- x[key] = value ---------------------------------------------------------------------------
def test_a_value_with_leading_size_one_dims_fits_a_mask_or_index_assignment() -> None:
    x = ak.zeros(2, 3)
    x[x == 0] = ak.tensor([[1.0]])
    assert x.tolist() == [[1.0] * 3] * 2
    x[[0]] = ak.tensor([[[5.0, 6.0, 7.0]]])
    assert x.tolist() == [[5.0, 6.0, 7.0], [1.0, 1.0, 1.0]]


def test_the_gradient_of_an_assigned_value_has_the_value_s_shape() -> None:
    """x[0] = w.expand(1, 3): Σx counts each element of w once, ∂/∂w = (1, 1, 1)."""
    x = ak.zeros(2, 3)
    w = ak.ones(3, requires_grad=True)
    x[0] = w.expand(1, 3)
    x.sum().backward()
    assert w.grad.tolist() == [1.0, 1.0, 1.0]


def test_numpy_arrays_cannot_be_assigned_but_numpy_numbers_can() -> None:
    import numpy as np

    x = ak.zeros(2, 3)
    x[0] = np.float64(2.0)
    x[1] = np.int64(3)
    assert x.tolist() == [[2.0] * 3, [3.0] * 3]
    for value in (np.array([1.0, 2.0, 3.0]), np.array(2.0), np.float32(1.0)):
        with pytest.raises(TypeError, match=r"^can't assign a numpy\.(ndarray|float32) to a "
                                            r"autograd_kit\.FloatTensor$"):
            x[0] = value


def test_second_derivative_through_an_inplace_exp_of_a_view() -> None:
    """y = x·1; y[1:].exp_(): Σy = x0 + e^x1 + e^x2, so g = (1, e^x1, e^x2) and Σg has
    gradient (0, e^x1, e^x2)."""
    import math

    x = ak.tensor([1.0, 2.0, 3.0], requires_grad=True)
    y = x * 1
    y[1:].exp_()
    (g,) = ak.autograd.grad(y.sum(), x, create_graph=True)
    assert g.tolist() == pytest.approx([1.0, math.exp(2), math.exp(3)], rel=1e-6)
    g.sum().backward()
    assert x.grad.tolist() == pytest.approx([0.0, math.exp(2), math.exp(3)], rel=1e-6)


def test_copy_into_an_integer_tensor_records_nothing() -> None:
    """PyTorch records copy_ (and x[i] = t, which copies) only into a float target; fill_
    (x[:] = 0-dim t) is recorded even there."""
    s = ak.tensor([1.5, 2.0, 3.0], requires_grad=True)
    y = ak.zeros(3, dtype=ak.int64)
    y.copy_(s)
    assert y.tolist() == [1, 2, 3] and y.grad_fn is None and not y.requires_grad
    y[0] = s[1]
    assert y.tolist() == [2, 2, 3] and y.grad_fn is None
    y[:] = s[0]
    assert type(y.grad_fn).__name__ == "FillBackward3"


def test_a_fill_reads_its_0_dim_value_before_writing() -> None:
    """x = 0..5: x.fill_(x[1]) fills with 1; add_(x[1]) overlaps and is refused."""
    x = ak.arange(6.0)
    x.fill_(x[1])
    assert x.tolist() == [1.0] * 6
    x = ak.arange(6.0)
    x.index_fill_(0, ak.tensor([0]), x[1])
    x[3:] = x[2]
    assert x.tolist() == [1.0, 1.0, 2.0, 2.0, 2.0, 2.0]
    with pytest.raises(RuntimeError, match="some elements of the input tensor and the "
                                           "written-to tensor refer to a single memory"):
        x.add_(x[1])


# ---- to() -------------------------------------------------------------------------------------
def test_to_accepts_its_three_forms() -> None:
    x = ak.ones(2)
    assert x.to("cpu", ak.float64, False, True).dtype == ak.float64
    assert x.to(ak.zeros(1, dtype=ak.int64)).dtype == ak.int64
    assert x.to(dtype=ak.float16, device="cpu").dtype == ak.float16
    assert x.to(ak.float32) is x and x.to(ak.float32, copy=True) is not x


@pytest.mark.parametrize("call, got", [
    (lambda x: x.to(ak.float64, ak.float32), "(autograd_kit.dtype, autograd_kit.dtype)"),
    (lambda x: x.to("cpu", foo=1, bar=2), "(str, bar=int, foo=int)"),
    (lambda x: x.to(foo=1), "(foo=int, )"),
    (lambda x: x.to(ak.zeros(1), ak.float64), "(Tensor, autograd_kit.dtype)"),
    (lambda x: x.to(ak.float64, non_blocking=1), "(autograd_kit.dtype, non_blocking=int)"),
])
def test_to_with_arguments_of_no_form_is_a_type_error(call, got) -> None:
    with pytest.raises(TypeError) as caught:
        call(ak.ones(2))
    message = str(caught.value)
    assert message.startswith(f"to() received an invalid combination of arguments - got {got}, "
                              "but expected one of:\n * (autograd_kit.device device = None, ")
    assert message.count("\n * (") == 3


def test_a_stale_no_grad_view_still_answers_grad_and_retain_grad() -> None:
    """A view made under no_grad whose base then changed in place: reading grad_fn raises,
    but .grad and retain_grad() (PyTorch reads the raw node, None) do not."""
    x = ak.ones(3, requires_grad=True)
    y = x * 1
    with ak.no_grad():
        v = y[:2]
    y.add_(1)
    assert v.grad is None
    v.retain_grad()
    assert not v.retains_grad
    with pytest.raises(RuntimeError, match="^A view was created in no_grad mode"):
        v.grad_fn  # noqa: B018
    w = (x * 1).unbind()[0]
    w._base.add_(1)
    with pytest.raises(RuntimeError, match="^Output 0 of Unbind is a view"):
        w.retain_grad()


# ---- the same on each device (a GPU, or the CuPy stand-in) -----------------------------------
def test_view_fixes_on_each_device(device: str) -> None:
    x = ak.ones(1, device=device)
    x.expand(3).fill_(2.0)
    x.expand(3)[0] = 5.0
    assert x.tolist() == [5.0]
    r = ak.tensor([1.0, 2.0, 3.0, 4.0], device=device)
    r.resize_(2, 2)
    assert r.tolist() == [[1.0, 2.0], [3.0, 4.0]]
    r.resize_(6)
    assert r.shape == (6,) and r[:4].tolist() == [1.0, 2.0, 3.0, 4.0]
    assert ak.ones(2, 4, device=device).view(ak.float64).shape == (2, 2)
    w = ak.tensor([1.0, 2.0], device=device, requires_grad=True)
    y = w * 1
    v = y.unsqueeze(0)
    y.data = y.data * -1
    v.div_(2)
    v.sum().backward()
    assert w.grad.tolist() == [0.5, 0.5]


@pytest.mark.parametrize("change", [lambda t: t.t_(), lambda t: t.resize_(2),
                                    lambda t: t.unsqueeze_(0)])
def test_an_inference_tensor_changes_shape_in_place_only_in_inference_mode(change) -> None:
    with ak.inference_mode():
        x = ak.ones(3, 1)
        change(x)  # allowed there
    with pytest.raises(RuntimeError, match="^Inplace update to inference tensor outside "
                                           "InferenceMode is not allowed"):
        change(x)


def test_set_makes_a_tensor_read_another_s_memory() -> None:
    x = ak.ones(2, 3)
    y = ak.zeros(4)
    assert x.set_(y) is x
    assert x.shape == (4,) and x._version == 1 and y._version == 0
    y.add_(1)
    assert x.tolist() == [1.0] * 4
    x.set_()
    assert x.shape == (0,)
    with pytest.raises(RuntimeError, match="^Could not set tensor of type long int to a tensor "
                                           "of type float$"):
        x.set_(ak.zeros(2, dtype=ak.int64))
    w = ak.ones(3, requires_grad=True)
    with pytest.raises(RuntimeError, match="a leaf Variable that requires grad"):
        w.set_(ak.zeros(2))
    h = w * 1
    h.set_(ak.zeros(3))
    assert type(h.grad_fn).__name__ == "NotImplemented"
    with pytest.raises(RuntimeError, match="^derivative for set_ is not implemented$"):
        h.sum().backward()
