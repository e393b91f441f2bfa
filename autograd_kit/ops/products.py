"""Products and distances between tensors: cross, cdist, einsum.

cross and einsum are linear in each operand, so each gradient is the same kind of product
with the arriving gradient in that operand's place. cdist's gradient is the gradient of a
norm (the direction of the difference) summed over the pairs each point took part in.
"""

from __future__ import annotations

from typing import Any

from .. import grad_mode
from ..dtypes import scalar_type_word
from ..function import Function
from ..node_saved_values import given_dim
from ..tensor import Tensor, _wrap_dim
from .einsum_steps import einsum_steps, parse_equation
from .euclidean_dist import euclidean_cdist, mode_number, takes_matrix_product
from .operands import check_broadcast, check_same_device
from .preserved_layout import row_major


class LinalgCross(Function):
    """out = a × b (3-vectors along ``dim``)

    ∂out/∂a: grad_a = b × grad,   ∂out/∂b: grad_b = grad × a
    """

    node_name = "LinalgCrossBackward0"
    saved_options = {"dim": given_dim("dim")}

    @staticmethod
    def forward(ctx: Any, a: Tensor, b: Tensor, dim: int) -> Any:
        ctx.save_for_backward(a if ctx.needs_input_grad[1] else None,
                              b if ctx.needs_input_grad[0] else None)
        ctx.dim = dim
        x, y = a._data, b._data
        if x.dtype != y.dtype:
            raise RuntimeError(f"expected scalar type {scalar_type_word(a.dtype.name)} but "
                               f"found {scalar_type_word(b.dtype.name)}")
        # (PyTorch allocates a row-major result; NumPy's has the dim moved last in memory)
        return row_major(a._xp, a._xp.cross(x, y, axis=dim))

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any, None]:
        a, b = ctx.saved_tensors
        needs_a, needs_b = ctx.needs_input_grad[:2]
        return (LinalgCross.apply(b, grad, ctx.dim) if needs_a else None,
                LinalgCross.apply(grad, a, ctx.dim) if needs_b else None, None)


def cross(a: Tensor, b: Tensor, dim: Any = None) -> Tensor:
    """torch.cross: without ``dim``, the first dimension of size 3 (deprecated in PyTorch)."""
    check_same_device(a, b)
    if a.ndim != b.ndim:
        raise RuntimeError("linalg.cross: inputs must have the same number of dimensions.")
    if dim is None:
        from ..scalar_warning import warn_once_with  # (PyTorch's TORCH_WARN_ONCE)

        warn_once_with("Using torch.cross without specifying the dim arg is deprecated.\nPlease "
                       "either pass the dim explicitly or simply use torch.linalg.cross.\nThe "
                       "default value of dim will change to agree with that of linalg.cross in "
                       "a future release.", stacklevel=2,
                       source="aten/src/ATen/native/Cross.cpp:63")
        dim = next((i for i, s in enumerate(a.shape) if s == 3), None)
        if dim is None:
            raise RuntimeError("no dimension of size 3 in input")
    return linalg_cross(a, b, dim)


def linalg_cross(a: Tensor, b: Tensor, dim: int = -1) -> Tensor:
    if a.ndim != b.ndim:
        raise RuntimeError("linalg.cross: inputs must have the same number of dimensions.")
    axis = _wrap_dim(dim, a.ndim)
    if a.shape[axis] != 3 or b.shape[axis] != 3:
        raise RuntimeError(f"linalg.cross: inputs dimension {dim} must have length 3. Got "
                           f"{a.shape[axis]} and {b.shape[axis]}")
    check_broadcast(a.shape, b.shape)
    return LinalgCross.apply(a, b, dim)  # (the dim as given: PyTorch shows it so)


class Cdist(Function):
    """out[..., i, j] = ‖x1ᵢ - x2ⱼ‖ₚ   (every row of x1 against every row of x2)

    ∂outᵢⱼ/∂x1ᵢ = sign(d) · |d|^(p-1) / outᵢⱼ^(p-1)  with d = x1ᵢ - x2ⱼ  (d / out for p = 2;
    0 where the distance is 0), and the opposite for x2ⱼ; each row sums over its pairs.
    """

    node_name = "CdistBackward0"
    forward_ad_missing = "_cdist_forward"  # (PyTorch has no forward-mode formula)
    saved_tensor_names = ("x1", "x2", "result")
    saved_options = {"p": None}

    @staticmethod
    def forward(ctx: Any, x1: Tensor, x2: Tensor, p: float) -> Any:
        ctx.p = p
        diff = x1._data[..., :, None, :] - x2._data[..., None, :, :]
        xp = x1._xp
        if p == float("inf"):
            out = xp.abs(diff).max(axis=-1) if diff.shape[-1] else diff.sum(axis=-1)
        elif p == 0:
            out = (diff != 0).sum(axis=-1).astype(diff.dtype)
        else:
            total = (xp.abs(diff) ** p).sum(axis=-1)  # (the root as PyTorch's kernel takes it:
            out = (total.astype("float64") ** (1 / p)).astype(total.dtype)  # std::pow(·, 1.0 / p))
        ctx.save_for_backward(x1, x2, out)
        return out

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, Any, None]:
        """PyTorch's ``_cdist_backward``, for x2 with the operands swapped and grad and
        result transposed. Under create_graph it is one node, CdistBackwardBackward0, which
        PyTorch cannot differentiate (a backward through it raises)."""
        x1, x2, out = ctx.saved_tensors
        needs_1, needs_2 = ctx.needs_input_grad[:2]
        return (_cdist_backward(grad.contiguous(), x1, x2, out, ctx.p) if needs_1 else None,
                _cdist_backward(grad.mT.contiguous(), x2, x1, out.mT.contiguous(), ctx.p)
                if needs_2 else None, None)


def _cdist_backward(grad: Tensor, x1: Tensor, x2: Tensor, out: Tensor, p: float) -> Tensor:
    if not grad_mode.is_grad_enabled():
        return _cdist_gradient(grad, x1, x2, out, p)
    from ..nn.composite import composite_named

    node = composite_named("CdistBackwardBackward0", refused="_cdist_backward")
    return node.apply(_cdist_gradient, grad, x1, x2, out, p)


def _cdist_gradient(grad: Tensor, x1: Tensor, x2: Tensor, out: Tensor, p: float) -> Tensor:
    """Σⱼ gradᵢⱼ · ∂outᵢⱼ/∂x1ᵢ (Cdist's rule), each pair's term written as PyTorch's CPU
    kernel writes it (so its ∞ and NaN come out alike): p = 0: nothing (zeros, even beside ∞);
    p = ∞: g·sign(d)·(1 - min(1, ⌈||d| - out|⌉)); p < 2: sign(d)·|d|^(p-1)·g / out^(p-1);
    p = 2: g·d / out; p > 2: d·|d|^(p-2)·g / out^(p-1); 0 where out = 0, and for p < 1 also
    where d = 0 (where |d|^(p-1) is ∞)."""
    diff = x1.unsqueeze(-2) - x2.unsqueeze(-3)
    dist, g = out.unsqueeze(-1), grad.unsqueeze(-1)
    if p == 0:
        return Tensor._make(x1._xp.zeros(x1.shape, dtype=x1._data.dtype))
    if p == float("inf"):
        term = g * diff.sign() * (1 - (diff.abs() - dist).abs().ceil().clamp(max=1))
    elif p == 1:
        term = g * diff.sign()
    else:
        if p < 2:
            term = diff.sign() * diff.abs() ** (p - 1) * g / dist ** (p - 1)
        elif p == 2:
            term = g * diff / dist
        else:
            term = diff * diff.abs() ** (p - 2) * g / dist ** (p - 1)
        term = term.masked_fill(dist == 0, 0)
        if p < 1:
            term = term.masked_fill(diff == 0, 0)
    total = Tensor._make(x1._xp.zeros(x1.shape, dtype=term._data.dtype))
    for j in range(term.shape[-2]):  # (added pair by pair from 0, in PyTorch's order)
        total = total + term.select(-2, j)
    return total


def cdist(x1: Tensor, x2: Tensor, p: float = 2.0, compute_mode: Any = None) -> Tensor:
    mode = mode_number(compute_mode)
    for name, x in (("X1", x1), ("X2", x2)):
        if x.ndim < 2:
            raise RuntimeError(f"cdist only supports at least 2D tensors, {name} got: {x.ndim}D")
    if x1.shape[-1] != x2.shape[-1]:
        raise RuntimeError(f"X1 and X2 must have the same number of columns. X1: "
                           f"{x1.shape[-1]} X2: {x2.shape[-1]}")
    if p < 0:
        raise RuntimeError("cdist only supports non-negative p values")
    for name, x in (("X1", x1), ("X2", x2)):
        if not x.dtype.is_floating_point:
            raise RuntimeError(f"cdist only supports floating-point dtypes, {name} got: "
                               f"{scalar_type_word(x.dtype.name)}")
    halves = "float16" in (x1.dtype.name, x2.dtype.name) and x1.numel() and x2.numel()
    if halves and not takes_matrix_product(x1, x2, p, mode):  # (its kernel has no float16)
        raise NotImplementedError("\"cdist\" not implemented for 'Half'")
    if x1.dtype != x2.dtype:
        raise RuntimeError(f"expected scalar type {scalar_type_word(x1.dtype.name)} but found "
                           f"{scalar_type_word(x2.dtype.name)}")
    if takes_matrix_product(x1, x2, p, mode):  # (PyTorch's default for > 25 rows)
        return euclidean_cdist(x1, x2)
    return Cdist.apply(x1, x2, float(p))


# ---- einsum -----------------------------------------------------------------------------------

def _subscript(n: Any) -> str:
    """A sublist's number as a letter (0-25: A-Z, 26-51: a-z), ``...`` as itself."""
    if n is Ellipsis:
        return "..."
    if 0 <= n < 26:
        return chr(ord("A") + n)
    if 26 <= n < 52:
        return chr(ord("a") + n - 26)
    raise ValueError("einsum(): subscript in subscript list is not within the valid range "
                     "[0, 52)")


def _from_sublists(args: tuple) -> tuple[str, tuple]:
    """``einsum(a, [0, 1], b, [1, 2], [0, 2])`` → ``("AB,BC->AC", (a, b))`` (PyTorch's
    conversion of the sublist format)."""
    equation = ",".join("".join(_subscript(n) for n in sub) for sub in args[1::2])
    if len(args) % 2 == 1:
        return equation + "->" + "".join(_subscript(n) for n in args[-1]), args[:-1:2]
    return equation, args[::2]


def einsum(equation: str, *operands: Any) -> Tensor:
    """Σ of products named by letters (``"ij,jk->ik"``), or by sublists of numbers."""
    from ..tensor import typename

    if not operands:
        raise ValueError("einsum(): must specify the equation string and at least one operand, "
                         "or at least one operand and its subscripts list")
    if isinstance(equation, Tensor):
        equation, operands = _from_sublists((equation, *operands))
    if not isinstance(equation, str):
        raise TypeError("einsum(): argument 'equation' (position 1) must be str, not "
                        f"{typename(equation)}")
    if len(operands) == 1 and isinstance(operands[0], (list, tuple)):
        operands = tuple(operands[0])
    for position, operand in enumerate(operands):
        if not isinstance(operand, Tensor):
            raise TypeError(f"expected Tensor as element {position} in argument 1, but got "
                            f"{typename(operand)}")
    terms, output = parse_equation(equation, operands)
    return einsum_steps(terms, output, operands)  # recorded step by step, as in PyTorch
