"""Recurrent layers over a `PackedSequence`, as PyTorch's CPU code runs them (RNN.cpp's
``PackedLayer`` and ``ReversedPackedLayer``).

The packed data holds the sorted sequences step by step, ``batch_sizes[t]`` rows at step t.
Going forward, the hidden state loses its last rows whenever the batch shrinks: those
sequences have ended, and the rows cut off are their final states. Going backward (the
reverse direction of a bidirectional layer) the state starts with the sequences that run to
the last step and gains rows, taken from h_0, as longer sequences join::

    forward   t = 0 … T-1:  h = h[:batch_sizes[t]] (ended rows kept aside); h = cell(x_t, h)
    reverse   t = T-1 … 0:  h = cat(h, h_0[len(h):batch_sizes[t]]);            h = cell(x_t, h)

Each direction's outputs are joined with ``cat`` (so the packed output's node is
``CatBackward0``, as in PyTorch) and the final states of all layers with ``stack``.
"""

from __future__ import annotations

from typing import Any

from .. import ops
from ..creation import zeros as zeros_
from ..tensor import Tensor
from . import functional as F


def _cell(module: Any, params: list, gi: Tensor, h: Tensor,
          c: Tensor | None) -> tuple[Tensor, Tensor | None]:
    from .rnn import _gru_step, _lstm_step, _rnn_step

    w_hh = params[1]
    b_hh = params[3] if module.bias else None
    if module.mode == "LSTM":
        w_hr = params[-1] if module.proj_size > 0 else None
        return _lstm_step(gi, h, c, w_hh, b_hh, w_hr)
    if module.mode == "GRU":
        return _gru_step(gi, h, w_hh, b_hh), None
    return _rnn_step(gi, h, w_hh, b_hh, relu=module.mode == "RNN_RELU"), None


def _forward(module: Any, gi: Tensor, sizes: list[int], params: list, h: Tensor,
             c: Tensor | None) -> tuple[Tensor, Tensor, Tensor | None]:
    outs, ended_h, ended_c = [], [], []
    offset, last = 0, sizes[0]
    for size in sizes:
        step = gi.narrow(0, offset, size)
        offset += size
        if size < last:
            ended_h.append(h.narrow(0, size, last - size))
            h = h.narrow(0, 0, size)
            if c is not None:
                ended_c.append(c.narrow(0, size, last - size))
                c = c.narrow(0, 0, size)
        last = size
        h, c = _cell(module, params, step, h, c)
        outs.append(h)
    ended_h.append(h)
    h_n = ops.cat(ended_h[::-1], 0)
    c_n = None
    if c is not None:
        ended_c.append(c)
        c_n = ops.cat(ended_c[::-1], 0)
    return ops.cat(outs, 0), h_n, c_n


def _reverse(module: Any, gi: Tensor, sizes: list[int], params: list, h0: Tensor,
             c0: Tensor | None) -> tuple[Tensor, Tensor, Tensor | None]:
    outs = []
    offset, last = gi.shape[0], sizes[-1]
    h = h0.narrow(0, 0, last)
    c = None if c0 is None else c0.narrow(0, 0, last)
    for size in reversed(sizes):
        if size > last:
            h = ops.cat([h, h0.narrow(0, last, size - last)], 0)
            if c is not None:
                c = ops.cat([c, c0.narrow(0, last, size - last)], 0)
        step = gi.narrow(0, offset - size, size)
        offset -= size
        last = size
        h, c = _cell(module, params, step, h, c)
        outs.append(h)
    return ops.cat(outs[::-1], 0), h, c


def run_packed(module: Any, data: Tensor, batch_sizes: Tensor, h0: Tensor,
               c0: Tensor | None = None) -> tuple[Tensor, Tensor, Tensor | None]:
    """All layers over packed ``data``: (packed output data, h_n, c_n), the final states in
    sorted order (row i: sequence i's last real step)."""
    sizes = [int(v) for v in batch_sizes.tolist()]
    directions = 2 if module.bidirectional else 1
    x = data
    h_last: list[Tensor] = []
    c_last: list[Tensor] = []
    for layer in range(module.num_layers):
        outputs = []
        for direction in range(directions):
            k = layer * directions + direction
            params = module.all_weights[k]
            gi = F.linear(x, params[0], params[2] if module.bias else None)
            run = _reverse if direction == 1 else _forward
            out, h, c = run(module, gi, sizes, params, h0[k], None if c0 is None else c0[k])
            outputs.append(out)
            h_last.append(h)
            if c is not None:
                c_last.append(c)
        x = outputs[0] if directions == 1 else ops.cat(outputs, 1)
        if module.dropout != 0 and module.training and layer < module.num_layers - 1:
            x = F.dropout(x, module.dropout, True)
    return x, ops.stack(h_last, 0), ops.stack(c_last, 0) if c_last else None


def _permute(hx: Tensor, permutation: Tensor | None) -> Tensor:
    return hx if permutation is None else hx.index_select(1, permutation)


def packed_forward(module: Any, packed: Any, hx: Any) -> tuple[Any, Any]:
    """``module(packed, hx)`` for a `PackedSequence`: PyTorch's checks with the packed data
    (2-D) and a batch of ``batch_sizes[0]``; h_0 put in sorted order, h_n (and c_n) back in
    the caller's order."""
    from .utils.rnn import PackedSequence

    data, batch_sizes, sorted_indices, unsorted_indices = packed
    batch = int(batch_sizes[0])
    directions = 2 if module.bidirectional else 1
    real_hidden = module.proj_size if module.proj_size > 0 else module.hidden_size
    lstm = module.mode == "LSTM"

    def zeros(size: int) -> Tensor:
        return zeros_(module.num_layers * directions, batch, size, dtype=data.dtype,
                         device=data.device)

    if hx is None:
        hx = (zeros(real_hidden), zeros(module.hidden_size)) if lstm else zeros(real_hidden)
    elif lstm:
        hx = (_permute(hx[0], sorted_indices), _permute(hx[1], sorted_indices))
    else:
        hx = _permute(hx, sorted_indices)
    if not lstm:  # PyTorch's LSTM checks nothing here: errors come from the computation
        _check(module, data, hx, batch, real_hidden)
    h0, c0 = hx if lstm else (hx, None)
    out, h_n, c_n = run_packed(module, data, batch_sizes, h0, c0)
    output = PackedSequence(out, batch_sizes, sorted_indices, unsorted_indices)
    if lstm:
        return output, (_permute(h_n, unsorted_indices), _permute(c_n, unsorted_indices))
    return output, _permute(h_n, unsorted_indices)


def _check(module: Any, data: Tensor, hx: Any, batch: int, real_hidden: int) -> None:
    module.check_input(data, batch_sizes=[batch])  # packed data: 2-D
    layers = module.num_layers * (2 if module.bidirectional else 1)
    module.check_hidden_size(hx, (layers, batch, real_hidden))


__all__ = ["packed_forward", "run_packed"]
