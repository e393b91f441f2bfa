"""Parity hunt (tensors and operations): scenarios a learner following PyTorch's tutorials
meets, checked against PyTorch itself where it is installed, or against plain expected values."""

from __future__ import annotations

import pytest

import autograd_kit as ak


@pytest.mark.parametrize("where", ["cpu:0", "cpu:1", ak.device("cpu", 0)])
def test_to_an_indexed_cpu_device_stays_on_the_cpu(where: object) -> None:
    """``'cpu:0'`` names the CPU: ``.to`` gives a copy there (as in PyTorch, where the index
    differing from the tensor's own makes ``.to`` copy instead of returning the tensor)."""
    t = ak.ones(2)
    moved = t.to(where)
    assert moved is not t and moved.tolist() == [1.0, 1.0]
    assert moved.device == ak.device("cpu")
    moved = t.to(where, ak.float64)
    assert moved.dtype == ak.float64 and moved.tolist() == [1.0, 1.0]


def test_creation_on_an_indexed_cpu_device() -> None:
    """``tensor(..., device='cpu:0')`` builds the tensor on the CPU."""
    t = ak.tensor([1.0, 2.0], device="cpu:0")
    assert repr(t) == "tensor([1., 2.])" and t.device == ak.device("cpu")
    model = ak.nn.Linear(2, 1).to("cpu:0")
    assert model.weight.device == ak.device("cpu")


def test_indexed_cpu_device_against_torch() -> None:
    torch = pytest.importorskip("torch")
    for lib in (torch, ak):
        t = lib.ones(2, requires_grad=True)
        out = t.to("cpu:0", lib.float64)
        assert (repr(out).replace("autograd_kit", "torch")
                == "tensor([1., 1.], dtype=torch.float64, grad_fn=<ToCopyBackward0>)")
        assert str(out.device) == "cpu"


@pytest.mark.parametrize("shape", [(5, 3), (3, 5), (6, 1), (1, 4), (3, 3)])
def test_trace_gradient_stays_on_the_diagonal(shape: tuple[int, int]) -> None:
    """trace's gradient is 1 on the min(n, m) diagonal places only (a tall matrix's rows
    below the diagonal get 0, not a wrapped-around 1)."""
    x = ak.ones(*shape, requires_grad=True)
    x.trace().backward()
    n, m = shape
    assert x.grad.tolist() == [[float(i == j) for j in range(m)] for i in range(n)]


def test_trace_gradient_against_torch() -> None:
    torch = pytest.importorskip("torch")
    grads = []
    for lib in (torch, ak):
        x = lib.arange(18.0).reshape(6, 3).requires_grad_()
        (x.trace() * 2).backward()
        grads.append(x.grad.tolist())
    assert grads[0] == grads[1]


ONE_DIM_CALLS = [
    ("argmax", (), ()), ("argmin", (), ()), ("cumsum", (), ()), ("cumprod", (), ()),
    ("cummax", (), ()), ("logcumsumexp", (), ()), ("unsqueeze", (), ()), ("topk", (2,), ()),
    ("kthvalue", (1,), ()), ("median", (), ()), ("mode", (), ()), ("select", (), (0,)),
    ("unbind", (), ()), ("chunk", (2,), ()),
]


@pytest.mark.parametrize(("name", "before", "after"), ONE_DIM_CALLS)
@pytest.mark.parametrize("dim", [(0, 1), 1.5])
def test_a_dim_that_is_not_an_int_against_torch(name: str, before: tuple, after: tuple,
                                                dim: object) -> None:
    """NumPy's habit ``x.argmax(axis=(0, 1))`` on a method that takes one dim: PyTorch's
    TypeError naming the argument (with its position when given by position)."""
    torch = pytest.importorskip("torch")
    messages = []
    for lib in (torch, ak):
        x = lib.ones(2, 3, 4)
        method = getattr(x, name)
        with pytest.raises(TypeError) as by_position:
            method(*before, dim, *after)
        with pytest.raises(TypeError) as by_name:
            method(*before, *after, dim=dim)
        messages.append((str(by_position.value), str(by_name.value)))
    assert messages[0] == messages[1]


def test_argmax_dim_not_an_int_plain() -> None:
    x = ak.ones(2, 3)
    with pytest.raises(TypeError, match=r"^argmax\(\): argument 'dim' \(position 1\) must be "
                                        r"int, not tuple$"):
        x.argmax((0, 1))
    with pytest.raises(TypeError, match=r"^argmax\(\): argument 'dim' \(position 2\) must be "
                                        r"int, not list$"):
        ak.argmax(x, [0])
    with pytest.raises(TypeError, match=r"^cumsum\(\): argument 'dim' must be int, not "
                                        r"NoneType$"):
        x.cumsum(dim=None)
    assert x.argmax(None).item() == 0 and x.argmax(dim=None).item() == 0  # (None: all)


APART = [((64, 16, 8, 8), (0, 2, 3)), ((128, 3, 28, 28), (0, 2, 3)), ((32, 64, 100), (0, 2)),
         ((8, 300, 50), (0, 2)), ((256, 10, 3), (0, 2)), ((4, 5, 6, 7), (1, 3)),
         ((16, 8, 8, 64), (0, 2)), ((9, 13, 1), (1, 2)), ((12, 15, 1), (0, 2)),
         ((1, 10, 12), (0, 2)), ((5, 1, 6, 7), (0, 2))]


@pytest.mark.parametrize(("shape", "dims"), APART)
@pytest.mark.parametrize("dtype", ["float32", "float64"])
def test_sum_and_mean_over_dims_apart_bitwise(shape: tuple[int, ...], dims: tuple[int, ...],
                                              dtype: str) -> None:
    """``x.mean((0, 2, 3))`` (a batch norm written by hand) and other reductions over dims
    with kept dims between them add up in PyTorch's order: the same bits."""
    torch = pytest.importorskip("torch")
    data = torch.randn(shape, generator=torch.Generator().manual_seed(len(shape) * 7 + 1),
                       dtype=getattr(torch, dtype))
    x = ak.tensor(data.numpy())
    for method in ("sum", "mean"):
        for keepdim in (False, True):
            want = getattr(data, method)(dims, keepdim=keepdim).numpy()
            got = getattr(x, method)(dims, keepdim=keepdim).numpy()
            assert got.shape == want.shape and got.dtype == want.dtype
            assert got.tobytes() == want.tobytes(), (method, keepdim)


def test_arange_of_numpy_scalars_against_torch() -> None:
    """``arange(numpy.float32(1.5))`` counts in floats, as a Python float would."""
    torch = pytest.importorskip("torch")
    np = pytest.importorskip("numpy")
    cases = [((np.float32(1.5),), {}), ((np.int32(3),), {}), ((0, np.float16(2.5)), {}),
             ((np.float32(0.1), 1, np.float32(0.3)), {}), ((np.float32(3),), {"dtype": "int32"})]
    for args, options in cases:
        made = []
        for lib in (torch, ak):
            kwargs = {k: getattr(lib, v) for k, v in options.items()}
            t = lib.arange(*args, **kwargs)
            made.append((str(t.dtype).split(".")[-1], t.numpy().tobytes()))
        assert made[0] == made[1], args


def test_arange_of_a_numpy_float_plain() -> None:
    np = pytest.importorskip("numpy")
    t = ak.arange(np.float32(1.5))
    assert t.dtype == ak.float32 and t.tolist() == [0.0, 1.0]


@pytest.mark.parametrize("method", ["sum", "mean", "logsumexp", "all", "any", "amax", "std",
                                    "cumsum", "argmax", "softmax", "count_nonzero"])
def test_a_numpy_integer_dim_is_an_int(method: str) -> None:
    """``x.sum(numpy.int64(1))`` (a dim from NumPy code) works as ``x.sum(1)``."""
    np = pytest.importorskip("numpy")
    x = ak.arange(6.0).reshape(2, 3)
    want = getattr(x, method)(1)
    for dim in (np.int64(1), np.int32(1)):
        got = getattr(x, method)(dim)
        assert got.dtype == want.dtype and got.tolist() == want.tolist()
        assert getattr(x, method)(dim=dim).tolist() == want.tolist()
    assert ak.sum(x, np.int64(0)).tolist() == [3.0, 5.0, 7.0]


def test_read_only_numpy_array_warns_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """``from_numpy`` / ``as_tensor`` of an array that cannot be written (``np.asarray`` of a
    PIL image) give PyTorch's UserWarning, once per program; ``tensor`` copies: no warning."""
    import warnings

    np = pytest.importorskip("numpy")
    from autograd_kit import scalar_warning

    array = np.arange(3.0)
    array.setflags(write=False)
    for make in (ak.from_numpy, ak.as_tensor, lambda a: ak.as_tensor(a, dtype=ak.float32)):
        scalar_warning.forget()
        with pytest.warns(UserWarning, match="^The given NumPy array is not writable"):
            make(array)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            make(array)  # (once only)
    scalar_warning.forget()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ak.tensor(array)
        ak.from_numpy(np.arange(3.0))


def test_numpy_type_names_in_messages_against_torch() -> None:
    torch = pytest.importorskip("torch")
    np = pytest.importorskip("numpy")
    for call in (lambda lib: lib.from_numpy(np.float64(5.0)),
                 lambda lib: lib.zeros(np.array([2, 3])),
                 lambda lib: lib.ones(np.float64(2.5))):
        messages = []
        for lib in (torch, ak):
            with pytest.raises(TypeError) as caught:
                call(lib)
            messages.append(str(caught.value))
        assert messages[0] == messages[1]


def test_roll_and_movedim_take_numpy_integers() -> None:
    """``x.roll(numpy.int64(1))`` (a shift drawn with NumPy) and ``x.movedim`` with NumPy
    integers work as with ints."""
    np = pytest.importorskip("numpy")
    x = ak.arange(6.0).reshape(2, 3)
    assert x.roll(np.int64(1)).tolist() == x.roll(1).tolist() == [[5.0, 0.0, 1.0], [2.0, 3.0, 4.0]]
    assert x.roll(np.int64(1), np.int32(1)).tolist() == [[2.0, 0.0, 1.0], [5.0, 3.0, 4.0]]
    assert x.movedim(np.int64(1), 0).shape == (3, 2)


@pytest.mark.parametrize("key", ["0d", "0d_pair", "pair_0d", "slice_0d", "negative"])
def test_a_zero_dim_numpy_integer_index_selects_against_torch(key: str) -> None:
    """``x[numpy.array(1)]`` selects like ``x[1]`` (it was read as an index array)."""
    torch = pytest.importorskip("torch")
    np = pytest.importorskip("numpy")
    keys = {"0d": np.array(1), "0d_pair": (np.array(1), 0), "pair_0d": (0, np.array(2)),
            "slice_0d": (slice(None), np.array(1)), "negative": np.array(-1)}
    got = []
    for lib in (torch, ak):
        x = lib.arange(6.0).reshape(2, 3).requires_grad_()
        y = x[keys[key]]
        got.append((tuple(y.shape), y.tolist(), type(y.grad_fn).__name__))
    assert got[0] == got[1]


def test_a_numpy_array_where_a_tensor_is_needed_against_torch() -> None:
    """``torch.maximum(x, an_array)``, ``isclose``, ``allclose``: the message names
    ``numpy.ndarray``, as PyTorch's does."""
    torch = pytest.importorskip("torch")
    np = pytest.importorskip("numpy")
    for call in (lambda lib, x: lib.maximum(x, np.ones(3)),
                 lambda lib, x: lib.minimum(x, np.ones(3)),
                 lambda lib, x: lib.isclose(x, np.zeros((2, 3))),
                 lambda lib, x: lib.allclose(x, np.zeros((2, 3)))):
        messages = []
        for lib in (torch, ak):
            with pytest.raises(TypeError) as caught:
                call(lib, lib.zeros(2, 3))
            messages.append(str(caught.value))
        assert messages[0] == messages[1]
