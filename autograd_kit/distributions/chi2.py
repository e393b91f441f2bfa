"""`Chi2(df)`: the sum of df squared standard normals, Gamma(df/2, rate ½)."""

from __future__ import annotations

from typing import Any

from ..tensor import Tensor
from . import constraints
from .gamma import Gamma


class Chi2(Gamma):
    """Chi-squared distribution with `df` degrees of freedom (sampling needs _standard_gamma)."""

    arg_constraints = {"df": constraints.positive}

    def __init__(self, df: Tensor | float, validate_args: bool | None = None) -> None:
        super().__init__(0.5 * df, 0.5, validate_args=validate_args)

    def expand(self, batch_shape: Any, _instance: Any = None) -> Chi2:
        new = self._get_checked_instance(Chi2, _instance)
        return super().expand(batch_shape, new)

    @property
    def df(self) -> Tensor:
        """2α."""
        return self.concentration * 2
