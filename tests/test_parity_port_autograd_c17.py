"""Scenarios of PyTorch's test_autograd.py (its later classes: in-place on views, device-type
tests, forward AD, custom Functions and views), run with the kit and with PyTorch live."""

import pytest

torch = pytest.importorskip("torch")

import autograd_kit as ak  # noqa: E402
from tests.parity_harness import assert_same  # noqa: E402


@pytest.mark.parametrize("make", [
    "b.unsafe_split(1)", "b.unsafe_split_with_sizes((1, 1, 1))", "b.unsafe_chunk(3)",
    "T.unsafe_split(b, 2, 1)", "T.unsafe_chunk(b, 2, dim=1)",
    "T.unsafe_split_with_sizes(b, [2, 1], dim=-1)",
])
def test_unsafe_split_pieces_may_change_in_place(make: str) -> None:
    # test_inplace_on_view_multi_output_unsafe: the pieces share b's memory but are not views
    assert_same(torch, ak, f"""
a = T.tensor([[1., 2., 3.], [4., 5., 6.], [7., 8., 9.]], requires_grad=True)
b = a + a
s = {make}
out.append((type(s).__name__, [type(x.grad_fn).__name__ for x in s]))
out.append([(x._is_view(), x._base is None, x.shape, x.stride(), x.storage_offset()) for x in s])
g = s[0].grad_fn
out.append(sorted((n, getattr(g, n)) for n in dir(g) if n.startswith('_saved')))
s[0].mul_(s[1]) if s[0].shape == s[1].shape else s[0].mul_(2)
out.append((b, b._version, s[0]._version, type(s[0].grad_fn).__name__))
s[0].sum().backward()
out.append(a.grad)
""")


def test_unsafe_split_of_plain_tensors_and_errors() -> None:
    assert_same(torch, ak, """
a = T.tensor([[1., 2.], [3., 4.]], requires_grad=True)
s = a.unsafe_split(1)
out.append([repr(x) for x in s])
s[0].mul_(2)
out.append((a, s[0]))
x = T.ones(4)
s = x.unsafe_split(2)
out.append([(p._is_view(), p._base is None, p._version) for p in s])
v = s[0].view(2, 1)
v.add_(1)
out.append((x, s[0]._version, v._version, x._version, v._base is s[0]))
for bad in (lambda: x.unsafe_split(0), lambda: T.unsafe_split(x, [1, 3]),
            lambda: x.unsafe_chunk(2.0), lambda: x.unsafe_chunk(0),
            lambda: x.unsafe_split_with_sizes(2), lambda: x.unsafe_split_with_sizes([1]),
            lambda: x.unsafe_split(1, 3)):
    try:
        out.append(bad())
    except Exception as e:
        out.append(f"{type(e).__name__}: {e}")
""")


@pytest.mark.parametrize("call", [
    "T.scatter_reduce(inp, 0, idx, src, 'prod')",
    "T.scatter_reduce(inp, 0, idx, src, 'prod', include_self=False)",
    "T.index_reduce(inp, 0, idx, src, 'prod')",
    "T.index_reduce(inp, 0, idx, src, 'prod', include_self=False)",
])
@pytest.mark.parametrize("zeros", ["[0., 0., 3.]", "[0., 2., 3.]"])
def test_prod_reductions_refuse_double_backward_through_two_zeros(call: str, zeros: str) -> None:
    # test_scatter_index_reduce_prod_gradgrad_error: PyTorch's DelayedError ("Error" node)
    assert_same(torch, ak, f"""
inp = T.tensor([1., 2.], dtype=T.float64, requires_grad=True)
src = T.tensor({zeros}, dtype=T.float64, requires_grad=True)
idx = T.tensor([0, 0, 1])
g = T.autograd.grad({call}.sum(), (inp, src))
out.append((g, g[1].requires_grad))
g = T.autograd.grad({call}.sum(), (inp, src), create_graph=True)
out.append((g, [type(n).__name__ for n, _ in g[1].grad_fn.next_functions]))
out.append(T.autograd.grad(g[0].sum(), src, retain_graph=True))
out.append(T.autograd.grad(g[1].sum(), (inp, src)))
""")


def test_prod_reduction_gradgradcheck_error() -> None:
    assert_same(torch, ak, """
inp = T.tensor([1.0], dtype=T.float64, requires_grad=True)
src = T.tensor([0.0, 0.0], dtype=T.float64, requires_grad=True)
idx = T.tensor([0, 0])
for fn in (T.scatter_reduce, T.index_reduce):
    out.append(T.autograd.gradcheck(fn, (inp, 0, idx, src, "prod"), check_batched_grad=False))
    try:
        T.autograd.gradgradcheck(fn, (inp, 0, idx, src, "prod"))
    except Exception as e:
        out.append(f"{type(e).__name__}: {e}")
""")


def test_make_dual_checks_in_pytorch_order() -> None:
    # test_set_fw_grad_having_own_fw_grad_at_same_level, test_size_check
    assert_same(torch, ak, """
fw = T.autograd.forward_ad
with fw.dual_level():
    d = fw.make_dual(T.rand(2), T.rand(2))
    for p, t in [(d, T.rand(3)), (T.rand(3), d), (d, d), (d * 2, T.rand(3)), (T.rand(3), d * 2),
                 (T.rand(2), d[0]), (T.rand(2), T.rand(3)), (T.rand(2), d)]:
        try:
            fw.make_dual(p, t)
            out.append('ok')
        except Exception as e:
            out.append(f"{type(e).__name__}: {e}")
""")


LAYOUTS = [
    ("T.randn(5)[:4].detach()", "T.randn(4)"),
    ("T.randn(3, 2).t()", "T.randn(2, 3)"),
    ("T.randn(2, 3)", "T.randn(3, 2).t()"),
    ("T.randn(5)[1:3]", "T.randn(5)[1:3]"),
    ("T.randn(5)[1:3]", "T.randn(4)[1:3]"),
    ("T.randn(5)[2:4]", "T.randn(5)[1:3]"),
    ("T.randn(1, 3)", "T.randn(3, 3)[:1]"),
    ("T.randn(3, 1)", "T.randn(3, 3)[:, :1]"),
    ("T.randn(3, 1)", "T.randn(1, 3).t()"),
    ("T.randn(3).expand(2, 3)", "T.randn(2, 3)"),
    ("T.randn(2, 3, requires_grad=True).t()", "T.randn(3, 2)"),
    ("T.ones(0).as_strided((0, 1), (1, 1), 0)", "T.ones(0).as_strided((0, 1), (1, 0), 0)"),
    ("T.tensor([1.0]).as_strided((0,), (1,), 1)", "T.tensor([1.0]).as_strided((0,), (1,), 2)"),
    ("T.tensor([1.0]).as_strided((1,), (2,), 0)", "T.tensor([1.0]).as_strided((1,), (1,), 0)"),
]


@pytest.mark.parametrize(("primal", "tangent"), LAYOUTS)
def test_make_dual_lays_the_tangent_out_as_the_primal(primal: str, tangent: str) -> None:
    # test_metadata_check_checks_storage_numel and its neighbours: a tangent laid out
    # otherwise than the primal is copied into the primal's layout (PyTorch's has_same_meta)
    assert_same(torch, ak, f"""
fw = T.autograd.forward_ad
T.manual_seed(0)
p, t = {primal}, {tangent}
with fw.dual_level():
    d = fw.make_dual(p, t)
    u = fw.unpack_dual(d).tangent
    out.append((u is t, u.stride(), u._is_view(), u.equal(t), u._version, t._version, u.dtype))
    if u.numel():  # (the kit's empty tensors keep no storage offset, see as_strided)
        out.append((u.storage_offset(), len(u.untyped_storage())))
    u.mul_(2)
    out.append((t._version, u._version, u.equal(t), fw.unpack_dual(d).tangent is u))
    out.append(fw.unpack_dual(d * 3).tangent.tolist())
""")


def test_dual_tensors_print_their_tangent() -> None:
    # test_print: str(dual) shows tangent=..., the primal and the tangent do not
    assert_same(torch, ak, """
fw = T.autograd.forward_ad
with fw.dual_level():
    a = T.tensor([1., 2., 3.])
    b = fw.make_dual(a, T.tensor([0.5, 0.25, 1.]))
    out.extend([str(a), str(b), repr(b * 2)])
    bp, bt = fw.unpack_dual(b)
    out.extend([str(bp), str(bt)])
    d = fw.make_dual(T.tensor([1., 2., 3.], dtype=T.float64), T.tensor([0.5, 0.25, 1.],
                                                                         dtype=T.float64))
    out.extend([repr(d * d), repr(d.sum()), repr(d[0]), repr((d > 1))])
    c = fw.make_dual(T.arange(30.).reshape(5, 6), T.ones(5, 6))
    out.extend([repr(c), repr(c.exp())])
    e = fw.make_dual(T.tensor(2.), T.tensor(1.))
    out.extend([repr(e), repr(e * T.tensor([1., 2.])), repr(e.detach()), f"{e}"])
    out.extend([repr(T.tensor([1., 2.]) + 1), repr(T.tensor([1., 2.], requires_grad=True) * 2)])
    out.append(repr(fw.make_dual(T.zeros(2, 0), T.zeros(2, 0))))
    out.append(repr(fw.make_dual(T.ones(1000), T.ones(1000))))
out.extend([repr(b), repr(e)])
""")


def test_resize_of_tensors_that_require_grad_inside_inference_mode() -> None:
    # test_inference_mode_inf_tensor_in_inf_mode_inplace_op: inference_mode skips the
    # autograd kernel, and so its "cannot resize variables that require grad"
    assert_same(torch, ak, """
with T.inference_mode():
    for rg in (True, False):
        c = T.ones(1, 2, 3, requires_grad=rg)
        c.resize_(1, 2)
        out.append((c.shape, c.requires_grad, T.is_inference(c)))
        c.resize_as_(T.ones(3))
        out.append((c.shape, c.requires_grad))
    x = T.ones(3, requires_grad=True)
    x.resize_(2)
    out.append((x.shape, x._version, x.is_leaf))
x = T.ones(3, requires_grad=True)
for resize in (lambda t: t.resize_(2), lambda t: t.resize_as_(T.ones(2))):
    for t in (x, x * 2):
        try:
            resize(t)
        except Exception as e:
            out.append(f"{type(e).__name__}: {e}")
        with T.no_grad():
            try:
                resize(t)
            except Exception as e:
                out.append(f"{type(e).__name__}: {e}")
        with T.inference_mode():
            resize(t)
            out.append((t.shape, t._version))
""")


@pytest.mark.parametrize("made", ["inf", "nograd", "normal"])
@pytest.mark.parametrize("changed", ["inf", "nograd", "normal"])
def test_views_after_a_change_in_place_in_each_mode(made: str, changed: str) -> None:
    # test_normal_tensor_view_output_in_inference_mode and the rebase tests: a change made
    # inside inference_mode to a normal tensor moves its version on, as under no_grad, so its
    # views get a new history (AsStridedBackward0), or refuse to when made without recording
    assert_same(torch, ak, f"""
def mode(m):
    return T.inference_mode() if m == "inf" else T.no_grad() if m == "nograd" else T.enable_grad()
for who in ("view", "base", "other"):
    s = T.ones(2, 3, requires_grad=True)
    a = s.clone()
    with mode("{made}"):
        v = a.view(-1)
        o = a[0]
    try:
        with mode("{changed}"):
            {{"view": v, "base": a, "other": o}}[who].mul_(2)
        out.append((a._version, v._version, T.is_inference(v)))
    except Exception as e:
        out.append(f"{{type(e).__name__}}: {{e}}")
    for read in (lambda: type(v.grad_fn).__name__, lambda: v.is_leaf, lambda: v.requires_grad):
        try:
            out.append(read())
        except Exception as e:
            out.append(f"{{type(e).__name__}}: {{e}}")
    try:
        (v * 1).sum().backward()
        out.append(s.grad)
    except Exception as e:
        out.append(f"{{type(e).__name__}}: {{e}}")
""")


def test_forward_ad_helper_history_is_not_printed() -> None:
    # what PyTorch prints inside a level: no grad_fn for tensors computed from plain duals,
    # with or without a tangent
    assert_same(torch, ak, """
fw = T.autograd.forward_ad
a = T.tensor([1.0]).as_strided((1,), (2,), 0)
b = T.tensor([1.0]).as_strided((1,), (1,), 0)
with fw.dual_level():
    di = fw.make_dual(a, b)
    out.extend([repr(di[1:]), repr(di[0:])])
    e = fw.make_dual(T.zeros(0), T.zeros(0))
    out.extend([repr(e), repr(e * 2)])
    d = fw.make_dual(T.tensor([1., 2.]), T.tensor([3., 4.]))
    out.extend([repr(d > 1), repr(d.detach()), repr(d.argmax()), repr(d.sum() * 0),
                repr(d[0] * 0 + T.tensor(5.)), repr(fw.unpack_dual(d).primal)])
""")


def test_unsafe_split_in_each_mode() -> None:
    assert_same(torch, ak, """
x = T.ones(4, 2)
with T.inference_mode():
    s = x.unsafe_split(2)
    out.append([(T.is_inference(p), p._is_view(), p.requires_grad, p._base is x) for p in s])
    s2 = T.ones(4).unsafe_chunk(2)
    out.append([(T.is_inference(p), p._is_view()) for p in s2])
y = T.ones(4, 2, requires_grad=True)
with T.no_grad():
    s = y.unsafe_split(2)
    out.append([(p._is_view(), p.requires_grad, p.grad_fn, p._base is None) for p in s])
    s[0].add_(1)
out.append(y.tolist())
z = y * 1
s = z.unsafe_chunk(2, 1)
z.mul_(2)
out.append([(p._version, type(p.grad_fn).__name__) for p in s])
out.append(z._version)
(s[0] * s[0]).sum().backward()
out.append(y.grad)
""")
