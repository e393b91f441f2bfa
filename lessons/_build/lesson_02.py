# ruff: noqa: E501  (cell text and notebook code lines are written as the learner sees them)
from nb import code, exercise, md, setup, viz, viz_md

FILE = "02_dynamic_graph.ipynb"


def cells():
    return [
        md("""
        # 02 · The dynamic graph: `grad_fn`, `is_leaf`, define-by-run

        **After this lesson you will be able to**
        - name the backward node (`grad_fn`) that each operation records, and follow the
          links between nodes with `next_functions`;
        - say which tensors are leaves and which are not;
        - explain why the graph is *rebuilt every time your code runs*, and how Python's
          `if` and `while` decide its shape.

        **Concepts:** C04, C05, C06 · **Time:** about 20 minutes
        """),
        setup("from checks import node_names, count_nodes"),
        md("""
        ## 1. Every operation leaves a note: `grad_fn`

        When an input requires grad, each operation does two things: it computes its result
        **and** it records a small object that knows how to send gradients back through that
        operation. The result points to that object through its `grad_fn` attribute. The
        object's name (`.name()`, or its type's name) tells you which operation made the tensor; the `0`/`1` at the end only
        tells apart variants of the same operation (PyTorch uses the same names).
        """),
        code("""
        x = ak.ones(2, 2, requires_grad=True)
        y = x + 2
        z = y * y
        m = z.mean()
        d = 10 - m
        p = x ** 3
        for name, t in [("x", x), ("y", y), ("z", z), ("m", m), ("d", d), ("p", p)]:
            print(f"{name}.grad_fn =", t.grad_fn.name() if t.grad_fn else None)
        """),
        code("""
        assert x.grad_fn is None                       # x was made by you: no operation made it
        assert y.grad_fn.name() == "AddBackward0"
        assert z.grad_fn.name() == "MulBackward0"
        assert m.grad_fn.name() == "MeanBackward0"
        assert d.grad_fn.name() == "RsubBackward1"     # number - tensor is a "reversed" subtraction
        assert p.grad_fn.name() == "PowBackward0"
        """),
        md("""
        The printed tensor shows it too: `grad_fn=<MeanBackward0>` is part of `m`'s description.
        """),
        code("print(m)"),
        md("""
        ## 2. Nodes are linked: `next_functions`

        A backward node needs to know where to send gradients next: one link per input of
        the operation. Those links are `next_functions`, a tuple of `(node, index)` pairs.
        Take the example we will use again and again:

        `w = 1`, `x = 2` (both require grad), `a = w + x`, `b = w + 1`, `y = a * b`.
        """),
        code("""
        w = ak.tensor([1.], requires_grad=True)
        x = ak.tensor([2.], requires_grad=True)
        a = w + x
        b = w + 1
        y = a * b
        print(y)
        for node, _ in y.grad_fn.next_functions:
            print("y's node sends to:", type(node).__name__)
        """),
        md("""
        `y`'s `MulBackward0` sends to the two `AddBackward0` nodes that made `a` and `b`.
        Where does `a`'s node send? `w` and `x` were not made by an operation, so there is a
        special node for each: **`AccumulateGrad`**. Its only job is to add the gradient that
        arrives into the tensor's `.grad`. Its `variable` is the tensor itself.
        """),
        code("""
        add_a = y.grad_fn.next_functions[0][0]
        for node, _ in add_a.next_functions:
            print(type(node).__name__, "-> variable is w:", node.variable is w, "| is x:", node.variable is x)
        assert [type(n).__name__ for n, _ in add_a.next_functions] == ["AccumulateGrad", "AccumulateGrad"]
        assert add_a.next_functions[0][0].variable is w and add_a.next_functions[1][0].variable is x
        """),
        md("""
        `b = w + 1` also adds a *number*; a number needs no gradient, so its link is `None`.
        The whole backward graph of `y` has five nodes:
        """),
        code("""
        add_b = y.grad_fn.next_functions[1][0]
        print(add_b.next_functions)
        print(node_names(y))
        assert add_b.next_functions[1][0] is None
        assert node_names(y) == ["AccumulateGrad", "AccumulateGrad", "AddBackward0", "AddBackward0", "MulBackward0"]
        """),
        *viz_md("""
        Here is the same graph drawn by `draw(y)`. The legend explains the colours: the
        leaves `w` and `x` sit at the top, each under its `AccumulateGrad`; the output `y` sits
        at the bottom under the `MulBackward0` that made it; the blue arrows are the
        `next_functions` links. Backward (lesson 04) walks them from `y` up to the leaves.
        """),
        *viz("draw(y)"),
        md("""
        ## 3. Leaves

        A tensor is a **leaf** when no recorded operation made it. That happens in three ways:
        1. you made it yourself (`ak.tensor`, `ones`, …);
        2. it was computed only from tensors that do not require grad (nothing was recorded);
        3. it came out of `.detach()` (lesson 07), which cuts it off from the graph.

        Only leaves have `AccumulateGrad` nodes; only leaves get a `.grad` after backward
        (lesson 05 shows why).
        """),
        code("""
        for name, t in [("w", w), ("x", x), ("a", a), ("b", b), ("y", y)]:
            print(f"{name}: is_leaf={t.is_leaf}")
        assert w.is_leaf and x.is_leaf
        assert not (a.is_leaf or b.is_leaf or y.is_leaf)
        """),
        code("""
        data = ak.tensor([3.])            # no requires_grad
        c = data * 5                      # computed from plain tensors only
        cut = y.detach()                  # the values of y, cut from its graph
        print("c:  ", c.is_leaf, c.grad_fn)
        print("cut:", cut.is_leaf, cut.grad_fn)
        assert c.is_leaf and cut.is_leaf
        """),
        *exercise(1, """
        Let `u = x * 2` and `v = data + 1` (with `x` and `data` from above). Which of them is a
        leaf? Write two booleans.
        """, "my_u_is_leaf, my_v_is_leaf = ..., ...",
        """check(my_u_is_leaf, False, hint="x requires grad, so x * 2 is recorded")
check(my_v_is_leaf, True, hint="data does not require grad: nothing is recorded")"""),
        code("assert not (x * 2).is_leaf and (data + 1).is_leaf"),
        md("""
        ## 4. Define-by-run: the graph is whatever your code did

        The kit does not see your program; it only sees the operations as they happen. So the
        graph is **built while the forward code runs, one node per operation**, and a new one
        is built on every run. Ordinary Python decides its shape: a loop that runs three
        times records three nodes, an `if` records only the branch that was taken.

        Here is a `while` loop whose number of iterations depends on the *values*: keep
        doubling until the norm passes 100.
        """),
        code("""
        def double_until_big(x):
            y = x * 2
            while y.norm() < 100:
                y = y * 2
            return y

        x = ak.tensor([0.5, -1.2, 0.3], requires_grad=True)
        y = double_until_big(x)
        print(y)
        print("multiplications recorded:", count_nodes(y, "MulBackward0"))
        assert count_nodes(y, "MulBackward0") == 7      # 1.34 * 2**7 = 171 > 100
        """),
        md("""
        A smaller start needs more doublings, so its graph is longer. Same code, different
        graph:
        """),
        code("""
        small = ak.tensor([0.01, 0.02, 0.0], requires_grad=True)
        print("multiplications recorded:", count_nodes(double_until_big(small), "MulBackward0"))
        assert count_nodes(double_until_big(small), "MulBackward0") == 13
        """),
        code("""
        def signed(x):
            if x.sum() > 0:
                return x * 2
            return -x

        print(signed(ak.tensor([1., 2.], requires_grad=True)).grad_fn.name())
        print(signed(ak.tensor([-1., -2.], requires_grad=True)).grad_fn.name())
        assert signed(ak.tensor([-1.], requires_grad=True)).grad_fn.name() == "NegBackward0"
        """),
        md("""
        ### Watch the graph being built

        `watch()` films every operation your code records inside a `with` block; the film's
        slider replays them one at a time, so you can see the graph grow as the loop runs.
        Notice that the `y.norm()` in the `while` condition is recorded too (`y` requires
        grad), as a short side branch after each multiplication.
        """),
        code("""
        from widgets import watch

        with watch() as film:
            grown = double_until_big(ak.tensor([1., 2.], requires_grad=True))
        names_in_order = [op.name for op in film.operations]
        print(len(film), "operations:", names_in_order[:4], "...")
        assert names_in_order.count("MulBackward0") == count_nodes(grown, "MulBackward0") == 6
        assert names_in_order.count("LinalgVectorNormBackward0") == 6
        """),
        code("""
        # nbval-ignore-output: a widget view; its model id is new on every run
        film
        """, ignore_output="widget view"),
        md("""
        Film a smaller start: the same code records a longer graph.
        """),
        code("""
        with watch() as longer_film:
            double_until_big(ak.tensor([0.1, 0.2], requires_grad=True))
        muls = [op.name for op in longer_film.operations].count("MulBackward0")
        print("multiplications:", muls, "(the first film had 6)")
        assert muls == 9
        """),
        *viz_md("The graph of a short doubling run, drawn:"),
        *viz("""
        start = ak.tensor([30., 40.], requires_grad=True)   # norm 50: two doublings
        draw(double_until_big(start))
        """),
        *exercise(2, """
        How many `MulBackward0` nodes does `double_until_big(ak.tensor([1., 1., 1.], requires_grad=True))`
        record? (The norm of `[1, 1, 1]` is √3 ≈ 1.73.)
        """, "my_count = ...",
        'check(my_count, 6, hint="find the first k with 1.73 * 2**k > 100")'),
        code("""
        assert count_nodes(double_until_big(ak.tensor([1., 1., 1.], requires_grad=True)), "MulBackward0") == 6
        """),
        md("""
        ## Summary
        - Each recorded operation creates a backward node; the result's `grad_fn` points to it
          (`AddBackward0`, `MulBackward0`, `MeanBackward0`, `RsubBackward1`, `PowBackward0`, …).
          A leaf's `grad_fn` is `None`.
        - Nodes are linked by `next_functions`; a leaf that requires grad is reached through an
          `AccumulateGrad` node.
        - Leaves: tensors you made, tensors computed without any tracked input, and
          `.detach()` results.
        - The graph is recorded while your code runs (define-by-run), so loops and `if`s shape
          it, and it can differ from one run to the next.

        **Next:** [03 · Static vs dynamic graphs](03_static_vs_dynamic.ipynb).
        """),
    ]
