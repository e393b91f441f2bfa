"""Lazy modules: layers that learn their input size from the first batch (``nn.LazyLinear(10)``
instead of ``nn.Linear(784, 10)``), as the d2l.ai book writes its networks.

Until the first call their parameters are `UninitializedParameter` (and buffers
`UninitializedBuffer`) with no shape; a forward pre-hook reads the input's size, gives them
their shapes, runs the layer's usual ``reset_parameters`` (so the values are those of the
eager layer, drawn at that moment), and turns the module into the eager class
(``LazyLinear`` becomes ``Linear``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .. import grad_mode
from ..creation import empty, tensor
from ..tensor import Tensor
from .conv import Conv1d, Conv2d, ConvTranspose1d, ConvTranspose2d
from .linear import Linear
from .normalization import BatchNorm1d, BatchNorm2d, InstanceNorm1d, InstanceNorm2d
from .normalization_extra import BatchNorm3d, InstanceNorm3d
from .parameter import Parameter
from .volumetric import Conv3d
from .volumetric_transpose import ConvTranspose3d

# what PyTorch lets an uninitialized tensor do (UninitializedTensorMixin._allowed_methods),
# with the kit's own helpers; every other method, and the operators below, raise its
# ValueError (``sum(p.numel() for p in lazy_model.parameters())`` before the first batch)
_CASTS = ("half", "float", "double", "char", "short", "int", "long", "cuda", "cpu", "to")
_ALLOWED = {"size", "copy_", "is_complex", "is_floating_point", "get_device", "materialize",
            *_CASTS}
_OPERATORS = {"__add__": "add", "__radd__": "add", "__iadd__": "add_", "__sub__": "sub",
              "__isub__": "sub_", "__mul__": "mul", "__rmul__": "mul", "__imul__": "mul_",
              "__truediv__": "div", "__itruediv__": "div_", "__matmul__": "matmul",
              "__pow__": "pow", "__neg__": "neg", "__abs__": "abs", "__eq__": "__eq__",
              "__ne__": "__ne__", "__lt__": "__lt__", "__le__": "__le__", "__gt__": "__gt__",
              "__ge__": "__ge__", "__getitem__": "__getitem__", "__setitem__": "__setitem__",
              "__len__": "__len__", "__iter__": "__iter__", "__bool__": "__bool__",
              "__float__": "__float__", "__int__": "__int__", "__index__": "__index__",
              "__array__": "__array__", "__format__": "__format__"}
_ALIASES = {"nelement": "numel"}  # (PyTorch's error names the method an alias stands for)


def _refused(name: str) -> Callable[..., Any]:
    """A method that raises PyTorch's error for an uninitialized parameter or buffer."""
    def refused(self: Any, *args: Any, **kwargs: Any) -> Any:
        raise ValueError(
            f"Attempted to use an uninitialized parameter in <method '{name}' of "
            "'autograd_kit._C.TensorBase' objects>. This error happens when you are using a "
            "`LazyModule` or explicitly manipulating `autograd_kit.nn.parameter."
            f"{type(self).__name__}` objects. When using LazyModules Call `forward` with a "
            "dummy batch to initialize the parameters before calling torch functions")
    return refused


def _converted(name: str) -> Callable[..., Any]:
    """A cast or move (``double``, ``to``, …) of an uninitialized buffer that is still one, as
    PyTorch keeps it (``lazy_model.to(device)`` before the first batch); a parameter's is a
    plain empty tensor (which ``Module._apply`` puts in its ``.data``), as PyTorch's."""
    def method(self: Any, *args: Any, **kwargs: Any) -> Any:
        out = getattr(Tensor, name)(self, *args, **kwargs)
        if out is self or isinstance(self, Parameter):
            return out
        return type(self)(self.requires_grad, out.device, out.dtype)
    return method


class _Uninitialized:
    """A tensor with no shape yet; ``materialize(shape)`` gives it one (in place). Until then
    only the methods PyTorch allows work (``size``, ``to``, the dtype casts, ``copy_``)."""

    cls_to_become: type = Tensor

    _made = False  # (set once constructed: the constructors' own calls are not refused)

    def __getattribute__(self, name: str) -> Any:
        if name[0] != "_" and name not in _ALLOWED and callable(getattr(Tensor, name, None)) \
                and object.__getattribute__(self, "_made"):
            return _refused(_ALIASES.get(name, name)).__get__(self)
        return super().__getattribute__(name)

    __hash__ = Tensor.__hash__

    def materialize(self, shape: Any, device: Any = None, dtype: Any = None) -> None:
        """Give this tensor ``shape`` (uninitialized values) and make it a plain one."""
        shape = (shape,) if isinstance(shape, int) else tuple(shape)
        fresh = empty(shape, device=device or self.device, dtype=dtype or self.dtype)
        self._data = fresh._data
        self.__class__ = self.cls_to_become

    @property
    def shape(self) -> Any:
        raise RuntimeError(
            "Can't access the shape of an uninitialized parameter or buffer. This error usually "
            "happens in `load_state_dict` when trying to load an uninitialized parameter into "
            "an initialized one. Call `forward` to initialize the parameters before accessing "
            "their attributes.")

    def __repr__(self) -> str:
        return f"<{type(self).__name__}>"

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        out = type(self)(self.requires_grad, self.device, self.dtype)
        memo[id(self)] = out
        return out

    __str__ = __repr__


# the operators refused, and the casts and moves that keep a buffer uninitialized
for _dunder, _name in _OPERATORS.items():
    setattr(_Uninitialized, _dunder, _refused(_name))
for _name in _CASTS:
    setattr(_Uninitialized, _name, _converted(_name))


class UninitializedParameter(_Uninitialized, Parameter):
    """A `Parameter` whose shape a lazy module sets on its first call."""

    cls_to_become = Parameter

    def __init__(self, requires_grad: bool = True, device: Any = None,
                 dtype: Any = None) -> None:
        super().__init__(empty(0, device=device, dtype=dtype), requires_grad)
        self._made = True


class UninitializedBuffer(_Uninitialized, Tensor):
    """A buffer whose shape a lazy module sets on its first call."""

    def __init__(self, requires_grad: bool = False, device: Any = None,
                 dtype: Any = None) -> None:
        self._data = empty(0, device=device, dtype=dtype)._data
        self._version_counter = [0]
        if requires_grad:
            self.requires_grad_(True)
        self._made = True


UninitializedParameter.__module__ = UninitializedBuffer.__module__ = "autograd_kit.nn.parameter"


def is_lazy(value: Any) -> bool:
    return isinstance(value, _Uninitialized)


class LazyModuleMixin:
    """Materialize the parameters from the first input, then become ``cls_to_become``."""

    cls_to_become: type | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._initialize_hook = self.register_forward_pre_hook(self._infer_parameters,
                                                               with_kwargs=True)

    def has_uninitialized_params(self) -> bool:
        """Whether a parameter or buffer still has no shape."""
        return any(is_lazy(v) for v in [*self._parameters.values(), *self._buffers.values()])

    def initialize_parameters(self, *args: Any, **kwargs: Any) -> None:
        raise NotImplementedError(
            f"initialize_parameters is not implemented for {self.__class__.__name__}")

    @staticmethod
    def _infer_parameters(module: Any, args: tuple, kwargs: dict | None = None) -> None:
        module.initialize_parameters(*args, **(kwargs or {}))
        if module.has_uninitialized_params():
            raise RuntimeError(f"module {module._get_name()} has not been fully initialized")
        module._initialize_hook.remove()
        delattr(module, "_initialize_hook")
        if module.cls_to_become is not None:
            module.__class__ = module.cls_to_become


class LazyLinear(LazyModuleMixin, Linear):
    """`Linear` whose ``in_features`` is the first input's last size."""

    cls_to_become = Linear

    def __init__(self, out_features: int, bias: bool = True, device: Any = None,
                 dtype: Any = None) -> None:
        super().__init__(0, 0, False)
        self.weight = UninitializedParameter(device=device, dtype=dtype)
        self.out_features = out_features
        if bias:
            self.bias = UninitializedParameter(device=device, dtype=dtype)

    def reset_parameters(self) -> None:
        if not self.has_uninitialized_params() and self.in_features != 0:
            super().reset_parameters()

    def initialize_parameters(self, input: Tensor) -> None:  # noqa: A002
        if self.has_uninitialized_params():
            with grad_mode.no_grad():
                self.in_features = input.shape[-1]
                self.weight.materialize((self.out_features, self.in_features))
                if self.bias is not None:
                    self.bias.materialize((self.out_features,))
                self.reset_parameters()
        if self.in_features == 0:  # loaded from a state_dict before the first call
            self.in_features = input.shape[-1]


class _LazyConvXdMixin(LazyModuleMixin):
    """A convolution whose ``in_channels`` is the first input's channel count."""

    def _lazy_init(self, out_channels: int, kernel_size: Any, bias: bool, device: Any,
                   dtype: Any, **options: Any) -> None:
        """The eager layer with no channels yet, then uninitialized weight (and bias)."""
        super().__init__(0, 0, kernel_size, bias=False, **options)
        self.weight = UninitializedParameter(device=device, dtype=dtype)
        self.out_channels = out_channels
        if bias:
            self.bias = UninitializedParameter(device=device, dtype=dtype)

    def reset_parameters(self) -> None:
        if not self.has_uninitialized_params() and self.in_channels != 0:
            super().reset_parameters()

    def initialize_parameters(self, input: Tensor, *args: Any, **kwargs: Any) -> None:  # noqa: A002
        if self.has_uninitialized_params():
            self.in_channels = input.shape[0 if input.dim() == self.nd + 1 else 1]
            if self.in_channels % self.groups != 0:
                raise ValueError("in_channels must be divisible by groups")
            with grad_mode.no_grad():
                if self.transposed:
                    shape = (self.in_channels, self.out_channels // self.groups)
                else:
                    shape = (self.out_channels, self.in_channels // self.groups)
                self.weight.materialize((*shape, *self.kernel_size))
                if self.bias is not None:
                    self.bias.materialize((self.out_channels,))
                self.reset_parameters()


class _LazyConv(_LazyConvXdMixin):
    """A lazy convolution, with PyTorch's arguments in PyTorch's order."""

    def __init__(self, out_channels: int, kernel_size: Any, stride: Any = 1, padding: Any = 0,
                 dilation: Any = 1, groups: int = 1, bias: bool = True,
                 padding_mode: str = "zeros", device: Any = None, dtype: Any = None) -> None:
        self._lazy_init(out_channels, kernel_size, bias, device, dtype, stride=stride,
                        padding=padding, dilation=dilation, groups=groups,
                        padding_mode=padding_mode)


class _LazyConvTranspose(_LazyConvXdMixin):
    """A lazy transposed convolution, with PyTorch's arguments in PyTorch's order."""

    def __init__(self, out_channels: int, kernel_size: Any, stride: Any = 1, padding: Any = 0,
                 output_padding: Any = 0, groups: int = 1, bias: bool = True,
                 dilation: Any = 1, padding_mode: str = "zeros", device: Any = None,
                 dtype: Any = None) -> None:
        self._lazy_init(out_channels, kernel_size, bias, device, dtype, stride=stride,
                        padding=padding, output_padding=output_padding, groups=groups,
                        dilation=dilation, padding_mode=padding_mode)


class LazyConv1d(_LazyConv, Conv1d):
    cls_to_become = Conv1d


class LazyConv2d(_LazyConv, Conv2d):
    cls_to_become = Conv2d


class LazyConvTranspose1d(_LazyConvTranspose, ConvTranspose1d):
    cls_to_become = ConvTranspose1d


class LazyConvTranspose2d(_LazyConvTranspose, ConvTranspose2d):
    cls_to_become = ConvTranspose2d


class LazyConv3d(_LazyConv, Conv3d):
    cls_to_become = Conv3d


class LazyConvTranspose3d(_LazyConvTranspose, ConvTranspose3d):
    cls_to_become = ConvTranspose3d


class _LazyNormBase(LazyModuleMixin):
    """A batch or instance norm whose ``num_features`` is the first input's channel count."""

    def __init__(self, eps: float = 1e-5, momentum: float | None = 0.1, affine: bool = True,
                 track_running_stats: bool = True, device: Any = None,
                 dtype: Any = None, *, bias: bool = True) -> None:
        super().__init__(0, eps, momentum, False, False)
        self.affine, self.track_running_stats = affine, track_running_stats
        if affine:
            self.weight = UninitializedParameter(device=device, dtype=dtype)
            if bias:
                self.bias = UninitializedParameter(device=device, dtype=dtype)
        if track_running_stats:
            self.running_mean = UninitializedBuffer(device=device, dtype=dtype)
            self.running_var = UninitializedBuffer(device=device, dtype=dtype)
            self.num_batches_tracked = tensor(0, device=device)

    def reset_parameters(self) -> None:
        if not self.has_uninitialized_params() and self.num_features != 0:
            super().reset_parameters()

    def initialize_parameters(self, input: Tensor) -> None:  # noqa: A002
        if self.has_uninitialized_params():
            self.num_features = input.shape[1]
            if self.affine:
                self.weight.materialize((self.num_features,))
                if self.bias is not None:
                    self.bias.materialize((self.num_features,))
            if self.track_running_stats:
                self.running_mean.materialize((self.num_features,))
                self.running_var.materialize((self.num_features,))
            self.reset_parameters()


def _lazy_norm(eager: type, doc: str) -> type:
    return type(f"Lazy{eager.__name__}", (_LazyNormBase, eager),
                {"cls_to_become": eager, "__doc__": doc, "__module__": __name__})


LazyBatchNorm1d = _lazy_norm(BatchNorm1d, "`BatchNorm1d` sized by the first input.")
LazyBatchNorm2d = _lazy_norm(BatchNorm2d, "`BatchNorm2d` sized by the first input.")
LazyBatchNorm3d = _lazy_norm(BatchNorm3d, "`BatchNorm3d` sized by the first input.")
LazyInstanceNorm1d = _lazy_norm(InstanceNorm1d, "`InstanceNorm1d` sized by the first input.")
LazyInstanceNorm2d = _lazy_norm(InstanceNorm2d, "`InstanceNorm2d` sized by the first input.")
LazyInstanceNorm3d = _lazy_norm(InstanceNorm3d, "`InstanceNorm3d` sized by the first input.")
