"""PyTorch's top-level functions and Tensor methods that learners meet less often, gathered
from their own modules: ``renorm`` (ops/renorm.py), the operator spellings of
operator_forms.py (``rms_norm``, ``kl_div``, the dropout operators, …), the ``*_copy``
functions of view_copies.py, ATen's lower-level operators of native_operators.py, the real-tensor
forms of real_conjugates.py, …

Each ``torch.<name>`` gets PyTorch's argument handling at the door (`public`): its parser's
TypeErrors for a first argument that is no tensor and for arguments of the wrong type, and
``out=`` where PyTorch's function has one. ``install(namespace)`` (called by
namespace_more.install) adds the functions and attaches the methods.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import histograms, native_operators, operator_forms, real_conjugates, view_copies
from .ops import renorm as _renorm
from .ops.more_names import as_method
from .ops.scatter_views import as_strided_scatter
from .ops.triangular_solve import triangular_solve
from .tensor_operators import TensorOperators


def public(function: Callable[..., Any], name: str, forms: tuple[str, ...] = (),
           out: bool = False) -> Callable[..., Any]:
    """``torch.<name>``: ``function`` behind PyTorch's checks of its arguments (``forms``,
    each starting with ``Tensor input``) and with ``out=`` when ``out``."""
    from .ops.out_variants import with_out
    from .ops.tensor_input import tensor_first
    from .signature_parser import checked

    wrapped = with_out(function, name) if out else function
    wrapped = tensor_first(wrapped, name)
    return checked(wrapped, name, forms, False) if forms else wrapped


def method(function: Callable[..., Any], name: str,
           forms: tuple[str, ...] = ()) -> Callable[..., Any]:
    """``Tensor.<name>``: ``function(self, …)`` behind PyTorch's checks (``forms`` without
    the tensor)."""
    from .signature_parser import checked

    bound = as_method(function)
    bound.__name__ = bound.__qualname__ = name
    return checked(bound, name, forms, True) if forms else bound


_RENORM = "Number p, int dim, Number maxnorm"
_AS_STRIDED = "Tensor src, int[] size, int[] stride, int storage_offset = None"
_TRIANGULAR = "Tensor A, bool upper = True, bool transpose = False, bool unitriangular = False"


def functions() -> dict[str, Callable[..., Any]]:
    """The ``torch.*`` names this module adds."""
    with_out = {"narrow_copy"}
    return {
        **{name: public(function, name, operator_forms.FORMS[name], out=name in with_out)
           for name, function in operator_forms.functions().items()},
        **{name: public(function, name, view_copies.FORMS[name],
                        out=name not in view_copies.SEVERAL)
           for name, function in view_copies.functions().items()},
        **{name: function if name in native_operators.NOT_TENSOR_FIRST else public(
            function, name, native_operators.FORMS.get(name, ()),
            out=name in ("frobenius_norm", "nonzero_static"))
           for name, function in native_operators.FUNCTIONS.items()},
        "triangular_solve": public(triangular_solve, "triangular_solve",
                                   (f"Tensor input, {_TRIANGULAR}, *, tuple of Tensors out = "
                                    "None",)),
        **{name: public(function, name)
           for name, function in real_conjugates.FUNCTIONS.items()},
        "as_strided_scatter": public(as_strided_scatter, "as_strided_scatter",
                                     (f"Tensor input, {_AS_STRIDED}, *, Tensor out = None",),
                                     out=True),
        "renorm": public(_renorm.renorm, "renorm",
                         (f"Tensor input, {_RENORM}, *, Tensor out = None",), out=True),
    }


def methods() -> dict[str, Callable[..., Any]]:
    """The ``Tensor`` methods this module adds."""
    return {
        "renorm": method(_renorm.renorm, "renorm", (_RENORM,)),
        "renorm_": method(_renorm.renorm_, "renorm_", (_RENORM,)),
        "triangular_solve": method(triangular_solve, "triangular_solve", (_TRIANGULAR,)),
        "as_strided_scatter": method(as_strided_scatter, "as_strided_scatter", (_AS_STRIDED,)),
        **{name: method(function, name) for name, function in real_conjugates.METHODS.items()},
        "histogram": method(histograms.histogram, "histogram"),
    }


def install(namespace: dict[str, Any]) -> None:
    """Add the functions ``namespace`` lacks; attach the methods the Tensor class lacks."""
    for name, function in functions().items():
        namespace.setdefault(name, function)
    for name, bound in methods().items():
        if not hasattr(TensorOperators, name):
            setattr(TensorOperators, name, bound)
    from .nn import functional  # (PyTorch's F has the operator too)

    functional.native_channel_shuffle = namespace["native_channel_shuffle"]
