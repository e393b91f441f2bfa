"""Live comparison with PyTorch: what reviewer rx found in round 29's fixes (a tensor's
``__dict__`` given a key that is no string, …)."""

import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")
from tests.parity_harness import assert_same  # noqa: E402


@pytest.mark.parametrize("code", [
    "out.append(vars(copy.deepcopy(t)))",
    "out.append(vars(copy.copy(t)))",
    "out.append(vars(pickle.loads(pickle.dumps(t))))",
    "out.append(vars(copy.deepcopy(T.nn.Parameter(t))))",
])
def test_a_dict_key_that_is_no_string_copies_as_pytorchs(code: str) -> None:
    # (the kit's copies read it as a name: 'int' object has no attribute 'startswith')
    assert_same(torch, ak, "import copy, pickle\nt = T.ones(2); t.__dict__ = {1: 2, 'a': 3}\n"
                + code)
