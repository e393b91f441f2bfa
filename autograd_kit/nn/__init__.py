"""``autograd_kit.nn``: modules, layers, losses (PyTorch's ``torch.nn``)."""

from __future__ import annotations

from . import functional, init, utils
from .activation import (
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
from .container import ModuleDict, ModuleList, Sequential
from .dropout import Dropout
from .flatten import Flatten, Unflatten
from .linear import Identity, Linear
from .loss import (
    BCELoss,
    BCEWithLogitsLoss,
    CrossEntropyLoss,
    HuberLoss,
    L1Loss,
    MSELoss,
    NLLLoss,
    SmoothL1Loss,
)
from .module import Module
from .parameter import Parameter

__all__ = [
    "BCELoss", "BCEWithLogitsLoss", "CrossEntropyLoss", "Identity", "Linear", "LogSoftmax",
    "MSELoss", "Module", "NLLLoss", "Parameter", "ReLU", "Sequential", "Sigmoid", "Softmax",
    "Tanh", "functional", "init",
    # containers, dropout, flatten, L1-type losses, gradient clipping
    "Dropout", "Flatten", "HuberLoss", "L1Loss", "ModuleDict", "ModuleList", "SmoothL1Loss",
    "utils",
    # activations with settings
    "ELU", "GELU", "Hardtanh", "LeakyReLU", "ReLU6", "SiLU", "Softplus",
    "LogSigmoid", "Softmin", "Softsign", "Tanhshrink", "Unflatten",
]
