"""``torch.*`` spellings of operators the kit has under other names: ``rms_norm`` and
``kl_div`` (``nn.functional``'s, ``kl_div`` with a numeric reduction), ``narrow_copy``, the
dropout operators ``torch.dropout(input, p, train)`` and their in-place and feature
(whole-channel) forms, and the in-place function forms ``addmv_``, ``as_strided_``,
``resize_as_`` and ``ldexp_`` (``torch.ldexp_(t, …)`` is ``t.ldexp_(…)``).

Each one only rearranges its arguments and calls the kit's function, so the recorded graph is
the same; the dropout operators check p as ATen does (a RuntimeError, where ``F.dropout``
raises Python's ValueError).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .tensor import Tensor


def _functional() -> Any:
    from .nn import functional

    return functional


def rms_norm(input: Tensor, normalized_shape: Any, weight: Tensor | None = None,  # noqa: A002
             eps: float | None = None) -> Tensor:
    """x / √(mean(x²) + ε) · weight (see ``nn.functional.rms_norm``)."""
    return _functional().rms_norm(input, normalized_shape, weight, eps)


def kl_div(input: Tensor, target: Tensor, reduction: int = 0, *,  # noqa: A002
           log_target: bool = False) -> Tensor:
    """``nn.functional.kl_div`` with the reduction as a number (0 none, 1 mean, 2 sum; from
    Python without one, the unreduced loss). The operator does not warn about 'mean'."""
    loss = _functional().kl_div(input, target, reduction="none", log_target=log_target)
    return loss.mean() if reduction == 1 else loss.sum() if reduction == 2 else loss


def narrow_copy(input: Tensor, dim: int, start: Any, length: int) -> Tensor:  # noqa: A002
    """A copy of ``input.narrow(dim, start, length)`` (``NarrowCopyBackward0``)."""
    return input.narrow_copy(dim, start, length)


# ---- the dropout operators: torch.<name>(input, p, train) ------------------------------------

def _dropout_operator(name: str) -> Callable[..., Tensor]:
    """``torch.<name>(input, p, train)``: ATen's dropout. ``feature_`` drops whole channels
    (dims 0 and 1 of the noise, the rest 1), ``alpha_`` keeps SELU's mean and variance, and a
    trailing ``_`` writes into ``input``. p = 1 multiplies by a 0-dim zero, as ATen does."""
    feature, alpha, inplace = name.startswith("feature"), "alpha" in name, name.endswith("_")

    def operator(input: Tensor, p: float, train: bool) -> Tensor:  # noqa: A002
        if not 0 <= p <= 1:
            raise RuntimeError(f"dropout probability has to be between 0 and 1, but got {p:g}")
        from .nn.functional_resample import _feature_dropout, dropout_shortcut

        if (done := dropout_shortcut(input, p, train, inplace, feature)) is not None:
            return done
        if alpha:
            return _functional().alpha_dropout(input, p, True, inplace, feature=feature)
        if feature:
            return _feature_dropout(input, p, True, inplace)
        return _functional().dropout(input, p, True, inplace)

    operator.__name__ = operator.__qualname__ = name
    operator.__doc__ = _dropout_operator.__doc__
    return operator


DROPOUTS = ("dropout", "dropout_", "alpha_dropout", "alpha_dropout_", "feature_dropout",
            "feature_dropout_", "feature_alpha_dropout", "feature_alpha_dropout_")

# torch.<name>(t, …) is t.<name>(…)
INPLACE = ("addmv_", "as_strided_", "resize_as_", "ldexp_")

# PyTorch's forms of each, for its parser's TypeErrors
FORMS: dict[str, tuple[str, ...]] = {
    "rms_norm": ("Tensor input, int[] normalized_shape, Tensor weight = None, "
                 "float eps = None",),
    "kl_div": ("Tensor input, Tensor target, int reduction = 1, *, bool log_target = False",),
    "narrow_copy": ("Tensor input, int dim, int start, int length, *, Tensor out = None",),
    **{name: ("Tensor input, float p, bool train",) for name in DROPOUTS},
    "addmv_": ("Tensor input, Tensor mat, Tensor vec, *, Number beta = 1, Number alpha = 1",),
    "ldexp_": ("Tensor input, Tensor other",),
    "resize_as_": ("Tensor input, Tensor the_template, *, MemoryFormat memory_format = None",),
    "as_strided_": ("Tensor input, int[] size, int[] stride, int storage_offset = None",),
}


def _inplace_function(name: str) -> Callable[..., Any]:
    def function(input: Tensor, *args: Any, **kwargs: Any) -> Any:  # noqa: A002
        return getattr(input, name)(*args, **kwargs)

    function.__name__ = function.__qualname__ = name
    function.__doc__ = f"``{name}(t, …)`` is ``t.{name}(…)``: changes t in place."
    return function


def functions() -> dict[str, Callable[..., Any]]:
    """The plain functions (namespace_native gives them PyTorch's argument checks)."""
    return {"rms_norm": rms_norm, "kl_div": kl_div, "narrow_copy": narrow_copy,
            **{name: _dropout_operator(name) for name in DROPOUTS},
            **{name: _inplace_function(name) for name in INPLACE}}
