"""Which vector instructions PyTorch's CPU kernels use on this machine, and so how wide
their vectors are.

PyTorch compiles its CPU kernels several times (``DEFAULT``, ``AVX2``, ``AVX512``) and picks
one when it starts (``aten/src/ATen/native/DispatchStub.cpp``): the environment variable
``ATEN_CPU_CAPABILITY`` (``default``, ``avx2``, ``avx512``) when set, else AVX-512 when the
processor has AVX-512 F, VL, BW and DQ and FMA, else AVX2 when it has AVX2 and FMA.

The choice shows in the last bit of some float32 results: a kernel walks a tensor a vector
(or two) at a time and sends the values left over to a scalar loop, and a reduction keeps
one running sum per lane. A vector holds 16 float32 with AVX-512 and 8 otherwise, so the
kit's emulations of those kernels (softmax, sigmoid, …) read `FLOAT_LANES` from here.

Only some kernels have an AVX-512 build: those registered with
``ALSO_REGISTER_AVX512_DISPATCH`` (softmax, log_softmax, sigmoid, elu, …). A kernel
registered with plain ``REGISTER_DISPATCH`` (``maximum``, ``minimum``, most binary ops) has
none, so on an AVX-512 machine it runs its AVX2 build (``DispatchStub.h``): 8 float32 to a
vector, `AVX2_FLOAT_LANES`.
"""

from __future__ import annotations

import functools
import os


@functools.cache
def capability() -> str:
    """``"AVX512"``, ``"AVX2"`` or ``"DEFAULT"``: what PyTorch dispatches to here (the
    value ``torch.backends.cpu.get_cpu_capability()`` reports)."""
    chosen = os.environ.get("ATEN_CPU_CAPABILITY", "").lower()
    if chosen in ("default", "avx2", "avx512"):
        return chosen.upper()
    flags = _cpu_flags()
    if {"avx512f", "avx512vl", "avx512bw", "avx512dq", "fma"} <= flags:
        return "AVX512"
    if {"avx2", "fma"} <= flags:
        return "AVX2"
    return "DEFAULT"


@functools.cache
def vendor() -> str:
    """Who made the processor, as it says itself (``"GenuineIntel"``, ``"AuthenticAMD"``;
    ``""`` where Linux does not tell). Intel's MKL, PyTorch's BLAS, picks its matrix kernels
    by it (see ops/small_gemm.py)."""
    return _cpuinfo_field("vendor_id")


def _cpu_flags() -> set[str]:
    """The processor's feature flags, as Linux lists them (none elsewhere)."""
    return set(_cpuinfo_field("flags").split())


def _cpuinfo_field(name: str) -> str:
    """The value of the first ``name`` line of ``/proc/cpuinfo`` ("" when there is none)."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith(name):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return ""


# float32 values in one vector of PyTorch's kernels (``Vectorized<float>::size()``)
FLOAT_LANES = 16 if capability() == "AVX512" else 8
# ... in a kernel with no AVX-512 build (run as its AVX2 build on an AVX-512 machine)
AVX2_FLOAT_LANES = 8
