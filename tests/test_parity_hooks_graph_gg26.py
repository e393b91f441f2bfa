"""Hooks and the graph API compared with PyTorch live (helper gg, session 26).

A tensor's hook tables (``_backward_hooks``, ``_post_accumulate_grad_hooks``): None until
the first hook, then an OrderedDict keyed by handle id that a learner may read, clear or set.
"""

import pytest

import autograd_kit as ak
from tests.parity_harness import assert_same

torch = pytest.importorskip("torch")

_TABLES = [
    # the table appears with the first hook, keyed by the handle's id, and empties on remove
    """x = T.tensor([1., 2.], requires_grad=True)
out.append(x._backward_hooks)
h = x.register_hook(lambda g: g)
out.append((type(x._backward_hooks).__name__, list(x._backward_hooks) == [h.id]))
y = x * 2
out.append(y._backward_hooks)
y.register_hook(lambda g: g)
out.append(len(y._backward_hooks))
h.remove()
out.append(x._backward_hooks)
out.append((x.detach()._backward_hooks, y[:1]._backward_hooks))""",
    # clearing the table takes the hooks off, leaf or not
    """x = T.tensor([1., 2.], requires_grad=True)
y = x * 2
y.register_hook(lambda g: out.append(("y", g)))
x.register_hook(lambda g: out.append(("x", g)))
y._backward_hooks.clear()
x._backward_hooks.clear()
y.sum().backward()
out.append(x.grad)""",
    # a leaf's table is read at backward: setting it replaces its hooks
    """import collections
x = T.tensor([1., 2.], requires_grad=True)
x.register_hook(lambda g: out.append(("old", g)))
x._backward_hooks = collections.OrderedDict([(0, lambda g: out.append(("set", g)))])
(x * 2).sum().backward()
x._backward_hooks = None
(x * 2).sum().backward()
x.register_hook(lambda g: out.append(("new", g)))
(x * 2).sum().backward()""",
    # a non-leaf's table was handed to its node: a new table set by hand does not run
    """import collections
x = T.tensor([1., 2.], requires_grad=True)
y = x * 2
y.register_hook(lambda g: out.append(("h1", g)))
y._backward_hooks = collections.OrderedDict()
y.register_hook(lambda g: out.append(("h2", g)))
y.sum().backward()""",
    # an in-place change gives the tensor a new table (old hooks stay with the old node)
    """x = T.tensor([1., 2.], requires_grad=True)
y = x * 2
y.register_hook(lambda g: out.append(("h1", g)))
y.mul_(3)
out.append(y._backward_hooks)
y.register_hook(lambda g: out.append(("h2", g)))
out.append(len(y._backward_hooks))
y.sum().backward()""",
    # a view whose base changed keeps its table until its grad_fn is read
    """x = T.tensor([1., 2.], requires_grad=True)
y = x * 1
v = y[:1]
v.register_hook(lambda g: out.append(("v1", g)))
y.mul_(2)
v.register_hook(lambda g: out.append(("v2", g)))
out.append(len(v._backward_hooks))
v.sum().backward()
out.append(v._backward_hooks)""",
    # detach_ keeps the table
    """x = T.tensor([1., 2.], requires_grad=True)
y = x * 2
y.register_hook(lambda g: g)
y.detach_()
out.append(len(y._backward_hooks))""",
    # post-accumulate hooks have their own table, read at backward
    """x = T.tensor([1., 2.], requires_grad=True)
out.append(x._post_accumulate_grad_hooks)
out.append((x * 2)._post_accumulate_grad_hooks)
h = x.register_post_accumulate_grad_hook(lambda t: out.append(("p1", t.grad)))
out.append((type(x._post_accumulate_grad_hooks).__name__,
            list(x._post_accumulate_grad_hooks) == [h.id]))
x._post_accumulate_grad_hooks.clear()
(x * 2).sum().backward()
x._post_accumulate_grad_hooks = None
x.register_post_accumulate_grad_hook(lambda t: out.append(("p2", t.grad)))
(x * 2).sum().backward()
h.remove()
out.append(len(x._post_accumulate_grad_hooks))""",
]


@pytest.mark.parametrize("code", _TABLES)
def test_a_tensors_hook_tables_as_in_pytorch(code):
    assert_same(torch, ak, code)


_READ_ONLY_NODE_PARTS = [
    "y = (x * 2).sum(); y.grad_fn.next_functions = ()",
    "y = x * 2; del y.grad_fn.next_functions",
    "y = x[0]; y.grad_fn.next_functions = 5",
    "y = x * 1; y[0] = 5; y.grad_fn.next_functions = ()",
    "y = (x * 1) // 2; y.grad_fn.next_functions = ()",
    "a = (x * 2).grad_fn.next_functions[0][0]; a.next_functions = ()",
    "a = (x * 2).grad_fn.next_functions[0][0]; a.variable = x * 2",
    "a = (x * 2).grad_fn.next_functions[0][0]; del a.variable",
]


@pytest.mark.parametrize("code", _READ_ONLY_NODE_PARTS)
def test_a_nodes_edges_and_leaf_cannot_be_assigned(code):
    assert_same(torch, ak, "x = T.tensor([1., 2.], requires_grad=True)\n"
                f"{code}\nout.append(len(y.grad_fn.next_functions) if 'y' in dir() else 0)")


def test_a_custom_functions_node_refuses_new_edges_too():
    assert_same(torch, ak, """class F(T.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2
    @staticmethod
    def backward(ctx, g):
        return g * 2
y = F.apply(T.tensor([1., 2.], requires_grad=True))
try:
    y.grad_fn.next_functions = ()
except AttributeError as error:
    out.append(error)
y.grad_fn.note = 3
out.append((y.grad_fn.note, len(y.grad_fn.next_functions)))""")


@pytest.mark.parametrize("given", ["3", "None", "'ab'", "[a, 2]", "{a}", "(t for t in [a])", "a"])
def test_increment_version_takes_tensors_and_says_what_else_it_got(given):
    assert_same(torch, ak, f"""a = T.ones(2)
try:
    T.autograd.graph.increment_version({given})
except RuntimeError as error:
    out.append(error)
out.append(a._version)""")


@pytest.mark.skipif(torch.cuda.is_available() or ak.cuda.is_available(),
                    reason="pinned memory needs no GPU here")
@pytest.mark.parametrize("device_type", ["cpu", "cuda", "mps", "nothing"])
def test_save_on_cpu_pins_memory_only_where_the_device_is_there(device_type):
    assert_same(torch, ak, f"""x = T.tensor([1., 2.], requires_grad=True)
with T.autograd.graph.save_on_cpu(pin_memory=True, device_type={device_type!r}):
    y = x.exp()
y.sum().backward()
out.append(x.grad)""")


def test_a_node_runs_a_tensors_hook_table_handed_to_it():
    assert_same(torch, ak, """import collections
x = T.tensor([1., 2.], requires_grad=True)
y = x * 2
y._backward_hooks = collections.OrderedDict([(0, lambda g: out.append(("d", g)))])
y.grad_fn._register_hook_dict(y)
y.sum().backward()
out.append(x.grad)""")


def test_dir_of_a_node_lists_its_private_hook_and_sequence_methods():
    assert_same(torch, ak, """x = T.ones(2, requires_grad=True)
y = x * 2
for node in (y.grad_fn, y.grad_fn.next_functions[0][0]):
    out.append([n for n in dir(node)
                if n in ("_register_hook_dict", "_sequence_nr", "_set_sequence_nr")])""")
