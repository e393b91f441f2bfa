"""What forward mode does as each operation is recorded inside a dual level (or a
``func.jvp`` call): `tangents_as_recorded`, the record listener `forward_ad.Tangents` puts
in place, finds the tangents of the operation's outputs, as PyTorch does in the operation
itself, and keeps them with its node.

* The kit's own operation: J·v by the double-vjp trick over its node alone (see
  `forward_ad`); one without a derivative (a ``NotImplemented`` node) is refused, with
  PyTorch's error.
* A custom Function: its own ``jvp(ctx, *tangents)``; one without ``jvp`` is refused.
"""

from __future__ import annotations

from typing import Any

from .. import grad_mode, recording
from ..creation import zeros_like
from ..creation_sizes import c_type_name
from ..function import Function
from ..tensor import Tensor
from .forward_ad import (
    Scope,
    Tangents,
    _carries_tangent,
    _Level,
    _remember,
    _sizes,
    jvp_by_double_vjp,
)
from .tangent_in_place import tangent_after_change
from .tangent_layout import in_layout_of


class _JvpContext:
    """The ``ctx`` a custom ``jvp`` receives: the node itself, except that its
    ``saved_tensors`` are those given to ``save_for_forward`` (none without it: PyTorch's
    jvp runs before the tensors saved for backward are packed)."""

    def __init__(self, node: Any, scope: Scope) -> None:
        object.__setattr__(self, "_node", node)
        object.__setattr__(self, "_scope", scope)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._node, name)

    def __setattr__(self, name: str, value: Any) -> None:
        setattr(self._node, name, value)

    def __delattr__(self, name: str) -> None:  # (``del ctx.result``: PyTorch's tutorial)
        delattr(self._node, name)

    @property
    def saved_tensors(self) -> tuple[Any, ...]:
        """(Tensors seen as their primals: a dual made from a plain tensor, detached.)"""
        values = self._node.saved_for_forward or ()
        return tuple(self._scope.unwrap(v) if isinstance(v, Tensor) else v for v in values)


def _tangents_of_operation(node: Any, outputs: tuple[Tensor, ...], args: tuple[Any, ...],
                           source: Tangents) -> None:
    """Keep J·v for each output of ``node``, from the tangents of its inputs (nothing when
    none carries one, or when the trick fails here: then it is computed, and fails with its
    own error, when the tangent is read)."""
    if any(isinstance(a, Tensor) and not a.requires_grad and id(a) in source.duals
           for a in args):  # (a dual computed unrecorded is in no graph: stand-ins for all)
        ran = _on_stand_ins(node._function, args, source)
        if ran is not None:
            keep_tangents(source, node, ran[1])
        return
    inputs: dict[tuple[int, int], tuple[Tensor, Tensor]] = {}  # one per gradient edge
    for a in args:  # (``x += x``: the old value's copy and x share theirs)
        if not isinstance(a, Tensor) or not a.requires_grad:
            continue
        before = a.grad_fn
        edge = (id(a), 0) if before is None else (id(before), a._output_nr)
        if edge not in inputs and (tangent := source.tangent_of(a, near=True)) is not None:
            inputs[edge] = (a, tangent)
    if not inputs:  # (from inputs known to carry none, such as tangents: none either)
        if all(source._known(a.grad_fn) is not None for a in args
               if isinstance(a, Tensor) and a.grad_fn is not None):
            _remember(source.nodes, node, (None,) * len(outputs))
        return
    pairs = list(inputs.values())
    # (the backward stops at the inputs: one may have been computed from another; and at
    # those known to carry none, such as a `primal_view` of a dual)
    stops = {id(a.grad_fn): (a.grad_fn, (None,) * a.grad_fn.num_outputs)
             for a in [a for a, _ in pairs] + [a for a in args if isinstance(a, Tensor)
                                               and source._known(a.grad_fn) is not None]
             if a.grad_fn is not None}
    try:
        found = jvp_by_double_vjp(outputs, [a for a, _ in pairs], [t for _, t in pairs],
                                  source.scope, list(stops.values()))
    except Exception:  # noqa: BLE001 - (see the docstring)
        return
    keep_tangents(source, node, found)


def plain_tangent(source: Tangents, tangent: Tensor | None) -> Tensor | None:
    """``tangent``, now known to carry no tangent of its own, as PyTorch's tangents do (its
    formulas read the primals without theirs). One computed from a dual that is part of the
    user's graph (a primal that requires grad) has a history through the dual: the trick
    must stop there, or ``unpack_dual(y).tangent * x`` would carry y's tangent's tangent."""
    node = None if tangent is None else tangent.grad_fn
    if node is not None and source._known(node) is None and not source._is_source(node):
        _remember(source.nodes, node, (None,) * node.num_outputs)
    return tangent


def keep_tangents(source: Tangents, node: Any, tangents: Any) -> None:
    """Keep ``tangents`` (each one a `plain_tangent`) as those of ``node``'s outputs."""
    _remember(source.nodes, node, tuple(plain_tangent(source, t) for t in tangents))


def _tangent_coming_in(node: Any, args: tuple[Any, ...], i: int,
                       source: Tangents) -> Tensor | None:
    """The tangent argument i of a custom Function came in with. An input marked dirty has
    already taken the node as its history: its tangent is the one kept for the edge the
    node records for it (the history it had)."""
    arg = args[i]
    if not isinstance(arg, Tensor):
        return None
    if arg.grad_fn is not node:
        return source.tangent_of(arg, near=True)
    positions = node._input_positions
    before, nr = node.next_functions[i if positions is None else positions.index(i)]
    known = source._known(before)
    return known[nr] if known is not None and nr < len(known) else None


_NO_FORMULA = (  # (PyTorch's words, its address included)
    "Trying to use forward AD with {} that does not support it because it has not been "
    "implemented yet.\nPlease file an issue to PyTorch at https://github.com/pytorch/pytorch/"
    "issues/new?template=feature-request.yml so that we can prioritize its implementation or "
    "submit a PR adding the implementation to derivatives.yaml")


def _refuse_without_derivative(function: Any, args: tuple[Any, ...], source: Tangents) -> None:
    """PyTorch's error, in the operation itself, when a tensor that carries a tangent meets
    an operation with no derivative at all (a ``NotImplemented`` node: floor_divide,
    remainder of a number, heaviside, ...) or one with no forward-mode formula in PyTorch
    (``forward_ad_missing``: its ATen name, e.g. cdist's ``_cdist_forward``), which the
    kit's double-vjp trick could otherwise answer."""
    name = getattr(function, "aten_name", None)
    missing = getattr(function, "forward_ad_missing", None)
    if getattr(function, "node_name", None) != "NotImplemented" or name is None:
        name = None
    if (name or missing) is None:
        return
    if any(isinstance(a, Tensor) and _carries_tangent(a, source) for a in args):
        if name is not None:
            raise NotImplementedError(f"Trying to use forward AD with aten::{name} that does "
                                      "not support it.")
        raise NotImplementedError(_NO_FORMULA.format(missing))


class PrimalView(Function):
    """out = x, a view of a dual that carries no tangent: what ``unpack_dual(x).primal`` is
    for a dual that is part of the user's graph (PyTorch's ``_fw_primal``, whose node is the
    C++ ``torch::autograd::Identity``: its Python type reads ``CppFunction``)

    grad_x = grad
    """

    node_name = "CppFunction"
    is_view = True

    @staticmethod
    def forward(ctx: Any, x: Tensor) -> Any:
        return x._data.view()

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> Tensor:
        return grad



def primal_view(dual: Tensor, source: Tangents) -> Tensor:
    """The primal of ``dual`` (see `PrimalView`): a view known to carry no tangent."""
    Tangents.paused += 1
    try:
        primal = PrimalView.apply(dual)
    finally:
        Tangents.paused -= 1
    _remember(source.nodes, primal.grad_fn, (None,))
    return primal


def tangents_as_recorded(node: Any, outputs: tuple[Tensor, ...], args: tuple[Any, ...]) -> None:
    """A record listener (see `Tangents`): the tangents of an operation's outputs, found as
    it runs, as PyTorch finds them (so they survive a backward that frees the graph, or a
    later in-place change of an input). The kit's own operation: by the double-vjp trick
    over its node alone. A custom Function: its ``jvp(ctx, *input_tangents)`` (zeros for a
    floating tensor input without one, or None after ``ctx.set_materialize_grads(False)``;
    None for another argument, an integer tensor included); one without ``jvp`` is refused,
    as PyTorch refuses it in ``apply``."""
    if Tangents.paused:
        return
    source = Tangents.active[-1]
    if isinstance(source, _Level):
        source.note_outputs(outputs)
    function = getattr(node, "_function", None)
    if function is None:
        return
    if not function._checked:  # the kit's own operation
        _refuse_without_derivative(function, args, source)
        _tangents_of_operation(node, outputs, args, source)
        return
    tangents = [_tangent_coming_in(node, args, i, source) for i in range(len(args))]
    if all(t is None for t in tangents):
        return
    if function.jvp is Function.jvp:
        raise NotImplementedError("You must implement the jvp function for custom "
                                  "autograd.Function to use it with forward mode AD.")
    versions = [None if t is None else t._version for t in tangents]
    if node._materialize_grads:  # (else, as PyTorch, None for a tensor without one)
        tangents = [zeros_like(a) if t is None and _may_have_tangent(a) else t
                    for a, t in zip(args, tangents)]
    Tangents.paused += 1
    try:
        returned = function.jvp(_JvpContext(node, source.scope), *tangents)
    finally:
        Tangents.paused -= 1
    returned = _checked_jvp_result(node, outputs, returned)
    _check_dirty_tangents(node, outputs, args, tangents, versions, returned)
    _check_view_tangents(node, outputs, args, tangents, versions, returned)
    keep_tangents(source, node, [  # (one without history as it came: a view of the
        t if t is None or not t.requires_grad else source.scope.unwrap(t)  # input's tangent
        for t in returned])  # stays one)


def _checked_jvp_result(node: Any, outputs: tuple[Any, ...], returned: Any,
                        ) -> tuple[Tensor | None, ...]:
    """What a custom ``jvp`` returned, checked in PyTorch's order: every value a tensor or
    None, one per output (a non-tensor output counts too, and its tangent is dropped), None
    for an output that is not differentiable (marked so, or an integer tensor), each of its
    output's size, a view for an output that is a view."""
    returned = returned if isinstance(returned, tuple) else (returned,)
    for i, tangent in enumerate(returned):
        if tangent is not None and not isinstance(tangent, Tensor):
            raise RuntimeError(f"expected Variable or None (got {c_type_name(type(tangent))}) "
                               f"for grad output {i}.")
    if len(returned) != len(outputs):
        raise RuntimeError("Function's jvp returned an invalid number of forward gradients "
                           f"(expected {len(outputs)} but got {len(returned)})")
    kept: list[Tensor | None] = []
    for i, (out, tangent) in enumerate(zip(outputs, returned)):
        if tangent is None or not isinstance(out, Tensor):
            kept.append(None)
            continue
        if i in node._non_differentiable_outputs:
            raise RuntimeError(f"Function's jvp returned a gradient at position {i}, but  the "
                               "corresponding forward output is not a differentiable Tensor."
                               "You should return None at that position instead.")
        if tangent.shape != out.shape:
            raise RuntimeError(
                "Trying to set a forward gradient that has a different size than that of "
                "the original Tensor, this is not supported. Tensor is of size "
                f"{_sizes(out)} while the given forward gradient is of size {_sizes(tangent)}.")
        if out._custom_view is not None and tangent._base is None:
            raise RuntimeError("A custom Function's forward is returning a view (or an input "
                               "as-is) but the jvp is not returning a view.")
        kept.append(tangent)
    return tuple(kept)


def _check_dirty_tangents(node: Any, outputs: tuple[Any, ...], args: tuple[Any, ...],
                          tangents: list[Any], versions: list[int | None],
                          returned: tuple[Tensor | None, ...]) -> None:
    """PyTorch's checks of a custom ``jvp`` for an input that forward changed in place
    (``mark_dirty``) and that came with a tangent: the tangent must be changed in place too
    (its version moved on) and returned as it is."""
    for out, tangent in zip(outputs, returned):
        if not isinstance(out, Tensor) or id(out) not in node._dirty:
            continue
        j = next(j for j, a in enumerate(args) if a is out)
        if versions[j] is None:  # (it came without one: the returned one is its tangent)
            continue
        if tangent is None or tangent._version == versions[j]:
            raise RuntimeError(
                "An inplace custom Function is not modifying the forward mode gradients "
                "inplace. If the forward is modifying an input inplace, then the jvp function "
                "must modify the corresponding gradient inplace.")
        if tangent is not tangents[j]:
            raise RuntimeError(
                "An inplace custom Function is not returning the forward mode gradients "
                "as-is. If the forward is modifying an input inplace, then the jvp function "
                "must modify the gradient inplace and return it as-is.")


def _check_view_tangents(node: Any, outputs: tuple[Any, ...], args: tuple[Any, ...],
                         tangents: list[Any], versions: list[int | None],
                         returned: tuple[Tensor | None, ...]) -> None:
    """PyTorch's checks of a custom ``jvp`` for an output that is a view of an input that
    came with a tangent: its tangent must be a view of that tangent (of its base, when that
    tangent is itself a view)."""
    bases = [a if not isinstance(a, Tensor) or a._base is None else a._base for a in args]
    for out, tangent in zip(outputs, returned):
        if (tangent is None or id(out) in node._dirty or out._custom_view is None
                or out._base is None):
            continue
        j = next((j for j, b in enumerate(bases) if b is out._base), None)
        if j is None or versions[j] is None or tangent._base is None:
            continue
        given = tangents[j]
        if given._base is not None and given._base is not tangent._base:
            raise RuntimeError("A custom Function is returning a view but the jvp is not "
                               "returning a view of the same base as the given grad input.")
        if given._base is None and given is not tangent._base:
            raise RuntimeError("A custom Function is returning a view but the jvp is not "
                               "returning a view of the given grad input.")


def _forward_ad_off() -> bool:
    """Whether tangents are not followed now: while forward AD's own passes run
    (``paused``), while a custom Function's forward runs (its ``jvp`` gives the tangents)
    and in inference_mode."""
    return bool(Tangents.paused or Tangents.custom_forwards or grad_mode.state.inference)


def _inference_only(args: tuple[Any, ...]) -> bool:
    """Whether every tensor among ``args`` is an inference tensor: PyTorch runs no autograd
    layer for such an operation, so a tangent one of them carries (a dual made of it with
    `make_dual`) goes no further; with one normal tensor among them it does."""
    tensors = [a for a in args if isinstance(a, Tensor)]
    return bool(tensors) and all(t.is_inference() for t in tensors)


def tangents_unrecorded(function: Any, args: tuple[Any, ...], recorded: bool) -> Any:
    """An operation that is not recorded (grad mode off, or no input requires grad), called
    by `Function.apply` while tangents are followed: its results, carrying their tangents,
    when an input carries one, else None (apply goes on as usual). PyTorch's forward AD
    ignores grad mode: under ``no_grad``, ``y = x * 3`` does not require grad, yet carries
    3·tangent (``inference_mode`` turns forward AD off). The results are found on stand-ins
    (`_on_stand_ins`) and handed back detached, each a dual of its own (remembered with its
    tangent, as `make_dual` remembers one): a view is made again, unrecorded, from the
    inputs, so that it shares their memory.

    A custom Function's forward runs with forward AD off (as in PyTorch): a recorded one is
    applied here again with `Tangents.custom_forwards` counting, and what its forward
    computes carries no tangent (its own ``jvp`` gives them, see `tangents_as_recorded`)."""
    if _forward_ad_off() or _inference_only(args):
        return None
    if recorded:  # (a custom Function: only those come here recorded)
        Tangents.custom_forwards += 1
        try:
            return function.apply(*args)
        finally:
            Tangents.custom_forwards -= 1
    source = Tangents.active[-1]
    ran = _on_stand_ins(function, args, source)
    if ran is None:
        return None
    result, found, plain = ran
    if function.is_view:
        Tangents.paused += 1
        try:
            result = function.apply(*plain)
        finally:
            Tangents.paused -= 1
    many = type(result) is tuple
    outputs = [o if function.is_view or not isinstance(o, Tensor) else o.detach()
               for o in (result if many else (result,))]
    for out, tangent in zip(outputs, found):
        if tangent is not None:  # (PyTorch's formula runs under the caller's grad mode:
            if not grad_mode.state.enabled and tangent.requires_grad:  # under no_grad, a
                tangent = (_view_without_history(tangent) if function.is_view  # tangent
                           else tangent.detach())  # that requires grad gives one with no
            source.remember(out, tangent)  # history; a view's is a view made under no_grad)
    return tuple(outputs) if many else outputs[0]


def _view_without_history(tangent: Tensor) -> Tensor:
    """A view's ``tangent`` as PyTorch's formula gives it under no_grad: the same view of
    the same base, made under no_grad (it requires grad through its base, with no grad_fn
    of its own)."""
    if tangent._base is None:
        return tangent.detach()
    with grad_mode.no_grad():
        return tangent._base.as_strided(tangent.shape, tangent.stride(),
                                        tangent.storage_offset())


def _on_stand_ins(function: Any, args: tuple[Any, ...], source: Tangents,
                  ) -> tuple[Any, list[Tensor | None], list[Any]] | None:
    """``function`` recorded on stand-ins, so that `tangents_as_recorded` finds its outputs'
    tangents: each input that carries a tangent is stood in for by a helper dual with its
    values and tangent. Returns (the result, each output's tangent, the arguments with those
    inputs detached), or None when no input carries a tangent."""
    inputs, plain = list(args), list(args)
    for i, a in enumerate(args):
        if isinstance(a, Tensor) and (tangent := source.tangent_of(a, near=True)) is not None:
            plain[i] = a.detach()
            plain[i]._tangent_base = a  # (a view of it is a view of a: tangent_moves_in)
            inputs[i] = source.scope.own(a.detach().requires_grad_())
            source.remember(inputs[i], tangent)
    if all(a is b for a, b in zip(inputs, args)):
        return None
    recording.integer_results_pass[0] += 1
    try:
        with grad_mode.enable_grad():
            result = function.apply(*inputs)
    finally:
        recording.integer_results_pass[0] -= 1
    found = [source.tangent_of(o) if _carries_a_tangent(o) else None
             for o in (result if type(result) is tuple else (result,))]
    return result, found, plain


def tangent_moves_in(target: Tensor, result: Tensor) -> None:
    """``result`` of an in-place change not recorded (``x.mul_(2)`` under no_grad) was
    written into ``target``: target now carries result's tangent, as PyTorch's dual does
    (zeros for a dual whose new value does not depend on any tangent)."""
    if not Tangents.active or _forward_ad_off():
        return
    source = Tangents.active[-1]
    tangent = source.own_tangent(result)
    if tangent is None:
        if source.own_tangent(target) is None:
            return
        tangent = zeros_like(target)
    source.remember(target, tangent_after_change(source, target, tangent))
    while target._base is not None:  # (a view: its base's tangent changes there too, and
        base = getattr(target._base, "_tangent_base", target._base)  # so on up)
        target, tangent = base, _base_takes_tangent(base, target, tangent, source)


def _base_takes_tangent(base: Tensor, view: Tensor, tangent: Tensor,
                        source: Tangents) -> Tensor:
    """``view`` of ``base`` now carries ``tangent``: base's tangent, laid out in memory as
    base is (see `make_dual`), takes it at the view's place (zeros elsewhere when base
    carried none). Returns base's new tangent."""

    before = source.tangent_of(base, near=True)
    laid = in_layout_of(base, before if before is not None else zeros_like(base))
    laid.as_strided(view.shape, view.stride(), view.storage_offset()).copy_(tangent)
    source.remember(base, laid)
    return laid


def _may_have_tangent(value: Any) -> bool:
    """A floating or complex tensor: one a tangent can belong to."""
    return isinstance(value, Tensor) and (value.is_floating_point() or value.is_complex())


def _carries_a_tangent(output: Any) -> bool:
    """Whether a result recorded on stand-ins can carry a tangent: a floating or complex
    tensor in the graph (an integer result, ``x.long()``, carries none)."""
    return isinstance(output, Tensor) and output.requires_grad and (
        output.is_floating_point() or output.is_complex())
