"""Extraction speed on generated clippings: 1,000 and 10,000 (target: 1,000 under 20 s, near-linear).

Clippings come from ``benchmarks/corpus_gen.py`` and are cleaned first (not timed); the timed part is
``extract_facts`` over all of them: sentences, entities, times, figures, quotes, events merged across
articles, and MinHash/LSH claim clustering.

    uv run python benchmarks/bench_extract.py [N ...]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_gen import generate  # noqa: E402

from briefgen.extract.facts import extract_facts  # noqa: E402
from briefgen.extract.gazetteer import default_gazetteer  # noqa: E402
from briefgen.ingest.build import build_articles  # noqa: E402
from briefgen.model import RawArticle  # noqa: E402


def articles(count: int):
    raws = [RawArticle(f"gen-{i:05d}.txt", f"{i:064x}", text) for i, text in enumerate(generate(count))]
    return build_articles(raws)


def main(sizes: list[int]) -> None:
    gazetteer = default_gazetteer()
    extract_facts(articles(5), gazetteer)  # warm up: imports, regex compilation
    per_clipping = []
    for n in sizes:
        arts = articles(n)
        start = time.perf_counter()
        facts = extract_facts(arts, gazetteer)
        took = time.perf_counter() - start
        per_clipping.append(took / n)
        print(f"{n:>6} clippings: {took:7.2f} s  ({took / n * 1000:.2f} ms each)  events={len(facts.events)} "
              f"claims={len(facts.claims)} corroborated={sum(c.corroborated for c in facts.claims)}")
    if len(per_clipping) > 1:
        print(f"growth per clipping, largest/smallest run: {per_clipping[-1] / per_clipping[0]:.2f}x (1.0 = linear)")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 10000])
