"""``autograd.functional``: whole Jacobians and Hessians, built from vector–Jacobian products.

backward never forms a Jacobian: it computes vᵀJ for one vector v. The full Jacobian is
one such product per output element, with v running over the unit vectors: row k of J is
vᵀJ for v = eₖ. These functions do exactly that, so they are slow for big outputs, and
clear for small ones (lesson 06 compares them with what backward computes).

``jvp`` and ``hvp`` use PyTorch's "double backward trick": vᵀJ is linear in v, so the
backward of a backward taken with respect to a zero ``grad_output`` gives J·v. The steps
follow PyTorch's own functions one by one, so results carry the same ``grad_fn`` under
``create_graph=True`` and the same errors are raised in the same order.

As in PyTorch, ``inputs`` is a tensor or a tuple of tensors, and so is what ``func``
returns; the results have the same structure. ``strict=True`` refuses outputs that do not
depend on the inputs instead of answering zeros.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from ..creation import zeros_like
from ..engine import grad
from ..grad_mode import enable_grad, is_grad_enabled, set_grad_enabled
from ..tensor import Tensor
from .forward_ad import Scope, has_custom_jvp, refuse_nested

Tensors = tuple[Tensor, ...]


def _as_tuple(value: Any, what: str, fn_name: str) -> tuple[bool, Tensors]:
    """Whether ``value`` was a tuple, and ``value`` as a tuple of tensors (PyTorch's check)."""
    is_tuple = isinstance(value, tuple)
    values = value if is_tuple else (value,)
    for i, v in enumerate(values):
        if not isinstance(v, Tensor):
            where = f"value at index {i}" if is_tuple else f"given {what}"
            raise TypeError(f"The {what} given to {fn_name} must be either a Tensor or a tuple "
                            f"of Tensors but the {where} has type {type(v)}.")
    return is_tuple, values


def _unpack(result: Any, outer: bool, inner: bool | None = None) -> Any:
    """Undo `_as_tuple`: drop the inner level, then the outer one, where they were single."""
    if inner is not None and not inner:
        result = tuple(row[0] for row in result)
    return result if outer else result[0]


def _preprocess(inputs: Tensors, create_graph: bool, need_graph: bool) -> Tensors:
    """Fresh tensor objects: a view (``view_as``) keeping the outer graph under create_graph,
    otherwise a detached copy that requires grad when ``need_graph``."""
    return tuple(x.view_as(x) if create_graph and x.requires_grad
                 else x.detach().requires_grad_(need_graph) for x in inputs)


def _postprocess(values: Any, create_graph: bool) -> Any:
    """Results without history unless create_graph asked for it (nested tuples too)."""
    if isinstance(values[0], Tensor):
        return values if create_graph else tuple(v.detach() for v in values)
    return tuple(_postprocess(v, create_graph) for v in values)


def _validate_v(v: Tensors, other: Tensors, is_other_tuple: bool) -> None:
    if len(other) != len(v):
        if is_other_tuple:
            raise RuntimeError(f"v is a tuple of invalid length: should be {len(other)} but "
                               f"got {len(v)}.")
        raise RuntimeError("The given v should contain a single Tensor.")
    for i, (u, o) in enumerate(zip(v, other)):
        if u.size() != o.size():
            prefix = f"Entry {i} in " if is_other_tuple else ""
            raise RuntimeError(f"{prefix}v has invalid size: should be {o.size()} but got "
                               f"{u.size()}.")


_STRICT_MESSAGES = {
    "outputs": ("Output {i} of the user-provided function does not require gradients. The "
                "outputs must be computed in a differentiable manner from the input when "
                "running in strict mode."),
    "grad_inputs": ("The gradient with respect to input {i} is independent of the inputs of "
                    "the user-provided function. This is not allowed in strict mode."),
    "jacobian": ("While computing the hessian, found that the jacobian of the user-provided "
                 "function with respect to input {i} is independent of the input. This is not "
                 "allowed in strict mode. You should ensure that your function is twice "
                 "differentiable and that the jacobian depends on the inputs (this would be "
                 "violated by a linear function for example)."),
    "hessian": ("The hessian of the user-provided function with respect to input {i} is "
                "independent of the input. This is not allowed in strict mode. You should "
                "ensure that your function is thrice differentiable and that the hessian "
                "depends on the inputs."),
}


def _check_requires_grad(values: tuple[Tensor | None, ...], kind: str, strict: bool) -> None:
    """Under ``strict``, every value must be connected to the inputs."""
    if not strict:
        return
    for i, value in enumerate(values):
        if value is None:
            raise RuntimeError(f"The output of the user-provided function is independent of "
                               f"input {i}. This is not allowed in strict mode.")
        if not value.requires_grad:
            raise RuntimeError(_STRICT_MESSAGES[kind].format(i=i))


def _autograd_grad(outputs: tuple[Tensor | None, ...], inputs: Tensors, grad_outputs: Any = None,
                   create_graph: bool = False, retain_graph: bool | None = None,
                   ) -> tuple[Tensor | None, ...]:
    """autograd.grad over the outputs that require grad; all None when none does."""
    grad_outputs = (None,) * len(outputs) if grad_outputs is None else grad_outputs
    pairs = [(o, g) for o, g in zip(outputs, grad_outputs)
             if o is not None and o.requires_grad]
    if not pairs:
        return (None,) * len(inputs)
    return grad([o for o, _ in pairs], inputs, [g for _, g in pairs], allow_unused=True,
                create_graph=create_graph, retain_graph=retain_graph)


_ZERO_MESSAGES = {
    "back": "The output of the user-provided function is independent of input {i}. This is "
            "not allowed in strict mode.",
    "back_trick": "The gradient with respect to the input is independent of entry {i} in the "
                  "grad_outputs when using the double backward trick to compute forward mode "
                  "gradients. This is not allowed in strict mode.",
    "double_back": "The jacobian of the user-provided function is independent of input {i}. "
                   "This is not allowed in strict mode.",
    "double_back_trick": "The hessian of the user-provided function is independent of entry "
                         "{i} in the grad_jacobian. This is not allowed in strict mode as it "
                         "prevents from using the double backward trick to replace forward "
                         "mode AD.",
}


def _fill_in_zeros(grads: tuple[Tensor | None, ...], refs: Tensors, strict: bool,
                   create_graph: bool, stage: str) -> Tensors:
    """Zeros shaped like ``refs`` where no gradient came back (an error under ``strict``)."""
    filled = []
    for i, (g, ref) in enumerate(zip(grads, refs)):
        if g is None:
            if strict:
                raise RuntimeError(_ZERO_MESSAGES[stage].format(i=i))
            g = zeros_like(ref)
        elif strict and create_graph and not g.requires_grad:
            what = "hessian" if "double" in stage else "jacobian"
            raise RuntimeError(f"The {what} of the user-provided function is independent of "
                               f"input {i}. This is not allowed in strict mode when "
                               "create_graph=True.")
        filled.append(g)
    return tuple(filled)


def _v_or_none(v: Any, like: Tensors, is_like_tuple: bool, fn_name: str, create_graph: bool,
               about: str) -> Tensors | None:
    """The vector(s) v, checked against ``like``; left out only when ``like`` is one number."""
    if v is None:
        if len(like) != 1 or like[0].nelement() != 1:
            raise RuntimeError(f"The vector v can only be None if the {about} a single Tensor "
                               "with a single element.")
        return None
    _, vs = _as_tuple(v, "v", fn_name)
    vs = _preprocess(vs, create_graph, need_graph=False)
    _validate_v(vs, like, is_like_tuple)
    return vs


def vjp(func: Callable[..., Any], inputs: Any, v: Any = None,
        create_graph: bool = False, strict: bool = False) -> tuple[Any, Any]:
    """(func(inputs), vᵀ·J): one backward pass."""
    with enable_grad():
        is_inputs_tuple, xs = _as_tuple(inputs, "inputs", "vjp")
        xs = _preprocess(xs, create_graph, need_graph=True)
        is_outputs_tuple, outs = _as_tuple(func(*xs), "outputs of the user-provided function",
                                           "vjp")
        _check_requires_grad(outs, "outputs", strict)
        vs = _v_or_none(v, outs, is_outputs_tuple, "vjp", create_graph,
                        "user-provided function returns")
    with set_grad_enabled(True if create_graph else is_grad_enabled()):
        grads = _autograd_grad(outs, xs, vs, create_graph=create_graph)
        found = _fill_in_zeros(grads, xs, strict, create_graph, "back")
    return (_unpack(_postprocess(outs, create_graph), is_outputs_tuple),
            _unpack(_postprocess(found, create_graph), is_inputs_tuple))


def jvp(func: Callable[..., Any], inputs: Any, v: Any = None, create_graph: bool = False,
        strict: bool = False) -> tuple[Any, Any]:
    """(func(inputs), J·v) by the double backward trick.

    g(u) = uᵀJ is linear in u, so its own vector–Jacobian product with v is ∂(uᵀJ·v)/∂u = J·v,
    whatever u is: u is a zero ``grad_output`` that requires grad.
    """
    with enable_grad():
        is_inputs_tuple, xs = _as_tuple(inputs, "inputs", "jvp")
        xs = _preprocess(xs, create_graph, need_graph=True)
        vs = _v_or_none(v, xs, is_inputs_tuple, "jvp", create_graph,
                        "input to the user-provided function is")
        is_outputs_tuple, outs = _as_tuple(func(*xs), "outputs of the user-provided function",
                                           "jvp")
        _check_requires_grad(outs, "outputs", strict)
        us = tuple(zeros_like(o, requires_grad=True) for o in outs)
        grad_inputs = _autograd_grad(outs, xs, us, create_graph=True)
        _check_requires_grad(grad_inputs, "grad_inputs", strict)
    with set_grad_enabled(True if create_graph else is_grad_enabled()):
        products = _autograd_grad(grad_inputs, us, vs, create_graph=create_graph)
        found = _fill_in_zeros(products, outs, strict, create_graph, "back_trick")
    return (_unpack(_postprocess(outs, create_graph), is_outputs_tuple),
            _unpack(_postprocess(found, create_graph), is_outputs_tuple))


_FORWARD_WITH_GRAPH = (
    "torch.autograd.functional.jacobian: `create_graph=True` and "
    '`strategy="forward-mode"` are not supported together (yet). Please either set '
    '`create_graph=False` or `strategy="reverse-mode"`.')


def jacobian(func: Callable[..., Any], inputs: Any, create_graph: bool = False,
             strict: bool = False, vectorize: bool = False,
             strategy: str = "reverse-mode") -> Any:
    """J[i, j] = ∂out_i/∂in_j, shaped out.shape + in.shape (one backward per output element).

    ``vectorize`` and ``strategy`` are PyTorch's ways to compute the same numbers faster;
    the kit checks them as PyTorch does and takes the plain reverse-mode loop (forward mode
    through a custom Function with its own ``jvp`` uses that ``jvp``, as PyTorch's does).
    """
    if strategy not in ("forward-mode", "reverse-mode"):
        raise AssertionError('Expected strategy to be either "forward-mode" or "reverse-mode". '
                             "Hint: If your function has more outputs than inputs, "
                             '"forward-mode" tends to be more performant. Otherwise, prefer to '
                             'use "reverse-mode".')
    if strategy == "forward-mode":
        if create_graph:
            raise NotImplementedError(_FORWARD_WITH_GRAPH)
        return _jacfwd(func, inputs, strict, vectorize)
    with enable_grad():
        is_inputs_tuple, xs = _as_tuple(inputs, "inputs", "jacobian")
        xs = _preprocess(xs, create_graph, need_graph=True)
        is_outputs_tuple, outs = _as_tuple(func(*xs), "outputs of the user-provided function",
                                           "jacobian")
        _check_requires_grad(outs, "outputs", strict)
        if vectorize and strict:
            raise RuntimeError("torch.autograd.functional.jacobian: `strict=True` and "
                               "`vectorized=True` are not supported together. Please either "
                               "set `strict=False` or `vectorize=False`.")
        unused = [True] * len(xs)
        rows = tuple(_jacobian_of(out, i, xs, create_graph, strict, unused)
                     for i, out in enumerate(outs))
        if vectorize and create_graph:
            rows = _as_batched(rows, outs, xs)
        if vectorize:
            rows = _unused_as_expanded_zeros(rows, outs, xs, unused)
    return _unpack(_postprocess(rows, create_graph), is_outputs_tuple, is_inputs_tuple)


def _as_batched(rows: tuple[Tensors, ...], outs: Tensors, xs: Tensors) -> tuple[Tensors, ...]:
    """The blocks as PyTorch's vectorized Jacobian finds them: for each input, one batched
    gradient for all the outputs' elements, split by output and viewed as out + in. So under
    create_graph an input's blocks are tracked together (ViewBackward0 of a split)."""
    from ..ops import cat

    numels = [out.nelement() for out in outs]
    columns = []
    for j, x in enumerate(xs):
        batched = cat([row[j].reshape((n, *x.shape)) for row, n in zip(rows, numels)])
        columns.append([piece.view(tuple(out.shape) + tuple(x.shape))
                        for piece, out in zip(batched.split(numels), outs)])
    return tuple(tuple(column[i] for column in columns) for i in range(len(outs)))


def _unused_as_expanded_zeros(rows: tuple[Tensors, ...], outs: Tensors, xs: Tensors,
                              unused: list[bool]) -> tuple[Tensors, ...]:
    """The blocks of an input no output uses, as PyTorch's vectorized Jacobian makes them:
    views of one zeros_like(input) expanded over all the outputs' elements (stride 0 along
    them), split by output, untracked even under create_graph."""
    numels = [out.nelement() for out in outs]
    columns = [list(column) for column in zip(*rows)] if rows else []
    for j, x in enumerate(xs):
        if unused[j]:
            batched = zeros_like(x).expand((sum(numels), *x.shape))
            columns[j] = [piece.view(tuple(out.shape) + tuple(x.shape))
                          for piece, out in zip(batched.split(numels), outs)]
    return tuple(tuple(column[i] for column in columns) for i in range(len(outs)))


def _jacobian_of(out: Tensor, index: int, xs: Tensors, create_graph: bool,
                 strict: bool, unused: list[bool] | None = None) -> Tensors:
    """One output's Jacobian with respect to each input: a row of vᵀJ per output element
    (``unused[j]`` is set False where input j gets a gradient)."""
    from ..ops import stack

    columns: list[list[Tensor]] = [[] for _ in xs]
    for k in range(out.nelement()):
        vj = _autograd_grad((out.reshape(-1)[k],), xs, retain_graph=True,
                            create_graph=create_graph)
        for j, (g, x) in enumerate(zip(vj, xs)):
            if g is None:
                if strict:
                    raise RuntimeError(f"Output {index} of the user-provided function is "
                                       f"independent of input {j}. This is not allowed in "
                                       "strict mode.")
                g = zeros_like(x)
            else:
                if unused is not None:
                    unused[j] = False
                if strict and create_graph and not g.requires_grad:
                    # (PyTorch's message names the output's index here)
                    raise RuntimeError(f"The jacobian of the user-provided function is "
                                       f"independent of input {index}. This is not allowed "
                                       "in strict mode when create_graph=True.")
            columns[j].append(g)
    return tuple(stack(column, dim=0).view(tuple(out.size()) + tuple(x.size()))
                 for column, x in zip(columns, xs))


def _jacfwd(func: Callable[..., Any], inputs: Any, strict: bool, vectorize: bool,
            hessian: bool = False) -> Any:
    """PyTorch's forward-mode Jacobian: the same numbers, as lists, and (where something
    requires grad) with the history of its last step: tangents batched over the inputs'
    elements, permuted to the back and reshaped (ReshapeAliasBackward0)."""
    if strict:
        raise RuntimeError(
            "torch.autograd.functional.jacobian: `strict=True` and "
            '`strategy="forward-mode"` are not supported together (yet). Please either set '
            '`strict=False` or `strategy="reverse-mode"`.')
    is_inputs_tuple, xs = _as_tuple(inputs, "inputs", "jacobian")
    if not vectorize:
        raise NotImplementedError("Computing Jacobian using forward-AD or forward-over-reverse "
                                  "Hessian isonly implemented for `vectorize=True`.")
    refuse_nested()  # (PyTorch opens a dual level here)
    keep_graph = hessian or any(x.requires_grad for x in xs)
    with enable_grad():
        xs = _preprocess(xs, keep_graph, need_graph=True)
        # (PyTorch's message names no function here: "given to None")
        is_outputs_tuple, outs = _as_tuple(func(*xs), "outputs", "None")
        blocks = (_jacobian_by_custom_jvps(func, xs, outs) if has_custom_jvp(list(outs))
                  else [_jacobian_of(out, i, xs, keep_graph, False) for i, out in enumerate(outs)])
        rows = [_as_forward_row(row, out, xs, keep_graph and (
                    out.requires_grad if hessian else any(j.requires_grad for j in row)))
                for row, out in zip(blocks, outs)]
    return _unpack(rows, is_outputs_tuple, is_inputs_tuple)


def _jacobian_by_custom_jvps(func: Callable[..., Any], xs: Tensors,
                             outs: Tensors) -> list[list[Tensor]]:
    """The Jacobian blocks (out + in shaped) from tangents, when a custom Function with its
    own ``jvp`` took part: PyTorch's forward mode uses that ``jvp``. ``func`` runs again per
    input element, that element carrying a unit tangent (see `func.jacfwd`)."""
    from ..func.transforms import _ranges, _rerun_with, _unit_vectors
    from ..ops import stack

    with Scope() as scope:
        columns = [_rerun_with(func, list(xs), {}, False, list(xs), basis, scope)
                   for basis in _unit_vectors(list(xs))]
    blocks = []
    for i, out in enumerate(outs):
        row = []
        for x, (first, end) in zip(xs, _ranges(list(xs))):
            tangents = [c[i] if c[i] is not None else zeros_like(out)
                        for c in columns[first:end]]
            row.append(stack(tangents, dim=-1).reshape(tuple(out.shape) + tuple(x.shape)))
        blocks.append(row)
    return blocks


def _as_forward_row(blocks: list[Tensor], out: Tensor, xs: Tensors,
                    tracked: bool) -> list[Tensor]:
    """One output's blocks J (out + in shaped) as forward mode finds them: one tangent of the
    output (its dtype) batched over all the inputs' elements together, (in_numel, *out), so
    the blocks of a row are tracked together or not at all. The batch is split by input
    (SplitWithSizesBackward0), and each piece has its batch dimension moved last and is
    reshaped to out + in (ReshapeAliasBackward0): views of the one batch, the batch
    dimension last in memory, as PyTorch's."""
    from ..ops import cat

    flat = []
    for j, x in zip(blocks, xs):
        j = j.to(out.dtype)
        if not tracked:
            j = j.detach()
        elif not j.requires_grad:  # (a block with no history of its own: the row's is shared)
            j = j.detach().requires_grad_()
        flat.append(j.reshape(tuple(out.shape) + (x.nelement(),)))
    batched = cat(flat, dim=-1).movedim(-1, 0).contiguous()
    pieces = batched.split([x.nelement() for x in xs], dim=0)
    order = tuple(range(1, batched.dim())) + (0,)
    return [piece.permute(*order).reshape(tuple(out.shape) + tuple(x.shape))
            for piece, x in zip(pieces, xs)]


def _construct_standard_basis_for(tensors: Sequence[Tensor],
                                  tensor_numels: Sequence[int]) -> Tensors:
    """The identity matrix of size N = sum(tensor_numels), cut by columns into one block
    per tensor: block i is (N, numel_i), of tensor i's dtype and device, and row k of the
    blocks together is the unit vector eₖ. (The vectors v that the vectorized Jacobian
    feeds to vᵀJ, all at once; PyTorch's private helper of the same name.)"""
    assert len(tensors) == len(tensor_numels)
    assert len(tensors) > 0
    total = sum(tensor_numels)
    blocks = tuple(t.new_zeros(total, n) for t, n in zip(tensors, tensor_numels))
    first_row = 0
    for block, n in zip(blocks, tensor_numels):
        block.diagonal(-first_row).fill_(1)  # rows first_row … first_row + n - 1
        first_row += n
    return blocks


def hessian(func: Callable[..., Any], inputs: Any, create_graph: bool = False,
            strict: bool = False, vectorize: bool = False,
            outer_jacobian_strategy: str = "reverse-mode") -> Any:
    """H[i, j] = ∂²f/∂in_i∂in_j for a scalar function f: the Jacobian of its gradient.

    With several inputs the result is a tuple of tuples: ``H[i][j]`` is the Jacobian of the
    gradient for input i with respect to input j.
    """
    is_inputs_tuple, xs = _as_tuple(inputs, "inputs", "hessian")
    if outer_jacobian_strategy not in ("forward-mode", "reverse-mode"):
        raise AssertionError('Expected strategy to be either "forward-mode" or "reverse-mode".')

    def single_output(*args: Tensor) -> Tensor:
        out = func(*args)
        is_tuple, outs = _as_tuple(out, "outputs of the user-provided function", "hessian")
        _check_requires_grad(outs, "outputs", strict)
        _check_single(out, is_tuple, "hessian")
        return out.squeeze()

    def gradient(*args: Tensor) -> Any:  # f's gradient, as a function the Jacobian is taken of
        jac = jacobian(single_output, args, create_graph=True)
        _check_requires_grad(jac, "jacobian", strict)
        return jac

    if outer_jacobian_strategy == "forward-mode":
        if create_graph:
            raise NotImplementedError(_FORWARD_WITH_GRAPH)
        result = _jacfwd(gradient, xs, strict, vectorize, hessian=True)
    else:
        result = jacobian(gradient, xs, create_graph=create_graph, strict=strict,
                          vectorize=vectorize)
    return _unpack(result, is_inputs_tuple, is_inputs_tuple)


def _check_single(out: Any, is_tuple: bool, fn_name: str) -> None:
    """hessian, vhp and hvp need f to return one tensor of one element."""
    if is_tuple or not isinstance(out, Tensor):
        raise RuntimeError(f"The function given to {fn_name} should return a single Tensor")
    if out.nelement() != 1:
        raise RuntimeError(f"The Tensor returned by the function given to {fn_name} should "
                           "contain a single element")


def _gradient_of_scalar(func: Callable[..., Any], inputs: Any, v: Any, create_graph: bool,
                        strict: bool, fn_name: str,
                        ) -> tuple[bool, Tensors, Tensors | None, Tensors, Any]:
    """vhp's and hvp's first steps: inputs, v, f's output and its gradient (with a graph)."""
    is_inputs_tuple, xs = _as_tuple(inputs, "inputs", fn_name)
    xs = _preprocess(xs, create_graph, need_graph=True)
    vs = _v_or_none(v, xs, is_inputs_tuple, fn_name, create_graph,
                    "input to the user-provided function is")
    out = func(*xs)
    is_outputs_tuple, outs = _as_tuple(out, "outputs of the user-provided function", fn_name)
    _check_requires_grad(outs, "outputs", strict)
    _check_single(outs[0], is_outputs_tuple, fn_name)
    jac = _autograd_grad(outs, xs, create_graph=True)
    _check_requires_grad(jac, "jacobian", strict)
    return is_inputs_tuple, xs, vs, outs, jac


def vhp(func: Callable[..., Any], inputs: Any, v: Any = None, create_graph: bool = False,
        strict: bool = False) -> tuple[Any, Any]:
    """(func(inputs), vᵀ·H) for a scalar function: the backward of its gradient, with v."""
    with enable_grad():
        is_inputs_tuple, xs, vs, outs, jac = _gradient_of_scalar(func, inputs, v, create_graph,
                                                                 strict, "vhp")
    with set_grad_enabled(True if create_graph else is_grad_enabled()):
        grads = _autograd_grad(jac, xs, vs, create_graph=create_graph)
        found = _fill_in_zeros(grads, xs, strict, create_graph, "double_back")
    return (_postprocess(outs, create_graph)[0],
            _unpack(_postprocess(found, create_graph), is_inputs_tuple))


def hvp(func: Callable[..., Any], inputs: Any, v: Any = None, create_graph: bool = False,
        strict: bool = False) -> tuple[Any, Any]:
    """(func(inputs), H·v): the double backward trick on the gradient (see `jvp`)."""
    with enable_grad():
        is_inputs_tuple, xs, vs, outs, jac = _gradient_of_scalar(func, inputs, v, create_graph,
                                                                 strict, "hvp")
        us = tuple(zeros_like(x, requires_grad=True) for x in xs)
        double_back = _autograd_grad(jac, xs, us, create_graph=True)
        _check_requires_grad(jac, "hessian", strict)
    with set_grad_enabled(True if create_graph else is_grad_enabled()):
        grads = _autograd_grad(double_back, us, vs, create_graph=create_graph)
        found = _fill_in_zeros(grads, xs, strict, create_graph, "double_back_trick")
    return (_postprocess(outs, create_graph)[0],
            _unpack(_postprocess(found, create_graph), is_inputs_tuple))
