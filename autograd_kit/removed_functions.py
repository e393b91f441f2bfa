"""What PyTorch removed (torch.solve, x.lstsq, ...): the names are still there, written in
Python with their old arguments, and calling them explains what replaced them.

PyTorch keeps them as plain Python functions, so a call that does not fit their arguments
fails first with Python's own words (``Tensor.solve() missing 1 required positional
argument: 'other'``); one that fits raises the RuntimeError below. The stubs here take the
same arguments, named as PyTorch names them.
"""

from __future__ import annotations

from typing import Any

REMOVED = {
    "lstsq": "`torch.lstsq` is deprecated in favor of `torch.linalg.lstsq`.\n"
             "`torch.linalg.lstsq` has reversed arguments and does not return the QR "
             "decomposition in the returned tuple (although it returns other information about "
             "the problem).\n\nTo get the QR decomposition consider using `torch.linalg.qr`.\n\n"
             "The returned solution in `torch.lstsq` stored the residuals of the solution in the "
             "last m - n columns of the returned value whenever m > n. In torch.linalg.lstsq, the "
             "residuals are in the field 'residuals' of the returned named tuple.\n\nThe "
             "unpacking of the solution, as in\nX, _ = torch.lstsq(B, A).solution[:A.size(1)]\n"
             "should be replaced with:\nX = torch.linalg.lstsq(A, B).solution",
    "solve": "`torch.solve` is deprecated in favor of `torch.linalg.solve`. `torch.linalg.solve` "
             "has its arguments reversed and does not return the LU factorization.\n\nTo get the "
             "LU factorization see `torch.lu`, which can be used with `torch.lu_solve` or "
             "`torch.lu_unpack`.\nX = torch.solve(B, A).solution should be replaced with:\n"
             "X = torch.linalg.solve(A, B)",
    "eig": "`torch.linalg.eig` returns complex tensors of dtype `cfloat` or `cdouble` rather than "
           "real tensors mimicking complex tensors.\n\nL, _ = torch.eig(A) should be replaced "
           "with:\nL_complex = torch.linalg.eigvals(A)\n\nand\n\nL, V = torch.eig(A, "
           "eigenvectors=True) should be replaced with:\nL_complex, V_complex = "
           "torch.linalg.eig(A)",
    "symeig": "The default behavior has changed from using the upper triangular portion of the "
              "matrix by default to using the lower triangular portion.\n\nL, _ = "
              "torch.symeig(A, upper=upper) should be replaced with:\nL = "
              "torch.linalg.eigvalsh(A, UPLO='U' if upper else 'L')\n\nand\n\nL, V = "
              "torch.symeig(A, eigenvectors=True) should be replaced with:\nL, V = "
              "torch.linalg.eigh(A, UPLO='U' if upper else 'L')",
    "matrix_rank": "\nPlease use the `torch.linalg.matrix_rank` function instead. The parameter "
                   "'symmetric' was renamed in `torch.linalg.matrix_rank()` to 'hermitian'.",
}


def removed_error(name: str) -> RuntimeError:
    """The RuntimeError of a call of ``name``, which PyTorch removed."""
    separator = "" if REMOVED[name].startswith("\n") else " "
    return RuntimeError("This function was deprecated since version 1.9 and is now removed."
                        f"{separator}{REMOVED[name]}")


# ---- the methods: x.solve(other), x.lstsq(other), x.eig(), x.symeig() ----------------------

def _solve_method(self: Any, other: Any) -> Any:
    raise removed_error("solve")


def _lstsq_method(self: Any, other: Any) -> Any:
    raise removed_error("lstsq")


def _eig_method(self: Any, eigenvectors: bool = False) -> Any:
    raise removed_error("eig")


def _symeig_method(self: Any, eigenvectors: bool = False) -> Any:
    raise removed_error("symeig")


# ---- the functions: torch.solve(input, A), ..., torch.matrix_rank(input) --------------------

def _solve(input: Any, A: Any, *, out: Any = None) -> Any:  # noqa: A002, N803
    raise removed_error("solve")


def _lstsq(input: Any, A: Any, *, out: Any = None) -> Any:  # noqa: A002, N803
    raise removed_error("lstsq")


def _eig(self: Any, eigenvectors: bool = False, *, e: Any = None, v: Any = None) -> Any:
    raise removed_error("eig")


def _symeig(input: Any, eigenvectors: bool = False, upper: bool = True, *,  # noqa: A002
            out: Any = None) -> Any:
    raise removed_error("symeig")


def _matrix_rank(input: Any, tol: Any = None, symmetric: bool = False, *,  # noqa: A002
                 out: Any = None) -> Any:
    raise removed_error("matrix_rank")


def _named(function: Any, name: str, qualname: str) -> Any:
    function.__name__, function.__qualname__ = name, qualname
    return function


# (PyTorch's torch.symeig is its Python function _symeig: its name, and Python's words)
REMOVED_METHODS = {name: _named(function, name, f"Tensor.{name}") for name, function in (
    ("solve", _solve_method), ("lstsq", _lstsq_method), ("eig", _eig_method),
    ("symeig", _symeig_method))}
REMOVED_FUNCTIONS = {name: _named(function, shown, shown) for name, shown, function in (
    ("solve", "solve", _solve), ("lstsq", "lstsq", _lstsq), ("eig", "eig", _eig),
    ("symeig", "_symeig", _symeig), ("matrix_rank", "matrix_rank", _matrix_rank))}
