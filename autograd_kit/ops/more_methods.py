"""Tensor methods (``x.fmax(y)``, ``x.put_(i, v)``, …) for the functions of pointwise_extra,
membership, covariance, index_writes, binary_more and nanmedian, attached to the Tensor
class when ``ops`` loads, as more_names does for its functions. PyTorch has no
``Tensor.isin``, so neither does the kit."""

from __future__ import annotations

from typing import Any

from ..tensor import Tensor
from ..tensor_method_families import inplace_of, method_of
from ..tensor_operators import TensorOperators
from . import add_products, binary_more, index_writes, pointwise_extra, scatter_views

METHODS = ("fmax", "fmin", "deg2rad", "rad2deg", "float_power", "cov", "corrcoef",
           "unique_consecutive", "index_copy", "put", "nanmedian", "copysign", "logaddexp2",
           "ldexp", "nextafter", "frexp", "heaviside", "addmv", "addr", "baddbmm", "addbmm",
           "diag_embed", "diagflat", "diagonal_scatter", "select_scatter", "slice_scatter")


def index_copy_(self: Tensor, dim: int, index: Tensor, source: Tensor) -> Tensor:
    from ..inplace import apply_inplace, check_inplace_allowed

    check_inplace_allowed(self, (source,))  # (PyTorch's first check)
    return apply_inplace(self, *index_writes.index_copy_rule(self, dim, index, source))


def put_(self: Tensor, index: Tensor, source: Tensor, accumulate: bool = False) -> Tensor:
    from ..inplace import apply_inplace, check_inplace_allowed

    check_inplace_allowed(self, (source,))  # (PyTorch's first check)
    return apply_inplace(self, *index_writes.put_rule(self, index, source, accumulate))


def _attach() -> None:
    own: dict[str, Any] = {"index_copy_": index_copy_, "put_": put_,
                           "float_power_": pointwise_extra.float_power_,
                           "fill_diagonal_": scatter_views.fill_diagonal_,
                           "addmv_": add_products.addmv_, "baddbmm_": add_products.baddbmm_,
                           "addmm_": add_products.addmm_, "addr_": add_products.addr_,
                           "ldexp_": binary_more.ldexp_}
    own.update({name: method_of(name) for name in METHODS})
    own.update({name + "_": inplace_of(name) for name in ("deg2rad", "rad2deg", "copysign",
                                                            "nextafter", "heaviside",
                                                            "addbmm")})
    for name, method in own.items():
        if not hasattr(TensorOperators, name):
            setattr(TensorOperators, name, method)


_attach()
