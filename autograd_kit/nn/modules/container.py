"""PyTorch's home of these classes (see ``autograd_kit/nn/modules/__init__.py``)."""

from ..container import ModuleDict, ModuleList, Sequential
from ..deprecated import Container
from ..param_containers import ParameterDict, ParameterList
from ._home import settle

__all__ = ["Container", "ModuleDict", "ModuleList", "ParameterDict", "ParameterList", "Sequential"]

settle(__name__, Container, ModuleDict, ModuleList, ParameterDict, ParameterList, Sequential)
