"""The namespace additions checked without PyTorch: values against known closed forms,
gradients against finite differences (first and second order), and the settings, testing,
backends and cuda helpers."""

from __future__ import annotations

import math

import numpy
import pytest

import autograd_kit as ak
from autograd_kit.autograd import gradcheck, gradgradcheck

L, S = ak.linalg, ak.special


def _x(*values: float) -> ak.Tensor:
    return ak.tensor(values, dtype=ak.float64, requires_grad=True)


def _matrix(seed: int, rows: int = 3, cols: int = 3) -> ak.Tensor:
    data = numpy.random.default_rng(seed).normal(size=(rows, cols)) + 2 * numpy.eye(rows, cols)
    return ak.tensor(data, dtype=ak.float64, requires_grad=True)


ELEMENTWISE = {
    "lgamma": (ak.lgamma, _x(0.3, 1.5, 4.0, -1.5)),
    "digamma": (ak.digamma, _x(0.3, 1.5, 4.0, -1.5)),
    "polygamma2": (lambda x: ak.polygamma(2, x), _x(0.7, 1.5, 12.0)),
    "mvlgamma": (lambda x: ak.mvlgamma(x, 3), _x(1.7, 2.5)),
    "i0": (ak.i0, _x(-2.0, 0.5, 25.0)),
    "i0e": (S.i0e, _x(-2.0, 0.5, 25.0)),
    "i1": (S.i1, _x(-2.0, 0.0, 0.5, 25.0)),
    "i1e": (S.i1e, _x(-2.0, 0.0, 0.5, 25.0)),
    "ndtr": (S.ndtr, _x(-3.0, 0.0, 1.5)),
    "ndtri": (S.ndtri, _x(0.01, 0.4, 0.9)),
    "log_ndtr": (S.log_ndtr, _x(-12.0, -1.0, 0.5, 4.0)),
    "erfcx": (S.erfcx, _x(-1.0, 0.5, 5.0)),
    "entr": (S.entr, _x(0.2, 1.5)),
    "sinc": (ak.sinc, _x(-0.7, 0.3, 2.5)),
    "deg2rad": (ak.deg2rad, _x(30.0, -45.0)),
    "zeta_q": (lambda q: S.zeta(3.0, q), _x(0.5, 2.0)),
    "xlog1py": (lambda x: S.xlog1py(x, x * x), _x(0.5, 2.0)),
}


@pytest.mark.parametrize("name", list(ELEMENTWISE))
def test_special_rules_match_finite_differences(name: str) -> None:
    f, x = ELEMENTWISE[name]
    assert gradcheck(f, (x,))
    assert gradgradcheck(f, (x,))


def test_special_values_against_closed_forms() -> None:
    euler = 0.5772156649015329
    close = numpy.testing.assert_allclose
    close(ak.lgamma(_x(0.5, 1.0, 2.0, 5.0)).detach().numpy(),
          [0.5 * math.log(math.pi), 0.0, 0.0, math.log(24.0)], rtol=1e-13, atol=1e-15)
    close(ak.digamma(_x(1.0, 0.5)).detach().numpy(), [-euler, -euler - 2 * math.log(2)],
          rtol=1e-13)
    close(ak.polygamma(1, _x(1.0, 0.5)).detach().numpy(), [math.pi ** 2 / 6, math.pi ** 2 / 2],
          rtol=1e-8)  # PyTorch's trigamma (which the kit follows): about 1e-9
    close(S.zeta(_x(2.0, 4.0), 1.0).detach().numpy(), [math.pi ** 2 / 6, math.pi ** 4 / 90],
          rtol=1e-13)
    close(S.i0(_x(0.0)).item(), 1.0)
    close(S.i1(_x(1e-3)).item(), 5e-4 + 1.25e-10 / 2, rtol=1e-12)
    close(S.i0e(_x(1000.0)).item(), 1 / math.sqrt(2 * math.pi * 1000) * (1 + 1 / 8000),
          rtol=1e-6)
    close(S.ndtri(_x(0.975)).item(), 1.959963984540054, rtol=1e-13)
    close(S.ndtr(S.ndtri(_x(1e-12))).item(), 1e-12, rtol=1e-3)
    close(S.log_ndtr(_x(-40.0)).item(), -800 - math.log(40 * math.sqrt(2 * math.pi)), rtol=1e-5)
    close(S.erfcx(_x(30.0)).item(), 1 / (30 * math.sqrt(math.pi)) * (1 - 1 / 1800), rtol=1e-6)
    close(S.entr(_x(0.5)).item(), 0.5 * math.log(2))
    close(ak.sinc(_x(0.5, 0.0)).detach().numpy(), [2 / math.pi, 1.0])
    assert S.digamma(ak.tensor([-2.0])).isnan().all()


def test_gamma_family_rules_are_recorded_under_pytorch_names() -> None:
    x = _x(1.5)
    names = [f(x).grad_fn.name() for f in (ak.lgamma, ak.digamma, ak.i0, S.i1, S.ndtri)]
    assert names == ["LgammaBackward0", "DigammaBackward0", "I0Backward0",
                     "SpecialI1Backward0", "SpecialNdtriBackward0"]
    with pytest.raises(NotImplementedError, match="derivative for 'zeta'"):
        S.zeta(_x(2.0), 1.0).backward()


LINALG = {
    "matrix_power": (lambda a: L.matrix_power(a, 5), 1),
    "matrix_power_negative": (lambda a: L.matrix_power(a, -2), 1),
    "matrix_exp": (L.matrix_exp, 1),
    "solve_triangular": (lambda a, b: L.solve_triangular(a, b, upper=True), 2),
    "solve_triangular_right": (lambda a, b: L.solve_triangular(
        a, b.T, upper=False, left=False, unitriangular=True), 2),
    "lstsq": (lambda a, b: L.lstsq(a[:, :2], b).solution, 2),
    "eig": (lambda a: L.eig(a @ a.T).eigenvectors, 1),
    "eigvals": (lambda a: L.eigvals(a @ a.T + a), 1),
    "lu": (lambda a: L.lu(a)[1:], 1),
    "lu_factor": (lambda a: L.lu_factor(a).LU, 1),
    "lu_solve": (lambda a, b: L.lu_solve(*L.lu_factor(a), b), 2),
    "multi_dot": (lambda a, b: L.multi_dot([a, b, b.T, a]), 2),
    "vander": (lambda a: L.vander(a[0]), 1),
    "tensorsolve": (lambda a, b: L.tensorsolve(a, b[:, 0]), 2),
    "vdot": (lambda a, b: ak.vdot(a[0], b[:, 1]), 2),
}


@pytest.mark.parametrize("name", list(LINALG))
def test_linalg_rules_match_finite_differences(name: str) -> None:
    f, count = LINALG[name]
    inputs = (_matrix(1), _matrix(2, 3, 2))[:count]
    assert gradcheck(f, inputs)
    assert gradgradcheck(f, inputs)


def test_linalg_values() -> None:
    t = 0.7
    rotation = L.matrix_exp(ak.tensor([[0.0, t], [-t, 0.0]], dtype=ak.float64))
    numpy.testing.assert_allclose(rotation.numpy(), [[math.cos(t), math.sin(t)],
                                                     [-math.sin(t), math.cos(t)]], rtol=1e-14)
    a = _matrix(3, 4, 3).detach()
    p, low, up = L.lu(a)
    numpy.testing.assert_allclose((p @ low @ up).numpy(), a.numpy(), atol=1e-14)
    assert L.matrix_power(ak.tensor([[1, 1], [1, 0]]), 10).tolist() == [[89, 55], [55, 34]]
    values, vectors = L.eig(ak.tensor([[2.0, 1.0], [0.0, 3.0]], dtype=ak.float64))
    numpy.testing.assert_allclose(sorted(values.tolist()), [2.0, 3.0])
    b = ak.tensor([[1.0], [2.0], [2.0]], dtype=ak.float64)
    design = ak.tensor([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]], dtype=ak.float64)
    normal = L.solve(design.T @ design, design.T @ b)
    numpy.testing.assert_allclose(L.lstsq(design, b).solution.numpy(), normal.numpy())
    with pytest.raises(RuntimeError, match="complex eigenvalues"):
        L.eigvals(ak.tensor([[0.0, 1.0], [-1.0, 0.0]]))


def test_inplace_function_forms_change_their_argument() -> None:
    x = ak.tensor([-1.0, 2.0])
    assert ak.relu_(x) is x and x.tolist() == [0.0, 2.0]
    assert ak.fill_(x, 3.0) is x and x.tolist() == [3.0, 3.0]
    assert ak.zero_(x).tolist() == [0.0, 0.0]
    assert ak.clamp_(ak.tensor([-5.0, 5.0]), -1, 1).tolist() == [-1.0, 1.0]
    with pytest.raises(TypeError, match=r"relu_\(\): argument 'input'"):
        ak.relu_(3)
    assert (ak.pi, ak.e, ak.newaxis) == (math.pi, math.e, None)
    assert ak.arccos is ak.acos


def test_settings_keep_what_was_set() -> None:
    before = ak.get_num_threads()
    ak.set_num_threads(3)
    assert ak.get_num_threads() == 3
    ak.set_num_threads(before)
    with pytest.raises(RuntimeError, match="positive integer"):
        ak.set_num_threads(0)
    ak.use_deterministic_algorithms(True)
    assert ak.are_deterministic_algorithms_enabled() and ak.get_deterministic_debug_mode() == 2
    ak.use_deterministic_algorithms(False)
    assert ak.get_float32_matmul_precision() == "highest"


def test_assert_close_and_make_tensor() -> None:
    ak.testing.assert_close(ak.tensor([1.0, 2.0]), ak.tensor([1.0, 2.0 + 1e-7]))
    with pytest.raises(AssertionError, match=r"Mismatched elements: 1 / 3 \(33.3%\)"):
        ak.testing.assert_close(ak.tensor([1.0, 2.0, 3.0]), ak.tensor([1.0, 2.1, 3.0]))
    with pytest.raises(AssertionError, match="attribute 'dtype'"):
        ak.testing.assert_close(ak.tensor([1.0]), ak.tensor([1.0], dtype=ak.float64))
    t = ak.testing.make_tensor((50,), dtype=ak.float32, device="cpu", low=-2, high=3)
    assert t.shape == (50,) and -2 <= t.min().item() and t.max().item() < 3
    n = ak.testing.make_tensor(4, dtype=ak.int64, device="cpu", low=0, high=2)
    assert set(n.tolist()) <= {0, 1}


def test_backends_flags_and_cuda_without_a_gpu() -> None:
    assert ak.backends.cudnn.enabled and not ak.backends.cudnn.benchmark
    assert not ak.backends.cuda.matmul.allow_tf32 and not ak.backends.mps.is_available()
    with pytest.raises(AttributeError, match="Unknown attribute"):
        ak.backends.cuda.matmul.allow_tf33 = True
    if ak.cuda.is_available():
        pytest.skip("a GPU is present")
    assert ak.cuda.manual_seed(0) is None and ak.cuda.memory_allocated() == 0
    assert ak.cuda.empty_cache() is None and ak.cuda.memory_stats() == {}
    with pytest.raises((AssertionError, RuntimeError)):
        ak.cuda.get_device_name()
