"""Do an Indonesian and an English sentence report the same fact? Decided from what both sides share.

Why anchors and not translation: briefgen runs offline and most users have no translation pack, yet
Indonesian foreign news is largely rewritten English wire copy, so the same fact often appears in
both languages of one selection. Two sentences are compared on what survives translation unchanged:

* gazetteer entities (``Korut`` and ``North Korea`` are one key; a title such as "Menlu AS" names
  its holder), and capitalised names or codes written alike in both languages (Kishida, B-52);
* figures normalised by :mod:`briefgen.extract.figures` ("1 juta" = "1 million", "2,5" = "2.5");
* dates resolved by :mod:`briefgen.extract.timeexpr` ("Kamis (9/11/2023)" = "Thursday, Nov. 9");
* the domain's common words through a small bilingual word list, ``assets/crosslang-lexicon.txt``
  (Indonesian roots with a light affix stripper, English bases with a light inflection stripper);
  quoted phrases go through it like any other words ("Hari Industri Rudal" ~ "Missile Industry Day").

Each feature is weighted by how rare it is in the selection (a name every sentence carries says
little), and the score is the cosine of the two weighted feature sets. Wrong pairs are worse than
none, so a pair also needs shared words besides names, a shared anchor, and no contradiction: two
different explicit years (the same figure in another year is another fact) or different figures
or calendar dates within a month (the same event reported differently: a *conflict*, kept for the
discrepancy list and never used as a translation).

Speed: no all-pairs comparison. The English sentences are indexed by feature; each Indonesian
sentence looks only at the postings of its rarest features (common ones are capped), so 1,000
clippings stay within the import budget (``benchmarks/bench_crosslang.py``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from briefgen.extract.gazetteer import Gazetteer
from briefgen.extract.timeexpr import TimeRef
from briefgen.ingest.dates import MONTHS, WEEKDAYS
from briefgen.model import Provenance
from briefgen.model.text import Lang
from briefgen.resources import asset
from briefgen.translate.segments import normalise

LEXICON_FILE = "crosslang-lexicon.txt"
USE_THRESHOLD = 0.48  # tuned on the tuning half of tests/crosslang: precision first (plateau 0.45-0.50)
CONFLICT_THRESHOLD = 0.50  # the similarity, figures and dates left aside, from which a conflict is the same event
MIN_SHARED_WORDS = 2  # lexicon concepts shared besides names ...
MIN_ANCHORS = 1  # ... and entities, names, figures or dates shared
POSTINGS_CAP = 400  # features carried by more English sentences than this are not used to find candidates
RARE_FEATURES = 10  # an Indonesian sentence looks up its rarest features only
MIN_CANDIDATE_HITS = 2
MAX_CANDIDATES = 40  # the English sentences sharing most of an Indonesian sentence's rare features that are scored
REVERSE_SHARE = 0.85  # an English sentence's best match is kept if it scores this share of the other side's best
MAX_DAYS_APART = 45  # clippings further apart than this report the same fact only with a shared date or year
WEIGHTS = {"e": 1.0, "n": 1.5, "w": 1.0, "f": 2.0, "d": 2.0, "m": 0.5}  # entity, name, word, figure, day, month
_WORD = re.compile(r"[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’-]*|\d[\d.,]*")
_CODE = re.compile(r"\b(?=[A-Za-z-]*\d)(?=\d*[A-Za-z])[A-Za-z\d]+(?:-[A-Za-z\d]+)*\b")  # B-52, G7, F-16, S-400
_NAME = re.compile(r"(?<![\w-])[A-Z][a-zà-ÿ]+(?:-[A-Z]?[a-zà-ÿ]+)?")
_YEAR = re.compile(r"(?<![\d/.,])(?:19|20)\d\d(?![\d/])")
_SCALE = {"ribu": 1e3, "juta": 1e6, "miliar": 1e9, "milyar": 1e9, "triliun": 1e12,
          "thousand": 1e3, "million": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
_NUMBERS = {
    "id": re.compile(r"(?<![\w.,:/])(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?![\w/:])(?![.,]\d)"
                     r"(?:\s*(ribu|juta|miliar|milyar|triliun)\b)?(\s?%|\s+persen)?", re.IGNORECASE),
    "en": re.compile(r"(?<![\w.,:/])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\w/:])(?![.,]\d)"
                     r"(?:[\s-]*(thousand|million|billion|bn|trillion)\b)?(\s?%|\s+percent|\s+per\s+cent)?",
                     re.IGNORECASE),
}
_CLOCK = re.compile(r"(?:pukul|jam|at)\s*$|^\s*(?:[.:]\d\d|a\.m\.|p\.m\.|am\b|pm\b|WIB|GMT|KST)", re.IGNORECASE)
_MONTH_NAME = re.compile(r"\b[A-Z][a-z]{2,8}\b")
_OPENERS = frozenset("the a an in on at as after before but and this that these those it he she they we there "
                     "under while when if since with for from by of to meanwhile earlier later also however "
                     "pada di ke dari dan yang ini itu dia ia mereka kami kita namun tetapi sementara setelah "
                     "sebelum sejak saat ketika menurut sebelumnya selain kali bagi dalam untuk oleh juga".split())
_CALENDAR = frozenset(n.lower() for n in (*MONTHS, *WEEKDAYS))


def numbers_in(text: str, lang: Lang, skip: Iterable[tuple[int, int]] = ()) -> set[str]:
    """Every number of a sentence normalised ("1.000" id = "1,000" en = 1000; "2 juta" = "2 million"),
    leaving out years, clock times and the spans of dates already read."""
    spans = list(skip)
    out = set()
    for m in _NUMBERS["en" if lang == "en" else "id"].finditer(text):
        if any(a < m.end() and m.start() < b for a, b in spans) or _YEAR.fullmatch(m.group(1)):
            continue
        if _CLOCK.search(text[max(0, m.start() - 6):m.start()]) or _CLOCK.search(text[m.end(1):m.end(1) + 5]):
            continue
        raw = m.group(1)
        value = float(raw.replace(",", "")) if lang == "en" else float(raw.replace(".", "").replace(",", "."))
        if m.group(2):
            value *= _SCALE[m.group(2).lower()]
        out.add(f"{value:g}{'%' if m.group(3) else ''}")
    return out
_QUOTE = re.compile(r"[“\"]([^”\"]{8,})[”\"]")

# -- the word list ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Lexicon:
    """Indonesian and English forms → concept numbers (one line of the word list is one concept)."""

    id_forms: Mapping[str, frozenset[int]]
    en_forms: Mapping[str, frozenset[int]]
    size: int
    entities: Mapping[str, Mapping[str, str]] = None  # type: ignore[assignment]  # lang -> form -> gazetteer key

    @classmethod
    def parse(cls, text: str) -> Lexicon:
        id_forms: dict[str, set[int]] = {}
        en_forms: dict[str, set[int]] = {}
        entities: dict[str, dict[str, str]] = {"id": {}, "en": {}}
        n = 0
        for line in text.splitlines():
            line = line.split("#", 1)[0].strip()
            if "|" not in line:
                continue
            left, right = line.split("|", 1)
            if left.startswith("@"):  # "@japan | japanese": a form that names a gazetteer entry (demonyms)
                key = left[1:].split()[0]
                forms = left[1:].split()[1:]
                entities["id"].update({f.lower().replace("_", " "): key for f in forms})
                entities["en"].update({f.lower().replace("_", " "): key for f in right.split()})
                continue
            for forms, store in ((left, id_forms), (right, en_forms)):
                for form in forms.split():  # "kerja_sama": a form of two words
                    store.setdefault(form.lower().replace("_", " "), set()).add(n)
            n += 1
        freeze = lambda d: {k: frozenset(v) for k, v in d.items()}  # noqa: E731
        return cls(freeze(id_forms), freeze(en_forms), n, entities)

    def concepts(self, words: Sequence[str], lang: Lang) -> set[int]:
        """Concepts of a sentence's lower-case words (the longest form first, up to four words)."""
        forms = self.id_forms if lang == "id" else self.en_forms
        stems = _id_stems if lang == "id" else _en_stems
        out: set[int] = set()
        i = 0
        while i < len(words):
            for n in (4, 3, 2):
                if i + n <= len(words):
                    hit = forms.get(" ".join(words[i:i + n]))
                    if hit:
                        out |= hit
                        i += n
                        break
            else:
                word = words[i]
                for part in ([word, *word.split("-")] if "-" in word else [word]):  # "two-day", "large-scale"
                    for stem in stems(part):
                        hit = forms.get(stem)
                        if hit:
                            out |= hit
                            break
                i += 1
        return out


@cache
def default_lexicon() -> Lexicon:
    return load_lexicon(asset(LEXICON_FILE))


def load_lexicon(path: Path) -> Lexicon:
    return Lexicon.parse(Path(path).read_text(encoding="utf-8"))


_ID_PREFIXES = (("meny", "s"), ("meng", "k"), ("mem", "p"), ("men", "t"), ("peny", "s"), ("peng", "k"),
                ("pem", "p"), ("pen", "t"), ("meng", ""), ("mem", ""), ("men", ""), ("me", ""), ("peng", ""),
                ("pem", ""), ("pen", ""), ("per", ""), ("pe", ""), ("ber", ""), ("be", ""), ("ter", ""), ("di", ""),
                ("ke", ""), ("se", ""))
_ID_SUFFIXES = ("nya", "lah", "kah", "kan", "an", "i")


@cache
def _id_stems(word: str) -> tuple[str, ...]:
    """The word and what a light Indonesian affix stripper makes of it, most literal first."""
    out = [word]
    bases = [word]
    for suffix in _ID_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            bases.append(base)
            if suffix == "nya":
                for s2 in ("kan", "an", "i"):
                    if base.endswith(s2) and len(base) - len(s2) >= 3:
                        bases.append(base[: -len(s2)])
    out += bases[1:]
    for base in bases:
        for prefix, restore in _ID_PREFIXES:
            if base.startswith(prefix) and len(base) - len(prefix) >= 3:
                rest = base[len(prefix):]
                if restore and rest[0] not in "aeiou":
                    continue
                out.append(restore + rest)
                if rest.startswith(("ber", "per")) and len(rest) > 6:  # memperbarui, diperkuat
                    out.append(rest[3:])
    return tuple(dict.fromkeys(out))


@cache
def _en_stems(word: str) -> tuple[str, ...]:
    out = [word]
    if word.endswith("ies") and len(word) > 4:
        out.append(word[:-3] + "y")
    if word.endswith("ied") and len(word) > 4:
        out.append(word[:-3] + "y")
    for suffix in ("es", "s", "ed", "ing", "d", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            out.append(base)
            if suffix in ("ed", "ing"):
                out.append(base + "e")
                if len(base) > 3 and base[-1] == base[-2]:
                    out.append(base[:-1])  # stepped, planning
    return tuple(dict.fromkeys(out))


# -- one sentence's features --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of one clipping with the features that survive translation."""

    article: str
    provenance: Provenance
    text: str
    lang: Lang
    features: frozenset[str]  # "e:key", "n:Name", "w:12", "f:1e6", "d:2023-11-09", "l:<weekday date>", "m:2023-11"
    years: frozenset[int]
    figures: frozenset[str]
    days: frozenset[dt.date]  # calendar dates written out (not resolved from a weekday)
    loose_days: frozenset[dt.date] = frozenset()  # days resolved from a weekday or "yesterday"
    published: dt.date | None = None  # the clipping's date


def sentence_features(text: str, lang: Lang, gazetteer: Gazetteer, lexicon: Lexicon,
                      times: Iterable[TimeRef]) -> tuple[frozenset[str], frozenset[int], frozenset[str],
                                                         frozenset[dt.date], frozenset[dt.date]]:
    """(features, explicit years, number features, calendar dates, weekday-resolved dates) of one sentence.

    Numbers are read from the text here (not only the figures with a known noun), so "100 uji coba
    rudal" and "100 missile tests" share their number."""
    feats: set[str] = set()
    covered: list[tuple[int, int]] = []
    for m in gazetteer.find(text):
        if m.entry.kind == "term":
            continue
        feats.add(f"e:{m.entry.key}")
        covered.append((m.start, m.end))
    demonyms = (lexicon.entities or {}).get(lang, {})
    if demonyms:
        for m in re.finditer(r"[A-Z][a-z]+(?:\s[A-Z][a-z]+)?", text):
            for form in (m.group(0), m.group(0).split()[0]):
                key = demonyms.get(form.lower())
                if key and not any(a < m.end() and m.start() < b for a, b in covered):
                    feats.add(f"e:{key}")
                    covered.append((m.start(), m.start() + len(form)))
                    break
    masked = list(text)
    for a, b in covered:
        masked[a:b] = " " * (b - a)
    rest = "".join(masked)
    words = [w.lower() for w in _WORD.findall(rest)]
    feats |= {f"w:{c}" for c in lexicon.concepts(words, lang)}
    for m in _CODE.finditer(rest):
        if not _YEAR.fullmatch(m.group(0)) and not m.group(0).isdigit():
            feats.add(f"n:{m.group(0).upper()}")
    known = lexicon.id_forms if lang == "id" else lexicon.en_forms
    for m in _NAME.finditer(rest):
        word = m.group(0)
        if word.lower() in _CALENDAR or word.lower() in _OPENERS or word.lower() in known or any(
                s in known for s in (_id_stems if lang == "id" else _en_stems)(word.lower())):
            continue
        feats.add(f"n:{word}")
    time_spans = []
    days, loose = set(), set()
    for ref in times:
        time_spans.append((ref.start, ref.end))
        if ref.precision == "day":
            feats.add(f"d:{ref.date.isoformat()}")  # "Kamis (14/3/2024)" and "on Thursday" name one day
            (days if ref.how == "absolute" else loose).add(ref.date)
    for m in _MONTH_NAME.finditer(text):  # "pada Juni" ~ "in June" (timeexpr reads the Indonesian forms only)
        if not any(a <= m.start() < b for a, b in time_spans) and m.group(0).lower() in MONTHS:
            feats.add(f"m:{MONTHS[m.group(0).lower()]}")
    figs = {f"f:{n}" for n in numbers_in(text, lang, time_spans)}
    feats |= figs
    years = {int(m.group(0)) for m in _YEAR.finditer(text)}
    return frozenset(feats), frozenset(years), frozenset(figs), frozenset(days), frozenset(loose)


# -- pairs --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Pair:
    """An Indonesian and an English sentence found to report the same fact (``kind`` "same") or the same
    event with a different figure or date (``kind`` "conflict": never used as a translation)."""

    id: Sentence
    en: Sentence
    score: float
    kind: str  # same | conflict
    anchors: tuple[str, ...]  # what they share, readable: "North Korea", "1,000,000", "2023-11-09", "visit"
    reason: str = ""  # for a conflict: "figures differ: 1000000 / 2000000"

    @property
    def key(self) -> str:
        """Stable across rebuilds and sessions: the two sentences' normalised texts (a rejection is kept by it)."""
        return pair_key(self.id.text, self.en.text)

    def side(self, lang: Lang) -> Sentence:
        return self.id if lang == "id" else self.en


def pair_key(id_text: str, en_text: str) -> str:
    return "pair-" + hashlib.sha1(f"{normalise(id_text)}\n{normalise(en_text)}".encode()).hexdigest()[:16]


def _weights(features: Iterable[frozenset[str]], total: int) -> dict[str, float]:
    df: Counter = Counter()
    for f in features:
        df.update(f)
    return {f: WEIGHTS[f[0]] * math.log(1.0 + total / n) for f, n in df.items()}


def score(a: Sentence, b: Sentence, weight: Mapping[str, float],
          norms: tuple[float, float] | None = None) -> tuple[float, str, str, tuple[str, ...]]:
    """(similarity, kind, reason, shared features) of an Indonesian and an English sentence.

    kind is "same", "conflict" (same event, a figure or date differs) or "" (not the same fact).
    """
    if a.years and b.years and not (a.years & b.years):
        return 0.0, "", "", ()  # the same words about another year: another fact
    if a.published and b.published and abs((a.published - b.published).days) > MAX_DAYS_APART \
            and not (a.days & b.days or a.years & b.years):
        return 0.0, "", "", ()  # months apart and no shared date: another occasion
    a_days, b_days = a.days | a.loose_days, b.days | b.loose_days
    if a_days and b_days and not (a_days & b_days) and min(abs((x - y).days) for x in a_days for y in b_days) > 31:
        return 0.0, "", "", ()  # another day, weeks away: another occasion
    shared = a.features & b.features
    words = sum(1 for f in shared if f[0] == "w")
    anchors = sum(1 for f in shared if f[0] in "enfd")
    conflict = ""
    differing = _differing_figures(a.figures - b.figures, b.figures - a.figures)
    if differing:
        conflict = "figures differ: " + " / ".join(differing)
    elif a_days and b_days and not (a_days & b_days) and (a.days or b.days):
        # another day within a month, one of them a calendar date: the same event dated differently. Two
        # weekdays resolved apart are left alone: "Jumat" and "Friday" agree, only the resolution may not
        conflict = "dates differ: " + " / ".join(sorted(d.isoformat() for d in a_days | b_days))
    if conflict:  # compare what is left when the differing figures and dates are set aside
        drop = ("f",) if conflict.startswith("figures") else ("d",)
        fa = {f for f in a.features if f[0] not in drop}
        fb = {f for f in b.features if f[0] not in drop}
        sim = _cosine(fa, fb, fa & fb, weight)
        ok = sim >= CONFLICT_THRESHOLD and words >= MIN_SHARED_WORDS + 1 and anchors >= MIN_ANCHORS
        return sim, "conflict" if ok else "", conflict, tuple(shared) if ok else ()
    sim = _cosine(a.features, b.features, shared, weight, norms)
    ok = sim >= USE_THRESHOLD and words >= MIN_SHARED_WORDS and anchors >= MIN_ANCHORS
    return sim, "same" if ok else "", "", tuple(shared) if ok else ()


def _differing_figures(only_a: Iterable[str], only_b: Iterable[str]) -> list[str]:
    """Numbers each side has and the other lacks that are of one kind and size (28,000 vs 28,500; 2 vs 3
    billion yen): the same quantity reported differently. Numbers of other sizes are other quantities."""
    def parse(f: str) -> tuple[float, bool]:
        return float(f[2:].rstrip("%")), f.endswith("%")

    out = []
    for fa in only_a:
        va, pa = parse(fa)
        for fb in only_b:
            vb, pb = parse(fb)
            if pa == pb and va > 0 and vb > 0 and 0.5 <= va / vb <= 2.0:
                out += [fa[2:], fb[2:]]
    return sorted(set(out), key=lambda v: float(v.rstrip("%")))


def _cosine(a: Iterable[str], b: Iterable[str], shared: Iterable[str], weight: Mapping[str, float],
            norms: tuple[float, float] | None = None) -> float:
    na, nb = norms if norms else (_norm(a, weight), _norm(b, weight))
    if not na or not nb:
        return 0.0
    return sum(weight.get(f, 1.0) ** 2 for f in shared) / (na * nb)


def _norm(features: Iterable[str], weight: Mapping[str, float]) -> float:
    return math.sqrt(sum(weight.get(f, 1.0) ** 2 for f in features))


def match_sentences(ids: Sequence[Sentence], ens: Sequence[Sentence]) -> list[Pair]:
    """For each Indonesian sentence, its best English counterpart when there is one (and the reverse).

    Candidates come from an inverted index of the English sentences' features; only each Indonesian
    sentence's rarest features are looked up, and very common ones are skipped, so the work grows with
    the number of sentences, not with their product.
    """
    if not ids or not ens:
        return []
    # a name written alike in both languages is an anchor only if both languages use it in the selection:
    # capitalised words of one language (titles, demonyms, weekday names) would only dilute the score
    names_id = {f for s in ids for f in s.features if f[0] == "n"}
    names_en = {f for s in ens for f in s.features if f[0] == "n"}
    one_sided = names_id ^ names_en
    if one_sided:
        ids = [replace(s, features=s.features - one_sided) for s in ids]
        ens = [replace(s, features=s.features - one_sided) for s in ens]
    weight = _weights([s.features for s in (*ids, *ens)], len(ids) + len(ens))
    postings: dict[str, list[int]] = {}
    for j, s in enumerate(ens):
        for f in s.features:
            postings.setdefault(f, []).append(j)
    best_en: dict[int, tuple[tuple[int, float], Pair]] = {}  # per Indonesian sentence: its best English one
    best_id: dict[int, tuple[tuple[int, float], Pair]] = {}  # per English sentence: its best Indonesian one
    pair_of_id: dict[int, int] = {}
    en_norms: dict[int, float] = {}
    for i, s in enumerate(ids):
        usable = [f for f in s.features if 0 < len(postings.get(f, ())) <= POSTINGS_CAP]
        usable.sort(key=lambda f: len(postings[f]))
        hits: Counter = Counter()
        for f in usable[:RARE_FEATURES]:
            hits.update(postings[f])
        candidates = sorted((j for j, n in hits.items() if n >= MIN_CANDIDATE_HITS), key=lambda j: (-hits[j], j))
        norm_id = _norm(s.features, weight)
        for j in candidates[:MAX_CANDIDATES]:
            if j not in en_norms:
                en_norms[j] = _norm(ens[j].features, weight)
            sim, kind, reason, shared = score(s, ens[j], weight, (norm_id, en_norms[j]))
            if not kind:
                continue
            pair = Pair(s, ens[j], round(sim, 4), kind, _readable(shared), reason)
            pair_of_id[id(pair)] = i
            rank = (1 if kind == "same" else 0, sim)
            if i not in best_en or rank > best_en[i][0]:
                best_en[i] = (rank, pair)
            if j not in best_id or rank > best_id[j][0]:
                best_id[j] = (rank, pair)
    found = {id(p): p for _, p in best_en.values()}
    for rank, pair in best_id.values():
        # an English sentence's best Indonesian sentence, unless that one has a clearly better English match
        # elsewhere: then this is most likely the same words about another occasion (a near miss)
        theirs = best_en.get(pair_of_id[id(pair)])
        if theirs is None or rank[0] > theirs[0][0] or rank[1] >= REVERSE_SHARE * theirs[0][1]:
            found[id(pair)] = pair
    return sorted(found.values(), key=lambda p: (p.id.article, p.id.provenance.paragraph,
                                                 p.id.provenance.sentence or 0, -p.score))


def _readable(shared: Iterable[str]) -> tuple[str, ...]:
    """What two sentences share, for a person: names and entry keys, figures, dates (the words are left out)."""
    order = {"e": 0, "n": 1, "f": 2, "d": 3, "m": 4}
    return tuple(f[2:] for f in sorted(shared, key=lambda f: (order.get(f[0], 9), f)) if f[0] != "w")


def quoted(text: str) -> list[str]:
    """The quoted spans of a sentence (“…” or "…"), for carrying a direct quote across with its sentence."""
    return [m.group(1).strip() for m in _QUOTE.finditer(text)]
