# ruff: noqa: E501  (cell text and notebook code lines are written as the learner sees them)
from nb import code, exercise, md, setup, viz

FILE = "12_logistic_regression.ipynb"


def cells():
    return [
        md("""
        # 12 · Logistic regression with `nn` and `optim`

        **After this lesson you will be able to**
        - build a model from layers, both as an `nn.Sequential` and as your own `nn.Module`
          subclass;
        - train it with a loss object (`nn.BCELoss`) and an optimizer (`optim.SGD` with
          momentum): forward → loss → backward → step → zero_grad;
        - read the decision boundary `w0·x0 + w1·x1 + b = 0` off the weights and watch it
          move while the model learns.

        **Concepts:** C30 · **Time:** about 25 minutes
        """),
        setup("""
        import matplotlib.pyplot as plt
        from tqdm.auto import tqdm
        from autograd_kit import nn, optim
        """),
        md("""
        ## 1. The data: two blobs

        100 points of class 0 around `(−1.7, −1.7)` and 100 points of class 1 around
        `(1.7, 1.7)`, each coordinate with standard deviation 1, and the whole picture
        shifted by `+1` (so the best boundary does not pass through the origin, and the bias
        has something to learn).
        """),
        code("""
        rng = np.random.default_rng(1)
        points0 = rng.normal(-1.7, 1.0, size=(100, 2)) + 1
        points1 = rng.normal(+1.7, 1.0, size=(100, 2)) + 1
        X = ak.tensor(np.concatenate([points0, points1]), dtype=ak.float32)     # (200, 2)
        Y = ak.tensor([0.] * 100 + [1.] * 100).reshape(200, 1)                  # labels
        print(X.shape, Y.shape)
        assert X.shape == (200, 2) and Y.sum().item() == 100
        """),
        code("""
        def plot_points(ax):
            ax.scatter(points0[:, 0], points0[:, 1], s=12, c="tab:blue", label="class 0")
            ax.scatter(points1[:, 0], points1[:, 1], s=12, c="tab:orange", label="class 1")
            ax.set_xlabel("x0")
            ax.set_ylabel("x1")
            ax.set_aspect("equal")

        fig, ax = plt.subplots(figsize=(4.5, 4.5))
        plot_points(ax)
        ax.legend()
        plt.show()
        """),
        md("""
        ## 2. The model, two ways

        Logistic regression computes a weighted sum and squashes it into a probability:
        `p = sigmoid(w0·x0 + w1·x1 + b)`. In `nn` terms: a `Linear(2, 1)` layer (holding
        `w` and `b` as `Parameter`s, tensors that require grad) followed by a `Sigmoid`.

        **As a `Sequential`**, a list of layers applied in order:
        """),
        code("""
        ak.manual_seed(0)
        seq_model = nn.Sequential(nn.Linear(2, 1), nn.Sigmoid())
        print(seq_model)
        """),
        md("""
        **As a `Module` subclass**: create the layers in `__init__`, say how to use them in
        `forward`. Calling `model(X)` runs `forward(X)`. This style lets you write any Python
        in `forward` (remember define-by-run, lesson 03).
        """),
        code("""
        class LogisticRegression(nn.Module):
            def __init__(self):
                super().__init__()
                self.linear = nn.Linear(2, 1)

            def forward(self, x):
                return ak.sigmoid(self.linear(x))

        ak.manual_seed(0)                         # same seed: same starting weights
        model = LogisticRegression()
        print(model)
        for name, p in model.named_parameters():
            print(name, tuple(p.shape), "requires_grad:", p.requires_grad)
        assert ak.allclose(model(X), seq_model(X))   # the two spellings compute the same thing
        """),
        *exercise(1, """
        How many numbers does the optimizer have to learn in this model?
        """, "my_count = ...",
        'check(my_count, 3, hint="a (1, 2) weight and a (1,) bias")'),
        code("assert sum(p.numel() for p in model.parameters()) == 3"),
        md("""
        One forward pass and the loss, drawn. The weight and bias are the leaves:
        """),
        *viz("""
        loss_fn = nn.BCELoss()
        loss = loss_fn(model(X), Y)
        draw(loss)
        """),
        md("""
        ## 3. Training

        `nn.BCELoss()` is the binary cross-entropy, `−mean(y·log p + (1 − y)·log(1 − p))`.
        `optim.SGD(model.parameters(), lr=0.01, momentum=0.9)` holds the parameters and
        does the update of lesson 11 for us (`step()`, under `no_grad`), with *momentum*: each
        step also keeps 90 % of the previous step's direction, which speeds up progress along
        a consistent slope. `zero_grad()` does the zeroing.

        We stop as soon as more than 99 % of the points are classified correctly
        (`p > 0.5` means class 1), and keep the boundary's parameters every few iterations.
        """),
        code("""
        # nbval-ignore-output: the progress bar shows speeds and times, which differ on every
        # run; the numbers this lesson checks are printed and asserted in the next cell.
        loss_fn = nn.BCELoss()
        optimizer = optim.SGD(model.parameters(), lr=0.01, momentum=0.9)

        losses, snapshots = [], []
        for iteration in tqdm(range(1000), desc="training", mininterval=1.0):
            p = model(X)                          # forward
            loss = loss_fn(p, Y)                  # loss
            optimizer.zero_grad()                 # clear last iteration's gradients
            loss.backward()                       # backward
            optimizer.step()                      # update w and b
            losses.append(loss.item())
            w, b = model.linear.weight.detach(), model.linear.bias.detach()
            if iteration % 15 == 0:
                snapshots.append((iteration, w.flatten().tolist(), b.item()))
            accuracy = ((p > 0.5).float() == Y).sum().item() / len(Y)
            if accuracy > 0.99:
                break
        snapshots.append((iteration, w.flatten().tolist(), b.item()))
        """, ignore_output="progress bar"),
        code("""
        print(f"stopped after {iteration + 1} iterations: accuracy {accuracy:.3f}, loss {losses[-1]:.4f}")
        print("w =", [round(v, 3) for v in snapshots[-1][1]], " b =", round(snapshots[-1][2], 3))
        assert accuracy > 0.99 and iteration < 999
        assert losses[-1] < losses[0]
        """),
        md("""
        ## 4. The boundary moves

        The model says "class 1" where `w0·x0 + w1·x1 + b > 0`, so the boundary is the line
        `w0·x0 + w1·x1 + b = 0`, i.e. `x1 = −(w0·x0 + b) / w1`. Here it is at the saved
        iterations, from pale (early) to dark (the end):
        """),
        code("""
        fig, (ax, ax_loss) = plt.subplots(1, 2, figsize=(10, 4.5))
        plot_points(ax)
        xs = np.array([-4.5, 6.5])
        for k, (it, (w0, w1), b) in enumerate(snapshots):
            shade = 0.2 + 0.8 * k / (len(snapshots) - 1)
            ax.plot(xs, -(w0 * xs + b) / w1, color=plt.cm.Greys(shade),
                    label=f"iteration {it + 1}" if k in (0, len(snapshots) - 1) else None)
        ax.set_ylim(-4.5, 6.5)
        ax.legend(loc="upper left", fontsize=8)
        ax.set_title("decision boundary w0·x0 + w1·x1 + b = 0")
        ax_loss.plot(losses)
        ax_loss.set_xlabel("iteration")
        ax_loss.set_ylabel("BCE loss")
        ax_loss.set_title("loss")
        plt.tight_layout()
        plt.show()
        """),
        md("""
        Notice that the training stopped as soon as the rule "more than 99 % right" held: the
        final line still runs close to the blue points. Training longer would push it further
        towards the middle of the gap, because the loss keeps rewarding confident answers.
        """),
        *exercise(2, """
        What probability `p` does the model give to a point that lies **exactly on** the
        boundary line?
        """, "my_p = ...",
        'check(my_p, 0.5, hint="on the line, w0·x0 + w1·x1 + b = 0, and sigmoid(0) = ?")'),
        code("""
        (w0, w1), b = snapshots[-1][1], snapshots[-1][2]
        on_line = ak.tensor([[1.0, -(w0 * 1.0 + b) / w1]])
        with ak.no_grad():
            assert abs(model(on_line).item() - 0.5) < 1e-4
        """),
        md("""
        ## Summary
        - `nn.Sequential(nn.Linear(2, 1), nn.Sigmoid())` and a `Module` subclass with a
          `forward` method describe the same model; `parameters()` lists its leaves.
        - The training loop is the one of lesson 11 with names: `loss_fn(model(X), Y)`,
          `optimizer.zero_grad()`, `loss.backward()`, `optimizer.step()`.
        - For logistic regression the weights *are* the decision boundary
          `w0·x0 + w1·x1 + b = 0`, and you can watch it settle between the two classes.

        **Next:** [13 · The GPU](13_gpu.ipynb).
        """),
    ]
