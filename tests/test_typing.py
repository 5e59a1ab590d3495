"""The package type-checks: ``mypy trigame`` reports no error (configuration in pyproject.toml)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: Seconds before mypy counts as hung: a guard, never a test of speed (a cold run takes seconds).
HANG_GUARD = 1800


def test_mypy_reports_no_error(tmp_path):
    pytest.importorskip("mypy")
    out = subprocess.run(
        [sys.executable, "-m", "mypy", "trigame", "--cache-dir", str(tmp_path / "mypy-cache")],
        cwd=ROOT, capture_output=True, text=True, timeout=HANG_GUARD,
    )
    assert out.returncode == 0, out.stdout[-6000:] + out.stderr[-2000:]
