"""One step of a recurrent layer: `RNNCell`, `LSTMCell`, `GRUCell`, as in PyTorch.

Call a cell once per time step, carrying the state yourself::

    cell = nn.LSTMCell(3, 4)
    h, c = zeros(2, 4), zeros(2, 4)
    for x_t in x:                      # x: (L, N, 3)
        h, c = cell(x_t, (h, c))

The formulas are those of `nn.rnn` (the same step functions); the parameters are
``weight_ih`` (gates·H, input), ``weight_hh`` (gates·H, H), ``bias_ih`` and ``bias_hh``
(gates·H), uniform in ±1/√H in that order.
"""

from __future__ import annotations

import math
from typing import Any

from ..creation import empty, zeros
from ..tensor import Tensor
from . import functional as F
from . import init
from .module import Module
from .parameter import Parameter
from .rnn import _gru_step, _lstm_step, _rnn_step


class RNNCellBase(Module):
    """The parameters, their starting values and the repr that the three cells share."""

    def __init__(self, input_size: int, hidden_size: int, bias: bool, num_chunks: int,
                 device: Any = None, dtype: Any = None) -> None:
        super().__init__()
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.bias = bias
        gates = num_chunks * hidden_size
        self.weight_ih = Parameter(empty((gates, input_size), dtype=dtype, device=device))
        self.weight_hh = Parameter(empty((gates, hidden_size), dtype=dtype, device=device))
        if bias:
            self.bias_ih = Parameter(empty(gates, dtype=dtype, device=device))
            self.bias_hh = Parameter(empty(gates, dtype=dtype, device=device))
        else:
            self.register_parameter("bias_ih", None)
            self.register_parameter("bias_hh", None)
        self.reset_parameters()

    def extra_repr(self) -> str:
        s = f"{self.input_size}, {self.hidden_size}"
        if self.bias is not True:
            s += f", bias={self.bias}"
        nonlinearity = self.__dict__.get("nonlinearity", "tanh")
        if nonlinearity != "tanh":
            s += f", nonlinearity={nonlinearity}"
        return s

    def reset_parameters(self) -> None:
        stdv = 1.0 / math.sqrt(self.hidden_size) if self.hidden_size > 0 else 0
        for weight in self.parameters():
            init.uniform_(weight, -stdv, stdv)

    def _check(self, name: str, input: Tensor, hx: Tensor | None) -> None:  # noqa: A002
        if input.dim() not in (1, 2):
            raise ValueError(f"{name}: Expected input to be 1D or 2D, got {input.dim()}D instead")
        if hx is not None and hx.dim() not in (1, 2):
            raise ValueError(f"{name}: Expected hidden to be 1D or 2D, got {hx.dim()}D instead")

    def _check_step(self, input: Tensor, *hiddens: Tensor) -> None:  # noqa: A002
        """PyTorch's checks of one step's sizes (batched input and hidden states)."""
        expected = self.weight_ih.shape[1]
        if input.shape[1] != expected:
            raise RuntimeError(f"input has inconsistent input_size: got {input.shape[1]} "
                               f"expected {expected}")
        hidden_size = self.weight_hh.shape[1]
        for label, hx in enumerate(hiddens):
            if input.shape[0] != hx.shape[0]:
                raise RuntimeError(f"Input batch size {input.shape[0]} doesn't match "
                                   f"hidden{label} batch size {hx.shape[0]}")
            if hx.shape[1] != hidden_size:
                raise RuntimeError(f"hidden{label} has inconsistent hidden_size: got "
                                   f"{hx.shape[1]}, expected {hidden_size}")

    def _zeros(self, input: Tensor) -> Tensor:  # noqa: A002
        return zeros(input.shape[0], self.hidden_size, dtype=input.dtype, device=input.device)

    def _gi(self, input: Tensor) -> Tensor:  # noqa: A002
        return F.linear(input, self.weight_ih, self.bias_ih)


class RNNCell(RNNCellBase):
    """h' = tanh(W_ih x + b_ih + W_hh h + b_hh) (relu with ``nonlinearity='relu'``)."""

    def __init__(self, input_size: int, hidden_size: int, bias: bool = True,
                 nonlinearity: str = "tanh", device: Any = None, dtype: Any = None) -> None:
        super().__init__(input_size, hidden_size, bias, 1, device, dtype)
        self.nonlinearity = nonlinearity

    def forward(self, input: Tensor, hx: Tensor | None = None) -> Tensor:  # noqa: A002
        self._check("RNNCell", input, hx)
        is_batched = input.dim() == 2
        if not is_batched:
            input = input.unsqueeze(0)
        hx = self._zeros(input) if hx is None else hx if is_batched else hx.unsqueeze(0)
        if self.nonlinearity not in ("tanh", "relu"):
            raise RuntimeError(f"Unknown nonlinearity: {self.nonlinearity}")
        self._check_step(input, hx)
        out = _rnn_step(self._gi(input), hx, self.weight_hh, self.bias_hh,
                        relu=self.nonlinearity == "relu")
        return out if is_batched else out.squeeze(0)


class LSTMCell(RNNCellBase):
    """(h', c') from (x, (h, c)): c' = σ(f) c + σ(i) tanh(g), h' = σ(o) tanh(c')."""

    def __init__(self, input_size: int, hidden_size: int, bias: bool = True,
                 device: Any = None, dtype: Any = None) -> None:
        super().__init__(input_size, hidden_size, bias, 4, device, dtype)

    def forward(self, input: Tensor,  # noqa: A002
                hx: tuple[Tensor, Tensor] | None = None) -> tuple[Tensor, Tensor]:
        if input.dim() not in (1, 2):
            raise ValueError(f"LSTMCell: Expected input to be 1D or 2D, got {input.dim()}D "
                             "instead")
        if hx is not None:
            for idx, value in enumerate(hx):
                if value.dim() not in (1, 2):
                    raise ValueError(f"LSTMCell: Expected hx[{idx}] to be 1D or 2D, got "
                                     f"{value.dim()}D instead")
        is_batched = input.dim() == 2
        if not is_batched:
            input = input.unsqueeze(0)
        if hx is None:
            z = self._zeros(input)
            hx = (z, z)
        elif not is_batched:
            hx = (hx[0].unsqueeze(0), hx[1].unsqueeze(0))
        if isinstance(hx, Tensor):  # (h, c) given as one tensor
            raise TypeError("lstm_cell(): argument 'hx' (position 2) must be tuple of Tensors, "
                            "not Tensor")
        if len(hx) != 2:
            raise RuntimeError("lstm_cell expects two hidden states")
        self._check_step(input, *hx)
        h, c = _lstm_step(self._gi(input), hx[0], hx[1], self.weight_hh, self.bias_hh)
        return (h, c) if is_batched else (h.squeeze(0), c.squeeze(0))


class GRUCell(RNNCellBase):
    """h' = (1 - z) n + z h, with reset gate r, update gate z and candidate n."""

    def __init__(self, input_size: int, hidden_size: int, bias: bool = True,
                 device: Any = None, dtype: Any = None) -> None:
        super().__init__(input_size, hidden_size, bias, 3, device, dtype)

    def forward(self, input: Tensor, hx: Tensor | None = None) -> Tensor:  # noqa: A002
        self._check("GRUCell", input, hx)
        is_batched = input.dim() == 2
        if not is_batched:
            input = input.unsqueeze(0)
        hx = self._zeros(input) if hx is None else hx if is_batched else hx.unsqueeze(0)
        self._check_step(input, hx)
        out = _gru_step(self._gi(input), hx, self.weight_hh, self.bias_hh)
        return out if is_batched else out.squeeze(0)
