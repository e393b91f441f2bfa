"""vmap, functional_call and stack_module_state: batches and modules for torch.func code.

``vmap`` in PyTorch runs a function once on a whole batch by rewriting every operation into
its batched form. The kit does the plain thing instead: a Python loop over the batch
dimension that calls the function on each slice, then stacks the answers. Same numbers,
much slower, and easy to follow. (So with ``randomness="different"`` each slice draws its own
random numbers, not PyTorch's; "same" and "error" behave as in PyTorch.) A custom Function
mapped itself, ``vmap(MyFunction.apply)``, runs its own vmap rule once (see function_rules).
What PyTorch cannot batch (``.item()``, ``if x > 0:``, ``nonzero``… of a batched tensor) the
kit refuses with PyTorch's errors, though its loop could run it (see
`transform_captures.refuse_batched_read`).
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator
from typing import Any

from .. import engine
from ..function_transforms import under_transform
from ..random import get_rng_state, set_rng_state
from ..tensor import Tensor
from ..transform_captures import vmap_level
from .function_rules import batch_at, own_vmap_rule, vmap_by_own_rule
from .trees import broadcast_to_leaves, spec_repr, tree_flatten, tree_unflatten

__all__ = ["debug_unwrap", "functional_call", "functionalize", "replace_all_batch_norm_modules_",
           "stack_module_state", "vmap"]


def _name(func: Callable[..., Any]) -> str:
    return getattr(func, "__name__", repr(func))


def vmap(func: Callable[..., Any], in_dims: Any = 0, out_dims: Any = 0,
         randomness: str = "error", *, chunk_size: int | None = None) -> Callable[..., Any]:
    """``vmap(f)(xs)`` is ``stack([f(x) for x in xs])``, with the batch dimension of each
    input chosen by ``in_dims`` (None: not batched, passed whole) and where it goes in each
    output by ``out_dims``. Arguments are checked in PyTorch's order, with its messages."""
    check_randomness(randomness)
    if not (chunk_size is None or chunk_size > 0):
        raise ValueError(f"vmap: chunk_size should be None or greater than 0. (got {chunk_size})")

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        _check_out_dims(func, out_dims)
        size, dims, leaves, spec = _batched_inputs(func, in_dims, args)
        if chunk_size is not None:  # PyTorch's chunk sizes, [chunk_size] * n: a float is
            _ = [chunk_size] * (size // chunk_size)  # its TypeError (the kit's loop runs
            # slice by slice whatever the chunks)
        function = own_vmap_rule(func)
        if function is not None:  # (vmap(MyFunction.apply): its own rule, on the batch)
            output, have = vmap_by_own_rule(function, args, kwargs, dims, size, randomness)
            return _unbatched_outputs(func, output, have, out_dims, size)
        results, slices = [], []
        start = get_rng_state()
        batched = [leaf for leaf, d in zip(leaves, dims) if d is not None]
        with under_transform("vmap"), vmap_level(batched, size) as reads:
            for i in range(max(size, 1)):  # (an empty batch: one call, on a slice of zeros,
                reads.begin_call()  # for the shapes of the outputs)
                sliced = [leaf if d is None else
                          leaf.select(d, i) if size else leaf.sum(d, dtype=leaf.dtype)
                          for leaf, d in zip(leaves, dims)]
                slices.append(sliced)
                keep = i < size - 1  # PyTorch runs func once on the whole batch, so a
                engine.vmap_keeps_graph += keep  # backward inside it walks the graph once:
                try:  # the kit's loop keeps the graph until its last slice
                    with random_calls(randomness, start):
                        results.append(func(*tree_unflatten(sliced, spec), **kwargs))
                finally:
                    engine.vmap_keeps_graph -= keep
            reads.check()  # (values read in Python: the same for every slice?)
        return _stack_results(func, results, out_dims, (leaves, dims, slices), size)

    return wrapper


def check_randomness(randomness: str) -> None:
    if randomness not in ("error", "different", "same"):
        raise RuntimeError("Only allowed values for randomness are 'error', 'different', or "
                           f"'same'. Got {randomness}")


@contextlib.contextmanager
def random_calls(mode: str, start: Tensor) -> Iterator[None]:
    """PyTorch's ``randomness`` for the kit's loop over slices: "same" gives every slice the
    random numbers the first one drew (the generator is put back to ``start`` before each);
    "error" refuses a function that draws any (the generator moved); "different" lets each
    slice draw its own."""
    if mode == "same":
        set_rng_state(start)
    state = get_rng_state()
    yield
    if mode == "error" and not bool((get_rng_state() == state).all()):
        set_rng_state(state)
        raise RuntimeError("vmap: called random operation while in randomness error mode. "
                           "Please either use the 'same' or 'different' randomness flags on "
                           "vmap or perform the randomness operation out of vmap")


def _check_out_dims(func: Callable[..., Any], out_dims: Any) -> None:
    for dim in tree_flatten(out_dims)[0]:
        if dim is not None and not isinstance(dim, int):
            raise ValueError(f"vmap({_name(func)}, ..., out_dims={out_dims}): `out_dims` must "
                             "be an int, None or a python collection of ints representing "
                             "where in the outputs the vmapped dimension should appear.")


def _batched_inputs(func: Callable[..., Any], in_dims: Any, args: tuple[Any, ...],
                    ) -> tuple[int, list[int | None], list[Any], Any]:
    """(batch size, the batch dimension of every leaf of ``args``, the leaves, their nest):
    PyTorch's ``_process_batched_inputs``."""
    where = f"vmap({_name(func)}, in_dims={in_dims}, ...)(<inputs>): "
    if not isinstance(in_dims, (int, tuple)):
        raise ValueError(f"{where}expected `in_dims` to be int or a (potentially nested) tuple "
                         f"matching the structure of inputs, got: {type(in_dims)}.")
    if not args:
        raise ValueError(f"vmap({_name(func)})(<inputs>): got no inputs. Maybe you forgot to "
                         "add inputs, or you are trying to vmap over a function with no "
                         "inputs. The latter is unsupported.")
    leaves, spec = tree_flatten(args)
    dims = broadcast_to_leaves(in_dims, spec)
    if dims is None:
        raise ValueError(f"{where}in_dims is not compatible with the structure of `inputs`. "
                         f"in_dims has structure {spec_repr(tree_flatten(in_dims)[1])} but "
                         f"inputs has structure {spec_repr(spec)}.")
    for i, (leaf, dim) in enumerate(zip(leaves, dims)):
        if dim is not None and not isinstance(dim, int):
            raise ValueError(f"{where}Got in_dim={dim} for an input but in_dim must be either "
                             "an integer dimension or None.")
        if dim is not None and not isinstance(leaf, Tensor):
            raise ValueError(f"{where}Got in_dim={dim} for an input but the input is of type "
                             f"{type(leaf)}. We cannot vmap over non-Tensor arguments, please "
                             "use None as the respective in_dim")
        if dim is not None and not -leaf.dim() <= dim < leaf.dim():
            raise ValueError(f"{where}Got in_dim={dim} for some input, but that input is a "
                             f"Tensor of dimensionality {leaf.dim()} so expected in_dim to "
                             f"satisfy -{leaf.dim()} <= in_dim < {leaf.dim()}.")
        if dim is not None:
            dims[i] = dim % leaf.dim()
    sizes = [leaf.shape[d] for leaf, d in zip(leaves, dims) if d is not None]
    if not sizes:
        raise ValueError("vmap: Expected at least one Tensor to vmap over")
    if len(set(sizes)) != 1:
        raise ValueError("vmap: Expected all tensors to have the same size in the mapped "
                         f"dimension, got sizes {sizes} for the mapped dimension")
    return sizes[0], dims, leaves, spec


def _stack_results(func: Callable[..., Any], results: list[Any], out_dims: Any,
                   inputs: tuple[list[Any], list[int | None], list[list[Any]]],
                   size: int) -> Any:
    """Each output stacked over the calls at its ``out_dims`` (PyTorch's ``_unwrap_batched``).
    ``inputs``: the leaves of the arguments, their batch dimensions, the slices of each call."""
    from ..ops import stack

    leaves, in_dims, slices = inputs
    batched = [leaf for leaf, d in zip(leaves, in_dims) if d is not None]
    outputs_per_call = [tree_flatten(r)[0] for r in results]
    dims, spec = _out_dims_per_leaf(func, results[0], out_dims)
    stacked = []
    for j, dim in enumerate(dims):
        column = [outputs[j] for outputs in outputs_per_call]
        _check_output(func, column[0], dim, dim is None and _varies(column, batched))
        if dim is None:
            stacked.append(column[0])
            continue
        given_back = _input_given_back(column, leaves, in_dims, slices)
        if given_back is not None and -given_back[0].dim() <= dim < given_back[0].dim():
            stacked.append(batch_at(*given_back, dim, size))  # (f returned its slice:
            # PyTorch hands back the input itself, its batch dimension moved where asked)
        else:
            stacked.append(stack(column, dim) if size else stack(column, dim).narrow(dim, 0, 0))
    return tree_unflatten(stacked, spec)


def _out_dims_per_leaf(func: Callable[..., Any], output: Any, out_dims: Any,
                       ) -> tuple[list[Any], Any]:
    """(where each leaf of ``output`` gets its batch dimension, the nest of ``output``)."""
    _, spec = tree_flatten(output)
    if isinstance(output, Tensor) and isinstance(out_dims, tuple) and len(out_dims) == 1:
        dims: list[Any] | None = list(out_dims)
    else:
        dims = broadcast_to_leaves(out_dims, spec)
    if dims is None:
        raise ValueError(f"vmap({_name(func)}, ..., out_dims={out_dims})(<inputs>): out_dims is "
                         "not compatible with the structure of `outputs`. out_dims has "
                         f"structure {spec_repr(tree_flatten(out_dims)[1])} but outputs has "
                         f"structure {spec_repr(spec)}.")
    return dims, spec


def _check_output(func: Callable[..., Any], value: Any, dim: int | None, batched: bool) -> None:
    """PyTorch's refusals of an output: batched where ``dim`` is None, or not a tensor."""
    if dim is None and batched:
        raise ValueError(f"vmap({_name(func)}, ...): `{_name(func)}` can not return a "
                         "BatchedTensor when out_dim is None")
    if dim is not None and not isinstance(value, Tensor):
        raise ValueError(f"vmap({_name(func)}, ...): `{_name(func)}` must only return "
                         f"Tensors, got type {type(value)}. Did you mean to set "
                         "out_dims= to None for output?")


def _unbatched_outputs(func: Callable[..., Any], output: Any, have: list[int | None],
                       out_dims: Any, size: int) -> Any:
    """The outputs of a custom Function's vmap rule (``have``: each leaf's batch dimension,
    None where not batched) with their batch dimensions where ``out_dims`` puts them."""
    dims, spec = _out_dims_per_leaf(func, output, out_dims)
    leaves = tree_flatten(output)[0]
    for leaf, had, dim in zip(leaves, have, dims):
        _check_output(func, leaf, dim, had is not None)
    return tree_unflatten([leaf if dim is None else batch_at(leaf, had, dim, size)
                           for leaf, had, dim in zip(leaves, have, dims)], spec)


def _input_given_back(column: list[Any], leaves: list[Any], in_dims: list[int | None],
                      slices: list[list[Any]]) -> tuple[Tensor, int] | None:
    """(input, its batch dimension) when every call returned its own slice of that input,
    its shape and strides unchanged (not after ``t_()`` or ``unsqueeze_()``: the answer is
    then stacked from the slices)."""
    for k, (leaf, d) in enumerate(zip(leaves, in_dims)):
        if d is None:
            continue
        sliced = [(*leaf.shape[:d], *leaf.shape[d + 1:]), leaf.stride()[:d] + leaf.stride()[d + 1:]]
        if all(out is call[k] and [tuple(out.shape), out.stride()] == sliced
               for out, call in zip(column, slices)):
            return leaf, d
    return None


def functionalize(func: Callable[..., Any], *, remove: str = "mutations") -> Callable[..., Any]:
    """PyTorch rewrites ``func`` without in-place operations (for compilers); what it
    computes stays the same, and that is all the kit's eager engine needs: ``func`` itself."""
    if remove not in ("mutations", "mutations_and_views"):
        raise RuntimeError(
            f"functionalize(f, remove='mutations'): received invalid argument for remove="
            f"{remove}. Valid options are:\n     remove='mutations': all inplace and out= "
            "operators will be removed from the program, and replaced with their out-of-place "
            "equivalents.\n     remove='mutations_and_views': In addition to the above, all "
            "aliasing operators {view} will be replaced with their non-aliasing counterparts, "
            "{view}_copy.\n")

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        return func(*args, **kwargs)

    return wrapper


def _varies(column: list[Any], batched: list[Tensor]) -> bool:
    """Whether an output is batched in PyTorch's sense: a view of a batched input, or
    different from one slice to the next (the kit has no batched tensors, so one computed
    from the batch but equal for every slice passes)."""
    first = column[0]
    if not isinstance(first, Tensor):
        return False
    roots = {id(_root(leaf)) for leaf in batched}
    if id(_root(first)) in roots:
        return True
    return any(not isinstance(t, Tensor) or t.shape != first.shape
               or not bool((t._data == first._data).all()) for t in column[1:])


def _root(t: Tensor) -> Tensor:
    return t._base if t._base is not None else t


# ---- modules as functions of their parameters -----------------------------------------------

def functional_call(module: Any, parameter_and_buffer_dicts: Any, args: Any = None,
                    kwargs: dict[str, Any] | None = None, *, tie_weights: bool = True,
                    strict: bool = False) -> Any:
    """Call ``module`` with some of its parameters and buffers replaced by the given tensors,
    then put the originals back: the module as a function of its parameters, which the
    transforms can differentiate (``grad(lambda p: loss(functional_call(model, p, x)))``).
    A tensor the module keeps under several names (tied weights) is replaced under all of
    them when ``tie_weights``."""
    from ..nn.utils.stateless import _functional_call

    return _functional_call(module, _one_dict(parameter_and_buffer_dicts), args, kwargs,
                            tie_weights=tie_weights, strict=strict)


def _one_dict(dicts: Any) -> dict[str, Any]:
    """The dict, or the dicts of a list or tuple merged (a name in two of them is
    ambiguous), with PyTorch's errors."""
    if isinstance(dicts, dict):
        return dicts
    if not isinstance(dicts, (list, tuple)):
        raise ValueError("Expected parameter_and_buffer_dicts to be a dict, or a list/tuple of "
                         f"dicts, but got {type(dicts)}")
    if not all(isinstance(d, dict) for d in dicts):
        raise ValueError("Expected all elements of parameter_and_buffer_dicts to be "
                         "dictionaries")
    names = [name for d in dicts for name in d]
    repeated = [name for name in dict.fromkeys(names) if names.count(name) > 1]
    if repeated:
        raise ValueError(f"{repeated} appeared in multiple dictionaries; behavior of "
                         "functional call is ambiguous")
    return {name: value for d in dicts for name, value in d.items()}


def stack_module_state(models: Any) -> tuple[dict[str, Tensor], dict[str, Tensor]]:
    """(params, buffers) of several models of the same class and mode, each stacked along a
    new first dimension: what ``vmap(functional_call ...)`` runs a model ensemble with. The
    stacked tensors are new leaves (requiring grad when the originals do)."""
    if len(models) == 0:
        raise RuntimeError("stack_module_state: Expected at least one model, got 0.")
    if len({m.training for m in models}) != 1:
        raise RuntimeError("stack_module_state: Expected all models to have the same "
                           "training/eval mode.")
    if any(type(m) is not type(models[0]) for m in models):
        raise RuntimeError("stack_module_state: Expected all models to be of the same class.")
    return (_stacked_leaves([dict(m.named_parameters()) for m in models]),
            _stacked_leaves([dict(m.named_buffers()) for m in models]))


def _stacked_leaves(dicts: list[dict[str, Tensor]]) -> dict[str, Tensor]:
    """Each name's tensors stacked into a new leaf, which requires grad if all of them do."""
    from ..ops import stack

    stacked = {}
    for name in dicts[0]:
        tensors = [d[name] for d in dicts]
        flags = {t.requires_grad for t in tensors}
        if len(flags) != 1:
            raise RuntimeError(f"Expected {name} from each model to have the same "
                               ".requires_grad")
        result = stack(tensors)
        stacked[name] = result.detach().requires_grad_() if True in flags else result
    return stacked


def replace_all_batch_norm_modules_(root: Any) -> Any:
    """Every batch norm of ``root`` (itself included) that tracks running statistics stops
    doing so, in place (running_mean, running_var and num_batches_tracked become None):
    under vmap each slice would update the same running statistics. Returns ``root``."""
    from ..nn.modules.batchnorm import _BatchNorm

    for module in root.modules():
        if isinstance(module, _BatchNorm) and module.track_running_stats:
            module.running_mean = module.running_var = module.num_batches_tracked = None
            module.track_running_stats = False
    return root


def debug_unwrap(tensor: Tensor, *, recurse: bool = True) -> Tensor:
    """PyTorch's transforms hand f wrapped tensors (batched, grad-tracking) and this unwraps
    them for a debugger; the kit's transforms hand f plain tensors: ``tensor`` itself."""
    return tensor
