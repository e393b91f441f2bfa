"""``utils.checkpoint``: trade compute for memory by running a piece of the model again in
backward instead of keeping what it saved.

``checkpoint(f, *args, use_reentrant=False)`` runs ``f`` once, normally, but under
saved-tensor hooks that keep only a holder (and the shape, dtype and device) for each tensor
``f``'s operations save. When a backward pass first needs one of them, ``f`` runs again on
the same inputs (with the same random numbers) and the recomputed values stand in, each
handed out once per backward pass: the graph and the gradients are exactly those of
``f(*args)``. As in PyTorch, a recomputation that saves fewer tensors, or tensors of another
shape, dtype or device, is a `CheckpointError`, and so is one that saves more when
``set_checkpoint_early_stop(False)`` keeps it from stopping once it has them all.

``use_reentrant=True`` is the older way: ``f`` runs without recording
inside one ``CheckpointFunctionBackward`` node, whose backward runs ``f`` again with
recording on and backpropagates through it.
"""

from __future__ import annotations

import contextlib
import itertools
import threading
import warnings
import weakref
from collections.abc import Callable, Iterator
from typing import Any

from .. import engine, grad_mode, random
from ..autograd.function import python_function
from ..autograd.graph import saved_tensors_hooks
from ..function import Function
from ..memory_overlap import _outside_the_kit
from ..saved_tensor import SavedTensor
from ..tensor import Tensor

__all__ = ["CheckpointError", "GraphExecGroup", "check_backward_validity", "checkpoint",
           "checkpoint_sequential", "detach_variable", "noop_context_fn",
           "set_checkpoint_debug_enabled", "set_checkpoint_early_stop"]


class CheckpointError(RuntimeError):
    """The recomputation in backward did not match the forward pass."""

REENTRANT_GRAD_MESSAGE = (
    "When use_reentrant=True, torch.utils.checkpoint is incompatible with .grad() or passing "
    "an `inputs` parameter to .backward(). To resolve this error, you can either set "
    "use_reentrant=False, or call .backward() without passing the `inputs` argument."
)


def detach_variable(inputs: tuple[Any, ...]) -> tuple[Any, ...]:
    """Each tensor of the tuple ``inputs`` detached, keeping its ``requires_grad`` (a new
    leaf); other values as they are."""
    if not isinstance(inputs, tuple):
        raise RuntimeError("Only tuple of tensors is supported. Got Unsupported input type: "
                           f"{type(inputs).__name__}")
    return tuple(a.detach().requires_grad_(a.requires_grad) if isinstance(a, Tensor) else a
                 for a in inputs)


def check_backward_validity(inputs: Any) -> None:
    """Warn when no tensor among ``inputs`` requires grad (the gradients will be None)."""
    if not any(a.requires_grad for a in inputs if isinstance(a, Tensor)):
        warnings.warn("None of the inputs have requires_grad=True. Gradients will be None",
                      stacklevel=_outside_the_kit())  # (the learner's line)


def noop_context_fn() -> tuple[contextlib.nullcontext, contextlib.nullcontext]:
    """checkpoint's default ``context_fn``: no context around the forward pass, nor around
    its recomputation."""
    return contextlib.nullcontext(), contextlib.nullcontext()


def checkpoint(function: Callable[..., Any], *args: Any, use_reentrant: bool | None = None,
               context_fn: Callable[[], Any] = noop_context_fn, determinism_check: str = "default",
               debug: bool = False, early_stop: bool = True, **kwargs: Any) -> Any:
    """``function(*args, **kwargs)``, with what it saves for backward recomputed in backward."""
    if use_reentrant is None:
        warnings.warn(
            "torch.utils.checkpoint: the use_reentrant parameter should be passed explicitly. "
            "Starting in PyTorch 2.9, calling checkpoint without use_reentrant will raise an "
            "exception. use_reentrant=False is recommended, but if you need to preserve the "
            "current default behavior, you can pass use_reentrant=True. Refer to docs for more "
            "details on the differences between the two variants.", stacklevel=2)
        use_reentrant = True
    preserve = kwargs.pop("preserve_rng_state", True)
    if kwargs and use_reentrant:
        raise ValueError("Unexpected keyword arguments: " + ",".join(arg for arg in kwargs))
    if use_reentrant:
        if context_fn is not noop_context_fn or debug is not False:
            raise ValueError("Passing `context_fn` or `debug` is only supported when "
                             "use_reentrant=False.")
        return CheckpointFunction.apply(function, preserve, *args)
    if (debug if _settings.debug is None else _settings.debug) and \
            context_fn is not noop_context_fn:
        raise ValueError("debug=True is incompatible with non-default context_fn")
    if determinism_check not in ("default", "none"):
        raise ValueError("determinism_check should be one of ['default', 'none'], but got "
                         f"{determinism_check}")
    if _settings.early_stop is not None:
        early_stop = _settings.early_stop
    forward_context, recompute_context = context_fn()
    if not grad_mode.is_grad_enabled():  # nothing is saved: a plain call
        return function(*args, **kwargs)
    recompute = _Recomputation(function, args, kwargs, preserve, early_stop,
                               determinism_check == "default", recompute_context)
    suppressed = True
    with saved_tensors_hooks(recompute.pack, recompute.unpack), forward_context:
        result = function(*args, **kwargs)
        suppressed = False
    if suppressed:
        raise RuntimeError("torch.utils.checkpoint: the forward context provided by context_fn "
                           "suppressed an exception raised during the checkpointed forward. "
                           "This is not supported because checkpoint cannot return a value for a "
                           "failed forward.")
    recompute.forward_completed = True
    return result


class _settings:  # noqa: N801 - module-wide switches, as PyTorch's globals
    early_stop: bool | None = None  # set_checkpoint_early_stop (None: checkpoint's argument)
    debug: bool | None = None  # set_checkpoint_debug_enabled


@contextlib.contextmanager
def set_checkpoint_early_stop(enable: bool) -> Iterator[None]:
    """Inside the block, non-reentrant checkpoints made stop (or not) their recomputation
    once every saved tensor is recomputed (True by default)."""
    previous, _settings.early_stop = _settings.early_stop, enable
    try:
        yield
    finally:
        _settings.early_stop = previous


@contextlib.contextmanager
def set_checkpoint_debug_enabled(enabled: bool | None) -> Iterator[None]:
    """Inside the block, checkpoint's ``debug`` flag is ``enabled`` (None: each call's own).
    (The kit keeps no operator logs: its errors are the same without them.)"""
    previous, _settings.debug = _settings.debug, enabled
    try:
        yield
    finally:
        _settings.debug = previous


def checkpoint_sequential(functions: Any, segments: int, input: Any,  # noqa: A002
                          use_reentrant: bool | None = None, **kwargs: Any) -> Any:
    """Run ``functions`` (a list, or an ``nn.Sequential``) one after the other on ``input``,
    in ``segments`` pieces: every piece but the last is checkpointed."""
    if use_reentrant is None:
        warnings.warn(
            "torch.utils.checkpoint.checkpoint_sequential: the use_reentrant parameter should be "
            "passed explicitly. In version 2.9 we will raise an exception if use_reentrant is "
            "not passed. use_reentrant=False is recommended, but if you need to preserve the "
            "current default behavior, you can pass use_reentrant=True. Refer to docs for more "
            "details on the differences between the two variants.", stacklevel=2)
        use_reentrant = True
    preserve = kwargs.pop("preserve_rng_state", True)
    if kwargs:
        raise ValueError("Unexpected keyword arguments: " + ",".join(arg for arg in kwargs))
    from ..nn import Sequential

    if isinstance(functions, Sequential):
        functions = list(functions.children())

    def run(start: int, end: int) -> Callable[[Any], Any]:
        def forward(value: Any) -> Any:
            for j in range(start, end + 1):
                value = functions[j](value)
            return value

        return forward

    size = len(functions) // segments
    end = -1
    for start in range(0, size * (segments - 1), size):
        end = start + size - 1
        input = checkpoint(run(start, end), input, use_reentrant=use_reentrant,
                           preserve_rng_state=preserve)
    return run(end + 1, len(functions) - 1)(input)


class _Holder:
    """What a checkpointed operation saves instead of a tensor: per backward pass (graph
    task), a key to the value recomputed for it, None once unpacked."""

    def __init__(self) -> None:
        self.handles: dict[int, object | None] = {}


class _StopRecomputationError(Exception):
    """Raised inside the recomputation once every saved tensor is recomputed (early stop)."""


def _metadata(tensor: Tensor) -> dict[str, Any]:
    """PyTorch's default determinism check: what must be the same again."""
    return {"shape": tensor.shape, "dtype": tensor.dtype, "device": tensor.device}


_outside_backward = itertools.count(-2, -1)  # (ids for an unpack outside any backward)


class GraphExecGroup:
    """Backward passes run inside one ``with GraphExecGroup():`` share each checkpoint's
    recomputation (it runs at most once for them all), so they must not need the same saved
    value twice (a `CheckpointError`, even with ``retain_graph=True``). Only
    ``use_reentrant=False`` checkpoints look at it; groups do not nest."""

    _current = threading.local()

    def __enter__(self) -> GraphExecGroup:
        inside = GraphExecGroup._get_current_group()
        if inside is not None:
            raise RuntimeError(f"GraphExecGroup contexts cannot be nested. Already inside "
                               f"group {inside}")
        GraphExecGroup._current.group = self
        return self

    def __exit__(self, *args: object) -> None:
        GraphExecGroup._current.group = None

    @classmethod
    def _get_current_group(cls) -> GraphExecGroup | None:
        return getattr(cls._current, "group", None)


class _Recomputation:
    """The saved-tensor hooks of one non-reentrant checkpoint (PyTorch's frame): pack keeps a
    holder (and the tensor's metadata); the first unpack in a backward pass runs the function
    again, collects what it saves (stopping early, unless told not to) and checks it against
    the forward pass; each recomputed value is handed out once per backward pass."""

    def __init__(self, function: Callable[..., Any], args: tuple[Any, ...],
                 kwargs: dict[str, Any], preserve_rng_state: bool, early_stop: bool,
                 check_metadata: bool, context: Any) -> None:
        self.function, self.kwargs, self.context = function, kwargs, context
        # the positional tensors are saved as a node's inputs are (PyTorch's frame.save_inputs):
        # changed in place before backward, they fail with the version error
        self.args = [SavedTensor(a) if isinstance(a, Tensor) else a for a in args]
        self.rng_state = random.get_rng_state() if preserve_rng_state else None
        self.early_stop, self.check_metadata = early_stop, check_metadata
        self.holders: list[weakref.ref] = []
        self.metadata: list[dict[str, Any]] = []
        self.recomputed: dict[int, dict[object, Tensor]] = {}
        self.counts: dict[int, int] = {}
        self.forward_completed = self.ignore_saved_mismatch = False

    def pack(self, tensor: Tensor) -> _Holder:
        holder = _Holder()
        self.holders.append(weakref.ref(holder))
        if self.check_metadata:
            self.metadata.append(_metadata(tensor))
        return holder

    def unpack(self, holder: _Holder) -> Tensor:
        gid = GraphExecGroup._get_current_group()
        if gid is None:
            gid = engine.running[-1].id if engine.running else next(_outside_backward)
        if gid not in self.recomputed:
            self.recomputed[gid], self.counts[gid] = {}, 0
            args = [a.unpack() if isinstance(a, SavedTensor) else a for a in self.args]
            try:
                with saved_tensors_hooks(lambda t: self._keep(gid, t), _nothing), \
                        grad_mode.enable_grad(), _same_random_numbers(self.rng_state), \
                        self.context:  # (context_fn's recomputation context, innermost)
                    self.function(*args, **self.kwargs)
            except _StopRecomputationError:
                pass
            self._check_recomputed(gid)
        if holder.handles.get(gid) is None:
            extra = "" if GraphExecGroup._get_current_group() is None else (
                "Performing two backward calls that overlap (i.e. require the same saved "
                "activation in order to compute gradients) is not allowed while under the "
                "torch.utils.checkpoint.GraphExecGroup context. ")
            raise CheckpointError(
                "torch.utils.checkpoint: Unpack is being triggered for a tensor that was "
                f"already unpacked once. {extra}If you are calling ctx.saved_tensors in "
                "backward, make sure to do so only once. Otherwise please open an issue with "
                "details on your use case.")
        value = self.recomputed[gid].pop(holder.handles[gid])
        holder.handles[gid] = None
        return value

    def _keep(self, gid: int, tensor: Tensor) -> Tensor:
        """The recomputation's pack hook: the value for the forward pass's holder in the same
        position."""
        tensor = tensor.detach() if tensor.requires_grad else tensor
        index = self.counts[gid]
        self.counts[gid] += 1
        if index >= len(self.holders):
            if not self.forward_completed:  # (a backward inside the checkpointed function)
                self.ignore_saved_mismatch = True
                return tensor
            raise CheckpointError("torch.utils.checkpoint: trying to save more tensors during "
                                  "recomputation than during the original forward pass.\n"
                                  + DEBUG_TIP)
        holder = self.holders[index]()
        if holder is not None:
            holder.handles[gid] = key = object()
            self.recomputed[gid][key] = tensor
        if self.early_stop and self.counts[gid] == len(self.holders):
            raise _StopRecomputationError
        return tensor

    def _check_recomputed(self, gid: int) -> None:
        """Fewer tensors saved again, or with another shape, dtype or device: PyTorch's
        CheckpointError."""
        if self.ignore_saved_mismatch:
            return
        if len(self.holders) != self.counts[gid]:
            raise CheckpointError(
                "torch.utils.checkpoint: A different number of tensors was saved during the "
                "original forward and recomputation.\n"
                f"Number of tensors saved during forward: {len(self.holders)}\n"
                f"Number of tensors saved during recomputation: {self.counts[gid]}.\n"
                + DEBUG_TIP)
        if not self.check_metadata:
            return
        different = ""
        for index, (ref, saved) in enumerate(zip(self.holders, self.metadata)):
            holder = ref()
            if holder is None:
                continue
            again = _metadata(self.recomputed[gid][holder.handles[gid]])
            if again != saved:
                different += (f"tensor at position {index}:\nsaved metadata: {saved}\n"
                              f"recomputed metadata: {again}\n")
        if different:
            raise CheckpointError(
                "torch.utils.checkpoint: Recomputed values for the following tensors have "
                f"different metadata than during the forward pass.\n{different}.\n"
                + DEBUG_TIP)


DEBUG_TIP = """
Tip: To see a more detailed error message, either pass `debug=True` to
`torch.utils.checkpoint.checkpoint(...)` or wrap the code block
with `with torch.utils.checkpoint.set_checkpoint_debug_enabled(True):` to
enable checkpoint‑debug mode globally.

If this error occurs under torch.compile with automatic_dynamic_shapes enabled,
it may be because the recomputation selected a different compiled graph than the
forward pass (e.g., a dynamic graph instead of the original static graph).
To fix this, either:
  - Use torch._dynamo.mark_dynamic() to explicitly mark varying dimensions as
    dynamic upfront, avoiding the static-to-dynamic transition.
  - Call torch._C._dynamo.eval_frame._set_lru_cache(False) to disable LRU cache
    reordering, which can change which graph is checked first between forward
    and recompute.
See https://github.com/pytorch/pytorch/issues/166926 for more details and
workaround examples.
"""


def _nothing(packed: Any) -> Any:
    return packed


class _same_random_numbers:  # noqa: N801 - a small context manager
    """Run a block from the random state ``state`` (None: as it is), then restore the
    state the caller had (PyTorch's ``fork_rng`` around the recomputation)."""

    def __init__(self, state: Tensor | None) -> None:
        self.state, self.outside = state, None

    def __enter__(self) -> None:
        if self.state is not None:
            self.outside = random.get_rng_state()
            random.set_rng_state(self.state)

    def __exit__(self, *exc: object) -> None:
        if self.outside is not None:
            random.set_rng_state(self.outside)


class CheckpointFunction(Function):
    """``use_reentrant=True``: ``function`` runs without recording inside this one node; its
    backward runs ``function`` again with recording on and backpropagates through it."""

    @staticmethod
    def forward(ctx: Any, run_function: Callable[..., Any], preserve_rng_state: bool,
                *args: Any) -> Any:
        check_backward_validity(args)
        ctx.run_function = run_function
        ctx.rng_state = random.get_rng_state() if preserve_rng_state else None
        ctx.inputs = [None if isinstance(a, Tensor) else a for a in args]
        ctx.tensor_indices = [i for i, a in enumerate(args) if isinstance(a, Tensor)]
        ctx.save_for_backward(*[a for a in args if isinstance(a, Tensor)])
        with grad_mode.no_grad():
            return ctx.run_function(*args)

    @staticmethod
    def backward(ctx: Any, *grads: Any) -> Any:
        if engine.running and not engine.running[-1].every_node:
            raise RuntimeError(REENTRANT_GRAD_MESSAGE)
        inputs = list(ctx.inputs)
        for i, tensor in zip(ctx.tensor_indices, ctx.saved_tensors):
            inputs[i] = tensor
        detached = detach_variable(tuple(inputs))
        with _same_random_numbers(ctx.rng_state), grad_mode.enable_grad():
            outputs = ctx.run_function(*detached)
        if isinstance(outputs, Tensor):
            outputs = (outputs,)
        pairs = [(out, g) for out, g in zip(outputs, grads)
                 if isinstance(out, Tensor) and out.requires_grad]
        if not pairs:
            raise RuntimeError("none of output has requires_grad=True, this checkpoint() is "
                               "not necessary")
        engine.backward([out for out, _ in pairs], [g for _, g in pairs])
        return (None, None, *[a.grad if isinstance(a, Tensor) else None for a in detached])


python_function(CheckpointFunction)  # (its node prints as a Python Function's, as in PyTorch)
