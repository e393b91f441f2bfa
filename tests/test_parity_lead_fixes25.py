"""The lead's fixes of stop 32, each compared with PyTorch live."""

from __future__ import annotations

import warnings

import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")

LIBS = pytest.mark.parametrize("lib", [torch, ak], ids=["torch", "kit"])


def _outcome(run):
    """What ``run()`` returns, or the type and message of what it raises."""
    try:
        return run()
    except Exception as e:  # noqa: BLE001 - the exception is the outcome compared
        return type(e).__name__, str(e)


# ---- mark_dirty / mark_non_differentiable: the last call counts; the attributes ------------

def _marks_twice(lib, twice_dirty: bool):
    class Twice(lib.autograd.Function):
        @staticmethod
        def forward(ctx, a, b):
            a.mul_(2)
            b.mul_(2)
            if twice_dirty:
                ctx.mark_dirty(a)
                ctx.mark_dirty(b)  # replaces the first call: a is not marked
            else:
                ctx.mark_dirty(a, b)
            return a, b

        @staticmethod
        def backward(ctx, ga, gb):
            return ga, gb

    x = lib.ones(2, requires_grad=True).clone()
    z = lib.ones(2, requires_grad=True).clone()
    r = Twice.apply(x, z)
    return x._version, z._version, r[0] is x, r[1] is z, [t.grad_fn.name() for t in r]


@pytest.mark.parametrize("twice_dirty", [True, False])
def test_mark_dirty_a_second_call_replaces_the_first(twice_dirty):
    assert _marks_twice(ak, twice_dirty) == _marks_twice(torch, twice_dirty)


def _non_differentiable_twice(lib):
    class Two(lib.autograd.Function):
        @staticmethod
        def forward(ctx, a):
            first, second = a * 1, a * 2
            ctx.mark_non_differentiable(first)
            ctx.mark_non_differentiable(second)
            seen = (len(ctx.non_differentiable), ctx.non_differentiable[0] is second,
                    ctx.dirty_tensors)
            ctx.seen = seen
            return first, second

        @staticmethod
        def backward(ctx, g1, g2):
            return g1

    first, second = Two.apply(lib.ones(2, requires_grad=True))
    node = first.grad_fn
    return (first.requires_grad, second.requires_grad, node.seen, node.non_differentiable,
            node.dirty_tensors)


def test_mark_non_differentiable_a_second_call_replaces_the_first():
    assert _non_differentiable_twice(ak) == _non_differentiable_twice(torch)


@pytest.mark.parametrize("body", [
    "ctx.dirty_tensors = (a,)",
    "ctx.mark_dirty(a); ctx.dirty_tensors = None",
    "ctx.dirty_tensors = 5",
    "ctx.dirty_tensors = [a]",
    "ctx.non_differentiable = 5",
    "ctx.non_differentiable = None",
    "ctx.mark_dirty(a, 5)",
    "ctx.mark_non_differentiable(5)",
    "ctx.mark_dirty(5); ctx.mark_dirty(a)",
])
def test_marks_set_as_attributes_and_their_errors(body):
    def run(lib):
        class Marks(lib.autograd.Function):
            @staticmethod
            def forward(ctx, a):
                a.mul_(2)
                exec(body)
                return a

            @staticmethod
            def backward(ctx, g):
                return g

        x = lib.ones(2, requires_grad=True).clone()
        return _outcome(lambda: (lambda y: (y is x, y.grad_fn.name(), x._version))(
            Marks.apply(x)))

    assert run(ak) == run(torch)


@LIBS
def test_marks_read_none_before_forward_marks_anything(lib):
    class Reads(lib.autograd.Function):
        @staticmethod
        def forward(ctx, a):
            ctx.before = (ctx.dirty_tensors, ctx.non_differentiable)
            return a * 2

        @staticmethod
        def backward(ctx, g):
            return g

    y = Reads.apply(lib.ones(2, requires_grad=True))
    assert y.grad_fn.before == (None, None)
    assert (y.grad_fn.dirty_tensors, y.grad_fn.non_differentiable) == (None, None)


# ---- warnings from PyTorch's C++ end with where they were given ------------------------------

WARNING_CASES = [
    "T.tensor(1.).T", "T.ones(2, 2, 2).T", "T.tensor(1.).mT", "T.tensor(1.).H",
    "T.tensor(1.).mH", "T.tensor(1.).adjoint()", "T.cross(T.ones(2, 3), T.ones(2, 3))",
    "T.nn.functional.conv1d(T.ones(1, 1, 5), T.ones(1, 1, 2), padding='same')",
    "T.qr(T.eye(2))", "T.cholesky(T.eye(2))", "T.chain_matmul(T.eye(2), T.eye(2))",
    "T.where(T.tensor([1, 0], dtype=T.uint8), T.ones(2), T.ones(2))",
    "float(T.ones(1, requires_grad=True))",
    "x = T.ones(1, requires_grad=True); (x * x).sum().backward(create_graph=True)",
    "x = T.ones(1, requires_grad=True); y = x * 2; y.grad",
    "T.set_float32_matmul_precision('bad')",
    "T.set_default_tensor_type(T.DoubleTensor); T.set_default_tensor_type(T.FloatTensor)",
]


def _warning_texts(lib, code: str) -> list[tuple[str, str]]:
    """The category and text of each warning ``code`` gives (under warn_always, so that a
    warning PyTorch gives once per process comes every time)."""
    lib.set_warn_always(True)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            exec(code, {"T": lib})
    finally:
        lib.set_warn_always(False)
    return [(w.category.__name__, str(w.message).replace("autograd_kit", "torch"))
            for w in caught]


@pytest.mark.parametrize("code", WARNING_CASES)
def test_cpp_warnings_say_where_pytorch_gave_them(code):
    expected = _warning_texts(torch, code)
    assert expected and all("(Triggered internally at /__w/pytorch/pytorch/" in text
                            for _, text in expected)
    assert _warning_texts(ak, code) == expected


def test_mark_dirty_of_an_output_that_is_no_input_warns_in_pytorch_words():
    def run(lib):
        class Marks(lib.autograd.Function):
            @staticmethod
            def forward(ctx, a):
                out = a * 2
                ctx.mark_dirty(out)
                return out

            @staticmethod
            def backward(ctx, g):
                return g

        return _outcome_warnings(lambda: Marks.apply(lib.ones(2, requires_grad=True)))

    assert run(ak) == run(torch)


def test_a_read_only_array_warns_in_pytorch_words():
    import numpy as np

    from autograd_kit import scalar_warning

    array = np.ones(2)
    array.flags.writeable = False
    scalar_warning.forget()  # (PyTorch warns once per program)
    kit = _outcome_warnings(lambda: ak.from_numpy(array))
    assert kit == [("UserWarning", (
        "The given NumPy array is not writable, and PyTorch does not support non-writable "
        "tensors. This means writing to this tensor will result in undefined behavior. You may "
        "want to copy the array to protect its data or make it writable before converting it to "
        "a tensor. This type of warning will be suppressed for the rest of this program. "
        "(Triggered internally at /__w/pytorch/pytorch/torch/csrc/utils/tensor_numpy.cpp:213.)"))]


def _outcome_warnings(run) -> list[tuple[str, str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        run()
    return [(w.category.__name__, str(w.message).replace("autograd_kit", "torch"))
            for w in caught]


# ---- a node's read-only attributes -------------------------------------------------------------

def _node_attribute_errors(lib) -> list:
    x = lib.ones(2, requires_grad=True)

    class Twice(lib.autograd.Function):
        @staticmethod
        def forward(ctx, a):
            return a * 2

        @staticmethod
        def backward(ctx, g):
            return g

    nodes = [(x * 2).grad_fn, Twice.apply(x).grad_fn, (x * 2).grad_fn.next_functions[0][0]]
    seen = []
    for node in nodes:
        for name, value in (("metadata", {}), ("requires_grad", True)):
            try:
                setattr(node, name, value)
                seen.append("written")
            except AttributeError as e:
                seen.append(str(e).replace("torch._C", "autograd_kit._C"))
    return seen


def test_a_nodes_metadata_and_requires_grad_are_not_writable():
    assert _node_attribute_errors(ak) == _node_attribute_errors(torch)


# ---- a custom Function that saved nothing is freed by backward too ------------------------

def _saved_nothing(lib) -> list:
    class Reads(lib.autograd.Function):
        @staticmethod
        def forward(ctx, x):
            return x * 2

        @staticmethod
        def backward(ctx, g):
            ctx.saved_tensors  # noqa: B018 - () the first time
            return g

    class Ignores(Reads):
        @staticmethod
        def backward(ctx, g):
            return g

    x = lib.tensor([1., 2.], requires_grad=True)
    seen = []
    y = Reads.apply(x)
    y.sum().backward()
    for step in (lambda: y.grad_fn.saved_tensors, lambda: y.sum().backward()):
        seen.append(_outcome(step))
    z = Ignores.apply(x)  # (walking it again is allowed: nothing it reads was freed)
    z.sum().backward()
    z.sum().backward()
    seen.append(x.grad.tolist())
    kept = Ignores.apply(x)
    kept.sum().backward(retain_graph=True)
    seen.append(kept.grad_fn.saved_tensors)
    return seen


def test_a_custom_function_that_saved_nothing_is_freed_after_backward():
    assert _saved_nothing(ak) == _saved_nothing(torch)


# ---- an int argument read as PyTorch's parser reads it (review rc) -----------------------------

INT_ARGUMENT_CASES = [
    "T.nn.functional.softmax(T.ones(2, 3), T.tensor(1))",
    "T.nn.functional.softmax(T.ones(2, 3), T.tensor([1]))",
    "T.nn.functional.log_softmax(T.ones(2, 3), T.tensor(1.))",
    "T.ones(3).random_(T.tensor([2]))",
    "T.ones(3).random_(T.tensor([0]), 3)",
    "T.ones(3).random_(0, T.tensor(3))",
]


@pytest.mark.parametrize("code", INT_ARGUMENT_CASES)
def test_int_arguments_of_softmax_and_random_(code):
    def run(lib):
        lib.manual_seed(0)
        return _outcome(lambda: eval(code, {"T": lib}).tolist())

    assert run(ak) == run(torch)


# ---- review ra: nonzero's as_tuple error names a tensor as the parser does; masked_scatter's
# backward unpacks its saved mask once -----------------------------------------------------------

def test_nonzero_as_tuple_given_a_tensor():
    def run(lib):
        return _outcome(lambda: lib.ones(2).nonzero(as_tuple=lib.tensor(True)))

    assert run(ak) == run(torch)


def test_masked_scatter_backward_unpacks_its_saved_mask_once():
    def run(lib):
        x = lib.ones(3, 4, requires_grad=True)
        source = lib.arange(12.).reshape(3, 4).requires_grad_()
        unpacked = []
        with lib.autograd.graph.saved_tensors_hooks(lambda t: t, lambda t: unpacked.append(1) or t):
            y = x.masked_scatter(lib.tensor([[True, False, True, False]] * 3), source)
        y.sum().backward()
        return len(unpacked), source.grad.tolist(), x.grad.tolist()

    assert run(ak) == run(torch)
