"""Parity hunt 11 (nn / optim): scenarios a learner meets after the tutorials, compared with
PyTorch live, to the last bit (skipped without PyTorch)."""

from __future__ import annotations

import numpy as np
import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")


def bits(t: object) -> bytes:
    return t.detach().numpy().tobytes()  # type: ignore[attr-defined]


def batch_norm_run(lib: object, shape: tuple[int, ...], momentum: float | None) -> list:
    """Three training steps of a BatchNorm layer, then one in evaluation: every result."""
    rng = np.random.default_rng(0)
    cls = {2: "BatchNorm1d", 3: "BatchNorm1d", 4: "BatchNorm2d"}[len(shape)]
    bn = getattr(lib.nn, cls)(shape[1], momentum=momentum)
    out = []
    for _ in range(3):
        x = lib.tensor(rng.standard_normal(shape).astype(np.float32) * 3 + 1)
        out += [bits(bn(x)), bits(bn.running_mean), bits(bn.running_var)]
    bn.eval()
    out.append(bits(bn(lib.ones(shape))))
    return out


@pytest.mark.parametrize("shape", [(5, 4), (64, 8), (2, 3), (4, 3, 5), (2, 3, 4, 4)])
@pytest.mark.parametrize("momentum", [0.1, None])
def test_batch_norm_training_outputs_and_running_statistics_match_pytorch(
        shape: tuple[int, ...], momentum: float | None) -> None:
    """PyTorch's float32 kernel: μ and Σ(x - μ)² in its order (per thread chunk for an
    (N, C) batch), σ² rounded before the root, y = x·α + β fused, running stats in float."""
    assert batch_norm_run(ak, shape, momentum) == batch_norm_run(torch, shape, momentum)


def test_batch_norm_statistics_follow_the_thread_count() -> None:
    """An (N, C) batch is summed in one chunk per thread, as PyTorch's parallel loop does."""
    before = (torch.get_num_threads(), ak.get_num_threads())
    try:
        for threads in (1, 3):
            torch.set_num_threads(threads)
            ak.set_num_threads(threads)
            assert batch_norm_run(ak, (33, 5), 0.1) == batch_norm_run(torch, (33, 5), 0.1)
    finally:
        torch.set_num_threads(before[0])
        ak.set_num_threads(before[1])


def swa_run(lib: object, use_buffers: bool) -> list:
    """AveragedModel's default (SWA) average over a few optimizer steps."""
    lib.manual_seed(0)
    model = lib.nn.Sequential(lib.nn.Linear(3, 4), lib.nn.Linear(4, 2))
    averaged = lib.optim.swa_utils.AveragedModel(model, use_buffers=use_buffers)
    opt = lib.optim.SGD(model.parameters(), lr=0.1)
    rng = np.random.default_rng(0)
    out = []
    for _ in range(5):
        for p in model.parameters():
            p.grad = lib.tensor(rng.standard_normal(tuple(p.shape)).astype(np.float32))
        opt.step()
        averaged.update_parameters(model)
        out.append([bits(p) for p in averaged.parameters()])
    return out


@pytest.mark.parametrize("use_buffers", [False, True])
def test_swa_average_on_the_cpu_rounds_as_pytorch(use_buffers: bool) -> None:
    """On the CPU PyTorch averages with avg + (p - avg) / (n + 1) per tensor (its foreach
    lerp is for GPUs only), which rounds differently from a lerp."""
    assert swa_run(ak, use_buffers) == swa_run(torch, use_buffers)


def adam_run(lib: object, name: str, **options: object) -> list:
    """Ten steps of Adam/AdamW with a tensor learning rate and set gradients."""
    rng = np.random.default_rng(1)
    params = [lib.nn.Parameter(lib.tensor(rng.standard_normal(s).astype(np.float32)))
              for s in [(5, 4), (3,)]]
    opt = getattr(lib.optim, name)(params, lr=lib.tensor(0.01), **options)
    out = []
    for _ in range(10):
        for p in params:
            p.grad = lib.tensor(rng.standard_normal(tuple(p.shape)).astype(np.float32))
        opt.step()
        out.append([bits(p) for p in params])
    return out


@pytest.mark.parametrize("name, options", [
    ("Adam", {}), ("Adam", {"weight_decay": 0.1, "amsgrad": True}), ("AdamW", {}),
    ("AdamW", {"weight_decay": 0.3}),
    ("Adam", {"decoupled_weight_decay": True, "weight_decay": 0.1}),
])
def test_adam_with_a_tensor_learning_rate_rounds_in_float32(name: str, options: dict) -> None:
    """lr / (1 - β₁ᵗ) and 1 - lr · weight_decay are float32 tensors in PyTorch then."""
    assert adam_run(ak, name, **options) == adam_run(torch, name, **options)


def warning_lines(lib: object, call: object) -> list:
    """(file name, line) of each warning ``call(lib)`` gives; this file's own lines for
    warnings that point at the learner's code."""
    import os
    import warnings
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        call(lib)  # type: ignore[operator]
    return [(os.path.basename(w.filename), w.lineno) for w in caught]


@pytest.mark.parametrize("name", ["softmax", "log_softmax", "softmin"])
def test_implicit_softmax_dim_warning_points_at_the_learners_line(name: str) -> None:
    def call(lib: object) -> None:
        getattr(lib.nn.functional, name)(lib.ones(2, 3))  # type: ignore[attr-defined]
    here = warning_lines(torch, call)
    assert here[0][0] == "test_parity_hunt_nn11.py"
    assert warning_lines(ak, call) == here


def test_full_backward_hook_warning_points_at_the_backward_call() -> None:
    """No input needs a gradient: the warning names the learner's ``backward()`` line."""
    def call(lib: object) -> None:
        m = lib.nn.Linear(2, 2)  # type: ignore[attr-defined]
        m.register_full_backward_hook(lambda *args: None)
        m(lib.ones(1, 2)).sum().backward()  # type: ignore[attr-defined]
    here = warning_lines(torch, call)
    assert here[0][0] == "test_parity_hunt_nn11.py"
    assert warning_lines(ak, call) == here
