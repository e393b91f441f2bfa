"""Seeded random numbers and creation functions against PyTorch, bit for bit (hunt 13)."""

from __future__ import annotations

import numpy
import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")


def _same(ours, theirs) -> None:
    """Same dtype name, shape and bits."""
    assert str(ours.dtype).split(".")[-1] == str(theirs.dtype).split(".")[-1]
    assert tuple(ours.shape) == tuple(theirs.shape)
    mine, reference = ours.detach().numpy(), theirs.detach().numpy()
    assert mine.tobytes() == reference.tobytes(), (mine, reference)


def _both(code: str, seed: int = 1) -> None:
    """Run ``code`` (it sets ``r`` to a list of tensors) with each library after the seed."""
    results = []
    for library in (ak, torch):
        namespace = {"torch": library, "nn": library.nn}
        library.manual_seed(seed)
        exec(code, namespace)
        results.append(namespace["r"])
    for ours, theirs in zip(*results, strict=True):
        _same(ours, theirs)


SIZES = [1, 7, 15, 16, 17, 33, 100, 1000]


@pytest.mark.parametrize("n", SIZES)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_log_normal_is_drawn_one_normal_at_a_time(n: int, dtype: str) -> None:
    _both(f"r = [torch.empty({n}, dtype=torch.{dtype}).log_normal_(0.5, 0.7), torch.rand(3)]")


@pytest.mark.parametrize("n", SIZES)
@pytest.mark.parametrize("mean_std", [(0.0, 1.0), (2.0, 3.0), (-1.5, 0.1)])
def test_float64_normal_uses_libm_and_a_fused_multiply_add(n: int, mean_std) -> None:
    mean, std = mean_std
    _both(f"r = [torch.empty({n}, dtype=torch.float64).normal_({mean}, {std}), "
          f"torch.randn({n}, dtype=torch.float64), "
          f"torch.normal(torch.zeros({n}, dtype=torch.float64), {std}), torch.rand(2)]")


@pytest.mark.parametrize("n", [100, 1000])
def test_float64_cauchy_and_geometric(n: int) -> None:
    _both(f"r = [torch.empty({n}, dtype=torch.float64).cauchy_(-1.0, 0.3), "
          f"torch.empty({n}, dtype=torch.float64).geometric_(0.3), "
          f"torch.empty({n}).cauchy_(0.5, 2.0)]")


def test_log_normal_with_a_generator() -> None:
    ours = ak.empty(40, dtype=ak.float64).log_normal_(generator=ak.Generator().manual_seed(3))
    theirs = torch.empty(40, dtype=torch.float64).log_normal_(
        generator=torch.Generator().manual_seed(3))
    _same(ours, theirs)
    assert numpy.isfinite(ours.numpy()).all()


@pytest.mark.parametrize("span", [2**24, 2**28 - 1, 2**28, 2**30, 2**31, 2**32 + 1])
def test_randint_joins_two_outputs_from_a_range_of_2_to_the_28(span: int) -> None:
    _both(f"r = [torch.randint(0, {span}, (5,)), torch.randint(-3, {span} - 3, (2, 2)), "
          f"torch.empty(4, dtype=torch.int64).random_(1, {span} + 1), "
          f"torch.empty(3, dtype=torch.float64).random_({span}), torch.rand(2)]")


@pytest.mark.parametrize("shape", [(7, 3), (100, 10), (5, 3, 3, 3)])
def test_xavier_uniform_bound_is_rounded_as_pytorch(shape) -> None:
    _both(f"w = torch.empty{shape}.double(); "
          "r = [nn.init.xavier_uniform_(w, gain=nn.init.calculate_gain('relu')), "
          "nn.init.xavier_uniform_(w, 0.7), nn.init.xavier_uniform_(w)]")


@pytest.mark.parametrize("call", ["uniform_(w)", "normal_(w)", "trunc_normal_(w)",
                                  "kaiming_uniform_(w.view(2, 2))", "xavier_normal_(w.view(2, 2))"])
@pytest.mark.parametrize("dtype", ["int64", "bool"])
def test_init_of_an_integer_tensor_is_pytorch_error(call: str, dtype: str) -> None:
    messages = []
    for library in (torch, ak):
        w = library.zeros(4, dtype=getattr(library, dtype))
        with pytest.raises(NotImplementedError) as caught:
            eval(f"library.nn.init.{call}", {"library": library, "w": w})
        messages.append(str(caught.value))
    assert messages[0] == messages[1]


@pytest.mark.parametrize("p", [0.1, 0.5, 0.9])
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_alpha_dropout_rounds_as_pytorch(p: float, dtype: str) -> None:
    results = []
    for library in (ak, torch):
        library.manual_seed(0)
        x = library.randn(200, dtype=getattr(library, dtype), requires_grad=True)
        y = library.nn.functional.alpha_dropout(x, p, True)
        y.backward(library.ones_like(y))
        z = library.nn.functional.feature_alpha_dropout(library.randn(4, 5, 3), p, True)
        inplace = library.nn.functional.alpha_dropout(library.randn(30), p, True, inplace=True)
        results.append((y, x.grad, z, inplace, type(y.grad_fn).__name__))
    for ours, theirs in zip(results[0][:4], results[1][:4], strict=True):
        _same(ours, theirs)
    assert results[0][4] == results[1][4]


LAYOUTS = ["zeros(5, 4).t()", "zeros(3, 4, 5).permute(2, 0, 1)", "zeros(40)[::2]",
           "zeros(6, 8)[:, 1:5]", "zeros(5, 4).t()[:2]"]


@pytest.mark.parametrize("fill", ["uniform_(-1, 2)", "normal_(1.0, 2.0)", "bernoulli_(0.3)",
                                  "exponential_()", "random_(10)", "cauchy_()", "log_normal_()",
                                  "geometric_(0.4)",
                                  "bernoulli_(torch.rand(5, 1).expand(5, 4).t())"])
@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_fills_of_a_strided_tensor_go_in_memory_order(fill: str, layout: str, dtype: str) -> None:
    if fill.startswith("bernoulli_(torch") and not layout.endswith(".t()"):
        return
    _both(f"x = torch.{layout}.to(torch.{dtype}); x.{fill}; r = [x.contiguous(), torch.rand(2)]")


@pytest.mark.parametrize("layout", ["ones(5, 4).t()", "ones(2, 3, 4).permute(2, 0, 1)",
                                    "ones(40)[::2]", "ones(4, 5)[:, :3]"])
def test_random_like_of_a_strided_tensor(layout: str) -> None:
    _both(f"x = torch.{layout}; y = torch.randn_like(x); z = torch.rand_like(x); "
          "b = torch.bernoulli(torch.rand_like(x)); "
          "r = [y.contiguous(), z.contiguous(), b.contiguous(), torch.tensor(y.stride()), "
          "torch.rand(2)]")


def test_init_of_a_transposed_weight() -> None:
    _both("w = torch.zeros(5, 4).t(); nn.init.normal_(w); a = w.clone(); "
          "nn.init.kaiming_uniform_(w); r = [a, w, torch.rand(2)]")


def test_randint_like_high_by_name() -> None:
    _both("x = torch.zeros(3, dtype=torch.int32); r = [torch.randint_like(x, high=7), "
          "torch.randint_like(x, 2, high=9), torch.randint_like(x, 5)]")
