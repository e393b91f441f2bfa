"""Argument and creation corners (round 26, helper nn), compared with PyTorch live."""

from __future__ import annotations

import numpy as np
import pytest

torch = pytest.importorskip("torch")

import autograd_kit as ak  # noqa: E402
from tests.parity_harness import same_built  # noqa: E402


@pytest.mark.parametrize("call", [
    lambda T: T.ones(2).requires_grad_(requires_grad="a"),
    lambda T: T.ones(2).requires_grad_("a"),
    lambda T: T.ones(2).requires_grad_(np.bool_(True)),
    lambda T: T.ones(2).requires_grad_(None),
    lambda T: T.ones(2).requires_grad_(True, False),
    lambda T: T.ones(2).requires_grad_(requires_grad=False).requires_grad,
    lambda T: T.ones(2).isclose(T.ones(2), rtol="a"),
    lambda T: T.ones(2).isclose(T.ones(2), atol=None),
    lambda T: T.ones(2).isclose(T.ones(2), 1j),
    lambda T: T.ones(2).isclose(T.ones(2), equal_nan=1),
    lambda T: T.isclose(T.ones(2), T.ones(2), 1e-5, "a").tolist(),
    lambda T: T.ones(2).isclose(T.ones(2), rtol=True).tolist(),
    lambda T: T.allclose(T.ones(2), T.ones(2), "a"),
    lambda T: T.ones(2).allclose(T.ones(2), equal_nan=1),
    lambda T: T.ones(2).numpy(force=1),
    lambda T: T.ones(2).numpy(force=None),
    lambda T: T.ones(2).numpy(force=np.bool_(True)),
    lambda T: T.ones(2).numpy(1),
    lambda T: T.ones(2).numpy(force=True).tolist(),
    lambda T: T.ones(2).sort(descending=np.bool_(True)),
    lambda T: T.ones(2).topk(1, largest=np.bool_(True)),
])
def test_bool_and_float_arguments_are_parsed_as_pytorch_does(call):
    same_built(call, torch, ak)


@pytest.mark.parametrize("call", [
    lambda T: T.where(T.ones(2) > 0, T.ones(2), 1, out=T.empty(0)),
    lambda T: T.where(T.ones(2) > 0, 1, T.ones(2), out=T.empty(0)),
    lambda T: T.where(T.ones(2) > 0, T.ones(2), [1], out=T.empty(0)),
    lambda T: T.where(T.ones(2) > 0, input=T.ones(2), other=1, out=T.empty(0)),
    lambda T: T.where(T.ones(2) > 0, T.ones(2), T.zeros(2), out=T.empty(0)).tolist(),
    lambda T: T.lerp(T.ones(2), T.ones(2), "a", out=T.empty(0)),
    lambda T: T.lerp(T.ones(2), T.zeros(2), 0.5, out=T.empty(0)).tolist(),
])
def test_where_with_out_takes_tensors_only(call):
    same_built(call, torch, ak)


@pytest.mark.parametrize("call", [
    lambda T: T.ones(2, 3).unflatten(1, T.tensor([3, 1])),
    lambda T: T.ones(2, 3).unflatten(1, T.tensor([])),
    lambda T: T.ones(2, 3).unflatten(1, None),
    lambda T: T.ones(2, 3).unflatten(1, 0),
    lambda T: T.ones(2, 3).unflatten(1, T.tensor([3])),
    lambda T: T.ones(2, 3).unflatten(dim=0.5, sizes=(2,)),
    lambda T: list(T.ones(2, 3).unflatten(dim=-1, sizes=[-1, 1]).shape),
])
def test_unflatten_method_reads_its_sizes_as_pytorchs_python_does(call):
    same_built(call, torch, ak)


@pytest.mark.filterwarnings("ignore:Using a non-tuple sequence")
@pytest.mark.parametrize("key", [[{0}], [[{0}]], [0, {0}], [[0, "a"]], [object()]])
def test_a_list_index_holding_no_numbers_is_refused_as_tensor_data(key):
    same_built(lambda T: T.ones(3)[key], torch, ak)


@pytest.mark.parametrize("data", [np.str_("a"), np.bytes_(b"a"), b"a", "a"])
def test_a_string_as_tensor_data_is_named_with_its_module(data):
    same_built(lambda T: T.tensor(data), torch, ak)
