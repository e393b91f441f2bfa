"""Kit-only checks of the top-level operator spellings and the other names of
namespace_aten.py, with values derived by hand (these run in CI, where PyTorch is absent)."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

import autograd_kit as ak


def values(t: ak.Tensor) -> list:
    return t.detach().tolist()


def test_windows_follow_their_formulas() -> None:
    n = np.arange(5)
    hann = 0.5 - 0.5 * np.cos(2 * math.pi * n / 5)  # periodic: N = 6, the last one dropped
    assert np.allclose(values(ak.hann_window(5)), hann, atol=1e-6)
    assert np.allclose(values(ak.hann_window(5, periodic=False)), [0, 0.5, 1, 0.5, 0], atol=1e-6)
    assert np.allclose(values(ak.hamming_window(4, False)), [0.08, 0.77, 0.77, 0.08], atol=1e-6)
    assert np.allclose(values(ak.bartlett_window(5, False)), [0, 0.5, 1, 0.5, 0], atol=1e-6)
    assert np.allclose(values(ak.blackman_window(3, False)), [0, 1, 0], atol=1e-6)
    kaiser = np.i0(5 * np.sqrt(1 - (np.arange(4) * 2 / 3 - 1) ** 2)) / np.i0(5)
    assert np.allclose(values(ak.kaiser_window(4, False, 5.0)), kaiser, atol=1e-6)
    assert values(ak.hann_window(1)) == [1.0] and values(ak.hann_window(0)) == []
    assert ak.hann_window(3, dtype=ak.float64).dtype == ak.float64


def test_window_errors() -> None:
    with pytest.raises(RuntimeError, match="hann_window requires non-negative window_length, "
                                           "got window_length=-1"):
        ak.hann_window(-1)
    with pytest.raises(RuntimeError, match="expects floating point dtypes, got: "
                                           r"TensorOptions\(dtype=long int"):
        ak.hamming_window(3, dtype=ak.int64)


def test_vander_columns_and_gradient() -> None:
    x = ak.tensor([1.0, 2.0, 3.0], requires_grad=True)
    v = ak.vander(x)
    assert values(v) == [[1, 1, 1], [4, 2, 1], [9, 3, 1]]
    assert type(v.grad_fn).__name__ == "FlipBackward0"
    assert values(ak.vander(ak.tensor([1, 2]), N=3, increasing=True)) == [[1, 1, 1], [1, 2, 4]]
    assert ak.vander(ak.tensor([1, 2])).dtype == ak.int64
    assert tuple(ak.vander(ak.tensor([2.0, 3.0]), N=0).shape) == (2, 0)


def test_unravel_index() -> None:
    rows, cols = ak.unravel_index(ak.tensor([3, 1, 5, 7, -1]), (2, 3))
    assert values(rows) == [1, 0, 1, 0, 1] and values(cols) == [0, 1, 2, 1, 2]  # modulo 6
    with pytest.raises(TypeError, match="expected 'indices' to be integer dtype, but got "
                                        "autograd_kit.float32"):
        ak.unravel_index(ak.tensor([1.0]), (2, 3))
    with pytest.raises(ValueError, match="'shape' cannot have negative values"):
        ak.unravel_index(ak.tensor([1]), (2, -3))


def test_trapz_and_cumulative_trapezoid() -> None:
    y = ak.tensor([[1.0, 2.0, 4.0], [3.0, 4.0, 5.0]], requires_grad=True)
    assert values(ak.trapz(y)) == [1.5 + 3.0, 3.5 + 4.5]
    assert values(ak.trapz(y, dx=2.0)) == [9.0, 16.0]
    running = ak.cumulative_trapezoid(y, ak.tensor([0.0, 1.0, 3.0]))
    assert values(running) == [[1.5, 7.5], [3.5, 12.5]]  # (1+2)/2·1, then + (2+4)/2·2
    assert type(running.grad_fn).__name__ == "DivBackward1"
    running.sum().backward()
    assert values(y.grad) == [[1.0, 2.0, 1.0], [1.0, 2.0, 1.0]]  # 2·(y0+y1)/2 + (y1+y2)


def test_range_includes_its_end_and_warns() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        r = ak.range(0, 3)
    assert values(r) == [0.0, 1.0, 2.0, 3.0] and r.dtype == ak.float32
    assert "torch.range is deprecated" in str(caught[0].message)


def test_fill_is_recorded_and_passes_no_gradient_to_its_input() -> None:
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    value = ak.tensor(3.0, requires_grad=True)
    y = ak.fill(x, 2.0)
    z = ak.fill(x, value)
    assert values(y) == [2.0, 2.0] and type(y.grad_fn).__name__ == "FillBackward0"
    assert type(z.grad_fn).__name__ == "FillBackward1"
    (y.sum() + z.sum()).backward()
    assert values(x.grad) == [0.0, 0.0] and value.grad.item() == 2.0


def test_operator_argument_orders() -> None:
    weight = ak.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    assert values(ak.embedding(weight, ak.tensor([2, 0]))) == [[5.0, 6.0], [1.0, 2.0]]
    x = ak.tensor([[1.0, 2.0], [3.0, 5.0]])
    assert values(ak.dropout(x, 0.5, False)) == values(x)
    norm = ak.layer_norm(x, (2,))
    assert np.allclose(values(norm), [[-1, 1], [-1, 1]], atol=1e-4)
    batch = ak.batch_norm(x, None, None, None, None, True, 0.1, 1e-5, False)
    assert np.allclose(values(batch), [[-1, -1], [1, 1]], atol=1e-4)
    assert values(ak.constant_pad_nd(x, [1, 0], 9.0)) == [[9, 1, 2], [9, 3, 5]]


def test_numeric_reductions_of_losses() -> None:
    x, t = ak.tensor([0.5, -1.0, 2.0]), ak.tensor([1.0, 0.0, 1.0])
    each = values(ak.binary_cross_entropy_with_logits(x, t))  # no reduction given: none
    assert len(each) == 3
    assert ak.binary_cross_entropy_with_logits(x, t, None, None, 1).item() == pytest.approx(
        sum(each) / 3)
    assert ak.binary_cross_entropy_with_logits(x, t, None, None, 2).item() == pytest.approx(
        sum(each))
    ranked = ak.margin_ranking_loss(x, t, ak.tensor([1.0, -1.0, 1.0]), 0.0, 2)
    assert ranked.item() == pytest.approx(0.5)  # max(0, -(0.5 - 1)) = 0.5, the others 0


# ---- tensor_more_methods.py ----------------------------------------------------------------

def test_layout_flags_and_real_parts() -> None:
    x = ak.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    assert x.is_cpu and not x.is_sparse and not x.is_quantized and not x.is_nested
    assert x.real is x
    with pytest.raises(RuntimeError, match="imag is not implemented for tensors with "
                                           "non-complex dtypes."):
        x.imag  # noqa: B018
    assert values(x.isreal()) == [[True, True], [True, True]]


def test_conjugate_transposes() -> None:
    x = ak.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    for t in (x.H, x.mH, x.adjoint()):
        assert values(t) == [[1.0, 3.0], [2.0, 4.0]]
        assert type(t.grad_fn).__name__ == "TransposeBackward0"
    assert tuple(ak.ones(2, 3, 4).mH.shape) == (2, 4, 3)
    with pytest.raises(RuntimeError, match="tensor.H is only supported on matrices "
                                           r"\(2-D tensors\). Got 3-D tensor. For batches"):
        ak.ones(2, 2, 2).H  # noqa: B018
    with pytest.raises(RuntimeError, match="tensor.mH is only supported on matrices or "
                                           "batches of matrices. Got 1-D tensor."):
        ak.ones(2).mH  # noqa: B018


def test_new_keeps_the_dtype() -> None:
    x = ak.tensor([1, 2])
    assert x.new([1.5]).dtype == ak.int64 and values(x.new([1.5])) == [1]
    assert tuple(ak.ones(2).new(2, 3).shape) == (2, 3)
    assert values(ak.ones(2).new((2,))) == [2.0]
    with pytest.raises(TypeError, match=r"new\(\): data must be a sequence \(got float\)"):
        x.new(2.5)


def test_narrow_copy_is_a_recorded_copy() -> None:
    x = ak.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
    y = x.narrow_copy(1, 1, 1)
    assert values(y) == [[2.0], [4.0]] and type(y.grad_fn).__name__ == "NarrowCopyBackward0"
    assert y._base is None
    (y * 3).sum().backward()
    assert values(x.grad) == [[0.0, 3.0], [0.0, 3.0]]


def test_nonzero_static_and_dim_order() -> None:
    x = ak.tensor([[1.0, 0.0], [3.0, 4.0]])
    assert values(x.nonzero_static(size=1)) == [[0, 0]]
    assert values(x.nonzero_static(size=4, fill_value=9)) == [[0, 0], [1, 0], [1, 1], [9, 9]]
    assert ak.ones(2, 3, 4).permute(2, 0, 1).dim_order() == (1, 2, 0)


def test_python_maps_and_their_guard() -> None:
    x = ak.tensor([[1.0, 2.0], [3.0, 4.0]])
    assert values(x.apply_(lambda v: v * 10)) == [[10, 20], [30, 40]] and x._version == 0
    assert values(x.map_(ak.tensor([1.0, 2.0]), lambda a, b: a - b)) == [[9, 18], [29, 38]]
    with pytest.raises(RuntimeError, match=r"Can't call apply_\(\) on Variable that requires "
                                           r"grad. Use var.detach\(\).apply_\(\) instead."):
        ak.ones(2, requires_grad=True).apply_(lambda v: v)


def test_removed_functions_say_what_replaced_them() -> None:
    with pytest.raises(RuntimeError, match="deprecated since version 1.9 and is now removed. "
                                           "`torch.solve` is deprecated in favor of "
                                           "`torch.linalg.solve`"):
        ak.solve(ak.ones(2, 2), ak.ones(2, 2))
    with pytest.raises(RuntimeError, match="linalg.eigvalsh"):
        ak.ones(2, 2).symeig()


def test_as_strided_at_the_top_level_and_on_the_gpu_stand_in() -> None:
    from autograd_kit import backend
    from tests import cupy_standin

    assert values(ak.as_strided(ak.arange(6.0), (2,), (2,))) == [0.0, 2.0]
    previous = backend._cuda_module
    backend.use_cuda_module(cupy_standin.module)
    try:
        x = ak.arange(6.0, device="cuda").requires_grad_()
        y = ak.as_strided(x, (2, 2), (1, 2), 1)
        assert values(y.cpu()) == [[1.0, 3.0], [2.0, 4.0]]
        y.sum().backward()
        assert values(x.grad.cpu()) == [0.0, 1.0, 1.0, 1.0, 1.0, 0.0]
    finally:
        backend.use_cuda_module(previous)


def test_dtypes_are_real() -> None:
    assert ak.float32.is_complex is False and ak.int64.to_real() is ak.int64


def test_out_refuses_an_expanded_target() -> None:
    with pytest.raises(RuntimeError, match="more than one element of the written-to tensor "
                                           "refers to a single memory location"):
        ak.add(ak.zeros(3), 1, out=ak.zeros(1).expand(3))


def test_no_stray_warnings_from_xlogy_or_float_under_no_grad() -> None:
    x = ak.tensor(2.0, requires_grad=True)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with ak.no_grad():
            assert float(x) == 2.0  # PyTorch warns only with grad mode on
        assert values(ak.xlogy(ak.tensor([1.0, 0.0]), ak.tensor([0.0, 0.0])))[1] == 0.0
    with pytest.warns(UserWarning, match="Converting a tensor with requires_grad=True"):
        float(x)


def test_an_empty_batch_backs_up_and_numpy_is_allowed_under_no_grad() -> None:
    layer = ak.nn.Linear(3, 2)
    layer(ak.ones(0, 3)).sum().backward()
    assert values(layer.bias.grad) == [0.0, 0.0] and tuple(layer.weight.grad.shape) == (2, 3)
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    with ak.no_grad():
        assert x.numpy().tolist() == [1.0, 2.0]
    with pytest.raises(RuntimeError, match="Can't call numpy"):
        x.numpy()
