"""A custom Function's own vmap rule, run as PyTorch runs it for ``vmap(MyFunction.apply)``.

PyTorch's vmap calls a custom Function's ``vmap`` staticmethod once, on the whole batch::

    @staticmethod
    def vmap(info, in_dims, x, y):      # info.batch_size, info.randomness
        return output, out_dims         # in_dims: (0, None), one per argument

``in_dims`` says where each argument's batch dimension is (None: not batched; a nest of
them for a list or tuple argument), ``out_dims`` where each output's is (None: the same for
every slice, so vmap expands it over the batch). The kit's vmap does this when the function
it maps is the Function's ``apply`` itself. A Function applied deeper inside the mapped
function runs its ``forward`` once per slice (the kit's loop): the same numbers whenever the
rule agrees with ``forward``.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any, NamedTuple

from ..function import Function
from ..function_transforms import has_own_vmap_rule
from ..tensor import Tensor
from .trees import broadcast_to_leaves, spec_repr, tree_flatten, tree_map, tree_unflatten

_DOCS = "For more details, please see https://pytorch.org/docs/main/notes/extending.func.html"


class VmapInfo(NamedTuple):
    """What a vmap staticmethod is told besides the arguments."""

    batch_size: int
    randomness: str


def own_vmap_rule(func: Callable[..., Any]) -> type[Function] | None:
    """The custom Function whose ``apply`` ``func`` is, when PyTorch would call its own vmap
    rule for it (written with ``setup_context``, a ``vmap`` staticmethod and no
    ``generate_vmap_rule``; any other Function goes through ``apply``, which says why not)."""
    owner = getattr(func, "__self__", None)
    if not (isinstance(owner, type) and issubclass(owner, Function)
            and getattr(func, "__name__", None) == "apply"):
        return None
    if not has_own_vmap_rule(owner) or owner.generate_vmap_rule or not owner._has_setup_context:
        return None
    return owner


def vmap_by_own_rule(function: type[Function], args: tuple[Any, ...], kwargs: dict[str, Any],
                     arg_dims: list[int | None], size: int, randomness: str) -> tuple[Any, Any]:
    """(outputs, the batch dimension of each output leaf) of ``function.vmap`` called once on
    the whole batch. ``arg_dims``: the batch dimension of every leaf of ``args`` (None: not
    batched). Arguments are bound as ``apply`` binds them (defaults filled in); keyword-only
    tensors are refused, as in PyTorch."""
    bound = inspect.signature(function.forward).bind(*args, **kwargs)
    bound.apply_defaults()
    operands, keywords = bound.args, bound.kwargs
    if any(isinstance(v, Tensor) for v in tree_flatten(keywords)[0]):
        raise NotImplementedError("Run vmap on autograd.Function with kwarg-only Tensor args. "
                                  "Please do not pass kwarg-only Tensors to autograd.Function. "
                                  f"Got: {keywords}")
    extra = tree_map(lambda _: None, operands[len(args):])
    in_dims = tree_unflatten(arg_dims, tree_flatten(args)[1]) + extra
    result = function.vmap(VmapInfo(size, randomness), in_dims, *operands, **keywords)
    base = ("Expected the vmap staticmethod to have two returns, an output and out_dims with "
            "pytree structure compatible with the output. ")
    if not isinstance(result, tuple):
        raise RuntimeError(base + f"Got a {type(result)} instead")
    if len(result) != 2:
        raise RuntimeError(base + f"Got {len(result)} returns instead")
    output, out_dims = result
    spec = tree_flatten(output)[1]
    dims = broadcast_to_leaves(out_dims, spec)
    if dims is None:
        raise RuntimeError(
            "The autograd.Function's vmap staticmethod returned an incompatible (output, "
            f"out_dims) tuple. Expected out_dims={out_dims} to be compatible with the structure "
            f"of `output`. out_dims has structure {spec_repr(tree_flatten(out_dims)[1])} but "
            f"output has structure {spec_repr(spec)}. {_DOCS}")
    # an input handed back comes back as that input (the last argument it is), batched as
    # it was, whatever out_dims says (PyTorch keeps the identity of inputs returned as-is)
    given = {id(leaf): d for leaf, d in zip(tree_flatten(operands)[0],
                                            tree_flatten(in_dims)[0])}
    return output, [given.get(id(leaf), d) if isinstance(leaf, Tensor) else None
                    for leaf, d in zip(tree_flatten(output)[0], dims)]


def batch_at(t: Tensor, have: int | None, want: int, size: int) -> Tensor:
    """An output whose batch dimension is ``have`` (None: not batched) with it at ``want``,
    as PyTorch's vmap hands it back: moved (a view), expanded over the batch when the output
    is not batched (a view), or ``t`` itself when it is already in place."""
    if have is None:
        want %= t.dim() + 1
        return t.unsqueeze(want).expand(*t.shape[:want], size, *t.shape[want:])
    want %= t.dim()
    return t if have % t.dim() == want else t.movedim(have, want)
