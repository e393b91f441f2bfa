"""What PyTorch's ``load`` (``weights_only=True``, the default) says about a file that is no
pickle at all: ``load('data.npy')``, ``load('data.csv')``, ``load('picture.png')``.

PyTorch reads such a file with its own small unpickler, which knows only the handful of
pickle instructions a checkpoint needs. It stops at the first byte that is not one of them
(``Unsupported operand 147``: the first byte of a ``.npy`` file), at a memo lookup of a
value never stored (``KeyError: 101`` for a text starting ``he``), or at an instruction
that closes a MARK never opened (``IndexError: pop from empty list`` for a text starting
``e``). The kit's files are read by Python's unpickler, which would stop elsewhere with
another message; this module walks the instructions as PyTorch's unpickler meets them, and
names PyTorch's refusal only where it is sure of it (a stack that would run short, a
truncated argument, or the end of the pickle stop the walk without a verdict).
"""

from __future__ import annotations

import pickle
import pickletools
from typing import IO

# the instructions PyTorch's weights-only unpickler carries out (torch/_weights_only_unpickler.py)
_SUPPORTED = frozenset(getattr(pickle, name)[0] for name in (
    "GLOBAL", "NEWOBJ", "REDUCE", "BUILD", "APPEND", "APPENDS", "SETITEM", "SETITEMS", "MARK",
    "TUPLE", "TUPLE1", "TUPLE2", "TUPLE3", "NONE", "NEWFALSE", "NEWTRUE", "EMPTY_TUPLE",
    "EMPTY_LIST", "EMPTY_DICT", "EMPTY_SET", "BININT", "BININT1", "BININT2", "BINFLOAT",
    "BINUNICODE", "SHORT_BINSTRING", "BINPERSID", "BINGET", "LONG_BINGET", "BINPUT",
    "LONG_BINPUT", "LONG1", "PROTO", "STOP"))


def refusal(file: IO[bytes]) -> Exception | None:
    """The error PyTorch's weights-only unpickler raises first on ``file`` (read from where it
    stands), or None when the walk cannot tell. A zip archive (PyTorch's own format) and a
    pickle starting with ``PROTO`` (the kit's files) are not walked."""
    start = file.tell()
    try:
        head = file.read(2)
        if head[:1] == pickle.PROTO or head == b"PK":
            return None
        file.seek(start)
        return _first_refusal(file)
    finally:
        file.seek(start)


def _first_refusal(file: IO[bytes]) -> Exception | None:
    depth, marks, memo = 0, [], set()
    while byte := file.read(1):
        if byte[0] not in _SUPPORTED:
            return pickle.UnpicklingError(f"Unsupported operand {byte[0]}")
        op = pickletools.code2op[byte.decode("latin-1")]
        try:
            arg = op.arg.reader(file) if op.arg is not None else None
        except ValueError:  # (a truncated argument: PyTorch's own reading errors differ)
            return None
        if op.name in ("BINGET", "LONG_BINGET") and arg not in memo:
            return KeyError(arg)
        if op.name in ("BINPUT", "LONG_BINPUT"):
            memo.add(arg)
        if op.name == "STOP":
            return None
        if op.name == "MARK":
            marks.append(depth)
            depth = 0
            continue
        popped = len(op.stack_before)
        if pickletools.markobject in op.stack_before:  # everything since the last MARK
            if not marks:  # (PyTorch pops its list of marks)
                return IndexError("pop from empty list")
            depth = marks.pop()
            popped = op.stack_before.index(pickletools.markobject)
        if popped > depth:
            return None
        depth += len(op.stack_after) - popped
    return None
