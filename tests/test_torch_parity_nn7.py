# ruff: noqa: E501
"""nn / optim snippets compared with PyTorch (skipped without torch)."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")

from tests.test_torch_scenarios import assert_same_as_pytorch  # noqa: E402

SNIPPETS = [
    """
F = T.nn.functional
x = T.tensor([1., -2., 3.], requires_grad=True)
for y in [F.softplus(x), F.softplus(x, beta=2, threshold=10), F.relu6(x), F.selu(x),
          T.nn.ReLU6()(x), T.nn.Softplus()(x), T.nn.SELU()(x)]:
    node = y.grad_fn
    print(node.name(), {k: getattr(node, k) for k in dir(node)
                        if k.startswith('_saved') and k != '_saved_self' and k != '_saved_result'})
""",
    """
F = T.nn.functional
print(F.mse_loss.__module__, F.l1_loss.__module__, F.cross_entropy.__module__)
print(F.relu.__module__, F.softmax.__module__, F.dropout.__module__)
""",
    """
m = T.nn.Linear(2, 3)
m.register_buffer('b', T.zeros(1))
m.act = T.nn.ReLU()
m.x = 3
print(list(vars(m)))
print('weight' in dir(m), 'b' in dir(m), 'act' in dir(m))
m.bias = None
print(m.bias, 'bias' in vars(m), list(m._parameters))
del m.weight
print(list(m._parameters))
try:
    m.weight
except AttributeError as e:
    print(e)
""",
    """
s = T.nn.Sequential(T.nn.Linear(2, 2), T.nn.ReLU())
print([k for k in dir(s) if k[0].isdigit()], list(vars(s))[-1])
d = T.nn.ModuleDict({'a': T.nn.ReLU(), 'b': T.nn.Tanh()})
del d['a']
print(d, hasattr(d, 'a'))
""",
    """
T.manual_seed(0)
w = T.nn.Parameter(T.randn(2, 3, 4))
b = T.nn.Parameter(T.randn(4))
s = T.nn.Parameter(T.tensor(2.))
opt = T.optim.Adafactor([w, b, s], lr=0.01)
for _ in range(2):
    opt.zero_grad()
    (w.sum()**2 + (b**2).sum() + s**3).backward()
    opt.step()
for p in (w, b, s):
    for k, v in opt.state[p].items(): print(k, v)
print(w, b, s)
print(opt.state_dict()['param_groups'])
print(opt)
""",
    """
T.manual_seed(0)
w = T.nn.Parameter(T.randn(3, 5))
opt = T.optim.Adafactor([w], lr=0.01, beta2_decay=-0.5, d=2.0, weight_decay=0.1, maximize=True)
for _ in range(3):
    opt.zero_grad()
    (w**2).sum().backward()
    opt.step()
for k, v in opt.state[w].items(): print(k, v)
print(w)
""",
    """
T.manual_seed(0)
w = T.nn.Parameter(T.randn(3, 5))
opt = T.optim.Adafactor([w], lr=0.01, eps=(None, 1e-3))
w.grad = T.randn(3, 5)
opt.step()
print(w, opt.state[w])
""",
    """
for kw in [dict(lr=-1.), dict(eps=(1e-3,)), dict(beta2_decay=0.5), dict(d=-1.), dict(weight_decay=-1), dict(eps=(-1., 1e-3)), dict(lr=T.tensor(0.1)), dict(foreach=True)]:
    try:
        T.optim.Adafactor([T.nn.Parameter(T.ones(2))], **kw)
        print('ok', kw)
    except Exception as e:
        print(type(e).__name__, e)
""",
    """
for name, kw in [('SGD', dict(lr=0.1, momentum=0.9, nesterov=True)), ('Adam', {}), ('AdamW', dict(amsgrad=True)), ('RMSprop', dict(centered=True, momentum=0.5)), ('Adagrad', {}), ('Adadelta', {}), ('Adamax', {}), ('NAdam', {}), ('RAdam', {}), ('ASGD', {}), ('Rprop', {}), ('Adafactor', {}), ('SGD', dict(lr=0.1, weight_decay=0.1))]:
    s = T.nn.Parameter(T.tensor(2.))
    v = T.nn.Parameter(T.tensor([1., -1.]))
    opt = getattr(T.optim, name)([s, v], **kw)
    for _ in range(3):
        opt.zero_grad()
        (s**3 + (v**2).sum()).backward()
        opt.step()
    print(name, s, v)
    print({k: val for k, val in opt.state[s].items()})
""",
    """
w = T.nn.Parameter(T.ones(3, 4))
opt = T.optim.Adafactor([w])
w.grad = T.ones(3, 4)
opt.step()
w2 = T.nn.Parameter(T.ones(4, 3))
opt2 = T.optim.Adafactor([w2])
opt2.load_state_dict(opt.state_dict())
w2.grad = T.ones(4, 3)
try:
    opt2.step()
except Exception as e: print(type(e).__name__, e)
print(w2)
""",
    """
w = T.nn.Parameter(T.ones(3, 4))
opt = T.optim.Adafactor([w])
w.grad = T.ones(3, 4)
opt.step()
w2 = T.nn.Parameter(T.ones(5))
opt2 = T.optim.Adafactor([w2])
opt2.load_state_dict(opt.state_dict())
w2.grad = T.ones(5)
try:
    opt2.step()
except Exception as e: print(type(e).__name__, e)
print(w2)
""",
    """
w = T.nn.Parameter(T.ones(5))
opt = T.optim.Adafactor([w])
w.grad = T.ones(5)
opt.step()
w2 = T.nn.Parameter(T.ones(3))
opt2 = T.optim.Adafactor([w2])
opt2.load_state_dict(opt.state_dict())
w2.grad = T.ones(3)
try:
    opt2.step()
except Exception as e: print(type(e).__name__, e)
print(w2)
""",
    """
w = T.nn.Parameter(T.ones(5))
opt = T.optim.Adafactor([w])
w.grad = T.ones(5)
opt.step()
w2 = T.nn.Parameter(T.ones(2, 5))
opt2 = T.optim.Adafactor([w2])
opt2.load_state_dict(opt.state_dict())
w2.grad = T.ones(2, 5)
try:
    opt2.step()
except Exception as e: print(type(e).__name__, e)
print(w2)
""",
    """
w = T.nn.Parameter(T.ones(2, 3, 4))
opt = T.optim.Adafactor([w])
w.grad = T.ones(2, 3, 4)
opt.step()
w2 = T.nn.Parameter(T.ones(3, 4))
opt2 = T.optim.Adafactor([w2])
opt2.load_state_dict(opt.state_dict())
w2.grad = T.ones(3, 4)
try:
    opt2.step()
except Exception as e: print(type(e).__name__, e)
print(w2)
""",
    """
T.manual_seed(0)
for dim in [0, 1, 2, None]:
    m = T.nn.utils.weight_norm(T.nn.Conv1d(3, 2, 2), dim=dim)
    n = m.weight.grad_fn
    print(dim, n, n.next_functions, m.weight_g.shape)
    if n.name() == 'WeightNormInterfaceBackward0':
        print(n._saved_dim, n._saved_result1, n._saved_g.shape, n._saved_v.shape)
    out = m(T.randn(1, 3, 4)).pow(2).sum()
    out.backward()
    print(m.weight_g.grad, m.weight_v.grad)
""",
    """
T.manual_seed(0)
m = T.nn.utils.parametrizations.weight_norm(T.nn.Linear(3, 2))
print(m.weight.grad_fn, m.weight.grad_fn.next_functions)
x = T.randn(4, 3, requires_grad=True)
m(x).sum().backward()
print(m.parametrizations.weight.original0.grad, m.parametrizations.weight.original1.grad)
g = T.autograd.grad(m.weight.sum(), m.parametrizations.weight.original1, create_graph=True)[0]
print(g)
print(T.autograd.grad(g.pow(2).sum(), m.parametrizations.weight.original0)[0])
""",
    """
T.manual_seed(0)
m = T.nn.utils.parametrizations.weight_norm(T.nn.Linear(3, 2), dim=None)
print(m.weight.grad_fn, m.weight.grad_fn.next_functions)
m = T.nn.utils.parametrizations.weight_norm(T.nn.Linear(3, 2), dim=1)
print(m.weight.grad_fn, m.weight.grad_fn.next_functions, m.parametrizations.weight.original0)
""",
    """
T.manual_seed(0)
m = T.nn.SyncBatchNorm(3)
print(m, type(m), m.process_group)
x = T.randn(4, 3)
y = m(x)
print(y, m.running_mean, m.num_batches_tracked)
m.eval(); print(m(T.ones(2, 3, 2)))
for bad in [T.ones(3), T.ones(2, 0)]:
    try: m(bad)
    except Exception as e: print(type(e).__name__, e)
net = T.nn.Sequential(T.nn.Linear(2, 3), T.nn.BatchNorm1d(3), T.nn.Sequential(T.nn.BatchNorm2d(3, affine=False), T.nn.InstanceNorm1d(3)))
net[1].eval()
s = T.nn.SyncBatchNorm.convert_sync_batchnorm(net)
print(s, s is net, s[1].weight is net[1].weight, s[1].training, s[2][0].running_mean is net[2][0].running_mean)
print(T.nn.SyncBatchNorm.convert_sync_batchnorm(T.nn.BatchNorm1d(2)))
print(T.nn.modules.batchnorm.SyncBatchNorm is T.nn.SyncBatchNorm)
""",
    """
m = T.nn.Linear(1, 1)
print(m.state_dict, m.register_forward_hook, m.load_state_dict, m.zero_grad, m.train, m.to)
""",
    """
w = T.nn.Parameter(T.ones(1))
for o in [T.optim.SGD([w], lr=0.1), T.optim.Adam([w]), T.optim.LBFGS([w])]:
    print(o.step)
    print(o.zero_grad)
    print(o.state_dict)
    print(o.add_param_group)
    print(o.load_state_dict)
s = T.optim.lr_scheduler.StepLR(o, 2)
print(s.step, s.get_last_lr, s.state_dict)
print(T.optim.SGD.step, T.optim.Optimizer.zero_grad)
""",
    """
import importlib
prune = importlib.import_module(T.__name__ + '.nn.utils.prune')
T.manual_seed(0)
class LeNet(T.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = T.nn.Conv2d(1, 3, 3)
        self.fc1 = T.nn.Linear(12, 4)
    def forward(self, x):
        return self.fc1(T.relu(self.conv1(x)).flatten(1)[:, :12])
model = LeNet()
module = model.conv1
print(list(module.named_parameters()))
prune.random_unstructured(module, name="weight", amount=0.3)
print([n for n, _ in module.named_parameters()])
print(list(module.named_buffers()))
print(module.weight)
print(list(module._forward_pre_hooks.values()))
prune.l1_unstructured(module, name="bias", amount=1)
print(module.bias, module.bias_mask)
prune.ln_structured(module, name="weight", amount=0.5, n=2, dim=0)
print(module.weight_mask)
for hook in module._forward_pre_hooks.values():
    if hook._tensor_name == "weight":
        break
print(list(hook), len(hook), type(hook).__name__)
print(model.state_dict().keys())
out = model(T.randn(1, 1, 4, 4))
print(out.grad_fn, module.weight.grad_fn)
out.sum().backward()
print(module.weight_orig.grad)
prune.remove(module, 'weight')
print([n for n, _ in module.named_parameters()], [n for n, _ in module.named_buffers()], module.weight)
print(prune.is_pruned(model))
prune.remove(module, 'bias')
print(prune.is_pruned(model))
try: prune.remove(module, 'bias')
except Exception as e: print(type(e).__name__, e)
""",
    """
import importlib
prune = importlib.import_module(T.__name__ + '.nn.utils.prune')
T.manual_seed(1)
model = T.nn.Sequential(T.nn.Linear(4, 6), T.nn.ReLU(), T.nn.Linear(6, 2))
params = ((model[0], 'weight'), (model[2], 'weight'))
prune.global_unstructured(params, pruning_method=prune.L1Unstructured, amount=0.4)
for m, n in params:
    print(float(T.sum(getattr(m, n) == 0)), getattr(m, n + '_mask').sum())
print(list(model[0]._forward_pre_hooks.values()))
prune.random_structured(model[2], 'weight', amount=1, dim=1)
print(model[2].weight_mask)
prune.custom_from_mask(model[2], 'bias', mask=T.tensor([0., 1.]))
print(model[2].bias)
prune.identity(model[0], 'bias')
print(model[0].bias_mask)
""",
    """
import importlib
prune = importlib.import_module(T.__name__ + '.nn.utils.prune')
m = T.nn.Linear(3, 2)
for kw in [dict(amount=-1), dict(amount=1.5), dict(amount='a'), dict(amount=10)]:
    try: prune.l1_unstructured(m, 'weight', **kw)
    except Exception as e: print(type(e).__name__, e)
print([n for n, _ in m.named_parameters()])
try: prune.ln_structured(m, 'bias', amount=1, n=2, dim=0)
except Exception as e: print(type(e).__name__, e)
try: prune.ln_structured(m, 'weight', amount=1, n=2, dim=3)
except Exception as e: print(type(e).__name__, e)
try: prune.global_unstructured([(m, 'weight')], pruning_method=prune.LnStructured, amount=1, n=1)
except Exception as e: print(type(e).__name__, e)
try: prune.l1_unstructured(m, 'weight', amount=1, importance_scores=T.ones(3))
except Exception as e: print(type(e).__name__, e)
p = prune.L1Unstructured(amount=0.5)
print(p.prune(T.tensor([1., -3., 2., 0.5])))
print(prune.RandomUnstructured(0.5).amount, prune.LnStructured(2, n='fro', dim=0).n)
T.manual_seed(0)
print(prune.RandomStructured(1, dim=0).prune(T.ones(3, 2)))
""",
    """
import warnings
T.manual_seed(0)
m = T.nn.Linear(2, 1)
with warnings.catch_warnings(record=True) as ws:
    warnings.simplefilter('always')
    out = T.nn.utils.stateless.functional_call(m, {'weight': T.ones(1, 2)}, (T.ones(1, 2),))
    print([(w.category.__name__, str(w.message)) for w in ws])
print(out, m.weight, list(vars(m))[-2:])
w = T.ones(1, 2, requires_grad=True)
out = T.nn.utils.stateless.functional_call(m, {'weight': w, 'bias': T.zeros(1)}, T.ones(3, 2))
out.sum().backward()
print(out, w.grad, m.weight.grad)
try: T.nn.utils.stateless.functional_call(m, {'weight': w, 'foo': w}, T.ones(3, 2), strict=True)
except Exception as e: print(type(e).__name__, e)
""",
    """
T.manual_seed(0)
class Tied(T.nn.Module):
    def __init__(self):
        super().__init__()
        self.a = T.nn.Linear(2, 2, bias=False)
        self.b = T.nn.Linear(2, 2, bias=False)
        self.b.weight = self.a.weight
    def forward(self, x):
        return self.b(self.a(x))
t = Tied()
print(T.nn.utils.stateless.functional_call(t, {'a.weight': T.eye(2) * 2}, T.ones(1, 2)))
print(T.nn.utils.stateless.functional_call(t, {'a.weight': T.eye(2) * 2}, T.ones(1, 2), tie_weights=False))
print(t.a.weight is t.b.weight)
""",
    """
T.manual_seed(0)
m = T.nn.BatchNorm1d(2)
import warnings
warnings.simplefilter('ignore')
out = T.nn.utils.stateless.functional_call(m, {'running_mean': T.ones(2), 'weight': T.zeros(2)}, T.randn(4, 2))
print(out, m.running_mean, m.weight, list(vars(m))[-3:])
m.eval()
print(T.nn.utils.stateless.functional_call(m, {'running_mean': T.ones(2)}, T.ones(1, 2)))
""",
    """
print(T.nn.utils.clip_grad_norm_.__module__, T.nn.utils.parameters_to_vector.__module__, T.nn.utils.skip_init.__module__)
from importlib import import_module
cg = import_module(T.__name__ + '.nn.utils.clip_grad')
cp = import_module(T.__name__ + '.nn.utils.convert_parameters')
print(cg.clip_grad_norm_ is T.nn.utils.clip_grad_norm_, cp.vector_to_parameters is T.nn.utils.vector_to_parameters)
m = T.nn.utils.skip_init(T.nn.Linear, 2, 3)
print(m.weight.shape)
""",
    """
T.manual_seed(0)
for lr in [1, 0.5, 2]:
    for ls in [None, 'strong_wolfe']:
        w = T.nn.Parameter(T.tensor([1.5, -0.5]))
        opt = T.optim.LBFGS([w], lr=lr, line_search_fn=ls, max_iter=3)
        def closure():
            opt.zero_grad()
            l = ((w - T.tensor([0.25, 0.75])) ** 2).sum() + (w[0] * w[1]) ** 2
            l.backward()
            return l
        for _ in range(2):
            loss = opt.step(closure)
        s = opt.state[w]
        print(lr, ls, loss, w, s['t'], s['n_iter'], s['func_evals'], type(s['t']).__name__)
""",
    """
T.manual_seed(0)
m = T.nn.Sequential(T.nn.Linear(2, 2), T.nn.ReLU(), T.nn.Linear(2, 1))
acts = {}
def hook(mod, inp, out):
    acts[type(mod).__name__] = (type(inp).__name__, len(inp), out.shape, out.grad_fn)
hs = [l.register_forward_hook(hook) for l in m]
y = m(T.randn(3, 2))
print(acts)
for h in hs: h.remove()
print(m[0]._forward_hooks)
def bhook(mod, gin, gout):
    print(type(mod).__name__, [None if g is None else g.shape for g in gin], [g.shape for g in gout])
for l in m: l.register_full_backward_hook(bhook)
m(T.randn(3, 2, requires_grad=True)).sum().backward()
""",
    """
T.manual_seed(0)
m = T.nn.Linear(2, 2)
def pre(mod, args, kwargs):
    print('pre', len(args), kwargs)
    return (args[0] * 2,), kwargs
m.register_forward_pre_hook(pre, with_kwargs=True)
print(m(T.ones(1, 2)))
def post(mod, args, kwargs, out):
    return out + 1
h = m.register_forward_hook(post, with_kwargs=True)
print(m(T.ones(1, 2)))
h.remove()
m.register_forward_hook(lambda mod, i, o: print('always'), always_call=True)
print(m(T.ones(1, 2)).shape)
""",
    """
m = T.nn.Linear(2, 2)
import warnings
with warnings.catch_warnings(record=True) as ws:
    warnings.simplefilter('always')
    m.register_backward_hook(lambda *a: None)
    m(T.ones(1, 2, requires_grad=True)).sum().backward()
    print([str(w.message)[:120] for w in ws])
try:
    m.register_full_backward_hook(lambda *a: None)
except Exception as e: print(type(e).__name__, e)
""",
    """
m = T.nn.ReLU(inplace=True)
m.register_full_backward_hook(lambda *a: None)
x = T.randn(3, requires_grad=True)
try:
    m(x * 1)
    print('ok')
except Exception as e: print(type(e).__name__, e)
y = m(x.clone())
y2 = y.view(3)
print(y.grad_fn, y2.grad_fn)
""",
    """
m = T.nn.Linear(2, 2)
m.register_full_backward_hook(lambda *a: None)
x = T.randn(1, 2, requires_grad=True)
y = m(x)
print(y.grad_fn, y.grad_fn.name(), y.grad_fn.next_functions)
print(y.grad_fn.next_functions[0][0].next_functions)
try: y.add_(1)
except Exception as e: print(type(e).__name__, e)
print(y._base is None, y._is_view())
""",
    """
m = T.nn.Linear(2, 2)
m.foo = 3
m.foo = T.nn.Parameter(T.ones(1))
print(list(m._parameters), 'foo' in vars(m))
m.weight = T.nn.ReLU()
print(list(m._parameters), list(m._modules), m)
m.weight = T.nn.Parameter(T.ones(2))
print(list(m._parameters), list(m._modules))
m.register_buffer('buf', T.ones(1))
m.buf = T.zeros(2)
print(m.buf, list(m._buffers))
try: m.buf = 5
except Exception as e: print(type(e).__name__, e)
m.buf = None
print(m._buffers, m.buf)
try: m.register_buffer('weight', T.ones(1))
except Exception as e: print(type(e).__name__, e)
try: m.register_parameter('buf', T.nn.Parameter(T.ones(1)))
except Exception as e: print(type(e).__name__, e)
try: m.add_module('foo', T.nn.ReLU())
except Exception as e: print(type(e).__name__, e)
m.bar = 1
try: m.register_buffer('bar', T.ones(1))
except Exception as e: print(type(e).__name__, e)
m.buf2 = T.nn.Buffer(T.ones(2), persistent=False)
print(list(m.state_dict()), m._non_persistent_buffers_set)
del m.buf2
print(m._non_persistent_buffers_set, list(m._buffers))
print(sorted(k for k in dir(m) if not k.startswith('_'))[:60])
""",
    """
class Net(T.nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = [T.nn.Linear(1, 1)]
        self.w = T.ones(2, requires_grad=True)
    @property
    def thing(self):
        return self.missing_attr
n = Net()
print(list(n.parameters()), n)
try: n.thing
except AttributeError as e: print(e)
n.training = False
print(n.training, vars(n)['training'])
print(hasattr(n, 'w'), hasattr(n, 'nope'), getattr(n, 'nope', 7))
""",
    """
w = T.nn.Parameter(T.ones(2))
for name in ['SGD', 'Adam', 'AdamW', 'RMSprop', 'Adagrad', 'Adadelta', 'Adamax', 'NAdam', 'RAdam', 'ASGD', 'Rprop']:
    for kw in [dict(foreach=True), dict(fused=True), dict(differentiable=True), dict(capturable=True), dict(foreach=True, fused=True)]:
        try:
            o = getattr(T.optim, name)([w], lr=0.1, **kw)
            w.grad = T.ones(2)
            o.step()
            print(name, kw, 'ok', w.data)
        except Exception as e: print(name, kw, type(e).__name__, e)
""",
    """
T.manual_seed(0)
lstm = T.nn.LSTM(3, 4, num_layers=2, batch_first=True)
x = T.randn(2, 5, 3)
for h in [(T.zeros(2, 2, 4), T.zeros(2, 2, 4)), (T.zeros(1, 2, 4), T.zeros(2, 2, 4)), (T.zeros(2, 2, 4), T.zeros(2, 1, 4)), T.zeros(2, 2, 4)]:
    try:
        o, (hn, cn) = lstm(x, h)
        print(o.shape, hn.shape)
    except Exception as e: print(type(e).__name__, e)
gru = T.nn.GRU(3, 4)
for h in [T.zeros(1, 5, 4), T.zeros(1, 2, 4), T.zeros(2, 4)]:
    try: print(gru(T.randn(7, 2, 3), h)[1].shape)
    except Exception as e: print(type(e).__name__, e)
try: print(gru(T.randn(7, 3), T.zeros(1, 4))[1].shape)
except Exception as e: print(type(e).__name__, e)
try: print(gru(T.randn(7, 3), T.zeros(1, 1, 4))[1].shape)
except Exception as e: print(type(e).__name__, e)
try: print(gru(T.randn(7, 2, 3).double()))
except Exception as e: print(type(e).__name__, e)
""",
    """
T.manual_seed(0)
rnn = T.nn.RNN(2, 3, batch_first=True)
x = T.randn(1, 4, 2)
out, h = rnn(x)
print(out, h)
print(out.grad_fn, h.grad_fn)
out.sum().backward()
print(rnn.weight_hh_l0.grad)
cell = T.nn.GRUCell(2, 3)
hx = cell(x[:, 0])
print(hx, hx.grad_fn)
lc = T.nn.LSTMCell(2, 3)
h, c = lc(x[0])
print(h.grad_fn, c.grad_fn)
try: lc(x[0], (T.zeros(4, 3),))
except Exception as e: print(type(e).__name__, e)
try: cell(T.randn(3, 5))
except Exception as e: print(type(e).__name__, e)
try: cell(T.randn(3, 2), T.zeros(2, 3))
except Exception as e: print(type(e).__name__, e)
""",
    """
for cell in [T.nn.RNNCell(2, 3), T.nn.GRUCell(2, 3), T.nn.LSTMCell(2, 3)]:
    for x, h in [(T.randn(4, 2), T.zeros(4, 5)), (T.randn(4, 3), None), (T.randn(2), T.zeros(3)), (T.randn(4, 2), T.zeros(3, 3)), (T.randn(2), T.zeros(2, 3))]:
        try:
            hh = (h, h) if isinstance(cell, T.nn.LSTMCell) and h is not None else h
            r = cell(x, hh)
            print(type(cell).__name__, r[0].shape if isinstance(r, tuple) else r.shape)
        except Exception as e: print(type(cell).__name__, type(e).__name__, e)
""",
    """
F = T.nn.functional
x = T.randn(1, 4, 4, 4)
for w, g in [(T.randn(3, 1, 3, 3), 4), (T.randn(6, 1, 3, 3), 4), (T.randn(4, 1, 3, 3), 4), (T.randn(3, 2, 3, 3), 2)]:
    try: print(F.conv2d(x, w, groups=g).shape)
    except Exception as e: print(type(e).__name__, e)
for args in [(4, 6, 3), (4, 4, 3)]:
    try: print(T.nn.Conv2d(*args, groups=4))
    except Exception as e: print(type(e).__name__, e)
try: print(F.conv1d(T.randn(1, 4, 5), T.randn(3, 2, 3), groups=2).shape)
except Exception as e: print(type(e).__name__, e)
try: print(F.conv_transpose2d(x, T.randn(4, 1, 3, 3), groups=3).shape)
except Exception as e: print(type(e).__name__, e)
""",
    """
F = T.nn.functional
x = T.randn(1, 2, 4, 4)
for w in [T.randn(3, 2), T.randn(3, 2, 3), T.randn(3, 2, 3, 3, 3), T.randn(3)]:
    for kw in [{}, dict(stride=2), dict(stride=(2, 1)), dict(padding=1)]:
        try: F.conv2d(x, w, **kw)
        except Exception as e: print(w.dim(), kw, type(e).__name__, e)
for w in [T.randn(3, 2, 3, 3), T.randn(3, 2)]:
    try: F.conv1d(T.randn(1, 2, 5), w)
    except Exception as e: print(type(e).__name__, e)
try: F.conv1d(T.randn(1, 2, 5), T.randn(3, 2, 3, 3), stride=2)
except Exception as e: print(type(e).__name__, e)
try: F.conv3d(T.randn(1, 2, 5, 5, 5), T.randn(3, 2, 3, 3))
except Exception as e: print(type(e).__name__, e)
try: T.nn.Conv2d(2, 3, 3)(T.randn(2, 4, 4))
except Exception as e: print(type(e).__name__, e)
""",
    """
F = T.nn.functional
x = T.randn(1, 2, 4, 4)
calls = [lambda: F.conv2d(x, T.randn(3, 2, 5, 5)), lambda: F.conv2d(x, T.randn(3, 3, 3, 3)), lambda: F.conv2d(x, T.randn(3, 2, 3)),
 lambda: F.conv2d(x, T.randn(3, 1, 3, 3), groups=2), lambda: F.conv2d(x, T.randn(3, 2, 3, 3), bias=T.zeros(2)), lambda: F.conv2d(x, T.randn(3, 2, 3, 3), stride=0),
 lambda: F.conv2d(x, T.randn(3, 2, 3, 3), padding=-1), lambda: F.conv1d(x, T.randn(3, 2, 3)), lambda: F.conv2d(x.double(), T.randn(3, 2, 3, 3)),
 lambda: F.max_pool2d(x, 5), lambda: F.max_pool2d(x, 2, padding=2), lambda: F.avg_pool2d(x, 3, padding=2), lambda: F.avg_pool2d(x, 5),
 lambda: F.max_pool2d(x, 0), lambda: F.max_pool2d(x, 2, stride=0), lambda: F.adaptive_avg_pool2d(x, (0, 2)), lambda: F.max_pool1d(x, 2),
 lambda: F.pad(x, (1, 1, 1)), lambda: F.pad(x, (1, 1), mode='reflect'), lambda: F.pad(x, (4, 4), mode='reflect'), lambda: F.pad(x, (1, 1), mode='foo'),
 lambda: F.interpolate(x, size=3, scale_factor=2), lambda: F.interpolate(x), lambda: F.interpolate(x, scale_factor=2, mode='linear'),
 lambda: F.interpolate(x, scale_factor=2, mode='nearest', align_corners=True), lambda: F.interpolate(x, size=(2, 2, 2)),
 lambda: F.conv_transpose2d(x, T.randn(2, 3, 3, 3), output_padding=2), lambda: F.unfold(T.randn(2, 3), 2), lambda: F.fold(T.randn(1, 8, 4), (3, 3), 2),
 lambda: F.embedding(T.tensor([3]), T.randn(3, 2)), lambda: F.linear(T.randn(2, 3), T.randn(4, 3), T.randn(3)),
 lambda: F.batch_norm(x, T.zeros(3), T.ones(3)), lambda: F.layer_norm(x, (3,)), lambda: F.group_norm(x, 3), lambda: F.instance_norm(x, T.zeros(3), T.ones(3)),
 lambda: F.normalize(x, p=2, dim=5), lambda: F.softmax(x, dim=4), lambda: F.glu(T.randn(3)), lambda: F.pixel_shuffle(x, 3), lambda: F.pixel_unshuffle(x, 3),
 lambda: F.dropout(x, p=-0.1), lambda: F.cosine_similarity(T.randn(3), T.randn(4)), lambda: F.one_hot(T.tensor([1., 2.])), lambda: F.one_hot(T.tensor([1, 5]), 3)]
for i, c in enumerate(calls):
    try: r = c(); print(i, r.shape)
    except Exception as e: print(i, type(e).__name__, e)
""",
    """
import warnings
with warnings.catch_warnings(record=True) as ws:
    warnings.simplefilter('always')
    print(T.nn.init.eye(T.empty(2, 3)))
    print([(w.category.__name__, str(w.message)) for w in ws])
print(T.nn.init.eye_(T.empty(3, 2)))
print(T.optim.Adafactor, T.optim.Adafactor.__module__, T.nn.utils.parametrizations.orthogonal.__module__)
import pickle
w = T.nn.Parameter(T.ones(2))
o = pickle.loads(pickle.dumps(T.optim.Adafactor([w])))
print(type(o))
""",
    """
T.manual_seed(0)
m = T.nn.LazyBatchNorm1d(bias=False); print(m.bias, m.weight); y = m(T.randn(4, 3)); print(m, m.bias, y.grad_fn, [n for n, _ in m.named_parameters()])
m = T.nn.LazyInstanceNorm1d(affine=True, bias=False); print(m.bias); m(T.randn(2, 3, 4)); print(m, m.bias)
m = T.nn.LazyBatchNorm2d(); m(T.randn(2, 3, 2, 2)); print(m, m.bias)
m = T.nn.LazyInstanceNorm2d(); m(T.randn(2, 3, 2, 2)); print(m, m.bias, m.weight)
""",
    """
T.manual_seed(0)
for m in [T.nn.LazyConv2d(4, 3, 1, 1, 1, 1, False), T.nn.LazyConv1d(2, 3, 2, padding_mode='reflect', padding=1), T.nn.LazyConvTranspose2d(4, 3, 2, 1, 1, 1, False, 1), T.nn.LazyConv3d(2, 2, bias=False), T.nn.LazyConvTranspose1d(3, 2, dilation=2)]:
    print(m, m.bias)
    x = T.randn(1, 2, *([5] * (m.nd if hasattr(m, 'nd') else len(m.kernel_size))))
    y = m(x)
    print(type(m).__name__, m, y.shape, round(float(y.sum()), 4))
""",
    """
m = T.nn.Sequential(T.nn.Linear(2, 3), T.nn.Sequential(T.nn.ReLU(), T.nn.Linear(3, 1)))
m.set_submodule('1.0', T.nn.Tanh())
m.set_submodule('0', T.nn.Linear(2, 3, bias=False))
print(m)
for args in [('', T.nn.ReLU()), ('1.x', T.nn.ReLU(), True), ('0.weight', T.nn.ReLU()), ('1.0', 3), ('2.0', T.nn.ReLU())]:
    try:
        m.set_submodule(*args); print('ok', args[0])
    except Exception as e: print(type(e).__name__, e)
print(m)
l = T.nn.Linear(1, 1)
s = T.nn.Sequential(l, l)
print(len(list(s.modules())), len(list(s.modules(remove_duplicate=False))), T.nn.Module.dump_patches)
""",
    """
T.manual_seed(0)
e = T.nn.Embedding(4, 3, max_norm=1.0)
w0 = e.weight.clone()
y = e(T.tensor([0, 2]))
print(y.norm(dim=1), e.weight.norm(dim=1), e.weight._version)
bag = T.nn.EmbeddingBag(4, 2, mode='mean', padding_idx=0)
print(bag(T.tensor([[0, 1], [2, 0]])), bag.weight[0])
bag2 = T.nn.EmbeddingBag.from_pretrained(T.eye(3), mode='max')
print(bag2(T.tensor([0, 2, 1]), T.tensor([0, 1])))
w = T.nn.EmbeddingBag(3, 2, mode='sum')
print(w(T.tensor([0, 1, 2]), T.tensor([0, 2]), per_sample_weights=T.tensor([1., 2., 3.])))
try: T.nn.EmbeddingBag(3, 2)(T.tensor([0, 1]), per_sample_weights=T.tensor([1., 2.]))
except Exception as e: print(type(e).__name__, e)
try: T.nn.EmbeddingBag(3, 2)(T.tensor([[0, 1]]), T.tensor([0]))
except Exception as e: print(type(e).__name__, e)
""",
    """
F = T.nn.functional
w = T.randn(4, 2)
calls = [lambda: F.embedding_bag(T.tensor([0, 1]), w, T.tensor([0]), mode='mean', per_sample_weights=T.ones(2)),
         lambda: F.embedding_bag(T.tensor([0, 1]), w, T.tensor([0]), mode='max', per_sample_weights=T.ones(3)),
         lambda: F.embedding_bag(T.tensor([0, 1]), T.randn(4), T.tensor([0])),
         lambda: F.embedding_bag(T.tensor([0, 1]), w, T.tensor([0]), mode='max', scale_grad_by_freq=True),
         lambda: F.embedding_bag(T.tensor([0, 1]), w, T.tensor([0]), mode='max', sparse=True),
         lambda: F.embedding_bag(T.tensor([0, 1]), w, T.tensor([0]), mode='foo'),
         lambda: F.embedding_bag(T.tensor([0, 1]), w, None, mode='foo'),
         lambda: F.embedding_bag(T.tensor([[[0]]]), w),
         lambda: F.embedding_bag(T.tensor([0, 1]), w, T.tensor([[0]]))]
for c in calls:
    try: print(c())
    except Exception as e: print(type(e).__name__, e)
""",
    """
m = T.nn.Linear(2, 2)
print(m.to('cpu', T.float64).weight.dtype, m.to(T.zeros(1, dtype=T.float16)).weight.dtype, m.to(dtype=T.float32, non_blocking=True).weight.dtype)
print(m.to(T.device('cpu')) is m)
for args in [(T.int64,), ('foo',), (), ('cpu', 'cpu')]:
    try: print(m.to(*args).weight.dtype)
    except Exception as e: print(type(e).__name__, e)
print(m.type(T.float64).weight.dtype, m.float().bias.dtype)
m.weight.grad = T.ones(2, 2)
m.double()
print(m.weight.grad.dtype, m.weight.dtype)
m.requires_grad_(False)
print([p.requires_grad for p in m.parameters()])
m.zero_grad()
print(m.weight.grad)
bn = T.nn.BatchNorm1d(2).half()
print(bn.running_mean.dtype, bn.num_batches_tracked.dtype)
""",
    """
p = T.nn.Parameter(T.ones(2, dtype=T.float64))
print(p, repr(p), str(p))
print(T.nn.Parameter(T.ones(2), requires_grad=False))
print(type(p * 2).__name__, type(p.data).__name__, type(p.detach()).__name__, type(p[0]).__name__, type(p.clone()).__name__)
try: T.nn.Parameter(T.tensor([1, 2]))
except Exception as e: print(type(e).__name__, e)
print(T.nn.Parameter(T.tensor([1, 2]), requires_grad=False))
print(T.nn.Parameter())
b = T.nn.Buffer(T.ones(2))
print(b, type(b).__name__, b.persistent if hasattr(b, 'persistent') else None)
import copy
q = copy.deepcopy(p)
print(type(q).__name__, q is p, q.requires_grad)
print(isinstance(p, T.Tensor), T.is_tensor(p))
print(p.grad_fn, p.is_leaf, (p * 1).is_leaf)
try: T.nn.Parameter(p * 2)
except Exception as e: print(type(e).__name__, e)
print(T.nn.Parameter(p * 2).grad_fn)
""",
]


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"n{i:03d}" for i in range(len(SNIPPETS))])
def test_same_as_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)
