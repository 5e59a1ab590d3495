"""Reading and writing games: Gambit ``.nfg`` files and converters to and from peer libraries.

* :func:`read_nfg`, :func:`write_nfg`, :func:`parse_nfg`, :func:`format_nfg` --
  Gambit strategic-form files, implemented here (no Gambit needed).
* :func:`read_efg`, :func:`write_efg`, :func:`parse_efg`, :func:`format_efg` --
  Gambit extensive-form files (game trees).
* :func:`to_nashpy` / :func:`from_nashpy` -- ``nashpy.Game`` (two players).
* :func:`to_pygambit` / :func:`from_pygambit` -- ``pygambit.Game`` (``pip install trigame[gambit]``).
* :func:`to_quantecon` / :func:`from_quantecon` -- ``quantecon.game_theory.NormalFormGame``
  (``pip install trigame[quantecon]``).
"""

from __future__ import annotations

from trigame.io.convert import from_nashpy, from_pygambit, from_quantecon, to_nashpy, to_pygambit, to_quantecon
from trigame.io.efg import format_efg, parse_efg, read_efg, write_efg
from trigame.io.nfg import format_nfg, parse_nfg, read_nfg, write_nfg

__all__ = [
    "format_efg",
    "format_nfg",
    "from_nashpy",
    "from_pygambit",
    "from_quantecon",
    "parse_efg",
    "parse_nfg",
    "read_efg",
    "read_nfg",
    "to_nashpy",
    "to_pygambit",
    "to_quantecon",
    "write_efg",
    "write_nfg",
]
