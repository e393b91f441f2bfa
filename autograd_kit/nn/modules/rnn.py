"""PyTorch's home of these classes (see ``autograd_kit/nn/modules/__init__.py``)."""

from ..rnn import GRU, LSTM, RNN, RNNBase
from ..rnn_cells import GRUCell, LSTMCell, RNNCell, RNNCellBase
from ._home import settle

__all__ = ["GRU", "GRUCell", "LSTM", "LSTMCell", "RNN", "RNNBase", "RNNCell", "RNNCellBase"]

settle(__name__, GRU, GRUCell, LSTM, LSTMCell, RNN, RNNBase, RNNCell, RNNCellBase)
