"""PyTorch's TypeErrors for a ``dim`` that is neither an int nor a tuple of ints.

``x.sum('a')`` or ``x.max(dim=None)`` would otherwise fail deep inside the kit with Python's
words (``'<=' not supported between instances of 'int' and 'str'``) or not fail at all.
PyTorch's argument parser refuses them first, in one of three ways:

- ``sum(): argument 'dim' (position 1) must be tuple of ints, not str`` when only one of the
  method's forms takes that many arguments (or the method has one form only);
- ``sum(): argument 'dim' failed to unpack the object at pos 2 with error "type must be tuple
  of ints,but got float"`` for a tuple whose first item is an int but a later one is not;
- ``sum() received an invalid combination of arguments - got (str), but expected one of:``
  and the forms, when several of them take that many arguments. Under each form that has as
  many parts as there are arguments, PyTorch says why it did not fit (the quirks of its
  parser kept: ``()`` counts as one part, and a part's name is its last word, so ``int dim =
  None`` is named ``None``).

`check_dim` is called only for a dim that is not a plain int (call_errors.py), so the
common path pays nothing.
"""

from __future__ import annotations

from typing import Any

_SUM = ("(*, torch.dtype dtype = None)",
        "(tuple of ints dim, bool keepdim = False, *, torch.dtype dtype = None)")
_MAX = ("()", "(Tensor other)", "(int dim, bool keepdim = False)")
_MAX_F = ("(Tensor input, *, Tensor out = None)",
          "(Tensor input, Tensor other, *, Tensor out = None)",
          "(Tensor input, int dim, bool keepdim = False, *, tuple of Tensors out = None)")
_STD = ("(tuple of ints dim, bool unbiased = True, bool keepdim = False)",
        "(tuple of ints dim = None, *, Number correction = None, bool keepdim = False)",
        "(bool unbiased = True)")
_STD_F = ("(Tensor input, tuple of ints dim, bool unbiased = True, bool keepdim = False, *, "
          "Tensor out = None)",
          "(Tensor input, tuple of ints dim = None, *, Number correction = None, "
          "bool keepdim = False, Tensor out = None)",
          "(Tensor input, bool unbiased = True)")
_SORT = ("(*, bool stable, int dim = -1, bool descending = False)",
         "(int dim = -1, bool descending = False)")
_ALL = ("()", "(tuple of ints dim = None, bool keepdim = False)",
        "(int dim, bool keepdim = False)")
_ALL_F = ("(Tensor input, *, Tensor out = None)",
          "(Tensor input, tuple of ints dim = None, bool keepdim = False, *, Tensor out = None)",
          "(Tensor input, int dim, bool keepdim = False, *, Tensor out = None)")
_OUT = ", Tensor out = None)"

# PyTorch's forms (method, function) as its errors list them ('torch' read as the kit)
FORMS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "sum": (_SUM, ("(Tensor input, *, torch.dtype dtype = None)",
                   "(Tensor input, tuple of ints dim, bool keepdim = False, *, "
                   "torch.dtype dtype = None" + _OUT)),
    "mean": (_SUM, ("(Tensor input, *, torch.dtype dtype = None" + _OUT,
                    "(Tensor input, tuple of ints dim, bool keepdim = False, *, "
                    "torch.dtype dtype = None" + _OUT)),
    "max": (_MAX, _MAX_F),
    "min": (_MAX, _MAX_F),
    "std": (_STD, _STD_F),
    "var": (_STD, _STD_F),
    "prod": (("(*, torch.dtype dtype = None)",
              "(int dim, bool keepdim = False, *, torch.dtype dtype = None)"),
             ("(Tensor input, *, torch.dtype dtype = None)",
              "(Tensor input, int dim, bool keepdim = False, *, torch.dtype dtype = None"
              + _OUT)),
    "sort": (_SORT, ("(Tensor input, *, bool stable, int dim = -1, bool descending = False, "
                     "tuple of Tensors out = None)",
                     "(Tensor input, int dim = -1, bool descending = False, *, "
                     "tuple of Tensors out = None)")),
    "argsort": (_SORT, ("(Tensor input, *, bool stable, int dim = -1, bool descending = False"
                        + _OUT, "(Tensor input, int dim = -1, bool descending = False)")),
    "squeeze": (("()", "(int dim)", "(tuple of ints dim)"),
                ("(Tensor input)", "(Tensor input, int dim)",
                 "(Tensor input, tuple of ints dim)")),
    "all": (_ALL, _ALL_F),
    "any": (_ALL, _ALL_F),
    "count_nonzero": (("(int dim = None)", "(tuple of ints dim)"),
                      ("(Tensor input, int dim = None)", "(Tensor input, tuple of ints dim)")),
}
# ... and the ones with one form, whose dim is a tuple of ints
ONE_FORM = frozenset({"amax", "amin", "logsumexp", "nansum", "nanmean"})
# where PyTorch refuses a dim given as None (the others read it as every dimension)
NONE_REFUSED = frozenset({"max", "min", "prod", "sort", "argsort", "squeeze", "logsumexp"})


def check_dim(name: str, dim: Any, position: int | None, args: tuple[Any, ...],
              kwargs: dict[str, Any], method: bool) -> None:
    """Raise PyTorch's TypeError if ``dim`` (not an int) does not fit ``name``'s forms;
    ``args`` and ``kwargs`` are the call's (without the tensor for a method)."""
    if _fits(name, dim):
        return
    if _takes_tuples(name) and isinstance(dim, (tuple, list)) and dim and _is_int(dim[0]):
        for at, item in enumerate(dim):
            if not hasattr(item, "__index__"):
                raise TypeError(f"{name}(): argument 'dim' failed to unpack the object at pos "
                                f"{at + 1} with error \"type must be tuple of ints,but got "
                                f"{_shown(item)}\"")
    forms = FORMS[name][0 if method else 1] if name in FORMS else ()
    count = len(args) + len(kwargs)
    plausible = [form for form in forms if _bounds(form)[0] <= count <= _bounds(form)[1]]
    if not forms or len(plausible) == 1 and " dim" in plausible[0]:
        before = plausible[0].split(" dim")[0] if forms else "tuple of ints"
        kind = before.split(", ")[-1].lstrip("(")
        where = f" (position {position})" if position is not None else ""
        if kind == "tuple of ints" and isinstance(dim, (tuple, list)) and dim:
            raise TypeError(f"{name}(): argument 'dim'{where} must be tuple of ints, but found "
                            f"element of type {_shown(dim[0])} at pos 0")
        raise TypeError(f"{name}(): argument 'dim'{where} must be {kind}, not {_shown(dim)}")
    raise TypeError(_invalid_combination(name, forms, args, kwargs))


def invalid_combination(name: str, method: bool, args: tuple[Any, ...],
                        kwargs: dict[str, Any]) -> str:
    """PyTorch's "invalid combination of arguments" text for a call of ``name`` (a method
    when ``method``: ``args`` then start with the tensor, which PyTorch does not show)."""
    return _invalid_combination(name, FORMS[name][0 if method else 1],
                                args[1 if method else 0:], kwargs)


# dims of these types always fit: call_errors.py looks no further (the kit's own markers for
# "not given", ALL_DIMS and NOT_GIVEN, join on first sight)
FINE_TYPES: set[type] = {int}


def _fits(name: str, dim: Any) -> bool:
    """Whether PyTorch takes this dim (not an int) for ``name``."""
    if type(dim).__module__.startswith("autograd_kit.") and not _is_tensor(dim):
        FINE_TYPES.add(type(dim))
        return True
    if dim is None:
        return name not in NONE_REFUSED
    if isinstance(dim, bool):
        return name in ("std", "var")  # (their unbiased form)
    if isinstance(dim, (tuple, list)):
        return _takes_tuples(name) and _int_sequence(dim)
    return name in ("max", "min") and _is_tensor(dim)


def _takes_tuples(name: str) -> bool:
    return name in ONE_FORM or any("tuple of ints dim" in f for f in FORMS[name][0])


def _int_sequence(value: Any) -> bool:
    return isinstance(value, (tuple, list)) and all(hasattr(v, "__index__") for v in value)


def _is_int(value: Any) -> bool:
    return hasattr(value, "__index__") and not isinstance(value, bool) and not _is_tensor(value)


def _is_tensor(value: Any) -> bool:
    from .tensor_arguments import _is_tensor

    return _is_tensor(value)


def _shown(value: Any) -> str:
    from .tensor_arguments import _type_name

    return _type_name(value)


def _parts(form: str) -> list[str]:
    return form[1:-1].split(", ")


def _bounds(form: str) -> tuple[int, int]:
    """How many arguments a form takes, at least and at most."""
    parts = [p for p in _parts(form) if p not in ("", "*")]
    return sum("=" not in p for p in parts), len(parts)


def _fits_kind(part: str, value: Any) -> bool:
    kind = part.split(" = ")[0].rpartition(" ")[0]
    if kind == "Tensor":
        return _is_tensor(value)
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "int":
        return _is_int(value)
    if kind == "tuple of ints":
        return _is_int(value) or _int_sequence(value) and (not value or _is_int(value[0]))
    return False


def _invalid_combination(name: str, forms: tuple[str, ...], args: tuple[Any, ...],
                         kwargs: dict[str, Any]) -> str:
    """PyTorch's "invalid combination of arguments" text for this call."""
    from .tensor_arguments import shown_argument

    def listed(items: list[str]) -> str:
        return "(" + ", ".join(items) + (", )" if kwargs and not args else ")")

    got = [_shown(a) for a in args] + [f"{k}={_shown(v)}" for k, v in kwargs.items()]
    lines = [f"{name}() received an invalid combination of arguments - got {listed(got)}, "
             "but expected one of:"]
    for form in forms:
        lines.append(f" * {form}")
        parts = _parts(form)
        if len(parts) != len(args) + len(kwargs):
            continue
        named = {p.rpartition(" ")[2]: p for p in parts}
        wrong = [k for k in kwargs if k not in named]
        if wrong:
            lines.append("      didn't match because some of the keywords were incorrect: "
                         + ", ".join(wrong))
            continue
        fits = [_fits_kind(p, a) for p, a in zip(parts, args)]
        fits += [_fits_kind(named[k], v) for k, v in kwargs.items()]
        first = fits.index(False) if False in fits else len(fits)
        values = [*args, *kwargs.values()]
        marked = [s if i < first else "!" + s.replace(_shown(v), shown_argument(v), 1) + "!"
                  for i, (s, v) in enumerate(zip(got, values))]
        lines.append("      didn't match because some of the arguments have invalid types: "
                     + listed(marked))
    return "\n".join(lines).replace("torch.", "autograd_kit.") + "\n"
