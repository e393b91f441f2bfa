"""``autograd_kit.autograd``: PyTorch's ``torch.autograd`` namespace.

`backward`, `grad`, `Function`, `gradcheck`, `detect_anomaly`, the historical `Variable`,
`functional` (whole Jacobians), `forward_ad` (Jacobian–vector products, forward mode), and
`backward_steps`: the engine's backward pass one node at a time (what the widgets show).
"""

from __future__ import annotations

from ..accumulate_grad import AccumulateGrad
from ..anomaly_mode import detect_anomaly, is_anomaly_enabled, set_detect_anomaly
from ..engine import BackwardStep, GradWrite, Sent, backward, backward_steps, grad
from ..function import BackwardFunction, Function, Node
from ..grad_mode import (
    _unsafe_preserve_version_counter,
    enable_grad,
    enforce_grad_layout_policy,
    inference_mode,
    is_multithreading_enabled,
    no_grad,
    set_grad_enabled,
    set_multithreading_enabled,
)
from ..saved_tensor import SavedTensor
from . import anomaly_mode, forward_ad, function, functional, grad_mode, graph, profiler
from .gradcheck import gradcheck, gradgradcheck
from .variable import Variable, variable  # (the function: PyTorch's name shadows the module)

__all__ = [
    "AccumulateGrad", "BackwardFunction", "BackwardStep", "Function", "GradWrite", "Node",
    "SavedTensor", "Sent", "Variable", "anomaly_mode", "backward", "backward_steps",
    "detect_anomaly", "enable_grad", "enforce_grad_layout_policy", "forward_ad", "function",
    "functional", "grad",
    "grad_mode", "gradcheck", "gradgradcheck", "graph", "inference_mode", "is_anomaly_enabled",
    "is_multithreading_enabled",
    "no_grad", "profiler", "set_detect_anomaly", "set_grad_enabled",
    "set_multithreading_enabled", "variable",
]
