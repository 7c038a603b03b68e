"""Fill the missing language of a briefing, sentence by sentence, and say how each sentence was filled.

For each sentence of a text whose other language is missing, in order: a person's translation in
the memory (``reviewed``); for the bundled sample clippings only, the translation supplied with
briefgen (``sample``); the glossary when the sentence is a term (``generated``); a close memory
match (``fuzzy``, a suggestion); another-language clipping's own sentence reporting the same fact
(``matched``, shown "from source [n]" and cited; see :mod:`briefgen.extract.crosslang`); the installed
pack (``machine``, cached in the memory for the next rebuild); otherwise the text stays ``missing``.
A text takes the weakest status of its sentences,
and if any sentence is missing the whole text stays missing: a half-translated point would read as
complete. Texts with status ``source``, ``generated`` or ``reviewed`` are never touched.

Before the pack sees a sentence, glossary terms become placeholders; their fixed translations are
put back afterwards. If the model drops a placeholder, the text between the terms is translated
piece by piece and joined around the terms, so a name is never lost; the segment is flagged. Real
models often mangle placeholders ("XT1X" → "XT 1X", "XTIX"); install probes each pack (``placeholders_ok``)
and, for one that mangles them, the term's fixed translation is put into the sentence instead and any
term that does not survive the model is flagged ("Glossary term missing").
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from briefgen.errors import Cancelled
from briefgen.i18n import label
from briefgen.model import BiText, Briefing, Counterpart, Item, Provenance
from briefgen.model.text import Lang, Status
from briefgen.progress import Progress
from briefgen.translate.glossary import Glossary
from briefgen.translate.memory import TranslationMemory, TranslationMemoryError
from briefgen.translate.samples import SampleTranslations, bundled_samples
from briefgen.translate.segments import join_segments, normalise, split_segments

log = logging.getLogger(__name__)
_RANK = {Status.GENERATED: 0, Status.REVIEWED: 1, Status.SAMPLE: 2, Status.MATCHED: 3, Status.FUZZY: 4,
         Status.MACHINE: 5, Status.MISSING: 6}


@dataclass(frozen=True)
class Segment:
    """One sentence's translation and how it was made."""

    source: str
    src: Lang
    tgt: Lang
    target: str = ""
    status: Status = Status.MISSING
    origin: str = ""  # "memory", "glossary", "gazetteer", "memory (fuzzy 92)", "source [3]", the pack's name
    flags: tuple[BiText, ...] = ()  # what a reviewer should check, in both languages (from the catalogue)
    provenance: tuple[Provenance, ...] = ()
    taken_from: tuple[int, ...] = ()  # status matched: the number of the source whose sentence this is
    pair: str = ""  # status matched: the pairing's key (the Review tab rejects it by this key)


@dataclass(frozen=True)
class SourceMatch:
    """What the translator may show for a sentence: another-language source's sentence of the same fact."""

    text: str
    number: int  # the source's number in the briefing
    key: str  # the pairing's key


def match_key(text: str) -> str:
    """How a sentence and a counterpart's source are compared: normalised, outer quotes and stops ignored."""
    return normalise(text).strip(" \"'.,;:").lower()


@dataclass
class TranslationReport:
    segments: list[Segment] = field(default_factory=list)
    mt_calls: int = 0
    notes: list[str] = field(default_factory=list)

    def count(self, status: Status) -> int:
        return sum(1 for s in self.segments if s.status is status)

    @property
    def flagged(self) -> list[Segment]:
        return [s for s in self.segments if s.flags]

    def summary(self) -> str:
        parts = [f"{self.count(st)} {st.value}" for st in _RANK if self.count(st)]
        text = f"translation: {len(self.segments)} sentences ({', '.join(parts) or 'none'})"
        return text + (f", {len(self.flagged)} flagged" if self.flagged else "")


class SegmentTranslator:
    """Memory, glossary and machine engines (one per direction) behind one ``resolve`` call."""

    def __init__(self, memory: TranslationMemory | None = None, glossary: Glossary | None = None,
                 engines: dict[tuple[Lang, Lang], object] | None = None, fuzzy_min: float = 90.0,
                 cache_machine: bool = True, samples: SampleTranslations | None = None) -> None:
        self.memory = memory
        self.samples = samples or SampleTranslations()
        self.glossary = glossary or Glossary()
        self.engines = engines or {}
        self._all_engines = list(self.engines.values())  # kept after a failing engine is dropped, for the counts
        self.fuzzy_min = fuzzy_min
        self.cache_machine = cache_machine
        self.notes: list[str] = []

    @classmethod
    def default(cls, use_mt: bool = True) -> SegmentTranslator:
        """The user's memory, the gazetteer and user glossaries, and the installed packs (unless ``use_mt``
        is off). Nothing is loaded from the network; a pack that cannot be read is noted and skipped."""
        from briefgen.translate.engine import PackEngine, engine_problem
        from briefgen.translate.packs import active_packs, list_packs

        notes: list[str] = []
        memory: TranslationMemory | None = None
        try:
            memory = TranslationMemory()
        except TranslationMemoryError as exc:  # a locked or read-only memory: translate without it, say so
            notes.append(str(exc))
            log.warning("%s", exc)
        engines: dict[tuple[Lang, Lang], object] = {}
        packs = list_packs() if use_mt else []
        problem = engine_problem() if packs else None
        if problem:  # packs installed, engine not: every machine-translatable text stays marked untranslated
            notes.append(f"machine translation is off: {problem}")
            log.warning("%s", notes[-1])
        else:
            shared: dict = {}  # both directions of a multilingual pack share one loaded model
            for (src, tgt), info in active_packs(packs).items():  # per direction, the pack installed last
                engines[(src, tgt)] = PackEngine(info, source=src, target=tgt, shared=shared)
        translator = cls(memory, Glossary.default(), engines, samples=bundled_samples())
        translator.notes += notes + ([memory.recovered] if memory is not None and memory.recovered else [])
        return translator

    def close(self) -> None:
        if self.memory is not None:
            self.memory.close()

    def __enter__(self) -> SegmentTranslator:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def mt_calls(self) -> int:
        return sum(getattr(e, "calls", 0) for e in self._all_engines)

    # -- one direction, many sentences ----------------------------------------------------------------------------

    def resolve(self, sentences: list[str], src: Lang, tgt: Lang, progress: Progress | None = None,
                provenance: dict[str, tuple[Provenance, ...]] | None = None,
                matches: dict[str, SourceMatch] | None = None) -> list[Segment]:
        """A :class:`Segment` per sentence (same order), machine-translating only what nothing else covers.

        ``provenance`` (sentence → where it came from) lets the bundled samples' translation apply to
        the samples only; ``matches`` (:func:`match_key` → source match) are other-language sources'
        sentences of the same facts.
        """
        engine = self.engines.get((src, tgt))
        engine_name = getattr(engine, "name", None)
        out: list[Segment | None] = []
        for i, sentence in enumerate(sentences):
            articles = {p.article for p in (provenance or {}).get(sentence, ())}
            # the neighbours pick a context alternative (OmegaT's prev/next props) over the default translation
            context = {k: v for k, v in (("prev", sentences[i - 1] if i else None),
                                         ("next", sentences[i + 1] if i + 1 < len(sentences) else None)) if v}
            out.append(self._without_machine(sentence, src, tgt, engine_name, articles,
                                             (matches or {}).get(match_key(sentence)), context))
        todo = [i for i, seg in enumerate(out) if seg is None]
        machine = self._machine_or_note([sentences[i] for i in todo], src, tgt, engine, progress) if todo else []
        if machine:
            for i, seg in zip(todo, machine, strict=True):
                out[i] = seg
            if self.cache_machine and self.memory is not None:
                self.memory.store_many([(s.source, s.target) for s in machine if s.status is Status.MACHINE], src, tgt,
                                       "machine", engine_name)
        segments = [seg or Segment(sentences[i], src, tgt) for i, seg in enumerate(out)]
        return [self._check_terms(s) for s in segments]

    def whole_text(self, text: str, src: Lang, tgt: Lang) -> Segment | None:
        """A person's translation stored for a whole multi-sentence text (the Review tab stores whole points)."""
        if self.memory is None or sum(len(p) for p in split_segments(text)) < 2:
            return None
        match = self.memory.lookup(text, src, tgt)
        if match is None or match.status is not Status.REVIEWED:
            return None
        return self._check_terms(Segment(text, src, tgt, match.target, Status.REVIEWED, match.origin or "memory"))

    def _without_machine(self, sentence: str, src: Lang, tgt: Lang, engine_name: str | None,
                         articles: set[str] | None = None, source_match: SourceMatch | None = None,
                         context: dict[str, str] | None = None) -> Segment | None:
        """Everything but a fresh machine translation, in the order of the module doc."""
        if not any(ch.isalpha() for ch in sentence):  # figures, dates in digits, sign-offs: the same in both
            return Segment(sentence, src, tgt, sentence, Status.GENERATED, "copied")
        cached = None
        if self.memory is not None:
            match = self.memory.lookup(sentence, src, tgt, machine_from=engine_name, context=context)
            if match is not None and match.status is Status.REVIEWED:
                return Segment(sentence, src, tgt, match.target, match.status, match.origin or "memory")
            cached = match  # the pack's cached output: after a source match, like the pack itself
        sample = self.samples.get(sentence, src, tgt, articles or set())
        if sample is not None:
            return Segment(sentence, src, tgt, sample, Status.SAMPLE, "sample translation")
        term = self.glossary.exact(sentence, src, tgt)
        if term is not None:
            trailing = sentence.strip()[len(term.source):]
            return Segment(sentence, src, tgt, term.target + trailing, Status.GENERATED, term.origin)
        if self.memory is not None:
            for match in self.memory.suggest(sentence, src, tgt, limit=1, min_score=self.fuzzy_min):
                return Segment(sentence, src, tgt, match.target, Status.FUZZY, f"memory (fuzzy {match.score:.0f})")
        if source_match is not None:
            return Segment(sentence, src, tgt, source_match.text, Status.MATCHED, f"source [{source_match.number}]",
                           taken_from=(source_match.number,), pair=source_match.key)
        if cached is not None:
            return Segment(sentence, src, tgt, cached.target, cached.status, cached.origin or "memory")
        return None

    def _machine_or_note(self, sentences: list[str], src: Lang, tgt: Lang, engine, progress: Progress | None,  # noqa: ANN001
                         ) -> list[Segment]:
        """Machine segments, or none if there is no engine or it fails (noted; the text stays untranslated)."""
        if engine is None:
            return []
        try:
            return self._machine(sentences, src, tgt, engine, progress)
        except Cancelled:
            raise
        except Exception as exc:  # noqa: BLE001 - a broken pack must not break the briefing
            where = getattr(getattr(engine, "info", None), "path", engine.name)
            self.notes.append(f"{where}: machine translation failed ({type(exc).__name__}: {exc}); "
                              f"the text stays marked untranslated")
            log.warning(self.notes[-1])
            self.engines.pop((src, tgt), None)
            return []

    def _machine(self, sentences: list[str], src: Lang, tgt: Lang, engine, progress: Progress | None) -> list[Segment]:  # noqa: ANN001
        """Machine segments with glossary terms kept: masked as ``XT<n>X`` for a pack that gives placeholders
        back intact, else with each term's fixed translation put into the sentence (install probes which).
        A sentence whose terms did not survive is translated again around its terms and flagged."""
        masked = [self.glossary.mask(s, src, tgt) for s in sentences]
        results: list[tuple[str, tuple[BiText, ...]]] = []
        retry: list[int] = []
        if getattr(engine, "placeholders_ok", True):
            raw = engine.translate([m.text for m in masked], progress)
            for i, (m, text) in enumerate(zip(masked, raw, strict=True)):
                restored, lost = m.restore(text)
                results.append((restored, ()))
                if lost:
                    retry.append(i)
        else:  # this model mangles placeholders ("XT 1X", "XTIX"): give it the terms' translations instead
            raw = engine.translate([self.glossary.insert(s, src, tgt) for s in sentences], progress)
            for i, (sentence, text) in enumerate(zip(sentences, raw, strict=True)):
                results.append((text, ()))
                if masked[i].terms and self.glossary.missing_in(sentence, text, src, tgt):
                    retry.append(i)
        if retry:  # a term did not survive the model: translate around the terms instead
            pieces = [p for i in retry for p in masked[i].pieces if p.strip()]
            translated = iter(engine.translate(pieces, progress) if pieces else [])
            for i in retry:
                m = masked[i]
                parts: list[str] = []
                for n, piece in enumerate(m.pieces):
                    if piece.strip():
                        parts.append(next(translated))
                    if n < len(m.terms):
                        parts.append(m.terms[n].target)
                results[i] = (" ".join(" ".join(parts).split()), (label("Terms placed in the source's order"),))
        segs = []
        for sentence, (text, flags) in zip(sentences, results, strict=True):
            if text.strip():
                segs.append(Segment(sentence, src, tgt, text, Status.MACHINE, engine.name, flags))
            else:
                segs.append(Segment(sentence, src, tgt, flags=(label("The translation pack returned nothing"),)))
        return segs

    def _check_terms(self, seg: Segment) -> Segment:
        if seg.status is Status.MISSING:
            return seg
        lost = self.glossary.missing_in(seg.source, seg.target, seg.src, seg.tgt)
        if not lost:
            return seg
        flags = seg.flags + tuple(label("Glossary term missing: {source} → {target}", source=t.source, target=t.target)
                                  for t in lost)
        return replace(seg, flags=flags)


# -- the briefing ---------------------------------------------------------------------------------------------------


def _direction(text: BiText) -> tuple[Lang, Lang] | None:
    """(source, target) when exactly one side is missing and the other has text."""
    if text.id_status is Status.MISSING and text.en_status is not Status.MISSING:
        return "en", "id"
    if text.en_status is Status.MISSING and text.id_status is not Status.MISSING:
        return "id", "en"
    return None


def _texts(briefing: Briefing) -> Iterator[tuple[BiText, tuple[Provenance, ...]]]:
    # the subject is a clipping's title (or the user's words): it may come from any of the sources
    h = briefing.header
    yield h.subject, tuple(Provenance(s.article, 0) for s in briefing.sources)
    for text in (h.to_text, h.sender_text, h.signatory_text, *h.cc_texts):  # the memo fields (translate.titles)
        yield text, ()
    for section in briefing.sections:
        for item in section.items:
            yield item.text, item.provenance
            for cell in item.cells:
                yield cell, item.provenance


def source_matches(briefing: Briefing) -> dict[Lang, dict[str, SourceMatch]]:
    """Per source language, :func:`match_key` of a sentence → the other-language source's sentence (best score)."""
    number = {s.article: s.number for s in briefing.sources}
    out: dict[Lang, dict[str, SourceMatch]] = {"id": {}, "en": {}}
    best: dict[tuple[Lang, str], float] = {}
    for c in briefing.counterparts:
        if c.article not in number:
            continue
        key = match_key(c.source)
        if best.get((c.lang, key), -1.0) < c.score:
            best[(c.lang, key)] = c.score
            out[c.lang][key] = SourceMatch(c.text, number[c.article], c.key)
    return out


def pairings_of(briefing: Briefing, text: BiText) -> list[tuple[Counterpart, int]]:
    """The pairings a text's ``matched`` language shows, each with its source number (the Review tab explains
    and rejects them)."""
    out: list[tuple[Counterpart, int]] = []
    number = {s.article: s.number for s in briefing.sources}
    for tgt in ("id", "en"):
        taken = text.taken_from(tgt)  # type: ignore[arg-type]
        src = "en" if tgt == "id" else "id"
        if not taken:
            continue
        wanted = {match_key(s) for sentences in split_segments(text.text(src)) for s in sentences}  # type: ignore[arg-type]
        for c in briefing.counterparts:
            if c.lang == src and number.get(c.article) in taken and match_key(c.source) in wanted \
                    and c.key not in {k.key for k, _ in out}:
                out.append((c, number[c.article]))
    return out


def translate_briefing_report(briefing: Briefing, translator: SegmentTranslator,
                              progress: Progress | None = None) -> tuple[Briefing, TranslationReport]:
    """The briefing with its missing sides filled where honest, and a per-sentence report."""
    wanted: dict[tuple[Lang, Lang], dict[str, tuple[Provenance, ...]]] = {("id", "en"): {}, ("en", "id"): {}}
    matches = source_matches(briefing)
    whole: dict[tuple[Lang, Lang, str], Segment] = {}  # a person's translation of a whole multi-sentence text
    for text, provenance in _texts(briefing):
        direction = _direction(text)
        if direction:
            src_text = text.text(direction[0])
            found = translator.whole_text(src_text, *direction)
            if found is not None:
                whole[(*direction, src_text)] = replace(found, provenance=provenance)
                continue
            for sentences in split_segments(src_text):
                for s in sentences:
                    wanted[direction].setdefault(s, provenance)
    report = TranslationReport(notes=list(translator.notes))
    calls_before = translator.mt_calls
    done: dict[tuple[Lang, Lang, str], Segment] = {}
    for (src, tgt), sentences in wanted.items():
        if sentences:
            for seg in translator.resolve(list(sentences), src, tgt, progress, sentences, matches[src]):
                seg = replace(seg, provenance=sentences[seg.source])
                done[(src, tgt, seg.source)] = seg
                report.segments.append(seg)
    report.mt_calls = translator.mt_calls - calls_before
    report.segments += whole.values()
    report.notes += [n for n in translator.notes if n not in report.notes]

    def fill(text: BiText) -> BiText:
        direction = _direction(text)
        if direction is None:
            return text
        src, tgt = direction
        if (src, tgt, text.text(src)) in whole:
            return text.with_text(tgt, whole[(src, tgt, text.text(src))].target, Status.REVIEWED)
        paragraphs = split_segments(text.text(src))
        segs = [done[(src, tgt, s)] for sentences in paragraphs for s in sentences]
        if not segs:
            return text
        status = max((s.status for s in segs), key=_RANK.__getitem__)
        if status is Status.MISSING:
            return text
        target = join_segments([[done[(src, tgt, s)].target for s in sentences] for sentences in paragraphs])
        taken = tuple(sorted({n for s in segs for n in s.taken_from})) if status is Status.MATCHED else ()
        return text.with_text(tgt, target, status, taken)

    def fill_item(item: Item) -> Item:
        text, cells = fill(item.text), tuple(fill(c) for c in item.cells)
        taken = {n for t in (text, *cells) for lang in ("id", "en") for n in t.taken_from(lang)}  # type: ignore[arg-type]
        cites = tuple(sorted(set(item.cites) | taken)) if taken else item.cites  # a shown sentence is cited
        return replace(item, text=text, cells=cells, cites=cites)

    h = briefing.header
    header = replace(h, subject=fill(h.subject), to_text=fill(h.to_text), sender_text=fill(h.sender_text),
                     signatory_text=fill(h.signatory_text), cc_texts=tuple(fill(c) for c in h.cc_texts))
    sections = tuple(replace(s, items=tuple(fill_item(i) for i in s.items)) for s in briefing.sections)
    packs = tuple(sorted({s.origin for s in report.segments if s.status is Status.MACHINE and s.origin}))
    return replace(briefing, header=header, sections=sections, machine_packs=packs), report


def translate_briefing(briefing: Briefing, translator: SegmentTranslator, progress: Progress | None = None) -> Briefing:
    """The briefing with its missing sides filled from memory, glossary and packs (see the module doc)."""
    return translate_briefing_report(briefing, translator, progress)[0]
