"""The kit follows the vector width PyTorch dispatches to on this machine (cpu_capability.py):
its detection, the ATEN_CPU_CAPABILITY override, and PyTorch's own report."""

from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest

import autograd_kit as ak
from autograd_kit import cpu_capability
from autograd_kit.ops import sleef_float32, softmax_float32


def _lanes_under(setting: str) -> str:
    code = ("from autograd_kit.ops import sleef_float32 as s, softmax_float32 as m; "
            "import autograd_kit as ak; "
            "from autograd_kit.ops import signed_zero_ties as z; "
            "print(ak.backends.cpu.get_cpu_capability(), m.LANES, s.VECTOR_BLOCK, z.BLOCK_BYTES)")
    env = {**os.environ, "ATEN_CPU_CAPABILITY": setting}
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, check=True).stdout.split()


# (maximum/minimum have no AVX-512 build: their vector loop takes 64 bytes under all three)
@pytest.mark.parametrize("setting, expected", [("avx512", ["AVX512", "16", "32", "64"]),
                                               ("AVX2", ["AVX2", "8", "16", "64"]),
                                               ("default", ["DEFAULT", "8", "16", "64"])])
def test_the_environment_variable_chooses_as_for_pytorch(setting: str,
                                                         expected: list[str]) -> None:
    assert _lanes_under(setting) == expected


def test_the_widths_follow_the_capability() -> None:
    lanes = 16 if cpu_capability.capability() == "AVX512" else 8
    assert softmax_float32.LANES == cpu_capability.FLOAT_LANES == lanes
    assert sleef_float32.VECTOR_BLOCK == 2 * lanes
    assert ak.backends.cpu.get_cpu_capability() == cpu_capability.capability()


def test_the_capability_is_the_one_pytorch_reports() -> None:
    torch = pytest.importorskip("torch")
    assert cpu_capability.capability() == torch.backends.cpu.get_cpu_capability()


@pytest.mark.parametrize("n", [10, 20, 40, 70])
def test_softmax_and_sigmoid_bits_as_pytorch_on_this_machine(n: int) -> None:
    """Rows and tensors whose lengths leave a partial vector (or block) where the 8- and the
    16-float kernels split them differently."""
    torch = pytest.importorskip("torch")
    x = np.random.default_rng(n).standard_normal((3, n)).astype(np.float32) * 4
    for name in ("softmax", "log_softmax"):
        a, b = ak.tensor(x, requires_grad=True), torch.tensor(x, requires_grad=True)
        kit, ref = getattr(ak, name)(a, -1), getattr(torch, name)(b, -1)
        assert kit.detach().numpy().tobytes() == ref.detach().numpy().tobytes()
        (kit * ak.arange(float(n))).sum().backward()
        (ref * torch.arange(float(n))).sum().backward()
        assert a.grad.numpy().tobytes() == b.grad.numpy().tobytes()
    kit, ref = ak.sigmoid(ak.tensor(x)), torch.sigmoid(torch.tensor(x))
    assert kit.numpy().tobytes() == ref.numpy().tobytes()
