"""Module API compared with PyTorch live, from scenarios in PyTorch's test_nn.py and
test_module_hooks.py: containers (insert, del, *=), attribute registration, state_dict,
hooks. Each scenario runs in both libraries and what it shows (names, reprs, errors) must
agree."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")

Log = Callable[[Any], None]


def _shown(value: Any) -> Any:
    if isinstance(value, (torch.Tensor, ak.Tensor)):
        return ("tensor", str(value.dtype).split(".")[-1], tuple(value.shape),
                value.detach().numpy().tolist(), value.requires_grad)
    if isinstance(value, (list, tuple)):
        return tuple(_shown(v) for v in value)
    if isinstance(value, (torch.nn.Module, ak.nn.Module)):
        return repr(value).replace("autograd_kit", "torch")
    if isinstance(value, (torch.dtype, ak.dtype)):
        return str(value).split(".")[-1]
    return value


def _run(scenario: Callable[[Any, Log], None], lib: Any) -> list[Any]:
    log: list[Any] = []

    def attempt(action: Callable[[], Any]) -> None:
        try:
            log.append(_shown(action()))
        except Exception as error:  # (the error is part of what is compared)
            log.append((type(error).__name__, str(error).replace("autograd_kit", "torch")))

    scenario(lib, attempt)
    return log


def _same(scenario: Callable[[Any, Log], None]) -> None:
    assert _run(scenario, ak) == _run(scenario, torch)


# ---- ModuleList.insert / Sequential.insert shift names up, as PyTorch ---------------------
@pytest.mark.parametrize("index", [0, 1, 2, 3, 100, -1, -2, -3])
def test_module_list_insert_shifts_names_like_pytorch(index: int):
    def scenario(T: Any, attempt: Log) -> None:
        ml = T.nn.ModuleList([T.nn.ReLU(), T.nn.Tanh()])
        attempt(lambda: ml.insert(index, T.nn.Softsign()))
        attempt(lambda: list(ml._modules))
        attempt(lambda: ml)
    _same(scenario)


def test_module_list_insert_takes_any_value_and_keeps_the_rest():
    def scenario(T: Any, attempt: Log) -> None:
        ml = T.nn.ModuleList([T.nn.ReLU(), T.nn.Tanh()])
        attempt(lambda: ml.insert(1, 5))
        attempt(lambda: list(ml._modules.items()))
    _same(scenario)


@pytest.mark.parametrize("index", [0, 1, 3, -1])
def test_named_sequential_insert_as_pytorch(index: int):
    def scenario(T: Any, attempt: Log) -> None:
        n = T.nn.Sequential(OrderedDict([("a", T.nn.ReLU()), ("b", T.nn.Tanh()),
                                         ("c", T.nn.GELU())]))
        attempt(lambda: n.insert(index, T.nn.Softsign()))
        attempt(lambda: list(n._modules))
    _same(scenario)


def test_named_sequential_imul_looks_children_up_by_number():
    def scenario(T: Any, attempt: Log) -> None:
        n = T.nn.Sequential(OrderedDict([("a", T.nn.ReLU()), ("b", T.nn.Tanh())]))

        def imul() -> Any:
            nonlocal n
            n *= 2
            return list(n._modules)
        attempt(imul)
        attempt(lambda: list(n._modules))
        m = T.nn.Sequential(T.nn.ReLU(), T.nn.Tanh())

        def imul_numbered() -> Any:
            nonlocal m
            m *= 3
            return m
        attempt(imul_numbered)
        empty = T.nn.Sequential()

        def imul_empty() -> Any:
            nonlocal empty
            empty *= 2
            return empty
        attempt(imul_empty)
    _same(scenario)


def test_container_insert_and_del_run_no_registration_hooks():
    def scenario(T: Any, attempt: Log) -> None:
        seen: list[str] = []
        handle = T.nn.modules.module.register_module_module_registration_hook(
            lambda module, name, value: seen.append(name))
        try:
            ml = T.nn.ModuleList([T.nn.ReLU(), T.nn.Tanh(), T.nn.GELU()])
            ml.insert(1, T.nn.ReLU())
            seen.append("|")
            del ml[0]
            seen.append("|")
            ml.pop(0)
            del ml[::2]
            seen.append("|")
            s = T.nn.Sequential(T.nn.ReLU(), T.nn.Tanh())
            s.insert(0, T.nn.ReLU())
            seen.append("|")
            del s[1]
            s.pop(0)
        finally:
            handle.remove()
        attempt(lambda: seen)
        attempt(lambda: (type(ml._modules).__name__, list(ml._modules)))
        attempt(lambda: (type(s._modules).__name__, list(s._modules)))
    _same(scenario)


# ---- setattr of a Parameter goes through register_parameter's checks ----------------------
@pytest.mark.parametrize("name", ["a.b", "", "forward", "state_dict", "training", "weight",
                                  "in_features"])
def test_setattr_parameter_checks_the_name(name: str):
    def scenario(T: Any, attempt: Log) -> None:
        m = T.nn.Linear(1, 1)
        attempt(lambda: setattr(m, name, T.nn.Parameter(T.ones(1))))
        attempt(lambda: (list(m._parameters), name in m.__dict__))
    _same(scenario)


@pytest.mark.parametrize("key", ["a.b", ""])
def test_parameter_dict_refuses_a_key_that_cannot_name_a_parameter(key: str):
    def scenario(T: Any, attempt: Log) -> None:
        pd = T.nn.ParameterDict({"p": T.nn.Parameter(T.ones(1))})
        attempt(lambda: pd.__setitem__(key, T.nn.Parameter(T.ones(2))))
        attempt(lambda: (list(pd.keys()), [n for n, _ in pd.named_parameters()]))
    _same(scenario)


# ---- Module.to reads its arguments as Tensor.to; _apply goes through .data = --------------
def test_module_to_checks_the_dtype_of_a_tensor_argument_and_refuses_copy():
    def scenario(T: Any, attempt: Log) -> None:
        net = T.nn.Sequential(T.nn.Linear(2, 2), T.nn.BatchNorm1d(2))
        attempt(lambda: net.to(T.tensor(3, dtype=T.long), non_blocking=True))
        attempt(lambda: net.to("cpu", T.tensor(3, dtype=T.long)))
        attempt(lambda: net[0].weight.dtype)
        attempt(lambda: net.to("cpu", copy=False))
        attempt(lambda: net.to("cpu", T.float64, False, True))
        attempt(lambda: net.to(T.float64, copy=True))
        attempt(lambda: net[0].weight.dtype)
        attempt(lambda: net.to("cpu", True))
        attempt(lambda: net.to(None, None)[0].weight.dtype)
        attempt(lambda: net.to(float)[0].weight.dtype)
        attempt(lambda: net.to(T.ones(1, dtype=T.float16), True)[0].weight.dtype)
        attempt(lambda: net[1].num_batches_tracked.dtype)
        attempt(lambda: net.to(dtype=T.int32))
    _same(scenario)


def test_module_conversion_keeps_the_grad_object_and_refuses_integer_parameters():
    def scenario(T: Any, attempt: Log) -> None:
        m = T.nn.Linear(2, 2)
        w, g = m.weight, T.ones(2, 2)
        m.weight.grad = g
        m.double()
        attempt(lambda: (m.weight is w, m.weight.grad is g, g.dtype, w.dtype))
        bn = T.nn.BatchNorm1d(2)
        attempt(lambda: bn.type(T.int32))
        attempt(lambda: (bn.weight.dtype, bn.running_mean.dtype))
        frozen = T.nn.Linear(2, 2).requires_grad_(False)
        attempt(lambda: frozen.type(T.int32).weight.dtype)
    _same(scenario)


# ---- hooks: the kwargs / always_call tables, handles, old-style hook names ------------------
def test_removing_a_forward_hook_takes_its_id_out_of_the_kwargs_and_always_call_tables():
    def scenario(T: Any, attempt: Log) -> None:
        m = T.nn.Identity()
        post = m.register_forward_hook(lambda mod, a, k, out: out, with_kwargs=True,
                                       always_call=True)
        pre = m.register_forward_pre_hook(lambda mod, a, k: None, with_kwargs=True)
        plain = m.register_forward_hook(lambda mod, a, out: None)
        attempt(lambda: [(type(t).__name__, list(t.values())) for t in (
            m._forward_hooks_with_kwargs, m._forward_hooks_always_called,
            m._forward_pre_hooks_with_kwargs)])
        attempt(lambda: (post.id in m._forward_hooks_with_kwargs,
                         plain.id in m._forward_hooks_with_kwargs))
        post.remove()
        pre.remove()
        attempt(lambda: (len(m._forward_hooks_with_kwargs), len(m._forward_hooks_always_called),
                         len(m._forward_pre_hooks_with_kwargs), len(m._forward_hooks)))
        handle = T.nn.modules.module.register_module_forward_hook(
            lambda mod, a, out: None, always_call=True)
        handle.remove()
        attempt(lambda: m(T.ones(1)))
    _same(scenario)


def test_hooks_dict_ref_of_a_handle_gives_the_table_it_is_filed_in():
    def scenario(T: Any, attempt: Log) -> None:
        module = T.nn.Sigmoid()
        handles: list[Any] = []

        def remove_itself(index: int) -> Callable[..., Any]:
            def hook(mod: Any, args: Any) -> Any:
                handles[index].remove()
                return args
            return hook

        handles.append(module.register_forward_pre_hook(remove_itself(0)))
        handles.append(module.register_forward_pre_hook(remove_itself(1)))
        attempt(lambda: [len(h.hooks_dict_ref()) for h in handles])
        attempt(lambda: handles[0].hooks_dict_ref() is module._forward_pre_hooks)
        attempt(lambda: module(T.zeros(2)))
        attempt(lambda: [(h.id in h.hooks_dict_ref(), len(h.hooks_dict_ref())) for h in handles])
    _same(scenario)


def test_old_style_backward_hook_errors_name_the_hook():
    def scenario(T: Any, attempt: Log) -> None:
        module = T.nn.Sigmoid()
        inp = T.ones(2, 2, requires_grad=True)

        def too_few(mod: Any, grad_input: Any, grad_output: Any) -> Any:
            return grad_input[:-1]

        def too_many(mod: Any, grad_input: Any, grad_output: Any) -> Any:
            return grad_input + (T.ones(2, 2),)

        for hook in (too_few, too_many):
            with module.register_backward_hook(hook):
                attempt(lambda: module(inp).sum().backward())
    _same(scenario)


# ---- state_dict hooks; conversions do not register buffers again -----------------------------
def test_load_state_dict_post_hook_that_returns_a_value_is_an_assertion_error():
    def scenario(T: Any, attempt: Log) -> None:
        m = T.nn.Linear(1, 1)
        m.register_load_state_dict_post_hook(lambda module, incompatible: 5)
        attempt(lambda: m.load_state_dict(m.state_dict()))
    _same(scenario)


def test_module_conversion_runs_no_buffer_registration_hooks():
    def scenario(T: Any, attempt: Log) -> None:
        seen: list[str] = []
        bn = T.nn.BatchNorm1d(2)
        handle = T.nn.modules.module.register_module_buffer_registration_hook(
            lambda module, name, buffer: seen.append(name))
        try:
            bn.double()
            bn.to(T.float32)
            bn.half()
            bn.type(T.float64)
        finally:
            handle.remove()
        attempt(lambda: seen)
        attempt(lambda: [(name, b) for name, b in bn.named_buffers()])
        attempt(lambda: list(bn.state_dict()))
    _same(scenario)


def test_parameters_of_a_module_whose_init_did_not_run_is_an_attribute_error():
    def scenario(T: Any, attempt: Log) -> None:
        class NoInit(T.nn.Module):
            def __init__(self) -> None:
                pass

        attempt(lambda: list(NoInit().parameters()))
        attempt(lambda: list(NoInit().named_buffers()))
    _same(scenario)


def test_unpickling_a_module_without_some_tables_recreates_them():
    import pickle

    def scenario(T: Any, attempt: Log) -> None:
        for container in (T.nn.ParameterList([T.nn.Parameter(T.ones(2))]),
                          T.nn.ParameterDict({"a": T.nn.Parameter(T.ones(2))}),
                          T.nn.Linear(2, 1)):
            del container._forward_pre_hooks, container._state_dict_hooks
            del container._load_state_dict_pre_hooks, container._non_persistent_buffers_set
            copy = pickle.loads(pickle.dumps(container))
            attempt(lambda copy=copy: (type(copy._forward_pre_hooks).__name__,
                                       copy._non_persistent_buffers_set, copy.training))
            attempt(lambda copy=copy: copy)
            attempt(lambda copy=copy: list(copy.state_dict()))
        linear = T.nn.Linear(2, 1)
        state = dict(vars(linear))
        del state["_forward_pre_hooks"], state["_is_full_backward_hook"]
        fresh = T.nn.Linear.__new__(T.nn.Linear)
        fresh.__setstate__(state)
        attempt(lambda: fresh(T.ones(2)).shape)
    _same(scenario)


@pytest.mark.parametrize("flag", [1, 0, None, "yes", 1.0])
def test_parameter_requires_grad_must_be_a_bool(flag: Any):
    def scenario(T: Any, attempt: Log) -> None:
        attempt(lambda: T.nn.Parameter(T.ones(1), flag))
        attempt(lambda: T.nn.Parameter(T.ones(1, dtype=T.int64), flag))
    _same(scenario)


def test_train_and_eval_call_each_childs_own_train():
    def scenario(T: Any, attempt: Log) -> None:
        calls: list[Any] = []

        class FrozenNorm(T.nn.BatchNorm1d):
            def train(self, mode: bool = True) -> Any:
                calls.append(("child train", mode))
                return super().train(False)

        class Net(T.nn.Module):
            def __init__(self) -> None:
                super().__init__()
                self.norm = FrozenNorm(2)
                self.linear = T.nn.Linear(2, 2)

        net = T.nn.Sequential(Net())
        net.train()
        attempt(lambda: [m.training for m in net.modules()])
        net.eval()
        attempt(lambda: [m.training for m in net.modules()])
        attempt(lambda: calls)
    _same(scenario)
