"""``repr(tensor)``: the tensor's values (`printing.format_tensor`) with what autograd and the
transforms add around them.

Inside a function transformed by ``grad``, ``vjp``, ``jvp``, ``jacrev``, ``jacfwd`` or
``hessian``, PyTorch's tensors are wrappers, one per transform level, and print so::

    GradTrackingTensor(lvl=1, value=
        tensor([1., 2., 3.])
    )

Every tensor of the function (an argument, or one made inside it, not one it closes over)
is such a wrapper, one level deeper for each transform call it belongs to (see
`transform_captures.levels_of`). The value inside is the tensor as seen outside the
transforms: with ``grad_fn`` or ``requires_grad`` only when it depends on a tensor of the
caller's that requires grad (the kit's helper leaves, and leaves made inside, do not count);
an argument is printed as the caller's tensor it stands for (a Parameter as one).
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from . import backend, dtypes
from .printing import format_tensor
from .transform_captures import levels_of, made_before_transforms

if TYPE_CHECKING:
    from .tensor import Tensor


_inside_a_wrapper = [False]  # True while the value inside a wrapper is printed


def tensor_repr(t: Tensor) -> str:
    """PyTorch's ``repr`` of ``t`` (see the module)."""
    from .autograd.forward_ad import Scope

    inside = _inside_a_wrapper[0]
    levels = [] if inside or _stood_for(t, Scope.active) else levels_of(t)
    if not levels:
        return _plain(t, shows_grad=not inside or _depends_on_the_caller(t))
    original = _original_of(t, Scope.active)
    if original is t:
        text = _plain(t, shows_grad=_depends_on_the_caller(t))
    else:  # (the caller's tensor, in its own words: a Parameter prints as one)
        _inside_a_wrapper[0] = True
        try:
            text = repr(original)
        finally:
            _inside_a_wrapper[0] = False
    for level in levels:  # (PyTorch's textwrap.indent: blank lines between blocks stay empty)
        text = f"GradTrackingTensor(lvl={level}, value=\n{textwrap.indent(text, '    ')}\n)"
    return text


_inside_a_tangent = [False]  # True while a tangent is printed (its own tangent is not shown)


def _plain(t: Tensor, shows_grad: bool) -> str:
    """``t`` printed as PyTorch prints a tensor (``shows_grad``: with its grad_fn or
    requires_grad, unless that history is forward AD's hidden helper history)."""
    from .autograd.forward_ad import helpers_only, printed_tangent

    dtype = t.dtype
    hidden, tangent = (helpers_only(t), None) if _inside_a_tangent[0] else printed_tangent(t)
    shown = shows_grad and not hidden
    grad_fn = t._grad_fn
    # (PyTorch prints a view whose grad_fn can no longer be read as grad_fn=<Invalid>)
    name = ("Invalid" if t._stale_view else grad_fn and type(grad_fn).__name__) if shown else None
    if name == "CppFunction":  # (a C++ node without a Python class: its short C++ name)
        name = grad_fn.name().rsplit("::", 1)[-1]
    return format_tensor(
        backend.to_host(t._data),
        dtype_name=dtype.name,
        default_dtype=dtype in dtypes.DEFAULT_DTYPES,
        device=str(t.device),
        grad_fn_name=name,
        requires_grad=shown and t.requires_grad and name is None,
        tangent=None if tangent is None else _tangent_text(tangent),
    )


def _tangent_text(tangent: Tensor) -> str:
    _inside_a_tangent[0] = True
    try:
        return format(tangent, "")
    finally:
        _inside_a_tangent[0] = False


def _original_of(t: Tensor, scopes: list) -> Tensor:
    """The caller's tensor that ``t``, a transform's variable, stands for (``t`` itself when
    it stands for none)."""
    for scope in reversed(scopes):
        entry = getattr(scope, "_originals", {}).get(id(t))
        if entry is not None and entry[0] is t:
            t = entry[1]
    return t


def _stood_for(t: Tensor, scopes: list) -> bool:
    """Whether ``t`` is a caller's tensor that a transform's variable stands for: the
    function sees it only by capturing it (a module's Parameter), as a plain tensor."""
    return any(entry[1] is t for scope in scopes
               for entry in getattr(scope, "_originals", {}).values())


def _depends_on_the_caller(t: Tensor) -> bool:
    """Whether ``t`` requires grad because of a tensor of the caller's (not only because of
    the kit's helper leaves, the transforms' own variables)."""
    from .autograd.forward_ad import Scope, leads_to_leaf

    def user_leaf(leaf: Tensor) -> bool:  # (not a helper, nor made inside the transforms)
        return not Scope.is_helper(leaf) and made_before_transforms(leaf)

    return leads_to_leaf(t, t._grad_fn, user_leaf)  # (_grad_fn: reading grad_fn has effects)
