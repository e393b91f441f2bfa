"""PyTorch's deprecated overloads: the number first, the tensors after.

Older code (and older tutorials) call ``p.data.add_(-lr, p.grad)``,
``exp_avg_sq.addcmul_(1 - beta2, grad, grad)`` or ``torch.addmm(beta, input, mat1, mat2)``:
the scale comes first, by position. PyTorch still takes these forms (its
``tools/autograd/deprecated.yaml``), computes what the keyword form computes
(``p.add_(p.grad, alpha=-lr)``), and warns once per process, for whichever of them comes
first, with the form used and the ones to use instead.

A deprecated form is tried when a number stands where it starts (never a tensor of one or
more dimensions, which the current form takes there) and the call gives enough arguments;
when none fits, the current form runs, and a call that fits it neither gets PyTorch's words
for it (its one form shown: the deprecated ones never are).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from .scalar_warning import warn_once_with
from .signature_parser import _NUMBER, NUMBERS_AS_TENSORS, _is_tensor, check

_WHERE = (" (Triggered internally at /__w/pytorch/pytorch/torch/csrc/utils/"
          "python_arg_parser.cpp:1841.)")


def _scaled(first: str, second: str) -> tuple[str, ...]:
    """addmm and its kind: ``(beta, mat1, mat2)`` and ``(beta, alpha, mat1, mat2)``."""
    return (f"Number beta, Tensor {first}, Tensor {second}",
            f"Number beta, Number alpha, Tensor {first}, Tensor {second}")


# each method's deprecated forms (its function takes the input after a leading beta, else
# first); add's and sub's tensors may also be numbers (x.add(2, 3) is x.add(3, alpha=2))
FORMS: dict[str, tuple[str, ...]] = {
    "add": ("Number alpha, Tensor other",),
    "sub": ("Number alpha, Tensor other",),
    "addcmul": ("Number value, Tensor tensor1, Tensor tensor2",),
    "addcdiv": ("Number value, Tensor tensor1, Tensor tensor2",),
    "addmm": _scaled("mat1", "mat2"),
    "addmv": _scaled("mat", "vec"),
    "addr": _scaled("vec1", "vec2"),
    "baddbmm": _scaled("batch1", "batch2"),
    "addbmm": _scaled("batch1", "batch2"),
}
# ... and the one form of each that PyTorch shows (the method's; its function's takes the input
# first and out=, and addmm's and baddbmm's also an out_dtype): a call that fits neither gets
# that form's words (``x.add(y, 1, 2)``: "add() received an invalid combination of arguments
# - got (Tensor, !int!, !int!), but expected (Tensor other, *, Number alpha = 1)")
CURRENT: dict[str, str] = {
    "add": "Tensor other, *, Number alpha = 1", "sub": "Tensor other, *, Number alpha = 1",
    "addcmul": "Tensor tensor1, Tensor tensor2, *, Number value = 1",
    "addcdiv": "Tensor tensor1, Tensor tensor2, *, Number value = 1",
    **{name: f"Tensor {first}, Tensor {second}, *, Number beta = 1, Number alpha = 1"
       for name, (first, second) in (("addmm", ("mat1", "mat2")), ("addmv", ("mat", "vec")),
                                     ("addr", ("vec1", "vec2")),
                                     ("baddbmm", ("batch1", "batch2")),
                                     ("addbmm", ("batch1", "batch2")))},
}
# the functions that PyTorch also lists with an out_dtype among the forms to use
_OUT_DTYPE = ("addmm", "baddbmm")

Form = tuple[tuple[str, str], ...]  # ((kind, name), …): (("Number", "alpha"), ("Tensor", "other"))


def _parsed(text: str, function: bool) -> Form:
    """A form's parameters; a function's has the input after a leading beta, else first."""
    form = [tuple(part.split(" ")) for part in text.split(", ")]
    if function:
        form.insert(1 if form[0] == ("Number", "beta") else 0, ("Tensor", "input"))
    return tuple(form)  # type: ignore[return-value]


def _warning(name: str, form: Form, function: bool) -> str:
    """PyTorch's warning: the form used, then the current forms (the tensors, then the numbers
    by name)."""
    shown = [f"{kind} {p}" for kind, p in form]
    out = ", *, Tensor out = None" if function else ""
    numbers = [f"Number {p} = 1" for p in ("beta", "alpha", "value")
               if ("Number", p) in form or p == "alpha" and ("Number", "beta") in form]
    tensors = ", ".join(text for text in shown if text.startswith("Tensor"))
    keywords = ", ".join(numbers) + (", Tensor out = None" if function else "")
    new = [f"{tensors}, *, {keywords}"]
    if function and name in _OUT_DTYPE:
        new.append(f"{tensors}, autograd_kit.dtype out_dtype, *, {keywords}")
    instead = "".join(f"\n\t{name}({text})" for text in new)
    return (f"This overload of {name} is deprecated:\n\t{name}({', '.join(shown)}{out})\n"
            f"Consider using one of the following signatures instead:{instead}{_WHERE}")


def _shown_forms(base: str, method: bool) -> tuple[str, ...]:
    """The forms PyTorch lists for a call of ``base`` (a method's, else its function's)."""
    form = CURRENT[base]
    if method:
        return (form,)
    tensors, _, numbers = form.partition(", *, ")
    shown = (f"Tensor input, {form}, Tensor out = None",)
    if base in _OUT_DTYPE:
        shown += (f"Tensor input, {tensors}, torch.dtype out_dtype, *, {numbers}, "
                  "Tensor out = None",)
    return shown


def _bind(form: Form, args: tuple[Any, ...], kwargs: dict[str, Any], function: bool,
          numbers_as_tensors: bool) -> dict[str, Any] | None:
    """The call's arguments by name, if they fit ``form`` (each given once, all given; a
    ``Number`` may be a 0-dim tensor)."""
    names = [p for _, p in form]
    if len(args) > len(names):
        return None
    bound = dict(zip(names, args))
    for key in kwargs:
        if key in bound or key not in names and not (function and key == "out"):
            return None
    bound.update(kwargs)
    for kind, p in form:
        if p not in bound or not (kind == "Tensor" and _is_tensor(bound[p]) or (
                kind == "Number" or numbers_as_tensors) and _NUMBER.fits(bound[p])[0]):
            return None
    return bound


def taking_deprecated_forms(original: Callable[..., Any], name: str,
                            method: bool) -> Callable[..., Any]:
    """``original`` (a Tensor method when ``method``, else a ``torch.*`` function) taking also
    PyTorch's deprecated forms of ``name``, with its warning; calls that fit none get
    PyTorch's words for too many arguments (see call_errors.py)."""
    base = name.rstrip("_")
    forms = tuple(_parsed(text, not method) for text in FORMS[base])
    numbers_as_tensors = base in NUMBERS_AS_TENSORS
    skip = 1 if method else 0  # (a method's tensor is no argument of the form)
    fewest = skip + min(len(form) for form in forms)
    number_at = skip + [kind for kind, _ in forms[0]].index("Number")
    shown = _shown_forms(base, method)

    @functools.wraps(original)
    def call(*args: Any, **kwargs: Any) -> Any:
        if len(args) + len(kwargs) >= fewest and len(args) > number_at and not (
                _is_tensor(args[number_at]) and args[number_at].ndim) and (
                _NUMBER.fits(args[number_at])[0]):  # (a tensor with dimensions: the current form)
            for form in forms:
                bound = _bind(form, args[skip:], kwargs, not method, numbers_as_tensors)
                if bound is not None:
                    warn_once_with(_warning(name, form, not method), stacklevel=2,
                                   key="deprecated overload")
                    tensors = [bound[p] for kind, p in form if kind == "Tensor"]
                    keywords = {p: bound[p] for kind, p in form if kind == "Number"}
                    if "out" in bound:
                        keywords["out"] = bound["out"]
                    return original(*args[:skip], *tensors, **keywords)
        try:
            return original(*args, **kwargs)
        except TypeError:  # (unless the call fits the current form: the error is the op's)
            check(name, shown, args[skip:], kwargs, counting_out=not method, hidden=True)
            raise

    return call


def install(namespace: dict[str, Any], tensor_class: type) -> None:
    """Give the methods of ``tensor_class`` (and their in-place twins) and the functions of
    ``namespace`` (``autograd_kit``'s) PyTorch's deprecated forms."""
    for base in FORMS:
        for name in (base, base + "_"):
            if hasattr(tensor_class, name):
                setattr(tensor_class, name,
                        taking_deprecated_forms(getattr(tensor_class, name), name, True))
        if base in namespace:
            namespace[base] = taking_deprecated_forms(namespace[base], base, False)
