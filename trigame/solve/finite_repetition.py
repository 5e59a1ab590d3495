"""Subgame-perfect equilibria of finitely repeated games, by backward induction on their tree.

A stage game repeated ``T`` times with perfect monitoring is a finite game tree
(:class:`~trigame.games.finite_repetition.FinitelyRepeatedGame`), and its
subgame-perfect equilibria are those of the tree:
:func:`finitely_repeated_equilibria` solves it with
:func:`trigame.solve.subgame_perfect.subgame_perfect` and reads each equilibrium
as a path of play with total and per-round payoffs.

Two classic facts show on small examples:

* **Unravelling.**  When the stage game has a unique Nash equilibrium, the last
  round plays it after every history, so nothing that happens earlier changes
  what comes later; by induction every round plays the stage equilibrium, and
  the finitely repeated Prisoner's Dilemma has the single subgame-perfect
  equilibrium "defect always" for every ``T``.
* **Benoît & Krishna (1985).**  When every player has two stage equilibria that
  pay them differently, the last round can *reward* (play the equilibrium a
  player prefers) or *punish* (the other one) depending on the history, and
  profiles that are no stage equilibrium -- cooperation -- can be played in the
  earlier rounds.  :func:`punishment_gaps` reports, for each player, the spread
  between their best and worst stage-equilibrium payoffs: Benoît and Krishna's
  condition is that it is positive for everyone.

Every equilibrium of every subgame is listed, so the number of equilibria grows
with the number of histories times the number of stage equilibria: the solver's
budgets (``max_work``, ``max_equilibria``) and the tree's (``max_nodes``) keep a
request within bounds, and the result says when it is not complete.
"""

from __future__ import annotations

from typing import Any

from trigame.errors import UnsupportedGameError
from trigame.games.finite_repetition import DEFAULT_MAX_NODES, FinitelyRepeatedGame
from trigame.games.normal_form import NormalFormGame
from trigame.results.finite_repetition import FiniteRepetitionSet, RepetitionEquilibrium

__all__ = ["finitely_repeated_equilibria", "punishment_gaps"]


def finitely_repeated_equilibria(game: FinitelyRepeatedGame | NormalFormGame, rounds: int | None = None, *,
                                 discount: Any = 1, max_equilibria: int = 10_000, tol: float = 1e-9,
                                 max_work: int | None = 1_000_000,
                                 max_nodes: int | None = DEFAULT_MAX_NODES) -> FiniteRepetitionSet:
    """Every subgame-perfect equilibrium of a finitely repeated game, with its path of play.

    Parameters
    ----------
    game : FinitelyRepeatedGame or NormalFormGame
        The repeated game, or its stage game (then ``rounds`` is required).
    rounds : int, optional
        The number of rounds when ``game`` is a stage game.
    discount : number or SymPy expression, default 1
        The discount factor when ``game`` is a stage game (see
        :class:`~trigame.games.finite_repetition.FinitelyRepeatedGame`).
    max_equilibria : int, default 10000
        List at most this many equilibria (``complete=False`` with a note when there are more).
    tol : float, default 1e-9
        Float games: payoffs this close (relative) count as tied.
    max_work : int or None, default 1000000
        The backward-induction budget: combinations of the solutions of sibling
        subgames examined (see :func:`~trigame.solve.subgame_perfect.subgame_perfect`).
    max_nodes : int or None, default 200000
        The budget on the size of the tree when ``game`` is a stage game.

    Returns
    -------
    FiniteRepetitionSet
        One :class:`~trigame.results.finite_repetition.RepetitionEquilibrium` per
        subgame-perfect equilibrium, with ``path``, ``outcomes``, ``payoffs``,
        ``round_payoffs`` and ``play(history)``; ``complete`` and ``degenerate``
        as the tree solver reports them.

    Raises
    ------
    UnsupportedGameError
        When ``game`` is neither a repeated game nor a stage game.
    ParameterError, BudgetExceededError
        For bad rounds, discount or budgets, or a tree over ``max_nodes``.

    Examples
    --------
    The finitely repeated Prisoner's Dilemma unravels: defection in every round.

    >>> from trigame.games.normal_form import NormalFormGame
    >>> pd = NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                                 players=["Row", "Col"], strategies=[["C", "D"], ["C", "D"]])
    >>> result = finitely_repeated_equilibria(pd, 3)
    >>> len(result), result[0].label(), result[0].payoffs
    (1, '(D, D) > (D, D) > (D, D)', (Fraction(3, 1), Fraction(3, 1)))
    """
    if isinstance(game, NormalFormGame):
        if rounds is None:
            raise UnsupportedGameError("a stage game needs rounds=...: the number of times it is played")
        game = FinitelyRepeatedGame(game, rounds, discount=discount, max_nodes=max_nodes)
    elif not isinstance(game, FinitelyRepeatedGame):
        raise UnsupportedGameError(f"finitely_repeated_equilibria needs a FinitelyRepeatedGame or a "
                                   f"NormalFormGame stage game, got {type(game).__name__}")
    elif rounds is not None:
        raise UnsupportedGameError("rounds=... is for a stage game; a FinitelyRepeatedGame knows its rounds")
    from trigame.solve.subgame_perfect import subgame_perfect

    spes = subgame_perfect(game.to_tree(), max_equilibria=max_equilibria, tol=tol, max_work=max_work)
    return FiniteRepetitionSet([RepetitionEquilibrium(game, spe) for spe in spes], game=game,
                               complete=spes.complete, degenerate=spes.degenerate, notes=spes.notes)


def punishment_gaps(stage: NormalFormGame, **options: Any) -> dict[str, Any]:
    """Each player's best minus worst payoff over all Nash equilibria of the stage game.

    Benoît and Krishna (1985, "Finitely repeated games", *Econometrica* 53(4)) show
    that when every gap is positive (and the feasible set has full dimension), any
    feasible, individually rational payoff is approximately an average
    subgame-perfect payoff of the game repeated often enough; when the stage game
    has a unique equilibrium, every gap is zero and the repeated game unravels.

    Parameters
    ----------
    stage : NormalFormGame
        A numeric stage game.
    **options
        Passed to :func:`trigame.equilibria` (which must be complete).

    Returns
    -------
    dict
        ``{player: gap}``, in the game's number kind.
    """
    if not isinstance(stage, NormalFormGame):
        raise UnsupportedGameError(f"punishment_gaps needs a NormalFormGame, got {type(stage).__name__}")
    if stage.is_symbolic:
        raise UnsupportedGameError("punishment_gaps needs numeric payoffs; substitute values with game.subs(...)")
    from trigame.solve import equilibria

    found = equilibria(stage, **options)
    payoffs = [e.payoffs for e in found]
    return {player: max(p[i] for p in payoffs) - min(p[i] for p in payoffs)
            for i, player in enumerate(stage.players)}
