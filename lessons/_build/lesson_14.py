# ruff: noqa: E501  (cell text and notebook code lines are written as the learner sees them)
from nb import code, exercise, md, setup, step

FILE = "14_reading_the_engine.ipynb"

SRC_NOTE = """
        # nbval-ignore-output: this prints the kit's current source, which changes as the kit
        # evolves; the asserts below the listing check the facts the lesson relies on."""


def cells():
    return [
        md("""
        # 14 · Reading the engine

        **After this lesson you will be able to**
        - find, in the kit's own source, how an operation computes its result and records its
          backward node;
        - explain how the backward pass orders the nodes (**dependency counting**: a node runs
          only after every consumer has sent its gradient);
        - point at the line where gradients that meet are summed, and where saved tensors are
          freed;
        - use `ak.autograd.backward_steps` to watch the engine work, one record per node.

        **Concepts:** C32 · **Time:** about 30 minutes

        Everything you have used so far is a few hundred lines of readable Python. We read the
        real files here, with `inspect.getsource`, so what you see is what runs.
        """),
        setup("""
        import inspect
        from checks import describe_step


        def excerpt(obj, first, last=None):
            \"\"\"Print obj's source from the first line containing `first` to the first line
            after it containing `last` (or just that line).\"\"\"
            lines = inspect.getsource(obj).splitlines()
            start = next(i for i, line in enumerate(lines) if first in line)
            ends = [i for i in range(start, len(lines)) if last and last in lines[i]]
            stop = ends[0] if ends else start + (12 if last else 0)
            print("\\n".join(lines[start:stop + 1]))
        """),
        md("""
        ## 1. An operation: forward and backward side by side

        Each operation is a `Function` subclass in `autograd_kit/ops/`. Here is
        multiplication, from `autograd_kit/ops/arithmetic.py`. The docstring states the
        derivative; `forward` computes on raw arrays and **saves** the operands that backward
        will need (`save_factors` calls `ctx.save_for_backward`, keeping each factor only if
        the *other* one needs a gradient, as PyTorch does); `backward` turns the arriving
        gradient into one gradient per input, exactly the "local derivative" step of lesson 04.
        """),
        code(SRC_NOTE + """
        print(inspect.getsource(ak.ops.arithmetic.Mul))
        """, ignore_output="source listing"),
        code("""
        source = inspect.getsource(ak.ops.arithmetic.Mul)
        assert "save_factors" in source and "def backward" in source
        assert "save_for_backward" in inspect.getsource(ak.ops.operands.save_factors)
        assert ak.ops.arithmetic.Mul.node_name == "MulBackward0"
        """),
        md("""
        ## 2. How an operation records its node: `Function.apply`

        Every operation ends up in its Function's `apply`: `x.exp()` in `Exp.apply(x)`,
        `a * b` in `Mul.apply(a, b)`. `apply`, in `autograd_kit/function.py`, is where the
        graph grows. Read it looking for three things: it runs `forward` **without
        recording** (so the forward's own steps do not appear in the graph); it decides
        whether the result needs a node at all (contagion, lesson 01: any input requiring
        grad, and recording switched on); and it hands the new node to `connect`
        (in `autograd_kit/recording.py`), which links it to the inputs' nodes
        (`next_functions`), keeps what forward saved, and sets the output's `grad_fn`.

        (One shortcut, for speed: `+ - * /` on two float tensors of one shape, or on a tensor
        and a Python float, are so common that `autograd_kit/ops/plain_arithmetic.py` builds
        their node directly with `recording.record_plain`: the same `forward`, the same node,
        without `apply`'s general checks. The cell after the listing checks that both ways
        give the same node.)
        """),
        code(SRC_NOTE + """
        print(inspect.getsource(ak.autograd.Function.apply))
        """, ignore_output="source listing"),
        md("Watch it happen: the node `apply` made, its links, and what it saved."),
        code("""
        w = ak.tensor([1.], requires_grad=True)
        x = ak.tensor([2.], requires_grad=True)
        a = x + w
        b = w + 1
        y = a * b
        node = y.grad_fn
        print(type(node).__name__, "links to", [type(n).__name__ for n, _ in node.next_functions])
        print("saved:", node.saved_tensors)
        assert [t.tolist() for t in node.saved_tensors] == [[3.0], [2.0]]   # a and b
        by_apply = ak.ops.arithmetic.Mul.apply(a, b).grad_fn   # the general way: the same node
        assert type(by_apply) is type(node) and by_apply.next_functions == node.next_functions
        assert [t.tolist() for t in by_apply.saved_tensors] == [[3.0], [2.0]]
        """),
        md("""
        ## 3. Ordering the backward pass: dependency counting

        `autograd_kit/engine.py` holds the whole backward pass in one generator,
        `backward_steps`. Its docstring is the algorithm in four lines:
        """),
        code("""
        print(ak.engine.__doc__)
        assert "dependencies" in ak.engine.__doc__
        """),
        md("""
        Why count? A node may only run when its incoming gradient is **final**, i.e. when
        every node that uses its output has already sent its share (otherwise a path would
        be missing from the sum of lesson 04). So the engine first walks the graph once,
        finding every node and counting how many edges point into it:
        """),
        code(SRC_NOTE + """
        print(inspect.getsource(ak.engine.dependencies_of))
        """, ignore_output="source listing"),
        md("""
        On the "paths add up" graph of lesson 04, `a` is used twice, so its `AccumulateGrad`
        waits for **two** gradients:
        """),
        code("""
        a = ak.tensor(2.0, requires_grad=True)
        w1, w2, w3, w4 = (ak.tensor(v, requires_grad=True) for v in (0.5, -1.5, 2.0, 3.0))
        L = 10 - (w3 * (w1 * a) + w4 * (w2 * a))

        counts = ak.engine.dependencies_of([L.grad_fn])
        names = {a: "a", w1: "w1", w2: "w2", w3: "w3", w4: "w4"}
        for n, count in counts.items():
            label = type(n).__name__
            if hasattr(n, "variable"):
                label += f"({names[n.variable]})"
            print(f"{label:22} waits for {count} gradient(s)")
        accumulate_a = next(n for n in counts if getattr(n, "variable", None) is a)
        assert counts[accumulate_a] == 2 and counts[L.grad_fn] == 0
        """),
        md("""
        Then it repeatedly takes a *ready* node (count 0), runs its rule, sends a gradient
        along each edge and decrements the count of the node at the other end; a node whose
        count reaches 0 becomes ready. It is a loop with a heap of ready nodes, **no
        recursion**, so a graph 100,000 operations deep is fine.

        ## 4. Where gradients are summed

        When a gradient arrives at a node that already has one waiting, the engine adds them.
        This one line is the "paths add up" rule:
        """),
        code(SRC_NOTE + """
        excerpt(ak.engine.backward_steps, "buffer = buffers.get(next_node)", "Sent(i, grad, next_node")
        """, ignore_output="source listing"),
        code("""
        source = inspect.getsource(ak.engine.backward_steps)
        assert "+ grad" in source and "dependencies[next_node]" in source
        """),
        md("""
        A leaf's `.grad` is the second place where things are added: `AccumulateGrad` adds
        into an existing `.grad` (lesson 05's accumulation):
        """),
        code(SRC_NOTE + """
        print(inspect.getsource(ak.autograd.AccumulateGrad.accumulate))
        """, ignore_output="source listing"),
        md("""
        ## 5. Where saved tensors are freed

        Right after a node's rule has run, unless `retain_graph=True`, the engine tells the
        node to drop what it saved (lesson 05's "graph is freed"):
        """),
        code(SRC_NOTE + """
        excerpt(ak.engine.backward_steps, "outputs = run_rule(node, grads)", "node.release_saved()")
        print()
        print(inspect.getsource(ak.autograd.Node.release_saved))
        """, ignore_output="source listing"),
        code("""
        y = (x + w) * (w + 1)
        print("saved before backward:", len(y.grad_fn.saved_tensors), "tensors")
        y.backward()
        try:
            y.grad_fn.saved_tensors
        except RuntimeError as err:
            print("after backward:", str(err)[:60], "…")
        assert "release_saved" in inspect.getsource(ak.engine.backward_steps)
        """),
        md("""
        ## 6. Watching the engine: `backward_steps`

        `y.backward()` is just `for _ in backward_steps(y): pass`. Iterate yourself and you
        get one `BackwardStep` record per node, in execution order: the node, the gradient
        that arrived, what it sent to each input (`sent`, with `added=True` when it met a
        gradient already waiting), the `.grad` fields written (`writes`), and whether its
        saved tensors were freed (`freed`). The widgets draw exactly these records.
        """),
        code("""
        w = ak.tensor([1.], requires_grad=True)
        x = ak.tensor([2.], requires_grad=True)
        a = x + w
        b = w + 1
        y = a * b
        records = list(ak.autograd.backward_steps(y))
        first = records[0]
        print("index:", first.index, "| node:", first.name, "| arrived:", first.grad_in[0].tolist())
        for sent in first.sent:
            print("  sent", sent.gradient.tolist(), "to", type(sent.target).__name__, "| added:", sent.added)
        print("  freed:", first.freed)
        print()
        for record in records:
            print(describe_step(record, dict(w=w, x=x, a=a, b=b, y=y)))
        assert [r.name for r in records][0] == "MulBackward0" and w.grad.item() == 5.0
        """),
        *step("""
        # nbval-ignore-output: a widget view; its model id is new on every run
        # The stepper drives the same generator: its .steps are these records.
        w = ak.tensor([1.], requires_grad=True)
        x = ak.tensor([2.], requires_grad=True)
        y = (x + w) * (w + 1)
        BackwardStepper(y)
        """, ignore_output="widget view"),
        *exercise(1, """
        In `y = (x + w) * (w + 1)`, how many gradients does `w`'s `AccumulateGrad` wait for
        (its dependency count)?
        """, "my_count = ...",
        'check(my_count, 2, hint="w is used by two additions")'),
        code("""
        w = ak.tensor([1.], requires_grad=True)
        x = ak.tensor([2.], requires_grad=True)
        y = (x + w) * (w + 1)
        counts = ak.engine.dependencies_of([y.grad_fn])
        assert counts[next(n for n in counts if getattr(n, "variable", None) is w)] == 2
        """),
        *exercise(2, """
        How many records does `ak.autograd.backward_steps(z)` yield for
        `z = (x * 2).sum()` with `x` a leaf that requires grad? (One per node that runs.)
        """, "my_records = ...",
        'check(my_records, 3, hint="SumBackward0, MulBackward0, AccumulateGrad")'),
        code("""
        x = ak.ones(3, requires_grad=True)
        assert len(list(ak.autograd.backward_steps((x * 2).sum()))) == 3
        """),
        md("""
        ## Summary
        - An operation is a `Function`: `forward` computes and saves what backward needs,
          `backward` applies the local derivative; the formula is in its docstring.
        - `Function.apply` runs forward without recording, creates the node, links it to the
          inputs' nodes and sets the output's `grad_fn`.
        - `backward_steps` counts dependencies, runs a node only when all its consumers have
          sent their gradients, **adds** gradients that meet, and frees saved tensors after
          each node unless `retain_graph=True`.
        - Every backward, the widgets' included, is this one generator; iterate it to watch.

        That is the whole engine. Congratulations, and back to the [start](01_tensors.ipynb).
        """),
    ]
