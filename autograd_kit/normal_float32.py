"""PyTorch's float32 normal numbers, bit for bit: its CPU kernel turns 16 uniforms at a time
into normals (Box–Muller) with vectorised approximations of log, sin and cos (the Cephes
polynomials of ``avx_mathfun``), and its compiler fuses some multiply-adds into one rounding.
NumPy's own log/sin/cos are correctly rounded, so they differ from PyTorch's in the last bit
for about one value in eight. Here the same polynomials run in NumPy float32, each fused
multiply-add computed in float64 (exact for float32 inputs) and rounded once."""

from __future__ import annotations

import math

import numpy

f32 = numpy.float32


def fused_multiply_add(a: object, b: object, c: object) -> numpy.ndarray:
    """a·b + c with one rounding to float32 (as the FMA instruction does)."""
    return (numpy.asarray(a, numpy.float64) * numpy.float64(b)
            + numpy.asarray(c, numpy.float64)).astype(f32)


def log_approx(x: numpy.ndarray) -> numpy.ndarray:
    """ln x as ``log256_ps`` computes it: x = m·2ᵉ with m in [½, 1), then a degree-9
    polynomial in (m - 1) (m doubled first when below √½)."""
    x = numpy.maximum(x.astype(f32), numpy.uint32(0x00800000).view(f32))  # smallest normal
    bits = x.view(numpy.uint32)
    exponent = ((bits >> 23).astype(numpy.int32) - 0x7F).astype(f32) + f32(1)
    x = ((bits & numpy.uint32(0x807FFFFF)) | numpy.uint32(0x3F000000)).view(f32)
    below = x < f32(0.707106781186547524)
    x = (x - f32(1)) + numpy.where(below, x, f32(0))
    exponent = exponent - numpy.where(below, f32(1), f32(0))
    z = x * x
    y = numpy.full_like(x, f32(7.0376836292e-2))
    for coefficient in (-1.1514610310e-1, 1.1676998740e-1, -1.2420140846e-1, 1.4249322787e-1,
                        -1.6668057665e-1, 2.0000714765e-1, -2.4999993993e-1, 3.3333331174e-1):
        y = fused_multiply_add(y, x, f32(coefficient))
    y = fused_multiply_add(y * x, z, exponent * f32(-2.12194440e-4))
    y = fused_multiply_add(z, f32(-0.5), y)
    return fused_multiply_add(exponent, f32(0.693359375), x + y)


def sin_cos_approx(x: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
    """(sin x, cos x) as ``sincos256_ps`` computes them: x reduced by multiples of π/4
    (in three parts, for precision), then the sine or cosine polynomial by octant."""
    x = x.astype(f32)
    negative = numpy.signbit(x)
    x = numpy.abs(x)
    octant = ((x * f32(1.27323954473516)).astype(numpy.int32) + 1) & ~1
    y = octant.astype(f32)
    for part in (-0.78515625, -2.4187564849853515625e-4, -3.77489497744594108e-8):
        x = fused_multiply_add(y, f32(part), x)
    sin_negative = negative ^ ((octant & 4) != 0)
    cos_negative = (~(octant - 2) & 4) != 0
    swapped = (octant & 2) != 0
    z = x * x
    cosine = numpy.full_like(x, f32(2.443315711809948e-5))
    for coefficient in (-1.388731625493765e-3, 4.166664568298827e-2):
        cosine = fused_multiply_add(cosine, z, f32(coefficient))
    cosine = fused_multiply_add(cosine * z, z, -(z * f32(0.5))) + f32(1)
    sine = numpy.full_like(x, f32(-1.9515295891e-4))
    for coefficient in (8.3321608736e-3, -1.6666654611e-1):
        sine = fused_multiply_add(sine, z, f32(coefficient))
    sine = fused_multiply_add(sine * z, x, x)
    s, c = numpy.where(swapped, cosine, sine), numpy.where(swapped, sine, cosine)
    return numpy.where(sin_negative, -s, s), numpy.where(cos_negative, -c, c)


def box_muller_16(uniforms: numpy.ndarray, mean: float, std: float) -> numpy.ndarray:
    """Normal values from float32 uniforms, 16 at a time: within each block the first 8
    (u₁) and the last 8 (u₂) give r = √(-2 ln(1 - u₁)), θ = 2π u₂, then mean + std·r cos θ
    and mean + std·r sin θ."""
    blocks = uniforms.astype(f32).reshape(-1, 16)
    radius = numpy.sqrt(f32(-2) * log_approx(f32(1) - blocks[:, :8]))
    sine, cosine = sin_cos_approx(f32(2.0 * math.pi) * blocks[:, 8:])
    out = numpy.empty_like(blocks)
    out[:, :8] = fused_multiply_add(radius * cosine, f32(std), f32(mean))
    out[:, 8:] = fused_multiply_add(radius * sine, f32(std), f32(mean))
    return out.reshape(-1)
