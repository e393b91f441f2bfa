"""``autograd_kit.return_types``: PyTorch's ``torch.return_types``, the named tuples that
``max(dim)``, ``sort``, ``topk``, ``linalg.qr`` … return.

``isinstance(x.max(0), return_types.max)`` holds, and each class is named as in PyTorch
(``return_types.max.__name__ == "max"``): a tuple with named fields (`struct_sequence`).
The classes are defined beside their operations; this module is their public home, so they
print (and pickle) as ``autograd_kit.return_types.<name>``.
"""

from __future__ import annotations

from .histograms import histogram_result
from .linalg_more import cholesky_ex_result, inv_ex_result, lu_factor_ex_result, solve_ex_result
from .lu_older import lu_unpack_result, lu_with_info_result
from .namespace_more import qr_result as old_qr_result
from .namespace_more import svd_result as old_svd_result
from .ops.binary_more import frexp_result
from .ops.decompositions import (
    eigh_result,
    linalg_slogdet_result,
    qr_result,
    slogdet_result,
    svd_result,
)
from .ops.linalg_more import eig_result, lstsq_result, lu_factor_result, lu_result
from .ops.results import (
    OUT_RESULTS,
    aminmax_result,
    cummax_result,
    cummin_result,
    kthvalue_result,
    max_result,
    median_result,
    min_result,
    mode_result,
    nanmedian_result,
    sort_result,
    topk_result,
)
from .ops.triangular_solve import triangular_solve_result

_TYPES = {kind.__name__: kind for kind in (
    max_result, min_result, sort_result, topk_result, cummax_result, cummin_result,
    median_result, nanmedian_result, kthvalue_result, mode_result, aminmax_result,
    frexp_result, slogdet_result, linalg_slogdet_result, eigh_result, svd_result, qr_result,
    inv_ex_result, solve_ex_result, cholesky_ex_result, lu_factor_ex_result, eig_result,
    lu_result, lu_factor_result, lstsq_result, old_svd_result, old_qr_result,
    histogram_result, lu_unpack_result, lu_with_info_result, triangular_solve_result,
    *OUT_RESULTS.values(),
)}

for _name, _kind in _TYPES.items():
    _kind.__module__, _kind.__qualname__ = __name__, _name
globals().update(_TYPES)  # return_types.max, return_types.sort, … (max, min: as in PyTorch)

__all__ = sorted(_TYPES)
