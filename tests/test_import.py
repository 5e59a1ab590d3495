"""``import trigame`` stays light: heavy and optional packages load only where used."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ["sympy", "scipy", "nashpy", "matplotlib", "pandas", "dask", "pygambit", "quantecon", "hypothesis"]


def test_import_does_not_load_heavy_packages():
    code = f"import sys, trigame; print(','.join(m for m in {HEAVY!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_solving_a_numeric_game_does_not_need_sympy():
    code = (
        "import sys, trigame as tg\n"
        "g = tg.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])\n"
        "tg.pure_equilibria(g)\n"
        "print('sympy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
