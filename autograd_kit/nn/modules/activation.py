"""PyTorch's home of these classes (see ``autograd_kit/nn/modules/__init__.py``)."""

from ..activation import (
    ELU,
    GELU,
    Hardtanh,
    LeakyReLU,
    LogSigmoid,
    LogSoftmax,
    ReLU,
    ReLU6,
    Sigmoid,
    SiLU,
    Softmax,
    Softmin,
    Softplus,
    Softsign,
    Tanh,
    Tanhshrink,
)
from ..activation_more import CELU, SELU, Hardsigmoid, Hardswish, Mish, PReLU, Threshold
from ..attention import MultiheadAttention
from ._home import settle

__all__ = [
    "CELU", "ELU", "GELU", "Hardsigmoid", "Hardswish", "Hardtanh", "LeakyReLU",
    "LogSigmoid", "LogSoftmax", "Mish", "MultiheadAttention", "PReLU", "ReLU", "ReLU6",
    "SELU", "SiLU", "Sigmoid", "Softmax", "Softmin", "Softplus", "Softsign", "Tanh",
    "Tanhshrink", "Threshold",
]

settle(
    __name__,
    CELU, ELU, GELU, Hardsigmoid, Hardswish, Hardtanh, LeakyReLU, LogSigmoid, LogSoftmax,
    Mish, MultiheadAttention, PReLU, ReLU, ReLU6, SELU, SiLU, Sigmoid, Softmax, Softmin,
    Softplus, Softsign, Tanh, Tanhshrink, Threshold,
)

from ..activation_extra import GLU, Hardshrink, RReLU, Softmax2d, Softshrink  # noqa: E402

__all__ += ["GLU", "Hardshrink", "RReLU", "Softmax2d", "Softshrink"]
settle(__name__, GLU, Hardshrink, RReLU, Softmax2d, Softshrink)
