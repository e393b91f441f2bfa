"""Kit-only checks of the ninth round of autograd fixes (each asserts the behaviour
PyTorch 2.13 showed)."""

from __future__ import annotations

import pytest

import autograd_kit as ak

AF = ak.autograd.functional


def test_jvp_and_hvp_use_the_double_backward_trick_under_create_graph() -> None:
    """The products come from the backward of a backward: their grad_fn is the last op of
    that graph (MulBackward0, SumBackward0, SqueezeBackward1), not a sum of a full Jacobian."""
    x = ak.tensor([1., 2.], requires_grad=True)
    _, j = AF.jvp(lambda a: (a ** 3).sum(), x, ak.ones(2), create_graph=True)
    assert (j.item(), type(j.grad_fn).__name__) == (15.0, "SumBackward0")
    _, j = AF.jvp(lambda a: a ** 3, x, ak.ones(2), create_graph=True)
    assert (j.tolist(), j.grad_fn.name()) == ([3., 12.], "MulBackward0")
    _, h = AF.hvp(lambda a: (a ** 3).sum(), x, ak.ones(2), create_graph=True)
    assert (h.tolist(), h.grad_fn.name()) == ([6., 12.], "MulBackward0")
    _, h = AF.vhp(lambda a: (a ** 3).sum(), x, ak.ones(2), create_graph=True)
    assert (h.tolist(), h.grad_fn.name()) == ([6., 12.], "MulBackward0")
    _, j = AF.jvp(lambda a: a.exp().sum(dim=0), ak.ones(2, 2), ak.ones(2, 2), create_graph=True)
    assert j.grad_fn.name() == "SqueezeBackward1"


def test_functional_inputs_are_fresh_views_so_captured_tensors_stay_apart() -> None:
    """PyTorch differentiates with respect to x.view_as(x): a closure's own x is a constant."""
    x = ak.tensor([1., 2.], requires_grad=True)
    j = AF.jacobian(lambda a: a * x, x, create_graph=True)
    assert j.tolist() == [[1., 0.], [0., 2.]]
    assert j.grad_fn.name() == "ViewBackward0"


@pytest.mark.parametrize("name", ["hessian", "hvp", "vhp"])
def test_scalar_function_errors_name_their_caller(name: str) -> None:
    fn = getattr(AF, name)
    extra = () if name == "hessian" else (ak.ones(2),)
    with pytest.raises(RuntimeError, match=f"^The Tensor returned by the function given to "
                                           f"{name} should contain a single element$"):
        fn(lambda a: a * 2, ak.ones(2), *extra)
    with pytest.raises(RuntimeError, match=f"^The function given to {name} should return a "
                                           "single Tensor$"):
        fn(lambda a: (a.sum(), a.sum()), ak.ones(2), *extra)
    with pytest.raises(TypeError, match=f"given to {name} must be either a Tensor or a tuple "
                                        "of Tensors but the given outputs of the user-provided "
                                        "function has type <class 'float'>"):
        fn(lambda a: 3.0, ak.ones(2), *extra)


def test_forward_mode_jacobian_answers_lists() -> None:
    """PyTorch's forward-mode Jacobian keeps the lists it builds (tuple inputs)."""
    x, y = ak.tensor([1., 2.]), ak.tensor([3., 4.])
    both = AF.jacobian(lambda a, b: (a * b, a + b), (x, y), strategy="forward-mode",
                       vectorize=True)
    assert type(both) is list and type(both[0]) is list
    assert both[0][0].tolist() == [[3., 0.], [0., 4.]]
    one_out = AF.jacobian(lambda a, b: a * b, (x, y), strategy="forward-mode", vectorize=True)
    assert type(one_out) is list and len(one_out) == 2
    one_in = AF.jacobian(lambda a: (a * 2, a.exp()), x, strategy="forward-mode", vectorize=True)
    assert type(one_in) is tuple
    single = AF.jacobian(lambda a: a * 2, x, strategy="forward-mode", vectorize=True)
    assert single.tolist() == [[2., 0.], [0., 2.]] and single.grad_fn is None


def test_forward_over_reverse_hessian_is_tracked_as_pytorch_reshapes_it() -> None:
    x, y = ak.tensor([1., 2.]), ak.tensor([3., 4.])
    h = AF.hessian(lambda a: (a ** 3).sum(), x, outer_jacobian_strategy="forward-mode",
                   vectorize=True)
    assert h.tolist() == [[6., 0.], [0., 12.]]
    assert h.grad_fn.name() == "ReshapeAliasBackward0"
    assert h.grad_fn.next_functions[0][0].name() == "PermuteBackward0"
    assert not x.requires_grad
    hs = AF.hessian(lambda a, b: (a * b ** 2).sum(), (x, y),
                    outer_jacobian_strategy="forward-mode", vectorize=True)
    assert type(hs) is list and hs[0][0].tolist() == [[0., 0.], [0., 0.]]
    assert hs[0][0].grad_fn.name() == "ReshapeAliasBackward0"
    assert hs[1][1].tolist() == [[2., 0.], [0., 4.]]


def test_v_checks_name_the_entry_of_a_tuple() -> None:
    f = lambda a, b: (a * b).sum()  # noqa: E731
    xs = (ak.tensor([1., 2.]), ak.tensor([3., 4.]))
    with pytest.raises(RuntimeError, match=r"^Entry 1 in v has invalid size: should be "
                                           r"\w+.Size\(\[2\]\) but got \w+.Size\(\[3\]\)"):
        AF.hvp(f, xs, (ak.ones(2), ak.ones(3)))
    with pytest.raises(RuntimeError, match="^v is a tuple of invalid length: should be 2 "
                                           "but got 1.$"):
        AF.jvp(f, xs, (ak.ones(2),))
    with pytest.raises(TypeError, match="the value at index 1 has type <class 'float'>"):
        AF.jacobian(lambda a, b: a, (ak.ones(2), 3.0))


def test_vmap_checks_its_inputs_in_pytorchs_order() -> None:
    x = ak.ones(2)
    vmap = ak.func.vmap
    with pytest.raises(ValueError, match=r"^vmap\(<lambda>\)\(<inputs>\): got no inputs\."):
        vmap(lambda a: a)()
    for dims in (None, [0]):
        with pytest.raises(ValueError, match="expected `in_dims` to be int or a .potentially "
                                             f"nested. tuple matching the structure of inputs, "
                                             f"got: {type(dims)}"):
            vmap(lambda a: a, in_dims=dims)(x)
    with pytest.raises(ValueError, match="^vmap: Expected at least one Tensor to vmap over$"):
        vmap(lambda a, b: a, in_dims=(None, None))(x, x)
    with pytest.raises(RuntimeError, match="Only allowed values for randomness"):
        vmap(lambda a: a, randomness="bad")
    with pytest.raises(ValueError, match=r"chunk_size should be None or greater than 0. \(got 0"):
        vmap(lambda a: a, chunk_size=0)


def test_vmap_in_dims_and_out_dims_follow_the_nest() -> None:
    x = ak.tensor([1., 2.])
    out = ak.func.vmap(lambda a: a[0] + a[1], in_dims=([0, None],))([x, x])
    assert out.tolist() == [[2., 3.], [3., 4.]]
    pair = ak.func.vmap(lambda a, b: (a, b), in_dims=(0, (0, None)))(x, (x, x))
    assert pair[1][1].shape == (2, 2)
    assert ak.func.vmap(lambda a: a, out_dims=(0,))(x).tolist() == [1., 2.]
    with pytest.raises(ValueError, match="out_dims is not compatible with the structure of "
                                         "`outputs`"):
        ak.func.vmap(lambda a: (a, a), out_dims=(0, 0, 0))(x)


def test_transform_aux_must_hold_tensors_only() -> None:
    x = ak.ones(2)
    g, aux = ak.func.grad(lambda a: (a.sum(), {"m": a.mean(), "l": [a]}), has_aux=True)(x)
    assert aux["m"].item() == 1.0 and g.tolist() == [1., 1.]
    for f in (ak.func.grad, ak.func.jacrev, ak.func.jacfwd):
        with pytest.raises(RuntimeError, match="^Expected tensors, got unsupported type "
                                               "<class 'float'>$"):
            f(lambda a: (a.sum(), 3.0), has_aux=True)(x)
    with pytest.raises(RuntimeError, match="NoneType"):
        ak.func.vjp(lambda a: (a, None), x, has_aux=True)
    with pytest.raises(RuntimeError, match="^Expected tensors"):
        ak.func.jvp(lambda a: (a, 1), (x,), (x,), has_aux=True)


def test_jacobian_transforms_report_errors_as_vjp_and_jvp() -> None:
    x = ak.ones(2)
    with pytest.raises(RuntimeError, match=r"^vjp\(f, \*primals\): expected f\(\*primals\) "):
        ak.func.jacrev(lambda a: 3.0)(x)
    with pytest.raises(RuntimeError, match=r"^vjp\(f, \*primals\): expected f"):
        ak.func.hessian(lambda a: 3.0)(x)
    with pytest.raises(RuntimeError, match=r"^jvp\(f, primals, tangents\): output of function"):
        ak.func.jacfwd(lambda a: a, has_aux=True)(x)


def test_functionalize_keeps_the_function() -> None:
    def f(x: ak.Tensor) -> ak.Tensor:
        y = x.clone()
        y.add_(1)
        return y

    g = ak.func.functionalize(f)
    assert g.__name__ == "f" and g(ak.ones(2)).tolist() == [2., 2.]
    assert ak.func.grad(lambda a: g(a).sum())(ak.ones(2)).tolist() == [1., 1.]
    with pytest.raises(RuntimeError, match="received invalid argument for remove=views"):
        ak.func.functionalize(f, remove="views")


def test_vmap_refuses_a_batched_output_with_out_dim_none() -> None:
    x = ak.ones(2)
    with pytest.raises(ValueError, match=r"^vmap\(<lambda>, \.\.\.\): `<lambda>` can not "
                                         "return a BatchedTensor when out_dim is None$"):
        ak.func.vmap(lambda a: (a, a), out_dims=(0, None))(x)
    with pytest.raises(ValueError, match="can not return a BatchedTensor"):
        ak.func.vmap(lambda a: a * 2, out_dims=None)(ak.tensor([1., 2.]))
    a, c = ak.func.vmap(lambda a: (a, ak.ones(3)), out_dims=(0, None))(x)
    assert c.tolist() == [1., 1., 1.]
    kept = ak.func.vmap(lambda a, b: b, in_dims=(0, None), out_dims=None)(x, ak.zeros(3))
    assert kept.tolist() == [0., 0., 0.]


def test_forward_ad_refuses_a_custom_function_without_jvp() -> None:
    class Triple(ak.autograd.Function):
        @staticmethod
        def forward(ctx, x):  # noqa: ANN001, ANN205
            return x * 3

        @staticmethod
        def backward(ctx, g):  # noqa: ANN001, ANN205
            return g * 3

    fwAD = ak.autograd.forward_ad
    w = ak.tensor([1., 2.], requires_grad=True)
    with fwAD.dual_level():
        d = fwAD.make_dual(ak.tensor([0., 1.]), ak.tensor([1., 2.]))
        assert fwAD.unpack_dual(Triple.apply(w) + d).tangent.tolist() == [1., 2.]
        with pytest.raises(NotImplementedError, match="^You must implement the jvp function "
                                                      "for custom autograd.Function to use it "
                                                      "with forward mode AD.$"):
            fwAD.unpack_dual(Triple.apply(d))


class _CountingSquare(ak.autograd.Function):
    calls: list[str] = []

    @staticmethod
    def forward(ctx, x):  # noqa: ANN001, ANN205
        ctx.save_for_backward(x)
        return x ** 2

    @staticmethod
    def backward(ctx, g):  # noqa: ANN001, ANN205
        _CountingSquare.calls.append("backward")
        x, = ctx.saved_tensors
        return 2 * x * g


def test_gradcheck_runs_f_and_backward_as_often_as_pytorch() -> None:
    """f once, twice per input value, once more for the undefined-grad check; backward twice
    per output value (reentrancy), once with zero grads, once with undefined ones."""
    calls = []

    def f(a: ak.Tensor) -> ak.Tensor:
        calls.append("f")
        return _CountingSquare.apply(a)

    x = ak.tensor([1., 2.], dtype=ak.float64, requires_grad=True)
    _CountingSquare.calls = []
    assert ak.autograd.gradcheck(f, x)
    assert len(calls) == 6 and len(_CountingSquare.calls) == 6
    calls.clear()
    _CountingSquare.calls = []
    assert ak.autograd.gradcheck(f, x, fast_mode=True)
    assert len(calls) == 4 and len(_CountingSquare.calls) == 4


def test_gradcheck_catches_a_backward_that_ignores_grad_output() -> None:
    class Sum(ak.autograd.Function):
        @staticmethod
        def forward(ctx, x):  # noqa: ANN001, ANN205
            return x.sum()

        @staticmethod
        def backward(ctx, g):  # noqa: ANN001, ANN205
            return ak.ones(2, dtype=ak.float64)

    x = ak.tensor([1., 2.], dtype=ak.float64, requires_grad=True)
    with pytest.raises(RuntimeError, match="^backward not multiplied by grad_output$") as e:
        ak.autograd.gradcheck(Sum.apply, x)
    assert type(e.value).__name__ == "GradcheckError"
    assert ak.autograd.gradcheck(Sum.apply, x, raise_exception=False) is False


def test_gradcheck_numerical_jacobian_has_the_output_dtype_and_views_work() -> None:
    x = ak.tensor([1., 2.], dtype=ak.float64, requires_grad=True)
    y = ak.tensor([1., 2.], dtype=ak.float32, requires_grad=True)
    with pytest.warns(UserWarning, match="Input #1 requires gradient"):
        with pytest.raises(RuntimeError, match=r"numerical:tensor\(\[\[0.9835, 0.0000\],\n"
                                               r"        \[0.0000, 1.9073\]\], "
                                               r"dtype=\w+.float64\)\nanalytical:tensor"):
            ak.autograd.gradcheck(lambda a, b: a * b.double(), (x, y))
    m = ak.tensor([[1., 2.], [3., 4.]], dtype=ak.float64, requires_grad=True)
    assert ak.autograd.gradcheck(lambda t: t[0], m)
    assert ak.autograd.gradcheck(lambda t: t.unbind(0), m)


def test_gradcheck_reports_outputs_first_and_counts_only_inputs_needing_grad() -> None:
    class Wrong(ak.autograd.Function):
        @staticmethod
        def forward(ctx, k, y):  # noqa: ANN001, ANN205
            return k * y

        @staticmethod
        def backward(ctx, g):  # noqa: ANN001, ANN205
            return None, g * 2

    y = ak.tensor([3., 4.], dtype=ak.float64, requires_grad=True)
    with pytest.raises(RuntimeError, match="^Jacobian mismatch for output 0 with respect to "
                                           "input 0,"):
        ak.autograd.gradcheck(Wrong.apply, (ak.tensor(5., dtype=ak.float64), y))


def test_gradcheck_input_checks() -> None:
    x = ak.tensor([1., 2.], dtype=ak.float64, requires_grad=True)
    with pytest.raises(RuntimeError, match="^The 0th input has a dimension with stride 0"):
        ak.autograd.gradcheck(lambda a: a * 1, x.expand(2, 2))
    with pytest.raises(AssertionError, match=r"perturbed on index \(0,\) by 1e-06, but got: "
                                             r"shapes"):
        ak.autograd.gradcheck(lambda a: a * 2 if a.sum() > 3 else a.sum(), x)
    with pytest.raises(TypeError, match="unexpected keyword argument 'check_rev_over_rev'"):
        ak.autograd.gradcheck(lambda a: a, x, check_rev_over_rev=True)
    assert ak.autograd.gradgradcheck(lambda a: a ** 3, x, check_rev_over_rev=True,
                                     nondet_tol=0.0)


def test_multi_grad_hook_all_mode_needs_every_tensor_in_the_graph() -> None:
    register = ak.autograd.graph.register_multi_grad_hook
    with pytest.raises(AssertionError, match="^Expected gradient function to be set$"):
        register((ak.ones(2),), lambda grads: None)
    x = ak.ones(2, requires_grad=True)
    seen = []
    register((x, ak.ones(2)), lambda g: seen.append(g.tolist()), mode="any")
    (x * 3).sum().backward()
    assert seen == [[3., 3.]]


def test_vmap_randomness_error_and_same() -> None:
    vmap = ak.func.vmap
    with pytest.raises(RuntimeError, match="^vmap: called random operation while in "
                                           "randomness error mode"):
        vmap(lambda a: a + ak.rand(1))(ak.ones(3))
    with pytest.raises(RuntimeError, match="randomness error mode"):
        vmap(lambda a: ak.nn.functional.dropout(a, 0.5))(ak.ones(3, 2))
    ak.manual_seed(0)
    out = vmap(lambda a: a + ak.rand(()), randomness="same")(ak.ones(3))
    assert out[0] == out[1] == out[2]
    after_vmap = ak.rand(()).item()  # the generator moved on by one draw, as in PyTorch
    ak.manual_seed(0)
    ak.rand(())
    assert after_vmap == ak.rand(()).item()
    out = vmap(lambda a: a + ak.rand(()), randomness="different")(ak.ones(3))
    assert len(set(out.tolist())) == 3



def test_a_dual_made_from_a_plain_primal_is_plain_again_after_its_level() -> None:
    fwAD = ak.autograd.forward_ad
    user = ak.tensor([3., 4.], requires_grad=True)
    with fwAD.dual_level():
        d = fwAD.make_dual(ak.tensor([1., 2.]), ak.ones(2))
        kept = fwAD.make_dual(user, ak.ones(2))
        assert d.requires_grad
    assert not d.requires_grad and d.is_leaf
    assert fwAD.unpack_dual(d).tangent is None
    assert repr(fwAD.unpack_dual(d).primal) == "tensor([1., 2.])"
    assert kept.requires_grad and user.requires_grad


def test_reverse_mode_transforms_refuse_integer_outputs() -> None:
    x = ak.tensor([1., 2.])
    message = ("^vjp\\(f, \\.\\.\\.\\): All outputs of f must be floating-point or complex "
               "Tensors, got Tensor with dtype \\w+.int64$")
    with pytest.raises(RuntimeError, match=message):
        ak.func.jacrev(lambda a: a.long())(x)
    with pytest.raises(RuntimeError, match="got Tensor with dtype \\w+.int32"):
        ak.func.vjp(lambda a: a.int(), x)


def test_forward_mode_transforms_need_floating_primals_and_tangents() -> None:
    ints = ak.tensor([1, 2])
    with pytest.raises(ValueError, match="^Expected primal to be floating point or complex, "
                                         "but got: \\w+.int64$"):
        ak.func.jacfwd(lambda a: a * 2)(ints)
    with pytest.raises(ValueError, match="^Expected primal to be floating point"):
        ak.func.hessian(lambda a: a.sum())(ints)
    with pytest.raises(ValueError, match="^Expected tangent to be floating point or complex, "
                                         "but got: \\w+.int64$"):
        ak.func.jvp(lambda a: a * 2, (ak.ones(2),), (ints,))


def test_make_dual_and_unpack_dual_level_errors() -> None:
    fwAD = ak.autograd.forward_ad
    with pytest.raises(RuntimeError, match="^Trying to access a forward AD level with an "
                                           "invalid index"):
        fwAD.make_dual(ak.ones(2), ak.ones(2), level=0)
    w = ak.ones(2, requires_grad=True)
    with fwAD.dual_level():
        x = fwAD.make_dual(ak.tensor([1., 2.]), ak.tensor([1., 0.]))
        with pytest.raises(RuntimeError, match="^Invalid level given to _make_dual$"):
            fwAD.make_dual(ak.ones(2), ak.ones(2), level=3)
        with pytest.raises(RuntimeError, match="^Invalid level given to _fw_primal$"):
            fwAD.unpack_dual(x, level=3)
        for already in (x, x * 2, x[0]):
            with pytest.raises(RuntimeError, match="^Making a dual Tensor based on a Tensor "
                                                   "that already has a forward gradient at "
                                                   "the same level 0 is not supported.$"):
                fwAD.make_dual(already, ak.ones_like(already))
        y = fwAD.make_dual(w * 3, ak.ones(2))  # (unrelated to x: allowed)
        assert fwAD.unpack_dual(y).tangent.tolist() == [1., 1.]
        assert fwAD.unpack_dual(fwAD.make_dual(x.detach(), ak.ones(2))).tangent is not None


def test_removable_handle_made_pytorchs_way() -> None:
    from collections import OrderedDict

    hooks: OrderedDict = OrderedDict()
    extra: OrderedDict = OrderedDict()
    handle = ak.utils.hooks.RemovableHandle(hooks, extra_dict=extra)
    hooks[handle.id] = "hook"
    extra[handle.id] = True
    handle.remove()
    assert not hooks and not extra
    with ak.utils.hooks.RemovableHandle(hooks) as other:
        hooks[other.id] = "hook"
        assert len(hooks) == 1
    assert not hooks
    with pytest.raises(TypeError, match="^cannot create weak reference to 'dict' object$"):
        ak.utils.hooks.RemovableHandle({})
