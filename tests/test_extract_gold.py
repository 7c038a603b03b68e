"""Precision and recall of entities, events and quotes on hand-labelled clippings and the samples.

The gold labels live in tests/extract_gold/gold.yaml (six clippings written and labelled for this
test). The figures are printed (``pytest -s``) and the thresholds reached are asserted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import yaml

from briefgen.extract.facts import extract_facts
from briefgen.extract.gazetteer import load_gazetteer
from briefgen.model import Article

GOLD = Path(__file__).parent / "extract_gold" / "gold.yaml"


def _article(case: dict) -> Article:
    paragraphs = tuple(p.strip() for p in case["text"].split("\n\n") if p.strip())
    return Article(case["name"], hashlib.sha256(case["text"].encode()).hexdigest(), case.get("lang", "id"),
                   case["name"], paragraphs,
                   outlet=case["name"], published=case["published"])


def _pr(found: list, gold: list) -> tuple[int, int, int]:
    remaining = list(gold)
    hits = 0
    for item in found:
        if item in remaining:
            remaining.remove(item)
            hits += 1
    return hits, len(found), len(gold)


def _score(counts: list[tuple[int, int, int]]) -> tuple[float, float]:
    hits, found, gold = (sum(c[i] for c in counts) for i in range(3))
    return hits / max(found, 1), hits / max(gold, 1)


def test_precision_recall_on_labelled_clippings():
    cases = yaml.safe_load(GOLD.read_text(encoding="utf-8"))["clippings"]
    assert len(cases) >= 6
    gazetteer = load_gazetteer()
    scores: dict[str, list] = {"entities": [], "events": [], "quotes": []}
    for case in cases:
        facts = extract_facts([_article(case)], gazetteer)
        af = facts.articles[0]
        ents = sorted(k for k in af.mentions if gazetteer.get(k).kind != "term")
        scores["entities"].append(_pr(ents, sorted(case["entities"])))
        events = [[e.time.date, e.time.precision] for e in facts.events]
        gold_events = [[dt.date.fromisoformat(str(d)), p] for d, p in case["events"]]
        scores["events"].append(_pr(events, gold_events))
        quotes = [[q.speaker.key if q.speaker else None, "direct" if q.direct else "indirect"] for q in af.quotes]
        scores["quotes"].append(_pr(quotes, [list(q) for q in case["quotes"]]))
    thresholds = {"entities": (0.9, 0.9), "events": (0.8, 0.9), "quotes": (0.9, 0.9)}
    reached = {name: _score(counts) for name, counts in scores.items()}
    for name, (precision, recall) in reached.items():
        print(f"labelled clippings: {name}: precision {precision:.2f} recall {recall:.2f}")
    for name, (precision, recall) in reached.items():
        assert precision >= thresholds[name][0] and recall >= thresholds[name][1], name


def test_quote_recall_on_the_samples(sample_articles):
    """Every direct quote of the samples is found and has a speaker.

    Counted by hand: 11 (Tempo 4, EGINDO 4, the Straits Times copy 1, the 1 November piece 2).
    """
    facts = extract_facts([a for a in sample_articles if a.duplicate_of is None], load_gazetteer())
    direct = [q for af in facts.articles for q in af.quotes if q.direct]
    attributed = [q for q in direct if q.speaker is not None]
    print(f"samples: direct quotes {len(direct)}, attributed {len(attributed)}")
    assert len(direct) == 11 and len(attributed) == len(direct)
