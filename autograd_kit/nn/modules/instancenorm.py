"""PyTorch's home of these classes (see ``autograd_kit/nn/modules/__init__.py``)."""

from ..normalization import InstanceNorm1d, InstanceNorm2d, _InstanceNorm
from ._home import settle

__all__ = ["InstanceNorm1d", "InstanceNorm2d", "_InstanceNorm"]

settle(__name__, InstanceNorm1d, InstanceNorm2d, _InstanceNorm)

from ..normalization_extra import InstanceNorm3d  # noqa: E402

__all__ += ["InstanceNorm3d"]
settle(__name__, InstanceNorm3d)

from ..lazy import LazyInstanceNorm1d, LazyInstanceNorm2d, LazyInstanceNorm3d  # noqa: E402

__all__ += ["LazyInstanceNorm1d", "LazyInstanceNorm2d", "LazyInstanceNorm3d"]
settle(__name__, LazyInstanceNorm1d, LazyInstanceNorm2d, LazyInstanceNorm3d)
