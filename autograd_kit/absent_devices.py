"""What PyTorch (a CPU build) says when asked for a device or dtype it was built without, and
the kit's own words for bfloat16, which it lacks: NumPy has no bfloat16 dtype.

- ``x.xpu()``: ``AssertionError: Torch not compiled with XPU enabled``;
- ``x.ipu()``: ``RuntimeError: PyTorch is not linked with support for ipu devices``;
- ``x.mtia()``: ``AssertionError: Torch not compiled with MTIA enabled. …``;
- ``x.bfloat16()``: NotImplementedError (use ``half()``, float16, or ``float()``).

``nn.Module``'s methods of the same names apply these to each parameter and buffer, so a
module without any (``nn.ReLU()``) comes back unchanged, as in PyTorch.
"""

from __future__ import annotations

from typing import Any

from .tensor import Tensor

MTIA_MISSING = (
    "Torch not compiled with MTIA enabled. Ensure you have `import "
    "mtia.host_runtime.torch_mtia.dynamic_library` in your python src file and include "
    "`//mtia/host_runtime/torch_mtia:torch_mtia` as your target dependency!")
NO_BFLOAT16 = ("autograd_kit has no bfloat16 dtype (NumPy has none): use half() (float16) or "
               "float() (float32) instead")


def xpu(self: Tensor, device: Any = None, non_blocking: bool = False, **_: Any) -> Tensor:
    """Intel GPUs: PyTorch's CPU build refuses them."""
    raise AssertionError("Torch not compiled with XPU enabled")


def ipu(self: Tensor, device: Any = None, non_blocking: bool = False, **_: Any) -> Tensor:
    """Graphcore IPUs: PyTorch's CPU build refuses them."""
    raise RuntimeError("PyTorch is not linked with support for ipu devices")


def mtia(self: Tensor, device: Any = None, non_blocking: bool = False, **_: Any) -> Tensor:
    """Meta's MTIA accelerators: PyTorch's CPU build refuses them."""
    raise AssertionError(MTIA_MISSING)


def bfloat16(self: Tensor, memory_format: Any = None) -> Tensor:
    """The kit has no bfloat16 dtype: a clear error rather than Python's AttributeError."""
    raise NotImplementedError(NO_BFLOAT16)


for _method in (xpu, ipu, mtia, bfloat16):
    setattr(Tensor, _method.__name__, _method)
