"""Claims: near-duplicate sentences clustered across articles, corroboration and discrepancies.

Why MinHash/LSH: comparing every sentence with every other is quadratic and a user may select
thousands of clippings. Each sentence becomes a set of normalised tokens (gazetteer names replaced by
their entry key, so "Korut" and "Korea Utara" agree); 64 MinHash values in 32 bands of 2 put
similar sentences in a shared bucket, and only bucket members are compared (against the bucket's
first member, so a crowded bucket stays linear). The signatures come from :mod:`briefgen.minhash`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain, repeat

from briefgen import minhash
from briefgen.extract.figures import Figure
from briefgen.extract.gazetteer import Gazetteer, Mention
from briefgen.extract.timeexpr import TimeRef
from briefgen.model import Provenance

STOPWORDS = frozenset(
    "yang dan di ke dari pada dengan untuk dalam itu ini akan telah juga sebagai oleh atau karena bahwa para "
    "adalah ada tidak sudah serta antara lebih secara tersebut kata mengatakan the of and to in a is on for "
    "ia dia mereka kami kita saat ketika setelah sejak hingga sementara namun tetapi".split()
)
PERMUTATIONS, BANDS = 64, 32  # bands of 2 rows: pairs at Jaccard 0.25 meet in some band with p ~ 0.87
THRESHOLD = 0.25  # Jaccard of token sets from which two sentences may state the same claim ...
MIN_SHARED_WORDS = 4  # ... when they also share this many words that are not names (names recur everywhere)
BUCKET_KEEP = 8  # members a bucket keeps to compare newcomers with: crowded buckets stay linear
_WORD = re.compile(r"[\w@~-]+")
_ANAPHORIC = re.compile(r"^(?:Dia|Ia|Mereka|Keduanya|Hal (?:ini|itu|tersebut)|Ini|Itu|Selain itu|Kami)\b")


@dataclass
class Unit:
    """One sentence of one article, with what extraction found in it."""

    article: str
    provenance: Provenance
    text: str
    tokens: frozenset[str]
    figures: list[Figure] = field(default_factory=list)
    times: list[TimeRef] = field(default_factory=list)
    lang: str = "id"  # the clipping's language
    people: frozenset[str] = frozenset()  # gazetteer keys of the people the sentence names (and its speaker)
    happening: str = ""  # the family of the sentence's predicate (arrival, meeting, statement, …), "" unknown
    mode: str = "fact"  # fact | plan | conditional | denied (see briefgen.extract.events.mode_of)

    @cached_property
    def band_keys(self) -> list[tuple[int, bytes]]:
        """This sentence's LSH bucket keys, computed once per unit."""
        return band_keys(self.tokens)


@dataclass
class Claim:
    """Sentences from one or more articles that say the same thing."""

    units: list[Unit]
    sources: list[str]  # independent sources (wire credit or outlet), in order
    discrepancy: str = ""  # why the sources differ, empty when they agree
    agreed: bool = True  # False: the sources say it with different figures (a discrepancy, not corroboration)

    @cached_property  # facts are remembered across the window's rebuilds (remembered_facts): compute once
    def representative(self) -> Unit:
        """The sentence that says the claim best: closest to the others, not opening on a pronoun."""
        if len(self.units) == 1:
            return self.units[0]
        # a claim confirmed across languages is told in Indonesian, the briefing's first language, when it can be
        # (its English side then comes from the English source's own sentence)
        units = [u for u in self.units if u.lang == "id"] or self.units
        pool = [u for u in units if not _ANAPHORIC.match(u.text)] or units
        pool = pool[:24]  # a medoid over a bounded sample: huge clusters of wire copies stay cheap
        return max(pool, key=lambda u: (sum(jaccard(u.tokens, v.tokens) for v in pool), -pool.index(u)))

    @property
    def articles(self) -> list[str]:
        return list(dict.fromkeys(u.article for u in self.units))

    @property
    def corroborated(self) -> bool:
        return self.agreed and len(self.sources) >= 2

    @cached_property
    def key(self) -> str:
        return "claim-" + hashlib.sha1(" ".join(sorted(self.representative.tokens)).encode()).hexdigest()[:12]

    def as_dict(self) -> dict:
        return {"key": self.key, "text": self.representative.text, "sources": self.sources,
                "corroborated": self.corroborated, "discrepancy": self.discrepancy or None,
                "provenance": [{"article": u.article, "paragraph": u.provenance.paragraph,
                                "sentence": u.provenance.sentence, "text": u.text} for u in self.units]}


def tokens_of(text: str, gazetteer: Gazetteer, mentions: list[Mention] | None = None) -> frozenset[str]:
    """Content tokens; names become '@entry-key' so variants of one name agree."""
    parts, last = [], 0
    for mention in gazetteer.find(text) if mentions is None else mentions:
        parts.append(text[last:mention.start])
        # names become "@key" (they recur everywhere); terms "~key" (words with a fixed translation: content)
        parts.append(f" {'~' if mention.entry.kind == 'term' else '@'}{mention.entry.key} ")
        last = mention.end
    parts.append(text[last:])
    words = _WORD.findall("".join(parts).lower())
    return frozenset(w for w in words if len(w) > 2 and w not in STOPWORDS)


def band_keys(tokens: frozenset[str]) -> list[tuple[int, bytes]]:
    """The LSH bucket keys of a sentence's token set (the same set gives the same keys on every run)."""
    return minhash.band_keys(minhash.signature((t.encode() for t in tokens), PERMUTATIONS), BANDS)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def same_claim(a: frozenset[str], b: frozenset[str]) -> bool:
    shared = a & b
    if len(shared) / len(a | b) < THRESHOLD:
        return False
    return sum(1 for t in shared if not t.startswith("@")) >= MIN_SHARED_WORDS


def _find(parent: list[int], i: int) -> int:
    """The root of ``i`` in a union-find forest, halving the path on the way (used by both clusterings)."""
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def cluster_units(units: list[Unit]) -> list[list[int]]:
    """Groups of unit indices that state the same claim (union-find over LSH candidates).

    Clusters are compared through their first sentences, so A~B and B~C do not chain A to C. A
    unit's candidates are the members of its buckets, each once, in the order the bands meet them
    (near-duplicates share most of their 32 bands: looking at each member once per band was most of
    the work). After the unit joins a cluster, the candidates are looked at again against that
    cluster's first sentence, until nothing joins. Band keys are computed once per unit
    (:attr:`Unit.band_keys`; units are kept per article across the window's rebuilds).
    """
    parent = list(range(len(units)))

    buckets: dict[tuple[int, bytes], list[int]] = {}
    empty: list[int] = []
    for i, unit in enumerate(units):
        if len(unit.tokens) < 4:
            continue
        keys = unit.band_keys
        candidates = dict.fromkeys(chain.from_iterable(map(buckets.get, keys, repeat(empty))))
        mine = i  # this unit's cluster root: only the unions below move it
        compared: set[tuple[int, int]] = set()
        moved = bool(candidates)
        while moved:
            moved = False
            for j in candidates:
                root = _find(parent, j)
                if root == mine or (root, mine) in compared:
                    continue
                compared.add((root, mine))
                if same_claim(units[root].tokens, units[mine].tokens):
                    parent[mine] = root
                    mine, moved = root, True
        for key in keys:
            members = buckets.setdefault(key, [])
            if len(members) < BUCKET_KEEP:
                members.append(i)
    groups: dict[int, list[int]] = {}
    for i in range(len(units)):
        groups.setdefault(_find(parent, i), []).append(i)
    return list(groups.values())


def _discrepancy(units: list[Unit]) -> str:
    """A number or a date that differs between articles in one claim."""
    by_sig: dict[tuple, dict[float, str]] = {}
    for unit in units:
        for figure in unit.figures:
            if figure.unit is None and not (figure.currency or figure.scale or figure.percent):
                continue  # "two countries", "11 climbers": a count of an unknown noun compares with nothing
            by_sig.setdefault(figure.signature, {}).setdefault(figure.value, unit.article)
    for values in by_sig.values():
        if len(values) > 1 and len(set(values.values())) > 1:
            return "figures differ: " + " / ".join(f"{v:g}" for v in sorted(values))
    days = {}
    for unit in units:
        for ref in unit.times:
            if ref.precision == "day" and ref.how == "absolute":
                days.setdefault(ref.date, unit.article)
    if len(days) > 1 and len(set(days.values())) > 1:
        return "dates differ: " + " / ".join(d.isoformat() for d in sorted(days))
    return ""


def _days(unit: Unit) -> set:
    return {t.date for t in unit.times if t.precision == "day"}


def agree(a: Unit, b: Unit) -> bool:
    """Two similar sentences state the same claim only when actors, happening, mode, dates and figures agree.

    Similar words are not enough: "Blinken arrived on Wednesday" and "Blinken urged China on Thursday"
    share a name and a title; a plan ("will attend") does not corroborate that it happened; "failed
    twice" is not "succeeded"; Park's two statements are two claims. A side that leaves something out
    (no date, no figure) is not a contradiction, except figures: a count one side gives and the other
    does not is a different statement.
    """
    if a.mode != b.mode:
        return False
    if a.people and b.people and not a.people & b.people:
        return False
    if a.happening and b.happening and a.happening != b.happening:
        return False
    days_a, days_b = _days(a), _days(b)
    if days_a and days_b and not days_a & days_b:
        return False
    values_a = {f.value for f in a.figures}
    values_b = {f.value for f in b.figures}
    if bool(values_a) != bool(values_b):
        return False
    return not values_a or bool(values_a & values_b)


def _split(members: list[Unit]) -> list[list[Unit]]:
    """A cluster of similar sentences split into groups that agree (each compared with its group's first)."""
    groups: list[list[Unit]] = []
    for unit in members:
        target = next((g for g in groups if agree(g[0], unit)), None)
        if target is None:
            groups.append([unit])
        else:
            target.append(unit)
    return groups


def _figures_differ(members: list[Unit]) -> bool:
    return bool(_discrepancy(members)) and _discrepancy(members).startswith("figures")


def build_claims(units: list[Unit], source_of: dict[str, str]) -> list[Claim]:
    """Clusters as claims; ``source_of`` maps an article to its independent source (wire or outlet).

    A claim is corroborated only by sentences that agree (:func:`agree`); a cluster whose sentences
    agree on all but a figure stays one claim with the discrepancy noted and is not corroborated.
    """
    claims = []
    for group in cluster_units(units):
        cluster = [units[i] for i in group]
        if len({u.article for u in cluster}) > 1 and _figures_differ(cluster):
            sources = list(dict.fromkeys(source_of[u.article] for u in cluster))
            claims.append(Claim(cluster, sources, _discrepancy(cluster), agreed=False))
            continue
        for members in _split(cluster):
            sources = list(dict.fromkeys(source_of[u.article] for u in members))
            discrepancy = _discrepancy(members) if len({u.article for u in members}) > 1 else ""
            claims.append(Claim(members, sources, discrepancy))
    return claims


def merge_across(claims: list[Claim], pairs: list, source_of: dict[str, str]) -> list[Claim]:
    """Claims joined across languages: a claim and the other-language claim a pair links it to become one.

    Why here and not in the clustering: token sets of two languages share only names and figures, so
    the LSH clustering cannot see a translation; :mod:`briefgen.extract.crosslang` can. Sources are
    counted again over the joined units, so an Indonesian claim confirmed by an English outlet is
    corroborated while a wire story and its Indonesian reprint (same wire credit) still count once;
    a pair whose figures or dates differ joins the claims too, so the difference is listed.
    """
    where: dict[tuple[str, int, int | None], int] = {}
    for n, claim in enumerate(claims):
        for unit in claim.units:
            where[(unit.article, unit.provenance.paragraph, unit.provenance.sentence)] = n
    parent = list(range(len(claims)))

    joined = False
    for pair in pairs:
        a = where.get((pair.id.article, pair.id.provenance.paragraph, pair.id.provenance.sentence))
        b = where.get((pair.en.article, pair.en.provenance.paragraph, pair.en.provenance.sentence))
        if a is None or b is None or _find(parent, a) == _find(parent, b):
            continue
        parent[_find(parent, b)] = _find(parent, a)
        joined = True
    if not joined:
        return claims
    groups: dict[int, list[int]] = {}
    for n in range(len(claims)):
        groups.setdefault(_find(parent, n), []).append(n)
    out = []
    for members in groups.values():
        if len(members) == 1:
            out.append(claims[members[0]])
            continue
        units = [u for n in members for u in claims[n].units]
        sources = list(dict.fromkeys(source_of[u.article] for u in units))
        reasons = [p.reason for p in pairs if p.kind == "conflict"
                   and where.get((p.id.article, p.id.provenance.paragraph, p.id.provenance.sentence)) in members]
        discrepancy = _discrepancy(units) or (reasons[0] if reasons else "")
        # a translation that says it with other figures or dates is a discrepancy, not corroboration
        out.append(Claim(units, sources, discrepancy, agreed=not discrepancy))
    return out
