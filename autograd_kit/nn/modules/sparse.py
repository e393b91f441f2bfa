"""PyTorch's home of these classes (see ``autograd_kit/nn/modules/__init__.py``)."""

from ..sparse import Embedding
from ._home import settle

__all__ = ["Embedding"]

settle(__name__, Embedding)

from ..sparse import EmbeddingBag  # noqa: E402

__all__ += ["EmbeddingBag"]
settle(__name__, EmbeddingBag)
