"""``autograd_kit.backends``: the switches that reproducibility preambles set
(``torch.backends.cudnn.deterministic = True``, ``…benchmark = False``,
``torch.backends.cuda.matmul.allow_tf32 = False``), with PyTorch's defaults.

The kit has no cuDNN, MPS or MKL-DNN: their ``is_available()`` is False, and the flags are
plain settable values that change nothing in the kit's computations.
"""

from __future__ import annotations

from . import cpu, cuda, cudnn, mkldnn, mps

__all__ = ["cpu", "cuda", "cudnn", "mkldnn", "mps"]
