"""Checking derivative rules against finite differences.

For each input value xᵢ, the slope (f(x + ε) - f(x - ε)) / 2ε approximates ∂f/∂xᵢ. Doing
that for every input and output builds the Jacobian numerically; the engine's backward
(one vector–Jacobian product per output element) builds it analytically. They must agree.
Use float64 inputs: in float32 the differences are too noisy.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy

from .. import backend
from ..creation import zeros_like
from ..dtypes import float64
from ..engine import grad
from ..tensor import Tensor


class GradcheckError(RuntimeError):
    """Raised when the analytical and numerical gradients differ."""


def _outputs(fn: Callable[..., Any], inputs: Sequence[Any]) -> list[Tensor]:
    """``fn``'s outputs as a list (PyTorch's ``_as_tuple``: a tuple or list as it is,
    anything else as the only output; a non-tensor fails later, on ``.requires_grad``)."""
    out = fn(*inputs)
    return list(out) if isinstance(out, (tuple, list)) else [out]


def _flat_values(outputs: list[Tensor]) -> list[numpy.ndarray]:
    return [backend.to_host(o._data).astype(numpy.float64).ravel() for o in outputs]


def numerical_jacobian(fn: Callable[..., Any], inputs: Sequence[Any], index: int,
                       eps: float) -> list[numpy.ndarray]:
    """∂(each output)/∂(inputs[index]) by central differences, one column per input value."""
    x = inputs[index]
    if True:  # runs with recording on: gradgradcheck's function itself calls grad()
        base = _outputs(fn, inputs)
        columns = [numpy.zeros((o.numel(), x.numel())) for o in base]
        flat = x._data.reshape(-1)  # a view: writing it changes x
        for j in range(x.numel()):
            original = flat[j].item()
            flat[j] = original + eps
            plus = _flat_values(_outputs(fn, inputs))
            flat[j] = original - eps
            minus = _flat_values(_outputs(fn, inputs))
            flat[j] = original
            for column, p, m in zip(columns, plus, minus):
                column[:, j] = (p - m) / (2 * eps)
    return columns


def analytical_jacobian(fn: Callable[..., Any], inputs: Sequence[Any], index: int,
                        create_graph: bool = False) -> list[numpy.ndarray]:
    """The same Jacobian from backward: row k is the gradient of output element k."""
    x = inputs[index]
    outputs = _outputs(fn, inputs)
    rows = []
    for out in outputs:
        jac = numpy.zeros((out.numel(), x.numel()))
        if not out.requires_grad:  # a constant output: its Jacobian is zero
            rows.append(jac)
            continue
        for k in range(out.numel()):
            v = zeros_like(out.detach())  # (not out * 0: that is -0. where out < 0)
            flat = v._data.reshape(-1)
            flat[k] = 1
            v._data = flat.reshape(v._data.shape)
            (g,) = grad(out, x, v, retain_graph=True, allow_unused=True)
            if g is not None:
                jac[k] = backend.to_host(g._data).astype(numpy.float64).ravel()
        rows.append(jac)
    return rows


# PyTorch's further options: accepted, since the kit always compares whole Jacobians
# (which is what they speed up or refine).
OTHER_OPTIONS = {"nondet_tol", "check_undefined_grad", "check_grad_dtypes", "check_batched_grad",
                 "check_batched_forward_grad", "check_forward_ad", "check_backward_ad",
                 "fast_mode", "masked", "gen_non_contig_grad_outputs", "check_fwd_over_rev",
                 "check_rev_over_rev"}


def _check_options(name: str, options: dict[str, Any]) -> None:
    for option in options:
        if option not in OTHER_OPTIONS:
            raise TypeError(f"{name}() got an unexpected keyword argument '{option}'")


def gradcheck(fn: Callable[..., Any], inputs: Any, *, eps: float = 1e-6, atol: float = 1e-5,
              rtol: float = 1e-3, raise_exception: bool = True, **options: Any) -> bool:
    """True when backward's gradients match finite differences for every input needing grad.

    Outputs that do not require grad are left out, unless none does: then every numerical
    gradient must be zero. A mismatch raises `GradcheckError` with both Jacobians printed as
    tensors, one row per input element and one column per output element (PyTorch's layout).
    PyTorch's other options (``fast_mode``, ``nondet_tol``, …) are accepted (`OTHER_OPTIONS`).
    """
    _check_options("gradcheck", options)
    inputs = (inputs,) if isinstance(inputs, Tensor) else tuple(inputs)
    wanted = [i for i, x in enumerate(inputs) if isinstance(x, Tensor) and x.requires_grad]
    if not wanted:
        raise ValueError(
            "gradcheck expects at least one input tensor to require gradient, but none of them "
            "have requires_grad=True."
        )
    outputs = _outputs(fn, inputs)
    differentiable = [k for k, o in enumerate(outputs) if o.requires_grad]
    for i in wanted:
        x = inputs[i]
        if x.dtype.name != "float64":
            import warnings

            warnings.warn(
                f"Input #{i} requires gradient and is not a double precision floating point or "
                "complex. This check will likely fail if all the inputs are not of double "
                "precision floating point or complex. ",
                UserWarning,
                stacklevel=2,
            )
        if options.get("fast_mode") and differentiable:
            if not _fast_check(fn, inputs, outputs, i, differentiable, eps, atol, rtol,
                               raise_exception):
                return False
            continue
        numeric = numerical_jacobian(fn, inputs, i, eps)
        if not differentiable:
            if all(numpy.allclose(n, 0, rtol=rtol, atol=atol) for n in numeric):
                continue
            if not raise_exception:
                return False
            raise GradcheckError("Numerical gradient for function expected to be zero")
        analytic = analytical_jacobian(fn, inputs, i)
        for k, index in enumerate(differentiable):
            n, a = numeric[index], analytic[index]
            if not numpy.allclose(a, n, rtol=rtol, atol=atol):
                if not raise_exception:
                    return False
                raise GradcheckError(
                    f"Jacobian mismatch for output {k} with respect to input {i},\n"
                    f"numerical:{_as_tensor(n, x)}\nanalytical:{_as_tensor(a, x)}\n"
                )
    return True


def _unit_vectors(inputs: Sequence[Any], outputs: list[Tensor]) -> tuple[list, list]:
    """Fast mode's random unit vectors, as PyTorch draws them: a fresh `Generator`, a
    float32 ``rand`` per input that requires grad (u), then per differentiable output (v)."""
    from .. import Generator, rand

    generator = Generator()

    def unit(t: Tensor) -> numpy.ndarray:
        vec = backend.to_host(rand(t.numel(), generator=generator)._data).astype(
            t._data.dtype)
        return vec / numpy.sqrt(numpy.sum(vec * vec))

    us = [unit(x) for x in inputs if isinstance(x, Tensor) and x.requires_grad]
    return us, [unit(o) for o in outputs]


def _fast_check(fn: Callable[..., Any], inputs: Sequence[Any], outputs: list[Tensor],
                i: int, differentiable: list[int], eps: float, atol: float, rtol: float,
                raise_exception: bool) -> bool:
    """PyTorch's ``fast_mode``: instead of whole Jacobians, compare the numbers vᵀJu, with
    Ju by central differences along u and vᵀJ by one backward; on a mismatch, report them,
    then the whole Jacobians (slow mode)."""
    wanted = [k for k, x in enumerate(inputs) if isinstance(x, Tensor) and x.requires_grad]
    us, vs = _unit_vectors(inputs, [outputs[k] for k in differentiable])
    u, x = us[wanted.index(i)], inputs[i]
    flat = x._data.reshape(-1)  # a view: writing it changes x
    original = flat.copy()
    flat[:] = original - eps * u
    minus = _flat_values(_outputs(fn, inputs))
    flat[:] = original + eps * u
    plus = _flat_values(_outputs(fn, inputs))
    flat[:] = original
    for j, (index, v) in enumerate(zip(differentiable, vs)):
        numerical = float(numpy.sum(v * ((plus[index] - minus[index]) / (2 * eps))))
        out = _outputs(fn, inputs)[index]
        v_tensor = Tensor._make(backend.module_of(out._data).asarray(v).reshape(out.shape))
        (g,) = grad(out, x, v_tensor, allow_unused=True)
        vj = numpy.zeros(x.numel()) if g is None else backend.to_host(g._data).ravel()
        analytical = float(numpy.sum(vj * u))
        tolerance = atol * float(u.sum()) * float(v.sum())
        if abs(analytical - numerical) <= tolerance + rtol * abs(numerical):
            continue
        if not raise_exception:
            return False
        n = numerical_jacobian(fn, inputs, i, eps)[index]
        a = analytical_jacobian(fn, inputs, i)[index]
        message = (
            f"Jacobian mismatch for output {j} with respect to input {i},\n"
            f"numerical:{numerical}\nanalytical:{analytical}\n\n"
            "The above quantities relating the numerical and analytical jacobians are "
            "computed \nin fast mode. See: https://github.com/pytorch/pytorch/issues/53876 for "
            "more background \nabout fast mode. Below, we recompute numerical and analytical "
            "jacobians in slow mode:\n\n"
            f"Numerical:\n {_as_tensor(n, x)}\nAnalytical:\n{_as_tensor(a, x)}\n\n"
            f"The max per-element difference (slow mode) is: {numpy.abs(n - a).max()}.\n")
        if numpy.allclose(a, n, rtol=rtol, atol=atol):
            message += FAST_FAIL_SLOW_OK
        raise GradcheckError(message)
    return True


FAST_FAIL_SLOW_OK = """
Fast gradcheck failed but element-wise differences are small. This means that the
test might've passed in slow_mode!

If you are adding a new operator, please file an issue and then use one of the
workarounds. The workaround depends on how your test invokes gradcheck/gradgradcheck:

If the test
- manually invokes gradcheck/gradgradcheck, then call gradcheck/gradgradcheck
  with `fast_mode=False` as a keyword argument.
- is OpInfo-based (e.g., in test_ops_gradients.py), then modify the OpInfo for the test
  to have `gradcheck_fast_mode=False`
- is a Module test (e.g., in common_nn.py), then modify the corresponding
  module_test entry to have `gradcheck_fast_mode=False`
""".strip()


def _as_tensor(jacobian: numpy.ndarray, x: Tensor) -> Tensor:
    """A Jacobian (output × input) as the tensor PyTorch prints: input × output, in the
    input's dtype."""
    from ..creation import tensor

    return tensor(jacobian.T.copy(), dtype=x.dtype)


def gradgradcheck(fn: Callable[..., Any], inputs: Any, grad_outputs: Any = None, *,
                  eps: float = 1e-6, atol: float = 1e-5, rtol: float = 1e-3,
                  raise_exception: bool = True, **options: Any) -> bool:
    """Check second derivatives, as PyTorch: gradcheck of the function
    (inputs, v) -> vᵀJ (the create_graph gradient), so the inputs come first and the
    ``grad_outputs`` v count as inputs after them. Without ``grad_outputs``, v is random in
    [-1, 1), drawn as PyTorch draws it (`testing.make_tensor`, the global generator)."""
    from ..testing import make_tensor

    _check_options("gradgradcheck", options)
    inputs = (inputs,) if isinstance(inputs, Tensor) else tuple(inputs)
    if grad_outputs is None:
        grad_outputs = tuple(
            make_tensor(o.shape, dtype=o.dtype if o.is_floating_point() else float64,
                        device=o.device, low=-1, high=1, requires_grad=True)
            for o in _outputs(fn, inputs) if o.requires_grad)
    else:
        grad_outputs = (grad_outputs,) if isinstance(grad_outputs, Tensor) else tuple(
            grad_outputs)
    count = len(grad_outputs)
    wanted = [isinstance(x, Tensor) and x.requires_grad for x in inputs]

    def first_derivatives(*args: Any) -> tuple[Tensor, ...]:
        args, vs = args[:-count], args[-count:]  # (as PyTorch, even with count 0)
        outs = [o for o in _outputs(fn, args) if o.requires_grad]
        grads = grad(outs, [a for a, w in zip(args, wanted) if w], vs, create_graph=True,
                     allow_unused=True)
        return tuple(g for g in grads if g is not None)

    return gradcheck(first_derivatives, inputs + grad_outputs, eps=eps, atol=atol, rtol=rtol,
                     raise_exception=raise_exception, fast_mode=options.get("fast_mode", False))
