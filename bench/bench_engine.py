"""Engine benchmarks: per-op cost, the two-layer network, and memory over many steps.

Run: python bench/bench_engine.py [--quick]

Prints, side by side in one run:
1. per-op cost: a chain of 2,000 ``y = y * 1.0001 + 0.0001`` on a 0-dim tensor, forward +
   backward, against PyTorch CPU when it is installed (target: ratio <= 1.0);
2. the syllabus's two-layer network (N, D_in, H, D_out = 64, 1000, 100, 10; 500 steps,
   float32) against a hand-written NumPy forward/backward of the same network (the floor;
   target: within 1.15x) and PyTorch when installed;
3. peak memory over 10,000 training steps of a small network (must stay flat).
"""

from __future__ import annotations

import argparse
import gc
import time
import tracemalloc
from collections.abc import Callable
from typing import Any

import numpy as np

import autograd_kit as ak

try:
    import torch
except ImportError:  # PyTorch is only a reference point, never a dependency
    torch = None


def best_of(runs: dict[str, Callable[[], Any]], repeats: int) -> dict[str, float]:
    """The fastest of ``repeats`` runs of each, in seconds. The runs take turns (a, b, a, b,
    …) so that a slow spell of the machine does not land on one side of a ratio only."""
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(repeats):
        for name, run in runs.items():
            gc.collect()
            start = time.perf_counter()
            run()
            best[name] = min(best[name], time.perf_counter() - start)
    return best


# ---- 1. per-op cost ---------------------------------------------------------------------------

CHAIN = 2000


def chain(lib: Any) -> None:
    """The per-op workload, written once for any torch-like library (the kit or PyTorch)."""
    x = lib.tensor(1.0, requires_grad=True)
    y = x
    for _ in range(CHAIN):
        y = y * 1.0001 + 0.0001
    y.backward()


# ---- 2. the two-layer network -----------------------------------------------------------------

N, D_IN, H, D_OUT = 64, 1000, 100, 10
LR = 1e-6


def two_layer_data(seed: int = 0) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(seed)
    f = np.float32
    return (rng.standard_normal((N, D_IN)).astype(f), rng.standard_normal((N, D_OUT)).astype(f),
            rng.standard_normal((D_IN, H)).astype(f), rng.standard_normal((H, D_OUT)).astype(f))


def two_layer_numpy(steps: int) -> float:
    """The floor: the same network with the gradients written out by hand."""
    x, y, w1, w2 = two_layer_data()
    for _ in range(steps):
        h = x @ w1
        h_relu = np.maximum(h, 0)
        y_pred = h_relu @ w2
        diff = y_pred - y
        loss = float((diff * diff).sum())
        grad_y_pred = 2.0 * diff
        grad_w2 = h_relu.T @ grad_y_pred
        grad_h = grad_y_pred @ w2.T
        grad_h[h < 0] = 0
        grad_w1 = x.T @ grad_h
        w1 -= LR * grad_w1
        w2 -= LR * grad_w2
    return loss


def two_layer(lib: Any, steps: int) -> float:
    """The same network with autograd, for any torch-like library (the kit or PyTorch)."""
    x, y, w1, w2 = (lib.from_numpy(a.copy()) for a in two_layer_data())
    w1.requires_grad_()
    w2.requires_grad_()
    for _ in range(steps):
        y_pred = (x @ w1).relu() @ w2
        loss = ((y_pred - y) ** 2).sum()
        loss.backward()
        with lib.no_grad():
            w1 -= LR * w1.grad
            w2 -= LR * w2.grad
            w1.grad = None
            w2.grad = None
    return loss.item()


# ---- 3. memory over many steps ----------------------------------------------------------------

WARM_UP_STEPS = 3000


def memory_profile(steps: int) -> list[int]:
    """Traced peak bytes in each tenth of ``steps`` small training steps (after a warm-up)."""
    rng = np.random.default_rng(0)
    x = ak.tensor(rng.standard_normal((32, 20)), dtype=ak.float32)
    target = ak.tensor(rng.standard_normal((32, 1)), dtype=ak.float32)
    w1 = ak.tensor(rng.standard_normal((20, 16)) * 0.1, dtype=ak.float32, requires_grad=True)
    w2 = ak.tensor(rng.standard_normal((16, 1)) * 0.1, dtype=ak.float32, requires_grad=True)

    def train_step() -> None:
        loss = (((x @ w1).tanh() @ w2 - target) ** 2).mean()
        loss.backward()
        with ak.no_grad():
            w1.sub_(0.01 * w1.grad)
            w2.sub_(0.01 * w2.grad)
        w1.grad = None
        w2.grad = None

    # Warm-up, untraced: CPython keeps up to 2,000 freed small tuples per size for reuse, and
    # tracemalloc counts those as live, so the first few thousand steps fill that cache.
    for _ in range(WARM_UP_STEPS):
        train_step()
    peaks = []
    tracemalloc.start()
    for step in range(steps):
        train_step()
        if (step + 1) % (steps // 10) == 0:
            peaks.append(tracemalloc.get_traced_memory()[1])
            tracemalloc.reset_peak()
    tracemalloc.stop()
    return peaks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats and steps")
    args = parser.parse_args()
    repeats = 3 if args.quick else 7
    steps = 100 if args.quick else 500
    memory_steps = 1000 if args.quick else 10_000

    print(f"autograd_kit engine benchmark (torch: {torch.__version__ if torch else 'absent'})\n")
    if torch is not None:
        torch.set_num_threads(2)
    libraries = {"kit": ak, "torch": torch} if torch is not None else {"kit": ak}
    times = best_of({name: (lambda lib=lib: chain(lib)) for name, lib in libraries.items()},
                    repeats)
    kit = times["kit"]
    print(f"1. per-op cost, chain of {CHAIN} x (mul, add) on a 0-dim tensor, forward+backward")
    print(f"   autograd_kit  {kit * 1e3:8.2f} ms   {kit / (2 * CHAIN) * 1e6:6.2f} us/op")
    if torch is not None:
        ref = times["torch"]
        print(f"   PyTorch CPU   {ref * 1e3:8.2f} ms   {ref / (2 * CHAIN) * 1e6:6.2f} us/op")
        print(f"   ratio kit / PyTorch = {kit / ref:.2f}   (target <= 1.0)")

    print(f"\n2. two-layer network {N}x{D_IN} -> {H} -> {D_OUT}, {steps} steps, float32")
    # NumPy and the kit share NumPy's BLAS threads: they take turns. PyTorch has its own
    # thread pool, which the BLAS threads would disturb, so it runs on its own afterwards.
    times = best_of({"numpy": lambda: two_layer_numpy(steps),
                     "kit": lambda: two_layer(ak, steps)}, max(3, repeats // 2))
    floor, kit = times["numpy"], times["kit"]
    print(f"   hand-written NumPy  {floor:7.3f} s")
    print(f"   autograd_kit        {kit:7.3f} s   ratio kit / NumPy = {kit / floor:.2f} "
          "(target <= 1.15)")
    if torch is not None:
        ref = best_of({"torch": lambda: two_layer(torch, steps)}, max(3, repeats // 2))["torch"]
        print(f"   PyTorch CPU         {ref:7.3f} s   ratio kit / PyTorch = {kit / ref:.2f}")
    loss_numpy, loss_kit = two_layer_numpy(steps), two_layer(ak, steps)
    print(f"   final loss: NumPy {loss_numpy:.4g}, kit {loss_kit:.4g} (same maths, same start)")

    print(f"\n3. traced peak memory per tenth of {memory_steps} training steps, after "
          f"{WARM_UP_STEPS} untraced warm-up steps (KiB)")
    peaks = memory_profile(memory_steps)
    print("   " + " ".join(f"{p / 1024:.0f}" for p in peaks))
    # After the warm-up the peak must not climb.
    growth = peaks[-1] / peaks[2]
    print(f"   last / third tenth = {growth:.2f}  ({'flat' if growth < 1.05 else 'GROWING'})")


if __name__ == "__main__":
    main()
