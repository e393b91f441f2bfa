# ruff: noqa: E501
"""nn.Module API and layer snippets compared with PyTorch (skipped without torch)."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")

from tests.test_torch_scenarios import assert_same_as_pytorch  # noqa: E402

SNIPPETS = [
    """
m = T.nn.Sequential(T.nn.Linear(2, 3), T.nn.ReLU(), T.nn.Linear(3, 1))
print([n for n, _ in m.named_parameters(prefix='net')])
print([n for n, _ in m.named_modules(prefix='root')])
print([n for n, _ in m.named_children()])
print([n for n, _ in m.named_buffers()])
""",
    """
l = T.nn.Linear(2, 2)
m = T.nn.Sequential(l, l)
print(len(list(m.parameters())), len(list(m.named_parameters(remove_duplicate=False))))
print([n for n, _ in m.named_modules(remove_duplicate=False)])
print([n for n, _ in m.named_modules()])
print(list(m.state_dict().keys()))
""",
    """
m = T.nn.Linear(3, 2)
try:
    m.register_buffer('weight', T.zeros(1))
except KeyError as e:
    print(repr(e))
try:
    m.register_buffer('a.b', T.zeros(1))
except KeyError as e:
    print(repr(e))
try:
    m.register_buffer('', T.zeros(1))
except KeyError as e:
    print(repr(e))
try:
    m.register_buffer(3, T.zeros(1))
except TypeError as e:
    print(repr(e))
try:
    m.register_buffer('x', [1])
except TypeError as e:
    print(repr(e))
""",
    """
m = T.nn.Linear(3, 2)
try:
    m.register_parameter('p', T.zeros(1))
except TypeError as e:
    print(repr(e))
try:
    m.register_parameter('weight2.x', T.nn.Parameter(T.zeros(1)))
except KeyError as e:
    print(repr(e))
m.foo = 1
try:
    m.register_parameter('foo', T.nn.Parameter(T.zeros(1)))
except KeyError as e:
    print(repr(e))
m.register_parameter('q', None)
print(m.q, list(m.state_dict()))
""",
    """
m = T.nn.Linear(3, 2)
try:
    m.weight = T.zeros(2, 3)
except TypeError as e:
    print(repr(e))
m.register_buffer('buf', T.ones(2))
m.buf = T.zeros(3)
print(m.buf)
try:
    m.buf = 5
except TypeError as e:
    print(repr(e))
try:
    m.register_module('a.b', T.nn.ReLU())
except KeyError as e:
    print(repr(e))
try:
    m.add_module('x', 5)
except TypeError as e:
    print(repr(e))
""",
    """
m = T.nn.Sequential(T.nn.Linear(2, 3), T.nn.BatchNorm1d(3))
sd = m.state_dict()
print(list(sd.keys()))
print(sd._metadata)
""",
    """
m = T.nn.Sequential(T.nn.Linear(2, 3), T.nn.BatchNorm1d(3))
sd = m.state_dict()
del sd['0.bias']
sd['extra'] = T.zeros(1)
try:
    m.load_state_dict(sd)
except RuntimeError as e:
    print(e)
r = m.load_state_dict(sd, strict=False)
print(r)
print(r.missing_keys, r.unexpected_keys)
""",
    """
m = T.nn.Linear(2, 3)
sd = m.state_dict()
sd['weight'] = T.zeros(3, 3)
try:
    m.load_state_dict(sd)
except RuntimeError as e:
    print(e)
try:
    m.load_state_dict(sd, strict=False)
except RuntimeError as e:
    print(e)
""",
    """
m = T.nn.Linear(2, 3)
print(m.load_state_dict(m.state_dict()))
try:
    m.load_state_dict([1, 2])
except TypeError as e:
    print(e)
""",
    """
m = T.nn.Sequential(T.nn.Sequential(T.nn.Linear(2, 2)), T.nn.ReLU())
print(m.get_submodule('0.0'))
print(m.get_parameter('0.0.bias').shape)
try:
    m.get_submodule('0.1')
except AttributeError as e:
    print(e)
try:
    m.get_parameter('0.0.foo')
except AttributeError as e:
    print(e)
try:
    m.get_buffer('0.0.weight')
except AttributeError as e:
    print(e)
try:
    m.get_submodule('1.x')
except AttributeError as e:
    print(e)
print(m.get_submodule(''))
""",
    """
m = T.nn.Sequential(T.nn.Linear(2, 2), T.nn.Dropout(0.5))
m.eval()
print(m.training, m[0].training, m[1].training)
m.train()
print(m.training, m[1].training)
m[1].eval()
print([x.training for x in m.modules()])
try:
    m.train(1)
except ValueError as e:
    print(e)
""",
    """
m = T.nn.Linear(2, 2)
try:
    m.to(T.int32)
except TypeError as e:
    print(e)
""",
    """
T.manual_seed(0)
m = T.nn.Linear(2, 2)
def init(mod):
    if isinstance(mod, T.nn.Linear):
        T.nn.init.constant_(mod.weight, 0.5)
        print('init', mod)
r = T.nn.Sequential(m, T.nn.ReLU()).apply(init)
print(type(r).__name__, m.weight)
""",
    """
T.manual_seed(0)
r = T.nn.LSTM(2, 3).double()
x = T.randn(4, 1, 2, dtype=T.float64)
o, (h, c) = r(x)
print(o[-1], c)
try:
    r(x.float())
except (RuntimeError, ValueError) as e:
    print(type(e).__name__, e)
""",
    """
T.manual_seed(0)
r = T.nn.GRU(2, 3)
x = T.randn(4, 1, 2)
try:
    r(x, T.zeros(1, 1, 3, dtype=T.float64))
except (RuntimeError, ValueError) as e:
    print(type(e).__name__, e)
""",
    """
T.manual_seed(0)
r = T.nn.LSTM(2, 3)
x = T.randn(4, 1, 2)
try:
    r(x, T.zeros(1, 1, 3))
except (RuntimeError, ValueError, TypeError) as e:
    print(type(e).__name__, e)
try:
    r(x, (T.zeros(1, 1, 3), T.zeros(1, 2, 3)))
except (RuntimeError, ValueError) as e:
    print(type(e).__name__, e)
""",
    """
T.manual_seed(0)
r = T.nn.LSTM(2, 3, batch_first=True)
x = T.randn(2, 2)
try:
    o, (h, c) = r(x, (T.zeros(1, 1, 3), T.zeros(1, 1, 3)))
except RuntimeError as e:
    print(e)
o, (h, c) = r(x, (T.zeros(1, 3), T.zeros(1, 3)))
print(o.shape, h.shape)
""",
    """
T.manual_seed(0)
c = T.nn.LSTMCell(2, 3)
try:
    c(T.randn(4, 2), T.zeros(4, 3))
except (RuntimeError, ValueError, TypeError) as e:
    print(type(e).__name__, e)
try:
    c(T.randn(4, 3))
except RuntimeError as e:
    print(e)
""",
    """
T.manual_seed(0)
c = T.nn.GRUCell(2, 3)
try:
    c(T.randn(4, 2), T.zeros(3, 3))
except RuntimeError as e:
    print(e)
try:
    c(T.randn(2), T.zeros(1, 3))
except (RuntimeError, ValueError) as e:
    print(type(e).__name__, e)
""",
    """
T.manual_seed(0)
r = T.nn.RNN(3, 2, num_layers=2, dropout=0.5)
r.train()
x = T.randn(4, 1, 3)
o, h = r(x)
print(o, h)
""",
    """
T.manual_seed(0)
r = T.nn.LSTM(2, 2)
print(r.weight_ih_l0.data_ptr() != 0, [p.shape for p in r._flat_weights])
r.flatten_parameters()
print(r.hidden_size, r.input_size, r.num_layers, r.bias, r.batch_first, r.dropout, r.bidirectional, r.proj_size, r.mode)
""",
    """
T.manual_seed(0)
r = T.nn.GRU(2, 2)
x = T.randn(3, 1, 2, requires_grad=True)
o, h = r(x)
g = T.autograd.grad(o.sum(), x, create_graph=True)[0]
print(g)
g.sum().backward()
print(r.weight_hh_l0.grad)
""",
    """
T.manual_seed(0)
r = T.nn.RNN(2, 2, nonlinearity='relu')
x = T.randn(3, 2)
o, h = r(x)
print(o, h, o.grad_fn.name())
""",
    """
T.manual_seed(0)
e = T.nn.Embedding(5, 3, padding_idx=2, max_norm=1.)
x = T.tensor([2, 1, 2, 0])
y = e(x)
(y * T.arange(12.).reshape(4, 3)).sum().backward()
print(y, e.weight.grad)
""",
    """
T.manual_seed(0)
m = T.nn.Linear(3, 2, dtype=T.float64)
print(m.weight.dtype, m.weight)
c = T.nn.Conv1d(1, 1, 2, dtype=T.float64)
print(c.weight)
b = T.nn.BatchNorm1d(2, dtype=T.float64)
print(b.running_mean.dtype, b.num_batches_tracked.dtype)
""",
    """
T.manual_seed(0)
for dt in [T.float16]:
    m = T.nn.Linear(3, 2, dtype=dt)
    print(m.weight)
""",
    """
m = T.nn.Linear(2, 2, bias=False)
print(list(m.state_dict()), [n for n, _ in m.named_parameters()])
r = m.load_state_dict({'weight': T.zeros(2, 2), 'bias': T.zeros(2)}, strict=False)
print(r)
try:
    m.load_state_dict({'weight': T.zeros(2, 2), 'bias': T.zeros(2)})
except RuntimeError as e:
    print(e)
""",
    """
m = T.nn.BatchNorm1d(2, track_running_stats=False)
print(list(m.state_dict()), m.running_mean, list(m._buffers))
r = m.load_state_dict(T.nn.BatchNorm1d(2).state_dict(), strict=False)
print(r)
""",
    """
m = T.nn.Sequential(T.nn.Linear(2, 2), T.nn.Linear(2, 2))
sd = m.state_dict()
new = {k.replace('0.', 'first.'): v for k, v in sd.items()}
try:
    m.load_state_dict(new)
except RuntimeError as e:
    print(e)
""",
    """
m = T.nn.Linear(2, 2)
sd = {'module.weight': T.zeros(2, 2), 'module.bias': T.zeros(2)}
T.nn.modules.utils.consume_prefix_in_state_dict_if_present(sd, 'module.')
print(list(sd))
print(m.load_state_dict(sd))
""",
    """
m = T.nn.Sequential(T.nn.Linear(2, 2))
w = T.nn.Sequential(m)
print(list(w.state_dict()))
print(m.load_state_dict({k[2:]: v for k, v in w.state_dict().items()}))
""",
    """
m = T.nn.Linear(2, 2)
sd = m.state_dict()
sd2 = {k: v.clone() for k, v in sd.items()}
sd2['weight'].fill_(3)
m.load_state_dict(sd2, strict=True)
print(m.weight, sd['weight'])
""",
    """
m = T.nn.Linear(2, 2)
sd = {'module.weight': T.zeros(2, 2), 'module.bias': T.zeros(2)}
T.nn.modules.utils.consume_prefix_in_state_dict_if_present(sd, 'module.')
print(list(sd))
print(m.load_state_dict(sd))
""",
    """
inner = T.nn.Sequential(T.nn.Linear(2, 2), T.nn.BatchNorm1d(2))
wrapper = T.nn.Module()
wrapper.module = inner
sd = wrapper.state_dict()
print(list(sd), dict(sd._metadata))
T.nn.modules.utils.consume_prefix_in_state_dict_if_present(sd, 'module.')
print(list(sd), dict(sd._metadata))
print(inner.load_state_dict(sd))
""",
    """
U = T.nn.modules.utils
_pair, _single, _triple, _quadruple = U._pair, U._single, U._triple, U._quadruple
_reverse_repeat_tuple, _list_with_default = U._reverse_repeat_tuple, U._list_with_default
print(_pair(3), _pair((1, 2)), _single(4), _triple([1, 2, 3]), _quadruple(0), _pair.__name__)
print(_reverse_repeat_tuple((1, 2), 2), _list_with_default([None, 3], [1, 2, 5, 6]), _list_with_default(4, [1]))
try:
    _list_with_default([None, 3], [5, 6])
except ValueError as e:
    print(e)
""",
    """
T.manual_seed(0)
m = T.nn.Linear(2, 2)
d = T.nn.DataParallel(m)
print(d)
print(list(d.state_dict()), d.device_ids, d.module is m)
print(d(T.ones(1, 2)))
print(type(d), T.nn.parallel.DataParallel is T.nn.DataParallel)
d.eval()
print(m.training, d.to(T.float64).module.weight.dtype)
""",
    """
T.manual_seed(0)
model = T.nn.Sequential(T.nn.Linear(2, 3), T.nn.ReLU(), T.nn.Linear(3, 1))
model = T.nn.DataParallel(model)
opt = T.optim.SGD(model.parameters(), lr=0.1)
x = T.randn(4, 2)
loss = model(x).pow(2).mean()
loss.backward()
opt.step()
print(loss, [n for n, _ in model.named_parameters()])
sd = model.module.state_dict()
print(list(sd))
plain = T.nn.Sequential(T.nn.Linear(2, 3), T.nn.ReLU(), T.nn.Linear(3, 1))
print(plain.load_state_dict(sd))
try:
    plain.load_state_dict(model.state_dict())
except RuntimeError as e:
    print(str(e)[:300])
""",
    """
try:
    T.nn.parallel.data_parallel(T.nn.Linear(1, 1), T.ones(1))
except RuntimeError as e:
    print(e)
""",
    """
m = T.nn.DataParallel(T.nn.Linear(2, 2), device_ids=[0])
print(m.device_ids)
try:
    m.dim
except AttributeError as e:
    print(e)
""",
    """
try:
    T.nn.Embedding(3, 2, _weight=T.zeros(2, 2))
except AssertionError as e:
    print(e)
try:
    T.nn.Embedding.from_pretrained(T.zeros(3))
except AssertionError as e:
    print(e)
e = T.nn.Embedding(3, 2, _freeze=True)
print(e.weight.requires_grad)
""",
    """
w = T.tensor([[1., 2.], [3., 4.], [5., 6.]])
e = T.nn.Embedding.from_pretrained(w, max_norm=2.0)
print(e(T.tensor([2, 0])), e.weight)
print(e.weight is w, e.weight.data_ptr() == w.data_ptr())
""",
    """
try:
    T.nn.EmbeddingBag(3, 2, mode='median')
except ValueError as e:
    print(e)
try:
    T.nn.EmbeddingBag(3, 2, _weight=T.zeros(3, 3))
except AssertionError as e:
    print(e)
try:
    T.nn.EmbeddingBag.from_pretrained(T.zeros(3))
except AssertionError as e:
    print(e)
""",
    """
T.manual_seed(0)
e = T.nn.Embedding(4, 3)
print(e.num_embeddings, e.embedding_dim, e.padding_idx, e.max_norm, e.norm_type, e.scale_grad_by_freq, e.sparse)
e.reset_parameters()
print(e.weight)
e2 = T.nn.Embedding(4, 3, padding_idx=1)
e2.reset_parameters()
print(e2.weight[1])
""",
    """
T.manual_seed(0)
r = T.nn.RNN(2, 2)
r.weight_ih_l0 = T.nn.Parameter(T.ones(2, 2))
x = T.randn(3, 1, 2)
o, h = r(x)
print(o[-1], r._flat_weights[0] is r.weight_ih_l0)
with T.no_grad():
    r.weight_hh_l0.zero_()
print(r(x)[1])
""",
    """
T.manual_seed(0)
r = T.nn.LSTM(2, 2)
T.nn.init.orthogonal_(r.weight_hh_l0)
T.nn.init.zeros_(r.bias_ih_l0)
for name, p in r.named_parameters():
    if 'bias' in name:
        p.data.fill_(0.)
        p.data[2:4] = 1.
print(r.bias_hh_l0, r(T.ones(1, 1, 2))[0])
""",
    """
T.manual_seed(0)
r = T.nn.GRU(2, 2)
T.nn.utils.prune.l1_unstructured(r, 'weight_hh_l0', amount=0.5)
print([n for n, _ in r.named_parameters()])
o, h = r(T.ones(2, 1, 2))
print(h)
""",
    """
T.manual_seed(0)
r = T.nn.LSTM(2, 3)
print(r.get_expected_hidden_size(T.ones(4, 1, 2), None))
try:
    r.check_forward_args(T.ones(4, 1, 5), None, None)
except RuntimeError as e:
    print(e)
""",
    """
T.manual_seed(0)
r = T.nn.LSTM(2, 3, num_layers=2, dropout=0.3)
x = T.randn(4, 2, 2)
o, (h, c) = r(x)
print(o.grad_fn.name(), o.grad_fn.next_functions[0][0].name(), h.grad_fn.next_functions)
o.sum().backward()
print(r.weight_ih_l0.grad)
""",
    """
T.manual_seed(0)
r = T.nn.LSTM(2, 3, bidirectional=True)
x = T.randn(4, 1, 2)
o, (h, c) = r(x)
print(o.grad_fn.name(), [n.name() for n, _ in o.grad_fn.next_functions], h.grad_fn.next_functions)
""",
    """
T.manual_seed(0)
r = T.nn.LSTM(2, 3, bias=False)
x = T.randn(3, 1, 2)
o, (h, c) = r(x)
print(o.grad_fn.next_functions)
o.sum().backward()
print(r.weight_hh_l0.grad)
""",
    """
T.manual_seed(0)
r = T.nn.LSTM(2, 3)
print(r(T.randn(3, 2))[0].grad_fn, r(T.randn(3, 1, 2).double() if False else T.randn(3, 1, 2))[0])
r2 = T.nn.LSTM(2, 3).double()
print(r2(T.randn(3, 1, 2, dtype=T.float64))[0].grad_fn)
with T.no_grad():
    print(r(T.randn(3, 1, 2))[0].grad_fn)
""",
    """
T.manual_seed(0)
r = T.nn.LSTM(2, 3)
h0 = T.randn(1, 1, 3, requires_grad=True); c0 = T.randn(1, 1, 3, requires_grad=True)
o, (h, c) = r(T.randn(2, 1, 2), (h0, c0))
print(o.grad_fn.next_functions)
h.sum().backward()
print(h0.grad, c0.grad)
""",
    """
T.manual_seed(0)
m = T.nn.Sequential()
lstm = T.nn.LSTM(4, 8)
x = T.randn(5, 3, 4)
out, (hn, cn) = lstm(x)
print(out[-1, 0], out.grad_fn)
""",
    """
T.manual_seed(0)
r = T.nn.LSTM(2, 3, proj_size=1)
x = T.ones(4, 5, 2)
print(r.get_expected_hidden_size(x, None), r.get_expected_cell_size(x, None), r.get_expected_hidden_size(x, T.tensor([3, 2])))
r.check_forward_args(x, (T.zeros(1, 5, 1), T.zeros(1, 5, 3)), None)
try:
    r.check_forward_args(x, (T.zeros(1, 5, 3), T.zeros(1, 5, 3)), None)
except RuntimeError as e:
    print(e)
try:
    r.check_forward_args(x, (T.zeros(1, 5, 1), T.zeros(1, 5, 1)), None)
except RuntimeError as e:
    print(e)
try:
    r.check_input(x, T.tensor([2]))
except RuntimeError as e:
    print(e)
""",
    """
T.manual_seed(0)
g = T.nn.GRU(2, 3, batch_first=True, num_layers=2)
x = T.ones(4, 5, 2)
print(g.get_expected_hidden_size(x, None))
g.check_forward_args(x, T.zeros(2, 4, 3), None)
try:
    g.check_forward_args(x, T.zeros(2, 5, 3), None)
except RuntimeError as e:
    print(e)
try:
    g.check_input(T.ones(4, 5, 3), None)
except RuntimeError as e:
    print(e)
try:
    g(x, T.zeros(1, 4, 3))
except RuntimeError as e:
    print(e)
""",
    """
T.manual_seed(0)
r = T.nn.LSTM(2, 3, proj_size=2)
x = T.randn(4, 1, 2)
for hx in [(T.zeros(1, 1, 3), T.zeros(1, 1, 3)), (T.zeros(1, 1, 2), T.zeros(1, 1, 2)), (T.zeros(1, 2, 2), T.zeros(1, 1, 3))]:
    try:
        print(r(x, hx)[0].shape)
    except RuntimeError as e:
        print(e)
""",
    """
m = T.nn.Linear(1, 1)
m.register_buffer('b', T.nn.Parameter(T.ones(1)))
print(type(m.b).__name__, list(m._buffers), [n for n, _ in m.named_parameters()])
try:
    m.register_parameter('b', T.nn.Parameter(T.ones(1)))
except KeyError as e:
    print(repr(e))
try:
    m.register_buffer('weight', None)
except KeyError as e:
    print(repr(e))
m.register_buffer('b', None)
print(m.b, list(m.state_dict()))
""",
    """
T.manual_seed(0)
lstm = T.nn.LSTM(3, 2, batch_first=True)
x = T.randn(2, 4, 3)
print(lstm(x))
""",
    """
T.manual_seed(0)
lstm = T.nn.LSTM(3, 2)
x = T.randn(4, 3)
out, (h, c) = lstm(x)
print(out, h, c)
""",
    """
T.manual_seed(0)
class Tagger(T.nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = T.nn.Embedding(10, 4)
        self.lstm = T.nn.LSTM(4, 5)
        self.out = T.nn.Linear(5, 3)
    def forward(self, s):
        e = self.emb(s)
        o, _ = self.lstm(e.view(len(s), 1, -1))
        return T.nn.functional.log_softmax(self.out(o.view(len(s), -1)), dim=1)
m = Tagger()
opt = T.optim.SGD(m.parameters(), lr=0.1)
s = T.tensor([1, 4, 2, 7]); t = T.tensor([0, 2, 1, 0])
for _ in range(3):
    m.zero_grad()
    loss = T.nn.NLLLoss()(m(s), t)
    loss.backward()
    opt.step()
print(loss, m(s).argmax(1))
print(m.lstm(m.emb(s).view(4, 1, -1))[0].grad_fn)
""",
    """
T.manual_seed(0)
x = T.randn(2, 3, 2, requires_grad=True)
y = T.nn.Softmax2d()(x)
print(y.sum(0), y.grad_fn.name())
print(T.nn.Softmax2d()(T.randn(1, 2, 2, 2)).sum(1))
""",
    """
T.manual_seed(0)
m = T.nn.Sequential(T.nn.Linear(4, 4), T.nn.GLU(dim=1), T.nn.Linear(2, 1))
x = T.randn(3, 4, requires_grad=True)
y = m(x)
y.sum().backward()
print(y.squeeze(), x.grad[0])
""",
    """
T.manual_seed(0)
x = T.randn(5, requires_grad=True)
y = T.nn.Hardtanh(0.5, 0.5)(x)
y.sum().backward()
print(y, x.grad)
""",
    """
T.manual_seed(0)
x = T.tensor([-1., 0., 0.5, 1., 2.], requires_grad=True)
for m in [T.nn.Threshold(0.5, -2.), T.nn.ReLU6(), T.nn.Hardsigmoid(), T.nn.Hardswish(), T.nn.Softshrink(0.5), T.nn.Hardshrink(0.5), T.nn.ReLU()]:
    x.grad = None
    y = m(x)
    y.sum().backward()
    print(type(m).__name__, y, x.grad)
""",
    """
T.manual_seed(0)
m = T.nn.PReLU(num_parameters=1, init=0.1)
x = T.randn(2, 3, requires_grad=True)
y = m(x)
y.sum().backward()
print(y, m.weight.grad, y.grad_fn.name(), y.grad_fn.next_functions)
""",
    """
m = T.nn.Sequential(T.nn.Linear(1, 1))
print(m.parameters())
print(m.named_parameters())
print(m.children(), m.modules(), m.named_modules(), m.buffers(), m.named_buffers(), m.named_children())
print(m.state_dict)
print(m.forward)
print(m.__call__)
""",
    """
m = T.nn.Linear(1, 1)
print(m.weight.grad_fn, m.weight.is_leaf, m.weight.requires_grad, m.weight.device, m.weight.dtype, m.weight.shape)
print(m.weight.data.__class__.__name__, m.weight.storage().size() if hasattr(m.weight, 'storage') else None)
""",
    """
m = T.nn.Linear(2, 2)
def pre(mod, args, kwargs):
    print('pre', type(args).__name__, len(args), kwargs)
    return None
h = m.register_forward_pre_hook(pre, with_kwargs=True)
m(T.ones(1, 2))
h.remove()
m(T.ones(1, 2))
print(type(h).__name__, h.id >= 0)
""",
    """
m = T.nn.Linear(2, 2)
def hook(mod, inp, out):
    print('hook', type(inp).__name__, out.shape, out.grad_fn.name())
    return out * 2
m.register_forward_hook(hook)
y = m(T.ones(1, 2))
print(y.grad_fn)
""",
    """
class M(T.nn.Module):
    def forward(self, x, scale=1.0):
        return x * scale
m = M()
def hk(mod, args, kwargs, out):
    print('kw', kwargs, out)
    return out + 1
m.register_forward_hook(hk, with_kwargs=True)
print(m(T.tensor([1., 2.]), scale=3.0))
""",
    """
class M(T.nn.Module):
    def forward(self, x, scale=1.0):
        return x * scale
m = M()
def pre(mod, args, kwargs):
    return (args[0] + 1,), {'scale': 10.0}
m.register_forward_pre_hook(pre, with_kwargs=True)
print(m(T.tensor([1., 2.]), scale=3.0))
""",
    """
m = T.nn.Linear(2, 2)
def pre(mod, args):
    return args[0] * 0
m.register_forward_pre_hook(pre)
print(m(T.ones(1, 2)) - m.bias)
""",
    """
m = T.nn.Linear(2, 2)
order = []
m.register_forward_hook(lambda *a: order.append('a'))
m.register_forward_hook(lambda *a: order.append('b'), prepend=True)
m.register_forward_pre_hook(lambda *a: order.append('p1'))
m.register_forward_pre_hook(lambda *a: order.append('p0'), prepend=True)
m(T.ones(2))
print(order)
""",
    """
m = T.nn.Linear(2, 2)
def bad(mod, inp):
    raise ValueError('boom')
m.register_forward_hook(lambda mod, i, o: print('always'), always_call=True)
m.register_forward_pre_hook(bad)
try:
    m(T.ones(2))
except ValueError as e:
    print(e)
""",
    """
T.manual_seed(0)
m = T.nn.Linear(3, 2)
def bh(mod, gin, gout):
    print('bh', [None if g is None else tuple(g.shape) for g in gin], [tuple(g.shape) for g in gout])
m.register_full_backward_hook(bh)
x = T.randn(4, 3, requires_grad=True)
m(x).sum().backward()
print(x.grad)
""",
    """
T.manual_seed(0)
m = T.nn.Linear(3, 2)
def bph(mod, gout):
    print('pre', gout[0])
    return (gout[0] * 2,)
m.register_full_backward_pre_hook(bph)
x = T.randn(2, 3, requires_grad=True)
m(x).sum().backward()
print(x.grad, m.bias.grad)
""",
    """
T.manual_seed(0)
m = T.nn.Linear(3, 2)
m.register_full_backward_hook(lambda mod, gi, go: (gi[0] * 0,))
x = T.randn(2, 3, requires_grad=True)
m(x).sum().backward()
print(x.grad, m.weight.grad)
""",
    """
T.manual_seed(0)
m = T.nn.ReLU()
m.register_full_backward_hook(lambda mod, gi, go: print(gi, go))
x = T.randn(3)
y = m(x)
print(y.requires_grad)
""",
    """
T.manual_seed(0)
m = T.nn.Sequential(T.nn.Linear(2, 2), T.nn.Tanh())
m.register_full_backward_hook(lambda mod, gi, go: print(gi[0].shape, go[0]))
x = T.randn(1, 2, requires_grad=True)
y = m(x)
print(y.grad_fn.name())
y.sum().backward()
""",
    """
m = T.nn.Linear(2, 2)
print(m._forward_hooks, m._forward_pre_hooks, m._backward_hooks)
h = m.register_forward_hook(lambda *a: None)
print(len(m._forward_hooks))
with h:
    pass
print(len(m._forward_hooks))
""",
    """
T.manual_seed(0)
m = T.nn.Linear(2, 1)
def gh(mod, gin, gout):
    print(mod, type(gin).__name__, type(gout).__name__)
m.register_backward_hook(gh)
m(T.randn(3, 2, requires_grad=True)).sum().backward()
""",
    """
T.manual_seed(0)
m = T.nn.Linear(3, 2)
for shape in [(3,), (4, 3), (2, 4, 3), (2, 1, 4, 3)]:
    x = T.randn(*shape, requires_grad=True)
    y = m(x)
    print(shape, y.grad_fn.name(), [n[0].name() if n[0] else None for n in y.grad_fn.next_functions])
""",
    """
T.manual_seed(0)
m = T.nn.Linear(3, 2, bias=False)
for shape in [(3,), (4, 3), (2, 4, 3)]:
    x = T.randn(*shape, requires_grad=True)
    y = m(x)
    print(shape, y.grad_fn.name(), [n[0].name() if n[0] else None for n in y.grad_fn.next_functions])
""",
    """
T.manual_seed(0)
m = T.nn.Conv2d(4, 4, 3, groups=4, padding=1, dilation=1)
x = T.randn(1, 4, 5, 5, requires_grad=True)
y = m(x)
print(y.grad_fn.name(), y.grad_fn.next_functions)
y.sum().backward()
print(m.weight.grad[:, 0, 0], x.grad[0, :, 0, 0])
""",
    """
T.manual_seed(0)
m = T.nn.Conv2d(2, 2, 3, padding=1, padding_mode='reflect')
x = T.randn(1, 2, 4, 4, requires_grad=True)
y = m(x)
print(y.grad_fn.name(), y.grad_fn.next_functions[0][0].name())
""",
    """
T.manual_seed(0)
m = T.nn.ConvTranspose2d(4, 2, 2, stride=2, groups=2)
x = T.randn(1, 4, 2, 2, requires_grad=True)
y = m(x)
print(y.shape, y.grad_fn.name(), m.weight.shape)
y.sum().backward()
print(x.grad[0, :, 0, 0], m.weight.grad.sum((1, 2, 3)))
""",
    """
T.manual_seed(0)
m = T.nn.Conv1d(2, 3, 3)
y = m(T.randn(2, 5, requires_grad=True))
print(y.shape, y.grad_fn.name(), y.grad_fn.next_functions[0][0].name())
""",
    """
T.manual_seed(0)
m = T.nn.Conv2d(1, 1, 2)
y = m(T.randn(1, 3, 3, requires_grad=True))
print(y.shape, y.grad_fn.name(), y.grad_fn.next_functions[0][0].name())
n = y.grad_fn.next_functions[0][0]
print(n._saved_stride, n._saved_padding, n._saved_dilation, n._saved_groups, n._saved_transposed, n._saved_output_padding)
print(n._saved_bias_sym_sizes_opt)
""",
    """
T.manual_seed(0)
x = T.randn(2, 3, requires_grad=True)
for m in [T.nn.Softmax(1), T.nn.LogSoftmax(1), T.nn.Sigmoid(), T.nn.Tanh(), T.nn.ReLU(), T.nn.GELU(), T.nn.ELU(), T.nn.LeakyReLU()]:
    y = m(x)
    n = y.grad_fn
    print(type(m).__name__, n.name(), sorted(k for k in dir(n) if k.startswith('_saved')))
""",
    """
T.manual_seed(0)
x = T.randn(4, 3, requires_grad=True)
ln = T.nn.LayerNorm(3)
n = ln(x).grad_fn
print(n.name(), n._saved_normalized_shape, n._saved_result1.shape, n._saved_result2.shape)
bn = T.nn.BatchNorm1d(3)
n = bn(x).grad_fn
print(n.name(), n._saved_training, n._saved_eps, n._saved_result1.shape)
gn = T.nn.GroupNorm(1, 3)
n = gn(x).grad_fn
print(n.name(), n._saved_group, n._saved_N, n._saved_C, n._saved_HxW, n._saved_eps)
""",
    """
for m in [T.nn.Conv1d(2, 4, 3, stride=2, padding='same' if False else 1, dilation=2, groups=2, bias=False, padding_mode='reflect'),
          T.nn.Conv2d(3, 6, (3, 5), stride=(2, 1), padding='valid'),
          T.nn.Conv3d(1, 2, 3, padding='same'),
          T.nn.ConvTranspose1d(2, 3, 3, stride=2, output_padding=1),
          T.nn.ConvTranspose2d(2, 4, 3, groups=2, dilation=2, padding=(1, 2)),
          T.nn.ConvTranspose3d(1, 1, 2, bias=False)]:
    print(m)
""",
    """
for m in [T.nn.BatchNorm1d(3, momentum=None), T.nn.BatchNorm2d(4, affine=False, track_running_stats=False),
          T.nn.BatchNorm3d(2, eps=1e-3), T.nn.LayerNorm([2, 3], elementwise_affine=False), T.nn.LayerNorm(4, bias=False),
          T.nn.GroupNorm(2, 4, affine=False), T.nn.InstanceNorm1d(3, affine=True), T.nn.InstanceNorm2d(2, track_running_stats=True),
          T.nn.LocalResponseNorm(3), T.nn.RMSNorm(4), T.nn.RMSNorm([2, 3], eps=1e-5)]:
    print(m)
""",
    """
for m in [T.nn.Embedding(10, 3, padding_idx=0), T.nn.Embedding(5, 2, max_norm=1.0, norm_type=1.0, scale_grad_by_freq=True, sparse=True),
          T.nn.EmbeddingBag(10, 3, mode='max'), T.nn.EmbeddingBag(10, 3, padding_idx=2, include_last_offset=True),
          T.nn.Bilinear(2, 3, 4, bias=False), T.nn.Identity(3, foo=1), T.nn.Linear(1, 1, bias=False)]:
    print(m)
""",
    """
for m in [T.nn.RNN(2, 3), T.nn.RNN(2, 3, num_layers=2, nonlinearity='relu', bias=False, batch_first=True, dropout=0.5, bidirectional=True),
          T.nn.LSTM(2, 3, proj_size=2), T.nn.GRU(4, 5, 2), T.nn.RNNCell(2, 3), T.nn.LSTMCell(2, 3, bias=False), T.nn.GRUCell(2, 3),
          T.nn.RNNCell(2, 3, nonlinearity='relu')]:
    print(m)
""",
    """
for m in [T.nn.MaxPool1d(2), T.nn.MaxPool2d(3, stride=1, padding=1, dilation=1, return_indices=True, ceil_mode=True),
          T.nn.AvgPool2d(2, count_include_pad=False, divisor_override=3), T.nn.AvgPool1d(3), T.nn.AvgPool3d(2),
          T.nn.AdaptiveAvgPool2d((None, 3)), T.nn.AdaptiveMaxPool1d(2, return_indices=True), T.nn.LPPool2d(2, 3),
          T.nn.LPPool1d(1.5, 2), T.nn.MaxUnpool2d(2), T.nn.FractionalMaxPool2d(2, output_size=3)]:
    print(m)
""",
    """
for m in [T.nn.ZeroPad2d(1), T.nn.ConstantPad1d((1, 2), 3.5), T.nn.ReflectionPad2d((1, 0, 2, 1)), T.nn.ReplicationPad3d(1),
          T.nn.CircularPad1d(2), T.nn.ZeroPad1d((0, 1)), T.nn.ConstantPad3d(1, 0), T.nn.Upsample(scale_factor=2, mode='bilinear'),
          T.nn.Upsample(size=(3, 4), mode='nearest'), T.nn.UpsamplingNearest2d(scale_factor=2), T.nn.UpsamplingBilinear2d(size=4),
          T.nn.PixelShuffle(2), T.nn.PixelUnshuffle(3), T.nn.ChannelShuffle(2)]:
    print(m)
""",
    """
for m in [T.nn.Flatten(), T.nn.Flatten(0, -1), T.nn.Unflatten(1, (2, 3)), T.nn.Unflatten('x', (('a', 2), ('b', 3))) if False else T.nn.Unflatten(-1, [2, 2]),
          T.nn.Dropout(), T.nn.Dropout(0.3, inplace=True), T.nn.Dropout1d(), T.nn.Dropout2d(0.1), T.nn.Dropout3d(), T.nn.AlphaDropout(0.2),
          T.nn.FeatureAlphaDropout()]:
    print(m)
""",
    """
for m in [T.nn.ReLU(inplace=True), T.nn.LeakyReLU(0.2), T.nn.ELU(alpha=2.), T.nn.CELU(), T.nn.SELU(inplace=True), T.nn.GELU(approximate='tanh'),
          T.nn.Softplus(beta=2, threshold=5), T.nn.Hardtanh(-2, 2), T.nn.ReLU6(), T.nn.Threshold(0.1, 20), T.nn.PReLU(3, init=0.1),
          T.nn.RReLU(0.1, 0.3), T.nn.Softmax(dim=1), T.nn.LogSoftmax(1), T.nn.Softmin(0), T.nn.Softmax2d(), T.nn.Softsign(),
          T.nn.Tanhshrink(), T.nn.Softshrink(0.3), T.nn.Hardshrink(), T.nn.Hardsigmoid(), T.nn.Hardswish(), T.nn.SiLU(), T.nn.Mish(),
          T.nn.GLU(-1), T.nn.Sigmoid(), T.nn.Tanh(), T.nn.LogSigmoid(), T.nn.Softmax()]:
    print(repr(m))
""",
    """
print(T.nn.MultiheadAttention(4, 2))
print(T.nn.MultiheadAttention(4, 2, kdim=3, vdim=5, batch_first=True, dropout=0.1, bias=False, add_bias_kv=True))
""",
    """
print(T.nn.TransformerEncoderLayer(4, 2, dim_feedforward=8))
""",
    """
print(T.nn.TransformerDecoderLayer(4, 2, dim_feedforward=8, norm_first=True, activation='gelu', batch_first=True))
""",
    """
print(T.nn.TransformerEncoder(T.nn.TransformerEncoderLayer(4, 2, dim_feedforward=8), 2, enable_nested_tensor=False))
""",
    """
for m in [T.nn.CosineSimilarity(), T.nn.PairwiseDistance(p=1.0, keepdim=True), T.nn.Fold((4, 5), 2), T.nn.Unfold(2, dilation=2, padding=1, stride=2)]:
    print(m)
""",
    """
T.manual_seed(0)
m = T.nn.Linear(3, 3)
m(T.randn(2, 3)).pow(2).sum().backward()
print(T.nn.utils.clip_grad_norm_(m.parameters(), 1.0, norm_type='inf'))
print(T.nn.utils.clip_grad_norm_(m.parameters(), 1.0, norm_type=1))
print(T.nn.utils.clip_grad_norm_([], 1.0))
print(T.nn.utils.clip_grad_norm_(m.weight, 0.1), m.weight.grad.norm())
""",
    """
T.manual_seed(0)
m = T.nn.Linear(3, 3)
m(T.randn(2, 3)).pow(2).sum().backward()
m.weight.grad[0, 0] = float('nan')
print(T.nn.utils.clip_grad_norm_(m.parameters(), 1.0))
try:
    T.nn.utils.clip_grad_norm_(m.parameters(), 1.0, error_if_nonfinite=True)
except RuntimeError as e:
    print(e)
""",
    """
T.manual_seed(0)
m = T.nn.Linear(3, 3)
m(T.randn(2, 3)).pow(2).sum().backward()
grads = [p.grad for p in m.parameters()]
n = T.nn.utils.get_total_norm(grads)
print(n)
T.nn.utils.clip_grads_with_norm_(m.parameters(), 0.5, n)
print(m.bias.grad)
""",
    """
m = T.nn.Sequential(T.nn.ReLU())
m.eval()
m.add_module('d', T.nn.Dropout())
print(m.training, m.d.training)
print(m.eval())
""",
    """
class M(T.nn.Module):
    def forward(self, x):
        pass
print(M()(T.ones(1)))
""",
    """
T.manual_seed(0)
m = T.nn.Linear(2, 2)
p = list(m.parameters())
print(len(p), p[0] is m.weight)
opt = T.optim.SGD([{'params': m.weight}, {'params': m.bias, 'lr': 0.5}], lr=0.1)
print(opt)
""",
    """
T.manual_seed(0)
m = T.nn.Linear(2, 2)
print(repr(m.weight.grad), m.weight.is_leaf, m.weight.grad_fn)
y = m(T.ones(2))
print(y, y.is_leaf)
print(m.weight.__class__, isinstance(m.weight, T.Tensor))
""",
    """
m = T.nn.Linear(2, 2)
s = m.state_dict()
print(s['weight'].requires_grad, s['weight'].grad_fn, type(s['weight']).__name__)
s2 = m.state_dict(keep_vars=True)
print(type(s2['weight']).__name__, s2['weight'] is m.weight)
""",
    """
import copy
T.manual_seed(0)
m = T.nn.Linear(2, 2)
best = copy.deepcopy(m.state_dict())
with T.no_grad():
    m.weight.add_(1)
m.load_state_dict(best)
print(m.weight)
""",
    """
s = T.nn.Sequential(T.nn.Linear(1, 2), T.nn.ReLU(), T.nn.Linear(2, 3), T.nn.Tanh())
print(s[1:3])
print(s[::-1])
print(s[-1], len(s))
s.insert(1, T.nn.Sigmoid())
print(s)
s.append(T.nn.Identity())
s.extend([T.nn.ELU()])
print(len(s), s[-2:])
del s[0]
print(s)
del s[1:3]
print(s)
""",
    """
s = T.nn.Sequential(T.nn.ReLU(), T.nn.Tanh())
t = s + T.nn.Sequential(T.nn.Sigmoid())
print(t)
s += T.nn.Sequential(T.nn.ELU())
print(s)
print(s * 2)
print(2 * T.nn.Sequential(T.nn.ReLU()))
""",
    """
s = T.nn.Sequential(T.nn.ReLU())
try:
    s[3]
except IndexError as e:
    print(e)
try:
    s['a']
except Exception as e:
    print(type(e).__name__, e)
try:
    s * 0
except ValueError as e:
    print(e)
try:
    s + 1
except Exception as e:
    print(type(e).__name__, e)
""",
    """
from collections import OrderedDict
s = T.nn.Sequential(OrderedDict([('fc', T.nn.Linear(2, 2)), ('act', T.nn.ReLU())]))
print(s)
print(s.fc, s[0] is s.fc)
s[1] = T.nn.Tanh()
print(s)
print(s.pop(0), s)
print(list(s._modules))
""",
    """
s = T.nn.Sequential(T.nn.ReLU(), T.nn.Tanh(), T.nn.Sigmoid())
s.pop(1)
print(list(s._modules), s)
s.insert(-1, T.nn.ELU())
print(s)
try:
    s.insert(10, T.nn.ReLU())
except IndexError as e:
    print(e)
""",
    """
ml = T.nn.ModuleList([T.nn.Linear(2, 2) for _ in range(3)])
print(ml[1:])
print(type(ml[1:]).__name__, len(ml))
ml.insert(0, T.nn.ReLU())
print(ml)
ml.append(T.nn.Tanh()).extend([T.nn.ELU()])
print(len(ml))
del ml[::2]
print(ml)
print(ml + T.nn.ModuleList([T.nn.Sigmoid()]))
""",
    """
ml = T.nn.ModuleList()
print(ml, repr(T.nn.Sequential()), T.nn.ModuleDict(), T.nn.ParameterList(), T.nn.ParameterDict())
try:
    ml[0]
except IndexError as e:
    print(e)
ml += [T.nn.ReLU()]
print(ml)
try:
    ml.extend(T.nn.ReLU())
except TypeError as e:
    print(e)
print(ml.pop(0), len(ml))
""",
    """
ml = T.nn.ModuleList([T.nn.ReLU(), T.nn.ReLU(), T.nn.Linear(1, 1), T.nn.ReLU()])
print(ml)
ml2 = T.nn.ModuleList([T.nn.Linear(2, 2), T.nn.Linear(2, 2), T.nn.Linear(2, 3)])
print(ml2)
""",
    """
d = T.nn.ModuleDict({'b': T.nn.ReLU(), 'a': T.nn.Tanh()})
print(list(d.keys()), d)
d.update([('c', T.nn.ELU())])
print(list(d), len(d), 'c' in d)
print(d.pop('b'), list(d.items())[0][0])
d.clear()
print(d)
try:
    d['zz']
except KeyError as e:
    print(repr(e))
try:
    d.update(5)
except TypeError as e:
    print(e)
""",
    """
pl = T.nn.ParameterList([T.nn.Parameter(T.zeros(2)), T.ones(3)])
print(pl)
print(type(pl[1]).__name__, pl[1].requires_grad)
pl.append(T.zeros(2, 2))
print(pl, len(list(pl.parameters())))
pl.extend([T.zeros(1)])
print([n for n, _ in pl.named_parameters()])
print(pl[1:])
""",
    """
pd = T.nn.ParameterDict({'w': T.nn.Parameter(T.zeros(2)), 'b': T.zeros(3)})
print(pd)
print(type(pd['b']).__name__, list(pd.keys()))
pd['c'] = T.nn.Parameter(T.ones(1, dtype=T.float64))
print(pd)
print(pd.pop('w'), list(pd))
print(pd.get('zz', 3), 'b' in pd)
pd2 = pd.copy()
print(type(pd2).__name__, list(pd2))
print(pd | T.nn.ParameterDict({'x': T.zeros(1)}))
""",
    """
pl = T.nn.ParameterList([T.nn.Parameter(T.zeros(2)), 'hello', 3])
print(pl)
print(pl[1], pl[2])
""",
    """
pd = T.nn.ParameterDict({'a': T.zeros(2), 's': 'str'})
print(pd)
print(pd.fromkeys(['x', 'y'], T.zeros(1)))
print(list(reversed(pd)))
""",
    """
class M(T.nn.Module):
    def __init__(self):
        self.register_buffer('b', T.zeros(1))
try:
    M()
except AttributeError as e:
    print(e)
class N(T.nn.Module):
    def __init__(self):
        self.register_parameter('p', None)
try:
    N()
except AttributeError as e:
    print(e)
class O(T.nn.Module):
    def __init__(self):
        self.add_module('m', None)
try:
    O()
except AttributeError as e:
    print(e)
""",
    """
m = T.nn.Linear(2, 2)
try:
    m.add_module(1, T.nn.ReLU())
except TypeError as e:
    print(e)
try:
    m.register_parameter(1, None)
except TypeError as e:
    print(e)
try:
    m.add_module('', T.nn.ReLU())
except KeyError as e:
    print(repr(e))
try:
    m.register_parameter('', None)
except KeyError as e:
    print(repr(e))
""",
    """
s = T.nn.Sequential(T.nn.Linear(2, 2))
for q in ['0.weight', '0.training', '0.in_features']:
    try:
        s.get_submodule(q)
    except AttributeError as e:
        print(e)
for q in ['0.training', '0.bias.x', '1.weight']:
    try:
        s.get_parameter(q)
    except AttributeError as e:
        print(e)
try:
    s.get_buffer('0.in_features')
except AttributeError as e:
    print(e)
""",
    """
s = T.nn.Sequential(T.nn.Linear(2, 2), T.nn.ReLU())
s.set_submodule('1', T.nn.Tanh())
print(s)
try:
    s.set_submodule('2.x', T.nn.Tanh())
except AttributeError as e:
    print(e)
try:
    s.set_submodule('0.weight', T.nn.Tanh())
except AttributeError as e:
    print(e)
s.set_submodule('0.act', T.nn.ReLU())
print(s)
""",
    """
m = T.nn.Linear(2, 2)
for bad in [None, 3, 'x']:
    try:
        m.load_state_dict(bad)
    except TypeError as e:
        print(e)
""",
    """
m = T.nn.BatchNorm1d(2)
sd = m.state_dict()
sd['num_batches_tracked'] = T.tensor(5.)
print(m.load_state_dict(sd), m.num_batches_tracked)
sd['running_mean'] = T.tensor([1, 2])
m.load_state_dict(sd)
print(m.running_mean)
""",
    """
m = T.nn.Linear(2, 2)
sd = m.state_dict()
sd['weight'] = T.nn.Parameter(T.ones(2, 2))
m.load_state_dict(sd)
print(type(m.weight).__name__, m.weight)
sd['weight'] = T.ones(2, 2, requires_grad=True) * 2
m.load_state_dict(sd)
print(m.weight, m.weight.grad_fn)
""",
    """
m = T.nn.Linear(2, 2)
sd = m.state_dict()
sd['weight'] = T.ones(4)
try:
    m.load_state_dict(sd)
except RuntimeError as e:
    print(e)
sd['weight'] = T.ones(1, 2)
try:
    m.load_state_dict(sd)
except RuntimeError as e:
    print(e)
sd['weight'] = T.tensor(1.)
try:
    m.load_state_dict(sd)
except RuntimeError as e:
    print(e)
""",
    """
T.manual_seed(0)
m = T.nn.Linear(3, 2)
for x in [T.randn(4), T.randn(2, 2), T.randn(3, 4)]:
    try:
        print(m(x))
    except RuntimeError as e:
        print(e)
""",
    """
T.manual_seed(0)
m = T.nn.Conv2d(3, 4, 3)
for x in [T.randn(1, 2, 5, 5), T.randn(2, 5, 5), T.randn(1, 3, 2, 2), T.randn(3, 5), T.randn(1, 1, 3, 5, 5)]:
    try:
        print(m(x).shape)
    except RuntimeError as e:
        print(e)
""",
    """
T.manual_seed(0)
m = T.nn.Conv1d(2, 4, 3, groups=2)
for x in [T.randn(1, 3, 5), T.randn(2, 5), T.randn(2, 2)]:
    try:
        print(m(x).shape)
    except RuntimeError as e:
        print(e)
try:
    T.nn.Conv1d(3, 4, 3, groups=2)
except ValueError as e:
    print(e)
try:
    T.nn.Conv1d(4, 3, 3, groups=2)
except ValueError as e:
    print(e)
try:
    T.nn.Conv1d(4, 4, 3, padding='same', stride=2)
except ValueError as e:
    print(e)
""",
    """
T.manual_seed(0)
m = T.nn.BatchNorm1d(3)
for x in [T.randn(2, 4), T.randn(1, 3), T.randn(2, 3, 4, 5), T.randn(3)]:
    try:
        print(m(x).shape)
    except (RuntimeError, ValueError) as e:
        print(type(e).__name__, e)
""",
    """
T.manual_seed(0)
m = T.nn.BatchNorm2d(3)
for x in [T.randn(2, 3, 4), T.randn(2, 4, 2, 2)]:
    try:
        print(m(x).shape)
    except (RuntimeError, ValueError) as e:
        print(type(e).__name__, e)
""",
    """
T.manual_seed(0)
m = T.nn.LayerNorm([3, 4])
for x in [T.randn(2, 4, 3), T.randn(4)]:
    try:
        print(m(x).shape)
    except (RuntimeError, ValueError) as e:
        print(type(e).__name__, e)
""",
    """
T.manual_seed(0)
m = T.nn.GroupNorm(2, 4)
for x in [T.randn(2, 3, 5), T.randn(4)]:
    try:
        print(m(x).shape)
    except (RuntimeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    T.nn.GroupNorm(3, 4)
except ValueError as e:
    print(e)
""",
    """
T.manual_seed(0)
m = T.nn.Embedding(5, 2)
for x in [T.tensor([5]), T.tensor([-1]), T.tensor([1.0]), T.tensor([[0, 4]])]:
    try:
        print(m(x))
    except (RuntimeError, IndexError) as e:
        print(type(e).__name__, e)
""",
    """
T.manual_seed(0)
m = T.nn.LSTM(3, 4)
for x in [T.randn(2, 5), T.randn(2, 1, 3), T.randn(2, 3)]:
    try:
        o, (h, c) = m(x)
        print(o.shape, h.shape, c.shape)
    except (RuntimeError, ValueError) as e:
        print(type(e).__name__, e)
""",
    """
T.manual_seed(0)
m = T.nn.GRU(3, 4, batch_first=True)
x = T.randn(2, 5, 3)
try:
    m(x, T.zeros(1, 3, 4))
except RuntimeError as e:
    print(e)
try:
    m(x, T.zeros(2, 4))
except RuntimeError as e:
    print(e)
""",
    """
T.manual_seed(0)
m = T.nn.RNNCell(3, 4)
for x in [T.randn(2, 4), T.randn(2, 2, 3)]:
    try:
        print(m(x).shape)
    except (RuntimeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    m(T.randn(2, 3), T.randn(3, 4))
except RuntimeError as e:
    print(e)
""",
    """
T.manual_seed(0)
m = T.nn.MultiheadAttention(4, 2)
q = T.randn(3, 2, 4)
try:
    m(q, T.randn(3, 2, 5), T.randn(3, 2, 5))
except (RuntimeError, AssertionError) as e:
    print(type(e).__name__, e)
try:
    T.nn.MultiheadAttention(5, 2)
except AssertionError as e:
    print(e)
""",
    """
T.manual_seed(0)
m = T.nn.MaxPool2d(3)
for x in [T.randn(1, 1, 2, 2), T.randn(2, 2)]:
    try:
        print(m(x).shape)
    except (RuntimeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    T.nn.MaxPool2d(2, padding=2)(T.randn(1, 1, 5, 5))
except RuntimeError as e:
    print(e)
""",
    """
T.manual_seed(0)
m = T.nn.Bilinear(2, 3, 4)
try:
    m(T.randn(5, 2), T.randn(4, 3))
except RuntimeError as e:
    print(e)
try:
    m(T.randn(5, 3), T.randn(5, 3))
except RuntimeError as e:
    print(e)
y = m(T.randn(5, 2), T.randn(5, 3))
print(y.shape, y.grad_fn.name())
""",
    """
class O(T.nn.Module):
    def __init__(self):
        self.add_module('m', T.nn.ReLU())
try:
    O()
except AttributeError as e:
    print(e)
class P(T.nn.Module):
    def __init__(self):
        self.x = 1
        self.add_module('x', None)
try:
    P()
except (AttributeError, KeyError) as e:
    print(type(e).__name__, e)
class Q(T.nn.Module):
    def __init__(self):
        self.register_module('x', 5)
try:
    Q()
except (AttributeError, TypeError) as e:
    print(type(e).__name__, e)
""",
    """
T.manual_seed(0)
m = T.nn.Bilinear(2, 3, 4, bias=False)
for a, b in [((5, 2), (5, 3)), ((2,), (3,)), ((2, 5, 2), (2, 5, 3)), ((5, 2), (3,)), ((5, 2), (5, 4)), ((1, 2), (5, 3))]:
    try:
        y = m(T.randn(*a), T.randn(*b))
        print(y.shape, y.grad_fn.name())
    except RuntimeError as e:
        print(e)
F = T.nn.functional
try:
    F.bilinear(T.randn(5, 2), T.randn(5, 3), m.weight, T.zeros(3))
except RuntimeError as e:
    print(e)
""",
    """
T.manual_seed(0)
m = T.nn.Bilinear(2, 3, 4)
x1 = T.randn(3, 2, requires_grad=True); x2 = T.randn(3, 3, requires_grad=True)
y = m(x1, x2)
y.sum().backward()
print(y, x1.grad, x2.grad, m.weight.grad.sum(), m.bias.grad)
""",
    """
T.manual_seed(0)
class Block(T.nn.Module):
    def __init__(self, c):
        super().__init__()
        self.conv1 = T.nn.Conv2d(c, c, 3, padding=1, bias=False)
        self.bn1 = T.nn.BatchNorm2d(c)
        self.conv2 = T.nn.Conv2d(c, c, 3, padding=1, bias=False)
        self.bn2 = T.nn.BatchNorm2d(c)
    def forward(self, x):
        out = T.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return T.relu(out + x)
b = Block(2)
x = T.randn(2, 2, 4, 4, requires_grad=True)
y = b(x)
print(y.grad_fn.name(), round(y.sum().item(), 3))
y.mean().backward()
print(b.conv1.weight.grad[0, 0], x.grad.abs().sum().round(decimals=3))
print(b)
""",
    """
T.manual_seed(0)
class VAE(T.nn.Module):
    def __init__(self):
        super().__init__()
        self.enc = T.nn.Linear(4, 4)
        self.mu = T.nn.Linear(4, 2)
        self.logvar = T.nn.Linear(4, 2)
        self.dec = T.nn.Sequential(T.nn.Linear(2, 4), T.nn.Sigmoid())
    def forward(self, x):
        h = T.relu(self.enc(x))
        mu, lv = self.mu(h), self.logvar(h)
        z = mu + T.randn_like(mu) * T.exp(0.5 * lv)
        return self.dec(z), mu, lv
m = VAE()
x = T.rand(3, 4)
r, mu, lv = m(x)
loss = T.nn.functional.binary_cross_entropy(r, x, reduction='sum') - 0.5 * T.sum(1 + lv - mu.pow(2) - lv.exp())
loss.backward()
print(loss, m.mu.weight.grad)
""",
    """
T.manual_seed(0)
class CharRNN(T.nn.Module):
    def __init__(self, v, h):
        super().__init__()
        self.emb = T.nn.Embedding(v, h)
        self.rnn = T.nn.GRU(h, h, batch_first=True)
        self.fc = T.nn.Linear(h, v)
    def forward(self, x, h=None):
        o, h = self.rnn(self.emb(x), h)
        return self.fc(o), h
m = CharRNN(6, 4)
opt = T.optim.Adam(m.parameters(), lr=0.01)
x = T.randint(0, 6, (2, 5)); y = T.randint(0, 6, (2, 5))
for i in range(3):
    opt.zero_grad()
    out, h = m(x)
    loss = T.nn.functional.cross_entropy(out.reshape(-1, 6), y.reshape(-1))
    loss.backward()
    n = T.nn.utils.clip_grad_norm_(m.parameters(), 1.0)
    opt.step()
    print(round(loss.item(), 4), round(n.item(), 4))
""",
    """
T.manual_seed(0)
class Attn(T.nn.Module):
    def __init__(self, d):
        super().__init__()
        self.q = T.nn.Linear(d, d); self.k = T.nn.Linear(d, d); self.v = T.nn.Linear(d, d)
    def forward(self, x):
        q, k, v = self.q(x), self.k(x), self.v(x)
        w = T.softmax(q @ k.transpose(-2, -1) / (x.shape[-1] ** 0.5), dim=-1)
        return w @ v, w
m = Attn(4)
x = T.randn(1, 3, 4)
o, w = m(x)
print(o, w.sum(-1))
o.sum().backward()
print(m.q.weight.grad)
""",
    """
T.manual_seed(0)
net = T.nn.Sequential(T.nn.Linear(2, 16), T.nn.Tanh(), T.nn.Linear(16, 1))
x = T.linspace(-1, 1, 20).unsqueeze(1).repeat(1, 2)
y = (x[:, :1] ** 2)
opt = T.optim.SGD(net.parameters(), lr=0.1, momentum=0.9)
for step in range(30):
    opt.zero_grad()
    loss = ((net(x) - y) ** 2).mean()
    loss.backward()
    opt.step()
print(round(loss.item(), 6))
""",
    """
T.manual_seed(0)
model = T.nn.Sequential(T.nn.Conv1d(1, 2, 3), T.nn.ReLU(), T.nn.AdaptiveAvgPool1d(1), T.nn.Flatten(), T.nn.Linear(2, 1))
x = T.randn(4, 1, 10)
y = model(x)
print(y.squeeze(), y.grad_fn.name())
for name, mod in model.named_children():
    print(name, type(mod).__name__, sum(p.numel() for p in mod.parameters()))
""",
    """
T.manual_seed(0)
m = T.nn.EmbeddingBag(6, 2, mode='sum')
x = T.tensor([0, 2, 4, 5, 1])
off = T.tensor([0, 2])
y = m(x, off)
print(y, y.grad_fn.name())
y.sum().backward()
print(m.weight.grad)
""",
    """
T.manual_seed(0)
m = T.nn.EmbeddingBag(6, 2, mode='mean')
x = T.tensor([[0, 2], [4, 5]])
y = m(x)
print(y, y.grad_fn.name())
try:
    m(T.tensor([1, 2]))
except ValueError as e:
    print(e)
try:
    m(x, T.tensor([0]))
except ValueError as e:
    print(e)
""",
    """
T.manual_seed(0)
m = T.nn.EmbeddingBag(6, 2, mode='max')
x = T.tensor([0, 2, 4, 5, 1])
y = m(x, T.tensor([0, 3]))
print(y, y.grad_fn.name())
y.sum().backward()
print(m.weight.grad)
""",
    """
T.manual_seed(0)
m = T.nn.EmbeddingBag(6, 2, mode='sum')
x = T.tensor([0, 2, 4, 5, 1])
w = T.tensor([1., 2., 0.5, 1., 3.])
print(m(x, T.tensor([0, 2]), per_sample_weights=w))
try:
    T.nn.EmbeddingBag(6, 2, mode='mean')(x, T.tensor([0, 2]), per_sample_weights=w)
except (NotImplementedError, ValueError) as e:
    print(type(e).__name__, e)
""",
    """
T.manual_seed(0)
m = T.nn.EmbeddingBag.from_pretrained(T.arange(12.).reshape(6, 2), mode='mean')
print(m, m.weight.requires_grad)
print(m(T.tensor([1, 2, 3]), T.tensor([0, 1, 1])))
""",
    """
e = T.nn.Embedding.from_pretrained(T.arange(6.).reshape(3, 2), freeze=False, padding_idx=1)
print(e, e.weight.requires_grad)
y = e(T.tensor([0, 1, 2, 1]))
y.sum().backward()
print(e.weight.grad, y.grad_fn.name())
""",
    """
T.manual_seed(0)
e = T.nn.Embedding(4, 3, padding_idx=-1)
print(e.padding_idx, e.weight[3], e.weight[0])
try:
    T.nn.Embedding(4, 3, padding_idx=4)
except AssertionError as e:
    print(e)
try:
    T.nn.Embedding(4, 3, padding_idx=-5)
except AssertionError as e:
    print(e)
""",
    """
T.manual_seed(0)
e = T.nn.Embedding(4, 3, max_norm=1.0)
w0 = e.weight.detach().clone()
y = e(T.tensor([0, 1]))
print(y.norm(dim=1), e.weight.norm(dim=1), (e.weight - w0).abs().sum(1) > 0)
""",
    """
T.manual_seed(0)
e = T.nn.Embedding(4, 2, scale_grad_by_freq=True)
y = e(T.tensor([0, 0, 1, 0]))
y.sum().backward()
print(e.weight.grad)
""",
    """
T.manual_seed(0)
print(T.nn.Embedding(3, 2).weight)
print(T.nn.Linear(3, 2).weight, T.nn.Linear(3, 2).bias)
print(T.nn.Conv1d(1, 2, 2).weight)
print(T.nn.BatchNorm1d(2).weight, T.nn.LayerNorm(2).bias)
""",
    """
T.manual_seed(1)
r = T.nn.RNN(2, 2)
for n, p in r.named_parameters():
    print(n, p)
""",
    """
T.manual_seed(1)
r = T.nn.LSTM(2, 2, proj_size=1, bidirectional=True)
for n, p in r.named_parameters():
    print(n, tuple(p.shape))
print(r._flat_weights_names)
print(r.all_weights[0][0].shape, len(r.all_weights))
""",
    """
T.manual_seed(3)
r = T.nn.LSTM(2, 3, batch_first=True)
x = T.randn(2, 4, 2)
o, (h, c) = r(x)
print(o.shape, h.shape, o.grad_fn.name(), h.grad_fn.name(), c.grad_fn.name())
print(h, c)
""",
    """
T.manual_seed(3)
r = T.nn.RNN(2, 3)
x = T.randn(4, 2)
o, h = r(x)
print(o.shape, h.shape, h)
o2, h2 = r(x, T.zeros(1, 3))
print((o2 - o).abs().max())
try:
    r(x, T.zeros(2, 3))
except RuntimeError as e:
    print(e)
""",
    """
T.manual_seed(0)
net = T.nn.Sequential(T.nn.Linear(2, 3), T.nn.Sigmoid(), T.nn.ReLU(inplace=True))
x = T.randn(4, 2)
y = net(x)
try:
    y.sum().backward()
except RuntimeError as e:
    print(e)
""",
    """
T.manual_seed(0)
net = T.nn.Sequential(T.nn.Linear(2, 3), T.nn.Tanh(), T.nn.Dropout(0.5, inplace=True))
y = net(T.randn(4, 2))
try:
    y.sum().backward()
except RuntimeError as e:
    print(e)
""",
    """
T.manual_seed(0)
x = T.randn(3, requires_grad=True)
try:
    T.nn.ReLU(inplace=True)(x)
except RuntimeError as e:
    print(e)
with T.no_grad():
    y = T.nn.ReLU(inplace=True)(x)
print(y is x, x)
""",
    """
class Bad(T.nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = [T.nn.Linear(2, 2), T.nn.Linear(2, 2)]
b = Bad()
print(list(b.parameters()), b)
""",
    """
m = T.nn.Linear(2, 2)
m.register_forward_pre_hook(lambda mod, inp: inp[0] * 0 + 1)
print(m.weight.sum(1) + m.bias - m(T.zeros(2)))
""",
    """
m = T.nn.Linear(2, 2)
def h(mod, inp, out):
    out.zero_()
m.register_forward_hook(h)
y = m(T.ones(2))
print(y)
""",
    """
s = T.nn.Sequential(T.nn.Linear(2, 2), T.nn.ReLU())
s.register_forward_hook(lambda mod, inp, out: print(type(inp).__name__, len(inp), inp[0].shape, out.shape))
s(T.ones(3, 2))
""",
    """
T.manual_seed(0)
m = T.nn.Linear(2, 2)
print(m.to('cpu') is m, m.to(T.device('cpu')).weight.device, m.to('cpu', T.float64).weight.dtype)
print(m.to(T.zeros(1, dtype=T.float32)).weight.dtype)
try:
    m.to('cpu', T.long)
except TypeError as e:
    print(e)
""",
    """
T.manual_seed(0)
m = T.nn.Linear(2, 2)
m.to(non_blocking=True)
m.to(T.float64, non_blocking=False)
print(m.weight.dtype)
try:
    m.to(5.0)
except (TypeError, RuntimeError) as e:
    print(type(e).__name__, e)
""",
    """
class M(T.nn.Module):
    def __init__(self):
        super().__init__()
        self.register_buffer('a', T.zeros(2))
        self.register_buffer('b', T.ones(2), persistent=False)
        self.register_buffer('c', None)
        self.fc = T.nn.Linear(1, 1)
m = M()
print(list(m.state_dict()), [n for n, _ in m.named_buffers()])
print(m._non_persistent_buffers_set)
print(m.c, 'c' in m._buffers)
print(m.state_dict(prefix='x.', keep_vars=True)['x.fc.weight'].requires_grad)
print(m.state_dict()['fc.weight'].requires_grad)
""",
    """
m = T.nn.Linear(2, 2)
print(m)
print(m.__class__.__name__, str(m))
class Foo(T.nn.Module):
    def __init__(self):
        super().__init__()
        self.l = T.nn.Linear(2, 2)
    def extra_repr(self):
        return 'line1\\nline2'
print(Foo())
class Bar(T.nn.Module):
    def extra_repr(self):
        return 'a=1\\nb=2'
print(Bar())
""",
    """
m = T.nn.Linear(2, 2)
try:
    m.foo
except AttributeError as e:
    print(e)
try:
    del m.foo
except AttributeError as e:
    print(e)
del m.bias
print(hasattr(m, 'bias'), list(m._parameters))
""",
    """
T.manual_seed(0)
m = T.nn.Linear(2, 2)
m(T.ones(1, 2)).sum().backward()
print(m.weight.grad)
m.zero_grad()
print(m.weight.grad)
m(T.ones(1, 2)).sum().backward()
m.zero_grad(set_to_none=False)
print(m.weight.grad)
m.requires_grad_(False)
print(m.weight.requires_grad, m.bias.requires_grad)
print(m.requires_grad_(True) is m)
""",
    """
s = T.nn.Sequential(T.nn.Linear(2, 2), T.nn.Sequential(T.nn.Linear(2, 1)))
print(len(list(s.parameters(recurse=False))), len(list(s.named_parameters(recurse=False))))
print([n for n, _ in s.named_parameters(prefix='p', recurse=True)])
print([n for n, _ in s[1].named_modules(memo=None, prefix='z')])
print([type(c).__name__ for c in s.children()])
print([type(c).__name__ for c in s.modules()])
""",
    """
m = T.nn.Linear(2, 3)
sd = {'weight': T.ones(3, 2), 'bias': T.zeros(3)}
r = m.load_state_dict(sd, assign=True)
print(r, m.weight, type(m.weight).__name__, m.weight.requires_grad)
""",
    """
m = T.nn.Linear(2, 3)
sd = m.state_dict()
w = sd['weight']
w.fill_(1.0)
print(m.weight.sum(), sd['weight'].requires_grad, sd['weight'].is_leaf)
print(type(sd).__name__)
""",
    """
bn = T.nn.BatchNorm1d(2)
print(list(bn.state_dict()))
print(bn.num_batches_tracked, bn.running_mean, bn.running_var)
bn(T.tensor([[1., 2.], [3., 5.]]))
print(bn.num_batches_tracked, bn.running_mean, bn.running_var)
bn.reset_running_stats()
print(bn.num_batches_tracked, bn.running_mean)
""",
    """
bn = T.nn.BatchNorm1d(2, momentum=None)
for i in range(3):
    bn(T.tensor([[1., 2.], [3., 5.]]) * (i + 1))
print(bn.running_mean, bn.running_var, bn.num_batches_tracked)
bn.eval()
print(bn(T.tensor([[1., 2.]])))
""",
    """
bn = T.nn.BatchNorm2d(2)
sd = bn.state_dict()
del sd['num_batches_tracked']
print(bn.load_state_dict(sd))
print(bn.num_batches_tracked)
""",
    """
T.manual_seed(0)
ln = T.nn.LayerNorm(3)
x = T.randn(2, 3, requires_grad=True)
y = ln(x)
print(y, y.grad_fn.name())
(y * T.tensor([1., 2., 3.])).sum().backward()
print(x.grad, ln.weight.grad, ln.bias.grad)
""",
    """
T.manual_seed(0)
gn = T.nn.GroupNorm(2, 4)
x = T.randn(2, 4, 3, requires_grad=True)
y = gn(x)
print(y.grad_fn.name(), y[0, :, 0])
(y ** 3).sum().backward()
print(x.grad[0], gn.weight.grad)
""",
    """
T.manual_seed(0)
inn = T.nn.InstanceNorm1d(2, affine=True, track_running_stats=True)
x = T.randn(3, 2, 4, requires_grad=True)
y = inn(x)
print(y.grad_fn.name(), inn.running_mean, inn.running_var)
inn.eval()
print(inn(x)[0])
""",
    """
T.manual_seed(0)
x = T.randn(4, 2, requires_grad=True)
y = x * 1
T.nn.Hardtanh(inplace=True)(y)
y.mul_(2)
try:
    y.sum().backward()
    print(x.grad)
except RuntimeError as e:
    print(e)
""",
    """
T.manual_seed(0)
x = T.randn(4, 2, requires_grad=True)
y = x * 1
T.nn.ReLU6(inplace=True)(y)
y.mul_(2)
try:
    y.sum().backward()
    print(x.grad)
except RuntimeError as e:
    print(e)
""",
    """
class M(T.nn.Module):
    pass
try:
    M()(T.ones(1))
except NotImplementedError as e:
    print(repr(e))
""",
    """
class M(T.nn.Module):
    def __init__(self):
        self.x = 1
try:
    M()
except AttributeError as e:
    print(e)
class N(T.nn.Module):
    def __init__(self):
        self.l = T.nn.Linear(1, 1)
try:
    N()
except AttributeError as e:
    print(e)
class P(T.nn.Module):
    def __init__(self):
        self.p = T.nn.Parameter(T.ones(1))
try:
    P()
except AttributeError as e:
    print(e)
""",
    """
m = T.nn.Linear(2, 2)
m.register_buffer('buf', T.zeros(1))
try:
    m.buf = T.nn.Parameter(T.ones(1))
except Exception as e:
    print(type(e).__name__, e)
print(list(m._buffers), list(m._parameters))
""",
    """
m = T.nn.Linear(2, 2)
m.sub = T.nn.ReLU()
try:
    m.sub = T.ones(1)
except TypeError as e:
    print(e)
m.sub = None
print(m._modules, m.sub)
m.weight = None
print(m.weight, list(m._parameters.items()))
""",
    """
m = T.nn.Linear(2, 2)
m.weight = T.nn.Parameter(T.ones(2, 2))
print(m.weight)
m.newp = T.nn.Parameter(T.zeros(1))
print(list(m._parameters), [n for n, _ in m.named_parameters()])
del m.newp
print(list(m._parameters))
m.register_buffer('b2', T.zeros(1))
del m.b2
print(list(m._buffers))
""",
    """
import copy
T.manual_seed(0)
m = T.nn.Sequential(T.nn.Linear(2, 2), T.nn.BatchNorm1d(2))
m2 = copy.deepcopy(m)
print(m2[0].weight is m[0].weight, T.equal(m2[0].weight, m[0].weight), m2[1].running_mean)
print(type(m2[0].weight).__name__, m2[0].weight.requires_grad)
""",
    """
m = T.nn.Linear(2, 2)
calls = []
def hook(module, state_dict, prefix, local_metadata):
    calls.append(prefix)
    state_dict[prefix + 'extra'] = T.zeros(1)
m._register_state_dict_hook(hook)
print(list(m.state_dict()), calls)
""",
    """
m = T.nn.Linear(2, 2)
def post(module, keys):
    print('post', keys.missing_keys, keys.unexpected_keys)
    keys.missing_keys.clear()
m.register_load_state_dict_post_hook(post)
print(m.load_state_dict({'weight': T.zeros(2, 2)}))
""",
    """
m = T.nn.Linear(2, 2)
def pre(module, state_dict, prefix, local_metadata, strict, missing, unexpected, errors):
    print('pre', prefix, sorted(state_dict), strict)
m._register_load_state_dict_pre_hook(pre)
m.load_state_dict(m.state_dict())
""",
    """
m = T.nn.Linear(2, 2)
def pre(module, prefix, keep_vars):
    print('sd pre', prefix, keep_vars)
m.register_state_dict_pre_hook(pre)
m.state_dict()
""",
    """
s = T.nn.Sequential(T.nn.Linear(2, 2), T.nn.ReLU())
g = s.parameters()
print(type(g).__name__)
print(type(s.named_parameters()).__name__, type(s.children()).__name__, type(s.modules()).__name__)
print(type(s.state_dict()).__name__, type(s._modules).__name__)
""",
    """
class Net(T.nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = T.nn.ModuleList([T.nn.Linear(2, 2), T.nn.ReLU()])
        self.head = T.nn.ModuleDict({'a': T.nn.Linear(2, 1)})
        self.ps = T.nn.ParameterList([T.nn.Parameter(T.ones(1))])
        self.pd = T.nn.ParameterDict({'k': T.nn.Parameter(T.zeros(2))})
    def forward(self, x):
        for l in self.layers:
            x = l(x)
        return self.head['a'](x) * self.ps[0] + self.pd['k'].sum()
n = Net()
print(n)
print(list(n.state_dict()))
print(n(T.ones(3, 2)).shape)
""",
    """
m = T.nn.Linear(2, 2)
print(m.__dict__.keys() - {'training'} >= {'in_features'})
print(sorted(k for k in vars(m) if not k.startswith('_')))
print(m.in_features, m.out_features)
m.in_features = 5
print(m)
""",
    """
import warnings
warnings.simplefilter('always')
m = T.nn.Softmax()
x = T.tensor([[1., 2.], [3., 5.]])
with warnings.catch_warnings(record=True) as w:
    y = m(x)
    print([str(i.message) for i in w])
print(y)
print(T.nn.LogSoftmax()(T.tensor([1., 2., 3.])))
print(T.nn.Softmin()(T.tensor([[[1., 2.]]])))
""",
    """
T.manual_seed(0)
m = T.nn.PReLU(2)
x = T.randn(3, 2, 2, requires_grad=True)
y = m(x)
print(y.grad_fn.name(), m.weight)
y.sum().backward()
print(m.weight.grad, x.grad[0])
try:
    m(T.randn(3, 3))
except RuntimeError as e:
    print(e)
""",
    """
T.manual_seed(0)
m = T.nn.RReLU()
m.eval()
x = T.tensor([-1., 2., -3.], requires_grad=True)
y = m(x)
print(y, y.grad_fn.name())
""",
    """
T.manual_seed(0)
m = T.nn.ReLU(inplace=True)
x = T.randn(4, requires_grad=True)
y = x * 1
z = m(y)
print(z is y, z.grad_fn.name(), y._version)
""",
    """
T.manual_seed(0)
m = T.nn.Dropout(0.5)
x = T.ones(8, requires_grad=True)
y = m(x)
print(y, y.grad_fn.name())
y.sum().backward()
print(x.grad)
m.eval()
print(m(x) is x)
""",
    """
T.manual_seed(0)
m = T.nn.Dropout2d(0.5)
x = T.ones(2, 3, 2, 2)
y = m(x)
print(y[:, :, 0, 0], y.grad_fn)
""",
    """
try:
    T.nn.Dropout(1.5)
except ValueError as e:
    print(e)
try:
    T.nn.Dropout(-0.1)
except ValueError as e:
    print(e)
""",
    """
T.manual_seed(0)
m = T.nn.ConvTranspose2d(2, 1, 3, stride=2)
x = T.randn(1, 2, 3, 3)
print(m(x).shape, m(x, output_size=[8, 8]).shape)
try:
    m(x, output_size=[10, 10])
except ValueError as e:
    print(e)
""",
    """
T.manual_seed(0)
m = T.nn.ConvTranspose1d(2, 3, 3, stride=2, padding=1, output_padding=1)
x = T.randn(1, 2, 4, requires_grad=True)
y = m(x)
print(y.shape, y.grad_fn.name())
y.sum().backward()
print(x.grad, m.bias.grad)
""",
    """
T.manual_seed(0)
m = T.nn.Conv2d(1, 2, 3, padding=1, padding_mode='circular')
x = T.randn(1, 1, 4, 4, requires_grad=True)
y = m(x)
print(y.grad_fn.name(), y[0, 0, 0])
y.sum().backward()
print(x.grad[0, 0])
""",
    """
T.manual_seed(0)
m = T.nn.Conv1d(1, 1, 3, padding='same', dilation=2)
x = T.randn(1, 1, 6)
print(m(x))
m2 = T.nn.Conv1d(1, 1, 4, padding='same')
print(m2(x).shape, m2._reversed_padding_repeated_twice)
""",
    """
T.manual_seed(0)
p = T.nn.MaxPool2d(2, return_indices=True)
x = T.randn(1, 1, 4, 4, requires_grad=True)
y, i = p(x)
print(y, i)
u = T.nn.MaxUnpool2d(2)
z = u(y, i)
print(z, z.grad_fn.name())
print(u(y, i, output_size=[5, 5]).shape)
""",
    """
T.manual_seed(0)
x = T.randn(1, 2, 5, 5, requires_grad=True)
for p in [T.nn.AvgPool2d(3, stride=2, padding=1), T.nn.AvgPool2d(3, stride=2, padding=1, count_include_pad=False),
          T.nn.AvgPool2d(2, ceil_mode=True), T.nn.LPPool2d(2, 2), T.nn.AdaptiveAvgPool2d(3), T.nn.AdaptiveMaxPool2d((2, 3))]:
    y = p(x)
    print(type(p).__name__, y.shape, y.grad_fn.name(), round(y.sum().item(), 4))
""",
    """
T.manual_seed(0)
x = T.randn(1, 1, 2, 3, requires_grad=True)
for u in [T.nn.Upsample(scale_factor=2), T.nn.Upsample(scale_factor=2, mode='bilinear', align_corners=True),
          T.nn.Upsample(size=(3, 4), mode='bicubic'), T.nn.UpsamplingBilinear2d(scale_factor=2), T.nn.Upsample(scale_factor=1.5, mode='nearest-exact')]:
    y = u(x)
    print(y.shape, y.grad_fn.name(), y[0, 0, 0])
""",
    """
x = T.arange(8.).reshape(1, 1, 8)
print(T.nn.Upsample(scale_factor=0.5, mode='linear')(x))
try:
    T.nn.Upsample(scale_factor=2, mode='bilinear')(x)
except (ValueError, NotImplementedError) as e:
    print(type(e).__name__, e)
""",
    """
for m in [T.nn.Linear(1, 1), T.nn.Conv2d(1, 1, 1), T.nn.ReLU(), T.nn.Sequential(), T.nn.ModuleList(), T.nn.LSTM(1, 1), T.nn.BatchNorm1d(1),
          T.nn.Embedding(1, 1), T.nn.Dropout(), T.nn.MaxPool2d(1), T.nn.LayerNorm(1), T.nn.MSELoss(), T.nn.CrossEntropyLoss(), T.nn.Flatten(),
          T.nn.MultiheadAttention(2, 1), T.nn.TransformerEncoderLayer(2, 1), T.nn.Upsample(), T.nn.ZeroPad2d(1), T.nn.PixelShuffle(1),
          T.nn.GRUCell(1, 1), T.nn.Bilinear(1, 1, 1), T.nn.Identity(), T.nn.Softmax(), T.nn.CosineSimilarity(), T.nn.Fold(1, 1),
          T.nn.ParameterList(), T.nn.GroupNorm(1, 1), T.nn.InstanceNorm1d(1), T.nn.AdaptiveAvgPool2d(1), T.nn.LPPool2d(1, 1), T.nn.ConvTranspose3d(1, 1, 1),
          T.nn.LazyLinear(1), T.nn.RMSNorm(1), T.nn.LocalResponseNorm(1), T.nn.CrossMapLRN2d(1), T.nn.ChannelShuffle(1), T.nn.Unfold(1), T.nn.EmbeddingBag(1, 1),
          T.nn.AdaptiveLogSoftmaxWithLoss(4, 4, [2]), T.nn.SyncBatchNorm(1), T.nn.FractionalMaxPool2d(2, output_size=1), T.nn.MaxUnpool2d(1), T.nn.Module()]:
    print(type(m), type(m).__module__, type(m).__qualname__)
""",
    """
print(T.nn.Parameter, T.nn.Module, T.nn.Buffer, T.nn.modules.module.Module is T.nn.Module, T.nn.modules.Linear is T.nn.Linear)
print(T.nn.utils.parametrize.ParametrizationList, T.nn.utils.rnn.PackedSequence)
print(T.nn.Module.forward, T.nn.Module.__call__.__qualname__)  # (__init__: torch.compile patches it)
""",
    """
m = T.nn.Linear(2, 2)
print(m.forward, m.state_dict.__qualname__, m.register_forward_hook.__qualname__)
print(T.nn.Linear.forward.__qualname__, T.nn.Sequential.forward.__qualname__)
""",
    """
T.manual_seed(0)
m = T.nn.MultiheadAttention(4, 2)
q = T.randn(3, 2, 4)
o, w = m(q, q, q)
print(o, o.grad_fn.name())
print(w, w.grad_fn.name())
""",
    """
T.manual_seed(0)
m = T.nn.MultiheadAttention(4, 2, batch_first=True)
q = T.randn(2, 3, 4)
mask = T.tensor([[False, False, True], [False, True, True]])
o, w = m(q, q, q, key_padding_mask=mask, average_attn_weights=False)
print(o.shape, w.shape, w[0, 0])
o, w = m(q, q, q, need_weights=False)
print(w, o.grad_fn.name())
""",
    """
T.manual_seed(0)
m = T.nn.MultiheadAttention(4, 1)
q = T.randn(3, 4)
am = T.nn.Transformer.generate_square_subsequent_mask(3)
print(am)
o, w = m(q, q, q, attn_mask=am)
print(o.shape, w)
""",
    """
T.manual_seed(0)
m = T.nn.MultiheadAttention(4, 2, kdim=3, vdim=5)
print([n for n, _ in m.named_parameters()])
q = T.randn(2, 1, 4); k = T.randn(3, 1, 3); v = T.randn(3, 1, 5)
o, w = m(q, k, v)
print(o, w)
""",
    """
T.manual_seed(0)
m = T.nn.MultiheadAttention(4, 2, add_bias_kv=True, add_zero_attn=True)
q = T.randn(2, 1, 4)
o, w = m(q, q, q)
print(w.shape, o.shape)
print([n for n, p in m.named_parameters()], m.bias_k.shape)
""",
    """
T.manual_seed(0)
layer = T.nn.TransformerEncoderLayer(d_model=4, nhead=2, dim_feedforward=8, dropout=0.0)
x = T.randn(3, 2, 4)
y = layer(x)
print(y, y.grad_fn.name())
""",
    """
T.manual_seed(0)
layer = T.nn.TransformerEncoderLayer(d_model=4, nhead=2, dim_feedforward=8, dropout=0.0, batch_first=True, norm_first=True)
enc = T.nn.TransformerEncoder(layer, num_layers=2, norm=T.nn.LayerNorm(4))
x = T.randn(2, 3, 4)
y = enc(x, mask=T.nn.Transformer.generate_square_subsequent_mask(3), is_causal=True)
print(y)
print([n for n, _ in enc.named_parameters()][:6])
""",
    """
T.manual_seed(0)
layer = T.nn.TransformerDecoderLayer(d_model=4, nhead=2, dim_feedforward=8, dropout=0.0)
tgt = T.randn(3, 1, 4); mem = T.randn(5, 1, 4)
y = layer(tgt, mem)
print(y)
""",
    """
T.manual_seed(0)
t = T.nn.Transformer(d_model=4, nhead=2, num_encoder_layers=1, num_decoder_layers=1, dim_feedforward=8, dropout=0.0)
src = T.randn(5, 1, 4); tgt = T.randn(3, 1, 4)
y = t(src, tgt)
print(y, y.grad_fn.name())
print(sum(p.numel() for p in t.parameters()))
""",
    """
print(T.nn.Transformer.generate_square_subsequent_mask(4, dtype=T.float64))
try:
    T.nn.TransformerEncoderLayer(4, 2, activation='foo')
except RuntimeError as e:
    print(e)
""",
    """
T.manual_seed(0)
t = T.nn.Transformer(d_model=4, nhead=2, num_encoder_layers=1, num_decoder_layers=1, dim_feedforward=8)
print(t)
""",
    """
T.manual_seed(0)
m = T.nn.utils.parametrizations.weight_norm(T.nn.Linear(3, 2))
print(list(m.state_dict()))
m2 = T.nn.utils.parametrizations.weight_norm(T.nn.Linear(3, 2))
print(m2.load_state_dict(m.state_dict()))
print(T.equal(m2.weight, m.weight))
""",
    """
T.manual_seed(0)
m = T.nn.utils.parametrizations.spectral_norm(T.nn.Linear(3, 2))
print(list(m.state_dict()))
m.eval()
print(m.weight)
""",
    """
T.manual_seed(0)
m = T.nn.utils.weight_norm(T.nn.Linear(3, 2), dim=None)
print(m.weight_g, list(m.state_dict()))
T.nn.utils.remove_weight_norm(m)
print(list(m.state_dict()))
""",
    """
T.manual_seed(0)
P = T.nn.utils.parametrize
class Scale(T.nn.Module):
    def forward(self, X):
        return X * 2
    def right_inverse(self, X):
        return X / 2
m = T.nn.Linear(2, 2)
w0 = m.weight.detach().clone()
P.register_parametrization(m, 'weight', Scale())
print(T.allclose(m.weight, w0), list(m.state_dict()))
m.weight = T.ones(2, 2)
print(m.parametrizations.weight.original)
with P.cached():
    a = m.weight
    b = m.weight
    print(a is b)
print(type(m).__name__, type(m).__mro__[1].__name__)
""",
    """
T.manual_seed(0)
P = T.nn.utils.parametrize
class Id(T.nn.Module):
    def forward(self, X):
        return X
m = T.nn.Linear(2, 2)
P.register_parametrization(m, 'weight', Id())
P.register_parametrization(m, 'weight', Id())
print(m.parametrizations.weight)
P.remove_parametrizations(m, 'weight', leave_parametrized=False)
print(m)
try:
    P.remove_parametrizations(m, 'weight')
except ValueError as e:
    print(e)
""",
    """
u = T.nn.Unflatten(1, (2, 3))
x = T.arange(12.).reshape(2, 6)
print(u(x).shape)
try:
    T.nn.Unflatten(1, (2, 4))(x)
except RuntimeError as e:
    print(e)
print(T.nn.Unflatten(1, (-1, 3))(x).shape)
try:
    T.nn.Unflatten(1, 6)
except TypeError as e:
    print(e)
""",
    """
f = T.nn.Flatten()
print(f(T.ones(2, 3, 4)).shape, f(T.ones(2)).shape)
try:
    f(T.tensor(1.))
except IndexError as e:
    print(e)
print(T.nn.Flatten(0)(T.tensor(3.)).shape)
try:
    T.nn.Flatten(2, 1)(T.ones(2, 3, 4))
except RuntimeError as e:
    print(e)
""",
    """
ps = T.nn.PixelShuffle(2)
x = T.arange(16.).reshape(1, 4, 2, 2)
print(ps(x))
try:
    ps(T.ones(1, 3, 2, 2))
except RuntimeError as e:
    print(e)
try:
    ps(T.ones(4, 2))
except RuntimeError as e:
    print(e)
print(T.nn.PixelUnshuffle(2)(ps(x)).equal(x))
try:
    T.nn.PixelUnshuffle(2)(T.ones(1, 1, 3, 4))
except RuntimeError as e:
    print(e)
""",
    """
x = T.arange(6.).reshape(1, 1, 6)
for p in [T.nn.ReflectionPad1d(2), T.nn.ReplicationPad1d((1, 3)), T.nn.CircularPad1d(1), T.nn.ZeroPad1d(2), T.nn.ConstantPad1d(1, -1.)]:
    print(p(x))
try:
    T.nn.ReflectionPad1d(6)(x)
except RuntimeError as e:
    print(e)
try:
    T.nn.CircularPad1d(7)(x)
except (RuntimeError, ValueError) as e:
    print(e)
""",
    """
x = T.arange(6.).reshape(1, 2, 3).requires_grad_()
y = T.nn.ReflectionPad2d(1)(x)
print(y, y.grad_fn.name())
y.sum().backward()
print(x.grad)
z = T.nn.ReplicationPad2d((0, 1, 1, 0))(x)
print(z.grad_fn.name())
""",
    """
x = T.ones(2, 3)
try:
    T.nn.ReflectionPad2d(1)(x)
except (RuntimeError, ValueError) as e:
    print(type(e).__name__, e)
try:
    T.nn.ZeroPad2d((1, 2, 3))
except Exception as e:
    print(type(e).__name__, e)
""",
    """
cs = T.nn.ChannelShuffle(2)
x = T.arange(8.).reshape(1, 4, 2)
print(cs(x))
try:
    cs(T.ones(1, 3, 2))
except RuntimeError as e:
    print(e)
""",
    """
f = T.nn.Fold(output_size=(3, 3), kernel_size=2)
x = T.arange(16.).reshape(1, 4, 4)
print(f(x))
try:
    f(T.ones(1, 4, 5))
except RuntimeError as e:
    print(e)
u = T.nn.Unfold(2)
print(u(T.arange(9.).reshape(1, 1, 3, 3)))
""",
    """
T.manual_seed(0)
a = T.randn(3, 4, requires_grad=True); b = T.randn(3, 4)
cs = T.nn.CosineSimilarity(dim=1)
y = cs(a, b)
print(y, y.grad_fn.name())
pd = T.nn.PairwiseDistance()
d = pd(a, b)
print(d, d.grad_fn.name())
""",
    """
T.manual_seed(0)
m = T.nn.Linear(3, 3)
x = T.randn(2, 3)
m(x).pow(2).sum().backward()
n = T.nn.utils.clip_grad_norm_(m.parameters(), 0.5)
print(n, m.weight.grad.norm())
v = T.nn.utils.clip_grad_value_(m.parameters(), 0.01)
print(v, m.bias.grad)
""",
    """
T.manual_seed(0)
m = T.nn.Linear(3, 2)
v = T.nn.utils.parameters_to_vector(m.parameters())
print(v.shape, v.grad_fn.name())
T.nn.utils.vector_to_parameters(T.arange(8.), m.parameters())
print(m.weight, m.bias)
""",
    """
T.manual_seed(0)
m = T.nn.utils.weight_norm(T.nn.Linear(3, 2))
print([n for n, _ in m.named_parameters()])
print(m.weight_g, m.weight_v.shape)
y = m(T.ones(1, 3))
print(y.grad_fn.name())
""",
    """
T.manual_seed(0)
m = T.nn.utils.parametrizations.weight_norm(T.nn.Linear(3, 2))
print([n for n, _ in m.named_parameters()])
print(m)
print(m.parametrizations.weight.original0)
""",
    """
T.manual_seed(0)
class Sym(T.nn.Module):
    def forward(self, X):
        return X.triu() + X.triu(1).transpose(-1, -2)
m = T.nn.Linear(3, 3)
T.nn.utils.parametrize.register_parametrization(m, 'weight', Sym())
print(m.weight)
print(T.nn.utils.parametrize.is_parametrized(m), list(m.state_dict()))
print(m)
T.nn.utils.parametrize.remove_parametrizations(m, 'weight')
print(list(m.state_dict()), type(m).__name__)
""",
    """
m = T.nn.Linear(2, 2)
m.register_forward_pre_hook(lambda mod, a, k: a, with_kwargs=True)
try:
    m(T.ones(2))
except RuntimeError as e:
    print(e)
""",
    """
m = T.nn.Linear(2, 2)
m.register_forward_pre_hook(lambda mod, a, k: 5, with_kwargs=True)
try:
    m(T.ones(2))
except (RuntimeError, TypeError) as e:
    print(type(e).__name__, e)
""",
    """
m = T.nn.Linear(2, 2)
m.register_forward_pre_hook(lambda mod, a: 5)
try:
    m(T.ones(2))
except (RuntimeError, TypeError) as e:
    print(type(e).__name__, e)
""",
    """
class M(T.nn.Module):
    def forward(self, a, b=2, *, c=3):
        return a * b + c
m = M()
m.register_forward_pre_hook(lambda mod, args, kwargs: print(args, kwargs), with_kwargs=True)
m.register_forward_hook(lambda mod, args, kwargs, out: print('post', args, kwargs, out), with_kwargs=True)
print(m(T.tensor(1.), b=T.tensor(4.), c=1))
print(m(a=T.tensor(1.)))
""",
    """
m = T.nn.Linear(2, 2)
h1 = m.register_forward_hook(lambda *a: print('h1'))
h2 = m.register_forward_pre_hook(lambda *a: print('p'))
print(h1.id < h2.id, type(m._forward_hooks).__name__, list(m._forward_hooks_with_kwargs), list(m._forward_hooks_always_called))
""",
    """
m = T.nn.Linear(2, 2)
hs = [m.register_forward_hook(lambda mod, i, o, k=k: print(k)) for k in range(3)]
hs[1].remove()
m(T.ones(2))
""",
    """
T.manual_seed(0)
m = T.nn.Sequential(T.nn.Linear(2, 2), T.nn.ReLU())
feats = []
h = m[0].register_forward_hook(lambda mod, i, o: feats.append(o))
m(T.randn(1, 2))
h.remove()
m(T.randn(1, 2))
print(len(feats), feats[0].requires_grad, feats[0].grad_fn.name())
""",
    """
T.manual_seed(0)
w = T.empty(3, 5)
for f in [T.nn.init.xavier_uniform_, T.nn.init.xavier_normal_, T.nn.init.kaiming_uniform_, T.nn.init.kaiming_normal_,
          T.nn.init.orthogonal_, T.nn.init.trunc_normal_, T.nn.init.eye_, T.nn.init.ones_, T.nn.init.zeros_]:
    print(f.__name__, f(w))
""",
    """
T.manual_seed(0)
w = T.empty(4, 6)
print(T.nn.init.kaiming_uniform_(w, a=0.1, mode='fan_out', nonlinearity='leaky_relu'))
print(T.nn.init.kaiming_normal_(w, nonlinearity='relu'))
print(T.nn.init.xavier_uniform_(w, gain=T.nn.init.calculate_gain('tanh')))
print(T.nn.init.sparse_(w, 0.5))
print(T.nn.init.normal_(w, 1., 2.), T.nn.init.uniform_(w, -1, 1))
""",
    """
for n in ['linear', 'conv1d', 'sigmoid', 'tanh', 'relu', 'leaky_relu', 'selu']:
    print(n, T.nn.init.calculate_gain(n))
print(T.nn.init.calculate_gain('leaky_relu', 0.2))
try:
    T.nn.init.calculate_gain('foo')
except ValueError as e:
    print(e)
try:
    T.nn.init.calculate_gain('leaky_relu', 'x')
except ValueError as e:
    print(e)
""",
    """
try:
    T.nn.init.xavier_uniform_(T.empty(3))
except ValueError as e:
    print(e)
try:
    T.nn.init.eye_(T.empty(3, 3, 3))
except ValueError as e:
    print(e)
try:
    T.nn.init.orthogonal_(T.empty(3))
except ValueError as e:
    print(e)
try:
    T.nn.init.dirac_(T.empty(3, 3))
except ValueError as e:
    print(e)
try:
    T.nn.init.kaiming_uniform_(T.empty(3, 3), mode='foo')
except ValueError as e:
    print(e)
""",
    """
T.manual_seed(0)
w = T.empty(2, 1, 3)
print(T.nn.init.dirac_(w))
print(T.nn.init.dirac_(T.empty(4, 2, 3), groups=2))
print(T.nn.init.constant_(T.empty(2), 0.3))
""",
    """
T.manual_seed(0)
w = T.empty(0, 3)
import warnings
with warnings.catch_warnings(record=True) as ws:
    warnings.simplefilter('always')
    T.nn.init.kaiming_uniform_(w)
    print([str(x.message) for x in ws])
""",
    """
T.manual_seed(0)
w = T.nn.Parameter(T.empty(2, 3))
r = T.nn.init.normal_(w)
print(r is w, r.requires_grad, r.grad_fn, w.is_leaf)
""",
    """
T.manual_seed(0)
m = T.nn.LazyLinear(3)
print(m)
print(m.weight)
y = m(T.ones(2, 4))
print(type(m).__name__, m, m.weight.shape)
""",
    """
T.manual_seed(0)
m = T.nn.LazyConv2d(4, 3)
print(m)
m(T.ones(1, 2, 5, 5))
print(m, type(m).__name__, m.weight.shape)
""",
    """
T.manual_seed(0)
m = T.nn.LazyBatchNorm1d()
print(m)
m(T.randn(3, 5))
print(m, m.running_mean)
""",
    """
T.manual_seed(0)
m = T.nn.utils.spectral_norm(T.nn.Linear(3, 2))
print([n for n, _ in m.named_parameters()], [n for n, _ in m.named_buffers()])
y = m(T.ones(1, 3))
print(y)
""",
    """
T.manual_seed(0)
x = T.randn(1, 2, 7, 5, requires_grad=True)
for p in [T.nn.AdaptiveAvgPool2d((3, 2)), T.nn.AdaptiveMaxPool2d((4, 3), return_indices=True), T.nn.AdaptiveAvgPool2d((None, 2)),
          T.nn.MaxPool2d(3, stride=2, padding=1, dilation=2), T.nn.AvgPool2d(3, stride=2, padding=1, divisor_override=2),
          T.nn.LPPool2d(float('inf'), 2) if False else T.nn.LPPool2d(3, 2, ceil_mode=True)]:
    y = p(x)
    if isinstance(y, tuple):
        y, i = y
        print(i[0, 0])
    y.sum().backward()
    print(type(p).__name__, y.shape, y[0, 0, 0], x.grad[0, 0, 0])
    x.grad = None
""",
    """
T.manual_seed(0)
x = T.randn(1, 1, 2, 3, 2, requires_grad=True)
y = T.nn.Upsample(scale_factor=2, mode='trilinear', align_corners=True)(x)
print(y.shape, y.grad_fn.name(), y[0, 0, 1, 1])
y.sum().backward()
print(x.grad)
""",
    """
T.manual_seed(0)
x = T.randn(1, 1, 3, 3, requires_grad=True)
for u in [T.nn.Upsample(scale_factor=2, mode='bicubic', align_corners=True), T.nn.Upsample(size=(5, 4), mode='bicubic'),
          T.nn.Upsample(size=(5, 4), mode='nearest-exact'), T.nn.Upsample(scale_factor=(1.5, 2.5), mode='bilinear')]:
    y = u(x)
    y.pow(2).sum().backward()
    print(y.shape, y.grad_fn.name(), y[0, 0, -1], x.grad[0, 0, 0])
    x.grad = None
""",
    """
T.manual_seed(0)
m = T.nn.FractionalMaxPool2d(3, output_ratio=(0.5, 0.5))
x = T.randn(1, 2, 8, 8, requires_grad=True)
y = m(x)
print(y.shape, y.grad_fn.name())
y.sum().backward()
print(x.grad.sum())
try:
    T.nn.FractionalMaxPool2d(2)
except ValueError as e:
    print(e)
try:
    T.nn.FractionalMaxPool2d(2, output_ratio=1.5)
except ValueError as e:
    print(e)
""",
    """
T.manual_seed(0)
p = T.nn.MaxPool1d(2, return_indices=True)
u = T.nn.MaxUnpool1d(2)
x = T.randn(1, 1, 6)
y, i = p(x)
print(u(y, i), u(y, i, output_size=(7,)).shape)
try:
    u(y, i, output_size=(9,))
except ValueError as e:
    print(e)
""",
    """
T.manual_seed(0)
m = T.nn.EmbeddingBag(5, 2, mode='sum', padding_idx=0)
x = T.tensor([0, 1, 2, 0, 3])
w = T.tensor([1., 2., 3., 4., 5.], requires_grad=True)
y = m(x, T.tensor([0, 2, 2]), per_sample_weights=w)
print(y)
y.sum().backward()
print(w.grad, m.weight.grad)
""",
    """
m = T.nn.Sequential(T.nn.Linear(2, 3), T.nn.Linear(3, 1))
sd = m.state_dict()
sd['0.weight'] = T.zeros(2, 2)
sd['1.bias'] = T.zeros(2)
del sd['0.bias']
sd['2.weight'] = T.ones(1)
sd['zz'] = T.ones(1)
try:
    m.load_state_dict(sd)
except RuntimeError as e:
    print(e)
""",
    """
m = T.nn.Linear(2, 3)
sd = m.state_dict()
sd['weight'] = [[1, 2]]
try:
    m.load_state_dict(sd)
except RuntimeError as e:
    print(e)
""",
    """
m = T.nn.Linear(2, 3)
sd = {'weight': T.ones(3, 2, dtype=T.float64), 'bias': T.zeros(3, dtype=T.int64)}
print(m.load_state_dict(sd))
print(m.weight.dtype, m.bias.dtype, m.weight)
""",
    """
m = T.nn.Linear(2, 3)
sd = {'weight': T.ones(3, 2), 'bias': T.zeros(3)}
with T.no_grad():
    pass
m.load_state_dict(sd)
print(m.weight.requires_grad, m.weight.grad_fn, m.weight._version > 0)
""",
    """
class M(T.nn.Module):
    def __init__(self):
        super().__init__()
        self.l = T.nn.Linear(1, 1)
        self.v = 3
    def get_extra_state(self):
        return {'v': self.v}
    def set_extra_state(self, state):
        self.v = state['v']
m = M()
sd = m.state_dict()
print(list(sd), sd['_extra_state'])
m2 = M(); m2.v = 0
print(m2.load_state_dict(sd), m2.v)
""",
    """
m = T.nn.Linear(2, 2)
import warnings
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter('always')
    d = {}
    r = m.state_dict(d, 'p.')
    print([str(x.message)[:80] for x in w])
print(list(r), r is d)
""",
    """
m = T.nn.Sequential(T.nn.Linear(2, 2))
d = T.nn.Sequential(m, T.nn.ReLU())
print(d.state_dict()._metadata)
print(d.state_dict(prefix='a.')._metadata)
""",
    """
m = T.nn.Linear(2, 2)
print(m._get_name(), T.nn.Sequential()._get_name())
print('forward' in dir(m), 'weight' in dir(m), '_parameters' in dir(m))
""",
    """
m = T.nn.Sequential(T.nn.Linear(2, 2), T.nn.ReLU())
names = []
m.apply(lambda x: names.append(type(x).__name__))
print(names)
r = m._apply(lambda t: t * 2)
print(r is m, m[0].weight.requires_grad, type(m[0].weight).__name__)
""",
    """
m = T.nn.Linear(2, 2)
m.weight.grad = T.ones(2, 2)
m.double()
print(m.weight.grad.dtype, m.weight.dtype)
m.float()
print(m.weight.grad.dtype)
""",
    """
m = T.nn.Linear(2, 2)
w = m.weight
m.double()
print(m.weight is w, w.dtype, m.weight.dtype)
w2 = m.weight
m.to(T.float64)
print(m.weight is w2)
""",
    """
import pickle, io
T.manual_seed(0)
m = T.nn.Sequential(T.nn.Linear(2, 2), T.nn.ReLU())
m2 = pickle.loads(pickle.dumps(m))
print(m2, T.equal(m2[0].weight, m[0].weight))
""",
    """
T.manual_seed(0)
m = T.nn.Linear(2, 2)
buf = __import__('io').BytesIO()
T.save(m.state_dict(), buf)
buf.seek(0)
sd = T.load(buf)
print(list(sd), type(sd).__name__, sd._metadata)
""",
    """
T.manual_seed(0)
m = T.nn.Sequential(T.nn.Linear(2, 2), T.nn.BatchNorm1d(2))
w = m[0].weight
m._apply(lambda t: t + 1, recurse=False)
print(m[0].weight is w, m[1].running_var)
m._apply(lambda t: t + 1)
print(m[0].weight is w, m[1].running_var, m[1].num_batches_tracked, m[0].weight.is_leaf)
""",
    """
order = []
m = T.nn.Sequential(T.nn.Linear(1, 1), T.nn.Sequential(T.nn.Linear(1, 1)))
def f(t):
    order.append(tuple(t.shape))
    return t
m._apply(f)
print(order)
""",
    """
T.manual_seed(0)
p = T.nn.MaxPool1d(2, return_indices=True)
u = T.nn.MaxUnpool1d(2)
x = T.randn(1, 1, 6)
y, i = p(x)
print(u(y, i), u(y, i, output_size=(7,)).shape, u(y, i, output_size=[1, 1, 7]).shape)
for bad in [(9,), [9], [1, 1, 9], T.Size([1, 1, 3]), (1, 2)]:
    try:
        u(y, i, output_size=bad)
    except ValueError as e:
        print(e)
""",
    """
T.manual_seed(0)
p = T.nn.MaxPool2d(2, return_indices=True)
u = T.nn.MaxUnpool2d(2)
x = T.randn(1, 1, 4, 4)
y, i = p(x)
print(u(y, i, output_size=x.size()).shape)
for bad in [(9, 4), [4, 9], T.Size([1, 1, 4, 7]), (1,)]:
    try:
        u(y, i, output_size=bad)
    except ValueError as e:
        print(e)
""",
    """
T.manual_seed(0)
p = T.nn.MaxPool3d(2, return_indices=True)
u = T.nn.MaxUnpool3d(2)
x = T.randn(1, 1, 4, 4, 4)
y, i = p(x)
print(u(y, i, output_size=(5, 5, 5)).shape)
try:
    u(y, i, output_size=(4, 4, 9))
except ValueError as e:
    print(e)
""",
    """
class M(T.nn.Module):
    def __init__(self):
        super().__init__()
        self.x = 5
        self.x = T.nn.Parameter(T.ones(1))
        self.y = T.nn.Parameter(T.ones(1))
        self.z = self.y
m = M()
print('x' in m.__dict__, list(m._parameters), [n for n, _ in m.named_parameters()])
print([n for n, _ in m.named_parameters(remove_duplicate=False)], len(list(m.parameters())))
""",
    """
class M(T.nn.Module):
    @property
    def foo(self):
        return self.bar
m = M()
try:
    m.foo
except AttributeError as e:
    print(e)
""",
    """
m = T.nn.Linear(2, 2)
r = m.register_module('act', T.nn.ReLU())
print(r, m)
m.register_module('act', None)
print(m._modules)
try:
    m.add_module('weight', T.nn.ReLU())
except KeyError as e:
    print(repr(e))
""",
    """
m = T.nn.Module()
m.a = T.nn.Linear(1, 1)
m.b = m.a
print(m)
print([n for n, _ in m.named_modules()], [n for n, _ in m.named_parameters()])
print(list(m.state_dict()))
""",
    """
m = T.nn.Module()
print(m, repr(m), m.training)
m2 = T.nn.Module()
m2.inner = T.nn.Module()
print(m2)
""",
    """
class Block(T.nn.Module):
    def __init__(self, n):
        super().__init__()
        self.n = n
        self.fc = T.nn.Linear(n, n)
    def extra_repr(self):
        return f'n={self.n}'
m = T.nn.Sequential(*[Block(2) for _ in range(3)])
print(m)
""",
    """
m = T.nn.ModuleList([T.nn.Sequential(T.nn.Linear(1, 1), T.nn.ReLU()) for _ in range(4)] + [T.nn.Linear(2, 2)])
print(m)
""",
    """
T.manual_seed(0)
m = T.nn.Sequential(T.nn.Linear(2, 2), T.nn.ReLU(), T.nn.Linear(2, 1))
x = T.randn(3, 2)
out = {}
def hook(name):
    def f(mod, inp, o):
        out[name] = o.detach()
    return f
for n, mod in m.named_modules():
    if n:
        mod.register_forward_hook(hook(n))
m(x)
print({k: v.shape for k, v in out.items()})
print(out['1'])
""",
    """
T.manual_seed(0)
m = T.nn.Linear(2, 2)
g = []
m.weight.register_hook(lambda grad: g.append(grad.clone()))
m(T.randn(3, 2)).sum().backward()
print(g[0], m.weight.grad)
""",
    """
T.manual_seed(0)
m = T.nn.Linear(2, 2)
acc = []
h = m.weight.register_post_accumulate_grad_hook(lambda p: acc.append(p.grad.sum().item()))
m(T.randn(3, 2)).sum().backward()
print(len(acc))
""",
    """
m = T.nn.Linear(3, 2)
def f(mod, inp):
    print(mod.training)
m.register_forward_pre_hook(f)
m.eval()
m(T.ones(3))
with T.no_grad():
    y = m(T.ones(3))
print(y.requires_grad, y.grad_fn)
with T.inference_mode():
    y = m(T.ones(3))
print(y.requires_grad, y.is_inference())
""",
    """
T.manual_seed(0)
m = T.nn.Linear(2, 2)
x = T.randn(1, 2)
y = m(x)
print(y.grad_fn, y.grad_fn.next_functions)
m2 = T.nn.Linear(2, 2, bias=False)
print(m2(x).grad_fn, m2(x[0]).grad_fn, m(x[0]).grad_fn)
print(m(T.randn(2, 3, 2)).grad_fn)
""",
    """
T.manual_seed(0)
m = T.nn.Linear(2, 2)
y = m(T.randn(1, 2))
n = y.grad_fn
print(n._saved_mat1.shape if hasattr(n, '_saved_mat1') else None, n._saved_alpha, n._saved_beta)
print(n._saved_mat2_sym_sizes, n._saved_mat1_sym_strides)
""",
    """
import warnings
T.manual_seed(0)
m = T.nn.InstanceNorm1d(3)
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter('always')
    y = m(T.randn(2, 4, 5))
    print([str(x.message) for x in w])
print(y.shape)
m2 = T.nn.InstanceNorm1d(3, affine=True)
try:
    m2(T.randn(2, 4, 5))
except (ValueError, RuntimeError) as e:
    print(type(e).__name__, e)
""",
    """
T.manual_seed(0)
m = T.nn.InstanceNorm2d(2)
x = T.randn(2, 3, 3, requires_grad=True)
y = m(x)
print(y.shape, y.grad_fn.name(), y[0, 0])
try:
    m(T.randn(3, 3))
except ValueError as e:
    print(e)
""",
    """
T.manual_seed(0)
m = T.nn.InstanceNorm1d(2)
try:
    m(T.randn(2, 2, 1))
except ValueError as e:
    print(e)
""",
    """
T.manual_seed(0)
m = T.nn.RMSNorm([3])
x = T.randn(2, 3, requires_grad=True)
y = m(x)
print(y, y.grad_fn.name())
y.sum().backward()
print(x.grad, m.weight.grad)
print(T.nn.RMSNorm(3, eps=1e-2, elementwise_affine=False)(x))
""",
    """
T.manual_seed(0)
m = T.nn.LayerNorm(3, elementwise_affine=False)
x = T.randn(2, 3, requires_grad=True)
y = m(x)
print(y.grad_fn.name(), list(m.parameters()), m.weight)
m2 = T.nn.LayerNorm(3, bias=False)
print([n for n, _ in m2.named_parameters()], m2.bias)
print(m2(x).grad_fn.next_functions)
""",
    """
T.manual_seed(0)
m = T.nn.LocalResponseNorm(2)
x = T.randn(1, 4, 2, 2, requires_grad=True)
y = m(x)
print(y.grad_fn.name(), y[0, :, 0, 0])
y.sum().backward()
print(x.grad[0, :, 0, 0])
print(m(T.randn(1, 3, 4)).shape)
try:
    m(T.randn(3, 4))
except ValueError as e:
    print(e)
""",
    """
T.manual_seed(0)
bn = T.nn.BatchNorm2d(3)
x = T.randn(2, 3, 2, 2) * 3 + 1
bn(x)
bn(x * 2)
print(bn.running_mean, bn.running_var, bn.num_batches_tracked)
bn.eval()
y = bn(x)
print(y[0, :, 0, 0], y.grad_fn.name())
""",
    """
T.manual_seed(0)
bn = T.nn.BatchNorm1d(3, affine=False)
x = T.randn(4, 3, requires_grad=True)
y = bn(x)
print(y.grad_fn.name(), y.grad_fn.next_functions, bn.weight)
""",
    """
T.manual_seed(0)
bn = T.nn.BatchNorm1d(3)
x = T.randn(4, 3, 2)
print(bn(x).shape)
try:
    bn(T.randn(1, 3))
except ValueError as e:
    print(e)
bn.eval()
print(bn(T.randn(1, 3)).shape)
""",
    """
T.manual_seed(0)
sbn = T.nn.SyncBatchNorm(3)
print(sbn)
x = T.randn(4, 3, 2)
try:
    print(sbn(x).shape)
except (ValueError, RuntimeError) as e:
    print(type(e).__name__, e)
m = T.nn.Sequential(T.nn.BatchNorm1d(3))
print(T.nn.SyncBatchNorm.convert_sync_batchnorm(m))
""",
    """
import warnings
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter('always')
    T.nn.LSTM(2, 3, dropout=0.5)
    print([str(x.message) for x in w])
try:
    T.nn.GRU(2, 3, dropout=1.5)
except ValueError as e:
    print(e)
try:
    T.nn.RNN(2, 3, nonlinearity='sigmoid')
except ValueError as e:
    print(e)
try:
    T.nn.LSTM(2, 3, proj_size=3)
except ValueError as e:
    print(e)
try:
    T.nn.GRU(2, 3, proj_size=1)
except ValueError as e:
    print(e)
try:
    T.nn.RNN(2, 0)
except ValueError as e:
    print(e)
try:
    T.nn.RNN(2, 3, num_layers=0)
except ValueError as e:
    print(e)
""",
    """
T.manual_seed(0)
c = T.nn.LSTMCell(2, 3)
x = T.randn(4, 2, requires_grad=True)
h, s = c(x)
print(h, s, h.grad_fn.name(), s.grad_fn.name())
(h.sum() + s.sum()).backward()
print(x.grad)
""",
    """
T.manual_seed(0)
c = T.nn.GRUCell(2, 3)
x = T.randn(2)
h = c(x)
print(h, h.grad_fn.name())
h2 = c(x, h)
print(h2)
""",
    """
T.manual_seed(0)
c = T.nn.RNNCell(2, 3, nonlinearity='relu', bias=False)
x = T.randn(3, 2)
h = c(x)
print(h, h.grad_fn.name())
""",
    """
T.manual_seed(0)
r = T.nn.RNN(2, 3, bidirectional=True, batch_first=True)
x = T.randn(2, 4, 2)
o, h = r(x)
print(o.shape, h.shape)
print(T.allclose(o[:, -1, :3], h[0]), T.allclose(o[:, 0, 3:], h[1]))
""",
    """
T.manual_seed(0)
r = T.nn.LSTM(2, 3, num_layers=2, proj_size=2)
x = T.randn(5, 1, 2)
o, (h, c) = r(x)
print(o.shape, h.shape, c.shape)
print(o[-1])
""",
    """
T.manual_seed(0)
x = T.randn(1, 2, 9, requires_grad=True)
for p in [T.nn.MaxPool1d(3, stride=2, dilation=2), T.nn.AvgPool1d(4, stride=3, padding=2), T.nn.LPPool1d(2, 3),
          T.nn.AdaptiveAvgPool1d(4), T.nn.AdaptiveMaxPool1d(4), T.nn.MaxPool1d(2, ceil_mode=True)]:
    y = p(x)
    print(type(p).__name__, y.grad_fn.name(), y.shape)
    y.sum().backward()
print(x.grad)
""",
    """
T.manual_seed(0)
x = T.randn(1, 1, 4, 4, 4, requires_grad=True)
for p in [T.nn.MaxPool3d(2), T.nn.AvgPool3d(2, stride=1), T.nn.AdaptiveAvgPool3d(2), T.nn.AdaptiveMaxPool3d((1, 2, 2))]:
    y = p(x)
    print(type(p).__name__, y.grad_fn.name(), y.shape, round(y.sum().item(), 4))
""",
    """
T.manual_seed(0)
m = T.nn.Conv3d(2, 2, 2, stride=(1, 2, 1), padding=1)
x = T.randn(1, 2, 3, 3, 3, requires_grad=True)
y = m(x)
print(y.shape, y.grad_fn.name())
y.sum().backward()
print(x.grad[0, 0, 0], m.weight.grad.shape)
""",
    """
T.manual_seed(0)
x = T.randn(2, 4)
for a in [T.nn.GLU(), T.nn.Hardtanh(-0.5, 0.5), T.nn.Threshold(0.1, -1.), T.nn.Softshrink(0.5), T.nn.Hardshrink(0.5),
          T.nn.CELU(0.5), T.nn.ELU(0.5), T.nn.LeakyReLU(0.3), T.nn.Softplus(2., 1.), T.nn.Mish(), T.nn.SiLU(), T.nn.GELU('tanh'),
          T.nn.Hardswish(), T.nn.Hardsigmoid(), T.nn.LogSigmoid(), T.nn.Tanhshrink(), T.nn.Softsign()]:
    xx = x.clone().requires_grad_()
    y = a(xx)
    y.sum().backward()
    print(type(a).__name__, y.grad_fn.name(), y[0], xx.grad[0])
""",
    """
try:
    T.nn.GLU()(T.ones(3))
except RuntimeError as e:
    print(e)
try:
    T.nn.Softmax2d()(T.ones(3))
except (RuntimeError, ValueError, AssertionError) as e:
    print(type(e).__name__, e)
try:
    T.nn.Hardtanh(1, -1)
except (ValueError, AssertionError) as e:
    print(type(e).__name__, e)
""",
    """
T.manual_seed(0)
m = T.nn.AdaptiveLogSoftmaxWithLoss(8, 10, cutoffs=[4, 8], div_value=2.)
print(m)
x = T.randn(3, 8)
t = T.tensor([0, 5, 9])
out = m(x, t)
print(out.output, out.loss)
print(m.log_prob(x).shape, m.predict(x))
""",
    """
T.manual_seed(0)
m = T.nn.FractionalMaxPool2d(2, output_size=(3, 3), return_indices=True)
x = T.randn(1, 1, 6, 6)
y, i = m(x)
print(y, i)
""",
    """
ml = T.nn.ModuleList([T.nn.ModuleList([T.nn.Linear(2, 2) for _ in range(2)]) for _ in range(3)])
print(ml)
""",
    """
class Blk(T.nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = T.nn.Linear(2, 2)
        self.act = T.nn.GELU()
ml = T.nn.ModuleList([Blk() for _ in range(4)])
print(ml)
seq = T.nn.Sequential(*[Blk() for _ in range(3)])
print(seq)
""",
    """
d = T.nn.ModuleDict({'layer-1': T.nn.Linear(1, 1), '2x': T.nn.ReLU(), 'a b': T.nn.Tanh()})
print(d)
print([n for n, _ in d.named_modules()])
""",
    """
class M(T.nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = T.nn.Linear(2, 2)
    def extra_repr(self):
        return 'custom=1'
print(M())
print(T.nn.Sequential(M(), M()))
""",
    """
print(T.nn.ModuleList([T.nn.Linear(2, 2), T.nn.Linear(2, 2), T.nn.Linear(3, 2), T.nn.Linear(3, 2), T.nn.Linear(2, 2)]))
""",
    """
class Net(T.nn.Module):
    def __init__(self):
        super().__init__()
        self.w = T.nn.Parameter(T.ones(3))
        self.register_buffer('b', T.zeros(2))
        self.heads = T.nn.ModuleList([T.nn.Identity() for _ in range(2)])
print(Net())
""",
    """
T.manual_seed(0)
m = T.nn.Linear(2, 2)
print(m.state_dict())
print(list(m.parameters()))
""",
    """
p = T.nn.Parameter(T.ones(2, dtype=T.float64), requires_grad=False)
print(p, repr(p))
print(T.nn.Parameter())
print(T.nn.Parameter(T.tensor(3.)))
""",
    """
class M(T.nn.Module):
    def __init__(self):
        super().__init__()
        self.b = T.nn.Buffer(T.ones(2))
        self.c = T.nn.Buffer(T.zeros(1), persistent=False)
m = M()
print(list(m._buffers), list(m.state_dict()), type(m.b).__name__)
print(m.b)
""",
    """
s = T.nn.Sequential(T.nn.Linear(2, 2))
try:
    s(T.ones(2), T.ones(2))
except TypeError as e:
    print(e)
""",
    """
try:
    T.nn.ModuleDict({1: T.nn.ReLU()})
except TypeError as e:
    print(e)
try:
    T.nn.ModuleList([1, 2])
except TypeError as e:
    print(e)
try:
    T.nn.Sequential(1)
except TypeError as e:
    print(e)
""",
    """
m = T.nn.Linear(2, 2)
h = m.register_forward_hook(lambda *a: None)
h.remove(); h.remove()
print(len(m._forward_hooks))
T.manual_seed(0)
m = T.nn.Linear(2, 2)
m.weight.data.normal_(0, 0.02)
m.bias.data.zero_()
print(m.weight, m.bias)
print(m.weight.data, type(m.weight.data).__name__, m.weight.data.requires_grad)
""",
    """
T.manual_seed(0)
m = T.nn.Linear(2, 2)
with T.no_grad():
    m.weight.copy_(T.eye(2))
    m.bias.fill_(1.)
print(m(T.tensor([[1., 2.]])))
print(m.weight._version, m.weight.is_leaf)
""",
    """
T.manual_seed(0)
m = T.nn.Linear(2, 2)
try:
    m.weight.add_(1)
except RuntimeError as e:
    print(e)
""",
    """
T.manual_seed(0)
model = T.nn.Sequential(T.nn.Linear(4, 8), T.nn.ReLU(), T.nn.Linear(8, 3))
opt = T.optim.SGD(model.parameters(), lr=0.1)
x = T.randn(16, 4); y = T.randint(0, 3, (16,))
for i in range(5):
    opt.zero_grad()
    loss = T.nn.functional.cross_entropy(model(x), y)
    loss.backward()
    opt.step()
    print(i, round(loss.item(), 5))
print(model[2].bias)
""",
    """
T.manual_seed(0)
print(sum(p.numel() for p in T.nn.Conv2d(3, 16, 3).parameters()))
print(sum(p.numel() for p in T.nn.LSTM(10, 20, 2).parameters() if p.requires_grad))
print(sum(p.numel() for p in T.nn.TransformerEncoderLayer(16, 4).parameters()))
print(sum(b.numel() for b in T.nn.BatchNorm2d(8).buffers()))
""",
    """
T.manual_seed(0)
m = T.nn.Embedding(10, 4)
x = T.tensor([[1, 2, 3], [4, 5, 6]])
y = m(x)
print(y.shape, y.grad_fn.name(), y.grad_fn._saved_padding_idx, y.grad_fn._saved_indices.dtype)
print(m(T.tensor(3)).shape)
""",
    """
T.manual_seed(0)
m = T.nn.Embedding(5, 2)
print(m(T.tensor([1, 2], dtype=T.int32)))
try:
    m(T.tensor([1, 2], dtype=T.int16))
except RuntimeError as e:
    print(e)
""",
    """
T.manual_seed(0)
m = T.nn.Linear(3, 2).double()
try:
    m(T.ones(1, 3))
except RuntimeError as e:
    print(e)
m2 = T.nn.Conv1d(1, 1, 2)
try:
    m2(T.ones(1, 1, 3, dtype=T.float64))
except RuntimeError as e:
    print(e)
""",
    """
T.manual_seed(0)
m = T.nn.Linear(3, 2)
try:
    m(T.ones(1, 3, dtype=T.int64))
except RuntimeError as e:
    print(e)
try:
    T.nn.LayerNorm(3)(T.ones(1, 3, dtype=T.float64))
except RuntimeError as e:
    print(e)
try:
    T.nn.BatchNorm1d(3)(T.ones(2, 3, dtype=T.float64))
except RuntimeError as e:
    print(e)
""",
    """
T.manual_seed(0)
mha = T.nn.MultiheadAttention(4, 2, batch_first=True)
q = T.randn(2, 3, 4); k = T.randn(2, 5, 4)
am = T.zeros(4, 3, 5); am[:, :, -1] = float('-inf')
o, w = mha(q, k, k, attn_mask=am)
print(o.shape, w.shape, w[0, 0])
""",
    """
T.manual_seed(0)
mha = T.nn.MultiheadAttention(4, 2)
q = T.randn(3, 1, 4)
try:
    mha(q, q, q, is_causal=True)
except RuntimeError as e:
    print(e)
o, w = mha(q, q, q, attn_mask=T.nn.Transformer.generate_square_subsequent_mask(3), is_causal=True)
print(w)
""",
    """
T.manual_seed(0)
mha = T.nn.MultiheadAttention(4, 2)
q = T.randn(3, 2, 4)
kpm = T.tensor([[0., 0., float('-inf')], [0., 0., 0.]])
o, w = mha(q, q, q, key_padding_mask=kpm)
print(w[0])
import warnings
with warnings.catch_warnings(record=True) as ws:
    warnings.simplefilter('always')
    o, w = mha(q, q, q, key_padding_mask=T.tensor([[False, False, True], [False, False, False]]), attn_mask=T.zeros(3, 3))
    print([str(x.message)[:100] for x in ws])
""",
    """
T.manual_seed(0)
mha = T.nn.MultiheadAttention(4, 2)
q = T.randn(3, 2, 4)
try:
    mha(q, q, q, attn_mask=T.zeros(2, 3, 3))
except RuntimeError as e:
    print(e)
try:
    mha(q, q, q, attn_mask=T.zeros(3, 3, 3, 3))
except (RuntimeError, AssertionError) as e:
    print(type(e).__name__, e)
try:
    mha(q, q, q, attn_mask=T.zeros(3, 3, dtype=T.int64))
except (RuntimeError, AssertionError) as e:
    print(type(e).__name__, e)
""",
    """
T.manual_seed(0)
mha = T.nn.MultiheadAttention(4, 2)
q = T.randn(3, 2, 4, requires_grad=True)
o, w = mha(q, q, q)
o.sum().backward()
print(mha.in_proj_weight.grad.sum(0), mha.out_proj.bias.grad, q.grad[0])
print(o.grad_fn.name(), w.grad_fn.name())
""",
    """
T.manual_seed(0)
mha = T.nn.MultiheadAttention(4, 2, batch_first=True)
q = T.randn(2, 3, 4)
mha.eval()
with T.no_grad():
    o, w = mha(q, q, q)
    o2, _ = mha(q, q, q, need_weights=False)
print(o[0], (o - o2).abs().max() < 1e-6)
""",
    """
T.manual_seed(0)
layer = T.nn.TransformerEncoderLayer(4, 2, 8, dropout=0.1)
layer.train()
x = T.randn(3, 2, 4)
y = layer(x)
print(y)
""",
    """
T.manual_seed(0)
m = T.nn.Linear(2, 1)
params = {'weight': T.ones(1, 2), 'bias': T.zeros(1)}
print(T.func.functional_call(m, params, (T.tensor([[1., 2.]]),)))
print(T.nn.utils.stateless.functional_call(m, params, T.tensor([[1., 3.]])))
print(m.weight)
""",
    """
T.manual_seed(0)
m = T.nn.Linear(3, 2)
T.nn.utils.prune.l1_unstructured(m, 'weight', amount=0.5)
print([n for n, _ in m.named_parameters()], [n for n, _ in m.named_buffers()])
print(m.weight_mask, m.weight)
print(T.nn.utils.prune.is_pruned(m))
T.nn.utils.prune.remove(m, 'weight')
print([n for n, _ in m.named_parameters()], m.weight)
""",
    """
T.manual_seed(0)
m = T.nn.Linear(4, 2)
T.nn.utils.prune.random_unstructured(m, 'weight', amount=3)
print(m.weight_mask)
T.nn.utils.prune.ln_structured(m, 'bias', amount=1, n=2, dim=0)
print(m.bias_mask, m._forward_pre_hooks)
""",
    """
from collections import OrderedDict
P = T.nn.utils.rnn
a = T.tensor([1., 2., 3.]); b = T.tensor([4., 5.]); c = T.tensor([6.])
p = P.pad_sequence([a, b, c], batch_first=True)
print(p)
print(P.pad_sequence([a, b, c], padding_value=-1))
print(P.pad_sequence([a, b, c], batch_first=True, padding_side='left'))
pk = P.pack_sequence([a, b, c])
print(pk)
out, lens = P.pad_packed_sequence(pk, batch_first=True)
print(out, lens)
""",
    """
P = T.nn.utils.rnn
x = T.tensor([[1., 2., 0.], [3., 0., 0.], [4., 5., 6.]])
pk = P.pack_padded_sequence(x, T.tensor([2, 1, 3]), batch_first=True, enforce_sorted=False)
print(pk.data, pk.batch_sizes, pk.sorted_indices, pk.unsorted_indices)
try:
    P.pack_padded_sequence(x, T.tensor([2, 1, 3]), batch_first=True)
except RuntimeError as e:
    print(e)
print(P.unpack_sequence(pk))
print(P.unpad_sequence(x, T.tensor([2, 1, 3]), batch_first=True))
""",
    """
T.manual_seed(0)
P = T.nn.utils.rnn
lstm = T.nn.LSTM(1, 2, batch_first=True)
x = T.randn(3, 4, 1)
pk = P.pack_padded_sequence(x, [4, 2, 1], batch_first=True)
o, (h, c) = lstm(pk)
print(type(o).__name__, o.data.shape, h)
u, l = P.pad_packed_sequence(o, batch_first=True, total_length=5)
print(u.shape, l, u[1, 2:])
""",
    """
T.manual_seed(0)
conv = T.nn.Conv2d(1, 2, 3)
bn = T.nn.BatchNorm2d(2)
bn.running_mean.fill_(0.1); bn.running_var.fill_(2.)
conv.eval(); bn.eval()
f = T.nn.utils.fusion.fuse_conv_bn_eval(conv, bn)
x = T.randn(1, 1, 4, 4)
print((f(x) - bn(conv(x))).abs().max() < 1e-5, f)
""",
    """
T.manual_seed(0)
m = T.nn.utils.skip_init(T.nn.Linear, 3, 2)
print(m.weight.shape, type(m).__name__)
""",
    """
T.manual_seed(0)
m = T.nn.utils.parametrizations.orthogonal(T.nn.Linear(3, 3))
W = m.weight
print((W @ W.T - T.eye(3)).abs().max() < 1e-5)
print(m)
""",
    """
T.manual_seed(0)
m = T.nn.utils.parametrizations.spectral_norm(T.nn.Linear(3, 2))
print([n for n, _ in m.named_parameters()], [n for n, _ in m.named_buffers()])
print(m.weight)
""",
    """
T.manual_seed(0)
m = T.nn.Conv1d(1, 2, 3).half()
x = T.randn(1, 1, 5).half()
print(m(x))
""",
    """
T.manual_seed(0)
m = T.nn.LayerNorm(3).half()
x = T.randn(2, 3).half()
print(m(x))
""",
    """
T.manual_seed(0)
m = T.nn.Linear(3, 2).double()
x = T.randn(2, 3, dtype=T.float64, requires_grad=True)
print(T.autograd.gradcheck(m, (x,)))
r = T.nn.GRU(2, 2).double()
print(T.autograd.gradcheck(lambda t: r(t)[0], (T.randn(3, 1, 2, dtype=T.float64, requires_grad=True),)))
""",
    """
T.manual_seed(0)
x = T.randn(2, 3, 5, 5, requires_grad=True)
w = T.randn(4, 3, 3, 3, requires_grad=True)
y = T.nn.functional.conv2d(x, w, stride=2, padding=1)
g = T.randn_like(y)
y.backward(g)
gi = T.nn.grad.conv2d_input(x.shape, w, g, stride=2, padding=1)
gw = T.nn.grad.conv2d_weight(x, w.shape, g, stride=2, padding=1)
print(gi.shape, gw.shape, (gi - x.grad).abs().max() < 1e-5, (gw - w.grad).abs().max() < 1e-4)
print(gi.requires_grad, gi.grad_fn, gw.grad_fn)
print(gi[0, 0, 0])
""",
    """
T.manual_seed(0)
x = T.randn(1, 4, 7)
w = T.randn(2, 2, 3)
g = T.randn(1, 2, 2)
print(T.nn.grad.conv1d_input((1, 4, 7), w, g, stride=2, dilation=2, groups=2)[0, 0])
print(T.nn.grad.conv1d_weight(x, (2, 2, 3), g, stride=2, dilation=2, groups=2))
""",
    """
T.manual_seed(0)
x = T.randn(1, 1, 3, 4, 4)
w = T.randn(2, 1, 2, 2, 2)
g = T.randn(1, 2, 2, 3, 3)
print(T.nn.grad.conv3d_input(x.shape, w, g).sum(), T.nn.grad.conv3d_weight(x, w.shape, g)[0, 0])
""",
    """
print(T.nn.grad.conv2d_input.__name__, T.nn.grad.conv2d_weight.__module__)
""",
    """
class FusedConv(T.autograd.Function):
    @staticmethod
    def forward(ctx, X, weight):
        ctx.save_for_backward(X, weight)
        return T.nn.functional.conv2d(X, weight)
    @staticmethod
    def backward(ctx, grad_out):
        X, weight = ctx.saved_tensors
        return (T.nn.grad.conv2d_input(X.shape, weight, grad_out),
                T.nn.grad.conv2d_weight(X, weight.shape, grad_out))
T.manual_seed(0)
X = T.randn(2, 1, 5, 5, dtype=T.double, requires_grad=True)
W = T.randn(3, 1, 3, 3, dtype=T.double, requires_grad=True)
print(T.autograd.gradcheck(FusedConv.apply, (X, W)))
y = FusedConv.apply(X, W)
y.sum().backward()
print(y.grad_fn.name(), W.grad[0, 0])
""",
    """
T.manual_seed(0)
x = T.randn(1, 1, 4, requires_grad=True)
w = T.randn(1, 1, 2, requires_grad=True)
g = T.randn(1, 1, 3, requires_grad=True)
gi = T.nn.grad.conv1d_input(x.shape, w, g)
gw = T.nn.grad.conv1d_weight(x, w.shape, g)
print(gi, gw)
(gi.sum() + gw.sum()).backward()
print(x.grad, w.grad, g.grad)
with T.no_grad():
    print(T.nn.grad.conv1d_input(x.shape, w, g).requires_grad)
""",
    """
T.manual_seed(0)
w = T.empty(4, 3, 2, 2)
print(T.nn.init._calculate_fan_in_and_fan_out(w))
print(T.nn.init._calculate_correct_fan(w, 'fan_out'))
print(T.nn.init.kaiming_normal_(w, mode='fan_out')[0, 0])
print(T.nn.init.orthogonal_(T.empty(2, 3, 2), gain=2.)[0])
print(T.nn.init.trunc_normal_(T.empty(5), mean=1., std=2., a=0., b=2.))
""",
    """
g = T.Generator().manual_seed(42)
w = T.empty(2, 3)
print(T.nn.init.uniform_(w, generator=g))
print(T.nn.init.normal_(w, generator=g))
print(T.nn.init.xavier_normal_(w, generator=g))
print(T.nn.init.kaiming_uniform_(w, generator=g))
print(T.nn.init.trunc_normal_(w, generator=g))
print(T.nn.init.orthogonal_(w, generator=g))
""",
    """
T.manual_seed(0)
w = T.empty(3, 4, requires_grad=True)
print(T.nn.init.xavier_uniform_(w).requires_grad, w.grad_fn, w.is_leaf)
try:
    T.nn.init.uniform_(w * 2)
except RuntimeError as e:
    print(e)
""",
    """
T.manual_seed(0)
w = T.empty(3, 4, dtype=T.float64)
print(T.nn.init.kaiming_uniform_(w, a=5 ** 0.5))
print(T.nn.init.uniform_(T.empty(2, dtype=T.float16)))
""",
    """
T.manual_seed(0)
for n in ['conv2d', 'conv_transpose1d', 'linear', 'sigmoid']:
    print(T.nn.init.calculate_gain(n))
print(T.nn.init.calculate_gain('leaky_relu', True) if False else T.nn.init.calculate_gain('leaky_relu', 0))
print(T.nn.init.calculate_gain('selu'), T.nn.init.calculate_gain('tanh'))
""",
    """
T.manual_seed(0)
print(T.nn.init.sparse_(T.empty(6, 3), sparsity=0.34, std=0.5))
try:
    T.nn.init.sparse_(T.empty(6), 0.1)
except ValueError as e:
    print(e)
""",
    """
h = T.nn.modules.module.register_module_forward_hook(lambda m, i, o: print('global', type(m).__name__))
T.nn.Sequential(T.nn.ReLU())(T.ones(1))
h.remove()
T.nn.ReLU()(T.ones(1))
""",
    """
h = T.nn.modules.module.register_module_forward_pre_hook(lambda m, i: print('gpre', type(m).__name__))
T.nn.Linear(1, 1)(T.ones(1))
h.remove()
""",
    """
T.manual_seed(0)
class Two(T.nn.Module):
    def forward(self, a, b):
        return a * b, a + b
m = Two()
m.register_full_backward_hook(lambda mod, gi, go: print('gi', gi, 'go', go))
a = T.tensor([1., 2.], requires_grad=True)
b = T.tensor([3., 4.])
x, y = m(a, b)
(x.sum() + 2 * y.sum()).backward()
print(a.grad)
""",
    """
T.manual_seed(0)
m = T.nn.Linear(2, 2)
m.register_full_backward_hook(lambda mod, gi, go: print('called', gi))
x = T.randn(1, 2)
m(x).sum().backward()
print(m.weight.grad is not None)
""",
    """
T.manual_seed(0)
m = T.nn.ReLU(inplace=True)
m.register_full_backward_hook(lambda mod, gi, go: print('bh'))
x = T.randn(3, requires_grad=True)
try:
    y = m(x * 1)
    y.sum().backward()
except RuntimeError as e:
    print(e)
""",
    """
T.manual_seed(0)
m = T.nn.Linear(2, 2)
m.register_full_backward_hook(lambda mod, gi, go: print('bh'))
x = T.randn(1, 2, requires_grad=True)
y = m(x)
print(y.grad_fn.name(), y.grad_fn.next_functions[0][0].name())
""",
    """
T.manual_seed(0)
m = T.nn.Linear(2, 2)
m.register_full_backward_pre_hook(lambda mod, go: print('pre', go[0].shape))
m.register_full_backward_hook(lambda mod, gi, go: print('post', gi[0].shape))
x = T.randn(1, 2, requires_grad=True)
y = m(x)
print(y.grad_fn.name())
y.sum().backward()
""",
    """
T.manual_seed(0)
m = T.nn.Linear(2, 2)
def bad(mod, gi, go):
    return (gi[0], gi[0])
m.register_full_backward_hook(bad)
x = T.randn(1, 2, requires_grad=True)
try:
    m(x).sum().backward()
except RuntimeError as e:
    print(e)
""",
    """
T.manual_seed(0)
m = T.nn.Linear(2, 2)
def bad(mod, go):
    return (go[0][:, :1],)
m.register_full_backward_pre_hook(bad)
x = T.randn(1, 2, requires_grad=True)
try:
    m(x).sum().backward()
except RuntimeError as e:
    print(e)
""",
    """
T.manual_seed(0)
m = T.nn.Sequential(T.nn.Linear(3, 3), T.nn.ReLU(), T.nn.Linear(3, 1))
acts = {}
for i, layer in enumerate(m):
    layer.register_full_backward_hook(lambda mod, gi, go, i=i: acts.setdefault(i, go[0].norm().item()))
x = T.randn(4, 3, requires_grad=True)
m(x).mean().backward()
print({k: round(v, 4) for k, v in acts.items()}, list(acts))
""",
    """
class M(T.nn.Module):
    def forward(self, x):
        return {'out': x * 2}
m = M()
m.register_forward_hook(lambda mod, i, o: print(type(o).__name__, list(o)))
print(m(T.ones(1)))
""",
    """
m = T.nn.Linear(2, 2)
try:
    m.register_forward_hook(lambda a, b, c: None, with_kwargs=True)(T.ones(2)) if False else None
except Exception as e:
    print(e)
def hk(mod, args, kwargs, out):
    print(args, kwargs)
m.register_forward_hook(hk, with_kwargs=True)
m(input=T.ones(2))
""",
    """
class M(T.nn.Module):
    def __init__(self):
        super().__init__()
        self.sub = T.nn.Linear(1, 1)
        self.register_buffer('z', T.zeros(1))
        self.a = T.nn.Parameter(T.ones(1))
        self.sub2 = T.nn.BatchNorm1d(1)
        self.b = T.nn.Parameter(T.ones(1))
m = M()
print(list(m.state_dict()))
print([n for n, _ in m.named_parameters()])
print([n for n, _ in m.named_buffers()])
""",
    """
class M(T.nn.Module):
    def __init__(self):
        super().__init__()
        self.a = T.nn.Parameter(T.ones(1))
        self.b = T.nn.Parameter(T.ones(1))
m = M()
m.a = T.nn.Parameter(T.zeros(1))
print(list(m._parameters))
del m.a
m.a = T.nn.Parameter(T.zeros(1))
print(list(m._parameters))
""",
    """
m = T.nn.Linear(2, 2)
m.weight = None
print(list(m.state_dict()), m)
try:
    m(T.ones(2))
except (TypeError, AttributeError, RuntimeError) as e:
    print(type(e).__name__, e)
""",
    """
m = T.nn.Linear(2, 2)
m.register_buffer('n', None)
print(list(m.state_dict()), 'n' in m._buffers)
m.n = T.ones(1)
print(list(m.state_dict()))
""",
    """
class Cfg(T.nn.Module):
    def __init__(self):
        super().__init__()
        self.cfg = {'a': 1}
        self.names = ['x']
        self.t = T.ones(1)
m = Cfg()
print(list(m.state_dict()), m.t, list(m.buffers()))
print(m.to(T.float64).t.dtype)
""",
    """
T.manual_seed(0)
m = T.nn.Linear(2, 2)
m.register_full_backward_hook(lambda mod, gi, go: (gi[0][:, :1],))
x = T.randn(1, 2, requires_grad=True)
try:
    m(x).sum().backward()
except RuntimeError as e:
    print(e)
""",
    """
T.manual_seed(0)
m = T.nn.Linear(2, 2)
m.register_full_backward_hook(lambda mod, gi, go: (gi[0].double(),))
x = T.randn(1, 2, requires_grad=True)
try:
    m(x).sum().backward()
except RuntimeError as e:
    print(e)
""",
    """
T.manual_seed(0)
m = T.nn.Linear(2, 2)
m.register_full_backward_pre_hook(lambda mod, go: (go[0].double(),))
x = T.randn(1, 2, requires_grad=True)
try:
    m(x).sum().backward()
except RuntimeError as e:
    print(e)
""",
    """
T.manual_seed(0)
m = T.nn.Linear(2, 2)
m.register_full_backward_pre_hook(lambda mod, go: (go[0] * 3,))
m.register_full_backward_hook(lambda mod, gi, go: print('go seen', go[0]))
x = T.randn(1, 2, requires_grad=True)
m(x).sum().backward()
print(x.grad)
""",
    """
T.manual_seed(0)
m = T.nn.Linear(2, 2)
m.register_full_backward_hook(lambda mod, gi, go: ('x',))
x = T.randn(1, 2, requires_grad=True)
try:
    m(x).sum().backward()
except (RuntimeError, TypeError) as e:
    print(type(e).__name__, e)
""",
    """
T.manual_seed(0)
r = T.nn.LSTM(2, 3, num_layers=2, bidirectional=True, dropout=0.3)
x = T.randn(4, 2, 2, requires_grad=True)
o, (h, c) = r(x)
o.pow(2).sum().backward()
print(o[0, 0], h[:, 0], x.grad[0])
print(r.weight_hh_l1_reverse.grad[0])
""",
    """
T.manual_seed(0)
r = T.nn.GRU(2, 3, num_layers=3, dropout=0.5, batch_first=True)
x = T.randn(2, 4, 2)
o, h = r(x)
print(o[:, -1], h[-1])
r.eval()
o2, h2 = r(x)
print(o2[:, -1])
""",
    """
T.manual_seed(0)
r = T.nn.LSTM(3, 4, proj_size=2, bidirectional=True, batch_first=True)
x = T.randn(2, 3, 3, requires_grad=True)
o, (h, c) = r(x)
print(o.shape, h.shape, c.shape)
o.sum().backward()
print(r.weight_hr_l0.grad, r.weight_hr_l0_reverse.shape)
""",
    """
T.manual_seed(0)
r = T.nn.RNN(2, 3, num_layers=2)
h0 = T.randn(2, 1, 3, requires_grad=True)
x = T.randn(5, 1, 2)
o, h = r(x, h0)
h.sum().backward()
print(h0.grad, o.grad_fn.name())
""",
    """
T.manual_seed(0)
layer = T.nn.TransformerEncoderLayer(4, 2, 8, dropout=0.0, batch_first=True)
enc = T.nn.TransformerEncoder(layer, 2)
enc.eval()
x = T.randn(2, 3, 4)
mask = T.tensor([[False, False, True], [False, False, False]])
with T.no_grad():
    y = enc(x, src_key_padding_mask=mask)
print(y)
""",
    """
T.manual_seed(0)
layer = T.nn.TransformerEncoderLayer(4, 2, 8, dropout=0.0, batch_first=True)
layer.eval()
x = T.randn(2, 3, 4)
mask = T.tensor([[False, False, True], [False, False, False]])
with T.no_grad():
    y = layer(x, src_key_padding_mask=mask)
print(y)
""",
    """
import warnings
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter('always')
    layer = T.nn.TransformerEncoderLayer(4, 2, 8)
    enc = T.nn.TransformerEncoder(layer, 2)
    print([str(x.message) for x in w])
""",
    """
T.manual_seed(0)
dec_layer = T.nn.TransformerDecoderLayer(4, 2, 8, dropout=0.0)
dec = T.nn.TransformerDecoder(dec_layer, 2, norm=T.nn.LayerNorm(4))
tgt = T.randn(3, 2, 4); mem = T.randn(4, 2, 4)
tm = T.nn.Transformer.generate_square_subsequent_mask(3)
y = dec(tgt, mem, tgt_mask=tm, memory_key_padding_mask=T.tensor([[False, False, False, True], [False] * 4]), tgt_is_causal=True)
print(y, y.grad_fn.name())
print(dec)
""",
    """
T.manual_seed(0)
try:
    T.nn.Transformer(d_model=4, nhead=3)
except AssertionError as e:
    print(e)
t = T.nn.Transformer(d_model=4, nhead=2, num_encoder_layers=1, num_decoder_layers=1, dim_feedforward=8)
try:
    t(T.randn(5, 2, 4), T.randn(3, 3, 4))
except RuntimeError as e:
    print(e)
try:
    t(T.randn(5, 2, 4), T.randn(3, 2, 5))
except RuntimeError as e:
    print(e)
""",
    """
T.manual_seed(0)
layer = T.nn.TransformerEncoderLayer(4, 2, 8, dropout=0.0, activation=T.nn.functional.gelu)
x = T.randn(3, 1, 4)
print(layer(x), layer.activation_relu_or_gelu)
print(layer)
""",
    """
T.manual_seed(0)
mha = T.nn.MultiheadAttention(4, 2, dropout=0.0)
q = T.randn(2, 1, 4)
mha.eval()
with T.no_grad():
    o, w = mha(q, q, q)
print(o, w)
print(mha.in_proj_weight.shape, mha.out_proj, mha._qkv_same_embed_dim, mha.head_dim)
""",
    """
T.manual_seed(0)
mha = T.nn.MultiheadAttention(4, 2)
q = T.randn(2, 1, 4)
try:
    mha(q, q, q, attn_mask=T.zeros(3, 3))
except RuntimeError as e:
    print(e)
try:
    mha(q, q, q, key_padding_mask=T.zeros(1, 3, dtype=T.bool))
except (RuntimeError, AssertionError) as e:
    print(type(e).__name__, e)
""",
    """
try:
    T.nn.utils.vector_to_parameters([1, 2], T.nn.Linear(1, 1).parameters())
except TypeError as e:
    print(e)
try:
    T.nn.utils.parameters_to_vector([T.zeros(2), T.zeros(2, dtype=T.float64)])
except Exception as e:
    print(type(e).__name__, e)
print(T.nn.utils.parameters_to_vector([T.zeros(2, 2), T.ones(3)]))
""",
    """
P = T.nn.utils.rnn
pk = P.pack_sequence([T.tensor([1., 2.]), T.tensor([3.])])
print(pk)
print(pk.is_cuda, pk.to(T.float64).data.dtype, type(pk).__name__, pk._fields if hasattr(pk, '_fields') else None)
print(pk.float().data.dtype, pk.double().data.dtype)
""",
    """
P = T.nn.utils.rnn
try:
    P.pack_sequence([T.tensor([1.]), T.tensor([3., 4.])])
except RuntimeError as e:
    print(e)
print(P.pack_sequence([T.tensor([1.]), T.tensor([3., 4.])], enforce_sorted=False))
try:
    P.pad_sequence([T.ones(2, 3), T.ones(2, 4)])
except RuntimeError as e:
    print(e)
try:
    P.pack_padded_sequence(T.ones(3, 2), T.tensor([3, 0]))
except RuntimeError as e:
    print(e)
try:
    P.pack_padded_sequence(T.ones(3, 2), T.tensor([4, 1]))
except RuntimeError as e:
    print(e)
""",
    """
P = T.nn.utils.rnn
x = T.tensor([[1., 2., 3.], [4., 5., 0.]], requires_grad=True)
pk = P.pack_padded_sequence(x, [3, 2], batch_first=True)
print(pk.data.grad_fn.name())
out, l = P.pad_packed_sequence(pk, batch_first=True, padding_value=-1.)
print(out, out.grad_fn.name())
out.sum().backward()
print(x.grad)
try:
    P.pad_packed_sequence(pk, total_length=2)
except ValueError as e:
    print(e)
""",
    """
T.manual_seed(0)
m = T.nn.Linear(2, 2)
m(T.randn(3, 2)).sum().backward()
T.nn.utils.clip_grad_value_(m.parameters(), clip_value=0.5, foreach=True)
print(m.weight.grad, m.bias.grad)
try:
    T.nn.utils.clip_grad_norm_(m.parameters(), 1.0, norm_type=-1)
except Exception as e:
    print(type(e).__name__, e)
""",
    """
for m in [T.nn.Conv2d(1, 2, 3, padding='same'), T.nn.Conv2d(1, 2, (1, 3), padding=(0, 1), padding_mode='replicate'),
          T.nn.Conv1d(1, 2, 3, stride=(2,)), T.nn.ConvTranspose2d(1, 2, 3, output_padding=(1, 0), stride=2),
          T.nn.Conv2d(2, 2, 1, groups=2, bias=False, dilation=(1, 2)), T.nn.Conv3d(1, 1, (1, 2, 3), stride=(1, 1, 2))]:
    print(m)
""",
    """
for m in [T.nn.MaxPool2d((2, 3)), T.nn.MaxPool2d(2, 1), T.nn.AvgPool2d((2, 3), stride=(1, 2)), T.nn.MaxPool1d(3, padding=1, return_indices=True),
          T.nn.AvgPool1d(2, ceil_mode=True), T.nn.MaxPool3d((1, 2, 2), ceil_mode=True), T.nn.AvgPool3d(2, divisor_override=2),
          T.nn.AdaptiveAvgPool1d(3), T.nn.AdaptiveMaxPool3d((None, 2, 2)), T.nn.LPPool3d(2, 2), T.nn.MaxUnpool1d(2, stride=1, padding=0),
          T.nn.FractionalMaxPool3d(2, output_ratio=0.5)]:
    print(m)
""",
    """
for m in [T.nn.Upsample(scale_factor=(2, 3)), T.nn.Upsample(scale_factor=2., mode='trilinear', align_corners=False),
          T.nn.Upsample(size=5, mode='linear', align_corners=True, recompute_scale_factor=True), T.nn.Upsample(),
          T.nn.Softmax(dim=None), T.nn.Threshold(0.1, 2, inplace=True), T.nn.Hardtanh(inplace=True), T.nn.ReLU6(True),
          T.nn.LeakyReLU(negative_slope=0.01, inplace=True), T.nn.ELU(1, True), T.nn.CELU(2., inplace=True), T.nn.SiLU(inplace=True),
          T.nn.Mish(inplace=True), T.nn.Hardswish(inplace=True), T.nn.Hardsigmoid(inplace=True), T.nn.RReLU(inplace=True), T.nn.PReLU()]:
    print(m)
""",
    """
for m in [T.nn.Embedding(3, 2, _weight=T.zeros(3, 2)), T.nn.Embedding(3, 2, max_norm=2), T.nn.EmbeddingBag(3, 2, max_norm=1., scale_grad_by_freq=True, sparse=True),
          T.nn.EmbeddingBag(3, 2, mode='sum', norm_type=3.0), T.nn.LSTM(3, 4, 2, batch_first=True, proj_size=2, bias=False),
          T.nn.GRU(3, 4, bidirectional=True, dropout=0.1, num_layers=2), T.nn.LayerNorm((2,), eps=1e-6), T.nn.GroupNorm(1, 3, eps=1e-3),
          T.nn.InstanceNorm3d(2, momentum=0.2), T.nn.BatchNorm1d(3, 1e-3, 0.01), T.nn.LocalResponseNorm(2, alpha=1e-3, beta=0.5, k=2.),
          T.nn.CrossMapLRN2d(3) if hasattr(T.nn, 'CrossMapLRN2d') else T.nn.Identity()]:
    print(m)
""",
    """
for m in [T.nn.Unflatten(0, T.Size([2, 2])), T.nn.Flatten(start_dim=2, end_dim=3), T.nn.Fold(4, 2, 1, 0, 1), T.nn.Unfold((2, 3), stride=(1, 2)),
          T.nn.PairwiseDistance(), T.nn.CosineSimilarity(0, 1e-6), T.nn.Bilinear(1, 1, 1), T.nn.Identity(), T.nn.ZeroPad3d((1, 2, 3, 4, 5, 6)),
          T.nn.ReflectionPad3d(1), T.nn.CircularPad2d((1, 2, 0, 0)), T.nn.ReplicationPad1d(3), T.nn.ConstantPad2d((1, 1), 2)]:
    print(m)
""",
    """
m = T.nn.Linear(2, 2)
c = T.compile(m)
print(type(c).__name__, c)
print(c(T.ones(2)).shape, c._orig_mod is m)
print(list(c.state_dict()))
""",
    """
m = T.nn.Linear(2, 2)
r = m.compile()
print(r, m)
""",
    """
@T.compile
def f(x):
    return x * 2
print(f(T.ones(2)))
""",
    """
try:
    T.nn.Parameter(T.tensor([1, 2]))
except RuntimeError as e:
    print(e)
p = T.nn.Parameter(T.tensor([1, 2]), requires_grad=False)
print(p)
""",
    """
m = T.nn.Linear(2, 2)
w = T.ones(2, 2, requires_grad=True) * 2
try:
    m.register_parameter('w2', T.nn.Parameter(w))
    print('ok', m.w2.is_leaf)
except ValueError as e:
    print(e)
class Fake:
    pass
try:
    m.register_parameter('w3', Fake())
except TypeError as e:
    print(e)
""",
    """
m = T.nn.Linear(2, 2)
m.register_forward_hook(lambda mod, i, o: print('hook'))
y = m.forward(T.ones(2))
print(y.shape)
y = m(T.ones(2))
""",
    """
T.manual_seed(0)
class MLP(T.nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = T.nn.Linear(4, 8)
        self.fc2 = T.nn.Linear(8, 2)
        self.drop = T.nn.Dropout(0.25)
    def forward(self, x):
        return self.fc2(self.drop(T.relu(self.fc1(x))))
net = MLP()
x = T.randn(5, 4)
net.train()
y1 = net(x)
net.eval()
y2 = net(x)
y3 = net(x)
print(T.equal(y2, y3), T.equal(y1, y2), y2)
print(net)
""",
    """
T.manual_seed(0)
net = T.nn.Sequential(T.nn.Conv2d(1, 4, 3, padding=1), T.nn.BatchNorm2d(4), T.nn.ReLU(), T.nn.MaxPool2d(2),
                      T.nn.Flatten(), T.nn.Linear(16, 3))
x = T.randn(2, 1, 4, 4)
y = net(x)
print(y, y.grad_fn.name())
T.nn.functional.cross_entropy(y, T.tensor([0, 2])).backward()
print(net[0].weight.grad[0, 0], net[1].weight.grad, net[5].bias.grad)
print(net[1].running_mean, net[1].num_batches_tracked)
""",
    """
T.manual_seed(0)
net = T.nn.Sequential(T.nn.Embedding(10, 4), T.nn.LSTM(4, 5, batch_first=True))
x = T.randint(0, 10, (2, 3))
out, (h, c) = net[1](net[0](x))
print(out.shape, h[0])
""",
    """
T.manual_seed(0)
m = T.nn.Linear(3, 1)
x = T.randn(10, 3); y = x.sum(1, keepdim=True)
opt = T.optim.Adam(m.parameters(), lr=0.1)
for _ in range(20):
    opt.zero_grad()
    l = T.nn.MSELoss()(m(x), y)
    l.backward()
    opt.step()
print(l, m.weight, m.bias)
""",
    """
T.manual_seed(0)
m = T.nn.Linear(2, 2)
for name, p in m.named_parameters():
    print(name, p.shape, p.requires_grad, p.grad)
print(m.weight.T, m.weight.t().grad_fn)
""",
    """
T.manual_seed(0)
m = T.nn.Linear(2, 2)
frozen = [p for n, p in m.named_parameters() if 'bias' in n]
for p in frozen:
    p.requires_grad = False
m(T.randn(3, 2)).sum().backward()
print(m.weight.grad, m.bias.grad)
print([n for n, p in m.named_parameters() if p.requires_grad])
""",
    """
T.manual_seed(0)
conv = T.nn.Conv2d(3, 8, kernel_size=3, stride=2, padding=1)
x = T.randn(1, 3, 32, 32)
print(conv(x).shape, conv.weight.shape, conv.bias.shape)
print(conv.kernel_size, conv.stride, conv.padding, conv.dilation, conv.groups, conv.padding_mode, conv.transposed, conv.output_padding)
""",
    """
T.manual_seed(0)
m = T.nn.ConvTranspose2d(4, 2, 3, stride=2, padding=1, output_padding=1, groups=2, dilation=2)
x = T.randn(1, 4, 3, 3, requires_grad=True)
y = m(x)
print(y.shape, y[0, 0, 0])
y.pow(2).sum().backward()
print(x.grad[0, 0, 0], m.weight.grad[0, 0, 0])
""",
    """
T.manual_seed(0)
m = T.nn.Conv2d(1, 1, (2, 4), padding='same', dilation=(1, 2))
x = T.randn(1, 1, 5, 6, requires_grad=True)
y = m(x)
print(y.shape, y[0, 0, 0])
y.sum().backward()
print(x.grad[0, 0, 0])
""",
    """
T.manual_seed(0)
m = T.nn.ConvTranspose3d(2, 1, 2, stride=(1, 2, 1), padding=(0, 1, 0))
x = T.randn(1, 2, 2, 2, 2, requires_grad=True)
y = m(x)
print(y.shape, y.grad_fn.name())
y.sum().backward()
print(x.grad[0, 0, 0])
""",
    """
T.manual_seed(0)
try:
    T.nn.ConvTranspose2d(2, 2, 3, padding='same')
except (ValueError, TypeError, RuntimeError) as e:
    print(type(e).__name__, e)
try:
    T.nn.ConvTranspose2d(2, 2, 3, padding_mode='reflect')
except ValueError as e:
    print(e)
try:
    T.nn.ConvTranspose1d(2, 2, 3, stride=2, output_padding=2)(T.randn(1, 2, 3))
except RuntimeError as e:
    print(e)
""",
    """
T.manual_seed(0)
m = T.nn.Conv1d(2, 2, 3, padding=2, padding_mode='replicate')
x = T.randn(1, 2, 4, requires_grad=True)
y = m(x)
print(y, y.grad_fn.next_functions[0][0].name())
try:
    T.nn.Conv1d(2, 2, 3, padding=5, padding_mode='reflect')(x)
except RuntimeError as e:
    print(e)
""",
    """
ml = T.nn.ModuleList([T.nn.ReLU(), T.nn.Tanh(), T.nn.ELU()])
ml[-1] = T.nn.Sigmoid()
print(ml)
try:
    ml[5] = T.nn.ReLU()
except IndexError as e:
    print(e)
r = ml.__iadd__([T.nn.ReLU()])
print(r is ml, len(ml), list(ml._modules))
print(ml.index(ml[1]) if hasattr(ml, 'index') else 'noindex')
print(T.nn.ReLU() in ml, ml[1] in ml)
""",
    """
d = T.nn.ModuleDict({'a': T.nn.ReLU(), 'b': T.nn.Tanh()})
d['a'] = T.nn.ELU()
print(list(d), d)
print(list(d.values())[0], [k for k, _ in d.items()])
print(d.setdefault('c', T.nn.Sigmoid()) if hasattr(d, 'setdefault') else 'nosetdefault')
""",
    """
pl = T.nn.ParameterList([T.nn.Parameter(T.zeros(1)) for _ in range(3)])
pl[0] = T.ones(2)
print(pl, type(pl[0]).__name__)
print(list(pl._parameters) if hasattr(pl, '_parameters') else None)
print(pl[-1], len(pl))
for p in pl:
    print(p.shape)
""",
    """
pd = T.nn.ParameterDict()
pd.update({'a': T.zeros(1), 'b': T.ones(2)})
pd.update([('c', T.zeros(3))])
print(pd)
print(pd.setdefault('d', T.ones(1)), list(pd))
print(pd.popitem())
print(list(pd.keys()), len(pd.values()), type(pd.items()).__name__)
del pd['a']
print(list(pd))
try:
    pd.update(3)
except TypeError as e:
    print(e)
try:
    pd.update([('x', T.zeros(1), 3)])
except ValueError as e:
    print(e)
""",
    """
pd = T.nn.ParameterDict({'w': T.ones(2)})
print(pd.w if hasattr(pd, 'w') else None)
print([n for n, _ in pd.named_parameters()])
pd2 = T.nn.ParameterDict({'b': T.zeros(1)})
pd |= pd2
print(list(pd))
print(list(pd2 | {'z': T.ones(1)} if False else pd2))
""",
    """
pl = T.nn.ParameterList()
pl.append(T.nn.Parameter(T.ones(2, 3, dtype=T.float64)))
pl.append(T.ones(1, dtype=T.int64))
print(pl)
""",
    """
s = T.nn.Sequential(T.nn.Linear(1, 1), T.nn.ReLU())
for i, m in enumerate(s):
    print(i, m)
print(list(reversed(s)) if hasattr(s, '__reversed__') else 'norev')
print(len(s), bool(s), bool(T.nn.Sequential()))
print(s[0:1] == s[0:1], s.__class__.__name__)
""",
    """
s = T.nn.Sequential(T.nn.Linear(2, 2))
print(dir(s)[:0], 'append' in dir(s), hasattr(s, '0'))
print(getattr(s, '0'))
""",
    """
from collections import OrderedDict
s = T.nn.Sequential(OrderedDict(a=T.nn.ReLU(), b=T.nn.Tanh(), c=T.nn.ELU()))
print(s[1:])
print(s[-1], s[::2])
del s[0]
print(list(s._modules))
s.append(T.nn.ReLU())
print(list(s._modules))
s.insert(0, T.nn.Sigmoid())
print(list(s._modules))
""",
    """
b = T.nn.Buffer(T.ones(2))
print(type(b).__name__, isinstance(b, T.Tensor), isinstance(T.ones(1), T.nn.Buffer))
print(b)
print(b + 1, b.shape, b.persistent if hasattr(b, 'persistent') else None)
""",
    """
b = T.nn.Buffer(T.ones(2), persistent=False)
m = T.nn.Linear(1, 1)
m.buf = b
print(list(m.state_dict()), type(m.buf).__name__, m.buf is b)
""",
    """
print(T.nn.Buffer())
print(T.nn.Buffer(T.tensor([1, 2])).dtype)
""",
    """
T.manual_seed(0)
m = T.nn.CrossMapLRN2d(3, alpha=0.1, beta=0.75, k=1)
x = T.randn(2, 4, 2, 3, requires_grad=True)
y = m(x)
print(y, y.grad_fn.name())
y.sum().backward()
print(x.grad)
print(m, type(m).__module__)
""",
    """
T.manual_seed(0)
m = T.nn.CrossMapLRN2d(5, alpha=1., beta=0.5, k=2.)
x = T.randn(1, 7, 2, 2, requires_grad=True)
y = m(x)
(y * T.arange(28.).reshape(1, 7, 2, 2)).sum().backward()
print(y[0, :, 0, 0], x.grad[0, :, 1, 1])
""",
    """
T.manual_seed(0)
for size in [1, 2, 4]:
    m = T.nn.CrossMapLRN2d(size, alpha=0.5)
    x = T.randn(1, 3, 1, 2, requires_grad=True)
    try:
        y = m(x)
        y.sum().backward()
        print(size, y.flatten(), x.grad.flatten())
    except Exception as e:
        print(size, type(e).__name__, e)
""",
    """
try:
    T.nn.CrossMapLRN2d(3)(T.ones(4, 2, 2))
except ValueError as e:
    print(e)
print(T.nn.CrossMapLRN2d(2, 1e-3, 1, 3.))
""",
    """
T.manual_seed(0)
m = T.nn.CrossMapLRN2d(3)
x = T.randn(1, 3, 2, 2, dtype=T.float64, requires_grad=True)
print(m(x).dtype, m(x).grad_fn)
""",
    """
import warnings
T.manual_seed(0)
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter('always')
    y = T.nn.Dropout2d(0.5)(T.ones(3, 2, 2))
    print([str(x.message)[:200] for x in w])
print(y)
""",
    """
import warnings
T.manual_seed(0)
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter('always')
    y = T.nn.Dropout1d(0.5)(T.ones(3, 4))
    print([str(x.message)[:200] for x in w])
print(y)
try:
    T.nn.Dropout1d()(T.ones(2, 2, 2, 2))
except RuntimeError as e:
    print(e)
""",
    """
T.manual_seed(0)
x = T.randn(2, 3, 2, requires_grad=True)
for d in [T.nn.AlphaDropout(0.3), T.nn.FeatureAlphaDropout(0.3), T.nn.Dropout3d(0.5)]:
    y = d(x.unsqueeze(-1)) if isinstance(d, T.nn.Dropout3d) else d(x)
    print(type(d).__name__, y.flatten()[:6], y.grad_fn.name())
""",
    """
T.manual_seed(0)
d = T.nn.Dropout(p=0.0)
x = T.ones(3, requires_grad=True)
y = d(x)
print(y, y.grad_fn, y is x)
d = T.nn.Dropout(p=1.0)
y = d(x)
print(y, y.grad_fn.name())
""",

]


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"m{i:03d}" for i in range(len(SNIPPETS))])
def test_same_as_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)
