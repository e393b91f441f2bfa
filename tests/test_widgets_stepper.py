"""The stepper's plain-Python state: the real backward, step by step, back and forth."""

from __future__ import annotations

import numpy
import pytest
import widget_graphs

import autograd_kit as ak
from widgets.steps import BackwardWalk


def grads(g: dict, names: list[str]) -> list:
    return [None if g[n].grad is None else g[n].grad.numpy().copy() for n in names]


def reference(build, root: str, leaves: list[str], gradient=None) -> list:
    g = build()
    gradient = ak.ones(3) if gradient == "ones" else gradient
    g[root].backward(gradient)
    return grads(g, leaves)


CASES = [
    (widget_graphs.c08_mean, "out", ["x"], None),
    (widget_graphs.c08_product, "y", ["w", "x"], None),
    (widget_graphs.c09_paths, "L", ["a", "w1", "w2", "w3", "w4"], None),
    (widget_graphs.c12_vector, "z", ["x", "y"], "ones"),
]


@pytest.mark.parametrize("build,root,leaves,gradient", CASES)
def test_end_equals_backward(build, root, leaves, gradient):
    g = build()
    walk = BackwardWalk(g[root], gradient=ak.ones(3) if gradient else None, names=g)
    assert walk.position == 0 and all(v is None for v in grads(g, leaves))
    walk.goto(len(walk))
    for got, want in zip(grads(g, leaves), reference(build, root, leaves, gradient)):
        numpy.testing.assert_allclose(got, want)


def test_syllabus_numbers():
    g = widget_graphs.c09_paths()
    walk = BackwardWalk(g["L"], names=g)
    walk.goto(len(walk))
    assert [float(g[n].grad.item()) for n in ["a", "w1", "w2", "w3", "w4"]] == \
        [3.5, -4.0, -6.0, -1.0, 3.0]
    g = widget_graphs.c12_vector()
    BackwardWalk(g["z"], gradient=ak.ones(3), names=g).goto(99)
    assert g["x"].grad.tolist() == [5.0, 1.0, 7.0] and g["y"].grad.tolist() == [0.0, 2.0, 8.0]


def test_back_and_reset_restore_leaf_grads_without_double_counting():
    g = widget_graphs.c08_product()
    walk = BackwardWalk(g["y"], names=g)
    seen = []
    for p in range(len(walk) + 1):
        walk.goto(p)
        seen.append(grads(g, ["w", "x"]))
    walk.goto(len(walk))
    for p in reversed(range(len(walk) + 1)):  # walk back: each position as before
        walk.goto(p)
        for got, want in zip(grads(g, ["w", "x"]), seen[p]):
            assert (got is None and want is None) or numpy.array_equal(got, want)
    for _ in range(3):  # run, reset, run: no accumulation across passes
        walk.goto(len(walk))
        walk.goto(0)
    walk.goto(len(walk))
    assert g["w"].grad.item() == 5.0 and g["x"].grad.item() == 2.0
    walk.goto(0)
    assert g["w"].grad is None


def test_leaf_grads_fill_in_step_by_step():
    g = widget_graphs.c08_product()
    walk = BackwardWalk(g["y"], names=g)
    names = [text.name for text in walk.texts]
    assert names[0] == "MulBackward0" and names.count("AccumulateGrad") == 2
    filled = []
    for p in range(len(walk) + 1):
        walk.goto(p)
        filled.append(sum(g[n].grad is not None for n in ["w", "x"]))
    assert filled == sorted(filled) and filled[0] == 0 and filled[-1] == 2


def test_sum_shown_where_gradients_meet():
    g = widget_graphs.c08_product()  # w feeds both a = x + w and b = w + 1: 3 + 2 meet
    walk = BackwardWalk(g["y"], names=g)
    texts = [t.grad_in for t in walk.texts]
    assert "[5] = [3] + [2]" in texts
    g = widget_graphs.c09_paths()
    walk = BackwardWalk(g["L"], names=g)
    assert "3.5 = 4.5 + (-1)" in [t.grad_in for t in walk.texts]
    frame = walk.frame(len(walk))
    assert any("3.5 = 4.5 + (-1)" in v for v in frame["notes"].values())


def test_frames_describe_each_step():
    g = widget_graphs.c11_retain()
    walk = BackwardWalk(g["y"], names=g)
    first = walk.frame(1)
    assert first["current"] == "n0" and first["done"] == ["n0"]
    assert set(first["edges"]) == {"e0_0", "e0_1"}  # what MulBackward0 sent to each input
    assert "out = a * b" in first["info"]["formula"]
    last = walk.frame(len(walk))
    a_id = walk.graph.tensor_id(g["a"])
    assert last["grads"][f"t{a_id}_grad"] == "grad: [2]"  # the retained .grad
    assert walk.frame(0)["current"] is None and walk.frame(0)["next"] == "n0"


def test_position_is_clamped_and_current_step():
    g = widget_graphs.c08_mean()
    walk = BackwardWalk(g["out"], names=g)
    assert walk.goto(-5) == 0 and walk.current is None
    assert walk.goto(10_000) == len(walk)
    assert walk.current is walk.steps[-1]


def test_widget_api_and_frames():
    import widgets

    g = widget_graphs.c08_product()
    stepper = widgets.BackwardStepper(g["y"], names=g)
    assert stepper.position == 0 and stepper.current is None and stepper.svg.startswith("<svg")
    assert 'id="a_n0_in"' in stepper.svg and stepper.total == len(stepper.steps) == 5
    stepper.step()
    assert stepper.frame["current"] == "n0" and stepper.current is stepper.steps[0]
    stepper.run()
    assert g["w"].grad.item() == 5.0 and stepper.position == 5
    stepper.back()
    assert stepper.position == 4
    stepper.position = 99  # what the slider sends: clamped
    assert stepper.position == 5
    stepper.reset()
    assert g["w"].grad is None and stepper.frame["done"] == []
    assert stepper.goto(2) == 2


def test_large_graph_is_windowed(monkeypatch):
    import widgets
    from widgets import stepper as stepper_module

    monkeypatch.setattr(stepper_module, "WINDOW_THRESHOLD", 20)
    monkeypatch.setattr(stepper_module, "WINDOW_STEPS", 10)
    x = ak.tensor([1.0], requires_grad=True)
    y = x
    for _ in range(30):
        y = y * 1.0 + x
    stepper = widgets.BackwardStepper(y, names={"x": x})
    assert "Large graph" in stepper.summary
    first_svg = stepper.svg
    stepper.goto(25)
    assert stepper.svg != first_svg and "steps 21–30" in stepper.summary
    stepper.run()
    assert x.grad is not None


def test_fan_in_windows_lay_out_fast_and_steps_cost_the_same_everywhere():
    import time

    import widgets

    x = ak.tensor([1.0], requires_grad=True)
    y = x
    for _ in range(1_000):
        y = y * 1.0 + x
    start = time.perf_counter()
    stepper = widgets.BackwardStepper(y, names={"x": x})
    stepper.goto(1_500)  # a second window
    # (a guard against a hang or a quadratic layout, not a timing: 5 s on a quiet 2-core machine)
    assert time.perf_counter() - start < 60 and "Large graph" in stepper.summary
    walk = stepper.walk
    nodes = stepper._layouts[stepper._window][1]
    timings = []
    for p in (10, len(walk) - 10):  # (the best of 5 rounds: a busy machine slows one round)
        rounds = []
        for _ in range(5):
            begin = time.perf_counter()
            for _ in range(20):
                walk.frame(p, nodes)
            rounds.append(time.perf_counter() - begin)
        timings.append(min(rounds))
    assert timings[1] < 5 * timings[0] + 0.05  # (a late frame is not a walk from the start)
    stepper.run()
    assert x.grad.item() == 1001.0
