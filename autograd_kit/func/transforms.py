"""grad, grad_and_value, vjp, jvp, jacrev, jacfwd and hessian: PyTorch's function transforms.

Each transform takes a function and returns a new one. They are built from the kit's
reverse-mode engine in the same way:

1. **wrap** each differentiated input as this call's own variable: a fresh leaf that requires
   grad (or, when the input already requires grad, a view of it, so that an outer transform
   still sees the connection). Using a new tensor is what keeps ``grad(lambda y: x * y)(x)``
   apart from the ``x`` the function closes over;
2. call the function and differentiate with ``create_graph=True``, so that the answer is
   itself recorded and another transform around this one can differentiate it again:
   ``grad(grad(f))(x)`` is the second derivative;
3. **unwrap** the answers: one that depends only on this call's own leaves is detached (no
   one outside can differentiate through it); one that also depends on an outer variable
   keeps its history.

vjp and jacrev are one backward pass per cotangent (a row of the Jacobian each); jvp and
jacfwd use forward mode, which the kit computes with the double-vjp trick of
`autograd_kit.autograd.forward_ad` (a column of the Jacobian each).
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator
from typing import Any

from ..autograd.forward_ad import (
    Scope,
    Tangents,
    has_custom_jvp,
    jvp_by_double_vjp,
    refuse_nested,
)
from ..creation import zeros, zeros_like
from ..engine import grad as _grad
from ..function_transforms import under_transform
from ..grad_mode import enable_grad, inference_off, is_grad_enabled
from ..random import get_rng_state
from ..tensor import Tensor
from ..transform_captures import grad_level
from .batching import check_randomness, random_calls
from .trees import spec_outline, spec_repr, tree_flatten, tree_map, tree_unflatten

__all__ = ["grad", "grad_and_value", "hessian", "jacfwd", "jacrev", "jvp", "vjp"]


# ---- wrapping and unwrapping ----------------------------------------------------------------

class _CallScope(Scope):
    """The `Scope` of one transform call, which also knows the user's tensor behind each
    wrapper (see `stands_for`) and whether the call `connects` to an outer graph."""

    def __init__(self) -> None:
        # False for a call made with grad mode off: PyTorch records nothing of it in an
        # outer graph, so every answer is handed back detached
        self.connects = is_grad_enabled()
        self._originals: dict[int, tuple[Tensor, Tensor]] = {}

    def stands_for(self, wrapper: Tensor, original: Tensor) -> None:
        """``wrapper`` is this call's variable for the user's ``original``: handed back
        as-is (``f`` returned its input), it unwraps to ``original`` itself, as in PyTorch."""
        self._originals[id(wrapper)] = (wrapper, original)

    def unwrap(self, t: Tensor) -> Tensor:
        original = self._originals.get(id(t))
        if original is not None and original[0] is t:
            return original[1]
        return super().unwrap(t) if self.connects else t.detach()


@contextlib.contextmanager
def _call(*kinds: str, arguments: Any) -> Iterator[_CallScope]:
    """One call of a transform, as PyTorch runs it: inference mode off (its transforms
    differentiate inside inference_mode too), recording on, counted as running (``kinds``:
    see `under_transform`); the function, called with ``arguments``, may change no captured
    tensor in place (`grad_level`)."""
    with inference_off(), _CallScope() as scope, enable_grad(), under_transform(*kinds), \
            grad_level(arguments, vmapped="vmap" in kinds):
        yield scope


def _wrap(x: Any, scope: _CallScope, reverse: bool = False) -> Tensor:
    """``x`` as this call's own variable (a helper leaf of ``scope`` when it is new).
    ``reverse`` (grad, vjp, jacrev): handed back as it is, it unwraps to ``x`` itself."""
    if not isinstance(x, Tensor):
        raise ValueError(f"Thing passed to transform API must be Tensor, got {type(x)}")
    with enable_grad():
        if x.requires_grad:  # (an alias: its backward hands the gradient on as it is)
            wrapper = x[...]
        else:  # (an inference tensor is copied: it could not be recorded)
            wrapper = scope.own((x.clone() if x.is_inference() else x.detach())
                                .requires_grad_())
    if reverse:
        scope.stands_for(wrapper, x)
    return wrapper


def _unwrap(value: Any, scope: Scope) -> Any:
    """Detach every tensor in ``value`` that depends only on this call's own leaves."""
    return tree_map(lambda t: scope.unwrap(t) if isinstance(t, Tensor) else t, value)


def _argnums(argnums: Any, count: int) -> tuple[int, ...]:
    """The positions differentiated, with PyTorch's checks."""
    if not isinstance(argnums, (int, tuple)):
        raise RuntimeError(f"argnums must be int or Tuple[int, ...], got: {type(argnums)}")
    positions = []
    for n in argnums if isinstance(argnums, tuple) else (argnums,):
        if not isinstance(n, int):
            raise RuntimeError(f"argnum must be int, got: {type(n)}")
        if not -count <= n < count:
            raise RuntimeError(f"Got argnum={n}, but only {count} positional inputs")
        positions.append(n % count)
    if not positions:
        raise RuntimeError("argnums must be non-empty")
    if len(set(positions)) != len(positions):
        raise RuntimeError(f"argnums elements must be unique, got {tuple(positions)}")
    return tuple(positions)


def _wrap_args(args: tuple[Any, ...], argnums: Any, scope: _CallScope, reverse: bool = True,
               ) -> tuple[list[Any], list[Tensor], list[Any]]:
    """(arguments to call with, flat list of the wrapped leaves, one spec per argnum)."""
    positions = _argnums(argnums, len(args))
    call_args = list(args)
    leaves: list[Tensor] = []
    specs = []
    for n in positions:
        call_args[n] = tree_map(lambda x: _wrap(x, scope, reverse), args[n])
        flat, spec = tree_flatten(call_args[n])
        leaves.extend(flat)
        specs.append((len(flat), spec))
    return call_args, leaves, specs


def _per_argnum(flat: list[Any], specs: list[Any], argnums: Any) -> Any:
    """Answers for the flat leaves, put back in the shape of the differentiated arguments."""
    results, start = [], 0
    for count, spec in specs:
        results.append(tree_unflatten(flat[start:start + count], spec))
        start += count
    return tuple(results) if isinstance(argnums, tuple) else results[0]


def _split_aux(out: Any, has_aux: bool, name: str, check: bool = True) -> tuple[Any, Any]:
    """(output, aux) of f; the aux checked now unless ``check`` is False (grad checks it
    after the gradient, as PyTorch does)."""
    if not has_aux:
        return out, None
    if not (isinstance(out, tuple) and len(out) == 2):
        raise RuntimeError(f"{name}: output of function f should be a tuple: (output, aux) if "
                           "has_aux is True")
    if check:
        _check_aux(out[1])
    return out


def _check_aux(aux: Any) -> None:
    """PyTorch hands the aux back through its transform levels: tensors only (in nests)."""
    for leaf in tree_flatten(aux)[0]:
        if not isinstance(leaf, Tensor):
            raise RuntimeError(f"Expected tensors, got unsupported type {type(leaf)}")


def _gradients(outputs: list[Tensor], inputs: list[Tensor], cotangents: list[Tensor],
               retain_graph: bool = True, create_graph: bool = True) -> list[Tensor]:
    """vᵀ·J for each input, recorded (create_graph), zeros where an input is unused."""
    pairs = [(o, v) for o, v in zip(outputs, cotangents) if o.requires_grad]
    found: tuple[Tensor | None, ...] = (None,) * len(inputs)
    if pairs:
        found = _grad([o for o, _ in pairs], inputs, [v for _, v in pairs],
                      retain_graph=retain_graph, create_graph=create_graph, allow_unused=True)
    return [g if g is not None else zeros_like(x) for g, x in zip(found, inputs)]


# ---- grad -----------------------------------------------------------------------------------

def grad_and_value(func: Callable[..., Any], argnums: int | tuple[int, ...] = 0,
                   has_aux: bool = False) -> Callable[..., Any]:
    """``grad_and_value(f)(x)`` is (∂f/∂x, f(x)) for a function returning one number."""
    name = "grad_and_value(f)(*args)"

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with _call(arguments=(args, kwargs)) as scope:
            call_args, leaves, specs = _wrap_args(args, argnums, scope)
            output, aux = _split_aux(func(*call_args, **kwargs), has_aux, name, check=False)
            if not isinstance(output, Tensor):
                raise RuntimeError(f"{name}: Expected f(*args) to return a Tensor, got "
                                   f"{type(output)}")
            if output.dim() != 0:
                raise RuntimeError(f"{name}: Expected f(*args) to return a scalar Tensor, got "
                                   f"tensor with {output.dim()} dims. Maybe you wanted to use "
                                   "the vjp or jacrev APIs instead?")
            found = _gradients([output], leaves, [_one_like(output)])
            if has_aux:
                _check_aux(aux)
        gradient = _per_argnum(_unwrap(found, scope), specs, argnums)
        value = _unwrap(output, scope)
        if has_aux:
            return gradient, (value, _unwrap(aux, scope))
        return gradient, value

    return wrapper


def _one_like(t: Tensor) -> Tensor:
    from ..creation import ones_like

    return ones_like(t)


def grad(func: Callable[..., Any], argnums: int | tuple[int, ...] = 0,
         has_aux: bool = False) -> Callable[..., Any]:
    """``grad(f)(x)`` is ∂f/∂x for a function returning one number; nest it for higher
    derivatives: ``grad(grad(f))(x)``. ``has_aux``: f returns (number, anything); the second
    comes back beside the gradient."""
    both = grad_and_value(func, argnums, has_aux)

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        gradient, value_and_aux = both(*args, **kwargs)
        if has_aux:
            return gradient, value_and_aux[1]
        return gradient

    return wrapper


# ---- vjp and jvp ----------------------------------------------------------------------------

def _only_tensors(leaves: list[Any], name: str) -> None:
    """PyTorch's checks of f's outputs: at least one, and tensors only."""
    if not leaves or leaves == [None]:
        raise RuntimeError(f"{name}: Expected f to be a function that has non-empty output (got "
                           f"output = {leaves})")
    for leaf in leaves:
        if not isinstance(leaf, Tensor):
            raise RuntimeError(f"{name}: expected f(*primals) to return only tensors, got "
                               f"unsupported type {type(leaf)}")


def _only_floating(leaves: list[Tensor]) -> None:
    """Reverse mode (vjp, jacrev) differentiates floating-point or complex outputs only."""
    for leaf in leaves:
        if not (leaf.is_floating_point() or leaf.is_complex()):
            raise RuntimeError("vjp(f, ...): All outputs of f must be floating-point or "
                               f"complex Tensors, got Tensor with dtype {leaf.dtype}")


def vjp(func: Callable[..., Any], *primals: Any, has_aux: bool = False) -> tuple[Any, ...]:
    """(f(*primals), vjp_fn): ``vjp_fn(v)`` is vᵀ·J, one tuple entry per primal.

    f runs once; each call of vjp_fn is one backward pass through the graph it recorded.
    """
    with _call(arguments=primals) as scope:
        wrapped = tree_map(lambda x: _wrap(x, scope, reverse=True), primals)
        output, aux = _split_aux(func(*wrapped), has_aux, "vjp(f, *primals)")
    out_leaves, out_spec = tree_flatten(output)
    _only_tensors(out_leaves, "vjp(f, *primals)")
    _only_floating(out_leaves)
    in_leaves, in_spec = tree_flatten(wrapped)

    def vjp_fn(cotangents: Any, retain_graph: bool = True,
               create_graph: bool | None = None) -> tuple[Any, ...]:
        """vᵀ·J; the graph of f is freed unless ``retain_graph``; the answer is recorded
        (differentiable) when ``create_graph``, by default when grad mode is on."""
        if create_graph is None:
            create_graph = is_grad_enabled()
        leaves, spec = tree_flatten(cotangents)
        if spec != out_spec:
            raise RuntimeError(
                "Expected pytree structure of cotangents to be the same as pytree structure "
                f"of outputs to the function. cotangents: {spec_outline(spec)}, primal "
                f"output: {spec_outline(out_spec)}")
        with inference_off(), enable_grad():
            found = _gradients(out_leaves, in_leaves, leaves, retain_graph, create_graph)
        scope.connects = create_graph  # (grad mode at vjp's own call does not matter here)
        return tree_unflatten(_unwrap(found, scope), in_spec)

    result = (_unwrap(output, scope), vjp_fn)
    return result + (_unwrap(aux, scope),) if has_aux else result


def jvp(func: Callable[..., Any], primals: Any, tangents: Any, *, strict: bool = False,
        has_aux: bool = False) -> tuple[Any, ...]:
    """(f(*primals), J·tangents): forward mode, by the double-vjp trick (see forward_ad)."""
    name = "jvp(f, primals, tangents)"
    if not isinstance(primals, tuple):
        raise RuntimeError(f"{name}: Expected primals to be a tuple. E.g. it should be valid "
                           "to call f(*primals).")
    in_leaves, in_spec = tree_flatten(primals)
    v_leaves, v_spec = tree_flatten(tangents)
    if in_spec != v_spec:
        raise RuntimeError(f"{name}: Expected primals and tangents to have the same python "
                           "structure. For example, if primals is a tuple of 3 tensors, "
                           f"tangents also must be. Got primals with structure "
                           f"{spec_repr(in_spec)} and tangents with structure "
                           f"{spec_repr(v_spec)}")
    for what, leaves in (("primals", in_leaves), ("tangents", v_leaves)):
        if not leaves:
            raise RuntimeError(f"{name}: Expected {what} to contain at least one Tensor.")
        for leaf in leaves:
            if not isinstance(leaf, Tensor):
                raise RuntimeError(f"{name}: Expected {what} to only contain Tensors, got "
                                   f"{type(leaf)}")
    for x, v in zip(in_leaves, v_leaves):
        _check_dual(x, v)
        if isinstance(x, Tensor) and isinstance(v, Tensor) and x.shape != v.shape:
            raise RuntimeError(
                "Trying to set a forward gradient that has a different size than that of the "
                "original Tensor, this is not supported. Tensor is of size "
                f"{list(x.shape)} while the given forward gradient is of size "
                f"{list(v.shape)}.")
    refuse_nested()
    with _call("forward", arguments=primals) as scope:
        wrapped = [_wrap(x, scope) for x in in_leaves]
        v_leaves = [v.clone() if v.is_inference() else v for v in v_leaves]
        with Tangents(scope) as source:  # (custom Functions' own jvp is called in apply)
            for w, v in zip(wrapped, v_leaves):
                source.remember(w, v)
            output, aux = _split_aux(func(*tree_unflatten(wrapped, in_spec)), has_aux, name)
        out_leaves, out_spec = tree_flatten(output)
        _only_tensors(out_leaves, name)
        starts = source.sources()  # (the primals, or where f changed one in place)
        products = jvp_by_double_vjp(out_leaves, [d for d, _ in starts], [v for _, v in starts],
                                     scope, source.live_nodes())
        products = [p if p is not None or o.requires_grad else source.tangent_of(o)
                    for p, o in zip(products, out_leaves)]  # (o computed under no_grad)
    if strict and any(p is None for p in products):
        raise RuntimeError("jvp(f, primals, tangents, strict=True): The output of f is "
                           "independent of the inputs. This is not allowed with strict=True.")
    products = [p if p is not None else zeros_like(o) for p, o in zip(products, out_leaves)]
    primal_out = tree_map(_alias_if_recorded, _unwrap(output, scope))
    result = (primal_out, tree_unflatten(_unwrap(products, scope), out_spec))
    return result + (_unwrap(aux, scope),) if has_aux else result


def _alias_if_recorded(t: Any) -> Any:
    """PyTorch's jvp hands back a primal output that stays in the caller's graph as an
    alias of it (``grad_fn=<AliasBackward0>``)."""
    return t[...] if isinstance(t, Tensor) and t.requires_grad else t


# ---- whole Jacobians ------------------------------------------------------------------------

def jacrev(func: Callable[..., Any], argnums: int | tuple[int, ...] = 0, *,
           has_aux: bool = False, chunk_size: int | None = None) -> Callable[..., Any]:
    """The Jacobian by reverse mode: row k is vᵀ·J with v the k-th unit vector (one backward
    per output element). Shaped output.shape + input.shape, for every output and input."""
    if not (chunk_size is None or chunk_size > 0):
        raise ValueError("jacrev: `chunk_size` should be greater than 0.")

    @functools.wraps(func)
    def wrapper(*args: Any) -> Any:
        with _call(arguments=args) as scope:
            call_args, leaves, specs = _wrap_args(args, argnums, scope)
            output, aux = _split_aux(func(*call_args), has_aux, "vjp(f, *primals)")
            out_leaves, out_spec = tree_flatten(output)
            _only_tensors(out_leaves, "vjp(f, *primals)")
            _only_floating(out_leaves)
            rows = [_gradients(out_leaves, leaves, basis)
                    for basis in _unit_vectors(out_leaves)]
            blocks = [[_block([row[j] for row in rows[a:b]], out.shape, x.shape, x)
                       for j, x in enumerate(leaves)]
                      for out, (a, b) in zip(out_leaves, _ranges(out_leaves))]
        jac = tree_unflatten([_per_argnum(_unwrap(block, scope), specs, argnums)
                              for block in blocks], out_spec)
        return (jac, _unwrap(aux, scope)) if has_aux else jac

    return wrapper


def _only_tensor_methods(value: Any, method: str) -> None:
    """The AttributeError PyTorch's transform raises when it calls a tensor ``method`` on a
    value that is no tensor."""
    if not isinstance(value, Tensor):
        raise AttributeError(f"'{type(value).__name__}' object has no attribute '{method}'")


def _check_dual(primal: Any, tangent: Any) -> None:
    """PyTorch's ``make_dual`` checks: forward mode carries floating-point tangents only."""
    for what, t in (("primal", primal), ("tangent", tangent)):
        if isinstance(t, Tensor) and not (t.is_floating_point() or t.is_complex()):
            raise ValueError(f"Expected {what} to be floating point or complex, but got: "
                             f"{t.dtype}")


def jacfwd(func: Callable[..., Any], argnums: int | tuple[int, ...] = 0,
           has_aux: bool = False, *, randomness: str = "error") -> Callable[..., Any]:
    """The Jacobian by forward mode: column j is J·v with v the j-th unit vector (one
    Jacobian–vector product per input element). Same numbers and shapes as `jacrev`."""
    @functools.wraps(func)
    def wrapper(*args: Any) -> Any:
        for n in _argnums(argnums, len(args)):
            for leaf in tree_flatten(args[n])[0]:
                _only_tensor_methods(leaf, "numel")  # (PyTorch counts the elements first)
                _check_dual(leaf, None)
        refuse_nested()
        check_randomness(randomness)  # (PyTorch's vmap over the basis checks it)
        with _call("vmap", "forward", arguments=args) as scope:
            call_args, leaves, specs = _wrap_args(args, argnums, scope, reverse=False)
            marks = {id(leaf): i for i, leaf in enumerate(leaves)}
            with Tangents(scope) as source:  # (only so that f may change an input in
                for leaf in leaves:  # place, as with jvp; no tangent is found as f runs)
                    source.remember(leaf, leaf)
                Tangents.paused += 1
                try:  # (PyTorch's vmap over the basis: its randomness rules)
                    with random_calls(randomness, get_rng_state()):
                        output, aux = _split_aux(func(*call_args), has_aux,
                                                 "jvp(f, primals, tangents)")
                finally:
                    Tangents.paused -= 1
            out_leaves, out_spec = tree_flatten(output)
            _only_tensors(out_leaves, "jvp(f, primals, tangents)")
            rerun = has_custom_jvp(out_leaves) or not all(  # (or f used no_grad: forward AD
                o.requires_grad for o in out_leaves)  # ignores it, and finds tangents anew)
            starts = source.sources()  # (each with its leaf as its mark)
            columns = [[p if p is not None else zeros_like(o) for p, o in
                        zip(_rerun_with(func, call_args, {}, has_aux, leaves, basis, scope)
                            if rerun else jvp_by_double_vjp(
                                out_leaves, [d for d, _ in starts],
                                [basis[marks[id(mark)]] for _, mark in starts], scope),
                            out_leaves)]
                       for basis in _unit_vectors(leaves)]
            blocks = [[_block([col[i] for col in columns[a:b]], out.shape, x.shape, x,
                              by_column=True)
                       for x, (a, b) in zip(leaves, _ranges(leaves))]
                      for i, out in enumerate(out_leaves)]
        jac = tree_unflatten([_per_argnum(_unwrap(block, scope), specs, argnums)
                              for block in blocks], out_spec)
        return (jac, _unwrap(aux, scope)) if has_aux else jac

    return wrapper


def _rerun_with(func: Callable[..., Any], call_args: list[Any], kwargs: dict[str, Any],
                has_aux: bool, leaves: list[Tensor], basis: list[Tensor],
                scope: Scope) -> list[Tensor | None]:
    """J·basis for each output, ``func`` run again with the leaves carrying ``basis``, so
    that custom Functions' own ``jvp`` gives their tangents (PyTorch calls ``func`` once,
    batched over the basis; the kit, which has no batched tangents, once per column)."""
    with Tangents(scope) as source:
        for leaf, tangent in zip(leaves, basis):
            source.remember(leaf, tangent)
        output, _ = _split_aux(func(*call_args, **kwargs), has_aux, "jvp(f, primals, tangents)")
    return [source.tangent_of(o) for o in tree_flatten(output)[0]]


def hessian(func: Callable[..., Any], argnums: int | tuple[int, ...] = 0) -> Callable[..., Any]:
    """Second derivatives: the Jacobian (forward mode) of the gradient (reverse mode)."""
    return jacfwd(jacrev(func, argnums), argnums)


def _ranges(tensors: list[Tensor]) -> list[tuple[int, int]]:
    """Where each tensor's elements sit in the concatenation of all of them."""
    spans, start = [], 0
    for t in tensors:
        spans.append((start, start + t.numel()))
        start += t.numel()
    return spans


def _unit_vectors(tensors: list[Tensor]) -> list[list[Tensor]]:
    """e_k for every element k of the tensors taken together, split back into their shapes."""
    vectors = []
    for i, t in enumerate(tensors):
        for k in range(t.numel()):
            basis = [zeros_like(other) for other in tensors]
            flat = basis[i].reshape(-1)
            flat[k] = 1
            basis[i] = flat.reshape(t.shape)
            vectors.append(basis)
    return vectors


def _block(pieces: list[Tensor], out_shape: Any, in_shape: Any, like: Tensor,
           by_column: bool = False) -> Tensor:
    """Rows (one per output element) or columns (one per input element) as one Jacobian
    block shaped out_shape + in_shape."""
    from ..ops import stack

    shape = tuple(out_shape) + tuple(in_shape)
    if not pieces:
        return zeros(shape, dtype=like.dtype, device=like.device)
    return stack(pieces, dim=-1 if by_column else 0).reshape(shape)


def linearize(func: Callable[..., Any], *primals: Any) -> tuple[Any, Callable[..., Any]]:
    """(f(*primals), jvp_fn) with ``jvp_fn(*tangents)`` = J·tangents at ``primals``: `jvp`
    with the point fixed. (PyTorch traces f once; the kit reruns jvp at each call.)"""
    _, primal_spec = tree_flatten(primals)
    primal_leaves = tree_flatten(primals)[0]
    for leaf in primal_leaves:  # (PyTorch makes its tangents with x.new_empty first)
        _only_tensor_methods(leaf, "new_empty")
    for leaf in primal_leaves:  # (then its jvp makes duals of the primals)
        _check_dual(leaf, None)
    with under_transform("forward"):  # (PyTorch runs jvp here, with its checks)
        output = func(*primals)

    def jvp_fn(*tangents: Any) -> Any:
        leaves, spec = tree_flatten(tangents)
        if spec != primal_spec:
            raise RuntimeError(f"Expected the tangents {spec_repr(spec)} to have the same "
                               f"argspec as the primals {spec_repr(primal_spec)}")
        for i, (x, v) in enumerate(zip(primal_leaves, leaves)):
            for what in ("shape", "device", "dtype") if isinstance(v, Tensor) else ():
                if getattr(x, what) != getattr(v, what):
                    raise RuntimeError(f"tangent:{i} with {what} {getattr(v, what)} in "
                                       f"flattened pytree doesn't match the {what} "
                                       f"{getattr(x, what)} of the corresponding primal.")
        return jvp(func, primals, tangents)[1]

    return output, jvp_fn
