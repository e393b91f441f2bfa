"""PyTorch's home of these classes (see ``autograd_kit/nn/modules/__init__.py``), and of the
global module hooks (``register_module_forward_hook`` and its kin)."""

from ..module import Module, _IncompatibleKeys
from ..module_hooks import (
    _GLOBAL,
    _REGISTRATION,
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

# The global hook tables under PyTorch's names (the same dicts, so reading, clearing or
# removing entries here acts on the hooks every module runs).
_global_forward_pre_hooks = _GLOBAL.forward_pre
_global_forward_hooks = _GLOBAL.forward
_global_forward_hooks_with_kwargs = _GLOBAL.forward_with_kwargs
_global_forward_hooks_always_called = _GLOBAL.forward_always_called
_global_backward_pre_hooks = _GLOBAL.backward_pre
_global_backward_hooks = _GLOBAL.backward
_global_parameter_registration_hooks = _REGISTRATION["parameter"]
_global_buffer_registration_hooks = _REGISTRATION["buffer"]
_global_module_registration_hooks = _REGISTRATION["module"]
