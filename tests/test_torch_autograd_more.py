"""More autograd semantics compared with PyTorch's printed output (skipped without PyTorch).

Same comparison as tests/test_torch_scenarios.py: custom ``Function`` outputs that are not
tensors, and the corner cases found by probing the engine against PyTorch.
"""

# ruff: noqa: E501

from __future__ import annotations

import pytest

from tests.test_torch_scenarios import printed, spelled_alike

torch = pytest.importorskip("torch")
import autograd_kit as ak  # noqa: E402

FN = "class F(T.autograd.Function):\n    @staticmethod\n    def forward(ctx, x):\n        return {out}\n    @staticmethod\n    def backward(ctx, *gs):\n        print('backward got', len(gs), gs)\n        return gs[0] * 2\nx = T.tensor([1., 2.], requires_grad=True)\n"

SNIPPETS = [
    # ---- a custom Function may return values that are not tensors: they pass through unchanged
    FN.format(out="x * 2, 3, 's', None") + "out = F.apply(x); print(out); out[0].sum().backward(); print(x.grad)",
    FN.format(out="5") + "print(repr(F.apply(x)))",
    FN.format(out="[x * 2, x * 3]") + "r = F.apply(x); print(type(r).__name__, r)",
    FN.format(out="(x * 2, 2.5)") + "a, b = F.apply(x); print(type(b).__name__, b, a.grad_fn.name()); a.sum().backward(); print(x.grad)",
    FN.format(out="(7, x * 2)") + "a, b = F.apply(x); print(a, b.grad_fn.name()); b.sum().backward(); print(x.grad)",
    FN.format(out="(x * 2, x * 3, {'k': 1})") + "a, b, c = F.apply(x); print(c); (a + b).sum().backward(); print(x.grad)",
]


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"m{i:03d}" for i in range(len(SNIPPETS))])
def test_same_output_as_pytorch(code: str) -> None:
    expected = spelled_alike(printed(torch, code))
    assert spelled_alike(printed(ak, code)) == expected
