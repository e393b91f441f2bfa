"""ATen's lower-level operators under their ``torch.*`` names, made from the kit's layers:
``native_layer_norm`` / ``native_batch_norm`` (the result with the statistics they save),
``native_dropout`` (the result with its mask), ``convolution`` (every conv and transposed
conv), the RNN cells ``lstm_cell`` / ``gru_cell`` / ``rnn_tanh_cell`` / ``rnn_relu_cell``,
``frobenius_norm``, ``nonzero_static``, ``empty_permuted``, and the thread and denormal
settings ``init_num_threads`` / ``set_flush_denormal``.
"""

from __future__ import annotations

import types
from typing import Any

from . import dtypes
from .function import Function
from .memory_overlap import _outside_the_kit
from .ops.normalization import layer_norm_statistics
from .ops.rounding import not_implemented
from .scalar_warning import triggered_at, warn_once_with
from .tensor import Tensor


def _functional() -> Any:
    from .nn import functional

    return functional


# ---- normalization with its saved statistics -----------------------------------------------

def _detached_stats(data: Any, axes: tuple[int, ...], eps: float) -> tuple[Tensor, Tensor]:
    """mean and 1/√(biased variance + ε) over ``axes``, kept as size-1 dims (no history)."""
    mean = data.mean(axis=axes, keepdims=True)
    variance = ((data - mean) ** 2).mean(axis=axes, keepdims=True)
    inverse = 1 / (variance + data.dtype.type(eps)) ** 0.5
    return Tensor._make(mean.astype(data.dtype)), Tensor._make(inverse.astype(data.dtype))


def native_layer_norm(input: Tensor, normalized_shape: Any, weight: Tensor | None,  # noqa: A002
                      bias: Tensor | None, eps: float) -> tuple[Tensor, Tensor, Tensor]:
    """(layer_norm(input), mean, rstd): the statistics over the normalized dims, kept as
    size-1 dims, without history."""
    out = _functional().layer_norm(input, normalized_shape, weight, bias, eps)
    count = len(normalized_shape) if isinstance(normalized_shape, (tuple, list)) else 1
    axes = tuple(range(input.dim() - count, input.dim()))
    exact = layer_norm_statistics(input._data, count, eps)
    if exact is not None:  # (PyTorch's float32 statistics, to the bit)
        return out, Tensor._make(exact[0]), Tensor._make(exact[1])
    mean, rstd = _detached_stats(input._data, axes, eps)
    return out, mean, rstd


def native_batch_norm(input: Tensor, weight: Tensor | None, bias: Tensor | None,  # noqa: A002
                      running_mean: Tensor | None, running_var: Tensor | None,
                      training: bool, momentum: float,
                      eps: float) -> tuple[Tensor, Tensor, Tensor]:
    """(batch_norm(input), save_mean, save_invstd): the batch's mean and 1/√(var + ε) per
    channel when training, else two empty tensors."""
    out = _functional().batch_norm(input, running_mean, running_var, weight, bias, training,
                                   momentum, eps)
    if not training:
        empty = Tensor._make(input._xp.zeros((0,), dtype=input._data.dtype))
        return out, empty, Tensor._make(empty._data.copy())
    axes = (0, *range(2, input.dim()))
    mean, invstd = _detached_stats(input._data, axes, eps)
    return out, mean.reshape(-1), invstd.reshape(-1)


# ---- dropout with its mask -------------------------------------------------------------------

class NativeDropout(Function):
    """(out, mask) = (x · m · s, m), m = 1 with probability 1 - p, s = 1/(1 - p)
    (0 for p = 1); not training: (a copy of x, all True)

    grad_x = grad · m · s   (the mask carries no gradient). As in PyTorch's formula, s is 1
    there unless ``train`` was given as True (``train=None`` drops out, unscaled backward).
    """

    node_name = "NativeDropoutBackward0"

    @staticmethod
    def forward(ctx: Any, x: Tensor, p: float, train: bool | None) -> Any:
        from . import backend, random

        data, xp = x._data, x._xp
        keep = 1.0 - p
        scale = 0.0 if keep == 0 else 1.0 / keep
        if train is None or train:
            with backend.on_device(x.device):
                mask = random.uniform(data.shape, x.device, dtype="float64") < keep
            out = (data * mask.astype(data.dtype)) * data.dtype.type(scale)
        else:
            mask, out, scale = xp.ones(data.shape, dtype=bool), data.copy(), 1.0
        ctx.mask, ctx.scale = Tensor._make(mask), scale if train is True else 1.0
        mask_t = Tensor._make(mask)
        ctx.mark_non_differentiable(mask_t)
        return out, mask_t

    @staticmethod
    def backward(ctx: Any, grad: Tensor, _: Any) -> tuple[Any, ...]:
        return grad * (ctx.mask.type_as(grad) * ctx.scale), None, None


def native_dropout(input: Tensor, p: float, train: bool | None) -> tuple[Tensor, Tensor]:  # noqa: A002
    """(the dropped-out input, the boolean mask of what was kept); ``train=None`` trains."""
    if not 0 <= p <= 1:
        raise RuntimeError(f"bernoulli_ expects p to be in [0, 1], but got p={1 - p:g}")
    if not input.is_floating_point():
        word = dtypes.scalar_type_word(input.dtype.name)
        raise RuntimeError(f"result type Float can't be cast to the desired output type {word}")
    return NativeDropout.apply(input, float(p), train)


# ---- convolution -------------------------------------------------------------------------------

def convolution(input: Tensor, weight: Tensor, bias: Tensor | None, stride: Any,  # noqa: A002
                padding: Any, dilation: Any, transposed: bool, output_padding: Any,
                groups: int) -> Tensor:
    """Any convolution, by the weight's number of dims (1-, 2- or 3-d), transposed or not
    (``ConvolutionBackward0``, as every conv layer records)."""
    functional = _functional()
    spatial = weight.dim() - 2
    if transposed:
        conv = getattr(functional, f"conv_transpose{spatial}d")
        return conv(input, weight, bias, stride, padding, output_padding, groups, dilation)
    return getattr(functional, f"conv{spatial}d")(input, weight, bias, stride, padding,
                                                  dilation, groups)


# ---- channel shuffle without a derivative ---------------------------------------------------

class NativeChannelShuffle(Function):
    """out = channel_shuffle(x, groups). PyTorch has no derivative for this operator: its
    node is ``NotImplemented``, and backward through it is an error."""

    node_name = "NotImplemented"
    aten_name = "native_channel_shuffle"

    @staticmethod
    def forward(ctx: Any, x: Tensor, groups: int) -> Any:
        return _functional().channel_shuffle(x.detach(), groups)._data

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> Any:
        raise RuntimeError("derivative for aten::native_channel_shuffle is not implemented")


not_implemented(NativeChannelShuffle)


def native_channel_shuffle(input: Tensor, groups: int) -> Tensor:  # noqa: A002
    """``channel_shuffle``'s values, without a derivative (see `NativeChannelShuffle`)."""
    return NativeChannelShuffle.apply(input, groups)


# ---- one step of a recurrent layer --------------------------------------------------------------

def _checked_step(input: Tensor, hiddens: tuple[Tensor, ...], w_ih: Tensor,  # noqa: A002
                  w_hh: Tensor, b_ih: Tensor | None) -> Tensor:
    """W_ih x + b_ih, after the cells' checks of the sizes (nn.RNNCellBase's)."""
    from .nn.rnn_cells import RNNCellBase

    RNNCellBase._check_step(types.SimpleNamespace(weight_ih=w_ih, weight_hh=w_hh),
                            input, *hiddens)
    return _functional().linear(input, w_ih, b_ih)


def lstm_cell(input: Tensor, hx: Any, w_ih: Tensor, w_hh: Tensor,  # noqa: A002
              b_ih: Tensor | None = None, b_hh: Tensor | None = None) -> tuple[Tensor, Tensor]:
    """(h', c'): c' = σ(f) c + σ(i) tanh(g), h' = σ(o) tanh(c') (``nn.LSTMCell``'s step)."""
    from .nn.rnn import _lstm_step

    if isinstance(hx, Tensor):
        raise TypeError("lstm_cell(): argument 'hx' (position 2) must be tuple of Tensors, "
                        "not Tensor")
    if len(hx) != 2:
        raise RuntimeError("lstm_cell expects two hidden states")
    gi = _checked_step(input, tuple(hx), w_ih, w_hh, b_ih)
    return _lstm_step(gi, hx[0], hx[1], w_hh, b_hh)


def gru_cell(input: Tensor, hx: Tensor, w_ih: Tensor, w_hh: Tensor,  # noqa: A002
             b_ih: Tensor | None = None, b_hh: Tensor | None = None) -> Tensor:
    """h' = (h - n) z + n (``nn.GRUCell``'s step)."""
    from .nn.rnn import _gru_step

    return _gru_step(_checked_step(input, (hx,), w_ih, w_hh, b_ih), hx, w_hh, b_hh)


def rnn_tanh_cell(input: Tensor, hx: Tensor, w_ih: Tensor, w_hh: Tensor,  # noqa: A002
                  b_ih: Tensor | None = None, b_hh: Tensor | None = None) -> Tensor:
    """h' = tanh(W_ih x + b_ih + W_hh h + b_hh)."""
    from .nn.rnn import _rnn_step

    return _rnn_step(_checked_step(input, (hx,), w_ih, w_hh, b_ih), hx, w_hh, b_hh)


def rnn_relu_cell(input: Tensor, hx: Tensor, w_ih: Tensor, w_hh: Tensor,  # noqa: A002
                  b_ih: Tensor | None = None, b_hh: Tensor | None = None) -> Tensor:
    """h' = relu(W_ih x + b_ih + W_hh h + b_hh)."""
    from .nn.rnn import _rnn_step

    gi = _checked_step(input, (hx,), w_ih, w_hh, b_ih)
    return _rnn_step(gi, hx, w_hh, b_hh, relu=True)


# ---- more ------------------------------------------------------------------------------------

FROBENIUS_DEPRECATION = triggered_at(
    "at::frobenius_norm is deprecated and it is just left for JIT compatibility. It will be "
    "removed in a future PyTorch release. Please use `linalg.vector_norm(A, 2., dim, keepdim)` "
    "instead", "aten/src/ATen/native/LinearAlgebra.cpp:3175")


def frobenius_norm(input: Tensor, dim: Any, keepdim: bool = False) -> Tensor:  # noqa: A002
    """√(Σ x²) over at most two dims (deprecated: ``linalg.vector_norm(x, 2, dim)``)."""
    from .ops.reductions import NormOverDims

    warn_once_with(FROBENIUS_DEPRECATION, stacklevel=_outside_the_kit())
    dims = (dim,) if isinstance(dim, int) else tuple(dim)
    if len(dims) > 2:
        raise RuntimeError(f"Expected at most 2 dimensions, but got {len(dims)} dimensions "
                           "instead.")
    if not input.is_floating_point():
        raise RuntimeError("norm(): input dtype should be either floating point or complex. "
                           f"Got {dtypes.scalar_type_word(input.dtype.name)} instead.")
    return NormOverDims.apply(input, 2, dims or None, keepdim)


def nonzero_static(input: Tensor, *, size: int, fill_value: int = -1) -> Tensor:  # noqa: A002
    """``input.nonzero_static(size=…)``."""
    return input.nonzero_static(size=size, fill_value=fill_value)


def empty_permuted(size: Any, physical_layout: Any, **options: Any) -> Tensor:
    """An uninitialized tensor of ``size`` laid out in memory in the order of
    ``physical_layout`` (outermost dim first): ``empty_permuted((2, 3, 4), (0, 2, 1))`` has
    strides (12, 1, 3)."""
    from .creation import empty_strided

    size, layout = tuple(size), tuple(physical_layout)
    if len(size) != len(layout):
        raise RuntimeError("Number of dimensions in size does not match the length of the "
                           f"physical_layout; i.e. len(size) = {len(size)} is not equal to "
                           f"len(physical_layout) = {len(layout)}")
    seen: set[int] = set()
    for index, dim in enumerate(layout):
        if not 0 <= dim < len(size):
            raise RuntimeError(f"Dimension out of range (expected to be between 0 and "
                               f"{len(size) - 1}, but got {dim} at index {index}).  NB: "
                               "negative dims not currently supported; file an issue if you "
                               "want it.")
        if dim in seen:
            raise RuntimeError("Duplicate dim not allowed")
        seen.add(dim)
    strides = [0] * len(size)
    step = 1
    for dim in reversed(layout):
        strides[dim] = step
        step *= max(size[dim], 1)
    return empty_strided(size, tuple(strides), **options)


def init_num_threads() -> None:
    """Set up the threads of parallel CPU work (NumPy's BLAS has its own: nothing to do)."""


def set_flush_denormal(mode: bool) -> bool:
    """Whether subnormal floats are flushed to zero on the CPU: NumPy cannot be told to, so
    this answers False (as PyTorch does on a CPU without the feature) and changes nothing."""
    if not isinstance(mode, bool):
        raise RuntimeError(f"flush_denormal expects a bool, but got {type(mode).__name__}")
    return False


FUNCTIONS = {
    "native_layer_norm": native_layer_norm, "native_batch_norm": native_batch_norm,
    "native_dropout": native_dropout, "convolution": convolution, "lstm_cell": lstm_cell,
    "gru_cell": gru_cell, "rnn_tanh_cell": rnn_tanh_cell, "rnn_relu_cell": rnn_relu_cell,
    "frobenius_norm": frobenius_norm, "nonzero_static": nonzero_static,
    "empty_permuted": empty_permuted, "init_num_threads": init_num_threads,
    "set_flush_denormal": set_flush_denormal, "native_channel_shuffle": native_channel_shuffle,
}
# (embedding_bag, below, is added to FUNCTIONS there)

# PyTorch's forms, for its parser's TypeErrors
FORMS: dict[str, tuple[str, ...]] = {
    "native_dropout": ("Tensor input, float p, bool? train",),
    "native_channel_shuffle": ("Tensor input, int groups",),
    "frobenius_norm": ("Tensor input, int[1] dim, bool keepdim = False, *, "
                       "Tensor out = None",),
    "nonzero_static": ("Tensor input, *, int size, int fill_value = -1, Tensor out = None",),
}
# the functions whose first argument is not a tensor
NOT_TENSOR_FIRST = ("empty_permuted", "init_num_threads", "set_flush_denormal")


# ---- embedding_bag with its bookkeeping ----------------------------------------------------

EMBEDDING_BAG_MODES = ("sum", "mean", "max")


def embedding_bag(weight: Tensor, indices: Tensor, offsets: Tensor,
                  scale_grad_by_freq: bool = False, mode: int = 0, sparse: bool = False,
                  per_sample_weights: Tensor | None = None, include_last_offset: bool = False,
                  padding_idx: int | None = None) -> tuple[Tensor, Tensor, Tensor, Tensor]:
    """(output, offset2bag, bag_size, max_indices): ``nn.functional.embedding_bag``'s output
    (mode 0 sum, 1 mean, 2 max), the bag of each index (empty on the plain sum's fast path),
    each bag's number of counted indices (zeros for a sum) and, for max, the row each
    maximum came from (else the bag sizes again)."""
    from .nn.functional_extra import _bags

    for name, tensor_, dims in (("input", indices, (1, 2)), ("offsets", offsets, (1,)),
                                ("weight", weight, (2,))):  # (ATen's checks, in its order)
        if tensor_.dim() not in dims:
            raise RuntimeError(f"{name} has to be a {' or '.join(f'{d}D' for d in dims)} "
                               f"Tensor, but got Tensor of dimension {tensor_.dim()}")
    # (a padding_idx given, even -1, counts from the end, as ATen's operator reads it)
    padding = None if padding_idx is None else padding_idx % weight.shape[0]
    output = _functional().embedding_bag(
        indices, weight, offsets, scale_grad_by_freq=scale_grad_by_freq,
        mode=EMBEDDING_BAG_MODES[mode], sparse=sparse, per_sample_weights=per_sample_weights,
        include_last_offset=include_last_offset, padding_idx=padding)
    xp, ids = weight._xp, indices.reshape(-1)._data
    bags = _bags(indices, offsets, include_last_offset)
    fast_sum = mode == 0 and per_sample_weights is None and padding is None
    bag_of = xp.zeros(0 if fast_sum else ids.shape[0], dtype="int64")
    counts = xp.zeros(len(bags), dtype="int64")
    for b, members in enumerate(bags):
        if not fast_sum:
            bag_of[list(members)] = b
        if mode != 0:
            counts[b] = sum(1 for i in members if ids[i] != padding)
    if mode == 2:
        rows = weight._data[ids]
        best = xp.zeros((len(bags), weight.shape[1]), dtype="int64")
        for b, members in enumerate(bags):
            kept = [i for i in members if ids[i] != padding]
            if kept:
                best[b] = ids[kept][rows[kept].argmax(axis=0)]
    else:
        best = counts.copy()
    return output, Tensor._make(bag_of), Tensor._make(counts), Tensor._make(best)


FUNCTIONS["embedding_bag"] = embedding_bag
FORMS["embedding_bag"] = (
    "Tensor weight, Tensor indices, Tensor offsets, bool scale_grad_by_freq = False, "
    "int mode = 0, bool sparse = False, Tensor per_sample_weights = None, "
    "bool include_last_offset = False, int padding_idx = None",)
# (ATen's underscored form: the same operator)
FUNCTIONS["_embedding_bag"], FORMS["_embedding_bag"] = embedding_bag, FORMS["embedding_bag"]
