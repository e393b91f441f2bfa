"""Forward-mode AD and torch.func compared with PyTorch's printed output (skipped without it).

Same comparison as tests/test_torch_scenarios.py, on the code of PyTorch's forward-mode AD
tutorial and of the torch.func tutorials (grad, vjp, jvp, jacrev/jacfwd, hessian, vmap,
functional_call), with their errors. ``import torch.autograd.forward_ad as fwAD`` becomes
``fwAD = T.autograd.forward_ad`` (T is bound to a module). Dual tensors themselves are not
printed: the kit's duals are tensors that require grad (see autograd_kit/autograd/forward_ad).
"""

# ruff: noqa: E501

from __future__ import annotations

import pytest

from tests.test_torch_scenarios import assert_same_as_pytorch

torch = pytest.importorskip("torch")

FW = "fwAD = T.autograd.forward_ad\n"
F = "F = T.func\n"

SNIPPETS = [
    # ---- the forward-mode AD tutorial
    FW + """primal = T.randn(10, 10)
tangent = T.randn(10, 10)
def fn(x, y):
    return x ** 2 + y ** 2
with fwAD.dual_level():
    dual_input = fwAD.make_dual(primal, tangent)
    plain_tensor = T.randn(10, 10)
    dual_output = fn(dual_input, plain_tensor)
    jvp = fwAD.unpack_dual(dual_output).tangent
    print(fwAD.unpack_dual(dual_output).primal[:2, :3])
print(jvp[:3])
print(T.allclose(jvp, 2 * primal * tangent))
assert fwAD.unpack_dual(dual_output).tangent is None
print(fwAD.unpack_dual(dual_output).tangent)""",
    FW + """model = T.nn.Linear(5, 5)
input = T.randn(16, 5)
params = {name: p for name, p in model.named_parameters()}
tangents = {name: T.rand_like(p) for name, p in params.items()}
with fwAD.dual_level():
    for name, p in params.items():
        delattr(model, name)
        setattr(model, name, fwAD.make_dual(p, tangents[name]))
    out = model(input)
    jvp = fwAD.unpack_dual(out).tangent
print(jvp.detach()[:3])
print(T.allclose(jvp, input @ tangents['weight'].T + tangents['bias'], atol=1e-6))""",
    FW + F + """model = T.nn.Linear(5, 5)
input = T.randn(16, 5)
params = dict(model.named_parameters())
tangents = {name: T.rand_like(p) for name, p in params.items()}
dual_params = {}
with fwAD.dual_level():
    for name, p in params.items():
        dual_params[name] = fwAD.make_dual(p, tangents[name])
    out = F.functional_call(model, dual_params, input)
    jvp2 = fwAD.unpack_dual(out).tangent
print(jvp2.detach()[:2])
print(model.weight.shape, type(model.weight).__name__)""",
    # ---- dual tensors: several inputs, values, errors
    FW + """p = T.tensor([1., 2.]); t = T.tensor([1., 0.])
with fwAD.dual_level():
    d = fwAD.make_dual(p, t)
    u = fwAD.unpack_dual(d * d + 1)
    print(u, type(u).__name__, u.primal.requires_grad, u.primal.grad_fn)
    print(fwAD.unpack_dual(p))
    print(fwAD.unpack_dual(T.ones(2) * 3))
    print(fwAD.unpack_dual(d).tangent)
print(fwAD.unpack_dual(3))
with fwAD.dual_level():
    fwAD.unpack_dual(3)""",
    FW + """x = T.tensor([1., 2., 3.]); y = T.tensor([0.5, -1., 2.])
with fwAD.dual_level():
    dx = fwAD.make_dual(x, T.tensor([1., 0., 0.]))
    dy = fwAD.make_dual(y, T.tensor([0., 1., 1.]))
    print(fwAD.unpack_dual(dx * dy + dy.sin()))
    print(fwAD.unpack_dual((dx * dy).sum()))
    print(fwAD.unpack_dual(dx @ dy))
    print(fwAD.unpack_dual(T.stack([dx, dy]).exp()).tangent)
    print(fwAD.unpack_dual(dx * 0))
    print(fwAD.unpack_dual(dx.tanh() / (1 + dy ** 2)).tangent)""",
    FW + """x = T.tensor([[1., 2.], [3., 4.]])
with fwAD.dual_level():
    d = fwAD.make_dual(x, T.ones(2, 2))
    out = d.relu().mean(0) + d.max(1).values + d.T.reshape(4)[:2]
    print(fwAD.unpack_dual(out))
    print(fwAD.unpack_dual(T.nn.functional.softmax(d, dim=1)).tangent)""",
    FW + "fwAD.make_dual(T.ones(2), T.ones(2))",
    FW + "with fwAD.dual_level():\n    fwAD.make_dual(T.ones(2), T.ones(3))",
    FW + "with fwAD.dual_level():\n    fwAD.make_dual(T.ones(2), T.ones(2, 2))",
    FW + "with fwAD.dual_level():\n    fwAD.make_dual(T.ones(2), T.ones(2, dtype=T.long))",
    FW + "with fwAD.dual_level():\n    fwAD.make_dual(T.tensor([1, 2]), T.tensor([1, 2]))",
    FW + "with fwAD.dual_level():\n    with fwAD.dual_level():\n        pass",
    FW + "fwAD.exit_dual_level()",
    FW + "print(fwAD.enter_dual_level())\ntry:\n    fwAD.exit_dual_level(level=3)\nfinally:\n    fwAD.exit_dual_level()",
    FW + "print(fwAD.enter_dual_level()); print(fwAD.exit_dual_level()); fwAD.make_dual(T.ones(1), T.ones(1), level=0)",
    FW + "print(fwAD.unpack_dual(T.ones(2))); print(sorted(fwAD.__all__))",
    FW + "with fwAD.dual_level() as level:\n    print(level)\n    print(fwAD.unpack_dual(T.ones(2), level=0))",
    FW + """q = T.tensor([1., 2.], requires_grad=True)
with fwAD.dual_level():
    d = fwAD.make_dual(q, T.tensor([1., 0.]))
    print(d.grad_fn, d.requires_grad)
    out = (d ** 2).sum()
    print(fwAD.unpack_dual(out).tangent.item())
    out.backward()
print(q.grad)""",
    # ---- torch.func: grad and grad_and_value
    F + "x = T.tensor([1., 2.]); print(F.grad(lambda x: (x ** 3).sum())(x)); print(F.grad_and_value(lambda x: (x ** 3).sum())(x))",
    F + "x = T.tensor(2.); print(F.grad(F.grad(lambda x: x ** 3))(x)); print(F.grad(F.grad(F.grad(T.sin)))(x))",
    F + "x = T.randn([]); print(F.grad(T.sin)(x), x.cos()); print(F.grad(F.grad(T.sin))(x), -x.sin())",
    F + "x0 = T.tensor(2.); print(F.grad(lambda x: F.grad(lambda y: x * y ** 2)(T.tensor(3.)))(x0))",
    F + "x = T.tensor([1., 2.]); print(F.grad(lambda x: (x ** 3).sum())(T.tensor([1., 2.], requires_grad=True)))",
    F + "p = T.tensor([1., 2.]); print(F.grad(lambda x, y: (x * y).sum(), argnums=(0, 1))(p, p * 3)); print(F.grad(lambda x, y: (x * y).sum(), argnums=1)(p, p * 3))",
    F + "p = T.tensor([1., 2.]); print(F.grad(lambda x: ((x * 2).sum(), x), has_aux=True)(p)); print(F.grad_and_value(lambda x: ((x * 2).sum(), x.sum()), has_aux=True)(p))",
    F + "p = T.tensor([1., 2.]); print(F.grad(lambda d: (d['a'] * d['b']).sum())({'a': p, 'b': p * 2}))",
    F + "p = T.tensor([1., 2.]); print(F.grad(lambda x: p.sum())(p))",
    F + "F.grad(lambda x: x * 2)(T.tensor([1., 2.]))",
    F + "F.grad(lambda x: ((x * 2).sum(), x))(T.tensor([1., 2.]))",
    F + "F.grad(lambda x: (x * 2).sum(), has_aux=True)(T.tensor([1., 2.]))",
    F + "F.grad(lambda x: 3.0)(T.tensor([1., 2.]))",
    F + "F.grad(lambda x: x.sum())(T.tensor([1, 2]))",
    F + "F.grad(lambda x: x.sum())(3.0)",
    F + "F.grad(lambda x, y: (x * y).sum(), argnums=2)(T.ones(2), T.ones(2))",
    F + "F.grad(lambda x: x.sum(), argnums=(0, 0))(T.ones(2))",
    F + "F.grad(lambda x: x.sum(), argnums=())(T.ones(2))",
    F + "F.grad(lambda x: x.sum(), argnums=1.)(T.ones(2))",
    F + "print(F.grad(lambda x: x.sum(), argnums=-1)(T.ones(2)))",
    # ---- vjp and jvp
    F + "p = T.tensor([1., 2.]); o, f = F.vjp(lambda x: x.sin(), p); print(o, f(T.ones(2))); print(f(T.tensor([2., 0.])))",
    F + "p = T.tensor([1., 2.]); o, f = F.vjp(lambda x: x.sin(), p); f(T.ones(3))",
    F + "p = T.tensor([1., 2.]); print(F.vjp(lambda x: (x, x * 2), p)[1]((T.ones(2), T.ones(2)))); print(F.vjp(lambda x, y: x * y, p, p * 3)[1](T.ones(2)))",
    F + "p = T.tensor([1., 2.]); F.vjp(lambda x: (x, x * 2), p)[1](T.ones(2))",
    F + "p = T.tensor([1., 2.]); o, f, aux = F.vjp(lambda x: (x.sum(), x * 2), p, has_aux=True); print(o, aux, f(T.tensor(1.)))",
    F + "F.vjp(lambda x: 3, T.ones(2))",
    F + "F.vjp(lambda x: x, 3.)",
    F + "p = T.tensor([1., 2.]); print(F.jvp(lambda x: x.sin(), (p,), (T.ones(2),)))",
    F + """primal0 = T.randn(10, 10); tangent0 = T.randn(10, 10); primal1 = T.randn(10, 10); tangent1 = T.randn(10, 10)
def fn(x, y):
    return x ** 2 + y ** 2
primal_out, tangent_out = F.jvp(fn, (primal0, primal1), (tangent0, tangent1))
print(primal_out[0, :4], tangent_out[0, :4])
import functools
new_fn = functools.partial(fn, y=primal1)
primal_out, tangent_out = F.jvp(new_fn, (primal0,), (tangent0,))
print(tangent_out[1, :4])""",
    F + """model = T.nn.Linear(5, 5)
input = T.randn(16, 5)
params = dict(model.named_parameters())
tangents = {name: T.rand_like(p) for name, p in params.items()}
def func(params):
    return F.functional_call(model, params, input)
model_output, jvp_out = F.jvp(func, (params,), (tangents,))
print(model_output[:2], jvp_out.detach()[:2])  # PyTorch's tangent has a grad_fn here, the kit's not""",
    F + "p = T.tensor([1., 2.]); print(F.jvp(lambda x: (x.sin(), x), (p,), (T.ones(2),))); print(F.jvp(lambda x: (x.sin(), x), (p,), (T.ones(2),), has_aux=True)); print(F.jvp(lambda x: p * 2, (p,), (T.ones(2),)))",
    F + "F.jvp(lambda x: x.sin(), T.ones(2), T.ones(2))",
    F + "F.jvp(lambda x: x.sin(), (T.ones(2),), T.ones(2))",
    F + "F.jvp(lambda x: x.sin(), (T.ones(2),), (T.ones(2), T.ones(2)))",
    F + "F.jvp(lambda x: x.sin(), (T.ones(2),), (T.ones(3),))",
    F + "F.jvp(lambda x: 3, (T.ones(2),), (T.ones(2),))",
    # ---- Jacobians and Hessians
    F + "p = T.tensor([1., 2.]); print(F.jacrev(lambda x: x.sin())(p)); print(F.jacfwd(lambda x: x.sin())(p))",
    F + "p = T.tensor([1., 2.]); print(F.jacrev(lambda x, y: x * y, argnums=(0, 1))(p, p)); print(F.jacfwd(lambda x, y: x * y.sum(), argnums=(0, 1))(p, p))",
    F + "p = T.tensor([1., 2.]); print(F.jacrev(lambda x: {'a': x.sin(), 'b': x.sum()})(p)); print(F.jacrev(lambda x: (x.sin(), x), has_aux=True)(p))",
    F + "print(F.jacrev(lambda x: x.sum())(T.tensor(3.))); print(F.jacfwd(lambda x: x * 2)(T.tensor(3.)))",
    F + "F.jacrev(lambda x: x.sin(), argnums=1)(T.ones(2))",
    F + "p = T.tensor([1., 2.]); print(F.hessian(lambda x: (x ** 3).sum())(p)); print(F.hessian(lambda x, y: (x * y ** 2).sum(), argnums=(0, 1))(p, p))",
    F + "p = T.tensor([1., 2.]); print(F.jacrev(F.jacrev(lambda x: x.sin()))(p))",
    F + """def predict(weight, bias, x):
    return T.nn.functional.linear(x, weight, bias).tanh()
D = 4
weight = T.randn(D, D); bias = T.randn(D); x = T.randn(D)
jacobian = F.jacrev(predict, argnums=2)(weight, bias, x)
print(jacobian.shape, jacobian[0])
jacfwd = F.jacfwd(predict, argnums=2)(weight, bias, x)
print(T.allclose(jacobian, jacfwd, atol=1e-6))
ft_jac_weight, ft_jac_bias = F.jacrev(predict, argnums=(0, 1))(weight, bias, x)
print(ft_jac_weight.shape, ft_jac_bias.shape, ft_jac_bias[1])""",
    F + """def predict(weight, bias, x):
    return T.nn.functional.linear(x, weight, bias).tanh()
weight = T.randn(3, 3); bias = T.randn(3); x = T.randn(3)
h = F.hessian(lambda x: predict(weight, bias, x).sum())(x)
print(h.shape, T.allclose(h, F.jacfwd(F.jacrev(lambda x: predict(weight, bias, x).sum()))(x), atol=1e-6))""",
    # ---- vmap (a loop in the kit) and per-sample gradients
    F + "p = T.tensor([1., 2.]); print(F.vmap(lambda x, y: x * y, in_dims=(0, None))(T.ones(3, 2), p)); print(F.vmap(lambda x: x.sum(), in_dims=1)(T.arange(6.).reshape(2, 3)))",
    F + "print(F.vmap(lambda x: (x, x.sum()), out_dims=(1, 0))(T.arange(6.).reshape(2, 3))); print(F.vmap(F.grad(lambda x: (x ** 2).sum()))(T.arange(6.).reshape(2, 3)))",
    F + "F.vmap(lambda x, y: x * y)(T.ones(3, 2), T.ones(2, 2))",
    F + "F.vmap(lambda x: x.sum(), in_dims=(0, 0))(T.ones(3, 2))",
    F + "F.vmap(lambda x: x.sum())(3.)",
    F + "F.vmap(lambda x: 3.)(T.ones(3))",
    F + """model = T.nn.Sequential(T.nn.Linear(3, 4), T.nn.Tanh(), T.nn.Linear(4, 2))
params = {k: v.detach() for k, v in model.named_parameters()}
buffers = {k: v.detach() for k, v in model.named_buffers()}
data = T.randn(5, 3); targets = T.tensor([0, 1, 1, 0, 1])
def compute_loss(params, buffers, sample, target):
    batch = sample.unsqueeze(0); targets = target.unsqueeze(0)
    predictions = F.functional_call(model, (params, buffers), (batch,))
    return T.nn.functional.cross_entropy(predictions, targets)
ft_compute_sample_grad = F.vmap(F.grad(compute_loss), in_dims=(None, None, 0, 0))
grads = ft_compute_sample_grad(params, buffers, data, targets)
print({k: tuple(g.shape) for k, g in grads.items()})
print((grads['2.bias'] * 1000).round() / 1000)
loss = T.nn.functional.cross_entropy(model(data[:1]), targets[:1]); loss.backward()
print(T.allclose(grads['0.weight'][0], model[0].weight.grad, atol=1e-6))""",
    F + """models = [T.nn.Linear(3, 2) for _ in range(4)]
params, buffers = F.stack_module_state(models)
print({k: (tuple(v.shape), v.requires_grad, v.is_leaf) for k, v in params.items()}, buffers)
def fmodel(params, buffers, x):
    return F.functional_call(models[0], (params, buffers), (x,))
x = T.randn(5, 3)
out = F.vmap(fmodel, in_dims=(0, 0, None))(params, buffers, x)
print(out.shape, T.allclose(out[1], models[1](x)))""",
    # ---- functional_call
    F + "m = T.nn.Linear(2, 1); p = T.tensor([1., 2.]); print(F.functional_call(m, {'weight': T.ones(1, 2), 'bias': T.zeros(1)}, (p,)).detach()); print(F.functional_call(m, ({'weight': T.ones(1, 2)}, {'bias': T.zeros(1)}), p)); print(type(m.weight).__name__, m.weight.shape)",
    F + "m = T.nn.Linear(2, 1); F.functional_call(m, {'weight': T.ones(1, 2)}, T.ones(2), strict=True)",
    F + "m = T.nn.Linear(2, 1); print(F.grad(lambda p: F.functional_call(m, p, T.tensor([1., 2.])).sum())(dict(m.named_parameters())))",
]


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"fw{i:03d}" for i in range(len(SNIPPETS))])
def test_same_output_as_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)
