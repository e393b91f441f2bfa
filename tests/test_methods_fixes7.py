"""Kit-only checks of Tensor-method and creation-argument fixes (round 7), each asserting
what PyTorch was observed to do."""

from __future__ import annotations

import numpy as np
import pytest

import autograd_kit as ak

_OPTIONS = ("*, Tensor out = None, autograd_kit.dtype dtype = None, autograd_kit.layout layout = "
            "None, autograd_kit.device device = None, bool pin_memory = False, bool requires_grad "
            "= False")


def _message(call) -> str:
    with pytest.raises(TypeError) as caught:
        call()
    return str(caught.value)


def test_arange_with_a_string_dtype_is_an_invalid_combination() -> None:
    text = _message(lambda: ak.arange(3, dtype="int64"))
    assert text.startswith("arange() received an invalid combination of arguments - got "
                           "(int, dtype=str), but expected one of:\n * (Number end, " + _OPTIONS)
    assert "(Number start, Number end, *, autograd_kit.dtype dtype = None" in text
    assert text.endswith(f"(Number start, Number end, Number step = 1, {_OPTIONS})\n")
    assert "got (int, int, int, dtype=str)" in _message(lambda: ak.arange(0, 3, 1, dtype="int64"))
    assert "got (dtype=str, end=int, )" in _message(lambda: ak.arange(end=3, dtype="int64"))
    assert "got (int, dtype=type)" in _message(lambda: ak.arange(3, dtype=np.int64))


@pytest.mark.parametrize("name, call, got", [
    ("randn", lambda: ak.randn(2, dtype="float64"), "(int, dtype=str)"),
    ("randn", lambda: ak.randn((2, 3), dtype="float64"), "(tuple, dtype=str)"),
    ("rand", lambda: ak.rand(2, 3, dtype="float32"), "(int, int, dtype=str)"),
    ("randn", lambda: ak.randn(size=(2,), dtype="float64"), "(dtype=str, size=tuple, )"),
    ("eye", lambda: ak.eye(2, 3, dtype="float32"), "(int, int, dtype=str)"),
    ("linspace", lambda: ak.linspace(0., 1., 3, dtype="float32"), "(float, float, int, dtype=str)"),
    ("logspace", lambda: ak.logspace(0., 1., 3, dtype="float32"), "(float, float, int, dtype=str)"),
    ("randint", lambda: ak.randint(3, (2,), dtype="int64"), "(int, tuple, dtype=str)"),
    ("randperm", lambda: ak.randperm(3, dtype="int64"), "(int, dtype=str)"),
    ("normal", lambda: ak.normal(0., 1., (2,), dtype="float64"),
     "(float, float, tuple, dtype=str)"),
    ("normal", lambda: ak.normal(ak.zeros(2), 1., dtype=ak.float64),
     "(Tensor, float, dtype=autograd_kit.dtype)"),
])
def test_string_dtypes_match_no_signature(name, call, got) -> None:
    assert _message(call).startswith(
        f"{name}() received an invalid combination of arguments - got {got}, but expected one of:")


def test_generator_signatures_come_first() -> None:
    text = _message(lambda: ak.randperm(3, dtype="int64"))
    assert text.endswith(
        "\n * (int n, *, autograd_kit.Generator generator, Tensor out = None, autograd_kit.dtype "
        "dtype = None, autograd_kit.layout layout = None, autograd_kit.device device = None, bool "
        f"pin_memory = False, bool requires_grad = False)\n * (int n, {_OPTIONS})\n")


def test_real_dtypes_and_size_keyword_still_work() -> None:
    ak.manual_seed(0)
    assert ak.randn(size=(2,)).tolist() == pytest.approx([1.5410, -0.2934], abs=1e-4)
    assert ak.rand(size=[2, 3]).shape == (2, 3)
    assert ak.eye(2, dtype=int).dtype is ak.int64
    assert ak.arange(end=3).tolist() == [0, 1, 2]
    assert ak.arange(0, 3, 1, dtype=ak.float64).dtype is ak.float64
    assert ak.randperm(4, dtype=ak.int32).dtype is ak.int32
    with pytest.raises(TypeError, match=r"^zeros\(\): argument 'dtype' must be autograd_kit.dtype"):
        ak.zeros(2, dtype="float32")


def test_varargs_methods_take_their_argument_by_name() -> None:
    x = ak.arange(6.0).view(2, 3)
    assert x.view(size=(3, 2)).shape == (3, 2) and x.reshape(shape=[-1]).shape == (6,)
    assert x.permute(dims=(1, 0)).shape == (3, 2)
    assert x.expand(size=(2, 2, 3)).shape == (2, 2, 3)
    assert x.repeat(repeats=(1, 2)).shape == (2, 6) and x.tile(dims=(2,)).shape == (2, 6)
    assert x.flip(dims=[0, 1]).tolist() == [[5, 4, 3], [2, 1, 0]]
    with pytest.raises(TypeError, match=r"^reshape\(\) got multiple values for argument 'shape'$"):
        x.reshape(2, 3, shape=(3, 2))
    with pytest.raises(TypeError, match=r"^permute\(\) got multiple values for argument 'dims'$"):
        x.permute(1, 0, dims=(1, 0))
    assert _message(lambda: x.view((3, 2), size=(3, 2))) == (
        "view() received an invalid combination of arguments - got (tuple, size=tuple), but "
        "expected one of:\n * (autograd_kit.dtype dtype)\n * (tuple of ints size)\n")


def test_methods_use_pytorchs_argument_names() -> None:
    x = ak.arange(6.0).view(2, 3)
    assert x.pow(exponent=2).tolist() == [[0, 1, 4], [9, 16, 25]]
    assert x.mm(mat2=x.t()).tolist() == [[5, 14], [14, 50]]
    assert x[0].dot(tensor=x[1]).item() == 14
    assert x[0].outer(vec2=ak.ones(2)).shape == (3, 2)
    assert x.mv(vec=ak.ones(3)).tolist() == [3, 12]
    assert x.clone().pow_(exponent=2)[1, 2].item() == 25
    y = ak.zeros(3)
    assert y.copy_(other=ak.ones(3), non_blocking=True) is y and y._version == 1
    assert x.cpu(memory_format=ak.preserve_format) is x
    assert x.float(memory_format=ak.preserve_format) is x


def test_to_reads_a_python_float_or_bool_as_its_type() -> None:
    x = ak.arange(3.0)
    assert x.to(2.5).dtype is ak.float64 and x.to(True).dtype is ak.bool
    assert x.to(False, True).dtype is ak.bool
    assert "got (str, bool)" in _message(lambda: x.to("cpu", True))
    assert "got (dtype=float, )" in _message(lambda: x.to(dtype=2.5))
    assert x.to("cpu", None, True) is x and x.to("cpu", None, False, True) is not x


def test_map2_and_the_operand_checks_of_python_maps() -> None:
    x = ak.arange(6.0).view(2, 3)
    assert x.map2_(ak.ones(2, 1), ak.tensor([1.0, 2.0, 3.0]),
                   lambda a, b, c: a * b + c) is x
    assert x.tolist() == [[1, 3, 5], [4, 6, 8]]
    assert _message(lambda: x.map2_(ak.ones(3), [1.0], lambda a, b, c: a)) == (
        "map2_(): argument 'y' (position 2) must be Tensor, not list")
    assert _message(lambda: x.int().map2_(ak.ones(3), ak.ones(3), lambda a, b, c: a)) == (
        "map2_: expected autograd_kit.IntTensor for argument 'x' (got autograd_kit.FloatTensor)")
    assert _message(lambda: x.int().map_(ak.ones(3), lambda a, b: a)) == (
        "map_: expected autograd_kit.IntTensor for 'other' (got autograd_kit.FloatTensor)")
    with pytest.raises(RuntimeError, match=r"^The expanded size of the tensor \(2\) must match"):
        x.map_(ak.ones(3, 3), lambda a, b: a)
    with pytest.raises(RuntimeError, match=r"Can't call map2_\(\) on Variable that requires"):
        x.map2_(ak.ones(3), ak.ones(3, requires_grad=True), lambda a, b, c: a)


def test_tensor_or_number_methods_list_both_forms() -> None:
    x = ak.arange(3.0)
    assert _message(lambda: x.eq([1.0, 2])) == (
        "eq() received an invalid combination of arguments - got (list), but expected one of:\n"
        " * (Tensor other)\n      didn't match because some of the arguments have invalid "
        "types: (!list of [float, int]!)\n * (Number other)\n      didn't match because some of "
        "the arguments have invalid types: (!list of [float, int]!)\n")
    assert "(!tuple of (int, int)!)" in _message(lambda: x.pow((1, 2)))
    assert "* (Number exponent)" in _message(lambda: x.pow_("a"))
    assert "(!NoneType!)" in _message(lambda: x.fmod(None))
    assert x.pow(ak.tensor(2)).tolist() == [0, 1, 4] and x.eq(np.float64(1.0)).tolist()[1]


def test_two_argument_forms_mark_from_the_first_misfit() -> None:
    x = ak.arange(3.0)
    text = _message(lambda: x.masked_fill([True], 0.0))
    assert text.startswith("masked_fill() received an invalid combination of arguments - got "
                           "(list, float), but expected one of:\n * (Tensor mask, Tensor value)")
    assert text.count("(!list of [bool]!, !float!)") == 2
    assert "(Tensor, !str!)" in _message(lambda: x.lerp(ak.ones(3), "a"))
    assert "* (Tensor condition, Number other)" in _message(lambda: x.where(x > 1, [0.0]))
    assert x.masked_fill(x > 1, ak.tensor(7.0)).tolist() == [0, 1, 7]


@pytest.mark.parametrize("call, text", [
    (lambda x: x.matmul([1.0]), "matmul(): argument 'other' (position 1) must be Tensor, not list"),
    (lambda x: x.mm(None), "mm(): argument 'mat2' (position 1) must be Tensor, not NoneType"),
    (lambda x: x.dot([1.0]), "dot(): argument 'tensor' (position 1) must be Tensor, not list"),
    (lambda x: x.maximum(1.),
     "maximum(): argument 'other' (position 1) must be Tensor, not float"),
    (lambda x: x.isclose(1.),
     "isclose(): argument 'other' (position 1) must be Tensor, not float"),
    (lambda x: x.equal([1.0]), "equal(): argument 'other' (position 1) must be Tensor, not list"),
    (lambda x: x.take([0]), "take(): argument 'index' (position 1) must be Tensor, not list"),
    (lambda x: x.type_as(np.ones(2)),
     "type_as(): argument 'other' (position 1) must be Tensor, not numpy.ndarray"),
    (lambda x: x.view_as([1]), "view_as(): argument 'other' (position 1) must be Tensor, not list"),
    (lambda x: x.expand_as([1]),
     "expand_as(): argument 'other' (position 1) must be Tensor, not list"),
    (lambda x: x.add(1, alpha="a"), "add(): argument 'alpha' must be Number, not str"),
    (lambda x: x.sub(1, alpha=None), "sub(): argument 'alpha' must be Number, not NoneType"),
])
def test_methods_name_the_argument_of_the_wrong_type(call, text) -> None:
    assert _message(lambda: call(ak.arange(3.0))) == text


def test_type_takes_only_legacy_type_names() -> None:
    x = ak.arange(3.0)
    assert x.type("torch.DoubleTensor").dtype is ak.float64
    assert x.type("autograd_kit.LongTensor").dtype is ak.int64
    for name in ("float", "float64", "DoubleTensor"):
        with pytest.raises(ValueError, match=f"^invalid type: '{name}'$"):
            x.type(name)
