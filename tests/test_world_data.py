"""The world set (tests/world/{dev,test}): its data holds together, and both halves' scores are printed.

The integrity checks read the clippings as a reader would (HTML tags dropped, entities decoded) and
fail on a gold label the text does not support. The scores of both halves are printed (``pytest -s``)
without thresholds here: the extraction work asserts its thresholds on the dev half only.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest
from world_score import HALVES, WORLD, anchors, load_gold, outlet_key, report, score, squash

GOLDS = {half: load_gold(half) for half in HALVES}
ALL = [(half, entry) for half in HALVES for entry in GOLDS[half]["clippings"]]


def reader_text(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        text = html.unescape(re.sub(r"<[^>]+>", " ", re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", text)))
    return squash(text)


TEXTS = {(half, e["file"]): reader_text(WORLD / half / e["file"]) for half, e in ALL}


def _id(case) -> str:
    return f"{case[0]}/{case[1]['file']}"


def test_the_set_is_large_and_varied_enough():
    outlets = {outlet_key(e["outlet"]) for _, e in ALL}
    off = sum(e["off_topic"] for _, e in ALL)
    assert len(ALL) >= 44 and len(outlets) >= 25, (len(ALL), sorted(outlets))
    assert off * 4 >= len(ALL), off
    for half in HALVES:
        entries = GOLDS[half]["clippings"]
        assert sum(e["off_topic"] for e in entries) * 4 >= len(entries), half
        assert {e["lang"] for e in entries} == {"id", "en"}, half
        assert any(e["file"].endswith(".html") for e in entries) and any(e.get("make") == "docx" for e in entries)


def test_dev_and_test_share_no_file_and_every_file_is_labelled():
    names = {half: {e["file"] for e in GOLDS[half]["clippings"]} for half in HALVES}
    assert not names["dev"] & names["test"]
    texts = {half: {p.read_bytes() for p in (WORLD / half).iterdir() if p.name != "gold.yaml"} for half in HALVES}
    assert not texts["dev"] & texts["test"], "the same clipping is in both halves"
    for half in HALVES:
        on_disk = {p.name for p in (WORLD / half).iterdir() if p.name != "gold.yaml"}
        assert on_disk == names[half], (half, on_disk ^ names[half])
    # outlets are mixed: most outlets of the test half also appear in the dev half
    outlets = {half: {outlet_key(e["outlet"]) for e in GOLDS[half]["clippings"]} for half in HALVES}
    assert len(outlets["dev"] & outlets["test"]) >= 8


@pytest.mark.parametrize("case", ALL, ids=_id)
def test_gold_labels_occur_in_their_clipping(case):
    half, entry = case
    text = TEXTS[(half, entry["file"])]
    lowered = text.casefold()
    assert squash(entry["title"]) in text, "title"
    assert any(o.casefold() in lowered for o in [entry["outlet"], *entry.get("outlet_aliases", [])]), "outlet"
    for author in entry["authors"]:
        assert author.casefold() in lowered, author
    for quote in entry["quotes"]:
        assert squash(quote["text"]) in text, quote["text"]
        assert quote["speaker"].strip(), quote
    for figure in entry["figures"]:
        assert squash(figure["text"]) in text and isinstance(figure["value"], int | float), figure
    for event in entry["events"]:
        assert squash(event["anchor"]) in text, event["anchor"]


@pytest.mark.parametrize("case", ALL, ids=_id)
def test_dates_are_iso_and_plausible(case):
    _, entry = case
    published = entry["published"]
    assert isinstance(published, dt.date) and dt.date(2023, 1, 1) <= published <= dt.date(2024, 12, 31)
    assert all(isinstance(d, dt.date) for d in entry.get("published_alt", []))
    assert entry["lang"] in ("id", "en") and isinstance(entry["off_topic"], bool)
    for event in entry["events"]:
        assert isinstance(event["date"], dt.date), event
        assert event.get("precision", "day") in ("day", "week", "month"), event
        if "end" in event:
            assert isinstance(event["end"], dt.date) and event["end"] >= event["date"], event
        if event.get("precision") == "month":
            assert event["date"].day == 1, event
        if event.get("future"):  # planned at publication: not before the publication week
            assert event["date"] >= entry["published"] - dt.timedelta(days=entry["published"].weekday()), event


@pytest.mark.parametrize("half", HALVES)
def test_claims_point_at_sentences_of_their_half(half):
    files = {e["file"] for e in GOLDS[half]["clippings"]}
    claims = GOLDS[half]["claims"]
    assert sum(c["corroborated"] for c in claims) >= 5 and sum(not c["corroborated"] for c in claims) >= 3
    assert len({c["id"] for c in claims}) == len(claims)
    for claim in claims:
        assert len(claim["sentences"]) >= 2, claim["id"]
        for file, words in claim["sentences"].items():
            assert file in files, (claim["id"], file)
            for anchor in anchors(words):
                assert squash(anchor) in TEXTS[(half, file)], (claim["id"], file, anchor)


def test_print_scores_of_both_halves():
    """Prints both halves' scores (run with -s); what is asserted is only that every clipping was read."""
    scores = [score(half) for half in HALVES]
    print("\n" + report(scores))
    for s in scores:
        assert s.clippings == len(GOLDS[s.half]["clippings"])
        assert s.meta["lang"] > 0  # every clipping reached the pipeline (a language is always detected)


def _perfect(half: str, wrong_speakers: bool = False):
    """An Observed that says exactly what the gold says: the scorer must give it full marks."""
    from types import SimpleNamespace as NS

    from world_score import FAMILIES, Observed

    gold = GOLDS[half]
    articles, per_article, events = {}, [], []
    for i, e in enumerate(gold["clippings"]):
        sha = f"{i:064x}"
        authors = tuple(NS(name=a, role="author") for a in e["authors"])
        articles[e["file"]] = NS(sha256=sha, title=e["title"], outlet=e["outlet"], published=e["published"],
                                 lang=e["lang"], authors=authors, duplicate_of=None, off_topic=e["off_topic"])
        prov = NS(article=sha)
        quotes = [NS(text=q["text"], direct=True, speaker=NS(name="Someone Else" if wrong_speakers else q["speaker"],
                                                             entry=None)) for q in e["quotes"]]
        figures = [(prov, NS(value=f["value"], text=f["text"])) for f in e["figures"]]
        per_article.append(NS(article=articles[e["file"]], quotes=quotes, figures=figures))
        for ev in e["events"]:
            events.append(NS(time=NS(date=ev["date"], precision=ev.get("precision", "day")),
                             future=ev.get("future", False), family=FAMILIES.get(ev["type"], "other"),
                             sentences=[(prov, ev["anchor"])]))
    sha_of = {f: a.sha256 for f, a in articles.items()}
    claims = []
    for c in gold["claims"]:
        if c["corroborated"]:
            units = [NS(article=sha_of[f], text=anchors(w)[0]) for f, w in c["sentences"].items()]
            claims.append(NS(corroborated=True, units=units, representative=units[0]))
    return Observed(articles, NS(articles=per_article, events=events, claims=claims))


@pytest.mark.parametrize("half", HALVES)
def test_the_scorer_gives_full_marks_to_the_gold_itself_and_less_to_a_wrong_answer(half):
    perfect = score(half, _perfect(half)).summary()
    assert all(value == 1.0 for value in perfect.values() if value is not None), perfect
    wrong = score(half, _perfect(half, wrong_speakers=True)).summary()
    assert wrong["quotes.full_speaker"] == 0.0 and wrong["meta.title"] == 1.0
