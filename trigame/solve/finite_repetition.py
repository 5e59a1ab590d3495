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

:func:`pure_equilibrium_payoffs` answers the question behind Benoît and Krishna's theorem
for many rounds without listing strategies: every subgame that starts in round ``t`` is the
same game, so the payoffs of its pure subgame-perfect equilibria form one set ``P_t``, and

    P_t = { u(a) + δ v :  v ∈ P_{t+1},  u_i(a) + δ v_i ≥ u_i(d_i, a_-i) + δ min_{w ∈ P_{t+1}} w_i  for all i, d_i }

(``P_{T+1} = {0}``): profile ``a`` is played with continuation ``v`` when each deviation can
be followed by the continuation its author likes least.  The sets are computed exactly,
from the last round back, in work proportional to the number of profiles times the size of
the sets.

Every equilibrium of every subgame is listed, so the number of equilibria grows
with the number of histories times the number of stage equilibria: the solver's
budgets (``max_work``, ``max_equilibria``) and the tree's (``max_nodes``) keep a
request within bounds, and the result says when it is not complete.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from trigame._numbers import convert, to_fraction
from trigame.budget import WorkBudget, check_limit
from trigame.errors import BudgetExceededError, UnsupportedGameError
from trigame.games.finite_repetition import DEFAULT_MAX_NODES, FinitelyRepeatedGame
from trigame.games.normal_form import NormalFormGame
from trigame.results.finite_repetition import FiniteRepetitionSet, PurePayoffSet, RepetitionEquilibrium

__all__ = ["finitely_repeated_equilibria", "punishment_gaps", "pure_equilibrium_payoffs"]


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


def pure_equilibrium_payoffs(game: FinitelyRepeatedGame | NormalFormGame, rounds: int | None = None, *,
                             discount: Any = 1, max_payoffs: int | None = 100_000,
                             max_work: int | None = 10_000_000) -> PurePayoffSet:
    """The payoffs of every pure-strategy subgame-perfect equilibrium of a finitely repeated game.

    No tree is built: all subgames that start in the same round are the same game, so
    their pure subgame-perfect payoffs are one set per round, computed from the last
    round back (see the module documentation).  Each payoff vector comes with a path
    of play that achieves it (:meth:`~trigame.results.finite_repetition.PurePayoffSet.path`).

    Parameters
    ----------
    game : FinitelyRepeatedGame or NormalFormGame
        The repeated game, or its stage game (then ``rounds`` is required).
    rounds : int, optional
        The number of rounds when ``game`` is a stage game.
    discount : number, default 1
        The discount factor when ``game`` is a stage game.
    max_payoffs : int or None, default 100000
        The most distinct payoff vectors kept for one round
        (:class:`~trigame.errors.BudgetExceededError` past it).
    max_work : int or None, default 10000000
        The work budget: (profile, continuation) pairs examined.

    Returns
    -------
    PurePayoffSet
        ``payoffs`` (from round 1), ``by_round`` and ``path(payoffs)``; exact for exact
        games (Fractions), floats for float games.

    Raises
    ------
    UnsupportedGameError
        For a symbolic stage game or discount factor.

    Examples
    --------
    Two pure stage equilibria, (T, L) worth 1 and (B, R) worth 3 each, sustain (M, C), worth
    4 each, in every round but the last:

    >>> from trigame.games.normal_form import NormalFormGame
    >>> stage = NormalFormGame.from_arrays([[1, 5, 0], [0, 4, 0], [0, 0, 3]], [[1, 0, 0], [5, 4, 0], [0, 0, 3]],
    ...                                    strategies=[["T", "M", "B"], ["L", "C", "R"]])
    >>> found = pure_equilibrium_payoffs(stage, 3)
    >>> best = max(found.payoffs, key=sum)
    >>> best, found.path(best)
    ((Fraction(11, 1), Fraction(11, 1)), (('M', 'C'), ('M', 'C'), ('B', 'R')))
    """
    if isinstance(game, NormalFormGame):
        if rounds is None:
            raise UnsupportedGameError("a stage game needs rounds=...: the number of times it is played")
        game = FinitelyRepeatedGame(game, rounds, discount=discount, max_nodes=None)
    elif not isinstance(game, FinitelyRepeatedGame):
        raise UnsupportedGameError(f"pure_equilibrium_payoffs needs a FinitelyRepeatedGame or a "
                                   f"NormalFormGame stage game, got {type(game).__name__}")
    if game.kind == "symbolic":
        raise UnsupportedGameError("pure_equilibrium_payoffs needs numeric payoffs and discount factor; "
                                   "substitute values with stage.subs(...)")
    check_limit(max_payoffs, "max_payoffs")
    budget = WorkBudget(max_work, what="the pure subgame-perfect payoff sets", unit="(profile, continuation) pairs",
                        option="max_work")
    stage, n = game.stage, len(game.players)
    delta = to_fraction(game.discount)
    profiles: list[tuple[str, ...]] = [()]
    for labels in stage.strategies:
        profiles = [(*p, a) for p in profiles for a in labels]
    value = {a: tuple(to_fraction(u) for u in game.stage_payoffs(a)) for a in profiles}
    # the best a player can get by a unilateral deviation from each profile (None: no other action)
    deviation = {}
    for a in profiles:
        best: list[Fraction | None] = []
        for i, labels in enumerate(stage.strategies):
            deviations = [(*a[:i], d, *a[i + 1:]) for d in labels if d != a[i]]
            gains = [value[b][i] for b in deviations]
            best.append(max(gains) if gains else None)
        deviation[a] = best
    following: dict[tuple[Fraction, ...], Any] = {(Fraction(0),) * n: None}
    rounds_found: list[dict[tuple[Fraction, ...], tuple[tuple[str, ...], tuple[Fraction, ...]]]] = []
    for _ in range(game.rounds):
        worst = [min(v[i] for v in following) for i in range(n)]
        current: dict[tuple[Fraction, ...], tuple[tuple[str, ...], tuple[Fraction, ...]]] = {}
        for a in profiles:
            budget.spend(len(following))
            for v in following:
                if all(d is None or value[a][i] + delta * v[i] >= d + delta * worst[i]
                       for i, d in enumerate(deviation[a])):
                    current.setdefault(tuple(u + delta * w for u, w in zip(value[a], v)), (a, v))
            if max_payoffs is not None and len(current) > max_payoffs:
                raise BudgetExceededError(f"a round has more than {max_payoffs} pure subgame-perfect payoff "
                                          f"vectors; pass max_payoffs=... to allow more")
        rounds_found.append(current)
        following = current  # type: ignore[assignment]
        if not current:
            break
    rounds_found.reverse()
    if len(rounds_found) < game.rounds:   # no pure stage equilibrium: no pure SPE at all
        rounds_found = [{} for _ in range(game.rounds)]
    if game.kind == "float":
        rounds_found = [{tuple(convert(u, "float") for u in k): (a, tuple(convert(u, "float") for u in v))
                         for k, (a, v) in r.items()} for r in rounds_found]
    return PurePayoffSet(game, rounds_found)
