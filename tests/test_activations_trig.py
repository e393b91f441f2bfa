"""tan, asin, acos, atan, sinh, cosh, log2, log10, amax/amin, dist, and the activations
leaky_relu, elu, softplus, gelu, silu, relu6, hardtanh (functions and nn modules).

Values against NumPy formulas, first and second derivatives against finite differences
(float64), node names, reprs and error messages as in PyTorch; and, where torch is
installed, the same calls side by side with torch (values, first and second derivatives).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import autograd_kit as ak
from autograd_kit.autograd import gradcheck, gradgradcheck

X = np.array([[0.7, -1.3, 2.1, 0.4], [-0.9, 1.6, -0.2, 1.1], [0.3, -2.4, 0.8, -0.6]])
erf = np.vectorize(math.erf)


def host(t: ak.Tensor) -> np.ndarray:
    return np.array(t.tolist())


def leaf(device: str, values: np.ndarray = X, dtype=ak.float64) -> ak.Tensor:
    return ak.tensor(values, dtype=dtype, device=device, requires_grad=True)


def gelu_tanh(a: np.ndarray) -> np.ndarray:
    return 0.5 * a * (1 + np.tanh(math.sqrt(2 / math.pi) * (a + 0.044715 * a**3)))


def p_norm(d: np.ndarray, p: float) -> float:
    return (np.abs(d) ** p).sum() ** (1 / p)


# name: (call, written for both autograd_kit and torch as `t`; NumPy reference; node name).
# Inputs stay away from kinks (0, the hardtanh bounds, softplus' threshold) and domain edges.
CASES = {
    "tan": (lambda t, x: t.tan(x), np.tan, "TanBackward0"),
    "asin": (lambda t, x: t.asin(x / 3), lambda a: np.arcsin(a / 3), "AsinBackward0"),
    "acos": (lambda t, x: (x / 3).acos(), lambda a: np.arccos(a / 3), "AcosBackward0"),
    "atan": (lambda t, x: x.atan(), np.arctan, "AtanBackward0"),
    "sinh": (lambda t, x: t.sinh(x), np.sinh, "SinhBackward0"),
    "cosh": (lambda t, x: x.cosh(), np.cosh, "CoshBackward0"),
    "log2": (lambda t, x: t.log2(x * x + 0.5), lambda a: np.log2(a * a + 0.5), "Log2Backward0"),
    "log10": (lambda t, x: (x * x + 0.5).log10(), lambda a: np.log10(a * a + 0.5),
              "Log10Backward0"),
    "amax": (lambda t, x: t.amax(x, 1), lambda a: a.max(1), "AmaxBackward0"),
    "amax_all": (lambda t, x: x.amax(), lambda a: a.max(), "AmaxBackward0"),
    "amin_keepdim": (lambda t, x: t.amin(x, (0, 1), keepdim=True),
                     lambda a: a.min((0, 1), keepdims=True), "AminBackward0"),
    "amin_dim0": (lambda t, x: x.amin(0), lambda a: a.min(0), "AminBackward0"),
    "dist": (lambda t, x: t.dist(x[0], x[1]), lambda a: p_norm(a[0] - a[1], 2), "DistBackward0"),
    "dist_p1": (lambda t, x: t.dist(x[0], x[2], 1), lambda a: p_norm(a[0] - a[2], 1),
                "DistBackward0"),
    "dist_p3_broadcast": (lambda t, x: x.dist(x[1], p=3), lambda a: p_norm(a - a[1], 3),
                          "DistBackward0"),
    "dist_p_half": (lambda t, x: t.dist(x[0], x[1], 0.5), lambda a: p_norm(a[0] - a[1], 0.5),
                    "DistBackward0"),
    "dist_inf": (lambda t, x: t.dist(x[0], x[1], math.inf),
                 lambda a: np.abs(a[0] - a[1]).max(), "DistBackward0"),
    "dist_minus_inf": (lambda t, x: t.dist(x[0], x[1], -math.inf),
                       lambda a: np.abs(a[0] - a[1]).min(), "DistBackward0"),
    "leaky_relu": (lambda t, x: t.nn.functional.leaky_relu(x),
                   lambda a: np.where(a > 0, a, 0.01 * a), "LeakyReluBackward0"),
    "leaky_relu_slope": (lambda t, x: t.nn.functional.leaky_relu(x, negative_slope=0.2),
                         lambda a: np.where(a > 0, a, 0.2 * a), "LeakyReluBackward0"),
    "elu": (lambda t, x: t.nn.functional.elu(x), lambda a: np.where(a > 0, a, np.expm1(a)),
            "EluBackward0"),
    "elu_alpha": (lambda t, x: t.nn.functional.elu(x, alpha=0.5),
                  lambda a: np.where(a > 0, a, 0.5 * np.expm1(a)), "EluBackward0"),
    "softplus": (lambda t, x: t.nn.functional.softplus(x), lambda a: np.log1p(np.exp(a)),
                 "SoftplusBackward0"),
    "softplus_beta": (lambda t, x: t.nn.functional.softplus(x, beta=2.0, threshold=3.0),
                      lambda a: np.where(2 * a > 3, a, np.log1p(np.exp(2 * a)) / 2),
                      "SoftplusBackward0"),
    "gelu": (lambda t, x: t.nn.functional.gelu(x),
             lambda a: a * 0.5 * (1 + erf(a / math.sqrt(2))), "GeluBackward0"),
    "gelu_tanh": (lambda t, x: t.nn.functional.gelu(x, approximate="tanh"), gelu_tanh,
                  "GeluBackward0"),
    "silu": (lambda t, x: t.nn.functional.silu(x), lambda a: a / (1 + np.exp(-a)),
             "SiluBackward0"),
    "relu6": (lambda t, x: t.nn.functional.relu6(x + 4), lambda a: np.clip(a + 4, 0, 6),
              "HardtanhBackward0"),
    "hardtanh": (lambda t, x: t.nn.functional.hardtanh(x), lambda a: np.clip(a, -1, 1),
                 "HardtanhBackward0"),
    "hardtanh_range": (lambda t, x: t.nn.functional.hardtanh(x, min_val=-0.5, max_val=1.5),
                       lambda a: np.clip(a, -0.5, 1.5), "HardtanhBackward0"),
}

# The activations whose backward rule is an operation of its own, as in PyTorch.
OWN_RULE = {"LeakyReluBackward0", "EluBackward0", "SoftplusBackward0", "GeluBackward0",
            "HardtanhBackward0"}


def second_order_name(name: str) -> str | None:
    """The node of the first derivative under create_graph, where it is the rule's own."""
    node = CASES[name][2]
    return node.replace("Backward0", "BackwardBackward0") if node in OWN_RULE else None


@pytest.mark.parametrize("name", sorted(CASES))
def test_values_gradients_and_names(name, device):
    call, reference, node = CASES[name]
    x = leaf(device)
    y = call(ak, x)
    np.testing.assert_allclose(host(y), reference(X), rtol=1e-12, atol=1e-14)
    assert y.dtype == ak.float64 and y.device == x.device
    assert type(y.grad_fn).__name__ == node and y.grad_fn.name() == node
    assert gradcheck(lambda v: call(ak, v), (x,))
    assert gradgradcheck(lambda v: call(ak, v), (x,))


@pytest.mark.parametrize("name", sorted(n for n in CASES if second_order_name(n)))
def test_first_derivative_is_the_rules_own_node(name, device):
    x = leaf(device)
    (g,) = ak.autograd.grad(CASES[name][0](ak, x).sum(), x, create_graph=True)
    assert g.grad_fn.name() == second_order_name(name)
    assert [n is None for n, _ in g.grad_fn.next_functions] == [True, False]


def test_amax_shares_the_gradient_among_ties(device):
    x = ak.tensor([[1.0, 3.0, 3.0], [2.0, 2.0, 0.0]], dtype=ak.float64, device=device,
                  requires_grad=True)
    ak.amax(x, 1).backward(ak.tensor([1.0, 2.0], dtype=ak.float64, device=device))
    assert host(x.grad).tolist() == [[0.0, 0.5, 0.5], [1.0, 1.0, 0.0]]
    x.grad = None
    x.amin().backward()
    assert host(x.grad).tolist() == [[0.0, 0.0, 0.0], [0.0, 0.0, 1.0]]
    x.grad = None
    x.max().backward()  # max() without dim shares too; max(dim) picks one index
    assert host(x.grad).tolist() == [[0.0, 0.5, 0.5], [0.0, 0.0, 0.0]]


def test_amax_dims_and_dtypes(device):
    ints = ak.tensor([[1, 5], [7, 2]], device=device)
    assert ints.amax().dtype == ak.int64 and ints.amax().item() == 7
    assert ak.amin(ints, -1).tolist() == [1, 2]
    assert ints.amax((), keepdim=True).shape == (1, 1)
    assert ak.tensor([True, False], device=device).amax().dtype == ak.bool
    assert ak.amax(ak.tensor(2.0, device=device), 0).item() == 2.0
    assert ak.amax(ak.zeros(2, 0, device=device), 0).shape == (0,)
    assert math.isnan(ak.tensor([1.0, math.nan], device=device).amax().item())


def test_dist_edge_cases(device):
    a = ak.tensor([1.0, 2.0, 3.0], dtype=ak.float64, device=device, requires_grad=True)
    same = a.detach().clone()
    d = ak.dist(a, same)
    d.backward()
    assert d.item() == 0.0 and host(a.grad).tolist() == [0.0, 0.0, 0.0]  # no 0/0
    b = ak.tensor([1.0, 0.0, 0.0], dtype=ak.float64, device=device)
    a.grad = None
    zero_norm = ak.dist(a, b, 0)
    assert zero_norm.item() == 2.0 and zero_norm.grad_fn.name() == "DistBackward0"
    zero_norm.backward()
    assert a.grad is None  # a count has no gradient: PyTorch sends none
    with pytest.raises(RuntimeError, match="appears to not have been used in the graph"):
        ak.autograd.grad(ak.dist(a, b, 0), a)
    assert ak.dist(a, b).grad_fn.next_functions[1] == (None, 0)
    assert ak.dist(a, ak.tensor([0.0, 0.0, 0.0], device=device)).dtype == ak.float64


def test_elementwise_dtypes(device):
    ints = ak.tensor([1, 2, 4], device=device)
    for fn in (ak.tan, ak.atan, ak.sinh, ak.cosh, ak.log2, ak.log10):
        assert fn(ints).dtype == ak.float32
    assert host(ak.log2(ints)).tolist() == [0.0, 1.0, 2.0]
    half = ak.tensor([1.0, -1.0], dtype=ak.float16, device=device)
    F = ak.nn.functional
    for fn in (F.gelu, F.elu, F.silu, F.softplus, F.leaky_relu, F.hardtanh, ak.tan):
        assert fn(half).dtype == ak.float16
    assert F.relu6(ak.tensor([-3, 2, 9], device=device)).tolist() == [0, 2, 6]
    assert F.hardtanh(ak.tensor([-3, 0, 9], device=device)).dtype == ak.int64


def test_inplace_activations(device):
    F = ak.nn.functional
    cases = [  # (call, expected node, NumPy reference), on 4x (so that relu6 clamps at 6)
        (lambda v: F.leaky_relu(v, 0.1, inplace=True), "LeakyReluBackward1",
         lambda a: np.where(a > 0, a, 0.1 * a)),
        (lambda v: F.elu(v, inplace=True), "EluBackward1",
         lambda a: np.where(a > 0, a, np.expm1(a))),
        (lambda v: F.silu(v, inplace=True), "SiluBackward0", lambda a: a / (1 + np.exp(-a))),
        (lambda v: F.relu6(v, inplace=True), "HardtanhBackward0", lambda a: np.clip(a, 0, 6)),
        (lambda v: F.hardtanh(v, inplace=True), "HardtanhBackward0", lambda a: np.clip(a, -1, 1)),
    ]
    for call, node, reference in cases:
        x = leaf(device)
        y = x * 4
        out = call(y)
        assert out is y and out.grad_fn.name() == node
        np.testing.assert_allclose(host(y), reference(4 * X), rtol=1e-12)
        assert gradcheck(lambda v, call=call: call(v * 4), (x,))
        with pytest.raises(RuntimeError, match="a leaf Variable that requires grad"):
            call(leaf(device))


MODULES = [
    (lambda nn: nn.LeakyReLU(), "LeakyReLU(negative_slope=0.01)"),
    (lambda nn: nn.LeakyReLU(0.2, True), "LeakyReLU(negative_slope=0.2, inplace=True)"),
    (lambda nn: nn.ELU(), "ELU(alpha=1.0)"),
    (lambda nn: nn.ELU(alpha=2, inplace=True), "ELU(alpha=2, inplace=True)"),
    (lambda nn: nn.Softplus(), "Softplus(beta=1.0, threshold=20.0)"),
    (lambda nn: nn.Softplus(2, 10), "Softplus(beta=2, threshold=10)"),
    (lambda nn: nn.GELU(), "GELU(approximate='none')"),
    (lambda nn: nn.GELU("tanh"), "GELU(approximate='tanh')"),
    (lambda nn: nn.SiLU(), "SiLU()"),
    (lambda nn: nn.SiLU(inplace=True), "SiLU(inplace=True)"),
    (lambda nn: nn.ReLU6(), "ReLU6()"),
    (lambda nn: nn.ReLU6(True), "ReLU6(inplace=True)"),
    (lambda nn: nn.Hardtanh(), "Hardtanh(min_val=-1.0, max_val=1.0)"),
    (lambda nn: nn.Hardtanh(-2, 3, True), "Hardtanh(min_val=-2, max_val=3, inplace=True)"),
]


@pytest.mark.parametrize("make, text", MODULES)
def test_module_reprs(make, text):
    assert repr(make(ak.nn)) == text


def test_modules_call_their_functions(device):
    F, nn = ak.nn.functional, ak.nn
    pairs = [(nn.LeakyReLU(0.2), lambda v: F.leaky_relu(v, 0.2)),
             (nn.ELU(0.5), lambda v: F.elu(v, 0.5)),
             (nn.Softplus(2.0, 3.0), lambda v: F.softplus(v, 2.0, 3.0)),
             (nn.GELU("tanh"), lambda v: F.gelu(v, approximate="tanh")), (nn.SiLU(), F.silu),
             (nn.ReLU6(), F.relu6), (nn.Hardtanh(-0.5, 0.5), lambda v: F.hardtanh(v, -0.5, 0.5))]
    x = leaf(device)
    for module, function in pairs:
        y = module(x)
        assert host(y).tolist() == host(function(x)).tolist()
        assert y.grad_fn.name() == function(x).grad_fn.name()
    layer = nn.Sequential(nn.Linear(4, 2), nn.GELU())
    assert "(1): GELU(approximate='none')" in repr(layer)


ERRORS = [
    (lambda d: ak.nn.functional.leaky_relu(ak.tensor([1, -2], device=d)), NotImplementedError,
     "\"leaky_relu_cpu\" not implemented for 'Long'"),
    (lambda d: ak.nn.functional.elu(ak.tensor([1, -2], device=d)), NotImplementedError,
     "\"elu_cpu\" not implemented for 'Long'"),
    (lambda d: ak.nn.functional.softplus(ak.tensor([1, -2], device=d)), NotImplementedError,
     "\"softplus_cpu\" not implemented for 'Long'"),
    (lambda d: ak.nn.functional.gelu(ak.tensor([1, -2], device=d)), NotImplementedError,
     "\"GeluKernelImpl\" not implemented for 'Long'"),
    (lambda d: ak.nn.functional.silu(ak.tensor([1, -2], device=d)), NotImplementedError,
     "\"silu_cpu\" not implemented for 'Long'"),
    (lambda d: ak.nn.functional.gelu(ak.ones(2, device=d), approximate="fast"), RuntimeError,
     "approximate argument must be either none or tanh."),
    (lambda d: ak.nn.functional.hardtanh(ak.ones(2, device=d), 2.0, 1.0), ValueError,
     "min_val cannot be greater than max_val"),
    (lambda d: ak.nn.Hardtanh(2.0, 1.0), AssertionError,
     r"max_val \(1.0\) must be greater than min_val \(2.0\)"),
    (lambda d: ak.amax(ak.zeros(0, device=d)), RuntimeError,
     r"amax\(\): Expected reduction dim to be specified for input.numel\(\) == 0. Specify the "
     r"reduction dim with the 'dim' argument."),
    (lambda d: ak.amin(ak.zeros(2, 0, device=d), 1), IndexError,
     r"amin\(\): Expected reduction dim 1 to have non-zero size."),
    (lambda d: ak.zeros(2, 3, device=d).amax((0, 0)), RuntimeError,
     "dim 0 appears multiple times in the list of dims"),
    (lambda d: ak.zeros(2, 3, device=d).amax(2), IndexError,
     r"Dimension out of range \(expected to be in range of \[-2, 1\], but got 2\)"),
    (lambda d: ak.dist(ak.tensor([1, 2], device=d), ak.tensor([1, 2], device=d)), RuntimeError,
     "norm\\(\\): input dtype should be either floating point or complex. Got Long instead."),
    (lambda d: ak.dist(ak.ones(2, 3, device=d), ak.zeros(2, device=d)), RuntimeError,
     r"The size of tensor a \(3\) must match the size of tensor b \(2\) at non-singleton "
     r"dimension 1"),
]


@pytest.mark.parametrize("case", range(len(ERRORS)))
def test_errors_match_pytorch_wording(case, device):
    call, error, message = ERRORS[case]
    with pytest.raises(error, match=message):
        call(device)


# ---- side by side with torch ---------------------------------------------------------------

def _derivatives(lib, call, x, weights, directions):
    """y, the gradient of Σ w·y and the gradient of Σ v·(that gradient)."""
    y = call(lib, x)
    (g,) = lib.autograd.grad((y * weights).sum(), x, create_graph=True)
    if not g.requires_grad:  # amax/amin: the gradient does not depend on x's values
        return y, g, lib.zeros_like(x)
    (gg,) = lib.autograd.grad((g * directions).sum(), x)
    return y, g, gg


@pytest.mark.parametrize("name", sorted(CASES))
def test_against_torch(name):
    torch = pytest.importorskip("torch")
    call, _, node = CASES[name]
    rng = np.random.default_rng(3)
    ours_x, theirs_x = leaf("cpu"), torch.tensor(X, requires_grad=True)
    shape = tuple(call(torch, theirs_x).shape)
    w, v = rng.standard_normal(shape), rng.standard_normal(X.shape)
    ours = _derivatives(ak, call, ours_x, ak.tensor(w), ak.tensor(v))
    theirs = _derivatives(torch, call, theirs_x, torch.tensor(w), torch.tensor(v))
    for o, t in zip(ours, theirs):
        np.testing.assert_allclose(host(o), t.detach().numpy(), rtol=1e-10, atol=1e-12)
    assert ours[0].grad_fn.name() == theirs[0].grad_fn.name() == node
    assert len(ours[0].grad_fn.next_functions) == len(theirs[0].grad_fn.next_functions)
    if second_order_name(name):
        assert ours[1].grad_fn.name() == theirs[1].grad_fn.name()
    # float32: the same values, to float32 precision
    ours32 = call(ak, ak.tensor(X, dtype=ak.float32))
    theirs32 = call(torch, torch.tensor(X, dtype=torch.float32))
    assert str(theirs32.dtype) == f"torch.{ours32.dtype.name}"
    np.testing.assert_allclose(host(ours32), theirs32.numpy(), rtol=2e-6, atol=1e-6)


def test_module_reprs_against_torch():
    torch = pytest.importorskip("torch")
    for make, _ in MODULES:
        assert repr(make(ak.nn)) == repr(make(torch.nn))
