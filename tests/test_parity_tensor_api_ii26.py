"""The Tensor API a learner meets (copying, pickling, conversions, printing), compared with
PyTorch live."""

from __future__ import annotations

from typing import Any

import pytest

import autograd_kit as ak
from tests.parity_harness import assert_same

torch = pytest.importorskip("torch")


@pytest.mark.parametrize("code", [
    # a view keeps its offset and strides in a copy of the whole block it reads
    "x = T.arange(6.)[2:]; y = copy(x); out += [y, y.storage_offset(), "
    "y.untyped_storage().nbytes(), y._version]",
    "x = T.ones(2, 3).t(); y = copy(x); out += [y.stride(), y.is_contiguous()]",
    "x = T.arange(12.).reshape(3, 4)[1:, ::2]; y = copy(x); out += [y, y.stride(), "
    "y.storage_offset()]",
    "x = T.tensor([[1., 2.], [3., 4.]])[1, 1]; y = copy(x); out += [y, y.storage_offset()]",
    "x = T.zeros(0, 3).t(); y = copy(x); out += [y.stride(), y.shape]",
    "x = T.ones(1, 3).expand(2, 3); y = copy(x); out.append(y.stride()); y.add_(1)",
    # the attributes a learner set come along
    "x = T.ones(2); x.label = 'w'; y = copy(x); out += [y.label, y._version]",
    "x = T.ones(2, requires_grad=True); x.tag = [1]; y = copy(x); y.tag.append(2); "
    "out += [x.tag, y.tag, y.requires_grad, y.is_leaf]",
    "b = T.nn.Buffer(T.ones(2), persistent=False); c = copy(b); "
    "out += [c.persistent, isinstance(c, T.nn.Buffer)]",
])
@pytest.mark.parametrize("how", ["deepcopy", "pickle"])
def test_a_copied_or_pickled_tensor_keeps_its_layout_and_attributes(code: str, how: str) -> None:
    """PyTorch copies the whole storage and sets the copy on it with the tensor's offset,
    size and stride, and keeps the tensor's __dict__; the kit copied the values alone
    (contiguous, offset 0) and dropped attributes set on the tensor."""
    import copy as copying
    import pickle

    copy = copying.deepcopy if how == "deepcopy" else (
        lambda x: pickle.loads(pickle.dumps(x)))
    assert_same(torch, ak, code, copy=copy)


@pytest.mark.parametrize("code", [
    # deepcopy keeps memory shared among what it copies at once; pickle does not
    "x = T.ones(4); a, b = copy.deepcopy([x, x[:2]]); b[0] = 7; out += [a, b._is_view()]",
    "x = T.ones(4); d = copy.deepcopy({'x': x, 't': x.view(2, 2).t()}); d['t'][0, 1] = 5; "
    "out.append(d['x'])",
    "x = T.ones(4); a, b = pickle.loads(pickle.dumps([x, x[:2]])); b[0] = 7; "
    "out += [a, a._version, b.storage_offset()]",
    # a NumPy array copied beside the tensor sharing its memory is a copy apart
    "a = np.ones(3); x = T.from_numpy(a); y, b = copy.deepcopy([x, a]); b[0] = 4; out.append(y)",
    # a Parameter: deepcopy clones its data laid out alike; pickle keeps its attributes
    "p = T.nn.Parameter(T.ones(3, 2).t()); q = copy.deepcopy(p); out += [q.stride(), q._version]",
    "p = T.nn.Parameter(T.ones(3, 2).t()); p.foo = 1; q = pickle.loads(pickle.dumps(p)); "
    "out += [q.stride(), q._version, q.foo, type(q).__name__]",
    "p = T.nn.Parameter(T.ones(2)); p.foo = 1; q = copy.deepcopy(p); out.append(hasattr(q, 'foo'))",
    # copy.copy: a new leaf over the same memory, attributes shared, its own version count
    "x = T.arange(6.)[2:]; x.add_(1); x.foo = [1]; y = copy.copy(x); y[0] = 9; "
    "out += [x, x._version, y._version, y.storage_offset(), y.foo is x.foo, y._is_view()]",
    "a = T.ones(2, requires_grad=True); a.grad = T.ones(2); b = copy.copy(a); "
    "out += [b.grad, b.requires_grad, b.is_leaf, copy.copy(a * 2).grad_fn]",
    "p = T.nn.Parameter(T.ones(2)); p.foo = 1; q = copy.copy(p); q.data[0] = 5; "
    "out += [p, q._version, type(q).__name__, q.foo]",
    # torch.save / load: a loaded tensor was set on its storage, one version on
    "x = T.ones(4); f = io.BytesIO(); T.save([x, x[2:]], f); f.seek(0); a, b = T.load(f); "
    "b[0] = 7; out += [a, b.storage_offset(), a._version, b._version]",
])
def test_copies_share_memory_and_count_versions_as_pytorch(code: str) -> None:
    """copy.deepcopy copies each storage once per call, pickle each tensor's storage apart,
    and a pickled or loaded tensor's _version reads 1 (PyTorch fills it with set_); the kit
    copied each tensor's values apart in deepcopy, read 0, and gave a Parameter a C-order
    copy and no attributes."""
    import copy
    import io
    import pickle

    import numpy as np

    assert_same(torch, ak, code, copy=copy, io=io, pickle=pickle, np=np)


def test_a_tensor_holding_itself_deep_copies() -> None:
    """An attribute that refers back to the tensor: no RecursionError (PyTorch's copy is a
    second tensor sharing the copied attributes; the kit's refers to the copy itself)."""
    import copy

    x = ak.ones(3)
    x.self_ref = x
    y = copy.deepcopy(x)
    assert y.self_ref.self_ref is y.self_ref and y.self_ref is not x


@pytest.mark.parametrize("code", [
    "x = T.ones(2); x.foo = [1, 'a']; x.bar = (2.5, None); T.save({'x': x}, f); f.seek(0); "
    "y = T.load(f)['x']; out += [y.foo, y.bar]",
    "x = T.ones(2); x.foo = 3; T.save(x, f); f.seek(0); "
    "out.append(T.load(f, weights_only=False).foo)",
    "p = T.nn.Parameter(T.ones(2)); p.foo = 3; T.save(p, f); f.seek(0); y = T.load(f); "
    "out += [y.foo, type(y).__name__]",
    "b = T.nn.Buffer(T.ones(2), persistent=False); T.save(b, f); f.seek(0); y = T.load(f); "
    "out += [y.persistent, isinstance(y, T.nn.Buffer)]",
    "T.save(T.ones(1), 5)",
    "T.load(5)",
    "T.load(object())",
])
def test_save_and_load_keep_attributes_and_check_the_file(code: str) -> None:
    """torch.save writes a tensor's __dict__ with it (load, weights_only or not, sets it
    back), and refuses a file without write / seek with AttributeError; the kit dropped the
    attributes and raised pickle's TypeError / ran into the missing method."""
    import io

    assert_same(torch, ak, "f = io.BytesIO(); " + code, io=io)


@pytest.mark.parametrize("code", [
    "T.svd(T.ones(2))", "T.ones(3).svd()", "T.tensor(1.).svd(some=False)",
    "T.linalg.svd(T.ones(2))",
])
def test_the_older_svd_names_its_dimension_error_as_pytorch(code: str) -> None:
    """torch.svd / Tensor.svd say 'input should have at least 2 dimensions, but has N
    dimensions instead' (linalg.svd has its own words); the kit gave linalg's words."""
    assert_same(torch, ak, code)


@pytest.mark.parametrize("code", [
    "T.tensor(decimal.Decimal(1))", "T.tensor([1, decimal.Decimal(1)])",
    "T.as_tensor([[decimal.Decimal(1)]])", "T.tensor([datetime.date(2020, 1, 1)])",
])
def test_the_dtype_error_names_a_type_as_c_does(code: str) -> None:
    """'Could not infer dtype of decimal.Decimal': PyTorch prints a built-in type of another
    module with its module (C's tp_name); the kit printed the bare class name."""
    import datetime
    import decimal

    assert_same(torch, ak, code, decimal=decimal, datetime=datetime)


@pytest.mark.parametrize("code", [
    "with T.device('cpu') as d: out += [d, T.get_default_device(), T.ones(1).device]\n"
    "out.append(T.get_default_device())",
    "d = T.device('cpu')\nwith d:\n    with d: pass\n    out.append(T.get_default_device())\n"
    "out += [T.zeros(2).device, T.arange(3).device]",
    "try:\n    with T.device('cpu'): raise ValueError('x')\n"
    "except ValueError: out.append(T.get_default_device())",
])
def test_a_device_is_a_context_manager(code: str) -> None:
    """``with torch.device(...):`` makes it the default device inside the block and puts
    the one before back after it; the kit's device was no context manager (TypeError)."""
    assert_same(torch, ak, code)


def test_a_saved_attribute_cannot_reach_the_kits_own_fields() -> None:
    """A file's attributes are set back only under the learner's names: one named like the
    kit's own fields (``_data``) is left out, so a file cannot change a tensor's insides."""
    from autograd_kit.tensor_copying import rebuild

    made = rebuild(ak.Tensor, bytes(8), "<f4", "cpu", 0, (2,), (4,), False,
                   {"_data": 5, "label": "w", "_is_buffer": True})
    assert made.tolist() == [0.0, 0.0] and made.label == "w" and isinstance(made, ak.nn.Buffer)



def _fortran_block(np: Any) -> Any:  # (NumPy comes in from the test)
    return np.asfortranarray(np.arange(6.).reshape(2, 3))


def _fortran_block_view(np: Any) -> Any:
    return np.asfortranarray(np.arange(24.).reshape(2, 3, 4))[:, ::2]


def _own_strides_f_order(np: Any) -> Any:  # (a block NumPy did not lay out)
    return np.ndarray((2, 3), np.float32, buffer=bytearray(np.arange(12, dtype=np.float32)),
                      strides=(4, 8))


def _own_strides_gapped(np: Any) -> Any:  # (neither C nor F order)
    return np.ndarray((3,), np.float32, buffer=bytearray(np.arange(12, dtype=np.float32)),
                      strides=(8,))


@pytest.mark.parametrize("make", [_fortran_block, _fortran_block_view, _own_strides_f_order,
                                  _own_strides_gapped])
@pytest.mark.parametrize("how", ["deepcopy", "pickle"])
def test_a_copy_of_a_tensor_over_a_fortran_or_strided_array_keeps_its_values(
        make: Any, how: str) -> None:
    """A tensor over a Fortran-ordered NumPy block pickled its bytes in C order (tobytes'
    order="K" is "C") with the block's offsets and strides: the values came back transposed;
    one over a block neither C nor F ordered read its copy with the old strides (wrong
    values or an error). PyTorch's copy has the tensor's values."""
    import copy
    import pickle

    import numpy as np

    copied = copy.deepcopy if how == "deepcopy" else (lambda x: pickle.loads(pickle.dumps(x)))
    wanted = copied(torch.from_numpy(make(np))).tolist()
    assert wanted == torch.from_numpy(make(np)).tolist()
    assert copied(ak.from_numpy(make(np))).tolist() == wanted


@pytest.mark.parametrize("how", ["copy", "pickle", "deepcopy"])
def test_copying_a_tensor_with_a_hook_warns_as_pickle_does(how: str) -> None:
    """copy.copy follows pickling's recipe, so PyTorch warns that a tensor's backward hooks
    will not come along, as pickle.dumps does (deepcopy does not warn); the kit's copy.copy
    said nothing."""
    import copy
    import pickle
    import warnings

    copied = {"copy": copy.copy, "deepcopy": copy.deepcopy,
              "pickle": lambda x: pickle.loads(pickle.dumps(x))}[how]
    counts = []
    for T in (torch, ak):
        x = T.ones(2, requires_grad=True)
        x.register_hook(lambda g: g)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            copied(x)
        counts.append(sum("will not be serialized" in str(w.message) for w in caught))
    assert counts[0] == counts[1]
