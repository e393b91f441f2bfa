"""``autograd.forward_ad``: forward-mode AD (Jacobian–vector products), as in PyTorch.

Forward mode pushes a *tangent* v forward alongside each value: a dual tensor is a pair
(primal x, tangent v), and every operation maps (x, v) to (f(x), J·v), where J is f's
Jacobian at x. PyTorch does that with a second set of derivative rules (one "jvp" rule per
operation). The kit has only the reverse-mode rules (vᵀ·J), and gets J·v from them with the
**double-vjp trick**:

1. let u be a dummy cotangent shaped like the output, one that requires grad;
2. one backward pass, recorded (``create_graph=True``), gives g(u) = Jᵀ·u, the vector–Jacobian
   product with respect to the dual inputs. It is *linear* in u;
3. so g(u)·v = uᵀ·(J·v), and its gradient with respect to u is exactly J·v: a second
   backward pass, this time through the recorded first one.

Whatever value u holds does not matter (g is linear in u); the kit uses ones (a rule such
as logcumsumexp's, which takes log|u|, is singular at zero).

Usage is PyTorch's::

    import autograd_kit.autograd.forward_ad as fwAD
    with fwAD.dual_level():
        x = fwAD.make_dual(primal, tangent)     # x carries the tangent
        y = f(x)                                # any differentiable computation
        jvp = fwAD.unpack_dual(y).tangent       # J·tangent

How the kit keeps track: a dual tensor is a tensor that requires grad (a fresh leaf made
from the primal, or a view of it when the primal already requires grad), remembered with its
tangent (weakly: the level does not keep it alive) until the level ends. As each operation
is recorded, the tangents of its outputs are found, as PyTorch finds them: by the trick over
that one node (the backward stops at its inputs, whose tangents are known), or by a custom
Function's own ``jvp``; they are kept with the node. ``unpack_dual(y)`` reads y's; for a
node made otherwise (the history a view takes after an in-place change) it runs the trick
from y, stopping at the nodes whose tangents are known (see `Tangents`).

Differences from PyTorch a learner may notice: a dual tensor (and what is computed from it)
says ``requires_grad=True`` (it prints as PyTorch's, ``tensor(..., tangent=...)``, unless it
depends on a tensor that requires grad: then it shows its ``grad_fn`` only) until the
level ends (then it is a plain tensor, as in PyTorch, unless it depends on such a tensor);
each operation costs two small backward passes more (under ``no_grad``, a recorded copy too).
"""

from __future__ import annotations

import weakref
from collections import namedtuple
from collections.abc import Callable, Sequence
from typing import Any

from .. import engine, grad_mode
from ..accumulate_grad import AccumulateGrad
from ..creation import ones_like, zeros_like
from ..engine import grad, reachable
from ..function import Function, forward_only, record_listeners
from ..grad_mode import enable_grad
from ..saved_tensor import SavedTensor
from ..tensor import Tensor
from .graph import GradientEdge
from .tangent_layout import in_layout_of, same_layout

__all__ = ["UnpackedDualTensor", "dual_level", "enter_dual_level", "exit_dual_level",
           "make_dual", "unpack_dual"]

UnpackedDualTensor = namedtuple("UnpackedDualTensor", ["primal", "tangent"])
UnpackedDualTensor.__doc__ = "What `unpack_dual` returns: the value and its tangent (or None)."
UnpackedDualTensor.__module__ = __name__


class Scope:
    """One transform call (or one dual level), and the helper leaves it made.

    A helper leaf (a dual made from a primal that did not require grad, a dummy cotangent,
    the variable ``func.grad`` wraps its input in) is the scope's own business. A result
    that depends on nothing but such helpers is handed back detached, as PyTorch would give
    it; a result that depends on a user's tensor that requires grad, or on a helper of an
    scope still running (an outer ``grad``), keeps its history, so that it can
    be differentiated again: that is what makes ``grad(grad(f))`` work.
    """

    active: list[Scope] = []  # the scopes running now, outermost first
    _owners: dict[int, tuple[weakref.ref, Scope]] = {}  # id(helper leaf) -> (leaf, scope)

    def __enter__(self) -> Scope:
        Scope.active.append(self)
        return self

    def __exit__(self, *exc_info: Any) -> None:
        Scope.active.remove(self)

    def own(self, leaf: Tensor) -> Tensor:
        """Record ``leaf`` as one of this scope's helpers (weakly) and return it."""
        key = id(leaf)
        owners = Scope._owners
        owners[key] = (weakref.ref(leaf, lambda _: owners.pop(key, None)), self)
        return leaf

    @staticmethod
    def is_helper(leaf: Tensor) -> bool:
        """Whether ``leaf`` is one of the kit's helper leaves (a dual of a plain tensor)."""
        entry = Scope._owners.get(id(leaf))
        return entry is not None and entry[0]() is leaf

    def is_outside(self, leaf: Tensor) -> bool:
        """A user's leaf, or a helper of another scope still running (one around this one,
        or, for a ``vjp_fn`` called later, inside another transform)."""
        if not Scope.is_helper(leaf):
            return True
        owner = Scope._owners[id(leaf)][1]
        return owner is not self and owner in Scope.active

    def reaches_outside(self, t: Tensor) -> bool:
        """Whether ``t``'s history leads to a leaf outside this scope (see the class)."""
        return leads_to_leaf(t, t.grad_fn, self.is_outside)

    def unwrap(self, t: Tensor) -> Tensor:
        """``t`` itself when it reaches outside, else ``t.detach()``."""
        return t if self.reaches_outside(t) else t.detach()


class Tangents:
    """Where the tangents of one forward-mode computation come from: the dual leaves, each
    with the tangent it was made with, and the custom Function nodes whose own ``jvp`` gave
    their outputs' tangents (PyTorch calls it in ``apply``: see `forward_ad_operations`). Both
    are held weakly. While one is active (a dual level, a ``func.jvp`` call), custom
    Functions applied to tensors that carry a tangent have their ``jvp`` called."""

    active: list[Tangents] = []  # innermost last
    paused = 0  # > 0 while a custom jvp runs: PyTorch turns forward AD off for it
    custom_forwards = 0  # > 0 while a custom forward runs (off there too: see apply)

    def __init__(self, scope: Scope) -> None:
        self.scope = scope
        # id(dual) -> (weak reference to the dual, its tangent)
        self.duals: dict[int, tuple[weakref.ref, Tensor]] = {}
        # id(node) -> (weak reference to the node, one tangent (or None) per output)
        self.nodes: dict[int, tuple[weakref.ref, tuple[Tensor | None, ...]]] = {}
        # a dual changed in place (see `dual_takes_history`): id(dual) -> (weak reference
        # to it, (weak reference to its old AccumulateGrad node, its tangent))
        self.moved: dict[int, tuple[weakref.ref, tuple[weakref.ref, Tensor]]] = {}

    def __enter__(self) -> Tangents:
        if not Tangents.active:  # (and what is not recorded: forward_ad_operations)
            record_listeners.append(tangents_as_recorded)
            forward_only.append(tangents_unrecorded)
        Tangents.active.append(self)
        return self

    def __exit__(self, *exc_info: Any) -> None:
        Tangents.active.remove(self)
        if not Tangents.active:
            record_listeners.remove(tangents_as_recorded)
            forward_only.remove(tangents_unrecorded)

    def remember(self, dual: Tensor, tangent: Tensor) -> None:
        _remember(self.duals, dual, tangent)

    def own_tangent(self, t: Tensor) -> Tensor | None:
        """``t``'s tangent when ``t`` is a dual of this level (still alive), else None."""
        own = self.duals.get(id(t))
        return own[1] if own is not None and own[0]() is t else None

    def live_duals(self) -> list[tuple[Tensor, Tensor]]:
        return _live(self.duals)

    def live_nodes(self) -> list[tuple[Any, tuple[Tensor | None, ...]]]:
        return _live(self.nodes)

    def sources(self) -> list[tuple[Tensor | GradientEdge, Tensor]]:
        """Where the tangents start, each with its tangent: the duals, and the gradient
        edges of the duals changed in place since."""
        moved = [(ref(), tangent) for _, (ref, tangent) in _live(self.moved)]
        return [*[(d, v) for d, v in self.live_duals() if d.requires_grad],  # (in graphs)
                *[(GradientEdge(node, 0), tangent) for node, tangent in moved if node]]

    def tangent_of(self, t: Tensor, near: bool = False) -> Tensor | None:
        """``t``'s tangent: its own for a dual, J·v through its history otherwise (None
        when it depends on no dual). ``near``: as an operation runs, only a tensor next to
        a known tangent is followed through its history (one made by an operation of the
        level has its own): no walk over a whole graph for every operation."""
        own = self.own_tangent(t)
        if own is not None:
            return own
        node = t.grad_fn
        known = self._known(node)
        if known is not None and t._output_nr < len(known):
            return known[t._output_nr]  # (found when the operation ran)
        if near and (node is None or not any(self._known(n) is not None or self._is_source(n)
                                             for n, _ in node.next_functions)):
            return None
        if not _carries_tangent(t, self):
            return None
        pairs = self.sources()
        return plain_tangent(self, jvp_by_double_vjp([t], [d for d, _ in pairs], [
            v for _, v in pairs], self.scope, self.live_nodes())[0])

    def _known(self, node: Any) -> tuple[Tensor | None, ...] | None:
        """The tangents kept for ``node``'s outputs, or None."""
        known = self.nodes.get(id(node)) if node is not None else None
        return known[1] if known is not None and known[0]() is node else None

    def _is_source(self, node: Any) -> bool:
        """Whether ``node`` is the AccumulateGrad of a dual (or of one changed in place)."""
        if not isinstance(node, AccumulateGrad):
            return False
        own = self.duals.get(id(node.variable))
        moved = self.moved.get(id(node.variable))
        return own is not None or moved is not None and moved[1][0]() is node


def _remember(table: dict[int, tuple[weakref.ref, Any]], key_object: Any, value: Any) -> None:
    key = id(key_object)
    table[key] = (weakref.ref(key_object, lambda _: table.pop(key, None)), value)


def _live(table: dict[int, tuple[weakref.ref, Any]]) -> list[tuple[Any, Any]]:
    pairs = [(ref(), value) for ref, value in table.values()]
    return [(k, v) for k, v in pairs if k is not None]


class _Level(Tangents):
    """One dual level: the dual tensors made in it, each with its tangent."""

    def __init__(self, index: int) -> None:
        super().__init__(Scope())
        self.index = index
        self.made: dict[int, tuple[weakref.ref, None]] = {}  # id(output) -> (its ref, None)

    def note_outputs(self, outputs: tuple[Tensor, ...]) -> None:
        """Keep (weakly) the outputs of an operation recorded in the level."""
        for out in outputs:
            if isinstance(out, Tensor):  # (a custom Function may return other values)
                _remember(self.made, out, None)

    def cut_helper_history(self) -> None:
        """As the level ends: a tensor computed in it from the level's duals alone loses the
        kit's helper history. PyTorch records nothing for duals of plain tensors, so such a
        tensor is a plain leaf there, not requiring grad; one that depends on a user's tensor
        that requires grad keeps its history."""
        made = [t for t, _ in [*_live(self.made), *_live(self.moved)] if t._grad_fn is not None]
        graph = reachable([t._grad_fn for t in made])
        outside = {node for node in graph if isinstance(node, AccumulateGrad)
                   and self.scope.is_outside(node.variable)}
        keep = engine._nodes_to_run(graph, outside, True)
        cut = {id(t): t for t in made if t._grad_fn not in keep}
        for t in cut.values():
            t._grad_fn, t._requires_grad, t._output_nr = None, False, 0
        for node in keep:  # (a kept node saved such a tensor: as the plain one it now is)
            for value in getattr(node, "_saved", None) or ():
                if type(value) is SavedTensor and id(value.tensor) in cut:
                    value.had_grad_fn = False


_levels: list[_Level] = []  # the kit, like PyTorch, allows one level at a time
_current_level = -1  # PyTorch's module attribute: the open level's index, -1 when none


def refuse_nested() -> None:
    """PyTorch allows one dual level at a time: a second one (``func.jvp``, ``jacfwd`` and
    forward-mode ``jacobian`` open one of their own) is refused inside one."""
    if _levels:
        raise RuntimeError("Nested forward mode AD is not supported at the moment")


def enter_dual_level() -> int:
    """Start a new dual level and return its index (prefer ``with dual_level():``)."""
    refuse_nested()
    global _current_level
    level = _Level(0)
    level.scope.__enter__()
    level.__enter__()
    _levels.append(level)
    _current_level = level.index
    return 0


def exit_dual_level(*, level: int | None = None) -> None:
    """End the level: every tangent made in it is dropped."""
    current = _levels[-1].index if _levels else -1
    level = current if level is None else level
    if level < 0:
        raise RuntimeError("Dual level must be a positive number.")
    if level != current:
        raise RuntimeError("Trying to exit a forward AD level that was not the last one that "
                           "was created. This is not supported.")
    global _current_level
    ended = _levels.pop()
    _current_level = _levels[-1].index if _levels else -1
    ended.__exit__()
    ended.scope.__exit__()
    for dual, _ in ended.live_duals():  # a helper leaf goes back to a plain tensor, as
        if dual._grad_fn is None and not ended.scope.is_outside(dual):  # PyTorch's dual
            dual.requires_grad_(False)  # loses its tangent (one with a history: below)
    ended.cut_helper_history()  # (and what the level computed from them alone)


class dual_level:  # noqa: N801 - PyTorch's name
    """``with dual_level():`` enters a level on the way in and leaves it on the way out;
    ``@dual_level()`` runs a function inside one."""

    def __enter__(self) -> int:
        return enter_dual_level()

    def __exit__(self, *exc_info: Any) -> None:
        exit_dual_level()

    def __call__(self, func: Callable[..., Any]) -> Callable[..., Any]:
        from ..grad_mode import context_decorator

        return context_decorator(func, self.clone)

    def clone(self) -> dual_level:
        return self.__class__()


def _level(level: int | None, no_level_message: str, caller: str) -> _Level | None:
    """The level asked for (the current one by default). A wrong index is PyTorch's error
    of the internal function ``caller`` while a level exists, the generic one otherwise."""
    if level is None:
        if not _levels:
            if no_level_message:
                raise RuntimeError(no_level_message)
            return None
        return _levels[-1]
    if not _levels:
        raise RuntimeError("Trying to access a forward AD level with an invalid index. This "
                           "index was either not created or is already deleted.")
    if _levels[-1].index != level:
        raise RuntimeError(f"Invalid level given to {caller}")
    return _levels[-1]


def make_dual(tensor: Tensor, tangent: Tensor, *, level: int | None = None) -> Tensor:
    """A tensor with the values of ``tensor`` that carries ``tangent`` forward."""
    current = _level(level, "Trying to create a dual Tensor for forward AD but no level "
                            "exists, make sure to enter_dual_level() first.", "_make_dual")
    assert current is not None
    if not (tensor.is_floating_point() or _is_complex(tensor)):
        raise ValueError(f"Expected primal to be floating point or complex, but got: "
                         f"{tensor.dtype}")
    if not (tangent.is_floating_point() or _is_complex(tangent)):
        raise ValueError(f"Expected tangent to be floating point or complex, but got: "
                         f"{tangent.dtype}")
    if grad_mode.state.inference:  # (PyTorch's _make_dual is autograd's: an alias, no tangent)
        return tensor.view_as(tensor)
    if _carries_tangent(tensor, current):
        raise RuntimeError("Making a dual Tensor based on a Tensor that already has a forward "
                           f"gradient at the same level {current.index} is not supported.")
    if _carries_tangent(tangent, current):  # (PyTorch's message has no space before the 0)
        raise RuntimeError("Setting a forward grad that itself has a forward gradient at the "
                           f"same level{current.index} is not supported.")
    if tangent.shape != tensor.shape:
        raise RuntimeError(
            "Trying to set a forward gradient that has a different size than that of the "
            f"original Tensor, this is not supported. Tensor is of size {_sizes(tensor)} while "
            f"the given forward gradient is of size {_sizes(tangent)}.")
    if not same_layout(tensor, tangent):
        tangent = in_layout_of(tensor, tangent)
    with enable_grad():
        if tensor.is_inference():  # (PyTorch's: an alias whose tangent no operation carries)
            dual = tensor.view_as(tensor)
        elif tensor.requires_grad:  # stay part of the user's graph (PyTorch: a ViewBackward0)
            dual = tensor.view_as(tensor)
            _remember(current.nodes, dual.grad_fn, (tangent,))  # (so does its tangent)
        else:  # a helper leaf of the level
            dual = current.scope.own(tensor.detach().requires_grad_())
    current.remember(dual, tangent)
    return dual


def claim(t: Tensor) -> None:
    """``t`` was switched to require grad (``requires_grad_()``): when it is one of the
    kit's helper leaves (a dual made from a plain tensor), it is now the user's own leaf, as
    PyTorch's dual then is (what is computed from it can be differentiated)."""
    if Scope.is_helper(t):
        del Scope._owners[id(t)]


def leads_to_leaf(t: Tensor, node: Any, test: Callable[[Tensor], bool]) -> bool:
    """Whether ``t`` requires grad through a leaf that passes ``test``: ``t`` itself when it
    has no history (``node`` None), else a leaf its history ``node`` reaches."""
    if not t.requires_grad:
        return False
    if node is None:
        return test(t)
    return any(isinstance(n, AccumulateGrad) and test(n.variable) for n in reachable([node]))


def only_tangents_need_grad(tensors: Sequence[Any]) -> bool:
    """Whether, inside a level, every tensor of ``tensors`` that requires grad does so only
    as the kit's way of carrying tangents (computed from the level's duals of plain tensors
    alone): PyTorch's autograd would see none of them as requiring grad."""
    if not _levels:
        return False
    scope = _levels[-1].scope
    return not any(scope.reaches_outside(t) for t in tensors if isinstance(t, Tensor))


def note_new_history(t: Tensor) -> None:
    """``t`` took a new history in place: inside a level it is one of the level's outputs
    (see `_Level.cut_helper_history`)."""
    if _levels:
        _levels[-1].note_outputs((t,))


def dual_takes_history(t: Tensor) -> bool:
    """Ready a dual made from a plain tensor for an in-place change (``x.mul_(2)``, or one
    through a view of it), which PyTorch allows: such a dual does not require grad there.

    The kit's dual is a helper leaf. It becomes a tensor with a history (a CloneBackward0)
    from a new helper leaf, a dual with the same values and tangent; what was computed from
    it before the change still reaches its old AccumulateGrad node, which keeps standing for
    the tangent. So the change is recorded as usual and tangents follow it. False (nothing
    done) for any other tensor. (The same for a primal of ``func.jvp``, changed by f.)"""
    if not Tangents.active or t.grad_fn is not None:
        return False
    level = Tangents.active[-1]
    own = level.duals.get(id(t))
    if own is None or own[0]() is not t or level.scope.is_outside(t):
        return False
    accumulator = t._gradient_edge()[0]
    hidden = level.scope.own(t.detach().clone().requires_grad_())
    del level.duals[id(t)]
    level.remember(hidden, own[1])
    with enable_grad():
        step = hidden.clone()
    _remember(level.nodes, step.grad_fn, (own[1],))  # (t's own: see tangent_in_place)
    _remember(level.moved, t, (weakref.ref(accumulator), own[1]))
    t._grad_fn, t._output_nr = step.grad_fn, step._output_nr
    if t._views:  # (the views made from the leaf now come from its new history too)
        from ..views import refresh_views

        refresh_views(t)
    return True


def has_custom_jvp(outputs: list[Tensor]) -> bool:
    """Whether a custom Function with its own ``jvp`` took part in computing ``outputs``."""
    nodes = reachable([o.grad_fn for o in outputs if o.grad_fn is not None])
    functions = [getattr(node, "_function", None) for node in nodes]
    return any(f is not None and f._checked and f.jvp is not Function.jvp for f in functions)


def _carries_tangent(tensor: Tensor, level: Tangents) -> bool:
    """Whether ``tensor`` is a dual of ``level`` or was computed from one."""
    from ..engine import _nodes_to_run

    if level.own_tangent(tensor) is not None:  # (one not in a graph too: see
        return True  # tangents_unrecorded)
    sources = [d for d, _ in level.sources()]
    if tensor.grad_fn is None or not sources:
        return False
    targets = {d.node if isinstance(d, GradientEdge) else d._gradient_edge()[0]
               for d in sources}
    return bool(_nodes_to_run(reachable([tensor.grad_fn]), targets, False))


def _is_complex(t: Tensor) -> bool:
    return bool(getattr(t.dtype, "is_complex", False))


def _sizes(t: Tensor) -> str:
    return "[" + ", ".join(str(n) for n in t.shape) + "]"


def unpack_dual(tensor: Any, *, level: int | None = None) -> UnpackedDualTensor:
    """(primal, tangent) of ``tensor``; the tangent is None when it carries none."""
    if level is not None and not (_levels and _levels[-1].index == level) and not (
            isinstance(tensor, Tensor) and _levels and _carries_tangent(tensor, _levels[-1])):
        return UnpackedDualTensor(tensor, None)  # (PyTorch checks the level of a dual only)
    current = _level(level, "", "_fw_primal")
    if current is None or Tangents.custom_forwards:  # (off in a custom Function's forward)
        return UnpackedDualTensor(tensor, None)
    if not isinstance(tensor, Tensor):
        raise TypeError("_unpack_dual(): argument 'dual' (position 1) must be Tensor, not "
                        f"{type(tensor).__name__}")
    if grad_mode.state.inference:  # (no tangents under inference_mode, as in PyTorch)
        seen = tensor if current.scope.reaches_outside(tensor) else tensor.detach()
        return UnpackedDualTensor(seen.view_as(tensor), None)
    if (tangent := current.tangent_of(tensor)) is None:
        return UnpackedDualTensor(tensor, None)
    outside = current.scope.reaches_outside(tensor)  # (in the user's graph: a view)
    return UnpackedDualTensor(primal_view(tensor, current) if outside else tensor.detach(),
                              tangent)


def helpers_only(t: Tensor) -> bool:
    """Whether ``t`` requires grad only because it was computed, in a dual level, from duals
    made from plain tensors: PyTorch records nothing for it (so, for instance, its
    ``numpy()`` is allowed)."""
    return (bool(_levels) and t.requires_grad and not Tangents.paused
            and not _levels[-1].scope.reaches_outside(t))


def printed_tangent(t: Tensor) -> tuple[bool, Tensor | None]:
    """What ``repr`` shows of forward AD, as PyTorch's does: whether ``t`` is `helpers_only`
    (PyTorch prints such a tensor with no ``grad_fn`` or ``requires_grad``: the kit's helper
    history is not shown either), and its tangent (``tangent=...``), or None."""
    if not helpers_only(t):  # (a tensor computed without recording: a dual of its own;
        if not _levels or not t.requires_grad:  # one with a history of its own: its tangent)
            return False, _levels[-1].own_tangent(t) if _levels else None
        return False, (unpack_dual(t).tangent if _carries_tangent(t, _levels[-1]) else None)
    return True, unpack_dual(t).tangent if _carries_tangent(t, _levels[-1]) else None


# ---- the trick, shared with autograd_kit.func.jvp ----------------------------------------

def jvp_by_double_vjp(outputs: Sequence[Tensor], inputs: Sequence[Tensor],
                      tangents: Sequence[Tensor], scope: Scope,
                      nodes: Sequence[tuple[Any, tuple[Tensor | None, ...]]] = (),
                      ) -> list[Tensor | None]:
    """J·v for each output (None where it does not depend on any input), by two backwards.

    The dummy cotangents are ``scope``'s helpers; each result is unwrapped by the scope
    (kept recorded only when it depends on something outside it, see `Scope`).

    ``nodes``: nodes whose outputs' tangents are known (found when they ran, or given by a
    custom Function's own ``jvp``). The first backward stops at such a node (a pre-hook
    takes the gradients g(u) arriving at its outputs and lets nothing through), and g(u)·t
    for each output's tangent t joins the sum of step 3: so the tangent leaving the node is
    the known one.
    """
    results: list[Tensor | None] = [None] * len(outputs)
    todo = [i for i, out in enumerate(outputs) if isinstance(out, Tensor) and out.requires_grad]
    if not todo or not inputs:
        return results
    Tangents.paused += 1  # (the operations recorded here carry no tangent of their own)
    engine.tensor_hooks_paused += 1  # (nor do these backward passes run the user's hooks)
    try:
        return _double_vjp(outputs, inputs, tangents, scope, nodes, todo, results)
    finally:
        Tangents.paused -= 1
        engine.tensor_hooks_paused -= 1


def _double_vjp(outputs: Sequence[Tensor], inputs: Sequence[Tensor],
                tangents: Sequence[Tensor], scope: Scope,
                nodes: Sequence[tuple[Any, tuple[Tensor | None, ...]]], todo: list[int],
                results: list[Tensor | None]) -> list[Tensor | None]:
    """The three steps of `jvp_by_double_vjp`, for the outputs ``todo``."""
    with enable_grad():
        # 1. dummy cotangents u, one per output; their values do not matter (see above)
        us = [scope.own(ones_like(outputs[i]).requires_grad_()) for i in todo]
        # 2. g(u) = Jᵀ·u, recorded, for every input (None: that input is not used)
        arrived: list[tuple[Tensor, Tensor]] = []  # (g(u), t) at the custom nodes' outputs
        handles = [node.register_prehook(_stopping_at(node_tangents, arrived))
                   for node, node_tangents in nodes]
        try:
            gs = grad([outputs[i] for i in todo], list(inputs), grad_outputs=us,
                      create_graph=True, allow_unused=True)
        finally:
            for handle in handles:
                handle.remove()
        if all(g is None for g in gs) and not arrived:
            return results  # no output depends on a dual input: no tangent at all
        # 3. g(u)·v is uᵀ·(J·v): its gradient with respect to u is J·v
        pairs = [(g, v) for g, v in [*zip(gs, tangents), *arrived] if g is not None]
        terms = [(g * v).sum() for g, v in pairs]
        total = sum(terms[1:], terms[0])  # ((t₀ + t₁) + t₂) + …
        jvs: Sequence[Tensor | None] = (None,) * len(us)
        if total.requires_grad:  # (not when every g is constant in u: J is zero)
            jvs = grad(total, us, create_graph=True, allow_unused=True)
    tangent_dtypes = [v.dtype for _, v in pairs]
    for i, jv in zip(todo, jvs):
        jv = jv if jv is not None else zeros_like(outputs[i])
        results[i] = scope.unwrap(_promoted(jv, tangent_dtypes))
    return results


def _promoted(jv: Tensor, tangent_dtypes: list[Any]) -> Tensor:
    """J·v in the dtype PyTorch's formulas (f'(x)·v) give it: a tangent wider than the primal
    (float64 on float32) widens it; the kit's comes out in the output's dtype."""
    from ..tensor_queries import promote_types

    if not jv.is_floating_point():
        return jv
    dtype = jv.dtype
    for tangent_dtype in (d for d in tangent_dtypes if d.is_floating_point):
        dtype = promote_types(dtype, tangent_dtype)
    return jv if dtype == jv.dtype else jv.to(dtype)


def _stopping_at(tangents: tuple[Tensor | None, ...],
                 arrived: list[tuple[Tensor, Tensor]]) -> Any:
    """The pre-hook `jvp_by_double_vjp` puts on a node whose tangents are known."""
    def hook(grads: tuple[Tensor | None, ...]) -> tuple[Tensor | None, ...]:
        arrived.extend((g, t) for g, t in zip(grads, tangents)
                       if g is not None and t is not None)
        return (None,) * len(grads)

    return hook


# (at the end: that module uses the names above)
from .forward_ad_operations import (  # noqa: E402
    plain_tangent,
    primal_view,
    tangents_as_recorded,
    tangents_unrecorded,
)
