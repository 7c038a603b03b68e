"""Class 7: slow inputs. 10 MB of numbers (one line, or many short lines of figures) and a million short
paragraphs: the batch finishes in bounded time and memory (a child process under a memory limit), and
the clipping says what was left out."""

from __future__ import annotations

import time

from tests.attacks.conftest import run_limited

CHILD = r"""
import json, sys, time
from pathlib import Path
from briefgen.pipeline import load_articles
from briefgen.extract.facts import extract_facts
from briefgen.extract.gazetteer import load_gazetteer
from briefgen import minhash
from briefgen.extract.figures import find_figures

folder = Path(sys.argv[1])
cases = {
    "numbers.txt": lambda: " ".join(str(i) for i in range(1_500_000)),
    "figures.txt": lambda: "\n".join(f"Rp{i} juta dan {i} persen" for i in range(50_000)),
    "million.txt": lambda: "\n\n".join(f"Kata{i % 1000}." for i in range(1_000_000)),
}
for name, make in cases.items():
    (folder / name).write_text(make(), encoding="utf-8")
    start = time.monotonic()
    loaded = load_articles([folder / name])
    facts = extract_facts(loaded.articles, load_gazetteer())
    (article,) = loaded.articles
    notes = sorted({r.reason for r in article.removed if "cut" in r.reason})
    print(json.dumps({"name": name, "seconds": time.monotonic() - start, "paragraphs": len(article.paragraphs),
                      "notes": notes, "errors": [str(e) for e in loaded.errors]}), flush=True)

# the units themselves, on sizes no clipping reaches after the caps: linear, not quadratic
gazetteer = load_gazetteer()
for n in (25_000, 100_000):
    text = " ".join(f"{i} juta" for i in range(n))
    start = time.monotonic()
    find_figures(text, gazetteer, skip=[(i * 10, i * 10 + 3) for i in range(n // 10)])
    print(json.dumps({"name": f"find_figures {n}", "seconds": time.monotonic() - start}), flush=True)
for n in (50_000, 200_000):
    start = time.monotonic()
    minhash.signature((str(i).encode() for i in range(n)), 32)
    print(json.dumps({"name": f"minhash {n}", "seconds": time.monotonic() - start}), flush=True)
"""


def test_huge_clippings_finish_in_bounded_time_and_memory(tmp_path):
    start = time.monotonic()
    results = {r["name"]: r for r in run_limited(CHILD, str(tmp_path), user_dir=tmp_path / "user", timeout=150,
                                                 memory_mb=1200)}
    for name in ("numbers.txt", "figures.txt", "million.txt"):
        r = results[name]
        assert not r["errors"] and r["paragraphs"] >= 1, r
        assert r["notes"], f"{name}: nothing says the clipping was cut"
        assert r["seconds"] < 45, r
    # linear: four times the input takes well under sixteen times as long
    assert results["find_figures 100000"]["seconds"] < 8 * max(results["find_figures 25000"]["seconds"], 0.05)
    assert results["minhash 200000"]["seconds"] < 8 * max(results["minhash 50000"]["seconds"], 0.05)
    assert time.monotonic() - start < 150
    print({name: round(r["seconds"], 2) for name, r in results.items()})


def test_the_cut_is_visible_and_the_first_lines_are_kept():
    from briefgen.ingest.clean import CUT_CLIPPING, CUT_LINE, MAX_LINE_CHARS, MAX_LINES, clean

    lines = [f"Paragraf nomor {i} berisi kalimat lengkap yang cukup panjang untuk dibaca sebagai isi berita."
             for i in range(MAX_LINES + 50)]
    result = clean("\n".join(lines))
    assert len(result.paragraphs) <= MAX_LINES and "nomor 0 " in " ".join(result.paragraphs[:3])
    assert [r.reason for r in result.removed].count(CUT_CLIPPING) == 1
    long = clean("Judul\n\n" + "kata " * (MAX_LINE_CHARS // 2) + "\n")
    assert any(r.reason == CUT_LINE for r in long.removed)
