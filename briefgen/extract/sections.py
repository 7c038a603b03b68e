"""Turn extracted facts into briefing section items (the contract the renderers read).

List sections hold ``Item(text=...)``; table sections hold ``Item(cells=..., text=<one-line summary>)``
with one cell per column. Structured facts (dates, names, roles, figures, headings, matrix marks)
are ``generated`` in both languages; sentences from the clippings keep status ``source`` and are
``missing`` in the other language until the translation layer fills them. Every item has a stable
``key`` so the user can drop or reorder it across rebuilds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable

from briefgen.extract.claims import Claim
from briefgen.extract.event_prose import event_item
from briefgen.extract.facts import Facts
from briefgen.extract.figures import figure_text
from briefgen.extract.keypoints import rank_claims
from briefgen.extract.quotes import Quote
from briefgen.i18n import date_text, format_date, label
from briefgen.model import Article, BiText, Item, Provenance

Cite = Callable[[str], int]  # article sha256 -> source number
TICK, DASH = "✓", "–"
SMALL_COUNTS = frozenset("kali hari pekan minggu bulan tahun jam menit detik times day days week weeks month months "
                         "year years hour hours minute minutes".split())


def _hash(*parts: object) -> str:
    return hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:12]


def _join(*texts: BiText, sep: str = " — ") -> BiText:
    """Generated texts joined; a source text anywhere makes the join a source text."""
    if all(t.id_status.value == "generated" and t.en_status.value == "generated" for t in texts):
        return BiText.generated(sep.join(t.id for t in texts), sep.join(t.en for t in texts))
    return next(t for t in texts if t.source_lang)


def _cites(cite: Cite, shas: list[str]) -> tuple[int, ...]:
    return tuple(sorted({cite(s) for s in shas}))


def _distinct(items, points: list[str]) -> tuple[Item, ...]:
    """One item per text, none repeating a point's sentence: two events read from one sentence are
    that sentence once, so it is one segment to translate and one line in the briefing."""
    seen = [" ".join(p.lower().split()) for p in points]
    out = []
    for item in items:
        key = " ".join(item.text.text(item.text.source_lang or "id").lower().split())
        if key and any(key == s or (len(key) > 40 and (key in s or s in key)) for s in seen):
            continue
        seen.append(key)
        out.append(item)
    return tuple(out)


def _sentence(text: str, article: Article | None) -> BiText:
    return BiText.source(text, article.lang if article else "id")


class SectionBuilder:
    """Builds each section's items from one :class:`Facts`; ``cite`` numbers the sources."""

    def __init__(self, facts: Facts, articles: list[Article], cite: Cite, max_points: int = 8,
                 rejected: frozenset[str] = frozenset()) -> None:
        self.facts, self.cite, self.max_points = facts, cite, max_points
        self.rejected = rejected  # cross-language pairings the user rejected
        self.by_sha = {a.sha256: a for a in articles}
        self.published = {a.sha256: a.published for a in articles}
        dates = [d for d in self.published.values() if d]
        self.newest: dt.date | None = max(dates) if dates else None
        self._ranked: list[Claim] | None = None

    # --- points -----------------------------------------------------------------------------
    def ranked(self) -> list[Claim]:
        if self._ranked is None:
            self._ranked = [c for _, c in rank_claims(self.facts.claims_across(self.rejected), self.published)]
        return self._ranked

    def _claim_item(self, claim: Claim) -> Item:
        unit = claim.representative
        return Item(text=_sentence(unit.text, self.by_sha.get(unit.article)),
                    provenance=tuple(u.provenance for u in claim.units),
                    cites=_cites(self.cite, claim.articles), key=claim.key, support=len(claim.sources))

    def points(self, limit: int) -> tuple[Item, ...]:
        return tuple(self._claim_item(c) for c in self.ranked()[:limit])

    # --- events -----------------------------------------------------------------------------
    def _event_item(self, event) -> Item:
        summary = _join(event.date_text(), event.heading())
        return Item(text=summary, provenance=tuple(p for p, _ in event.sentences),
                    cites=_cites(self.cite, event.articles), key=event.key)

    def _past(self):
        return [e for e in self.facts.events if not self._is_future(e)]

    def _is_future(self, event) -> bool:
        return self.newest is not None and event.time.date > self.newest

    def timeline(self) -> tuple[Item, ...]:
        items = []
        for event in self._past():
            prov, sentence = event.sentences[0]
            item = self._event_item(event)
            cells = (event.date_text(), event.heading(), _sentence(sentence, self.by_sha.get(prov.article)))
            items.append(Item(text=item.text, provenance=item.provenance, cites=item.cites, cells=cells, key=item.key))
        return tuple(items)

    def background(self) -> tuple[Item, ...]:
        """Events more than a week older than the newest article: the context of the story."""
        if self.newest is None:
            return ()
        cutoff = self.newest - dt.timedelta(days=7)
        return _distinct((event_item(e, False, self.by_sha, self.cite) for e in self._past()
                          if e.time.last_day < cutoff), self._point_texts())

    def outlook(self) -> tuple[Item, ...]:
        return _distinct((event_item(e, True, self.by_sha, self.cite) for e in self.facts.events
                          if self._is_future(e)), self._point_texts())

    def _point_texts(self) -> list[str]:
        """The sentences the points may carry: an event item repeating one is left out here, where the
        work-list sees it, not later in the prose pass (which would count a segment nobody sees)."""
        return [c.representative.text for c in self.ranked()[:self.max_points + 8]]

    # --- actors, statements, figures --------------------------------------------------------
    def actors(self) -> tuple[Item, ...]:
        gaz = self.facts.gazetteer
        items = []
        media = {w.lower() for a in self.by_sha.values() for w in (*a.wire, a.outlet or "")}
        for entry, shas in self.facts.entities():
            if entry.kind not in ("person", "organisation") or entry.name["en"].lower() in media:
                continue
            role = gaz.role_of(entry)
            affiliation = gaz.affiliation_of(entry)
            cells = (entry.bitext, role.bitext if role else BiText.generated("–", "–"),
                     affiliation.bitext if affiliation else BiText.generated("–", "–"))
            text = _join(entry.bitext, role.bitext, sep=", ") if role else entry.bitext
            items.append(Item(text=text, cites=_cites(self.cite, shas), cells=cells, key=f"actor-{entry.key}"))
        return tuple(items)

    def _speaker_text(self, quote: Quote) -> BiText:
        speaker = quote.speaker
        if speaker is None:
            return BiText.generated("(tidak diketahui)", "(unknown)")
        if speaker.entry is not None and speaker.entry.kind == "person":
            role = self.facts.gazetteer.role_of(speaker.entry)
            return _join(speaker.entry.bitext, role.bitext, sep=", ") if role else speaker.entry.bitext
        if speaker.entry is not None and speaker.name == speaker.entry.name["id"]:
            return speaker.entry.bitext
        return BiText.source(speaker.name, "id")

    def statements(self, limit: int = 32) -> tuple[Item, ...]:
        items, seen = [], set()
        for af in self.facts.articles:
            article = af.article
            for quote in af.quotes:
                if quote.speaker is None or quote.text in seen or quote.phrase:
                    continue  # a quoted phrase is shown within its sentence's statement, not on its own
                seen.add(quote.text)
                shown = f"“{quote.text}”" if quote.direct else quote.text
                day = quote.when or article.published  # dated when said ("kata X, Rabu (8/11)")
                when = date_text(day, "medium") if day else label("Date unknown")
                speaker = self._speaker_text(quote)
                statement = _sentence(shown, article)
                items.append(Item(text=statement, provenance=(Provenance(article.sha256, quote.paragraph,
                                                                         quote.sentence),),
                                  cites=_cites(self.cite, [article.sha256]), cells=(speaker, statement, when),
                                  key="quote-" + _hash(quote.text)))
        # direct quotes first, then statements by someone the gazetteer knows (the Kremlin's denial)
        items.sort(key=lambda i: (0 if i.text.id.startswith("“") else 1 if i.cells[0].en else 2))
        return tuple(items[:limit])

    def figures(self) -> tuple[Item, ...]:
        items, seen = [], set()
        for af in self.facts.articles:
            for prov, figure in af.figures:
                if (figure.unit in ("times", "days") or figure.unit_text.lower() in SMALL_COUNTS) \
                        and not figure.currency:
                    continue  # "dua kali", "dua hari", "two-day": counts too small to be key figures
                if figure.unit is None and not (figure.currency or figure.scale or figure.percent):
                    continue  # a count of a noun the gazetteer does not know ("11 climbers"): in the facts,
                    # not a key figure, which must read in both languages
                text = figure_text(figure, self.facts.gazetteer, af.article.lang)
                dedupe = (figure.value, figure.unit, figure.currency)
                if dedupe in seen:
                    continue
                seen.add(dedupe)
                context = af.article.paragraphs[prov.paragraph]
                items.append(Item(text=text, provenance=(prov,), cites=_cites(self.cite, [prov.article]),
                                  cells=(text, _sentence(context, af.article)),
                                  key="figure-" + _hash(figure.value, figure.unit, figure.currency)))
        return tuple(items)

    # --- across sources ---------------------------------------------------------------------
    def _source_label(self, source: str) -> BiText:
        kind, _, name = source.partition(":")
        if kind == "wire":
            shown = next((w for a in self.by_sha.values() for w in a.wire if w.lower() == name), name)
            return BiText.generated(shown, shown)
        if kind == "outlet":
            return BiText.generated(name, name)
        sha = next(s for s in self.by_sha if s.startswith(name))
        return label("Source [{n}]", n=self.cite(sha))

    def source_columns(self) -> list[str]:
        return list(dict.fromkeys(self.facts.source_of[a] for a in self.by_sha))

    def corroboration(self, limit: int = 12) -> tuple[tuple[BiText, ...], tuple[Item, ...]]:
        sources = self.source_columns()
        columns = (label("Claim"), *(self._source_label(s) for s in sources), label("Sources"))
        items = []
        for claim in [c for c in self.ranked() if len(c.articles) > 1][:limit] or self.ranked()[:limit]:
            marks = tuple(BiText.generated(TICK, TICK) if s in claim.sources else BiText.generated(DASH, DASH)
                          for s in sources)
            count = str(len(claim.sources))
            base = self._claim_item(claim)
            items.append(Item(text=base.text, provenance=base.provenance, cites=base.cites,
                              cells=(base.text, *marks, BiText.generated(count, count)), key=base.key))
        return columns, tuple(items)

    def discrepancies(self) -> tuple[Item, ...]:
        items = []
        for claim in self.ranked():
            if not claim.discrepancy:
                continue
            kind, _, values = claim.discrepancy.partition(": ")
            parts = values.split(" / ")
            if kind.startswith("dates"):
                shown_id = " / ".join(format_date(dt.date.fromisoformat(v), "id", "medium") for v in parts)
                shown_en = " / ".join(format_date(dt.date.fromisoformat(v), "en", "medium") for v in parts)
                diff = BiText.generated(f"tanggal berbeda: {shown_id}", f"dates differ: {shown_en}")
            else:
                diff = BiText.generated(f"angka berbeda: {values}", f"figures differ: {values}")
            base = self._claim_item(claim)
            items.append(Item(text=diff, provenance=base.provenance, cites=base.cites, cells=(base.text, diff),
                              key=base.key))
        return tuple(items)
