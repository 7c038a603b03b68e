"""MinHash signatures and LSH band keys, written with the standard library only.

Both near-duplicate finders (clippings in :mod:`briefgen.ingest.dedupe`, sentences in
:mod:`briefgen.extract.claims`) need the same thing: a short signature per set such that two sets
with a high Jaccard similarity agree on a whole band of it with high probability. They used to
compute it with numpy (universal hashing ``a·x + b`` of one 32-bit hash per element); numpy and its
OpenBLAS then made up a sixth of the frozen app for these few lines. Here every element is hashed
once with SHAKE-128, whose output is cut into ``rows`` 32-bit values: ``rows`` independent hash
functions per element, computed in C by :mod:`hashlib`. The signature is the minimum of each
function over the set, taken with one slice of an :class:`array.array` per function.

SHAKE-128 is fixed by its standard, so signatures are the same on every run, machine and Python.
"""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Iterable
from functools import lru_cache

_EMPTY = 0xFFFFFFFF  # the minimum over an empty set: larger than every hash, equal for all empty sets


def _typecode_32() -> str:
    for code in ("I", "L"):
        if array(code).itemsize == 4:
            return code
    raise RuntimeError("no 32-bit unsigned array type on this platform")


_U32 = _typecode_32()


@lru_cache(maxsize=16_384)  # ~5 MB at most
def _hashes(element: bytes, rows: int) -> bytes:
    """``rows`` independent 32-bit hashes of one element (cached: sentence tokens recur a lot)."""
    return hashlib.shake_128(element).digest(4 * rows)


_BATCH = 4096  # elements hashed per step: the memory stays a few hundred KB whatever the set's size


def signature(elements: Iterable[bytes], rows: int) -> array:
    """The MinHash signature of a set: ``rows`` unsigned 32-bit minima, one per hash function.

    Two sets agree on one row with probability equal to their Jaccard similarity. The elements are
    consumed in batches and the minima kept as they go, so time is linear and memory constant in the
    number of elements (a clipping of a million short paragraphs used to need 1.9 GB here). A repeated
    element changes no minimum, so no set of them is built.
    """
    best = [_EMPTY] * rows
    batch: list[bytes] = []
    for element in elements:
        batch.append(element)
        if len(batch) == _BATCH:
            _fold(best, batch, rows)
            batch.clear()
    if batch:
        _fold(best, batch, rows)
    return array(_U32, best)


def _fold(best: list[int], batch: list[bytes], rows: int) -> None:
    values = array(_U32)
    values.frombytes(b"".join(_hashes(element, rows) for element in batch))
    for row in range(rows):
        low = min(values[row::rows])
        if low < best[row]:
            best[row] = low


def band_keys(sig: array, bands: int) -> list[tuple[int, bytes]]:
    """The signature cut into ``bands`` equal bands, each a (band number, bytes) bucket key."""
    rows = len(sig) // bands
    raw = sig.tobytes()
    width = rows * sig.itemsize
    return [(band, raw[band * width:(band + 1) * width]) for band in range(bands)]
