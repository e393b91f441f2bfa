"""GPU benchmark: a 3-layer MLP (batch 4,096, width 4,096, float32) trained with SGD.

Run: python bench/bench_gpu.py [--steps 50] [--cpu-steps 3] [--width 4096] [--batch 4096]

One training step = forward (Linear-ReLU-Linear-ReLU-Linear), MSE loss, backward, SGD update.
Reports the time per step for

* autograd_kit on the CPU (NumPy)  — ``--cpu-steps`` steps only (default 2, no warm-up): one
  4096² matrix product takes about 1.5 s on a 2-core CPU and a step does about nine, so
  50 steps would take a quarter of an hour;
* autograd_kit on CUDA (CuPy)      — ``--steps`` steps (default 50), when CuPy sees a GPU;
* PyTorch on the CPU and on CUDA   — the same steps, when PyTorch (and a GPU) are present;

then the ratios kit-cuda / torch-cuda and the speed-up cuda vs cpu. Everything that cannot
run on this machine is skipped with a line saying why.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

import autograd_kit as ak

try:
    import torch
except ImportError:  # PyTorch is only a reference point, never a dependency
    torch = None

LR = 1e-3


def step_function(lib: Any, device: str, batch: int, width: int) -> Callable[[], Any]:
    """One SGD step of the MLP on ``device``, written once for the kit and for PyTorch."""
    lib.manual_seed(0)
    x = lib.randn(batch, width, device=device)
    target = lib.randn(batch, width, device=device)
    nn = lib.nn
    model = nn.Sequential(
        nn.Linear(width, width), nn.ReLU(), nn.Linear(width, width), nn.ReLU(),
        nn.Linear(width, width),
    ).to(device)
    loss_fn = nn.MSELoss()
    opt = lib.optim.SGD(model.parameters(), lr=LR)

    def step() -> Any:
        opt.zero_grad()
        loss = loss_fn(model(x), target)
        loss.backward()
        opt.step()
        return loss

    return step


def time_steps(step: Callable[[], Any], steps: int, sync: Callable[[], None],
               warmup: int) -> float:
    """Seconds per step, after ``warmup`` untimed steps, synchronising the device at both ends."""
    for _ in range(warmup):
        step()
    sync()
    start = time.perf_counter()
    loss = None
    for _ in range(steps):
        loss = step()
    float(loss.item())  # the loss value comes back to the host: all work is finished
    sync()
    return (time.perf_counter() - start) / steps


def kit_cuda_sync() -> None:
    from autograd_kit import backend

    backend.cuda_module().cuda.Device().synchronize()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=50, help="timed steps on a GPU")
    parser.add_argument("--cpu-steps", type=int, default=2, help="timed steps on the CPU")
    parser.add_argument("--width", type=int, default=4096)
    parser.add_argument("--batch", type=int, default=4096)
    args = parser.parse_args()
    batch, width = args.batch, args.width
    api = "autograd_kit.nn/optim"
    print(f"3-layer MLP, batch {batch}, width {width}, float32, MSE + SGD(lr={LR}) [{api}]")
    print(f"GPU: {args.steps} timed steps after 2 warm-up; CPU: only {args.cpu_steps} timed "
          "steps, no warm-up (CPU steps take many seconds each)\n")
    results: dict[str, float] = {}

    def report(name: str, seconds: float, steps: int) -> None:
        results[name] = seconds
        print(f"{name:<18} {seconds * 1000:10.1f} ms/step   ({steps} steps)")

    def skip(name: str, why: str) -> None:
        print(f"{name:<18} skipped: {why}")

    no_sync: Callable[[], None] = lambda: None
    report("kit cpu (numpy)", time_steps(step_function(ak, "cpu", batch, width),
                                         args.cpu_steps, no_sync, 0), args.cpu_steps)
    if ak.cuda.is_available():
        report("kit cuda (cupy)", time_steps(step_function(ak, "cuda", batch, width),
                                             args.steps, kit_cuda_sync, 2), args.steps)
    else:
        try:
            ak.zeros(1, device="cuda")
        except RuntimeError as error:
            skip("kit cuda (cupy)", str(error))
    if torch is None:
        skip("torch cpu", "PyTorch is not installed")
        skip("torch cuda", "PyTorch is not installed")
    else:
        report("torch cpu", time_steps(step_function(torch, "cpu", batch, width),
                                       args.cpu_steps, no_sync, 0), args.cpu_steps)
        if torch.cuda.is_available():
            report("torch cuda", time_steps(step_function(torch, "cuda", batch, width),
                                            args.steps, torch.cuda.synchronize, 2), args.steps)
        else:
            skip("torch cuda", "PyTorch sees no CUDA GPU (or is a CPU-only build)")

    print()
    pairs = [
        ("kit cuda / torch cuda", "kit cuda (cupy)", "torch cuda", "ratio"),
        ("kit cpu / torch cpu", "kit cpu (numpy)", "torch cpu", "ratio"),
        ("kit: cuda vs cpu", "kit cpu (numpy)", "kit cuda (cupy)", "speed-up"),
        ("torch: cuda vs cpu", "torch cpu", "torch cuda", "speed-up"),
    ]
    for label, first, second, kind in pairs:
        if first in results and second in results:
            value = results[first] / results[second]
            word = "x faster on cuda" if kind == "speed-up" else "x"
            print(f"{label:<24} {value:8.2f}{word}")
        else:
            print(f"{label:<24} n/a (needs {first!r} and {second!r})")


if __name__ == "__main__":
    main()
