# ruff: noqa: E501  (cell text and notebook code lines are written as the learner sees them)
from nb import code, exercise, md, setup, viz

FILE = "07_controlling_recording.ipynb"


def cells():
    return [
        md("""
        # 07 · Controlling recording: `no_grad`, `detach`, freezing, `.data`

        **After this lesson you will be able to**
        - switch recording off for a block of code with `no_grad()`, and say when to;
        - cut a tensor out of the graph with `.detach()`;
        - freeze some parameters so that they receive no gradient;
        - recognise the historical API (`Variable`, `volatile`, `loss.data[0]`) in old code,
          and say why `.data` is riskier than `no_grad` + in-place.

        **Concepts:** C17, C18, C19, C20, C21 · **Time:** about 25 minutes
        """),
        setup("import warnings"),
        md("""
        ## 1. `no_grad()`: compute without recording

        Recording costs time and memory (every node, every saved tensor). When you will not
        call backward (evaluating a model, or updating weights), turn it off for a block:
        """),
        code("""
        x = ak.tensor([1., 2., 3.], requires_grad=True)
        print("outside:", (x * 2).requires_grad)
        with ak.no_grad():
            y = x * 2
            print("inside: ", y.requires_grad, y.grad_fn)
        print("outside again:", (x * 2).requires_grad)
        assert (x * 2).requires_grad and not y.requires_grad and y.grad_fn is None
        """),
        md("""
        The most common use is the weight update of a training loop: `w - lr * w.grad` must
        **not** become part of the next iteration's graph, and changing a leaf in place is
        only allowed while not recording (lesson 08):
        """),
        code("""
        w = ak.tensor([1., 2.], requires_grad=True)
        loss = (w * w).sum()          # ∂loss/∂w = 2w = [2, 4]
        loss.backward()
        with ak.no_grad():
            w -= 0.1 * w.grad          # in place, not recorded
        print(w, "is_leaf:", w.is_leaf)
        assert np.allclose(w.tolist(), [0.8, 1.6]) and w.is_leaf and w.grad_fn is None
        """),
        md("""
        ## 2. `detach()`: the same values, cut from the graph

        `t.detach()` returns a new **leaf** that shares `t`'s data but has no history and does
        not require grad. Use it to take a value out of a graph (to log it, plot it, or use it
        as a constant target) without backward ever flowing through it.
        """),
        code("""
        x = ak.tensor([1., 2.], requires_grad=True)
        y = x * 3
        c = y.detach()
        print(c, "is_leaf:", c.is_leaf, "requires_grad:", c.requires_grad)
        assert c.is_leaf and not c.requires_grad and c.tolist() == y.tolist()
        """),
        md("""
        Gradients do not flow through a detached value: here `c` acts as a constant in
        `z = y * c`, so `∂z/∂x = 3 · c = 9` per entry (not `2·9x`, which is what `y * y` gives).
        """),
        code("""
        z = (y * c).sum()
        z.backward()
        print("x.grad =", x.grad)
        assert x.grad.tolist() == [9.0, 18.0]
        """),
        *viz("""
        # c is a separate leaf: no arrow leads from it back to x
        draw(z)
        """),
        *exercise(1, """
        With a fresh `x = [1., 2.]` (requiring grad), `y = x * 3`, what is `x.grad` after
        `(y * y).sum().backward()`?
        """, "my_x_grad = ...",
        'check(my_x_grad, [18.0, 36.0], hint="∂(9x²)/∂x = 18x")'),
        code("""
        x = ak.tensor([1., 2.], requires_grad=True)
        y = x * 3
        (y * y).sum().backward()
        assert x.grad.tolist() == [18.0, 36.0]
        """),
        md("""
        ## 3. Freezing parameters

        To fine-tune only part of a model, set `requires_grad = False` on the parameters you
        want to keep. Nothing that flows from them is recorded, backward never reaches them,
        and their `.grad` stays `None`.
        """),
        code("""
        w1 = ak.tensor([2.], requires_grad=True)     # the "pretrained" layer
        w2 = ak.tensor([3.], requires_grad=True)     # the layer we fine-tune
        w1.requires_grad = False                     # freeze it
        x = ak.tensor([1.5])
        out = (x * w1) * w2
        out.backward()
        print("w1.grad =", w1.grad, "  w2.grad =", w2.grad)
        assert w1.grad is None and w2.grad.tolist() == [3.0]
        """),
        *viz("draw(out)"),
        md("""
        ## 4. The historical API

        Before PyTorch 0.4 (2018), a plain tensor could not record anything: you wrapped it in
        a `Variable`. Tensors and Variables have since merged. You will still meet the old
        spelling in tutorials, so the kit accepts it and tells you the modern one:
        """),
        code("""
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            v = ak.autograd.Variable(ak.tensor([1., 2.]), requires_grad=True)
        print(v)
        print(caught[0].category.__name__ + ":", caught[0].message)
        assert v.requires_grad and caught[0].category is DeprecationWarning
        """),
        md("""
        `volatile=True` was the old way to say "record nothing". It no longer does anything,
        and the warning points you to `no_grad()`:
        """),
        code("""
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            ak.autograd.Variable(ak.tensor([1.]), volatile=True)
        print(caught[-1].category.__name__ + ":", caught[-1].message)
        assert "no_grad" in str(caught[-1].message)
        """),
        md("""
        Old code read a loss with `loss.data[0]`. A loss is now a 0-dimensional tensor, which
        cannot be indexed; the error tells you to use `.item()`:
        """),
        code("""
        loss = (ak.tensor([1., 2.], requires_grad=True) ** 2).sum()
        try:
            loss.data[0]
        except IndexError as err:
            message = str(err)
            print("IndexError:", message)
        print("loss.item() =", loss.item())
        assert "item()" in message and loss.item() == 5.0
        """),
        md("""
        ## 5. `.data`: raw access, and why it is risky

        `t.data` is another view of the same numbers, **invisible to autograd**. Old training
        loops updated weights with `w.data -= lr * w.grad.data`, and it works:
        """),
        code("""
        w = ak.tensor([1., 2.], requires_grad=True)
        (w * w).sum().backward()
        w.data -= 0.1 * w.grad.data
        print(w)
        assert np.allclose(w.tolist(), [0.8, 1.6])
        """),
        md("""
        The danger: autograd does not see changes made through `.data`, not even to a value
        a backward node saved. Here `sigmoid` saved its output to compute its gradient
        `σ(1 − σ)`. Zeroing that output through `.data` goes unnoticed, and backward silently
        returns **wrong** gradients (all zeros):
        """),
        code("""
        a = ak.tensor([1., 2., 3.], requires_grad=True)
        out = a.sigmoid()
        out.data.zero_()                 # autograd does not notice
        out.sum().backward()
        print("silently wrong:", a.grad)
        assert a.grad.tolist() == [0.0, 0.0, 0.0]
        """),
        md("""
        Do the same through `.detach()` (or under `no_grad()`), and the change is counted by
        the tensor's version counter (lesson 08), so backward **refuses** instead of lying:
        """),
        code("""
        a = ak.tensor([1., 2., 3.], requires_grad=True)
        out = a.sigmoid()
        out.detach().zero_()             # same data, but the change is tracked
        try:
            out.sum().backward()
        except RuntimeError as err:
            message = str(err)
            print("RuntimeError:", message[:150], "…")
        assert message.startswith("one of the variables needed for gradient computation has been modified by an inplace operation")
        """),
        md("""
        That is why modern code writes weight updates as `with no_grad(): w -= lr * w.grad`.

        ## Summary
        - `with ak.no_grad():` records nothing inside the block: use it for inference and
          weight updates.
        - `.detach()` gives a leaf sharing the data but cut from the graph; gradients do not
          flow through it.
        - `requires_grad = False` freezes a parameter: its `.grad` stays `None`.
        - `Variable(t, requires_grad=True)` still works but is deprecated; `volatile` has no
          effect (use `no_grad`); `loss.data[0]` is now `loss.item()`.
        - `.data` bypasses autograd entirely, even its safety checks; prefer `no_grad()` +
          in-place operations.

        **Next:** [08 · In-place operations and the version counter](08_inplace_and_versions.ipynb).
        """),
    ]
