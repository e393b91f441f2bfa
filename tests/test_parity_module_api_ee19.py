"""nn.Module, optim and lr_scheduler APIs as a teacher uses them, compared with PyTorch live:
each scenario runs in both libraries and what it shows (values, names, errors) must agree."""

from __future__ import annotations

import copy
import gc
import pickle
import weakref
from collections.abc import Callable
from typing import Any

import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")


def _run(scenario: Callable[[Any, Callable[[Any], None]], None], lib: Any) -> list[Any]:
    log: list[Any] = []
    try:
        scenario(lib, log.append)
    except Exception as error:  # (the error is part of what is compared)
        log.append((type(error).__name__, str(error).replace("autograd_kit", "torch")))
    return [repr(v).replace("autograd_kit", "torch") for v in log]


def _same(scenario: Callable[[Any, Callable[[Any], None]], None]) -> None:
    assert _run(scenario, ak) == _run(scenario, torch)


# ---- an optimizer with a scheduler: no reference cycle, copies step their own parameters

def _stepped_and_dropped(lib: Any) -> tuple[Any, Any]:
    param = lib.ones(3, requires_grad=True)
    optimizer = lib.optim.SGD([param], lr=0.5)
    scheduler = lib.optim.lr_scheduler.LambdaLR(optimizer, lambda epoch: 1.0)
    param.sum().backward()
    optimizer.step()
    scheduler.step()
    return weakref.ref(optimizer), weakref.ref(scheduler)


def test_scheduler_and_optimizer_are_freed_without_the_collector() -> None:
    """PyTorch's test_no_cyclic_references_in_step: the scheduler's wrapper of ``step``
    holds the optimizer weakly (the kit's held it in a closure: a reference cycle)."""
    gc.disable()
    try:
        optimizer, scheduler = _stepped_and_dropped(ak)
        assert scheduler() is None and optimizer() is None
    finally:
        gc.enable()


def _referrers_of_optimizer(lib: Any, log: Callable[[Any], None]) -> None:
    optimizer = lib.optim.SGD([lib.nn.Parameter(lib.ones(2))], lr=0.5)
    scheduler = lib.optim.lr_scheduler.LambdaLR(optimizer, lambda epoch: 1.0)
    del scheduler
    log(len(gc.get_referrers(optimizer)))


def test_scheduler_leaves_no_reference_to_its_optimizer() -> None:
    _same(_referrers_of_optimizer)


def _copied_optimizer_steps_its_own_parameters(lib: Any, log: Callable[[Any], None]) -> None:
    weight = lib.nn.Parameter(lib.ones(2))
    optimizer = lib.optim.SGD([weight], lr=0.1, momentum=0.9)
    lib.optim.lr_scheduler.StepLR(optimizer, 2)
    log(("step" in optimizer.__dict__, hasattr(optimizer.step, "_wrapped_by_lr_sched")))
    copied = copy.deepcopy(optimizer)
    log(("step" in copied.__dict__, hasattr(copied, "_opt_called")))
    weight.grad = lib.ones(2)
    copied.step()
    log(weight.tolist())
    log(copied.param_groups[0]["params"][0].tolist())
    log(getattr(optimizer, "_opt_called", None))
    unpickled = pickle.loads(pickle.dumps(optimizer))
    log(sorted(k for k in unpickled.__dict__ if not k.startswith("_")))


def test_optimizer_copied_after_a_scheduler() -> None:
    _same(_copied_optimizer_steps_its_own_parameters)


def _scheduler_warning_still_fires(lib: Any, log: Callable[[Any], None]) -> None:
    import warnings
    optimizer = lib.optim.SGD([lib.nn.Parameter(lib.ones(2))], lr=0.1)
    scheduler = lib.optim.lr_scheduler.StepLR(optimizer, 1, gamma=0.5)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        scheduler.step()
        optimizer.step()
        scheduler.step()
    log([str(w.message)[:60] for w in caught])
    log(scheduler.get_last_lr())
    log(optimizer.step.__name__)


def test_scheduler_warning_and_step_name_after_the_weak_wrapper() -> None:
    _same(_scheduler_warning_still_fires)


# ---- where the optimizer and scheduler classes say they live (type(optimizer) prints it)

def test_optimizer_and_scheduler_classes_name_their_homes_as_pytorch() -> None:
    for kit_module, torch_module in [(ak.optim, torch.optim),
                                     (ak.optim.lr_scheduler, torch.optim.lr_scheduler),
                                     (ak.optim.swa_utils, torch.optim.swa_utils)]:
        for name in dir(torch_module):
            ours, theirs = getattr(kit_module, name, None), getattr(torch_module, name)
            if isinstance(theirs, type) and isinstance(ours, type):
                assert (ours.__module__.replace("autograd_kit", "torch"), ours.__qualname__) \
                    == (theirs.__module__, theirs.__qualname__), name


# ---- Module._named_members: PyTorch's helper and its signature (a function of a module)

def _own_member_listing(lib: Any, log: Callable[[Any], None]) -> None:
    layer = lib.nn.Linear(1, 1)
    model = lib.nn.Sequential(layer, lib.nn.ReLU(), lib.nn.BatchNorm1d(1), layer)

    def weights(module: Any) -> Any:
        return ((name, value) for name, value in module._parameters.items() if name == "weight")

    log([name for name, _ in model._named_members(weights)])
    log([name for name, _ in model._named_members(weights, prefix="net")])
    log([name for name, _ in model._named_members(weights, remove_duplicate=False)])
    log([name for name, _ in model._named_members(weights, recurse=False)])
    log([name for name, _ in model._named_members(lambda m: m._buffers.items(), "b", True)])


def test_named_members_takes_a_function_of_a_module() -> None:
    _same(_own_member_listing)


# ---- nn.utils: clip_grads_with_norm_'s argument checks, skip_init, fuse_linear_bn_eval

def _clip_with_given_norm(lib: Any, log: Callable[[Any], None]) -> None:
    weight = lib.nn.Parameter(lib.ones(2))
    weight.grad = lib.ones(2)
    for max_norm, total_norm in [(lib.tensor(1.0), lib.tensor(4.0)), (2, lib.tensor(1.0)),
                                 (1.0, 2.0), (lib.tensor([1.0, 2.0]), lib.tensor(2.0))]:
        try:
            lib.nn.utils.clip_grads_with_norm_([weight], max_norm, total_norm)
            log(weight.grad.tolist())
        except Exception as error:
            log((type(error).__name__, str(error).replace("autograd_kit", "torch")))


def test_clip_grads_with_norm_reads_its_arguments_as_pytorch() -> None:
    _same(_clip_with_given_norm)


def _skip_init_and_fusion_errors(lib: Any, log: Callable[[Any], None]) -> None:
    for module_cls in (3, "Linear"):
        try:
            lib.nn.utils.skip_init(module_cls, 2, 3)
        except Exception as error:
            log((type(error).__name__, str(error)))
    linear, norm = lib.nn.Linear(3, 4).eval(), lib.nn.BatchNorm1d(3).eval()
    try:
        lib.nn.utils.fusion.fuse_linear_bn_eval(linear, norm)
    except AssertionError as error:
        log(str(error))


def test_skip_init_and_fuse_linear_bn_errors() -> None:
    _same(_skip_init_and_fusion_errors)


# ---- InstanceNorm loading running statistics from a state_dict without versions

def _instance_norm_loads_unversioned_stats(lib: Any, log: Callable[[Any], None]) -> None:
    stats = {"0.running_mean": lib.zeros(2), "0.running_var": lib.ones(2)}
    for track in (False, True):
        model = lib.nn.Sequential(lib.nn.InstanceNorm2d(2, track_running_stats=track))
        for strict in (True, False):
            try:
                log(repr(model.load_state_dict(dict(stats), strict=strict)))
            except RuntimeError as error:
                log(str(error))
    versioned = lib.nn.Sequential(lib.nn.InstanceNorm1d(2, track_running_stats=True))
    try:
        lib.nn.Sequential(lib.nn.InstanceNorm1d(2)).load_state_dict(versioned.state_dict())
    except RuntimeError as error:
        log(str(error))


def test_instance_norm_refuses_unversioned_running_stats_as_pytorch() -> None:
    _same(_instance_norm_loads_unversioned_stats)


# ---- a lazy module before its first batch: PyTorch's errors; casts and moves keep it lazy

def _norm(text: str) -> str:
    """The error's text without the callable's address (PyTorch names some by address)."""
    return text.replace("autograd_kit", "torch").split(" in <")[0]


def _uninitialized_parameters_refuse_use(lib: Any, log: Callable[[Any], None]) -> None:
    net = lib.nn.Sequential(lib.nn.LazyLinear(4), lib.nn.ReLU(), lib.nn.LazyBatchNorm1d())
    weight = net[0].weight
    for use in (lambda: sum(p.numel() for p in net.parameters()), lambda: weight.sum(),
                lambda: weight * 2, lambda: weight.detach(), lambda: len(weight),
                lambda: weight[0], lambda: weight.tolist(), lambda: net.requires_grad_(False),
                lambda: lib.nn.init.normal_(weight)):
        try:
            log(use())
        except ValueError as error:
            log(("ValueError", _norm(str(error))))
    log((weight.size(), weight.is_floating_point(), weight.dtype, weight.requires_grad))
    log(type(weight.double()).__name__)
    log(type(net[2].running_mean.double()).__name__)
    net.double()
    log([(type(v).__name__, str(v.dtype)) for v in net.state_dict().values()])
    out = net(lib.rand(3, 5, dtype=lib.float64))
    log((tuple(out.shape), str(out.dtype), type(net[2]).__name__))
    log(sum(p.numel() for p in net.parameters()))


def test_lazy_module_before_its_first_batch() -> None:
    _same(_uninitialized_parameters_refuse_use)


# ---- ReduceLROnPlateau._reduce_lr(epoch): a subclass overriding it (to log) sees the epoch

def _plateau_subclass_logs_reductions(lib: Any, log: Callable[[Any], None]) -> None:
    class Logged(lib.optim.lr_scheduler.ReduceLROnPlateau):
        def _reduce_lr(self, epoch: int) -> None:
            log(("reducing at", epoch))
            super()._reduce_lr(epoch)

    optimizer = lib.optim.SGD([lib.nn.Parameter(lib.ones(1))], lr=1.0)
    scheduler = Logged(optimizer, patience=1, factor=0.5)
    for _ in range(6):
        optimizer.step()
        scheduler.step(1.0)
    log(scheduler.get_last_lr())


def test_plateau_reduce_lr_takes_the_epoch() -> None:
    _same(_plateau_subclass_logs_reductions)


# ---- OneCycleLR's annealing through PyTorch's _anneal_func / _annealing_cos / _linear

def _one_cycle_with_own_annealing(lib: Any, log: Callable[[Any], None]) -> None:
    one_cycle = lib.optim.lr_scheduler.OneCycleLR
    log((one_cycle._annealing_cos(1.0, 0.0, 0.3), one_cycle._annealing_linear(1.0, 0.0, 0.3)))

    class Stepwise(one_cycle):
        @staticmethod
        def _annealing_cos(start: float, end: float, pct: float) -> float:
            return start if pct < 0.5 else end

    optimizer = lib.optim.SGD([lib.nn.Parameter(lib.ones(1))], lr=0.1, momentum=0.9)
    scheduler = Stepwise(optimizer, max_lr=1.0, total_steps=8)
    for _ in range(7):
        optimizer.step()
        scheduler.step()
        log((scheduler.get_last_lr(), optimizer.param_groups[0]["momentum"]))
    log(scheduler._anneal_func(2.0, 4.0, 0.25))


def test_one_cycle_anneals_through_pytorchs_methods() -> None:
    _same(_one_cycle_with_own_annealing)
