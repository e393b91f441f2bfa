"""Tensor methods called with too few, too many or wrong arguments, the way a beginner calls
them (x.prelu(), x.put('a'), x.sin_(1)): PyTorch's argument-parser TypeErrors, compared live."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")

from parity_harness import error_of, same_built  # noqa: E402

import autograd_kit as ak  # noqa: E402
from autograd_kit import functional_forms, method_forms  # noqa: E402


def _error(lib, code: str):
    x = lib.tensor([[1.0, 2.0], [3.0, 4.0]])
    return error_of(lambda: eval(code, {"x": x, "T": lib}))  # noqa: S307


def _same(code: str) -> None:
    expected, got = _error(torch, code), _error(ak, code)
    assert got == expected, code


# every method whose forms the kit reads on failure, with no arguments and with a bad one
_READ = sorted({*method_forms.NO_ARGUMENTS, *method_forms.FORMS})


@pytest.mark.parametrize("name", _READ)
@pytest.mark.parametrize("arguments", ["()", "('a')"])
def test_method_called_wrongly(name: str, arguments: str) -> None:
    _same(f"x.{name}{arguments}")


@pytest.mark.parametrize("code", [
    "x.sin_(1)", "x.acosh(dim=0)", "x.fmax(x, x)", "x.fmax(other=x, bogus=1)",
    "x.put(T.tensor([0]))", "x.prelu()", "x.vdot(1, 2)", "x.where()", "x.where(x > 1)",
    "x.quantile()", "x.quantile('a')", "x.repeat_interleave()", "x.tensor_split()",
    "x.tensor_split(1.5)", "x.clamp_min_()", "x.copysign()", "x.bitwise_and_()",
    "x.float_power()", "x.atan2_()", "x.xlogy_()", "x.fmod_()", "x.nonzero(1)",
    "x.index_put()", "x.scatter_reduce()", "x.select_scatter()",
])
def test_beginner_calls(code: str) -> None:
    _same(code)


@pytest.mark.parametrize("code", [
    "x.cumsum_()", "x.cumprod_()", "x.cumprod_('a')", "x.cumsum_(0.5)", "x.cumsum_(0, 1)",
])
def test_running_inplace_read_as_cumsum(code: str) -> None:
    _same(code)


@pytest.mark.parametrize("code", [
    "x.copy_()", "x.copy_('a')", "x.histogram('a')", "x.random_('a')", "x.count_nonzero('a')",
    "x.squeeze_('a')",
])
def test_listed_forms_in_pytorch_order(code: str) -> None:
    _same(code)


def test_calls_that_fit_still_work() -> None:
    x = ak.tensor([[1.0, -2.0], [3.0, 4.0]])
    assert x.fmax(x).tolist() == [[1.0, -2.0], [3.0, 4.0]]
    assert x.clone().cumsum_(0).tolist() == [[1.0, -2.0], [4.0, 2.0]]
    assert x.quantile(0.5).item() == 2.0
    assert [t.shape[1] for t in x.tensor_split(2, dim=1)] == [1, 1]


@pytest.mark.parametrize("code", [
    "x.solve()", "x.lstsq()", "x.solve(x)", "x.lstsq(x, x)", "x.eig(1, 2)", "x.symeig(bogus=1)",
    "x.eig()", "T.solve(x)", "T.solve(x, x)", "T.lstsq(x, x, x)", "T.eig(x, bogus=1)",
    "T.symeig(x, 1, 2, 3)", "T.symeig()", "T.matrix_rank(x, 1, 2, 3)", "T.matrix_rank(x)",
])
def test_removed_functions_keep_their_arguments(code: str) -> None:
    _same(code)


@pytest.mark.parametrize("code", [
    "x.dim_order(1)", "x.is_shared(1)", "x.lu(1, 2, 3, 4)", "x.lu(bogus=1)", "x.register_hook()",
    "x.register_post_accumulate_grad_hook()", "x.share_memory_(1)", "x.storage(1)",
])
def test_methods_written_in_python_named_tensor(code: str) -> None:
    _same(code)


@pytest.mark.parametrize("code", [
    "x.__div__(2)", "x.__div__()", "x.__div__('a')", "x.__div__(2, rounding_mode='floor')",
    "x.__rdiv__(2)", "x.__rdiv__()", "x.__idiv__(2)", "x.__idiv__()", "x.__long__()",
    "x.__long__(1)", "x.__nonzero__()", "x.__nonzero__(1)", "T.tensor(3.5).__long__()",
    "T.tensor(3.5).__nonzero__()", "T.tensor(0.0).__nonzero__()",
])
def test_python2_operator_names(code: str) -> None:
    expected, got = _error(torch, code), _error(ak, code)
    assert got == expected
    x, y = torch.tensor([[1.0, 2.0], [3.0, 4.0]]), ak.tensor([[1.0, 2.0], [3.0, 4.0]])
    if expected[0] == "no error":
        want, have = eval(code, {"x": x, "T": torch}), eval(code, {"x": y, "T": ak})  # noqa: S307
        if want is NotImplemented:
            assert have is NotImplemented
        else:
            assert str(have).replace("autograd_kit", "torch") == str(want)


@pytest.mark.parametrize("operator", ["+=", "-=", "*=", "/=", "//=", "%=", "**=", "&=", "|=",
                                      "^=", "<<=", ">>="])
@pytest.mark.parametrize("operand", ["'a'", "None", "[1, 2]", "(1,)", "2", "numpy.ones(2)"])
def test_inplace_operator_gives_way_to_python(operator: str, operand: str) -> None:
    def run(lib):
        import numpy

        integer = operator in ("&=", "|=", "^=", "<<=", ">>=")
        scope = {"x": lib.ones(2, dtype=lib.int64) if integer else lib.ones(2), "numpy": numpy}
        exec(f"x {operator} {operand}", scope)  # noqa: S102
        return str(scope["x"]).replace("torch", "autograd_kit")

    same_built(run, torch, ak)


@pytest.mark.parametrize("name", [*sorted(functional_forms.FORMS), "linear"])
@pytest.mark.parametrize("arguments", ["()", "(x)", "(x, 'a')"])
def test_functional_called_wrongly(name: str, arguments: str) -> None:
    def run(lib):
        functional = torch.nn.functional if lib is torch else ak.nn.functional
        scope = {"F": functional, "x": lib.ones(2, 3, 4, 4)}
        return error_of(lambda: eval(f"F.{name}{arguments}", scope))  # noqa: S307

    same_built(run, torch, ak)


def test_functional_calls_that_fit_still_work() -> None:
    x = ak.ones(1, 1, 4, 4)
    assert ak.nn.functional.avg_pool2d(x, 2).shape == (1, 1, 2, 2)
    assert ak.nn.functional.conv2d(x, ak.ones(1, 1, 3, 3), padding="same").shape == (1, 1, 4, 4)
    assert ak.nn.functional.gelu(x, approximate="tanh").shape == (1, 1, 4, 4)


@pytest.mark.parametrize("code", [
    "x.nonzero(1)", "x.nonzero(1, 2)", "x.nonzero(as_tuple=1)", "x.nonzero(bogus=1)",
    "len(x.nonzero(as_tuple=True))",
])
def test_nonzero_lists_both_forms(code: str) -> None:
    _same(code)


@pytest.mark.parametrize("name", sorted(functional_forms.TENSOR_TARGET))
@pytest.mark.parametrize("call", [
    "F.{}(x, 'a')", "F.{}(x, target='a')", "F.{}(x, [1., 2.])", "F.{}(input=x, target=3)",
    # the loss's own checks first, then the input
    "F.{}(x, 'a', reduction='bogus')", "F.{}(x, 'a', p=3)", "F.{}('a', 'b')",
])
def test_loss_target_must_be_a_tensor(name: str, call: str) -> None:
    def run(lib):
        functional = torch.nn.functional if lib is torch else ak.nn.functional
        scope = {"F": functional, "x": lib.ones(2, 3)}
        return error_of(lambda: eval(call.format(name), scope))  # noqa: S307

    same_built(run, torch, ak)


def test_removed_functions_are_named_as_pytorchs() -> None:
    # (torch.symeig is PyTorch's Python function _symeig)
    def names(lib):
        return [(f.__name__, f.__qualname__) for f in (lib.symeig, lib.solve, lib.Tensor.eig)]
    assert names(ak) == names(torch)
