"""More optimizers and losses compared with PyTorch's printed output (skipped without PyTorch).

Same comparison as tests/test_torch_scenarios.py: Adamax, NAdam, RAdam, Adadelta, Rprop,
ASGD and LBFGS (steps in float64, reprs, defaults, state_dict, argument errors), and the
margin, ranking, embedding, Poisson and Gaussian losses (values, gradients, node names,
reductions, errors). Where float32 sums may round the last printed digit differently, a
snippet prints values rounded (``R``).
"""

# ruff: noqa: E501

from __future__ import annotations

import pytest

from tests.test_torch_scenarios import assert_same_as_pytorch

torch = pytest.importorskip("torch")

R = "R = lambda t: (t * 10000).round() / 10000; "

# a small float64 problem: steps of an optimizer on it, printed after each step
FIT = ("w = T.nn.Parameter(T.tensor([[0.5, -1.2, 0.3], [2.0, -0.1, 0.0]], dtype=T.float64)); "
       "b = T.nn.Parameter(T.tensor([0.1, -0.3], dtype=T.float64)); "
       "x = T.tensor([[1., 2., -1.], [0.5, -0.5, 3.]], dtype=T.float64); ")
LOSS = "(w * w * w * w * 0.1 - w * x).sum() + (b * b * x[0, :2]).sum()"
STEPS = ("\nfor i in range(5):\n    opt.zero_grad(); l = " + LOSS
         + "; l.backward(); opt.step(); print(w.detach(), b.detach())\n")
LBFGS_STEPS = ("\ndef closure():\n    opt.zero_grad(); l = " + LOSS + "; l.backward(); return l\n"
               "for i in range(3):\n    print(opt.step(closure).detach(), w.detach(), b.detach())\n")


def opt_snippets() -> list[str]:
    """Each optimizer with its defaults and with other settings: steps, then the state."""
    cases = [
        "Adamax", "Adamax, lr=0.1, weight_decay=0.1, maximize=True, betas=(0.3, 0.8)",
        "NAdam", "NAdam, lr=0.1, weight_decay=0.1", "NAdam, lr=0.1, weight_decay=0.1, decoupled_weight_decay=True, maximize=True, momentum_decay=0.01",
        "RAdam", "RAdam, lr=0.1, weight_decay=0.1, betas=(0.5, 0.9)", "RAdam, lr=0.1, weight_decay=0.1, decoupled_weight_decay=True, maximize=True, betas=(0.5, 0.7)",
        "Adadelta", "Adadelta, lr=0.5, rho=0.5, weight_decay=0.1, maximize=True",
        "Rprop", "Rprop, lr=0.1, etas=(0.3, 1.5), step_sizes=(0.01, 0.2), maximize=True",
        "ASGD", "ASGD, lr=0.1, lambd=0.1, alpha=0.5, t0=2, weight_decay=0.1",
    ]
    out = []
    for case in cases:
        name, _, kw = case.partition(", ")
        setup = f"opt = T.optim.{name}([w, b]{', ' + kw if kw else ''}); print(opt)"
        tail = "print(sorted(opt.state_dict()['state'][0]), opt.state_dict()['param_groups'])"
        out.append(FIT + setup + STEPS + tail)
    lbfgs = ["", "lr=0.5, history_size=2, max_iter=5", "line_search_fn='strong_wolfe'",
             "line_search_fn='strong_wolfe', history_size=3, max_iter=7, lr=0.8",
             "max_iter=4, max_eval=6, tolerance_change=1e-3"]
    for kw in lbfgs:
        setup = f"opt = T.optim.LBFGS([w, b]{', ' + kw if kw else ''}); print(opt)"
        tail = "s = opt.state[w]; print(s['func_evals'], s['n_iter'], len(s['old_dirs']), sorted(s))"
        out.append(FIT + setup + LBFGS_STEPS + tail)
    return out


SNIPPETS = [
    # ---- optimizers: defaults, reprs, errors, state round trip
    "p = T.nn.Parameter(T.zeros(2)); print([type(o).__name__ for o in (T.optim.Adamax([p]), T.optim.NAdam([p]), T.optim.RAdam([p]), T.optim.Adadelta([p]), T.optim.Rprop([p]), T.optim.ASGD([p]), T.optim.LBFGS([p]))])",
    "p = T.nn.Parameter(T.zeros(2)); print(T.optim.Rprop([p]).defaults, T.optim.ASGD([p]).defaults, T.optim.LBFGS([p], max_iter=8).defaults)",
    "p = T.nn.Parameter(T.zeros(2)); print(T.optim.NAdam([p]).defaults, T.optim.RAdam([p]).defaults, T.optim.Adadelta([p]).defaults)",
    "T.optim.Adamax([T.nn.Parameter(T.zeros(2))], lr=-1)",
    "T.optim.Adamax([T.nn.Parameter(T.zeros(2))], betas=(0.9, 1.0))",
    "T.optim.NAdam([T.nn.Parameter(T.zeros(2))], momentum_decay=-1)",
    "T.optim.RAdam([T.nn.Parameter(T.zeros(2))], eps=-1)",
    "T.optim.Adadelta([T.nn.Parameter(T.zeros(2))], rho=1.5)",
    "T.optim.Rprop([T.nn.Parameter(T.zeros(2))], etas=(1.5, 1.2))",
    "T.optim.ASGD([T.nn.Parameter(T.zeros(2))], weight_decay=-1)",
    "T.optim.LBFGS([{'params': [T.nn.Parameter(T.zeros(2))]}, {'params': [T.nn.Parameter(T.zeros(2))]}])",
    "p = T.nn.Parameter(T.ones(2)); opt = T.optim.LBFGS([p], line_search_fn='x'); opt.step(lambda: (p * p).sum().backward() or (p * p).sum())",
    "p = T.nn.Parameter(T.zeros(2)); opt = T.optim.LBFGS([p]); p.grad = T.zeros(2); print(opt.step(lambda: T.tensor(3.)), dict(opt.state[p]))",
    "p = T.nn.Parameter(T.tensor([1., -2.])); q = T.nn.Parameter(T.tensor([0.5]))\nfor name in ['Adamax', 'NAdam', 'RAdam', 'Adadelta', 'Rprop', 'ASGD']:\n    opt = getattr(T.optim, name)([{'params': [p]}, {'params': [q], 'lr': 0.5}])\n    (p.sum() * q.sum()).backward(); opt.step(); opt.zero_grad()\n    sd = opt.state_dict(); print(name, {k: v for k, v in sd['state'][0].items()}, [g['lr'] for g in sd['param_groups']])\n    opt2 = getattr(T.optim, name)([{'params': [p]}, {'params': [q]}]); opt2.load_state_dict(sd); print(opt2.param_groups[1]['lr'], opt2.state[q])",
    "p = T.nn.Parameter(T.tensor([1., -2.])); opt = T.optim.NAdam([p]); p.grad = T.tensor([0.5, 0.5]); opt.step(); opt.step(); print(opt.state[p]['mu_product'], opt.state[p]['step'], p)",
    "p = T.nn.Parameter(T.tensor([1., -2.])); opt = T.optim.ASGD([p], t0=1); p.grad = T.tensor([0.5, 0.5])\nfor i in range(3):\n    opt.step(); print(opt.state[p])",
    "p = T.nn.Parameter(T.tensor([1., -2., 3.])); opt = T.optim.Rprop([p])\nfor g in ([1., -1., 0.], [1., 1., 2.], [-1., 1., 2.]):\n    p.grad = T.tensor(g); opt.step(); print(p, opt.state[p]['step_size'], opt.state[p]['prev'])",
    "p = T.nn.Parameter(T.tensor([1., -2.])); q = T.nn.Parameter(T.tensor([3.])); opt = T.optim.Adadelta([p, q]); p.grad = T.ones(2); opt.step(); print(p, q, list(opt.state_dict()['state']))",
    # ---- losses: values, gradients, node names, reductions
    "a = T.randn(4, requires_grad=True); b = T.randn(4, requires_grad=True); y = T.tensor([1., -1., 1., -1.])\nfor r in ('mean', 'sum', 'none'):\n    l = T.nn.MarginRankingLoss(margin=0.5, reduction=r)(a, b, y); print(l)\nl.sum().backward(); print(a.grad, b.grad)",
    "T.nn.functional.margin_ranking_loss(T.randn(4), T.randn(4, 1), T.ones(4))",
    "x = T.randn(5, requires_grad=True); y = T.tensor([1., -1., -1., 1., -1.])\nfor r in ('mean', 'sum', 'none'):\n    l = T.nn.HingeEmbeddingLoss(margin=0.7, reduction=r)(x, y); print(l)\nl.sum().backward(); print(x.grad, T.nn.HingeEmbeddingLoss())",
    "a = T.randn(3, 4, requires_grad=True); b = T.randn(3, 4, requires_grad=True); y = T.tensor([1, -1, -1])\nfor r in ('mean', 'sum', 'none'):\n    l = T.nn.CosineEmbeddingLoss(margin=-0.5, reduction=r)(a, b, y); print(l)\nl.sum().backward(); print(a.grad, b.grad)",
    "a = T.randn(4, requires_grad=True); l = T.nn.functional.cosine_embedding_loss(a, a * 2 + 1, T.tensor(-1)); print(l); l.backward(); print(a.grad)",
    "T.nn.functional.cosine_embedding_loss(T.randn(3, 4), T.randn(3, 4), T.ones(3, 1))",
    "T.nn.functional.cosine_embedding_loss(T.randn(3, 4), T.randn(4), T.ones(3))",
    "T.nn.functional.cosine_embedding_loss(T.randn(4), T.randn(4), T.ones(3))",
    R + "a, p, n = (T.randn(3, 5, requires_grad=True) for _ in range(3))\nfor r in ('mean', 'sum', 'none'):\n    l = T.nn.TripletMarginLoss(margin=2.0, reduction=r)(a, p, n); print(l)\nl.sum().backward(); print(R(a.grad), R(n.grad), T.nn.TripletMarginLoss())",
    R + "a, p, n = (T.randn(4, 3, requires_grad=True) for _ in range(3)); l = T.nn.functional.triplet_margin_loss(a, p, n, margin=3.0, p=1, swap=True); print(l); l.backward(); print(R(a.grad), R(p.grad))",
    "T.nn.TripletMarginLoss(margin=0)",
    "T.nn.functional.triplet_margin_loss(T.randn(3, 4), T.randn(3, 4), T.randn(4), margin=-1)",
    "T.nn.functional.triplet_margin_loss(T.randn(3, 4), T.randn(3, 4), T.randn(4))",
    "x = T.randn(3, 4, requires_grad=True); y = T.randn(3, 4).sign()\nfor r in ('mean', 'sum', 'none'):\n    l = T.nn.SoftMarginLoss(reduction=r)(x, y); print(l)\nl.sum().backward(); print(x.grad, l.grad_fn.next_functions)",
    "x = T.randn(3, 4, requires_grad=True); T.nn.functional.soft_margin_loss(x, T.ones(3, 4, requires_grad=True))",
    "T.nn.functional.soft_margin_loss(T.randn(3), T.randn(4))",
    "T.nn.SoftMarginLoss(reduction='x')(T.randn(3), T.randn(3))",
    R + "x = T.randn(3, 4, requires_grad=True); y = (T.randn(3, 4) > 0).float(); w = T.rand(4)\nfor r in ('mean', 'sum', 'none'):\n    l = T.nn.MultiLabelSoftMarginLoss(weight=w, reduction=r)(x, y); print(l)\nl.sum().backward(); print(R(x.grad), T.nn.MultiLabelSoftMarginLoss())",
    "T.nn.functional.multilabel_soft_margin_loss(T.randn(3, 4), T.ones(3, 4), reduction='x')",
    "x = T.randn(3, 4, requires_grad=True); y = T.tensor([[3, 0, -1, 1], [1, 2, 3, 0], [-1, 1, 2, 3]])\nfor r in ('mean', 'sum', 'none'):\n    l = T.nn.MultiLabelMarginLoss(reduction=r)(x, y); print(l)\nl.sum().backward(); print(x.grad, l.grad_fn.next_functions)",
    "x = T.randn(4, requires_grad=True); l = T.nn.functional.multilabel_margin_loss(x, T.tensor([2, 1, -1, 3]), reduction='none'); print(l); l.backward(); print(x.grad)",
    "T.nn.functional.multilabel_margin_loss(T.randn(3, 4), T.tensor([1, 0, 2]))",
    "T.nn.functional.multilabel_margin_loss(T.randn(3, 4), T.tensor([[1, 0, 2, 5]] * 3))",
    "T.nn.functional.multilabel_margin_loss(T.randn(3, 4), T.tensor([[1., 0, 2, 3]] * 3))",
    "T.nn.functional.multilabel_margin_loss(T.randn(3, 4, 1), T.tensor([[1, 0, 2, 3]] * 3))",
    "print(T.nn.functional.multilabel_margin_loss(T.randn(0, 4), T.zeros(0, 4, dtype=T.long), reduction='none'))",
    "x = T.randn(3, 4, requires_grad=True); y = T.tensor([1, 0, 3]); w = T.tensor([1., 2., 0.5, 3.])\nfor r in ('mean', 'sum', 'none'):\n    l = T.nn.MultiMarginLoss(weight=w, reduction=r)(x, y); print(l)\nl.sum().backward(); print(x.grad, l.grad_fn.next_functions, T.nn.MultiMarginLoss())",
    "x = T.randn(3, 4, requires_grad=True); l = T.nn.MultiMarginLoss(p=2, margin=1.5)(x, T.tensor([1, 0, 3])); print(l); l.backward(); print(x.grad)",
    "print(T.nn.functional.multi_margin_loss(T.randn(4), T.tensor(1), reduction='none').shape, T.nn.functional.multi_margin_loss(T.randn(4), T.tensor([1]), reduction='none').shape, T.nn.functional.multi_margin_loss(T.randn(4), T.tensor([1])))",
    "T.nn.functional.multi_margin_loss(T.randn(3, 4), T.tensor([1, 0]))",
    "T.nn.functional.multi_margin_loss(T.randn(3, 4), T.tensor([1, 0, 4]))",
    "T.nn.functional.multi_margin_loss(T.randn(3, 4), T.tensor([1., 0, 2]))",
    "T.nn.functional.multi_margin_loss(T.randn(3, 0), T.tensor([1, 0, 2]))",
    "T.nn.functional.multi_margin_loss(T.randn(3, 4), T.tensor([1, 0, 2]), weight=T.ones(3))",
    "T.nn.functional.multi_margin_loss(T.randn(3, 4), T.tensor([1, 0, 2]), p=3)",
    "T.nn.functional.multi_margin_loss(T.randn(3, 4), T.tensor([1, 0, 2]), weight=T.ones(1, 4))",
    "T.nn.functional.multi_margin_loss(T.randn(3, 4).double(), T.tensor([1, 0, 2]), weight=T.ones(4))",
    "T.nn.MultiMarginLoss(p=3)",
    "T.nn.MultiMarginLoss(weight=T.ones(2, 2))",
    "x = T.randn(3, 4, requires_grad=True); y = T.randint(0, 5, (3, 4)).float()\nfor r in ('mean', 'sum', 'none'):\n    l = T.nn.PoissonNLLLoss(reduction=r)(x, y); print(l)\nl.sum().backward(); print(x.grad, T.nn.PoissonNLLLoss())",
    "x = T.rand(3, 4, requires_grad=True); y = T.tensor([[0., 1., 2., 5.]] * 3)\nfor r in ('mean', 'sum', 'none'):\n    l = T.nn.PoissonNLLLoss(log_input=False, full=True, reduction=r)(x, y); print(l)\nl.sum().backward(); print(x.grad)",
    "T.nn.functional.poisson_nll_loss(T.randn(3), T.randn(3), reduction='x')",
    "x = T.randn(3, 4, requires_grad=True); y = T.randn(3, 4); v = T.rand(3, 4, requires_grad=True)\nfor r in ('mean', 'sum', 'none'):\n    l = T.nn.GaussianNLLLoss(reduction=r)(x, y, v); print(l)\nl.sum().backward(); print(x.grad, v.grad, T.nn.GaussianNLLLoss())",
    "x = T.randn(3, 4, requires_grad=True); v = T.rand(3, requires_grad=True); l = T.nn.GaussianNLLLoss(full=True, eps=0.5)(x, T.zeros(3, 4), v); print(l); l.backward(); print(x.grad, v.grad)",
    "x = T.randn(3, 4, requires_grad=True); v = T.rand(3, 1); print(T.nn.functional.gaussian_nll_loss(x, T.zeros(3, 4), v), T.nn.functional.gaussian_nll_loss(x, T.zeros(3, 4), 0.5))",
    "T.nn.functional.gaussian_nll_loss(T.randn(3, 4), T.zeros(3, 4), T.rand(2, 4))",
    "T.nn.functional.gaussian_nll_loss(T.randn(3, 4), T.zeros(3, 4), -T.rand(3, 4))",
    "T.nn.functional.gaussian_nll_loss(T.randn(3, 4), T.zeros(3, 4), -1.0)",
    "T.nn.functional.gaussian_nll_loss(T.randn(3, 4), T.zeros(3, 4), T.rand(3, 4), reduction='x')",
    "print(T.nn.functional.pairwise_distance(T.tensor([[1., 2.], [3., 4.]]), T.tensor([[0., 2.], [1., 1.]])), T.nn.functional.pairwise_distance(T.tensor([1., 2.]), T.tensor([0., 0.]), p=1, keepdim=True))",
]

ALL = SNIPPETS + opt_snippets()


@pytest.mark.parametrize("code", ALL, ids=[f"o2_{i:03d}" for i in range(len(ALL))])
def test_same_output_as_pytorch(code: str) -> None:
    assert_same_as_pytorch(code)
