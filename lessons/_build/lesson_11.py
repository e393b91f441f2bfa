# ruff: noqa: E501  (cell text and notebook code lines are written as the learner sees them)
from nb import code, exercise, md, setup, viz

FILE = "11_training_by_hand.ipynb"

def cells():
    return [
        md("""
        # 11 · Training a network by hand

        **After this lesson you will be able to**
        - write a complete training loop with nothing but tensors and autograd: forward,
          loss, backward, update, zero the gradients;
        - explain why each of those five steps is there (and what goes wrong without it);
        - watch the loss fall, with a progress bar and a loss curve.

        **Concepts:** C29 · **Time:** about 20 minutes
        """),
        setup("""
        import matplotlib.pyplot as plt
        from tqdm.auto import tqdm
        """),
        md("""
        ## 1. The problem

        A two-layer network maps 1000 inputs to 10 outputs through 100 hidden units with a
        ReLU in between: `ŷ = relu(x @ w1) @ w2`. We fit it to random targets on 64 random
        examples, with the **squared error** `Σ (ŷ − y)²` as the loss. (The data means
        nothing; the point is to watch the machinery work.)
        """),
        code("""
        N, D_in, H, D_out = 64, 1000, 100, 10
        x = ak.randn(N, D_in)                               # data: no gradient needed
        y = ak.randn(N, D_out)
        w1 = ak.randn(D_in, H, requires_grad=True)          # the weights we learn
        w2 = ak.randn(H, D_out, requires_grad=True)
        learning_rate = 1e-6
        print(x.shape, "->", w1.shape, "->", w2.shape)
        """),
        md("""
        One forward pass records a small graph: two matrix products, a ReLU, a subtraction,
        a square and a sum.
        """),
        *viz("""
        y_pred = ak.relu(x @ w1) @ w2
        loss = (y_pred - y).pow(2).sum()
        draw(loss)
        """),
        md("""
        ## 2. The loop

        Each iteration does five things:

        1. **forward**: compute the predictions and the loss (a fresh graph every time);
        2. **backward**: `loss.backward()` fills `w1.grad` and `w2.grad`;
        3. **update**: step each weight against its gradient, inside `no_grad()` so that the
           update is not recorded (lesson 07) and the in-place change is allowed (lesson 08);
        4. **zero**: reset the gradients, because backward *adds* (lesson 05);
        5. (record the loss, to plot it.)

        `tqdm` shows a progress bar while it runs.
        """),
        code("""
        # nbval-ignore-output: the progress bar shows speeds and times, which differ on every
        # run; every number this lesson checks is printed and asserted in the next cells.
        losses = []
        for _ in tqdm(range(500), desc="training", mininterval=1.0):
            y_pred = ak.relu(x @ w1) @ w2                  # 1. forward
            loss = (y_pred - y).pow(2).sum()
            losses.append(loss.item())
            loss.backward()                                 # 2. backward
            with ak.no_grad():                              # 3. update, not recorded
                w1 -= learning_rate * w1.grad
                w2 -= learning_rate * w2.grad
                w1.grad.zero_()                             # 4. zero the gradients
                w2.grad.zero_()
        """, ignore_output="progress bar"),
        code("""
        for t in (0, 1, 10, 100, 499):
            print(f"step {t:3}: loss = {losses[t]:.4g}")
        assert len(losses) == 500
        assert losses[-1] < losses[0] / 100                 # the loss fell a lot
        assert all(later <= earlier * 1.01 for earlier, later in zip(losses[10:], losses[11:]))
        """),
        code("""
        fig, ax = plt.subplots(figsize=(6, 3.5))
        ax.plot(losses)
        ax.set_yscale("log")
        ax.set_xlabel("step")
        ax.set_ylabel("squared-error loss (log scale)")
        ax.set_title("Training a two-layer network by hand")
        plt.show()
        """),
        md("""
        ## 3. Why each step matters

        What if we forget to zero the gradients? Each backward then adds to the previous
        ones, so the step taken at iteration *t* uses the **sum** of all gradients so far:
        the updates keep growing, and training goes wrong. Let's try 30 steps both ways from
        the same start.
        """),
        code("""
        def train(steps, zero_grads):
            ak.manual_seed(1)
            w1 = ak.randn(D_in, H, requires_grad=True)
            w2 = ak.randn(H, D_out, requires_grad=True)
            history = []
            for _ in range(steps):
                loss = (ak.relu(x @ w1) @ w2 - y).pow(2).sum()
                history.append(loss.item())
                loss.backward()
                with ak.no_grad():
                    w1 -= learning_rate * w1.grad
                    w2 -= learning_rate * w2.grad
                    if zero_grads:
                        w1.grad.zero_()
                        w2.grad.zero_()
            return history

        good = train(30, zero_grads=True)
        bad = train(30, zero_grads=False)
        print(f"with zero_():    loss {good[0]:.3g} -> {good[-1]:.3g}")
        print(f"without zero_(): loss {bad[0]:.3g} -> {bad[-1]:.3g}")
        assert good[-1] < bad[-1]
        """),
        *exercise(1, """
        If you moved the update out of `no_grad()` (writing `w1 -= learning_rate * w1.grad`
        while recording), what would happen on the first iteration? Pick one:
        `"error"` (the kit refuses), `"slower"` (it works but records extra nodes), or
        `"nothing"` (no difference).
        """, 'my_choice = ...  # "error", "slower" or "nothing"',
        'check(my_choice, "error", hint="w1 is a leaf that requires grad, and -= is in place (lesson 08)")'),
        code("""
        w = ak.randn(3, requires_grad=True)
        (w * w).sum().backward()
        try:
            w -= 0.1 * w.grad
            outcome = "nothing"
        except RuntimeError:
            outcome = "error"
        assert outcome == "error"
        """),
        md("""
        ## Summary
        - A training loop is: forward (a new graph) → loss → `backward()` → update under
          `no_grad()` → zero the gradients.
        - Forgetting `zero_()` makes every step use the sum of all past gradients.
        - Lesson 12 packages exactly these steps as `nn.Module`, a loss object and an
          optimizer (`optimizer.step()`, `optimizer.zero_grad()`).

        **Next:** [12 · Logistic regression with `nn` and `optim`](12_logistic_regression.ipynb).
        """),
    ]
