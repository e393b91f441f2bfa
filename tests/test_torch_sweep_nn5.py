"""Fifth nn sweep compared with PyTorch's printed output (skipped without PyTorch).

Same comparison as tests/test_torch_scenarios.py: group and instance normalization, the 1-D
and adaptive max pools, and transposed convolutions (padding modes, fold and the pixel
shuffles are in tests/test_torch_sweep_nn6.py). Where float32 sums may round the last
printed digit differently, a snippet prints values rounded (``R``) or works in float64.
"""

# ruff: noqa: E501

from __future__ import annotations

import pytest

from tests.test_torch_scenarios import assert_same_as_pytorch

torch = pytest.importorskip("torch")

R = "R = lambda t: (t * 10000).round() / 10000; "
D = "D = T.float64; "

SNIPPETS = [
    # ---- group norm
    D + 'm = T.nn.GroupNorm(2, 4).double(); print(m, list(m.state_dict())); x = T.randn(2, 4, 3, dtype=D, requires_grad=True); y = m(x); print(y, y.grad_fn, y.grad_fn.next_functions); (y * T.arange(24., dtype=D).view(2, 4, 3)).sum().backward(); print(x.grad, m.weight.grad, m.bias.grad)',
    D + 'x = T.randn(3, 6, 2, 2, dtype=D, requires_grad=True); y = T.nn.functional.group_norm(x, 3); print(y.grad_fn.next_functions); g, = T.autograd.grad((y * y * T.arange(72., dtype=D).view(3, 6, 2, 2)).sum(), x, create_graph=True); print(g); g.pow(2).sum().backward(); print(x.grad)',
    R + 'm = T.nn.GroupNorm(1, 3, affine=False); print(m, m.weight, list(m.state_dict())); print(R(m(T.randn(2, 3, 5))))',
    'print(T.nn.GroupNorm(3, 6, eps=1e-3, bias=False), T.nn.GroupNorm(3, 6, bias=False).bias)',
    'T.nn.GroupNorm(2, 3)',
    'T.nn.functional.group_norm(T.randn(2, 3, 4), 2)',
    'T.nn.functional.group_norm(T.randn(2, 3, 4), 3, T.ones(4))',
    'T.nn.functional.group_norm(T.randn(2, 3), 3, T.ones(3), T.ones(2))',
    'T.nn.functional.group_norm(T.randn(2, 3), 3, None, T.ones(2))',
    'T.nn.functional.group_norm(T.randn(1, 3), 3)',
    'T.nn.functional.group_norm(T.randn(3), 3)',
    R + 'print(R(T.nn.GroupNorm(2, 4)(T.randn(4, 7))))',
    # ---- instance norm
    D + 'm = T.nn.InstanceNorm1d(3, affine=True).double(); print(m, list(m.state_dict())); x = T.randn(2, 3, 4, dtype=D, requires_grad=True); y = m(x); print(y, y.grad_fn, y.grad_fn.next_functions); (y * T.arange(24., dtype=D).view(2, 3, 4)).sum().backward(); print(x.grad, m.weight.grad, m.bias.grad)',
    R + 'm = T.nn.InstanceNorm2d(3, track_running_stats=True); print(m, list(m.state_dict())); x = T.randn(2, 3, 4, 4); y = m(x); print(R(y[0, 0]), R(m.running_mean), R(m.running_var), m.num_batches_tracked); m.eval(); print(R(m(x)[1, 2]))',
    R + 'm = T.nn.InstanceNorm1d(3); print(m, list(m.state_dict()), m.running_mean); print(R(m(T.randn(3, 5))))',
    R + 'm = T.nn.InstanceNorm2d(3, momentum=None, track_running_stats=True); m(T.randn(2, 3, 2, 2)); print(R(m.running_mean), R(m.running_var))',
    "import warnings\nwith warnings.catch_warnings(record=True) as w:\n    warnings.simplefilter('always'); y = T.nn.InstanceNorm1d(4)(T.randn(2, 3, 5))\nprint(y.shape, [str(a.message) for a in w])",
    'T.nn.InstanceNorm1d(4, affine=True)(T.randn(2, 3, 5))',
    'T.nn.InstanceNorm1d(3)(T.randn(2, 3, 5, 5))',
    'T.nn.InstanceNorm2d(3)(T.randn(3, 5))',
    'T.nn.functional.instance_norm(T.randn(2, 3, 1))',
    'T.nn.functional.instance_norm(T.randn(2, 3, 4), T.zeros(4), T.ones(4))',
    'T.nn.functional.instance_norm(T.randn(2, 3, 4), T.zeros(3), None)',
    'T.nn.functional.instance_norm(T.randn(2, 3, 4), use_input_stats=False)',
    'T.nn.functional.instance_norm(T.randn(2, 3, 4), weight=T.ones(4))',
    'T.nn.functional.batch_norm(T.randn(2, 3), T.zeros(3), None, training=True)',
    D + 'x = T.randn(2, 3, 4, dtype=D, requires_grad=True); rm = T.zeros(3, dtype=D); rv = T.ones(3, dtype=D); y = T.nn.functional.instance_norm(x, rm, rv, use_input_stats=False); print(y, rm, rv); g, = T.autograd.grad(y.sum(), x); print(g)',
    # ---- 1-D and adaptive max pools
    'print(T.nn.MaxPool1d(3), T.nn.AvgPool1d(3), T.nn.AdaptiveAvgPool1d(3), T.nn.AdaptiveMaxPool1d(3), T.nn.AdaptiveMaxPool2d((2, None)), T.nn.MaxPool1d(3, 2, 1, 2, True, True), T.nn.AvgPool1d(3, 2, 1, True, False))',
    'x = T.randn(2, 3, 8, requires_grad=True); y = T.nn.functional.max_pool1d(x, 2); print(y, y.grad_fn, y.grad_fn.next_functions, y.grad_fn.next_functions[0][0].next_functions); (y * y).sum().backward(); print(x.grad)',
    'x = T.randn(2, 3, 9, requires_grad=True); y, i = T.nn.MaxPool1d(3, 2, 1, 2, ceil_mode=True, return_indices=True)(x); print(y, i); y.sum().backward(); print(x.grad)',
    'x = T.randn(3, 7, requires_grad=True); y = T.nn.functional.max_pool1d(x, 3, 1, 1, 2, True); print(y, y.grad_fn); y.sum().backward(); print(x.grad)',
    'x = T.randn(2, 3, 8, dtype=T.float64, requires_grad=True); y = T.nn.AvgPool1d(3, 2, 1)(x); print(y, y.grad_fn, y.grad_fn.next_functions); g, = T.autograd.grad((y * y).sum(), x, create_graph=True); print(g, g.grad_fn); g.sum().backward(); print(x.grad)',
    'x = T.randn(2, 3, 8, dtype=T.float64, requires_grad=True); y = T.nn.functional.avg_pool1d(x, 3, 2, 1, ceil_mode=True, count_include_pad=False); print(y); y.sum().backward(); print(x.grad)',
    'x = T.randn(2, 3, 8, dtype=T.float64, requires_grad=True); y = T.nn.AdaptiveAvgPool1d(3)(x); print(y, y.grad_fn, y.grad_fn.next_functions); y.pow(2).sum().backward(); print(x.grad); print(T.nn.functional.adaptive_avg_pool1d(x, 1).grad_fn.next_functions)',
    'x = T.randn(3, 7, dtype=T.float64, requires_grad=True); y, i = T.nn.AdaptiveMaxPool1d(3, return_indices=True)(x); print(y, i, y.grad_fn, y.grad_fn.next_functions); y.pow(2).sum().backward(); print(x.grad)',
    'x = T.randn(2, 3, 5, 7, dtype=T.float64, requires_grad=True); y, i = T.nn.functional.adaptive_max_pool2d(x, (2, 3), True); print(y, i, y.grad_fn); g, = T.autograd.grad(y.pow(2).sum(), x, create_graph=True); print(g.grad_fn); g.sum().backward(); print(x.grad)',
    'x = T.randn(3, 4, 6, requires_grad=True); y = T.nn.AdaptiveMaxPool2d((None, 4))(x); print(y); y.sum().backward(); print(x.grad)',
    'x = T.arange(16.).view(1, 4, 4); print(T.nn.functional.adaptive_max_pool2d(x, 3, return_indices=True), T.nn.functional.adaptive_max_pool2d(x, 1))',
    'F = T.nn.functional; x = T.randn(2, 3, 8); print(F.max_pool1d(x, 3, 1, 1), F.avg_pool1d(x, [3]), F.max_pool1d(x, (2,), (1,)))',
    'T.nn.functional.max_pool1d(T.randn(2, 3, 4, 5), 2)',
    'T.nn.functional.max_pool1d(T.randn(2, 3, 8), 10)',
    'T.nn.functional.max_pool1d(T.randn(2, 3, 8), 2, padding=2)',
    'T.nn.functional.max_pool1d(T.randn(2, 3, 8), 2, 0)',
    'T.nn.functional.max_pool1d(T.randn(2, 3, 8), 0)',
    'T.nn.functional.max_pool1d(T.randn(2, 3, 8), 2, padding=-1)',
    'T.nn.functional.max_pool1d(T.randn(2, 3, 8), 2, dilation=0)',
    'T.nn.functional.max_pool1d(T.randn(2, 3, 8), (2, 3))',
    'T.nn.functional.max_pool1d(T.randn(3, 0), 2)',
    'T.nn.functional.avg_pool1d(T.randn(2, 3, 8), 10)',
    'T.nn.functional.avg_pool1d(T.randn(2, 3, 8), 2, padding=2)',
    'T.nn.functional.avg_pool1d(T.randn(2, 3, 8), 2, 0)',
    'T.nn.functional.avg_pool1d(T.randn(2, 3, 4, 5), 2)',
    'T.nn.functional.adaptive_avg_pool1d(T.randn(2, 3, 4, 5), 2)',
    'T.nn.functional.adaptive_max_pool1d(T.randn(2, 3, 4, 5), 2)',
    'T.nn.functional.adaptive_max_pool2d(T.randn(3, 4), 2)',
    'T.nn.functional.adaptive_avg_pool1d(T.randn(2, 3, 8), (2, 3))',
    'T.nn.functional.adaptive_avg_pool1d(T.randn(2, 3, 8), None)',
    'T.nn.functional.adaptive_max_pool2d(T.randn(2, 3, 0, 4), 2)',
    # ---- transposed convolutions
    'm = T.nn.ConvTranspose2d(4, 2, 3, 2, 1, 1, 2, False, 2); print(m, m.weight.shape, list(m.state_dict()), m.transposed, m.output_padding)',
    'm = T.nn.ConvTranspose1d(4, 6, 3, stride=2, padding=1, output_padding=1, groups=2, dilation=2).double(); print(m, m.weight.shape); x = T.randn(2, 4, 5, dtype=T.float64, requires_grad=True); y = m(x); print(y, y.grad_fn, y.grad_fn.next_functions); (y * y).sum().backward(); print(x.grad, m.weight.grad, m.bias.grad)',
    'm = T.nn.ConvTranspose2d(3, 2, (2, 3), stride=(2, 1), padding=(0, 1)).double(); x = T.randn(1, 3, 3, 4, dtype=T.float64, requires_grad=True); y = m(x); print(y); g, = T.autograd.grad((y * y).sum(), x, create_graph=True); print(g, g.grad_fn); (g * g).sum().backward(); print(x.grad, m.weight.grad)',
    'm = T.nn.ConvTranspose2d(4, 2, 3, 2).double(); x = T.randn(4, 3, 3, dtype=T.float64); print(m(x, output_size=(8, 8)).shape, m(x).shape, m(x[None], output_size=[1, 2, 8, 7]).shape)',
    'm = T.nn.ConvTranspose2d(4, 2, 3, 2); m(T.randn(1, 4, 3, 3), output_size=(9, 9))',
    'm = T.nn.ConvTranspose2d(4, 2, 3, 2); m(T.randn(1, 4, 3, 3), output_size=(9, 9, 1))',
    'T.nn.ConvTranspose1d(4, 2, 3, padding_mode="reflect")',
    'T.nn.ConvTranspose1d(4, 3, 3, groups=2)',
    'F = T.nn.functional; x = T.randn(2, 4, 5, dtype=T.float64); w = T.randn(4, 3, 2, dtype=T.float64); b = T.randn(3, dtype=T.float64); print(F.conv_transpose1d(x, w, b, 3, 1, 2), F.conv_transpose1d(x[0], w).shape)',
    'F = T.nn.functional; print(F.conv_transpose1d(T.randn(2, 4, 5), T.randn(4, 2, 3), stride=2, output_padding=1).shape, F.conv_transpose1d(T.randn(2, 4, 5), T.randn(4, 2, 3), output_padding=1, dilation=2).shape)',
    'T.nn.functional.conv_transpose1d(T.randn(2, 4, 5), T.randn(3, 2, 3))',
    'T.nn.functional.conv_transpose1d(T.randn(2, 4, 5), T.randn(4, 2, 3), output_padding=2)',
    'T.nn.functional.conv_transpose1d(T.randn(2, 4, 5), T.randn(4, 2, 3), stride=2, output_padding=2)',
    'T.nn.functional.conv_transpose1d(T.randn(2, 4, 5), T.randn(4, 2, 3), T.randn(3))',
    'T.nn.functional.conv_transpose1d(T.randn(2, 4, 5, 5), T.randn(4, 2, 3))',
    'T.nn.functional.conv_transpose1d(T.randn(2, 4, 5), T.randn(4, 2, 3), groups=3)',
    'T.nn.functional.conv_transpose1d(T.randn(2, 4, 5), T.randn(4, 2, 3), padding=-1)',
    'T.nn.functional.conv_transpose1d(T.randn(2, 4, 5), T.randn(4, 2, 3), stride=0)',
    "T.nn.functional.conv_transpose2d(T.randn(2, 4, 5, 5), T.randn(4, 2, 3, 3), padding='same')",
    R + 'm = T.nn.ConvTranspose2d(2, 4, 3, stride=2, padding=1, output_padding=1, groups=2); x = T.randn(2, 2, 3, 3); y = m(x); print(R(y)); y.pow(2).sum().backward(); print(R(m.weight.grad), R(m.bias.grad))',
]


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"n5_{i:03d}" for i in range(len(SNIPPETS))])
def test_same_output_as_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)
