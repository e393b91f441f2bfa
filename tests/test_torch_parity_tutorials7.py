"""Tutorial-style scripts (the PyTorch tutorials and course notebooks, seeded with ``T.manual_seed``)
run with the kit and with PyTorch: what they print must be the same (skipped without PyTorch)."""

# ruff: noqa: E501

from __future__ import annotations

import importlib

import pytest

torch = pytest.importorskip("torch")
# the pruning tutorial writes `import torch.nn.utils.prune as prune`: its script reads
# T.nn.utils.prune, which both libraries have only once that submodule is imported (whether
# another test imported it first depended on the order the tests ran in)
for _library in ("torch", "autograd_kit"):
    importlib.import_module(f"{_library}.nn.utils.prune")

from tests.test_torch_scenarios import assert_same_as_pytorch  # noqa: E402

SCRIPTS = [
    '''
import math
T.manual_seed(0)
x_train = T.randn(64, 784)
y_train = T.randint(0, 10, (64,))
weights = T.randn(784, 10) / math.sqrt(784)
weights.requires_grad_()
bias = T.zeros(10, requires_grad=True)
def log_softmax(x):
    return x - x.exp().sum(-1).log().unsqueeze(-1)
def model(xb):
    return log_softmax(xb @ weights + bias)
bs = 16
xb = x_train[0:bs]
preds = model(xb)
print(preds[0], preds.shape)
def nll(input, target):
    return -input[range(target.shape[0]), target].mean()
loss_func = nll
yb = y_train[0:bs]
print(loss_func(preds, yb))
def accuracy(out, yb):
    preds = T.argmax(out, dim=1)
    return (preds == yb).float().mean()
print(accuracy(preds, yb))
lr = 0.5
for epoch in range(2):
    for i in range((64 - 1) // bs + 1):
        start_i = i * bs
        end_i = start_i + bs
        xb = x_train[start_i:end_i]
        yb = y_train[start_i:end_i]
        pred = model(xb)
        loss = loss_func(pred, yb)
        loss.backward()
        with T.no_grad():
            weights -= weights.grad * lr
            bias -= bias.grad * lr
            weights.grad.zero_()
            bias.grad.zero_()
print(loss_func(model(xb), yb), accuracy(model(xb), yb))
print(weights.grad_fn, weights.is_leaf, bias.grad)
''',
    '''
F = T.nn.functional
nn = T.nn
T.manual_seed(1)
x_train = T.randn(64, 784)
y_train = T.randint(0, 10, (64,))
x_valid = T.randn(32, 784)
y_valid = T.randint(0, 10, (32,))
loss_func = F.cross_entropy
class Mnist_Logistic(nn.Module):
    def __init__(self):
        super().__init__()
        self.weights = nn.Parameter(T.randn(784, 10) / 28)
        self.bias = nn.Parameter(T.zeros(10))
    def forward(self, xb):
        return xb @ self.weights + self.bias
model = Mnist_Logistic()
print(model)
print(loss_func(model(x_train[:16]), y_train[:16]))
print([n for n, p in model.named_parameters()])
def fit():
    for epoch in range(2):
        for i in range(4):
            xb = x_train[i*16:(i+1)*16]; yb = y_train[i*16:(i+1)*16]
            loss = loss_func(model(xb), yb)
            loss.backward()
            with T.no_grad():
                for p in model.parameters():
                    p -= p.grad * 0.5
                model.zero_grad()
fit()
print(round(loss_func(model(x_train[:16]), y_train[:16]).item(), 3))
class Mnist_Logistic2(nn.Module):
    def __init__(self):
        super().__init__()
        self.lin = nn.Linear(784, 10)
    def forward(self, xb):
        return self.lin(xb)
model = Mnist_Logistic2()
print(model)
optim = T.optim
opt = optim.SGD(model.parameters(), lr=0.5)
print(opt)
TensorDataset = T.utils.data.TensorDataset
DataLoader = T.utils.data.DataLoader
train_ds = TensorDataset(x_train, y_train)
print(len(train_ds), [t.shape for t in train_ds[0]])
train_dl = DataLoader(train_ds, batch_size=16, shuffle=True)
valid_dl = DataLoader(TensorDataset(x_valid, y_valid), batch_size=32)
print(len(train_dl), len(valid_dl))
for epoch in range(2):
    model.train()
    for xb, yb in train_dl:
        pred = model(xb)
        loss = loss_func(pred, yb)
        loss.backward()
        opt.step()
        opt.zero_grad()
    model.eval()
    with T.no_grad():
        valid_loss = sum(loss_func(model(xb), yb) for xb, yb in valid_dl)
    print(epoch, valid_loss / len(valid_dl))
print(opt.state_dict()['param_groups'])
''',
    '''
nn = T.nn; F = T.nn.functional
class Lambda(nn.Module):
    def __init__(self, func):
        super().__init__()
        self.func = func
    def forward(self, x):
        return self.func(x)
def preprocess(x):
    return x.view(-1, 1, 28, 28)
model = nn.Sequential(
    Lambda(preprocess),
    nn.Conv2d(1, 16, kernel_size=3, stride=2, padding=1),
    nn.ReLU(),
    nn.Conv2d(16, 16, kernel_size=3, stride=2, padding=1),
    nn.ReLU(),
    nn.Conv2d(16, 10, kernel_size=3, stride=2, padding=1),
    nn.ReLU(),
    nn.AdaptiveAvgPool2d(1),
    Lambda(lambda x: x.view(x.size(0), -1)),
)
print(model)
x = T.randn(8, 784)
y = T.randint(0, 10, (8,))
opt = T.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
for i in range(3):
    loss = F.cross_entropy(model(x), y)
    loss.backward()
    opt.step(); opt.zero_grad()
    print(i, f'{loss.item():.4f}')
print(model[1].weight.grad)
print(opt.state_dict()['state'][0]['momentum_buffer'].shape)
print(len(opt.state))
''',
    '''
nn = T.nn; F = T.nn.functional
class Mnist_CNN(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, kernel_size=3, stride=2, padding=1)
        self.conv2 = nn.Conv2d(16, 16, kernel_size=3, stride=2, padding=1)
        self.conv3 = nn.Conv2d(16, 10, kernel_size=3, stride=2, padding=1)
    def forward(self, xb):
        xb = xb.view(-1, 1, 28, 28)
        xb = F.relu(self.conv1(xb))
        xb = F.relu(self.conv2(xb))
        xb = F.relu(self.conv3(xb))
        xb = F.avg_pool2d(xb, 4)
        return xb.view(-1, xb.size(1))
model = Mnist_CNN()
x = T.randn(4, 784)
out = model(x)
print(out.shape, out.grad_fn)
print(out)
print(sum(p.numel() for p in model.parameters()))
for name, p in model.named_parameters():
    print(name, p.shape, p.requires_grad)
''',
    '''
nn = T.nn; F = T.nn.functional
class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.conv1 = nn.Conv2d(1, 6, 5)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)
    def forward(self, input):
        c1 = F.relu(self.conv1(input))
        s2 = F.max_pool2d(c1, (2, 2))
        c3 = F.relu(self.conv2(s2))
        s4 = F.max_pool2d(c3, 2)
        s4 = T.flatten(s4, 1)
        f5 = F.relu(self.fc1(s4))
        f6 = F.relu(self.fc2(f5))
        output = self.fc3(f6)
        return output
net = Net()
print(net)
params = list(net.parameters())
print(len(params))
print(params[0].size())
input = T.randn(1, 1, 32, 32)
out = net(input)
print(out)
net.zero_grad()
out.backward(T.randn(1, 10))
output = net(input)
target = T.randn(10)
target = target.view(1, -1)
criterion = nn.MSELoss()
loss = criterion(output, target)
print(loss)
print(loss.grad_fn)
print(loss.grad_fn.next_functions[0][0])
print(loss.grad_fn.next_functions[0][0].next_functions[0][0])
net.zero_grad()
print('conv1.bias.grad before backward')
print(net.conv1.bias.grad)
loss.backward()
print('conv1.bias.grad after backward')
print(net.conv1.bias.grad)
learning_rate = 0.01
for f in net.parameters():
    f.data.sub_(f.grad.data * learning_rate)
optimizer = T.optim.SGD(net.parameters(), lr=0.01)
optimizer.zero_grad()
output = net(input)
loss = criterion(output, target)
loss.backward()
optimizer.step()
print(loss, net.conv1.bias)
''',
    '''
import io
nn = T.nn
class TheModelClass(nn.Module):
    def __init__(self):
        super(TheModelClass, self).__init__()
        self.conv1 = nn.Conv2d(3, 6, 5)
        self.pool = nn.MaxPool2d(2, 2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.bn = nn.BatchNorm1d(120)
        self.fc3 = nn.Linear(120, 10)
    def forward(self, x):
        x = self.pool(T.relu(self.conv1(x)))
        x = self.pool(T.relu(self.conv2(x)))
        x = x.view(-1, 16 * 5 * 5)
        x = T.relu(self.bn(self.fc1(x)))
        return self.fc3(x)
model = TheModelClass()
optimizer = T.optim.SGD(model.parameters(), lr=0.001, momentum=0.9)
print("Model's state_dict:")
for param_tensor in model.state_dict():
    print(param_tensor, "\\t", model.state_dict()[param_tensor].size())
out = model(T.randn(2, 3, 32, 32)).sum()
out.backward(); optimizer.step()
print("Optimizer's state_dict:")
for var_name in optimizer.state_dict():
    print(var_name, "\\t", optimizer.state_dict()[var_name] if var_name != 'state' else list(optimizer.state_dict()[var_name][0]))
buf = io.BytesIO()
T.save(model.state_dict(), buf)
buf.seek(0)
model2 = TheModelClass()
print(model2.load_state_dict(T.load(buf, weights_only=True)))
model2.eval()
print(model2.bn.running_mean[:4], model2.bn.num_batches_tracked)
buf = io.BytesIO()
T.save({'epoch': 3, 'model_state_dict': model.state_dict(), 'optimizer_state_dict': optimizer.state_dict(), 'loss': out}, buf)
buf.seek(0)
ck = T.load(buf)
print(ck['epoch'], ck['loss'], sorted(ck.keys()))
opt2 = T.optim.SGD(model2.parameters(), lr=0.1)
opt2.load_state_dict(ck['optimizer_state_dict'])
print(opt2)
print(opt2.state[model2.conv1.weight]['momentum_buffer'].shape)
''',
    '''
import io
nn = T.nn
m = nn.Linear(3, 2)
sd = m.state_dict()
print(sd)
print(type(sd).__name__, list(sd.keys()))
sd2 = {'weight': T.zeros(2, 3)}
r = m.load_state_dict(sd2, strict=False)
print(r)
print(r.missing_keys, r.unexpected_keys)
try:
    m.load_state_dict(sd2)
except Exception as e:
    print(type(e).__name__, e)
try:
    m.load_state_dict({'weight': T.zeros(3, 3), 'bias': T.zeros(2)})
except Exception as e:
    print(type(e).__name__, e)
try:
    m.load_state_dict({'weight': T.zeros(2, 3), 'bias': T.zeros(2), 'extra': T.ones(1)})
except Exception as e:
    print(type(e).__name__, e)
''',
    '''
import io
nn = T.nn
model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Dropout(0.5), nn.Linear(8, 2))
buf = io.BytesIO()
T.save(model, buf)
buf.seek(0)
m2 = T.load(buf, weights_only=False)
print(m2)
print(T.equal(m2[0].weight, model[0].weight))
print(m2.training)
x = T.ones(3, 4)
model.train()
print(model(x))
model.eval()
print(model(x))
print(model.training, model[2].training)
''',
    '''
nn = T.nn
def init_weights(m):
    if type(m) == nn.Linear:
        T.nn.init.xavier_uniform_(m.weight)
        m.bias.data.fill_(0.01)
        print(m)
net = nn.Sequential(nn.Linear(2, 2), nn.Linear(2, 2))
r = net.apply(init_weights)
print(r is net)
print(net[0].weight, net[0].bias)
@T.no_grad()
def init_weights2(m):
    print(m)
    if type(m) == nn.Linear:
        m.weight.fill_(1.0)
        print(m.weight)
net.apply(init_weights2)
''',
    '''
nn = T.nn
class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.Sequential(nn.Linear(5, 4), nn.BatchNorm1d(4), nn.ReLU(), nn.Dropout(p=0.2), nn.Linear(4, 1))
    def forward(self, x):
        return self.layers(x)
def weights_init(m):
    classname = m.__class__.__name__
    if classname.find('Linear') != -1:
        nn.init.normal_(m.weight, 0.0, 0.02)
        nn.init.zeros_(m.bias)
    elif classname.find('BatchNorm') != -1:
        nn.init.normal_(m.weight.data, 1.0, 0.02)
        nn.init.constant_(m.bias.data, 0)
m = MLP()
m.apply(weights_init)
print(m)
x = T.randn(6, 5)
print(m(x))
print(m.layers[1].running_mean, m.layers[1].running_var, m.layers[1].num_batches_tracked)
m.eval()
print(m(x))
for name, module in m.named_modules():
    print(repr(name), type(module).__name__)
for name, b in m.named_buffers():
    print(name, b)
print(m.layers[3])
print(m.layers[1].extra_repr())
''',
    '''
nn = T.nn
for init in ['kaiming_uniform_', 'kaiming_normal_', 'xavier_normal_', 'orthogonal_', 'trunc_normal_', 'uniform_', 'eye_', 'dirac_', 'sparse_']:
    w = T.empty(3, 5) if init not in ('dirac_',) else T.empty(2, 2, 3)
    T.manual_seed(0)
    try:
        f = getattr(nn.init, init)
        r = f(w) if init != 'sparse_' else f(w, 0.5)
        print(init, r is w, w)
    except Exception as e:
        print(init, type(e).__name__, e)
print(nn.init.calculate_gain('relu'), nn.init.calculate_gain('leaky_relu', 0.2), nn.init.calculate_gain('tanh'), nn.init.calculate_gain('selu'))
w = T.empty(3, 5)
print(nn.init.kaiming_uniform_(w, a=0, mode='fan_out', nonlinearity='relu'))
print(nn.init.kaiming_normal_(T.empty(4,4), mode='fan_in', nonlinearity='leaky_relu'))
''',
    '''
import warnings
nn = T.nn
model = nn.Linear(3, 1)
opt = T.optim.SGD(model.parameters(), lr=0.1)
sched = T.optim.lr_scheduler.StepLR(opt, step_size=2, gamma=0.5)
print(sched)
print(sched.state_dict())
with warnings.catch_warnings(record=True) as w:
    warnings.simplefilter("always")
    sched.step()
    print([str(x.message) for x in w], [x.category.__name__ for x in w])
for epoch in range(5):
    opt.step()
    sched.step()
    print(epoch, sched.get_last_lr(), opt.param_groups[0]['lr'])
print(sched.state_dict())
''',
    '''
import warnings
nn = T.nn
model = nn.Linear(3, 1)
opt = T.optim.Adam(model.parameters(), lr=0.01)
print(opt)
sched = T.optim.lr_scheduler.ReduceLROnPlateau(opt, 'min', patience=1, factor=0.5)
print(type(sched).__name__)
for epoch, val in enumerate([1.0, 0.9, 0.95, 0.96, 0.97, 0.98, 0.99]):
    opt.step()
    sched.step(val)
    print(epoch, opt.param_groups[0]['lr'], sched.num_bad_epochs, sched.best, sched.get_last_lr())
print(sorted(sched.state_dict().keys()))
''',
    '''
nn = T.nn
model = nn.Linear(3, 1)
opt = T.optim.SGD(model.parameters(), lr=1.0, momentum=0.9)
s1 = T.optim.lr_scheduler.ExponentialLR(opt, gamma=0.9)
s2 = T.optim.lr_scheduler.MultiStepLR(opt, milestones=[2, 4], gamma=0.1)
for epoch in range(6):
    opt.step()
    s1.step()
    s2.step()
    print(epoch, [round(x, 6) for x in s1.get_last_lr()], s2.get_last_lr())
''',
    '''
nn = T.nn
model = nn.Linear(3, 1)
opt = T.optim.SGD(model.parameters(), lr=0.1)
sched = T.optim.lr_scheduler.OneCycleLR(opt, max_lr=0.5, total_steps=10)
lrs = []
for i in range(10):
    opt.step(); sched.step(); lrs.append(round(opt.param_groups[0]['lr'], 6))
print(lrs)
print(opt.param_groups[0]['momentum'], opt.param_groups[0].keys())
''',
    '''
nn = T.nn
model = nn.Linear(3, 1)
opt = T.optim.SGD(model.parameters(), lr=0.1)
sched = T.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=4, eta_min=0.001)
for i in range(8):
    opt.step(); sched.step(); print(i, round(sched.get_last_lr()[0], 7), sched.last_epoch)
lam = T.optim.lr_scheduler.LambdaLR(opt, lr_lambda=lambda epoch: 0.95 ** epoch)
print(lam.get_last_lr(), lam.base_lrs)
for i in range(3):
    opt.step(); lam.step(); print(lam.get_last_lr())
print(lam.state_dict())
''',
    '''
nn = T.nn
model = nn.Linear(3, 1)
opt = T.optim.SGD(model.parameters(), lr=0.1)
s = T.optim.lr_scheduler.SequentialLR(opt, schedulers=[T.optim.lr_scheduler.LinearLR(opt, start_factor=0.1, total_iters=3), T.optim.lr_scheduler.ExponentialLR(opt, gamma=0.9)], milestones=[3])
for i in range(6):
    opt.step(); s.step(); print(i, [round(v, 6) for v in s.get_last_lr()])
w = T.optim.lr_scheduler.CosineAnnealingWarmRestarts(opt, T_0=3, T_mult=2)
for i in range(6):
    opt.step(); w.step(); print(i, [round(v, 6) for v in w.get_last_lr()], w.T_cur, w.T_i)
''',
    '''
data = T.utils.data
class MyDS(data.Dataset):
    def __init__(self, n):
        self.x = T.arange(n, dtype=T.float32).view(-1, 1)
        self.y = T.arange(n) % 3
    def __len__(self):
        return len(self.x)
    def __getitem__(self, i):
        return {'x': self.x[i], 'y': self.y[i], 'name': f"s{i}"}
ds = MyDS(10)
dl = data.DataLoader(ds, batch_size=4, shuffle=False, drop_last=False)
for b in dl:
    print(b)
dl = data.DataLoader(ds, batch_size=4, shuffle=True)
for b in dl:
    print(b['name'], b['y'])
print(len(dl), dl.batch_size, dl.drop_last)
tr, va = data.random_split(ds, [7, 3])
print(len(tr), len(va), type(tr).__name__, tr.indices, va.indices)
tr, va = data.random_split(ds, [0.8, 0.2], generator=T.Generator().manual_seed(42))
print(tr.indices, va.indices)
''',
    '''
data = T.utils.data
x = T.arange(12.).view(6, 2)
y = T.tensor([0, 1, 0, 1, 1, 0])
ds = data.TensorDataset(x, y)
print(ds[1:3])
sub = data.Subset(ds, [0, 2, 4])
print(len(sub), sub[1])
cat = data.ConcatDataset([ds, sub])
print(len(cat), cat[7], cat.cumulative_sizes)
sampler = data.RandomSampler(ds)
print(list(sampler))
print(list(data.SequentialSampler(ds)))
print(list(data.BatchSampler(data.SequentialSampler(range(10)), batch_size=3, drop_last=False)))
print(list(data.BatchSampler(data.SequentialSampler(range(10)), batch_size=3, drop_last=True)))
ws = data.WeightedRandomSampler([0.1, 0.9, 0.4, 0.7, 3.0, 0.6], 5, replacement=True)
print(list(ws))
dl = data.DataLoader(ds, batch_size=None)
print(next(iter(dl)))
dl = data.DataLoader(ds, batch_size=4, sampler=data.SubsetRandomSampler([5, 1, 3]))
for xb, yb in dl: print(xb, yb)
print(data.default_collate([(1, 2.0), (3, 4.0)]))
print(data.default_collate([T.ones(2), T.zeros(2)]))
print(data.default_collate([{'a': [1, 2]}, {'a': [3, 4]}]))
''',
    '''
data = T.utils.data
gen = T.Generator()
gen.manual_seed(7)
dl = data.DataLoader(range(10), batch_size=3, shuffle=True, generator=gen)
print([b for b in dl])
print([b for b in dl])
def collate(batch):
    return T.tensor(batch).sum()
print(list(data.DataLoader(list(range(8)), batch_size=3, collate_fn=collate)))
class It(data.IterableDataset):
    def __iter__(self):
        return iter(range(5))
print(list(data.DataLoader(It(), batch_size=2)))
try:
    data.DataLoader(It(), shuffle=True)
except Exception as e:
    print(type(e).__name__, e)
try:
    len(data.DataLoader(It(), batch_size=2))
except Exception as e:
    print(type(e).__name__, e)
''',
    '''
nn = T.nn
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(3, 3) for _ in range(2)])
        self.heads = nn.ModuleDict({'a': nn.Linear(3, 1), 'b': nn.Tanh()})
        self.scales = nn.ParameterList([nn.Parameter(T.ones(1)) for _ in range(2)])
        self.pd = nn.ParameterDict({'s': nn.Parameter(T.zeros(2))})
        self.register_buffer('step', T.tensor(0))
        self.register_buffer('tmp', T.ones(2), persistent=False)
    def forward(self, x):
        for l, s in zip(self.layers, self.scales):
            x = l(x) * s
        return self.heads['a'](self.heads['b'](x))
net = Net()
print(net)
print(list(net.state_dict().keys()))
print([n for n, _ in net.named_buffers()])
print(len(list(net.modules())), len(list(net.children())))
print(net.pd)
print(net.scales)
net.layers[0].requires_grad_(False)
print([n for n, p in net.named_parameters() if p.requires_grad])
out = net(T.randn(2, 3)).sum()
out.backward()
print(net.layers[0].weight.grad, net.scales[0].grad)
net.double()
print(net.layers[0].weight.dtype, net.step.dtype, net.tmp.dtype)
net.half()
print(net.layers[1].bias.dtype)
net.to(T.float32)
print(net.layers[1].bias.dtype)
print(net.get_submodule('heads.a'), net.get_parameter('layers.1.bias').shape)
''',
    '''
nn = T.nn
m = nn.Sequential()
m.add_module('fc', nn.Linear(2, 2))
m.append(nn.ReLU())
print(m, len(m))
m2 = nn.Sequential(*m, nn.Sigmoid())
print(m2[1:], m2[-1])
from collections import OrderedDict
m3 = nn.Sequential(OrderedDict([('conv1', nn.Conv2d(1, 20, 5)), ('relu1', nn.ReLU()), ('conv2', nn.Conv2d(20, 64, 5)), ('relu2', nn.ReLU())]))
print(m3)
print(m3.conv1)
del m3[1]
print(m3)
m3.insert(1, nn.GELU())
print(m3)
try:
    m3['x']
except Exception as e:
    print(type(e).__name__, e)
try:
    m3[10]
except Exception as e:
    print(type(e).__name__, e)
''',
    '''
nn = T.nn
m = nn.Linear(2, 3)
try:
    m.weight = T.ones(3, 2)
except Exception as e:
    print(type(e).__name__, e)
try:
    m(T.ones(2, 4))
except Exception as e:
    print(type(e).__name__, e)
try:
    nn.Conv2d(3, 6, 3)(T.ones(1, 4, 8, 8))
except Exception as e:
    print(type(e).__name__, e)
try:
    nn.MSELoss()(T.ones(2, 3), T.ones(3, 2))
except Exception as e:
    print(type(e).__name__, e)
try:
    nn.CrossEntropyLoss()(T.ones(2, 3), T.tensor([0., 1.]))
except Exception as e:
    print(type(e).__name__, e)
try:
    nn.CrossEntropyLoss()(T.ones(2, 3), T.tensor([0, 3]))
except Exception as e:
    print(type(e).__name__, e)
try:
    nn.BatchNorm1d(3)(T.ones(1, 3))
except Exception as e:
    print(type(e).__name__, e)
try:
    m.foo
except Exception as e:
    print(type(e).__name__, e)
try:
    nn.Linear(2, 3)(T.ones(2, 2, dtype=T.float64))
except Exception as e:
    print(type(e).__name__, e)
''',
    '''
nn = T.nn
specs = [('SGD', dict(lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.01)), ('Adam', dict(lr=0.1, amsgrad=True)), ('AdamW', dict(lr=0.1)),
 ('RMSprop', dict(lr=0.01, centered=True, momentum=0.5)), ('Adagrad', dict(lr=0.1, lr_decay=0.01)), ('Adadelta', dict()), ('NAdam', dict(lr=0.1)),
 ('RAdam', dict(lr=0.1)), ('Rprop', dict()), ('ASGD', dict(lr=0.1)), ('Adamax', dict(lr=0.1)), ('SGD', dict(lr=0.1, maximize=True))]
for name, kw in specs:
    T.manual_seed(0)
    model = nn.Linear(3, 2)
    opt = getattr(T.optim, name)(model.parameters(), **kw)
    x = T.randn(5, 3); y = T.randn(5, 2)
    for i in range(4):
        opt.zero_grad()
        loss = ((model(x) - y) ** 2).mean()
        loss.backward()
        opt.step()
    print(name, model.weight, model.bias)
    print(sorted(opt.state[model.weight].keys()))
''',
    '''
nn = T.nn
model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 1))
opt = T.optim.SGD([{'params': model[0].parameters()}, {'params': model[2].parameters(), 'lr': 1e-3}], lr=1e-2, momentum=0.9)
print(opt)
opt.add_param_group({'params': [nn.Parameter(T.ones(2))], 'lr': 5.0})
print(len(opt.param_groups), opt.param_groups[2]['momentum'])
print(opt.state_dict()['param_groups'])
x = T.randn(4, 3)
model(x).sum().backward()
opt.step()
opt.zero_grad(set_to_none=False)
print(model[0].bias.grad)
opt.zero_grad()
print(model[0].bias.grad)
try:
    T.optim.SGD([{'params': model[0].parameters()}, {'params': model[0].parameters()}], lr=0.1)
except Exception as e:
    print(type(e).__name__, e)
try:
    T.optim.Adam(model.parameters(), lr=-1)
except Exception as e:
    print(type(e).__name__, e)
try:
    T.optim.SGD([], lr=0.1)
except Exception as e:
    print(type(e).__name__, e)
try:
    T.optim.SGD(T.ones(2, requires_grad=True), lr=0.1)
except Exception as e:
    print(type(e).__name__, e)
try:
    T.optim.Adam(model.parameters(), betas=(1.0, 0.9))
except Exception as e:
    print(type(e).__name__, e)
''',
    '''
x = T.tensor([1.5, -0.5], requires_grad=True)
opt = T.optim.LBFGS([x], lr=1, max_iter=20, history_size=5, line_search_fn='strong_wolfe')
def closure():
    opt.zero_grad()
    loss = (1 - x[0]) ** 2 + 100 * (x[1] - x[0] ** 2) ** 2
    loss.backward()
    return loss
for i in range(3):
    l = opt.step(closure)
    print(i, l, x)
print(opt.state[x]['n_iter'], opt.state[x]['func_evals'])
print(opt)
''',
    '''
nn = T.nn
data = T.utils.data
X = T.randn(100, 1, 8, 8); Y = T.randint(0, 4, (100,))
train_dataloader = data.DataLoader(data.TensorDataset(X[:80], Y[:80]), batch_size=16)
test_dataloader = data.DataLoader(data.TensorDataset(X[80:], Y[80:]), batch_size=16)
class NeuralNetwork(nn.Module):
    def __init__(self):
        super().__init__()
        self.flatten = nn.Flatten()
        self.linear_relu_stack = nn.Sequential(nn.Linear(64, 32), nn.ReLU(), nn.Linear(32, 32), nn.ReLU(), nn.Linear(32, 4))
    def forward(self, x):
        x = self.flatten(x)
        logits = self.linear_relu_stack(x)
        return logits
model = NeuralNetwork()
learning_rate = 1e-1
batch_size = 16
loss_fn = nn.CrossEntropyLoss()
optimizer = T.optim.SGD(model.parameters(), lr=learning_rate)
def train_loop(dataloader, model, loss_fn, optimizer):
    size = len(dataloader.dataset)
    model.train()
    for batch, (X, y) in enumerate(dataloader):
        pred = model(X)
        loss = loss_fn(pred, y)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        if batch % 2 == 0:
            loss, current = loss.item(), batch * batch_size + len(X)
            print(f"loss: {loss:>7.4f}  [{current:>5d}/{size:>5d}]")
def test_loop(dataloader, model, loss_fn):
    model.eval()
    size = len(dataloader.dataset)
    num_batches = len(dataloader)
    test_loss, correct = 0, 0
    with T.no_grad():
        for X, y in dataloader:
            pred = model(X)
            test_loss += loss_fn(pred, y).item()
            correct += (pred.argmax(1) == y).type(T.float).sum().item()
    test_loss /= num_batches
    correct /= size
    print(f"Test Error: \\n Accuracy: {(100*correct):>0.1f}%, Avg loss: {test_loss:>8f} \\n")
epochs = 3
for t in range(epochs):
    print(f"Epoch {t+1}\\n-------------------------------")
    train_loop(train_dataloader, model, loss_fn, optimizer)
    test_loop(test_dataloader, model, loss_fn)
print("Done!")
X = T.rand(3, 8, 8)
logits = model(X)
pred_probab = nn.Softmax(dim=1)(logits)
y_pred = pred_probab.argmax(1)
print(f"Predicted class: {y_pred}")
print(f"Model structure: {model}\\n\\n")
for name, param in model.named_parameters():
    print(f"Layer: {name} | Size: {param.size()} | Values : {param[:2]} \\n")
print(f"{logits[0,0]:.3f}", f"{T.tensor(2.5):5.2f}", "{:e}".format(T.tensor(0.001)))
''',
    '''
import math
data = T.utils.data
class MyIterableDataset(data.IterableDataset):
    def __init__(self, start, end):
        super(MyIterableDataset).__init__()
        assert end > start, "this example code only works with end >= start"
        self.start = start
        self.end = end
    def __iter__(self):
        worker_info = data.get_worker_info()
        if worker_info is None:
            iter_start = self.start
            iter_end = self.end
        else:
            per_worker = int(math.ceil((self.end - self.start) / float(worker_info.num_workers)))
            worker_id = worker_info.id
            iter_start = self.start + worker_id * per_worker
            iter_end = min(iter_start + per_worker, self.end)
        return iter(range(iter_start, iter_end))
ds = MyIterableDataset(start=3, end=7)
print(list(data.DataLoader(ds, num_workers=0)))
print(list(data.DataLoader(ds, num_workers=2)))
print(list(data.DataLoader(ds, num_workers=12)))
print(list(data.DataLoader(MyIterableDataset(0, 11), num_workers=3, batch_size=2)))
print(list(data.DataLoader(MyIterableDataset(0, 11), num_workers=3, batch_size=2, drop_last=True)))
print(list(data.DataLoader(MyIterableDataset(0, 5), num_workers=2, batch_size=None)))
def worker_init_fn(worker_id):
    worker_info = data.get_worker_info()
    dataset = worker_info.dataset
    overall_start = dataset.start
    overall_end = dataset.end
    per_worker = int(math.ceil((overall_end - overall_start) / float(worker_info.num_workers)))
    worker_id = worker_info.id
    dataset.start = overall_start + worker_id * per_worker
    dataset.end = min(dataset.start + per_worker, overall_end)
class Plain(data.IterableDataset):
    def __init__(self, start, end):
        self.start = start; self.end = end
    def __iter__(self):
        return iter(range(self.start, self.end))
ds = Plain(3, 7)
print(list(data.DataLoader(ds, num_workers=2)))
print(list(data.DataLoader(ds, num_workers=2, worker_init_fn=worker_init_fn)))
print(list(data.DataLoader(ds, num_workers=12, worker_init_fn=worker_init_fn)))
print(ds.start, ds.end, data.get_worker_info())
''',
    '''
import random
import numpy as np
data = T.utils.data
random.seed(0)
np.random.seed(0)
class Info(data.Dataset):
    def __len__(self):
        return 6
    def __getitem__(self, i):
        w = data.get_worker_info()
        return (i, -1 if w is None else w.id, -1 if w is None else w.seed, T.rand(1).item(), random.random(), float(np.random.rand()), T.initial_seed())
for nw in [0, 1, 2, 3]:
    g = T.Generator(); g.manual_seed(0)
    dl = data.DataLoader(Info(), batch_size=2, num_workers=nw, generator=g)
    for b in dl:
        print(nw, b)
print(T.rand(1))
''',
    '''
import random
import numpy as np
data = T.utils.data
def seed_worker(worker_id):
    worker_seed = T.initial_seed() % 2**32
    np.random.seed(worker_seed)
    random.seed(worker_seed)
class Aug(data.Dataset):
    def __len__(self): return 8
    def __getitem__(self, i):
        return T.tensor([i + np.random.uniform(), random.gauss(0, 1), T.randn(()).item()])
g = T.Generator()
g.manual_seed(0)
dl = data.DataLoader(Aug(), batch_size=4, num_workers=2, worker_init_fn=seed_worker, generator=g, shuffle=True)
for epoch in range(2):
    for b in dl:
        print(epoch, b)
''',
    '''
data = T.utils.data
st = data.StackDataset(x=T.arange(4.), y=[10, 11, 12, 13])
print(len(st), st[2])
for b in data.DataLoader(st, batch_size=3):
    print(b)
print(data.StackDataset(T.arange(2), T.ones(2, 2))[1])
for args, kw in [((), {}), ((T.arange(3),), {'x': T.arange(3)}), ((T.arange(3), [1]), {})]:
    try:
        data.StackDataset(*args, **kw)
    except Exception as e:
        print(type(e).__name__, e)
''',
    '''
data = T.utils.data
class D(data.Dataset):
    def __len__(self): return 6
    def __getitem__(self, i):
        return i, T.rand(()).item() > 0.5, data.get_worker_info().id
dl = data.DataLoader(D(), batch_size=2, shuffle=True, num_workers=2, persistent_workers=True)
for e in range(3):
    print([b for b in dl])
print(T.rand(2))
''',
    '''
data = T.utils.data
dl = data.DataLoader(range(6), batch_size=2, shuffle=True, num_workers=2)
it = iter(dl)
print(next(it), type(it).__name__, len(it))
it2 = iter(dl)
print(next(it2), next(it))
print(T.rand(2))
''',
    '''
data = T.utils.data
class Stream(data.IterableDataset):
    def __init__(self):
        self.n = 0
    def __iter__(self):
        self.n += 1
        w = data.get_worker_info()
        for i in range(w.id, 5, w.num_workers):
            yield (i, self.n, T.randint(0, 100, ()).item())
dl = data.DataLoader(Stream(), batch_size=2, num_workers=2, persistent_workers=True)
for e in range(2):
    print(list(dl))
dl = data.DataLoader(Stream(), batch_size=2, num_workers=2)
for e in range(2):
    print(list(dl))
''',
    '''
nn = T.nn; F = T.nn.functional
d = nn.Dropout(p=0.3)
print(d, nn.Dropout(0.5, inplace=True), nn.Dropout2d(0.1), nn.AlphaDropout(0.2), nn.FeatureAlphaDropout(), nn.Dropout1d(), nn.Dropout3d())
x = T.ones(2, 8)
y = d(x)
print(y)
print(d.eval() is d, d(x) is x, d.training)
print(F.dropout(x, 0.5, training=False) is x)
print(F.dropout(x, 0.5))
print(F.dropout(x, p=1.0))
try:
    nn.Dropout(1.5)
except Exception as e:
    print(type(e).__name__, e)
x = T.ones(2, 3, 4, 4)
print(nn.Dropout2d(0.5)(x)[:, :, 0, 0])
x = T.ones(4, requires_grad=True)
y = F.dropout(x, 0.5)
y.sum().backward()
print(y.grad_fn, x.grad)
''',
    '''
nn = T.nn
bn = nn.BatchNorm2d(3)
print(bn, bn.momentum, bn.eps, bn.affine, bn.track_running_stats)
x = T.randn(4, 3, 2, 2) * 3 + 1
y = bn(x)
print(y.std((0, 2, 3), unbiased=False))
print(bn.running_mean, bn.running_var, bn.num_batches_tracked)
bn.eval()
print(bn(x)[0, 0])
bn2 = nn.BatchNorm1d(3, momentum=None)
for i in range(3):
    bn2(T.randn(5, 3) + i)
print(bn2.running_mean, bn2.running_var, bn2.num_batches_tracked)
bn3 = nn.BatchNorm1d(3, affine=False, track_running_stats=False)
print(bn3, bn3.running_mean, list(bn3.state_dict().keys()))
print(bn3.eval()(T.tensor([[1., 2., 3.], [3., 2., 1.]])))
ln = nn.LayerNorm([2, 2])
print(ln, ln.weight.shape, ln(x).shape)
gn = nn.GroupNorm(1, 3)
print(gn, gn(x)[0, 0])
inn = nn.InstanceNorm2d(3, affine=True, track_running_stats=True)
print(inn, list(inn.state_dict().keys()))
print(inn(x)[0, 0], inn.running_mean)
bn.reset_running_stats()
print(bn.running_mean, bn.running_var, bn.num_batches_tracked)
''',
    '''
nn = T.nn
model = nn.Sequential(nn.Linear(2, 4), nn.BatchNorm1d(4), nn.Dropout(0.5), nn.Linear(4, 1))
x = T.randn(8, 2)
model.train()
out_train = model(x)
model.eval()
with T.no_grad():
    out_eval = model(x)
print(out_train.requires_grad, out_eval.requires_grad, out_eval.grad_fn)
print(out_eval.squeeze())
print([m.training for m in model.modules()])
model.train(False)
print(model.training)
with T.inference_mode():
    z = model(x)
print(z.requires_grad, z.is_inference())
try:
    z.requires_grad_()
except Exception as e:
    print(type(e).__name__, e)
print(T.is_grad_enabled(), T.is_inference_mode_enabled())
''',
    '''
nn = T.nn
model = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 2))
x = T.randn(5, 3)
loss = model(x).pow(2).sum()
loss.backward()
tot = nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
print(tot)
print(T.cat([p.grad.flatten() for p in model.parameters()]).norm())
nn.utils.clip_grad_value_(model.parameters(), clip_value=0.1)
print(model[0].bias.grad)
v = nn.utils.parameters_to_vector(model.parameters())
print(v.shape, v.grad_fn)
nn.utils.vector_to_parameters(T.zeros_like(v), model.parameters())
print(model[2].bias)
print(nn.utils.clip_grad_norm_(model.parameters(), 1.0, norm_type='inf'))
print(nn.utils.clip_grad_norm_([], 1.0))
p = nn.Parameter(T.ones(3)); p.grad = T.tensor([float('nan'), 1., 1.])
try:
    nn.utils.clip_grad_norm_([p], 1.0, error_if_nonfinite=True)
except Exception as e:
    print(type(e).__name__, e)
print(nn.utils.get_total_norm([T.ones(3), T.ones(4)]))
''',
    '''
nn = T.nn
rnn = nn.utils.rnn
seqs = [T.tensor([1, 2, 3]), T.tensor([4, 5]), T.tensor([6])]
padded = rnn.pad_sequence(seqs, batch_first=True)
print(padded)
print(rnn.pad_sequence(seqs, padding_value=-1))
lengths = T.tensor([3, 2, 1])
packed = rnn.pack_padded_sequence(padded, lengths, batch_first=True)
print(packed)
out, lens = rnn.pad_packed_sequence(packed, batch_first=True)
print(out, lens)
emb = nn.Embedding(10, 4, padding_idx=0)
lstm = nn.LSTM(4, 5, batch_first=True)
print(emb, lstm)
e = emb(padded)
packed = rnn.pack_padded_sequence(e, lengths, batch_first=True, enforce_sorted=False)
o, (h, c) = lstm(packed)
print(type(o).__name__, h.shape, c.shape)
o, l = rnn.pad_packed_sequence(o, batch_first=True)
print(o.shape, l)
print(rnn.pack_sequence([T.tensor([1., 2.]), T.tensor([3.])]))
print(rnn.unpad_sequence(padded, lengths, batch_first=True))
''',
    '''
nn = T.nn
m = nn.Linear(3, 2)
def fwd_hook(module, inp, out):
    print('fwd', type(module).__name__, [i.shape for i in inp], out.shape)
def pre_hook(module, inp):
    print('pre', len(inp))
    return (inp[0] * 2,)
def bwd_hook(module, grad_input, grad_output):
    print('bwd', [None if g is None else g.shape for g in grad_input], [g.shape for g in grad_output])
h1 = m.register_forward_hook(fwd_hook)
h2 = m.register_forward_pre_hook(pre_hook)
h3 = m.register_full_backward_hook(bwd_hook)
x = T.ones(4, 3, requires_grad=True)
y = m(x)
y.sum().backward()
print(type(h1).__name__, h1.id < h2.id)
h1.remove(); h2.remove(); h3.remove()
y = m(x)
print(m._forward_hooks, m._backward_hooks)
activation = {}
def get_activation(name):
    def hook(model, input, output):
        activation[name] = output.detach()
    return hook
net = nn.Sequential(nn.Linear(3, 3), nn.ReLU(), nn.Linear(3, 1))
net[1].register_forward_hook(get_activation('relu'))
net(T.randn(2, 3))
print(activation['relu'], activation['relu'].requires_grad)
''',
    '''
nn = T.nn
class MySGD(T.optim.Optimizer):
    def __init__(self, params, lr=0.01, momentum=0.0):
        if lr < 0.0:
            raise ValueError(f"Invalid learning rate: {lr}")
        defaults = dict(lr=lr, momentum=momentum)
        super().__init__(params, defaults)
    def __setstate__(self, state):
        super().__setstate__(state)
    @T.no_grad()
    def step(self, closure=None):
        loss = None
        if closure is not None:
            with T.enable_grad():
                loss = closure()
        for group in self.param_groups:
            for p in group['params']:
                if p.grad is None:
                    continue
                state = self.state[p]
                if len(state) == 0:
                    state['step'] = 0
                    state['buf'] = T.zeros_like(p)
                state['step'] += 1
                buf = state['buf']
                buf.mul_(group['momentum']).add_(p.grad)
                p.add_(buf, alpha=-group['lr'])
        return loss
model = nn.Linear(2, 1)
opt = MySGD(model.parameters(), lr=0.1, momentum=0.9)
print(opt)
x = T.randn(4, 2); y = T.randn(4, 1)
def closure():
    opt.zero_grad()
    l = nn.functional.mse_loss(model(x), y)
    l.backward()
    return l
for i in range(3):
    print(opt.step(closure))
print(opt.state_dict())
print(model.weight)
class WarmUp(T.optim.lr_scheduler.LRScheduler):
    def __init__(self, optimizer, warmup, last_epoch=-1):
        self.warmup = warmup
        super().__init__(optimizer, last_epoch)
    def get_lr(self):
        return [base * min(1.0, (self.last_epoch + 1) / self.warmup) for base in self.base_lrs]
s = WarmUp(opt, 4)
print(s.get_last_lr(), opt.param_groups[0]['initial_lr'])
for i in range(5):
    opt.step(closure); s.step(); print(s.last_epoch, s.get_last_lr())
print(s.state_dict())
print(opt)
''',
    '''
nn = T.nn
swa = T.optim.swa_utils
model = nn.Sequential(nn.Linear(2, 3), nn.BatchNorm1d(3), nn.Linear(3, 1))
swa_model = swa.AveragedModel(model)
print(swa_model)
opt = T.optim.SGD(model.parameters(), lr=0.1)
sched = swa.SWALR(opt, swa_lr=0.05, anneal_epochs=2)
x = T.randn(6, 2)
for i in range(3):
    opt.zero_grad(); model(x).sum().backward(); opt.step()
    swa_model.update_parameters(model); sched.step()
    print(i, sched.get_last_lr(), swa_model.n_averaged)
loader = T.utils.data.DataLoader(T.utils.data.TensorDataset(x), batch_size=3)
swa.update_bn([b[0] for b in loader], swa_model)
print(swa_model.module[1].running_mean)
print(list(swa_model.state_dict().keys()))
ema = swa.AveragedModel(model, multi_avg_fn=swa.get_ema_multi_avg_fn(0.9))
ema.update_parameters(model)
print(ema.module[0].bias)
''',
    '''
import io, tempfile, os
nn = T.nn
m = nn.Linear(2, 2)
sd = m.state_dict(keep_vars=True)
print(type(sd['weight']).__name__, sd['weight'].requires_grad)
sd = m.state_dict()
print(sd['weight'].requires_grad, sd['weight'].grad_fn, sd['weight']._version)
sd['weight'].zero_()
print(m.weight)
print(m.state_dict(prefix='enc.').keys())
new = {'weight': T.ones(2, 2), 'bias': T.zeros(2)}
print(m.load_state_dict(new, assign=True))
print(type(m.weight).__name__, m.weight.requires_grad, m.weight)
with tempfile.TemporaryDirectory() as d:
    path = os.path.join(d, 'model.pth')
    T.save(m.state_dict(), path)
    sd = T.load(path, map_location='cpu', weights_only=True)
    print(sd)
    T.save([T.arange(3), {'a': (1, 2.5, 'x')}, None], path)
    print(T.load(path))
class Foo:
    pass
buf = io.BytesIO()
T.save({'f': Foo()}, buf)
buf.seek(0)
try:
    T.load(buf)
except Exception as e:
    print(type(e).__name__, str(e)[:60])
''',
    '''
nn = T.nn
class Scale(nn.Module):
    def __init__(self, s, learn=True):
        super().__init__()
        self.s = nn.Parameter(T.tensor(s), requires_grad=learn)
        self.learn = learn
    def forward(self, x):
        return x * self.s
    def extra_repr(self):
        return f"s={self.s.item()}, learn={self.learn}"
class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.a = Scale(2.0)
        self.b = Scale(3.0, learn=False)
        self.lin = nn.Linear(2, 2, bias=False)
    def forward(self, x):
        return self.lin(self.b(self.a(x)))
b = Block()
print(b)
print([n for n, _ in b.named_parameters(prefix='m')])
print(list(b.parameters(recurse=False)))
print([n for n, _ in b.named_children()])
print(b.a.s, b.b.s)
b.lin.weight = b.lin.weight
shared = nn.Sequential(b.lin, b.lin)
print(len(list(shared.parameters())), len(list(shared.named_parameters(remove_duplicate=False))))
print(shared)
y = b(T.ones(1, 2)).sum()
y.backward()
print(b.a.s.grad, b.b.s.grad)
print(nn.Parameter(T.ones(2)), nn.Parameter(T.ones(2), requires_grad=False))
print(repr(nn.Parameter()))
print(nn.Parameter(T.ones(2)) * 2)
p = nn.Parameter(T.ones(2))
print(isinstance(p, T.Tensor), type(p.data).__name__, type(p.detach()).__name__, type(p.clone()).__name__)
''',
    '''
import math
nn = T.nn
class PositionalEncoding(nn.Module):
    def __init__(self, d_model, dropout=0.1, max_len=50):
        super().__init__()
        self.dropout = nn.Dropout(p=dropout)
        position = T.arange(max_len).unsqueeze(1)
        div_term = T.exp(T.arange(0, d_model, 2) * (-math.log(10000.0) / d_model))
        pe = T.zeros(max_len, 1, d_model)
        pe[:, 0, 0::2] = T.sin(position * div_term)
        pe[:, 0, 1::2] = T.cos(position * div_term)
        self.register_buffer('pe', pe)
    def forward(self, x):
        x = x + self.pe[:x.size(0)]
        return self.dropout(x)
class TransformerModel(nn.Module):
    def __init__(self, ntoken, d_model, nhead, d_hid, nlayers, dropout=0.5):
        super().__init__()
        self.model_type = 'Transformer'
        self.pos_encoder = PositionalEncoding(d_model, dropout)
        encoder_layers = nn.TransformerEncoderLayer(d_model, nhead, d_hid, dropout)
        self.transformer_encoder = nn.TransformerEncoder(encoder_layers, nlayers, enable_nested_tensor=False)
        self.embedding = nn.Embedding(ntoken, d_model)
        self.d_model = d_model
        self.linear = nn.Linear(d_model, ntoken)
        self.init_weights()
    def init_weights(self):
        initrange = 0.1
        self.embedding.weight.data.uniform_(-initrange, initrange)
        self.linear.bias.data.zero_()
        self.linear.weight.data.uniform_(-initrange, initrange)
    def forward(self, src, src_mask=None):
        src = self.embedding(src) * math.sqrt(self.d_model)
        src = self.pos_encoder(src)
        output = self.transformer_encoder(src, src_mask)
        output = self.linear(output)
        return output
model = TransformerModel(20, 8, 2, 16, 2, 0.2)
print(model)
src = T.randint(0, 20, (5, 3))
mask = nn.Transformer.generate_square_subsequent_mask(5)
print(mask)
out = model(src, mask)
print(out.shape, out.grad_fn)
print(out[0, 0].round(decimals=2))
crit = nn.CrossEntropyLoss()
opt = T.optim.SGD(model.parameters(), lr=5.0)
sched = T.optim.lr_scheduler.StepLR(opt, 1.0, gamma=0.95)
loss = crit(out.view(-1, 20), T.randint(0, 20, (15,)))
loss.backward()
print(f"{nn.utils.clip_grad_norm_(model.parameters(), 0.5).item():.3f}")
opt.step(); sched.step()
print(sched.get_last_lr(), f"{loss.item():.3f}", f"{math.exp(loss.item()):8.2f}")
print(sum(p.numel() for p in model.parameters()))
''',
    '''
nn = T.nn
# char RNN classification tutorial style
class RNN(nn.Module):
    def __init__(self, input_size, hidden_size, output_size):
        super(RNN, self).__init__()
        self.hidden_size = hidden_size
        self.i2h = nn.Linear(input_size, hidden_size)
        self.h2h = nn.Linear(hidden_size, hidden_size)
        self.h2o = nn.Linear(hidden_size, output_size)
        self.softmax = nn.LogSoftmax(dim=1)
    def forward(self, input, hidden):
        hidden = F.tanh(self.i2h(input) + self.h2h(hidden))
        output = self.h2o(hidden)
        output = self.softmax(output)
        return output, hidden
    def initHidden(self):
        return T.zeros(1, self.hidden_size)
F = nn.functional
rnn = RNN(5, 8, 3)
print(rnn)
line = T.zeros(4, 1, 5)
for i, c in enumerate([0, 3, 1, 4]):
    line[i][0][c] = 1
hidden = rnn.initHidden()
criterion = nn.NLLLoss()
rnn.zero_grad()
for i in range(line.size()[0]):
    output, hidden = rnn(line[i], hidden)
loss = criterion(output, T.tensor([1]))
loss.backward()
for p in rnn.parameters():
    p.data.add_(p.grad.data, alpha=-0.005)
print(output, loss)
top_n, top_i = output.topk(1)
print(top_n, top_i, top_i[0].item())
print(rnn.h2o.weight.grad.abs().sum().round(decimals=3))
''',
    '''
nn = T.nn
rnn = nn.RNN(10, 20, 2)
input = T.randn(5, 3, 10)
h0 = T.randn(2, 3, 20)
output, hn = rnn(input, h0)
print(output.shape, hn.shape, output.grad_fn)
print(rnn, [n for n, _ in rnn.named_parameters()])
lstm = nn.LSTM(10, 20, 2, bidirectional=True, dropout=0.1)
print(lstm)
o, (h, c) = lstm(input)
print(o.shape, h.shape, c.shape)
gru = nn.GRU(10, 4, batch_first=True)
o, h = gru(T.randn(3, 5, 10))
print(o.shape, h.shape, o[0, 0].round(decimals=3))
cell = nn.LSTMCell(10, 20)
hx, cx = cell(input[0])
print(hx.shape, cx.shape, cell)
print(nn.GRUCell(3, 4), nn.RNNCell(3, 4, nonlinearity='relu'))
try:
    rnn(T.randn(5, 3, 11))
except Exception as e:
    print(type(e).__name__, e)
try:
    rnn(input, T.randn(1, 3, 20))
except Exception as e:
    print(type(e).__name__, e)
''',
    '''
nn = T.nn
P = nn.utils.parametrize
class Symmetric(nn.Module):
    def forward(self, X):
        return X.triu() + X.triu(1).transpose(-1, -2)
layer = nn.Linear(3, 3)
P.register_parametrization(layer, "weight", Symmetric())
A = layer.weight
print(T.allclose(A, A.T))
print(A)
print(layer)
print(layer.parametrizations.weight.original)
print([n for n, _ in layer.named_parameters()])
print(list(layer.state_dict().keys()))
print(P.is_parametrized(layer), P.is_parametrized(layer, 'bias'))
class MatrixExponential(nn.Module):
    def forward(self, X):
        return T.matrix_exp(X)
class Skew(nn.Module):
    def forward(self, X):
        A = X.triu(1)
        return A - A.transpose(-1, -2)
layer_orthogonal = nn.Linear(3, 3)
P.register_parametrization(layer_orthogonal, "weight", Skew())
P.register_parametrization(layer_orthogonal, "weight", MatrixExponential())
X = layer_orthogonal.weight
print(T.dist(X.T @ X, T.eye(3)) < 1e-5)
print(layer_orthogonal.parametrizations.weight)
with P.cached():
    print(layer.weight is layer.weight)
print(layer.weight is layer.weight)
class NoisyParametrization(nn.Module):
    def forward(self, X):
        print("Computing the Parametrization")
        return X
class Orth(nn.Module):
    def forward(self, X):
        return X
    def right_inverse(self, Z):
        print("right_inverse called")
        return Z
l = nn.Linear(2, 2)
P.register_parametrization(l, "weight", Orth())
l.weight = T.eye(2)
print(l.parametrizations.weight.original)
P.remove_parametrizations(l, "weight")
print(l, type(l.weight).__name__)
P.remove_parametrizations(layer, "weight", leave_parametrized=False)
print(layer.weight.shape, T.allclose(layer.weight, layer.weight.T))
try:
    P.remove_parametrizations(layer, "weight")
except Exception as e:
    print(type(e).__name__, e)
''',
    '''
nn = T.nn
m = nn.utils.parametrizations.weight_norm(nn.Linear(4, 3))
print(m)
print([n for n, _ in m.named_parameters()])
print(m.parametrizations.weight.original0.shape, m.parametrizations.weight.original1.shape)
s = nn.utils.parametrizations.spectral_norm(nn.Linear(4, 3))
print(s)
print(list(s.state_dict().keys()))
print(T.linalg.matrix_norm(s.weight, 2) <= 1.0001)
o = nn.utils.parametrizations.orthogonal(nn.Linear(3, 3))
print(o)
W = o.weight
print(T.allclose(W @ W.T, T.eye(3), atol=1e-5))
old = nn.utils.weight_norm(nn.Linear(4, 3), name='weight')
print(old, [n for n, _ in old.named_parameters()])
print(old.weight_g.shape, old.weight_v.shape)
nn.utils.remove_weight_norm(old)
print([n for n, _ in old.named_parameters()])
''',
    '''
T.manual_seed(0)  # (else what it prints depends on the tests run before it)
nn = T.nn; F = nn.functional
prune = T.nn.utils.prune
class LeNet(nn.Module):
    def __init__(self):
        super(LeNet, self).__init__()
        self.conv1 = nn.Conv2d(1, 6, 3)
        self.conv2 = nn.Conv2d(6, 16, 3)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)
    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), (2, 2))
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = x.view(-1, int(x.nelement() / x.shape[0]))
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        x = self.fc3(x)
        return x
model = LeNet()
module = model.conv1
print(list(module.named_parameters())[1])
print(list(module.named_buffers()))
prune.random_unstructured(module, name="weight", amount=0.3)
print([n for n, _ in module.named_parameters()])
print(list(module.named_buffers())[0][1][0])
print(module.weight[0])
print([type(h).__name__ for h in module._forward_pre_hooks.values()])  # (keys: global hook ids)
prune.l1_unstructured(module, name="bias", amount=3)
print(module.bias_mask)
prune.ln_structured(module, name="weight", amount=0.5, n=2, dim=0)
print(module.weight_mask.sum())
for hook in module._forward_pre_hooks.values():
    if hook._tensor_name == "weight":
        break
print(list(hook))
print(model.state_dict().keys())
prune.remove(module, 'weight')
print(list(module.named_parameters())[0][0], list(module.named_buffers())[0][0])
new_model = LeNet()
for name, module in new_model.named_modules():
    if isinstance(module, nn.Conv2d):
        prune.l1_unstructured(module, name='weight', amount=0.2)
    elif isinstance(module, nn.Linear):
        prune.l1_unstructured(module, name='weight', amount=0.4)
print(dict(new_model.named_buffers()).keys())
model = LeNet()
parameters_to_prune = ((model.conv1, 'weight'), (model.conv2, 'weight'), (model.fc1, 'weight'), (model.fc2, 'weight'), (model.fc3, 'weight'))
prune.global_unstructured(parameters_to_prune, pruning_method=prune.L1Unstructured, amount=0.2)
print("Sparsity in conv1.weight: {:.2f}%".format(100. * float(T.sum(model.conv1.weight == 0)) / float(model.conv1.weight.nelement())))
print("Global sparsity: {:.2f}%".format(100. * float(T.sum(model.conv1.weight == 0) + T.sum(model.conv2.weight == 0) + T.sum(model.fc1.weight == 0) + T.sum(model.fc2.weight == 0) + T.sum(model.fc3.weight == 0)) / float(model.conv1.weight.nelement() + model.conv2.weight.nelement() + model.fc1.weight.nelement() + model.fc2.weight.nelement() + model.fc3.weight.nelement())))
class FooBarPruningMethod(prune.BasePruningMethod):
    PRUNING_TYPE = 'unstructured'
    def compute_mask(self, t, default_mask):
        mask = default_mask.clone()
        mask.view(-1)[::2] = 0
        return mask
def foobar_unstructured(module, name):
    FooBarPruningMethod.apply(module, name)
    return module
model = LeNet()
foobar_unstructured(model.fc3, name='bias')
print(model.fc3.bias_mask)
print(prune.is_pruned(model), prune.is_pruned(LeNet()))
''',
    '''
nn = T.nn
x = T.ones(2, requires_grad=True)
y = x * 2
for make in [lambda: T.optim.SGD([y], lr=0.1), lambda: T.optim.SGD([x], lr=0.1, momentum=-1), lambda: T.optim.SGD([x], lr=0.1, nesterov=True),
             lambda: T.optim.Adam([x], lr=0.1, fused=True), lambda: T.optim.Adam([x], lr=0.1, eps=-1), lambda: T.optim.Adam([x], weight_decay=-1),
             lambda: T.optim.SGD([x]), lambda: T.optim.RMSprop([x], alpha=-1), lambda: T.optim.SGD({'params': [x]}, lr=1), lambda: T.optim.SGD([x, x], lr=1),
             lambda: T.optim.Adam([x], lr=T.tensor(0.1)), lambda: T.optim.AdamW([x], amsgrad=True, foreach=True), lambda: T.optim.Adagrad([x], initial_accumulator_value=-1),
             lambda: T.optim.SGD([{'params': x, 'lr': 0.1}], lr=1, foo=1)]:
    try:
        o = make()
        print(type(o).__name__, o.param_groups[0]['lr'])
    except Exception as e:
        print(type(e).__name__, e)
''',
    '''
nn = T.nn
m = nn.Linear(2, 1)
opt = T.optim.Adam(m.parameters(), lr=0.1)
def pre(optimizer, args, kwargs):
    print('pre', type(optimizer).__name__, args, kwargs)
def post(optimizer, args, kwargs):
    print('post')
h1 = opt.register_step_pre_hook(pre)
h2 = opt.register_step_post_hook(post)
m(T.ones(1, 2)).sum().backward()
opt.step()
h1.remove(); h2.remove()
opt.step()
sd = opt.state_dict()
print(sd['state'][0]['step'], sd['state'][0].keys())
opt2 = T.optim.Adam(nn.Linear(3, 1).parameters())
try:
    opt2.load_state_dict(sd)
except Exception as e:
    print(type(e).__name__, e)
opt3 = T.optim.Adam([nn.Parameter(T.ones(1))])
try:
    opt3.load_state_dict(sd)
except Exception as e:
    print(type(e).__name__, e)
opt4 = T.optim.Adam(nn.Linear(2, 1).parameters(), lr=0.5)
opt4.load_state_dict(sd)
print(opt4.param_groups[0]['lr'], opt4.state_dict()['state'][1]['exp_avg'])
print(opt.state_dict()['param_groups'][0])
''',
    '''
data = T.utils.data
ds = data.TensorDataset(T.arange(10.))
for kw in [dict(batch_size=0), dict(batch_size=-1), dict(shuffle=True, sampler=data.SequentialSampler(ds)), dict(batch_sampler=data.BatchSampler(data.SequentialSampler(ds), 3, False), batch_size=2),
           dict(batch_sampler=data.BatchSampler(data.SequentialSampler(ds), 3, False), drop_last=True), dict(num_workers=-1), dict(timeout=-1), dict(persistent_workers=True), dict(prefetch_factor=2), dict(batch_size=None, drop_last=True), dict(shuffle=1)]:
    try:
        dl = data.DataLoader(ds, **kw)
        print('ok', len(dl), [b for b in dl][:2])
    except Exception as e:
        print(type(e).__name__, e)
try:
    data.TensorDataset(T.ones(3), T.ones(4))
except Exception as e:
    print(type(e).__name__, e)
try:
    data.random_split(ds, [3, 3])
except Exception as e:
    print(type(e).__name__, e)
try:
    data.random_split(ds, [0.5, 0.6])
except Exception as e:
    print(type(e).__name__, e)
print([len(s) for s in data.random_split(range(10), [0.33, 0.33, 0.34])])
try:
    data.RandomSampler(ds, num_samples=0)
except Exception as e:
    print(type(e).__name__, e)
print(list(data.RandomSampler(ds, replacement=True, num_samples=4)))
try:
    data.BatchSampler(range(3), 0, False)
except Exception as e:
    print(type(e).__name__, e)
try:
    data.WeightedRandomSampler([1., 2.], 5, replacement=False)
except Exception as e:
    print(type(e).__name__, e)
try:
    data.Subset(ds, [1])[5]
except Exception as e:
    print(type(e).__name__, e)
try:
    ds[10]
except Exception as e:
    print(type(e).__name__, e)
''',
    '''
nn = T.nn
nz, ngf, ndf, nc = 8, 4, 4, 1
def weights_init(m):
    classname = m.__class__.__name__
    if classname.find('Conv') != -1:
        nn.init.normal_(m.weight.data, 0.0, 0.02)
    elif classname.find('BatchNorm') != -1:
        nn.init.normal_(m.weight.data, 1.0, 0.02)
        nn.init.constant_(m.bias.data, 0)
class Generator(nn.Module):
    def __init__(self):
        super(Generator, self).__init__()
        self.main = nn.Sequential(
            nn.ConvTranspose2d(nz, ngf * 4, 4, 1, 0, bias=False), nn.BatchNorm2d(ngf * 4), nn.ReLU(True),
            nn.ConvTranspose2d(ngf * 4, ngf * 2, 4, 2, 1, bias=False), nn.BatchNorm2d(ngf * 2), nn.ReLU(True),
            nn.ConvTranspose2d(ngf * 2, nc, 4, 2, 1, bias=False), nn.Tanh())
    def forward(self, input):
        return self.main(input)
class Discriminator(nn.Module):
    def __init__(self):
        super(Discriminator, self).__init__()
        self.main = nn.Sequential(
            nn.Conv2d(nc, ndf, 4, 2, 1, bias=False), nn.LeakyReLU(0.2, inplace=True),
            nn.Conv2d(ndf, ndf * 2, 4, 2, 1, bias=False), nn.BatchNorm2d(ndf * 2), nn.LeakyReLU(0.2, inplace=True),
            nn.Conv2d(ndf * 2, 1, 4, 1, 0, bias=False), nn.Sigmoid())
    def forward(self, input):
        return self.main(input)
netG = Generator(); netG.apply(weights_init); print(netG)
netD = Discriminator(); netD.apply(weights_init); print(netD)
criterion = nn.BCELoss()
fixed_noise = T.randn(4, nz, 1, 1)
real_label = 1.; fake_label = 0.
optimizerD = T.optim.Adam(netD.parameters(), lr=0.0002, betas=(0.5, 0.999))
optimizerG = T.optim.Adam(netG.parameters(), lr=0.0002, betas=(0.5, 0.999))
real = T.rand(4, 1, 16, 16) * 2 - 1
for i in range(3):
    netD.zero_grad()
    b_size = real.size(0)
    label = T.full((b_size,), real_label, dtype=T.float)
    output = netD(real).view(-1)
    errD_real = criterion(output, label)
    errD_real.backward()
    D_x = output.mean().item()
    noise = T.randn(b_size, nz, 1, 1)
    fake = netG(noise)
    label.fill_(fake_label)
    output = netD(fake.detach()).view(-1)
    errD_fake = criterion(output, label)
    errD_fake.backward()
    D_G_z1 = output.mean().item()
    errD = errD_real + errD_fake
    optimizerD.step()
    netG.zero_grad()
    label.fill_(real_label)
    output = netD(fake).view(-1)
    errG = criterion(output, label)
    errG.backward()
    D_G_z2 = output.mean().item()
    optimizerG.step()
    print('[%d/%d]\\tLoss_D: %.4f\\tLoss_G: %.4f\\tD(x): %.4f\\tD(G(z)): %.4f / %.4f' % (i, 3, errD.item(), errG.item(), D_x, D_G_z1, D_G_z2))
with T.no_grad():
    fake = netG(fixed_noise).detach().cpu()
print(fake.shape, fake.grad_fn, fake.requires_grad)
print(errD.grad_fn, errD.grad_fn.next_functions)
''',
    '''
import random
from collections import namedtuple, deque
nn = T.nn; F = nn.functional
Transition = namedtuple('Transition', ('state', 'action', 'next_state', 'reward'))
class ReplayMemory(object):
    def __init__(self, capacity):
        self.memory = deque([], maxlen=capacity)
    def push(self, *args):
        self.memory.append(Transition(*args))
    def sample(self, batch_size):
        return random.sample(self.memory, batch_size)
    def __len__(self):
        return len(self.memory)
class DQN(nn.Module):
    def __init__(self, n_observations, n_actions):
        super(DQN, self).__init__()
        self.layer1 = nn.Linear(n_observations, 16)
        self.layer2 = nn.Linear(16, 16)
        self.layer3 = nn.Linear(16, n_actions)
    def forward(self, x):
        x = F.relu(self.layer1(x))
        x = F.relu(self.layer2(x))
        return self.layer3(x)
random.seed(0)
policy_net = DQN(4, 2)
target_net = DQN(4, 2)
target_net.load_state_dict(policy_net.state_dict())
optimizer = T.optim.AdamW(policy_net.parameters(), lr=1e-3, amsgrad=True)
memory = ReplayMemory(100)
for i in range(20):
    s = T.randn(1, 4)
    with T.no_grad():
        a = policy_net(s).max(1).indices.view(1, 1)
    ns = None if i % 7 == 6 else T.randn(1, 4)
    memory.push(s, a, ns, T.tensor([1.0]))
BATCH_SIZE, GAMMA, TAU = 8, 0.99, 0.005
for step in range(3):
    transitions = memory.sample(BATCH_SIZE)
    batch = Transition(*zip(*transitions))
    non_final_mask = T.tensor(tuple(map(lambda s: s is not None, batch.next_state)), dtype=T.bool)
    non_final_next_states = T.cat([s for s in batch.next_state if s is not None])
    state_batch = T.cat(batch.state)
    action_batch = T.cat(batch.action)
    reward_batch = T.cat(batch.reward)
    state_action_values = policy_net(state_batch).gather(1, action_batch)
    next_state_values = T.zeros(BATCH_SIZE)
    with T.no_grad():
        next_state_values[non_final_mask] = target_net(non_final_next_states).max(1).values
    expected_state_action_values = (next_state_values * GAMMA) + reward_batch
    criterion = nn.SmoothL1Loss()
    loss = criterion(state_action_values, expected_state_action_values.unsqueeze(1))
    optimizer.zero_grad()
    loss.backward()
    T.nn.utils.clip_grad_value_(policy_net.parameters(), 100)
    optimizer.step()
    target_net_state_dict = target_net.state_dict()
    policy_net_state_dict = policy_net.state_dict()
    for key in policy_net_state_dict:
        target_net_state_dict[key] = policy_net_state_dict[key]*TAU + target_net_state_dict[key]*(1-TAU)
    target_net.load_state_dict(target_net_state_dict)
    print(step, f"{loss.item():.5f}", non_final_mask.sum().item(), action_batch.view(-1).tolist())
print(target_net.layer3.bias)
print(policy_net(T.ones(1, 4)).max(1))
''',
    '''
import warnings
nn = T.nn; F = nn.functional
def show(fn):
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        try:
            r = fn()
        except Exception as e:
            print('EXC', type(e).__name__, e)
    for x in w:
        print(x.category.__name__, str(x.message))
x = T.randn(3, 1)
show(lambda: nn.MSELoss()(x, T.randn(3)))
show(lambda: F.l1_loss(x, T.randn(3)))
show(lambda: F.smooth_l1_loss(x, T.randn(3)))
show(lambda: nn.KLDivLoss()(F.log_softmax(T.randn(2, 3), 1), F.softmax(T.randn(2, 3), 1)))
show(lambda: F.softmax(T.randn(2, 3)))
show(lambda: nn.Softmax()(T.randn(2, 3)))
show(lambda: F.log_softmax(T.randn(2, 3)))
show(lambda: nn.Dropout2d()(T.randn(2, 3)))
show(lambda: F.sigmoid(T.randn(2)))
show(lambda: F.tanh(T.randn(2)))
show(lambda: nn.BCELoss()(T.rand(3, 1), T.rand(3)))
show(lambda: nn.CrossEntropyLoss(size_average=False))
show(lambda: F.upsample(T.randn(1, 1, 2, 2), scale_factor=2))
show(lambda: F.interpolate(T.randn(1, 1, 2, 2), scale_factor=2, mode='bilinear'))
show(lambda: nn.init.normal(T.empty(2)))
show(lambda: nn.utils.clip_grad_norm(nn.Linear(2, 2).parameters(), 1.0))
show(lambda: nn.Upsample(scale_factor=2, mode='bilinear')(T.randn(1, 1, 2, 2)))
show(lambda: nn.RNN(2, 3, dropout=0.5))
show(lambda: nn.TransformerEncoder(nn.TransformerEncoderLayer(4, 2), 2))
show(lambda: F.gumbel_softmax(T.randn(2, 3)).shape)
m = nn.Linear(2, 2)
o = T.optim.SGD(m.parameters(), lr=0.1)
s = T.optim.lr_scheduler.StepLR(o, 1)
show(lambda: s.step())
show(lambda: s.step(3))
show(lambda: T.optim.lr_scheduler.StepLR(o, 1, verbose=True))
show(lambda: s.get_lr())
show(lambda: m.state_dict(None, '', False))
''',
    '''
import io
nn = T.nn
compile = T.compile
m = nn.Sequential(nn.Linear(2, 3), nn.Dropout(0.5), nn.Linear(3, 1))
cm = compile(m)
print(type(cm).__name__, cm)
print(list(cm.state_dict().keys()), [n for n, _ in cm.named_parameters()])
print(cm._orig_mod[0] is m[0], len(cm), cm._orig_mod is m, cm.training)
cm.eval()
print(m.training, m[1].training, cm.training)
cm.train()
print(m.training, cm.training)
x = T.ones(4, 2)
out = cm(x)
print(out.shape)
cm.foo = 3
print(m.foo, hasattr(cm, 'foo'))
del cm.foo
print(hasattr(m, 'foo'))
opt = T.optim.SGD(cm.parameters(), lr=0.1)
out.sum().backward(); opt.step()
print(len(list(cm.parameters())), len(list(cm.modules())))
m2 = nn.Sequential(nn.Linear(2, 3), nn.Dropout(0.5), nn.Linear(3, 1))
try:
    m2.load_state_dict(cm.state_dict())
except Exception as e:
    print(type(e).__name__, e)
print(m2.load_state_dict(cm._orig_mod.state_dict()))
def f(x):
    return x.sin() + 1
cf = compile(f)
print(cf is f, cf.__name__, cf(T.zeros(2)))
@compile
def g(x):
    return x * 2
print(g(T.ones(2)))
@compile(mode="reduce-overhead", fullgraph=True)
def h(x):
    return x - 1
print(h(T.ones(2)))
try:
    compile(3)
except Exception as e:
    print(type(e).__name__, e)
buf = io.BytesIO()
T.save(cm, buf); buf.seek(0)
cm2 = T.load(buf, weights_only=False)
print(type(cm2).__name__, list(cm2.state_dict().keys())[:2])
''',
    '''
data = T.utils.data
class NoLen(data.Dataset):
    def __getitem__(self, i):
        return i
for f in [lambda: len(data.DataLoader(NoLen())), lambda: list(data.DataLoader(NoLen())), lambda: len(NoLen()), lambda: NoLen()[0], lambda: data.Dataset()[0], lambda: len(data.Dataset()),
          lambda: iter(data.IterableDataset()), lambda: list(data.DataLoader(data.TensorDataset(T.ones(3)), batch_size=2, collate_fn=None)),
          lambda: data.default_collate([T.ones(2), T.ones(3)]), lambda: data.default_collate([{'a': 1}, {'b': 2}]), lambda: data.default_collate([[1, 2], [3]]),
          lambda: data.default_collate([object()]), lambda: data.default_collate([None, None]), lambda: data.default_collate([1.5, 2]), lambda: data.default_collate([True, False]),
          lambda: data.default_collate([(T.ones(2), 1), (T.zeros(2), 0)]), lambda: data.default_collate(['a', 'b']), lambda: data.default_collate([b'a']), lambda: data.default_collate([]),
          lambda: list(data.SequentialSampler(NoLen())), lambda: data.Sampler()]:
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
''',
    '''
nn = T.nn
S = T.optim.lr_scheduler
for name in ['SGD', 'Adam', 'AdamW', 'RMSprop', 'Adagrad', 'Adadelta', 'Adamax', 'NAdam', 'RAdam', 'Rprop', 'ASGD', 'LBFGS', 'Adafactor']:
    opt = getattr(T.optim, name)(nn.Linear(1, 1).parameters())
    S.ConstantLR(opt, factor=0.5, total_iters=2)
    print(opt)
    print(opt.defaults)
''',
    '''
nn = T.nn
S = T.optim.lr_scheduler
opt = T.optim.Adam(nn.Linear(1, 1).parameters(), lr=0.1)
try:
    S.CyclicLR(opt, 0.01, 0.1)
except Exception as e:
    print(type(e).__name__, e)
c = S.CyclicLR(opt, 0.01, 0.1, step_size_up=2, cycle_momentum=False)
print([round(c.get_last_lr()[0], 5)] + [round((opt.step(), c.step(), c.get_last_lr()[0])[2], 5) for _ in range(6)])
opt = T.optim.SGD(nn.Linear(1, 1).parameters(), lr=0.1, momentum=0.9)
c = S.CyclicLR(opt, 0.01, 0.1, step_size_up=2, mode='triangular2')
for i in range(5):
    opt.step(); c.step(); print(round(c.get_last_lr()[0], 5), round(opt.param_groups[0]['momentum'], 5))
opt = T.optim.SGD(nn.Linear(1, 1).parameters(), lr=1.0)
m = S.MultiplicativeLR(opt, lr_lambda=lambda e: 0.9)
p = S.PolynomialLR(opt, total_iters=4, power=2.0)
ch = S.ChainedScheduler([S.ConstantLR(opt, factor=0.5, total_iters=2), S.ExponentialLR(opt, gamma=0.9)])
for i in range(5):
    opt.step(); m.step(); p.step(); ch.step()
    print(i, [round(v, 6) for v in ch.get_last_lr()], [round(v, 6) for v in m.get_last_lr()], [round(v, 6) for v in p.get_last_lr()])
print(sorted(ch.state_dict().keys()))
try:
    S.StepLR(opt, 1, last_epoch=3)
except Exception as e:
    print(type(e).__name__, e)
try:
    S.MultiStepLR(opt, milestones=[3, 1])
except Exception as e:
    print(type(e).__name__, e)
try:
    S.ReduceLROnPlateau(opt, mode='x')
except Exception as e:
    print(type(e).__name__, e)
try:
    S.StepLR(object(), 1)
except Exception as e:
    print(type(e).__name__, e)
try:
    S.OneCycleLR(opt, max_lr=0.1)
except Exception as e:
    print(type(e).__name__, e)
''',
    '''
nn = T.nn; F = nn.functional
cases = [
 lambda: nn.Linear(2, 2)(T.tensor([[1, 2]])),
 lambda: nn.Linear(2, 2)(T.ones(2)),
 lambda: nn.Linear(2, 2)(T.ones(3)),
 lambda: nn.Conv2d(1, 2, 3)(T.ones(1, 1, 2, 2)),
 lambda: nn.Conv2d(1, 2, 3)(T.ones(3, 3)),
 lambda: nn.Conv1d(1, 2, 3)(T.ones(1, 1, 1, 5)),
 lambda: nn.MaxPool2d(2)(T.ones(1, 1, 1, 1)),
 lambda: nn.Embedding(3, 2)(T.tensor([3])),
 lambda: nn.Embedding(3, 2)(T.tensor([1.0])),
 lambda: nn.CrossEntropyLoss()(T.randn(3, 4), T.randn(3)),
 lambda: nn.CrossEntropyLoss()(T.randn(3, 4), T.tensor([1, 2])),
 lambda: nn.NLLLoss()(T.randn(3, 4), T.tensor([1, 2, 4])),
 lambda: nn.BCELoss()(T.randn(3), T.rand(3)),
 lambda: nn.BCELoss()(T.rand(3), T.tensor([1, 0, 1])),
 lambda: nn.BCEWithLogitsLoss()(T.randn(3), T.tensor([1, 0, 1])),
 lambda: nn.BCEWithLogitsLoss()(T.randn(3), T.rand(2)),
 lambda: nn.MSELoss()(T.randn(3), T.tensor([1, 0, 1])),
 lambda: nn.L1Loss()(T.randn(3), T.tensor([1, 0, 1])),
 lambda: nn.LSTM(2, 3)(T.randn(4, 2, 5)),
 lambda: nn.LSTM(2, 3)(T.randn(4, 2)),
 lambda: nn.LSTM(2, 3, batch_first=True)(T.randn(4, 2, 2), (T.zeros(1, 4, 3),)),
 lambda: nn.BatchNorm2d(3)(T.randn(2, 3)),
 lambda: nn.BatchNorm1d(3)(T.randn(2, 4)),
 lambda: nn.LayerNorm(4)(T.randn(2, 3)),
 lambda: nn.Sequential(nn.Linear(2, 3), nn.Linear(4, 1))(T.ones(1, 2)),
 lambda: F.cross_entropy(T.randn(2, 3), T.tensor([0, 1]), reduction='avg'),
 lambda: nn.MSELoss(reduction='avg'),
 lambda: F.mse_loss(T.ones(2), T.ones(2), reduction='avg'),
 lambda: nn.Flatten()(T.ones(2)),
 lambda: nn.Unflatten(1, (2, 2))(T.ones(2, 3)),
 lambda: F.one_hot(T.tensor([0, 3]), 3),
 lambda: F.one_hot(T.tensor([0., 1.])),
 lambda: nn.Softmax(dim=2)(T.ones(2, 2)),
 lambda: nn.MultiheadAttention(5, 2),
 lambda: nn.TransformerEncoderLayer(6, 4),
 lambda: nn.Conv2d(3, 4, 3, groups=2),
 lambda: nn.GroupNorm(2, 3),
 lambda: nn.Linear(2.5, 2),
 lambda: nn.Linear(-1, 2),
 lambda: nn.Dropout(-0.1),
 lambda: nn.AvgPool2d(3, padding=2),
]
for c in cases:
    try:
        r = c()
        print('ok', getattr(r, 'shape', r))
    except Exception as e:
        print(type(e).__name__, e)
''',
    '''
nn = T.nn
bn = nn.BatchNorm1d(3)
sd = {k: v for k, v in bn.state_dict().items() if k != 'num_batches_tracked'}
print(bn.load_state_dict(sd))
print(bn.num_batches_tracked)
sd2 = bn.state_dict()
del sd2['num_batches_tracked']
try:
    print(bn.load_state_dict(sd2))
except Exception as e:
    print(type(e).__name__, e)
print(sd2._metadata)
m = nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2))
sd = m.state_dict()
print(sd._metadata)
from collections import OrderedDict
sd3 = OrderedDict((k, v) for k, v in sd.items() if 'num_batches' not in k)
print(m.load_state_dict(sd3))
sd3._metadata = sd._metadata
try:
    print(m.load_state_dict(sd3))
except Exception as e:
    print(type(e).__name__, e)
''',
    '''
nn = T.nn
m = nn.Linear(2, 2)
def pre(module, args, kwargs):
    print('pre', args[0].shape, kwargs)
    return args, kwargs
def post(module, args, kwargs, out):
    print('post', kwargs, out.shape)
m.register_forward_pre_hook(pre, with_kwargs=True)
m.register_forward_hook(post, with_kwargs=True)
m(T.ones(1, 2))
h = nn.modules.module.register_module_forward_hook(lambda mod, i, o: print('global', type(mod).__name__))
nn.Sequential(nn.ReLU())(T.ones(1))
h.remove()
nn.ReLU()(T.ones(1))
def sd_hook(module, state_dict, prefix, local_metadata):
    print('sd hook', prefix, list(state_dict.keys()))
m.register_state_dict_post_hook(sd_hook) if hasattr(m, 'register_state_dict_post_hook') else m._register_state_dict_hook(sd_hook)
m.state_dict()
def lpost(module, incompatible_keys):
    print('load post', incompatible_keys)
m.register_load_state_dict_post_hook(lpost)
m.load_state_dict(m.state_dict())
''',
    '''
nn = T.nn
m = nn.Linear(2, 1)
opt = T.optim.Adam(m.parameters(), lr=0.1)
m(T.ones(1, 2)).sum().backward(); opt.step()
sd = opt.state_dict()
m64 = nn.Linear(2, 1).double()
opt64 = T.optim.Adam(m64.parameters(), lr=0.1)
opt64.load_state_dict(sd)
st = opt64.state[m64.weight]
print({k: (v.dtype, v) for k, v in st.items()})
print(sd['state'][0]['exp_avg'] is opt.state[m.weight]['exp_avg'])
sd['state'][0]['exp_avg'].add_(1)
print(opt.state[m.weight]['exp_avg'])
print(opt64.state_dict()['state'][0]['exp_avg'] is st['exp_avg'])
for name in ['SGD', 'Adam', 'RMSprop', 'Adagrad', 'Adadelta', 'NAdam', 'RAdam', 'Rprop', 'ASGD', 'Adamax', 'AdamW']:
    mm = nn.Linear(2, 1).double()
    o = getattr(T.optim, name)(mm.parameters(), **({'momentum': 0.9} if name == 'SGD' else {}))
    mm(T.ones(1, 2, dtype=T.float64)).sum().backward(); o.step()
    print(name, {k: (v.dtype if hasattr(v, 'dtype') else type(v).__name__) for k, v in o.state[mm.weight].items()})
''',
    '''
F = T.nn.functional
from_attention = T.nn.attention
SDPBackend, sdpa_kernel = from_attention.SDPBackend, from_attention.sdpa_kernel
q = T.randn(1, 2, 3, 4)
for b in [SDPBackend.MATH, SDPBackend.FLASH_ATTENTION, SDPBackend.EFFICIENT_ATTENTION, SDPBackend.CUDNN_ATTENTION, SDPBackend.OVERRIDEABLE, SDPBackend.ERROR, [SDPBackend.EFFICIENT_ATTENTION, SDPBackend.MATH]]:
    try:
        with sdpa_kernel(b) as r:
            print(b, r, F.scaled_dot_product_attention(q, q, q)[0, 0, 0])
    except Exception as e:
        print(b, type(e).__name__, e)
print(F.scaled_dot_product_attention(q, q, q, is_causal=True)[0, 0, 0])
print(list(SDPBackend.__members__), repr(SDPBackend.MATH), str(SDPBackend.FLASH_ATTENTION), SDPBackend.MATH.name, SDPBackend.MATH.value, SDPBackend(2), int(SDPBackend.CUDNN_ATTENTION), SDPBackend.MATH == 0)
try:
    with sdpa_kernel('math'):
        pass
except Exception as e:
    print(type(e).__name__, e)
with sdpa_kernel(SDPBackend.EFFICIENT_ATTENTION):
    try:
        T.nn.MultiheadAttention(4, 2, batch_first=True)(q[0], q[0], q[0])
    except Exception as e:
        print(type(e).__name__, e)
    print(T.nn.MultiheadAttention(4, 2, batch_first=True)(q[0], q[0], q[0])[0].shape)
''',
    '''
data = T.utils.data
ds = data.TensorDataset(T.arange(11.))
for kw in [dict(), dict(shuffle=False), dict(drop_last=True), dict(seed=5)]:
    for rank in range(3):
        s = data.DistributedSampler(ds, num_replicas=3, rank=rank, **kw)
        print(kw, rank, len(s), list(s), s.num_samples, s.total_size)
s = data.DistributedSampler(ds, num_replicas=2, rank=1)
dl = data.DataLoader(ds, batch_size=4, sampler=s)
for epoch in range(2):
    s.set_epoch(epoch)
    print(epoch, [b[0].tolist() for b in dl])
print(list(data.DistributedSampler(range(2), num_replicas=5, rank=4)))
for kw in [dict(), dict(num_replicas=2), dict(num_replicas=2, rank=2), dict(num_replicas=2, rank=-1)]:
    try:
        data.DistributedSampler(ds, **kw)
    except Exception as e:
        print(type(e).__name__, e)
from_mod = T.utils.data.distributed.DistributedSampler
print(from_mod is data.DistributedSampler)
''',
    '''
nn = T.nn
print(nn.ModuleList([nn.Linear(2, 2) for _ in range(3)] + [nn.ReLU(), nn.ReLU(), nn.Linear(2, 3)]))
print(nn.Sequential(*[nn.Linear(2, 2) for _ in range(3)]))
print(nn.ModuleList())
print(nn.ModuleDict({'a': nn.ReLU(), 'b': nn.ReLU()}))
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.blocks = nn.ModuleList([nn.Sequential(nn.Linear(2, 2), nn.ReLU()) for _ in range(2)])
    def extra_repr(self):
        return 'line1\\nline2'
print(M())
print(nn.ParameterList([nn.Parameter(T.ones(2)), nn.Parameter(T.ones(2, 3)), T.ones(1)]))
print(nn.ParameterDict({'x': nn.Parameter(T.ones(2)), 'y': T.zeros(1, dtype=T.float64)}))
print(nn.TransformerEncoder(nn.TransformerEncoderLayer(4, 1, 8), 3, enable_nested_tensor=False))
''',
    '''
data = T.utils.data
class Batched(data.Dataset):
    def __init__(self, n):
        self.x = T.arange(n * 2.).view(n, 2)
    def __len__(self):
        return len(self.x)
    def __getitem__(self, i):
        print('one', i)
        return self.x[i]
    def __getitems__(self, idx):
        print('many', idx)
        return [self.x[i] for i in idx]
ds = Batched(5)
print([b.tolist() for b in data.DataLoader(ds, batch_size=2)])
print([b.tolist() for b in data.DataLoader(ds, batch_size=None)])
print([b.tolist() for b in data.DataLoader(data.Subset(ds, [4, 0, 2]), batch_size=2)])
st = data.StackDataset(ds, T.arange(5))
print(st.__getitems__([1, 3]))
print(list(data.DataLoader(st, batch_size=3)))
st = data.StackDataset(a=ds, b=T.arange(5))
print(st.__getitems__([1, 3]))
print(list(data.DataLoader(st, batch_size=2)))
class Bad(Batched):
    def __getitems__(self, idx):
        return [1]
try:
    data.StackDataset(Bad(3), [1, 2, 3]).__getitems__([0, 1])
except Exception as e:
    print(type(e).__name__, e)
print(data.DataLoader(Bad(3), batch_size=2).__iter__().__next__())
''',
    '''
import copy, pickle
nn = T.nn
model = nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2))
best_model_wts = copy.deepcopy(model.state_dict())
print(type(best_model_wts).__name__, hasattr(best_model_wts, '_metadata'))
opt = T.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
model(T.randn(4, 2)).sum().backward(); opt.step()
print(best_model_wts['0.bias'], model[0].bias)
print(model.load_state_dict(best_model_wts))
print(model[0].bias, model[1].num_batches_tracked)
m2 = copy.deepcopy(model)
print(m2[0].weight is model[0].weight, T.equal(m2[0].weight, model[0].weight), type(m2[0].weight).__name__, m2[0].weight.requires_grad, m2[0].weight.grad)
o2 = copy.deepcopy(opt)
print(o2.state_dict()['state'].keys(), o2.param_groups[0]['params'][0] is opt.param_groups[0]['params'][0])
m3 = pickle.loads(pickle.dumps(model))
print(m3)
ema = copy.deepcopy(model)
for p in ema.parameters():
    p.requires_grad_(False)
with T.no_grad():
    for pe, pm in zip(ema.parameters(), model.parameters()):
        pe.mul_(0.9).add_(pm, alpha=0.1)
print(ema[0].bias)
w = model[0].weight
w2 = copy.deepcopy(w)
print(type(w2).__name__, w2.requires_grad, w2 is w)
y = w * 2
try:
    copy.deepcopy(y)
except Exception as e:
    print(type(e).__name__, e)
''',
    '''
import copy, time
nn = T.nn
data = T.utils.data
class Backbone(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3)
        self.pool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(4, 10)
    def forward(self, x):
        x = self.pool(T.relu(self.conv(x)))
        return self.fc(T.flatten(x, 1))
model_conv = Backbone()
for param in model_conv.parameters():
    param.requires_grad = False
num_ftrs = model_conv.fc.in_features
model_conv.fc = nn.Linear(num_ftrs, 2)
criterion = nn.CrossEntropyLoss()
optimizer_conv = T.optim.SGD(model_conv.fc.parameters(), lr=0.001, momentum=0.9)
exp_lr_scheduler = T.optim.lr_scheduler.StepLR(optimizer_conv, step_size=7, gamma=0.1)
X = T.randn(12, 3, 8, 8); Y = T.randint(0, 2, (12,))
dataloaders = {'train': data.DataLoader(data.TensorDataset(X[:8], Y[:8]), batch_size=4, shuffle=True), 'val': data.DataLoader(data.TensorDataset(X[8:], Y[8:]), batch_size=4)}
dataset_sizes = {'train': 8, 'val': 4}
best_model_wts = copy.deepcopy(model_conv.state_dict())
best_acc = 0.0
for epoch in range(3):
    print(f'Epoch {epoch}/{3 - 1}')
    print('-' * 10)
    for phase in ['train', 'val']:
        if phase == 'train':
            model_conv.train()
        else:
            model_conv.eval()
        running_loss = 0.0
        running_corrects = 0
        for inputs, labels in dataloaders[phase]:
            optimizer_conv.zero_grad()
            with T.set_grad_enabled(phase == 'train'):
                outputs = model_conv(inputs)
                _, preds = T.max(outputs, 1)
                loss = criterion(outputs, labels)
                if phase == 'train':
                    loss.backward()
                    optimizer_conv.step()
            running_loss += loss.item() * inputs.size(0)
            running_corrects += T.sum(preds == labels.data)
        if phase == 'train':
            exp_lr_scheduler.step()
        epoch_loss = running_loss / dataset_sizes[phase]
        epoch_acc = running_corrects.double() / dataset_sizes[phase]
        print(f'{phase} Loss: {epoch_loss:.4f} Acc: {epoch_acc:.4f}')
        print(type(running_corrects).__name__, running_corrects, epoch_acc)
        if phase == 'val' and epoch_acc > best_acc:
            best_acc = epoch_acc
            best_model_wts = copy.deepcopy(model_conv.state_dict())
print(f'Best val Acc: {best_acc:4f}')
model_conv.load_state_dict(best_model_wts)
print(model_conv.conv.weight.grad, model_conv.fc.weight.grad is None)
print('{:.2f} {:>8.3f} {:e} {}'.format(T.tensor(1.23456), T.tensor(2.5, dtype=T.float64), T.tensor(1e-3), T.tensor([1, 2])))
try:
    print('{:.2f}'.format(T.tensor([1.0, 2.0])))
except Exception as e:
    print(type(e).__name__, e)
''',
    '''
F = T.nn.functional
theta = T.tensor([[[1., 0.1, 0.05], [0.2, 0.9, -0.1]]], requires_grad=True)
grid = F.affine_grid(theta, (1, 1, 4, 5), align_corners=False)
w = T.randn(grid.shape)
(grid * w).sum().backward()
print(theta.grad)
''',
    '''
F = T.nn.functional
x = T.randn(1, 2, 5, 6)
g = (T.rand(1, 3, 4, 2) * 2.4 - 1.2).requires_grad_()
for mode in ['bilinear', 'nearest']:
    for pad in ['zeros', 'border', 'reflection']:
        for ac in [False, True]:
            g.grad = None
            out = F.grid_sample(x, g, mode=mode, padding_mode=pad, align_corners=ac)
            (out * T.arange(out.numel()).view(out.shape)).sum().backward()
            print(mode, pad, ac, g.grad.flatten()[:5])
''',
    '''
F = T.nn.functional
x = T.randn(1, 1, 6, 6)
theta = T.tensor([[[1., 0., 0.], [0., 1., 0.]]], requires_grad=True)
grid = F.affine_grid(theta, x.size(), align_corners=False)
out = F.grid_sample(x, grid, align_corners=False)
print((out - x).abs().max())
out.sum().backward()
print(theta.grad)
''',
    '''
nn = T.nn; F = nn.functional
class Net(nn.Module):
    def __init__(self):
        super(Net, self).__init__()
        self.conv1 = nn.Conv2d(1, 4, kernel_size=5)
        self.conv2 = nn.Conv2d(4, 8, kernel_size=5)
        self.conv2_drop = nn.Dropout2d()
        self.fc1 = nn.Linear(8 * 4 * 4, 16)
        self.fc2 = nn.Linear(16, 10)
        self.localization = nn.Sequential(nn.Conv2d(1, 8, kernel_size=7), nn.MaxPool2d(2, stride=2), nn.ReLU(True), nn.Conv2d(8, 10, kernel_size=5), nn.MaxPool2d(2, stride=2), nn.ReLU(True))
        self.fc_loc = nn.Sequential(nn.Linear(10 * 3 * 3, 32), nn.ReLU(True), nn.Linear(32, 3 * 2))
        self.fc_loc[2].weight.data.zero_()
        self.fc_loc[2].bias.data.copy_(T.tensor([1, 0, 0, 0, 1, 0], dtype=T.float))
    def stn(self, x):
        xs = self.localization(x)
        xs = xs.view(-1, 10 * 3 * 3)
        theta = self.fc_loc(xs)
        theta = theta.view(-1, 2, 3)
        grid = F.affine_grid(theta, x.size(), align_corners=False)
        x = F.grid_sample(x, grid, align_corners=False)
        return x
    def forward(self, x):
        x = self.stn(x)
        x = F.relu(F.max_pool2d(self.conv1(x), 2))
        x = F.relu(F.max_pool2d(self.conv2_drop(self.conv2(x)), 2))
        x = x.view(-1, 8 * 4 * 4)
        x = F.relu(self.fc1(x))
        x = F.dropout(x, training=self.training)
        x = self.fc2(x)
        return F.log_softmax(x, dim=1)
model = Net()
optimizer = T.optim.SGD(model.parameters(), lr=0.01)
data = T.randn(4, 1, 28, 28); target = T.randint(0, 10, (4,))
for i in range(3):
    optimizer.zero_grad()
    output = model(data)
    loss = F.nll_loss(output, target)
    loss.backward()
    optimizer.step()
    print(f'{loss.item():.4f}')
model.eval()
with T.no_grad():
    out = model(data)
    test_loss = F.nll_loss(out, target, reduction='sum').item()
    pred = out.max(1, keepdim=True)[1]
    correct = pred.eq(target.view_as(pred)).sum().item()
print(f'{test_loss:.3f}', correct, pred.shape)
print(model.stn(data).shape)
''',
    '''
F = T.nn.functional
theta = T.tensor([[[1., 0., 0.], [0., 1., 0.]]])
bad = []
for n in range(1, 70):
    for ac in [False, True]:
        g = F.affine_grid(theta, (1, 1, n, n + 3), align_corners=ac)
        bad.append(g.sum().item())
        print(n, ac, g[0, -1, :, 0].tolist(), g[0, :, 0, 1].tolist())
theta = T.tensor([[[0.9, 0.2, 0.1], [-0.3, 1.1, 0.05]]], dtype=T.float64)
print(F.affine_grid(theta, (1, 1, 5, 7), align_corners=False)[0, 2])
print(F.affine_grid(T.eye(3, 4).unsqueeze(0), (1, 1, 3, 4, 5), align_corners=False)[0, 1, 2])
''',
    '''
nn = T.nn
ps = [nn.Parameter(T.zeros(7, 5)), nn.Parameter(T.zeros(7)), nn.Parameter(T.zeros(3, 7)), nn.Parameter(T.zeros(3))]
for i, p in enumerate(ps):
    p.grad = (T.arange(p.numel(), dtype=T.float32).view(p.shape) * 0.37 - 1.3) / (i + 1.7)
n = nn.utils.clip_grad_norm_(ps, 0.5)
print(n.item(), [p.grad.flatten()[:3].tolist() for p in ps])
n = nn.utils.clip_grad_norm_(ps, 0.1, norm_type=1)
print(n.item(), ps[3].grad.tolist())
n = nn.utils.clip_grad_norm_(ps, 0.01, norm_type=3.0)
print(n.item(), ps[3].grad.tolist())
n = nn.utils.clip_grad_norm_(ps, 0.001, norm_type='inf')
print(n.item(), ps[3].grad.tolist())
nn.utils.clip_grad_value_(ps, 1e-4)
print(ps[0].grad.flatten()[:4].tolist())
print(nn.utils.get_total_norm([p.grad for p in ps]).item())
print(T.cat([p.grad.flatten() for p in ps]).norm().item(), T.linalg.vector_norm(ps[0].grad).item(), ps[0].grad.norm(p=3).item())
''',
]


@pytest.mark.parametrize("code", SCRIPTS, ids=[f"t{i:02d}" for i in range(len(SCRIPTS))])
def test_tutorial_script_prints_as_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)
