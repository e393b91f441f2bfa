# ruff: noqa: E501  (cell text and notebook code lines are written as the learner sees them)
from nb import code, exercise, md, setup, viz

FILE = "09_higher_order_gradients.ipynb"


def cells():
    return [
        md("""
        # 09 · Higher-order gradients

        **After this lesson you will be able to**
        - get gradients as return values with `ak.autograd.grad`, without touching `.grad`;
        - differentiate several outputs at once, and say how their gradients combine;
        - compute a second derivative with `create_graph=True`, and see that a derivative is
          itself a graph.

        **Concepts:** C25, C26 · **Time:** about 20 minutes
        """),
        setup(),
        md("""
        ## 1. `autograd.grad`: gradients as a return value

        `backward()` adds into every leaf's `.grad`. Sometimes you want the gradient with
        respect to a few chosen tensors, **returned** to you and stored nowhere (a gradient
        penalty, a meta-learning step, a quick check). That is `ak.autograd.grad(outputs,
        inputs)`: it returns a tuple, one gradient per input.

        With `y1 = x1·x2` and `y2 = x1 + x2` at `x1 = 1, x2 = 2`:
        """),
        code("""
        x1 = ak.tensor(1.0, requires_grad=True)
        x2 = ak.tensor(2.0, requires_grad=True)
        y1 = x1 * x2
        y2 = x1 + x2
        g = ak.autograd.grad(y1, [x1, x2], retain_graph=True)
        print(g)
        print("x1.grad is still", x1.grad)
        assert [t.item() for t in g] == [2.0, 1.0] and x1.grad is None
        """),
        md("""
        `∂y1/∂x1 = x2 = 2`, `∂y1/∂x2 = x1 = 1`. Given several outputs, `grad` differentiates
        their **sum** (each output weighted by 1, as in lesson 06):
        `∂(y1 + y2)/∂x1 = 2 + 1 = 3`, `∂(y1 + y2)/∂x2 = 1 + 1 = 2`.
        """),
        code("""
        g = ak.autograd.grad([y1, y2], [x1, x2])
        print(g)
        assert [t.item() for t in g] == [3.0, 2.0]
        """),
        *exercise(1, """
        What does `ak.autograd.grad([y1, y2], [x1, x2], grad_outputs=[ak.tensor(2.), ak.tensor(-1.)])`
        return (as two numbers)? (`grad_outputs` weights each output, like `gradient` in lesson 06.)
        """, "my_g1, my_g2 = ..., ...",
        """check(my_g1, 3.0, hint="2·∂y1/∂x1 − ∂y2/∂x1 = 2·2 − 1")
check(my_g2, 1.0, hint="2·∂y1/∂x2 − ∂y2/∂x2 = 2·1 − 1")"""),
        code("""
        x1 = ak.tensor(1.0, requires_grad=True)
        x2 = ak.tensor(2.0, requires_grad=True)
        g = ak.autograd.grad([x1 * x2, x1 + x2], [x1, x2], grad_outputs=[ak.tensor(2.), ak.tensor(-1.)])
        assert [t.item() for t in g] == [3.0, 1.0]
        """),
        md("""
        ## 2. Derivatives of derivatives: `create_graph=True`

        Normally the backward computation itself is not recorded: the gradient you get is a
        plain tensor. With `create_graph=True`, every operation the backward rules perform is
        recorded like any forward code, so the **gradient has a `grad_fn`** and can be
        differentiated again.

        `y = x²` at `x = 3`: the first derivative is `2x = 6`, the second is `2`.
        """),
        code("""
        x = ak.tensor(3.0, requires_grad=True)
        y = x ** 2
        (dy_dx,) = ak.autograd.grad(y, x, create_graph=True)
        print("dy/dx =", dy_dx)
        assert dy_dx.item() == 6.0 and dy_dx.grad_fn is not None
        """),
        md("""
        `dy_dx` was computed by `PowBackward0`'s rule, `grad · 2 · x`, and that computation is
        now a graph of its own, ending at `x`:
        """),
        *viz("draw(dy_dx)"),
        code("""
        (d2y_dx2,) = ak.autograd.grad(dy_dx, x)
        print("d²y/dx² =", d2y_dx2)
        assert d2y_dx2.item() == 2.0
        """),
        md("""
        The same works with `backward`: `dy_dx.backward()` puts the second derivative in
        `x.grad`.
        """),
        code("""
        x = ak.tensor(3.0, requires_grad=True)
        (dy_dx,) = ak.autograd.grad(x ** 2, x, create_graph=True)
        dy_dx.backward()
        print(x.grad)
        assert x.grad.item() == 2.0
        """),
        *exercise(2, """
        For `y = x³` at `x = 2`, predict the first, second and third derivatives.
        """, "my_d1, my_d2, my_d3 = ..., ..., ...",
        """check(my_d1, 12.0, hint="3x²")
check(my_d2, 12.0, hint="6x")
check(my_d3, 6.0, hint="6")"""),
        code("""
        x = ak.tensor(2.0, requires_grad=True)
        (d1,) = ak.autograd.grad(x ** 3, x, create_graph=True)
        (d2,) = ak.autograd.grad(d1, x, create_graph=True)
        (d3,) = ak.autograd.grad(d2, x)
        print(d1.item(), d2.item(), d3.item())
        assert (d1.item(), d2.item(), d3.item()) == (12.0, 12.0, 6.0)
        """),
        md("""
        ## Summary
        - `ak.autograd.grad(outputs, inputs)` returns a tuple of gradients and leaves `.grad`
          alone; with several outputs it differentiates their (weighted) sum.
        - `create_graph=True` records the backward computation, so a gradient is a tensor
          with its own graph and can be differentiated again: second, third derivatives…

        **Next:** [10 · Custom Functions and hooks](10_custom_functions_and_hooks.ipynb).
        """),
    ]
