"""PyTorch's home of these classes (see ``autograd_kit/nn/modules/__init__.py``)."""

from ..normalization import BatchNorm1d, BatchNorm2d, _BatchNorm
from ._home import settle

__all__ = ["BatchNorm1d", "BatchNorm2d", "_BatchNorm"]

settle(__name__, BatchNorm1d, BatchNorm2d, _BatchNorm)

from ..normalization_extra import BatchNorm3d, SyncBatchNorm  # noqa: E402

__all__ += ["BatchNorm3d", "SyncBatchNorm"]
settle(__name__, BatchNorm3d, SyncBatchNorm)

from ..lazy import LazyBatchNorm1d, LazyBatchNorm2d, LazyBatchNorm3d  # noqa: E402

__all__ += ["LazyBatchNorm1d", "LazyBatchNorm2d", "LazyBatchNorm3d"]
settle(__name__, LazyBatchNorm1d, LazyBatchNorm2d, LazyBatchNorm3d)
