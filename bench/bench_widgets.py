"""Widget timings: trace + lay out graphs of 100, 1,000 and 5,000 nodes; stepper time per step.

Run: python bench/bench_widgets.py   (needs Graphviz's `dot`)
"""

from __future__ import annotations

import time

import autograd_kit as ak
from autograd_kit.autograd.graph import trace
from widgets.dot import DotOptions, build_dot
from widgets.render import render_svg
from widgets.stepper import BackwardStepper


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
    n = 200
    t_steps, _ = timed(lambda: [stepper.step() for _ in range(n)])
    walk = stepper.walk
    t_frame, _ = timed(lambda: walk.frame(len(walk)))
    print(f"stepper on {len(walk.graph.nodes)} nodes: build {t_build:.2f} s (records every step "
          f"+ first window layout), {1000 * t_steps / n:.2f} ms per step (Python), "
          f"full frame at the end {1000 * t_frame:.1f} ms")


if __name__ == "__main__":
    main()
