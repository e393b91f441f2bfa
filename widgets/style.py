"""Colours and shapes shared by the drawing, its legend and the stepper's CSS."""

from __future__ import annotations

FONT = "Helvetica"

BACKWARD_FILL = "#dbe9f6"  # a grad_fn node (MulBackward0 …)
ACCUMULATE_FILL = "#e4e4e4"  # AccumulateGrad: writes into a leaf's .grad
LEAF_FILL = "#fff2b3"  # a leaf tensor that requires grad
ROOT_FILL = "#c8ecc8"  # the output you call backward on
TENSOR_FILL = "#ffffff"  # a named intermediate (non-leaf) tensor
RETAIN_BORDER = "#e67e22"  # retain_grad(): keeps .grad on a non-leaf
FREED_TEXT = "#999999"  # saved tensors released by a backward
CURRENT_BORDER = "#d62728"  # stepper: the node running now
DONE_FILL = "#f0f0f0"  # stepper: nodes that have run
FLOW_EDGE = "#1f77b4"  # the edges a node belongs to
LINK_EDGE = "#888888"  # tensor ↔ node links (dashed)
