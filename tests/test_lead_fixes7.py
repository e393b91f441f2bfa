"""Kit-only checks of the lead's fixes of this round (the PyTorch behaviour each one matches)."""

from __future__ import annotations

import numpy as np
import pytest

import autograd_kit as ak


def test_numpy_functions_on_a_tensor_give_a_tensor() -> None:
    x = ak.tensor([1.0, 2.0])
    y = np.exp(x)
    assert type(y) is ak.Tensor and y.dtype == ak.float32
    assert np.allclose(y.numpy(), np.exp([1.0, 2.0]))
    flags = np.isnan(x)  # NumPy's bool results become uint8, as PyTorch's __array_wrap__ does
    assert flags.dtype == ak.uint8 and flags.tolist() == [0, 0]
    with pytest.raises(RuntimeError, match=r"Can't call numpy\(\) on Tensor that requires grad"):
        np.exp(ak.tensor([1.0], requires_grad=True))


def test_a_numpy_array_operand_is_computed_by_numpy() -> None:
    x = ak.tensor([1.0, 2.0])
    a = np.array([1.0, 3.0])
    assert (x - a).dtype == ak.float64 and (x - a).tolist() == [0.0, -1.0]
    assert (a / x).dtype == ak.float64 and (a / x).tolist() == [1.0, 1.5]
    assert (x == a).tolist() == [True, False] and (x == a).dtype == ak.bool
    for refused in (lambda: a - x, lambda: a * x, lambda: x < a, lambda: a < x):
        with pytest.raises(TypeError):
            refused()
    with pytest.raises(RuntimeError, match="requires grad"):  # nothing is recorded by NumPy
        _ = ak.tensor([1.0, 2.0], requires_grad=True) * a


def test_numpy_scalars_are_numbers() -> None:
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    y = np.float64(2.0) * x
    assert y.dtype == ak.float32 and y.grad_fn.name() == "MulBackward0"
    assert (ak.tensor([1, 2]) + np.int64(1)).tolist() == [2, 3]


def test_matmul_takes_tensors_only() -> None:
    x = ak.tensor([1.0, 2.0])
    with pytest.raises(TypeError, match=r"for @: 'Tensor' and 'float'"):
        _ = x @ 2.0
    with pytest.raises(TypeError, match=r"for @: 'float' and 'Tensor'"):
        _ = 2.0 @ x
    assert (x @ x).item() == 5.0


def test_device_strings_follow_pytorchs_pattern() -> None:
    for text in ("float32", "cpu:x", "cuda:01", "cuda:-1", " cpu", "cpu:", "cuda:1:2"):
        with pytest.raises(RuntimeError, match=f"^Invalid device string: '{text}'$"):
            ak.device(text)
    with pytest.raises(RuntimeError, match="^Device index must not be negative$"):
        ak.device("cpu", -1)
    with pytest.raises(RuntimeError, match="must not include an index because index was passed"):
        ak.device("cuda:0", 1)
    with pytest.raises(RuntimeError, match="device type at start of device string: CPU"):
        ak.device("CPU")
    assert repr(ak.device("cuda:10")) == "device(type='cuda', index=10)"


def test_is_set_to_and_is_storage() -> None:
    x = ak.arange(6.0)
    assert x.is_set_to(x.view(6)) and x[2:].is_set_to(x[2:])
    assert not x.is_set_to(x[2:]) and not x.is_set_to(x.clone())
    assert not x.view(2, 3).is_set_to(x.view(3, 2))
    with pytest.raises(TypeError, match=r"'tensor' \(position 1\) must be Tensor, not int"):
        x.is_set_to(3)
    assert ak.is_storage(x.untyped_storage()) and ak.is_storage(x.storage())
    assert not ak.is_storage(x)


def test_new_tensors_take_their_size_by_name() -> None:
    x = ak.ones(2)
    assert x.new_zeros(size=(2, 3)).shape == (2, 3) and x.new_ones(size=[1]).tolist() == [1.0]
    assert x.new_empty(size=(0,)).shape == (0,)
    with pytest.raises(TypeError, match="got multiple values for argument 'size'"):
        x.new_zeros(2, size=(2,))
    with pytest.raises(TypeError, match='missing 1 required positional arguments: "size"'):
        x.new_ones(sizes=(2,))


def test_weight_norm_is_also_a_top_level_function() -> None:
    v = ak.tensor([[3.0, 4.0], [6.0, 8.0]], requires_grad=True)
    g = ak.tensor([[1.0], [2.0]], requires_grad=True)
    w = ak._weight_norm(v, g, 0)  # g · v / ‖v‖ along every dim but 0
    assert w.grad_fn.name() == "WeightNormInterfaceBackward0"
    assert np.allclose(w.detach().numpy(), [[0.6, 0.8], [1.2, 1.6]])


def test_functional_call_with_tied_weights() -> None:
    first, second = ak.nn.Linear(2, 2), ak.nn.Linear(2, 2)
    second.weight = first.weight
    model = ak.nn.Sequential(first, second)
    x = ak.ones(1, 2)
    ones = ak.ones(2, 2)
    out = ak.func.functional_call(model, {"0.weight": ones}, (x,))  # both layers use `ones`
    expected = (x @ ones.T + first.bias) @ ones.T + second.bias
    assert np.allclose(out.detach().numpy(), expected.detach().numpy())
    assert model[1].weight is model[0].weight and model[0].weight is not ones
    with pytest.raises(ValueError, match="multiple values for keys"):
        ak.func.functional_call(model, {"0.weight": ones, "1.weight": ones.clone()}, x)
    with pytest.raises(RuntimeError, match=r"Missing key\(s\): '0.bias', '1.bias'\.$"):
        ak.func.functional_call(model, {"1.weight": ones}, x, strict=True)


def test_methods_take_numpys_axis_and_keepdims() -> None:
    x = ak.tensor([[1.0, 5.0], [3.0, 2.0]])
    assert x.sum(axis=0, keepdims=True).tolist() == [[4.0, 7.0]]
    assert x.max(axis=1, keepdims=True).values.tolist() == [[5.0], [3.0]]
    assert x.sort(axis=0).values.tolist() == [[1.0, 2.0], [3.0, 5.0]]
    assert x.cumsum(axis=1).tolist() == [[1.0, 6.0], [3.0, 5.0]]
    assert x.unsqueeze(axis=0).shape == (1, 2, 2) and len(x.unbind(axis=1)) == 2
    assert ak.mean(x, axis=1, keepdims=True).shape == (2, 1)


def test_python_type_errors_name_methods_as_pytorch_does() -> None:
    x = ak.ones(2, 2)
    with pytest.raises(TypeError, match=r"^roll\(\) got an unexpected keyword argument 'axis'$"):
        x.roll(1, axis=0)
    with pytest.raises(TypeError, match=r"^Tensor.split\(\) got an unexpected keyword"):
        x.split(1, axis=1)
    with pytest.raises(TypeError, match=r'^flip\(\) missing 1 required positional arguments'):
        x.flip()
    with pytest.raises(TypeError, match=r'^reshape\(\) missing 1 required positional arguments'):
        x.reshape()
    with pytest.raises(TypeError, match=r"^view\(\) received an invalid combination"):
        x.view()
    assert x.multiply(2).sum().item() == 8.0 and x.swapaxes(0, 1).shape == (2, 2)


def test_sum_and_mean_with_dim_none_record_the_dim_form() -> None:
    x = ak.ones(2, 3, requires_grad=True)
    assert x.sum().grad_fn.name() == "SumBackward0" and ak.sum(x).grad_fn.name() == "SumBackward0"
    assert x.sum(None).grad_fn.name() == "SumBackward1"
    assert ak.mean(x, None).grad_fn.name() == "MeanBackward1"
    assert x.sum(dim=None).item() == 6.0 and x.mean().grad_fn.name() == "MeanBackward0"
    assert x.softmax(1, dtype=ak.float64).dtype == ak.float64
    assert x.log_softmax(1, ak.float64).dtype == ak.float64


def test_bitwise_augmented_assignments_work_in_place() -> None:
    x = ak.tensor([3, 4])
    same = x
    x &= 2
    assert same is x and x.tolist() == [2, 0] and x._version == 1
    x |= ak.tensor([1, 1])
    x ^= 1
    x <<= 2
    x >>= 1
    assert same is x and x.tolist() == [4, 0] and x._version == 5
    with pytest.raises(RuntimeError, match="result type Float can't be cast to the desired "
                                           "output type Long"):
        x &= 1.5
    flags = ak.tensor([True, False])
    with pytest.raises(RuntimeError, match="result type Long can't be cast to the desired "
                                           "output type Bool"):
        flags |= 2


def test_a_device_is_read_only_and_named_as_pytorch_names_it() -> None:
    d = ak.device("cuda", 1)
    with pytest.raises(AttributeError, match="attribute 'type' of 'autograd_kit.device' objects "
                                             "is not writable"):
        d.type = "cpu"
    with pytest.raises(TypeError, match=r"got \(float\), but expected one of"):
        ak.device(3.5)
    with pytest.raises(TypeError, match=r"got \(\), but expected one of"):
        ak.device()
    assert type(d).__name__ == "device" and str(type(d)) == "<class 'autograd_kit.device'>"
    import copy
    import pickle

    assert pickle.loads(pickle.dumps(d)) == d and copy.deepcopy(d) == d


def test_bernoulli_with_a_probability_given_by_name() -> None:
    ak.manual_seed(0)
    draws = ak.bernoulli(ak.ones(2000), p=0.3)
    assert draws.shape == (2000,) and set(draws.tolist()) <= {0.0, 1.0}
    assert 0.25 < draws.mean().item() < 0.35
    assert not ak.ones(2).is_mkldnn


def test_in_place_functions_and_dstack_check_their_arguments() -> None:
    with pytest.raises(TypeError, match=r"relu_\(\): argument 'input' \(position 1\) must be "
                                        "Tensor, not float"):
        ak.relu_(3.0)
    with pytest.raises(TypeError, match="expected Tensor as element 1 in argument 0"):
        ak.dstack([ak.ones(2), 1])
    assert ak.relu_(ak.tensor([-1.0, 2.0])).tolist() == [0.0, 2.0]
    a, x = ak.tensor([0.5, 3.0]), ak.tensor([1.0, 2.0])
    assert np.allclose(ak.igamma(a, x).numpy(), ak.special.gammainc(a, x).numpy())
    assert np.allclose((a.igamma(x) + a.igammac(x)).numpy(), [1.0, 1.0])


def test_float32_normals_use_pytorchs_polynomials() -> None:
    """PyTorch's randn(16) for seed 0, to the last bit (its log/sin/cos approximations)."""
    from autograd_kit.normal_float32 import log_approx, sin_cos_approx

    ak.manual_seed(0)
    values = ak.randn(16).numpy()
    expected = np.array([-1.1258398, -1.1523602, -0.25057858, -0.4338788, 0.84871036,
                         0.69200915, -0.31601277, -2.1152194, 0.32227492, -1.2633348,
                         0.3499832, 0.30813393, 0.11984151, 1.2376579, 1.1167772, -0.24727815],
                        dtype=np.float32)
    assert np.array_equal(values, expected)
    x = np.linspace(0.01, 6.0, 1000, dtype=np.float32)
    assert np.allclose(log_approx(x), np.log(x), rtol=1e-6, atol=1e-7)
    sine, cosine = sin_cos_approx(x)
    assert np.allclose(sine, np.sin(x), atol=1e-6) and np.allclose(cosine, np.cos(x), atol=1e-6)


def test_functions_take_pytorchs_argument_names() -> None:
    x, y = ak.tensor([1.0, -2.0]), ak.tensor([0.5, 1.0])
    assert ak.add(input=x, other=y).tolist() == [1.5, -1.0]
    assert ak.mul(x, other=y).tolist() == [0.5, -2.0]
    assert ak.clamp(input=x, min=0).tolist() == [1.0, 0.0]
    assert ak.where(condition=x > 0, input=x, other=y).tolist() == [1.0, 1.0]
    assert ak.pow(input=x, exponent=2).tolist() == [1.0, 4.0]
    assert ak.sum(input=x).item() == -1.0


def test_a_dtype_equals_only_itself() -> None:
    assert ak.float32 != "float32" and ak.float32 != np.float32
    assert ak.float32 != np.dtype("float32") and ak.ones(1).dtype == ak.float32
    assert {ak.float64: 1}[ak.float64] == 1


def test_numpy_bools_are_float_numbers_and_arrays_are_never_unequal_elementwise() -> None:
    assert (ak.tensor([1, 2]) + np.True_).tolist() == [2.0, 3.0]
    assert (ak.tensor([True, False]) * np.True_).dtype == ak.float32
    assert (ak.tensor([1.0, 2.0]) != np.array([1.0, 3.0])) is True  # identity, as in PyTorch


def test_the_legacy_constructor_as_pytorch() -> None:
    source = ak.tensor([1, 2])
    alias = ak.Tensor(source)
    assert alias.dtype == ak.int64 and alias is not source
    source.add_(1)
    assert alias.tolist() == [2, 3] and alias._version == 1
    with pytest.raises(TypeError, match=r"^new\(\): data must be a sequence \(got float\)$"):
        ak.Tensor(2.5)
    with pytest.raises(TypeError, match="failed to unpack the object at pos 2"):
        ak.Tensor(2, 2.5)
    with pytest.raises(TypeError, match=r"expected TensorOptions\(dtype=float, "):
        ak.FloatTensor(ak.tensor([1, 2]))


def test_tanh_and_sigmoid_gradients_round_as_pytorchs() -> None:
    """x.grad bit for bit as PyTorch's (hex of torch's results for these inputs)."""
    x = ak.tensor([0.6086, -1.3, 0.25, 2.2], requires_grad=True)
    ak.tanh(x).sum().backward()
    assert [v.hex() for v in x.grad.tolist()] == [
        "0x1.68f57e0000000p-1", "0x1.079c960000000p-2", "0x1.e149a00000000p-1",
        "0x1.889acc0000000p-5"]
    x.grad = None
    ak.sigmoid(x).sum().backward()
    assert [v.hex() for v in x.grad.tolist()] == [
        "0x1.d35eae0000000p-3", "0x1.58acd00000000p-3", "0x1.f815240000000p-3",
        "0x1.6fd2720000000p-4"]


def test_node_types_read_as_pytorchs() -> None:
    x = ak.ones(2, requires_grad=True)
    assert str(type((x * 2).grad_fn)) == "<class 'MulBackward0'>"
    assert str(type((x * 2).grad_fn.next_functions[0][0])) == "<class 'AccumulateGrad'>"
    assert str(ak.autograd.Function) == "<class 'autograd_kit.autograd.function.Function'>"


def test_powers_computed_as_pytorch_computes_them() -> None:
    x = np.array([1.1, 2.3, 0.7], dtype=np.float32)
    assert np.array_equal((ak.from_numpy(x) ** 3).numpy(), x * x * x)
    assert np.array_equal((ak.from_numpy(x) ** -2).numpy(), np.float32(1) / (x * x))
    assert np.array_equal((ak.from_numpy(x) ** 0.5).numpy(), np.sqrt(x))
    assert np.array_equal((ak.from_numpy(x) ** 1.5).numpy(),
                          (x.astype(np.float64) ** 1.5).astype(np.float32))


def test_subtracting_a_bool_in_place_is_refused_as_in_pytorch() -> None:
    x = ak.tensor([1.5, 2.0])
    with pytest.raises(RuntimeError, match="Subtraction, the `-` operator, with a bool tensor"):
        x -= True
    with pytest.raises(RuntimeError, match="Subtraction, the `-` operator, with a bool tensor"):
        x -= ak.tensor([True, False])
    x -= 1
    assert x.tolist() == [0.5, 1.0] and x._version == 1


def test_an_input_without_an_edge_keeps_its_gradients_dtype_in_hooks() -> None:
    a = ak.tensor([1.0, 2.0], requires_grad=True)
    seen = []
    y = ak.cat([a, ak.tensor([3, 4])])
    y.grad_fn.register_hook(lambda grad_inputs, grad_outputs: seen.append(grad_inputs))
    (y * 3).sum().backward()
    assert seen[0][1].dtype == ak.float32 and seen[0][1].tolist() == [3.0, 3.0]
    assert a.grad.tolist() == [3.0, 3.0]


def test_backward_inside_func_transforms_is_refused() -> None:
    """PyTorch's message for .backward() under torch.func.grad."""
    x = ak.ones(3, requires_grad=True)
    with pytest.raises(RuntimeError, match="backward\\(\\) called inside a functorch transform"):
        ak.func.grad(lambda a: (a * 2).sum().backward())(x)


def test_empty_strided_and_frombuffer_are_in_the_namespace() -> None:
    assert ak.empty_strided((2, 3), (1, 2)).stride() == (1, 2)
    assert ak.frombuffer(bytearray(b"\x01\x02"), dtype=ak.uint8).tolist() == [1, 2]


def test_zero_class_weight_lerp_softmax_dim_and_outer_mm_follow_pytorch() -> None:
    """-0 gradients for a class weight of 0; lerp's fused forms; softmax's int dim check;
    a k = 1 matrix product keeps the sign of a zero product."""
    x = ak.tensor([[0.2, -1.0, 3.0], [1.0, 2.0, 3.0]], requires_grad=True)
    ak.nn.functional.nll_loss(x, ak.tensor([1, 2]), weight=ak.tensor([1.0, 0.0, 2.0])).backward()
    assert np.signbit(x.grad.numpy()[0, 1]) and not np.signbit(x.grad.numpy()[0, 0])
    b = ak.zeros(3)
    g = ak.tensor([0.1234567, -2.345678, 3.3333333])
    for i in range(3):
        b.lerp_(g * (i + 1), 0.05)
    assert b.tolist() == [0.03581787273287773, -0.6805398464202881, 0.9670833349227905]
    with pytest.raises(TypeError, match=r"softmax\(\): argument 'dim' \(position 2\) must be int"):
        ak.softmax(ak.ones(2, 2), (0, 1))
    with pytest.raises(TypeError, match=r"argument 'dim' \(position 1\) must be int, not tuple"):
        ak.ones(2, 2).log_softmax((0,))
    assert ak.softmax(ak.ones(2, 2), np.int64(1)).shape == (2, 2)
    out = ak.tensor([[1.0], [0.0]]) @ ak.tensor([[1.0, -1.0]])
    assert np.signbit(out.numpy()[1, 1])


def test_inplace_activations_keep_their_result() -> None:
    """leaky_relu_/elu_/selu_/celu_ save the result they wrote (PyTorch's version check and
    result-based rules); leaky_relu_ with a negative slope cannot go backward."""
    x = ak.tensor([-1.5, -0.3, 0.0, 0.7, 2.0], requires_grad=True)
    y = x * 1
    ak.nn.functional.elu_(y, alpha=0.8)
    y.sum().backward()
    expected = np.where(x.detach().numpy() > 0, 1.0, 0.8 * np.exp(x.detach().numpy()))
    assert np.allclose(x.grad.numpy(), expected)
    for make in (lambda t: ak.nn.functional.leaky_relu_(t, 0.2), ak.nn.functional.elu_,
                 lambda t: ak.nn.functional.selu(t, inplace=True)):
        y = x * 1
        make(y)
        y.mul_(2)
        with pytest.raises(RuntimeError, match="modified by an inplace operation"):
            y.sum().backward()
    y = x * 1
    ak.nn.functional.leaky_relu_(y, -0.2)
    with pytest.raises(RuntimeError, match="negative slope which is not supported"):
        y.sum().backward()
    with pytest.raises(RuntimeError, match=r"offsets\[0\] has to be 0"):
        ak.nn.EmbeddingBag(5, 2)(ak.tensor([1, 2, 3, 4]), ak.tensor([1, 2]))


def test_broadcast_to_takes_sizes_and_short_dots_add_in_order() -> None:
    x = ak.ones(3, 1)
    assert x.broadcast_to(3, 2).shape == (3, 2) == x.broadcast_to((3, 2)).shape
    assert x.broadcast_to(size=(3, 4)).shape == (3, 4)
    with pytest.raises(TypeError, match='broadcast_to\\(\\) missing 1 required positional'):
        x.broadcast_to()
    # PyTorch: ((0 + a0·b0) + a1·b1) + a2·b2 for up to 3 values (its value, printed by PyTorch)
    d = ak.tensor([-1.28, 0.63, 0.58]).dot(ak.tensor([1.29, -0.75, 1.69]))
    assert d.item() == -1.1434998512268066


def test_typed_constructor_of_a_tensor_is_an_alias_view() -> None:
    """FloatTensor(t): a view of t recorded as AliasBackward0 when t requires grad."""
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    y = ak.FloatTensor(x)
    assert y.grad_fn.name() == "AliasBackward0" and y._base is x
    (y * 3).sum().backward()
    assert x.grad.tolist() == [3.0, 3.0]
