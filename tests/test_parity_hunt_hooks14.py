"""Hooks and custom Functions compared with PyTorch live: each scenario runs in both libraries
and what it shows (values to the bit, grad_fn names, hook calls in order, errors) must agree."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy
import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")


def _seen(value: Any) -> Any:
    """What a scenario shows, comparable across the two libraries."""
    if isinstance(value, (torch.Tensor, ak.Tensor)):
        data = numpy.asarray(value.detach().numpy())
        return ("tensor", str(value.dtype).split(".")[-1], tuple(value.shape), data.tobytes(),
                value.requires_grad, value.is_leaf,
                None if value.grad_fn is None else type(value.grad_fn).__name__)
    if isinstance(value, (list, tuple)):
        return tuple(_seen(v) for v in value)
    return value


def _run(scenario: Callable[[Any, Callable[[Any], None]], None], lib: Any) -> list[Any]:
    log: list[Any] = []
    try:
        scenario(lib, log.append)
    except Exception as error:  # (the error is part of what is compared)
        log.append((type(error).__name__, str(error).replace("autograd_kit", "torch")))
    return [_seen(v) for v in log]


def _same(scenario: Callable[[Any, Callable[[Any], None]], None]) -> None:
    assert _run(scenario, ak) == _run(scenario, torch)


def test_saved_tensor_hooks_put_on_later_pack_detached_data_without_recording():
    def scenario(T: Any, log: Callable[[Any], None]) -> None:
        x = T.tensor([1.0, 2.0], requires_grad=True)
        y = (x * 2).sin()
        y.grad_fn._raw_saved_self.register_hooks(
            lambda t: log(("pack", t, T.is_grad_enabled())) or t,
            lambda t: log(("unpack", t, T.is_grad_enabled())) or t)
        log(y.grad_fn._raw_saved_self.unpack())
        z = x.exp()
        z.grad_fn._raw_saved_result.register_hooks(
            lambda t: log(("pack out", t, T.is_grad_enabled())) or t, lambda t: t)
        (y.sum() + z.sum()).backward()
        log(x.grad)
    _same(scenario)


def test_raw_saved_unpack_needs_no_node():
    def scenario(T: Any, log: Callable[[Any], None]) -> None:
        x = T.tensor([1.0, 2.0], requires_grad=True)
        unpacked = x.sin().grad_fn._raw_saved_self.unpack()
        log(unpacked)
        log(unpacked is x)
        log((x * 2).exp().grad_fn._raw_saved_result.unpack())  # PyTorch: "detached in-place"
    _same(scenario)


@pytest.mark.parametrize("later", [False, True])
def test_a_leaf_saved_through_hooks_still_gets_double_backward_gradients(later):
    def scenario(T: Any, log: Callable[[Any], None]) -> None:
        x = T.tensor([1.0, 2.0], requires_grad=True)
        if later:
            y = x.pow(3)
            y.grad_fn._raw_saved_self.register_hooks(lambda t: t, lambda t: t)
        else:
            with T.autograd.graph.saved_tensors_hooks(lambda t: t * 1, lambda t: t):
                y = x.pow(3)
        g, = T.autograd.grad(y.sum(), x, create_graph=True)
        log(g)
        g.sum().backward()
        log(x.grad)
    _same(scenario)


@pytest.mark.parametrize("later", [False, True])
def test_a_pack_hook_may_not_change_its_input_in_place(later):
    def pack(t: Any) -> Any:
        t.mul_(2)
        return t

    def scenario(T: Any, log: Callable[[Any], None]) -> None:
        x = T.tensor([1.0, 2.0], requires_grad=True)
        if later:
            y = (x * 1).pow(2)
            y.grad_fn._raw_saved_self.register_hooks(pack, lambda t: t)
        else:
            with T.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
                y = (x * 1).pow(2)
        log(y)
    _same(scenario)


class _Saving:
    """A custom Function saving its input, a None and its output."""

    @staticmethod
    def make(T: Any) -> Any:
        class Fn(T.autograd.Function):
            @staticmethod
            def forward(ctx: Any, x: Any) -> Any:
                out = x * 2
                ctx.save_for_backward(x, None, out)
                ctx.foo = 3
                return out

            @staticmethod
            def backward(ctx: Any, g: Any) -> Any:
                return g * 2
        return Fn


def test_custom_function_node_has_raw_saved_tensors_and_no_saved_attributes():
    def scenario(T: Any, log: Callable[[Any], None]) -> None:
        x = T.tensor([1.0, 2.0], requires_grad=True)
        y = _Saving.make(T).apply(x)
        raws = y.grad_fn._raw_saved_tensors
        log((type(raws).__name__, len(raws), type(raws[0]).__name__, type(raws[1]).__name__))
        log(raws[0].unpack() is x)
        log(raws[1].unpack())
        raws[0].register_hooks(lambda t: log(("pack", t)) or t, lambda t: log(("unpack", t)) or t)
        for attribute in ("_saved_foo", "_saved_self", "_raw_saved_self", "_saved_result"):
            log(hasattr(y.grad_fn, attribute))
        try:
            raws[1].register_hooks(lambda t: t, lambda t: t)
        except RuntimeError as error:
            log(str(error))
        y.sum().backward()
        log(x.grad)
        log(y.grad_fn._raw_saved_tensors)  # freed: an error
    _same(scenario)


def test_saved_tensors_hooks_refuse_what_is_not_callable_on_entering():
    def scenario(T: Any, log: Callable[[Any], None]) -> None:
        hooks = T.autograd.graph.saved_tensors_hooks(1, "a")
        log("made")
        with hooks:
            log("entered")
    _same(scenario)


def test_anomaly_mode_checks_what_a_node_hook_sends_on():
    def scenario(T: Any, log: Callable[[Any], None]) -> None:
        x = T.tensor([1.0, 2.0], requires_grad=True)
        with pytest.warns(UserWarning), T.autograd.detect_anomaly():
            y = x * 2
            y.grad_fn.register_hook(lambda gi, go: (gi[0] * float("nan"), None))
            try:
                y.sum().backward()
            except RuntimeError as error:
                log(str(error))
        log(x.grad)
    _same(scenario)


def test_global_registration_hooks_see_and_replace_what_modules_register():
    def scenario(T: Any, log: Callable[[Any], None]) -> None:
        home = T.nn.modules.module

        def param_hook(mod: Any, name: str, p: Any) -> Any:
            log(("param", type(mod).__name__, name, None if p is None else tuple(p.shape)))
            return T.nn.Parameter(T.zeros(3)) if name == "swap" else None

        def buffer_hook(mod: Any, name: str, b: Any) -> Any:
            log(("buffer", type(mod).__name__, name, None if b is None else tuple(b.shape)))
            return T.ones(4) if name == "swap" else None

        def module_hook(mod: Any, name: str, sub: Any) -> Any:
            log(("module", type(mod).__name__, name, type(sub).__name__))
            return T.nn.Tanh() if name == "swap_module" else None

        handles = [home.register_module_parameter_registration_hook(param_hook),
                   home.register_module_buffer_registration_hook(buffer_hook),
                   home.register_module_module_registration_hook(module_hook)]
        try:
            T.manual_seed(0)
            T.nn.Sequential(T.nn.Linear(2, 1), T.nn.BatchNorm1d(1))
            m = T.nn.Module()
            m.swap = T.nn.Parameter(T.ones(1))
            m.register_parameter("none", None)
            m.register_buffer("swap_buffer", None)
            m.register_buffer("b", T.ones(2))
            m.b = T.zeros(2)
            m.swap_module = T.nn.Linear(1, 1)
            m.swap_module = None
            m.add_module("other", T.nn.ReLU())
            log((m.swap, m.b, type(m.swap_module).__name__))
        finally:
            for handle in handles:
                handle.remove()
        T.nn.Linear(1, 1)  # (removed: no more calls)
    _same(scenario)
    assert "register_module_buffer_registration_hook" in ak.nn.modules.module.__all__


def test_saving_a_tensor_with_hooks_warns_unless_they_are_marked_unserializable():
    import io
    import warnings

    def scenario(T: Any, log: Callable[[Any], None]) -> None:
        x = T.tensor([1.0, 2.0], requires_grad=True)

        def myhook(g: Any) -> Any:
            return g

        x.register_hook(myhook)
        x.register_hook(T.utils.hooks.unserializable_hook(lambda g: g))
        y = x * 2
        y.register_hook(myhook)
        p = T.nn.Parameter(T.ones(1))
        p.register_hook(myhook)
        for obj in (x, y, p, {"a": x}, T.ones(1)):
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                T.save(obj, io.BytesIO())
            log([str(w.message).replace(repr(myhook), "HOOK").replace("autograd_kit", "torch")
                 for w in caught])
    _same(scenario)


class _CallableHook:
    """A hook without ``__name__``: PyTorch's errors call it '<unknown>'."""

    def __call__(self, *grads: Any) -> Any:
        return grads[0].double() if len(grads) == 1 else (grads[0][0],) * 3


@pytest.mark.parametrize("where", ["tensor", "node", "partial"])
def test_a_hook_without_a_name_is_unknown_in_errors(where):
    import functools

    def scenario(T: Any, log: Callable[[Any], None]) -> None:
        x = T.tensor([1.0, 2.0], requires_grad=True)
        y = x * 2
        if where == "tensor":
            y.register_hook(_CallableHook())
        elif where == "node":
            y.grad_fn.register_hook(_CallableHook())
        else:
            y.register_hook(functools.partial(lambda g, k: T.ones(3), k=1))
        y.sum().backward()
    _same(scenario)


@pytest.mark.parametrize("case", ["unused input", "replace unused input", "unused output",
                                  "replace unused output"])
def test_module_backward_hooks_with_an_unused_input_or_output(case):
    def scenario(T: Any, log: Callable[[Any], None]) -> None:
        class Module(T.nn.Module):
            def forward(self, a: Any, b: Any) -> Any:
                q = b * 3
                q.register_hook(lambda g: log(("inner", g)))
                return a * 2, q

        m = Module()
        if case == "replace unused input":
            m.register_full_backward_hook(lambda mod, gi, go: (gi[0], T.ones(2)))
        elif case == "replace unused output":
            m.register_full_backward_pre_hook(lambda mod, go: (go[0], T.ones(2)))
        else:
            m.register_full_backward_pre_hook(lambda mod, go: log(("pre", go)))
            m.register_full_backward_hook(lambda mod, gi, go: log(("hook", gi, go)))
        x = T.tensor([1.0, 2.0], requires_grad=True)
        y = T.tensor([3.0, 4.0], requires_grad=True)
        p, q = m(x, y)
        p.sum().backward()  # (q, and so b, unused)
        log(x.grad)
        log(y.grad)
    _same(scenario)
