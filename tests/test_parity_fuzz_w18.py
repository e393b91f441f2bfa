"""Parity with PyTorch for corners found by the differential autograd fuzzer (helper w,
seeds 450 and up): backward rules recorded under create_graph, and what gradients are."""

from __future__ import annotations

import pytest

torch = pytest.importorskip("torch")

import autograd_kit as ak  # noqa: E402

LIBS = [torch, ak]


def names(fn, depth: int = 0):
    """The graph below a node, as (name, [children]) down a few levels."""
    if fn is None or depth > 5:
        return None
    return (type(fn).__name__, [names(f, depth + 1) for f, _ in fn.next_functions])


def both(build):
    """Run build(lib) with torch and with the kit and return the two results (an error as
    its type and message, the kit's name read as torch's)."""
    def outcome(lib):
        try:
            return build(lib)
        except Exception as error:  # noqa: BLE001
            return f"{type(error).__name__}: {error}".replace("autograd_kit", "torch")

    return outcome(torch), outcome(ak)


@pytest.mark.parametrize("dtype", ["float32", "float64"])
@pytest.mark.parametrize("weight", [0.3, "tensor", "0-dim"])
def test_lerp_backward_recorded_as_cpp_writes_it(dtype, weight):
    def build(lib):
        dt = getattr(lib, dtype)
        a = lib.tensor([1.25, 2.5, -0.75], dtype=dt, requires_grad=True)
        b = lib.tensor([3.0, -5.5, 0.125], dtype=dt, requires_grad=True)
        w = {0.3: 0.3, "tensor": lib.tensor([0.3, 0.6, 0.9], dtype=dt, requires_grad=True),
             "0-dim": lib.tensor(0.3, dtype=dt, requires_grad=True)}[weight]
        g = lib.tensor([1.0, 0.5, 2.0], dtype=dt, requires_grad=True)
        ins = [a, b] + ([w] if weight == "tensor" else [])
        grads = lib.autograd.grad(a.lerp(b, w), ins, g, create_graph=True)
        return [(names(x.grad_fn), x.tolist(), str(x.dtype).split(".")[-1]) for x in grads]

    t, k = both(build)
    assert k == t


def described(g):
    """What a returned gradient is: values, strides, version, view-ness, base shape, graph."""
    if g is None:
        return None
    base = None if g._base is None else tuple(g._base.shape)
    return (g.tolist(), g.stride(), g._version, g._is_view(), base, names(g.grad_fn))


AS_STRIDED_INPUTS = {
    "leaf": lambda w: w,
    "product": lambda w: w * 1,
    "transposed": lambda w: (w * 1).t(),
    "expanded": lambda w: (w[:1] * 1).expand(3, 4),
    "sliced": lambda w: (w * 1)[1:, 1:],
    "column": lambda w: (w * 1)[:, 2],
}
AS_STRIDED_READS = [((2, 2), (1, 2), 1), ((2, 2), (0, 1), 1), ((3,), (1,), None),
                    ((2, 1, 2), (4, 7, 1), 0), ((2, 3), (1, 1), 0), ((0, 2), (1, 1), 0),
                    ((1,), (1,), 5)]


@pytest.mark.parametrize("create_graph", [False, True])
@pytest.mark.parametrize("read", AS_STRIDED_READS, ids=str)
@pytest.mark.parametrize("made", list(AS_STRIDED_INPUTS))
def test_as_strided_gradient_is_a_view_of_a_zero_block(made, read, create_graph):
    """PyTorch's as_strided_backward writes the gradient into a zero block and returns the
    block read with the input's geometry: a view, version 1 (2 where the input reads a place
    twice and is divided by the count), under create_graph AsStridedBackward0 → CopySlices."""
    size, stride, offset = read

    def build(lib):
        w = lib.arange(1.0, 13.0, dtype=lib.float64).reshape(3, 4).requires_grad_()
        x = AS_STRIDED_INPUTS[made](w)
        v = x.as_strided(size, stride, offset)
        go = lib.arange(1.0, 1.0 + v.numel(), dtype=lib.float64).reshape(v.shape)
        go.requires_grad_(create_graph)
        (g,) = lib.autograd.grad(v, x, go, create_graph=create_graph)
        out = [described(g)]
        if create_graph and g.requires_grad:
            out.append(described(lib.autograd.grad(g.sum(), go, allow_unused=True)[0]))
        (v * go.detach()).sum().backward()
        return out + [w.grad.tolist(), w.grad._version]

    t, k = both(build)
    assert k == t


def _view_of_a_changed_base(lib, create_graph):
    w = lib.arange(1.0, 10.0).reshape(3, 3).requires_grad_()
    x = w.clone()
    d = x.diagonal()
    with lib.no_grad():
        x.mul_(2)  # d's history is now AsStridedBackward0 (x read at d's places)
    go = lib.ones(3, requires_grad=create_graph)
    (g,) = lib.autograd.grad(d, x, go, create_graph=create_graph)
    return type(d.grad_fn).__name__, described(g)


@pytest.mark.parametrize("create_graph", [False, True])
def test_view_of_a_changed_base_sends_its_gradient_as_pytorch(create_graph):
    t, k = both(lambda lib: _view_of_a_changed_base(lib, create_graph))
    assert k == t


def test_leaf_grad_through_a_changed_view_has_version_one():
    """w.grad taken (detached) from the block: version 1, not a view."""
    def build(lib):
        w = lib.tensor([1.0, 2.0, 3.0], requires_grad=True)
        v = w[:2]
        with lib.no_grad():
            v.mul_(1)
        v.sum().backward()
        return type(v.grad_fn).__name__, described(w.grad)

    t, k = both(build)
    assert k == t


def test_double_backward_through_a_view_changed_in_place():
    def build(lib):
        w = lib.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
        x = w ** 2
        v = x.t()
        x.add_(1)
        (g,) = lib.autograd.grad((v ** 2).sum(), w, create_graph=True)
        (gg,) = lib.autograd.grad(g.sum(), w)
        return described(g), described(gg)

    t, k = both(build)
    assert k == t


def _leaf_view_written_from_itself(lib):
    w = lib.tensor([1.0, 2.0, 3.0], requires_grad=True)
    v = w[:2]
    v[...] = w[1:]


def _flattened_written_from_its_base(lib):
    x = lib.ones(2, 3)
    flat = x.flatten()
    flat[...] = x


def _row_written_from_its_transpose(lib):
    x = lib.ones(2, 3)
    x[0] = x.t()


def _piece_written_from_an_overlapping_piece(lib):
    x = lib.arange(6.0)
    x[1:] = x[:5].view(1, 5)


@pytest.mark.parametrize("write", [_leaf_view_written_from_itself,
                                   _flattened_written_from_its_base,
                                   _row_written_from_its_transpose,
                                   _piece_written_from_an_overlapping_piece])
def test_assignment_checks_in_pytorchs_order(write):
    """x[key] = value: PyTorch expands the value first, then autograd checks the change (a
    view of a leaf), and only then does the copy refuse overlapping memory."""
    t, k = both(write)
    assert k == t


def _column_after(change):
    def build(lib):
        w = lib.zeros(3, 2)
        col = w[:, 0]
        change(lib, w, col)
        w.requires_grad_()
        node = None if col.grad_fn is None else type(col.grad_fn).__name__
        state = (col.requires_grad, col.is_leaf, node, col._version)
        (col * lib.arange(1.0, 4.0)).sum().backward()
        return state, None if w.grad is None else w.grad.tolist()
    return build


def _filled_under_no_grad(lib, w, col):
    with lib.no_grad():
        w.fill_(1.5)


def _view_changed(lib, w, col):
    col.mul_(2)


def _through_detach(lib, w, col):
    w.detach().mul_(2)


def _view_unsqueezed_in_place(lib, w, col):
    col.unsqueeze_(0)


def _unchanged(lib, w, col):
    pass


@pytest.mark.parametrize("change", [_filled_under_no_grad, _view_changed, _through_detach,
                                    _view_unsqueezed_in_place, _unchanged])
def test_view_changed_before_its_base_requires_grad(change):
    """PyTorch remakes a view's grad_fn (AsStridedBackward0) when the view's version moved
    on since it was made, once its base requires grad: so w = zeros(3, 2); col = w[:, 0];
    w.fill_(...) under no_grad; w.requires_grad_() sends col's gradient to w (the kit left col
    a leaf whose edge led nowhere: w.grad stayed None). An unchanged view stays such a leaf."""
    t, k = both(_column_after(change))
    assert k == t


def _expanded_copied_onto_itself(lib):
    x = lib.tensor([1.0, 2.0, 3.0])
    e = x.expand(2, 3)
    e.copy_(e)
    return x.tolist(), x._version, e._version


def _expanded_copied_from_the_same_expand(lib):
    x = lib.tensor([1.0, 2.0, 3.0])
    x.expand(2, 3).copy_(x.expand(2, 3))
    return x.tolist(), x._version


def _expanded_copied_from_another_layout(lib):
    x = lib.tensor([1.0, 2.0, 3.0, 4.0])
    x[:2].expand(2, 2).copy_(x[2:].expand(2, 2))
    return x.tolist()


def _expanded_in_graph_copied_onto_itself(lib):
    w = lib.tensor([1.0, 2.0, 3.0], requires_grad=True)
    x = w * 1
    e = x.expand(2, 3)
    e.copy_(e)
    state = (type(x.grad_fn).__name__, type(e.grad_fn).__name__, x._version)
    (x * lib.tensor([1.0, 2.0, 3.0])).sum().backward()
    return state, w.grad.tolist()


@pytest.mark.parametrize("copy", [_expanded_copied_onto_itself,
                                  _expanded_copied_from_the_same_expand,
                                  _expanded_copied_from_another_layout,
                                  _expanded_in_graph_copied_onto_itself])
def test_copy_of_the_same_elements_into_an_expanded_tensor(copy):
    """PyTorch's copy_ returns early when source and target read the same elements in the
    same layout (counting the change), before refusing a target whose elements share
    memory; the kit refused e.copy_(e) for an expanded e."""
    t, k = both(copy)
    assert k == t


def _data_alias_added_a_view(lib):
    w = lib.tensor([1.5, -0.5, 0.75], requires_grad=True)
    alias = w.float().data
    alias.add_(w[0])
    return w.tolist()


def _data_view_times_the_tensor(lib):
    x = lib.tensor([1.5, -0.5, 0.75])
    x.data[1:].mul_(x[:2])
    return x.tolist()


def _detached_view_plus_the_tensor(lib):
    x = lib.tensor([1.5, -0.5, 0.75])
    x.detach()[1:].add_(x[:2])
    return x.tolist()


def _data_alias_plus_the_whole_tensor(lib):
    x = lib.tensor([1.5, -0.5, 0.75])
    x.data.add_(x)
    return x.tolist()


@pytest.mark.parametrize("write", [_data_alias_added_a_view, _data_view_times_the_tensor,
                                   _detached_view_plus_the_tensor,
                                   _data_alias_plus_the_whole_tensor])
def test_overlap_seen_through_data_and_detach_aliases(write):
    """PyTorch refuses an in-place op whose input shares part of the written memory, also
    when one side is reached through ``.data`` or ``detach()`` (another version counter);
    the kit looked only at tensors sharing the written one's version counter."""
    t, k = both(write)
    assert k == t


def _flattened_scalar_scaled(lib):
    w = lib.tensor(1.5, requires_grad=True)
    y = w * 1
    y.flatten().mul_(3)
    y.backward()
    return w.grad.tolist(), type(y.grad_fn).__name__


def _unsqueezed_scalar_times_w(lib):
    w = lib.tensor(1.5, requires_grad=True)
    y = w * 1
    y.unsqueeze(0).mul_(w)
    y.backward()
    return w.grad.tolist()


def _scalar_viewed_2d_row_added(lib):
    w = lib.tensor(1.5, requires_grad=True)
    y = w * 1
    y.view(1, 1)[0].add_(2)
    y.backward()
    return w.grad.tolist()


@pytest.mark.parametrize("change", [_flattened_scalar_scaled, _unsqueezed_scalar_times_w,
                                    _scalar_viewed_2d_row_added])
def test_view_of_a_zero_dim_tensor_changed_in_place(change):
    """A (1,)-shaped view of a 0-dim tensor changed in place: CopySlices sends the view's
    gradient in the view's shape (the kit's rule got a 0-dim gradient: 'invalid gradient')."""
    t, k = both(change)
    assert k == t


def _scalar_masked_scatter(lib):
    w = lib.tensor(-1.04, dtype=lib.float64, requires_grad=True)
    y = w * 1
    y.masked_scatter_(y < 0, lib.tensor(5.0, dtype=lib.float64))
    return y.tolist(), type(y.grad_fn).__name__


def _scalar_masked_scatter_plain(lib):
    y = lib.tensor(-1.04)
    y.masked_scatter_(lib.tensor(True), lib.tensor(5.0))
    return y.tolist()


@pytest.mark.parametrize("scatter", [_scalar_masked_scatter, _scalar_masked_scatter_plain])
def test_masked_scatter_into_a_zero_dim_tensor(scatter):
    t, k = both(scatter)
    assert k == t
