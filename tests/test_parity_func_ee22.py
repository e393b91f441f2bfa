"""torch.func and forward AD compared with PyTorch live (continued from ee21): a custom
Function's own vmap rule (``vmap(MyFunction.apply)`` calls its ``vmap`` staticmethod once on
the batch), and its checks."""

from __future__ import annotations

import pytest
from parity_harness import assert_same

import autograd_kit as ak

torch = pytest.importorskip("torch")

PRELUDE = ("vmap, grad, jacrev = T.func.vmap, T.func.grad, T.func.jacrev\n"
           "x = T.arange(6.).view(2, 3)\n"
           "def tensors(y):\n"
           "    if isinstance(y, dict):\n"
           "        y = list(y.values())\n"
           "    if isinstance(y, (tuple, list)):\n"
           "        return [t for v in y for t in tensors(v)]\n"
           "    return [y] if isinstance(y, T.Tensor) else []\n")


def same(code: str) -> None:
    assert_same(torch, ak, PRELUDE + code)


def function(rule: str, forward: str = "return input * 100", signature: str = "input",
             extra: str = "") -> str:
    """A custom Function ``Fn`` (setup_context style) with the vmap staticmethod ``rule``."""
    return ("class Fn(T.autograd.Function):\n"
            f"{extra}"
            "    @staticmethod\n"
            f"    def forward({signature}):\n"
            f"        {forward}\n"
            "    @staticmethod\n"
            "    def setup_context(ctx, inputs, output):\n"
            "        pass\n"
            "    @staticmethod\n"
            "    def backward(ctx, g):\n"
            "        return g * 100\n"
            "    @staticmethod\n"
            f"    def vmap(info, in_dims, {signature}):\n"
            f"        {rule}\n")


# ---- the rule is called once, on the whole batch, and told the batch size and in_dims --------

SEEN = "out.append((info.batch_size, info.randomness, in_dims, type(info).__name__, str(info)))"


@pytest.mark.parametrize("call", [
    "vmap(Fn.apply)(x)", "vmap(Fn.apply, in_dims=1)(x)", "vmap(Fn.apply, in_dims=(-1,))(x)",
    "vmap(Fn.apply, randomness='same')(x)", "vmap(Fn.apply, out_dims=1)(x)",
    "vmap(Fn.apply, out_dims=-1)(x)",
    "vmap(Fn.apply)(T.ones(0, 3))",
])
def test_the_rule_runs_on_the_batch(call: str) -> None:
    same(function(f"{SEEN}\n        return input * 2, in_dims[0]") + f"out.append({call})\n")


@pytest.mark.parametrize("call", [
    "vmap(Fn.apply)(x, [x, x])", "vmap(Fn.apply, in_dims=(0, None))(x, [x, x])",
    "vmap(Fn.apply, in_dims=(None, [1, 0]))(T.ones(2), [x, x])",
    "vmap(Fn.apply)(x, y=[x, x])", "vmap(Fn.apply)(x, (x, 2.))",
])
def test_in_dims_follow_the_arguments(call: str) -> None:
    same(function("out.append(in_dims)\n        return (x, y), in_dims", "return x, y",
                  "x, y") + f"out.append({call})\n")


@pytest.mark.parametrize("call", ["vmap(Fn.apply)(x)", "vmap(Fn.apply)(x, scale=2.)",
                                  "vmap(Fn.apply)(x, 5.)", "vmap(Fn.apply)(x, 5., 6.)"])
def test_defaults_are_bound_as_apply_binds_them(call: str) -> None:
    same(function("out.append((in_dims, scale))\n        return input * scale, 0",
                  "return input * scale", "input, scale=3.") + f"out.append({call})\n")


def test_kwarg_only_tensors_are_refused() -> None:
    same(function("return input + y, 0", "return input + y", "input, *, y")
         + "out.append(vmap(Fn.apply)(x, y=T.ones(2, 3)))\n"
         "out.append(vmap(Fn.apply)(x, y=2.))\n")


# ---- what the rule returns: out_dims None expands, an input comes back itself ----------------

@pytest.mark.parametrize("rule, out_dims", [
    ("return input, in_dims[0]", "0"), ("return input, in_dims[0]", "1"),
    ("return input, in_dims[0]", "None"),
    ("return T.zeros(input.shape[1:]), None", "0"),
    ("return T.zeros(input.shape[1:]), None", "None"),
    ("r = T.zeros(input.shape[1:])\n        return (r, r), None", "0"),
    ("return (input * 2, 3), (0, None)", "0"), ("return (input, input * 2), (1, 0)", "0"),
    ("return (input * 2, 3), (0, None)", "(0, None)"),
    ("return [input.t().contiguous()], 1", "0"), ("return [input.t().contiguous()], 1", "1"),
    ("return {'a': input * 2}, {'a': 0}", "0"),
])
def test_outputs_and_out_dims(rule: str, out_dims: str) -> None:
    same(function(rule) + f"y = vmap(Fn.apply, out_dims={out_dims})(x)\n"
         "out.append([y, [t is x for t in tensors(y)], [t.stride() for t in tensors(y)]])\n"
         "out.append([t._is_view() for t in tensors(y)])\n")


@pytest.mark.parametrize("rule", [
    "return T.zeros(input.shape[1:])", "r = T.zeros(3)\n        return r, r, 0, 0",
    "return T.zeros(input.shape[1:]), (None,)", "return [T.zeros(3)], (None,)",
    "return (input, input), (0, 0, 0)", "return input, 0.5",
])
def test_what_the_rule_returns_is_checked(rule: str) -> None:
    same(function(rule) + "out.append(vmap(Fn.apply)(x))\n")


def test_the_rules_operations_are_recorded() -> None:
    """PyTorch differentiates what the rule computed (not the Function's backward)."""
    same(function("return input * 3, 0")
         + "w = x.clone().requires_grad_()\n"
         "y = vmap(Fn.apply)(w)\n"
         "out.append([y, type(y.grad_fn).__name__])\n"
         "y.sum().backward()\n"
         "out.append(w.grad)\n"
         "out.append(grad(lambda v: vmap(Fn.apply)(v).sum())(T.ones(2)))\n"
         "out.append(jacrev(vmap(Fn.apply))(T.ones(2)))\n"
         "out.append(vmap(grad(lambda v: Fn.apply(v).sum()))(x))\n")


# ---- which Functions may be vmapped ----------------------------------------------------------

def test_both_generate_vmap_rule_and_a_vmap_staticmethod() -> None:
    rule = "raise RuntimeError('not called')"
    same(function(rule, extra="    generate_vmap_rule = True\n")
         + "out.append(vmap(Fn.apply)(x))\n"
         "out.append(vmap(lambda v: Fn.apply(v) * 2)(x))\n")


def test_a_rule_without_setup_context_is_refused() -> None:
    same("class Fn(T.autograd.Function):\n"
         "    @staticmethod\n"
         "    def forward(ctx, input):\n"
         "        return input * 2\n"
         "    @staticmethod\n"
         "    def vmap(info, in_dims, input):\n"
         "        return input * 3, 0\n"
         "out.append(vmap(Fn.apply)(x))\n")


def test_the_rule_of_a_function_given_unbatched_values() -> None:
    """Inside the mapped function, a Function applied to values of no batch keeps its
    forward (PyTorch skips the rule when nothing is batched)."""
    same(function("raise RuntimeError('expected to not be called')", "return input")
         + "def f(v):\n"
         "    Fn.apply(T.tensor(1.0))\n"
         "    return v * 1\n"
         "out.append(vmap(f)(x))\n"
         "out.append(vmap(Fn.apply, in_dims=None)(x))\n")


# ---- forward AD: a dual of a plain tensor does not require grad in PyTorch ------------------

def test_float_of_a_dual_gives_no_requires_grad_warning() -> None:
    import warnings

    from autograd_kit import scalar_warning

    def converted(lib: object, forget: bool) -> list[str]:
        fw = lib.autograd.forward_ad  # type: ignore[attr-defined]
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            if forget:
                scalar_warning.forget()
            with fw.dual_level():
                y = fw.make_dual(lib.tensor(2.), lib.tensor(1.)) ** 2  # type: ignore[attr-defined]
                values = [float(y), y.item(), int(y)]
        return [*map(str, values),
                *(str(w.message) for w in caught if w.category is UserWarning)]

    assert converted(ak, forget=True) == converted(torch, forget=False) == ["4.0", "4.0", "4"]
    with warnings.catch_warnings(record=True) as caught:  # (the warning itself is still given)
        warnings.simplefilter("always")
        float(ak.tensor(2., requires_grad=True))
    assert [str(w.message) for w in caught] == [scalar_warning.MESSAGE]
    scalar_warning.forget()


# ---- vmap: a slice handed back after an in-place change of its shape or strides --------------

@pytest.mark.parametrize("call", [
    "vmap(lambda v: v.unsqueeze_(0))(T.ones(3, 2))",
    "vmap(lambda v: v.t_())(T.arange(24.).view(3, 2, 4))",
    "vmap(lambda v: v.t_())(T.arange(12.).view(3, 2, 2))",
    "vmap(lambda v: v.transpose_(0, 1), in_dims=1)(T.arange(24.).view(3, 2, 4))",
    "vmap(lambda v: v.squeeze_(0))(T.ones(3, 1, 2))",
])
def test_a_slice_changed_in_shape_comes_back_in_its_new_shape(call: str) -> None:
    same(f"r = {call}\nout.append([r, r.shape])\n")


# ---- vmap: reading a batched tensor's values into Python is refused -------------------------

@pytest.mark.parametrize("body", [
    "v.item()", "v.sum().item()", "float(v.sum())", "int(v[0])", "v[0].tolist()", "v.numpy()",
    "v.data_ptr()", "v.data", "bool(v[0] > 1)", "(v if v.sum() > 3 else -v)",
    "(v * 2 if (v > 0).all() else v)", "[t for t in v if t > 2]", "v[v > 2]", "v[v.sin() > 0]",
    "v[(v > 2,)]",
])
def test_reading_a_batched_tensor_under_vmap(body: str) -> None:
    same(f"out.append(vmap(lambda v: {body})(x))\n")


@pytest.mark.parametrize("body", [
    "v * w.sum().item()", "v * float(w[0])", "v if w.sum() > 0 else -v",
    "v * len(w.tolist())", "T.nn.functional.cross_entropy(v.unsqueeze(0), T.tensor([1]))",
    "T.nn.functional.dropout(v, 0.5, training=False)", "v.clamp(min=1.5)",
    "v[T.tensor([True, False, True])]", "v[:2][w > 1.5]",
    "v[T.ones(3) > 0]",
])
def test_reading_an_unbatched_tensor_under_vmap(body: str) -> None:
    """What the function captures (and the kit's own reads inside operations) may be read."""
    same(f"w = T.tensor([1., 2.])\nout.append(vmap(lambda v: {body})(x))\n")


@pytest.mark.parametrize("body", [
    "T.nonzero(v)", "v.nonzero()", "T.nonzero(v, as_tuple=True)", "T.unique(v)",
    "v.unique(sorted=False)", "T.masked_select(x[0], v > 2)", "v.masked_select(v > 2)",
    "T.where(v > 2)", "T.unique_consecutive(v)", "v.unique_consecutive()",
])
def test_answers_shaped_by_a_batched_tensors_values(body: str) -> None:
    same(f"out.append(vmap(lambda v: {body})(x))\n")


@pytest.mark.parametrize("body", [
    "v[w.nonzero()]", "v[:, None] * T.unique(T.tensor([1., 1., 2.]))",
    "T.masked_select(v, x[0] > 0)", "T.where(v > 2, v, 0.)", "v[v.argmax()]",
    "T.nn.functional.nll_loss(v.unsqueeze(0), T.tensor([2]), ignore_index=1)",
    "T.nn.functional.embedding(T.tensor([0, 1]), v.view(3, 1))", "T.repeat_interleave(v, 2)",
])
def test_operations_of_unbatched_values_under_vmap(body: str) -> None:
    same(f"w = T.tensor([0., 1., 2.])\nout.append(vmap(lambda v: {body})(x))\n")


@pytest.mark.parametrize("call", [
    "vmap(grad(lambda v: v.sum() * v.sum().item()))(x)",
    "vmap(grad(lambda v: v.sum() * v[0].item()))(x)",
    "vmap(jacrev(lambda v: v * v.sum().item()))(x)",
    "grad(lambda v: vmap(lambda r: r * r.sum().item())(v).sum())(x)",
    "vmap(vmap(lambda r: r * 2 if r > 2 else r))(x)",
    "vmap(lambda r: vmap(lambda s: s * r.sum().item())(r))(x)",
    "vmap(lambda r: vmap(lambda s: s * (r * 2).sum().item())(r))(x)",
    "vmap(lambda r: vmap(lambda s: s * w.sum().item())(r))(x)",
])
def test_reads_under_nested_transforms(call: str) -> None:
    same(f"w = T.tensor([1., 2.])\nout.append({call})\n")
