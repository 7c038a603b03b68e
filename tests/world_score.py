"""Score briefgen's real import + extraction on a half of the world set (tests/world/{dev,test}).

Why a module of its own: the same scoring serves the printed report of ``tests/test_world_data.py``
(``pytest -s``), the threshold asserts the extraction work adds on the dev half, and
``benchmarks/score_world.py``, which prints both halves side by side. The gold format is described at
the top of ``tests/world/test/gold.yaml``.

What is measured, per half:
- metadata: share of clippings whose title / outlet / publication date / authors / language are right
  (authors: the set of people credited, roles author/editor/reporter; initials and agencies are not people);
- events: recall of gold events (some extracted event cites the gold sentence) and date precision (of
  those found, the share whose date is the gold date: same day, inside a range, same month or week);
- quotes: share of gold quotes found with the speaker's full name (entry forms or the name as written);
- figures: recall per language (value equal and the text overlapping);
- corroboration: precision of the claims briefgen calls corroborated (two or more sources) against the
  gold claims (right only when two of its sentences from different clippings locate one gold claim);
- off-topic detection: accuracy, read from an ``off_topic`` field when the code has one (ArticleFacts,
  Facts.off_topic as a mapping or set of sha256, Article, or the ``inspect --json`` object); missing = 0.
"""

from __future__ import annotations

import datetime as dt
import re
import tempfile
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

WORLD = Path(__file__).resolve().parent / "world"
HALVES = ("dev", "test")
TODAY = dt.date(2026, 11, 22)  # as tests/test_ingest_gold.py: a day long after every clipping
PEOPLE_ROLES = {"author", "editor", "reporter"}
META_FIELDS = ("title", "outlet", "published", "authors", "lang")
# gold event type -> the event family briefgen's types belong to (briefgen.extract.events.EVENT_TYPES);
# gold types with no family there (decision, match, departure, ...) are not scored for type
FAMILIES = {"summit": "meeting", "talks": "meeting", "visit": "meeting", "meeting": "meeting", "arrival": "arrival",
            "statement": "statement", "condemnation": "statement", "denial": "statement", "launch": "launch"}


def squash(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("\u201c", '"').replace("\u201d", '"')
    return re.sub(r"\s+", " ", text.replace("\u2018", "'").replace("\u2019", "'")).strip()


def name_key(name: str) -> str:
    """A name compared without case or full stops ("Dewanti A. Wardhani" = "Dewanti A Wardhani")."""
    return re.sub(r"\s+", " ", squash(name).casefold().replace(".", " ")).strip(" ,;:")


def anchors(words: str | list[str]) -> list[str]:
    """A claim locates its sentence in a clipping by one or several verbatim word groups."""
    return [words] if isinstance(words, str) else list(words)


def outlet_key(name: str) -> str:
    key = name_key(name).removeprefix("the ")
    for tail in (".co.id", ".com", ".id", ".co.kr", ".co"):
        key = key.removesuffix(tail)
    return re.sub(r"[^0-9a-z]", "", key.removeprefix("www."))


def load_gold(half: str) -> dict:
    return yaml.safe_load((WORLD / half / "gold.yaml").read_text(encoding="utf-8"))


def make_docx(source: Path, target: Path) -> Path:
    """A Word file as someone pastes a web page into Word: one paragraph per line, the first as a heading."""
    import docx

    lines = source.read_text(encoding="utf-8").splitlines()
    document = docx.Document()
    document.core_properties.author = "Analyst Desk"  # who saved the file, not who wrote the article
    document.add_heading(lines[0], level=1)
    for line in lines[1:]:
        document.add_paragraph(line)
    document.save(target)
    return target


def clipping_paths(half: str, gold: dict, folder: Path) -> dict[str, Path]:
    """gold file name -> the file briefgen reads (Word files built from their text source in ``folder``)."""
    out = {}
    for entry in gold["clippings"]:
        source = WORLD / half / entry["file"]
        built = entry.get("make") == "docx"
        out[entry["file"]] = make_docx(source, folder / f"{source.stem}.docx") if built else source
    return out


@dataclass
class Observed:
    """What briefgen made of one half: articles by gold file name, the facts of the non-duplicates."""

    articles: dict  # gold file -> Article
    facts: object
    errors: list[str] = field(default_factory=list)

    def sha_to_file(self) -> dict[str, str]:
        return {a.sha256: f for f, a in self.articles.items()}


def observe(half: str, gold: dict | None = None) -> Observed:
    """Run the real pipeline (import, clean, extract) on every clipping of the half as one selection."""
    from briefgen.extract.facts import extract_facts
    from briefgen.extract.gazetteer import load_gazetteer
    from briefgen.pipeline import load_articles

    gold = gold or load_gold(half)
    with tempfile.TemporaryDirectory() as tmp:
        paths = clipping_paths(half, gold, Path(tmp))
        loaded = load_articles(list(paths.values()), today=TODAY)
    by_stem = {Path(p).stem: f for f, p in paths.items()}
    articles = {by_stem[Path(a.file).stem]: a for a in loaded.articles if Path(a.file).stem in by_stem}
    selected = [a for a in articles.values() if a.duplicate_of is None]
    facts = extract_facts(selected, load_gazetteer())
    return Observed(articles, facts, [str(e) for e in loaded.errors])


# ---- scoring ----

def _same_date(got: dt.date, precision: str, gold: dict) -> bool:
    start = gold["date"]
    end = gold.get("end", start)
    kind = gold.get("precision", "day")
    if kind == "month":
        return (got.year, got.month) == (start.year, start.month)
    if kind == "week":
        return start - dt.timedelta(days=start.weekday()) <= got <= start + dt.timedelta(days=6 - start.weekday())
    return start <= got <= end and precision in ("day", None)


def _people(article) -> set[str]:
    return {name_key(p.name) for p in article.authors if p.role in PEOPLE_ROLES}


def metadata_hits(entry: dict, article) -> dict[str, bool]:
    if article is None:
        return dict.fromkeys(META_FIELDS, False)
    outlets = {outlet_key(o) for o in [entry["outlet"], *entry.get("outlet_aliases", [])]}
    dates = {entry["published"], *entry.get("published_alt", [])}
    return {
        "title": squash(article.title or "") == squash(entry["title"]),
        "outlet": bool(article.outlet) and outlet_key(article.outlet) in outlets,
        "published": article.published in dates,
        "authors": _people(article) == {name_key(a) for a in entry["authors"]},
        "lang": article.lang == entry["lang"],
    }


def _speaker_names(speaker) -> set[str]:
    if speaker is None:
        return set()
    names = {name_key(speaker.name)}
    if speaker.entry is not None:
        names |= {name_key(f) for f in speaker.entry.forms()}
    return names


def off_topic_of(observed: Observed, article) -> bool | None:
    """The code's off-topic verdict for an article, wherever the code keeps it; None when it has none."""
    for af in getattr(observed.facts, "articles", []):
        if af.article.sha256 == article.sha256 and getattr(af, "off_topic", None) is not None:
            return bool(af.off_topic)
    marks = getattr(observed.facts, "off_topic", None)
    if isinstance(marks, dict):
        return bool(marks[article.sha256]) if article.sha256 in marks else None
    if isinstance(marks, (set, frozenset, list, tuple)):
        return article.sha256 in marks
    if getattr(article, "off_topic", None) is not None:
        return bool(article.off_topic)
    from briefgen.cli import article_json

    value = article_json(article).get("off_topic")
    return None if value is None else bool(value)


@dataclass
class Scores:
    half: str
    clippings: int = 0
    meta: dict = field(default_factory=lambda: dict.fromkeys(META_FIELDS, 0))
    events_gold: int = 0
    events_found: int = 0
    events_dated: int = 0
    events_typed: int = 0  # found events whose type family the code knows and got right
    events_typable: int = 0
    events_tensed: int = 0  # found events whose future/past flag is right
    quotes_gold: int = 0
    quotes_found: int = 0
    quotes_named: int = 0
    figures_gold: dict = field(default_factory=lambda: {"id": 0, "en": 0})
    figures_found: dict = field(default_factory=lambda: {"id": 0, "en": 0})
    claims_called: int = 0
    claims_right: int = 0
    claims_lookalike: int = 0
    gold_claims: int = 0
    gold_claims_found: int = 0
    off_topic_known: int = 0
    off_topic_right: int = 0
    misses: list[str] = field(default_factory=list)

    def ratio(self, a: int, b: int) -> float | None:
        return a / b if b else None

    def summary(self) -> dict[str, float | None]:
        out: dict[str, float | None] = {f"meta.{k}": self.ratio(v, self.clippings) for k, v in self.meta.items()}
        out["events.recall"] = self.ratio(self.events_found, self.events_gold)
        out["events.date_precision"] = self.ratio(self.events_dated, self.events_found)
        out["events.type"] = self.ratio(self.events_typed, self.events_typable)
        out["events.future_flag"] = self.ratio(self.events_tensed, self.events_found)
        out["quotes.full_speaker"] = self.ratio(self.quotes_named, self.quotes_gold)
        out["figures.id"] = self.ratio(self.figures_found["id"], self.figures_gold["id"])
        out["figures.en"] = self.ratio(self.figures_found["en"], self.figures_gold["en"])
        out["claims.precision"] = self.ratio(self.claims_right, self.claims_called)
        out["claims.recall"] = self.ratio(self.gold_claims_found, self.gold_claims)
        out["off_topic.accuracy"] = self.ratio(self.off_topic_right, self.clippings)
        return out


def _sentences_with(anchor: str, items: Iterable[tuple[str, object]]) -> list:
    key = squash(anchor)
    return [obj for text, obj in items if key in squash(text)]


def score(half: str, observed: Observed | None = None) -> Scores:
    gold = load_gold(half)
    observed = observed or observe(half, gold)
    s = Scores(half, clippings=len(gold["clippings"]))
    facts = observed.facts
    per_file = {observed.sha_to_file()[af.article.sha256]: af for af in facts.articles}
    events_by_file: dict[str, list[tuple[str, object]]] = {}
    for event in facts.events:
        for prov, text in event.sentences:
            file = observed.sha_to_file().get(prov.article)
            events_by_file.setdefault(file, []).append((text, event))
    for entry in gold["clippings"]:
        f = entry["file"]
        article = observed.articles.get(f)
        for name, hit in metadata_hits(entry, article).items():
            s.meta[name] += hit
            if not hit:
                got = None if article is None else {"title": article.title, "outlet": article.outlet,
                                                   "published": article.published, "lang": article.lang,
                                                   "authors": sorted(_people(article))}[name]
                s.misses.append(f"{f} {name}: expected {entry[name]!r}, got {got!r}")
        verdict = off_topic_of(observed, article) if article is not None else None
        s.off_topic_known += verdict is not None
        s.off_topic_right += verdict is not None and verdict == entry["off_topic"]
        for ev in entry["events"]:
            s.events_gold += 1
            found = _sentences_with(ev["anchor"], events_by_file.get(f, []))
            if not found:
                s.misses.append(f"{f} event missing: {ev['date']} {ev['type']} [{ev['anchor']}]")
                continue
            s.events_found += 1
            dated = [e for e in found if _same_date(e.time.date, e.time.precision, ev)]
            s.events_dated += bool(dated)
            best = (dated or found)[0]
            s.events_tensed += bool(best.future) == bool(ev.get("future", False))
            family = FAMILIES.get(ev["type"])
            if family:
                s.events_typable += 1
                s.events_typed += any(e.family == family for e in (dated or found))
            if not dated:
                got = sorted({f"{e.time.date}/{e.time.precision}" for e in found})
                s.misses.append(f"{f} event date: expected {ev['date']} ({ev['anchor']}), got {got}")
        af = per_file.get(f)
        for q in entry["quotes"]:
            s.quotes_gold += 1
            key = squash(q["text"])
            said = [x for x in (af.quotes if af else [])
                    if (x.direct and key in squash(x.text)) or (len(squash(x.text)) >= 12 and squash(x.text) in key)]
            wanted = {name_key(n) for n in [q["speaker"], *q.get("speaker_aliases", [])]}
            s.quotes_found += bool(said)
            if any(_speaker_names(x.speaker) & wanted for x in said):
                s.quotes_named += 1
            else:
                got = [x.speaker.name if x.speaker else None for x in said] if said else "no quote"
                s.misses.append(f"{f} quote speaker: expected {q['speaker']!r}, got {got} [{q['text'][:40]}]")
        lang = entry["lang"]
        for fig in entry["figures"]:
            s.figures_gold[lang] += 1
            text = squash(fig["text"]).casefold()
            ok = any(abs(x.value - fig["value"]) <= 1e-6 * max(1.0, abs(fig["value"]))
                     and (squash(x.text).casefold() in text or text in squash(x.text).casefold())
                     for _, x in (af.figures if af else []))
            s.figures_found[lang] += ok
            if not ok:
                s.misses.append(f"{f} figure missing: {fig['text']!r}")
    _score_claims(s, gold, observed)
    return s


def _score_claims(s: Scores, gold: dict, observed: Observed) -> None:
    files_of = observed.sha_to_file()
    gold_claims = [c for c in gold.get("claims", []) if c["corroborated"]]
    lookalikes = [c for c in gold.get("claims", []) if not c["corroborated"]]

    def ids_of(unit, claims) -> set[str]:
        f = files_of.get(unit.article)
        return {c["id"] for c in claims
                if any(squash(a) in squash(unit.text) for a in anchors(c["sentences"].get(f, [])))}

    s.gold_claims = len(gold_claims)
    recovered: set[str] = set()
    for claim in observed.facts.claims:
        if not claim.corroborated:
            continue
        s.claims_called += 1
        seen: dict[str, set[str]] = {}  # gold claim id -> files whose sentence in this claim locates it
        for unit in claim.units:
            for cid in ids_of(unit, gold_claims):
                seen.setdefault(cid, set()).add(files_of.get(unit.article))
        right = {cid for cid, files in seen.items() if len(files) >= 2}
        if right:
            s.claims_right += 1
            recovered |= right
            continue
        looks = {}
        for unit in claim.units:
            for cid in ids_of(unit, lookalikes):
                looks.setdefault(cid, set()).add(files_of.get(unit.article))
        kind = "look-alike" if any(len(v) >= 2 for v in looks.values()) else "unlabelled"
        s.claims_lookalike += kind == "look-alike"
        units = "; ".join(f"{files_of.get(u.article, '?')}: {u.text[:70]!r}" for u in claim.units)
        s.misses.append(f"claim wrongly corroborated ({kind}): {units}")
    s.gold_claims_found = len(recovered)


def _cell(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:5.2f}"


def report(scores: list[Scores]) -> str:
    """The halves side by side, one line per measure, then the counts behind them."""
    rows = list(scores[0].summary())
    lines = ["measure                   " + "  ".join(f"{s.half:>5}" for s in scores)]
    for row in rows:
        lines.append(f"{row:<26}" + "  ".join(_cell(s.summary()[row]) for s in scores))
    for s in scores:
        lines.append(
            f"[{s.half}] clippings {s.clippings}; events {s.events_found}/{s.events_gold} found, {s.events_dated} "
            f"dated right; quotes {s.quotes_found}/{s.quotes_gold} found, {s.quotes_named} with full speaker; "
            f"figures id {s.figures_found['id']}/{s.figures_gold['id']} en {s.figures_found['en']}/"
            f"{s.figures_gold['en']}; claims corroborated {s.claims_called} ({s.claims_right} right, "
            f"{s.claims_lookalike} look-alikes), gold claims found {s.gold_claims_found}/{s.gold_claims}; "
            f"off-topic verdicts {s.off_topic_known}/{s.clippings}"
            + ("" if s.off_topic_known else " (the code has no off_topic field yet: scored 0)"))
    return "\n".join(lines)
