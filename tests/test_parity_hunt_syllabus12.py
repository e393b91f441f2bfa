"""Parity hunt over the syllabus concepts (C01-C30): variations of the lessons' examples
compared live with PyTorch."""

import warnings

import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")


def _numpy_arithmetic(w: warnings.WarningMessage) -> bool:
    """NumPy's 'divide by zero encountered in ...' family, which the kit silences with a
    filter that ``simplefilter("always")`` overrides (a known, separate difference)."""
    return w.category is RuntimeWarning and "encountered in" in str(w.message)


def _caught(run):
    """What ``run()`` returns, and the (category, message, file) of every warning it gives,
    with warnings always shown (as a learner's script that records them would)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = run()
    messages = [(w.category, str(w.message).split(" (Triggered internally")[0],
                 w.filename) for w in caught if not _numpy_arithmetic(w)]
    return result, messages


@pytest.mark.parametrize("shape", [(0,), (0, 3), (2, 0)])
@pytest.mark.parametrize("reduce", [
    lambda t: t.mean(), lambda t: t.mean(0), lambda t: t.mean(-1, keepdim=True),
    lambda t: t.var(), lambda t: t.std(0), lambda t: t.nanmean(),
])
def test_reductions_over_no_values_are_nan_without_numpy_warnings(shape, reduce):
    def run(lib):
        x = lib.zeros(shape, requires_grad=True)
        y = reduce(x)
        y.sum().backward()
        return str(y), str(x.grad)

    expected, torch_warnings = _caught(lambda: run(torch))
    got, kit_warnings = _caught(lambda: run(ak))
    assert got == expected
    assert [(c, m) for c, m, _ in kit_warnings] == [(c, m) for c, m, _ in torch_warnings]


@pytest.mark.parametrize("name", ["var", "std", "var_mean", "std_mean"])
def test_no_degrees_of_freedom_warns_at_the_learners_line(name):
    def run(lib):
        return str(getattr(lib, name)(lib.ones(1, requires_grad=True)))

    expected, torch_warnings = _caught(lambda: run(torch))
    got, kit_warnings = _caught(lambda: run(ak))
    assert got == expected
    assert [(c, m) for c, m, _ in kit_warnings] == [(c, m) for c, m, _ in torch_warnings]
    assert [f for _, _, f in kit_warnings] == [__file__]


def _error_or_state(lib, run):
    """The error ``run(lib)`` raises (type and text), or what it returns."""
    try:
        return run(lib)
    except Exception as error:  # noqa: BLE001 - compared with PyTorch's
        return type(error).__name__, str(error).replace("torch", "autograd_kit")


@pytest.mark.parametrize("shape", [(2,), (2, 3)])
@pytest.mark.parametrize("key", [
    0, -1, slice(None), slice(0, 2), slice(0, 1), Ellipsis, None, [0, 1], "mask",
    "index", "int0", (Ellipsis, None), (slice(None), None), (0, slice(None)),
    (Ellipsis, 0), slice(None, None, 2), False,
])
def test_writing_into_a_leaf_names_the_leaf_or_its_view_as_pytorch(shape, key):
    """x[key] = v on a leaf that requires grad: 'a leaf Variable' when the key's basic part
    is all of x (x[:], x[...], x[mask], x[[0, 1]]), 'a view of a leaf Variable' when it
    picks a view (x[0], x[None], x[0:1]); x[False] = v does nothing at all."""
    def run(lib):
        x = lib.ones(shape, requires_grad=True)
        k = {"mask": x > 0, "index": lib.tensor([0]), "int0": lib.tensor(0)}.get(key, key) \
            if isinstance(key, str) else key
        x[k] = 2.0
        return str(x), x._version

    assert _error_or_state(ak, run) == _error_or_state(torch, run)


def test_writing_with_a_false_key_changes_nothing():
    def run(lib):
        z = lib.ones(2, requires_grad=True) * 1
        z[False] = 5.0
        t = lib.ones(2)
        t[False] = 5.0
        return str(z), z._version, type(z.grad_fn).__name__, str(t), t._version

    assert run(ak) == run(torch)
