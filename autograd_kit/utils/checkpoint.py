"""``utils.checkpoint``: trade compute for memory by running a piece of the model again in
backward instead of keeping what it saved.

``checkpoint(f, *args, use_reentrant=False)`` runs ``f`` once, normally, but under
saved-tensor hooks that keep only a number for each tensor ``f``'s operations save. When
backward needs one of them, ``f`` runs again on the same inputs (with the same random
numbers) and the recomputed value stands in: the graph and the gradients are exactly those
of ``f(*args)``. ``use_reentrant=True`` is the older way: ``f`` runs without recording
inside one ``CheckpointFunctionBackward`` node, whose backward runs ``f`` again with
recording on and backpropagates through it.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

from .. import engine, grad_mode, random
from ..autograd.graph import saved_tensors_hooks
from ..function import Function
from ..tensor import Tensor

__all__ = ["CheckpointError", "checkpoint", "checkpoint_sequential"]


class CheckpointError(RuntimeError):
    """The recomputation in backward did not match the forward pass."""

REENTRANT_GRAD_MESSAGE = (
    "When use_reentrant=True, torch.utils.checkpoint is incompatible with .grad() or passing "
    "an `inputs` parameter to .backward(). To resolve this error, you can either set "
    "use_reentrant=False, or call .backward() without passing the `inputs` argument."
)


def checkpoint(function: Callable[..., Any], *args: Any, use_reentrant: bool | None = None,
               context_fn: Callable[[], Any] | None = None, determinism_check: str = "default",
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
        if context_fn is not None or debug is not False:
            raise ValueError("Passing `context_fn` or `debug` is only supported when "
                             "use_reentrant=False.")
        return CheckpointFunction.apply(function, preserve, *args)
    recompute = _Recomputation(function, args, kwargs, preserve)
    with saved_tensors_hooks(recompute.pack, recompute.unpack):
        return function(*args, **kwargs)


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


class _Recomputation:
    """The saved-tensor hooks of one non-reentrant checkpoint: pack keeps a number, unpack
    runs the function again (once per backward) and hands back the value with that number."""

    def __init__(self, function: Callable[..., Any], args: tuple[Any, ...],
                 kwargs: dict[str, Any], preserve_rng_state: bool) -> None:
        self.function, self.args, self.kwargs = function, args, kwargs
        self.rng_state = random.get_rng_state() if preserve_rng_state else None
        self.count = 0
        self.recomputed: dict[int, Tensor] = {}

    def pack(self, tensor: Tensor) -> int:
        self.count += 1
        return self.count - 1

    def unpack(self, number: int) -> Tensor:
        if number not in self.recomputed:
            self._run_again()
        if number not in self.recomputed:
            raise CheckpointError("torch.utils.checkpoint: the recomputed function saved fewer "
                               f"tensors ({len(self.recomputed)}) than the forward pass "
                               f"({self.count}); it must compute the same operations again")
        return self.recomputed.pop(number)

    def _run_again(self) -> None:
        saved: list[Tensor] = []

        def keep(tensor: Tensor) -> None:
            saved.append(tensor.detach())

        with _same_random_numbers(self.rng_state), saved_tensors_hooks(keep, _nothing), \
                grad_mode.enable_grad():
            self.function(*self.args, **self.kwargs)
        self.recomputed = dict(enumerate(saved))


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
        if not any(isinstance(a, Tensor) and a.requires_grad for a in args):
            warnings.warn("None of the inputs have requires_grad=True. Gradients will be None",
                          stacklevel=4)
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
        detached = [a.detach().requires_grad_(a.requires_grad) if isinstance(a, Tensor) else a
                    for a in inputs]
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


CheckpointFunction._checked = True  # (its node prints as a Python Function's, as in PyTorch)
