"""The backward graph's nodes, and `Function`: the one mechanism every operation uses.

Each recorded operation creates one *node* (``MulBackward0``, ``ExpBackward0``, …). A node
knows the inputs it feeds (``next_functions``: pairs of node and output number), keeps the
tensors its rule needs (``save_for_backward``), and computes the gradients for its inputs
from the gradient of its output (``apply``). Leaves that require grad are reached through an
``AccumulateGrad`` node, which adds the arriving gradient into the leaf's ``.grad``.

Built-in operations and user-defined ones are both `Function` subclasses: a static
``forward(ctx, *inputs)`` and a static ``backward(ctx, *grads)``, connected by `Function.apply`.
"""

from __future__ import annotations

import operator
import warnings
import weakref
from collections.abc import Callable
from typing import Any

import numpy

from . import grad_mode
from .function_arguments import in_order, with_defaults
from .function_forward import run_forward
from .function_transforms import check_transformable, transforms_running
from .hooks import RemovableHandle
from .node_saved_values import (
    SavedValuesOnDemand,
    SavedValuesView,
    saved_value_properties,
    unpacked_saved_tensors,
)
from .recording import (
    as_output,
    check_dirty_returned,
    connect,
    edges_before_forward,
    mark_custom_views,
    refuse_saving_returned_input,
    take_marks,
    without_history,
)
from .saved_tensor import FreedTensor, SavedTensor
from .tensor import Tensor
from .view_outputs import _share_memory
from .write_only_attributes import WriteOnly

# Callbacks told about every recorded operation (see autograd.graph.recording).
record_listeners: list[Callable[[Node, tuple[Tensor, ...], tuple[Any, ...]], None]] = []
# Set while forward AD is on (autograd.forward_ad.Tangents): an operation not recorded (and a
# custom Function) goes there first, given (function, args, recorded); it returns the
# results when it handled the call (forward_ad_operations.tangents_unrecorded), else None.
forward_only: list[Callable[[type[Function], tuple[Any, ...], bool], Any]] = []

_CPP_NAMES = {n: "torch::autograd::" + n
              for n in ("AccumulateGrad", "CopySlices", "CopyBackwards", "NotImplemented")}
_CPP_NAMES["CppFunction"] = "torch::autograd::Identity"  # (forward AD's primal view)


def read_only_node_attribute(name: str, doc: str) -> property:
    """``node.<name>``, kept as ``node._<name>`` (only recording sets it): assigning or
    deleting it is PyTorch's error."""
    def refuse(node: Node, *value: Any) -> None:
        node._refuse_writing(name)

    return property(operator.attrgetter(f"_{name}"), refuse, refuse, doc=doc)


class Node(SavedValuesView):
    """A node of the backward graph. Subclasses implement ``apply(*grads) -> tuple``."""

    __module__ = "autograd_kit.autograd.graph"  # its public home, as PyTorch shows it

    # Defaults shared by every node (an instance stores only what it changes: one node is
    # made per recorded operation, so this keeps recording cheap).
    _next_functions: tuple[tuple[Node | None, int], ...] = ()  # (node, output_nr) per input
    _input_shapes: tuple[tuple[int, ...] | None, ...] = ()  # to check returned gradients
    _input_dtypes: tuple[Any, ...] | None = None  # set when inputs' dtypes differ (engine casts)
    _input_devices: tuple[Any, ...] | None = None  # set when an input is on a GPU (engine checks)
    num_outputs = 1
    _non_differentiable_outputs: list[int] | tuple[()] = ()  # their positions among outputs
    _saved: list[SavedTensor | Any] | None = None
    _freed = False  # True once backward released the saved tensors
    _saved_cleared = False  # True once read with clear_saved_tensors_on_access
    _tensor_hooks: dict[int, list[dict]] | None = None  # output_nr -> tensors' hook tables
    _retained: dict[int, weakref.ref] | None = None  # output_nr -> retain_grad() tensor
    _pre_hooks: list[Callable] | None = None  # node.register_prehook
    _post_hooks: list[Callable] | None = None  # node.register_hook
    _watched = False  # True once any of the four above was made (see `_watch`)
    _pack_order: list[int] | None = None  # order saved values were packed (saved-tensor hooks)
    _released: list[Any] | None = None  # what was saved, once freed (see release_saved)
    _builtin_rule = False  # True for the nodes of the kit's own Functions (see run_rule)
    _quick_rule = False  # … with one output and plain inputs (see Function.__init_subclass__)

    # creation order, given when recorded (recording.connect): the engine runs the newest
    # ready node first; AccumulateGrad's is infinite (PyTorch: the largest number)
    sequence_number: float = 0

    def _sequence_nr(self) -> int:
        """PyTorch's spelling of `sequence_number` (2**64 - 1 for AccumulateGrad)."""
        return 2**64 - 1 if self.sequence_number == float("inf") else int(self.sequence_number)

    def _set_sequence_nr(self, number: int) -> None:
        self.sequence_number = number

    @property
    def metadata(self) -> dict[str, Any]:
        """A dict for your own notes about this node (as in PyTorch)."""
        if "_metadata" not in self.__dict__:
            self._metadata: dict[str, Any] = {}
        return self._metadata

    @metadata.setter
    def metadata(self, value: Any) -> None:
        self._refuse_writing("metadata")

    def _refuse_writing(self, name: str) -> None:
        """PyTorch's error for writing a node's read-only attribute (a Python Function's node
        is named by its C++ base class there, spelled with the kit's name)."""
        custom = getattr(getattr(self, "_function", None), "_checked", False)
        owner = "autograd_kit._C._FunctionBase" if custom else type(self).__name__
        raise AttributeError(f"attribute '{name}' of '{owner}' objects is not writable")

    next_functions = read_only_node_attribute(
        "next_functions", "(node, output_nr) of each input: where gradients go next.")

    def name(self) -> str:
        """The node's name as PyTorch spells it, e.g. ``MulBackward0``.

        Four nodes are written in C++ in PyTorch, and ``name()`` gives their C++ name:
        ``torch::autograd::AccumulateGrad``, ``…::CopySlices``, ``…::CopyBackwards`` and
        ``…::NotImplemented`` (an op without a derivative); ``type(node).__name__`` is the
        short name.
        """
        short = type(self).__name__
        return _CPP_NAMES.get(short, short)

    def apply(self, *grads: Tensor | None) -> tuple[Tensor | None, ...]:
        raise NotImplementedError

    def __call__(self, *grads: Tensor | None) -> Any:
        """Run this node's rule by hand: one gradient back per input (the gradient itself
        for a node with one input, as PyTorch gives it); None in, None out."""
        skipped = self._non_differentiable_outputs  # (max's indices: given no gradient)
        expected = self.num_outputs - len(skipped)
        if len(grads) != expected:  # (PyTorch's wording, its checks in this order)
            raise TypeError(f"expected {expected} arguments, got {len(grads)} instead")
        for position, grad in enumerate(grads):
            if grad is not None and not isinstance(grad, Tensor):
                raise TypeError(f"argument {position} is not a Variable")
        if skipped:
            given = iter(grads)
            grads = tuple([None if nr in skipped else next(given)
                           for nr in range(self.num_outputs)])
        inputs = len(self.next_functions)
        if all(g is None for g in grads):
            results: tuple[Tensor | None, ...] = (None,) * inputs
        else:
            results = self.apply(*grads)
        return results[0] if inputs == 1 else results

    def release_saved(self) -> None:
        """Drop the saved tensors (done after backward unless ``retain_graph=True``).

        What was saved is remembered without the data (``_saved_meta``), so a drawing can
        still say which values were freed. (The list is reused: each saved tensor in it is
        replaced by its description; numbers and None hold no memory and stay as they are.)
        """
        saved = self._saved
        if saved is not None:
            self._saved = None
            self._freed = True
            for i, value in enumerate(saved):
                if type(value) is SavedTensor:
                    saved[i] = value.free()
            self._released = saved

    @property
    def _saved_meta(self) -> list[tuple[Any, ...]] | None:
        """For each value saved, once freed: (a weak reference to the tensor or None, shape,
        dtype or the value's type, whether it was the node's output)."""
        released = self._released
        if released is None:
            return None
        return [value if type(value) is FreedTensor else (None, None, type(value), False)
                for value in released]

    @property
    def requires_grad(self) -> bool:
        """True: a node is recorded only when one of its inputs requires grad."""
        return True

    @requires_grad.setter
    def requires_grad(self, value: Any) -> None:
        self._refuse_writing("requires_grad")

    @property
    def saved_tensors(self) -> tuple[Any, ...]:
        """The values saved by ``save_for_backward``, checked against in-place changes (and
        handed over only once when the Function sets ``clear_saved_tensors_on_access``)."""
        values = unpacked_saved_tensors(self)
        if not self._builtin_rule and getattr(self, "_function", Function
                                              ).clear_saved_tensors_on_access:
            self._saved, self._saved_cleared = [], True  # (the node lets go of them)
        return values

    def _watch(self, attribute: str, empty: Any) -> Any:
        """The node's hooks (or retained tensors) kept in ``attribute``, made from ``empty``
        on first use. The engine's quick step skips a node with none (`_watched` False),
        so every hook of a node is added through here."""
        container = getattr(self, attribute)
        if container is None:
            container = empty
            setattr(self, attribute, container)
            self._watched = True
        return container

    def _register_hook_dict(self, tensor: Tensor) -> None:
        """Run the hooks of ``tensor._backward_hooks`` (the table as it is then) on the
        gradient for ``tensor``'s output of this node (what ``tensor.register_hook`` does
        with its first hook)."""
        self._watch("_tensor_hooks", {}).setdefault(tensor._output_nr, []).append(
            tensor._backward_hooks)

    def register_prehook(self, hook: Callable) -> Any:
        """Call ``hook(grad_outputs)`` when the gradient has arrived, before the rule runs;
        returning a tuple replaces ``grad_outputs``."""
        return RemovableHandle(self._watch("_pre_hooks", []), hook)

    def register_hook(self, hook: Callable) -> Any:
        """Call ``hook(grad_inputs, grad_outputs)`` after the rule ran; returning a tuple
        replaces ``grad_inputs`` (the gradients sent to the inputs)."""
        return RemovableHandle(self._watch("_post_hooks", []), hook)

    def __repr__(self) -> str:  # PyTorch shows the short name: <AccumulateGrad object at …>
        return f"<{type(self).__name__} object at {hex(id(self))}>"


class BackwardFunction(Node):
    """The node (and ``ctx``) created when a `Function` is applied.

    It is the ``ctx`` that ``forward`` and ``backward`` receive: attributes set on it in
    forward are there in backward, and ``save_for_backward`` keeps tensors with a version check.
    """

    _function: type[Function]
    _to_save: tuple[Any, ...] = ()
    needs_input_grad: tuple[bool, ...] = ()
    _input_positions: list[int] | None = None  # which forward arguments have edges (None: all)
    _non_differentiable: frozenset[int] | set[int] = frozenset()
    _dirty: frozenset[int] | set[int] = frozenset()
    _dirty_returned: frozenset[int] | set[int] = frozenset()  # (each bumps its version once)
    # what forward last gave mark_dirty / mark_non_differentiable (it may set them directly
    # too); recording.take_marks reads them once forward returns, and sets them back to None
    dirty_tensors: tuple[Any, ...] | None = None
    non_differentiable: tuple[Any, ...] | None = None
    materialize_grads, _materialize_grads = WriteOnly("_materialize_grads"), True
    saved_for_forward: tuple[Any, ...] | None = None  # (see save_for_forward)

    @property
    def _forward_cls(self) -> type[Function]:
        """The Function class this node belongs to (PyTorch's name for it)."""
        return self._function

    def save_for_backward(self, *values: Any) -> None:
        """Keep these for backward (tensors are checked against later in-place changes)."""
        self._to_save = values

    @property
    def to_save(self) -> tuple[Any, ...] | None:
        """What forward gave ``save_for_backward`` (None before, and once recorded)."""
        return self._to_save or None

    def save_for_forward(self, *tensors: Any) -> None:
        """Keep tensors (or None) for the Function's ``jvp`` rule, as ``saved_for_forward``."""
        if not all(t is None or isinstance(t, Tensor) for t in tensors):
            raise AssertionError("save_for_forward expects all arguments to be tensors; you "
                                 "should save non-tensors as attributes on ctx.")
        self.saved_for_forward = tensors

    def mark_non_differentiable(self, *outputs: Any) -> None:
        """Outputs (like indices) that never carry a gradient (as in PyTorch, a second call
        replaces the first's)."""
        self.non_differentiable = outputs

    def set_materialize_grads(self, value: bool) -> None:
        """When False, ``backward`` receives None instead of zeros for unused outputs."""
        self.materialize_grads = value

    def __repr__(self) -> str:
        if self._function._checked:  # PyTorch shows a Python Function's node with its module
            return (f"<autograd_kit.autograd.function.{type(self).__name__} object at "
                    f"{hex(id(self))}>")
        return super().__repr__()

    def mark_dirty(self, *tensors: Tensor) -> None:
        """Inputs that forward changed in place: returned as they are, with this node as
        their ``grad_fn`` and their version moved on (as ``x.add_(1)`` would). As in PyTorch,
        a second call replaces the first's."""
        self.dirty_tensors = tensors

    @property
    def saved_variables(self) -> tuple[Any, ...]:
        """The old name of ``saved_tensors``."""
        warnings.warn("'saved_variables' is deprecated; use 'saved_tensors'", DeprecationWarning,
                      stacklevel=2)
        return self.saved_tensors

    def mark_shared_storage(self, *pairs: Any) -> None:
        """Once needed to tell tensors sharing memory apart; now a no-op with PyTorch's warning."""
        warnings.warn("`mark_shared_storage` is deprecated. Tensors with shared storages are "
                      "automatically tracked. Note that calls to `set_()` are not tracked",
                      FutureWarning, stacklevel=2)

    def __call__(self, *grads: Tensor | None) -> Any:
        if self._function._checked:  # a Python Function's node is not callable in PyTorch
            raise TypeError(f"'{type(self).__name__}' object is not callable")
        return super().__call__(*grads)

    def apply(self, *grads: Tensor | None) -> tuple[Tensor | None, ...]:
        function = self._function
        backward = function.backward
        if function._checked and function.vjp is not Function.vjp:  # (its other name)
            if backward is not Function.backward:
                raise RuntimeError("Implementing both 'backward' and 'vjp' for a custom "
                                   "Function is not allowed. You should only implement one "
                                   "of them.")
            backward = function.vjp
        result = backward(self, *grads)
        return self._input_gradients(result if isinstance(result, tuple) else (result,))

    def _input_gradients(self, result: tuple[Any, ...]) -> tuple[Any, ...]:
        """What the rule returned (one value per forward argument), as one gradient per
        input: Nones at the end (for options: Add's alpha) are dropped, and the options'
        places (a dim, a shape) left out."""
        expected = len(self.needs_input_grad)
        if len(result) != expected:
            if len(result) < expected or not _all_none(result[expected:]):
                raise RuntimeError(f"function {self.name()} returned an incorrect number of "
                                   f"gradients (expected {expected}, got {len(result)})")
            result = result[:expected]
        positions = self._input_positions
        if positions is None:
            return result
        if self._function._checked:
            _check_gradients_of_options(self, result, positions)
        return tuple([result[i] for i in positions])


def _all_none(values: tuple[Any, ...]) -> bool:
    """Whether every value is None (a plain loop: cheaper than ``all`` over a generator)."""
    for value in values:
        if value is not None:
            return False
    return True


def _check_gradients_of_options(node: BackwardFunction, result: tuple[Any, ...],
                                 positions: list[int]) -> None:
    """A gradient for a forward argument that was not a tensor is a mistake: PyTorch's error."""
    for i, g in enumerate(result):
        if g is not None and i not in positions:
            raise RuntimeError(
                f"function {node.name()} returned a gradient different than None at position "
                f"{i + 1}, but the corresponding forward input was not a Variable"
            )


class Function:
    """Base class of every operation: a static ``forward`` and a static ``backward``.

    Subclass it to add your own operation, exactly as in PyTorch::

        class MyReLU(Function):
            @staticmethod
            def forward(ctx, x):
                ctx.save_for_backward(x)
                return x.clamp(min=0)

            @staticmethod
            def backward(ctx, grad):
                (x,) = ctx.saved_tensors
                return grad * (x > 0)

        y = MyReLU.apply(x)

    ``forward`` runs without recording (it may use tensor operations or, in the kit's own
    operations, raw arrays); ``backward`` is written with tensor operations, so that under
    ``create_graph=True`` it is itself recorded and can be differentiated again.
    """

    __module__ = "autograd_kit.autograd.function"  # its public home, as PyTorch shows it

    # The backward node's name; PyTorch names a custom Function's node "<Name>Backward".
    node_name: str | None = None
    # Whether Python numbers among the inputs get a (None, 0) entry in next_functions, as
    # PyTorch's built-in arithmetic does for the numbers it wraps into tensors.
    numbers_are_inputs = False
    # A view shares its input's data and version counter (reshape, transpose, slicing, …).
    is_view = False
    # Lays out forward's array as PyTorch lays out the result, given (array, args): a
    # reduction over a dim row-major whatever x's layout (ops/preserved_layout.row_major_result),
    # an elementwise result of several tensors in their layout (operands_layout)
    result_layout: Callable[[Any, tuple[Any, ...]], Any] | None = None
    # An assignment by index writes only a part of its target (memory_overlap is checked
    # against that part, by the assignment itself).
    writes_a_part = False
    # Positions of tensor arguments that never get an edge, as in PyTorch's own operations
    # (nll_loss's integer target, a loss's weight): they are options, like a ``dim``.
    non_inputs: tuple[int, ...] = ()
    # Positions of optional tensor inputs (PyTorch's ``Tensor?``): left out (None), they
    # still get a (None, 0) edge, as ``clamp(x, min_tensor)``'s missing max does.
    optional_inputs: tuple[int, ...] = ()
    # What the node shows as ``_saved_*`` (node_saved_values.py): PyTorch's names for the
    # values save_for_backward got, in order (None: not shown; left as None, inputs are
    # ``self`` and ``other`` and the output ``result``), and every other saved value PyTorch
    # shows, each with where it is kept (a ctx attribute's name, or a function of the node).
    saved_tensor_names: tuple[str | None, ...] | None = None
    saved_options: dict[str, Any] = {}

    _node_class: type[BackwardFunction]
    _has_setup_context = False

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        name = cls.__dict__.get("node_name") or cls.__name__ + "Backward"
        users = not cls.__module__.startswith("autograd_kit.")
        # type(y.grad_fn) reads as PyTorch's: <class 'MulBackward0'> (a built-in node), or
        # <class '…autograd.function.MyFunctionBackward'> for a learner's own Function
        module = "autograd_kit.autograd.function" if users else "builtins"
        # _quick_rule: a kit rule whose node has one output and its inputs in a row, all on
        # the CPU in the result's dtype (run_rule's shortest path); `connect` clears it
        namespace = {"_function": cls, "__doc__": cls.__doc__, "__module__": module,
                     "_builtin_rule": not users, "_quick_rule": not users}
        if users:  # (PyTorch frees a learner's node after backward whatever it saved: its
            namespace["_saved"] = ()  # saved_tensors are refused then, even when empty)
        # its _saved_* attributes: properties when the Function declares them, else looked
        # up when asked
        namespace.update(saved_value_properties(cls)
                         or {"__getattr__": SavedValuesOnDemand.__getattr__})
        cls._node_class = cls._backward_cls = type(name, (BackwardFunction,), namespace)
        # The newer style: forward(*inputs) without ctx, and setup_context(ctx, inputs, output)
        cls._has_setup_context = cls.setup_context is not Function.setup_context
        # A learner's own Function gets PyTorch's checks of what it saves and returns
        # (the kit's operations are written to pass them, so they skip the cost).
        cls._checked = not cls.__module__.startswith("autograd_kit.")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        warnings.warn(
            f"{type(self)} should not be instantiated. Methods on autograd functions are all "
            "static, so you should invoke them on the class itself. Instantiating an autograd "
            "function will raise an error in a future version of PyTorch.", DeprecationWarning,
            stacklevel=2)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        raise RuntimeError(
            "Legacy autograd function with non-static forward method is deprecated. Please use "
            "new-style autograd function with static forward method. (Example: "
            "https://pytorch.org/docs/stable/autograd.html#torch.autograd.Function)")

    @staticmethod
    def forward(ctx: Any, *args: Any, **kwargs: Any) -> Any:
        raise NotImplementedError("You must implement the forward function for custom "
                                  "autograd.Function.")

    @staticmethod
    def backward(ctx: Any, *grads: Any) -> Any:
        raise NotImplementedError(
            "You must implement either the backward or vjp method for your custom "
            "autograd.Function to use it with backward mode AD.")

    vjp = backward  # (the same rule under its other name: override one of them)

    @staticmethod
    def jvp(ctx: Any, *grad_inputs: Any) -> Any:
        """PyTorch's forward-mode rule. The kit's forward mode (`autograd.forward_ad`) goes
        through ``backward`` instead, so it never calls this."""
        raise NotImplementedError("You must implement the jvp function for custom "
                                  "autograd.Function to use it with forward mode AD.")

    generate_vmap_rule = False
    clear_saved_tensors_on_access = False  # True: backward may read saved_tensors only once

    @staticmethod
    def vmap(info: Any, in_dims: Any, *args: Any) -> Any:
        raise NotImplementedError("To use autograd.Function with vmap, you must either override "
                                  "the vmap staticmethod or set generate_vmap_rule=True.")

    @staticmethod
    def setup_context(ctx: Any, inputs: tuple[Any, ...], output: Any) -> Any:
        """The other way to write a Function: ``forward(*inputs)`` without ``ctx``, and this
        to fill ``ctx`` from the inputs and the output (PyTorch ≥ 2.0)."""
        raise NotImplementedError("setup_context is not implemented.")

    @classmethod
    def apply(cls, *args: Any, **kwargs: Any) -> Any:
        """Run ``forward``; when any input requires grad (and recording is on), record a node.
        (Arguments given by name are put in ``forward``'s order first.)"""
        if kwargs:
            args = in_order(cls, args, kwargs)
        if cls._has_setup_context:  # forward without ctx
            args = with_defaults(cls.forward, args)
        ctx = cls._node_class()
        state = grad_mode.state
        enabled = state.enabled  # (read once: the flag is per thread, a little dearer)
        checked = cls._checked
        if checked and transforms_running["any"]:
            check_transformable(cls)
        # known before forward runs, so forward can save only what is needed
        if enabled or checked:
            ctx.needs_input_grad = needs = tuple([  # (the flag first: the property is dearer)
                isinstance(a, Tensor) and (a._requires_grad or a.requires_grad) for a in args])
            record = enabled and True in needs and not state.inference
            if record and grad_mode.inference_tensors_made:  # (inference tensors only: no)
                record = grad_mode.has_normal_input(args, cls.numbers_are_inputs)
            if record and checked:  # (PyTorch reads a learner's Function's edges first)
                ctx._edges_before = edges_before_forward(args)
        else:  # no_grad, and every rule run by backward without create_graph: nothing to save
            ctx.needs_input_grad = (False,) * len(args)
            record = False
        if forward_only and (not record or checked) and (
                result := forward_only[0](cls, args, record)) is not None:
            return result  # (PyTorch's forward AD ignores grad mode)
        quiet = record or checked  # forward is never recorded (a custom one never records)
        data = getattr(args[0], "_data", None) if args else None  # usually the first argument
        if type(data) is not numpy.ndarray or cls._has_setup_context:
            raw = run_forward(cls, ctx, args, quiet)  # (on the inputs' GPU)
        elif quiet and enabled:
            state.enabled = False  # forward itself is never recorded
            try:
                raw = cls.forward(ctx, *args)
            finally:
                state.enabled = True
        else:
            raw = cls.forward(ctx, *args)
        if checked or ctx.non_differentiable is not None:  # (a custom Function; the kit's
            # own ops mark only outputs non-differentiable: max's indices, never mark_dirty)
            take_marks(ctx)
            if cls._has_setup_context:  # (under no_grad too: see refuse_saving_returned_input)
                refuse_saving_returned_input(ctx, args, raw)
        many = type(raw) is tuple
        if ctx._dirty:
            check_dirty_returned(ctx, raw if many else (raw,))
        if type(raw) is numpy.ndarray and not checked:  # the common cases, kept short:
            # a fresh output array (laid out as PyTorch allocates it, see result_layout; raw
            # stays what forward may have saved, so it is still known as the output),
            outputs: tuple[Tensor, ...] = (Tensor._make(
                raw if cls.result_layout is None else cls.result_layout(raw, args)),)
        elif isinstance(raw, numpy.generic) and not checked:  # or a NumPy scalar
            outputs = (Tensor._make(numpy.asarray(raw)),)
        elif many:
            outputs = tuple([as_output(o, args, ctx) for o in raw])
        else:
            outputs = (as_output(raw, args, ctx),)
        if cls.is_view:
            _share_memory(outputs, args[0], record, many)
        if record:
            connect(ctx, args, outputs, raw if many else (raw,))
            if ctx._dirty:  # a view changed in place: its base's history changes too
                from .views import dirty_views_take_history

                dirty_views_take_history(ctx, args, outputs)
            if record_listeners:
                for listener in record_listeners:
                    listener(ctx, outputs, args)
        elif checked:  # a learner's Function, not recorded: its views are still marked
            mark_custom_views(ctx, outputs, recorded=False)
        if checked:  # outputs it gives no gradient keep no history
            outputs = without_history(ctx, args, outputs, record)
        if not record and state.inference and not (cls.is_view or checked):  # inside
            # inference_mode(): an inference tensor (a view is one when its source is; a custom
            # forward's own operations decided already)
            for out in outputs:
                if type(out) is Tensor:
                    out._inference = True
        return outputs if many else outputs[0]

