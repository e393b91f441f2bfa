"""Kit-only checks of tensor creation, printing, conversion and saving fixes (round 7),
each asserting what PyTorch was observed to do."""

from __future__ import annotations

import io
import pickle

import pytest

import autograd_kit as ak


def _round_trip(obj: object) -> object:
    buffer = io.BytesIO()
    ak.save(obj, buffer)
    buffer.seek(0)
    return ak.load(buffer)


def test_views_saved_together_share_memory_after_loading() -> None:
    x = ak.arange(6.)
    a, w = _round_trip([x, x[2:4]])
    w[0] = 100
    assert a.tolist() == [0., 1., 100., 3., 4., 5.]
    assert w.storage_offset() == 2
    assert a.untyped_storage().data_ptr() == w.untyped_storage().data_ptr()


def test_a_saved_view_keeps_its_strides_and_whole_storage() -> None:
    x = ak.arange(12.).reshape(3, 4)
    t, column = _round_trip([x.t(), x[:, 1]])
    assert t.stride() == (1, 4) and not t.is_contiguous()
    assert column.stride() == (4,) and column.storage_offset() == 1
    assert column.tolist() == [1., 5., 9.]
    alone = _round_trip(ak.arange(6.)[2:4])
    assert alone.storage_offset() == 2 and alone.untyped_storage().nbytes() == 24


def test_saved_expanded_tensor_keeps_stride_zero() -> None:
    y = _round_trip(ak.arange(3.).expand(2, 3))
    assert y.stride() == (0, 1) and y.tolist() == [[0., 1., 2.]] * 2


def test_weights_only_message_is_pytorchs() -> None:
    buffer = io.BytesIO()
    ak.save(ak.nn.Linear(2, 1), buffer)
    buffer.seek(0)
    with pytest.raises(pickle.UnpicklingError) as caught:
        ak.load(buffer)
    message = str(caught.value)
    bold = "\033[1mdo those steps only if you trust the source of the checkpoint\033[0m. "
    assert bold in message
    assert "(1) In PyTorch 2.6, we changed the default value of the `weights_only`" in message
    assert message.endswith("Check the documentation of autograd_kit.load to learn more about "
                            "types accepted by default with weights_only "
                            "https://pytorch.org/docs/stable/generated/torch.load.html.")
