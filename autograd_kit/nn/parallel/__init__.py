"""``autograd_kit.nn.parallel`` (PyTorch's ``torch.nn.parallel``): `DataParallel`."""

from __future__ import annotations

from .data_parallel import DataParallel, data_parallel

__all__ = ["DataParallel", "data_parallel"]
