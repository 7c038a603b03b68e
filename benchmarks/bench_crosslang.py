"""Cross-language matching: speed at 1,000 clippings (half Indonesian, half English) and quality on the
labelled clippings of tests/crosslang.

    uv run python benchmarks/bench_crosslang.py [N]      # N clippings in all (default 1000)

Speed: N/2 Indonesian clippings from ``corpus_gen`` (the samples recombined) and N/2 English ones built
the same way from English sentences of the same events (the samples' supplied translation and the
English test clippings), so nearly every sentence shares names with thousands of others: the worst
case for blocking. Printed: import+clean, extraction (which includes the matching) and the matching
alone, against the 30 s import+extract budget of 1,000 clippings.

Quality: pair precision and recall on both halves of the labelled set (targets 0.95 / 0.7), and the
share of bottom-line and key points whose English comes from a source in a bilingual selection with
no translation pack (target 50 %).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))
os.environ["BRIEFGEN_USER_DIR"] = tempfile.mkdtemp(prefix="bench-crosslang-")

from corpus_gen import write_corpus  # noqa: E402

import briefgen.extract.facts as facts_module  # noqa: E402
from briefgen.extract.sentences import split_sentences  # noqa: E402
from briefgen.pipeline import load_articles  # noqa: E402
from briefgen.translate.samples import bundled_samples  # noqa: E402

WIRES = [("SEOUL", "Reuters"), ("TOKYO", "AP"), ("WASHINGTON", "AFP"), ("SEOUL", "Yonhap"), ("BEIJING", "Reuters")]


def english_material() -> list[str]:
    sentences = [en for en, _ in bundled_samples().entries.values() if len(en.split()) >= 6]
    for path in (HERE.parent / "tests" / "crosslang").glob("*/*_en.txt"):
        for paragraph in path.read_text(encoding="utf-8").split("\n\n")[2:]:
            sentences += [s for s in split_sentences(paragraph) if len(s.split()) >= 6]
    return sentences


def write_english(folder: Path, count: int, seed: int = 11) -> list[Path]:
    rng = random.Random(seed)
    sentences = english_material()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        place, wire = rng.choice(WIRES)
        day = dt.date(2023, 9, 1) + dt.timedelta(days=rng.randrange(0, 120))
        body = rng.sample(sentences, k=rng.randint(6, 14))
        paragraphs = [" ".join(body[j:j + 2]) for j in range(0, len(body), 2)]
        paragraphs[0] = f"{place}, {day:%b} {day.day} ({wire}) - {paragraphs[0]}"
        text = "\n\n".join([f"{body[0][:60]} ({i})", f"{day:%B} {day.day}, {day.year}", *paragraphs]) + "\n"
        path = folder / f"en_{i:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def speed(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_corpus(Path(tmp) / "id", n // 2) + write_english(Path(tmp) / "en", n - n // 2)
        start = time.perf_counter()
        loaded = load_articles(paths)
        imported = time.perf_counter() - start
        langs = {lang: sum(a.lang == lang for a in loaded.articles) for lang in ("id", "en")}
        spent: list[float] = []
        found: list[int] = []
        original = facts_module._pairs

        def timed(parts, gazetteer):  # noqa: ANN001, ANN202 - measure the matching inside extraction
            t0 = time.perf_counter()
            pairs = original(parts, gazetteer)
            spent.append(time.perf_counter() - t0)
            found.append(len(pairs))
            return pairs

        facts_module._pairs = timed
        try:
            start = time.perf_counter()
            facts = facts_module.extract_facts([a for a in loaded.articles if a.duplicate_of is None])
            extracted = time.perf_counter() - start
        finally:
            facts_module._pairs = original
        total = imported + extracted
        lang_of = {a.sha256: a.lang for a in loaded.articles}
        across = sum(1 for c in facts.claims_across() if len({lang_of[a] for a in c.articles}) == 2)
        print(f"{len(loaded.articles)} clippings ({langs['id']} Indonesian, {langs['en']} English): import+clean "
              f"{imported:.2f} s, extraction {extracted:.2f} s of which cross-language matching {spent[0]:.2f} s "
              f"({found[0]} pairs, {across} claims confirmed across languages); import+extract {total:.2f} s "
              f"-> {'within' if total <= 30 else 'OVER'} the 30 s budget")


def quality() -> None:
    from crosslang_eval import ROOT, evaluate

    from briefgen.model.text import Status
    from briefgen.pipeline import BuildOptions, make_briefing, translate

    evs = [evaluate("tune"), evaluate("heldout")]
    for ev in evs:
        print(ev.line())
    correct = sum(len(e.predicted & e.gold) for e in evs)
    print(f"labelled set: {sum(e.candidates for e in evs)} candidate pairs -> precision "
          f"{correct / sum(len(e.predicted) for e in evs):.3f}, recall {correct / sum(len(e.gold) for e in evs):.3f}")
    for pattern in ("tune/t*.txt", "tune/h*.txt", "heldout/*.txt"):
        loaded = load_articles(sorted(ROOT.glob(pattern)))
        options = BuildOptions(template="briefing-note", use_mt=False)
        briefing = translate(make_briefing(loaded.articles, options)[0], options)
        points = [i for s in briefing.sections if s.key in ("bottom_line", "key_points") for i in s.items]
        filled = sum(i.text.en_status in (Status.MATCHED, Status.SOURCE) for i in points)
        langs = [a.lang for a in loaded.articles]
        print(f"selection {pattern} ({langs.count('id')} Indonesian, {langs.count('en')} English), no pack: "
              f"{filled}/{len(points)} bottom-line and key points with English from a source "
              f"({filled / len(points):.0%}; target 50 %)")


if __name__ == "__main__":
    speed(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
    quality()
