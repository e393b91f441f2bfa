"""nn extras: ModuleList, ModuleDict, Flatten, Dropout, the L1-type losses, gradient clipping.

Values are worked by hand from the formulas; gradients are checked against finite
differences in float64. The PyTorch cross-checks (skipped without torch) compare values,
gradients, reprs and state_dict keys.
"""

from __future__ import annotations

import math
import warnings
from typing import Any

import numpy as np
import pytest

import autograd_kit as ak
from autograd_kit import nn
from autograd_kit.autograd import gradcheck, gradgradcheck
from autograd_kit.nn import functional as F


def t64(values: object, device: str = "cpu", requires_grad: bool = False) -> ak.Tensor:
    return ak.tensor(values, dtype=ak.float64, device=device, requires_grad=requires_grad)


def host(t: ak.Tensor) -> np.ndarray:
    return t.detach().cpu().numpy()


# ---- ModuleList ----------------------------------------------------------------------------

class Stack(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(2, 3), nn.Linear(3, 1)])

    def forward(self, x: ak.Tensor) -> ak.Tensor:
        for layer in self.layers:
            x = layer(x)
        return x


def test_modulelist_registers_parameters_and_state_dict_keys() -> None:
    model = Stack()
    assert len(list(model.parameters())) == 4
    assert list(model.state_dict()) == ["layers.0.weight", "layers.0.bias",
                                        "layers.1.weight", "layers.1.bias"]
    assert [name for name, _ in model.named_modules()] == ["", "layers", "layers.0", "layers.1"]
    assert model(ak.ones(5, 2)).shape == (5, 1)


def test_modulelist_list_operations() -> None:
    a, b, c, d = nn.ReLU(), nn.Tanh(), nn.Sigmoid(), nn.Identity()
    ml = nn.ModuleList([a, b])
    assert ml.append(c) is ml and len(ml) == 3
    assert ml.extend([d]) is ml
    assert list(ml) == [a, b, c, d]
    assert ml[0] is a and ml[-1] is d
    ml.insert(1, d)
    assert list(ml) == [a, d, b, c, d]
    assert list(ml._modules) == ["0", "1", "2", "3", "4"]
    del ml[1]
    assert list(ml) == [a, b, c, d] and list(ml._modules) == ["0", "1", "2", "3"]
    assert getattr(ml, "3") is d and not hasattr(ml, "4")
    sliced = ml[1:3]
    assert type(sliced) is nn.ModuleList and list(sliced) == [b, c]
    ml[0] = c
    assert ml[0] is c
    assert ml.pop(0) is c and list(ml) == [b, c, d]
    ml += [a]
    assert list(ml) == [b, c, d, a]
    joined = ml + nn.ModuleList([b])
    assert list(joined) == [b, c, d, a, b] and len(ml) == 4
    del ml[1:3]
    assert list(ml) == [b, a]


def test_modulelist_errors() -> None:
    ml = nn.ModuleList([nn.ReLU()])
    with pytest.raises(IndexError, match="^index 1 is out of range$"):
        ml[1]
    with pytest.raises(IndexError, match="^index -2 is out of range$"):
        ml[-2]
    with pytest.raises(TypeError, match="cannot be interpreted as an integer"):
        ml["a"]  # type: ignore[index]
    with pytest.raises(TypeError, match="^ModuleList.extend should be called with an iterable, "
                                        "but got ReLU$"):
        ml.extend(nn.ReLU())  # type: ignore[arg-type]
    with pytest.raises(NotImplementedError, match=r'\[ModuleList\] is missing the required'):
        ml(ak.ones(1))


def test_modulelist_repr_groups_repeated_modules() -> None:
    ml = nn.ModuleList([nn.Linear(2, 3), nn.ReLU(), nn.ReLU(), nn.Linear(3, 1), nn.Linear(3, 1)])
    assert repr(ml) == (
        "ModuleList(\n"
        "  (0): Linear(in_features=2, out_features=3, bias=True)\n"
        "  (1-2): 2 x ReLU()\n"
        "  (3-4): 2 x Linear(in_features=3, out_features=1, bias=True)\n"
        ")")
    assert repr(nn.ModuleList()) == "ModuleList()"
    assert repr(Stack()) == (
        "Stack(\n"
        "  (layers): ModuleList(\n"
        "    (0): Linear(in_features=2, out_features=3, bias=True)\n"
        "    (1): Linear(in_features=3, out_features=1, bias=True)\n"
        "  )\n"
        ")")


# ---- ModuleDict ----------------------------------------------------------------------------

def test_moduledict_dict_operations_and_registration() -> None:
    lin, act = nn.Linear(2, 2), nn.ReLU()
    md = nn.ModuleDict({"lin": lin, "act": act})
    assert md["lin"] is lin and "act" in md and len(md) == 2
    assert list(md) == ["lin", "act"] and list(md.keys()) == ["lin", "act"]
    assert list(md.values()) == [lin, act] and list(md.items()) == [("lin", lin), ("act", act)]
    assert list(md.state_dict()) == ["lin.weight", "lin.bias"]
    md["out"] = nn.Linear(2, 1)
    md.update([("extra", nn.Tanh())])
    assert list(md) == ["lin", "act", "out", "extra"]
    assert len(list(md.parameters())) == 4
    del md["act"]
    assert "act" not in md and not hasattr(md, "act")
    assert md.pop("extra").__class__ is nn.Tanh
    md.clear()
    assert len(md) == 0 and list(md.parameters()) == []


def test_moduledict_repr_and_errors() -> None:
    md = nn.ModuleDict({"a": nn.ReLU(), "b": nn.Linear(1, 1)})
    assert repr(md) == ("ModuleDict(\n  (a): ReLU()\n"
                        "  (b): Linear(in_features=1, out_features=1, bias=True)\n)")
    with pytest.raises(KeyError):
        md["missing"]
    with pytest.raises(TypeError, match="^ModuleDict.update should be called with an iterable "
                                        "of key/value pairs, but got int$"):
        md.update(3)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="^ModuleDict update sequence element #0 has length 1; "
                                         "2 is required$"):
        md.update([("x",)])  # type: ignore[list-item]
    with pytest.raises(KeyError, match="attribute 'keys' already exists"):
        md["keys"] = nn.ReLU()


# ---- buffers (already in Module; checked here because the new containers rely on them) ---

def test_buffers_are_state_but_not_parameters() -> None:
    m = nn.Module()
    m.register_buffer("running", ak.zeros(2))
    m.register_buffer("scratch", ak.ones(1), persistent=False)
    holder = nn.ModuleList([m])
    assert list(holder.parameters()) == []
    assert [name for name, _ in holder.named_buffers()] == ["0.running", "0.scratch"]
    assert list(holder.state_dict()) == ["0.running"]
    seen: list[str] = []
    holder.apply(lambda mod: seen.append(type(mod).__name__))
    assert seen == ["Module", "ModuleList"]


# ---- Flatten -------------------------------------------------------------------------------

def test_flatten_shapes_repr_and_gradient() -> None:
    x = ak.arange(24.0).reshape(2, 3, 4).requires_grad_()
    assert nn.Flatten()(x).shape == (2, 12)
    assert nn.Flatten(0, 1)(x).shape == (6, 4)
    assert nn.Flatten(start_dim=0)(x).shape == (24,)
    assert repr(nn.Flatten()) == "Flatten(start_dim=1, end_dim=-1)"
    assert repr(nn.Flatten(0, 2)) == "Flatten(start_dim=0, end_dim=2)"
    (nn.Flatten()(x) * ak.arange(12.0)).sum().backward()
    assert x.grad.tolist() == [[[0.0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]]] * 2


# ---- Dropout -------------------------------------------------------------------------------

def test_dropout_eval_and_p0_return_the_input_itself() -> None:
    x = ak.randn(4, 3, requires_grad=True)
    drop = nn.Dropout(0.5)
    drop.eval()
    assert drop(x) is x
    assert F.dropout(x, 0.0) is x
    assert F.dropout(x, 0.7, training=False) is x


def test_dropout_scales_survivors_and_uses_the_same_mask_backward(device: str) -> None:
    ak.manual_seed(3)
    x = ak.full((50, 40), 2.0, device=device, requires_grad=True)
    out = F.dropout(x, p=0.25)
    assert out.grad_fn.name() == "MulBackward0"
    values = host(out)
    assert set(np.unique(values).tolist()) <= {0.0, float(np.float32(2.0 / 0.75))}
    kept = values != 0
    assert 0.65 < kept.mean() < 0.85  # about 1 - p of 2000 elements
    out.sum().backward()
    np.testing.assert_allclose(host(x.grad), kept / 0.75, rtol=1e-6)


def test_dropout_is_repeatable_with_manual_seed() -> None:
    ak.manual_seed(7)
    first = host(F.dropout(ak.ones(100)))
    ak.manual_seed(7)
    second = host(F.dropout(ak.ones(100)))
    np.testing.assert_array_equal(first, second)


def test_dropout_p1_zeros_inplace_dtype_and_module() -> None:
    x = ak.tensor([1.0, -2.0, 3.0], requires_grad=True)
    zero = F.dropout(x, 1.0)
    assert zero.tolist() == [0.0, 0.0, 0.0] and zero.grad_fn.name() == "MulBackward0"
    y = x * 1
    assert F.dropout(y, 0.5, inplace=True) is y
    assert F.dropout(ak.ones(3, dtype=ak.float64), 0.3).dtype == ak.float64
    drop = nn.Dropout(0.2, inplace=True)
    assert repr(drop) == "Dropout(p=0.2, inplace=True)" and repr(nn.Dropout()) == (
        "Dropout(p=0.5, inplace=False)")
    model = nn.Sequential(nn.Linear(3, 3), nn.Dropout(0.5))
    model.eval()
    assert not model[1].training


@pytest.mark.parametrize("p", [-0.1, 1.5])
def test_dropout_rejects_bad_probabilities(p: float) -> None:
    message = f"^dropout probability has to be between 0 and 1, but got {p}$"
    with pytest.raises(ValueError, match=message):
        nn.Dropout(p)
    with pytest.raises(ValueError, match=message):
        F.dropout(ak.ones(2), p)


# ---- the L1-type losses --------------------------------------------------------------------

X = [0.5, -2.0, 3.0, 0.1]
T = [0.0, 0.0, 1.0, 1.0]   # d = x - t = [0.5, -2, 2, -0.9]


def test_l1_loss_values_and_graph(device: str) -> None:
    x, t = t64(X, device, True), t64(T, device)
    loss = F.l1_loss(x, t)
    assert loss.item() == pytest.approx((0.5 + 2 + 2 + 0.9) / 4)
    assert loss.grad_fn.name() == "MeanBackward0"
    assert loss.grad_fn.next_functions[0][0].name() == "AbsBackward0"
    assert F.l1_loss(x, t, reduction="sum").grad_fn.name() == "SumBackward0"
    assert host(F.l1_loss(x, t, reduction="none")).tolist() == pytest.approx([0.5, 2, 2, 0.9])
    loss.backward()
    assert host(x.grad).tolist() == [0.25, -0.25, 0.25, -0.25]


def test_smooth_l1_loss_values_by_hand(device: str) -> None:
    """β = 1: |d| < 1 → 0.5 d², else |d| - 0.5; β = 4: all quadratic, 0.5 d² / 4."""
    x, t = t64(X, device, True), t64(T, device)
    each = F.smooth_l1_loss(x, t, reduction="none")
    assert each.grad_fn.name() == "SmoothL1LossBackward0"
    np.testing.assert_allclose(host(each), [0.125, 1.5, 1.5, 0.405])
    np.testing.assert_allclose(host(F.smooth_l1_loss(x, t, beta=4.0, reduction="sum")),
                               (0.25 + 4 + 4 + 0.81) / 8)
    loss = F.smooth_l1_loss(x, t)
    assert loss.item() == pytest.approx((0.125 + 1.5 + 1.5 + 0.405) / 4)
    loss.backward()  # clamp(d, -1, 1) / 4
    np.testing.assert_allclose(host(x.grad), [0.125, -0.25, 0.25, -0.225])


def test_huber_loss_values_by_hand(device: str) -> None:
    """δ = 1.5: |d| < 1.5 → 0.5 d², else 1.5 (|d| - 0.75)."""
    x, t = t64(X, device, True), t64(T, device)
    each = F.huber_loss(x, t, delta=1.5, reduction="none")
    assert each.grad_fn.name() == "HuberLossBackward0"
    np.testing.assert_allclose(host(each), [0.125, 1.875, 1.875, 0.405])
    loss = F.huber_loss(x, t, delta=1.5, reduction="sum")
    loss.backward()  # clamp(d, -1.5, 1.5)
    np.testing.assert_allclose(host(x.grad), [0.5, -1.5, 1.5, -0.9])


def test_smooth_l1_with_beta_zero_is_l1() -> None:
    x, t = t64(X, requires_grad=True), t64(T)
    loss = F.smooth_l1_loss(x, t, beta=0.0)
    assert loss.grad_fn.name() == "MeanBackward0"
    assert loss.item() == pytest.approx(F.l1_loss(x, t).item())


def test_huber_is_delta_times_smooth_l1() -> None:
    x, t = t64(X), t64(T)
    np.testing.assert_allclose(host(F.huber_loss(x, t, delta=0.7, reduction="none")),
                               0.7 * host(F.smooth_l1_loss(x, t, beta=0.7, reduction="none")))


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("loss", [
    F.l1_loss,
    lambda x, t, reduction: F.smooth_l1_loss(x, t, reduction=reduction, beta=0.8),
    lambda x, t, reduction: F.huber_loss(x, t, reduction=reduction, delta=1.3),
])
def test_losses_gradcheck(loss: Any, reduction: str) -> None:
    rng = np.random.default_rng(1)
    x = t64(rng.standard_normal((3, 4)) * 2, requires_grad=True)
    t = t64(rng.standard_normal((3, 4)), requires_grad=True)
    assert gradcheck(lambda a, b: loss(a, b, reduction=reduction), (x, t))


@pytest.mark.parametrize("fn", [
    lambda x, t: F.smooth_l1_loss(x, t, beta=0.8),
    lambda x, t: F.huber_loss(x, t, delta=1.3, reduction="sum"),
])
def test_loss_rules_are_differentiable(fn: Any) -> None:
    x = t64([[0.3, -2.0, 1.0], [0.05, 4.0, -0.5]], requires_grad=True)
    t = t64([[0.0, 0.5, -1.0], [0.2, 1.0, -0.1]], requires_grad=True)
    assert gradgradcheck(fn, (x, t))


def test_loss_modules_reprs_and_forward() -> None:
    x, t = t64(X), t64(T)
    assert repr(nn.L1Loss()) == "L1Loss()" and repr(nn.SmoothL1Loss(beta=0.5)) == (
        "SmoothL1Loss()")
    assert repr(nn.HuberLoss(delta=2.0)) == "HuberLoss()"
    assert nn.L1Loss(reduction="sum")(x, t).item() == pytest.approx(5.4)
    assert nn.SmoothL1Loss(beta=4.0)(x, t).item() == pytest.approx((0.25 + 4 + 4 + 0.81) / 32)
    assert nn.HuberLoss(delta=1.5)(x, t).item() == pytest.approx(4.28 / 4)


def test_loss_errors_and_warnings() -> None:
    x, t = t64(X), t64(T)
    with pytest.raises(RuntimeError, match=r"^smooth_l1_loss does not support negative values "
                                           r"for beta\.$"):
        F.smooth_l1_loss(x, t, beta=-1.0)
    for delta in (0.0, -1.0):
        with pytest.raises(RuntimeError, match=r"^huber_loss does not support non-positive "
                                               r"values for delta\.$"):
            F.huber_loss(x, t, delta=delta)
    for fn in (F.l1_loss, F.smooth_l1_loss, F.huber_loss):
        with pytest.raises(ValueError, match="^bad is not a valid value for reduction$"):
            fn(x, t, reduction="bad")
        with pytest.warns(UserWarning, match="Using a target size"):
            fn(x, t64([T, T]))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        F.l1_loss(x, t)


# ---- gradient clipping ---------------------------------------------------------------------

def params_with_grads(*grads: list[float]) -> list[nn.Parameter]:
    params = []
    for g in grads:
        p = nn.Parameter(ak.zeros(len(g)))
        p.grad = ak.tensor(g)
        params.append(p)
    return params


def test_clip_grad_norm_by_hand() -> None:
    """‖(3, 4)‖ = 5, ‖(12)‖ = 12, total = ‖(5, 12)‖ = 13; scale = 1/(13 + 1e-6)."""
    a, b = params_with_grads([3.0, 4.0], [12.0])
    total = nn.utils.clip_grad_norm_([a, b], max_norm=1.0)
    assert isinstance(total, ak.Tensor) and total.item() == pytest.approx(13.0)
    assert total.grad_fn is None
    scale = 1.0 / (13.0 + 1e-6)
    np.testing.assert_allclose(a.grad.numpy(), [3 * scale, 4 * scale], rtol=1e-6)
    np.testing.assert_allclose(b.grad.numpy(), [12 * scale], rtol=1e-6)


def test_clip_grad_norm_leaves_small_gradients_and_other_norms() -> None:
    (a,) = params_with_grads([0.3, -0.4])
    assert nn.utils.clip_grad_norm_(a, 1.0).item() == pytest.approx(0.5)  # a single tensor
    np.testing.assert_allclose(a.grad.numpy(), [0.3, -0.4], rtol=1e-6)  # coefficient clamped to 1
    a, b = params_with_grads([3.0, -4.0], [2.0])
    assert nn.utils.clip_grad_norm_([a, b], 2.0, norm_type=float("inf")).item() == 4.0
    np.testing.assert_allclose(a.grad.numpy(), [1.5, -2.0], rtol=1e-6)
    a, b = params_with_grads([3.0, -4.0], [2.0])
    assert nn.utils.clip_grad_norm_([a, b], 100.0, norm_type=1).item() == 9.0
    no_grad = nn.Parameter(ak.ones(2))
    assert nn.utils.clip_grad_norm_([no_grad], 1.0).item() == 0.0


def test_clip_grad_norm_nonfinite_error() -> None:
    (a,) = params_with_grads([float("inf"), 1.0])
    with pytest.raises(RuntimeError, match="The total norm of order 2.0 for gradients from "
                                           "`parameters` is non-finite"):
        nn.utils.clip_grad_norm_([a], 1.0, error_if_nonfinite=True)


def test_clip_grad_value() -> None:
    a, b = params_with_grads([3.0, -0.5, -4.0], [0.25])
    c = nn.Parameter(ak.ones(1))
    version = a.grad._version
    assert nn.utils.clip_grad_value_([a, b, c], 1) is None
    assert a.grad.tolist() == [1.0, -0.5, -1.0] and b.grad.tolist() == [0.25]
    assert c.grad is None and a.grad._version == version + 2  # clamp_min_, clamp_max_ (PyTorch)


# ---- PyTorch cross-checks ------------------------------------------------------------------

LOSSES = {
    "l1": ("l1_loss", {}),
    "smooth_l1": ("smooth_l1_loss", {"beta": 0.6}),
    "smooth_l1_default": ("smooth_l1_loss", {}),
    "smooth_l1_beta0": ("smooth_l1_loss", {"beta": 0.0}),
    "huber": ("huber_loss", {"delta": 1.7}),
    "huber_default": ("huber_loss", {}),
}


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("name", list(LOSSES))
def test_losses_match_torch(name: str, reduction: str) -> None:
    torch = pytest.importorskip("torch")
    fn, kwargs = LOSSES[name]
    rng = np.random.default_rng(5)
    x = (rng.standard_normal((4, 5)) * 2).astype(np.float32)
    t = rng.standard_normal((4, 5)).astype(np.float32)
    g = rng.standard_normal((4, 5)).astype(np.float32) if reduction == "none" else None
    ax, at = ak.tensor(x, requires_grad=True), ak.tensor(t, requires_grad=True)
    tx, tt = torch.tensor(x, requires_grad=True), torch.tensor(t, requires_grad=True)
    a = getattr(F, fn)(ax, at, reduction=reduction, **kwargs)
    b = getattr(torch.nn.functional, fn)(tx, tt, reduction=reduction, **kwargs)
    assert a.grad_fn.name() == b.grad_fn.name()
    np.testing.assert_allclose(host(a), b.detach().numpy(), rtol=1e-6, atol=1e-6)
    a.backward(None if g is None else ak.tensor(g))
    b.backward(None if g is None else torch.tensor(g))
    np.testing.assert_allclose(host(ax.grad), tx.grad.numpy(), rtol=1e-6, atol=1e-7)
    np.testing.assert_allclose(host(at.grad), tt.grad.numpy(), rtol=1e-6, atol=1e-7)


@pytest.mark.parametrize("norm_type", [2.0, 1.0, 3.0, float("inf")])
@pytest.mark.parametrize("max_norm", [0.5, 100.0])
def test_clip_grad_norm_matches_torch(norm_type: float, max_norm: float) -> None:
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(2)
    grads = [rng.standard_normal(s).astype(np.float32) for s in [(3, 4), (4,), (2, 2, 2)]]
    ap = [nn.Parameter(ak.zeros(g.shape)) for g in grads]
    tp = [torch.nn.Parameter(torch.zeros(g.shape)) for g in grads]
    for a, t, g in zip(ap, tp, grads):
        a.grad, t.grad = ak.tensor(g), torch.tensor(g)
    a_total = nn.utils.clip_grad_norm_(ap, max_norm, norm_type)
    t_total = torch.nn.utils.clip_grad_norm_(tp, max_norm, norm_type)
    np.testing.assert_allclose(a_total.numpy(), t_total.numpy(), rtol=1e-6)
    assert a_total.dtype == ak.float32 and a_total.shape == ()
    for a, t in zip(ap, tp):
        np.testing.assert_allclose(a.grad.numpy(), t.grad.numpy(), rtol=1e-6, atol=1e-7)


def test_module_reprs_and_state_dicts_match_torch() -> None:
    torch = pytest.importorskip("torch")
    tnn = torch.nn

    def build(lib: Any) -> Any:
        return lib.Sequential(
            lib.Flatten(),
            lib.ModuleList([lib.Linear(4, 4), lib.ReLU(), lib.ReLU(), lib.Dropout(0.1)]),
            lib.ModuleDict({"head": lib.Linear(4, 2), "loss": lib.HuberLoss(delta=0.5)}),
            lib.L1Loss(), lib.SmoothL1Loss(), lib.Dropout(p=0.3, inplace=True),
        )

    ours, theirs = build(nn), build(tnn)
    assert repr(ours) == repr(theirs)
    assert list(ours.state_dict()) == list(theirs.state_dict())
    assert [n for n, _ in ours.named_modules()] == [n for n, _ in theirs.named_modules()]
    ml, tml = nn.ModuleList([nn.ReLU()] * 3), tnn.ModuleList([tnn.ReLU()] * 3)
    ml.insert(1, nn.Tanh())
    tml.insert(1, tnn.Tanh())
    del ml[0]
    del tml[0]
    assert repr(ml) == repr(tml) and repr(ml[1:]) == repr(tml[1:])


def test_dropout_statistics_and_identity_match_torch() -> None:
    torch = pytest.importorskip("torch")
    x = np.linspace(-1, 1, 12, dtype=np.float32).reshape(3, 4)
    for kwargs in ({"p": 0.0}, {"p": 0.6, "training": False}):
        a = F.dropout(ak.tensor(x), **kwargs)
        b = torch.nn.functional.dropout(torch.tensor(x), **kwargs)
        np.testing.assert_array_equal(host(a), b.numpy())
    ak.manual_seed(0)
    big = host(F.dropout(ak.ones(200_000), p=0.3))
    assert math.isclose(big.mean(), 1.0, abs_tol=0.01)  # E[output] = input


def test_reassigning_keeps_registration_order() -> None:
    """As in PyTorch: replacing a parameter, child or buffer keeps its place, so the order
    of ``parameters()`` (and so an optimizer's state_dict indices) does not change."""
    lin = nn.Linear(1, 1)
    lin.weight = nn.Parameter(ak.ones(1, 1))
    assert list(lin.state_dict()) == ["weight", "bias"]
    seq = nn.Sequential(nn.Linear(1, 1), nn.ReLU())
    setattr(seq, "0", nn.Tanh())
    assert [type(m).__name__ for m in seq] == ["Tanh", "ReLU"]
    ml = nn.ModuleList([nn.ReLU(), nn.Tanh()])
    ml[0] = nn.Sigmoid()
    assert [type(m).__name__ for m in ml] == ["Sigmoid", "Tanh"]
    m = nn.Module()
    m.register_buffer("a", ak.zeros(1))
    m.register_buffer("b", ak.zeros(1))
    m.register_buffer("a", ak.ones(1))
    assert list(m.state_dict()) == ["a", "b"]
