"""Live comparison with PyTorch: the grad-mode switches (no_grad, enable_grad,
set_grad_enabled, inference_mode), detach, .data and freezing."""

import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")


@pytest.fixture(autouse=True)
def _restore_modes():
    yield
    torch.set_grad_enabled(True)
    ak.set_grad_enabled(True)


@pytest.mark.parametrize("mode", [True, False])
def test_set_grad_enabled_clone_keeps_mode_and_sets_it(mode):
    for lib in (torch, ak):
        lib.set_grad_enabled(True)
    results = []
    for lib in (torch, ak):
        copy = lib.set_grad_enabled(mode).clone()
        results.append((type(copy).__name__, copy.mode, lib.is_grad_enabled()))
        lib.set_grad_enabled(True)
    assert results[0] == results[1]


@pytest.mark.parametrize("mode", [True, False])
def test_inference_mode_keeps_mode_attribute(mode):
    results = []
    for lib in (torch, ak):
        made = lib.inference_mode(mode)
        copy = made.clone()
        results.append((made.mode, copy.mode, type(copy).__name__))
    assert results[0] == results[1]


def test_set_grad_enabled_made_earlier_sets_its_mode_when_entered():
    results = []
    for lib in (torch, ak):
        switch = lib.set_grad_enabled(False)
        lib.set_grad_enabled(True)
        with switch:
            inside = lib.is_grad_enabled()
        results.append((inside, lib.is_grad_enabled()))
    assert results[0] == results[1]


def test_inference_mode_none_is_decorated_not_a_mode():
    results = []
    for lib in (torch, ak):
        made = lib.inference_mode(None)
        results.append(isinstance(made, lib.inference_mode))
    assert results[0] == results[1]
