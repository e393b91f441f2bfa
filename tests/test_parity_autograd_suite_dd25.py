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
