"""The real frozen app: packaging/smoke.py builds the one-folder bundle with PyInstaller here, runs
``briefgen build --sample`` headless from it and checks the PDF and DOCX (about a minute; ``-m slow``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.slow
@pytest.mark.timeout(1200)
def test_frozen_bundle_builds_and_writes_the_sample_briefing(tmp_path):
    result = subprocess.run([sys.executable, str(REPO / "packaging" / "smoke.py"), "--out", str(tmp_path)],
                            cwd=REPO, capture_output=True, text=True, timeout=1200)
    report = result.stdout + result.stderr[-4000:]
    print(report)  # the size and start-up figures, visible with -s
    assert result.returncode == 0, report
    assert "smoke: ok" in result.stdout
    assert "all sample titles present" in result.stdout
    assert "identical to the checkout's" in result.stdout
