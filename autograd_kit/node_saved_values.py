"""How a node shows what it saved, under PyTorch's names.

PyTorch's nodes offer their saved values as attributes: ``_saved_self`` and ``_saved_other``
(the inputs a rule kept), ``_saved_result`` (its output), and options such as
``_saved_exponent`` or ``_saved_dim``. ``dir(node)`` lists them beside the node's API. This
mixin gives every `Node` those attributes; it only reads what recording stored.
"""

from __future__ import annotations

import math
from typing import Any

import numpy

from .saved_tensor import SavedTensor, is_saved_output
from .tensor import Tensor

FREED_MESSAGE = (
    "Trying to backward through the graph a second time (or directly access saved tensors "
    "after they have already been freed). Saved intermediate values of the graph are freed "
    "when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to "
    "backward through the graph a second time or if you need to access saved tensors after "
    "calling backward."
)


_MISSING = object()

# What a node offers, as PyTorch lists it (dir(node)); the rest is the kit's bookkeeping
NODE_API = ("metadata", "name", "next_functions", "register_hook", "register_prehook",
            "requires_grad")


class SavedValuesView:
    """The ``_saved_*`` attributes of a node and its ``dir()`` (mixed into `Node`)."""

    def __getattr__(self, name: str) -> Any:
        """PyTorch's ``_saved_self`` / ``_saved_other`` / ``_saved_result`` views of what
        this node saved (inputs in order, then the output)."""
        raw = name.startswith("_raw_saved_")
        if raw:
            name = name[len("_raw"):]
        if not name.startswith("_saved_") or name == "_saved_meta":
            raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")
        if name not in ("_saved_self", "_saved_other", "_saved_result"):
            return self._saved_option(name)
        if self._freed:
            raise RuntimeError(FREED_MESSAGE)
        saved = self.__dict__.get("_saved") or []
        inputs = [s for s in saved if not is_saved_output(s)]
        outputs = [s for s in saved if is_saved_output(s)]
        wanted = {"_saved_self": inputs[:1], "_saved_other": inputs[1:2],
                  "_saved_result": outputs[:1]}[name]
        if not wanted:
            return self._saved_option(name)
        value = wanted[0]
        if raw and type(value) is SavedTensor:  # the saved value itself, to register hooks on
            return value
        if type(value) is SavedTensor:
            return value.unpack(self)
        if isinstance(value, (bool, int, float)):  # PyTorch shows a saved number as a tensor
            return Tensor._make(numpy.asarray(value))  # 2 → int64, 2.5 → float64, True → bool
        return value

    def __dir__(self) -> list[str]:
        """What PyTorch lists for a node: its API and its saved values (``_saved_self``,
        ``_saved_other`` for inputs, ``_saved_result`` for the output). The kit's own nodes
        leave out the kit's bookkeeping, as PyTorch's C++ nodes show none; a custom
        Function's node (the ``ctx``) also lists what forward set on it."""
        saved = self.__dict__.get("_saved") or self.__dict__.get("_saved_meta") or []
        outputs = [is_saved_output(s) for s in saved]
        views = ["_saved_self", "_saved_other"][:outputs.count(False)]
        views += ["_saved_result"] if True in outputs else []
        function = getattr(type(self), "_function", None)
        if function is not None and function._checked:
            names = {n for n in super().__dir__() if not n.startswith("_saved")}
        else:
            names = {*dir(object), "__call__", *NODE_API}
            if "variable" in self.__dict__:  # AccumulateGrad's leaf
                names.add("variable")
        return sorted(names | set(views) | {"_raw" + v for v in views})

    def _saved_option(self, name: str) -> Any:
        """An option the forward kept on ctx (``_saved_exponent`` → ``ctx.exponent``), under
        PyTorch's name where the rule calls it otherwise (`Function.saved_options`), or the
        input's size (``_saved_self_sym_sizes``)."""
        key = name[len("_saved_"):]
        function = getattr(type(self), "_function", None)
        how = function.saved_options.get(key, key) if function is not None else key
        if callable(how):
            return how(self)
        value = self.__dict__.get(how, _MISSING)
        if value is not _MISSING:
            return value
        shape = self._input_shapes[0] if self._input_shapes else None
        if key in ("self_sym_sizes", "self_sym_numel") and shape is not None:
            return tuple(shape) if key == "self_sym_sizes" else math.prod(shape)
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")
