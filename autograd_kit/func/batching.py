"""vmap, functional_call and stack_module_state: batches and modules for torch.func code.

``vmap`` in PyTorch runs a function once on a whole batch by rewriting every operation into
its batched form. The kit does the plain thing instead: a Python loop over the batch
dimension that calls the function on each slice, then stacks the answers. Same numbers,
much slower, and easy to follow. (So ``randomness`` is always "different": each slice
draws its own random numbers.)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..function import under_transform
from ..tensor import Tensor
from .trees import spec_repr, tree_flatten, tree_unflatten

__all__ = ["functional_call", "stack_module_state", "vmap"]


def _name(func: Callable[..., Any]) -> str:
    return getattr(func, "__name__", repr(func))


def vmap(func: Callable[..., Any], in_dims: Any = 0, out_dims: Any = 0,
         randomness: str = "error", *, chunk_size: int | None = None) -> Callable[..., Any]:
    """``vmap(f)(xs)`` is ``stack([f(x) for x in xs])``, with the batch dimension of each
    input chosen by ``in_dims`` (None: not batched, passed whole) and where it goes in each
    output by ``out_dims``."""
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        dims = _dims_per_leaf(func, in_dims, args)
        leaves, spec = tree_flatten(args)
        sizes = [leaf.shape[d] for leaf, d in zip(leaves, dims) if d is not None]
        if not sizes:
            raise ValueError(f"vmap({_name(func)}, in_dims={in_dims}, ...)(<inputs>): at "
                             "least one input must be a Tensor with an in_dim that is not None")
        if len(set(sizes)) != 1:
            raise ValueError("vmap: Expected all tensors to have the same size in the mapped "
                             f"dimension, got sizes {sizes} for the mapped dimension")
        results = []
        with under_transform("vmap"):
            for i in range(sizes[0]):
                sliced = [leaf if d is None else leaf.select(d, i)
                          for leaf, d in zip(leaves, dims)]
                results.append(func(*tree_unflatten(sliced, spec), **kwargs))
        return _stack_results(func, results, out_dims)

    return wrapper


def _dims_per_leaf(func: Callable[..., Any], in_dims: Any, args: tuple[Any, ...]) -> list[Any]:
    """The batch dimension of every tensor in ``args`` (``in_dims`` may follow their nest)."""
    if not isinstance(in_dims, (int, tuple, list)) and in_dims is not None:
        raise ValueError(f"vmap({_name(func)}, in_dims={in_dims}, ...): expected `in_dims` to "
                         f"be int or a (potentially nested) tuple matching the structure of "
                         f"inputs, got: {type(in_dims)}.")
    if isinstance(in_dims, (tuple, list)):
        if len(in_dims) != len(args):
            raise ValueError(
                f"vmap({_name(func)}, in_dims={in_dims}, ...)(<inputs>): in_dims is not "
                "compatible with the structure of `inputs`. in_dims has structure "
                f"{spec_repr(tree_flatten(in_dims)[1])} but inputs has structure "
                f"{spec_repr(tree_flatten(args)[1])}.")
        per_arg = list(in_dims)
    else:
        per_arg = [in_dims] * len(args)
    dims = []
    for arg, dim in zip(args, per_arg):
        leaves, _ = tree_flatten(arg)
        for leaf in leaves:
            if dim is not None and not isinstance(leaf, Tensor):
                raise ValueError(
                    f"vmap({_name(func)}, in_dims={in_dims}, ...)(<inputs>): Got in_dim={dim} "
                    f"for an input but the input is of type {type(leaf)}. We cannot vmap over "
                    "non-Tensor arguments, please use None as the respective in_dim")
            if dim is not None and not -leaf.dim() <= dim < leaf.dim():
                raise ValueError(
                    f"vmap({_name(func)}, in_dims={in_dims}, ...)(<inputs>): Got in_dim={dim} "
                    "for some input, but that input is a Tensor of dimensionality "
                    f"{leaf.dim()} so expected in_dim to satisfy -{leaf.dim()} <= in_dim < "
                    f"{leaf.dim()}.")
            dims.append(None if dim is None else dim % leaf.dim())
    return dims


def _stack_results(func: Callable[..., Any], results: list[Any], out_dims: Any) -> Any:
    from ..ops import stack

    leaves_per_call = [tree_flatten(r)[0] for r in results]
    _, spec = tree_flatten(results[0])
    count = len(leaves_per_call[0])
    dims = list(out_dims) if isinstance(out_dims, (tuple, list)) else [out_dims] * count
    stacked = []
    for j in range(count):
        column = [leaves[j] for leaves in leaves_per_call]
        if dims[j] is None:
            stacked.append(column[0])
            continue
        if not isinstance(column[0], Tensor):
            raise ValueError(f"vmap({_name(func)}, ...): `{_name(func)}` must only return "
                             f"Tensors, got type {type(column[0])}. Did you mean to set "
                             "out_dims= to None for output?")
        stacked.append(stack(column, dim=dims[j]))
    return tree_unflatten(stacked, spec)


# ---- modules as functions of their parameters -----------------------------------------------

def functional_call(module: Any, parameter_and_buffer_dicts: Any, args: Any = None,
                    kwargs: dict[str, Any] | None = None, *, tie_weights: bool = True,
                    strict: bool = False) -> Any:
    """Call ``module`` with some of its parameters and buffers replaced by the given tensors,
    then put the originals back: the module as a function of its parameters, which the
    transforms can differentiate (``grad(lambda p: loss(functional_call(model, p, x)))``).
    A tensor the module keeps under several names (tied weights) is replaced under all of
    them when ``tie_weights``."""
    from ..nn.utils.stateless import _functional_call

    return _functional_call(module, parameter_and_buffer_dicts, args, kwargs,
                            tie_weights=tie_weights, strict=strict)


def stack_module_state(models: Any) -> tuple[dict[str, Tensor], dict[str, Tensor]]:
    """(params, buffers) of several models of the same shape, each stacked along a new first
    dimension: what ``vmap(functional_call ...)`` runs a model ensemble with."""
    from ..ops import stack

    models = list(models)
    if not models:
        raise RuntimeError("stack_module_state: Expected at least one model, got 0.")
    params = {name: stack([dict(m.named_parameters())[name].detach() for m in models])
              .requires_grad_() for name, _ in models[0].named_parameters()}
    buffers = {name: stack([dict(m.named_buffers())[name] for m in models])
               for name, _ in models[0].named_buffers()}
    return params, buffers
