"""Scenarios ported from PyTorch's own nn and optim tests (test/nn/test_module_hooks.py,
test_init.py, test_dropout.py, test_pooling.py, test_embedding.py, test_nn.py and
test/optim/test_lrscheduler.py), each run once with PyTorch and once with the kit as ``T``;
what it leaves in ``out`` (values, reprs, errors) must agree."""

from __future__ import annotations

from typing import Any

import pytest
from parity_harness import assert_same

import autograd_kit as ak

torch = pytest.importorskip("torch")


# ---- test_module_hooks.py: the global hook tables under PyTorch's names --------------------
@pytest.fixture
def no_global_backward_hook_kind() -> Any:
    """Both libraries as a fresh process finds them: which kind of global backward hook came
    first stays set for good in PyTorch (and the kit), so a scenario run earlier in this
    process (test_torch_parity_nn5's full hooks) would decide this test's outcome."""
    from autograd_kit.nn import module_hooks

    torch_module = torch.nn.modules.module
    kept = torch_module._global_is_full_backward_hook, module_hooks._GLOBAL.is_full_backward
    torch_module._global_is_full_backward_hook = module_hooks._GLOBAL.is_full_backward = None
    yield
    torch_module._global_is_full_backward_hook, module_hooks._GLOBAL.is_full_backward = kept


def test_global_hook_tables_are_readable_and_clearable_in_nn_modules_module(
        no_global_backward_hook_kind: Any) -> None:
    assert_same(torch, ak, """
M = T.nn.modules.module
module = T.nn.Sigmoid()
x = T.randn(5, 5, requires_grad=True)
def bw_fail(self, grad_input, grad_output):
    return grad_input[:-1]
with M.register_module_backward_hook(bw_fail):
    out.append(len(M._global_backward_hooks))
    try:
        module(x).sum().backward()
    except RuntimeError as error:
        out.append(str(error))
out.append(len(M._global_backward_hooks))
M.register_module_forward_hook(lambda m, args, output: -output)
M.register_module_forward_pre_hook(lambda m, args: None)
out.append((len(M._global_forward_hooks), len(M._global_forward_pre_hooks)))
M._global_forward_hooks.clear()
M._global_forward_pre_hooks.clear()
out.append(module(T.zeros(1)))
out.append(sorted(name for name in vars(M) if name.startswith("_global_")
                  and name != "_global_is_full_backward_hook"))
""")


# ---- nn.LinearCrossEntropyLoss: a Linear and the cross entropy of its outputs --------------
def test_linear_cross_entropy_loss_module_as_pytorch():
    assert_same(torch, ak, """
T.manual_seed(0)
m = T.nn.LinearCrossEntropyLoss(4, 3)
out += [m, type(m), list(m.state_dict()), [n for n, _ in m.named_parameters()]]
x = T.randn(5, 4, requires_grad=True)
loss = m(x, T.tensor([0, 2, 1, 1, 0]))
loss.backward()
out += [loss, x.grad, m.linear.weight.grad]
m = T.nn.LinearCrossEntropyLoss(4, 3, out_features=(2,), bias=True, reduction="none",
                                ignore_index=1, label_smoothing=0.1,
                                weight=T.tensor([1., 2., 3.]))
out += [m, {k: tuple(v.shape) for k, v in m.state_dict().items()}]
out.append(m(T.randn(5, 4), T.randint(0, 3, (5, 2))))
out.append(T.nn.LinearCrossEntropyLoss(4, 3, dtype=T.float64).linear.weight.dtype)
for kwargs in [dict(weight=T.ones(2)), dict(label_smoothing=1.5)]:
    try:
        T.nn.LinearCrossEntropyLoss(4, 3, **kwargs)
    except RuntimeError as error:
        out.append(str(error))
""")


# ---- test_pooling.py: max_unpool checks its indices; divisor_override must be an int ------
def test_max_unpool_refuses_an_index_outside_the_output_volume():
    assert_same(torch, ak, """
pool = T.nn.MaxPool2d(3, stride=2, return_indices=True)
x = T.zeros(1, 1, 6, 6)
x[0, 0, 4, 4] = 100
pooled, indices = pool(x)
out.append(indices)
try:
    T.nn.MaxUnpool2d(3, stride=2)(pooled[..., :1, 1:], indices[..., 1:, 1:])
except RuntimeError as error:
    out.append(str(error))
x = T.arange(4.).view(1, 2, 2)
for bad in [9, -1]:
    try:
        T.nn.functional.max_unpool1d(x, T.tensor([[[0, bad], [3, 1]]]), 2)
    except RuntimeError as error:
        out.append(str(error))
indices = T.zeros(1, 1, 2, 2, 2, dtype=T.long)
indices[0, 0, 1, 0, 1] = 64
try:
    T.nn.functional.max_unpool3d(T.ones(1, 1, 2, 2, 2), indices, 2)
except RuntimeError as error:
    out.append(str(error))
out.append(T.nn.functional.max_unpool2d(T.ones(1, 1, 2, 2), T.tensor([[[[0, 5], [10, 15]]]]), 2))
""")


def test_avg_pool_divisor_override_is_an_int():
    assert_same(torch, ak, """
x, x3 = T.ones(1, 1, 4, 4), T.ones(1, 1, 2, 4, 4)
for d in [0, -1, 1.5, True, 2.0, T.tensor(2), T.tensor(2.0)]:
    for call in [lambda: T.nn.functional.avg_pool2d(x, 2, divisor_override=d),
                 lambda: T.nn.functional.avg_pool3d(x3, 2, divisor_override=d),
                 lambda: T.nn.AvgPool2d(2, divisor_override=d)(x),
                 lambda: T.nn.AvgPool3d(2, divisor_override=d)(x3)]:
        try:
            out.append(call().flatten()[0].item())
        except (RuntimeError, TypeError) as error:
            out.append(f"{type(error).__name__}: {error}")
""")


def test_max_unpool_of_an_empty_batch_and_its_output_size_length():
    assert_same(torch, ak, """
for nd, shape in [(1, (0, 3, 4)), (2, (0, 3, 4, 4)), (3, (0, 2, 4, 4, 4))]:
    x = T.randn(shape, requires_grad=True)
    pooled, indices = getattr(T.nn, f"MaxPool{nd}d")(2, return_indices=True)(x)
    y = getattr(T.nn, f"MaxUnpool{nd}d")(2)(pooled, indices)
    y.sum().backward()
    out += [y.shape, y.grad_fn.name(), x.grad.shape]
x = T.ones(1, 3, 1, 1, 1)
try:
    T.nn.functional.max_unpool3d(x, T.zeros(x.shape, dtype=T.long), [1, 1])
except RuntimeError as error:
    out.append(str(error))
""")


def test_fractional_max_pool_refuses_an_empty_dimension_and_makes_an_empty_output():
    assert_same(torch, ak, """
for shape, size in [((1, 0, 5, 5), (2, 2)), ((0, 5, 5), (2, 2)), ((2, 3, 0, 5), (2, 2)),
                    ((3, 0, 5), (2, 2)), ((2, 0, 5, 5, 5), (2, 2, 2)), ((0, 4, 6, 6), (3, 3))]:
    pool = T.nn.functional.fractional_max_pool2d if len(size) == 2 else \\
        T.nn.functional.fractional_max_pool3d
    try:
        out.append(pool(T.ones(shape), 2, output_size=size).shape)
    except RuntimeError as error:
        out.append(str(error))
out.append(T.nn.FractionalMaxPool2d([2, 2], output_size=[0, 1])(T.rand(2, 5, 8, 8)).shape)
out.append(T.nn.FractionalMaxPool3d([3, 2, 2], output_size=[0, 1, 1])(T.rand(5, 8, 8, 8)).shape)
""")


# ---- test_embedding.py --------------------------------------------------------------------
def test_embedding_bag_include_last_offset_reads_as_pytorchs_kernels():
    assert_same(torch, ak, """
T.manual_seed(0)
bag = T.nn.EmbeddingBag(100, 3, include_last_offset=True, padding_idx=61)
ids = T.tensor([0, 1, 2, 3])
expected = T.stack([bag.weight[0:3].mean(0), bag.weight[3]])
out.append(bag(ids, T.tensor([0, 3, 3])).equal(expected))
out.append(bag(ids, T.tensor([0, 3, 4])).equal(expected))
w = T.arange(20.).view(10, 2)
for padding_idx in [None, 6]:
    for mode in ["sum", "mean", "max"]:
        for offsets in [[0, 2, 3], [0, 2, 2], [0, 3], [0, 0], [0, 2, 5]]:
            out.append(T.nn.functional.embedding_bag(
                T.tensor([0, 1, 6, 3, 4]), w, T.tensor(offsets), mode=mode,
                include_last_offset=True, padding_idx=padding_idx))
""")


def test_embedding_bag_padding_idx_message_and_embeddings_without_ids_or_width():
    assert_same(torch, ak, """
for padding_idx in [-5, -4, 3, 4]:
    for make in [lambda: T.nn.EmbeddingBag(4, 3, padding_idx=padding_idx),
                 lambda: T.nn.EmbeddingBag.from_pretrained(T.ones(4, 3),
                                                           padding_idx=padding_idx),
                 lambda: T.nn.Embedding(4, 3, padding_idx=padding_idx)]:
        try:
            out.append(make().padding_idx)
        except AssertionError as error:
            out.append(str(error))
for rows, width, ids in [(0, 0, T.tensor([], dtype=T.int64)), (3, 0, T.tensor([[1, 2]])),
                         (3, 2, T.zeros(0, 2, dtype=T.int64))]:
    embedding = T.nn.Embedding(rows, width, scale_grad_by_freq=True)
    y = embedding(ids)
    y.sum().backward()
    out += [y.shape, embedding.weight.grad]
""")


def test_native_embedding_bag_checks_dimensions_as_aten():
    assert_same(torch, ak, """
w, one, long = T.zeros(2, 2), T.zeros(1, dtype=T.long), T.long
for args in [(T.zeros(2, 2, 2), T.ones(2, dtype=long), one),
             (w, T.ones(2, 2, 2, dtype=long), one),
             (w, T.ones(2, dtype=long), T.zeros(1, 1, dtype=long)),
             (T.zeros(2, 2, 2), T.ones(2, 2, 2, dtype=long), T.zeros(1, 1, dtype=long)),
             (T.zeros(2), T.ones(2, dtype=long), one),
             (w, T.ones(3, dtype=long), T.tensor([0, 1]))]:
    for operator in [T.embedding_bag, T._embedding_bag]:
        try:
            out.append(operator(*args))
        except RuntimeError as error:
            out.append(str(error))
""")


# ---- test_nn.py: clip_grad_norm_ of one parameter; a norm over one value is |x| ------------
def test_clip_grad_norm_of_one_parameter_and_norms_of_one_value():
    assert_same(torch, ak, """
for norm_type in [0.5, 1.5, 2, 4, "inf"]:
    w = T.zeros(10, 10, requires_grad=True)
    w.grad = T.arange(1., 101).view(10, 10)
    out.append(T.nn.utils.clip_grad_norm_(w, 2, norm_type=norm_type))
for v in [1e-30, 3e30, -2.5, 0.0, float("nan"), float("-inf")]:
    out.append([T.linalg.vector_norm(T.tensor([v]), p) for p in [2, 1.5, 3, 0.5, -2.5, 0]])
    out.append(T.linalg.vector_norm(T.tensor([[v, 1.0]], dtype=T.float64), 3, dim=0))
    out.append((T.tensor([[v]]).norm(3), T.norm(T.tensor([v]), 1.5, dim=0)))
for v in [1e-30, -2.5, 0.0]:
    for p in [2, 1.5, 3, 0.5]:
        x = T.tensor([[v], [1.5]], requires_grad=True)
        T.linalg.vector_norm(x, p, dim=1).sum().backward()
        out.append(x.grad)
""")


def test_soft_margin_loss_target_broadcasts_to_the_input_only():
    assert_same(torch, ak, """
for a, b in [((3,), (2, 3)), ((2, 1), (2, 3)), ((), (3,)), ((2, 3), (3,)), ((2, 3), (2, 1))]:
    for reduction in ["mean", "none"]:
        try:
            out.append(T.nn.SoftMarginLoss(reduction=reduction)(T.rand(a), T.rand(b)).shape)
        except RuntimeError as error:
            out.append(str(error))
""")


def test_adaptive_pool_backward_refuses_an_empty_gradient_of_a_batch():
    assert_same(torch, ak, """
x = T.randn(1, 4, 10, 9, requires_grad=True)
for pool in (T.nn.functional.adaptive_avg_pool2d, T.nn.functional.adaptive_max_pool2d):
    for size in [0, (0, 3), (2, 0)]:
        y = pool(x, size)
        out.append(y.shape)
        try:
            y.sum().backward()
        except RuntimeError as error:
            out.append(str(error))
x = T.randn(0, 3, 10, 9, requires_grad=True)
for pool in (T.nn.functional.adaptive_avg_pool2d, T.nn.functional.adaptive_max_pool2d):
    pool(x, 2).sum().backward()
    out.append(x.grad.shape)
""")


def test_avg_pool1d_reads_one_int_as_the_argument_parser():
    assert_same(torch, ak, """
x = T.randn(2, 6)
for kwargs in [dict(kernel_size=(2, 2)), dict(kernel_size=2, stride=(1, 1)),
               dict(kernel_size=2, padding=(1, 1)), dict(kernel_size=[2], stride=[1])]:
    for pool in [T.nn.functional.avg_pool1d, T.nn.functional.max_pool1d]:
        try:
            out.append(pool(x, **kwargs).shape)
        except RuntimeError as error:
            out.append(str(error))
try:
    T.nn.functional.lp_pool1d(x, 2, (2, 2))
except RuntimeError as error:
    out.append(str(error))
""")
