"""A node's ``_saved_*`` attributes as properties of its class (when its Function declares
what it saves), against PyTorch's: the same names in ``dir``, the same values, the same
AttributeError for a name the node does not have."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")

CASES: dict[str, Callable[[Any, Any, Any], Any]] = {
    "mul": lambda x, y, lib: x * y,
    "mul_number": lambda x, y, lib: x * 2.5,
    "div": lambda x, y, lib: x / y,
    "div_number": lambda x, y, lib: x / 4.0,
    "add_alpha": lambda x, y, lib: lib.add(x, y, alpha=3),
    "sub": lambda x, y, lib: x - y,
    "mm": lambda x, y, lib: x.reshape(2, 2) @ y.reshape(2, 2),
    "sum_dim": lambda x, y, lib: x.sum(0, keepdim=True),
    "pow": lambda x, y, lib: x ** 3,
}


def node_of(lib: Any, case: str) -> Any:
    x = lib.tensor([1.0, 2.0, 3.0, 4.0], requires_grad=True)
    y = lib.tensor([0.5, -1.0, 2.0, 8.0], requires_grad=True)
    return CASES[case](x, y, lib).grad_fn


def saved_names(node: Any) -> list[str]:
    return [n for n in dir(node) if n.startswith(("_saved_", "_raw_saved_"))]


@pytest.mark.parametrize("case", CASES)
def test_saved_values_as_pytorch_shows_them(case: str) -> None:
    kit, ref = node_of(ak, case), node_of(torch, case)
    assert kit.name() == ref.name()
    names = [n for n in saved_names(ref) if not n.startswith("_raw")]
    assert names, "each case saves something"
    for name in names:
        ours, theirs = getattr(kit, name), getattr(ref, name)
        if isinstance(theirs, torch.Tensor):
            assert ours.tolist() == theirs.tolist(), name
        else:
            assert ours == theirs, name


@pytest.mark.parametrize("case", ["mul", "div", "add_alpha", "mm"])
def test_a_name_the_node_lacks_is_an_attribute_error(case: str) -> None:
    kit, ref = node_of(ak, case), node_of(torch, case)
    for node in (kit, ref):
        assert not hasattr(node, "_saved_nothing_like_this")
    with pytest.raises(AttributeError, match="object has no attribute '_saved_nothing_like_this'"):
        kit._saved_nothing_like_this  # noqa: B018


@pytest.mark.parametrize("case", ["mul", "div", "add_alpha", "mm", "sum_dim", "pow"])
def test_declared_nodes_have_no_attribute_hook(case: str) -> None:
    """Their saved values are properties, so reading any attribute of the node (the engine
    reads many) is not slowed by a ``__getattr__`` hook."""
    node = node_of(ak, case)
    assert not hasattr(type(node), "__getattr__")
    assert any(isinstance(v, property) for k, v in vars(type(node)).items()
               if k.startswith("_saved_"))


def test_an_undeclared_node_still_shows_what_forward_kept() -> None:
    """A Function that declares nothing: its node looks ``_saved_<name>`` up when asked."""
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    node = x.exp().grad_fn
    assert hasattr(type(node), "__getattr__")
    assert node._saved_result.tolist() == torch.tensor([1.0, 2.0]).exp().tolist()
