"""``nn.utils.rnn``: sequences of different lengths padded into one tensor, or packed.

A `PackedSequence` holds a batch of sequences sorted longest first, time step by time step:
``data`` has the rows of step 0 (one per sequence), then those of step 1 (one per sequence
still running), …; ``batch_sizes[t]`` says how many rows step t has. The recurrent layers
take one and run each sequence only over its real steps::

    packed = pack_padded_sequence(padded, lengths, enforce_sorted=False)
    out, h_n = gru(packed)                   # h_n: each sequence's last real step
    padded_out, lengths = pad_packed_sequence(out)

``sorted_indices`` is the order the sequences were sorted into (``None`` when they came
sorted), ``unsorted_indices`` its inverse, used to put results back in the caller's order.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

from ... import ops
from ...creation import arange, as_tensor, empty_like, full
from ...ops.packing import PackPaddedSequence
from ...tensor import Tensor


def pad_sequence(sequences: Iterable[Tensor], batch_first: bool = False,
                 padding_value: float = 0.0, padding_side: str = "right") -> Tensor:
    """(L_i, *) tensors → one (max L, B, *) tensor (``batch_first``: (B, max L, *)), the
    places past each sequence's end filled with ``padding_value`` (on the left with
    ``padding_side='left'``). Each sequence is copied into its slot in place, so the result's
    node is ``CopySlices``, as in PyTorch.
    """
    if not isinstance(sequences, Iterable):
        raise RuntimeError("pad_sequence: Expected iterable for input sequences, but got arg "
                           f"of type: {type(sequences)}")
    sequences = tuple(sequences)
    if not sequences:
        raise RuntimeError("received an empty list of sequences")
    if padding_side not in ("left", "right"):
        raise RuntimeError("Expected padding_side to be one of left or right, but got "
                           f"{padding_side}.")
    first = sequences[0]
    max_len = max(s.shape[0] for s in sequences)
    n = len(sequences)
    dims = (n, max_len) if batch_first else (max_len, n)
    out = full((*dims, *first.shape[1:]), padding_value, dtype=first.dtype, device=first.device)
    for i, seq in enumerate(sequences):
        length = seq.shape[0]
        start = max_len - length if padding_side == "left" else 0
        if batch_first:
            out.select(0, i).narrow(0, start, length).copy_(seq)
        else:
            out.narrow(0, start, length).select(1, i).copy_(seq)
    return out




# ---- packed sequences -----------------------------------------------------------------------


class PackedSequence_(NamedTuple):  # noqa: N801 (PyTorch's name)
    data: Tensor
    batch_sizes: Tensor
    sorted_indices: Tensor | None
    unsorted_indices: Tensor | None


def _bind(optional: Any, fn: Any) -> Any:
    return None if optional is None else fn(optional)


class PackedSequence(PackedSequence_):
    """A batch of sequences packed step by step (see the module's docstring); made by
    `pack_padded_sequence` and `pack_sequence`, never by hand. A tuple of its four fields."""

    def __new__(cls, data: Any, batch_sizes: Tensor | None = None,
                sorted_indices: Tensor | None = None,
                unsorted_indices: Tensor | None = None) -> PackedSequence:
        return super().__new__(cls, *_packed_sequence_init_args(
            data, batch_sizes, sorted_indices, unsorted_indices))

    def pin_memory(self) -> PackedSequence:
        return type(self)(self.data.pin_memory(), self.batch_sizes,
                          _bind(self.sorted_indices, lambda t: t.pin_memory()),
                          _bind(self.unsorted_indices, lambda t: t.pin_memory()))

    def cuda(self, *args: Any, **kwargs: Any) -> PackedSequence:
        ex = as_tensor([], dtype=self.data.dtype, device=self.data.device).cuda(*args, **kwargs)
        return self.to(device=ex.device) if ex.is_cuda else self.to(*args, **kwargs)

    def cpu(self, *args: Any, **kwargs: Any) -> PackedSequence:
        return self.to(device="cpu")

    def double(self) -> PackedSequence:
        return self.to(dtype=_dtypes().float64)

    def float(self) -> PackedSequence:
        return self.to(dtype=_dtypes().float32)

    def half(self) -> PackedSequence:
        return self.to(dtype=_dtypes().float16)

    def long(self) -> PackedSequence:
        return self.to(dtype=_dtypes().int64)

    def int(self) -> PackedSequence:
        return self.to(dtype=_dtypes().int32)

    def short(self) -> PackedSequence:
        return self.to(dtype=_dtypes().int16)

    def char(self) -> PackedSequence:
        return self.to(dtype=_dtypes().int8)

    def byte(self) -> PackedSequence:
        return self.to(dtype=_dtypes().uint8)

    def to(self, *args: Any, **kwargs: Any) -> PackedSequence:
        """``data.to(...)``; the index tensors follow ``data`` to its device, ``batch_sizes``
        stays on the CPU. Unchanged data: this very sequence."""
        data = self.data.to(*args, **kwargs)
        if data is self.data:
            return self
        dtype_first = bool(args) and isinstance(args[0], (Tensor, _dtypes().dtype))
        if "copy" in kwargs or len(args) >= (3 if dtype_first else 4):  # (Tensor.to's 4th)
            raise RuntimeError(".to() does not accept copy argument")
        kwargs = {k: v for k, v in kwargs.items() if k not in ("device", "dtype")}
        sorted_indices = _bind(self.sorted_indices, lambda t: t.to(data.device, **kwargs))
        unsorted_indices = _bind(self.unsorted_indices, lambda t: t.to(data.device, **kwargs))
        return type(self)(data, self.batch_sizes, sorted_indices, unsorted_indices)

    @property
    def is_cuda(self) -> bool:
        return self.data.is_cuda

    def is_pinned(self) -> bool:
        return False


def _dtypes() -> Any:
    from ... import dtypes
    return dtypes


def _packed_sequence_init_args(data: Any, batch_sizes: Tensor | None,
                               sorted_indices: Tensor | None,
                               unsorted_indices: Tensor | None) -> tuple:
    if unsorted_indices is None:
        unsorted_indices = invert_permutation(sorted_indices)
    if batch_sizes is not None:
        if batch_sizes.device.type != "cpu":
            raise ValueError(
                "batch_sizes should always be on CPU. Instances of PackedSequence should never "
                "be created manually. They should be instantiated by functions like "
                "pack_sequence and pack_padded_sequences in nn.utils.rnn. "
                "https://pytorch.org/docs/stable/nn.html#torch.nn.utils.rnn.pack_sequence")
        return data, batch_sizes, sorted_indices, unsorted_indices
    if not (isinstance(data, list | tuple) and len(data) == 2):
        raise AssertionError("Expected data to be a list or tuple of length 2")
    return data[0], data[1], sorted_indices, unsorted_indices


def invert_permutation(permutation: Tensor | None) -> Tensor | None:
    """The inverse permutation: ``out[permutation[i]] = i``."""
    if permutation is None:
        return None
    out = empty_like(permutation)
    return out.scatter_(0, permutation, arange(0, permutation.numel(),
                                               device=permutation.device))


_TYPE_NAMES = {"int64": "Long", "int32": "Int", "int16": "Short", "int8": "Char",
               "uint8": "Byte", "float32": "Float", "float64": "Double", "bool": "Bool",
               "float16": "Half", "bfloat16": "BFloat16"}


def _batch_sizes(lengths: Tensor, batch: int, steps: int) -> tuple[int, ...]:
    """PyTorch's checks on ``lengths`` (sorted longest first), then the rows of every step."""
    if lengths.dim() != 1 or lengths.device.type != "cpu" or lengths.dtype != _dtypes().int64:
        kind = _TYPE_NAMES.get(str(lengths.dtype).split(".")[-1], str(lengths.dtype))
        raise RuntimeError("'lengths' argument should be a 1D CPU int64 tensor, but got "
                           f"{lengths.dim()}D {lengths.device} {kind} tensor")
    values = [int(v) for v in lengths.tolist()]
    if len(values) != batch:
        raise RuntimeError("Expected `len(lengths)` to be equal to batch_size, but got "
                           f"{len(values)} (batch_size={batch})")
    if values[-1] <= 0:
        raise RuntimeError("Length of all samples has to be greater than 0, but found an "
                           "element in 'lengths' that is <= 0")
    if any(values[i + 1] > values[i] for i in range(batch - 1)):
        raise RuntimeError(
            "`lengths` array must be sorted in decreasing order when `enforce_sorted` is True. "
            "You can pass `enforce_sorted=False` to pack_padded_sequence and/or pack_sequence "
            "to sidestep this requirement if you do not need ONNX exportability.")
    longest = min(values[0], steps)
    return tuple(sum(v > t for v in values) for t in range(longest))


def pack_padded_sequence(input: Tensor, lengths: Any, batch_first: bool = False,  # noqa: A002
                         enforce_sorted: bool = True) -> PackedSequence:
    """A padded (T, B, *) batch (``batch_first``: (B, T, *)) and each sequence's length →
    a `PackedSequence`. With ``enforce_sorted`` the lengths must come longest first;
    otherwise the batch is sorted here (``index_select``) and the order kept in the result.
    The data's node is ``PackPaddedSequenceBackward0``, as in PyTorch.
    """
    if not isinstance(lengths, Tensor):
        lengths = as_tensor(lengths, dtype=_dtypes().int64, device="cpu")
    else:
        lengths = lengths.to(dtype=_dtypes().int64)
    sorted_indices = None
    if not enforce_sorted:
        lengths, sorted_indices = ops.sort(lengths, descending=True)
        sorted_indices = sorted_indices.to(input.device)
        input = input.index_select(0 if batch_first else 1, sorted_indices)
    if lengths.device.type != "cpu":
        raise RuntimeError("'lengths' argument should be a 1D CPU int64 tensor, but got "
                           f"{lengths.dim()}D {lengths.device} Long tensor")
    if input.dim() < 2:
        raise IndexError("Dimension out of range (expected to be in range of "
                         f"[-{max(input.dim(), 1)}, {max(input.dim(), 1) - 1}], but got 1)")
    steps, batch = (input.shape[1], input.shape[0]) if batch_first else input.shape[:2]
    if lengths.dim() == 1 and input.numel() == 0:
        raise RuntimeError("Cannot pack empty tensors.")
    sizes = _batch_sizes(lengths, batch, steps)
    data = PackPaddedSequence.apply(input, sizes, batch_first)
    batch_sizes = as_tensor(list(sizes), dtype=_dtypes().int64, device="cpu")  # always here
    return PackedSequence(data, batch_sizes, sorted_indices, None)


def pad_packed_sequence(sequence: PackedSequence, batch_first: bool = False,
                        padding_value: float = 0.0,
                        total_length: int | None = None) -> tuple[Tensor, Tensor]:
    """`pack_padded_sequence` undone: (padded (T, B, *) or (B, T, *), lengths), the places
    past each sequence's end ``padding_value``, T = ``total_length`` or the longest length;
    the sequences back in the order they were given. Built as PyTorch builds it: the runs of
    steps with the same batch size copied into a filled tensor (``CopySlices``).
    """
    sizes = [int(v) for v in sequence.batch_sizes.tolist()]
    max_seq_length = len(sizes)
    if total_length is not None:
        if total_length < max_seq_length:
            raise ValueError("Expected total_length to be at least the length of the longest "
                             f"sequence in input, but got total_length={total_length} and max "
                             f"sequence length being {max_seq_length}")
        max_seq_length = total_length
    data = sequence.data
    max_batch = sizes[0]
    out = full((max_seq_length, max_batch, *data.shape[1:]), padding_value, dtype=data.dtype,
               device=data.device)
    lengths = [0] * max_batch
    offset, prev_size, prev_i = 0, max_batch, 0
    for i in range(len(sizes) + 1):
        size = sizes[i] if i < len(sizes) else 0
        if size != prev_size:
            n = prev_size * (i - prev_i)
            piece = data.narrow(0, offset, n).view(i - prev_i, prev_size, *data.shape[1:])
            out.narrow(0, prev_i, i - prev_i).narrow(1, 0, prev_size).copy_(piece)
            offset += n
            prev_i = i
        for j in range(size, prev_size):
            lengths[j] = i
        prev_size = size
    if batch_first:
        out = out.transpose(0, 1)
    lengths_t = as_tensor(lengths, dtype=_dtypes().int64, device="cpu")  # as batch_sizes
    if sequence.unsorted_indices is not None:
        order = sequence.unsorted_indices
        return (out.index_select(0 if batch_first else 1, order),
                lengths_t[order.cpu()])
    return out, lengths_t


def pack_sequence(sequences: list[Tensor], enforce_sorted: bool = True) -> PackedSequence:
    """(L_i, *) tensors → a `PackedSequence` (`pad_sequence`, then `pack_padded_sequence`).
    The lengths are made on the CPU, where `pack_padded_sequence` wants them (PyTorch makes
    them on the default device and so fails after ``set_default_device('cuda')``, its open
    issue 88643)."""
    lengths = as_tensor([v.size(0) for v in sequences], device="cpu")
    return pack_padded_sequence(pad_sequence(sequences), lengths, enforce_sorted=enforce_sorted)


def unpad_sequence(padded_sequences: Tensor, lengths: Tensor,
                   batch_first: bool = False) -> list[Tensor]:
    """A padded batch → the list of its sequences, each cut to its length. Like PyTorch,
    turns a time-major ``padded_sequences`` batch-major in place."""
    if not batch_first:
        padded_sequences.transpose_(0, 1)
    idx = arange(padded_sequences.shape[1], device=lengths.device)
    return [seq[idx < length] for seq, length in zip(padded_sequences, lengths)]


def unpack_sequence(packed_sequences: PackedSequence) -> list[Tensor]:
    """A `PackedSequence` → the list of its sequences, in their original order."""
    padded, lengths = pad_packed_sequence(packed_sequences, batch_first=True)
    return unpad_sequence(padded, lengths, batch_first=True)


__all__ = ["PackedSequence", "invert_permutation", "pack_padded_sequence", "pack_sequence",
           "pad_packed_sequence", "pad_sequence", "unpack_sequence", "unpad_sequence"]
