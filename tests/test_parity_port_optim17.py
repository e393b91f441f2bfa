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
