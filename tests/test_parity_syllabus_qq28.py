"""Syllabus variations (C01-C32), round 3 (session 35): run live with PyTorch and with the kit.

The same harness as ``test_parity_syllabus_ee23`` (``T`` is ``torch`` or ``autograd_kit``;
``obs(...)`` records what a learner would print, ``each(...)`` each expression's value or
error; warnings are recorded too, under ``set_warn_always(True)``): the two records must be
the same. A few GPU behaviours PyTorch's CPU build cannot show are checked on the kit alone,
with the CuPy stand-in (``cuda_standin``).
"""

from __future__ import annotations

import warnings

import pytest

torch = pytest.importorskip("torch")

from test_parity_syllabus_ee23 import _same  # noqa: E402

import autograd_kit as ak  # noqa: E402

SCENARIOS: dict[str, str] = {}

# ---- C. Controlling what is recorded (C20: the historical API)
SCENARIOS["C20 the lower-case autograd.variable of the old days"] = '''
each("T.autograd.variable", "T.autograd.variable(T.ones(2))",
     "T.autograd.variable(T.ones(2), requires_grad=True)", "T.autograd.Variable",
     "T.autograd.variable.__name__", "'variable' in dir(T.autograd)")
'''
SCENARIOS["C20 old tutorials' torch.cuda.FloatTensor, on a machine without CUDA"] = '''
C = T.cuda.FloatTensor; x = T.ones(2)
each("C", "T.cuda.DoubleTensor", "T.cuda.LongTensor", "T.cuda.BoolTensor", "T.cuda.HalfTensor",
     "T.cuda.ByteTensor", "T.cuda.CharTensor", "T.cuda.ShortTensor", "T.cuda.IntTensor",
     "C.dtype", "C.is_cuda", "C.is_sparse", "T.FloatTensor.is_cuda", "type(C)", "C.__module__",
     "C.__name__", "C.__qualname__", "T.typename(C)", "isinstance(x, C)", "C == T.FloatTensor",
     "C(2)", "C()", "C([1.])", "C(x)", "T.cuda.LongTensor([1])", "C([1.], device='cpu')",
     "C.__mro__", "x.type(T.FloatTensor) is x", "x.type(T.DoubleTensor)")
'''
SCENARIOS["C20 a legacy constructor makes tensors of its own device type only"] = '''
each("T.FloatTensor([1.], device='cuda')", "T.FloatTensor(2, device='cuda')",
     "T.Tensor([1.], device='cuda')", "T.FloatTensor([1.], device='cpu')",
     "T.Tensor(2, device='cuda:0')", "T.ones(1).new([1.], device='cuda')",
     "T.ones(1).new(2, device='cuda:1')", "T.ones(1).new([1.], device='cpu')",
     "T.LongTensor([1], device=T.device('cuda'))", "T.FloatTensor([1.], device='cpu:0')")
'''
SCENARIOS["C20 set_default_tensor_type imports a dotted name as PyTorch does"] = '''
each("T.set_default_tensor_type('torch.cuda.IntTensor')",
     "T.set_default_tensor_type('torch.nope.IntTensor')",
     "T.set_default_tensor_type('torch.cuda.Nope')", "T.set_default_tensor_type('torch.Nope')",
     "T.set_default_tensor_type(T.cuda.IntTensor)", "T.set_default_tensor_type('nope.X')",
     "T.set_default_tensor_type('numpy.float32')", "T.set_default_tensor_type('FloatTensor')",
     "T.set_default_tensor_type('torch.DoubleTensor')", "T.ones(1).dtype",
     "T.set_default_tensor_type('torch.float32')", "T.set_default_tensor_type('torch.FloatTensor')",
     "T.ones(1).dtype", "T.set_default_tensor_type(T.cuda.FloatTensor)",
     "T.set_default_tensor_type('torch.cuda.FloatTensor')", "T.ones(1).dtype")
T.set_default_dtype(T.float32)
'''

# ---- F. C31: is there a GPU?
SCENARIOS["C31 the deprecated torch.has_cuda, has_mps, has_cudnn warn and answer"] = '''
each("T.has_cuda", "T.has_mps", "T.has_cudnn", "getattr(T, 'has_cuda')", "T.nope",
     "hasattr(T, 'nope')", "T.has_cuda if hasattr(T, 'has_cuda') else 'x'")
'''
SCENARIOS["C31 get_device_properties on a machine without CUDA"] = '''
each("T.cuda.get_device_properties(0)", "T.cuda.get_device_properties()",
     "T.cuda.get_device_properties('cuda:0')", "T.cuda.get_device_properties(5)")
'''
SCENARIOS["C31 the cuda.device context on a machine without CUDA"] = '''
for code in ["with T.cuda.device(0):\\n    obs(1)", "with T.cuda.device(-1):\\n    obs(3)",
             "with T.cuda.device('cuda:0'):\\n    obs(4)",
             "with T.cuda.device('cpu'):\\n    obs(5)",
             "obs(T.cuda.device(0).idx, T.cuda.device(-1).prev_idx)",
             "with T.cuda.device_of(T.ones(1)):\\n    obs(6)",
             "obs(T.cuda.device(T.device('cuda', 1)).idx)",
             "obs(issubclass(T.cuda.device_of, T.cuda.device))"]:
    try:
        exec(code)
    except Exception as e:
        obs(code, type(e).__name__, str(e))
'''
SCENARIOS["C31 timing with cuda.Event on a machine without CUDA"] = '''
each("T.cuda.Event", "T.cuda.Event.__name__", "T.cuda.Event(enable_timing=True)",
     "T.cuda.Event()", "T.cuda.Event(True, False, False)")
'''

# ---- F. Extending and training (C27-C30)
SCENARIOS["C27 the old testing.assert_allclose warns and compares as PyTorch's"] = '''
A = T.testing.assert_allclose
each("A(T.ones(2), T.ones(2))", "A(T.tensor([1.]), T.tensor([1.00005]))",
     "A(T.tensor([1.]), T.tensor([1.0002]))",
     "A(T.tensor([1.], dtype=T.float64), T.tensor([1.000005]))",
     "A(T.tensor([1.], dtype=T.float64), T.tensor([1.00002], dtype=T.float64))",
     "A(T.tensor([1.]), [1.00001])", "A([1., 2.], [1., 2.])", "A(1., 1.0001)",
     "A(T.tensor([1, 2]), T.tensor([1., 2.]))",
     "A(T.tensor([float('nan')]), T.tensor([float('nan')]))",
     "A(T.tensor([1.]), T.tensor([1.1]), 0.2, 0.)",
     "A(T.tensor([1.]), T.tensor([1.1]), msg='custom')",
     "A(T.ones(2), T.ones(3))", "A(T.tensor([1.]), T.tensor([1.1]), rtol=0.)",
     "A(T.tensor([1.], dtype=T.float16), T.tensor([1.001], dtype=T.float16))",
     "A(T.tensor([1, 2]), T.tensor([1, 3]))", "A(T.tensor([1.]), 1)", "A(2, T.tensor(2.))")
'''


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_syllabus_variation_matches_pytorch(name: str) -> None:
    _same(SCENARIOS[name])


def test_cuda_legacy_types_make_gpu_tensors(cuda_standin: object) -> None:
    """On a GPU, PyTorch's ``torch.cuda.FloatTensor(...)`` makes a tensor there (of a GPU
    tensor: an alias), ``x.type(torch.cuda.FloatTensor)`` moves x there and
    ``x.type(torch.FloatTensor)`` back to the CPU; a device of another type is refused."""
    C, x = ak.cuda.FloatTensor, ak.ones(2)
    g = C([1., 2.])
    assert (g.device.type, g.dtype, C(2, 3).shape, C(2).device.type) == (
        "cuda", ak.float32, (2, 3), "cuda")
    assert C(g)._base is g and isinstance(g, C) and not isinstance(g, ak.FloatTensor)
    assert ak.cuda.LongTensor([1]).dtype == ak.int64
    assert x.type(C).device.type == "cuda" and g.type(ak.FloatTensor).device.type == "cpu"
    assert g.type("torch.DoubleTensor").device.type == "cpu"
    assert g.type(ak.float64).device.type == "cuda" and g.type() == "autograd_kit.cuda.FloatTensor"
    with pytest.raises(TypeError, match=r"expected TensorOptions\(dtype=float, device=cuda, "):
        C(x)
    for make in (lambda: C([1.], device="cpu"), lambda: g.new(2, device="cpu")):
        with pytest.raises(RuntimeError, match="^legacy constructor expects device type: cuda "
                                               "but device type: cpu was passed$"):
            make()
    assert g.new([1.]).device.type == "cuda"


def test_set_default_tensor_type_of_a_gpu_type_puts_new_tensors_there(
        cuda_standin: object) -> None:
    """``set_default_tensor_type(torch.cuda.FloatTensor)``: new tensors on the GPU; a CPU type
    afterwards: back on the CPU."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            ak.set_default_tensor_type(ak.cuda.FloatTensor)
            assert ak.ones(2).device.type == "cuda"
            ak.set_default_tensor_type("torch.DoubleTensor")
            assert (ak.ones(2).device.type, ak.ones(2).dtype) == ("cpu", ak.float64)
        finally:
            ak.set_default_tensor_type(ak.FloatTensor)
            ak.set_default_device(None)


def test_get_device_properties_reads_the_drivers_description(
        cuda_standin: object, monkeypatch: pytest.MonkeyPatch) -> None:
    """``torch.cuda.get_device_properties(0)``: name, capability, memory in bytes (printed in
    MiB), multiprocessors, as the driver (here: a made-up H100) describes them; a device
    that is not there is PyTorch's AssertionError."""
    found = {"name": b"NVIDIA H100 80GB HBM3", "major": 9, "minor": 0,
             "totalGlobalMem": 85029158912, "multiProcessorCount": 132, "integrated": 0,
             "isMultiGpuBoard": 0, "maxThreadsPerMultiProcessor": 2048,
             "l2CacheSize": 52428800, "pciBusID": 25, "pciDeviceID": 0, "pciDomainID": 0,
             "uuid": bytes(range(16))}
    runtime = cuda_standin.cuda.runtime  # type: ignore[attr-defined]
    monkeypatch.setattr(runtime, "getDeviceProperties", lambda index: found, raising=False)
    properties = ak.cuda.get_device_properties(0)
    assert (properties.name, properties.major, properties.minor, properties.total_memory,
            properties.multi_processor_count) == ("NVIDIA H100 80GB HBM3", 9, 0, 85029158912,
                                                  132)
    assert repr(properties) == (
        "_CudaDeviceProperties(name='NVIDIA H100 80GB HBM3', major=9, minor=0, "
        "total_memory=81090MB, multi_processor_count=132, "
        "uuid=00010203-0405-0607-0809-0a0b0c0d0e0f, pci_bus_id=25, pci_device_id=0, "
        "pci_domain_id=0, L2_cache_size=50MB)")
    with pytest.raises(AssertionError, match="^Invalid device id$"):
        ak.cuda.get_device_properties(7)


class _FakeCupyEvent:
    """A CuPy event as far as `autograd_kit.cuda.Event` uses it."""

    def __init__(self, block: bool, disable_timing: bool, interprocess: bool) -> None:
        self.done, self.ptr, self.recorded = False, 0x1234, 0

    def record(self) -> None:
        self.recorded += 1
        self.done = True

    def synchronize(self) -> None:
        self.done = True


def test_cuda_events_time_gpu_work(cuda_standin: object,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """``start.record(); ...; end.record(); end.synchronize(); start.elapsed_time(end)``:
    the milliseconds CuPy measures between the two marks; PyTorch's ValueErrors for events
    made without timing or never recorded."""
    cuda = cuda_standin.cuda  # type: ignore[attr-defined]
    monkeypatch.setattr(cuda, "Event", _FakeCupyEvent, raising=False)
    monkeypatch.setattr(cuda, "get_elapsed_time", lambda a, b: 2.5, raising=False)
    start, end = ak.cuda.Event(enable_timing=True), ak.cuda.Event(enable_timing=True)
    assert repr(start) == "<autograd_kit.cuda.Event uninitialized>" and start.query()
    with pytest.raises(ValueError, match="^Both events must be recorded before calculating "
                                         "elapsed time.$"):
        start.elapsed_time(end)
    start.record()
    end.record()
    end.synchronize()
    assert start.elapsed_time(end) == 2.5 and repr(start) == "<autograd_kit.cuda.Event 0x1234>"
    plain = ak.cuda.Event()
    plain.record()
    with pytest.raises(ValueError, match="^Both events must be created with argument "
                                         "'enable_timing=True'.$"):
        plain.elapsed_time(end)


def test_cuda_device_context_switches_the_current_gpu(cuda_standin: object) -> None:
    """``with torch.cuda.device(1):`` makes GPU 1 current inside the block only;
    ``device_of(t)`` is t's GPU."""
    import cupy_standin

    before, cupy_standin.DEVICE_COUNT[0] = cupy_standin.DEVICE_COUNT[0], 2
    try:
        assert ak.cuda.current_device() == 0
        with ak.cuda.device(1):
            assert ak.cuda.current_device() == 1
            on_second = ak.ones(2, device="cuda")
        assert ak.cuda.current_device() == 0 and on_second.get_device() == 1
        with ak.cuda.device_of(on_second):
            assert ak.cuda.current_device() == 1
        with ak.cuda.device_of(ak.ones(1)), ak.cuda.device(-1):
            assert ak.cuda.current_device() == 0
        ak.cuda.set_device(1)  # (device='cuda' is the current GPU, as in PyTorch)
        assert ak.zeros(1, device="cuda").device == ak.device("cuda", 1)
        ak.cuda.set_device(0)
    finally:
        cupy_standin.DEVICE_COUNT[0] = before
