"""Kit-only checks of nn.Module and layers matched to PyTorch (values observed with PyTorch)."""

from __future__ import annotations

import pytest

import autograd_kit as T
from autograd_kit import nn
from autograd_kit.nn import functional as F


@pytest.mark.parametrize(("a", "b", "message"), [
    ((5, 2), (3,), "bilinear(): input dimensions do not match: got 2 and 1"),
    ((5, 2), (4, 3), "bilinear(): input batch dimensions do not match at dim 0: got 5 and 4"),
    ((5, 3), (5, 3), "bilinear(): input1 size does not match weight size: got 3 but expected 2"),
    ((5, 2), (5, 4), "bilinear(): input2 size does not match weight size: got 4 but expected 3"),
])
def test_bilinear_shape_errors(a: tuple, b: tuple, message: str) -> None:
    m = nn.Bilinear(2, 3, 4)
    with pytest.raises(RuntimeError) as info:
        m(T.randn(*a), T.randn(*b))
    assert str(info.value) == message


def test_bilinear_bias_size_error() -> None:
    w = T.randn(4, 2, 3)
    with pytest.raises(RuntimeError, match=r"^bilinear\(\): bias size does not match weight size: "
                                           r"got 3 but expected 4$"):
        F.bilinear(T.randn(5, 2), T.randn(5, 3), w, T.zeros(3))


def test_module_apply_private_replaces_values_children_first() -> None:
    m = nn.Sequential(nn.Linear(1, 1), nn.Sequential(nn.Linear(1, 1)), nn.BatchNorm1d(1))
    weight = m[0].weight
    seen: list[tuple[int, ...]] = []

    def record(t: T.Tensor) -> T.Tensor:
        seen.append(tuple(t.shape))
        return t + 1

    assert m._apply(record, recurse=False) is m and seen == []
    assert m._apply(record) is m
    assert seen == [(1, 1), (1,), (1, 1), (1,), (1,), (1,), (1,), (1,), ()]
    assert m[0].weight is weight and isinstance(weight, nn.Parameter) and weight.requires_grad
    assert m[2].running_var.tolist() == [2.0] and m[2].num_batches_tracked.item() == 1


def test_nn_grad_conv_input_and_weight_match_backward() -> None:
    T.manual_seed(0)
    x = T.randn(2, 3, 5, 5, requires_grad=True)
    w = T.randn(4, 3, 3, 3, requires_grad=True)
    y = F.conv2d(x, w, stride=2, padding=1)
    g = T.randn(*y.shape)
    y.backward(g)
    gi = nn.grad.conv2d_input(x.shape, w, g, stride=2, padding=1)
    gw = nn.grad.conv2d_weight(x, w.shape, g, stride=2, padding=1)
    assert T.allclose(gi, x.grad, atol=1e-5) and T.allclose(gw, w.grad, atol=1e-4)
    assert gi.grad_fn.name() == "ConvolutionBackwardBackward0"  # w requires grad, as PyTorch
    with T.no_grad():
        assert nn.grad.conv2d_input(x.shape, w, g, stride=2, padding=1).grad_fn is None
    assert nn.grad.conv1d_input.__name__ == "conv1d_input"
    assert nn.grad.conv3d_weight.__module__ == "autograd_kit.nn.grad"


def test_nn_grad_conv1d_values() -> None:
    w = T.tensor([[[1.0, 2.0]]])
    g = T.tensor([[[1.0, 10.0, 100.0]]])
    assert nn.grad.conv1d_input((1, 1, 4), w, g).tolist() == [[[1.0, 12.0, 120.0, 200.0]]]
    x = T.tensor([[[1.0, 2.0, 3.0, 4.0]]])
    assert nn.grad.conv1d_weight(x, (1, 1, 2), g).tolist() == [[[321.0, 432.0]]]


@pytest.mark.parametrize(("register", "change", "message"), [
    ("hook", "size", "hook 'hook' has changed the size of value"),
    ("pre", "size", "hook 'hook' has changed the size of value"),
    ("hook", "type", "hook 'hook' has changed the type of value (was autograd_kit.FloatTensor "
                     "got autograd_kit.DoubleTensor)"),
])
def test_full_backward_hook_replacement_errors_name_the_hook_as_pytorch(
        register: str, change: str, message: str) -> None:
    def changed(g: T.Tensor) -> T.Tensor:
        return g[:, :1] if change == "size" else g.double()

    m = nn.Linear(2, 2)
    if register == "hook":
        m.register_full_backward_hook(lambda mod, gi, go: (changed(gi[0]),))
    else:
        m.register_full_backward_pre_hook(lambda mod, go: (changed(go[0]),))
    x = T.randn(1, 2, requires_grad=True)
    with pytest.raises(RuntimeError) as info:
        m(x).sum().backward()
    assert str(info.value) == message


def test_cross_map_lrn2d_values_gradients_and_node() -> None:
    # PyTorch 2.x: torch.nn.CrossMapLRN2d(3, alpha=0.1) on this input
    m = nn.CrossMapLRN2d(3, alpha=0.1, beta=0.75, k=1)
    assert repr(m) == "CrossMapLRN2d(3, alpha=0.1, beta=0.75, k=1)"
    x = T.tensor([[[[1.0]], [[2.0]], [[-1.0]], [[3.0]]]], requires_grad=True)
    y = m(x)
    assert y.grad_fn.name() == "CrossMapLRN2dBackward"
    assert repr(y.grad_fn).startswith("<autograd_kit.autograd.function.CrossMapLRN2dBackward ")
    # the window of channel 2 takes all four squares (PyTorch's loop), unlike LocalResponseNorm
    assert [round(v, 4) for v in y.flatten().tolist()] == [0.8908, 1.7444, -0.7378, 2.3734]
    y.sum().backward()
    assert [round(v, 4) for v in x.grad.flatten().tolist()] == [0.8526, 0.6505, 0.8241, 0.3864]
    with pytest.raises(ValueError) as info:
        m(T.ones(4, 2, 2))
    assert str(info.value) == "CrossMapLRN2d: Expected input to be 4D, got 3D instead."


def test_lstm_cell_refuses_one_tensor_as_its_state() -> None:
    cell = nn.LSTMCell(2, 3)
    with pytest.raises(TypeError) as info:
        cell(T.randn(4, 2), T.zeros(4, 3))
    assert str(info.value) == ("lstm_cell(): argument 'hx' (position 2) must be tuple of "
                               "Tensors, not Tensor")
    with pytest.raises(RuntimeError, match="^lstm_cell expects two hidden states$"):
        cell(T.randn(4, 2), (T.zeros(4, 3),))
    h, c = cell(T.randn(4, 2), [T.zeros(4, 3), T.zeros(4, 3)])  # a list is fine
    assert h.shape == c.shape == (4, 3)


def test_add_module_before_module_init_raises_pytorchs_attribute_error() -> None:
    class Early(nn.Module):
        def __init__(self) -> None:
            self.add_module("m", nn.ReLU())

    class Clash(nn.Module):
        def __init__(self) -> None:
            self.x = 1
            self.add_module("x", None)

    with pytest.raises(AttributeError, match="^'Early' object has no attribute '_modules'$"):
        Early()
    with pytest.raises(AttributeError, match="^'Clash' object has no attribute '_modules'$"):
        Clash()


def test_max_unpool_output_size_message_shows_it_as_given() -> None:
    x = T.tensor([[[1.0, 3.0, 2.0, 0.0, 5.0, 4.0]]])
    y, i = nn.MaxPool1d(2, return_indices=True)(x)
    unpool = nn.MaxUnpool1d(2)
    assert unpool(y, i, output_size=[1, 1, 7]).shape == (1, 1, 7)
    for given, shown in [((9,), "(9,)"), ([1, 1, 9], "[9]")]:
        with pytest.raises(ValueError) as info:
            unpool(y, i, output_size=given)
        assert str(info.value) == f'invalid output_size "{shown}" (dim 0 must be between 4 and 8)'
    y2, i2 = nn.MaxPool2d(2, return_indices=True)(T.arange(16.0).reshape(1, 1, 4, 4))
    with pytest.raises(ValueError) as info:
        nn.MaxUnpool2d(2)(y2, i2, output_size=(9, 4))
    assert str(info.value) == 'invalid output_size "(9, 4)" (dim 0 must be between 2 and 6)'


def test_consume_prefix_in_state_dict_if_present() -> None:
    inner = nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2))
    wrapper = nn.Module()
    wrapper.module = inner
    sd = wrapper.state_dict()
    nn.modules.utils.consume_prefix_in_state_dict_if_present(sd, "module.")
    assert list(sd)[:2] == ["0.weight", "0.bias"]
    assert list(sd._metadata) == ["", "0", "1"]
    assert str(inner.load_state_dict(sd)) == "<All keys matched successfully>"
    plain = {"module.weight": T.zeros(2, 2), "bias": T.zeros(2)}
    nn.modules.utils.consume_prefix_in_state_dict_if_present(plain, "module.")
    assert list(plain) == ["bias", "weight"]


def test_modules_utils_argument_helpers() -> None:
    u = nn.modules.utils
    assert (u._pair(3), u._single(4), u._triple([1, 2, 3])) == ((3, 3), (4,), (1, 2, 3))
    assert u._pair.__name__ == "_pair"
    assert u._reverse_repeat_tuple((1, 2), 2) == (2, 2, 1, 1)
    assert u._list_with_default([None, 3], [1, 2, 5, 6]) == [5, 3]
    with pytest.raises(ValueError, match="^Input dimension should be at least 3$"):
        u._list_with_default([None, 3], [5, 6])


def test_data_parallel_without_a_gpu_forwards_to_the_module() -> None:
    if T.cuda.is_available():
        pytest.skip("PyTorch's CPU-only behaviour")
    m = nn.Linear(2, 2)
    d = nn.DataParallel(m)
    assert repr(d) == ("DataParallel(\n  (module): Linear(in_features=2, out_features=2, "
                       "bias=True)\n)")
    assert list(d.state_dict()) == ["module.weight", "module.bias"]
    assert d.device_ids == [] and d.module is m and nn.parallel.DataParallel is nn.DataParallel
    assert type(d).__module__ == "autograd_kit.nn.parallel.data_parallel"
    x = T.ones(1, 2)
    assert T.equal(d(x), m(x))
    with pytest.raises(RuntimeError, match="^device type could not be determined$"):
        nn.parallel.data_parallel(m, x)


def test_lstm_layers_are_pytorchs_onednn_nodes_on_the_cpu() -> None:
    T.manual_seed(0)
    r = nn.LSTM(2, 3, bias=False)
    x = T.randn(4, 1, 2, requires_grad=True)
    o, (h, c) = r(x)
    node = o.grad_fn
    assert node.name() == "MkldnnRnnLayerBackward0"
    edges = [None if f is None else type(f).__name__ for f, _ in node.next_functions]
    assert edges == ["AccumulateGrad"] * 3 + [None] * 4  # x, W_ih, W_hh, the biases, h0, c0
    assert h.grad_fn.name() == "StackBackward0"
    assert h.grad_fn.next_functions[0] == (node, 1) and c.grad_fn.next_functions[0] == (node, 2)
    # the gradients are the steps' own: the same as an RNN written step by step
    (o.sum() + c.pow(2).sum()).backward()
    grads = x.grad.clone(), r.weight_hh_l0.grad.clone()
    x.grad = None
    r.zero_grad()
    hs, cs, outs = T.zeros(1, 3), T.zeros(1, 3), []
    cell = nn.LSTMCell(2, 3, bias=False)
    cell.weight_ih, cell.weight_hh = r.weight_ih_l0, r.weight_hh_l0
    for t in range(4):
        hs, cs = cell(x[t], (hs, cs))
        outs.append(hs)
    (T.stack(outs).sum() + cs.pow(2).sum()).backward()
    assert T.allclose(x.grad, grads[0], atol=1e-6)
    assert T.allclose(r.weight_hh_l0.grad, grads[1], atol=1e-6)


def test_lstm_with_projections_or_float64_keeps_the_step_nodes() -> None:
    x = T.randn(3, 1, 2)
    assert nn.LSTM(2, 3, proj_size=1)(x)[0].grad_fn.name() == "StackBackward0"
    assert nn.LSTM(2, 3).double()(x.double())[0].grad_fn.name() == "StackBackward0"
    assert nn.LSTM(2, 3, bidirectional=True)(x)[0].grad_fn.name() == "CatBackward0"
    assert nn.GRU(2, 3)(x)[0].grad_fn.name() == "StackBackward0"


def test_rnn_checks_take_pytorchs_batch_sizes_argument() -> None:
    r = nn.LSTM(2, 3, proj_size=1)
    x = T.ones(4, 5, 2)
    assert r.get_expected_hidden_size(x, None) == (1, 5, 1)
    assert r.get_expected_cell_size(x, None) == (1, 5, 3)
    assert r.get_expected_hidden_size(x, T.tensor([3, 2])) == (1, 3, 1)
    r.check_forward_args(x, (T.zeros(1, 5, 1), T.zeros(1, 5, 3)), None)
    with pytest.raises(RuntimeError) as info:
        r.check_forward_args(x, (T.zeros(1, 5, 1), T.zeros(1, 5, 1)), None)
    assert str(info.value) == "Expected hidden[1] size (1, 5, 3), got [1, 5, 1]"
    with pytest.raises(RuntimeError, match="^input must have 2 dimensions, got 3$"):
        r.check_input(x, T.tensor([2]))
    g = nn.GRU(2, 3, batch_first=True, num_layers=2)
    with pytest.raises(RuntimeError, match=r"^Expected hidden size \(2, 4, 3\), got \[2, 5, 3\]$"):
        g.check_forward_args(x, T.zeros(2, 5, 3), None)


def test_module_call_and_unwritten_forward_carry_pytorchs_names() -> None:
    m = nn.Linear(1, 1)
    assert repr(m.__call__).startswith("<bound method Module._wrapped_call_impl of Linear(")
    assert nn.Module._call_impl is nn.Module.__call__
    assert nn.Module.forward.__name__ == "_forward_unimplemented"
    assert nn.Module.state_dict.__qualname__ == "Module.state_dict"

    class NoForward(nn.Module):
        pass

    with pytest.raises(NotImplementedError) as info:
        NoForward()(T.ones(1))
    assert str(info.value) == 'Module [NoForward] is missing the required "forward" function'
