"""Training-loop parity with PyTorch found by a differential fuzzer (models, losses,
optimizers, schedulers, clipping); each test compares with PyTorch live."""
from __future__ import annotations

import copy

import numpy as np
import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")


def _resume(lib, name: str) -> tuple[list[float], list[float], dict[str, str]]:
    """One step of ``name`` on a float64 parameter, a fresh optimizer loaded from its state,
    then one more step of each: both parameters and the loaded state's dtypes."""
    p = lib.tensor([1.0, -2.0], dtype=lib.float64, requires_grad=True)
    q = p.detach().clone().requires_grad_()
    a = getattr(lib.optim, name)([p], lr=0.05)
    p.grad = lib.tensor([0.5, -1.0], dtype=lib.float64)
    a.step()
    b = getattr(lib.optim, name)([q])
    q.data = p.detach().clone()
    b.load_state_dict(copy.deepcopy(a.state_dict()))
    for x, o in ((p, a), (q, b)):
        x.grad = lib.tensor([0.3, 0.1], dtype=lib.float64)
        o.step()
    dtypes = {k: str(v.dtype).split(".")[-1] for k, v in b.state[q].items()}
    return p.detach().numpy().tolist(), q.detach().numpy().tolist(), dtypes


@pytest.mark.parametrize("name", ["NAdam", "ASGD", "Adam"])
def test_loaded_zero_dim_state_takes_the_parameter_dtype(name: str) -> None:
    want = _resume(torch, name)
    got = _resume(ak, name)
    assert got[2] == want[2]
    assert np.array_equal(got[0], want[0]) and np.array_equal(got[1], want[1])


_SCHEDULERS = [
    "StepLR(opt, step_size=2, gamma=0.5)", "ExponentialLR(opt, gamma=0.9)",
    "CosineAnnealingLR(opt, T_max=3)", "LambdaLR(opt, lambda e: 0.9 ** e)",
    "OneCycleLR(opt, max_lr=0.1, total_steps=10)",
    "CyclicLR(opt, base_lr=0.001, max_lr=0.1, step_size_up=2, cycle_momentum=False)",
    "ReduceLROnPlateau(opt, patience=0, factor=0.5)",
    "SequentialLR(opt, [lrs.ConstantLR(opt, factor=0.5, total_iters=2), "
    "lrs.ExponentialLR(opt, gamma=0.9)], milestones=[2])",
]


def _tensor_lr_run(lib, text: str) -> list[tuple[str, ...]]:
    """Adam with ``lr`` a tensor under a scheduler: the group's lr, whether it is still the
    tensor given, ``get_last_lr()`` and whether that aliases it, and ``base_lrs``."""
    p = lib.zeros(2, requires_grad=True)
    lr = lib.tensor(0.01)
    opt = lib.optim.Adam([p], lr=lr)
    sched = eval("lrs." + text, {"opt": opt, "lrs": lib.optim.lr_scheduler})
    out = []
    for _ in range(4):
        p.grad = lib.ones(2)
        opt.step()
        sched.step(1.0) if "Plateau" in text else sched.step()
        group = opt.param_groups[0]
        last = sched.get_last_lr()
        row = (repr(group["lr"]), group["lr"] is lr, repr(last), last[0] is group["lr"],
               repr(getattr(sched, "base_lrs", None)), p.detach().numpy().tolist())
        out.append(tuple(str(x).replace("torch", "autograd_kit") for x in row))
    return out


@pytest.mark.parametrize("text", _SCHEDULERS)
def test_scheduler_fills_a_tensor_lr_in_place(text: str) -> None:
    assert _tensor_lr_run(ak, text) == _tensor_lr_run(torch, text)


def _outcome(lib, name: str, late_lr: bool = False, **kwargs: object) -> str:
    """Build ``name`` on one CPU parameter and take a step: the error text, or the result."""
    p = lib.zeros(2, requires_grad=True)
    kwargs = {k: lib.tensor(v) if k == "lr" else v for k, v in kwargs.items()}
    try:
        opt = getattr(lib.optim, name)([p], **kwargs)
        if late_lr:
            opt.step()
            opt.param_groups[0]["lr"] = lib.tensor(0.01)
        p.grad = lib.ones(2)
        opt.step()
    except Exception as e:  # noqa: BLE001
        return f"{type(e).__name__}: {e}".replace("torch", "autograd_kit")
    return str(p.detach().numpy().tolist())


@pytest.mark.parametrize("name", ["Adam", "AdamW", "RMSprop", "NAdam", "RAdam", "Adamax",
                                  "ASGD", "Rprop", "Adadelta"])
@pytest.mark.parametrize("foreach", [True, False])
def test_capturable_on_cpu_error_names_the_foreach_devices(name: str, foreach: bool) -> None:
    kwargs = {"foreach": foreach, "capturable": True}
    assert _outcome(ak, name, **kwargs) == _outcome(torch, name, **kwargs)


@pytest.mark.parametrize("name", ["Adam", "AdamW"])
@pytest.mark.parametrize("kwargs", [{"lr": 0.1, "foreach": True}, {"lr": [0.1], "foreach": True},
                                    {"late_lr": True, "foreach": True},
                                    {"late_lr": True, "foreach": False}])
def test_adam_tensor_lr_with_foreach_is_refused(name: str, kwargs: dict) -> None:
    assert _outcome(ak, name, **kwargs) == _outcome(torch, name, **kwargs)


def _after_add_param_group(lib, text: str, epoch: bool) -> list[str]:
    """Scheduler steps around an ``add_param_group``: PyTorch's schedulers zip their
    per-group lists strictly, so most then fail with zip()'s own ValueError."""
    p = lib.zeros(2, requires_grad=True)
    opt = lib.optim.SGD([p], lr=0.1, momentum=0.9)
    sched = eval("lrs." + text, {"opt": opt, "lrs": lib.optim.lr_scheduler})
    out = []
    for i in range(3):
        try:
            p.grad = lib.ones(2)
            opt.step()
            if i == 1:
                opt.add_param_group({"params": [lib.zeros(1, requires_grad=True)], "lr": 0.3})
            sched.step(1.0) if "Plateau" in text else sched.step(i + 2) if epoch else sched.step()
            out.append(repr([g["lr"] for g in opt.param_groups]))
        except Exception as e:  # noqa: BLE001
            out.append(f"{type(e).__name__}: {e}")
    return out


@pytest.mark.filterwarnings("ignore")
@pytest.mark.parametrize("epoch", [False, True])
@pytest.mark.parametrize("text", _SCHEDULERS + [
    "MultiplicativeLR(opt, lambda e: 0.95)", "LinearLR(opt, start_factor=0.5, total_iters=3)",
    "CosineAnnealingWarmRestarts(opt, T_0=2, T_mult=2, eta_min=0.001)",
    "CyclicLR(opt, base_lr=0.001, max_lr=0.1, step_size_up=2)"])
def test_scheduler_after_add_param_group(text: str, epoch: bool) -> None:
    assert _after_add_param_group(ak, text, epoch) == _after_add_param_group(torch, text, epoch)


@pytest.mark.parametrize("values, target", [([0.5, float("nan")], [1.0, 0.0]),
                                            ([0.5, 0.2], [float("nan"), 0.0]),
                                            ([0.5, 1.5], [1.0, 0.0]), ([0.5, 0.2], [1.0, 0.0])])
def test_binary_cross_entropy_refuses_nan(values: list[float], target: list[float]) -> None:
    def outcome(lib) -> str:
        try:
            loss = lib.nn.BCELoss()(lib.tensor(values), lib.tensor(target))
        except RuntimeError as e:
            return str(e)
        return repr(loss.item())

    assert outcome(ak) == outcome(torch)


@pytest.mark.parametrize("name", ["SGD", "Adam", "NAdam", "RMSprop", "Adagrad", "Adadelta",
                                  "Adamax", "ASGD", "RAdam", "Rprop"])
def test_foreach_differentiable_step_is_refused(name: str) -> None:
    kwargs = {"lr": 0.1, "foreach": True, "differentiable": True}

    def outcome(lib) -> str:
        p = lib.zeros(2, requires_grad=True)
        try:
            opt = getattr(lib.optim, name)([p], **kwargs)
            p.grad = lib.ones(2)
            opt.step()
        except Exception as e:  # noqa: BLE001
            return f"{type(e).__name__}: {e}"
        return "ok"

    assert outcome(ak) == outcome(torch)
