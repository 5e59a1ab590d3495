"""The polynomial solver on Gambit's N-player test games, against pygambit and the games' titles."""

from __future__ import annotations

import multiprocessing as mp
import re
import resource
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import trigame as tg
from tests._peers import STALL, run_cpu_limited
from tests.conftest import gambit_files

NPLAYER = [p for p in gambit_files() if "NFG 1" in p.read_text()[:10] and tg.read_nfg(p).n_players >= 3]
#: The README calls these too large for brute force; they are still solved, and also run with a support limit.
LARGE = {"contrib__games__perfect3.nfg", "catalog__journals__ijgt__nau2004__sec6.nfg"}

WORDS = {"no": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}


def _number(token: str) -> int:
    return int(token) if token.isdigit() else WORDS[token.lower()]


def stated_count(title: str) -> int | None:
    """The number of equilibria a title states, e.g. "with 9 Nash equilibria, 2 totally mixed" -> 9.

    "2 pure and 1 mixed equilibrium" -> 3; "no pure, and five mixed equilibria" -> 5.
    """
    number = r"(\d+|no|one|two|three|four|five|six|seven|eight|nine)"
    both = re.search(number + r" pure(?:,)? and " + number + r" mixed equilibri", title, re.IGNORECASE)
    if both:
        return _number(both.group(1)) + _number(both.group(2))
    single = re.search(number + r"\s+(?:(?:totally|mixed|Nash)\s+)*equilibri", title, re.IGNORECASE)
    return _number(single.group(1)) if single else None


def test_title_parser() -> None:
    assert stated_count("2x2x2 Example from McKelvey-McLennan, with 9 Nash equilibria, 2 totally mixed") == 9
    assert stated_count("2x2x2 game with 2 pure and 1 mixed equilibrium") == 3
    assert stated_count("Three person 3x3x3 example with no pure, and one mixed equilibrium") == 1
    assert stated_count("Three person random 5x4x3 game") is None


def _profile(eq: Any, game: Any) -> list[list[float]]:
    """An equilibrium as floats (pygambit 17 addresses players and strategies by label, 16 by object)."""
    if hasattr(game, "get_strategies"):
        return [[float(eq[p][s]) for s in game.get_strategies(p)] for p in game.players]
    return [[float(eq[s]) for s in p.strategies] for p in game.players]


def _peer_child(path: str, method: str, cpu_seconds: int, conn: Any) -> None:
    """In a forked child: one pygambit method on one file, within ``cpu_seconds`` of CPU (then SIGXCPU kills it)."""
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    import pygambit as gbt

    game = gbt.read_nfg(path)
    conn.send([_profile(eq, game) for eq in getattr(gbt.nash, method)(game).equilibria])
    conn.close()


#: CPU seconds one peer method may use on one game, counted in a child forked after pygambit is imported
#: (the methods that return do so within 2 s, enumpoly on the 5x4x3 game the slowest; enumpoly loops on
#: nau2004 sec6 and perfect3, gnm on the McKelvey-McLennan 2x2x2 example).  CPU time, not wall time: a loaded
#: machine makes a peer slower on the clock, never changes which peers answer.
PEER_CPU_SECONDS = 3


def _run_peer(path: Path, method: str) -> list[list[list[float]]] | None:
    """The equilibria ``method`` returns on ``path``, or None when it failed or used up its CPU time (it loops).

    The child is forked from this process once pygambit is imported, so each run costs the method alone;
    a child that makes no progress for minutes (an overloaded machine) skips the test.
    """
    ctx = mp.get_context("fork")
    reader, writer = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_peer_child, args=(str(path), method, PEER_CPU_SECONDS, writer), daemon=True)
    proc.start()
    writer.close()
    try:
        if not reader.poll(STALL):
            proc.kill()
            pytest.skip(f"pygambit's {method} made no progress in {STALL:.0f} s (machine overloaded?)")
        return reader.recv()  # type: ignore[no-any-return]
    except EOFError:  # killed by the CPU limit, or failed
        return None
    finally:
        proc.join()
        reader.close()


#: Peer answers by game content: the same game under two file names is asked once.
_PEER_CACHE: dict[bytes, tuple[list[list[list[float]]], tuple[str, ...]]] = {}


def _peer_equilibria(path: Path) -> tuple[list[list[list[float]]], tuple[str, ...]]:
    """Every equilibrium pygambit's N-player methods return (enumpoly, gnm, logit), and the methods that answered.

    A method that fails or uses up its CPU time on a game (it loops) contributes nothing.
    """
    pytest.importorskip("pygambit")
    key = path.read_bytes().split(b"\n", 1)[-1]  # without the title line
    if key in _PEER_CACHE:
        return _PEER_CACHE[key]
    found, answered = [], []
    for method in ("enumpoly_solve", "gnm_solve", "logit_solve"):
        equilibria = _run_peer(path, method)
        if equilibria is None:
            continue
        answered.append(method)
        for profile in equilibria:
            vectors = [np.clip(np.array(v), 0.0, None) for v in profile]
            found.append([(v / v.sum()).tolist() for v in vectors])
    _PEER_CACHE[key] = (found, tuple(answered))
    return _PEER_CACHE[key]


def test_cpu_limited_peer() -> None:
    # a peer that loops is stopped by its CPU limit and gives no answer; a peer that returns is read
    assert run_cpu_limited([sys.executable, "-c", "while True: pass"], 1) is None
    done = run_cpu_limited([sys.executable, "-c", "print(6 * 7)"], 5)
    assert done is not None and done.stdout.strip() == "42"


def _solve(path: Path) -> tg.EquilibriumSet:
    return tg.equilibria(tg.read_nfg(path), method="polynomial")


@pytest.mark.parametrize("path", NPLAYER, ids=[p.stem for p in NPLAYER])
def test_nplayer_game(path: Path) -> None:
    game = tg.read_nfg(path)
    eqs = _solve(path)
    assert eqs.complete, eqs.notes
    for eq in eqs:
        tol = 1e-9 if eq.exact else 1e-8
        assert tg.is_nash(game, eq, tol=tol)
    stated = stated_count(game.title)
    if stated is not None:
        assert len(eqs) >= stated
    # trigame's set contains every equilibrium a peer finds (points of continua are not listed one by one)
    for profile in _peer_equilibria(path)[0]:
        if not tg.is_nash(game.as_float(), profile, tol=1e-6):
            continue  # an approximate peer answer that is not an equilibrium to this precision
        if eqs.degenerate and not all(max(v) > 1 - 1e-9 for v in profile):
            continue
        assert eqs.contains(profile, tol=1e-5), (profile, eqs)


def _by_name(name: str) -> Path:
    matches = [p for p in NPLAYER if p.name == name]
    if not matches:
        pytest.skip(f"{name} is not in the Gambit collection here")
    return matches[0]


def test_mckelvey_mclennan_two_totally_mixed() -> None:
    # the title: "with 9 Nash equilibria, 2 totally mixed"
    eqs = _solve(_by_name("contrib__games__2x2x2.nfg"))
    assert len(eqs) == 9 and not eqs.degenerate
    assert sum(all(len(s) == 2 for s in eq.support) for eq in eqs) == 2


def test_3x3x3_five_equilibria_two_pure() -> None:
    # the title: "with five equilibria (two pure)"; enumpoly misses one of them
    eqs = _solve(_by_name("contrib__games__3x3x3.nfg"))
    assert len(eqs) == 5 and len(eqs.pure()) == 2


def test_nau2004_sec4_irrational_equilibrium() -> None:
    # a unique equilibrium, in irrational probabilities (Nau, Gomez Canovas & Hansen 2004, sec. 4)
    path = _by_name("catalog__journals__ijgt__nau2004__sec4.nfg")
    eqs = _solve(path)
    assert len(eqs) == 1 and eqs.complete and not eqs.degenerate
    (eq,) = eqs
    assert not eq.exact and all(len(s) == 2 for s in eq.support)
    peers, answered = _peer_equilibria(path)
    if not answered:
        pytest.skip("no pygambit method answered on this game within its CPU time")
    assert peers and all(eqs.contains(p, tol=1e-6) for p in peers)


def test_nau2004_sec5_continuum() -> None:
    # "3 pure, 2 incompletely mixed, and a continuum of completely mixed Nash equilibria"
    eqs = _solve(_by_name("catalog__journals__ijgt__nau2004__sec5.nfg"))
    assert eqs.degenerate
    assert len(eqs.pure()) >= 3
    assert any(all(len(s) == 2 for s in eq.support) for eq in eqs)
    assert any("continuum" in note for note in eqs.notes)


@pytest.mark.parametrize("name", sorted(LARGE))
def test_large_games_with_a_support_limit(name: str) -> None:
    eqs = tg.equilibria(tg.read_nfg(_by_name(name)), method="polynomial", max_support_profiles=5)
    assert not eqs.complete
    assert any("max_support_profiles" in note for note in eqs.notes)


def test_five_player_game_finds_what_enumpoly_misses() -> None:
    # the README: enumpoly returns four of the five equilibria of the 2x2x2x2x2 game
    path = _by_name("contrib__games__2x2x2x2x2.nfg")
    eqs = _solve(path)
    assert len(eqs) == 5
    assert np.all([tg.is_nash(tg.read_nfg(path), eq, tol=1e-8) for eq in eqs])
