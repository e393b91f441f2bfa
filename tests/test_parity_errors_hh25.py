"""Live comparison with PyTorch: the errors a learner meets for arguments of the wrong kind
(a tensor where a size or a dim goes, a missing or ill-typed argument), snippets run once with
PyTorch and once with the kit, outcomes (the error's type and message, or the result)
compared."""

import pytest
from parity_harness import assert_same

import autograd_kit as ak

torch = pytest.importorskip("torch")


# a tensor as a size or a list of dims: PyTorch takes a one-element integer tensor as one int
# of the list (x.view(T.tensor([6]))), and otherwise names it "Tensor" in its usual words
SIZE_TENSOR_CALLS = [f"x = T.ones(2, 3)\nout.append({call})" for call in (
    "x.view(T.tensor([3, 2]))", "x.view(T.tensor(6.))", "x.view(T.tensor([6]))",
    "x.view(T.tensor(2), 3)", "x.view(2, T.tensor([3, 1]))", "x.view((T.tensor([2, 1]), 3))",
    "x.view([T.tensor([2, 1]), 3])", "x.view([2, T.tensor([3, 1])])",
    "x.reshape(T.tensor([3, 2]))", "x.reshape(T.tensor([6]))", "x.reshape(T.tensor(6.))",
    "x.reshape(2, T.tensor([3, 1]))", "x.reshape(T.tensor([2, 1]), 3)",
    "x.expand(T.tensor([2, 2, 3]))", "x.expand(T.tensor([2, 1]), 3)",
    "x.expand(2, T.tensor([3, 1]))", "x.expand(T.tensor(2), 3)",
    "x.permute(T.tensor([1, 0]))", "x.permute(T.tensor([1]), 0)", "x.repeat(T.tensor([2, 2]))",
    "x.repeat(T.tensor(2), 2)", "T.zeros(T.tensor([2, 3]))", "T.zeros(T.tensor(2), 3)",
    "x.roll(T.tensor([1]), 0)", "x.roll(T.tensor([1, 2]), 0)",
)]


@pytest.mark.parametrize("code", SIZE_TENSOR_CALLS)
def test_tensors_as_sizes(code):
    assert_same(torch, ak, code)


# a tensor as a dim or a count: PyTorch takes a 0-dim integer tensor for an int argument
# (x.cumsum(T.tensor(0)), x.argmax(T.tensor(0))) and refuses a one-element 1-dim one there
# ("must be int, not Tensor"), but takes that too for a size (topk's k); x.max(T.tensor(0))
# stays max with another tensor
DIM_TENSOR_CALLS = [f"x = T.ones(2, 3)\nout.append({call})" for call in (
    "x.unsqueeze(T.tensor([0]))", "x.unsqueeze(T.tensor(0)).shape", "x.chunk(T.tensor([2]))",
    "x.cumsum(T.tensor(0)).shape", "x.cumsum(T.tensor(0.))", "x.cumsum(T.tensor([0]))",
    "x.argmax(T.tensor([0]))", "x.argmax(T.tensor(0)).shape", "x.select(T.tensor(0), 0).shape",
    "x.sum(T.tensor(0)).shape", "x.mean(T.tensor(0)).shape", "x.std(T.tensor(0)).shape",
    "x.prod(T.tensor(0)).shape", "x.any(T.tensor(0)).shape", "x.unbind(T.tensor([0]))",
    "x.softmax(dim=T.tensor(0)).shape", "x.max(T.tensor(0))", "x.max(T.tensor(0.))",
    "x.min(T.tensor(0)).shape", "T.max(x, T.tensor(0)).shape", "T.argmax(x, T.tensor(0)).shape",
    "x.sum(dim=T.tensor(0)).shape", "T.cumsum(x, dim=T.tensor(1)).shape",
    "x.topk(T.tensor([1]))", "x.topk(T.tensor(1)).values.shape", "x.topk(T.tensor([1, 2]))",
    "x.topk(T.tensor(1.))", "x.topk(True)", "x.topk(1.5)", "T.topk(x, T.tensor([1]))",
)]


@pytest.mark.parametrize("code", DIM_TENSOR_CALLS)
def test_tensors_as_dims_and_counts(code):
    assert_same(torch, ak, code)


# calls that leave out an argument PyTorch cannot do without: tensor() names "data" in its
# parser's words (with or without keywords beside), and where(c, x), which no form of where
# takes, lists where's forms (the kit read it as where(c, x, None))
MISSING_CALLS = [f"x = T.ones(2, 3)\nout.append({call})" for call in (
    "T.tensor()", "T.tensor(foo=1)", "T.tensor(requires_grad=True)", "T.tensor(dtype=T.float)",
    "T.tensor(data=[1.])", "T.tensor([1.], foo=1)", "T.where(x > 0, x)", "T.where(x > 0, 1.)",
    "T.where(x > 0, x, x, x)", "T.where(x > 0, x, 0.).shape", "len(T.where(x > 0))",
    "T.where(x > 0, x, x, out=T.empty(2, 3)).shape", "T.sum(x, 0, True, T.float64)",
    "T.std(x, 0, True, True).shape", "T.sort(x, 0, True).values.shape",
    "T.narrow(x, 0, 0, 1).shape", "T.narrow(x, 0, 0)",
)]


@pytest.mark.parametrize("code", MISSING_CALLS)
def test_missing_arguments(code):
    assert_same(torch, ak, code)


# division called with its rounding mode by position, or without its divisor: PyTorch lists
# div's forms (a second argument that is neither tensor nor number stays "must be Tensor")
DIV_CALLS = [f"x = T.ones(2, 3)\ny = T.ones(3)\nout.append({call})" for call in (
    "x.div(y, 'floor')", "T.div(x, y, 'floor')", "T.div(x)", "x.div()", "T.div(x, y, foo=1)",
    "x.div(y, rounding_mode='floor', foo=1)", "T.div(x, [1.])", "x.div([1.])", "T.div(1., x)",
    "x.div(y, rounding_mode='floor')", "T.div(x, 2, rounding_mode='trunc')",
    "T.div(x, y, rounding_mode='x')",
)]


@pytest.mark.parametrize("code", DIV_CALLS)
def test_division_arguments(code):
    assert_same(torch, ak, code)


# x.size(dim) and x.stride(dim) take what PyTorch's parser takes for an int (a 0-dim integer
# tensor, a NumPy integer) and refuse the rest by type before the dim is checked
SIZE_DIM_CALLS = [f"x = T.ones(2, 3)\nout.append({call})" for call in (
    "x.size(T.tensor([0]))", "x.size(T.tensor(0))", "x.size(T.tensor(0.))", "x.size(1.)",
    "x.size(True)", "x.size(numpy.int64(1))", "x.size(numpy.float64(1.))", "x.size('a')",
    "x.size(dim=T.tensor(1))", "x.stride('a')", "x.stride(1.5)", "x.stride(T.tensor([0]))",
    "x.stride(T.tensor(1))", "x.stride(True)", "x.stride(numpy.float64(1.))",
    "x.stride(numpy.int64(1))", "T.ones(()).stride(1.5)", "T.ones(()).stride(0)",
    "x.stride(-3)", "x.stride(dim=1)",
)]


@pytest.mark.parametrize("code", SIZE_DIM_CALLS)
def test_size_and_stride_dims(code):
    import numpy

    assert_same(torch, ak, code, numpy=numpy)


# F.pad's mode and value are typed as PyTorch's parser types them (a str; a float, which a
# 0-dim tensor that requires no grad may stand for), before the mode's name is checked; the
# kit read value=1j as 0 and value=[1.] as 1; float arguments of the losses likewise refuse a
# one-element 1-dim tensor
FLOAT_ARGUMENT_CALLS = [
    f"x = T.ones(2, 3)\ny = T.ones(3)\nF = T.nn.functional\nout.append({call})" for call in (
        "F.pad(x, (1, 1), value='a')", "F.pad(x, (1, 1), value=True)",
        "F.pad(x, (1, 1), value=T.tensor(2.))", "F.pad(x, (1, 1), value=T.tensor([2.]))",
        "F.pad(x, (1, 1), value=[1.])", "F.pad(x, (1, 1), value=1j)",
        "F.pad(x, (1, 1), 'constant', 'a')", "F.pad(x, (1, 1), mode='reflect', value='a')",
        "F.pad(x, (1, 1), value=numpy.float32(2.))", "F.pad(x.long(), (1, 1), value=2.5)",
        "F.pad(x, 1.5, mode='foo')", "F.pad(x, (1, 1), mode='foo')", "F.pad(x, (1, 1), mode=1)",
        "F.pad(x, (1, 1), mode=None)",
        "F.pad(x, (1, 1), value=T.tensor(2., requires_grad=True))",
        "F.smooth_l1_loss(x, x, beta=T.tensor([1.]))", "F.smooth_l1_loss(x, x, beta=T.tensor(1.))",
        "F.huber_loss(x, x, delta=T.tensor([1.]))",
        "F.cross_entropy(x, T.tensor([0, 1]), label_smoothing=T.tensor([0.1]))",
        "F.margin_ranking_loss(y, y, y, margin=T.tensor([1.]))",
        "F.margin_ranking_loss(y, y, y, margin=T.tensor(1., requires_grad=True))",
    )]


@pytest.mark.parametrize("code", FLOAT_ARGUMENT_CALLS)
def test_float_arguments_of_functional(code):
    import numpy

    assert_same(torch, ak, code, numpy=numpy)


# a dtype= that is a number, a list or a tensor: PyTorch's "argument 'dtype' must be
# torch.dtype, not int" (or its forms listed, where the factory has several); the kit handed
# it to NumPy ("Cannot interpret '1' as a data type")
DTYPE_CALLS = [f"x = T.ones(2, 3)\nout.append({call})" for call in (
    "T.ones(2, dtype=1)", "T.ones(2, dtype=1.5)", "T.ones(2, dtype=[T.float])",
    "T.ones(2, dtype=T.ones(2))", "T.ones(2, dtype=T.ones(()))", "T.ones(2, dtype=numpy.float32)",
    "T.ones(2, dtype='float32')", "T.zeros(2, dtype=1)", "T.empty(2, dtype=1)",
    "T.full((2,), 1, dtype=1)", "T.arange(3, dtype=1)", "T.rand(2, dtype=1)",
    "T.randn(2, dtype=1)", "T.tensor([1.], dtype=1)", "T.ones_like(x, dtype=1)",
    "x.new_ones(2, dtype=1)", "x.new_tensor([1], dtype=1)", "T.linspace(0, 1, 3, dtype=1)",
    "T.eye(2, dtype=1)", "T.as_tensor([1.], dtype=1)", "T.randint(0, 3, (2,), dtype=1)",
    "T.zeros(2, dtype=None).dtype", "T.ones(2, dtype=float).dtype", "T.ones(2, dtype=bool).dtype",
)]


@pytest.mark.parametrize("code", DTYPE_CALLS)
def test_dtype_arguments_that_are_no_dtype(code):
    import numpy

    assert_same(torch, ak, code, numpy=numpy)


# broadcast_to and tile name themselves in their TypeErrors (the kit's named expand and
# repeat, which do their work, or said "'int' object is not iterable"); split reads a
# one-element tensor as its int, as PyTorch's Python does
SHAPE_FUNCTION_CALLS = [f"x = T.ones(2, 3)\ny = T.ones(3)\nout.append({call})" for call in (
    "T.broadcast_to(y, T.tensor([2, 3]))", "y.broadcast_to(T.tensor([2, 3]))",
    "T.broadcast_to(y, 3)", "T.broadcast_to(y, (2, 3.0))", "T.broadcast_to(y, [2., 3])",
    "T.broadcast_to(y)", "T.broadcast_to(y, 2, 3)", "y.broadcast_to(2, 3).shape",
    "y.broadcast_to((2, 3)).shape", "y.broadcast_to(size=(2, 3)).shape",
    "T.broadcast_to(y, size=(2, 3)).shape", "T.broadcast_to(y, (-1, 3))", "y.broadcast_to()",
    "x.tile(T.tensor([2, 2]))", "x.tile(2.5)", "x.tile((2, 2.5))", "x.tile(2).shape",
    "x.tile(2, 2).shape", "T.tile(x, (2,)).shape", "T.tile(x, 2)", "x.tile(dims=(2,)).shape",
    "x.tile()", "T.tile(x, [T.tensor(2)]).shape",
    "x.split(T.tensor(1), 1)", "x.split(T.tensor([1]), 1)", "x.split(T.tensor(1.5), 1)",
    "x.split(T.tensor([1, 2]), 1)", "x.split(split_size=T.tensor(1), dim=1)",
    "T.split(x, T.tensor(1), 1)", "T.split(x, split_size_or_sections=T.tensor(1), dim=1)",
)]


@pytest.mark.parametrize("code", SHAPE_FUNCTION_CALLS)
def test_shape_functions_name_themselves(code):
    assert_same(torch, ak, code)


# lerp without its weight lists lerp's forms (function, method and in-place method, whose
# forms are the method's), as div_ does with div's
LERP_CALLS = [f"x = T.ones(2, 3)\ny = T.ones(3)\nout.append({call})" for call in (
    "T.lerp(x, y)", "x.lerp(y)", "x.lerp_(y)", "T.lerp(x, y, 0.5).shape",
    "T.lerp(x, y, y).shape", "T.lerp(x, y, weight=0.5).shape",
    "T.lerp(input=x, end=y, weight=0.5).shape", "T.lerp(x, y, 0.5, out=T.empty(2, 3)).shape",
    "T.lerp(1., y, 0.5)", "T.lerp(x, y, 'a')", "x.lerp(y, 'a')", "x.lerp(end=y, weight=0.5).shape",
    "T.lerp(x, y, 0.5, 1)", "x.div_(y, 'floor')", "x.div_()", "x.mul_()", "x.pow_()",
    "x.lerp_(y, 0.5).shape", "x.div_(y, rounding_mode='floor').shape",
)]


@pytest.mark.parametrize("code", LERP_CALLS)
def test_lerp_and_in_place_forms(code):
    assert_same(torch, ak, code)


# a factory given its size twice, by position and by name: PyTorch's "got multiple values for
# argument 'size'" (the kit took the named one)
SIZE_TWICE_CALLS = [f"x = T.ones(2, 3)\nout.append({call})" for call in (
    "T.zeros(2, size=(3,))", "T.ones(2, 3, size=(3,))", "T.empty(2, size=(3,))",
    "T.rand(2, size=(3,))", "T.randn(2, size=(3,))", "T.zeros((2,), size=(3,))",
    "T.zeros((), size=(3,))", "x.new_zeros(2, size=(3,))", "x.new_ones((2,), size=(3,))",
    "T.randint(3, (2,), size=(3,))", "T.zeros(size=(3,)).shape", "T.ones(size=[2, 1]).shape",
)]


@pytest.mark.parametrize("code", SIZE_TWICE_CALLS)
def test_size_given_twice(code):
    assert_same(torch, ak, code)


# nonzero's as_tuple must be a bool (the kit read 1, None or a NumPy bool as truth values)
NONZERO_CALLS = [f"x = T.ones(2, 3)\nout.append({call})" for call in (
    "x.nonzero(as_tuple=1)", "T.nonzero(x, as_tuple=1)", "x.nonzero(as_tuple=None)",
    "x.nonzero(as_tuple=numpy.bool_(True))", "x.nonzero(as_tuple=False).shape",
    "len(x.nonzero(as_tuple=True))", "T.argwhere(x, True)",
)]


@pytest.mark.parametrize("code", NONZERO_CALLS)
def test_nonzero_as_tuple(code):
    import numpy

    assert_same(torch, ak, code, numpy=numpy)


# a device's index given by position must be an int as PyTorch's parser reads one (the kit
# compared a string with 0: "'<' not supported between instances of 'str' and 'int'")
DEVICE_CALLS = [f"out.append({call})" for call in (
    "T.device('cpu', 'a')", "T.device('cpu', 1.5)", "T.device('cpu', True)",
    "T.device('cpu', T.tensor(0))", "T.device('cpu', 0)", "T.device('cpu', numpy.int64(0))",
    "T.device('cuda', -1)", "T.device('cpu:0', 0)", "T.device('cpu', None)",
    "T.device('cpu', [0])",
)]


@pytest.mark.parametrize("code", DEVICE_CALLS)
def test_device_index(code):
    import numpy

    assert_same(torch, ak, code, numpy=numpy)
