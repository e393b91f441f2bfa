"""autograd.functional (jacobian, hessian, vjp), new_* factories, inference_mode, empty."""

from __future__ import annotations

import numpy as np

import autograd_kit as ak
from autograd_kit.autograd import functional as F


def test_jacobian_matches_the_hand_derived_matrix(device):
    x = ak.tensor([1.0, 2.0, 3.0], dtype=ak.float64, device=device)
    # f(x) = (x0*x1, x1 + x2): J = [[x1, x0, 0], [0, 1, 1]]
    jac = F.jacobian(lambda t: ak.stack([t[0] * t[1], t[1] + t[2]]), x)
    assert jac.tolist() == [[2.0, 1.0, 0.0], [0.0, 1.0, 1.0]]
    assert not jac.requires_grad


def test_jacobian_rows_are_vector_jacobian_products(device):
    x = ak.tensor([0.5, -1.0], dtype=ak.float64, device=device)

    def f(t):
        return ak.stack([t.exp().sum(), (t * t).prod()])

    jac = F.jacobian(f, x)
    for k in range(2):
        v = ak.zeros(2, dtype=ak.float64, device=device)
        v[k] = 1.0
        _, row = F.vjp(f, x, v)
        assert np.allclose(row.cpu().numpy(), jac[k].cpu().numpy())


def test_hessian_of_a_cubic(device):
    x = ak.tensor([1.0, 2.0], dtype=ak.float64, device=device)
    hess = F.hessian(lambda t: (t**3).sum() + t[0] * t[1], x)
    assert hess.tolist() == [[6.0, 1.0], [1.0, 12.0]]


def test_new_factories_copy_dtype_and_device(device):
    x = ak.tensor([1.0], dtype=ak.float64, device=device)
    for made in (x.new_zeros(2, 3), x.new_ones((2,)), x.new_full((2,), 7.0), x.new_tensor([3])):
        assert made.dtype == ak.float64 and made.device == x.device
    assert x.new_full((2,), 7.0).tolist() == [7.0, 7.0]
    assert x.new_zeros(2, 3).shape == (2, 3)


def test_inference_mode_records_nothing_and_empty_has_the_shape():
    x = ak.ones(2, requires_grad=True)
    with ak.inference_mode():
        assert not (x * 2).requires_grad
    assert (x * 2).requires_grad
    assert ak.empty(2, 3).shape == (2, 3) and ak.is_tensor(x) and not ak.is_tensor(1.0)
    assert ak.numel(ak.empty(4, 5)) == 20


def test_hessian_of_several_inputs_is_a_tuple_of_tuples():
    h = F.hessian(lambda a, b: (a * a * b).sum(), (ak.tensor([2.0]), ak.tensor([3.0])))
    assert [[block.tolist() for block in row] for row in h] == [[[[6.0]], [[4.0]]],
                                                                [[[4.0]], [[0.0]]]]
