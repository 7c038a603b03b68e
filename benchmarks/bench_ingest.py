"""Import and clean 1,000 generated clippings; print the time per clipping (target: the 1,000 in under 10 s).

    uv run python benchmarks/bench_ingest.py [COUNT]

The clippings come from ``corpus_gen`` (sample paragraphs recombined under other outlets and
dates, wrapped in boilerplate). Times are wall-clock on this machine, one process, stages apart:
reading files (decode), cleaning + metadata, duplicate flagging over the whole batch. A spot
check compares each clipping's outlet and date with the ones the generator wrote into it.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_gen import OUTLETS, write_corpus  # noqa: E402

from briefgen.ingest.build import build_article, mark_duplicates  # noqa: E402
from briefgen.ingest.importers import import_paths  # noqa: E402
from briefgen.ingest.outlets import find_outlet  # noqa: E402
from briefgen.ingest.rules import default_rules  # noqa: E402


def main(count: int = 1000) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_corpus(Path(tmp), count - count // 25)
        # 4 % re-imports: half byte-identical copies, half the same body under another headline
        for k, source in enumerate(paths[: count // 25]):
            text = source.read_text(encoding="utf-8")
            if k % 2:
                text = text.replace("\n\n", "\n\nReprint: ", 1)
            copy = Path(tmp) / f"dup_{k:05d}.txt"
            copy.write_text(text, encoding="utf-8")
            paths.append(copy)
        default_rules()  # load the rules once, as the app does at start
        c0 = time.process_time()
        t0 = time.perf_counter()
        result = import_paths(paths)
        t1 = time.perf_counter()
        today = dt.date(2026, 1, 1)
        articles = [build_article(raw, today) for raw in result.articles]
        t2 = time.perf_counter()
        flagged = mark_duplicates(articles)
        t3 = time.perf_counter()
        cpu = time.process_time() - c0
    total = t3 - t0
    # the machine may be shared: CPU time shows the work itself, wall time what a user waits
    n = len(result.articles)
    print(f"clippings: {n} read, {len(result.errors)} refused")
    print(f"read+decode:     {t1 - t0:6.2f} s  ({(t1 - t0) / n * 1000:.2f} ms per clipping)")
    print(f"clean+metadata:  {t2 - t1:6.2f} s  ({(t2 - t1) / n * 1000:.2f} ms per clipping)")
    flagged_count = sum(a.duplicate_of is not None for a in flagged)
    print(f"duplicates:      {t3 - t2:6.2f} s  ({flagged_count} flagged of {count // 25} planted)")
    print(f"total:           {total:6.2f} s  ({total / n * 1000:.2f} ms per clipping; target < 10 s for 1,000)")
    print(f"CPU time:        {cpu:6.2f} s  (this process; the rest of the wall time went to other processes)")
    outlet_right = date_right = 0
    for raw, article in zip(result.articles, articles, strict=True):
        expected_outlet = next(find_outlet(o).name for o, place in OUTLETS if f"{o}, {place} - " in raw.text)
        d, m, y = map(int, re.search(r"disampaikan pada \w+ \((\d+)/(\d+)/(\d+)\)", raw.text).groups())
        outlet_right += article.outlet == expected_outlet
        date_right += article.published == dt.date(y, m, d)
    print(f"outlet = the generator's dateline outlet: {outlet_right}/{n}")
    print(f"date = the generator's 'disampaikan pada' date: {date_right}/{n} (recombined leads often also state a"
          " later date of their own, e.g. 'pada hari ini, Kamis (9/11/2023)', which then wins)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
