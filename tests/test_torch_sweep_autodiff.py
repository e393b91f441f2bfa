"""Every function the kit shares with PyTorch, found automatically, against PyTorch (skipped
without PyTorch): forward values, first derivatives, second derivatives and grad_fn names.

For each name in both ``torch`` and ``autograd_kit`` (top-level functions, Tensor methods and
``nn.functional``), every one of a few call patterns that PyTorch accepts (one tensor, a
positive one, two or three tensors, broadcasting, a dim, keepdim, 0-dim, …) is run in both
libraries on the same float64 values. Then:

- the outputs must agree;
- d(sum(w * out))/d(inputs) must agree (w a fixed ramp, so each element counts differently);
- the derivative of sum(g * g) over those gradients g must agree: a second derivative, or the
  same "not used" (None) answer when the first derivative does not depend on the inputs;
- the output's grad_fn must have PyTorch's name.

New functions are picked up without touching this file, so a rule added with a wrong
derivative fails here.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")

# ---- what is not compared, and why ----------------------------------------------------------

NOT_FUNCTIONS = {  # state, random numbers, constructors, modes: not functions of a tensor
    "manual_seed", "seed", "initial_seed", "set_default_dtype", "get_default_dtype",
    "set_default_device", "get_default_device", "set_printoptions", "no_grad", "enable_grad",
    "set_grad_enabled", "inference_mode", "is_grad_enabled", "is_inference_mode_enabled",
    "set_anomaly_enabled", "is_anomaly_enabled", "load", "save", "from_numpy", "tensor",
    "as_tensor", "is_tensor", "compile", "empty", "empty_like", "empty_strided", "rand",
    "rand_like", "randn", "randn_like", "randint", "randint_like", "randperm", "bernoulli",
    "multinomial", "normal", "poisson", "dropout", "feature_dropout", "alpha_dropout",
    "feature_alpha_dropout", "dropout1d", "dropout2d", "dropout3d", "rrelu", "gumbel_softmax",
    "use_deterministic_algorithms", "set_num_threads", "get_num_threads", "get_rng_state",
    "set_rng_state", "Generator", "device", "dtype", "Size", "Tensor", "typename",
    "is_storage", "autocast", "DoubleTensor", "FloatTensor", "LongTensor", "IntTensor",
    "BoolTensor", "HalfTensor", "ByteTensor", "CharTensor", "ShortTensor", "BFloat16Tensor",
    # Tensor methods about the object rather than its values
    "backward", "register_hook", "register_post_accumulate_grad_hook", "retain_grad",
    "requires_grad_", "detach", "numpy", "tolist", "item", "new_tensor", "cuda", "cpu", "to",
    "type", "data_ptr", "storage_offset", "element_size", "dim", "numel", "size", "stride",
    "share_memory_", "pin_memory", "apply_", "map_", "uniform_", "normal_", "random_",
    "exponential_", "new_empty", "new_empty_strided",
}

# Known differences, by (where, name, call pattern or None for every one), each with its reason
# (a test below checks that each still differs, so a fixed one is taken off the list).
# (x.hsplit(1, True), read by PyTorch as indices (1, True), was one until round 27)
KNOWN: dict[tuple[str, str, int | None], str] = {}

CALLS = [  # (how many tensors, positive values, shapes, extra arguments)
    (1, False, [(3, 4)], ()),
    (1, True, [(3, 4)], ()),
    (2, False, [(3, 4), (3, 4)], ()),
    (2, False, [(3, 1), (4,)], ()),
    (1, False, [(3, 4)], (1,)),
    (1, False, [(3, 4)], (0,)),
    (1, False, [(2, 3, 4)], (-1,)),
    (3, False, [(3, 4), (3, 4), (3, 4)], ()),
    (2, True, [(3, 4), (3, 4)], ()),
    (1, False, [(2, 3, 4)], (1, True)),
    (1, True, [(2, 3, 4)], (2,)),
    (2, False, [(4, 3), (3, 2)], ()),
    (3, True, [(3, 4), (3, 4), (3, 4)], ()),
    (1, False, [(4,)], ()),
    (1, False, [()], ()),
]


def _inputs(seed: int, count: int, positive: bool, shapes: list) -> list[np.ndarray]:
    """``count`` arrays of those shapes, each with its own values."""
    arrays = []
    for i, shape in enumerate(shapes[:count]):
        values = np.random.default_rng(10 * seed + i).standard_normal(shape)
        arrays.append(np.abs(values) + 0.5 if positive else values)
    return arrays


def _call(lib: Any, where: str, name: str, args: list[Any], extra: tuple) -> Any:
    if where == "method":
        return getattr(args[0], name)(*args[1:], *extra)
    module = {"function": lib, "functional": lib.nn.functional}[where]
    return getattr(module, name)(*args, *extra)


def _to_numpy(t: Any) -> np.ndarray | None:
    return None if t is None else t.detach().numpy()


def _derivatives(lib: Any, where: str, name: str, arrays: list[np.ndarray],
                 extra: tuple) -> tuple | None:
    """(output, first derivatives, second derivatives, grad_fn name), or None when the call
    gives no differentiable float output."""
    dtype = lib.float64
    args = [lib.tensor(a.copy(), dtype=dtype, requires_grad=True) for a in arrays]
    out = _call(lib, where, name, args, extra)
    if isinstance(out, (tuple, list)):
        out = out[0]
    if not hasattr(out, "grad_fn") or not out.dtype.is_floating_point or not out.requires_grad:
        return None
    ramp = np.linspace(-1, 1, out.numel()).reshape(tuple(out.shape))
    weighted = (out * lib.tensor(ramp, dtype=dtype)).sum()
    firsts = lib.autograd.grad(weighted, args, create_graph=True, allow_unused=True)
    squares = [(g * g).sum() for g in firsts if g is not None and g.requires_grad]
    seconds = None
    if squares:
        seconds = lib.autograd.grad(sum(squares[1:], squares[0]), args, allow_unused=True)
        seconds = [_to_numpy(g) for g in seconds]
    node = type(out.grad_fn).__name__ if out.grad_fn is not None else None
    return _to_numpy(out), [_to_numpy(g) for g in firsts], seconds, node


def _same(a: np.ndarray | None, b: np.ndarray | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return a.shape == b.shape and np.allclose(a, b, rtol=1e-6, atol=1e-8, equal_nan=True)


def _same_list(a: list | None, b: list | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))


def accepted(where: str, name: str) -> list[tuple[int, tuple, list[np.ndarray]]]:
    """The call patterns PyTorch accepts for this name: (index, PyTorch's answer, inputs)."""
    calls = []
    for index, (count, positive, shapes, extra) in enumerate(CALLS):
        arrays = _inputs(index, count, positive, shapes)
        try:
            expected = _derivatives(torch, where, name, arrays, extra)
        except Exception:  # noqa: BLE001 (PyTorch refuses this call pattern)
            continue
        if expected is not None:
            calls.append((index, expected, arrays))
    return calls


def compare(where: str, name: str) -> dict[int, str]:
    """What differs from PyTorch, for each call pattern PyTorch accepts (empty: nothing)."""
    differences = {}
    for index, expected, arrays in accepted(where, name):
        try:
            got = _derivatives(ak, where, name, arrays, CALLS[index][3])
        except Exception as error:  # noqa: BLE001
            differences[index] = f"kit raised {type(error).__name__}: {error}"
            continue
        if got is None:
            differences[index] = "the kit's output is not differentiable"
            continue
        problems = [what for what, same in (
            ("values", _same(expected[0], got[0])),
            ("first derivatives", _same_list(expected[1], got[1])),
            ("second derivatives", _same_list(expected[2], got[2])),
            (f"grad_fn {got[3]} (PyTorch: {expected[3]})", expected[3] == got[3]),
        ) if not same]
        if problems:
            differences[index] = ", ".join(problems)
    return differences


def _shared_names(where: str) -> list[str]:
    kit, ref = {
        "function": (ak, torch),
        "method": (ak.Tensor, torch.Tensor),
        "functional": (ak.nn.functional, torch.nn.functional),
    }[where]
    names = set(dir(kit)) & set(dir(ref))
    return sorted(n for n in names if not n.startswith("_") and n not in NOT_FUNCTIONS
                  and not (where == "method" and n.endswith("_"))
                  and callable(getattr(ref, n, None)))


@pytest.mark.parametrize("where", ["function", "method", "functional"])
def test_shared_functions_match_pytorch(where: str) -> None:
    differences = {}
    for name in _shared_names(where):
        for index, problem in compare(where, name).items():
            if (where, name, index) not in KNOWN and (where, name, None) not in KNOWN:
                differences[f"{name} {CALLS[index]}"] = problem
    assert differences == {}


@pytest.mark.parametrize("where, name, index", sorted(KNOWN, key=str))
def test_known_differences_still_differ(where: str, name: str, index: int | None) -> None:
    """Each listed difference is real (when it is fixed, take it off the list)."""
    differences = compare(where, name)
    assert (index in differences) if index is not None else differences, KNOWN[where, name, index]


def test_the_sweep_compares_many_calls() -> None:
    """Enough calls are shared (and accepted by PyTorch) that the sweep means something."""
    counted = sum(len(accepted(where, name)) for where in ("function", "method", "functional")
                  for name in _shared_names(where))
    assert counted >= 1200


def test_the_comparison_can_fail() -> None:
    """A wrong derivative is caught: a kit function swapped for another fails the check."""
    original = ak.sin
    try:
        ak.sin = ak.cos
        assert compare("function", "sin")
    finally:
        ak.sin = original
