"""Scenarios from PyTorch's test/test_autograd.py (the start of TestAutograd), run with the
kit and with PyTorch live and compared: values, grads, graph shapes, warnings, errors."""
import warnings

import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")


def _outcome(fn):
    """('ok', value) or (exception type name, message), with the warnings raised."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = "ok", fn()
        except Exception as error:  # noqa: BLE001 - any error is an observation here
            result = type(error).__name__, str(error).replace("autograd_kit", "torch")
    return result, [(w.category.__name__, str(w.message).split(" (Triggered internally")[0])
                    for w in caught if not str(w.message).startswith(ONCE_PER_PROCESS)]


ONCE_PER_PROCESS = "Using backward() with create_graph=True"  # (whether it shows depends on
# what ran before, in each library)


def _same(scenario):
    """The scenario's outcome with PyTorch and with the kit, which must agree."""
    seen = [_outcome(lambda lib=lib: scenario(lib)) for lib in (torch, ak)]
    assert seen[0] == seen[1]
    return seen[0]


def _graph(node):
    """A node and everything below it, as names: ``MulBackward0(AccumulateGrad(), None)``."""
    if node is None:
        return "None"
    return type(node).__name__ + "(" + ", ".join(_graph(n) for n, _ in node.next_functions) + ")"


@pytest.mark.parametrize("decorator", ["no_grad", "enable_grad", "inference_mode",
                                       "set_grad_enabled"])
def test_decorating_a_class_warns_and_builds_the_instance_in_the_mode(decorator):
    def scenario(lib):
        make = (lambda: lib.set_grad_enabled(False)) if decorator == "set_grad_enabled" \
            else getattr(lib, decorator)

        @make()
        class Thing:
            def __init__(self):
                self.recording = lib.is_grad_enabled()

            def later(self):
                return lib.is_grad_enabled()

        thing = Thing()
        return type(Thing).__name__, thing.recording, thing.later(), lib.is_grad_enabled()

    result, caught = _same(scenario)
    assert caught and caught[0][0] == "FutureWarning"
    assert "Decorating classes is deprecated" in caught[0][1]


@pytest.mark.filterwarnings("ignore:Using backward\\(\\) with create_graph=True")
@pytest.mark.parametrize("once", [False, True])
def test_custom_function_backward_under_create_graph_builds_pytorchs_graph(once):
    def scenario(lib):
        def backward(ctx, grad):
            first, second = ctx.saved_tensors
            return grad + grad * second, None, grad * ctx.scale + grad * first

        if once:
            backward = lib.autograd.function.once_differentiable(backward)

        class Mixed(lib.autograd.Function):
            @staticmethod
            def forward(ctx, first, scale, second):
                ctx.scale = scale
                ctx.save_for_backward(first, second)
                return first + scale * second + first * second

        Mixed.backward = staticmethod(backward)
        x = lib.tensor([[1.0, 2.0], [3.0, 4.0]], requires_grad=True)
        y = lib.tensor([[0.5, -1.0], [2.0, 0.0]], requires_grad=True)
        Mixed.apply(x, 2, y).sum().backward(lib.ones((), requires_grad=True),
                                            create_graph=True)
        again = _outcome(lambda: x.grad.sum().backward())[0]
        return (_graph(x.grad.grad_fn), _graph(y.grad.grad_fn), x.grad.tolist(),
                y.grad.tolist(), again)

    _same(scenario)


def test_set_under_no_grad_gives_a_leaf_a_new_accumulate_grad_node():
    def scenario(lib):
        x = lib.tensor([1.0, 2.0], requires_grad=True)
        before = x.clone().grad_fn.next_functions[0][0]
        edge = lib.autograd.graph.get_gradient_edge(x)
        out = x * 3
        with lib.no_grad():
            x.set_(lib.tensor([5.0, 6.0]))
        after = x.clone().grad_fn.next_functions[0][0]
        unused = _outcome(lambda: lib.autograd.grad(out.sum(), x, retain_graph=True))[0]
        through_edge = lib.autograd.grad(out.sum(), edge, retain_graph=True)[0].tolist()
        out.sum().backward()  # the old node still fills x.grad
        first = x.grad.tolist()
        (x * 2).sum().backward()
        return before is after, unused, through_edge, first, x.grad.tolist(), x._version

    _same(scenario)


@pytest.mark.parametrize("name", ["var_mean", "std_mean"])
@pytest.mark.parametrize("custom", [False, True])
def test_changing_the_first_of_two_outputs_in_place_before_backward(name, custom):
    def scenario(lib):
        class DoubleMul(lib.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                return x * 2, x * 3

            @staticmethod
            def backward(ctx, g1, g2):
                return g1 * 2 + g2 * 3

        b = lib.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 7.0], [0.0, 1.0, 1.0]], requires_grad=True)
        first, second = DoubleMul.apply(b) if custom else getattr(lib, name)(b, dim=0)
        first.retain_grad()
        second.retain_grad()
        seen = []
        second.register_hook(lambda g: seen.append(g.tolist()))
        first.mul_(2)
        first.register_hook(lambda g: seen.append(g.tolist()))
        saved = sorted(n for n in dir(first.grad_fn.next_functions[0][0]) if n.startswith("_saved"))
        error = _outcome(lambda: (first + second * 3).sum().backward())[0]
        grad = None if b.grad is None else torch.tensor(b.grad.tolist()).round(decimals=4)
        return (saved, error, seen, type(first.grad_fn).__name__,
                None if grad is None else grad.tolist(),
                None if first.grad is None else first.grad.tolist())

    _same(scenario)


@pytest.mark.parametrize("decorator", ["no_grad", "enable_grad", "inference_mode"])
def test_decorated_generator_takes_throw_and_close_in_its_own_mode(decorator):
    class Recoverable(Exception):
        pass

    class Fatal(Exception):
        pass

    def scenario(lib):
        log = []

        @getattr(lib, decorator)()
        def numbers():
            failed = False
            for i in range(4):
                try:
                    log.append(("inside", lib.is_grad_enabled()))
                    yield -i if failed else i
                except Recoverable:
                    log.append(("recover", lib.is_grad_enabled()))
                    failed = True
                except Fatal:
                    log.append(("fatal", lib.is_grad_enabled()))
                    raise KeyError("secondary") from None
                except GeneratorExit:
                    log.append(("exit", lib.is_grad_enabled()))
                    raise

        outside = decorator != "enable_grad"
        with lib.set_grad_enabled(outside):
            first = numbers()
            log.append(next(first))
            log.append(first.throw(Recoverable))
            log.append(("caller", lib.is_grad_enabled()))
            log.append(_outcome(lambda: first.throw(Fatal))[0])
            second = numbers()
            next(second)
            second.close()
            log.append(("closed", lib.is_grad_enabled()))
        return log

    _same(scenario)


@pytest.mark.parametrize("extra", ["tensor", "number", "none", "nothing"])
@pytest.mark.parametrize("view", [False, True])
def test_custom_function_changing_an_input_in_place_returns_it_with_others(extra, view):
    def scenario(lib):
        class Double(lib.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                x.mul_(2)
                ctx.mark_dirty(x)
                more = {"tensor": (x * 3,), "number": (5,), "none": (None,), "nothing": ()}
                return (x, *more[extra])

            @staticmethod
            def backward(ctx, grad, *others):
                return grad * 2

        leaf = lib.tensor([1.0, 2.0, 3.0], requires_grad=True)
        changed = leaf.clone()[1:] if view else leaf.clone()
        outputs = Double.apply(changed)
        outputs[0].sum().backward()
        return len(outputs), changed._version, type(changed.grad_fn).__name__, leaf.grad.tolist()

    _same(scenario)


def test_marking_dirty_a_tensor_that_is_no_input_warns():
    def scenario(lib):
        class Fresh(lib.autograd.Function):
            @staticmethod
            def forward(ctx, x):
                y = x * 2
                ctx.mark_dirty(y)
                return y

            @staticmethod
            def backward(ctx, grad):
                return grad * 2

        recorded = Fresh.apply(lib.ones(2, requires_grad=True))
        with lib.no_grad():  # (only a recorded call checks)
            Fresh.apply(lib.ones(2, requires_grad=True))
        return recorded.tolist(), type(recorded.grad_fn).__name__

    result, caught = _same(scenario)
    assert len(caught) == 1


def test_deleting_a_tensors_history_is_refused():
    def scenario(lib):
        x = lib.ones(2, requires_grad=True)
        y = x * 2
        y.register_hook(lambda g: g)
        refused = [_outcome(lambda name=name: delattr(y, name))[0]
                   for name in ("_grad_fn", "_backward_hooks", "data", "requires_grad", "grad_fn")]
        del x.grad  # (allowed: the same as x.grad = None)
        y.sum().backward()
        return refused, type(y.grad_fn).__name__, x.grad.tolist()

    _same(scenario)


@pytest.mark.parametrize("sparse_grad", [None, False, True])
@pytest.mark.parametrize("shapes", [((4, 3), (2, 3), 0), ((2, 4, 3), (2, 2, 3), -2),
                                    ((4,), (), 0)])
def test_gather_takes_sparse_grad_and_counts_0_dim_as_1_dim(sparse_grad, shapes):
    x_shape, index_shape, dim = shapes

    def scenario(lib):
        x = lib.arange(float(lib.zeros(x_shape).numel())).reshape(x_shape).requires_grad_()
        count = int(lib.zeros(index_shape).numel())
        index = (lib.arange(count) % x.shape[dim]).reshape(index_shape)
        options = {} if sparse_grad is None else {"sparse_grad": sparse_grad}
        out = lib.gather(x, dim, index, **options)
        out.backward(lib.arange(float(count)).reshape(index_shape) + 1)
        method = x.gather(dim, index, **options)
        return (out.tolist(), type(out.grad_fn).__name__, method.tolist(),
                x.grad.to_dense().tolist())

    _same(scenario)


@pytest.mark.parametrize("name", ["gather", "index_select", "tril", "triu", "nan_to_num"])
def test_functions_that_take_out_pass_the_argument_check_with_it(name):
    def scenario(lib):
        x = lib.tensor([[0.25, 0.5], [0.75, 0.125]])
        more = {"gather": (0, lib.tensor([[0, 1], [1, 0]])),
                "index_select": (0, lib.tensor([1, 0]))}
        out = lib.empty(0)
        result = getattr(lib, name)(x, *more.get(name, ()), out=out)
        refused = _outcome(lambda: getattr(x, name)(*more.get(name, ()), out=out))[0][0]
        return result is out, out.tolist(), refused

    _same(scenario)


@pytest.mark.parametrize("index", [3, "mask", ([0, 1], [1, 0]), ([[0, 1, 2, 3]],)])
def test_setitem_of_a_value_made_with_new_from_the_indexed_size(index):
    def scenario(lib):
        where = lib.tensor([True, False, True, True, False]) if index == "mask" else index
        x = lib.ones(5, 5, requires_grad=True) if isinstance(index, tuple) and len(
            index) == 2 else lib.ones(5, requires_grad=True)
        y = x + 2
        value = x.new(x[where].size()).fill_(7)
        value.requires_grad = True
        y[where] = value
        y.backward(lib.ones(x.shape))
        made = [tuple(lib.Tensor(lib.Size([])).shape), tuple(x.new(lib.Size([])).shape)]
        return (made, y._version, type(y.grad_fn).__name__, x.grad.tolist(),
                value.grad.tolist())

    _same(scenario)


@pytest.mark.parametrize("name", ["DoubleTensor", "FloatTensor", "IntTensor", "ByteTensor",
                                  "LongTensor", "BoolTensor"])
def test_legacy_tensor_types_know_their_dtype(name):
    def scenario(lib):
        kind = getattr(lib, name)
        x = lib.ones(2, 2)
        y = lib.zeros(2, 2, dtype=kind.dtype)
        converted = x.type(kind)
        return (str(kind.dtype).replace("autograd_kit", "torch"), kind.is_cuda, kind.is_sparse,
                isinstance(converted, kind), isinstance(x.type_as(y), kind),
                x.type(kind().dtype).dtype is kind().dtype,
                converted.type().replace("autograd_kit", "torch"))

    _same(scenario)
