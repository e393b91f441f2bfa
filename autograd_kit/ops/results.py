"""The named pairs that max, min, sort, topk, cummax, median, aminmax … return, printed as
PyTorch prints them (``autograd_kit.return_types.max(values=…, indices=…)``)."""

from __future__ import annotations

from collections import namedtuple


class ValuesIndices(namedtuple("ValuesIndices", ["values", "indices"])):
    """What ``max(x, dim)`` returns: (values, indices), printed as PyTorch prints it."""

    __slots__ = ()

    def __new__(cls, *args: object) -> ValuesIndices:
        """``return_types.max((values, indices))`` as in PyTorch (one sequence); the kit's
        operations pass the two values."""
        if len(args) == 1:
            pair = tuple(args[0])  # type: ignore[call-overload]
            if len(pair) != 2:
                raise TypeError(f"autograd_kit.return_types.{cls.__name__}() takes a "
                                f"2-sequence ({len(pair)}-sequence given)")
            args = pair
        return super().__new__(cls, *args)

    def __repr__(self) -> str:
        name = type(self).__name__
        return (f"autograd_kit.return_types.{name}(\nvalues={self.values!r},"
                f"\nindices={self.indices!r})")


def _result_type(name: str) -> type[ValuesIndices]:
    """PyTorch's ``torch.return_types.<name>``: a (values, indices) pair printed as ``name``.

    The Python name stays ``<name>_result`` (``max`` is a built-in), so pickle finds it here.
    """
    return type(name, (ValuesIndices,), {"__slots__": (), "__qualname__": f"{name}_result"})


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


def _min_max_pair(name: str) -> type:
    kind = namedtuple(name, ["min", "max"])  # type: ignore[misc]
    kind.__repr__ = lambda self: (  # type: ignore[method-assign]
        f"autograd_kit.return_types.{name}(\nmin={self.min!r},\nmax={self.max!r})")
    return kind


aminmax_result = _min_max_pair("aminmax")
OUT_RESULTS["aminmax"] = _min_max_pair("aminmax_out")
OUT_RESULTS["frexp"] = namedtuple("frexp_out", ["mantissa", "exponent"])  # type: ignore[misc]
OUT_RESULTS["frexp"].__repr__ = lambda self: (  # type: ignore[method-assign]
    f"autograd_kit.return_types.frexp_out(\nmantissa={self.mantissa!r},"
    f"\nexponent={self.exponent!r})")
