"""Kit-only checks of tensor creation, printing, conversion and saving fixes (round 7),
each asserting what PyTorch was observed to do."""

from __future__ import annotations

import io
import pickle

import pytest

import autograd_kit as ak


def _round_trip(obj: object) -> object:
    buffer = io.BytesIO()
    ak.save(obj, buffer)
    buffer.seek(0)
    return ak.load(buffer)


def test_views_saved_together_share_memory_after_loading() -> None:
    x = ak.arange(6.)
    a, w = _round_trip([x, x[2:4]])
    w[0] = 100
    assert a.tolist() == [0., 1., 100., 3., 4., 5.]
    assert w.storage_offset() == 2
    assert a.untyped_storage().data_ptr() == w.untyped_storage().data_ptr()


def test_a_saved_view_keeps_its_strides_and_whole_storage() -> None:
    x = ak.arange(12.).reshape(3, 4)
    t, column = _round_trip([x.t(), x[:, 1]])
    assert t.stride() == (1, 4) and not t.is_contiguous()
    assert column.stride() == (4,) and column.storage_offset() == 1
    assert column.tolist() == [1., 5., 9.]
    alone = _round_trip(ak.arange(6.)[2:4])
    assert alone.storage_offset() == 2 and alone.untyped_storage().nbytes() == 24


def test_saved_expanded_tensor_keeps_stride_zero() -> None:
    y = _round_trip(ak.arange(3.).expand(2, 3))
    assert y.stride() == (0, 1) and y.tolist() == [[0., 1., 2.]] * 2


def test_weights_only_message_is_pytorchs() -> None:
    buffer = io.BytesIO()
    ak.save(ak.nn.Linear(2, 1), buffer)
    buffer.seek(0)
    with pytest.raises(pickle.UnpicklingError) as caught:
        ak.load(buffer)
    message = str(caught.value)
    bold = "\033[1mdo those steps only if you trust the source of the checkpoint\033[0m. "
    assert bold in message
    assert "(1) In PyTorch 2.6, we changed the default value of the `weights_only`" in message
    assert message.endswith("Check the documentation of autograd_kit.load to learn more about "
                            "types accepted by default with weights_only "
                            "https://pytorch.org/docs/stable/generated/torch.load.html.")


@pytest.mark.parametrize("make", [ak.tensor, ak.as_tensor, ak.from_numpy])
def test_numpy_arrays_of_strings_or_objects_are_refused(make: object) -> None:
    import numpy

    with pytest.raises(TypeError) as caught:
        make(numpy.array(["a"]))  # type: ignore[operator]
    assert str(caught.value) == (
        "can't convert np.ndarray of type numpy.str_. The only supported types are: float64, "
        "float32, float16, complex64, complex128, int64, int32, int16, int8, uint64, uint32, "
        "uint16, uint8, and bool.")
    with pytest.raises(TypeError, match=r"of type numpy\.object_\. The only"):
        make(numpy.array([1, None]))  # type: ignore[operator]


@pytest.mark.parametrize("call, name, shown", [
    (lambda v: ak.full((2,), v), "full", "str"),
    (lambda v: ak.full_like(ak.zeros(2), v), "full_like", "str"),
    (lambda v: ak.zeros(2).new_full((2,), v), "new_full", "str"),
])
def test_fill_value_must_be_a_number(call: object, name: str, shown: str) -> None:
    with pytest.raises(TypeError) as caught:
        call("a")  # type: ignore[operator]
    assert str(caught.value) == (
        f"{name}(): argument 'fill_value' (position 2) must be Number, not {shown}")


def test_fill_value_type_names_and_numpy_scalars() -> None:
    import fractions

    import numpy

    for value, shown in [(None, "NoneType"), ([1], "list"), (numpy.array(1.), "numpy.ndarray"),
                         (fractions.Fraction(1, 2), "Fraction"), (ak.ones(1), "Tensor")]:
        with pytest.raises(TypeError, match=f"must be Number, not {shown}$"):
            ak.full((2,), value)
    assert ak.full((2,), numpy.bool_(True)).tolist() == [1., 1.]
    assert ak.full((2,), numpy.int64(3)).dtype == ak.int64
    assert ak.full((2,), ak.tensor(2)).tolist() == [2, 2]


def test_lists_of_tensors_or_numpy_numbers_keep_their_types() -> None:
    import numpy

    assert ak.tensor([ak.tensor(1, dtype=ak.int32), ak.tensor(2, dtype=ak.int32)]).dtype == ak.int32
    assert ak.tensor([ak.tensor(1., dtype=ak.float64), 2.]).dtype == ak.float64
    assert ak.tensor([ak.tensor(1, dtype=ak.int8), 2]).dtype == ak.int64
    mixed = [[ak.tensor(1, dtype=ak.uint8)], [ak.tensor(2, dtype=ak.int8)]]
    assert ak.tensor(mixed).dtype == ak.int16
    assert ak.tensor([numpy.float64(1.5), 2.]).dtype == ak.float64
    assert ak.tensor([numpy.int32(1), 2.5]).dtype == ak.float32
    assert ak.tensor([numpy.float16(1), 2]).dtype == ak.float16
    assert ak.tensor([numpy.array([1], dtype=numpy.int32)]).dtype == ak.int32
    assert ak.as_tensor([numpy.float64(1.5)]).dtype == ak.float64
    assert ak.tensor([numpy.float64(1.5), 2.], dtype=ak.float32).dtype == ak.float32
    assert ak.tensor([1, 2]).dtype == ak.int64 and ak.tensor([1., 2]).dtype == ak.float32
    with pytest.raises(TypeError, match=r"^len\(\) of unsized object$"):
        ak.tensor([numpy.array(1.), numpy.array(2.)])


def test_an_unknown_print_profile_is_ignored() -> None:
    ak.set_printoptions(precision=2)
    try:
        ak.set_printoptions(profile="bogus")
        assert repr(ak.tensor([1 / 3])) == "tensor([0.33])"  # precision kept
    finally:
        ak.set_printoptions(profile="default")


def test_seeds_are_kept_as_64_bit_unsigned_numbers() -> None:
    assert ak.manual_seed(-1).initial_seed() == 2**64 - 1
    assert ak.initial_seed() == 2**64 - 1
    assert ak.Generator().manual_seed(-2**63).initial_seed() == 2**63
    for bad in (2**64, -2**63 - 1):
        with pytest.raises(ValueError, match="^Overflow when unpacking long long$"):
            ak.manual_seed(bad)
    ak.manual_seed(0)


def test_fork_rng_puts_the_cpu_stream_back() -> None:
    ak.manual_seed(0)
    with ak.random.fork_rng():
        ak.manual_seed(5)
        ak.rand(3)
    assert ak.rand(2).tolist() == pytest.approx([0.4963, 0.7682], abs=1e-4)
    with ak.random.fork_rng(enabled=False):
        ak.rand(1)
    ak.manual_seed(0)
    ak.rand(1)
    expected = ak.rand(1)
    ak.manual_seed(0)
    with ak.random.fork_rng(devices=[]):
        pass
    ak.rand(1)
    assert ak.equal(ak.rand(1), expected)


def test_generator_seed_restarts_from_a_new_seed() -> None:
    g = ak.Generator()
    value = g.seed()
    assert value == g.initial_seed() and value != ak.Generator.default_seed
    again = ak.Generator().manual_seed(value)
    assert ak.equal(ak.rand(2, generator=g), ak.rand(2, generator=again))


@pytest.mark.parametrize("call, name", [
    (lambda d: ak.tensor([1], dtype=d), "tensor"),
    (lambda d: ak.as_tensor([1], dtype=d), "as_tensor"),
    (lambda d: ak.zeros(2, dtype=d), "zeros"),
    (lambda d: ak.ones(2, dtype=d), "ones"),
    (lambda d: ak.empty(2, dtype=d), "empty"),
    (lambda d: ak.full((2,), 1, dtype=d), "full"),
    (lambda d: ak.zeros_like(ak.zeros(2), dtype=d), "zeros_like"),
    (lambda d: ak.empty_like(ak.zeros(2), dtype=d), "empty_like"),
    (lambda d: ak.full_like(ak.zeros(2), 1, dtype=d), "full_like"),
    (lambda d: ak.zeros(2).new_zeros(2, dtype=d), "new_zeros"),
    (lambda d: ak.zeros(2).new_tensor([1], dtype=d), "new_tensor"),
])
def test_dtype_argument_must_be_a_dtype(call: object, name: str) -> None:
    import numpy

    with pytest.raises(TypeError) as caught:
        call("float32")  # type: ignore[operator]
    assert str(caught.value) == f"{name}(): argument 'dtype' must be autograd_kit.dtype, not str"
    with pytest.raises(TypeError, match="must be autograd_kit.dtype, not type$"):
        call(numpy.float32)  # type: ignore[operator]
    assert call(float).dtype == ak.float64  # type: ignore[operator]


def test_to_takes_python_types_and_type_refuses_them() -> None:
    x = ak.ones(2)
    assert x.to(float).dtype == ak.float64 and x.to(int).dtype == ak.int64
    assert x.to(bool).dtype == ak.bool and x.to(dtype=float).dtype == ak.float64
    with pytest.raises(ValueError, match="^invalid type: 'float'$"):
        x.type(float)
    assert x.type(ak.float64).dtype == ak.float64


def test_untyped_storage_from_a_size_or_a_list_of_bytes() -> None:
    assert ak.UntypedStorage(4).nbytes() == 4 and len(ak.UntypedStorage()) == 0
    assert ak.UntypedStorage([1, 300, -1]).tolist() == [1, 44, 255]
    text = str(ak.UntypedStorage([1, 2]))
    assert text == " 1\n 2\n[autograd_kit.storage.UntypedStorage(device=cpu) of size 2]"
    with pytest.raises(RuntimeError, match=r"sequence \(str\), but one of the items was of "
                                           r"type str instead of int$"):
        ak.UntypedStorage("a")
