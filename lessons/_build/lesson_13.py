# ruff: noqa: E501  (cell text and notebook code lines are written as the learner sees them)
from nb import code, exercise, md, setup

FILE = "13_gpu.ipynb"

GPU_NOTE = """
        # nbval-ignore-output: what this cell prints depends on whether the machine running the
        # notebook has a GPU (the stored output comes from a machine without one)."""


def cells():
    return [
        md("""
        # 13 · The GPU

        **After this lesson you will be able to**
        - check whether a GPU is usable (`ak.cuda.is_available()`);
        - put tensors on a device (`device="cuda"`, `.to("cuda")`, `.cpu()`) and run the very
          same autograd code there;
        - explain why mixing devices in one operation is an error;
        - measure when the GPU pays off.

        **Concepts:** C31 · **Time:** about 15 minutes

        > **No GPU? No problem.** This notebook runs everywhere. Without an NVIDIA GPU and
        > CuPy, it tells you so, shows what would change, and runs the CPU half of every
        > comparison. The stored outputs come from a machine without a GPU.
        """),
        setup("import time"),
        md("""
        ## 1. Is there a GPU?

        The kit keeps a tensor's numbers in NumPy on the CPU and in **CuPy** (a NumPy look-alike
        whose arrays live in GPU memory) on a GPU. The engine itself does not care: every
        rule calls the tensor's own array module. `ak.cuda.is_available()` is true when CuPy
        is installed and sees a GPU.
        """),
        code(GPU_NOTE + """
        gpu = ak.cuda.is_available()
        print("GPU available:", gpu, "| GPUs:", ak.cuda.device_count())
        device = "cuda" if gpu else "cpu"
        print("this notebook will use:", device)
        """, ignore_output="depends on the machine"),
        md("""
        Asking for `cuda` where there is none is a clear error, not a silent fallback:
        """),
        code(GPU_NOTE + """
        try:
            t = ak.ones(3).to("cuda")
            print("moved to", t.device)
        except RuntimeError as err:
            print("RuntimeError:", err)
        """, ignore_output="depends on the machine"),
        md("""
        ## 2. The same code, another device

        Write the device once, as a variable, and pass it wherever tensors are made. Then
        everything else, including backward, is unchanged. This is the lesson-04 example:
        """),
        code("""
        w = ak.tensor([1.], requires_grad=True, device=device)
        x = ak.tensor([2.], requires_grad=True, device=device)
        y = (x + w) * (w + 1)
        y.backward()
        print("computed on:", y.device, "| w.grad on:", w.grad.device)
        print("w.grad =", w.grad.item(), " x.grad =", x.grad.item())
        assert (w.grad.item(), x.grad.item()) == (5.0, 2.0)
        assert w.grad.device == w.device     # a gradient lives where its tensor lives
        """),
        md("""
        What changes on a GPU: `y.device` prints `cuda:0`, and the gradients live in GPU
        memory too. To look at numbers with NumPy or matplotlib, bring them back with
        `.cpu()` first (`.numpy()` refuses a GPU tensor rather than copying behind your back).
        `.cpu()` on a tensor that is already on the CPU simply returns it.
        """),
        code("""
        back = w.grad.cpu()
        print(back.device, back.numpy())
        assert str(back.device) == "cpu"
        """),
        md("""
        ## 3. Mixing devices is an error

        An operation needs all its inputs in one place: the kit will not silently copy a
        GPU tensor to the CPU (or back) in the middle of your computation, because such
        hidden copies are slow and hard to find. On a GPU machine the next cell shows the
        error; here it explains what would happen.
        """),
        code(GPU_NOTE + """
        if gpu:
            try:
                ak.ones(3, device="cuda") + ak.ones(3)
            except RuntimeError as err:
                print("RuntimeError:", err)
        else:
            print("No GPU here: `ak.ones(3, device='cuda') + ak.ones(3)` would raise a RuntimeError")
            print("saying that the tensors are on different devices (cuda:0 and cpu).")
        """, ignore_output="depends on the machine"),
        *exercise(1, """
        `w` lives on the GPU and `lr` is a plain Python float. Does `w - lr * w.grad` need any
        `.to(...)`? Write `True` if it needs one, `False` if not.
        """, "my_needs_to = ...",
        'check(my_needs_to, False, hint="w.grad lives where w lives, and a Python number is not a tensor on any device")'),
        code("""
        with ak.no_grad():
            updated = w - 0.1 * w.grad
        assert updated.device == w.device
        """),
        md("""
        ## 4. When does the GPU pay off?

        A GPU runs thousands of arithmetic operations at once, but each operation has a fixed
        cost to launch, and moving data between CPU and GPU memory is slow. So tiny problems
        (like the examples in lessons 01–10) are *faster* on the CPU; large matrix products
        are where a GPU wins. Let's time forward + backward through a few large matrix
        products on each available device.
        """),
        code("""
        def time_backward(device, n=1000, repeats=3):
            ak.manual_seed(0)
            a = ak.randn(n, n, device=device, requires_grad=True)
            b = ak.randn(n, n, device=device)
            best = float("inf")
            for _ in range(repeats):
                start = time.perf_counter()
                loss = ak.tanh(a @ b @ b).sum()
                loss.backward()
                _ = a.grad.sum().item()          # .item() waits for the GPU to finish
                best = min(best, time.perf_counter() - start)
                a.grad = None
            return best
        """),
        code("""
        # nbval-ignore-output: timings differ from run to run and from machine to machine.
        timings = {"cpu": time_backward("cpu")}
        if gpu:
            time_backward("cuda")                 # warm-up: the first GPU call compiles kernels
            timings["cuda"] = time_backward("cuda")
        for where, seconds in timings.items():
            print(f"{where:5}: {seconds * 1000:.1f} ms")
        if gpu:
            print(f"speed-up: {timings['cpu'] / timings['cuda']:.1f}x")
        else:
            print("(with a GPU, a 'cuda' line and the speed-up would appear here)")
        """, ignore_output="timings"),
        md("""
        ## Summary
        - `ak.cuda.is_available()` says whether CuPy sees a GPU; pick `device = "cuda" if … else
          "cpu"` once and pass it to every tensor you create.
        - Autograd code is identical on every device; gradients live on their tensor's device;
          `.cpu()` / `.to(device)` move tensors explicitly.
        - Mixing devices in one operation is an error, never a hidden copy.
        - GPUs pay off on large array operations, not on tiny ones.

        **Next:** [14 · Reading the engine](14_reading_the_engine.ipynb).
        """),
    ]
