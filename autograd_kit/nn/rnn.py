"""Recurrent layers: `RNN`, `LSTM`, `GRU` and their one-step cells, as in PyTorch.

Each time step is built from operations the kit already differentiates (``linear``/addmm,
sigmoid, tanh, unsafe_chunk, stack, cat), so gradients of any order come for free. The steps follow
PyTorch's own CPU code (aten/src/ATen/native/RNN.cpp), in the same order of operations::

    RNN   h' = tanh(W_hh h + b_hh + W_ih x + b_ih)             (relu with nonlinearity='relu')
    LSTM  i, f, g, o = unsafe_chunk(W_hh h + b_hh + W_ih x + b_ih, 4)
          c' = σ(f) c + σ(i) tanh(g)        h' = σ(o) tanh(c')   (h' ← W_hr h' with proj_size)
    GRU   r = σ(W_hr h + b_hr + W_ir x + b_ir)    z = σ(W_hz h + b_hz + W_iz x + b_iz)
          n = tanh(W_in x + b_in + r (W_hn h + b_hn))    h' = (h - n) z + n

A layer first multiplies the whole sequence by W_ih (one matrix product), then runs the steps;
the reverse direction of a bidirectional layer reads the sequence from its end. PyTorch runs
whole layers in fused kernels; for LSTM on the CPU (oneDNN) the kit records each layer and
direction as one node too, ``MkldnnRnnLayerBackward0`` with outputs (y, h_n, c_n), whose
gradient re-runs the steps (`composite.py`). RNN and GRU show the steps' own nodes (PyTorch's
``StackBackward0`` on top is the same); values and gradients are the same.

A `nn.utils.rnn.PackedSequence` input runs each sequence only over its real steps
(``rnn_packed.py``) and gives a PackedSequence output, with h_n (and c_n) taken at each
sequence's last real step, in the caller's batch order.
"""

from __future__ import annotations

import math
import numbers
import warnings
from functools import partial
from typing import Any

from .. import grad_mode, ops
from ..creation import empty, zeros
from ..dtypes import float16, float32
from ..ops.pieces import unsafe_chunk
from ..tensor import Tensor
from . import functional as F
from . import init
from .composite import Composite
from .module import Module
from .parameter import Parameter
from .rnn_packed import packed_forward

# ---- one time step (gi = W_ih x + b_ih, already computed) ----------------------------------


def _rnn_step(gi: Tensor, h: Tensor, w_hh: Tensor, b_hh: Tensor | None,
              relu: bool = False) -> Tensor:
    pre = F.linear(h, w_hh, b_hh) + gi
    return ops.relu(pre) if relu else ops.tanh(pre)


def _lstm_step(gi: Tensor, h: Tensor, c: Tensor, w_hh: Tensor, b_hh: Tensor | None,
               w_hr: Tensor | None = None) -> tuple[Tensor, Tensor]:
    gates = F.linear(h, w_hh, b_hh) + gi
    i, f, g, o = unsafe_chunk(gates, 4, 1)  # (PyTorch's cells: UnsafeSplitBackward0)
    c_next = ops.sigmoid(f) * c + ops.sigmoid(i) * ops.tanh(g)
    h_next = ops.sigmoid(o) * ops.tanh(c_next)
    if w_hr is not None:
        h_next = ops.matmul(h_next, w_hr.t())
    return h_next, c_next


def _gru_step(gi: Tensor, h: Tensor, w_hh: Tensor, b_hh: Tensor | None) -> Tensor:
    gh = F.linear(h, w_hh, b_hh)
    i_r, i_z, i_n = unsafe_chunk(gi, 3, 1)
    h_r, h_z, h_n = unsafe_chunk(gh, 3, 1)
    # (in place where PyTorch's cell is: multiplying in place, PyTorch keeps a copy of the
    # original, which its second-order graph shows as CloneBackward0)
    r = ops.sigmoid(h_r + i_r)
    z = ops.sigmoid(h_z + i_z)
    n = ops.tanh(i_n + h_n.mul_(r))
    return (h - n).mul_(z) + n


# ---- whole layers ---------------------------------------------------------------------------


class RNNBase(Module):
    """What `RNN`, `LSTM` and `GRU` share: PyTorch's parameters, checks and layer loop.

    Parameters per layer l and direction (suffix ``_reverse`` for the backward one):
    ``weight_ih_l{l}`` (gates·H, input), ``weight_hh_l{l}`` (gates·H, H), ``bias_ih_l{l}``,
    ``bias_hh_l{l}`` (gates·H), all drawn uniform in ±1/√H in that order, as PyTorch does.
    """

    _gates = {"LSTM": 4, "GRU": 3, "RNN_TANH": 1, "RNN_RELU": 1}

    def __init__(self, mode: str, input_size: int, hidden_size: int, num_layers: int = 1,
                 bias: bool = True, batch_first: bool = False, dropout: float = 0.0,
                 bidirectional: bool = False, proj_size: int = 0, device: Any = None,
                 dtype: Any = None) -> None:
        super().__init__()
        self.mode = mode
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.num_layers = num_layers
        self.bias = bias
        self.batch_first = batch_first
        self.dropout = float(dropout)
        self.bidirectional = bidirectional
        self.proj_size = proj_size
        _check_settings(input_size, hidden_size, num_layers, bias, batch_first, dropout,
                        proj_size)
        if mode not in self._gates:
            raise ValueError("Unrecognized RNN mode: " + mode)
        gate_size = self._gates[mode] * hidden_size
        directions = 2 if bidirectional else 1
        real_hidden = proj_size if proj_size > 0 else hidden_size
        self._flat_weights_names: list[str] = []
        self._all_weights: list[list[str]] = []
        for layer in range(num_layers):
            for direction in range(directions):
                layer_input = input_size if layer == 0 else real_hidden * directions
                shapes = [(gate_size, layer_input), (gate_size, real_hidden)]
                names = ["weight_ih_l{}{}", "weight_hh_l{}{}"]
                if bias:
                    shapes += [(gate_size,), (gate_size,)]
                    names += ["bias_ih_l{}{}", "bias_hh_l{}{}"]
                if proj_size > 0:
                    shapes.append((proj_size, hidden_size))
                    names.append("weight_hr_l{}{}")
                suffix = "_reverse" if direction == 1 else ""
                names = [n.format(layer, suffix) for n in names]
                for name, shape in zip(names, shapes):
                    setattr(self, name, Parameter(empty(tuple(shape), dtype=dtype, device=device)))
                self._flat_weights_names.extend(names)
                self._all_weights.append(names)
        self.reset_parameters()

    @property
    def _flat_weights(self) -> list[Parameter]:
        return [getattr(self, name) for name in self._flat_weights_names]

    @property
    def all_weights(self) -> list[list[Parameter]]:
        return [[getattr(self, name) for name in names] for names in self._all_weights]

    def flatten_parameters(self) -> None:
        """Nothing to do: there is no fused (cuDNN) weight buffer here."""

    def reset_parameters(self) -> None:
        stdv = 1.0 / math.sqrt(self.hidden_size) if self.hidden_size > 0 else 0
        for weight in self.parameters():
            init.uniform_(weight, -stdv, stdv)

    def extra_repr(self) -> str:
        s = f"{self.input_size}, {self.hidden_size}"
        if self.proj_size != 0:
            s += f", proj_size={self.proj_size}"
        if self.num_layers != 1:
            s += f", num_layers={self.num_layers}"
        if self.bias is not True:
            s += f", bias={self.bias}"
        if self.batch_first is not False:
            s += f", batch_first={self.batch_first}"
        if self.dropout != 0:
            s += f", dropout={self.dropout}"
        if self.bidirectional is not False:
            s += f", bidirectional={self.bidirectional}"
        return s

    # ---- checks, with PyTorch's messages ----

    def check_input(self, input: Tensor, batch_sizes: Tensor | None = None) -> None:  # noqa: A002
        """A padded batch has 3 dimensions; a packed sequence's data (``batch_sizes`` given)
        has 2, as in PyTorch."""
        dims = 2 if batch_sizes is not None else 3
        weight = self._flat_weights[0]
        if input.dtype != weight.dtype:
            raise ValueError(
                f"RNN input dtype ({input.dtype}) does not match weight dtype ({weight.dtype}). "
                f"Convert input: input.to({weight.dtype}), or convert model: "
                f"model.to({input.dtype})")
        if input.dim() != dims:
            raise RuntimeError(f"input must have {dims} dimensions, got {input.dim()}")
        if self.input_size != input.shape[-1]:
            raise RuntimeError("input.size(-1) must be equal to input_size. Expected "
                               f"{self.input_size}, got {input.shape[-1]}")

    def _expected_size(self, input: Tensor, batch_sizes: Any, size: int  # noqa: A002
                       ) -> tuple[int, int, int]:
        if batch_sizes is not None:
            batch = int(batch_sizes[0])
        else:
            batch = input.shape[0] if self.batch_first else input.shape[1]
        return (self.num_layers * (2 if self.bidirectional else 1), batch, size)

    def get_expected_hidden_size(self, input: Tensor,  # noqa: A002
                                 batch_sizes: Tensor | None = None) -> tuple[int, int, int]:
        size = self.proj_size if self.proj_size > 0 else self.hidden_size
        return self._expected_size(input, batch_sizes, size)

    def get_expected_cell_size(self, input: Tensor,  # noqa: A002
                               batch_sizes: Tensor | None = None) -> tuple[int, int, int]:
        """LSTM's c: hidden_size wide (h is proj_size wide with projections)."""
        return self._expected_size(input, batch_sizes, self.hidden_size)

    @staticmethod
    def check_hidden_size(hx: Tensor, expected: tuple[int, int, int],
                          msg: str = "Expected hidden size {}, got {}") -> None:
        if tuple(hx.shape) != expected:
            raise RuntimeError(msg.format(expected, list(hx.shape)))

    def check_forward_args(self, input: Tensor, hidden: Any,  # noqa: A002
                           batch_sizes: Tensor | None = None) -> None:
        self.check_input(input, batch_sizes)
        if self.mode != "LSTM":
            self.check_hidden_size(hidden, self.get_expected_hidden_size(input, batch_sizes))
            return
        self.check_hidden_size(hidden[0], self.get_expected_hidden_size(input, batch_sizes),
                               "Expected hidden[0] size {}, got {}")
        self.check_hidden_size(hidden[1], self.get_expected_cell_size(input, batch_sizes),
                               "Expected hidden[1] size {}, got {}")

    # ---- the computation ----

    def _batched(self, input: Tensor, hx: Any, name: str) -> tuple[Tensor, Any, bool]:  # noqa: A002
        if input.dim() not in (2, 3):
            tail = " tensor instead" if name == "RNN" else " instead"
            raise ValueError(f"{name}: Expected input to be 2D or 3D, got {input.dim()}D{tail}")
        is_batched = input.dim() == 3
        if not is_batched:
            input = input.unsqueeze(0 if self.batch_first else 1)
        if hx is not None:  # (a tuple fails at .dim(), as in PyTorch)
            if not is_batched and hx.dim() != 2:
                raise RuntimeError("For unbatched 2-D input, hx should also be 2-D but got "
                                   f"{hx.dim()}-D tensor")
            if is_batched and hx.dim() != 3:
                raise RuntimeError("For batched 3-D input, hx should also be 3-D but got "
                                   f"{hx.dim()}-D tensor")
            if not is_batched:
                hx = hx.unsqueeze(1)
        return input, hx, is_batched

    def _forward_one_state(self, input: Tensor, hx: Tensor | None,  # noqa: A002
                           name: str) -> tuple[Tensor, Tensor]:
        """`RNN` and `GRU`'s forward: one hidden state per layer and direction."""
        input, hx, is_batched = self._batched(input, hx, name)
        if hx is None:
            hx = self._zeros(input, self.hidden_size)
        self.check_forward_args(input, hx)
        output, h_n, _ = self._run(input, hx)
        if not is_batched:
            return output.squeeze(0 if self.batch_first else 1), h_n.squeeze(1)
        return output, h_n

    def _zeros(self, input: Tensor, size: int) -> Tensor:  # noqa: A002
        batch = input.shape[0] if self.batch_first else input.shape[1]
        return zeros(self.num_layers * (2 if self.bidirectional else 1), batch, size,
                     dtype=input.dtype, device=input.device)

    def _run(self, input: Tensor, h0: Tensor,  # noqa: A002
             c0: Tensor | None = None) -> tuple[Tensor, Tensor, Tensor | None]:
        """All layers over the whole sequence: (output, h_n, c_n)."""
        x = input.transpose(0, 1) if self.batch_first else input
        if not x.shape[0]:
            raise RuntimeError("Expected sequence length to be larger than 0 in RNN")
        directions = 2 if self.bidirectional else 1
        h_last: list[Tensor] = []
        c_last: list[Tensor] = []
        for layer in range(self.num_layers):
            outputs = []
            for direction in range(directions):
                k = layer * directions + direction
                params = self.all_weights[k]
                out, h, c = self._direction(x, params, h0[k], None if c0 is None else c0[k],
                                            reverse=direction == 1)
                outputs.append(out)
                h_last.append(h)
                if c is not None:
                    c_last.append(c)
            x = outputs[0] if directions == 1 else ops.cat(outputs, 2)
            if self.dropout != 0 and self.training and layer < self.num_layers - 1:
                x = F.dropout(x, self.dropout, True)
        if self.batch_first:  # PyTorch turns RNN and GRU outputs in place, LSTM's not
            x = x.transpose(0, 1) if self.mode == "LSTM" else x.transpose_(0, 1)
        output = x
        return output, ops.stack(h_last, 0), ops.stack(c_last, 0) if c_last else None

    def _direction(self, x: Tensor, params: list[Parameter], h: Tensor, c: Tensor | None,
                   reverse: bool) -> tuple[Tensor, Tensor, Tensor | None]:
        w_ih, w_hh = params[0], params[1]
        b_ih, b_hh = (params[2], params[3]) if self.bias else (None, None)
        w_hr = params[-1] if self.proj_size > 0 else None
        run = partial(self._steps, w_hr=w_hr, reverse=reverse)
        if self.mode == "LSTM" and w_hr is None and _fused_in_pytorch(x):
            # PyTorch's oneDNN kernel: one node per layer and direction, outputs (y, h, c)
            return MkldnnRnnLayer.apply(run, x, w_ih, w_hh, b_ih, b_hh, h, c)
        return run(x, w_ih, w_hh, b_ih, b_hh, h, c)

    def _steps(self, x: Tensor, w_ih: Tensor, w_hh: Tensor, b_ih: Tensor | None,
               b_hh: Tensor | None, h: Tensor, c: Tensor | None, w_hr: Tensor | None,
               reverse: bool) -> tuple[Tensor, Tensor, Tensor | None]:
        """One layer in one direction over the sequence x: (outputs, h_n, c_n)."""
        steps = F.linear(x, w_ih, b_ih).unbind(0)
        order = range(len(steps) - 1, -1, -1) if reverse else range(len(steps))
        outs: list[Tensor] = [None] * len(steps)  # type: ignore[list-item]
        for t in order:
            if self.mode == "LSTM":
                h, c = _lstm_step(steps[t], h, c, w_hh, b_hh, w_hr)
            elif self.mode == "GRU":
                h = _gru_step(steps[t], h, w_hh, b_hh)
            else:
                h = _rnn_step(steps[t], h, w_hh, b_hh, relu=self.mode == "RNN_RELU")
            outs[t] = h
        return ops.stack(outs, 0), h, c


class MkldnnRnnLayer(Composite):
    """One LSTM layer in one direction as PyTorch's oneDNN kernel records it: inputs
    (x, W_ih, W_hh, b_ih, b_hh, h_0, c_0), outputs (y, h_n, c_n); gradients by re-running
    the steps (`Composite`)."""

    node_name = "MkldnnRnnLayerBackward0"
    optional_inputs = (4, 5)  # missing biases keep their (None, 0) edges, as in PyTorch
    saves_outputs = True  # (PyTorch's keeps result0..2: y modified in place is refused)


def _fused_in_pytorch(x: Tensor) -> bool:
    """Whether PyTorch runs this LSTM layer in its oneDNN kernel: float32 on the CPU (float16
    only without grad mode), not empty, no projections (checked by the caller)."""
    if x.device.type != "cpu" or x.numel() == 0:
        return False
    return x.dtype == float32 or (x.dtype == float16 and not grad_mode.is_grad_enabled())


def _check_settings(input_size: Any, hidden_size: Any, num_layers: int, bias: Any,
                    batch_first: Any, dropout: Any, proj_size: int) -> None:
    """PyTorch's errors (and warning) for the constructor's arguments, in its order."""
    if (not isinstance(dropout, numbers.Number) or isinstance(dropout, bool)
            or not 0 <= dropout <= 1):
        raise ValueError("dropout should be a number in range [0, 1] representing the "
                         "probability of an element being zeroed")
    if dropout > 0 and num_layers == 1:
        warnings.warn("dropout option adds dropout after all but last recurrent layer, so "
                      "non-zero dropout expects num_layers greater than 1, but got "
                      f"dropout={dropout} and num_layers={num_layers}", stacklevel=4)
    if not isinstance(bias, bool):
        raise TypeError(f"bias should be of type bool, got: {type(bias).__name__}")
    if not isinstance(batch_first, bool):
        raise TypeError(f"batch_first should be of type bool, got: {type(batch_first).__name__}")
    if not isinstance(input_size, int):
        raise TypeError(f"input_size should be of type int, got: {type(input_size).__name__}")
    if input_size <= 0:
        raise ValueError("input_size must be greater than zero")
    if not isinstance(hidden_size, int):
        raise TypeError(f"hidden_size should be of type int, got: {type(hidden_size).__name__}")
    if hidden_size <= 0:
        raise ValueError("hidden_size must be greater than zero")
    if num_layers <= 0:
        raise ValueError("num_layers must be greater than zero")
    if proj_size < 0:
        raise ValueError("proj_size should be a positive integer or zero to disable projections")
    if proj_size >= hidden_size:
        raise ValueError("proj_size has to be smaller than hidden_size")


class RNN(RNNBase):
    """Elman RNN: h_t = tanh(W_ih x_t + b_ih + W_hh h_(t-1) + b_hh) (or relu), per layer.

    ``output, h_n = rnn(input, h_0)``: output (L, N, D·H) holds the last layer's h_t for every
    t (both directions side by side), h_n (D·num_layers, N, H) the last h of every layer.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if "proj_size" in kwargs:
            raise ValueError("proj_size argument is only supported for LSTM, not RNN or GRU")
        if len(args) > 3:
            nonlinearity = args[3]
            args = args[:3] + args[4:]
        else:
            nonlinearity = kwargs.pop("nonlinearity", "tanh")
        object.__setattr__(self, "nonlinearity", nonlinearity)  # before Module.__init__
        if nonlinearity not in ("tanh", "relu"):
            raise ValueError(f"Unknown nonlinearity '{nonlinearity}'. Select from 'tanh' "
                             "or 'relu'.")
        mode = "RNN_TANH" if nonlinearity == "tanh" else "RNN_RELU"
        super().__init__(mode, *args, **kwargs)

    def forward(self, input: Tensor, hx: Tensor | None = None) -> tuple[Tensor, Tensor]:  # noqa: A002
        if isinstance(input, tuple):  # a PackedSequence
            return packed_forward(self, input, hx)
        return self._forward_one_state(input, hx, "RNN")


class GRU(RNNBase):
    """Gated recurrent unit: reset gate r, update gate z, candidate n; h' = (1 - z) n + z h.

    Same inputs and outputs as `RNN`; weights hold the gates (r, z, n) stacked, 3H rows.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        if "proj_size" in kwargs:
            raise ValueError("proj_size argument is only supported for LSTM, not RNN or GRU")
        super().__init__("GRU", *args, **kwargs)

    def forward(self, input: Tensor, hx: Tensor | None = None) -> tuple[Tensor, Tensor]:  # noqa: A002
        if isinstance(input, tuple):  # a PackedSequence
            return packed_forward(self, input, hx)
        return self._forward_one_state(input, hx, "GRU")


class LSTM(RNNBase):
    """Long short-term memory: ``output, (h_n, c_n) = lstm(input, (h_0, c_0))``.

    Weights hold the gates (i, f, g, o) stacked, 4H rows. With ``proj_size`` P > 0 every h is
    projected to P features by ``weight_hr_l{l}`` (P, H).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__("LSTM", *args, **kwargs)

    def forward(self, input: Tensor,  # noqa: A002
                hx: tuple[Tensor, Tensor] | None = None) -> tuple[Tensor, tuple[Tensor, Tensor]]:
        if isinstance(input, tuple):  # a PackedSequence
            return packed_forward(self, input, hx)
        input, _, is_batched = self._batched(input, None, "LSTM")
        if hx is None:
            real_hidden = self.proj_size if self.proj_size > 0 else self.hidden_size
            hx = (self._zeros(input, real_hidden), self._zeros(input, self.hidden_size))
        else:
            dims = (hx[0].dim(), hx[1].dim())
            want = 3 if is_batched else 2
            if dims != (want, want):
                kind = "batched 3-D" if is_batched else "unbatched 2-D"
                raise RuntimeError(f"For {kind} input, hx and cx should also be {want}-D but "
                                   f"got ({dims[0]}-D, {dims[1]}-D) tensors")
            if not is_batched:
                hx = (hx[0].unsqueeze(1), hx[1].unsqueeze(1))
        self.check_forward_args(input, hx)
        output, h_n, c_n = self._run(input, hx[0], hx[1])
        assert c_n is not None
        if not is_batched:
            return output.squeeze(0 if self.batch_first else 1), (h_n.squeeze(1),
                                                                  c_n.squeeze(1))
        return output, (h_n, c_n)
