"""``NOT_MADE``: what a view's ``_superseded`` holds when its base changed in place while the
view had no node (it was made while its base needed no grad). PyTorch makes the view's node
only when its ``grad_fn`` is next read; until then its C++ ``is_leaf`` sees no node, so the view
counts as a leaf that requires grad: an in-place change of the view is refused, and
``retain_grad()`` and ``requires_grad_(False)`` pass over it."""

from __future__ import annotations


class _NotMade:
    """A view's node before its base changed, when it had none (made while its base needed
    no grad): until PyTorch makes the view's node, when its ``grad_fn`` is next read, the
    view counts as a leaf that requires grad, which an in-place change of the view itself
    refuses (``v = zeros(3).view(1, 3); t = v[:1]; t += w; v.add_(1)``)."""

    def __repr__(self) -> str:
        return "NOT_MADE"


NOT_MADE = _NotMade()
