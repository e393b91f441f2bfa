"""Conversions of a tensor to another dtype or device: ``to``, ``cpu``, ``cuda``, ``float``,
``double``, ``half``, ``long``, ``int``, ``bool``, ``type`` and ``type_as``. A conversion is
recorded as PyTorch records it (``ToCopyBackward0``): the gradient goes back converted to
the input's dtype and device.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import backend, dtypes

if TYPE_CHECKING:
    from .tensor import Tensor


class TensorConversions:
    """The conversion methods of `Tensor` (a mixin)."""

    def to(self, *args: Any, **kwargs: Any) -> Tensor:
        """``t.to('cuda')``, ``t.to(float64)``, ``t.to(other)``, ``t.to(device, dtype)``."""
        from . import ops
        from .tensor import Tensor

        target_device, target_dtype = None, kwargs.pop("dtype", None)
        target_device = kwargs.pop("device", None)
        copy = kwargs.pop("copy", False)
        kwargs.pop("non_blocking", None)
        if kwargs:
            raise TypeError(f"to() got unexpected keyword arguments {sorted(kwargs)}")
        for arg in args:
            if isinstance(arg, Tensor):
                target_device, target_dtype = arg.device, arg.dtype
            elif isinstance(arg, (str, backend.device, int)) and not isinstance(arg, bool):
                target_device = arg
            else:
                target_dtype = arg
        return ops.to_copy(self, target_device, dtypes.resolve(target_dtype), copy)

    def cpu(self) -> Tensor:
        return self.to("cpu")

    def cuda(self, device: Any = None) -> Tensor:
        return self.to(backend.as_device("cuda" if device is None else device))

    def float(self) -> Tensor:
        return self.to(dtypes.float32)

    def double(self) -> Tensor:
        return self.to(dtypes.float64)

    def half(self) -> Tensor:
        return self.to(dtypes.float16)

    def long(self) -> Tensor:
        return self.to(dtypes.int64)

    def int(self) -> Tensor:
        return self.to(dtypes.int32)

    def bool(self) -> Tensor:
        return self.to(dtypes.bool_)

    def type(self, dtype: Any = None) -> Any:
        """With no argument, the legacy type name (``'autograd_kit.FloatTensor'``, or
        ``'autograd_kit.cuda.FloatTensor'`` on a GPU, where PyTorch says ``torch.``); with a
        dtype, a converted tensor."""
        if dtype is None:
            return dtypes.legacy_type_name(self.dtype.name, self.device.type == "cuda")
        return self.to(dtypes.resolve(dtype))

    def type_as(self, other: Tensor) -> Tensor:
        return self.to(other.dtype)
