"""Parity with PyTorch for corners found by helper bb's tenth fuzzer round (learner-style
programs: elementwise chains, reductions with dim/keepdim/dtype, the matmul family, shape
ops, in-place changes through views of non-leaf tensors, mixed dtypes, then backward or
autograd.grad with create_graph and a second derivative)."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")

import autograd_kit as ak  # noqa: E402
from tests.parity_harness import same_built  # noqa: E402


def same(build):
    return same_built(build, torch, ak)


def word(dtype):
    """A dtype's name without its library's."""
    return str(dtype).split(".")[-1]


def chain(node, depth=4):
    """The names along a graph's edges from ``node``, ``depth`` levels deep."""
    if node is None or depth == 0:
        return None
    return (type(node).__name__, [chain(f, depth - 1) for f, _ in node.next_functions])


# ---- prod(dtype=...) -------------------------------------------------------------------------

@pytest.mark.parametrize("args", ["dtype=T.float64", "1, dtype=T.float64",
                                  "0, keepdim=True, dtype=T.float64", "dtype=T.float32"])
@pytest.mark.parametrize("values", [[[1.5, 0., 2.], [3., -1., 0.5]],
                                    [[1.5, 2., -2.], [3., -1., .5]], [[0., 0., 2.], [3., -1., 0.]]])
def test_prod_with_a_dtype_links_straight_to_its_input(args, values):
    """PyTorch's ProdBackward0 takes x itself (its backward converts x to the result's dtype
    and the engine turns the gradient back into x's); the kit converted x first, so the
    graph had a ToCopyBackward0 between the product and x."""
    def build(T):
        x = T.tensor(values, dtype=T.float32, requires_grad=True)
        y = eval(f"x.prod({args})", {"x": x, "T": T})
        g, = T.autograd.grad(y.sum(), x, create_graph=True)
        g2, = T.autograd.grad((g * g).sum(), x)
        return (word(y.dtype), y.tolist(), chain(y.grad_fn), word(g.dtype), g.tolist(),
                chain(g.grad_fn, 5), word(g2.dtype), g2.tolist())

    same(build)


@pytest.mark.parametrize("code", ["x.sum(dtype=T.int64)", "x.prod(dtype=T.int32)",
                                  "x.prod(0, dtype=T.int64)", "x.cumsum(0, dtype=T.int64)",
                                  "x.nansum(dtype=T.int64)", "T.sum(x, 0, dtype=T.int16)"])
def test_an_integer_result_of_a_recorded_op_is_refused(code):
    """PyTorch refuses to record an op whose result is of an integer type (Autograd not
    support dtype: Long); the kit made an integer tensor that required grad."""
    def build(T):
        x = T.tensor([1.5, -2.], requires_grad=True)
        with T.no_grad():
            quiet = eval(code, {"x": x, "T": T})
        return word(quiet.dtype), quiet.tolist(), eval(code, {"x": x, "T": T})

    same(build)


@pytest.mark.parametrize("code", ["i[:] = x.sum()", "i.t()[:] = x.sum()", "i.fill_(x.sum())",
                                  "i.fill_(x.sum()); i = i * 2"])
def test_an_integer_tensor_changed_in_place_may_take_a_history(code):
    """PyTorch checks the dtype only for an op's new result: an integer tensor filled in
    place from a 0-dim float that requires grad takes a history (FillBackward3,
    CopySlices), and an op on it is then refused."""
    def build(T):
        scope = {"T": T, "x": T.tensor([1.5], requires_grad=True) * 1,
                 "i": T.tensor([[1, 2]])}
        exec(code, scope)
        i = scope["i"]
        return i.tolist(), word(i.dtype), i.requires_grad, chain(i.grad_fn, 2)

    same(build)


# ---- roll of an expanded tensor --------------------------------------------------------------

@pytest.mark.parametrize("code", ["b.roll(1, -1)", "b.roll(1, 0)", "b.roll((1, 1), (0, 1))",
                                  "c.roll(-1, 2)", "b.roll(1)"])
def test_roll_of_an_expanded_tensor_is_row_major(code):
    """PyTorch's roll allocates its result row-major: an expanded (2, 1) rolled has strides
    (1, 1); the kit kept NumPy's (1, 2) (NumPy's roll leaves a size-1 dim's stride as it
    comes)."""
    def build(T):
        b = T.tensor([3.], requires_grad=True).expand(2, 1)
        c = T.tensor([[1.], [2.]]).expand(2, 1, 3).transpose(0, 2)
        y = eval(code, {"b": b, "c": c})
        return y.shape, y.stride(), y.tolist(), y.clone().stride()

    same(build)


# ---- var / std / var_mean / std_mean bit for bit ---------------------------------------------

VALUES = [[[0.25, -0.323], [0.5, -0.5]], [[3.0, 1.214], [-2.0, 0.5]],
          [[0.408, -2.0], [-1.147, -0.75]], [[3.0, -1.5], [-0.5, -0.5]]]
ROW = [0.701, 1.0, 1.0, -0.75, -1.833, -1.576, -1.5, -1.284, 0.3, 2.25, -0.125]


@pytest.mark.parametrize("code", [
    "T.std(x, 1, True)", "x.var(1)", "x.var(-1, correction=0)", "x.std((0, 2))",
    "x.var((0, 1), keepdim=True)", "x.transpose(0, 2).var(1)", "x.permute(2, 0, 1).std((1, 2))",
    "T.var_mean(x, 1)", "T.std_mean(x, -1, keepdim=True)", "T.var_mean(x)",
    "T.std_mean(x, correction=2)",
    "r.var()", "r.std()", "r.var(0, keepdim=True)", "r.reshape(1, 11).std(1)", "T.var_mean(r)",
    "r[::2].var()", "r[None].expand(3, 11).var(1)",
])
@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_variance_has_pytorchs_bits(code, dtype):
    """PyTorch's CPU variance runs Welford's algorithm in double, value by value in memory
    order (over a dim, and var_mean/std_mean always), or over everything adds (x - mean)²
    one after another; the kit's two-pass NumPy formula (summed pairwise) was off in the
    last bits of float64 results (x.var() of 8 values: ...42 for ...44)."""
    def build(T):
        x = T.tensor(VALUES, dtype=getattr(T, dtype))
        r = T.tensor(ROW, dtype=getattr(T, dtype))
        out = eval(code, {"T": T, "x": x, "r": r})
        return [(v.tolist(), v.stride(), word(v.dtype)) for v in (out if isinstance(out, tuple)
                                                                  else (out,))]

    same(build)


# ---- layouts: norm(p=1) of everything, number ** tensor, maximum's gradient ------------------

@pytest.mark.parametrize("code", ["x.norm(p=1)", "T.linalg.vector_norm(x, 1)",
                                  "x.norm(p=1, dim=(0, 1))", "x[0].norm(p=1)"])
def test_a_one_norm_has_memory_of_its_own(code):
    """PyTorch's result is a fresh 0-dim tensor (storage_offset 0, one element); the kit's
    was the last element of a running sum (storage_offset 11)."""
    def build(T):
        y = eval(code, {"T": T, "x": T.arange(12.).reshape(3, 4)})
        return y.tolist(), y.storage_offset(), y.untyped_storage().nbytes()

    same(build)


@pytest.mark.parametrize("code", ["T.pow(2.5, x)", "2.5 ** x", "T.pow(2, x)", "2 ** x.int()",
                                  "T.float_power(2.5, x)", "2 ** y", "T.pow(0, y)"])
def test_a_number_to_a_tensors_power_is_row_major(code):
    """PyTorch's pow(Scalar, Tensor) allocates its result row-major whatever the exponent's
    layout (2.5 ** x.mT has strides (4, 1)); the kit followed the exponent's ((1, 4))."""
    def build(T):
        x = T.arange(16.).reshape(4, 4).div(8).mT.requires_grad_()
        y = T.arange(6.).reshape(1, 2, 3).permute(2, 0, 1)
        out = eval(code, {"T": T, "x": x, "y": y})
        return out.stride(), out.tolist()

    same(build)


@pytest.mark.parametrize("code", ["T.max(p, p)", "T.maximum(p, p)", "T.minimum(p, p * 2)",
                                  "T.maximum(p, w)", "T.minimum(w, p)",
                                  "T.maximum(p, w.detach())", "T.max(p, p).roll(1, 2)"])
@pytest.mark.parametrize("create_graph", [False, True])
def test_maximums_gradient_is_laid_out_as_its_inputs(code, create_graph):
    """PyTorch's maximum backward is where(a == b, grad / 2, grad).masked_fill_(...) per
    input: laid out as a == b (where's first operand) and filled in place, and two such
    gradients into one tensor are added in place. The kit filled out of place (row-major)
    and summed into a new tensor (x.grad of a permuted x had strides (3, 1, 9), not
    (12, 4, 1), and version 0, not 2)."""
    def build(T):
        x = T.arange(36.).reshape(3, 3, 4).requires_grad_()
        w = T.arange(36.).reshape(4, 3, 3).requires_grad_()
        p = x.permute(2, 0, 1)
        y = eval(code, {"T": T, "p": p, "w": w})
        grads = T.autograd.grad((y * w).sum(), [x, w], create_graph=create_graph,
                                allow_unused=True)
        return [None if g is None else (g.stride(), g._version, g.tolist(),
                                        chain(g.grad_fn, 5)) for g in grads]

    same(build)


@pytest.mark.parametrize("code", [
    "T.bmm(a, b)", "T.bmm(a.mT.transpose(-1, -2), b)", "x.matmul(w)", "a @ b",
    "T.einsum('i,i->', v, v)", "T.einsum('ij,j->i', m, v)", "T.einsum('ij,ij->', m, m)",
    "T.einsum('bij,bjk->bik', a, b)",
])
def test_small_batched_products_have_memory_of_their_own(code):
    """PyTorch's small batched products (bmm's own loop, einsum and matmul of stacks through
    it) write a fresh row-major result; the kit's was a slice of its running sums (a bmm of
    3×3×3 by 3×3×1 had strides (9, 3, 1) and storage_offset 2)."""
    def build(T):
        scope = {"T": T, "v": T.tensor([3., 1.5, 2.]), "m": T.arange(6.).reshape(2, 3),
                 "a": T.arange(27.).reshape(3, 3, 3), "b": T.arange(9.).reshape(3, 3, 1),
                 "x": T.arange(3.).reshape(1, 3), "w": T.arange(18.).reshape(2, 3, 3)}
        y = eval(code, scope)
        return y.tolist(), y.stride(), y.storage_offset(), y.untyped_storage().nbytes()

    same(build)


@pytest.mark.parametrize("code", ["n.ravel().copy_(n.detach() * 1)", "n.add_(1)",
                                  "n.backward(retain_graph=False)"])
@pytest.mark.parametrize("norm", ["x.norm(0)", "T.linalg.vector_norm(x, 0, dim=0)"])
def test_a_zero_norms_backward_checks_its_saved_values(code, norm):
    """PyTorch's LinalgVectorNormBackward0 unpacks its saved self and result before its
    formula (no gradient for ord 0), so a result changed in place, or a graph freed, is
    refused; the kit returned no gradient without looking."""
    def build(T):
        x = T.tensor([1.5, -2., 0.5], requires_grad=True)
        n = eval(norm, {"T": T, "x": x}) * 1 if code.startswith("n.backward") else eval(
            norm, {"T": T, "x": x})
        exec(code, {"T": T, "n": n})
        n.backward()
        return x.grad

    same(build)
