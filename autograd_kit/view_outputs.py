"""Views made by an operation share their source's memory (``Function.apply`` links them):
its version counter and its base, which keeps a weak list of them."""

from __future__ import annotations

import weakref

from . import grad_mode
from .tensor import Tensor


def _share_memory(views: tuple[Tensor, ...], source: Tensor, recorded: bool,
                  many: bool) -> None:
    """Views share their source's memory: its version counter and its base. The base keeps
    a weak list of them (see views.refresh_views), except for views made in inference mode."""
    base = source if source._base is None else source._base
    for out in views:
        out._version_counter = source._version_counter
        if source._inference:  # a view of an inference tensor is one too, and (as it has
            out._inference = True  # no history to keep up to date) PyTorch gives it no _base
            continue
        out._base = base
        if grad_mode.state.inference:  # (a view of a normal tensor made there is not)
            out._inference_view = True
        if not recorded and (source.requires_grad or not grad_mode.state.enabled):
            # a no_grad view: it requires grad when its base does, yet has no edge to it, and
            # changing it in place with grad mode on is refused
            out._no_grad_view = True
        elif source._no_grad_view and not many:  # (PyTorch's creation_meta passes on)
            out._no_grad_view = True
            out._inference_view = source._inference_view
        if many or source._multi_view:
            out._multi_view = True
        if source._custom_view is not None and not out._no_grad_view:
            out._custom_view = source._custom_view  # (a view of a custom Function's view)
        if getattr(source, "_efficient_zero", False):  # (PyTorch's views of a ZeroTensor
            out._efficient_zero = True  # are ZeroTensors: a gradient through t() stays one)
        if grad_mode.state.enabled or out._no_grad_view:  # (a no_grad view of a base that
            # gets a history later must learn of it: reading its grad_fn is then refused)
            if base._views is None:
                base._views = weakref.WeakSet()
            base._views.add(out)
