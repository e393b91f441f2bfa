"""Fixes and speed paths of the lead in session 30, each checked against what it replaced."""

from __future__ import annotations

import numpy as np
import pytest

import autograd_kit as ak
from autograd_kit.ops import arithmetic


# ---- CopySlices: a view inside a dense base skips the per-element placing ----------------
@pytest.mark.parametrize("make_view", [
    lambda b: b[1:3], lambda b: b[:, 1], lambda b: b[::-1], lambda b: b.T[2:, ::2],
    lambda b: b[1:2, 1:2], lambda b: b[0, 0, ...], lambda b: b[2:2], lambda b: b[:, ::-2],
    lambda b: b.ravel(order="K")[3:9],
])
@pytest.mark.parametrize("order", ["C", "F"])
def test_inside_dense_agrees_with_placing_every_element(make_view, order) -> None:
    from autograd_kit.ops.as_strided_backward import geometry
    from autograd_kit.views import _inside_dense, positions_in_base

    base = np.asarray(np.arange(20.0).reshape(4, 5), order=order)
    view = make_view(base)
    shape, strides, offset = geometry(view)
    where = (shape, strides, offset - geometry(base)[2])
    assert _inside_dense(where, view, base)
    index = positions_in_base(view, base)  # (does not raise, and reads the view's values)
    assert np.array_equal(base[index], view)


def test_a_view_outside_its_base_after_new_data_is_still_refused_by_an_inplace_op() -> None:
    x = ak.tensor([1.0, 2.0, 3.0], requires_grad=True) * 1
    v = x[1:]
    x.data = ak.zeros(1)
    with pytest.raises(RuntimeError, match="could not place a view inside its base's memory"):
        v.mul_(2)


def test_a_view_still_inside_new_bigger_data_is_changed_as_before() -> None:
    w = ak.tensor([1.0, 2.0], requires_grad=True)
    x = w * 1
    v = x.unsqueeze(0)
    x.data = x.data * -1
    v.div_(2)
    assert type(x.grad_fn).__name__ == "CopySlices"
    v.sum().backward()
    assert w.grad.tolist() == [0.5, 0.5]


# ---- plain recorded arithmetic: the same bits and saved values as Function.apply --------
@pytest.mark.parametrize("name", ["add", "sub", "mul", "div"])
@pytest.mark.parametrize("other", ["number", "tensor", "zero_dim", "no_grad_tensor"])
@pytest.mark.parametrize("dtype", [ak.float32, ak.float64])
def test_plain_recording_matches_the_general_path(name, other, dtype) -> None:
    function = {"add": arithmetic.Add, "sub": arithmetic.Sub, "mul": arithmetic.Mul,
                "div": arithmetic.Div}[name]
    rng = np.random.default_rng(3)
    a = ak.tensor(rng.standard_normal((3, 4)), dtype=dtype, requires_grad=True)
    b = {"number": 1.7,
         "tensor": ak.tensor(rng.standard_normal((3, 4)), dtype=dtype, requires_grad=True),
         "zero_dim": ak.tensor(0.37, dtype=dtype, requires_grad=True),
         "no_grad_tensor": ak.tensor(rng.standard_normal((3, 4)), dtype=dtype)}[other]
    quick = getattr(a, f"__{'truediv' if name == 'div' else name}__")(b)
    general = function.apply(a, b)
    assert type(quick.grad_fn) is type(general.grad_fn)
    assert quick.detach().numpy().tobytes() == general.detach().numpy().tobytes()
    assert quick.stride() == general.stride() and quick.dtype == general.dtype
    for key in ("_saved_self", "_saved_other", "_saved_alpha"):
        mine, theirs = getattr(quick.grad_fn, key, "none"), getattr(general.grad_fn, key, "none")
        if isinstance(theirs, ak.Tensor):
            assert mine.detach().numpy().tobytes() == theirs.detach().numpy().tobytes()
        else:
            assert mine == theirs
    g = ak.tensor(rng.standard_normal((3, 4)), dtype=dtype)
    inputs = [a] + ([b] if isinstance(b, ak.Tensor) and b.requires_grad else [])
    for first, second in zip(ak.autograd.grad(quick, inputs, g),
                             ak.autograd.grad(general, inputs, g)):
        assert first.numpy().tobytes() == second.numpy().tobytes()


# ---- histogram: every tensor input that requires grad gets an edge (PyTorch's fallback) ----
@pytest.mark.parametrize("x_grad, bins_tensor, weight_grad", [
    (True, True, True), (True, False, True), (False, True, False), (False, True, True),
    (False, False, True), (True, True, False), (True, False, False)])
def test_histogram_edges_lead_to_each_input_requiring_grad(x_grad, bins_tensor,
                                                           weight_grad) -> None:
    torch = pytest.importorskip("torch")

    def edges(lib):
        x = lib.tensor([0.1, 0.5, 0.7, 1.2], dtype=lib.float64, requires_grad=x_grad)
        b = lib.tensor([0.0, 0.5, 1.0, 1.5], dtype=lib.float64, requires_grad=True)
        w = lib.tensor([1.0, 2.0, 1.0, 3.0], dtype=lib.float64, requires_grad=weight_grad)
        names = {id(x): "x", id(b): "bins", id(w): "weight"}
        h = lib.histogram(x, b if bins_tensor else 3, weight=w)
        node = h.hist.grad_fn
        assert h.bin_edges.grad_fn is node
        found = None if node is None else [names[id(n.variable)] for n, _ in node.next_functions]
        return found, h.hist.tolist(), h.bin_edges.tolist()

    assert edges(ak) == edges(torch)


# ---- autograd.grad gives a leaf's gradient in its grad_dtype (None: as it comes) -----------
@pytest.mark.parametrize("grad_dtype", ["keep", None, "float64", "float16"])
@pytest.mark.parametrize("through", ["mul", "function", "non_leaf"])
def test_grad_casts_to_the_leafs_grad_dtype(grad_dtype, through) -> None:
    torch = pytest.importorskip("torch")

    def run(lib):
        class Widening(lib.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                return x * 2

            @staticmethod
            def backward(ctx, g):
                return g.to(lib.float64)

        n = lib.ones(2, requires_grad=True)
        if grad_dtype != "keep":
            n.grad_dtype = None if grad_dtype is None else getattr(lib, grad_dtype)
        if through == "mul":
            (g,) = lib.autograd.grad((n * 2).sum(), n)
        elif through == "function":
            (g,) = lib.autograd.grad(Widening.apply(n).sum(), n)
        else:
            y = n * 1
            (g,) = lib.autograd.grad(Widening.apply(y).sum(), y)
        return str(g.dtype).split(".")[-1], g.tolist()

    assert run(ak) == run(torch)


# ---- the engine casts a custom Function's gradients to its inputs' dtypes; a node given no
# gradient still reads (and frees) what it saved (proposals by helper bb) --------------------
def _widening_function(lib):
    class Widening(lib.autograd.Function):
        @staticmethod
        def forward(ctx, a):
            return a * 2

        @staticmethod
        def backward(ctx, g):
            return (g * 2).double()

    return Widening


def test_a_custom_functions_gradient_reaches_hooks_in_the_inputs_dtype() -> None:
    torch = pytest.importorskip("torch")

    def run(lib):
        x = lib.ones(2, requires_grad=True)
        h = x * 1
        h.retain_grad()
        seen = []
        h.register_hook(lambda g: seen.append(str(g.dtype).split(".")[-1]))
        _widening_function(lib).apply(h).sum().backward()
        (g,) = lib.autograd.grad(_widening_function(lib).apply(x * 1).sum(), x,
                                 create_graph=True)
        return seen, str(h.grad.dtype), str(x.grad.dtype), x.grad.tolist(), str(g.dtype)

    mine, theirs = run(ak), run(torch)
    assert [str(v).replace("autograd_kit", "torch") for v in mine] == \
        [str(v) for v in theirs]


def _second_backward(lib, setup):
    a = lib.tensor([0.5, 1.5], requires_grad=True)
    loss = setup(lib, a)
    loss.backward()
    try:
        setup.again(lib, a, loss)
    except RuntimeError as error:
        return "raised", str(error).split(" (")[0], a.grad.tolist()
    return "ran", a.grad.tolist()


def _prehook_takes_all(lib, a):
    b = a * a
    b.grad_fn.register_prehook(lambda go: (None,) * len(go))
    _prehook_takes_all.loss = b.sum() + a.mean()
    return _prehook_takes_all.loss


_prehook_takes_all.again = lambda lib, a, loss: loss.backward()


def _function_gives_none(lib, a):
    class GivesNone(lib.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x.clone()

        @staticmethod
        def backward(ctx, g):
            return None

    _function_gives_none.b = a.exp()
    return GivesNone.apply(_function_gives_none.b).sum() + a.sum()


_function_gives_none.again = lambda lib, a, loss: _function_gives_none.b.sum().backward()


@pytest.mark.parametrize("setup", [_prehook_takes_all, _function_gives_none])
def test_a_node_reached_without_gradient_is_freed_and_refuses_a_second_pass(setup) -> None:
    torch = pytest.importorskip("torch")
    assert _second_backward(ak, setup) == _second_backward(torch, setup)


@pytest.mark.parametrize("grad_dtype", ["keep", None, "float16", "float64"])
@pytest.mark.parametrize("how", ["grad_builtin_mixed", "grad_function", "backward_function"])
def test_the_engine_casts_to_a_leafs_grad_dtype_before_it_is_kept(grad_dtype, how) -> None:
    torch = pytest.importorskip("torch")

    def run(lib):
        n = lib.ones(2, requires_grad=True)
        if grad_dtype != "keep":
            n.grad_dtype = None if grad_dtype is None else getattr(lib, grad_dtype)
        if how == "grad_builtin_mixed":
            (g,) = lib.autograd.grad((n * lib.ones(2, dtype=lib.float64)).sum(), n)
        elif how == "grad_function":
            (g,) = lib.autograd.grad(_widening_function(lib).apply(n).sum(), n)
        else:
            _widening_function(lib).apply(n).sum().backward()
            g = n.grad
        return str(g.dtype).split(".")[-1], g.tolist()

    assert run(ak) == run(torch)


# ---- autograd.backward's old grad_variables= (proposal by helper ee) ----------------------
@pytest.mark.parametrize("both", [False, True])
def test_grad_variables_warns_and_refuses_grad_tensors_beside_it(both) -> None:
    import warnings

    torch = pytest.importorskip("torch")

    def run(lib):
        x = lib.tensor([1.0, 2.0], requires_grad=True)
        y = x * x
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                lib.autograd.backward(y, lib.ones(2) if both else None,
                                      grad_variables=lib.ones(2) * 3)
                outcome = x.grad.tolist()
            except RuntimeError as error:
                outcome = str(error)
        return outcome, [(w.category.__name__, str(w.message), w.filename == __file__)
                         for w in caught]

    assert run(ak) == run(torch)


# ---- a uint8 interpolate that changes no size still returns a new tensor (reviewer rb) ----
@pytest.mark.parametrize("mode", ["bilinear", "bicubic"])
def test_uint8_interpolate_to_the_same_size_does_not_share_the_inputs_memory(mode) -> None:
    x = ak.zeros(1, 1, 4, 4, dtype=ak.uint8)
    y = ak.nn.functional.interpolate(x, size=(4, 4), mode=mode)
    y[0, 0, 0, 0] = 99
    assert x[0, 0, 0, 0].item() == 0 and y[0, 0, 0, 0].item() == 99
