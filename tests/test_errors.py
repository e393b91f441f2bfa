"""Every error a learner can hit: its type AND PyTorch's wording."""

from __future__ import annotations

import re
import warnings

import pytest

import autograd_kit as ak

FREED = (
    "Trying to backward through the graph a second time (or directly access saved tensors "
    "after they have already been freed). Saved intermediate values of the graph are freed "
    "when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to "
    "backward through the graph a second time or if you need to access saved tensors after "
    "calling backward."
)


def raises(exc, message):
    """pytest.raises matching the whole message literally (not as a regex)."""
    return pytest.raises(exc, match="^" + re.escape(message) + "$")


def x3(device="cpu"):
    return ak.tensor([1.0, 2.0, 3.0], requires_grad=True, device=device)


def test_non_scalar_backward(device):
    x = x3(device)
    with raises(RuntimeError, "grad can be implicitly created only for scalar outputs"):
        (x * 2).backward()
    with raises(RuntimeError, "grad can be implicitly created only for scalar outputs"):
        ak.autograd.grad(x * 2, x)


def test_gradient_shape_mismatch(device):
    x = x3(device)
    with raises(RuntimeError, "Mismatch in shape: grad_output[0] has a shape of "
                "autograd_kit.Size([2]) and output[0] has a shape of autograd_kit.Size([3])."):
        (x * 2).backward(ak.ones(2, device=device))
    with raises(RuntimeError, "Mismatch in shape: grad_output[0] has a shape of "
                "autograd_kit.Size([1, 3]) and output[0] has a shape of autograd_kit.Size([3])."):
        (x * 2).backward(ak.ones(1, 3, device=device))


def test_float64_gradient_for_float32_output_is_fine(device):
    x = x3(device)
    (x * 2).backward(ak.ones(3, dtype=ak.float64, device=device))
    assert x.grad.dtype is ak.float32 and x.grad.tolist() == [2.0, 2.0, 2.0]


def test_int_requires_grad():
    with raises(RuntimeError, "Only Tensors of floating point and complex dtype can require "
                "gradients"):
        ak.tensor([1, 2], requires_grad=True)
    with raises(RuntimeError, "Only Tensors of floating point and complex dtype can require "
                "gradients"):
        ak.ones(2, dtype=ak.int64, requires_grad=True)
    with raises(RuntimeError, "only Tensors of floating point dtype can require gradients"):
        ak.tensor([1, 2]).requires_grad_()
    with raises(RuntimeError, "only Tensors of floating point dtype can require gradients"):
        ak.tensor([True]).requires_grad_()
    t = ak.tensor([1, 2])
    with raises(RuntimeError, "only Tensors of floating point and complex dtype can require "
                "gradients"):
        t.requires_grad = True


def test_non_leaf_requires_grad_change():
    y = x3() * 2
    msg = ("you can only change requires_grad flags of leaf variables. If you want to use a "
           "computed variable in a subgraph that doesn't require differentiation use "
           "var_no_grad = var.detach().")
    with raises(RuntimeError, msg):
        y.requires_grad = False
    with raises(RuntimeError, msg):
        y.requires_grad_(False)
    with raises(RuntimeError, "you can only change requires_grad flags of leaf variables."):
        y.requires_grad = True


def test_backward_twice_through_freed_graph(device):
    for make in (lambda x: x * x, lambda x: x.exp()):
        x = x3(device)
        y = make(x)
        y.sum().backward()
        with raises(RuntimeError, FREED):
            y.sum().backward()


def test_saved_tensor_attribute_after_free():
    x = x3()
    y = x * x
    assert y.grad_fn._saved_self is x
    y.sum().backward()
    with raises(RuntimeError, FREED):
        y.grad_fn._saved_self  # noqa: B018


def test_backward_twice_without_saved_tensors_works(device):
    x = x3(device)
    y = x + 1
    loss = y.sum()
    loss.backward()
    loss.backward()
    y.sum().backward()
    assert x.grad.tolist() == [3.0, 3.0, 3.0]


def test_inplace_on_leaf(device):
    x = x3(device)
    leaf = "a leaf Variable that requires grad is being used in an in-place operation."
    view = "a view of a leaf Variable that requires grad is being used in an in-place operation."
    with raises(RuntimeError, leaf):
        x.add_(1)
    with raises(RuntimeError, leaf):
        x += 1
    with raises(RuntimeError, view):
        x[0] = 1
    with raises(RuntimeError, view):
        x[0:2].add_(1)
    with raises(RuntimeError, view):
        x.view(3).mul_(2)
    x.data.add_(1)
    with ak.no_grad():
        x.add_(1)
    assert x.tolist() == [3.0, 4.0, 5.0]


def _version_message(what: str, version: int, dtype: str = "FloatTensor") -> str:
    return (
        "one of the variables needed for gradient computation has been modified by an "
        f"inplace operation: [autograd_kit.{dtype} [3]], which is {what}, is at version "
        f"{version}; expected version 0 instead. Hint: enable anomaly detection to find the "
        "operation that failed to compute its gradient, with "
        "autograd_kit.autograd.set_detect_anomaly(True, check_nan=False)."
    )


def test_version_counter_names_node_and_versions(device):
    x = x3(device)
    a = x * 1
    b = a * a
    a.add_(1)
    kind = "cuda.FloatTensor" if device == "cuda" else "FloatTensor"  # PyTorch's names
    with pytest.raises(RuntimeError, match=re.escape(
            f"[autograd_kit.{kind} [3]], which is output 0 of Add, is at version 1; "
            "expected version 0 instead.")):
        b.sum().backward()
    x = x3(device)
    b = (x * 1).exp()
    b.mul_(2)
    b.add_(1)
    with pytest.raises(RuntimeError, match=re.escape(
            "which is output 0 of Exp, is at version 2; expected version 0 instead.")):
        b.sum().backward()
    x = x3(device)
    b = (x * 1).sigmoid()
    b.add_(1)
    with pytest.raises(RuntimeError, match=re.escape("output 0 of Sigmoid, is at version 1")):
        b.sum().backward()


def test_version_counter_full_message():
    x = x3()
    a = x * 1
    b = a * a
    a.add_(1)
    with raises(RuntimeError, _version_message("output 0 of Add", 1)):
        b.sum().backward()


def test_inplace_on_unsaved_tensor_is_allowed():
    x = x3()
    a = x * 1
    b = a + a
    a.add_(1)
    b.sum().backward()
    assert x.grad.tolist() == [2.0, 2.0, 2.0]


def test_non_leaf_grad_warning():
    y = x3() * 2
    msg = ("The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its "
           ".grad attribute won't be populated during autograd.backward(). If you indeed want "
           "the .grad field to be populated for a non-leaf Tensor, use .retain_grad() on the "
           "non-leaf Tensor. If you access the non-leaf Tensor by mistake, make sure you access "
           "the leaf Tensor instead. See github.com/pytorch/pytorch/pull/30531 for more "
           "information.")
    with pytest.warns(UserWarning, match="^" + re.escape(msg)):
        assert y.grad is None
    y.retain_grad()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert y.grad is None


def test_autograd_grad_errors():
    x, w = x3(), x3()
    with raises(RuntimeError, "The differentiated Tensor at index 1 appears to not have been "
                "used in the graph. Set allow_unused=True if this is the desired behavior."):
        ak.autograd.grad((x * 2).sum(), [x, w])
    gx, gw = ak.autograd.grad((x * 2).sum(), [x, w], allow_unused=True)
    assert gx.tolist() == [2.0, 2.0, 2.0] and gw is None
    gx, gw = ak.autograd.grad((x * 2).sum(), [x, w], materialize_grads=True)
    assert gw.tolist() == [0.0, 0.0, 0.0]
    with raises(RuntimeError, "One of the differentiated Tensors does not require grad"):
        ak.autograd.grad((x * 2).sum(), [ak.ones(3)])
    with raises(RuntimeError, "element 0 of tensors does not require grad and does not have a "
                "grad_fn"):
        ak.ones(3).sum().backward()
    with raises(RuntimeError, "element 0 of tensors does not require grad and does not have a "
                "grad_fn"):
        ak.autograd.grad(ak.ones(3).sum(), [x])


def test_gradient_list_type_error():
    x = x3()
    with raises(TypeError, "gradients can be either Tensors or None, but got float"):
        (x * 2).backward([1.0, 1.0, 1.0])


class F2(ak.autograd.Function):
    @staticmethod
    def forward(ctx, a, b):
        return a * b

    @staticmethod
    def backward(ctx, g):
        return g


class F1Three(ak.autograd.Function):
    @staticmethod
    def forward(ctx, a):
        return a * 2

    @staticmethod
    def backward(ctx, g):
        return g, g, g


class F4(ak.autograd.Function):
    @staticmethod
    def forward(ctx, a):
        return a * 2

    @staticmethod
    def backward(ctx, g):
        return g[:2]


class F4b(ak.autograd.Function):
    @staticmethod
    def forward(ctx, a):
        return a * 2

    @staticmethod
    def backward(ctx, g):
        return g[:1]


class FStr(ak.autograd.Function):
    @staticmethod
    def forward(ctx, a):
        return a * 2

    @staticmethod
    def backward(ctx, g):
        return "oops"


def test_custom_function_wrong_number_of_grads():
    x, y = x3(), x3()
    with raises(RuntimeError, "function F2Backward returned an incorrect number of gradients "
                "(expected 2, got 1)"):
        F2.apply(x, y).sum().backward()
    with raises(RuntimeError, "function F1ThreeBackward returned an incorrect number of "
                "gradients (expected 1, got 3)"):
        F1Three.apply(x).sum().backward()


def test_custom_function_wrong_shape():
    with raises(RuntimeError, "Function F4Backward returned an invalid gradient at index 0 - got "
                "[2] but expected shape compatible with [3]"):
        F4.apply(x3()).sum().backward()
    with raises(RuntimeError, "Function F4bBackward returned an invalid gradient at index 0 - "
                "got [1] but expected shape compatible with [3]"):
        F4b.apply(x3()).sum().backward()
    with raises(RuntimeError, "expected Variable or None (got str)"):
        FStr.apply(x3()).sum().backward()


def test_variable_and_volatile_warnings():
    t = ak.ones(2)
    with pytest.warns(DeprecationWarning, match="Variable"):
        v = ak.autograd.Variable(t, requires_grad=True)
    assert isinstance(v, ak.Tensor) and v.requires_grad
    with pytest.warns(UserWarning, match=re.escape(
            "volatile was removed and now has no effect. Use `with")):
        ak.autograd.Variable(ak.ones(2), volatile=True)
    with pytest.warns(UserWarning, match=re.escape(
            "volatile was removed (Variable.volatile is always False)")):
        assert ak.ones(2).volatile is False


def test_zero_dim_index_points_to_item():
    loss = (x3() * 2).sum()
    msg = ("invalid index of a 0-dim tensor. Use `tensor.item()` in Python or "
           "`tensor.item<T>()` in C++ to convert a 0-dim tensor to a number")
    with raises(IndexError, msg):
        loss.data[0]
    with raises(IndexError, msg):
        loss[0]


def test_bool_ambiguity():
    x = x3()
    with raises(RuntimeError, "Boolean value of Tensor with more than one value is ambiguous"):
        bool(x)
    with raises(RuntimeError, "Boolean value of Tensor with more than one value is ambiguous"):
        if x > 1:
            pass
    assert bool(ak.tensor([1.0])) is True


def test_numpy_on_requires_grad():
    with raises(RuntimeError, "Can't call numpy() on Tensor that requires grad. Use "
                "tensor.detach().numpy() instead."):
        x3().numpy()


@pytest.mark.parametrize("a, b, message", [
    ((2, 3), (4, 5), "mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)"),
    ((3,), (4,), "inconsistent tensor size, expected tensor [3] and src [4] to have the same "
                 "number of elements, but got 3 and 4 elements respectively"),
    ((2, 3), (4,), "size mismatch, got input (2), mat (2x3), vec (4)"),
    ((3,), (4, 5), "mat1 and mat2 shapes cannot be multiplied (1x3 and 4x5)"),
    ((2, 3, 4), (2, 5, 6), "Expected size for first two dimensions of batch2 tensor to be: "
                           "[2, 4] but got: [2, 5]."),
    ((2, 3, 4), (3, 4, 5), "The size of tensor a (2) must match the size of tensor b (3) at "
                           "non-singleton dimension 0"),
    ((), (), "both arguments to matmul need to be at least 1D, but they are 0D and 0D"),
])
def test_matmul_shape_errors(a, b, message, device):
    with raises(RuntimeError, message):
        ak.ones(a, device=device) @ ak.ones(b, device=device)


def test_mm_and_dtype_errors():
    with raises(RuntimeError, "mat1 and mat2 shapes cannot be multiplied (2x3 and 4x5)"):
        ak.mm(ak.ones(2, 3), ak.ones(4, 5))
    with raises(RuntimeError, "mat2 must be a matrix"):
        ak.mm(ak.ones(2, 3), ak.ones(3))
    with raises(RuntimeError, "inconsistent tensor size, expected tensor [3] and src [4] to "
                "have the same number of elements, but got 3 and 4 elements respectively"):
        ak.dot(ak.ones(3), ak.ones(4))
    with raises(RuntimeError, "expected m1 and m2 to have the same dtype, but got: float != "
                "double"):
        ak.ones(2, 3) @ ak.ones(3, 2, dtype=ak.float64)


def test_cat_stack_errors():
    with raises(RuntimeError, "Sizes of tensors must match except in dimension 0. Expected size "
                "3 but got size 4 for tensor number 1 in the list."):
        ak.cat([ak.ones(2, 3), ak.ones(2, 4)])
    with raises(RuntimeError, "Tensors must have same number of dimensions: got 2 and 1"):
        ak.cat([ak.ones(2, 3), ak.ones(3)])
    with raises(ValueError, "torch.cat(): expected a non-empty list of Tensors"):
        ak.cat([])
    with raises(RuntimeError, "stack expects each tensor to be equal size, but got [3] at entry "
                "0 and [4] at entry 1"):
        ak.stack([ak.ones(3), ak.ones(4)])


def test_broadcast_and_expand_errors():
    with raises(RuntimeError, "The size of tensor a (2) must match the size of tensor b (3) at "
                "non-singleton dimension 0"):
        ak.ones(2) + ak.ones(3)
    with raises(RuntimeError, "The size of tensor a (2) must match the size of tensor b (3) at "
                "non-singleton dimension 0"):
        ak.ones(2) * ak.ones(3)
    with raises(RuntimeError, "The size of tensor a (3) must match the size of tensor b (2) at "
                "non-singleton dimension 1"):
        ak.ones(2, 3) + ak.ones(2)
    with raises(RuntimeError, "The expanded size of the tensor (4) must match the existing size "
                "(3) at non-singleton dimension 1.  Target sizes: [2, 4].  Tensor sizes: [3]"):
        ak.ones(3).expand(2, 4)


def test_view_errors():
    m = ak.ones(2, 3)
    with raises(RuntimeError, "view size is not compatible with input tensor's size and stride "
                "(at least one dimension spans across two contiguous subspaces). Use "
                ".reshape(...) instead."):
        m.t().view(6)
    x = ak.ones(3)
    with raises(RuntimeError, "shape '[4]' is invalid for input of size 3"):
        x.view(4)
    with raises(RuntimeError, "shape '[4]' is invalid for input of size 3"):
        x.reshape(4)
    with raises(RuntimeError, "shape '[2, -1]' is invalid for input of size 3"):
        x.view(2, -1)
    with raises(RuntimeError, "only one dimension can be inferred"):
        x.view(-1, -1)


def test_grad_assignment_errors():
    x = x3()
    with raises(RuntimeError, "attempting to assign a gradient of size '[2]' to a tensor of size "
                "'[3]'. Please ensure that the gradient and the tensor are the same size"):
        x.grad = ak.zeros(2)
    with pytest.raises(RuntimeError, match=re.escape(
            "attempting to assign a gradient with dtype 'double' to a tensor with grad_dtype "
            "'Float'.")):
        x.grad = ak.zeros(3, dtype=ak.float64)
    with raises(TypeError, "assigned grad expected to be a Tensor or None but got grad of type "
                "list"):
        x.grad = [1.0, 2.0, 3.0]


def test_index_and_dim_errors():
    x = x3()
    with raises(IndexError, "Dimension out of range (expected to be in range of [-1, 0], but got "
                "2)"):
        x.squeeze(2)
    with raises(IndexError, "Dimension out of range (expected to be in range of [-1, 0], but got "
                "1)"):
        x.sum(dim=1)
    with raises(IndexError, "index 5 is out of bounds for dimension 0 with size 3"):
        x[5]
    with raises(IndexError, "too many indices for tensor of dimension 1"):
        x[0, 0]


def test_scalar_conversion_errors():
    x = x3()
    with raises(ValueError, "only one element tensors can be converted to Python scalars"):
        float(x)
    with raises(RuntimeError, "a Tensor with 3 elements cannot be converted to Scalar"):
        x.item()


def test_T_warning_and_softmax_and_mean_errors():
    with pytest.warns(UserWarning, match=re.escape("The use of `x.T` on tensors of dimension "
                                                   "other than 2")):
        ak.ones(3).T  # noqa: B018
    with raises(TypeError, 'softmax() missing 1 required positional arguments: "dim"'):
        ak.softmax(ak.ones(3))
    with raises(RuntimeError, "mean(): could not infer output dtype. Input dtype must be either "
                "a floating point or complex dtype. Got: Long"):
        ak.tensor([1, 2]).mean()


def test_custom_function_instantiation():
    class F3(ak.autograd.Function):
        @staticmethod
        def forward(ctx, a):
            return a * 2

        @staticmethod
        def backward(ctx, g):
            return g * 2

    with pytest.warns(DeprecationWarning, match="should not be instantiated"):
        with raises(RuntimeError, "Legacy autograd function with non-static forward method is "
                    "deprecated. Please use new-style autograd function with static forward "
                    "method. (Example: https://pytorch.org/docs/stable/autograd.html"
                    "#torch.autograd.Function)"):
            F3()(x3())


def test_anomaly_mode_error(device):
    x = ak.tensor([0.0], requires_grad=True, device=device)
    with pytest.warns(UserWarning, match="Anomaly Detection has been enabled"):
        with ak.autograd.detect_anomaly():
            with pytest.warns(UserWarning, match="Error detected in MulBackward0"):
                with raises(RuntimeError, "Function 'MulBackward0' returned nan values in its "
                            "0th output."):
                    (x * 0).sqrt().sum().backward()
    x = ak.tensor([0.0], requires_grad=True, device=device)
    with ak.autograd.set_detect_anomaly(True), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with raises(RuntimeError, "Function 'SqrtBackward0' returned nan values in its 0th "
                    "output."):
            (x.sqrt() * 0).sum().backward()
    assert ak.is_anomaly_enabled() is False
    x = ak.tensor([0.0], requires_grad=True, device=device)
    (x * 0).sqrt().sum().backward()
    assert x.grad.isnan().tolist() == [True] if hasattr(x.grad, "isnan") else \
        x.grad.tolist()[0] != x.grad.tolist()[0]


def test_gradcheck_takes_pytorchs_options_and_refuses_unknown_ones() -> None:
    x = ak.tensor([1.0, 2.0], dtype=ak.float64, requires_grad=True)
    assert ak.autograd.gradcheck(lambda a: a.sin(), (x,), fast_mode=True, nondet_tol=0.0)
    assert ak.autograd.gradgradcheck(lambda a: a.sin(), (x,), fast_mode=True)
    with pytest.raises(TypeError, match="unexpected keyword argument 'fastmode'"):
        ak.autograd.gradcheck(lambda a: a.sin(), (x,), fastmode=True)
