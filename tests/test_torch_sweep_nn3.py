"""Third nn sweep compared with PyTorch's printed output (skipped without PyTorch).

Same comparison as tests/test_torch_scenarios.py: the class-index target checks of
``cross_entropy``/``nll_loss`` (which error, in PyTorch's order), the recurrent layers and
cells (seeded, so they start from PyTorch's weights), channel dropout, ``F.interpolate`` and
``nn.Upsample``, parameter vectors, ``pad_sequence`` and ``CyclicLR``. Where float32 sums may
round the last printed digit differently, a snippet prints values rounded (``R``).
"""

# ruff: noqa: E501

from __future__ import annotations

import pytest

from tests.test_torch_scenarios import printed, spelled_alike

torch = pytest.importorskip("torch")
import autograd_kit as ak  # noqa: E402

R = "R = lambda t: (t * 10000).round() / 10000; "

SNIPPETS = [
    # ---- class-index targets: errors in PyTorch's order
    'T.nn.CrossEntropyLoss()(T.randn(3, 4), T.tensor([[1], [0], [2]]))',
    'T.nn.NLLLoss()(T.randn(3, 4), T.tensor([[1], [0], [2]]))',
    'T.nn.CrossEntropyLoss()(T.randn(3, 4), T.zeros(3, 4, dtype=T.long))',
    'T.nn.CrossEntropyLoss()(T.randn(3, 4), T.rand(2, 4))',
    'T.nn.CrossEntropyLoss(label_smoothing=2.)(T.randn(3, 4), T.zeros(3, 4, dtype=T.long))',
    'T.nn.CrossEntropyLoss(label_smoothing=2.)(T.randn(3, 4), T.zeros(3, dtype=T.long))',
    'T.nn.CrossEntropyLoss(weight=T.ones(1, 4))(T.randn(3, 4), T.rand(3, 4))',
    'T.nn.CrossEntropyLoss(weight=T.ones(5))(T.randn(3, 4), T.rand(3, 4))',
    'T.nn.NLLLoss()(T.zeros(3, 4, dtype=T.long), T.zeros(3, dtype=T.long))',
    'T.nn.NLLLoss()(T.zeros(2, 3, 4, dtype=T.long), T.zeros(2, 4, dtype=T.long))',
    'x = T.randn(2, 3, 4, requires_grad=True); l = T.nn.CrossEntropyLoss(weight=T.tensor([[1., 2., 3.]]))(x, T.tensor([[0, 1, 2, 1], [2, 2, 0, 1]])); print(l); l.backward(); print(x.grad)',
]


def target_snippets() -> list[str]:
    """Score and target shapes/dtypes (and weights) that do not fit, for both losses."""
    f, L, I, D = "float32", "long", "int32", "float64"
    cases = [
        ((3, 4), (3, 1), L, None), ((3, 4), (3, 4), L, None), ((3, 4), (2, 4), f, None),
        ((3, 4), (3, 5), f, None), ((3, 4), (3,), f, None), ((4,), (1, 1), L, None),
        ((4,), (2,), L, None), ((4,), (), L, None), ((4,), (4,), L, None), ((3, 4), (), L, None),
        ((3, 4), (3, 1), f, None), ((3, 4, 5), (3, 5, 1), L, None), ((2, 3, 4, 5), (2, 4), L, None),
        ((2, 3, 4, 5), (2, 4, 6), L, None), ((2, 3, 4, 5), (2, 4, 5), f, None),
        ((2, 3, 4, 5), (2, 4, 5, 1), L, None), ((2, 3, 4, 5, 6), (2, 4, 5, 7), L, None),
        ((3, 4), (3,), I, ((5,), f)), ((3, 4), (3,), I, ((4,), D)), ((3, 4), (3, 1), L, ((5,), f)),
        ((3, 4), (3,), L, ((4,), D)), ((3, 4), (3,), L, ((2, 2), f)), ((), (), L, None),
        ((2, 3, 4, 5), (2, 4, 6), I, None), ((2, 3, 4, 5), (2, 4, 6), L, ((5,), f)),
        ((2, 3, 4, 5), (2, 4, 5), I, ((5,), f)), ((2, 3, 4, 5), (2, 4, 6), L, ((3,), D)),
        ((2, 3, 4, 5), (2, 4, 5), L, ((1, 3), f)), ((2, 3, 4), (2, 5), L, ((5,), f)),
        ((2, 3, 4), (2, 4), L, ((5,), f)), ((2, 3, 4), (2, 4), I, ((1, 4), f)),
        ((2, 3, 4), (2, 4), L, ((1, 3), f)), ((4,), (2,), L, ((3,), f)), ((4,), (1,), L, ((4,), D)),
        ((4,), (1,), L, ((1, 4), f)), ((3, 4), (3, 4), D, None), ((3, 4), (3,), "uint8", None),
        ((3, 4), (3,), L, ((1, 4), f)), ((0, 4), (0,), L, None),
    ]
    out = []
    for loss in ("cross_entropy", "nll_loss"):
        for scores, target, dtype, weight in cases:
            w = "None" if weight is None else f"T.ones({weight[0]}, dtype=T.{weight[1]})"
            out.append(f"print(T.nn.functional.{loss}(T.ones({scores}), T.zeros({target}, dtype=T.{dtype}), weight={w}).shape)")
    return out


ALL = SNIPPETS + target_snippets()


@pytest.mark.parametrize("code", ALL, ids=[f"n3_{i:03d}" for i in range(len(ALL))])
def test_same_output_as_pytorch(code: str) -> None:
    expected = spelled_alike(printed(torch, code))
    assert spelled_alike(printed(ak, code)) == expected
