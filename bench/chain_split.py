"""Where the per-op cost goes: the engine benchmark's chain, forward and backward timed apart.

Run: python bench/chain_split.py

Builds ``y = y * 1.0001 + 0.0001`` 1,000 times on a 0-dim tensor (2,000 recorded operations),
then runs ``y.backward()`` (2,001 nodes), for the kit and for PyTorch CPU when it is installed.
Prints the best time per operation (forward) and per node (backward) over many runs, and the
kit / PyTorch ratio of each.
"""

from __future__ import annotations

import gc
import time
from typing import Any

import autograd_kit as ak

try:
    import torch
except ImportError:  # PyTorch is only a reference point, never a dependency
    torch = None

STEPS, RUNS = 1000, 15


def split(lib: Any) -> tuple[float, float]:
    """Best forward seconds per operation and backward seconds per node."""
    forward = backward = float("inf")
    for _ in range(RUNS):
        gc.collect()
        start = time.perf_counter()
        y = x = lib.tensor(1.0, requires_grad=True)
        for _ in range(STEPS):
            y = y * 1.0001 + 0.0001
        middle = time.perf_counter()
        y.backward()
        end = time.perf_counter()
        forward, backward = min(forward, middle - start), min(backward, end - middle)
        assert x.grad is not None
    return forward / (2 * STEPS), backward / (2 * STEPS)


def main() -> None:
    if torch is not None:
        torch.set_num_threads(2)
    print(f"chain of {STEPS} x (mul, add), best of {RUNS}")
    kit = split(ak)
    show("autograd_kit", kit)
    if torch is not None:
        ref = split(torch)
        show("PyTorch CPU", ref)
        print(f"   ratio kit / PyTorch: forward {kit[0] / ref[0]:.2f}, "
              f"backward {kit[1] / ref[1]:.2f}")


def show(name: str, times: tuple[float, float]) -> None:
    print(f"   {name:13} forward {times[0] * 1e6:5.2f} us/op   "
          f"backward {times[1] * 1e6:5.2f} us/node")


if __name__ == "__main__":
    main()
