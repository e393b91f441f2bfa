"""nn layers and their functional forms compared with PyTorch live (scenarios harvested from
PyTorch's test_nn.py and module_db): values, gradients, errors and their messages. Each
scenario runs in both libraries; everything it shows must agree."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")

Log = Callable[[Any], None]


def _shown(value: Any) -> Any:
    if isinstance(value, (torch.Tensor, ak.Tensor)):
        grad_fn = type(value.grad_fn).__name__ if value.grad_fn is not None else None
        return ("tensor", str(value.dtype).split(".")[-1], tuple(value.shape),
                np.round(value.detach().numpy().astype(float), 5).tolist(),
                value.requires_grad, grad_fn)
    if isinstance(value, (list, tuple)):
        return tuple(_shown(v) for v in value)
    if isinstance(value, (torch.nn.Module, ak.nn.Module)):
        return repr(value).replace("autograd_kit", "torch")
    if isinstance(value, (torch.dtype, ak.dtype)):
        return str(value).split(".")[-1]
    if isinstance(value, str):
        return value.replace("autograd_kit", "torch")
    return value


def _run(scenario: Callable[[Any, Log], None], lib: Any) -> list[Any]:
    log: list[Any] = []

    def attempt(action: Callable[[], Any]) -> None:
        try:
            log.append(_shown(action()))
        except Exception as error:  # (the error is part of what is compared)
            log.append((type(error).__name__, str(error).replace("autograd_kit", "torch")))

    lib.manual_seed(0)
    scenario(lib, attempt)
    return log


def _same(scenario: Callable[[Any, Log], None]) -> None:
    assert _run(scenario, ak) == _run(scenario, torch)


def test_the_comparison_can_fail() -> None:
    def scenario(T: Any, attempt: Log) -> None:
        attempt(lambda: T.__name__ == "torch")
    with pytest.raises(AssertionError):
        _same(scenario)


# ---- rms_norm checks its arguments as PyTorch: types, the weight's shape, then the input --
@pytest.mark.parametrize("case", [
    ((3, 4), 4, None, None), ((3, 4), [], None, None), ((3, 4), [4.0], None, None),
    ((3, 4), [4], "w", None), ((3, 4), [4], None, "a"), ((3, 4), [4], None, 0.1),
    ((3,), [4, 5], (3,), None), ((3,), [4, 5], (4, 5), None), ((7,), [4, 5], None, None),
    ((2, 5), [3, 4, 5], None, None), ((2, 5), [4, 5], None, None), ((5,), [5], (4,), None),
    ((2,), [5], (4,), None), ((3,), [4], (3, 1), None), ((3,), [], (3,), None),
    ((2, 4, 5), [4, 5], (4, 5), 1e-3)])
def test_rms_norm_checks_its_arguments_in_pytorchs_order(case: tuple) -> None:
    shape, normalized_shape, weight, eps = case

    def scenario(T: Any, attempt: Log) -> None:
        x = T.linspace(-2, 2, int(np.prod(shape))).reshape(shape)
        w = T.linspace(0.5, 1.5, int(np.prod(weight))).reshape(weight) \
            if isinstance(weight, tuple) else weight
        attempt(lambda: T.nn.functional.rms_norm(x, normalized_shape, w, eps))
        attempt(lambda: T.rms_norm(x, normalized_shape, w, eps))
    _same(scenario)


def test_rms_norm_module_with_an_input_of_too_few_dimensions() -> None:
    def scenario(T: Any, attempt: Log) -> None:
        m = T.nn.RMSNorm((4, 5), eps=1e-3, elementwise_affine=False)
        attempt(lambda: m(T.ones(7)))
        attempt(lambda: m(T.ones(4)))
        attempt(lambda: m(T.ones(3, 5)))
        attempt(lambda: m(T.ones(2, 4, 5)))
    _same(scenario)


# ---- flatten merges dimensions of an empty tensor (its merged size is the product) -------
@pytest.mark.parametrize("shape, dims", [((2, 3, 0, 4), (0, 1)), ((0, 3, 4), (1, 2)),
                                         ((2, 0, 4), (0, 1)), ((2, 3, 0), (0, -1)),
                                         ((2, 3, 0, 4), (1, 2))])
def test_flatten_of_a_tensor_with_no_elements(shape: tuple, dims: tuple) -> None:
    def scenario(T: Any, attempt: Log) -> None:
        x = T.zeros(shape, requires_grad=True)
        attempt(lambda: x.flatten(*dims))
        attempt(lambda: T.flatten(x, *dims))
        attempt(lambda: T.nn.Flatten(*dims)(x))
        attempt(lambda: T.nn.Flatten()(x))
        attempt(lambda: x.flatten(*dims).sum().backward())
        attempt(lambda: x.grad)
    _same(scenario)
