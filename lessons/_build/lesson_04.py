# ruff: noqa: E501  (cell text and notebook code lines are written as the learner sees them)
from nb import STEPPER, code, exercise, md, setup, step, step_md, viz

STEPS_L_STEPPER = """
names = dict(a=a, w1=w1, w2=w2, w3=w3, w4=w4, b=b, c=c, d=d, L=L)
for record in stepper.steps:
    print(describe_step(record, names))
stepper.run()          # finish the backward pass: the leaves get their .grad
"""
STEPS_L_PLAIN = """
names = dict(a=a, w1=w1, w2=w2, w3=w3, w4=w4, b=b, c=c, d=d, L=L)
for record in ak.autograd.backward_steps(L):
    print(describe_step(record, names))
"""


FILE = "04_backward_chain_rule.ipynb"


def cells():
    STEPS_L = STEPS_L_STEPPER if STEPPER else STEPS_L_PLAIN
    return [
        md("""
        # 04 · `backward()` and the chain rule: paths add up

        **After this lesson you will be able to**
        - call `out.backward()` and read `∂out/∂leaf` from each leaf's `.grad`;
        - compute the same gradients by hand with the chain rule, node by node;
        - explain why the gradient of a value used twice is a **sum** over paths, and watch
          the engine add the two contributions.

        **Concepts:** C08, C09 · **Time:** about 25 minutes
        """),
        setup("from checks import describe_step"),
        md("""
        ## 1. `backward()` fills in `.grad`

        Take `x`, a 2×2 tensor of ones, and compute

        `y = x + 2`, `z = y * y * 2`, `out = z.mean()`.

        `out` is one number. `out.backward()` walks the recorded graph from `out` back to the
        leaves and stores `∂out/∂x` in `x.grad`: one number per entry of `x`, saying how much
        `out` changes when that entry is nudged.
        """),
        code("""
        x = ak.ones(2, 2, requires_grad=True)
        y = x + 2
        z = y * y * 2
        out = z.mean()
        print(out)
        print(x.grad)          # nothing yet: backward has not run
        """),
        code("""
        out.backward()
        print(x.grad)
        assert out.item() == 18.0
        assert x.grad.tolist() == [[3.0, 3.0], [3.0, 3.0]]
        """),
        md("""
        **By hand.** `out = ¼ Σᵢ zᵢ` and `zᵢ = 2 yᵢ²` with `yᵢ = xᵢ + 2`. The chain rule
        multiplies the local derivatives along the way:

        `∂out/∂xᵢ = ∂out/∂zᵢ · ∂zᵢ/∂yᵢ · ∂yᵢ/∂xᵢ = ¼ · 4yᵢ · 1 = yᵢ = xᵢ + 2 = 3`.

        Each backward node knows only its own local derivative; the engine chains them.
        """),
        md("""
        ## 2. One node at a time

        The running example of these lessons: `w = 1`, `x = 2`,

        `a = x + w`, `b = w + 1`, `y = a * b = 3 · 2 = 6`.
        """),
        code("""
        w = ak.tensor([1.], requires_grad=True)
        x = ak.tensor([2.], requires_grad=True)
        a = x + w
        b = w + 1
        y = a * b
        print(y)
        """),
        *viz("draw(y)"),
        md("""
        Backward starts at `y` with `∂y/∂y = 1` and visits each node once:

        1. `MulBackward0` (`y = a·b`): it saved `a` and `b` during the forward pass. It sends
           `1 · b = 2` to `a` and `1 · a = 3` to `b`.
        2. `AddBackward0` (`b = w + 1`): the local derivative is 1, so `3` goes on to `w`.
        3. `AddBackward0` (`a = x + w`): `2` goes to `x` and `2` to `w`.
        4. `w` received two contributions, `3 + 2 = 5`; `x` received `2`.

        So `∂y/∂w = 5` and `∂y/∂x = 2`. Check with the formula: `y = (x + w)(w + 1)` gives
        `∂y/∂w = (w + 1) + (x + w) = 2 + 3 = 5` and `∂y/∂x = w + 1 = 2`. ✔
        """),
        *step_md("""
        Step through it yourself: press **step** and watch which node runs, what arrives at
        it, and what it sends along each arrow. (The stepper runs the engine's real backward
        pass, one node per click.)
        """),
        *step("""
        # nbval-ignore-output: a widget view; its model id is new on every run
        stepper = BackwardStepper(y)
        stepper
        """, ignore_output="widget view"),
        *step_md("""
        The stepper can also be driven from Python: `step()`, `back()`, `reset()`, `run()`,
        `goto(i)`; `current` is the engine's record of the step just done, and the leaves'
        `.grad` always match the position.
        """),
        *step("""
        names = dict(w=w, x=x, a=a, b=b, y=y)
        stepper.reset()
        stepper.step()
        print(describe_step(stepper.current, names))
        print("w.grad after 1 step:", w.grad)
        stepper.run()
        print("w.grad after all", stepper.position, "steps:", w.grad)
        assert stepper.position == len(stepper.steps) == 5 and w.grad.item() == 5.0
        """),
        md("""
        The engine exposes the same walk as plain records: `ak.autograd.backward_steps(y)`
        yields one record per node as it runs (what arrived, what was sent where). Draining it
        *is* `y.backward()`. The helper `describe_step` prints each record on one line. (We
        build the graph again first: a backward, even a stepped one, frees the graph it used.)
        """),
        code("""
        w = ak.tensor([1.], requires_grad=True)
        x = ak.tensor([2.], requires_grad=True)
        a = x + w
        b = w + 1
        y = a * b
        for record in ak.autograd.backward_steps(y):
            print(describe_step(record, names=dict(w=w, x=x, a=a, b=b, y=y)))
        print("w.grad =", w.grad, "  x.grad =", x.grad)
        assert y.item() == 6.0 and w.grad.item() == 5.0 and x.grad.item() == 2.0
        """),
        md("""
        Notice the words *"added to what was waiting"*: the second gradient headed for `w`
        was **added** to the first one. That is the topic of the next section.

        ## 3. Paths add up

        When a value feeds several operations, nudging it changes the output through each of
        them. The chain rule says: **the gradient with respect to a node is the sum, over
        every path from the output to that node, of the product of the local derivatives
        along the path.**

        Here `a` is used twice:

        `b = w1·a`, `c = w2·a`, `d = w3·b + w4·c`, `L = 10 − d`,

        with `a = 2, w1 = 0.5, w2 = −1.5, w3 = 2, w4 = 3`.
        """),
        code("""
        a = ak.tensor(2.0, requires_grad=True)
        w1 = ak.tensor(0.5, requires_grad=True)
        w2 = ak.tensor(-1.5, requires_grad=True)
        w3 = ak.tensor(2.0, requires_grad=True)
        w4 = ak.tensor(3.0, requires_grad=True)
        b = w1 * a
        c = w2 * a
        d = w3 * b + w4 * c
        L = 10 - d
        print(L)
        assert L.item() == 17.0
        """),
        *viz("draw(L)"),
        md("""
        Two paths lead from `L` to `a`:

        - through `b`: `∂L/∂d · ∂d/∂b · ∂b/∂a = (−1) · w3 · w1 = (−1)(2)(0.5) = −1`
        - through `c`: `∂L/∂d · ∂d/∂c · ∂c/∂a = (−1) · w4 · w2 = (−1)(3)(−1.5) = 4.5`

        so `∂L/∂a = −1 + 4.5 = 3.5`. The weights each have one path:
        `∂L/∂w1 = −w3·a = −4`, `∂L/∂w2 = −w4·a = −6`, `∂L/∂w3 = −b = −1`, `∂L/∂w4 = −c = 3`.
        """),
        *step("""
        # nbval-ignore-output: a widget view; its model id is new on every run
        stepper = BackwardStepper(L)
        stepper
        """, ignore_output="widget view"),
        md("All the step records, one line each:"),
        code(STEPS_L),
        code("""
        print("dL/da =", a.grad.item())
        print("dL/dw1..w4 =", [w.grad.item() for w in (w1, w2, w3, w4)])
        assert a.grad.item() == 3.5
        assert [w.grad.item() for w in (w1, w2, w3, w4)] == [-4.0, -6.0, -1.0, 3.0]
        """),
        md("""
        Look for the record of `a`'s `AccumulateGrad`: it receives `3.5`, the sum of the `−1`
        sent by `b`'s node and the `4.5` sent by `c`'s node. The engine waits until **both**
        have arrived before it runs a node, so the sum is complete when it is used (lesson 14
        shows the code that does this).
        """),
        *exercise(1, """
        Same graph, but with `w2 = +1.5` instead of `−1.5`. Predict `∂L/∂a`.
        """, "my_dL_da = ...",
        'check(my_dL_da, -5.5, hint="the path through c becomes (-1)·w4·w2 = -4.5; add the path through b")'),
        code("""
        a2 = ak.tensor(2.0, requires_grad=True)
        L2 = 10 - (w3 * (w1 * a2) + w4 * (ak.tensor(1.5) * a2))
        L2.backward()
        assert a2.grad.item() == -5.5
        """),
        *exercise(2, """
        Back to `y = (x + w) * (w + 1)`, now at `w = 2, x = 0`. Predict `∂y/∂w` and `∂y/∂x`.
        """, "my_dw, my_dx = ..., ...",
        """check(my_dw, 5.0, hint="∂y/∂w = (w + 1) + (x + w)")
check(my_dx, 3.0, hint="∂y/∂x = w + 1")"""),
        code("""
        w = ak.tensor([2.], requires_grad=True)
        x = ak.tensor([0.], requires_grad=True)
        ((x + w) * (w + 1)).backward()
        assert (w.grad.item(), x.grad.item()) == (5.0, 3.0)
        """),
        md("""
        ## Summary
        - `out.backward()` walks the graph from `out` to the leaves and stores `∂out/∂leaf` in
          each leaf's `.grad`.
        - Each node applies only its local derivative to the gradient that arrives; chaining
          them is the chain rule.
        - A value used on several paths receives the **sum** of the contributions of all paths;
          the engine adds them where they meet and runs a node only when all have arrived.

        **Next:** [05 · What backward keeps](05_what_backward_keeps.ipynb).
        """),
    ]
