"""Stop 29's lead fixes, each compared with PyTorch live."""

from __future__ import annotations

import warnings

import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")


def _outcome(run):
    """What running ``run()`` gives: ("ok", value) or (error type, message)."""
    try:
        value = run()
    except Exception as error:  # (the type and message are what is compared)
        return type(error).__name__, str(error)
    return "ok", None if value is None else value.detach().numpy().tolist()


def _returning(lib, odd_gradient, odd_first: bool):
    """A custom Function of two tensors (its output made from the other one) whose backward
    returns ``odd_gradient`` for the first input (``odd_first``) or for the second."""
    class Twice(lib.autograd.Function):
        @staticmethod
        def forward(ctx, a, b):
            return (b if odd_first else a) * 2

        @staticmethod
        def backward(ctx, grad):
            return (odd_gradient, grad) if odd_first else (grad, odd_gradient)

    return Twice


@pytest.mark.parametrize("odd", ["text", 2, 1.5, None])
@pytest.mark.parametrize("how", ["backward", "grad", "detached_first"])
def test_a_custom_backward_returning_a_non_tensor_for_a_tensor_input_is_refused(odd, how):
    """PyTorch checks the type of every gradient returned for a tensor input, also for one
    that needs no gradient: ``expected Variable or None (got str)``; the kit let it pass."""
    def run(lib):
        x = lib.tensor([1.0, 2.0], requires_grad=True)
        if how == "detached_first":  # (the odd gradient is returned for the detached input)
            out = _returning(lib, odd, odd_first=True).apply(x.detach(), x).sum()
        else:
            out = _returning(lib, odd, odd_first=False).apply(x, lib.tensor(1.0)).sum()
        if how == "grad":
            return _outcome(lambda: lib.autograd.grad(out, x)[0])
        return _outcome(lambda: (out.backward(), x.grad)[1])

    assert run(ak) == run(torch)


def _returning_input(lib, save: str, dirty: bool, view: bool):
    """A setup_context Function returning its input (or a view of it), saving ``save``."""
    class ReturnsInput(lib.autograd.Function):
        @staticmethod
        def forward(x):
            if dirty:
                x.mul_(1)
            return x.view_as(x) if view else x

        @staticmethod
        def setup_context(ctx, inputs, output):
            (x,) = inputs
            if dirty:
                ctx.mark_dirty(x)
            if save == "input":
                ctx.save_for_backward(x)
            elif save == "output":
                ctx.save_for_backward(output)
            elif save == "for_forward":
                ctx.save_for_forward(x)

        @staticmethod
        def backward(ctx, grad):
            return grad

    return ReturnsInput


@pytest.mark.parametrize("save", ["input", "output", "for_forward", "nothing"])
@pytest.mark.parametrize("dirty, view", [(False, False), (False, True), (True, False)])
@pytest.mark.parametrize("mode", ["no_input_requires_grad", "recorded", "no_grad", "func_grad"])
def test_setup_context_saving_an_input_returned_as_it_is_is_refused(save, dirty, view, mode):
    """PyTorch refuses (with grad mode on) to save an input that a setup_context Function
    returns as it is; a view of it, or an input changed in place, may be saved."""
    def run(lib):
        function = _returning_input(lib, save, dirty, view)
        leaf = lib.tensor([2.0, 3.0], requires_grad=True)
        x = lib.tensor([2.0, 3.0]) if mode == "no_input_requires_grad" else leaf * 1
        if mode == "no_grad":
            with lib.no_grad():
                return _outcome(lambda: function.apply(x))
        if mode == "func_grad":
            return _outcome(lambda: lib.func.grad(lambda t: function.apply(t * 1).sum())(leaf))
        return _outcome(lambda: function.apply(x))

    assert run(ak) == run(torch)


@pytest.mark.parametrize("primal_has_history", [False, True])
def test_a_custom_function_may_change_a_forward_ad_dual_in_place(primal_has_history):
    """PyTorch lets a Function that marks its input dirty change a dual of a plain tensor
    (such a dual does not require grad); the kit refused it as a leaf that requires grad."""
    def run(lib):
        forward_ad = lib.autograd.forward_ad

        class Doubled(lib.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                ctx.mark_dirty(x)
                return x.mul_(2)

            @staticmethod
            def backward(ctx, grad):
                return grad * 2

            @staticmethod
            def jvp(ctx, tangent):
                return tangent.mul_(2)

        with forward_ad.dual_level():
            primal = lib.tensor([1.0, 2.0])
            if primal_has_history:
                primal = lib.tensor([1.0, 2.0], requires_grad=True) * 1
            dual = forward_ad.make_dual(primal, lib.ones(2))
            out = Doubled.apply(dual)
            values, tangent = forward_ad.unpack_dual(out)
            return (out is dual, values.detach().tolist(), tangent.tolist(), dual._version)

    assert run(ak) == run(torch)


_UNPOOL_CASES = {
    "indices_of_another_shape": (2, (1, 1, 2, 2), "float32", (1, 1, 2, 1), "int64"),
    "one_d": (1, (1, 1, 2), "float32", (1, 1, 3), "int64"),
    "three_d": (3, (1, 1, 1, 1, 2), "float32", (1, 1, 1, 1, 1), "int64"),
    "unbatched": (2, (1, 2, 2), "float32", (1, 2, 1), "int64"),
    "int32_indices": (2, (1, 1, 2, 2), "float32", (1, 1, 2, 2), "int32"),
    "integer_input_and_other_shape": (2, (1, 1, 2, 2), "int64", (1, 1, 2, 1), "int64"),
    "matching": (2, (1, 1, 2, 2), "float32", (1, 1, 2, 2), "int64"),
}


@pytest.mark.parametrize("case", sorted(_UNPOOL_CASES))
def test_max_unpool_checks_its_indices(case):
    """PyTorch refuses indices of another shape than the input's, or not int64, with its
    messages; the kit scattered them anyway (values in the wrong places, silently)."""
    nd, shape, dtype, index_shape, index_dtype = _UNPOOL_CASES[case]

    def run(lib):
        unpool = getattr(lib.nn.functional, f"max_unpool{nd}d")
        x = lib.ones(*shape, dtype=getattr(lib, dtype))
        indices = lib.zeros(*index_shape, dtype=getattr(lib, index_dtype))
        try:
            return tuple(unpool(x, indices, 2).shape)
        except Exception as error:
            return type(error).__name__, str(error)

    assert run(ak) == run(torch)


_CHOLESKY_CALLS = {
    "cholesky_inverse_not_square": lambda lib: lib.ones(2, 3).cholesky_inverse(),
    "cholesky_inverse_integers": lambda lib: lib.ones(2, 2, dtype=lib.long).cholesky_inverse(),
    "cholesky_inverse_vector": lambda lib: lib.ones(3).cholesky_inverse(),
    "cholesky_solve_factor_not_square": lambda lib: lib.ones(2, 3).cholesky_solve(lib.ones(2, 3)),
    "cholesky_solve_batched_factor": lambda lib: lib.ones(2, 2).cholesky_solve(lib.ones(3, 2, 3)),
    "cholesky_not_square": lambda lib: lib.ones(2, 3).cholesky(),
    "cholesky_not_positive_definite": lambda lib: lib.tensor([[1.0, 2.0], [2.0, 1.0]]).cholesky(),
    "cholesky_batch_element": lambda lib: lib.stack(
        [lib.eye(2), lib.tensor([[1.0, 2.0], [2.0, 1.0]])]).cholesky(upper=True),
    "linalg_cholesky_batch_element": lambda lib: lib.linalg.cholesky(
        lib.stack([lib.eye(2), lib.tensor([[1.0, 2.0], [2.0, 1.0]])])),
}


@pytest.mark.parametrize("call", sorted(_CHOLESKY_CALLS))
def test_cholesky_family_errors(call):
    """cholesky_inverse/cholesky_solve refuse a factor that is not square (the kit computed
    an answer), and the deprecated ``cholesky`` names itself ``cholesky:`` in its errors."""
    def run(lib):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # (torch.cholesky's deprecation)
            try:
                return tuple(_CHOLESKY_CALLS[call](lib).shape)
            except Exception as error:
                return type(error).__name__, str(error)

    assert run(ak) == run(torch)


_ODD_LAYOUTS = {
    "column_of_a_transposed_row": lambda lib: lib.randn(1, 2).t(),
    "permuted_with_size_one_dims": lambda lib: lib.randn(1, 3, 1, 2).permute(3, 1, 2, 0),
    "transposed": lambda lib: lib.randn(3, 4).t(),
}
_WITH_A_NUMBER = {
    "times_float": lambda lib, x: x * 2.0,
    "float_times": lambda lib, x: 2.0 * x,
    "times_0dim": lambda lib, x: x * lib.tensor(2.0),
    "0dim_times": lambda lib, x: lib.tensor(2.0) * x,
    "plus_itself": lambda lib, x: x + x,
    "over_float": lambda lib, x: x / 3.0,
    "minus_0dim": lambda lib, x: x - lib.tensor(1.0),
}


@pytest.mark.parametrize("requires_grad", [False, True])
@pytest.mark.parametrize("layout", sorted(_ODD_LAYOUTS))
@pytest.mark.parametrize("operation", sorted(_WITH_A_NUMBER))
def test_arithmetic_with_a_number_keeps_pytorch_layout(operation, layout, requires_grad):
    """``x * 2.`` of an (N, 1) view whose size-1 stride is NumPy's own, or ``2. * x`` of a
    permuted x: PyTorch's TensorIterator orders the result like x; the kit's arithmetic
    shortcut kept NumPy's strides."""
    def strides(lib):
        x = _ODD_LAYOUTS[layout](lib).detach().requires_grad_(requires_grad)
        out = _WITH_A_NUMBER[operation](lib, x)
        return out.stride(), out.is_contiguous()

    assert strides(ak) == strides(torch)


@pytest.mark.parametrize("optimizer", ["Adam", "AdamW"])
def test_adam_with_a_float64_tensor_learning_rate_matches_bit_for_bit(optimizer):
    """Adam's step size lr / (1 - β₁ᵗ) with a float64 tensor lr is a float64 division in
    PyTorch; the kit divided in float32 (one ulp off after a few steps)."""
    def steps(lib):
        weight = lib.tensor([0.5, -1.25, 2.0], dtype=lib.float64, requires_grad=True)
        lr = lib.tensor(0.0123, dtype=lib.float64)
        opt = getattr(lib.optim, optimizer)([weight], lr=lr, weight_decay=0.1)
        for _ in range(3):
            opt.zero_grad()
            (weight ** 3).sum().backward()
            opt.step()
        return weight.detach().numpy().tolist()

    assert steps(ak) == steps(torch)
