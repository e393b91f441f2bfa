"""PyTorch's home of these classes (see ``autograd_kit/nn/modules/__init__.py``)."""

from ..activation_more import CosineSimilarity
from ._home import settle

__all__ = ["CosineSimilarity"]

settle(__name__, CosineSimilarity)

from ..pooling_extra import PairwiseDistance  # noqa: E402

__all__ += ["PairwiseDistance"]
settle(__name__, PairwiseDistance)
