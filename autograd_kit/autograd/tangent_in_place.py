"""Forward mode and in-place changes: a tensor keeps its tangent *object*.

In PyTorch a tensor's tangent is one tensor for the tensor's whole life. An in-place
operation on a dual (``x.mul_(2)``, ``x.copy_(y)``, ``x[0] = 5``) computes the new tangent
and writes it into that tensor (``tangent.copy_(new)``: its version goes up), so the tangent
given to ``make_dual``, or one read earlier with ``unpack_dual(x).tangent``, shows the
change. Where the new value depends on no tangent (``x.zero_()``, ``x.copy_(plain)``) the
tangent becomes zeros, still the same tensor::

    with fwAD.dual_level():
        x = fwAD.make_dual(primal, v)
        x.mul_(2)             # v is now 2·v, and unpack_dual(x).tangent is v

The kit finds the new tangent as the operation is recorded (`forward_ad_operations`, or
through the new history afterwards) and writes it into the old tangent, which stays the
tensor's. Wherever the kit still keeps the old tangent for an older history (a tangent found
later through it needs the old values), a snapshot of the old values takes its place.
"""

from __future__ import annotations

from typing import Any

from ..creation import zeros_like
from ..tensor import Tensor
from .forward_ad import Tangents, _remember


def tangent_stays(target: Tensor, old_node: Any, old_nr: int) -> None:
    """``target`` was changed in place and now comes from ``target.grad_fn``; before, it came
    from output ``old_nr`` of ``old_node``. When a tangent was kept for that output, it takes
    the new values in place and stays target's tangent (see the module docstring)."""
    level = _level()
    if level is None or old_node is None:
        return
    own = level.own_tangent(target)
    if own is not None and target._base is not None:  # a view with a tangent of its own,
        _keep(level, target.grad_fn, target._output_nr, own)  # taking its base's history:
        return  # it keeps it (`dual_view_changes` changed it)
    known = level._known(old_node)
    old = own if own is not None else (
        known[old_nr] if known is not None and old_nr < len(known) else None)
    if old is None:
        return
    now = level._known(target.grad_fn)
    if now is not None and target._output_nr < len(now):
        new = now[target._output_nr]
    else:  # (not found as the operation ran, a CopySlices: through the new history)
        level.duals.pop(id(target), None)  # (its own tangent set aside meanwhile)
        try:
            new = level.tangent_of(target)
        except Exception:  # noqa: BLE001 - (it fails again, with its error, when read)
            new = old
        finally:
            if own is not None:
                level.remember(target, own)
    if new is not old and _takes_values(level, old, new):
        _keep(level, target.grad_fn, target._output_nr, old)
        if own is not None:  # (a tangent of its own, given by a change not recorded)
            level.remember(target, old)


def dual_view_changes(view: Tensor, result: Tensor) -> None:
    """``view`` was changed in place to ``result``'s values, recorded on its base. When
    ``view`` is a dual made from a tensor that requires grad (a view of it, which carries
    the tangent its base does not), its own tangent takes the new one, found as ``result``
    was recorded."""
    level = _level()
    old = level.own_tangent(view) if level is not None else None
    now = level._known(result.grad_fn) if old is not None else None
    if now is not None and result._output_nr < len(now):
        if _takes_values(level, old, now[result._output_nr]):
            level.remember(view, old)


def tangent_after_change(level: Tangents, target: Tensor, tangent: Tensor) -> Tensor:
    """The tangent ``target`` carries after an in-place change that was not recorded
    (``x.mul_(2)`` under no_grad, see `forward_ad_operations.tangent_moves_in`):
    ``tangent``'s values, written into the tangent it carried before when one was kept."""
    node, nr = target.grad_fn, target._output_nr
    known = level._known(node) if node is not None else None
    before = level.own_tangent(target)
    if before is None and known is not None and nr < len(known):
        before = known[nr]
    if before is None or not _takes_values(level, before, tangent):
        return tangent
    if known is not None:  # (what is recorded next on target reads its tangent there)
        _keep(level, node, nr, before)
    return before


def _level() -> Tangents | None:
    """The tangents followed now (None outside forward AD: the common case, checked first)."""
    if not Tangents.active:
        return None
    from .forward_ad_operations import _forward_ad_off

    return None if _forward_ad_off() else Tangents.active[-1]


def _takes_values(level: Tangents, old: Tensor, new: Tensor | None) -> bool:
    """``old`` takes the values of ``new`` (zeros for None: the new value depends on no
    tangent) in place, and a snapshot of its old values takes its place in ``level``;
    False (nothing done) when they differ in shape or dtype."""
    from ..inplace import write_into  # (values and version only: no checks, no recording,
    # as the tangent is no tensor the user changed; inside func.jvp too, as in PyTorch)

    if new is not None and (new.shape != old.shape or new.dtype != old.dtype):
        return False
    if new is old:
        return True
    snapshot = old.detach().clone()

    def kept(t: Any) -> Any:
        return snapshot if t is old else t

    for key, (ref, tangent) in list(level.duals.items()):
        level.duals[key] = (ref, kept(tangent))
    for key, (ref, (node, tangent)) in list(level.moved.items()):
        level.moved[key] = (ref, (node, kept(tangent)))
    for key, (ref, tangents) in list(level.nodes.items()):
        level.nodes[key] = (ref, tuple(kept(t) for t in tangents))
    write_into(old, zeros_like(old) if new is None else new)
    return True


def _keep(level: Tangents, node: Any, nr: int, tangent: Tensor) -> None:
    """Keep ``tangent`` as the tangent of ``node``'s output ``nr``."""
    known = list(level._known(node) or (None,) * node.num_outputs)
    known[nr] = tangent
    _remember(level.nodes, node, tuple(known))
