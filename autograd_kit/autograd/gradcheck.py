"""Checking derivative rules against finite differences.

For each input value xᵢ, the slope (f(x + ε) - f(x - ε)) / 2ε approximates ∂f/∂xᵢ. Doing
that for every input and output builds the Jacobian numerically; the engine's backward
(one vector–Jacobian product per output element) builds it analytically. They must agree.
Use float64 inputs: in float32 the differences are too noisy.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence
from typing import Any

import numpy

from .. import backend
from ..creation import zeros_like
from ..dtypes import float64
from ..engine import grad
from ..function import Function
from ..tensor import Tensor
from .gradcheck_forward import (
    ForwardMismatch,
    forward_jacobians,
    forward_jvps,
    mismatch_message,
    undefined_forward_mode,
)


class GradcheckError(RuntimeError):
    """Raised when the analytical and numerical gradients differ."""


def _as_tuple(value: Any) -> tuple[Any, ...]:
    """PyTorch's ``_as_tuple``: a tuple or list as it is, anything else as the only item."""
    if isinstance(value, (tuple, list)):
        return tuple(value)
    return (value,)


def _outputs(fn: Callable[..., Any], inputs: Sequence[Any]) -> list[Tensor]:
    """``fn``'s outputs as a list (a non-tensor fails later, on ``.requires_grad``)."""
    return list(_as_tuple(fn(*inputs)))


def _differentiable(outputs: Sequence[Any]) -> list[Tensor]:
    return [o for o in outputs if o.requires_grad]


def _check_inputs(inputs: tuple[Any, ...]) -> list[int]:
    """The positions of the inputs that require grad (a warning for each one that is not
    float64; an error when there is none)."""
    wanted = []
    for i, x in enumerate(inputs):
        if isinstance(x, Tensor) and x.requires_grad:
            if x.dtype.name not in ("float64", "complex128"):
                warnings.warn(
                    f"Input #{i} requires gradient and is not a double precision floating "
                    "point or complex. This check will likely fail if all the inputs are not "
                    "of double precision floating point or complex. ", UserWarning,
                    stacklevel=4)
            if not all(st > 0 or sz <= 1 for st, sz in zip(x.stride(), x.shape)):
                raise RuntimeError(
                    f"The {i}th input has a dimension with stride 0. gradcheck only supports "
                    "inputs that are non-overlapping to be able to compute the numerical "
                    "gradients correctly. You should call .contiguous on the input before "
                    "passing it to gradcheck.")
            wanted.append(i)
    if not wanted:
        raise ValueError("gradcheck expects at least one input tensor to require gradient, "
                         "but none of them have requires_grad=True.")
    return wanted


def numerical_jacobian(fn: Callable[..., Any], inputs: Sequence[Any], index: int,
                       eps: float, outputs: Sequence[Tensor]) -> list[numpy.ndarray]:
    """∂(each output)/∂(inputs[index]) by central differences, one column per input value,
    each (f(x + ε) - f(x - ε)) / 2ε computed as PyTorch does: x ∓ ε in x's dtype, f(x - ε)
    first, the difference in the output's dtype. Shaped (input values, output values)."""
    x = inputs[index]
    columns = [numpy.zeros((x.numel(), o.numel())) for o in outputs]
    data = x._data  # (written in place, at each value in row-major order, whatever x's layout)
    for j, at in enumerate(numpy.ndindex(data.shape)):
        original = data[at].copy()
        data[at] = original - eps
        minus = _outputs(fn, inputs)
        before = _copies(minus)  # (copies: an output may be a view of x)
        data[at] = original + eps
        plus = _outputs(fn, inputs)
        after = _copies(plus)
        data[at] = original
        for column, a, b, a_values, b_values in zip(columns, minus, plus, before, after):
            _check_same_dtype_and_shape(a, b, eps, j if x.dim() else None, x)
            step = (b_values - a_values) / (2 * eps)
            column[j] = numpy.asarray(step, dtype=a_values.dtype).ravel()
    return columns


def _copies(outputs: list[Tensor]) -> list[numpy.ndarray]:
    return [numpy.array(backend.to_host(o._data)) for o in outputs]


def _check_same_dtype_and_shape(a: Tensor, b: Tensor, eps: float, j: int | None,
                                x: Tensor) -> None:
    index = tuple(int(k) for k in numpy.unravel_index(j, x.shape)) if j is not None else None
    where = f"on index {index} " if index is not None else ""
    if a.shape != b.shape:
        raise AssertionError(f"Expected `func` to return outputs with the same shape when "
                             f"inputs are perturbed {where}by {eps}, but got: shapes "
                             f"{a.shape} and {b.shape}.")
    if a.dtype != b.dtype:
        raise AssertionError(f"Expected `func` to return outputs with the same dtype when "
                             f"inputs are perturbed {where}by {eps}, but got: dtypes "
                             f"{a.dtype} and {b.dtype}.")


def _analytical_rows(output: Tensor, inputs: list[Tensor]) -> list[numpy.ndarray]:
    """One backward per output element (all inputs at once): row k of each input's Jacobian,
    shaped (input values, output values)."""
    jacobians = [numpy.zeros((x.numel(), output.numel())) for x in inputs]
    for k in range(output.numel()):
        v = zeros_like(output.detach())  # (not out * 0: that is -0. where out < 0)
        flat = v._data.reshape(-1)
        flat[k] = 1
        v._data = flat.reshape(v._data.shape)
        grads = grad(output, inputs, v, retain_graph=True, allow_unused=True)
        for jac, g in zip(jacobians, grads):
            if g is not None:
                jac[:, k] = backend.to_host(g._data).astype(numpy.float64).ravel()
    return jacobians


def analytical_jacobian(output: Tensor, inputs: list[Tensor], nondet_tol: float,
                        check_grad_dtypes: bool) -> list[numpy.ndarray]:
    """The Jacobians from backward, computed twice to catch a backward that is not
    reentrant (PyTorch's ``_check_analytical_jacobian_attributes``)."""
    first = _analytical_rows(output, inputs)
    second = _analytical_rows(output, inputs)
    if check_grad_dtypes:
        grads = grad(output, inputs, zeros_like(output.detach()), retain_graph=True,
                     allow_unused=True)
        if any(g is not None and g.dtype != x.dtype for g, x in zip(grads, inputs)):
            raise GradcheckError("Gradient has dtype mismatch")
    if any(a.size and numpy.abs(a - b).max() > nondet_tol for a, b in zip(first, second)):
        raise GradcheckError(
            "Backward is not reentrant, i.e., running backward with same input and "
            "grad_output multiple times gives different values, although analytical gradient "
            f"matches numerical gradient.The tolerance for nondeterminism was {nondet_tol}."
            + FAILED_NONDET_MSG)
    return first


FAILED_NONDET_MSG = """\n
NOTE: If your op relies on non-deterministic operations i.e., it is listed here:
https://pytorch.org/docs/stable/generated/torch.use_deterministic_algorithms.html
this failure might be expected.

If you are adding a new operator, please file an issue and then use one of the
workarounds. The workaround depends on how your test invokes gradcheck/gradgradcheck.
If the test
- manually invokes gradcheck/gradgradcheck, then call gradcheck/gradgradcheck
  with `nondet_tol=<tol>` as a keyword argument.
- is OpInfo-based (e.g., in test_ops_gradients.py), then modify the OpInfo for the test
  to have `gradcheck_nondet_tol=<tol>`.
- is a Module test (e.g., in common_nn.py), then modify the corresponding
  module_test entry to have `gradcheck_nondet_tol=<tol>`
"""


def gradcheck(fn: Callable[..., Any], inputs: Any, *, eps: float = 1e-6, atol: float = 1e-5,
              rtol: float = 1e-3, raise_exception: bool = True, nondet_tol: float = 0.0,
              check_undefined_grad: bool = True, check_grad_dtypes: bool = False,
              check_backward_ad: bool = True, fast_mode: bool = False,
              **options: Any) -> bool:
    """True when backward's gradients match finite differences for every input needing grad.

    PyTorch's steps, in its order: f runs once; the numerical Jacobians (every input that
    requires grad, f(x - ε) then f(x + ε) per value); then, per output that requires grad,
    the analytical Jacobians (twice: backward must give the same answer again) compared with
    them. Then backward must scale with grad_output (zeros in, zeros out) and accept
    undefined output gradients. A mismatch raises `GradcheckError` with both Jacobians
    printed, one row per input element and one column per output element. ``fast_mode``
    compares the numbers vᵀJu for random unit vectors instead. ``check_forward_ad`` also
    compares the Jacobians from forward AD (`gradcheck_forward`); ``check_backward_ad=False``
    leaves out every check that uses backward. Other PyTorch options
    (``check_batched_grad``, …) are accepted (`OTHER_OPTIONS`).
    """
    _check_options("gradcheck", options)
    check_forward_ad = bool(options.get("check_forward_ad", False))
    if not (check_forward_ad or check_backward_ad):
        raise AssertionError(
            "Expected at least one of check_forward_ad or check_backward_ad to be True")
    if options.get("check_batched_grad") and not check_backward_ad:
        raise AssertionError(
            "Setting check_batched_grad=True requires check_backward_ad to be True")
    if options.get("check_batched_forward_grad") and not check_forward_ad:
        raise AssertionError(
            "Setting check_batched_forward_grad=True requires check_forward_ad to be True")
    try:
        return _gradcheck_helper(fn, inputs, eps, atol, rtol, nondet_tol, check_undefined_grad,
                                 check_grad_dtypes, check_backward_ad, fast_mode,
                                 check_forward_ad)
    except GradcheckError:
        if raise_exception:
            raise
        return False


def _gradcheck_helper(fn: Callable[..., Any], inputs: Any, eps: float, atol: float,
                      rtol: float, nondet_tol: float, check_undefined_grad: bool,
                      check_grad_dtypes: bool, check_backward_ad: bool,
                      fast_mode: bool, check_forward_ad: bool = False) -> bool:
    inputs = _as_tuple(inputs)
    wanted = _check_inputs(inputs)
    func_out = _outputs(fn, inputs)
    outputs = _differentiable(func_out)
    if check_backward_ad and fast_mode and outputs:
        _fast_gradcheck(fn, inputs, wanted, func_out, outputs, eps, atol, rtol, nondet_tol)
    elif check_backward_ad or not outputs:
        _slow_gradcheck(fn, inputs, wanted, func_out, outputs, eps, atol, rtol, nondet_tol,
                        check_grad_dtypes, every_output=fast_mode)
    if check_forward_ad and outputs:
        check = _fast_forward_check if fast_mode else _slow_forward_check
        check(fn, inputs, wanted, func_out, outputs, eps, atol, rtol)
    if check_forward_ad and check_undefined_grad:
        try:
            undefined_forward_mode(fn, inputs, _unit_vectors(inputs, [])[0])
        except ForwardMismatch as mismatch:
            raise GradcheckError(*mismatch.args) from None
    if not check_backward_ad:
        return True
    _test_backward_mul_by_grad_output(outputs, [inputs[i] for i in wanted])
    if check_undefined_grad:
        _test_undefined_backward_mode(fn, outputs, inputs, [inputs[i] for i in wanted])
    return True


def _slow_gradcheck(fn: Callable[..., Any], inputs: tuple[Any, ...], wanted: list[int],
                    func_out: list[Tensor], outputs: list[Tensor], eps: float, atol: float,
                    rtol: float, nondet_tol: float, check_grad_dtypes: bool,
                    every_output: bool = False) -> None:
    numerical = [numerical_jacobian(fn, inputs, i, eps, func_out) for i in wanted]
    if not outputs:  # (PyTorch's slow mode leaves integer outputs out of this check, fast
        # mode does not)
        floating = [every_output or o.is_floating_point() for o in func_out]
        if any(numpy.any(n != 0) for per_input in numerical
               for n, kept in zip(per_input, floating) if kept):
            raise GradcheckError("Numerical gradient for function expected to be zero")
        return
    kept = [k for k, o in enumerate(func_out) if o.requires_grad]
    diff_inputs = [inputs[i] for i in wanted]
    for i, (k, out) in enumerate(zip(kept, outputs)):
        analytical = analytical_jacobian(out, diff_inputs, nondet_tol, check_grad_dtypes)
        for j, (a, x) in enumerate(zip(analytical, diff_inputs)):
            n = numerical[j][k]
            if not numpy.allclose(a, n, rtol=rtol, atol=atol):
                raise GradcheckError(
                    f"Jacobian mismatch for output {i} with respect to input {j},\n"
                    f"numerical:{_as_tensor(n, func_out[k])}\nanalytical:{_as_tensor(a, x)}\n")


def _slow_forward_check(fn: Callable[..., Any], inputs: tuple[Any, ...], wanted: list[int],
                        func_out: list[Tensor], outputs: list[Tensor], eps: float,
                        atol: float, rtol: float) -> None:
    """``check_forward_ad``, slow mode: whole Jacobians from forward AD (PyTorch's order:
    the numerical ones, the forward ones, then per output, per input)."""
    numerical = [numerical_jacobian(fn, inputs, i, eps, func_out) for i in wanted]
    analytical = [forward_jacobians(fn, inputs, wanted, i) for i in wanted]
    kept = [k for k, o in enumerate(func_out) if o.requires_grad]
    for i, k in enumerate(kept):
        for j, per_output in enumerate(analytical):
            a, n = per_output[i], numerical[j][k]
            if not numpy.allclose(a, n, rtol=rtol, atol=atol):
                raise GradcheckError(mismatch_message(
                    i, j, _as_tensor(n, func_out[k]), _as_tensor(a, func_out[k])))


def _fast_forward_check(fn: Callable[..., Any], inputs: tuple[Any, ...], wanted: list[int],
                        func_out: list[Tensor], outputs: list[Tensor], eps: float,
                        atol: float, rtol: float) -> None:
    """``check_forward_ad``, fast mode: J·u from forward AD against the central difference
    along u, for a random unit u per input (the tolerance atol·Σu)."""
    us, _ = _unit_vectors(inputs, [])
    floating = [o for o in func_out if o.is_floating_point()]
    numerical = [[jvp for jvp, o in zip(numerical_jvps(fn, inputs, inputs[i], u, eps), func_out)
                  if o.is_floating_point()] for i, u in zip(wanted, us)]
    analytical = [forward_jvps(fn, inputs, wanted, i, u) for i, u in zip(wanted, us)]
    for i, u in enumerate(us):
        for j, (n, a, out) in enumerate(zip(numerical[i], analytical[i], floating)):
            if numpy.allclose(a, n, rtol=rtol, atol=atol * float(u.sum())):
                continue
            slow = _forward_jacobian_of(fn, inputs, wanted[i], func_out.index(out))
            raise GradcheckError(
                mismatch_message(j, i, _as_tensor(n, out), _as_tensor(a, out))
                + _slow_mode_report(fn, inputs, wanted[i], outputs, j, eps, atol, rtol,
                                    (slow, out)))


def _forward_jacobian_of(fn: Callable[..., Any], inputs: tuple[Any, ...], index: int,
                         output: int) -> numpy.ndarray:
    """The forward-AD Jacobian of one output with respect to one input, the other inputs
    held as they are (fast mode's report, as PyTorch)."""
    def only(t: Tensor) -> Tensor:
        return _outputs(fn, inputs[:index] + (t,) + inputs[index + 1:])[output]

    return forward_jacobians(only, (inputs[index],), [0], 0)[0]


def _test_backward_mul_by_grad_output(outputs: list[Tensor], inputs: list[Tensor]) -> None:
    """Zero output gradients must give zero input gradients (backward scales with them)."""
    grads = grad(outputs, inputs, [zeros_like(o.detach()) for o in outputs], allow_unused=True)
    for g, x in zip(grads, inputs):
        if g is None:
            continue
        if bool((g._data != 0).any()):
            raise GradcheckError("backward not multiplied by grad_output")
        if g.dtype != x.dtype:
            raise GradcheckError("grad is incorrect type")
        if g.shape != x.shape:
            raise GradcheckError("grad is incorrect size")


def _test_undefined_backward_mode(fn: Callable[..., Any], outputs: list[Tensor],
                                  inputs: tuple[Any, ...], diff_inputs: list[Tensor]) -> None:
    """Backward must cope with output gradients left undefined (None, as hooks and custom
    backwards see them): all of them at once, then one at a time when there are several (f
    runs again each time)."""
    checks = [[_UndefinedGrad.apply(o) for o in _differentiable(_outputs(fn, inputs))]]
    if len(checks[0]) > 1:
        for k in range(len(outputs)):
            outs = _differentiable(_outputs(fn, inputs))
            checks.append([_UndefinedGrad.apply(o) if i == k else o for i, o in enumerate(outs)])
    for outs in checks:
        try:
            grads = grad(outs, diff_inputs, [zeros_like(o.detach()) for o in outs],
                         allow_unused=True)
        except RuntimeError as e:
            _warn_undefined()
            raise GradcheckError('Expected backward function to handle undefined output '
                                 'grads. Please look at "Notes about undefined output '
                                 'gradients" in "tools/autograd/derivatives.yaml"') from e
        if any(g is not None and bool((g._data != 0).any()) for g in grads):
            _warn_undefined()
            raise GradcheckError('Expected all input grads to be undefined or zero when all '
                                 'output grads are undefined or zero. Please look at "Notes '
                                 'about undefined output gradients" in '
                                 '"tools/autograd/derivatives.yaml"')


class _UndefinedGrad(Function):
    """PyTorch's ``UndefinedGrad``: a copy of its input whose backward sends an undefined
    (None) gradient on, whatever gradient arrives."""

    @staticmethod
    def forward(ctx: Any, x: Tensor) -> Tensor:
        return x.clone()

    @staticmethod
    def backward(ctx: Any, grad_output: Tensor) -> None:
        return None


def _warn_undefined() -> None:
    warnings.warn('Backwards compatibility: New undefined gradient support checking feature '
                  'is enabled by default, but it may break existing callers of this function. '
                  'If this is true for you, you can call this function with '
                  '"check_undefined_grad=False" to disable the feature', UserWarning,
                  stacklevel=5)


# PyTorch's further options: accepted (check_forward_ad is read by gradcheck).
OTHER_OPTIONS = {"check_batched_grad", "check_batched_forward_grad", "check_forward_ad",
                 "masked"}
GRADGRAD_OPTIONS = {"nondet_tol", "check_undefined_grad", "check_grad_dtypes", "fast_mode",
                    "check_batched_grad", "masked", "gen_non_contig_grad_outputs",
                    "check_fwd_over_rev", "check_rev_over_rev"}


def _check_options(name: str, options: dict[str, Any]) -> None:
    known = OTHER_OPTIONS if name == "gradcheck" else GRADGRAD_OPTIONS
    for option in options:
        if option not in known:
            raise TypeError(f"{name}() got an unexpected keyword argument '{option}'")


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


def _fast_gradcheck(fn: Callable[..., Any], inputs: tuple[Any, ...], wanted: list[int],
                    func_out: list[Tensor], outputs: list[Tensor], eps: float, atol: float,
                    rtol: float, nondet_tol: float) -> None:
    """PyTorch's ``fast_mode``: instead of whole Jacobians, compare the numbers vᵀJu for
    random unit vectors u (per input) and v (per output): Ju by central differences along
    u (every input first), vᵀJ by backward (twice per output, for reentrancy); on a
    mismatch, report them, then the whole Jacobians (slow mode)."""
    us, vs = _unit_vectors(inputs, outputs)
    kept = [k for k, o in enumerate(func_out) if o.requires_grad]
    numerical = []
    for i, u in zip(wanted, us):
        jvps = numerical_jvps(fn, inputs, inputs[i], u, eps)
        numerical.append([float(numpy.sum(v * jvps[k])) for k, v in zip(kept, vs)])
    diff_inputs = [inputs[i] for i in wanted]
    analytical = [[float(u.dtype.type(numpy.dot(vj, u.astype(numpy.float64)))) for vj, u in
                   zip(_reentrant_vjp(out, diff_inputs, v, nondet_tol), us)]
                  for out, v in zip(outputs, vs)]
    for i, (u, per_output) in enumerate(zip(us, numerical)):
        for j, (v, n) in enumerate(zip(vs, per_output)):
            a = analytical[j][i]
            tolerance = atol * float(u.sum()) * float(v.sum())
            if abs(a - n) <= tolerance + rtol * abs(n):
                continue
            raise GradcheckError(
                f"Jacobian mismatch for output {j} with respect to input {i},\n"
                f"numerical:{n}\nanalytical:{a}\n"
                + _slow_mode_report(fn, inputs, wanted[i], outputs, j, eps, atol, rtol))


def numerical_jvps(fn: Callable[..., Any], inputs: Sequence[Any], x: Tensor,
                   u: numpy.ndarray, eps: float) -> list[numpy.ndarray]:
    """J·u for every output of ``fn``, moving the input ``x`` along u: the central difference
    (f(x + εu) - f(x - εu)) / 2ε, flat, in each output's dtype."""
    data = x._data  # (written in place, whatever x's layout; u is in row-major order)
    original, step = data.copy(), u.reshape(data.shape)
    data[...] = original - eps * step
    minus_outputs = _outputs(fn, inputs)
    minus = _copies(minus_outputs)
    data[...] = original + eps * step
    plus_outputs = _outputs(fn, inputs)
    plus = _copies(plus_outputs)
    data[...] = original
    for a, b in zip(minus_outputs, plus_outputs):
        _check_same_dtype_and_shape(a, b, eps, None, x)
    return [(b - a).ravel() / (2 * eps) for a, b in zip(minus, plus)]


def _reentrant_vjp(output: Tensor, inputs: list[Tensor], v: numpy.ndarray,
                   nondet_tol: float) -> list[numpy.ndarray]:
    """vᵀJ for every input, computed twice: backward must give the same answer again."""
    v_tensor = Tensor._make(backend.module_of(output._data).asarray(v).reshape(output.shape))
    runs = []
    for _ in range(2):
        grads = grad(output, inputs, v_tensor, retain_graph=True, allow_unused=True)
        runs.append([numpy.zeros(x.numel()) if g is None
                     else backend.to_host(g._data).astype(numpy.float64).ravel()
                     for g, x in zip(grads, inputs)])
    if any(a.size and numpy.abs(a - b).max() > nondet_tol for a, b in zip(*runs)):
        raise GradcheckError(
            "Backward is not reentrant, i.e., running backward with same input and "
            "grad_output multiple times gives different values, although analytical gradient "
            f"matches numerical gradient.The tolerance for nondeterminism was {nondet_tol}."
            + FAILED_NONDET_MSG)
    return runs[0]


def _slow_mode_report(fn: Callable[..., Any], inputs: tuple[Any, ...], i: int,
                      outputs: list[Tensor], j: int, eps: float, atol: float,
                      rtol: float, analytical: tuple[numpy.ndarray, Tensor] | None = None
                      ) -> str:
    """The whole Jacobians of one output and input, for fast mode's error message (as
    PyTorch, the numerical one is taken for every input that requires grad). ``analytical``:
    the Jacobian and the tensor whose dtype it prints in, when not backward's."""
    x, out = inputs[i], outputs[j]
    numerical = {k: numerical_jacobian(fn, inputs, k, eps, outputs) for k, t in
                 enumerate(inputs) if isinstance(t, Tensor) and t.requires_grad}
    n = numerical[i][j]
    a, like = analytical if analytical else (_analytical_rows(out, [x])[0], x)
    message = (
        "\nThe above quantities relating the numerical and analytical jacobians are computed "
        "\nin fast mode. See: https://github.com/pytorch/pytorch/issues/53876 for more "
        "background \nabout fast mode. Below, we recompute numerical and analytical jacobians "
        "in slow mode:\n\n"
        f"Numerical:\n {_as_tensor(n, out)}\nAnalytical:\n{_as_tensor(a, like)}\n\n"
        f"The max per-element difference (slow mode) is: {numpy.abs(n - a).max()}.\n")
    if numpy.allclose(a, n, rtol=rtol, atol=atol):
        message += FAST_FAIL_SLOW_OK
    return message


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


def _as_tensor(jacobian: numpy.ndarray, like: Tensor) -> Tensor:
    """A Jacobian (input × output) as the tensor PyTorch prints, in ``like``'s dtype (the
    output's for a numerical one, the input's for an analytical one)."""
    from ..creation import tensor

    return tensor(jacobian.copy(), dtype=like.dtype)


def gradgradcheck(fn: Callable[..., Any], inputs: Any, grad_outputs: Any = None, *,
                  eps: float = 1e-6, atol: float = 1e-5, rtol: float = 1e-3,
                  raise_exception: bool = True, **options: Any) -> bool:
    """Check second derivatives, as PyTorch: gradcheck of the function
    (inputs, v) -> vᵀJ (the create_graph gradient), so the inputs come first and the
    ``grad_outputs`` v count as inputs after them. Without ``grad_outputs``, v is random in
    [-1, 1), drawn as PyTorch draws it (`testing.make_tensor`, the global generator)."""
    from ..testing import make_tensor

    _check_options("gradgradcheck", options)
    if not (options.get("check_fwd_over_rev", False) or options.get("check_rev_over_rev", True)):
        raise AssertionError(
            "Expected at least one of check_fwd_over_rev or check_rev_over_rev to be True")
    for option in ("check_undefined_grad", "check_batched_grad"):
        if options.get(option, option == "check_undefined_grad") and not options.get(
                "check_rev_over_rev", True):
            raise AssertionError(f"Setting {option}=True requires check_rev_over_rev to be True")
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
        for a, w in zip(args, wanted):  # (PyTorch's: a forward-mode check's duals then
            if w:  # require grad for real)
                a.requires_grad_()
        outs = [o for o in _outputs(fn, args) if o.requires_grad]
        grads = grad(outs, [a for a, w in zip(args, wanted) if w], vs, create_graph=True,
                     allow_unused=True)
        return tuple(g for g in grads if g is not None)

    return gradcheck(first_derivatives, inputs + grad_outputs, eps=eps, atol=atol, rtol=rtol,
                     raise_exception=raise_exception, **_passed_on(options))


def _passed_on(options: dict[str, Any]) -> dict[str, Any]:
    """gradgradcheck's options for its gradcheck (``check_rev_over_rev`` is its
    ``check_backward_ad``, ``check_fwd_over_rev`` its ``check_forward_ad``)."""
    names = ("nondet_tol", "check_undefined_grad", "check_grad_dtypes", "fast_mode",
             "check_batched_grad")
    passed = {name: options[name] for name in names if name in options}
    if "check_rev_over_rev" in options:
        passed["check_backward_ad"] = options["check_rev_over_rev"]
    if "check_fwd_over_rev" in options:
        passed["check_forward_ad"] = options["check_fwd_over_rev"]
    return passed


def __getattr__(name: str) -> Any:
    """PyTorch's deprecated ``get_numerical_jacobian`` / ``get_analytical_jacobian``, found
    here as in ``torch.autograd.gradcheck`` (`gradcheck_deprecated`)."""
    if name in ("get_numerical_jacobian", "get_analytical_jacobian"):
        from . import gradcheck_deprecated

        return getattr(gradcheck_deprecated, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
