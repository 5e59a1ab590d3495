"""Backward induction over subgames: every subgame-perfect equilibrium of a :class:`GameTree`.

The subgames of a tree are nested.  The *stage* of a subgame is the part of
it that lies outside its proper subgames; its leaves are terminal nodes and
the roots of the proper subgames directly below it.  A behaviour profile is
subgame perfect iff its restriction to every stage, with each proper subgame
replaced by the payoffs it yields, is a Nash equilibrium of that stage
(Selten 1965).  So the subgames are solved from the bottom up (in reverse
preorder), and each stage is solved once per combination of the continuation
payoffs of the subgames below it:

* a stage that is a single decision node (perfect information) keeps every
  optimal action -- for symbolic payoffs, every action together with the
  condition under which it is optimal;
* a stage of chance nodes only has one solution, the expectation;
* any other stage is put into strategic form and solved completely by
  :func:`trigame.equilibria`; each mixed equilibrium becomes a behaviour
  strategy by Kuhn's theorem (Kuhn 1953, Theorem 4; perfect recall holds).
  A symbolic stage in which a player has several information sets but moves
  at most once along any play (a chance move, then Japan against two types of
  South Korea) is solved in its agent form instead, one player per
  information set, which has the same equilibria and fewer strategies
  (:mod:`~trigame.solve.subgame_perfect._agent_stage`).

Every combination of a stage solution with the subgame solutions that gave its
continuation payoffs is one subgame-perfect equilibrium (of a *piece* of the
parameter space, for symbolic trees).  The solutions of a subgame are grouped
by their condition and continuation payoffs, and the stage above is solved once
per combination of *groups*: a subgame with many equilibria that all pay the
same (ties that matter to nobody above) costs no more than one with a single
equilibrium, and the equilibria themselves are enumerated lazily at the end,
up to ``max_equilibria``.  So a perfect-information tree without payoff-relevant
ties is solved in time linear in its size.

What ``complete`` means
-----------------------
At a perfect-information node where the mover is indifferent between several
optimal actions (a *tie*), every mixture of them is optimal too; the solver
lists the pure choices.  The set of equilibria is then a continuum, flagged
``degenerate``.  A tie is *harmless* when the tied actions give the same
payoff to every player who moves at a decision node above it: then no
mixture changes any earlier mover's incentives, the equilibria with mixtures
at the tie are exactly the listed ones with the pure choice replaced by a
mixture of the listed choices, and ``complete`` stays True.  Otherwise a
mixture can make an earlier mover indifferent in turn (P1 chooses Out, worth
1, or In, where P2 is indifferent between payoffs 0 and 2 for P1: at P2's
mixture 1/2 P1 may mix as well), and such equilibria are not listed:
``complete`` is then False with a note naming the tie.  The same holds for a
simultaneous stage with a continuum of Nash equilibria whose listed extreme
equilibria pay an earlier mover differently.  For symbolic trees ties are
those that hold for all parameter values; on the boundaries between pieces
(where a condition holds with equality) the same caveat applies.

The package holds the entry points; the solver itself is in
:mod:`~trigame.solve.subgame_perfect._solver`, and the bookkeeping of the
solutions of each subgame (their count and lazy enumeration) in
:mod:`~trigame.solve.subgame_perfect._pieces`.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

from trigame.budget import check_limit
from trigame.errors import ParameterError, UnsupportedGameError
from trigame.games.tree.game_tree import GameTree
from trigame.results import SubgamePerfectSet
from trigame.solve.subgame_perfect._memo import StageMemo
from trigame.solve.subgame_perfect._solver import _Solver

__all__ = ["backward_induction", "subgame_perfect"]


def backward_induction(tree: GameTree, *, max_equilibria: int = 10_000, tol: float = 1e-9,
                       max_work: int | None = 1_000_000, max_memory: int | None = None,
                       empty: Callable[[Any], bool] | None = None) -> SubgamePerfectSet:
    """Every subgame-perfect equilibrium of ``tree`` (see :func:`trigame.solve.subgame_perfect.subgame_perfect`).

    Parameters
    ----------
    tree : GameTree
        The tree.
    max_equilibria : int, default 10000
        List at most this many equilibria (``complete=False`` with a note when
        there are more).
    tol : float, default 1e-9
        Float trees: ties are read within ``tol`` times each player's payoff
        range, with a floor at the rounding level of the expected payoffs the
        solver computes, as :func:`subgame_perfect` says.  A number in [0, 1).
    max_work : int or None, default 1_000_000
        The work budget: combinations of the solutions of sibling subgames
        examined (one per subgame when each has a single solution).  Past it,
        every remaining subgame is solved with one combination, and the result
        has ``complete=False`` with a note.
    max_memory : int, optional
        Memory budget in bytes of the listed equilibria (default
        :data:`trigame.budget.DEFAULT_MAX_BYTES`); fewer are listed, with
        ``complete=False``, when they would not fit.
    empty : callable, optional
        Symbolic trees: ``empty(condition)`` is True when the condition is
        proved empty on the parameters' domains (the regimes pass their
        decision procedure); pieces with such conditions are dropped as soon
        as they arise, before the stages above are solved for them.  Such
        pieces hold nowhere on the domain, so nothing that holds is lost.
        A test with a method ``conjunction(condition, parts)`` is asked
        about a combination of pieces through it instead, ``condition``
        being the conjunction of ``parts`` (conditions asked about before),
        so that it can reuse what it learnt about them.  Anything else (not
        callable) is refused with a ParameterError.

    Returns
    -------
    SubgamePerfectSet
        ``complete`` is True when every subgame-perfect equilibrium is listed,
        up to mixtures at harmless ties (see the module documentation).
    """
    if not isinstance(tree, GameTree):
        raise UnsupportedGameError(f"backward_induction needs a GameTree, got {type(tree).__name__}")
    if isinstance(tol, bool) or not isinstance(tol, (int, float)) or not (math.isfinite(tol) and 0 <= tol < 1):
        raise ParameterError(f"tol must be a number in [0, 1), got {tol!r}")
    check_limit(max_equilibria, "max_equilibria", allow_none=False)
    check_limit(max_work, "max_work")
    if empty is not None and not callable(empty):
        raise ParameterError(f"empty must be a callable test empty(condition) -> bool, or None; got "
                             f"{type(empty).__name__} {empty!r:.80}")
    incremental = getattr(empty, "conjunction", None)
    if incremental is not None and not callable(incremental):
        raise ParameterError(f"empty.conjunction must be a method conjunction(condition, parts) -> bool; got "
                             f"{type(incremental).__name__}")
    solver = _Solver(tree, max_equilibria, float(tol), max_work, max_memory)
    solver.empty = empty
    return solver.run()


def subgame_perfect(tree: GameTree, *, max_equilibria: int = 10_000, tol: float = 1e-9,
                    max_work: int | None = 1_000_000) -> SubgamePerfectSet:
    """Every subgame-perfect equilibrium of a game tree, by backward induction over its subgames.

    Each subgame is solved from the bottom up.  The part of a subgame outside
    its proper subgames (its *stage*) is solved with the continuation payoffs
    of those subgames: at a single decision node every optimal action is
    kept (ties give several equilibria); a stage with simultaneous moves or
    imperfect information is solved completely in strategic form
    (:func:`trigame.equilibria`) and each of its Nash equilibria is turned into
    behaviour strategies (Kuhn 1953).  Every choice in every subgame is combined
    with every choice in the others, so the number of equilibria is the product
    of the numbers of choices (on each combination of continuation payoffs);
    the work grows with the number of distinct continuation payoffs, not with
    the number of equilibria.

    ``complete`` is True when every subgame-perfect equilibrium is listed, up to
    mixtures at *harmless* ties: at a perfect-information node where the mover
    is indifferent between several actions that pay every player who moves
    earlier (above the node) the same, the mixtures of them are equilibria too
    and are not listed (``degenerate`` is True; the listed pure choices are the
    extreme points).  When the tied actions pay an earlier mover differently, a
    mixture can make that player indifferent in turn, and the equilibria in
    which both mix are not listed: ``complete`` is then False, with a note
    naming the tie (likewise for a simultaneous stage with a continuum of
    equilibria that pay an earlier mover differently).  ``complete`` is also
    False when ``max_equilibria`` or ``max_work`` cut the search short.  For
    symbolic trees, ties are those that hold for all parameter values.

    Parameters
    ----------
    tree : GameTree
        A float, exact or symbolic tree.
    max_equilibria : int, default 10000
        List at most this many equilibria; the result then has
        ``complete=False`` if there are more.
    tol : float, default 1e-9
        For float trees, in units of each player's payoff range, as the float
        Nash check counts it (:func:`trigame.verify.is_nash`).  At a decision
        node, actions whose payoffs to the mover are within ``tol * range /
        (2 d)`` of the best are tied, ``range`` being the mover's payoff range
        in the tree (its best minus its worst expected payoff over pure
        choices) and ``d`` the most decision nodes of the mover on one play:
        in a tree of perfect information every listed equilibrium then passes
        ``is_nash(tree.to_normal_form(), ..., tol)``, except for a player
        whose ``tol * range / (2 d)`` is below the slack's floor.  The floor
        is the rounding error an expected payoff the solver computes can
        carry: ``eps * max|u| * s``, ``eps`` the float epsilon, ``max|u|``
        the player's largest payoff and ``s`` a count of the roundings in the
        sum (the tree's terminal nodes, plus on the worst play two per chance
        move and a few per move in a stage where players can mix; 0, no
        floor, in a tree without chance moves or such stages, or with
        ``tol=0``).  So a tie that rounding breaks by a few units in the last
        place (payoffs all ``1.5`` behind chances ``0.2`` and ``0.8``, or
        behind a stage where two players mix at ``1/3``) is still a tie.  For
        a player whose slack is the floor -- its payoff range is below about
        ``2 d s eps max|u| / tol``, at the default ``tol`` and payoffs near a
        million with ``s = 40`` a range below about 18 -- ties are read at the
        rounding level, and its regret in the float check on the strategic
        form (summed in another order) is bounded by about ``2 d`` times the
        floor, not by ``tol * range``, so the check can fail for that player.
        A stage solved in
        strategic form whose payoffs the solver computes -- through chance
        probabilities, or from the subgames below it -- is solved at the
        simplest rationals within ``tol / 4`` times each player's payoff
        range in the stage of those payoffs, so that rounding does not break
        the ties of the exact numbers (with a prior of 0.4, ``0.4 * 1.5`` is
        ``0.6000000000000001``): a tree whose numbers are decimals has the
        equilibria, ``degenerate`` and ``complete`` of the exact tree, and
        every equilibrium listed is one of the float stage within the float
        solvers' tolerance, per stage (a gain from deviating in that stage of
        at most ``tol`` times the player's payoff range; deviations in several
        nested stages at once can add up).  A stage of terminal payoffs as
        given is solved as the binary fractions its floats are, as
        :func:`trigame.equilibria` solves float games; so is every stage with
        ``tol=0``.  Below about ``1e-12`` the slack is close to the rounding
        of sums of products of floats, and ties that rounding breaks can be
        missed, as with ``tol=0``.  A number in [0, 1).
    max_work : int or None, default 1000000
        The work budget: combinations of the solutions of sibling subgames
        examined.  Past it every remaining subgame is solved with one
        combination and the result has ``complete=False`` with a note.

    Returns
    -------
    SubgamePerfectSet
        Each equilibrium with ``behavior``, ``outcomes`` and ``payoffs``.  For a
        symbolic tree each entry is a piece that holds under its ``condition``;
        perfect-information parts are solved for any payoffs, simultaneous
        stages where :func:`trigame.equilibria` solves symbolic games (2x2 and
        2x2x2 stages, in closed form; a stage where each player moves at most
        once per play counts one player per information set).

    Examples
    --------
    A centipede game: the first mover takes at once.

    >>> from trigame.games.tree import Decision, GameTree, Terminal
    >>> from trigame.solve.subgame_perfect import subgame_perfect
    >>> late = Decision("B", {"take": Terminal((1, 4)), "pass": Terminal((3, 3))})
    >>> tree = GameTree(Decision("A", {"take": Terminal((2, 1)), "pass": late}))
    >>> spe = subgame_perfect(tree)[0]
    >>> dict(spe.outcomes), spe.payoffs
    ({('take',): Fraction(1, 1)}, (Fraction(2, 1), Fraction(1, 1)))
    """
    if not isinstance(tree, GameTree):
        raise UnsupportedGameError(f"subgame_perfect needs a GameTree, got {type(tree).__name__}")
    if not isinstance(max_equilibria, int) or max_equilibria < 1:
        raise ParameterError(f"max_equilibria must be a positive integer, got {max_equilibria!r}")
    return backward_induction(tree, max_equilibria=max_equilibria, tol=tol, max_work=max_work)


def _solve_with_memo(tree: GameTree, memo: StageMemo) -> SubgamePerfectSet:
    """:func:`subgame_perfect` of an exact tree with its default options, its stage games and their solutions
    looked up in ``memo`` (a regime map's point checks, :mod:`._memo`; the new ones kept there): the same
    equilibria, flags and notes as the plain solve."""
    options = subgame_perfect.__kwdefaults__ or {}
    solver = _Solver(tree, options["max_equilibria"], float(options["tol"]), options["max_work"], None)
    solver.memo = memo
    return solver.run()
