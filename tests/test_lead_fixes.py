"""Kit-only checks of the lead's parity fixes (the PyTorch behaviour each one matches)."""

from __future__ import annotations

import autograd_kit as ak


def test_a_device_never_equals_a_string() -> None:
    cpu = ak.device("cpu")
    assert cpu != "cpu" and "cpu" != cpu and not (cpu == "cpu")
    assert cpu == ak.device("cpu") and ak.device("cuda:0") == ak.device("cuda", 0)
    assert ak.ones(1).device == cpu and str(ak.ones(1).device) == "cpu"


def test_older_svd_and_qr_have_their_own_result_types() -> None:
    x = ak.tensor([[3.0, 1.0], [1.0, 3.0]])
    u, s, v = result = ak.svd(x)
    assert type(result).__name__ == "svd" and isinstance(result, ak.return_types.svd)
    assert result.V is v and s.tolist() == [4.0, 2.0]
    assert repr(result).startswith("autograd_kit.return_types.svd(\nU=")
    assert type(ak.linalg.svd(x)).__name__ == "linalg_svd"
    q = ak.qr(x)
    assert type(q).__name__ == "qr" and isinstance(q, ak.return_types.qr)
    assert type(ak.linalg.qr(x)).__name__ == "linalg_qr"


def test_a_view_of_an_inference_tensor_has_no_base() -> None:
    with ak.inference_mode():
        a = ak.ones(4)
        v = a[1:]
    assert v._base is None and v.is_inference()
    with ak.inference_mode():
        a.add_(1)
    assert v.tolist() == [2.0, 2.0, 2.0]  # the memory is still shared
    b = ak.ones(4)
    with ak.inference_mode():
        w = b[1:]
    assert w._base is b and not w.is_inference()
