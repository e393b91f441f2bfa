"""torch.func and forward AD compared with PyTorch live (continued from ee20): nests that hold
a Size, in-place changes of captured tensors inside grad transforms, tensors printed inside
them."""

from __future__ import annotations

import pytest
from parity_harness import assert_same

import autograd_kit as ak

torch = pytest.importorskip("torch")

PRELUDE = ("from_func = T.func\n"
           "grad, grad_and_value, vjp, jvp = from_func.grad, from_func.grad_and_value, "
           "from_func.vjp, from_func.jvp\n"
           "jacrev, jacfwd, hessian, vmap = from_func.jacrev, from_func.jacfwd, "
           "from_func.hessian, from_func.vmap\n"
           "linearize = from_func.linearize\n"
           "fwAD = T.autograd.forward_ad\n"
           "x = T.tensor([1., 2., 3.])\n")


def same(code: str) -> None:
    assert_same(torch, ak, PRELUDE + code)


# ---- a Size in an output nest is a node of ints, rebuilt as a plain tuple ---------------------

@pytest.mark.parametrize("call", [
    "vmap(lambda x: x.size(), out_dims=None)(T.ones(2, 3))",
    "vmap(lambda x: (x.size(), x.numel()), out_dims=None)(T.ones(2, 3))",
    "vmap(lambda x: (x * 2, x.shape), out_dims=(0, None))(T.ones(2, 3))",
])
def test_size_in_an_output_nest(call: str) -> None:
    same(f"r = {call}\nout.append([r, type(r).__name__])\n")


# ---- a grad transform's function may not change a captured tensor in place ------------------

CAPTURED = "c = T.tensor([3., 1., 2.])\nci = T.ones(3, dtype=T.int64)\n"


@pytest.mark.parametrize("change", [
    "c.add_(x)", "c.mul_(2)", "c.sub_(x, alpha=2)", "c.div_(2)", "c.pow_(2)", "c.copy_(x)",
    "c.zero_()", "c.fill_(1.)", "c.fill_(T.tensor(1.))", "c.sin_()", "c.exp_()", "c.relu_()",
    "c.clamp_(0, 1)", "c.normal_()", "c.masked_fill_(c > 1, 0.)", "c.addcmul_(x, x)",
    "c.index_add_(0, T.tensor([0]), x[:1])", "c.__setitem__(0, x[1])",
    "c.__setitem__(c > 1, 0.)", "c[1:].mul_(2)", "c.detach().add_(1)", "ci.mul_(2)",
    "T.nn.functional.relu(c, inplace=True)",
])
def test_changing_a_captured_tensor_in_place(change: str) -> None:
    same(CAPTURED + f"out.append(grad(lambda x: ({change}, (x * 2).sum())[1])(x))\n"
         "out.append([c, ci])\n")


@pytest.mark.parametrize("call", [
    "vjp(lambda x: (c.add_(1), x * 2)[1], x)[0]",
    "jvp(lambda x: (c.add_(1), x * 2)[1], (x,), (T.ones(3),))",
    "jacrev(lambda x: (c.add_(1), x * 2)[1])(x)",
    "jacfwd(lambda x: (c.add_(1), x * 2)[1])(x)",
    "hessian(lambda x: (c.add_(1), (x ** 3).sum())[1])(x)",
    "grad_and_value(lambda x: (c.add_(1), x.sum())[1])(x)",
    "vmap(grad(lambda x: (c.add_(1), x.sum())[1]))(T.ones(2, 3))",
    # what the function may change: its arguments (differentiated or not, and their views),
    # what it made itself; vmap alone has no such rule
    "grad(lambda x, y: (y.add_(1), x.sum())[1])(x, c)",
    "grad(lambda x: (x.detach().add_(1), x[1:].detach().mul_(2), x.sum())[1])(c.clone())",
    "grad(lambda x: (T.zeros(3).add_(x), x.sum())[1])(x)",
    "vjp(lambda x: x.mul_(2), c.clone())[0]",
    "jvp(lambda x: x.mul_(2), (c.clone(),), (T.ones(3),))",
    "vmap(lambda x: (c.zero_(), x * 2)[1])(T.ones(2, 3))",
    "linearize(lambda x: (c.zero_(), x * 2)[1], x)[0]",
    # a tensor made by an outer transform's function is captured by an inner one
    "grad(lambda x: grad(lambda y: (x.add_(1), (y * x).sum())[1])(x.clone()).sum())(x)",
    "grad(lambda x: (lambda z: grad(lambda y: (z.add_(1), y.sum())[1])(x))(x * 2).sum())(x)",
])
def test_captured_tensors_by_transform(call: str) -> None:
    same(CAPTURED + f"out.append({call})\nout.append(c)\n")


def test_batch_norm_running_stats_under_grad() -> None:
    same("T.manual_seed(0)\nm = T.nn.BatchNorm1d(3)\n"
         "out.append(grad(lambda x: m(x).sum())(T.randn(4, 3)))\n"
         "out.append([m.running_mean, m.num_batches_tracked])\n"
         "m.eval()\nout.append(grad(lambda x: m(x).sum())(T.randn(4, 3)))\n")


# ---- inside a grad transform, tensors print as PyTorch's GradTrackingTensor wrappers ---------

SHOW = ("def f(x):\n"
        "    y = x * 2\n"
        "    for t in (x, y, T.zeros(2), T.arange(3), y.double(), x[0], x.detach(), c):\n"
        "        out.append(repr(t))\n"
        "    out.append(str(y))\n"
        "    return (y ** 3).sum()\n"
        "c = T.ones(2)\n")


@pytest.mark.parametrize("call", [
    "grad(f)(x)", "grad(f)(w)", "vjp(f, x)[0]", "jvp(f, (x,), (x,))", "jvp(f, (w,), (w,)) and None",
    "jacrev(f)(x)", "jacfwd(f)(x)", "hessian(f)(x)", "grad(grad(f))(T.tensor(1.))",
    "grad(lambda x: grad(f)(x * 2))(T.tensor(1.))", "vjp(lambda x: jvp(f, (x,), (x,))[1], x)[0]",
])
def test_repr_inside_transforms(call: str) -> None:
    same(SHOW + "w = T.tensor([1., 2.], requires_grad=True)\nx = T.tensor([1., 2.])\n"
         f"r = {call}\nout.append(repr(r))\n")


def test_repr_of_what_an_outer_function_made() -> None:
    same("def g(x):\n    z = x * 2\n"
         "    return grad(lambda y: (out.append(repr(z)), (y * z).sum())[1])(x).sum()\n"
         "grad(g)(T.tensor([1., 2.]))\n"
         "def h(x):\n    with T.no_grad():\n        y = x * 2\n"
         "    out.append([repr(y), repr(T.arange(2000.)), f'{x.sum()}'])\n    return x.sum()\n"
         "grad(h)(T.tensor([1., 2.]))\n")


# ---- what duals of plain tensors compute is recorded nowhere: backward from it is refused ----

@pytest.mark.parametrize("code", [
    "out.append(T.autograd.grad(d.sum(), d))",
    "d.sin().sum().backward()",
    "d.backward(T.ones(3))",
    "w = T.ones(3, requires_grad=True)\n    (d * w).sum().backward()\n    out.append(w.grad)",
    "out.append([T.func.grad(lambda z: (z * d).sum())(x), "
    "T.func.grad(lambda z: (z * d).sum())(d)])",
])
def test_backward_from_duals_of_plain_tensors(code: str) -> None:
    same(f"with fwAD.dual_level():\n    d = fwAD.make_dual(x, T.ones(3))\n    {code}\n")


def test_gradgradcheck_forward_over_reverse() -> None:
    same("x64 = x.double().requires_grad_()\n"
         "out.append(T.autograd.gradcheck(lambda z: z.sin() * 2, (x64,), check_forward_ad=True))\n"
         "out.append(T.autograd.gradgradcheck(lambda z: z.sin() * z, (x64,),\n"
         "                                    check_fwd_over_rev=True))\n")


@pytest.mark.parametrize("primals", ["T.tensor([1, 2])", "x, T.tensor([True])", "x"])
def test_linearize_makes_duals_of_floating_primals_only(primals: str) -> None:
    same(f"o, fn = linearize(lambda *a: a[0].sin(), {primals})\nout.append(o)\n")


def test_repr_of_parameters_inside_grad() -> None:
    same("T.manual_seed(0)\nm = T.nn.Linear(2, 1)\np = dict(m.named_parameters())\n"
         "def f(p, x):\n    out.append(repr(p['bias']))\n"
         "    r = T.func.functional_call(m, p, (x,))\n"
         "    out.append([repr(m.bias), repr(m.weight)])\n    return r.sum()\n"
         "out.append(grad(f)(p, T.ones(2)))\n"
         "def g(x):\n    out.append([repr(m(x).detach()), repr(m.weight)])\n    return x.sum()\n"
         "grad(g)(T.ones(2))\n")


def test_jvp_primal_outputs_in_the_callers_graph_are_aliases() -> None:
    same("w = T.tensor([1., 2.], requires_grad=True)\n"
         "c = T.tensor([3., 4.], requires_grad=True)\n"
         "out.append(jvp(lambda x: x * 2, (w,), (T.ones(2),))[0])\n"
         "r = jvp(lambda x: x, (w,), (T.ones(2),))[0]\nout.append([r is w, r])\n"
         "out.append(jvp(lambda x: (x * 2, T.ones(2)), (w,), (T.ones(2),))[0])\n"
         "out.append(jvp(lambda x: x.sum(), (w,), (T.ones(2),))[0])\n"
         "out.append(jvp(lambda x: x * c, (T.ones(2),), (T.ones(2),))[0])\n"
         "out.append(jvp(lambda x: (x * c, x), (T.ones(2),), (T.ones(2),), has_aux=True)[::2])\n"
         "with T.no_grad():\n    out.append(jvp(lambda x: x * 2, (w,), (T.ones(2),))[0])\n"
         "y = jvp(lambda x: x ** 2, (w,), (T.ones(2),))[0]\n"
         "out.append(T.autograd.grad(y.sum(), w))\n")


# ---- vmap refuses to update unbatched running statistics from a batched input --------------

@pytest.mark.parametrize("call", [
    "vmap(m)(X)", "vmap(lambda x: m(x) * 2)(X)", "vmap(T.nn.Sequential(T.nn.Linear(3, 3), m))(X)",
    "vmap(m.eval())(X).shape", "vmap(from_func.replace_all_batch_norm_modules_(m))(X).shape",
    "vmap(T.nn.BatchNorm1d(3, track_running_stats=False))(X).shape",
    "vmap(lambda x: T.nn.functional.batch_norm(x, rm, T.ones(3), training=True))(X)",
    "vmap(lambda x, a, b: T.nn.functional.batch_norm(x, a, b, training=True))(\n"
    "    X, T.zeros(2, 3), T.ones(2, 3))",
    "vmap(T.nn.BatchNorm2d(3), in_dims=1)(T.randn(2, 5, 3, 2, 2))",
])
def test_batch_norm_running_stats_under_vmap(call: str) -> None:
    same("T.manual_seed(0)\nm = T.nn.BatchNorm1d(3)\nX = T.randn(2, 4, 3)\nrm = T.zeros(3)\n"
         f"out.append({call})\nout.append([m.running_mean, rm])\n")


# ---- vmap refuses to write batched values into a tensor that is not batched ----------------

@pytest.mark.parametrize("change", [
    "buf.copy_(x)", "buf.add_(x)", "buf.mul_(x)", "buf.add_(x, alpha=2)",
    "buf.__setitem__(0, x[0])", "buf[1:].mul_(x[1:])", "buf.addcmul_(x, x)", "buf.zero_()",
    "buf.lerp_(x, 0.5)",
    "buf.__iadd__(x)", "buf.sub_(x)", "buf.div_(x)", "buf.pow_(x)", "buf.masked_fill_(x > 0, 1.)",
    "buf.fill_(x[0])", "buf.atan2_(x)", "buf.mul_(x[0])", "x.add_(buf)",
])
def test_batched_values_written_into_an_unbatched_tensor(change: str) -> None:
    same("buf = T.zeros(3)\n"
         f"out.append(vmap(lambda x: ({change}, x * 2)[1])(T.ones(2, 3)))\nout.append(buf)\n")


@pytest.mark.parametrize("call", [
    "vmap(lambda x, b: b.add_(x), in_dims=(0, None))(T.ones(2, 3), buf)",
    "vmap(lambda x, b: b.mul_(x), in_dims=(0, None))(T.ones(2, 3), buf)",
    "vmap(lambda x, b: b.add_(x))(T.ones(2, 3), T.zeros(2, 3))",
    "vmap(vmap(lambda x: buf.mul_(x)))(T.ones(2, 2, 3))",
])
def test_batched_values_and_vmap_arguments(call: str) -> None:
    same(f"buf = T.zeros(3)\nout.append({call})\nout.append(buf)\n")
