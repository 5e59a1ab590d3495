"""Benchmark: one small game at a time through ``tg.equilibria``, against Gambit and QuantEcon.

The per-call cost of a small game (building it, solving it, verifying every
equilibrium, building the result) next to the peers' on the same games, in one run:

* 2x2 games: trigame ``tg.equilibria`` (closed form) against pygambit
  ``enummixed_solve(rational=False)`` and QuantEcon ``support_enumeration``;
* 2x2x2 games: trigame ``tg.equilibria`` (closed form) against pygambit ``enumpoly_solve``;
* n x n games, n = 4 ... 8: trigame ``tg.equilibria`` on the float game (the
  ``support`` method) against pygambit ``enummixed_solve(rational=False)`` and
  QuantEcon ``support_enumeration``.

The games: payoffs drawn as integers in ``[0, 9]`` (``numpy.random.default_rng(seed)``,
seeds ``0 .. games-1``), given to every solver as floats.  Every timing includes
building the game from the arrays (``NormalFormGame.from_arrays`` /
``pygambit.Game.from_arrays`` / QuantEcon's ``NormalFormGame``); for trigame the
time on a game already built is shown as well.  Times are CPU times of the process
(``time.process_time``).  Each solver is timed on each game
``--repeat`` times in a row, interleaved game by game with the others (the
machine's load hits everyone alike), and the fastest of the repeats is kept; the
table gives the mean over the games of those, and the ratio peer / trigame
(above 1: trigame is faster).  ``sets``: on how many games the peer's equilibria
are among trigame's (within 1e-6) / trigame's among the peer's -- trigame's are
every extreme equilibrium; QuantEcon's support enumeration looks only at supports
of equal size, and Gambit's ``enumpoly`` can miss equilibria.

Run::

    python benchmarks/bench_small.py [--games 20] [--repeat 5] [--sizes 4 5 6 7 8] [--pure]

``--pure`` keeps trigame off its compiled (Numba) pass, as for a user without the ``fast``
extra; the peers run as always.
"""

from __future__ import annotations

import argparse
import importlib
import os
import platform
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import trigame as tg

Profiles = list[list[np.ndarray]]


def _optional(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def _best(run: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    result, best = None, float("inf")
    for _ in range(repeat):
        start = time.process_time()
        result = run()
        best = min(best, time.process_time() - start)
    return best, result


def _trigame_profiles(eqs: Any) -> Profiles:
    return [[np.asarray(v, dtype=float) for v in e.strategies] for e in eqs]


def _gambit_profiles(game: Any, result: Any) -> Profiles:
    return [[np.array([float(eq[s]) for s in p.strategies]) for p in game.players] for eq in result.equilibria]


def _within(a: Profiles, b: Profiles) -> bool:
    """Every profile of ``a`` is one of ``b`` (within 1e-6)."""
    return all(any(all(np.allclose(x, y, atol=1e-6) for x, y in zip(p, q)) for q in b) for p in a)


def _row(label: str, ours: list[float], built: list[float], peers: dict[str, tuple[list[float], list[str]]]) -> str:
    mean = float(np.mean(ours))
    cells = [f"{label:<8}", f"{mean * 1e6:>9.0f} us", f"{float(np.mean(built)) * 1e6:>9.0f} us"]
    for times, sets in peers.values():
        if not times:
            cells.append(f"{'n/a':<34}")
            continue
        peer = float(np.mean(times))
        inside = sum(s[0] == "y" for s in sets)
        covers = sum(s[1] == "y" for s in sets)
        cells.append(f"{peer * 1e6:>9.0f} us ({peer / mean:5.2f}x; {inside}/{len(sets)}, {covers}/{len(sets)})")
    return " | ".join(cells)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=20, help="games per shape (seeds 0 .. games-1)")
    parser.add_argument("--repeat", type=int, default=5, help="timings per game and solver; the fastest is kept")
    parser.add_argument("--sizes", type=int, nargs="+", default=[4, 5, 6, 7, 8])
    parser.add_argument("--pure", action="store_true", help="trigame without its compiled pass (no Numba)")
    args = parser.parse_args(argv)
    warnings.simplefilter("ignore")
    if args.pure:  # the compiled pass counts as unavailable: the path of an installation without Numba
        from trigame.solve.nash import _small_vertices

        _small_vertices.KERNEL.disable()

    gbt, qe, numba = _optional("pygambit"), _optional("quantecon"), _optional("numba")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}; "
          f"load average at start {os.getloadavg()[0]:.1f}")
    print(f"python {platform.python_version()}, numpy {np.__version__}, trigame {tg.__version__}, "
          f"pygambit {getattr(gbt, '__version__', 'n/a')}, quantecon {getattr(qe, '__version__', 'n/a')}, "
          f"numba {getattr(numba, '__version__', 'n/a')}" + ("; trigame without its compiled pass (--pure)"
                                                             if args.pure else ""))
    print(f"{args.games} games per shape, payoffs integers in [0, 9] given as floats; fastest of {args.repeat} "
          "CPU timings per game, mean over the games; ratio peer / trigame; sets: peer's equilibria among "
          "trigame's / trigame's among the peer's")

    def draw(shape: tuple[int, ...], seed: int) -> list[np.ndarray]:
        rng = np.random.default_rng(seed)
        return [rng.integers(0, 10, shape).astype(float) for _ in shape]

    def gambit_2p(arrays: list[np.ndarray]) -> Callable[[], Any]:
        def run() -> Any:
            game = gbt.Game.from_arrays(*arrays)
            return game, gbt.nash.enummixed_solve(game, rational=False)
        return run

    def gambit_np(arrays: list[np.ndarray]) -> Callable[[], Any]:
        def run() -> Any:
            game = gbt.Game.from_arrays(*arrays)
            return game, gbt.nash.enumpoly_solve(game)
        return run

    def quantecon(arrays: list[np.ndarray]) -> Callable[[], Any]:
        A, B = arrays

        def run() -> Any:
            game = qe.game_theory.NormalFormGame((qe.game_theory.Player(A), qe.game_theory.Player(B.T)))
            return qe.game_theory.support_enumeration(game)
        return run

    if qe is not None:  # compile QuantEcon's numba code outside the timings
        quantecon(draw((2, 2), 0))()
    for shape in [(2, 2, 2), (4, 4)]:  # first-call imports (and compiling, the first time) outside the timings
        tg.equilibria(tg.NormalFormGame.from_arrays(*draw(shape, 0)))

    shapes = [(2, 2), (2, 2, 2)] + [(n, n) for n in args.sizes]
    print(f"| {'shape':<8} | {'trigame':>12} | {'(game built)':>12} | {'gambit':<34} | quantecon")
    for shape in shapes:
        ours, built = [], []
        peers: dict[str, tuple[list[float], list[str]]] = {"gambit": ([], []), "quantecon": ([], [])}
        for seed in range(args.games):
            arrays = draw(shape, seed)
            elapsed, eqs = _best(lambda arrays=arrays: tg.equilibria(tg.NormalFormGame.from_arrays(*arrays)),
                                 args.repeat)
            ours.append(elapsed)
            game = tg.NormalFormGame.from_arrays(*arrays)
            tg.equilibria(game)
            built.append(_best(lambda game=game: tg.equilibria(game), args.repeat)[0])
            reference = _trigame_profiles(eqs)
            if gbt is not None:
                run = gambit_2p(arrays) if len(shape) == 2 else gambit_np(arrays)
                elapsed, (g, result) = _best(run, args.repeat)
                theirs = _gambit_profiles(g, result)
                peers["gambit"][0].append(elapsed)
                peers["gambit"][1].append(("y" if _within(theirs, reference) else "n")
                                          + ("y" if _within(reference, theirs) else "n"))
            if qe is not None and len(shape) == 2:
                elapsed, result = _best(quantecon(arrays), args.repeat)
                theirs = [[np.asarray(x, dtype=float), np.asarray(y, dtype=float)] for x, y in result]
                peers["quantecon"][0].append(elapsed)
                peers["quantecon"][1].append(("y" if _within(theirs, reference) else "n")
                                             + ("y" if _within(reference, theirs) else "n"))
        label = "x".join(map(str, shape))
        print("| " + _row(label, ours, built, peers), flush=True)
    print(f"load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
