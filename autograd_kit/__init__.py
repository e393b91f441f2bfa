"""autograd_kit: a small autograd engine with PyTorch's API, for learning how backward works.

    import autograd_kit as ak
    w = ak.tensor([1.], requires_grad=True)
    x = ak.tensor([2.], requires_grad=True)
    y = (x + w) * (w + 1)
    y.backward()
    w.grad, x.grad          # (tensor([5.]), tensor([2.]))

Where things live: `tensor` (the Tensor class), `function` (nodes and Function), `ops`
(every derivative rule), `engine` (the backward pass), `autograd` (grad, Function, graph
records), `nn` and `optim` (training).
"""

from __future__ import annotations

import warnings as _warnings

from . import absent_devices as _absent_devices  # noqa: F401 (x.xpu(), x.bfloat16())
from . import accelerator, autograd, backend, cuda, float_errors, func, nn, ops, optim
from . import clamp_arguments as _clamp_arguments
from . import function_instances as _function_instances  # noqa: F401 (MyFn().name())
from . import printing as _tensor_str  # torch._tensor_str.PRINT_OPTS is read by some scripts
from . import tensor_subclass as _tensor_subclass  # noqa: F401 (x.as_subclass)
from .anomaly_mode import is_anomaly_check_nan_enabled, is_anomaly_enabled, set_detect_anomaly
from .backend import AcceleratorError, device
from .creation import (
    arange,
    as_tensor,
    empty,
    empty_like,
    empty_strided,
    eye,
    from_numpy,
    frombuffer,
    full,
    full_like,
    linspace,
    normal,
    ones,
    ones_like,
    rand,
    rand_like,
    randint,
    randint_like,
    randn,
    randn_like,
    randperm,
    tensor,
    zeros,
    zeros_like,
)
from .dirichlet_grad import dirichlet_grad as _dirichlet_grad
from .dtypes import (
    bool_ as bool,  # noqa: A004 - PyTorch's names
)
from .dtypes import (
    channels_last,
    channels_last_3d,
    contiguous_format,
    double,
    dtype,
    finfo,
    float,  # noqa: A004
    float16,
    float32,
    float64,
    get_default_dtype,
    half,
    iinfo,
    int,  # noqa: A004
    int8,
    int16,
    int32,
    int64,
    layout,
    long,
    memory_format,
    preserve_format,
    set_default_dtype,
    set_default_tensor_type,
    short,
    strided,
    uint8,
)
from .grad_mode import (
    enable_grad,
    inference_mode,
    is_grad_enabled,
    is_inference_mode_enabled,
    no_grad,
    set_grad_enabled,
)
from .legacy import (
    BoolTensor,
    ByteTensor,
    CharTensor,
    DoubleTensor,
    FloatTensor,
    HalfTensor,
    IntTensor,
    LongTensor,
    ShortTensor,
)
from .ops import (  # noqa: E402
    abs,
    acos,
    add,
    addmm,
    all,  # noqa: A004
    allclose,
    amax,
    amin,
    any,  # noqa: A004
    argmax,
    argmin,
    argsort,
    asin,
    atan,
    bernoulli,
    bmm,
    cat,
    ceil,
    chunk,
    clamp,
    clone,
    cos,
    cosh,
    cumsum,
    dist,
    div,
    dot,
    eq,
    equal,
    erf,
    exp,
    exp2,
    expm1,
    flatten,
    flip,
    floor,
    floor_divide,
    gather,
    ge,
    ger,
    gt,
    index_add,
    index_fill,
    index_select,
    isclose,
    isfinite,
    isinf,
    isnan,
    le,
    lerp,
    log,
    log1p,
    log2,
    log10,
    log_softmax,
    logsumexp,
    lt,
    masked_fill,
    matmul,
    max,
    maximum,
    mean,
    min,
    minimum,
    mm,
    mul,
    multinomial,
    mv,
    narrow,
    ne,
    neg,
    nonzero,
    norm,
    outer,
    permute,
    pow,
    prod,
    reciprocal,
    relu,
    remainder,
    repeat,
    reshape,
    round,  # noqa: A004
    rsqrt,
    rsub,
    scatter,
    scatter_add,
    sigmoid,
    sign,
    sin,
    sinh,
    softmax,
    sort,
    split,
    sqrt,
    square,
    squeeze,
    stack,
    std,
    sub,
    sum,
    t,
    tan,
    tanh,
    topk,
    trace,
    transpose,
    trunc,
    unbind,
    unique,
    unsqueeze,
    var,
    where,
)
from .ops.bitwise import (
    bitwise_and,
    bitwise_left_shift,
    bitwise_not,
    bitwise_or,
    bitwise_right_shift,
    bitwise_xor,
    logical_and,
    logical_not,
    logical_or,
    logical_xor,
)
from .ops.more_functions import fmod, frac
from .printing import set_printoptions
from .random import get_rng_state, initial_seed, manual_seed, seed, set_rng_state
from .sampling import binomial, poisson
from .sampling import sample_dirichlet as _sample_dirichlet
from .sampling import standard_gamma as _standard_gamma
from .sampling import standard_gamma_grad as _standard_gamma_grad
from .tensor import Size, Tensor, typename
from .tensor_queries import (
    broadcast_shapes,
    broadcast_tensors,
    can_cast,
    detach,
    is_complex,
    is_floating_point,
    is_nonzero,
    is_same_size,
    is_signed,
    positive,
    promote_types,
    result_type,
)

# tril, triu, diag, diagonal, select, movedim, roll, cumprod, atan2, … (ops/extra_functions.py)
globals().update({_name: getattr(ops, _name) for _name in ops._extra.NAMES})
clip = clamp
clamp_, clip_ = _clamp_arguments.inplace_function("clamp_"), _clamp_arguments.inplace_function(
    "clip_")
concat = concatenate = cat
clamp_min, clamp_max, count_nonzero = ops.clamp_min, ops.clamp_max, ops.count_nonzero
# PyTorch's other names for the same functions
absolute, negative, multiply, divide, subtract = abs, neg, mul, div, sub


def true_divide(a: Tensor, b: Tensor | float) -> Tensor:
    """div without its rounding_mode."""
    return div(a, b)


greater, greater_equal, less, less_equal, not_equal = gt, ge, lt, le, ne
swapaxes = swapdims = transpose
Variable = autograd.Variable

from . import version  # noqa: E402
from .version import __version__  # noqa: E402


def is_tensor(obj: object) -> bool:
    """True for an autograd_kit Tensor (as ``torch.is_tensor``)."""
    return isinstance(obj, Tensor)


def is_storage(obj: object) -> bool:
    """True for a storage (``x.untyped_storage()``, ``x.storage()``), as ``torch.is_storage``."""
    from .storage import TypedStorage, UntypedStorage

    return isinstance(obj, (UntypedStorage, TypedStorage))


def numel(input: Tensor) -> int:  # noqa: A002 - PyTorch's argument name
    return input.numel()


def get_default_device() -> device:
    """Where creation functions put new tensors when no ``device=`` is given."""
    return backend.default_device()


def set_default_device(new_device: str | device | None) -> None:
    """Put new tensors on ``new_device`` when a creation function gets no ``device=``, as
    ``torch.set_default_device``: ``set_default_device('cuda')`` makes ``ones(2)``, the
    parameters of a new ``nn.Linear`` and ``randn`` live on the GPU. ``None`` means the CPU."""
    backend.set_default_device(new_device)


# PyTorch computes log(0) = -inf or 0/0 = nan silently; NumPy would warn ("divide by zero
# encountered in log"). Silence those warnings for the kit's own array calls only: a
# learner's direct NumPy code still warns as usual. (To find where a NaN comes from, use
# autograd_kit.autograd.detect_anomaly(), as in PyTorch.)
_warnings.filterwarnings("ignore", category=RuntimeWarning, module=r"autograd_kit(\.|$)")
# … and NumPy's floating-point errors raised in the kit are dropped even when a script puts
# its own warnings filter first (warnings.simplefilter("always")): see float_errors.py.
float_errors.install()

from . import linalg, return_types, utils  # noqa: E402 - after the names they use
from .nn.compiled import compile  # noqa: E402, A004 - torch.compile (nothing is compiled)
from .ops.out_variants import add_out_keyword as _add_out_keyword  # noqa: E402
from .random import Generator, default_generator  # noqa: E402
from .serialization import load, save  # noqa: E402

_add_out_keyword(globals())  # torch.mul(a, b, out=z), … (after every name above exists)

# torch.special, torch.testing, torch.backends; more of torch.linalg and torch.cuda; the
# in-place function forms (relu_, …), constants (pi, inf, …) and other top-level names
from . import backends, special, testing  # noqa: E402
from . import namespace_more as _namespace_more  # noqa: E402

_namespace_more.install(globals())
# … and the in-place function forms (relu_, exp_, …) check their first argument too, and
# the functions it added take out= (torch.lgamma(x, out=z), …)
_add_out_keyword(globals())
from . import distributions  # noqa: E402

# PyTorch's TypeErrors for calls that do not fit a method (x.exp(1), x.mul()), and for
# arguments that must be ints (x.transpose(0.0, 1), torch.cat(ts, 'a'))
from .call_errors import pytorch_method_errors as _pytorch_method_errors  # noqa: E402
from .signature_parser import install as _check_signatures  # noqa: E402

_pytorch_method_errors(Tensor)

_check_signatures(globals(), Tensor)
# … and for the methods passed on to the kit's functions (x.fmax(), x.put('a'))
from .method_forms import install as _read_method_forms  # noqa: E402

_read_method_forms(Tensor)
from .functional_forms import install as _read_functional_forms  # noqa: E402

_read_functional_forms(nn.functional)
# … and the methods PyTorch writes in Python: Python's words, naming them Tensor.<name>
from .tensor_arguments import name_python_written as _name_python_written  # noqa: E402

_name_python_written(Tensor)
# … and the operators: NotImplemented for a TypeError (x += 'a'), and Python 2's names
from .operator_fallbacks import install as _operators_give_way  # noqa: E402

_operators_give_way(Tensor)
# … and the deprecated forms with the number first (p.add_(-lr, grad), torch.addmm(2, m, a, b))
from .deprecated_overloads import install as _take_deprecated_forms  # noqa: E402

_take_deprecated_forms(globals(), Tensor)
# … and the deprecated attributes (torch.has_cuda …), read only when no other name is found
from .deprecated_attributes import package_attribute as __getattr__  # noqa: E402
