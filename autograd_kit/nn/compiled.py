"""``compile(model)``: PyTorch's ``torch.compile``, which the kit accepts and does not compile.

PyTorch traces a compiled model into optimised kernels; the kit has nothing to gain, so a
compiled function is the function itself and a compiled module runs the module. What a
learner sees is kept: ``compile(module)`` is an `OptimizedModule` that holds the module
as ``_orig_mod`` (so its ``state_dict`` keys start with ``_orig_mod.``, the classic surprise
when loading them into an uncompiled model), forwards attribute reads and writes to it,
and shares its ``training`` flag.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from .module import Module

__all__ = ["OptimizedModule", "compile"]


class OptimizedModule(Module):
    """A compiled module (``torch._dynamo.eval_frame.OptimizedModule``): calls run
    ``_orig_mod``; attributes other than its own are the original module's."""

    _opt_mod_attributes = {"_orig_mod", "dynamo_ctx", "forward", "_super_module_initialized"}

    def __init__(self, mod: Module, dynamo_ctx: Any = None) -> None:
        object.__setattr__(self, "_orig_mod", mod)
        object.__setattr__(self, "_super_module_initialized", False)
        super().__init__()
        object.__setattr__(self, "_super_module_initialized", True)
        self._orig_mod = mod  # registered as the only child
        self.dynamo_ctx = dynamo_ctx

    def forward(self, *args: Any, **kwargs: Any) -> Any:
        return self._orig_mod(*args, **kwargs)

    def __len__(self) -> int:
        if hasattr(type(self._orig_mod), "__len__"):
            return len(self._orig_mod)  # type: ignore[arg-type]
        raise TypeError(f"{type(self._orig_mod).__name__} does not support len()")

    @property  # type: ignore[override]
    def training(self) -> bool:
        return self._orig_mod.training

    @training.setter
    def training(self, value: bool) -> None:
        if self._super_module_initialized:  # Module.__init__'s default is not copied down
            self._orig_mod.training = value

    def __getattr__(self, name: str) -> Any:
        if name == "_orig_mod":
            return self._modules["_orig_mod"]
        return getattr(self._orig_mod, name)

    def __setattr__(self, name: str, value: Any) -> None:
        if hasattr(type(self), name) or name in OptimizedModule._opt_mod_attributes:
            super().__setattr__(name, value)
        else:
            setattr(self._orig_mod, name, value)

    def __delattr__(self, name: str) -> None:
        if hasattr(type(self), name) or name in OptimizedModule._opt_mod_attributes:
            super().__delattr__(name)
        else:
            delattr(self._orig_mod, name)

    def __reduce__(self) -> tuple[type[OptimizedModule], tuple[Module, Any]]:
        return (self.__class__, (self._orig_mod, self.dynamo_ctx))


def compile(model: Callable[..., Any] | None = None, *, fullgraph: bool = False,  # noqa: A001
            dynamic: bool | None = None, backend: Any = "inductor", mode: str | None = None,
            options: dict[str, Any] | None = None, disable: bool = False,
            **_more: Any) -> Any:
    """``compile(model)`` / ``@compile`` / ``@compile(mode=...)``: a module comes back as an
    `OptimizedModule` around it, a function as a new function calling it (nothing is compiled)."""
    if model is None:
        return lambda fn: compile(fn, fullgraph=fullgraph, dynamic=dynamic, backend=backend,
                                  mode=mode, options=options, disable=disable)
    if not callable(model):
        raise AssertionError(f"A callable function is expected, but {type(model)} is provided.")
    if isinstance(model, Module):
        return OptimizedModule(model)
    return _same_function(model)


def _same_function(fn: Callable[..., Any]) -> Callable[..., Any]:
    """A new function that calls ``fn`` (PyTorch's compiled function is a new object too)."""

    @functools.wraps(fn)
    def compiled(*args: Any, **kwargs: Any) -> Any:
        return fn(*args, **kwargs)

    return compiled
