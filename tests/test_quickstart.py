"""The README's quick start, command 1, as a new user runs it on a fresh machine.

``python -m pip install . && trigame report`` in a new virtual environment (no system site
packages, no extras, not editable) must write the report and every figure it shows.  The
sources are copied first (without ``.git`` and build leftovers), so the build writes nothing
into the repository.  pip may use its cache.  The test is skipped only when pip cannot reach a
package index; any other failure of the install is a failure.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
COMMAND = "python -m pip install . && trigame report"

#: Generous limits: they only stop a run that hangs, whatever the machine's load.
INSTALL_LIMIT = 1800
REPORT_LIMIT = 1800

#: What pip prints when it cannot reach an index (DNS, refused or dropped connections, no versions at all).
OFFLINE = re.compile(
    r"Failed to establish a new connection|Temporary failure in name resolution|Name or service not known"
    r"|Network is unreachable|Connection refused|Max retries exceeded|ProxyError|NewConnectionError"
    r"|ConnectTimeoutError|ReadTimeoutError|\(from versions: none\)"
)

#: Not copied: version control, build output, caches, environments, earlier reports.
IGNORED = shutil.ignore_patterns(
    ".git", "build", "dist", "*.egg-info", "__pycache__", ".venv", "venv", "site", "trigame-report",
    ".pytest_cache", ".hypothesis", ".mypy_cache", ".ruff_cache", "*.pyc",
)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_problem(data: bytes) -> str | None:
    """Why ``data`` is not a well-formed PNG file, or ``None`` if it is.

    A PNG is the 8-byte signature and then chunks (length, type, data, CRC-32 of type and data):
    ``IHDR`` first, with a non-zero width and height, at least one ``IDAT``, and ``IEND`` last.
    """
    if not data.startswith(PNG_SIGNATURE):
        return "no PNG signature"
    pos, types = len(PNG_SIGNATURE), []
    while pos < len(data):
        if pos + 12 > len(data):
            return "truncated chunk header"
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if len(body) != length or pos + 12 + length > len(data):
            return f"truncated {kind!r} chunk"
        (crc,) = struct.unpack(">I", data[pos + 8 + length : pos + 12 + length])
        if zlib.crc32(kind + body) != crc:
            return f"bad CRC in the {kind!r} chunk"
        if kind == b"IHDR":
            width, height = struct.unpack(">II", body[:8])
            if not width or not height:
                return "empty image"
        types.append(kind)
        pos += 12 + length
    if not types or types[0] != b"IHDR" or types[-1] != b"IEND" or b"IDAT" not in types:
        return f"chunks out of order: {types[:3]}...{types[-2:]}"
    return None


def test_png_checker_on_hand_made_files() -> None:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    # a 1x1 8-bit greyscale image: filter byte 0, one pixel 0
    good = PNG_SIGNATURE + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)) + chunk(
        b"IDAT", zlib.compress(b"\x00\x00")) + chunk(b"IEND", b"")
    assert png_problem(good) is None
    assert png_problem(good[:-1]) is not None
    assert png_problem(good.replace(b"IEND", b"IENX")) is not None  # the CRC no longer matches
    assert png_problem(b"GIF89a") == "no PNG signature"


def referenced_images(markdown: str) -> list[str]:
    """The targets of ``![alt](target)`` and ``<img src="target">`` in a Markdown text."""
    return re.findall(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)", markdown) + re.findall(
        r"<img\s[^>]*src=\"([^\"]+)\"", markdown)


def test_referenced_images() -> None:
    text = '# R\n![a map](maps/one.png)\ntext ![b](<two.png> "title")\n<img alt="c" src="three.png">\n'
    assert referenced_images(text) == ["maps/one.png", "two.png", "three.png"]


def _build_leftovers() -> set[str]:
    return {p.name for p in ROOT.iterdir() if p.name in {"build", "dist"} or p.name.endswith(".egg-info")}


@pytest.mark.slow
def test_readme_quick_start_in_a_fresh_virtual_environment(tmp_path: Path) -> None:
    assert COMMAND in (ROOT / "README.md").read_text(encoding="utf-8"), "the README's quick start changed"
    leftovers_before = _build_leftovers()
    source = tmp_path / "trigame"
    shutil.copytree(ROOT, source, ignore=IGNORED)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=INSTALL_LIMIT)
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bindir / "python"
    # the user's environment, less anything that would let the repository's own trigame be imported
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "MPLBACKEND"}}
    env["PATH"] = os.pathsep.join([str(bindir), env.get("PATH", "")])

    install = subprocess.run([str(python), "-m", "pip", "install", "."], cwd=source, env=env,
                             capture_output=True, text=True, timeout=INSTALL_LIMIT)
    if install.returncode != 0 and OFFLINE.search(install.stdout + install.stderr):
        pytest.skip("no package index is reachable: " + (install.stderr.strip().splitlines() or ["?"])[-1])
    assert install.returncode == 0, install.stdout[-3000:] + install.stderr[-3000:]
    assert _build_leftovers() <= leftovers_before, "the install wrote into the repository"

    # the installed trigame is the one that runs, and importing it stays light (matplotlib loads only to draw)
    code = "import sys, trigame; print(trigame.__file__); print('matplotlib' in sys.modules)"
    where = subprocess.run([str(python), "-c", code], cwd=tmp_path, env=env,
                           capture_output=True, text=True, timeout=REPORT_LIMIT, check=True)
    location, loaded = where.stdout.split()
    assert Path(location).resolve().is_relative_to(venv.resolve()), location
    assert loaded == "False", "import trigame loads matplotlib"

    out = tmp_path / "report"
    run = subprocess.run([str(bindir / "trigame"), "report", "--out", str(out)], cwd=source, env=env,
                         capture_output=True, text=True, timeout=REPORT_LIMIT)
    assert run.returncode == 0, run.stderr[-3000:]
    report = out / "report.md"
    assert report.is_file(), sorted(p.name for p in out.iterdir()) if out.is_dir() else "no output folder"
    images = referenced_images(report.read_text(encoding="utf-8"))
    assert images, "the report shows no figure"
    for name in images:
        path = out / name
        assert path.is_file(), f"the report shows {name}, which was not written"
        assert png_problem(path.read_bytes()) is None, (name, png_problem(path.read_bytes()))
