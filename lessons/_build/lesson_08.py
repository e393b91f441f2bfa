# ruff: noqa: E501  (cell text and notebook code lines are written as the learner sees them)
from nb import code, exercise, md, setup, viz

FILE = "08_inplace_and_versions.ipynb"


def cells():
    return [
        md("""
        # 08 · In-place operations and the version counter

        **After this lesson you will be able to**
        - tell an in-place operation (`a += 1`, `a.add_(1)`) from an out-of-place one
          (`a = a + 1`);
        - explain why a leaf that requires grad cannot be changed in place;
        - read the version counter, and predict when an in-place change breaks backward and
          when it is harmless;
        - follow an in-place change made through a view (`h[0] += 1`) into the graph.

        **Concepts:** C22, C23, C24 · **Time:** about 25 minutes
        """),
        setup(),
        md("""
        ## 1. In place or not?

        `a = a + 1` computes a **new** tensor and rebinds the name `a` to it; the old tensor
        is untouched (anyone else holding it still sees the old values). `a += 1`, and every
        method ending in `_` (`add_`, `mul_`, `zero_`), changes the tensor **itself**.
        """),
        code("""
        a = ak.tensor([1., 2.])
        before = a
        a = a + 1
        print("a = a + 1 :", a, " same object?", a is before, " old one:", before)
        assert a is not before and before.tolist() == [1.0, 2.0]

        a = ak.tensor([1., 2.])
        before = a
        a += 1
        print("a += 1    :", a, " same object?", a is before)
        assert a is before and before.tolist() == [2.0, 3.0]
        """),
        md("""
        In-place operations save memory (no new tensor), which is why they exist. With
        autograd they need care, for the two reasons below.

        ## 2. Not on a leaf that requires grad

        A leaf that requires grad is something you want `∂out/∂leaf` for. If you overwrote it
        in place *while recording*, which value would that gradient be about: the one before
        or after? The kit refuses:
        """),
        code("""
        w = ak.tensor([1., 2.], requires_grad=True)
        try:
            w += 1
        except RuntimeError as err:
            message = str(err)
            print("RuntimeError:", message)
        assert message == "a leaf Variable that requires grad is being used in an in-place operation."
        """),
        md("""
        Outside of recording it is fine, and that is exactly how weights are updated
        (lesson 07):
        """),
        code("""
        with ak.no_grad():
            w += 1
        print(w)
        assert w.tolist() == [2.0, 3.0]
        """),
        md("""
        ## 3. The version counter

        Every tensor carries a **version** number, `_version`, that goes up by one each time
        it is changed in place:
        """),
        code("""
        t = ak.zeros(3)
        print(t._version)
        t.add_(1)
        t.mul_(2)
        print(t._version)
        assert t._version == 2
        """),
        md("""
        When a backward node **saves** a tensor, it also notes that tensor's version. At
        backward time it compares: if the tensor was changed in place since, the saved value
        is no longer the one the gradient formula needs, and backward stops with an error
        that names the tensor (type and shape) and both versions.

        Here `y = h ** 2` saves `h` (its gradient is `2h`), and then `h` is changed:
        """),
        code("""
        x = ak.tensor([1., 2., 3.], requires_grad=True)
        h = x * 1
        y = h ** 2                 # PowBackward0 saves h, at version 0
        h.add_(1)                  # h is now at version 1
        try:
            y.sum().backward()
        except RuntimeError as err:
            message = str(err)
            print("RuntimeError:", message)
        assert "has been modified by an inplace operation" in message
        assert "is at version 1; expected version 0 instead" in message
        """),
        *viz("""
        # the saved value of h is marked as changed since it was saved
        draw(y)
        """),
        md("""
        If **no** backward node needs the tensor's value, changing it in place is allowed.
        `z = h + 1` saves nothing (the gradient of `+` is 1 whatever `h` is), so:
        """),
        code("""
        x = ak.tensor([1., 2., 3.], requires_grad=True)
        h = x * 1
        z = h + 1                  # AddBackward0 saves nothing
        h.add_(1)
        z.sum().backward()
        print("x.grad =", x.grad)
        assert x.grad.tolist() == [1.0, 1.0, 1.0]
        """),
        *exercise(1, """
        `x` requires grad, `h = x * 1`, `y = h.exp()`, then `h.mul_(2)`, then
        `y.sum().backward()`. Does backward succeed? Think about what `ExpBackward0` needs:
        the derivative of `eʰ` is `eʰ` itself, which is `y`, the node's *output*, so that is
        what it saves. Write `True` if backward succeeds, `False` if it raises.
        """, "my_succeeds = ...",
        'check(my_succeeds, True, hint="ExpBackward0 saved y, not h; only h changed")'),
        code("""
        x = ak.tensor([1., 2., 3.], requires_grad=True)
        h = x * 1
        y = h.exp()
        h.mul_(2)
        y.sum().backward()
        assert np.allclose(x.grad.tolist(), np.exp([1.0, 2.0, 3.0]))
        """),
        *exercise(2, """
        What is `t._version` after `t = ak.ones(2)`, `t += 1`, `t = t * 2`, `t.zero_()`?
        """, "my_version = ...",
        'check(my_version, 1, hint="t = t * 2 makes a new tensor, starting again at version 0")'),
        code("""
        t = ak.ones(2)
        t += 1
        t = t * 2
        t.zero_()
        assert t._version == 1
        """),
        md("""
        ## 4. In place through a view

        Indexing with integers and slices gives a **view**: `h[0]` shares `h`'s memory, so
        changing the view in place changes `h` too. The graph must say so, or the gradient
        would be wrong. As in PyTorch, `h` gets a new history, a `CopySlices` node: "the old
        `h`, with the view's positions replaced by the new values". The gradient then reaches
        the changed and the unchanged positions correctly.
        """),
        code("""
        x = ak.tensor([1., 2., 3.], requires_grad=True)
        h = x * 2
        h[0] += 10                 # h[0] is a view of h; += changes it in place
        print(h)
        (h * h).sum().backward()
        print("x.grad =", x.grad)
        # h = (2x₀ + 10, 2x₁, 2x₂), so d(Σh²)/dx = 2h · 2 = (48, 16, 24) at x = (1, 2, 3)
        assert h.grad_fn.name().endswith("CopySlices")
        assert x.grad.tolist() == [48.0, 16.0, 24.0]
        """),
        md("""
        A view taken **before** its base changed sees the change too: its values are the new
        ones (shared memory), and its `grad_fn` is renewed to read them from the base's new
        history (`AsStridedBackward0`, "the base, read at the view's positions").
        """),
        code("""
        x = ak.tensor([1., 2., 3.], requires_grad=True)
        h = x * 1
        v = h[:2]                  # a view of h
        h.mul_(3)                  # changes v's values as well
        print(v, v.grad_fn.name())
        v.sum().backward()         # v = (3x₀, 3x₁)
        print("x.grad =", x.grad)
        assert v.grad_fn.name() == "AsStridedBackward0"
        assert x.grad.tolist() == [3.0, 3.0, 0.0]
        """),
        md("""
        ## Summary
        - `a = a + 1` makes a new tensor; `a += 1` and `*_` methods change it in place.
        - A leaf that requires grad cannot be changed in place while recording; inside
          `no_grad()` it can (weight updates).
        - Each in-place change bumps the tensor's version. Backward checks the versions of the
          tensors its nodes saved and fails clearly if one changed; changing a tensor that no
          node saved is fine.
        - Changing a view in place changes its base: the base's history becomes a
          `CopySlices` node, and other views of it get a renewed `grad_fn`.

        **Next:** [09 · Higher-order gradients](09_higher_order_gradients.ipynb).
        """),
    ]
