"""PyTorch's home of these classes (see ``autograd_kit/nn/modules/__init__.py``)."""

from ..conv import Conv1d, Conv2d, ConvTranspose1d, ConvTranspose2d, _ConvNd, _ConvTransposeNd
from ._home import settle

__all__ = ["Conv1d", "Conv2d", "ConvTranspose1d", "ConvTranspose2d", "_ConvNd", "_ConvTransposeNd"]

settle(__name__, Conv1d, Conv2d, ConvTranspose1d, ConvTranspose2d, _ConvNd, _ConvTransposeNd)

from ..lazy import LazyConv1d, LazyConv2d, LazyConvTranspose1d, LazyConvTranspose2d  # noqa: E402

__all__ += ["LazyConv1d", "LazyConv2d", "LazyConvTranspose1d", "LazyConvTranspose2d"]
settle(__name__, LazyConv1d, LazyConv2d, LazyConvTranspose1d, LazyConvTranspose2d)

from ..volumetric import Conv3d  # noqa: E402

__all__ += ["Conv3d"]
settle(__name__, Conv3d)

from ..lazy import LazyConv3d, LazyConvTranspose3d  # noqa: E402
from ..volumetric_transpose import ConvTranspose3d  # noqa: E402

__all__ += ["ConvTranspose3d", "LazyConv3d", "LazyConvTranspose3d"]
settle(__name__, ConvTranspose3d, LazyConv3d, LazyConvTranspose3d)
