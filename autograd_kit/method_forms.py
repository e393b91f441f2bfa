"""PyTorch's argument-parser forms of the Tensor methods the kit passes on to its functions
(``x.fmax(y)`` calls ``ops.fmax(x, y)``): a call that fails there is read against them, so a
learner's ``x.fmax()`` or ``x.put('a')`` gets PyTorch's TypeError (``fmax() missing 1 required
positional arguments: "other"``) rather than Python's words for the function inside.

The forms are PyTorch 2.13's, as its parser reads them (native_functions.yaml through torchgen,
in the order its listings show); `signature_parser.check` reads them. The methods that take no
arguments say so as CPython does for PyTorch's built-in ones (``TensorBase.sin_() takes no
arguments (1 given)``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from .signature_parser import check

# methods that take no arguments at all
NO_ARGUMENTS = frozenset(("acos_", "acosh", "arccos_", "arccosh", "arcsin_", "arcsinh",
    "arctan_", "arctanh", "argwhere", "asin_", "asinh", "atan_", "atanh", "bitwise_not_",
    "conj", "conj_physical", "conj_physical_", "corrcoef", "cos_", "cosh_", "deg2rad",
    "deg2rad_", "det", "erf_", "erfc", "erfinv", "exp2_", "expm1_", "fix", "fliplr", "flipud",
    "frac_", "frexp", "inverse", "is_conj", "is_neg", "isneginf", "isposinf", "log10_",
    "log1p_", "log2_", "logdet", "logical_not_", "matrix_exp", "msort", "rad2deg", "rad2deg_",
    "resolve_conj", "resolve_neg", "rsqrt_", "sgn_", "signbit", "sin_", "sinh_", "slogdet",
    "tan_"))

# the others: each form as signature_parser reads it (the tensor itself left out), in the
# order PyTorch tries and lists them
FORMS: dict[str, tuple[str, ...]] = {
    "nonzero": ("", "*, bool as_tuple"),  # (PyTorch's Python-side forms)
    "copy_": ("Tensor other, bool non_blocking = False",),  # (and a hidden deprecated one)
    "arctan2": ("Tensor other",),
    "arctan2_": ("Tensor other",),
    "as_strided": ("int[] size, int[] stride, SymInt? storage_offset = None",),
    "as_strided_": ("int[] size, int[] stride, SymInt? storage_offset = None",),
    "atan2_": ("Tensor other",),
    "bernoulli": (
        "*, torch.Generator? generator = None",
        "float p, *, torch.Generator? generator = None",
    ),
    "bincount": ("Tensor? weights = None, SymInt minlength = 0",),
    "bitwise_and": ("Tensor other", "Number other"),
    "bitwise_and_": ("Tensor other", "Number other"),
    "bitwise_left_shift": ("Tensor other", "Number other"),
    "bitwise_left_shift_": ("Tensor other", "Number other"),
    "bitwise_or": ("Tensor other", "Number other"),
    "bitwise_or_": ("Tensor other", "Number other"),
    "bitwise_right_shift": ("Tensor other", "Number other"),
    "bitwise_right_shift_": ("Tensor other", "Number other"),
    "bitwise_xor": ("Tensor other", "Number other"),
    "bitwise_xor_": ("Tensor other", "Number other"),
    "cholesky": ("bool upper = False",),
    "cholesky_inverse": ("bool upper = False",),
    "cholesky_solve": ("Tensor input2, bool upper = False",),
    "clamp_max_": ("Tensor max", "Number max"),
    "clamp_min_": ("Tensor min", "Number min"),
    "copysign": ("Tensor other", "Number other"),
    "copysign_": ("Tensor other", "Number other"),
    "count_nonzero": ("int? dim = None", "int[] dim"),
    "cov": ("*, int correction = 1, Tensor? fweights = None, Tensor? aweights = None",),
    "diag": ("int diagonal = 0",),
    "diag_embed": ("int offset = 0, int dim1 = -2, int dim2 = -1",),
    "diagflat": ("int offset = 0",),
    "diagonal_scatter": ("Tensor src, int offset = 0, int dim1 = 0, int dim2 = 1",),
    "diff": ("int n = 1, int dim = -1, Tensor? prepend = None, Tensor? append = None",),
    "eq_": ("Tensor other", "Number other"),
    "expand": ("int[] size, *, bool implicit = False",),
    "fill_diagonal_": ("Number fill_value, bool wrap = False",),
    "float_power": ("Tensor exponent", "Number exponent"),
    "float_power_": ("Tensor exponent", "Number exponent"),
    "fmax": ("Tensor other",),
    "fmin": ("Tensor other",),
    "fmod_": ("Tensor other", "Number other"),
    "gcd": ("Tensor other",),
    "ge_": ("Tensor other", "Number other"),
    "greater": ("Tensor other", "Number other"),
    "greater_": ("Tensor other", "Number other"),
    "greater_equal": ("Tensor other", "Number other"),
    "greater_equal_": ("Tensor other", "Number other"),
    "gt_": ("Tensor other", "Number other"),
    "hardshrink": ("Number lambd = 0.5",),
    "histc": ("int bins = 100, Number min = 0, Number max = 0",),
    "histogram": (
        "Tensor bins, *, Tensor? weight = None, bool density = False",
        "int bins = 100, *, floats? range = None, Tensor? weight = None, bool density = False",
    ),
    "hypot_": ("Tensor other",),
    "igamma_": ("Tensor other",),
    "igammac_": ("Tensor other",),
    "index_put": ("Tensors indices, Tensor values, bool accumulate = False",),
    "index_put_": ("Tensors indices, Tensor values, bool accumulate = False",),
    "inner": ("Tensor other",),
    "is_same_size": ("Tensor other",),
    "lcm": ("Tensor other",),
    "ldexp": ("Tensor other",),
    "le_": ("Tensor other", "Number other"),
    "less": ("Tensor other", "Number other"),
    "less_": ("Tensor other", "Number other"),
    "less_equal": ("Tensor other", "Number other"),
    "less_equal_": ("Tensor other", "Number other"),
    "logaddexp2": ("Tensor other",),
    "logical_and_": ("Tensor other",),
    "logical_or_": ("Tensor other",),
    "logical_xor_": ("Tensor other",),
    "lt_": ("Tensor other", "Number other"),
    "lu_solve": ("Tensor LU_data, Tensor LU_pivots",),
    "masked_select": ("Tensor mask",),
    "matrix_power": ("int n",),
    "median": ("", "int dim, bool keepdim = False"),
    "multinomial": (
        "SymInt num_samples, bool replacement = False, *, torch.Generator? generator = None",
    ),
    "mvlgamma": ("int p",),
    "mvlgamma_": ("int p",),
    "nanmedian": ("", "int dim, bool keepdim = False"),
    "nanquantile": (
        "Tensor q, int? dim = None, bool keepdim = False, *, str interpolation = \"linear\"",
        "float q, int? dim = None, bool keepdim = False, *, str interpolation = \"linear\"",
    ),
    "narrow_copy": ("int dim, SymInt start, SymInt length",),
    "ne_": ("Tensor other", "Number other"),
    "new_empty_strided": (
        "int[] size, int[] stride, *, torch.dtype? dtype = None, "
        "torch.layout? layout = None, torch.device? device = None, "
        "bool? pin_memory = False, bool? requires_grad = False",
    ),
    "new_full": (
        "int[] size, Number fill_value, *, torch.dtype? dtype = None, "
        "torch.layout? layout = None, torch.device? device = None, "
        "bool? pin_memory = False, bool? requires_grad = False",
    ),
    "nextafter": ("Tensor other",),
    "nextafter_": ("Tensor other",),
    "nonzero_static": ("*, SymInt size, int fill_value = -1",),
    "not_equal": ("Tensor other", "Number other"),
    "not_equal_": ("Tensor other", "Number other"),
    "permute": ("int[] dims",),
    "pinverse": ("float rcond = 1e-15",),
    "prelu": ("Tensor weight",),
    "put": ("Tensor index, Tensor source, bool accumulate = False",),
    "put_": ("Tensor index, Tensor source, bool accumulate = False",),
    "qr": ("bool some = True",),
    "quantile": (
        "Tensor q, int? dim = None, bool keepdim = False, *, str interpolation = \"linear\"",
        "float q, int? dim = None, bool keepdim = False, *, str interpolation = \"linear\"",
    ),
    "remainder_": ("Tensor other", "Number other"),
    "repeat": ("int[] repeats",),
    "repeat_interleave": (
        "Tensor repeats, int? dim = None, *, SymInt? output_size = None",
        "SymInt repeats, int? dim = None, *, SymInt? output_size = None",
    ),
    "reshape": ("int[] shape",),
    "resize_as_": ("Tensor the_template, *, torch.memory_format? memory_format = None",),
    "rot90": ("int k = 1, int[] dims = {0,1}",),
    "scatter_reduce": (
        "int dim, Tensor index, Tensor src, str reduce, *, bool include_self = True",
    ),
    "scatter_reduce_": (
        "int dim, Tensor index, Tensor src, str reduce, *, bool include_self = True",
    ),
    "select_scatter": ("Tensor src, int dim, SymInt index",),
    "slice_scatter": (
        "Tensor src, int dim = 0, SymInt? start = None, SymInt? end = None, SymInt step = 1",
    ),
    "split_with_sizes": ("int[] split_sizes, int dim = 0",),
    "squeeze_": ("", "int dim", "int[] dim"),
    "sum_to_size": ("int[] size",),
    "svd": ("bool some = True, bool compute_uv = True",),
    "take_along_dim": ("Tensor indices, int? dim = None",),
    "tensor_split": (
        "int[] indices, int dim = 0",
        "Tensor tensor_indices_or_sections, int dim = 0",
        "SymInt sections, int dim = 0",
    ),
    "to_dense": ("torch.dtype? dtype = None, *, bool? masked_grad = None",),
    "type_as": ("Tensor other",),
    "unfold": ("int dimension, int size, int step",),
    "unsqueeze_": ("int dim",),
    "vdot": ("Tensor other",),
    "where": ("Tensor condition, Tensor other", "Tensor condition, Number other"),
    "xlogy": ("Tensor other", "Number other"),
    "xlogy_": ("Tensor other", "Number other"),
}
# ... of which these have other forms too, which PyTorch tries but never shows
HIDDEN = frozenset(("copy_",))
# ... and these are read before the call: the kit's would take anything for their bools, or
# a list for a tensor (x.remainder_([1, 2]), and so x %= [1, 2])
READ_FIRST = frozenset(("cholesky_inverse", "qr", "svd", "remainder_"))

def parsed_on_failure(method: Callable[..., Any], name: str) -> Callable[..., Any]:
    """``method`` (the Tensor method ``name``) with PyTorch's TypeError for a call that fits
    none of its forms, read only once the call has failed (a call that works costs nothing
    more): a failure of a call that does fit them stays the kit's own error."""
    if name in NO_ARGUMENTS:
        @functools.wraps(method)
        def bare(self: Any, *args: Any, **kwargs: Any) -> Any:
            if kwargs:
                raise TypeError(f"TensorBase.{name}() takes no keyword arguments")
            if args:
                raise TypeError(f"TensorBase.{name}() takes no arguments ({len(args)} given)")
            return method(self)

        return bare
    forms = FORMS[name]

    if name in READ_FIRST:
        @functools.wraps(method)
        def read_first(self: Any, *args: Any, **kwargs: Any) -> Any:
            check(name, forms, args, kwargs)
            return method(self, *args, **kwargs)

        return read_first

    @functools.wraps(method)
    def call(self: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except Exception:
            refused = refusal(name, forms, args, kwargs)
            if refused is None:
                raise
            raise refused from None

    return call


def refusal(name: str, forms: tuple[str, ...], args: tuple[Any, ...],
            kwargs: dict[str, Any], counting_out: bool = False) -> TypeError | None:
    """PyTorch's TypeError for a call that fits none of ``forms``, else None (see
    `signature_parser.check` for ``counting_out``)."""
    try:
        check(name, forms, args, kwargs, counting_out, hidden=name in HIDDEN)
    except TypeError as refused:
        return refused
    return None


def install(tensor_class: type) -> None:
    """Give ``tensor_class``'s methods above PyTorch's errors for calls that fit no form."""
    for name in (*NO_ARGUMENTS, *FORMS):
        method = getattr(tensor_class, name, None)
        if method is not None:
            setattr(tensor_class, name, parsed_on_failure(method, name))
