"""PyTorch's home of these classes (see ``autograd_kit/nn/modules/__init__.py``)."""

from ..dropout import Dropout, Dropout1d, Dropout2d, Dropout3d, _DropoutNd
from ._home import settle

__all__ = ["Dropout", "Dropout1d", "Dropout2d", "Dropout3d", "_DropoutNd"]

settle(__name__, Dropout, Dropout1d, Dropout2d, Dropout3d, _DropoutNd)

from ..activation_extra import AlphaDropout, FeatureAlphaDropout  # noqa: E402

__all__ += ["AlphaDropout", "FeatureAlphaDropout"]
settle(__name__, AlphaDropout, FeatureAlphaDropout)
