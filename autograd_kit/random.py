"""Seeded random numbers: on the CPU, the same numbers as PyTorch for the same seed.

PyTorch's CPU generator is a Mersenne Twister (mt19937) started from ``manual_seed``, and
each random function turns its 32-bit outputs into numbers in a fixed way:

* uniform in [0, 1): the low 24 bits of one output, times 2⁻²⁴ (float32), or the low 53
  bits of two outputs joined, times 2⁻⁵³ (float64); in [a, b): that u as u·(b - a) + a,
  rounded once (PyTorch's compiled code uses a fused multiply-add);
* normal: Box–Muller on those uniforms, in blocks of 16 for 16 values or more, one pair at a
  time (the second value kept for the next call) for fewer;
* integers in [low, high): one output (two joined from a range of 2²⁸ on) modulo
  (high - low), plus low;
* a permutation: Fisher–Yates swaps, position i swapped with i + (output mod (n - i)).

`MersenneTwister` does the same with NumPy's mt19937, so ``manual_seed(0); randn(3)`` gives
``tensor([ 1.5410, -0.2934, -2.1788])`` in both libraries, and a seeded ``nn.Linear`` starts
from PyTorch's weights. (The math library may differ in the last bit of a float32.) On a GPU
the kit uses CuPy's own generator; PyTorch's CUDA numbers come from another algorithm too.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import numpy

from . import backend
from .dtypes import CNamed, c_named, of_numpy, scalar_type_word

if TYPE_CHECKING:
    from .tensor import Tensor

_FLOAT32_BITS = (1 << 24) - 1
_FLOAT64_BITS = (1 << 53) - 1


class MersenneTwister:
    """PyTorch's CPU random stream: mt19937 and PyTorch's ways of using its outputs."""

    def __init__(self, seed: int) -> None:
        self.seed(seed)

    def seed(self, seed: int) -> None:
        self.initial = int(seed) & 0xFFFFFFFFFFFFFFFF  # (kept whole in the saved state)
        self.bits = numpy.random.MT19937()
        self.bits._legacy_seeding(int(seed) & 0xFFFFFFFF)  # mt19937's own seeding (as C++)
        self.cached_normal: float | None = None  # Box–Muller's second value, for next time
        self.drawn = False  # (whether any output was used since seeding: the saved state says)

    def outputs32(self, n: int) -> numpy.ndarray:
        """The next n 32-bit outputs (as uint64)."""
        self.drawn = self.drawn or n > 0
        return self.bits.random_raw(n).astype(numpy.uint64)

    def outputs64(self, n: int) -> numpy.ndarray:
        """The next n 64-bit numbers, each made of two outputs (the first is the high half)."""
        raw = self.outputs32(2 * n)
        return (raw[0::2] << numpy.uint64(32)) | raw[1::2]

    def uniform(self, shape: tuple[int, ...], dtype: Any = numpy.float32,
                low: float = 0.0, high: float = 1.0) -> numpy.ndarray:
        """Uniform in [low, high), computed in float32 (float64 for a float64 tensor) as
        PyTorch does, then rounded to ``dtype``."""
        dtype = numpy.dtype(dtype)
        n = math.prod(shape)
        if dtype == numpy.float64:
            unit = (self.outputs64(n) & numpy.uint64(_FLOAT64_BITS)) * 2.0 ** -53
        else:
            unit = ((self.outputs32(n) & numpy.uint64(_FLOAT32_BITS)).astype(numpy.float32)
                    * numpy.float32(2.0 ** -24))
        kind = unit.dtype.type  # the bounds are in the same type, so is their difference
        values = fused_multiply_add(unit, kind(high) - kind(low), kind(low)) if (
            (low, high) != (0, 1)) else unit
        values = values.astype(dtype, copy=False)
        if values.dtype != unit.dtype or (low, high) != (0, 1):
            # a value rounded up to ``high`` (in float16, say) is ``low``, as PyTorch makes it
            values[values == dtype.type(high)] = dtype.type(low)
        return values.reshape(shape)

    def normal(self, shape: tuple[int, ...], dtype: Any = numpy.float32,
               mean: float = 0.0, std: float = 1.0, serial: bool = False) -> numpy.ndarray:
        """Normal values: Box–Muller in blocks of 16 (16 values or more, unless ``serial``:
        PyTorch's way for a tensor that is not contiguous), else pair by pair.

        Beyond the whole blocks, the last 16 values are drawn again and transformed together.
        A float32 or float64 tensor first gets a uniform for every value (those after the
        whole blocks are then overwritten); float16 is computed in float32 block by block,
        so only the whole blocks' uniforms are drawn before the last 16."""
        dtype = numpy.dtype(dtype)
        n = math.prod(shape)
        if n < 16 or serial:
            return self.normal_serial(n, mean, std).astype(dtype, copy=False).reshape(shape)
        kind = numpy.float64 if dtype == numpy.float64 else numpy.float32
        full = n // 16 * 16
        out = self.uniform((n if dtype == kind else full,), kind)
        out[:full] = _box_muller_16(out[:full], mean, std)
        if n % 16:
            out = numpy.concatenate((out[:n - 16], _box_muller_16(self.uniform((16,), kind),
                                                                  mean, std)))
        return out.astype(dtype, copy=False).reshape(shape)

    def normal_serial(self, n: int, mean: float = 0.0, std: float = 1.0) -> numpy.ndarray:
        """n normal values (float64) one at a time, as PyTorch's serial kernels draw them
        (``normal_`` of fewer than 16 values, ``log_normal_``): mean + std·z, rounded once."""
        values = numpy.array([self._one_normal() for _ in range(n)], dtype=numpy.float64)
        return fused_multiply_add(values, float(std), float(mean))

    def _one_normal(self) -> float:
        """One standard normal value (float64): the cached second one, or a new pair."""
        if self.cached_normal is not None:
            value, self.cached_normal = self.cached_normal, None
            return value
        u1, u2 = self.uniform((2,), numpy.float64)
        radius = math.sqrt(-2.0 * math.log1p(-u2))
        theta = 2.0 * math.pi * u1
        self.cached_normal = radius * math.sin(theta)
        return radius * math.cos(theta)

    def integers(self, low: int, high: int, shape: tuple[int, ...]) -> numpy.ndarray:
        """Integers in [low, high): an output modulo the range (a 64-bit one from a range of
        2²⁸ on, as PyTorch 2.13, so that the modulo's bias stays small)."""
        span = high - low
        n = math.prod(shape)
        outputs = self.outputs64(n) if span >= 1 << 28 else self.outputs32(n)
        return ((outputs % numpy.uint64(span)).astype(numpy.int64) + low).reshape(shape)

    def permutation(self, n: int) -> numpy.ndarray:
        """0 … n-1 shuffled by Fisher–Yates swaps, as PyTorch's ``randperm``."""
        order = numpy.arange(n, dtype=numpy.int64)
        outputs = self.outputs32(max(n - 1, 0))
        for i in range(n - 1):
            j = i + int(outputs[i]) % (n - i)
            order[i], order[j] = order[j], order[i]
        return order

    def exponential(self, shape: tuple[int, ...], lambd: float = 1.0) -> numpy.ndarray:
        """Exponential values (float64): -1/λ · log1p(-u), u a 53-bit uniform, as PyTorch
        (the C library's log1p, for the same last bit)."""
        scale = -1.0 / lambd
        units = self.uniform((math.prod(shape),), numpy.float64)
        return numpy.array([scale * math.log1p(-u) for u in units.tolist()],
                           dtype=numpy.float64).reshape(shape)

    def bernoulli(self, p: numpy.ndarray) -> numpy.ndarray:
        """1 where a uniform drawn in p's width (float64 for float64 p, else float32) is below
        p, one per element in order: PyTorch's ``bernoulli(p)``."""
        width = numpy.float64 if p.dtype == numpy.float64 else numpy.float32
        return self.uniform(p.shape, width) < p.astype(width)

    def full_range(self, shape: tuple[int, ...], dtype: Any) -> numpy.ndarray:
        """``random_()`` without bounds: every integer the dtype holds exactly (0 … 2ᵈ for
        floats with d mantissa digits, 0 … max for integers, 0/1 for bool)."""
        dtype = numpy.dtype(dtype)
        n = math.prod(shape)
        wide = dtype in (numpy.float64, numpy.int64)
        outputs = self.outputs64(n) if wide else self.outputs32(n)
        if dtype.kind == "b":
            return (outputs & numpy.uint64(1)).astype(bool).reshape(shape)
        if dtype.kind == "f":
            span = (1 << (numpy.finfo(dtype).nmant + 1)) + 1
        else:
            span = int(numpy.iinfo(dtype).max) + 1
        return (outputs % numpy.uint64(span)).astype(dtype).reshape(shape)

    STATE_BYTES = 5056  # the size of PyTorch's saved CPU generator state

    def get_state(self) -> numpy.ndarray:
        """PyTorch's ``CPUGeneratorImplState``, byte for byte (little-endian): the seed
        (uint64), ``left`` and ``seeded`` (int32), ``next`` (uint64), the 624 words of the
        twister (one uint64 each); then the cached normal value (float64 at 5024) and whether
        it is valid (int32 at 5040); the rest (float normal cache, padding) is zero."""
        mt = self.bits.state["state"]
        position = int(mt["pos"])  # NumPy's index of the next word; 624: twist first
        index = position if position < 624 else (624 if self.drawn else 0)  # PyTorch's next
        state = numpy.zeros(self.STATE_BYTES, numpy.uint8)
        state[0:8] = _bytes_of(self.initial, numpy.uint64)
        state[8:16] = _bytes_of([625 - index if index else 1, 1], numpy.int32)
        state[16:24] = _bytes_of(index, numpy.uint64)
        state[24:5016] = _bytes_of(mt["key"], numpy.uint64)
        if self.cached_normal is not None:
            state[5024:5032] = _bytes_of(self.cached_normal, numpy.float64)
            state[5040:5044] = _bytes_of(1, numpy.int32)
        return state

    def set_state(self, state: numpy.ndarray) -> None:
        """Continue from a state in `get_state`'s (PyTorch's) layout."""
        def read(start: int, stop: int, kind: Any) -> numpy.ndarray:
            return state[start:stop].copy().view(kind)

        self.initial = int(read(0, 8, numpy.uint64)[0])
        left, index = int(read(8, 12, numpy.int32)[0]), int(read(16, 24, numpy.uint64)[0])
        key = read(24, 5016, numpy.uint64).astype(numpy.uint32)
        position = 624 if left == 1 else index
        self.bits.state = {"bit_generator": "MT19937", "state": {"key": key, "pos": position}}
        self.drawn = index > 0
        valid = bool(read(5040, 5044, numpy.int32)[0])
        self.cached_normal = float(read(5024, 5032, numpy.float64)[0]) if valid else None

    def random64(self) -> int:
        """A number in [0, 2⁶³): what ``torch.empty((), dtype=int64).random_()`` draws."""
        return int(self.outputs64(1)[0]) % (1 << 63)


def _bytes_of(values: Any, kind: Any) -> numpy.ndarray:
    """``values`` as little-endian bytes of ``kind``."""
    return numpy.asarray(values, dtype=numpy.dtype(kind).newbyteorder("<")).reshape(-1).view(
        numpy.uint8)


def fused_multiply_add(a: numpy.ndarray, b: Any, c: Any) -> numpy.ndarray:
    """a·b + c rounded once, as the fused instruction PyTorch's compiled code uses.

    float32: the product is exact in float64, so one float64 sum then one rounding to
    float32. float64: the product's rounding error is recovered exactly (Dekker's split),
    then added back with the sum's own error, so the result is rounded (almost always) once.
    """
    if a.dtype == numpy.float32:
        return (a.astype(numpy.float64) * numpy.float64(b) + numpy.float64(c)).astype(a.dtype)
    product = a * b
    split = 134217729.0  # 2^27 + 1: splits a double into two 26-bit halves
    a_high = a * split - (a * split - a)
    b_high = b * split - (b * split - b)
    a_low, b_low = a - a_high, b - b_high
    product_error = ((a_high * b_high - product) + a_high * b_low + a_low * b_high) + a_low * b_low
    total = product + c
    back = total - product
    sum_error = (product - (total - back)) + (c - back)
    return total + (sum_error + product_error)


def _box_muller_16(uniforms: numpy.ndarray, mean: float, std: float) -> numpy.ndarray:
    """Normal values from uniforms, 16 at a time: within each block the first 8 (u₁) and
    the last 8 (u₂) give r = √(-2 ln(1 - u₁)), θ = 2π u₂, then r cos θ and r sin θ."""
    kind = uniforms.dtype.type
    if kind is numpy.float32:  # PyTorch's own float32 log/sin/cos, to the last bit
        from .normal_float32 import box_muller_16

        return box_muller_16(uniforms, mean, std)
    blocks = uniforms.reshape(-1, 16)
    radius = numpy.sqrt(-2.0 * libm(math.log, 1.0 - blocks[:, :8]))
    theta = (2 * math.pi) * blocks[:, 8:]
    out = numpy.empty_like(blocks)
    out[:, :8] = fused_multiply_add(radius * libm(math.cos, theta), float(std), float(mean))
    out[:, 8:] = fused_multiply_add(radius * libm(math.sin, theta), float(std), float(mean))
    return out.reshape(-1)


def libm(function: Any, values: numpy.ndarray) -> numpy.ndarray:
    """``function`` (one of Python's ``math`` functions: the C library's, as PyTorch's
    float64 kernels call) on every value; NumPy's own float64 log/sin/cos can differ from it
    in the last bit."""
    return numpy.array(list(map(function, values.ravel().tolist())),
                       dtype=numpy.float64).reshape(values.shape)


def memory_order(data: Any) -> list[int] | None:
    """The dimensions of ``data`` from outermost to innermost in memory, or None when it is
    laid out in order (PyTorch's kernels fill a tensor in memory order: a transposed one
    gets its random values column by column)."""
    if data.ndim < 2 or data.flags.c_contiguous:
        return None
    from .ops.preserved_layout import preserved_order

    order = preserved_order(data.shape, data.strides)[::-1]
    return None if order == sorted(order) else order


def in_memory_order(data: Any, draw: Any) -> Any:
    """``draw(shape)`` (values in order) laid out as ``data``: drawn in its memory order."""
    order = memory_order(data)
    if order is None:
        return draw(data.shape)
    made = draw(tuple(data.shape[d] for d in order))
    return made.transpose([order.index(d) for d in range(data.ndim)])


_generators: dict[str, Any] = {}
_seed = [0]


def manual_seed(seed: int) -> Generator:
    """Seed the random numbers of every device; returns the CPU generator, as PyTorch does."""
    default_generator.manual_seed(seed)
    _seed[0] = default_generator.initial_seed()
    _generators.clear()
    return default_generator


def seed_value(seed: Any) -> int:
    """A seed as PyTorch keeps it: a 64-bit unsigned number (-1 is 2**64 - 1); PyTorch's
    error beyond what 64 bits hold."""
    seed = int(seed)
    if not -(1 << 63) <= seed < 1 << 64:
        raise ValueError("Overflow when unpacking long long")
    return seed & ((1 << 64) - 1)


@contextlib.contextmanager
def fork_rng(devices: Any = None, enabled: bool = True, _caller: str = "fork_rng",
             _devices_kw: str = "devices", device_type: str | None = None) -> Iterator[None]:
    """``with fork_rng(): ...``: random numbers drawn inside do not change the CPU stream
    outside (its state is put back on leaving). GPU streams are left as they are."""
    if not enabled:
        yield
        return
    state = get_rng_state()
    try:
        yield
    finally:
        set_rng_state(state)


def get_rng_state() -> Tensor:
    """The CPU generator's state, as a uint8 tensor (``set_rng_state`` continues from it)."""
    return default_generator.get_state()


def set_rng_state(new_state: Tensor) -> None:
    default_generator.set_state(new_state)


def initial_seed() -> int:
    return _seed[0]


def seed() -> int:
    """Seed from the clock (non-deterministic), as ``torch.seed()``; returns the seed."""
    import time

    value = time.time_ns() % (1 << 63)
    manual_seed(value)
    return value


def generator(where: backend.device, chosen: Generator | None = None) -> Any:
    """The random stream to draw from: ``chosen``'s, else the device's global one
    (`MersenneTwister` on the CPU, CuPy's generator on a GPU)."""
    if chosen is not None:
        return chosen._rng
    if where.type == "cpu":
        return default_generator._rng
    key = str(where)
    if key not in _generators:
        with backend.on_device(where) as xp:
            _generators[key] = xp.random.default_rng(_seed[0])
    return _generators[key]


def normal(shape: tuple[int, ...], where: backend.device, mean: float = 0.0,
           std: float = 1.0, dtype: Any = numpy.float32, chosen: Generator | None = None,
           serial: bool = False) -> Any:
    rng = generator(where, chosen)
    if isinstance(rng, MersenneTwister):
        return rng.normal(shape, dtype, mean, std, serial)
    with backend.on_device(where):
        return (rng.standard_normal(shape, dtype=numpy.float32) * std + mean).astype(dtype)


def uniform(shape: tuple[int, ...], where: backend.device, low: float = 0.0,
            high: float = 1.0, dtype: Any = numpy.float32, chosen: Generator | None = None) -> Any:
    rng = generator(where, chosen)
    if isinstance(rng, MersenneTwister):
        return rng.uniform(shape, dtype, low, high)
    with backend.on_device(where):
        return (rng.random(shape, dtype=numpy.float32) * (high - low) + low).astype(dtype)


def integers(low: int, high: int, shape: tuple[int, ...], where: backend.device,
             chosen: Generator | None = None) -> Any:
    rng = generator(where, chosen)
    if isinstance(rng, MersenneTwister):
        return rng.integers(low, high, shape)
    with backend.on_device(where):
        return rng.integers(low, high, size=shape, dtype=numpy.int64)


def exponential(shape: tuple[int, ...], where: backend.device, lambd: float = 1.0,
                chosen: Generator | None = None) -> Any:
    rng = generator(where, chosen)
    if isinstance(rng, MersenneTwister):
        return rng.exponential(shape, lambd)
    with backend.on_device(where):
        return rng.exponential(1.0 / lambd, size=shape)


def bernoulli(p: Any, where: backend.device, chosen: Generator | None = None) -> Any:
    """True with probability p, per element of the array ``p`` (floats: PyTorch has no
    kernel for other probabilities, and draws nothing then)."""
    if p.dtype.kind != "f":
        word = scalar_type_word(of_numpy(p.dtype).name)
        raise NotImplementedError(f"\"bernoulli_tensor_cpu_p_\" not implemented for '{word}'")
    rng = generator(where, chosen)
    if isinstance(rng, MersenneTwister):
        return rng.bernoulli(p)
    with backend.on_device(where):
        return rng.random(p.shape) < p


def full_range(shape: tuple[int, ...], where: backend.device, dtype: Any,
               chosen: Generator | None = None) -> Any:
    rng = generator(where, chosen)
    if isinstance(rng, MersenneTwister):
        return rng.full_range(shape, dtype)
    with backend.on_device(where):
        return rng.integers(0, 1 << 24, size=shape).astype(dtype)


def multinomial(probs: numpy.ndarray, count: int, replacement: bool, stream: Any) -> Any:
    """``count`` indices per row of ``probs`` (1-d or 2-d), as PyTorch's ``multinomial``.

    One draw, or none put back: each index gets the key pᵢ / qᵢ, qᵢ ~ Exp(1) drawn in p's
    dtype, and the largest keys win (the Gumbel trick). Several draws put back: a float64
    uniform u per draw picks the first index whose normalized cumulative sum reaches u.
    """
    rows = probs.reshape(-1, probs.shape[-1]) if probs.ndim else probs.reshape(1, 1)
    out = numpy.empty((rows.shape[0], count), dtype=numpy.int64)
    for r, row in enumerate(rows):
        if not replacement or count == 1:
            q = stream.exponential(row.shape).astype(row.dtype)
            keys = row / q
            order = numpy.argsort(-keys, kind="stable")
            out[r] = numpy.argmax(keys) if count == 1 else order[:count]
        else:
            cumulative = numpy.cumsum(row, dtype=row.dtype)
            cumulative = cumulative / cumulative[-1]
            out[r] = numpy.searchsorted(cumulative, stream.uniform((count,), numpy.float64))
    return out.reshape(*probs.shape[:-1], count)


def permutation(n: int, where: backend.device, chosen: Generator | None = None) -> Any:
    """0 … n-1 in a random order: PyTorch's Fisher–Yates on the CPU; on a GPU the order that
    sorts n uniform values (CuPy's ``Generator`` has no ``permutation``)."""
    rng = generator(where, chosen)
    if isinstance(rng, MersenneTwister):
        return rng.permutation(n)
    with backend.on_device(where) as xp:
        return xp.argsort(rng.random(n)).astype(numpy.int64)


class Generator(metaclass=CNamed):
    """A random stream of its own, as ``torch.Generator``: ``ak.Generator().manual_seed(42)``.

    Pass it where PyTorch takes ``generator=`` (``randn``, ``nn.init``, ``DataLoader``,
    ``random_split``) to make those numbers repeatable without touching the global seed.
    """

    __module__ = "autograd_kit._C"  # PyTorch's Generator is torch._C.Generator
    default_seed = 67280421310721  # PyTorch's seed for a new Generator

    def __init__(self, device: str | backend.device = "cpu") -> None:
        self.device = backend.device(device)
        self.manual_seed(self.default_seed)

    def manual_seed(self, seed: int) -> Generator:
        """Restart the stream from ``seed``; returns the generator itself."""
        self._seed = seed_value(seed)
        if self.device.type == "cpu":
            self._rng: Any = MersenneTwister(self._seed)
        else:
            with backend.on_device(self.device) as xp:
                self._rng = xp.random.default_rng(self._seed)
        return self

    def initial_seed(self) -> int:
        return self._seed

    def seed(self) -> int:
        """Restart the stream from a non-deterministic seed (the clock); returns it."""
        import time

        value = time.time_ns() % (1 << 63)
        self.manual_seed(value)
        return value

    def get_state(self) -> Tensor:
        """This stream's state, as a uint8 tensor of PyTorch's size (CPU generators)."""
        from .tensor import Tensor

        return Tensor._make(self._rng.get_state())  # (it holds the seed: set_state reads it)

    def set_state(self, new_state: Tensor) -> Generator:
        """Continue from a state `get_state` returned (PyTorch's checks)."""
        from .tensor import Tensor

        if not isinstance(new_state, Tensor):
            raise TypeError("expected a autograd_kit.ByteTensor, but got "
                            f"{type(new_state).__name__}")
        if new_state._data.dtype != numpy.uint8:
            raise TypeError("RNG state must be a autograd_kit.ByteTensor")  # PyTorch's words
        if new_state._data.size != MersenneTwister.STATE_BYTES:
            raise RuntimeError(f"Expected a CPUGeneratorImplState of size "
                               f"{MersenneTwister.STATE_BYTES} but found the input RNG state "
                               f"size to be {new_state._data.size}")
        state = backend.to_host(new_state._data).copy()
        self._rng.set_state(state)
        self._seed = self._rng.initial
        if self is default_generator:
            _seed[0] = self._seed
        return self

    def permutation(self, n: int) -> Any:
        """The numbers 0 … n-1 in a random order (an array of the generator's device)."""
        return permutation(n, self.device, self)

    def __repr__(self) -> str:
        return f"<autograd_kit._C.Generator object at {hex(id(self))}>"


c_named(Generator, "autograd_kit._C.Generator")
default_generator = Generator()  # seeded with PyTorch's own starting seed
_seed[0] = Generator.default_seed
