"""Custom Functions inside torch.func transforms (vmap, grad, jvp, …): which transforms run
now, and PyTorch's rules for a custom Function under them (used by `Function.apply`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .function import Function

# The torch.func transforms running now (counted by `under_transform`), by kind: a custom
# Function may run inside them only as PyTorch allows (see check_transformable).
transforms_running = {"any": 0, "vmap": 0, "forward": 0}
_FUNC_DOCS = "For more details, please see https://pytorch.org/docs/main/notes/extending.func.html"


@contextmanager
def under_transform(*kinds: str) -> Iterator[None]:
    """Count a torch.func transform ("any", plus "vmap" or "forward") while it runs."""
    for kind in ("any", *kinds):
        transforms_running[kind] += 1
    try:
        yield
    finally:
        for kind in ("any", *kinds):
            transforms_running[kind] -= 1


def check_transformable(function: type[Function]) -> None:
    """PyTorch's rules for a custom Function inside torch.func transforms: written with
    ``setup_context``; under vmap, with a ``vmap`` rule (or ``generate_vmap_rule = True``);
    under forward mode (jvp, jacfwd), with a ``jvp`` rule."""
    if not function._has_setup_context:
        raise RuntimeError("In order to use an autograd.Function with functorch transforms "
                           "(vmap, grad, jvp, jacrev, ...), it must override the setup_context "
                           f"staticmethod. {_FUNC_DOCS}")
    if transforms_running["vmap"]:
        own_rule = has_own_vmap_rule(function)
        if function.generate_vmap_rule and own_rule:
            raise RuntimeError(f"You tried to vmap over {function.__name__}, but it has both "
                               "generate_vmap_rule=True and an overridden vmap staticmethod. "
                               "Please set generate_vmap_rule=False or delete the overridden "
                               f"vmap staticmethod to avoid ambiguity. {_FUNC_DOCS}")
        if not (function.generate_vmap_rule or own_rule):
            raise RuntimeError(f"You tried to vmap over {function.__name__}, but it does not "
                               "have vmap support. Please override and implement the vmap "
                               f"staticmethod or set generate_vmap_rule=True. {_FUNC_DOCS}")
    if transforms_running["forward"] and function.jvp is _base().jvp:
        raise NotImplementedError("You must implement the jvp function for custom "
                                  "autograd.Function to use it with forward mode AD.")


def has_own_vmap_rule(function: type[Function]) -> bool:
    """Whether a custom Function overrides the ``vmap`` staticmethod."""
    return function.vmap is not _base().vmap


def _base() -> type[Function]:
    from .function import Function

    return Function
