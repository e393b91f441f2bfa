"""Parity with PyTorch for what a learner writes, mistakes included: the printed output, the
error (type and message) and the warnings (category and message) of each snippet, run once
with PyTorch and once with the kit."""

from __future__ import annotations

import contextlib
import io
import re
import subprocess
import sys
import warnings
from typing import Any

import numpy
import pytest

import autograd_kit as ak
from autograd_kit import scalar_warning

torch = pytest.importorskip("torch")


def _run(lib: Any, code: str) -> str:
    """What ``code`` prints, the error it ends with and the warnings it gives, with ``torch``,
    ``nn``, ``F`` and ``optim`` read as ``lib``'s (each run starts as a new process would)."""
    lib.manual_seed(0)
    scalar_warning.forget()
    scope = {"torch": lib, "nn": lib.nn, "F": lib.nn.functional, "optim": lib.optim,
             "np": numpy}
    printed = io.StringIO()
    with warnings.catch_warnings(record=True) as given, contextlib.redirect_stdout(printed):
        warnings.simplefilter("always")
        try:
            exec(code, scope)
        except Exception as error:  # noqa: BLE001 (the error is part of what is compared)
            print(f"{type(error).__name__}: {error}")
    internal = r" [(]Triggered internally at .*[)]"  # where in PyTorch's C++ it warned
    text = printed.getvalue() + "".join(
        f"\n{w.category.__name__}: {re.sub(internal, '', str(w.message))}" for w in given)
    return re.sub(r"0x[0-9a-f]+", "0x?", text.replace("torch", "autograd_kit"))


def _in_new_process(code: str) -> str:
    """`_run` with PyTorch in a new Python process (PyTorch's warn-once state is its own)."""
    program = (f"import sys; sys.path.insert(0, {__file__.rsplit('/', 1)[0]!r})\n"
               "import torch, test_parity_hunt_learner16 as t\n"
               f"print(t._run(torch, {code!r}), end='')")
    return subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                          check=True).stdout


def _same(code: str, new_process: bool = False) -> None:
    expected = _in_new_process(code) if new_process else _run(torch, code)
    got = _run(ak, code)
    assert got == expected, f"{code}\n--- PyTorch:\n{expected}\n--- kit:\n{got}"


WARN_ONCE = [
    "torch.arange(24.).view(2, 3, 4).T\ntorch.arange(24.).view(2, 3, 4).T\ntorch.arange(3.).T\n"
    "for i in range(3):\n    print(torch.ones(2, 3, 4).T.shape)",
    "torch.tensor(1.).T\ntorch.tensor(1.).T\ntorch.tensor(1.).mT\ntorch.tensor(1.).mT\n"
    "torch.tensor(1.).H\ntorch.tensor(1.).H\ntorch.tensor(1.).mH\ntorch.tensor(1.).mH\n"
    "torch.tensor(1.).adjoint()\ntorch.tensor(1.).adjoint()\ntorch.tensor(1.).T",
    "torch.set_default_tensor_type(torch.FloatTensor)\n"
    "torch.set_default_tensor_type(torch.FloatTensor)\n"
    "print(torch.meshgrid(torch.arange(2), torch.arange(3))[0].shape)\n"
    "print(torch.meshgrid(torch.arange(2), torch.arange(3))[1].shape)\n"
    "print(torch.cholesky(torch.eye(2)), torch.cholesky(2 * torch.eye(2)))\n"
    "print(torch.qr(torch.eye(2)).R, torch.qr(torch.eye(2)).Q)\n"
    "print(torch.chain_matmul(torch.eye(2), torch.eye(2)), torch.chain_matmul(torch.eye(2)))\n"
    "print(torch.ones(2).storage().size(), torch.ones(3).storage().tolist())",
    "print(torch.cross(torch.eye(3), torch.ones(3, 3)), torch.cross(torch.ones(3), torch.eye(3)))\n"
    "print(torch.zeros(3).scatter(0, torch.tensor([0, 1]), torch.ones(2), reduce='add'))\n"
    "print(torch.zeros(3).scatter(0, torch.tensor([0, 0]), torch.ones(2), reduce='multiply'))\n"
    "print(F.conv1d(torch.ones(1, 1, 5), torch.ones(1, 1, 2), padding='same'))\n"
    "print(nn.Conv1d(1, 1, 4, padding='same', bias=False)(torch.ones(1, 1, 5)).shape)",
    "mask = torch.tensor([1, 0, 2], dtype=torch.uint8)\n"
    "x = torch.ones(3, requires_grad=True)\n"
    "y = torch.where(mask, x, 0.)\n"
    "y.sum().backward()\n"
    "print(y, x.grad, torch.where(mask), mask.where(mask, 5), torch.where(mask, 1, 2))\n"
    "torch.where(mask.to(torch.int8), x, 0.)",
]


@pytest.mark.parametrize("code", WARN_ONCE)
def test_transpose_deprecations_warn_once_per_process(code: str) -> None:
    """PyTorch gives these with TORCH_WARN_ONCE (TypedStorage's warning with a flag of its
    own): once per process, even with the warning filter at "always" (the kit warned on every
    call)."""
    _same(code, new_process=True)


# ---- a class or a function where a module belongs ----------------------------------------------

NOT_MODULES = [
    "nn.Sequential(nn.Linear(2, 2), nn.ReLU)",
    "nn.Sequential(nn.Linear(2, 2), torch.relu)",
    "nn.Sequential(nn.Linear(2, 2), torch.sigmoid, torch.tanh)",
    "nn.Sequential(F.relu)",
    "nn.Sequential(torch.matmul)",
    "nn.Sequential(torch.einsum)",
    "nn.ModuleList([nn.Linear(2, 2), nn.Softmax])",
    "nn.ModuleDict({'act': nn.ReLU})",
    "m = nn.Linear(2, 2)\nm.add_module('act', torch.exp)",
    "print(torch.typename(torch.relu), torch.typename(torch.split))\n"
    "print(torch.typename(torch.typename))",
    "print(torch.typename(torch.get_default_dtype), torch.typename(torch.set_printoptions))",
    "print(torch.typename(torch.manual_seed), torch.typename(torch.load))\n"
    "print(torch.typename(torch.zeros), torch.typename(torch.vmap))",
    "nn.Parameter(np.ones(2))",
    "nn.Parameter([1., 2.])",
]


@pytest.mark.parametrize("code", NOT_MODULES)
def test_not_a_module(code: str) -> None:
    """PyTorch names what is not a Module by ``torch.typename``: a class or a function by its
    qualified name (``torch.nn.modules.activation.ReLU``, ``torch._VariableFunctionsClass.relu``;
    the kit named its class, ``type``/``function``); a NumPy array as C's ``tp_name``,
    ``numpy.ndarray``."""
    _same(code)


# ---- NumPy's functions on a tensor, and keywords PyTorch does not take -----------------------

KEYWORD_CALLS = [
    "np.mean(torch.ones(2, 2))",
    "np.sum(torch.ones(2, 2), axis=0)",
    "np.max(torch.ones(2, 2), axis=0)",
    "np.std(torch.ones(2, 2))",
    "np.var(torch.ones(2, 2), ddof=1)",
    "torch.ones(2, 2).std(axis=0, dtype=None, out=None, ddof=1)",
    "torch.ones(2, 2).var(a=1, b=2)",
    "torch.ones(2, 2).view(b=1, a=2)",
    "torch.ones(2, 2).std(" + ", ".join(f"k{i}={i}" for i in range(15)) + ")",
    "torch.ones(2, 2).sum(axis=0, foo=1)",
    "torch.ones(2, 2).sum(0, keepdims=True, foo=1)",
    "torch.ones(2, 2).mean(axis=0, out=None)",
    "torch.ones(2, 2).sum(axis=0, dim=0)",
    "torch.ones(2, 2).sum(dim=0, axis=0)",
    "torch.ones(2, 2).softmax(axis=0, foo=1)",
    "torch.ones(2, 2).softmax(0, dim=0, foo=1)",
    "torch.cat([torch.ones(2)], axis=0, foo=1)",
]


@pytest.mark.parametrize("code", KEYWORD_CALLS)
def test_keywords_pytorch_does_not_take(code: str) -> None:
    """PyTorch's parser lists the keywords of an invalid combination in the order of a C++
    unordered_map (``got (ddof=int, dtype=NoneType, out=NoneType, axis=NoneType, )``; the kit
    sorted them), and names the first keyword that is not one of its own names as unexpected,
    NumPy's ``axis``/``keepdims`` included (the kit read them as ``dim``/``keepdim`` first and
    named a later one)."""
    _same(code)


# ---- a list mixing Python lists and NumPy arrays ---------------------------------------------

MIXED_LISTS = [
    "[[1., 2.], np.array([3., 4.])]",
    "[np.array([3., 4.]), [1., 2.]]",
    "[[1, 2], np.array([3., 4.], dtype=np.float32)]",
    "[[1, 2], np.array([3, 4], dtype=np.int32)]",
    "[np.array([3, 4], dtype=np.int32), [1.5, 2]]",
    "[[1, 2], np.array([3, 4, 5])]",
    "[np.array([[1, 2]]), [[3, 4]]]",
    "[np.array([1, 2]), [3]]",
    "[[np.array([1., 2.])], [[3., 4.]]]",
]


@pytest.mark.parametrize("data", MIXED_LISTS)
def test_tensor_of_lists_and_arrays(data: str) -> None:
    """PyTorch reads a NumPy array inside a list as a sequence of its numbers, of its own
    type promoted with the rest (the kit refused it as 'not a sequence')."""
    _same(f"x = torch.tensor({data})\nprint(x, x.dtype, x.shape)", new_process=True)
