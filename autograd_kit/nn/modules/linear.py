"""PyTorch's home of these classes (see ``autograd_kit/nn/modules/__init__.py``)."""

from ..attention import NonDynamicallyQuantizableLinear
from ..linear import Identity, Linear
from ._home import settle

__all__ = ["Identity", "Linear", "NonDynamicallyQuantizableLinear"]

settle(__name__, Identity, Linear, NonDynamicallyQuantizableLinear)

from ..lazy import LazyLinear  # noqa: E402

__all__ += ["LazyLinear"]
settle(__name__, LazyLinear)

from ..pooling_extra import Bilinear  # noqa: E402

__all__ += ["Bilinear"]
settle(__name__, Bilinear)
