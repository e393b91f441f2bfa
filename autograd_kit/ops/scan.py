"""Running (prefix) operations: cumsum.

yᵢ = x₀ + … + xᵢ: each xⱼ appears in every later yᵢ (i ≥ j), so its gradient is the sum of
the arriving gradients from position j to the end — a cumsum run backwards.
"""

from __future__ import annotations

from typing import Any

from ..function import Function
from ..node_saved_values import given_dim
from ..tensor import Tensor, _wrap_dim


class Cumsum(Function):
    """yᵢ = Σ_{j ≤ i} xⱼ   (along ``dim``)

    ∂yᵢ/∂xⱼ = 1 for i ≥ j   →  grad_x = flip(cumsum(flip(grad)))   (a reversed cumsum;
    grad itself when the dim holds one element, as PyTorch's cumsum_backward)
    """

    node_name = "CumsumBackward0"
    saved_options = {"dim": given_dim("dim")}

    @staticmethod
    def forward(ctx: Any, x: Tensor, dim: int, dtype: Any = None) -> Any:
        data = x._data
        ctx.axis, ctx.dim = _wrap_dim(dim, data.ndim), dim
        if dtype is not None:
            data = data.astype(dtype.numpy)
        elif data.dtype.kind in "biu" and data.dtype != "int64":
            data = data.astype("int64")  # PyTorch accumulates integers and bools as int64
        ctx.input_dtype = x.dtype
        if data.ndim == 0:
            return data.copy()
        return accumulated(data, lambda wide: _from_zero(wide.cumsum(axis=ctx.axis)))

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Tensor, None, None]:
        if grad.dtype != ctx.input_dtype:  # (PyTorch: grad.to(self's dtype) first)
            grad = grad.to(ctx.input_dtype)
        axis = ctx.axis
        if grad.ndim == 0 or grad.numel() <= 1 or grad.shape[axis] == 1:
            return grad, None, None
        return grad.flip(axis).cumsum(axis).flip(axis), None, None


def _from_zero(sums: Any) -> Any:
    """Running sums as PyTorch's, which start from +0: a -0 sum is +0 (``[-0.].cumsum(0)``
    is 0.), where NumPy starts from the first element."""
    if sums.dtype.kind == "f":
        sums += 0.0
    return sums


def accumulated(data: Any, run: Any) -> Any:
    """``run`` (a running sum, product, …) done in float64 for smaller float types, then
    rounded back: PyTorch accumulates float32 and float16 in double, so a long cumsum of 0.1
    ends at 100000, not 100958.
    The result is row-major (C order) whatever the input's layout, as PyTorch's is."""
    if data.dtype.kind == "f" and data.dtype.itemsize < 8:
        return run(data.astype("float64", order="C")).astype(data.dtype, order="C")
    # (NumPy widens small integer types)
    return run(data).astype(data.dtype, order="C", copy=False)


def scan_dtype(kernel: str, dtype: Any, x: Tensor, dim: Any) -> Any:
    """``dtype=`` of cumsum/cumprod as a kit dtype (None when not given): PyTorch has no
    running-sum or running-product kernel that writes bools. As in PyTorch, ``dim`` is
    checked first, and a 0-dim or empty x needs no kernel (copied, or nothing to write)."""
    from ..dtypes import bool_, resolve, scalar_type_word

    resolved = resolve(dtype) if dtype is not None else None
    if resolved is not bool_:
        return resolved
    if type(dim) is int:  # (other values are refused by the op itself)
        _wrap_dim(dim, x.ndim)
    if x.ndim and x.numel():
        raise NotImplementedError(f"\"{kernel}\" not implemented for "
                                  f"'{scalar_type_word(resolved.name)}'")
    return resolved


def check_running_inplace(name: str, x: Tensor, dtype: Any, dim: Any) -> None:
    """``x.cumsum_(dim, dtype=…)`` / ``x.cumprod_``: PyTorch writes the running values in
    x's own dtype, so another ``dtype`` is refused (after ``dim`` is checked), and so is a
    bool x that a kernel would run on (none writes bools; a 0-dim or empty x is left as it
    is, as `scan_dtype` lets it through)."""
    from ..dtypes import C_TYPES, bool_, resolve

    if type(dim) is int:  # (other values are refused by the op itself)
        _wrap_dim(dim, x.ndim)
    wanted = resolve(dtype) if dtype is not None else x.dtype
    if wanted is not x.dtype:
        raise RuntimeError(f"Bad in-place call: input tensor dtype {C_TYPES[x.dtype.name]} and "
                           f"output tensor dtype {C_TYPES[wanted.name]} should match")
    if wanted is bool_ and x.ndim and x.numel():
        raise NotImplementedError(f"\"{name}_out_cpu\" not implemented for 'Bool'")
