"""Generate many plausible clippings by recombining the sample corpus, for benchmarks and load tests.

Each generated clipping takes a headline and body sentences from the five samples, and wraps them in
the kind of boilerplate real pages carry (subscription lines, "Baca Juga" links, a byline, a tail of
other headlines), under a varied outlet dateline and publication date. Deterministic for a seed.

    uv run python benchmarks/corpus_gen.py OUT_DIR 1000
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

from briefgen.extract.sentences import split_sentences
from briefgen.ingest.clean import clean
from briefgen.resources import sample_files

OUTLETS = [("Kompas.com", "JAKARTA"), ("detikNews", "Jakarta"), ("CNN Indonesia", "Jakarta"),
           ("ANTARA", "Seoul"), ("Okezone.com", "SEOUL"), ("Bisnis.com", "JAKARTA"), ("TEMPO.CO", "Jakarta"),
           ("Republika", "SEOUL"), ("Liputan6.com", "Jakarta"), ("SINDOnews.com", "SEOUL")]
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
BOILERPLATE_TOP = ["Nyaman tanpa iklan. Langganan sekarang", "Lupa Kata Sandi? Klik di Sini", "loading...", "A", "A"]
TAIL = ["Berita Terkait", "Harga emas naik tajam pekan ini", "2 jam lalu", "Timnas menang tipis di Bangkok",
        "5 jam lalu", "Cuaca ekstrem landa Jawa Barat", "1 hari lalu"]


def _material() -> tuple[list[str], list[str]]:
    titles, sentences = [], []
    for path in sample_files():
        result = clean(path.read_text(encoding="utf-8"))
        if result.title:
            titles.append(result.title)
        for paragraph in result.paragraphs:
            sentences += [s for s in split_sentences(paragraph) if len(s.split()) >= 6]
    return titles, sentences


def make_clipping(rng: random.Random, titles: list[str], sentences: list[str], index: int) -> str:
    outlet, place = rng.choice(OUTLETS)
    date = dt.date(2023, 9, 1) + dt.timedelta(days=rng.randrange(0, 120))
    day = DAYS[date.weekday()]
    body = rng.sample(sentences, k=min(len(sentences), rng.randint(6, 14)))
    paragraphs = [" ".join(body[i:i + 2]) for i in range(0, len(body), 2)]
    stamp = f"{day} ({date.day}/{date.month}/{date.year})"
    paragraphs[0] = f"{outlet}, {place} - {paragraphs[0]} Hal itu disampaikan pada {stamp}."
    if len(paragraphs) > 3:
        paragraphs.insert(2, f"Baca Juga: {rng.choice(titles)}")
    lines = rng.sample(BOILERPLATE_TOP, k=2) + [f"{rng.choice(titles)} ({index})"] + paragraphs
    lines += [f"Penulis : Redaksi {index % 37}", f"Editor : Editor {index % 11}"] + TAIL
    return "\n\n".join(lines) + "\n"


def generate(count: int, seed: int = 7) -> list[str]:
    """``count`` clipping texts (not files), deterministic for ``seed``."""
    rng = random.Random(seed)
    titles, sentences = _material()
    return [make_clipping(rng, titles, sentences, i) for i in range(count)]


def write_corpus(folder: Path, count: int, seed: int = 7) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, text in enumerate(generate(count, seed)):
        path = folder / f"gen_{i:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    out, n = Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 100
    print(f"wrote {len(write_corpus(out, n))} clippings to {out}")
