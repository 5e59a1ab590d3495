"""Perfect Bayesian equilibria of games of incomplete information: :func:`perfect_bayesian`.

A **perfect Bayesian equilibrium** is an assessment (behaviour strategies,
beliefs) such that (1) at every information set the mover's action
distribution is optimal given the beliefs there and the others' strategies
afterwards (sequential rationality), (2) beliefs follow Bayes' rule at every
information set reached with positive probability, and (3) in every subgame,
beliefs follow Bayes' rule at information sets reached with positive
probability from the subgame's root, so every PBE is subgame perfect
(Gibbons 1992, section 4.1, Requirements 1-4).

* :mod:`~trigame.solve.perfect_bayesian.signaling` -- signalling games
  (:class:`~trigame.games.signaling.SignalingGame`), exactly, by enumeration
  of the players' supports;
* :mod:`~trigame.solve.perfect_bayesian.tree` -- general game trees.

Refinements (the intuitive criterion and D1 of Cho and Kreps 1987) are in
:mod:`trigame.solve.refinements`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from trigame.errors import MethodError, UnsupportedGameError

if TYPE_CHECKING:
    from trigame.games.signaling import SignalingGame
    from trigame.games.tree import GameTree
    from trigame.results.perfect_bayesian import PerfectBayesianSet

__all__ = ["REFINEMENTS", "perfect_bayesian"]

#: The values of ``refine``.
REFINEMENTS = (None, "intuitive", "D1", "divinity")


def perfect_bayesian(game: SignalingGame | GameTree, refine: str | None = None, **options: Any) -> PerfectBayesianSet:
    """Every perfect Bayesian equilibrium of a signalling game or a game tree.

    Parameters
    ----------
    game : SignalingGame or GameTree
        The game.  Signalling games are solved by
        :func:`~trigame.solve.perfect_bayesian.signaling.signaling_pbe`, trees by
        :func:`~trigame.solve.perfect_bayesian.tree.perfect_bayesian_tree`.
    refine : None, "intuitive", "D1" or "divinity"
        Keep only the equilibria that pass the refinement (Cho and Kreps 1987);
        each kept equilibrium records it in ``survives``.
    **options
        Passed to the solver (e.g. the budget ``max_support_profiles`` of the
        signalling-game solver).

    Returns
    -------
    PerfectBayesianSet

    Raises
    ------
    UnsupportedGameError
        For another kind of game, or ``refine`` with a game tree.
    MethodError
        For an unknown ``refine``.

    Examples
    --------
    >>> from trigame.games.signaling import SignalingGame
    >>> sg = SignalingGame(("high", "low"), {"high": 0.5, "low": 0.5}, ("talk",), ("act",),
    ...                    lambda t, m, a: (1, 1))
    >>> len(perfect_bayesian(sg))
    1
    """
    from trigame.games.signaling import SignalingGame
    from trigame.games.tree import GameTree

    if refine not in REFINEMENTS:
        raise MethodError(f"refine must be one of {list(REFINEMENTS)}, got {refine!r}")
    if isinstance(game, SignalingGame):
        from trigame.solve.perfect_bayesian.signaling import signaling_pbe

        if game.is_symbolic:
            raise UnsupportedGameError(
                "perfect_bayesian solves numeric games; substitute values with game.subs(...) first, or get every "
                "equilibrium with its condition from tg.statics.regimes or signaling_pbe(game)")
        result = signaling_pbe(game, **options)
    elif isinstance(game, GameTree):
        from trigame.solve.perfect_bayesian.tree import perfect_bayesian_tree

        result = perfect_bayesian_tree(game, **options)
    else:
        raise UnsupportedGameError(f"perfect_bayesian needs a SignalingGame or a GameTree, got {type(game).__name__}")
    if refine is None:
        return result
    if not isinstance(game, SignalingGame):
        raise UnsupportedGameError(f"the refinement {refine!r} (Cho and Kreps 1987) is defined for signalling games; "
                                   "write the game as a SignalingGame, or call perfect_bayesian(tree) without refine")
    from trigame.solve.refinements import apply_refinements

    return apply_refinements(game, result, refine)
