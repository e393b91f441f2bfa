"""More autograd semantics compared with PyTorch's printed output (skipped without PyTorch).

Same comparison as tests/test_torch_scenarios.py: custom ``Function`` outputs that are not
tensors, memory layout, and the corner cases found by probing the engine against PyTorch.
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
    # ---- memory layout (stride, storage_offset, nbytes), Size arithmetic, format, new_empty, vjp without v
    'x = T.arange(12.).reshape(3, 4); print(x.stride(), x.stride(1), x.stride(-1), x.t().stride(), x[1:, 2:].storage_offset(), x[:, 1].stride(), x.expand(2, 3, 4).stride(), x.unsqueeze(0).stride(), x.unsqueeze(2).stride())',
    'x = T.arange(12.).reshape(3, 4); print(x.nbytes, x.itemsize, x.new_empty(2).shape, x.new_empty((2, 3), dtype=T.int64).dtype, x.new_empty(2, requires_grad=True).requires_grad)',
    'x = T.arange(12.).reshape(3, 4); x.stride(2)',
    'print(T.tensor(1.).stride(), T.tensor(1.).storage_offset()); T.tensor(1.).stride(0)',
    'x = T.tensor([[1., 2.], [3., 4.]]); print(x.shape == (2, 2), x.shape == [2, 2], type(x.shape).__name__, x.shape + (1,), (1,) + x.shape, x.shape[1:], tuple(x.shape), x.shape * 2, x.shape[0])',
    'x = T.arange(6.).view(2, 3); y = x[:, 1:]; print(y.storage_offset(), y.is_contiguous(), y.stride(), x.T.contiguous().stride(), x[1].storage_offset(), x[1, 2].storage_offset())',
    'x = T.zeros(2, 1, 3); print(x.stride(), x.permute(2, 0, 1).stride(), x.transpose(0, 2).stride(), x.view(6).stride(), x.squeeze().stride(), T.zeros(0, 3).stride(), T.zeros(3, 0).stride())',
    'x = T.ones(3, 4); print(x.expand(2, 3, 4).is_contiguous(), x[::2].stride(), x[:, ::2].stride(), x[::2].storage_offset())',
    'x = T.tensor([1., 2., 3.]); print(f"{x:.2f}")',
    'x = T.tensor([1., 2., 3.]); print(f"{x}", f"{T.tensor(2.5):.2f}", format(T.tensor(1.), ".3f"))',
    'x = T.tensor([1., 2., 3.]); print(x.dtype, x.is_floating_point(), x.element_size(), x.nbytes, x.itemsize)',
    'x = T.tensor([1., 2., 3.]); print(x.is_contiguous(), x.stride(), x.storage_offset(), x[1:].storage_offset(), T.ones(2, 3).t().stride(), T.ones(2, 3).t().is_contiguous())',
    'x = T.tensor([1., 2., 3.]); print(x.new_zeros(2), x.new_ones((1, 2)), x.new_full((2,), 7.), x.new_tensor([1, 2]), x.new_empty(2).shape)',
    'f = lambda x: x ** 2; x = T.tensor([1., 2.]); T.autograd.functional.vjp(f, x)',
    'f = lambda x: (x ** 2).sum(); x = T.tensor([1., 2.]); print(T.autograd.functional.vjp(f, x))',
]


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"m{i:03d}" for i in range(len(SNIPPETS))])
def test_same_output_as_pytorch(code: str) -> None:
    expected = spelled_alike(printed(torch, code))
    assert spelled_alike(printed(ak, code)) == expected
