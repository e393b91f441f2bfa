# ruff: noqa: E501  (cell text and notebook code lines are written as the learner sees them)
from nb import code, exercise, md, setup, step, viz

FILE = "10_custom_functions_and_hooks.ipynb"


def cells():
    return [
        md("""
        # 10 · Custom Functions and hooks

        **After this lesson you will be able to**
        - write your own differentiable operation as a `Function` with a `forward` and a
          `backward`, save what backward needs with `ctx.save_for_backward`, and use it with
          `.apply`;
        - check a hand-written backward against the built-in operation;
        - watch, and change, the gradient flowing through a tensor with `register_hook`.

        **Concepts:** C27, C28 · **Time:** about 25 minutes
        """),
        setup(),
        md("""
        ## 1. A custom `Function`: ReLU by hand

        Every operation in the kit is a `Function` with two static methods. `forward(ctx, …)`
        computes the result from the inputs; `backward(ctx, grad)` receives `∂out/∂result`
        and returns `∂out/∂input` for each input. `ctx` is a scratch object shared by the two:
        `ctx.save_for_backward(…)` keeps tensors for backward, `ctx.saved_tensors` gives them
        back (with the version check of lesson 08).

        ReLU is `max(x, 0)`. Its local derivative is 1 where `x > 0` and 0 where `x < 0`, so
        backward passes the gradient through where the input was positive and **zeros it
        where the input was negative**.
        """),
        code('''
        class MyReLU(ak.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                ctx.save_for_backward(x)          # backward needs to know where x < 0
                return x.clamp(min=0)

            @staticmethod
            def backward(ctx, grad):
                (x,) = ctx.saved_tensors
                grad_x = grad.clone()
                grad_x[x < 0] = 0                 # no gradient where the input was negative
                return grad_x
        '''),
        md("""
        You never call `forward` directly: `MyReLU.apply(x)` runs it **and** records a node,
        named after your class, so backward can find your rule.
        """),
        code("""
        x = ak.tensor([-2.0, -0.5, 1.0, 3.0], requires_grad=True)
        y = MyReLU.apply(x)
        print(y)
        loss = (y * ak.tensor([1., 2., 3., 4.])).sum()
        loss.backward()
        print("x.grad =", x.grad)
        assert y.grad_fn.name() == "MyReLUBackward"
        assert x.grad.tolist() == [0.0, 0.0, 3.0, 4.0]
        """),
        *viz("""
        x = ak.tensor([-2.0, -0.5, 1.0, 3.0], requires_grad=True)
        y = MyReLU.apply(x)
        draw(y)
        """),
        md("""
        A hand-written backward should always be tested. Compare it with the built-in
        `ak.relu` on random inputs and a random upstream gradient:
        """),
        code("""
        data = ak.randn(100)
        upstream = ak.randn(100)
        mine = data.clone().requires_grad_()
        builtin = data.clone().requires_grad_()
        MyReLU.apply(mine).backward(upstream)
        ak.relu(builtin).backward(upstream)
        print("same values:   ", ak.equal(MyReLU.apply(data), ak.relu(data)))
        print("same gradients:", ak.equal(mine.grad, builtin.grad))
        assert ak.equal(mine.grad, builtin.grad)
        """),
        md("""
        The kit also has `ak.autograd.gradcheck`, which compares a backward with finite
        differences (nudging each input a little), in double precision:
        """),
        code("""
        probe = ak.tensor([-1.5, -0.2, 0.3, 2.0], dtype=ak.float64, requires_grad=True)
        print(ak.autograd.gradcheck(MyReLU.apply, (probe,)))
        assert ak.autograd.gradcheck(MyReLU.apply, (probe,))
        """),
        *exercise(1, """
        Suppose you wrote a "leaky" version whose backward multiplies the gradient by `0.1`
        where `x < 0` (instead of zeroing it). With `x = [-2., 1.]` and
        `MyLeaky.apply(x).sum().backward()`, what is `x.grad`?
        """, "my_x_grad = ...",
        'check(my_x_grad, [0.1, 1.0], hint="upstream gradient is 1 everywhere; 0.1 where x < 0")'),
        code('''
        class MyLeaky(ak.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                ctx.save_for_backward(x)
                return ak.where(x < 0, x * 0.1, x)

            @staticmethod
            def backward(ctx, grad):
                (x,) = ctx.saved_tensors
                return ak.where(x < 0, grad * 0.1, grad)

        x = ak.tensor([-2., 1.], requires_grad=True)
        MyLeaky.apply(x).sum().backward()
        assert np.allclose(x.grad.tolist(), [0.1, 1.0])
        '''),
        md("""
        ## 2. Hooks: see and change the gradient in flight

        `t.register_hook(fn)` asks the engine to call `fn(grad)` when the gradient for `t`
        has been computed during backward. If `fn` returns a tensor, **that** is used instead
        from there on. It works on non-leaves too, so you can look at gradients that are
        otherwise never stored (lesson 05).
        """),
        code("""
        w = ak.tensor([1.], requires_grad=True)
        x = ak.tensor([2.], requires_grad=True)
        a = x + w
        b = w + 1
        seen = []
        handle = a.register_hook(lambda grad: seen.append(grad.item()))   # look only
        y = a * b
        y.backward()
        print("gradient that reached a:", seen, "  w.grad:", w.grad)
        assert seen == [2.0] and w.grad.item() == 5.0
        handle.remove()
        """),
        md("""
        Now a hook that **replaces** the gradient: multiply it by 10 on its way through `a`.
        Everything downstream of `a` (towards the leaves) sees the new value: `x` gets
        `20` instead of `2`, and `w` gets `20 + 3 = 23` (its path through `b` is untouched).
        """),
        code("""
        w = ak.tensor([1.], requires_grad=True)
        x = ak.tensor([2.], requires_grad=True)
        a = x + w
        a.register_hook(lambda grad: grad * 10)
        y = a * (w + 1)
        y.backward()
        print("w.grad =", w.grad, "  x.grad =", x.grad)
        assert (w.grad.item(), x.grad.item()) == (23.0, 20.0)
        """),
        *step("""
        # nbval-ignore-output: a widget view; its model id is new on every run
        # Step to the node that made a: the gradient it receives is already multiplied by 10.
        w = ak.tensor([1.], requires_grad=True)
        x = ak.tensor([2.], requires_grad=True)
        a = x + w
        a.register_hook(lambda grad: grad * 10)
        y = a * (w + 1)
        BackwardStepper(y)
        """, ignore_output="widget view"),
        *exercise(2, """
        Same graph, but the hook is on `b = w + 1` instead, and it returns `grad * 0`
        (blocking that path). Predict `w.grad` and `x.grad`.
        """, "my_w_grad, my_x_grad = ..., ...",
        """check(my_w_grad, 2.0, hint="only the path through a remains for w")
check(my_x_grad, 2.0, hint="x never went through b")"""),
        code("""
        w = ak.tensor([1.], requires_grad=True)
        x = ak.tensor([2.], requires_grad=True)
        b = w + 1
        b.register_hook(lambda grad: grad * 0)
        ((x + w) * b).backward()
        assert (w.grad.item(), x.grad.item()) == (2.0, 2.0)
        """),
        md("""
        Hooks are how tools inspect gradients (logging their size, finding where they vanish)
        and how tricks like gradient clipping per tensor are written.

        ## Summary
        - A custom `Function` has static `forward(ctx, …)` and `backward(ctx, grad)`;
          `ctx.save_for_backward` / `ctx.saved_tensors` carry values between them; use it with
          `.apply`, which records a `…Backward` node.
        - Test a hand-written backward against a reference (`ak.relu`) or `gradcheck`.
        - `register_hook(fn)` calls `fn` with the gradient flowing through a tensor; returning
          a tensor replaces that gradient for everything further back.

        **Next:** [11 · Training a network by hand](11_training_by_hand.ipynb).
        """),
    ]
