"""The argument checks of split, norm and Tensor.unflatten, which PyTorch writes in Python:
what reaches its argument parser is the function they call (split or split_with_sizes,
linalg_vector_norm or linalg_matrix_norm), with that function's forms and words (see
signature_parser.py)."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from .signature_parser import check
from .tensor_arguments import _is_tensor

_SPLIT = ("Tensor input, int split_size, int dim = 0",
          "Tensor input, int[] split_size, int dim = 0")


def split_checked(function: Callable[..., Any], sizes: str) -> Callable[..., Any]:
    """``x.split(…)`` and ``torch.split(x, …)``, which PyTorch writes in Python: an int size
    goes to its ``split(input, split_size, dim)``, anything else to ``split_with_sizes(input,
    split_sizes, dim)``, both given every argument by position."""
    @functools.wraps(function)
    def split(*args: Any, **kwargs: Any) -> Any:
        if len(args) == 2 and type(args[1]) is int and not kwargs:
            return function(*args)
        size = args[1] if len(args) > 1 else kwargs.get(sizes)
        if _is_tensor(size):  # (PyTorch's Python reads a one-element tensor as its int)
            try:
                size = int(size)
            except ValueError:
                pass
            else:
                if len(args) > 1:
                    args = (args[0], size, *args[2:])
                else:
                    kwargs = {**kwargs, sizes: size}
        dim = args[2] if len(args) > 2 else kwargs.get("dim", 0)
        if len(args) > 1 or sizes in kwargs:
            given = (args[0], size, dim)
            if isinstance(size, int):
                check("split", _SPLIT, given, {})
            else:
                check("split_with_sizes", ("Tensor input, int[] split_sizes, int dim = 0",),
                      given, {})
        return function(*args, **kwargs)

    return split


_VECTOR_NORM = ("Tensor input, Number ord = 2, int[1] dim = None, bool keepdim = False, *, "
                "torch.dtype dtype = None, Tensor out = None",)
_MATRIX_NORM = tuple(f"Tensor input, {ord}, int[] dim = {{-2,-1}}, bool keepdim = False, *, "
                     "torch.dtype dtype = None, Tensor out = None"
                     for ord in ("Number ord", 'str ord = "fro"'))


def norm_checked(function: Callable[..., Any]) -> Callable[..., Any]:
    """``x.norm(…)`` and ``torch.norm(…)``, which PyTorch writes in Python: a dim that is no
    int reaches ``linalg_vector_norm`` or ``linalg_matrix_norm`` (or Python's ``len()``)."""
    @functools.wraps(function)
    def norm(*args: Any, **kwargs: Any) -> Any:
        given = dict(zip(("input", "p", "dim", "keepdim", "dtype"), args)) | kwargs
        dim, keepdim = given.get("dim"), given.get("keepdim", False)
        if (dim is None or type(dim) is int) and type(keepdim) is bool and (
                given.get("dtype") is None):
            return function(*args, **kwargs)
        p, dtype = given.get("p", "fro"), given.get("dtype")
        dims = [dim] if isinstance(dim, int) else dim
        tensor = args[0] if args else given.get("input")
        if isinstance(p, str):
            if p == "fro" and (dim is None or isinstance(dim, int) or len(dim) <= 2):
                check("linalg_vector_norm", _VECTOR_NORM, (tensor, 2, dims, keepdim),
                      {"dtype": dtype})
            else:
                check("linalg_matrix_norm", _MATRIX_NORM, (tensor, p, dims, keepdim),
                      {"dtype": dtype})
        else:
            check("linalg_vector_norm", _VECTOR_NORM,
                  (tensor, 2.0 if p is None else p, dims, keepdim), {"dtype": dtype})
        return function(*args, **kwargs)

    return norm


def unflatten_checked(method: Callable[..., Any]) -> Callable[..., Any]:
    """``x.unflatten(dim, sizes)``, which PyTorch writes in Python: it reads ``not sizes``
    first (a tensor of several sizes: "Boolean value of Tensor with more than one value is
    ambiguous"; 0 or None: "sizes must be non-empty"), then gives both to the built-in by
    position (``dim=0.5`` is still "argument 'dim' (position 1)")."""
    @functools.wraps(method)
    def unflatten(self: Any, dim: Any, sizes: Any) -> Any:
        if not sizes:
            raise RuntimeError("unflatten: sizes must be non-empty")
        return method(self, dim, sizes)

    return unflatten
