"""The kit on 'cuda' against what PyTorch printed on a real GPU (no PyTorch or GPU needed).

``torch_cuda_recorded.json`` holds device scenarios (moving tensors and modules, mixing
devices, gradients across devices, optimizers, default device) and the output PyTorch gave
for each on an NVIDIA H100, with ``torch.`` spelled ``autograd_kit.``. Here each runs with
``T = autograd_kit`` on the real GPU when CuPy sees one, else on the CuPy stand-in, and must
print the same.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REAL_CUDA

import autograd_kit as ak

RECORDED = json.loads((Path(__file__).parent / "torch_cuda_recorded.json").read_text())
SCENARIOS = RECORDED["scenarios"]


@pytest.fixture
def cuda(request: pytest.FixtureRequest) -> Iterator[None]:
    if not REAL_CUDA:
        request.getfixturevalue("cuda_standin")
    yield
    ak.set_default_device(None)


def printed(code: str) -> str:
    """What ``code`` prints with ``T = autograd_kit`` (an exception's type and message too)."""
    ak.manual_seed(0)
    buffer = io.StringIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            with contextlib.redirect_stdout(buffer):
                exec(code, {"T": ak})
        except Exception as error:  # the error is part of the behaviour compared
            buffer.write(f"EXC {type(error).__name__}: {error}\n")
    return re.sub(r"0x[0-9a-f]+", "ADDR", buffer.getvalue())


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[f"g{i:03d}" for i in range(len(SCENARIOS))])
def test_same_output_as_pytorch_on_a_gpu(cuda: None, scenario: dict[str, str]) -> None:
    assert printed(scenario["code"]) == scenario["pytorch"]


def test_the_recording_is_there_and_can_fail(cuda: None) -> None:
    assert len(SCENARIOS) > 100 and "on one NVIDIA H100" in RECORDED["recorded_with"]
    assert printed("print(T.ones(1, device='cuda'))") != "tensor([1.])\n"
