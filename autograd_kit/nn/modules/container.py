"""PyTorch's home of these classes (see ``autograd_kit/nn/modules/__init__.py``)."""

from ..container import ModuleDict, ModuleList, Sequential
from ..param_containers import ParameterDict, ParameterList
from ._home import settle

__all__ = ["ModuleDict", "ModuleList", "ParameterDict", "ParameterList", "Sequential"]

settle(__name__, ModuleDict, ModuleList, ParameterDict, ParameterList, Sequential)
