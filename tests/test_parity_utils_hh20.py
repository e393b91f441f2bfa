"""Live comparison with PyTorch: nn.utils (parametrizations, clipping, rnn packing, stateless),
torch.utils.checkpoint and a module's state (state_dict, buffers, attributes)."""

import pytest
from parity_harness import assert_same

import autograd_kit as ak

torch = pytest.importorskip("torch")


def _same(code: str) -> None:
    assert_same(torch, ak, code)


ORTH = """
import importlib
PZ = importlib.import_module(T.__name__ + ".nn.utils.parametrizations")
"""


@pytest.mark.parametrize("shape", [(4, 3), (3, 4), (3, 3), (2, 4, 3)])
def test_orthogonal_without_trivialization_starts_at_the_weights_q(shape):
    _same(ORTH + f"""
import numpy
data = numpy.random.default_rng(0).standard_normal({shape})
m = T.nn.Module(); m.w = T.nn.Parameter(T.tensor(data))
PZ.orthogonal(m, 'w', use_trivialization=False)
out.append(m.parametrizations.w.original.detach().numpy().round(6).tolist())
out.append(m.w.detach().numpy().round(6).tolist())
m.w.sum().backward()
out.append(m.parametrizations.w.original.grad.numpy().round(6).tolist())
""")


def test_orthogonal_without_trivialization_assignment():
    _same(ORTH + """
m = T.nn.Linear(3, 3)
PZ.orthogonal(m, use_trivialization=False)
try:
    m.weight = T.eye(3)
except NotImplementedError as e:
    out.append(str(e))
m = T.nn.Linear(3, 3)
PZ.orthogonal(m, orthogonal_map='householder', use_trivialization=False)
m.weight = T.eye(3).flip(0)
out.append(m.weight.detach().abs().tolist())
""")


def test_orthogonal_map_is_an_enum_member():
    _same(ORTH + """
for name in ('matrix_exp', 'cayley', 'householder'):
    m = PZ.orthogonal(T.nn.Linear(3, 3), orthogonal_map=name)
    orth = m.parametrizations.weight[0]
    out.append((str(orth.orthogonal_map), orth.orthogonal_map == name,
                orth.orthogonal_map.name))
""")


PARAMETRIZE = """
import importlib
P = importlib.import_module(T.__name__ + ".nn.utils.parametrize")
class Twice(T.nn.Module):
    def forward(self, x):
        return x * 2
class Split(T.nn.Module):
    def forward(self, a, b):
        return a + b
    def right_inverse(self, x):
        return (x, T.zeros_like(x))
T.manual_seed(0)
"""


def test_transfer_parametrizations_and_params():
    _same(PARAMETRIZE + """
m, m2 = T.nn.Linear(2, 2), T.nn.Linear(2, 2)
P.register_parametrization(m, "weight", Twice())
P.register_parametrization(m, "bias", Twice())
P.register_parametrization(m, "bias", Twice())
out.append(P.transfer_parametrizations_and_params(m, m2, "weight") is m2)
out.append((type(m2).__name__, list(m2.state_dict()), T.equal(m2.weight, m.weight)))
out.append(m2.parametrizations.weight.original is m.parametrizations.weight.original)
out.append(m2.parametrizations.weight[0] is m.parametrizations.weight[0])
m3 = T.nn.Module()
P.transfer_parametrizations_and_params(m, m3)
out.append((list(m3.state_dict()), T.equal(m3.bias, m.bias), len(m3.parametrizations.bias)))
P.transfer_parametrizations_and_params(T.nn.Linear(1, 1), m3)
out.append(list(m3.state_dict()))
m4, m5 = T.nn.Linear(2, 2), T.nn.Linear(2, 2)
P.register_parametrization(m4, "weight", Split())
P.transfer_parametrizations_and_params(m4, m5)
out.append((list(m5.state_dict()), T.equal(m5.weight, m4.weight),
            m5.parametrizations.weight.original1 is m4.parametrizations.weight.original1))
""")


FUNC = """
import importlib
S = importlib.import_module(T.__name__ + ".func")
T.manual_seed(0)
"""


def test_functional_call_same_tensor_under_tied_names_is_accepted():
    _same(FUNC + """
class M(T.nn.Module):
    def __init__(s):
        super().__init__(); s.a = T.nn.Linear(2, 2, bias=False); s.b = s.a
    def forward(s, x):
        return s.b(s.a(x))
m, w = M(), T.eye(2) * 2
out.append(S.functional_call(m, {'a.weight': w, 'b.weight': w}, (T.ones(1, 2),)))
try:
    S.functional_call(m, {'a.weight': w, 'b.weight': w.clone()}, (T.ones(1, 2),))
except ValueError as e:
    out.append(str(e))
""")


def test_functional_call_gives_back_what_the_call_assigned():
    _same(FUNC + """
class M(T.nn.Module):
    def __init__(s):
        super().__init__(); s.register_buffer('count', T.zeros(1))
    def forward(s, x):
        s.count = s.count + 1
        return x
m, given = M(), {'count': T.tensor([5.])}
S.functional_call(m, given, (T.ones(1),))
out.append((given, m.count))
""")


@pytest.mark.parametrize("key", ["foo.weight", "0.weight.x", "training", "1.weight",
                                 "0.nothing"])
def test_functional_call_names_that_are_no_tensor_slot(key):
    _same(FUNC + f"""
m = T.nn.Sequential(T.nn.Linear(2, 2))
try:
    out.append(S.functional_call(m, {{{key!r}: T.ones(1)}}, (T.ones(1, 2),)).shape)
except Exception as e:
    out.append((type(e).__name__, str(e).split(':')[0]))
out.append((m.training, list(dict(m.named_parameters())), hasattr(m[0], 'nothing')))
""")


def test_functional_call_refuses_a_value_that_is_no_tensor_and_restores():
    _same(FUNC + """
m = T.nn.Linear(2, 2); w = m.weight
for given in ({'weight': 3}, {'weight': T.zeros(2, 2), 'training': T.ones(1)}):
    try:
        S.functional_call(m, given, (T.ones(1, 2),))
    except TypeError as e:
        out.append(str(e))
    out.append((m.weight is w, m.training))
out.append(S.functional_call(m, {'bias': None, 'weight': T.eye(2)}, (T.ones(1, 2),)))
""")


CHANGED_INPUTS = {
    "non-leaf changed after": """
x = T.tensor([1., 2.], requires_grad=True); h = x * 1
y = cp.checkpoint(lambda a: a.exp(), h, use_reentrant=UR)
h.add_(1)
""",
    "changed inside the function": """
x = T.tensor([1., 2.], requires_grad=True); h = x * 1
y = cp.checkpoint(lambda a: a.mul_(2).exp(), h, use_reentrant=UR)
""",
    "leaf changed under no_grad": """
x = T.tensor([1., 2.], requires_grad=True)
y = cp.checkpoint(lambda a: a.exp(), x, use_reentrant=UR)
with T.no_grad():
    x.add_(1)
""",
    "constant input changed": """
x = T.tensor([1., 2.], requires_grad=True); c = T.ones(2)
y = cp.checkpoint(lambda a, b: (a * b).exp(), x, c, use_reentrant=UR)
c.add_(1)
""",
    "keyword tensor changed (not saved)": """
x = T.tensor([1., 2.], requires_grad=True); h = x * 1
y = cp.checkpoint(lambda a, b=None: (a * b).exp(), x, b=h, use_reentrant=UR)
h.add_(1)
""",
    "made under no_grad": """
x = T.tensor([1., 2.], requires_grad=True)
with T.no_grad():
    h = x * 1
    y = cp.checkpoint(lambda a: a.exp(), h, use_reentrant=UR)
h.add_(1)
""",
}


@pytest.mark.parametrize("use_reentrant", [False, True])
@pytest.mark.parametrize("case", list(CHANGED_INPUTS))
def test_checkpoint_input_changed_in_place_before_backward(case, use_reentrant):
    _same(f"""
import importlib
cp = importlib.import_module(T.__name__ + ".utils.checkpoint")
UR = {use_reentrant}
""" + CHANGED_INPUTS[case] + """
out.append((y.requires_grad, y.detach()))
try:
    y.sum().backward()
    out.append(x.grad)
except RuntimeError as e:
    out.append(str(e))
""")


def test_checkpoint_inputs_go_through_the_callers_saved_tensor_hooks():
    _same("""
import importlib
cp = importlib.import_module(T.__name__ + ".utils.checkpoint")
for use_reentrant in (False, True):
    x = T.tensor([1., 2.], requires_grad=True)
    seen = []
    def pack(t):
        seen.append(('pack', tuple(t.shape), t.requires_grad)); return t
    def unpack(t):
        seen.append(('unpack', tuple(t.shape))); return t
    with T.autograd.graph.saved_tensors_hooks(pack, unpack):
        y = cp.checkpoint(lambda a, s: a.sin() * s, x, 3, use_reentrant=use_reentrant)
    out.append(list(seen)); seen.clear()
    y.sum().backward()
    out.append((list(seen), x.grad))
""")


CONTEXTS = """
import importlib, contextlib
cp = importlib.import_module(T.__name__ + ".utils.checkpoint")
log = []
class Logged:
    def __init__(self, tag):
        self.tag = tag
    def __enter__(self):
        log.append('enter ' + self.tag)
    def __exit__(self, kind, value, traceback):
        log.append(('exit', self.tag, kind.__name__ if kind else None))
def contexts():
    log.append('context_fn')
    return Logged('forward'), Logged('recompute')
x = T.tensor([1., 2.], requires_grad=True)
"""


def test_checkpoint_context_fn_wraps_forward_and_each_recomputation():
    _same(CONTEXTS + """
y = cp.checkpoint(lambda a: a.sin().cos(), x, use_reentrant=False, context_fn=contexts)
out.append(list(log))
y.sum().backward(retain_graph=True)
y.sum().backward()
out.append((log, x.grad))
""")


def test_checkpoint_context_fn_under_no_grad_is_called_but_not_entered():
    _same(CONTEXTS + """
with T.no_grad():
    y = cp.checkpoint(lambda a: a.sin().cos(), x, use_reentrant=False, context_fn=contexts)
out.append((log, y.requires_grad))
""")


def test_checkpoint_context_fn_errors():
    _same(CONTEXTS + """
class Swallow:
    def __enter__(self):
        pass
    def __exit__(self, *exc):
        return True
def fails(a):
    raise ValueError('inside')
calls = [
    lambda: cp.checkpoint(fails, x, use_reentrant=False, context_fn=lambda: (Swallow(), Swallow())),
    lambda: cp.checkpoint(lambda a: a, x, use_reentrant=False, debug=True, context_fn=contexts),
    lambda: cp.checkpoint(lambda a: a, x, use_reentrant=True, context_fn=contexts),
    lambda: cp.checkpoint(lambda a: a, x, use_reentrant=False, context_fn=lambda: 3),
]
for call in calls:
    try:
        call()
    except Exception as e:
        out.append((type(e).__name__, str(e)))
with cp.set_checkpoint_debug_enabled(True):
    try:
        cp.checkpoint(lambda a: a, x, use_reentrant=False, context_fn=contexts)
    except ValueError as e:
        out.append(str(e))
out.append([type(c).__name__ for c in cp.noop_context_fn()])
out.append(cp.checkpoint(lambda a: a * 2, x, use_reentrant=True, context_fn=cp.noop_context_fn))
""")


def test_checkpoint_detach_variable_and_check_backward_validity():
    _same("""
import importlib, warnings
cp = importlib.import_module(T.__name__ + ".utils.checkpoint")
x = T.tensor([1., 2.], requires_grad=True); h = x * 2
r = cp.detach_variable((x, h, 3, T.ones(1)))
out.append([(type(a).__name__, getattr(a, 'requires_grad', None), getattr(a, 'is_leaf', None))
            for a in r])
out.append((r[1].data_ptr() == h.data_ptr(), r[0] is x))
try:
    cp.detach_variable([x])
except RuntimeError as e:
    out.append(str(e))
for inputs in ([T.ones(1), 3], [x]):
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter('always')
        cp.check_backward_validity(inputs)
    out.append([str(w.message) for w in seen])
""")


@pytest.mark.parametrize("foreach", [None, True, False])
def test_clip_grad_value_values_and_versions(foreach):
    _same(f"""
for clip in (1.0, -1.0, 0.0, float('nan')):
    p = [T.nn.Parameter(T.arange(4.)), T.nn.Parameter(T.zeros(2))]
    g = T.tensor([-3., 0.5, float('nan'), 7.]); p[0].grad = g
    p[1].grad = T.tensor([-0., 2.])
    T.nn.utils.clip_grad_value_(p, clip, foreach={foreach})
    out.append((clip, g, g._version, p[1].grad, p[1].grad._version))
""")


def test_parametrization_registration_steps_the_original_version():
    _same(PARAMETRIZE + """
class Same(T.nn.Module):
    def forward(self, x):
        return 2 * x
    def right_inverse(self, x):
        return x
for cls in (Twice, Same):
    m = T.nn.Linear(2, 2); w = m.weight; v = w._version
    P.register_parametrization(m, "weight", cls())
    P.register_parametrization(m, "weight", cls())
    after_register = w._version - v
    P.remove_parametrizations(m, 'weight', leave_parametrized=False)
    out.append((after_register, w._version - v))
m = T.nn.Linear(2, 2); w = m.weight; v = w._version
P.register_parametrization(m, "weight", Twice())
P.remove_parametrizations(m, 'weight')
out.append((w._version - v, m.weight is w))
sn = T.nn.utils.parametrizations.spectral_norm(T.nn.Linear(2, 2))
out.append(sn.parametrizations.weight.original._version)
""")


def test_old_weight_norm_parameters_start_at_version_zero():
    _same("""
import warnings
warnings.simplefilter('ignore')
m = T.nn.Linear(2, 2)
T.nn.utils.weight_norm(m)
out.append((m.weight_g._version, m.weight_v._version))
T.nn.utils.remove_weight_norm(m)
out.append(m.weight._version)
""")


def test_packed_sequence_made_from_one_value_that_is_no_pair():
    _same("""
R = T.nn.utils.rnn
for data in (T.ones(3), (T.ones(3),), [T.ones(3), T.tensor([2, 1]), None]):
    try:
        R.PackedSequence(data)
    except AssertionError as e:
        out.append(str(e))
p = R.PackedSequence((T.ones(3), T.tensor([2, 1])))
out.append((p.data, p.batch_sizes, p.sorted_indices))
""")


def test_fusion_refusals():
    _same("""
F = T.nn.utils.fusion
calls = [
    lambda: F.fuse_conv_bn_eval(T.nn.Conv2d(1, 2, 1), T.nn.BatchNorm2d(2).eval()),
    lambda: F.fuse_conv_bn_eval(T.nn.Conv2d(1, 2, 1).eval(),
                                T.nn.BatchNorm2d(2, track_running_stats=False).eval()),
    lambda: F.fuse_linear_bn_eval(T.nn.Linear(1, 2).eval(),
                                  T.nn.BatchNorm1d(2, track_running_stats=False).eval()),
    lambda: F.fuse_linear_bn_eval(T.nn.Linear(1, 3).eval(), T.nn.BatchNorm1d(2).eval()),
    lambda: F.fuse_linear_bn_eval(T.nn.Linear(1, 3), T.nn.BatchNorm1d(3).eval()),
]
for call in calls:
    try:
        call()
        out.append('no error')
    except AssertionError as e:
        out.append(str(e))
""")


@pytest.mark.parametrize("saved", ["T.tensor([5])", "T.tensor([1, 2])", "T.tensor(7)",
                                   "T.zeros(0, dtype=T.long)"])
def test_load_state_dict_into_a_scalar_buffer(saved):
    _same(f"""
m = T.nn.BatchNorm1d(1)
sd = m.state_dict(); sd['num_batches_tracked'] = {saved}
try:
    out.append(m.load_state_dict(sd))
except RuntimeError as e:
    out.append(str(e))
out.append(m.num_batches_tracked)
""")


@pytest.mark.parametrize("inverse", ["x, x", "x.bool()", "x[:-1]", "x * 2", "None"])
def test_parametrization_added_on_top_checks_its_right_inverse(inverse):
    _same(PARAMETRIZE + f"""
class Identity(T.nn.Module):
    def forward(self, x):
        return x
class Inverse(Identity):
    def right_inverse(self, x):
        if {inverse!r} == 'None':
            raise NotImplementedError
        return {inverse}
m = T.nn.Linear(3, 4)
P.register_parametrization(m, "weight", Identity())
try:
    P.register_parametrization(m, "weight", Inverse())
except ValueError as e:
    out.append(str(e))
out.append(len(m.parametrizations.weight))
P.register_parametrization(m, "weight", Inverse(), unsafe=True)
out.append(len(m.parametrizations.weight))
""")


@pytest.mark.parametrize("requires_grad", [True, False])
def test_removing_a_parametrization_of_several_tensors(requires_grad):
    _same(PARAMETRIZE + f"""
m = T.nn.Linear(2, 2)
P.register_parametrization(m, "weight", Split())
m.parametrizations.weight.original1.requires_grad_({requires_grad})
m.parametrizations.weight.original0.requires_grad_({requires_grad})
P.remove_parametrizations(m, "weight")
out.append((type(m.weight).__name__, m.weight.requires_grad, m.weight.is_leaf,
            list(m._parameters), list(m._buffers)))
P.register_parametrization(m, "weight", Split())
P.register_parametrization(m, "weight", Twice())
m.weight = T.eye(2)
out.append((m.weight, len(list(m.parameters()))))
""")


def test_module_share_memory_marks_parameters_buffers_and_grads():
    _same("""
m = T.nn.BatchNorm1d(2)
m(T.ones(3, 2)).sum().backward()
w = m.weight
before = (m.weight._version, m.running_mean._version, m.weight.grad._version)
out.append((m.share_memory() is m, m.weight is w, m.weight.is_shared(),
            m.weight.grad.is_shared(), m.running_mean.is_shared(),
            m.num_batches_tracked.is_shared()))
out.append((before, (m.weight._version, m.running_mean._version, m.weight.grad._version),
            type(m.weight).__name__, m.weight.requires_grad))
""")


def test_attribute_error_from_an_unpack_hook_reaches_the_caller():
    _same("""
class Twice(T.autograd.Function):
    @staticmethod
    def forward(ctx, a):
        ctx.save_for_backward(a)
        return a * 2
    @staticmethod
    def backward(ctx, g):
        a, = ctx.saved_tensors
        return g * 2
def unpack(t):
    return t.no_such_attribute
x = T.tensor([1., 2.], requires_grad=True)
for make in (lambda: x.sin().cos(), lambda: Twice.apply(x)):
    with T.autograd.graph.saved_tensors_hooks(lambda t: t, unpack):
        y = make()
    try:
        y.sum().backward()
    except AttributeError as e:
        out.append(str(e))
""")


def test_checkpoint_generator_context_entered_again_by_a_second_backward():
    _same(CONTEXTS + """
@contextlib.contextmanager
def once(tag):
    log.append('enter ' + tag)
    yield
    log.append('exit ' + tag)
y = cp.checkpoint(lambda a: a.sin().cos(), x, use_reentrant=False,
                  context_fn=lambda: (once('forward'), once('recompute')))
y.sum().backward(retain_graph=True)
try:
    y.sum().backward()
except AttributeError as e:
    out.append(str(e))
out.append(log)
""")


OLD_SPECTRAL_STATE = {
    "before version 1": "del sd._metadata['']['spectral_norm']",
    "version 0": "sd._metadata['']['spectral_norm']['weight.version'] = 0",
}


@pytest.mark.parametrize("layer", ["T.nn.Linear(2, 3)", "T.nn.ConvTranspose1d(1, 3, 2)"])
@pytest.mark.parametrize("age", list(OLD_SPECTRAL_STATE))
def test_old_spectral_norm_state_is_upgraded_on_load(layer, age):
    _same(f"""
T.manual_seed(0)
m = T.nn.utils.spectral_norm({layer})
m(T.ones(1, 2) if isinstance(m, T.nn.Linear) else T.ones(1, 1, 3))
sd = m.state_dict()
{OLD_SPECTRAL_STATE[age]}
sd['weight'] = m.weight.detach().clone()
del sd['weight_v']
T.manual_seed(1)
m2 = T.nn.utils.spectral_norm({layer})
out.append(m2.load_state_dict(sd))
out.append((m2.weight_v.numpy().round(4).tolist(), T.equal(m2.weight_u, m.weight_u)))
""")


def test_old_spectral_norm_load_with_keys_missing_and_after_removal():
    _same("""
m = T.nn.utils.spectral_norm(T.nn.Linear(3, 2))
for strict in (True, False):
    try:
        out.append(m.load_state_dict({'bias': T.zeros(2), 'weight_orig': T.ones(2, 3)},
                                     strict=strict))
    except RuntimeError as e:
        out.append(str(e))
T.nn.utils.remove_spectral_norm(m)
try:
    out.append(m.load_state_dict({'bias': T.zeros(2), 'weight': T.ones(2, 3)}))
except RuntimeError as e:
    out.append(str(e))
out.append(m.state_dict()._metadata)
""")


def test_packed_sequence_to_refuses_copy_and_pin_memory_needs_an_accelerator():
    _same("""
R = T.nn.utils.rnn
p = R.pack_sequence([T.ones(3), T.ones(2)], enforce_sorted=False)
calls = [((T.float64,), {'copy': False}), ((T.float64, False, False), {}),
         ((T.float64, False), {}), (('cpu',), {'copy': True}), ((T.float32,), {'copy': True}),
         ((T.float32,), {'copy': False}), ((T.float64,), {'non_blocking': True}),
         (('cpu', T.float64), {'copy': False}), (('cpu', T.float64, False), {}),
         ((T.zeros(1, dtype=T.float64), False, False), {})]
for args, kwargs in calls:
    try:
        q = p.to(*args, **kwargs)
        out.append((q is p, q.data.dtype, q.sorted_indices))
    except RuntimeError as e:
        out.append(str(e))
try:
    p.pin_memory()
except RuntimeError as e:
    out.append(str(e))
""")
