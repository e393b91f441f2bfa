"""Devices: spelling them, moving tensors between them, and keeping every op on its own device.

Without a GPU, ``'cuda'`` is served by ``tests/cupy_standin.py``, a CPU array module that
refuses silent host conversion the way CuPy does. With CuPy and a GPU, the same tests run on
the real thing (the stand-in's own tests then check only the stand-in).
"""

from __future__ import annotations

import subprocess
import sys
import types
from collections.abc import Callable, Iterator
from typing import Any

import cupy_standin
import numpy as np
import pytest
from conftest import REAL_CUDA

import autograd_kit as ak
from autograd_kit import backend

MIXED = (
    "Expected all tensors to be on the same device, but found at least two devices, "
    "cuda:0 and cpu!"
)


@pytest.fixture
def cuda(request: pytest.FixtureRequest) -> Iterator[str]:
    """'cuda', served by the real GPU when there is one, else by the stand-in."""
    if not REAL_CUDA:
        request.getfixturevalue("cuda_standin")
    yield "cuda"


@pytest.fixture
def no_cuda_module() -> Iterator[None]:
    """Forget the installed CUDA module, so the next CUDA request imports CuPy again."""
    before = backend._cuda_module
    backend.use_cuda_module(None)
    try:
        yield
    finally:
        backend.use_cuda_module(before)


# ---- spelling devices ---------------------------------------------------------------------

def test_device_parsing_repr_and_equality() -> None:
    assert repr(ak.device("cpu")) == "device(type='cpu')"
    assert repr(ak.device("cuda")) == "device(type='cuda')"
    assert repr(ak.device("cuda:0")) == "device(type='cuda', index=0)"
    assert repr(ak.device("cuda", 1)) == "device(type='cuda', index=1)"
    assert str(ak.device("cuda:1")) == "cuda:1" and str(ak.device("cpu")) == "cpu"
    assert ak.device("cuda:0") == ak.device("cuda", 0) != "cuda:0"  # (never equal to a string)
    assert ak.device("cuda") != ak.device("cuda:0")  # as in PyTorch: no index is not index 0
    assert ak.device("cpu") != ak.device("cuda:0")
    assert ak.device(ak.device("cuda:2")).index == 2
    assert ak.device("cuda:0").type == "cuda" and ak.device("cpu").index is None
    assert len({ak.device("cuda:0"), ak.device("cuda", 0), ak.device("cpu")}) == 2


@pytest.mark.parametrize("text", ["tpu", "cuda:x", "cuda:", "gpu:0"])
def test_invalid_device_strings(text: str) -> None:
    with pytest.raises(RuntimeError, match="device"):
        ak.device(text)


def test_cpu_tensors_report_cpu() -> None:
    x = ak.ones(2)
    assert x.device == ak.device("cpu") and not x.is_cuda
    assert ak.zeros(2, device="cpu").device.type == "cpu"
    assert ak.ones(2, device=ak.device("cpu")).device == ak.device("cpu")
    assert x.cpu() is x and x.to("cpu") is x


# ---- CUDA missing: one clear error, CuPy imported only when asked for ----------------------

def test_importing_the_kit_does_not_import_cupy() -> None:
    code = (
        "import sys, autograd_kit as ak; x = ak.ones(3, requires_grad=True); "
        "(x * 2).sum().backward(); print('cupy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"


def test_cuda_without_cupy_says_how_to_install(no_cuda_module: None,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "cupy", None)  # `import cupy` raises ImportError
    assert ak.cuda.is_available() is False
    assert ak.cuda.device_count() == 0
    for ask in (lambda: ak.zeros(2, device="cuda"), lambda: ak.ones(2).cuda(),
                lambda: ak.tensor([1.0], device="cuda:0"), lambda: ak.ones(1).to("cuda")):
        with pytest.raises(RuntimeError) as error:
            ask()
        message = str(error.value)
        assert "CuPy is not installed" in message
        assert "pip install autograd-kit[gpu]" in message
        assert "conda install -c conda-forge cupy" in message
    assert (ak.ones(2) + 1).tolist() == [2.0, 2.0]  # the CPU is unaffected


def test_cuda_with_cupy_but_no_gpu_says_so(no_cuda_module: None,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    def no_driver() -> int:
        raise RuntimeError("cudaErrorNoDevice: no CUDA-capable device is detected")

    fake = types.ModuleType("cupy")
    fake.cuda = types.SimpleNamespace(runtime=types.SimpleNamespace(getDeviceCount=no_driver))
    monkeypatch.setitem(sys.modules, "cupy", fake)
    assert ak.cuda.is_available() is False
    assert ak.cuda.device_count() == 0
    with pytest.raises(RuntimeError, match="no NVIDIA GPU"):
        ak.zeros(2, device="cuda")


@pytest.mark.skipif(REAL_CUDA, reason="this machine has a GPU")
def test_cuda_is_not_available_here(no_cuda_module: None) -> None:
    assert ak.cuda.is_available() is False
    assert ak.cuda.device_count() == 0


def test_cuda_is_available_with_a_cuda_module(cuda: str) -> None:
    assert ak.cuda.is_available() is True
    assert ak.cuda.device_count() >= 1


# ---- tensors on cuda ------------------------------------------------------------------------

@pytest.fixture
def default_cuda(cuda: str) -> Iterator[str]:
    """``set_default_device('cuda')`` for one test, then back to the CPU."""
    ak.set_default_device(cuda)
    try:
        yield cuda
    finally:
        ak.set_default_device(None)


def test_set_default_device_moves_what_creation_functions_make(default_cuda: str) -> None:
    assert ak.get_default_device() == ak.device("cuda", 0)
    made = [ak.ones(2), ak.zeros(1, 2), ak.tensor([1.0, 2.0]), ak.as_tensor(np.ones(2)),
            ak.arange(3), ak.randn(2), ak.rand(2), ak.randint(0, 3, (2,)), ak.randperm(3),
            ak.eye(2), ak.full((2,), 1.5), ak.linspace(0, 1, 3), ak.empty(2)]
    assert all(t.device == ak.device("cuda:0") for t in made)
    layer = ak.nn.Linear(3, 2)  # its parameters are made by creation functions too
    assert layer.weight.device == ak.device("cuda:0") and layer.bias.device == ak.device("cuda:0")
    x = ak.ones(4, 3, requires_grad=True)
    layer(x).sum().backward()
    assert x.grad.device == ak.device("cuda:0") and x.grad.tolist() == (
        layer.weight.sum(0).expand(4, 3).tolist())
    # an explicit device= wins, and *_like keeps the other tensor's device
    on_cpu = ak.zeros(2, device="cpu")
    assert on_cpu.device == ak.device("cpu") and ak.ones_like(on_cpu).device == ak.device("cpu")
    assert ak.tensor([1.0], device="cpu").device == ak.device("cpu")


def test_default_device_cuda_without_cupy_says_how_to_install(
        no_cuda_module: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "cupy", None)
    with pytest.raises(RuntimeError, match="CuPy is not installed"):
        ak.set_default_device("cuda")
    assert ak.get_default_device() == ak.device("cpu") and ak.ones(1).device == ak.device("cpu")


def test_creation_on_cuda(cuda: str) -> None:
    made = [
        ak.tensor([1.0, 2.0], device=cuda), ak.zeros(2, 3, device=cuda),
        ak.ones(2, device="cuda:0"), ak.full((2,), 7.0, device=ak.device("cuda", 0)),
        ak.arange(4, device=cuda), ak.linspace(0, 1, 3, device=cuda), ak.eye(2, device=cuda),
        ak.rand(2, device=cuda), ak.randn(2, device=cuda), ak.normal(0.0, 1.0, (2,), device=cuda),
        ak.randint(0, 5, (3,), device=cuda), ak.randperm(4, device=cuda),
        ak.as_tensor([1, 2], device=cuda), ak.zeros_like(ak.ones(2, device=cuda)),
    ]
    for t in made:
        assert t.device == ak.device("cuda", 0) and t.is_cuda
        assert str(t.device) == "cuda:0"
        assert type(t._data) is backend.cuda_module().ndarray
    assert made[4].dtype == ak.int64 and made[1].dtype == ak.float32
    assert made[0].tolist() == [1.0, 2.0] and made[4].tolist() == [0, 1, 2, 3]


def test_to_cuda_and_back_keeps_values_and_dtype(cuda: str) -> None:
    x = ak.tensor([[1.5, -2.0]], dtype=ak.float64)
    y = x.cuda()
    assert y.device == ak.device("cuda:0") and y.dtype == ak.float64
    assert y.cuda() is y and y.to("cuda:0") is y
    back = y.cpu()
    assert back.device == ak.device("cpu") and back.tolist() == [[1.5, -2.0]]
    assert x.to(cuda, ak.float32).dtype == ak.float32
    assert x.to(y).device == ak.device("cuda:0")
    assert x.to(device=cuda, dtype=ak.float16).dtype == ak.float16
    assert ak.ones(2).to(ak.device("cuda:0")).is_cuda


def test_gradients_flow_back_across_devices(cuda: str) -> None:
    x = ak.tensor([1.0, 2.0, 3.0], requires_grad=True)  # a CPU leaf
    on_gpu = x.cuda()
    assert on_gpu.grad_fn.name() == "ToCopyBackward0" and not on_gpu.is_leaf
    y = (on_gpu * on_gpu).cpu()
    assert y.grad_fn.name() == "ToCopyBackward0"
    y.sum().backward()
    assert x.grad.device == ak.device("cpu") and x.grad.tolist() == [2.0, 4.0, 6.0]

    w = ak.tensor([1.0, -1.0], device=cuda, requires_grad=True)  # a GPU leaf
    (w.cpu() * 3).sum().backward()
    assert w.grad.device == ak.device("cuda:0") and w.grad.tolist() == [3.0, 3.0]


def test_mixing_devices_is_an_error(cuda: str) -> None:
    a, b = ak.ones(3, device=cuda), ak.ones(3)
    for mix in (
        lambda: a + b, lambda: b + a, lambda: a * b, lambda: b - a, lambda: a / b,
        lambda: ak.where(a > 0, a, b), lambda: ak.maximum(a, b), lambda: ak.minimum(b, a),
        lambda: a == b, lambda: ak.where(b > 0, a, 0.0),
    ):
        with pytest.raises(RuntimeError) as error:
            mix()
        assert str(error.value) == MIXED


def _named(argument: str, where: str, common: str, method: str) -> str:
    return (f"Expected all tensors to be on the same device, but got {argument} is on {where}, "
            f"different from other tensors on {common} (when checking argument in method "
            f"wrapper_CUDA_{method})")


def test_operations_that_name_their_arguments_say_which_is_elsewhere(cuda: str) -> None:
    """PyTorch's messages, as printed by PyTorch 2.11 on an H100 for the same calls."""
    a, b = ak.ones(3, device=cuda), ak.ones(3)
    layer = ak.nn.Linear(3, 2).to(cuda)
    cases = [
        (lambda: ak.matmul(ak.ones(2, 3, device=cuda), ak.ones(3, 2)),
         _named("mat2", "cpu", "cuda:0", "mm")),
        (lambda: a.dot(b), _named("tensor", "cpu", "cuda:0", "_dot")),
        (lambda: ak.ones(2, 3, device=cuda) @ b, _named("mat", "cuda:0", "cpu", "addmv_")),
        (lambda: ak.bmm(ak.ones(1, 2, 3), ak.ones(1, 3, 2, device=cuda)),
         _named("mat2", "cuda:0", "cpu", "bmm")),
        (lambda: layer(ak.ones(4, 3)), _named("mat1", "cpu", "cuda:0", "addmm")),
        (lambda: ak.cat([a, b]), _named("tensors", "cpu", "cuda:0", "cat")),
        (lambda: ak.stack([b, a]), _named("tensors", "cuda:0", "cpu", "cat")),
        (lambda: a.gather(0, ak.tensor([0, 2])), _named("index", "cpu", "cuda:0", "gather")),
        (lambda: a.index_select(0, ak.tensor([0])),
         _named("index", "cpu", "cuda:0", "_index_select")),
        (lambda: ak.nn.Embedding(4, 2).to(cuda)(ak.tensor([0, 1])),
         _named("index", "cpu", "cuda:0", "_index_select")),
        (lambda: ak.nn.functional.cross_entropy(ak.ones(2, 3, device=cuda), ak.tensor([0, 1])),
         _named("target", "cpu", "cuda:0", "nll_loss_forward")),
        (lambda: ak.equal(a, b), _named("other", "cpu", "cuda:0", "_equal")),
        (lambda: ak.clamp(a, min=b), _named("min", "cpu", "cuda:0", "clamp_Tensor")),
        (lambda: ak.nn.Conv1d(1, 1, 2).to(cuda)(ak.ones(1, 1, 4)),
         _named("weight", "cuda:0", "cpu", "__slow_conv2d_forward")),
        (lambda: ak.nn.Conv2d(1, 1, 2)(ak.ones(1, 1, 4, 4, device=cuda)),
         "Input type (autograd_kit.cuda.FloatTensor) and weight type (autograd_kit.FloatTensor) "
         "should be the same"),
        (lambda: a.masked_fill(ak.tensor([True, False, True]), 0.0),
         "expected self and mask to be on the same device, but got mask on cpu and self on "
         "cuda:0"),
        (lambda: b[ak.tensor([0, 2], device=cuda)],
         "indices should be either on cpu or on the same device as the indexed tensor (cpu)"),
    ]
    for mix, message in cases:
        with pytest.raises(RuntimeError) as error:
            mix()
        assert str(error.value) == message


def test_a_cpu_scalar_may_join_a_gpu_tensor(cuda: str) -> None:
    """As in PyTorch, a 0-dim CPU tensor is a scalar to elementwise operations on a GPU."""
    x = ak.tensor([1.0, 2.0], device=cuda, requires_grad=True)
    s = ak.tensor(3.0, requires_grad=True)
    y = x * s + s
    assert y.device == ak.device("cuda:0") and y.tolist() == [6.0, 9.0]
    y.sum().backward()
    assert x.grad.device == ak.device("cuda:0") and x.grad.tolist() == [3.0, 3.0]
    assert s.grad.device == ak.device("cpu") and s.grad.item() == 5.0  # (1 + 2) + 2 ones
    z = ak.ones(3, device=cuda)
    z[0] = ak.tensor(5.0)
    assert z.tolist() == [5.0, 1.0, 1.0]
    assert z.masked_fill(z > 2, ak.tensor(0.0)).tolist() == [0.0, 1.0, 1.0]
    assert ak.where(ak.tensor(True), z, 0.0).device == ak.device("cuda:0")
    picked = ak.ones(3, device=cuda)[ak.tensor([0, 2])]  # CPU indices: fine
    assert picked.device == ak.device("cuda:0")


def test_gradients_must_come_back_on_their_inputs_device(cuda: str) -> None:
    x = ak.tensor([1.0, 2.0], device=cuda, requires_grad=True)
    x.sum().backward(gradient=ak.tensor(1.0))  # a 0-dim CPU gradient is moved, as in PyTorch
    assert x.grad.device == ak.device("cuda:0") and x.grad.tolist() == [1.0, 1.0]
    with pytest.raises(RuntimeError, match="invalid gradient at index 0 - expected device "
                                           "cuda:0 but got cpu"):
        (x * 2).backward(ak.ones(2))

    class ToHost(ak.autograd.Function):
        @staticmethod
        def forward(ctx: Any, t: ak.Tensor) -> ak.Tensor:
            return t * 2

        @staticmethod
        def backward(ctx: Any, g: ak.Tensor) -> ak.Tensor:
            return (g * 2).cpu()

    with pytest.raises(RuntimeError, match="Function ToHostBackward returned an invalid "
                                           "gradient at index 0 - expected device cuda:0 but "
                                           "got cpu"):
        ToHost.apply(x).sum().backward()
    x.register_hook(lambda g: g.cpu())
    with pytest.raises(RuntimeError, match=r"hook '<lambda>' has changed the type of value "
                       r"\(was autograd_kit.cuda.FloatTensor got autograd_kit.FloatTensor\)"):
        (x * 3).sum().backward()
    y = ak.ones(2, device=cuda, requires_grad=True)
    with pytest.raises(RuntimeError, match="attempting to assign a gradient with device type "
                                           "'cpu' to a tensor with device type 'cuda'"):
        y.grad = ak.zeros(2)


def test_device_queries(cuda: str) -> None:
    assert ak.ones(2, device=cuda).get_device() == 0 and ak.ones(2).get_device() == -1
    assert ak.cuda.current_device() == 0
    assert ak.ones(1, device=cuda).type() == "autograd_kit.cuda.FloatTensor"
    with pytest.raises(ak.AcceleratorError, match="invalid device ordinal"):
        ak.ones(2, device="cuda:7")
    with pytest.raises(RuntimeError, match="Expected one of cpu, cuda, ipu, xpu"):
        ak.ones(2, device="gpu")


def test_optimizer_step_counts_stay_on_the_cpu(cuda: str) -> None:
    """As PyTorch keeps them (reading the count needs no wait for the GPU)."""
    layer = ak.nn.Linear(2, 1).to(cuda)
    for make in (ak.optim.Adam, ak.optim.NAdam, ak.optim.RMSprop, ak.optim.Adagrad):
        opt = make(layer.parameters(), lr=0.1)
        layer(ak.ones(3, 2, device=cuda)).sum().backward()
        opt.step()
        state = opt.state[layer.weight]
        assert state["step"].device == ak.device("cpu") and state["step"].item() == 1.0
        assert all(str(v.device) == ("cuda:0" if v.dim() else "cpu") for v in state.values())


def test_copy_between_devices_is_allowed_and_differentiable(cuda: str) -> None:
    source = ak.tensor([1.0, 2.0], requires_grad=True)
    target = ak.zeros(2, device=cuda)
    target.copy_(source)
    assert target.device == ak.device("cuda:0") and target.tolist() == [1.0, 2.0]
    (target * 2).sum().backward()
    assert source.grad.device == ak.device("cpu") and source.grad.tolist() == [2.0, 2.0]


def test_creation_on_a_second_gpu(cuda_standin: Any) -> None:
    with cupy_standin.device_count(2):
        for t in (ak.zeros(2, device="cuda:1"), ak.arange(3, device="cuda:1"),
                  ak.randn(2, device="cuda:1"), ak.normal(1.0, 2.0, (2,), device="cuda:1"),
                  ak.eye(2, device="cuda:1"), ak.tensor([1.0], device="cuda:1"),
                  ak.ones(2).to("cuda:1"), ak.ones(2).cuda(1)):
            assert t.device == ak.device("cuda", 1) and t._data.device.id == 1
        a, b = ak.ones(2, device="cuda:0"), ak.ones(2, device="cuda:1")
        with pytest.raises(RuntimeError, match="found at least two devices, cuda:1 and cuda:0!"):
            a + b
        assert b.to("cuda:0").device == ak.device("cuda:0") and b.cpu().tolist() == [1.0, 1.0]


def test_ops_on_a_second_gpu(cuda_standin: Any) -> None:
    with cupy_standin.device_count(2):
        x = ak.ones(2, device="cuda:1", requires_grad=True)
        (x * 2).sum().backward()
        assert x.grad.device == ak.device("cuda:1")


def test_invalid_device_ordinal(cuda: str) -> None:
    with pytest.raises(RuntimeError, match="invalid device ordinal"):
        ak.zeros(1, device=f"cuda:{ak.cuda.device_count()}")


# ---- leaving the device: only when asked --------------------------------------------------

def test_numpy_of_a_cuda_tensor_is_refused(cuda: str) -> None:
    x = ak.tensor([1.0, 2.0], device=cuda)
    with pytest.raises(TypeError) as error:
        x.numpy()
    assert str(error.value) == (
        "can't convert cuda:0 device type tensor to numpy. Use Tensor.cpu() to copy the tensor "
        "to host memory first."
    )
    with pytest.raises(TypeError):
        np.asarray(x)
    assert x.cpu().numpy().tolist() == [1.0, 2.0]
    assert x.sum().item() == 3.0 and x.tolist() == [1.0, 2.0] and float(x[0]) == 1.0


def test_printing_a_cuda_tensor(cuda: str) -> None:
    x = ak.tensor([1.0, 2.0], device=cuda, requires_grad=True)
    assert repr(x) == "tensor([1., 2.], device='cuda:0', requires_grad=True)"
    assert repr(x * 2) == "tensor([2., 4.], device='cuda:0', grad_fn=<MulBackward0>)"
    assert str(ak.arange(3, device=cuda)) == "tensor([0, 1, 2], device='cuda:0')"


# ---- every op and every backward rule stays on the device -----------------------------------

class Leaves:
    """Makes the leaves of a sweep program: random ones, or copies of given ones on ``device``."""

    def __init__(self, device: str, copies_of: list[ak.Tensor] | None = None) -> None:
        self.device, self.made = device, []
        self._source = list(copies_of) if copies_of is not None else None

    def __call__(self, *shape: int, positive: bool = False) -> ak.Tensor:
        if self._source is not None:
            x = self._source.pop(0).detach().to(self.device)
        else:
            x = ak.randn(*shape, device=self.device)
            if positive:
                x = x.abs() + 0.5
        x.requires_grad_()
        self.made.append(x)
        return x


def _sweep() -> dict[str, Callable[[Leaves], ak.Tensor]]:
    """Small programs covering the op families; each returns a scalar loss."""

    def arithmetic(leaf: Leaves) -> ak.Tensor:
        a, b, p = leaf(2, 3), leaf(3), leaf(3, positive=True)
        y = (a + b) * (a - 2) / (p + 1) + 2 / p - 3**b + a**2 + p**b + (10 - a) + (-a)
        return y.sum()

    def unary(leaf: Leaves) -> ak.Tensor:
        a, p = leaf(4), leaf(4, positive=True)
        y = (a.exp() + p.log() + p.sqrt() + a.sin() + a.cos() + a.tanh() + a.sigmoid()
             + a.relu() + a.abs() + a.sign() + p.reciprocal() + a.clamp(-0.5, 0.5) + a.square())
        return y.sum()

    def choice(leaf: Leaves) -> ak.Tensor:
        a, b = leaf(4), leaf(4)
        y = (ak.where(a > 0, a, b) + ak.maximum(a, b) + ak.minimum(a, b)
             + ak.where(a > 0, a, 0.0) + ak.where(b > 0, 1.0, b))
        return y.sum()

    def reductions(leaf: Leaves) -> ak.Tensor:
        a = leaf(3, 4)
        return (a.sum() + a.mean() + a.sum(0).sum() + a.mean(1, keepdim=True).sum() + a.max()
                + a.min() + a.max(1).values.sum() + a.min(0)[0].sum() + a.norm() + a.norm(1)
                + ak.norm(a, float("inf")) + a.softmax(1)[:, 0].sum() + a.log_softmax(0).sum())

    def linalg(leaf: Leaves) -> ak.Tensor:
        a, b, v, c = leaf(3, 4), leaf(4, 5), leaf(4), leaf(2, 3, 4)
        return ((a @ b).sum() + (a @ v).sum() + v @ v + (c @ b).sum() + (v @ b).sum()
                + (c @ c.transpose(1, 2)).sum() + ak.mm(a, b).sum() + ak.mv(a, v).sum())

    def shapes(leaf: Leaves) -> ak.Tensor:
        a = leaf(2, 3, 4)
        return (a.reshape(6, 4).sum() + a.view(24)[1] + a.transpose(0, 1).reshape(-1)[0]
                + a.permute(2, 0, 1)[0, 0, 0] + a.unsqueeze(0).squeeze().sum()
                + a[0].t()[1, 2] + a.flatten()[3] + a[:, :1].expand(2, 5, 4).sum()
                + a.clone().sum())

    def indexing(leaf: Leaves) -> ak.Tensor:
        a = leaf(4, 3)
        idx = ak.tensor([0, 2, 2], device=leaf.device)
        y = (a[0].sum() + a[1:3, 1].sum() + a[idx].sum() + a[a > 0].sum() + a[[1, 3]].sum()
             + a[..., None].sum() + a[:, -1].sum())
        c = a * 1
        c[0] = a[1] * 2
        return y + c.sum()

    def joining(leaf: Leaves) -> ak.Tensor:
        a, b = leaf(2, 3), leaf(2, 3)
        return ak.cat([a, b], 1).sum() + (ak.stack([a, b]) ** 2).sum()

    def inplace(leaf: Leaves) -> ak.Tensor:
        a = leaf(3)
        b = a * 1
        b += 1
        b *= a
        b.sub_(1)
        b.exp_()
        return b.sum()

    return {f.__name__: f for f in (arithmetic, unary, choice, reductions, linalg, shapes,
                                    indexing, joining, inplace)}


@pytest.fixture
def host_copies(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Record every explicit device-to-host copy (``.get()``) of stand-in arrays."""
    calls: list[str] = []
    original = cupy_standin.StandinArray.get

    def get(self: Any, *args: Any, **kwargs: Any) -> np.ndarray:
        calls.append("get")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(cupy_standin.StandinArray, "get", get)
    yield calls


@pytest.mark.parametrize("name", sorted(_sweep()))
def test_ops_and_backward_stay_on_the_device(name: str, device: str,
                                             host_copies: list[str]) -> None:
    ak.manual_seed(0)
    leaf = Leaves(device)
    loss = _sweep()[name](leaf)
    assert loss.device.type == device
    loss.backward()
    for x in leaf.made:
        assert x.grad is not None and x.grad.device == x.device and x.grad.dtype == x.dtype
    assert host_copies == [], "the kit copied data to the host behind the user's back"


@pytest.mark.parametrize("name", sorted(_sweep()))
def test_cuda_gradients_match_cpu(name: str, cuda: str) -> None:
    ak.manual_seed(0)
    on_cpu = Leaves("cpu")
    cpu_loss = _sweep()[name](on_cpu)
    cpu_loss.backward()
    on_gpu = Leaves(cuda, copies_of=on_cpu.made)
    gpu_loss = _sweep()[name](on_gpu)
    gpu_loss.backward()
    assert np.allclose(gpu_loss.item(), cpu_loss.item(), rtol=1e-4, atol=1e-5)
    for x, reference in zip(on_gpu.made, on_cpu.made):
        assert np.allclose(x.grad.cpu().numpy(), reference.grad.numpy(), rtol=1e-4, atol=1e-5)


def test_higher_order_gradients_on_the_device(device: str) -> None:
    x = ak.tensor([0.5, -1.0, 2.0], device=device, requires_grad=True)
    (g,) = ak.autograd.grad((x**3).sum(), x, create_graph=True)
    (g2,) = ak.autograd.grad(g.sum(), x)
    assert g2.device.type == device and g2.tolist() == [3.0, -6.0, 12.0]


def test_gradcheck_on_the_device(device: str) -> None:
    x = ak.randn(3, dtype=ak.float64, device=device, requires_grad=True)
    assert ak.autograd.gradcheck(lambda t: (t * t).sin().sum(), (x,))
    assert ak.autograd.gradgradcheck(lambda t: (t * t).sin().sum(), (x,))


def test_backward_with_a_given_gradient_on_the_device(device: str) -> None:
    x = ak.ones(3, device=device, requires_grad=True)
    (x * 2).backward(ak.ones(3, device=device))
    assert x.grad.device.type == device and x.grad.tolist() == [2.0, 2.0, 2.0]


# ---- optimizers on device parameters (nn / optim are written beside this) -------------------

def _training_parts() -> tuple[Any, Any]:
    nn = getattr(ak, "nn", None)
    optim = getattr(ak, "optim", None)
    if nn is None or optim is None or not hasattr(nn, "Linear") or not hasattr(optim, "SGD"):
        pytest.skip("autograd_kit.nn / autograd_kit.optim not there yet")
    return nn, optim


@pytest.mark.parametrize("optimizer", ["SGD", "Adam"])
def test_optimizers_train_device_parameters(device: str, optimizer: str) -> None:
    nn, optim = _training_parts()
    if not hasattr(optim, optimizer):
        pytest.skip(f"optim.{optimizer} not there yet")
    ak.manual_seed(0)
    model = nn.Linear(3, 1).to(device)
    for p in model.parameters():
        assert p.device.type == device and p.is_leaf and p.requires_grad
    opt = getattr(optim, optimizer)(model.parameters(), lr=0.05)
    x = ak.randn(16, 3, device=device)
    target = x.sum(1, keepdim=True)
    losses = []
    for _ in range(20):
        opt.zero_grad()
        loss = ((model(x) - target) ** 2).mean()
        loss.backward()
        opt.step()
        losses.append(loss.item())
    assert losses[-1] < losses[0]
    for p in model.parameters():
        assert p.device.type == device and p.grad.device.type == device


# ---- the stand-in itself must refuse what CuPy refuses --------------------------------------

def test_standin_refuses_implicit_host_conversion() -> None:
    xp = cupy_standin.module
    x = xp.asarray([1.0, 2.0], dtype=xp.float32)
    with pytest.raises(TypeError, match="Implicit conversion to a NumPy array is not allowed"):
        np.asarray(x)
    with pytest.raises(TypeError, match="Implicit conversion"):
        np.array(x)
    with pytest.raises(TypeError):
        np.concatenate([x, x])
    with pytest.raises(TypeError):
        np.exp(x)  # NumPy functions on device data
    with pytest.raises(TypeError):
        x + np.ones(2)  # mixing with host arrays, both ways round
    with pytest.raises(TypeError):
        np.ones(2) * x
    with pytest.raises(TypeError):
        xp.maximum(x, np.zeros(2))
    with pytest.raises(TypeError):
        x[0] = np.float32(1) + np.zeros(1)


def test_standin_behaves_like_cupy() -> None:
    xp = cupy_standin.module
    x = xp.asarray(np.arange(6, dtype=np.float32).reshape(2, 3))
    assert not isinstance(x, np.ndarray)
    total = x.sum()
    assert type(total) is xp.ndarray and total.shape == ()  # 0-dim array, not a NumPy scalar
    assert type(x[0, 0]) is xp.ndarray
    host = x.get()
    assert type(host) is np.ndarray and host.tolist() == x.tolist()
    assert x.device.id == 0 and total.item() == 15.0 and float(total) == 15.0
    assert type(xp.exp(x) + 1) is xp.ndarray and type(x * 2.0) is xp.ndarray
    assert type(x + np.float32(1)) is xp.ndarray  # NumPy scalars are fine, as in CuPy
    out = xp.zeros(3, dtype=xp.float32)
    xp.add.at(out, xp.asarray([0, 0, 2]), xp.asarray([1.0, 1.0, 5.0], dtype=xp.float32))
    assert out.tolist() == [2.0, 0.0, 5.0]
    with xp.cuda.Device(0):
        assert xp.cuda.runtime.getDeviceCount() == 1
    rng = xp.random.default_rng(0)
    assert type(rng.standard_normal((2,), dtype=xp.float32)) is xp.ndarray
    with pytest.raises(TypeError):
        rng.random((2,), dtype=xp.int64)  # CuPy's random floats are float32/float64 only
