"""What a backward node keeps: `SavedTensor`, checked against in-place changes.

``ctx.save_for_backward(a, b)`` turns each tensor into a `SavedTensor` that remembers the
tensor's version. If the tensor is changed in place before backward, unpacking it fails
with PyTorch's message instead of handing a stale value to the rule. Saved-tensor hooks
(``autograd.graph.saved_tensors_hooks``) let a caller store something else in its place.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from . import anomaly_mode, backend, dtypes, grad_mode
from .tensor import Tensor

if TYPE_CHECKING:
    from .function import BackwardFunction, Node

HINT = (
    "Hint: enable anomaly detection to find the operation that failed to compute its gradient, "
    "with autograd_kit.autograd.set_detect_anomaly(True, check_nan=False)."
)
ANOMALY_HINT = (
    "Hint: the backtrace further above shows the operation that failed to compute its "
    "gradient. The variable in question was changed in there or anywhere later. Good luck!"
)


INFERENCE_MESSAGE = (
    "Inference tensors cannot be saved for backward. Please do not use Tensors created in "
    "inference mode in computation tracked by autograd. To work around this, you can make a "
    "clone to get a normal tensor and use it in autograd, or use `torch.no_grad()` instead of "
    "`torch.inference_mode()`."
)


FREED_MESSAGE = (
    "Trying to backward through the graph a second time (or directly access saved tensors "
    "after they have already been freed). Saved intermediate values of the graph are freed "
    "when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to "
    "backward through the graph a second time or if you need to access saved tensors after "
    "calling backward."
)

PACK_INPLACE_MESSAGE = (
    "A saved tensor pack hook is modifying its input in place. Tensors provided as input to "
    "pack hook cannot be modified by in-place operations as this can lead to unexpected "
    "side-effects. Please open an issue if you need to perform in-place operations on the "
    "input to a pack hook."
)


class FreedTensor(NamedTuple):
    """What a node remembers of a saved tensor once backward freed it (for drawings)."""

    tensor: weakref.ref | None  # a weak reference to the saved input; None for an output
    shape: tuple[int, ...]
    dtype: Any
    is_output: bool


class SavedTensor:
    """A tensor kept for backward, with the version it had when it was saved.

    If the tensor is later changed in place, its version moves on and unpacking fails, so a
    stale value can never produce a wrong gradient silently. An operation's own output is
    kept as bare data (not the output tensor object) so the node and its output do not hold
    each other alive.
    """

    __slots__ = ("tensor", "array", "version_counter", "version", "output_nr", "packed",
                 "unpack_hook", "had_grad_fn", "edge", "view_node", "freed")

    def __init__(self, value: Tensor | None = None, node: Node | None = None,
                 output_nr: int = 0) -> None:
        if value is None:  # (``autograd.SavedTensor()``: only the kit's nodes make them)
            raise RuntimeError("Trying to create a SavedTensor object from Python is "
                               "forbidden.")
        counter = self.version_counter = value._version_counter
        self.version = counter[0]
        self.unpack_hook: Callable[[Any], Tensor] | None = None
        if value._inference:
            raise RuntimeError(INFERENCE_MESSAGE)
        if node is None:  # an input (or a constant): keep the tensor itself
            self.tensor: Tensor | None = value
            self.had_grad_fn = value._grad_fn is not None  # (see DETACHED_MESSAGE)
        else:  # an output of `node`
            self.tensor = None
            self.array = value._data
            self.output_nr = output_nr
            self.view_node: weakref.ref | None = None  # (see inplace.saved_output_is_target)
        if saved_tensors_hooks_stack:  # inside `autograd.graph.saved_tensors_hooks(...)`
            hooks = current_hooks()  # (this thread's)
            if hooks is not None:
                self.register_hooks(*hooks, value=value)

    def free(self) -> FreedTensor:
        """Let go of the data (whoever holds this now holds an empty SavedTensor) and return
        what the node remembers of it: a weak reference to the tensor (None for the node's
        own output), shape, dtype, and whether it is the node's output."""
        if self.tensor is not None:
            data = self.tensor._data
            freed = FreedTensor(weakref.ref(self.tensor), data.shape, data.dtype, False)
        else:
            freed = FreedTensor(None, self.array.shape, self.array.dtype, True)
        # backward frees it: whoever still holds it (``node._raw_saved_self``) now holds an
        # empty one, which refuses to unpack or take hooks, as PyTorch's freed saved value
        self.__class__ = EmptySavedTensor
        EmptySavedTensor.__init__(self, freed=True)
        return freed

    def register_hooks(self, *hooks: Any, value: Tensor | None = None) -> None:
        """Keep ``pack_hook(tensor)``; backward will use ``unpack_hook(packed)`` instead of the
        tensor (what ``node._raw_saved_self.register_hooks(pack, unpack)`` does). Anything
        but two callables is refused first, in PyTorch's (pybind11's) words."""
        if len(hooks) != 2 or not all(callable(hook) for hook in hooks):
            given = ", ".join(repr(a) for a in (self, *hooks))
            raise TypeError(
                "register_hooks(): incompatible function arguments. The following argument "
                "types are supported:\n    1. (self: autograd_kit._C._autograd.SavedTensor, "
                "arg0: collections.abc.Callable, arg1: collections.abc.Callable) -> None\n\n"
                f"Invoked with: {given}")
        pack_hook, unpack_hook = hooks
        if self.unpack_hook is not None:
            raise RuntimeError(
                "Calling register_hooks on a saved tensor whose hooks have already been set. "
                "Hint: only one pair of hooks is allowed at a time."
            )
        version = self.version_counter[0]
        if value is not None:  # saved inside `saved_tensors_hooks`: the tensor itself
            # (where an input came from, when saved; a node's own output unpacks with the
            # node as its grad_fn, and keeping the node here would hold it in a cycle)
            self.edge = (None, 0) if self.tensor is None else (value._grad_fn,
                                                               value._output_nr)
            self.packed = pack_hook(value)
        else:  # hooks put on a saved value later: PyTorch packs its data, detached, without
            saved = self.tensor  # recording (the saved input, or the saved output's data)
            self.edge = (None, 0) if saved is None else (saved._grad_fn, saved._output_nr)
            if saved is None:
                saved = Tensor._make(self.array)
                saved._version_counter = self.version_counter
            with grad_mode.no_grad():
                self.packed = pack_hook(saved.detach())
        if self.version_counter[0] != version:
            raise RuntimeError(PACK_INPLACE_MESSAGE)
        self.unpack_hook = unpack_hook

    @property
    def data(self) -> Any:
        """PyTorch's ``saved.data``: with hooks, the packed object as it is; otherwise the
        saved input itself, or (the node's own output) its data as a new tensor, detached."""
        if self.unpack_hook is not None:
            return self.packed
        if self.tensor is not None:
            return self.tensor
        output = Tensor._make(self.array)
        output._version_counter = self.version_counter
        return output

    def __repr__(self) -> str:  # PyTorch's is a C++ object: <torch._C._autograd.SavedTensor …>
        return f"<autograd_kit._C._autograd.SavedTensor object at {hex(id(self))}>"

    def unpack(self, owner: Node | None = None, by_rule: bool = False) -> Tensor:
        """The saved tensor, after checking it was not modified in place since it was saved
        (``by_rule``: for the node's own rule, which also refuses a detached one).

        Called without ``owner`` (``node._raw_saved_result.unpack()``), a saved output has
        no node to belong to, and PyTorch takes it for one detached in place."""
        if owner is None and self.tensor is None:
            raise RuntimeError(DETACHED_MESSAGE)
        tensor = self.tensor  # (a detached one is refused before its version is read)
        if by_rule and tensor is not None and self.had_grad_fn and tensor._grad_fn is None \
                and self.unpack_hook is None:
            _check_not_detached(owner)
        if self.version_counter[0] != self.version and self.unpack_hook is None:
            # (with hooks, what the unpack hook gives is used unchecked, as in PyTorch)
            if tensor is None:  # a saved output is named after the node that saved it
                made_by, data = f"output {self.output_nr} of {_short(owner)}", self.array
            else:  # a saved input is named after whatever last changed it (one detached in
                # place, that a custom Function saved: after that Function's node)
                producer = tensor.grad_fn
                if producer is None and self.had_grad_fn:
                    producer = owner
                made_by = (
                    f"output {tensor._output_nr} of {_short(producer)}"
                    if producer is not None
                    else ""
                )
                data = tensor._data
            which = f", which is {made_by}," if made_by else ""
            on_gpu = backend.device_of(data).type == "cuda"
            raise RuntimeError(
                "one of the variables needed for gradient computation has been modified by an "
                f"inplace operation: [{dtypes.error_type_name(str(data.dtype), on_gpu)} "
                f"{list(data.shape)}]{which} is at version "
                f"{self.version_counter[0]}; expected version {self.version} instead. "
                + (ANOMALY_HINT if anomaly_mode.state.enabled else HINT)
            )
        data = self.array if self.tensor is None else None
        if self.unpack_hook is not None:
            value = self.unpack_hook(self.packed)
            if not isinstance(value, Tensor):
                raise TypeError("Output of saved tensor unpack_hook expected to be a Tensor but "
                                f"got result of type {type(value).__name__}")
            if value is self.tensor and self.edge[0] is None and not value._requires_grad:
                return value  # (a constant: itself; a leaf that requires grad gets an alias
                # that sends its gradients to the leaf's .grad, as PyTorch's new Variable)
            if self.tensor is not None:  # what the hook gave, as the saved tensor (PyTorch)
                return _alias_of(self.tensor, value, self.edge)
            data = value._data
        if tensor is not None:
            return tensor
        output = Tensor._make(data)
        output._version_counter = self.version_counter
        # the output keeps its place in the graph under create_graph, and always for a custom
        # Function's backward (PyTorch's saved output has grad_fn there; the kit's own rules,
        # run without create_graph, skip the work)
        if grad_mode.state.enabled or getattr(getattr(owner, "_function", None), "_checked", False):
            view_node = None if self.view_node is None else self.view_node()
            output._grad_fn = owner if view_node is None else view_node
            output._output_nr = self.output_nr if view_node is None else 0
            output._requires_grad = True
        return output


FREED_HOOKS_MESSAGE = (
    "Calling register_hooks on a saved tensor after it has been freed. Saved intermediate "
    "values of the graph are freed when you call .backward() or autograd.grad(). Specify "
    "retain_graph=True if you need to backward through the graph a second time or if you "
    "need to access saved variables after calling backward."
)


NONE_HOOKS_MESSAGE = "Calling register_hooks on a saved tensor with value None is forbidden"


class EmptySavedTensor(SavedTensor):
    """``node._raw_saved_<name>`` with nothing in it: a tensor that was not given (None), or
    any saved value once backward freed the graph. PyTorch still shows a ``SavedTensor``
    object; unpacking gives None or fails, and hooks are refused, with PyTorch's messages."""

    __slots__ = ()  # (those of `SavedTensor`: a freed one becomes an empty one in place)

    def __init__(self, freed: bool) -> None:
        self.tensor = self.unpack_hook = self.array = self.packed = None
        self.freed = freed

    def register_hooks(self, *hooks: Any, **kwargs: Any) -> None:
        raise RuntimeError(FREED_HOOKS_MESSAGE if self.freed else NONE_HOOKS_MESSAGE)

    def unpack(self, *owner: Any, **kwargs: Any) -> None:
        if self.freed:
            raise RuntimeError(FREED_MESSAGE)

    @property
    def data(self) -> None:
        """Nothing (PyTorch's ``saved.data`` of an empty or freed saved tensor)."""
        return None


EmptySavedTensor.__name__ = EmptySavedTensor.__qualname__ = "SavedTensor"  # (PyTorch's name)

DETACHED_MESSAGE = (
    "Trying to use a saved tensor that has been detached in-place, i.e. with .detach_()."
    "This is not supported, please use out-of-place `.detach()` instead"
)


def _check_not_detached(owner: Node) -> None:
    """A saved input that had a grad_fn lost it (``detach_()``): PyTorch's built-in rules
    refuse it (a custom Function's backward, and ``node._saved_self``, get it as it is)."""
    if not getattr(getattr(owner, "_function", None), "_checked", True):
        raise RuntimeError(DETACHED_MESSAGE)


def _alias_of(saved: Tensor, value: Tensor, edge: tuple[Any, int]) -> Tensor:
    """``value``'s data (what an unpack hook returns) with the place in the graph ``saved``
    had when it was saved (its ``edge``): a new tensor, as in PyTorch."""
    alias = Tensor._make(value._data)
    alias._requires_grad = saved._requires_grad
    if edge[0] is not None:
        alias._grad_fn, alias._output_nr = edge
        alias._requires_grad = True
    elif saved._requires_grad:  # a leaf's: gradients through it still reach the leaf's .grad
        alias._accumulator = weakref.ref(saved._gradient_edge()[0])
    return alias


HookPair = tuple[Callable[[Tensor], Any], Callable[[Any], Tensor]]


class _ThreadHooks(threading.local):
    """Per thread, as in PyTorch: the (pack_hook, unpack_hook) pairs of the
    `autograd.graph.saved_tensors_hooks` blocks this thread entered, innermost last, and the
    messages of its `disable_saved_tensors_hooks` blocks."""

    def __init__(self) -> None:
        self.stack: list[HookPair] = []
        self.disabled: list[str] = []


thread_hooks = _ThreadHooks()
# every pair entered, by any thread: empty (the common case) means no hooks anywhere, which
# is all that saving a tensor checks (a plain list is cheaper to test than a thread's own)
saved_tensors_hooks_stack: list[HookPair] = []


def current_hooks() -> HookPair | None:
    """The innermost pair of saved-tensor hooks of this thread, or None."""
    stack = thread_hooks.stack
    return stack[-1] if stack else None


def push_hooks(pair: HookPair) -> None:
    thread_hooks.stack.append(pair)
    saved_tensors_hooks_stack.append(pair)


def pop_hooks() -> None:
    saved_tensors_hooks_stack.remove(thread_hooks.stack.pop())

def is_saved_output(saved: Any) -> bool:
    """Whether a saved value (or its `FreedTensor` record, once freed) is the node's output."""
    if type(saved) is SavedTensor:
        return saved.tensor is None
    return type(saved) is FreedTensor and saved.is_output


def _short(node: Node) -> str:
    """How PyTorch names an operation in its errors: ``AddBackward0`` → ``Add``, but
    ``PowBackward1`` → ``Pow1`` (and a custom ``MyFnBackward`` → ``MyFn``); the C++ node of
    an in-place write into a view by its full name (``torch::autograd::CopySlices``), and
    so ``copy_``'s (``torch::autograd::CopyBackwards``) and a non-differentiable operation's
    (``torch::autograd::NotImplemented``)."""
    name = type(node).__name__
    if name in ("CopySlices", "CopyBackwards", "NotImplemented"):
        return node.name()
    return name.replace("Backward0", "").replace("Backward", "")


# PyTorch packs (and later unpacks) a built-in operation's saved inputs last to first
# (``other`` before ``self``), except these nodes: ``None`` for first to last, else the
# positions in the node's saved list, in PyTorch's order. Which one it meets first decides
# which tensor an in-place error names, and the order saved-tensor hooks are called in.
INPUTS_PACKED: dict[str, tuple[int, ...] | None] = {
    "AddcdivBackward0": None, "AddcmulBackward0": None, "DotBackward0": None,
    "MvBackward0": None, "ConvolutionBackward0": None, "PreluKernelBackward0": None,
    "MseLossBackward0": None, "SmoothL1LossBackward0": None, "HuberLossBackward0": None,
    "BinaryCrossEntropyBackward0": None, "BinaryCrossEntropyWithLogitsBackward0": None,
    "NllLossBackward0": None, "AddmmBackward0": None, "AddmvBackward0": None,
    "AddrBackward0": None, "BaddbmmBackward0": None, "CdistBackward0": None,
    "NativeGroupNormBackward0": None, "LerpBackward1": (1, 0, 2),
    "CummaxBackward0": None, "CumminBackward0": None, "LogSigmoidBackward0": None,
    "MaxPool2DWithIndicesBackward0": None, "AdaptiveMaxPool2DBackward0": None,
    "LinalgDetBackward0": None, "LinalgSlogdetBackward0": None,  # (A, LU, pivots)
    "LinalgSolveExBackward0": None, "MkldnnRnnLayerBackward0": None,  # (x, W_ih, W_hh, ...)
    # (input, weight, bias, result1, result2); (input, weight, running_mean, running_var,
    # result1, result2): the statistics the operation also returns, packed last
    "NativeLayerNormBackward0": (2, 0, 1, 3, 4), "NativeBatchNormBackward0": (0, 2, 3, 1, 4, 5),
    # (query, key, value, attn_mask, logsumexp)
    "ScaledDotProductFlashAttentionForCpuBackward0": (3, 1, 0, 2, 4),
}


def pytorch_order(node: Node, is_output: list[bool]) -> list[int]:
    """The order PyTorch packs and unpacks a built-in node's saved values: its inputs (see
    INPUTS_PACKED), then its outputs."""
    inputs = [i for i, out in enumerate(is_output) if not out]
    positions = INPUTS_PACKED.get(type(node).__name__, ())
    if positions == ():
        inputs.reverse()
    elif positions is not None and len(positions) == len(inputs):
        inputs = [inputs[k] for k in positions]
    return inputs + [i for i, out in enumerate(is_output) if out]


def unpack_order(node: Node) -> list[int] | None:
    """The order a built-in node's saved tensors are checked and unpacked in (None: as
    saved, for a custom Function or a node with one saved value)."""
    saved = node._saved
    function = getattr(node, "_function", None)
    if len(saved) < 2 or function is None or function._checked:
        return None
    return pytorch_order(node, [type(s) is SavedTensor and s.tensor is None for s in saved])


def save_in_pytorch_order(ctx: BackwardFunction, outputs: tuple[Tensor, ...],
                           raws: tuple[Any, ...]) -> None:
    """Save a built-in operation's values as PyTorch does, which pack hooks can see (in
    ``pytorch_order``)."""
    values = ctx._to_save
    is_output = [any(v is o or v is r for o, r in zip(outputs, raws)) for v in values]
    order = pytorch_order(ctx, is_output)
    saved: list[Any] = [None] * len(values)
    for i in order:
        saved[i] = save_value(values[i], ctx, outputs, raws)
    ctx._saved = saved
    ctx._pack_order = order


def save_value(value: Any, ctx: BackwardFunction, outputs: tuple[Tensor, ...],
          raws: tuple[Any, ...]) -> Any:
    """Turn one value given to ``save_for_backward`` into what the node keeps."""
    if type(value) in (float, int, bool) or value is None:
        return value
    for nr, (out, raw) in enumerate(zip(outputs, raws)):
        # (an input that forward returned as it is, not dirty, has a new alias as output: a
        # saved input stays an input, as in PyTorch, though forward also returned it)
        if value is out or (value is raw and not isinstance(raw, Tensor)):
            return SavedTensor(out, ctx, nr)
    if isinstance(value, Tensor):
        return SavedTensor(value)
    if type(value) in backend._MODULES:
        return Tensor._make(value)  # a raw array the rule wants back as a constant tensor
    return value
