"""Training loops, autograd_kit vs PyTorch (CPU): seconds per run and the ratio kit/torch.

1. C30 logistic regression: 200 points, Linear(2,1) + Sigmoid, BCELoss, SGD(lr=0.01,
   momentum=0.9), 1000 steps of forward → loss → backward → step → zero_grad.
2. C29 two-layer network with nn.Linear + optim.SGD: N, D_in, H, D_out = 64, 1000, 100, 10,
   MSELoss(reduction='sum'), lr=1e-6, 500 steps.

Both libraries get the same data and the same starting weights. PyTorch keeps its default
thread count. Run: ``python bench/bench_training.py`` (PyTorch optional).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import Any

import numpy as np

import autograd_kit as ak

try:
    import torch
except ImportError:  # the kit's figures alone
    torch = None


def blobs(n_per_class: int = 100, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    a = rng.normal(-1.7, 1.0, (n_per_class, 2)) + 1
    b = rng.normal(1.7, 1.0, (n_per_class, 2)) + 1
    x = np.concatenate([a, b]).astype(np.float32)
    y = np.concatenate([np.zeros(n_per_class), np.ones(n_per_class)]).astype(np.float32)
    return x, y[:, None]


def logistic(lib: Any, x: np.ndarray, y: np.ndarray, w: np.ndarray, b: np.ndarray,
             steps: int) -> Callable[[], float]:
    nn, optim = lib.nn, lib.optim
    model = nn.Sequential(nn.Linear(2, 1), nn.Sigmoid())
    with lib.no_grad():
        model[0].weight.copy_(lib.tensor(w))
        model[0].bias.copy_(lib.tensor(b))
    xs, ys = lib.tensor(x), lib.tensor(y)
    loss_fn = nn.BCELoss()
    opt = optim.SGD(model.parameters(), lr=0.01, momentum=0.9)

    def run() -> float:
        for _ in range(steps):
            loss = loss_fn(model(xs), ys)
            loss.backward()
            opt.step()
            opt.zero_grad()
        return float(loss.item())

    return run


def two_layer(lib: Any, data: dict[str, np.ndarray], steps: int) -> Callable[[], float]:
    nn, optim = lib.nn, lib.optim
    model = nn.Sequential(nn.Linear(1000, 100), nn.ReLU(), nn.Linear(100, 10))
    with lib.no_grad():
        for name, p in model.named_parameters():
            p.copy_(lib.tensor(data[name]))
    x, y = lib.tensor(data["x"]), lib.tensor(data["y"])
    loss_fn = nn.MSELoss(reduction="sum")
    opt = optim.SGD(model.parameters(), lr=1e-6)

    def run() -> float:
        for _ in range(steps):
            loss = loss_fn(model(x), y)
            loss.backward()
            opt.step()
            opt.zero_grad()
        return float(loss.item())

    return run


def timed(make: Callable[[], Callable[[], float]], repeats: int) -> tuple[float, float]:
    """Best wall time over ``repeats`` fresh runs, and the final loss."""
    best, loss = float("inf"), float("nan")
    for _ in range(repeats):
        run = make()
        start = time.perf_counter()
        loss = run()
        best = min(best, time.perf_counter() - start)
    return best, loss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    x, y = blobs()
    rng = np.random.default_rng(1)
    w = rng.uniform(-0.7, 0.7, (1, 2)).astype(np.float32)
    b = rng.uniform(-0.7, 0.7, (1,)).astype(np.float32)
    data = {
        "x": rng.standard_normal((64, 1000), dtype=np.float32),
        "y": rng.standard_normal((64, 10), dtype=np.float32),
        "0.weight": rng.uniform(-0.03, 0.03, (100, 1000)).astype(np.float32),
        "0.bias": rng.uniform(-0.03, 0.03, (100,)).astype(np.float32),
        "2.weight": rng.uniform(-0.1, 0.1, (10, 100)).astype(np.float32),
        "2.bias": rng.uniform(-0.1, 0.1, (10,)).astype(np.float32),
    }
    cases = [
        ("logistic regression C30 (200 pts, 1000 steps)",
         lambda lib: (lambda: logistic(lib, x, y, w, b, 1000))),
        ("two-layer net C29 (64x1000x100x10, 500 steps)",
         lambda lib: (lambda: two_layer(lib, data, 500))),
    ]
    threads = torch.get_num_threads() if torch is not None else 0
    print(f"autograd_kit vs PyTorch {torch.__version__ if torch else '(not installed)'} CPU"
          f"{f', {threads} threads' if torch else ''}; best of {args.repeats} runs")
    header = f"{'case':<48} {'kit s':>8} {'torch s':>8} {'kit/torch':>9}  final loss kit / torch"
    print(header)
    print("-" * len(header))
    for name, factory in cases:
        kit_s, kit_loss = timed(factory(ak), args.repeats)
        if torch is None:
            print(f"{name:<48} {kit_s:8.3f} {'-':>8} {'-':>9}  {kit_loss:.6g}")
            continue
        torch_s, torch_loss = timed(factory(torch), args.repeats)
        print(f"{name:<48} {kit_s:8.3f} {torch_s:8.3f} {kit_s / torch_s:9.2f}  "
              f"{kit_loss:.6g} / {torch_loss:.6g}")


if __name__ == "__main__":
    main()
