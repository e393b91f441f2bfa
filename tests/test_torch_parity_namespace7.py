"""Types, sizes and printing compared with PyTorch's printed output (skipped without
PyTorch): torch.Size's errors, result_type/promote_types/can_cast argument checks,
set_default_dtype / set_default_tensor_type.
"""

# ruff: noqa: E501

from __future__ import annotations

import pytest

from tests.test_torch_scenarios import assert_same_as_pytorch

torch = pytest.importorskip("torch")

SNIPPETS = [
    # ---- torch.Size
    '''s = T.Size([2, 3])
for f in [lambda: s.append(1), lambda: s + [1], lambda: s - 1, lambda: s[5], lambda: T.Size(3), lambda: s.numel(1), lambda: s * 1.5, lambda: s.x, lambda: T.Size([2], [3]), lambda: [1] + s]:
    try: print(f())
    except Exception as e: print(type(e).__name__, e)''',
    '''s = T.Size([2, 3])
try:
    s[0] = 1
except TypeError as e: print(e)
try:
    del s[0]
except TypeError as e: print(e)''',
    's = T.zeros(2, 3, 4).shape; print(s[::-1], s[:0], s[1:2], s + s, s * 2, 2 * s, (1,) + s, s + (5,), s.numel(), type(s).__name__, type(s), s == (2, 3, 4))',
    # ---- result_type, promote_types, can_cast
    '''for f in [lambda: T.result_type(1, 2, 3), lambda: T.result_type('a', 1), lambda: T.result_type(T.tensor(1), 'x'), lambda: T.result_type(T.tensor(1)), lambda: T.result_type([1], 1), lambda: T.result_type(T.tensor([1, 2]), 2.5), lambda: T.result_type(tensor=T.tensor(1), other=2.)]:
    try: print(f())
    except TypeError as e: print(e)''',
    '''for f in [lambda: T.promote_types(T.float32), lambda: T.promote_types(T.float32, "float64"), lambda: T.promote_types(1, T.float32), lambda: T.can_cast(1, T.float32), lambda: T.can_cast(T.float32, 'x'), lambda: T.can_cast(T.int8, T.uint8)]:
    try: print(f())
    except TypeError as e: print(e)''',
    # ---- finfo / iinfo
    '''for a in [T.bool, float, 'float32', None, int, bool, T.float32, 3, T.int8, T.uint8]:
    try: print(T.iinfo(a))
    except TypeError as e: print(e)''',
    '''for a in [T.bool, float, 'float32', None, int, bool, T.int32, 3, T.float16, T.float64]:
    try: print(T.finfo(a))
    except TypeError as e: print(e)''',
    'print(T.finfo(T.float16) == T.finfo(T.float32), T.iinfo(T.int8) == T.iinfo(T.int8), T.finfo() == T.finfo(T.float32), T.finfo() != T.finfo(T.float32))',
    '''try:
    T.iinfo()
except TypeError as e: print(e)
try:
    hash(T.finfo())
except TypeError as e: print(e)''',
    # ---- size(dim), generators, version module
    '''for d in ['a', 1.5, None, True, -2, 3, -1, 0]:
    try: print(T.zeros(2).size(d))
    except Exception as e: print(type(e).__name__, e)
for d in [0, -1, 1]:
    try: print(T.tensor(2.).size(d))
    except IndexError as e: print(e)''',
    'import numpy as np; print(T.zeros(2, 3).size(np.int64(1)), T.zeros(2, 3).size(dim=0))',
    'g = T.manual_seed(42); print(g, type(g), g.device, g.initial_seed(), type(T.Generator()), T.default_generator is g, T.default_generator.initial_seed())',
    'print(T.version.cuda, T.version.hip, T.version.debug, T.cuda.is_available(), hasattr(T.version, "__version__"), type(T.__version__).__name__, isinstance(T.__version__, str))',
    # ---- format specs on Parameters, volatile
    '''p = T.nn.Parameter(T.tensor(1.5))
print(f"{p}", format(p, ""), f"{p * 2:.2f}")
try:
    print(f"{p:.2f}")
except TypeError as e: print(e)
q = T.nn.Parameter(T.ones(2))
print(f"{q}")
try:
    print(f"{q:.2f}")
except TypeError as e: print(e)''',
    'x = T.ones(2); print(x.volatile); x.volatile = True; print(x.volatile, x.requires_grad)',
    # ---- printing with edgeitems=0, PRINT_OPTS
    '''T.set_printoptions(edgeitems=0, threshold=3)
print(T.arange(10))
print(T.arange(12.).reshape(3, 4))
print(T.arange(24.).reshape(2, 3, 4), T.arange(2.), T.tensor(1.), T.zeros(0, 2))
print(T.arange(10, dtype=T.int32), T.arange(10.).requires_grad_())
T.set_printoptions(profile='default')''',
    '''T.set_printoptions(edgeitems=0)
print(T.arange(3), T.ones(2, 2, dtype=T.float64))
T.set_printoptions(profile='default')
print(T._tensor_str.PRINT_OPTS.precision, T._tensor_str.PRINT_OPTS.threshold, T._tensor_str.PRINT_OPTS.edgeitems)''',
    # ---- broadcast_shapes
    '''for shapes in [("a",), ((-1,), (2,)), ((2,), (-1,)), ((1,), (-3,)), ((2, 1), (3,)), ((2,), (3,))]:
    try: print(T.broadcast_shapes(*shapes))
    except Exception as e: print(type(e).__name__, e)''',
    # ---- rng state keeps the seed
    '''T.manual_seed(1)
with T.random.fork_rng(devices=[]):
    T.manual_seed(5); a = T.rand(1)
print(T.initial_seed(), T.rand(1))
T.manual_seed(7); s = T.get_rng_state(); a = T.rand(2)
T.manual_seed(1); T.set_rng_state(s); print(T.initial_seed(), T.equal(a, T.rand(2)))
g = T.Generator().manual_seed(9); g2 = T.Generator(); g2.set_state(g.get_state()); print(g2.initial_seed(), T.rand(1, generator=g2), T.rand(1, generator=g))''',
    # ---- torch.compile runs the same code
    '''m = T.nn.Linear(2, 1)
cm = T.compile(m)
x = T.ones(3, 2)
print(T.allclose(cm(x), m(x)))
@T.compile
def f(a):
    return (a * 2).sum()
print(f(T.ones(3)))
print(T.compile(lambda a: a + 1, fullgraph=True)(T.zeros(2)))''',
    # ---- creation argument checks
    '''for f in [lambda: T.full((2,)), lambda: T.arange(), lambda: T.arange(1, 2, 3, 4), lambda: T.logspace(0, 1, 2.5), lambda: T.logspace(0, 1, 2.5, 2), lambda: T.arange(end=3)]:
    try: print(f())
    except Exception as e: print(type(e).__name__, e)''',
    'print(T.empty(size=(2, 1)).shape, T.empty(size=[0]), T.logspace(0, 2, 3, 2), T.full(size=(2,), fill_value=3))',
    # ---- randint's argument checks
    '''for f in [lambda: T.randint(5, 3), lambda: T.randint(5), lambda: T.randint(0, 5, 3), lambda: T.randint(5, size=3), lambda: T.randint(0, 5, size=3), lambda: T.randint(0, 5.5, (2,)),lambda: T.randint(0.5, 5, (2,)), lambda: T.randint(5.5, (2,)), lambda: T.randint(high=5, size=2), lambda: T.randint(0, 5, (2.5,)), lambda: T.randint(5, (2,), generator=1), lambda: T.randint(), lambda: T.randint(1, 2, 3, 4)]:
    try: print(f())
    except TypeError as e: print(e)''',
    '''g = T.Generator().manual_seed(1)
print(T.randint(5, (3,)), T.randint(2, 9, (2, 2)), T.randint(high=4, size=(2,)), T.randint(low=1, high=3, size=[3]), T.randint(3, size=(2,)), T.randint(1, 4, size=(2,)), T.randint(5, (2,), generator=g), T.randint(T.tensor(5), (2,)))
print(T.randint(0, 10, (2,), dtype=T.float32), T.randint_like(T.zeros(3), 4), T.randint_like(T.zeros(2), 2, 5), T.randint(3, T.Size([2])))''',
    '''for f in [lambda: T.rand(2, generator=3), lambda: T.randn(2, 3, generator="g"), lambda: T.randperm(3, generator=1), lambda: T.randn(2, generator=T.Generator(), dtype='x'), lambda: T.normal(0., 1., (2,), generator=5), lambda: T.rand(2, dtype='float32'), lambda: T.randn(2, generator=T.Generator()).shape]:
    try: print(f())
    except TypeError as e: print(e)''',
    # ---- C types' names in Python's messages; read-only attributes
    '''for f in [lambda: T.float32(), lambda: T.dtype('float32'), lambda: T.float32.foo, lambda: T.float32 < T.float64, lambda: T.float32 + 1, lambda: len(T.float32), lambda: T.finfo(T.float32).foo, lambda: T.Generator().foo, lambda: T.strided.foo, lambda: T.contiguous_format + 1]:
    try: print(f())
    except Exception as e: print(type(e).__name__, e)''',
    '''for f in [lambda: setattr(T.float32, 'is_floating_point', False), lambda: setattr(T.float32, 'x', 1), lambda: setattr(T.finfo(), 'eps', 1.), lambda: setattr(T.iinfo(T.int8), 'bits', 3)]:
    try: print(f())
    except Exception as e: print(type(e).__name__, e)
print(T.finfo().eps, T.float32.is_floating_point, T.iinfo(T.int8).bits, type(T.float32), type(T.float32).__name__, type(T.finfo()).__name__, type(T.strided))''',
    # ---- default dtype
    '''for a in [3, None, float, "float64", T.int64, T.bool, T.float16, T.float64]:
    try: T.set_default_dtype(a); print(T.get_default_dtype(), T.tensor([1.5]))
    except TypeError as e: print(e)
T.set_default_dtype(T.float32)''',
    '''print(T.set_default_tensor_type(T.FloatTensor))
for a in [T.DoubleTensor, 'torch.FloatTensor', 'torch.DoubleTensor', T.float32, 3, 'torch.LongTensor', T.Tensor, T.LongTensor, T.HalfTensor]:
    try: T.set_default_tensor_type(a); print(T.get_default_dtype(), T.tensor([1.5]).dtype, T.arange(2.).dtype)
    except Exception as e: print(type(e).__name__, e)
T.set_default_dtype(T.float32)''',
]


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"n{i:03d}" for i in range(len(SNIPPETS))])
def test_same_output_as_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)
