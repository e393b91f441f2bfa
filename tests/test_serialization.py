"""ak.save / ak.load: tensors, state_dicts (modules and optimizers), devices, weights_only.

Round-trips are checked by value; the PyTorch cross-checks (skipped without torch) compare
what a loaded tensor keeps (requires_grad, leaf-ness, no grad) for the same objects.
"""

from __future__ import annotations

import collections
import io
import pickle
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import autograd_kit as ak
from autograd_kit import nn


def round_trip(obj: Any, **load_args: Any) -> Any:
    buffer = io.BytesIO()
    ak.save(obj, buffer)
    buffer.seek(0)
    return ak.load(buffer, **load_args)


def test_tensor_round_trip_keeps_values_dtype_requires_grad(device: str) -> None:
    for t in [ak.tensor([1.5, -2.0], device=device), ak.tensor([[1, 2]], device=device),
              ak.tensor(True, device=device), ak.zeros(0, 3, device=device),
              ak.tensor([1.0, 2.0], dtype=ak.float64, device=device, requires_grad=True)]:
        back = round_trip(t)
        assert back.dtype == t.dtype and back.shape == t.shape and back.device == t.device
        assert back.requires_grad == t.requires_grad and back.is_leaf
        assert np.array_equal(back.detach().cpu().numpy(), t.detach().cpu().numpy())


def test_loaded_tensor_does_not_share_memory() -> None:
    t = ak.tensor([1.0, 2.0])
    back = round_trip(t)
    back.add_(1)
    assert t.tolist() == [1.0, 2.0] and back.tolist() == [2.0, 3.0]


def test_non_leaf_saves_as_leaf_without_grad() -> None:
    w = ak.tensor([1.0, 2.0], requires_grad=True)
    y = w * 2
    y.sum().backward()
    back_y, back_w = round_trip([y, w])
    assert back_y.is_leaf and back_y.requires_grad and back_y.grad_fn is None
    assert back_y.tolist() == [2.0, 4.0]
    assert back_w.grad is None  # .grad is not saved, as in PyTorch


def test_non_contiguous_tensor() -> None:
    t = ak.arange(6.0).reshape(2, 3).t()
    assert round_trip(t).tolist() == [[0.0, 3.0], [1.0, 4.0], [2.0, 5.0]]


def test_same_tensor_twice_stays_one_object() -> None:
    t = ak.ones(2)
    a, b = round_trip([t, t])
    assert a is b


def test_parameter_stays_parameter() -> None:
    p = nn.Parameter(ak.tensor([1.0, 2.0]))
    back = round_trip(p)
    assert isinstance(back, nn.Parameter) and back.requires_grad and back.tolist() == [1.0, 2.0]
    frozen = round_trip(nn.Parameter(ak.ones(1), requires_grad=False))
    assert isinstance(frozen, nn.Parameter) and not frozen.requires_grad


def test_model_state_dict_round_trip(tmp_path: Path) -> None:
    ak.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
    path = tmp_path / "model.pt"
    ak.save(model.state_dict(), path)
    ak.manual_seed(1)
    fresh = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
    loaded = ak.load(path)
    assert isinstance(loaded, collections.OrderedDict)
    assert list(loaded) == ["0.weight", "0.bias", "2.weight", "2.bias"]
    assert repr(fresh.load_state_dict(loaded)) == "<All keys matched successfully>"
    x = ak.tensor([[1.0, -1.0]])
    assert fresh(x).item() == model(x).item()
    ak.save(model.state_dict(), str(path))  # a str path works too
    assert ak.load(str(path))["0.bias"].tolist() == model[0].bias.tolist()


def test_optimizer_state_dict_round_trip() -> None:
    ak.manual_seed(0)
    model = nn.Linear(2, 1)
    opt = ak.optim.Adam(model.parameters(), lr=0.01)
    model(ak.ones(1, 2)).sum().backward()
    opt.step()
    state = round_trip(opt.state_dict())
    assert state["param_groups"][0]["betas"] == (0.9, 0.999)
    assert state["state"][0]["exp_avg"].tolist() == opt.state_dict()["state"][0]["exp_avg"].tolist()
    other = ak.optim.Adam(model.parameters(), lr=0.5)
    other.load_state_dict(state)
    assert other.param_groups[0]["lr"] == 0.01


def test_other_plain_values() -> None:
    obj = {"epoch": 3, "loss": 0.25, "name": "run", "none": None, "tags": {1, 2},
           "dtype": ak.float64, "bool": ak.bool, "shape": ak.Size([2, 3]),
           "device": ak.device("cpu"), "pair": (1, 2.0), "complex": 1 + 2j, "raw": b"x"}
    assert round_trip(obj) == obj


def test_gpu_tensor_and_map_location(device: str) -> None:
    t = ak.tensor([1.0, 2.0], device=device, requires_grad=True)
    back = round_trip(t, map_location="cpu")
    assert back.device == ak.device("cpu") and back.requires_grad and back.tolist() == [1.0, 2.0]
    on_device = round_trip(ak.tensor([3.0]), map_location=device)
    assert on_device.device.type == device


def test_weights_only_refuses_other_objects() -> None:
    buffer = io.BytesIO()
    ak.save({"model": Custom()}, buffer)
    buffer.seek(0)
    with pytest.raises(pickle.UnpicklingError) as info:
        ak.load(buffer)
    message = str(info.value)
    assert message.startswith("Weights only load failed.")
    assert f"Unsupported global: GLOBAL {__name__}.Custom was not an allowed global" in message
    buffer.seek(0)
    assert isinstance(ak.load(buffer, weights_only=False)["model"], Custom)
    buffer.seek(0)
    with ak.serialization.safe_globals([Custom]):
        assert isinstance(ak.load(buffer)["model"], Custom)
    assert Custom not in ak.serialization.get_safe_globals()


class Custom:
    """A class a weights-only load does not know."""


def test_whole_module_needs_weights_only_false() -> None:
    model = nn.Linear(2, 1)
    buffer = io.BytesIO()
    ak.save(model, buffer)
    buffer.seek(0)
    with pytest.raises(pickle.UnpicklingError, match="Weights only load failed"):
        ak.load(buffer)
    buffer.seek(0)
    back = ak.load(buffer, weights_only=False)
    assert isinstance(back, nn.Linear) and back.weight.tolist() == model.weight.tolist()


def test_missing_file() -> None:
    with pytest.raises(FileNotFoundError):
        ak.load("/nonexistent/dir/model.pt")


# ---- PyTorch cross-checks ------------------------------------------------------------------
def _summary(t: Any) -> tuple[Any, ...]:
    return (t.tolist(), t.requires_grad, t.is_leaf, t.grad, type(t).__name__)


def test_what_a_loaded_tensor_keeps_matches_torch() -> None:
    torch = pytest.importorskip("torch")

    def objects(lib: Any) -> list[Any]:
        w = lib.tensor([1.0, 2.0], requires_grad=True)
        y = w * 3
        y.sum().backward()
        return [w, y, w.detach(), lib.nn.Parameter(lib.ones(2)),
                lib.nn.Parameter(lib.ones(1), requires_grad=False), lib.tensor([1, 2])]

    def torch_round_trip(obj: Any) -> Any:
        buffer = io.BytesIO()
        torch.save(obj, buffer)
        buffer.seek(0)
        return torch.load(buffer)

    ours = [_summary(t) for t in round_trip(objects(ak))]
    theirs = [_summary(t) for t in torch_round_trip(objects(torch))]
    assert ours == theirs


def test_state_dict_keys_match_torch() -> None:
    torch = pytest.importorskip("torch")
    ours = round_trip(nn.Sequential(nn.Linear(2, 2), nn.Tanh(), nn.Linear(2, 1)).state_dict())
    buffer = io.BytesIO()
    torch.save(torch.nn.Sequential(torch.nn.Linear(2, 2), torch.nn.Tanh(),
                                   torch.nn.Linear(2, 1)).state_dict(), buffer)
    buffer.seek(0)
    theirs = torch.load(buffer)
    assert type(ours).__name__ == type(theirs).__name__
    assert [(k, tuple(v.shape), v.requires_grad) for k, v in ours.items()] == [
        (k, tuple(v.shape), v.requires_grad) for k, v in theirs.items()]
