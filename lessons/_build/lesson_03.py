# ruff: noqa: E501  (cell text and notebook code lines are written as the learner sees them)
from nb import code, exercise, md, setup, viz, viz_md

FILE = "03_static_vs_dynamic.ipynb"


def cells():
    return [
        md("""
        # 03 · Static vs dynamic graphs

        **After this lesson you will be able to**
        - explain the difference between *define-then-run* (build the whole graph first,
          feed data later) and *define-by-run* (the graph is recorded as the code runs);
        - write the same computation in both styles;
        - show a computation that only the dynamic style expresses naturally: a recurrent cell
          unrolled to each sentence's own length.

        **Concepts:** C07 · **Time:** about 20 minutes
        """),
        setup("from checks import count_nodes"),
        md("""
        ## 1. Define-then-run, in 25 lines

        Early deep-learning frameworks (TensorFlow 1, Theano) worked in two phases. First you
        **define** a graph out of symbolic placeholders: nothing is computed, you only describe
        the computation. Then you **run** it in a *session*, feeding real values for the
        placeholders. Here is a tiny builder in that style, written just for this lesson:
        """),
        code('''
        class Sym:
            """A symbolic value in a static graph: building it computes nothing."""

            def __init__(self, op, inputs=(), name=None):
                self.op, self.inputs, self.name = op, inputs, name

            def __add__(self, other):
                return Sym("add", (self, lift(other)))

            def __mul__(self, other):
                return Sym("mul", (self, lift(other)))

            def __repr__(self):
                return f"<Sym {self.name or self.op}>"


        def lift(value):
            return value if isinstance(value, Sym) else Sym("const", name=value)


        def placeholder(name):
            return Sym("placeholder", name=name)


        class Session:
            def run(self, output, feed_dict):
                """Evaluate `output`, reading each placeholder's value from `feed_dict`."""
                if output.op == "placeholder":
                    return feed_dict[output.name]
                if output.op == "const":
                    return output.name
                left, right = (self.run(i, feed_dict) for i in output.inputs)
                return left + right if output.op == "add" else left * right
        '''),
        md("""
        **Define:** describe `y = (x + w) * (w + 1)`. Printing an intermediate value shows
        only a symbol: there is no number yet.
        """),
        code("""
        x_in = placeholder("x")
        w_in = placeholder("w")
        a_sym = x_in + w_in
        y_sym = a_sym * (w_in + 1)
        print(a_sym, y_sym)
        """),
        md("**Run:** feed values, as many times as you like, through the same fixed graph."),
        code("""
        sess = Session()
        print(sess.run(y_sym, feed_dict={"x": 2.0, "w": 1.0}))
        print(sess.run(y_sym, feed_dict={"x": 0.0, "w": 3.0}))
        assert sess.run(y_sym, {"x": 2.0, "w": 1.0}) == 6.0
        """),
        md("""
        ## 2. Define-by-run: the same computation

        In the kit (and in PyTorch) there is one phase. Each line runs **now** and gives a real
        number, and the graph for backward is recorded on the way (lesson 02). You can print
        any intermediate value, step through it in a debugger, or use it in an `if`.
        """),
        code("""
        w = ak.tensor([1.], requires_grad=True)
        x = ak.tensor([2.], requires_grad=True)
        a = x + w
        print("a is already a value:", a)
        y = a * (w + 1)
        print("y =", y)
        assert y.tolist() == [6.0]
        """),
        *viz("draw(y)"),
        md("""
        Both styles compute the same thing. What differs is *when the graph exists*: a static
        graph is fixed before any data is seen (which lets a compiler optimise it), while a
        dynamic graph is rebuilt from scratch on every run and can take a different shape
        each time.

        | | define-then-run | define-by-run |
        |---|---|---|
        | graph built | once, before the data | on every run, by the code itself |
        | intermediate values | only inside `session.run` | ordinary variables you can print |
        | loops and `if`s on values | special graph operations (`cond`, `while_loop`) | plain Python |
        | debugging | the error points into the graph | the error points at your line |

        ## 3. Where dynamic graphs shine: sentences of different lengths

        A *recurrent* cell reads a sentence one word at a time, carrying a hidden state `h`:

        `h ← tanh(x_word @ W_x + h @ W_h)`

        With define-by-run you simply loop over the words of *this* sentence. A three-word
        sentence records three steps, a six-word sentence six. A static graph has one fixed
        shape, so it must be built for the longest sentence, and shorter sentences are
        **padded** with dummy words whose effect is then masked away.
        """),
        code("""
        embed_size, hidden_size = 4, 3
        vocabulary = "the cat sat dogs bark a very small bird sang today".split()
        embedding = {word: ak.randn(1, embed_size) for word in vocabulary}   # fixed word vectors

        W_x = ak.randn(embed_size, hidden_size, requires_grad=True)
        W_h = ak.randn(hidden_size, hidden_size, requires_grad=True)


        def encode(sentence):
            h = ak.zeros(1, hidden_size)
            for word in sentence.split():          # as many steps as this sentence has words
                h = ak.tanh(embedding[word] @ W_x + h @ W_h)
            return h
        """),
        code("""
        sentences = ["dogs bark", "the cat sat", "a very small bird sang today"]
        for s in sentences:
            h = encode(s)
            print(f"{s!r:32} words: {len(s.split())}  tanh nodes recorded: {count_nodes(h, 'TanhBackward0')}")
            assert count_nodes(h, "TanhBackward0") == len(s.split())
        """),
        *viz_md("""
        The graphs for the two shortest sentences, drawn. Count the `TanhBackward0` nodes:
        one per word. The weights `W_x` and `W_h` appear **once** each, however long the
        sentence: every step uses the same weights, so their gradients will collect a
        contribution from every step (lesson 04 explains why paths add up).
        """),
        *viz("""
        h = encode("dogs bark")
        draw(h)
        """),
        *viz("""
        h = encode("the cat sat")
        draw(h)
        """),
        md("""
        Backward works on each of these graphs unchanged; the weights' gradients have the
        weights' shapes whatever the sentence length:
        """),
        code("""
        loss = encode("a very small bird sang today").sum()
        loss.backward()
        print(W_x.grad.shape, W_h.grad.shape)
        assert W_x.grad.shape == (4, 3) and W_h.grad.shape == (3, 3)
        """),
        md("""
        With padding, every sentence costs as many steps as the longest one. For our three
        sentences that is `3 × 6 = 18` steps instead of `2 + 3 + 6 = 11`, plus a mask to undo
        the padded steps. The dynamic graph does exactly the work each sentence needs.
        """),
        code("""
        dynamic_steps = sum(len(s.split()) for s in sentences)
        padded_steps = len(sentences) * max(len(s.split()) for s in sentences)
        print("define-by-run:", dynamic_steps, "steps;  padded static graph:", padded_steps, "steps")
        assert (dynamic_steps, padded_steps) == (11, 18)
        """),
        *exercise(1, """
        `encode("the very small cat sang")` has five words. How many `TanhBackward0` nodes
        does its graph hold, and how many `AccumulateGrad` nodes?
        """, "my_tanh, my_accumulate = ..., ...",
        """check(my_tanh, 5, hint="one tanh per word")
check(my_accumulate, 2, hint="only W_x and W_h require grad; each leaf has one AccumulateGrad, however often it is used")"""),
        code("""
        h = encode("the very small cat sang")
        assert count_nodes(h, "TanhBackward0") == 5 and count_nodes(h, "AccumulateGrad") == 2
        """),
        md("""
        ## Summary
        - **Define-then-run**: build a symbolic graph with placeholders, then feed data through
          a session. The graph is fixed before the data is seen.
        - **Define-by-run** (the kit, PyTorch): operations run immediately and are recorded as
          they run; every intermediate value is a real tensor you can print.
        - Data-dependent structure, such as a recurrent cell unrolled to each sentence's length,
          is a plain Python loop in define-by-run, and needs padding or special graph
          operations in define-then-run.

        **Next:** [04 · backward() and the chain rule](04_backward_chain_rule.ipynb).
        """),
    ]
