"""Engine, hooks, saved tensors, grad mode and autograd namespace fixes, checked without
PyTorch (expected values derived by hand; tests/test_torch_parity_engine2.py compares the
same behaviour with PyTorch where it is installed)."""

from __future__ import annotations

import numpy as np
import pytest

import autograd_kit as ak


def values(t: ak.Tensor) -> list:
    return np.asarray(t.detach().numpy()).tolist()


def function(name: str = "F", **rules: object) -> type:
    """A custom Function class named ``name`` whose static methods are ``rules``."""
    return type(name, (ak.autograd.Function,),
                {key: staticmethod(rule) for key, rule in rules.items()})


# ---- autograd.grad: order of checks, dict inputs, materialize_grads, is_grads_batched


def test_grad_with_empty_inputs_complains_about_inputs_first() -> None:
    with pytest.raises(RuntimeError, match=r"^`inputs` argument to `grad\(\)` cannot be empty\.$"):
        ak.autograd.grad(ak.tensor(1.0), [])


def test_grad_checks_the_gradient_shape_before_the_outputs() -> None:
    x = ak.tensor([1.0, 2.0])
    with pytest.raises(RuntimeError, match=r"Mismatch in shape: grad_output\[0\]"):
        ak.autograd.grad(x * 2, x, grad_outputs=ak.ones(3))
    with pytest.raises(RuntimeError, match="element 0 of tensors does not require grad"):
        ak.autograd.grad(x * 2, x)


def test_grad_of_a_dict_of_inputs_is_a_dict() -> None:
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    w = ak.tensor(3.0, requires_grad=True)
    g = ak.autograd.grad((x * 2).sum(), {"a": x, "b": w}, allow_unused=True)
    assert list(g) == ["a", "b"]
    assert values(g["a"]) == [2.0, 2.0] and g["b"] is None


def test_materialized_zeros_require_grad_under_create_graph() -> None:
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    w = ak.tensor(3.0, requires_grad=True)
    gx, gw = ak.autograd.grad((x * 2).sum(), [x, w], materialize_grads=True, create_graph=True)
    assert values(gw) == 0.0 and gw.requires_grad


def test_batched_grads_give_one_row_per_grad_output() -> None:
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    y = x ** 2  # dy_i/dx_i = 2 x_i: rows of the Jacobian diag(2, 4)
    (g,) = ak.autograd.grad(y, x, grad_outputs=ak.eye(2), is_grads_batched=True)
    assert values(g) == [[2.0, 0.0], [0.0, 4.0]]
    with pytest.raises(RuntimeError, match="Trying to backward through the graph a second time"):
        y.sum().backward()  # the graph was freed after the last row, as after one call


def test_batched_grads_keep_none_or_unbatched_zeros_for_unused_inputs() -> None:
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    w = ak.tensor(3.0, requires_grad=True)
    y = x * 2
    g = ak.autograd.grad(y, [x, w], grad_outputs=ak.eye(2), is_grads_batched=True,
                         allow_unused=True, retain_graph=True)
    assert values(g[0]) == [[2.0, 0.0], [0.0, 2.0]] and g[1] is None
    g = ak.autograd.grad(y, [x, w], grad_outputs=ak.eye(2), is_grads_batched=True,
                         materialize_grads=True)
    assert g[1].shape == () and values(g[1]) == 0.0


def test_batched_grads_check_the_shape_after_the_batch_dimension() -> None:
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    with pytest.raises(RuntimeError, match="If `is_grads_batched=True`, we interpret the first"):
        ak.autograd.grad(x * 2, x, grad_outputs=ak.ones(3, 3), is_grads_batched=True)


def test_batched_grads_under_create_graph_can_be_differentiated() -> None:
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    (g,) = ak.autograd.grad(x ** 3, x, grad_outputs=ak.eye(2), is_grads_batched=True,
                            create_graph=True)
    assert g.requires_grad
    (gg,) = ak.autograd.grad(g.sum(), x)  # d/dx of 3 x^2 summed: 6 x
    assert values(gg) == [6.0, 12.0]


# ---- the autograd namespace: return_types, utils.hooks, multithreading, profiler, checkpoint


def test_return_types_are_the_classes_operations_return() -> None:
    x = ak.tensor([[1.0, 2.0], [3.0, 4.0]])
    assert isinstance(x.max(0), ak.return_types.max) and ak.return_types.max.__name__ == "max"
    assert isinstance(x.sort(), ak.return_types.sort)
    assert isinstance(ak.linalg.qr(x), ak.return_types.linalg_qr)
    assert str(type(x.topk(1))) == "<class 'autograd_kit.return_types.topk'>"
    assert repr(x.max(0)).startswith("autograd_kit.return_types.max(\nvalues=tensor([3., 4.])")


def test_return_types_pickle_through_their_public_home() -> None:
    import pickle

    x = ak.tensor([[1.0, 2.0], [3.0, 4.0]])
    back = pickle.loads(pickle.dumps(x.min(1)))
    assert type(back) is ak.return_types.min and values(back.values) == [1.0, 3.0]


def test_register_hook_returns_utils_hooks_removable_handle() -> None:
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    handle = x.register_hook(lambda g: g * 10)
    assert isinstance(handle, ak.utils.hooks.RemovableHandle)
    assert type(handle).__module__ == "autograd_kit.utils.hooks"
    handle.remove()
    (x * 2).sum().backward()
    assert values(x.grad) == [2.0, 2.0]


def test_set_multithreading_enabled_is_a_context_manager_and_a_call() -> None:
    x = ak.ones(2, requires_grad=True)
    with ak.autograd.set_multithreading_enabled(False):
        assert ak.autograd.set_multithreading_enabled.enabled is False
        (x * 2).sum().backward()
    assert ak.autograd.set_multithreading_enabled.enabled is True
    assert values(x.grad) == [2.0, 2.0]


def test_record_function_changes_nothing() -> None:
    x = ak.ones(2, requires_grad=True)
    with ak.autograd.profiler.record_function("block") as block:
        y = x * 2
    assert block.name == "block" and y.grad_fn.name() == "MulBackward0"

    @ak.autograd.profiler.record_function("f")
    def f(t: ak.Tensor) -> ak.Tensor:
        return t.exp()

    assert f(x).grad_fn.name() == "ExpBackward0"


@pytest.mark.parametrize("reentrant", [False, True])
def test_checkpoint_gives_the_gradients_of_the_function(reentrant: bool) -> None:
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    w = ak.tensor([3.0, 0.5], requires_grad=True)
    y = ak.utils.checkpoint.checkpoint(lambda t, u: (t * u).exp() * t, x, w,
                                       use_reentrant=reentrant)
    name = "CheckpointFunctionBackward" if reentrant else "MulBackward0"
    assert y.grad_fn.name() == name
    y.sum().backward()
    # d/dt (e^(tu) t) = e^(tu)(u t + 1); d/du = t^2 e^(tu)
    e = np.exp([3.0, 1.0])
    np.testing.assert_allclose(values(x.grad), e * np.array([4.0, 2.0]), rtol=1e-6)
    np.testing.assert_allclose(values(w.grad), e * np.array([1.0, 4.0]), rtol=1e-6)


def test_checkpoint_recomputes_what_was_saved_in_backward() -> None:
    calls = []

    def f(t: ak.Tensor) -> ak.Tensor:
        calls.append(1)
        return t.exp()

    x = ak.tensor([0.0, 1.0], requires_grad=True)
    y = ak.utils.checkpoint.checkpoint(f, x, use_reentrant=False)
    assert len(calls) == 1
    y.sum().backward(retain_graph=True)
    assert len(calls) == 2  # run again for the saved result of exp
    y.sum().backward()
    assert len(calls) == 3 and values(x.grad) == pytest.approx([2.0, 2 * np.e])


def test_checkpoint_replays_the_same_random_numbers() -> None:
    ak.manual_seed(0)
    x = ak.ones(8, requires_grad=True)
    y = ak.utils.checkpoint.checkpoint(lambda t: ak.nn.functional.dropout(t * 2, 0.5), x,
                                       use_reentrant=False)
    y.sum().backward()  # the dropped elements get no gradient, the kept ones 2 / 0.5
    assert values(x.grad) == [4.0 if v else 0.0 for v in values(y)]


def test_reentrant_checkpoint_refuses_keywords_and_autograd_grad() -> None:
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    with pytest.raises(ValueError, match="^Unexpected keyword arguments: k$"):
        ak.utils.checkpoint.checkpoint(lambda t, k=1: t * k, x, k=3, use_reentrant=True)
    y = ak.utils.checkpoint.checkpoint(lambda t: t * 2, x, use_reentrant=True)
    with pytest.raises(RuntimeError, match="When use_reentrant=True, torch.utils.checkpoint is"):
        ak.autograd.grad(y.sum(), x)
    with pytest.warns(UserWarning, match="the use_reentrant parameter should be passed"):
        ak.utils.checkpoint.checkpoint(lambda t: t * 2, x)


# ---- grad mode and saved-tensor hooks are per thread


def _in_a_thread(work):  # type: ignore[no-untyped-def]
    import threading

    results: list = []
    thread = threading.Thread(target=lambda: results.append(work()))
    thread.start()
    thread.join()
    return results[0]


def test_a_thread_started_inside_no_grad_records() -> None:
    x = ak.ones(1, requires_grad=True)
    with ak.no_grad():
        assert _in_a_thread(lambda: ((x * 2).requires_grad, ak.is_grad_enabled())) == (True, True)
        assert not (x * 2).requires_grad


def test_switching_grad_mode_in_a_thread_leaves_the_caller_alone() -> None:
    def work() -> bool:
        ak.set_grad_enabled(False)
        return ak.is_grad_enabled()

    assert _in_a_thread(work) is False
    assert ak.is_grad_enabled()


def test_inference_mode_is_per_thread() -> None:
    with ak.inference_mode():
        state = _in_a_thread(lambda: (ak.is_inference_mode_enabled(), ak.is_grad_enabled()))
    assert state == (False, True)


def test_saved_tensor_hooks_are_per_thread() -> None:
    x = ak.ones(1, requires_grad=True)
    packed: list = []

    def pack(t: ak.Tensor) -> ak.Tensor:
        packed.append(t)
        return t

    with ak.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        _in_a_thread(lambda: x * x)
        assert packed == []  # the other thread's multiplication saved without the hooks
        x * x
        assert len(packed) == 2


# ---- node hooks of a node with an integer output (PyTorch gives it no slot)


def test_hooks_of_sort_see_only_the_gradient_of_the_values() -> None:
    x = ak.tensor([3.0, 1.0, 2.0], requires_grad=True)
    v = x.sort().values
    seen = []
    v.grad_fn.register_prehook(lambda go: seen.append(("pre", len(go))))
    v.grad_fn.register_hook(lambda gi, go: seen.append(("post", len(gi), len(go))))
    v.grad_fn.register_prehook(lambda go: (go[0] * 3,))  # one gradient back is accepted
    v.sum().backward()
    assert seen == [("pre", 1), ("post", 1, 1)]
    assert values(x.grad) == [3.0, 3.0, 3.0]


def test_a_prehook_of_max_with_dim_returning_two_values_is_refused() -> None:
    x = ak.tensor([[3.0, 1.0], [2.0, 4.0]], requires_grad=True)
    v = x.max(1).values
    v.grad_fn.register_prehook(lambda go: (go[0], None))
    with pytest.raises(RuntimeError, match=r"incorrect number of values \(got 2, but expected 1\)"):
        v.sum().backward()


def test_outputs_that_are_all_differentiable_keep_their_slots() -> None:
    x = ak.tensor([[3.0, 1.0], [2.0, 4.0]], requires_grad=True)
    a, b = x.unbind()
    seen = []
    a.grad_fn.register_prehook(lambda go: seen.append([g is None for g in go]))
    a.sum().backward()
    assert seen == [[False, True]]


def test_a_custom_function_keeps_a_slot_for_every_output() -> None:
    F = function(forward=lambda ctx, x: (x * 2, x.argmax()), backward=lambda ctx, ga, gi: ga * 2)
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    a, _ = F.apply(x)
    seen = []
    a.grad_fn.register_prehook(lambda go: seen.append(len(go)))
    a.sum().backward()
    assert seen == [2] and values(x.grad) == [2.0, 2.0]


# ---- a custom Function's saved output keeps its place in the graph when unpacked


class _Double(ak.autograd.Function):
    @staticmethod
    def forward(ctx, x):  # type: ignore[no-untyped-def]
        y = x * 2
        ctx.save_for_backward(x, y)
        return y

    @staticmethod
    def backward(ctx, g):  # type: ignore[no-untyped-def]
        x, y = ctx.saved_tensors
        ctx.seen = (y.grad_fn.name(), y.requires_grad, y.is_leaf, x.grad_fn)
        return g * y  # (not the true derivative: what the gradient shows is this rule)


def test_saved_output_of_a_custom_function_has_its_grad_fn() -> None:
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    z = _Double.apply(x)
    z.sum().backward()
    assert z.grad_fn.seen == ("_DoubleBackward", True, False, None)
    assert values(x.grad) == [2.0, 4.0]


def test_saved_output_with_setup_context_has_its_grad_fn() -> None:
    class Scale(ak.autograd.Function):
        @staticmethod
        def forward(x, k):  # type: ignore[no-untyped-def]
            return x * k

        @staticmethod
        def setup_context(ctx, inputs, output):  # type: ignore[no-untyped-def]
            ctx.k = inputs[1]
            ctx.save_for_backward(output)

        @staticmethod
        def backward(ctx, g):  # type: ignore[no-untyped-def]
            (out,) = ctx.saved_tensors
            ctx.seen = out.grad_fn is not None and out.requires_grad
            return g * ctx.k, None

    x = ak.tensor([1.0, 2.0], requires_grad=True)
    y = Scale.apply(x, 3.0)
    y.sum().backward()
    assert y.grad_fn.seen is True and values(x.grad) == [3.0, 3.0]


# ---- detach_() of a tensor saved for backward


DETACHED = (r"^Trying to use a saved tensor that has been detached in-place, i\.e\. with "
            r"\.detach_\(\)\.This is not supported, please use out-of-place `\.detach\(\)` "
            r"instead$")


def test_backward_refuses_a_saved_tensor_detached_in_place() -> None:
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    z = y * x
    y.detach_()
    with pytest.raises(RuntimeError, match=DETACHED):
        z.sum().backward()


def test_a_detached_saved_tensor_is_still_readable_as_saved_self() -> None:
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    z = y ** 2
    y.detach_()
    assert values(z.grad_fn._saved_self) == [2.0, 4.0]


def test_a_detached_leaf_or_output_is_used_as_it_is() -> None:
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    z = x ** 2
    x.detach_()  # a leaf when saved: no complaint (d/dx x^2 = 2x)
    z.sum().backward()
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    y = x.exp()
    w = y * 1
    y.detach_()  # the saved *output* of exp: no complaint either
    w.sum().backward()
    np.testing.assert_allclose(values(x.grad), np.exp([1.0, 2.0]), rtol=1e-6)


# ---- anomaly mode's classes live in autograd.anomaly_mode; custom Function's array outputs


def test_anomaly_mode_classes_print_with_their_public_module() -> None:
    assert ak.autograd.anomaly_mode.detect_anomaly is ak.autograd.detect_anomaly
    module = type(ak.autograd.set_detect_anomaly(False)).__module__
    assert module == "autograd_kit.autograd.anomaly_mode"


def test_a_custom_function_returning_an_array_gives_the_array() -> None:
    F = function(forward=lambda ctx, x: x.detach().numpy() * 2, backward=lambda ctx, g: g)
    G = function(forward=lambda ctx, x: x.detach().numpy().sum(), backward=lambda ctx, g: g)
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    y = F.apply(x)
    assert type(y) is np.ndarray and y.tolist() == [2.0, 4.0]
    assert type(G.apply(x)) is np.float32


# ---- autograd.functional: PyTorch's checks of strategy, vectorize, strict, create_graph


def test_forward_mode_jacobian_needs_vectorize_and_refuses_create_graph() -> None:
    jacobian = ak.autograd.functional.jacobian
    x = ak.tensor([1.0, 2.0])
    with pytest.raises(NotImplementedError, match="isonly implemented for `vectorize=True`"):
        jacobian(lambda t: t ** 2, x, strategy="forward-mode")
    with pytest.raises(NotImplementedError, match="`create_graph=True` and `strategy="):
        jacobian(lambda t: t ** 2, x, strategy="forward-mode", create_graph=True)
    with pytest.raises(RuntimeError, match="`strict=True` and `vectorized=True`"):
        jacobian(lambda t: t ** 2, x, strict=True, vectorize=True)
    j = jacobian(lambda t: t ** 2, x, strategy="forward-mode", vectorize=True)
    assert values(j) == [[2.0, 0.0], [0.0, 4.0]]


def test_hessian_checks_its_strategy_and_passes_it_on() -> None:
    hessian = ak.autograd.functional.hessian
    x = ak.tensor([1.0, 2.0])
    with pytest.raises(AssertionError, match="Expected strategy to be either"):
        hessian(lambda t: (t ** 3).sum(), x, outer_jacobian_strategy="nope")
    with pytest.raises(NotImplementedError, match="isonly implemented for `vectorize=True`"):
        hessian(lambda t: (t ** 3).sum(), x, outer_jacobian_strategy="forward-mode")
    h = hessian(lambda t: (t ** 3).sum(), x, vectorize=True)  # diag(6 x)
    assert values(h) == [[6.0, 0.0], [0.0, 12.0]]


# ---- grad-mode switches given something that is not a function


def test_no_grad_given_a_value_returns_a_wrapper_not_a_context_manager() -> None:
    with pytest.raises(TypeError, match="does not support the context manager protocol"):
        with ak.no_grad(False):
            pass


def test_inference_mode_takes_its_mode_or_a_function() -> None:
    x = ak.ones(2, requires_grad=True)

    @ak.inference_mode
    def bare(t: ak.Tensor) -> ak.Tensor:
        return t * 2

    @ak.inference_mode(False)
    def off(t: ak.Tensor) -> ak.Tensor:
        return t * 2

    assert bare(x).is_inference() and not bare(x).requires_grad
    assert off(x).requires_grad and not off(x).is_inference()


# ---- backward(inputs=...) and node hooks of partial backward passes


def test_node_hooks_see_none_for_gradients_nobody_asked_for() -> None:
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    w = ak.tensor([3.0, 4.0], requires_grad=True)
    y = x * w
    seen = []
    y.grad_fn.register_hook(lambda gi, go: seen.append([None if g is None else values(g)
                                                        for g in gi]))
    ak.autograd.grad(y.sum(), x, retain_graph=True)
    y.sum().backward(inputs=[w])
    assert seen == [[[3.0, 4.0], None], [None, [1.0, 2.0]]]


def test_backward_with_a_non_leaf_input_runs_its_node() -> None:
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    y = x * 2
    calls = []
    y.grad_fn.register_prehook(lambda go: calls.append("pre"))
    y.grad_fn.register_hook(lambda gi, go: calls.append(("post", gi)))
    y.sum().backward(inputs=[y], retain_graph=True)
    assert calls == ["pre", ("post", (None, None))]
    assert values(y.grad) == [1.0, 1.0] and x.grad is None


def test_backward_with_a_non_leaf_input_needs_its_saved_tensors() -> None:
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    y = x.exp()
    y.sum().backward()
    with pytest.raises(RuntimeError, match="Trying to backward through the graph a second"):
        y.sum().backward(inputs=[y])
    z = x + 1  # saves nothing: runs again without complaint
    z.sum().backward()
    z.sum().backward(inputs=[z])
    assert values(z.grad) == [1.0, 1.0]


# ---- custom Function: vjp, saved_variables, a node that is not callable


def test_a_function_may_write_vjp_instead_of_backward() -> None:
    F = function(forward=lambda ctx, x: x * 2, vjp=lambda ctx, g: g * 5)
    Both = function(forward=lambda ctx, x: x * 2, vjp=lambda ctx, g: g, backward=lambda ctx, g: g)
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    F.apply(x).sum().backward()
    assert values(x.grad) == [5.0, 5.0]
    with pytest.raises(RuntimeError, match="Implementing both 'backward' and 'vjp'"):
        Both.apply(x).sum().backward()
    assert ak.autograd.Function.vjp is ak.autograd.Function.backward


def test_saved_variables_is_the_deprecated_saved_tensors() -> None:
    class F(ak.autograd.Function):
        @staticmethod
        def forward(ctx, x):  # type: ignore[no-untyped-def]
            ctx.save_for_backward(x)
            return x * 2

        @staticmethod
        def backward(ctx, g):  # type: ignore[no-untyped-def]
            with pytest.warns(DeprecationWarning, match="'saved_variables' is deprecated"):
                (x,) = ctx.saved_variables
            return g * x

    x = ak.tensor([1.0, 2.0], requires_grad=True)
    F.apply(x).sum().backward()
    assert values(x.grad) == [1.0, 2.0]


def test_a_custom_functions_node_is_not_callable_but_a_built_in_one_is() -> None:
    F = function(forward=lambda ctx, x: x * 2, backward=lambda ctx, g: g)
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    with pytest.raises(TypeError, match="^'FBackward' object is not callable$"):
        F.apply(x).grad_fn(ak.ones(2))
    assert values(x.sum().grad_fn(ak.tensor(2.0))) == [2.0, 2.0]


def test_checkpoint_sequential_gives_the_gradients_of_the_sequence() -> None:
    ak.manual_seed(0)
    model = ak.nn.Sequential(ak.nn.Linear(3, 4), ak.nn.Tanh(), ak.nn.Linear(4, 2))
    x = ak.ones(2, 3, requires_grad=True)
    model(x).sum().backward()
    expected = values(x.grad)
    x.grad = None
    y = ak.utils.checkpoint.checkpoint_sequential(model, 2, x, use_reentrant=False)
    y.sum().backward()
    np.testing.assert_allclose(values(x.grad), expected, rtol=1e-6)
    with pytest.raises(ValueError, match="^Unexpected keyword arguments: foo$"):
        ak.utils.checkpoint.checkpoint_sequential(model, 2, x, use_reentrant=False, foo=1)


def test_more_linalg_results_are_return_types() -> None:
    x = ak.tensor([[2.0, 1.0], [1.0, 3.0]])
    assert type(ak.linalg.lu(x)) is ak.return_types.linalg_lu
    assert type(ak.linalg.lu_factor(x)) is ak.return_types.linalg_lu_factor
    assert ak.autograd.is_multithreading_enabled() is True


def test_gradcheck_warns_about_single_precision_in_pytorch_words() -> None:
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    with pytest.warns(UserWarning, match=r"^Input #0 requires gradient and is not a double "
                      r"precision floating point or complex\. This check will likely fail if "
                      r"all the inputs are not of double precision floating point or complex\. $"):
        ak.autograd.gradcheck(lambda t: t * 2, (x,), raise_exception=False)


def test_an_input_returned_as_it_is_comes_back_as_a_view() -> None:
    F = function(forward=lambda ctx, x: x, backward=lambda ctx, g: g * 2)
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    y = F.apply(x)
    assert y is not x and y._base is x and y._is_view()
    assert y.grad_fn.name() == "FBackward"
    with pytest.raises(RuntimeError, match="Can't detach views in-place"):
        y.detach_()
    y.sum().backward()
    assert values(x.grad) == [2.0, 2.0]


def test_an_input_returned_as_it_is_is_no_view_under_no_grad_or_when_non_differentiable() -> None:
    F = function(forward=lambda ctx, x: x, backward=lambda ctx, g: g)
    G = function(forward=lambda ctx, x: (ctx.mark_non_differentiable(x), x)[1],
                 backward=lambda ctx, g: g)
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    with ak.no_grad():
        y = F.apply(x)
    assert y._base is None and not y.requires_grad
    z = G.apply(x * 1)
    assert z._base is None and not z.requires_grad


def test_a_return_type_is_built_from_one_sequence() -> None:
    r = ak.return_types.max((1, 2))
    assert (r.values, r.indices) == (1, 2) and type(r) is ak.return_types.max
    with pytest.raises(TypeError, match=r"takes a 2-sequence \(3-sequence given\)"):
        ak.return_types.sort((1, 2, 3))
