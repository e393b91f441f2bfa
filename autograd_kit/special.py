"""``autograd_kit.special``: the special functions of ``torch.special``.

Many are the kit's own functions under SciPy's names (``expit`` is ``sigmoid``, ``gammaln``
is ``lgamma``, ``psi`` is ``digamma``); the others have their rules in ops/gamma_rules.py,
ops/bessel_rules.py and ops/pointwise_special.py, each with its derivative in the docstring.
``ndtr`` is recorded as PyTorch records it, ``(1 + erf(x/√2)) · ½``.
"""

from __future__ import annotations

import math
from typing import Any

from .ops import bessel_rules, gamma_rules, incomplete_gamma, pointwise_special
from .ops.arithmetic import AddNumber, MulNumber
from .ops.operands import check_broadcast
from .tensor import Tensor


def _tensor_input(name: str, x: Any) -> Tensor:
    if not isinstance(x, Tensor):
        raise TypeError(f"{name}(): argument 'input' (position 1) must be Tensor, not "
                        f"{type(x).__name__}")
    return x


def _kit() -> Any:
    import autograd_kit

    return autograd_kit


def expit(input: Tensor) -> Tensor:  # noqa: A002 - PyTorch's argument names
    """σ(x) = 1 / (1 + e^(-x)) (``sigmoid``)."""
    return _tensor_input("special_expit", input).sigmoid()


def logit(input: Tensor, eps: float | None = None) -> Tensor:  # noqa: A002
    return _tensor_input("special_logit", input).logit(eps)


def erf(input: Tensor) -> Tensor:  # noqa: A002
    return _tensor_input("special_erf", input).erf()


def erfc(input: Tensor) -> Tensor:  # noqa: A002
    return _tensor_input("special_erfc", input).erfc()


def erfinv(input: Tensor) -> Tensor:  # noqa: A002
    return _tensor_input("special_erfinv", input).erfinv()


def erfcx(input: Tensor) -> Tensor:  # noqa: A002
    """e^(x²) erfc(x), without the overflow of computing the two factors."""
    return pointwise_special.Erfcx.apply(_tensor_input("special_erfcx", input))


def gammaln(input: Tensor) -> Tensor:  # noqa: A002
    """ln|Γ(x)| (``lgamma``)."""
    return gamma_rules.Lgamma.apply(_tensor_input("special_gammaln", input))


def digamma(input: Tensor) -> Tensor:  # noqa: A002
    """ψ(x) = Γ'(x)/Γ(x)."""
    return gamma_rules.Digamma.apply(_tensor_input("special_digamma", input))


psi = digamma


def polygamma(n: int, input: Tensor) -> Tensor:  # noqa: A002
    """ψ⁽ⁿ⁾(x), the n-th derivative of digamma."""
    if n < 0:
        raise RuntimeError("polygamma(n, x) does not support negative n.")
    return gamma_rules.Polygamma.apply(_tensor_input("special_polygamma", input), int(n))


def multigammaln(input: Tensor, p: int) -> Tensor:  # noqa: A002
    """The multivariate log-gamma function of dimension p (``mvlgamma``)."""
    return gamma_rules.Mvlgamma.apply(_tensor_input("special_multigammaln", input), int(p))


def zeta(input: Any, other: Any) -> Tensor:  # noqa: A002
    """The Hurwitz zeta function ζ(s, q) = Σₖ (q + k)^(-s)."""
    _check_shapes("special_zeta", input, other)
    return gamma_rules.zeta(input, other)


def gammainc(input: Tensor, other: Tensor) -> Tensor:  # noqa: A002
    """The regularized lower incomplete gamma function P(a, x) = γ(a, x) / Γ(a)."""
    return incomplete_gamma.Igamma.apply(*_two_tensors("special_gammainc", input, other))


def gammaincc(input: Tensor, other: Tensor) -> Tensor:  # noqa: A002
    """The regularized upper incomplete gamma function Q(a, x) = 1 - P(a, x)."""
    return incomplete_gamma.Igammac.apply(*_two_tensors("special_gammaincc", input, other))


def old_name(rule: Any, name: str, other_position: int = 2) -> Any:
    """torch.igamma / igammac (and, with ``other_position`` 1, the Tensor methods): the same
    functions under ATen's own names, which their errors show."""

    def function(input: Tensor, other: Tensor) -> Tensor:  # noqa: A002
        return rule.apply(*_two_tensors(name, input, other, other_position))

    function.__name__ = function.__qualname__ = name
    return function


def _two_tensors(name: str, input: Any, other: Any,  # noqa: A002
                 other_position: int = 2) -> tuple[Tensor, Tensor]:
    _tensor_input(name, input)
    if not isinstance(other, Tensor):
        raise TypeError(f"{name}(): argument 'other' (position {other_position}) must be "
                        f"Tensor, not {type(other).__name__}")
    _check_shapes(name, input, other)
    return input, other


def i0(input: Tensor) -> Tensor:  # noqa: A002
    return bessel_rules.I0.apply(_tensor_input("special_i0", input))


def i0e(input: Tensor) -> Tensor:  # noqa: A002
    return bessel_rules.I0e.apply(_tensor_input("special_i0e", input))


def i1(input: Tensor) -> Tensor:  # noqa: A002
    return bessel_rules.I1.apply(_tensor_input("special_i1", input))


def i1e(input: Tensor) -> Tensor:  # noqa: A002
    return bessel_rules.I1e.apply(_tensor_input("special_i1e", input))


def ndtr(input: Tensor) -> Tensor:  # noqa: A002
    """Φ(x) = ½ (1 + erf(x/√2)), the standard normal distribution function."""
    x = _tensor_input("special_ndtr", input)
    if not x.dtype.is_floating_point:
        x = x.to(_kit().get_default_dtype())
    inside = MulNumber.apply(x, 1 / math.sqrt(2)).erf()
    return MulNumber.apply(AddNumber.apply(inside, 1), 0.5)  # numbers: MulBackward1, …


def ndtri(input: Tensor) -> Tensor:  # noqa: A002
    """Φ⁻¹(p), the inverse of ``ndtr``."""
    return pointwise_special.Ndtri.apply(_tensor_input("special_ndtri", input))


def log_ndtr(input: Tensor) -> Tensor:  # noqa: A002
    """ln Φ(x), accurate far into the lower tail."""
    return pointwise_special.LogNdtr.apply(_tensor_input("special_log_ndtr", input))


def xlogy(input: Any, other: Any) -> Tensor:  # noqa: A002
    _check_shapes("special_xlogy", input, other)
    return _kit().xlogy(input, other)


def xlog1py(input: Any, other: Any) -> Tensor:  # noqa: A002
    """x · ln(1 + y), 0 where x = 0."""
    _check_shapes("special_xlog1py", input, other)
    return pointwise_special.xlog1py(input, other)


def _check_shapes(name: str, input: Any, other: Any) -> None:  # noqa: A002
    """PyTorch's TypeError for two numbers (its forms take a tensor and a tensor or number),
    and its RuntimeError for two tensors whose shapes do not broadcast."""
    if not isinstance(input, Tensor) and not isinstance(other, Tensor):
        raise TypeError(
            f"{name}() received an invalid combination of arguments - got "
            f"({type(input).__name__}, {type(other).__name__}), but expected one of:\n"
            " * (Tensor input, Tensor other, *, Tensor out = None)\n"
            " * (Number self, Tensor other, *, Tensor out = None)\n"
            " * (Tensor input, Number other, *, Tensor out = None)\n")
    if isinstance(input, Tensor) and isinstance(other, Tensor):
        check_broadcast(input.shape, other.shape)


def entr(input: Tensor) -> Tensor:  # noqa: A002
    """-x ln x elementwise (0 at 0, -inf for x < 0)."""
    return pointwise_special.Entr.apply(_tensor_input("special_entr", input))


def sinc(input: Tensor) -> Tensor:  # noqa: A002
    """sin(πx)/(πx), 1 at 0."""
    return pointwise_special.Sinc.apply(_tensor_input("special_sinc", input))


def round(input: Tensor, *, decimals: int = 0) -> Tensor:  # noqa: A001, A002
    """torch.round with ``decimals`` always given (PyTorch: RoundBackward1, even for 0)."""
    from .ops.rounding import RoundDecimals

    return RoundDecimals.apply(_tensor_input("special_round", input), decimals)


def exp2(input: Tensor) -> Tensor:  # noqa: A002
    return _tensor_input("special_exp2", input).exp2()


def expm1(input: Tensor) -> Tensor:  # noqa: A002
    return _tensor_input("special_expm1", input).expm1()


def log1p(input: Tensor) -> Tensor:  # noqa: A002
    return _tensor_input("special_log1p", input).log1p()


def logsumexp(input: Tensor, dim: Any, keepdim: bool = False) -> Tensor:  # noqa: A002
    return _kit().logsumexp(input, dim, keepdim)


def softmax(input: Tensor, dim: int, *, dtype: Any = None) -> Tensor:  # noqa: A002
    x = _tensor_input("special_softmax", input)
    return _kit().softmax(x if dtype is None else x.to(dtype), dim)


def log_softmax(input: Tensor, dim: int, *, dtype: Any = None) -> Tensor:  # noqa: A002
    x = _tensor_input("special_log_softmax", input)
    return _kit().log_softmax(x if dtype is None else x.to(dtype), dim)


__all__ = ["digamma", "entr", "erf", "erfc", "erfcx", "erfinv", "exp2", "expit", "expm1",
           "gammainc", "gammaincc", "gammaln", "i0", "i0e", "i1", "i1e", "log1p", "log_ndtr",
           "log_softmax", "logit", "logsumexp", "multigammaln", "ndtr", "ndtri", "polygamma",
           "psi", "round", "sinc", "softmax", "xlog1py", "xlogy", "zeta"]
