"""``autograd.anomaly_mode``: where PyTorch keeps `detect_anomaly` and `set_detect_anomaly`
(the kit's live in ``autograd_kit/anomaly_mode.py``)."""

from ..anomaly_mode import detect_anomaly, set_detect_anomaly

__all__ = ["detect_anomaly", "set_detect_anomaly"]
