"""Kit-only checks of the ninth round of autograd fixes (each asserts the behaviour
PyTorch 2.13 showed)."""

from __future__ import annotations

import pytest

import autograd_kit as ak

AF = ak.autograd.functional


def test_jvp_and_hvp_use_the_double_backward_trick_under_create_graph() -> None:
    """The products come from the backward of a backward: their grad_fn is the last op of
    that graph (MulBackward0, SumBackward0, SqueezeBackward1), not a sum of a full Jacobian."""
    x = ak.tensor([1., 2.], requires_grad=True)
    _, j = AF.jvp(lambda a: (a ** 3).sum(), x, ak.ones(2), create_graph=True)
    assert (j.item(), type(j.grad_fn).__name__) == (15.0, "SumBackward0")
    _, j = AF.jvp(lambda a: a ** 3, x, ak.ones(2), create_graph=True)
    assert (j.tolist(), j.grad_fn.name()) == ([3., 12.], "MulBackward0")
    _, h = AF.hvp(lambda a: (a ** 3).sum(), x, ak.ones(2), create_graph=True)
    assert (h.tolist(), h.grad_fn.name()) == ([6., 12.], "MulBackward0")
    _, h = AF.vhp(lambda a: (a ** 3).sum(), x, ak.ones(2), create_graph=True)
    assert (h.tolist(), h.grad_fn.name()) == ([6., 12.], "MulBackward0")
    _, j = AF.jvp(lambda a: a.exp().sum(dim=0), ak.ones(2, 2), ak.ones(2, 2), create_graph=True)
    assert j.grad_fn.name() == "SqueezeBackward1"


def test_functional_inputs_are_fresh_views_so_captured_tensors_stay_apart() -> None:
    """PyTorch differentiates with respect to x.view_as(x): a closure's own x is a constant."""
    x = ak.tensor([1., 2.], requires_grad=True)
    j = AF.jacobian(lambda a: a * x, x, create_graph=True)
    assert j.tolist() == [[1., 0.], [0., 2.]]
    assert j.grad_fn.name() == "ViewBackward0"


@pytest.mark.parametrize("name", ["hessian", "hvp", "vhp"])
def test_scalar_function_errors_name_their_caller(name: str) -> None:
    fn = getattr(AF, name)
    extra = () if name == "hessian" else (ak.ones(2),)
    with pytest.raises(RuntimeError, match=f"^The Tensor returned by the function given to "
                                           f"{name} should contain a single element$"):
        fn(lambda a: a * 2, ak.ones(2), *extra)
    with pytest.raises(RuntimeError, match=f"^The function given to {name} should return a "
                                           "single Tensor$"):
        fn(lambda a: (a.sum(), a.sum()), ak.ones(2), *extra)
    with pytest.raises(TypeError, match=f"given to {name} must be either a Tensor or a tuple "
                                        "of Tensors but the given outputs of the user-provided "
                                        "function has type <class 'float'>"):
        fn(lambda a: 3.0, ak.ones(2), *extra)


def test_forward_mode_jacobian_answers_lists() -> None:
    """PyTorch's forward-mode Jacobian keeps the lists it builds (tuple inputs)."""
    x, y = ak.tensor([1., 2.]), ak.tensor([3., 4.])
    both = AF.jacobian(lambda a, b: (a * b, a + b), (x, y), strategy="forward-mode",
                       vectorize=True)
    assert type(both) is list and type(both[0]) is list
    assert both[0][0].tolist() == [[3., 0.], [0., 4.]]
    one_out = AF.jacobian(lambda a, b: a * b, (x, y), strategy="forward-mode", vectorize=True)
    assert type(one_out) is list and len(one_out) == 2
    one_in = AF.jacobian(lambda a: (a * 2, a.exp()), x, strategy="forward-mode", vectorize=True)
    assert type(one_in) is tuple
    single = AF.jacobian(lambda a: a * 2, x, strategy="forward-mode", vectorize=True)
    assert single.tolist() == [[2., 0.], [0., 2.]] and single.grad_fn is None


def test_forward_over_reverse_hessian_is_tracked_as_pytorch_reshapes_it() -> None:
    x, y = ak.tensor([1., 2.]), ak.tensor([3., 4.])
    h = AF.hessian(lambda a: (a ** 3).sum(), x, outer_jacobian_strategy="forward-mode",
                   vectorize=True)
    assert h.tolist() == [[6., 0.], [0., 12.]]
    assert h.grad_fn.name() == "ReshapeAliasBackward0"
    assert h.grad_fn.next_functions[0][0].name() == "PermuteBackward0"
    assert not x.requires_grad
    hs = AF.hessian(lambda a, b: (a * b ** 2).sum(), (x, y),
                    outer_jacobian_strategy="forward-mode", vectorize=True)
    assert type(hs) is list and hs[0][0].tolist() == [[0., 0.], [0., 0.]]
    assert hs[0][0].grad_fn.name() == "ReshapeAliasBackward0"
    assert hs[1][1].tolist() == [[2., 0.], [0., 4.]]


def test_v_checks_name_the_entry_of_a_tuple() -> None:
    f = lambda a, b: (a * b).sum()  # noqa: E731
    xs = (ak.tensor([1., 2.]), ak.tensor([3., 4.]))
    with pytest.raises(RuntimeError, match=r"^Entry 1 in v has invalid size: should be "
                                           r"\w+.Size\(\[2\]\) but got \w+.Size\(\[3\]\)"):
        AF.hvp(f, xs, (ak.ones(2), ak.ones(3)))
    with pytest.raises(RuntimeError, match="^v is a tuple of invalid length: should be 2 "
                                           "but got 1.$"):
        AF.jvp(f, xs, (ak.ones(2),))
    with pytest.raises(TypeError, match="the value at index 1 has type <class 'float'>"):
        AF.jacobian(lambda a, b: a, (ak.ones(2), 3.0))
