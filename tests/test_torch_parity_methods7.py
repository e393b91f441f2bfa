# ruff: noqa: E501  (snippets are kept on one line each, as they were probed)
"""The kit against PyTorch on Tensor methods, their arguments and the creation functions'
argument checks (round 7; skipped without PyTorch)."""

from __future__ import annotations

import pytest

from tests.test_torch_scenarios import assert_same_as_pytorch

torch = pytest.importorskip("torch")

_BAD_DTYPE_CALLS = ["T.arange(3, dtype='int64')", "T.arange(0, 3, dtype='int64')", "T.arange(0, 3, 1, dtype='int64')",
                    "T.arange(3., dtype='int64')", "T.arange(T.tensor(3), dtype='int64')", "T.randn(2, dtype='float64')",
                    "T.randn(2, 3, dtype='float64')", "T.randn((2, 3), dtype='float64')", "T.rand([2, 3], dtype='float32')",
                    "T.eye(2, dtype='float32')", "T.eye(2, 3, dtype='float32')", "T.linspace(0, 1, 3, dtype='float32')",
                    "T.linspace(T.tensor(0.), 1., 3, dtype='float32')", "T.logspace(0., 1., 3, dtype='float32')",
                    "T.logspace(0., 1., 3, 2., dtype='float32')", "T.randint(0, 3, (2,), dtype='int64')",
                    "T.randint(3, (2,), dtype='int64')", "T.randperm(3, dtype='int64')", "T.normal(0., 1., (2,), dtype='float64')",
                    "T.normal(T.zeros(2), 1., dtype=T.float64)", "T.normal(T.zeros(2), T.ones(2), dtype='float64')",
                    "T.randn(2, dtype=np.float64)", "T.arange(3, dtype=np.int64)", "T.randn(size=(2,), dtype='float64')",
                    "T.arange(end=3, dtype='int64')", "T.zeros(2, dtype='float32')", "T.tensor([1], dtype='float32')"]

SNIPPETS = [
    # creation functions with several signatures refuse a dtype that is not a dtype
    "import numpy as np\n"
    f"for s in {_BAD_DTYPE_CALLS!r}:\n"
    "    try: print(s, eval(s))\n"
    "    except Exception as e: print(s, '-> EXC', type(e).__name__, e)\n",
    "T.manual_seed(0)\nprint(T.randperm(4, dtype=T.int32), T.randint(0, 5, (3,), dtype=T.int32), T.eye(2, dtype=T.int64), T.arange(0, 3, 1, dtype=T.float64))\nprint(T.eye(2, dtype=int), T.rand(2, dtype=float), T.normal(0., 1., (2,), dtype=T.float64), T.arange(end=3))",
    "T.manual_seed(0)\nprint(T.randn(size=(2,)), T.rand(size=[2]), T.randn(2, dtype=None))",
]


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"methods7_{i:03d}" for i in range(len(SNIPPETS))])
def test_same_as_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)
