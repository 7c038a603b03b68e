"""Smoke build: freeze briefgen here, run the frozen app headless, check what it writes, print figures.

    uv run python packaging/smoke.py                 # build into build/smoke/, then check
    uv run python packaging/smoke.py --reuse         # check an existing build/smoke/dist bundle
    uv run python packaging/smoke.py --cold          # also drop the page cache first (Linux, root)

Run by ``tests/test_packaging_smoke.py`` (marked ``slow``). Checks, in a folder outside the checkout and
with a private user folder: ``--version`` equals pyproject's version; ``build --sample`` writes a PDF
whose text holds every sample's title and the Indonesian labels (so the compiled .mo was found) and a
DOCX whose core properties carry the version; the bundle holds templates, assets, fonts and .mo files
and none of the excluded Qt modules. Prints the bundle size (target < 200 MB) with its largest parts,
and the frozen cold start. Exit status 0 when every check holds.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import build_bundle as build  # noqa: E402
import buildsupport as bs  # noqa: E402

sys.path.insert(0, str(bs.ROOT / "tests"))  # tiny_pack and the clipping makers of the tests
SIZE_TARGET_MB = 200
# excluded Qt modules (numpy is allowed since issue 13: the optional MT component carries it for the OPUS-MT converter)
FORBIDDEN = re.compile(r"Qt6?(WebEngine|Qml|Quick|Network|Multimedia|3D)|QtNetwork|qmltooling", re.I)


def _size(path: Path) -> int:
    if path.is_file() or path.is_symlink():
        return path.lstat().st_size
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() or p.is_symlink())


def _largest(root: Path, count: int = 8) -> list[tuple[str, int]]:
    """The biggest entries one level inside the bundle's library folder (``_internal`` or Frameworks)."""
    inner = root / "_internal" if (root / "_internal").is_dir() else root
    parts = [(p.name, _size(p)) for p in inner.iterdir()]
    pyside = inner / "PySide6" / "Qt" / "lib"
    if pyside.is_dir():
        parts += [(f"PySide6/Qt/lib/{p.name}", _size(p)) for p in pyside.iterdir()]
    return sorted(parts, key=lambda item: -item[1])[:count]


def _debug_bytes(root: Path) -> int:
    """Bytes of ELF ``.debug_*`` sections in the bundle's large libraries (Linux wheels only; 0 elsewhere).

    Windows and macOS wheels keep debug information out of the binaries, so the Linux bundle minus
    this figure is the fair estimate of the shipped bundles' size.
    """
    if not sys.platform.startswith("linux") or not shutil.which("readelf"):
        return 0
    total = 0
    for path in root.rglob("*.so*"):
        if path.is_symlink() or path.stat().st_size < 2**20:
            continue
        out = subprocess.run(["readelf", "-SW", str(path)], capture_output=True, text=True).stdout
        for match in re.finditer(r"\]\s+\.debug_\S+\s+\S+\s+\S+\s+\S+\s+([0-9a-f]+)", out):
            total += int(match.group(1), 16)
    return total


def _run(exe: Path, args: list[str], cwd: Path, env: dict[str, str]) -> tuple[subprocess.CompletedProcess, float]:
    started = time.perf_counter()
    result = subprocess.run([str(exe), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
    return result, time.perf_counter() - started


def _drop_page_cache() -> bool:
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def _expected_titles() -> list[str]:
    """The sample titles as the checkout reads them: the frozen PDF must show the same."""
    from briefgen.pipeline import load_articles
    from briefgen.resources import sample_files

    return [a.title for a in load_articles(sample_files()).articles if a.title]


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return _squash(" ".join(page.extract_text() or "" for page in PdfReader(path).pages))


def _check_machine_translation(exe: Path, work: Path, env: dict[str, str], args: list[str],
                               plain_text: str) -> list[str]:
    """Install a tiny, real CTranslate2 pack with the frozen app and build with it.

    ``packs install`` runs the pack's canary translation, so ctranslate2 and sentencepiece must load
    and run inside the bundle; the briefing of copies of the samples (the bundled samples come with their
    English) built afterwards must then hold fewer untranslated markers than before the install. A tiny
    OPUS-MT release is converted and installed too (numpy and CTranslate2's converter in the bundle).
    The pack (random weights, made by tests/tiny_pack.py) translates into gibberish: only the plumbing
    is checked here.
    """
    from tiny_pack import build_pack_zip

    from briefgen.resources import sample_files

    failures: list[str] = []
    # copies of the samples (one byte more): the bundled ones come with their English, leaving nothing to translate
    copies = work / "sample-copies"
    copies.mkdir(exist_ok=True)
    for path in sample_files():
        (copies / path.name).write_bytes(path.read_bytes() + b"\n")
    build_args = ["build", str(copies), "--date", "2023-11-10"]
    plain = work / "copies.pdf"
    result, _ = _run(exe, [*build_args, "-o", plain.name], work, env)
    if result.returncode != 0 or not plain.is_file():
        return [f"build of the sample copies exited {result.returncode}: {result.stderr[-800:]}"]
    archive = build_pack_zip(work / "pack")
    result, seconds = _run(exe, ["packs", "install", str(archive)], work, env)
    if result.returncode != 0:
        return [f"frozen packs install exited {result.returncode}: {result.stderr[-800:]}"]
    pdf = work / "mt.pdf"
    result, _ = _run(exe, [*build_args, "-o", pdf.name], work, env)
    if result.returncode != 0 or not pdf.is_file():
        return [f"build with an installed pack exited {result.returncode}: {result.stderr[-800:]}"]
    before, after = _pdf_text(plain).count("[Untranslated]"), _pdf_text(pdf).count("[Untranslated]")
    if not after < before:
        failures.append(f"the installed pack translated nothing ({before} -> {after} untranslated markers)")
    print(f"machine translation in the bundle: pack installed (canary run) in {seconds:.2f} s; "
          f"untranslated markers {before} -> {after}")
    # an OPUS-MT release is converted at install by CTranslate2's converter, which needs numpy (bundled with
    # the MT component): a tiny release must install with the frozen app too
    from tiny_models import opus_mt_release

    release = opus_mt_release(work / "opus-release", licence="CC-BY 4.0")
    result, seconds = _run(exe, ["packs", "install", str(release)], work, env)
    if result.returncode != 0 or "OPUS-MT" not in result.stdout:
        failures.append(f"frozen packs install of an OPUS-MT release exited {result.returncode}: "
                        f"{(result.stdout + result.stderr)[-800:]}")
    else:
        print(f"OPUS-MT release converted and installed by the bundle in {seconds:.2f} s")
    return failures


def _check_importers(exe: Path, work: Path, env: dict[str, str]) -> list[str]:
    """Every clipping format read by the frozen app exactly as by the checkout: HTML (trafilatura, lxml),
    Word (python-docx) and PDF (pypdf) clippings, through ``inspect --json``, compared field by field."""
    import json

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # make_pdf prints with Qt, here in the smoke process
    from test_ingest_gold import make_docx, make_pdf

    corpus = bs.ROOT / "tests" / "corpus"
    clips = work / "clips"
    clips.mkdir()
    shutil.copy(corpus / "liputan6.html", clips / "liputan6.html")
    make_docx(corpus / "jakartapost_docx.txt", clips / "jakartapost.docx")
    make_pdf(corpus / "koreaherald_pdf.txt", clips / "koreaherald.pdf")
    names = [f"clips/{p.name}" for p in sorted(clips.iterdir())]
    frozen, _ = _run(exe, ["inspect", "--json", *names], work, env)
    checkout = subprocess.run([sys.executable, "-m", "briefgen", "inspect", "--json", *names], cwd=work,
                              capture_output=True, text=True, env={**os.environ, **env})
    if frozen.returncode != 0:
        return [f"frozen inspect of {names} exited {frozen.returncode}: {frozen.stderr[-800:]}"]
    got, expected = json.loads(frozen.stdout), json.loads(checkout.stdout)
    failures = [f"frozen inspect of {a['file']} differs from the checkout's"
                for a, b in zip(got, expected, strict=False) if a != b]
    if len(got) != 3 or not all(a["paragraphs"] for a in got):
        failures.append(f"frozen inspect read {len(got)} of 3 clippings, or one without paragraphs")
    print(f"clipping formats in the bundle: {', '.join(Path(n).suffix for n in names)} read "
          f"{'as the checkout reads them' if not failures else 'DIFFERENTLY from the checkout'}")
    return failures


def _internal(root: Path) -> Path:
    return root / "_internal" if (root / "_internal").is_dir() else root


def _check_without_engine(root: Path, work: Path, env: dict[str, str], args: list[str], plain_text: str) -> list[str]:
    """The Standard install: the bundle without the optional MT engine component, as Inno Setup lays it out.

    With a pack already installed (by the full bundle), the briefing must still build, say machine
    translation is off and why, and leave the text marked untranslated; installing a pack must be
    refused with the same reason.
    """
    core = work / "standard" / root.name
    inner = _internal(root)
    shutil.copytree(root, core, symlinks=True,
                    ignore=lambda folder, names: [n for n in names if Path(folder) == inner and bs.is_mt_engine(n)])
    exe = core / (bs.APP_NAME + ("-cli.exe" if sys.platform == "win32" else ""))  # the one-folder, not the .app
    failures: list[str] = []
    pdf = work / "standard.pdf"
    result, _ = _run(exe, [*args, "-o", pdf.name], work, env)
    if result.returncode != 0 or not pdf.is_file():
        return [f"the bundle without the MT engine: build exited {result.returncode}: {result.stderr[-800:]}"]
    if "machine translation is off" not in result.stderr or "not installed" not in result.stderr:
        failures.append(f"without the MT engine the build does not say machine translation is off: "
                        f"{result.stderr[-400:]!r}")
    if _pdf_text(pdf) != plain_text:
        failures.append("without the MT engine the briefing differs from the one built with no pack")
    from tiny_pack import build_pack_zip

    result, _ = _run(exe, ["packs", "install", str(build_pack_zip(work / "pack2"))], work, env)
    if result.returncode == 0 or "Offline machine translation" not in result.stderr:
        failures.append(f"without the MT engine, packs install exited {result.returncode}: {result.stderr[-400:]!r}")
    print(f"without the MT engine: briefing built, untranslated text kept and explained; packs install refused: "
          f"{result.stderr.strip().splitlines()[-1][:160] if result.stderr.strip() else '(no message)'}")
    return failures


def check_bundle(dist: Path, cold: bool = False) -> list[str]:
    """Run the frozen app and check it; print the figures; return the failures (empty when all hold)."""
    from docx import Document
    from pypdf import PdfReader

    failures: list[str] = []
    root = dist / bs.APP_NAME
    exe = build.executable(dist)
    version = bs.project_version()
    with tempfile.TemporaryDirectory(prefix="briefgen-smoke-") as tmp:
        work = Path(tmp)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "UV_"))}
        env.update(QT_QPA_PLATFORM="offscreen", BRIEFGEN_USER_DIR=str(work / "user"), LANG="C.UTF-8")

        dropped = _drop_page_cache() if cold else False
        result, first = _run(exe, ["--version"], work, env)
        _, warm = _run(exe, ["--version"], work, env)
        if result.stdout.strip() != f"briefgen {version}":
            failures.append(f"--version printed {result.stdout.strip()!r} (stderr {result.stderr[-300:]!r})")

        if cold:
            _drop_page_cache()
        # the window itself: starts, loads the five samples, shows the first preview, then quits
        gui, gui_first = _run(exe, [], work, {**env, "BRIEFGEN_QUIT_WHEN_READY": "1"})
        gui_warm = _run(exe, [], work, {**env, "BRIEFGEN_QUIT_WHEN_READY": "1"})[1]
        if gui.returncode != 0:
            failures.append(f"the frozen window exited {gui.returncode}: {gui.stderr[-800:]}")
        if cold:
            _drop_page_cache()
        pdf, docx, reference = work / "x.pdf", work / "x.docx", work / "checkout.pdf"
        args = ["build", "--sample", "--date", "2023-11-10"]
        result, build_seconds = _run(exe, [*args, "-o", pdf.name], work, env)
        # the same briefing from the checkout: the frozen app must write the same text (labels from the
        # compiled .mo, dates from the pruned Babel data, templates from the bundle)
        subprocess.run([sys.executable, "-m", "briefgen", *args, "-o", str(reference)], cwd=work, check=True,
                       capture_output=True,
                       env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "BRIEFGEN_USER_DIR": str(work / "user2")})
        if result.returncode != 0 or not pdf.is_file():
            failures.append(f"build --sample -o x.pdf exited {result.returncode}: {result.stderr[-800:]}")
        else:
            text = _pdf_text(pdf)
            missing = [t for t in _expected_titles() if _squash(t) not in text]
            if missing:
                failures.append(f"PDF lacks sample titles: {missing}")
            if text != _pdf_text(reference):
                failures.append("the frozen PDF's text differs from the checkout's")
            print(f"PDF: {len(PdfReader(pdf).pages)} pages, {pdf.stat().st_size / 1024:.0f} KB; "
                  f"{'all' if not missing else 'NOT all'} sample titles present; "
                  f"text {'identical to' if text == _pdf_text(reference) else 'DIFFERENT from'} the checkout's")
        result, _ = _run(exe, [*args, "-o", docx.name], work, env)
        if result.returncode != 0 or not docx.is_file():
            failures.append(f"build --sample -o x.docx exited {result.returncode}: {result.stderr[-800:]}")
        elif version not in (Document(str(docx)).core_properties.comments or ""):
            failures.append("DOCX core properties do not carry the version")

        plain_text = _pdf_text(pdf) if pdf.is_file() else ""
        failures += _check_importers(exe, work, env)
        failures += _check_machine_translation(exe, work, env, args, plain_text)
        failures += _check_without_engine(root, work, env, args, plain_text)

    internal = _internal(root)
    for rel in ("briefgen/_data/templates", "briefgen/_data/assets/fonts", "briefgen/_data/assets/samples",
                "briefgen/locale/id/LC_MESSAGES/briefgen.mo", "briefgen/locale/id/qt/qtbase_id.qm"):
        if not (internal / rel).exists():
            failures.append(f"bundle lacks {rel}")
    forbidden = sorted({p.name for p in root.rglob("*") if FORBIDDEN.search(p.name)})
    if forbidden:
        failures.append(f"excluded modules in the bundle: {forbidden[:10]}")

    total = _size(root)
    engine = sum(_size(p) for p in internal.iterdir() if bs.is_mt_engine(p.name))
    standard = total - engine
    print(f"bundle: {root} = {total / 2**20:.1f} MB with every component, {sum(1 for _ in root.rglob('*'))} files")
    print(f"  Standard install (without the optional MT engine): {standard / 2**20:.1f} MB "
          f"(target < {SIZE_TARGET_MB} MB: {'met' if standard < SIZE_TARGET_MB * 2**20 else 'NOT met'}); "
          f"Offline machine translation component: {engine / 2**20:.1f} MB")
    if standard >= SIZE_TARGET_MB * 2**20:
        failures.append(f"the Standard install is {standard / 2**20:.1f} MB, over the {SIZE_TARGET_MB} MB target")
    debug = _debug_bytes(root)
    if debug:
        print(f"  of which ELF debug sections (absent from Windows/macOS wheels): {debug / 2**20:.1f} MB "
              f"-> {(total - debug) / 2**20:.1f} MB without them")
    for name, size in _largest(root):
        print(f"  {size / 2**20:7.1f} MB  {name}")
    cache_note = "page cache dropped" if dropped else "page cache warm"
    print(f"frozen cold start: --version {first:.2f} s ({cache_note}), then {warm:.2f} s; "
          f"window with the samples to its first preview {gui_first:.2f} s, then {gui_warm:.2f} s; "
          f"build --sample -o x.pdf {build_seconds:.2f} s end to end")
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Freeze briefgen here and check the frozen app.")
    parser.add_argument("--out", type=Path, default=bs.ROOT / "build" / "smoke", help="build folder")
    parser.add_argument("--reuse", action="store_true", help="check the existing bundle, do not rebuild")
    parser.add_argument("--cold", action="store_true", help="drop the page cache before timing (needs root)")
    args = parser.parse_args(argv)
    dist = args.out / "dist"
    if not args.reuse:
        build.build_bundle(dist, args.out / "work")
    failures = check_bundle(dist, cold=args.cold)
    for failure in failures:
        print(f"FAIL: {failure}", file=sys.stderr)
    print("smoke: ok" if not failures else f"smoke: {len(failures)} check(s) failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
