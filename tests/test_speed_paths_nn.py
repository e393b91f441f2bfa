"""The lean common-case paths of ``nn`` and ``optim`` (the training loop's hot path) give what
the general paths give: the same bits, the same hooks, the same errors."""

from __future__ import annotations

import numpy
import pytest

import autograd_kit as ak
from autograd_kit.optim import _fused


def _general_add_scaled_(a: numpy.ndarray, b: numpy.ndarray, alpha: float) -> None:
    """``add_scaled_`` as the general path computes it (scratch product, float64 sum)."""
    if alpha == 1:
        a[...] = a + b
    else:
        a[...] = _fused._fused(a, _fused._product(b, float(numpy.float32(alpha))))


@pytest.mark.parametrize("size", [1, 3, 1000, _fused._SMALL, 3 * _fused._SMALL + 5])
@pytest.mark.parametrize("alpha", [1.0, -1e-6, 0.9, -1 / 3, 1e-3])
def test_float32_update_has_the_general_paths_bits(size: int, alpha: float) -> None:
    rng = numpy.random.default_rng(size)
    a = (rng.standard_normal(size) * 2.0 ** rng.integers(-20, 20, size)).astype(numpy.float32)
    b = (rng.standard_normal(size) * 2.0 ** rng.integers(-20, 20, size)).astype(numpy.float32)
    want, got = a.copy(), a.copy()
    _general_add_scaled_(want, b, alpha)
    _fused.add_scaled_(got, b, alpha)
    assert numpy.array_equal(want.view(numpy.int32), got.view(numpy.int32))


def test_float32_update_of_overlapping_arrays() -> None:
    a = numpy.arange(8, dtype=numpy.float32)
    want = a.copy()
    want[1:] = want[1:] + 0.5 * want[:-1]
    _fused.add_scaled_(a[1:], a[:-1], 0.5)
    assert a.tolist() == want.tolist()


def _model_and_optimizer() -> tuple[ak.nn.Module, ak.optim.SGD]:
    ak.manual_seed(0)
    model = ak.nn.Sequential(ak.nn.Linear(2, 1), ak.nn.Sigmoid())
    return model, ak.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)


def _train_step(model: ak.nn.Module, opt: ak.optim.SGD) -> None:
    x = ak.tensor([[0.5, -1.0], [2.0, 0.25]])
    loss = ak.nn.BCELoss()(model(x), ak.tensor([[0.0], [1.0]]))
    loss.backward()
    opt.step()
    opt.zero_grad()


def test_step_hooks_registered_after_hookless_steps_run() -> None:
    model, opt = _model_and_optimizer()
    _train_step(model, opt)  # (the path without hooks)
    calls: list[str] = []
    opt.register_step_pre_hook(lambda *args: calls.append("pre"))
    handle = ak.optim.optimizer.register_optimizer_step_post_hook(
        lambda *args: calls.append("global post"))
    try:
        _train_step(model, opt)
    finally:
        handle.remove()
    assert calls == ["pre", "global post"]


def test_loaded_momentum_of_another_shape_still_fails() -> None:
    model, opt = _model_and_optimizer()
    _train_step(model, opt)
    state = opt.state_dict()
    state["state"][0]["momentum_buffer"] = ak.zeros(3)
    opt.load_state_dict(state)
    with pytest.raises(RuntimeError, match="must match the size"):
        _train_step(model, opt)


def test_loss_size_checks_keep_their_messages() -> None:
    p = ak.tensor([0.25, 0.5])
    with pytest.raises(AttributeError, match="'list' object has no attribute 'size'"):
        ak.nn.functional.binary_cross_entropy(p, [0.0, 1.0])
    with pytest.raises(ValueError, match="different to the input size"):
        ak.nn.functional.binary_cross_entropy(p, ak.tensor([0.0, 1.0, 1.0]))
    with pytest.warns(UserWarning, match="different to the input size"):
        ak.nn.functional.mse_loss(p, ak.tensor([[0.0], [1.0]]))


def test_linear_bias_of_the_wrong_size() -> None:
    with pytest.raises(RuntimeError, match=r"The expanded size of the tensor \(3\) must match "
                                           r"the existing size \(2\)"):
        ak.nn.functional.linear(ak.ones(4, 5), ak.ones(3, 5), ak.ones(2))
