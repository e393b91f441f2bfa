"""Forward AD and torch.func leftovers, compared with PyTorch live (helper ii)."""

import pytest

import autograd_kit as ak
import autograd_kit.autograd.forward_ad as kfw

torch = pytest.importorskip("torch")
tfw = pytest.importorskip("torch.autograd.forward_ad")

BOTH = [pytest.param((torch, tfw), id="torch"), pytest.param((ak, kfw), id="kit")]


def _error(call):
    try:
        call()
    except Exception as e:  # noqa: BLE001 - (compared with PyTorch's)
        return type(e).__name__, str(e)
    return None


@pytest.mark.parametrize("chunk_size", [1.5, 2.0, "a", 0, -1])
def test_vmap_bad_chunk_size_errors_as_pytorch(chunk_size):
    def call(lib):
        return lambda: lib.func.vmap(lambda x: x * 2, chunk_size=chunk_size)(lib.ones(3, 2))

    expected = _error(call(torch))
    assert expected is not None
    assert _error(call(ak)) == expected


def test_vmap_good_chunk_size_runs():
    got = ak.func.vmap(lambda x: x * 2, chunk_size=2)(ak.ones(3, 2))
    want = torch.func.vmap(lambda x: x * 2, chunk_size=2)(torch.ones(3, 2))
    assert got.tolist() == want.tolist()


WIDER_TANGENT_OPS = {
    "mul": lambda x, lib: x * 2, "sin": lambda x, lib: x.sin(), "sum": lambda x, lib: x.sum(),
    "view": lambda x, lib: x.view(3, 1), "add": lambda x, lib: x + 1,
    "softmax": lambda x, lib: x.softmax(0), "square": lambda x, lib: x * x,
    "chain": lambda x, lib: (x.exp() * lib.ones(3)).mean(),
}


@pytest.mark.parametrize("primal, tangent", [("float32", "float64"), ("float16", "float32")])
@pytest.mark.parametrize("op", sorted(WIDER_TANGENT_OPS))
def test_wider_tangent_widens_the_result_tangent(primal, tangent, op):
    found = []
    for lib, fw in ((torch, tfw), (ak, kfw)):
        with fw.dual_level():
            x = fw.make_dual(lib.linspace(0.1, 0.9, 3, dtype=getattr(lib, primal)),
                             lib.ones(3, dtype=getattr(lib, tangent)))
            assert str(fw.unpack_dual(x).tangent.dtype).split(".")[-1] == tangent
            t = fw.unpack_dual(WIDER_TANGENT_OPS[op](x, lib)).tangent
            found.append((str(t.dtype).split(".")[-1], t.detach().double().numpy()))
    assert found[1][0] == found[0][0]
    assert found[1][1] == pytest.approx(found[0][1], rel=1e-3, abs=1e-3)


def test_func_jvp_wider_tangent_dtype():
    want = torch.func.jvp(torch.sin, (torch.ones(3),), (torch.ones(3, dtype=torch.float64),))
    got = ak.func.jvp(ak.sin, (ak.ones(3),), (ak.ones(3, dtype=ak.float64),))
    assert [str(t.dtype).split(".")[-1] for t in got] == \
        [str(t.dtype).split(".")[-1] for t in want]
    assert got[1].numpy() == pytest.approx(want[1].numpy(), rel=1e-6)


@pytest.mark.parametrize("libs", BOTH)
def test_primal_of_a_dual_that_requires_grad_is_an_identity_view(libs):
    lib, fw = libs
    p = lib.ones(3, requires_grad=True)
    with fw.dual_level():
        d = fw.make_dual(p, lib.ones(3))
        y = d * 2
        pr, py = fw.unpack_dual(d).primal, fw.unpack_dual(y).primal
        facts = [type(pr.grad_fn).__name__, pr.grad_fn.name(), pr is d, pr._base is p,
                 pr._is_view(), pr.grad_fn.next_functions[0][0] is d.grad_fn, repr(pr),
                 py is y, py._base is y, py.is_leaf, repr(py),
                 fw.unpack_dual(pr).tangent, fw.unpack_dual(pr * 3).tangent,
                 fw.unpack_dual((pr * d).sum()).tangent.item()]
        pr.sum().backward()
        facts.append(p.grad.tolist())
        with lib.no_grad():
            p.add_(1)
        facts += [pr._version, d._version, pr.tolist()]
    facts.append(repr(py))
    assert facts == [
        "CppFunction", "torch::autograd::Identity", False, True, True, True,
        "tensor([1., 1., 1.], grad_fn=<Identity>)", False, True, False,
        "tensor([2., 2., 2.], grad_fn=<Identity>)", None, None, 3.0, [1.0, 1.0, 1.0],
        1, 1, [2.0, 2.0, 2.0], "tensor([2., 2., 2.], grad_fn=<Identity>)"]


@pytest.mark.parametrize("inside", [True, False])
@pytest.mark.parametrize("level", [0, 1, 5])
@pytest.mark.parametrize("dual", [True, False])
def test_unpack_dual_level_is_checked_for_a_dual_only(dual, level, inside):
    found = []
    for lib, fw in ((torch, tfw), (ak, kfw)):
        def call(lib=lib, fw=fw):
            t = lib.ones(2)
            if inside:
                with fw.dual_level():
                    t = fw.make_dual(t, lib.ones(2)) if dual else t
                    u = fw.unpack_dual(t, level=level)
                    return u.primal.tolist(), None if u.tangent is None else u.tangent.tolist()
            u = fw.unpack_dual(t, level=level)
            return u.primal.tolist(), u.tangent
        try:
            found.append(call())
        except Exception as e:  # noqa: BLE001 - (compared with PyTorch's)
            found.append((type(e).__name__, str(e)))
    assert found[1] == found[0]
