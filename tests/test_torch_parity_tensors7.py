# ruff: noqa: E501
"""Tensor creation, printing, conversion, random numbers and saving, against PyTorch
(round 7; skipped without PyTorch)."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")

from tests.test_torch_scenarios import assert_same_as_pytorch  # noqa: E402

_RT = """import io
def rt(o):
    b = io.BytesIO(); T.save(o, b); b.seek(0); return T.load(b)
"""

SNIPPETS = [
    _RT + "x = T.arange(6.); v = x[2:4]; a, w = rt([x, v]); w[0] = 100; print(a, w)",
    _RT + "x = T.arange(12.).reshape(3, 4); a, t, c, r = rt([x, x.t(), x[:, 1], x[1]])\n"
    "print(t, t.stride(), t.is_contiguous(), c, c.stride(), c.storage_offset(), r.storage_offset())\n"
    "c.mul_(10); print(a)",
    _RT + "x = T.arange(3.).expand(2, 3); y = rt(x); print(y, y.stride(), y.untyped_storage().nbytes())",
    _RT + "y = rt(T.arange(6.)[2:4]); print(y, y.storage_offset(), y.untyped_storage().nbytes())",
    _RT + "x = T.arange(6.); w = rt(x[::2]); print(w, w.stride(), w.is_contiguous()); w += 1; print(w)",
    _RT + "p = T.nn.Parameter(T.ones(2)); q, v = rt([p, p]); print(type(q).__name__, q is v, q)",
    _RT + "x = T.tensor([1., 2.], requires_grad=True); z = rt(x * 2); print(z, z.is_leaf, z.grad_fn)",
    "import io\nb = io.BytesIO(); T.save(T.nn.Linear(2, 1), b); b.seek(0); m = T.load(b)",
    "import io\nb = io.BytesIO(); T.save(T.nn.Linear(2, 1), b); b.seek(0)\n"
    "m = T.load(b, weights_only=True)",
    "import numpy as np\nT.tensor(np.array(['a']))",
    "import numpy as np\nT.as_tensor(np.array([1, None]))",
    "import numpy as np\nT.from_numpy(np.array([b'a']))",
    "import numpy as np\nT.from_numpy(np.array([1], dtype='datetime64[s]'))",
    "T.full((2,), 'a')",
    "T.full((2,), None)",
    "import numpy as np\nT.full((2,), np.array(1.))",
    "import numpy as np\nprint(T.full((2,), np.float32(2)), T.full((2,), np.bool_(True)), T.full((2,), np.int64(3)), T.full((2,), T.tensor(2)))",
    "T.full((2,), T.tensor([1.]))",
    "T.full_like(T.zeros(2), 'x')",
    "T.full_like(T.zeros(2), [1])",
    "T.zeros(2).new_full((2,), None)",
    "import fractions\nT.full((2,), fractions.Fraction(1, 2))",
    "print(T.tensor([T.tensor(1, dtype=T.int32), T.tensor(2, dtype=T.int32)]), T.tensor([T.tensor(1., dtype=T.float64), 2.]), T.tensor([T.tensor(1, dtype=T.int8), 2]))",
    "print(T.tensor([T.tensor(True), False]), T.tensor([T.tensor(1.5, dtype=T.float16), 1]))",
    "print(T.tensor([[T.tensor(1, dtype=T.uint8)], [T.tensor(2, dtype=T.int8)]]))",
    "import numpy as np\nprint(T.tensor([np.uint8(1), np.int8(2)]), T.tensor([np.int32(1), 2.5]), T.tensor([np.float16(1), 2]), T.tensor([np.float32(1), np.float64(2)]))",
    "import numpy as np\nprint(T.tensor([[np.float64(1)], [2.]]), T.tensor([np.array([1], dtype=np.int32)]), T.tensor([2., np.float64(1.5)]))",
    "import numpy as np\nprint(T.tensor([np.float64(1.5), 2.], dtype=T.float32), T.as_tensor([np.float64(1.5)]), T.tensor([np.int64(5)]))",
    "import numpy as np\nprint(T.tensor([1.5, np.float64(2.)]) * 2)",
    "import numpy as np\nprint(T.tensor([np.array(1.), np.array(2.)]))",
    "x = T.tensor([1., 2.], requires_grad=True); print(T.tensor([x[0] * 2, x[1]]), T.stack([x[0], x[1]]))",
    "T.set_printoptions(profile='bogus'); print(T.tensor([1 / 3]))",
    "with T.random.fork_rng(): T.manual_seed(5); a = T.rand(1)\nprint(T.rand(2))",
    "T.manual_seed(3)\nwith T.random.fork_rng(devices=[]):\n    print(T.rand(2))\nprint(T.rand(2))",
    "g = T.Generator(); g.manual_seed(1); s = g.get_state(); a = T.rand(2, generator=g); g.set_state(s); print(a, T.rand(2, generator=g), g.device, g.seed() > 0)",
    "T.manual_seed(2**64)",
    "T.Generator().manual_seed(-2**63 - 1)",
    "T.zeros(2, dtype='float32')",
    "T.ones(2, dtype='float32')",
    "T.tensor([1, 2], dtype='float32')",
    "import numpy as np\nT.tensor([1, 2], dtype=np.float64)",
    "import numpy as np\nT.zeros(2, dtype=np.float32)",
    "T.zeros(2, dtype=str)",
    "T.empty_like(T.zeros(2), dtype='int64')",
    "T.full_like(T.zeros(2), 1, dtype='int64')",
    "T.zeros(2).new_ones(3, dtype='float64')",
    "print(T.zeros(2, dtype=float).dtype, T.zeros(2, dtype=int).dtype, T.tensor([1], dtype=bool))",
    "print(T.ones(2).to(bool), T.ones(2).to(dtype=float), T.ones(2).to(int), T.ones(2).to('cpu', float))",
    "T.ones(2).type(float)",
    "s = T.UntypedStorage(4); print(len(s), s.nbytes(), s.device)",
    "s = T.UntypedStorage([1, 2, 255]); print(s, s.tolist()); s = T.UntypedStorage(); print(len(s))",
    "T.UntypedStorage('a')",
    "T.UntypedStorage([1, 2.5])",
    "print(T.UntypedStorage([1, 300, -1]).tolist())",
    "print(T.manual_seed(-1).initial_seed(), T.initial_seed(), T.Generator().manual_seed(2**63).initial_seed(), T.rand(2))",
]


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"t{i:03d}" for i in range(len(SNIPPETS))])
def test_same_as_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)
