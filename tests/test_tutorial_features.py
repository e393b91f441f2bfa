"""Features the official tutorials use, checked without PyTorch (tests/test_torch_tutorials.py
compares them with PyTorch when it is installed)."""

from __future__ import annotations

import pytest

import autograd_kit as ak


def test_float64_tensors_from_python_floats_keep_every_digit() -> None:
    assert ak.tensor([0.1], dtype=ak.float64).tolist() == [0.1]
    assert ak.as_tensor(0.1, dtype=ak.float64).item() == 0.1
    assert ak.tensor([0.1]).item() != 0.1  # float32 by default


def test_function_with_setup_context() -> None:
    class Scale(ak.autograd.Function):
        @staticmethod
        def forward(x, factor=3.0):
            return x * factor

        @staticmethod
        def setup_context(ctx, inputs, output):
            ctx.factor = inputs[1]

        @staticmethod
        def backward(ctx, grad):
            return grad * ctx.factor, None

    x = ak.tensor([1.0, 2.0], requires_grad=True)
    Scale.apply(x).sum().backward()
    assert x.grad.tolist() == [3.0, 3.0]


def test_saved_tensors_hooks_pack_and_unpack() -> None:
    seen = []
    a = ak.tensor([1.0, 2.0], requires_grad=True)
    b = ak.tensor([3.0, 4.0], requires_grad=True)

    def pack(t):
        seen.append(("pack", t.tolist()))
        return t.detach().clone()

    def unpack(t):
        seen.append(("unpack", t.tolist()))
        return t

    with ak.autograd.graph.saved_tensors_hooks(pack, unpack):
        y = a * b
    y.sum().backward()
    # PyTorch's order: `other` before `self`
    assert seen == [("pack", [3.0, 4.0]), ("pack", [1.0, 2.0]),
                    ("unpack", [3.0, 4.0]), ("unpack", [1.0, 2.0])]
    assert a.grad.tolist() == [3.0, 4.0]


def test_raw_saved_tensor_register_hooks_once() -> None:
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    y = x.pow(2)
    raw = y.grad_fn._raw_saved_self
    raw.register_hooks(lambda t: t * 10, lambda t: t / 10)
    assert y.grad_fn._saved_self.tolist() == [1.0, 2.0]
    with pytest.raises(RuntimeError, match="hooks have already been set"):
        raw.register_hooks(lambda t: t, lambda t: t)


def test_post_accumulate_grad_hook_sees_the_new_grad() -> None:
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    seen = []
    handle = x.register_post_accumulate_grad_hook(lambda p: seen.append(p.grad.tolist()))
    (x * 5).sum().backward()
    handle.remove()
    (x * 5).sum().backward()
    assert seen == [[5.0, 5.0]]


def test_accelerator_and_default_device() -> None:
    if not ak.accelerator.is_available():
        assert ak.accelerator.current_accelerator() is None
    ak.set_default_device("cpu")
    assert str(ak.get_default_device()) == "cpu"
    ak.set_default_device(None)
    assert ak.get_default_device() == ak.device("cpu") and ak.ones(1).device == ak.device("cpu")
