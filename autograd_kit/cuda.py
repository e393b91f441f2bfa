"""``autograd_kit.cuda``: is a GPU usable here, how many, and what PyTorch's programs ask of
``torch.cuda`` (seeding, synchronising, memory statistics, the device's name).

The GPU is served by CuPy (see backend.py). Without one, these behave as PyTorch's do on a
machine without CUDA: seeding and ``empty_cache`` silently do nothing, the memory counters
are 0, and what needs a device (``get_device_name``, ``synchronize``, …) raises PyTorch's
error: "Torch not compiled with CUDA enabled" without CuPy (PyTorch built without CUDA),
"Found no NVIDIA driver …" with CuPy but no GPU.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from .backend import cuda_device_count, cuda_is_available

_peak = {"allocated": 0, "reserved": 0}


def is_available() -> bool:
    """True when CuPy is installed and sees an NVIDIA GPU."""
    return cuda_is_available()


def device_count() -> int:
    """The number of GPUs CuPy sees (0 without CuPy or a GPU)."""
    return cuda_device_count()


def _cupy() -> Any:
    """CuPy, or PyTorch's error for a machine where CUDA cannot be used."""
    if cuda_is_available():
        from .backend import cuda_module

        return cuda_module()
    try:
        import cupy  # noqa: F401
    except ImportError:
        raise AssertionError("Torch not compiled with CUDA enabled") from None
    raise RuntimeError("Found no NVIDIA driver on your system. Please check that you have an "
                       "NVIDIA GPU and installed a driver from "
                       "http://www.nvidia.com/Download/index.aspx")


def _index(device: Any) -> int:
    """A device argument (None, an index, 'cuda:1', a device) as a GPU index."""
    if device is None:
        return current_device()
    if isinstance(device, int):
        return device
    from .backend import as_device

    where = as_device(device)
    if where.type != "cuda":
        raise ValueError(f"Expected a cuda device, but got: {where}")
    return where.index if where.index is not None else current_device()


def current_device() -> int:
    """The index of the GPU new CUDA tensors go to (CuPy's current device)."""
    return int(_cupy().cuda.Device().id)


def set_device(device: Any) -> None:
    """Make ``device`` the current GPU."""
    index = _index(device) if not isinstance(device, int) else device
    if index >= 0:
        _cupy().cuda.Device(index).use()


class device:  # noqa: N801 (PyTorch's name)
    """``with cuda.device(1): ...``: GPU 1 is the current GPU inside the block, the one
    before it afterwards; a negative index changes nothing."""

    def __init__(self, device: Any) -> None:
        self.idx = device if isinstance(device, int) else _index(device)
        self.prev_idx = -1

    def __enter__(self) -> None:
        from .backend import cuda_installed

        if self.idx < 0:
            return
        if not cuda_installed():
            raise RuntimeError("PyTorch was compiled without CUDA support")
        self.prev_idx = current_device()
        set_device(self.idx)

    def __exit__(self, *exc: Any) -> bool:
        if self.prev_idx >= 0:
            set_device(self.prev_idx)
        return False


class device_of(device):  # noqa: N801
    """``with cuda.device_of(t): ...``: t's GPU is the current one inside the block (nothing
    changes for a CPU tensor)."""

    def __init__(self, obj: Any) -> None:
        super().__init__(obj.get_device() if obj.is_cuda else -1)


def synchronize(device: Any = None) -> None:
    """Wait until every kernel queued on the current GPU has finished (for timing)."""
    _cupy().cuda.Device().synchronize()


def is_initialized() -> bool:
    """True once the GPU has been used (CuPy loaded and a GPU found)."""
    from . import backend

    return backend._cuda_module is not None


def init() -> None:
    _cupy()


def manual_seed(seed: int) -> None:
    """Seed the GPU's random numbers (nothing without a GPU, as in PyTorch). The kit's GPU
    streams start from one seed, shared with ``autograd_kit.initial_seed()``."""
    from . import random

    if not is_available():
        return
    random._seed[0] = int(seed)
    random._generators.clear()  # GPU streams restart from the seed on their next use


manual_seed_all = manual_seed


def seed() -> None:
    """Seed the GPU's random numbers from the clock (nothing without a GPU)."""
    import time

    manual_seed(time.time_ns() % (1 << 63))


seed_all = seed


def initial_seed() -> int:
    from . import random

    _cupy()
    return random.initial_seed()


def empty_cache() -> None:
    """Give the memory CuPy keeps for reuse back to the driver (nothing without a GPU)."""
    if is_available():
        _cupy().get_default_memory_pool().free_all_blocks()


def get_device_name(device: Any = None) -> str:
    """The GPU's name, as the driver reports it (``'NVIDIA H100 80GB HBM3'``)."""
    cupy = _cupy()
    properties = cupy.cuda.runtime.getDeviceProperties(_index(device))
    name = properties["name"]
    return name.decode() if isinstance(name, bytes) else str(name)


class _CudaDeviceProperties:
    """What `get_device_properties` gives: the driver's description of one GPU (its name,
    compute capability, memory in bytes, multiprocessors), printed as PyTorch prints it
    (memory sizes in MiB, rounded down)."""

    def __init__(self, found: dict[str, Any]) -> None:
        name = found["name"]
        self.name = name.decode() if isinstance(name, bytes) else str(name)
        self.major, self.minor = int(found["major"]), int(found["minor"])
        self.total_memory = int(found["totalGlobalMem"])
        self.multi_processor_count = int(found["multiProcessorCount"])
        self.is_integrated = bool(found.get("integrated", 0))
        self.is_multi_gpu_board = bool(found.get("isMultiGpuBoard", 0))
        self.max_threads_per_multi_processor = int(found.get("maxThreadsPerMultiProcessor", 0))
        self.L2_cache_size = int(found.get("l2CacheSize", 0))
        self.pci_bus_id = int(found.get("pciBusID", 0))
        self.pci_device_id = int(found.get("pciDeviceID", 0))
        self.pci_domain_id = int(found.get("pciDomainID", 0))
        uuid = bytes(found.get("uuid", b"")).hex()  # 8-4-4-4-12 hex digits, as PyTorch's
        self.uuid = "-".join(uuid[a:b] for a, b in ((0, 8), (8, 12), (12, 16), (16, 20), (20, 32)))

    def __repr__(self) -> str:
        mib = 1024 * 1024
        return (f"_CudaDeviceProperties(name='{self.name}', major={self.major}, "
                f"minor={self.minor}, total_memory={self.total_memory // mib}MB, "
                f"multi_processor_count={self.multi_processor_count}, uuid={self.uuid}, "
                f"pci_bus_id={self.pci_bus_id}, pci_device_id={self.pci_device_id}, "
                f"pci_domain_id={self.pci_domain_id}, "
                f"L2_cache_size={self.L2_cache_size // mib}MB)")


def get_device_properties(device: Any = None) -> _CudaDeviceProperties:
    """The GPU's properties: ``get_device_properties(0).total_memory`` (bytes), ``.name``,
    ``.major``/``.minor``, ``.multi_processor_count``."""
    cupy = _cupy()
    index = _index(device)
    if index < 0 or index >= device_count():
        raise AssertionError("Invalid device id")
    return _CudaDeviceProperties(cupy.cuda.runtime.getDeviceProperties(index))


class Event:
    """A marker in the GPU's queue of work, to time it (GPU work runs asynchronously, so a
    clock read on the CPU would stop too early)::

        start, end = Event(enable_timing=True), Event(enable_timing=True)
        start.record(); ...work on the GPU...; end.record()
        end.synchronize(); start.elapsed_time(end)   # milliseconds between the two

    A CuPy event underneath, made when first recorded (as PyTorch's). Where CUDA is missing
    altogether (no CuPy) this is PyTorch's error for its CPU-only build."""

    __module__ = "autograd_kit.cuda.streams"  # (where PyTorch defines it: its printed name)

    def __init__(self, enable_timing: bool = False, blocking: bool = False,
                 interprocess: bool = False, external: bool = False) -> None:
        from .backend import cuda_installed

        if not cuda_installed():
            raise RuntimeError("Tried to instantiate dummy base class Event")
        self.enable_timing, self._blocking, self._interprocess = (
            bool(enable_timing), bool(blocking), bool(interprocess))
        self._event: Any = None

    def record(self, stream: Any = None) -> None:
        """Mark this point of the current stream's work."""
        if self._event is None:
            self._event = _cupy().cuda.Event(block=self._blocking,
                                             disable_timing=not self.enable_timing,
                                             interprocess=self._interprocess)
        self._event.record()

    def query(self) -> bool:
        """True once the work before the mark has finished (or nothing was recorded)."""
        return self._event is None or bool(self._event.done)

    def synchronize(self) -> None:
        """Wait until the work before the mark has finished."""
        if self._event is not None:
            self._event.synchronize()

    def wait(self, stream: Any = None) -> None:
        """Make work queued from now on wait for the mark."""
        if self._event is not None:
            _cupy().cuda.get_current_stream().wait_event(self._event)

    def elapsed_time(self, end_event: Event) -> float:
        """Milliseconds from this mark to ``end_event``'s (PyTorch's checks, in its order)."""
        if not (self.enable_timing and end_event.enable_timing):
            raise ValueError("Both events must be created with argument 'enable_timing=True'.")
        if self._event is None or end_event._event is None:
            raise ValueError("Both events must be recorded before calculating elapsed time.")
        if not (self.query() and end_event.query()):
            raise RuntimeError("Both events must be completed before calculating elapsed time.")
        return float(_cupy().cuda.get_elapsed_time(self._event, end_event._event))

    def __repr__(self) -> str:
        if self._event is None:
            return "<autograd_kit.cuda.Event uninitialized>"
        return f"<autograd_kit.cuda.Event {int(self._event.ptr):#x}>"


def get_device_capability(device: Any = None) -> tuple[int, int]:
    """The compute capability (major, minor), e.g. (9, 0) for an H100."""
    cupy = _cupy()
    properties = cupy.cuda.runtime.getDeviceProperties(_index(device))
    return int(properties["major"]), int(properties["minor"])


def mem_get_info(device: Any = None) -> tuple[int, int]:
    """(free, total) bytes of the GPU's memory."""
    cupy = _cupy()
    with cupy.cuda.Device(_index(device)):
        free, total = cupy.cuda.runtime.memGetInfo()
    return int(free), int(total)


def memory_allocated(device: Any = None) -> int:
    """Bytes held by the kit's tensors on the GPU (CuPy's pool in use; 0 without a GPU)."""
    if not is_available():
        return 0
    used = int(_cupy().get_default_memory_pool().used_bytes())
    _peak["allocated"] = max(_peak["allocated"], used)
    return used


def memory_reserved(device: Any = None) -> int:
    """Bytes CuPy's pool keeps from the driver (in use or cached; 0 without a GPU)."""
    if not is_available():
        return 0
    total = int(_cupy().get_default_memory_pool().total_bytes())
    _peak["reserved"] = max(_peak["reserved"], total)
    return total


def max_memory_allocated(device: Any = None) -> int:
    """The largest `memory_allocated` seen since the last reset (as sampled by the kit)."""
    return max(_peak["allocated"], memory_allocated(device))


def max_memory_reserved(device: Any = None) -> int:
    return max(_peak["reserved"], memory_reserved(device))


def reset_peak_memory_stats(device: Any = None) -> None:
    _cupy()
    _peak["allocated"] = _peak["reserved"] = 0


reset_max_memory_allocated = reset_peak_memory_stats


def memory_stats(device: Any = None) -> dict[str, int]:
    """A few of PyTorch's memory statistics (empty without a GPU, as PyTorch's)."""
    if not is_available():
        return OrderedDict()
    return OrderedDict([("allocated_bytes.all.current", memory_allocated(device)),
                        ("allocated_bytes.all.peak", max_memory_allocated(device)),
                        ("reserved_bytes.all.current", memory_reserved(device)),
                        ("reserved_bytes.all.peak", max_memory_reserved(device))])


def is_bf16_supported(including_emulation: bool = True) -> bool:
    """False: the kit has no bfloat16 dtype."""
    return False


# The legacy GPU tensor types (``dtype = torch.cuda.FloatTensor`` in old tutorials).
from .legacy import CUDA_TYPES  # noqa: E402

FloatTensor, DoubleTensor, HalfTensor = (CUDA_TYPES[n] for n in (
    "FloatTensor", "DoubleTensor", "HalfTensor"))
LongTensor, IntTensor, ShortTensor, CharTensor, ByteTensor, BoolTensor = (CUDA_TYPES[n] for n in (
    "LongTensor", "IntTensor", "ShortTensor", "CharTensor", "ByteTensor", "BoolTensor"))
