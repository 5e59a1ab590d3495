"""The pygambit converters and the pygambit cross-checks against pygambit 17, beside the 16 installed.

trigame supports pygambit 16 (``Game.new_table``, strategy objects) and 17
(``StrategicGame``, players and strategies addressed by label), told apart by the
API present.  The main environment has one of them; this test makes a virtual
environment that sees the main one's packages (``--system-site-packages``), installs
the other major version of pygambit into it (a wheel: seconds) and runs the converter
tests and the ``.efg`` cross-checks there.  It is skipped only when no package index
is reachable.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_quickstart import INSTALL_LIMIT, OFFLINE

pygambit = pytest.importorskip("pygambit")

ROOT = Path(__file__).resolve().parents[1]
#: The pygambit that is not installed in the main environment.
OTHER = "pygambit==16.7.0" if pygambit.__version__.startswith("17") else "pygambit==17.0.0b2"
#: The test files whose pygambit parts must pass under both versions.
FILES = ["tests/test_convert.py", "tests/test_efg.py", "tests/test_batch.py", "tests/test_closed_form.py"]


@pytest.mark.slow
def test_converters_and_cross_checks_under_the_other_pygambit(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True,
                   timeout=INSTALL_LIMIT)
    python = venv / ("Scripts" if os.name == "nt" else "bin") / "python"
    install = subprocess.run([str(python), "-m", "pip", "install", "--only-binary=:all:", OTHER],
                             capture_output=True, text=True, timeout=INSTALL_LIMIT)
    if install.returncode != 0 and OFFLINE.search(install.stdout + install.stderr):
        pytest.skip("no package index is reachable: " + (install.stderr.strip().splitlines() or ["?"])[-1])
    assert install.returncode == 0, install.stdout[-3000:] + install.stderr[-3000:]
    version = subprocess.run([str(python), "-c", "import pygambit; print(pygambit.__version__)"],
                             capture_output=True, text=True, check=True, timeout=INSTALL_LIMIT).stdout.strip()
    assert version == OTHER.split("==")[1]

    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.run([str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:xdist",
                          "-k", "gambit or pygambit", *FILES],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=INSTALL_LIMIT)
    summary = (run.stdout.strip().splitlines() or ["(no output)"])[-1]
    assert run.returncode == 0, f"under pygambit {version}: {summary}\n{run.stdout[-4000:]}{run.stderr[-2000:]}"
    assert " passed" in summary and "skipped" not in summary.replace("0 skipped", ""), summary
