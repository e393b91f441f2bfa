"""The named pairs that max, min, sort, topk, cummax, median, aminmax … return, printed as
PyTorch prints them (``autograd_kit.return_types.max(values=…, indices=…)``): PyTorch's
struct sequences (see `struct_sequence`)."""

from __future__ import annotations

from ..struct_sequence import struct_sequence


def _result_type(name: str) -> type[tuple]:
    """PyTorch's ``torch.return_types.<name>``: a (values, indices) pair printed as ``name``."""
    return struct_sequence(name, ["values", "indices"])


max_result = _result_type("max")
min_result = _result_type("min")
sort_result = _result_type("sort")
topk_result = _result_type("topk")
cummax_result = _result_type("cummax")
cummin_result = _result_type("cummin")
median_result = _result_type("median")
nanmedian_result = _result_type("nanmedian")
kthvalue_result = _result_type("kthvalue")
mode_result = _result_type("mode")


# ... and what their functions return when given ``out=(values, indices)``: the same pairs
# named ``<name>_out`` (``torch.return_types.max_out``), holding the out tensors themselves
OUT_RESULTS = {name: _result_type(f"{name}_out") for name in (
    "max", "min", "sort", "topk", "cummax", "cummin", "median", "nanmedian", "kthvalue", "mode")}

aminmax_result = struct_sequence("aminmax", ["min", "max"])
OUT_RESULTS["aminmax"] = struct_sequence("aminmax_out", ["min", "max"])
OUT_RESULTS["frexp"] = struct_sequence("frexp_out", ["mantissa", "exponent"])
