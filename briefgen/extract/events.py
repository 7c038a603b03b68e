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
from functools import lru_cache

from briefgen.extract.gazetteer import Entry, Mention
from briefgen.extract.timeexpr import PRECISIONS, TimeRef, time_text
from briefgen.model import BiText, Provenance

# type -> (Indonesian label, English label, family, pattern of the predicate); the nearest match to the date wins
EVENT_TYPES: dict[str, tuple[str, str, str, str]] = {
    "summit": ("Pertemuan puncak", "Summit", "meeting", r"pertemuan puncak|KTT|pertemuan tingkat tinggi|\bsummit\b"),
    "arrival": ("Kedatangan", "Arrival", "arrival",
                r"\btiba\b|mendarat di|kedatangan|\barriv(?:ed|es|e|al|ing)\b|touched down|landed in"),
    "talks": ("Pertemuan", "Talks", "meeting",
              r"pembicaraan|bertemu|pertemuan|membahas|berdiskusi|perundingan|\bjamuan\b|\bmenjamu\b|\bdigelar\b|"
              r"\bdiadakan\b|\bmenggelar\b|\bmengadakan\b|\btalks\b|\bmet\b|\bmeets?\b|\bmeeting\b|"
              r"\bdiscuss(?:ed|es|ing)?\b|\bnegotiat\w*|\bhost(?:ed|s|ing)\b|\bconvene[ds]?\b"),
    "visit": ("Kunjungan", "Visit", "meeting",
              r"kunjungan|mengunjungi|berkunjung|menyambangi|lawatan|\bvisit(?:ed|s|ing)?\b|\btrip to\b|\btour of\b"),
    "condemnation": ("Kecaman", "Condemnation", "statement", r"mengecam|kecaman|\bcondemn(?:ed|s|ing)?\b"),
    "denial": ("Bantahan", "Denial", "statement",
               r"membantah|bantahan|menyangkal|tidak ada bukti|\bden(?:ied|ies|y|ying)\b|\bno evidence\b"),
    "statement": ("Pernyataan", "Statement", "statement",
                  r"mengatakan|menyatakan|\b(?:kata|ujar|ucap|tutur|imbuh|tambah|ungkap|jelas|tegas)(?:nya)?\b|"
                  r"pernyataan|diungkapkan|mengumumkan|menegaskan|menyerukan|\bwarn(?:ed|s|ing|ings)?\b|"
                  r"\bsaid\b|\bsays\b|\btold\b|\bannounced\b|\bstated\b|\bwarned\b|\burged\b|\bcalled for\b"),
    "launch": ("Peluncuran", "Launch", "launch",
               r"peluncuran|meluncurkan|diluncurkan|menembakkan|uji coba|\blaunch(?:ed|es|ing)?\b|\bfired\b|"
               r"\btest-fired\b"),
    "landing": ("Pendaratan", "Landing", "landing", r"pendaratan"),
}
# one pass per sentence: all event words with their kind (the earlier kind wins at one position:
# "pertemuan puncak" is a summit before it is a meeting)
_ANY_TYPE = re.compile("|".join(f"(?P<{k}>{v[3]})" for k, v in EVENT_TYPES.items()), re.IGNORECASE)


@lru_cache(maxsize=4096)
def _event_words(sentence: str) -> tuple[tuple[str, int, int], ...]:
    return tuple((m.lastgroup or "", m.start(), m.end()) for m in _ANY_TYPE.finditer(sentence))
ACTOR_KINDS = ("person", "organisation", "country")
# What a sentence says of its event: it happened, it is planned or prepared, it is denied, it is a condition.
PLAN = re.compile(r"\b(akan|berencana|rencana(?:nya)?|direncanakan|dijadwalkan|bersiap|mempersiapkan|persiapan|"
                  r"menyiapkan|hendak|bakal|will|would|plans?|planned|planning|prepar(?:es?|ed|ing)|set to|"
                  r"expected to|scheduled|intends?|could|may|might|due to|ready to)\b", re.IGNORECASE)
CONDITIONAL = re.compile(r"\b(jika|apabila|bila|kalau|seandainya|if|unless)\b", re.IGNORECASE)
DENIED = re.compile(r"\b(membantah|menyangkal|tidak benar|denied|denies|deny|dismissed (?:reports|claims))\b",
                    re.IGNORECASE)
# a turn in the sentence: a denial before it does not govern what follows ("… denied …, despite the summit")
_CONTRAST = re.compile(r"\b(?:despite|although|though|meskipun|walaupun|but|namun|tetapi|padahal)\b|;", re.IGNORECASE)
# where a clause ends: a predicate's participants do not reach past it
_CLAUSE = re.compile(r"[,;:()]|\s(?:untuk|guna|demi|yang|bahwa|setelah|sebelum|ketika|saat|seiring|sementara|"
                     r"sedangkan|namun|meskipun|walaupun|amid|as|after|before|while|to discuss|that|which|who|"
                     r"where|but|and then|despite|although|though)\s",
                     re.IGNORECASE)


def predicate(sentence: str, ref: TimeRef, within: tuple[int, int] | None = None) -> tuple[str, int, int]:
    """The event word nearest to the time expression (kind, start, end); ('event', -1, -1) when none.

    ``within``: only words in that span count (a date inside a quote is dated by the quote's own verb).
    """
    best, best_distance, span = "event", 10**9, (-1, -1)
    centre = (ref.start + ref.end) // 2
    lo, hi = within or (0, len(sentence))
    for kind, start, end in _event_words(sentence):
        if start < lo or end > hi:
            continue
        middle = (start + end) // 2
        distance = centre - middle if middle < centre else 2 * (middle - centre)  # the verb comes first
        if distance < best_distance:
            best, best_distance, span = kind, distance, (start, end)
    return best, span[0], span[1]


def event_kind(sentence: str, ref: TimeRef) -> str:
    """The event word nearest to the time expression; 'event' when there is none."""
    return predicate(sentence, ref)[0]


def main_predicate(sentence: str) -> tuple[str, int, int]:
    """The sentence's first event word (kind, start, end); ('', -1, -1) when it has none."""
    words = _event_words(sentence)
    return words[0] if words else ("", -1, -1)


def mode_of(sentence: str, start: int) -> str:
    """'plan', 'conditional', 'denied' or 'fact' for the predicate at ``start``.

    Looked for in the words just before the predicate ("preparing to launch", "akan tiba", "jika
    Rusia membantu") and, for a denial, anywhere before it ("The Kremlin denied that … delivered").
    """
    if start < 0:
        return "fact"
    head = sentence[max(0, start - 45):start]
    clause = max((m.end() for m in _CONTRAST.finditer(sentence, 0, start)), default=0)
    if DENIED.search(sentence, clause, start + 12):  # "denied that … delivered", not "… denied, despite the summit"
        return "denied"
    if CONDITIONAL.search(sentence[max(0, start - 90):start]):
        return "conditional"
    if PLAN.search(head):
        return "plan"
    return "fact"


def participants(mentions: list[Mention], sentence: str, start: int, end: int) -> list[Entry]:
    """The predicate's participants by role: the agent (named in its clause before it), then the
    destination or counterpart (named in its clause after it). Entities elsewhere in the sentence
    ("… to discuss North Korea") are not participants. Without a predicate, every entity counts.
    """
    actors = [m for m in mentions if m.entry.kind in ACTOR_KINDS]
    if start < 0:
        return actors_of(actors)
    left = max((m.end() for m in _CLAUSE.finditer(sentence, 0, start)), default=0)
    after_pred = _CLAUSE.search(sentence, end + 1)
    right = after_pred.start() if after_pred else len(sentence)
    in_clause = [m for m in actors if left <= m.start and m.end <= start]
    before = [m for m in actors if m.end <= start]
    people = [m for m in in_clause if m.entry.kind == "person"] or [m for m in before if m.entry.kind == "person"]
    # the agent: people named before the predicate (in its clause, else in the sentence's subject);
    # failing that the organisation or country nearest before it
    people = list({m.entry.key: m for m in reversed(people)}.values())[::-1]  # each person once, first mention
    agents = people[:3] or in_clause[-1:] or before[-1:]
    objects = [m for m in actors if end <= m.start and m.end <= right][:2]
    ordered = agents + objects
    seen: dict[str, Entry] = {}
    for m in ordered:
        seen.setdefault(m.entry.key, m.entry)
    return list(seen.values())


@dataclass(eq=False)  # identity: merging indexes events by object
class Event:
    """One dated happening; ``sources`` are (article sha, paragraph, sentence) with the sentence text."""

    kind: str
    time: TimeRef
    actors: list[Entry]
    sentences: list[tuple[Provenance, str]] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)  # sha256, in order of first report
    future: bool = False
    mode: str = "fact"  # fact | plan | conditional | denied: only facts enter the timeline as past events

    @property
    def family(self) -> str:
        return EVENT_TYPES[self.kind][2] if self.kind in EVENT_TYPES else self.kind

    @property
    def key(self) -> str:
        text = f"{self.family}|{self.time.date.isoformat()}|{self.time.precision}|" + ",".join(
            sorted(a.key for a in self.actors[:3])) + ("" if self.mode == "fact" else f"|{self.mode}")
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
                "actors": [a.key for a in self.actors], "future": self.future, "mode": self.mode,
                "provenance": [{"article": p.article, "paragraph": p.paragraph, "sentence": p.sentence, "text": t}
                               for p, t in self.sentences]}


def actors_of(mentions: list[Mention]) -> list[Entry]:
    """Entities of a sentence, people first, each once."""
    seen: dict[str, Entry] = {}
    for kind in ACTOR_KINDS:
        for m in mentions:
            if m.entry.kind == kind:
                seen.setdefault(m.entry.key, m.entry)
    return list(seen.values())


def _same(a: Event, b: Event) -> bool:
    """One happening reported twice: same family and mode, compatible dates, and the same agent.

    The agent is the first participant (a person when one is named): Kim's trip and Blinken's
    trip in the same week share countries, not an agent, and stay two events. Events without
    participants never merge: nothing says they are the same.
    """
    if a.family != b.family or a.mode != b.mode or not a.time.compatible(b.time):
        return False
    if a.time.precision == b.time.precision == "day" and a.time.date != b.time.date:
        return False  # a range ("8-9 November") holds both days but is not each day's event
    if not a.actors or not b.actors:
        return False
    people_a = {x.key for x in a.actors if x.kind == "person"}
    people_b = {x.key for x in b.actors if x.kind == "person"}
    if people_a and people_b:
        return bool(people_a & people_b)
    return a.actors[0].key == b.actors[0].key


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
    # on one day, what happened comes before the undated statements about it
    merged.sort(key=lambda e: (e.time.date, PRECISIONS.index(e.time.precision), e.time.how == "said", e.key))
    return merged
