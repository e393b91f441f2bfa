"""``autograd.functional``: whole Jacobians and Hessians, built from vector–Jacobian products.

backward never forms a Jacobian: it computes vᵀJ for one vector v. The full Jacobian is
one such product per output element, with v running over the unit vectors: row k of J is
vᵀJ for v = eₖ. These functions do exactly that, so they are slow for big outputs, and
clear for small ones (lesson 06 compares them with what backward computes).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..creation import zeros, zeros_like
from ..engine import grad
from ..grad_mode import enable_grad
from ..tensor import Tensor


def _as_inputs(inputs: Any) -> tuple[tuple[Tensor, ...], bool]:
    if isinstance(inputs, Tensor):
        return (inputs,), True
    return tuple(inputs), False


def _prepare(inputs: tuple[Tensor, ...], create_graph: bool) -> tuple[Tensor, ...]:
    """Inputs that require grad, cut from any outer graph unless create_graph asks to keep it."""
    if create_graph:
        return tuple(x if x.requires_grad else x.detach().requires_grad_() for x in inputs)
    return tuple(x.detach().requires_grad_() for x in inputs)


def vjp(func: Callable[..., Any], inputs: Any, v: Any = None,
        create_graph: bool = False, strict: bool = False) -> tuple[Any, Any]:
    """(func(inputs), vᵀ·J): one backward pass."""
    xs, single = _as_inputs(inputs)
    with enable_grad():
        xs = _prepare(xs, create_graph)
        out = func(*xs)
        if v is None and not (isinstance(out, Tensor) and out.numel() == 1):
            raise RuntimeError("The vector v can only be None if the user-provided function "
                               "returns a single Tensor with a single element.")
        grads = grad(out, xs, v, create_graph=create_graph, allow_unused=True)
    grads = tuple(g if g is not None else zeros_like(x) for g, x in zip(grads, xs))
    result = out if create_graph else out.detach()
    return result, grads[0] if single else grads


def jacobian(func: Callable[..., Any], inputs: Any, create_graph: bool = False,
             strict: bool = False) -> Any:
    """J[i, j] = ∂out_i/∂in_j, shaped out.shape + in.shape (one backward per output element)."""
    xs, single = _as_inputs(inputs)
    with enable_grad():
        xs = _prepare(xs, create_graph)
        out = func(*xs)
        rows: list[list[Tensor]] = [[] for _ in xs]
        flat = out.reshape(-1)
        for k in range(flat.numel()):
            if not flat.requires_grad:  # out does not depend on the inputs: zeros
                grads: tuple[Tensor | None, ...] = (None,) * len(xs)
            else:
                grads = grad(flat[k], xs, retain_graph=True, create_graph=create_graph,
                             allow_unused=True)
            for i, (g, x) in enumerate(zip(grads, xs)):
                rows[i].append(g if g is not None else zeros_like(x))
    from ..ops import stack

    jacobians = []
    for x, row in zip(xs, rows):
        if row:
            j = stack(row).reshape(tuple(out.shape) + tuple(x.shape))
        else:
            j = zeros(tuple(out.shape) + tuple(x.shape), dtype=x.dtype, device=x.device)
        jacobians.append(j if create_graph else j.detach())
    return jacobians[0] if single else tuple(jacobians)


def hessian(func: Callable[..., Any], inputs: Any, create_graph: bool = False,
            strict: bool = False) -> Any:
    """H[i, j] = ∂²f/∂in_i∂in_j for a scalar function f: the Jacobian of its gradient.

    With several inputs the result is a tuple of tuples: ``H[i][j]`` is the Jacobian of the
    gradient for input i with respect to input j.
    """
    xs, single = _as_inputs(inputs)

    def gradient(i: int, *args: Tensor) -> Tensor:
        grads = grad(func(*args), args, create_graph=True, allow_unused=True)
        return grads[i] if grads[i] is not None else zeros_like(args[i])

    if single:
        return jacobian(lambda x: gradient(0, x), xs[0], create_graph=create_graph)
    return tuple(
        jacobian(lambda *args, i=i: gradient(i, *args), xs, create_graph=create_graph)
        for i in range(len(xs))
    )


def _times(matrix: Tensor, out_shape: tuple[int, ...], in_shape: tuple[int, ...],
           vector: Tensor, left: bool) -> Tensor:
    """A Jacobian-shaped ``matrix`` (out_shape + in_shape) times ``vector``: J·v, or vᵀ·J."""
    rows, cols = _numel(out_shape), _numel(in_shape)
    flat = matrix.reshape(rows, cols)
    if left:
        return (vector.reshape(1, rows) @ flat).reshape(in_shape)
    return (flat @ vector.reshape(cols, 1)).reshape(out_shape)


def _numel(shape: tuple[int, ...]) -> int:
    count = 1
    for size in shape:
        count *= size
    return count


def jvp(func: Callable[..., Any], inputs: Any, v: Any = None, create_graph: bool = False,
        strict: bool = False) -> tuple[Any, Any]:
    """(func(inputs), J·v): the Jacobian (one backward per output element) times v."""
    xs, single = _as_inputs(inputs)
    vs = (v,) if single else tuple(v)
    js = jacobian(func, xs[0] if single else xs, create_graph=create_graph)
    js = (js,) if single else js
    with enable_grad():
        out = func(*_prepare(xs, create_graph))
    shape = tuple(out.shape)
    total = sum(_times(j, shape, tuple(x.shape), u, left=False) for j, x, u in zip(js, xs, vs))
    return (out if create_graph else out.detach()), total


def vhp(func: Callable[..., Any], inputs: Any, v: Any = None, create_graph: bool = False,
        strict: bool = False) -> tuple[Any, Any]:
    """(func(inputs), vᵀ·H) for a scalar function: the Hessian, then a product per input."""
    xs, single = _as_inputs(inputs)
    vs = (v,) if single else tuple(v)
    h = hessian(func, xs[0] if single else xs, create_graph=create_graph)
    rows = ((h,),) if single else h
    with enable_grad():
        out = func(*_prepare(xs, create_graph))
    products = tuple(
        sum(_times(rows[i][j], tuple(xs[i].shape), tuple(xs[j].shape), vs[i], left=True)
            for i in range(len(xs)))
        for j in range(len(xs))
    )
    return (out if create_graph else out.detach()), products[0] if single else products


def hvp(func: Callable[..., Any], inputs: Any, v: Any = None, create_graph: bool = False,
        strict: bool = False) -> tuple[Any, Any]:
    """(func(inputs), H·v): the same as `vhp`, since a Hessian is symmetric."""
    return vhp(func, inputs, v, create_graph=create_graph, strict=strict)
