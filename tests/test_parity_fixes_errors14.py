"""Error parity with PyTorch (14): which error wins when an in-place op's target is a leaf
that requires grad and its other arguments are bad too; arguments that must be ints (or
tuples of ints) given as floats, strings, None, bools. Each case runs live against PyTorch
('torch' in its messages read as 'autograd_kit')."""

from __future__ import annotations

from typing import Any

import numpy
import pytest

import autograd_kit as ak
from tests import parity_harness

torch = pytest.importorskip("torch")


_error = parity_harness.error_of


def _same_error(call: str, setup: str = "x = m.ones(2, 3)") -> None:
    """``call`` (Python, with ``m`` the module) raises the same error with the kit as with
    PyTorch, after ``setup``."""
    def case(m: Any) -> Any:
        names = {"m": m, "np": numpy}
        exec(setup, names)  # noqa: S102
        return eval(call, names)  # noqa: S307

    expected = _error(lambda: case(torch))
    assert expected[0] != "no error"
    assert _error(lambda: case(ak)) == expected


_LEAF = "x = m.ones(2, 3, requires_grad=True)"


@pytest.mark.parametrize("call", [
    "x.index_add_(0, m.tensor([0]), m.ones(1, 3, dtype=m.float64))",
    "x.index_add_(0, m.tensor([0]), m.ones(2, 3))",
    "x.index_add_(5, m.tensor([0]), m.ones(1, 3))",
    "x.index_add_(0, m.tensor([0.0]), m.ones(1, 3))",
    "x.masked_scatter_(m.ones(2, 3, dtype=m.bool), m.ones(6, dtype=m.float64))",
    "x.masked_scatter_(m.ones(2, 3, dtype=m.bool), m.ones(2))",
    "x.masked_scatter_(m.ones(2, 3), m.ones(6))",
    "x.masked_scatter_(m.ones(3, 3, dtype=m.bool), m.ones(9))",
    "x.index_copy_(0, m.tensor([0]), m.ones(1, 3, dtype=m.float64))",
    "x.index_copy_(5, m.tensor([0]), m.ones(1, 3))",
    "x.index_fill_(0, m.tensor([0.0]), 1.0)",
    "x.index_fill_(0, m.tensor([0]), m.ones(2))",
    "x.scatter_(0, m.tensor([[0]]), m.ones(1, 1, dtype=m.float64))",
    "x.scatter_(0, m.tensor([[5]]), 1.0)",
    "x.scatter_(0, m.tensor([[0]]), 1.0, reduce='bad')",
    "x.scatter_add_(0, m.tensor([[0]]), m.ones(1, 1, dtype=m.float64))",
    "x.scatter_reduce_(0, m.tensor([[0]]), m.ones(1, 1), 'bad')",
    "x.index_put_((m.tensor([0]),), m.ones(3, dtype=m.float64))",
    "x.index_put_((m.tensor([5]),), m.ones(3))",
    "x.masked_fill_(m.ones(2, 3), 1.0)",
    "x.masked_fill_(m.ones(3, 3, dtype=m.bool), 1.0)",
    "x.put_(m.tensor([0]), m.ones(1, dtype=m.float64))",
    "x.put_(m.tensor([10]), m.ones(1))",
    "x.index_reduce_(0, m.tensor([0]), m.ones(1, 3), 'bad')",
    "x.uniform_(2, 1)", "x.normal_(0, -1)", "x.random_(5, 2)", "x.bernoulli_(2.0)",
    "x.exponential_(-1)", "x.geometric_(2.0)", "x.log_normal_(0, -1)", "x.cauchy_(0, -1)",
    "x.bitwise_and_(1)", "x.bitwise_not_()",
    "x[0].index_add_(0, m.tensor([0]), m.ones(1, dtype=m.float64))",
])
def test_leaf_refused_before_the_arguments_are_checked(call: str) -> None:
    """PyTorch's autograd refuses a leaf that requires grad before the op checks the dtypes,
    shapes and values of its other arguments."""
    _same_error(call, _LEAF)


@pytest.mark.parametrize("call", [
    "x.index_add_(0, m.tensor([0]), m.ones(1, 3, dtype=m.float64))",
    "x.masked_scatter_(m.ones(2, 3, dtype=m.bool), m.ones(2))",
    "x.uniform_(2, 1)",
])
def test_argument_errors_without_grad_mode(call: str) -> None:
    """Under no_grad the leaf may change, and the argument's own error comes."""
    def case(m: Any) -> Any:
        names = {"m": m}
        exec(_LEAF, names)  # noqa: S102
        with m.no_grad():
            return eval(call, names)  # noqa: S307

    expected = _error(lambda: case(torch))
    assert expected[0] == "RuntimeError" and "leaf" not in expected[1]
    assert _error(lambda: case(ak)) == expected


@pytest.mark.parametrize("value", [
    "m.ones(3, dtype=m.float64)", "m.ones(6, dtype=m.int64)", "m.ones(3)",
    "m.ones(3, 2, dtype=m.float64).t()", "m.ones(2, 3, dtype=m.bool)",
])
@pytest.mark.parametrize("setup", [_LEAF, "x = m.ones(2, 3)"])
def test_grad_assigned_with_wrong_dtype_and_size(value: str, setup: str) -> None:
    """``x.grad = value``: PyTorch checks the dtype before the size."""
    _same_error(f"setattr(x, 'grad', {value})", setup)


_INT_ARGUMENT_CASES = [
    # transpose / swapaxes: two ints, never a float, bool, None, str or float tensor
    "x.transpose(0.0, 1)", "x.transpose(0, 1.0)", "m.transpose(x, 0.0, 1)",
    "x.transpose(True, 1)", "x.transpose(np.float64(0), 1)", "x.transpose(None, 1)",
    "x.transpose(m.tensor(0.0), 1)", "x.transpose('a', 'b')", "x.transpose(0)",
    "x.transpose(dim0=0.0, dim1=1)", "m.transpose(x, dim0=0, dim1=1.0)", "x.transpose(0, 1, 2)",
    "m.swapaxes(x, 0, 1.0)", "x.swapaxes(0.0, 1)", "x.swapdims(0, 'a')", "x.transpose_(0.0, 1)",
    # flatten / unflatten
    "x.flatten(0.0)", "x.flatten(0, 1.0)", "m.flatten(x, 0.0)", "x.flatten(None)",
    "x.flatten(True)", "x.flatten(0, end_dim=1.0)", "x.unflatten(0.0, (1, 2))",
    "x.unflatten(0, (1.0, 2))", "x.unflatten(0, 2)", "m.unflatten(x, 0.0, (1, 2))",
    "m.unflatten(x, 0, 2)",
    # cat / stack
    "m.cat([x, x], 0.0)", "m.cat([x, x], dim=0.0)", "m.cat([x], 'a')", "m.cat((x, x), None)",
    "m.cat([x], 0, 1)", "m.stack([x, x], 0.0)", "m.stack([x, x], dim='a')",
    # flip / roll: tuples of ints
    "x.flip(0.0)", "x.flip((0.0,))", "m.flip(x, 0.0)", "m.flip(x, (0, 1.0))", "x.flip(0, 1.0)",
    "x.flip((0, 1, 2.0))", "x.flip((0, 'a'))", "x.flip(('a', 0))", "x.flip([0.5])",
    "x.flip(None)", "x.flip(True)", "x.flip((np.float64(0),))", "x.flip(dims=0.0)",
    "x.flip(0.0, 1)", "x.flip((0,), 1)", "x.flip(x)", "m.flip(x, 0, 1)",
    "x.roll(1, 0.0)", "x.roll(1.0, 0)", "m.roll(x, 1, 0.0)", "m.roll(x, 1.0)",
    "m.roll(x, (1,), (0, 1.0))",
    # squeeze / unsqueeze / nanmean (function forms too)
    "m.squeeze(x, 0.0)", "m.squeeze(x, 'a')", "m.unsqueeze(x, 0.0)", "m.unsqueeze(x, 'a')",
    "x.nanmean(0.0)", "x.nanmean('a')", "m.nanmean(x, 0.0)", "x.nanmean((0, 1.0))",
    # diagonal, tril, triu, select, narrow, movedim
    "x.diagonal(0.0)", "x.diagonal(0, 0.0)", "x.diagonal(0, 0, 1.0)", "m.diagonal(x, 0, 0.0)",
    "x.tril(1.0)", "x.triu(1.0)", "x.tril(None)", "x.tril(True)", "m.tril(x, 1.0)",
    "m.triu(x, diagonal=1.0)", "x.select(0, 0.0)", "x.select(0, None)", "m.select(x, 0, 1.0)",
    "x.narrow(0.0, 0, 1)", "x.narrow(0, 0.0, 1)", "x.narrow(0, 0, 1.0)", "x.narrow(0, (0, 1), 1)",
    "x.narrow(0, 0)", "x.narrow(0, 0, length=1.0)", "x.narrow(0, start=0, length=1.0)",
    "x.narrow(0, 0, foo=1)", "m.narrow(x, 0, 0.0, 1)",
    "x.movedim(0.0, 1)", "x.movedim(0, 1.0)", "x.movedim((0, 1.0), (1, 0))",
    "x.movedim((0, 1.0), 1)", "x.movedim(True, 1)", "x.movedim(0.0, destination=1)",
    "x.movedim(np.float64(0), 1)", "x.movedim((0,), [1.0])", "m.movedim(x, 0.0, 1)",
    "x.moveaxis(0, 1.0)",
    # gather, index_select, scatter, index_* (their tensors too)
    "x.gather(0, [[0]])", "x.scatter(0.0, m.zeros(1, 1, dtype=m.long), 1.0)",
    "x.scatter(0, [[0]], 1.0)", "m.scatter(x, 0.0, m.zeros(1, 1, dtype=m.long), 1.0)",
    "x.scatter_(0.0, m.zeros(1, 1, dtype=m.long), 1.0)", "m.index_select(x, 0, [0])",
    "x.index_fill_(0, m.tensor([0]), 'a')", "x.index_fill(0.0, m.tensor([0]), 1.0)",
    "x.index_copy(0, [0], x)", "x.index_add(0, m.tensor([0]), x, alpha='a')",
    "x.tril_(1.0)",
    # reshape
    "x.reshape(2.0, -1)", "x.reshape(None)", "x.reshape('a')", "x.reshape(np.float64(2), 3)",
    "x.reshape(True, 3)", "x.reshape(shape=(2.0, 3))", "x.reshape(shape=2.0)",
    "m.reshape(x, (2.0, 3))", "m.reshape(x, 2.0)", "m.reshape(x, None)",
    "m.reshape(x, shape=(2.0,))",
    # softmax / log_softmax: a dim given by name has no position
    "x.softmax(dim='a')", "m.softmax(x, dim='a')", "x.log_softmax(dim='a')",
    "m.log_softmax(x, dim=1.0)", "x.softmax('a')", "m.softmax(x, 'a')", "x.softmax(None)",
    "x.softmax(0, 'a')",
]


@pytest.mark.parametrize("call", _INT_ARGUMENT_CASES)
def test_arguments_that_must_be_ints(call: str) -> None:
    """PyTorch's argument parser: 'must be int, not float', 'must be tuple of ints', 'failed
    to unpack', 'takes 1 positional argument', or the forms that did not fit."""
    _same_error(call)


@pytest.mark.parametrize("call", [
    "x.transpose(np.int64(0), 1)", "x.transpose(m.tensor(0), 1)", "x.flip(np.int64(0), 1)",
    "x.flip((0, True))", "x.movedim(0, np.int64(1))", "x.reshape(np.int64(2), 3)",
    "m.stack([x], np.int64(1))", "x.softmax(0, m.float64)", "x.log_softmax(np.int64(0))",
    "m.nanmean(x, None)", "x.nanmean(dim=None)", "x.nanmean(axis=0)", "m.roll(x, 1)",
    "x.narrow(0, m.tensor(0), 1)", "m.cat([x, x], dim=np.int64(1))", "x.flip()",
])
def test_what_the_parser_takes(call: str) -> None:
    """What PyTorch's parser takes (NumPy ints, int tensors, a bool after an int in a list,
    None for an optional dim), the kit takes, with the same result."""
    def case(m: Any) -> Any:
        names = {"m": m, "np": numpy, "x": m.arange(6.0).reshape(2, 3)}
        return eval(call, names)  # noqa: S307

    expected = _error(lambda: case(torch))
    assert _error(lambda: case(ak)) == expected
    if expected[0] == "no error":
        assert numpy.array_equal(numpy.asarray(case(ak).tolist()), case(torch).numpy())


@pytest.mark.parametrize("setup", [_LEAF, "x = m.ones(2, 3)", "x = m.ones(2, 3) * 2"])
@pytest.mark.parametrize("call", [
    "x.set_(m.ones(2, dtype=m.float64))", "x.set_(1.0)", "x.set_([1.0])", "x.set_(None)",
    "x.set_(m.arange(6.0), 1)", "x.set_(m.arange(6.0), 1.0, (2,))", "x.set_(m.arange(6.0), 1, 2)",
    "x.set_(m.arange(6.0), 1, (2,), 1)", "x.set_(m.arange(6.0).untyped_storage(), 1)",
    "x.set_(m.arange(6.0), -1, (2,))",
])
def test_set_errors(call: str, setup: str) -> None:
    """set_'s forms (PyTorch's listing when none fits), and its dtype check, which comes
    before autograd's refusal of a leaf."""
    _same_error(call, setup)


@pytest.mark.parametrize("call", [
    "x.set_(t, 1, (2, 2), (1, 2))", "x.set_(t[2:], 0, (2,))", "x.set_(t[2:], 1, (2,))",
    "x.set_(t, size=(2,), storage_offset=1)", "x.set_(t, 0, (3,))",
    "x.set_(t.untyped_storage(), 4, (2,))",
])
def test_set_with_a_window_on_a_tensor(call: str) -> None:
    """``x.set_(t, offset, size, stride)`` reads t's memory from t's own start plus offset,
    with that shape and those strides (the kit read all of t before)."""
    def case(m: Any) -> Any:
        names = {"m": m, "t": m.arange(6.0), "x": m.ones(2)}
        out = eval(call, names)  # noqa: S307
        names["t"][3] = 30.0  # (the same memory)
        return out.tolist(), out.stride(), out.storage_offset()

    assert case(ak) == case(torch)


@pytest.mark.parametrize("call", [
    "x.logit('a')", "x.logit(eps='a')", "x.logit_('a')", "m.logit(x, 'a')",
    "x.nan_to_num(1, None, 'a')", "x.nan_to_num_('a')", "m.nan_to_num(x, 'a')",
    "x.polygamma(1.5)", "x.polygamma(True)", "x.polygamma_(1.5)", "x.tril_(1.0)",
])
@pytest.mark.parametrize("setup", [_LEAF, "x = m.ones(2, 3)"])
def test_float_and_int_arguments_of_in_place_methods(call: str, setup: str) -> None:
    """PyTorch's parser refuses the argument before autograd refuses the leaf."""
    _same_error(call, setup)


@pytest.mark.parametrize("call", [
    # split (PyTorch's Python method: split() for an int size, else split_with_sizes())
    "x.split(1.0)", "x.split(1, 0.0)", "x.split([1.0, 1])", "x.split([1, 1], 'a')",
    "x.split(None)", "x.split(True)", "m.split(x, 1.0)", "m.split(x, 1, 0.0)",
    "x.split(np.int64(1))", "x.split(split_size=1.0)", "x.split(1, dim=0.0)",
    "m.split(x, split_size_or_sections=1.0)",
    # sort / argsort / topk / cumsum: every argument's type, and the forms' listing
    "x.sort(0, 'a')", "x.sort(descending=1)", "x.sort(stable='a')", "x.sort(True)",
    "x.argsort(0, 1)", "x.argsort(stable=True, dim=0.0)", "x.topk(1, largest='a')",
    "x.topk(1, sorted=1)", "x.topk(1, 0, 1)", "x.cumsum(dim=0, dtype='a')", "x.cumsum(0, 'a')",
    # std / var: three forms
    "x.std(0, 1.5)", "x.std(0, 'a')", "x.var(dim=0, correction='a')", "x.var(0, 1)",
    # sizes given by name, and permute's function form
    "x.permute(dims=(1.0, 0))", "m.permute(x, (1.0, 0))", "m.permute(x, 1, 0)",
    "x.expand(size=(2.0, 3))", "x.repeat(repeats=(1.0,))", "x.permute(dims=2.0)",
    "x.repeat(repeats=[1, 2.0])", "x.reshape(shape=[2, 'a'])",
])
def test_more_arguments_that_must_be_ints(call: str) -> None:
    _same_error(call)


@pytest.mark.parametrize("call", [
    "x.sort(stable=None)", "x.sort(0, True)", "x.sort(stable=True)", "x.std(0, True, True)",
    "x.std(None)", "x.var(unbiased=True)", "x.var(correction=1.5)", "x.std(0, correction=True)",
    "x.var(True)", "x.std(dim=(0, 1), unbiased=False)", "x.cumsum(0, dtype=m.float64)",
    "x.split([1, 1])", "x.split(1, dim=1)", "m.split(x, [1, 1])", "x.topk(2, 1, False)",
    "x.argsort(dim=0, descending=True)", "x.var(axis=0)", "x.permute(dims=(1, 0))",
])
def test_more_calls_the_parser_takes(call: str) -> None:
    def case(m: Any) -> Any:
        names = {"m": m, "np": numpy, "x": m.tensor([[3.0, 1.0, 2.0], [0.0, 5.0, 4.0]])}
        out = eval(call, names)  # noqa: S307
        parts = out if isinstance(out, tuple) else (out,)
        return [part.tolist() for part in parts]

    assert case(ak) == case(torch)


@pytest.mark.filterwarnings("ignore:index_reduce")
@pytest.mark.parametrize("call", [
    "x.index_reduce(0, m.tensor([0]), m.ones(1, 3, dtype=m.float64), 'prod')",
    "x.index_reduce_(0, m.tensor([0]), m.ones(1, 3, dtype=m.float64), 'prod')",
    "x.index_reduce(0, m.tensor([0.0]), m.ones(1, 3), 'prod')",
    "x.index_reduce(0, m.tensor([0]), m.ones(2, 3), 'prod')",
    "x.index_reduce(0, m.tensor([5]), m.ones(1, 3), 'prod')",
    "x.index_reduce(0, m.tensor([-1]), m.ones(1, 3), 'amax')",
    "x.index_reduce(0, m.tensor([0]), m.ones(1, 4), 'prod')",
    "x.index_reduce(0, m.tensor([[0]]), m.ones(1, 3), 'prod')",
    "x.index_reduce(0, m.tensor([0]), m.tensor(1.0), 'prod')",
    "m.ones(3).index_reduce(0, m.tensor([0]), m.tensor(1.0), 'prod')",
    "x.index_reduce(5, m.tensor([0.0]), m.ones(1, 3), 'prod')",
    "x.index_reduce(5, m.tensor([0]), m.ones(2, 4), 'bad')",
    "x.index_reduce(0.0, m.tensor([0]), m.ones(1, 3), 'prod')",
    "x.index_reduce(0, m.tensor([0]), m.ones(1, 3), 1)",
    "x.bernoulli_(2.0)", "x.bernoulli_(1234567.0)", "x.bernoulli_('a')",
    "x.roll([])", "x.roll([], [])", "x.roll((), 0)", "m.roll(x, [])",
])
def test_index_reduce_bernoulli_roll_errors(call: str) -> None:
    """index_reduce checks its tensors in PyTorch's order and words; bernoulli_'s p is
    printed as C++ prints a double; roll without shifts."""
    _same_error(call)


@pytest.mark.parametrize("call", [
    "x.norm(dim=0.0)", "x.norm(2, 0.0)", "x.norm(dim='a')", "x.norm(dim=(0, 1.0))",
    "x.norm(2, (0, 1.0))", "x.norm('nuc', 0.0)", "x.norm(p=None, dim=0.0)", "m.norm(x, 2, 0.0)",
    "m.norm(x, dim=0.0)", "x.norm(2, None, 1)", "x.norm(p='fro', dim=(0, 1, 1.0))",
    "x.norm(2, [0.5])", "x.norm('fro', 0.0)",
])
def test_norm_with_a_dim_that_is_no_int(call: str) -> None:
    """PyTorch's norm is Python: such a dim reaches linalg_vector_norm's or
    linalg_matrix_norm's parser, or Python's len()."""
    _same_error(call)
