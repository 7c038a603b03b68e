"""Scores of briefgen's import + extraction on the world set, dev and test halves side by side.

    uv run python benchmarks/score_world.py [--misses dev|test|both]

The clippings and their gold are in tests/world/{dev,test}; the scoring is tests/world_score.py.
Rules may be tuned on the dev half's misses; the test half's misses are printed only on request
(``--misses test``), for the closing note, never while changing a rule.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from world_score import HALVES, report, score  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", choices=["none", "dev", "test", "both"], default="none",
                        help="also list what each half got wrong")
    args = parser.parse_args()
    scores = [score(half) for half in HALVES]
    print(report(scores))
    for s in scores:
        if args.misses in (s.half, "both"):
            print(f"\n{s.half} misses ({len(s.misses)}):")
            print("\n".join(f"  {m}" for m in s.misses))


if __name__ == "__main__":
    main()
