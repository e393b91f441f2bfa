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
try:
    T.nn.Conv1d(4, 4, 3, padding='foo')
except ValueError as e:
    print(e)
try:
    T.nn.Conv1d(4, 4, 3, padding_mode='foo')
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

]


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"m{i:03d}" for i in range(len(SNIPPETS))])
def test_same_as_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)
