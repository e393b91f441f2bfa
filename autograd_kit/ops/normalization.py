"""Layer and batch normalization, each one recorded operation as in PyTorch
(``NativeLayerNormBackward0``, ``NativeBatchNormBackward0``).

Under ``create_graph=True`` their backward is one recorded operation too, as PyTorch's
``native_layer_norm_backward`` / ``native_batch_norm_backward``
(``NativeLayerNormBackwardBackward0``, ``NativeBatchNormBackwardBackward0``, see `one_node`).

Both compute x̂ = (x - μ) / √(σ² + ε) over some axes, then y = x̂ · w + b. The rules are
written with tensor operations; they recompute μ and σ² from the saved x, so that under
``create_graph=True`` the statistics' own dependence on x is differentiated too.

A missing weight or bias is passed as 0, so the node has PyTorch's three edges.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import partial
from typing import Any

import numpy

from .. import grad_mode
from ..dtypes import contiguous_format
from ..function import Function
from ..node_saved_values import extra_output, input_size
from ..tensor import Tensor
from . import batch_norm_cpu32 as cpu32
from . import group_norm_cpu32 as cpu32_group
from . import layer_norm_cpu32 as cpu32_layer
from .batch_norm_double_backward import batch_norm_double_backward
from .fused_float64 import fma64
from .preserved_layout import row_major, suggested_layout
from .sleef_float32 import fma


def _stats(xp: Any, data: Any, axes: tuple[int, ...]) -> tuple[Any, Any]:
    """Mean and biased variance over ``axes`` (summed in float64 for float32 input); over
    no values at all, PyTorch's mean 0 and variance nan (without NumPy's warning)."""
    wide = data.astype("float64") if data.dtype.itemsize < 8 else data
    if not math.prod(data.shape[a] for a in axes):
        shape = tuple(1 if a in axes else n for a, n in enumerate(data.shape))
        return xp.zeros(shape, wide.dtype), xp.full(shape, xp.nan, wide.dtype)
    mean = wide.mean(axis=axes, keepdims=True)
    var = ((wide - mean) ** 2).mean(axis=axes, keepdims=True)
    return mean, var


def _stats_results(mean: Any, rstd: Any, shape: tuple[int, ...], dtype: Any) -> tuple[Tensor, ...]:
    """μ and 1/√(σ² + ε) in ``shape`` and the input's dtype: the further results PyTorch's
    operation returns beside y and saves for backward (``_saved_result1``, ``_saved_result2``;
    saved-tensor hooks see them packed after the inputs)."""
    return tuple(Tensor._make(a.reshape(shape).astype(dtype, copy=False)) for a in (mean, rstd))


def _sum(t: Tensor, axes: tuple[int, ...]) -> Tensor:
    """Σ t over ``axes``; over none, a new row-major copy (as PyTorch's kernels allocate
    their parameters' gradients: never the incoming gradient itself, nor its layout)."""
    return t.sum(axes) if axes else t.clone(memory_format=contiguous_format)


def normalized_backward(grad: Tensor, x: Tensor, w: Any, axes: tuple[int, ...],
                        fixed: tuple[Tensor, Tensor] | None, eps: float,
                        param_axes: tuple[int, ...],
                        w_view: tuple[int, ...] | None, needs: tuple[bool, ...]) -> tuple:
    """The gradients of y = x̂ · w + b (x̂ normalized over ``axes``) for x, w and b.

    With the statistics taken from x (``fixed`` None), with n values per statistic and
    g = grad · w:  ∂L/∂x = (g - mean(g) - x̂ · mean(g · x̂)) / √(σ² + ε).
    With fixed statistics (batch norm in eval mode, ``fixed`` = (μ, 1/√(σ² + ε))):
    ∂L/∂x = g / √(σ² + ε).
    ∂L/∂w = Σ grad · x̂ and ∂L/∂b = Σ grad, over ``param_axes`` (the axes w is shared along).
    """
    has_w = isinstance(w, Tensor)
    w_b = (w.view(w_view) if w_view is not None else w) if has_w else None
    if fixed is not None:
        return _fixed_backward(grad, x, w_b, fixed, param_axes, needs)
    if fixed is None:
        mean = x.mean(axes, keepdim=True)
        centred = x - mean
        rstd_x = ((centred * centred).mean(axes, keepdim=True) + eps).rsqrt()
        x_hat = centred * rstd_x
    else:
        x_hat = (x - fixed[0]) * fixed[1]
    grad_x = grad_w = grad_b = None
    if needs[0]:
        g = grad * w_b if has_w else grad
        if fixed is None:
            grad_x = (g - g.mean(axes, keepdim=True)
                      - x_hat * (g * x_hat).mean(axes, keepdim=True)) * rstd_x
        else:
            grad_x = g * fixed[1]
    if needs[1]:
        grad_w = _sum(grad * x_hat, param_axes)
    if needs[2]:
        grad_b = _sum(grad, param_axes)
    return grad_x, grad_w, grad_b


def _fixed_backward(grad: Tensor, x: Tensor, w_b: Any, fixed: tuple[Tensor, Tensor],
                    axes: tuple[int, ...], needs: tuple[bool, ...]) -> tuple:
    """Batch norm's gradients with fixed statistics μ and r = 1/√(σ² + ε), in PyTorch's
    order of rounding: ∂L/∂x = grad · (w · r),  ∂L/∂w = Σ grad · (x - μ) · r (the sum first),
    ∂L/∂b = Σ grad."""
    mean, rstd = fixed
    grad_x = grad_w = grad_b = None
    if needs[0]:
        grad_x = grad * (w_b * rstd if w_b is not None else rstd)
    if needs[1]:
        grad_w = _sum(grad * (x - mean), axes) * rstd.reshape(-1)
    if needs[2]:
        grad_b = _sum(grad, axes)
    return grad_x, grad_w, grad_b


def one_node(node_name: str, rule: Callable[..., tuple], needs: tuple[bool, ...],
             inputs: tuple[Any, ...], saved: tuple[tuple[str | None, ...], dict[str, Any]],
             no_gradient: tuple[int, ...] = (),
             layout: Callable[..., list] | None = None,
             double_backward: Callable[..., tuple] | None = None) -> tuple:
    """A normalization's gradients (grad_x, grad_w, grad_b) = ``rule(needs, *inputs)``, the
    ones ``needs`` asks for. Under create_graph, as PyTorch, all three are the outputs of one
    recorded node named as PyTorch's (its edges: ``inputs``, None ones included; positions in
    ``no_gradient`` get no gradient), whose own gradient is recorded op by op, as PyTorch's
    double-backward formulas are made of operations. ``saved``: what the node shows as
    PyTorch's ``_saved_<name>``: a name for each of ``inputs`` (None: not shown), and the
    other values it keeps ({name: value}). ``layout``: how PyTorch's formula lays out the
    node's own gradients (`Composite`'s ``gradient_layout``); ``double_backward``: PyTorch's
    formula for them, where the kit follows it (`Composite`'s ``double_backward``)."""
    if not grad_mode.is_grad_enabled():
        return rule(needs, *inputs)
    from ..nn.composite import composite_named  # (nn imports this module)

    names, kept = saved
    node = composite_named(node_name, optional_inputs=tuple(range(1, len(inputs) + 1)),
                           no_gradient=no_gradient, plain_gradient=True,
                           saved_tensor_names=names, saved_options=tuple(kept))
    run = partial(rule, (True, True, True))
    if layout is not None:
        run.gradient_layout = layout  # type: ignore[attr-defined]  (see Composite)
    if double_backward is not None:
        run.double_backward = double_backward  # type: ignore[attr-defined]
    grads = node.apply(run, *inputs)
    recorded = next((g.grad_fn for g in grads if g is not None and g.grad_fn is not None), None)
    if recorded is not None:
        recorded.__dict__.update(kept)
    return tuple(g if need else None for g, need in zip(grads, needs))


class NativeLayerNorm(Function):
    """y = (x - μ) / √(σ² + ε) · w + b, with μ and σ² (biased) over the last k dimensions

    ∂L/∂x = (g - mean(g) - x̂ mean(g x̂)) / √(σ² + ε)  (g = grad · w),
    ∂L/∂w = Σ grad · x̂,  ∂L/∂b = Σ grad  (summed over the leading dimensions)
    """

    node_name = "NativeLayerNormBackward0"
    numbers_are_inputs = True  # a missing weight or bias (0) gets its (None, 0) edge
    saved_tensor_names = ("input", "weight", "bias", "result1", "result2")
    saved_options = {"normalized_shape": "normalized_shape"}

    @staticmethod
    def forward(ctx: Any, x: Tensor, w: Any, b: Any, options: tuple[int, float]) -> Any:
        k, eps = options
        xp, data = x._xp, x._data
        axes = tuple(range(data.ndim - k, data.ndim))
        stats_shape = data.shape[:data.ndim - k] + (1,) * k
        w_data, b_data = (a._data if isinstance(a, Tensor) else None for a in (w, b))
        if _layer_norm_float32(data, k, w_data, b_data):
            rows = xp.ascontiguousarray(data).reshape(-1, math.prod(data.shape[data.ndim - k:]))
            out, mean, rstd = cpu32_layer.forward(rows, *(a if a is None else a.reshape(-1)
                                                          for a in (w_data, b_data)), eps)
            out = out.reshape(data.shape)
        else:
            mean, var = _stats(xp, data, axes)
            out = (data - mean) / xp.sqrt(var + eps)
            if w_data is not None:
                out = out * w_data
            if b_data is not None:
                out = out + b_data
            rstd = 1 / xp.sqrt(var + eps)
        stats = _stats_results(mean, rstd, stats_shape, data.dtype)
        ctx.save_for_backward(x, w if isinstance(w, Tensor) else None,
                              b if isinstance(b, Tensor) else None, *stats)
        ctx.options, ctx.normalized_shape = options, tuple(data.shape[data.ndim - k:])
        return row_major(xp, out.astype(data.dtype, copy=False))  # (PyTorch's is contiguous)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, ...]:
        x, w, b, mean, rstd = ctx.saved_tensors
        k, eps = ctx.options
        if not grad_mode.is_grad_enabled() and _layer_norm_float32(
                x._data, k, w._data if w is not None else None, grad._data):
            return (*_layer_norm_float32_backward(grad, x, w, mean, rstd, k,
                                                  tuple(ctx.needs_input_grad[:3])), None)
        axes = tuple(range(x.dim() - k, x.dim()))
        leading = tuple(range(x.dim() - k))

        def rule(needs: tuple[bool, ...], grad: Tensor, x: Tensor, _mean: None, _rstd: None,
                 w: Any, _b: Any) -> tuple:
            plain = normalized_backward(grad, x, w, axes, None, eps, leading, None, needs)
            if grad_mode.is_grad_enabled() or not _layer_norm_float32(
                    x._data, k, w._data if w is not None else None, grad._data):
                return plain
            # the recorded node's values, under create_graph: PyTorch's same kernel (a
            # missing weight's gradient, which no edge takes, from the formulas)
            kernel = _layer_norm_float32_backward(grad, x, w, mean, rstd, k, needs)
            return tuple(p if g is None else g for g, p in zip(kernel, plain))

        saved = (("grad_out", "input", None, None, "weight", None),
                 {"mean": mean, "rstd": rstd,
                  "normalized_shape": ctx.normalized_shape})
        grads = one_node("NativeLayerNormBackwardBackward0", rule, tuple(ctx.needs_input_grad[:3]),
                         (grad, x, None, None, w, b), saved, no_gradient=(6,),  # (6: b)
                         layout=partial(_layer_norm_second_order_layout,
                                        len(ctx.normalized_shape)))
        return (*grads, None)


def _layer_norm_second_order_layout(normalized_dims: int, inputs: list,
                                    wanted: tuple[bool, ...], found: tuple) -> list:
    """The gradients of layer norm's backward (for grad, x, weight: those ``wanted``) as
    PyTorch's ``layer_norm_double_backward`` leaves them: it works on (rows, size) matrices
    and a (size,) weight, and returns each reshaped to its input's shape (views of those).
    A recorded gradient stays as it is, and so does a view of grad's or x's (of the
    incoming gradient, expanded: PyTorch's too)."""
    out = list(found)
    wanted_at = [i for i, need in enumerate(wanted) if need]
    for slot, position in enumerate(wanted_at):
        g, of = out[slot], inputs[position]
        if position not in (0, 1, 4) or g is None or g.requires_grad or (
                position < 4 and g._base is not None):
            continue
        leading = len(of.shape) - normalized_dims  # (rows: explicit, as size may be 0)
        rows, size = math.prod(of.shape[:leading]), math.prod(of.shape[leading:])
        base_shape = (rows, size) if position < 4 else (size,)
        out[slot] = Tensor._make(g._xp.ascontiguousarray(g._data).reshape(base_shape)).view(
            of.shape)
    return out


def _layer_norm_float32(data: Any, k: int, *others: Any) -> bool:
    """Whether `cpu32_layer` reproduces PyTorch's layer norm here: float32 NumPy input (and
    weight, bias or gradient, if any) of a size it takes. Other cases (float64, GPU arrays,
    empty or large tensors) keep the plain formulas, close but not bit for bit."""
    size = math.prod(data.shape[data.ndim - k:])
    return cpu32_layer.applies(data.size // max(size, 1), size, data, *others)


def layer_norm_statistics(data: Any, k: int, eps: float) -> tuple[Any, Any] | None:
    """(μ, 1/√(σ² + ε)) over the last ``k`` dimensions, kept as size-1 ones, as PyTorch's
    float32 kernel computes them (`cpu32_layer`); None where that kernel is not reproduced."""
    if not _layer_norm_float32(data, k):
        return None
    size = math.prod(data.shape[data.ndim - k:])
    with numpy.errstate(all="ignore"):
        mean, var = cpu32_layer.row_moments(numpy.ascontiguousarray(data).reshape(-1, size))
        rstd = numpy.float32(1) / numpy.sqrt(var + numpy.float32(eps))
    shape = data.shape[:data.ndim - k] + (1,) * k
    return mean.reshape(shape), rstd.reshape(shape)


def _layer_norm_float32_backward(grad: Tensor, x: Tensor, w: Tensor | None, mean: Tensor,
                                 rstd: Tensor, k: int, needs: tuple[bool, ...]) -> tuple:
    """Layer norm's gradients (x, w, b) from PyTorch's float32 kernel (`cpu32_layer`),
    with the statistics the forward saved."""
    shape = x._data.shape
    rows = math.prod(shape[:len(shape) - k])
    flat = [numpy.ascontiguousarray(t._data).reshape(rows, -1) for t in (grad, x)]
    grads = cpu32_layer.backward(*flat, mean._data.reshape(-1), rstd._data.reshape(-1),
                                 w._data.reshape(-1) if w is not None else None, needs)
    shapes = (shape, shape[len(shape) - k:], shape[len(shape) - k:])
    return tuple(Tensor._make(g.reshape(s)) if g is not None and need else None
                 for g, s, need in zip(grads, shapes, needs))


class NativeBatchNorm(Function):
    """Per channel c (dimension 1), over the batch and the positions:
    training: y = (x - μ_c) / √(σ²_c + ε) · w_c + b_c, with the batch's μ_c and biased σ²_c;
    the running statistics move: r ← (1 - m) r + m · stat (the variance's unbiased, n/(n-1));
    evaluation: the running statistics are used instead (constants for the gradient).

    ∂L/∂x: as layer norm's over the channel's values (training), or grad · w / √(r_var + ε).
    """

    node_name = "NativeBatchNormBackward0"
    numbers_are_inputs = True
    non_inputs = (3, 4)  # the running statistics
    saved_tensor_names = ("input", "weight", "running_mean", "running_var", "result1", "result2")
    saved_options = {"eps": "eps", "training": "training"}

    @staticmethod
    def forward(ctx: Any, x: Tensor, w: Any, b: Any, running_mean: Tensor | None,
                running_var: Tensor | None, options: tuple[bool, float, float]) -> Any:
        training, momentum, eps = options
        xp, data = x._xp, x._data
        axes = (0, *range(2, data.ndim))
        shape = (1, -1) + (1,) * (data.ndim - 2)
        if training and _pytorch_float32(data, running_mean, running_var):
            mean, rstd, var_sum = cpu32.training_stats(data, eps)
            cpu32.move_running(*(r._data if r is not None else None
                                 for r in (running_mean, running_var)),
                               mean, var_sum, data.size // data.shape[1], momentum)
            mean, rstd = mean.reshape(shape), rstd.reshape(shape)
            var = None
        elif training:
            mean, var = _stats(xp, data, axes)
            n = data.size // data.shape[1]
            if running_mean is not None:
                _move(running_mean, mean.reshape(-1), momentum)
            if running_var is not None:
                _move(running_var, var.reshape(-1) * n / max(n - 1, 1), momentum)
        else:
            mean = running_mean._data.reshape(shape).astype(data.dtype, copy=False)
            var = running_var._data.reshape(shape).astype(data.dtype, copy=False)
        if var is not None:
            rstd = 1 / xp.sqrt(var + eps)
        if training and var is None:  # (PyTorch's float32 kernel: as with fixed statistics)
            out = _affine_of_fixed(data, mean, rstd, w, b, shape)
        elif training:
            out = (data - mean) * rstd
            if isinstance(w, Tensor):
                out = out * w._data.reshape(shape)
            if isinstance(b, Tensor):
                out = out + b._data.reshape(shape)
        else:
            out = _affine_of_fixed(data, mean, rstd, w, b, shape)
        if training:
            stats = _stats_results(mean, rstd, (-1,), data.dtype)
        else:  # (PyTorch's evaluation returns no statistics: empty ones)
            stats = _stats_results(xp.zeros(0), xp.zeros(0), (0,), data.dtype)
        # (the running statistics are saved to be checked against later changes, as PyTorch)
        ctx.save_for_backward(x, w if isinstance(w, Tensor) else None, running_mean,
                              running_var, *stats)
        ctx.options, ctx.shape = options, shape
        ctx.training, ctx.eps = training, eps
        if not training:
            # (PyTorch's backward takes 1/√(σ² + ε) in double precision, then rounds it)
            rstd_wide = 1 / xp.sqrt(var.astype("float64") + eps)
            ctx.fixed = (Tensor._make(mean.astype(data.dtype)),
                         Tensor._make(rstd_wide.astype(data.dtype)))
        return suggested_layout(xp, out.astype(data.dtype, copy=False), data)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, ...]:
        x, w, running_mean, running_var, mean, invstd = ctx.saved_tensors
        training, _, eps = ctx.options
        kernel = _float32_batch_kernel(grad, x, w) if training else None
        if kernel is not None and not grad_mode.is_grad_enabled():
            grads = kernel(grad._data, x._data, w._data if w is not None else None,
                           mean._data, invstd._data)
            return (*(Tensor._make(g) if need else None
                      for g, need in zip(grads, ctx.needs_input_grad[:3])), None, None, None)
        axes = (0, *range(2, x.dim()))
        fixed = None if training else ctx.fixed
        rule = partial(_batch_norm_rule, axes, fixed, eps, ctx.shape)
        saved = (("grad_out", "input", "weight", "running_mean", "running_var"),
                 {"save_mean": mean, "save_invstd": invstd, "train": training,
                  "eps": eps})
        formula = partial(batch_norm_double_backward, training, eps)
        grads = one_node("NativeBatchNormBackwardBackward0", rule, tuple(ctx.needs_input_grad[:3]),
                         (grad, x, w, running_mean, running_var), saved,
                         layout=_batch_norm_second_order_layout, double_backward=formula)
        return (*grads, None, None, None)


def _batch_norm_second_order_layout(inputs: list, wanted: tuple[bool, ...],
                                    found: tuple) -> list:
    """The gradients of batch norm's backward as PyTorch's ``batchnorm_double_backward``
    leaves them: new tensors (the weight's a sum over all but the channel axis), never views
    of the kit's own steps (the weight broadcast as (1, C, 1, ...)). A recorded gradient
    stays as it is."""
    return [g if g is None or g.requires_grad or g._base is None
            else Tensor._make(g._data.copy()) for g in found]


def _batch_norm_rule(axes: tuple[int, ...], fixed: Any, eps: float, shape: tuple[int, ...],
                     needs: tuple[bool, ...], grad: Tensor, x: Tensor, w: Any, *_running: Any
                     ) -> tuple:
    """Batch norm's gradients (the running statistics are constants to them); ∂L/∂x laid
    out as PyTorch's kernel allocates it (as x's suggested memory format)."""
    gx, *rest = normalized_backward(grad, x, w, axes, fixed, eps, axes, shape, needs)
    if gx is not None and not grad_mode.is_grad_enabled():  # (a recorded re-run: as
        gx = Tensor._make(suggested_layout(gx._xp, gx._data, x._data))  # PyTorch's ops)
    return (gx, *rest)


def _affine_of_fixed(data: Any, mean: Any, rstd: Any, w: Any, b: Any,
                     shape: tuple[int, ...]) -> Any:
    """y = x · α + β with α = w / √(σ² + ε) and β = b - μ · α in the input's precision, β
    and y each a fused multiply-add (rounded once), as PyTorch computes batch norm with fixed
    statistics; so it rounds alike ((x - μ) · α + b gives 0 where PyTorch gives 3e-08)."""
    alpha = rstd * w._data.reshape(shape) if isinstance(w, Tensor) else rstd
    bias = b._data.reshape(shape) if isinstance(b, Tensor) else mean.dtype.type(0)
    if type(data) is numpy.ndarray and data.dtype == numpy.float32:  # β fused too
        beta = fma(-mean, alpha, bias)
        return fma(data, numpy.broadcast_to(alpha, data.shape),
                   numpy.broadcast_to(beta, data.shape))
    if type(data) is numpy.ndarray and data.dtype == numpy.float64:  # (fused, as float32)
        beta = fma64(-mean, alpha, bias)
        return fma64(data, alpha, beta)
    beta = bias - mean * alpha
    wide = "float64" if data.dtype.itemsize < 8 else data.dtype  # (exact products: one rounding)
    return data.astype(wide) * alpha.astype(wide) + beta.astype(wide)


def _float32_batch_kernel(grad: Tensor, x: Tensor, w: Tensor | None) -> Any:
    """The emulation of PyTorch's training backward that gives its float32 gradients here,
    or None: a plain (N, C) batch (one position), or a contiguous (N, C, *) one (and a contiguous
    gradient); x, its gradient and the weight (if any) float32 NumPy arrays."""
    if not (cpu32.applies(x._data) and cpu32.applies(grad._data) and x._data.size and (
            w is None or (type(w._data) is numpy.ndarray and w._data.dtype == numpy.float32))):
        return None
    if x._data.size == x.shape[0] * x.shape[1]:  # (one position per channel)
        return cpu32.plain_batch_backward
    if x._data.flags.c_contiguous and grad._data.flags.c_contiguous:
        return cpu32.image_batch_backward
    return None


def _pytorch_float32(data: Any, *running: Tensor | None) -> bool:
    """Whether `cpu32` reproduces PyTorch's training statistics here: float32 NumPy input
    and running statistics (if any) of the same kind."""
    return cpu32.applies(data) and all(
        r is None or (type(r._data) is numpy.ndarray and r._data.dtype == numpy.float32)
        for r in running)


def _move(running: Tensor, value: Any, momentum: float) -> None:
    """running ← (1 - momentum) · running + momentum · value, in place. As in PyTorch, the
    operation's own update leaves the version as it is (a later change in place does not)."""
    data = running._data
    data[...] = ((1 - momentum) * data + momentum * value).astype(data.dtype, copy=False)


def _group_size(shape: tuple[int, ...], groups: int) -> int:
    """How many values one sample's group holds: C/G channels × the positions (given, not
    inferred with -1, so that an empty batch reshapes too)."""
    return math.prod(shape[1:]) // groups


class NativeGroupNorm(Function):
    """Per sample n and group g of C/G channels: x̂ = (x - μ_ng) / √(σ²_ng + ε), μ and σ²
    (biased) over the group's channels and positions; y = x̂ · w_c + b_c per channel c.

    ∂L/∂x = (g - mean(g) - x̂ mean(g x̂)) / √(σ² + ε) over each group (g = grad · w),
    ∂L/∂w = Σ grad · x̂,  ∂L/∂b = Σ grad  (over the batch and the positions)
    """

    node_name = "NativeGroupNormBackward0"
    numbers_are_inputs = True  # a missing weight or bias (0) gets its (None, 0) edge
    saved_tensor_names = ("input", "weight")
    saved_options = {"C": input_size(0, 1), "HxW": "positions", "N": input_size(0, 0),
                     "eps": "eps", "group": "group", "result1": extra_output("result1", 1),
                     "result2": extra_output("result2", 2)}

    @staticmethod
    def forward(ctx: Any, x: Tensor, w: Any, b: Any, options: tuple[int, float]) -> Any:
        groups, eps = options
        xp, data = x._xp, x._data
        grouped = data.reshape(data.shape[0], groups, _group_size(data.shape, groups))
        w_data, b_data = (a._data if isinstance(a, Tensor) else None for a in (w, b))
        if cpu32_group.applies(data, groups, w_data, b_data):  # (PyTorch's float32 bits)
            out, mean, rstd = cpu32_group.forward(data, groups, w_data, b_data, eps)
        else:
            mean, var = _stats(xp, grouped, (2,))
            out = ((grouped - mean) / xp.sqrt(var + eps)).reshape(data.shape)
            shape = (1, -1) + (1,) * (data.ndim - 2)
            if w_data is not None:
                out = out * w_data.reshape(shape)
            if b_data is not None:
                out = out + b_data.reshape(shape)
            rstd = 1 / xp.sqrt(var + eps)
        ctx.save_for_backward(x, w if isinstance(w, Tensor) else None)
        ctx.options, (ctx.group, ctx.eps) = options, options
        ctx.positions = grouped.shape[2] * groups // max(data.shape[1], 1)
        stats = _stats_results(mean, rstd, grouped.shape[:2], data.dtype)
        ctx.result1, ctx.result2 = (t._data for t in stats)
        # (PyTorch's kernel writes into empty_like(x) in x's suggested memory format)
        return suggested_layout(xp, out.astype(data.dtype, copy=False), data)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, ...]:
        x, w = ctx.saved_tensors
        groups, eps = ctx.options
        needs = ctx.needs_input_grad
        w_data = w._data if w is not None else None
        if (not grad_mode.is_grad_enabled() and grad._data.dtype == x._data.dtype
                and cpu32_group.applies(x._data, groups, w_data, grad._data)):
            grads = cpu32_group.backward(numpy.ascontiguousarray(grad._data), x._data, groups,
                                         ctx.result1, ctx.result2, w_data, tuple(needs[:3]))
            grads = (_in_suggested_layout(grads[0], x), *grads[1:])
            return (*(Tensor._make(g) if g is not None else None for g in grads), None)
        shape = tuple(x.shape)
        xg = x.reshape(shape[0], groups, _group_size(shape, groups))
        centred = xg - xg.mean(2, keepdim=True)
        rstd = ((centred * centred).mean(2, keepdim=True) + eps).rsqrt()
        x_hat = centred * rstd
        param_axes = (0, *range(2, len(shape)))
        grad_x = grad_w = grad_b = None
        if needs[0]:
            g = grad * w.view((1, -1) + (1,) * (len(shape) - 2)) if w is not None else grad
            gg = g.reshape(shape[0], groups, _group_size(shape, groups))
            grad_x = ((gg - gg.mean(2, keepdim=True)
                       - x_hat * (gg * x_hat).mean(2, keepdim=True)) * rstd).reshape(shape)
        if needs[1]:
            grad_w = (grad * x_hat.reshape(shape)).sum(param_axes)
        if needs[2]:
            grad_b = grad.sum(param_axes)
        if grad_x is not None and not grad_mode.is_grad_enabled():  # (PyTorch's kernel; under
            grad_x = Tensor._make(_in_suggested_layout(grad_x._data, x))  # create_graph, ops)
        return grad_x, grad_w, grad_b, None


def _in_suggested_layout(values: Any, x: Tensor) -> Any:
    """An input's gradient as PyTorch's normalization kernels allocate it: empty_like(x) in
    x's suggested memory format (channels-last for a channels-last x, else row-major)."""
    return values if values is None else suggested_layout(x._xp, values, x._data)
