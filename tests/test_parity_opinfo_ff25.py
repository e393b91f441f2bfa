"""Parity with PyTorch on the module inputs and error inputs of PyTorch's ModuleInfo database
(torch/testing/_internal/common_modules.py: module_db), on python_ref_db's and op_db's
sample inputs, and on the variants of their entries.

Each case is a snippet run once with ``T`` as PyTorch and once as the kit; what it leaves in
``out`` (values, dtypes, shapes, grads, node names, or the error) must be the same.
"""

from __future__ import annotations

import pytest

import autograd_kit as ak
from tests.parity_harness import assert_same

torch = pytest.importorskip("torch")


def same(code: str) -> None:
    assert_same(torch, ak, code)


@pytest.mark.parametrize("eps", ["-1.0", "0.0", "0", "-1", "1e-5", "float('nan')"])
@pytest.mark.parametrize("training", ["True", "False"])
@pytest.mark.parametrize("shape", ["(2, 3)", "(1, 3)", "(2, 3, 4)"])
def test_batch_norm_refuses_an_eps_out_of_range(eps: str, training: str, shape: str) -> None:
    # PyTorch's F.batch_norm (and so BatchNorm*d) refuses ε ≤ 0 when training, ε < 0 in eval,
    # after the one-value-per-channel check; the kit computed with it (NaNs or infinities)
    same(f"""
x = T.arange(float({shape}[0] * 3 * ({shape} + (1,))[2]), dtype=T.float64).reshape{shape}
y = T.nn.functional.batch_norm(x, T.zeros(3, dtype=T.float64), T.ones(3, dtype=T.float64),
                               training={training}, eps={eps})
out += [y.abs().sum().round(decimals=6), y.shape]
""")


@pytest.mark.parametrize("eps", ["-1.0", "0.0"])
@pytest.mark.parametrize("cls", ["BatchNorm1d", "BatchNorm2d", "BatchNorm3d"])
def test_batch_norm_module_with_eps_out_of_range(eps: str, cls: str) -> None:
    # module_db's error inputs for BatchNorm1d/2d/3d: the error comes at forward, in
    # training (ε ≤ 0) and in eval with running statistics (ε < 0)
    same(f"""
m = T.nn.{cls}(3, eps={eps}).double()
n = int("{cls}"[-2]) - 1
x = T.ones((2, 3) + (2,) * n, dtype=T.float64)
for mode in (True, False):
    m.train(mode)
    try:
        out.append(m(x).sum())
    except ValueError as e:
        out.append(str(e))
""")


def test_batch_norm_of_the_aten_namespace_checks_neither_eps_nor_batch_size() -> None:
    # torch.batch_norm (the operator under F.batch_norm) computes with one value per channel
    # and with ε < 0 (PyTorch's checks are in the Python wrapper)
    same("""
x = T.tensor([[1., 2., 3.]], dtype=T.float64)
out.append(T.batch_norm(x, None, None, None, None, True, 0.1, 1e-5, False))
x = T.tensor([[1., 2.], [3., 5.]], dtype=T.float64)
out.append(T.batch_norm(x, None, None, None, None, True, 0.1, -0.5, False))
""")


@pytest.mark.parametrize("delta", ["1j", "'1'", "None", "T.tensor(1.)", "2", "True", "0.5"])
def test_huber_loss_module_takes_only_a_real_number_as_delta(delta: str) -> None:
    # PyTorch's nn.HuberLoss refuses any delta but a float or an int when constructed
    # (TypeError 'delta must be a float or int, got: <class 'complex'>'); the kit took it
    same(f"""
m = T.nn.HuberLoss(delta={delta})
out.append(m(T.tensor([0., 3.], dtype=T.float64), T.tensor([1., 0.], dtype=T.float64)))
""")
