"""More autograd semantics compared with PyTorch's printed output (skipped without PyTorch).

Same comparison as tests/test_torch_scenarios.py: custom ``Function`` outputs that are not
tensors, in-place changes through views, memory layout, and the corner cases found by probing the engine against PyTorch.
"""

# ruff: noqa: E501

from __future__ import annotations

import pytest

from tests.test_torch_scenarios import printed, spelled_alike

torch = pytest.importorskip("torch")
import autograd_kit as ak  # noqa: E402

FN = "class F(T.autograd.Function):\n    @staticmethod\n    def forward(ctx, x):\n        return {out}\n    @staticmethod\n    def backward(ctx, *gs):\n        print('backward got', len(gs), gs)\n        return gs[0] * 2\nx = T.tensor([1., 2.], requires_grad=True)\n"

SNIPPETS = [
    # ---- a custom Function may return values that are not tensors: they pass through unchanged
    FN.format(out="x * 2, 3, 's', None") + "out = F.apply(x); print(out); out[0].sum().backward(); print(x.grad)",
    FN.format(out="5") + "print(repr(F.apply(x)))",
    FN.format(out="[x * 2, x * 3]") + "r = F.apply(x); print(type(r).__name__, r)",
    FN.format(out="(x * 2, 2.5)") + "a, b = F.apply(x); print(type(b).__name__, b, a.grad_fn.name()); a.sum().backward(); print(x.grad)",
    FN.format(out="(7, x * 2)") + "a, b = F.apply(x); print(a, b.grad_fn.name()); b.sum().backward(); print(x.grad)",
    FN.format(out="(x * 2, x * 3, {'k': 1})") + "a, b, c = F.apply(x); print(c); (a + b).sum().backward(); print(x.grad)",
    # ---- memory layout (stride, storage_offset, nbytes), Size arithmetic, format, new_empty, vjp without v
    'x = T.arange(12.).reshape(3, 4); print(x.stride(), x.stride(1), x.stride(-1), x.t().stride(), x[1:, 2:].storage_offset(), x[:, 1].stride(), x.expand(2, 3, 4).stride(), x.unsqueeze(0).stride(), x.unsqueeze(2).stride())',
    'x = T.arange(12.).reshape(3, 4); print(x.nbytes, x.itemsize, x.new_empty(2).shape, x.new_empty((2, 3), dtype=T.int64).dtype, x.new_empty(2, requires_grad=True).requires_grad)',
    'x = T.arange(12.).reshape(3, 4); x.stride(2)',
    'print(T.tensor(1.).stride(), T.tensor(1.).storage_offset()); T.tensor(1.).stride(0)',
    'x = T.tensor([[1., 2.], [3., 4.]]); print(x.shape == (2, 2), x.shape == [2, 2], type(x.shape).__name__, x.shape + (1,), (1,) + x.shape, x.shape[1:], tuple(x.shape), x.shape * 2, x.shape[0])',
    'x = T.arange(6.).view(2, 3); y = x[:, 1:]; print(y.storage_offset(), y.is_contiguous(), y.stride(), x.T.contiguous().stride(), x[1].storage_offset(), x[1, 2].storage_offset())',
    'x = T.zeros(2, 1, 3); print(x.stride(), x.permute(2, 0, 1).stride(), x.transpose(0, 2).stride(), x.view(6).stride(), x.squeeze().stride(), T.zeros(0, 3).stride(), T.zeros(3, 0).stride())',
    'x = T.ones(3, 4); print(x.expand(2, 3, 4).is_contiguous(), x[::2].stride(), x[:, ::2].stride(), x[::2].storage_offset())',
    'x = T.tensor([1., 2., 3.]); print(f"{x:.2f}")',
    'x = T.tensor([1., 2., 3.]); print(f"{x}", f"{T.tensor(2.5):.2f}", format(T.tensor(1.), ".3f"))',
    'x = T.tensor([1., 2., 3.]); print(x.dtype, x.is_floating_point(), x.element_size(), x.nbytes, x.itemsize)',
    'x = T.tensor([1., 2., 3.]); print(x.is_contiguous(), x.stride(), x.storage_offset(), x[1:].storage_offset(), T.ones(2, 3).t().stride(), T.ones(2, 3).t().is_contiguous())',
    'x = T.tensor([1., 2., 3.]); print(x.new_zeros(2), x.new_ones((1, 2)), x.new_full((2,), 7.), x.new_tensor([1, 2]), x.new_empty(2).shape)',
    'f = lambda x: x ** 2; x = T.tensor([1., 2.]); T.autograd.functional.vjp(f, x)',
    'f = lambda x: (x ** 2).sum(); x = T.tensor([1., 2.]); print(T.autograd.functional.vjp(f, x))',
    # ---- in-place changes through views: CopySlices on the base, AsStridedBackward0 for views made stale; iterating gives UnbindBackward0
    'x = T.tensor([[1., 2.], [3., 4.]], requires_grad=True); y = x.clone(); y[1][0] = 5.; print(y); y.sum().backward(); print(x.grad)',
    'x = T.tensor([1., 2., 3.], requires_grad=True); y = x * 1; y[0] += 5; print(y); y.sum().backward(); print(x.grad)',
    'x = T.tensor([1., 2., 3.], requires_grad=True); out = T.zeros(2, 3); out[0] += x; print(out); out.sum().backward(); print(x.grad)',
    'x = T.tensor([1., 2., 3.], requires_grad=True); y = x * 1; v = y[:2]; print(v.grad_fn); v.mul_(2); print(v, y); print(y.grad_fn.next_functions); (y * y).sum().backward(); print(x.grad)',
    'x = T.tensor([1., 2., 3.], requires_grad=True); h = x * 1; v = h[:2]; h.mul_(3); print(v); v.sum().backward(); print(x.grad)',
    'x = T.tensor([1., 2., 3.], requires_grad=True); y = x.clone(); v = y[1:]; y[1:] = 0; v.sum().backward(); print(x.grad)',
    'x = T.tensor([1., 2., 3.], requires_grad=True); h = x * 1; v = h.view(3); h.mul_(3); (v * v).sum().backward(); print(x.grad)',
    'x = T.tensor([1., 2., 3.], requires_grad=True); h = x * 1; v = h.unsqueeze(0); h.exp_(); v.sum().backward(); print(x.grad)',
    'x = T.tensor([1., 2., 3.], requires_grad=True); h = x * 1; v = h[1:]; h.zero_(); (v + 1).sum().backward(); print(x.grad)',
    'x = T.tensor([1., 2., 3.], requires_grad=True); h = x * 2; a = h[:2]; b = h[1:]; h[1] = 0; (a * b).sum().backward(); print(x.grad)',
    'x = T.tensor([1., 2., 3.], requires_grad=True); y = T.zeros(3); v = y[1:]; y.add_(x); print(v.requires_grad, v.grad_fn); v.sum().backward(); print(x.grad)',
    'x = T.tensor([[1., 2.], [3., 4.]], requires_grad=True); y = x * 1; y.unbind(1)[0].mul_(2)',
    'x = T.tensor([[1., 2.], [3., 4.]], requires_grad=True); y = x * 1; y.split(1)[0].mul_(2)',
    'x = T.tensor([[1., 2.], [3., 4.]], requires_grad=True); y = x * 1; y.chunk(2)[1].zero_()',
    'x = T.tensor([[1., 2.], [3., 4.]], requires_grad=True); z = T.zeros(2, 2); u = z.unbind(0)[0]; u.add_(x[0])',
    'x = T.tensor([1., 2., 3., 4.], requires_grad=True); y = x * 1; y[0].add_(1); y[1].zero_(); y.view(2, 2)[1].mul_(3); print(y); (y * y).sum().backward(); print(x.grad)',
    'x = T.tensor([[1., 2.], [3., 4.]], requires_grad=True); y = x * 1; y.t()[0] = 0; print(y); (y * x).sum().backward(); print(x.grad)',
    'x = T.tensor([[1., 2.], [3., 4.]], requires_grad=True); y = x * 1; y[:, 0].fill_(0); y.sum().backward(); print(x.grad)',
    'x = T.tensor([[1., 2.], [3., 4.]], requires_grad=True); y = x * 1; z = y[0]; z[0] = 0; print(y, z); (y * 2).sum().backward(); print(x.grad)',
    'x = T.tensor([[1., 2.], [3., 4.]], requires_grad=True); h = x * 1; h.view(2, 2).mul_(2); h.sum().backward(); print(x.grad)',
    'x = T.tensor([1., 2., 3.], requires_grad=True); w = T.tensor([5., 6.], requires_grad=True); y = x * 1; y[1:].mul_(w); print(y.grad_fn.next_functions); (y ** 2).sum().backward(); print(x.grad, w.grad)',
    'x = T.tensor([1., 2., 3.], requires_grad=True); y = x * 1; v = y[1:]; v.exp_(); v.exp_(); y.sum().backward(); print(x.grad)',
    'x = T.tensor([1., 2., 3.], requires_grad=True); y = x * 1; v = y[1:]; e = v.exp(); v.mul_(2); e.sum().backward(); print(x.grad)',
    'x = T.tensor([1., 2., 3.], requires_grad=True); y = x.sigmoid(); v = y[1:]; v.mul_(2); y.sum().backward()',
    'x = T.tensor([1., 2., 3.], requires_grad=True); y = x * 1; y.retain_grad(); v = y[1:]; v.retain_grad(); v.mul_(2); y.sum().backward(); print(y.grad, v.grad, x.grad)',
    'x = T.tensor([1., 2., 3.], requires_grad=True); y = x * 1; v = y[1:]; v.mul_(2); g, = T.autograd.grad(y.sum(), x, create_graph=True); print(g, g.requires_grad)',
    'x = T.tensor([1., 2., 3.], requires_grad=True); y = x * x; v = y[1:]; v.mul_(x[1:]); g, = T.autograd.grad(y.sum(), x, create_graph=True); print(g); g.sum().backward(); print(x.grad)',
    'x = T.tensor([1., 2., 3.], requires_grad=True); y = x * 1; v = y[1:]; v.mul_(2); y.sum().backward(retain_graph=True); y.sum().backward(); print(x.grad)',
    'x = T.tensor([1., 2., 3.], requires_grad=True); y = x * 1; v = y[1:]; v.exp_(); y.sum().backward(); y.sum().backward()',
    'x = T.tensor([1., 2., 3.], requires_grad=True); y = x * 1\nwith T.no_grad():\n    y[1:].mul_(2)\nprint(y, y.grad_fn); y.sum().backward(); print(x.grad)',
    'a = T.tensor([1., 2.], requires_grad=True); b = T.zeros(2, 2); b[0] = a; b[1] = a * 2; print(b); b.sum().backward(); print(a.grad)',
    'w = T.tensor([1., 2.], requires_grad=True); a, b = w; print(a, b); (a * b).backward(); print(w.grad)',
    'w = T.tensor([[1., 2.], [3., 4.]], requires_grad=True); print([r.grad_fn for r in w][0], max(T.tensor([1., 3., 2.], requires_grad=True)))',
    'x = T.tensor([1., 2.], requires_grad=True); v = x[0]; v.add_(1)',
    'x = T.tensor([1., 2., 3.], requires_grad=True); y = x.clone(); y.view(3, 1)[1:, 0] *= 10; print(y); y.sum().backward(); print(x.grad)',
    'x = T.tensor([1., 2., 3.], requires_grad=True); y = x * 1; v = y.expand(2, 3); v.mul_(2)',
    # ---- grad modes inside inference_mode, requires_grad and .data setters, calling a node, grad()/backward() argument checks, autograd.functional (tuples, strict, v checks)
    'x = T.tensor([1., 2.], requires_grad=True)\nwith T.inference_mode():\n    with T.enable_grad():\n        y = x * 2\n        print(T.is_grad_enabled(), T.is_inference_mode_enabled(), y.requires_grad, y.grad_fn, y.is_inference())',
    'with T.inference_mode():\n    y = T.ones(2)\nprint(y.is_inference()); print(y._version)',
    'print(T.set_grad_enabled(False)); T.set_grad_enabled(True); print(T.no_grad(), T.enable_grad())',
    'x = T.tensor([1., 2.]); x.requires_grad = 1; print(x.requires_grad)',
    'x = T.tensor([1., 2.]); x.requires_grad = None',
    'x = T.tensor([1., 2.]); x.requires_grad_(1); print(x.requires_grad)',
    'x = T.tensor([1., 2.], requires_grad=True); x.data = T.tensor([1, 2]); print(x)',
    'x = T.tensor([1., 2.], requires_grad=True); x.data = [1., 2.]',
    'x = T.tensor([1., 2.], requires_grad=True); x.data = T.tensor([1., 2., 3.]); print(x, x.shape)',
    'x = T.tensor([1., 2.], requires_grad=True); y = x.exp(); print(y.grad_fn(T.ones(2)))',
    'x = T.tensor([1., 2.], requires_grad=True); y = x.exp(); print(y.grad_fn(None))',
    'x = T.tensor([1., 2.], requires_grad=True); y = x * x; print(y.grad_fn(T.ones(2)))',
    'x = T.tensor([1., 2.], requires_grad=True); y = x.sum(); print(y.grad_fn(T.tensor(1.)))',
    'x = T.tensor([1., 2.], requires_grad=True); y = (x * 2).sum(); T.autograd.grad(y, [x, None])',
    'x = T.tensor([1., 2.], requires_grad=True); y = (x * 2).sum(); T.autograd.grad(y, [x, 3.])',
    'x = T.tensor([1., 2.], requires_grad=True); y = (x * 2).sum(); print(T.autograd.grad(y, x, grad_outputs=[T.tensor(1.), T.tensor(1.)]))',
    'x = T.tensor([1., 2.], requires_grad=True); y = (x * 2).sum(); T.autograd.grad([y, None], x)',
    'x = T.tensor([1., 2.], requires_grad=True); y = (x * 2).sum(); T.autograd.grad(None, x)',
    'x = T.tensor([1., 2.], requires_grad=True); y = (x * 2).sum(); T.autograd.backward([y, 3.])',
    'x = T.tensor([1., 2.], requires_grad=True); y = (x * 2).sum(); y.backward(inputs=[x, 2.])',
    'x = T.tensor([1., 2.], requires_grad=True); y = (x * 2); print(T.autograd.grad(y, x, grad_outputs=(T.ones(2), T.ones(2))))',
    'f = lambda x: (x, x * 2); x = T.tensor([1., 2.]); print(T.autograd.functional.jacobian(f, x))',
    'f = lambda x: x * 0 + 1; x = T.tensor([1., 2.]); print(T.autograd.functional.jacobian(f, x, strict=True))',
    'f = lambda x: T.ones(2); x = T.tensor([1., 2.]); print(T.autograd.functional.jacobian(f, x, strict=True))',
    'f = lambda x: T.ones(2); x = T.tensor([1., 2.]); print(T.autograd.functional.jacobian(f, x))',
    'f = lambda x: x ** 2; x = T.tensor([1., 2.]); print(T.autograd.functional.jacobian(f, x, vectorize=True), T.autograd.functional.jacobian(f, x, strategy="reverse-mode"))',
    'f = lambda x: x ** 2; x = [T.tensor([1., 2.])]; print(T.autograd.functional.jacobian(f, x))',
    'f = lambda x: 3.; x = T.tensor([1., 2.]); print(T.autograd.functional.jacobian(f, x))',
    'f = lambda x: (x ** 2); x = T.tensor([1., 2.]); print(T.autograd.functional.hessian(f, x))',
    'f = lambda x, y: (x * y).sum(); x = T.tensor([1., 2.]); y = T.tensor([3., 4.]); print(T.autograd.functional.hessian(f, (x, y)))',
    'f = lambda x: (x ** 3).sum(); x = T.tensor([1., 2.]); print(T.autograd.functional.vhp(f, x, T.ones(2)), T.autograd.functional.hvp(f, x, T.ones(2)))',
    'f = lambda x: (x ** 3).sum(); x = T.tensor([1., 2.]); print(T.autograd.functional.vhp(f, x))',
    'f = lambda x: x ** 3; x = T.tensor([1., 2.]); print(T.autograd.functional.jvp(f, x))',
    'f = lambda x: x ** 3; x = T.tensor([1., 2.]); print(T.autograd.functional.jvp(f, x, T.ones(3)))',
    'f = lambda x: (x ** 3).sum(); x = T.tensor(2.); print(T.autograd.functional.jvp(f, x), T.autograd.functional.vjp(f, x), T.autograd.functional.hessian(f, x))',
    'f = lambda x, y: (x * y, x + y.sum()); x = T.tensor([1., 2.]); y = T.tensor([3., 4., 5.]); print(T.autograd.functional.jacobian(f, (x, y)))',
    'f = lambda x, y: x * 2; x = T.tensor([1., 2.]); y = T.tensor([3., 4.]); print(T.autograd.functional.jacobian(f, (x, y)))',
    'f = lambda x, y: x * 2; x = T.tensor([1., 2.]); y = T.tensor([3., 4.]); print(T.autograd.functional.jacobian(f, (x, y), strict=True))',
    'f = lambda x, y: (x * y).sum() + (x ** 3).sum(); x = T.tensor([1., 2.]); y = T.tensor([3., 4.]); print(T.autograd.functional.hessian(f, (x, y)))',
    'f = lambda x: (x ** 3).sum(); x = T.tensor([1., 2.], requires_grad=True); h = T.autograd.functional.hessian(f, x, create_graph=True); print(h, h.requires_grad)',
    'f = lambda x: x ** 3; x = T.tensor([1., 2.]); print(T.autograd.functional.vjp(f, x, T.ones(2)), T.autograd.functional.jvp(f, x, T.ones(2)))',
    'f = lambda x: (x ** 2, x.sum()); x = T.tensor([1., 2.]); print(T.autograd.functional.vjp(f, x, (T.ones(2), T.tensor(3.))))',
    'f = lambda x: (x ** 2, x.sum()); x = T.tensor([1., 2.]); print(T.autograd.functional.vjp(f, x, T.ones(2)))',
    'f = lambda x: (x ** 2, x.sum()); x = T.tensor([1., 2.]); print(T.autograd.functional.jvp(f, x, T.ones(2)))',
    'f = lambda x, y: (x * y).sum(); x = T.tensor([1., 2.]); y = T.tensor([3., 4.]); print(T.autograd.functional.vhp(f, (x, y), (T.ones(2), T.ones(2))))',
    'f = lambda x, y: (x * y).sum(); x = T.tensor([1., 2.]); y = T.tensor([3., 4.]); print(T.autograd.functional.hvp(f, (x, y), (T.ones(2), T.zeros(2))))',
    'f = lambda x: x.sum(); x = T.tensor([1., 2.]); print(T.autograd.functional.hessian(f, x))',
    'f = lambda x: x.sum(); x = T.tensor([1., 2.]); print(T.autograd.functional.hessian(f, x, strict=True))',
    'f = lambda x: x ** 2; x = T.tensor([1., 2.]); print(T.autograd.functional.jacobian(f, x, strategy="sideways"))',
    'f = lambda x: [x ** 2]; x = T.tensor([1., 2.]); print(T.autograd.functional.jacobian(f, x))',
    'f = lambda x: (x ** 2).sum(); x = T.tensor([1., 2.]); print(T.autograd.functional.vjp(f, x, T.tensor([1., 1.])))',
    'f = lambda x: (x ** 2).sum(); x = T.tensor([1., 2.]); print(T.autograd.functional.jvp(f, x, (T.ones(2), T.ones(2))))',
]


@pytest.mark.parametrize("code", SNIPPETS, ids=[f"m{i:03d}" for i in range(len(SNIPPETS))])
def test_same_output_as_pytorch(code: str) -> None:
    expected = spelled_alike(printed(torch, code))
    assert spelled_alike(printed(ak, code)) == expected
