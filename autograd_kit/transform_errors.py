"""What PyTorch refuses to do inside a ``torch.func`` transform, in its words (the transforms
running now are counted in ``function_transforms.transforms_running``)."""

BACKWARD_IN_TRANSFORM = (
    "backward() called inside a functorch transform. This is not supported, please use "
    "functorch.grad or functorch.vjp instead or call backward() outside of functorch "
    "transforms.")
