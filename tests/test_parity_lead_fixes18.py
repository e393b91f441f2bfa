"""Fixes made by the session-18 lead in the engine's own files, compared with PyTorch live."""

from __future__ import annotations

import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")


def outcome(call):
    """What a call gives: its result, or its error's type and message."""
    try:
        return ("ok", call())
    except Exception as error:  # noqa: BLE001 (the error itself is compared)
        return (type(error).__name__, str(error))


def node_calls(lib):
    x = lib.ones(2, requires_grad=True)
    power, product, pieces = x ** 2, x * x, x.unbind()

    def kinds(result):
        return [None if r is None else type(r).__name__
                for r in (result if isinstance(result, tuple) else (result,))]

    calls = [
        lambda: power.grad_fn(lib.ones(2), lib.ones(2)),
        lambda: power.grad_fn(),
        lambda: power.grad_fn(1.0),
        lambda: power.grad_fn(None),
        lambda: product.grad_fn(lib.ones(2), 3),
        lambda: product.grad_fn("a", lib.ones(2), 3),
        lambda: product.grad_fn(lib.ones(2)),
        lambda: pieces[0].grad_fn(lib.ones(())),
        lambda: pieces[0].grad_fn(lib.tensor(1.), lib.tensor(2.)),
        lambda: power.grad_fn.next_functions[0][0](),
        lambda: power.grad_fn.next_functions[0][0](2.0),
    ]
    return [outcome(lambda c=c: kinds(c())) for c in calls]


def test_calling_a_node_by_hand_checks_the_count_then_the_types():
    assert node_calls(ak) == node_calls(torch)


def test_a_custom_function_names_its_node_class_backward_cls():
    def run(lib):
        class Double(lib.autograd.Function):
            @staticmethod
            def forward(ctx, a):
                return a * 2

            @staticmethod
            def backward(ctx, g):
                return g * 2

        y = Double.apply(lib.ones(2, requires_grad=True))
        return type(y.grad_fn) is Double._backward_cls, Double._backward_cls.__name__
    assert run(ak) == run(torch) == (True, "DoubleBackward")


def test_a_dirty_input_returned_twice_moves_its_version_on_once():
    def run(lib):
        class DoubleInPlace(lib.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                x.mul_(2)
                ctx.mark_dirty(x)
                return x, x

            @staticmethod
            def backward(ctx, g1, g2):
                return g1 + g2

        a = lib.ones(2, requires_grad=True)
        b = a.clone()
        o1, o2 = DoubleInPlace.apply(b)
        (o1.sum() * 3 + o2.sum()).backward()
        return b._version, o1 is b, o2 is b, a.grad.tolist()
    assert run(ak) == run(torch)


def saved_when_returned(lib, through_op):
    seen = []

    class Same(lib.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x

        @staticmethod
        def backward(ctx, g):
            (s,) = ctx.saved_tensors
            seen.append((None if s.grad_fn is None else type(s.grad_fn).__name__, s.is_leaf,
                         s is p))
            return g * 2

    p = lib.ones(2, requires_grad=True)
    y = Same.apply(p * 3 if through_op else p)
    y.sum().backward()
    return seen, p.grad.tolist(), type(y.grad_fn).__name__


@pytest.mark.parametrize("through_op", [False, True])
def test_an_input_saved_and_returned_as_it_is_is_saved_as_the_input(through_op):
    assert saved_when_returned(ak, through_op) == saved_when_returned(torch, through_op)


def non_differentiable_grads(lib, flag, materialize):
    received = []

    class TwoOutputs(lib.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            kept, marked = x.clone(), x.clone()
            ctx.set_materialize_grads(materialize)
            ctx.mark_non_differentiable(marked)
            if flag is not None:
                ctx._materialize_non_diff_grads = flag
            return kept, marked

        @staticmethod
        def backward(ctx, g_kept, g_marked):
            received.append(None if g_marked is None else g_marked.tolist())
            return g_kept

    kept, _ = TwoOutputs.apply(lib.tensor([1., 2.], requires_grad=True))
    kept.sum().backward()
    return received


@pytest.mark.parametrize("flag", [None, False, True])
@pytest.mark.parametrize("materialize", [True, False])
def test_materialize_non_diff_grads_false_leaves_none(flag, materialize):
    assert (non_differentiable_grads(ak, flag, materialize)
            == non_differentiable_grads(torch, flag, materialize))


def inference_view_of_view(lib, case):
    if case == "requires_grad_later":
        x = lib.zeros(2)
        with lib.inference_mode():
            y = x.view(2)
        y.requires_grad_(True)
        return outcome(lambda: y.view(2).div_(2) and None)
    a = lib.ones(6, requires_grad=True).clone()
    with lib.inference_mode():
        o = a.view(-1)
    return outcome(lambda: o.view(2, 3).add_(1) and None)


@pytest.mark.parametrize("case", ["requires_grad_later", "base_requires_grad"])
def test_a_view_of_an_inference_mode_view_names_inference_mode(case):
    kit, ours = inference_view_of_view(ak, case), inference_view_of_view(torch, case)
    assert kit == ours
    assert "inference mode" in kit[1]


def callbacks_run(lib):
    engine = lib.autograd.Variable._execution_engine
    log = [outcome(lambda: engine.queue_callback(lambda: None))]
    x = lib.ones(2, requires_grad=True)

    def hook(g):
        def first():
            log.append(("first", x.grad is None, lib.is_grad_enabled()))
            engine.queue_callback(lambda: log.append("queued by a callback"))
        log.append("hook")
        engine.queue_callback(first)
        return g

    y = x * 2
    y.register_hook(hook)
    y.sum().backward()
    z = x * 3
    z.register_hook(hook)
    log.append(lib.autograd.grad(z.sum(), x, create_graph=True)[0].tolist())

    class Reentrant(lib.autograd.Function):
        @staticmethod
        def forward(ctx, a):
            return a * 1

        @staticmethod
        def backward(ctx, g):
            with lib.enable_grad():
                w = lib.ones(2, requires_grad=True) * 2
                w.register_hook(lambda _: engine.queue_callback(lambda: log.append("inner")))
                w.sum().backward()
            engine.queue_callback(lambda: log.append("outer"))
            return g

    Reentrant.apply(x).sum().backward()
    failing = x * 4
    failing.register_hook(lambda _: engine.queue_callback(lambda: 1 / 0))
    log.append(outcome(lambda: failing.sum().backward()))
    return log


def test_queue_callback_runs_after_the_pass_in_its_grad_mode_innermost_first():
    assert callbacks_run(ak) == callbacks_run(torch)


def backward_to_edges(lib):
    edge_of = lib.autograd.graph.get_gradient_edge
    x, w = lib.ones(2, requires_grad=True), lib.ones(2, requires_grad=True)
    a = x * 2
    loss = (a * w).sum()
    log = []
    a.register_hook(lambda g: log.append(g.tolist()))
    for inputs in ([edge_of(x)], [edge_of(a)], edge_of(w), [edge_of(a), w]):
        loss.backward(inputs=inputs, retain_graph=True)
        log.append((None if x.grad is None else x.grad.tolist(),
                    None if w.grad is None else w.grad.tolist()))
    return log


def test_backward_takes_gradient_edges_as_inputs():
    assert backward_to_edges(ak) == backward_to_edges(torch)


def grad_dtype_story(lib):
    def show(value):
        return str(value).replace("torch.", "").replace("autograd_kit.", "")

    x = lib.ones(2, requires_grad=True)
    story = [show(x.grad_dtype), outcome(lambda: (x * 2).grad_dtype)]

    def set_to(tensor, value):
        tensor.grad_dtype = value

    story.append(outcome(lambda: set_to(x, lib.float64)))
    for _ in range(2):
        (x * 2).sum().backward()
        story.append((x.grad.tolist(), show(x.grad.dtype)))
    story += [outcome(lambda: set_to(x, lib.float16)), outcome(lambda: set_to(x, lib.float64))]
    x.grad = None
    story += [outcome(lambda: set_to(x, None)), show(x.grad_dtype)]
    (x * 2).sum().backward()
    story.append(show(x.grad.dtype))
    story.append(outcome(lambda: setattr(x, "grad", lib.ones(2, dtype=lib.float64))))
    story.append(show(x.grad.dtype))
    story.append(outcome(lambda: set_to(x * 2, lib.float64)))
    other = lib.ones(2, requires_grad=True)
    other.grad_dtype = lib.float64
    story.append(outcome(lambda: setattr(other, "grad", lib.ones(2))))
    wide = lib.ones(2, dtype=lib.float64, requires_grad=True)
    wide.grad_dtype = lib.float32
    (wide * 3).sum().backward()
    story += [show(wide.grad.dtype), show(wide.detach().grad_dtype)]
    return story


def test_grad_dtype_of_leaves():
    assert grad_dtype_story(ak) == grad_dtype_story(torch)


def builtin_node_calls(lib):
    x = lib.tensor([3., 1., 2.], requires_grad=True)
    results = []
    for make in (lambda: x.max(0).values, lambda: x.sort().values, lambda: x.topk(2).values,
                 lambda: x.unbind()[0]):
        v = make()
        for count in (1, 2):
            results.append(outcome(lambda v=v, count=count: v.grad_fn(
                *[lib.ones(v.shape)] * count).tolist()))
    return results


def test_a_node_with_an_index_output_takes_one_gradient_by_hand():
    assert builtin_node_calls(ak) == builtin_node_calls(torch)


INFERENCE_WRITES = [
    "z[0] = w[0]", "z[0] = T.tensor(7., requires_grad=True)", "big[1] = w", "big[1] = w * 2",
    "z.copy_(w)", "z.add_(w)", "big[0, 0] = w[1]", "big[:, 0] = w[:2]",
    "z[T.tensor([0])] = w[:1]", "y.add_(1)", "y.add_(w)", "y.zero_()", "y[0] = 5.",
    "y.fill_(2.)", "y.clamp_(0, 1)", "y += 1", "y.copy_(T.zeros(3))", "y.add_(T.ones(3))",
    "y.masked_fill_(T.tensor([True, False, False]), 9.)", "y.sub_(1, alpha=2)",
    "y[0] = T.tensor(5.)", "y[0] = w[0]", "y[1:] = T.zeros(2)", "y[T.tensor([0])] = 4.",
    "y[y > 0] = 3.",
]


def inference_write(lib, code):
    """An in-place change of inference tensors outside inference_mode: the error, and
    whether the values were written first."""
    w = lib.ones(3, requires_grad=True)
    with lib.inference_mode():
        z, big, y = lib.arange(3.), lib.zeros(2, 3), lib.arange(3.).requires_grad_()
    names = {"T": lib, "w": w, "z": z, "big": big, "y": y}
    result = outcome(lambda: exec(code, names))
    return result[0], result[1][:60], z.tolist(), big.tolist(), y.tolist()


@pytest.mark.parametrize("code", INFERENCE_WRITES)
def test_inference_tensors_changed_outside_the_mode(code):
    assert inference_write(ak, code) == inference_write(torch, code)


def ops_on_inference_tensors(lib):
    w = lib.ones(3, requires_grad=True)
    with lib.inference_mode():
        y = (w * lib.arange(3.)).requires_grad_()
    results = []
    for make in (lambda: y.sum(), lambda: y.exp(), lambda: y[0], lambda: y.view(3, 1),
                 lambda: y * 2, lambda: y + w, lambda: y * y, lambda: y.relu(),
                 lambda: lib.cat([y, w]), lambda: y.detach()):
        def describe(make=make):
            t = make()
            return (t.requires_grad, None if t.grad_fn is None else type(t.grad_fn).__name__,
                    t.is_inference())
        results.append(outcome(describe))
    results.append(outcome(lambda: y.sum().backward()))
    return results


def test_an_operation_whose_inputs_are_all_inference_tensors_is_not_recorded():
    assert ops_on_inference_tensors(ak) == ops_on_inference_tensors(torch)


def clones_of_inference_tensors(lib):
    with lib.inference_mode():
        y = lib.arange(3.).requires_grad_()
        t = lib.arange(6.).view(2, 3).t()
    c = y.clone()
    node = c.grad_fn
    edges = [None if n is None else type(n).__name__ for n, _ in node.next_functions]
    (c * c).sum().backward()
    kept, row_major = t.clone(), t.clone(memory_format=lib.contiguous_format)
    return (c.requires_grad, type(node).__name__, edges, y.grad.tolist(), c._version,
            kept.stride(), row_major.stride(), kept._version, kept.is_inference(),
            kept.requires_grad)


def test_the_clone_of_an_inference_tensor_outside_the_mode_is_a_copy():
    assert clones_of_inference_tensors(ak) == clones_of_inference_tensors(torch)


def hooks_around_forward_ad(lib):
    forward_ad = lib.autograd.forward_ad
    log = []
    w = lib.ones(3, requires_grad=True)
    w.register_hook(lambda g: log.append(("w", [round(v, 5) for v in g.tolist()])))
    with forward_ad.dual_level():
        x = forward_ad.make_dual(lib.tensor([1., 2., 3.]), lib.ones(3))
        y = (x * w).sin()
        y.register_hook(lambda g: log.append(("y", g.tolist())))
        y.retain_grad()
        z = y * 2
        tangent = [round(v, 5) for v in forward_ad.unpack_dual(z).tangent.tolist()]
        log.append(("before backward", y.grad is None))
        z.sum().backward()
    return tangent, log, y.grad.tolist()


def test_finding_tangents_runs_no_tensor_hook_and_fills_no_retained_grad():
    assert hooks_around_forward_ad(ak) == hooks_around_forward_ad(torch)


REDUCTIONS_OVER_A_DIM = {
    "sum": lambda x: x.sum(0), "mean": lambda x: x.mean(0, keepdim=True),
    "prod": lambda x: x.prod(0), "var": lambda x: x.var(0), "std": lambda x: x.std(0),
    "amax": lambda x: x.amax(0), "amin": lambda x: x.amin(0), "norm": lambda x: x.norm(dim=0),
    "logsumexp": lambda x: x.logsumexp(0), "nansum": lambda x: x.nansum(0),
    "log_softmax": lambda x: x.log_softmax(-1),
}


@pytest.mark.parametrize("name", sorted(REDUCTIONS_OVER_A_DIM))
def test_a_row_major_result_still_guards_the_output_it_saved(name):
    def run(lib):
        x = lib.arange(1., 37.).reshape(3, 4, 3).transpose(1, 2).requires_grad_()
        out = REDUCTIONS_OVER_A_DIM[name](x)
        out.add_(1)
        return outcome(lambda: out.sum().backward())[0]
    assert run(ak) == run(torch)


@pytest.mark.parametrize("name", sorted(REDUCTIONS_OVER_A_DIM))
@pytest.mark.parametrize("requires_grad", [True, False])
def test_a_reduction_over_a_dim_of_a_transposed_tensor_is_row_major(name, requires_grad):
    def run(lib):
        x = lib.arange(36.).reshape(3, 4, 3).transpose(1, 2).requires_grad_(requires_grad)
        out = REDUCTIONS_OVER_A_DIM[name](x)
        return out.stride(), out.view(-1).shape
    assert run(ak) == run(torch)


def backward_returning_an_array(lib):
    class Doubled(lib.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x * 2

        @staticmethod
        def backward(ctx, g):
            return g.numpy() * 2

    y = Doubled.apply(lib.tensor([-1., 2.], requires_grad=True))
    return outcome(lambda: y.sum().backward())


def test_a_backward_returning_an_array_names_numpy_ndarray():
    assert backward_returning_an_array(ak) == backward_returning_an_array(torch)
