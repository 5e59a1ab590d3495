"""Shared test fixtures: where the Gambit oracle games live, hypothesis profiles."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parents[1]
#: Gambit's strategic-form test games, kept beside the project (never copied into it).
GAMBIT_DIR = ROOT.parent / "shared" / "data" / "gambit-games"

settings.register_profile(
    "ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True
)
settings.register_profile("dev", max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "dev"))


def gambit_files() -> list[Path]:
    """All ``.nfg`` files of the Gambit collection (empty when it is absent)."""
    if not GAMBIT_DIR.is_dir():
        return []
    return sorted(GAMBIT_DIR.glob("*.nfg"))


@pytest.fixture(scope="session")
def gambit_dir() -> Path:
    if not GAMBIT_DIR.is_dir():
        pytest.skip("the Gambit game collection (../shared/data/gambit-games) is not present")
    return GAMBIT_DIR
