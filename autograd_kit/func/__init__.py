"""``autograd_kit.func``: PyTorch's ``torch.func`` (function transforms), on the kit's engine.

A transform takes a function and returns another function::

    grad(f)(x)              # ∂f/∂x for f returning one number; grad(grad(f))(x) nests
    grad_and_value(f)(x)    # (∂f/∂x, f(x))
    vjp(f, x)               # (f(x), vjp_fn), vjp_fn(v) = vᵀ·J   (reverse mode)
    jvp(f, (x,), (v,))      # (f(x), J·v)                         (forward mode)
    linearize(f, x)         # (f(x), jvp_fn), jvp_fn(v) = J·v
    jacrev(f)(x), jacfwd(f)(x), hessian(f)(x)
    vmap(f)(xs)             # f on each slice of a batch, stacked (a loop in the kit)
    functional_call(model, params, x)   # the model with other parameters: a function of them
    functionalize(f)        # f without in-place ops in PyTorch; the same f in the kit

`transforms` explains how they are built from backward passes; `batching` holds vmap and
the module helpers; `trees` flattens nested tuples/lists/dicts of tensors.
"""

from __future__ import annotations

from .batching import (
    debug_unwrap,
    functional_call,
    functionalize,
    replace_all_batch_norm_modules_,
    stack_module_state,
    vmap,
)
from .transforms import grad, grad_and_value, hessian, jacfwd, jacrev, jvp, linearize, vjp

__all__ = ["debug_unwrap", "functional_call", "functionalize", "grad", "grad_and_value",
           "hessian", "jacfwd", "jacrev", "jvp", "linearize", "replace_all_batch_norm_modules_",
           "stack_module_state", "vjp", "vmap"]
