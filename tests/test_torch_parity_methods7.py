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
    # varargs methods take their one argument by name; other methods use PyTorch's names
    "x = T.arange(6.).view(2, 3)\nprint(x.view(size=(3, 2)), x.view(size=[-1]), x.reshape(shape=(3, 2)), x.reshape(shape=[-1]), x.permute(dims=(1, 0)))\nprint(x.expand(size=(2, 2, 3)).shape, x.repeat(repeats=(1, 2)), x.flip(dims=(0,)), x.flip(dims=[0, 1]), x.tile(dims=(2,)))\nprint(x.pow(exponent=2), x.mm(mat2=x.t()), x[0].dot(tensor=x[1]), x[0].outer(vec2=T.ones(2)), x.mv(vec=T.ones(3)), x[None].bmm(mat2=x.t()[None]))\nprint(x.clone().pow_(exponent=2), x[0].ger(vec2=T.ones(2)))",
    "x = T.arange(6.).view(2, 3)\nfor s in ['x.view((3, 2), size=(3, 2))', 'x.reshape(2, 3, shape=(3, 2))', 'x.permute(1, 0, dims=(1, 0))', 'x.expand(2, 3, size=(2, 3))', 'x.flip(0, dims=(0,))', 'x.repeat(1, 2, repeats=(1, 2))', 'x.tile(2, dims=(2,))']:\n    try: print(s, eval(s))\n    except Exception as e: print(s, type(e).__name__, e)",
    "x = T.arange(6.).view(2, 3)\nprint(x.copy_(other=T.ones(3)), x.copy_(T.zeros(3), True), x.copy_(T.ones(3), non_blocking=True), x._version)\nprint(x.float(memory_format=T.preserve_format), x.double(memory_format=T.contiguous_format), x.cpu(memory_format=T.preserve_format), x.long(memory_format=T.preserve_format))",
    # to(): a Python float or bool in first place reads as its type; the second place is the dtype's
    "x = T.arange(6.).view(2, 3)\nfor a in [(True,), (False,), (2.5,), (3.5,), (True, True), ('cpu', True), ('cpu', 2.5), (None, 2.5), ('cpu', None, True), ('cpu', T.float64, False, True), (T.float64, True, True)]:\n    try: r = x.to(*a); print(a, r.dtype, r is x)\n    except Exception as e: print(a, type(e).__name__, e)\nfor k in [dict(dtype=2.5), dict(dtype=True)]:\n    try: r = x.to(**k); print(k, r.dtype)\n    except Exception as e: print(k, type(e).__name__, e)\nprint(x.to(2.5, copy=True) is x, x.double().to(1.5) is x)",
    # map2_ and the operand checks of map_/map2_
    "x = T.arange(6.).view(2, 3)\nprint(x.map2_(T.ones(3), T.ones(3), lambda a, b, c: a + b + c))\nfor s in ['x.map2_(T.ones(3), T.ones(2), lambda a, b, c: a + b)', 'x.map2_(T.ones(3), [1.], lambda a, b, c: a + b)', 'x.map2_([1.], T.ones(3), lambda a, b, c: a + b)', 'x.int().map2_(T.ones(3), T.ones(3), lambda a, b, c: a + b)', 'x.map2_(T.ones(3), T.ones(3).int(), lambda a, b, c: a + b)', 'x.map_(T.ones(3, 3), lambda a, b: a + b)', 'x.int().map_(T.ones(3), lambda a, b: a + b)', 'x.map_([1.], lambda a, b: a + b)', 'x.map_(T.tensor(2.), lambda a, b: a * b)', 'x.map2_(T.ones(2, 1), T.tensor([1., 2., 3.]), lambda a, b, c: a * b + c)', 'x.map_(T.ones(3, requires_grad=True), lambda a, b: a + b)', 'x.map2_(T.ones(3), T.ones(3, requires_grad=True), lambda a, b, c: a)']:\n    try: print(s, eval(s))\n    except Exception as e: print(s, type(e).__name__, e)",
    # wrong-type arguments of Tensor methods: PyTorch's TypeErrors
    "import numpy as np\nx = T.arange(6.).view(2, 3)\nprint(x.eq(np.float64(1.)), x.pow(T.tensor(2)), x.masked_fill(x > 2, T.tensor(1.)), x.where(x > 2, np.float32(1)), x.lerp(T.ones(3), T.tensor(0.5)))\nprint(x.add(1, alpha=T.tensor(2)), x.sub(T.ones(3), alpha=np.int64(2)), x.add(True, alpha=True), x.clamp_min(T.tensor(1.)), x.fmod(np.int64(2)), x.remainder(T.tensor([2.])))\nprint(x.eq(1j), x.pow(0.5), x.type_as(T.tensor([1])), x.view_as(T.ones(3, 2)).shape, x.type('torch.DoubleTensor').dtype)",
    'x = T.arange(6.).view(2, 3)\nfor s in [\'x.eq([1., 2.])\', \'x.ne((1, 2))\', \'x.lt(None)\', \'x.pow([2])\', \'x.pow("a")\', \'x.fmod([1])\', \'x.remainder("a")\', \'x.clamp_max("a")\', \'x.clamp_min([1.])\', \'x.where(x > 1, [0.])\', \'x.where([True], 0.)\', \'x.masked_fill(x > 1, [0.])\', \'x.masked_fill(x > 1, "a")\', \'x.masked_fill([True], 0.)\', \'x.masked_fill_(x > 1, None)\', \'x.lerp(T.ones(3), "a")\', \'x.lerp([1.], 0.5)\', \'x.pow_([2])\']:\n    try: print(s, eval(s))\n    except Exception as e: print(s, type(e).__name__, e)',
    'import numpy as np\nx = T.arange(6.).view(2, 3)\nfor s in [\'x.matmul([1., 2., 3.])\', \'x.mm([[1.]])\', \'x[0].dot([1.])\', \'x.bmm(None)\', \'x.mv((1, 2))\', \'x[0].outer([1.])\', \'x.maximum(1.)\', \'x.minimum([1.])\', \'x.atan2(1.)\', \'x.allclose([1.])\', \'x.equal([1.])\', \'x.isclose(1.)\', \'x.take([0])\', \'x.type_as([1])\', \'x.type_as(np.ones(2))\', \'x.view_as([1])\', \'x.expand_as([1])\', \'x.reshape_as((1,))\', \'x.add(1, alpha="a")\', \'x.sub(1, alpha=None)\', \'x.add(T.ones(3), alpha=[2])\', \'x.type("float")\', \'x.type("float64")\', \'x.type("DoubleTensor")\', \'x.type("torch.LongTensor").dtype\', \'x.type(T.int32).dtype\']:\n    try: print(s, eval(s))\n    except Exception as e: print(s, type(e).__name__, e)',
]


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"methods7_{i:03d}" for i in range(len(SNIPPETS))])
def test_same_as_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)
