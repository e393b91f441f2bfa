"""``nn.utils.weight_norm``: write a layer's weight as w = g · v / ‖v‖ (Salimans & Kingma),
learning the length g and the direction v apart (the older, hook-based form PyTorch keeps)."""

from __future__ import annotations

import warnings
from typing import Any

from ...function import Function
from ...tensor import Tensor
from ..module import Module
from ..parameter import Parameter


def norm_except_dim(v: Tensor, pow: float = 2, dim: int = 0) -> Tensor:  # noqa: A002
    """‖v‖ over every dimension but ``dim`` (kept, with size-1 others); dim -1: the whole
    tensor's norm. Recorded as PyTorch's ``norm_except_dim`` records it (a view, a norm
    along one dimension, a view back)."""
    if dim == -1:
        return v.norm(pow)
    kept = [1] * v.dim()
    if dim == 0:
        kept[0] = v.size(0)
        return v.contiguous().view(v.size(0), -1).norm(pow, 1).view(kept)
    if dim == v.dim() - 1:
        kept[-1] = v.size(-1)
        return v.contiguous().view(-1, v.size(-1)).norm(pow, 0).view(kept)
    return norm_except_dim(v.transpose(0, dim), pow, 0).transpose(0, dim)


class WeightNormInterface(Function):
    """w = v · g / ‖v‖, the norm n = ‖v‖ over every dimension but ``dim`` (kept, size 1)

    ∂L/∂g = Σ (grad · v) / n                  (summed over the other dimensions)
    ∂L/∂v = (g / n) · (grad - v · Σ(grad · v) / n²)
    """

    node_name = "WeightNormInterfaceBackward0"
    saved_tensor_names = ("v", "g", "result1")
    saved_options = {"dim": None}

    @staticmethod
    def forward(ctx: Any, v: Tensor, g: Tensor, dim: int) -> Any:
        ctx.dim = dim
        others = tuple(d for d in range(v.dim()) if d != dim)
        norms = v._xp.sqrt((v._data * v._data).sum(axis=others, keepdims=True))
        ctx.save_for_backward(v, g, norms)
        return v._data * (g._data / norms)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any, None]:
        v, g, _ = ctx.saved_tensors
        others = tuple(d for d in range(v.dim()) if d != ctx.dim)
        norms = (v * v).sum(others, keepdim=True).sqrt()  # again, so that it depends on v
        along = (grad * v).sum(others, keepdim=True)
        grad_v = (g / norms) * (grad - v * (along / (norms * norms)))
        return grad_v, along / norms, None


def _weight_norm(v: Tensor, g: Tensor, dim: int = 0) -> Tensor:
    """PyTorch's ``torch._weight_norm``: one fused node (WeightNormInterfaceBackward0) when
    ``dim`` is the first or the last dimension, else v · (g / norm_except_dim(v, 2, dim))."""
    if dim in (0, v.dim() - 1):
        return WeightNormInterface.apply(v.contiguous(), g.contiguous(), dim)
    return v * (g / norm_except_dim(v, 2, dim))


class WeightNorm:
    """The forward pre-hook that recomputes ``module.<name>`` = g · v / ‖v‖ before each call."""

    def __init__(self, name: str, dim: int) -> None:
        self.name, self.dim = name, -1 if dim is None else dim

    def compute_weight(self, module: Module) -> Tensor:
        """w = v · (g / ‖v‖), ‖v‖ over every dimension but ``dim``."""
        g, v = getattr(module, self.name + "_g"), getattr(module, self.name + "_v")
        return _weight_norm(v, g, self.dim)

    @staticmethod
    def apply(module: Module, name: str, dim: int) -> WeightNorm:
        for hook in module._forward_pre_hooks.values():
            if isinstance(hook, WeightNorm) and hook.name == name:
                raise RuntimeError(
                    f"Cannot register two weight_norm hooks on the same parameter {name}")
        fn = WeightNorm(name, dim)
        weight = getattr(module, name)
        del module._parameters[name]
        module.register_parameter(name + "_g",
                                  Parameter(norm_except_dim(weight, 2, fn.dim).data))
        module.register_parameter(name + "_v", Parameter(weight.data))  # (a new version)
        setattr(module, name, fn.compute_weight(module))
        module.register_forward_pre_hook(fn)
        return fn

    def remove(self, module: Module) -> None:
        weight = self.compute_weight(module)
        delattr(module, self.name)
        del module._parameters[self.name + "_g"]
        del module._parameters[self.name + "_v"]
        setattr(module, self.name, Parameter(weight.data))

    def __call__(self, module: Module, inputs: Any) -> None:
        setattr(module, self.name, self.compute_weight(module))


def weight_norm(module: Module, name: str = "weight", dim: int = 0) -> Module:
    """Replace ``module.<name>`` by parameters ``<name>_g`` (its norm) and ``<name>_v`` (its
    direction), recombined before every forward call."""
    warnings.warn("`autograd_kit.nn.utils.weight_norm` is deprecated in favor of "
                  "`autograd_kit.nn.utils.parametrizations.weight_norm`.", FutureWarning,
                  stacklevel=2)
    WeightNorm.apply(module, name, dim)
    return module


def remove_weight_norm(module: Module, name: str = "weight") -> Module:
    """Undo `weight_norm`: ``module.<name>`` is a plain parameter again."""
    for key, hook in module._forward_pre_hooks.items():
        if isinstance(hook, WeightNorm) and hook.name == name:
            hook.remove(module)
            del module._forward_pre_hooks[key]
            return module
    raise ValueError(f"weight_norm of '{name}' not found in {module}")
