"""Parity with PyTorch for what learners and teachers type while working through the
syllabus, mistakes included: each snippet runs once with PyTorch and once with the kit, and
what it prints, the error it ends with (type and message) and its warnings (category and
message) must be the same."""

from __future__ import annotations

import pytest
from test_parity_hunt_learner16 import _run

import autograd_kit as ak

torch = pytest.importorskip("torch")


def _same(code: str) -> None:
    expected, got = _run(torch, code), _run(ak, code)
    assert got == expected, f"{code}\n--- PyTorch:\n{expected}\n--- kit:\n{got}"


# ---- C01: making tensors, with a size and something else by position ------------------------

FACTORY_CALLS = [
    "torch.rand((2, 3), 4)",
    "torch.randn((2, 3), 4)",
    "torch.randn([2, 3], [4])",
    "torch.randn((2,), torch.float64)",
    "torch.rand((2,), None)",
    "torch.rand('a', 2)",
    "torch.rand(2.5, 3)",
    "torch.randn(torch.Size([2, 3]), 4)",
    "torch.rand((2,), np.ones(2))",
    "torch.randn((2,), 3, dtype=torch.float64)",
    "torch.randn((2,), 3, generator=torch.Generator())",
    "torch.rand([2, 3], size=(2,))",
    "torch.rand(2, 3, size=(2,))",
    "print(torch.rand(2, 3).shape, torch.randn((2, 3)).shape, torch.rand(size=(2,)).shape)",
    "torch.ones((2, 3), 4)",
    "torch.randn(2, 3, torch.float64)",
    "torch.ones(2, 3, torch.float64)",
    "torch.zeros(2, torch.Generator())",
    "torch.empty(2, torch.strided)",
    "torch.ones(2, np.float64(2.))",
]


@pytest.mark.parametrize("code", FACTORY_CALLS)
def test_factory_size_mistakes(code: str) -> None:
    """``rand``/``randn`` have two signatures (with and without a generator), so a size tuple
    followed by more positional arguments is PyTorch's "invalid combination" listing both
    (the kit said "takes 1 positional argument", as ``ones`` does); PyTorch names its own C
    types as ``torch.dtype``, ``torch.layout``, ``torch._C.Generator`` (the kit: ``dtype``)."""
    _same(code)


POSITIONAL_OPTIONS = [
    "torch.as_tensor([1, 2], torch.float32)",
    "print(torch.as_tensor([1, 2], torch.float32, 'cpu'))",
    "torch.as_tensor()",
    "print(torch.as_tensor([1, 2], dtype=torch.float32))",
    "torch.from_numpy(np.ones(2), torch.float32)",
    "torch.from_numpy()",
    "torch.from_numpy(array=np.ones(2))",
    "torch.full((2,), 1., torch.float32)",
    "torch.full((2,), 1., 2, 3)",
    "torch.full((2,))",
    "torch.ones_like(torch.ones(2), torch.float32)",
    "torch.zeros_like(torch.ones(2), torch.float32)",
    "torch.full_like(torch.ones(2), 1., torch.float32)",
    "torch.empty_like(torch.ones(2), torch.float32)",
    "torch.cumsum(torch.ones(2))",
]


@pytest.mark.parametrize("code", POSITIONAL_OPTIONS)
def test_options_given_by_position(code: str) -> None:
    """A dtype passed by position: ``as_tensor`` takes its dtype and device as keywords only
    (the kit took ``as_tensor(x, torch.float32)``), ``from_numpy`` takes exactly one argument,
    ``full`` two, ``ones_like`` one (the kit's own "too many positional arguments" escaped)."""
    _same(code)


# ---- C28: a hook that returns something other than a tensor -----------------------------------

HOOK_RETURNS = [
    "x = torch.ones(2, requires_grad=True)\ny = x * 2\ny.register_hook(lambda g: g.numpy())\n"
    "y.sum().backward()",
    "x = torch.ones(2, requires_grad=True)\nx.register_hook(lambda g: g.numpy())\n"
    "(x * 2).sum().backward()",
    "x = torch.ones(2, requires_grad=True)\ny = x * 2\n"
    "y.grad_fn.register_hook(lambda gi, go: gi[0].numpy())\ny.sum().backward()",
    "x = torch.ones(2, requires_grad=True)\ny = x * 2\n"
    "y.grad_fn.register_prehook(lambda go: go[0].numpy())\ny.sum().backward()",
    "class Grad:\n    pass\nx = torch.ones(2, requires_grad=True)\ny = x * 2\n"
    "y.register_hook(lambda g: Grad())\ny.sum().backward()",
    "x = torch.ones(2, requires_grad=True)\ny = x * 2\ny.register_hook(lambda g: [1., 2.])\n"
    "y.sum().backward()",
]


@pytest.mark.parametrize("code", HOOK_RETURNS)
def test_hook_returning_no_tensor(code: str) -> None:
    """PyTorch names what a hook returned by C's tp_name: ``'numpy.ndarray'`` (the kit said
    ``'ndarray'``), a Python class by its own name."""
    _same(code)


# ---- C30: a loss whose target has another shape or dtype --------------------------------------

LOSS_BROADCASTS = [
    "print(F.mse_loss(torch.tensor(1., dtype=torch.float64), torch.ones(3)))",
    "print(F.mse_loss(torch.ones(3), torch.tensor(2., dtype=torch.float64)))",
    "print(F.l1_loss(torch.tensor(1., dtype=torch.float64), torch.ones(3)))",
    "print(F.smooth_l1_loss(torch.tensor(1., dtype=torch.float64), torch.ones(3)))",
    "print(F.huber_loss(torch.tensor(1., dtype=torch.float64), torch.ones(3)))",
    "x = torch.tensor(1., dtype=torch.float64, requires_grad=True)\n"
    "l = F.mse_loss(x, torch.ones(3))\nl.backward()\nprint(l, x.grad)",
    "pred = torch.ones(4, 1, requires_grad=True)\ny = np.array([1., 2., 3., 4.])\n"
    "l = nn.MSELoss()(pred[0], torch.tensor(y[0]))\nl.backward()\nprint(l, pred.grad)",
    "x = torch.ones(3, 1, requires_grad=True)\nl = F.mse_loss(x, torch.zeros(3))\n"
    "print(l.grad_fn.next_functions, l.grad_fn.next_functions[0][0].next_functions)\n"
    "l.backward()\nprint(x.grad)",
    "x = torch.ones(3, 1, requires_grad=True)\nl = F.smooth_l1_loss(x, torch.zeros(3))\n"
    "print(l.grad_fn.next_functions, l.grad_fn.next_functions[0][0].next_functions)",
    "x = torch.ones((), requires_grad=True)\n"
    "l = F.huber_loss(x, torch.zeros(3, requires_grad=True))\n"
    "print(l.grad_fn.next_functions, l.grad_fn.next_functions[0][0].next_functions)",
    "x = torch.ones(3, 1, requires_grad=True)\nl = F.l1_loss(x, torch.zeros(3))\n"
    "f = l.grad_fn.next_functions[0][0].next_functions[0][0]\nprint(f.next_functions)",
    "x = torch.ones(3, requires_grad=True)\nl = F.mse_loss(x, torch.zeros(3))\n"
    "print(l.grad_fn.next_functions)",
    "x = torch.ones(2, 1, requires_grad=True)\n"
    "l = F.mse_loss(x, torch.zeros(2), weight=torch.ones(2, 1))\nl.backward()\nprint(l, x.grad)",
    "x = torch.ones(2, 1, requires_grad=True)\n"
    "l = F.l1_loss(x, torch.zeros(2), weight=torch.ones(2, 1))\nl.backward()\nprint(l, x.grad)",
    "x = torch.ones(2, 1, requires_grad=True)\nl = F.huber_loss(x, torch.zeros(2), "
    "weight=torch.ones(2, 1), reduction='sum')\nl.backward()\nprint(l, x.grad)",
    "F.mse_loss(torch.ones(2, 1), torch.zeros(2), weight=torch.ones(2, 2))",
]


@pytest.mark.parametrize("code", LOSS_BROADCASTS)
def test_elementwise_losses_broadcast_first(code: str) -> None:
    """PyTorch's mse/l1/smooth_l1/huber losses start with ``torch.broadcast_tensors(input,
    target)``: the tensor of the other shape is expanded (``ExpandBackward0`` in the graph;
    the kit's loss node took it directly), and so a 0-dim float64 target (``torch.tensor(
    y[0])`` of a NumPy row) makes a float64 loss (the kit's was float32)."""
    _same(code)


COSINE = [
    "print(F.cosine_similarity(torch.ones(2, 3), torch.ones(2, 3, dtype=torch.long)))",
    "print(F.cosine_similarity(torch.ones(2, 3, dtype=torch.long), torch.ones(2, 3, "
    "dtype=torch.long)))",
    "print(F.cosine_similarity(torch.ones(2, 3, dtype=torch.long), torch.ones(4, "
    "dtype=torch.long)))",
    "print(F.cosine_similarity(torch.ones(2, 3, dtype=torch.bool), torch.ones(2, 3, "
    "dtype=torch.float16)))",
    "print(F.cosine_similarity(torch.ones(2, 3, dtype=torch.uint8), torch.tensor(2.)))",
    "x = torch.ones(2, 3, requires_grad=True)\n"
    "y = F.cosine_similarity(x, torch.tensor([[1, 2, 3], [4, 5, 6]]))\ny.sum().backward()\n"
    "print(y, x.grad)",
]


@pytest.mark.parametrize("code", COSINE)
def test_cosine_similarity_of_integers(code: str) -> None:
    """PyTorch casts an integer input of ``cosine_similarity`` to the pair's common type (the
    kit's norm refused it: 'linalg.vector_norm: Expected a floating point ... Got Long'), and
    refuses a pair whose common type is not floating."""
    _same(code)


# ---- C29/C30: layers given a 0-dim tensor -----------------------------------------------------

ZERO_DIM_LAYERS = [
    "print(F.linear(torch.ones(1, 3), torch.tensor(2.)))",
    "print(F.linear(torch.tensor(2.), torch.ones(1, 3)))",
    "m = nn.Linear(3, 1)\nm.weight = nn.Parameter(torch.tensor(2.))\nm(torch.ones(3))",
    "x = torch.tensor(1.5, requires_grad=True)\nfor i in range(6):\n    y = F.dropout(x)\n"
    "    print(y, y.grad_fn)\ny.backward()\nprint(x.grad)",
    "m = nn.Dropout(0.3)\nprint([m(torch.tensor(2.)) for i in range(6)])",
    "x = torch.tensor(1.5)\nprint(F.dropout(x, 1.0), F.dropout(x * 1, inplace=True))",
]


@pytest.mark.parametrize("code", ZERO_DIM_LAYERS)
def test_layers_on_zero_dim_tensors(code: str) -> None:
    """PyTorch's ``linear`` refuses a 0-dim weight ('both arguments to linear need to be at
    least 1D, but they are 1D and 0D'; the kit failed inside with IndexError or named
    matmul), and dropout of a 0-dim tensor keeps or zeroes its one value (the kit's mask was a
    NumPy scalar: 'unsupported array type float32')."""
    _same(code)


LAYER_NORM_CHECKS = [
    "m = nn.LayerNorm(3)\nm(torch.ones(2, 4, dtype=torch.float64))",
    "m = nn.LayerNorm(3)\nprint(m(torch.ones(2, 3, dtype=torch.float64)))",
    "print(F.layer_norm(torch.ones(2, 4, dtype=torch.float64), (3,), torch.ones(2)))",
    "print(F.layer_norm(torch.ones(2, 4, dtype=torch.float16), (3,), torch.ones(2)))",
    "print(F.layer_norm(torch.ones(2, 4), (3,), torch.ones(2, dtype=torch.float64)))",
    "m = nn.LayerNorm(3).double()\nm(torch.ones(2, 4))",
    "F.layer_norm(torch.ones(2, 4), [])",
    "m = nn.LayerNorm([])\nprint(m)\nm(torch.ones(2))",
]


@pytest.mark.parametrize("code", LAYER_NORM_CHECKS)
def test_layer_norm_checks_in_pytorchs_order(code: str) -> None:
    """NumPy data is float64: PyTorch's CPU layer norm refuses a float64 input beside float32
    parameters ('mixed dtype (CPU)') before it looks at shapes, then the weight's shape
    before the input's, and refuses an empty normalized_shape (the kit checked the input's
    shape first, and normalized over nothing)."""
    _same(code)


ZERO_DIM_CROSS_ENTROPY = [
    "F.cross_entropy(torch.tensor(2.), torch.tensor(1.))",
    "nn.CrossEntropyLoss()(torch.tensor(0.3), torch.tensor(0.))",
    "F.cross_entropy(torch.tensor(2.), torch.tensor([1]))",
    "F.cross_entropy(torch.tensor(2.), torch.tensor(1))",
    "print(F.cross_entropy(torch.tensor([2., 1.]), torch.tensor([0.3, 0.7])))",
    "print(F.cross_entropy(torch.tensor([2., 1.]), torch.tensor(0)))",
]


@pytest.mark.parametrize("code", ZERO_DIM_CROSS_ENTROPY)
def test_cross_entropy_of_one_score(code: str) -> None:
    """A model that outputs one number given to CrossEntropyLoss: PyTorch's class dimension
    of a 0-dim input is 1, so it fails with its own IndexError ('Dimension specified as 1 but
    tensor has no dimensions'; the kit's Python 'tuple index out of range' escaped), and a
    class-index target meets the log-softmax's error first."""
    _same(code)


# ---- pools given an image without its channel (H, W), or an empty batch -----------------------

POOL_INPUTS = [
    "nn.AvgPool2d(2)(torch.ones(4, 4))",
    "nn.AvgPool2d(2)(torch.ones(4))",
    "nn.AvgPool2d(2)(torch.tensor(1.))",
    "nn.AvgPool2d(2)(torch.ones(1, 1, 1, 4, 4))",
    "nn.AvgPool2d(2)(torch.ones(0, 4, 4))",
    "print(F.avg_pool2d(torch.ones(0, 1, 4, 4), 2))",
    "F.avg_pool2d(torch.ones(4, 4), 2, divisor_override=0)",
    "F.max_pool2d(torch.ones(1, 0, 4, 4), 2)",
    "F.max_pool2d(torch.ones(4, 4), 2)",
    "x = torch.ones(0, 1, 4, 4, requires_grad=True)\ny = F.max_pool2d(x, 2)\ny.sum().backward()\n"
    "print(y, x.grad.shape)",
    "y = nn.AdaptiveAvgPool2d(1)(torch.arange(12.).view(4, 3).requires_grad_())\n"
    "print(y, y.grad_fn)",
    "nn.AdaptiveAvgPool2d(1)(torch.arange(12.))",
    "print(nn.AdaptiveAvgPool2d(1)(torch.arange(24.).view(1, 2, 1, 4, 3)).shape)",
    "nn.AdaptiveAvgPool2d((1, 1))(torch.arange(12.).view(4, 3))",
    "nn.AdaptiveAvgPool2d(2)(torch.arange(12.).view(4, 3))",
    "m = nn.AdaptiveAvgPool2d((1, None))\n"
    "print(m(torch.arange(12.).view(1, 4, 3)), m(torch.arange(12.).view(1, 4, 1)).grad_fn)",
]


@pytest.mark.parametrize("code", POOL_INPUTS)
def test_pool_inputs(code: str) -> None:
    """PyTorch's avg_pool2d reads ``input.size(-3)`` first (an IndexError for an (H, W)
    image; the kit: 'non-empty 3D or 4D ... expected'), pools an empty batch (the kit refused
    it, or failed reshaping), and adaptive_avg_pool2d to 1 is a mean over the last two
    dimensions of any input of two or more (``MeanBackward1``), a tuple size needing one
    dimension more ('Input dimension should be at least 3')."""
    _same(code)
