"""Live comparison with PyTorch: learners' mistakes as a teacher sees them in class, round 29.
Each snippet runs once with PyTorch and once with the kit; what it leaves in ``out``, the
error it raises (type and message) and the warnings it gives (category and message) are
compared."""

import warnings

import pytest

import autograd_kit as ak

torch = pytest.importorskip("torch")


def outcome_and_warnings(lib, code: str) -> list[str]:
    """What ``code`` (run with ``T`` as ``lib``) leaves in ``out`` or raises, then the
    warnings it gives, each as ``Category: message`` (the kit's name read as torch's)."""
    scope = {"T": lib, "out": []}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            exec(code, scope)
        except Exception as error:  # the error is part of the behaviour compared
            scope["out"].append(f"{type(error).__name__}: {error}")
    seen = [str(v) for v in scope["out"]]
    seen += [f"{w.category.__name__}: {w.message}" for w in caught]
    return [line.replace("autograd_kit", "torch") for line in seen]


def assert_same_with_warnings(code: str) -> None:
    """``code`` leaves the same outcome and gives the same warnings with both libraries."""
    expected, got = outcome_and_warnings(torch, code), outcome_and_warnings(ak, code)
    assert got == expected, f"{code}\n--- PyTorch: {expected}\n--- kit: {got}"


# a module whose __init__ forgets super().__init__(): calling it fails on the first hook
# table PyTorch's __call__ reads (_backward_hooks); the kit read _forward_pre_hooks first
def test_calling_a_module_that_skipped_super_init_names_backward_hooks():
    assert_same_with_warnings(
        "class M(T.nn.Module):\n"
        "    def __init__(self):\n"
        "        self.x = 3\n"
        "    def forward(self, x):\n"
        "        return x\n"
        "M()(1)\n")


# F.linear / nn.Linear whose weight does not fit x (say weight.data replaced by a matrix of
# another shape): PyTorch names the product's shapes before the bias's; the kit named the
# bias first ("The expanded size of the tensor (3) must match ..."), and for x with 0
# columns counted 0 rows instead of x's rows
@pytest.mark.parametrize("code", [
    "T.nn.functional.linear(T.ones(2), T.ones(3, 3), T.ones(2))",
    "T.nn.functional.linear(T.ones(4, 2), T.ones(3, 3), T.ones(2))",
    "T.nn.functional.linear(T.ones(5, 4, 2), T.ones(3, 3), T.ones(2))",
    "T.nn.functional.linear(T.ones(4, 2, dtype=T.float64), T.ones(3, 3), T.ones(2))",
    "T.nn.functional.linear(T.ones(4, 0), T.ones(3, 0), T.ones(2))",
    "T.nn.functional.linear(T.ones(4, 3), T.ones(3, 3), T.ones(2))",
    "m = T.nn.Linear(2, 2)\nm.weight.data = T.ones(3, 3)\nm(T.ones(2))",
])
def test_linear_names_the_product_shapes_before_the_bias(code):
    assert_same_with_warnings(code)


# saving a checkpoint into a folder that was never made: PyTorch's file writer raises
# "Parent directory checkpoints does not exist." (RuntimeError); the kit let open() raise
# FileNotFoundError. PyTorch's legacy format (and a non-ASCII name) still go through open().
@pytest.mark.parametrize("path", ["checkpoints/model.pt", "./runs/1/model.pt",
                                  "checkpoints//model.pt", "a_file/model.pt"])
@pytest.mark.parametrize("legacy", [False, True])
def test_saving_into_a_folder_that_does_not_exist(tmp_path, monkeypatch, path, legacy):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a_file").write_text("")
    assert_same_with_warnings(
        f"T.save(T.nn.Linear(2, 2).state_dict(), {path!r}, "
        f"_use_new_zipfile_serialization={not legacy})")


# load() of a file that is no checkpoint (a .npy array, a CSV table, JSON, a picture, a
# text): PyTorch's weights-only unpickler stops at the first instruction it does not know
# ("Unsupported operand 147" inside its "Weights only load failed" message), at a memo
# value never stored (KeyError) or at a MARK never opened (IndexError); the kit's
# unpickler raised its own messages ("invalid load key, 'x'.", "could not find MARK", ...).
# With weights_only=False both read the bytes with Python's unpickler.
@pytest.mark.parametrize("content", [
    b"\x93NUMPY\x01\x00v\x00{'descr': '<f8'", b"x,y\n1,2\n", b"epoch,loss\n1,0.5\n",
    b'{"a": 1}', b"\x89PNG\r\n\x1a\n0000", b"\xff\xd8\xff\xe0", b"1,2,3", b"hello world",
    b"",
])
@pytest.mark.parametrize("weights_only", [None, False])
def test_loading_a_file_that_is_no_checkpoint(tmp_path, monkeypatch, content, weights_only):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data.bin").write_bytes(content)
    assert_same_with_warnings(f"T.load('data.bin', weights_only={weights_only})")
    assert_same_with_warnings(
        f"import io\nT.load(io.BytesIO({content!r}), weights_only={weights_only})")


def warning_places(lib, code: str) -> list[tuple[str, bool]]:
    """Each warning ``code`` gives with ``lib`` as ``T``: its category, and whether it names
    the learner's own line (the file being run) rather than a line inside the library."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        exec(compile(code, "<learner>", "exec"), {"T": lib})
    return [(w.category.__name__, w.filename == "<learner>") for w in caught]


# F.kl_div's "reduction: 'mean' divides the total loss by ..." and F.grid_sample's
# "Default grid_sample and affine_grid behavior has changed ..." name the learner's line in
# PyTorch (nn.KLDivLoss's names PyTorch's loss.py); the kit named its own argument wrappers
@pytest.mark.parametrize("code", [
    "T.nn.functional.kl_div(T.ones(2, 3), T.ones(2, 3))",
    "T.nn.KLDivLoss()(T.ones(2, 3), T.ones(2, 3))",
    "T.nn.functional.grid_sample(T.ones(1, 1, 2, 2), T.zeros(1, 2, 2, 2))",
    "T.nn.functional.affine_grid(T.eye(2, 3)[None], (1, 1, 2, 2))",
])
def test_warnings_name_the_line_pytorch_names(code):
    assert warning_places(ak, code) == warning_places(torch, code)


_LSTM = "T.manual_seed(0)\nm = T.nn.LSTM(3, 2)\n"


# an LSTM's oneDNN node (MkldnnRnnLayerBackward0) checks its saved input, then W_ih, W_hh,
# biases, h_0, c_0, then its outputs: an optimizer step between two backwards names W_ih
# ([8, 3]), an output y changed in place is refused; the kit checked the last input first
# (a bias, [8]) and kept no outputs (y.add_(1) went through)
@pytest.mark.parametrize("code", [
    _LSTM + "o = T.optim.SGD(m.parameters(), lr=0.1)\n"
    "y = m(T.randn(4, 1, 3))[0].pow(2).sum()\n"
    "y.backward(retain_graph=True)\no.step()\ny.backward()",
    _LSTM + "y, (h, c) = m(T.randn(4, 1, 3))\ny.add_(1)\ny.sum().backward()",
    _LSTM + "y, (h, c) = m(T.randn(4, 1, 3))\nh.add_(1)\nc.add_(1)\ny.sum().backward()\n"
    "out.append(m.weight_hh_l0.grad.shape)",
    _LSTM + "x = T.randn(4, 1, 3, requires_grad=True)\ny = m(x)[0].pow(2).sum()\n"
    "with T.no_grad():\n    x.add_(1)\n    m.bias_hh_l0.add_(1)\ny.backward()",
])
def test_lstm_names_the_tensor_pytorch_names_when_changed_in_place(code):
    assert_same_with_warnings(code)


# F.pdist's node keeps its result as PyTorch's does (``_saved_result``): the distances
# changed in place are refused in backward ("output 0 of Pdist"); the kit kept only x
@pytest.mark.parametrize("code", [
    "x = T.ones(5, 3).cumsum(0).requires_grad_()\ny = T.nn.functional.pdist(x)\n"
    "y.add_(1)\ny.sum().backward()",
    "x = T.ones(5, 3).cumsum(0).requires_grad_()\ny = T.nn.functional.pdist(x)\n"
    "out.append(sorted(a for a in dir(y.grad_fn) if a.startswith('_saved')))\n"
    "out.append(y.grad_fn._saved_result.shape)\ny.sum().backward()\ny.grad_fn._saved_result",
])
def test_pdist_keeps_its_result_for_backward(code):
    assert_same_with_warnings(code)


# a layer size that came out of a division (a float): PyTorch's layers allocate their
# weights with a size tuple (empty((n, d))), GroupNorm with one number (empty(c)), so the
# error is empty()'s for that form; the kit passed the sizes one by one ("empty() takes 1
# positional argument but 2 were given") or GroupNorm's as a tuple
@pytest.mark.parametrize("layer", [
    "Embedding(10.0, 3)", "Embedding(10, 3.0)", "EmbeddingBag(10.0, 3)", "LSTMCell(2, 3.0)",
    "MultiheadAttention(4.0, 2)", "MultiheadAttention(4, 2, kdim=3.0)",
    "Bilinear(2, 3, 4.0)", "GroupNorm(1, 3.0)", "LayerNorm([3.0])",
])
def test_a_float_layer_size_fails_with_pytorchs_message(layer):
    assert_same_with_warnings(f"T.nn.{layer}")


# nn.Conv2d(..., padding=(k - 1) / 2): the float reaches F.conv2d with all seven arguments
# by position, and PyTorch's parser refuses it listing both signatures ("got (Tensor,
# Parameter, Parameter, tuple, tuple, tuple, int)", the parameters marked); the kit's layer
# went past the parser and NumPy refused the padding ("`pad_width` must be of integral type")
@pytest.mark.parametrize("code", [
    "T.nn.Conv2d(1, 1, 3, padding=(3 - 1) / 2)(T.ones(1, 1, 4, 4))",
    "T.nn.Conv1d(1, 1, 3, padding=1.5)(T.ones(1, 1, 4))",
    "T.nn.Conv2d(1, 1, 3, stride=2.0, bias=False)(T.ones(1, 1, 4, 4))",
    "T.nn.Conv2d(1, 1, 3, dilation=1.0)(T.ones(1, 1, 4, 4))",
    "T.nn.Conv2d(1, 1, 3, padding='same')(T.ones(1, 1, 4, 4)).shape",
    "T.nn.functional.conv2d([1.], T.ones(1, 1, 3, 3), T.ones(1), (1, 1), (1, 1), (1, 1), 1)",
])
def test_a_float_conv_padding_fails_with_pytorchs_parser_message(code):
    assert_same_with_warnings(code)


# nn.ConvTranspose1d/2d/3d with a float padding or stride: PyTorch's layer calls
# F.conv_transpose2d, whose parser refuses it ("argument 'padding' (position 5) must be
# tuple of ints, but found element of type float at pos 0"); the kit's layer skipped the
# parser ("'float' object cannot be interpreted as an integer")
@pytest.mark.parametrize("code", [
    "T.nn.ConvTranspose2d(1, 1, 3, padding=1.0)(T.ones(1, 1, 4, 4))",
    "T.nn.ConvTranspose1d(1, 1, 3, stride=2.0)(T.ones(1, 1, 4))",
    "T.nn.ConvTranspose3d(1, 1, 3, padding=1.0)(T.ones(1, 1, 4, 4, 4))",
    "T.nn.ConvTranspose2d(1, 1, 3, stride=2)(T.ones(1, 1, 4, 4), output_size=(9, 9)).shape",
    "T.nn.ConvTranspose2d(1, 1, 3)([[1.]])",
])
def test_a_float_transposed_conv_padding_fails_with_pytorchs_message(code):
    assert_same_with_warnings(code)
