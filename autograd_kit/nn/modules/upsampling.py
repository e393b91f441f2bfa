"""PyTorch's home of these classes (see ``autograd_kit/nn/modules/__init__.py``)."""

from ..upsampling import Upsample, UpsamplingBilinear2d, UpsamplingNearest2d
from ._home import settle

__all__ = ["Upsample", "UpsamplingBilinear2d", "UpsamplingNearest2d"]

settle(__name__, Upsample, UpsamplingBilinear2d, UpsamplingNearest2d)
