"""Optimizers and learning-rate schedulers against PyTorch, from the constructor arguments
and errors listed in PyTorch's ``common_optimizers.py`` and its optimizer tests."""

from __future__ import annotations

import copy

import numpy as np
import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")


def _param(lib, values, dtype="float32"):
    return lib.nn.Parameter(lib.tensor(np.asarray(values, dtype=dtype)))


def _same(t, k):
    """Bit-for-bit the same values, dtype and shape."""
    a, b = t.detach().numpy(), np.asarray(k.detach().numpy())
    assert a.dtype == b.dtype and a.shape == b.shape
    np.testing.assert_array_equal(a, b)


def _steps(lib, make_opt, values, grads, dtype):
    p = _param(lib, values, dtype)
    opt = make_opt(lib, p)
    for g in grads:
        p.grad = lib.tensor(np.asarray(g, dtype=dtype))
        opt.step()
    return p, opt


@pytest.mark.parametrize("kwargs", [dict(momentum=0.9, weight_decay=0.1),
                                    dict(momentum=0.9, nesterov=True),
                                    dict(momentum=0.9, dampening=0.5, maximize=True),
                                    dict(momentum=0.9, weight_decay=0.1, fused=True)])
def test_sgd_momentum_on_a_0_dim_float64_parameter(kwargs):
    # the kit's first momentum buffer was a NumPy scalar, not an array: the next step failed
    # ("'numpy.float64' object does not support item assignment")
    out = [_steps(lib, lambda m, p: m.optim.SGD([p], lr=0.1, **kwargs), 1.5,
                  [0.5, -0.25, 0.75], "float64") for lib in (torch, ak)]
    (tp, topt), (kp, kopt) = out
    _same(tp, kp)
    _same(topt.state[tp]["momentum_buffer"], kopt.state[kp]["momentum_buffer"])
    assert repr(kopt.state[kp]["momentum_buffer"]).replace("autograd_kit", "torch") == repr(
        topt.state[tp]["momentum_buffer"])


@pytest.mark.parametrize("kwargs", [dict(lr=0.1), dict(lr=0.1, t0=1), dict(lr=0.05, t0=0,
                                                                            foreach=True)])
def test_asgd_resumed_in_float64_rounds_eta_and_mu_as_pytorch(kwargs):
    # PyTorch makes each new η and μ with torch.as_tensor(<float>) (float32) and copies it
    # into the state, which is float64 after loading into a float64 model
    def run(lib):
        p, opt = _steps(lib, lambda m, q: m.optim.ASGD([q], **kwargs), [1.5, -0.5],
                        [[0.5, 0.25], [0.1, -0.3]], "float64")
        q = lib.nn.Parameter(p.detach().clone())
        resumed = lib.optim.ASGD([q], **kwargs)
        resumed.load_state_dict(copy.deepcopy(opt.state_dict()))
        for g in ([0.5, 0.25], [-0.2, 0.7], [0.3, 0.3]):
            q.grad = lib.tensor(np.asarray(g))
            resumed.step()
        return q, resumed.state[q]

    (tq, ts), (kq, ks) = run(torch), run(ak)
    _same(tq, kq)
    for key in ("step", "eta", "mu", "ax"):
        _same(ts[key], ks[key])


@pytest.mark.parametrize("kwargs", [dict(), dict(weight_decay=0.2),
                                    dict(adjust_lr_fn="match_rms_adamw")])
def test_muon_tensor_lr_rounds_in_float32_on_a_float64_model(kwargs):
    # PyTorch keeps a tensor lr a 0-dim float32 tensor: 1 - lr·wd and lr·ratio are float32
    rng = np.random.default_rng(1)
    w = rng.standard_normal((3, 5))
    grads = [rng.standard_normal((3, 5)) for _ in range(3)]

    def run(lib):
        return _steps(lib, lambda m, p: m.optim.Muon([p], lr=m.tensor(0.001), **kwargs), w,
                      grads, "float64")

    (tp, topt), (kp, kopt) = run(torch), run(ak)
    _same(tp, kp)
    _same(topt.state[tp]["momentum_buffer"], kopt.state[kp]["momentum_buffer"])


def _errors(make):
    out = []
    for lib in (torch, ak):
        try:
            make(lib)
            out.append(None)
        except Exception as e:  # noqa: BLE001 - compared with PyTorch's
            out.append((type(e).__name__, str(e)))
    return out


@pytest.mark.parametrize("name", ["Adam", "AdamW"])
@pytest.mark.parametrize("betas, kwargs", [
    ((0.9, 0.99), dict(foreach=True)),
    (([[[0.9]]], [[0.99]]), dict(foreach=True)),
    ((0.9, [0.99, 0.9]), dict()),
    (([0.9, 0.8], 0.99), dict()),
    (([0.9, 0.8], 0.99), dict(foreach=True, capturable=True)),
])
def test_adam_tensor_betas_are_checked_as_pytorch(name, betas, kwargs):
    # common_optimizers: "betas[0] as a Tensor is not supported for capturable=False and
    # foreach=True"; a tensor beta must hold one number
    def make(lib):
        p = _param(lib, [1.0, 2.0])
        return getattr(lib.optim, name)([p], betas=tuple(lib.tensor(b) for b in betas),
                                        **kwargs)

    t, k = _errors(make)
    assert t is not None and k == t


def _adam_run(lib, kwargs, betas, dtype="float64", steps=4):
    rng = np.random.default_rng(3)
    values = rng.standard_normal(5)
    grads = [rng.standard_normal(5) for _ in range(steps)]
    kw = dict(kwargs)
    if "lr" in kw:
        kw["lr"] = lib.tensor(kw["lr"])
    if betas is not None:
        kw["betas"] = tuple(lib.tensor(b) for b in betas)
    return _steps(lib, lambda m, p: m.optim.Adam([p], **kw), values, grads, dtype)


@pytest.mark.parametrize("kwargs", [
    dict(fused=True, capturable=True),
    dict(fused=True, capturable=True, amsgrad=True, lr=0.001),
    dict(fused=True, lr=0.001),
    dict(fused=True, lr=0.001, weight_decay=0.1, decoupled_weight_decay=True),
    dict(fused=True, lr=0.001, weight_decay=0.1),
])
def test_adam_fused_steps_in_double_with_a_tensor_lr_and_capturable(kwargs):
    # PyTorch's fused CPU kernel reads a tensor lr as a double (no float32 step size) and
    # does not refuse capturable=True for CPU parameters (the kit raised "If capturable=True,
    # params and state_steps must be on supported devices")
    (tp, topt), (kp, kopt) = _adam_run(torch, kwargs, None), _adam_run(ak, kwargs, None)
    _same(tp, kp)
    for key in topt.state[tp]:
        _same(topt.state[tp][key], kopt.state[kp][key])


@pytest.mark.parametrize("kwargs", [dict(), dict(lr=0.001), dict(amsgrad=True),
                                    dict(weight_decay=0.1, decoupled_weight_decay=True)])
def test_adam_tensor_betas_bias_corrections_are_float32_tensor_operations(kwargs):
    # PyTorch computes 1 - beta1 ** step (** 3: x·x·x) and lr / (1 - beta1 ** step) (a float
    # lr: (1 - beta1 ** step).reciprocal() * lr) with 0-dim float32 tensors; the kit used
    # doubles. (beta2 = 0 keeps float32 sqrt, which differs on some machines, out of it.)
    runs = [_adam_run(lib, kwargs, (0.9, 0.0)) for lib in (torch, ak)]
    (tp, topt), (kp, kopt) = runs
    _same(tp, kp)
    _same(topt.state[tp]["exp_avg"], kopt.state[kp]["exp_avg"])


def _versions(lib, name, kwargs, steps=3):
    p = _param(lib, np.arange(1.0, 7.0).reshape(2, 3))
    opt = getattr(lib.optim, name)([p], **kwargs)
    for _ in range(steps):
        p.grad = lib.ones_like(p) * 0.5
        opt.step()
    return p._version, {k: v._version for k, v in opt.state[p].items()
                        if isinstance(v, (torch.Tensor, ak.Tensor))}


@pytest.mark.parametrize("name, kwargs", [
    ("SGD", dict(lr=0.1, momentum=0.9)),
    ("SGD", dict(lr=0.1, momentum=0.9, dampening=0.5, weight_decay=0.1)),
    ("SGD", dict(lr=0.1, momentum=0.9, foreach=True)),
    ("Adam", dict()),
    ("Adam", dict(amsgrad=True, foreach=True)),
    ("AdamW", dict()),
    ("Adamax", dict()),
    ("Adamax", dict(foreach=True, weight_decay=0.1)),
    ("Rprop", dict(foreach=True)),
    ("Rprop", dict(foreach=True, maximize=True)),
    ("Muon", dict()),
    ("Adafactor", dict(weight_decay=0.1)),
    ("SGD", dict(lr=0.1, fused=True)),
    ("SGD", dict(lr=0.1, momentum=0.9, fused=True)),
    ("Adam", dict(fused=True)),
    ("AdamW", dict(fused=True, amsgrad=True)),
    ("Adagrad", dict(fused=True)),
])
def test_optimizer_steps_bump_version_counters_as_pytorch(name, kwargs):
    # one bump per in-place update PyTorch makes (buf.mul_(m).add_(g): two); its fused
    # kernels bump none, but for the step counts (the kit bumped once per tensor)
    assert _versions(ak, name, kwargs) == _versions(torch, name, kwargs)


@pytest.mark.parametrize("kwargs", [dict(fused=True), dict()])
def test_backward_after_a_fused_step_uses_the_new_values_as_pytorch(kwargs):
    # a fused step does not bump the parameter's version: the saved tensor check passes
    out = []
    for lib in (torch, ak):
        p = _param(lib, [1.0, 2.0])
        opt = lib.optim.Adam([p], **kwargs)
        y = (p * p).sum()
        p.grad = lib.ones(2)
        opt.step()
        try:
            y.backward()
            out.append(p.grad.numpy().tolist())
        except RuntimeError as e:
            out.append(str(e).split(" Hint")[0].replace("autograd_kit", "torch"))
    assert out[0] == out[1]


@pytest.mark.parametrize("name, kwargs", [
    ("Adagrad", dict()), ("Adagrad", dict(weight_decay=0.1, maximize=True)),
    ("Adagrad", dict(lr_decay=0.5, initial_accumulator_value=0.1)),
    ("Adagrad", dict(lr=0.001, eps=1e-3)),
    ("Adadelta", dict()), ("Adadelta", dict(weight_decay=0.1, maximize=True)),
    ("Adadelta", dict(rho=0.5, lr=0.1))])
def test_differentiable_step_is_recorded_as_pytorch(name, kwargs):
    # PyTorch replays its step with tensor operations in grad mode: the parameter's grad_fn
    # is AddcdivBackward0 and gradients reach the gradient tensor (the kit's step was not
    # recorded: grad_fn stayed CloneBackward0, no gradient for g)
    out = []
    for lib in (torch, ak):
        w = lib.tensor(np.array([1.5, -0.5, 0.25]), requires_grad=True)
        g = lib.tensor(np.array([0.3, -0.2, 0.1]), requires_grad=True)
        p = w.clone()
        opt = getattr(lib.optim, name)([p], differentiable=True, **kwargs)
        for i in range(3):
            p.grad = g * (i + 1)
            opt.step()
        gw, gg = lib.autograd.grad((p * p).sum(), [w, g])
        out.append((p, gw, gg, type(p.grad_fn).__name__))
    (tp, tw, tg, tname), (kp, kw, kg, kname) = out
    assert kname == tname
    for a, b in ((tp, kp), (tw, kw), (tg, kg)):
        np.testing.assert_allclose(b.detach().numpy(), a.detach().numpy(), rtol=1e-12,
                                   atol=1e-14)


@pytest.mark.parametrize("name, kwargs", [
    ("RMSprop", dict()), ("RMSprop", dict(weight_decay=0.1, maximize=True)),
    ("RMSprop", dict(centered=True)), ("RMSprop", dict(momentum=0.9)),
    ("RMSprop", dict(momentum=0.9, steps=1)), ("RMSprop", dict(centered=True, steps=1)),
    ("Adamax", dict()), ("Adamax", dict(steps=1)),
    ("Adamax", dict(weight_decay=0.1, maximize=True, steps=1))])
def test_recorded_steps_values_and_errors_as_pytorch(name, kwargs):
    # recorded as PyTorch's step: AddcdivBackward0 / AddBackward0, the same gradients, and
    # the same error where PyTorch's own in-place updates (grad_avg.lerp_, buf.mul_) break
    # the graph of a later step
    kwargs = dict(kwargs)
    steps = kwargs.pop("steps", 3)
    out = []
    for lib in (torch, ak):
        w = lib.tensor(np.array([1.5, -0.5, 0.25]), requires_grad=True)
        g = lib.tensor(np.array([0.3, -0.2, 0.1]), requires_grad=True)
        p = w.clone()
        opt = getattr(lib.optim, name)([p], differentiable=True, **kwargs)
        for i in range(steps):
            p.grad = g * (i + 1)
            opt.step()
        try:
            gw, gg = lib.autograd.grad((p * p).sum(), [w, g])
        except RuntimeError as e:
            out.append(str(e).split(" Hint")[0].replace("autograd_kit", "torch"))
            continue
        out.append((p, gw, gg, type(p.grad_fn).__name__))
    if isinstance(out[0], str):
        assert out[1] == out[0]
        return
    (tp, tw, tg, tname), (kp, kw, kg, kname) = out
    assert kname == tname
    for a, b in ((tp, kp), (tw, kw), (tg, kg)):
        np.testing.assert_allclose(b.detach().numpy(), a.detach().numpy(), rtol=1e-12, atol=1e-14)
