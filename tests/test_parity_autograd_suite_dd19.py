"""Scenarios harvested from PyTorch's own test/test_autograd.py (hooks, saved tensors, custom
Functions, grad modes, views changed in place), run with the kit and with PyTorch live: what
each snippet leaves in ``out`` (values, grads, hook calls, errors) must agree."""

from __future__ import annotations

import pytest

import autograd_kit as ak
from tests.parity_harness import assert_same

torch = pytest.importorskip("torch")


def test_a_hook_added_to_a_view_whose_base_changed_goes_to_its_old_node() -> None:
    # test_tensor_hooks_inplace_over_view: PyTorch files a tensor's hooks with the node it had
    # at its first hook; until the view's grad_fn is read again, more hooks join that node
    assert_same(torch, ak, """
calls = []
for read_grad_fn in (False, True):
    base = T.tensor([1.], requires_grad=True).clone()
    v, v2 = base[:], base[:]
    v.register_hook(lambda g: calls.append(('v', g)))
    v2.register_hook(lambda g: calls.append(('v2', g)))
    v.mul_(2)
    if read_grad_fn:
        v2.grad_fn
    v2.register_hook(lambda g: calls.append(('v2 again', g)))
    (v + v2).sum().backward()
    out.append((read_grad_fn, calls[:], base.grad))
    calls.clear()
""")


@pytest.mark.parametrize("op", ["relu_()", "exp_()", "sigmoid_()", "tanh_()", "sqrt_()"])
@pytest.mark.parametrize("view", ["b[1:]", "b.view(2, 2)", "b[::2]", "b.t()", "b[0]"])
def test_double_backward_through_a_view_changed_by_an_op_saving_its_output(op: str,
                                                                          view: str) -> None:
    # test_inplace_on_view_backward: the saved output of y.relu_() (y a view) unpacks with the
    # view's new history (AsStrided of the base's CopySlices), not the op's own node, so the
    # second backward does not run that node twice (the kit said 'backward through the graph
    # a second time')
    assert_same(torch, ak, f"""
x = T.tensor([[1.0, -2.0], [3.0, 0.5]], requires_grad=True)
b = x * 2
y = {view}
y.{op}
(g,) = T.autograd.grad((y.pow(2) * 1.5).sum() + b.sum(), [x], create_graph=True)
out.append(g)
out.append(T.autograd.grad((g * g).sum(), [x]))
""")


def test_double_backward_through_instance_norm_and_an_in_place_relu() -> None:
    # test_inplace_on_view_backward (issue #10532 and the threshold_ case)
    assert_same(torch, ak, """
net = T.nn.Sequential(T.nn.InstanceNorm2d(1), T.nn.ReLU(True))
x = T.tensor([[[[1.0, 2.0]]]], requires_grad=True)
(g,) = T.autograd.grad(net(x).pow(2), [x], grad_outputs=x.new_ones(x.shape), create_graph=True)
out.append(g)
out.append(T.autograd.grad(g.sum(), [x]))
inputs = T.ones((1, 2, 3, 3), requires_grad=True)
t = T.nn.functional.threshold((inputs + 1).view_as(inputs), 0.0, 0.0, True)
p = T.sigmoid(t)
(gr,) = T.autograd.grad(p, inputs, grad_outputs=T.ones(p.size()), create_graph=True)
gr.sum().backward()
out.append(inputs.grad.sum())
""")


def _anomaly_warnings(lib, code: str) -> list[str]:
    """The first line of each warning ``code`` raises (no file paths), and its error."""
    import warnings

    seen = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            exec(code, {"T": lib})
        except RuntimeError as error:
            seen.append(str(error)[:60])
    words = [str(w.message).split("\n")[0].split(" (Triggered internally")[0] for w in caught]
    return seen + words


@pytest.mark.parametrize("code", [
    """
class MyFunc(T.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x.sum(0, keepdim=True)
    @staticmethod
    def backward(ctx, g):
        g = g.clone().expand(3)
        g[0] = 0
        g[0] /= 0
        return g
out = MyFunc.apply(T.ones(3, requires_grad=True))
with T.autograd.detect_anomaly():
    out.backward()
""", """
a = T.ones(5, requires_grad=True)
d1 = a + 1
d2 = d1 ** 2
d1 += 1
with T.autograd.detect_anomaly():
    T.autograd.grad(d2.sum(), a)
"""])
def test_anomaly_mode_names_a_node_made_before_it_was_on(code: str) -> None:
    # test_anomaly_detect_nan / test_anomaly_grad_warnings: a node recorded outside anomaly
    # mode has 'No forward pass information available' (the kit printed an empty traceback)
    assert _anomaly_warnings(ak, code) == _anomaly_warnings(torch, code)


def test_pdist_node_shows_p_and_refuses_a_double_backward() -> None:
    # test_grad_fn_attr_bindings: PdistBackward0 shows _saved_p (a float) and _saved_self;
    # PyTorch's _pdist_backward has no derivative (the kit computed a second derivative)
    assert_same(torch, ak, """
a = T.tensor([[1., 2.], [0., 5.], [3., 3.]], requires_grad=True)
for p in (1, 2, 3.5, 0, float('inf')):
    o = T.pdist(a, p=p)
    node = o.grad_fn
    out.append((o, node._saved_p, type(node._saved_p).__name__, node._saved_self is a))
    (g,) = T.autograd.grad(o.sum(), a, create_graph=True)
    out.append(g)
    try:
        T.autograd.grad(g.pow(2).sum(), a)
    except NotImplementedError as error:
        out.append(error)
""")


@pytest.mark.parametrize("mode", ["sum", "mean", "max"])
def test_embedding_bag_refuses_a_double_backward(mode: str) -> None:
    assert_same(torch, ak, f"""
w = (T.arange(24.) / 7).sin().reshape(4, 6).requires_grad_()
e = T.nn.functional.embedding_bag(T.tensor([0, 2, 1, 3]), w, T.tensor([0, 2]), mode='{mode}')
(g,) = T.autograd.grad(e.pow(2).sum(), w, create_graph=True)
out.append((g, type(g.grad_fn).__name__))
try:
    T.autograd.grad(g.sum(), w)
except NotImplementedError as error:
    out.append(error)
""")


_REFUSED_VIEW = """
class Func(T.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x.view_as(x)
    @staticmethod
    def backward(ctx, g):
        return g
base = T.ones(2, 3, requires_grad=True).clone()
w = T.ones(2, 3, requires_grad=True)
if KIND == 'no_grad':
    with T.no_grad():
        v = base.view_as(base)
elif KIND == 'unbind':
    v, w = base.unbind()[0], w[0]
else:
    v = Func.apply(base)
"""


@pytest.mark.parametrize("kind", ["no_grad", "unbind", "custom"])
@pytest.mark.parametrize("change", ["base.mul_(2)", "base[0].mul_(2)", "v.t_()"])
@pytest.mark.parametrize("act", ["v.add_(1)", "v.copy_(w)", "v.unsqueeze_(0)", "v.mul(2)",
                                 "v.grad_fn", "v.is_leaf", "repr(v)", "v.sum().backward()"])
def test_a_view_autograd_refuses_to_change_after_its_base_or_its_shape_changed(
        kind: str, change: str, act: str) -> None:
    # test_autograd_inplace_views_creation_meta: changing such a view in place is refused with
    # the direct message ('is being modified inplace') even once its base changed (the kit
    # said 'its base or another view of its base has been modified'); after an in-place view
    # op under no_grad (v.t_()) the view is stale: using it gives the indirect message (the
    # kit let it be used)
    assert_same(torch, ak, _REFUSED_VIEW.replace("KIND", repr(kind)) + f"""
with T.no_grad():
    {change}
try:
    r = {act}
    out.append(r if '{act}' == 'repr(v)' else 'ok')
except RuntimeError as error:
    out.append(error)
""")


def test_a_leaf_saved_through_hooks_unpacks_as_a_new_tensor() -> None:
    # test_saved_variable_packing_unpacking_saved_original_with_default_hooks: with hooks,
    # PyTorch unpacks a saved leaf that requires grad as a new tensor feeding the leaf's .grad
    # (a constant comes back as itself); save_on_cpu(pin_memory=True) always packs a copy
    assert_same(torch, ak, """
class F(T.autograd.Function):
    @staticmethod
    def forward(ctx, a, b):
        ctx.save_for_backward(a, b)
        return a * b
    @staticmethod
    def backward(ctx, g):
        a, b = ctx.saved_tensors
        out.append((a is x, b is w, a.requires_grad, a.is_leaf))
        return g * b, g * a
for hooks in (T.autograd.graph.saved_tensors_hooks(lambda t: t, lambda t: t),
              T.autograd.graph.save_on_cpu(pin_memory=True),
              T.autograd.graph.save_on_cpu(pin_memory=False)):
    x = T.tensor([1., 2.], requires_grad=True)
    w = T.tensor([3., 4.])
    with hooks:
        y, z, q = x * x, F.apply(x, w), x * w
    saved = y.grad_fn._saved_self
    out.append((saved is x, saved.is_leaf, saved.requires_grad, q.grad_fn._saved_other is w))
    z.sum().backward()
    (y.sum() + q.sum()).backward()
    out.append(x.grad)
    with hooks:
        x = T.tensor([1., 2.], requires_grad=True)
        (g,) = T.autograd.grad((x ** 3).sum(), x, create_graph=True)
    g.sum().backward()
    out.append((g, x.grad))
""")


@pytest.mark.parametrize("requires_grad", [True, False])
@pytest.mark.parametrize("change", ["c.transpose_(0, 1)", "c.unsqueeze_(0)", "c.squeeze_(0)",
                                    "c.as_strided_((6,), (1,))", "c.add_(2)"])
def test_an_inference_tensor_changed_in_place_in_normal_mode(requires_grad: bool,
                                                              change: str) -> None:
    # test_inference_mode_inf_tensor_in_normal_mode_inplace_op: an in-place view op changes
    # the inference tensor's shape, then PyTorch refuses ('Inplace update to inference tensor
    # outside InferenceMode'), even for a leaf that requires grad (the kit refused it as a
    # leaf, unchanged)
    assert_same(torch, ak, f"""
with T.inference_mode():
    c = T.ones(1, 2, 3, requires_grad={requires_grad})
try:
    {change}
except RuntimeError as error:
    out.append(error)
out.append((c.shape, c.stride(), c.requires_grad, c.grad_fn, T.is_inference(c)))
""")


@pytest.mark.parametrize("call", [
    "T.mul(s, s, out=c)", "T.sin(s, out=c)", "T.add(s, 1, out=c)", "T.mul(s, s, out=c3)",
    "T.sum(s, 0, out=c0)", "T.cat([s, s], out=c4)", "T.ones(2, out=c)", "T.arange(2., out=c)",
    "T.full((2,), 5., out=c)"])
def test_out_into_an_inference_tensor_in_normal_mode_writes_then_refuses(call: str) -> None:
    # test_mix_inference_and_normal_tensor_inplace_op: PyTorch writes (and resizes) the
    # inference out= tensor, then refuses to count the change (the kit wrote it silently)
    assert_same(torch, ak, f"""
s = T.tensor([2., 3.])
with T.inference_mode():
    c, c3, c4, c0 = T.zeros(2), T.zeros(3), T.zeros(4), T.zeros(())
try:
    {call}
    out.append('no error')
except RuntimeError as error:
    out.append(error)
out.append((c, c3, c4, c0))
""")


def test_a_raw_saved_tensor_shows_its_data() -> None:
    # test_get_data_and_hooks_from_raw_saved_variable: saved.data is the packed object when
    # hooks packed it, the saved input itself, or the node's output as a new detached tensor
    # sharing its version (the kit's .data was its internal array)
    assert_same(torch, ak, """
a = T.tensor(2.0, requires_grad=True)
unpack = lambda t: t
with T.autograd.graph.saved_tensors_hooks(lambda t: t, unpack):
    b = a ** 2
c = b.exp()
d = c ** 2
packed, result, saved_input = (b.grad_fn._raw_saved_self, c.grad_fn._raw_saved_result,
                               d.grad_fn._raw_saved_self)
out.append((packed.data is a, packed.unpack_hook is unpack, result.unpack_hook,
            saved_input.data is c, saved_input.unpack_hook))
e = result.data
out.append((e is c, e, e.requires_grad, e.grad_fn, e._version))
with T.no_grad():
    c.add_(1)
out.append((e, e._version))
w = T.tensor([1., 2.])
q = (a * 1) * w
out.append(q.grad_fn._raw_saved_other.data is w)
q.sum().backward()
out.append(q.grad_fn._raw_saved_self.data)
""")


def test_a_grad_mode_object_entered_twice_keeps_one_previous_mode() -> None:
    # PyTorch's no_grad/enable_grad keep one `prev` (the kit kept a stack): the same object
    # entered again, nested, restores the inner block's mode when the outer block ends;
    # decorated functions still get a fresh object per call (test_set_grad_generator_functions)
    assert_same(torch, ak, """
x = T.ones(2, requires_grad=True)
for ctx in (T.no_grad(), T.enable_grad()):
    for outer in (True, False):
        T.set_grad_enabled(outer)
        out.append(vars(ctx))
        with ctx:
            with ctx:
                out.append(T.is_grad_enabled())
            out.append(T.is_grad_enabled())
        out.append(((x * 2).requires_grad, vars(ctx)))
T.set_grad_enabled(True)
@T.no_grad()
def recurse(n):
    out.append(T.is_grad_enabled())
    if n:
        with T.enable_grad():
            recurse(n - 1)
            out.append(T.is_grad_enabled())
recurse(2)
out.append(T.is_grad_enabled())
""")


def test_accumulating_into_an_expanded_grad_is_refused() -> None:
    # test_accumulate_grad-like: .grad += new gradient into an expanded .grad is PyTorch's
    # overlap error (the kit let NumPy's 'output array is read-only' through)
    assert_same(torch, ak, """
x = T.ones(2, 2, requires_grad=True)
x.grad = T.zeros(1).expand(2, 2)
try:
    (x * 2).sum().backward()
except RuntimeError as error:
    out.append(error)
out.append((x.grad, x.grad.stride()))
(x * 2).sum().backward(create_graph=True)
out.append((x.grad, x.grad.stride()))
""")


def test_a_grad_laid_out_unlike_its_leaf_warns_once_per_process() -> None:
    # PyTorch's TORCH_WARN_ONCE 'grad and param do not obey the gradient layout contract'
    # when backward adds into a .grad assigned transposed; run in fresh processes, since
    # both libraries warn only once
    import subprocess
    import sys

    code = """
import warnings, {lib} as T
for _ in range(2):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter('always')
        x = T.ones(2, 3, requires_grad=True)
        x.grad = T.zeros(3, 2).t()
        (x * 2).sum().backward()
    print(x.grad.stride(), [str(w.message).split(' (Triggered')[0] for w in caught])
"""
    seen = [subprocess.run([sys.executable, "-c", code.format(lib=lib)], capture_output=True,
                           text=True, check=True).stdout for lib in ("torch", "autograd_kit")]
    assert seen[1] == seen[0]
