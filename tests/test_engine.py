"""The engine: graph structure, execution order, step records, freeing, hooks, grad modes."""

from __future__ import annotations

import gc
import weakref

import pytest

import autograd_kit as ak

AG = "torch::autograd::AccumulateGrad"


def names(fn):
    return [n.name() if n is not None else None for n, _ in fn.next_functions]


@pytest.mark.parametrize("expr, name, nxt", [
    ("x+y", "AddBackward0", [AG, AG]), ("x+2", "AddBackward0", [AG, None]),
    ("2+x", "AddBackward0", [AG, None]), ("2-x", "RsubBackward1", [AG]),
    ("x-y", "SubBackward0", [AG, AG]), ("x*y", "MulBackward0", [AG, AG]),
    ("x/2", "DivBackward0", [AG, None]), ("2/x", "MulBackward0", ["ReciprocalBackward0", None]),
    ("x**2", "PowBackward0", [AG]), ("x**y", "PowBackward1", [AG, AG]),
    ("2**x", "PowBackward2", [AG]), ("-x", "NegBackward0", [AG]), ("x.exp()", "ExpBackward0", [AG]),
    ("x.clamp(0, 1)", "ClampBackward1", [AG]), ("ak.maximum(x, y)", "MaximumBackward0", [AG, AG]),
    ("ak.where(x > 1, x, 0.)", "WhereBackward0", [AG, None]), ("x@y", "DotBackward0", [AG, AG]),
    ("x.sum()", "SumBackward0", [AG]), ("x.sum(0)", "SumBackward1", [AG]),
    ("x.mean()", "MeanBackward0", [AG]), ("x.max()", "MaxBackward1", [AG]),
    ("x.norm()", "LinalgVectorNormBackward0", [AG]), ("x.softmax(0)", "SoftmaxBackward0", [AG]),
    ("x[0]", "SelectBackward0", [AG]), ("x[1:]", "SliceBackward0", [AG]),
    ("x[[0, 2]]", "IndexBackward0", [AG]), ("ak.cat([x, y])", "CatBackward0", [AG, AG]),
    ("ak.stack([x, y])", "StackBackward0", [AG, AG]), ("x.double()", "ToCopyBackward0", [AG]),
])
def test_grad_fn_names(expr, name, nxt, device):
    x = ak.tensor([1.0, 2.0, 3.0], requires_grad=True, device=device)
    y = ak.tensor([4.0, 5.0, 6.0], requires_grad=True, device=device)
    out = eval(expr, {"ak": ak, "x": x, "y": y})
    assert out.grad_fn.name() == name and type(out.grad_fn).__name__ == name
    assert names(out.grad_fn) == nxt
    assert all(nr == 0 for _, nr in out.grad_fn.next_functions)


def test_accumulate_grad_variable_and_sharing(device):
    x = ak.tensor([1.0, 2.0], requires_grad=True, device=device)
    ag = (x * 2).grad_fn.next_functions[0][0]
    assert type(ag).__name__ == "AccumulateGrad" and ag.name() == AG
    assert ag.variable is x and ag.next_functions == () and x.grad_fn is None
    a, b = x * 2, x + 1
    assert a.grad_fn.next_functions[0][0] is b.grad_fn.next_functions[0][0]


def _order(steps):
    out = []
    for s in steps:
        out.append(s.name)
    return out


def test_execution_order_y_example(device):
    w = ak.tensor([1.0], requires_grad=True, device=device)
    x = ak.tensor([2.0], requires_grad=True, device=device)
    a = x + w
    b = w + 1
    y = a * b
    steps = list(ak.autograd.backward_steps(y))
    assert [s.name for s in steps] == ["MulBackward0", "AddBackward0", "AddBackward0", AG, AG]
    assert steps[1].node is b.grad_fn and steps[2].node is a.grad_fn
    assert steps[3].node.variable is x and steps[4].node.variable is w
    assert w.grad.item() == 5.0 and x.grad.item() == 2.0
    # b created first: MulBackward0, Add[a], AG(x), Add[b], AG(w)
    w.grad = x.grad = None
    b = w + 1
    a = x + w
    steps = list(ak.autograd.backward_steps(a * b))
    assert [s.node for s in steps[1:4]] == [a.grad_fn, steps[2].node, b.grad_fn]
    assert steps[2].node.variable is x and steps[4].node.variable is w


def c09(device):
    a = ak.tensor(2.0, requires_grad=True, device=device)
    w1, w2, w3, w4 = (ak.tensor(v, requires_grad=True, device=device)
                      for v in (0.5, -1.5, 2.0, 3.0))
    b = w1 * a
    c = w2 * a
    d = w3 * b + w4 * c
    return a, (w1, w2, w3, w4), b, c, d, 10 - d


def test_c09_order_and_step_records(device):
    a, ws, b, c, d, L = c09(device)
    w1, w2, w3, w4 = ws
    d.retain_grad()
    steps = list(ak.autograd.backward_steps(L))
    expected = ["RsubBackward1", "AddBackward0", "MulBackward0", AG, "MulBackward0", AG,
                "MulBackward0", AG, "MulBackward0", AG, AG]
    assert [s.name for s in steps] == expected
    leaves = [s.node.variable for s in steps if s.name == AG]
    assert leaves[:4] == [w4, w3, w2, w1] and leaves[4] is a
    assert [s.index for s in steps] == list(range(11))
    rsub = steps[0]
    assert rsub.node is L.grad_fn and rsub.grad_in[0].item() == 1.0
    assert len(rsub.sent) == 1 and rsub.sent[0].target is d.grad_fn
    assert rsub.sent[0].gradient.item() == -1.0 and rsub.sent[0].added is False
    assert rsub.freed is False  # RsubBackward1 saves nothing
    add = steps[1]
    assert add.grad_in[0].item() == -1.0
    assert [w.kind for w in add.writes] == ["retained"] and add.writes[0].tensor is d
    assert add.writes[0].value.item() == -1.0
    mul_w4c = steps[2]
    assert [s.gradient.item() for s in mul_w4c.sent] == [-c.item(), -3.0]  # to w4, to c
    assert mul_w4c.freed is True
    ag_w4 = steps[3]
    assert ag_w4.writes[0].tensor is w4 and ag_w4.writes[0].kind == "leaf"
    assert ag_w4.writes[0].value.item() == 3.0 and ag_w4.writes[0].added is False
    # a receives from both paths: the second arrival is added
    to_a = [s for st in steps for s in st.sent if s.target is not None
            and getattr(s.target, "variable", None) is a]
    assert [s.added for s in to_a] == [False, True]
    assert steps[-1].grad_in[0].item() == 3.5 and a.grad.item() == 3.5
    assert [w.grad.item() for w in ws] == [-4.0, -6.0, -1.0, 3.0]


def test_draining_steps_equals_backward(device):
    a1, ws1, *_, L1 = c09(device)
    a2, ws2, *_, L2 = c09(device)
    L1.backward()
    for _ in ak.autograd.backward_steps(L2):
        pass
    assert a1.grad.item() == a2.grad.item()
    assert [w.grad.item() for w in ws1] == [w.grad.item() for w in ws2]


def test_deep_chain_no_recursion_error():
    x = ak.tensor(1.0, requires_grad=True)
    y = x
    for _ in range(100_000):
        y = y * 1.0
    y.backward()
    assert x.grad.item() == 1.0


def test_saved_arrays_released_and_retained(device):
    def build():
        x = ak.tensor([1.0, 2.0], requires_grad=True, device=device)
        a = x.exp()
        h = a * a
        ref = weakref.ref(a._data)
        out = h.sum()
        del a, h
        return x, out, ref

    if device != "cpu":
        pytest.skip("weakref needs NumPy arrays")
    x, out, ref = build()
    gc.collect()
    assert ref() is not None
    out.backward()
    gc.collect()
    assert ref() is None
    x, out, ref = build()
    out.backward(retain_graph=True)
    gc.collect()
    assert ref() is not None
    out.backward()
    assert x.grad.tolist() == pytest.approx([2 * 2 * 2.718281828 ** 2, 2 * 2 * 2.718281828 ** 4],
                                            rel=1e-5)


def test_hooks_and_retain_grad_order(device):
    x = ak.tensor([1.0], requires_grad=True, device=device)
    a = x * 2
    seen = []
    a.register_hook(lambda g: (seen.append(g.item()), g * 10)[1])
    a.retain_grad()
    a.register_hook(lambda g: (seen.append(g.item()), g + 1)[1])
    a.sum().backward()
    assert seen == [1.0, 10.0] and a.grad.item() == 11.0 and x.grad.item() == 22.0
    x = ak.tensor([1.0], requires_grad=True, device=device)
    a = x * 2
    a.retain_grad()
    a.register_hook(lambda g: g * 10)
    a.sum().backward()
    assert a.grad.item() == 10.0 and x.grad.item() == 20.0
    x = ak.tensor([1.0], requires_grad=True, device=device)
    x.register_hook(lambda g: g * 10)
    (x * 2).sum().backward()
    assert x.grad.item() == 20.0
    (g,) = ak.autograd.grad((x * 2).sum(), x)
    assert g.item() == 20.0 and x.grad.item() == 20.0
    h = x.register_hook(lambda g: g * 0)
    h.remove()


def test_backward_inputs(device):
    x = ak.tensor([1.0, 2.0, 3.0], requires_grad=True, device=device)
    w = ak.tensor([1.0, 1.0, 1.0], requires_grad=True, device=device)
    a = x * 2
    (a * a * w).sum().backward(inputs=[a])
    assert a.grad.tolist() == [4.0, 8.0, 12.0] and x.grad is None and w.grad is None
    assert a.retains_grad
    a = x * 2
    (a * w).sum().backward(inputs=[x])
    assert x.grad.tolist() == [2.0, 2.0, 2.0] and w.grad is None


def test_higher_order(device):
    x = ak.tensor(3.0, requires_grad=True, device=device)
    y = x ** 3
    (d1,) = ak.autograd.grad(y, x, create_graph=True)
    (d2,) = ak.autograd.grad(d1, x, create_graph=True)
    (d3,) = ak.autograd.grad(d2, x)
    assert (d1.item(), d2.item(), d3.item()) == (27.0, 18.0, 6.0)
    x = ak.tensor([1.0, 2.0, 3.0], requires_grad=True, device=device)
    (x ** 2).sum().backward(create_graph=True)
    assert x.grad.requires_grad and x.grad.tolist() == [2.0, 4.0, 6.0]


def test_custom_function(device):
    class MulAdd(ak.autograd.Function):
        @staticmethod
        def forward(ctx, a, b):
            ctx.save_for_backward(a, b)
            return a * b, a + b

        @staticmethod
        def backward(ctx, g1, g2):
            a, b = ctx.saved_tensors
            assert ctx.needs_input_grad == (True, False)
            return g1 * b + g2, None

    a = ak.tensor([2.0], requires_grad=True, device=device)
    b = ak.tensor([3.0], device=device)
    p, s = MulAdd.apply(a, b)
    assert p.grad_fn.name() == "MulAddBackward" and p.grad_fn is s.grad_fn
    (p * s).sum().backward()
    assert a.grad.item() == pytest.approx(5 * 3 + 6)

    class Square(ak.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x * x

        @staticmethod
        def backward(ctx, g):
            (x,) = ctx.saved_tensors
            return 2 * x * g

    x = ak.tensor(3.0, requires_grad=True, device=device)
    (d1,) = ak.autograd.grad(Square.apply(x), x, create_graph=True)
    (d2,) = ak.autograd.grad(d1, x)
    assert d1.item() == 6.0 and d2.item() == 2.0


def test_grad_modes(device):
    x = ak.ones(2, requires_grad=True, device=device)
    with ak.no_grad():
        assert not (x * 2).requires_grad
        with ak.enable_grad():
            assert (x * 2).requires_grad
    with ak.set_grad_enabled(False):
        assert not (x * 2).requires_grad
    assert ak.is_grad_enabled()

    @ak.no_grad()
    def f1():
        return x * 2

    @ak.no_grad
    def f2():
        return x * 2

    @ak.enable_grad
    def f3():
        return x * 2

    @ak.set_grad_enabled(False)
    def f4():
        return x * 2

    assert not f1().requires_grad and not f2().requires_grad and not f4().requires_grad
    with ak.no_grad():
        assert f3().requires_grad
    assert ak.is_grad_enabled()


def test_detach_data_requires_grad_(device):
    x = ak.tensor([1.0, 2.0], requires_grad=True, device=device)
    y = x * 2
    d = y.detach()
    assert d.is_leaf and not d.requires_grad and d.data_ptr() == y.data_ptr()
    y.detach_()
    assert y.is_leaf and not y.requires_grad and y.grad_fn is None
    v = x.data
    assert not v.requires_grad and v.data_ptr() == x.data_ptr()
    v.add_(1)
    assert x._version == 0 and x.tolist() == [2.0, 3.0]
    z = ak.ones(2, device=device).requires_grad_()
    assert z.requires_grad and z.is_leaf


@pytest.mark.parametrize("expr, name", [
    ("a.add_(1)", "AddBackward0"), ("a.sub_(1)", "SubBackward0"), ("a.mul_(2)", "MulBackward0"),
    ("a.div_(2)", "DivBackward0"), ("a.zero_()", "ZeroBackward0"), ("a.fill_(1.)", "FillBackward2"),
    ("a.copy_(y)", "torch::autograd::CopyBackwards"), ("a.clamp_(0, 1)", "ClampBackward1"),
    ("a.__iadd__(1)", "AddBackward0"), ("a.__setitem__(0, 5.)", "torch::autograd::CopySlices"),
])
def test_inplace_versions_and_names(expr, name, device):
    x = ak.tensor([1.0, 2.0, 3.0], requires_grad=True, device=device)
    y = ak.tensor([4.0, 5.0, 6.0], requires_grad=True, device=device)
    a = x * 1
    before = a
    eval(expr, {"a": a, "y": y})
    assert a is before and a._version == 1 and not a.is_leaf
    assert a.grad_fn.name() == name
    assert a.grad_fn.next_functions[0][0].name() == "MulBackward0"


def test_detect_anomaly_names_node(device):
    import warnings

    x = ak.tensor([0.0], requires_grad=True, device=device)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with ak.autograd.detect_anomaly():
            with pytest.raises(RuntimeError, match="Function 'MulBackward0' returned nan"):
                (x * 0).sqrt().sum().backward()


def test_recording_callback_and_trace(device):
    seen = []
    x = ak.tensor([1.0], requires_grad=True, device=device)
    with ak.autograd.graph.recording(lambda node, outs, ins: seen.append(node.name())):
        y = (x * 2).exp().sum()
    z = x * 3
    assert seen == ["MulBackward0", "ExpBackward0", "SumBackward0"]
    del z
    r1 = ak.autograd.graph.trace(y)
    r2 = ak.autograd.graph.trace(y)
    assert [n.id for n in r1.nodes] == list(range(len(r1.nodes)))
    assert [n.name for n in r1.nodes] == ["SumBackward0", "ExpBackward0", "MulBackward0",
                                         "AccumulateGrad"]
    assert [(n.id, n.name, n.next) for n in r1.nodes] == [(n.id, n.name, n.next) for n in r2.nodes]
    assert r1.roots == [0]


def test_backward_steps_hands_each_step_over_in_the_callers_grad_mode() -> None:
    """Between steps the caller's grad mode holds (not create_graph's), and a walk that is
    abandoned halfway leaves whatever mode the caller set since."""
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    y = (x * x).sum()
    modes = []
    with ak.no_grad():
        for _ in ak.autograd.backward_steps(y, retain_graph=True, create_graph=True):
            modes.append(ak.is_grad_enabled())
    assert modes and not any(modes)
    assert ak.is_grad_enabled()
    steps = ak.autograd.backward_steps((x * 3).sum())
    next(steps)
    with ak.no_grad():
        steps.close()
        assert not ak.is_grad_enabled()
    assert ak.is_grad_enabled()
