"""PyTorch's deprecated modules, kept under their old names: `NLLLoss2d` (`NLLLoss`) and
`Container` (a `Module` given its children by keyword). As in PyTorch, making one (or
subclassing it) warns with a FutureWarning."""

from __future__ import annotations

import functools
import warnings
from typing import Any, TypeVar

from ..tensor import Tensor
from .loss import NLLLoss
from .module import Module

C = TypeVar("C", bound=type)


def deprecated_class(message: str) -> Any:
    """PyTorch's ``@deprecated(message, category=FutureWarning)`` on a class: it warns when
    the class itself is made (not a subclass of it) and when it is subclassed."""
    def decorate(cls: C) -> C:
        init = cls.__init__

        @functools.wraps(init)
        def __init__(self: Any, *args: Any, **kwargs: Any) -> None:
            if type(self) is cls:
                warnings.warn(message, FutureWarning, stacklevel=2)
            init(self, *args, **kwargs)

        def __init_subclass__(subclass: type, **kwargs: Any) -> None:
            warnings.warn(message, FutureWarning, stacklevel=2)
            super(cls, subclass).__init_subclass__(**kwargs)

        cls.__init__ = __init__
        cls.__init_subclass__ = classmethod(__init_subclass__)
        return cls
    return decorate


@deprecated_class("`NLLLoss2d` has been deprecated. Please use `NLLLoss` instead as a drop-in "
                  "replacement and see https://pytorch.org/docs/main/nn.html#torch.nn.NLLLoss "
                  "for more details.")
class NLLLoss2d(NLLLoss):
    """`NLLLoss` under its old name (for (N, C, H, W) scores; `NLLLoss` takes those too)."""

    def __init__(self, weight: Tensor | None = None, size_average: bool | None = None,
                 ignore_index: int = -100, reduce: bool | None = None,
                 reduction: str = "mean") -> None:
        super().__init__(weight, size_average, ignore_index, reduce, reduction)


@deprecated_class("`nn.Container` is deprecated. All of its functionality is now implemented "
                  "in `nn.Module`. Subclass that instead.")
class Container(Module):
    """A `Module` whose children are given by keyword: ``Container(fc=Linear(2, 1))``."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__()
        for key, value in kwargs.items():
            self.add_module(key, value)
