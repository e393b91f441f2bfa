"""Parity with PyTorch on the sample inputs and error inputs of PyTorch's OpInfo database
(torch/testing/_internal/common_methods_invocations.py): reductions, shape ops, linalg.

Each case is a snippet run once with ``T`` as PyTorch and once as the kit; what it leaves in
``out`` (values, dtypes, shapes, grads, node names, or the error) must be the same.
"""

from __future__ import annotations

import pytest

import autograd_kit as ak
from tests.parity_harness import assert_same

torch = pytest.importorskip("torch")


def same(code: str) -> None:
    assert_same(torch, ak, code)


def test_index_fill_value_grad_counts_each_filled_slice_once() -> None:
    # PyTorch: value's grad is grad.index_select(dim, unique(index)).sum()
    same("""
x = T.ones(5, 5, dtype=T.float64, requires_grad=True)
v = T.tensor(2., dtype=T.float64, requires_grad=True)
y = x.index_fill(-1, T.tensor([0, 2, 2, 4, 0]), v)
g = T.arange(25, dtype=T.float64).reshape(5, 5)
out += [type(y.grad_fn).__name__, *T.autograd.grad(y, [x, v], g)]
z = x.clone().index_fill_(0, T.tensor([1, 1, 3]), v)
out += [*T.autograd.grad(z, [x, v], g)]
""")


def test_gradient_takes_spacing_none_as_unit_steps() -> None:
    same("""
a = T.tensor([1., 2., 4., 8., 16.], dtype=T.float64)
out += [*T.gradient(a, spacing=None, dim=None, edge_order=1)]
b = T.arange(25, dtype=T.float64).reshape(5, 5) ** 2
out += [*T.gradient(b, spacing=None, dim=None, edge_order=2)]
out += [*T.gradient(b, spacing=None, dim=1)]
""")


def test_select_scatter_of_a_vector_writes_a_0_dim_src() -> None:
    same("""
x = T.zeros(5, dtype=T.float64, requires_grad=True)
s = T.tensor(3., dtype=T.float64, requires_grad=True)
y = T.select_scatter(x, s, 0, -2)
out += [y, *T.autograd.grad(y, [x, s], T.arange(5, dtype=T.float64), create_graph=True)]
""")


def test_take_along_dim_wraps_indices_along_dim() -> None:
    # PyTorch: with a dim, indices are taken modulo the size (-1 is the last, 5 of 5 is 0)
    same("""
x = T.arange(10, dtype=T.float64).reshape(2, 5).requires_grad_()
i = T.tensor([[-1, 7, -6], [5, 0, -10]])
y = T.take_along_dim(x, i, 1)
out += [y, y.grad_fn._saved_index, *T.autograd.grad(y.sum(), x)]
out += [T.take_along_dim(x, T.tensor([[-1]]), -1)]
out += [T.take_along_dim(T.zeros(2, 0), T.zeros(2, 0, dtype=T.int64), 1)]
""")
    same("T.take_along_dim(T.zeros(2, 0), T.zeros(2, 1, dtype=T.int64), 1)")
    same("T.take_along_dim(T.arange(5.), T.tensor([-1]))")


def test_linspace_and_logspace_take_0_dim_tensor_ends() -> None:
    for f in ("linspace", "logspace"):
        same(f"""
for args, kw in [((T.tensor(1.), T.tensor(5), 4), dict(dtype=T.float64)),
                 ((2, T.tensor(7), 3), dict(dtype=T.int64)),
                 ((T.tensor(-3.), 0, 4), {{}})]:
    r = T.{f}(*args, **kw)
    out += [r, r.dtype, r.requires_grad]
""")
        same(f"T.{f}(T.tensor([1, 2]), T.tensor([3, 4]), 1)")
        same(f"T.{f}(T.tensor([1]), 3, 2)")
        same(f"T.{f}(1, T.tensor([[3.]]), 2)")


def test_linspace_of_integers_truncates_each_value_of_the_float64_ramp() -> None:
    # PyTorch: ends cast to the integer type, step = (end - start) / (steps - 1) in float64,
    # each value a fused start + step*i (or end - step*(steps-1-i) past halfway), truncated
    same("""
for a, b, n in [(4.3, -3, 50), (4.3, 50, 50), (93, 43, 125), (-36.5, -98, 43), (-24.7, 60, 121),
                (-52.4, 54, 162), (0, 10, 7)]:
    for dt in (T.int64, T.int32, T.int16, T.int8):
        out.append(T.linspace(a, b, n, dtype=dt).tolist())
out.append(T.linspace(-3, 5, 4, dtype=T.uint8).tolist())
""")


def test_determinants_and_inverses_of_empty_matrices() -> None:
    # PyTorch: det of a 0x0 matrix is 1 (log 0), batches of them too; an empty batch is empty
    same("""
for shape in [(0, 0), (0, 0, 0), (2, 0, 0), (0, 3, 3)]:
    a = T.zeros(shape, dtype=T.float64, requires_grad=True)
    for f in (T.linalg.det, T.logdet, T.det):
        y = f(a)
        out += [y, type(y.grad_fn).__name__, *T.autograd.grad(y.sum(), a)]
    s, l = T.linalg.slogdet(a)
    out += [s, l, *T.autograd.grad(l.sum(), a)]
    out += [T.linalg.inv_ex(a), T.linalg.inv(a)]
""")


def test_quantile_gives_q_its_gradient() -> None:
    # PyTorch records the ranks from q: with linear interpolation dq = (above - below)(n - 1)
    same("""
nan = float('nan')
x = T.tensor([[1., 5., 2., 8.], [3., nan, 0., 4.]], dtype=T.float64, requires_grad=True)
for f in (T.quantile, T.nanquantile):
    for q in (T.tensor([0.3, 0.5, 1.], dtype=T.float64), T.tensor(0.7, dtype=T.float64)):
        q.requires_grad_()
        for kw in ({}, dict(dim=1), dict(dim=0, keepdim=True),
                   dict(dim=1, interpolation='midpoint')):
            y = f(x, q, **kw)
            out += [y, type(y.grad_fn).__name__]
            out += [*T.autograd.grad(y.nansum(), [x, q], allow_unused=True)]
y = T.quantile(x[0], T.tensor(0.3, dtype=T.float64, requires_grad=True), interpolation='lower')
out += [y, y.requires_grad, type(y.grad_fn).__name__]
""")


@pytest.mark.parametrize("name", ["pow", "float_power", "remainder", "bitwise_and",
                                  "bitwise_right_shift", "xlogy", "floor_divide",
                                  "true_divide", "multiply", "divide", "fmod", "add"])
def test_binary_functions_given_two_numbers(name: str) -> None:
    # PyTorch: a number first fits only "Number self, Tensor other" (refused with the forms
    # listed), except for the arithmetic that reads numbers as tensors (floor_divide(7, 2))
    same(f"""
for args in [(7, 2), (2.5, 3), (True, 2), (7, 3.5)]:
    try:
        r = T.{name}(*args)
        out += [r, r.dtype]
    except TypeError as e:
        out.append(str(e))
out.append(T.{name}(7, T.tensor([2, 3])) if "{name}" not in ("fmod",) else 0)
""")


def test_round_with_decimals_given_records_round_backward1() -> None:
    same("""
x = T.tensor([1.26, -2.5], dtype=T.float64, requires_grad=True)
for d in (0, 1, -1):
    y = T.round(x, decimals=d)
    out += [y, type(y.grad_fn).__name__, type(x.round(decimals=d).grad_fn).__name__]
    out += [type(x.clone().round_(decimals=d).grad_fn).__name__]
out += [type(T.round(x).grad_fn).__name__, type(x.clone().round_().grad_fn).__name__]
""")
    same("T.round(T.tensor([1, 2]), decimals=0)")
    same("out.append(T.round(T.tensor([1, 2])))")


def test_kthvalue_of_a_0_dim_tensor_checks_k() -> None:
    for k in (0, 1, 2):
        same(f"out.append(T.kthvalue(T.tensor(3.), {k}))")


def test_isclose_refuses_negative_tolerances() -> None:
    for kw in ("rtol=-0.4", "atol=-0.4", "atol=-1e-05", "rtol=-1, atol=-0.123456789"):
        same(f"out.append(T.isclose(T.tensor(1.), T.tensor(1.), {kw}))")
        same(f"out.append(T.allclose(T.tensor(1.), T.tensor(1.), {kw}))")


@pytest.mark.parametrize("name", ["trapezoid", "trapz", "cumulative_trapezoid"])
def test_trapezoid_dtypes_checks_and_nodes(name: str) -> None:
    # PyTorch: integer samples give float32 ((dx * dy).sum() / 2.), bool refused, x checked
    same(f"""
f = T.{name}
y = T.tensor([[1, 2, 4], [3, 5, 9]]); x = T.tensor([[0, 1, 3], [0, 2, 3]])
yf = T.tensor([1., 2., 4.], requires_grad=True)
for a, k in [((y,), {{}}), ((y, x), {{}}), ((y,), dict(dx=2)), ((y,), dict(dx=0.5)),
             ((y.to(T.int8), x), {{}}), ((yf, T.tensor([0, 1, 3])), {{}}), ((yf,), dict(dx=2)),
             ((T.arange(6.).reshape(2, 3), T.tensor([0., 1])), dict(dim=0)),
             ((T.arange(12.).reshape(2, 3, 2), T.arange(6.).reshape(3, 2) ** 2), dict(dim=1)),
             ((y.bool(),), {{}}), ((y, x.bool()), {{}}), ((T.ones(2, 3), T.ones(4)), {{}}),
             ((T.ones(3),), dict(dx=True)), ((T.ones(2, 0, requires_grad=True),), {{}})]:
    try:
        r = f(*a, **k)
        out += [r, r.dtype, r.requires_grad]
        if r.grad_fn is not None and r.numel():
            out.append(type(r.grad_fn).__name__)
    except RuntimeError as e:
        out.append(str(e))
""")


def test_scatter_reduce_of_bools() -> None:
    # PyTorch: amin starts from True, amax from False; mean has no bool kernel
    same("""
x = T.tensor([True, False, True]); s = T.tensor([False, True, True])
for r in ('amin', 'amax', 'sum', 'prod', 'mean'):
    for inc in (True, False):
        try:
            out.append(T.scatter_reduce(x, 0, T.tensor([0, 1, 1]), s, r, include_self=inc))
        except NotImplementedError as e:
            out.append(str(e))
for dt in (T.int8, T.uint8, T.int64, T.float32):
    for r in ('amin', 'amax'):
        y = T.tensor([5, 7, 9], dtype=dt)
        out.append(y.scatter_reduce(0, T.tensor([0, 0]), T.tensor([3, 4], dtype=dt), r,
                                    include_self=False))
""")


def test_searchsorted_with_empty_sequences_or_values() -> None:
    same("""
out += [T.searchsorted(T.zeros(0, 0), T.zeros(0, 0))]
out += [T.searchsorted(T.zeros(0), T.tensor([1., 2]))]
out += [T.searchsorted(T.zeros(2, 0), T.ones(2, 3), right=True)]
out += [T.searchsorted(T.tensor([[1., 3.], [2., 4.]]), T.zeros(2, 0))]
out += [T.searchsorted(T.tensor([[1., 3.], [2., 4.]]), T.tensor([[2.], [5.]]), out_int32=True)]
""")


def test_unique_along_a_dim_of_empty_tensors() -> None:
    # PyTorch: empty results when the chosen dim is the empty one, else its refusal
    same("""
for shape, d in [((5, 0, 5), 1), ((5, 0, 5), 0), ((5, 0, 5), 2), ((0, 3), 0), ((0, 3), 1),
                 ((0,), 0), ((0,), None), ((2, 0), None), ((3, 2), 0)]:
    for f in (T.unique_consecutive, T.unique):
        try:
            r = f(T.zeros(shape), dim=d, return_inverse=True, return_counts=True)
            out += [r, r[0].dtype]
        except RuntimeError as e:
            out.append(str(e))
""")


def test_linalg_vander_of_a_0_dim_tensor_and_of_bools() -> None:
    same("""
x0 = T.tensor(2., dtype=T.float64, requires_grad=True)
for x, N in [(x0, 3), (x0, None), (x0, 1), (T.tensor([1., 2., 3.]), None),
             (T.tensor([[1, 2], [3, 4]]), 3), (T.tensor([True, False]), None)]:
    try:
        r = T.linalg.vander(x, N=N)
        out += [r, type(r.grad_fn).__name__]
        if r.requires_grad:
            out.append(T.autograd.grad(r.sum(), x))
    except RuntimeError as e:
        out.append(str(e))
""")


def test_tensordot_broadcasts_contracted_dims_of_size_1() -> None:
    # PyTorch: a contracted dim of size 1 against any size sums the other side over it first
    same("""
a = T.ones(1, 1, 1, dtype=T.float64, requires_grad=True)
b = T.arange(1., 5.).reshape(2, 1, 2).double().requires_grad_()
for x, y, d in [(a, b, ([0, 1], [2, 0])), (b, a, ([2, 0], [0, 1])),
                (T.ones(2, 3, 1), T.ones(4, 3), ([1, 2], [1, 0])),
                (T.arange(6).reshape(2, 3), T.arange(3).reshape(3, 1), 1),
                (T.ones(2, 3), T.ones(4, 5), ([1], [0]))]:
    try:
        r = T.tensordot(x, y, dims=d)
        out += [r, r.dtype, type(r.grad_fn).__name__]
        if r.requires_grad:
            out += [*T.autograd.grad(r.sum(), [x, y])]
    except RuntimeError as e:
        out.append(str(e))
""")


@pytest.mark.parametrize("name", ["hstack", "vstack", "dstack", "column_stack", "row_stack"])
def test_stacking_functions_refuse_an_empty_list(name: str) -> None:
    same(f"T.{name}([])")
    same(f"out.append(T.{name}([T.ones(2), T.zeros(2)]))")
