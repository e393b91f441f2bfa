"""`Optimizer`: the base class of SGD and Adam: parameter groups, state, ``zero_grad``.

An optimizer keeps a list of *parameter groups* (dicts: ``'params'`` plus settings such as
``'lr'``) and per-parameter *state* (momentum buffers, running averages). ``step()`` changes
the parameters in place, outside the graph, using their ``.grad``.

For speed the updates work on the parameters' arrays directly; each one bumps the
parameter's version counter exactly as an in-place tensor operation would.
"""

from __future__ import annotations

import functools
import inspect
import warnings
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .. import grad_mode
from ..creation import tensor
from ..dtypes import float32
from ..inplace import check_fits, check_not_inference
from ..ops.operands import check_broadcast
from ..tensor import Tensor, typename
from ..views import views_see_unrecorded_change
from ..zero_grads import forget_gradient
from .optimizer_hooks import (  # noqa: F401 - PyTorch has them in torch.optim.optimizer
    OptimizerHooks,
    register_optimizer_step_post_hook,
    register_optimizer_step_pre_hook,
    with_step_hooks,
)

_NO_STATE: dict[str, Any] = {}  # (the state of a parameter not seen yet: read, never written)


class _RequiredParameter:
    """The default of a setting every parameter group must give itself (``required``, as in
    PyTorch's ``torch.optim.optimizer``): ``Optimizer(params, {"lr": required})``."""

    def __repr__(self) -> str:
        return "<required parameter>"


required = _RequiredParameter()


class Optimizer(OptimizerHooks):
    """Holds ``param_groups`` and ``state``; subclasses implement ``step`` (or the update of
    one group, ``_update_group``). Hooks: see ``optimizer_hooks.py``."""

    # settings a loaded state_dict's groups get when they lack them, and whether a saved
    # number of steps becomes a tensor (each optimizer's __setstate__ in PyTorch)
    _state_defaults: tuple[tuple[str, Any], ...] = ()
    _tensor_steps = False

    def __init__(self, params: Iterable[Any], defaults: dict[str, Any]) -> None:
        self.defaults = defaults
        self.state: defaultdict[Tensor, dict[str, Any]] = defaultdict(dict)
        self.param_groups: list[dict[str, Any]] = []
        if isinstance(params, Tensor):
            raise TypeError(
                "params argument given to the optimizer should be an iterable of Tensors or "
                f"dicts, but got {typename(params)}"
            )
        groups = list(params)
        if not groups:
            raise ValueError("optimizer got an empty parameter list")
        if not isinstance(groups[0], dict):
            groups = [{"params": groups}]
        for group in groups:
            self.add_param_group(group)

    def add_param_group(self, param_group: dict[str, Any]) -> None:
        """Add a group of parameters, with settings that default to the optimizer's. As in
        PyTorch the dict given is completed in place and becomes the group."""
        if not isinstance(param_group, dict):
            raise TypeError(f"param_group must be a dict, but got {type(param_group)}")
        params = param_group["params"]
        if isinstance(params, set):
            raise TypeError(
                "optimizer parameters need to be organized in ordered collections, but the "
                "ordering of tensors in sets will change between runs. Please use a list "
                "instead.")
        params = [params] if isinstance(params, Tensor) else list(params)
        names = [p[0] for p in params if isinstance(p, tuple)]  # model.named_parameters()
        params = [p[1] if isinstance(p, tuple) else p for p in params]
        param_group["params"] = params
        if names:
            if len(names) != len(params):
                raise ValueError("all optimizer params should be with/without names. Some "
                                 "param names are missing")
            param_group["param_names"] = names
        for param in params:
            if not isinstance(param, Tensor):
                raise TypeError(
                    "optimizer can only optimize Tensors, but one of the params is "
                    f"{typename(param)}"
                )
            if not self.defaults.get("differentiable") and not (param.is_leaf
                                                                or param.retains_grad):
                raise ValueError("can't optimize a non-leaf Tensor")
        for name, default in self.defaults.items():
            if default is required and name not in param_group:
                raise ValueError("parameter group didn't specify a value of required "
                                 f"optimization parameter {name}")
            param_group.setdefault(name, default)
        if len({id(p) for p in params}) != len(params):
            warnings.warn(
                "optimizer contains a parameter group with duplicate parameters; in future, "
                "this will cause an error; see github.com/pytorch/pytorch/issues/40967 for "
                "more information", stacklevel=3)
        seen: set[int] = set()
        for group in self.param_groups:
            seen.update(id(p) for p in group["params"])
            if ("param_names" in param_group) != ("param_names" in group):
                which = "with names" if "param_names" in param_group else "without names"
                raise ValueError("all optimizer param groups should be with/without names. "
                                 f"cannot add param group {which} to the optimizer")
        if seen & {id(p) for p in params}:
            raise ValueError("some parameters appear in more than one parameter group")
        self.param_groups.append(param_group)

    def zero_grad(self, set_to_none: bool = True) -> None:
        """Forget the gradients: ``.grad = None`` (PyTorch 2's default), or fill with zeros."""
        for group in self.param_groups:
            for param in group["params"]:
                forget_gradient(param, set_to_none)

    def _with_grads(self, group: dict[str, Any]) -> Iterator[tuple[Tensor, Tensor]]:
        """(parameter, its gradient) for each parameter of ``group`` that has a gradient: the
        others (frozen, or unused this step) are left alone. Each one's state is checked
        just before its update, so earlier parameters are updated, as in PyTorch (as is that
        it is not an inference tensor, which may not be changed in place)."""
        for param in group["params"]:
            if param._grad is not None:
                self._check_state_shapes(param)
                if param._inference:  # (a model made inside inference_mode)
                    check_not_inference(param)
                yield param, param._grad

    # PyTorch's in-place state updates name the state "tensor a" (Rprop: the gradient);
    # optimizers whose state is not shaped like the parameter (Adafactor) skip the check
    _state_first_in_errors = True
    _state_shaped_like_params = True

    def _check_state_shapes(self, param: Tensor) -> None:
        """A loaded state tensor (momentum_buffer, exp_avg, …) of another shape than its
        parameter fails as PyTorch's in-place update does: "The size of tensor a (2) must
        match the size of tensor b (3) at non-singleton dimension 0", or "output with shape
        [1] doesn't match the broadcast shape [3]" when the shapes broadcast (the state's
        update, then the parameter's: a (2, 3) state for a (3,) parameter fails at the latter)."""
        if not self._state_shaped_like_params:
            return
        shape = param._data.shape
        for value in self.state.get(param, _NO_STATE).values():
            if isinstance(value, Tensor) and value._data.ndim and value._data.shape != shape:
                if not self._state_first_in_errors:
                    check_broadcast(shape, tuple(value.shape))
                check_fits(tuple(value.shape), shape)  # the state's own in-place update
                check_fits(shape, tuple(value.shape))  # then the parameter's

    @with_step_hooks
    def step(self, closure: Callable[[], Any] | None = None) -> Any:
        """Update every parameter that has a gradient (``closure`` re-computes the loss)."""
        loss = None
        if closure is not None:
            with grad_mode.enable_grad():
                loss = closure()
        if self.defaults.get("differentiable") and self._foreach_unrecordable:
            self._refuse_foreach_recording()
        state = grad_mode.state  # (``no_grad()``, without making its context object)
        previous, state.enabled = state.enabled, False
        try:
            for group in self.param_groups:
                group = self._with_numbers(group)
                if group.get("fused"):
                    self._update_fused_group(group)
                else:
                    self._update_group(group)
        finally:
            state.enabled = previous
        return loss

    def _refuse_foreach_recording(self) -> None:
        """``differentiable=True`` with ``foreach=True``: PyTorch's multi-tensor step cannot be
        recorded (refused before any update). Otherwise ``differentiable=True`` runs the step
        with grad mode on, as tensor operations (each optimizer's recorded step), so a leaf
        parameter that requires grad fails at its first in-place update, as in PyTorch."""
        for group in self.param_groups:
            if any(p._grad is not None for p in group["params"]):
                check_foreach_differentiable(group)

    def _update_group(self, group: dict[str, Any]) -> None:
        raise NotImplementedError

    # the hyperparameters (besides the learning rate) that an optimizer's step reads as tensors
    _tensor_hyperparameters: tuple[str, ...] = ()

    def _with_numbers(self, group: dict[str, Any]) -> dict[str, Any]:
        """The group as the step reads it: a hyperparameter given as a 0-dim tensor
        (``eps=torch.tensor(1e-8)``, ``betas=(torch.tensor(0.9), …)``), which PyTorch's
        arithmetic accepts, is its value (a recorded step keeps the tensors)."""
        if group.get("differentiable"):
            return group
        numbers = {}
        for key, several in _number_keys(type(self)):
            value = group.get(key)
            if not several:
                if _number(value) is not value:
                    numbers[key] = _number(value)
            elif isinstance(value, tuple) and any(_number(v) is not v for v in value):
                numbers[key] = tuple(map(_number, value))
        return {**group, **numbers} if numbers else group

    def _update_fused_group(self, group: dict[str, Any]) -> None:
        """``fused=True``: the same update, but PyTorch's fused kernels write the parameters
        and their state without bumping version counters (a backward through a parameter
        that a fused step changed does not fail); only the step counts, which PyTorch adds
        to before the kernel, count the step."""
        before = {id(counter): counter[0] for counter in self._fused_counters(group)}
        self._update_group(group)
        for counter in self._fused_counters(group):
            counter[0] = before.get(id(counter), 0)  # (state made by this step: version 0)

    def _fused_counters(self, group: dict[str, Any]) -> Iterator[list[int]]:
        for param in group["params"]:
            yield param._version_counter
            for key, value in self.state.get(param, _NO_STATE).items():
                if key != "step" and isinstance(value, Tensor):
                    yield value._version_counter

    # PyTorch's multi-tensor step refuses differentiable=True (not SGD's)
    _foreach_unrecordable = True

    # ---- saving and loading ------------------------------------------------------------
    def state_dict(self) -> dict[str, Any]:
        """``{'state': {index: {...}}, 'param_groups': [{..., 'params': [index, …]}]}``."""
        for hook in self._hooks("state_dict_pre").values():
            hook(self)
        index: dict[int, int] = {}
        groups = []
        for group in self.param_groups:
            numbers = []
            for param in group["params"]:
                index.setdefault(id(param), len(index))
                numbers.append(index[id(param)])
            groups.append({**{k: v for k, v in group.items() if k != "params"},
                           "params": numbers})
        state = {  # each parameter's own state dict, as in PyTorch (not a copy); a key
            # that is no parameter (loaded from a state dict that had it) stays as it is
            (index[id(param)] if isinstance(param, Tensor) else param): values
            for param, values in self.state.items()
            if not isinstance(param, Tensor) or id(param) in index
        }
        out = {"state": state, "param_groups": groups}
        for hook in self._hooks("state_dict_post").values():
            replaced = hook(self, out)
            out = out if replaced is None else replaced
        return out

    def load_state_dict(self, state_dict: dict[str, Any]) -> None:
        """Restore settings and per-parameter state saved by ``state_dict()``: each group
        becomes the saved one (its settings, in its order), with this optimizer's parameters."""
        for hook in self._hooks("load_state_dict_pre").values():
            replaced = hook(self, state_dict)
            state_dict = state_dict if replaced is None else replaced
        saved_groups = state_dict["param_groups"]
        if len(saved_groups) != len(self.param_groups):
            raise ValueError("loaded state dict has a different number of parameter groups")
        params: dict[int, Tensor] = {}
        for group, saved in zip(self.param_groups, saved_groups):
            if len(group["params"]) != len(saved["params"]):
                raise ValueError(
                    "loaded state dict contains a parameter group that doesn't match the size "
                    "of optimizer's group"
                )
            params.update(zip(saved["params"], group["params"]))
        self.param_groups = [
            {**saved, "params": group["params"],
             **({"param_names": group["param_names"]}
                if "param_names" in group and "param_names" not in saved else {})}
            for group, saved in zip(self.param_groups, saved_groups)]
        self.state = defaultdict(dict)
        for number, values in state_dict["state"].items():
            if number not in params:  # (no parameter has that number: kept as it is)
                self.state[number] = values
                continue
            param = params[number]
            group = next(g for g in self.param_groups if any(p is param for p in g["params"]))
            self.state[param] = {k: _loaded(param, k, v, group) for k, v in values.items()}
        for group in self.param_groups:
            for key, default in self._state_defaults:
                group.setdefault(key, default)
            for param in group["params"] if self._tensor_steps else ():
                state = self.state.get(param)
                if state and not isinstance(state.get("step"), Tensor):
                    state["step"] = tensor(float(state["step"]))
        for hook in self._hooks("load_state_dict_post").values():
            hook(self)

    def __repr__(self) -> str:
        text = type(self).__name__ + " ("
        for i, group in enumerate(self.param_groups):
            text += f"\nParameter Group {i}\n"
            for key in sorted(group):
                if key != "params":
                    text += f"    {key}: {group[key]}\n"
        return text + ")"


def check_lr(lr: float | Tensor) -> None:
    """A learning rate given as a tensor must hold one number (it is read as a float)."""
    if isinstance(lr, Tensor) and lr.numel() != 1:
        raise ValueError("Tensor lr must be 1-element")


def bump(tensor: Tensor) -> None:
    """Record that ``tensor`` was changed in place (as ``add_`` would)."""
    tensor._version_counter[0] += 1
    # (its views, and the other views of its base when it is one, see it: PyTorch gives
    # them a new grad_fn, or refuses a view made under no_grad, when they are next used)
    views_see_unrecorded_change(tensor)


def _loaded(param: Tensor, key: Any, value: Any, group: dict[str, Any]) -> Any:
    """A loaded state value as PyTorch keeps it: floating state takes the parameter's dtype
    and device; ``step`` keeps its dtype (float32 on the parameter's device when fused or
    capturable). As in PyTorch, a tensor already of the right dtype and device is kept
    itself, not copied: an optimizer loaded from another's ``state_dict()`` shares its
    state tensors (``copy.deepcopy`` the state dict to let both go on alone)."""
    if not isinstance(value, Tensor):
        return value
    if key == "step":
        if group.get("capturable") or group.get("fused"):
            return value.to(dtype=float32, device=param.device)
        return value
    if param.is_floating_point():
        # 0-dim state too (NAdam's mu_product, ASGD's eta and mu): a float64 model's float32
        # mu_product comes back float64, so its resumed steps differ in the last bits, as in PyTorch
        return value.to(dtype=param.dtype, device=param.device)
    return value.to(device=param.device)


def check_foreach_differentiable(group: dict[str, Any]) -> None:
    """PyTorch's error at ``step()`` for ``foreach=True`` with ``differentiable=True`` (its
    multi-tensor code cannot be recorded)."""
    if group.get("foreach") and group.get("differentiable"):
        raise AssertionError("_foreach ops don't support autograd")


@functools.cache
def _number_keys(cls: type) -> tuple[tuple[str, bool], ...]:
    """(name, whether a tuple) of each hyperparameter `Optimizer._with_numbers` reads: those
    whose default in ``cls.__init__`` is a number or a tuple, but lr and the class's
    ``_tensor_hyperparameters``."""
    return tuple((name, isinstance(p.default, tuple))
                 for name, p in inspect.signature(cls.__init__).parameters.items()
                 if name != "lr" and name not in cls._tensor_hyperparameters  # type: ignore[attr-defined]
                 and (isinstance(p.default, tuple) or isinstance(p.default, (int, float))
                      and not isinstance(p.default, bool)))


def _number(value: Any) -> Any:
    """A 0-dim tensor's value as a Python number; anything else as it is."""
    return value.item() if isinstance(value, Tensor) and value.dim() == 0 else value
