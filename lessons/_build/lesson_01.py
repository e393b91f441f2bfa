# ruff: noqa: E501  (cell text and notebook code lines are written as the learner sees them)
import textwrap

from nb import code, exercise, md, setup

FILE = "01_tensors.ipynb"

LESSON_LIST = """\
| # | lesson | concepts |
|---|---|---|
| 01 | [Tensors and `requires_grad`](01_tensors.ipynb) (this one) | C01–C03 |
| 02 | [The dynamic graph: `grad_fn`, `is_leaf`, define-by-run](02_dynamic_graph.ipynb) | C04–C06 |
| 03 | [Static vs dynamic graphs](03_static_vs_dynamic.ipynb) | C07 |
| 04 | [`backward()` and the chain rule: paths add up](04_backward_chain_rule.ipynb) | C08–C09 |
| 05 | [What backward keeps: leaves, `retain_grad`, freeing, accumulation](05_what_backward_keeps.ipynb) | C10, C11, C15, C16 |
| 06 | [Vector–Jacobian products](06_vector_jacobian_products.ipynb) | C12–C14 |
| 07 | [Controlling recording: `no_grad`, `detach`, freezing, `.data`](07_controlling_recording.ipynb) | C17–C21 |
| 08 | [In-place operations and the version counter](08_inplace_and_versions.ipynb) | C22–C24 |
| 09 | [Higher-order gradients](09_higher_order_gradients.ipynb) | C25–C26 |
| 10 | [Custom Functions and hooks](10_custom_functions_and_hooks.ipynb) | C27–C28 |
| 11 | [Training a network by hand](11_training_by_hand.ipynb) | C29 |
| 12 | [Logistic regression with `nn` and `optim`](12_logistic_regression.ipynb) | C30 |
| 13 | [The GPU](13_gpu.ipynb) | C31 |
| 14 | [Reading the engine](14_reading_the_engine.ipynb) | C32 |"""


def cells():
    return [
        md("""
        # 01 · Tensors and `requires_grad`

        Welcome to **autograd_kit**, a small automatic-differentiation engine that behaves like
        PyTorch's, written so that you can read every line of it. `import autograd_kit as ak`
        plays the part of `import torch`: whatever you learn here carries over.

        **After this lesson you will be able to**
        - make tensors from lists, NumPy arrays and the usual factories, and read their `shape`,
          `dtype` and `device`;
        - turn gradient tracking on for a tensor, and say why an integer tensor cannot have it;
        - predict whether the result of an operation requires a gradient.

        **Concepts:** C01, C02, C03 · **Time:** about 15 minutes

        ### How the lessons work
        Run the cells from top to bottom (Shift+Enter). Some cells are ✏️ **exercises**: you
        *predict* a result, write it in the cell (replacing `...`), and the next cell tells you
        whether you were right. Solutions are in [`solutions/`](solutions/). The cells that
        start with `assert` check the kit itself: if one fails, the engine is wrong, not you.

        ### All the lessons
        """ + textwrap.indent(LESSON_LIST, " " * 8)),
        setup(),
        md("""
        ## 1. A tensor is an n-dimensional array

        The simplest way to make one is from a (nested) Python list. Every tensor knows its
        **shape** (how many entries along each dimension), its **dtype** (the type of every
        entry) and its **device** (where the numbers live: `cpu` here, `cuda` for a GPU in
        lesson 13).
        """),
        code("""
        t = ak.tensor([[1., 2., 3.],
                       [4., 5., 6.]])
        print(t)
        print("shape: ", t.shape)
        print("dtype: ", t.dtype)
        print("device:", t.device)
        assert t.shape == (2, 3) and t.dtype == ak.float32 and str(t.device) == "cpu"
        """),
        md("""
        Numbers written with a decimal point give `float32`, whole numbers give `int64`,
        just as in PyTorch:
        """),
        code("""
        n = ak.tensor([1, 2, 3])
        print(n, n.dtype)
        assert n.dtype == ak.int64
        """),
        md("""
        ### Factories
        You rarely type the numbers yourself. `ones`, `zeros`, `randn` (random numbers from a
        normal distribution) and `arange` (a range, like Python's `range`) make tensors of a
        given shape. `ak.manual_seed(0)` at the top of every lesson makes the "random" numbers
        the same on every run, and they are the numbers PyTorch draws after
        `torch.manual_seed(0)`: the kit follows PyTorch's random number recipe, so a seeded
        experiment gives the same numbers in both.
        """),
        code("""
        print(ak.ones(2, 3))
        print(ak.zeros(4))
        print(ak.arange(5))
        ak.manual_seed(0)
        r = ak.randn(2, 2)
        print(r)
        # torch.manual_seed(0); torch.randn(2, 2) prints these numbers too:
        assert ak.allclose(r, ak.tensor([[1.5410, -0.2934], [-2.1788, 0.5684]]), atol=1e-4)
        """),
        *exercise(1, """
        What is the shape of `ak.zeros(2, 3, 4).sum(0)`? (`sum(0)` adds up along dimension 0,
        which removes it.) Write it as a tuple.
        """, "my_shape = ...  # e.g. (5, 6)",
        'check(my_shape, (3, 4), hint="summing along dimension 0 removes the first size, 2")'),
        code("""
        assert ak.zeros(2, 3, 4).sum(0).shape == (3, 4)
        """),
        md("""
        ### NumPy, in and out
        `ak.from_numpy(array)` wraps a NumPy array **without copying it**: the tensor and the
        array share the same memory, so changing one changes the other. `.numpy()` goes the
        other way, and `.item()` turns a one-element tensor into a plain Python number.
        """),
        code("""
        a = np.arange(3.0)        # array([0., 1., 2.]) in float64
        t = ak.from_numpy(a)
        a[0] = 100.0              # change the array...
        print(t)                  # ...and the tensor sees it
        assert t.tolist() == [100.0, 1.0, 2.0] and t.dtype == ak.float64
        """),
        code("""
        back = t.numpy()
        print(type(back).__name__, back)
        s = t.sum()
        print(s, "->", s.item(), type(s.item()).__name__)
        assert s.item() == 103.0
        """),
        md("""
        ## 2. `requires_grad`: asking the kit to track a tensor

        Automatic differentiation answers the question *"if I nudge this input, how much does
        the output change?"*. You tell the kit which tensors you will ask that about by setting
        `requires_grad=True`. It is **off by default**, because most tensors (data, labels,
        constants) never need a gradient, and tracking costs memory.
        """),
        code("""
        x = ak.tensor([1., 2., 3.])
        w = ak.tensor([0.5, -1.0, 2.0], requires_grad=True)
        print(x.requires_grad, w.requires_grad)
        print(w)
        assert x.requires_grad is False and w.requires_grad is True
        """),
        md("""
        Notice how the tensor prints: `requires_grad=True` is part of its description.

        Gradients are about *small nudges*, and you cannot nudge an integer by a small amount.
        So only floating-point tensors may require gradients; asking for it on an integer
        tensor is an error, with a message that says why:
        """),
        code("""
        try:
            ak.tensor([1, 2, 3], requires_grad=True)
        except RuntimeError as err:
            message = str(err)
            print("RuntimeError:", message)
        assert "floating point" in message
        """),
        md("""
        You can also switch tracking on later, **in place**, with `requires_grad_()` (the
        trailing underscore always means "changes this tensor itself"). It returns the same
        tensor, so it can be chained.
        """),
        code("""
        b = ak.zeros(3)
        same = b.requires_grad_()
        print(b.requires_grad, same is b)
        assert b.requires_grad and same is b
        """),
        md("""
        ## 3. Contagion: results inherit `requires_grad`

        When you compute with tensors, the result **requires grad as soon as any input does**.
        That is how tracking spreads from the tensors you care about (weights) through every
        result computed from them, while pure data stays untracked.
        """),
        code("""
        w = ak.tensor([1.0], requires_grad=True)
        x = ak.tensor([2.0])            # plain data
        a = w + x
        b = x * 3
        print("a = w + x  ->", a.requires_grad)
        print("b = x * 3  ->", b.requires_grad)
        assert a.requires_grad is True and b.requires_grad is False
        """),
        *exercise(2, """
        With the same `w` and `x`, does `c = b * a` require grad? And `d = b - x`?
        Write two booleans.
        """, "my_c, my_d = ..., ...  # True or False",
        """check(my_c, True, hint="a requires grad, and one tracked input is enough")
check(my_d, False, hint="b and x were both computed without w")"""),
        code("""
        assert (b * a).requires_grad is True and (b - x).requires_grad is False
        """),
        md("""
        ## Summary
        - A tensor is an n-dimensional array with a `shape`, a `dtype` and a `device`; make it
          with `tensor`, `ones`, `zeros`, `randn`, `arange`, or share memory with NumPy through
          `from_numpy`; read values back with `.numpy()`, `.tolist()` and `.item()`.
        - `requires_grad` is off by default; only floating-point tensors may turn it on
          (`requires_grad=True` or `requires_grad_()`).
        - A result requires grad when any of its inputs does.

        **Next:** [02 · The dynamic graph](02_dynamic_graph.ipynb): what the kit records while
        your code runs.
        """),
    ]
