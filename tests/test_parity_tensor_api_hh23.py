"""Live comparison with PyTorch: tensors, views, indexing, creation and printing, as learners
use them (snippets run once with PyTorch and once with the kit, outcomes compared)."""

import json
import subprocess
import sys

import numpy
import pytest
from parity_harness import assert_same

import autograd_kit as ak
from autograd_kit import scalar_warning

torch = pytest.importorskip("torch")


# PyTorch's deprecated forms with the number first (older optimizers and tutorials:
# p.data.add_(-lr, p.grad), exp_avg_sq.addcmul_(1 - beta2, grad, grad)): they compute what the
# keyword forms compute; a number may stand for add's tensors; calls that fit neither form
# get the current form's error.
_OPERANDS = ("x = T.ones(2); g = T.tensor([1., 2.]); M = T.eye(2); N = T.eye(2) * 2; "
             "v = T.ones(2); w = T.tensor([1., 3.]); B = T.ones(1, 2, 2); "
             "C = T.ones(1, 2, 2) * 3\n")
DEPRECATED_FORMS = [_OPERANDS + code for code in (
    "out += [x.add(2, g), x.sub(2, g), x.add_(-0.5, g), x, x._version]",
    "out += [x.sub_(2, g), x, x.add(2.5, g), x.add(2, 3), T.add(2, 3, g), T.add(x, 2, 3)]",
    "out += [x.add(T.tensor(2), g), x.add(2, other=g), T.add(x, 2, other=g)]",
    "out += [T.add(x, 2, g), T.sub(x, 2, g), T.add(x, 2, g, out=T.empty(2))]",
    "out += [x.int().add(2, g.int()), x.long().add_(3, g.long()), x.bool().add(True, g.bool())]",
    "out += [x.add(numpy.float64(2), g), x.add(numpy.int64(2), g), x.add_(2, g.double())]",
    "out += [x.addcmul(2, g, g), x.addcdiv(2, g, g), x.addcmul_(0.5, g, g), x]",
    "out += [x.addcdiv_(2, g, w), x, T.addcmul(x, 2, g, g), T.addcdiv(x, 2, g, w)]",
    "out += [x.addcmul(2, g, tensor2=g), x.half().addcmul(0.5, g, g)]",
    "out += [M.addmm(2, N, N), M.addmm(2, 3, N, N), M.addmm(2, 3, N, mat2=N)]",
    "out += [M.addmm_(2, N, N), M.addmm_(2, 3, N, N), M]",
    "out += [T.addmm(2, M, N, N), T.addmm(2, M, 3, N, N), T.addmm(2, M, N, mat2=N)]",
    "out += [T.addmm(2, M, N, N, out=T.empty(2, 2))]",
    "out += [v.addmv(2, N, w), v.addmv(2, 3, N, w), v.addmv_(2, N, w), v.addmv_(2, 3, N, w)]",
    "out += [T.addmv(2, v, N, w), T.addmv(2, v, 3, N, w)]",
    "out += [M.addr(2, w, w), M.addr(2, 3, w, w), M.addr_(2, w, w), M.addr_(2, 3, w, w)]",
    "out += [T.addr(2, M, w, w), T.addr(2, M, 3, w, w)]",
    "out += [B.baddbmm(2, C, C), B.baddbmm(2, 3, C, C), B.baddbmm_(2, C, C), B]",
    "out += [T.baddbmm(2, B, C, C), T.baddbmm(2, B, 3, C, C)]",
    "out += [M.addbmm(2, C, C), M.addbmm(2, 3, C, C), M.addbmm_(2, C, C), M]",
    "out += [T.addbmm(2, M, C, C), T.addbmm(2, M, 3, C, C)]",
    "out.append(x.add(g, 2))",
    "out.append(x.add(g, g))",
    "out.append(x.add('a', g))",
    "out.append(x.add(2, [1, 2]))",
    "out.append(x.add(T.tensor([2.]), g))",
    "out.append(x.add(T.tensor(2., requires_grad=True), g))",
    "out.append(x.add(True, g))",
    "out.append(x.sub(g, 2))",
    "out.append(x.addcmul(g, g, 2))",
    "out.append(x.addcmul(2, g))",
    "out.append(M.addmm(2, 3, N))",
    "out.append(M.addmm(N, N, 2))",
    "out.append(M.addmm(2, N, N, alpha=3))",
    "out.append(M.addmm(2, N, N, beta=3))",
    "out.append(x.long().add(2.5, g.long()))",
    "out.append(T.add(x, g, 2))",
    """
x = T.ones(2, requires_grad=True); g = T.tensor([1., 2.], requires_grad=True); y = x.add(2, g)
out += [y, type(y.grad_fn).__name__, y.grad_fn._saved_alpha]; y.sum().backward()
out += [x.grad, g.grad]
""",
    """
p = T.ones(2, requires_grad=True); (p * p).sum().backward()
with T.no_grad():
    p.add_(-0.1, p.grad)
out += [p, p._version]; p.data.add_(-0.1, p.grad.data); out += [p, p._version]
""",
    """
p = T.ones(2, requires_grad=True); y = p * 1; y.addcmul_(0.5, p, p)
out += [y, type(y.grad_fn).__name__]; y.sum().backward(); out.append(p.grad)
""",
    """
m = T.ones(2, 2, requires_grad=True); y = T.addmm(0.5, m, 2, m * 1, m * 1)
out += [y, type(y.grad_fn).__name__, y.grad_fn._saved_beta, y.grad_fn._saved_alpha]
y.sum().backward(); out.append(m.grad)
""",
)]


@pytest.mark.parametrize("code", DEPRECATED_FORMS)
def test_deprecated_number_first_forms(code):
    assert_same(torch, ak, code, numpy=numpy)


# ... and their warning, PyTorch's TORCH_WARN_ONCE: from the caller's line, once per process
# for whichever deprecated form comes first (a second one, another method's, is not warned
# about), and every time under set_warn_always(True), as every warning given once is
WARNED = ["x.add_(-0.1, g)", "x.sub(2, g)", "T.add(x, 2, g)", "T.sub(x, 2, g, out=T.empty(2))",
          "x.addcmul_(0.5, g, g)", "x.addcdiv(2, g, g)", "T.addcdiv(x, 2, g, g)",
          "M.addmm(2, 3, M, M)", "M.addmm_(2, M, M)", "T.addmm(2, M, M, M)",
          "T.addmm(2, M, 3, M, M)", "T.baddbmm(2, B, 3, B, B)", "B.baddbmm_(2, B, B)",
          "v.addmv_(2, M, v)", "T.addmv(2, v, M, v)", "M.addr(2, v, v)", "T.addr(2, M, 3, v, v)",
          "M.addbmm(2, 3, B, B)", "T.addbmm(2, M, B, B)"]
OTHERS_ONCE = ["float(r.sum()); float(r.sum())", "y.T; y.T",
               "c = T.tensor([1, 0], dtype=T.uint8); T.where(c, v, v); T.where(c, v, v)"]
_WARN_SCRIPT = """
import json, warnings
x = T.ones(2); g = T.tensor([1., 2.]); M = T.eye(2); v = T.ones(2); B = T.ones(1, 2, 2)
r = T.ones(2, requires_grad=True); y = T.ones(3)
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    {call}
    x.sub_(3, g)
    T.addmm(2, M, M, M)
out = [[str(w.message), w.category.__name__, w.lineno] for w in caught]
"""


def _warnings(lib, call: str, always: bool) -> list:
    """The warnings of ``call`` (and two other deprecated forms) with ``lib``, the kit as in a
    new process; with ``always``, under set_warn_always(True)."""
    if lib is ak:
        scalar_warning.forget()
    scope = {"T": lib}
    lib.set_warn_always(always)
    try:
        exec(compile(_WARN_SCRIPT.format(call=call), "<snippet>", "exec"), scope)
    finally:
        lib.set_warn_always(False)
    return [[message.replace("torch", "autograd_kit"), *rest] for message, *rest in scope["out"]]


@pytest.mark.parametrize("call", WARNED + OTHERS_ONCE)
def test_once_only_warnings_under_warn_always(call):
    assert _warnings(ak, call, True) == _warnings(torch, call, True)


def test_deprecated_forms_warn_once_per_process():
    script = "import torch as T" + _WARN_SCRIPT.format(call=WARNED[0]) + "print(json.dumps(out))"
    printed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                             check=True).stdout
    expected = [[message.replace("torch", "autograd_kit"), *rest]
                for message, *rest in json.loads(printed)]
    assert _warnings(ak, WARNED[0], False) == expected
    assert len(expected) == 1


# histc refuses, as PyTorch does, a count of bins below 1, a range that is not finite (a NaN
# or an infinity given, or among the data when the range is the data's: a NaN a reduction
# found shows as -nan) and a min above the max
HISTC = [
    "x = T.tensor([1., 2., 3.]); out.append(x.histc(4, 3, 1))",
    "x = T.tensor([1., 2., 3.]); out.append(x.histc(4, 1.5, 1.25))",
    "x = T.tensor([]); out.append(x.histc(4, 3, 1))",
    "x = T.tensor([1., 2., 3.]); out.append(x.histc(0))",
    "x = T.tensor([1., 2., 3.]); out.append(x.histc(-1, 3, 1))",
    "x = T.tensor([1., 2., float('nan')]); out.append(x.histc(4))",
    "x = T.tensor([float('nan')] * 3, dtype=T.float64); out.append(T.histc(x))",
    "x = T.tensor([float('nan')]); out.append(x.histc(4))",
    "x = T.tensor([-float('nan')]); out.append(x.histc(4))",
    "x = T.tensor([1., 2., float('inf')]); out.append(x.histc(4))",
    "x = T.tensor([-float('inf'), 1.5]); out.append(x.histc(4))",
    "x = T.tensor([1., 2.]); out.append(x.histc(4, 0, float('nan')))",
    "x = T.tensor([1., 2.]); out.append(x.histc(4, -float('inf'), 0))",
    "x = T.tensor([1., 2., 3.]); out.append(x.histc(4, -1e-7, -2e-7))",
    "x = T.tensor([1., 2., float('nan')]); out.append(x.histc(4, 0, 3))",
    "x = T.tensor([1e20, 2.]); out.append(x.histc(4)); out.append(T.tensor([2., 2.]).histc(4))",
]


@pytest.mark.parametrize("code", HISTC)
def test_histc_range_checks(code):
    assert_same(torch, ak, code)


# is_contiguous(memory_format=channels_last / channels_last_3d) reads the strides as PyTorch
# does (the channels innermost, then width, height, depth, batch; size-1 dims skipped): a
# query about a layout the kit's tensors can have (a permuted copy), not a new layout
_CL = "x = T.ones(2, 3, 4, 5).permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2)\n"
CHANNELS_LAST_QUERIES = [
    "x = T.ones(2, 3, 4, 5); out += [x.is_contiguous(memory_format=T.channels_last), "
    "x.is_contiguous(memory_format=T.preserve_format)]",
    _CL + "out += [x.is_contiguous(memory_format=T.channels_last), x.is_contiguous()]",
    _CL + "out += [x[:, :, ::2].is_contiguous(memory_format=T.channels_last), "
    "x[:, :2].is_contiguous(memory_format=T.channels_last), "
    "x[:1].is_contiguous(memory_format=T.channels_last)]",
    "out += [T.ones(2, 3, 4).is_contiguous(memory_format=T.channels_last), "
    "T.ones(1, 3, 4, 5).is_contiguous(memory_format=T.channels_last), "
    "T.ones(2, 1, 1, 1).is_contiguous(memory_format=T.channels_last), "
    "T.ones(2, 3, 1, 1).is_contiguous(memory_format=T.channels_last), "
    "T.ones(0, 3, 4, 5).is_contiguous(memory_format=T.channels_last)]",
    "x = T.ones(2, 3, 4, 5, 6); y = x.permute(0, 2, 3, 4, 1).contiguous().permute(0, 4, 1, 2, 3)\n"
    "out += [x.is_contiguous(memory_format=T.channels_last_3d), "
    "y.is_contiguous(memory_format=T.channels_last_3d), "
    "y.is_contiguous(memory_format=T.channels_last)]",
    "x = T.ones(2, 3, 4, 5, requires_grad=True); y = x.permute(0, 2, 3, 1) * 2\n"
    "out.append(y.permute(0, 3, 1, 2).is_contiguous(memory_format=T.channels_last))",
]


@pytest.mark.parametrize("code", CHANNELS_LAST_QUERIES)
def test_channels_last_contiguity_query(code):
    assert_same(torch, ak, code)


# sort, argsort and topk of a 0-dim tensor take dim -1 or 0 only (IndexError otherwise, as
# for any op with a dim), and topk's k 0 or 1
ZERO_DIM_SELECTION = [
    "x = T.tensor(2.5); out.append(x.sort(1))",
    "x = T.tensor(2.5); out.append(x.sort(-2))",
    "x = T.tensor(2.5); out.append(T.sort(x, 1))",
    "x = T.tensor(2.5); out.append(x.sort(stable=True, dim=1))",
    "x = T.tensor(2.5); out.append(x.argsort(1))",
    "x = T.tensor(2.5); out.append(T.argsort(x, dim=-2, stable=True))",
    "x = T.tensor(2.5); out.append(x.topk(-1))",
    "x = T.tensor(2.5); out.append(x.topk(2))",
    "x = T.tensor(2.5); out.append(x.topk(5, 3))",
    "x = T.tensor(2.5); out.append(x.topk(1, 1))",
    "x = T.tensor(2.5); out += [x.sort(0), x.sort(-1), x.argsort(0), x.topk(0), x.topk(1, -1)]",
    "x = T.tensor(2.5, requires_grad=True); v, i = x.topk(1, 0); v.backward()\n"
    "out += [type(v.grad_fn).__name__, x.grad]",
]


@pytest.mark.parametrize("code", ZERO_DIM_SELECTION)
def test_zero_dim_sort_and_topk_dims(code):
    assert_same(torch, ak, code)


# cummax and cummin of a 0-dim tensor word a dim other than -1 or 0 their own way
ZERO_DIM_RUNNING = [
    "x = T.tensor(2.5); out.append(x.cummax(1))",
    "x = T.tensor(2.5); out.append(x.cummin(-2))",
    "x = T.tensor(2.5); out.append(T.cummax(x, 3))",
    "x = T.tensor(2.5); out += [x.cummax(0), x.cummin(-1), T.ones(2).cummax(0)]",
]


@pytest.mark.parametrize("code", ZERO_DIM_RUNNING)
def test_zero_dim_cummax_dims(code):
    assert_same(torch, ak, code)
