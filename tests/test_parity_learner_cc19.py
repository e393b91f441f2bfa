"""Parity with PyTorch for a learner's mistakes: each snippet runs once with PyTorch and once
with the kit, and what it prints, the error it ends with (type and message) and its warnings
(category and message) must be the same."""

from __future__ import annotations

import pytest
from test_parity_hunt_learner16 import _run

import autograd_kit as ak

torch = pytest.importorskip("torch")


def _same(code: str) -> None:
    expected, got = _run(torch, code), _run(ak, code)
    assert got == expected, f"{code}\n--- PyTorch:\n{expected}\n--- kit:\n{got}"


# ---- factories given one positional argument too many ----------------------------------------

EXTRA_POSITIONAL = [
    "torch.linspace(0, 1, 5, 3)",
    "torch.linspace(0, 1, 5, torch.float32)",
    "torch.linspace(0, 1, 5, 3, dtype=torch.float32)",
    "torch.logspace(0, 1, 5, 2, 3)",
    "torch.logspace(0, 1, 5, 2.0, torch.float32)",
    "torch.randperm(5, 3)",
    "torch.randperm(5, 3, 4)",
    "torch.randperm(5, torch.int32)",
    "torch.randperm(5, torch.Generator())",
    "print(torch.linspace(0, 1, 5), torch.logspace(0, 1, 3, 2), torch.randperm(1))",
]


@pytest.mark.parametrize("code", EXTRA_POSITIONAL)
def test_extra_positional_arguments(code: str) -> None:
    _same(code)


# ---- bincount's kernel checks -----------------------------------------------------------------

BINCOUNT = [
    "torch.bincount(torch.tensor([True, False, True]))",
    "torch.bincount(torch.tensor([True]), minlength=-1)",
    "torch.bincount(torch.tensor([1, 2]), minlength=-1)",
    "torch.bincount(torch.tensor([[1, 2]]), minlength=-1)",
    "torch.bincount(torch.tensor([1, 2]), weights=torch.tensor([1., 2., 3.]))",
    "torch.bincount(torch.tensor([1, 2]), weights=torch.ones(1, 2))",
    "torch.bincount(torch.tensor([-1, 2]), weights=torch.ones(3))",
    "print(torch.bincount(torch.tensor([], dtype=torch.long), weights=torch.ones(3)))",
    "print(torch.bincount(torch.tensor([], dtype=torch.long), weights=torch.ones(0), minlength=2))",
    "print(torch.bincount(torch.tensor([1, 2]), weights=torch.tensor([1., 2.])))",
]


@pytest.mark.parametrize("code", BINCOUNT)
def test_bincount_checks(code: str) -> None:
    _same(code)


# ---- normalization layers on an empty batch, and optional arguments that are not tensors -----

_SHOW = ("def show(f, x):\n"
         "    y = f(x)\n"
         "    print(y, y.grad_fn and [type(n).__name__ if n else None\n"
         "                            for n, _ in y.grad_fn.next_functions])\n"
         "    y.sum().backward()\n"
         "    print(x.grad)\n")
EMPTY_BATCH = [
    "m = nn.InstanceNorm1d(4)\nshow(m, torch.ones(0, 4, 3, requires_grad=True))",
    "m = nn.InstanceNorm2d(4)\nshow(m, torch.ones(0, 4, 3, 3, requires_grad=True))",
    "m = nn.InstanceNorm1d(4, affine=True)\nshow(m, torch.ones(0, 4, 3, requires_grad=True))",
    "m = nn.InstanceNorm1d(4, track_running_stats=True)\n"
    "show(m, torch.ones(0, 4, 3, requires_grad=True))\nprint(list(m.buffers()))",
    "m = nn.GroupNorm(2, 4)\nshow(m, torch.ones(0, 4, 3, requires_grad=True))\n"
    "print(m.weight.grad, m.bias.grad)",
    "m = nn.GroupNorm(2, 4, affine=False)\nshow(m, torch.ones(0, 4, 3, 3, requires_grad=True))",
    "m = nn.BatchNorm1d(4)\nshow(m, torch.ones(0, 4, 3, requires_grad=True))\n"
    "print(m.weight.grad, list(m.buffers()))",
    "m = nn.BatchNorm1d(4).eval()\nshow(m, torch.ones(0, 4, requires_grad=True))",
    "m = nn.BatchNorm2d(4, affine=False)\nshow(m, torch.ones(0, 4, 2, 2, requires_grad=True))",
    "print(F.batch_norm(torch.ones(0, 3, dtype=torch.long), None, None, training=True))",
    "print(F.batch_norm(torch.ones(0, 3), torch.ones(5), None, training=True))",
    "print(F.batch_norm(torch.ones(0, 3), None, None, torch.ones(5), training=False))",
    "print(F.batch_norm(torch.ones(0, 3), None, None, torch.ones(3, dtype=torch.float64)))",
    "F.batch_norm(torch.ones(3, 0), None, None, torch.ones(0), training=True)",
    "print(F.group_norm(torch.ones(2, 0, 3), 2), F.group_norm(torch.ones(2, 4, 0), 2))",
    "print(F.instance_norm(torch.ones(2, 0, 3)), F.instance_norm(torch.ones(2, 4, 0)))",
    "print(nn.Embedding(5, 3)(torch.ones(0, 2, dtype=torch.long)))",
]

NOT_TENSORS = [
    "F.batch_norm(torch.ones(2, 3), torch.zeros(3), torch.ones(3), True)",
    "F.batch_norm(torch.ones(2, 3), 3, torch.ones(3), training=True)",
    "F.batch_norm(torch.ones(2, 3), torch.ones(3), [1., 1, 1], training=True)",
    "F.batch_norm(torch.ones(2, 3), None, None, torch.ones(2), 2.0, training=True)",
    "F.batch_norm(torch.ones(1, 3), None, None, 2.0, training=True)",
    "F.batch_norm([1., 2.], None, None, training=True)",
    "F.batch_norm([1., 2.], None, None)",
    "F.instance_norm(torch.ones(2, 3, 4), None, None, 2.0)",
    "F.instance_norm(torch.ones(2, 3, 4), None, None, None, None, False)",
    "F.instance_norm(torch.ones(2, 3, 4), 1, None, None, None, False)",
    "F.group_norm(torch.ones(2, 4, 3), 2, 2.0)",
    "F.group_norm(torch.ones(2, 4, 3), 2, None, 2.0)",
    "F.group_norm(torch.ones(2, 3, 3), 2, None, 2.0)",
    "F.layer_norm(torch.ones(2, 4, 3), (3,), 2.0)",
    "F.layer_norm(torch.ones(2, 4, 3), (3,), None, 2.0)",
]


@pytest.mark.parametrize("code", EMPTY_BATCH)
def test_normalization_of_an_empty_batch(code: str) -> None:
    _same(_SHOW + code)


@pytest.mark.parametrize("code", NOT_TENSORS)
def test_normalization_parameters_that_are_not_tensors(code: str) -> None:
    _same(code)


# ---- pooling and resampling kernels without integer versions ----------------------------------

_INTEGER_INPUTS = [
    "F.adaptive_avg_pool2d(X4, 2)", "F.adaptive_avg_pool1d(X3, 2)", "F.adaptive_avg_pool3d(X5, 2)",
    "F.adaptive_max_pool2d(X4, 2)", "F.adaptive_max_pool1d(X3, 2)", "F.adaptive_max_pool3d(X5, 2)",
    "F.adaptive_max_pool2d(X4, 1)", "F.adaptive_avg_pool2d(X3, 2)", "F.adaptive_avg_pool2d(X4, 1)",
    "nn.AdaptiveAvgPool2d((2, 2))(X4)",
    "F.interpolate(X3, scale_factor=2)", "F.interpolate(X3, scale_factor=2, mode='linear')",
    "F.interpolate(X4, scale_factor=2)", "F.interpolate(X4, size=(3, 5), mode='bilinear')",
    "F.interpolate(X4, scale_factor=2, mode='bicubic', align_corners=True)",
    "F.interpolate(X4, scale_factor=2, mode='bilinear', antialias=True)",
    "F.interpolate(X5, scale_factor=2)", "F.interpolate(X5, scale_factor=2, mode='trilinear')",
    "F.interpolate(X4, scale_factor=2, mode='nearest-exact')",
    "F.interpolate(X4, size=3, mode='area')",
    "F.interpolate(X5, size=3, mode='area')", "nn.Upsample(scale_factor=2)(X4)",
    "F.unfold(X4, 2)", "F.fold(X3.repeat(1, 4, 3)[:, :, :9], 4, 2)",
]
INTEGER_INPUTS = [f"DT = torch.{dtype}\nX3 = torch.arange(8, dtype=DT).view(1, 2, 4)\n"
                  "X4 = torch.arange(32, dtype=DT).view(1, 2, 4, 4) % 3\n"
                  "X5 = torch.ones(1, 2, 3, 3, 3, dtype=DT)\n"
                  f"print({call})"
                  for dtype in ("long", "uint8", "bool") for call in _INTEGER_INPUTS
                  if dtype != "uint8" or not ("bilinear" in call or "bicubic" in call)]
# (PyTorch's uint8 bilinear and bicubic kernels round in integer steps of their own: the kit
# does not reproduce those values)
RESAMPLE_MODES = [
    f"F.interpolate(torch.ones({shape}), scale_factor=2, mode='{mode}', antialias={aa}, "
    f"align_corners={ac}).shape"
    for shape in ((1, 2, 4), (2, 3, 5, 5), (1, 2, 3, 3, 3)) for mode in ("bicubic", "lanczos")
    for aa in (False, True) for ac in (None, True)
    if not (mode == "lanczos" and len(shape) == 4 and aa and not ac)]


@pytest.mark.parametrize("code", INTEGER_INPUTS)
def test_pooling_and_resampling_of_integers(code: str) -> None:
    _same(code)


@pytest.mark.parametrize("code", RESAMPLE_MODES)
def test_resampling_modes_for_the_wrong_dimensions(code: str) -> None:
    _same(code)


# ---- the legacy constructors given the keywords of torch.tensor ------------------------------

LEGACY_KEYWORDS = [
    "torch.Tensor([1, 2], requires_grad=True)",
    "torch.Tensor(2, 3, requires_grad=True)",
    "torch.Tensor(2, 3, dtype=torch.float64)",
    "torch.Tensor([1, 2], foo=1)",
    "torch.Tensor([1, 2], 3)",
    "torch.Tensor(2, 2.5)",
    "torch.Tensor(torch.ones(2), 3)",
    "torch.LongTensor([1, 2], dtype=torch.long)",
    "torch.FloatTensor([1, 2], requires_grad=True)",
    "print(torch.Tensor([1, 2], device='cpu'), torch.LongTensor([1, 2], device='cpu'))",
    "print(torch.FloatTensor(2, 3, device='cpu').shape, torch.Tensor(2, 3).shape)",
    "print(torch.ones(1, 3).expand(2, 3, implicit=True).shape)",
    "torch.ones(2, 3).permute(1, 0, foo=1)",
    "torch.ones(2, 3).flip(0, 1, foo=1)",
    "torch.ones(2, 3).flip(0, 1, dims=(0,))",
    "torch.ones(2, 3).permute(1, 0, dims=(0, 1))",
]


@pytest.mark.parametrize("code", LEGACY_KEYWORDS)
def test_legacy_constructor_keywords(code: str) -> None:
    _same(code)


# ---- a binary function given None, a list, a string or an array as its second argument -------

_BINARY = ["add", "sub", "mul", "div", "multiply", "subtract", "divide", "rsub", "true_divide",
           "floor_divide", "remainder", "fmod", "pow", "float_power", "eq", "ne", "lt", "le",
           "gt", "ge", "greater", "less_equal", "not_equal", "copysign", "xlogy", "bitwise_and",
           "bitwise_left_shift", "clamp_min", "clamp_max", "cdist", "maximum", "atan2"]
BINARY_SECOND = [f"print(torch.{name}(torch.ones(2, 2, dtype=torch.{dtype}), {other}))"
                 for name in _BINARY for other in ("None", "[1, 2]", "'a'", "np.ones(2)", "2")
                 for dtype in ("long" if "bitwise" in name else "float",)]
BINARY_SECOND += [
    "torch.add(torch.ones(2), other=None)",
    "torch.add(input=torch.ones(2), other=[1])",
    "torch.eq(torch.ones(2), other=[1])",
    "torch.pow(torch.ones(2), exponent=None)",
    "torch.clamp_min(torch.ones(2), min=None)",
    "torch.cdist(2, torch.ones(2, 2))",
    "print(torch.add(torch.ones(2), True), torch.eq(torch.ones(2), np.float32(1)))",
    "print(torch.ones(2) == None, torch.ones(2) != [1, 2], torch.ones(2).eq(2))",
]


@pytest.mark.parametrize("code", BINARY_SECOND)
def test_binary_functions_second_argument(code: str) -> None:
    _same(code)


# ---- convolution, sampling, padding and activation kernels by dtype ---------------------------

_KERNEL_CALLS = [
    "F.conv1d(torch.ones(1, 2, 4, dtype=DT), torch.ones(1, 2, 2, dtype=DT))",
    "F.conv2d(torch.ones(1, 2, 4, 4, dtype=DT), torch.ones(1, 2, 2, 2, dtype=DT))",
    "F.conv2d(torch.ones(1, 2, 6, 6, dtype=DT), torch.ones(1, 2, 2, 2, dtype=DT), dilation=2)",
    "F.conv1d(torch.ones(1, 2, 6, dtype=DT), torch.ones(1, 2, 2, dtype=DT), dilation=2)",
    "F.conv3d(torch.ones(1, 2, 4, 4, 4, dtype=DT), torch.ones(1, 2, 2, 2, 2, dtype=DT))",
    "F.conv_transpose1d(torch.ones(1, 2, 4, dtype=DT), torch.ones(2, 1, 2, dtype=DT))",
    "F.conv_transpose2d(torch.ones(1, 2, 4, 4, dtype=DT), torch.ones(2, 1, 2, 2, dtype=DT))",
    "F.conv_transpose3d(torch.ones(1, 2, 3, 3, 3, dtype=DT), torch.ones(2, 1, 2, 2, 2, dtype=DT))",
    "F.grid_sample(torch.ones(1, 2, 4, 4, dtype=DT), torch.zeros(1, 2, 2, 2), align_corners=False)",
    "F.grid_sample(torch.ones(1, 2, 3, 3, 3, dtype=DT), torch.zeros(1, 2, 2, 2, 3, dtype=DT), "
    "align_corners=False)",
    "F.prelu(torch.ones(1, 2, 4, dtype=DT), torch.ones(1, dtype=DT))",
    "F.max_unpool1d(torch.ones(1, 2, 4, dtype=DT), torch.zeros(1, 2, 4, dtype=torch.long), 1)",
    "F.max_unpool2d(torch.ones(1, 2, 2, 2, dtype=DT), torch.zeros(1, 2, 2, 2, "
    "dtype=torch.long), 1)",
    "F.max_unpool3d(torch.ones(1, 1, 2, 2, 2, dtype=DT), torch.zeros(1, 1, 2, 2, 2, "
    "dtype=torch.long), 1)",
    "F.pad(torch.ones(1, 2, 4, dtype=DT), (1, 1), mode='reflect')",
    "F.pad(torch.ones(1, 2, 4, 4, dtype=DT), (1, 1, 1, 1), mode='replicate')",
    "F.pad(torch.ones(1, 2, 4, dtype=DT), (1, 1), mode='circular')",
    "F.threshold(torch.ones(3, dtype=DT), 0, 1)",
    "F.rrelu(torch.ones(3, dtype=DT))",
    "F.rrelu(torch.ones(3, dtype=DT), training=True)",
    "F.softshrink(torch.ones(3, dtype=DT))",
]
KERNEL_DTYPES = [f"DT = torch.{dtype}\nprint({call})" for call in _KERNEL_CALLS
                 for dtype in ("long", "int32", "uint8", "bool")]


@pytest.mark.parametrize("code", KERNEL_DTYPES)
def test_kernels_by_dtype(code: str) -> None:
    _same(code)


# ---- a list of Python floats as an index: PyTorch's int64 tensor of it -------------------------

FLOAT_LISTS = [f"x = torch.arange(6.).view(3, 2)\nprint(x[{key}])\nx[{key}] = 0\nprint(x)"
               for key in ("[0, 1.5]", "[0.5, 1.5]", "[1.]", "[-1.5, 0]", "[True, 1.5]",
                           "[[0, 1.5]]", "([0, 1.5],)", "(0, [0, 1.5])", "[[0.5], [1.5]]",
                           "[np.float64(1.5), 0]", "[np.float32(1.), 0]", "[[np.float16(1), 0]]",
                           "[torch.tensor(1.), 0]", "[1.5, torch.tensor(1)]", "[float('nan')]",
                           "[1e30]", "[3.5]", "(1.5, 0)")]


@pytest.mark.parametrize("code", FLOAT_LISTS)
def test_float_lists_as_indices(code: str) -> None:
    _same(code)


# ---- addmm / addr (and their in-place forms) given the wrong shapes -------------------------

ADD_PRODUCTS = (
    [f"torch.addmm(torch.ones{s}, torch.ones{a}, torch.ones{b})"
     for s in ("(2,)", "(3, 3)") for a, b in (("(3,)", "(3, 2)"), ("(2, 2)", "(2,)"),
                                              ("(2, 2, 2)", "(2, 2)"), ("(2, 3)", "(2, 3)"))]
    + [f"torch.ones{s}.addmm_(torch.ones(2, 2), torch.ones(2, 2))"
       for s in ("(2,)", "(1, 2)", "(3, 3)", "(2, 2, 2)")]
    + [f"torch.ones{s}.addr_(torch.ones{a}, torch.ones{b})"
       for s in ("(2,)", "(3, 3)", "(2, 2)") for a, b in (("(2, 1)", "(2,)"), ("(2,)", "(3,)"))]
    + ["torch.ones(2, dtype=torch.long).addmm_(torch.ones(2, 2), torch.ones(2, 2))",
       "x = torch.ones(2, 2, requires_grad=True).clone()\n"
       "x.addmm_(torch.ones(2, 2), torch.ones(2, 2), beta=2, alpha=0.5)\n"
       "y = torch.ones(2, 2).addr_(torch.ones(2), torch.arange(2.), alpha=3)\n"
       "print(x, y, torch.ones(2, 2, dtype=torch.long).addr_(torch.ones(2, dtype=torch.long), "
       "torch.ones(2, dtype=torch.long)))"])


@pytest.mark.parametrize("code", ADD_PRODUCTS)
def test_add_products_wrong_shapes(code: str) -> None:
    _same(code)


FIRST_ARGUMENT = [f"print(torch.{name}({first}, torch.ones(2, dtype=torch.{dtype})))"
                  for name in _BINARY[:-3] for first in ("[1, 2]", "None", "np.ones(2)", "2",
                                                          "np.float32(2)")
                  for dtype in ("long" if "bitwise" in name else "float",)]


@pytest.mark.parametrize("code", FIRST_ARGUMENT)
def test_binary_functions_first_argument(code: str) -> None:
    _same(code)


# ---- more functions given a list (or None, or an array) instead of a tensor --------------------

_NOT_TENSOR_FIRST = [
    "std({})", "var({})", "std_mean({})", "all({})", "any({})", "movedim({}, 0, 0)",
    "narrow({}, 0, 0, 1)", "repeat_interleave({}, 2)", "searchsorted({}, torch.ones(2))",
    "bucketize({}, torch.ones(2))", "addcdiv({}, torch.ones(2), torch.ones(2))",
    "addcmul({}, torch.ones(2), torch.ones(2))", "chunk({}, 2)", "unique({})", "norm({})",
    "tensordot({}, torch.ones(2))", "split({}, 1)"]
NOT_TENSOR_FIRST = [f"torch.{call.format(first)}" for call in _NOT_TENSOR_FIRST
                    for first in ("[1., 2.]", "None", "np.ones(2)")]
NOT_TENSOR_FIRST += ["print(torch.bucketize(2, torch.ones(2)), torch.std(torch.arange(3.), 0), "
                     "torch.narrow(torch.ones(3), 0, 0, 1), torch.unique(torch.ones(2)))"]


@pytest.mark.parametrize("code", NOT_TENSOR_FIRST)
def test_functions_given_no_tensor_first(code: str) -> None:
    _same(code)


REDUCTIONS_NOT_TENSOR = [f"torch.{name}({first}{extra})"
                         for name in ("sum", "mean", "max", "min", "prod", "sort", "argsort",
                                      "squeeze", "round", "count_nonzero", "where")
                         for first in ("[1., 2.]", "None")
                         for extra in ("", ", 0", ", 0, True")]
REDUCTIONS_NOT_TENSOR += ["torch.eq(torch.ones(2), None, out=torch.ones(2))",
                          "torch.where(2.0, 1, 0)", "torch.where(2.0)",
                          "print(torch.sum(torch.ones(2, 2), 0), torch.max(torch.ones(2, 2), 1), "
                          "torch.where(torch.ones(2) > 0), torch.squeeze(torch.ones(1, 2), 0))"]


@pytest.mark.parametrize("code", REDUCTIONS_NOT_TENSOR)
def test_reductions_given_no_tensor(code: str) -> None:
    _same(code)


LDEXP_INPLACE = [
    "torch.tensor([3]).ldexp_(torch.tensor([2]))",
    "torch.tensor([3], dtype=torch.int32).ldexp_(torch.tensor([-2]))",
    "torch.tensor([True]).ldexp_(torch.tensor([2]))",
    "torch.tensor([3.]).ldexp_(2)",
    "x = torch.tensor([3.], requires_grad=True).clone()\nprint(x.ldexp_(torch.tensor([-1])), "
    "torch.tensor([3.], dtype=torch.float16).ldexp_(torch.tensor([2.])))",
]


@pytest.mark.parametrize("code", LDEXP_INPLACE)
def test_ldexp_in_place(code: str) -> None:
    _same(code)


SOFTMAX_NOT_TENSOR = [f"F.{name}({first}{dim})" for name in ("softmax", "log_softmax", "softmin")
                      for first in ("[1., 2.]", "None", "np.ones(2)")
                      for dim in ("", ", 0", ", dim=0")]
SOFTMAX_NOT_TENSOR += ["print(F.softmax(torch.ones(2, 3)), F.log_softmax(torch.ones(2), 0))"]


@pytest.mark.parametrize("code", SOFTMAX_NOT_TENSOR)
def test_softmax_given_no_tensor(code: str) -> None:
    _same(code)
