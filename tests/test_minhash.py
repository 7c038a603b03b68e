"""The standard-library MinHash behind both near-duplicate finders (clippings and sentences)."""

from __future__ import annotations

import os
import subprocess
import sys

from briefgen import minhash
from briefgen.resources import sample_files


def _words(n: int, prefix: str) -> set[bytes]:
    return {f"{prefix}{i}".encode() for i in range(n)}


def test_row_agreement_estimates_jaccard():
    """Each row agrees with probability J: over 512 rows the share of agreeing rows is close to J."""
    shared = _words(300, "s")
    for only_each, expected in ((0, 1.0), (100, 0.6), (300, 1 / 3), (900, 0.142857)):
        a = shared | _words(only_each, "a")
        b = shared | _words(only_each, "b")
        agree = sum(x == y for x, y in zip(minhash.signature(a, 512), minhash.signature(b, 512), strict=True)) / 512
        assert abs(agree - expected) < 0.07, (only_each, agree, expected)
    disjoint = sum(x == y for x, y in zip(minhash.signature(_words(200, "x"), 512),
                                          minhash.signature(_words(200, "y"), 512), strict=True))
    assert disjoint <= 2


def test_signature_ignores_order_and_repeats_and_is_the_same_in_another_process():
    words = [w.encode() for w in sample_files()[0].read_text(encoding="utf-8").split()]
    sig = minhash.signature(words, 32)
    assert sig == minhash.signature(list(reversed(words)) + words[:50], 32)
    assert len(sig) == 32 and sig.itemsize == 4
    code = ("import sys; from briefgen import minhash; from briefgen.resources import sample_files; "
            "w = [x.encode() for x in open(sample_files()[0], encoding='utf-8').read().split()]; "
            "sys.stdout.write(minhash.signature(w, 32).tobytes().hex())")
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": "12345"}).stdout
    assert other == sig.tobytes().hex()  # no per-process hash seed: stored or compared signatures stay valid


def test_empty_set_and_band_keys():
    empty = minhash.signature([], 8)
    assert list(empty) == [0xFFFFFFFF] * 8
    sig = minhash.signature([b"Blinken", b"Seoul", b"Park Jin"], 8)
    keys = minhash.band_keys(sig, 4)
    assert [band for band, _ in keys] == [0, 1, 2, 3]
    assert b"".join(raw for _, raw in keys) == sig.tobytes()
    assert all(len(raw) == 8 for _, raw in keys)
