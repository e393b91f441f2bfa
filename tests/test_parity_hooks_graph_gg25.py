"""Hooks and graph introspection compared with PyTorch live (helper gg, session 25).

What saved-tensor hooks see: PyTorch packs the further results an operation returns and
saves (layer and batch norm's statistics, max pooling's indices, log-sigmoid's buffer)
after the inputs, and a pooling's indices changed in place break backward.
"""

import numpy
import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")


def _describe(t):
    """What a pack hook can see of a tensor, comparable between the two libraries."""
    return (tuple(t.shape), str(t.dtype).split(".")[-1], t.requires_grad, t.grad_fn is not None)


def _packed(lib, build):
    """(what pack saw, in order; the shapes unpack saw) running ``build(lib)`` and backward."""
    packed, unpacked = [], []

    def pack(t):
        packed.append(_describe(t))
        return t

    def unpack(t):
        unpacked.append(tuple(t.shape))
        return t

    with lib.autograd.graph.saved_tensors_hooks(pack, unpack):
        out = build(lib)
        out.sum().backward()
    return packed, sorted(unpacked)


def _x(lib):
    return lib.tensor([[0.5, 1.5, 2.5], [1.2, 0.7, 3.1]], requires_grad=True)


PACKED_CASES = {
    "layer_norm": lambda t: t.nn.functional.layer_norm(_x(t), (3,)),
    "layer_norm_affine": lambda t: t.nn.functional.layer_norm(
        _x(t), (3,), t.ones(3, requires_grad=True), t.zeros(3, requires_grad=True)),
    "layer_norm_module": lambda t: t.nn.LayerNorm(3)(_x(t)),
    "batch_norm_module": lambda t: t.nn.BatchNorm1d(3)(_x(t)),
    "batch_norm_eval": lambda t: t.nn.BatchNorm1d(3).eval()(_x(t)),
    "batch_norm_no_running": lambda t: t.nn.functional.batch_norm(
        _x(t), None, None, t.ones(3, requires_grad=True), None, training=True),
    "batch_norm_running_eval": lambda t: t.nn.functional.batch_norm(
        _x(t), t.zeros(3), t.ones(3), training=False),
    "instance_norm": lambda t: t.nn.functional.instance_norm(_x(t).unsqueeze(0)),
    "max_pool2d": lambda t: t.nn.functional.max_pool2d(_x(t).view(1, 1, 2, 3), 2),
    "max_pool1d": lambda t: t.nn.functional.max_pool1d(_x(t).view(1, 2, 3), 2),
    "max_pool_module": lambda t: t.nn.MaxPool2d(1)(_x(t).view(1, 1, 2, 3)),
    "adaptive_max_pool2d": lambda t: t.nn.functional.adaptive_max_pool2d(
        _x(t).view(1, 1, 2, 3), 1),
    "logsigmoid": lambda t: t.nn.functional.logsigmoid(_x(t)),
    "cummax": lambda t: _x(t).cummax(1)[0],
    "cummin": lambda t: _x(t).cummin(0)[0],
    "cosine_similarity": lambda t: t.nn.functional.cosine_similarity(_x(t), _x(t).flip(0)),
}


@pytest.mark.parametrize("case", sorted(PACKED_CASES))
def test_saved_tensor_hooks_see_what_pytorch_saves_in_its_order(case):
    build = PACKED_CASES[case]
    assert _packed(ak, build) == _packed(torch, build)


POOLS = {
    "max_pool2d": lambda t, x: t.nn.functional.max_pool2d(
        x.view(1, 1, 2, 3), 2, return_indices=True),
    "max_pool1d": lambda t, x: t.nn.functional.max_pool1d(x.view(1, 2, 3), 2,
                                                          return_indices=True),
    "adaptive_max_pool2d": lambda t, x: t.nn.functional.adaptive_max_pool2d(
        x.view(1, 1, 2, 3), 1, return_indices=True),
}


def _after_indices_changed(lib, pool):
    x = _x(lib)
    out, indices = POOLS[pool](lib, x)
    indices.zero_()
    try:
        out.sum().backward()
    except RuntimeError as error:
        return str(error).replace("autograd_kit", "torch")
    return x.grad.tolist()


@pytest.mark.parametrize("pool", sorted(POOLS))
def test_a_pools_indices_changed_in_place_break_backward(pool):
    # (the kit used the changed indices: a wrong gradient, where PyTorch refuses)
    expected = _after_indices_changed(torch, pool)
    assert "modified by an inplace operation" in expected
    assert _after_indices_changed(ak, pool) == expected


def _saved_statistics(lib, build):
    """A node's further results before and after backward (values; freed error)."""
    out = build(lib)
    node = out.grad_fn
    names = sorted(n for n in dir(node) if n.startswith("_saved_result")
                   or n in ("_saved_buffer", "_saved_indices"))
    before = {n: getattr(node, n).detach().numpy().round(5).tolist() for n in names}
    raw = {n: type(getattr(node, n.replace("_saved_", "_raw_saved_"))).__name__ for n in names}
    out.sum().backward()
    after = {}
    for n in names:
        try:
            getattr(node, n)
        except RuntimeError as error:
            after[n] = str(error)[:60]
    return names, before, raw, after


@pytest.mark.parametrize("case", ["layer_norm_affine", "batch_norm_module", "batch_norm_eval",
                                  "max_pool2d", "adaptive_max_pool2d", "logsigmoid",
                                  "cummax"])
def test_saved_further_results_show_as_in_pytorch(case):
    build = PACKED_CASES[case]
    assert _saved_statistics(ak, build) == _saved_statistics(torch, build)


@pytest.mark.parametrize("case", ["layer_norm_affine", "batch_norm_module", "max_pool2d",
                                  "logsigmoid"])
def test_double_backward_through_the_saved_statistics(case):
    def grads(lib):
        x = _x(lib)
        y = {"layer_norm_affine": lambda: lib.nn.functional.layer_norm(
                 x, (3,), lib.tensor([1.0, 2.0, 3.0], requires_grad=True)),
             "batch_norm_module": lambda: lib.nn.functional.batch_norm(
                 x, None, None, lib.tensor([1.0, 2.0, 3.0], requires_grad=True),
                 training=True),
             "max_pool2d": lambda: lib.nn.functional.max_pool2d(x.view(1, 1, 2, 3), 2) ** 2,
             "logsigmoid": lambda: lib.nn.functional.logsigmoid(x)}[case]()
        (g,) = lib.autograd.grad((y * y).sum(), x, create_graph=True)
        (gg,) = lib.autograd.grad(g.pow(2).sum(), x)
        return g.detach().numpy(), gg.numpy()

    for mine, theirs in zip(grads(ak), grads(torch)):
        assert mine == pytest.approx(theirs, rel=1e-4, abs=1e-5)


def _attention_node(lib, given):
    """What the fused attention node packs and shows (values, names, freed), and q's grad."""
    rng = numpy.random.default_rng(0)
    q, k, v = (lib.tensor(rng.standard_normal((1, 2, 3, 4)).astype("float32"),
                          requires_grad=True) for _ in range(3))
    names = {id(q): "q", id(k): "k", id(v): "v"}
    kwargs = dict(given)
    if "attn_mask" in kwargs:
        kwargs["attn_mask"] = lib.tensor(kwargs["attn_mask"])
    packed = []

    def pack(t):
        packed.append(names.get(id(t)) or _describe(t))
        return t

    with lib.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        out = lib.nn.functional.scaled_dot_product_attention(q, k, v, **kwargs)
    node = out.grad_fn
    shown = {}
    for name in sorted(n for n in dir(node) if n.startswith("_saved_")):
        value = getattr(node, name)
        if hasattr(value, "shape"):
            value = (names.get(id(value)), _describe(value),
                     value.detach().numpy().round(4).tolist())
        shown[name] = value
    raw = sorted(n for n in dir(node) if n.startswith("_raw_saved_"))
    (out * out).sum().backward()
    freed = {}
    for name in shown:
        try:
            getattr(node, name)
        except RuntimeError as error:
            freed[name] = str(error)[:40]
    return node.name(), packed, shown, raw, freed, q.grad.numpy().round(4).tolist()


@pytest.mark.parametrize("given", [
    {}, {"is_causal": True}, {"scale": 0.7},
    {"attn_mask": [[True, False, True], [True, True, True], [False, True, True]]},
    {"attn_mask": [[0.0, -1.0, 0.5], [0.0, 0.0, 0.0], [2.0, 0.0, 0.0]]},
], ids=["plain", "causal", "scale", "bool_mask", "float_mask"])
def test_fused_attention_node_saves_what_pytorch_saves(given):
    # (the kit's node showed _saved_self/_saved_other and packed q, k, v only)
    assert _attention_node(ak, given) == _attention_node(torch, given)


def _determinant_node(lib, which, contiguous):
    """What det's / slogdet's node packs and shows (A, LU, pivots, result or sign)."""
    rng = numpy.random.default_rng(1)
    base = lib.tensor(rng.standard_normal((3, 3)).astype("float32"), requires_grad=True)
    a = base if contiguous else base.t()  # (PyTorch factors Aᵀ when A is contiguous)
    packed = []

    def pack(t):
        packed.append("A" if t is base else _describe(t))
        return t

    with lib.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        out = lib.linalg.det(a) if which == "det" else lib.linalg.slogdet(a)[1]
    node = out.grad_fn
    shown = {}
    for name in sorted(n for n in dir(node) if n.startswith("_saved_")):
        value = getattr(node, name)
        shown[name] = (_describe(value), value.detach().numpy().round(4).tolist())
    raw = sorted(n for n in dir(node) if n.startswith("_raw_saved_"))
    out.backward()
    with pytest.raises(RuntimeError, match="after they have already been freed"):
        _ = node._saved_LU
    return node.name(), packed, shown, raw, base.grad.numpy().round(4).tolist()


@pytest.mark.parametrize("contiguous", [True, False])
@pytest.mark.parametrize("which", ["det", "slogdet"])
def test_det_and_slogdet_save_the_lu_factors(which, contiguous):
    # (the kit's nodes showed _saved_self (and _saved_result): no A, LU or pivots)
    assert (_determinant_node(ak, which, contiguous)
            == _determinant_node(torch, which, contiguous))


def _solve_node(lib, contiguous, left, vector):
    """What linalg.solve's node packs and shows (A, LU, pivots, result, left), and grads."""
    rng = numpy.random.default_rng(2)
    base = lib.tensor(rng.standard_normal((3, 3)).astype("float32"), requires_grad=True)
    shape = (3,) if vector else (3, 2) if left else (2, 3)
    b = lib.tensor(rng.standard_normal(shape).astype("float32"), requires_grad=True)
    packed = []

    def pack(t):
        packed.append("A" if t is base else "B" if t is b else _describe(t))
        return t

    with lib.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        out = lib.linalg.solve(base if contiguous else base.t(), b, left=left)
    node = out.grad_fn
    shown = {}
    for name in sorted(n for n in dir(node) if n.startswith("_saved_")):
        value = getattr(node, name)
        shown[name] = ((_describe(value), value.detach().numpy().round(4).tolist())
                       if hasattr(value, "shape") else value)
    out.sum().backward()
    return (node.name(), packed, shown, base.grad.numpy().round(4).tolist(),
            b.grad.numpy().round(4).tolist())


@pytest.mark.parametrize(("contiguous", "left", "vector"), [
    (True, True, False), (True, True, True), (True, False, False), (False, True, False),
    (False, False, False)])
def test_solve_saves_the_lu_factors(contiguous, left, vector):
    # (the kit's node showed _saved_self and _saved_result: no A, LU, pivots or left)
    assert (_solve_node(ak, contiguous, left, vector)
            == _solve_node(torch, contiguous, left, vector))
