"""``nn.utils.spectral_norm``: divide a layer's weight by its largest singular value σ
(Miyato et al.), so the layer stretches no input by more than 1 (the older, hook-based form
PyTorch keeps; ``nn.utils.parametrizations.spectral_norm`` is the newer one).

σ is estimated by power iteration on W (the weight as a matrix, ``dim`` first), kept between
calls in the buffers u and v:  v ← W̃ᵀu / ‖W̃ᵀu‖,  u ← W̃v / ‖W̃v‖  (one step per training
forward), then σ = uᵀ W v and the layer uses W / σ. The gradient flows through σ with u and v
held fixed: ∂σ/∂W = u vᵀ.
"""

from __future__ import annotations

from typing import Any

from ... import grad_mode, linalg
from ...tensor import Tensor
from .. import functional_norm as FN
from ..conv import ConvTranspose1d, ConvTranspose2d
from ..module import Module
from ..parameter import Parameter
from ..volumetric_transpose import ConvTranspose3d


def weight_as_matrix(weight: Tensor, dim: int) -> Tensor:
    """The weight as a (size of ``dim``, rest) matrix."""
    if dim != 0:
        weight = weight.permute(dim, *[d for d in range(weight.dim()) if d != dim])
    return weight.reshape(weight.shape[0], -1)


def transposed_conv_dim(module: Module, dim: int | None) -> int:
    """The default ``dim``: 1 for transposed convolutions (their weight is (C_in, C_out, …)),
    0 otherwise."""
    if dim is not None:
        return dim
    return 1 if isinstance(module, (ConvTranspose1d, ConvTranspose2d, ConvTranspose3d)) else 0


class SpectralNorm:
    """The forward pre-hook that sets ``module.<name>`` = W / σ(W) before each call."""

    _version = 1

    def __init__(self, name: str = "weight", n_power_iterations: int = 1, dim: int = 0,
                 eps: float = 1e-12) -> None:
        if n_power_iterations <= 0:
            raise ValueError("Expected n_power_iterations to be positive, but got "
                             f"n_power_iterations={n_power_iterations}")
        self.name, self.dim, self.eps = name, dim, eps
        self.n_power_iterations = n_power_iterations

    def compute_weight(self, module: Module, do_power_iteration: bool) -> Tensor:
        """W / σ, σ = uᵀ W v (u, v first refined by power iteration when training)."""
        weight = getattr(module, self.name + "_orig")
        u, v = getattr(module, self.name + "_u"), getattr(module, self.name + "_v")
        matrix = weight_as_matrix(weight, self.dim)
        if do_power_iteration:
            with grad_mode.no_grad():
                for _ in range(self.n_power_iterations):
                    v = FN.normalize(matrix.t().mv(u), dim=0, eps=self.eps, out=v)
                    u = FN.normalize(matrix.mv(v), dim=0, eps=self.eps, out=u)
                u, v = u.clone(), v.clone()
        sigma = u.dot(matrix.mv(v))
        return weight / sigma

    def remove(self, module: Module) -> None:
        with grad_mode.no_grad():
            weight = self.compute_weight(module, do_power_iteration=False)
        for suffix in ("", "_u", "_v", "_orig"):
            delattr(module, self.name + suffix)
        module.register_parameter(self.name, Parameter(weight.detach()))

    def __call__(self, module: Module, inputs: Any) -> None:
        setattr(module, self.name, self.compute_weight(module, module.training))

    @staticmethod
    def apply(module: Module, name: str, n_power_iterations: int, dim: int,
              eps: float) -> SpectralNorm:
        for hook in module._forward_pre_hooks.values():
            if isinstance(hook, SpectralNorm) and hook.name == name:
                raise RuntimeError("Cannot register two spectral_norm hooks on the same "
                                   f"parameter {name}")
        fn = SpectralNorm(name, n_power_iterations, dim, eps)
        weight = module._parameters[name]
        if weight is None:
            raise ValueError(f"`SpectralNorm` cannot be applied as parameter `{name}` is None")
        if hasattr(weight, "materialize"):
            raise ValueError("The module passed to `SpectralNorm` can't have uninitialized "
                             "parameters. Make sure to run the dummy forward before applying "
                             "spectral normalization")
        with grad_mode.no_grad():
            h, w = weight_as_matrix(weight, dim).shape
            u = FN.normalize(weight.new_empty(h).normal_(0, 1), dim=0, eps=eps)
            v = FN.normalize(weight.new_empty(w).normal_(0, 1), dim=0, eps=eps)
        delattr(module, name)
        module.register_parameter(name + "_orig", weight)
        setattr(module, name, weight.data)
        module.register_buffer(name + "_u", u)
        module.register_buffer(name + "_v", v)
        module.register_forward_pre_hook(fn)
        fn._state_dict_handle = module._register_state_dict_hook(fn.note_version)
        module._register_load_state_dict_pre_hook(fn.upgrade_old_state)
        return fn

    def upgrade_old_state(self, state_dict: dict[str, Any], prefix: str,
                          local_metadata: dict[str, Any], strict: bool, missing_keys: list,
                          unexpected_keys: list, error_msgs: list) -> None:
        """The load_state_dict pre-hook: a state saved before version 1 holds ``<name>``
        (W / σ) and no ``<name>_v``; as PyTorch, v is solved from it,
        v = (W̃ᵀW̃)⁺ W̃ᵀ u, scaled so that uᵀ W̃ v = σ = mean(W_orig / W)."""
        version = local_metadata.get("spectral_norm", {}).get(self.name + ".version")
        if version is not None and version >= 1:
            return
        key = prefix + self.name
        if version is None and key not in state_dict and all(
                key + suffix in state_dict for suffix in ("_orig", "_u", "_v")):
            return
        missing = [key + suffix for suffix in ("_orig", "", "_u") if key + suffix not in state_dict]
        if missing:
            if strict:
                missing_keys.extend(missing)
            return
        with grad_mode.no_grad():
            weight_orig = state_dict[key + "_orig"]
            sigma = (weight_orig / state_dict.pop(key)).mean()
            matrix = weight_as_matrix(weight_orig, self.dim)
            u = state_dict[key + "_u"]
            v = linalg.multi_dot([matrix.t().mm(matrix).pinverse(), matrix.t(),
                                  u.unsqueeze(1)]).squeeze(1)
            state_dict[key + "_v"] = v.mul_(sigma / u.dot(matrix.mv(v)))

    def note_version(self, module: Module, state_dict: Any, prefix: str,
                     local_metadata: dict[str, Any]) -> None:
        """The state_dict hook: record this hook's version in the module's metadata, as
        ``{'spectral_norm': {'<name>.version': 1}}``."""
        versions = local_metadata.setdefault("spectral_norm", {})
        key = self.name + ".version"
        if key in versions:
            raise RuntimeError(f"Unexpected key in metadata['spectral_norm']: {key}")
        versions[key] = self._version


def spectral_norm(module: Module, name: str = "weight", n_power_iterations: int = 1,
                  eps: float = 1e-12, dim: int | None = None) -> Module:
    """Use ``<name>_orig`` / σ as ``module.<name>``, σ its largest singular value (estimated
    by ``n_power_iterations`` steps of power iteration per training forward)."""
    SpectralNorm.apply(module, name, n_power_iterations, transposed_conv_dim(module, dim), eps)
    return module


def remove_spectral_norm(module: Module, name: str = "weight") -> Module:
    """Undo `spectral_norm`: ``module.<name>`` is a plain parameter (W / σ) again."""
    for key, hook in module._forward_pre_hooks.items():
        if isinstance(hook, SpectralNorm) and hook.name == name:
            hook.remove(module)
            del module._forward_pre_hooks[key]
            hook._state_dict_handle.remove()  # (PyTorch's removal misses its load pre-hook,
            # which stays: loading a plain state dict then reports weight_orig and weight_u
            # missing, in PyTorch as here)
            return module
    raise ValueError(f"spectral_norm of '{name}' not found in {module}")
