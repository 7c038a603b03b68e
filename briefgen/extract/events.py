"""Dated events and their de-duplication across articles.

Each time expression of a sentence becomes an event, typed by the nearest event word (tiba, kunjungan,
pertemuan puncak, mengecam, ...) and headed by its actors from the gazetteer, so its heading exists in
both languages without translation. Several articles reporting one event (same family of type,
overlapping actors, compatible dates) make one event with several sources.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from briefgen.extract.gazetteer import Entry, Mention
from briefgen.extract.timeexpr import PRECISIONS, TimeRef, time_text
from briefgen.model import BiText, Provenance

# type -> (Indonesian label, English label, family, pattern); the nearest match to the date wins
EVENT_TYPES: dict[str, tuple[str, str, str, str]] = {
    "summit": ("Pertemuan puncak", "Summit", "meeting", r"pertemuan puncak|KTT|pertemuan tingkat tinggi"),
    "arrival": ("Kedatangan", "Arrival", "arrival", r"\btiba\b|mendarat di|kedatangan"),
    "talks": ("Pertemuan", "Talks", "meeting", r"pembicaraan|bertemu|pertemuan|membahas|berdiskusi|perundingan"),
    "visit": ("Kunjungan", "Visit", "meeting", r"kunjungan|mengunjungi|berkunjung|menyambangi|lawatan"),
    "condemnation": ("Kecaman", "Condemnation", "statement", r"mengecam|kecaman"),
    "denial": ("Bantahan", "Denial", "statement", r"membantah|bantahan|tidak ada bukti"),
    "statement": ("Pernyataan", "Statement", "statement",
                  r"mengatakan|menyatakan|\bkata\b|pernyataan|diungkapkan|mengumumkan|menegaskan|menyerukan"),
    "launch": ("Peluncuran", "Launch", "launch", r"peluncuran|meluncurkan|uji coba"),
    "landing": ("Pendaratan", "Landing", "landing", r"pendaratan"),
}
_TYPE_RES = {k: re.compile(v[3], re.IGNORECASE) for k, v in EVENT_TYPES.items()}
ACTOR_KINDS = ("person", "organisation", "country")


@dataclass(eq=False)  # identity: merging indexes events by object
class Event:
    """One dated happening; ``sources`` are (article sha, paragraph, sentence) with the sentence text."""

    kind: str
    time: TimeRef
    actors: list[Entry]
    sentences: list[tuple[Provenance, str]] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)  # sha256, in order of first report
    future: bool = False

    @property
    def family(self) -> str:
        return EVENT_TYPES[self.kind][2] if self.kind in EVENT_TYPES else self.kind

    @property
    def key(self) -> str:
        text = f"{self.family}|{self.time.date.isoformat()}|{self.time.precision}|" + ",".join(
            sorted(a.key for a in self.actors[:3]))
        return "event-" + hashlib.sha1(text.encode()).hexdigest()[:12]

    def heading(self) -> BiText:
        """'Kedatangan: Antony Blinken, Korea Selatan' / 'Arrival: Antony Blinken, South Korea'."""
        label_id, label_en = (EVENT_TYPES[self.kind][:2] if self.kind in EVENT_TYPES else ("Peristiwa", "Event"))
        names = self.actors[:3]
        if not names:
            return BiText.generated(label_id, label_en)
        return BiText.generated(f"{label_id}: " + ", ".join(a.name["id"] for a in names),
                                f"{label_en}: " + ", ".join(a.name["en"] for a in names))

    def date_text(self) -> BiText:
        return time_text(self.time)

    def as_dict(self) -> dict:
        return {"key": self.key, "kind": self.kind, "time": self.time.as_dict(),
                "heading": {"id": self.heading().id, "en": self.heading().en},
                "actors": [a.key for a in self.actors], "future": self.future,
                "provenance": [{"article": p.article, "paragraph": p.paragraph, "sentence": p.sentence, "text": t}
                               for p, t in self.sentences]}


def event_kind(sentence: str, ref: TimeRef) -> str:
    """The event word nearest to the time expression; 'event' when there is none."""
    best, best_distance = "event", 10**9
    centre = (ref.start + ref.end) // 2
    for kind, pattern in _TYPE_RES.items():
        for m in pattern.finditer(sentence):
            middle = (m.start() + m.end()) // 2
            distance = centre - middle if middle < centre else 2 * (middle - centre)  # the verb comes first
            if distance < best_distance:
                best, best_distance = kind, distance
    return best


def actors_of(mentions: list[Mention]) -> list[Entry]:
    """Entities of a sentence, people first, each once."""
    seen: dict[str, Entry] = {}
    for kind in ACTOR_KINDS:
        for m in mentions:
            if m.entry.kind == kind:
                seen.setdefault(m.entry.key, m.entry)
    return list(seen.values())


def _same(a: Event, b: Event) -> bool:
    if a.family != b.family or not a.time.compatible(b.time):
        return False
    keys_a, keys_b = {x.key for x in a.actors}, {x.key for x in b.actors}
    shared = keys_a & keys_b
    people = {x.key for x in a.actors if x.kind == "person"} & keys_b
    return bool(people) or len(shared) >= 2 or (not keys_a and not keys_b)


def _months(ref: TimeRef) -> list[tuple[int, int]]:
    """The calendar months a span touches: compatible spans always share one."""
    if ref.precision == "year":
        return [(ref.date.year, m) for m in range(1, 13)]
    first, last = ref.date, ref.last_day
    return list(dict.fromkeys([(first.year, first.month), (last.year, last.month)]))


def merge_events(events: list[Event]) -> list[Event]:
    """One event per happening, compared only with events of the same family, month and actor.

    The index keeps the work near-linear however many clippings are selected (no all-pairs). The
    most precise date wins; the actors and sources are the union, in order of first report.
    """
    index: dict[tuple[str, tuple[int, int], str | None], dict[Event, None]] = {}
    merged: list[Event] = []
    for event in sorted(events, key=lambda e: (PRECISIONS.index(e.time.precision), e.time.date, e.key)):
        keys = [(event.family, month, actor) for month in _months(event.time)
                for actor in ([a.key for a in event.actors] or [None])]
        candidates = dict.fromkeys(m for k in keys for m in index.get(k, ()))
        target = next((m for m in candidates if _same(m, event)), None)
        for k in keys:
            index.setdefault(k, {})[target or event] = None
        if target is None:
            merged.append(event)
            continue
        for actor in event.actors:
            if actor.key not in {a.key for a in target.actors}:
                target.actors.append(actor)
        target.sentences += event.sentences
        target.articles += event.articles  # duplicates dropped once, below: a scan here is quadratic
        target.future = target.future and event.future
        if target.time.part is None and event.time.part and target.time.date == event.time.date:
            target.time = event.time
        if event.kind == "summit":  # the most specific word any report used
            target.kind = event.kind
    for event in merged:
        event.articles = list(dict.fromkeys(event.articles))
    merged.sort(key=lambda e: (e.time.date, PRECISIONS.index(e.time.precision), e.key))
    return merged
