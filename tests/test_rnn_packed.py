"""Packed sequences without PyTorch: round trips, gradients (gradcheck in float64) and
recurrent layers over packed input agreeing with each sequence run alone."""

from __future__ import annotations

import pytest

import autograd_kit as ak
from autograd_kit import nn
from autograd_kit.autograd import gradcheck, gradgradcheck
from autograd_kit.nn.utils.rnn import (
    PackedSequence,
    invert_permutation,
    pack_padded_sequence,
    pack_sequence,
    pad_packed_sequence,
    unpack_sequence,
    unpad_sequence,
)

D = ak.float64


def test_pack_then_pad_gives_the_batch_back() -> None:
    ak.manual_seed(0)
    x = ak.randn(5, 3, 2, dtype=D)
    lengths = [2, 5, 3]
    packed = pack_padded_sequence(x, lengths, enforce_sorted=False)
    assert packed.batch_sizes.tolist() == [3, 3, 2, 1, 1]
    assert packed.sorted_indices.tolist() == [1, 2, 0]
    assert packed.unsorted_indices.tolist() == [2, 0, 1]
    y, got = pad_packed_sequence(packed, padding_value=7.0)
    assert got.tolist() == lengths
    for b, n in enumerate(lengths):
        assert ak.equal(y[:n, b], x[:n, b])
        assert (y[n:, b] == 7.0).all()


def test_packed_sequence_is_a_tuple_with_fields() -> None:
    p = pack_sequence([ak.arange(3.0), ak.ones(2)])
    data, sizes, s, u = p
    assert p._fields == ("data", "batch_sizes", "sorted_indices", "unsorted_indices")
    assert data.tolist() == [0.0, 1.0, 1.0, 1.0, 2.0] and sizes.tolist() == [2, 2, 1]
    assert s is None and u is None and isinstance(p, tuple)
    assert repr(p).startswith("PackedSequence(data=tensor(")
    assert p.double().data.dtype == D and p.float() is p
    q = PackedSequence(ak.ones(3), ak.tensor([2, 1]), ak.tensor([1, 0]))
    assert q.unsorted_indices.tolist() == [1, 0]


def test_invert_permutation() -> None:
    perm = ak.tensor([3, 0, 2, 1])
    inv = invert_permutation(perm)
    assert perm[inv].tolist() == [0, 1, 2, 3]
    assert invert_permutation(None) is None


@pytest.mark.parametrize("batch_first", [False, True])
def test_pack_and_pad_gradcheck(batch_first: bool) -> None:
    ak.manual_seed(1)
    shape = (3, 4, 2) if batch_first else (4, 3, 2)
    x = ak.randn(*shape, dtype=D, requires_grad=True)

    def f(x: ak.Tensor) -> ak.Tensor:
        p = pack_padded_sequence(x, [2, 4, 3], batch_first=batch_first, enforce_sorted=False)
        return pad_packed_sequence(p, batch_first=batch_first, total_length=5)[0] * 1.5

    assert gradcheck(f, (x,))
    assert gradgradcheck(lambda x: pack_padded_sequence(x, [4, 3, 1], batch_first).data ** 2,
                         (x,))


def test_errors() -> None:
    x = ak.randn(4, 3, 2)
    with pytest.raises(RuntimeError, match="sorted in decreasing order"):
        pack_padded_sequence(x, [2, 4, 1])
    with pytest.raises(RuntimeError, match="greater than 0"):
        pack_padded_sequence(x, [3, 2, 0])
    with pytest.raises(RuntimeError, match="equal to batch_size"):
        pack_padded_sequence(x, [3, 2])
    with pytest.raises(RuntimeError, match="1D CPU int64 tensor, but got 2D cpu Long"):
        pack_padded_sequence(x, ak.tensor([[4, 2, 1]]))
    with pytest.raises(ValueError, match="total_length"):
        pad_packed_sequence(pack_padded_sequence(x, [4, 2, 1]), total_length=3)


def test_unpack_and_unpad() -> None:
    seqs = [ak.randn(3, 2), ak.randn(1, 2), ak.randn(2, 2)]
    for got, want in zip(unpack_sequence(pack_sequence(seqs, enforce_sorted=False)), seqs):
        assert ak.equal(got, want)
    padded = nn.utils.rnn.pad_sequence(seqs)
    for got, want in zip(unpad_sequence(padded, ak.tensor([3, 1, 2])), seqs):
        assert ak.equal(got, want)


@pytest.mark.parametrize("cls", [nn.RNN, nn.GRU, nn.LSTM])
@pytest.mark.parametrize("bidirectional", [False, True])
def test_packed_layer_equals_each_sequence_alone(cls: type, bidirectional: bool) -> None:
    ak.manual_seed(2)
    m = cls(3, 4, num_layers=2, bidirectional=bidirectional).double()
    lengths = [2, 5, 1, 4]
    x = ak.randn(5, 4, 3, dtype=D)
    out, hidden = m(pack_padded_sequence(x, lengths, enforce_sorted=False))
    assert isinstance(out, PackedSequence)
    y, got = pad_packed_sequence(out)
    assert got.tolist() == lengths
    for b, n in enumerate(lengths):
        alone_out, alone_hidden = m(x[:n, b:b + 1])
        assert ak.allclose(y[:n, b:b + 1], alone_out)
        assert (y[n:, b] == 0).all()
        if cls is nn.LSTM:
            assert ak.allclose(hidden[0][:, b:b + 1], alone_hidden[0])
            assert ak.allclose(hidden[1][:, b:b + 1], alone_hidden[1])
        else:
            assert ak.allclose(hidden[:, b:b + 1], alone_hidden)


@pytest.mark.parametrize("cls", [nn.RNN, nn.GRU, nn.LSTM])
def test_packed_layer_gradcheck(cls: type) -> None:
    ak.manual_seed(3)
    m = cls(2, 3, bidirectional=True).double()
    x = ak.randn(4, 3, 2, dtype=D, requires_grad=True)
    h0 = ak.randn(2, 3, 3, dtype=D, requires_grad=True)

    def f(x: ak.Tensor, h0: ak.Tensor) -> tuple[ak.Tensor, ak.Tensor]:
        p = pack_padded_sequence(x, [3, 4, 1], enforce_sorted=False)
        out, h = m(p, (h0, h0 * 0.5) if cls is nn.LSTM else h0)
        return out.data, h[0] if cls is nn.LSTM else h

    assert gradcheck(f, (x, h0))
