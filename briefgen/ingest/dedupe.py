"""Duplicate clippings in a batch: the same bytes, or nearly the same body (a reprint, a re-copy).

Comparing every body with every other is quadratic: 1,000 clippings are half a million fuzzy
comparisons. So each body gets a small sketch (the k smallest hashes of its word 4-grams); two
near-identical bodies share most of their sketch, and only articles that share enough of it are
compared with rapidfuzz. The decision itself stays the same: a fuzzy ratio of at least
``NEAR_DUPLICATE`` over the body text.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace

from rapidfuzz import fuzz

from briefgen.model import Article

NEAR_DUPLICATE = 92.0  # rapidfuzz ratio over the body; reprints with a changed headline score ~97+
SKETCH = 24  # hashes kept per body
MIN_SHARED = SKETCH // 2  # sketch hashes two bodies must share before they are compared in full
# a ratio of NEAR_DUPLICATE needs lengths within this proportion (ratio <= 2·shorter / (sum of both))
MIN_LENGTH_RATIO = NEAR_DUPLICATE / (200 - NEAR_DUPLICATE)
_WORD = re.compile(r"\w+")


def sketch(body: str, n: int = 4) -> tuple[int, ...]:
    """The ``SKETCH`` smallest hashes of the body's word n-grams (a bottom-k MinHash sketch)."""
    words = _WORD.findall(body.casefold())
    if len(words) < n:
        return (zlib.crc32(" ".join(words).encode()),)
    grams = {zlib.crc32(" ".join(words[i:i + n]).encode()) for i in range(len(words) - n + 1)}
    return tuple(sorted(grams)[:SKETCH])


def mark_duplicates(articles: Iterable[Article]) -> list[Article]:
    """Flag a clipping imported twice (same bytes, or nearly the same body) as a duplicate of the first."""
    out: list[Article] = []
    by_hash: dict[str, Article] = {}
    index: dict[int, list[int]] = defaultdict(list)  # sketch hash → positions in ``out`` of originals
    bodies: list[str] = []
    for article in articles:
        body = " ".join(article.paragraphs)
        original = by_hash.get(article.sha256)
        marks = sketch(body)
        if original is None:
            shared = Counter(i for h in set(marks) for i in index.get(h, ()))
            need = min(MIN_SHARED, len(marks))
            for position, _ in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0])):
                if shared[position] < need:
                    break
                other = bodies[position]
                if min(len(body), len(other)) < MIN_LENGTH_RATIO * max(len(body), len(other), 1):
                    continue
                if fuzz.ratio(body, other, score_cutoff=NEAR_DUPLICATE):
                    original = out[position]
                    break
        if original is not None:
            out.append(replace(article, duplicate_of=original.sha256))
            bodies.append(body)
            continue
        by_hash[article.sha256] = article
        for h in set(marks):
            index[h].append(len(out))
        out.append(article)
        bodies.append(body)
    return out
