"""The official PyTorch tutorials on autograd, nn and optim, run in both libraries (skipped without PyTorch).

Each entry of ``TUTORIALS`` is a tutorial or docs page written as PyTorch code (``import torch``,
``from torch import nn`` ...). It runs once as written and once with its imports pointing
at ``autograd_kit``; what it prints must be the same after the spelling of
tests/test_torch_scenarios.py. Where a tutorial draws random numbers whose values it then
prints or trains on, the values are set explicitly (written before the kit drew PyTorch's
random numbers; tests/test_random_numbers.py checks those).
"""

# ruff: noqa: E501

from __future__ import annotations

import contextlib
import io
import random
import re
import warnings

import pytest

from tests.test_torch_scenarios import spelled_alike

torch = pytest.importorskip("torch")
import autograd_kit as ak  # noqa: E402


def kit_imports(code: str) -> str:
    """``code`` with its ``torch`` imports taken from ``autograd_kit``, keeping the name ``torch``."""
    code = re.sub(r"^(\s*)import torch$", r"\1import autograd_kit as torch", code, flags=re.M)
    code = re.sub(r"^(\s*)import torch\.([\w.]+) as ", r"\1import autograd_kit.\2 as ", code, flags=re.M)
    return re.sub(r"^(\s*)from torch([\w.]*) import ", r"\1from autograd_kit\2 import ", code, flags=re.M)


def printed_as(library: str, code: str) -> str:
    """What ``code`` prints with its imports taken from ``library`` (its error included)."""
    lib = torch if library == "torch" else ak
    if library != "torch":
        code = kit_imports(code)
    lib.manual_seed(0)
    random.seed(0)
    buffer = io.StringIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            with contextlib.redirect_stdout(buffer):
                exec(code, {"__name__": "__tutorial__"})
        except Exception as error:  # the error itself is part of the behaviour compared
            buffer.write(f"EXC {type(error).__name__}: {error}\n")
    return spelled_alike(buffer.getvalue())


TUTORIALS: dict[str, str] = {}

# ---- the 60-minute blitz: "Autograd: Automatic Differentiation" ----------------------------
TUTORIALS["blitz_autograd"] = '''
import torch

x = torch.ones(2, 2, requires_grad=True)
print(x)
y = x + 2
print(y)
print(y.grad_fn)
z = y * y * 3
out = z.mean()
print(z, out)

a = torch.randn(2, 2)
a = ((a * 3) / (a - 1))
print(a.requires_grad)
a.requires_grad_(True)
print(a.requires_grad)
b = (a * a).sum()
print(b.grad_fn)

out.backward()
print(x.grad)

x = torch.tensor([0.3, -1.2, 0.7], requires_grad=True)
y = x * 2
while y.data.norm() < 1000:
    y = y * 2
print(y)

v = torch.tensor([0.1, 1.0, 0.0001], dtype=torch.float)
y.backward(v)
print(x.grad)

print(x.requires_grad)
print((x ** 2).requires_grad)
with torch.no_grad():
    print((x ** 2).requires_grad)

print(x.requires_grad)
y = x.detach()
print(y.requires_grad)
print(x.eq(y).all())
'''

# ---- "A Gentle Introduction to torch.autograd" ---------------------------------------------
TUTORIALS["gentle_intro"] = '''
import torch

a = torch.tensor([2., 3.], requires_grad=True)
b = torch.tensor([6., 4.], requires_grad=True)
Q = 3*a**3 - b**2
external_grad = torch.tensor([1., 1.])
Q.backward(gradient=external_grad)

# check if collected gradients are correct
print(9*a**2 == a.grad)
print(-2*b == b.grad)
print(a.grad, b.grad, Q)

x = torch.rand(5, 5)
y = torch.rand(5, 5)
z = torch.rand((5, 5), requires_grad=True)

a = x + y
print(f"Does `a` require gradients?: {a.requires_grad}")
b = x + z
print(f"Does `b` require gradients?: {b.requires_grad}")

from torch import nn, optim

class TinyNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(nn.Linear(8, 6), nn.ReLU())
        self.fc = nn.Linear(6, 4)

    def forward(self, x):
        return self.fc(self.features(x))

model = TinyNet()
data = torch.ones(1, 8)
labels = torch.ones(1, 4)

# Freeze all the parameters in the network
for param in model.parameters():
    param.requires_grad = False

model.fc = nn.Linear(6, 10)
print(model)
print([(name, p.requires_grad) for name, p in model.named_parameters()])

# Optimize only the classifier
optimizer = optim.SGD(model.parameters(), lr=1e-2, momentum=0.9)
print(optimizer)
prediction = model(data)
print(prediction.shape, prediction.requires_grad, prediction.grad_fn)
loss = prediction.sum()
loss.backward()
print([name for name, p in model.named_parameters() if p.grad is not None])
optimizer.step()
optimizer.zero_grad()
print([p.grad for p in model.fc.parameters()])
'''

# ---- Basics: "Automatic Differentiation with torch.autograd" -------------------------------
TUTORIALS["basics_autograd"] = '''
import torch

x = torch.ones(5)  # input tensor
y = torch.zeros(3)  # expected output
w = (torch.arange(15.).reshape(5, 3) / 10 - 0.7).requires_grad_()
b = torch.tensor([0.1, -0.2, 0.3], requires_grad=True)
z = torch.matmul(x, w)+b
loss = torch.nn.functional.binary_cross_entropy_with_logits(z, y)

print(f"Gradient function for z = {z.grad_fn}")
print(f"Gradient function for loss = {loss.grad_fn}")

loss.backward()
print(w.grad)
print(b.grad)
print(loss)

z = torch.matmul(x, w)+b
print(z.requires_grad)

with torch.no_grad():
    z = torch.matmul(x, w)+b
print(z.requires_grad)

z = torch.matmul(x, w)+b
z_det = z.detach()
print(z_det.requires_grad)

inp = torch.eye(4, 5, requires_grad=True)
out = (inp+1).pow(2).t()
out.backward(torch.ones_like(out), retain_graph=True)
print(f"First call\\n{inp.grad}")
out.backward(torch.ones_like(out), retain_graph=True)
print(f"\\nSecond call\\n{inp.grad}")
inp.grad.zero_()
out.backward(torch.ones_like(out), retain_graph=True)
print(f"\\nCall after zeroing gradients\\n{inp.grad}")
print(out.grad_fn, out.grad_fn.next_functions)
'''

TUTORIALS["basics_autograd_random"] = '''
import torch

x = torch.ones(5)
y = torch.zeros(3)
w = torch.randn(5, 3, requires_grad=True)
b = torch.randn(3, requires_grad=True)
z = torch.matmul(x, w)+b
loss = torch.nn.functional.binary_cross_entropy_with_logits(z, y)
print(f"Gradient function for z = {z.grad_fn}")
print(f"Gradient function for loss = {loss.grad_fn}")
loss.backward()
print(w.grad.shape, b.grad.shape, w.grad.dtype, loss.shape)
print(torch.allclose(w.grad, b.grad.expand(5, 3)))
'''

# ---- "Learning PyTorch with Examples" ------------------------------------------------------
TUTORIALS["examples_tensors"] = '''
import torch
import math

dtype = torch.float
device = torch.device("cpu")

# Create random input and output data
x = torch.linspace(-math.pi, math.pi, 2000, device=device, dtype=dtype)
y = torch.sin(x)

# Randomly initialize weights
a = torch.tensor(0.1, device=device, dtype=dtype)
b = torch.tensor(-0.2, device=device, dtype=dtype)
c = torch.tensor(0.05, device=device, dtype=dtype)
d = torch.tensor(0.3, device=device, dtype=dtype)

learning_rate = 1e-6
for t in range(2000):
    y_pred = a + b * x + c * x ** 2 + d * x ** 3
    loss = (y_pred - y).pow(2).sum().item()
    if t % 100 == 99:
        print(t, round(loss, 2))

    grad_y_pred = 2.0 * (y_pred - y)
    grad_a = grad_y_pred.sum()
    grad_b = (grad_y_pred * x).sum()
    grad_c = (grad_y_pred * x ** 2).sum()
    grad_d = (grad_y_pred * x ** 3).sum()

    a -= learning_rate * grad_a
    b -= learning_rate * grad_b
    c -= learning_rate * grad_c
    d -= learning_rate * grad_d

print(f'Result: y = {a.item():.4f} + {b.item():.4f} x + {c.item():.4f} x^2 + {d.item():.4f} x^3')
print(x.shape, x.dtype, x[:3], y[-3:], a)
'''

TUTORIALS["examples_autograd"] = '''
import torch
import math

dtype = torch.float
device = "cpu"
torch.set_default_device(device)

x = torch.linspace(-math.pi, math.pi, 2000, dtype=dtype)
y = torch.sin(x)

a = torch.tensor(0.1, dtype=dtype, requires_grad=True)
b = torch.tensor(-0.2, dtype=dtype, requires_grad=True)
c = torch.tensor(0.05, dtype=dtype, requires_grad=True)
d = torch.tensor(0.3, dtype=dtype, requires_grad=True)

learning_rate = 1e-6
for t in range(2000):
    y_pred = a + b * x + c * x ** 2 + d * x ** 3
    loss = (y_pred - y).pow(2).sum()
    if t % 100 == 99:
        print(t, round(loss.item(), 2))
    loss.backward()
    with torch.no_grad():
        a -= learning_rate * a.grad
        b -= learning_rate * b.grad
        c -= learning_rate * c.grad
        d -= learning_rate * d.grad

        # Manually zero the gradients after updating weights
        a.grad = None
        b.grad = None
        c.grad = None
        d.grad = None

print(f'Result: y = {a.item():.4f} + {b.item():.4f} x + {c.item():.4f} x^2 + {d.item():.4f} x^3')
print(a, loss.grad_fn)
'''

TUTORIALS["examples_custom_function"] = '''
import torch
import math


class LegendrePolynomial3(torch.autograd.Function):
    """
    We can implement our own custom autograd Functions by subclassing
    torch.autograd.Function and implementing the forward and backward passes
    which operate on Tensors.
    """

    @staticmethod
    def forward(ctx, input):
        ctx.save_for_backward(input)
        return 0.5 * (5 * input ** 3 - 3 * input)

    @staticmethod
    def backward(ctx, grad_output):
        input, = ctx.saved_tensors
        return grad_output * 1.5 * (5 * input ** 2 - 1)


dtype = torch.float
device = torch.device("cpu")

x = torch.linspace(-math.pi, math.pi, 2000, device=device, dtype=dtype)
y = torch.sin(x)

a = torch.full((), 0.0, device=device, dtype=dtype, requires_grad=True)
b = torch.full((), -1.0, device=device, dtype=dtype, requires_grad=True)
c = torch.full((), 0.0, device=device, dtype=dtype, requires_grad=True)
d = torch.full((), 0.3, device=device, dtype=dtype, requires_grad=True)

learning_rate = 5e-6
for t in range(2000):
    P3 = LegendrePolynomial3.apply
    y_pred = a + b * P3(c + d * x)
    loss = (y_pred - y).pow(2).sum()
    if t % 100 == 99:
        print(t, round(loss.item(), 2))
    loss.backward()
    with torch.no_grad():
        a -= learning_rate * a.grad
        b -= learning_rate * b.grad
        c -= learning_rate * c.grad
        d -= learning_rate * d.grad
        a.grad = None
        b.grad = None
        c.grad = None
        d.grad = None

print(f'Result: y = {a.item():.4f} + {b.item():.4f} * P3({c.item():.4f} + {d.item():.4f} x)')
print(y_pred.grad_fn, y_pred.grad_fn.next_functions[1][0].next_functions)
'''

TUTORIALS["examples_nn"] = '''
import torch
import math

x = torch.linspace(-math.pi, math.pi, 2000)
y = torch.sin(x)

p = torch.tensor([1, 2, 3])
xx = x.unsqueeze(-1).pow(p)
print(xx.shape, xx.dtype, p.dtype, xx[:2])

model = torch.nn.Sequential(
    torch.nn.Linear(3, 1),
    torch.nn.Flatten(0, 1)
)
print(model)
with torch.no_grad():
    model[0].weight.copy_(torch.tensor([[0.1, -0.2, 0.05]]))
    model[0].bias.fill_(0.3)

loss_fn = torch.nn.MSELoss(reduction='sum')

learning_rate = 1e-6
for t in range(2000):
    y_pred = model(xx)
    loss = loss_fn(y_pred, y)
    if t % 100 == 99:
        print(t, round(loss.item(), 2))
    model.zero_grad()
    loss.backward()
    with torch.no_grad():
        for param in model.parameters():
            param -= learning_rate * param.grad

linear_layer = model[0]
print(f'Result: y = {linear_layer.bias.item():.4f} + {linear_layer.weight[:, 0].item():.4f} x + {linear_layer.weight[:, 1].item():.4f} x^2 + {linear_layer.weight[:, 2].item():.4f} x^3')
print(y_pred.shape, y_pred.grad_fn, loss.grad_fn, linear_layer.weight.shape, linear_layer.bias.shape)
'''

TUTORIALS["examples_optim"] = '''
import torch
import math

x = torch.linspace(-math.pi, math.pi, 2000)
y = torch.sin(x)

p = torch.tensor([1, 2, 3])
xx = x.unsqueeze(-1).pow(p)

model = torch.nn.Sequential(
    torch.nn.Linear(3, 1),
    torch.nn.Flatten(0, 1)
)
with torch.no_grad():
    model[0].weight.copy_(torch.tensor([[0.1, -0.2, 0.05]]))
    model[0].bias.fill_(0.3)
loss_fn = torch.nn.MSELoss(reduction='sum')

learning_rate = 1e-3
optimizer = torch.optim.RMSprop(model.parameters(), lr=learning_rate)
print(optimizer)
for t in range(500):  # later steps are chaotic: rounding differences grow (the tutorial runs 2000)
    y_pred = model(xx)
    loss = loss_fn(y_pred, y)
    if t % 50 == 49:
        print(t, round(loss.item(), 2))
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()

linear_layer = model[0]
print(f'Result: y = {linear_layer.bias.item():.4f} + {linear_layer.weight[:, 0].item():.4f} x + {linear_layer.weight[:, 1].item():.4f} x^2 + {linear_layer.weight[:, 2].item():.4f} x^3')
print(sorted(optimizer.state_dict()['state'][0]), optimizer.state_dict()['param_groups'][0]['params'])
'''

TUTORIALS["examples_custom_module"] = '''
import torch
import math


class Polynomial3(torch.nn.Module):
    def __init__(self):
        """
        In the constructor we instantiate four parameters and assign them as
        member parameters.
        """
        super().__init__()
        self.a = torch.nn.Parameter(torch.tensor(0.1))
        self.b = torch.nn.Parameter(torch.tensor(-0.2))
        self.c = torch.nn.Parameter(torch.tensor(0.05))
        self.d = torch.nn.Parameter(torch.tensor(0.3))

    def forward(self, x):
        return self.a + self.b * x + self.c * x ** 2 + self.d * x ** 3

    def string(self):
        return f'y = {self.a.item():.4f} + {self.b.item():.4f} x + {self.c.item():.4f} x^2 + {self.d.item():.4f} x^3'


x = torch.linspace(-math.pi, math.pi, 2000)
y = torch.sin(x)

model = Polynomial3()
print(model)
print(list(model.parameters()))

criterion = torch.nn.MSELoss(reduction='sum')
optimizer = torch.optim.SGD(model.parameters(), lr=1e-6)
for t in range(2000):
    y_pred = model(x)
    loss = criterion(y_pred, y)
    if t % 100 == 99:
        print(t, round(loss.item(), 2))
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()

print(f'Result: {model.string()}')
'''

TUTORIALS["examples_dynamic_net"] = '''
import random
import torch
import math


class DynamicNet(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.a = torch.nn.Parameter(torch.tensor(0.1))
        self.b = torch.nn.Parameter(torch.tensor(-0.2))
        self.c = torch.nn.Parameter(torch.tensor(0.05))
        self.d = torch.nn.Parameter(torch.tensor(0.3))
        self.e = torch.nn.Parameter(torch.tensor(-0.01))

    def forward(self, x):
        y = self.a + self.b * x + self.c * x ** 2 + self.d * x ** 3
        for exp in range(4, random.randint(4, 6)):
            y = y + self.e * x ** exp
        return y

    def string(self):
        return f'y = {self.a.item():.4f} + {self.b.item():.4f} x + {self.c.item():.4f} x^2 + {self.d.item():.4f} x^3 + {self.e.item():.4f} x^4 ? + {self.e.item():.4f} x^5 ?'


x = torch.linspace(-math.pi, math.pi, 2000)
y = torch.sin(x)

model = DynamicNet()

criterion = torch.nn.MSELoss(reduction='sum')
optimizer = torch.optim.SGD(model.parameters(), lr=1e-8, momentum=0.9)
for t in range(3000):
    y_pred = model(x)
    loss = criterion(y_pred, y)
    if t % 500 == 499:
        print(t, round(loss.item(), 1))
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()

print(f'Result: {model.string()}')
'''

# ---- "Autograd mechanics" and the torch.autograd docs ----------------------------------------
TUTORIALS["mechanics_saved_tensors"] = '''
import torch

x = torch.tensor([0.5, -1., 2., 0.25, 3.], requires_grad=True)
y = x.pow(2)
print(x.equal(y.grad_fn._saved_self))  # True
print(x is y.grad_fn._saved_self)  # True
print(y.grad_fn._saved_exponent)

x = torch.tensor([0.5, -1., 2., 0.25, 3.], requires_grad=True)
y = x.exp()
print(y.equal(y.grad_fn._saved_result))  # True
print(y is y.grad_fn._saved_result)  # False

x = torch.tensor([1., 2.], requires_grad=True)
y = x * 3
print(y.grad_fn._saved_other, y.grad_fn._saved_self)
'''

TUTORIALS["mechanics_grad_modes"] = '''
import torch

x = torch.tensor([1.], requires_grad=True)
with torch.no_grad():
    y = x * 2
print(y.requires_grad)

@torch.no_grad()
def doubler(x):
    return x * 2
z = doubler(x)
print(z.requires_grad)

@torch.no_grad()
def tripler(x):
    return x * 3
z = tripler(x)
print(z.requires_grad)

with torch.no_grad():
    a = torch.nn.Parameter(torch.rand(10))
print(a.requires_grad)

with torch.no_grad():
    with torch.enable_grad():
        y = x * 2
print(y.requires_grad)
y.backward()
print(x.grad)

@torch.enable_grad()
def doubler(x):
    return x * 2
with torch.no_grad():
    z = doubler(x)
print(z.requires_grad)

is_train = False
with torch.set_grad_enabled(is_train):
    y = x * 2
print(y.requires_grad)
_ = torch.set_grad_enabled(True)
y = x * 2
print(y.requires_grad)
_ = torch.set_grad_enabled(False)
y = x * 2
print(y.requires_grad)
_ = torch.set_grad_enabled(True)
print(torch.is_grad_enabled())

x = torch.ones(1, 2, 3, requires_grad=True)
with torch.inference_mode():
    y = x * x
print(y.requires_grad)

@torch.inference_mode()
def func(x):
    return x * x
out = func(x)
print(out.requires_grad)
'''

TUTORIALS["autograd_grad_doc"] = '''
import torch

x = torch.tensor([1., 2., 3.], requires_grad=True)
y = (x ** 3).sum()
(g,) = torch.autograd.grad(y, x, create_graph=True)
print(g)
(gg,) = torch.autograd.grad(g.sum(), x)
print(gg)

a = torch.tensor(2., requires_grad=True)
b = torch.tensor(3., requires_grad=True)
c = a * b
print(torch.autograd.grad(c, [a, b]))
d = a * 2
print(torch.autograd.grad(d, [a, b], allow_unused=True))
print(torch.autograd.grad(a * 2, [a, b], allow_unused=True, materialize_grads=True))
torch.autograd.grad(a * 2, [a, b])
'''

TUTORIALS["autograd_backward_doc"] = '''
import torch

x = torch.tensor([1., 2.], requires_grad=True)
y = x * x
torch.autograd.backward(y, grad_tensors=torch.ones(2))
print(x.grad)
z = (x * 3).sum()
torch.autograd.backward([z])
print(x.grad)
x.grad = None
y = x ** 2
y.backward(torch.ones_like(y), inputs=[x])
print(x.grad)
y = x * 2
y.backward()
'''

TUTORIALS["hooks"] = '''
import torch

v = torch.tensor([0., 0., 0.], requires_grad=True)
h = v.register_hook(lambda grad: grad * 2)  # double the gradient
v.backward(torch.tensor([1., 2., 3.]))
print(v.grad)
h.remove()  # removes the hook

a = torch.tensor([1., 2.], requires_grad=True)
b = a * 3
b.retain_grad()
c = b.sum()
c.backward()
print(b.grad, b.is_leaf, b.retains_grad, a.grad)

x = torch.tensor([1., 2.], requires_grad=True)
y = x * 2
def print_grad(grad):
    print("hook saw", grad)
y.register_hook(print_grad)
y.sum().backward()
print(x.grad)

x = torch.tensor([1., 2.], requires_grad=True)
x.register_post_accumulate_grad_hook(lambda p: print("accumulated", p.grad))
(x * 5).sum().backward()
'''

TUTORIALS["saved_tensors_hooks"] = '''
import torch

def pack_hook(x):
    print("Packing", x)
    return x

def unpack_hook(x):
    print("Unpacking", x)
    return x

a = torch.ones(5, requires_grad=True)
b = torch.ones(5, requires_grad=True) * 2
with torch.autograd.graph.saved_tensors_hooks(pack_hook, unpack_hook):
    y = a * b
y.sum().backward()
print(a.grad, b.grad)

with torch.autograd.graph.saved_tensors_hooks(pack_hook, unpack_hook):
    z = (a * 3).exp()
z.sum().backward()

class Square(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x, y):
        ctx.save_for_backward(x, y)
        return x * y

    @staticmethod
    def backward(ctx, grad):
        x, y = ctx.saved_tensors
        return grad * y, grad * x

x = torch.tensor([1., 2.], requires_grad=True)
w = torch.tensor([3., 4.], requires_grad=True)
with torch.autograd.graph.saved_tensors_hooks(pack_hook, unpack_hook):
    out = Square.apply(x, w)
out.sum().backward()
print(x.grad, w.grad)

# keep saved tensors somewhere else: the pack hook returns a key
storage = {}
def pack_to_storage(t):
    key = len(storage)
    storage[key] = t.detach().clone()
    return key

def unpack_from_storage(key):
    return storage[key]

x = torch.tensor([1., 2., 3.], requires_grad=True)
with torch.autograd.graph.saved_tensors_hooks(pack_to_storage, unpack_from_storage):
    y = x.pow(2).sin()
print(sorted(storage), y.grad_fn._saved_self)
y.sum().backward()
print(x.grad)
'''

TUTORIALS["raw_saved_hooks"] = '''
import torch

x = torch.tensor([1., 2., 3.], requires_grad=True)
y = x.pow(2)
y.grad_fn._raw_saved_self.register_hooks(lambda t: t * 10, lambda t: t / 10)
print(y.grad_fn._saved_self)
y.sum().backward()
print(x.grad)

y = x.exp()
raw = y.grad_fn._raw_saved_result
raw.register_hooks(lambda t: t.detach().clone(), lambda t: t)
print(y.grad_fn._saved_result)
raw.register_hooks(lambda t: t, lambda t: t)
'''

TUTORIALS["function_docs_exp"] = '''
import torch
from torch.autograd import Function

class Exp(Function):
    @staticmethod
    def forward(ctx, i):
        result = i.exp()
        ctx.save_for_backward(result)
        return result

    @staticmethod
    def backward(ctx, grad_output):
        result, = ctx.saved_tensors
        return grad_output * result

input = torch.tensor([0., 1., 2.], requires_grad=True)
output = Exp.apply(input)
print(output)
print(output.grad_fn)
output.sum().backward()
print(input.grad)
'''

TUTORIALS["extending_linear_function"] = '''
import torch
from torch.autograd import Function


class LinearFunction(Function):

    # Note that forward, setup_context, and backward are @staticmethods
    @staticmethod
    def forward(input, weight, bias):
        output = input.mm(weight.t())
        if bias is not None:
            output += bias.unsqueeze(0).expand_as(output)
        return output

    @staticmethod
    # inputs is a Tuple of all of the inputs passed to forward.
    # output is the output of the forward().
    def setup_context(ctx, inputs, output):
        input, weight, bias = inputs
        ctx.save_for_backward(input, weight, bias)

    # This function has only a single output, so it gets only one gradient
    @staticmethod
    def backward(ctx, grad_output):
        input, weight, bias = ctx.saved_tensors
        grad_input = grad_weight = grad_bias = None

        if ctx.needs_input_grad[0]:
            grad_input = grad_output.mm(weight)
        if ctx.needs_input_grad[1]:
            grad_weight = grad_output.t().mm(input)
        if bias is not None and ctx.needs_input_grad[2]:
            grad_bias = grad_output.sum(0)

        return grad_input, grad_weight, grad_bias

linear = LinearFunction.apply

x = torch.arange(6., dtype=torch.double).reshape(2, 3).requires_grad_()
w = torch.tensor([[0.1, 0.2, 0.3], [-0.1, 0.5, 1.]], dtype=torch.double, requires_grad=True)
bias = torch.tensor([1., -1.], dtype=torch.double, requires_grad=True)
out = linear(x, w, bias)
print(out)
out.sum().backward()
print(x.grad, w.grad, bias.grad)

from torch.autograd import gradcheck

# gradcheck takes a tuple of tensors as input, check if your gradient
# evaluated with these tensors are close enough to numerical
# approximations and returns True if they all verify this condition.
input = (torch.randn(20, 20, dtype=torch.double, requires_grad=True), torch.randn(30, 20, dtype=torch.double, requires_grad=True))
test = gradcheck(linear, input, eps=1e-6, atol=1e-4)
print(test)
'''

TUTORIALS["extending_mul_constant"] = '''
import torch
from torch.autograd import Function

class MulConstant(Function):
    @staticmethod
    def forward(tensor, constant):
        return tensor * constant

    @staticmethod
    def setup_context(ctx, inputs, output):
        # ctx is a context object that can be used to stash information
        # for backward computation
        tensor, constant = inputs
        ctx.constant = constant

    @staticmethod
    def backward(ctx, grad_output):
        # We return as many input gradients as there were arguments.
        # Gradients of non-Tensor arguments to forward must be None.
        return grad_output * ctx.constant, None

x = torch.tensor([1., 2.], requires_grad=True)
y = MulConstant.apply(x, 5)
print(y)
y.sum().backward()
print(x.grad)
'''

TUTORIALS["extending_old_style_ctx"] = '''
import torch
from torch.autograd import Function

class MyCube(Function):
    @staticmethod
    def forward(ctx, x):
        result = x ** 3
        dx = 3 * x ** 2
        ctx.save_for_backward(x, dx)
        return result, dx

    @staticmethod
    def backward(ctx, grad_output, grad_dx):
        x, dx = ctx.saved_tensors
        result = grad_output * dx + grad_dx * 6 * x
        return result

def my_cube(x):
    result, dx = MyCube.apply(x)
    return result

x = torch.tensor([1., 2.], dtype=torch.double, requires_grad=True)
y = my_cube(x)
print(y)
(g,) = torch.autograd.grad(y.sum(), x, create_graph=True)
print(g)
(gg,) = torch.autograd.grad(g.sum(), x)
print(gg)
print(torch.autograd.gradcheck(my_cube, (x,)))
print(torch.autograd.gradgradcheck(my_cube, (x,)))

class Sort(Function):
    @staticmethod
    def forward(ctx, x):
        sorted_x = x.clone()
        idx = torch.tensor([1, 0, 2])
        ctx.mark_non_differentiable(idx)
        ctx.save_for_backward(x, idx)
        return x * 1, idx

    @staticmethod
    def backward(ctx, g1, g2):
        x, idx = ctx.saved_tensors
        return g1

x = torch.tensor([3., 1., 2.], requires_grad=True)
a, idx = Sort.apply(x)
print(a.requires_grad, idx.requires_grad)
a.sum().backward()
print(x.grad)
'''

TUTORIALS["extending_custom_module"] = '''
import torch
import torch.nn as nn

class Linear(nn.Module):
    def __init__(self, input_features, output_features, bias=True):
        super().__init__()
        self.input_features = input_features
        self.output_features = output_features

        # nn.Parameter is a special kind of Tensor, that will get
        # automatically registered as Module's parameter once it's assigned
        # as an attribute.
        self.weight = nn.Parameter(torch.empty(output_features, input_features))
        if bias:
            self.bias = nn.Parameter(torch.empty(output_features))
        else:
            # You should always register all possible parameters, but the
            # optional ones can be None if you want.
            self.register_parameter('bias', None)

        # Not a very smart way to initialize weights
        nn.init.uniform_(self.weight, -0.1, 0.1)
        if self.bias is not None:
            nn.init.uniform_(self.bias, -0.1, 0.1)

    def forward(self, input):
        return torch.nn.functional.linear(input, self.weight, self.bias)

    def extra_repr(self):
        # (Optional)Set the extra information about this module.
        return 'input_features={}, output_features={}, bias={}'.format(
            self.input_features, self.output_features, self.bias is not None
        )

m = Linear(3, 2)
print(m)
print(Linear(4, 1, bias=False))
print([name for name, _ in m.named_parameters()], Linear(4, 1, bias=False).bias)
with torch.no_grad():
    m.weight.copy_(torch.tensor([[1., 2., 3.], [-1., 0., 1.]]))
    m.bias.zero_()
out = m(torch.ones(2, 3))
print(out)
out.sum().backward()
print(m.weight.grad, m.bias.grad)
'''

TUTORIALS["functional_jacobian_docs"] = '''
import torch
from torch.autograd.functional import jacobian

def exp_reducer(x):
    return x.exp().sum(dim=1)

inputs = torch.tensor([[0.1, 0.5], [1.0, -0.3]])
print(jacobian(exp_reducer, inputs))
print(jacobian(exp_reducer, inputs, create_graph=True))

def exp_adder(x, y):
    return 2 * x.exp() + 3 * y

inputs = (torch.tensor([0.2, 0.7]), torch.tensor([1.0, 2.0]))
print(jacobian(exp_adder, inputs))

print(jacobian(lambda x: x ** 2, torch.tensor([1., 2., 3.])))
print(jacobian(lambda x: x.sum(), torch.tensor([1., 2., 3.])))
print(jacobian(lambda x: torch.ones(2), torch.tensor([1., 2., 3.])))
'''

TUTORIALS["functional_hessian_docs"] = '''
import torch
from torch.autograd.functional import hessian

def pow_reducer(x):
    return x.pow(3).sum()

inputs = torch.tensor([[0.1, 0.5], [1.0, -0.3]])
print(hessian(pow_reducer, inputs))
print(hessian(pow_reducer, inputs, create_graph=True))

def pow_adder_reducer(x, y):
    return (2 * x.pow(2) + 3 * y.pow(2)).sum()

inputs = (torch.tensor([0.2, 0.7]), torch.tensor([1.0, 2.0]))
print(hessian(pow_adder_reducer, inputs))
print(hessian(lambda x: (3 * x).sum(), torch.tensor([1., 2.])))
print(hessian(lambda x, y: (x * y).sum(), (torch.tensor([1., 2.]), torch.tensor([3., 4.]))))
'''

TUTORIALS["functional_vjp_docs"] = '''
import torch
from torch.autograd.functional import vjp

def exp_reducer(x):
    return x.exp().sum(dim=1)

inputs = torch.tensor([[0.1, 0.5], [1.0, -0.3]])
v = torch.ones(2)
print(vjp(exp_reducer, inputs, v))
print(vjp(exp_reducer, inputs, v, create_graph=True))

def adder(x, y):
    return 2 * x + 3 * y

inputs = (torch.tensor([0.2, 0.7]), torch.tensor([1.0, 2.0]))
v = torch.ones(2)
print(vjp(adder, inputs, v))

from torch.autograd.functional import hvp, jvp, vhp

inputs = torch.tensor([[0.1, 0.5], [1.0, -0.3]])
print(jvp(exp_reducer, inputs, torch.ones(2, 2)))
inputs = (torch.tensor([0.2, 0.7]), torch.tensor([1.0, 2.0]))
print(jvp(adder, inputs, (torch.ones(2), torch.ones(2))))

def pow_reducer(x):
    return x.pow(3).sum()

inputs = torch.tensor([[0.1, 0.5], [1.0, -0.3]])
print(vhp(pow_reducer, inputs, torch.ones(2, 2)))
print(hvp(pow_reducer, inputs, torch.ones(2, 2)))

def pow_adder_reducer(x, y):
    return (2 * x.pow(2) + 3 * y.pow(2)).sum()

inputs = (torch.tensor([0.2, 0.7]), torch.tensor([1.0, 2.0]))
print(vhp(pow_adder_reducer, inputs, (torch.zeros(2), torch.ones(2))))
print(hvp(lambda x, y: (x * y * y).sum(), inputs, (torch.zeros(2), torch.ones(2))))
'''

TUTORIALS["gradcheck_docs"] = '''
import torch
from torch.autograd import gradcheck, gradgradcheck

inp = (torch.randn(3, dtype=torch.double, requires_grad=True),)
print(gradcheck(torch.sigmoid, inp))
print(gradcheck(torch.tanh, inp, eps=1e-6, atol=1e-4))
print(gradgradcheck(torch.sigmoid, inp))
print(gradcheck(lambda a, b: (a * b).sum(), (torch.randn(2, 2, dtype=torch.double, requires_grad=True), torch.randn(2, 2, dtype=torch.double, requires_grad=True))))
'''

TUTORIALS["extending_linear_function_default_bias"] = TUTORIALS["extending_linear_function"].replace(
    "def forward(input, weight, bias):", "def forward(input, weight, bias=None):"
)

TUTORIALS["extending_hooks_and_checks"] = '''
import torch
from torch.autograd import Function

class Both(Function):
    @staticmethod
    def forward(x, scale=2.0):
        return x * scale, x + scale

    @staticmethod
    def setup_context(ctx, inputs, output):
        x, scale = inputs
        ctx.scale = scale
        ctx.mark_non_differentiable(output[1])
        print("inputs", inputs, "needs", ctx.needs_input_grad)

    @staticmethod
    def backward(ctx, g1, g2):
        return g1 * ctx.scale, None

x = torch.tensor([1., 2.], requires_grad=True)
a, b = Both.apply(x)
print(a, b, a.grad_fn, b.requires_grad)
a.sum().backward()
print(x.grad)
a, b = Both.apply(x, 3.0)
print(a)
with torch.no_grad():
    a, b = Both.apply(x)
print(a.requires_grad)
Both.apply(x, 1.0, 2.0)
'''

# ---- Basics: "Build the Neural Network" --------------------------------------------------------
TUTORIALS["build_the_network"] = '''
import torch
from torch import nn

device = torch.accelerator.current_accelerator().type if torch.accelerator.is_available() else "cpu"
print(f"Using {device} device")

class NeuralNetwork(nn.Module):
    def __init__(self):
        super().__init__()
        self.flatten = nn.Flatten()
        self.linear_relu_stack = nn.Sequential(
            nn.Linear(28*28, 512),
            nn.ReLU(),
            nn.Linear(512, 512),
            nn.ReLU(),
            nn.Linear(512, 10),
        )

    def forward(self, x):
        x = self.flatten(x)
        logits = self.linear_relu_stack(x)
        return logits

model = NeuralNetwork().to(device)
print(model)
with torch.no_grad():
    for p in model.parameters():
        p.copy_(torch.linspace(-0.05, 0.05, p.numel()).reshape(p.shape))

X = torch.linspace(0, 1, 28 * 28).reshape(1, 28, 28)
logits = model(X)
pred_probab = nn.Softmax(dim=1)(logits)
y_pred = pred_probab.argmax(1)
print(f"Predicted class: {y_pred}")

input_image = torch.rand(3,28,28)
print(input_image.size())

flatten = nn.Flatten()
flat_image = flatten(input_image)
print(flat_image.size())

layer1 = nn.Linear(in_features=28*28, out_features=20)
hidden1 = layer1(flat_image)
print(hidden1.size())

hidden1 = nn.ReLU()(hidden1)
print(hidden1.shape, hidden1.grad_fn, (hidden1 >= 0).all())

seq_modules = nn.Sequential(
    flatten,
    layer1,
    nn.ReLU(),
    nn.Linear(20, 10)
)
input_image = torch.rand(3,28,28)
logits = seq_modules(input_image)
print(seq_modules)

softmax = nn.Softmax(dim=1)
pred_probab = softmax(logits)
print(pred_probab.shape, torch.allclose(pred_probab.sum(1), torch.ones(3)))

print(f"Model structure: {model}\\n\\n")

for name, param in model.named_parameters():
    print(f"Layer: {name} | Size: {param.size()} | Values : {param[:2]} \\n")
'''

TUTORIALS["build_the_network_relu_print"] = '''
import torch
from torch import nn

hidden1 = torch.linspace(-1, 1, 40).reshape(2, 20)
print(f"Before ReLU: {hidden1}\\n\\n")
hidden1 = nn.ReLU()(hidden1)
print(f"After ReLU: {hidden1}")
logits = torch.tensor([[1., 2., 3.], [0., 0., 0.]])
print(nn.Softmax(dim=1)(logits), nn.Softmax(dim=1)(logits).argmax(1))
print(nn.Flatten()(torch.ones(2, 3, 4)).shape, nn.Flatten(0, 1)(torch.ones(2, 3, 4)).shape)
print(nn.Softmax(dim=1), nn.Flatten(), nn.Flatten(0, 1), nn.ReLU(), nn.Linear(in_features=784, out_features=20))
'''

# ---- Basics: "Optimizing Model Parameters" ---------------------------------------------------
TUTORIALS["optimizing_parameters"] = '''
import torch
from torch import nn

class NeuralNetwork(nn.Module):
    def __init__(self):
        super().__init__()
        self.flatten = nn.Flatten()
        self.linear_relu_stack = nn.Sequential(
            nn.Linear(4*4, 32),
            nn.ReLU(),
            nn.Linear(32, 32),
            nn.ReLU(),
            nn.Linear(32, 10),
        )

    def forward(self, x):
        x = self.flatten(x)
        logits = self.linear_relu_stack(x)
        return logits

model = NeuralNetwork()
with torch.no_grad():
    for i, p in enumerate(model.parameters()):
        p.copy_(((torch.arange(p.numel()) * (i + 3)) % 17 - 8).float().reshape(p.shape) / 32)

learning_rate = 1e-1
batch_size = 8
epochs = 3

loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=learning_rate)

images = ((torch.arange(48 * 16) * 7) % 11 - 5).float().reshape(48, 4, 4) / 8
targets = torch.arange(48) % 10
train_dataloader = [(images[i:i + batch_size], targets[i:i + batch_size]) for i in range(0, 32, batch_size)]
test_dataloader = [(images[i:i + batch_size], targets[i:i + batch_size]) for i in range(32, 48, batch_size)]

def train_loop(dataloader, model, loss_fn, optimizer):
    size = 32
    # Set the model to training mode - important for batch normalization and dropout layers
    model.train()
    for batch, (X, y) in enumerate(dataloader):
        # Compute prediction and loss
        pred = model(X)
        loss = loss_fn(pred, y)

        # Backpropagation
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()

        if batch % 2 == 0:
            loss, current = loss.item(), batch * batch_size + len(X)
            print(f"loss: {loss:>7.4f}  [{current:>5d}/{size:>5d}]")  # float32 rounding: 4 digits


def test_loop(dataloader, model, loss_fn):
    # Set the model to evaluation mode - important for batch normalization and dropout layers
    model.eval()
    size = 16
    num_batches = len(dataloader)
    test_loss, correct = 0, 0

    # Evaluating the model with torch.no_grad() ensures that no gradients are computed during test mode
    with torch.no_grad():
        for X, y in dataloader:
            pred = model(X)
            test_loss += loss_fn(pred, y).item()
            correct += (pred.argmax(1) == y).type(torch.float).sum().item()

    test_loss /= num_batches
    correct /= size
    print(f"Test Error: \\n Accuracy: {(100*correct):>0.1f}%, Avg loss: {test_loss:>8.4f} \\n")

for t in range(epochs):
    print(f"Epoch {t+1}\\n-------------------------------")
    train_loop(train_dataloader, model, loss_fn, optimizer)
    test_loop(test_dataloader, model, loss_fn)
print("Done!")
print(loss_fn, model.training)
'''


@pytest.mark.parametrize("name", list(TUTORIALS))
def test_tutorial_prints_as_in_pytorch(name: str) -> None:
    code = TUTORIALS[name]
    assert printed_as("autograd_kit", code) == printed_as("torch", code)


def test_imports_are_rewritten_for_the_kit() -> None:
    code = "import torch\nimport torch.nn as nn\nfrom torch import optim\nfrom torch.autograd import Function\n"
    assert kit_imports(code) == (
        "import autograd_kit as torch\nimport autograd_kit.nn as nn\n"
        "from autograd_kit import optim\nfrom autograd_kit.autograd import Function\n"
    )
