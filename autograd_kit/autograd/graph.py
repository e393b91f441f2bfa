"""Looking inside a graph: `trace` gives plain records of the backward graph for drawing,
`recording` tells a callback about every operation as it is recorded,
`saved_tensors_hooks` (and `save_on_cpu`, `disable_saved_tensors_hooks`) changes how the
tensors kept for backward are stored, and `get_gradient_edge` names where a tensor's
gradient enters the graph; `register_multi_grad_hook` (in its own module) waits for the
gradients of several tensors.

Ids are small counters given in a fixed walk order (roots first, then edges in order), so the
same code always gives the same ids, and drawings and notebook outputs are reproducible.
"""

from __future__ import annotations

import inspect
import weakref
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from .. import backend, grad_mode
from ..accumulate_grad import AccumulateGrad
from ..backward_roots import carries_tangents_only, note_output
from ..function import Node, record_listeners
from ..saved_tensor import SavedTensor, current_hooks, pop_hooks, push_hooks, thread_hooks
from ..tensor import Tensor
from .multi_grad_hook import register_multi_grad_hook as register_multi_grad_hook


@dataclass
class TensorRecord:
    """A tensor the graph knows about: a root, a leaf, a saved value, or one you passed in."""

    id: int
    shape: tuple[int, ...]
    dtype: str
    device: str
    requires_grad: bool
    is_leaf: bool
    retains_grad: bool
    grad_fn: int | None  # id of the node that made it
    output_nr: int
    roles: list[str]  # any of 'root', 'leaf', 'saved', 'given'
    tensor: Tensor | None  # the tensor itself (None for a saved output kept as bare data)
    data: Any = None  # the engine's own array (for saved outputs)


@dataclass
class SavedRecord:
    """One value a node saved for backward."""

    tensor: int | None  # id of the tensor record (None for a non-tensor value)
    is_output: bool  # the node's own output
    version_ok: bool  # False when it was changed in place after being saved
    value: Any  # a number for non-tensor values
    freed: bool = False  # released by a backward (only its description is left)
    shape: tuple[int, ...] | None = None
    dtype: str | None = None


@dataclass
class NodeRecord:
    """One node of the backward graph."""

    id: int
    name: str
    kind: str  # 'function' or 'accumulate'
    next: list[tuple[int | None, int]]  # (node id or None, input number) per input
    saved: list[SavedRecord]
    freed: bool  # its saved tensors were released by a backward
    formula: str  # the derivative rule, from the Function's docstring
    variable: int | None  # for AccumulateGrad: the leaf tensor's id
    node: Node
    outputs: list[int] = field(default_factory=list)  # ids of known tensors it made


@dataclass
class GraphRecord:
    """Everything needed to draw a graph: nodes, tensors, and the roots you started from."""

    nodes: list[NodeRecord]
    tensors: list[TensorRecord]
    roots: list[int]  # tensor ids of the roots
    node_ids: dict[int, int]  # id(Node) -> record id
    tensor_ids: dict[int, int]  # id(Tensor) -> record id

    def node_id(self, node: Node) -> int | None:
        return self.node_ids.get(id(node))

    def tensor_id(self, tensor: Tensor) -> int | None:
        return self.tensor_ids.get(id(tensor))


def reachable_nodes(root: Tensor | Node) -> list[Node]:
    """Every backward node behind a tensor (or from a node), each once, in walk order."""
    from ..engine import reachable

    start = root._gradient_edge()[0] if isinstance(root, Tensor) else root
    return [] if start is None else reachable([start])


def formula_of(node: Node) -> str:
    """The derivative rule of a node, as written in its Function's docstring."""
    function = getattr(node, "_function", None)
    doc = inspect.getdoc(function) if function is not None else inspect.getdoc(type(node))
    return (doc or "").strip()


def trace(*roots: Tensor, tensors: Iterable[Tensor] = ()) -> GraphRecord:
    """Plain records of the backward graph behind ``roots``.

    ``tensors`` are extra tensors to attach to the nodes that made them (for naming
    intermediate results in a drawing).
    """
    records = _Tracer()
    for root in roots:
        records.add_tensor(root, "root")
    for t in tensors:
        if isinstance(t, Tensor):
            records.add_tensor(t, "given")
    frontier = [r.grad_fn if r.grad_fn is not None else r._gradient_edge()[0] for r in roots]
    for node in frontier:
        if node is not None:
            records.walk(node)
    for t in list(records.tensor_objects.values()):
        records.link_tensor(t)
    return GraphRecord(records.nodes, records.tensors, [records.tensor_ids[id(r)] for r in roots],
                       records.node_ids, records.tensor_ids)


class _Tracer:
    def __init__(self) -> None:
        self.nodes: list[NodeRecord] = []
        self.tensors: list[TensorRecord] = []
        self.node_ids: dict[int, int] = {}
        self.tensor_ids: dict[int, int] = {}
        self.tensor_objects: dict[int, Tensor] = {}

    def add_tensor(self, t: Tensor, role: str) -> int:
        key = id(t)
        if key in self.tensor_ids:
            record = self.tensors[self.tensor_ids[key]]
            if role not in record.roles:
                record.roles.append(role)
            return record.id
        record = TensorRecord(
            id=len(self.tensors), shape=tuple(t.shape), dtype=t.dtype.name, device=str(t.device),
            requires_grad=t.requires_grad, is_leaf=t.is_leaf, retains_grad=t.retains_grad,
            grad_fn=None, output_nr=t.output_nr, roles=[role], tensor=t,
        )
        self.tensors.append(record)
        self.tensor_ids[key] = record.id
        self.tensor_objects[key] = t
        return record.id

    def walk(self, start: Node) -> None:
        """Give ids breadth-first from ``start`` (iteratively)."""
        queue = deque([start])
        while queue:
            node = queue.popleft()
            if id(node) in self.node_ids:
                continue
            self.add_node(node)
            for next_node, _ in node.next_functions:
                if next_node is not None and id(next_node) not in self.node_ids:
                    queue.append(next_node)
        for record in self.nodes:
            record.next = [
                (self.node_ids.get(id(n)) if n is not None else None, nr)
                for n, nr in record.node.next_functions
            ]

    def add_node(self, node: Node) -> NodeRecord:
        is_accumulate = isinstance(node, AccumulateGrad)
        record = NodeRecord(
            id=len(self.nodes), name=type(node).__name__,
            kind="accumulate" if is_accumulate else "function", next=[], saved=[],
            freed=node._freed, formula=formula_of(node), variable=None, node=node,
        )
        self.nodes.append(record)
        self.node_ids[id(node)] = record.id
        if is_accumulate:
            record.variable = self.add_tensor(node.variable, "leaf")
        for saved in node._saved or ():
            record.saved.append(self.saved_record(saved, node))
        for ref, shape, dtype, is_output in getattr(node, "_saved_meta", None) or ():
            tensor = ref() if ref is not None else None
            tensor_id = self.add_tensor(tensor, "saved") if tensor is not None else None
            saved = SavedRecord(tensor_id, is_output, True, None, True, shape, str(dtype))
            record.saved.append(saved)
        return record

    def saved_record(self, saved: Any, node: Node) -> SavedRecord:
        if type(saved) is not SavedTensor:
            if isinstance(saved, Tensor):
                return SavedRecord(self.add_tensor(saved, "saved"), False, True, None)
            return SavedRecord(None, False, True, saved)
        version_ok = saved.version_counter[0] == saved.version
        if saved.tensor is not None:
            return SavedRecord(self.add_tensor(saved.tensor, "saved"), False, version_ok, None)
        record = TensorRecord(
            id=len(self.tensors), shape=tuple(saved.array.shape), dtype=str(saved.array.dtype),
            device=str(backend.device_of(saved.array)),
            requires_grad=True, is_leaf=False, retains_grad=False, grad_fn=None,
            output_nr=saved.output_nr, roles=["saved"], tensor=None, data=saved.array,
        )
        self.tensors.append(record)
        record.grad_fn = self.node_ids[id(node)]
        return SavedRecord(record.id, True, version_ok, None)

    def link_tensor(self, t: Tensor) -> None:
        record = self.tensors[self.tensor_ids[id(t)]]
        if t.grad_fn is not None:
            node_id = self.node_ids.get(id(t.grad_fn))
            if node_id is None:
                return
            record.grad_fn = node_id
            self.nodes[node_id].outputs.append(record.id)


@contextmanager
def recording(
    callback: Callable[[Node, tuple[Tensor, ...], tuple[Any, ...]], None],
) -> Iterator[None]:
    """Call ``callback(node, outputs, inputs)`` each time an operation is recorded.

    Nothing is paid when no callback is registered: the engine checks an empty list.
    """
    record_listeners.append(callback)
    try:
        yield
    finally:
        record_listeners.remove(callback)


class saved_tensors_hooks:  # noqa: N801 - PyTorch's name
    """Inside, every tensor an operation saves for backward is kept as ``pack_hook(tensor)``,
    and backward gets it back as ``unpack_hook(packed)`` (to store it elsewhere, log, …).

    ``pack_hook`` runs with recording off, as in PyTorch: what it computes (``t * 1``, a copy
    on the CPU) is plain data, not part of the graph.
    """

    def __init__(self, pack_hook: Callable[[Tensor], Any],
                 unpack_hook: Callable[[Any], Tensor]) -> None:
        self.pack_hook, self.unpack_hook = pack_hook, unpack_hook

    def __enter__(self) -> saved_tensors_hooks:
        if thread_hooks.disabled:
            raise RuntimeError(thread_hooks.disabled[-1])
        if not (callable(self.pack_hook) and callable(self.unpack_hook)):
            raise TypeError(  # (PyTorch's binding refuses them)
                "_push_saved_tensors_default_hooks(): incompatible function arguments. The "
                "following argument types are supported:\n    1. (arg0: collections.abc.Callable"
                ", arg1: collections.abc.Callable) -> None\n\nInvoked with: "
                f"{self.pack_hook!r}, {self.unpack_hook!r}")
        push_hooks((grad_mode.no_grad()(self.pack_hook), self.unpack_hook))  # (this thread's)
        return self

    def __exit__(self, *exc: object) -> None:
        pop_hooks()


class save_on_cpu(saved_tensors_hooks):  # noqa: N801 - PyTorch's name
    """Saved tensors wait for backward in host memory and come back to their own device
    when backward unpacks them (GPU memory traded for copies)."""

    def __init__(self, pin_memory: bool = False, device_type: str = "cuda") -> None:
        def pack(tensor: Tensor) -> tuple[Any, Tensor]:
            if not pin_memory:
                return tensor.device, tensor.cpu()
            from ..creation import empty  # (pinned: always a copy, as PyTorch makes one)

            # PyTorch pins where ``device_type``'s device is there (the cpu always is), and
            # refuses without a GPU's allocator; with a GPU the kit copies without pinning
            pinnable = _device_available(device_type) and not tensor.is_sparse
            packed = empty(tensor.size(), dtype=tensor.dtype, layout=tensor.layout,
                           pin_memory=pinnable and not _device_available("cuda"))
            return tensor.device, packed.copy_(tensor)

        def unpack(packed: tuple[Any, Tensor]) -> Tensor:
            device, tensor = packed
            return tensor.to(device)

        super().__init__(pack, unpack)


def _device_available(device_type: str) -> bool:
    """PyTorch's ``getattr(torch, device_type, torch.cuda).is_available()``: the cpu always
    is (an unknown name asks about cuda)."""
    import autograd_kit

    if device_type == "cpu":
        return True
    module = getattr(autograd_kit, device_type, autograd_kit.cuda)
    return bool(getattr(module, "is_available", lambda: False)())


@contextmanager
def disable_saved_tensors_hooks(error_message: str) -> Iterator[None]:
    """Inside, entering `saved_tensors_hooks` raises ``RuntimeError(error_message)`` (for code
    whose saved tensors must stay as they are); so does entering this block while hooks are
    already in use."""
    if current_hooks() is not None:
        raise RuntimeError(error_message)
    thread_hooks.disabled.append(error_message)  # (per thread, as in PyTorch)
    try:
        yield
    finally:
        thread_hooks.disabled.pop()


class _Handle:
    """What a tensor saved inside `allow_mutation_on_saved_tensors` is packed as: one per
    tensor and version however often it is saved, alive while some graph keeps it."""


class _AllowMutationOnSavedContext:
    """What `allow_mutation_on_saved_tensors` yields, with PyTorch's names: a handle per saved
    (tensor, version) while a graph keeps it (``tid_to_weakhandle``), the saved tensors not
    changed since (``original``) and copies of those changed in place since (``cloned``).
    (PyTorch copies a saved tensor as it is about to change; the kit copies each one as it is
    saved and shows the copy once the tensor's version has moved on: the same values.)"""

    def __init__(self) -> None:
        self.tid_to_weakhandle: weakref.WeakValueDictionary = weakref.WeakValueDictionary()
        self.saved: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # handle ->
        # (the tensor, its version when saved, a copy)

    @property
    def original(self) -> dict[_Handle, Tensor]:
        return {h: t for h, (t, version, _) in list(self.saved.items()) if t._version == version}

    @property
    def cloned(self) -> dict[_Handle, Tensor]:
        return {h: copy for h, (t, version, copy) in list(self.saved.items())
                if t._version != version}

    def clear(self) -> None:
        self.tid_to_weakhandle.clear()
        self.saved.clear()


_OUTSIDE_MUTATION_CONTEXT = (  # (PyTorch's words, the missing space too)
    "Trying to backward outside of the 'allow_mutation_on_saved_tensors' context"
    "in which the graph was originally recorded.")
_mutation_context_open = False


@contextmanager
def allow_mutation_on_saved_tensors() -> Iterator[_AllowMutationOnSavedContext]:
    """Inside, a tensor saved for backward may be changed in place: backward uses its value
    from when it was saved. Run the backward inside too."""
    global _mutation_context_open
    ctx = _AllowMutationOnSavedContext()

    def pack(tensor: Tensor) -> _Handle:
        tid = (id(tensor), tensor._version)
        handle = ctx.tid_to_weakhandle.get(tid)
        if handle is None:  # (the same tensor saved again at the same version: one handle)
            handle = ctx.tid_to_weakhandle[tid] = _Handle()
            ctx.saved[handle] = (tensor, tensor._version, tensor.clone())
        return handle

    def unpack(handle: _Handle) -> Tensor:
        if not _mutation_context_open or handle not in ctx.saved:
            raise AssertionError(_OUTSIDE_MUTATION_CONTEXT)
        tensor, version, copy = ctx.saved[handle]
        return tensor if tensor._version == version else copy

    with saved_tensors_hooks(pack, unpack):
        try:
            if _mutation_context_open:
                raise RuntimeError("allow_mutation_on_saved_tensors contexts cannot be nested")
            _mutation_context_open = True
            yield ctx
        finally:
            ctx.clear()
            _mutation_context_open = False


class GradientEdge(NamedTuple):
    """Where a tensor's gradient goes in the backward graph: ``node`` (its ``grad_fn``, or the
    ``AccumulateGrad`` of a leaf) and which of that node's outputs it is."""

    node: Node
    output_nr: int
    ownership_token: Any = None


def get_gradient_edge(tensor: Tensor) -> GradientEdge:
    """The `GradientEdge` of ``tensor`` (PyTorch's error for one that needs no gradient)."""
    if not tensor.requires_grad or carries_tangents_only(tensor):
        raise RuntimeError("It is not possible to get the gradient edge for a Tensor that does "
                           "not require gradients")
    node, output_nr = tensor._gradient_edge()
    note_output(node, output_nr, tensor)
    return GradientEdge(node, output_nr)


def increment_version(tensor: Tensor | Iterable[Tensor]) -> None:
    """Bump the version counter as an in-place change would (for changes made behind the
    kit's back, say through NumPy), so saved copies of the old value refuse to be used."""
    try:
        tensors = iter([tensor] if isinstance(tensor, Tensor) else tensor)
    except TypeError:
        raise RuntimeError("increment_version expect a Iterable[Tensor] as input") from None
    for t in tensors:  # (one by one, as PyTorch: those before a non-tensor are counted)
        if not isinstance(t, Tensor):
            raise RuntimeError(
                "increment_version expects each element of the iterable to be a tensor")
        t._version_counter[0] += 1
