"""widgets.watch: the forward pass filmed operation by operation (no browser needed)."""

from __future__ import annotations

import autograd_kit as ak
import widgets
from widgets import watch


def double_until_big(start: list[float]) -> widgets.Replay:
    """The dynamic-graph lesson's loop: how many times y doubles depends on the input."""
    x = ak.tensor(start, requires_grad=True)
    with watch() as film:
        y = x
        while y.detach().norm() < 100:
            y = y * 2
        loss = y.sum()
    del loss
    return film


def names_of(film: widgets.Replay, name: str) -> int:
    return sum(op.name == name for op in film.operations)


def test_operation_count_follows_the_loop():
    small, big = double_until_big([1.0, 2.0]), double_until_big([3.0, 4.0])
    assert names_of(small, "MulBackward0") == 6 and len(small) == 7  # 6 × 2, then sum
    assert names_of(big, "MulBackward0") == 5 and len(big) == 6
    assert [op.index for op in small.operations] == list(range(7))
    assert small.operations[-1].name == "SumBackward0"
    tiny = double_until_big([0.1, 0.2])  # 6 vs 9 doublings
    assert names_of(tiny, "MulBackward0") == 9


def test_norm_in_the_condition_is_recorded_too():
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    with watch() as film:
        y = x
        while y.norm() < 100:  # y requires grad: each norm is an operation of the graph
            y = y * 2
    assert names_of(film, "MulBackward0") == 6
    assert names_of(film, "LinalgVectorNormBackward0") == 7


def test_names_come_from_the_callers_variables():
    film = double_until_big([1.0, 2.0])
    first, second = film.operations[0], film.operations[1]
    assert first.inputs == ("x", "2")  # y = x, so y * 2 multiplies x
    assert second.inputs == ("y", "2")
    assert first.outputs == ("y = [2, 4]",)
    assert film.operations[-1].outputs == ("loss = 192",)
    assert "<B>x</B>" in film.draw().source and "<B>loss</B>" in film.draw().source


def test_goto_and_position_are_clamped():
    film = double_until_big([1.0, 2.0])
    assert film.position == len(film) == film.total == 7  # shown complete after the block
    assert film.goto(-3) == 0 and film.position == 0 and film.frame["current"] is None
    assert film.goto(99) == 7
    film.position = 100  # what the slider sends
    assert film.position == 7
    assert film.goto(2) == 2 and film.film.current is film.operations[1]


def test_frame_hides_later_nodes_and_highlights_the_new_one():
    film = double_until_big([1.0, 2.0])
    births = film.births
    film.goto(2)
    frame = film.frame
    node = film.operations[1].node
    assert frame["current"] == f"n{node}" and births[f"n{node}"] == 2
    assert frame["inputs"] and frame["edges"] == [f"e{node}_0"]
    hidden = film.film.hidden(2)
    later = {f"n{op.node}" for op in film.operations[2:]}
    assert later <= set(hidden) and f"n{node}" not in hidden
    assert film.film.hidden(len(film)) == []
    assert set(film.film.hidden(0)) >= {f"n{op.node}" for op in film.operations}
    assert film.film.visible_nodes(2) == {n for n, b in film.film.births.items() if b <= 2}
    assert f"n{node}" in film.draw(2).source and f"n{film.operations[2].node}" not in \
        film.draw(2).source.replace(f"n{film.operations[2].node}_", "")


def test_output_is_deterministic():
    a, b = double_until_big([1.0, 2.0]), double_until_big([1.0, 2.0])
    assert a.svg == b.svg and a.svg.startswith("<svg") and a.births == b.births
    assert a.frame == b.frame
    assert a.draw(3).source == b.draw(3).source
    assert a.operations == b.operations


def test_nothing_recorded_and_no_grad():
    with watch() as film:
        z = ak.ones(3) * 2  # nothing requires grad: nothing is recorded
    assert len(film) == 0 and film.svg == "" and film.frame["total"] == 0
    del z
    x = ak.ones(2, requires_grad=True)
    with watch() as film:
        with ak.no_grad():
            x * 3
        y = x * 4
    assert len(film) == 1 and film.operations[0].outputs == ("y = [4, 4]",)
    del y


def test_recording_stops_after_the_block():
    x = ak.ones(2, requires_grad=True)
    with watch() as film:
        y = x + 1
    y * 5
    assert len(film) == 1


def test_large_replay_is_windowed(monkeypatch):
    from widgets import replay

    monkeypatch.setattr(replay, "WINDOW_THRESHOLD", 20)
    monkeypatch.setattr(replay, "WINDOW_OPS", 10)
    x = ak.tensor([1.0], requires_grad=True)
    with watch() as film:
        y = x
        for _ in range(20):
            y = y * 1.0 + x
    assert len(film) == 40 and "operations 31–40" in film.summary
    last = film.svg
    film.goto(5)
    assert film.svg != last and "operations 1–10" in film.summary
    assert film.frame["current"] == f"n{film.operations[4].node}"
