"""``torch.backends.cuda``: ``matmul.allow_tf32`` and its siblings, with PyTorch's defaults
(values kept only: the kit's CuPy matrix products follow CuPy's own settings)."""

from __future__ import annotations

from typing import Any

from ..backend import cuda_is_available


class _MatmulFlags:
    """``torch.backends.cuda.matmul``: only PyTorch's attribute names can be set."""

    _defaults = {"allow_tf32": False, "allow_fp16_reduced_precision_reduction": True,
                 "allow_bf16_reduced_precision_reduction": True, "fp32_precision": "none"}

    def __init__(self) -> None:
        for name, value in self._defaults.items():
            object.__setattr__(self, name, value)

    def __setattr__(self, name: str, value: Any) -> None:
        if name not in self._defaults:
            raise AttributeError(f"Unknown attribute {name}")
        object.__setattr__(self, name, value)

    def __getattr__(self, name: str) -> Any:
        raise AttributeError(f"Unknown attribute {name}")


matmul = _MatmulFlags()


def is_built() -> bool:
    """True when the kit can use a GPU (CuPy and a GPU present)."""
    return cuda_is_available()
