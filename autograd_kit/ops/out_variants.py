"""``out=``: ``torch.mul(a, b, out=z)`` writes the result into ``z`` and returns ``z``.

One wrapper gives the package's functions PyTorch's ``out=`` keyword. Without ``out`` the
call goes straight through. With it, as in PyTorch:

* nothing is recorded: if grad mode is on and an input (or ``out`` itself) requires grad,
  PyTorch's error, since a result written into existing memory has no history to keep;
* an ``out`` of another shape is resized (with PyTorch's deprecation warning when it had
  elements: only an empty ``out`` is resized silently);
* the values are cast to ``out``'s dtype when the result's kind allows it (matrix products
  and ``where`` want exactly the result's dtype), and ``out``'s version goes up by one.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable
from typing import Any

import numpy

from .. import dtypes, grad_mode
from ..memory_overlap import check_no_internal_overlap, check_no_partial_overlap
from ..scalar_warning import triggered_at
from ..tensor import Tensor
from ..tensor_layout import memory_in_shape, storage_start

# functions whose ``out`` must have exactly the result's dtype, and how each words it (not
# outer/ger: PyTorch's is mul's out=, which casts where the kinds allow)
_EXACT_C = ("matmul", "mm", "bmm", "mv", "dot", "addmm", "renorm", "diag",
            "cross", "gather", "tril", "triu", "scatter", "scatter_add", "index_add",
            "index_copy", "softmax", "log_softmax", "argmax", "argmin")
# ... and how the others that want exactly the result's dtype word it
_EXACT_WORDS = {
    "where": "Expected out type to be {have} but got {want}",
    "logcumsumexp": "expected scalar_type {have} but found {want}",
    "inner": "tensordot: Expected the output tensor to have dtype {have}, but got an output "
             "tensor with dtype {want}",
    "heaviside": "heaviside is not yet implemented for tensors with different dtypes.",
    **{name: name + "(): self and result must have the same scalar type"
       for name in ("masked_select", "index_select")},
    "nan_to_num": "nan_to_num: dtype of out: {want} should be same as input: {have}",
    "take": "take(): self and out expected to have the same dtype, but got self.dtype = {have} "
            "and out.dtype = {want}",
    "nonzero": "nonzero: Expected out tensor to have scalar type {have} but got scalar type"
               "{want}",  # (no space after "type": PyTorch's words)
    **{name: "Expected the dtype for input and out to match, but got {have} for input's dtype "
             "and {want} for out's dtype." for name in ("amax", "amin")},
    **{name: name + " does not support non-boolean outputs."
       for name in ("isposinf", "isneginf", "signbit")},
}
# unary functions whose result has the input's dtype, and whose ``out`` must have it too:
# PyTorch checks that before its kernel runs (``torch.abs(bools, out=floats)``: "Found dtype
# Float but expected Bool", not abs's "not implemented for 'Bool'")
_SAME_AS_INPUT = ("abs", "neg", "floor", "ceil", "round", "trunc", "fix", "frac", "sign",
                  "sgn", "bitwise_not", "conj_physical")

# reductions computed in out's dtype (the input cast to it first, as with dtype=): the sums
# and products for any out, the mean for a floating one
_IN_OUT_DTYPE = ("sum", "nansum", "prod", "cumsum", "cumprod")
_IN_FLOAT_OUT_DTYPE = ("mean",)

RESIZE_WARNING = triggered_at(
    "An output with one or more elements was resized since it had shape {old}, which does not "
    "match the required output shape {new}. This behavior is deprecated, and in a future "
    "PyTorch release outputs will not be resized unless they have zero elements. You can "
    "explicitly reuse an out tensor t by resizing it, inplace, to zero elements with "
    "t.resize_(0).", "aten/src/ATen/native/Resize.cpp:30")


# functions with no derivative (comparisons, logical ops, …): their ``out=`` forms take
# inputs that require grad, as PyTorch's do (``torch.eq(x, 1, out=flags)``)
_NOT_DIFFERENTIABLE = ("eq", "ne", "lt", "le", "gt", "ge", "logical_and", "logical_or",
                       "logical_xor", "logical_not", "isposinf", "isneginf", "signbit",
                       "nonzero", "argmax", "argmin")
# Kernels that refuse an ``out`` sharing any memory with an input, even the same elements
# (PyTorch's ``assert_no_overlap``: ``torch.take(x, i, out=x)``): checked before ``out`` is
# resized, or after (the resize warning comes first). Other ``out=`` functions refuse only a
# partial overlap (``check_no_partial_overlap`` above).
_NO_OVERLAP_BEFORE_RESIZE = ("index_select", "masked_select", "take")
_NO_OVERLAP_AFTER_RESIZE = ("gather", "cat", "stack")


# functions whose forms (ops.tensor_input.FORMS_FIRST) tell which of them take out=, checked
# with it: where's only form with out= wants tensors where the others take numbers
_FORMS_WITH_OUT = ("where", "lerp", "sum", "prod", "mean")


def warn_resized(old: tuple[int, ...], new: tuple[int, ...], stacklevel: int) -> None:
    """PyTorch's warning for a result made in one shape and resized to another."""
    warnings.warn(RESIZE_WARNING.format(old=list(old), new=list(new)), UserWarning,
                  stacklevel=stacklevel)


def with_out(function: Callable[..., Any], name: str,
             listed_as: str | None = None) -> Callable[..., Any]:
    """``function`` with PyTorch's ``out=`` keyword (``name`` is PyTorch's, for messages),
    and its arguments also by PyTorch's names (``torch.add(input=x, other=y)``); clamp's
    listing of its forms, for arguments that fit neither, names it ``listed_as`` (clip)."""
    from ..call_errors import unplaced_if_named
    from .tensor_input import by_pytorch_names, renamed_arguments

    # (a function that moves its arguments given by PyTorch's names itself does it after
    # its own checks, which name no position for an argument given by name)
    renamed = [] if getattr(function, "_renames_arguments", False) else renamed_arguments(
        function, name)
    bounds = name in ("clamp", "clip")  # (PyTorch's listing for bounds that fit no form)

    @functools.wraps(function)
    def call(*args: Any, out: Any = None, **kwargs: Any) -> Any:
        if bounds:
            from ..clamp_arguments import check_bounds

            given = kwargs if out is None else {**kwargs, "out": out}
            check_bounds(listed_as or name, args, given, "function")
        if out is not None and name in _FORMS_WITH_OUT:  # (where(c, x, 1, out=t): only its
            from ..signature_parser import check  # all-Tensor form takes out=)
            from .tensor_input import FORMS_FIRST

            check(name, FORMS_FIRST[name], args, {**kwargs, "out": out}, counting_out=True)
        named = tuple(kwargs)
        if kwargs and renamed:
            args = by_pytorch_names(renamed, args, kwargs)
        try:
            if out is None:
                return function(*args, **kwargs)
            return write_out(function, name, out, args, kwargs)
        except TypeError as error:
            if named:  # (an argument given by name: PyTorch names no position)
                unplaced_if_named(error, name, named)
            raise

    call._without_out = function  # type: ignore[attr-defined]
    return call


def write_out(function: Callable[..., Any], name: str, out: Any, args: tuple[Any, ...],
              kwargs: dict[str, Any]) -> Tensor:
    """Compute ``function(*args, **kwargs)`` without recording and write it into ``out``."""
    if not isinstance(out, Tensor):
        raise TypeError(f"{name}(): argument 'out' must be Tensor, not {type(out).__name__}")
    from .out_without_derivative import (
        aten_name_without_derivative,
        refuse_a_leaf_out,
        write_recorded,
    )

    tangents_only = False  # (forward AD: PyTorch refuses it once out is written)
    no_derivative = aten_name_without_derivative(name, args)
    recorded = no_derivative is not None and grad_mode.state.enabled and (
        out._requires_grad or _any_requires_grad(args, kwargs))
    if recorded:  # (before any check of the kernel's, and before out is resized)
        refuse_a_leaf_out(out, no_derivative)
    if grad_mode.state.enabled and name not in _NOT_DIFFERENTIABLE and not recorded and (
            out._requires_grad or _any_requires_grad(args, kwargs)):
        from ..autograd.forward_ad import only_tangents_need_grad

        tangents_only = only_tangents_need_grad([out, *_tensors_among(args, kwargs)])
        if not tangents_only:
            raise RuntimeError(
                f"{name}(): functions with out=... arguments don't support automatic "
                "differentiation, but one of the arguments requires grad."
            )
    if name in _SAME_AS_INPUT and args and isinstance(args[0], Tensor) and (
            args[0].dtype != out.dtype) and not (name == "neg" and args[0].dtype.name == "bool"):
        raise RuntimeError(  # (neg refuses bools first: its own message)
            f"Found dtype {dtypes.scalar_type_word(out.dtype.name)} but expected "
            f"{dtypes.scalar_type_word(args[0].dtype.name)}")
    if name == "nanmean" and not out.dtype.is_floating_point:  # (it sums in out's dtype)
        raise NotImplementedError(
            f'"nansum_cpu" not implemented for \'{dtypes.scalar_type_word(out.dtype.name)}\'')
    if name == "logsumexp" and not out.dtype.is_floating_point:
        raise RuntimeError("logsumexp(): Expected floating point type for result tensor, but "
                           f"got: {dtypes.scalar_type_word(out.dtype.name)}")
    if args and isinstance(args[0], Tensor) and args[0].dtype != out.dtype and (
            name in _IN_OUT_DTYPE or name in _IN_FLOAT_OUT_DTYPE and out.dtype.is_floating_point
            and args[0].dtype.is_floating_point):
        args = (args[0].to(out.dtype), *args[1:])
    if name == "nonzero" and kwargs.get("as_tuple"):
        raise RuntimeError("nonzero does not support the out kwarg when as_tuple is True")
    check_no_partial_overlap(out, (*args, *kwargs.values()))
    if name in _NO_OVERLAP_BEFORE_RESIZE:
        check_no_partial_overlap(out, _tensors_among(args, kwargs), full=True)
    with grad_mode.no_grad():
        result = function(*args, **kwargs)
    if name in ("clamp", "clamp_min", "clamp_max") and result.dtype != out.dtype and not any(
            isinstance(a, Tensor) for a in (*args[1:], *kwargs.values())):
        raise RuntimeError(  # (clamp with numbers: PyTorch's structured kernel wants its type)
            f"Found dtype {dtypes.scalar_type_word(out.dtype.name)} but expected "
            f"{dtypes.scalar_type_word(result.dtype.name)}")
    _check_dtype(name, result, out)
    data, new = out._data, result._data
    if new.shape != data.shape:
        if _elementwise_on_itself(out, new.shape, args, kwargs):
            raise RuntimeError(f"output with shape {list(data.shape)} doesn't match the "
                               f"broadcast shape {list(new.shape)}")
        if data.size:
            warn_resized(data.shape, new.shape, stacklevel=3)
    if recorded:  # (an op without a derivative: out's history is a NotImplemented node)
        needed = [t for t in _tensors_among(args, kwargs) if t.requires_grad]
        write_recorded(out, new, no_derivative, needed)
    elif name in _NO_OVERLAP_AFTER_RESIZE:  # (out's memory still holds its old elements then)
        inputs = _tensors_among(args, kwargs)
        store(out, new, lambda: check_no_partial_overlap(out, inputs, full=True))
    else:
        store(out, _in_order(name, function, out, new, args, kwargs))
    if tangents_only:
        raise NotImplementedError(f"Trying to use forward AD with {name}_out that does not "
                                  "support it because it is an out= function")
    return out


def store(out: Tensor, new: Any, check: Callable[[], None] | None = None) -> None:
    """``new`` (a result's array) into ``out``, as PyTorch writes an ``out=`` tensor (after
    the resize warning, which the caller gives): out takes new's shape (resized in its own
    memory, as resize_ does: a view stays a view of its base), or, when the shape fits,
    new's values are written into out's memory, refused when out's elements share memory
    (an ``expand``) or the memory is read-only. ``check`` runs just before the write. Then
    out's version goes one up, and an inference tensor is refused (PyTorch writes it
    first)."""
    from ..inplace import _check_writable, _make_writable, check_not_inference

    data = out._data
    if new.shape != data.shape:
        if check is not None:
            check()
        resized = memory_in_shape(data, new.shape)  # (PyTorch resizes out in its memory)
        if not getattr(getattr(resized, "flags", None), "writeable", True):
            _make_writable(storage_start(resized)[0])  # (NumPy's read-only memory: PyTorch
            resized = memory_in_shape(data, new.shape)  # writes it, as it does unresized)
        if getattr(getattr(resized, "flags", None), "writeable", True):
            resized[...] = new.astype(data.dtype, copy=False)
            out._data = resized
        else:
            out._data = new.astype(data.dtype, copy=True)
    else:
        check_no_internal_overlap(data)
        if check is not None:
            check()
        if not getattr(getattr(data, "flags", None), "writeable", True):
            _check_writable(data)
        data[...] = new.astype(data.dtype, copy=False)
    out._version_counter[0] += 1
    check_not_inference(out)


def _in_order(name: str, function: Callable[..., Any], out: Tensor, new: Any,
              args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    """``new``, or, when an elementwise function's operand reads out's memory with gaps
    (``torch.neg(x[:3], out=x[::2])``), the values PyTorch's element-by-element kernel
    writes (elementwise_in_order.py)."""
    from ..elementwise_in_order import ELEMENTWISE_OUT, values_in_order

    if name not in ELEMENTWISE_OUT or new.shape != out._data.shape:
        return new
    in_order = values_in_order(out._data, function, args, kwargs)
    return new if in_order is None else in_order


def _elementwise_on_itself(out: Tensor, shape: tuple[int, ...], args: tuple[Any, ...],
                           kwargs: dict[str, Any]) -> bool:
    """Whether an elementwise op (its result in the broadcast shape of its tensors) writes
    into one of its own inputs (the same tensor): PyTorch resizes no such ``out``
    (``torch.add(x, y, out=x)``, x of shape [3], y of [2, 3]), as for ``x.add_(y)``."""
    tensors = _tensors_among(args, kwargs)
    if not any(t is out for t in tensors):
        return False
    try:
        return numpy.broadcast_shapes(*(t.shape for t in tensors)) == shape
    except ValueError:
        return False


def _tensors_among(args: tuple[Any, ...], kwargs: dict[str, Any]) -> list[Tensor]:
    """The tensor arguments, those in a list or tuple argument too."""
    found: list[Tensor] = []
    for value in (*args, *kwargs.values()):
        for v in value if isinstance(value, (list, tuple)) else (value,):
            if isinstance(v, Tensor):
                found.append(v)
    return found


def _any_requires_grad(args: tuple[Any, ...], kwargs: dict[str, Any]) -> bool:
    return any(t._requires_grad for t in _tensors_among(args, kwargs))


def _check_dtype(name: str, result: Tensor, out: Tensor) -> None:
    have, want = result.dtype, out.dtype
    if have == want:
        return
    if name == "diag" and have._kind > want._kind:  # (diag checks the kinds first)
        raise RuntimeError(f"diag: result type {dtypes.scalar_type_word(have.name)} can't be "
                           f"cast to the desired out= type {dtypes.scalar_type_word(want.name)}")
    if name in _EXACT_C:
        raise RuntimeError(f"Expected out tensor to have dtype {dtypes.C_TYPES[have.name]}, "
                           f"but got {dtypes.C_TYPES[want.name]} instead")
    if name in _EXACT_WORDS:
        raise RuntimeError(_EXACT_WORDS[name].format(have=dtypes.scalar_type_word(have.name),
                                                     want=dtypes.scalar_type_word(want.name)))
    if have._kind > want._kind and name in ("cat", "stack", "hstack", "vstack"):
        raise TypeError(f"autograd_kit.cat(): input types can't be cast to the desired output "
                        f"type {dtypes.scalar_type_word(want.name)}")
    if have._kind > want._kind:
        raise RuntimeError(
            f"result type {dtypes.scalar_type_word(have.name)} can't be cast to the desired "
            f"output type {dtypes.scalar_type_word(want.name)}"
        )


# The package functions that take ``out=`` (an alias is named by its function in messages).
NAMES = (
    "add", "sub", "mul", "div", "matmul", "mm", "bmm", "mv", "dot", "pow", "exp", "log",
    "sqrt", "abs", "neg", "sum", "mean", "cat", "stack", "clamp", "clamp_min", "clamp_max",
    "maximum", "minimum", "where", "sin", "cos", "tan", "tanh", "sigmoid", "asin", "acos",
    "atan", "sinh", "cosh", "log2", "log10", "log1p", "expm1", "exp2", "rsqrt", "erf",
    "floor", "ceil", "round", "trunc", "frac", "reciprocal", "sign", "square", "remainder",
    "fmod", "floor_divide", "prod", "cumsum", "cumprod", "eq", "ne", "lt", "le", "gt", "ge",
    "logical_and", "logical_or", "logical_xor", "logical_not", "bitwise_and", "bitwise_or",
    "bitwise_xor", "bitwise_not", "atan2", "lerp", "addmm", "outer", "ger", "hypot",
    "logaddexp", "xlogy", "addcmul", "addcdiv", "nan_to_num", "sgn", "index_select",
    "take_along_dim", "nonzero",
    "gather", "masked_select", "diag", "tril", "triu", "kron", "cross", "hstack", "vstack",
    "clip", "concat", "concatenate", "absolute", "negative", "multiply", "divide",
    "true_divide", "subtract", "greater", "greater_equal", "less", "less_equal", "not_equal",
    "take", "logsumexp", "std", "var", "amax", "amin", "nansum", "fix", "lgamma", "digamma",
    "erfinv", "erfc", "i0", "logit", "isposinf", "isneginf", "signbit", "deg2rad", "rad2deg",
    "sinc", "logcumsumexp", "heaviside", "copysign", "nextafter", "fmax", "fmin",
    "logaddexp2", "inner", "ldexp", "gcd", "lcm", "bitwise_left_shift", "bitwise_right_shift",
    "scatter", "scatter_add", "index_add", "index_copy", "softmax", "log_softmax", "nanmean",
    "argmax", "argmin", "conj_physical", "slice_scatter",
)


ALIASES = {"clip": "clamp", "concat": "cat", "concatenate": "cat", "absolute": "abs",
           "negative": "neg", "multiply": "mul", "divide": "div", "true_divide": "div",
           "subtract": "sub", "greater": "gt", "greater_equal": "ge", "less": "lt",
           "less_equal": "le", "not_equal": "ne", "ger": "outer", "fix": "trunc",
           "take_along_dim": "gather"}  # (PyTorch's take_along_dim(out=) is gather's)


def add_out_keyword(namespace: dict[str, Any]) -> None:
    """Give each function in ``NAMES`` found in ``namespace`` (a module's globals) ``out=``;
    first, the functions that take a tensor first get PyTorch's TypeError for anything else
    (ops/tensor_input.py): both are argument handling at the package's door. The functions
    that return a pair take ``out=(values, indices)`` (ops/pair_out.py)."""
    from .pair_out import add_pair_out_keyword
    from .tensor_input import require_number_second, require_tensor_input

    require_tensor_input(namespace)
    for name in NAMES:
        function = namespace.get(name)
        if function is not None and not hasattr(function, "_without_out"):
            namespace[name] = with_out(function, ALIASES.get(name, name), listed_as=name)
    require_number_second(namespace)
    add_pair_out_keyword(namespace)
