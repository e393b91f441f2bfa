"""Parity with PyTorch for corners found by helper ac's training-loop fuzzer (Module
subclasses, losses, optimizer steps, clipping, hooks, state_dict round trips, gradient
penalties with autograd.grad(create_graph=True), torch.autograd.functional)."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")

import autograd_kit as ak  # noqa: E402
from tests.parity_harness import built_outcome, same_built  # noqa: E402


def same(build):
    return same_built(build, torch, ak)


def layout(t):
    return None if t is None else (tuple(t.shape), t.stride(), t._is_view(), t._version)


# ---- gradient penalties through batch norm ------------------------------------------------

@pytest.mark.parametrize("shape", [(4, 2), (2, 2, 3), (2, 2, 3, 2)])
def test_second_order_gradient_of_batch_norm_weight_is_a_new_tensor(shape):
    """The gradients of batch norm's backward (NativeBatchNormBackwardBackward0) are new
    tensors in PyTorch; the kit's weight gradient was a view (of its own (1, C, 1) step),
    so where two paths met at the weight it was not summed in place (grad._version 0,
    PyTorch's 1)."""
    def build(lib):
        F = lib.nn.functional
        lib.manual_seed(0)
        w = lib.ones(shape[1], requires_grad=True)
        b = lib.zeros(shape[1], requires_grad=True)
        x = lib.randn(*shape).requires_grad_()
        s = (F.batch_norm(x, None, None, w, b, training=True) * lib.randn(*shape)).sum()
        g = lib.autograd.grad(s, (x, w, b), create_graph=True)
        g2 = lib.autograd.grad((g[0] ** 2).sum(), (x, w, b), allow_unused=True,
                               retain_graph=True)
        (s + (g[0] ** 2).sum()).backward()
        return [layout(t) for t in g2] + [layout(w.grad), layout(b.grad)]
    same(build)


def test_gradient_penalty_training_step_with_batch_norm_leaves_pytorchs_versions():
    """A critic with BatchNorm1d and a gradient penalty: after backward the weights'
    gradients have PyTorch's versions (the two paths summed in place)."""
    def build(lib):
        F = lib.nn.functional
        lib.manual_seed(0)
        net = lib.nn.Sequential(lib.nn.Linear(3, 4), lib.nn.BatchNorm1d(4), lib.nn.ReLU(),
                                lib.nn.Linear(4, 1))
        x = lib.randn(5, 3).requires_grad_()
        out = net(x)
        g, = lib.autograd.grad(out.sum(), x, create_graph=True)
        loss = F.softplus(out).mean() + ((g.norm(2, dim=1) - 1) ** 2).mean()
        loss.backward()
        return [layout(p.grad) for p in net.parameters()]
    same(build)


# ---- which input's gradient PyTorch's backward computes first (create_graph) -------------

def names(fn, depth=3):
    if fn is None or depth == 0:
        return None if fn is None else type(fn).__name__
    return (type(fn).__name__, tuple(names(f, depth - 1) for f, _ in fn.next_functions))


BINARY = {
    "mul": lambda T, a, b, c: a * b, "div": lambda T, a, b, c: a / b,
    "mul3": lambda T, a, b, c: a * b * c, "where": lambda T, a, b, c: T.where(a > 1.7, b, c),
    "maximum": lambda T, a, b, c: T.maximum(a, b), "minimum": lambda T, a, b, c: T.minimum(a, b),
    "fmax": lambda T, a, b, c: T.fmax(a, b), "fmin": lambda T, a, b, c: T.fmin(a, b),
    "hypot": lambda T, a, b, c: T.hypot(a, b), "logaddexp": lambda T, a, b, c: T.logaddexp(a, b),
    "logaddexp2": lambda T, a, b, c: T.logaddexp2(a, b), "dist": lambda T, a, b, c: T.dist(a, b),
    "lerp": lambda T, a, b, c: T.lerp(a, b, 0.3), "lerp_tensor": lambda T, a, b, c: T.lerp(a, b, c),
    "pow": lambda T, a, b, c: a ** b, "xlogy": lambda T, a, b, c: T.xlogy(a, b),
    "vdot": lambda T, a, b, c: T.vdot(a, b), "clamp": lambda T, a, b, c: T.clamp(a, b, c),
    "clamp_min": lambda T, a, b, c: T.clamp(a, min=b),
    "clamp_max": lambda T, a, b, c: T.clamp_max(a, c),
}


@pytest.mark.parametrize("op", list(BINARY))
def test_backward_computes_the_inputs_gradients_in_pytorchs_order(op):
    """PyTorch's generated backward of mul, div, where, maximum, lerp, pow, clamp, ...
    computes the later inputs' gradients first: under create_graph their nodes come first
    (_sequence_nr). The kit computed them in argument order, so in a later backward (jvp's
    double-backward trick, Hessian-vector products) paths met in the other order."""
    def build(lib):
        a = lib.tensor([1.5, 2.], requires_grad=True)
        b = lib.tensor([3., -4.], requires_grad=True)
        c = lib.tensor([0.5, 0.7], requires_grad=True)
        out = BINARY[op](lib, a, b, c)
        u = lib.zeros_like(out, requires_grad=True)
        grads = lib.autograd.grad(out, (a, b, c), u, create_graph=True, allow_unused=True)
        numbers = {i: g.grad_fn._sequence_nr() for i, g in enumerate(grads)
                   if g is not None and g.grad_fn is not None}
        return sorted(numbers, key=numbers.get)
    same(build)


@pytest.mark.parametrize("f", ["a.sin() * a", "a.exp().sum() * a", "a / a.cos()",
                               "T.where(a > 0, a * a, a.exp())"])
def test_jvp_with_create_graph_has_pytorchs_graph(f):
    """torch.autograd.functional.jvp(create_graph=True): the paths meet in PyTorch's order
    (the operands of the AddBackward0 that sums them)."""
    def build(lib):
        lib.manual_seed(0)
        a, v = lib.randn(2, dtype=lib.float64), lib.randn(2, dtype=lib.float64)
        out, jv = lib.autograd.functional.jvp(lambda a: eval(f, {"T": lib, "a": a}), a, v,
                                             create_graph=True)
        return names(out.grad_fn), names(jv.grad_fn, 4)
    same(build)


# ---- forward-mode jacobian: views of one batch --------------------------------------------

def placed(t):
    return tuple(t.shape), t.stride(), t.storage_offset(), t._is_view()


@pytest.mark.parametrize("f, shapes", [
    ("a.relu()", [(3,)]), ("a * 2", [(2, 3)]), ("a[:2].exp()", [(3, 2)]),
    ("a.sum() * b", [(3,), (2,)]), ("(a * b).sum()", [(2,), (2,)]),
])
def test_forward_mode_jacobian_blocks_are_pytorchs_views(f, shapes):
    """jacobian(vectorize=True, strategy='forward-mode'): PyTorch's blocks are views of one
    batch over all the inputs' elements (that dimension last in memory: strides (1, n);
    the second input's block at an offset). The kit's untracked blocks were row-major
    copies, and every block started at offset 0."""
    def build(lib):
        lib.manual_seed(0)
        xs = tuple(lib.randn(*s) for s in shapes)
        fn = eval(f"lambda a, b=None: {f}", {})
        jac = lib.autograd.functional.jacobian(fn, xs if len(xs) > 1 else xs[0],
                                               vectorize=True, strategy="forward-mode")
        return [placed(j) for j in (jac if isinstance(jac, tuple) else (jac,))]
    same(build)


def test_forward_mode_jacobian_of_tracked_inputs_splits_one_batch():
    def build(lib):
        lib.manual_seed(0)
        a, b = lib.randn(3, requires_grad=True), lib.randn(2, requires_grad=True)
        jac = lib.autograd.functional.jacobian(lambda a, b: a.sum() * b, (a, b),
                                               vectorize=True, strategy="forward-mode")
        return [(placed(j), names(j.grad_fn, 2)) for j in jac]
    same(build)


def test_forward_over_reverse_hessian_blocks_are_pytorchs_views():
    def build(lib):
        lib.manual_seed(0)
        a = lib.randn(3)
        h = lib.autograd.functional.hessian(lambda a, b: (a.pow(3) * b).sum(), (a, a * 2),
                                            vectorize=True, outer_jacobian_strategy="forward-mode")
        return [placed(x) for row in h for x in row]
    same(build)


# ---- binary_cross_entropy_with_logits with targets of another dtype -----------------------

def bce_case(lib, x_dtype, t_dtype, options, reduction, create_graph=False):
    F = lib.nn.functional
    lib.manual_seed(0)
    x = (lib.randn(3, 4) * 3).to(getattr(lib, x_dtype)).requires_grad_()
    t = lib.randint(0, 2, (3, 4)).to(getattr(lib, t_dtype))
    extra = {"pos_weight": lib.tensor([1.5, 2., 0.5, 1.]),
             "weight": lib.rand(3, 4, dtype=lib.float64)}.get(options, None)
    kwargs = {options: extra} if extra is not None else {}
    loss = F.binary_cross_entropy_with_logits(x, t, reduction=reduction, **kwargs)
    g, = lib.autograd.grad(loss.sum(), x, create_graph=create_graph)
    fn = lambda t: None if t.grad_fn is None else (  # noqa: E731
        type(t.grad_fn).__name__, [type(n).__name__ for n, _ in t.grad_fn.next_functions])
    return (str(loss.dtype)[-7:], fn(loss), loss.tolist(), str(g.dtype)[-7:], g.tolist(),
            g._version, fn(g))


@pytest.mark.parametrize("options", ["none", "pos_weight", "weight"])
@pytest.mark.parametrize("reduction", ["none", "mean", "sum"])
@pytest.mark.parametrize("x_dtype, t_dtype", [("float32", "float64"), ("float64", "float32"),
                                             ("float32", "float32")])
def test_logits_bce_with_a_target_of_another_dtype(x_dtype, t_dtype, options, reduction):
    """float32 logits with float64 targets (torch.from_numpy): PyTorch's node takes the logits
    as they are (the kit recorded a ToCopyBackward0 to the target's dtype first), takes
    ln σ(x) in x's dtype and rounds each in-place step to the target's dtype (the loss's
    values differed in float64's last 9 digits), and works ∂L/∂x out in place on σ(x)."""
    same(lambda lib: bce_case(lib, x_dtype, t_dtype, options, reduction))


@pytest.mark.parametrize("options", ["none", "pos_weight"])
def test_logits_bce_with_a_target_of_another_dtype_under_create_graph(options):
    same(lambda lib: bce_case(lib, "float32", "float64", options, "mean", create_graph=True))


# ---- huber_loss with a target of another dtype ---------------------------------------------

@pytest.mark.parametrize("reduction", ["none", "mean"])
@pytest.mark.parametrize("x_dtype, t_dtype", [("float32", "float64"), ("float64", "float32"),
                                              ("float64", "int64")])
def test_huber_loss_with_a_target_of_another_dtype(x_dtype, t_dtype, reduction):
    """huber_loss(float32 output, float64 target): PyTorch's loss has the output's dtype,
    each value worked out in float64 and then rounded (the kit rounded the target first:
    1 ulp off), and its backward refuses the mixed dtypes ('Found dtype Double but expected
    Float'); the kit's backward went through."""
    def build(lib):
        lib.manual_seed(0)
        x = (lib.randn(3, 4) * 2).to(getattr(lib, x_dtype)).requires_grad_()
        t = (lib.randn(3, 4) * 3).to(getattr(lib, t_dtype))
        loss = lib.nn.functional.huber_loss(x, t, reduction=reduction)
        crit = lib.nn.HuberLoss(reduction=reduction, delta=0.5)
        values = (str(loss.dtype)[-7:], loss.tolist(), crit(x, t).tolist())
        return values, built_outcome(lambda lib: lib.autograd.grad(loss.sum(), x), lib)
    same(build)
