"""The kit against PyTorch on the top-level operator spellings (namespace_aten.py):
``torch.dropout(x, p, train)``, ``torch.layer_norm``, ``torch.embedding(weight, indices)``,
losses with a numeric reduction, window functions, vander, unravel_index, trapz, fill, …,
and the Tensor methods of tensor_more_methods.py (skipped without PyTorch)."""

# ruff: noqa: E501

from __future__ import annotations

import pytest

from tests.test_torch_scenarios import assert_same_as_pytorch

torch = pytest.importorskip("torch")

SNIPPETS = [
    'x = T.tensor([[1., 2.], [3., 4.]], requires_grad=True); y = T.fill(x, 2.); print(y); print(T.fill(x, T.tensor(3., requires_grad=True)))',
    'x = T.tensor([1., 2., 3.], requires_grad=True); v = T.vander(x); print(v); v.sum().backward(); print(x.grad)',
    'print(T.vander(T.tensor([1, 2]), N=3, increasing=True), T.vander(T.tensor([2., 3.]), N=1), T.vander(T.tensor([2., 3.]), N=0))',
    'print(T.unravel_index(T.tensor([3, 1, 5]), (2, 3)), T.unravel_index(T.tensor(4), (3, 2)), T.unravel_index(T.tensor([-1]), (2, 2)))',
    'T.unravel_index(T.tensor([7]), (2, 3))',
    'T.unravel_index(T.tensor([1.]), (2, 3))',
    'x = T.tensor([[1., 2., 4.], [3., 4., 5.]], requires_grad=True); y = T.trapz(x); z = T.trapz(x, dx=2.); w = T.trapz(x, T.tensor([0., 1., 3.])); print(y, z, w); (y.sum() + w.sum()).backward(); print(x.grad)',
    'x = T.tensor([[1., 2., 4.], [3., 4., 5.]], requires_grad=True); y = T.cumulative_trapezoid(x); z = T.cumulative_trapezoid(x, dx=0.5, dim=0); w = T.cumulative_trapezoid(x, T.tensor([0., 1., 3.])); print(y, z, w); (y.sum() + w.sum()).backward(); print(x.grad)',
    'print(T.range(0, 3), T.range(0, 1, 0.25, dtype=T.float64), T.range(1, 4, 2))',
    'print(T.hann_window(5), T.hann_window(5, periodic=False), T.hamming_window(4, False), T.bartlett_window(6), T.blackman_window(4), T.kaiser_window(5), T.kaiser_window(4, False, 5.), T.hann_window(1), T.hann_window(0), T.hann_window(3, dtype=T.float64))',
    'x = T.tensor([[[1., 2., 0.5], [3., 4., -1.]]], requires_grad=True); w = T.tensor([[[1., -1.], [0.5, 2.]]], requires_grad=True); y = T.conv1d(x, w, None, 1, 1); print(y); y.sum().backward(); print(x.grad, w.grad)',
    'x = T.tensor([[1., 2.], [3., 4.]], requires_grad=True); print(T.cosine_similarity(x, x + 1), T.pairwise_distance(x, x * 2), T.pdist(x), T.threshold(x, 2., 0.), T.hardshrink(x, 1.5), T.selu(x), T.celu(x, 2.), T.prelu(x, T.tensor([0.25])))',
    'x = T.tensor([[[1., 2., 5., 3.], [3., 4., 0., 1.]]], requires_grad=True); print(T.max_pool1d(x, 2), T.max_pool1d_with_indices(x, 2), T.adaptive_max_pool1d(x, 1), T.avg_pool1d(x, 2), T.adaptive_avg_pool1d(x, 2))',
    'x = T.tensor([[1., 2.], [3., 5.]], requires_grad=True); y = T.layer_norm(x, (2,)); z = T.group_norm(x.unsqueeze(-1), 1); print(y, z); (y * x).sum().backward(); print(x.grad)',
    'x = T.tensor([[1., 2.], [3., 5.], [0., 1.]], requires_grad=True); rm = T.zeros(2); rv = T.ones(2); y = T.batch_norm(x, None, None, rm, rv, True, 0.1, 1e-5, False); print(y, rm, rv); z = T.instance_norm(x.t().unsqueeze(0), None, None, None, None, True, 0.1, 1e-5, False); print(z)',
    'w = T.tensor([[1., 2.], [3., 4.], [5., 6.]], requires_grad=True); e = T.embedding(w, T.tensor([2, 0, 2])); print(e); e.sum().backward(); print(w.grad); print(T.embedding(w, T.tensor([1]), 1))',
    'x = T.tensor([[1., 2.], [3., 4.]], requires_grad=True); print(T.constant_pad_nd(x, [1, 1]), T.constant_pad_nd(x, [0, 1, 1, 0], 9.))',
    'x = T.tensor([0.5, -1., 2.], requires_grad=True); t = T.tensor([1., 0., 1.]); print(T.binary_cross_entropy_with_logits(x, t), T.binary_cross_entropy_with_logits(x, t, None, None, 0), T.binary_cross_entropy_with_logits(x, t, reduction=2), T.binary_cross_entropy_with_logits(x, t, pos_weight=T.tensor([2., 1., 1.])))',
    'a = T.tensor([0.5, -1., 2.], requires_grad=True); b = T.tensor([1., 0., 1.]); y = T.tensor([1., -1., 1.]); print(T.margin_ranking_loss(a, b, y), T.margin_ranking_loss(a, b, y, 0.5, 0), T.hinge_embedding_loss(a, y), T.hinge_embedding_loss(a, y, 1., 2))',
    'a = T.tensor([[0.5, -1.], [2., 1.]], requires_grad=True); b = T.tensor([[1., 0.], [1., 1.]]); y = T.tensor([1., -1.]); print(T.cosine_embedding_loss(a, b, y), T.triplet_margin_loss(a, b, -b), T.triplet_margin_loss(a, b, -b, 1., 2., 1e-6, False, 0))',
    'x = T.tensor([0.5, 1., 2.], requires_grad=True); t = T.tensor([1., 0., 3.]); print(T.poisson_nll_loss(x, t, True, False, 1e-8, 1), T.poisson_nll_loss(x, t, False, True, 1e-8, 0))',
    'x = T.tensor([1., 2.]); print(T.dropout(x, 0., True), T.dropout(x, 0.5, False), T.alpha_dropout(x, 0., False), T.feature_alpha_dropout(x.view(1, 2, 1), 0., True))',
    'T.binary_cross_entropy_with_logits(T.ones(2), T.ones(2), reduction=3)',
    'x = T.ones(2, 2, 2, 2, requires_grad=True); print(T.pixel_shuffle(x.view(1, 4, 2, 2), 2).shape, T.pixel_unshuffle(x.view(1, 2, 2, 4), 2).shape, T.channel_shuffle(x, 2).grad_fn)',
    'x = T.tensor([[1., -2.], [3., 4.]]); T.selu_(x); print(x); T.threshold_(x, 1.5, -1.); print(x); T.celu_(x); print(x)',
    'T.hann_window(-1)',
    'T.hann_window(3, dtype=T.int64)',
    'x = T.tensor([[1., 2.], [3., 4.]], requires_grad=True); print(x.is_cpu, x.is_sparse, x.is_quantized, x.is_meta, x.is_nested, x.real is x, x.H, x.mH, x.adjoint(), T.ones(2, 2, 2).mH.shape)',
    'x = T.tensor([1., 2.]); x.imag',
    'x = T.tensor([1., 2.]); x.H',
    'x = T.ones(2, 2, 2); x.H',
    'x = T.tensor([1., 2.]); x.mH',
    'x = T.tensor([1., 2.]); x.adjoint()',
    'x = T.tensor([[1., 2.], [3., 4.]]); print(x.new(), x.new(2, 3).shape, x.new([1, 2]), T.tensor([1, 2]).new([1.5]), x.new(T.tensor([1., 2.])), x.new((2,)), x.new(T.Size([2])).shape)',
    'x = T.tensor([[1., 2.], [3., 4.]]); x.new(2.5)',
    'x = T.tensor([[1., 2.], [3., 4.]], requires_grad=True); y = x.narrow_copy(1, 1, 1); print(y); (y * 3).sum().backward(); print(x.grad)',
    'x = T.tensor([[1., 0.], [3., 4.]]); print(x.nonzero_static(size=1), x.nonzero_static(size=5), x.nonzero_static(size=4, fill_value=9))',
    'print(T.ones(2, 3).t().dim_order(), T.ones(2, 3, 4).permute(2, 0, 1).dim_order(), T.ones(2).dim_order())',
    'x = T.tensor([[1., 2.], [3., 4.]]); print(x.isreal(), T.isreal(x), x.apply_(lambda v: v * 10), x, x.map_(T.tensor([1., 2.]), lambda a, b: a - b))',
    'x = T.tensor([1., 2.], requires_grad=True); x.apply_(lambda v: v)',
    'x = T.tensor([1., 2.]); print(x.is_pinned(), x.is_shared(), x.share_memory_(), x.is_shared(), x.to_dense() is x, x.char())',
    'x = T.tensor([1., 2.]); x.pin_memory()',
    'x = T.tensor([[1., -2.], [0.3, 4.]], requires_grad=True); print(x.hardshrink(), x.hardshrink(1.5), x.prelu(T.tensor([0.1])), x.split_with_sizes([1, 1], 1))',
    'x = T.ones(2, 2); T.solve(x, x)',
    'x = T.ones(2, 2); x.lstsq(x)',
    'x = T.ones(2, 2); x.eig()',
    'x = T.ones(2, 2); T.symeig(x)',
    'x = T.ones(2, 2); T.matrix_rank(x)',
    'x = T.tensor(2.); print(x.H)',
    'x = T.arange(6.).requires_grad_(); y = T.as_strided(x, (2, 2), (1, 2), 1); print(y); y.sum().backward(); print(x.grad)',
    'print(T.float32.is_complex, T.float64.to_real(), T.int64.to_real())',
    'x = T.zeros(3); T.add(x, 1, out=T.zeros(1).expand(3))',
    'm = T.nn.Linear(3, 2); y = m(T.ones(0, 3)); y.sum().backward(); print(y.shape, m.weight.grad, m.bias.grad)',
    'x = T.tensor([1., 2.], requires_grad=True)\nwith T.no_grad():\n    print(x.numpy())',
    'x = T.tensor([1., 2.], requires_grad=True); x.numpy()',
    'x = T.ones(0, 2, requires_grad=True); b = T.ones(2, requires_grad=True); (x + b).sum().backward(); print(b.grad, x.grad)',
    'x = T.tensor(2.); print(x.mH, x.adjoint(), x.H)',
    'x = T.ones(3); x.mH',
]


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"a{i:02d}" for i in range(len(SNIPPETS))])
def test_same_output_as_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)
