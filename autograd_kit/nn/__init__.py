"""``autograd_kit.nn``: modules, layers, losses (PyTorch's ``torch.nn``)."""

from __future__ import annotations

from . import compiled, functional, grad, init, modules, parallel, utils
from .activation import (
    ELU,
    GELU,
    Hardtanh,
    LeakyReLU,
    LogSigmoid,
    LogSoftmax,
    ReLU,
    ReLU6,
    Sigmoid,
    SiLU,
    Softmax,
    Softmin,
    Softplus,
    Softsign,
    Tanh,
    Tanhshrink,
)
from .activation_extra import (
    GLU,
    AlphaDropout,
    FeatureAlphaDropout,
    Hardshrink,
    RReLU,
    Softmax2d,
    Softshrink,
)
from .activation_more import (
    CELU,
    SELU,
    CosineSimilarity,
    Hardsigmoid,
    Hardswish,
    Mish,
    PReLU,
    Threshold,
)
from .adaptive import AdaptiveLogSoftmaxWithLoss
from .attention import MultiheadAttention
from .container import ModuleDict, ModuleList, Sequential
from .conv import Conv1d, Conv2d, ConvTranspose1d, ConvTranspose2d
from .crossmap_lrn import CrossMapLRN2d
from .deprecated import Container, NLLLoss2d
from .dropout import Dropout, Dropout1d, Dropout2d, Dropout3d
from .flatten import Flatten, Unflatten
from .fold import ChannelShuffle, Fold, PixelShuffle, PixelUnshuffle, Unfold
from .lazy import (
    LazyBatchNorm1d,
    LazyBatchNorm2d,
    LazyBatchNorm3d,
    LazyConv1d,
    LazyConv2d,
    LazyConv3d,
    LazyConvTranspose1d,
    LazyConvTranspose2d,
    LazyConvTranspose3d,
    LazyInstanceNorm1d,
    LazyInstanceNorm2d,
    LazyInstanceNorm3d,
    LazyLinear,
    UninitializedBuffer,
    UninitializedParameter,
)
from .linear import Identity, Linear
from .loss import (
    BCELoss,
    BCEWithLogitsLoss,
    CrossEntropyLoss,
    HuberLoss,
    KLDivLoss,
    L1Loss,
    MSELoss,
    NLLLoss,
    SmoothL1Loss,
)
from .loss_ctc import CTCLoss
from .loss_linear_module import LinearCrossEntropyLoss
from .loss_more import (
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
    TripletMarginWithDistanceLoss,
)
from .module import Module
from .normalization import (
    BatchNorm1d,
    BatchNorm2d,
    GroupNorm,
    InstanceNorm1d,
    InstanceNorm2d,
    LayerNorm,
)
from .normalization_extra import (
    BatchNorm3d,
    InstanceNorm3d,
    LocalResponseNorm,
    RMSNorm,
    SyncBatchNorm,
)
from .padding import (
    CircularPad1d,
    CircularPad2d,
    CircularPad3d,
    ConstantPad1d,
    ConstantPad2d,
    ConstantPad3d,
    ReflectionPad1d,
    ReflectionPad2d,
    ReflectionPad3d,
    ReplicationPad1d,
    ReplicationPad2d,
    ReplicationPad3d,
    ZeroPad1d,
    ZeroPad2d,
    ZeroPad3d,
)
from .parallel import DataParallel
from .param_containers import ParameterDict, ParameterList
from .parameter import Buffer, Parameter
from .pooling import (
    AdaptiveAvgPool1d,
    AdaptiveAvgPool2d,
    AdaptiveMaxPool1d,
    AdaptiveMaxPool2d,
    AvgPool1d,
    AvgPool2d,
    MaxPool1d,
    MaxPool2d,
)
from .pooling_extra import (
    Bilinear,
    LPPool1d,
    LPPool2d,
    LPPool3d,
    MaxUnpool1d,
    MaxUnpool2d,
    MaxUnpool3d,
    PairwiseDistance,
)
from .pooling_fractional import FractionalMaxPool2d, FractionalMaxPool3d
from .rnn import GRU, LSTM, RNN, RNNBase
from .rnn_cells import GRUCell, LSTMCell, RNNCell, RNNCellBase
from .sparse import Embedding, EmbeddingBag
from .transformer import (
    Transformer,
    TransformerDecoder,
    TransformerDecoderLayer,
    TransformerEncoder,
    TransformerEncoderLayer,
)
from .upsampling import Upsample, UpsamplingBilinear2d, UpsamplingNearest2d
from .volumetric import (
    AdaptiveAvgPool3d,
    AdaptiveMaxPool3d,
    AvgPool3d,
    Conv3d,
    MaxPool3d,
)
from .volumetric_transpose import ConvTranspose3d

__all__ = [
    "BCELoss", "BCEWithLogitsLoss", "CrossEntropyLoss", "Identity", "Linear", "LogSoftmax",
    "MSELoss", "Module", "NLLLoss", "Parameter", "ReLU", "Sequential", "Sigmoid", "Softmax",
    "Tanh", "functional", "init", "modules",
    # containers, dropout, flatten, L1-type losses, gradient clipping
    "Dropout", "Flatten", "HuberLoss", "L1Loss", "ModuleDict", "ModuleList", "SmoothL1Loss",
    "utils",
    # activations with settings
    "ELU", "GELU", "Hardtanh", "LeakyReLU", "ReLU6", "SiLU", "Softplus",
    "LogSigmoid", "Softmin", "Softsign", "Tanhshrink", "Unflatten",
    # convolution and pooling
    "AdaptiveAvgPool2d", "AvgPool2d", "Conv1d", "Conv2d", "MaxPool2d",
    # embedding and normalization layers
    "BatchNorm1d", "BatchNorm2d", "Embedding", "LayerNorm",
    # more activations, similarity, KL divergence, parameter containers
    "CELU", "CosineSimilarity", "Hardsigmoid", "Hardswish", "KLDivLoss", "Mish", "PReLU",
    "ParameterDict", "ParameterList", "SELU", "Threshold",
    # recurrent layers and cells
    "GRU", "GRUCell", "LSTM", "LSTMCell", "RNN", "RNNBase", "RNNCell", "RNNCellBase",
    # channel dropout, resampling
    "Dropout1d", "Dropout2d", "Dropout3d", "Upsample", "UpsamplingBilinear2d",
    "UpsamplingNearest2d",
    # attention and transformers
    "MultiheadAttention", "Transformer", "TransformerDecoder", "TransformerDecoderLayer",
    "TransformerEncoder", "TransformerEncoderLayer",
    # group and instance norm, 1-D pools, transposed convolutions, fold, pixel shuffle
    "GroupNorm", "InstanceNorm1d", "InstanceNorm2d",
    "AdaptiveAvgPool1d", "AdaptiveMaxPool1d", "AdaptiveMaxPool2d", "AvgPool1d", "MaxPool1d",
    "ConvTranspose1d", "ConvTranspose2d",
    # padding layers
    "CircularPad1d", "CircularPad2d", "CircularPad3d", "ConstantPad1d", "ConstantPad2d",
    "ConstantPad3d", "ReflectionPad1d", "ReflectionPad2d", "ReflectionPad3d",
    "ReplicationPad1d", "ReplicationPad2d", "ReplicationPad3d", "ZeroPad1d", "ZeroPad2d",
    "ZeroPad3d",
    # fold, unfold, pixel shuffles
    "Fold", "PixelShuffle", "PixelUnshuffle", "Unfold",
    # a tensor that registers itself as a buffer when assigned to a module
    "Buffer",
    # the last activations, alpha dropout, more normalizations, bags of embeddings
    "GLU", "AlphaDropout", "FeatureAlphaDropout", "Hardshrink", "RReLU", "Softmax2d",
    "Softshrink", "BatchNorm3d", "InstanceNorm3d", "LocalResponseNorm", "RMSNorm",
    "EmbeddingBag", "SyncBatchNorm",
    # lazy layers (sized by their first input)
    "LazyBatchNorm1d", "LazyBatchNorm2d", "LazyBatchNorm3d", "LazyConv1d", "LazyConv2d",
    "LazyConvTranspose1d", "LazyConvTranspose2d", "LazyInstanceNorm1d", "LazyInstanceNorm2d",
    "LazyInstanceNorm3d", "LazyLinear", "UninitializedBuffer", "UninitializedParameter",
    # power-average pools, unpooling, bilinear layer, pairwise distance
    "Bilinear", "LPPool1d", "LPPool2d", "MaxUnpool1d", "MaxUnpool2d", "PairwiseDistance",
    # 3-D convolution and pools
    "AdaptiveAvgPool3d", "AdaptiveMaxPool3d", "AvgPool3d", "Conv3d", "MaxPool3d",
    # transposed 3-D convolution, the CTC loss
    "CTCLoss", "ConvTranspose3d", "LazyConv3d", "LazyConvTranspose3d",
    # channel shuffle, 3-D power pool and unpooling, triplet loss with any distance
    "ChannelShuffle", "LPPool3d", "MaxUnpool3d", "TripletMarginWithDistanceLoss",
    # fractional max pooling
    "FractionalMaxPool2d", "FractionalMaxPool3d",
    # the adaptive softmax
    "AdaptiveLogSoftmaxWithLoss",
    # the legacy cross-channel normalization; the multi-GPU wrapper
    "CrossMapLRN2d", "DataParallel",
    # deprecated names PyTorch keeps
    "Container", "NLLLoss2d",
    # a linear layer and the cross entropy of its outputs in one module
    "LinearCrossEntropyLoss",
]

# each layer's constructor named as PyTorch's is (``Conv2d.__init__() missing 1 required
# positional argument: 'kernel_size'``; MaxPool2d's is ``_MaxPoolNd.__init__``)
from .constructor_names import name_constructors as _name_constructors  # noqa: E402

_name_constructors(globals(), Module)
