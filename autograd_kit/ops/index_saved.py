"""What index nodes keep and show: the index tensors of ``x[key]`` (``_saved_indices``) and
of ``index_put`` / ``x[key] = v``, saved as PyTorch saves them (the caller's own tensors
where the key holds their data, so changing one in place makes backward fail), and how
many of them are uint8 masks (PyTorch warns of each again in backward)."""

from __future__ import annotations

from typing import Any

from .. import backend
from ..scalar_warning import triggered_at
from ..tensor import Tensor


def saved_indices(node: Any) -> tuple[Tensor | None, ...]:
    """``_saved_indices`` as PyTorch shows it: one entry per indexed dimension, a tensor for
    an index array or mask, None for a dimension taken whole (``:`` or ``...``)."""
    key = node.key if isinstance(node.key, tuple) else (node.key,)
    ndim = len(node._input_shapes[0])
    taken = sum(k.ndim if getattr(getattr(k, "dtype", None), "kind", "") == "b" else 1
                for k in key if k is not Ellipsis and k is not None)
    # the index tensors saved (the caller's, where given; once freed, what stands for them:
    # the node's view of its saved values then says they are gone)
    kept = iter(node.saved_tensors if not node._freed else
                [Tensor._make(backend.module_of(k).asarray(k)) for k in key
                 if k is not None and k is not Ellipsis and not isinstance(k, slice)])
    entries: list[Tensor | None] = []
    for k in key:
        if k is Ellipsis:
            entries += [None] * (ndim - taken)
        elif isinstance(k, slice):
            entries.append(None)
        elif k is not None:
            entries.append(next(kept))
    while entries and entries[-1] is None:
        entries.pop()
    return tuple(entries)


def put_indices(node: Any) -> tuple[Tensor | None, ...]:
    """IndexPutBackward0's ``_saved_indices``: a tensor per index array or mask of the key
    (its advanced part), None for a dimension taken whole, none after the last array."""
    key = node.key[1]
    ndim = len(node._input_shapes[0])
    taken = sum(k.ndim if getattr(getattr(k, "dtype", None), "kind", "") == "b" else 1
                for k in key if k is not Ellipsis and k is not None)
    arrays = [k for k in key if hasattr(k, "ndim")]
    kept = iter(node.saved_tensors if not node._freed else [Tensor._make(k) for k in arrays])
    entries: list[Tensor | None] = []
    for k in key:
        if k is Ellipsis:
            entries += [None] * (ndim - taken)
        elif k is not None:
            entries.append(None if isinstance(k, slice) else next(kept))
    while entries and entries[-1] is None:
        entries.pop()
    return tuple(entries)


class KeyOfTensors(tuple):
    """A (basic, advanced) key that also holds the caller's index tensors (``given``)."""

    given: tuple[Tensor, ...] = ()


def keyed(basic: Any, advanced: Any, key: Any) -> KeyOfTensors:
    """(basic, advanced) holding the index tensors of the caller's ``key`` (one index or a
    tuple of them), so that the node saves those very tensors (`save_index_arrays`)."""
    parts = key if isinstance(key, tuple) else (key,)
    out = KeyOfTensors((basic, advanced))
    out.given = tuple(k for k in parts if isinstance(k, Tensor))
    return out


def save_index_arrays(ctx: Any, arrays: Any, given: tuple[Tensor, ...]) -> None:
    """Indexing and index_put keep their index arrays, as PyTorch does (freed by backward:
    ``_saved_indices`` then raise): the caller's own tensors (``given``) where the key holds
    their data (changing one in place then breaks backward), new ones for what the kit made.
    The uint8 ones among them are counted, to warn again in backward."""
    if given:
        ctx.byte_masks = sum(t.dtype.name == "uint8" for t in given)
    ctx.save_for_backward(*[next((t for t in given if t._data is a), Tensor._make(a))
                            for a in arrays if hasattr(a, "ndim")])


def warn_byte_mask() -> None:
    """PyTorch's warning for a uint8 index, at the learner's line; given again by each
    backward of an index by it (PyTorch indexes the gradient with the same mask)."""
    import warnings

    from ..memory_overlap import _outside_the_kit

    warnings.warn(
        triggered_at("indexing with dtype torch.uint8 is now deprecated, please use a dtype "
                     "torch.bool instead.", "aten/src/ATen/native/IndexingUtils.h:37"),
        UserWarning, stacklevel=_outside_the_kit())


def warn_byte_masks(ctx: Any, times: int = 1) -> None:
    """The warning again, ``times`` for each uint8 index of the node's key, from backward."""
    for _ in range(ctx.__dict__.get("byte_masks", 0) * times):
        warn_byte_mask()
