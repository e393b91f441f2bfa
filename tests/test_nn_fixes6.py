"""Kit-only checks (no PyTorch needed) of the nn/optim fixes compared in
tests/test_torch_parity_nn6.py: expected values and messages written down from PyTorch 2.13."""

from __future__ import annotations

import pytest

import autograd_kit as ak

F = ak.nn.functional
SIZES_MSG = "unflattened_size must be tuple of ints, but found element of type"


# ---- NllLoss2DBackward0 saves self, target, weight, total_weight and its options -----------

SCORES = [[[[0.1, 0.2], [0.3, 0.4]], [[0.5, 0.6], [0.7, 0.8]], [[0.9, 1.0], [1.1, 1.2]]]]


@pytest.mark.parametrize("reduction, ignore_index, weight, total, code", [
    ("mean", -100, None, 4.0, 1), ("mean", -100, [1.0, 2.0, 3.0], 8.0, 1),
    ("sum", 1, None, 2.0, 2), ("sum", 1, [1.0, 2.0, 3.0], 4.0, 2),
    ("none", -100, [1.0, 2.0, 3.0], 0.0, 0)])
def test_nll_loss_2d_node_saves_what_pytorch_saves(reduction: str, ignore_index: int,
                                                   weight: list | None, total: float,
                                                   code: int) -> None:
    x = ak.tensor(SCORES, requires_grad=True)
    t = ak.tensor([[[0, 1], [2, 1]]])
    w = None if weight is None else ak.tensor(weight)
    node = F.nll_loss(x.log_softmax(1), t, weight=w, reduction=reduction,
                      ignore_index=ignore_index).grad_fn
    assert node.name() == "NllLoss2DBackward0"
    assert [a for a in dir(node) if a.startswith("_saved")] == [
        "_saved_ignore_index", "_saved_reduction", "_saved_self", "_saved_target",
        "_saved_total_weight", "_saved_weight"]
    assert node._saved_ignore_index == (ignore_index if ignore_index >= 0 else 2**64 - 100)
    assert node._saved_reduction == code
    assert node._saved_total_weight.item() == total
    assert node._saved_total_weight.shape == ()
    assert (node._saved_weight is None) == (weight is None)
    assert node._saved_target.tolist() == [[[0, 1], [2, 1]]]
    assert tuple(node._saved_self.shape) == (1, 3, 2, 2)


def test_nll_loss_on_3d_scores_saves_the_4d_view() -> None:
    y = F.nll_loss(ak.zeros(2, 3, 4, requires_grad=True),
                   ak.tensor([[0, 1, 2, 0], [1, 1, 1, 1]]), reduction="none")
    node = y.grad_fn.next_functions[0][0]
    assert (y.grad_fn.name(), node.name()) == ("ViewBackward0", "NllLoss2DBackward0")
    assert tuple(node._saved_self.shape) == (2, 3, 1, 4)
    assert tuple(node._saved_target.shape) == (2, 1, 4)


# ---- a loaded optimizer state of the wrong shape fails with PyTorch's message ---------------

def _loaded_into(name: str, saved_shape: tuple, shape: tuple, **kw: float) -> tuple:
    ok, small = ak.zeros(2, requires_grad=True), ak.zeros(*saved_shape, requires_grad=True)
    first = getattr(ak.optim, name)([ok, small], lr=0.1, **kw)
    ok.grad, small.grad = ak.ones(2), ak.ones(saved_shape)
    first.step()
    ok2, big = ak.zeros(2, requires_grad=True), ak.zeros(*shape, requires_grad=True)
    second = getattr(ak.optim, name)([ok2, big], lr=0.1, **kw)
    second.load_state_dict(first.state_dict())
    ok2.grad, big.grad = ak.ones(2), ak.ones(shape)
    return second, ok2, big


@pytest.mark.parametrize("name, kw, saved, shape, message", [
    ("SGD", {"momentum": 0.9}, (2,), (3,),
     "The size of tensor a (2) must match the size of tensor b (3) at non-singleton dimension 0"),
    ("Adam", {}, (2, 3), (2, 4),
     "The size of tensor a (3) must match the size of tensor b (4) at non-singleton dimension 1"),
    ("Rprop", {}, (2,), (3,),
     "The size of tensor a (3) must match the size of tensor b (2) at non-singleton dimension 0"),
    ("RMSprop", {"centered": True}, (1,), (3,),
     "output with shape [1] doesn't match the broadcast shape [3]"),
    ("SGD", {"momentum": 0.9}, (2, 3), (3,),
     "output with shape [3] doesn't match the broadcast shape [2, 3]"),
])
def test_optimizer_state_of_another_shape_fails_as_pytorch(name: str, kw: dict, saved: tuple,
                                                           shape: tuple, message: str) -> None:
    opt, earlier, p = _loaded_into(name, saved, shape, **kw)
    with pytest.raises(RuntimeError) as info:
        opt.step()
    assert str(info.value) == message
    assert earlier.tolist() != [0.0, 0.0]  # the parameter before it was updated, as in PyTorch
    assert not p.detach().numpy().any()


def test_adafactor_factored_state_is_not_checked_against_the_parameter() -> None:
    p = ak.ones(2, 3, requires_grad=True)
    opt = ak.optim.Adafactor([p], lr=0.1)
    for _ in range(2):
        p.grad = ak.ones(2, 3)
        opt.step()
    assert tuple(opt.state[p]["row_var"].shape) != (2, 3)


# ---- Unflatten checks its sizes as PyTorch does, and infers a -1 -------------------------------

@pytest.mark.parametrize("dim, sizes, message", [
    (1, [2, "a"], f"{SIZES_MSG} str at pos 1"),
    (1, 5, "unflattened_size must be a tuple of ints, but found type int"),
    (1, (2, 2.0), f"{SIZES_MSG} float at pos 1"),
    ("x", (("C", 2),), f"{SIZES_MSG} tuple at pos 0"),
])
def test_unflatten_sizes_must_be_ints(dim: object, sizes: object, message: str) -> None:
    with pytest.raises(TypeError) as info:
        ak.nn.Unflatten(dim, sizes)
    assert str(info.value) == message


def test_unflatten_infers_minus_one_and_checks_dim_when_called() -> None:
    assert tuple(ak.nn.Unflatten(1, (-1, 2))(ak.ones(3, 4)).shape) == (3, 2, 2)
    assert tuple(ak.nn.Unflatten(-1, [2, -1])(ak.ones(3, 4)).shape) == (3, 2, 2)
    u = ak.nn.Unflatten("x", (2, 2))
    assert repr(u) == "Unflatten(dim=x, unflattened_size=(2, 2))"
    with pytest.raises(TypeError, match=r"^unflatten\(\): argument 'dim' \(position 1\) "
                                        r"must be int, not str$"):
        u(ak.ones(3, 4))
    with pytest.raises(IndexError, match=r"expected to be in range of \[-2, 1\], but got 2"):
        ak.nn.Unflatten(2, (2, 2))(ak.ones(3, 4))


# ---- GRU / RNN given a tuple of hidden states fail at .dim(), as in PyTorch -----------------

@pytest.mark.parametrize("layer", [ak.nn.GRU, ak.nn.RNN])
def test_gru_and_rnn_reject_a_tuple_hidden_state_like_pytorch(layer: type) -> None:
    r = layer(2, 3)
    with pytest.raises(AttributeError, match="^'tuple' object has no attribute 'dim'$"):
        r(ak.ones(5, 4, 2), (ak.zeros(1, 4, 3), ak.zeros(1, 4, 3)))
