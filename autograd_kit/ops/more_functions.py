"""More operations as functions: rounding, special functions, statistics, sorting, pieces.

Routing only, like ``ops/__init__.py``: the rules live in the family modules beside this one.
"""

from __future__ import annotations

from typing import Any

from ..tensor import Tensor
from . import interpolation as _interp
from . import pieces as _pieces
from . import predicates as _predicates
from . import reductions_extra as _red_extra
from . import rounding as _rounding
from . import scan as _scan
from . import selection as _selection
from . import special as _special
from .arithmetic import Mul
from .operands import as_operand, as_operands, int_list
from .results import sort_result, topk_result
from .shape import reshape


def floor(x: Tensor) -> Tensor:
    return _rounding.Floor.apply(x)


def ceil(x: Tensor) -> Tensor:
    return _rounding.Ceil.apply(x)


def trunc(x: Tensor) -> Tensor:
    return _rounding.Trunc.apply(x)


def remainder(a: Any, b: Any) -> Tensor:
    """a % b with the sign of the divisor (Python's ``%``)."""
    a, b = as_operand(a), as_operand(b)
    if not isinstance(a, Tensor):  # 5 % x: no derivative in PyTorch
        return _rounding.RemainderOfNumber.apply(a, b)
    if isinstance(b, Tensor):
        return _rounding.RemainderTensor.apply(a, b)
    return _rounding.Remainder.apply(a, b)


def fmod(a: Tensor, b: Any) -> Tensor:
    """a - trunc(a / b) · b: C's remainder, with the sign of the dividend."""
    if not isinstance(a, Tensor):
        from ..tensor_arguments import input_not_tensor
        from .comparisons import OTHER_FORMS

        raise input_not_tensor("fmod", (a, b), OTHER_FORMS)
    b = as_operand(b)
    if isinstance(b, Tensor):
        return _rounding.FmodTensor.apply(a, b)
    return _rounding.Fmod.apply(a, b)


def frac(x: Tensor) -> Tensor:
    return _rounding.Frac.apply(x)


def floor_divide(a: Any, b: Any) -> Tensor:
    """⌊a / b⌋ (``//``); PyTorch gives it no derivative."""
    return _rounding.FloorDivide.apply(*as_operands(a, b))


def log1p(x: Tensor) -> Tensor:
    return _special.Log1p.apply(x)


def expm1(x: Tensor) -> Tensor:
    return _special.Expm1.apply(x)


def exp2(x: Tensor) -> Tensor:
    return _special.Exp2.apply(x)


def rsqrt(x: Tensor) -> Tensor:
    return _special.Rsqrt.apply(x)


def erf(x: Tensor) -> Tensor:
    return _special.Erf.apply(x)


def all(x: Tensor, dim: Any = None, keepdim: bool = False) -> Tensor:  # noqa: A001
    return _predicates.all(x, dim, keepdim)


def any(x: Tensor, dim: Any = None, keepdim: bool = False) -> Tensor:  # noqa: A001
    return _predicates.any(x, dim, keepdim)


def isnan(x: Tensor) -> Tensor:
    return _predicates.isnan(x)


def isinf(x: Tensor) -> Tensor:
    return _predicates.isinf(x)


def isfinite(x: Tensor) -> Tensor:
    return _predicates.isfinite(x)


def argsort(x: Tensor, dim: int = -1, descending: bool = False, stable: bool = False) -> Tensor:
    return _predicates.argsort(x, dim, descending, stable)




def sort(x: Tensor, dim: int = -1, descending: bool = False, stable: bool | None = None) -> Any:
    """(values, indices) sorted along ``dim``; ties keep their order. Giving ``stable``
    picks PyTorch's sort.stable overload (SortBackward1)."""
    rule = _selection.Sort if stable is None else _selection.StableSort
    return sort_result(*rule.apply(x, dim, descending, None))


def topk(x: Tensor, k: int, dim: int = -1, largest: bool = True, sorted: bool = True) -> Any:  # noqa: A002
    """(values, indices) of the k largest (or smallest) values along ``dim``."""
    if x.dtype.name == "bool":
        raise RuntimeError(f"topk does not support bool dtypes on {x.device.type.upper()}")
    return topk_result(*_selection.Topk.apply(x, dim, largest, int(k), bool(sorted)))


def trace(x: Tensor) -> Tensor:
    if x.dtype.name == "bool":  # (PyTorch's kernel takes numbers only)
        from .operands import kernel_error

        raise kernel_error("trace", x.dtype)
    return _red_extra.Trace.apply(x)


def prod(x: Tensor, dim: int | None = None, keepdim: bool = False, *, dtype: Any = None) -> Tensor:
    from ..dtypes import resolve

    dtype = resolve(dtype) if dtype is not None else None
    if dim is None:
        return _red_extra.Prod.apply(x, None, False, dtype)
    return _red_extra.ProdDim.apply(x, dim, keepdim, dtype)


def cumsum(x: Tensor, dim: int, *, dtype: Any = None) -> Tensor:
    return _scan.Cumsum.apply(x, dim, _scan.scan_dtype("cumsum_out_cpu", dtype, x, dim))


class _NotGiven:
    """The default of var/std's ``dim``: PyTorch tells ``x.var()`` (correction shown None)
    from ``x.var(dim=None)`` (its older overload, correction shown 1)."""

    def __repr__(self) -> str:
        return "None"


NOT_GIVEN: Any = _NotGiven()


def round(x: Tensor, *, decimals: Any = NOT_GIVEN) -> Tensor:  # noqa: A001
    """x rounded (halves to even); with ``decimals`` given (0 too), to that many places,
    recorded as RoundBackward1 as in PyTorch."""
    if decimals is NOT_GIVEN:
        return _rounding.Round.apply(x)
    return _rounding.RoundDecimals.apply(x, decimals)


def split_correction(dim: Any, unbiased: Any, correction: Any) -> tuple[Any, Any]:
    """(dim, correction) from var/std's arguments: ``unbiased`` (old) or ``correction``.
    The correction is None (1, shown as None) when none of dim, unbiased and correction
    was given, as PyTorch's node shows it (``x.var(dim=None)`` shows 1)."""
    if dim is NOT_GIVEN:
        if unbiased is None and correction is None:
            return None, None
        dim = None
    if isinstance(dim, bool):  # var(x, False): the second argument is `unbiased`
        dim, unbiased = None, dim
    if correction is None:
        correction = 1 if unbiased is None or unbiased else 0
    return dim, correction


def var(x: Tensor, dim: Any = NOT_GIVEN, unbiased: Any = None, keepdim: bool = False, *,
        correction: Any = None) -> Tensor:
    dim, correction = split_correction(dim, unbiased, correction)
    return _red_extra.Var.apply(x, dim, correction, keepdim)


def std(x: Tensor, dim: Any = NOT_GIVEN, unbiased: Any = None, keepdim: bool = False, *,
        correction: Any = None) -> Tensor:
    dim, correction = split_correction(dim, unbiased, correction)
    return _red_extra.Std.apply(x, dim, correction, keepdim)


def logsumexp(x: Tensor, dim: Any = None, keepdim: bool = False) -> Tensor:
    if dim is None:  # PyTorch's wording (its generated signature check)
        raise TypeError('logsumexp() missing 1 required positional arguments: "dim"')
    return _red_extra.Logsumexp.apply(x, dim, keepdim)


def outer(a: Tensor, b: Tensor) -> Tensor:
    """aᵢ bⱼ: recorded as PyTorch records it, a column view times b (MulBackward0)."""
    for name, v in (("self", a), ("vec2", b)):
        if v.ndim != 1:
            raise RuntimeError(f"outer: Expected 1-D argument {name}, but got {v.ndim}-D")
    return Mul.apply(reshape(a, (a.shape[0], 1)), b)


ger = outer


def narrow(x: Tensor, dim: int, start: Any, length: int) -> Tensor:
    if isinstance(start, Tensor) and (start.ndim != 0 or start.dtype.is_floating_point
                                      or start.is_complex() or start.dtype.name == "bool"):
        raise RuntimeError("start must be an 0-dim integral Tensor.")
    return _pieces.narrow(x, dim, int(start), int(length))


def split(x: Tensor, split_size_or_sections: Any, dim: int = 0) -> tuple[Tensor, ...]:
    return _pieces.split(x, split_size_or_sections, dim)


def chunk(x: Tensor, chunks: int, dim: int = 0) -> tuple[Tensor, ...]:
    return _pieces.chunk(x, chunks, dim)


def unbind(x: Tensor, dim: int = 0) -> tuple[Tensor, ...]:
    return _pieces.unbind(x, dim)


def flip(x: Tensor, dims: Any) -> Tensor:
    dims = (dims,) if isinstance(dims, int) else tuple(dims)
    return _pieces.Flip.apply(x, dims)


def repeat(x: Tensor, *repeats: Any) -> Tensor:
    return _pieces.Repeat.apply(x, int_list("repeat", "repeats", repeats))


def masked_fill(x: Tensor, mask: Tensor, value: Any) -> Tensor:
    return _selection.masked_fill(x, mask, value)


def gather(x: Tensor, dim: int, index: Tensor, *, sparse_grad: bool = False) -> Tensor:
    return _selection.gather(x, dim, index, sparse_grad=sparse_grad)


def index_select(x: Tensor, dim: int, index: Tensor) -> Tensor:
    return _selection.index_select(x, dim, index)


_LERP_FORMS = ("Tensor input, Tensor end, Tensor weight, *, Tensor out = None",
               "Tensor input, Tensor end, Number weight, *, Tensor out = None")


def lerp(start: Tensor, end: Tensor, weight: Any) -> Tensor:
    if not isinstance(start, Tensor):
        from ..tensor_arguments import input_not_tensor

        raise input_not_tensor("lerp", (start, end, weight), list(_LERP_FORMS))
    from ..tensor_arguments import is_number

    if not isinstance(end, Tensor) or not (isinstance(weight, Tensor) or is_number(weight)):
        from ..signature_parser import check  # (PyTorch's parser: no form takes them)

        check("lerp", _LERP_FORMS, (start, end, weight), {})
    weight = as_operand(weight)
    if isinstance(weight, Tensor):
        return _interp.LerpTensor.apply(start, as_operand(end), weight)
    return _interp.Lerp.apply(start, as_operand(end), weight)


def addmm(input: Tensor, mat1: Tensor, mat2: Tensor, *, beta: Any = 1,  # noqa: A002
          alpha: Any = 1) -> Tensor:
    """beta · input + alpha · mat1 @ mat2 (AddmmBackward0, with beta and alpha as options)."""
    from .add_products import check_addmm
    from .nn_ops import Addmm

    check_addmm(input, mat1, mat2)
    return Addmm.apply(input, mat1, mat2, beta, alpha)


def norm(x: Tensor, p: Any = "fro", dim: Any = None, keepdim: bool = False,
         dtype: Any = None) -> Tensor:
    """torch.norm, as PyTorch writes it: 'fro' over at most two dims is the vector 2-norm,
    other names go to linalg.matrix_norm (over every dim when none is given), numbers to
    linalg.vector_norm."""
    from .. import linalg

    dims = [dim] if isinstance(dim, int) else dim
    if isinstance(p, str):
        if p == "fro" and (dims is None or len(dims) <= 2):
            return linalg.vector_norm(x, 2, dims, keepdim, dtype=dtype)
        if dims is None:
            dims = list(range(x.ndim))
        return linalg.matrix_norm(x, p, dims, keepdim, dtype=dtype)
    return linalg.vector_norm(x, 2.0 if p is None else p, dims, keepdim, dtype=dtype)
