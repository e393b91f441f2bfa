"""``utils.hooks``: PyTorch's home of `RemovableHandle`, what every ``register_*hook``
returns (the kit's class lives in ``autograd_kit/hooks.py``)."""

from ..hooks import RemovableHandle

__all__ = ["RemovableHandle"]
