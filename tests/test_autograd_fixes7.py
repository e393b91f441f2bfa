"""Kit-only checks of the seventh round of autograd fixes (the PyTorch behaviour each one
matches was observed with PyTorch 2.x and is written out here)."""

from __future__ import annotations

import pytest

import autograd_kit as ak

INFERENCE_REFUSED = "Inplace update to inference tensor outside InferenceMode is not allowed"


def test_inference_tensor_changed_in_place_outside_the_mode_is_written_then_refused():
    with ak.inference_mode():
        y = ak.ones(2)
        big = ak.ones(2, 2)
    with pytest.raises(RuntimeError, match=INFERENCE_REFUSED):
        y.add_(1)
    assert y.tolist() == [2.0, 2.0]
    with pytest.raises(RuntimeError, match=INFERENCE_REFUSED):
        y.mul_(ak.ones(2, requires_grad=True))
    assert y.tolist() == [2.0, 2.0] and not y.requires_grad and y.grad_fn is None
    with pytest.raises(RuntimeError, match=INFERENCE_REFUSED):
        big[0] = 5
    assert big.tolist() == [[5.0, 5.0], [1.0, 1.0]]
    with pytest.raises(RuntimeError, match=INFERENCE_REFUSED):
        big[1] = ak.zeros(2, requires_grad=True)  # written too (PyTorch 2.13)
    assert big.tolist() == [[5.0, 5.0], [0.0, 0.0]]
    with pytest.raises(RuntimeError, match="The size of tensor a"):
        y.add_(ak.ones(3))  # the op's own error comes first
    with pytest.raises(RuntimeError, match=INFERENCE_REFUSED):
        y.unsqueeze_(0)
    assert y.shape == (1, 2)


def _version_error(make):
    """The in-place error of a backward after both inputs of ``make(a, b)`` changed."""
    a = ak.tensor([1.5, 2.5], requires_grad=True) * 1
    b = ak.tensor([0.5, 3.0], requires_grad=True) * 1
    out = make(a, b)
    a.add_(1)
    b.mul_(2)
    with pytest.raises(RuntimeError) as caught:
        out.sum().backward()
    return str(caught.value)


def test_the_in_place_error_names_the_saved_tensor_pytorch_unpacks_first():
    assert "which is output 0 of Mul," in _version_error(lambda a, b: a * b)  # other first
    assert "which is output 0 of Mul," in _version_error(lambda a, b: a / b)
    assert "which is output 0 of Add," in _version_error(ak.dot)  # self first
    assert "which is output 0 of Add," in _version_error(ak.nn.functional.mse_loss)
    assert "which is output 0 of Add," in _version_error(lambda a, b: ak.addcmul(a, a, b))
    a = ak.tensor([1.0, 2.0], requires_grad=True) + 0
    b = a[0] * a  # other (a, changed by CopySlices) is checked before self (a view)
    a[1] = 5
    with pytest.raises(RuntimeError, match=r"\[autograd_kit.FloatTensor \[2\]\], which is "
                                           "output 0 of torch::autograd::CopySlices,"):
        b.sum().backward()


def test_saved_tensor_hooks_pack_and_unpack_in_pytorchs_order():
    seen = []
    x = ak.tensor([1.5, 2.5], requires_grad=True)
    w = ak.tensor([0.5, 3.0], requires_grad=True)
    v = ak.tensor([0.25, 0.75], requires_grad=True)

    def order(make):
        seen.clear()
        with ak.autograd.graph.saved_tensors_hooks(
                lambda t: seen.append(("pack", t.sum().item())) or t,
                lambda t: seen.append(("unpack", t.sum().item())) or t):
            y = make()
        y.sum().backward()
        return seen[:]

    assert order(lambda: x * w) == [("pack", 3.5), ("pack", 4.0), ("unpack", 3.5),
                                    ("unpack", 4.0)]
    assert order(lambda: ak.dot(x, w)) == [("pack", 4.0), ("pack", 3.5), ("unpack", 4.0),
                                           ("unpack", 3.5)]
    assert [s for _, s in order(lambda: ak.lerp(x, w, v))] == [3.5, 4.0, 1.0] * 2


def test_a_changed_bool_tensor_is_named_by_its_type_in_the_in_place_error():
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    m = ak.tensor([True, False])
    y = x.masked_fill(m, 0.0)
    m[0] = False
    with pytest.raises(RuntimeError, match=r"inplace operation: \[CPUBoolType \[2\]\] is at "
                                           "version 1; expected version 0 instead"):
        y.sum().backward()


@pytest.mark.parametrize("always, expected", [(False, [1, 0]), (True, [1, 1])])
def test_backward_with_create_graph_warns_once_per_process(monkeypatch, always, expected):
    """Once per process (PyTorch's TORCH_WARN_ONCE), every time under set_warn_always."""
    import warnings

    from autograd_kit import scalar_warning

    monkeypatch.setattr(scalar_warning, "_given", set())  # (as in a new process)
    counts = []
    ak.set_warn_always(always)
    try:
        for _ in range(2):
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                x = ak.tensor(3.0, requires_grad=True)
                (x**2).backward(create_graph=True)
            counts.append(sum("reference cycle" in str(w.message) for w in caught))
    finally:
        ak.set_warn_always(False)
    assert counts == expected


def test_a_saved_tensor_with_hooks_is_used_unchecked_after_an_in_place_change():
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    with ak.autograd.graph.saved_tensors_hooks(lambda t: t, lambda t: t):
        y = x * 1
        z = y * y
    y.add_(1)  # PyTorch checks no version when an unpack hook gives the value back
    z.sum().backward()
    assert x.grad.tolist() == [4.0, 6.0]
    x.grad = None
    with ak.autograd.graph.saved_tensors_hooks(lambda t: t.clone(), lambda t: t):
        y = x * 1
        z = y * y
    y.add_(1)
    z.sum().backward()
    assert x.grad.tolist() == [2.0, 4.0]


def test_allow_mutation_on_saved_tensors_uses_the_values_from_when_they_were_saved():
    graph = ak.autograd.graph
    with graph.allow_mutation_on_saved_tensors() as ctx:
        a = ak.ones(2, 3, requires_grad=True)
        b = a.clone()
        out = (b**2).sum()
        b.sin_()
        out.backward()
        assert a.grad.tolist() == [[2.0] * 3] * 2
        assert type(ctx).__name__ == "_AllowMutationOnSavedContext"
        with pytest.raises(RuntimeError, match="contexts cannot be nested"):
            with graph.allow_mutation_on_saved_tensors():
                pass
    with graph.allow_mutation_on_saved_tensors():
        x = ak.tensor([1.0, 2.0], requires_grad=True)
        y = x.exp()
        y.mul_(2)
        y.sum().backward()
        assert x.grad.tolist() == pytest.approx([5.43656, 14.77811], rel=1e-5)
        z = x.exp() * x
    with pytest.raises(AssertionError, match=r"^Trying to backward outside of the "
                       r"'allow_mutation_on_saved_tensors' contextin which the graph"):
        z.sum().backward()


def test_vmap_refuses_an_in_dim_outside_the_input():
    for dim, x in [(0, ak.tensor(1.0)), (2, ak.ones(2, 2)), (-3, ak.ones(2, 2))]:
        with pytest.raises(ValueError, match=rf"Got in_dim={dim} for some input, but that input "
                           rf"is a Tensor of dimensionality {x.dim()} so expected in_dim to "
                           rf"satisfy -{x.dim()} <= in_dim < {x.dim()}\."):
            ak.func.vmap(lambda t: t * 2, in_dims=dim)(x)
    assert ak.func.vmap(lambda t: t.sum(), in_dims=-1)(ak.ones(2, 3)).tolist() == [2.0] * 3


def test_linearize_gives_the_output_and_a_jvp_function():
    out, jvp_fn = ak.func.linearize(ak.sin, ak.tensor([1.0, 2.0]))
    assert out.tolist() == pytest.approx([0.841471, 0.909297], rel=1e-5)
    assert jvp_fn(ak.ones(2)).tolist() == pytest.approx([0.540302, -0.416147], rel=1e-5)
    with pytest.raises(RuntimeError, match=r"tangent:0 with shape autograd_kit.Size\(\[3\]\) in "
                       "flattened pytree doesn't match the shape"):
        jvp_fn(ak.ones(3))
    out, jvp_fn = ak.func.linearize(lambda x, y: (x * y, x + y), ak.tensor([1.0, 2.0]),
                                    ak.tensor([3.0, 4.0]))
    assert [t.tolist() for t in jvp_fn(ak.ones(2), ak.zeros(2))] == [[3.0, 4.0], [1.0, 1.0]]
    with pytest.raises(RuntimeError, match="Expected the tangents TreeSpec"):
        jvp_fn(ak.ones(2))


def test_functional_call_puts_the_parameters_back():
    m = ak.nn.Linear(2, 1)
    weight = m.weight
    out = ak.func.functional_call(m, {"weight": ak.ones(1, 2), "bias": ak.zeros(1)},
                                  ak.tensor([1.0, 2.0]))
    assert out.tolist() == [3.0]
    assert m.weight is weight and type(m.weight).__name__ == "Parameter"
    assert "weight" in m._parameters and "weight" not in vars(m)


def test_gradgradcheck_checks_the_grad_outputs_too_as_pytorch():
    class ThirdPower(ak.autograd.Function):  # its backward is not differentiable in x
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x**3

        @staticmethod
        def backward(ctx, g):
            (x,) = ctx.saved_tensors
            return g * 3 * x.detach() ** 2

    x = ak.tensor([1.0, 2.0], dtype=ak.float64, requires_grad=True)
    assert ak.autograd.gradcheck(ThirdPower.apply, (x,))
    ak.manual_seed(0)  # v is drawn like PyTorch's: make_tensor in [-1, 1)
    with pytest.raises(RuntimeError,  # (GradcheckError)
                       match=r"Jacobian mismatch for output 0 with respect to input 0,\nnumerical:"
                  r"tensor\(\[\[5.6406, 0.0000\],"):
        ak.autograd.gradgradcheck(ThirdPower.apply, (x,))
    assert ak.autograd.gradgradcheck(lambda a, b: a * b.sin(), (x, x.detach() + 1))


def test_gradcheck_refuses_a_non_tensor_output_as_pytorch():
    x = ak.tensor([1.0, 2.0], dtype=ak.float64, requires_grad=True)
    with pytest.raises(AttributeError, match="'float' object has no attribute 'requires_grad'"):
        ak.autograd.gradcheck(lambda a: a.sum().item(), (x,))
    with pytest.raises(AttributeError, match="'int' object has no attribute 'requires_grad'"):
        ak.autograd.gradcheck(lambda a: (a * 2, 3), (x,))
    assert ak.autograd.gradcheck(lambda a: [a * 2, a.detach()], (x,))


def test_gradcheck_fast_mode_compares_v_j_u_then_shows_the_slow_jacobians():
    class Half(ak.autograd.Function):  # d(x²)/dx given as x: half the truth
        @staticmethod
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x**2

        @staticmethod
        def backward(ctx, g):
            (x,) = ctx.saved_tensors
            return g * x

    x = ak.tensor([1.0, 2.0], dtype=ak.float64, requires_grad=True)
    with pytest.raises(RuntimeError) as caught:
        ak.autograd.gradcheck(Half.apply, (x,), fast_mode=True)
    text = str(caught.value)
    # PyTorch's numbers: u and v come from a fresh Generator (its default seed)
    assert text.startswith("Jacobian mismatch for output 0 with respect to input 0,\n"
                           "numerical:3.3147731476242064\nanalytical:1.6573865738089877\n")
    assert "computed \nin fast mode." in text
    assert "The max per-element difference (slow mode) is: 2.0000000001150227.\n" in text
    assert ak.autograd.gradcheck(lambda m: (m.exp() * m).tanh(), (x,), fast_mode=True)


def test_backward_gives_inf_without_numpy_warnings():
    import warnings

    x = ak.tensor([0.0, 1.0], requires_grad=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        x.sqrt().sum().backward()  # 1 / (2·sqrt(0)) = inf, silently as in PyTorch
        (g,) = ak.autograd.grad(x.sqrt().sum(), x)
    assert [str(w.message) for w in caught] == []
    assert x.grad.tolist() == [float("inf"), 0.5] and g.tolist() == [float("inf"), 0.5]


def _sin_function(setup_context: bool, **rules):
    """A custom sin, written with or without setup_context, with extra class attributes."""
    if setup_context:
        body = {
            "forward": staticmethod(lambda x: x.sin()),
            "setup_context": staticmethod(lambda ctx, inputs, output:
                                          ctx.save_for_backward(inputs[0])),
        }
    else:
        def forward(ctx, x):
            ctx.save_for_backward(x)
            return x.sin()
        body = {"forward": staticmethod(forward)}
    body["backward"] = staticmethod(lambda ctx, g: g * ctx.saved_tensors[0].cos())
    body.update(rules)
    return type("MySin", (ak.autograd.Function,), body)


def test_custom_functions_inside_func_transforms_follow_pytorchs_rules():
    x = ak.tensor([0.0, 1.0])
    old, new = _sin_function(False), _sin_function(True)
    with pytest.raises(RuntimeError, match=r"^In order to use an autograd.Function with "
                       r"functorch transforms \(vmap, grad, jvp, jacrev, ...\), it must override "
                       "the setup_context staticmethod"):
        ak.func.grad(lambda t: old.apply(t).sum())(x)
    assert old.apply(x).tolist() == new.apply(x).tolist()  # outside transforms: fine
    assert ak.func.grad(lambda t: new.apply(t).sum())(x).tolist() == pytest.approx(
        [1.0, 0.540302], rel=1e-5)
    assert ak.func.jacrev(new.apply)(x).shape == (2, 2)
    for transform in (lambda: ak.func.vmap(new.apply)(x), lambda: ak.func.jacfwd(new.apply)(x)):
        with pytest.raises(RuntimeError, match="^You tried to vmap over MySin, but it does not "
                           "have vmap support"):
            transform()
    assert ak.func.vmap(_sin_function(True, generate_vmap_rule=True).apply)(x).shape == (2,)
    with pytest.raises(NotImplementedError, match="^You must implement the jvp function"):
        ak.func.jvp(new.apply, (x,), (x,))
    with_jvp = _sin_function(True, jvp=staticmethod(lambda ctx, t: t))  # its jvp is used
    assert ak.func.jvp(with_jvp.apply, (x,), (ak.ones(2),))[1].tolist() == [1.0, 1.0]


def test_a_hooked_saved_input_comes_back_as_a_new_tensor_with_its_grad_fn_from_saving():
    x = ak.tensor([1.0, 2.0], requires_grad=True)
    with ak.autograd.graph.saved_tensors_hooks(lambda t: t, lambda t: t):
        y = x * 1
        z = y * y
    saved = z.grad_fn._saved_self
    assert saved is not y and saved.grad_fn is y.grad_fn  # a new tensor, as PyTorch's
    y.add_(1)
    assert z.grad_fn._saved_self.grad_fn.name() == "MulBackward0"  # not y's AddBackward0
    assert z.grad_fn._saved_self.tolist() == [2.0, 3.0]
    with ak.autograd.graph.saved_tensors_hooks(lambda t: t, lambda t: t):
        y = x * 1
        loss = (y * y).sum()
    (g,) = ak.autograd.grad(loss, x, create_graph=True)
    g.sum().backward()  # the second derivative still reaches x
    assert x.grad.tolist() == [2.0, 2.0]

