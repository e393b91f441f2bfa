"""Scenarios harvested from PyTorch's own autograd tests (test_autograd.py's inference-mode,
allow-mutation-on-saved and gradcheck classes, test/autograd/test_functional.py), run with
the kit and with PyTorch live: what each snippet leaves in ``out`` must agree."""

from __future__ import annotations

import pytest

import autograd_kit as ak
from tests.parity_harness import assert_same

torch = pytest.importorskip("torch")


@pytest.mark.parametrize("setup", [
    "with T.inference_mode(): t = T.ones(2, requires_grad=True)",  # an inference tensor
    "t = T.ones(2, requires_grad=True) * 2",
    "t = T.ones(2, requires_grad=True)",
    "t = T.ones(2, requires_grad=True).clone()[:1]",  # a view: not refused either
])
@pytest.mark.parametrize("inside", [True, False])
def test_detach_in_place_leaves_inference_tensors_and_inference_mode_alone(setup: str,
                                                                          inside: bool) -> None:
    # test_inference_mode_inf_tensor_in_normal_mode_inplace_op's family: detach_ is
    # PyTorch's autograd layer's, which an inference tensor (and inference_mode) skips, so
    # requires_grad and grad_fn stay; the kit cut them
    block = "with T.inference_mode():\n    " if inside else "if True:\n    "
    assert_same(torch, ak, f"""
{setup}
{block}try: out.append(t.detach_() is t)
    except Exception as e: out.append(str(e)[:40])
out.append((t.requires_grad, t.is_leaf, type(t.grad_fn).__name__))
""")


_MUTATION = """
MA = T.autograd.graph.allow_mutation_on_saved_tensors
L = lambda d: len(list(d.items()))
"""


@pytest.mark.parametrize("steps", [
    # test_saved_but_not_anymore
    """a = T.randn(2, 3, requires_grad=True).clone()
    o = (a ** 2).sum(); out.append((L(ctx.tid_to_weakhandle), L(ctx.cloned)))
    o.backward(); a.sin_(); out.append((L(ctx.tid_to_weakhandle), L(ctx.cloned)))
    o = (a ** 2).sum(); a.sin_(); out.append(L(ctx.cloned))
    del o; out.append(L(ctx.cloned))""",
    # test_saved_same_tensor_many_times
    """a = T.randn(2, 3, requires_grad=True).clone()
    b = a ** 2; c = a ** 2; out.append(L(ctx.tid_to_weakhandle)); a.sin_()
    out.append(L(ctx.cloned)); del b, c; out.append(L(ctx.cloned))""",
    # test_saved_same_tensor_different_versions
    """a = T.randn(2, 3, requires_grad=True).clone()
    b = a ** 2; a.sin_(); c = a ** 2; a.sin_(); out.append(L(ctx.cloned))
    del b; out.append(L(ctx.cloned)); del c; out.append(L(ctx.cloned))""",
    # test_with_out_variant
    """a = T.tensor([1.0], requires_grad=True); b = T.tensor([1.0]); c = T.tensor([2.0])
    o = a * b; out.append(L(ctx.tid_to_weakhandle))
    T.sin(c, out=b); out.append(L(ctx.cloned))
    o.backward(); out.append((L(ctx.cloned), a.grad))""",
    # test_save_base_and_modify_view, then a saved view whose base changes
    """a = T.ones(2, 3, requires_grad=True); b = a.clone(); o = b ** 2
    b[:1].mul_(10); out.append((L(ctx.cloned), L(ctx.original)))
    o.sum().backward(); out.append((L(ctx.cloned), a.grad))
    c = b[:]; o = (c ** 2).sum(); b *= 2; out.append(L(ctx.cloned)); o.backward()
    out.append(a.grad)""",
    # what backward unpacks: the saved tensor itself until it changes, then the copy
    """b = T.ones(2, requires_grad=True).clone(); y = b * b
    s = y.grad_fn._saved_self; out.append((s is b, s._version))
    b.mul_(2); s = y.grad_fn._saved_self; out.append((s is b, s._version, s))""",
])
def test_allow_mutation_on_saved_tensors_copies_what_changes(steps: str) -> None:
    # TestAllowMutationOnSaved: the context's handles (one per saved tensor and version,
    # alive with the graph) and its copies (of the saved tensors changed since); the kit
    # counted a copy per saved tensor, kept until the context ended, and had no
    # tid_to_weakhandle
    assert_same(torch, ak, _MUTATION + f"""
with MA() as ctx:
    {steps}
out.append((L(ctx.cloned), L(ctx.tid_to_weakhandle)))
""")
