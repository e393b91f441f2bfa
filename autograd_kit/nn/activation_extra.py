"""The last activation layers: `GLU`, `Hardshrink`, `Softshrink`, `RReLU`, `Softmax2d`; and
`AlphaDropout`, `FeatureAlphaDropout` (dropout for SELU networks)."""

from __future__ import annotations

from ..tensor import Tensor
from . import functional as F
from . import functional_extra as FX
from .dropout import _DropoutNd
from .module import Module


class GLU(Module):
    """a · σ(b), a and b the two halves of the input along ``dim`` (``F.glu``)."""

    def __init__(self, dim: int = -1) -> None:
        super().__init__()
        self.dim = dim

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002
        return FX.glu(input, self.dim)

    def extra_repr(self) -> str:
        return f"dim={self.dim}"


class Hardshrink(Module):
    """x where |x| > λ, else 0 (``F.hardshrink``)."""

    def __init__(self, lambd: float = 0.5) -> None:
        super().__init__()
        self.lambd = lambd

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002
        return FX.hardshrink(input, self.lambd)

    def extra_repr(self) -> str:
        return f"{self.lambd}"


class Softshrink(Hardshrink):
    """x - λ above λ, x + λ below -λ, else 0 (``F.softshrink``)."""

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002
        return FX.softshrink(input, self.lambd)


class RReLU(Module):
    """x where x ≥ 0, else a · x: a random slope in [lower, upper] while training, their
    mean in eval mode (``F.rrelu``)."""

    def __init__(self, lower: float = 1.0 / 8, upper: float = 1.0 / 3,
                 inplace: bool = False) -> None:
        super().__init__()
        self.lower, self.upper, self.inplace = lower, upper, inplace

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002
        return FX.rrelu(input, self.lower, self.upper, self.training, self.inplace)

    def extra_repr(self) -> str:
        suffix = ", inplace=True" if self.inplace else ""
        return f"lower={self.lower}, upper={self.upper}{suffix}"


class Softmax2d(Module):
    """Softmax over the channels (dimension -3) of (N, C, H, W) or (C, H, W) input."""

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002
        if input.dim() not in (3, 4):
            raise ValueError(
                f"Softmax2d: expected input to be 3D or 4D, got {input.dim()}D instead")
        return F.softmax(input, -3)


class AlphaDropout(_DropoutNd):
    """Dropout that keeps a SELU network's mean 0 and variance 1 (``F.alpha_dropout``)."""

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002
        return FX.alpha_dropout(input, self.p, self.training)


class FeatureAlphaDropout(_DropoutNd):
    """`AlphaDropout` of whole channels (``F.feature_alpha_dropout``)."""

    def forward(self, input: Tensor) -> Tensor:  # noqa: A002
        return FX.feature_alpha_dropout(input, self.p, self.training)
