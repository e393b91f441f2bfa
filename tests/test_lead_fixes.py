"""Kit-only checks of the lead's parity fixes (the PyTorch behaviour each one matches)."""

from __future__ import annotations

import pytest

import autograd_kit as ak


def test_a_device_never_equals_a_string() -> None:
    cpu = ak.device("cpu")
    assert cpu != "cpu" and "cpu" != cpu and not (cpu == "cpu")
    assert cpu == ak.device("cpu") and ak.device("cuda:0") == ak.device("cuda", 0)
    assert ak.ones(1).device == cpu and str(ak.ones(1).device) == "cpu"


def test_older_svd_and_qr_have_their_own_result_types() -> None:
    x = ak.tensor([[3.0, 1.0], [1.0, 3.0]])
    u, s, v = result = ak.svd(x)
    assert type(result).__name__ == "svd" and isinstance(result, ak.return_types.svd)
    assert result.V is v and s.tolist() == [4.0, 2.0]
    assert repr(result).startswith("autograd_kit.return_types.svd(\nU=")
    assert type(ak.linalg.svd(x)).__name__ == "linalg_svd"
    q = ak.qr(x)
    assert type(q).__name__ == "qr" and isinstance(q, ak.return_types.qr)
    assert type(ak.linalg.qr(x)).__name__ == "linalg_qr"


def test_a_view_of_an_inference_tensor_has_no_base() -> None:
    with ak.inference_mode():
        a = ak.ones(4)
        v = a[1:]
    assert v._base is None and v.is_inference()
    with ak.inference_mode():
        a.add_(1)
    assert v.tolist() == [2.0, 2.0, 2.0]  # the memory is still shared
    b = ak.ones(4)
    with ak.inference_mode():
        w = b[1:]
    assert w._base is b and not w.is_inference()


def test_views_share_one_storage() -> None:
    x = ak.arange(6.0).reshape(2, 3)
    col = x[:, 1]
    block = x.untyped_storage()
    assert col.untyped_storage().data_ptr() == block.data_ptr() and col.storage_offset() == 1
    assert block.nbytes() == len(block) == 24 and block.element_size() == 1
    assert x.clone().untyped_storage().data_ptr() != block.data_ptr()
    assert block[4:8].tolist() == [0, 0, 128, 63]  # 1.0 as float32, little-endian
    assert str(ak.tensor([1, 2]).storage()) == (
        " 1\n 2\n[autograd_kit.storage.TypedStorage(dtype=autograd_kit.int64, device=cpu) "
        "of size 2]")
    assert str(ak.tensor([]).untyped_storage()).endswith("UntypedStorage(device=cpu) of size 0]")
    with pytest.raises(IndexError, match="index 12 out of range for storage of size 12"):
        ak.arange(3.0).untyped_storage()[12]
    from autograd_kit import scalar_warning

    scalar_warning.forget()  # (PyTorch warns the first time only: as in a new process)
    with pytest.warns(UserWarning, match="TypedStorage is deprecated"):
        assert ak.arange(3.0).storage().tolist() == [0.0, 1.0, 2.0]


def test_gradient_by_finite_differences() -> None:
    x = ak.tensor([1.0, 4.0, 9.0, 16.0], requires_grad=True)
    (slope,) = ak.gradient(x)
    assert slope.tolist() == [3.0, 4.0, 6.0, 7.0]  # ends one-sided, inside central
    assert slope.grad_fn.name() == "CatBackward0"
    assert [n.name() for n, _ in slope.grad_fn.next_functions] == ["DivBackward1"] * 3
    slope.sum().backward()
    assert x.grad.tolist() == [-1.5, 0.5, -0.5, 1.5]
    assert ak.gradient(x, edge_order=2)[0].tolist() == [2.0, 4.0, 6.0, 8.0]  # exact for x²
    uneven = ak.gradient(x.detach(), spacing=(ak.tensor([0.0, 1.0, 3.0, 4.0]),))[0]
    assert [round(v, 4) for v in uneven.tolist()] == [3.0, 2.8333, 5.5, 7.0]
    rows, cols = ak.gradient(ak.arange(12.0).reshape(3, 4), spacing=[1.0, 2.0])
    assert rows.tolist() == [[4.0] * 4] * 3 and cols.tolist() == [[0.5] * 4] * 3
    with pytest.raises(RuntimeError, match="at least edge_order"):
        ak.gradient(ak.tensor([1.0]))
    with pytest.raises(RuntimeError, match="only supports edge_order=1 and edge_order=2"):
        ak.gradient(x, edge_order=3)


def test_histogram_counts_and_its_node_without_derivative() -> None:
    x = ak.tensor([1.0, 2.0, 1.0], requires_grad=True)
    hist, edges = ak.histogram(x, bins=4, range=(0.0, 3.0))
    assert hist.tolist() == [0.0, 2.0, 1.0, 0.0] and edges.tolist() == [0.0, 0.75, 1.5, 2.25, 3.0]
    assert hist.grad_fn.name() == "torch::autograd::NotImplemented"  # (its C++ name)
    assert len(hist.grad_fn.next_functions) == 1
    with pytest.raises(RuntimeError, match="derivative for aten::histogram is not implemented"):
        hist.sum().backward()
    assert ak.histogram(ak.tensor([5.0, 5.0]), 2).bin_edges.tolist() == [4.5, 5.0, 5.5]
    with pytest.raises(NotImplementedError, match="\"histogramdd\" not implemented for 'Long'"):
        ak.histogram(ak.tensor([1, 2]), 3)


def test_angle_of_real_numbers() -> None:
    a = ak.tensor([-1.0, 0.0, 2.0, float("nan")], requires_grad=True)
    r = a.angle()
    assert r.grad_fn.name() == "AngleBackward0"
    values = r.tolist()
    assert [round(v, 4) for v in values[:3]] == [3.1416, 0.0, 0.0] and values[3] != values[3]
    r.sum().backward()
    assert a.grad.tolist() == [0.0] * 4
    assert ak.angle(ak.tensor([1, -2])).dtype == ak.float32


def test_matrix_norms_from_singular_values() -> None:
    a = ak.tensor([[3.0, 0.0], [0.0, -4.0]], requires_grad=True)  # singular values 4 and 3
    assert ak.linalg.matrix_norm(a, "nuc").item() == 7.0
    assert ak.linalg.matrix_norm(a, 2).item() == 4.0 and ak.linalg.matrix_norm(a, -2).item() == 3.0
    two = ak.linalg.norm(a, 2)
    assert two.grad_fn.name() == "AmaxBackward0"
    two.backward()  # d max σ / dA = u vᵀ for the largest σ
    assert a.grad.tolist() == [[0.0, 0.0], [0.0, -1.0]]
    batch = ak.arange(12.0).reshape(2, 3, 2)
    kept = ak.linalg.matrix_norm(batch, "nuc", dim=(0, 2), keepdim=True)
    assert tuple(kept.shape) == (1, 3, 1)
    with pytest.raises(RuntimeError, match="Order abc not supported"):
        ak.linalg.matrix_norm(a, "abc")


def test_cond_of_a_singular_matrix_is_infinite() -> None:
    singular = ak.tensor([[1.0, 2.0], [2.0, 4.0]])
    for p in ("fro", 1, -1, float("inf")):
        assert ak.linalg.cond(singular, p).item() == float("inf")
    a = ak.tensor([[4.0, 1.0], [2.0, 3.0]], requires_grad=True)
    nuc = ak.linalg.cond(a, "nuc")  # Σσ · Σ1/σ
    assert abs(nuc.item() - 5.0) < 1e-5 and nuc.grad_fn.name() == "MulBackward0"


def test_inv_ex_reports_each_singular_matrix_of_a_batch() -> None:
    batch = ak.tensor([[[1.0, 2.0], [2.0, 4.0]], [[4.0, 1.0], [2.0, 3.0]]], requires_grad=True)
    inverse, info = ak.linalg.inv_ex(batch)
    assert info.tolist() == [2, 0] and info.dtype == ak.int32  # the first zero pivot
    assert inverse.grad_fn.name() == "LinalgInvExBackward0"
    assert [round(v, 4) for v in inverse[1].flatten().tolist()] == [0.3, -0.1, -0.2, 0.4]
    assert ak.linalg.cond(batch, 1).tolist() == [float("inf"), 3.0]
    with pytest.raises(ak.linalg.LinAlgError,
                       match=r"linalg.inv_ex: \(Batch element 0\): The diagonal element 2"):
        ak.linalg.inv_ex(batch, check_errors=True)


def test_inv_ex_backward() -> None:
    a = ak.tensor([[4.0, 1.0], [2.0, 3.0]], requires_grad=True)
    ak.linalg.inv_ex(a).inverse.sum().backward()
    assert [[round(v, 4) for v in row] for row in a.grad.tolist()] == [[-0.02, -0.02],
                                                                        [-0.06, -0.06]]


def test_paths_add_up_in_place_when_nothing_else_holds_the_gradient() -> None:
    """As in PyTorch: the engine writes the second path's gradient into the first one when
    no one else can see it (its version moves on); otherwise it makes a new tensor."""
    w = ak.tensor(1.0, requires_grad=True)
    (w * w).backward()
    assert w.grad.item() == 2.0 and w.grad._version == 1
    w = ak.tensor(1.0, requires_grad=True)
    (w * w * w).backward()
    assert w.grad.item() == 3.0 and w.grad._version == 2
    q = ak.ones(2, requires_grad=True)
    (q + q).sum().backward()  # one tensor sent along both edges: never added into itself
    assert q.grad.tolist() == [2.0, 2.0] and q.grad._version == 0
    y = ak.ones(3, requires_grad=True)
    kept: list = []
    z = y * 2
    z.register_hook(kept.append)  # a hook holding the gradient: left untouched
    (z * z + z).sum().backward()
    assert y.grad.tolist() == [10.0] * 3 and kept[0].tolist() == [5.0] * 3


def test_stepping_keeps_each_sent_gradient_as_it_was() -> None:
    """The widget's records hold every gradient sent, so none is added into later."""
    w = ak.tensor(1.0, requires_grad=True)
    steps = list(ak.engine.backward_steps(w * w))
    sent = [s.gradient.item() for step in steps for s in step.sent if s.gradient is not None]
    assert sent == [1.0, 1.0] and w.grad.item() == 2.0


class _Same(ak.autograd.Function):
    @staticmethod
    def forward(ctx, x):  # noqa: ANN001, ANN205
        return x

    @staticmethod
    def backward(ctx, g):  # noqa: ANN001, ANN205
        return g


class _Rows(ak.autograd.Function):
    @staticmethod
    def forward(ctx, x):  # noqa: ANN001, ANN205
        return x[0], x[1]

    @staticmethod
    def backward(ctx, g1, g2):  # noqa: ANN001, ANN205
        return ak.stack([g1, g2])


def test_custom_function_views_refuse_a_changed_base() -> None:
    b = ak.ones(2, requires_grad=True) * 1
    y = _Same.apply(b)  # an input returned as it is: a view of it
    b.add_(1)
    with pytest.raises(RuntimeError, match="Output 0 of _Same is a view and its base"):
        _ = y.grad_fn
    u, _ = _Rows.apply(ak.ones(2, 3, requires_grad=True) * 1)
    with pytest.raises(RuntimeError, match="output of a function that returns multiple views"):
        u.add_(1)
