"""The ``support`` solver on every 2-player game of Gambit's collection, against Gambit itself.

Reference: pygambit's exact ``enummixed_solve(rational=True)``, which enumerates the
extreme equilibria of a 2-player game in rational arithmetic.  trigame must return
exactly the same set of Fraction profiles on the exact game, and the same set within
a tolerance on the float version of the game.  Titles that state a number of
equilibria ("with 75 equilibria", "with 3 Nash equilibria", "unique mixed
equilibrium", "a continuum of equilibria") are checked as published facts too.
"""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

import trigame as tg
from tests._peers import gambit_profile
from tests.conftest import gambit_files

TWO_PLAYER = [path for path in gambit_files() if tg.read_nfg(path).n_players == 2]
IDS = [path.stem for path in TWO_PLAYER]


def _gambit_extreme_equilibria(path: Path) -> set[tuple[tuple[Fraction, ...], ...]]:
    gbt = pytest.importorskip("pygambit")
    game = gbt.read_nfg(str(path))
    result = gbt.nash.enummixed_solve(game, rational=True)
    return {tuple(tuple(Fraction(x) for x in v) for v in gambit_profile(eq, game)) for eq in result.equilibria}


def _as_set(eqs: tg.EquilibriumSet) -> set[tuple[tuple[Fraction, ...], ...]]:
    return {tuple(tuple(v.tolist()) for v in eq.strategies) for eq in eqs}


def test_collection_has_the_known_two_player_games(gambit_dir: Path) -> None:
    names = {path.name for path in TWO_PLAYER}
    for expected in ("contrib__games__winkels.nfg", "contrib__games__zero.nfg", "contrib__games__deg1.nfg"):
        assert expected in names
    assert len(TWO_PLAYER) >= 40


@pytest.mark.parametrize("path", TWO_PLAYER, ids=IDS)
def test_exact_set_equals_gambit_enummixed(path: Path) -> None:
    expected = _gambit_extreme_equilibria(path)
    game = tg.read_nfg(path)
    eqs = tg.equilibria(game, method="support")
    assert eqs.complete and eqs.method == "support"
    assert all(eq.exact for eq in eqs)
    assert _as_set(eqs) == expected
    # A continuum exists iff one player's extreme strategy occurs in two extreme equilibria.
    firsts = [p[0] for p in expected]
    seconds = [p[1] for p in expected]
    assert eqs.degenerate == (len(set(firsts)) < len(firsts) or len(set(seconds)) < len(seconds))


@pytest.mark.parametrize("path", TWO_PLAYER, ids=IDS)
def test_float_game_agrees_with_gambit(path: Path) -> None:
    expected = _gambit_extreme_equilibria(path)
    game = tg.read_nfg(path).as_float()
    eqs = tg.equilibria(game, method="support")
    assert eqs.complete
    assert len(eqs) == len(expected)
    for profile in expected:
        assert eqs.contains([np.array([float(p) for p in v]) for v in profile], tol=1e-7)


def _stated_count(title: str) -> int | None:
    match = re.search(r"with (\d+) (?:Nash |extreme )?equilibri", title)
    if match:
        return int(match.group(1))
    if "unique" in title and "equilibrium" in title:
        return 1
    return None


def _checkable(title: str) -> bool:
    return (
        _stated_count(title) is not None
        or "pure)" in title
        or "continuum" in title
        or title.lower().startswith("degenerate")
    )


TITLED = [path for path in TWO_PLAYER if _checkable(tg.read_nfg(path).title)]


@pytest.mark.parametrize("path", TITLED, ids=[path.stem for path in TITLED])
def test_titles(path: Path) -> None:
    game = tg.read_nfg(path)
    eqs = tg.equilibria(game, method="support")
    title = game.title
    count = _stated_count(title)
    if count is not None:
        assert len(eqs) == count, title
    if "unique mixed" in title:
        assert not eqs[0].is_pure
    pure = re.search(r"\((\d+) pure\)", title)
    if pure:
        assert sum(eq.is_pure for eq in eqs) == int(pure.group(1))
    if "continuum" in title:
        assert eqs.degenerate
    if title.lower().startswith("degenerate"):
        assert eqs.game_degenerate


def _load(stem: str) -> tg.NormalFormGame:
    for path in TWO_PLAYER:
        if path.stem == stem:
            return tg.read_nfg(path)
    pytest.skip(f"{stem}.nfg is not in the collection")


def test_von_stengel_75_is_nondegenerate_with_isolated_equilibria() -> None:
    eqs = tg.equilibria(_load("catalog__journals__dcg__vonstengel1999__6x6_game_with_75_eq"), method="support")
    assert len(eqs) == 75
    assert not eqs.degenerate and eqs.game_degenerate is False


def test_zero_game_every_pure_profile() -> None:
    # With all payoffs zero every profile is an equilibrium; the extreme ones are the 4 pure profiles.
    for stem in ("contrib__games__zero", "tests__test_games__2x2_bimatrix_all_zero_payoffs"):
        eqs = tg.equilibria(_load(stem), method="support")
        assert sorted(eq.support for eq in eqs) == [((0,), (0,)), ((0,), (1,)), ((1,), (0,)), ((1,), (1,))]
        assert eqs.degenerate and eqs.game_degenerate


def test_winkels_twelve_extreme_equilibria() -> None:
    eqs = tg.equilibria(_load("contrib__games__winkels"), method="support")
    assert len(eqs) == 12 and eqs.degenerate and eqs.game_degenerate


@pytest.mark.parametrize("stem", ["contrib__games__csg1", "contrib__games__csg2", "contrib__games__csg3",
                                  "contrib__games__csg4"])
def test_constant_sum_continua_share_one_value(stem: str) -> None:
    # In a constant-sum game all equilibria give the row player the same payoff (the value).
    eqs = tg.equilibria(_load(stem), method="support")
    assert eqs.degenerate
    assert len({eq.payoffs[0] for eq in eqs}) == 1
