"""The window's rebuild after an option change, at 500 and 1,000 generated clippings (target: under 1 s).

    uv run python benchmarks/bench_rebuild.py [N ...]

Every change in the window (a memo field, the template, a point dropped or moved) rebuilds the
briefing from the project: facts, sections, translation from memory and glossary. The facts depend
only on the selected articles and the gazetteer, so they are extracted once per selection
(``briefgen.extract.facts.remembered_facts``). Printed: the first build of a selection, then the
median of five rebuilds after changing the Nomor field, and a rebuild after unticking one article
(a new selection: extraction runs again). The user data folder is a fresh temporary one.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ["BRIEFGEN_USER_DIR"] = tempfile.mkdtemp(prefix="bench-rebuild-")

from corpus_gen import write_corpus  # noqa: E402

from briefgen.pipeline import load_articles  # noqa: E402
from briefgen.project import Project, build_articles, project_briefing  # noqa: E402


def _timed(project: Project, articles: list) -> float:
    start = time.perf_counter()
    project_briefing(project, articles)
    return time.perf_counter() - start


def main(sizes: list[int]) -> None:
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            project = Project()
            project.add_raws(load_articles(write_corpus(Path(tmp), n)).raws)
        articles = build_articles(project)
        first = _timed(project, articles)
        rebuilds = []
        for k in range(5):
            project.options.number = f"ND-{k}/2023"
            rebuilds.append(_timed(project, articles))
        project.articles[0].included = False
        new_selection = _timed(project, articles)
        print(f"{n:>5} clippings: first build {first:5.2f} s; rebuild after an option change "
              f"{statistics.median(rebuilds):5.2f} s (median of 5, target < 1 s); after unticking one article "
              f"{new_selection:5.2f} s")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [500, 1000])
