"""Kit-only checks of the namespace fixes (PyTorch's behaviour, observed with PyTorch 2.x):
torch.Size's messages, result_type/promote_types/can_cast argument checks, set_default_dtype
and set_default_tensor_type."""

# ruff: noqa: E501

from __future__ import annotations

import warnings

import pytest

import autograd_kit as T


def test_size_messages_name_the_type_as_pytorch_does() -> None:
    s = T.Size([2, 3])
    with pytest.raises(TypeError, match="^'autograd_kit.Size' object does not support item assignment$"):
        s[0] = 1  # type: ignore[index]
    with pytest.raises(AttributeError, match="^'autograd_kit.Size' object has no attribute 'append'$"):
        s.append(1)  # type: ignore[attr-defined]
    with pytest.raises(TypeError, match=r"^can only concatenate tuple \(not list\) to autograd_kit.Size$"):
        s + [1]  # type: ignore[operator]  # noqa: B018
    with pytest.raises(TypeError, match="^can't multiply sequence by non-int of type 'float'$"):
        s * 1.5  # type: ignore[operator]  # noqa: B018
    with pytest.raises(TypeError, match=r"^Size.numel\(\) takes no arguments \(1 given\)$"):
        s.numel(1)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="^tuple expected at most 1 argument, got 2$"):
        T.Size([2], [3])  # type: ignore[call-arg]
    assert type(s).__name__ == "Size" and repr(type(s)) == "<class 'autograd_kit.Size'>"
    assert s * 2 == (2, 3, 2, 3) and type(2 * s) is T.Size and type(s + (4,)) is T.Size


def test_result_type_refuses_other_arguments_with_pytorch_forms() -> None:
    with pytest.raises(TypeError) as error:
        T.result_type(1, 2, 3)
    assert str(error.value) == (
        "result_type() received an invalid combination of arguments - got (int, int, int), "
        "but expected one of:\n * (Tensor tensor, Tensor other)\n * (Number scalar, Tensor "
        "tensor)\n * (Tensor tensor, Number other)\n * (Number scalar1, Number scalar2)\n")
    with pytest.raises(TypeError, match=r"didn't match because some of the arguments have "
                                        r"invalid types: \(Tensor, !str!\)"):
        T.result_type(T.tensor(1), "x")
    assert T.result_type(tensor=T.tensor([1]), other=2.0) is T.float32


def test_promote_types_and_can_cast_want_dtypes() -> None:
    with pytest.raises(TypeError, match=r"^promote_types\(\): argument 'type2' \(position 2\) "
                                        "must be autograd_kit.dtype, not str$"):
        T.promote_types(T.float32, "float64")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^can_cast\(\): argument 'from_' \(position 1\) must "
                                        "be autograd_kit.dtype, not int$"):
        T.can_cast(1, T.float32)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match='^promote_types\\(\\) missing 1 required positional '
                                        'arguments: "type2"$'):
        T.promote_types(T.float32)  # type: ignore[call-arg]


def test_set_default_dtype_messages() -> None:
    with pytest.raises(TypeError, match="^invalid dtype object: only floating-point types"):
        T.set_default_dtype(float)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="^only floating-point types are supported as the "
                                        "default type$"):
        T.set_default_dtype(T.int64)


def test_set_default_tensor_type() -> None:
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            T.set_default_tensor_type(T.DoubleTensor)
        assert "set_default_tensor_type() is deprecated" in str(caught[0].message)
        assert T.get_default_dtype() is T.float64 and T.tensor([1.5]).dtype is T.float64
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            T.set_default_tensor_type("torch.FloatTensor")
            assert T.get_default_dtype() is T.float32
            with pytest.raises(TypeError, match="^only floating-point types"):
                T.set_default_tensor_type(T.LongTensor)
            with pytest.raises(TypeError, match="^invalid type object: only floating-point"):
                T.set_default_tensor_type(T.float64)
    finally:
        T.set_default_dtype(T.float32)


def test_finfo_iinfo_arguments_and_equality() -> None:
    with pytest.raises(TypeError, match="^torch.bool is not supported by torch.iinfo$"):
        T.iinfo(T.bool)
    with pytest.raises(TypeError, match=r"^iinfo\(\): argument 'type' \(position 1\) must be "
                                        "autograd_kit.dtype, not str$"):
        T.iinfo("int32")
    with pytest.raises(TypeError, match=r"^finfo\(\): argument 'type' \(position 1\) must be "
                                        "autograd_kit.dtype, not NoneType$"):
        T.finfo(None)
    with pytest.raises(TypeError, match='^iinfo\\(\\) missing 1 required positional arguments: "type"$'):
        T.iinfo()  # type: ignore[call-arg]
    assert T.iinfo(int).max == 2 ** 63 - 1 and T.finfo(float).bits == 64
    assert T.finfo() == T.finfo(T.float32) and T.iinfo(T.int8) == T.iinfo(T.int8)
    assert T.finfo(T.float16) != T.finfo(T.float32)
    with pytest.raises(TypeError):
        hash(T.finfo())


def test_size_of_one_dimension_checks_its_argument() -> None:
    with pytest.raises(TypeError, match=r"^size\(\): argument 'dim' \(position 1\) must be int, not str$"):
        T.zeros(2).size("a")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="must be int, not bool$"):
        T.zeros(2).size(True)
    with pytest.raises(IndexError, match="^Dimension specified as 0 but tensor has no dimensions$"):
        T.tensor(2.0).size(0)
    assert T.zeros(2, 3).size(-1) == 3 and T.zeros(2, 3).size() == (2, 3)


def test_generator_type_and_default_generator() -> None:
    assert repr(type(T.Generator())) == "<class 'autograd_kit._C.Generator'>"
    assert T.manual_seed(3) is T.default_generator and T.default_generator.initial_seed() == 3


def test_version_module_and_comparable_version() -> None:
    assert T.version.cuda is None and T.version.hip is None and T.version.debug is False
    assert T.version.__version__ == T.__version__ and type(T.__version__).__name__ == "TorchVersion"
    v = T.version.TorchVersion("2.1.0+cpu")
    assert v >= "2.1" and v > (2, 0) and v < "2.10" and v == (2, 1) and not v < (2, 1, 0)
    assert {v: 1}[v] == 1 and isinstance(v, str)


def test_format_spec_only_for_plain_zero_dim_tensors() -> None:
    p = T.nn.Parameter(T.tensor(1.5))
    with pytest.raises(TypeError, match=r"^unsupported format string passed to Parameter.__format__$"):
        format(p, ".2f")
    assert f"{p}" == str(p) and str(p).startswith("Parameter containing:")
    assert f"{p * 2:.2f}" == "3.00" and f"{T.tensor(1.5)}" == "1.5"


def test_volatile_can_be_set_with_a_warning() -> None:
    x = T.ones(2)
    with pytest.warns(UserWarning, match="volatile was removed and now has no effect"):
        x.volatile = True
    with pytest.warns(UserWarning, match=r"^volatile was removed \(Variable.volatile is always False\)$"):
        assert x.volatile is False


def test_printing_with_no_edge_items_shows_the_size() -> None:
    try:
        T.set_printoptions(edgeitems=0, threshold=3)
        assert repr(T.arange(10)) == "tensor([...], size=(10,))"
        assert repr(T.arange(12.0).reshape(3, 4)) == "tensor([...], size=(3, 4))"
        assert repr(T.arange(2.0)) == "tensor([0., 1.], size=(2,))"
        assert repr(T.arange(10, dtype=T.int32)) == "tensor([...], size=(10,), dtype=autograd_kit.int32)"
    finally:
        T.set_printoptions(profile="default")
    assert T._tensor_str.PRINT_OPTS.edgeitems == 3


def test_broadcast_shapes_refuses_negative_lengths() -> None:
    with pytest.raises(ValueError, match="^Attempting to broadcast a dimension with negative length!$"):
        T.broadcast_shapes((-1,), (2,))
    with pytest.raises(TypeError, match="not supported between instances of 'str' and 'int'"):
        T.broadcast_shapes("a")
    assert T.broadcast_shapes((2, 1), (3,)) == (2, 3)


def test_rng_state_carries_the_seed() -> None:
    T.manual_seed(7)
    state = T.get_rng_state()
    first = T.rand(2)
    T.manual_seed(1)
    T.set_rng_state(state)
    assert T.initial_seed() == 7 and T.equal(first, T.rand(2))
    with T.random.fork_rng():
        T.manual_seed(5)
    assert T.initial_seed() == 7
    g = T.Generator()
    g.set_state(T.Generator().manual_seed(9).get_state())
    assert g.initial_seed() == 9


def test_compile_wraps_what_it_is_given() -> None:
    model = T.nn.Linear(2, 1)
    assert T.compile(model)._orig_mod is model and T.compile(mode="max-autotune")(len)([1]) == 1
    with pytest.raises(AssertionError, match="^A callable function is expected, but <class 'int'> is provided.$"):
        T.compile(3)


def test_creation_argument_checks() -> None:
    with pytest.raises(TypeError, match='^full\\(\\) missing 1 required positional arguments: "fill_value"$'):
        T.full((2,))  # type: ignore[call-arg]
    for call in (lambda: T.arange(), lambda: T.arange(1, 2, 3, 4)):
        with pytest.raises(TypeError, match=r"^arange\(\) received an invalid combination of arguments"):
            call()
    with pytest.raises(TypeError, match=r"^logspace\(\) received an invalid combination of arguments - got \(int, int, float\)"):
        T.logspace(0, 1, 2.5)
    assert T.empty(size=(2, 1)).shape == (2, 1)


def test_randint_argument_checks() -> None:
    with pytest.raises(TypeError, match=r"^randint\(\) received an invalid combination of arguments - got \(int\), but"):
        T.randint(5)  # the size forgotten
    with pytest.raises(TypeError, match=r"^randint\(\) received an invalid combination of arguments - got \(int, int, int\)"):
        T.randint(0, 5, 3)
    with pytest.raises(TypeError, match=r"^randint\(\): argument 'size' \(position 2\) must be tuple of ints, not int$"):
        T.randint(5, 3)
    with pytest.raises(TypeError, match=r"^randint\(\): argument 'size' must be tuple of ints, not int$"):
        T.randint(5, size=3)
    with pytest.raises(TypeError, match=r"^randint\(\): argument 'high' \(position 1\) must be int, not float$"):
        T.randint(5.5, (2,))
    T.manual_seed(0)
    first = T.randint(2, 9, (2, 2))
    T.manual_seed(0)
    assert T.equal(first, T.randint(low=2, high=9, size=(2, 2)))


def test_random_functions_want_a_generator() -> None:
    with pytest.raises(TypeError, match=r"^rand\(\) received an invalid combination of arguments - got \(int, generator=int\)"):
        T.rand(2, generator=3)
    with pytest.raises(TypeError, match=r"got \(int, dtype=str, generator=autograd_kit._C.Generator\)"):
        T.randn(2, generator=T.Generator(), dtype="x")


def test_dtype_and_finfo_are_read_only() -> None:
    with pytest.raises(AttributeError, match="^attribute 'is_floating_point' of 'autograd_kit.dtype' objects is not writable$"):
        T.float32.is_floating_point = False  # type: ignore[misc]
    assert T.float32.is_floating_point is True
    with pytest.raises(AttributeError, match="^'autograd_kit.dtype' object has no attribute 'x'$"):
        T.float32.x = 1  # type: ignore[attr-defined]
    with pytest.raises(AttributeError, match="^attribute 'eps' of 'autograd_kit.finfo' objects is not writable$"):
        T.finfo().eps = 1.0  # type: ignore[misc]
    with pytest.raises(TypeError, match="^cannot create 'autograd_kit.dtype' instances$"):
        T.dtype("float32")
    with pytest.raises(TypeError, match="^'autograd_kit.dtype' object is not callable$"):
        T.float32()  # type: ignore[operator]
    with pytest.raises(AttributeError, match="^'autograd_kit._C.Generator' object has no attribute 'foo'$"):
        T.Generator().foo  # type: ignore[attr-defined]  # noqa: B018
    assert type(T.float32).__name__ == "dtype" and repr(type(T.float32)) == "<class 'autograd_kit.dtype'>"
