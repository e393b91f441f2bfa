"""More of PyTorch's top-level names: the in-place function forms (``torch.relu_(t)`` is
``t.relu_()``), constants (``pi``, ``e``, ``inf``, ``nan``, ``newaxis``), special functions
(lgamma, digamma, polygamma, mvlgamma, i0, sinc, deg2rad, rad2deg), linear algebra under
its older names (det, inverse, pinverse, matrix_power, matrix_exp, svd, qr, cholesky,
chain_matmul), vdot, inner, dstack, asarray, get_device, the conj / real family, and the
settings of global_settings.py. ``install(namespace)`` adds every name the namespace does
not have yet; the matching Tensor methods are attached here too (as ops/more_names.py does).
"""

from __future__ import annotations

import math
from typing import Any

from . import (
    argument_angle,
    finite_differences,
    global_settings,
    histograms,
    linalg_more,
    namespace_aten,
    special,
    storage,
    tensor_more_methods,
)
from .creation_asarray import asarray
from .inplace import apply_inplace
from .ops import bessel_rules, gamma_rules, pointwise_special
from .ops.decompositions import _named
from .ops.linalg_more import Vdot
from .ops.more_names import as_method
from .scalar_warning import warn_once_with
from .tensor import Tensor
from .tensor_method_families import told_as_function
from .tensor_operators import TensorOperators

CONSTANTS = {"pi": math.pi, "e": math.e, "inf": math.inf, "nan": math.nan, "newaxis": None}


def _kit() -> Any:
    import autograd_kit

    return autograd_kit


def _tensor(name: str, value: Any, position: int = 1, argument: str = "input") -> Tensor:
    if not isinstance(value, Tensor):
        raise TypeError(f"{name}(): argument '{argument}' (position {position}) must be "
                        f"Tensor, not {type(value).__name__}")
    return value


# ---- methods with a rule of their own (ops/gamma_rules.py, bessel_rules.py, pointwise_special.py)
ELEMENTWISE_RULES = {"lgamma": gamma_rules.Lgamma, "digamma": gamma_rules.Digamma,
                     "i0": bessel_rules.I0, "sinc": pointwise_special.Sinc}


def _elementwise_method(name: str, rule: Any) -> tuple[Any, Any]:
    def method(self: Tensor) -> Tensor:
        return rule.apply(self)

    def inplace(self: Tensor) -> Tensor:
        return apply_inplace(self, rule)

    method.__name__ = method.__qualname__ = name
    inplace.__name__ = inplace.__qualname__ = name + "_"
    method.__doc__ = inplace.__doc__ = rule.__doc__
    return method, inplace


def polygamma(n: int, input: Tensor) -> Tensor:  # noqa: A002 - PyTorch's argument names
    """ψ⁽ⁿ⁾(x), the n-th derivative of digamma."""
    return special.polygamma(n, input)


def mvlgamma(input: Tensor, p: int) -> Tensor:  # noqa: A002
    """The multivariate log-gamma function of dimension p."""
    return special.multigammaln(input, p)


class _PolygammaInplace(gamma_rules.Polygamma):
    """x.polygamma_(n): PyTorch's in-place overload records PolygammaBackward1."""

    node_name = "PolygammaBackward1"


def _polygamma_(self: Tensor, n: int) -> Tensor:
    return apply_inplace(self, _PolygammaInplace, int(n))


def _mvlgamma_(self: Tensor, p: int) -> Tensor:
    return apply_inplace(self, gamma_rules.Mvlgamma, int(p))


# ---- linear algebra under PyTorch's older names
def det(input: Tensor) -> Tensor:  # noqa: A002
    return _kit().linalg.det(input)


def inverse(input: Tensor) -> Tensor:  # noqa: A002
    return _kit().linalg.inv(input)


def pinverse(input: Tensor, rcond: float = 1e-15) -> Tensor:  # noqa: A002
    return _kit().linalg.pinv(input, rtol=rcond)


def matrix_power(input: Tensor, n: int) -> Tensor:  # noqa: A002
    return linalg_more.matrix_power(input, n)


def matrix_exp(input: Tensor) -> Tensor:  # noqa: A002
    return linalg_more.matrix_exp(input)


# The older functions' results have their own names and fields (V, not linalg's Vh)
svd_result = _named("svd", ["U", "S", "V"])
qr_result = _named("qr", ["Q", "R"])


def svd(input: Tensor, some: bool = True, compute_uv: bool = True) -> Any:  # noqa: A002
    """(U, S, V) with input = U diag(S) Vᵀ (V, not Vᵀ as ``linalg.svd`` gives); without
    ``compute_uv``, U and V are zeros."""
    kit = _kit()
    if isinstance(input, kit.Tensor) and input.dim() < 2:  # (its own words, not linalg's)
        raise RuntimeError("linalg.svd: input should have at least 2 dimensions, but has "
                           f"{input.dim()} dimensions instead")
    u, s, vh = kit.linalg.svd(input, full_matrices=not some)
    if not compute_uv:
        return svd_result(kit.zeros_like(u).detach(), s, kit.zeros_like(vh).detach())
    return svd_result(u, s, vh.transpose(-2, -1))


def qr(input: Tensor, some: bool = True) -> Any:  # noqa: A002
    warn_once_with("torch.qr is deprecated in favor of torch.linalg.qr and will be removed in "
                   "a future PyTorch release.\nThe boolean parameter 'some' has been replaced "
                   "with a string parameter 'mode'.\nQ, R = torch.qr(A, some)\nshould be "
                   "replaced with\nQ, R = torch.linalg.qr(A, 'reduced' if some else "
                   "'complete')", stacklevel=2,
                   source="aten/src/ATen/native/BatchLinearAlgebra.cpp:2505")
    q, r = _kit().linalg.qr(input, "reduced" if some else "complete")
    return qr_result(q, r)


def cholesky(input: Tensor, upper: bool = False) -> Tensor:  # noqa: A002
    warn_once_with("torch.cholesky is deprecated in favor of torch.linalg.cholesky and will "
                   "be removed in a future PyTorch release.\nL = torch.cholesky(A)\nshould be "
                   "replaced with\nL = torch.linalg.cholesky(A)\nand\nU = torch.cholesky(A, "
                   "upper=True)\nshould be replaced with\nU = torch.linalg.cholesky(A).mH\n"
                   "This transform will produce equivalent results for all valid (symmetric "
                   "positive definite) inputs.", stacklevel=2,
                   source="aten/src/ATen/native/BatchLinearAlgebra.cpp:1765")
    return linalg_more.cholesky_deprecated(input, upper)


def chain_matmul(*matrices: Tensor) -> Tensor:
    warn_once_with("torch.chain_matmul is deprecated and will be removed in a future PyTorch "
                   "release. Use torch.linalg.multi_dot instead, which accepts a list of two or "
                   "more tensors rather than multiple parameters.", stacklevel=2,
                   source="aten/src/ATen/native/LinearAlgebra.cpp:1102")
    if len(matrices) == 1:
        return matrices[0].clone()
    return linalg_more.multi_dot(matrices)


def vdot(input: Tensor, other: Tensor) -> Tensor:  # noqa: A002
    """Σᵢ xᵢyᵢ of two vectors (x conjugated: the same for real tensors)."""
    return Vdot.apply(_tensor("vdot", input), _tensor("vdot", other, 2, "other"))


def inner(input: Tensor, other: Tensor) -> Tensor:  # noqa: A002
    """Σ over the last dimension of both (a product when either is 0-dim)."""
    a, b = _tensor("inner", input), _tensor("inner", other, 2, "other")
    if a.ndim == 0 or b.ndim == 0:
        return a * b
    if a.shape[-1] != b.shape[-1]:
        raise RuntimeError("inner() the last dimension must match on both input tensors but "
                           f"got shapes {list(a.shape)} and {list(b.shape)}")
    return _kit().tensordot(a, b, ([-1], [-1]))


def dstack(tensors: Any) -> Tensor:
    """The tensors joined along a third dimension (after ``atleast_3d``)."""
    from .ops.combine import _tensor_list  # (PyTorch's refusal of an empty list, as hstack's)

    kit = _kit()
    return kit.cat([kit.atleast_3d(t) for t in _tensor_list("dstack", tensors)], 2)


def typename(obj: Any) -> str:
    """PyTorch's ``torch.typename``: a tensor's legacy type (``'autograd_kit.FloatTensor'``),
    else the object's own qualified name when it has one (a class or a function:
    ``typename(nn.Parameter) == 'autograd_kit.nn.parameter.Parameter'``), else its class's;
    builtins without their module. (Error messages name an argument's class instead, as
    C's ``tp_name`` does: :func:`autograd_kit.tensor.typename`.)"""
    if isinstance(obj, Tensor):
        return obj.type()
    top_level = _top_level_function_module(obj)
    if top_level is not None:
        return f"{top_level}.{obj.__name__}"
    module = getattr(obj, "__module__", "") or ""
    if hasattr(obj, "__qualname__"):
        qualname = obj.__qualname__
    elif hasattr(obj, "__name__"):
        qualname = obj.__name__
    else:
        module = type(obj).__module__ or ""
        qualname = type(obj).__qualname__
    return qualname if module in {"", "builtins"} else f"{module}.{qualname}"


# the kit's functions at the top of the namespace that PyTorch writes in Python, by module (the
# others are C functions of ``torch._VariableFunctionsClass``)
_PYTHON_FUNCTIONS = {
    "autograd_kit.functional": {
        "atleast_1d", "atleast_2d", "atleast_3d", "block_diag", "broadcast_shapes",
        "broadcast_tensors", "cartesian_prod", "cdist", "chain_matmul", "einsum", "meshgrid",
        "norm", "split", "tensordot", "unravel_index", "stft", "istft", "lu"},
    "autograd_kit._linalg_utils": {"eig", "lstsq", "matrix_rank", "solve"},
    "autograd_kit": {"typename", "set_anomaly_enabled"},
    "autograd_kit.func": {"vmap"},
}


# modules whose functions PyTorch too has in a module of that name
_OWN_MODULES = {"autograd_kit.random", "autograd_kit.serialization", "autograd_kit.functional",
                "autograd_kit.func", "autograd_kit.autograd", "autograd_kit.testing"}
# the kit's modules of settings, which PyTorch defines in ``torch`` itself
_SETTINGS_MODULES = {"autograd_kit.global_settings", "autograd_kit.dtypes",
                     "autograd_kit.grad_mode", "autograd_kit.anomaly_mode",
                     "autograd_kit.nn.compiled", "autograd_kit.printing"}


def _top_level_function_module(obj: Any) -> str | None:
    """Where PyTorch's ``typename`` places a function of the kit's top namespace
    (``typename(torch.relu) == 'torch._VariableFunctionsClass.relu'``, as in the error of
    ``nn.Sequential(torch.relu)``); None for anything else (a function the kit defines in its
    top module itself keeps its own name there, as PyTorch's ``torch.is_tensor`` does)."""
    import autograd_kit

    name = getattr(obj, "__name__", None)
    module = getattr(obj, "__module__", None) or ""
    if (not callable(obj) or isinstance(obj, type) or not isinstance(name, str)
            or not module.startswith("autograd_kit.") or module in _OWN_MODULES
            or getattr(autograd_kit, name, None) is not obj):
        return None
    if module in _SETTINGS_MODULES:
        return "autograd_kit._tensor_str" if module.endswith("printing") else "autograd_kit"
    for where, names in _PYTHON_FUNCTIONS.items():
        if name in names:
            return where
    return "autograd_kit._VariableFunctionsClass"


def get_device(input: Tensor) -> int:  # noqa: A002
    """-1 on the CPU, the GPU's index on a GPU."""
    return _tensor("get_device", input).get_device()


# ---- complex-number queries, for real tensors (the kit has no complex dtype)
def conj(input: Tensor) -> Tensor:  # noqa: A002
    """The complex conjugate: a real tensor itself."""
    return _tensor("conj", input)


resolve_conj = resolve_neg = real = conj


def is_conj(input: Tensor) -> bool:  # noqa: A002
    _tensor("is_conj", input)
    return False


is_neg = is_conj


def imag(input: Tensor) -> Tensor:  # noqa: A002
    _tensor("imag", input)
    raise RuntimeError("imag is not implemented for tensors with non-complex dtypes.")


# ---- attach the Tensor methods
METHODS: dict[str, Any] = {
    "polygamma": lambda self, n: polygamma(n, self), "polygamma_": _polygamma_,
    "mvlgamma": as_method(mvlgamma), "mvlgamma_": _mvlgamma_,
    "det": as_method(det), "inverse": as_method(inverse), "pinverse": as_method(pinverse),
    "matrix_power": as_method(matrix_power), "matrix_exp": as_method(matrix_exp),
    "svd": as_method(svd), "qr": as_method(qr), "cholesky": as_method(cholesky),
    "vdot": as_method(vdot), "inner": as_method(inner), "conj": as_method(conj),
    "resolve_conj": as_method(conj), "resolve_neg": as_method(conj),
    "is_conj": as_method(is_conj), "is_neg": as_method(is_conj),
    "fix_": lambda self: self.trunc_(),
}
for _name, _rule in ELEMENTWISE_RULES.items():
    METHODS[_name], METHODS[_name + "_"] = _elementwise_method(_name, _rule)

for _name, _function in METHODS.items():
    if not hasattr(TensorOperators, _name):
        setattr(TensorOperators, _name, _function)


# ---- torch.X_(t, ...) is t.X_(...): generated from this list (kept where the method exists)
INPLACE_FUNCTIONS = (
    "abs_", "acos_", "acosh_", "arccos_", "arccosh_", "arcsin_", "arcsinh_", "arctan_",
    "arctanh_", "asin_", "asinh_", "atan_", "atanh_", "ceil_", "clamp_", "clamp_max_",
    "clamp_min_", "clip_", "cos_", "cosh_", "deg2rad_", "detach_", "erf_", "erfc_", "exp2_",
    "exp_", "expm1_", "fill_", "fix_", "floor_", "frac_", "gcd_", "i0_", "index_put_",
    "lcm_", "log10_", "log1p_", "log2_", "log_", "logit_", "nan_to_num_", "neg_", "negative_",
    "rad2deg_", "reciprocal_", "relu_", "round_", "rsqrt_", "sigmoid_", "sin_", "sinc_",
    "sinh_", "sqrt_", "square_", "tan_", "tanh_", "trunc_", "xlogy_", "zero_",
)


def _inplace_function(name: str) -> Any:
    def function(input: Tensor, *args: Any, **kwargs: Any) -> Any:  # noqa: A002
        try:
            return getattr(_tensor(name, input), name)(*args, **kwargs)
        except TypeError as error:
            told = told_as_function(error, name)
            if told is error:
                raise
            raise told from None

    function.__name__ = function.__qualname__ = name
    function.__doc__ = f"``{name}(t, …)`` is ``t.{name}(…)``: changes t in place."
    return function


from .ops.cholesky_solves import cholesky_inverse, cholesky_solve  # noqa: E402
from .ops.index_reduce import index_reduce  # noqa: E402

FUNCTIONS: dict[str, Any] = {
    "lgamma": special.gammaln, "digamma": special.digamma, "polygamma": polygamma,
    "mvlgamma": mvlgamma, "i0": special.i0, "sinc": special.sinc,
    "deg2rad": lambda input: _tensor("deg2rad", input).deg2rad(),
    "rad2deg": lambda input: _tensor("rad2deg", input).rad2deg(),
    "det": det, "inverse": inverse, "pinverse": pinverse, "matrix_power": matrix_power,
    "matrix_exp": matrix_exp, "svd": svd, "qr": qr, "cholesky": cholesky,
    "chain_matmul": chain_matmul, "vdot": vdot, "inner": inner, "dstack": dstack,
    "asarray": asarray, "get_device": get_device, "conj": conj, "resolve_conj": resolve_conj,
    "resolve_neg": resolve_neg, "real": real, "imag": imag, "is_conj": is_conj,
    "is_neg": is_neg, "cholesky_solve": cholesky_solve, "cholesky_inverse": cholesky_inverse,
    "index_reduce": index_reduce,
}


def install(namespace: dict[str, Any]) -> None:
    """Add the names above that ``namespace`` (the package's globals) does not have yet."""
    aliases = {"arccos": "acos", "arcsin": "asin", "arctan": "atan"}
    additions: dict[str, Any] = dict(CONSTANTS)
    additions.update({alias: namespace[name] for alias, name in aliases.items()
                      if name in namespace})
    additions.update(FUNCTIONS)
    additions.update({name: getattr(global_settings, name) for name in global_settings.NAMES})
    additions.update({name: _inplace_function(name) for name in INPLACE_FUNCTIONS
                      if hasattr(Tensor, name)})
    additions["special"] = special
    additions.update(namespace_aten.FUNCTIONS)
    additions.update(tensor_more_methods.FUNCTIONS)
    tensor_more_methods.install()
    Tensor.untyped_storage, Tensor.storage = storage.untyped_storage, storage.storage
    Tensor.angle = argument_angle.angle
    additions.update(UntypedStorage=storage.UntypedStorage, TypedStorage=storage.TypedStorage,
                     angle=argument_angle.angle, gradient=finite_differences.gradient,
                     histogram=histograms.histogram)
    from .nn.utils.weight_norm import _weight_norm
    from .ops.incomplete_gamma import Igamma, Igammac

    additions.update(igamma=special.old_name(Igamma, "igamma"),  # (PyTorch's old names)
                     igammac=special.old_name(Igammac, "igammac"))
    Tensor.igamma = special.old_name(Igamma, "igamma", 1)
    Tensor.igammac = special.old_name(Igammac, "igammac", 1)

    additions["_weight_norm"] = _weight_norm  # (PyTorch's fused op, used by nn.utils)
    from . import lu_older

    additions.update(lu_older.FUNCTIONS)
    lu_older.install_methods()
    from . import namespace_native

    namespace_native.install(additions)
    for name, value in additions.items():
        namespace.setdefault(name, value)
    namespace["typename"] = typename  # (the package imported tensor.typename, for errors)
