"""`DataParallel` (PyTorch's ``torch.nn.parallel.DataParallel``): wrap a model so that its
batches could be split over several GPUs.

Without a GPU PyTorch's wrapper only forwards to the model (``device_ids`` is empty): the
parameters' names gain ``module.``, and the repr shows the model as ``(module)``. The kit does
the same; with GPUs it keeps one device (the first of ``device_ids``) and runs the model
there, whole: splitting a batch and gathering the pieces give the same values on one device.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ... import cuda
from ...backend import device as Device
from ..module import Module


def _device_index(value: Any) -> int:
    return value.index if isinstance(value, Device) else int(value)


class DataParallel(Module):
    """``module`` wrapped: ``forward`` calls it with the same arguments."""

    def __init__(self, module: Module, device_ids: Sequence[Any] | None = None,
                 output_device: Any = None, dim: int = 0) -> None:
        super().__init__()
        if not cuda.is_available():  # PyTorch's CPU-only case
            self.module = module
            self.device_ids: list[int] = []
            return
        if device_ids is None:
            device_ids = list(range(cuda.device_count()))
        if output_device is None:
            output_device = device_ids[0]
        self.dim = dim
        self.module = module
        self.device_ids = [_device_index(x) for x in device_ids]
        self.output_device = _device_index(output_device)
        self.src_device_obj = Device("cuda", self.device_ids[0])
        if len(self.device_ids) == 1:
            self.module.to(self.src_device_obj)

    def forward(self, *inputs: Any, **kwargs: Any) -> Any:
        if self.device_ids:
            for t in (*self.module.parameters(), *self.module.buffers()):
                if t.device != self.src_device_obj:
                    raise RuntimeError(
                        "module must have its parameters and buffers on device "
                        f"{self.src_device_obj} (device_ids[0]) but found one of them on "
                        f"device: {t.device}")
        return self.module(*inputs, **kwargs)


def data_parallel(module: Module, inputs: Any, device_ids: Sequence[Any] | None = None,
                  output_device: Any = None, dim: int = 0,
                  module_kwargs: Any = None) -> Any:
    """The functional `DataParallel`: ``module(*inputs, **module_kwargs)`` (needs a GPU, as
    PyTorch's does)."""
    if not isinstance(inputs, tuple):
        inputs = (inputs,) if inputs is not None else ()
    if not cuda.is_available():
        raise RuntimeError("device type could not be determined")
    return module(*inputs, **(module_kwargs or {}))
