"""``autograd.functional``: whole Jacobians and Hessians, built from vector–Jacobian products.

backward never forms a Jacobian: it computes vᵀJ for one vector v. The full Jacobian is
one such product per output element, with v running over the unit vectors: row k of J is
vᵀJ for v = eₖ. These functions do exactly that, so they are slow for big outputs, and
clear for small ones (lesson 06 compares them with what backward computes).

As in PyTorch, ``inputs`` is a tensor or a tuple of tensors, and so is what ``func``
returns; the results have the same structure. ``strict=True`` refuses outputs that do not
depend on the inputs instead of answering zeros.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..creation import ones_like, zeros, zeros_like
from ..engine import grad
from ..grad_mode import enable_grad
from ..tensor import Tensor


def _as_tuple(value: Any, what: str, fn_name: str) -> tuple[tuple[Tensor, ...], bool]:
    """``value`` as a tuple of tensors, and whether it was a single tensor (PyTorch's check)."""
    if isinstance(value, Tensor):
        return (value,), True
    if isinstance(value, tuple) and all(isinstance(v, Tensor) for v in value):
        return value, False
    raise TypeError(f"The {what} given to {fn_name} must be either a Tensor or a tuple of "
                    f"Tensors but the given {what} has type {type(value)}.")


def _prepare(inputs: tuple[Tensor, ...], create_graph: bool) -> tuple[Tensor, ...]:
    """Inputs that require grad, cut from any outer graph unless create_graph asks to keep it."""
    if create_graph:
        return tuple(x if x.requires_grad else x.detach().requires_grad_() for x in inputs)
    return tuple(x.detach().requires_grad_() for x in inputs)


def _call(func: Callable[..., Any], xs: tuple[Tensor, ...], fn_name: str,
          ) -> tuple[tuple[Tensor, ...], bool]:
    outputs = func(*xs)
    return _as_tuple(outputs, "outputs of the user-provided function", fn_name)


def _check_strict(outputs: tuple[Tensor, ...]) -> None:
    for i, out in enumerate(outputs):
        if not out.requires_grad:
            raise RuntimeError(
                f"Output {i} of the user-provided function does not require gradients. The "
                "outputs must be computed in a differentiable manner from the input when "
                "running in strict mode.")


def _filled(grads: tuple[Tensor | None, ...], xs: tuple[Tensor, ...], strict: bool,
            output: int) -> list[Tensor]:
    """Zeros for inputs an output does not depend on (an error under ``strict``)."""
    if strict:
        for j, g in enumerate(grads):
            if g is None:
                raise RuntimeError(f"Output {output} of the user-provided function is "
                                   f"independent of input {j}. This is not allowed in "
                                   "strict mode.")
    return [g if g is not None else zeros_like(x) for g, x in zip(grads, xs)]


def _check_v(v: Any, like: tuple[Tensor, ...], fn_name: str, about: str) -> tuple[Tensor, ...]:
    """The vector(s) v: shaped like ``like``; left out only when ``like`` is one number."""
    if v is None:
        if len(like) == 1 and like[0].numel() == 1:
            return (ones_like(like[0]),)
        raise RuntimeError(f"The vector v can only be None if the {about} a single Tensor "
                           "with a single element.")
    vs, _ = _as_tuple(v, "v", fn_name)
    if len(like) == 1 and len(vs) != 1:
        raise RuntimeError("The given v should contain a single Tensor.")
    if len(vs) != len(like):
        raise RuntimeError(f"v is a tuple of invalid length: should be {len(like)} but got "
                           f"{len(vs)}.")
    for u, x in zip(vs, like):
        if u.shape != x.shape:
            raise RuntimeError(f"v has invalid size: should be {x.shape} but got {u.shape}.")
    return vs


def _shaped(results: tuple[Any, ...], single: bool) -> Any:
    return results[0] if single else results


def vjp(func: Callable[..., Any], inputs: Any, v: Any = None,
        create_graph: bool = False, strict: bool = False) -> tuple[Any, Any]:
    """(func(inputs), vᵀ·J): one backward pass."""
    xs, single_in = _as_tuple(inputs, "inputs", "vjp")
    with enable_grad():
        xs = _prepare(xs, create_graph)
        outs, single_out = _call(func, xs, "vjp")
        if strict:
            _check_strict(outs)
        vs = _check_v(v, outs, "vjp", "user-provided function returns")
        pairs = [(o, u) for o, u in zip(outs, vs) if o.requires_grad]
        grads: tuple[Tensor | None, ...] = (None,) * len(xs)
        if pairs:
            grads = grad([o for o, _ in pairs], xs, [u for _, u in pairs],
                         create_graph=create_graph, allow_unused=True)
    found = _filled(grads, xs, strict, 0)
    outs = tuple(o if create_graph else o.detach() for o in outs)
    return _shaped(outs, single_out), _shaped(tuple(found), single_in)


def jacobian(func: Callable[..., Any], inputs: Any, create_graph: bool = False,
             strict: bool = False, vectorize: bool = False,
             strategy: str = "reverse-mode") -> Any:
    """J[i, j] = ∂out_i/∂in_j, shaped out.shape + in.shape (one backward per output element).

    ``vectorize`` and ``strategy`` are PyTorch's ways to compute the same numbers faster;
    the kit accepts them and always takes the plain reverse-mode loop.
    """
    if strategy not in ("forward-mode", "reverse-mode"):
        raise AssertionError('Expected strategy to be either "forward-mode" or "reverse-mode". '
                         "Hint: If your function has more outputs than inputs, "
                         '"forward-mode" tends to be more performant. Otherwise, prefer to '
                         'use "reverse-mode".')
    if strategy == "forward-mode":
        _check_forward_mode(create_graph, strict, vectorize)
    xs, single_in = _as_tuple(inputs, "inputs", "jacobian")
    with enable_grad():
        xs = _prepare(xs, create_graph)
        outs, single_out = _call(func, xs, "jacobian")
        if strict:
            _check_strict(outs)
        if vectorize and strict:
            raise RuntimeError("torch.autograd.functional.jacobian: `strict=True` and "
                               "`vectorized=True` are not supported together. Please either "
                               "set `strict=False` or `vectorize=False`.")
        per_output = tuple(_jacobian_of(out, i, xs, create_graph, strict)
                           for i, out in enumerate(outs))
    results = tuple(_shaped(row, single_in) for row in per_output)
    return _shaped(results, single_out)


def _check_forward_mode(create_graph: bool, strict: bool, vectorize: bool) -> None:
    """PyTorch's forward-mode Jacobian takes neither ``create_graph`` nor ``strict``, and
    needs ``vectorize=True`` (the kit computes the same numbers either way)."""
    if create_graph:
        raise NotImplementedError(
            "torch.autograd.functional.jacobian: `create_graph=True` and "
            '`strategy="forward-mode"` are not supported together (yet). Please either set '
            '`create_graph=False` or `strategy="reverse-mode"`.')
    if strict:
        raise RuntimeError(
            "torch.autograd.functional.jacobian: `strict=True` and "
            '`strategy="forward-mode"` are not supported together (yet). Please either set '
            '`strict=False` or `strategy="reverse-mode"`.')
    if not vectorize:
        raise NotImplementedError("Computing Jacobian using forward-AD or forward-over-reverse "
                                  "Hessian isonly implemented for `vectorize=True`.")


def _jacobian_of(out: Tensor, index: int, xs: tuple[Tensor, ...], create_graph: bool,
                 strict: bool) -> tuple[Tensor, ...]:
    """One output's Jacobian with respect to each input: a row of vᵀJ per output element."""
    from ..ops import stack

    rows: list[list[Tensor]] = [[] for _ in xs]
    flat = out.reshape(-1)
    for k in range(flat.numel()):
        grads: tuple[Tensor | None, ...] = (None,) * len(xs)
        if flat.requires_grad:
            grads = grad(flat[k], xs, retain_graph=True, create_graph=create_graph,
                         allow_unused=True)
        for i, g in enumerate(_filled(grads, xs, strict, index)):
            rows[i].append(g)
    jacobians = []
    for x, row in zip(xs, rows):
        if row:
            j = stack(row).reshape(tuple(out.shape) + tuple(x.shape))
        else:
            j = zeros(tuple(out.shape) + tuple(x.shape), dtype=x.dtype, device=x.device)
        jacobians.append(j if create_graph else j.detach())
    return tuple(jacobians)


def hessian(func: Callable[..., Any], inputs: Any, create_graph: bool = False,
            strict: bool = False, vectorize: bool = False,
            outer_jacobian_strategy: str = "reverse-mode") -> Any:
    """H[i, j] = ∂²f/∂in_i∂in_j for a scalar function f: the Jacobian of its gradient.

    With several inputs the result is a tuple of tuples: ``H[i][j]`` is the Jacobian of the
    gradient for input i with respect to input j.
    """
    xs, single = _as_tuple(inputs, "inputs", "hessian")
    if outer_jacobian_strategy not in ("forward-mode", "reverse-mode"):
        raise AssertionError('Expected strategy to be either "forward-mode" or "reverse-mode".')

    def gradient(*args: Tensor) -> Any:  # f's gradient, as a function the Jacobian is taken of
        out = func(*args)
        if not isinstance(out, Tensor):
            raise RuntimeError("The function given to hessian should return a single Tensor")
        if out.numel() != 1:
            raise RuntimeError("The Tensor returned by the function given to hessian should "
                               "contain a single element")
        if strict and not out.requires_grad:
            _check_strict((out,))
        grads = grad(out.reshape(()), args, create_graph=True, allow_unused=True)
        found = _filled(grads, args, strict, 0)
        if strict:
            for i, g in enumerate(found):
                if not g.requires_grad:
                    raise RuntimeError(
                        "While computing the hessian, found that the jacobian of the "
                        f"user-provided function with respect to input {i} is independent of "
                        "the input. This is not allowed in strict mode. You should ensure that "
                        "your function is twice differentiable and that the jacobian depends "
                        "on the inputs (this would be violated by a linear function for "
                        "example).")
        return found[0] if single else tuple(found)

    return jacobian(gradient, xs[0] if single else xs, create_graph=create_graph,
                    strict=strict, vectorize=vectorize, strategy=outer_jacobian_strategy)


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
    xs, single_in = _as_tuple(inputs, "inputs", "jvp")
    vs = _check_v(v, xs, "jvp", "input to the user-provided function is")
    with enable_grad():
        outs, single_out = _call(func, _prepare(xs, create_graph), "jvp")
    js = jacobian(func, xs[0] if single_in else xs, create_graph=create_graph, strict=strict)
    js = _nested(js, single_out, single_in)
    products = tuple(
        sum(_times(j, tuple(out.shape), tuple(x.shape), u, left=False)
            for j, x, u in zip(row, xs, vs))
        for row, out in zip(js, outs))
    outs = tuple(o if create_graph else o.detach() for o in outs)
    return _shaped(outs, single_out), _shaped(products, single_out)


def _nested(result: Any, single_out: bool, single_in: bool) -> tuple[tuple[Tensor, ...], ...]:
    """jacobian's answer as rows (one per output) of tensors (one per input)."""
    rows = (result,) if single_out else result
    return tuple((row,) if single_in else row for row in rows)


def vhp(func: Callable[..., Any], inputs: Any, v: Any = None, create_graph: bool = False,
        strict: bool = False) -> tuple[Any, Any]:
    """(func(inputs), vᵀ·H) for a scalar function: the Hessian, then a product per input."""
    xs, single = _as_tuple(inputs, "inputs", "vhp")
    vs = _check_v(v, xs, "vhp", "input to the user-provided function is")
    rows = _nested(hessian(func, xs[0] if single else xs, create_graph=create_graph,
                           strict=strict), single, single)
    with enable_grad():
        out = func(*_prepare(xs, create_graph))
    products = tuple(
        sum(_times(rows[i][j], tuple(xs[i].shape), tuple(xs[j].shape), vs[i], left=True)
            for i in range(len(xs)))
        for j in range(len(xs))
    )
    return (out if create_graph else out.detach()), _shaped(products, single)


def hvp(func: Callable[..., Any], inputs: Any, v: Any = None, create_graph: bool = False,
        strict: bool = False) -> tuple[Any, Any]:
    """(func(inputs), H·v): the same as `vhp`, since a Hessian is symmetric."""
    xs, _ = _as_tuple(inputs, "inputs", "hvp")
    _check_v(v, xs, "hvp", "input to the user-provided function is")
    return vhp(func, inputs, v, create_graph=create_graph, strict=strict)
