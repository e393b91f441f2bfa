"""Live comparison with PyTorch: what reviewer rw found in round 29's fixes (a tensor's
``__dict__`` set or deleted as a whole, …)."""

import pytest
from parity_harness import assert_same

import autograd_kit as ak

torch = pytest.importorskip("torch")


def _same(code: str) -> None:
    assert_same(torch, ak, code)


@pytest.mark.parametrize("code", [
    "t.__dict__ = {'a': 1}; out.append(t.a)", "t.__dict__ = {}; out.append(hasattr(t, 'foo'))",
    "t.__dict__ = {1: 2}", "t.__dict__ = 5", "t.__dict__ = None", "del t.__dict__",
    "t.__dict__ = {'a': 1}; t.foo = 2",
])
def test_a_tensors_dict_set_or_deleted_as_a_whole_keeps_the_tensor_working(code):
    _same("t = T.ones(2, requires_grad=True); t.foo = 3\n"
          f"{code}\nout.append(vars(t)); (t * 2).sum().backward(); out.append(t.grad)")


@pytest.mark.parametrize("code", [
    "T.return_types.max((1, 2), None)", "T.return_types.max(sequence=(1, 2), dict=None)",
    "T.return_types.max((1, 2), {})", "T.return_types.max((1, 2), dict={'a': 1})",
])
def test_a_return_type_takes_a_dict_or_nothing_as_second_argument(code):
    _same(f"out.append({code})")


@pytest.mark.parametrize("code", [
    "import pickle; out.append(pickle.loads(pickle.dumps(vars(t))))",
    "import pickle; out.append(pickle.loads(pickle.dumps(t.__dict__, protocol=0)))",
    "import io; f = io.BytesIO(); T.save(vars(t), f); f.seek(0)\n"
    "out.append(T.load(f, weights_only=False))",
    "import copy; out.append((copy.deepcopy(vars(t)), copy.copy(vars(t))))",
])
def test_a_tensors_dict_pickles_and_saves_as_a_dict(code):
    _same(f"t = T.ones(1); t.foo = [3]\n{code}")
