"""``F.affine_grid`` and ``F.grid_sample``: sampling an image (or volume) at given points, as
spatial transformer networks do.

A grid holds, for every output place, a point (x, y[, z]) in [-1, 1]: -1 is the first pixel
and +1 the last (``align_corners=True``: their centres; ``False``: their outer edges).
``grid_sample`` reads the input there, mixing the 2ⁿ pixels around the point (``bilinear``,
trilinear on volumes), the 4 × 4 around it (``bicubic``) or taking the nearest one; points
outside read zeros, the border, or the image reflected (``padding_mode``). ``grid_sample``
is written with the kit's own operations (gathers, products, sums) and recorded as PyTorch's
one node (``GridSampler2DBackward0``) through `Composite`: its gradients are those
operations'. ``affine_grid`` is `AffineGridGenerator`, whose docstring gives its rule.
"""

from __future__ import annotations

import itertools
import warnings
from typing import Any

from ..creation import linspace
from ..function import Function
from ..ops import stack, where
from ..ops.operands import require_kernel_dtype
from ..tensor import Tensor
from .arguments import tensor_input
from .composite import Composite

_DEFAULT_CHANGED = ("Default grid_sample and affine_grid behavior has changed to "
                    "align_corners=False since 1.3.0. Please specify align_corners=True if the "
                    "old behavior is desired. See the documentation of grid_sample for details.")


# grid_sample's modes, numbered as PyTorch numbers them for its kernels
GRID_SAMPLE_INTERPOLATION_MODES = {"bilinear": 0, "nearest": 1, "bicubic": 2}
GRID_SAMPLE_PADDING_MODES = {"zeros": 0, "border": 1, "reflection": 2}


class AffineGridGenerator(Function):
    """grid[n, p] = θ[n] · base[p], base[p] = (x, y[, z], 1) at each output place p:

    ∂L/∂θ[n] = grad[n]ᵀ · base  (grad[n]: places × nd, base: places × (nd + 1)), computed
    as PyTorch's ``affine_grid_generator_backward`` does, bmm(baseᵀ, grad)ᵀ, with
    operations (``bmm``, ``transpose``),
    so that under create_graph its gradient is theirs and depends on the incoming gradient
    only: a second derivative in θ is none."""

    node_name = "AffineGridGeneratorBackward0"
    saved_tensor_names = ()
    saved_options = {"align_corners": None, "size": None}

    @staticmethod
    def forward(ctx: Any, theta: Tensor, size: tuple[int, ...], align_corners: bool) -> Any:
        nd = len(size) - 2
        like = theta.detach()
        spatial = size[2:]
        axes = [_base_line(n, align_corners, like).reshape(
            [-1 if i == j else 1 for i in range(nd)]).expand(tuple(spatial))
            for j, n in enumerate(spatial)]
        ctx.base = stack([*reversed(axes), like.new_ones(spatial)], -1).reshape(-1, nd + 1)
        ctx.size, ctx.align_corners = size, align_corners
        return (ctx.base @ like.transpose(1, 2)).reshape(size[0], *spatial, nd)._data

    @staticmethod
    def backward(ctx: Any, grad: Tensor) -> tuple[Any, None, None]:
        n, nd = ctx.size[0], len(ctx.size) - 2
        base = ctx.base.expand(n, *ctx.base.shape)
        grad_theta = base.transpose(1, 2).bmm(grad.reshape(n, -1, nd)).transpose(1, 2)
        return grad_theta, None, None


class GridSampler2DNode(Composite):
    """out[n, c, p] = Σ_corners w(grid[n, p]) · x[n, c, corner]:   ∂L/∂x adds grad · w at each
    corner;  ∂L/∂grid = Σ_corners x[corner] · ∂w/∂grid (the weights are linear in the point)."""

    node_name = "GridSampler2DBackward0"
    forward_ad_missing = "grid_sampler_2d"  # (PyTorch has no forward-mode formula)
    # what PyTorch's node shows: its two inputs, and the options as numbers (node.options:
    # input, grid, then the mode and padding numbers, align_corners)
    saved_tensor_names = ("input", "grid", None, None, None)
    saved_options = {"align_corners": lambda node: node.options[4],
                     "interpolation_mode": lambda node: node.options[2],
                     "padding_mode": lambda node: node.options[3]}


class GridSampler3DNode(GridSampler2DNode):
    """The same over (N, C, D, H, W) volumes (trilinear: 8 corners)."""

    node_name = "GridSampler3DBackward0"
    forward_ad_missing = "grid_sampler_3d"


def _base_line(n: int, align_corners: bool, like: Tensor) -> Tensor:
    """n points spread over [-1, 1] (centres of n pixels: scaled by (n - 1)/n unless
    ``align_corners``); one point: 0. Rounded as PyTorch's: ``linspace(-1, 1, n)`` in the
    grid's precision, then times (n - 1), then divided by n."""
    if n <= 1:
        return like.new_zeros(n)
    line = linspace(-1, 1, n, dtype=like.dtype, device=like.device)
    return line if align_corners else line * (n - 1) / n


def affine_grid(theta: Tensor, size: Any, align_corners: bool | None = None) -> Tensor:
    """The sampling grid (N, H, W, 2) (or (N, D, H, W, 3)) of the affine maps θ (N, 2, 3) (or
    (N, 3, 4)) for an output of ``size`` (N, C, H, W) (or (N, C, D, H, W))."""
    if align_corners is None:
        warnings.warn(_DEFAULT_CHANGED, stacklevel=2)
        align_corners = False
    if not theta.is_floating_point():
        raise ValueError(f"Expected theta to have floating point type, but got {theta.dtype}")
    size = tuple(size)
    if len(size) in (4, 5):
        nd = len(size) - 2
        if theta.dim() != 3 or tuple(theta.shape[-2:]) != (nd, nd + 1):
            kind = "2D affine matrices of shape Nx2x3" if nd == 2 else \
                "3D affine matrices of shape Nx3x4"
            raise ValueError(f"Expected a batch of {kind} for size {size}. Got "
                             f"{theta.shape}.")
    else:
        raise NotImplementedError(
            "affine_grid only supports 4D and 5D sizes, for 2D and 3D affine transforms, "
            f"respectively. Got size {size}.")
    spatial = size[2:]
    if align_corners and min(spatial) == 1:
        warnings.warn("Since version 1.3.0, affine_grid behavior has changed for unit-size "
                      "grids when align_corners=True. This is not an intended use case of "
                      "affine_grid. See the documentation of affine_grid for details.",
                      stacklevel=2)
    elif min(size) <= 0:
        raise ValueError(f"Expected non-zero, positive output size. Got {size}")
    if theta.shape[0] != size[0]:
        raise RuntimeError(f"Expected size for first two dimensions of batch2 tensor to be: "
                           f"[{size[0]}, {nd + 1}] but got: [{theta.shape[0]}, {nd + 1}].")
    return AffineGridGenerator.apply(theta, size, align_corners)


def _reflected(c: Tensor, twice_low: int, twice_high: int, size: int) -> Tensor:
    """c folded back and forth into [low, high] (a mirror at each end).

    The value is computed aside; the gradient is sign · grad (sign ±1: one flip for c below
    low, one for each odd fold), through (c - c.detach()) · sign, an exact 0 added to the
    value. Where the folded point is then clipped, PyTorch's multiplier is a plain +0 (no
    flip), so the sign is +1 there: a zero gradient keeps the sign of the one arriving."""
    if twice_low == twice_high:
        return c * 0
    low, span = twice_low / 2, (twice_high - twice_low) / 2
    shifted = c.detach() - low
    folded = shifted.abs()
    extra = folded.fmod(span)
    even = (folded / span).floor().fmod(2) == 0
    value = where(even, extra + low, span - extra + low)
    flipped = (shifted < 0) != ~even
    clipped = (value <= 0) | (value >= size - 1)
    sign = where(flipped & ~clipped, -1.0, 1.0).to(c.dtype)
    return (c - c.detach()) * sign + value


def _clipped(c: Tensor, size: int) -> Tensor:
    """c held in [0, size - 1]; its gradient 0 at and beyond the ends, as in PyTorch."""
    inside = ((c.detach() > 0) & (c.detach() < size - 1)).to(c.dtype)
    return c * inside + c.detach().clamp(0, size - 1) * (1 - inside)


def _unnormalized(c: Tensor, size: int, align_corners: bool) -> Tensor:
    """A grid coordinate in [-1, 1] as a pixel coordinate."""
    return (c + 1) / 2 * (size - 1) if align_corners else ((c + 1) * size - 1) / 2


def _padded(c: Tensor, size: int, padding_mode: str, align_corners: bool) -> Tensor:
    """A pixel coordinate with the padding mode applied (border: held at the ends;
    reflection: mirrored back in; zeros: as it is)."""
    if padding_mode == "border":
        return _clipped(c, size)
    if padding_mode == "reflection":
        twice = (0, 2 * (size - 1)) if align_corners else (-1, 2 * size - 1)
        return _clipped(_reflected(c, *twice, size), size)
    return c


def _cubic_weights(t: Tensor) -> list[Tensor]:
    """Keys' cubic kernel (a = -0.75) at distances 1 + t, t, 1 - t, 2 - t: the weights of
    the taps ⌊s⌋ - 1 … ⌊s⌋ + 2 (linear in nothing, so the grid's gradient flows through t)."""
    a = -0.75

    def near(x: Tensor) -> Tensor:
        return ((a + 2) * x - (a + 3)) * x * x + 1

    def far(x: Tensor) -> Tensor:
        return ((a * x - 5 * a) * x + 8 * a) * x - 4 * a

    return [far(t + 1), near(t), near(1 - t), far(2 - t)]


def _taps(at: Tensor, size: int, mode: str, padding_mode: str,
          align_corners: bool) -> list[tuple[Tensor, Tensor | None]]:
    """(place, weight) of the input places a pixel coordinate reads along one axis."""
    if mode == "bicubic":  # the padding applies to each tap, not to the point
        low = at.detach().floor()
        return [(_padded(low + k, size, padding_mode, align_corners).detach(), w)
                for k, w in zip((-1, 0, 1, 2), _cubic_weights(at - low))]
    at = _padded(at, size, padding_mode, align_corners)
    if mode == "nearest":
        return [(at.detach().round(), None)]
    low = at.detach().floor()
    t = at - low
    return [(low, 1 - t), (low + 1, t)]


def _sample(x: Tensor, grid: Tensor, mode: str, padding_mode: str,
            align_corners: bool) -> Tensor:
    """Σ over corners of weight · x[corner] (zero where a corner lies outside)."""
    n, c, spatial = x.shape[0], x.shape[1], tuple(x.shape[2:])
    nd = len(spatial)
    flat_x = x.flatten(2)
    points = grid.reshape(n, -1, nd)
    # coordinate along spatial dimension j: grid's last entry for the first dimension, …
    # (unbound, not indexed: the gradients are stacked back, keeping a -0 as PyTorch does)
    coords = points.unbind(-1)
    corners = [_taps(_unnormalized(coords[nd - 1 - j], size, align_corners), size, mode,
                     padding_mode, align_corners) for j, size in enumerate(spatial)]
    out = None
    for choice in itertools.product(*corners):
        index, valid, weight = 0, None, None
        for (i, w), size in zip(choice, spatial):
            inside = (i >= 0) & (i <= size - 1)
            valid = inside if valid is None else valid & inside
            index = index * size + i.clamp(0, size - 1).long()
            if w is not None:
                weight = w if weight is None else weight * w
        picked = flat_x.gather(2, index.unsqueeze(1).expand(n, c, index.shape[1]))
        picked = where(valid.unsqueeze(1), picked, 0.0)  # outside: +0, as PyTorch reads it
        term = picked if weight is None else picked * weight.unsqueeze(1)
        out = term if out is None else out + term
    return out.reshape(n, c, *grid.shape[1:-1])


def _size_text(t: Tensor) -> str:
    return "[" + ", ".join(map(str, t.shape)) + "]"


@tensor_input("grid_sampler")
def grid_sample(input: Tensor, grid: Tensor, mode: str = "bilinear",  # noqa: A002
                padding_mode: str = "zeros", align_corners: bool | None = None) -> Tensor:
    """out[n, c, i, j] = input[n, c] read at the point grid[n, i, j] = (x, y) in [-1, 1]
    (``bilinear``: the 4 pixels around it mixed by their nearness; ``nearest``: the nearest
    one; ``bicubic``: 16 pixels, Keys' cubic weights); 5-D inputs take (N, D, H, W, 3) grids
    (trilinear: 8 pixels)."""
    if mode not in ("bilinear", "nearest", "bicubic"):
        raise ValueError("nn.functional.grid_sample(): expected mode to be 'bilinear', "
                         f"'nearest' or 'bicubic', but got: '{mode}'")
    if padding_mode not in ("zeros", "border", "reflection"):
        raise ValueError("nn.functional.grid_sample(): expected padding_mode to be 'zeros', "
                         f"'border', or 'reflection', but got: '{padding_mode}'")
    if align_corners is None:  # (stacklevel 3: the learner's line, past tensor_input's)
        warnings.warn(_DEFAULT_CHANGED, stacklevel=3)
        align_corners = False
    nd = input.dim() - 2
    if grid.dim() != input.dim() or input.dim() not in (4, 5):
        raise RuntimeError(
            f"grid_sampler(): expected {input.dim()}D input and grid with same number of "
            f"dimensions, but got input with sizes {_size_text(input)} and grid with sizes "
            f"{_size_text(grid)}")
    if grid.shape[-1] != nd:
        raise RuntimeError(f"grid_sampler(): expected grid to have size {nd} in last "
                           f"dimension, but got grid with sizes {_size_text(grid)}")
    if grid.shape[0] != input.shape[0]:
        raise RuntimeError(
            "grid_sampler(): expected grid and input to have same batch size, but got input "
            f"with sizes {_size_text(input)} and grid with sizes {_size_text(grid)}")
    require_kernel_dtype("grid_sampler_2d_cpu_kernel_impl" if nd == 2 else "grid_sampler3d_cpu",
                         input)
    if grid.dtype != input.dtype:
        raise RuntimeError(f"expected scalar type {_scalar_name(input)} but found "
                           f"{_scalar_name(grid)}")
    if mode == "bicubic":
        if nd != 2:
            raise RuntimeError("grid_sampler(): bicubic interpolation only supports 4D input")
    node = GridSampler2DNode if nd == 2 else GridSampler3DNode

    def run(x: Tensor, grid: Tensor, *options: Any) -> Tensor:  # (options: for the node)
        return _sample(x, grid, mode, padding_mode, align_corners)

    return node.apply(run, input, grid, _MODES.index(mode), _PADDINGS.index(padding_mode),
                      align_corners)


_MODES = ("bilinear", "nearest", "bicubic")  # (PyTorch's numbers for them: their places)
_PADDINGS = ("zeros", "border", "reflection")


def _scalar_name(t: Tensor) -> str:
    """PyTorch's C++ name of a dtype (Float, Double, Half)."""
    return {"float32": "Float", "float64": "Double", "float16": "Half"}.get(
        str(t.dtype).rsplit(".", 1)[-1], str(t.dtype))


__all__ = ["affine_grid", "grid_sample"]
