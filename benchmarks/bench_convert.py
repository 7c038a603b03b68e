"""Installing an OPUS-MT release of realistic size: conversion time and peak memory.

    uv run python benchmarks/bench_convert.py [--vocab 60000] [--layers 6] [--dim 512] [--keep DIR]

A Marian Transformer-base as OPUS-MT/Tatoeba-MT release it (6+6 layers, 512 wide, 2048 feed-forward, 8
heads, tied embeddings over a ~60k joint vocabulary: about 75 M parameters, a ~300 MB ``.npz``) is
synthesised with random weights next to ``decoder.yml``, the vocabulary ``.yml`` and two ``.spm``
files, zipped as a release zip, and installed with ``briefgen.translate.packs.install_pack``: unzip,
checks, CTranslate2's OpusMTConverter to int8, vocabulary check, canary and placeholder probe.

Why a child process: peak memory is a per-process high-water mark (``ru_maxrss``), so the install runs
in a fresh interpreter that did not build the model; its own peak and the wall time of each phase are
printed. Target (issue 13): memory under 1.5 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))  # tiny_models / tiny_pack: the same builders the tests use


def _rss_mb(maxrss: int) -> float:
    return maxrss / 1024**2 if sys.platform == "darwin" else maxrss / 1024


def build_release(root: Path, vocab: int, layers: int, dim: int) -> Path:
    """A release zip of realistic size: sentencepiece pieces first (so the canary's tokens are known), then
    filler tokens up to ``vocab``."""
    import tiny_models as tm
    from tiny_pack import _vocab

    folder = root / "opus-id-en"
    folder.mkdir(parents=True)
    src, tgt = tm.spm_model("id", 2000), tm.spm_model("en", 2000)
    (folder / "source.spm").write_bytes(src)
    (folder / "target.spm").write_bytes(tgt)
    tokens = ["</s>", "<unk>"]
    seen = set(tokens)
    for token in _vocab(src) + _vocab(tgt):
        if token not in seen and token != "<s>":
            seen.add(token)
            tokens.append(token)
    tokens += [f"\u2581filler{i}" for i in range(vocab - len(tokens))]
    vocab_name = "opus.spm32k-spm32k.vocab.yml"
    (folder / vocab_name).write_text("".join(f"{json.dumps(t, ensure_ascii=False)}: {i}\n"
                                             for i, t in enumerate(tokens)), encoding="utf-8")
    model = "opus.spm32k-spm32k.transformer-align.model1.npz.best-perplexity.npz"
    tm.marian_npz(folder / model, len(tokens), layers=layers, dim=dim, ffn=4 * dim, heads=8, eos_bias=4.0)
    (folder / "decoder.yml").write_text(f"models:\n  - {model}\nvocabs:\n  - {vocab_name}\n  - {vocab_name}\n",
                                        encoding="utf-8")
    (folder / "README.md").write_text("# opus-2021-04-30.zip\n\n* source language(s): ind\n* target language(s): eng\n")
    (folder / "LICENSE").write_text(tm.CC_BY)
    archive = root / "opus-2021-04-30.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_STORED) as zf:  # release zips are barely compressible
        for path in sorted(folder.iterdir()):
            zf.write(path, path.name)
    return archive


def child(archive: str, user: str) -> None:
    """Install in this fresh process; print phases and peak memory as one JSON line."""
    os.environ["BRIEFGEN_USER_DIR"] = user
    from briefgen.progress import Progress
    from briefgen.translate.packs import install_pack

    marks: dict[str, float] = {}
    start = time.perf_counter()

    def tell(done: int, total: int, message: str) -> None:
        if message == "reading the Marian model" and "unzipped" not in marks:
            marks["unzipped"] = time.perf_counter() - start
        if message.startswith("quantised"):
            marks["converted"] = time.perf_counter() - start

    info = install_pack(Path(archive), progress=Progress(callback=tell))
    marks["installed"] = time.perf_counter() - start
    rss = _rss_mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    print(json.dumps({"marks": marks, "peak_mb": rss, "pack_mb": info.size / 1024**2, "name": info.name}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vocab", type=int, default=60_000)
    parser.add_argument("--layers", type=int, default=6)
    parser.add_argument("--dim", type=int, default=512)
    parser.add_argument("--keep", type=Path, help="build the release here and keep it")
    parser.add_argument("--child", nargs=2, metavar=("ARCHIVE", "USER_DIR"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp)
        t0 = time.perf_counter()
        archive = build_release(root / "build", args.vocab, args.layers, args.dim)
        npz = next((root / "build" / "opus-id-en").glob("*.npz"))
        print(f"synthesised a release: {npz.stat().st_size / 1024**2:.0f} MB .npz, zip "
              f"{archive.stat().st_size / 1024**2:.0f} MB, {args.layers}+{args.layers} layers x {args.dim}, "
              f"vocabulary {args.vocab} ({time.perf_counter() - t0:.1f} s, not measured)")
        result = subprocess.run([sys.executable, __file__, "--child", str(archive), str(root / "user")],
                                capture_output=True, text=True, check=False)
        if result.returncode:
            print(result.stderr[-2000:])
            raise SystemExit(result.returncode)
        data = json.loads(result.stdout.strip().splitlines()[-1])
        marks = data["marks"]
        print(f"install {data['name']}: unzip + checks {marks.get('unzipped', 0):.1f} s, conversion to int8 "
              f"{marks['converted'] - marks.get('unzipped', 0):.1f} s, vocabulary check + canary + probe "
              f"{marks['installed'] - marks['converted']:.1f} s; total {marks['installed']:.1f} s "
              f"({os.cpu_count()} CPUs)")
        print(f"peak memory of the installing process: {data['peak_mb']:.0f} MB (target < 1536 MB); "
              f"installed pack {data['pack_mb']:.0f} MB")


if __name__ == "__main__":
    main()
