"""Translation-layer figures: memory look-up time with 100,000 segments, and pack throughput.

    uv run python benchmarks/bench_translate.py [--segments 100000] [--pack FILE.zip]

Memory: 100,000 distinct Indonesian sentences (built from the samples' vocabulary) are stored, then
2,000 exact look-ups (half hits, half misses) and 50 fuzzy suggestions are timed. Target: exact
look-ups under 2 ms each.

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=100_000)
    parser.add_argument("--pack", type=Path, default=os.environ.get("BRIEFGEN_TEST_PACK") or None)
    args = parser.parse_args()
    bench_memory(args.segments)
    bench_pack(args.pack)


if __name__ == "__main__":
    main()
