"""Helpers for the attack suite: run an attack in a child process under a memory limit and a timeout.

An attack that works exhausts memory or never ends. In the test process that would take the whole
suite (and the machine) down, so attacks that can hang or allocate run in a fresh interpreter with
``RLIMIT_AS`` set (Linux/macOS) and a wall-clock timeout; the child prints one JSON line per variant.
A child that is killed, times out or prints a traceback fails the test with what it printed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
MEMORY_MB = 1500  # far above what briefgen needs without Qt (~250 MB); far below what an attack takes


def _limit(memory_mb: int):
    def apply() -> None:
        import resource

        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    return apply


def run_limited(script: str, *args: str, user_dir: Path, timeout: float = 40, memory_mb: int = MEMORY_MB,
                stdin: bytes | None = None) -> list[dict]:
    """Run ``script`` (Python source) in a child; return the JSON objects it printed, one per line."""
    if sys.platform == "win32":  # pragma: no cover - the suite runs on Linux CI
        pytest.skip("needs setrlimit")
    env = {**os.environ, "BRIEFGEN_USER_DIR": str(user_dir), "PYTHONPATH": str(REPO),
           "QT_QPA_PLATFORM": "offscreen"}
    try:
        result = subprocess.run([sys.executable, "-c", textwrap.dedent(script), *args], capture_output=True,
                                timeout=timeout, env=env, preexec_fn=_limit(memory_mb), cwd=str(REPO),
                                input=stdin)
    except subprocess.TimeoutExpired as exc:
        out = (exc.stdout or b"").decode(errors="replace")[-1500:]
        pytest.fail(f"the attack ran past {timeout} s (hang); printed so far:\n{out}")
    out, err = result.stdout.decode(errors="replace"), result.stderr.decode(errors="replace")
    assert result.returncode == 0, f"child died ({result.returncode}) under a {memory_mb} MB limit:\n{err[-3000:]}"
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


@pytest.fixture()
def attack_dir(tmp_path: Path, monkeypatch) -> Path:
    """A private user-data folder (also for in-process tests)."""
    folder = tmp_path / "user"
    folder.mkdir()
    monkeypatch.setenv("BRIEFGEN_USER_DIR", str(folder))
    return folder
