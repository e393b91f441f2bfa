"""PyTorch's deprecated attributes of the package: ``torch.has_cuda``, ``has_mps``,
``has_cudnn`` and ``has_mkldnn`` (older code writes ``if torch.has_cuda:``). Each one warns
and gives what its replacement gives; the package's ``__getattr__`` reads them (as
PyTorch's does), and any other missing name is Python's usual AttributeError."""

from __future__ import annotations

import warnings
from collections.abc import Callable


def _replacements() -> dict[str, Callable[[], bool]]:
    from .backends import cuda, cudnn, mkldnn, mps

    return {"has_mps": mps.is_built, "has_cuda": cuda.is_built,
            "has_cudnn": cudnn.is_available, "has_mkldnn": mkldnn.is_available}


def package_attribute(name: str) -> bool:
    """``autograd_kit.<name>`` for a name the package does not define."""
    replacement = _replacements().get(name)
    if replacement is None:
        raise AttributeError(f"module 'autograd_kit' has no attribute '{name}'")
    warnings.warn(f"'{name}' is deprecated, please use "
                  f"'{replacement.__module__}.{replacement.__name__}()'", UserWarning,
                  stacklevel=2)
    return replacement()
