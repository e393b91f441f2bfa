"""Autograd semantics compared live with PyTorch (hunt 11): hooks, grad modes, custom Functions."""
import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")


def _outcome(fn):
    """('ok', value) or (exception type name, message)."""
    try:
        return "ok", fn()
    except Exception as error:  # noqa: BLE001 - any error is an observation here
        return type(error).__name__, str(error)


@pytest.mark.parametrize("lib", [torch, ak], ids=["torch", "kit"])
def test_post_accumulate_hook_returning_its_own_argument_counts_as_none(lib):
    x = lib.tensor([1.0, 2.0], requires_grad=True)
    x.register_post_accumulate_grad_hook(lambda t: t)
    x.register_post_accumulate_grad_hook(lambda t: t)
    (x * 2).sum().backward()
    assert x.grad.tolist() == [2.0, 2.0]


def test_post_accumulate_hook_returning_another_tensor_is_an_error():
    def scenario(lib):
        x = lib.tensor([1.0, 2.0], requires_grad=True)
        x.register_post_accumulate_grad_hook(lambda t: t * 1)
        (x * 2).sum().backward()

    results = [_outcome(lambda lib=lib: scenario(lib)) for lib in (torch, ak)]
    assert results[0] == results[1]
    assert results[1][0] == "RuntimeError"


@pytest.mark.parametrize("lib", [torch, ak], ids=["torch", "kit"])
def test_detect_anomaly_warns_when_created_and_restores_the_mode_it_found_then(lib):
    with pytest.warns(UserWarning, match="Anomaly Detection has been enabled"):
        switch = lib.autograd.detect_anomaly()
    lib.autograd.set_detect_anomaly(True)
    try:
        with switch:
            assert lib.is_anomaly_enabled()
    finally:
        after = lib.is_anomaly_enabled()
        lib.autograd.set_detect_anomaly(False)
    assert after is False  # the mode when it was created, not when it was entered


@pytest.mark.filterwarnings("ignore:Using backward\\(\\) with create_graph=True")
@pytest.mark.parametrize("make", ["optimizer", "module"])
@pytest.mark.parametrize("create_graph", [False, True])
def test_zero_grad_keeping_tensors_stops_them_requiring_grad(make, create_graph):
    seen = []
    for lib in (torch, ak):
        lib.manual_seed(0)
        model = lib.nn.Linear(3, 2)
        optimizer = lib.optim.SGD(model.parameters(), lr=0.1)
        (model(lib.ones(4, 3)) ** 2).sum().backward(create_graph=create_graph)
        if not create_graph:
            model.bias.grad.requires_grad_()
        before = model.bias.grad
        (optimizer if make == "optimizer" else model).zero_grad(set_to_none=False)
        grad = model.bias.grad
        seen.append((grad is before, grad.requires_grad, grad.is_leaf, grad.grad_fn is None,
                     grad.tolist(), model.weight.grad.requires_grad))
    assert seen[0] == seen[1]


def test_multi_grad_hook_handle_prints_from_autograd_graph():
    names = []
    for lib in (torch, ak):
        a = lib.tensor([1.0], requires_grad=True)
        handle = lib.autograd.graph.register_multi_grad_hook((a,), lambda grads: None)
        names.append(repr(handle).split(" object at ")[0].replace("autograd_kit", "torch"))
    assert names[0] == names[1] == "<torch.autograd.graph._MultiHandle"


@pytest.mark.parametrize("requires_grad", [True, False])
def test_parameter_from_an_inference_tensor(requires_grad):
    seen = []
    for lib in (torch, ak):
        with lib.inference_mode():
            made = lib.ones(2)
        outside = _outcome(lambda lib=lib, made=made: (
            lib.nn.Parameter(made, requires_grad=requires_grad).is_inference()))
        with lib.inference_mode():
            inside = lib.nn.Parameter(made, requires_grad=requires_grad)
        seen.append((outside, inside.is_inference(), inside.requires_grad))
    assert seen[0] == seen[1]


@pytest.mark.parametrize("fast_mode", [False, True])
def test_gradcheck_of_a_function_with_only_an_integer_output(fast_mode):
    seen = []
    for lib in (torch, ak):
        x = lib.tensor([[1.0, 2.0], [3.0, 4.0]], dtype=lib.float64, requires_grad=True)
        seen.append(_outcome(lambda lib=lib, x=x: lib.autograd.gradcheck(
            lambda t: t.long(), (x,), fast_mode=fast_mode)))
    assert seen[0] == seen[1]
