"""Helpers shared by the tests that compare a fast path's floats with the general path's and
PyTorch's, bit for bit: the same values as a kit tensor and as a PyTorch tensor, and the bits
of an array."""

from __future__ import annotations

from typing import Any

import numpy as np

import autograd_kit as ak
from autograd_kit.tensor import Tensor

DTYPES = ["float32", "float64"]
UINTS = {"float32": np.uint32, "float64": np.uint64}  # each float type's bits, unsigned


def bits(values: Any) -> list[int]:
    """The values' bits, row by row (so -0.0 differs from 0.0, and nans by payload)."""
    array = np.ascontiguousarray(values)
    return array.view(UINTS[array.dtype.name]).ravel().tolist()


def kit_copy(array: np.ndarray, requires_grad: bool = False) -> Tensor:
    return ak.from_numpy(array.copy()).requires_grad_(requires_grad)


def torch_copy(array: np.ndarray, requires_grad: bool = False) -> Any:
    import torch  # (only the tests that have PyTorch call this)

    return torch.from_numpy(array.copy()).requires_grad_(requires_grad)
