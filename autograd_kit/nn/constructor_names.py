"""The name Python's TypeErrors give a layer's constructor, as PyTorch's layers have it.

A call that does not fit a constructor (``nn.Conv2d(3, 16)``: no kernel size) fails with
Python's own words, which name the function: PyTorch's ``Conv2d`` has a constructor of its own
(``Conv2d.__init__() missing 1 required positional argument: 'kernel_size'``), while its
``MaxPool2d`` uses the one of its base (``_MaxPoolNd.__init__() missing …``). Where the kit
shares a constructor PyTorch does not (one ``_ConvNd.__init__`` for every convolution), or the
other way round, `name_constructors` gives the layer a copy named as PyTorch names it.
"""

from __future__ import annotations

import types
from typing import Any

from ..call_errors import renamed_copy

# PyTorch's layers that use their base's constructor (every other layer has its own)
SHARED = {
    "_MaxPoolNd": ("MaxPool1d", "MaxPool2d", "MaxPool3d"),
    "_AdaptiveAvgPoolNd": ("AdaptiveAvgPool1d", "AdaptiveAvgPool2d", "AdaptiveAvgPool3d"),
    "_AdaptiveMaxPoolNd": ("AdaptiveMaxPool1d", "AdaptiveMaxPool2d", "AdaptiveMaxPool3d"),
    "_LPPoolNd": ("LPPool1d", "LPPool2d", "LPPool3d"),
    "_DropoutNd": ("Dropout", "Dropout1d", "Dropout2d", "Dropout3d", "AlphaDropout",
                   "FeatureAlphaDropout"),
    "_BatchNorm": ("BatchNorm1d", "BatchNorm2d", "BatchNorm3d"),
    "_InstanceNorm": ("InstanceNorm1d", "InstanceNorm2d", "InstanceNorm3d"),
    "_LazyNormBase": ("LazyBatchNorm1d", "LazyBatchNorm2d", "LazyBatchNorm3d",
                      "LazyInstanceNorm1d", "LazyInstanceNorm2d", "LazyInstanceNorm3d"),
    "_Loss": ("L1Loss", "MSELoss", "MultiLabelMarginLoss", "SoftMarginLoss"),
    "_WeightedLoss": ("BCELoss", "MultiLabelSoftMarginLoss"),
}
_OWNER = {layer: base for base, layers in SHARED.items() for layer in layers}


def name_constructors(namespace: dict[str, Any], module_class: type) -> None:
    """Give each layer class of ``namespace`` (subclasses of ``module_class``) a constructor
    named as PyTorch's is, where the one it has now is named otherwise (Module's own, which
    names the layer itself, is left as it is)."""
    for name, layer in namespace.items():
        if not (isinstance(layer, type) and issubclass(layer, module_class)):
            continue
        init = layer.__init__
        wanted = f"{_OWNER.get(name, name)}.__init__"
        if init is module_class.__init__ or not isinstance(init, types.FunctionType) or (
                init.__qualname__ == wanted):
            continue
        layer.__init__ = renamed_copy(init, init.__name__, wanted)  # type: ignore[misc]
