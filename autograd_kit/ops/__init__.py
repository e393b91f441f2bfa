"""Every operation of the kit as a function: ``ops.add(a, b)``, ``ops.exp(x)``, …

The derivative rules live in the modules beside this one, grouped by family:
arithmetic, unary, choice (where/maximum/minimum), reductions, linalg, shape, indexing.
This file only routes each call to its `Function` (and handles the argument forms).
"""

from __future__ import annotations

import operator
from typing import Any

from .. import clamp_arguments as _clamp_arguments
from .. import dtypes, grad_mode, scalar_warning
from ..tensor import Tensor, _wrap_dim, typename
from ..tensor_arguments import _type_name
from ..transform_captures import refuse_batched_read
from . import arithmetic as _arith
from . import choice as _choice
from . import distance as _distance
from . import extrema as _extrema
from . import filling  # noqa: F401  (zero_, fill_, copy_ use ops.filling)
from . import joining as _joining
from . import plain_arithmetic as _plain
from . import reductions as _red
from . import rounding as _rounding
from . import scatter as _scatter
from . import shape as _shape
from . import trig as _trig
from . import unary as _unary
from .bitwise import (  # noqa: F401  (re-exported)
    bitwise,
    bitwise_not,
    invert,
    logical,
    logical_not,
)
from .comparisons import eq, equal, ge, gt, le, lt, ne  # noqa: F401  (re-exported)
from .indexing import getitem, setitem  # noqa: F401  (re-exported)
from .inplace_more import bernoulli, multinomial  # noqa: F401  (re-exported)
from .joining import Cat, Stack  # noqa: F401  (re-exported)
from .linalg import Bmm, Dot, Mm, Mv, bmm, dot, matmul, mm, mv  # noqa: F401
from .more_functions import (  # noqa: F401  (re-exported)
    NOT_GIVEN,
    addmm,
    all,
    any,
    argsort,
    ceil,
    chunk,
    cumsum,
    erf,
    exp2,
    expm1,
    flip,
    floor,
    floor_divide,
    fmod,
    frac,
    gather,
    ger,
    index_select,
    isfinite,
    isinf,
    isnan,
    lerp,
    log1p,
    logsumexp,
    masked_fill,
    narrow,
    norm,
    outer,
    prod,
    remainder,
    repeat,
    round,
    rsqrt,
    sort,
    split,
    std,
    topk,
    trace,
    trunc,
    unbind,
    var,
)
from .operands import (
    arrays,
    as_operand,
    as_operands,
    check_argument_devices,
    check_same_device,
    common_dtype,
    data_beside,
    ensure_array,
    int_list,
    kernel_error,
)
from .results import max_result, min_result
from .scatter import index_add, index_fill, scatter, scatter_add  # noqa: F401
from .shape import reshape, to_copy, view  # noqa: F401
from .unique import allclose, isclose, unique  # noqa: F401  (re-exported)

# ---- arithmetic ---------------------------------------------------------------------------


def add(a: Any, b: Any, *, alpha: Any = 1) -> Tensor:
    """a + alpha · b (``2 + x`` comes here as ``add(x, 2)``; ``add(2, x)`` keeps its order)."""
    if type(alpha) is int and alpha == 1 and (out := _plain.add(a, b)) is not None:
        return out
    a, b = as_operands(a, b)
    return _arith.Add.apply(a, b, *_arith.alpha_option(a, b, alpha, name="add"))


def sub(a: Any, b: Any, *, alpha: Any = 1) -> Tensor:
    if type(alpha) is int and alpha == 1 and (out := _plain.sub(a, b)) is not None:
        return out
    a, b = as_operands(a, b)
    return _arith.Sub.apply(a, b, *_arith.alpha_option(a, b, alpha, subtracting=True, name="sub"))


def rsub(a: Any, b: Any, *, alpha: Any = 1) -> Tensor:
    """b - alpha · a (what ``10 - d`` calls: RsubBackward1 for a number b)."""
    a, b = as_operand(a), as_operand(b)
    if not isinstance(a, Tensor):
        raise TypeError(
            f"rsub() received an invalid combination of arguments - got ({type(a).__name__}, "
            f"{type(b).__name__}), but expected one of:\n * (Tensor input, Tensor other, *, "
            "Number alpha = 1)\n * (Tensor input, Number other, Number alpha = 1)\n")
    option = _arith.alpha_option(b, a, alpha, subtracting=True)
    rule = _arith.RsubTensors if isinstance(b, Tensor) else _arith.Rsub
    return rule.apply(a, b, *option)


def mul(a: Any, b: Any) -> Tensor:
    if (out := _plain.mul(a, b)) is not None:  # plain operands: no general path
        return out
    a, b = as_operands(a, b)  # (mul(2., x) keeps its order: PyTorch's edges are (None, x))
    return _arith.Mul.apply(a, b)


def div(a: Any, b: Any, *, rounding_mode: Any = NOT_GIVEN) -> Tensor:
    """a / b; ``rounding_mode`` 'trunc' or 'floor' rounds the quotient (given as None, the
    plain quotient is recorded as DivBackward2, as PyTorch records it)."""
    if rounding_mode is NOT_GIVEN and (out := _plain.div(a, b)) is not None:  # plain operands
        return out
    a, b = as_operands(a, b)
    if rounding_mode is None:
        return _arith.DivGivenNoRounding.apply(a, b)
    if rounding_mode is not NOT_GIVEN:
        if rounding_mode not in ("trunc", "floor"):
            raise RuntimeError("div expected rounding_mode to be one of None, 'trunc', or "
                               f"'floor' but found '{rounding_mode}'")
        return _rounding.DivRounded.apply(a, b, rounding_mode)
    return _arith.Div.apply(a, b)  # (div(2., x): DivBackward0; the operator 2 / x is not)


def pow(a: Any, b: Any) -> Tensor:  # noqa: A001 - PyTorch's name
    a, b = as_operand(a), as_operand(b)
    if not isinstance(a, Tensor):
        return _arith.RPow.apply(a, b)
    if isinstance(b, Tensor):
        return _arith.PowTensor.apply(a, b)
    return _arith.PowScalar.apply(a, b)


def neg(x: Tensor) -> Tensor:
    return _arith.Neg.apply(x)


def square(x: Tensor) -> Tensor:
    return pow(x, 2)


# ---- elementwise functions ----------------------------------------------------------------

def exp(x: Tensor) -> Tensor:
    return _unary.Exp.apply(x)


def log(x: Tensor) -> Tensor:
    return _unary.Log.apply(x)


def sqrt(x: Tensor) -> Tensor:
    return _unary.Sqrt.apply(x)


def sin(x: Tensor) -> Tensor:
    return _unary.Sin.apply(x)


def cos(x: Tensor) -> Tensor:
    return _unary.Cos.apply(x)


def tanh(x: Tensor) -> Tensor:
    return _unary.Tanh.apply(x)


def sigmoid(x: Tensor) -> Tensor:
    return _unary.Sigmoid.apply(x)


def relu(x: Tensor) -> Tensor:
    return _unary.Relu.apply(x)


def abs(x: Tensor) -> Tensor:  # noqa: A001
    return _unary.Abs.apply(x)


def sign(x: Tensor) -> Tensor:
    return _unary.Sign.apply(x)


def reciprocal(x: Tensor) -> Tensor:
    return _unary.Reciprocal.apply(x)


def clamp(x: Tensor, min: Any = None, max: Any = None) -> Tensor:  # noqa: A002
    """Numbers as bounds: ClampBackward1; tensors (0-dim ones beside a number count as
    numbers, as in PyTorch): ClampBackward0, with gradients for the bounds too."""
    rule, min, max = clamp_rule(min, max)
    if rule is _unary.Clamp:  # (no complex numbers)
        min, max = _clamp_arguments.real_bounds(x, min, max)
    return rule.apply(x, min, max)


def clamp_rule(min: Any, max: Any) -> tuple[Any, Any, Any]:  # noqa: A002
    """clamp's (and clamp_'s) rule for these bounds, and the bounds to give it."""
    bounds = [b for b in (min, max) if b is not None]
    tensors = [b for b in bounds if isinstance(b, Tensor)]
    if not tensors:
        return _unary.Clamp, min, max
    if len(tensors) == len(bounds):
        return _choice.ClampTensor, min, max
    if not [b for b in tensors if b.ndim]:
        min, max = (b.item() if isinstance(b, Tensor) else b for b in (min, max))
        return _unary.Clamp, min, max
    got = ", ".join(type(b).__name__ for b in bounds)
    marked = ", ".join(f"!{type(b).__name__}!" for b in bounds)
    raise TypeError(
        f"clamp() received an invalid combination of arguments - got ({got}), but expected "
        "one of:\n * (Tensor min = None, Tensor max = None)\n      didn't match because some "
        f"of the arguments have invalid types: ({marked})\n * (Number min = None, Number max = "
        "None)\n      didn't match because some of the arguments have invalid types: "
        f"({marked})\n"
    )


def clamp_min(x: Tensor, min: Any) -> Tensor:  # noqa: A002
    _clamp_arguments.check_real_bound(min)
    if isinstance(min, Tensor):
        return _choice.ClampMinTensor.apply(x, min, None)
    return _unary.ClampMin.apply(x, min, None)


def clamp_max(x: Tensor, max: Any) -> Tensor:  # noqa: A002
    _clamp_arguments.check_real_bound(max)
    if isinstance(max, Tensor):
        return _choice.ClampMaxTensor.apply(x, None, max)
    return _unary.ClampMax.apply(x, None, max)


def _tensor_other(name: str, b: Any) -> None:
    """maximum/minimum take two tensors: PyTorch's TypeError for a number."""
    if not isinstance(b, Tensor):
        raise TypeError(f"{name}(): argument 'other' (position 2) must be Tensor, "
                        f"not {typename(b)}")


def maximum(a: Tensor, b: Tensor) -> Tensor:
    _tensor_other("maximum", b)
    return _choice.Maximum.apply(as_operand(a), b)


def minimum(a: Tensor, b: Tensor) -> Tensor:
    _tensor_other("minimum", b)
    return _choice.Minimum.apply(as_operand(a), b)


def tan(x: Tensor) -> Tensor:
    return _trig.Tan.apply(x)


def asin(x: Tensor) -> Tensor:
    return _trig.Asin.apply(x)


def acos(x: Tensor) -> Tensor:
    return _trig.Acos.apply(x)


def atan(x: Tensor) -> Tensor:
    return _trig.Atan.apply(x)


def sinh(x: Tensor) -> Tensor:
    return _trig.Sinh.apply(x)


def cosh(x: Tensor) -> Tensor:
    return _trig.Cosh.apply(x)


def log2(x: Tensor) -> Tensor:
    return _trig.Log2.apply(x)


def log10(x: Tensor) -> Tensor:
    return _trig.Log10.apply(x)


def where(condition: Tensor, a: Any = None, b: Any = None) -> Any:
    """``where(c, a, b)``: a where c, else b. ``where(c)``: the indices where c is True."""
    condition = scalar_warning.where_condition(as_operand(condition), a, b)
    if a is None and b is None:
        refuse_batched_read(condition, "where")  # (under vmap)
        return nonzero(condition, as_tuple=True)
    if condition.dtype.name != "bool":
        raise RuntimeError(
            f"where expected condition to be a boolean tensor, but got a tensor with dtype "
            f"{dtypes.scalar_type_word(condition.dtype.name)}"
        )
    a, b = as_operand(a), as_operand(b)
    chosen = condition._data
    for value in (a, b):
        if isinstance(value, Tensor):
            check_same_device(condition, value)  # a CPU scalar condition is copied over
            chosen = data_beside(condition, value)
    # the caller's condition itself (saved for backward) unless it was copied to another device
    return _choice.Where.apply(a, b, condition if chosen is condition._data else chosen)


# ---- reductions -----------------------------------------------------------------------------

ALL_DIMS: Any = type("AllDims", (), {"__repr__": lambda self: "None"})()  # no dim given


def sum(x: Tensor, dim: Any = ALL_DIMS, keepdim: bool = False, *,  # noqa: A001
        dtype: Any = None) -> Tensor:
    """Sum of everything (SumBackward0), or over ``dim`` (SumBackward1: also when ``dim`` is
    given as None, or with keepdim, as in PyTorch)."""
    dtype = dtypes.resolve(dtype)  # sum in that type (one SumBackward node, as in PyTorch)
    if dim is ALL_DIMS:
        if not keepdim:
            return _red.Sum.apply(x, None, False, dtype)
        dim = None
    return _red.SumDim.apply(x, dim, keepdim, dtype)


def mean(x: Tensor, dim: Any = ALL_DIMS, keepdim: bool = False, *, dtype: Any = None) -> Tensor:
    """Mean of everything (MeanBackward0), or over ``dim`` (MeanBackward1), as ``sum``."""
    dtype = dtypes.resolve(dtype)  # averaged in that type (one MeanBackward node)
    if dim is ALL_DIMS:
        if not keepdim:
            return _red.Mean.apply(x, None, False, dtype)
        dim = None
    return _red.MeanDim.apply(x, dim, keepdim, dtype)


def count_nonzero(x: Tensor, dim: Any = None) -> Tensor:
    """How many values are not zero (over ``dim``, or everything): an int64 tensor."""
    axes = _red.normalize_dims(dim, x._data.ndim)
    counted = (x._data != 0).sum(axis=axes).astype("int64")
    return Tensor._make(ensure_array(counted, x._xp))




def max(x: Tensor, dim: Any = None, keepdim: bool = False) -> Any:  # noqa: A001
    """``max(x)``: the largest value; ``max(x, dim)``: (values, indices); ``max(x, y)``: maximum."""
    if isinstance(dim, Tensor):
        return maximum(x, dim)
    _extrema.check_dim_argument("max", x, dim)
    if dim is None:
        return _red.MaxAll.apply(x)
    return max_result(*_red.MaxDim.apply(x, dim, keepdim))


def min(x: Tensor, dim: Any = None, keepdim: bool = False) -> Any:  # noqa: A001
    if isinstance(dim, Tensor):
        return minimum(x, dim)
    _extrema.check_dim_argument("min", x, dim)
    if dim is None:
        return _red.MinAll.apply(x)
    return min_result(*_red.MinDim.apply(x, dim, keepdim))


def _no_bool(x: Tensor, name: str) -> None:
    if x.dtype.name == "bool":
        raise RuntimeError(f"{name}(): does not support bool input")


def argmax(x: Tensor, dim: Any = None, keepdim: bool = False) -> Tensor:
    _no_bool(x, "argmax")
    if dim is None:
        return _arg_of_all(x, "argmax", keepdim)
    _nonempty_dim(x, dim, "argmax")
    with grad_mode.no_grad():  # (indices only: nothing recorded, as PyTorch's argmax)
        return max(x, dim, keepdim).indices


def argmin(x: Tensor, dim: Any = None, keepdim: bool = False) -> Tensor:
    _no_bool(x, "argmin")
    if dim is None:
        return _arg_of_all(x, "argmin", keepdim)
    _nonempty_dim(x, dim, "argmin")
    with grad_mode.no_grad():  # (indices only: nothing recorded, as PyTorch's argmin)
        return min(x, dim, keepdim).indices


def _nonempty_dim(x: Tensor, dim: int, name: str) -> None:
    shape = x._data.shape
    if shape and shape[_wrap_dim(dim, len(shape))] == 0:
        raise IndexError(f"{name}(): Expected reduction dim {_wrap_dim(dim, len(shape))} to "
                         "have non-zero size.")


def _arg_of_all(x: Tensor, name: str, keepdim: bool = False) -> Tensor:
    """The flat index of the largest (smallest) value of the whole tensor (shaped with every
    dimension of size 1 for ``keepdim``)."""
    if x._data.size == 0:
        raise IndexError(f"{name}(): Expected reduction dim to be specified for "
                         "input.numel() == 0.")
    index = ensure_array(getattr(x._data, name)(), x._xp)
    return Tensor._make(index.reshape((1,) * x._data.ndim) if keepdim else index)


def nonzero(x: Tensor, *, as_tuple: bool = False) -> Any:
    """The indices of the non-zero values: an (n, ndim) int64 tensor, or one per dimension."""
    if type(as_tuple) is not bool:  # (PyTorch's parser: a bool, not even a NumPy one)
        raise TypeError(f"nonzero(): argument 'as_tuple' must be bool, not {_type_name(as_tuple)}")
    refuse_batched_read(x, "nonzero_numpy" if as_tuple else "nonzero")  # (under vmap)
    data = x._data
    indices = x._xp.nonzero(data if data.ndim else data.reshape(1))
    if as_tuple:  # PyTorch's nonzero(x).unbind(1): each a view of the (n, ndim) result
        return nonzero(x if data.ndim else Tensor._make(data.reshape(1))).unbind(1)
    # (PyTorch lays the (n, ndim) result out column by column: strides (1, n))
    found = x._xp.stack(indices).astype("int64").T
    return Tensor._make(found if data.ndim else found[:, :0])  # 0-dim: (n, 0) positions


def softmax(x: Tensor, dim: int | None = None, dtype: Any = None,
            _position: int = 2) -> Tensor:
    """Softmax along ``dim``; with ``dtype``, x is first cast to it (ToCopyBackward0).
    (``_position``: where ``dim`` sits in the caller's signature, for PyTorch's TypeError:
    2 for ``torch.softmax(x, dim)``, 1 for ``x.softmax(dim)``.)"""
    dim = _softmax_dim("softmax", dim, _position)
    return _red.Softmax.apply(_softmax_input("softmax", x, dim, dtype), dim)


def log_softmax(x: Tensor, dim: int | None = None, dtype: Any = None,
                _position: int = 2) -> Tensor:
    dim = _softmax_dim("log_softmax", dim, _position)
    return _red.LogSoftmax.apply(_softmax_input("log_softmax", x, dim, dtype), dim)


def _softmax_input(name: str, x: Tensor, dim: int, dtype: Any) -> Tensor:
    """x (cast to ``dtype``); a 0-dim integer one is refused by PyTorch's last-dim kernel."""
    x = x if dtype is None else x.to(dtype)
    if not x._data.ndim and not x.dtype.is_floating_point and _wrap_dim(dim, 0) == 0:
        raise kernel_error(f"{name}_lastdim_kernel_impl", x.dtype)
    return x


def _softmax_dim(name: str, dim: Any, position: int) -> int:
    """dim as an int (anything with ``__index__`` but a bool), or PyTorch's TypeErrors (its
    generated signature check) for a missing or non-int dim."""
    if dim is None:
        raise TypeError(f'{name}() missing 1 required positional arguments: "dim"')
    try:
        if not isinstance(dim, bool):
            return operator.index(dim)
    except TypeError:
        pass
    raise TypeError(f"{name}(): argument 'dim' (position {position}) must be int, not "
                    f"{type(dim).__name__}")


def amax(x: Tensor, dim: Any = (), keepdim: bool = False) -> Tensor:
    """The largest values over ``dim`` (all dimensions by default); ties share the gradient."""
    return _extrema.Amax.apply(x, dim, keepdim)


def amin(x: Tensor, dim: Any = (), keepdim: bool = False) -> Tensor:
    """The smallest values over ``dim`` (all dimensions by default); ties share the gradient."""
    return _extrema.Amin.apply(x, dim, keepdim)


def dist(input: Tensor, other: Tensor, p: float = 2) -> Tensor:  # noqa: A002
    """‖input - other‖ₚ, the p-norm of the (broadcast) difference."""
    return _distance.Dist.apply(input, as_operand(other), p)


# ---- shapes -----------------------------------------------------------------------------------

def transpose(x: Tensor, dim0: int, dim1: int) -> Tensor:
    return _shape.Transpose.apply(x, dim0, dim1)


def t(x: Tensor) -> Tensor:
    return _shape.T.apply(x)


def permute(x: Tensor, *dims: Any) -> Tensor:
    return _shape.Permute.apply(x, int_list("permute", "dims", dims))


def squeeze(x: Tensor, dim: Any = None) -> Tensor:
    if dim is None:
        return _shape.Squeeze.apply(x, None)
    if isinstance(dim, (tuple, list)):
        return _shape.SqueezeDims.apply(x, tuple(dim))
    return _shape.SqueezeDim.apply(x, dim)


def unsqueeze(x: Tensor, dim: int) -> Tensor:
    return _shape.Unsqueeze.apply(x, dim)


def expand(x: Tensor, *shape: Any, implicit: bool = False) -> Tensor:
    """x's size-1 dimensions repeated (a view); PyTorch's ``implicit`` changes nothing."""
    return _shape.Expand.apply(x, int_list("expand", "size", shape))


def flatten(x: Tensor, start_dim: int = 0, end_dim: int = -1) -> Tensor:
    shape = x.shape
    start, end = _wrap_dim(start_dim, len(shape)), _wrap_dim(end_dim, len(shape))
    if not shape:  # a 0-dim tensor becomes one element (dims checked as for one dim)
        return reshape(x, (1,))
    if start > end:
        raise RuntimeError("flatten() has invalid args: start_dim cannot come after end_dim")
    if start == end:  # nothing to merge: PyTorch returns the tensor itself
        return x
    return reshape(x, shape[:start] + (shape[start : end + 1].numel(),) + shape[end + 1 :])


def clone(x: Tensor, *, memory_format: Any = None) -> Tensor:
    """A copy (``CloneBackward0``) with x's memory layout, or row-major with
    ``memory_format=contiguous_format`` (channels-last with ``channels_last``)."""
    from ..memory_formats import format_order

    order = format_order(memory_format, x.ndim)
    return _shape.clone(x, order or ("C" if memory_format is dtypes.contiguous_format else "K"))


def contiguous(x: Tensor, memory_format: Any = None) -> Tensor:
    """x itself when its memory is in this order already, else a copy in it."""
    from ..memory_formats import format_order

    order = format_order(memory_format, x.ndim)
    kept = x.is_contiguous(memory_format=memory_format) if order else x._data.flags.c_contiguous
    return x if kept else _shape.Clone.apply(x, order or "C")


def cat(tensors: Any, dim: int = 0, *, axis: Any = None) -> Tensor:
    """The tensors joined along ``dim`` (``axis``, NumPy's name, also does)."""
    tensors = _joining.tensor_list("cat", tensors)
    if not tensors:
        raise ValueError("torch.cat(): expected a non-empty list of Tensors")
    return Cat.apply(dim if axis is None else axis, *tensors)


def stack(tensors: Any, dim: int = 0, *, axis: Any = None) -> Tensor:
    """The tensors stacked along a new dimension ``dim`` (or ``axis``)."""
    tensors = _joining.tensor_list("stack", tensors)
    if not tensors:
        raise RuntimeError("stack expects a non-empty TensorList")
    return Stack.apply(dim if axis is None else axis, *tensors)


# tril, triu, diag, … (the second batch of functions, listed in ops/extra_functions.py)
from . import extra_functions as _extra  # noqa: E402

globals().update({_name: getattr(_extra, _name) for _name in _extra.NAMES})

# torch.sum(x, axis=0) as well as dim=0; PyTorch's TypeError for a dim that is no int
from .. import tensor_arguments as _tensor_arguments  # noqa: E402

for _name in (*_tensor_arguments.REDUCTIONS, "topk", "chunk", "kthvalue", "sort", "argsort",
              "nansum", "cumsum"):
    globals()[_name] = _tensor_arguments.accepts_axis(globals()[_name], method=False)


# The Tensor operators (tensor_operators.py) call these functions; they are connected here,
# once this module exists, because this module itself needs the Tensor class.
def _connect_tensor_operators() -> None:
    import sys

    from .. import tensor_operators

    tensor_operators.ops = sys.modules[__name__]
    tensor_operators.plain = _plain


_connect_tensor_operators()
