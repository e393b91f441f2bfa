"""Tutorial-style scripts (the PyTorch tutorials and course notebooks, seeded with ``T.manual_seed``)
run with the kit and with PyTorch: what they print must be the same (skipped without PyTorch)."""

# ruff: noqa: E501

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")

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
]


@pytest.mark.parametrize("code", SCRIPTS, ids=[f"t{i:02d}" for i in range(len(SCRIPTS))])
def test_tutorial_script_prints_as_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)
