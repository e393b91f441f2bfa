"""One recorded node for a computation the kit writes out of other operations.

Some layers are built from the kit's own operations (a 3-D convolution from 2-D ones over
depth slices, ``grid_sample`` from gathers and weights, …), where PyTorch has one operation
with one node (``ConvolutionBackward0``, ``GridSampler2DBackward0``). `Composite` runs such a
computation as one node under PyTorch's name, so ``grad_fn`` and ``next_functions`` read as
they do there, while the calculus stays that of the operations it is made of:

    forward:   out = run(*inputs)                                  (recorded as one node)
    backward:  ∂L/∂inputs = vjp of run at inputs with grad: autograd.grad(run(*inputs),
               inputs, grad), re-running run with recording on

Under ``create_graph=True`` the gradient is itself one recorded node (PyTorch's
``…BackwardBackward0``), made the same way: its re-run is on the saved inputs themselves, so
the gradients are recorded all the way back to them (second and third derivatives work);
without it, the re-run is on detached copies, and nothing is recorded.

A subclass names the node: ``class Conv3dNode(Composite): node_name = "ConvolutionBackward0"``.
Arguments: ``apply(run, *inputs)``; ``run`` takes the inputs (tensors, or None where a tensor
is left out, or plain options) and returns one tensor.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, partial
from typing import Any

from .. import grad_mode
from ..autograd import grad as autograd_grad
from ..creation import zeros, zeros_like
from ..function import Function
from ..ops.preserved_layout import in_suggested_order, row_major
from ..tensor import Tensor


class Composite(Function):
    """out = run(*inputs), one node;   ∂L/∂xᵢ = (∂run/∂xᵢ)ᵀ · grad, by running run again.

    ``run`` may return several tensors (one output each). Under create_graph the gradient is
    itself one recorded node, named as PyTorch names the backward of the backward
    (``ConvolutionBackward0`` → ``ConvolutionBackwardBackward0``), made the same way. When
    ``run`` is linear in its inputs (``linear = True``), that node depends on the incoming
    gradient only, as PyTorch's do (resampling). ``backward_op``: PyTorch's name for the
    op computing this node's gradient when that op has no derivative of its own
    (``_pdist_backward``): the gradient node is still recorded under create_graph, but
    a backward through it is refused with PyTorch's NotImplementedError.
    ``plain_gradient``: under create_graph the gradient is recorded op by op, not as one node
    (PyTorch's formula for it is made of operations: layer norm's double backward).
    ``no_gradient``: positions of ``apply``'s arguments (``run`` is position 0) that get an
    edge but never a gradient (PyTorch's formula has none for them: the bias of
    ``native_layer_norm_backward``).
    ``saves_outputs``: the node also keeps its outputs, as PyTorch's does (an LSTM layer's
    y, h_n, c_n), so an in-place change of one is refused in backward; the gradient itself
    does not read them.
    ``row_major_gradients``: the gradients are laid out row-major (as PyTorch's kernel
    allocates them), whatever layout the operations of ``run`` leave them in;
    ``gradients_like_grad``: channels-last where the incoming gradient suggests it, else
    as they come (antialiased bilinear resampling's backward kernel).
    A ``run`` with a ``double_backward`` attribute (a plain_gradient's) has its gradient
    written out as PyTorch's formula: ``double_backward(wanted, *grads, *inputs)``, instead
    of differentiating ``run`` again.
    A ``run`` with a ``gradient_layout`` attribute (a plain_gradient's): called as
    ``gradient_layout(inputs, wanted, gradients)``, it returns the gradients laid out as
    PyTorch's formula leaves them (views of the shapes it computes them in).
    """

    linear = False
    saves_outputs = False
    backward_op: str | None = None
    refused: str | None = None  # (on a gradient node: the op whose derivative is missing)
    plain_gradient = False
    no_gradient: tuple[int, ...] = ()
    row_major_gradients = False
    gradients_like_grad = False

    @staticmethod
    def forward(ctx: Any, run: Callable[..., Any], *inputs: Any) -> Any:
        with grad_mode.no_grad():
            out = run(*inputs)
        ctx.run = run
        if ctx._function.plain_gradient:  # (an output no gradient reached adds no term)
            ctx.set_materialize_grads(False)
        if ctx._function.linear:  # its gradient reads no input's values, only its size
            ctx.options = tuple(_Shape(x) if isinstance(x, Tensor) else x for x in inputs)
        else:
            ctx.save_for_backward(*(x if isinstance(x, Tensor) else None for x in inputs),
                                  *_outputs_kept(ctx._function, out))
            ctx.options = tuple(None if isinstance(x, Tensor) else x for x in inputs)
        return tuple(o._data for o in out) if isinstance(out, tuple) else out._data

    @staticmethod
    def backward(ctx: Any, *grads: Tensor | None) -> tuple[Any, ...]:
        cls = ctx._function
        if cls.refused is not None:
            raise NotImplementedError(f"the derivative for '{cls.refused}' is not implemented.")
        saved = (None,) * len(ctx.options) if cls.linear else ctx.saved_tensors
        wanted = tuple(need and i not in cls.no_gradient  # (i: position among apply's args)
                       for i, need in enumerate(ctx.needs_input_grad[1:], start=1))
        inputs = [option if x is None else x for x, option in zip(saved, ctx.options)]
        inputs = [x.stand_in() if isinstance(x, _Shape) else x for x in inputs]
        if cls.plain_gradient or not grad_mode.is_grad_enabled():
            # a plain backward records nothing; a plain_gradient is recorded op by op
            formula = getattr(ctx.run, "double_backward", None)
            found = (formula(wanted, *grads, *inputs) if formula is not None else
                     _vjp(ctx.run, wanted, len(grads), *grads, *inputs,
                          materialize=not cls.plain_gradient,
                          row_major=cls.row_major_gradients,
                          like_grad=cls.gradients_like_grad))
            layout = getattr(ctx.run, "gradient_layout", None)
            found = iter(found if layout is None else layout(inputs, wanted, found))
        else:  # under create_graph: one node for the gradient, which can be differentiated
            name = cls.node_name.replace("Backward0", "BackwardBackward0")
            run = partial(_vjp, ctx.run, wanted, len(grads),
                          row_major=cls.row_major_gradients, like_grad=cls.gradients_like_grad)
            if cls.linear:  # the inputs are constants to it: no edges to them
                inputs = [_Held(x) if isinstance(x, Tensor) else x for x in inputs]
            node = composite_named(name, refused=cls.backward_op,
                                  row_major_gradients=cls.row_major_gradients)
            found = iter(node.apply(run, *grads, *inputs))
        return (None, *(next(found) if need else None for need in wanted))


def _outputs_kept(cls: type[Composite], out: Any) -> tuple[Any, ...]:
    """The output arrays a ``saves_outputs`` node saves (as the node's outputs), else none."""
    if not cls.saves_outputs:
        return ()
    return tuple(o._data for o in out) if isinstance(out, tuple) else (out._data,)


def _vjp(run: Callable[..., Any], wanted: tuple[bool, ...], n_outputs: int,
         *grads_and_inputs: Any, materialize: bool = True, row_major: bool = False,
         like_grad: bool = False) -> Any:
    """(∂run/∂xᵢ)ᵀ · grads for the wanted inputs xᵢ: run once more, with recording on (on
    aliases of the inputs when recording, so the result is differentiable again, while only
    run's own use of each input is differentiated, not a path through another input's
    history back to it: an incoming gradient that depends on the weight). An input run does
    not use gets zeros, or None unless ``materialize`` (a formula made of operations, as
    PyTorch's double backwards: no term for it, an undefined gradient); ``row_major``: each
    gradient made row-major; ``like_grad``: channels-last where the first incoming gradient
    suggests it."""
    grads, inputs = grads_and_inputs[:n_outputs], list(grads_and_inputs[n_outputs:])
    inputs = [x.tensor if isinstance(x, _Held) else x for x in inputs]
    recording = grad_mode.is_grad_enabled()
    for i, (x, need) in enumerate(zip(inputs, wanted)):
        if isinstance(x, Tensor) and not (recording and x.requires_grad):
            inputs[i] = x.detach().requires_grad_(need)
        elif isinstance(x, Tensor):
            inputs[i] = x.view_as(x)
    targets = [x for x, need in zip(inputs, wanted) if need]
    with grad_mode.enable_grad():
        out = run(*inputs)
        outs = out if isinstance(out, tuple) else (out,)
        pairs = [(o, g) for o, g in zip(outs, grads) if g is not None and o.requires_grad]
        if not pairs:  # run does not depend on them (grid_sample's nearest mode): zeros
            return tuple(zeros_like(x) if materialize else None for x in targets)
        found = autograd_grad([o for o, _ in pairs], targets, [g for _, g in pairs],
                              create_graph=recording, allow_unused=True,
                              materialize_grads=materialize)
    if row_major:
        found = tuple(g if g is None else _row_major(g.contiguous()) for g in found)
    if like_grad and grads[0] is not None:
        found = tuple(_laid_out_like(g, grads[0]) for g in found)
    for g in found:  # PyTorch's one node returns new tensors (version 0), whatever in-place
        if g is not None and g._base is None:  # writes the kit's steps inside made
            g._version_counter = [0]
    return tuple(found)


def _row_major(g: Tensor) -> Tensor:
    """A new gradient ``g`` (contiguous), with PyTorch's strides at its size-1 dimensions
    too (the values stay where they are; a recorded view stays as it is)."""
    data = row_major(g._xp, g._data)
    if data is g._data or g._base is not None and g.grad_fn is not None:
        return g
    if g._base is not None:  # (not recorded: the view was a step of the kit's own)
        return Tensor._make(data)
    g._data = data
    return g


def _laid_out_like(g: Tensor | None, grad: Tensor) -> Tensor | None:
    """A new gradient ``g``, channels-last where ``grad`` suggests it (a recorded one stays
    as it is)."""
    if g is None or g.grad_fn is not None:
        return g
    data = in_suggested_order(g._xp, g._data, grad._data)
    return g if data is g._data else Tensor._make(data)


class _Shape:
    """What a linear composite keeps of an input: its size, dtype and device (as PyTorch's
    resampling nodes keep ``self_sym_sizes``), so a second backward finds nothing freed."""

    def __init__(self, tensor: Tensor) -> None:
        self.shape, self.dtype, self.device = tuple(tensor.shape), tensor.dtype, tensor.device

    def stand_in(self) -> Tensor:
        """Zeros of that size: the gradient of a linear run is the same at every point."""
        return zeros(self.shape, dtype=self.dtype, device=self.device)


class _Held:
    """A tensor passed to a node as a constant (no edge), for linear composites."""

    def __init__(self, tensor: Tensor) -> None:
        self.tensor = tensor.detach()


@cache
def composite_named(node_name: str, **settings: Any) -> type[Composite]:
    """The `Composite` recorded under ``node_name`` (one class per name and settings, made
    once); ``settings`` are its class attributes (``linear``, ``refused``, ``no_gradient``,
    ``plain_gradient``, and Function's ``optional_inputs``, ``saved_tensor_names``, and
    ``saved_options`` given as names: each read from the node's attribute of that name, or
    as (name, reader) pairs: ``reader(node)`` gives it)."""
    if "saved_options" in settings:
        settings["saved_options"] = dict(option if isinstance(option, tuple) else (option, None)
                                         for option in settings["saved_options"])
    return type(node_name.removesuffix("0"), (Composite,), {
        "node_name": node_name, "__module__": __name__, **settings,
        "__doc__": f"A composite recorded as PyTorch's ``{node_name}`` (see `Composite`)."})
