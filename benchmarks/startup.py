"""A small build against LibreOffice, side by side: what issue 20's targets are measured with.

    uv run python benchmarks/startup.py [--runs 7]

Printed, in one run on one machine:

* the five-sample build (``python -m briefgen build --sample -o x.docx -o x.pdf``) from process start,
  and LibreOffice's conversion of that same DOCX to PDF, timed in alternation (paired runs, so a
  busy moment hits both), median of ``--runs`` each, and their ratio (target ≤ 0.5 with bytecode);
* the same build without bytecode (every module compiled from source on every run: an empty
  ``PYTHONPYCACHEPREFIX`` and ``PYTHONDONTWRITEBYTECODE``), its ratio (target ≤ 0.7);
* ``briefgen --version`` (target ≤ 0.15 s);
* where the build's time goes: imports, Qt start, one-off set-up (gazetteer, cleaning rules, outlets,
  template, glossary, memory) and the document work, measured inside one process.

``python`` here is the environment's interpreter, not ``uv run`` (uv's own start is not briefgen's).
LibreOffice runs with a private profile created before timing, so its first-start cost is left out.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SPLIT = r"""
import json, sys, time
t0 = time.perf_counter()
import briefgen.pipeline, briefgen.render.docx, briefgen.render.pdf
t1 = time.perf_counter()
from briefgen.render.pdf import ensure_qt
ensure_qt()
t2 = time.perf_counter()
from briefgen.extract.gazetteer import load_gazetteer
from briefgen.ingest.outlets import registry
from briefgen.ingest.rules import default_rules
from briefgen.templating import get_template
from briefgen.translate.glossary import Glossary
from briefgen.translate.memory import TranslationMemory
load_gazetteer(); default_rules(); registry(); get_template(None); Glossary.default(); TranslationMemory().close()
t3 = time.perf_counter()
from pathlib import Path
from briefgen.pipeline import build
build([], [Path(sys.argv[1]) / "s.docx", Path(sys.argv[1]) / "s.pdf"], sample=True)
t4 = time.perf_counter()
print(json.dumps({"imports": t1 - t0, "qt": t2 - t1, "setup": t3 - t2, "work": t4 - t3}))
"""


CPU: list[float] = []  # processor seconds of the last _timed call (user + system, its whole process tree)


def _timed(cmd: list[str], env: dict[str, str], cwd: Path) -> float:
    """Wall seconds; the processor seconds go to ``CPU`` (steadier than wall time on a busy machine)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, timeout=600)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU[:] = [after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime]
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:4])}… failed: {result.stderr.decode(errors='replace')[-600:]}")
    return elapsed


def measure(runs: int = 7) -> dict[str, object]:
    """Every figure of the module docstring, as a dict (``run.py`` prints them in its report)."""
    root = Path(tempfile.mkdtemp(prefix="briefgen-startup-"))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "BRIEFGEN_USER_DIR": str(root / "user")}
    no_pyc = {**env, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPYCACHEPREFIX": str(root / "no-pycache")}
    build = [sys.executable, "-m", "briefgen", "build", "--sample", "-o", "x.docx", "-o", "x.pdf"]
    try:
        _timed(build, env, root)  # bytecode written, memory created: the state of a machine in use
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        lo = None
        if soffice:
            lo = [soffice, f"-env:UserInstallation=file://{root / 'lo-profile'}", "--headless", "--convert-to", "pdf",
                  "--outdir", str(root / "lo"), str(root / "x.docx")]
            _timed(lo, env, root)  # creates the profile
        ours, theirs, cold, ours_cpu, theirs_cpu = [], [], [], [], []
        for _ in range(runs):
            ours.append(_timed(build, env, root))
            ours_cpu.append(CPU[0])
            if lo:
                theirs.append(_timed(lo, env, root))
                theirs_cpu.append(CPU[0])
            cold.append(_timed(build, no_pyc, root))
        version = statistics.median(_timed([sys.executable, "-m", "briefgen", "--version"], env, root)
                                    for _ in range(runs))
        split = [json.loads(subprocess.run([sys.executable, "-c", SPLIT, str(root)], env=env, capture_output=True,
                                           text=True, check=True, timeout=600).stdout.strip().splitlines()[-1])
                 for _ in range(3)]
    finally:
        shutil.rmtree(root, ignore_errors=True)
    build_s, cold_s = statistics.median(ours), statistics.median(cold)
    lo_s = statistics.median(theirs) if theirs else None
    return {"runs": runs, "build_s": build_s, "build_no_bytecode_s": cold_s, "libreoffice_s": lo_s,
            "ratio": build_s / lo_s if lo_s else None, "ratio_no_bytecode": cold_s / lo_s if lo_s else None,
            "cpu_ratio": statistics.median(ours_cpu) / statistics.median(theirs_cpu) if theirs_cpu else None,
            "load": os.getloadavg()[0],
            "version_s": version,
            "split": {k: statistics.median(s[k] for s in split) for k in ("imports", "qt", "setup", "work")}}


def report(m: dict) -> list[str]:
    def s(v: float | None) -> str:
        return "–" if v is None else (f"{v * 1000:.0f} ms" if v < 1 else f"{v:.2f} s")

    def verdict(value: float | None, target: float) -> str:
        return "not measured" if value is None else ("met" if value <= target else "NOT met")

    split = m["split"]
    total = sum(split.values())
    lines = [f"Five-sample build vs LibreOffice (median of {m['runs']} paired runs each):",
             f"- briefgen build --sample -o x.docx -o x.pdf: {s(m['build_s'])}; without bytecode "
             f"{s(m['build_no_bytecode_s'])}",
             f"- LibreOffice converting that DOCX to PDF: {s(m['libreoffice_s'])}"]
    if m["ratio"] is not None:
        lines += [f"- ratio {m['ratio']:.2f} with bytecode ({verdict(m['ratio'], 0.5)}; target ≤ 0.5), "
                  f"{m['ratio_no_bytecode']:.2f} without ({verdict(m['ratio_no_bytecode'], 0.7)}; target ≤ 0.7)"]
    if m["cpu_ratio"] is not None:
        lines += [f"- processor time (user + system) ratio {m['cpu_ratio']:.2f}: the same comparison, less "
                  f"sensitive to other work on the machine (load average {m['load']:.1f} at the end)"]
    lines += [f"- briefgen --version: {s(m['version_s'])} ({verdict(m['version_s'], 0.15)}; target ≤ 0.15 s)",
              "- inside the build: " + ", ".join(f"{k} {s(v)} ({v / total:.0%})" for k, v in split.items())]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    print("\n".join(report(measure(max(5, args.runs)))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
