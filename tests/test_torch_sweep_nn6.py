"""Sixth nn sweep compared with PyTorch's printed output (skipped without PyTorch).

Same comparison as tests/test_torch_scenarios.py: ``F.pad``'s reflect/replicate/circular
modes, the padding layers and Conv's ``padding_mode`` (then ``F.unfold``/``F.fold``, the
pixel shuffles and packed sequences through the recurrent layers). Gradients are compared in
float64, where the sums agree to the last printed digit.
"""

# ruff: noqa: E501

from __future__ import annotations

import pytest

from tests.test_torch_scenarios import assert_same_as_pytorch

torch = pytest.importorskip("torch")

SNIPPETS = [
    # ---- F.pad modes, padding layers, Conv padding_mode
    "F = T.nn.functional; x = T.randn(2, 3, 5, dtype=T.float64, requires_grad=True); y = F.pad(x, (2, 3), mode='reflect'); print(y, y.grad_fn, y.grad_fn.next_functions); g, = T.autograd.grad((y * y * T.arange(30., dtype=T.float64).view(1, 1, 10)).sum(), x, create_graph=True); print(g, g.grad_fn, g.grad_fn.next_functions); g.sum().backward(); print(x.grad)",
    "F = T.nn.functional; x = T.randn(2, 3, 5, dtype=T.float64, requires_grad=True); y = F.pad(x, (4, 7), mode='replicate'); print(y, y.grad_fn); g, = T.autograd.grad((y * y).sum(), x, create_graph=True); print(g, g.grad_fn); g.pow(2).sum().backward(); print(x.grad)",
    "F = T.nn.functional; x = T.randn(2, 3, 4, 5, dtype=T.float64, requires_grad=True); y = F.pad(x, (1, 2, 3, 0), mode='reflect'); print(y[1, 2], y.grad_fn); (y * y.detach()).sum().backward(); print(x.grad)",
    "F = T.nn.functional; x = T.randn(3, 4, 5, dtype=T.float64, requires_grad=True); y = F.pad(x, (-1, 2, 3, -2), mode='replicate'); print(y, y.grad_fn); (y * y.detach()).sum().backward(); print(x.grad)",
    "F = T.nn.functional; x = T.randn(1, 2, 3, 4, 5, dtype=T.float64, requires_grad=True); y = F.pad(x, (1, 2, 3, 0, 2, 1), mode='reflect'); print(y.shape, y[0, 1, :, 2], y.grad_fn); (y * y.detach()).sum().backward(); print(x.grad)",
    "F = T.nn.functional; x = T.randn(2, 3, 4, 5, dtype=T.float64, requires_grad=True); y = F.pad(x, (1, 2, 3, 0, 2, 4), mode='replicate'); print(y.shape, y[1, :, 2], y.grad_fn); (y * y.detach()).sum().backward(); print(x.grad)",
    "F = T.nn.functional; x = T.randn(2, 3, 5, dtype=T.float64, requires_grad=True); y = F.pad(x, (2, 3), mode='circular'); print(y, y.grad_fn, y.grad_fn.next_functions, y.grad_fn.next_functions[1][0].next_functions); (y * y.detach()).sum().backward(); print(x.grad)",
    "F = T.nn.functional; x = T.randn(2, 4, 5, dtype=T.float64, requires_grad=True); y = F.pad(x, (-1, 2, 3, 1), mode='circular'); print(y, y.grad_fn.next_functions[0][0].next_functions); (y * y.detach()).sum().backward(); print(x.grad)",
    "F = T.nn.functional; x = T.randn(1, 2, 3, 4, 5, dtype=T.float64, requires_grad=True); y = F.pad(x, (1, 2, 3, 0, 2, 1), mode='circular'); print(y.shape, y[0, 1, :, 2]); (y * y.detach()).sum().backward(); print(x.grad)",
    "F = T.nn.functional; x = T.arange(6.).view(1, 2, 3); print(F.pad(x, (2, 2), 'reflect'), F.pad(x, (2, 2), 'replicate'), F.pad(x, (2, 2), 'circular'), F.pad(x, (1, 1, 1, 1), 'reflect', value=0))",
    "T.nn.functional.pad(T.randn(1, 2, 5), (5, 0), mode='reflect')",
    "T.nn.functional.pad(T.randn(2, 3, 4, 5), (1, 2, 4, 0), mode='reflect')",
    "T.nn.functional.pad(T.randn(2, 3, 4, 5), (1, 5, 0, 0), mode='reflect')",
    "T.nn.functional.pad(T.randn(2, 3, 4, 5), (1, 1, 1, 1, 1, 4), mode='reflect')",
    "T.nn.functional.pad(T.randn(3, 4, 5), (1, 1, 1, 1, 3, 0), mode='replicate')",
    "T.nn.functional.pad(T.randn(2, 3, 4, 5), (1, 1), mode='replicate')",
    "T.nn.functional.pad(T.randn(5), (1, 1), mode='circular')",
    "T.nn.functional.pad(T.randn(2, 3), (1, 1, 1, 1), mode='reflect')",
    "T.nn.functional.pad(T.randn(2, 3), (1, 1), mode='zz')",
    "T.nn.functional.pad(T.randn(2, 3, 5), (1, 1), mode='reflect', value=2)",
    "T.nn.functional.pad(T.randn(2, 3, 5), (1, 1, 1), mode='replicate')",
    "T.nn.functional.pad(T.randn(2, 0, 4), (1, 1), mode='replicate')",
    "T.nn.functional.pad(T.randn(2, 3, 2, 0), (0, 0, 1, 1), mode='reflect')",
    "print(T.nn.functional.pad(T.randn(0, 3, 4), (1, 1), mode='reflect').shape)",
    "T.nn.functional.pad(T.randn(2, 3, 4), (-2, -2), mode='reflect')",
    "T.nn.functional.pad(T.randn(2, 3, 4), (-2, -2, -2, -2), mode='reflect')",
    "T.nn.functional.pad(T.randn(2, 3, 4), (-2, -3, -2, -2), mode='replicate')",
    "T.nn.functional.pad(T.randn(2, 3, 4, 5), (-5, -3, -4, -2, -1, -1), mode='replicate')",
    "T.nn.functional.pad(T.randn(2, 3, 4), (-2, -2, -2, -2), mode='circular')",
    "T.nn.functional.pad(T.randn(2, 3, 4), (5, 0), mode='circular')",
    "print(T.nn.functional.pad(T.randn(2, 3, 4), (-2, -2), mode='circular').shape, T.nn.functional.pad(T.randn(2, 3, 4, 5), (-2, -3, -2, -2, -1, -1), mode='reflect').shape)",
    'n = T.nn; print(n.ReflectionPad1d(2), n.ReflectionPad2d((1, 2, 3, 4)), n.ReplicationPad3d(1), n.ZeroPad2d(2), n.ZeroPad1d((1, 2)), n.ConstantPad1d(2, 3.5), n.ConstantPad2d((1, 2, 3, 4), -1), n.CircularPad2d(1), n.ConstantPad3d(1, 0), n.ReplicationPad1d([1, 2]))',
    'n = T.nn; m = n.ReflectionPad2d(2); print(m.padding, list(m.state_dict()), n.ZeroPad2d(2).value, n.ZeroPad2d(2).padding)',
    'x = T.randn(1, 2, 3, 4, requires_grad=True); y = T.nn.ReflectionPad2d((1, 2, 2, 0))(x); print(y, y.grad_fn); y.pow(2).sum().backward(); print(x.grad)',
    'x = T.randn(2, 3, 4, requires_grad=True); y = T.nn.ReplicationPad1d((3, 1))(x); print(y, y.grad_fn); y.pow(2).sum().backward(); print(x.grad)',
    'x = T.randn(2, 3, 4, requires_grad=True); y = T.nn.ReplicationPad2d(1)(x); print(y, y.grad_fn); y.pow(2).sum().backward(); print(x.grad)',
    'x = T.randn(2, 3, 4, requires_grad=True); y = T.nn.ZeroPad2d((1, 0, 2, 1))(x); print(y, y.grad_fn); y.pow(2).sum().backward(); print(x.grad)',
    'x = T.randn(2, 3, 4, requires_grad=True); y = T.nn.ConstantPad1d(2, 1.5)(x); print(y, y.grad_fn); y.pow(2).sum().backward(); print(x.grad)',
    'x = T.randn(2, 3, 4, requires_grad=True); y = T.nn.CircularPad1d((1, 2))(x); print(y, y.grad_fn); y.pow(2).sum().backward(); print(x.grad)',
    'T.nn.CircularPad2d(1)(T.randn(3, 4))',
    'T.nn.ReflectionPad2d(1)(T.randn(3, 4))',
    "D = T.float64; m = T.nn.Conv2d(2, 3, 3, padding=1, padding_mode='circular').double(); x = T.randn(1, 2, 4, 4, dtype=D, requires_grad=True); y = m(x); print(m, y, y.grad_fn.next_functions); y.pow(2).sum().backward(); print(x.grad, m.weight.grad)",
    "D = T.float64; m = T.nn.Conv2d(2, 3, (3, 2), padding=(2, 1), padding_mode='reflect').double(); x = T.randn(2, 4, 5, dtype=D, requires_grad=True); y = m(x); print(m, m._reversed_padding_repeated_twice, y, y.grad_fn.next_functions); y.pow(2).sum().backward(); print(x.grad, m.weight.grad)",
    "D = T.float64; m = T.nn.Conv1d(2, 3, 4, padding='same', padding_mode='replicate').double(); x = T.randn(2, 2, 5, dtype=D, requires_grad=True); y = m(x); print(m, m._reversed_padding_repeated_twice, y); y.pow(2).sum().backward(); print(x.grad, m.bias.grad)",
    "D = T.float64; m = T.nn.Conv1d(2, 3, 3, stride=2, padding=2, dilation=2, padding_mode='circular').double(); x = T.randn(2, 5, dtype=D, requires_grad=True); y = m(x); print(m, y); y.pow(2).sum().backward(); print(x.grad)",
    "m = T.nn.Conv2d(2, 3, 3, padding=4, padding_mode='reflect'); m(T.randn(1, 2, 4, 4))",
    # ---- unfold, fold, pixel shuffles
    'F = T.nn.functional; x = T.randn(2, 3, 4, 5, dtype=T.float64, requires_grad=True); u = F.unfold(x, (2, 3), padding=1, stride=(1, 2)); print(u.shape, u[1, :4], u.grad_fn, u.grad_fn.next_functions); g, = T.autograd.grad((u * u * T.arange(15., dtype=T.float64)).sum(), x, create_graph=True); print(g, g.grad_fn, g.grad_fn.next_functions); g.pow(2).sum().backward(); print(x.grad)',
    'F = T.nn.functional; u = T.randn(2, 18, 15, dtype=T.float64, requires_grad=True); f = F.fold(u, (4, 5), (2, 3), padding=1, stride=(1, 2)); print(f, f.grad_fn); g, = T.autograd.grad((f * f).sum(), u, create_graph=True); print(g.grad_fn, g[0, :3]); g.sum().backward(); print(u.grad[1])',
    'F = T.nn.functional; x = T.randn(3, 5, 6, dtype=T.float64, requires_grad=True); u = F.unfold(x, 2, dilation=2, stride=2); print(u, u.grad_fn); u.pow(2).sum().backward(); print(x.grad); print(F.fold(u, (5, 6), 2, dilation=2, stride=2))',
    'F = T.nn.functional; x = T.arange(24.).view(1, 2, 3, 4); print(F.unfold(x, 2), F.fold(F.unfold(x, 2), (3, 4), 2), T.nn.Fold((3, 4), 2)(T.nn.Unfold(2)(x)))',
    'print(T.nn.Unfold(2), T.nn.Fold((4, 5), (2, 3), padding=1, stride=(1, 2)), T.nn.PixelShuffle(2), T.nn.PixelUnshuffle(3), T.nn.Unfold((2, 3), dilation=2), list(T.nn.Fold(2, 2).state_dict()))',
    'F = T.nn.functional; x = T.randn(2, 8, 3, 3, requires_grad=True); p = F.pixel_shuffle(x, 2); print(p, p.grad_fn, p.grad_fn.next_functions); g, = T.autograd.grad((p * p).sum(), x, create_graph=True); print(g.grad_fn); g.sum().backward(); print(x.grad)',
    'F = T.nn.functional; x = T.randn(2, 2, 4, 6, requires_grad=True); p = T.nn.PixelUnshuffle(2)(x); print(p, p.grad_fn); g, = T.autograd.grad((p * p).sum(), x, create_graph=True); print(g.grad_fn); (p * T.arange(6.)).sum().backward(); print(x.grad)',
    'F = T.nn.functional; x = T.arange(2 * 18 * 4.).view(2, 1, 18, 2, 2); print(F.pixel_shuffle(x, 3).shape, F.pixel_shuffle(x, 3)[1, 0, 1], F.pixel_unshuffle(F.pixel_shuffle(x, 3), 3).equal(x), T.nn.PixelShuffle(1)(x[0, 0]).shape)',
    'T.nn.functional.unfold(T.randn(3, 4), 2)',
    'T.nn.functional.unfold(T.randn(2, 3, 4, 5), 5)',
    'T.nn.functional.unfold(T.randn(2, 3, 4, 5), 0)',
    'T.nn.functional.unfold(T.randn(2, 3, 4, 5), 2, stride=0)',
    'T.nn.functional.unfold(T.randn(2, 3, 4, 5), 2, padding=-1)',
    'T.nn.functional.unfold(T.randn(2, 3, 4, 5), 2, dilation=0)',
    'T.nn.functional.unfold(T.randn(2, 0, 4, 5), 2)',
    'print(T.nn.functional.unfold(T.randn(0, 3, 4, 5), 2).shape)',
    'T.nn.functional.fold(T.randn(2, 12, 5), (4, 5), 2)',
    'T.nn.functional.fold(T.randn(2, 13, 12), (4, 5), 2)',
    'T.nn.functional.fold(T.randn(2, 12, 12, 1), (4, 5), 2)',
    'T.nn.functional.fold(T.randn(12), (4, 5), 2)',
    'T.nn.functional.fold(T.randn(2, 12, 12), (4, 5), 2, stride=0)',
    'T.nn.functional.fold(T.randn(2, 12, 12), (4, 5), 2, padding=-1)',
    'T.nn.functional.fold(T.randn(2, 12, 12), (4, 5), 0)',
    'T.nn.functional.fold(T.randn(2, 12, 12), (4, 5), 2, dilation=0)',
    'T.nn.functional.fold(T.randn(2, 12, 1), (1, 1), 2)',
    'T.nn.functional.pixel_shuffle(T.randn(2, 7, 3, 3), 2)',
    'T.nn.functional.pixel_shuffle(T.randn(7, 3), 2)',
    'T.nn.functional.pixel_unshuffle(T.randn(2, 4, 3, 4), 2)',
    'T.nn.functional.pixel_unshuffle(T.randn(2, 4, 4, 3), 2)',
    'T.nn.functional.pixel_shuffle(T.randn(2, 8, 3, 3), 0)',
    'T.nn.functional.pixel_unshuffle(T.randn(2, 8, 3, 3), 0)',
    'T.nn.functional.pixel_unshuffle(T.randn(3, 3), 1)',
]


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"n6_{i:03d}" for i in range(len(SNIPPETS))])
def test_same_output_as_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)
