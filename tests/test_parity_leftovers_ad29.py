"""Live comparison with PyTorch: leftovers found by round 28's helpers (in-place and out=
operations that read, with gaps, memory they write; …)."""

import pytest
from parity_harness import assert_same, error_of

import autograd_kit as ak

torch = pytest.importorskip("torch")


def _same(code: str) -> None:
    assert_same(torch, ak, code)


@pytest.mark.parametrize("code", [
    "a[::2].add_(a[:3], alpha=2)", "a[::2].sub_(a[:3], alpha=3)", "a[::2].clamp_(max=a[:3])",
    "a[::2].clamp_(min=a[:3] - 1, max=a[1:4])", "a[::2].lerp_(a[:3], 0.5)",
    "a[::2].lerp_(T.zeros(3), a[:3])", "a[::2].addcmul_(a[:3], a[:3])",
    "a[::2].addcmul_(a[:3], T.ones(3), value=2)", "a[::2].addcdiv_(T.ones(3), a[:3] + 1)",
    "a[::2].atan2_(a[:3])", "a[::2].hypot_(a[:3])", "a[::2].pow_(a[:3])",
    "a.view(3, 3)[:, ::2].add_(a.view(3, 3)[:, :2], alpha=-1)",
    "a[::2].add_(a[2], alpha=2)", "a[::2].lerp_(a[4], 0.5)",
])
def test_elementwise_in_place_reading_what_it_writes_goes_in_memory_order(code):
    _same(f"a = T.arange(1., 10.); {code}; out.append(a)")


@pytest.mark.parametrize("code", [
    "a[::2].add_(a[:3], alpha=2)", "a[::2].lerp_(a[:3], 0.5)", "a[::2] += a[:3]",
    "a[::2].addcdiv_(a[:3], T.ones(3))", "a[::2].clamp_(max=a[:3])", "a[::2].copy_(a[:3])",
    "a[::2] = a[:3]", "a[::2].addcmul_(a[:3], a[:3])",
])
def test_recorded_in_place_reading_what_it_writes_goes_in_memory_order(code):
    _same(f"x = T.arange(5., requires_grad=True); a = x * 1; {code}; out.append(a)\n"
          "a.sum().backward(); out.append(x.grad)")


@pytest.mark.parametrize("code", [
    "T.add(a[::2], a[:3], alpha=2, out=a[::2])", "T.clamp(a[:3], min=1, out=a[::2])",
    "T.lerp(a[:3], T.zeros(3), 0.5, out=a[::2])", "T.addcdiv(a[:3], a[:3], a[:3] + 1, out=a[::2])",
    "T.neg(a[:3], out=a[::2])", "T.sigmoid(a[:3], out=a[::2])", "T.mul(a[:3], a[1:4], out=a[::2])",
    "T.exp(a[:3], out=a[::2])", "T.sqrt(a[:3], out=a[::2])",
])
def test_out_reading_what_it_writes_goes_in_pytorchs_order(code):
    _same(f"a = T.arange(5.); {code}; out.append(a)")


@pytest.mark.parametrize("code", [
    "t = T.ones(1)", "t = T.ones(2, requires_grad=True) * 2", "t = T.nn.Parameter(T.ones(1))",
    "t = T.ones(1); t.foo = 3", "t = T.ones(1); t.__dict__['x'] = 1; out.append(t.x)",
    "t = T.ones(1); t.__dict__.update(a=1, b=2); del t.__dict__['a']; out.append(hasattr(t, 'a'))",
    "import copy; t = T.ones(1); t.foo = [1]; t = copy.deepcopy(t)",
    "t = T.ones(1)[0]; out.append(type(t.__dict__))",
])
def test_vars_of_a_tensor_lists_only_what_the_learner_set(code):
    _same(f"{code}; out.append(vars(t)); out.append(t.__dict__)")


@pytest.mark.parametrize("read", ["ctx.materialize_grads", "getattr(ctx, 'materialize_grads')"])
def test_reading_ctx_materialize_grads_gives_pytorchs_error(read):
    _same(f"""
class Two(T.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.set_materialize_grads(False)
        out.append({read})
        return x * 2
    @staticmethod
    def backward(ctx, g):
        return g * 2
Two.apply(T.ones(1, requires_grad=True))
""")


@pytest.mark.parametrize("code", [
    "x = T.zeros(0); out.append(x.index_fill_(0, T.tensor([0, 1]), 1.))",
    "x = T.zeros(4, 0, 3); out.append(x.index_fill_(1, T.tensor([0, 2]), 1.))",
    "x = T.zeros(0, dtype=T.float64); out.append(x.index_fill(0, T.tensor([0]), T.tensor(1.)))",
    "x = T.zeros(0, 3); out.append(x.index_fill_(1, T.tensor([7]), 1.))",
    "x = T.zeros(5)[2:2]; out.append(x.index_fill_(0, T.tensor([0]), 1.))",
    "x = T.zeros(0, 2); out.append(x.index_copy_(0, T.tensor([3]), T.zeros(1, 2)))",
    "x = T.zeros(3, 0); out.append(x.index_copy_(0, T.tensor([7]), T.zeros(1, 0)))",
    "x = T.zeros(3, 0); out.append(T.index_copy(x, 0, T.tensor([-9]), T.zeros(1, 0)))",
    "x = T.zeros(3, 2); out.append(x.index_copy_(0, T.tensor([7]), T.zeros(1, 2)))",
    "x = T.zeros(3, 0); out.append(x.index_select(0, T.tensor([1, 5])))",
    "x = T.zeros(2, 0, 3); out.append(x.index_select(0, T.tensor([-5])))",
    "x = T.zeros(0); out.append(x.index_select(0, T.tensor([0])))",
    """x = T.zeros(0, 3, requires_grad=True); y = x.index_fill(1, T.tensor([7]), 2.)
y.sum().backward(); out.append(x.grad)""",
    """x = T.zeros(3, 0, requires_grad=True); s = T.zeros(1, 0, requires_grad=True)
y = x.index_copy(0, T.tensor([7]), s); out.append(y); y.sum().backward()""",
])
def test_index_fill_copy_select_on_tensors_without_elements(code):
    _same(code)


@pytest.mark.parametrize("call", [
    "T.ones(2).eq(other='a')", "T.ones(2).pow(exponent='a')", "T.ones(2).lt(other=None)",
    "T.ones(2).masked_fill(value='a', mask=T.ones(2) > 0)",
    "T.ones(2).masked_fill(mask='a', value=1.)", "T.full(fill_value='a', size=(2,))",
    "T.full(size=(2,), fill_value='a')", "T.arange(end='a')", "T.arange(start=0, end='a')",
    "T.arange(0, end='a', step=1)", "T.arange(start='a', end=3)",
])
def test_error_listings_name_the_arguments_given_by_name(call):
    _same(call)


@pytest.mark.parametrize("code", [
    "v = T.zeros(3).view(1, 3); v[:1] += w[:1]", "v = T.zeros(6).view(2, 3); v[...] += w",
    "v = T.zeros(6).view(2, 3)[0]; v[:] += w",
    "b = T.zeros(3); v = b.view(1, 3); b += w; v.add_(1)",
    "v = T.zeros(3).view(1, 3); t = v[:1]; t += w; v.zero_()",
    "v = T.zeros(3).view(1, 3); t = v[:1]; t += w; v[:1] = 5.",
    "v = T.zeros(3).view(1, 3); t = v[:1]; t += w; v[0, 0] = 1.; out.append(v)",
    "v = T.zeros(3).view(1, 3); t = v[:1]; t += w; v.grad_fn; v[:1] = t; out.append(v)",
    "v = T.zeros(3).view(1, 3); t = v[:1]; t += w; y = v * 2; v.add_(1); out.append(v)",
    "b = T.zeros(3); v = b.view(1, 3); b += w; v[:1] += 1; out.append((v, b))",
    "v = T.zeros(6).view(2, 3); v[1:] += w; out.append(v)",
])
def test_view_written_before_pytorch_makes_its_node_is_a_leaf_to_in_place_checks(code):
    _same(f"w = T.ones(3, requires_grad=True); {code}")


@pytest.mark.parametrize("code", [
    "T.nn.Unflatten(1, (-1, -1))(T.ones(2, 6))", "T.ones(2, 6).unflatten(1, (-1, -1))",
    "T.ones(2, 0).unflatten(1, (-1, 0))", "T.ones(2, 6).unflatten(1, (3, -2))",
    "T.ones(2, 6).unflatten(-1, (5, -1))", "T.ones(2, 6).unflatten(1, (-1, 0))",
    "T.ones(2, 6).unflatten(1, (2, 2))",
])
def test_unflatten_errors_are_pytorchs_less_its_cpp_stack(code):
    kind, message = error_of(lambda: eval(code, {"T": torch}))
    expected = (kind, message.partition("\nException raised from")[0])
    assert error_of(lambda: eval(code, {"T": ak})) == expected


@pytest.mark.parametrize("code", [
    """for step in range(2):
    loss = (w * 2).sum(); loss.backward(); out.append(w.grad)
    w.data = T.zeros(3); w.grad = None""",
    "loss = (w * 2).sum(); w.data = T.zeros(1); (w * 2).sum().backward(); out.append(w.grad)",
    "loss = (w * 2).sum(); w.data = T.zeros(2, 2); (w * 2).sum().backward(); out.append(w.grad)",
    "loss = (w * 2).sum(); w.data = T.zeros(3); w.sum().backward()",
    "loss = (w * 2).sum(); w.data = T.zeros(3); out.append(T.autograd.grad((w * 2).sum(), w))",
    "loss = (w * 2).sum(); w.data = T.zeros(3, dtype=T.float64); (w * 2).sum().backward()",
    "w.data = T.zeros(3); (w * 2).sum().backward(); out.append(w.grad)",
    "y = w * 2; w.data = T.zeros(3); y.sum().backward(); out.append(w.grad)",
])
def test_leaf_data_of_another_shape_is_checked_against_its_accumulate_grad(code):
    _same(f"w = T.tensor([1., 2.], requires_grad=True)\n{code}")


@pytest.mark.parametrize("call", [
    "T.linspace(0, None, 3)", "T.linspace(0, 'a', 3)", "T.linspace('a', 1, 3)",
    "T.logspace(0, 'a', 3)", "T.logspace(None, 1, 3)", "T.linspace(start=0, end='a', steps=3)",
    "T.linspace(True, 3, 3)", "T.linspace(T.tensor(0.), 1, 3)",
])
def test_linspace_and_logspace_ends_must_be_tensors_or_numbers(call):
    _same(f"out.append({call})")
