"""Run every extractor over the selected articles: the facts a briefing is assembled from.

One pass over the sentences feeds the entity finder, the time resolver, figures, quotes and the
claim units; events and claims are then merged across articles. Everything keeps its provenance.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from briefgen.extract.claims import Claim, Unit, build_claims, merge_across, tokens_of
from briefgen.extract.crosslang import Pair, Sentence, default_lexicon, match_sentences, sentence_features
from briefgen.extract.events import (
    EVENT_TYPES,
    PLAN,
    Event,
    main_predicate,
    merge_events,
    mode_of,
    participants,
    predicate,
)
from briefgen.extract.figures import Figure, find_figures
from briefgen.extract.gazetteer import Entry, Gazetteer, load_gazetteer
from briefgen.extract.quotes import Quote, SpeakerTracker, quotes_in
from briefgen.extract.sentences import split_sentences
from briefgen.extract.timeexpr import FUTURE_MARKERS, TimeRef, find_times
from briefgen.model import Article, Provenance

_CANDIDATE = re.compile(r"\b[A-Z][a-z]+(?:[ -](?:[A-Z]\.|[A-Z][a-z]+)){1,3}\b")
_NOT_NAMES = frozenset("Para Menteri Presiden Kunjungan Pemimpin Hal Sementara Selain Dewan Badan Militer Kementerian "
                       "Kami Ini Itu Diplomat Seoul Washington Implikasi Demonstrasi Hari Industri Rudal Tetap Bulan "
                       "Senjata Sebelumnya Selama Diktator".split())


@dataclass
class ArticleFacts:
    article: Article
    quotes: list[Quote] = field(default_factory=list)
    figures: list[tuple[Provenance, Figure]] = field(default_factory=list)
    mentions: Counter = field(default_factory=Counter)  # entry key -> count
    candidates: Counter = field(default_factory=Counter)  # name-like strings not in the gazetteer


@dataclass
class Facts:
    gazetteer: Gazetteer
    articles: list[ArticleFacts]
    events: list[Event]
    claims: list[Claim]  # within one language; :meth:`claims_across` joins them across languages
    source_of: dict[str, str]
    pairs: list[Pair] = field(default_factory=list)  # Indonesian–English sentences of the same fact

    def claims_across(self, rejected: frozenset[str] = frozenset()) -> list[Claim]:
        """Claims with their other-language confirmations joined in (pairs the user rejected left out)."""
        if not self.pairs:
            return self.claims
        return merge_across(self.claims, [p for p in self.pairs if p.key not in rejected], self.source_of)

    def entity_counts(self) -> Counter:
        total: Counter = Counter()
        for af in self.articles:
            total.update({k: 1 for k in af.mentions})  # articles mentioning it
        return total

    def entities(self) -> list[tuple[Entry, list[str]]]:
        """Gazetteer entries named in the articles, most widely named first, with their articles."""
        out = []
        for key, _ in sorted(self.entity_counts().items(), key=lambda kv: (-kv[1], kv[0])):
            entry = self.gazetteer.get(key)
            if entry is not None and entry.kind != "term":
                out.append((entry, [af.article.sha256 for af in self.articles if key in af.mentions]))
        return out


def source_identity(article: Article) -> str:
    """Wire copies of one story count once: the wire credit, else the outlet, else the article."""
    if article.wire:
        return f"wire:{article.wire[0].strip().lower()}"
    return f"outlet:{article.outlet}" if article.outlet else f"article:{article.sha256[:12]}"


_QUOTED = re.compile(r"[“\"]([^“”\"]{2,}?)[”\"]")


def quoted_spans(sentence: str) -> list[tuple[int, int]]:
    """Spans of direct quotes (five words or more): a date said inside one dates what is quoted, not the event."""
    return [(m.start(), m.end()) for m in _QUOTED.finditer(sentence) if len(m.group(1).split()) >= 5]


def sentence_events(article: Article, prov: Provenance, sentence: str, times: list[TimeRef], mentions: list,
                    speakers: list[Entry]) -> list[Event]:
    """The dated events of one sentence: one per time expression outside quotes, typed by its predicate."""
    out = []
    quoted = quoted_spans(sentence)
    for ref in times:
        if ref.precision == "year" and ref.how == "relative":
            continue  # "tahun ini", "tahun lalu": too vague for a timeline
        if any(t is not ref and t.date == ref.date and t.precision == ref.precision and t.how == "absolute"
               for t in times):
            continue  # "hari ini, Kamis (9/11/2023)": the calendar date speaks for both
        inside = next(((s, e) for s, e in quoted if s <= ref.start and ref.end <= e), None)
        kind, start, end = predicate(sentence, ref, inside)
        if inside is not None and EVENT_TYPES.get(kind, ("", "", ""))[2] == "statement":
            kind, start, end = "event", -1, -1  # a date the quoted words name dates what they describe,
            # never the statement that quotes them
        mode = mode_of(sentence, start)
        if mode == "denied":
            kind = "denial"  # a denial is a statement made that day, never the thing denied
        future = (ref.date > article.published if article.published
                  else bool(FUTURE_MARKERS.search(sentence))) or mode in ("plan", "conditional")
        who = participants(mentions, sentence, start, end)
        if EVENT_TYPES.get(kind, ("", "", ""))[2] == "statement" and speakers:  # the speaker heads it
            who = [speakers[0]] + [a for a in who if a.key != speakers[0].key]
        out.append(Event(kind, ref, who, [(prov, sentence)], [article.sha256], future, mode))
    return out


def _speaker_entry(speaker) -> Entry | None:
    """The gazetteer entry of a speaker, or a stand-in for a person the text names in full."""
    if speaker is None:
        return None
    if speaker.entry is not None:
        return speaker.entry
    if len(speaker.name.split()) >= 2 and speaker.name[0].isupper():
        return Entry(f"candidate:{speaker.name}", "person", {"id": speaker.name, "en": speaker.name})
    return None


def statement_events(article: Article, prov: Provenance, sentence: str, said: list[Quote],
                     times: list[TimeRef], quoted: list[tuple[int, int]], anchor: TimeRef | None) -> list[Event]:
    """A statement is an event of the day it was made. With no day named outside the quoted words it
    was made on the day the article last named (the news day: "… di Camp David pada hari Jumat." then
    "…,” ujar Biden"), else on the publication date; the same speaker's statements of one day merge."""
    if article.published is None or any(not any(s <= t.start and t.end <= e for s, e in quoted) for t in times):
        return []
    day = anchor.date if anchor is not None and anchor.date <= article.published else article.published
    out = []
    for quote in said:
        entry = _speaker_entry(quote.speaker)
        if entry is None:
            continue
        ref = TimeRef(0, 0, "", day, "day", "said")
        out.append(Event("statement", ref, [entry], [(prov, sentence)], [article.sha256], False))
        break
    return out


def extract_article(article: Article, gazetteer: Gazetteer, units: list[Unit], events: list[Event]) -> ArticleFacts:
    facts = ArticleFacts(article)
    tracker = SpeakerTracker(gazetteer)
    tracker.day = article.published
    anchor: TimeRef | None = None  # the last day the article named: "sehari sebelumnya" counts from it
    first_event = len(events)
    for p, paragraph in enumerate(article.paragraphs):
        tracker.paragraph(p)
        for s, sentence in enumerate(split_sentences(paragraph)):
            prov = Provenance(article.sha256, p, s)
            mentions = gazetteer.find(sentence)
            facts.mentions.update(m.entry.key for m in mentions if m.entry.kind != "term")
            # a title names the country too: "Presiden Rusia" mentions Russia as well as Putin
            facts.mentions.update(m.entry.affiliation for m in mentions if m.role is not None and m.entry.affiliation)
            covered = [(m.start, m.end) for m in mentions]
            for m in _CANDIDATE.finditer(sentence):
                if m.group(0).split()[0] not in _NOT_NAMES and not any(a < m.end() and m.start() < b
                                                                         for a, b in covered):
                    facts.candidates[m.group(0)] += 1
            before = anchor
            times = find_times(sentence, article.published, anchor)
            days = [t for t in times if t.precision == "day"]
            anchor = days[-1] if days else anchor
            figures = find_figures(sentence, gazetteer, [(t.start, t.end) for t in times], article.lang)
            facts.figures += [(prov, f) for f in figures]
            said = quotes_in(sentence, p, s, tracker, mentions)
            speakers = [q.speaker.entry for q in said if q.speaker and q.speaker.entry]
            if len(sentence.split()) >= 6:
                kind, start, _ = main_predicate(sentence)
                people = {m.entry.key for m in mentions if m.entry.kind == "person"} | {e.key for e in speakers}
                units.append(Unit(article.sha256, prov, sentence, tokens_of(sentence, gazetteer, mentions)
                                  | {f"#{f.value:g}:{f.unit}" for f in figures}, figures, times, article.lang,
                                  frozenset(people), EVENT_TYPES[kind][2] if kind else "",
                                  mode_of(sentence, start) if start >= 0 else
                                  ("plan" if PLAN.search(sentence) else "fact")))
            when = _said_on(sentence, times, quoted_spans(sentence)) or article.published
            said = [replace(q, when=when) for q in said]
            facts.quotes += said
            events += sentence_events(article, prov, sentence, times, mentions, speakers)
            events += statement_events(article, prov, sentence, said, times, quoted_spans(sentence), before)
    events[first_event:] = _without_redundant_statements(events[first_event:])
    return facts


def _without_redundant_statements(mine: list[Event]) -> list[Event]:
    """An undated statement is left out when the article already has an event that day with its speaker
    in it (Lavrov's words on the day of his arrival belong to that day's event)."""
    dated = [e for e in mine if e.time.how != "said"]
    return [e for e in mine if e.time.how != "said" or not any(
        d.time.date == e.time.date and e.actors[0].key in {a.key for a in d.actors} for d in dated)]


def _said_on(sentence: str, times: list[TimeRef], quoted: list[tuple[int, int]]) -> dt.date | None:
    """When a statement was made: a day named outside the quoted words ("kata Blinken, Rabu (8/11)")."""
    outside = [t for t in times if t.precision == "day" and not any(s <= t.start and t.end <= e for s, e in quoted)]
    return outside[0].date if outside else None


@dataclass(frozen=True)
class _OneArticle:
    """What one article yields on its own, before anything is merged across the selection."""

    facts: ArticleFacts
    units: tuple[Unit, ...]
    events: tuple[Event, ...]
    _sentences: list[tuple[Sentence, ...]] = field(default_factory=list)  # filled once, on first need

    def sentences(self, gazetteer: Gazetteer) -> tuple[Sentence, ...]:
        """The units as cross-language sentences: made once per article, only for a two-language selection."""
        if not self._sentences:
            article = self.facts.article
            lexicon = default_lexicon()
            self._sentences.append(tuple(
                Sentence(u.article, u.provenance, u.text, article.lang,
                         *sentence_features(u.text, article.lang, gazetteer, lexicon, u.times), article.published)
                for u in self.units) if article.lang in ("id", "en") else ())
        return self._sentences[0]


def _one_article(article: Article, gazetteer: Gazetteer) -> _OneArticle:
    units: list[Unit] = []
    events: list[Event] = []
    facts = extract_article(article, gazetteer, units, events)
    return _OneArticle(facts, tuple(units), tuple(events))


def _fresh(event: Event) -> Event:
    """A copy :func:`merge_events` may change (it extends the lists of the events it keeps)."""
    return replace(event, actors=list(event.actors), sentences=list(event.sentences), articles=list(event.articles))


class FactsCache:
    """Facts per article for the current selection, so a rebuild extracts only what is new.

    Why: the window rebuilds on every option, memo field, point choice and tick; facts depend only on
    the articles and the gazetteer. Per article, ticking or unticking one of 500 clippings extracts at
    most that one again; only the merges across the selection (events, claims) run anew. Entries of
    articles no longer selected are dropped on each call (re-ticking one extracts it again), so the
    cache holds one selection. The key is the article (a frozen value, restored lines included) and
    the gazetteer object, which :func:`load_gazetteer` replaces when a gazetteer file changes.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()  # the window's workers may rebuild at the same time
        self._per: dict[Article, _OneArticle] = {}
        self._gazetteer: Gazetteer | None = None
        self._last: tuple[tuple[Article, ...], Facts] | None = None

    def facts(self, articles: Sequence[Article], gazetteer: Gazetteer) -> Facts:
        with self._lock:
            return self._facts(tuple(articles), gazetteer)

    def _facts(self, articles: tuple[Article, ...], gazetteer: Gazetteer) -> Facts:
        if gazetteer is not self._gazetteer:
            self._per, self._gazetteer, self._last = {}, gazetteer, None
        if self._last is not None and self._last[0] == articles:
            return self._last[1]  # an option or a memo field changed, not the selection
        per = {a: self._per.get(a) or _one_article(a, gazetteer) for a in dict.fromkeys(articles)}
        self._per = per
        facts = _merge(articles, [per[a] for a in articles], gazetteer)
        self._last = (articles, facts)
        return facts


def _merge(articles: Sequence[Article], parts: Sequence[_OneArticle], gazetteer: Gazetteer) -> Facts:
    units = [u for part in parts for u in part.units]
    events = [_fresh(e) for part in parts for e in part.events]
    source_of = {a.sha256: source_identity(a) for a in articles}
    return Facts(gazetteer, [part.facts for part in parts], merge_events(events), build_claims(units, source_of),
                 source_of, _pairs(parts, gazetteer))


def extract_facts(articles: Sequence[Article], gazetteer: Gazetteer | None = None) -> Facts:
    """All facts of the selected articles (duplicates already left out by the caller).

    Without a ``gazetteer`` the packaged one extended by the user's ``gazetteer.yaml`` is read.
    """
    gazetteer = gazetteer or load_gazetteer()
    return _merge(articles, [_one_article(a, gazetteer) for a in articles], gazetteer)


def _pairs(parts: Sequence[_OneArticle], gazetteer: Gazetteer) -> list[Pair]:
    """Indonesian and English sentences of the selection that report the same fact (none for one language)."""
    with_units = [part for part in parts if part.units]
    if len({part.facts.article.lang for part in with_units}) < 2:
        return []
    sides: dict[str, list[Sentence]] = {"id": [], "en": []}
    for part in with_units:
        if part.facts.article.lang in sides:
            sides[part.facts.article.lang] += part.sentences(gazetteer)
    return match_sentences(sides["id"], sides["en"])


_CACHE = FactsCache()


def remembered_facts(articles: Sequence[Article], gazetteer: Gazetteer | None = None) -> Facts:
    """:func:`extract_facts` through the process's :class:`FactsCache`; treat the result as read-only."""
    return _CACHE.facts(articles, gazetteer or load_gazetteer())


def newest(articles: Sequence[Article]) -> dt.date | None:
    dates = [a.published for a in articles if a.published]
    return max(dates) if dates else None
