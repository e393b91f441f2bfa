"""The syllabus graphs the widget tests draw and step through (C08, C09, C11, C12)."""

from __future__ import annotations

from typing import Any

import autograd_kit as ak


def c08_mean() -> dict[str, Any]:
    """C08: x = ones(2,2), y = x + 2, z = y*y*2, out = z.mean() → x.grad all 3."""
    x = ak.ones(2, 2, requires_grad=True)
    y = x + 2
    z = y * y * 2
    out = z.mean()
    return {"x": x, "y": y, "z": z, "out": out}


def c08_product() -> dict[str, Any]:
    """C08/C10: y = (x + w) * (w + 1), w = 1, x = 2 → y = 6, w.grad = 5, x.grad = 2."""
    w = ak.tensor([1.0], requires_grad=True)
    x = ak.tensor([2.0], requires_grad=True)
    a = x + w
    b = w + 1
    y = a * b
    return {"w": w, "x": x, "a": a, "b": b, "y": y}


def c09_paths(device: str = "cpu") -> dict[str, Any]:
    """C09: b = w1*a, c = w2*a, d = w3*b + w4*c, L = 10 - d → ∂L/∂a = 3.5."""
    def leaf(v: float) -> ak.Tensor:
        return ak.tensor(v, requires_grad=True, device=device)

    a, w1, w2, w3, w4 = leaf(2.0), leaf(0.5), leaf(-1.5), leaf(2.0), leaf(3.0)
    b = w1 * a
    c = w2 * a
    d = w3 * b + w4 * c
    L = 10 - d
    return {"a": a, "w1": w1, "w2": w2, "w3": w3, "w4": w4, "b": b, "c": c, "d": d, "L": L}


def c11_retain() -> dict[str, Any]:
    """C11: the C08 product with a.retain_grad() → a.grad = 2."""
    g = c08_product()
    g["a"].retain_grad()
    return g


def c12_vector(device: str = "cpu") -> dict[str, Any]:
    """C12: z = x*y with x=[0,2,8], y=[5,1,7]; z.backward(ones(3)) → x.grad = y, y.grad = x."""
    x = ak.tensor([0.0, 2.0, 8.0], requires_grad=True, device=device)
    y = ak.tensor([5.0, 1.0, 7.0], requires_grad=True, device=device)
    z = x * y
    return {"x": x, "y": y, "z": z}
