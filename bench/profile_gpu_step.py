"""Which CUDA kernels one MLP training step launches, for autograd_kit (CuPy) and for PyTorch.

Run: python bench/profile_gpu_step.py [--steps 5] [--width 4096] [--batch 4096] [--top 15]

The step is `bench_gpu.py`'s (Linear-ReLU-Linear-ReLU-Linear, MSELoss, SGD lr=1e-3, float32).
After two warm-up steps, ``--steps`` steps of each are recorded with ``torch.profiler``
(its CUDA activity sees every kernel on the GPU, CuPy's included) and the kernels are listed by
device time, with the number of launches per step. It then says whether cuBLAS gives the same
bits for a weight's gradient computed as xᵀ·g and as (gᵀ·x)ᵀ (PyTorch's order for
``nn.Linear``), which decides whether the kit may switch to the order that needs no copy.

Needs PyTorch with CUDA and CuPy with a GPU; otherwise it says so in one line and exits.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_gpu import step_function  # noqa: E402

import autograd_kit as ak  # noqa: E402


def missing() -> str | None:
    """Why this machine cannot run the profile, or None when it can."""
    try:
        import torch
    except ImportError:
        return "PyTorch is not installed"
    if not torch.cuda.is_available():
        return "PyTorch sees no CUDA GPU"
    if not ak.cuda.is_available():
        return "CuPy (with a GPU) is not available to autograd_kit"
    return None


def device_time(event: Any) -> float:
    """An event's own device time in µs (the attribute's name changed across PyTorch versions)."""
    for name in ("self_device_time_total", "self_cuda_time_total"):
        if hasattr(event, name):
            return float(getattr(event, name))
    return 0.0


def profile(step: Callable[[], Any], steps: int, sync: Callable[[], None]) -> list[Any]:
    from torch.profiler import ProfilerActivity
    from torch.profiler import profile as torch_profile

    for _ in range(2):
        step()
    sync()
    with torch_profile(activities=[ProfilerActivity.CUDA]) as prof:
        for _ in range(steps):
            step()
        sync()
    return [e for e in prof.key_averages() if device_time(e) > 0]


def report(title: str, events: list[Any], steps: int, top: int) -> None:
    total = sum(device_time(e) for e in events)
    launches = sum(e.count for e in events)
    print(f"\n== {title}: {total / steps / 1000:.2f} ms of kernels per step, "
          f"{launches / steps:.0f} launches per step")
    print(f"{'us/step':>10} {'calls/step':>10}  kernel")
    for e in sorted(events, key=device_time, reverse=True)[:top]:
        print(f"{device_time(e) / steps:10.1f} {e.count / steps:10.1f}  {e.key[:110]}")


def transposed_product_bits(batch: int, width: int) -> str:
    """Whether xᵀ·g and (gᵀ·x)ᵀ agree bit for bit on this GPU (CuPy, float32)."""
    import cupy

    rng = cupy.random.default_rng(0)
    x = rng.standard_normal((batch, width), dtype=cupy.float32)
    g = rng.standard_normal((batch, width // 2 + 3), dtype=cupy.float32)
    results = []
    for a, b in ((x, g), (x, x)):
        first, second = a.T @ b, (b.T @ a).T
        results.append(int((first.view(cupy.uint32) != second.view(cupy.uint32)).sum()))
    return (f"xᵀ·g vs (gᵀ·x)ᵀ on cuBLAS: {results[0]} values differ (non-square), "
            f"{results[1]} (square)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=5)
    parser.add_argument("--width", type=int, default=4096)
    parser.add_argument("--batch", type=int, default=4096)
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()
    reason = missing()
    if reason is not None:
        print(f"profile_gpu_step: skipped, {reason} (it needs PyTorch with CUDA and CuPy).")
        return
    import torch

    from autograd_kit import backend

    def kit_sync() -> None:
        backend.cuda_module().cuda.Device().synchronize()

    kit = profile(step_function(ak, "cuda", args.batch, args.width), args.steps, kit_sync)
    report("autograd_kit cuda", kit, args.steps, args.top)
    ref = profile(step_function(torch, "cuda", args.batch, args.width), args.steps,
                  torch.cuda.synchronize)
    report("torch cuda", ref, args.steps, args.top)
    print("\n" + transposed_product_bits(args.batch, args.width))


if __name__ == "__main__":
    main()
