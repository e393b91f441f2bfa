"""PyTorch's home of these classes (see ``autograd_kit/nn/modules/__init__.py``), and of the
global module hooks (``register_module_forward_hook`` and its kin)."""

from ..module import Module, _IncompatibleKeys
from ..module_hooks import (
    register_module_backward_hook,
    register_module_buffer_registration_hook,
    register_module_forward_hook,
    register_module_forward_pre_hook,
    register_module_full_backward_hook,
    register_module_full_backward_pre_hook,
    register_module_module_registration_hook,
    register_module_parameter_registration_hook,
)
from ._home import settle

__all__ = ["Module", "_IncompatibleKeys", "register_module_backward_hook",
           "register_module_buffer_registration_hook", "register_module_forward_hook",
           "register_module_forward_pre_hook", "register_module_full_backward_hook",
           "register_module_full_backward_pre_hook", "register_module_module_registration_hook",
           "register_module_parameter_registration_hook"]

settle(__name__, Module, _IncompatibleKeys)
