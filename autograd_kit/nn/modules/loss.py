"""PyTorch's home of these classes (see ``autograd_kit/nn/modules/__init__.py``)."""

from ..loss import (
    BCELoss,
    BCEWithLogitsLoss,
    CrossEntropyLoss,
    HuberLoss,
    KLDivLoss,
    L1Loss,
    MSELoss,
    NLLLoss,
    SmoothL1Loss,
    _Loss,
    _WeightedLoss,
)
from ..loss_more import (
    CosineEmbeddingLoss,
    GaussianNLLLoss,
    HingeEmbeddingLoss,
    MarginRankingLoss,
    MultiLabelMarginLoss,
    MultiLabelSoftMarginLoss,
    MultiMarginLoss,
    PoissonNLLLoss,
    SoftMarginLoss,
    TripletMarginLoss,
)
from ._home import settle

__all__ = [
    "BCELoss", "BCEWithLogitsLoss", "CosineEmbeddingLoss", "CrossEntropyLoss",
    "GaussianNLLLoss", "HingeEmbeddingLoss", "HuberLoss", "KLDivLoss", "L1Loss", "MSELoss",
    "MarginRankingLoss", "MultiLabelMarginLoss", "MultiLabelSoftMarginLoss",
    "MultiMarginLoss", "NLLLoss", "PoissonNLLLoss", "SmoothL1Loss", "SoftMarginLoss",
    "TripletMarginLoss", "_Loss", "_WeightedLoss",
]

settle(
    __name__,
    BCELoss, BCEWithLogitsLoss, CosineEmbeddingLoss, CrossEntropyLoss, GaussianNLLLoss,
    HingeEmbeddingLoss, HuberLoss, KLDivLoss, L1Loss, MSELoss, MarginRankingLoss,
    MultiLabelMarginLoss, MultiLabelSoftMarginLoss, MultiMarginLoss, NLLLoss,
    PoissonNLLLoss, SmoothL1Loss, SoftMarginLoss, TripletMarginLoss, _Loss, _WeightedLoss,
)

from ..loss_ctc import CTCLoss  # noqa: E402
from ..loss_more import TripletMarginWithDistanceLoss  # noqa: E402

__all__ += ["CTCLoss", "TripletMarginWithDistanceLoss"]
settle(__name__, CTCLoss, TripletMarginWithDistanceLoss)

from ..deprecated import NLLLoss2d  # noqa: E402

__all__ += ["NLLLoss2d"]
settle(__name__, NLLLoss2d)

from ..loss_linear_module import LinearCrossEntropyLoss  # noqa: E402

__all__ += ["LinearCrossEntropyLoss"]
settle(__name__, LinearCrossEntropyLoss)
