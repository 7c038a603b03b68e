"""Scoring the cross-language matcher on the labelled clippings of tests/crosslang (shared by the tests
and benchmarks/bench_crosslang.py).

A *candidate* pair is an Indonesian and an English sentence of one half that share at least one anchor
(a gazetteer entity, a name, a figure or a date); the labels name the pairs that state the same fact
("+") or the same event with a different figure or date ("!"). Every other candidate is a different
fact, so the near misses (same people at another meeting, the same figure in another year, two
statements by one speaker) are candidates the matcher must leave alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from briefgen.extract.crosslang import default_lexicon, sentence_features
from briefgen.extract.facts import extract_facts
from briefgen.extract.gazetteer import default_gazetteer
from briefgen.extract.sentences import split_sentences
from briefgen.extract.timeexpr import find_times
from briefgen.pipeline import load_articles

ROOT = Path(__file__).resolve().parent / "crosslang"
HALVES = ("tune", "heldout")


@dataclass
class Evaluation:
    half: str
    candidates: int = 0
    hard: int = 0  # candidates sharing three or more anchors and words but labelled a different fact
    gold: set = field(default_factory=set)
    gold_conflicts: set = field(default_factory=set)
    predicted: set = field(default_factory=set)
    predicted_conflicts: set = field(default_factory=set)
    wrong: list = field(default_factory=list)
    missed: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        return len(self.predicted & self.gold) / len(self.predicted) if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return len(self.predicted & self.gold) / len(self.gold) if self.gold else 1.0

    def line(self) -> str:
        return (f"{self.half}: {self.candidates} candidate pairs ({len(self.gold)} same fact, "
                f"{len(self.gold_conflicts)} discrepancy, {self.hard} hard negatives); predicted {len(self.predicted)}"
                f" -> precision {self.precision:.3f}, recall {self.recall:.3f}; discrepancies found "
                f"{len(self.predicted_conflicts & self.gold_conflicts)}/{len(self.gold_conflicts)}, "
                f"wrong {len(self.predicted_conflicts - self.gold_conflicts)}")


def read_labels(path: Path) -> list[tuple[str, str, str, str, str]]:
    """(mark, id file, id piece, en file, en piece) per labelled line."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line[:1] not in "+!":
            continue
        left, right = line[1:].split(" = ")
        id_file, id_piece = (s.strip() for s in left.split(":", 1))
        en_file, en_piece = (s.strip() for s in right.split(":", 1))
        out.append((line[0], id_file, id_piece, en_file, en_piece))
    return out


def half_articles(half: str):
    files = sorted((ROOT / half).glob("*.txt"))
    loaded = load_articles(files)
    assert not loaded.errors, loaded.errors
    return {Path(a.file).stem: a for a in loaded.articles}


def sentences_of(article) -> list[tuple[tuple[int, int], str]]:
    return [((p, s), text) for p, para in enumerate(article.paragraphs) for s, text in enumerate(split_sentences(para))
            if len(text.split()) >= 6]


def evaluate(half: str) -> Evaluation:
    articles = half_articles(half)
    sha_to_name = {a.sha256: name for name, a in articles.items()}
    def locate(name: str, piece: str) -> tuple[str, tuple[int, int]]:
        hits = [(name, at) for at, text in sentences_of(articles[name]) if piece in text]
        assert len(hits) == 1, f"{half}/{name}: {piece!r} names {len(hits)} sentences"
        return hits[0]

    ev = Evaluation(half)
    labels = [line for path in sorted((ROOT / half).glob("*.pairs")) for line in read_labels(path)]
    for mark, id_file, id_piece, en_file, en_piece in labels:
        pair = (locate(id_file, id_piece), locate(en_file, en_piece))
        (ev.gold if mark == "+" else ev.gold_conflicts).add(pair)
    # candidates: every id x en sentence pair sharing an anchor
    gaz, lexicon = default_gazetteer(), default_lexicon()
    feats = {}
    for name, article in articles.items():
        for at, text in sentences_of(article):
            times = find_times(text, article.published)
            f = sentence_features(text, article.lang, gaz, lexicon, times)[0]
            feats[(name, at)] = (article.lang, f)
    ids = [k for k, (lang, _) in feats.items() if lang == "id"]
    ens = [k for k, (lang, _) in feats.items() if lang == "en"]
    for a in ids:
        for b in ens:
            shared = feats[a][1] & feats[b][1]
            if any(f[0] in "enfd" for f in shared):
                ev.candidates += 1
                pair = (a, b)
                if pair not in ev.gold and pair not in ev.gold_conflicts and \
                        sum(1 for f in shared if f[0] in "enfd") >= 2 and sum(1 for f in shared if f[0] == "w") >= 2:
                    ev.hard += 1
    facts = extract_facts(list(articles.values()), gaz)
    text_of = {}
    for p in facts.pairs:
        key = ((sha_to_name[p.id.article], (p.id.provenance.paragraph, p.id.provenance.sentence)),
               (sha_to_name[p.en.article], (p.en.provenance.paragraph, p.en.provenance.sentence)))
        text_of[key] = (p.id.text, p.en.text, p.score, p.reason)
        (ev.predicted if p.kind == "same" else ev.predicted_conflicts).add(key)
    ev.wrong = [text_of[k] for k in ev.predicted - ev.gold]
    ev.missed = sorted(ev.gold - ev.predicted)
    return ev
