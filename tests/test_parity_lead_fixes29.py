"""Lead's fixes of session 36, each compared with PyTorch live."""

from __future__ import annotations

import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")
from tests.parity_harness import assert_same  # noqa: E402

# ---- memory_format=channels_last / channels_last_3d -----------------------------------------
_SHOW = """
def show(r, values=True):
    if isinstance(r, T.Tensor):
        node = type(r.grad_fn).__name__ if r.grad_fn is not None else None
        out.append((tuple(r.shape), r.stride(), str(r.dtype), node, r.is_contiguous(),
                    r.is_contiguous(memory_format=T.channels_last), r.requires_grad, r.is_leaf,
                    r.detach().flatten().tolist() if values and r.numel() < 50 else None))
    else:
        out.append(r)
cl = T.channels_last
x = T.arange(24.).reshape(1, 2, 3, 4).requires_grad_()
"""

CHANNELS_LAST_CASES = [
    "show(x.contiguous(memory_format=cl))",
    "y = x.contiguous(memory_format=cl); show(y.contiguous(memory_format=cl) is y)",
    "show(x.clone(memory_format=cl))",
    "show(x.to(memory_format=cl))",
    "show(x.to(T.float64, memory_format=cl))",
    "show(x.double(memory_format=cl))",
    "y = x.detach().contiguous(memory_format=cl); show(y.to(memory_format=cl) is y)",
    "y = x.contiguous(memory_format=cl); show(y.to(memory_format=T.contiguous_format))",
    "y = x.contiguous(memory_format=cl); show(y.to(memory_format=T.preserve_format) is y)",
    "y = x.contiguous(memory_format=cl); show(y.to(T.float64))",
    "y = x.contiguous(memory_format=cl); show(y.to(memory_format=cl, copy=True))",
    "y = x.contiguous(memory_format=cl); show(y.half(memory_format=T.contiguous_format))",
    "show(x.detach().transpose(2, 3).to(memory_format=T.contiguous_format))",
    "a = T.ones(2, 3).t(); show(a.to(memory_format=T.contiguous_format) is a)",
    "y = x.contiguous(memory_format=cl); show(y.contiguous())",
    "y = x.contiguous(memory_format=cl); show(y.clone())",
    "show(T.ones(1, 1, 3, 4).contiguous(memory_format=cl))",
    "show(T.arange(24).reshape(1, 2, 3, 4).contiguous(memory_format=cl))",
    "show(T.ones(1, 2, 3, 4).bool(memory_format=cl))",
    "show(T.empty(1, 2, 3, 4, memory_format=cl), values=False)",
    "show(T.empty((2, 3, 4, 5), memory_format=cl), values=False)",
    "show(T.empty(size=(2, 3, 4, 5), dtype=T.int32, memory_format=cl), values=False)",
    "show(T.empty(2, 3, 4, 5, requires_grad=True, memory_format=cl), values=False)",
    "show(T.empty(2, 0, 3, 4, memory_format=cl), values=False)",
    "show(T.empty(2, 3, 0, 4, memory_format=cl), values=False)",
    "show(T.empty(2, 1, 3, 1, memory_format=cl), values=False)",
    "show(T.empty(2, 3, 1, 4, 5, memory_format=T.channels_last_3d), values=False)",
    "show(T.empty_like(x, memory_format=cl), values=False)",
    "show(T.zeros_like(x, memory_format=cl))",
    "y = x.contiguous(memory_format=cl); show(T.empty_like(y), values=False)",
    "y = x.contiguous(memory_format=cl); show(T.zeros_like(y, memory_format=T.contiguous_format))",
    "T.manual_seed(0); show(T.rand_like(x, memory_format=cl))",
    "T.manual_seed(0); show(T.randn_like(x.contiguous(memory_format=cl)))",
    "show(T.empty(2, 3, 4, memory_format=cl), values=False)",
    "show(T.ones(2, 3, 4).contiguous(memory_format=cl))",
    "show(T.ones(2, 3, 4).clone(memory_format=cl))",
    "show(T.ones(2, 3, 4).to(memory_format=cl))",
    "show(T.empty_like(T.ones(2, 3, 4), memory_format=cl), values=False)",
    "show(T.ones(1, 2, 3, 4).contiguous(memory_format=T.channels_last_3d))",
    "show(T.ones(1, 2, 3, 4, 5).contiguous(memory_format=T.channels_last_3d).stride())",
    "show(T.ones(2, 3, 4, 5).contiguous(memory_format='cl'))",
    "show(T.ones(2, 3, 4, 5).clone(memory_format=3))",
    # results keep the layout, and gradients come back in the leaf's
    "y = x.contiguous(memory_format=cl); show(y * 2); show(y + x); show(T.relu(y))",
    "y = x.contiguous(memory_format=cl); show(T.nn.functional.conv2d(y, T.ones(3, 2, 2, 2)))",
    "y = x.contiguous(memory_format=cl); show(T.nn.functional.max_pool2d(y, 2))",
    "y = x.contiguous(memory_format=cl); show(y.reshape(1, 24)); show(y.flatten(1))",
    "y = x.contiguous(memory_format=cl); show(y.view(1, 24))",
    "y = x.contiguous(memory_format=cl); (y * y).sum().backward(); show(x.grad)",
    "z = T.ones(2, 2, 3, 4).contiguous(memory_format=cl).requires_grad_(); "
    "(z * z).sum().backward(); show(z); show(z.grad); show(z.detach().permute(0, 2, 3, 1))",
    "z = T.ones(1, 2, 3, 4, 5).contiguous(memory_format=T.channels_last_3d); "
    "show((z * 2).stride())",
]


@pytest.mark.parametrize("code", CHANNELS_LAST_CASES)
def test_channels_last_layouts_as_pytorch(code: str) -> None:
    """contiguous/clone/to/empty/*_like with memory_format=channels_last give PyTorch's
    strides, nodes and values (the kit raised NotImplementedError); a tensor of the wrong
    rank gets PyTorch's RuntimeError."""
    assert_same(torch, ak, _SHOW + code)


def test_module_to_channels_last_trains_as_pytorch() -> None:
    """Module.to(memory_format=channels_last) lays out its 4-D weights channels-last; a
    conv + batch norm + relu step keeps the layout in results and gradients."""
    code = _SHOW + """
T.manual_seed(0)
m = T.nn.Sequential(T.nn.Conv2d(2, 4, 3, padding=1), T.nn.BatchNorm2d(4), T.nn.ReLU())
show(m.to(memory_format=cl) is m)
for p in m.parameters():
    out.append(p.stride())
y = x.contiguous(memory_format=cl)
o = m(y)
out.append((o.stride(), type(o.grad_fn).__name__))
o.sum().backward()
for p in m.parameters():
    out.append(p.grad.stride())
out.append(x.grad.stride())
"""
    assert_same(torch, ak, code)


@pytest.mark.parametrize("code", [
    "a = T.arange(24.).reshape(2, 3, 4); a.resize_(1, 2, 3, 4, memory_format=cl); show(a); "
    "out.append(a._version)",
    "a = T.arange(24.).reshape(1, 2, 3, 4); a.resize_(1, 2, 3, 4, memory_format=cl); show(a); "
    "out.append(a._version)",
    "a = T.arange(6.); a.resize_(1, 2, 2, 2, memory_format=cl); out.append((a.stride(), "
    "a._version))",
    "T.ones(3).resize_(2, 2, memory_format=cl)",
    "a = T.arange(24.).reshape(1, 2, 3, 4); a.resize_as_(T.ones(1, 2, 3, 4), "
    "memory_format=cl); show(a)",
])
def test_resize_channels_last_as_pytorch(code: str) -> None:
    """resize_(..., memory_format=channels_last) restrides the same memory (the version goes
    up only when the shape changes), as PyTorch's."""
    assert_same(torch, ak, _SHOW + code)
