"""Fixes found by running tutorial-style scripts (kit only; the values are PyTorch's)."""

from __future__ import annotations

import math

import numpy
import pytest

import autograd_kit as ak
from autograd_kit.utils import data
from autograd_kit.utils.data.worker import numpy_seed


class Shard(data.IterableDataset):
    """The DataLoader docs' example: each worker reads its share of ``range(start, end)``."""

    def __init__(self, start: int, end: int) -> None:
        self.start, self.end = start, end

    def __iter__(self):  # noqa: ANN204
        info = data.get_worker_info()
        if info is None:
            return iter(range(self.start, self.end))
        per_worker = int(math.ceil((self.end - self.start) / info.num_workers))
        first = self.start + info.id * per_worker
        return iter(range(first, min(first + per_worker, self.end)))


def values(loader: data.DataLoader) -> list[list[int]]:
    return [batch.tolist() for batch in loader]


def test_get_worker_info_is_none_in_the_main_process() -> None:
    assert data.get_worker_info() is None


def test_iterable_dataset_is_read_by_each_worker_in_turn() -> None:
    assert values(data.DataLoader(Shard(3, 7), num_workers=0)) == [[3], [4], [5], [6]]
    assert values(data.DataLoader(Shard(3, 7), num_workers=2)) == [[3], [5], [4], [6]]
    assert values(data.DataLoader(Shard(0, 11), num_workers=3, batch_size=2)) == [
        [0, 1], [4, 5], [8, 9], [2, 3], [6, 7], [10]]
    assert values(data.DataLoader(Shard(0, 11), num_workers=3, batch_size=2,
                                  drop_last=True)) == [[0, 1], [4, 5], [8, 9], [2, 3], [6, 7]]
    assert data.get_worker_info() is None


def test_without_sharding_every_worker_reads_the_whole_stream() -> None:
    class Plain(data.IterableDataset):
        def __iter__(self):  # noqa: ANN204
            return iter(range(3))

    assert values(data.DataLoader(Plain(), num_workers=2)) == [[0], [0], [1], [1], [2], [2]]


def test_worker_init_fn_changes_the_workers_copy_of_the_dataset() -> None:
    class Plain(data.IterableDataset):
        def __init__(self) -> None:
            self.start, self.end = 3, 7

        def __iter__(self):  # noqa: ANN204
            return iter(range(self.start, self.end))

    def init(worker_id: int) -> None:
        dataset = data.get_worker_info().dataset
        dataset.start = 3 + 2 * worker_id
        dataset.end = min(dataset.start + 2, 7)

    dataset = Plain()
    assert values(data.DataLoader(dataset, num_workers=2, worker_init_fn=init)) == [
        [3], [5], [4], [6]]
    assert (dataset.start, dataset.end) == (3, 7)  # the main process's copy is untouched


def test_workers_seeds_and_random_numbers_are_pytorchs() -> None:
    class Info(data.Dataset):
        def __len__(self) -> int:
            return 4

        def __getitem__(self, i: int):  # noqa: ANN204
            info = data.get_worker_info()
            return (info.id, info.seed, ak.rand(1).item(), float(numpy.random.rand()))

    generator = ak.Generator()
    generator.manual_seed(0)
    state = ak.get_rng_state()
    batches = list(data.DataLoader(Info(), batch_size=2, num_workers=2, generator=generator))
    assert [b[0].tolist() for b in batches] == [[0, 0], [1, 1]]
    assert [b[1].tolist() for b in batches] == [[900450186894289455] * 2,
                                                [900450186894289456] * 2]
    drawn = [v for b in batches for v in b[2].tolist()]
    assert drawn == pytest.approx([0.7821, 0.0536, 0.6938, 0.2980], abs=1e-4)
    drawn = [v for b in batches for v in b[3].tolist()]
    assert drawn == pytest.approx([0.8372, 0.3876, 0.6703, 0.0759], abs=1e-4)
    assert ak.equal(ak.get_rng_state(), state)  # the main process's stream did not move


def test_numpy_seed_is_pytorchs_generate_state() -> None:
    assert numpy_seed(12345678901234, 0) == [68500666, 4191620288, 1240152879, 2073869183]
    assert numpy_seed(2**62 + 7, 3) == [3901771379, 2462785867, 1770425866, 1524518099]


def test_stack_dataset() -> None:
    stacked = data.StackDataset(a=ak.arange(3), b=[4, 5, 6])
    assert len(stacked) == 3
    sample = stacked[1]
    assert list(sample) == ["a", "b"] and sample["a"].item() == 1 and sample["b"] == 5
    assert data.StackDataset(ak.arange(3), [7, 8, 9])[2][1] == 9
    with pytest.raises(ValueError, match="At least one dataset should be passed"):
        data.StackDataset()
    with pytest.raises(ValueError, match=r"via ``args``\) or``dict``"):
        data.StackDataset(ak.arange(3), x=ak.arange(3))
    with pytest.raises(ValueError, match="Size mismatch between datasets"):
        data.StackDataset(ak.arange(3), [1])


def test_persistent_workers_draw_one_worker_seed_for_all_epochs() -> None:
    class Plain(data.Dataset):
        def __len__(self) -> int:
            return 6

        def __getitem__(self, i: int) -> int:
            return i

    ak.manual_seed(0)
    loader = data.DataLoader(Plain(), batch_size=2, shuffle=True, num_workers=2,
                             persistent_workers=True)
    epochs = [values(loader) for _ in range(3)]
    assert epochs == [[[0, 4], [3, 5], [2, 1]], [[5, 0], [3, 2], [1, 4]],
                      [[2, 3], [1, 5], [4, 0]]]
    assert iter(loader) is iter(loader)
    assert ak.rand(2).tolist() == pytest.approx([0.4556, 0.6323], abs=1e-4)


def test_state_dict_positional_arguments_warn_as_pytorch() -> None:
    layer = ak.nn.Linear(2, 1)
    with pytest.warns(FutureWarning, match="Positional args are being deprecated, use kwargs "
                      "instead. Refer to https://pytorch.org/docs/main/generated/"
                      "torch.nn.Module.html#torch.nn.Module.state_dict for details."):
        state = layer.state_dict(None, "enc.", True)
    assert list(state) == ["enc.weight", "enc.bias"]
    assert state["enc.weight"] is layer.weight  # keep_vars


def test_compiled_module_wraps_the_model_as_orig_mod() -> None:
    from autograd_kit.nn.compiled import OptimizedModule, compile

    model = ak.nn.Sequential(ak.nn.Linear(2, 3), ak.nn.Dropout(0.5))
    compiled = compile(model)
    assert type(compiled) is OptimizedModule
    assert repr(compiled).splitlines()[:2] == ["OptimizedModule(", "  (_orig_mod): Sequential("]
    assert list(compiled.state_dict()) == ["_orig_mod.0.weight", "_orig_mod.0.bias"]
    assert compiled.get_submodule("_orig_mod.0") is model[0] and len(compiled) == 2
    with pytest.raises(TypeError, match="'OptimizedModule' object is not subscriptable"):
        compiled[0]
    compiled.eval()
    assert (model.training, model[1].training, compiled.training) == (False, False, False)
    compiled.note = 3
    assert model.note == 3
    assert compiled(ak.ones(4, 2)).shape == (4, 3)
    with pytest.raises(RuntimeError, match=r'Missing key\(s\) in state_dict: "0.weight"'):
        ak.nn.Sequential(ak.nn.Linear(2, 3)).load_state_dict(compiled.state_dict())


def test_compile_wraps_functions_and_works_as_a_decorator() -> None:
    from autograd_kit.nn.compiled import compile

    def double(x):  # noqa: ANN001, ANN202
        return x * 2

    compiled = compile(double)
    assert compiled is not double and compiled.__name__ == "double" and compiled(3) == 6
    assert compile(mode="reduce-overhead")(double)(2) == 4
    with pytest.raises(AssertionError, match="A callable function is expected, but "
                       "<class 'int'> is provided."):
        compile(3)
    layer = ak.nn.Linear(2, 2)
    assert layer.compile() is None and list(layer.state_dict()) == ["weight", "bias"]


def test_iterable_dataset_without_iter_cannot_be_instantiated() -> None:
    with pytest.raises(TypeError, match="Can't instantiate abstract class IterableDataset"):
        data.IterableDataset()

    class Counting(data.IterableDataset):
        def __iter__(self):  # noqa: ANN204
            return iter(range(2))

    assert list(Counting()) == [0, 1]


def test_sdpa_kernel_allows_only_the_backends_named() -> None:
    from autograd_kit.nn.attention import SDPBackend, sdpa_kernel

    q = ak.randn(1, 2, 3, 4)
    expected = ak.nn.functional.scaled_dot_product_attention(q, q, q)
    for allowed in (SDPBackend.MATH, SDPBackend.FLASH_ATTENTION,
                    [SDPBackend.EFFICIENT_ATTENTION, SDPBackend.MATH]):
        with sdpa_kernel(allowed) as extra:
            assert extra == {}
            assert ak.equal(ak.nn.functional.scaled_dot_product_attention(q, q, q), expected)
    with sdpa_kernel(SDPBackend.EFFICIENT_ATTENTION):
        with pytest.raises(RuntimeError, match="No viable backend for scaled_dot_product_"
                           "attention was found. This is likely due to turning off both the "
                           "math kernel and the fused kernels."):
            ak.nn.functional.scaled_dot_product_attention(q, q, q)
    ak.nn.functional.scaled_dot_product_attention(q, q, q)  # allowed again after the block
    with pytest.raises(AssertionError, match="Backend must be an instance of SDPBackend or a "
                       "list of SDPBackend instances, got str"):
        with sdpa_kernel("math"):
            pass
    assert repr(SDPBackend.MATH) == "<SDPBackend.MATH: 0>" and int(SDPBackend.CUDNN_ATTENTION) == 3
    assert str(SDPBackend.FLASH_ATTENTION) == "SDPBackend.FLASH_ATTENTION"
    assert SDPBackend.MATH != 0


def test_distributed_sampler_gives_each_replica_pytorchs_share() -> None:
    sampler = data.DistributedSampler(range(11), num_replicas=3, rank=1)
    assert list(sampler) == [0, 5, 1, 6] and len(sampler) == 4
    sampler.set_epoch(1)
    assert list(sampler) == [10, 7, 8, 5]
    assert list(data.DistributedSampler(range(11), num_replicas=3, rank=2,
                                        shuffle=False)) == [2, 5, 8, 0]  # padded from the start
    assert list(data.DistributedSampler(range(11), num_replicas=3, rank=0,
                                        drop_last=True)) == [10, 3, 2]
    with pytest.raises(ValueError, match="Default process group has not been initialized"):
        data.DistributedSampler(range(3), num_replicas=2)
    with pytest.raises(ValueError, match=r"Invalid rank 2, rank should be in the interval "
                       r"\[0, 1\]"):
        data.DistributedSampler(range(3), num_replicas=2, rank=2)


def test_loader_fetches_a_batch_through_getitems() -> None:
    calls: list[object] = []

    class Batched(data.Dataset):
        def __len__(self) -> int:
            return 5

        def __getitem__(self, i: int) -> int:
            calls.append(i)
            return i

        def __getitems__(self, indices: list[int]) -> list[int]:
            calls.append(list(indices))
            return [10 * i for i in indices]

    dataset = Batched()
    assert values(data.DataLoader(dataset, batch_size=2)) == [[0, 10], [20, 30], [40]]
    assert calls == [[0, 1], [2, 3], [4]]
    calls.clear()
    assert values(data.DataLoader(data.Subset(dataset, [4, 0, 2]), batch_size=2)) == [
        [40, 0], [20]]
    assert calls == [[4, 0], [2]]
    stacked = data.StackDataset(a=dataset, b=[7, 8, 9, 10, 11])
    assert stacked.__getitems__([1, 3]) == [{"a": 10, "b": 8}, {"a": 30, "b": 10}]

    class Short(Batched):
        def __getitems__(self, indices: list[int]) -> list[int]:
            return [1]

    with pytest.raises(ValueError, match="Nested dataset's output size mismatch. Expected 2, "
                       "got 1"):
        data.StackDataset(Short(), range(5)).__getitems__([0, 1])


def test_affine_grid_is_rounded_as_pytorchs() -> None:
    """linspace(-1, 1, n) · (n - 1) / n in float32, as PyTorch's base grid: the sampling
    points of an identity map then fall on the same side of each pixel centre."""
    theta = ak.tensor([[[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]])
    grid = ak.nn.functional.affine_grid(theta, (1, 1, 28, 28), align_corners=False)
    assert grid[0, 0, :5, 0].tolist() == [-0.9642857313156128, -0.8928571343421936,
                                          -0.8214285969734192, -0.75, -0.6785714030265808]


def test_grid_sample_nearest_gives_the_grid_a_zero_gradient() -> None:
    x = ak.randn(1, 1, 3, 3)
    grid = ak.zeros(1, 2, 2, 2, requires_grad=True)
    out = ak.nn.functional.grid_sample(x, grid, mode="nearest", align_corners=False)
    assert type(out.grad_fn).__name__ == "GridSampler2DBackward0"
    out.sum().backward()
    assert grid.grad.tolist() == ak.zeros(1, 2, 2, 2).tolist()
