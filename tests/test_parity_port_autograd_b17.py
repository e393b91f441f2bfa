"""Scenarios from PyTorch's test/test_autograd.py (its middle part: anomaly mode, gradcheck,
custom Functions, hooks, …), run with the kit and with PyTorch live and compared: values,
grads, warnings, errors and their messages."""
import re
import warnings

import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")


def _outcome(fn):
    """('ok', value) or (exception type name, message), with the warnings raised; the
    library's own name is written LIB so that dtypes and sizes read the same."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = "ok", fn()
        except Exception as error:  # noqa: BLE001 - any error is an observation here
            result = type(error).__name__, str(error)
    caught = [w for w in caught if "jit" not in str(w.message)]  # (PyTorch's own, first use)
    seen = repr((result, [(w.category.__name__, str(w.message)) for w in caught]))
    return seen.replace("autograd_kit.", "LIB.").replace("torch.", "LIB.")


def _same(scenario):
    """The scenario's outcome with PyTorch and with the kit, which must agree."""
    seen = [_outcome(lambda lib=lib: scenario(lib)) for lib in (torch, ak)]
    assert seen[0] == seen[1]
    return seen[0]


# --- gradcheck -------------------------------------------------------------------------


def _raises_on_undefined(lib):
    def fn(x):
        def hook(g):
            if g is None:
                raise RuntimeError("x is undefined")

        y = x.clone()
        y.register_hook(hook)
        return y

    return fn


@pytest.mark.parametrize("fast_mode", [True, False])
@pytest.mark.parametrize("raise_exception", [True, False])
def test_gradcheck_undefined_grad_reaches_hooks_as_none(fast_mode, raise_exception):
    """gradcheck's undefined-gradient check sends None (not zeros) to the hooks."""
    def scenario(lib):
        x = lib.ones(1, dtype=lib.double, requires_grad=True)
        return lib.autograd.gradcheck(_raises_on_undefined(lib), (x,), fast_mode=fast_mode,
                                      raise_exception=raise_exception)

    seen = _same(scenario)
    assert "undefined output grads" in seen or "False" in seen


def test_gradcheck_undefined_grad_one_output_at_a_time():
    def scenario(lib):
        seen = []

        def fn(x):
            a, b = x * 2, x * 3
            a.register_hook(lambda g: seen.append(("a", g is None)))
            b.register_hook(lambda g: seen.append(("b", g is None)))
            return a, b

        x = lib.ones(2, dtype=lib.double, requires_grad=True)
        return lib.autograd.gradcheck(fn, (x,)), seen

    _same(scenario)


def test_gradcheck_undefined_grad_custom_function_without_materialize():
    def scenario(lib):
        class Double(lib.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                ctx.set_materialize_grads(False)
                return x * 2

            @staticmethod
            def backward(ctx, g):
                return g * 2

        x = lib.ones(2, dtype=lib.double, requires_grad=True)
        return lib.autograd.gradcheck(Double.apply, (x,), raise_exception=False)

    _same(scenario)


@pytest.mark.parametrize("fast_mode", [True, False])
def test_gradcheck_output_shape_depends_on_values(fast_mode):
    def scenario(lib):
        def fn(x):
            return lib.cat([x, x]) if lib.all(x >= 1) else x

        a = lib.ones(1, dtype=lib.double, requires_grad=True)
        return lib.autograd.gradcheck(fn, (a,), fast_mode=fast_mode)

    assert "same shape" in _same(scenario)


@pytest.mark.parametrize("fast_mode", [True, False])
def test_gradcheck_output_dtype_depends_on_values(fast_mode):
    def scenario(lib):
        def fn(x):
            return x.to(lib.float32) if lib.all(x >= 1) else x

        a = lib.ones(1, dtype=lib.double, requires_grad=True)
        return lib.autograd.gradcheck(fn, (a,), fast_mode=fast_mode)

    assert "same dtype" in _same(scenario)


def test_gradcheck_fast_mode_float32_analytical_number():
    """Fast mode's vᵀJu from backward is a number of the input's dtype (float32 here)."""
    def scenario(lib):
        def fn(x):
            y = x.clone()
            y.register_hook(lambda g: g + 1e-2)
            return y

        x = lib.ones(2, 2, requires_grad=True)
        return lib.autograd.gradcheck(fn, (x,), fast_mode=True)

    seen = _same(scenario)
    assert re.search(r"analytical:0\.\d+", seen)


def _forward_bad(lib):
    """x + y and y, where y's tangent is scaled by 1.1 inside a dual level."""
    fw = lib.autograd.forward_ad

    def fn(x, y):
        if fw._current_level >= 0:
            primal, tangent = fw.unpack_dual(y)
            y = fw.make_dual(primal, tangent * 1.1)
        return x + y, y

    return fn


def test_forward_ad_current_level():
    def scenario(lib):
        fw = lib.autograd.forward_ad
        seen = [fw._current_level]
        with fw.dual_level():
            seen.append(fw._current_level)
        return seen + [fw._current_level]

    _same(scenario)


@pytest.mark.parametrize("fast_mode", [True, False])
@pytest.mark.parametrize("check_backward_ad", [True, False])
def test_gradcheck_check_forward_ad_finds_a_wrong_tangent(fast_mode, check_backward_ad):
    def scenario(lib):
        x = lib.linspace(0.1, 0.5, 2, dtype=lib.double).requires_grad_()
        y = lib.linspace(0.3, 0.9, 2, dtype=lib.double).requires_grad_()
        return lib.autograd.gradcheck(_forward_bad(lib), (x, y), check_forward_ad=True,
                                      check_backward_ad=check_backward_ad,
                                      fast_mode=fast_mode)

    assert "forward mode mismatch for output 0 with respect to input 1" in _same(scenario)


@pytest.mark.parametrize("fast_mode", [True, False])
def test_gradcheck_check_forward_ad_passes(fast_mode):
    def scenario(lib):
        x = lib.linspace(0.1, 0.5, 4, dtype=lib.double).reshape(2, 2).requires_grad_()
        return lib.autograd.gradcheck(lambda a, k: (a.sin() * k, a.sum(0)), (x, 3),
                                      check_forward_ad=True, fast_mode=fast_mode)

    _same(scenario)


@pytest.mark.parametrize("options", [
    {"check_forward_ad": False, "check_backward_ad": False},
    {"check_forward_ad": True, "check_backward_ad": False, "check_batched_grad": True},
    {"check_batched_forward_grad": True},
])
def test_gradcheck_option_assertions(options):
    def scenario(lib):
        x = lib.ones(2, dtype=lib.double, requires_grad=True)
        return lib.autograd.gradcheck(lambda a: a * 2, (x,), raise_exception=False, **options)

    assert "AssertionError" in _same(scenario)


@pytest.mark.parametrize("options", [
    {"check_fwd_over_rev": False, "check_rev_over_rev": False},
    {"check_fwd_over_rev": True, "check_rev_over_rev": False},
    {"check_fwd_over_rev": True, "check_rev_over_rev": False, "check_undefined_grad": False,
     "check_batched_grad": True},
])
def test_gradgradcheck_option_assertions(options):
    def scenario(lib):
        x = lib.ones(2, dtype=lib.double, requires_grad=True)
        return lib.autograd.gradgradcheck(lambda a: a * a, (x,), **options)

    assert "AssertionError" in _same(scenario)


@pytest.mark.parametrize("fast_mode", [True, False])
def test_gradgradcheck_forward_over_reverse(fast_mode):
    def scenario(lib):
        x = lib.linspace(0.1, 0.5, 3, dtype=lib.double).requires_grad_()
        return lib.autograd.gradgradcheck(lambda a: (a.exp() * a).sum(), (x,),
                                          check_fwd_over_rev=True, fast_mode=fast_mode)

    _same(scenario)


# --- non-reentrant checkpoint ----------------------------------------------------------


def _checkpoint_module(lib):
    return lib.utils.checkpoint


def test_checkpoint_custom_function_unpacks_saved_tensors_once():
    def scenario(lib):
        seen = []

        class Twice(lib.autograd.Function):
            @staticmethod
            def forward(ctx, x, y, z):
                w = x * y * z
                out = w + w
                ctx.save_for_backward(x, y, z, w, out)
                return out

            @staticmethod
            def backward(ctx, grad_out):
                x, y, z, w, out = ctx.saved_tensors
                try:
                    _ = ctx.saved_tensors
                except RuntimeError as error:
                    seen.append((type(error).__name__, str(error)))
                return x, y, z

        x, y, z = (lib.tensor(v, requires_grad=True) for v in (1.0, 2.0, 3.0))

        def foo(x, y, z):
            return Twice.apply(x * y * z, y * y * z, z * z)

        _checkpoint_module(lib).checkpoint(foo, x, y, z, use_reentrant=False).sum().backward()
        return seen, x.grad, y.grad, z.grad

    assert "already unpacked once" in _same(scenario)


def _changing(lib, first, again):
    functions = {"three": lambda x: x.sin().exp().sin(), "two": lambda x: x.sin().exp(),
                 "other": lambda x: x.sin() * lib.tensor([1.0, 2.0])}
    calls = [0]

    def fn(x):
        calls[0] += 1
        return functions[first if calls[0] == 1 else again](x)

    return fn


@pytest.mark.parametrize(("first", "again", "early_stop", "words"), [
    ("three", "two", None, "A different number of tensors was saved"),
    ("two", "three", False, "trying to save more tensors during recomputation"),
    ("two", "three", None, "ok"),
    ("two", "other", None, "different metadata"),
])
def test_checkpoint_detects_non_determinism(first, again, early_stop, words):
    def scenario(lib):
        module = _checkpoint_module(lib)
        a = lib.tensor([0.5], requires_grad=True)
        with module.set_checkpoint_early_stop(early_stop) if early_stop is not None else \
                module.set_checkpoint_debug_enabled(None):
            out = module.checkpoint(_changing(lib, first, again), a, use_reentrant=False)
        out.sum().backward()
        return a.grad

    seen = _same(scenario).replace("torch.", "LIB.")  # (the messages name torch.utils.checkpoint)
    assert words in seen


def test_checkpoint_determinism_check_none_and_unknown():
    def scenario(lib):
        module = _checkpoint_module(lib)
        a = lib.tensor([0.5], requires_grad=True)
        out = module.checkpoint(_changing(lib, "two", "other"), a, use_reentrant=False,
                                determinism_check="none")
        out.sum().backward()
        try:
            module.checkpoint(lambda x: x.exp(), a, use_reentrant=False, determinism_check="x")
        except ValueError as error:
            return a.grad, str(error)
        return a.grad

    _same(scenario)


def test_checkpoint_recomputes_once_per_backward_pass():
    def scenario(lib):
        calls = [0]

        def fn(x):
            calls[0] += 1
            y = x.sin().cos()
            return y, y.sin().cos()

        x = lib.linspace(-1.0, 1.0, 4, requires_grad=True)
        y, z = _checkpoint_module(lib).checkpoint(fn, x, use_reentrant=False)
        (gy,) = lib.autograd.grad(z, inputs=(y,), grad_outputs=(lib.ones(4),))
        (gx,) = lib.autograd.grad(y, inputs=(x,), grad_outputs=(gy,))
        return calls[0], gx

    _same(scenario)


# --- what nodes show they saved (grad_fn._saved_*) ------------------------------------------


def _saved(node):
    """The node's name and every ``_saved_*`` value it shows."""
    return type(node).__name__, {k: getattr(node, k) for k in dir(node) if k.startswith("_saved")}


@pytest.mark.parametrize(("shape", "options"), [
    ((1, 1, 2), {"size": 4, "mode": "linear"}),
    ((1, 1, 2), {"scale_factor": 0.5, "mode": "linear", "align_corners": True}),
    ((1, 1, 2), {"scale_factor": 2.5, "mode": "nearest"}),
    ((1, 1, 2, 3), {"size": (4, 5), "mode": "bilinear"}),
    ((1, 1, 2, 3), {"scale_factor": (2, 3), "mode": "nearest"}),
    ((1, 1, 2, 3), {"scale_factor": 2, "mode": "nearest-exact"}),
    ((1, 1, 2, 3), {"scale_factor": 2, "mode": "bilinear", "recompute_scale_factor": True}),
    ((1, 1, 2, 2, 2), {"scale_factor": 2, "mode": "trilinear"}),
    ((1, 1, 2, 2, 2), {"size": 3, "mode": "nearest"}),
])
def test_interpolate_node_saved_values(shape, options):
    def scenario(lib):
        x = lib.ones(*shape, requires_grad=True)
        return _saved(lib.nn.functional.interpolate(x, **options).grad_fn)

    _same(scenario)


def test_unfold_node_saved_values():
    def scenario(lib):
        unfold = lib.nn.functional.unfold
        return (_saved(unfold(lib.ones(1, 1, 4, 5, requires_grad=True), (2, 3), padding=1,
                              stride=2).grad_fn),
                _saved(unfold(lib.ones(2, 6, 7, requires_grad=True), 2,
                              dilation=(2, 1)).grad_fn))

    _same(scenario)


@pytest.mark.parametrize("mode", ["reduced", "complete", "r"])
@pytest.mark.parametrize("shape", [(2, 2), (3, 2), (2, 3)])
def test_linalg_qr_node_saved_values(mode, shape):
    def scenario(lib):
        a = lib.arange(1.0, 1.0 + shape[0] * shape[1], dtype=lib.float64).reshape(shape)
        a = (a * a.T.reshape(shape) if shape[0] == shape[1] else a.sin()).requires_grad_()
        q, r = lib.linalg.qr(a, mode=mode)
        node = r.grad_fn
        seen = [_saved(node), type(node._raw_saved_Q).__name__, node._saved_R is r]
        try:
            (q.sum() + r.sum()).backward()
        except RuntimeError as error:
            seen.append(str(error))
        return seen

    _same(scenario)


# --- in-place view operations on views whose change PyTorch refuses -----------------------


@pytest.mark.parametrize("inplace_view", ["t_", "transpose_", "squeeze_", "unsqueeze_",
                                          "as_strided_"])
@pytest.mark.parametrize("kind", ["normal", "multi_view", "custom"])
@pytest.mark.parametrize("grad_mode_view", [True, False])
def test_inplace_view_then_inplace_on_a_refused_view(inplace_view, kind, grad_mode_view):
    """A view's own in-place view operation (under no_grad) leaves its error direct ("is
    being modified inplace"), as PyTorch's creation_meta does."""
    arguments = {"t_": (), "transpose_": (0, 0), "squeeze_": (0,), "unsqueeze_": (0,),
                 "as_strided_": ((1, 0), (2, 2))}[inplace_view]

    def scenario(lib):
        class Same(lib.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                return x.view_as(x)

            @staticmethod
            def backward(ctx, g):
                return g

        base = lib.linspace(0.0, 1.0, 6).reshape(2, 3).requires_grad_().clone()
        with lib.set_grad_enabled(grad_mode_view):
            view = {"normal": lambda: base.view_as(base), "multi_view": lambda: base.unbind()[0],
                    "custom": lambda: Same.apply(base)}[kind]()
        with lib.no_grad():
            getattr(view, inplace_view)(*arguments)
        try:
            view.add_(1)
        except RuntimeError as error:
            return str(error)
        return view.grad_fn is None

    if kind == "custom" and not grad_mode_view:
        pytest.skip("the kit does not mark a custom Function's view made under no_grad")
    _same(scenario)


def test_mark_dirty_of_a_view_that_is_no_input_or_of_a_leaf():
    def scenario(lib):
        class ViewOfCopy(lib.autograd.Function):
            @staticmethod
            def forward(ctx, inp):
                out = inp.clone().view_as(inp)
                ctx.mark_dirty(out)
                return out

            @staticmethod
            def backward(ctx, g):
                return g

        class AddOne(lib.autograd.Function):
            @staticmethod
            def forward(ctx, inp):
                inp.add_(1)
                ctx.mark_dirty(inp)
                return inp

            @staticmethod
            def backward(ctx, g):
                return g

        seen = []
        a = lib.tensor([1.0, 2.0], requires_grad=True)
        for call in (lambda: ViewOfCopy.apply(a.clone()), lambda: AddOne.apply(a.view_as(a))):
            try:
                call()
            except RuntimeError as error:
                seen.append(str(error))
        return seen, a

    _same(scenario)
