"""PyTorch's behaviour for two things a learner may meet: a factory called without a size,
and anomaly mode's warning for any error a node raises (not only a NaN)."""

from __future__ import annotations

import warnings

import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")


def _outcome(call):  # noqa: ANN001, ANN202
    try:
        return "ok", tuple(call().shape)
    except Exception as error:  # noqa: BLE001
        return type(error).__name__, str(error).replace("torch.", "autograd_kit.")


@pytest.mark.parametrize("name", ["empty", "zeros", "ones", "rand", "randn"])
def test_factory_without_size(name: str) -> None:
    assert _outcome(getattr(ak, name)) == _outcome(getattr(torch, name))
    assert _outcome(getattr(ak, name))[0] == "TypeError"
    for args, kwargs in (((), {"size": (2,)}), (((),), {}), ((2, 3), {})):
        kit, ref = getattr(ak, name), getattr(torch, name)
        assert _outcome(lambda f=kit, a=args, k=kwargs: f(*a, **k)) == _outcome(
            lambda f=ref, a=args, k=kwargs: f(*a, **k))


def _anomaly_run(lib):  # noqa: ANN001, ANN202
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(RuntimeError) as error, lib.autograd.detect_anomaly():
            a = lib.tensor([1.0, 2.0], requires_grad=True)
            b = a.sigmoid()
            b.mul_(2)
            b.sum().backward()
    found = [str(w.message).split(".")[0] for w in caught if "Error detected" in str(w.message)]
    return found, str(error.value).split(":")[0]


def test_anomaly_mode_warns_for_an_in_place_error() -> None:
    kit, ref = _anomaly_run(ak), _anomaly_run(torch)
    assert kit == ref
    assert kit[0] == ["Error detected in SigmoidBackward0"]


def test_anomaly_mode_warns_once_for_a_failing_custom_backward() -> None:
    class Fails(ak.autograd.Function):
        @staticmethod
        def forward(ctx, x):  # noqa: ANN001, ANN205
            return x * 2

        @staticmethod
        def backward(ctx, grad):  # noqa: ANN001, ANN205
            raise ValueError("my backward failed")

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(ValueError, match="my backward failed"), ak.autograd.detect_anomaly():
            Fails.apply(ak.tensor([1.0], requires_grad=True)).sum().backward()
    detected = [w for w in caught if "Error detected in FailsBackward" in str(w.message)]
    assert len(detected) == 1


def test_no_warning_without_anomaly_mode() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        a = ak.tensor([1.0, 2.0], requires_grad=True)
        b = a.sigmoid()
        b.mul_(2)
        with pytest.raises(RuntimeError):
            b.sum().backward()
    assert not [w for w in caught if "Error detected" in str(w.message)]


@pytest.mark.parametrize(("a_shape", "b_shape"), [
    ((1, 1), (1, 1)), ((3, 1), (1, 2)), ((1, 1), (1, 3)), ((2, 1), (1, 1)),
    ((2, 3, 1), (2, 1, 2)), ((2, 1, 1), (2, 1, 3)), ((3, 1), (1,)), ((1,), (1, 3)),
    ((1,), (1,))])
@pytest.mark.parametrize("function", ["matmul", "mm"])
def test_sign_of_zero_in_a_product_over_one_term(a_shape: tuple[int, ...],
                                                  b_shape: tuple[int, ...], function: str) -> None:
    """-1 · 0 is -0; PyTorch keeps it in an outer product (gemm) but a row or a column
    (gemv, dot) adds it to +0."""
    if function == "mm" and (len(a_shape) != 2 or len(b_shape) != 2):
        pytest.skip("mm takes matrices")
    signs = [getattr(lib, function)(-lib.ones(a_shape), lib.zeros(b_shape)).signbit()
             .flatten().tolist() for lib in (ak, torch)]
    assert signs[0] == signs[1]


def test_from_numpy_in_inference_mode_makes_an_inference_tensor() -> None:
    import numpy as np

    seen = []
    for lib in (ak, torch):
        array = np.ones(2, dtype=np.float32)
        with lib.inference_mode():
            t = lib.from_numpy(array)
        with pytest.raises(RuntimeError) as error:
            t.add_(1)
        seen.append((t.is_inference(), np.shares_memory(t.numpy(), array),
                     str(error.value)))
    assert seen[0] == seen[1]
    assert seen[0][:2] == (True, True)


def test_zero_to_the_power_gradient_with_infinite_upstream() -> None:
    """0 ** x: the derivative is 0 where x ≥ 0 before the arriving gradient multiplies it,
    so an infinite gradient gives nan there, as in PyTorch."""
    grads = []
    for lib in (ak, torch):
        x = lib.tensor([4.0, 0.0, -1.0], requires_grad=True)
        (0 ** x).backward(lib.tensor([-float("inf"), float("inf"), float("nan")]))
        y = lib.tensor([4.0, 0.0, -1.0], requires_grad=True)
        (0 ** y).sum().backward()
        grads.append((x.grad.tolist(), y.grad.tolist()))
    assert str(grads[0]) == str(grads[1])


def test_version_error_names_copy_slices_in_full() -> None:
    messages = []
    for lib in (ak, torch):
        x = lib.tensor([1.0, 2.0, 3.0], requires_grad=True)
        y = x * 1
        view = y[1:]
        z = (y ** 2).sum()
        view.mul_(2)
        with pytest.raises(RuntimeError) as error:
            z.backward()
        messages.append(str(error.value).replace("torch.", "autograd_kit."))
    assert messages[0] == messages[1]
    assert "output 0 of torch::autograd::CopySlices, is at version 1" in messages[0]
