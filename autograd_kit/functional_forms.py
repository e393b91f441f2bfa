"""PyTorch's argument-parser forms of the torch.nn.functional functions that PyTorch builds in
(``F.conv2d``, ``F.gelu``, ``F.avg_pool2d``, …): a call of the kit's that fails is read against
them, so ``F.conv2d()`` or ``F.gelu(x, 'a')`` gets PyTorch's TypeError (``gelu() missing 1
required positional arguments: "input"``) rather than Python's words for the kit's function.

The forms are PyTorch 2.13's (native_functions.yaml through torchgen, in the order its listings
show), under the name PyTorch's error gives (``F.logsigmoid`` is its ``log_sigmoid``).
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from typing import Any

from .method_forms import refusal

# name in torch.nn.functional: (the name PyTorch's errors give, its forms); F.linear is not
# here: it has PyTorch's words already (call_errors.fits_pytorch_call), and it runs in every
# nn.Linear, where one more wrapper is one more Python call
FORMS: dict[str, tuple[str, tuple[str, ...]]] = {
    "adaptive_avg_pool1d": ("adaptive_avg_pool1d", (
        "Tensor input, int[1] output_size",
    )),
    "avg_pool1d": ("avg_pool1d", (
        "Tensor input, int[1] kernel_size, int[1] stride = None, "
        "int[1] padding = 0, bool ceil_mode = False, "
        "bool count_include_pad = True",
    )),
    "avg_pool2d": ("avg_pool2d", (
        "Tensor input, int[2] kernel_size, int[2] stride = None, "
        "int[2] padding = 0, bool ceil_mode = False, "
        "bool count_include_pad = True, int? divisor_override = None, *, "
        "Tensor out = None",
    )),
    "avg_pool3d": ("avg_pool3d", (
        "Tensor input, int[3] kernel_size, int[3] stride = None, "
        "int[3] padding = 0, bool ceil_mode = False, "
        "bool count_include_pad = True, int? divisor_override = None, *, "
        "Tensor out = None",
    )),
    "bilinear": ("bilinear", (
        "Tensor input1, Tensor input2, Tensor weight, Tensor? bias = None",
    )),
    "celu_": ("celu_", (
        "Tensor input, Number alpha = 1.0",
    )),
    "channel_shuffle": ("channel_shuffle", (
        "Tensor input, SymInt groups",
    )),
    "conv1d": ("conv1d", (
        "Tensor input, Tensor weight, Tensor? bias = None, int[1] stride = 1, "
        "int[1] padding = 0, int[1] dilation = 1, SymInt groups = 1",
        "Tensor input, Tensor weight, Tensor? bias = None, int[1] stride = 1, "
        "str padding = \"valid\", int[1] dilation = 1, SymInt groups = 1",
    )),
    "conv2d": ("conv2d", (
        "Tensor input, Tensor weight, Tensor? bias = None, int[2] stride = 1, "
        "int[2] padding = 0, int[2] dilation = 1, SymInt groups = 1",
        "Tensor input, Tensor weight, Tensor? bias = None, int[2] stride = 1, "
        "str padding = \"valid\", int[2] dilation = 1, SymInt groups = 1",
    )),
    "conv3d": ("conv3d", (
        "Tensor input, Tensor weight, Tensor? bias = None, int[3] stride = 1, "
        "int[3] padding = 0, int[3] dilation = 1, SymInt groups = 1",
        "Tensor input, Tensor weight, Tensor? bias = None, int[3] stride = 1, "
        "str padding = \"valid\", int[3] dilation = 1, SymInt groups = 1",
    )),
    "conv_transpose1d": ("conv_transpose1d", (
        "Tensor input, Tensor weight, Tensor? bias = None, int[1] stride = 1, "
        "int[1] padding = 0, int[1] output_padding = 0, SymInt groups = 1, "
        "int[1] dilation = 1",
    )),
    "conv_transpose2d": ("conv_transpose2d", (
        "Tensor input, Tensor weight, Tensor? bias = None, int[2] stride = 1, "
        "int[2] padding = 0, int[2] output_padding = 0, SymInt groups = 1, "
        "int[2] dilation = 1",
    )),
    "conv_transpose3d": ("conv_transpose3d", (
        "Tensor input, Tensor weight, Tensor? bias = None, int[3] stride = 1, "
        "int[3] padding = 0, int[3] output_padding = 0, SymInt groups = 1, "
        "int[3] dilation = 1",
    )),
    "cosine_similarity": ("cosine_similarity", (
        "Tensor x1, Tensor x2, int dim = 1, float eps = 1e-08",
    )),
    "elu_": ("elu_", (
        "Tensor input, Number alpha = 1, Number scale = 1, "
        "Number input_scale = 1",
    )),
    "gelu": ("gelu", (
        "Tensor input, *, str approximate = \"none\", Tensor out = None",
    )),
    "hardshrink": ("hardshrink", (
        "Tensor input, Number lambd = 0.5, *, Tensor out = None",
    )),
    "hardtanh_": ("hardtanh_", (
        "Tensor input, Number min_val = -1, Number max_val = 1",
    )),
    "leaky_relu_": ("leaky_relu_", (
        "Tensor input, Number negative_slope = 0.01",
    )),
    "logsigmoid": ("log_sigmoid", (
        "Tensor input, *, Tensor out = None",
    )),
    "native_channel_shuffle": ("native_channel_shuffle", (
        "Tensor input, SymInt groups",
    )),
    "one_hot": ("one_hot", (
        "Tensor input, int num_classes = -1",
    )),
    "pairwise_distance": ("pairwise_distance", (
        "Tensor x1, Tensor x2, float p = 2, float eps = 1e-06, "
        "bool keepdim = False",
    )),
    "pdist": ("pdist", (
        "Tensor input, float p = 2",
    )),
    "pixel_shuffle": ("pixel_shuffle", (
        "Tensor input, int upscale_factor",
    )),
    "pixel_unshuffle": ("pixel_unshuffle", (
        "Tensor input, int downscale_factor",
    )),
    "prelu": ("prelu", (
        "Tensor input, Tensor weight",
    )),
    "relu_": ("relu_", (
        "Tensor input",
    )),
    "rrelu_": ("rrelu_", (
        "Tensor input, Number lower = 0.125, Number upper = 0.3333333333333333, "
        "bool training = False, torch.Generator? generator = None",
    )),
    "scaled_dot_product_attention": ("scaled_dot_product_attention", (
        "Tensor query, Tensor key, Tensor value, Tensor? attn_mask = None, "
        "float dropout_p = 0.0, bool is_causal = False, *, float? scale = None, "
        "bool enable_gqa = False",
    )),
    "selu_": ("selu_", (
        "Tensor input",
    )),
    "softplus": ("softplus", (
        "Tensor input, Number beta = 1, Number threshold = 20, *, "
        "Tensor out = None",
    )),
    "softshrink": ("softshrink", (
        "Tensor input, Number lambd = 0.5, *, Tensor out = None",
    )),
    "threshold_": ("threshold_", (
        "Tensor input, Number threshold, Number value",
    )),
}


# ... and the losses PyTorch writes in Python that pass their target on to a built-in op by
# position, which refuses one that is no tensor (F.kl_div(x, [1., 2.]): "kl_div(): argument
# 'target' (position 2) must be Tensor, not list", however the target was given)
TENSOR_TARGET = ("kl_div", "hinge_embedding_loss", "multi_margin_loss", "multilabel_margin_loss",
                 "poisson_nll_loss", "soft_margin_loss")


def target_checked(function: Callable[..., Any], name: str) -> Callable[..., Any]:
    """``function`` (the loss ``name``) refusing a target that is no tensor, as PyTorch's op,
    where PyTorch's op would read it: after the loss's own checks (a ValueError for
    ``reduction='bogus'`` or ``p=3`` comes first) and after the input (an input that is no
    tensor is named first, as the kit already does, and a call that does not fit the
    function's arguments gets Python's words)."""
    from .tensor_arguments import _is_tensor, _type_name

    signature = inspect.signature(function)

    def refused(args: tuple[Any, ...], kwargs: dict[str, Any]) -> TypeError | None:
        given = args[:1] if args else [kwargs.get("input", _NOT_GIVEN)]
        target = args[1] if len(args) > 1 else kwargs.get("target", _NOT_GIVEN)
        if (target is _NOT_GIVEN or _is_tensor(target)
                or not all(_is_tensor(value) for value in given)):
            return None
        try:
            signature.bind(*args, **kwargs)
        except TypeError:  # (Python's words come first: kl_div(x, 'a', p=3))
            return None
        return TypeError(f"{name}(): argument 'target' (position 2) must be Tensor, not "
                         f"{_type_name(target)}")

    @functools.wraps(function)
    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            result = function(*args, **kwargs)
        except ValueError:
            raise
        except Exception:
            error = refused(args, kwargs)
            if error is None:
                raise
            raise error from None
        error = refused(args, kwargs)  # (poisson_nll_loss reads a number as a target)
        if error is not None:
            raise error
        return result

    return call


_NOT_GIVEN = object()


def parsed_on_failure(function: Callable[..., Any], shown: str,
                      forms: tuple[str, ...]) -> Callable[..., Any]:
    """``function`` with PyTorch's TypeError (as ``shown`` names it) for a call that fits none
    of ``forms``, read only once the call has failed."""
    @functools.wraps(function)
    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except Exception:
            refused = refusal(shown, forms, args, kwargs, counting_out=True)
            if refused is None:
                raise
            raise refused from None

    return call


def install(functional: Any) -> None:
    """Give the functions above in ``functional`` (the kit's nn.functional) PyTorch's errors."""
    for name, (shown, forms) in FORMS.items():
        function = getattr(functional, name, None)
        if function is not None:
            setattr(functional, name, parsed_on_failure(function, shown, forms))
    for name in TENSOR_TARGET:
        setattr(functional, name, target_checked(getattr(functional, name), name))
