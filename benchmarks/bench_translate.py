"""Translation-layer figures: memory look-up time with 100,000 segments, TMX import/export of 100,000
units, and pack throughput.

    uv run python benchmarks/bench_translate.py [--segments 100000] [--pack FILE.zip] [--skip-pack]

Memory: 100,000 distinct Indonesian sentences (built from the samples' vocabulary) are stored, then
2,000 exact look-ups (half hits, half misses) and 50 fuzzy suggestions are timed. Target: exact
look-ups under 2 ms each.

TMX: a 100,000-unit TMX file (OmegaT-like: English source, Indonesian target, dates, one unit in ten
with an inline code, one in twenty a two-sentence paragraph, one in fifty a context alternative) is
imported into an empty memory, looked up both ways (2,000 probes each, half misses) and exported.
Targets: exact look-ups under 2 ms; the import is reported (units/s) with its peak memory.

Throughput: the pack named by ``--pack`` (or ``BRIEFGEN_TEST_PACK``) if given, else the tests' tiny
random-weight pack (whose figure only shows the pipeline's overhead: real models are far larger).
Everything runs in a temporary user folder; nothing of the user's is touched.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))


def _sentences(count: int, seed: int = 5) -> list[str]:
    from tiny_pack import sample_sentences

    words = sorted({w.strip(".,()\"“”") for line in sample_sentences() for w in line.split() if w.isalpha()})
    rng = random.Random(seed)
    return [" ".join(rng.choices(words, k=rng.randint(8, 24))).capitalize() + f" ({n})." for n in range(count)]


def bench_memory(count: int) -> None:
    from briefgen.translate.memory import TranslationMemory

    sentences = _sentences(count)
    with tempfile.TemporaryDirectory() as tmp, TranslationMemory(Path(tmp) / "tm.sqlite") as memory:
        start = time.perf_counter()
        memory.store_many(((s, f"EN {s}") for s in sentences), "id", "en")
        print(f"memory: stored {memory.count()} segments in {time.perf_counter() - start:.1f} s")
        rng = random.Random(1)
        probes = rng.sample(sentences, 1000) + [s.replace("(", "[") for s in rng.sample(sentences, 1000)]
        times = []
        for text in probes:
            t0 = time.perf_counter()
            memory.lookup(text, "id", "en", machine_from="some-pack")
            times.append((time.perf_counter() - t0) * 1000)
        times.sort()
        print(f"memory: exact look-up, {len(times)} probes (half misses): mean {statistics.mean(times):.3f} ms, "
              f"p95 {times[int(len(times) * 0.95)]:.3f} ms, max {times[-1]:.3f} ms (target < 2 ms)")
        fuzzy = []
        for text in rng.sample(sentences, 50):
            t0 = time.perf_counter()
            memory.suggest(text.replace(" ", "  ", 1)[:-4] + "x).", "id", "en", limit=3)
            fuzzy.append((time.perf_counter() - t0) * 1000)
        print(f"memory: fuzzy suggestion (score >= 70), first call {fuzzy[0]:.0f} ms (loads the length index), "
              f"then mean {statistics.mean(fuzzy[1:]):.1f} ms, max {max(fuzzy[1:]):.1f} ms over 49 probes")


def _tmx_file(path: Path, sentences: list[str]) -> None:
    """An OmegaT-like TMX of len(sentences) units, written once (streamed)."""
    from xml.sax.saxutils import escape

    with path.open("w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n<header creationtool="bench" '
                  'creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="en-US" '
                  'datatype="plaintext"/>\n<body>\n')
        for n, s in enumerate(sentences):
            en, ind = escape(f"EN {s}"), escape(s)
            if n % 20 == 7:
                en, ind = f"{en} Second sentence {n}.", f"{ind} Kalimat kedua {n}."
            if n % 10 == 3:
                en = en.replace(" ", ' <bpt i="1">&lt;b&gt;</bpt>x<ept i="1">&lt;/b&gt;</ept> ', 1)
            props = f'<prop type="file">a.txt</prop><prop type="id">k{n}</prop>' if n % 50 == 9 else ""
            out.write(f'<tu>{props}<tuv xml:lang="en-US"><seg>{en}</seg></tuv><tuv xml:lang="id-ID" '
                      f'changedate="20231109T031500Z"><seg>{ind}</seg></tuv></tu>\n')
        out.write("</body>\n</tmx>\n")


def bench_tmx(count: int) -> None:
    import resource

    from briefgen.translate.memory import TranslationMemory
    from briefgen.translate.tmx import export_tmx, import_tmx

    sentences = _sentences(count, seed=9)
    with tempfile.TemporaryDirectory() as tmp:
        tmx = Path(tmp) / "big.tmx"
        _tmx_file(tmx, sentences)
        with TranslationMemory(Path(tmp) / "tm.sqlite") as memory:
            before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            t0 = time.perf_counter()
            report = import_tmx(tmx, memory)
            elapsed = time.perf_counter() - t0
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"tmx: imported {tmx.stat().st_size / 2**20:.0f} MB, {report.units} units in {elapsed:.1f} s "
                  f"({report.units / elapsed:,.0f} units/s; process peak RSS {before:.0f} MB before, {peak:.0f} MB "
                  f"after): {report.summary()}")
            rng = random.Random(2)
            plain = [s for n, s in enumerate(sentences) if n % 10 != 3 and n % 20 != 7]  # no code, one sentence
            for src, tgt, probe in (("id", "en", lambda s: s), ("en", "id", lambda s: f"EN {s}")):
                hits = [probe(s) for s in rng.sample(plain, 1000)]
                probes = hits + [h.replace("(", "[") for h in hits]
                times, found = [], 0
                for text in probes:
                    t1 = time.perf_counter()
                    found += memory.lookup(text, src, tgt) is not None
                    times.append((time.perf_counter() - t1) * 1000)
                times.sort()
                print(f"tmx: exact look-up {src}->{tgt} at {memory.count()} units, {len(times)} probes "
                      f"({found} found): mean {statistics.mean(times):.3f} ms, "
                      f"p95 {times[int(len(times) * 0.95)]:.3f} ms, max {times[-1]:.3f} ms (target < 2 ms)")
            t0 = time.perf_counter()
            written = export_tmx(memory, Path(tmp) / "back.tmx")
            print(f"tmx: exported {written} units in {time.perf_counter() - t0:.1f} s")


def bench_pack(pack: Path | None) -> None:
    from briefgen.translate.engine import PackEngine
    from briefgen.translate.packs import install_pack

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["BRIEFGEN_USER_DIR"] = tmp
        if pack is None:
            from tiny_pack import build_pack_zip

            pack = build_pack_zip(Path(tmp) / "build", eos_bias=0.0)  # no early stop: decodes to the length cap
            label = "tiny random-weight test pack (overhead only)"
        else:
            label = pack.name
        t0 = time.perf_counter()
        info = install_pack(pack)
        print(f"pack: installed {info.name} ({info.source}->{info.target}) in {time.perf_counter() - t0:.2f} s "
              f"(unzip, sha256, canary)")
        from tiny_pack import sample_sentences

        texts = sample_sentences()[:200]
        if info.source == "en":
            texts = [f"The minister said talks on item {n} would continue next week." for n in range(200)]
        engine = PackEngine(info)
        engine.translate(texts[:4])  # load the model outside the timing
        engine.tokens = 0
        t0 = time.perf_counter()
        engine.translate(texts)
        elapsed = time.perf_counter() - t0
        print(f"pack: {label}: {len(texts)} sentences, {engine.tokens} target tokens in {elapsed:.2f} s = "
              f"{engine.tokens / elapsed:.0f} tokens/s ({engine.compute_type}, batch {engine.batch_size}, "
              f"beam {engine.beam_size}, {os.cpu_count()} CPUs)")
        if info.source == "id":
            bench_briefing(label)


def bench_briefing(label: str) -> None:
    """The five samples' briefing translated as ``briefgen build`` does (memory off, so every sentence goes to
    the pack): sentences, target tokens and tokens/s of the whole translate step, glossary handling included."""
    from briefgen.pipeline import BuildOptions, load_articles, make_briefing
    from briefgen.resources import sample_files
    from briefgen.translate.apply import SegmentTranslator, translate_briefing_report

    # copies (one byte more): the bundled samples come with their English, which would leave nothing to translate
    with tempfile.TemporaryDirectory() as tmp:
        copies = []
        for path in sample_files():
            copies.append(Path(tmp) / path.name)
            copies[-1].write_bytes(path.read_bytes() + b"\n")
        briefing = make_briefing(load_articles(copies).articles, BuildOptions())[0]
    with SegmentTranslator.default() as translator:
        translator.memory = None  # measure the pack, not the cache
        t0 = time.perf_counter()
        _out, report = translate_briefing_report(briefing, translator)
        elapsed = time.perf_counter() - t0
        engines = list(translator.engines.values())
    tokens = sum(e.tokens for e in engines)
    sentences = sum(e.segments for e in engines)
    print(f"briefing: five samples, {len(report.segments)} sentences to translate, {sentences} sent to "
          f"{label} in {report.mt_calls} batches, {tokens} target tokens in {elapsed:.2f} s = "
          f"{tokens / elapsed:.0f} tokens/s (model load included)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=100_000)
    parser.add_argument("--pack", type=Path, default=os.environ.get("BRIEFGEN_TEST_PACK") or None)
    parser.add_argument("--skip-pack", action="store_true", help="memory and TMX figures only")
    args = parser.parse_args()
    bench_memory(args.segments)
    bench_tmx(args.segments)
    if not args.skip_pack:
        bench_pack(args.pack)


if __name__ == "__main__":
    main()
