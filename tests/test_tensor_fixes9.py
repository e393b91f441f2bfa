"""Kit-only checks of tensor creation, conversion and printing fixes (round 9), each asserting
what PyTorch was observed to do."""

from __future__ import annotations

import warnings

import pytest

import autograd_kit as ak

_COPY_ADVICE = ("To copy construct from a tensor, it is recommended to use sourceTensor.detach()"
                ".clone() or sourceTensor.detach().clone().requires_grad_(True), rather than ")


def _warnings_of(action: object) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        action()  # type: ignore[operator]
    return [str(w.message) for w in caught]


def test_new_tensor_of_a_tensor_warns_naming_new_tensor() -> None:
    x = ak.tensor([1.0, 2.0])
    new = _COPY_ADVICE + "tensor.new_tensor(sourceTensor)."
    assert _warnings_of(lambda: x.new_tensor(x)) == [new]
    plain = _COPY_ADVICE + "autograd_kit.tensor(sourceTensor)."
    assert _warnings_of(lambda: ak.tensor(x)) == [plain]


def test_new_tensor_of_a_tensor_takes_self_dtype_unless_told() -> None:
    x = ak.tensor([1.0, 2.0])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert x.new_tensor(ak.tensor([1, 2])).dtype == ak.float32
        assert x.new_tensor(ak.tensor([1, 2]), dtype=ak.int32).dtype == ak.int32
        copy = x.new_tensor(ak.tensor([1.0], requires_grad=True))
    assert not copy.requires_grad and copy.is_leaf


@pytest.mark.parametrize("name", ["torch.Foo", "torch.float32", "torch.LongTensor "])
def test_type_with_a_name_that_is_no_tensor_type_is_a_value_error(name: str) -> None:
    with pytest.raises(ValueError, match=f"^invalid type: '{name}'$"):
        ak.tensor([1.0]).type(name)


def test_normal_of_zero_dim_tensors_is_a_zero_dim_tensor() -> None:
    ak.manual_seed(0)
    value = ak.normal(ak.tensor(0.0), ak.tensor(1.0))
    assert value.shape == () and value.dtype == ak.float32
    assert f"{value.item():.4f}" == "1.5410"  # PyTorch's first draw after manual_seed(0)
    assert ak.normal(ak.tensor(2.0, dtype=ak.float64), 0.5).dtype == ak.float64
