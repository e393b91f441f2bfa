"""PyTorch's home of these classes (see ``autograd_kit/nn/modules/__init__.py``)."""

from ..pooling import (
    AdaptiveAvgPool1d,
    AdaptiveAvgPool2d,
    AdaptiveMaxPool1d,
    AdaptiveMaxPool2d,
    AvgPool1d,
    AvgPool2d,
    MaxPool1d,
    MaxPool2d,
)
from ._home import settle

__all__ = [
    "AdaptiveAvgPool1d", "AdaptiveAvgPool2d", "AdaptiveMaxPool1d", "AdaptiveMaxPool2d",
    "AvgPool1d", "AvgPool2d", "MaxPool1d", "MaxPool2d",
]

settle(
    __name__,
    AdaptiveAvgPool1d, AdaptiveAvgPool2d, AdaptiveMaxPool1d, AdaptiveMaxPool2d, AvgPool1d,
    AvgPool2d, MaxPool1d, MaxPool2d,
)

from ..pooling_extra import LPPool1d, LPPool2d, MaxUnpool1d, MaxUnpool2d  # noqa: E402

__all__ += ["LPPool1d", "LPPool2d", "MaxUnpool1d", "MaxUnpool2d"]
settle(__name__, LPPool1d, LPPool2d, MaxUnpool1d, MaxUnpool2d)

from ..volumetric import AdaptiveAvgPool3d, AdaptiveMaxPool3d, AvgPool3d, MaxPool3d  # noqa: E402

__all__ += ["AdaptiveAvgPool3d", "AdaptiveMaxPool3d", "AvgPool3d", "MaxPool3d"]
settle(__name__, AdaptiveAvgPool3d, AdaptiveMaxPool3d, AvgPool3d, MaxPool3d)

from ..pooling_extra import LPPool3d, MaxUnpool3d  # noqa: E402

__all__ += ["LPPool3d", "MaxUnpool3d"]
settle(__name__, LPPool3d, MaxUnpool3d)

from ..pooling_fractional import FractionalMaxPool2d, FractionalMaxPool3d  # noqa: E402

__all__ += ["FractionalMaxPool2d", "FractionalMaxPool3d"]
settle(__name__, FractionalMaxPool2d, FractionalMaxPool3d)
