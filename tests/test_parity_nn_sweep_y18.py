"""``nn`` modules, ``nn.functional`` and the Module API compared with PyTorch live (a sweep
of module classes: construction, reprs, state dicts, forward and backward, errors). Each
scenario runs in both libraries; what it shows (values, names, reprs, errors) must agree."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")

Log = Callable[[Any], None]


def _shown(value: Any) -> Any:
    if isinstance(value, (torch.Tensor, ak.Tensor)):
        grad_fn = type(value.grad_fn).__name__ if value.grad_fn is not None else None
        return ("tensor", str(value.dtype).split(".")[-1], tuple(value.shape),
                np.round(value.detach().numpy().astype(float), 5).tolist(),
                value.requires_grad, grad_fn)
    if isinstance(value, (list, tuple)):
        return tuple(_shown(v) for v in value)
    if isinstance(value, (torch.nn.Module, ak.nn.Module)):
        return repr(value).replace("autograd_kit", "torch")
    if isinstance(value, (torch.dtype, ak.dtype)):
        return str(value).split(".")[-1]
    if isinstance(value, str):
        return value.replace("autograd_kit", "torch")
    if isinstance(value, type):
        return ("class", value.__name__)
    return value


def _run(scenario: Callable[[Any, Log], None], lib: Any) -> list[Any]:
    log: list[Any] = []

    def attempt(action: Callable[[], Any]) -> None:
        try:
            log.append(_shown(action()))
        except Exception as error:  # (the error is part of what is compared)
            log.append((type(error).__name__, str(error).replace("autograd_kit", "torch")))

    lib.manual_seed(0)
    scenario(lib, attempt)
    return log


def _same(scenario: Callable[[Any, Log], None]) -> None:
    assert _run(scenario, ak) == _run(scenario, torch)


def test_the_comparison_can_fail() -> None:
    def scenario(T: Any, attempt: Log) -> None:
        attempt(lambda: T.__name__ == "torch")
    with pytest.raises(AssertionError):
        _same(scenario)


# ---- prelu checks a zero-dim input, then the channel count, then the weight's rank --------
@pytest.mark.parametrize("shapes", [((), (3,)), ((2, 3), (1, 1)), ((2, 3), (1, 3)),
                                    ((2, 3), (3, 1)), ((), (1, 1)), ((3,), ()), ((), (1,)),
                                    ((3,), (3,)), ((2, 3, 4), (3,))])
def test_prelu_checks_its_arguments_in_pytorchs_order(shapes: tuple) -> None:
    def scenario(T: Any, attempt: Log) -> None:
        x = T.linspace(-2, 2, int(np.prod(shapes[0]))).reshape(shapes[0])
        w = T.full(shapes[1], 0.25)
        attempt(lambda: T.nn.functional.prelu(x, w))
        attempt(lambda: T.nn.PReLU(3)(x))
    _same(scenario)


# ---- unbatched 3-D pools (and 2-D fractional ones) are one node of the pool's own -------
UNBATCHED_POOLS = [
    "max_pool3d(x, 2)", "max_pool3d(x, 2, return_indices=True)", "avg_pool3d(x, 2)",
    "avg_pool3d(x, 3, stride=2, padding=1, ceil_mode=True, count_include_pad=False)",
    "adaptive_avg_pool3d(x, 2)", "adaptive_avg_pool3d(x, (3, None, 2))",
    "adaptive_max_pool3d(x, 2)", "adaptive_max_pool3d(x, (2, 3, 1), return_indices=True)",
    "fractional_max_pool2d(x[0], 2, output_size=2)",
    "fractional_max_pool2d(x[0], 2, output_size=3, return_indices=True)",
    "fractional_max_pool3d(x, 2, output_size=2, return_indices=True)",
]


@pytest.mark.parametrize("call", UNBATCHED_POOLS)
def test_unbatched_volume_pools_record_the_pools_node_and_differentiate(call: str) -> None:
    def scenario(T: Any, attempt: Log) -> None:
        x = T.arange(128.).reshape(2, 4, 4, 4).sin().requires_grad_()
        out = eval(f"T.nn.functional.{call}", {"T": T, "x": x})
        y = out[0] if isinstance(out, tuple) else out
        attempt(lambda: out)
        attempt(lambda: T.autograd.grad((y * y).sum(), x))
    _same(scenario)


def test_unbatched_max_pool3d_module_backward_as_pytorch() -> None:
    def scenario(T: Any, attempt: Log) -> None:
        x = T.arange(192.).reshape(3, 4, 4, 4).cos().double().requires_grad_()
        y = T.nn.MaxPool3d(2, stride=1, return_indices=True)(x)
        attempt(lambda: y)
        g = T.autograd.grad(y[0].pow(2).sum(), x, create_graph=True)[0]
        attempt(lambda: g.grad_fn.name())
        attempt(lambda: T.autograd.grad(g.sum(), x))
    _same(scenario)


# ---- the deprecated NLLLoss2d and Container exist, and warn as PyTorch's do --------------
def _warned(T: Any, action: Callable[[], Any]) -> list[Any]:
    import warnings
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        shown = _shown(action())
    return [shown, *((w.category.__name__, str(w.message)) for w in caught)]


def test_nll_loss_2d_is_nll_loss_under_its_old_name() -> None:
    def scenario(T: Any, attempt: Log) -> None:
        attempt(lambda: _warned(T, lambda: T.nn.NLLLoss2d(ignore_index=2, reduction="sum")))
        loss = T.nn.NLLLoss2d(weight=T.tensor([1., 2., 3.]))
        attempt(lambda: (type(loss).__module__, type(loss).__name__,
                         [k.__name__ for k in type(loss).__mro__][:4], loss.ignore_index))
        x = T.arange(24.).reshape(2, 3, 2, 2).div(7).sin().requires_grad_()
        target = T.tensor([[[0, 1], [2, 2]], [[1, 1], [0, 2]]])
        out = loss(x.log_softmax(1), target)
        attempt(lambda: (out, T.autograd.grad(out, x)))
        attempt(lambda: [n for n, _ in loss.named_buffers()])
    _same(scenario)


def test_container_takes_its_children_by_keyword() -> None:
    def scenario(T: Any, attempt: Log) -> None:
        attempt(lambda: _warned(T, lambda: T.nn.Container(fc=T.nn.Linear(2, 1),
                                                          act=T.nn.ReLU())))
        attempt(lambda: _warned(T, lambda: type("Sub", (T.nn.Container,), {})))
        c = T.nn.Container(fc=T.nn.Linear(2, 1))
        attempt(lambda: (type(c).__module__, [n for n, _ in c.named_parameters()]))
        attempt(lambda: T.nn.Container(1))
    _same(scenario)


# ---- embedding_bag checks its arguments as ATen does (dtypes, offsets, ids) -------------
EMBEDDING_BAG_CALLS = [
    "F.embedding_bag(i, w.double(), o, per_sample_weights=T.ones(6), mode='sum')",
    "F.embedding_bag(i, w, o, per_sample_weights=T.ones(6).long(), mode='sum')",
    "T.nn.EmbeddingBag(5, 3, mode='sum')(i, o, per_sample_weights=T.ones(6).double())",
    "F.embedding_bag(i, w.long(), o)", "F.embedding_bag(i, w.int(), o)",
    "F.embedding_bag(i.float(), w, o)", "F.embedding_bag(i, w, o.float())",
    "F.embedding_bag(i.int(), w, o)", "F.embedding_bag(i.to(T.int8), w, o.to(T.int8))",
    "F.embedding_bag(T.tensor([[1., 2.]]), w)",
    "F.embedding_bag(i, w, T.tensor([0, 7]))",
    "F.embedding_bag(i, w, T.tensor([0, 7]), include_last_offset=True)",
    "F.embedding_bag(i, w, T.tensor([1, 2]))",
    "F.embedding_bag(i.int(), w, T.tensor([1, 2], dtype=T.int32))",
    "F.embedding_bag(i, w, T.tensor([], dtype=T.long))",
    "F.embedding_bag(i, w, T.tensor([], dtype=T.long), include_last_offset=True)",
    "F.embedding_bag(i, w, o, padding_idx=5)", "F.embedding_bag(i.float(), w, o, padding_idx=-6)",
    "F.embedding_bag(T.tensor([9, 2, 3, 1]), w, T.tensor([0, 2]))",
    "F.embedding_bag(T.tensor([1, -2, 3, 1]), w, T.tensor([0, 2]), mode='max')",
    "F.embedding_bag(T.tensor([1, 7, 3, 1]), w, T.tensor([0, 2]), padding_idx=1)",
    "F.embedding_bag(T.tensor([1, 2, 3, 4]), w, T.tensor([0, 2, 1]), mode='sum')",
    "F.embedding_bag(T.tensor([1, 2, 3, 4]), w, T.tensor([0, 3, 3]))",
    "F.embedding_bag(T.tensor([1., 2.]), w.long(), T.tensor([0]))",
    "T.embedding_bag(w, i, T.tensor([0, 9]))",
]


@pytest.mark.parametrize("call", EMBEDDING_BAG_CALLS)
def test_embedding_bag_argument_errors_as_pytorch(call: str) -> None:
    def scenario(T: Any, attempt: Log) -> None:
        w = T.arange(15.).reshape(5, 3)
        i, o = T.tensor([1, 2, 4, 4, 3, 0]), T.tensor([0, 2])
        attempt(lambda: _warned(T, lambda: eval(call, {"T": T, "F": T.nn.functional,
                                                       "w": w, "i": i, "o": o})))
    _same(scenario)


# ---- pools on integer (and bool) inputs: what PyTorch computes, and where it has no kernel
INTEGER_POOLS = [
    "max_pool1d(x[0], 2)", "max_pool1d(x[0], 2, padding=1, return_indices=True)",
    "max_pool2d(x, 2)", "max_pool2d(x, 3, stride=2, padding=1, ceil_mode=True)",
    "max_pool2d(x, 2, return_indices=True)", "max_pool3d(x[None], 2, padding=1)",
    "max_pool3d(x[None], (1, 2, 2), return_indices=True)",
    "avg_pool1d(x[0], 2)", "avg_pool2d(x, 2, padding=1)",
    "avg_pool2d(x, 3, stride=2, padding=1, divisor_override=4)",
    "avg_pool3d(x[None], 2)",
    "avg_pool3d(x[None], (1, 2, 2), padding=(0, 1, 0), count_include_pad=False)",
]


@pytest.mark.parametrize("dtype", ["int64", "int32", "uint8", "bool", "float16"])
@pytest.mark.parametrize("call", INTEGER_POOLS)
def test_pools_on_integer_inputs_as_pytorch(call: str, dtype: str) -> None:
    def scenario(T: Any, attempt: Log) -> None:
        x = (T.arange(96).reshape(2, 3, 4, 4) % 7 - 3).to(getattr(T, dtype))
        attempt(lambda: eval(f"T.nn.functional.{call}", {"T": T, "x": x}))
    _same(scenario)


@pytest.mark.parametrize("call", [
    "max_pool1d(x, 3, stride=2, padding=1, return_indices=True)",
    "max_pool2d(x[None], (1, 3), stride=2, padding=(0, 1), return_indices=True)",
    "max_pool3d(x[None, None], (1, 1, 3), stride=2, padding=(0, 0, 1), return_indices=True)",
    "max_pool2d(x[None].long(), (1, 3), stride=1, padding=(0, 1), return_indices=True)",
])
def test_max_pool_window_of_lowest_values_picks_a_real_place_not_the_padding(call: str) -> None:
    def scenario(T: Any, attempt: Log) -> None:
        low = float("-inf") if "long" not in call else -2.0 ** 63
        x = T.tensor([[[low, low, 1., low, low]]], dtype=T.float64).requires_grad_()
        out = eval(f"T.nn.functional.{call}", {"T": T, "x": x})
        attempt(lambda: out)
        if out[0].requires_grad:
            attempt(lambda: T.autograd.grad(out[0].sum(), x))
    _same(scenario)


# ---- rms_norm keeps the input's dtype (a half input computed in float32), as PyTorch ----
@pytest.mark.parametrize("kinds", [("float", "float"), ("float", "double"), ("half", "float"),
                                   ("double", "float"), ("half", None), ("half", "half"),
                                   ("long", None)])
def test_rms_norm_result_dtype_and_graph_follow_the_input(kinds: tuple) -> None:
    def scenario(T: Any, attempt: Log) -> None:
        import warnings
        x = (T.arange(6.).reshape(2, 3) * 1e-3).requires_grad_()
        w = T.full((3,), 0.5, requires_grad=True)
        xx = getattr(x, kinds[0])() if kinds[0] != "long" else x.detach().long()
        ww = None if kinds[1] is None else getattr(w, kinds[1])()
        if kinds[0] == "long":
            attempt(lambda: T.nn.functional.rms_norm(xx, (3,), ww))
            return
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            out = T.nn.functional.rms_norm(xx, (3,), ww)
            module = T.nn.RMSNorm(3)
            module.weight.data = ww.detach() if ww is not None else module.weight.data
            by_module = module(xx)
        attempt(lambda: (out, by_module))
        chain, node = [], out.grad_fn
        while node is not None:
            chain.append(type(node).__name__)
            node = node.next_functions[0][0] if node.next_functions else None
        attempt(lambda: chain)
        attempt(lambda: T.autograd.grad(out.float().pow(2).sum(), x))
    _same(scenario)


# ---- conv3d's argument errors name the 5-D sizes (the kit's 2-D slices showed before) ----
CONV3D_CALLS = [
    "conv3d(T.ones(1, 4, 3, 3, 3), T.ones(2, 3, 2, 2, 2))",
    "conv3d(T.ones(4, 3, 3, 3), T.ones(2, 3, 2, 2, 2))",
    "conv3d(T.ones(1, 4, 3, 3, 3), T.ones(3, 2, 2, 2, 2), groups=2)",
    "conv3d(T.ones(1, 4, 3, 3, 3), T.ones(1, 2, 2, 2, 2), groups=2)",
    "conv3d(T.ones(1, 3, 3, 3, 3), T.ones(2, 3, 2, 2, 2), T.ones(3))",
    "conv3d(T.ones(1, 3, 3, 3, 3), T.ones(2, 3, 2, 2, 2), stride=0)",
    "conv3d(T.ones(1, 3, 3, 3, 3), T.ones(2, 3, 2, 2, 2), dilation=(1, 0, 1))",
    "conv3d(T.ones(1, 3, 3, 3, 3), T.ones(2, 3, 2, 2, 2), groups=0)",
    "conv3d(T.ones(1, 3, 3, 3, 3), T.ones(2, 3, 2, 2, 2), padding=-1)",
    "conv3d(T.ones(1, 3, 3, 3, 3), T.ones(2, 3, 2, 2, 2), padding='same', stride=2)",
    "conv2d(T.ones(1, 3, 3, 3), T.ones(2, 3, 2, 2), dilation=0)",
    "conv1d(T.ones(1, 3, 3), T.ones(2, 3, 2), dilation=0)",
    "conv3d(T.ones(1, 3, 3, 3, 3), T.ones(2, 3, 2, 2, 2), T.ones(2), padding=1)",
]


@pytest.mark.parametrize("call", CONV3D_CALLS)
def test_convolution_argument_errors_as_pytorch(call: str) -> None:
    def scenario(T: Any, attempt: Log) -> None:
        attempt(lambda: eval(f"T.nn.functional.{call}", {"T": T}))
        attempt(lambda: T.nn.Conv3d(4, 2, 2)(T.ones(1, 3, 3, 3, 3)))
    _same(scenario)


# ---- normalizations refuse integer inputs with PyTorch's kernel errors, in its order ----
NORM_CALLS = [
    "T.nn.LayerNorm(3)(x)", "T.nn.BatchNorm1d(3)(x)", "T.nn.GroupNorm(1, 3)(x)",
    "T.nn.InstanceNorm1d(3)(x)", "T.nn.functional.layer_norm(x, (3,))",
    "T.nn.functional.group_norm(x, 1)", "T.nn.functional.batch_norm(x, None, None, training=True)",
    "T.nn.functional.instance_norm(x[None])", "T.nn.BatchNorm1d(3)(x.double())",
    "T.nn.functional.layer_norm(x.bool(), (3,))", "T.nn.functional.layer_norm(x, (4,))",
    "T.nn.functional.batch_norm(x, T.zeros(3).long(), T.ones(3).long())",
    "T.nn.functional.group_norm(x, 2)", "T.nn.BatchNorm1d(4)(x)",
    "T.nn.functional.batch_norm(x.int(), T.zeros(3), T.ones(3))",
]


@pytest.mark.parametrize("call", NORM_CALLS)
def test_normalizations_of_integer_inputs_as_pytorch(call: str) -> None:
    def scenario(T: Any, attempt: Log) -> None:
        x = T.tensor([[1, 2, 3], [4, 5, 6]])
        attempt(lambda: _warned(T, lambda: eval(call, {"T": T, "x": x}))[0])
    _same(scenario)
