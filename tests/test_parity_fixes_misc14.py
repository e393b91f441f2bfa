"""Optimizer, loss, random and conversion parity with PyTorch (fixes of known mismatches);
each test compares with PyTorch live, parameters to the bit.

Parameters here are float64 with few elements where a test is about an update's formula:
on some CPUs PyTorch's sqrt (MKL's vector math) is not correctly rounded, so the seeds are
ones where both libraries' square roots agree and only the formula decides the bits.
"""
from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")


def _steps(lib: Any, name: str, kw: dict[str, Any], *, seed: int = 0, n: int = 6,
           steps: int = 10, dtype: str = "float64", lr_tensor: bool = False) -> np.ndarray:
    """``steps`` steps of ``lib.optim.<name>`` on one parameter with seeded gradients: the
    parameter after each step, stacked."""
    rng = np.random.RandomState(seed)
    dt = getattr(lib, dtype)
    p = lib.tensor(rng.randn(n).tolist(), dtype=dt, requires_grad=True)
    if lr_tensor:
        kw = dict(kw, lr=lib.tensor(kw.get("lr", 0.01)))
    opt = getattr(lib.optim, name)([p], **kw)
    out = []
    for _ in range(steps):
        p.grad = lib.tensor(rng.randn(n).tolist(), dtype=dt)
        opt.step()
        out.append(p.detach().numpy().copy())
    return np.array(out)


def _same_steps(name: str, kw: dict[str, Any], **options: Any) -> None:
    want = _steps(torch, name, kw, **options)
    got = _steps(ak, name, kw, **options)
    assert got.dtype == want.dtype
    assert got.tobytes() == want.tobytes(), (got - want)


@pytest.mark.parametrize("seed", [3, 4, 9, 15])
def test_nadam_foreach_divides_the_square_root_by_the_bias_correction(seed: int) -> None:
    _same_steps("NAdam", {"lr": 0.01, "foreach": True}, seed=seed)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("kw", [{"t0": 3, "lambd": 0.01},
                                {"weight_decay": 0.1, "maximize": True, "t0": 3, "alpha": 0.5}])
def test_asgd_foreach_follows_the_multi_tensor_step(dtype: str, kw: dict[str, Any]) -> None:
    # eta from the float32 step tensor (lr * (1 / x)), p - eta (g + lambd p) fused
    _same_steps("ASGD", {"lr": 0.05, "foreach": True, **kw}, dtype=dtype, n=20, steps=12)


def test_asgd_foreach_state_under_a_float64_default_dtype() -> None:
    def run(lib: Any) -> dict[str, Any]:
        lib.set_default_dtype(lib.float64)
        try:
            p = lib.tensor([1.0, -2.0, 0.5], requires_grad=True)
            opt = lib.optim.ASGD([p], lr=0.3, lambd=0.1, t0=1, foreach=True)
            for _ in range(4):
                p.grad = lib.tensor([0.3, 0.7, -1.1])
                opt.step()
        finally:
            lib.set_default_dtype(lib.float32)
        return {k: (str(v.dtype).split(".")[-1], v.numpy().tolist())
                for k, v in opt.state[p].items()}
    assert run(ak) == run(torch)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("kw", [{}, {"weight_decay": 0.1, "maximize": True}, {"foreach": True}])
def test_adamax_tensor_lr_step_size_is_a_float32_quotient(dtype: str, kw: dict[str, Any]) -> None:
    _same_steps("Adamax", {"lr": 0.05, **kw}, dtype=dtype, n=50, steps=12, lr_tensor=True)


def _differentiable_adam(lib: Any, kw: dict[str, Any], dtype: str, lr_grad: bool,
                         seed: int = 0) -> tuple[np.ndarray, str, list[np.ndarray], list[str]]:
    """Three recorded Adam steps on a non-leaf parameter (a clone of ``w0``), then a
    backward through them: values, the parameter's grad_fn, w0's (and lr's) gradient."""
    rng = np.random.RandomState(seed)
    dt = getattr(lib, dtype)
    w0 = lib.tensor(rng.randn(6).tolist(), dtype=dt, requires_grad=True)
    lr = lib.tensor(0.05, requires_grad=True) if lr_grad else 0.05
    p = w0.clone()
    opt = lib.optim.Adam([p], lr=lr, differentiable=True, **kw)
    out = []
    for _ in range(3):
        p.grad = lib.tensor(rng.randn(6).tolist(), dtype=dt)
        opt.step()
        out.append(p.detach().numpy().copy())
    name = type(p.grad_fn).__name__
    (p * p).sum().backward()
    grads = [w0.grad.numpy()] + ([lr.grad.numpy()] if lr_grad else [])
    state = sorted(f"{k}:{str(v.dtype).split('.')[-1]}:{v.requires_grad}"
                   for k, v in opt.state[p].items())
    return np.array(out), name, grads, state


@pytest.mark.parametrize("lr_grad", [False, True])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("kw", [{}, {"amsgrad": True}, {"weight_decay": 0.1, "maximize": True,
                                                         "decoupled_weight_decay": True}])
def test_adam_differentiable_records_tensor_bias_corrections(kw: dict[str, Any], dtype: str,
                                                             lr_grad: bool) -> None:
    # PyTorch: 1 - beta**step on the float32 step tensor, lr / bc as reciprocal * lr,
    # denom = sqrt(v) / (sqrt(bc2) * -step_size) + eps / -step_size, p.addcdiv_(m.clone(), denom)
    want = _differentiable_adam(torch, kw, dtype, lr_grad)
    got = _differentiable_adam(ak, kw, dtype, lr_grad)
    assert got[0].tobytes() == want[0].tobytes(), got[0] - want[0]
    assert got[1] == want[1] == "AddcdivBackward0"
    assert [g.tobytes() for g in got[2]] == [g.tobytes() for g in want[2]]
    assert got[3] == want[3]


def _nll_case(lib: Any, shape: tuple[int, ...], target: Any, reduction: str,
              weight: list[float] | None, scale: float, smoothing: float | None
              ) -> tuple[bytes, bytes, str]:
    """nll_loss (or cross_entropy with label smoothing) on seeded scores, a backward of
    ``scale · loss``: the loss's and the gradient's bytes (signs of zero and of nan count)."""
    data = np.random.RandomState(0).randn(*shape).astype(np.float32)
    x = lib.from_numpy(data).requires_grad_()
    t = lib.from_numpy(np.asarray(target, dtype=np.int64))
    kw = {} if weight is None else {"weight": lib.tensor(weight)}
    if smoothing is None:
        loss = lib.nn.functional.nll_loss(x, t, reduction=reduction, **kw)
    else:
        loss = lib.nn.functional.cross_entropy(x, t, reduction=reduction,
                                               label_smoothing=smoothing, **kw)
    (loss * scale).sum().backward()
    return loss.detach().numpy().tobytes(), x.grad.numpy().tobytes(), type(loss.grad_fn).__name__


@pytest.mark.parametrize("smoothing", [None, 0.0, 0.2])
@pytest.mark.parametrize("case", [
    ((3, 4), [-100, -100, -100], "mean", None, 1.0),  # every target ignored: nan, zero grads
    ((3, 4), [-100, -100, -100], "sum", None, -1.0),
    ((3, 4), [-100, -100, -100], "none", [1.0, 2.0, 0.5, 3.0], 1.0),
    ((2, 3, 2), [[0, 1], [2, -100]], "mean", [0.0, 0.0, 0.0], 1.0),  # Σw = 0: nan grads
    ((2, 3, 2), [[0, 1], [2, -100]], "sum", [0.0, 1.0, 0.0], -1.0),  # +0 off the targets
    ((2, 3, 2, 2), np.full((2, 2, 2), -100), "mean", None, 1.0),
    ((2, 3, 2, 2), np.full((2, 2, 2), 1), "mean", [1.0, 0.0, 1.0], 1.0),
    ((0, 3), np.zeros(0, dtype=np.int64), "mean", None, 1.0),  # empty batch: a positive nan
    ((0, 3, 2, 2), np.zeros((0, 2, 2), dtype=np.int64), "mean", None, 1.0),
    ((2, 3), [1, 1], "none", [1.0, 0.0, 1.0], -1.0),  # -logp · 0 = -0
    ((2, 3), [1, -100], "mean", [1.0, 0.0, 1.0], 1.0),
])
def test_nll_and_cross_entropy_with_nothing_counted(case: tuple[Any, ...],
                                                    smoothing: float | None) -> None:
    if smoothing and case[0][0] == 0:
        pytest.skip("PyTorch adds two nans keeping the second one's sign, NumPy the first's")
    assert _nll_case(ak, *case, smoothing) == _nll_case(torch, *case, smoothing)


def _random_fill(lib: Any, dtype: str, args: tuple[Any, ...], kw: dict[str, Any]) -> Any:
    """``zeros(6).random_(*args, **kw)`` after ``manual_seed(0)``: the values, or the error."""
    x = lib.zeros(6, dtype=getattr(lib, dtype))
    try:
        lib.manual_seed(0)
        return x.random_(*args, **kw).tolist()
    except (TypeError, RuntimeError) as error:
        return type(error).__name__, str(error).replace("autograd_kit", "torch")


@pytest.mark.parametrize("dtype", ["float32", "float64", "float16", "int64", "int8", "uint8",
                                   "int32", "bool"])
@pytest.mark.parametrize("args, kw", [
    ((), {"to": 10}), ((5, None), {}), ((), {"from": 3, "to": 10}), ((3,), {"to": 10}),
    ((-3, None), {}), ((2, None), {}), ((), {"from": 2, "to": None}), ((5,), {}),
    ((2**24 - 1, None), {}), ((200, None), {}),
    ((), {"to": None}), ((), {"from": 5}), ((1, 2, 3), {}), ((None,), {}), ((1.5,), {}),
    ((1, 2.5), {}), ((None, None), {}), ((1,), {"from": 2}), ((), {"frm": 3}), ((True,), {}),
])
def test_random_from_and_to_by_name_and_an_open_top(dtype: str, args: tuple[Any, ...],
                                                     kw: dict[str, Any]) -> None:
    assert _random_fill(ak, dtype, args, kw) == _random_fill(torch, dtype, args, kw)


def test_random_forms_name_their_nodes_as_pytorch() -> None:
    calls = [((), {}), ((3,), {}), ((), {"to": 3}), ((1, 3), {}), ((1,), {"to": 3}),
             ((1, None), {}), ((), {"from": 1, "to": 3})]

    def names(lib: Any) -> list[str]:
        x = lib.zeros(3, requires_grad=True).clone()
        return [type(x.clone().random_(*a, **k).grad_fn).__name__ for a, k in calls]
    assert names(ak) == names(torch)


@pytest.mark.parametrize("dtype", ["float32", "float16", "int8", "uint8", "bool"])
@pytest.mark.parametrize("low, high", [(0, 2**25), (-2**25, 0), (200, 300), (-300, -200),
                                       (0, 70000)])
def test_randint_bounds_are_the_types_range_with_a_warning_past_exact_floats(
        dtype: str, low: int, high: int) -> None:
    def run(lib: Any) -> Any:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                lib.randint(low, high, (3,), dtype=getattr(lib, dtype))
                outcome: Any = "ok"
            except RuntimeError as error:
                outcome = str(error)
        return outcome, [str(w.message) for w in caught]
    assert run(ak) == run(torch)


def _converted(lib: Any, data: Any, dtype: str | None, maker: str = "tensor") -> Any:
    """``lib.tensor(data, dtype=...)``: its values and dtype, or the error's type and text."""
    try:
        kw = {} if dtype is None else {"dtype": getattr(lib, dtype)}
        t = getattr(lib, maker)(data, **kw)
        return t.tolist(), str(t.dtype).split(".")[-1]
    except (TypeError, ValueError, RuntimeError, OverflowError) as error:
        return type(error).__name__, str(error).replace("autograd_kit", "torch")


@pytest.mark.parametrize("maker", ["tensor", "as_tensor"])
@pytest.mark.parametrize("data, dtype", [
    ([1.5, 2**70], "int64"), (2**63, None), ([2**63], "float64"), ([2**63], None),
    (2**64, None), (-2**63 - 1, None), (2**63 - 1, None), (2**63, "float64"), (2**63, "int8"),
    ([300], "int8"), ([300], "uint8"), ([-1], "uint8"), ([2**31], "int32"), ([2**70], "float32"),
    ([2**70], "bool"), ([2**63], "bool"), ([2], "bool"), ([1.5], "bool"), ([-1.5], "uint8"),
    ([-0.5], "uint8"), ([-0.0], "uint8"), ([-255], "uint8"), ([-255.0], "uint8"),
    ([1e20], "int64"), ([float("nan")], "int64"), ([float("inf")], "int32"), ([300.5], "int8"),
    ([[1, 2**63]], None), ([1.5, 2**63], None), ([1, 2**63], "float32"), ([2**1024], "float64"),
    ([2**60 + 2**36 + 1], "float32"), (-(2**60 + 2**36 + 1), "float32"), ([2**11 + 1], "float16"),
    ([1 + 2j], "int64"), ([1, 2j], "float32"), ((1 + 2j), "float16"), ([[1.5, 1j]], "bool"),
])
def test_tensor_conversion_of_python_numbers(data: Any, dtype: str | None, maker: str) -> None:
    assert _converted(ak, data, dtype, maker) == _converted(torch, data, dtype, maker)


def _data_swapped(lib: Any, case: int) -> Any:
    """A graph recorded on x, then ``x.data = `` a tensor of another shape, then backward:
    x.grad (values and shape) or the error."""
    x = lib.tensor([1.0, 2.0, 3.0], requires_grad=True)
    try:
        if case == 0:  # MulBackward0 saved x itself: its new data meets the old gradient
            y = (x * x).sum()
            x.data = lib.tensor([1.0, 2.0])
        elif case == 1:  # a gradient of the old shape, copied into the new shape: fails
            y = (x * 2).sum()
            x.data = lib.tensor([[1.0, 2.0], [3.0, 4.0]])
        elif case == 2:  # same shape: the old graph's values
            y = x.exp().sum()
            x.data = lib.tensor([5.0, 6.0, 7.0])
        elif case == 3:  # another dtype too: the copy takes the leaf's shape and fails
            y = x.sum()
            x.data = lib.tensor([1.0, 2.0], dtype=lib.float64)
        elif case == 4:  # a contiguous gradient is kept as it is: .grad of the old shape
            y = (x[1:] * 2).sum()
            x.data = lib.tensor([9.0])
        elif case == 5:
            y = x.mean()
            x.data = lib.zeros(2)
        elif case == 6:  # a gradient that broadcasts to the new shape is copied into it
            y = (x.reshape(3, 1) * lib.ones(3, 1)).sum()
            x.data = lib.zeros(2, 3)
        else:  # an existing .grad (old shape) += the new gradient
            (x * 2).sum().backward()
            y = (x * x).sum()
            x.data = lib.tensor([7.0])
        y.backward()
        return x.grad.tolist(), list(x.grad.shape), list(x.shape)
    except RuntimeError as error:
        return str(error)


@pytest.mark.parametrize("case", range(8))
def test_backward_after_data_of_another_shape(case: int) -> None:
    assert _data_swapped(ak, case) == _data_swapped(torch, case)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("kw", [{}, {"weight_decay": 0.1, "maximize": True}])
def test_radam_foreach_follows_the_multi_tensor_step(dtype: str, kw: dict[str, Any]) -> None:
    # one factor 1 / ((sqrt(v) + eps) / bc2') + unrect, then p.addcmul_(m, factor)
    _same_steps("RAdam", {"lr": 0.05, "foreach": True, **kw}, dtype=dtype, n=20, steps=12)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("name, kw", [
    ("NAdam", {}), ("NAdam", {"weight_decay": 0.1, "decoupled_weight_decay": True}),
    ("NAdam", {"weight_decay": 0.1, "decoupled_weight_decay": True, "foreach": True}),
    ("ASGD", {}), ("ASGD", {"weight_decay": 0.1, "t0": 3}), ("ASGD", {"foreach": True}),
    ("RAdam", {"foreach": True}),
    ("RAdam", {"weight_decay": 0.1, "decoupled_weight_decay": True, "foreach": True}),
])
def test_tensor_lr_step_sizes_are_float32_tensor_arithmetic(name: str, kw: dict[str, Any],
                                                            dtype: str) -> None:
    _same_steps(name, {"lr": 0.05, **kw}, dtype=dtype, n=6, steps=12, lr_tensor=True)


@pytest.mark.parametrize("default", ["float32", "float64"])
def test_adagrad_group_added_later_gets_the_defaults_accumulator(default: str) -> None:
    def run(lib: Any) -> Any:
        lib.set_default_dtype(getattr(lib, default))
        try:
            p = lib.tensor([1.0, 2.0], requires_grad=True)
            opt = lib.optim.Adagrad([p], lr=0.1, initial_accumulator_value=0.5)
            q = lib.tensor([3.0], requires_grad=True)
            opt.add_param_group({"params": [q], "initial_accumulator_value": 2.0, "lr": 0.01})
            for _ in range(2):
                p.grad, q.grad = lib.ones(2), lib.tensor([2.0])
                opt.step()
            return (p.tolist(), q.tolist(),
                    {k: (v.tolist(), str(v.dtype).split(".")[-1]) for k, v in opt.state[q].items()},
                    str(opt.state[p]["step"].dtype).split(".")[-1])
        finally:
            lib.set_default_dtype(lib.float32)
    assert run(ak) == run(torch)


def _differentiable_sgd(lib: Any, kw: dict[str, Any], lr_grad: bool, foreach: bool,
                        grads_grad: bool) -> Any:
    """Three recorded SGD steps on a clone of ``w0`` (gradients that may require grad),
    then a backward: values, grad_fn, w0's and lr's gradients, the state's keys; or the
    error's type and text."""
    rng = np.random.RandomState(0)
    w0 = lib.tensor(rng.randn(4).tolist(), requires_grad=True)
    lr = lib.tensor(0.1, requires_grad=True) if lr_grad else 0.1
    p = w0.clone()
    opt = lib.optim.SGD([p], lr=lr, differentiable=True, foreach=foreach, **kw)
    try:
        for _ in range(3):
            g = lib.tensor(rng.randn(4).tolist(), requires_grad=grads_grad)
            p.grad = g * 1 if grads_grad else g
            opt.step()
    except TypeError as error:
        return str(error)
    name = type(p.grad_fn).__name__
    try:  # (a buffer saved by addcmul_ and changed in place since: PyTorch's version error)
        (p * p).sum().backward()
    except RuntimeError as error:
        return p.tolist(), name, str(error).replace("autograd_kit", "torch")
    return (p.tolist(), name, w0.grad.tolist(), lr.grad.tolist() if lr_grad else None,
            sorted(opt.state[p]) if p in opt.state else "no state")


@pytest.mark.parametrize("grads_grad", [False, True])
@pytest.mark.parametrize("lr_grad, foreach", [(False, False), (True, False), (False, True),
                                              (True, True)])
@pytest.mark.parametrize("kw", [{}, {"momentum": 0.9},
                                {"momentum": 0.5, "dampening": 0.3, "maximize": True}])
def test_sgd_differentiable_records_the_update(kw: dict[str, Any], lr_grad: bool,
                                               foreach: bool, grads_grad: bool) -> None:
    want = _differentiable_sgd(torch, kw, lr_grad, foreach, grads_grad)
    assert _differentiable_sgd(ak, kw, lr_grad, foreach, grads_grad) == want


@pytest.mark.parametrize("key", [5, "0"])
def test_loaded_state_for_no_parameter_is_kept_under_its_key(key: Any) -> None:
    def run(lib: Any) -> Any:
        p = lib.tensor([1.0, -2.0], requires_grad=True)
        q = lib.tensor([3.0], requires_grad=True)
        opt = lib.optim.Adam([p, q], lr=0.1)
        p.grad, q.grad = lib.ones(2), lib.ones(1)
        opt.step()
        saved = opt.state_dict()
        saved = {"state": {**saved["state"]}, "param_groups": saved["param_groups"]}
        saved["state"][key] = saved["state"].pop(0) if key == "0" else saved["state"][0]
        opt.load_state_dict(saved)
        p.grad, q.grad = lib.ones(2), lib.ones(1)
        opt.step()
        out = opt.state_dict()["state"]
        return list(out), {k: v["step"].item() for k, v in out.items()}, p.tolist()
    assert run(ak) == run(torch)
