"""Live comparison with PyTorch: leftovers found by round 28's helpers (inference_mode
entered without ``with``, gradients of the wrong shape, error listings, custom Functions)."""

import pytest
from parity_harness import assert_same

import autograd_kit as ak

torch = pytest.importorskip("torch")


def _same(code: str) -> None:
    assert_same(torch, ak, code)


@pytest.mark.parametrize("code", [
    "T.inference_mode().__enter__()",
    "g = T.inference_mode(); g.__enter__(); g.__enter__()",
    "g = T.inference_mode(); g.__enter__(); g.__enter__(); g.__exit__(None, None, None)",
    "g = T.inference_mode(); g.__enter__(); del g",
])
def test_inference_mode_entered_without_with_ends_with_its_guard(code):
    _same(f"""
try:
    {code}
    out.append((T.is_inference_mode_enabled(), T.is_grad_enabled()))
finally:
    T.set_grad_enabled(True)  # (a failing kit must not leave later tests in inference mode)
    with T.inference_mode(False):
        pass
out.append((T.is_inference_mode_enabled(), T.is_grad_enabled()))
""")


@pytest.mark.parametrize("code", [
    "T.Tensor([1.], device='meta')", "T.Tensor(2, device='meta')",
    "T.DoubleTensor([1.], device='meta')", "T.Tensor(device='meta:0')",
    "T.ones(1).new([1.], device='meta')", "T.Tensor([1.], device='cpu:0').shape",
])
def test_legacy_constructor_names_a_device_type_the_kit_cannot_make(code):
    _same(f"out.append({code})")
