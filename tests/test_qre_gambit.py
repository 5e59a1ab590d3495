"""Logit QRE against Gambit's logit solvers (pygambit 16.7) on Gambit's own test games.

Gambit's ``logit_solve_lambda`` traces the principal branch in the game's payoff units (``sigma_ij``
proportional to ``exp(lambda u_ij)``, no normalisation) and returns the first point where the branch
reaches each target, at the ``lambda`` it reports; its points there solve the logit equations to
machine precision, so trigame must agree to far better than 1e-8.  Where the game has a symmetry-breaking
bifurcation (Battle of the Sexes, Wilson's game, von Stengel's 6x6) Gambit leaves the branch there, while
trigame continues it smoothly; those games are compared separately.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from trigame.io.nfg import read_nfg
from trigame.solve.qre import qre
from trigame.verify.qre import is_logit_qre, logit_residual

gbt = pytest.importorskip("pygambit")

GENERIC = [
    "contrib__games__loopback.nfg",
    "contrib__games__2x2x2x2.nfg",
    "contrib__games__3x3x3.nfg",
    "contrib__games__5x4x3.nfg",
    "contrib__games__8x8.nfg",
    "contrib__games__e07.nfg",
    "contrib__games__todd2.nfg",
    "contrib__games__coord3.nfg",
]
LAMBDAS = [0.1, 0.5, 1.0, 2.0, 5.0]


def gambit_vectors(game, profile):
    return [np.array([float(profile[s]) for s in player.strategies]) for player in game.players]


@pytest.mark.parametrize("name", GENERIC)
def test_points_match_logit_solve_lambda(gambit_dir: Path, name: str):
    path = gambit_dir / name
    ours, theirs = read_nfg(path), gbt.read_nfg(str(path))
    for target, point in zip(LAMBDAS, gbt.qre.logit_solve_lambda(theirs, LAMBDAS)):
        assert point.lam == pytest.approx(target, abs=1e-6)
        mine = qre(ours, point.lam)
        assert mine.isclose(gambit_vectors(theirs, point.profile), 1e-10), (name, point.lam)


def test_loopback_branch_points_lie_on_the_branch(gambit_dir: Path):
    # every point of Gambit's branch, where lambda bends back, is one of trigame's crossings at its lambda.
    # Gambit's branch points solve the logit equations only to about 1e-6 (its corrector's tolerance), and
    # near a turning point that error is amplified (like the square root of the residual at a fold), so the
    # distance allowed is 2e-4; trigame's own crossings are checked to 1e-12 by the independent check
    path = gambit_dir / "contrib__games__loopback.nfg"
    ours, theirs = read_nfg(path), gbt.read_nfg(str(path))
    points = [p for p in gbt.qre.logit_solve_branch(theirs) if 0 < p.lam < 10]
    branch = qre.trace(ours, max_lambda=10, lambdas=[p.lam for p in points])
    for point in points:
        crossings = branch.at(point.lam)
        assert crossings
        target = gambit_vectors(theirs, point.profile)
        assert any(c.isclose(target, 2e-4) for c in crossings), point.lam
        assert all(logit_residual(ours, c, point.lam) < 1e-12 for c in crossings)


@pytest.mark.parametrize(
    "name", ["catalog__journals__ijgt__nau2004__sec3.nfg", "contrib__games__sh3.nfg"]
)
def test_symmetric_games_keep_the_symmetric_branch(gambit_dir: Path, name: str):
    # Battle of the Sexes and Wilson's game (both symmetric under swapping the players): both solvers agree
    # before the bifurcation; past it trigame stays on the symmetric branch, which is still a QRE
    path = gambit_dir / name
    ours, theirs = read_nfg(path), gbt.read_nfg(str(path))
    branch = qre.trace(ours, max_lambda=5.0)
    (bifurcation,) = branch.bifurcations
    for point in gbt.qre.logit_solve_lambda(theirs, [0.1, 0.5]):
        assert qre(ours, point.lam).isclose(gambit_vectors(theirs, point.profile), 1e-10)
    for lam in (bifurcation.lam + 0.5, 5.0):
        mine = qre(ours, lam)
        assert is_logit_qre(ours, mine, lam, tol=1e-12)
        first, second = mine.strategies
        swap = second[::-1] if name.endswith("sec3.nfg") else second
        assert np.max(np.abs(first - swap)) < 1e-10
