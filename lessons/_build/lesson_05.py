# ruff: noqa: E501  (cell text and notebook code lines are written as the learner sees them)
from nb import code, exercise, md, setup, viz

FILE = "05_what_backward_keeps.ipynb"


def cells():
    return [
        md("""
        # 05 · What backward keeps: leaves, `retain_grad`, freeing, accumulation

        **After this lesson you will be able to**
        - say which tensors have a `.grad` after backward, and keep one for a non-leaf with
          `retain_grad()`;
        - explain the "backward through the graph a second time" error, and when
          `retain_graph=True` is the fix;
        - explain why gradients **accumulate** across backward calls, and zero them.

        **Concepts:** C10, C11, C15, C16 · **Time:** about 20 minutes
        """),
        setup("import warnings\nfrom checks import describe_step"),
        md("""
        ## 1. Only leaves keep `.grad`

        Backward computes a gradient for *every* node on the way, but it stores only the
        leaves' ones in `.grad`: those are what you optimise. The intermediate gradients are
        thrown away as soon as they have been passed on, which saves memory (a large network
        has many more intermediate tensors than weights).
        """),
        code("""
        def example():
            w = ak.tensor([1.], requires_grad=True)
            x = ak.tensor([2.], requires_grad=True)
            a = x + w
            b = w + 1
            y = a * b
            return w, x, a, b, y

        w, x, a, b, y = example()
        y.backward()
        print("w.grad =", w.grad, " x.grad =", x.grad)
        assert w.grad.tolist() == [5.0] and x.grad.tolist() == [2.0]
        """),
        md("""
        Reading `.grad` of a non-leaf gives `None`, and a warning, because it is almost
        always a mistake (you meant a leaf, or forgot `retain_grad()`):
        """),
        code("""
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            print("a.grad, b.grad, y.grad =", a.grad, b.grad, y.grad)
            assert a.grad is None and b.grad is None and y.grad is None
        print("warning:", caught[0].message)
        assert "not a leaf" in str(caught[0].message)
        """),
        md("""
        ## 2. `retain_grad()` keeps a non-leaf's gradient

        Call `retain_grad()` on a non-leaf **before** backward, and the engine writes its
        gradient too. Here `∂y/∂a = b = 2`.
        """),
        code("""
        w, x, a, b, y = example()
        a.retain_grad()
        y.backward()
        print("a.grad =", a.grad, " retains_grad:", a.retains_grad)
        assert a.grad.tolist() == [2.0]
        """),
        *viz("""
        # a is marked as retaining its gradient (see the legend)
        draw(y)
        """),
        *exercise(1, """
        If you also called `b.retain_grad()` before backward, what would `b.grad` be?
        """, "my_b_grad = ...",
        'check(my_b_grad, 3.0, hint="∂y/∂b = a, and a = x + w")'),
        code("""
        w, x, a, b, y = example()
        b.retain_grad()
        y.backward()
        assert b.grad.item() == 3.0
        """),
        md("""
        ## 3. The graph is freed after backward

        `y = a * b` needs `a` and `b` to compute its gradients, so `MulBackward0` **saved** them
        during the forward pass. Once backward has used them, it releases them: again, memory.
        A second `backward()` through the same nodes then has nothing to work with, and fails
        with a clear message:
        """),
        code("""
        w, x, a, b, y = example()
        y.backward()
        try:
            y.backward()
        except RuntimeError as err:
            message = str(err)
            print("RuntimeError:", message)
        assert message.startswith("Trying to backward through the graph a second time")
        """),
        md("""
        The step records say which nodes released their saved values (`freed`):
        """),
        code("""
        w, x, a, b, y = example()
        for record in ak.autograd.backward_steps(y):
            print(f"{type(record.node).__name__:15} freed its saved values: {record.freed}")
        """),
        *viz("""
        # after backward: the values MulBackward0 saved are shown as freed
        draw(y)
        """),
        md("""
        If you really need to go through the graph twice, ask backward to keep it with
        `retain_graph=True`. The second pass then **adds** to `.grad`: `5 → 10`.
        """),
        code("""
        w, x, a, b, y = example()
        y.backward(retain_graph=True)
        print("after the first backward: ", w.grad)
        first = w.grad.item()
        y.backward()
        print("after the second backward:", w.grad)
        assert (first, w.grad.item()) == (5.0, 10.0)
        """),
        md("""
        ## 4. Gradients accumulate

        Why add, rather than overwrite? Because the engine's contract is *"add this backward's
        contribution to `.grad`"*. That makes some things easy (summing gradients over several
        mini-batches before one update, or over several losses), but it means that in an
        ordinary training loop you must **zero the gradients yourself** before each backward.

        Four rounds of forward + backward, never zeroing:
        """),
        code("""
        w = ak.tensor([1.], requires_grad=True)
        x = ak.tensor([2.], requires_grad=True)
        history = []
        for _ in range(4):
            y = (x + w) * (w + 1)      # a fresh graph every round
            y.backward()
            history.append(w.grad.item())
        print(history)
        assert history == [5.0, 10.0, 15.0, 20.0]
        """),
        md("The same, zeroing `w.grad` in place after each round:"),
        code("""
        w = ak.tensor([1.], requires_grad=True)
        x = ak.tensor([2.], requires_grad=True)
        history = []
        for _ in range(4):
            y = (x + w) * (w + 1)
            y.backward()
            history.append(w.grad.item())
            w.grad.zero_()
            x.grad.zero_()
        print(history)
        assert history == [5.0, 5.0, 5.0, 5.0]
        """),
        *exercise(2, """
        Without zeroing, you run the forward + backward of `y = (x + w) * (w + 1)` three times,
        then call `x.grad.zero_()` and run it twice more. What are `w.grad` and `x.grad` now?
        """, "my_w_grad, my_x_grad = ..., ...",
        """check(my_w_grad, 25.0, hint="w.grad was never zeroed: 5 per round")
check(my_x_grad, 4.0, hint="x.grad restarts from 0 and collects 2 per round")"""),
        code("""
        w = ak.tensor([1.], requires_grad=True)
        x = ak.tensor([2.], requires_grad=True)
        for i in range(5):
            if i == 3:
                x.grad.zero_()
            ((x + w) * (w + 1)).backward()
        assert (w.grad.item(), x.grad.item()) == (25.0, 4.0)
        """),
        md("""
        ## Summary
        - After backward only leaves (and tensors marked with `retain_grad()`) have `.grad`;
          reading a non-leaf's `.grad` gives `None` with a warning.
        - Backward frees the values the nodes saved; a second backward through them fails
          ("Trying to backward through the graph a second time…") unless the first one used
          `retain_graph=True`.
        - Every backward **adds** into `.grad`; zero gradients (`w.grad.zero_()`) before each
          new backward in a training loop.

        **Next:** [06 · Vector–Jacobian products](06_vector_jacobian_products.ipynb).
        """),
    ]
