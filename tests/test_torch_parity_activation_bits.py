# ruff: noqa: E501
"""Float32 activations compared with PyTorch to the last bit (values and gradients printed
with .tolist()); skipped without torch."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")

from tests.test_torch_scenarios import assert_same_as_pytorch  # noqa: E402

SNIPPETS = [
    """
F = T.nn.functional
x = T.tensor([-2.5, -1.3, -0.7, -0.1, 0.3, 0.9, 1.7, 3.1], requires_grad=True)
for f in (F.silu, F.elu, F.selu, F.softplus, F.mish):
    y = f(x)
    y.backward(T.ones_like(y) * 0.7)
    print(y.tolist(), x.grad.tolist())
    x.grad = None
""",
    """
F = T.nn.functional
T.manual_seed(0)
x = (T.arange(48, dtype=T.float32) * 0.29 - 7.1).requires_grad_()
g = T.linspace(-1, 1, 48)
for f in (F.silu, F.elu, F.selu, lambda v: F.softplus(v, beta=2, threshold=4), lambda v: F.gelu(v, approximate='tanh')):
    y = f(x)
    y.backward(g)
    print(y.tolist())
    print(x.grad.tolist())
    x.grad = None
""",
    """
F = T.nn.functional
x = (T.arange(40, dtype=T.float32) * 0.21 - 4.0).requires_grad_()
F.gelu(x).backward(T.linspace(-2, 2, 40))
print(x.grad.tolist())
""",
    """
F = T.nn.functional
x = T.tensor([[-1.25, 0.5, 2.0], [3.5, -0.75, -4.0]], requires_grad=True)
y = F.elu(x * 1.0, alpha=0.5, inplace=True)
y.sum().backward()
print(y.grad_fn.name(), y.tolist(), x.grad.tolist())
""",
    """
m = T.nn.Sequential(T.nn.Linear(3, 4), T.nn.SiLU(), T.nn.Linear(4, 1))
T.manual_seed(0)
for p in m.parameters():
    T.nn.init.constant_(p, 0.3)
x = T.tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -0.5]])
loss = m(x).pow(2).mean()
loss.backward()
print(loss.item(), m[0].weight.grad.tolist())
""",
    """
F = T.nn.functional
x = T.tensor([[-1.0, 2.0, 0.5, -3.0, 1.5]] * 8, requires_grad=True)
y = F.gelu(x.t(), approximate='none')
y.backward(T.ones_like(y) * 0.3)
print(y.tolist()[0], x.grad.tolist()[0])
""",
]


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"a{i:02d}" for i in range(len(SNIPPETS))])
def test_activation_bits_as_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)
