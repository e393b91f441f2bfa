"""``nn.utils.rnn``: sequences of different lengths padded into one tensor."""

from __future__ import annotations

from collections.abc import Iterable

from ...creation import full
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


__all__ = ["pad_sequence"]
