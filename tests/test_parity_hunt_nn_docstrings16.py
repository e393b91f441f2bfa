"""Parity hunt over torch.nn / optim / autograd docstring examples (helper c, session 16):
each case runs the same code with ``torch`` bound to PyTorch and to the kit, and compares
the value's repr or the error's type and message."""

import numpy as np
import pytest

torch = pytest.importorskip("torch")

import autograd_kit as ak  # noqa: E402


def _run(mod, code: str) -> str:
    ns = {"torch": mod, "nn": mod.nn, "F": mod.nn.functional, "np": np}
    mod.manual_seed(0)
    try:
        exec(code, ns)
    except Exception as e:  # noqa: BLE001
        return f"{type(e).__name__}: {e}".replace("autograd_kit", "torch")
    return repr(ns.get("r")).replace("autograd_kit", "torch")


def _same(code: str) -> None:
    assert _run(ak, code) == _run(torch, code)


NOT_TENSOR_CONV = [
    "r = F.conv1d([1, 2., 3], torch.ones(1, 1, 2), None, 1, 0, 1, 1)",
    "r = F.conv1d(np.ones(2), torch.ones(1, 1, 2), stride=1)",
    "r = F.conv2d(None, torch.ones(1, 1, 2, 2))",
    "r = nn.Conv2d(1, 1, 2)(np.ones((1, 3, 3), dtype=np.float32))",
    "r = nn.Conv3d(1, 1, 2)([[1.0]])",
    "r = nn.Conv1d(1, 1, 2, bias=False)((1.0,))",
    "r = nn.Conv1d(1, 1, 2, padding='same')([])",
    "r = nn.Conv2d(1, 1, 2)(torch.ones(1, 3, 3)).shape",
]


@pytest.mark.parametrize("code", NOT_TENSOR_CONV)
def test_conv_input_not_a_tensor(code: str) -> None:
    _same(code)
