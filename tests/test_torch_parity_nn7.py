"""nn / optim snippets compared with PyTorch (skipped without torch)."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")

from tests.test_torch_scenarios import assert_same_as_pytorch  # noqa: E402

SNIPPETS = [
    """
F = T.nn.functional
x = T.tensor([1., -2., 3.], requires_grad=True)
for y in [F.softplus(x), F.softplus(x, beta=2, threshold=10), F.relu6(x), F.selu(x),
          T.nn.ReLU6()(x), T.nn.Softplus()(x), T.nn.SELU()(x)]:
    node = y.grad_fn
    print(node.name(), {k: getattr(node, k) for k in dir(node)
                        if k.startswith('_saved') and k != '_saved_self' and k != '_saved_result'})
""",
    """
F = T.nn.functional
print(F.mse_loss.__module__, F.l1_loss.__module__, F.cross_entropy.__module__)
print(F.relu.__module__, F.softmax.__module__, F.dropout.__module__)
""",
    """
m = T.nn.Linear(2, 3)
m.register_buffer('b', T.zeros(1))
m.act = T.nn.ReLU()
m.x = 3
print(list(vars(m)))
print('weight' in dir(m), 'b' in dir(m), 'act' in dir(m))
m.bias = None
print(m.bias, 'bias' in vars(m), list(m._parameters))
del m.weight
print(list(m._parameters))
try:
    m.weight
except AttributeError as e:
    print(e)
""",
    """
s = T.nn.Sequential(T.nn.Linear(2, 2), T.nn.ReLU())
print([k for k in dir(s) if k[0].isdigit()], list(vars(s))[-1])
d = T.nn.ModuleDict({'a': T.nn.ReLU(), 'b': T.nn.Tanh()})
del d['a']
print(d, hasattr(d, 'a'))
""",
]


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"n{i:03d}" for i in range(len(SNIPPETS))])
def test_same_as_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)
