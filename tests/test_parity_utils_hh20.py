"""Live comparison with PyTorch: nn.utils (parametrizations, clipping, rnn packing, stateless),
torch.utils.checkpoint and a module's state (state_dict, buffers, attributes)."""

import pytest
from parity_harness import assert_same

import autograd_kit as ak

torch = pytest.importorskip("torch")


def _same(code: str) -> None:
    assert_same(torch, ak, code)


ORTH = """
import importlib
PZ = importlib.import_module(T.__name__ + ".nn.utils.parametrizations")
"""


@pytest.mark.parametrize("shape", [(4, 3), (3, 4), (3, 3), (2, 4, 3)])
def test_orthogonal_without_trivialization_starts_at_the_weights_q(shape):
    _same(ORTH + f"""
import numpy
data = numpy.random.default_rng(0).standard_normal({shape})
m = T.nn.Module(); m.w = T.nn.Parameter(T.tensor(data))
PZ.orthogonal(m, 'w', use_trivialization=False)
out.append(m.parametrizations.w.original.detach().numpy().round(6).tolist())
out.append(m.w.detach().numpy().round(6).tolist())
m.w.sum().backward()
out.append(m.parametrizations.w.original.grad.numpy().round(6).tolist())
""")


def test_orthogonal_without_trivialization_assignment():
    _same(ORTH + """
m = T.nn.Linear(3, 3)
PZ.orthogonal(m, use_trivialization=False)
try:
    m.weight = T.eye(3)
except NotImplementedError as e:
    out.append(str(e))
m = T.nn.Linear(3, 3)
PZ.orthogonal(m, orthogonal_map='householder', use_trivialization=False)
m.weight = T.eye(3).flip(0)
out.append(m.weight.detach().abs().tolist())
""")


def test_orthogonal_map_is_an_enum_member():
    _same(ORTH + """
for name in ('matrix_exp', 'cayley', 'householder'):
    m = PZ.orthogonal(T.nn.Linear(3, 3), orthogonal_map=name)
    orth = m.parametrizations.weight[0]
    out.append((str(orth.orthogonal_map), orth.orthogonal_map == name,
                orth.orthogonal_map.name))
""")
