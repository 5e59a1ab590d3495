"""The exact checks a regime map makes at points: the point solver's equilibria there, compared with the regimes.

A regime map checks its symbolic answer at each cell's witness against the numeric solver solved exactly
at that point (:func:`_numeric_check`); :meth:`~trigame.statics.regime_maps.RegimeMap.labels` and the
figures' map/sweep agreement (:mod:`trigame.viz._agreement`) solve points the same way.  Where the game has a
continuum of equilibria the two may list different points of it, and are compared as sets
(:func:`_same_up_to_continua`, :mod:`trigame.statics._continua`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from trigame._labels import set_label, support_label
from trigame.errors import BudgetExceededError, TrigameError
from trigame.statics._problem import _Problem
from trigame.statics.regime_set import Regime

if TYPE_CHECKING:
    from trigame.solve.subgame_perfect._memo import StageMemo


class _Known(set[tuple[frozenset[int], frozenset[str]]]):
    """What one regime map's point checks share: the pairs (the regimes present, by index; the point solver's
    support labels) whose points were compared in full, and the stage games solved at earlier witnesses.

    The point solves of one map are of trees of one shape with other numbers: a stage game met before (the
    same players, strategies and exact payoffs) is looked up in ``stages``
    (:class:`~trigame.solve.subgame_perfect._memo.StageMemo`) with its equilibria, not solved again.
    Every witness is still solved exactly and compared: only work that gives the same answer is shared.
    """

    def __init__(self) -> None:
        from trigame.solve.subgame_perfect._memo import StageMemo

        super().__init__()
        self.stages = StageMemo()


def _numeric_label(problem: _Problem, values: Mapping[str, Any]) -> tuple[str, set[str], bool]:
    """Set label, support labels and continuum flag of the numeric game at a point (exact for rationals)."""
    if problem.kind == "perfect_bayesian":
        from trigame.statics._pbe_regimes import _numeric_labels

        return _numeric_labels(problem, values)
    if problem.profiles is not None:  # a repeated model: its profiles that are equilibria at the point
        from trigame.statics._repeated_conditions import numeric_labels

        return numeric_labels(problem, values)
    _, found, degenerate = _numeric_equilibria(problem, values)
    return set_label(found, continuum=degenerate), set(found), degenerate


def _numeric_equilibria(problem: _Problem, values: Mapping[str, Any], stages: StageMemo | None = None
                        ) -> tuple[Any, dict[str, list[Any]], bool]:
    """The numeric game at a point, its equilibria by support label, and whether it has a continuum of them.

    Each equilibrium is ``{player: {strategy: probability}}`` (Nash) or ``{information set: {action:
    probability}}`` (SPE), as in a regime's ``probabilities``.  Not for signalling models.  With ``stages``
    (a regime map's, :attr:`_Known.stages`) the stage games solved at its earlier points are looked up, not
    solved again.
    """
    from trigame._labels import equilibrium_support_label
    from trigame.solve import equilibria
    from trigame.solve.subgame_perfect import subgame_perfect

    game = problem.game.subs({k: v for k, v in values.items()}) if values else problem.game
    found: dict[str, list[Any]] = {}
    eq: Any  # SubgamePerfectEquilibrium sets its attributes through object.__setattr__, unseen by mypy
    if problem.kind == "nash":
        nash = equilibria(game)
        for eq in nash:
            found.setdefault(equilibrium_support_label(eq), []).append(
                {p: dict(zip(labels, eq.strategies[i].tolist()))
                 for i, (p, labels) in enumerate(zip(game.players, game.strategies))})
        return game, found, nash.degenerate
    if stages is not None:
        from trigame.solve.subgame_perfect import _solve_with_memo

        spe = _solve_with_memo(game, stages)
    else:
        spe = subgame_perfect(game)
    keys = [info.key for info in game.information_sets]
    actions = [tuple(info.actions) for info in game.information_sets]
    for eq in spe:
        label = support_label([str(k) for k in keys], actions,
                              [tuple(j for j, p in enumerate(eq.behavior[k].values()) if p != 0) for k in keys])
        found.setdefault(label, []).append(eq.behavior)
    return game, found, spe.degenerate


def _numeric_check(problem: _Problem, values: Mapping[str, Fraction], present: Sequence[Regime],
                   known: _Known | None = None) -> tuple[set[str], bool]:
    """The numeric solver's support labels and continuum flag at a witness, checked against the regimes present.

    Raises TrigameError when the two disagree, unless the game has a continuum of equilibria there and the
    two describe the same one (:func:`_same_up_to_continua`; ``known`` as in :func:`_compare_at`).
    """
    names = {r.support_label for r in present}
    numeric, continuum, same = _compare_at(problem, values, present, known)
    if not same:
        raise TrigameError(f"internal inconsistency at {dict(values)}: the symbolic regimes give {sorted(names)}, "
                           f"the numeric solver {sorted(numeric)}; please report this")
    return numeric, continuum


def _compare_at(problem: _Problem, values: Mapping[str, Fraction], present: Sequence[Regime],
                known: _Known | None = None) -> tuple[set[str], bool, bool]:
    """The point solver's support labels and continuum flag at exact ``values``, and whether they describe the
    same equilibrium set as the regimes ``present`` (up to a continuum, :func:`_same_up_to_continua`).

    ``known`` (a regime map's) holds the pairs (the regimes present, by index; the point solver's labels)
    whose points were compared in full at some witness and found the same continuum: where the same pair
    occurs again, only the labels are compared, as where the game has no continuum.  Pairs found the same
    here are added to it.
    """
    numeric, continuum, same, _, _ = _solve_and_compare(problem, values, present, known)
    return numeric, continuum, same


def _solve_and_compare(problem: _Problem, values: Mapping[str, Fraction], present: Sequence[Regime],
                       known: _Known | None = None) -> tuple[set[str], bool, bool, Any, list[Any]]:
    """:func:`_compare_at` with the numeric game and its equilibria (None and [] for the models whose
    equilibria are read by label only: perfect Bayesian and repeated)."""
    names = {r.support_label for r in present}
    if problem.kind == "perfect_bayesian" or problem.profiles is not None:
        _, numeric, continuum = _numeric_label(problem, values)
        return numeric, continuum, numeric == names, None, []
    game, found, continuum = _numeric_equilibria(problem, values, known.stages if known is not None else None)
    numeric = set(found)
    equilibria = [eq for eqs in found.values() for eq in eqs]
    if numeric == names or not continuum:
        return numeric, continuum, numeric == names, game, equilibria
    pair = (frozenset(r.index for r in present), frozenset(numeric))
    if known is not None and pair in known:
        return numeric, continuum, True, game, equilibria
    same = _same_up_to_continua(problem, dict(values), present, game, equilibria)
    if same and known is not None:
        known.add(pair)
    return numeric, continuum, bool(same), game, equilibria


def _same_up_to_continua(problem: _Problem, values: Mapping[str, Fraction], present: Sequence[Regime],
                         game: Any, numeric: Sequence[Any]) -> bool:
    """Whether the regimes ``present`` at ``values`` and the numeric equilibria describe the same continuum.

    Where the game has a continuum of equilibria the two may list different points of it (the agent form of
    a Bayesian stage lists the corners of the types' behaviour, its strategic form the corners of the mixed
    plans): the two lists are compared exactly without their points that lie in a convex set of equilibria
    spanned by other listed points (:mod:`trigame.statics._continua`).  ``game`` is the numeric game at
    ``values`` and ``numeric`` its equilibria, as :func:`_numeric_equilibria` gives them.
    """
    import sympy

    from trigame.statics._continua import normal_form_continua, profile_of, tree_continua

    subs = {problem.symbol(name): sympy.Rational(v.numerator, v.denominator) for name, v in values.items()}
    try:
        continua = normal_form_continua(game) if problem.kind == "nash" else tree_continua(game)
        listed = [profile_of(continua, eq) for eq in numeric]
        symbolic = [profile_of(continua, {unit: {a: p.xreplace(subs) if isinstance(p, sympy.Basic) else p
                                                 for a, p in probs.items()}
                                          for unit, probs in r.probabilities.items()}) for r in present]
    except (ValueError, TypeError, KeyError, BudgetExceededError):
        return False  # a probability not rational there, a unit not matched, or subgames too large to check
    return continua.same_set(symbolic, listed)
