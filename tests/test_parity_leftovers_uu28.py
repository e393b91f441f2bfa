"""Live comparison with PyTorch: differences left by earlier sessions (round 28, helper uu):
operators given no operand, gradient layouts, forward-mode AD, singular determinants."""

import math

import pytest
from parity_harness import assert_same, same_built

import autograd_kit as ak

torch = pytest.importorskip("torch")


def _same(code: str) -> None:
    assert_same(torch, ak, code)


BINARY_OPERATORS = ["__add__", "__radd__", "__sub__", "__rsub__", "__mul__", "__rmul__",
                    "__truediv__", "__rtruediv__", "__pow__", "__rpow__", "__matmul__",
                    "__rmatmul__", "__eq__", "__ne__", "__lt__", "__le__", "__gt__", "__ge__",
                    "__and__", "__rand__", "__or__", "__ror__", "__xor__", "__rxor__",
                    "__lshift__", "__rlshift__", "__rshift__", "__rrshift__", "__floordiv__",
                    "__rfloordiv__", "__mod__", "__rmod__"]


@pytest.mark.parametrize("name", BINARY_OPERATORS)
def test_an_operator_given_no_operand_gives_way(name):
    same_built(lambda T: repr(getattr(T.tensor([1, 2]), name)()), torch, ak)


def test_an_operator_given_a_string_gives_way():
    same_built(lambda T: repr(T.tensor([1.0]).__add__("a")), torch, ak)


FORWARD = """
F = T.autograd.forward_ad
p = T.tensor([1.0, 2.0, 0.5], requires_grad=True)
w = T.tensor([0.3, -1.0, 2.0], requires_grad=True)
def values(t): return t.detach().numpy().round(5).tolist()
"""


def test_a_tangent_carries_no_tangent_of_its_own():
    """PyTorch's tangents are computed from the primals alone: t * x carries t * v only,
    not t's own tangent (the kit's came through the dual that is part of p's graph)."""
    _same(FORWARD + """
with F.dual_level():
    x = F.make_dual(p, T.tensor([1.0, 0.5, -1.0]))
    t = F.unpack_dual((x * x).sin() * w).tangent
    out.append(repr(F.unpack_dual(t).tangent))
    out.append(repr(t).split('grad_fn')[0])
    out.append(values(F.unpack_dual((t + x).exp()).tangent))
    out.append(values(F.unpack_dual(t.sum() * x).tangent))
""")


def test_reverse_over_forward_then_a_view_of_the_tangent():
    _same(FORWARD + """
with F.dual_level():
    x = F.make_dual(p, T.tensor([1.0, 0.5, -1.0]))
    t = F.unpack_dual((x * x).sin() * w).tangent
    t.sum().backward()
    out.append(values(p.grad)); out.append(values(w.grad))
    v = x.view(3, 1)[1:]
    out.append(values(F.unpack_dual(v * t.view(3, 1)[1:]).tangent))
""")


@pytest.mark.parametrize("shapes", [((1, 2, 3, 1, 4), (2, 2, 3, 1, 1)),
                                    ((1, 2, 1, 3, 4), (2, 2, 1, 1, 1)),
                                    ((1, 2, 1, 1, 1), (3, 2, 1, 1, 1)),
                                    ((1, 1, 3, 3, 3), (1, 1, 3, 3, 3))])
@pytest.mark.parametrize("padding", ["valid", 1])
def test_conv3d_strides_at_size_one_dimensions(shapes, padding):
    """PyTorch's conv3d allocates its result and gradients row-major, with the strides of a
    size-1 dimension too (the kit's depth slices left them transposed)."""
    def build(T):
        g = T.Generator().manual_seed(0)
        x = T.randn(*shapes[0], generator=g, requires_grad=True)
        w = T.randn(*shapes[1], generator=g, requires_grad=True)
        y = T.nn.functional.conv3d(x, w, padding=padding)
        y.sum().backward()
        return y.stride(), x.grad.stride(), w.grad.stride()
    same_built(build, torch, ak)


@pytest.mark.parametrize("shape, dim", [((2, 3), -1), ((2, 3, 4), 1), ((2, 3, 4), -1)])
def test_topk_of_none_gives_new_empty_indices(shape, dim):
    """topk(x, 0): PyTorch's indices are a new empty tensor with contiguous strides (the
    kit's were a slice of the whole order, with its strides)."""
    def build(T):
        x = T.arange(24.0)[:math.prod(shape)].reshape(shape).requires_grad_()
        values, indices = T.topk(x, 0, dim=dim)
        values.sum().backward()
        return values.stride(), indices.stride(), x.grad.stride()
    same_built(build, torch, ak)


@pytest.mark.parametrize("left", [True, False])
@pytest.mark.parametrize("batch", [(), (2,), (1,)])
def test_lu_solve_of_one_column_is_column_major(left, batch):
    """linalg.lu_solve's X is LAPACK's column-major result: a single column of 3 has the
    strides (1, 3), as PyTorch gives (the kit's read (1, 1))."""
    def build(T):
        g = T.Generator().manual_seed(0)
        A = T.randn(*batch, 3, 3, generator=g, dtype=T.float64)
        LU, pivots = T.linalg.lu_factor(A)
        B = T.randn(*batch, *((3, 1) if left else (1, 3)), generator=g, dtype=T.float64)
        X = T.linalg.lu_solve(LU, pivots, B, left=left)
        return X.stride(), X.numpy().round(8).tolist()
    same_built(build, torch, ak)


@pytest.mark.parametrize("n", [2, 3])
def test_cumprod_double_backward_with_zeros_counts_pytorchs_writes(n):
    """Under create_graph, with a zero in x, PyTorch's cumprod gradient is at::zeros
    (empty + zero_: one write) then one copy_ per slice: version n + 1 (the kit's: n)."""
    def build(T):
        x = T.tensor([[0.0] + [0.5] * (n - 1), [2.0] * n], requires_grad=True)
        g, = T.autograd.grad(x.cumprod(-1).sum(), x, create_graph=True)
        return g._version, g.grad_fn.name(), g.detach().numpy().tolist()
    same_built(build, torch, ak)


def test_a_leafs_grad_from_backward_in_a_dual_level_carries_no_tangent():
    """PyTorch's AccumulateGrad steals the gradient with detach(), which leaves the tangent
    behind: x.grad of a dual made to require grad has none (the kit's carried one)."""
    _same("""
F = T.autograd.forward_ad
with F.dual_level():
    x = F.make_dual(T.tensor([1.0, 2.0]), T.tensor([1.0, 1.0]))
    x.requires_grad_()
    (x * x.sin()).sum().backward()
    out.append(repr(x.grad)); out.append(repr(F.unpack_dual(x.grad).tangent))
    g, = T.autograd.grad((x * x.sin()).sum(), x)
    out.append(repr(F.unpack_dual(g).tangent))
""")


@pytest.mark.parametrize("shape, order", [((1, 4, 4, 3), (0, 3, 1, 2)), ((3, 3, 1), (2, 0, 1)),
                                          ((2, 1, 3), (1, 2, 0)), ((1, 3, 3), (0, 2, 1))])
@pytest.mark.parametrize("loss", ["(x * 2).sum()", "x.sum()", "x.exp().sum()"])
def test_a_leafs_grad_keeps_its_strides_at_size_one_dimensions(shape, order, loss):
    """PyTorch's layout contract compares strides where a size is not 1: a dense leaf with a
    size-1 dimension (a batch of one, permuted) gets .grad in its own layout, copied in
    (version 1) or kept (version 0); the kit's NumPy strides at size 1 made it row-major."""
    def build(T):
        x = T.arange(float(math.prod(shape))).reshape(shape).permute(*order)
        x = x.detach().requires_grad_()
        eval(loss, {"x": x}).backward()
        return x.stride(), x.grad.stride(), x.grad._version
    same_built(build, torch, ak)


@pytest.mark.parametrize("left", [True, False])
@pytest.mark.parametrize("adjoint", [True, False])
@pytest.mark.parametrize("batch", [(), (1,), (2,)])
def test_lu_solve_gradients_as_pytorch_computes_them(left, adjoint, batch):
    """grad_B is PyTorch's lu_solve(LU, pivots, G, left, not adjoint) (its layout: a column
    of 3 steps (1, 3)), grad_LU its linalg_lu_solve_LU steps."""
    def build(T):
        g = T.Generator().manual_seed(0)
        LU, pivots = T.linalg.lu_factor(T.randn(*batch, 3, 3, generator=g, dtype=T.float64))
        LU.requires_grad_()
        B = T.randn(*batch, *((3, 1) if left else (1, 3)), generator=g, dtype=T.float64,
                    requires_grad=True)
        T.linalg.lu_solve(LU, pivots, B, left=left, adjoint=adjoint).sum().backward()
        return (LU.grad.stride(), B.grad.stride(), LU.grad.numpy().round(10).tolist(),
                B.grad.numpy().round(10).tolist())
    same_built(build, torch, ak)


@pytest.mark.parametrize("mode, antialias", [("bilinear", True), ("bicubic", True),
                                             ("bicubic", False)])
@pytest.mark.parametrize("shape, size", [((1, 2, 6, 6), (3, 3)), ((2, 1, 5, 7), (2, 3)),
                                         ((1, 3, 4, 4), (6, 6))])
def test_resampled_layouts_of_a_channels_last_image(mode, antialias, shape, size):
    """PyTorch's antialiased bilinear backward lays its gradient out as the incoming gradient
    suggests (bicubic's stays row-major), and a channels-last image of one channel gives a
    channels-last result (the kit's were row-major)."""
    def build(T):
        n, c, h, w = shape
        g = T.Generator().manual_seed(0)
        x = T.randn(n, h, w, c, generator=g).permute(0, 3, 1, 2).detach().requires_grad_()
        y = T.nn.functional.interpolate(x, size=size, mode=mode, antialias=antialias)
        gx, = T.autograd.grad((y * y).sum(), x, create_graph=True)
        return y.stride(), gx.stride()
    same_built(build, torch, ak)


@pytest.mark.parametrize("zero", ["x.t()", "x.permute(1, 0)", "x.unsqueeze(0)", "x.reshape(9)"])
@pytest.mark.parametrize("other", ["x.t()", "x.permute(1, 0)", "x"])
@pytest.mark.parametrize("create_graph", [False, True])
def test_sgns_zero_through_a_view_stays_an_efficient_zero(zero, other, create_graph):
    """sgn's gradient is PyTorch's ZeroTensor, and a view of it is one too: where it meets
    the other path's gradient (a view the engine cannot add into), the sum is that gradient,
    its -0.0 signs and layout kept (the kit's view lost the mark: 0.0 + -0.0 = 0.0)."""
    def build(T):
        x = T.tensor([[-0.0, 1.5, -2.0], [3.0, 0.0, -1.0], [0.5, -0.5, 2.0]], requires_grad=True)
        scope = {"x": x}
        losses = [eval(f"{zero}.sgn().sum()", scope), eval(f"({other} * -0.0).sum()", scope)]
        results = []
        for first, second in (losses, losses[::-1]):
            g, = T.autograd.grad(first + second, x, create_graph=create_graph)
            results.append((g.stride(), str(g.detach().flatten()), g._version))
        return results
    same_built(build, torch, ak)
