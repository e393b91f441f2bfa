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
