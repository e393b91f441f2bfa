"""A product added to a tensor: addmv, addr, baddbmm, addbmm (``addmm`` is nn_ops.Addmm).

    out = β · input + α · (a ∘ b)       ∘: matrix @ vector (addmv), outer product (addr),
                                           batched matmul (baddbmm), its sum over the batch
                                           (addbmm); input is broadcast to the product's shape

    ∂L/∂input = β · grad (summed back to input's shape),
    ∂L/∂a = α · (the gradient of the product for a), ∂L/∂b = α · (the same for b)

β and α are options of the node (``_saved_beta``, ``_saved_alpha``), as in PyTorch; β = 0
ignores input entirely (a NaN in it does not spread).
"""

from __future__ import annotations

from typing import Any

import numpy

from .. import dtypes
from ..function import Function
from ..node_saved_values import input_size
from ..tensor import Tensor
from . import small_gemm
from .operands import check_same_device, number_for, save_factors
from .shape import check_expand


class AddProduct(Function):
    """out = β · input + α · (a ∘ b)   (a subclass gives ∘ and its two gradients)

    ∂L/∂input = β · grad,   ∂L/∂a = α · grad_a(grad, b),   ∂L/∂b = α · grad_b(grad, a)
    """

    matrix_product = True  # (float16 factors multiplied in float32, `float16_in_float32`)

    @staticmethod
    def check(a: Tensor, b: Tensor) -> None:
        """PyTorch's errors for factors that do not fit (before any computing)."""

    @staticmethod
    def product(a: Any, b: Any) -> Any:
        raise NotImplementedError

    @staticmethod
    def in_order(data: Any, a: Any, b: Any, beta: Any, alpha: Any) -> Any:
        """The whole β · input + α · (a ∘ b) in PyTorch's order where the kit knows it
        (ops/small_gemm.py), else None."""
        return None

    @staticmethod
    def grad_a(grad: Tensor, b: Tensor) -> Tensor:
        raise NotImplementedError

    @staticmethod
    def grad_b(grad: Tensor, a: Tensor) -> Tensor:
        raise NotImplementedError

    @classmethod
    def forward(cls, ctx: Any, input: Tensor, a: Tensor, b: Tensor,  # noqa: A002
                beta: Any, alpha: Any) -> Any:
        check_same_device(input, a)
        check_same_device(a, b)
        cls.check(a, b)
        save_factors(ctx, a, b, first=1)
        factors = float16_in_float32(a._data, b._data) if cls.matrix_product else (a._data,
                                                                                    b._data)
        return scaled_sum(ctx, input, cls.product(*factors), beta, alpha,
                          lambda data, beta, alpha: cls.in_order(data, *factors, beta, alpha))

    @classmethod
    def backward(cls, ctx: Any, grad: Tensor) -> tuple[Any, ...]:
        a, b = ctx.saved_tensors
        needs = ctx.needs_input_grad
        scale = (lambda g, k: g if k == 1 else g * k)  # noqa: E731 - PyTorch's maybe_multiply
        return (scale(grad, ctx.beta) if needs[0] else None,
                scale(cls.grad_a(grad, b), ctx.alpha) if needs[1] else None,
                scale(cls.grad_b(grad, a), ctx.alpha) if needs[2] else None, None, None)


def float16_in_float32(a: Any, b: Any) -> tuple[Any, Any]:
    """Matrix factors as PyTorch's CPU kernels multiply them: float16 ones in float32 (the
    product stays float32 until `scaled_sum` has added β · input, then is rounded once);
    other dtypes as they are."""
    if a.dtype == numpy.float16:
        return a.astype(numpy.float32), b.astype(numpy.float32)
    return a, b


def scaled_sum(ctx: Any, input: Tensor, product: Any, beta: Any,  # noqa: A002
               alpha: Any, in_order: Any = None) -> Any:
    """β · input + α · product, in input's dtype (β and α converted for it, a float truncated
    for integers, and kept on ctx for backward); β = 0 ignores input. (``in_order(input's
    array, β, α)``: the same in PyTorch's order, or None where it is not known.)"""
    dtype = input._data.dtype
    beta, alpha = (v if dtype.kind in "fc" else int(v)
                   for v in (number_for(beta, dtype, "float32"),
                             number_for(alpha, dtype, "float32")))
    ctx.beta, ctx.alpha = beta, alpha
    check_expand(input._data.shape, input.dtype, product.shape)
    data = input._data
    exact = None if in_order is None else in_order(data, beta, alpha)
    if exact is not None:
        return exact
    if dtype == numpy.float16:  # (PyTorch scales and adds float16 in float32)
        product, data = product.astype(numpy.float32, copy=False), data.astype(numpy.float32)
    if alpha != 1:
        product = product * alpha
    if beta != 0:
        product = product + (data if beta == 1 else data * beta)
    return product.astype(dtype, copy=False)


def batched_product(a: Any, b: Any) -> Any:
    """``a @ b`` of two stacks of matrices, in PyTorch's order where the kit knows it."""
    exact = small_gemm.bmm(a, b)
    return a @ b if exact is None else exact


def _same_dtypes(name: str, *tensors: Tensor) -> None:
    if len({t.dtype for t in tensors}) > 1:
        words = [dtypes.scalar_type_word(t.dtype.name) for t in tensors]
        raise RuntimeError(f"{name} input tensors must have the same dtype, but got "
                           f"{', '.join(words[:-1])}, and {words[-1]}")


class Addmv(AddProduct):
    """out = β · input + α · (mat @ vec)

    ∂L/∂mat = α · grad ⊗ vec,   ∂L/∂vec = α · matᵀ @ grad
    """

    node_name = "AddmvBackward0"
    saved_tensor_names = ("mat", "vec")
    saved_options: dict[str, Any] = {"alpha": None, "beta": None}

    @staticmethod
    def check(a: Tensor, b: Tensor) -> None:
        if a.ndim != 2 or b.ndim != 1:
            raise RuntimeError("vector + matrix @ vector expected, got 1, "
                               f"{a.ndim}, {b.ndim}")

    product = staticmethod(lambda a, b: a @ b)
    grad_a = staticmethod(lambda grad, vec: grad.outer(vec))
    grad_b = staticmethod(lambda grad, mat: mat.t().mv(grad))


class Addr(AddProduct):
    """out = β · input + α · (vec1 ⊗ vec2)

    ∂L/∂vec1 = α · grad @ vec2,   ∂L/∂vec2 = α · gradᵀ @ vec1
    """

    node_name = "AddrBackward0"
    saved_tensor_names = ("vec1", "vec2")
    saved_options: dict[str, Any] = {"alpha": None, "beta": None}
    matrix_product = False  # (PyTorch multiplies float16 vectors in float16)

    @staticmethod
    def check(a: Tensor, b: Tensor) -> None:
        for name, v in (("vec1", a), ("vec2", b)):
            if v.ndim != 1:
                raise RuntimeError(f"addr: Expected 1-D argument {name}, but got {v.ndim}-D")

    product = staticmethod(lambda a, b: a[:, None] * b[None, :])
    in_order = staticmethod(small_gemm.addr)
    grad_a = staticmethod(lambda grad, vec2: grad.mv(vec2))
    grad_b = staticmethod(lambda grad, vec1: grad.t().mv(vec1))


def _check_batches(a: Tensor, b: Tensor) -> None:
    for name, t in (("batch1", a), ("batch2", b)):
        if t.ndim != 3:
            raise RuntimeError(f"{name} must be a 3D tensor")


class Baddbmm(AddProduct):
    """out = β · input + α · (batch1 @ batch2)   (one matrix product per batch entry)

    ∂L/∂batch1 = α · grad @ batch2ᵀ,   ∂L/∂batch2 = α · batch1ᵀ @ grad   (per entry)
    """

    node_name = "BaddbmmBackward0"
    saved_tensor_names = ("batch1", "batch2")
    saved_options: dict[str, Any] = {"alpha": None, "beta": None}

    @staticmethod
    def check(a: Tensor, b: Tensor) -> None:
        _check_batches(a, b)
        expected = [a.shape[0], a.shape[2]]
        if list(b.shape[:2]) != expected:
            raise RuntimeError("Expected size for first two dimensions of batch2 tensor to be: "
                               f"{expected} but got: {list(b.shape[:2])}.")
        if a.dtype is not b.dtype:  # (the kernel's check, after the sizes')
            raise RuntimeError(f"expected scalar type {dtypes.scalar_type_word(a.dtype.name)} "
                               f"but found {dtypes.scalar_type_word(b.dtype.name)}")

    product = staticmethod(lambda a, b: batched_product(a, b))
    grad_a = staticmethod(lambda grad, b2: grad.bmm(b2.transpose(1, 2)))
    grad_b = staticmethod(lambda grad, b1: b1.transpose(1, 2).bmm(grad))


class Addbmm(AddProduct):
    """out = β · input + α · Σ_i batch1[i] @ batch2[i]

    ∂L/∂batch1[i] = α · grad @ batch2[i]ᵀ,   ∂L/∂batch2[i] = α · batch1[i]ᵀ @ grad
    """

    node_name = "AddbmmBackward0"
    saved_tensor_names = ("batch1", "batch2")
    saved_options: dict[str, Any] = {
        "alpha": None, "beta": None, "batch1_sym_argsize_0": input_size(1, 0),
        "batch1_sym_argsize_1": input_size(1, 1), "batch2_sym_argsize_2": input_size(2, 2)}

    @staticmethod
    def check(a: Tensor, b: Tensor) -> None:
        _check_batches(a, b)
        if a.shape[0] != b.shape[0]:
            raise RuntimeError("batch1 and batch2 must have same number of batches, got "
                               f"{a.shape[0]} and {b.shape[0]}")
        if a.shape[2] != b.shape[1]:
            raise RuntimeError(f"Incompatible matrix sizes for bmm ({a.shape[1]}x{a.shape[2]} "
                               f"and {b.shape[1]}x{b.shape[2]})")

    product = staticmethod(lambda a, b: (a @ b).sum(axis=0))
    in_order = staticmethod(small_gemm.addbmm)
    grad_a = staticmethod(lambda grad, b2: grad.expand(b2.shape[0], *grad.shape).bmm(
        b2.transpose(1, 2)))
    grad_b = staticmethod(lambda grad, b1: b1.transpose(1, 2).bmm(
        grad.expand(b1.shape[0], *grad.shape)))


def _alpha_check(input: Tensor, alpha: Any) -> None:  # noqa: A002
    """addr's check of alpha (the others truncate a float alpha for integer tensors)."""
    if isinstance(alpha, float) and not input.dtype.is_floating_point:
        raise RuntimeError("For integral input tensors, argument alpha must not be a floating "
                           "point number.")


def addmv(input: Tensor, mat: Tensor, vec: Tensor, *, beta: Any = 1,  # noqa: A002
          alpha: Any = 1) -> Tensor:
    _check_addmv(input, mat, vec)
    return Addmv.apply(input, mat, vec, beta, alpha)


def _check_addmv(input: Tensor, mat: Tensor, vec: Tensor) -> None:  # noqa: A002
    if input.ndim > 1 or mat.ndim != 2 or vec.ndim != 1:  # (PyTorch's first check)
        raise RuntimeError("vector + matrix @ vector expected, got "
                           f"{input.ndim}, {mat.ndim}, {vec.ndim}")
    _same_dtypes("addmv", input, mat, vec)
    if mat.ndim == 2 and vec.ndim == 1 and (
            mat.shape[1] != vec.shape[0] or input.shape not in ((mat.shape[0],), (1,), ())):
        raise RuntimeError(f"size mismatch, got input ({'x'.join(map(str, input.shape))}), "
                           f"mat ({mat.shape[0]}x{mat.shape[1]}), vec ({vec.shape[0]})")


def addr(input: Tensor, vec1: Tensor, vec2: Tensor, *, beta: Any = 1,  # noqa: A002
         alpha: Any = 1) -> Tensor:
    _alpha_check(input, alpha)
    dtype = dtypes.result_type([input.dtype, vec1.dtype, vec2.dtype], [], [])
    if dtype.name == "bool":  # logical: (β and input) or (α and vec1 ⊗ vec2), no gradient
        Addr.check(vec1, vec2)
        outer = vec1._data[:, None] & vec2._data[None, :] & bool(alpha)
        return Tensor._make(outer | (input._data & bool(beta)))
    input, vec1, vec2 = (t.to(dtype) for t in (input, vec1, vec2))
    return Addr.apply(input, vec1, vec2, beta, alpha)


def baddbmm(input: Tensor, batch1: Tensor, batch2: Tensor, *, beta: Any = 1,  # noqa: A002
            alpha: Any = 1) -> Tensor:
    _baddbmm_dtypes(input, batch1, batch2)
    return Baddbmm.apply(input, batch1, batch2, beta, alpha)


def _baddbmm_dtypes(input: Tensor, batch1: Tensor, batch2: Tensor) -> None:  # noqa: A002
    if input.dtype is not batch1.dtype:
        raise RuntimeError("Input dtypes must be the same, got: input " + ", ".join(
            f"{name}{dtypes.C_TYPES.get(t.dtype.name, t.dtype.name)}"
            for name, t in (("", input), ("batch1: ", batch1), ("batch2: ", batch2))))


def addbmm(input: Tensor, batch1: Tensor, batch2: Tensor, *, beta: Any = 1,  # noqa: A002
           alpha: Any = 1) -> Tensor:
    """(PyTorch adds one ``addmm`` per batch entry, with its dtype errors, after the checks of
    the sizes; an empty batch has none.)"""
    from .nn_ops import _check_addmm_dtypes

    Addbmm.check(batch1, batch2)
    if batch1.shape[0]:
        _check_addmm_dtypes(input, batch1, batch2)
    return Addbmm.apply(input, batch1, batch2, beta, alpha)


def addmv_(input: Tensor, mat: Tensor, vec: Tensor, *, beta: Any = 1,  # noqa: A002
           alpha: Any = 1) -> Tensor:
    """``input.addmv_(mat, vec)``: addmv's checks, then PyTorch's refusal of a result of
    another size than input's (an input of size 1 broadcasts out of place only)."""
    from ..tensor_method_families import inplace_of

    _check_addmv(input, mat, vec)
    _bad_inplace(input, (mat.shape[0],))
    return inplace_of("addmv")(input, mat, vec, beta=beta, alpha=alpha)


def baddbmm_(input: Tensor, batch1: Tensor, batch2: Tensor, *, beta: Any = 1,  # noqa: A002
             alpha: Any = 1) -> Tensor:
    """``input.baddbmm_(batch1, batch2)``: PyTorch first expands input to the result's size
    (batch1's first two sizes, batch2's third), then checks the dtypes and the batches, then
    refuses a result of another size than input's."""
    from ..tensor_method_families import inplace_of

    size = (batch1.size(0), batch1.size(1), batch2.size(2))
    input.expand(*size)
    _baddbmm_dtypes(input, batch1, batch2)
    Baddbmm.check(batch1, batch2)
    _bad_inplace(input, size)
    return inplace_of("baddbmm")(input, batch1, batch2, beta=beta, alpha=alpha)


def check_addmm(input: Tensor, mat1: Tensor, mat2: Tensor) -> tuple[int, int]:  # noqa: A002
    """addmm's checks in PyTorch's order (the dtypes, then two matrices, then their inner
    sizes); the result's size."""
    from .nn_ops import _check_addmm_dtypes

    _check_addmm_dtypes(input, mat1, mat2)
    for name, matrix in (("mat1", mat1), ("mat2", mat2)):
        if matrix.dim() != 2:
            raise RuntimeError(f"{name} must be a matrix, got {matrix.dim()}-D tensor")
    (n, k), (k2, m) = mat1.shape, mat2.shape
    if k != k2:
        raise RuntimeError(f"mat1 and mat2 shapes cannot be multiplied ({n}x{k} and {k2}x{m})")
    return n, m


def addmm_(input: Tensor, mat1: Tensor, mat2: Tensor, *, beta: Any = 1,  # noqa: A002
           alpha: Any = 1) -> Tensor:
    """``input.addmm_(mat1, mat2)``: addmm's checks, then PyTorch's refusal of a result of
    another size than input's."""
    from ..tensor_method_families import inplace_of

    _bad_inplace(input, check_addmm(input, mat1, mat2))
    return inplace_of("addmm")(input, mat1, mat2, beta=beta, alpha=alpha)


def addr_(input: Tensor, vec1: Tensor, vec2: Tensor, *, beta: Any = 1,  # noqa: A002
          alpha: Any = 1) -> Tensor:
    """``input.addr_(vec1, vec2)``: the vectors checked, then input must be the matrix of
    their sizes (PyTorch's own words for that)."""
    from ..tensor_method_families import inplace_of

    Addr.check(vec1, vec2)
    if input.dim() != 2:
        raise RuntimeError(f"2D tensor expected, got {input.dim()}D tensor for input")
    if tuple(input.shape) != (vec1.numel(), vec2.numel()):
        raise RuntimeError(f"size mismatch, input: {list(input.shape)}, v1: "
                           f"{list(vec1.shape)}, v2: {list(vec2.shape)}")
    return inplace_of("addr")(input, vec1, vec2, beta=beta, alpha=alpha)


def _bad_inplace(input: Tensor, size: tuple[int, ...]) -> None:  # noqa: A002
    if tuple(input.shape) != tuple(size):
        raise RuntimeError(f"Bad in-place call: input tensor size {list(input.shape)} and "
                           f"output tensor size {list(size)} should match")
