"""Duplicate clippings in a batch: the same bytes, or nearly the same body (a reprint, a re-copy).

Comparing every body with every other is quadratic: 1,000 clippings are half a million fuzzy
comparisons. So each body gets a MinHash signature (:mod:`briefgen.minhash`) over its word 4-grams,
cut into bands (LSH):
two near-identical bodies agree on a whole band with high probability, two bodies that merely share
a few sentences (wire copy, a recombined corpus) almost never do. Only bodies that meet in a band are
compared with rapidfuzz, so the work stays linear in the batch. The decision itself is unchanged: a
fuzzy ratio of at least ``NEAR_DUPLICATE`` over the body text.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace

from rapidfuzz import fuzz

from briefgen import minhash
from briefgen.model import Article

NEAR_DUPLICATE = 92.0  # rapidfuzz ratio over the body; reprints with a changed headline score ~97+
BANDS, ROWS = 8, 4  # 32 min-hashes; a pair with word-4-gram Jaccard 0.8 meets in a band with p ≈ 0.985
BUCKET_CAP = 64  # originals kept per band key: a key shared by more is boilerplate, not a reprint
MAX_COMPARED = 4  # full comparisons per article, best candidates (most shared bands) first
# a ratio of NEAR_DUPLICATE needs lengths within this proportion (ratio <= 2·shorter / (sum of both))
MIN_LENGTH_RATIO = NEAR_DUPLICATE / (200 - NEAR_DUPLICATE)
_WORD = re.compile(r"\w+")


def band_keys(body: str, n: int = 4) -> list[tuple[int, bytes]]:
    """(band number, band signature) keys of the body's MinHash signature."""
    words = _WORD.findall(body.casefold())
    grams = (" ".join(words[i:i + n]).encode() for i in range(max(1, len(words) - n + 1)))
    return minhash.band_keys(minhash.signature(grams, BANDS * ROWS), BANDS)


def mark_duplicates(articles: Iterable[Article]) -> list[Article]:
    """Flag a clipping imported twice (same bytes, or nearly the same body) as a duplicate of the first."""
    out: list[Article] = []
    by_hash: dict[str, Article] = {}
    buckets: dict[tuple[int, bytes], list[int]] = defaultdict(list)  # band key → positions of originals
    bodies: list[str] = []
    for article in articles:
        body = " ".join(article.paragraphs)
        original = by_hash.get(article.sha256)
        keys = band_keys(body)
        if original is None:
            shared = Counter(i for key in keys for i in buckets.get(key, ()))
            for position, _ in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_COMPARED]:
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
        for key in keys:
            if len(buckets[key]) < BUCKET_CAP:
                buckets[key].append(len(out))
        out.append(article)
        bodies.append(body)
    return out
