"""Tenth parity hunt: behaviour a learner meets where the kit differed from PyTorch 2.13.

Kit-only assertions (the expected values are what PyTorch prints); the comparisons that need
PyTorch itself are at the end and skip without it."""

from __future__ import annotations

import warnings

import pytest

import autograd_kit as ak


def caught(fn) -> list[warnings.WarningMessage]:
    """The warnings ``fn()`` raises (all of them, errors swallowed)."""
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        try:
            fn()
        except Exception:  # noqa: BLE001 - only the warnings matter here
            pass
    return list(seen)


def test_anomaly_trace_shows_the_learners_line_not_the_kits_frames() -> None:
    x = ak.tensor([1.0, -1.0], requires_grad=True)
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        with ak.autograd.detect_anomaly():
            y = x.sqrt()
            with pytest.raises(RuntimeError, match="'SqrtBackward0' returned nan values"):
                y.sum().backward()
    text = next(str(w.message) for w in seen if "Error detected" in str(w.message))
    assert "autograd_kit" not in text  # no "def sqrt(self): return ops.sqrt(self)" frame
    *_, line, internally = text.rstrip().splitlines()  # (then PyTorch's C++ warning's end)
    assert line.strip() == "y = x.sqrt()"
    assert internally.startswith(" (Triggered internally at ")


SEQUENCE_WARNING = "Using a non-tuple sequence for multidimensional indexing is deprecated"


@pytest.mark.parametrize(("key", "line"), [
    ([None, 1], 359), ([1, Ellipsis], 359), ([0, [1]], 349), ([slice(None), 1], 349),
    ([[0, 1], [2, 3]], 349), ([None, [1]], 359), ([[0, 1]], 349), ([ak.tensor(1)], 349),
])
def test_a_list_read_as_a_tuple_warns_as_pytorch_does(key: list, line: int) -> None:
    x = ak.zeros(4, 4)
    seen = caught(lambda: x[key])
    assert len(seen) == 1 and seen[0].category is UserWarning
    assert SEQUENCE_WARNING in str(seen[0].message)
    assert f"python_variable_indexing.cpp:{line}." in str(seen[0].message)
    assert seen[0].filename == __file__  # the learner's line, not the kit's
    seen = caught(lambda: x.__setitem__(key, 1.0))
    assert len(seen) == 1 and SEQUENCE_WARNING in str(seen[0].message)


@pytest.mark.parametrize("key", [[0, 1], [True, False, True, False], []])
def test_an_index_list_of_integers_does_not_warn(key: list) -> None:
    assert caught(lambda: ak.zeros(4, 4)[key]) == []


# PyTorch 2.13's float32 CPU results (NumPy's own float32 functions were one ulp away).
FLOAT32_VALUES = {
    "tan": ([0.5, 1.0, 2.0, 3.0], [0.5463024973869324, 1.5574077367782593, -2.185039758682251,
                                   -0.14254654943943024]),
    "log10": ([0.5, 2.0, 3.0], [-0.3010300099849701, 0.3010300099849701, 0.4771212637424469]),
    "asin": ([0.125, 0.75], [0.12532782554626465, 0.8480620980262756]),
    "acos": ([0.25, 0.75], [1.3181160688400269, 0.722734272480011]),
}


@pytest.mark.parametrize("name", sorted(FLOAT32_VALUES))
def test_float32_elementwise_functions_give_pytorchs_last_bits(name: str) -> None:
    given, expected = FLOAT32_VALUES[name]
    assert getattr(ak, name)(ak.tensor(given)).tolist() == expected
    assert getattr(ak.tensor(given), name)().tolist() == expected


def test_atan2_of_float32_gives_pytorchs_last_bits() -> None:
    out = ak.atan2(ak.tensor([1.0, 2.0]), ak.tensor([1.0, 3.0]))
    assert out.tolist() == [0.7853981852531433, 0.588002622127533]  # π/4 rounded to nearest
    assert ak.tensor([1.0, 2.0], dtype=ak.float64).atan2(ak.tensor(1.0, dtype=ak.float64)).dtype \
        == ak.float64


@pytest.mark.parametrize(("name", "low", "high", "most"), [
    ("tan", -3, 3, 0.02), ("atan", -10, 10, 0.01), ("log2", 0.01, 10, 0.01),
    ("log10", 0.01, 10, 0.01), ("expm1", -3, 3, 0.01), ("exp2", -10, 10, 0.1),
    ("asin", -1, 1, 0.1), ("acos", -1, 1, 0.12),
])
def test_float32_functions_agree_with_pytorch_on_random_inputs(
        name: str, low: float, high: float, most: float) -> None:
    torch = pytest.importorskip("torch")
    import numpy as np

    x = np.random.default_rng(0).uniform(low, high, 5000).astype(np.float32)
    theirs = getattr(torch, name)(torch.from_numpy(x)).numpy()
    ours = getattr(ak, name)(ak.from_numpy(x)).numpy()
    nearest = getattr(np, name)(x.astype(np.float64)).astype(np.float32)
    if name == "tan" and np.mean(theirs != nearest) > most:
        # PyTorch 2.13's own float32 tan differs between processes here: in about one in ten
        # it takes another path that is off the nearest float in 27% of values
        pytest.skip("this process's torch.tan takes its less accurate path")
    assert np.mean(ours != theirs) <= most


def _graph(fn) -> object:
    """(name, [inputs…]) of the backward graph under the node ``fn``."""
    if fn is None:
        return None
    return (type(fn).__name__, [_graph(n) for n, _ in fn.next_functions])


# The derivative's own graph under create_graph, as PyTorch's C++ formulas record it:
# asin/acos: (-x * x + 1).rsqrt(), asinh: (x.pow(2) + 1).rsqrt(), acosh: (x * x - 1).rsqrt().
LEAF = ("AccumulateGrad", [])
SECOND_ORDER_GRAPHS = {
    "asin": ("MulBackward0", [None, ("RsqrtBackward0", [("AddBackward1", [
        ("MulBackward0", [("NegBackward0", [LEAF]), LEAF])])])]),
    "acos": ("MulBackward0", [None, ("NegBackward0", [("RsqrtBackward0", [("AddBackward1", [
        ("MulBackward0", [("NegBackward0", [LEAF]), LEAF])])])])]),
    "asinh": ("MulBackward0", [None, ("RsqrtBackward0", [("AddBackward1", [
        ("PowBackward0", [LEAF])])])]),
    "acosh": ("MulBackward0", [None, ("RsqrtBackward0", [("SubBackward1", [
        ("MulBackward0", [LEAF, LEAF])])])]),
}


@pytest.mark.parametrize("name", sorted(SECOND_ORDER_GRAPHS))
def test_inverse_trig_derivatives_record_pytorchs_graph(name: str) -> None:
    x = ak.tensor([1.5, 2.0] if name == "acosh" else [0.5, -0.25], requires_grad=True)
    g, = ak.autograd.grad(getattr(x, name)().sum(), x, create_graph=True)
    assert _graph(g.grad_fn) == SECOND_ORDER_GRAPHS[name]
    g2, = ak.autograd.grad(g.sum(), x)
    expected = {"asin": [0.7698003053665161, -0.2754121422767639],  # (PyTorch's)
                "acos": [-0.7698003053665161, 0.2754121422767639],
                "asinh": [-0.3577708601951599, 0.2282688468694687],
                "acosh": [-1.073312520980835, -0.38490015268325806]}[name]
    assert g2.tolist() == pytest.approx(expected, rel=1e-6)


def test_scalar_conversion_warns_once_and_not_for_int():
    """PyTorch warns once per process (TORCH_WARN_ONCE) when a tensor that requires grad
    becomes a Python number: float(), complex() and tensor([a, b]) do, int() does not."""
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        int(x[0])
        assert not caught
        ak.tensor([x[0], x[1]])
        float(x[0])
        float(x.sum())
    assert [str(w.message).split(".")[0] for w in caught] == [
        "Converting a tensor with requires_grad=True to a scalar may lead to unexpected behavior"]
    assert caught[0].filename == __file__


def test_scalar_conversion_under_no_grad_does_not_use_up_the_warning():
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with ak.no_grad():
            float(x[0])
        assert not caught
        float(x[0])
    assert len(caught) == 1


def test_a_string_index_warns_like_a_sequence_then_fails():
    """PyTorch reads a non-empty str as a sequence of items: the non-tuple-sequence
    deprecation warning first, then its TypeError; an empty str only fails."""
    x = ak.arange(6.0).reshape(2, 3)
    for key, warned in (("a", 1), ("ab", 1), ("", 0)):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            with pytest.raises(TypeError, match=r"new\(\): invalid data type 'str'"):
                x[key]
        assert len(caught) == warned
        assert all("python_variable_indexing.cpp:349" in str(w.message) for w in caught)


def test_vector_times_matrix_is_squeezed_in_place():
    """PyTorch's matmul computes (n,) @ (n, m) as a.unsqueeze(0).mm(b).squeeze_(0): the
    result is the product itself (no view), at version 1, with SqueezeBackward4 on top."""
    a = ak.tensor([1.0, 2.0, 3.0], requires_grad=True)
    y = a @ ak.arange(6.0).reshape(3, 2)
    assert y.tolist() == [16.0, 22.0] and y._version == 1 and not y._is_view()
    assert y.grad_fn.name() == "SqueezeBackward4"
    assert y.grad_fn.next_functions[0][0].name() == "MmBackward0"
    y.sum().backward()
    assert a.grad.tolist() == [1.0, 5.0, 9.0]
    assert ak.nn.functional.linear(ak.ones(3), ak.ones(2, 3))._version == 1
