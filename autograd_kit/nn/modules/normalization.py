"""PyTorch's home of these classes (see ``autograd_kit/nn/modules/__init__.py``)."""

from ..normalization import GroupNorm, LayerNorm
from ._home import settle

__all__ = ["GroupNorm", "LayerNorm"]

settle(__name__, GroupNorm, LayerNorm)

from ..normalization_extra import LocalResponseNorm, RMSNorm  # noqa: E402

__all__ += ["LocalResponseNorm", "RMSNorm"]
settle(__name__, LocalResponseNorm, RMSNorm)

from ..crossmap_lrn import CrossMapLRN2d  # noqa: E402

__all__ += ["CrossMapLRN2d"]
settle(__name__, CrossMapLRN2d)
