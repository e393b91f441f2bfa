"""Parity with PyTorch for training end to end and its random numbers: after the same
``manual_seed`` the kit's random streams (every dtype, every size) give PyTorch's numbers,
and training loops built from nn, optim and lr_scheduler follow PyTorch's trajectory.
Compared live with PyTorch."""

from __future__ import annotations

import warnings
from typing import Any

import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")


def _outcome(lib: Any, make: Any) -> Any:
    """What ``make(lib)`` gives after ``manual_seed(0)`` (tensors as dtype and values), or
    its error; then the next draw of the stream, to show how much of it was used."""
    lib.manual_seed(0)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            made = make(lib)
            out: Any = [str(made.dtype).split(".")[-1], made.tolist()]
        except Exception as error:  # noqa: BLE001 (the error is what is compared)
            out = f"{type(error).__name__}: {error}"
    return out, [str(w.message) for w in caught], lib.rand(2).tolist()


@pytest.mark.parametrize("n", [16, 17, 20, 31, 33, 100, 1001])
@pytest.mark.parametrize("draw", [
    lambda lib, n: lib.randn(n, dtype=lib.float16),
    lambda lib, n: lib.empty(n, dtype=lib.float16).normal_(2.0, 0.5),
    lambda lib, n: lib.normal(0.0, 1.0, (n,), dtype=lib.float16),
    lambda lib, n: lib.randn_like(lib.zeros(n, dtype=lib.float16)),
    lambda lib, n: lib.nn.init.kaiming_normal_(lib.empty(1, n, dtype=lib.float16)),
], ids=["randn", "normal_", "normal", "randn_like", "kaiming_normal_"])
def test_float16_normal_draws_whole_blocks_only(draw: Any, n: int) -> None:
    """PyTorch computes a float16 normal_ of 16 values or more in float32, 16 at a time, and
    draws uniforms only for the whole blocks before the last 16 (float32 and float64 draw one
    for every value first): the values after the first block, and the stream after, differ
    otherwise."""
    assert _outcome(ak, lambda lib: draw(lib, n)) == _outcome(torch, lambda lib: draw(lib, n))


@pytest.mark.parametrize("draw", [
    lambda lib: lib.rand(20000, dtype=lib.float16),
    lambda lib: lib.empty(20000, dtype=lib.float16).uniform_(2, 3),
    lambda lib: lib.empty(20000, dtype=lib.float16).uniform_(-1, 1),
    lambda lib: lib.rand_like(lib.zeros(100, 200, dtype=lib.float16)),
    lambda lib: lib.nn.init.kaiming_uniform_(lib.empty(200, 100, dtype=lib.float16)),
    lambda lib: lib.nn.Linear(300, 100, dtype=lib.float16).weight.detach(),
], ids=["rand", "uniform_-2-3", "uniform_-sym", "rand_like", "kaiming_uniform_", "Linear"])
def test_float16_uniform_that_rounds_up_to_the_top_is_the_bottom(draw: Any) -> None:
    """A float16 uniform is drawn in float32 and rounded; PyTorch replaces a value that
    rounded up to ``to`` by ``from`` (1 in 4096 values of rand: the kit kept 1.0)."""
    assert _outcome(ak, draw) == _outcome(torch, draw)


@pytest.mark.parametrize("dtype", ["float16", "float32", "float64"])
@pytest.mark.parametrize("p", [0.1, 0.3, 0.7, 1 / 3])
@pytest.mark.parametrize("drop", [
    lambda lib, p, dt: lib.nn.functional.dropout(lib.ones(60, dtype=dt), p),
    lambda lib, p, dt: lib.nn.Dropout(p)(lib.ones(6, 10, dtype=dt)),
    lambda lib, p, dt: lib.nn.functional.dropout1d(lib.ones(4, 10, 2, dtype=dt), p),
    lambda lib, p, dt: lib.nn.functional.dropout2d(lib.ones(4, 10, 1, 2, dtype=dt), p),
    lambda lib, p, dt: lib.nn.functional.dropout3d(lib.ones(4, 10, 1, 1, 2, dtype=dt), p),
], ids=["dropout", "Dropout", "dropout1d", "dropout2d", "dropout3d"])
def test_dropout_scale_is_computed_in_float32_for_float16(drop: Any, p: float,
                                                         dtype: str) -> None:
    """The survivors' scale 1/(1 - p) of a float16 input is ATen's ``noise.div_(1 - p)``: a
    float32 quotient rounded to float16 (1/0.7 → 1.4287), not a float16 one (1.4277)."""
    def run(lib: Any) -> Any:
        return _outcome(lib, lambda lib: drop(lib, p, getattr(lib, dtype)))
    assert run(ak) == run(torch)


@pytest.mark.parametrize("dtype", ["float16", "float32", "float64", "int64"])
@pytest.mark.parametrize(("low", "high"), [
    (0, 5000), (0, 2049), (-5000, 7), (-5001, -4990), (0, 65504), (0, 65505), (4097, 4099),
    (4097, 4100), (0, 2 ** 25 + 4), (-(2 ** 25 + 4), 3), (2 ** 60, 2 ** 60 + 2 ** 50)])
@pytest.mark.parametrize("form", ["random_", "randint"])
def test_random_integers_range_narrowed_to_what_the_dtype_holds(form: str, low: int, high: int,
                                                               dtype: str) -> None:
    """random_(from, to) / randint of a floating dtype: PyTorch first moves ``to`` below the
    float that ``to - 1`` rounds up to (and ``from`` above where ``from + 1`` rounds down),
    so randint(0, 5000, dtype=float16) draws modulo 4996; (4097, 4100) in float16 is empty
    after that, an error."""
    def draw(lib: Any) -> Any:
        if form == "randint":
            return lib.randint(low, high, (6,), dtype=getattr(lib, dtype))
        return lib.empty(6, dtype=getattr(lib, dtype)).random_(low, high)
    assert _outcome(ak, draw) == _outcome(torch, draw)


def test_random_to_alone_is_narrowed_too() -> None:
    def draw(lib: Any) -> Any:
        return lib.empty(8, dtype=lib.float16).random_(6000)
    assert _outcome(ak, draw) == _outcome(torch, draw)


def _fused_sgd_run(lib: Any, n: int, dtype: str, steps: int = 4, **kwargs: Any) -> Any:
    """Parameters, buffers and ``_version`` counts after ``steps`` steps of SGD on a
    parameter of ``n`` values with gradients from a fixed NumPy stream."""
    import numpy

    rng = numpy.random.default_rng(n)
    p = lib.nn.Parameter(lib.tensor(rng.standard_normal(n).astype(dtype)))
    opt = lib.optim.SGD([p], lr=0.1, **kwargs)
    out = []
    for _ in range(steps):
        p.grad = lib.tensor((rng.standard_normal(n) * 10).astype(dtype))
        opt.step()
        buf = opt.state[p].get("momentum_buffer")
        out.append([p.tolist(), p._version, None if buf is None else (buf.tolist(), buf._version)])
    return out


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("n", [1, 3, 4, 7, 8, 9, 17, 33, 100])
@pytest.mark.parametrize("flags", [
    {}, {"weight_decay": 0.1, "maximize": True}, {"momentum": 0.9},
    {"momentum": 0.9, "dampening": 0.3}, {"momentum": 0.9, "nesterov": True, "weight_decay": 0.01},
    {"momentum": 0.5, "dampening": 0.1, "weight_decay": 0.02, "maximize": True},
], ids=["plain", "wd-maximize", "momentum", "dampening", "nesterov", "all"])
def test_fused_sgd_rounds_as_pytorch_kernel(flags: dict, n: int, dtype: str) -> None:
    """SGD(fused=True): PyTorch's fused CPU kernel rounds each a·b + c once, groups the
    momentum update one way in its SIMD part and another in the scalar rest, and leaves
    every ``_version`` alone (the kit ran the unfused step: last bits and versions)."""
    flags = {**flags, "fused": True}
    assert _fused_sgd_run(ak, n, dtype, **flags) == _fused_sgd_run(torch, n, dtype, **flags)


def test_fused_sgd_keeps_its_momentum_buffer_object() -> None:
    def run(lib: Any) -> Any:
        p = lib.nn.Parameter(lib.ones(2, 3))
        opt = lib.optim.SGD([p], lr=0.1, momentum=0.9, fused=True)
        p.grad = lib.ones(2, 3)
        opt.step()
        buf = opt.state[p]["momentum_buffer"]
        p.grad = lib.full((2, 3), 2.0)
        opt.step()
        return opt.state[p]["momentum_buffer"] is buf, buf.tolist(), p.tolist(), p._version
    assert run(ak) == run(torch)


def _train(lib: Any, opt_name: str, opt_kwargs: dict, resume_at: int | None = None) -> Any:
    """A float64 training run: MLP with BatchNorm and Dropout, minibatches by randperm,
    cross-entropy with class weights and label smoothing, clip_grad_norm_, OneCycleLR, an
    evaluation under no_grad each epoch; optionally saved (model, optimizer, scheduler) and
    resumed into fresh objects (and the random state) mid-run. Returns the losses, the final
    learning rates and the next random number."""
    import io

    lib.manual_seed(0)
    x, y = lib.randn(48, 5, dtype=lib.float64), lib.randint(0, 3, (48,))

    def build() -> Any:
        model = lib.nn.Sequential(lib.nn.Linear(5, 8), lib.nn.BatchNorm1d(8), lib.nn.ReLU(),
                                  lib.nn.Dropout(0.2), lib.nn.Linear(8, 3)).double()
        opt = getattr(lib.optim, opt_name)(model.parameters(), **opt_kwargs)
        sched = lib.optim.lr_scheduler.OneCycleLR(opt, max_lr=0.1, total_steps=18)
        return model, opt, sched

    model, opt, sched = build()
    loss_fn = lib.nn.CrossEntropyLoss(weight=lib.tensor([1.0, 2.0, 0.5], dtype=lib.float64),
                                      label_smoothing=0.1)
    losses = []
    for epoch in range(6):
        if epoch == resume_at:
            buffer = io.BytesIO()
            lib.save({"m": model.state_dict(), "o": opt.state_dict(), "s": sched.state_dict(),
                      "rng": lib.get_rng_state()}, buffer)
            buffer.seek(0)
            saved = lib.load(buffer)
            model, opt, sched = build()
            model.load_state_dict(saved["m"])
            opt.load_state_dict(saved["o"])
            sched.load_state_dict(saved["s"])
            lib.set_rng_state(saved["rng"])  # (build() drew new weights)
        model.train()
        order = lib.randperm(48)
        for start in range(0, 48, 16):
            batch = order[start:start + 16]
            opt.zero_grad()
            loss = loss_fn(model(x[batch]), y[batch])
            loss.backward()
            lib.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            losses.append(loss.item())
        model.eval()
        with lib.no_grad():
            losses.append(loss_fn(model(x), y).item())
    return losses, [g["lr"] for g in opt.param_groups], lib.rand(1).item()


@pytest.mark.parametrize(("opt_name", "opt_kwargs"), [
    ("SGD", {"lr": 0.1, "momentum": 0.9, "nesterov": True, "weight_decay": 1e-3}),
    ("SGD", {"lr": 0.1, "momentum": 0.9, "fused": True}),
    ("AdamW", {"lr": 0.01}),
    ("RMSprop", {"lr": 0.01, "centered": True, "momentum": 0.5}),
])
@pytest.mark.parametrize("resume_at", [None, 3])
def test_training_run_follows_pytorch(opt_name: str, opt_kwargs: dict,
                                      resume_at: int | None) -> None:
    """The whole run follows PyTorch's (float64: only the last bits of a matrix product may
    differ, which the adaptive optimizers scale up on the bias before BatchNorm, whose
    gradient is zero but for those bits), resuming from a saved state_dict gives the same
    run, and the random stream ends at the same place (dropout masks, randperm, init all
    drew alike)."""
    kit, ref = _train(ak, opt_name, opt_kwargs, resume_at), _train(torch, opt_name, opt_kwargs,
                                                                   resume_at)
    assert kit[0] == pytest.approx(ref[0], rel=1e-9)
    assert kit[1:] == ref[1:]
    assert _train(ak, opt_name, opt_kwargs)[0] == pytest.approx(kit[0], rel=1e-9)
