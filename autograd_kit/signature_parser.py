"""PyTorch's argument parser, for methods whose arguments must be ints, tuples of ints or
tensors: which call it refuses, and with which TypeError.

PyTorch reads the arguments of its built-in methods against their signatures (``flip(int[]
dims)``, ``narrow(int dim, int start, int length)``, …) before anything else runs, so
``x.transpose(0.0, 1)`` fails with ``transpose(): argument 'dim0' (position 1) must be int,
not float`` rather than deep inside the op. Its rules, kept here as they are:

- an ``int`` is a Python int or a NumPy integer, never a bool (nor a float, None, a str);
- a ``tuple of ints`` is a tuple or list whose *first* item is an int (the others are
  checked later: ``failed to unpack the object at pos 2 with error "type must be tuple of
  ints,but got float"``); a lone int is taken only where the signature gives a length
  (``int[1] dims``), or as the method's only list, given as varargs (``x.flip(0, 1)``);
- when no signature fits, the error is the one signature's own if only one takes that many
  arguments, else "received an invalid combination of arguments" with every signature, and
  under those taking exactly as many arguments, which ones did not fit. That listing checks
  each argument by its type's name alone: ``tuple of ints`` and ``Number`` never fit there,
  ``int`` only a Python int.

`check(name, forms, args, kwargs)` raises PyTorch's TypeError, or returns when a form fits.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable
from typing import Any

import numpy

from .int_arguments import is_index, is_int
from .keyword_order import map_order
from .ops.out_variants import NAMES as TAKE_OUT
from .tensor_arguments import _is_tensor

# NumPy's names PyTorch's parser also takes (x.sum(axis=0))
_NUMPY_NAMES = {"dim": ("axis",), "keepdim": ("keepdims",)}
_TYPE_NAMES = {"int": "int", "SymInt": "int", "float": "float", "bool": "bool", "Tensor": "Tensor",
               "ints": "tuple of ints", "Tensors": "tuple of Tensors", "Number": "Number",
               "str": "str", "floats": "tuple of floats"}


class _Parameter:
    """One argument of a signature: ``int[1] dims = []`` or ``*`` (the keyword-only mark)."""

    def __init__(self, text: str, keyword_only: bool) -> None:
        self.text, self.keyword_only = text, keyword_only
        declared, _, default = text.partition(" = ")
        kind, _, self.name = declared.rpartition(" ")
        self.allow_none = default == "None" or kind.endswith("?")  # (bool? stable: a None too)
        kind = kind.rstrip("?")
        self.size = 0
        if kind.startswith("int["):
            self.size = int(kind[4:-1] or 0)
            kind = "ints"
        self.kind, self.optional = kind, bool(default)
        shown = _TYPE_NAMES[kind] if kind in _TYPE_NAMES else kind
        self.shown = f"{shown} {self.name}" + (f" = {default}" if default else "")

    def fits(self, value: Any) -> tuple[bool, int]:
        """Whether PyTorch's parser takes ``value`` here (and, for a list whose first item
        is no int, that position: 0)."""
        kind = self.kind
        if kind == "int":
            return is_int(value), -1
        if kind == "SymInt":  # (a size: a one-element integer tensor will do)
            return is_index(value), -1
        if kind == "ints":
            if isinstance(value, (tuple, list)):
                if not value or is_index(value[0]):
                    return True, -1
                return False, 0
            return self.size > 0 and is_index(value), -1
        if kind == "Tensor":
            return _is_tensor(value), -1
        if kind == "Tensors":
            return isinstance(value, (tuple, list)), -1
        if kind == "float":
            return isinstance(value, (int, float, numpy.number)) or (
                _is_tensor(value) and value.ndim == 0 and not value.requires_grad), -1
        if kind == "bool":  # (a NumPy bool is no bool to it: "not numpy.bool")
            return type(value) is bool, -1
        if kind == "str":
            return isinstance(value, str), -1
        if kind == "Number":
            return isinstance(value, (int, float, complex, numpy.number, numpy.bool_)) or (
                _is_tensor(value) and value.ndim == 0 and not value.requires_grad), -1
        if kind == "torch.Storage":
            from .storage import _Storage

            return isinstance(value, _Storage), -1
        if kind == "torch.dtype":
            from .dtypes import is_dtype_argument

            return is_dtype_argument(value), -1
        if kind == "torch.memory_format":
            from .dtypes import memory_format

            return isinstance(value, memory_format), -1
        if kind == "torch.Generator":
            from .random import Generator

            return isinstance(value, Generator), -1
        return True, -1  # (kinds the kit does not check here)

    def listed_fit(self, value: Any) -> bool:
        """Whether the "didn't match" listing shows ``value`` as fitting (by type name; one
        with a default never fits there: its type is read as ``int dim =``)."""
        if self.optional:
            return False
        if self.kind == "Tensor":
            return _is_tensor(value)
        if self.kind in ("int", "SymInt"):
            return type(value) is int
        if self.kind == "float":
            return type(value) in (int, float)
        if self.kind == "bool":
            return type(value) is bool
        return False


# the functions whose Tensor arguments PyTorch's parser also takes a number for (x.add(2),
# torch.true_divide(2, x)): its should_allow_numbers_as_tensors
NUMBERS_AS_TENSORS = frozenset(name + suffix for name in (
    "add", "sub", "subtract", "mul", "multiply", "div", "divide", "true_divide", "floor_divide")
    for suffix in ("", "_"))


class _Signature:
    """One form of a method: its parameters as PyTorch declares them."""

    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.numbers_as_tensors = name in NUMBERS_AS_TENSORS
        self.params: list[_Parameter] = []
        keyword_only = False
        for part in (p for p in text.split(", ") if p):
            if part == "*":
                keyword_only = True
                continue
            self.params.append(_Parameter(part, keyword_only))
        self.texts = text.split(", ")  # (the listing counts "*", and "()" as one part)
        self.parts = len(self.texts)
        self.shown = "(" + ", ".join("*" if p == "*" else self._shown(p)
                                     for p in text.split(", ") if p) + ")"
        self.min_args = sum(not p.optional for p in self.params)
        self.max_args = len(self.params)
        self.max_positional = sum(not p.keyword_only for p in self.params)
        self.varargs = self.max_positional == 1 and self.params[0].kind == "ints"
        if any(p.name == "out" for p in self.params):
            self.parts -= 1

    def _shown(self, part: str) -> str:
        return next(p.shown for p in self.params if p.text == part)

    def parse(self, args: tuple[Any, ...], kwargs: dict[str, Any], loud: bool) -> bool:
        """Whether the call fits this form; with ``loud``, PyTorch's TypeError if not."""
        name, nargs = self.name, len(args)
        if nargs > self.max_positional and not self.varargs:
            if loud:
                raise TypeError(self._too_many(nargs))
            return False
        position = 0
        used = 0
        lists = []  # (PyTorch reads the lists' other items once the whole form fits)
        for index, param in enumerate(self.params):
            by_name = False
            if position < nargs:
                if param.keyword_only:
                    if loud:
                        raise TypeError(self._too_many(nargs))
                    return False
                value, present = args[position], True
            else:
                key = next((k for k in (param.name, *_NUMPY_NAMES.get(param.name, ()))
                            if k in kwargs), param.name)
                present, by_name = key in kwargs, True
                value = kwargs.get(key)
            if (not present and param.optional) or (
                    present and value is None and param.allow_none):
                pass
            elif not present:
                if loud:
                    missing = [f'"{p.name}"' for p in self.params[index:] if not p.optional]
                    plural = "s" if len(missing) == 1 else ""  # (sic: PyTorch's parser)
                    raise TypeError(f"{name}() missing {len(missing)} required positional "
                                    f"argument{plural}: {', '.join(missing)}")
                return False
            else:
                fits, failed = param.fits(value)
                if not fits and param.kind == "Tensor" and self.numbers_as_tensors:
                    fits = _NUMBER.fits(value)[0]
                if not fits and self.varargs and position == 0 and not by_name:
                    if is_index(args[0]):
                        _unpacked(name, param, args)  # (every positional argument is this
                        return self._keywords_known(kwargs, loud)  # list)
                    if nargs > 1:
                        if loud:
                            raise TypeError(self._too_many(nargs))
                        return False
                if not fits:
                    if loud:
                        raise TypeError(_wrong_type(name, param, value, failed,
                                                    None if by_name else position + 1))
                    return False
                if param.kind == "ints" and isinstance(value, (tuple, list)):
                    lists.append((param, value))
            if by_name:
                used += present
            else:
                position += 1
        if position < nargs:
            if loud:
                raise TypeError(self._too_many(nargs))
            return False
        if used < len(kwargs):
            if loud:  # (PyTorch looks a keyword up by its own name only, not NumPy's)
                at = {p.name: index for index, p in enumerate(self.params)}
                for key in kwargs:
                    if key not in at:
                        raise TypeError(f"{name}() got an unexpected keyword argument '{key}'")
                    if at[key] < nargs:
                        raise TypeError(f"{name}() got multiple values for argument '{key}'")
                raise TypeError("invalid keyword arguments")
            return False
        for param, value in lists:
            _unpacked(name, param, value)
        return True

    def ints_read(self, args: tuple[Any, ...]) -> tuple[Any, ...]:
        """``args`` (which fit this form) with each tensor given for an int, or for a list of
        ints as the list's one item, read as the int it holds (``x.select(0,
        torch.tensor([1]))``, ``x.roll(1, torch.tensor(0))``), as PyTorch's parser reads it."""
        if self.varargs:
            return args
        return tuple(operator.index(value) if _is_tensor(value) and param.kind in _INTS
                     else value for param, value in zip(self.params, args))

    def _keywords_known(self, kwargs: dict[str, Any], loud: bool) -> bool:
        """After a list given as varargs: whether every keyword names one of the others (the
        list's own name again is "multiple values")."""
        known = {p.name for p in self.params[1:]}
        unknown = [key for key in kwargs if key not in known]
        if unknown and loud:
            if unknown[0] == self.params[0].name:
                raise TypeError(f"{self.name}() got multiple values for argument "
                                f"'{unknown[0]}'")
            raise TypeError(f"{self.name}() got an unexpected keyword argument '{unknown[0]}'")
        return not unknown

    def _too_many(self, nargs: int) -> str:
        if self.min_args != self.max_positional:
            return (f"{self.name}() takes from {self.min_args} to {self.max_positional} "
                    f"positional arguments but {nargs} were given")
        most = self.max_positional
        return (f"{self.name}() takes {most} positional argument{'' if most == 1 else 's'} "
                f"but {nargs} {'was' if nargs == 1 else 'were'} given")

    def alone(self, args: tuple[Any, ...], kwargs: dict[str, Any],
              counting_out: bool = False) -> str:
        """What follows "got " in an "invalid combination" error when this is the one form
        PyTorch shows (the others hidden: deprecated): the keywords it does not know, else
        the arguments, marked ``!int!`` where they do not fit if there are as many as the
        form's parts, then the form. Like the listing, it reads the form as text: each part's
        last word is its name (``*``, and a default's value: ``alpha = 1`` is named ``1``),
        and ``*`` or a part with a default fits nothing."""
        parts = self.parts + (counting_out and any(p.name == "out" for p in self.params))
        names = [text.rpartition(" ")[2] for text in self.texts]
        known = names[max(0, parts - len(kwargs)):]  # (PyTorch looks only that far back)
        unknown = [key for key in map_order(kwargs) if key not in known]
        if unknown:
            return "unrecognized keyword arguments: " + ", ".join(unknown)
        if parts != len(args) + len(kwargs):
            got = [_type_name(a) for a in args] + [f"{k}={_type_name(kwargs[k])}"
                                                   for k in map_order(kwargs)]
            return f"({', '.join(got)}{', ' if kwargs and not args else ''}), but expected " \
                   f"{self.shown}"
        by_text = {p.text: p for p in self.params}
        marked = []
        for at, text in enumerate(self.texts[:parts]):
            keyword = names[at] if at >= len(args) else None
            value = args[at] if keyword is None else kwargs[keyword]
            param = by_text.get(text)
            shown = ("" if keyword is None else f"{keyword}=") + _listed(value)
            marked.append(shown if param is not None and param.listed_fit(value)
                          else f"!{shown}!")
        return f"({', '.join(marked)}), but expected {self.shown}"

    def listing(self, args: tuple[Any, ...], kwargs: dict[str, Any],
                counting_out: bool = False) -> str:
        """This form's lines in an "invalid combination" error (``counting_out``: the form's
        ``out`` counts among its parts, as in the package functions' own forms)."""
        lines = f" * {self.shown}\n"
        parts = self.parts + (counting_out and any(p.name == "out" for p in self.params))
        if parts != len(args) + len(kwargs):
            return lines
        named = {p.text.rpartition(" ")[2]: p for p in self.params}  # (sic: the last word)
        wrong = [k for k in map_order(kwargs) if k not in named]
        if wrong:
            return lines + ("      didn't match because some of the keywords were incorrect: "
                            + ", ".join(wrong) + "\n")
        marked = [_type_name(v) if p.listed_fit(v) else f"!{_listed(v)}!"
                  for p, v in zip(self.params, args)]
        marked += [f"!{_listed(v)}!" for v in args[len(self.params):]]  # (the "()" form)
        for param in self.params[len(args):]:
            if param.name in kwargs:
                value = kwargs[param.name]
                shown = f"{param.name}={_type_name(value)}"
                marked.append(shown if param.listed_fit(value) else f"!{param.name}="
                              f"{_listed(value)}!")
        return lines + ("      didn't match because some of the arguments have invalid types: "
                        f"({', '.join(marked)}{', ' if kwargs and not args else ''})\n")


_NUMBER = _Parameter("Number value", False)
_INTS = ("int", "SymInt", "ints")  # (the kinds of parameter that a tensor of one int may fill)


def _unpacked(name: str, param: _Parameter, values: Any) -> None:
    """PyTorch reads a list's other items only once the form is chosen."""
    for at, item in enumerate(values):
        if at and not (is_index(item) or isinstance(item, (bool, numpy.bool_))):
            raise TypeError(f"{name}(): argument '{param.name}' failed to unpack the object at "
                            f"pos {at + 1} with error \"type must be tuple of ints,but got "
                            f"{_type_name(item)}\"")


def _wrong_type(name: str, param: _Parameter, value: Any, failed: int,
                position: int | None) -> str:
    where = f" (position {position})" if position is not None else ""
    kind = _TYPE_NAMES.get(param.kind, param.kind).replace("torch.", "autograd_kit.")
    if failed >= 0 and position is not None:  # (by name: the list's own type, sic)
        return (f"{name}(): argument '{param.name}'{where} must be {kind}, but found element "
                f"of type {_type_name(value[failed])} at pos {failed}")
    return f"{name}(): argument '{param.name}'{where} must be {kind}, not {_type_name(value)}"


@functools.cache
def signatures(name: str, forms: tuple[str, ...]) -> tuple[_Signature, ...]:
    return tuple(_Signature(name, form) for form in forms)


def check(name: str, forms: tuple[str, ...], args: tuple[Any, ...],
          kwargs: dict[str, Any], counting_out: bool = False,
          hidden: bool = False) -> _Signature:
    """Return if the call (``args`` without the tensor of a method) fits one of ``forms``
    (each like ``"int dim, int[] sizes"``), else raise PyTorch's TypeError (see
    `_Signature.listing` for ``counting_out``). ``hidden``: the function has other forms
    too, which PyTorch tries but never shows (its deprecated ones, deprecated_overloads.py):
    one form alone is then no longer read argument by argument, whatever the call's size.
    Returns the form that fits."""
    parsed = signatures(name, forms)
    for signature in parsed:
        if signature.parse(args, kwargs, loud=False):
            return signature
    count = len(args) + len(kwargs)
    plausible = [s for s in parsed if s.min_args <= count <= s.max_args]
    if len(parsed) == 1 and not hidden or len(plausible) == 1:
        (plausible or parsed)[0].parse(args, kwargs, loud=True)
    if len(parsed) == 1:
        raise TypeError(f"{name}() received an invalid combination of arguments - got "
                        + parsed[0].alone(args, kwargs, counting_out).replace(
                            "torch.", "autograd_kit."))
    got = [_type_name(a) for a in args] + [f"{k}={_type_name(kwargs[k])}"
                                           for k in map_order(kwargs)]
    text = ", ".join(got) + (", " if kwargs and not args else "")
    listing = "".join(s.listing(args, kwargs, counting_out)
                      for s in parsed).replace("torch.", "autograd_kit.")
    raise TypeError(f"{name}() received an invalid combination of arguments - got ({text}), "
                    "but expected one of:\n" + listing)


# keywords the checked forms take that the kit's function calls otherwise: NumPy's names, and
# swapaxes(axis0, axis1), which is transpose(dim0, dim1)
_KEYWORD_ALIASES = (("axis", "dim"), ("keepdims", "keepdim"), ("axis0", "dim0"),
                    ("axis1", "dim1"), ("from", "from_"))  # (x.uniform_(**{"from": 0}))


def checked(function: Callable[..., Any], name: str, forms: tuple[str, ...],
            method: bool) -> Callable[..., Any]:
    """``function`` (a Tensor method when ``method``, else a ``torch.*`` function, whose
    ``forms`` then start with the tensor) refusing what PyTorch's parser refuses. A call
    whose arguments (after the tensor) are all plain ints goes straight through."""
    skip = 1 if method else 0  # (a method's tensor is not one of its arguments)
    fast = _all_ints_fit(signatures(name, forms), method)
    # (a function whose forms all take a tensor first: that is checked here too)
    tensor_first = not method and all(form.params[0].kind == "Tensor"
                                       for form in signatures(name, forms))

    @functools.wraps(function)
    def call(*args: Any, **kwargs: Any) -> Any:
        if not kwargs and len(args) in fast and all(type(a) is int for a in args[1:]) and (
                not tensor_first or _is_tensor(args[0])):
            return function(*args, **kwargs)
        form = check(name, forms, args[skip:], kwargs)
        args = (*args[:skip], *form.ints_read(args[skip:]))
        for alias, key in _KEYWORD_ALIASES:
            if alias in kwargs:
                kwargs[key] = kwargs.pop(alias)
        return function(*args, **kwargs)

    return call


def _all_ints_fit(forms: tuple[_Signature, ...], method: bool) -> frozenset[int]:
    """How many arguments (the tensor counted) a call may have for plain ints after the
    tensor (or a function's first argument) to fit one of ``forms`` for sure."""
    def int_fits(form: _Signature, at: int) -> bool:
        if not method and at == 0:
            return True  # (the function's first argument: not an int, not checked here)
        param = form.params[at]
        return param.kind in ("int", "SymInt") or param.kind == "ints" and (
            param.size > 0 or spread(form))

    def spread(form: _Signature) -> bool:  # (x.flip(0, 1): its ints are the list)
        return form.varargs and form.params[0].size == 0

    counts = set()
    for count in range(9):
        for form in forms:
            if form.min_args <= count and (count <= form.max_positional or spread(form)) and (
                    all(int_fits(form, min(at, form.max_positional - 1))
                        for at in range(count))):
                counts.add(count + (1 if method else 0))
    return frozenset(counts)


def _type_name(value: Any) -> str:
    """A value's type as PyTorch names it (``numpy.float64``, ``Tensor``, and the kit's other
    classes by module: ``autograd_kit.storage.UntypedStorage``)."""
    from .tensor_arguments import _type_name

    kind = type(value)
    if kind.__module__.startswith("autograd_kit.") and not _is_tensor(value):
        return f"{kind.__module__}.{kind.__qualname__}"
    return _type_name(value)


def _listed(value: Any) -> str:
    from .tensor_arguments import shown_argument

    if isinstance(value, tuple) and type(value) is tuple and len(value) == 1:
        return f"tuple of ({type(value[0]).__name__},)"
    return shown_argument(value)


_SORT = ("*, bool? stable, int dim = -1, bool descending = False",
         "int dim = -1, bool descending = False")
_STD = ("int[1]? dim, bool unbiased = True, bool keepdim = False",
        "int[1] dim = None, *, Number correction = None, bool keepdim = False",
        "bool unbiased = True")
# PyTorch's forms for Tensor methods with int (or tuple of ints) arguments; their torch.*
# functions take the tensor first ("Tensor input, …")
METHOD_FORMS: dict[str, tuple[str, ...]] = {
    "transpose": ("int dim0, int dim1",),
    "flatten": ("int start_dim = 0, int end_dim = -1",),
    "flip": ("int[] dims",),
    "tile": ("int[] dims",),
    "broadcast_to": ("int[] size",),
    "roll": ("int[1] shifts, int[1] dims = []",),
    "diagonal": ("int offset = 0, int dim1 = 0, int dim2 = 1",),
    "tril": ("SymInt diagonal = 0",),
    "triu": ("SymInt diagonal = 0",),
    "select": ("int dim, SymInt index",),
    "narrow": ("int dim, Tensor start, SymInt length", "int dim, SymInt start, SymInt length"),
    "unsafe_split": ("int split_size, int dim = 0",),
    "unsafe_split_with_sizes": ("int[] split_sizes, int dim = 0",),
    "unsafe_chunk": ("int chunks, int dim = 0",),
    "movedim": ("int source, int destination", "int[] source, int[] destination"),
    "unflatten": ("int dim, int[] sizes",),
    "gather": ("int dim, Tensor index, *, bool sparse_grad = False",),
    "index_select": ("int dim, Tensor index",),
    "scatter": ("int dim, Tensor index, Tensor src", "int dim, Tensor index, Tensor src, *, "
                "str reduce", "int dim, Tensor index, Number value",
                "int dim, Tensor index, Number value, *, str reduce"),
    "scatter_add": ("int dim, Tensor index, Tensor src",),
    "index_add": ("int dim, Tensor index, Tensor source, *, Number alpha = 1",),
    "index_copy": ("int dim, Tensor index, Tensor source",),
    "index_fill": ("int dim, Tensor index, Tensor value", "int dim, Tensor index, Number value"),
}
METHOD_FORMS.update({"moveaxis": METHOD_FORMS["movedim"], "swapaxes": ("int axis0, int axis1",),
                     "swapdims": ("int dim0, int dim1",),
                     "softmax": ("int dim, torch.dtype dtype = None",),
                     "log_softmax": ("int dim, torch.dtype dtype = None",),
                     "set_": ("", "torch.Storage source", "torch.Storage source, int "
                              "storage_offset, int[] size, int[] stride = None",
                              "Tensor source", "Tensor source, int storage_offset, int[] size, "
                              "int[] stride = None"),
                     "sort": _SORT, "argsort": _SORT,
                     "requires_grad_": ("bool requires_grad = True",),
                     "numpy": ("*, bool force = False",),
                     **dict.fromkeys(("isclose", "allclose"), (
                         "Tensor other, float rtol = 1e-05, float atol = 1e-08, "
                         "bool equal_nan = False",)),
                     "topk": ("SymInt k, int dim = -1, bool largest = True, bool sorted = True",),
                     "cumsum": ("int dim, *, torch.dtype dtype = None",),
                     "cumprod": ("int dim, *, torch.dtype dtype = None",),
                     "std": _STD, "var": _STD,
                     "index_reduce": ("int dim, Tensor index, Tensor source, str reduce, *, "
                                      "bool include_self = True",),
                     "bernoulli_": ("Tensor p, *, torch.Generator generator = None",
                                    "float p = 0.5, *, torch.Generator generator = None"),
                     "logit": ("float eps = None",), "polygamma": ("int n",),
                     "nan_to_num": ("float nan = None, float posinf = None, "
                                    "float neginf = None",),
                     "nanmean": ("int[1] dim = None, bool keepdim = False, *, "
                                 "torch.dtype dtype = None",),
                     "size": ("int? dim = None",), "stride": ("int? dim = None",),
                     "heaviside": ("Tensor values",), "kron": ("Tensor other",),
                     "masked_scatter": ("Tensor mask, Tensor source",),
                     **dict.fromkeys(("hsplit", "vsplit", "dsplit"),
                                     ("int sections", "int[] indices")),
                     # (x.mul's other names: forms of their own, listed for a str)
                     **dict.fromkeys(("multiply", "true_divide", "floor_divide"),
                                     ("Tensor other", "Number other")),
                     "divide": ("Tensor other", "Tensor other, *, str? rounding_mode",
                                "Number other", "Number other, *, str? rounding_mode"),
                     "subtract": ("Tensor other, *, Number alpha = 1",
                                  "Number other, Number alpha = 1"),
                     # (the random fills: their numbers, and the generator, read first)
                     **{name: (params + "*, torch.Generator? generator = None",)
                        for name, params in (
                            ("uniform_", "float from = 0, float to = 1, "),
                            ("normal_", "float mean = 0, float std = 1, "),
                            ("cauchy_", "float median = 0, float sigma = 1, "),
                            ("log_normal_", "float mean = 1, float std = 2, "),
                            ("exponential_", "float lambd = 1, "), ("geometric_", "float p, "))},
                     "clone": ("*, torch.memory_format? memory_format = None",),
                     **dict.fromkeys(("contiguous", "is_contiguous"), (
                         "*, torch.memory_format memory_format = contiguous_format",))})
# ... and the methods' forms that differ from their functions' (those have out=)
_METHODS_ONLY = ("sort", "argsort", "topk", "cumsum", "cumprod", "std", "var")
# ... and their in-place twins (the same forms)
INPLACE = ("index_reduce", "logit", "polygamma", "nan_to_num", "tril", "triu", "scatter",
           "scatter_add", "index_add", "index_copy", "index_fill", "transpose", "swapaxes",
           "swapdims", "heaviside", "masked_scatter", "multiply", "true_divide", "floor_divide",
           "divide", "subtract", "cumsum", "cumprod")
# torch.* functions only
FUNCTION_FORMS: dict[str, tuple[str, ...]] = {
    "cat": ("Tensors tensors, int dim = 0, *, Tensor out = None",),
    "concat": ("Tensors tensors, int dim = 0, *, Tensor out = None",),
    "concatenate": ("Tensors tensors, int dim = 0, *, Tensor out = None",),
    "stack": ("Tensors tensors, int dim = 0, *, Tensor out = None",),
    "reshape": ("Tensor input, int[] shape",),
    "permute": ("Tensor input, int[] dims",),
    "poisson": ("Tensor input, torch.Generator? generator = None",),
    "binomial": ("Tensor count, Tensor prob, torch.Generator? generator = None",),
    "unflatten": ("Tensor input, int dim, int[] sizes",),
    "scatter": tuple(f"Tensor input, int dim, Tensor index, {kind}, *, {reduce}Tensor out = None"
                     for kind in ("Tensor src", "Number value") for reduce in ("", "str reduce, ")),
}
# torch.* functions whose form differs from the method's
_NOT_FUNCTIONS = ("bernoulli_", "index_reduce", "unflatten", "index_fill", "scatter",
                  "polygamma", "set_", "multiply", "true_divide", "floor_divide", "divide",
                  "subtract", *_METHODS_ONLY)


def install(namespace: dict[str, Any], tensor_class: type) -> None:
    """Give ``tensor_class``'s methods and ``namespace``'s functions (``autograd_kit``)
    PyTorch's argument checks for the forms above."""
    for name, forms in METHOD_FORMS.items():
        for method_name in (name, name + "_") if name in INPLACE else (name,):
            method = getattr(tensor_class, method_name, None)
            if method is not None:
                setattr(tensor_class, method_name, checked(method, method_name, forms, True))
        if name in namespace and name not in _NOT_FUNCTIONS:
            function_forms = tuple("Tensor input, " + form + (  # (and out=, where given)
                "" if name not in TAKE_OUT else ", Tensor out = None" if "*" in form
                else ", *, Tensor out = None") for form in forms)
            namespace[name] = checked(namespace[name], name, function_forms, False)
    for name, forms in FUNCTION_FORMS.items():
        if name in namespace:
            namespace[name] = checked(namespace[name], name, forms, False)
    from .python_written_arguments import norm_checked, split_checked, unflatten_checked

    tensor_class.unflatten = unflatten_checked(tensor_class.unflatten)  # type: ignore[attr-defined]

    tensor_class.norm = norm_checked(tensor_class.norm)  # type: ignore[attr-defined]
    namespace["norm"] = norm_checked(namespace["norm"])
    tensor_class.split = split_checked(tensor_class.split, "split_size")  # type: ignore[attr-defined]
    namespace["split"] = split_checked(namespace["split"], "split_size_or_sections")
    from .tensor_arguments import accepts_axis

    for name in ("squeeze", "unsqueeze", "nanmean"):  # (their dims: call_errors.py)
        namespace[name] = accepts_axis(namespace[name], method=False)
