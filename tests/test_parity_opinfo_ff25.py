"""Parity with PyTorch on the module inputs and error inputs of PyTorch's ModuleInfo database
(torch/testing/_internal/common_modules.py: module_db), on python_ref_db's and op_db's
sample inputs, and on the variants of their entries.

Each case is a snippet run once with ``T`` as PyTorch and once as the kit; what it leaves in
``out`` (values, dtypes, shapes, grads, node names, or the error) must be the same.
"""

from __future__ import annotations

import pytest

import autograd_kit as ak
from tests.parity_harness import assert_same

torch = pytest.importorskip("torch")


def same(code: str) -> None:
    assert_same(torch, ak, code)


@pytest.mark.parametrize("eps", ["-1.0", "0.0", "0", "-1", "1e-5", "float('nan')"])
@pytest.mark.parametrize("training", ["True", "False"])
@pytest.mark.parametrize("shape", ["(2, 3)", "(1, 3)", "(2, 3, 4)"])
def test_batch_norm_refuses_an_eps_out_of_range(eps: str, training: str, shape: str) -> None:
    # PyTorch's F.batch_norm (and so BatchNorm*d) refuses ε ≤ 0 when training, ε < 0 in eval,
    # after the one-value-per-channel check; the kit computed with it (NaNs or infinities)
    same(f"""
x = T.arange(float({shape}[0] * 3 * ({shape} + (1,))[2]), dtype=T.float64).reshape{shape}
y = T.nn.functional.batch_norm(x, T.zeros(3, dtype=T.float64), T.ones(3, dtype=T.float64),
                               training={training}, eps={eps})
out += [y.abs().sum().round(decimals=6), y.shape]
""")


@pytest.mark.parametrize("eps", ["-1.0", "0.0"])
@pytest.mark.parametrize("cls", ["BatchNorm1d", "BatchNorm2d", "BatchNorm3d"])
def test_batch_norm_module_with_eps_out_of_range(eps: str, cls: str) -> None:
    # module_db's error inputs for BatchNorm1d/2d/3d: the error comes at forward, in
    # training (ε ≤ 0) and in eval with running statistics (ε < 0)
    same(f"""
m = T.nn.{cls}(3, eps={eps}).double()
n = int("{cls}"[-2]) - 1
x = T.ones((2, 3) + (2,) * n, dtype=T.float64)
for mode in (True, False):
    m.train(mode)
    try:
        out.append(m(x).sum())
    except ValueError as e:
        out.append(str(e))
""")


def test_batch_norm_of_the_aten_namespace_checks_neither_eps_nor_batch_size() -> None:
    # torch.batch_norm (the operator under F.batch_norm) computes with one value per channel
    # and with ε < 0 (PyTorch's checks are in the Python wrapper)
    same("""
x = T.tensor([[1., 2., 3.]], dtype=T.float64)
out.append(T.batch_norm(x, None, None, None, None, True, 0.1, 1e-5, False))
x = T.tensor([[1., 2.], [3., 5.]], dtype=T.float64)
out.append(T.batch_norm(x, None, None, None, None, True, 0.1, -0.5, False))
""")


@pytest.mark.parametrize("delta", ["1j", "'1'", "None", "T.tensor(1.)", "2", "True", "0.5"])
def test_huber_loss_module_takes_only_a_real_number_as_delta(delta: str) -> None:
    # PyTorch's nn.HuberLoss refuses any delta but a float or an int when constructed
    # (TypeError 'delta must be a float or int, got: <class 'complex'>'); the kit took it
    same(f"""
m = T.nn.HuberLoss(delta={delta})
out.append(m(T.tensor([0., 3.], dtype=T.float64), T.tensor([1., 0.], dtype=T.float64)))
""")


_LAYOUTS = {
    "transposed": "T.arange(16., dtype=T.float64).reshape(4, 4).t()",
    "permuted": "T.arange(24., dtype=T.float64).reshape(4, 3, 2).permute(2, 1, 0)",
    "expanded": "T.arange(4., dtype=T.float64).expand(3, 4)",
    "expanded_3d": "T.arange(6., dtype=T.float64).reshape(3, 2).t().unsqueeze(0).expand(4, 2, 3)",
    "overlapping": "T.arange(40., dtype=T.float64).as_strided((5, 6, 2), (1, 1, 7), 2)",
}
_LAYOUT_CALLS = [
    "T.nn.functional.gelu(x - 7)", "T.nn.functional.gelu(x - 7, approximate='tanh')",
    "T.nn.functional.logsigmoid(x - 7)", "T.nn.functional.rrelu(x - 7)",
    "T.nn.functional.elu(x - 7)", "T.nn.functional.softplus(x - 7)",
    "T.nn.functional.hardtanh(x - 7)", "T.nn.functional.leaky_relu(x - 7)",
    "x.tril()", "x.triu(1)", "T.fill(x, 3)", "T.fill(x, T.tensor(2.))", "T.isreal(x)",
]


@pytest.mark.parametrize("layout", list(_LAYOUTS))
@pytest.mark.parametrize("call", _LAYOUT_CALLS)
def test_results_are_laid_out_as_pytorch_lays_them_out(call: str, layout: str) -> None:
    # python_ref_db's reference inputs (transposed, expanded, overlapping). PyTorch: gelu and
    # the other activations keep x's layout as TensorIterator orders it (the kit's gelu came
    # out row-major; overlapping inputs NumPy's way); logsigmoid, rrelu and tril/triu are
    # row-major whatever x (the kit kept x's layout); fill and isreal are laid out as
    # empty_like (the kit's NumPy full_like put an expanded dimension innermost)
    same(f"""
x = {_LAYOUTS[layout]}
y = {call}
out += [y.shape, y.stride(), y.is_contiguous(), y]
""")


@pytest.mark.parametrize("call", _LAYOUT_CALLS[:8] + ["x.tril()", "x.triu(-1)"])
def test_gradients_of_transposed_inputs_keep_their_layout(call: str) -> None:
    same(f"""
x = T.arange(24., dtype=T.float64).reshape(4, 6).t().div(3).requires_grad_()
y = {call}
y.backward(T.ones(4, 6, dtype=T.float64).t())
out += [y.stride(), x.grad.stride(), x.grad]
""")


def test_rrelu_in_place_keeps_the_tensor_it_wrote_into() -> None:
    same("""
x = T.arange(16., dtype=T.float64).reshape(4, 4).t().sub(7)
y = T.nn.functional.rrelu_(x)
out += [y is x, x.stride(), x]
""")


_INT_LAYOUTS = {
    "transposed": "T.arange(12).reshape(3, 4).t()",
    "expanded": "T.arange(4).expand(3, 4)",
    "permuted": "T.arange(24).reshape(2, 3, 4).permute(1, 2, 0)",
}
_MORE_LAYOUT_CALLS = [
    "T.gcd(x, T.arange(x.numel()).reshape(x.shape) + 6)",
    "T.lcm(x, T.arange(x.numel()).reshape(x.shape) + 1)", "T.gcd(x, x)", "T.lcm(x, x + 2)",
    "T.logit(x)", "T.logit(x.double() / 30, 0.1)", "T.special.logit(x, eps=0.2)",
    "T.deg2rad(x)", "T.rad2deg(x.double())", "T.polygamma(1, x + 1)", "T.mvlgamma(x + 2., 1)",
    "T.special.multigammaln(x.double() + 2, 3)", "x.double().add(3).mvlgamma(2)",
]


@pytest.mark.parametrize("layout", list(_INT_LAYOUTS))
@pytest.mark.parametrize("call", _MORE_LAYOUT_CALLS)
def test_more_results_laid_out_as_pytorch(call: str, layout: str) -> None:
    # gcd/lcm follow their operands' layout as TensorIterator orders it (the kit: row-major);
    # logit, deg2rad, polygamma of integers x's (an expanded x: the kit's float copy put the
    # expanded dimension innermost); mvlgamma is a sum over its terms, so row-major (the
    # kit kept x's layout, for a large x)
    same(f"""
x = {_INT_LAYOUTS[layout]}
y = {call}
out += [y.shape, y.stride(), y.dtype, y]
""")


def test_mvlgamma_of_a_large_transposed_matrix_is_row_major() -> None:
    same("""
x = T.arange(1024. * 1024, dtype=T.float64).reshape(1024, 1024).t() / 1024 + 2
y = x.mvlgamma(3)
out += [y.stride(), y[:2, :3]]
""")
