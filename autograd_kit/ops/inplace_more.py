"""More in-place methods: shape changes in place (``unsqueeze_``, ``t_`` …), random fills
(``bernoulli_``, ``random_``, ``exponential_``), and ``multinomial``/``bernoulli``.

A shape change in place is the view operation, recorded as usual (PyTorch gives the node
its in-place name, ``UnsqueezeBackward1``), whose result then *becomes* the target: same
memory, new shape, the new node as its ``grad_fn``. Random fills forget the old values, so
their gradient is zero, as for ``normal_``.
"""

from __future__ import annotations

from typing import Any

import numpy

from .. import backend, dtypes, grad_mode
from .. import random as _random
from ..function import Function
from ..node_saved_values import given_dims, input_sizes
from ..tensor import Tensor
from .operands import kernel_error, zero_gradient
from .rounding import not_implemented
from .shape import Squeeze, SqueezeInplaceDim, T, Transpose, Unsqueeze


class UnsqueezeInplace(Unsqueeze):
    __doc__ = Unsqueeze.__doc__
    node_name = "UnsqueezeBackward1"


class SqueezeInplace(Squeeze):
    __doc__ = Squeeze.__doc__
    node_name = "SqueezeBackward3"


class SqueezeInplaceDims(Squeeze):
    __doc__ = Squeeze.__doc__
    node_name = "SqueezeBackward5"
    saved_options = {"dim": given_dims("given_dim"), "self_sym_sizes": input_sizes()}


class TInplace(T):
    __doc__ = T.__doc__
    node_name = "TBackward1"


class TransposeInplace(Transpose):
    __doc__ = Transpose.__doc__
    node_name = "TransposeBackward1"


def reshape_inplace(target: Tensor, rule: Any, *args: Any) -> Tensor:
    """``target`` takes the shape ``rule`` (a view) gives it, keeping its memory."""
    from ..inplace import check_inplace_allowed

    check_inplace_allowed(target)
    result = rule.apply(target, *args)
    target._data = result._data
    target._version_counter[0] += 1
    if result.grad_fn is not None:
        target._grad_fn, target._output_nr = result.grad_fn, result._output_nr
        target._requires_grad = True
    return target


def squeeze_rule(dim: Any) -> tuple[Any, ...]:
    """The rule and its argument for ``x.squeeze_(dim)``: all size-1 dims, one, or several."""
    if dim is None:
        return SqueezeInplace, None
    if isinstance(dim, (tuple, list)):
        return SqueezeInplaceDims, tuple(dim)
    return SqueezeInplaceDim, dim


class RandomFill(Function):
    """out = random values drawn by ``draw(x)``      grad_x = 0 (the old values are gone)"""

    node_name = "RandomBackward0"

    @staticmethod
    def forward(ctx: Any, x: Tensor, draw: Any, *extra: Any) -> Any:
        ctx.count = len(extra)  # (drawn in x's memory order, as PyTorch fills it)
        values = _random.in_memory_order(x._data, lambda shape: draw(x, shape))
        return values.astype(x._data.dtype, copy=False)

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, ...]:
        return (zero_gradient(grad), None) + (None,) * ctx.count


def _fill_class(name: str) -> Any:
    return type(name.replace("Backward", "Fill"), (RandomFill,),
                {"node_name": name, "__doc__": RandomFill.__doc__})


BernoulliFill = _fill_class("BernoulliBackward0")  # torch.bernoulli(p)
BernoulliTensorFill = _fill_class("BernoulliBackward1")  # x.bernoulli_(p tensor)
BernoulliNumberFill = _fill_class("BernoulliBackward2")  # x.bernoulli_(0.5)
RandomFromTo = _fill_class("RandomBackward0")  # x.random_(low, high)
RandomTo = _fill_class("RandomBackward1")  # x.random_(high)
RandomFull = _fill_class("RandomBackward2")  # x.random_()
ExponentialFill = _fill_class("ExponentialBackward0")
NormalFill = _fill_class("NormalBackward0")  # x.normal_(mean, std)
UniformFill = _fill_class("UniformBackward0")  # x.uniform_(a, b)


class BernoulliOfTensor(RandomFill):
    """out = bernoulli(p), p a tensor (a sample: no gradient to p)      grad_p = 0"""

    node_name = "BernoulliBackward0"

    @staticmethod
    def forward(ctx: Any, p: Tensor, generator: Any) -> Any:
        ctx.count = 0
        return _bernoulli_draw(p._data, p.device, generator).astype(p._data.dtype)


def _bernoulli_draw(p: Any, where: Any, generator: Any) -> Any:
    if p.size and not bool(((p >= 0) & (p <= 1)).all()):
        raise RuntimeError(
            "Expected p_in >= 0 && p_in <= 1 to be true, but got false.  (Could this error "
            "message be improved?  If so, please report an enhancement request to PyTorch.)"
        )
    return _random.bernoulli(p, where, generator)


def bernoulli_(x: Tensor, p: Any = 0.5, generator: Any = None) -> Tensor:
    from ..inplace import apply_inplace, check_inplace_allowed

    check_inplace_allowed(x)  # (a random fill checks its arguments after this)

    if isinstance(p, Tensor):
        probabilities = backend.to_device(p._data, x.device)
        shape = numpy.broadcast_shapes(x._data.shape, probabilities.shape)
        if shape != x._data.shape:
            from ..inplace import check_fits

            check_fits(x._data.shape, probabilities.shape)
        full = x._xp.broadcast_to(probabilities, x._data.shape)
        order = _random.memory_order(x._data)
        return apply_inplace(x, BernoulliTensorFill, lambda t, shape: _bernoulli_draw(
            full if order is None else full.transpose(order), t.device, generator))
    p = float(p)
    if not 0 <= p <= 1:
        raise RuntimeError(f"bernoulli_ expects p to be in [0, 1], but got p={p:g}")

    def draw(t: Tensor, shape: tuple[int, ...]) -> Any:
        units = _random.uniform(shape, t.device, dtype=numpy.float64, chosen=generator)
        return units < p

    return apply_inplace(x, BernoulliNumberFill, draw)


class BernoulliOfNumber(Function):
    """out = bernoulli(input, p) for a number p (input gives only the shape and dtype).
    PyTorch has no derivative for this overload: a ``NotImplemented`` node, whose backward
    raises."""

    node_name = "NotImplemented"

    @staticmethod
    def forward(ctx: Any, input: Tensor, draw: Any) -> Any:  # noqa: A002
        return draw()

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> Any:
        raise RuntimeError("derivative for aten::bernoulli is not implemented")


not_implemented(BernoulliOfNumber)


def bernoulli(input: Tensor, p: Any = None, *, generator: Any = None) -> Tensor:  # noqa: A002
    """0/1 samples in input's dtype: 1 with probability input (per element), or with
    probability ``p`` when it is given (input then only gives the shape and dtype)."""
    if p is not None:
        def draw() -> Any:
            out = Tensor._make(input._xp.empty_like(input._data))
            with grad_mode.no_grad():
                return bernoulli_(out, p, generator)._data

        return BernoulliOfNumber.apply(input, draw)
    return BernoulliOfTensor.apply(input, generator)


def random_(x: Tensor, *args: Any, generator: Any = None, **kwargs: Any) -> Tensor:
    """Fill with random integers: ``random_()``, ``random_(to)``, ``random_(from, to)``
    (``to=None``: up to the type's largest exact integer); see `random_arguments`."""
    from ..inplace import apply_inplace, check_inplace_allowed
    from .random_arguments import random_range

    low, high, given = random_range(args, kwargs, x.dtype)
    check_inplace_allowed(x)

    if low is None or high is None:
        return apply_inplace(x, RandomFull, lambda t, shape: _random.full_range(
            shape, t.device, t._data.dtype, generator))
    rule = RandomTo if len(args) + len(kwargs) == 1 else RandomFromTo
    if given and low >= high:
        raise RuntimeError(f"random_ expects 'from' to be less than 'to', but got from={low} "
                           f">= to={high}")
    from ..creation_random import check_bounds, exact_range

    if given:
        low, high = exact_range(low, high, x.dtype)
    check_bounds(low, high if given else min(high, (1 << 63) - 1), x.dtype)  # (int64's top)
    return apply_inplace(x, rule, lambda t, shape: _random.integers(
        int(low), int(high), shape, t.device, generator))


def exponential_(x: Tensor, lambd: float = 1.0, *, generator: Any = None) -> Tensor:
    from ..inplace import apply_inplace, check_inplace_allowed

    check_inplace_allowed(x)

    if not x.dtype.is_floating_point:
        raise RuntimeError("Exponential distribution is a continuous probability distribution. "
                           "dtype must be a floating point but you specified "
                           f"{dtypes.scalar_type_word(x.dtype.name)}")
    if not lambd > 0:
        raise RuntimeError(f"exponential_ expects lambda > 0.0, but found lambda={lambd}")
    return apply_inplace(x, ExponentialFill, lambda t, shape: _random.exponential(
        shape, t.device, lambd, generator))


def normal_(x: Tensor, mean: float = 0.0, std: float = 1.0, *,
            generator: Any = None) -> Tensor:
    """Fill with normal values (PyTorch's numbers for the same seed, on the CPU)."""
    from ..inplace import apply_inplace, check_inplace_allowed

    check_inplace_allowed(x)

    if std < 0:  # (checked before the dtype, as PyTorch; its C++ prints numbers as %g does)
        raise RuntimeError(f"normal expects std >= 0.0, but found std {std:g}")
    if not x.dtype.is_floating_point:
        raise kernel_error("normal_kernel_cpu", x.dtype)
    return apply_inplace(x, NormalFill, lambda t, shape: _random.normal(
        shape, t.device, mean, std, dtype=t._data.dtype, chosen=generator,
        serial=not t._data.flags.c_contiguous))  # (PyTorch: one at a time, then)


def uniform_(x: Tensor, a: float = 0.0, b: float = 1.0, *, generator: Any = None) -> Tensor:
    """Fill with uniform values in [a, b) (PyTorch's numbers for the same seed, on the CPU)."""
    from ..inplace import apply_inplace, check_inplace_allowed

    check_inplace_allowed(x)

    if not x.dtype.is_floating_point:
        raise kernel_error("check_uniform_bounds", x.dtype)
    if a > b:
        raise RuntimeError(f"uniform_ expects to return a [from, to) range, but found "
                           f"from={a:g} > to={b:g}")  # (PyTorch's C++ prints numbers as %g)
    return apply_inplace(x, UniformFill, lambda t, shape: _random.uniform(
        shape, t.device, a, b, dtype=t._data.dtype, chosen=generator))


def multinomial(input: Tensor, num_samples: int, replacement: bool = False, *,  # noqa: A002
                generator: Any = None) -> Tensor:
    """Indices drawn with probabilities ∝ each row of ``input`` (PyTorch's numbers)."""
    data = backend.to_host(input._data)
    if data.ndim not in (1, 2):
        raise RuntimeError("prob_dist must be 1 or 2 dim")
    if not input.dtype.is_floating_point:
        raise RuntimeError("multinomial only supports floating-point dtypes for input, got: "
                           f"{dtypes.scalar_type_word(input.dtype.name)}")
    if num_samples <= 0:
        raise RuntimeError("cannot sample n_sample <= 0 samples")
    if not replacement and num_samples > data.shape[-1]:
        raise RuntimeError("cannot sample n_sample > prob_dist.size(-1) samples without "
                           "replacement")
    if data.shape[-1] > 2 ** 24:  # (PyTorch draws the indices as float32 numbers)
        raise RuntimeError("number of categories cannot exceed 2^24")
    rows = data if data.ndim == 2 else data[None]
    if len(rows):
        check_distribution(rows, whole=not replacement or num_samples == 1)
    stream = _random.generator(backend.device("cpu"), generator)
    out = _random.multinomial(data, int(num_samples), replacement, stream)
    return Tensor._make(backend.to_device(out, input.device))


def check_distribution(rows: Any, whole: bool) -> None:
    """PyTorch's checks of multinomial's rows of probabilities, in its order and words.

    Without replacement (or for one sample) ATen checks the whole tensor first (max < inf,
    min >= 0; empty: aminmax's error), then each row's sum. With replacement its kernel walks
    row by row, entry by entry: a first entry not >= 0 (NaN included) or not finite, or a row
    summing to 0, stops it with its own message.
    """
    sum_error = "invalid multinomial distribution (sum of probabilities <= 0)"
    if whole:
        if rows.size == 0:
            raise RuntimeError("aminmax(): cannot compute aminmax over an empty dimension as "
                               "the operation has no identity.")
        if not bool((rows >= 0).all()) or not bool(numpy.isfinite(rows).all()):
            raise RuntimeError("probability tensor contains either `inf`, `nan` or element < 0")
        if not bool((rows > 0).any(-1).all()):
            raise RuntimeError(sum_error)
        return
    bad = ~(rows >= 0) | ~numpy.isfinite(rows)
    wrong = bad.any(-1) | ~(rows > 0).any(-1)
    if not bool(wrong.any()):
        return
    row = int(wrong.argmax())
    if not bool(bad[row].any()):
        raise RuntimeError(sum_error)
    entry = rows[row, int(bad[row].argmax())]
    raise RuntimeError("invalid multinomial distribution (encountering probability entry "
                       + ("= infinity or NaN)" if entry >= 0 else "< 0)"))


def masked_fill_(x: Tensor, mask: Any, value: Any) -> Tensor:
    """``x.masked_fill_(mask, value)``: the mask must fit x's own shape (it is not enlarged)."""
    from ..inplace import apply_inplace, check_fits, check_inplace_allowed
    from .selection import MaskedFill, MaskedFillTensor, check_masked_fill

    check_inplace_allowed(x, (value,))  # (PyTorch's first check)
    check_masked_fill(x, mask, value)
    if mask._data.shape != x._data.shape:
        check_fits(x._data.shape, mask._data.shape)
    if isinstance(value, Tensor):
        return apply_inplace(x, MaskedFillTensor, mask, value)
    return apply_inplace(x, MaskedFill, mask, value)
