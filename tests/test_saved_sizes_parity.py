"""Which nodes show ``_saved_self_sym_sizes`` (and its value), against PyTorch, over a
sweep of operations: only the nodes whose Function declares it, as PyTorch's own nodes."""

from __future__ import annotations

from typing import Any

import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")


def ops(lib: Any) -> dict[str, Any]:
    """Each case builds one recorded operation on the same inputs."""
    x = lib.tensor([[1.0, -2.0, 3.0], [0.5, 4.0, -1.5]], requires_grad=True)
    y = lib.tensor([[2.0, 1.0, -1.0], [3.0, -0.5, 2.0]], requires_grad=True)
    m = lib.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], requires_grad=True)
    v = lib.tensor([1.0, 2.0, 3.0], requires_grad=True)
    return {
        "mul": lambda: x * y,
        "add": lambda: x + y,
        "sub": lambda: x - y,
        "div": lambda: x / y,
        "mulnum": lambda: x * 2.0,
        "addnum": lambda: x + 2.0,
        "neg": lambda: -x,
        "exp": lambda: x.exp(),
        "log": lambda: y.abs().log(),
        "sin": lambda: x.sin(),
        "tanh": lambda: x.tanh(),
        "sigmoid": lambda: x.sigmoid(),
        "relu": lambda: x.relu(),
        "abs": lambda: x.abs(),
        "sqrt": lambda: y.abs().sqrt(),
        "pow": lambda: x ** 2,
        "powt": lambda: y.abs() ** x,
        "clamp": lambda: x.clamp(-1, 1),
        "sum": lambda: x.sum(),
        "sumdim": lambda: x.sum(1),
        "mean": lambda: x.mean(),
        "meandim": lambda: x.mean(0),
        "max": lambda: x.max(),
        "maxdim": lambda: x.max(1)[0],
        "amax": lambda: x.amax(1),
        "prod": lambda: x.prod(),
        "std": lambda: x.std(),
        "var": lambda: x.var(1),
        "norm": lambda: x.norm(),
        "logsumexp": lambda: x.logsumexp(1),
        "softmax": lambda: x.softmax(1),
        "logsoftmax": lambda: x.log_softmax(1),
        "cumsum": lambda: x.cumsum(1),
        "mm": lambda: x @ m,
        "mv": lambda: x @ v,
        "dot": lambda: v.dot(v),
        "t": lambda: x.t(),
        "transpose": lambda: x.transpose(0, 1),
        "view": lambda: x.view(3, 2),
        "reshape": lambda: x.reshape(6),
        "expand": lambda: v.expand(2, 3),
        "squeeze": lambda: x.unsqueeze(0).squeeze(0),
        "unsqueeze": lambda: x.unsqueeze(1),
        "permute": lambda: x.permute(1, 0),
        "flatten": lambda: x.flatten(),
        "slice": lambda: x[:, 1:],
        "select": lambda: x[1],
        "index": lambda: x[[0, 1, 1]],
        "mask": lambda: x[x > 0],
        "cat": lambda: lib.cat([x, y]),
        "stack": lambda: lib.stack([x, y]),
        "where": lambda: lib.where(x > 0, x, y),
        "gather": lambda: x.gather(1, lib.tensor([[0, 1], [2, 0]])),
        "repeat": lambda: x.repeat(2, 1),
        "flip": lambda: x.flip(0),
        "roll": lambda: x.roll(1, 1),
        "tril": lambda: x.tril(),
        "diagonal": lambda: m.diagonal(),
        "narrow": lambda: x.narrow(1, 0, 2),
        "split": lambda: x.split(1, 1)[0],
        "chunk": lambda: x.chunk(3, 1)[1],
        "maximum": lambda: lib.maximum(x, y),
        "minimum": lambda: lib.minimum(x, y),
        "atan2": lambda: lib.atan2(x, y),
        "lerp": lambda: lib.lerp(x, y, 0.3),
        "addcmul": lambda: lib.addcmul(x, x, y),
        "addmm": lambda: lib.addmm(x, x, lib.ones(3, 3)),
        "double": lambda: x.double(),
        "clone": lambda: x.clone(),
        "contiguous": lambda: x.t().contiguous(),
        "mse": lambda: lib.nn.functional.mse_loss(x, y),
        "bce": lambda: lib.nn.functional.binary_cross_entropy(x.sigmoid(), y.sigmoid()),
        "linear": lambda: lib.nn.functional.linear(x, m.t()),
        "gelu": lambda: lib.nn.functional.gelu(x),
        "leaky_relu": lambda: lib.nn.functional.leaky_relu(x),
        "elu": lambda: lib.nn.functional.elu(x),
        "softplus": lambda: lib.nn.functional.softplus(x),
        "pad": lambda: lib.nn.functional.pad(x, (1, 1)),
        "masked_fill": lambda: x.masked_fill(x > 0, 0.0),
        "index_select": lambda: x.index_select(1, lib.tensor([0, 2])),
        "sort": lambda: x.sort(1)[0],
        "topk": lambda: x.topk(2)[0],
        "cummax": lambda: x.cummax(1)[0],
        "floor": lambda: x.floor(),
        "sign": lambda: x.sign(),
        "reciprocal": lambda: y.reciprocal(),
        "rsub": lambda: 2.0 - x,
        "rdiv": lambda: 2.0 / y,
        "square": lambda: x.square(),
        "erf": lambda: x.erf(),
    }


def shown(node: Any) -> tuple[str, bool, tuple[int, ...] | None]:
    has = hasattr(node, "_saved_self_sym_sizes")
    return node.name(), has, tuple(node._saved_self_sym_sizes) if has else None


@pytest.mark.parametrize("name", list(ops(ak)))
def test_self_sym_sizes_where_pytorch_shows_it(name: str) -> None:
    assert shown(ops(ak)[name]().grad_fn) == shown(ops(torch)[name]().grad_fn)
