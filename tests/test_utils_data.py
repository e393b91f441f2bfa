"""autograd_kit.utils.data: TensorDataset, Subset, random_split, default_collate, DataLoader.

Values are worked by hand; the PyTorch cross-checks (skipped without torch) compare batch
structure, dtypes and error messages. Shuffled orders are checked here to be
permutations, repeatable under a seed; tests/test_random_numbers.py checks they are PyTorch's.
"""

from __future__ import annotations

import collections
import warnings
from typing import Any

import numpy as np
import pytest

import autograd_kit as ak
import autograd_kit.utils.data
from autograd_kit.utils.data import (
    DataLoader,
    Dataset,
    Subset,
    TensorDataset,
    default_collate,
    random_split,
)


def data() -> TensorDataset:
    x = ak.arange(10.0).reshape(5, 2)
    return TensorDataset(x, ak.arange(5))


def test_import_paths() -> None:
    assert ak.utils.data.DataLoader is DataLoader
    assert autograd_kit.utils.data.TensorDataset is TensorDataset


# ---- datasets ------------------------------------------------------------------------------
def test_tensor_dataset_item_and_len() -> None:
    ds = data()
    assert len(ds) == 5
    x, y = ds[1]
    assert x.tolist() == [2.0, 3.0] and y.item() == 1 and y.dtype == ak.int64
    assert isinstance(ds[1], tuple)
    xs, ys = ds[1:3]
    assert xs.tolist() == [[2.0, 3.0], [4.0, 5.0]] and ys.tolist() == [1, 2]


def test_tensor_dataset_size_mismatch() -> None:
    with pytest.raises(AssertionError, match="^Size mismatch between tensors$"):
        TensorDataset(ak.zeros(3, 2), ak.zeros(4))


def test_dataset_base_needs_getitem() -> None:
    with pytest.raises(NotImplementedError, match="Subclasses of Dataset should implement"):
        Dataset()[0]


def test_subset() -> None:
    sub = Subset(data(), [4, 0])
    assert len(sub) == 2
    assert sub[0][1].item() == 4 and sub[1][1].item() == 0


def test_random_split_lengths_and_partition() -> None:
    parts = random_split(range(10), [3, 7], generator=ak.Generator().manual_seed(1))
    assert [len(p) for p in parts] == [3, 7]
    assert sorted(parts[0].indices + parts[1].indices) == list(range(10))
    again = random_split(range(10), [3, 7], generator=ak.Generator().manual_seed(1))
    assert again[0].indices == parts[0].indices


def test_random_split_fractions() -> None:
    # floor(10 * 0.25) = 2, 2, floor(10 * 0.5) = 5: one left over, given to the first split
    parts = random_split(range(10), [0.25, 0.25, 0.5])
    assert [len(p) for p in parts] == [3, 2, 5]
    # floor(11 * 0.3) = 3, 3, floor(11 * 0.4) = 4: one left over
    assert [len(p) for p in random_split(range(11), [0.3, 0.3, 0.4])] == [4, 3, 4]
    # floor(7 * 0.2) = 1, 1, 1, 1, 1: two left over, round-robin from the first
    assert [len(p) for p in random_split(range(7), [0.2] * 5)] == [2, 2, 1, 1, 1]
    with pytest.warns(UserWarning, match="Length of split at index 1 is 0"):
        parts = random_split(range(2), [0.9, 0.1])
    assert [len(p) for p in parts] == [2, 0]


def test_random_split_errors() -> None:
    with pytest.raises(ValueError, match="^Sum of input lengths does not equal the length"):
        random_split(range(10), [3, 3])
    with pytest.raises(ValueError, match="^Fraction at index 0 is not between 0 and 1$"):
        random_split(range(10), [1.5, -0.5])


def test_random_split_uses_global_seed() -> None:
    ak.manual_seed(3)
    a = random_split(range(8), [4, 4])[0].indices
    ak.manual_seed(3)
    assert random_split(range(8), [4, 4])[0].indices == a


# ---- collation -----------------------------------------------------------------------------
def test_collate_tensors_and_numbers() -> None:
    assert default_collate([ak.tensor([1.0, 2.0]), ak.tensor([3.0, 4.0])]).tolist() == [
        [1.0, 2.0], [3.0, 4.0]]
    floats = default_collate([1.5, 2.5])
    assert floats.dtype == ak.float64 and floats.tolist() == [1.5, 2.5]
    ints = default_collate([1, 2])
    assert ints.dtype == ak.int64 and ints.tolist() == [1, 2]
    assert default_collate([True, False]).dtype == ak.bool
    assert default_collate(["a", "b"]) == ["a", "b"]
    arrays = default_collate([np.array([1, 2]), np.array([3, 4])])
    assert arrays.dtype == ak.int64 and arrays.shape == (2, 2)


def test_collate_containers() -> None:
    pairs = default_collate([(ak.tensor(1.0), 0), (ak.tensor(2.0), 1)])
    assert isinstance(pairs, list)
    assert pairs[0].tolist() == [1.0, 2.0] and pairs[1].tolist() == [0, 1]
    lists = default_collate([[1, 2], [3, 4]])
    assert isinstance(lists, list) and [t.tolist() for t in lists] == [[1, 3], [2, 4]]
    dicts = default_collate([{"x": 1.0, "y": 0}, {"x": 2.0, "y": 1}])
    assert dicts["x"].dtype == ak.float64 and dicts["y"].tolist() == [0, 1]
    ordered = default_collate([collections.OrderedDict(a=1)])
    assert isinstance(ordered, collections.OrderedDict)
    Point = collections.namedtuple("Point", "x y")
    point = default_collate([Point(1, 2.0), Point(3, 4.0)])
    assert isinstance(point, Point) and point.x.tolist() == [1, 3]


def test_collate_errors() -> None:
    with pytest.raises(RuntimeError, match="^each element in list of batch should be of equal"):
        default_collate([[1, 2], [3]])
    with pytest.raises(TypeError, match="default_collate: batch must contain tensors, numpy "
                                        "arrays, numbers, dicts or lists; found <class 'object'>"):
        default_collate([object()])
    with pytest.raises(RuntimeError, match="stack expects each tensor to be equal size"):
        default_collate([ak.zeros(2), ak.zeros(3)])


# ---- DataLoader ----------------------------------------------------------------------------
def test_loader_batches_in_order() -> None:
    loader = DataLoader(data(), batch_size=2)
    batches = list(loader)
    assert len(loader) == 3 and len(batches) == 3
    xb, yb = batches[0]
    assert xb.tolist() == [[0.0, 1.0], [2.0, 3.0]] and yb.tolist() == [0, 1]
    assert batches[2][1].tolist() == [4]


def test_loader_drop_last_and_len() -> None:
    loader = DataLoader(data(), batch_size=2, drop_last=True)
    assert len(loader) == 2 and [b[1].tolist() for b in loader] == [[0, 1], [2, 3]]
    assert len(DataLoader(range(7), batch_size=3)) == 3
    assert len(DataLoader(range(6), batch_size=3)) == 2


def test_loader_default_batch_size_is_one() -> None:
    batches = list(DataLoader([1.0, 2.0]))
    assert [b.tolist() for b in batches] == [[1.0], [2.0]] and batches[0].dtype == ak.float64


def test_loader_shuffle_is_a_repeatable_permutation() -> None:
    ak.manual_seed(0)
    first = [i for b in DataLoader(range(10), batch_size=3, shuffle=True) for i in b.tolist()]
    second_epoch_loader = DataLoader(range(10), batch_size=3, shuffle=True)
    ak.manual_seed(0)
    again = [i for b in second_epoch_loader for i in b.tolist()]
    assert sorted(first) == list(range(10)) and first == again
    assert first != list(range(10))


def test_loader_generator() -> None:
    def order(loader: DataLoader) -> list[int]:
        return [i for b in loader for i in b.tolist()]

    a = DataLoader(range(20), batch_size=4, shuffle=True, generator=ak.Generator().manual_seed(5))
    b = DataLoader(range(20), batch_size=4, shuffle=True, generator=ak.Generator().manual_seed(5))
    epoch1, epoch2 = order(a), order(a)
    assert epoch1 == order(b) and epoch1 != epoch2  # each epoch draws a new order
    assert sorted(epoch2) == list(range(20))


def test_loader_collate_fn_and_no_batching() -> None:
    loader = DataLoader(range(5), batch_size=2, collate_fn=lambda batch: sum(batch))
    assert list(loader) == [1, 5, 4]
    assert list(DataLoader([3, 4], batch_size=None)) == [3, 4]
    assert len(DataLoader([3, 4], batch_size=None)) == 2


def test_loader_argument_errors() -> None:
    with pytest.raises(ValueError, match=r"^batch_size should be a positive integer value, but "
                                         r"got batch_size=0$"):
        DataLoader(range(3), batch_size=0)
    with pytest.raises(ValueError, match="^drop_last should be a boolean value, but got "
                                         "drop_last=1$"):
        DataLoader(range(3), drop_last=1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="mutually exclusive with drop_last"):
        DataLoader(range(3), batch_size=None, drop_last=True)


def test_loader_trains_a_model() -> None:
    ak.manual_seed(0)
    x = ak.randn(64, 1)
    y = 3 * x + 1
    model = ak.nn.Linear(1, 1)
    opt = ak.optim.SGD(model.parameters(), lr=0.1)
    for _ in range(20):
        for xb, yb in DataLoader(TensorDataset(x, y), batch_size=16, shuffle=True):
            opt.zero_grad()
            ak.nn.functional.mse_loss(model(xb), yb).backward()
            opt.step()
    assert abs(model.weight.item() - 3) < 1e-3 and abs(model.bias.item() - 1) < 1e-3


# ---- PyTorch cross-checks ------------------------------------------------------------------
def _describe(value: Any) -> Any:
    """Structure, dtypes and values of a batch, in words both libraries share."""
    if hasattr(value, "dtype") and hasattr(value, "tolist"):
        return ("tensor", str(value.dtype).split(".")[-1], value.tolist())
    if isinstance(value, dict):
        return {k: _describe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return (type(value).__name__, [_describe(v) for v in value])
    return value


SAMPLES: list[list[Any]] = [
    [1, 2, 3],
    [1.5, 2.5],
    [True, False],
    [(1, 2.0), (3, 4.0)],
    [[1, 2], [3, 4]],
    [{"a": 1, "b": [1.0, 2.0]}, {"a": 2, "b": [3.0, 4.0]}],
    [("x", 1), ("y", 2)],
]


@pytest.mark.parametrize("batch", SAMPLES)
def test_collate_matches_torch(batch: list[Any]) -> None:
    pytest.importorskip("torch")
    from torch.utils.data import default_collate as torch_collate

    assert _describe(default_collate(batch)) == _describe(torch_collate(batch))


def test_loader_matches_torch_unshuffled() -> None:
    torch = pytest.importorskip("torch")
    from torch.utils.data import DataLoader as TorchLoader
    from torch.utils.data import TensorDataset as TorchDataset

    values = np.arange(14.0, dtype=np.float32).reshape(7, 2)
    labels = np.arange(7)
    for batch_size, drop_last in [(1, False), (3, False), (3, True), (7, False), (10, True)]:
        ours = DataLoader(TensorDataset(ak.tensor(values), ak.tensor(labels)),
                          batch_size=batch_size, drop_last=drop_last)
        theirs = TorchLoader(TorchDataset(torch.tensor(values), torch.tensor(labels)),
                             batch_size=batch_size, drop_last=drop_last)
        assert len(ours) == len(theirs)
        assert [_describe(b) for b in ours] == [_describe(b) for b in theirs]


def test_random_split_lengths_match_torch() -> None:
    pytest.importorskip("torch")
    from torch.utils.data import random_split as torch_split

    for n, lengths in [(10, [0.3, 0.7]), (7, [0.5, 0.5]), (11, [0.2, 0.2, 0.6]), (5, [2, 3])]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ours = [len(s) for s in random_split(range(n), lengths)]
            theirs = [len(s) for s in torch_split(range(n), lengths)]
        assert ours == theirs


def test_errors_match_torch() -> None:
    torch = pytest.importorskip("torch")
    from torch.utils import data as tdata

    cases = [
        (lambda m: m.TensorDataset(m_tensor(m, 3), m_tensor(m, 4))),
        (lambda m: m.random_split(range(10), [3, 3])),
        (lambda m: m.random_split(range(10), [1.5, -0.5])),
        (lambda m: m.DataLoader(range(3), batch_size=0)),
        (lambda m: m.DataLoader(range(3), batch_size=-2)),
        (lambda m: m.default_collate([[1, 2], [3]])),
        (lambda m: m.default_collate([object()])),
    ]

    def m_tensor(m: Any, n: int) -> Any:
        return (torch if m is tdata else ak).zeros(n)

    for case in cases:
        with pytest.raises(Exception) as theirs:
            case(tdata)
        with pytest.raises(type(theirs.value)) as ours:
            case(autograd_kit.utils.data)
        assert str(ours.value) == str(theirs.value)
