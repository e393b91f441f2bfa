"""Fixes made by the session-19 lead in the engine's own files, compared with PyTorch live."""

from __future__ import annotations

import warnings

import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")


def outcome(call):
    """What a call gives: its result, or its error's type and message (the library's name
    made neutral)."""
    try:
        return ("ok", call())
    except Exception as error:  # noqa: BLE001 (the error itself is compared)
        return (type(error).__name__, str(error).replace("autograd_kit.", "torch."))


def backward_with_inputs(lib):
    x = lib.ones(2, requires_grad=True)
    calls = [
        lambda: x.sum().backward(inputs=[]),
        lambda: lib.ones(2).backward(inputs=[]),  # (no implicit-gradient error first)
        lambda: x.sum().backward(lib.ones(3), inputs=[]),  # (no shape error first)
        lambda: lib.ones(2).sum().backward(inputs=[]),  # (no "does not require grad" first)
        lambda: x.sum().backward(inputs=[1]),
        lambda: x.sum().backward(lib.ones(3), inputs=[x * 2]),
        lambda: lib.ones(2).sum().backward(inputs=[x]),
        lambda: x.sum().backward(inputs=[lib.ones(2)]),
    ]
    return [outcome(call) for call in calls]


def test_empty_inputs_to_backward_are_refused_before_the_roots_are_checked():
    assert backward_with_inputs(ak) == backward_with_inputs(torch)


def forward_trace_of_custom_function(lib):
    class Broken(lib.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x * 2

        @staticmethod
        def backward(ctx, grad):
            return grad * float("nan")

    x = lib.ones(2, requires_grad=True)
    with lib.autograd.detect_anomaly(), warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = Broken.apply(x)  # the line the trace must end at
        with pytest.raises(RuntimeError, match="returned nan values"):
            out.sum().backward()
    traces = [str(w.message) for w in caught if "Traceback of forward call" in str(w.message)]
    assert len(traces) == 1
    return [line.strip() for line in traces[0].splitlines()
            if line.strip() and "site-packages" not in line and "super().apply" not in line
            and "Triggered internally" not in line]


def test_anomaly_trace_of_a_custom_function_ends_at_the_learners_apply_line():
    kit, reference = forward_trace_of_custom_function(ak), forward_trace_of_custom_function(torch)
    assert kit[-1] == "out = Broken.apply(x)  # the line the trace must end at"
    assert kit[-2:] == reference[-2:]


def anomaly_chain(lib):
    """A NaN in the backward of a node that another node's backward recorded
    (create_graph): what each node's metadata holds, and the warnings' first lines."""

    class Outer(lib.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x * 2

        @staticmethod
        def backward(ctx, grad):
            (x,) = ctx.saved_tensors
            return Inner.apply(grad, x)

    class Inner(lib.autograd.Function):
        @staticmethod
        def forward(ctx, grad, x):
            return grad * 2

        @staticmethod
        def backward(ctx, grad):
            return grad * float("nan"), None

    x = lib.ones(2, requires_grad=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with lib.autograd.detect_anomaly():
            out = Outer.apply(x)
            (g,) = lib.autograd.grad(out.sum(), x, create_graph=True)
            keys = (sorted(out.grad_fn.metadata), sorted(g.grad_fn.metadata),
                    g.grad_fn.metadata["parent_"].name(),
                    x.mul(2).grad_fn.metadata["traceback_"][-1])
            with pytest.raises(RuntimeError, match="returned nan values"):
                g.sum().backward()
    plain = (lib.ones(1, requires_grad=True) * 2).grad_fn.metadata
    heads = [str(w.message).split(":\n")[0] for w in caught
             if "detect_anomaly" not in str(w.message)
             and "Anomaly Detection" not in str(w.message)]
    return keys[:3], keys[3].strip().splitlines()[-1], heads, plain


def test_anomaly_mode_notes_the_trace_and_the_parent_node_and_warns_up_the_chain():
    kit, reference = anomaly_chain(ak), anomaly_chain(torch)
    assert kit == reference
    assert kit[2][1].endswith("Previous calculation was induced by OuterBackward. Traceback of "
                              "forward call that induced the previous calculation")


def saved_once(lib):
    class Triple(lib.autograd.Function):
        clear_saved_tensors_on_access = True

        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x, x * 2)
            return x * 3

        @staticmethod
        def backward(ctx, grad):
            a, b = ctx.saved_tensors
            seen.append((a.tolist(), b.tolist()))
            seen.append(outcome(lambda: ctx.saved_tensors))
            return grad * 3

    seen: list = []
    x = lib.ones(2, requires_grad=True)
    y = Triple.apply(x)
    y.sum().backward(retain_graph=True)
    return (seen, x.grad.tolist(), outcome(lambda: y.grad_fn.saved_tensors),
            outcome(lambda: y.sum().backward()),
            lib.autograd.Function.clear_saved_tensors_on_access)


def test_clear_saved_tensors_on_access_hands_the_saved_tensors_over_once():
    assert saved_once(ak) == saved_once(torch)


def multi_hook_with_unreachable_input(lib):
    leaf = lib.ones(2, requires_grad=True)
    t1, t2, t3, t4 = leaf.mul(2), leaf.mul(3), leaf.mul(4), leaf.mul(5)
    seen: list = []
    lib.autograd.graph.register_multi_grad_hook(
        (t1, t2, t3, t4),
        lambda grads: seen.append([g if g is None else g.tolist() for g in grads]))
    (t2 * t3).sum().backward(inputs=(t1, t3))  # t1 is not in this graph
    first = (list(seen), t3.grad.tolist(), t1.grad)
    seen.clear()
    grads = lib.autograd.grad((t2 * t3).sum(), (t1, t3), allow_unused=True)
    return first, [g if g is None else g.tolist() for g in grads], seen


def test_multi_grad_hook_does_not_wait_for_an_input_outside_the_graph():
    assert multi_hook_with_unreachable_input(ak) == multi_hook_with_unreachable_input(torch)


def custom_function_views(lib):
    """Views a custom Function returns, changed in place later, recorded or not."""

    class ViewOfInput(lib.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x.view_as(x)

        @staticmethod
        def backward(ctx, grad):
            return grad

    class ViewOfTemp(lib.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x.clone().select(0, 0)

        @staticmethod
        def backward(ctx, grad):
            return grad.new_zeros(3, 2)

    b = lib.rand(1, requires_grad=True)
    results = []
    for change in (lambda v: v.add_(b), lambda v: v.copy_(b)):
        view = ViewOfInput.apply(lib.rand(1, 2))  # not recorded: nothing requires grad
        results.append((view._is_view(), view.requires_grad,
                        outcome(lambda change=change, view=view: change(view))))
    x = lib.rand(3, 2, requires_grad=True)
    t = ViewOfTemp.apply(x)
    results.append((t._is_view(), outcome(lambda: t.add_(3))))
    t = ViewOfTemp.apply(x)
    with lib.no_grad():
        t._base.add_(1)
    results.append((outcome(lambda: t.sum()), outcome(lambda: t.grad_fn)))
    plain = ViewOfTemp.apply(lib.rand(3, 2))
    results.append(outcome(lambda: plain.mul_(b)))
    with lib.no_grad():
        quiet = ViewOfTemp.apply(x)
    results.append((quiet.requires_grad, outcome(lambda: quiet.mul_(b))))
    return results


def test_views_a_custom_function_returns_refuse_in_place_changes_with_its_advice():
    assert custom_function_views(ak) == custom_function_views(torch)
