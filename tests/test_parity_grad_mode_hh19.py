"""Live comparison with PyTorch: the grad-mode switches (no_grad, enable_grad,
set_grad_enabled, inference_mode), detach, .data and freezing."""

import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")


@pytest.fixture(autouse=True)
def _restore_modes():
    yield
    torch.set_grad_enabled(True)
    ak.set_grad_enabled(True)


@pytest.mark.parametrize("mode", [True, False])
def test_set_grad_enabled_clone_keeps_mode_and_sets_it(mode):
    for lib in (torch, ak):
        lib.set_grad_enabled(True)
    results = []
    for lib in (torch, ak):
        copy = lib.set_grad_enabled(mode).clone()
        results.append((type(copy).__name__, copy.mode, lib.is_grad_enabled()))
        lib.set_grad_enabled(True)
    assert results[0] == results[1]


@pytest.mark.parametrize("mode", [True, False])
def test_inference_mode_keeps_mode_attribute(mode):
    results = []
    for lib in (torch, ak):
        made = lib.inference_mode(mode)
        copy = made.clone()
        results.append((made.mode, copy.mode, type(copy).__name__))
    assert results[0] == results[1]


def test_set_grad_enabled_made_earlier_sets_its_mode_when_entered():
    results = []
    for lib in (torch, ak):
        switch = lib.set_grad_enabled(False)
        lib.set_grad_enabled(True)
        with switch:
            inside = lib.is_grad_enabled()
        results.append((inside, lib.is_grad_enabled()))
    assert results[0] == results[1]


def test_inference_mode_none_is_decorated_not_a_mode():
    results = []
    for lib in (torch, ak):
        made = lib.inference_mode(None)
        results.append(isinstance(made, lib.inference_mode))
    assert results[0] == results[1]


def _outcome(action, *args):
    try:
        result = action(*args)
    except Exception as error:  # noqa: BLE001
        return type(error).__name__, str(error)
    return "ok", str(result).replace("autograd_kit", "torch")


INFERENCE_ALIAS_CASES = {
    "data is inference": lambda y, lib: y.data.is_inference(),
    "detach is inference": lambda y, lib: y.detach().is_inference(),
    "data add_": lambda y, lib: y.data.add_(1),
    "detach add_ then version": lambda y, lib: (y.detach().add_(1), y.data._version),
    "detach keeps its own count": lambda y, lib: (lambda d: (d.mul_(2), d._version,
                                                             d.detach()._version))(y.detach()),
    "view of data add_": lambda y, lib: y.data[:1].add_(1),
    "view of detach version": lambda y, lib: y.detach()[:1]._version,
    "data requires_grad_": lambda y, lib: y.data.requires_grad_(),
    "data saved for backward": lambda y, lib: (
        lib.ones(2, requires_grad=True) * y.data).sum(),
    "own version": lambda y, lib: y._version,
    "own add_": lambda y, lib: y.add_(1),
}


@pytest.mark.parametrize("case", list(INFERENCE_ALIAS_CASES))
def test_data_and_detach_of_an_inference_tensor(case):
    results = []
    for lib in (torch, ak):
        with lib.inference_mode():
            y = lib.ones(2)
        results.append((_outcome(INFERENCE_ALIAS_CASES[case], y, lib), str(y)))
    assert results[0] == results[1]


@pytest.mark.parametrize("how", ["data", "detach"])
def test_alias_of_an_inference_tensor_inside_the_mode_counts_no_versions(how):
    results = []
    for lib in (torch, ak):
        with lib.inference_mode():
            y = lib.ones(2)
            alias = y.data if how == "data" else y.detach()
            results.append((alias.is_inference(), _outcome(getattr, alias, "_version")))
    assert results[0] == results[1]


@pytest.mark.parametrize("name", ["no_grad", "enable_grad"])
def test_switch_takes_the_function_by_pytorchs_keyword(name):
    results = []
    for lib in (torch, ak):
        x = lib.ones(2, requires_grad=True)
        wrapped = getattr(lib, name)(orig_func=lambda t: t * 2)
        with lib.no_grad() if name == "enable_grad" else lib.enable_grad():
            results.append(wrapped(x).requires_grad)
    assert results[0] == results[1]


def test_switch_given_two_functions_names_pytorchs_class():
    results = [_outcome(lib.no_grad, abs, abs) for lib in (torch, ak)]
    assert results[0] == results[1]


def _preserved_versions(lib):
    x = lib.ones(2, requires_grad=True)
    y = x * 1
    z = y * y
    view = y[:1]
    other = lib.ones(2)
    with lib.autograd._unsafe_preserve_version_counter((y, other)):
        y.mul_(3)
        other.add_(1)
    z.sum().backward()  # (the change is hidden: the gradient uses the new values)
    return y._version, view._version, other._version, x.grad.tolist()


def test_unsafe_preserve_version_counter_hides_changes():
    assert _preserved_versions(torch) == _preserved_versions(ak)
    assert (torch.autograd.grad_mode._unsafe_preserve_version_counter.__name__
            == ak.autograd.grad_mode._unsafe_preserve_version_counter.__name__)


def test_unsafe_preserve_version_counter_wants_a_tensor_or_tuple():
    results = [_outcome(lib.autograd._unsafe_preserve_version_counter, [lib.ones(1)])
               for lib in (torch, ak)]
    assert results[0] == results[1]


def _step_with_an_inference_parameter(lib, name):
    lib.manual_seed(0)
    normal = lib.nn.Parameter(lib.ones(2))
    with lib.inference_mode():
        made_inside = lib.nn.Linear(2, 1)
    params = [normal, made_inside.weight]
    for param in params:
        param.grad = lib.ones_like(param)
    optimizer = getattr(lib.optim, name)(params, lr=0.1)
    outcome = _outcome(optimizer.step)
    with lib.inference_mode():
        inside = _outcome(optimizer.step)[0]
    return outcome, inside, normal.tolist() != [1.0, 1.0]


@pytest.mark.parametrize("name", ["SGD", "Adam", "AdamW", "RMSprop", "Adagrad", "Rprop"])
def test_optimizer_refuses_to_update_an_inference_parameter(name):
    assert (_step_with_an_inference_parameter(torch, name)
            == _step_with_an_inference_parameter(ak, name))


def test_load_state_dict_into_an_inference_model_reports_each_parameter():
    results = []
    for lib in (torch, ak):
        with lib.inference_mode():
            model = lib.nn.Linear(2, 1)
        kind, message = _outcome(model.load_state_dict, lib.nn.Linear(2, 1).state_dict())
        results.append((kind, message.replace("autograd_kit", "torch")))
    assert results[0] == results[1]
