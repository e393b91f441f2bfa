"""Kit-only checks of tensor creation, conversion and printing fixes (round 9), each asserting
what PyTorch was observed to do."""

from __future__ import annotations

import io
import warnings

import pytest

import autograd_kit as ak

_COPY_ADVICE = ("To copy construct from a tensor, it is recommended to use sourceTensor.detach()"
                ".clone() or sourceTensor.detach().clone().requires_grad_(True), rather than ")


def _warnings_of(action: object) -> list[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        action()  # type: ignore[operator]
    return [str(w.message) for w in caught]


def test_new_tensor_of_a_tensor_warns_naming_new_tensor() -> None:
    x = ak.tensor([1.0, 2.0])
    new = _COPY_ADVICE + "tensor.new_tensor(sourceTensor)."
    assert _warnings_of(lambda: x.new_tensor(x)) == [new]
    plain = _COPY_ADVICE + "autograd_kit.tensor(sourceTensor)."
    assert _warnings_of(lambda: ak.tensor(x)) == [plain]


def test_new_tensor_of_a_tensor_takes_self_dtype_unless_told() -> None:
    x = ak.tensor([1.0, 2.0])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert x.new_tensor(ak.tensor([1, 2])).dtype == ak.float32
        assert x.new_tensor(ak.tensor([1, 2]), dtype=ak.int32).dtype == ak.int32
        copy = x.new_tensor(ak.tensor([1.0], requires_grad=True))
    assert not copy.requires_grad and copy.is_leaf


@pytest.mark.parametrize("name", ["torch.Foo", "torch.float32", "torch.LongTensor "])
def test_type_with_a_name_that_is_no_tensor_type_is_a_value_error(name: str) -> None:
    with pytest.raises(ValueError, match=f"^invalid type: '{name}'$"):
        ak.tensor([1.0]).type(name)


def test_normal_of_zero_dim_tensors_is_a_zero_dim_tensor() -> None:
    ak.manual_seed(0)
    value = ak.normal(ak.tensor(0.0), ak.tensor(1.0))
    assert value.shape == () and value.dtype == ak.float32
    assert f"{value.item():.4f}" == "1.5410"  # PyTorch's first draw after manual_seed(0)
    assert ak.normal(ak.tensor(2.0, dtype=ak.float64), 0.5).dtype == ak.float64


def test_factories_fill_out_in_its_dtype_and_return_it() -> None:
    out = ak.empty(0, dtype=ak.int32)
    result = ak.arange(3, out=out)
    assert result is out and out.dtype == ak.int32 and out.tolist() == [0, 1, 2]
    version = out._version
    assert ak.full((2,), 1.5, out=out).tolist() == [1, 1]  # (cast to out's int type)
    assert out._version == version + 1
    strided = ak.zeros(6)[::2]
    ak.ones(3, out=strided)
    assert strided.stride() == (2,) and strided.tolist() == [1.0, 1.0, 1.0]
    assert ak.eye(2, out=ak.empty(0, dtype=ak.int64)).tolist() == [[1, 0], [0, 1]]
    assert ak.linspace(0, 1, 3, out=ak.empty(0, dtype=ak.int32)).tolist() == [0, 0, 1]


def test_factory_out_errors_match_pytorch() -> None:
    with pytest.raises(RuntimeError, match=r"^dtype Double does not match dtype of out "
                                           r"parameter \(Float\)$"):
        ak.zeros(3, dtype=ak.float64, out=ak.empty(0))
    with pytest.raises(RuntimeError, match=r"^aten::ones\(\): functions with out=\.\.\. "
                                           "arguments don't support automatic"):
        ak.ones(3, out=ak.empty(3, requires_grad=True))
    with pytest.raises(RuntimeError, match="^cannot resize variables that require grad$"):
        ak.randn(3, out=ak.empty(3, requires_grad=True))
    with pytest.raises(TypeError, match=r"^zeros\(\): argument 'out' must be Tensor, not list$"):
        ak.zeros(3, out=[1])


def test_factory_out_sets_requires_grad_and_resizes() -> None:
    out = ak.empty(0)
    assert ak.ones(2, out=out, requires_grad=True).requires_grad
    with ak.no_grad():
        ak.zeros(2, out=out)
    assert not out.requires_grad  # (requires_grad=False is set too)
    kept = ak.ones(3)
    ak.empty(3, out=kept)
    assert kept.tolist() == [1.0, 1.0, 1.0]  # empty leaves the values there
    ak.ones(2, 2, out=kept)
    assert kept.shape == (2, 2)


def test_arange_into_an_out_of_another_size_warns() -> None:
    out = ak.zeros(5)
    messages = _warnings_of(lambda: ak.arange(3, out=out))
    assert out.tolist() == [0.0, 1.0, 2.0]
    assert messages == ["The number of elements in the out tensor of shape [5] is 5 which does "
                        "not match the computed number of elements 3. Note that this may occur "
                        "as a result of rounding error. The out tensor will be resized to a "
                        "tensor of shape (3,). (Triggered internally at /__w/pytorch/pytorch/"
                        "aten/src/ATen/native/RangeFactories.cpp:199.)"]
    assert _warnings_of(lambda: ak.zeros(3, out=ak.zeros(5))) == []


@pytest.mark.parametrize(("make", "kernel"), [
    (lambda: ak.rand(3, dtype=ak.int32), '"check_uniform_bounds" not implemented for \'Int\''),
    (lambda: ak.randn(3, dtype=ak.int64), '"normal_kernel_cpu" not implemented for \'Long\''),
    (lambda: ak.normal(0.0, 1.0, (3,), dtype=ak.int64),
     '"normal_kernel_cpu" not implemented for \'Long\''),
])
def test_random_floats_in_an_int_type_draw_nothing(make: object, kernel: str) -> None:
    ak.manual_seed(0)
    with pytest.raises(NotImplementedError) as error:
        make()  # type: ignore[operator]
    assert str(error.value) == kernel
    assert [f"{v:.4f}" for v in ak.rand(2).tolist()] == ["0.4963", "0.7682"]  # as if fresh


def test_eye_wants_int_sizes() -> None:
    with pytest.raises(TypeError, match=r"^eye\(\): argument 'n' \(position 1\) must be int, "
                                        "not float$"):
        ak.eye(2.5)
    with pytest.raises(TypeError, match=r"^eye\(\): argument 'n' \(position 1\) must be int, "
                                        "not bool$"):
        ak.eye(True)
    with pytest.raises(TypeError, match=r"^eye\(\) received an invalid combination of "
                                        r"arguments - got \(int, float\)"):
        ak.eye(2, 2.5)
    assert ak.eye(ak.tensor(2)).tolist() == [[1.0, 0.0], [0.0, 1.0]]


def test_like_factories_keep_the_input_layout() -> None:
    transposed = ak.zeros(2, 3).t()
    assert ak.zeros_like(transposed).stride() == (1, 3)
    assert ak.full_like(transposed, 7).stride() == (1, 3)
    assert ak.zeros_like(transposed, memory_format=ak.contiguous_format).stride() == (2, 1)
    assert ak.empty_like(ak.zeros(4, 2, 3, 5).permute(0, 2, 3, 1)).stride() == (30, 5, 1, 15)
    assert ak.zeros_like(ak.zeros(4, 6)[:, ::2].t()).stride() == (1, 3)  # (dense again)
    assert ak.zeros_like(ak.zeros(3, 1).expand(3, 4)).stride() == (4, 1)


def test_random_like_factories_fill_memory_in_order() -> None:
    ak.manual_seed(0)
    values = ak.rand_like(ak.zeros(2, 3).t())
    assert values.stride() == (1, 3)
    assert [[f"{v:.4f}" for v in row] for row in values.tolist()] == [
        ["0.4963", "0.1320"], ["0.7682", "0.3074"], ["0.0885", "0.6341"]]  # PyTorch's
    assert ak.randint_like(ak.zeros(2, 3).t(), 3, 10).stride() == (1, 3)


def _saved(obj: object, **options: object) -> io.BytesIO:
    buffer = io.BytesIO()
    ak.save(obj, buffer, **options)  # type: ignore[arg-type]
    buffer.seek(0)
    return buffer


def test_load_takes_every_form_of_map_location() -> None:
    seen = []

    def keep(storage: object, location: str) -> object:
        seen.append((type(storage).__name__, location))
        return storage

    for where in ("cpu", ak.device("cpu"), {"cuda:0": "cpu"}, {"cpu": "cpu"}, keep,
                  lambda storage, location: storage.cpu(), lambda storage, location: None):
        loaded = ak.load(_saved({"w": ak.ones(2)}), map_location=where)
        assert loaded["w"].tolist() == [1.0, 1.0] and loaded["w"].device.type == "cpu"
    assert seen == [("UntypedStorage", "cpu")]
    with pytest.raises(RuntimeError, match=r"^don't know how to restore data location of "
                                           r"autograd_kit\.storage\.UntypedStorage \(tagged "
                                           r"with foo\)$"):
        ak.load(_saved(ak.ones(1)), map_location="foo")


def test_load_takes_pickle_arguments_as_pytorch_does() -> None:
    assert ak.load(_saved(ak.ones(1)), weights_only=False, encoding="latin1").tolist() == [1.0]
    messages = _warnings_of(lambda: ak.load(_saved(ak.ones(1)), encoding="latin1"))
    assert messages == ["pickle_load_args only works if `weights_only=False`."]
    with pytest.raises(TypeError, match="^Unpickler.__init__.. got an unexpected keyword "
                                        "argument 'foo'$"):
        ak.load(_saved(ak.ones(1)), weights_only=False, foo=1)
    with pytest.raises(ValueError, match="^f must be a file path in order to use the mmap "
                                         "argument$"):
        ak.load(_saved(ak.ones(1)), mmap=True)
    with pytest.raises(EOFError) as error:
        ak.load(io.BytesIO(b""))
    assert str(error.value) == ""


def test_save_takes_pytorch_options_and_old_protocols() -> None:
    import pickle

    for options in ({"_use_new_zipfile_serialization": False}, {"pickle_module": pickle},
                    {"pickle_protocol": 2}):
        assert ak.load(_saved({"x": ak.arange(3.0), "b": b"by"}, **options))["b"] == b"by"


def test_untyped_storage_cpu_is_itself_on_the_cpu() -> None:
    storage = ak.ones(2).untyped_storage()
    assert storage.cpu() is storage and storage.is_cuda is False


def test_empty_strided_lays_out_new_memory_with_those_strides() -> None:
    from autograd_kit.creation import empty_strided

    column_major = empty_strided((2, 3), (1, 2))
    assert column_major.stride() == (1, 2) and column_major._base is None
    assert column_major.untyped_storage().nbytes() == 24 and column_major.t().is_contiguous()
    assert empty_strided((2, 3), (0, 0), dtype=ak.int32).untyped_storage().nbytes() == 4
    assert empty_strided((2, 3), (3, 1), requires_grad=True).is_leaf
    with pytest.raises(RuntimeError, match=r"^dimensionality of sizes \(2\) must match "
                                           r"dimensionality of strides \(1\)$"):
        empty_strided((2, 3), (1,))
    with pytest.raises(TypeError, match=r"^empty_strided\(\): argument 'size' \(position 1\) "
                                        "must be tuple of ints, not int$"):
        empty_strided(2, 1)
    made = ak.tensor([1]).new_empty_strided((2, 3), (1, 2))
    assert made.stride() == (1, 2) and made.dtype == ak.int64


def test_reversed_flips_the_first_dimension_and_del_is_refused() -> None:
    x = ak.tensor([1.0, 2.0, 3.0], requires_grad=True)
    flipped = reversed(x)
    assert flipped.tolist() == [3.0, 2.0, 1.0]
    assert flipped.grad_fn.name() == "FlipBackward0"
    assert reversed(ak.tensor(5)).item() == 5
    with pytest.raises(TypeError, match="^Tensor does not support deleting items$"):
        del x[0]
    assert x.const_data_ptr() == x.data_ptr()


def _words(state: ak.Tensor, start: int, stop: int, kind: str) -> list[int]:
    import numpy

    return state.numpy()[start:stop].copy().view(numpy.dtype(kind)).tolist()


def test_rng_state_has_pytorchs_byte_layout() -> None:
    ak.manual_seed(5)
    ak.rand(3)
    ak.randn(1)  # 3 + 4 outputs used, one normal value cached
    state = ak.get_rng_state()
    assert state.shape == (5056,) and state.dtype == ak.uint8
    assert _words(state, 0, 8, "<u8") == [5]  # the seed
    assert _words(state, 8, 16, "<i4") == [618, 1]  # left, seeded
    assert _words(state, 16, 24, "<u8") == [7]  # next
    assert state[24:28].tolist() == [75, 238, 72, 243]  # the first twister word (PyTorch's)
    assert _words(state, 5040, 5044, "<i4") == [1]  # a cached normal value is valid
    ak.manual_seed(0)
    assert _words(ak.get_rng_state(), 8, 24, "<i4") == [1, 1, 0, 0]  # fresh: left 1, next 0
    ak.rand(624)
    assert _words(ak.get_rng_state(), 8, 24, "<i4") == [1, 1, 624, 0]  # a block used up


def test_rng_state_round_trips_and_checks_its_argument() -> None:
    ak.manual_seed(3)
    ak.randn(1)
    state = ak.get_rng_state()
    expected = ak.randn(3)
    ak.manual_seed(11)
    ak.set_rng_state(state)
    assert ak.equal(ak.randn(3), expected) and ak.initial_seed() == 3
    with pytest.raises(TypeError, match="^expected a autograd_kit.ByteTensor, but got list$"):
        ak.set_rng_state([1, 2])
    with pytest.raises(TypeError, match="^RNG state must be a autograd_kit.ByteTensor$"):
        ak.Generator().set_state(ak.zeros(3))


def test_randperm_refuses_bool_and_too_small_integer_types_before_drawing() -> None:
    ak.manual_seed(0)
    with pytest.raises(NotImplementedError, match="^\"randperm\" not implemented for 'Bool'$"):
        ak.randperm(3, dtype=ak.bool)
    with pytest.raises(RuntimeError, match="^value cannot be converted to type int8_t without "
                                           "overflow$"):
        ak.randperm(129, dtype=ak.int8)
    assert ak.randperm(128, dtype=ak.int8).dtype == ak.int8
    ak.manual_seed(0)
    with pytest.raises(RuntimeError):
        ak.randperm(300, dtype=ak.uint8)
    assert f"{ak.rand(1).item():.4f}" == "0.4963"  # nothing was drawn


def test_tensor_of_an_array_it_cannot_read_in_place_is_refused() -> None:
    import numpy

    grid = numpy.arange(6).reshape(2, 3)
    with pytest.raises(ValueError, match="^At least one stride in the given numpy array is "
                                         "negative"):
        ak.tensor(grid[::-1])
    with pytest.raises(ValueError, match="^At least one stride"):
        ak.from_numpy(grid[:, ::-1])
    with pytest.raises(ValueError, match="^given numpy array has byte order different from "
                                         "the native byte order"):
        ak.tensor(numpy.array([1.0, 2.0], dtype=">f8"))
    with pytest.raises(ValueError, match="^given numpy array has byte order"):
        ak.from_numpy(numpy.array([1, 2], dtype=">i4"))
    assert ak.tensor(grid[::-1].copy()).tolist() == [[3, 4, 5], [0, 1, 2]]
    assert ak.tensor([grid[::-1]]).shape == (1, 2, 3)  # (inside a list it is read as values)
    assert (ak.ones(3) + numpy.arange(3.0)[::-1]).tolist() == [3.0, 2.0, 1.0]


def test_storages_can_be_written_filled_copied_and_cloned() -> None:
    x = ak.arange(4.0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # (x.storage() is deprecated, as in PyTorch)
        typed = x.storage()
    typed[1] = 5
    typed[2:4] = 7
    assert x.tolist() == [0.0, 5.0, 7.0, 7.0]  # the tensor sees it: the memory is shared
    assert typed.type() == "autograd_kit.FloatStorage" and not typed.is_pinned()
    bytes_ = x.untyped_storage()
    assert bytes_.type() == "autograd_kit.storage.UntypedStorage"
    copy = bytes_.clone()
    assert copy.data_ptr() != bytes_.data_ptr()
    assert bytes_.fill_(0) is bytes_ and x.tolist() == [0.0] * 4
    assert copy.nbytes() == 16
    bytes_.copy_(copy)
    assert x.tolist() == [0.0, 5.0, 7.0, 7.0]
    with pytest.raises(RuntimeError, match="^size does not match, self was 8 bytes but src "
                                           "was 16 bytes$"):
        ak.zeros(2).untyped_storage().copy_(bytes_)


def test_set_reads_a_storage_with_offset_size_and_stride() -> None:
    x = ak.arange(6.0)
    t = ak.empty(0)
    t.set_(x.untyped_storage(), 2, (2, 2), (1, 2))
    assert t.tolist() == [[2.0, 4.0], [3.0, 5.0]]
    assert t.storage_offset() == 2 and t.stride() == (1, 2)
    t[0, 0] = 100
    assert x[2].item() == 100.0
    whole = ak.empty(0).set_(ak.arange(3.0).untyped_storage())
    assert whole.tolist() == [0.0, 1.0, 2.0]


def test_factories_take_layout_and_pin_memory() -> None:
    assert ak.zeros(2, layout=ak.strided, pin_memory=False).tolist() == [0.0, 0.0]
    assert ak.full_like(ak.ones(2), 3, layout=ak.strided).tolist() == [3.0, 3.0]
    assert ak.tensor([1.0], pin_memory=False).tolist() == [1.0]
    assert ak.randperm(2, layout=ak.strided, pin_memory=False).shape == (2,)
    with pytest.raises(RuntimeError, match="^pin_memory=True requires a CUDA or other "
                                           "accelerator backend"):
        ak.ones(2, pin_memory=True)
    with pytest.raises(TypeError, match=r"^zeros\(\): argument 'layout' must be "
                                        "autograd_kit.layout, not int$"):
        ak.zeros(2, layout=5)
    with pytest.raises(TypeError, match=r"^zeros\(\): argument 'pin_memory' must be bool, "
                                        "not str$"):
        ak.zeros(2, pin_memory="x")
    with pytest.raises(TypeError, match="unexpected keyword argument 'layout'"):
        ak.tensor([1], layout=ak.strided)
    with pytest.raises(RuntimeError, match="^unsupported memory format Preserve$"):
        ak.empty(2, memory_format=ak.preserve_format)
    assert ak.empty(2, 3, memory_format=ak.contiguous_format).stride() == (3, 1)


def test_conversions_honour_contiguous_format_when_they_copy() -> None:
    transposed = ak.ones(2, 3).t()
    assert transposed.to(ak.float64, memory_format=ak.contiguous_format).stride() == (2, 1)
    assert transposed.double(memory_format=ak.contiguous_format).stride() == (2, 1)
    assert transposed.double().stride() == (1, 3)  # preserve_format by default
    assert transposed.to(memory_format=ak.contiguous_format) is transposed  # (no copy made)
    tracked = ak.ones(2, 3, requires_grad=True).t()
    assert tracked.double(memory_format=ak.contiguous_format).grad_fn.name() == "ToCopyBackward0"


def test_methods_are_named_as_pytorch_names_them_in_type_errors() -> None:
    with pytest.raises(TypeError, match=r"^new_tensor\(\) got an unexpected keyword argument "
                                        "'pin_memory'$"):
        ak.ones(2).new_tensor([1], pin_memory=False)
    with pytest.raises(TypeError, match=r"^float\(\) got an unexpected keyword argument"):
        ak.ones(2).float(foo=1)
    with pytest.raises(TypeError, match=r'^type_as\(\) missing 1 required positional '
                                        'arguments: "other"$'):
        ak.ones(2).type_as()
    assert ak.ones(2).new_zeros(2, layout=ak.strided, pin_memory=False).tolist() == [0.0, 0.0]


def test_frombuffer_shares_a_python_buffer() -> None:
    import array

    from autograd_kit.creation import frombuffer

    memory = bytearray(b"\x01\x00\x00\x00\x02\x00\x00\x00")
    ints = frombuffer(memory, dtype=ak.int32)
    assert ints.tolist() == [1, 2]
    ints[0] = 9
    assert memory[0] == 9  # (the same memory)
    assert frombuffer(memory, dtype=ak.int16, count=2, offset=2).tolist() == [0, 2]
    assert frombuffer(array.array("f", [1, 2]), dtype=ak.float32, requires_grad=True).is_leaf
    with pytest.raises(ValueError, match=r"^requested buffer length \(3 \* 4 bytes\) after "
                                         r"offset \(0 bytes\) must not be greater than actual "
                                         r"buffer length \(8 bytes\)$"):
        frombuffer(memory, dtype=ak.int32, count=3)
    with pytest.raises(ValueError, match=r"^buffer length \(3 bytes\) after offset \(0 bytes\) "
                                         r"must be a multiple of element size \(4\)$"):
        frombuffer(bytearray(b"abc"), dtype=ak.int32)
    with pytest.raises(ValueError, match="^object does not implement Python buffer protocol.$"):
        frombuffer([1, 2], dtype=ak.int32)
    with pytest.raises(TypeError, match='^frombuffer.. missing 1 required positional '
                                        'arguments: "dtype"$'):
        frombuffer(memory)


def test_printoptions_context_manager_restores_the_options() -> None:
    from autograd_kit import printing

    third = ak.tensor([1 / 3])
    with printing.printoptions(precision=2):
        assert repr(third) == "tensor([0.33])"
    assert repr(third) == "tensor([0.3333])"
    try:
        with printing.printoptions(sci_mode=True):
            raise ValueError
    except ValueError:
        pass
    assert printing.get_printoptions()["sci_mode"] is None


def test_factory_argument_type_errors_match_pytorch() -> None:
    with pytest.raises(TypeError, match=r"^arange\(\): argument 'end' \(position 1\) must be "
                                        "Number, not str$"):
        ak.arange("a")
    with pytest.raises(TypeError, match=r"^arange\(\) received an invalid combination of "
                                        r"arguments - got \(int, str\)"):
        ak.arange(0, "b")
    with pytest.raises(TypeError, match=r"^randperm\(\): argument 'n' \(position 1\) must be "
                                        "int, not float$"):
        ak.randperm(2.5)
    with pytest.raises(TypeError, match=r"^ones\(\): argument 'requires_grad' must be bool, "
                                        "not int$"):
        ak.ones(2, requires_grad=1)
    with pytest.raises(TypeError, match=r"^randn\(\) received an invalid combination of "
                                        r"arguments - got \(int, requires_grad=str\)"):
        ak.randn(2, requires_grad="x")
    with pytest.raises(TypeError, match=r"^normal\(\) received an invalid combination of "
                                        r"arguments - got \(int, int\), but expected one of:"):
        ak.normal(0, 1)
    assert ak.rand(2, requires_grad=None).shape == (2,)


def test_type_by_a_cuda_name_asks_for_the_gpu() -> None:
    x = ak.ones(2)
    assert x.type("torch.DoubleTensor").dtype == ak.float64
    assert x.type("torch.FloatTensor") is x
    if not ak.cuda.is_available():
        with pytest.raises(RuntimeError):  # (PyTorch: it cannot initialize CUDA)
            x.type("torch.cuda.FloatTensor")


def test_bernoulli_wants_float_probabilities() -> None:
    with pytest.raises(NotImplementedError, match="^\"bernoulli_tensor_cpu_p_\" not "
                                                  "implemented for 'Long'$"):
        ak.bernoulli(ak.tensor([1, 0]))
    with pytest.raises(NotImplementedError, match="for 'Bool'$"):
        ak.zeros(2).bernoulli_(ak.tensor([True, False]))
    assert ak.zeros(3, dtype=ak.int64).bernoulli_(ak.tensor([1.0, 0.0, 1.0])).tolist() == [1, 0, 1]
    assert ak.bernoulli(ak.tensor([1.0, 0.0], dtype=ak.float16)).tolist() == [1.0, 0.0]


def test_a_list_of_arrays_warns_once() -> None:
    import numpy

    from autograd_kit import creation_buffers

    make = lambda: ak.tensor([numpy.array([1.0, 2.0]), numpy.array([3.0, 4.0])])  # noqa: E731
    first = _warnings_of(make)
    assert first == [creation_buffers.LIST_OF_ARRAYS_WARNING]
    assert first[0].startswith("Creating a tensor from a list of numpy.ndarrays is extremely "
                               "slow.")
    assert _warnings_of(make) == []  # (once per program, as PyTorch)
    assert make().dtype == ak.float64
