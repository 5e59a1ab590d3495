"""Benchmark: trigame's 2-player ``support`` solver against Gambit, nashpy and QuantEcon.

For each size ``n`` the same ``--repeat`` random ``n x n`` games (integer payoffs in
``[0, 1000)``, nondegenerate with high probability) are solved by

* trigame ``support`` on the float game and on the exact game,
* pygambit ``enummixed_solve`` with ``rational=False`` and ``rational=True``,
* nashpy ``support_enumeration`` and ``vertex_enumeration``,
* QuantEcon ``game_theory.support_enumeration``.

Every solver gets the same game one after the other (interleaved game by game, so that
the load of the machine hits everyone alike) and each time is the CPU time of the process
(``time.process_time``) for building the game and solving it.  The table shows the mean
CPU time per game, the ratio peer time / trigame time (float peers against trigame on the
float game, Gambit's rational solver against trigame on the exact game) and whether the
peer's set of equilibria equals trigame's exact set (within 1e-6).  A missing peer is
shown as "n/a".  A peer whose time, extrapolated from the sizes already measured, would
exceed ``--cap`` seconds per game is skipped from then on and shown as "skip".

``--pure`` keeps trigame off its compiled (Numba) pass, as for a user without the ``fast``
extra; the peers run as always (QuantEcon needs Numba).

Run::

    python benchmarks/bench_support.py [--sizes 4 6 8 10] [--repeat R] [--cap SECONDS] [--pure]
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

Solver = Callable[[np.ndarray, np.ndarray], list[tuple[np.ndarray, np.ndarray]]]


def _optional(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def _trigame(kind: str) -> Solver:
    def run(A: np.ndarray, B: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
        game = tg.NormalFormGame.from_arrays(A.astype(float) if kind == "float" else A.tolist(),
                                             B.astype(float) if kind == "float" else B.tolist())
        eqs = tg.equilibria(game, method="support")
        return [(np.array(e.strategies[0], dtype=float), np.array(e.strategies[1], dtype=float)) for e in eqs]

    return run


def _peers() -> dict[str, Solver | None]:
    gbt = _optional("pygambit")
    nash = _optional("nashpy")
    qe = _optional("quantecon")
    peers: dict[str, Solver | None] = {}

    def gambit(rational: bool) -> Solver | None:
        if gbt is None:
            return None

        def run(A: np.ndarray, B: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
            if rational:
                game = gbt.Game.from_arrays(A.tolist(), B.tolist())
            else:
                game = gbt.Game.from_arrays(A.astype(float), B.astype(float))
            result = gbt.nash.enummixed_solve(game, rational=rational)
            return [
                tuple(np.array([float(eq[s]) for s in p.strategies]) for p in game.players)  # type: ignore[misc]
                for eq in result.equilibria
            ]

        return run

    peers["gambit float"] = gambit(False)
    peers["gambit rational"] = gambit(True)
    if nash is None:
        peers["nashpy SE"] = peers["nashpy VE"] = None
    else:
        def nashpy(method: str) -> Solver:
            def run(A: np.ndarray, B: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
                with warnings.catch_warnings(), np.errstate(all="ignore"):
                    warnings.simplefilter("ignore")
                    return list(getattr(nash.Game(A.astype(float), B.astype(float)), method)())

            return run

        peers["nashpy SE"] = nashpy("support_enumeration")
        peers["nashpy VE"] = nashpy("vertex_enumeration")
    if qe is None:
        peers["quantecon SE"] = None
    else:
        def quantecon(A: np.ndarray, B: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
            game = qe.game_theory.NormalFormGame((qe.game_theory.Player(A.astype(float)),
                                                  qe.game_theory.Player(B.T.astype(float))))
            return list(qe.game_theory.support_enumeration(game))

        quantecon(np.eye(2), np.eye(2))  # compile the numba code outside the timings
        peers["quantecon SE"] = quantecon
    return peers


def _same(found: list[tuple[np.ndarray, np.ndarray]], reference: list[tuple[np.ndarray, np.ndarray]]) -> bool:
    def close(p: tuple[np.ndarray, np.ndarray], q: tuple[np.ndarray, np.ndarray]) -> bool:
        return all(np.allclose(np.asarray(a, float), np.asarray(b, float), atol=1e-6) for a, b in zip(p, q))

    return len(found) == len(reference) and all(any(close(p, q) for q in reference) for p in found) and all(
        any(close(p, q) for p in found) for q in reference
    )


def _predicted(history: list[tuple[int, float]], n: int) -> float:
    """Time per game at size ``n`` extrapolated geometrically from the sizes measured so far."""
    if not history:
        return 0.0
    n_last, t_last = history[-1]
    if len(history) >= 2:
        n_before, t_before = history[-2]
        growth = max(1.5, (t_last / max(t_before, 1e-9)) ** (1 / max(1, n_last - n_before)))
    else:
        growth = 10.0
    return t_last * growth ** (n - n_last)


def _cpu(run: Callable[[], Any]) -> tuple[float, Any]:
    start = time.process_time()
    result = run()
    return time.process_time() - start, result


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(range(4, 13)))
    parser.add_argument("--repeat", type=int, default=3, help="random games per size (default 3)")
    parser.add_argument("--cap", type=float, default=20.0, help="skip a peer whose time per game would exceed this")
    parser.add_argument("--seed", type=int, default=2024)
    parser.add_argument("--pure", action="store_true", help="trigame without its compiled pass (no Numba)")
    args = parser.parse_args(argv)

    if args.pure:  # the compiled pass counts as unavailable: the path of an installation without Numba
        from trigame.solve.nash import _small_vertices

        _small_vertices.KERNEL.disable()
    peers = _peers()
    versions = {name: getattr(_optional(name), "__version__", "n/a")
                for name in ("pygambit", "nashpy", "quantecon", "numba")}
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.platform()}; "
          f"load average at start {os.getloadavg()[0]:.1f}")
    print(f"python {platform.python_version()}, numpy {np.__version__}, trigame {tg.__version__}, "
          + ", ".join(f"{name} {version}" for name, version in versions.items())
          + ("; trigame without its compiled pass (--pure)" if args.pure else ""))
    for kind in ("float", "exact"):  # first calls import and set up; keep them out of the timings
        _trigame(kind)(np.array([[1, 0], [0, 1]]), np.array([[0, 1], [1, 0]]))
    base = {"gambit rational": "trigame exact"}
    history: dict[str, list[tuple[int, float]]] = {name: [] for name in peers}
    skipped: list[str] = []
    rng = np.random.default_rng(args.seed)
    head = f"{'n':>3} {'eqs':>9} {'trigame float':>14} {'trigame exact':>14}"
    for name in peers:
        head += f" | {name:>26}"
    print(f"random n x n games, integer payoffs in [0, 1000), {args.repeat} per size; CPU time per game, "
          "solvers interleaved game by game; ratio = peer / trigame; '=' same set as trigame's exact one")
    print(head)
    print("-" * len(head))
    for n in args.sizes:
        games = [(rng.integers(0, 1000, (n, n)), rng.integers(0, 1000, (n, n))) for _ in range(args.repeat)]
        active = {name: solver for name, solver in peers.items()
                  if solver is not None and _predicted(history[name], n) <= args.cap}
        for name in peers:
            if peers[name] is not None and name not in active and name not in skipped:
                skipped.append(name)
                print(f"  ({name}: skipped from n = {n} on, predicted "
                      f"{_predicted(history[name], n):.0f} s per game > cap {args.cap:g} s)")
        times: dict[str, float] = {name: 0.0 for name in ["trigame float", "trigame exact", *active]}
        found: dict[str, list[list[tuple[np.ndarray, np.ndarray]]]] = {name: [] for name in times}
        for A, B in games:
            for label, solver in [("trigame float", _trigame("float")), ("trigame exact", _trigame("exact")),
                                  *active.items()]:
                elapsed, result = _cpu(lambda solver=solver, A=A, B=B: solver(A, B))
                times[label] += elapsed / len(games)
                found[label].append(result)
        reference = found["trigame exact"]
        float_ok = all(_same(f, r) for f, r in zip(found["trigame float"], reference))
        counts = ("/".join(str(len(r)) for r in reference) if len(reference) <= 3
                  else f"{sum(len(r) for r in reference)} in all")
        line = f"{n:>3} {counts:>9} {times['trigame float'] * 1e3:>12.3f}ms {times['trigame exact'] * 1e3:>12.3f}ms"
        if not float_ok:
            line += " (float != exact!)"
        for name in peers:
            if peers[name] is None:
                line += f" | {'n/a':>26}"
            elif name not in active:
                line += f" | {'skip':>26}"
            else:
                history[name].append((n, times[name]))
                ratio = times[name] / times[base.get(name, "trigame float")]
                same = all(_same(f, r) for f, r in zip(found[name], reference))
                line += f" | {times[name] * 1e3:>9.3f}ms x{ratio:>7.2f} {'=' if same else '!=':>4}"
        print(line, flush=True)
    print("ratios: gambit rational against trigame exact, every other peer against trigame float")
    print("'!=': the peer's set differs from trigame's exact set on at least one game of that size")
    print(f"load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
