"""Module backward hooks: how ``register_full_backward_hook`` sees a module's gradients.

A module is many operations, so no single backward node has "the gradient with respect to
the module's inputs". PyTorch's trick, followed here: when a module has backward hooks,
its inputs and its outputs each pass through an identity `Function`
(``BackwardHookFunction``, node ``BackwardHookFunctionBackward``).

* the *output* identity node is the first node of the module that backward reaches: the
  gradient arriving there is ``grad_output`` (pre-hooks may replace it);
* the *input* identity node is the last: what it sends on is ``grad_input``, and the hooks
  run there, ``hook(module, grad_input, grad_output)``, and may replace it.

So ``model(x).grad_fn`` is ``BackwardHookFunctionBackward`` for a hooked module, as in
PyTorch. Entries of ``grad_input`` / ``grad_output`` are None where the argument is not a
tensor.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable
from typing import Any

from .. import grad_mode
from ..creation import zeros_like
from ..function import Function
from ..memory_overlap import _outside_the_kit
from ..tensor import Tensor


class BackwardHookFunction(Function):
    """Identity on its tensor arguments (those that require grad); its node is where module
    backward hooks attach."""

    @staticmethod
    def forward(ctx: Any, *args: Tensor) -> tuple[Tensor, ...]:
        # (backward gets zeros for an unused output, as in PyTorch: a module's unused input
        # shows zeros to its hooks and gets them; the output hook reads what arrived)
        return args

    @staticmethod
    def backward(ctx: Any, *grads: Tensor | None) -> tuple[Tensor | None, ...]:
        return grads


# In PyTorch this is a Python Function: its node shows its module, is not callable, and its
# outputs (the inputs returned as they are) may not be changed in place (an in-place layer
# with a full backward hook fails), as for a learner's own Function.
BackwardHookFunction._checked = True


def _named_hook(method: Callable[..., Any]) -> Callable[..., Any]:
    """The node hook as PyTorch names it (``hook``), which its gradient checks quote:
    ``hook 'hook' has changed the size of value``."""
    def hook(grad_inputs: tuple[Any, ...], grad_outputs: tuple[Any, ...]) -> Any:
        return method(grad_inputs, grad_outputs)
    return hook


def _pack(indices: list[int], values: tuple[Any, ...], size: int) -> tuple[Any, ...]:
    """``values`` at ``indices`` of a tuple of ``size``, None elsewhere."""
    packed: list[Any] = [None] * size
    for i, value in zip(indices, values):
        packed[i] = value
    return tuple(packed)


class BackwardHook:
    """One module call's backward hooks: set up on its inputs before ``forward`` and on its
    outputs after, they meet in backward (``grad_output`` first, then ``grad_input``)."""

    def __init__(self, module: Any, hooks: list[Callable], pre_hooks: list[Callable]) -> None:
        self.module, self.hooks, self.pre_hooks = module, hooks, pre_hooks
        self.grad_outputs: tuple[Any, ...] | None = None
        self.n_inputs = self.n_outputs = -1
        self.input_index: list[int] | None = None
        self.output_index: list[int] | None = None

    @staticmethod
    def _wrap(args: tuple[Any, ...], attach: Callable[[Any], None]
              ) -> tuple[tuple[Any, ...], list[int] | None]:
        """Pass the tensors among ``args`` that require grad through one identity node and
        ``attach`` a hook to it; returns the new args and where those tensors were (None:
        nothing to hook)."""
        index = [i for i, a in enumerate(args) if isinstance(a, Tensor) and a.requires_grad]
        if not (index and grad_mode.is_grad_enabled()):
            return args, None
        wrapped = BackwardHookFunction.apply(*[args[i] for i in index])
        attach(wrapped[0].grad_fn)
        new = list(args)
        for i, t in zip(index, wrapped):
            new[i] = t
        return tuple(new), index

    def setup_input_hook(self, args: tuple[Any, ...]) -> tuple[Any, ...]:
        args_out, self.input_index = self._wrap(args, lambda node: node.register_hook(
            _named_hook(self._input_hook)))
        self.n_inputs = len(args)
        # PyTorch shows zeros as the gradient of a tensor input that needs none
        self.constant_inputs = {i: a for i, a in enumerate(args) if isinstance(a, Tensor)
                                and i not in (self.input_index or ())}
        return args_out

    def setup_output_hook(self, result: Any) -> Any:
        single = not isinstance(result, tuple)
        outputs = (result,) if single else result
        outputs, self.output_index = self._wrap(outputs, lambda node: node.register_hook(
            _named_hook(self._output_hook)))
        self.n_outputs = len(outputs)
        return outputs[0] if single else outputs

    def _output_hook(self, _: tuple[Any, ...], arrived: tuple[Any, ...]) -> Any:
        """Backward reached the module's outputs: record (maybe replace) ``grad_output``,
        what arrived (None for an unused output); it replaces what the node sends on."""
        assert self.output_index is not None
        self.grad_outputs = _pack(self.output_index, arrived, self.n_outputs)
        for pre_hook in self.pre_hooks:
            replaced = pre_hook(self.module, self.grad_outputs)
            if replaced is None:
                continue
            if len(replaced) != len(self.grad_outputs):
                raise RuntimeError("Backward pre hook returned an invalid number of "
                                   f"grad_output, got {len(replaced)}, but expected "
                                   f"{len(self.grad_outputs)}")
            self.grad_outputs = replaced
        grad_outputs = self.grad_outputs
        if self.input_index is None:  # no input needs a gradient: the hooks run now
            warnings.warn(
                "Full backward hook is firing when gradients are computed with respect to "
                "module outputs since no inputs require gradients. See https://docs.pytorch."
                "org/docs/main/generated/torch.nn.Module.html#torch.nn.Module.register_full_"
                "backward_hook for more details.", stacklevel=_outside_the_kit())
            nothing = (None,) * self.n_inputs
            for hook in self.hooks:
                out = hook(self.module, nothing, self.grad_outputs)
                if out is not None and not (isinstance(out, tuple)
                                            and all(g is None for g in out)):
                    raise RuntimeError("Backward hook for Modules where no input requires "
                                       "gradient should always return None or None for all "
                                       "gradients.")
            self.grad_outputs = None
        return tuple(grad_outputs[i] for i in self.output_index)

    def _input_hook(self, grad_inputs: tuple[Any, ...], _: tuple[Any, ...]) -> Any:
        """Backward reached the module's inputs: call the hooks, maybe replace ``grad_input``."""
        if self.grad_outputs is None:  # reached without passing the outputs (double backward)
            return None
        assert self.input_index is not None
        grads = _pack(self.input_index, grad_inputs, self.n_inputs)
        if self.constant_inputs:
            grads = tuple(zeros_like(self.constant_inputs[i]) if i in self.constant_inputs
                          else g for i, g in enumerate(grads))
        for hook in self.hooks:
            out = hook(self.module, grads, self.grad_outputs)
            if out is None:
                continue
            if len(out) != len(grads):
                raise RuntimeError("Backward hook returned an invalid number of grad_input, "
                                   f"got {len(out)}, but expected {len(grads)}")
            grads = out
        self.grad_outputs = None
        return tuple(grads[i] for i in self.input_index)


def attach_old_style_hooks(module: Any, hooks: list[Callable], args: tuple[Any, ...],
                           result: Any) -> None:
    """``register_backward_hook`` (deprecated): each hook becomes a hook of the node that made
    the module's (first) output, so it sees *that node's* gradients, as in PyTorch: right
    for a module of one operation, misleading for others (use the full hooks)."""
    value = result
    while not isinstance(value, Tensor):
        value = next(v for v in value.values() if isinstance(v, Tensor)) \
            if isinstance(value, dict) else value[0]
    node = value.grad_fn
    if node is None:
        return
    for hook in hooks:  # hook(module, grad_in, grad_out), under the hook's own name
        node.register_hook(functools.update_wrapper(functools.partial(hook, module), hook))
    _warn_old_style(args, result, node)


def _warn_old_style(args: tuple[Any, ...], result: Any, node: Any) -> None:
    """PyTorch's warnings where an old-style hook cannot see every gradient."""
    def tensors(value: Any) -> bool:
        return isinstance(value, tuple) and all(isinstance(v, Tensor) for v in value)

    outputs = (result,) if isinstance(result, Tensor) else result
    if not tensors(outputs):
        what, missing = "return a single Tensor or a tuple of Tensors", "grad_output"
    elif not tensors(args):
        what, missing = "take as input a single Tensor or a tuple of Tensors", "grad_input"
    else:
        nodes = {o.grad_fn for o in outputs if o.grad_fn is not None}
        if len(nodes) > 1:
            warnings.warn(
                "Using a non-full backward hook when outputs are generated by different "
                "autograd Nodes is deprecated and will be removed in future versions. This hook "
                "will be missing some grad_output. Please use register_full_backward_hook to "
                "get the documented behavior.", FutureWarning, stacklevel=4)
        elif not nodes or node not in nodes:
            warnings.warn(
                "Using a non-full backward hook when outputs are nested in python data "
                "structure is deprecated and will be removed in future versions. This hook "
                "will be missing some grad_output.", FutureWarning, stacklevel=4)
        elif {a.grad_fn for a in args if a.grad_fn is not None} != {
                edge[0] for edge in node.next_functions}:
            warnings.warn(
                "Using a non-full backward hook when the forward contains multiple autograd "
                "Nodes is deprecated and will be removed in future versions. This hook will be "
                "missing some grad_input. Please use register_full_backward_hook to get the "
                "documented behavior.", FutureWarning, stacklevel=4)
        return
    warnings.warn(
        f"Using non-full backward hooks on a Module that does not {what} is deprecated and "
        f"will be removed in future versions. This hook will be missing some of the "
        f"{missing}. Please use register_full_backward_hook to get the documented behavior.",
        FutureWarning, stacklevel=4)
