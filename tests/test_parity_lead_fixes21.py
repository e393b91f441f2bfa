"""Stop 28's lead fixes, each compared with PyTorch live.

Elementwise results of several tensors are laid out as PyTorch's TensorIterator lays them out:
where the operands' layouts disagree, the first operand decides (NumPy lets row-major win), so
``(a.t() + b).view(-1)`` fails in both, and ``stride()``/``is_contiguous()`` agree.
"""

from __future__ import annotations

import functools
import itertools
import warnings

import numpy
import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")


def _operand(lib, kind: str, requires_grad: bool = False):
    base = lib.arange(24.0, dtype=lib.float64).reshape(2, 3, 4) / 7 + 0.5
    made = {
        "row_major": base,
        "permuted_201": base.permute(2, 0, 1).contiguous().permute(1, 2, 0),
        "permuted_120": base.permute(1, 2, 0).contiguous().permute(2, 0, 1),
        "transposed": base.transpose(0, 2).contiguous().transpose(0, 2),
        "expanded_last": (lib.arange(4.0, dtype=lib.float64).reshape(1, 1, 4) + 1).expand(2, 3, 4),
        "expanded_middle": (lib.arange(3.0, dtype=lib.float64).reshape(1, 3, 1) + 1).expand(
            2, 3, 4),
        "broadcast_row": lib.arange(4.0, dtype=lib.float64) + 1,
    }[kind]
    if requires_grad:
        made = made.detach().requires_grad_()
    return made


KINDS = ["row_major", "permuted_201", "permuted_120", "transposed", "expanded_last",
         "expanded_middle", "broadcast_row"]

BINARY = {
    "add": lambda L, a, b: a + b,
    "sub_alpha": lambda L, a, b: L.sub(a, b, alpha=2),
    "mul": lambda L, a, b: a * b,
    "div": lambda L, a, b: a / b,
    "pow": lambda L, a, b: a ** b,
    "maximum": lambda L, a, b: L.maximum(a, b),
    "minimum": lambda L, a, b: L.minimum(a, b),
    "where": lambda L, a, b: L.where(a > 1, a, b),
    "atan2": lambda L, a, b: L.atan2(a, b),
    "hypot": lambda L, a, b: L.hypot(a, b),
    "fmod": lambda L, a, b: L.fmod(a, b),
    "remainder": lambda L, a, b: L.remainder(a, b),
    "lerp": lambda L, a, b: L.lerp(a, b, 0.25),
    "fmax": lambda L, a, b: L.fmax(a, b),
    "logaddexp": lambda L, a, b: L.logaddexp(a, b),
    "gt": lambda L, a, b: a > b,
    "eq": lambda L, a, b: a == b,
}


def _layout(t) -> tuple:
    return tuple(t.shape), t.stride(), t.is_contiguous()


@pytest.mark.parametrize("name", sorted(BINARY))
def test_binary_results_follow_pytorchs_layout(name: str) -> None:
    op = BINARY[name]
    for first, second in itertools.product(KINDS, KINDS):
        got = op(ak, _operand(ak, first), _operand(ak, second))
        want = op(torch, _operand(torch, first), _operand(torch, second))
        assert _layout(got) == _layout(want), (first, second)
        assert numpy.allclose(got.numpy(), want.numpy(), rtol=1e-14, atol=0), (first, second)


@pytest.mark.parametrize("name", ["add", "mul", "div", "pow", "maximum", "where", "atan2", "lerp"])
def test_recorded_results_and_their_gradients(name: str) -> None:
    op = BINARY[name]
    for first, second in [("transposed", "row_major"), ("permuted_201", "permuted_120"),
                          ("row_major", "transposed"), ("expanded_middle", "permuted_120")]:
        outs = {}
        for lib in (ak, torch):
            a, b = _operand(lib, first, True), _operand(lib, second, True)
            out = op(lib, a, b)
            (out * lib.arange(24.0, dtype=lib.float64).reshape(2, 3, 4)).sum().backward()
            outs[lib] = (out, a.grad, b.grad)
        (got, *got_grads), (want, *want_grads) = outs[ak], outs[torch]
        assert _layout(got) == _layout(want), (first, second)
        assert type(got.grad_fn).__name__ == type(want.grad_fn).__name__
        for g, w in zip(got_grads, want_grads):
            assert numpy.allclose(g.numpy(), w.numpy(), rtol=1e-14, atol=0)
            assert g.stride() == w.stride()


def test_view_of_a_sum_that_follows_a_transposed_first_operand_fails_as_in_pytorch() -> None:
    errors = []
    for lib in (ak, torch):
        a = lib.arange(6.0).reshape(2, 3)
        b = lib.ones(3, 2)
        with pytest.raises(RuntimeError) as caught:
            (a.t() + b).view(-1)
        errors.append(str(caught.value))
        assert (b + a.t()).view(-1).shape == (6,)  # the row-major operand first: a view
    assert errors[0] == errors[1]


def test_plain_arithmetic_of_transposed_matrices_with_and_without_grad() -> None:
    for requires_grad in (False, True):
        results = []
        for lib in (ak, torch):
            w = lib.ones(4, 3, requires_grad=requires_grad)
            x = lib.arange(12.0).reshape(3, 4)
            results.append([_layout(f(w.t(), x)) for f in (lambda p, q: p + q, lambda p, q: p - q,
                                                          lambda p, q: p * q, lambda p, q: p / q)])
        assert results[0] == results[1]


BITWISE = {
    "bitwise_and": lambda L, a, b: L.bitwise_and(a, b),
    "bitwise_xor": lambda L, a, b: a ^ b,
    "logical_or": lambda L, a, b: L.logical_or(a, b),
    "copysign": lambda L, a, b: L.copysign(a, b),
    "xlogy": lambda L, a, b: L.xlogy(a, b),
    "addcmul": lambda L, a, b: L.addcmul(a, b, b, value=2),
    "clamp": lambda L, a, b: L.clamp(a, min=b),
    "nextafter": lambda L, a, b: L.nextafter(a, b),
    "ldexp": lambda L, a, b: L.ldexp(a, b),
    "igamma": lambda L, a, b: L.igamma(a, b),
    "zeta": lambda L, a, b: L.special.zeta(a, b),
    "xlog1py": lambda L, a, b: L.special.xlog1py(a, b),
}


@pytest.mark.parametrize("name", sorted(BITWISE))
def test_more_binary_results_follow_the_first_operand(name: str) -> None:
    op = BITWISE[name]
    for dtype in ("float64", "int64"):
        layouts = []
        for lib in (ak, torch):
            base = lib.arange(1, 25).reshape(2, 3, 4).to(getattr(lib, dtype))
            try:
                out = op(lib, base.transpose(0, 2).contiguous().transpose(0, 2), base)
            except (RuntimeError, TypeError) as error:
                out = type(error)
            layouts.append(out if isinstance(out, type) else _layout(out))
        assert layouts[0] == layouts[1], dtype


@pytest.mark.parametrize("name", ["floor", "round", "trunc", "isnan", "isfinite", "nan_to_num"])
def test_integer_inputs_keep_their_layout_as_pytorchs_clone_does(name: str) -> None:
    layouts = []
    for lib in (ak, torch):
        base = lib.arange(48).reshape(2, 4, 6)
        inputs = [base.transpose(0, 2), base.permute(1, 2, 0), base.transpose(1, 2)[:, ::2]]
        layouts.append([_layout(getattr(lib, name)(x)) for x in inputs])
    assert layouts[0] == layouts[1]


def test_nan_to_num_of_an_expanded_tensor_is_row_major_as_in_pytorch() -> None:
    got, want = (lib.nan_to_num(lib.tensor([[1.0, float("nan"), float("inf")]]).expand(2, 3))
                 for lib in (ak, torch))
    assert _layout(got) == _layout(want)
    assert got.tolist() == want.tolist()


def _graph_names(t) -> list[str]:
    """Every node's name, breadth first from t.grad_fn (each node once)."""
    seen, names, todo = set(), [], [t.grad_fn]
    while todo:
        node = todo.pop(0)
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        names.append(node.name().replace("torch::autograd::", ""))
        todo.extend(n for n, _ in node.next_functions)
    return names


LOSSES_WITH_NUMBERS = [
    "F.triplet_margin_loss(x, w.expand(3, 4), b.expand(3, 4))",
    "F.triplet_margin_loss(x, w.expand(3, 4), b.expand(3, 4), swap=True, margin=0.5)",
    "F.triplet_margin_with_distance_loss(x, w.expand(3, 4), b.expand(3, 4))",
    "F.margin_ranking_loss(x[:, 0], x[:, 1], t.double() - 1, margin=0.2)",
    "F.hinge_embedding_loss(x, t.reshape(3, 1).expand(3, 4).double() * 2 - 3)",
    "F.cosine_embedding_loss(x, w.expand(3, 4), t.double() * 2 - 3, margin=0.1)",
]


@pytest.mark.parametrize("code", LOSSES_WITH_NUMBERS)
def test_losses_record_the_numbers_as_pytorchs_cpp_does(code: str) -> None:
    """PyTorch's C++ losses add or subtract their margins as numbers (AddBackward1,
    SubBackward1; ``1 - cos`` is SubBackward0 with edges (None, cos)), where Python's
    operators record AddBackward0 or RsubBackward1."""
    results = []
    for lib in (ak, torch):
        lib.manual_seed(0)
        x = lib.randn(3, 4, dtype=lib.float64, requires_grad=True)
        w = lib.randn(4, dtype=lib.float64, requires_grad=True)
        b = lib.randn(4, dtype=lib.float64, requires_grad=True)
        t = lib.tensor([0, 2, 1])
        loss = eval(code, {"F": lib.nn.functional, "x": x, "w": w, "b": b, "t": t})
        loss.backward()
        results.append((_graph_names(loss), loss.item(), x.grad.tolist()))
    (got_names, got_loss, got_grad), (want_names, want_loss, want_grad) = results
    assert got_names == want_names
    assert got_loss == pytest.approx(want_loss, rel=1e-12)
    assert numpy.allclose(got_grad, want_grad, rtol=1e-12, atol=1e-15)


MODULE_GRAPHS = [
    "nn.LSTM(4, 5, proj_size=2)(x.reshape(3, 1, 4))[0]",
    "nn.GRU(4, 5)(x.reshape(3, 1, 4))[0]",
    "nn.LSTMCell(4, 5)(x)[0]",
    "nn.GRUCell(4, 5)(x)",
    "nn.Bilinear(4, 4, 2)(x, x)",
    "nn.Bilinear(4, 4, 2, bias=False)(x[0], x[1])",
    "nn.TransformerEncoderLayer(4, 2, 8, dropout=0.0)(x.reshape(3, 1, 4))",
    "nn.TransformerDecoderLayer(4, 2, 8, dropout=0.0)(x.reshape(3, 1, 4), x.reshape(3, 1, 4))",
    "F.scaled_dot_product_attention(x.reshape(1, 3, 4), x.reshape(1, 3, 4), x.reshape(1, 3, 4))",
]


@pytest.mark.parametrize("code", MODULE_GRAPHS)
def test_module_graphs_have_pytorchs_nodes(code: str) -> None:
    """Recurrent cells split their gates with unsafe_chunk (UnsafeSplitBackward0), attention
    scales with C++ numbers (MulBackward1) and its fused output keeps the query's layout (no
    CloneBackward0 after multi-head attention's permute), bilinear is one TrilinearBackward0."""
    results = []
    for lib in (ak, torch):
        lib.manual_seed(0)
        x = lib.randn(3, 4, requires_grad=True)
        lib.manual_seed(1)
        out = eval(code, {"nn": lib.nn, "F": lib.nn.functional, "x": x})
        out.sum().backward()
        results.append((_graph_names(out), tuple(out.shape), x.grad.tolist()))
    (got_names, got_shape, got_grad), (want_names, want_shape, want_grad) = results
    assert got_names == want_names
    assert got_shape == want_shape
    assert numpy.allclose(got_grad, want_grad, rtol=1e-4, atol=1e-6)


def test_attention_output_keeps_the_query_layout_and_bilinear_node_shows_its_saved_values() -> None:
    seen = []
    for lib in (ak, torch):
        F = lib.nn.functional
        lib.manual_seed(0)
        q = lib.randn(3, 4, 2, requires_grad=True).transpose(0, 1).view(2, 2, 3, 2)
        v = lib.randn(2, 2, 3, 5)
        strides = [F.scaled_dot_product_attention(q, q, q).stride(),
                   F.scaled_dot_product_attention(q, q, v).stride()]
        x, y = lib.randn(3, 4, requires_grad=True), lib.randn(3, 5, requires_grad=True)
        w = lib.randn(2, 4, 5, requires_grad=True)
        node = F.bilinear(x, y, w).grad_fn.next_functions[0][0]
        saved = (node.name(), node._saved_expand1, node._saved_expand2, node._saved_expand3,
                 node._saved_sumdim, tuple(node._saved_i1.shape), tuple(node._saved_i2.shape))
        seen.append((strides, saved))
    assert seen[0] == seen[1]


LINALG_RESULTS = [
    "L.linalg.inv(a)", "L.linalg.inv(batch)", "L.linalg.cholesky(spd)",
    "L.linalg.cholesky(spd, upper=True)", "L.linalg.qr(r).Q", "L.linalg.qr(r).R",
    "L.linalg.qr(r, mode='complete').Q", "L.linalg.svd(r).U", "L.linalg.svd(r).Vh",
    "L.linalg.svd(r, full_matrices=False).U", "L.linalg.eigh(spd).eigenvectors",
    "L.linalg.solve(a, b)", "L.linalg.solve(batch, b)", "L.linalg.solve(a, b[:, 0])",
    "L.linalg.solve_triangular(a.triu(), b, upper=True)",
    "L.linalg.solve_triangular(a.triu(), b.t(), upper=True, left=False)",
    "L.linalg.lstsq(r, r[:, :2]).solution", "L.linalg.lstsq(r[:2], r[:2, :2]).solution",
    "L.linalg.lu(a).P", "L.linalg.lu(a).L", "L.linalg.lu(a).U", "L.linalg.lu_factor(a).LU",
    "L.linalg.lu_solve(*L.linalg.lu_factor(a), b)", "L.inverse(a)", "L.cholesky(spd)",
    "L.cholesky_inverse(L.linalg.cholesky(spd))", "L.cholesky_solve(b, L.linalg.cholesky(spd))",
    "L.svd(r).V", "L.triangular_solve(b, a.triu()).solution",
    "L.triangular_solve(b, a.triu()).cloned_coefficient", "L.cross(a, a)",
    "L.linalg.cross(a.t(), a.t())", "L.rot90(r)", "L.rot90(r, 2)", "L.rot90(r, -1, (0, 1))",
    "L.rot90(r.t(), 3)", "L.rot90(r, 4)", "L.topk(r, 2).indices", "L.topk(r, 1, 0).indices",
    "L.prod(r, 1, True)", "L.prod(r, -1, keepdim=True)",
]


@pytest.mark.parametrize("code", LINALG_RESULTS)
def test_results_have_pytorchs_layout(code: str) -> None:
    """LAPACK leaves its results column by column (PyTorch's inverses, factors and
    solutions; lstsq's solution is the top of a column-major buffer of max(m, n) rows); lu's
    P, L, U, cross, and topk's indices are row-major; rot90 is a transposed view of a flip."""
    seen = []
    for L in (ak, torch):
        L.manual_seed(0)
        a = L.rand(3, 3, dtype=L.float64) + L.eye(3, dtype=L.float64) * 3
        spd = a @ a.t()
        b = L.rand(3, 2, dtype=L.float64)
        r = L.rand(4, 3, dtype=L.float64)
        batch = L.rand(2, 3, 3, dtype=L.float64) + L.eye(3, dtype=L.float64) * 3
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            out = eval(code, {"L": L, "a": a, "spd": spd, "b": b, "r": r, "batch": batch})
        seen.append((tuple(out.shape), out.stride(), out.is_contiguous(), out.numpy()))
    (*got, got_values), (*want, want_values) = seen
    assert got == want
    if "svd" in code or "eigh" in code:  # (singular and eigenvectors: each up to its sign)
        got_values, want_values = abs(got_values), abs(want_values)
    assert numpy.allclose(got_values, want_values, rtol=1e-10, atol=1e-12)


def test_inverse_gradients_and_a_view_of_the_inverse_as_in_pytorch() -> None:
    seen = []
    for L in (ak, torch):
        L.manual_seed(0)
        a = (L.rand(3, 3, dtype=L.float64) + L.eye(3, dtype=L.float64) * 3).requires_grad_()
        inverse = L.linalg.inv(a)
        with pytest.raises(RuntimeError):
            inverse.view(9)
        (inverse.reshape(9) * L.arange(9.0, dtype=L.float64)).sum().backward()
        seen.append((inverse.reshape(9).grad_fn.name(), a.grad.numpy(), a.grad.stride()))
    assert seen[0][0] == seen[1][0]
    assert numpy.allclose(seen[0][1], seen[1][1], rtol=1e-10)
    assert seen[0][2] == seen[1][2]


def _weighted_sum(weights, t):
    return (t * weights.reshape(4, 3)).sum(0)


def test_gradcheck_perturbs_inputs_of_any_layout() -> None:
    """The numerical Jacobian moves each value of the input itself: a transposed (or otherwise
    non-row-major) input was copied by reshape, its perturbation lost, and gradcheck reported a
    mismatch (a zero numerical Jacobian) for a correct gradient."""
    for lib in (ak, torch):
        weighted = functools.partial(_weighted_sum, lib.arange(12.0, dtype=lib.float64))

        x = lib.rand(3, 4, dtype=lib.float64).t().requires_grad_()
        assert not x.is_contiguous()
        assert lib.autograd.gradcheck(weighted, (x,))
        assert lib.autograd.gradcheck(weighted, (x,), fast_mode=True)
        assert lib.autograd.gradgradcheck(lambda t: (t * t).sum(0), (x,))


@pytest.mark.parametrize("code", [
    "L.cosine_similarity(x, v)", "L.cosine_similarity(x, y)", "L.trapezoid(y, x)",
    "L.trapezoid(y, v)", "L.trapezoid(y)", "L.cumulative_trapezoid(y)",
    "L.cumulative_trapezoid(y, x)", "L.cumulative_trapezoid(y, dx=0.5)",
])
def test_graphs_of_composite_functions_are_pytorchs(code: str) -> None:
    """cosine_similarity expands both inputs when their shapes differ; trapezoid multiplies the
    sums of y by the spacing (x viewed only when it has fewer dimensions than y);
    cumulative_trapezoid multiplies by dx / 2 as a C++ number (MulBackward1)."""
    seen = []
    for L in (ak, torch):
        L.manual_seed(0)
        x, y = (L.rand(3, 4, dtype=L.float64, requires_grad=True) for _ in range(2))
        v = L.rand(4, dtype=L.float64, requires_grad=True)
        out = eval(code, {"L": L, "x": x, "y": y, "v": v})
        out.sum().backward()
        seen.append((_graph_names(out), out.detach().numpy(), y.grad if "trap" in code
                     else x.grad))
    assert seen[0][0] == seen[1][0]
    assert numpy.allclose(seen[0][1], seen[1][1], rtol=1e-12)
    assert numpy.allclose(seen[0][2].numpy(), seen[1][2].numpy(), rtol=1e-12)


@pytest.mark.parametrize("code", [
    "L.rsub(y, c)", "L.rsub(c, y)", "L.pow(c, 1)", "c.pow(1.0)", "L.float_power(c.double(), 1)",
    "L.isreal(c)", "L.softmax(c, 0)", "L.softmax(c, 1)", "(c > 0).pow(True)",
    "L.log_softmax(c, 0)",
])
def test_more_results_have_pytorchs_layout(code: str) -> None:
    """rsub(a, b) is b - a for the layout too (b decides); x ** 1 (and bool ** True) clone
    x with its layout, isreal is ones_like(x); softmax's result is row-major."""
    seen = []
    for L in (ak, torch):
        L.manual_seed(0)
        y, c = L.rand(3, 4), L.rand(4, 3).t()
        out = eval(code, {"L": L, "y": y, "c": c})
        seen.append((tuple(out.shape), out.stride(), out.numpy()))
    assert seen[0][:2] == seen[1][:2]
    assert numpy.allclose(seen[0][2], seen[1][2], rtol=1e-6)


@pytest.mark.parametrize("args", [(), ((0, 2),), ((0, 2), True), ((-1, -2), True), (True,)])
def test_nuclear_norm_is_linalg_matrix_norm_nuc(args: tuple) -> None:
    """torch.nuclear_norm is linalg.matrix_norm(x, 'nuc', dim, keepdim): a permute first
    (PermuteBackward0 even when the dims are already last), and a keepdim overload."""
    seen = []
    for L in (ak, torch):
        L.manual_seed(0)
        x = L.rand(2, 3, 4, dtype=L.float64, requires_grad=True)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            out = L.nuclear_norm(x, *args)
        out.sum().backward()
        seen.append((_graph_names(out), tuple(out.shape), out.sum().item(), x.grad.numpy()))
    assert seen[0][:2] == seen[1][:2]
    assert seen[0][2] == pytest.approx(seen[1][2], rel=1e-12)
    assert numpy.allclose(seen[0][3], seen[1][3], rtol=1e-10)


def test_custom_function_inputs_marked_dirty_or_returned_as_they_are() -> None:
    """(From bb's fuzzer.) A leaf that requires grad marked dirty is one version on when it
    is refused, as PyTorch bumps the version first; under no_grad an input that needs no
    grad returned as it is comes back as a view of it (one that requires grad: detached)."""
    seen = []
    for L in (ak, torch):
        class Dirty(L.autograd.Function):
            @staticmethod
            def forward(ctx, a):
                a.add_(1)
                ctx.mark_dirty(a)
                return a

            @staticmethod
            def backward(ctx, g):
                return g

        class Same(L.autograd.Function):
            @staticmethod
            def forward(ctx, a):
                return a

            @staticmethod
            def backward(ctx, g):
                return g

        x = L.tensor([1.0, 2.0], requires_grad=True)
        with pytest.raises(RuntimeError, match="a leaf Variable that requires grad"):
            Dirty.apply(x)
        plain, needing = L.tensor([1.0, 2.0]), L.tensor([1.0, 2.0], requires_grad=True)
        with L.no_grad():
            views = [(o._is_view(), o._base is a, o.requires_grad)
                     for a in (plain, needing) for o in [Same.apply(a)]]
        seen.append((x._version, views))
    assert seen[0] == seen[1]


@pytest.mark.parametrize("code", ["c.polygamma_(1)", "L.nn.functional.leaky_relu_(c)",
                                  "c.asinh_()", "c.floor_divide_(2)", "c.add_(1)", "c.exp_()"])
def test_captured_in_place_change_under_grad_names_the_aten_operation(code: str) -> None:
    """The refusal names PyTorch's in-place operation (polygamma_, not the kit's class name
    __polygamma_inplace_)."""
    messages = []
    for L in (ak, torch):
        c = L.rand(3)

        def f(x, c=c, L=L):
            eval(code, {"c": c, "L": L})
            return (x * 2).sum()

        with pytest.raises(RuntimeError) as caught:
            L.func.grad(f)(L.rand(3))
        messages.append(str(caught.value))
    assert messages[0] == messages[1]


def test_tensor_of_an_array_keeps_a_dense_arrays_layout() -> None:
    """torch.tensor(X.T) copies X.T as a clone keeps its layout (column-major here), so
    .view(-1) of it fails as in PyTorch; a non-dense array's copy is row-major."""
    base = numpy.arange(24.0).reshape(2, 3, 4)
    arrays = [base.T, base.transpose(2, 0, 1), numpy.asfortranarray(base), base[:, ::2],
              base.T[::2], numpy.arange(6).reshape(2, 3).T, numpy.ones((2, 3), bool).T]
    seen = []
    for L in (ak, torch):
        made = [L.tensor(a) for a in arrays] + [L.tensor(base.T, dtype=L.float32)]
        seen.append([(t.stride(), t.tolist()) for t in made])
        with pytest.raises(RuntimeError):
            L.tensor(base.T).view(-1)
    assert seen[0] == seen[1]
