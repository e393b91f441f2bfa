"""`Module`: the base class of layers and models, as in PyTorch.

Assigning a `Parameter` or another `Module` as an attribute registers it, so
``parameters()`` finds every learnable value of a model, however deeply nested. Calling a
module (``model(x)``) runs its ``forward``.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterator
from typing import Any

from .. import dtypes, grad_mode
from ..creation import empty_like
from ..tensor import Tensor, typename
from ..tensor_conversions import _to_arguments
from ..zero_grads import forget_gradient
from .module_hooks import ModuleHooks, registered
from .module_state import IncompatibleKeys, ModuleState, _IncompatibleKeys  # noqa: F401
from .parameter import Buffer, Parameter


def _forward_unimplemented(self: Any, *input: Any) -> None:  # noqa: A002
    """A Module's ``forward`` until a subclass writes one (PyTorch's name for it)."""
    raise NotImplementedError(
        f'Module [{type(self).__name__}] is missing the required "forward" function')


def _fresh_attributes() -> tuple[tuple[str, Any], ...]:
    """A new module's own attributes: PyTorch's, in its order (``vars(module)``)."""
    return (("training", True), ("_parameters", {}), ("_buffers", {}),
            ("_non_persistent_buffers_set", set()), ("_backward_pre_hooks", OrderedDict()),
            ("_backward_hooks", OrderedDict()), ("_is_full_backward_hook", None),
            ("_forward_hooks", OrderedDict()), ("_forward_hooks_with_kwargs", OrderedDict()),
            ("_forward_hooks_always_called", OrderedDict()),
            ("_forward_pre_hooks", OrderedDict()),
            ("_forward_pre_hooks_with_kwargs", OrderedDict()),
            ("_state_dict_hooks", OrderedDict()), ("_state_dict_pre_hooks", OrderedDict()),
            ("_load_state_dict_pre_hooks", OrderedDict()),
            ("_load_state_dict_post_hooks", OrderedDict()), ("_modules", {}))


def _addindent(text: str, spaces: int) -> str:
    lines = text.split("\n")
    if len(lines) == 1:
        return text
    return lines[0] + "\n" + "\n".join(" " * spaces + line for line in lines[1:])


class Module(ModuleHooks, ModuleState):
    """Base class for every layer and model: subclass it and write ``forward``.

    ::

        class Model(nn.Module):
            def __init__(self):
                super().__init__()
                self.linear = nn.Linear(2, 1)    # registered as a sub-module

            def forward(self, x):
                return torch.sigmoid(self.linear(x))
    """

    training: bool
    call_super_init: bool = False  # PyTorch's switch: pass Module's arguments on up the MRO
    dump_patches: bool = False  # (PyTorch's flag for old serialized modules; unused here)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        """A layer without its own ``__init__`` (``nn.Tanh(1)``) or a subclass calling
        ``super().__init__(n)`` gets PyTorch's TypeError, in the subclass's name."""
        if not self.call_super_init and kwargs:
            raise TypeError(f"{type(self).__name__}.__init__() got an unexpected keyword "
                            f"argument '{next(iter(kwargs))}'")
        if not self.call_super_init and args:
            raise TypeError(f"{type(self).__name__}.__init__() takes 1 positional argument but "
                            f"{len(args) + 1} were given")
        for name, value in _fresh_attributes():
            object.__setattr__(self, name, value)
        if self.call_super_init:
            super().__init__(*args, **kwargs)

    def __setstate__(self, state: dict[str, Any]) -> None:
        """Unpickling: a module saved before some of the tables existed gets them empty (as
        PyTorch does for old checkpoints)."""
        self.__dict__.update(state)
        for name, value in _fresh_attributes():
            self.__dict__.setdefault(name, value)

    forward: Callable[..., Any] = _forward_unimplemented

    # ---- registration ------------------------------------------------------------------
    # Registered values live only in _parameters / _modules / _buffers (what parameters()
    # walks), as in PyTorch: ``vars(module)`` does not list them; ``__getattr__`` finds them.
    def __setattr__(self, name: str, value: Any) -> None:
        params = self.__dict__.get("_parameters")
        if isinstance(value, Parameter):
            if params is None:
                raise AttributeError("cannot assign parameters before Module.__init__() call")
            self._forget(name, keep="_parameters")
            self.register_parameter(name, value)  # its checks of the name, as in PyTorch
        elif params is not None and name in params:
            if value is not None:
                raise TypeError(
                    f"cannot assign '{typename(value)}' as parameter '{name}' "
                    "(autograd_kit.nn.Parameter or None expected)"
                )
            params[name] = None
        elif isinstance(value, Module):
            modules = self.__dict__.get("_modules")
            if modules is None:
                raise AttributeError("cannot assign module before Module.__init__() call")
            self._forget(name, keep="_modules")
            modules[name] = registered("module", self, name, value)
        elif "_modules" in self.__dict__ and name in self._modules:
            if value is not None:
                raise TypeError(
                    f"cannot assign '{typename(value)}' as child module '{name}' "
                    "(autograd_kit.nn.Module or None expected)"
                )
            self._modules[name] = registered("module", self, name, None)
        elif isinstance(value, Buffer) or ("_buffers" in self.__dict__
                                            and name in self._buffers):
            if value is not None and not isinstance(value, Tensor):
                raise TypeError(
                    f"cannot assign '{typename(value)}' as buffer '{name}' "
                    "(autograd_kit.nn.Buffer, autograd_kit.Tensor or None expected)"
                )
            if isinstance(value, Buffer):
                persistent = value.persistent
            else:
                persistent = name not in self._non_persistent_buffers_set
            self.register_buffer(name, value, persistent)
        else:
            object.__setattr__(self, name, value)

    def _forget(self, name: str, keep: str | None = None) -> None:
        """Take ``name`` out of the instance dict and the registries; the ``keep`` one is
        about to be overwritten in place, so a re-assigned parameter, module or buffer keeps
        its position (as in PyTorch: the order of ``parameters()`` and of the ``state_dict``
        does not change)."""
        self.__dict__.pop(name, None)
        for table in ("_parameters", "_modules", "_buffers"):
            if table != keep:
                self.__dict__[table].pop(name, None)
        if keep != "_buffers":
            self._non_persistent_buffers_set.discard(name)

    def __delattr__(self, name: str) -> None:
        for table in ("_parameters", "_buffers", "_modules"):
            if name in self.__dict__.get(table, ()):
                del self.__dict__[table][name]
                self._non_persistent_buffers_set.discard(name)
                return
        object.__delattr__(self, name)

    def _check_new_name(self, kind: str, name: Any, table: str) -> None:
        """PyTorch's errors for a name that cannot be registered."""
        if not isinstance(name, str):
            raise TypeError(f"{kind} name should be a string. Got {typename(name)}")
        if "." in name:
            detail = f", got: {name}" if kind == "module" else ""
            raise KeyError(f"{kind} name can't contain \".\"{detail}")
        if name == "":
            raise KeyError(f"{kind} name can't be empty string \"\"")
        if hasattr(self, name) and name not in getattr(self, table):
            raise KeyError(f"attribute '{name}' already exists")

    def register_parameter(self, name: str, param: Parameter | None) -> None:
        """Register ``param`` under ``name`` (None keeps the name, with no value)."""
        if "_parameters" not in self.__dict__:
            raise AttributeError("cannot assign parameter before Module.__init__() call")
        self._check_new_name("parameter", name, "_parameters")
        if param is not None and not isinstance(param, Parameter):
            raise TypeError(
                f"cannot assign '{typename(param)}' object to parameter '{name}' "
                "(autograd_kit.nn.Parameter or None required)"
            )
        if param is not None and param.grad_fn is not None:
            raise ValueError(
                f"Cannot assign non-leaf Tensor to parameter '{name}'. Model parameters must be "
                f"created explicitly. To express '{name}' as a function of another Tensor, "
                "compute the value in the forward() method."
            )
        self._forget(name, keep="_parameters")
        self._parameters[name] = (None if param is None
                                  else registered("parameter", self, name, param))

    def add_module(self, name: str, module: Module | None) -> None:
        """Register a sub-module under ``name``."""
        if module is not None and not isinstance(module, Module):
            from ..namespace_more import typename as qualified_name  # (torch.typename)

            raise TypeError(f"{qualified_name(module)} is not a Module subclass")
        self._check_new_name("module", name, "_modules")
        modules = self._modules  # before Module.__init__: PyTorch's AttributeError
        self._forget(name, keep="_modules")
        modules[name] = registered("module", self, name, module)

    register_module = add_module

    def register_buffer(self, name: str, tensor: Tensor | None, persistent: bool = True) -> None:
        """A tensor that belongs to the module's state (moved with it, and saved in the
        ``state_dict`` unless ``persistent=False``) but is not learned."""
        if "_buffers" not in self.__dict__:
            raise AttributeError("cannot assign buffer before Module.__init__() call")
        self._check_new_name("buffer", name, "_buffers")
        if tensor is not None and not isinstance(tensor, Tensor):
            raise TypeError(
                f"cannot assign '{typename(tensor)}' object to buffer '{name}' "
                "(torch Tensor or None required)"  # PyTorch's words
            )
        self._forget(name, keep="_buffers")
        self._buffers[name] = registered("buffer", self, name, tensor)
        if persistent:
            self._non_persistent_buffers_set.discard(name)
        else:
            self._non_persistent_buffers_set.add(name)

    # ---- walking the tree --------------------------------------------------------------
    def named_modules(self, memo: set[Module] | None = None, prefix: str = "",
                      remove_duplicate: bool = True) -> Iterator[tuple[str, Module]]:
        """(name, module) for this module and all below it; the modules in ``memo`` (a set
        of modules, as in PyTorch) are skipped, with everything below them."""
        memo = set() if memo is None else memo
        if self in memo:
            return
        if remove_duplicate:
            memo.add(self)
        yield prefix, self
        for name, module in self._modules.items():
            if module is not None:
                yield from module.named_modules(memo, prefix + ("." if prefix else "") + name,
                                                remove_duplicate)

    def modules(self, remove_duplicate: bool = True) -> Iterator[Module]:
        for _, module in self.named_modules(remove_duplicate=remove_duplicate):
            yield module

    def named_children(self) -> Iterator[tuple[str, Module]]:
        seen: set[int] = set()
        for name, module in self._modules.items():
            if module is not None and id(module) not in seen:
                seen.add(id(module))
                yield name, module

    def children(self) -> Iterator[Module]:
        for _, module in self.named_children():
            yield module

    def _named_members(self, get_members_fn: Callable[[Module], Any], prefix: str = "",
                       recurse: bool = True,
                       remove_duplicate: bool = True) -> Iterator[tuple[str, Any]]:
        """(dotted name, member) for each ``get_members_fn(module)`` item of this module (and
        its sub-modules when ``recurse``), Nones and repeats left out: PyTorch's helper, with
        its signature (code that lists its own members calls it with a function)."""
        seen: set[int] = set()
        modules = (self.named_modules(prefix=prefix, remove_duplicate=remove_duplicate)
                   if recurse else [(prefix, self)])
        for module_prefix, module in modules:
            for name, value in get_members_fn(module):  # (PyTorch's error if no
                # Module.__init__ ran: "... has no attribute '_parameters'")
                if value is None or id(value) in seen:
                    continue
                if remove_duplicate:
                    seen.add(id(value))
                yield module_prefix + ("." if module_prefix else "") + name, value

    def named_parameters(self, prefix: str = "", recurse: bool = True,
                         remove_duplicate: bool = True) -> Iterator[tuple[str, Parameter]]:
        yield from self._named_members(lambda module: module._parameters.items(), prefix,
                                       recurse, remove_duplicate)

    def parameters(self, recurse: bool = True) -> Iterator[Parameter]:
        for _, param in self.named_parameters(recurse=recurse):
            yield param

    def named_buffers(self, prefix: str = "", recurse: bool = True,
                      remove_duplicate: bool = True) -> Iterator[tuple[str, Tensor]]:
        yield from self._named_members(lambda module: module._buffers.items(), prefix,
                                       recurse, remove_duplicate)

    def buffers(self, recurse: bool = True) -> Iterator[Tensor]:
        for _, buffer in self.named_buffers(recurse=recurse):
            yield buffer

    def get_submodule(self, target: str) -> Module:
        """The sub-module at a dotted path (``model.get_submodule("encoder.0")``)."""
        module = self
        for item in target.split(".") if target else []:
            if not hasattr(module, item):
                raise AttributeError(f"{module._get_name()} has no attribute `{item}`")
            module = getattr(module, item)
            if not isinstance(module, Module):
                raise AttributeError(f"`{item}` is not an nn.Module")
        return module

    def set_submodule(self, target: str, module: Module, strict: bool = False) -> None:
        """Put ``module`` at a dotted path (``model.set_submodule("encoder.0", nn.ReLU())``):
        its parent must exist; with ``strict`` the name too; a name there must be a module."""
        if target == "":
            raise ValueError("Cannot set the submodule without a target name!")
        *path, name = target.split(".")
        if not isinstance(module, Module):
            raise ValueError(f"`module` is not an nn.Module, found {type(module)}")
        parent = self.get_submodule(".".join(path)) if path else self
        if strict and not hasattr(parent, name):
            raise AttributeError(f"{parent._get_name()} has no attribute `{name}`")
        if hasattr(parent, name) and not isinstance(getattr(parent, name), Module):
            raise AttributeError(f"`{name}` is not an nn.Module")
        setattr(parent, name, module)

    def _get_member(self, target: str) -> tuple[Module, str, Any]:
        """(owning module, last name, value) for a dotted path to a parameter or buffer."""
        path, _, name = target.rpartition(".")
        module = self.get_submodule(path)
        if not hasattr(module, name):
            raise AttributeError(f"{module._get_name()} has no attribute `{name}`")
        return module, name, getattr(module, name)

    def get_parameter(self, target: str) -> Parameter:
        """The parameter at a dotted path (``model.get_parameter("0.weight")``)."""
        _, name, value = self._get_member(target)
        if not isinstance(value, Parameter):
            raise AttributeError(f"`{name}` is not an nn.Parameter")
        return value

    def get_buffer(self, target: str) -> Tensor:
        """The buffer at a dotted path."""
        module, name, value = self._get_member(target)
        if name not in module._buffers:
            raise AttributeError(f"`{name}` is not a buffer")
        return value

    def __getattr__(self, name: str) -> Any:
        """Only reached when normal lookup fails (also when a property raised
        AttributeError): a registered parameter, buffer or sub-module, else PyTorch's
        message naming the attribute asked for."""
        for table in ("_parameters", "_buffers", "_modules"):
            members = self.__dict__.get(table)
            if members is not None and name in members:
                return members[name]
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    def compile(self, *args: Any, **kwargs: Any) -> None:
        """PyTorch compiles the module's calls in place (``torch.compile`` on its ``__call__``);
        the kit has nothing to compile: the module is unchanged (see `nn.compiled`)."""

    def apply(self, fn: Callable[[Module], Any]) -> Module:
        """Call ``fn`` on every sub-module (children first) and on self."""
        for module in self.children():
            module.apply(fn)
        fn(self)
        return self

    # ---- modes and gradients -----------------------------------------------------------
    def train(self, mode: bool = True) -> Module:
        if not isinstance(mode, bool):
            raise ValueError("training mode is expected to be boolean")
        self.training = mode
        for module in self.children():  # each child's own train(), which it may override
            module.train(mode)
        return self

    def eval(self) -> Module:
        return self.train(False)

    def requires_grad_(self, requires_grad: bool = True) -> Module:
        for param in self.parameters():
            param.requires_grad_(requires_grad)
        return self

    def zero_grad(self, set_to_none: bool = True) -> None:
        """Forget the gradients: set each ``.grad`` to None (or to zeros)."""
        for param in self.parameters():
            forget_gradient(param, set_to_none)

    # ---- devices and dtypes ------------------------------------------------------------
    def _apply(self, fn: Callable[[Tensor], Tensor], recurse: bool = True) -> Module:
        """Replace every parameter's values (and its ``.grad``'s) and every buffer by
        ``fn(tensor)``, children first. As PyTorch, through ``.data =``: the Parameter and
        grad objects stay the same, and a parameter that requires grad refuses integers."""
        if recurse:
            for child in self.children():
                child._apply(fn)
        with grad_mode.no_grad():
            for param in self._parameters.values():
                if param is None:
                    continue
                param.data = fn(param)
                if param._grad is not None:
                    param._grad.data = fn(param._grad)
            for name, buffer in self._buffers.items():
                if buffer is not None:  # (in place in the table: no registration hooks)
                    self._buffers[name] = fn(buffer)
        return self

    def to(self, *args: Any, **kwargs: Any) -> Module:
        """Move (or cast) every parameter and buffer in place: ``model.to('cuda')``. As
        PyTorch, the arguments are read as ``Tensor.to``'s, ``copy`` is refused, and a dtype
        (given, or a tensor's) must be floating point; integer tensors keep theirs."""
        device, dtype, copy = _to_arguments(args, kwargs)
        if copy is not None:
            raise RuntimeError(".to() does not accept copy argument")
        dtype = dtypes.resolve(dtype)
        if dtype is not None and not (dtype.is_floating_point or dtype.is_complex):
            raise TypeError("nn.Module.to only accepts floating point or complex dtypes, "
                            f"but got desired dtype={dtype}")
        memory_format = kwargs.get("memory_format")

        def convert(t: Tensor) -> Tensor:
            wanted = dtype if t.is_floating_point() else None
            if memory_format is not None and t.dim() in (4, 5):  # (PyTorch's rule)
                return t.to(device, wanted, memory_format=memory_format)
            return t.to(device, wanted)

        return self._apply(convert)

    def to_empty(self, *, device: Any, recurse: bool = True) -> Module:
        """Move every parameter and buffer to ``device`` without copying values (they are
        uninitialized there, as after ``torch.empty``)."""
        return self._apply(lambda t: empty_like(t, device=device))

    def share_memory(self) -> Module:
        """``share_memory_()`` on every parameter, buffer and gradient (the kit has one
        process: each is marked shared, ``is_shared()`` True)."""
        return self._apply(lambda t: t.share_memory_())

    def cpu(self) -> Module:
        return self.to("cpu")

    def cuda(self, device: Any = None) -> Module:
        return self._apply(lambda t: t.cuda(device))

    def xpu(self, device: Any = None) -> Module:
        """(PyTorch's CPU build has no XPU: a module with a parameter or buffer is refused.)"""
        return self._apply(lambda t: t.xpu(device))

    def ipu(self, device: Any = None) -> Module:
        return self._apply(lambda t: t.ipu(device))

    def mtia(self, device: Any = None) -> Module:
        return self._apply(lambda t: t.mtia(device))

    def bfloat16(self) -> Module:
        """(The kit has no bfloat16: a floating parameter or buffer is refused.)"""
        return self._apply(lambda t: t.bfloat16() if t.is_floating_point() else t)

    def double(self) -> Module:
        return self._apply(lambda t: t.double() if t.is_floating_point() else t)

    def float(self) -> Module:
        return self._apply(lambda t: t.float() if t.is_floating_point() else t)

    def half(self) -> Module:
        return self._apply(lambda t: t.half() if t.is_floating_point() else t)

    def type(self, dst_type: Any) -> Module:
        """Cast every parameter and buffer (integer ones too) to ``dst_type``."""
        return self._apply(lambda t: t.type(dst_type))

    # ---- printing ----------------------------------------------------------------------
    def extra_repr(self) -> str:
        """The text inside the parentheses of this module's repr (layers override it)."""
        return ""

    def _get_name(self) -> str:
        return type(self).__name__

    def __repr__(self) -> str:
        extra = self.extra_repr()
        extra_lines = extra.split("\n") if extra else []
        child_lines = [
            f"({name}): " + _addindent(repr(module), 2) for name, module in self._modules.items()
        ]
        lines = extra_lines + child_lines
        text = self._get_name() + "("
        if lines:
            if len(extra_lines) == 1 and not child_lines:
                text += extra_lines[0]
            else:
                text += "\n  " + "\n  ".join(lines) + "\n"
        return text + ")"

    def __dir__(self) -> list[str]:
        """The class's and instance's attributes with the registered members (names that
        start with a digit, as a Sequential's, left out), as PyTorch lists them."""
        keys = [*dir(type(self)), *self.__dict__, *self._parameters, *self._modules,
                *self._buffers]
        return sorted({key for key in keys if not key[0].isdigit()})


def _name_as_module_methods(*parts: type) -> None:
    """The methods Module gets from its parts (hooks, saving and loading) are named as
    Module's, as PyTorch shows them (``<bound method Module.state_dict of …>``)."""
    for part in parts:
        for name, value in vars(part).items():
            if callable(value) and getattr(value, "__name__", None) == name:  # not aliases
                value.__qualname__ = f"Module.{name}"


_name_as_module_methods(ModuleHooks, ModuleState)
