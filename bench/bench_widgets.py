"""Widget timings: trace + lay out graphs of 100, 1,000 and 5,000 nodes; stepper time per step
(at the start and deep into the pass); the fan-in case (``y = y*1.0 + x`` repeated) through
draw() and the stepper; the forward-pass replay (recording overhead, layout, per position).

Run: python bench/bench_widgets.py   (needs Graphviz's `dot`)
"""

from __future__ import annotations

import time

import autograd_kit as ak
from autograd_kit.autograd.graph import trace
from widgets import draw, watch
from widgets.dot import DotOptions, build_dot
from widgets.render import render_svg
from widgets.stepper import WINDOW_STEPS, BackwardStepper


def chain(n_nodes: int) -> tuple[ak.Tensor, ak.Tensor]:
    """About ``n_nodes`` backward nodes: a deep chain with a fresh weight every 10 ops.

    (Fan-in to one node from everywhere, e.g. ``y = y * 1.0 + x`` repeated, makes Graphviz's
    layout much slower: thousands of long edges to cross.)
    """
    x = ak.tensor([1.0], requires_grad=True)
    y = x
    count = 1
    while count < n_nodes:
        if count % 10 == 0:
            y = y * ak.tensor([1.0], requires_grad=True)
            count += 2
        else:
            y = y * 1.0
            count += 1
    return x, y


def fan_in(ops: int) -> tuple[ak.Tensor, ak.Tensor]:
    """``y = y*1.0 + x`` repeated: every step feeds x's AccumulateGrad (2 nodes per op)."""
    x = ak.tensor([1.0], requires_grad=True)
    y = x
    for _ in range(ops):
        y = y * 1.0 + x
    return x, y


def per_step_ms(stepper: BackwardStepper, start: int, n: int = 100) -> float:
    """Milliseconds per step() from ``start`` (a multiple of WINDOW_STEPS: the next ``n``
    steps share one window, laid out beforehand, so this is the per-step cost alone)."""
    stepper.goto(start)
    stepper.step()
    stepper.goto(start)
    seconds, _ = timed(lambda: [stepper.step() for _ in range(n)])
    return 1000 * seconds / n


def timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main() -> None:
    print(f"{'nodes':>6} {'trace s':>8} {'layout s':>9}")
    for size in (100, 1_000, 5_000):
        x, y = chain(size)
        t_trace, graph = timed(lambda y=y: trace(y))
        dot = build_dot(graph, {}, DotOptions(legend=False))
        t_layout, _ = timed(lambda dot=dot: render_svg(dot))
        print(f"{len(graph.nodes):>6} {t_trace:>8.3f} {t_layout:>9.3f}")
    x, y = chain(5_000)
    t_build, stepper = timed(lambda: BackwardStepper(y, names={"x": x}))
    walk = stepper.walk
    late_start = (len(walk) // WINDOW_STEPS - 1) * WINDOW_STEPS  # 100 steps in one window
    early, late = per_step_ms(stepper, 0), per_step_ms(stepper, late_start)
    t_frame, _ = timed(lambda: walk.frame(len(walk)))
    print(f"stepper on {len(walk.graph.nodes)} nodes: build {t_build:.2f} s (records every step "
          f"+ first window layout), {early:.2f} ms per step at step 0, {late:.2f} ms at step "
          f"{late_start}, full frame at the end {1000 * t_frame:.1f} ms")

    x, y = fan_in(2_000)
    t_draw, drawing = timed(lambda: draw(y, names={"x": x, "y": y}))
    print(f"fan-in, 2,000 ops ({len(drawing.graph.nodes)} nodes): draw() summarised in "
          f"{t_draw:.2f} s")
    x, y = fan_in(2_000)
    t_build, stepper = timed(lambda: BackwardStepper(y, names={"x": x}))
    t_window, _ = timed(lambda: stepper.goto(2_000))
    early, late = per_step_ms(stepper, 0), per_step_ms(stepper, 31 * WINDOW_STEPS)
    print(f"fan-in stepper: build {t_build:.2f} s, a new window's layout {t_window:.2f} s, "
          f"{early:.2f} ms per step at step 0, {late:.2f} ms at step {31 * WINDOW_STEPS:,}")

    for ops in (200, 2_000):
        x = ak.tensor([1.0], requires_grad=True)
        t_plain, _ = timed(lambda x=x, ops=ops: fan_in_from(x, ops))

        def film_it(x=x, ops=ops):
            with watch() as film:
                fan_in_from(x, ops)
            return film

        t_film, film = timed(film_it)
        n = min(100, len(film))
        film.goto(0)  # lays out the first window (a large film starts at its last)
        t_pos, _ = timed(lambda film=film, n=n: [film.goto(k) for k in range(n)])
        print(f"replay of {len(film)} ops ({len(film.film.graph.nodes)} nodes): forward "
              f"{t_plain:.3f} s plain vs {t_film:.2f} s filmed (recording + trace + first "
              f"layout), {1000 * t_pos / n:.2f} ms per position")


def fan_in_from(x: ak.Tensor, ops: int) -> ak.Tensor:
    y = x
    for _ in range(ops):
        y = y * 1.0 + x
    return y


if __name__ == "__main__":
    main()
