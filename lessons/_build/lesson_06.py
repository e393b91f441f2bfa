# ruff: noqa: E501  (cell text and notebook code lines are written as the learner sees them)
from nb import code, exercise, md, setup, step, viz

FILE = "06_vector_jacobian_products.ipynb"


def cells():
    return [
        md("""
        # 06 · Vector–Jacobian products

        **After this lesson you will be able to**
        - call `backward` on a non-scalar output by passing a `gradient`, and say what that
          argument means;
        - explain what backward really computes, a **vector–Jacobian product** `vᵀJ`, and
          check it against an explicit Jacobian;
        - use the `gradient` argument to weight several outputs.

        **Concepts:** C12, C13, C14 · **Time:** about 25 minutes
        """),
        setup(),
        md("""
        ## 1. Backward needs a starting gradient

        So far every output was a single number, and backward started from `∂out/∂out = 1`.
        If the output has several entries, there is no single "1" to start from, and the kit
        refuses to guess:
        """),
        code("""
        x = ak.tensor([0., 2., 8.], requires_grad=True)
        y = ak.tensor([5., 1., 7.], requires_grad=True)
        z = x * y
        try:
            z.backward()
        except RuntimeError as err:
            message = str(err)
            print("RuntimeError:", message)
        assert message == "grad can be implicitly created only for scalar outputs"
        """),
        md("""
        Pass a tensor of the output's shape instead. With ones, each `zᵢ` counts once:
        `∂zᵢ/∂xᵢ = yᵢ` and `∂zᵢ/∂yᵢ = xᵢ`.
        """),
        code("""
        z.backward(ak.ones(3))
        print("x.grad =", x.grad, "  y.grad =", y.grad)
        assert x.grad.tolist() == [5.0, 1.0, 7.0] and y.grad.tolist() == [0.0, 2.0, 8.0]
        """),
        md("""
        ## 2. What the `gradient` argument is

        For `y = f(x)` with `x` of size n and `y` of size m, the **Jacobian** `J` is the m×n
        table of every `∂yᵢ/∂xⱼ`. Backward never builds it. Given a vector `v` (the
        `gradient` you pass, one entry per output), it computes

        `x.grad = vᵀ J`,  that is  `x.grad[j] = Σᵢ vᵢ · ∂yᵢ/∂xⱼ`.

        Read it as: *"if the thing I finally care about changes by `vᵢ` per unit of `yᵢ`, how
        does it change per unit of `xⱼ`?"* For a scalar loss computed from `y`, `v` is
        exactly `∂loss/∂y`, and `vᵀJ` is `∂loss/∂x`: the chain rule, one layer at a time.

        Let's check it on a small function with a non-trivial Jacobian,

        `f(x) = [x₀·x₁, x₁ + x₂², 3·x₀]`  at `x = [1, 2, 3]`, whose Jacobian by hand is

        ```
        J = [[x₁,  x₀,  0   ],      [[2, 1, 0],
             [0,   1,   2x₂ ],   =   [0, 1, 6],
             [3,   0,   0   ]]       [3, 0, 0]]
        ```
        """),
        code("""
        def f(x):
            return ak.stack([x[0] * x[1], x[1] + x[2] ** 2, 3 * x[0]])

        J = np.array([[2., 1., 0.],
                      [0., 1., 6.],
                      [3., 0., 0.]])
        v = np.array([1.0, -1.0, 0.5])

        x = ak.tensor([1., 2., 3.], requires_grad=True)
        f(x).backward(ak.tensor(v, dtype=ak.float32))
        print("engine's x.grad:", x.grad)
        print("vᵀJ by NumPy:   ", v @ J)
        assert np.allclose(x.grad.numpy(), v @ J)
        """),
        *viz("""
        x = ak.tensor([1., 2., 3.], requires_grad=True)
        y = f(x)
        draw(y)
        """),
        md("""
        Choosing `v` as the i-th unit vector picks out **row i** of the Jacobian. Doing that
        for every output rebuilds the whole Jacobian, one backward per row: this is how you
        would get `J` if you really needed it (and why you usually don't: one backward gives
        you the only product training needs).
        """),
        code("""
        rows = []
        for i in range(3):
            x = ak.tensor([1., 2., 3.], requires_grad=True)
            unit = ak.zeros(3)
            unit[i] = 1.0
            f(x).backward(unit)
            rows.append(x.grad.tolist())
        print(np.array(rows))
        assert np.allclose(rows, J)
        """),
        *exercise(1, """
        Back to `z = x * y` with `x = [0, 2, 8]`, `y = [5, 1, 7]`. Predict `x.grad` after
        `z.backward(ak.tensor([1., 0., 2.]))`.
        """, "my_x_grad = ...  # a list of 3 numbers",
        'check(my_x_grad, [5.0, 0.0, 14.0], hint="x.grad[i] = v[i] * y[i]")'),
        code("""
        x = ak.tensor([0., 2., 8.], requires_grad=True)
        (x * ak.tensor([5., 1., 7.])).backward(ak.tensor([1., 0., 2.]))
        assert x.grad.tolist() == [5.0, 0.0, 14.0]
        """),
        md("""
        ## 3. The doubling example, revisited

        Lesson 02 doubled `x = [0.5, −1.2, 0.3]` until the norm passed 100: seven doublings,
        so `y = 128·x` and the Jacobian is `128·I`. Hence `vᵀJ = 128·v`:
        """),
        code("""
        x = ak.tensor([0.5, -1.2, 0.3], requires_grad=True)
        y = x * 2
        while y.norm() < 100:
            y = y * 2
        v = ak.tensor([0.1, 1.0, 0.0001])
        y.backward(v)
        print(x.grad)
        assert np.allclose(x.grad.tolist(), [12.8, 128.0, 0.0128])
        """),
        md("""
        ## 4. Weighting several outputs

        Put two outputs into one tensor with `cat`, and the `gradient` argument becomes a
        **weight per output**: backward computes `∂(Σᵢ vᵢ·outᵢ)/∂leaf`. With
        `y0 = (x + w)(w + 1)` (`∂y0/∂w = 5`) and `y1 = w + 1` (`∂y1/∂w = 1`):
        """),
        code("""
        def two_outputs():
            w = ak.tensor([1.], requires_grad=True)
            x = ak.tensor([2.], requires_grad=True)
            a = x + w
            b = w + 1
            y0 = a * b
            y1 = b
            loss = ak.cat([y0, y1])
            return w, loss

        w, loss = two_outputs()
        loss.backward(gradient=ak.tensor([1., 1.]))
        print("weights [1, 1]:", w.grad)
        assert w.grad.item() == 6.0          # 5 + 1

        w, loss = two_outputs()               # a fresh graph
        loss.backward(gradient=ak.tensor([1., 2.]))
        print("weights [1, 2]:", w.grad)
        assert w.grad.item() == 7.0          # 5 + 1·2
        """),
        *step("""
        # nbval-ignore-output: a widget view; its model id is new on every run
        w, loss = two_outputs()
        BackwardStepper(loss, gradient=ak.tensor([1., 2.]))
        """, ignore_output="widget view"),
        *exercise(2, """
        With weights `[3., −1.]`, what is `w.grad`?
        """, "my_w_grad = ...",
        'check(my_w_grad, 14.0, hint="3·5 + (−1)·1")'),
        code("""
        w, loss = two_outputs()
        loss.backward(gradient=ak.tensor([3., -1.]))
        assert w.grad.item() == 14.0
        """),
        md("""
        ## Summary
        - `backward()` without arguments needs a one-element output; otherwise pass
          `gradient`, a tensor of the output's shape.
        - Backward computes the vector–Jacobian product `vᵀJ` without ever forming `J`;
          `gradient` is `v`. A unit vector picks one row of `J`.
        - With several outputs in one tensor, `gradient` weights each output's contribution.

        **Next:** [07 · Controlling recording](07_controlling_recording.ipynb).
        """),
    ]
