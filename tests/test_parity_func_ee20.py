"""torch.func and forward AD compared with PyTorch live: transforms under inference_mode and
no_grad, vjp_fn's options, the wrappers' names, argument checks and error messages."""

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


# ---- inference_mode: PyTorch's transforms differentiate inside it ---------------------------

@pytest.mark.parametrize("call", [
    "grad(lambda x: x.exp().sum())(x)",
    "grad_and_value(lambda x: x.exp().sum())(x)",
    "jacrev(lambda x: x.exp())(x)",
    "jacfwd(lambda x: x.exp())(x)",
    "hessian(lambda x: x.exp().sum())(x)",
    "jvp(lambda x: x.exp(), (x,), (T.ones(3),))",
    "jvp(lambda x: x.exp(), (T.tensor([1., 2.]),), (T.ones(2),))",
    "grad(lambda x: x.exp().sum())(T.tensor([1., 2.]))",
])
def test_transforms_inside_inference_mode(call: str) -> None:
    same(f"with T.inference_mode():\n    r = {call}\n    out.append(r)\n"
         "    out.append([t.is_inference() for t in (r if isinstance(r, tuple) else (r,))])\n")


def test_vjp_inside_inference_mode() -> None:
    same("with T.inference_mode():\n"
         "    o, fn = vjp(lambda x: x.exp(), x)\n"
         "    g = fn(T.ones(3))\n"
         "    out.append([o.is_inference(), g, g[0].is_inference()])\n")


def test_inside_a_transform_inference_mode_is_off() -> None:
    same("def f(x):\n"
         "    out.append([T.is_inference_mode_enabled(), T.is_grad_enabled(), x.is_inference()])\n"
         "    return x.sum()\n"
         "with T.inference_mode():\n"
         "    grad(f)(x); jacrev(f)(x); vjp(f, x)\n")


# ---- grad mode off at the call: the answers join no outer graph ------------------------------

@pytest.mark.parametrize("call", [
    "grad(lambda x: x.exp().sum())(w)",
    "grad_and_value(lambda x: x.exp().sum())(w)",
    "jacrev(lambda x: x.exp())(w)",
    "vjp(lambda x: x.exp(), w)[0]",
])
def test_transform_under_no_grad_is_not_recorded(call: str) -> None:
    same(f"w = T.tensor([1., 2.], requires_grad=True)\nwith T.no_grad():\n    r = {call}\n"
         "out.append(r)\n")


def test_vjp_fn_under_no_grad_and_inner_no_grad() -> None:
    same("w = T.tensor([1., 2.], requires_grad=True)\n"
         "with T.no_grad():\n"
         "    o, fn = vjp(lambda x: x.exp().sin(), w)\n"
         "    out.append(fn(T.ones(2)))\n"
         "def f(x):\n"
         "    with T.no_grad():\n"
         "        return grad(lambda y: (y * x).sum())(x)\n"
         "out.append(grad(lambda x: f(x).sum())(x))\n")


# ---- vjp_fn(cotangents, retain_graph=True, create_graph=None) --------------------------------

def test_vjp_fn_retain_graph_false_frees_the_graph() -> None:
    same("o, fn = vjp(lambda x: x.exp().sin(), x)\n"
         "out.append(fn(T.ones(3), retain_graph=False))\n"
         "out.append(fn(T.ones(3)))\n")


def test_vjp_fn_create_graph() -> None:
    same("w = T.tensor([1., 2.], requires_grad=True)\n"
         "o, fn = vjp(lambda x: x.exp().sin(), w)\n"
         "out.append(fn(T.ones(2), create_graph=False))\n"
         "out.append(fn(T.ones(2), create_graph=True))\n"
         "out.append(fn(T.ones(2)))\n")


# ---- the returned functions are the function's wrappers --------------------------------------

@pytest.mark.parametrize("transform", ["grad", "grad_and_value", "jacrev", "jacfwd", "hessian",
                                       "vmap"])
def test_transformed_function_keeps_name_and_doc(transform: str) -> None:
    same("def f(x):\n    'the doc of f'\n    return x.sum()\n"
         f"g = {transform}(f)\n"
         "out.append([g.__name__, g.__qualname__, g.__doc__])\n"
         "out.append(getattr(g, '__wrapped__', None) is f)\n"
         f"out.append({transform}(lambda x: x).__name__)\n")


@pytest.mark.parametrize("transform", ["jacrev", "jacfwd", "hessian"])
def test_jacobians_take_no_keyword_arguments(transform: str) -> None:
    same(f"out.append({transform}(lambda x, y=1.: (x.sin() * y).sum())(x, y=2.))\n")


def test_jacrev_chunk_size_and_jacfwd_randomness_checked() -> None:
    same("out.append(jacrev(lambda x: x.sin(), chunk_size=0))\n")
    same("out.append(jacrev(lambda x: x.sin(), chunk_size=-2))\n")
    same("out.append(jacrev(lambda x: x.sin(), chunk_size=2)(x))\n")
    same("f = jacfwd(lambda x: x.sin(), randomness='bad')\nout.append('made')\n"
         "out.append(f(x))\n")


# ---- outputs and inputs PyTorch refuses -------------------------------------------------------

@pytest.mark.parametrize("call", [
    "vjp(lambda x: (), x)",
    "vjp(lambda x: None, x)",
    "vjp(lambda x: [], x)",
    "jvp(lambda x: (), (x,), (x,))",
    "jvp(lambda x: None, (x,), (x,))",
    "jacrev(lambda x: ())(x)",
    "jacrev(lambda x: None)(x)",
    "jacfwd(lambda x: ())(x)",
    "jacfwd(lambda x: None)(x)",
    "jvp(lambda: x.sin(), (), ())",
    "jvp(lambda x: x.sin(), (x,), ())",
    "jvp(lambda x: T.ones(3), (x,), (x,), strict=True)",
    "jvp(lambda x: (x * 2, T.ones(3)), (x,), (x,), strict=True)",
    "jvp(lambda x: (x * 2, x.sum()), (x,), (x,), strict=True)",
])
def test_refused_outputs_and_inputs(call: str) -> None:
    same(f"out.append({call})\n")


# ---- a function returning its input hands back the caller's tensor ----------------------------

def test_input_returned_as_is_comes_back_itself() -> None:
    same("o, fn = vjp(lambda x: x, x)\nout.append([o is x, fn(T.ones(3))])\n")
    same("w = T.tensor([1., 2.], requires_grad=True)\n"
         "o, fn = vjp(lambda x: x, w)\nout.append([o is w, fn(T.ones(2))])\n")
    same("g, aux = grad(lambda x: (x.sum(), x), has_aux=True)(x)\nout.append(aux is x)\n")
    same("j, aux = jacrev(lambda x: (x * 2, x), has_aux=True)(x)\nout.append(aux is x)\n")
    same("out.append(grad_and_value(lambda x: (x.sum(), [x]), has_aux=True)(x)[1][1][0] is x)\n")
    same("out.append(jvp(lambda x: x, (x,), (x,))[0] is x)\n")


def test_linearize_checks_the_tangents_dtype() -> None:
    same("o, fn = linearize(lambda x: x.sin(), x)\n"
         "out.append(fn(T.ones(3, dtype=T.float64)))\n")
    same("o, fn = linearize(lambda x: x.sin(), x)\nout.append(fn(T.ones(2)))\n")


# ---- argnums checked one by one, as PyTorch does ----------------------------------------------

@pytest.mark.parametrize("argnums", ['("0",)', "(0, -2)", "(0.5,)", "0.5", "[0]", "()",
                                     "(0, 5)", '(5, "a")', '("a", 5)', "(True, 0)", "-3"])
@pytest.mark.parametrize("transform", ["grad", "jacrev", "jacfwd"])
def test_argnums_errors(argnums: str, transform: str) -> None:
    same(f"out.append({transform}(T.mul, argnums={argnums})(T.tensor(0.5), T.tensor(0.7)))\n")


# ---- nesting with inputs that require grad ----------------------------------------------------

def test_nested_grads_of_an_input_that_requires_grad() -> None:
    same("w = T.tensor(0.7, requires_grad=True)\n"
         "out.append(grad(grad(lambda x: x**3))(w))\n"
         "out.append(grad(lambda x: grad(lambda x: x**3)(x))(w))\n"
         "def f(x):\n    with T.no_grad():\n        shift = x**3\n    return x**3 - shift\n"
         "def g(x):\n    r1 = grad(f)(x)\n    with T.no_grad():\n        shift = grad(f)(x)\n"
         "    return r1 - shift\n"
         "y = grad(g)(w)\nout.append([y, T.autograd.grad(y, w)])\n")


def test_vjp_under_no_grad_then_vjp_fn_outside() -> None:
    same("w = T.tensor(3.0, requires_grad=True)\n"
         "with T.no_grad():\n    o, vjp_fn = vjp(lambda x: x**2, w)\n"
         "(y,) = vjp_fn(T.tensor(1.0))\n"
         "out.append([y, o, T.autograd.grad(y, w)])\n")


# ---- forward mode lets f change its inputs in place (the caller's tensor changes too) ---------

@pytest.mark.parametrize("body", ["x.mul_(2)\n    return x",
                                  "x[0] = 5.\n    return x * 2",
                                  "x.copy_(y)\n    return x",
                                  "v = x[::2]\n    v.mul_(y[0])\n    return x.sin(), v"])
@pytest.mark.parametrize("transform", ["jvp", "jacfwd"])
def test_forward_mode_with_inputs_changed_in_place(body: str, transform: str) -> None:
    call = ("jvp(f, (a, b), (T.ones(3), T.tensor([3., 1., 2.])))" if transform == "jvp"
            else "jacfwd(f, argnums=(0, 1))(a, b)")
    same(f"def f(x, y):\n    {body}\n"
         "a = T.tensor([1., 2., 3.]); b = T.tensor([4., 5., 6.])\n"
         f"out.append({call})\nout.append([a, a._version])\n")


def test_vmap_of_jvp_changing_an_input_in_place() -> None:
    same("def push(x, xt, y, yt):\n"
         "    def f(x, y):\n        view = x[:, ::2]\n        view.copy_(y)\n"
         "        return view, x\n"
         "    return jvp(f, (x, y), (xt, yt))\n"
         "x = T.arange(24.).reshape(2, 6, 2); xt = T.arange(24.).reshape(2, 6, 2) / 10\n"
         "y = T.arange(12.).reshape(2, 2, 3) * -1; yt = T.ones(2, 2, 3)\n"
         "out.append(vmap(push, in_dims=(2, 2, 1, 1))(x, xt, y, yt))\n")


# ---- vmap over an empty batch; jacfwd's randomness -------------------------------------------

@pytest.mark.parametrize("call", [
    "vmap(lambda x: x)(T.zeros(0, 3))",
    "vmap(lambda x: x.sum())(T.zeros(0, 3))",
    "vmap(lambda x: x * 2, in_dims=1)(T.zeros(3, 0, dtype=T.int64))",
    "vmap(lambda x, y: x @ y, in_dims=(0, None))(T.zeros(0, 3), T.ones(3, 2))",
    "vmap(lambda x: (x, x.sum()), out_dims=(1, 0))(T.zeros(0, 3))",
    "vmap(lambda x: x.unsqueeze(0), out_dims=-1)(T.zeros(0, 3)).shape",
    "vmap(lambda x: T.ones(2), out_dims=None)(T.zeros(0, 3))",
    "vmap(lambda x: x.sin())(T.zeros(0, 3, requires_grad=True)).requires_grad",
    "vmap(grad(lambda x: x.sum()))(T.zeros(0, 3))",
])
def test_vmap_over_an_empty_batch(call: str) -> None:
    same(f"out.append({call})\n")


@pytest.mark.parametrize("randomness", ["'error'", "'same'"])
def test_jacfwd_randomness(randomness: str) -> None:
    same(f"T.manual_seed(0)\nj = jacfwd(lambda x: x * T.rand(2), randomness={randomness})\n"
         "out.append(j(T.ones(2)))\nout.append(T.rand(1))\n")
    same("T.manual_seed(0)\nout.append(hessian(lambda x: (x * T.rand(2)).sum())(T.ones(2)))\n")


# ---- stack_module_state: PyTorch's checks, and leaves that require grad only where the
# originals do ------------------------------------------------------------------------------

@pytest.mark.parametrize("models", [
    "[T.nn.Linear(3, 2), T.nn.Linear(3, 2).eval()]",
    "[T.nn.Linear(3, 2), T.nn.Bilinear(3, 3, 2)]",
    "[T.nn.Linear(3, 2), T.nn.Linear(3, 2).requires_grad_(False)]",
    "[T.nn.Linear(3, 2).requires_grad_(False), T.nn.Linear(3, 2).requires_grad_(False)]",
    "T.nn.ModuleList([T.nn.BatchNorm1d(2), T.nn.BatchNorm1d(2)])",
    "()",
])
def test_stack_module_state(models: str) -> None:
    same(f"T.manual_seed(0)\np, b = from_func.stack_module_state({models})\n"
         "out.append([p, b])\n"
         "out.append([(k, v.requires_grad, v.is_leaf) for k, v in p.items()])\n")


def test_replace_all_batch_norm_modules_and_debug_unwrap() -> None:
    same("T.manual_seed(0)\n"
         "m = T.nn.Sequential(T.nn.Linear(2, 2), T.nn.BatchNorm1d(2),\n"
         "                    T.nn.Sequential(T.nn.BatchNorm2d(3, track_running_stats=False)))\n"
         "r = from_func.replace_all_batch_norm_modules_(m)\n"
         "out.append([r is m, m, dict(m.named_buffers()), m[1].running_mean,\n"
         "            m[1].track_running_stats, list(m.state_dict())])\n"
         "out.append(m(T.tensor([[1., 2.], [3., 5.]])))\n"
         "bn = T.nn.BatchNorm1d(2)\n"
         "out.append([from_func.replace_all_batch_norm_modules_(bn) is bn, bn])\n"
         "out.append(from_func.debug_unwrap(x) is x)\n")


def test_func_namespace() -> None:
    assert set(torch.func.__all__) - set(ak.func.__all__) <= {"rearrange"}


# ---- forward_ad: dual_level as a decorator; numpy() of what duals of plain tensors made -------

def test_dual_level_decorates_a_function() -> None:
    same("@fwAD.dual_level()\n"
         "def f(x):\n"
         "    d = fwAD.make_dual(x, T.ones_like(x))\n"
         "    return fwAD.unpack_dual(d.sin()).tangent\n"
         "out.append([f(T.tensor([1., 2.])), f(T.tensor([3.]))])\n"
         "out.append(fwAD.unpack_dual(x))\n")


def test_numpy_of_a_dual() -> None:
    same("with fwAD.dual_level():\n"
         "    d = fwAD.make_dual(T.tensor([1., 2.]), T.tensor([1., 1.]))\n"
         "    out.append([d.numpy(), (d * 2).numpy(), d.sin().sum().numpy()])\n"
         "    w = T.tensor([1., 2.], requires_grad=True)\n"
         "    out.append((d * w).numpy())\n")


# ---- OrderedDicts are a kind of nest of their own ----------------------------------------------

@pytest.mark.parametrize("code", [
    "r = vmap(lambda t: OrderedDict([('sin', t.sin()), ('cos', t.cos())]))(T.ones(2, 3))\n"
    "out.append([type(r).__name__, r])\n",
    "o, fn = vjp(lambda x: OrderedDict([('b', x), ('a', x * 2)]), x)\nout.append(o)\n"
    "for c in [{'b': x, 'a': x}, OrderedDict([('b', x), ('a', x)]),\n"
    "          OrderedDict([('a', x), ('b', x)])]:\n"
    "    try:\n        out.append(fn(c))\n"
    "    except RuntimeError as e:\n        out.append(str(e))\n",
    "d = OrderedDict([('b', x), ('a', x * 2)])\n"
    "out.append([jacrev(lambda d: d['a'] * d['b'])(d), jacfwd(lambda x: OrderedDict(b=x))(x),\n"
    "            grad(lambda d: (d['a'] * d['b']).sum())(d)])\n"
    "out.append(jvp(lambda d: d['a'] * d['b'], (d,), (OrderedDict([('b', x), ('a', x)]),)))\n"
    "out.append(jvp(lambda d: d['a'] * d['b'], (d,), ({'b': x, 'a': x},)))\n",
    "y = T.ones(3, 2)\n"
    "for dims in [OrderedDict([('b', 0), ('a', None)]), {'b': 0, 'a': None},\n"
    "             {'a': None, 'b': 0}, {'a': None, 'c': 0}]:\n"
    "    try:\n"
    "        out.append(vmap(lambda d: d['a'] * d['b'], in_dims=(dims,))(\n"
    "            OrderedDict([('b', y), ('a', T.ones(2))])))\n"
    "    except ValueError as e:\n        out.append(str(e))\n",
])
def test_ordered_dicts(code: str) -> None:
    same("from collections import OrderedDict\n" + code)


# ---- vmap hands back an input f returned as is (PyTorch unwraps it to the input) ------------

def test_vmap_returning_its_input() -> None:
    same("t = T.arange(6.).reshape(2, 3)\n"
         "r = vmap(lambda x: x, out_dims=1)(t)\n"
         "out.append([r, r.data_ptr() == t.data_ptr(), r._base is t, vmap(lambda x: x)(t) is t])\n"
         "y = T.arange(30.).reshape(2, 3, 5)\n"
         "out.append(vmap(lambda x: x, in_dims=1, out_dims=1)(y) is y)\n"
         "r = vmap(lambda x: x, in_dims=2, out_dims=1)(y)\n"
         "out.append([r.shape, r.data_ptr() == y.data_ptr(), r._base is y])\n"
         "w = T.ones(2, 3, requires_grad=True)\n"
         "out.append([vmap(lambda x: x)(w) is w,\n"
         "            vmap(lambda x, y: y, in_dims=(None, 0))(w, w) is w])\n"
         "out.append(vmap(lambda x: (x, x * 2), out_dims=(0, 1))(t))\n")


def test_vmap_of_an_in_place_method() -> None:
    same("x = T.rand(2, 5)\nx2 = x.clone()\nr = vmap(T.Tensor.acos_)(x2)\n"
         "out.append([r is x2, T.allclose(r, x.acos())])\n"
         "x2 = x.clone()\nout.append(vmap(T.Tensor.acos_, out_dims=(1,))(x2)._base is x2)\n"
         "x4 = T.rand(2, 3, 5)\nout.append(vmap(vmap(T.Tensor.acos_))(x4) is x4)\n")
