"""Forward AD ignores grad mode (as PyTorch's does), and torch.autograd.graph, compared with
PyTorch live."""

import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")

TANGENT = [1.0, -1.0, 0.5, 2.0]


def _tangent(lib, t):
    tangent = lib.autograd.forward_ad.unpack_dual(t).tangent
    return None if tangent is None else [round(v, 5) for v in tangent.flatten().tolist()]


def _seen(lib, t):
    """What a learner sees of a result: values, tangent, requires_grad, grad_fn, view."""
    return (t.flatten().tolist(), _tangent(lib, t), t.requires_grad, t.grad_fn is None,
            t._is_view(), str(t.dtype).split(".")[-1])


def _under_no_grad(lib, f):
    fw = lib.autograd.forward_ad
    with fw.dual_level():
        x = fw.make_dual(lib.tensor([1.0, 2.0, 3.0, 4.0]), lib.tensor(TANGENT))
        with lib.no_grad():
            y = f(x, lib)
        return _seen(lib, y)


# operations that go through Function.apply under no_grad
THROUGH_APPLY = {
    "mul_int": lambda x, L: x * 3,
    "rsub": lambda x, L: 1.0 - x,
    "neg": lambda x, L: -x,
    "pow": lambda x, L: x ** 2,
    "exp": lambda x, L: x.exp(),
    "sum": lambda x, L: x.sum(),
    "mean": lambda x, L: x.mean(),
    "max_dim": lambda x, L: x.max(0).values,
    "softmax": lambda x, L: x.softmax(0),
    "relu": lambda x, L: L.relu(x),
    "clone": lambda x, L: x.clone(),
    "double": lambda x, L: x.double(),
    "view": lambda x, L: x.view(2, 2),
    "transpose": lambda x, L: x.view(2, 2).t(),
    "slice": lambda x, L: x[1:3],
    "matmul": lambda x, L: x.view(2, 2) @ x.view(2, 2),
    "where": lambda x, L: L.where(x > 2, x, 0.0),
    "cat": lambda x, L: L.cat([x, x]),
    "stack": lambda x, L: L.stack([x, x * 2]),
    "linear": lambda x, L: L.nn.functional.linear(x.view(2, 2), L.ones(2, 2)),
    "chained": lambda x, L: (x * 2).exp().sum(),
    "long": lambda x, L: x.long(),  # (an integer result: no tangent)
    "argmax": lambda x, L: x.argmax(),
    "sort_indices": lambda x, L: x.sort().indices,
    "topk": lambda x, L: x.topk(2).values,
    "masked_select": lambda x, L: x[x > 2],
}


@pytest.mark.parametrize("name", sorted(THROUGH_APPLY))
def test_an_operation_under_no_grad_carries_the_tangent(name):
    """PyTorch: under no_grad, y = f(x) of a dual x does not require grad yet carries J·v;
    the kit recorded nothing, so y carried no tangent."""
    f = THROUGH_APPLY[name]
    assert _under_no_grad(ak, f) == _under_no_grad(torch, f)


# + - * / and mm of plain float operands: ops/plain_arithmetic.py's no_grad shortcut steps
# aside while forward AD is on (function.forward_only), so these carry tangents too
PLAIN_SHORTCUT = {
    "mul_float": lambda x, L: x * 3.0,
    "square": lambda x, L: x * x,
    "add_self": lambda x, L: x + x,
    "div_float": lambda x, L: x / 2.0,
    "mul_tensor": lambda x, L: x * L.ones(4),
    "mm": lambda x, L: x.view(2, 2).mm(L.ones(2, 2)),  # (plain_arithmetic.mm)
}


@pytest.mark.parametrize("name", sorted(PLAIN_SHORTCUT))
def test_plain_arithmetic_under_no_grad_carries_the_tangent(name):
    f = PLAIN_SHORTCUT[name]
    assert _under_no_grad(ak, f) == _under_no_grad(torch, f)


def test_a_result_under_no_grad_prints_and_goes_on_as_a_dual():
    """It prints with its tangent, what follows it (grad mode on or off) carries one, and
    after the level it is a plain tensor."""
    def run(lib):
        fw = lib.autograd.forward_ad
        with fw.dual_level():
            x = fw.make_dual(lib.tensor([1.0, 2.0]), lib.tensor([1.0, 1.0]))
            with lib.no_grad():
                y = x * 3
            w = y * 2
            z = y.sin() * x  # (a dual computed unrecorded meets a recorded one)
            inside = (repr(y), repr(w), _tangent(lib, w), _tangent(lib, z), w.requires_grad)
        return inside, repr(y), y.requires_grad

    assert run(ak) == run(torch)


def test_a_result_under_no_grad_with_a_users_tensor():
    """y (computed under no_grad) times a tensor that requires grad: the product's tangent
    and the gradient of the tensor."""
    def run(lib):
        fw = lib.autograd.forward_ad
        with fw.dual_level():
            x = fw.make_dual(lib.tensor([1.0, 2.0]), lib.tensor([1.0, -1.0]))
            with lib.no_grad():
                y = x.sin()
            p = lib.tensor([3.0, 4.0], requires_grad=True)
            q = y * p
            q.sum().backward()
            return _tangent(lib, q), q.requires_grad, [round(v, 5) for v in p.grad.tolist()]

    assert run(ak) == run(torch)


def test_an_integer_conversion_of_a_dual():
    """``x.long()`` of a dual (grad mode on): an integer tensor without a tangent; the
    kit's first cut of forward AD under no_grad asked for its tangent and failed."""
    def run(lib):
        fw = lib.autograd.forward_ad
        with fw.dual_level():
            x = fw.make_dual(lib.tensor([1.0, 2.0]), lib.tensor([1.0, 1.0]))
            y = x.long()
            return y.tolist(), _tangent(lib, y), y.requires_grad

    assert run(ak) == run(torch)


def test_inference_mode_turns_forward_ad_off():
    def run(lib):
        fw = lib.autograd.forward_ad
        with fw.dual_level():
            x = fw.make_dual(lib.tensor([1.0, 2.0]), lib.tensor([1.0, 1.0]))
            with lib.inference_mode():
                y = x * 5
            return _tangent(lib, y), y.requires_grad, y.is_inference()

    assert run(ak) == run(torch)


def _custom(lib, calls):
    class Twice(lib.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            y = x * 2
            calls.append(lib.autograd.forward_ad.unpack_dual(x).tangent is None)
            return y

        @staticmethod
        def backward(ctx, grad):
            return grad * 2

        @staticmethod
        def jvp(ctx, tangent):
            calls.append("jvp")
            return tangent * 10

    return Twice


@pytest.mark.parametrize("no_grad", [False, True])
def test_a_custom_function_gives_its_own_jvp(no_grad):
    """PyTorch calls the Function's jvp (grad mode on or off), and forward AD is off inside
    its forward; the kit took the tangent of what forward computed (2·t, not jvp's 10·t)."""
    def run(lib):
        calls = []
        twice = _custom(lib, calls)
        fw = lib.autograd.forward_ad
        with fw.dual_level():
            x = fw.make_dual(lib.tensor([1.0, 2.0]), lib.tensor([1.0, 1.0]))
            if no_grad:
                with lib.no_grad():
                    y = twice.apply(x)
            else:
                y = twice.apply(x)
            return _tangent(lib, y), calls, y.requires_grad if no_grad else None

    assert run(ak) == run(torch)


def _jvp_of(lib, f):
    out, tangent = lib.func.jvp(f, (lib.tensor([1.0, 2.0]),), (lib.tensor([1.0, -1.0]),))
    return [round(v, 5) for v in out.tolist()], [round(v, 5) for v in tangent.tolist()]


def test_func_jvp_of_a_function_using_no_grad():
    """PyTorch's func.jvp ignores a no_grad inside f; the kit gave zeros."""
    def f_of(lib):
        def f(a):
            with lib.no_grad():
                return a.sin() * 3
        return f

    def mixed_of(lib):
        def f(a):
            with lib.no_grad():
                b = a.exp()
            return b * a.cos()
        return f

    for make in (f_of, mixed_of):
        assert _jvp_of(ak, make(ak)) == _jvp_of(torch, make(torch))


def test_jacfwd_of_a_function_using_no_grad():
    """PyTorch's jacfwd is forward mode: a no_grad inside f does not stop it (the kit gave a
    zero Jacobian)."""
    def run(lib):
        def f(a):
            with lib.no_grad():
                return (a.exp() * 3).cumsum(0)

        jac = lib.func.jacfwd(f)(lib.tensor([1.0, 2.0]))
        return [round(v, 4) for v in jac.flatten().tolist()], jac.requires_grad

    assert run(ak) == run(torch)


def test_func_jvp_under_an_outer_no_grad():
    def run(lib):
        with lib.no_grad():
            return _jvp_of(lib, lambda a: a.sin() * 3)

    assert run(ak) == run(torch)


IN_PLACE = {
    "clone_mul_": lambda x, L: (lambda c: (c.mul_(2), c)[1])(x.clone()),
    "clone_sin_": lambda x, L: (lambda c: (c.sin_(), c)[1])(x.clone()),
    "plain_add_": lambda x, L: (lambda c: (c.add_(x), c)[1])(L.ones(4)),
    "plain_copy_": lambda x, L: (lambda c: (c.copy_(x), c)[1])(L.ones(4)),
    "setitem": lambda x, L: (lambda c: (c.__setitem__(0, x[1]), c)[1])(L.zeros(4)),
    "clone_zero_": lambda x, L: (lambda c: (c.zero_(), c)[1])(x.clone()),
}


@pytest.mark.parametrize("name", sorted(IN_PLACE))
def test_an_in_place_change_under_no_grad_carries_the_tangent(name):
    """PyTorch: the changed tensor carries the tangent of its new value (and its version
    moves on once)."""
    f = IN_PLACE[name]

    def run(lib):
        fw = lib.autograd.forward_ad
        with fw.dual_level():
            x = fw.make_dual(lib.tensor([1.0, 2.0, 3.0, 4.0]), lib.tensor(TANGENT))
            with lib.no_grad():
                y = f(x, lib)
            return [round(v, 5) for v in y.tolist()], _tangent(lib, y), y._version

    assert run(ak) == run(torch)


def test_a_dual_changed_in_place_under_no_grad():
    """``x.mul_(2)`` of the dual itself: its tangent doubles. (The kit's dual says
    requires_grad=True: a known difference, see forward_ad's docstring.)"""
    def run(lib):
        fw = lib.autograd.forward_ad
        with fw.dual_level():
            x = fw.make_dual(lib.tensor([1.0, 2.0]), lib.tensor([1.0, -1.0]))
            with lib.no_grad():
                x.mul_(2)
            return x.tolist(), _tangent(lib, x), _tangent(lib, x * 3)

    assert run(ak) == run(torch)


# ---- torch.autograd.graph: a GradientEdge as an output of grad / backward ----------------

def _result(call):
    try:
        out = call()
    except Exception as error:  # noqa: BLE001 - compared with PyTorch's
        return type(error).__name__, str(error).replace("torch.", "").replace("autograd_kit.", "")
    if out is None:
        return None
    return [None if t is None else [round(v, 5) for v in t.flatten().tolist()] for t in out]


def _edge_fn(lib, x, reduce=True):
    tmp = x.exp() * 2
    if reduce:
        tmp = tmp.sum()
    out = tmp.exp().clone().neg().sum()
    return out, lib.autograd.graph.get_gradient_edge(tmp)


def test_a_gradient_edge_as_the_output_of_grad():
    """PyTorch's test_gradient_edge_output: ``grad(edge, x, grad_outputs=g)`` sends g into
    the graph at the edge (two steps give the gradient of one); its implicit gradient and
    its shape check are those of the edge's output. The kit refused an edge as an output
    ("Expected output to be a Tensor")."""
    def run(lib):
        x = lib.tensor([0.1, 0.2], requires_grad=True)
        grad = lib.autograd.grad
        results = []
        out, edge = _edge_fn(lib, x)
        (tmp_grad,) = grad(out, (edge,))
        results.append(_result(lambda: grad(edge, (x,), grad_outputs=(tmp_grad,))))
        out, edge = _edge_fn(lib, x, reduce=False)
        results.append(_result(lambda: grad(edge, (x,))))  # (not a scalar: refused)
        out, edge = _edge_fn(lib, x)
        results.append(_result(lambda: grad(edge, (x,))))  # (a scalar: ones)
        out, edge = _edge_fn(lib, x)
        results.append(_result(lambda: grad(edge, (x,), grad_outputs=lib.ones(4))))
        out, edge = _edge_fn(lib, x, reduce=False)
        results.append(_result(lambda: grad(edge, (x,), grad_outputs=lib.ones(3))))
        out1, edge1 = _edge_fn(lib, x)
        out2, _ = _edge_fn(lib, x)
        results.append(_result(lambda: grad((edge1, out2), (x,))))
        leaf_edge = lib.autograd.graph.get_gradient_edge(x)
        results.append(_result(lambda: grad(leaf_edge, (x,), grad_outputs=lib.ones(2),
                                            allow_unused=True)))
        return results

    assert run(ak) == run(torch)


def test_a_gradient_edge_as_the_output_of_backward():
    def run(lib):
        x = lib.tensor([0.1, 0.2], requires_grad=True)
        results = []
        out, edge = _edge_fn(lib, x)
        lib.autograd.backward(edge, retain_graph=True)
        results.append(_result(lambda: (x.grad,)))
        x.grad = None
        lib.autograd.backward((edge,), retain_graph=True)
        results.append(_result(lambda: (x.grad,)))
        x.grad = None
        out2, _ = _edge_fn(lib, x)
        lib.autograd.backward((edge, out2))
        results.append(_result(lambda: (x.grad,)))
        out, edge = _edge_fn(lib, x)
        results.append(_result(lambda: lib.autograd.backward(
            edge, inputs=(x,), grad_tensors=lib.ones(4))))
        # the edge keeps its node: a backward after its tensor is gone
        inp = lib.tensor([0.5], requires_grad=True).clone()
        out = inp.clone()
        edge = lib.autograd.graph.get_gradient_edge(out)
        lib.autograd.backward(edge)
        del out
        results.append(_result(lambda: lib.autograd.backward(edge)))
        return results

    assert run(ak) == run(torch)


def test_a_gradient_edge_made_by_hand_with_its_gradient():
    """``GradientEdge(h.grad_fn, h.output_nr)`` with a gradient given (also batched)."""
    def run(lib):
        x = lib.tensor([1.0, 2.0], requires_grad=True)
        h = x * 2
        edge = lib.autograd.graph.GradientEdge(h.grad_fn, h.output_nr)
        grad = lib.autograd.grad
        return (_result(lambda: grad([edge], [x], grad_outputs=[lib.ones(2)],
                                     retain_graph=True)),
                _result(lambda: grad([edge], [x], grad_outputs=[lib.stack(
                    [lib.ones(2), 2 * lib.ones(2)])], is_grads_batched=True)))

    assert run(ak) == run(torch)


def _square(lib):
    class Square(lib.autograd.Function):
        @staticmethod
        def forward(x):
            return x * x

        @staticmethod
        def setup_context(ctx, inputs, output):
            (x,) = inputs
            ctx.save_for_backward(x)
            ctx.save_for_forward(x)

        @staticmethod
        def backward(ctx, grad):
            (x,) = ctx.saved_tensors
            return 2 * x * grad

        @staticmethod
        def jvp(ctx, tangent):
            (x,) = ctx.saved_tensors
            return 2 * x * tangent

    return Square


def test_func_transforms_of_functions_using_no_grad():
    """A custom Function (setup_context style) under no_grad inside func.jvp, linearize,
    and jvp with strict=True: PyTorch's forward mode ignores the no_grad."""
    def run(lib):
        square = _square(lib)

        def f(a):
            with lib.no_grad():
                return square.apply(a).sin()

        def g(a):
            with lib.no_grad():
                return a.exp() * 2

        primal, tangent = (lib.tensor([1.0, 2.0]),), (lib.tensor([1.0, -1.0]),)
        out, jvp_fn = lib.func.linearize(g, primal[0])
        return (_result(lambda: lib.func.jvp(f, primal, tangent)),
                _result(lambda: lib.func.jvp(g, primal, tangent, strict=True)),
                _result(lambda: (out, jvp_fn(tangent[0]))))

    assert run(ak) == run(torch)


def _message(error):
    import re

    text = str(error).replace("torch.", "").replace("autograd_kit.", "")
    return type(error).__name__, re.sub("0x[0-9a-f]+", "0x", text)


@pytest.mark.parametrize("hooks", ["numbers", "one", "with_none", "three"])
def test_a_saved_tensor_takes_two_callables(hooks):
    """``node._raw_saved_result.register_hooks(...)`` with anything but two callables:
    PyTorch's TypeError (pybind11's words); the kit took a third argument as an internal
    option, and reported numbers as hooks already set."""
    def run(lib):
        x = lib.ones(2, requires_grad=True)
        raw = x.exp().grad_fn._raw_saved_result
        given = {"numbers": (1, 2), "one": (len,), "with_none": (len, None),
                 "three": (len, len, len)}[hooks]
        with pytest.raises(TypeError) as caught:
            raw.register_hooks(*given)
        return _message(caught.value)

    assert run(ak) == run(torch)


VIEW_CHANGES = {
    "slice_of_clone": lambda x, L: (lambda c: (c[:2].mul_(3), c)[1])(x.clone()),
    "column_of_clone": lambda x, L: (lambda c: (c.view(2, 2)[:, 1].add_(x[:2]), c)[1])(
        x.clone()),
    "slice_of_recorded": lambda x, L: (lambda c: (c[1:].zero_(), c)[1])(x * 1),
}


@pytest.mark.parametrize("name", sorted(VIEW_CHANGES))
def test_a_view_changed_in_place_under_no_grad_changes_its_base_tangent(name):
    """PyTorch: changing a view in place changes its base's tangent at the view's place."""
    f = VIEW_CHANGES[name]

    def run(lib):
        fw = lib.autograd.forward_ad
        with fw.dual_level():
            x = fw.make_dual(lib.tensor([1.0, 2.0, 3.0, 4.0]), lib.tensor(TANGENT))
            with lib.no_grad():
                base = f(x, lib)
            return base.tolist(), _tangent(lib, base), _tangent(lib, base * 2)

    assert run(ak) == run(torch)


def test_a_recorded_view_of_a_dual_changed_under_no_grad():
    def run(lib):
        fw = lib.autograd.forward_ad
        with fw.dual_level():
            x = fw.make_dual(lib.tensor([1.0, 2.0, 3.0]), lib.tensor([1.0, -1.0, 2.0]))
            v = x[:2]
            with lib.no_grad():
                v.mul_(2)
            return _tangent(lib, x), _tangent(lib, v), _tangent(lib, x.exp())

    assert run(ak) == run(torch)
