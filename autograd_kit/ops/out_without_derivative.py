"""``out=`` for the ops PyTorch defines no derivative for (floor_divide, heaviside, the
``*_copy`` views, diag, conj_physical, slice_scatter): with an input that requires grad
PyTorch does not refuse the call (as it does for an op with a derivative), it writes out in
place and out's new ``grad_fn`` is ``NotImplemented``, with an edge to each input that
requires grad; backward through it is the error "derivative for aten::<op> is not
implemented"."""

from __future__ import annotations

import functools
from typing import Any

from ..tensor import Tensor
from ..tensor_layout import memory_in_shape
from .activations_more import NoDerivative

# PyTorch's name of the op whose derivative is missing (diag: by the input's dimensions)
_ATEN_NAMES = {"floor_divide": "floor_divide", "heaviside": "heaviside",
               "alias_copy": "alias_copy", "detach_copy": "detach_copy",
               "slice_copy": "slice_copy", "squeeze_copy": "squeeze_copy", "t_copy": "t_copy",
               "conj_physical": "conj_physical", "slice_scatter": "slice_scatter"}


def aten_name_without_derivative(name: str, args: tuple[Any, ...]) -> str | None:
    """The op PyTorch's ``NotImplemented`` node names for ``name(*args, out=…)``, or None
    when the op has a derivative (then out= refuses inputs that require grad)."""
    if name == "diag" and args and isinstance(args[0], Tensor):
        return "diag_embed" if args[0].ndim == 1 else "diagonal_copy"
    return _ATEN_NAMES.get(name)


class WrittenWithoutDerivative(NoDerivative):
    """out ← values (already computed), recorded as an in-place change of out:
    no derivative (``NotImplemented``); out's old value and ``values`` are no inputs."""

    non_inputs = (0, 1)
    aten_name = ""

    @staticmethod
    def forward(ctx: Any, old: Tensor, values: Tensor, *needed: Tensor) -> Any:
        return values._data


@functools.cache
def _rule(aten_name: str) -> type[WrittenWithoutDerivative]:
    return type(f"WrittenWithoutDerivative_{aten_name}", (WrittenWithoutDerivative,),
                {"aten_name": aten_name, "__doc__": WrittenWithoutDerivative.__doc__})


def refuse_a_leaf_out(out: Tensor, aten_name: str) -> None:
    """PyTorch's error for a leaf ``out`` that requires grad, or a view of one, raised
    before anything else (out is neither resized nor warned about)."""
    base = out._base
    if out.requires_grad and (out.is_leaf or base is not None and base.is_leaf):
        raise RuntimeError(f"aten::{aten_name}(): functions with out=... arguments don't "
                           "support automatic differentiation, but one of the arguments "
                           "requires grad.")


def write_recorded(out: Tensor, values: Any, aten_name: str, needed: list[Tensor]) -> None:
    """``values`` into ``out`` (resized in its own memory first when of another shape) as an
    in-place change whose node is ``NotImplemented``, with edges to the ``needed`` inputs
    (those that require grad)."""
    from ..inplace import apply_inplace

    if values.shape != out._data.shape:
        out._data = memory_in_shape(out._data, values.shape)
    apply_inplace(out, _rule(aten_name), Tensor._make(values), *needed)
