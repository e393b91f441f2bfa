"""The order in which PyTorch's argument parser lists keyword arguments in its "received an
invalid combination of arguments - got (...)" errors.

PyTorch copies the keywords into a C++ ``std::unordered_map<std::string, PyObject*>`` and lists
them in that map's iteration order, which the GNU C++ library (libstdc++, that PyTorch's Linux
builds use) fixes from each name's hash: ``x.std(axis=None, dtype=None, out=None, ddof=1)``
(what ``np.std(x)`` calls) lists ``ddof, dtype, out, axis``. This module models that map:

* the hash is ``std::_Hash_bytes(name, len, 0xc70f6907)`` (a 64-bit MurmurHash2 variant);
* the map starts with 13 buckets and grows to the next prime past twice its size when it
  holds more names than buckets (max load factor 1);
* a name whose bucket is empty goes to the front of the map's single linked list, else to the
  front of its bucket's run; growing re-inserts the names in list order the same way.
"""

from __future__ import annotations

from collections.abc import Iterable

_MASK = (1 << 64) - 1
_MUL = (0xC6A4A793 << 32) + 0x5BD1E995
_SEED = 0xC70F6907
# libstdc++'s bucket counts: small requests, then its list of primes
_FAST_BUCKETS = (2, 2, 2, 3, 5, 5, 7, 7, 11, 11, 11, 11, 13, 13)
_PRIMES = (17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 103, 109,
           113, 127, 137, 139, 149, 157, 167, 179, 193, 199, 211, 227, 241, 257, 277, 293, 313,
           337, 359, 383, 409, 439, 467, 503, 541, 577, 619, 661, 709, 761, 823, 887, 953, 1031)


def _shift_mix(value: int) -> int:
    return value ^ (value >> 47)


def string_hash(name: str) -> int:
    """libstdc++'s ``std::hash<std::string>`` of ``name`` (its UTF-8 bytes) on a 64-bit
    machine."""
    data = name.encode()
    aligned = len(data) & ~7
    value = (_SEED ^ (len(data) * _MUL)) & _MASK
    for at in range(0, aligned, 8):
        word = int.from_bytes(data[at:at + 8], "little")
        value ^= (_shift_mix((word * _MUL) & _MASK) * _MUL) & _MASK
        value = (value * _MUL) & _MASK
    if len(data) & 7:
        value ^= int.from_bytes(data[aligned:], "little")
        value = (value * _MUL) & _MASK
    return _shift_mix((_shift_mix(value) * _MUL) & _MASK)


def _bucket_count(least: int) -> int:
    if least < len(_FAST_BUCKETS):
        return _FAST_BUCKETS[least]
    return next((p for p in _PRIMES if p >= least), _PRIMES[-1])


def _insert(names: list[str], name: str, buckets: int) -> None:
    bucket = string_hash(name) % buckets
    for at, other in enumerate(names):
        if string_hash(other) % buckets == bucket:
            names.insert(at, name)
            return
    names.insert(0, name)


def map_order(keys: Iterable[str]) -> list[str]:
    """``keys`` (distinct, in the order given) as an ``std::unordered_map`` filled with them
    in that order iterates them."""
    names: list[str] = []
    buckets, grow_past = 1, 0
    for count, key in enumerate(keys):
        if count + 1 > grow_past:
            least = max(count + 1, 0 if grow_past else 11)
            if least >= buckets:
                buckets = grow_past = _bucket_count(max(least + 1, buckets * 2))
                old, names = names, []
                for name in old:
                    _insert(names, name, buckets)
            else:
                grow_past = buckets
        _insert(names, key, buckets)
    return names
