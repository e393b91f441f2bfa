"""PyTorch's words for a call that does not fit a method's arguments.

PyTorch's argument parser, not Python, checks the arguments of its built-in methods, and its
messages differ from Python's:

- a missing argument: ``softmax() missing 1 required positional arguments: "dim"``
  (double quotes, and "arguments" for one: PyTorch's wording, kept as it is);
- too many: the count leaves out the tensor the method is called on;
- a ``keepdim`` that is not a bool is refused (``sum(): argument 'keepdim' (position 2) must
  be bool, not int``), where Python would take any value;
- so is a ``dim`` that is not an int for the methods that take one dimension only
  (``argmax(): argument 'dim' (position 1) must be int, not tuple``): NumPy's habit of
  ``x.argmax(axis=(0, 1))`` would otherwise fail deep inside with Python's own words.

`fits_pytorch_call` turns Python's TypeError for a call into PyTorch's, when the error comes
from the call itself (not from inside the method), checks ``keepdim`` and a one-int ``dim``,
and reads a NumPy integer ``dim`` as the int it is (PyTorch's parser takes one).
"""

from __future__ import annotations

import functools
import inspect
import operator
import re
import types
from collections.abc import Callable
from typing import Any

import numpy

from . import dim_errors
from .dtypes import is_dtype_argument
from .int_arguments import is_index, is_int, is_one_int_tensor

# (Python adds "positional arguments (and 1 keyword-only argument)" when keywords were given
# too; PyTorch counts the positional ones only)
_TAKES = re.compile(r"takes (from )?(\d+)( to (\d+))? positional arguments? but (\d+) "
                    r"(positional arguments? \(and \d+ keyword-only arguments?\) )?(was|were) "
                    r"given")


def fits_pytorch_call(function: Callable[..., Any], method: bool,
                      aliases: dict[str, str] | None = None) -> Callable[..., Any]:
    """``function`` (a Tensor method when ``method``, else a ``torch.*`` function) with
    PyTorch's TypeErrors for calls that do not fit its arguments, and ``aliases``: other
    names its parser takes for some arguments (NumPy's ``axis=`` for ``dim=``)."""
    parameters = list(inspect.signature(function).parameters.values())
    names = [p.name for p in parameters]
    keepdim = names.index("keepdim") if "keepdim" in names else None
    if keepdim is not None and (
            parameters[keepdim].kind is not inspect.Parameter.POSITIONAL_OR_KEYWORD):
        keepdim = None  # (given by name only)
    dim_at = names.index("dim") if "dim" in names else None
    int_dim = dim_at if function.__name__ in ONE_DIM else None
    many_dims = dim_at if function.__name__ in DIM_FORMS else None
    reads_dim = dim_at if function.__name__ not in ("max", "min") else None  # (max(x, tensor):
    # the tensor is the other operand, no dim)
    one_element = function.__name__ in ONE_ELEMENT_DIMS
    spread = method and function.__name__ in SPREAD_DIMS
    count = INT_COUNTS.get(function.__name__)
    count_at = names.index(count) if count in names else None
    takes_dtype = "dtype" in names
    most = sum(p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) for p in parameters
               ) if all(p.kind is not p.VAR_POSITIONAL for p in parameters) else numpy.inf

    @functools.wraps(function)
    def checked(*args: Any, **kwargs: Any) -> Any:
        given = list(kwargs)  # (before NumPy's names are read as PyTorch's)
        if kwargs and aliases:
            for alias, name in aliases.items():
                if alias in kwargs:
                    if name in kwargs:  # (PyTorch then reads the alias as unknown)
                        raise TypeError(f"{_name(function)}() got an unexpected keyword "
                                        f"argument '{alias}'")
                    kwargs[name] = kwargs.pop(alias)
        if len(args) > most:  # (no form takes that many: PyTorch says so before the rest)
            _check_forms(function.__name__, args, kwargs, method)
        else:  # (the checks of the arguments PyTorch reads before the method runs)
            dtype = kwargs.get("dtype")
            if takes_dtype and dtype is not None and not is_dtype_argument(dtype):
                _refuse_dtype(function, args, kwargs, method)
            if "keepdim" in kwargs and dim_at is not None and len(args) <= dim_at and (
                    "dim" not in kwargs):
                _check_keepdim_alone(function, args, kwargs, method)
            if keepdim is not None:
                if len(args) > keepdim and type(args[keepdim]) is not bool:
                    raise _not_a_bool(function, args[keepdim], keepdim + (0 if method else 1))
                if "keepdim" in kwargs and type(kwargs["keepdim"]) is not bool:
                    raise _not_a_bool(function, kwargs["keepdim"], None)
            if reads_dim is not None:  # a NumPy integer dim, or a 0-dim integer tensor, is
                # its int
                # (and, where the dim is PyTorch's int[1], a tensor of one integer element)
                if len(args) > reads_dim:
                    if type(args[reads_dim]) is not int and (is_int(args[reads_dim]) or (
                            one_element or spread and len(args) == reads_dim + 1)
                            and is_one_int_tensor(args[reads_dim])):
                        args = (*args[:reads_dim], operator.index(args[reads_dim]),
                                *args[reads_dim + 1:])
                elif "dim" in kwargs and type(kwargs["dim"]) is not int and (
                        is_int(kwargs["dim"]) or one_element
                        and is_one_int_tensor(kwargs["dim"])):
                    kwargs["dim"] = operator.index(kwargs["dim"])
            if many_dims is not None:  # (a dim that is no int: PyTorch's words, see dim_errors.py)
                if len(args) > many_dims:
                    if type(args[many_dims]) not in dim_errors.FINE_TYPES:
                        _check_dims(function, args[many_dims], many_dims, args, kwargs, method)
                elif "dim" in kwargs and type(kwargs["dim"]) not in dim_errors.FINE_TYPES:
                    _check_dims(function, kwargs["dim"], None, args, kwargs, method)
            for name, at in (("dim", int_dim), (count, count_at)):
                if at is None:
                    continue
                if len(args) > at:
                    _check_int_dim(function, args[at], at + (0 if method else 1), name)
                elif name in kwargs:
                    _check_int_dim(function, kwargs[name], None, name)
        try:
            return function(*args, **kwargs)
        except TypeError as error:
            if error.__traceback__ is None or error.__traceback__.tb_next is not None:
                raise  # (raised inside the function: its own message)
            words = _pytorch_words(function, parameters, error, args, kwargs, method)
            if aliases and "unexpected keyword argument" in str(words):
                # PyTorch names the first keyword that is not one of its own names, NumPy's
                # included (x.mean(axis=None, dtype=None, out=None), as np.mean(x) calls it)
                first = next(k for k in given if k in aliases or k not in names)
                words = TypeError(f"{_name(function)}() got an unexpected keyword argument "
                                  f"'{first}'")
            raise words from None

    return checked


# Methods (and torch.* functions) whose dim is one int: PyTorch refuses a tuple, a list, a
# float (and, given explicitly, None: only argmax and argmin take it) before anything else
ONE_DIM = frozenset({"argmax", "argmin", "cumsum", "cumprod", "cummax", "cummin",
                     "logcumsumexp", "unsqueeze", "topk", "kthvalue", "median", "nanmedian",
                     "mode", "index_select", "gather", "select", "unbind", "chunk"})
NONE_FOR_ALL = frozenset({"argmax", "argmin"})
# ... and those whose dim is a list of ints with one by default (PyTorch's ``int[1] dim``),
# which takes a tensor of one integer element, of any shape, as that one (``x.sum(
# torch.tensor([0]))``)
ONE_ELEMENT_DIMS = frozenset({"sum", "mean", "nansum", "nanmean", "amax", "amin", "logsumexp",
                              "std", "var"})
# ... and the methods whose list of dims may be spread over the positional arguments
# (x.squeeze(0, 1)), so that such a tensor alone there is a list of one (not by name, nor
# given to torch.squeeze)
SPREAD_DIMS = frozenset({"squeeze", "count_nonzero"})
# ... and those whose dim may also be a tuple of ints, or None (dim_errors.py)
DIM_FORMS = dim_errors.ONE_FORM | dim_errors.FORMS.keys()
# ... and the methods with a count that must be an int (``x.chunk(2.0)`` is refused)
INT_COUNTS = {"chunk": "chunks", "topk": "k", "kthvalue": "k"}


def _type_named(value: Any) -> str:
    """A value's type as PyTorch's argument parser names it (``tuple``, ``numpy.float64``)."""
    if dim_errors._is_tensor(value):
        return "Tensor"
    kind = type(value)
    return kind.__name__ if kind.__module__ == "builtins" else (
        f"{kind.__module__}.{kind.__qualname__}")


def _where(position: int | None) -> str:
    return f" (position {position})" if position is not None else ""


def _check_dims(function: Callable[..., Any], dim: Any, at: int | None,
                args: tuple[Any, ...], kwargs: dict[str, Any], method: bool) -> None:
    """PyTorch's TypeError for a dim (at ``args[at]``, else by name) that does not fit."""
    position = None if at is None else at + (0 if method else 1)
    dim_errors.check_dim(function.__name__, dim, position, args[1 if method else 0:], kwargs,
                         method)


def _check_int_dim(function: Callable[..., Any], dim: Any, position: int | None,
                   name: str = "dim") -> None:
    """PyTorch's TypeError for a ``dim`` (or a count, ``name``) that is not an int (nor None,
    where a dim means all)."""
    if is_int(dim) or name == "k" and is_index(dim) or (
            dim is None and name == "dim" and function.__name__ in NONE_FOR_ALL):
        return
    raise TypeError(f"{_name(function)}(): argument '{name}'{_where(position)} must be int, "
                    f"not {_type_named(dim)}")


def _check_keepdim_alone(function: Callable[..., Any], args: tuple[Any, ...],
                         kwargs: dict[str, Any], method: bool) -> None:
    """PyTorch's TypeError for a ``keepdim`` given by name without a ``dim``: sum, mean and
    prod have no such form (``x.sum(keepdim=True)`` is an invalid combination, and
    ``x.sum(keepdim=True, dtype=...)`` misses its "dim"), and std and var refuse a
    ``keepdim`` that is not a bool there with their forms' listing rather than "must be
    bool"."""
    name = function.__name__
    alone = set(kwargs) == {"keepdim"} and len(args) == 1
    if name in ("sum", "mean", "prod"):
        # PyTorch's parser tries the one form that could take this many arguments: past what
        # the form without a dim takes (a method's dtype=; torch.sum/prod's input, dtype=;
        # torch.mean's input, dtype=, out=), the form with one, whose dim is missing; else
        # it lists both forms
        given = len(args) - (1 if method else 0) + len(kwargs)
        if given > (1 if method else 3 if name == "mean" else 2):
            raise TypeError(f'{name}() missing 1 required positional arguments: "dim"')
        raise TypeError(dim_errors.invalid_combination(name, method, args, kwargs))
    elif name in ("std", "var") and alone and type(kwargs["keepdim"]) is not bool:
        raise TypeError(dim_errors.invalid_combination(name, method, args, kwargs))



def _refuse_dtype(function: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any],
                  method: bool) -> None:
    """PyTorch's TypeError for a ``dtype=`` that is no dtype (``x.sum(dtype='float')``): its
    forms listed where several could take the call, else "must be torch.dtype"."""
    _check_forms(function.__name__, args, kwargs, method)
    raise TypeError(f"{_name(function)}(): argument 'dtype' must be autograd_kit.dtype, not "
                    f"{_type_named(kwargs['dtype'])}")


def _check_forms(name: str, args: tuple[Any, ...], kwargs: dict[str, Any], method: bool) -> None:
    """PyTorch's TypeError for a call that fits none of the forms of function ``name`` (or of
    its method, and of its in-place twin: the function's without the tensor and out=), where
    the kit knows them (see ops.tensor_input.FORMS_FIRST, and NUMBER_SECOND and LISTED_FORMS
    for methods); else return."""
    from .ops.tensor_input import FORMS_FIRST, LISTED_FORMS, NUMBER_SECOND
    from .signature_parser import check

    of = name[:-1] if method and name.endswith("_") else name  # (x.lerp_: lerp's forms)
    forms = FORMS_FIRST.get(of) or (NUMBER_SECOND.get(of) or LISTED_FORMS.get(of)
                                    if method else None)
    if forms is None or method and name == "where":  # (x.where's forms are its own)
        return
    if method:  # (once each: pow's "Number self, Tensor exponent" is no method's)
        forms = tuple(dict.fromkeys(_without_input_and_out(form) for form in forms))
    check(name, forms, args[1:] if method else args, kwargs, counting_out=not method)


def check_rounding_mode(name: str, args: tuple[Any, ...], kwargs: dict[str, Any],
                        method: bool) -> None:
    """PyTorch's forms listed for a ``rounding_mode`` (div's, divide's) that is no str nor
    None (``x.div(2, rounding_mode=1)``), where the kit would say which words it takes."""
    mode = kwargs.get("rounding_mode")
    if mode is not None and not isinstance(mode, str):
        _check_forms(name, args, kwargs, method)


def _without_input_and_out(form: str) -> str:
    parts = [p for p in form.split(", ")[1:] if p not in ("Tensor out = None",
                                                         "Tensors out = None")]
    return ", ".join(parts[:-1] if parts[-1:] == ["*"] else parts)


def _not_a_bool(function: Callable[..., Any], value: Any, position: int | None) -> TypeError:
    return TypeError(f"{_name(function)}(): argument 'keepdim'{_where(position)} must be "
                     f"bool, not {_type_named(value)}")


def _pytorch_words(function: Callable[..., Any], parameters: list[inspect.Parameter],
                   error: TypeError, args: tuple[Any, ...], kwargs: dict[str, Any],
                   method: bool, name: str | None = None) -> TypeError:
    """PyTorch's message for Python's ``error`` (PyTorch names a missing argument first,
    even when there is also an unknown keyword); ``name``: the method's, where its function
    is named otherwise."""
    name = name or _name(function)
    if name.startswith("Tensor."):  # PyTorch's own Python methods: Python's words
        return error
    try:
        _check_forms(name, args, kwargs, method)
    except TypeError as refused:  # (no form of PyTorch's takes the call)
        return refused
    missing = [p.name for i, p in enumerate(parameters)
               if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) and p.default is p.empty
               and i >= len(args) and p.name not in kwargs]
    if missing:
        quoted = ", ".join(f'"{m}"' for m in missing)
        plural = "s" if len(missing) == 1 else ""  # (sic: PyTorch's parser)
        return TypeError(f"{name}() missing {len(missing)} required positional argument"
                         f"{plural}: {quoted}")
    takes = _TAKES.search(str(error))
    if takes and (method or takes.group(6)):  # (a method's tensor itself is not counted)
        low, high, given = (int(n) - method if n else None for n in takes.group(2, 4, 5))
        counted = f"from {low} to {high}" if high is not None else f"{low}"
        return TypeError(f"{name}() takes {counted} positional argument"
                         f"{'' if high is None and low == 1 else 's'} but {given} "
                         f"{'was' if given == 1 else 'were'} given")
    return error


def _name(function: Callable[..., Any]) -> str:
    return getattr(function, "__qualname__", function.__name__)


def pytorch_method_errors(cls: type) -> None:
    """Give every plain method of ``cls`` (the Tensor class) PyTorch's words for a call that
    does not fit its arguments: a method that takes none says it as CPython says it for
    PyTorch's built-in ones (``TensorBase.exp() takes no arguments (1 given)``, ``... takes
    no keyword arguments``), the others as PyTorch's argument parser does (`_pytorch_words`:
    ``mul() missing 1 required positional arguments: "other"``, ``mm() takes 1 positional
    argument but 2 were given``). Methods that check their calls already (wrapped ones) and
    those PyTorch writes in Python (Python's own words) are left as they are."""
    from .tensor_arguments import WRITTEN_IN_PYTHON

    for klass in reversed(cls.__mro__):
        for name, method in list(vars(klass).items()):
            if not (name.startswith("_") or name in WRITTEN_IN_PYTHON
                    or not inspect.isfunction(method) or hasattr(method, "__wrapped__")
                    or getattr(cls, name) is not method):
                setattr(cls, name, _told_as_pytorch(method, name))


def unplaced_if_named(error: TypeError, name: str, named: Any) -> None:
    """PyTorch's parser names an argument's position only when it was given by position
    (``atan2(): argument 'other' must be Tensor, not int`` for ``other=1``). The kit's checks
    of one argument, inside the op, cannot tell how it came; the door of the call, which can,
    drops the position from ``error`` (about ``name``'s argument) where ``named`` (the
    keywords given) holds that argument."""
    if not error.args or not isinstance(error.args[0], str):
        return
    message = error.args[0]
    start = f"{name}(): argument '"
    if message.startswith(start) and " (position " in message:
        argument, _, rest = message[len(start):].partition("' (position ")
        if argument in named:
            error.args = (f"{start}{argument}'{rest.partition(')')[2]}", *error.args[1:])


def labelled_if_named(error: TypeError, name: str, args: tuple[Any, ...],
                      named: dict[str, Any]) -> None:
    """PyTorch's "invalid combination" listing shows an argument given by name with its
    name (``eq() ... got (other=str, )``, its misfits as ``!other=str!``). The kit's checks
    inside the op list values alone; the door of the call, which knows ``args`` (after a
    method's tensor) and the keywords ``named``, lists them again with PyTorch's parser
    (signature_parser.check), over the forms ``error`` lists."""
    from .signature_parser import check

    message = error.args[0] if error.args and isinstance(error.args[0], str) else ""
    head = f"{name}() received an invalid combination of arguments - got ("
    if not named or not message.startswith(head):
        return
    got = message[len(head):].partition("), but expected")[0]
    if any(f"{key}=" in got for key in named):  # (listed with their names already)
        return
    forms = tuple(line[4:-1].replace("autograd_kit.", "torch.")
                  for line in message.splitlines() if line.startswith(" * (") and line[-1] == ")")
    try:
        check(name, forms, args, dict(named))
    except TypeError as listed:
        if str(listed).startswith(head):
            error.args = (str(listed), *error.args[1:])
    except Exception:  # noqa: BLE001, S110 (forms the parser cannot read: left as they were)
        pass


def renamed_copy(function: types.FunctionType, name: str,
                 qualname: str) -> types.FunctionType:
    """A copy of ``function`` (its code, defaults, closure, docstring and attributes) named
    ``name`` and ``qualname``, which Python's own TypeErrors then show, the original left as
    it is."""
    copy = functools.update_wrapper(types.FunctionType(
        function.__code__, function.__globals__, name, function.__defaults__,
        function.__closure__), function)
    copy.__kwdefaults__ = function.__kwdefaults__
    del copy.__wrapped__
    copy.__name__, copy.__qualname__ = name, qualname
    return copy


def _told_as_pytorch(method: Callable[..., Any], name: str) -> Callable[..., Any]:
    """``method`` (PyTorch's ``name``) with PyTorch's TypeError for a call that does not fit
    it (the error of the call itself only, not one raised inside)."""
    if method.__name__ != name:  # (x.multiply is x.mul: a copy of its own, named so)
        method = renamed_copy(method, name, name)  # type: ignore[arg-type]
    method.__qualname__ = name  # (Python's own words name it so: PyTorch's are built in)
    code = method.__code__
    no_arguments = code.co_argcount == 1 and not code.co_kwonlyargcount and not (
        code.co_flags & (inspect.CO_VARARGS | inspect.CO_VARKEYWORDS))

    rounds = "rounding_mode" in code.co_varnames[:code.co_argcount + code.co_kwonlyargcount]

    @functools.wraps(method)
    def call(*args: Any, **kwargs: Any) -> Any:
        if rounds and kwargs:
            check_rounding_mode(name, args, kwargs, True)
        try:
            return method(*args, **kwargs)
        except TypeError as error:
            if kwargs:  # (an argument given by name: PyTorch names no position, and its
                unplaced_if_named(error, name, kwargs)  # listings name it)
                labelled_if_named(error, name, args[1:], kwargs)
            if not args or error.__traceback__ is None or error.__traceback__.tb_next is not None:
                raise
            if no_arguments:
                words = ("no keyword arguments" if kwargs
                         else f"no arguments ({len(args) - 1} given)")
                raise TypeError(f"TensorBase.{name}() takes {words}") from None
            parameters = list(inspect.signature(method).parameters.values())
            raise _pytorch_words(method, parameters, error, args, kwargs, True, name) from None

    return call
