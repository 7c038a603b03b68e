"""Render speed: the Dossier to DOCX and PDF, for the five samples and for 50 generated articles.

    uv run python benchmarks/bench_render.py [--repeat 3]

Prints, after imports (and after Qt's one-off start, reported on its own line): the five-sample
Dossier to DOCX (target < 0.5 s) and PDF (< 1 s); a 50-article Dossier (benchmarks/corpus_gen.py)
to DOCX (< 3 s) and PDF (< 5 s) with its page count and the time spent breaking pages
(``pdf_pages.paginate``, which replaced the per-row relayout of ``paginate_rows``); and
LibreOffice's DOCX→PDF time on the same file when ``soffice`` is installed.
Best of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

t0 = time.perf_counter()
import pypdf  # noqa: E402

from benchmarks.corpus_gen import generate  # noqa: E402
from briefgen.pipeline import BuildOptions, load_articles, make_briefing, make_document  # noqa: E402
from briefgen.render import pdf as pdf_writer  # noqa: E402
from briefgen.render.docx import write_docx  # noqa: E402

IMPORTS = time.perf_counter() - t0
TARGETS = {"5 samples": (0.5, 1.0), "50 articles": (3.0, 5.0)}


def best(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def timed_pagination() -> list[float]:
    """Wrap the page breaking so its share of the PDF time is visible."""
    spent: list[float] = []
    original = pdf_writer.paginate

    def wrapper(doc, height, flow=None):
        start = time.perf_counter()
        try:
            return original(doc, height, flow)
        finally:
            spent.append(time.perf_counter() - start)

    pdf_writer.paginate = wrapper
    measure = pdf_writer.elements

    def flow(doc):  # reading the laid-out flow is part of breaking pages (and lays the document out)
        start = time.perf_counter()
        try:
            return measure(doc)
        finally:
            spent.append(time.perf_counter() - start)

    pdf_writer.elements = flow
    return spent


def run(label: str, paths: list[Path], sample: bool, out: Path, repeat: int) -> Path:
    options = BuildOptions(template="dossier")
    start = time.perf_counter()
    articles = load_articles(paths, sample=sample).articles
    briefing, template = make_briefing(articles, options)
    document = make_document(briefing, template, options)
    prepare = time.perf_counter() - start
    docx_path, pdf_path = out / f"{label.replace(' ', '-')}.docx", out / f"{label.replace(' ', '-')}.pdf"
    spent = timed_pagination()
    docx_time = best(lambda: write_docx(document, template, docx_path), repeat)
    pdf_time = best(lambda: pdf_writer.write_pdf(document, template, pdf_path), repeat)
    pages = len(pypdf.PdfReader(str(pdf_path)).pages)
    docx_target, pdf_target = TARGETS[label]
    print(f"{label:12s} articles {len(articles):3d}  load+assemble+layout {prepare:6.2f} s  ({document.layout})")
    print(f"{'':12s} DOCX {docx_time:6.2f} s (target < {docx_target} s)  "
          f"PDF {pdf_time:6.2f} s (target < {pdf_target} s), {pages} pages, "
          f"layout + page breaking {min(a + b for a, b in zip(spent[::2], spent[1::2], strict=False)):.2f} s")
    return docx_path


def libreoffice(docx_path: Path, out: Path) -> None:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if not office:
        print("LibreOffice   not installed: no comparison")
        return
    start = time.perf_counter()
    result = subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", str(out / "lo"), str(docx_path)],
                            capture_output=True, text=True, timeout=300)
    elapsed = time.perf_counter() - start
    converted = out / "lo" / docx_path.with_suffix(".pdf").name
    pages = len(pypdf.PdfReader(str(converted)).pages) if converted.exists() else 0
    status = "" if converted.exists() else f" (failed: {result.stderr.strip()[:80]})"
    print(f"LibreOffice  DOCX→PDF {elapsed:6.2f} s (cold start included), {pages} pages{status}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"imports {IMPORTS:.2f} s")
    start = time.perf_counter()
    pdf_writer.ensure_qt()
    print(f"Qt start and font registration {time.perf_counter() - start:.2f} s (once per process)")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        run("5 samples", [], True, out, args.repeat)
        corpus = out / "corpus"
        corpus.mkdir()
        for i, text in enumerate(generate(50)):
            (corpus / f"clip-{i:03d}.txt").write_text(text, encoding="utf-8")
        big = run("50 articles", [corpus], False, out, args.repeat)
        libreoffice(big, out)


if __name__ == "__main__":
    main()
