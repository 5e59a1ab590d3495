"""Tests of trigame._progress: the one on/off rule for progress bars, and tqdm drawing them.

Expected values come from the documented rule (draw when asked, or when the
stream is a terminal) and from tqdm's documented bar format
(``label: 100%|####| 3/3 [...]``).
"""

from __future__ import annotations

import io
import subprocess
import sys

import pytest

from trigame._progress import Progress, wanted
from trigame.errors import TrigameError


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_default_draws_only_on_a_terminal() -> None:
    quiet = io.StringIO()
    with Progress(3, "x", stream=quiet) as bar:
        bar.update(3)
    assert not bar.enabled and quiet.getvalue() == "" and bar.done == 3
    assert wanted(None, Terminal()) is True
    assert wanted(None, io.StringIO()) is False


def test_a_closed_or_detached_stream_is_not_a_terminal() -> None:
    closed = io.StringIO()
    closed.close()  # isatty() raises ValueError on a closed stream
    assert wanted(None, closed) is False
    assert wanted(None, object()) is False  # type: ignore[arg-type]


def test_a_forced_bar_counts_to_the_total_and_ends_its_line() -> None:
    out = io.StringIO()
    with Progress(3, "solving", enabled=True, stream=out, interval=0) as bar:
        bar.update(1)
        bar.update(2)
    text = out.getvalue()
    assert text.endswith("\n")
    last = text.rstrip("\n").split("\r")[-1]
    assert last.startswith("solving: 100%|") and "3/3" in last


def test_width_is_the_number_of_characters_in_the_bar() -> None:
    out = io.StringIO()
    with Progress(4, "x", enabled=True, stream=out, width=8, interval=0) as bar:
        bar.update(2)
    halfway = next(part for part in out.getvalue().split("\r") if "2/4" in part)
    inside = halfway.split("|")[1]
    assert len(inside) == 8 and inside.startswith("####")  # half of 8 characters filled


def test_turned_off_draws_nothing_even_on_a_terminal() -> None:
    out = Terminal()
    with Progress(3, enabled=False, stream=out) as bar:
        bar.update(3)
    assert out.getvalue() == ""


@pytest.mark.parametrize("bad", ["yes", 1, 0, 1.0])
def test_anything_but_true_false_or_none_is_refused(bad: object) -> None:
    with pytest.raises(TrigameError, match=r"progress must be True, False or None"):
        Progress(3, enabled=bad)  # type: ignore[arg-type]


def test_tqdm_is_imported_only_when_a_bar_is_drawn() -> None:
    code = (
        "import sys, io, trigame\n"
        "from trigame.statics import sweep\n"
        "from trigame.models import QuasiAlliance\n"
        "sweep(QuasiAlliance, {'fear_japan': [0, 1]}, progress=False)\n"
        "assert 'tqdm' not in sys.modules, 'imported without a bar'\n"
        "from trigame._progress import Progress\n"
        "Progress(1, enabled=True, stream=io.StringIO()).close()\n"
        "assert 'tqdm' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
