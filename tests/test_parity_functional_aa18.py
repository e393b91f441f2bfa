"""Forward-mode AD and functional gradients, compared with PyTorch live (helper aa, session 18)."""

from contextlib import nullcontext

import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")


def _outcome(fn, lib):
    """What ``fn(lib)`` gives: its value, or the error's type and message."""
    try:
        return fn(lib)
    except Exception as error:  # noqa: BLE001 - the error is what is compared
        return ("error", type(error).__name__, str(error))


def _same(fn):
    ours, theirs = _outcome(fn, ak), _outcome(fn, torch)
    assert _plain(ours) == _plain(theirs)


def _plain(value):
    """Tensors as (values, dtype name, shape); containers kept."""
    if isinstance(value, (ak.Tensor, torch.Tensor)):
        return ("tensor", value.detach().tolist(), str(value.dtype).split(".")[-1],
                tuple(value.shape))
    if isinstance(value, (tuple, list)):
        return type(value).__name__, [_plain(v) for v in value]
    return value


# ---- a custom Function's own jvp is what forward AD uses --------------------------------

def _scaled(lib, calls):
    """x*y*k and x+y, with a jvp that is deliberately not the derivative (so using it shows)."""
    class Scaled(lib.autograd.Function):
        @staticmethod
        def forward(ctx, x, y, k):
            ctx.save_for_forward(x)
            ctx.save_for_backward(y)
            ctx.k = k
            return x * y * k, x + y

        @staticmethod
        def backward(ctx, g, h):
            return g, h, None

        @staticmethod
        def jvp(ctx, tx, ty, tk):
            saved, = ctx.saved_tensors
            calls.append((tx.tolist(), ty.tolist(), tk, saved.tolist(), saved.requires_grad,
                          ctx.k))
            return tx * 10 + saved, ty * 20

    return Scaled


def test_custom_jvp_is_called_in_apply_with_zeros_for_plain_inputs():
    def run(lib):
        calls = []
        fw = lib.autograd.forward_ad
        with fw.dual_level():
            x = fw.make_dual(lib.tensor([1.0, 2.0]), lib.tensor([1.0, 0.5]))
            a, b = _scaled(lib, calls).apply(x, lib.tensor([3.0, 4.0]), 2)
            called_in_apply = list(calls)
            return (called_in_apply, fw.unpack_dual(a).tangent, fw.unpack_dual(b).tangent,
                    fw.unpack_dual(a * b).tangent, fw.unpack_dual((a * 3).sin()).tangent)

    _same(run)


def test_custom_jvp_output_tangent_flows_on_and_into_a_second_custom_function():
    def run(lib):
        calls = []
        fw = lib.autograd.forward_ad
        scaled = _scaled(lib, calls)
        with fw.dual_level():
            x = fw.make_dual(lib.tensor([1.0, 2.0]), lib.tensor([1.0, 1.0]))
            y = fw.make_dual(lib.tensor([3.0, 4.0]), lib.tensor([2.0, -1.0]))
            a, b = scaled.apply(x.exp(), y, 1.5)
            c, _ = scaled.apply(a, b * x, 0.5)
            return calls, fw.unpack_dual(c).tangent, fw.unpack_dual(c + x).tangent

    ours, theirs = _outcome(run, ak), _outcome(run, torch)
    assert len(ours[0]) == len(theirs[0]) == 2
    for mine, reference in zip(ours[0], theirs[0]):  # (the tangents each jvp was given)
        assert mine[0] == pytest.approx(reference[0], rel=1e-6)
        assert mine[1] == pytest.approx(reference[1], rel=1e-6)
        assert mine[2:] == pytest.approx(reference[2:], rel=1e-6)
    for mine, reference in zip(ours[1:], theirs[1:]):
        assert mine.tolist() == pytest.approx(reference.tolist(), rel=1e-6)


def test_custom_function_without_jvp_is_refused_in_apply():
    def run(lib):
        class Twice(lib.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                return x * 2

            @staticmethod
            def backward(ctx, g):
                return g * 2

        fw = lib.autograd.forward_ad
        with fw.dual_level():
            plain = Twice.apply(lib.tensor([1.0]))  # no tangent in: fine
            fw.make_dual(lib.tensor([1.0]), lib.tensor([1.0]))  # a dual that is not used
            plain2 = Twice.apply(lib.tensor([1.0]))
            x = fw.make_dual(lib.tensor([1.0, 2.0]), lib.tensor([1.0, 1.0]))
            try:
                Twice.apply(x)
            except NotImplementedError as error:
                return fw.unpack_dual(plain).tangent, fw.unpack_dual(plain2).tangent, str(error)
            return "not refused"

    _same(run)


@pytest.mark.parametrize("returned", ["text", "one", "three", "shape", "single_tuple"])
def test_custom_jvp_returning_the_wrong_things_gives_pytorchs_errors(returned):
    def run(lib):
        class Pair(lib.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                return x * 2, x * 3

            @staticmethod
            def backward(ctx, g, h):
                return g

            @staticmethod
            def jvp(ctx, t):
                return {"text": ("s", t), "one": t, "three": (t, t, t), "shape": (t[:1], t),
                        "single_tuple": (t * 2, t * 3)}[returned]

        fw = lib.autograd.forward_ad
        with fw.dual_level():
            x = fw.make_dual(lib.tensor([1.0, 2.0]), lib.tensor([1.0, 1.0]))
            return [fw.unpack_dual(out).tangent for out in Pair.apply(x)]

    _same(run)


def test_single_output_custom_jvp_may_return_a_one_tuple_and_saved_tensors_are_the_forward_ones():
    def run(lib):
        modes = []

        class Cube(lib.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                ctx.save_for_backward(x)
                return x ** 3

            @staticmethod
            def backward(ctx, g):
                x, = ctx.saved_tensors
                return 3 * x * x * g

            @staticmethod
            def jvp(ctx, t):
                modes.append((lib.is_grad_enabled(), ctx.saved_tensors))  # (no save_for_forward)
                return (-t * 2,)

        fw = lib.autograd.forward_ad
        with fw.dual_level():
            x = fw.make_dual(lib.tensor([1.0, 2.0]), lib.tensor([1.0, 3.0]))
            y = Cube.apply(x)
            return modes, fw.unpack_dual(y).tangent

    _same(run)


def test_func_jvp_calls_the_custom_jvp_but_functional_jvp_does_not():
    def run(lib):
        calls = []

        class Mul(lib.autograd.Function):
            @staticmethod
            def forward(x, k):
                return x * k

            @staticmethod
            def setup_context(ctx, inputs, output):
                ctx.save_for_forward(inputs[0])
                ctx.k = inputs[1]

            @staticmethod
            def backward(ctx, g):
                return g * ctx.k, None

            @staticmethod
            def jvp(ctx, t, tk):
                calls.append(tk)
                x, = ctx.saved_tensors
                return t * 100 + x

        x, v = lib.tensor([1.0, 2.0]), lib.tensor([1.0, 0.0])
        by_func = lib.func.jvp(lambda x: Mul.apply(x, 3.0).sin(), (x,), (v,))
        after_func = len(calls)
        by_functional = lib.autograd.functional.jvp(lambda x: Mul.apply(x, 3.0), x, v)
        return by_func, after_func, by_functional, len(calls)

    ours, theirs = _outcome(run, ak), _outcome(run, torch)
    assert ours[1:] and _plain(ours[1:]) == _plain(theirs[1:])
    for mine, reference in zip(ours[0], theirs[0]):
        assert mine.tolist() == pytest.approx(reference.tolist(), rel=1e-5)


# ---- in-place changes of a dual made from a plain tensor (it does not require grad) -----

_IN_PLACE = {
    "mul_": lambda lib, x: x.mul_(2),
    "iadd_self": lambda lib, x: x.__iadd__(x),
    "add_plain": lambda lib, x: x.add_(lib.tensor([1.0, 1.0, 1.0])),
    "zero_": lambda lib, x: x.zero_(),
    "exp_twice": lambda lib, x: x.mul_(2).exp_(),
    "clamp_": lambda lib, x: x.clamp_(max=2.0),
    "copy_plain": lambda lib, x: x.copy_(lib.tensor([7.0, 8.0, 9.0])),
    "setitem_number": lambda lib, x: x.__setitem__(0, 5.0),
    "setitem_dual": lambda lib, x: x.__setitem__(slice(0, 2), x[1:] * 3),
    "view_mul_": lambda lib, x: x[1:].mul_(2),
    "view_made_before": lambda lib, x: (lambda v: (x.mul_(3), v)[1])(x[:2]),
}


@pytest.mark.parametrize("change", sorted(_IN_PLACE))
def test_a_dual_changed_in_place_carries_the_changed_tangent(change):
    def run(lib):
        fw = lib.autograd.forward_ad
        with fw.dual_level():
            x = fw.make_dual(lib.tensor([1.0, 2.0, 3.0]), lib.tensor([1.0, 0.5, -1.0]))
            before = x * 2  # computed before the change: keeps the old tangent
            result = _IN_PLACE[change](lib, x)
            seen = [fw.unpack_dual(x), x._version, fw.unpack_dual(before).tangent]
            if result is not None and result is not x:
                seen.append(fw.unpack_dual(result))
            seen.append(fw.unpack_dual(x * before).tangent)
        return seen, x.requires_grad, x.grad_fn, x.is_leaf

    _same(run)


def test_a_dual_changed_in_place_prints_with_its_tangent_and_is_plain_after_the_level():
    def run(lib):
        fw = lib.autograd.forward_ad
        with fw.dual_level():
            x = fw.make_dual(lib.tensor([1.0, 2.0]), lib.tensor([1.0, 0.5]))
            view = x[0]
            x.mul_(2)
            inside = repr(x), repr(view), repr(x * 3)
        return inside, repr(x), x.requires_grad, x.grad_fn is None, x.is_leaf

    _same(run)


def test_a_dual_multiplied_in_place_by_a_tensor_that_requires_grad_keeps_that_history():
    def run(lib):
        p = lib.tensor([1.0, 2.0], requires_grad=True)
        fw = lib.autograd.forward_ad
        with fw.dual_level():
            x = fw.make_dual(lib.tensor([3.0, 4.0]), lib.tensor([1.0, 1.0]))
            x.mul_(p)
            tangent = fw.unpack_dual(x).tangent
        x.sum().backward()
        return tangent, p.grad, x.requires_grad

    _same(run)


def test_leaves_that_require_grad_are_still_refused_inside_a_level():
    def run(lib):
        fw = lib.autograd.forward_ad
        leaf = lib.tensor([1.0, 2.0], requires_grad=True)
        with fw.dual_level():
            fw.make_dual(lib.tensor([1.0]), lib.tensor([1.0]))
            dual_of_leaf = fw.make_dual(leaf, lib.tensor([1.0, 1.0]))
            errors = []
            for change in (lambda: leaf.mul_(2), lambda: leaf[0].mul_(2),
                           lambda: dual_of_leaf.mul_(2), lambda: leaf.__setitem__(0, 1.0)):
                try:
                    change()
                except RuntimeError as error:
                    errors.append(str(error))
            return errors

    _same(run)


# ---- forward-mode transforms open a dual level of their own -----------------------------

def _ones(lib):
    return lib.ones(2, dtype=lib.float64)  # (float64: float32 sin/cos differ in the last bit)


_FORWARD_TRANSFORMS = {
    "func.jvp": lambda lib: lib.func.jvp(lib.sin, (_ones(lib),), (_ones(lib),)),
    "func.jacfwd": lambda lib: lib.func.jacfwd(lib.sin)(_ones(lib)),
    "func.hessian": lambda lib: lib.func.hessian(lambda x: x.sin().sum())(_ones(lib)),
    "functional.jacobian": lambda lib: lib.autograd.functional.jacobian(
        lib.sin, _ones(lib), vectorize=True, strategy="forward-mode"),
    "functional.hessian": lambda lib: lib.autograd.functional.hessian(
        lambda x: x.sin().sum(), _ones(lib), vectorize=True,
        outer_jacobian_strategy="forward-mode"),
    "func.jacrev": lambda lib: lib.func.jacrev(lib.sin)(_ones(lib)),
    "func.grad": lambda lib: lib.func.grad(lambda x: x.sin().sum())(_ones(lib)),
    "functional.jvp": lambda lib: lib.autograd.functional.jvp(lib.sin, _ones(lib), _ones(lib)),
}


@pytest.mark.parametrize("transform", sorted(_FORWARD_TRANSFORMS))
def test_forward_mode_transforms_inside_a_dual_level_are_nested_forward_ad(transform):
    def run(lib):
        with lib.autograd.forward_ad.dual_level():
            return _FORWARD_TRANSFORMS[transform](lib)

    _same(run)


def test_nested_func_jvp_outside_a_dual_level_still_works():
    def run(lib):
        return lib.func.jvp(lambda x: lib.func.jvp(lib.sin, (x,), (x,))[1],
                            (lib.tensor([0.5, 1.0]),), (lib.ones(2),))

    ours, theirs = _outcome(run, ak), _outcome(run, torch)
    for mine, reference in zip(ours, theirs):
        assert mine.tolist() == pytest.approx(reference.tolist(), rel=1e-6)


# ---- gradcheck's check_forward_ad goes through the custom jvp --------------------------

@pytest.mark.parametrize("fast_mode", [False, True])
@pytest.mark.parametrize("factor", [1.0, 2.0])
def test_gradcheck_forward_ad_checks_a_custom_functions_own_jvp(factor, fast_mode):
    def run(lib):
        class Sin(lib.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                ctx.save_for_backward(x)
                ctx.save_for_forward(x)
                return x.sin()

            @staticmethod
            def backward(ctx, g):
                x, = ctx.saved_tensors
                return g * x.cos()

            @staticmethod
            def jvp(ctx, t):
                x, = ctx.saved_tensors
                return t * x.cos() * factor

        x = lib.tensor([0.3, 0.7], dtype=lib.float64, requires_grad=True)
        quiet = lib.autograd.gradcheck(Sin.apply, (x,), check_forward_ad=True,
                                       fast_mode=fast_mode, raise_exception=False)
        try:
            lib.autograd.gradcheck(Sin.apply, (x,), check_forward_ad=True,
                                   check_backward_ad=False, fast_mode=fast_mode)
        except Exception as error:  # noqa: BLE001
            return quiet, type(error).__name__, str(error).split(",")[0]
        return quiet, "passed"

    _same(run)


# ---- operations without a derivative refuse a tangent in the operation itself -----------

_WITHOUT_DERIVATIVE = {
    "floor_divide": lambda lib, x: x // 0.5,
    "floor_divide_": lambda lib, x: x.clone().__ifloordiv__(0.5),
    "floor_divide_tensors": lambda lib, x: lib.floor_divide(x, x),
    "heaviside": lambda lib, x: lib.heaviside(x, x),
    "heaviside_values": lambda lib, x: lib.heaviside(lib.zeros(2), x),
    "remainder_of_number": lambda lib, x: 3 % x,
    "detach_copy": lambda lib, x: lib.detach_copy(x),
    "plain_floor_divide": lambda lib, x: lib.ones(2) // 0.5,
}


@pytest.mark.parametrize("operation", sorted(_WITHOUT_DERIVATIVE))
def test_an_operation_without_derivative_refuses_a_tangent_when_it_runs(operation):
    def run(lib):
        fw = lib.autograd.forward_ad
        with fw.dual_level():
            x = fw.make_dual(lib.tensor([1.0, 2.0]), lib.ones(2))
            result = _WITHOUT_DERIVATIVE[operation](lib, x)
            return "ran", fw.unpack_dual(result).tangent

    _same(run)


# ---- tangents are found as each operation runs -----------------------------------------

def test_tangents_survive_a_backward_that_frees_the_graph():
    def run(lib):
        fw = lib.autograd.forward_ad
        p = lib.tensor([1.0, 2.0], requires_grad=True)
        with fw.dual_level():
            x = fw.make_dual(p, lib.tensor([1.0, -1.0]))
            loss = (x.sin() * x).sum()
            loss.backward()
            return fw.unpack_dual(loss).tangent, p.grad

    ours, theirs = _outcome(run, ak), _outcome(run, torch)
    for mine, reference in zip(ours, theirs):
        assert mine.tolist() == pytest.approx(reference.tolist(), rel=1e-6)


def test_a_dual_requires_grad_then_backward_inside_the_level():
    def run(lib):
        fw = lib.autograd.forward_ad
        with fw.dual_level():
            x = fw.make_dual(lib.tensor([1.0, 2.0]), lib.tensor([1.0, 1.0]))
            x.requires_grad_()
            y = (x * x).sum()
            y.backward()
            return x.grad, fw.unpack_dual(y).tangent.item(), x.is_leaf

    _same(run)


@pytest.mark.parametrize("change", ["copy_square", "mul_after_square", "exp_then_add"])
def test_a_value_saved_for_backward_may_change_in_place_afterwards(change):
    def run(lib):
        fw = lib.autograd.forward_ad
        with fw.dual_level():
            x = fw.make_dual(lib.tensor([1.0, 2.0, 3.0]), lib.tensor([1.0, 0.5, -1.0]))
            if change == "copy_square":
                x.copy_(x * x)
                kept = x
            elif change == "mul_after_square":
                kept = x * x
                x.mul_(2)
            else:
                h = x * 1
                kept = h.exp()
                h.add_(kept)
            return fw.unpack_dual(x).tangent, fw.unpack_dual(kept).tangent

    _same(run)


def test_in_place_add_of_a_dual_to_itself_counts_it_once():
    def run(lib):
        fw = lib.autograd.forward_ad
        with fw.dual_level():
            x = fw.make_dual(lib.tensor([1.0, 2.0]), lib.tensor([1.0, 0.5]))
            h = x * 3
            h += h
            x += x
            return fw.unpack_dual(h).tangent, fw.unpack_dual(x).tangent

    _same(run)


# ---- func.functional_call: one dict, or a list/tuple of dicts with no name twice ---------

def _linear(lib):
    module = lib.nn.Linear(2, 1)
    with lib.no_grad():
        module.weight.copy_(lib.tensor([[0.5, -1.0]]))
        module.bias.fill_(0.25)
    return module


_PARAMETER_DICTS = {
    "one": lambda lib: {"weight": lib.tensor([[1.0, 2.0]])},
    "tuple": lambda lib: ({"weight": lib.tensor([[1.0, 2.0]])}, {"bias": lib.tensor([1.0])}),
    "list": lambda lib: [{"weight": lib.tensor([[1.0, 2.0]])}, {"bias": lib.tensor([1.0])}],
    "repeated": lambda lib: ({"weight": lib.tensor([[1.0, 2.0]]), "bias": lib.tensor([1.0])},
                             {"weight": lib.tensor([[3.0, 2.0]])}, {"bias": lib.tensor([1.0])}),
    "not_all_dicts": lambda lib: ({"weight": lib.tensor([[1.0, 2.0]])}, 3),
    "number": lambda lib: 3,
    "set": lambda lib: {1},
    "empty_tuple": lambda lib: (),
}


@pytest.mark.parametrize("home", ["func", "stateless"])
@pytest.mark.parametrize("given", sorted(_PARAMETER_DICTS))
def test_functional_call_takes_pytorchs_parameter_dicts(given, home):
    def run(lib):
        call = (lib.func.functional_call if home == "func"
                else lib.nn.utils.stateless.functional_call)
        with pytest.warns(FutureWarning) if home == "stateless" else nullcontext():
            return call(_linear(lib), _PARAMETER_DICTS[given](lib), (lib.tensor([[1.0, 1.0]]),))

    _same(run)


# ---- jacfwd goes through a custom Function's own jvp -----------------------------------

def _cube_with_odd_jvp(lib):
    """a**3 whose jvp is deliberately 100*a*t (not the derivative), vmappable."""
    class Cube(lib.autograd.Function):
        generate_vmap_rule = True

        @staticmethod
        def forward(a):
            return a ** 3

        @staticmethod
        def setup_context(ctx, inputs, output):
            ctx.save_for_backward(inputs[0])
            ctx.save_for_forward(inputs[0])

        @staticmethod
        def backward(ctx, g):
            a, = ctx.saved_tensors
            return g * 3 * a * a

        @staticmethod
        def jvp(ctx, t):
            a, = ctx.saved_tensors
            return t * 100 * a

    return Cube


_WITH_CUSTOM_JVP = {
    "jacfwd": lambda lib, f, x: lib.func.jacfwd(f)(x),
    "jacfwd_argnums": lambda lib, f, x: lib.func.jacfwd(lambda a, b: f(a) * b, argnums=(0, 1))(
        x, x.flip(0)),
    "jacfwd_has_aux": lambda lib, f, x: lib.func.jacfwd(lambda a: (f(a).sin(), a.sum()),
                                                         has_aux=True)(x),
    "jacrev": lambda lib, f, x: lib.func.jacrev(f)(x),
    "hessian": lambda lib, f, x: lib.func.hessian(lambda a: f(a).sum())(x),
    "vmap_jvp": lambda lib, f, x: lib.func.vmap(
        lambda a: lib.func.jvp(f, (a,), (lib.ones_like(a),)))(x.reshape(2, 1)),
    "functional_jacobian": lambda lib, f, x: lib.autograd.functional.jacobian(
        f, x, vectorize=True, strategy="forward-mode"),
    "functional_jacobian_tuple": lambda lib, f, x: lib.autograd.functional.jacobian(
        lambda a, b: (f(a) * b, b.sin()), (x, x.flip(0)), vectorize=True,
        strategy="forward-mode"),
    "functional_jacobian_2d": lambda lib, f, x: lib.autograd.functional.jacobian(
        lambda a: f(a).sum(0), x.reshape(2, 1).expand(2, 3).contiguous(), vectorize=True,
        strategy="forward-mode"),
    "functional_jacobian_requires_grad": lambda lib, f, x: (lambda j: (
        j, j.requires_grad, type(j.grad_fn).__name__))(lib.autograd.functional.jacobian(
            f, x.requires_grad_(), vectorize=True, strategy="forward-mode")),
    "functional_hessian": lambda lib, f, x: lib.autograd.functional.hessian(
        lambda a: f(a).sum(), x, vectorize=True, outer_jacobian_strategy="forward-mode"),
}


@pytest.mark.parametrize("transform", sorted(_WITH_CUSTOM_JVP))
def test_forward_transforms_use_a_custom_functions_own_jvp(transform):
    def run(lib):
        x = lib.tensor([1.0, 2.0], dtype=lib.float64)
        return _WITH_CUSTOM_JVP[transform](lib, _cube_with_odd_jvp(lib).apply, x)

    _same(run)


# ---- what func's forward transforms say about arguments that are no tensors ------------

_NOT_TENSORS = {
    "jvp_float_primal": lambda lib, x: lib.func.jvp(lambda a: a * 2, (2.0,), (1.0,)),
    "jvp_float_tangent": lambda lib, x: lib.func.jvp(lambda a: a * 2, (x,), (1.0,)),
    "jvp_float_second_primal": lambda lib, x: lib.func.jvp(lambda a, b: a * b, (x, 2.0),
                                                           (x, 1.0)),
    "jvp_int_primal_float_tangent": lambda lib, x: lib.func.jvp(lambda a: a * 2, (x.long(),),
                                                                (2.0,)),
    "jacfwd_float": lambda lib, x: lib.func.jacfwd(lambda a: a * 2)(2.0),
    "jacfwd_float_second": lambda lib, x: lib.func.jacfwd(lambda a, b: a * b, argnums=(0, 1))(
        x, 3.0),
    "hessian_float": lambda lib, x: lib.func.hessian(lambda a: a * 2)(2.0),
    "linearize_float": lambda lib, x: lib.func.linearize(lambda a: a * 2, 2.0),
    "jacrev_float": lambda lib, x: lib.func.jacrev(lambda a: a * 2)(2.0),
}


@pytest.mark.parametrize("call", sorted(_NOT_TENSORS))
def test_forward_transforms_refuse_arguments_that_are_no_tensors_as_pytorch(call):
    _same(lambda lib: _NOT_TENSORS[call](lib, lib.tensor([1.0, 2.0])))


@pytest.mark.parametrize("mode", ["view_view", "view_new", "as_is_view", "as_is_new",
                                  "as_is_same", "new_view"])
def test_a_custom_function_returning_a_view_wants_a_view_from_its_jvp(mode):
    def run(lib):
        returns, tangent = mode.rsplit("_", 1)

        class Pick(lib.autograd.Function):
            @staticmethod
            def forward(ctx, a):
                return {"view": lambda: a.view(-1), "as_is": lambda: a,
                        "new": lambda: a * 2}[returns]()

            @staticmethod
            def backward(ctx, g):
                return g

            @staticmethod
            def jvp(ctx, t):
                return {"view": lambda: t.view(-1), "new": lambda: t * 2,
                        "same": lambda: t}[tangent]()

        fw = lib.autograd.forward_ad
        with fw.dual_level():
            x = fw.make_dual(lib.tensor([1.0, 2.0]), lib.ones(2))
            return fw.unpack_dual(Pick.apply(x)).tangent

    _same(run)


def test_a_custom_function_changing_its_input_in_place_gets_the_tangent_it_came_with():
    def run(lib):
        class Double(lib.autograd.Function):
            @staticmethod
            def forward(ctx, a):
                a.mul_(2)
                ctx.mark_dirty(a)
                return a

            @staticmethod
            def backward(ctx, g):
                return g * 2

            @staticmethod
            def jvp(ctx, t):
                return t.mul_(5)  # (deliberately not the derivative)

        fw = lib.autograd.forward_ad
        with fw.dual_level():
            x = fw.make_dual(lib.tensor([1.0, 3.0]), lib.tensor([1.0, 2.0]))
            h = x * 1
            y = Double.apply(h)
            return y is h, fw.unpack_dual(y), fw.unpack_dual(h * x).tangent

    _same(run)
