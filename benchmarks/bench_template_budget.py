"""What the template sandbox's checks and time/output budget cost, and what a child process would cost.

Prints, for the five samples: (1) each packaged template rendered with briefgen's sandbox (size checks,
watchdog, resource inlining) and with Jinja2's plain sandbox, median of N renders; (2) the whole
`briefgen build --sample -o x.docx -o x.pdf` wall time; (3) what rendering in a child process would add:
an interpreter that imports the renderer, plus pickling the document there and the HTML back.

    uv run python benchmarks/bench_template_budget.py
"""

from __future__ import annotations

import pickle
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from briefgen.pipeline import BuildOptions, load_articles, make_briefing, make_document
from briefgen.render.html import render_html
from briefgen.resources import templates_dir
from briefgen.templating import BASE, available_templates

N = 15


def _median_ms(fn) -> float:
    times = []
    for _ in range(N):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    articles = load_articles([], sample=True).articles
    print(f"{'template':<16}{'briefgen sandbox':>18}{'plain sandbox':>16}")
    for name in available_templates():
        options = BuildOptions(template=name)
        briefing, tpl = make_briefing(articles, options)
        document = make_document(briefing, tpl, options)
        plain_env = SandboxedEnvironment(loader=jinja2.FileSystemLoader(
            [str(tpl.folder), str(tpl.folder.parent / BASE), str(templates_dir() / BASE)]),
            undefined=jinja2.StrictUndefined, autoescape=True, trim_blocks=True, lstrip_blocks=True)
        from briefgen.i18n import gettext_for
        from briefgen.render.html import figure_src
        from briefgen.render.layout import legend

        context = {"doc": document, "legend": legend(document), "template": tpl, "paged": False,
                   "figure_src": figure_src,
                   "lang_names": {lg: gettext_for(lg)("Indonesian" if lg == "id" else "English")
                                  for lg in ("id", "en")}}
        ours = _median_ms(lambda d=document, t=tpl: render_html(d, t))
        plain = _median_ms(lambda e=plain_env, c=context: e.get_template("template.html.j2").render(**c))
        print(f"{name:<16}{ours:>15.1f} ms{plain:>13.1f} ms")

    with tempfile.TemporaryDirectory() as tmp:
        walls = []
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "briefgen", "build", "--sample", "-o", f"{tmp}/x.docx",
                            "-o", f"{tmp}/x.pdf"], check=True, capture_output=True)
            walls.append(time.perf_counter() - start)
        print(f"five-sample build (docx + pdf): median {statistics.median(walls):.2f} s over 3 runs")
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", "import briefgen.render.html, briefgen.templating"], check=True)
        spawn = time.perf_counter() - start
        options = BuildOptions()
        briefing, tpl = make_briefing(articles, options)
        document = make_document(briefing, tpl, options)
        start = time.perf_counter()
        data = pickle.dumps(document)
        pickle.loads(data)
        html = render_html(document, tpl)
        pickle.loads(pickle.dumps(html))
        pickling = time.perf_counter() - start
        print(f"a child process per render would add: {spawn * 1000:.0f} ms to start and import, "
              f"{pickling * 1000:.0f} ms to pickle ({len(data) // 1024} KB document), per preview refresh")
    print(f"(figures on {Path('/proc/cpuinfo').exists() and 'Linux' or sys.platform}; N={N})")


if __name__ == "__main__":
    main()
