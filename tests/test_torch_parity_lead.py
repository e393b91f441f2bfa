"""The kit against PyTorch on snippets from the lead's fixes (skipped without PyTorch)."""

from __future__ import annotations

import pytest

from tests.test_torch_scenarios import assert_same_as_pytorch

torch = pytest.importorskip("torch")

SNIPPETS = [
    # a device never equals a string
    "print(T.device('cpu') == 'cpu', 'cpu' == T.device('cpu'), T.device('cpu') == T.device('cpu'))",
    "x = T.ones(2)\nprint(x.device == T.device('cpu'), x.device != 'cpu', str(x.device) == 'cpu')",
    # the older svd/qr name their results apart from linalg's
    "x = T.tensor([[3., 1.], [1., 3.]])\nr = T.svd(x)\nprint(type(r).__name__, r.S, r.V.abs())\n"
    "print(type(T.linalg.svd(x)).__name__, type(T.qr(x)).__name__, type(T.linalg.qr(x)).__name__)",
    "x = T.tensor([[3., 1.], [1., 3.]])\nprint(x.svd(compute_uv=False))",
    "x = T.tensor([[3., 1.], [1., 3.]])\nprint(isinstance(T.svd(x), T.return_types.svd), "
    "isinstance(T.qr(x), T.return_types.qr))",
    # views of inference tensors have no _base
    "with T.inference_mode():\n    a = T.ones(4)\n    v = a[1:]\n    w = v.view(3)\n"
    "print(v._base is None, w._base is None, v._is_view(), v.is_inference())",
    "with T.inference_mode():\n    a = T.ones(4)\nv = a[1:]\n"
    "print(v._base is None, v.is_inference())",
    "a = T.ones(4)\nwith T.inference_mode():\n    v = a[1:]\nprint(v._base is a, v.is_inference())",
]


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"l{i:03d}" for i in range(len(SNIPPETS))])
def test_same_as_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)
