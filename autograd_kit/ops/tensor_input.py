"""The package functions whose first argument must be a tensor: ``torch.exp(2.0)`` is
PyTorch's TypeError (``exp(): argument 'input' (position 1) must be Tensor, not float``),
not whatever the kit's rule would make of a number. Checked once, at the package's door:
the Tensor methods (``x.exp()``) never see anything else. At the same door, NumPy's
``axis=`` is taken for ``dim=`` (``torch.sort(x, axis=0)``), as PyTorch's parser does."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

from ..call_errors import unplaced_if_named
from ..tensor import Tensor, typename
from ..tensor_arguments import is_number

# PyTorch's functions that answer that TypeError for a float, an int and a list alike.
TENSOR_FIRST = (
    "abs", "abs_", "absolute", "acos", "acos_", "acosh", "acosh_", "adaptive_avg_pool1d",
    "addcdiv", "addcmul", "chunk", "unique",
    "adaptive_max_pool1d", "allclose", "alpha_dropout", "amax", "amin", "aminmax", "angle",
    "arccos", "arccos_", "arccosh", "arccosh_", "arcsin", "arcsin_", "arcsinh", "arcsinh_",
    "arctan", "arctan2", "arctan_", "arctanh", "arctanh_", "argmax", "argmin", "argsort",
    "argwhere", "as_strided", "asin", "asin_", "asinh", "asinh_", "atan", "atan2", "atan_",
    "atanh", "atanh_", "avg_pool1d", "batch_norm", "bernoulli",
    "binary_cross_entropy_with_logits", "bincount", "bitwise_not", "broadcast_to", "ceil",
    "ceil_", "cdist", "celu", "celu_", "channel_shuffle", "cholesky", "clone", "combinations",
    "conj", "constant_pad_nd", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d",
    "corrcoef", "cos", "cos_", "cosh", "cosh_", "count_nonzero", "cov", "cross", "cummax",
    "cummin", "cumprod", "cumsum", "deg2rad", "deg2rad_", "det", "detach", "detach_",
    "diag", "diag_embed", "diagflat", "diagonal", "diagonal_scatter", "diff", "digamma",
    "dist", "dot", "dropout", "empty_like", "equal", "erf", "erf_", "erfc", "erfc_",
    "erfinv", "exp", "exp2", "exp2_", "exp_", "expm1", "expm1_", "feature_alpha_dropout",
    "fix", "fix_", "flatten", "flip", "fliplr", "flipud", "floor", "floor_", "fmax", "fmin",
    "frac", "frac_", "frexp", "full_like", "gather", "gcd", "gcd_", "ger", "get_device",
    "gradient", "group_norm", "hardshrink", "heaviside", "hinge_embedding_loss", "histc",
    "histogram", "hypot", "i0", "i0_", "imag", "index_add", "index_copy", "index_put",
    "index_put_", "index_select", "inner", "instance_norm", "inverse", "is_complex",
    "is_conj", "is_floating_point", "is_inference", "is_neg", "is_nonzero", "is_same_size",
    "is_signed", "isclose", "isfinite", "isinf", "isnan", "isneginf", "isposinf", "isreal",
    "kron", "kthvalue", "layer_norm", "lcm", "lcm_", "ldexp", "lgamma", "log", "log10",
    "log10_", "log1p", "log1p_", "log2", "log2_", "log_", "log_softmax", "logaddexp",
    "logaddexp2", "logcumsumexp", "logdet", "logical_and", "logical_not", "logical_or",
    "logical_xor", "logit", "logit_", "logsumexp", "masked_scatter", "masked_select",
    "matmul", "matrix_exp", "matrix_power", "max", "max_pool1d", "max_pool1d_with_indices",
    "max_pool2d", "max_pool3d", "maximum", "mean", "median", "min", "minimum", "mode",
    "msort", "multinomial", "mv", "mvlgamma", "nan_to_num", "nan_to_num_", "nanmean",
    "nanmedian", "nansum", "neg", "neg_", "negative", "negative_", "nextafter", "nonzero",
    "nuclear_norm", "ones_like", "outer", "pdist", "permute", "pinverse", "pixel_shuffle",
    "pixel_unshuffle", "poisson_nll_loss", "positive", "prelu", "prod", "put", "qr",
    "rad2deg", "rad2deg_", "rand_like", "randn_like", "ravel", "real", "reciprocal",
    "reciprocal_", "relu", "relu_", "reshape", "resolve_conj", "resolve_neg", "roll",
    "rot90", "round", "round_", "rrelu", "rrelu_", "rsqrt", "rsqrt_", "scatter_add",
    "scatter_reduce", "select", "select_scatter", "selu", "selu_", "sgn", "sigmoid",
    "sigmoid_", "sign", "signbit", "sin", "sin_", "sinc", "sinc_", "sinh", "sinh_",
    "slice_scatter", "slogdet", "softmax", "sort", "split_with_sizes", "sqrt", "sqrt_",
    "square", "square_", "squeeze", "sum", "svd", "swapaxes", "swapdims", "t", "take",
    "take_along_dim", "tan", "tan_", "tanh", "tanh_", "threshold", "threshold_", "tile",
    "topk", "trace", "transpose", "tril", "triu", "trunc", "trunc_", "unbind", "unflatten",
    "unique_consecutive", "unsqueeze", "vdot", "zero_", "zeros_like",
    "numel", "where",
)
ARGUMENT_NAMES = {"where": "condition", "cdist": "x1"}  # (the others call it ``input``)
SHOWN_NAMES = {"unique": "_unique2"}  # (written in Python, it calls the function named here)
# ... and those PyTorch writes in Python, which pass their arguments on by position: its
# message names the position even of one given by name (``cdist(x1=1, x2=y)``)
PASSED_BY_POSITION = frozenset(("unique", "unique_consecutive", "cdist"))
# ... and those whose second argument must be one too, with PyTorch's name for it
SECOND_ARGUMENTS = {
    "cross": "other", "dist": "other", "equal": "other", "is_same_size": "other",
    "logical_and": "other", "logical_or": "other", "logical_xor": "other", "arctan2": "other",
    "ger": "vec2", "outer": "vec2", "masked_select": "mask",
    "take": "index", "take_along_dim": "indices", "cdist": "x2",
}
# ... and those whose second argument may be a tensor or a number, anything else refused with
# PyTorch's forms ("invalid combination of arguments"), or, where None, with "argument
# 'other' (position 2) must be Tensor" (``torch.add(x, [1, 2])``, ``torch.eq(x, None)``)
_OUT = ", *, Tensor out = None"
_PAIR = ("Tensor input, Tensor other" + _OUT, "Tensor input, Number other" + _OUT)
_BITWISE = ("Tensor input, Tensor other" + _OUT, "Number self, Tensor other",
            "Tensor input, Number other" + _OUT)
_DIVISION = ("Tensor input, Tensor other" + _OUT, "Tensor input, Number other")
_POWER = ("Tensor input, Tensor exponent" + _OUT, "Number self, Tensor exponent" + _OUT,
          "Tensor input, Number exponent" + _OUT)
_ALPHA = ("Tensor input, Tensor other, *, Number alpha = 1, Tensor out = None",
          "Tensor input, Number other, Number alpha = 1")
NUMBER_SECOND: dict[str, tuple[str, ...] | None] = {
    **dict.fromkeys(("add", "sub", "mul", "div"), None),
    **dict.fromkeys(("eq", "ne", "lt", "le", "gt", "ge", "greater", "greater_equal", "less",
                     "less_equal", "not_equal", "fmod", "copysign"), _PAIR),
    **dict.fromkeys(("remainder", "bitwise_and", "bitwise_or", "bitwise_xor",
                     "bitwise_left_shift", "bitwise_right_shift"), _BITWISE),
    **dict.fromkeys(("true_divide", "floor_divide", "multiply"), _DIVISION),
    "pow": _POWER, "float_power": _POWER, "subtract": _ALPHA,
    "rsub": ("Tensor input, Tensor other, *, Number alpha = 1", _ALPHA[1]),
    "xlogy": ("Tensor input, Tensor other" + _OUT, "Number self, Tensor other" + _OUT,
              "Tensor input, Number other" + _OUT),
    "divide": (_DIVISION[0], "Tensor input, Tensor other, *, str rounding_mode, Tensor out = "
               "None", _DIVISION[1], "Tensor input, Number other, *, str rounding_mode"),
    "clamp_min": ("Tensor input, Tensor min" + _OUT, "Tensor input, Number min" + _OUT),
    "clamp_max": ("Tensor input, Tensor max" + _OUT, "Tensor input, Number max" + _OUT),
}
# ... and the forms PyTorch lists for a call of one of the others that fits none of them
# (``torch.div(x)``, ``x.div(y, 'floor')``; a wrong second argument is still "must be Tensor")
LISTED_FORMS = {"div": (_DIVISION[0], NUMBER_SECOND["divide"][1], NUMBER_SECOND["divide"][3])}
# ... of which these refuse a number first too (the others take one: ``torch.add(2, x)``)
NUMBER_FIRST_REFUSED = frozenset(name for name, forms in NUMBER_SECOND.items()
                                 if forms is _PAIR or name in ("rsub", "clamp_min", "clamp_max"))
# ... and those with several forms whose first argument no tensor fits: PyTorch lists them
_STATISTIC = ("Tensor input, int[] dim, bool unbiased = True, bool keepdim = False",
              "Tensor input, int[] dim = None, *, Number correction = None, bool keepdim = False",
              "Tensor input, bool unbiased = True")
_STATISTIC_OUT = tuple(form + (", *, Tensor out = None" if i == 0 else ", Tensor out = None"
                               if i == 1 else "") for i, form in enumerate(_STATISTIC))
_TRUTH = ("Tensor input" + _OUT, "Tensor input, int[] dim = None, bool keepdim = False" + _OUT,
          "Tensor input, int dim, bool keepdim = False" + _OUT)
_SORTED = ", *, bool out_int32 = False, bool right = False"
_SORTER = _SORTED + ", str side = None, Tensor sorter = None, Tensor out = None"
FORMS_FIRST: dict[str, tuple[str, ...]] = {
    "std": _STATISTIC_OUT, "var": _STATISTIC_OUT, "std_mean": _STATISTIC,
    "var_mean": _STATISTIC, "all": _TRUTH, "any": _TRUTH,
    "movedim": ("Tensor input, int source, int destination",
                "Tensor input, int[] source, int[] destination"),
    "narrow": ("Tensor input, int dim, Tensor start, SymInt length",
               "Tensor input, int dim, SymInt start, SymInt length"),
    "repeat_interleave": ("Tensor input, Tensor repeats, int dim = None, *, int output_size = "
                          "None", "Tensor repeats, *, int output_size = None",
                          "Tensor input, int repeats, int dim = None, *, int output_size = None"),
    "searchsorted": ("Tensor sorted_sequence, Tensor input" + _SORTER,
                     "Tensor sorted_sequence, Number self" + _SORTER),
    "bucketize": ("Tensor input, Tensor boundaries" + _SORTED + ", Tensor out = None",
                  "Number self, Tensor boundaries" + _SORTED),
    "sum": ("Tensor input, *, torch.dtype dtype = None",
            "Tensor input, int[1]? dim, bool keepdim = False, *, torch.dtype dtype = None"
            + _OUT[3:]),
    "mean": ("Tensor input, *, torch.dtype dtype = None" + _OUT[3:],
             "Tensor input, int[1]? dim, bool keepdim = False, *, torch.dtype dtype = None"
             + _OUT[3:]),
    "prod": ("Tensor input, *, torch.dtype dtype = None",
             "Tensor input, int dim, bool keepdim = False, *, torch.dtype dtype = None"
             + _OUT[3:]),
    **dict.fromkeys(("max", "min"), (
        "Tensor input" + _OUT, "Tensor input, Tensor other" + _OUT,
        "Tensor input, int dim, bool keepdim = False, *, Tensors out = None")),
    "sort": ("Tensor input, *, bool stable, int dim = -1, bool descending = False, "
             "Tensors out = None",
             "Tensor input, int dim = -1, bool descending = False, *, Tensors out = None"),
    "argsort": ("Tensor input, *, bool stable, int dim = -1, bool descending = False" + _OUT[3:],
                "Tensor input, int dim = -1, bool descending = False"),
    "squeeze": ("Tensor input", "Tensor input, int dim", "Tensor input, int[] dim"),
    "round": ("Tensor input" + _OUT, "Tensor input, *, int decimals" + _OUT[3:]),
    "count_nonzero": ("Tensor input, int dim = None", "Tensor input, int[] dim"),
    "lerp": ("Tensor input, Tensor end, Tensor weight" + _OUT,
             "Tensor input, Tensor end, Number weight" + _OUT),
    "masked_fill": ("Tensor input, Tensor mask, Tensor value",
                    "Tensor input, Tensor mask, Number value"),
    **dict.fromkeys(("fill", "fill_"), ("Tensor input, Tensor value",
                                        "Tensor input, Number value")),
    "where": ("Tensor condition", "Tensor condition, Tensor input, Tensor other" + _OUT,
              "Tensor condition, Number self, Tensor other",
              "Tensor condition, Tensor input, Number other",
              "Tensor condition, Number self, Number other"),
}
# ... and those PyTorch writes in Python, which read an attribute of their first argument
PYTHON_WRITTEN = {"norm": "layout", "tensordot": "dim", "split": "split"}


def tensor_first(function: Callable[..., Any], name: str) -> Callable[..., Any]:
    """``function`` with PyTorch's TypeError when its first positional argument is no tensor."""
    arguments = (ARGUMENT_NAMES.get(name, "input"), SECOND_ARGUMENTS.get(name))
    shown = SHOWN_NAMES.get(name, name)
    takes = _parameters(function)
    axis_is_dim = "dim" in takes and "axis" not in takes  # NumPy's ``axis=`` names ``dim``
    renamed = renamed_arguments(function, name, arguments[1] and arguments)
    called = _called_by_pytorch(function, arguments)
    by_position = name in PASSED_BY_POSITION

    @functools.wraps(function)
    def call(*args: Any, **kwargs: Any) -> Any:
        # (PyTorch names the position of an argument given by position only)
        given = len(args) + len(kwargs) if by_position else len(args)
        named = () if by_position else tuple(kwargs)
        if kwargs and renamed:
            args = by_pytorch_names(renamed, args, kwargs)
        for position, argument in enumerate(arguments, start=1):
            value = args[position - 1] if position <= len(args) else kwargs.get(argument, Tensor)
            if argument is not None and value is not Tensor and not isinstance(value, Tensor):
                where = f" (position {position})" if position <= given else ""
                raise TypeError(f"{shown}(): argument '{argument}'{where} must be Tensor, not "
                                f"{typename(value)}")
        if axis_is_dim and "axis" in kwargs and "dim" not in kwargs:
            kwargs["dim"] = kwargs.pop("axis")
        try:
            return function(*args, **kwargs)
        except TypeError as error:
            _refuse_call(function, name, None, called, args, kwargs, error)
            if named:
                unplaced_if_named(error, shown, named)
            raise

    call._renames_arguments = True  # type: ignore[attr-defined]  (see with_out)
    return call


def number_second(function: Callable[..., Any], name: str,
                  forms: tuple[str, ...] | None) -> Callable[..., Any]:
    """``function`` with PyTorch's TypeError when its first positional argument is no tensor
    (nor a number, where it may be one) or its second neither a tensor nor a number (see
    ``NUMBER_SECOND``)."""
    keyword = "other" if forms is None else forms[0].split(", ")[1].rpartition(" ")[2]
    numbers_first = name not in NUMBER_FIRST_REFUSED
    # a number first fits only "Number self, Tensor other": ``torch.pow(2, 3)`` is refused
    number_needs_tensor = forms is not None and any(f.startswith("Number") for f in forms)
    called = _called_by_pytorch(function, ("input", keyword))

    def refuse(args: tuple[Any, ...], kwargs: dict[str, Any], argument: str, where: str,
               value: Any) -> None:
        """PyTorch's TypeError for ``value``: 'must be Tensor', or its forms listed."""
        if forms is None:
            raise TypeError(f"{name}(): argument '{argument}'{where} must be Tensor, not "
                            f"{typename(value)}")
        from ..signature_parser import check

        check(name, forms, args, kwargs, counting_out=True)

    rounds = name in ("div", "divide")  # (a rounding_mode that is no str: forms listed)

    @functools.wraps(function)
    def call(*args: Any, **kwargs: Any) -> Any:
        if rounds and kwargs and not isinstance(kwargs.get("rounding_mode", ""),
                                                (str, type(None))):
            from ..signature_parser import check

            check(name, forms or LISTED_FORMS[name], args, kwargs, counting_out=True)
        if args and not isinstance(args[0], Tensor) and not (numbers_first
                                                             and is_number(args[0])):
            refuse(args, kwargs, "input", " (position 1)", args[0])
        value, where = (args[1], " (position 2)") if len(args) > 1 else (
            kwargs.get(keyword), "" if keyword in kwargs else None)
        if where is not None and not isinstance(value, Tensor) and (
                not is_number(value)
                or number_needs_tensor and args and not isinstance(args[0], Tensor)):
            refuse(args, kwargs, keyword, where, value)
        try:
            return function(*args, **kwargs)
        except TypeError as error:
            _refuse_call(function, name, forms or LISTED_FORMS.get(name), called, args, kwargs,
                         error)
            raise

    return call


def _refuse_call(function: Callable[..., Any], name: str, forms: tuple[str, ...] | None,
                 called: dict[str, str], args: tuple[Any, ...], kwargs: dict[str, Any],
                 error: TypeError) -> None:
    """After ``error``: PyTorch's TypeError where Python did not take the call itself (no
    form of ``forms`` fits it, or a required argument is missing, named as PyTorch names it:
    ``called``); else return (the error came from inside)."""
    try:
        inspect.signature(function).bind(*args, **kwargs)
        return
    except TypeError:
        pass
    except ValueError:
        return
    if forms is not None:
        from ..signature_parser import check

        check(name, forms, args, kwargs, counting_out=True)
    missing = _missing(function, args, kwargs)
    if missing:
        raise _missing_error(name, [called.get(m, m) for m in missing]) from error


def _missing(function: Callable[..., Any], args: tuple[Any, ...],
             kwargs: dict[str, Any]) -> list[str]:
    """The required arguments a failed call left out (none when the call itself was fine)."""
    try:
        signature = inspect.signature(function)
        signature.bind(*args, **kwargs)
    except TypeError:
        positional = [p for p in signature.parameters.values()
                      if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
        if len(args) > len(positional) and not any(
                p.kind == p.VAR_POSITIONAL for p in signature.parameters.values()):
            return []  # too many: Python's own error ("takes 1 positional argument but 2 …")
        given = {p.name for p in positional[:len(args)]} | set(kwargs)
        return [p.name for p in positional if p.default is p.empty and p.name not in given]
    except ValueError:
        pass
    return []


def _called_by_pytorch(function: Callable[..., Any],
                       arguments: tuple[str, str | None]) -> dict[str, str]:
    """PyTorch's names for the kit's names of ``function``'s first two arguments, where they
    differ (``x`` is ``input``, ``b`` is ``other``; ``arguments``: PyTorch's, where known)."""
    first, second = arguments
    names = _positional_names(function)[:2]
    pytorch = [first, second or ("other" if names[1:] in (["b"], ["y"]) else None)]
    return {kit: theirs for kit, theirs in zip(names, pytorch) if theirs and theirs != kit}


def _missing_error(name: str, missing: list[str]) -> TypeError:
    """PyTorch's wording: ``cumsum() missing 1 required positional arguments: "dim"``,
    ``transpose() missing 2 required positional argument: "dim0", "dim1"``."""
    words = "arguments" if len(missing) == 1 else "argument"
    listed = ", ".join(f'"{m}"' for m in missing)
    return TypeError(f"{name}() missing {len(missing)} required positional {words}: {listed}")


# PyTorch's names of the first arguments, where they are not (input, other)
PYTORCH_NAMES = {"where": ("condition", "input", "other"), "pow": ("input", "exponent"),
                 "float_power": ("input", "exponent")}


def renamed_arguments(function: Callable[..., Any], name: str,
                      pytorch: tuple[str, ...] | None = None) -> list[tuple[int, str]]:
    """PyTorch's names for ``function``'s first arguments (``pytorch``, else ``input``,
    ``other``), where the kit's function calls them otherwise, with their positions."""
    by_position = _positional_names(function)
    pytorch = pytorch or PYTORCH_NAMES.get(name, ("input", "other"))
    names = list(enumerate(pytorch))[:len(by_position)]
    return names if any(by_position[i] != pytorch for i, pytorch in names) else []


def by_pytorch_names(renamed: list[tuple[int, str]], args: tuple[Any, ...],
                     kwargs: dict[str, Any]) -> tuple[Any, ...]:
    """``torch.add(input=x, other=y)``: the arguments given by PyTorch's names moved to their
    places (taken out of ``kwargs``)."""
    for i, pytorch in renamed:
        if pytorch in kwargs and len(args) == i:
            args += (kwargs.pop(pytorch),)
    return args


def _positional_names(function: Callable[..., Any]) -> list[str]:
    try:
        parameters = inspect.signature(function).parameters.values()
    except (TypeError, ValueError):
        return []
    return [p.name for p in parameters if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]


def _parameters(function: Callable[..., Any]) -> set[str]:
    try:
        return set(inspect.signature(function).parameters)
    except (TypeError, ValueError):
        return set()


def require_tensor_input(namespace: dict[str, Any]) -> None:
    """Give each function of ``TENSOR_FIRST`` found in ``namespace`` the check."""
    for name in TENSOR_FIRST:
        function = namespace.get(name)
        if (callable(function) and not isinstance(function, type)
                and not getattr(function, "_checks_tensor_input", False)):
            namespace[name] = tensor_first(function, name)
            namespace[name]._checks_tensor_input = True
    for table, wrap in ((FORMS_FIRST, forms_first), (PYTHON_WRITTEN, python_written)):
        for name, detail in table.items():  # (outside the check above, where both are made)
            function = namespace.get(name)
            if callable(function) and not getattr(function, "_checks_forms_first", False):
                namespace[name] = (wrap(function, name, detail) if wrap is forms_first
                                   else wrap(function, detail))
                namespace[name]._checks_tensor_input = namespace[name]._checks_forms_first = True


def forms_first(function: Callable[..., Any], name: str,
                forms: tuple[str, ...]) -> Callable[..., Any]:
    """``function`` with PyTorch's "invalid combination of arguments" (``forms`` listed) when
    its first argument is no tensor, or it is given a number of arguments that no form
    takes (``torch.where(c, x)``), and fits none of them."""
    from ..signature_parser import check, signatures

    called = _called_by_pytorch(function, ("input", None))
    renamed = renamed_arguments(function, name)
    parsed = signatures(name, forms)
    counts = {n for form in parsed for n in range(form.min_args, form.max_args + 1)}
    # (where, lerp: forms of tensors and numbers only, so that anything else fits none)
    plain = all(p.kind in ("Tensor", "Number") for form in parsed for p in form.params)
    first = parsed[0].params[0].name  # (``input``, ``condition``: the tensor given first)

    @functools.wraps(function)
    def call(*args: Any, **kwargs: Any) -> Any:
        given = args[0] if args else kwargs.get(first, Tensor)
        if given is not Tensor and not isinstance(given, Tensor) or (
                len(args) + len(kwargs) not in counts) or (
                plain and not all(isinstance(a, Tensor) or is_number(a)
                                  for a in (*args, *kwargs.values()))):
            check(name, forms, args, kwargs, counting_out=True)
        if kwargs and renamed:
            args = by_pytorch_names(renamed, args, kwargs)
        try:
            return function(*args, **kwargs)
        except TypeError as error:
            _refuse_call(function, name, forms, called, args, kwargs, error)
            raise

    call._renames_arguments = True  # type: ignore[attr-defined]  (see with_out)
    return call


def python_written(function: Callable[..., Any], attribute: str) -> Callable[..., Any]:
    """``function`` failing as PyTorch's Python does when its first argument is no tensor:
    reading ``attribute`` of it (``'list' object has no attribute 'layout'``)."""

    @functools.wraps(function)
    def call(*args: Any, **kwargs: Any) -> Any:
        if args and not isinstance(args[0], Tensor):
            getattr(args[0], attribute)
        return function(*args, **kwargs)

    return call


def require_number_second(namespace: dict[str, Any]) -> None:
    """Give each function of ``NUMBER_SECOND`` found in ``namespace`` its check (the outer
    one: it sees the arguments as given, ``other=`` by name included)."""
    for name, forms in NUMBER_SECOND.items():
        function = namespace.get(name)
        if callable(function) and not getattr(function, "_checks_number_second", False):
            namespace[name] = number_second(function, name, forms)
            namespace[name]._checks_number_second = True
