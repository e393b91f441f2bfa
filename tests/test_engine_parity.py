"""The engine and Function keep PyTorch's checks and order: hooks, autograd.grad's arguments,
what a custom Function may save and return."""

from __future__ import annotations

import warnings

import pytest

import autograd_kit as ak
from autograd_kit.autograd import Function


def test_node_hook_results_are_checked():
    x = ak.ones(2, requires_grad=True)
    y = x * 2
    y.grad_fn.register_prehook(lambda g: 1)
    with pytest.raises(TypeError, match="expected tuple, but hook returned 'int'"):
        y.sum().backward()
    y = x * 2
    y.grad_fn.register_prehook(lambda g: (g[0], g[0]))
    with pytest.raises(RuntimeError, match="incorrect number of values \\(got 2, but expected 1"):
        y.sum().backward()
    y = x * 2
    y.grad_fn.register_hook(lambda grad_in, grad_out: (grad_in[0],) * 3)
    with pytest.raises(RuntimeError, match="incorrect number of values \\(got 3, but expected 2"):
        y.sum().backward()


def test_post_accumulate_hook_must_return_none():
    x = ak.ones(2, requires_grad=True)
    x.register_post_accumulate_grad_hook(lambda t: t * 1)
    with pytest.raises(RuntimeError, match="post accumulate grad hooks should return None"):
        (x * 2).sum().backward()


def test_pre_hooks_run_only_when_the_node_runs_and_leaf_hooks_come_first():
    seen = []
    x = ak.ones(2, requires_grad=True)
    y = x * 2
    y.grad_fn.register_prehook(lambda g: seen.append("y pre"))
    ak.autograd.grad(y.sum(), y)  # y's node is where grad stops: it does not run
    assert seen == []
    x.register_hook(lambda g: seen.append("tensor hook"))
    accumulate = (x * 2).grad_fn.next_functions[0][0]
    accumulate.register_prehook(lambda g: seen.append("acc pre"))
    (x * 2).sum().backward()
    assert seen == ["tensor hook", "acc pre"]


def test_retained_grad_under_create_graph_is_a_recorded_copy():
    x = ak.ones(2, requires_grad=True)
    h = x * 2
    h.retain_grad()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        (h * h).sum().backward(create_graph=True)
    assert h.grad.grad_fn.name() == "CloneBackward0" and h.grad.tolist() == [4.0, 4.0]


def test_grad_argument_errors():
    x = ak.ones(2, requires_grad=True)
    y = (x * 2).sum()
    with pytest.raises(RuntimeError, match="`inputs` argument to `grad\\(\\)` cannot be empty"):
        ak.autograd.grad(y, [])
    with pytest.raises(ValueError, match="Expected allow_unused to be True or not passed"):
        ak.autograd.grad(y, x, materialize_grads=True, allow_unused=False)
    with pytest.raises(RuntimeError, match="element 0 of tensors does not require grad"):
        ak.autograd.grad(ak.ones(1), ak.ones(1))
    with pytest.warns(FutureWarning, match="only_inputs argument is deprecated"):
        assert ak.autograd.grad(y, x, only_inputs=False)[0].tolist() == [2.0, 2.0]
    with pytest.raises(TypeError, match="'float' object is not iterable"):
        (x * 2).sum().backward(2.0)


def test_custom_function_checks():
    class SavesANumber(Function):
        @staticmethod
        def forward(ctx, a):
            ctx.save_for_backward(a, 5)
            return a * 2

        @staticmethod
        def backward(ctx, g):
            return g * 2

    class GradForAnOption(Function):
        @staticmethod
        def forward(ctx, a, k):
            return a * k

        @staticmethod
        def backward(ctx, g):
            return g * 2, g

    x = ak.ones(2, requires_grad=True)
    with pytest.raises(TypeError, match="can only save variables, but argument 1 is of type int"):
        SavesANumber.apply(x)
    with pytest.raises(RuntimeError, match="returned a gradient different than None at position 2"):
        GradForAnOption.apply(x, 3).sum().backward()
    assert repr(GradForAnOption.apply(x, 3).grad_fn).startswith(
        "<autograd_kit.autograd.function.GradForAnOptionBackward object at")


def test_custom_function_integer_output_and_mark_dirty():
    class ToInt(Function):
        @staticmethod
        def forward(ctx, a):
            return a.int()

        @staticmethod
        def backward(ctx, g):
            return g

    class DoubleInPlace(Function):
        @staticmethod
        def forward(ctx, a):
            a.mul_(2)
            ctx.mark_dirty(a)
            return a

        @staticmethod
        def backward(ctx, g):
            return g * 2

    x = ak.ones(2, requires_grad=True)
    out = ToInt.apply(x)
    assert not out.requires_grad and out.grad_fn is None
    y = x * 1
    version = y._version
    z = DoubleInPlace.apply(y)
    # one for mul_, one for mark_dirty (as in PyTorch)
    assert z is y and y.grad_fn.name() == "DoubleInPlaceBackward" and y._version == version + 2
    z.sum().backward()
    assert x.grad.tolist() == [2.0, 2.0]
    with pytest.raises(RuntimeError, match="a leaf Variable that requires grad has been used"):
        DoubleInPlace.apply(ak.ones(2, requires_grad=True))


def test_leaf_that_stopped_requiring_grad_gets_no_grad():
    x = ak.ones(2, requires_grad=True)
    y = (x * 2).sum()
    x.requires_grad_(False)
    y.backward()
    assert x.grad is None


def test_gradients_come_in_each_inputs_own_dtype():
    """float32 · float64: the float32 input's gradient (seen by its hook and retain_grad) is
    float32, cast by the engine as PyTorch's does (ToCopyBackward0 under create_graph)."""
    x = ak.ones(2, requires_grad=True)
    a = x * 1
    a.retain_grad()
    w = ak.ones(2, dtype=ak.float64, requires_grad=True)
    seen = []
    a.register_hook(lambda g: seen.append(g.dtype))
    (a * w).sum().backward()
    assert seen == [ak.float32] and a.grad.dtype == ak.float32
    assert x.grad.dtype == ak.float32 and w.grad.dtype == ak.float64
    b = x * 1
    (g,) = ak.autograd.grad((b * w).sum(), b, create_graph=True)
    assert g.dtype == ak.float32 and g.grad_fn.name() == "ToCopyBackward0"


def test_inference_tensors_as_in_pytorch():
    x = ak.ones(2, requires_grad=True)
    with ak.inference_mode():
        y = x * 2
        made = ak.ones(2)
    assert y.is_inference() and made.is_inference() and not x.is_inference()
    assert y.detach().is_inference() and y[0].is_inference()
    assert not y.clone().is_inference() and not (y * 2).is_inference()
    assert (y + x).grad_fn.name() == "AddBackward0"  # nothing saved: allowed
    with pytest.raises(RuntimeError, match="Inference tensors cannot be saved for backward"):
        y * x
    with pytest.raises(RuntimeError, match="Setting requires_grad=True on inference tensor"):
        y.requires_grad_()
    with pytest.raises(RuntimeError, match="Inplace update to inference tensor outside"):
        y.add_(1)
    assert y.tolist() == [3.0, 3.0]  # as in PyTorch, written first, then refused
    with ak.inference_mode():
        y.add_(1)  # inside the mode it is fine
    assert y.tolist() == [4.0, 4.0]


def test_selecting_one_element_is_a_view_sharing_memory():
    x = ak.ones(3)
    v = x[0]
    v.add_(1)
    assert x.tolist() == [2.0, 1.0, 1.0] and v._base is x
    m = ak.ones(2, 3)
    m[0, 1].mul_(5)
    assert m.tolist() == [[1.0, 5.0, 1.0], [1.0, 1.0, 1.0]]


def test_view_made_under_no_grad_as_in_pytorch():
    """It says it requires grad, yet no gradient reaches its base; changing it in place with
    grad mode on is refused."""
    x = ak.ones(2, requires_grad=True)
    with ak.no_grad():
        v = x[0]
    assert v.requires_grad and v.grad_fn is None and v.is_leaf
    y = v * 2
    assert [n for n, _ in y.grad_fn.next_functions] == [None, None]
    y.backward()
    assert x.grad is None and v.grad is None
    with pytest.raises(RuntimeError, match="A view was created in no_grad mode and is being "
                                           "modified inplace with grad mode enabled"):
        v.mul_(2)
    with ak.no_grad():
        v.mul_(3)
    assert x.tolist() == [3.0, 1.0]


def test_in_place_on_an_expanded_tensor():
    y = ak.ones(1, 3)
    y.expand(1, 3).add_(1)  # nothing repeated: a plain view, written through
    assert y.tolist() == [[2.0, 2.0, 2.0]]
    with pytest.raises(RuntimeError, match="more than one element of the written-to tensor "
                                           "refers to a single memory location"):
        ak.ones(3).expand(2, 3).add_(1)
