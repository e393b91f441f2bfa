"""Live comparison with PyTorch: leftovers of earlier sessions (layouts of results and
gradients, out= corners, tensor() corners, device contexts, node attributes, copies)."""

import pytest
from parity_harness import assert_same

import autograd_kit as ak

torch = pytest.importorskip("torch")


def _same(code: str) -> None:
    assert_same(torch, ak, code)


@pytest.mark.parametrize("indices", ["[[5, -7], [1, 2]]", "[5, 7]", "5"])
def test_unravel_index_gives_views_of_one_tensor(indices):
    _same(f"""
r = T.unravel_index(T.tensor({indices}), (3, 4))
out.append([(t.tolist(), t.stride(), t.storage_offset(), t.is_contiguous()) for t in r])
out.append(r[0]._base.shape)
""")


DET_INPUTS = {
    "matrix": "T.tensor([[2., 1., 0.], [1., 3., 1.], [0., 1., 4.]])",
    "transposed": "T.tensor([[2., 1., 0.], [1., 3., 1.], [0., 1., 4.]]).t()",
    "batch": "T.tensor([[[2., 1.], [1., 3.]], [[4., 1.], [0., 2.]]], dtype=T.float64)",
    "batch transposed": "T.tensor([[[2., 1.], [1., 3.]], [[4., 1.], [0., 2.]]]).mT",
}
DETS = {"det": "T.linalg.det(m)", "slogdet": "T.linalg.slogdet(m)[1]", "logdet": "T.logdet(m)"}


@pytest.mark.parametrize("create_graph", [False, True])
@pytest.mark.parametrize("det", DETS)
@pytest.mark.parametrize("matrix", DET_INPUTS)
def test_det_gradients_have_lapacks_column_major_layout(matrix, det, create_graph):
    """Without a graph PyTorch solves with the saved LU (lu_solve), whose result is laid out
    column by column."""
    _same(f"""
m = {DET_INPUTS[matrix]}.requires_grad_()
g, = T.autograd.grad({DETS[det]}.sum(), m, create_graph={create_graph})
out.append((g.stride(), g.detach().numpy().round(5).tolist()))
""")


@pytest.mark.parametrize("matrix", ["T.zeros(3, 3)", "T.tensor([[1., 2.], [2., 4.]])",
                                    "T.tensor([[0., 1.], [0., 1.]])",
                                    "T.zeros(2, 2, 2, dtype=T.float64)",
                                    "T.tensor([[1., 2.], [2., 4.]]).t()"])
def test_det_gradients_of_singular_matrices(matrix):
    """slogdet / logdet: the solve divides by the zero pivot (inf and NaN, no error); det:
    the zero pivot is moved to eps and the gradient is 0 (with the solve's signs of 0)."""
    _same(f"""
for f in (lambda m: T.linalg.slogdet(m)[1], T.logdet, T.linalg.det):
    m = {matrix}.requires_grad_()
    g, = T.autograd.grad(f(m).sum(), m)
    out.append((g.stride(), str(g)))
    m = {matrix}.requires_grad_()
    f(m).sum().backward()
    out.append((m.grad.stride(), str(m.grad)))
""")


@pytest.mark.parametrize("call", ["T.add(T.ones(4), 1, out=o)", "T.mul(T.ones(2), 3, out=o)",
                                  "T.cumsum(T.ones(6), 0, out=o)",
                                  "T.max(T.ones(2, 2), 1, out=(o, T.zeros(0, dtype=T.long)))"])
def test_an_out_view_of_another_shape_is_resized_in_its_own_memory(call):
    """resize_ keeps a view's storage and offset: the values land in the base tensor."""
    _same(f"""
base = T.zeros(10)
o = base[2:5]
{call}
out.append((o.tolist(), o.stride(), o.storage_offset(), base.tolist()))
""")


def test_an_out_tensor_resized_smaller_keeps_its_storage():
    _same("""
o = T.zeros(2, 5)
T.add(T.ones(3), 1, out=o)
out.append((o.tolist(), o.untyped_storage().nbytes(), o._version))
""")


OUT_WITHOUT_DERIVATIVE = ["T.floor_divide(a, b, out=o)", "T.floor_divide(a, 2, out=o)",
                          "T.heaviside(a, b, out=o)", "T.heaviside(b, a, out=o)",
                          "T.diag(a, out=o)", "T.diag(a.reshape(1, 3), out=o)",
                          "T.t_copy(a, out=o)", "T.detach_copy(a, out=o)",
                          "T.heaviside(a, T.tensor([0.5]), out=T.zeros(5))",
                          "T.conj_physical(a, out=o)", "T.slice_scatter(a, b[:1], out=o)",
                          "T.slice_scatter(b, a[:1], start=1, end=2, out=o)"]


@pytest.mark.parametrize("call", ["T.conj_physical(b, out=o)", "T.slice_scatter(b, b[:2], out=o)",
                                  "T.slice_scatter(b, b[:1], 0, 1, 2, out=T.zeros(5))",
                                  "T.conj_physical(b, out=T.zeros(3, dtype=T.long))",
                                  "T.conj_physical(b.long(), out=o)"])
def test_conj_physical_and_slice_scatter_take_out(call):
    _same(f"""
b = T.tensor([2., 3., 0.])
o = T.zeros(3)
r = {call}
out.append((r.tolist(), r is o, r.dtype))
""")


@pytest.mark.parametrize("call", OUT_WITHOUT_DERIVATIVE)
def test_out_of_an_op_without_derivative_records_not_implemented(call):
    """PyTorch refuses no input that requires grad here: out gets a NotImplemented node with
    an edge to each such input, and backward through it names the op."""
    _same(f"""
a = T.tensor([1.5, -2., 0.5], requires_grad=True)
b = T.tensor([2., 3., 0.])
o = T.zeros(3)
r = {call}
out.append((r.tolist(), r.requires_grad, r.is_leaf, r._version, r.grad_fn.name()))
out.append([type(n).__name__ for n, _ in r.grad_fn.next_functions])
r.sum().backward()
""")


def test_out_without_derivative_through_a_view_and_into_a_leaf():
    _same("""
a = T.tensor([1.5, -2., 0.5], requires_grad=True)
base = T.zeros(10)
o = base[2:5]
T.floor_divide(a, 2, out=o)
out.append((type(o.grad_fn).__name__, type(base.grad_fn).__name__, base.tolist()))
T.floor_divide(a.detach(), 2, out=T.zeros(3, requires_grad=True))
""")


@pytest.mark.parametrize("dim", [0, 1, -1])
@pytest.mark.parametrize("shape", [(1, 3), (3, 1), (1, 1)])
def test_cummax_and_cummin_write_an_expanded_out_slice_by_slice(dim, shape):
    """Their kernels skip the internal-overlap check: the last value written stays."""
    _same(f"""
x = T.tensor([[3., 1., 4.], [1., 5., 9.], [2., 6., 0.]])
v = T.zeros({shape}).expand(3, 3); i = T.zeros(3, 3, dtype=T.long)
T.cummin(x, {dim}, out=(v, i))
out.append((v.tolist(), i.tolist(), v._version))
v = T.zeros(3, 3); i = T.zeros({shape}, dtype=T.long).expand(3, 3)
T.cummax(x, {dim}, out=(v, i))
out.append((v.tolist(), i.tolist()))
""")


TENSOR_CORNERS = ["[np.float64(1), np.ones(())]", "[1., np.array(2, dtype=np.int64)]",
                  "[np.int64(1), np.ones(())]", "[True, np.ones((), dtype=bool)]",
                  "[np.ones(()), np.float64(1)]", "[[1.], np.ones(())]",
                  "[1, np.ones((2,))]", "[np.int64(1), np.ones((1,), dtype=np.int64)]",
                  "[[], np.ones(2)]", "[[], [1]]", "[[], [True]]", "[[], ['a']]",
                  "[[[]], [1]]", "[[], np.ones(2, dtype=np.int32)]", "[[], [np.float32(1)]]",
                  "[np.str_('a')]", "[np.str_('a'), 1]", "[]", "[[], []]", "[[], [None]]",
                  "[[], [object()]]", "[[], [1, None]]", "[[], [range(2)]]", "[[], range(0)]",
                  "[[], [b'']]", "[[], b'a']"]


@pytest.mark.parametrize("dtype", ["None", "T.int64", "T.float64"])
@pytest.mark.parametrize("data", TENSOR_CORNERS)
def test_tensor_of_nested_data_with_numpy_items(data, dtype):
    """The shape is read first (a 0-dim array where a sequence is read has no len()); a 0-dim
    array stands for a number; a shape with no element reads nothing more but the type (an
    empty list counts as the default float type)."""
    _same(f"""
import numpy as np
t = T.tensor({data}, dtype={dtype})
out.append((t.tolist(), t.dtype, t.shape))
""")


def test_a_device_context_left_twice_is_pytorchs_error():
    _same("""
d = T.device('cpu')
with d:
    with d:
        out.append(T.zeros(1).device)
out.append(T.get_default_device())
d.__enter__()
d.__exit__(None, None, None)
d.__exit__(None, None, None)
""")


@pytest.mark.parametrize("how", ["copy.deepcopy(x)", "copy.copy(x)", "saved(x)",
                                 "pickle.loads(pickle.dumps(x))",
                                 "pickle.loads(pickle.dumps(p))"])
def test_copies_keep_the_learners_private_attributes(how):
    """PyTorch copies and saves every attribute set on a tensor, ``_mine`` too."""
    _same(f"""
import copy, io, pickle
def saved(t):
    b = io.BytesIO(); T.save(t, b); b.seek(0)
    return T.load(b)
x = T.ones(2, requires_grad=True)
x._mine = 5; x.pub = 6; x.__dunder = 7
p = T.nn.Parameter(T.ones(2)); p._tag = 1; p.tag2 = 2
c = {how}
names = ('_mine', 'pub', '__dunder', '_tag', 'tag2')
out.append(sorted((k, v) for k, v in vars(c).items() if k in names))
x.share_memory_(); p.share_memory_()  # (a copy over the same memory is shared, no other)
out.append(({how}).is_shared())
""")


@pytest.mark.parametrize("edgeitems", [-1, -2, -16, -40, 0, 2])
def test_printing_with_negative_or_zero_edgeitems(edgeitems):
    """PyTorch slices x[:edgeitems] and x[-edgeitems:], so a negative edge keeps all but the
    ends; a summarized tensor of 2 or more dimensions then fails in its stack."""
    _same(f"""
T.set_printoptions(threshold=5, edgeitems={edgeitems})
try:
    for x in (T.arange(30.), T.arange(3), T.tensor(2.5), T.arange(12.).reshape(3, 4)):
        out.append(str(x))
finally:
    T.set_printoptions(profile='default')
""")


POOL_CALLS = ["F.max_pool3d(x5, (2, 2))", "F.max_pool3d(x5, 2, (1, 1))",
              "F.max_pool3d(x5, 2, 1, (0, 0))", "F.max_pool3d(x5, 2, 1, 0, (1, 1))",
              "F.max_pool3d(x5[0, 0], (2, 2))", "F.avg_pool3d(x5, (2, 2))",
              "F.avg_pool3d(x5, 2, (1, 1))", "F.avg_pool3d(x5, 2, 1, (0, 0))",
              "F.avg_pool3d(x5, [])", "F.max_pool2d(x5[0], (2, 2, 2))",
              "F.avg_pool2d(x5[0], 2, (1, 1, 1))", "F.max_pool2d(x5[0], 2, 1, 0, (1, 1, 1))",
              "F.avg_pool3d(T.ones(1, 1, 1, 1, 1), 3, padding=1)",
              "F.avg_pool3d(T.ones(1, 1, 3, 3, 3), (4, 1, 1), padding=(2, 0, 0))",
              "F.avg_pool3d(x5, 5)", "F.max_pool3d(x5, 5)", "F.max_pool3d(x5, 2, ())"]


@pytest.mark.parametrize("call", POOL_CALLS)
def test_pool_window_arguments_are_checked_first(call):
    """The number of values in kernel_size, stride, padding, dilation comes first; then
    avg_pool3d wants the input itself (without padding) to cover its kernel."""
    _same(f"""
F = T.nn.functional
x5 = T.ones(1, 1, 4, 4, 4)
out.append(tuple({call}.shape))
""")


@pytest.mark.parametrize("make", ["T.from_numpy", "T.as_tensor", "T.asarray"])
def test_a_tensor_of_a_numpy_view_has_a_storage_of_its_own(make):
    """PyTorch's storage starts at the view's first element (offset 0) and spans only its
    bytes; the memory is shared, and it cannot grow."""
    _same(f"""
import numpy as np
a = np.arange(10.)
t = {make}(a[3:7])
out.append((t.storage_offset(), t.untyped_storage().nbytes(), t.stride()))
a[4] = 50.
t[0] = -1.
out.append((t.tolist(), a[3]))
b = np.asfortranarray(np.arange(12, dtype=np.float32).reshape(3, 4))
u = {make}(b[1:, 1:])
out.append((u.storage_offset(), u.untyped_storage().nbytes(), u.stride()))
t.resize_(2)
out.append(t.tolist())
t.resize_(5)
""")


FREXP_OUTS = ["(m, e)", "(T.zeros(3, dtype=T.float64), e)", "(m, T.zeros(3, dtype=T.long))",
              "(m,)", "m", "(T.zeros(0), T.zeros(0, dtype=T.int32))", "(m, 1)",
              "(T.zeros(1).expand(3), e)"]


@pytest.mark.parametrize("outs", FREXP_OUTS)
def test_frexp_writes_its_pair_into_out(outs):
    _same(f"""
x = T.tensor([1.5, -4., 0.])
m, e = T.zeros(3), T.zeros(3, dtype=T.int32)
r = T.frexp(x, out={outs})
out.append((repr(r), type(r).__name__, r[0] is m, m.tolist(), e.tolist()))
""")


def test_frexp_out_refuses_an_input_that_requires_grad():
    _same("""
T.frexp(T.tensor([1.5], requires_grad=True), out=(T.zeros(1), T.zeros(1, dtype=T.int32)))
""")


def test_out_without_derivative_refuses_a_leaf_out_before_resizing_it():
    """PyTorch's autograd kernel refuses a leaf out that requires grad before the op runs:
    out keeps its shape and no resize warning is given."""
    _same("""
import warnings
a = T.tensor([1.5, -2., 0.5], requires_grad=True)
o = T.zeros(2, requires_grad=True)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    try:
        T.floor_divide(a, 2, out=o)
    except RuntimeError as error:
        out.append(str(error))
out.append((tuple(o.shape), len(caught), o._version))
""")


PICKS = ["T.topk(x, 2, 1, sorted=False)", "T.topk(x, 2, 0, sorted=False)",
         "T.nanmedian(x, 0)", "T.nanmedian(x, 1, keepdim=True)", "T.aminmax(x, dim=1)",
         "T.aminmax(x, dim=2, keepdim=True)", "T.median(x, 0)", "T.kthvalue(x, 2, 1)"]


@pytest.mark.parametrize("transposed", [False, True])
@pytest.mark.parametrize("call", PICKS)
def test_selections_over_a_dim_are_new_row_major_tensors(call, transposed):
    _same(f"""
x = T.arange(60.).reshape(3, 4, 5)
x = x.transpose(0, 2) if {transposed} else x
out.append([(t.stride(), t.tolist()) for t in {call}])
""")


@pytest.mark.parametrize("key", ["[:, 1]", "[..., 0]", "[1:, ::2]", "[None, 1]", "[1]",
                                 "[T.tensor([0, 2])]", "[:, T.tensor([0, 2])]"])
def test_gradient_of_a_value_written_by_index_is_contiguous(key):
    """PyTorch's CopySlices hands the copy's rule a contiguous clone of grad at the view."""
    _same(f"""
a = T.arange(12.).reshape(3, 4).requires_grad_()
b = a * 1
v = T.ones(b{key}.shape).requires_grad_()
b{key} = v
ga, gv = T.autograd.grad((b * 3).sum(), (a, v))
out.append((ga.stride(), gv.stride(), gv.tolist()))
""")


@pytest.mark.parametrize("shape", ["(3, 0)", "(0,)", "(2, 0, 3)"])
@pytest.mark.parametrize("indices", ["[1]", "[]", "0"])
def test_unravel_index_into_a_shape_without_elements(shape, indices):
    """PyTorch divides the indices by the sizes: with a size 0 that is refused as
    'ZeroDivisionError' unless there is no index at all."""
    _same(f"""
r = T.unravel_index(T.tensor({indices}, dtype=T.long), {shape})
out.append([(t.shape, t.stride()) for t in r])
""")


@pytest.mark.parametrize("name", ["cummax", "cummin"])
def test_cummax_into_an_expanded_inference_out_is_refused_after_the_write(name):
    """An inference tensor written outside inference_mode is refused, the values written."""
    _same(f"""
x = T.tensor([[3., 1., 4.], [1., 5., 9.], [2., 6., 5.]])
with T.inference_mode():
    v = T.zeros(3, 1)
try:
    T.{name}(x, 1, out=(v.expand(3, 3), T.zeros(3, 1, dtype=T.long).expand(3, 3)))
except RuntimeError as error:
    out.append(str(error))
out.append(v.tolist())
""")


def test_cummax_into_an_expanded_out_on_read_only_numpy_memory_writes_it():
    """PyTorch writes NumPy's read-only memory (it warned when the tensor was made)."""
    _same("""
import warnings
import numpy
x = T.tensor([[3., 1., 4.], [1., 5., 9.], [2., 6., 5.]])
block = numpy.zeros((3, 1), dtype=numpy.float32)
block.flags.writeable = False
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    v = T.from_numpy(block)
T.cummax(x, 1, out=(v.expand(3, 3), T.zeros(3, 1, dtype=T.long).expand(3, 3)))
out.append(block.tolist())
""")


@pytest.mark.parametrize("view", ["", "[1:]"])
def test_out_resized_on_read_only_numpy_memory_writes_it(view):
    """A smaller out= result lands in the NumPy array's memory, read-only or not."""
    _same(f"""
import warnings
import numpy
block = numpy.zeros(6, dtype=numpy.float32)
block.flags.writeable = False
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    o = T.from_numpy(block){view}
    T.add(T.ones(2, 2), 1, out=o)
out.append((block.tolist(), tuple(o.shape), o.stride()))
""")


@pytest.mark.parametrize("make_out", ["T.zeros(4, requires_grad=True)[:2]",
                                      "T.zeros(4, requires_grad=True)[1:].unsqueeze(0)[0, :2]",
                                      "(T.zeros(4, requires_grad=True) * 1)[:2]"])
def test_out_without_derivative_refuses_a_view_of_a_leaf_out(make_out):
    """A view of a leaf that requires grad, given as out= to an op without a derivative, gets
    the same out= error as the leaf itself (not the in-place 'a view of a leaf Variable'); a
    view of a non-leaf is written (its grad_fn AsStridedBackward0, as PyTorch)."""
    _same(f"""
o = {make_out}
try:
    T.floor_divide(T.tensor([1.5, -2.], requires_grad=True), 2, out=o)
    out.append((o.tolist(), type(o.grad_fn).__name__))
except RuntimeError as error:
    out.append(str(error))
""")


@pytest.mark.parametrize("how", ["x[0]", "x.detach()", "x.data", "x.t()", "x.view(2, 2)",
                                 "copy.copy(p)", "p.data", "x.clone()", "copy.deepcopy(p)",
                                 "T.ones(2)"])
def test_share_memory_marks_the_memory(how):
    """share_memory_() marks x's memory (PyTorch's storage): its views are shared too."""
    _same(f"""
import copy
x = T.ones(4).view(2, 2); p = T.nn.Parameter(T.ones(2))
x.share_memory_(); p.share_memory_()
out.append(({how}).is_shared())
""")
