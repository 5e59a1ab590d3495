"""Nash equilibria of 2x2 and 2x2x2 games in closed form.

The candidate formulas live in :mod:`trigame.solve.nash._closed_formulas`; they are
written once over a small arithmetic backend and evaluated here

* exactly, for numeric games: float payoffs are the exact binary fractions they
  denote, so ties are decided exactly (float games get float probabilities);
* symbolically, for SymPy games: each candidate becomes an equilibrium whose
  probabilities and payoffs are SymPy expressions and whose ``condition`` is the
  set of parameter values where it is a Nash equilibrium.

What the result contains
------------------------
2x2 games: every extreme equilibrium (the set Gambit's exact ``enummixed``
reports): each coordinate of one is 0, 1, or the probability that makes the
opponent indifferent.  ``degenerate`` is True iff two extreme equilibria share
a player's strategy (the segment between them is then made of equilibria, and
every continuum has such a pair).

2x2x2 games: every isolated equilibrium (pure; one, two or three players mixing; at most two totally mixed
ones, McKelvey & McLennan 1997), and, when the game has a continuum of equilibria (``degenerate=True``), at
least one point of every connected component of equilibria: each component reaches a face of the cube where a
player's strategy is pure or where a linear indifference condition pins a probability down, and such points
are candidates. Irrational probabilities (square roots of the discriminant) come as floats accurate to double
precision (``Equilibrium.exact`` False).

Symbolic games: the pieces whose conditions hold at given parameter values are
exactly the equilibria the numeric solver returns for ``game.subs(values)``
(the same formulas on the same exact numbers); pieces may coincide at special
values.  Conditions are polynomial sign conditions without divisions or square
roots, so substituting any values is safe.  ``complete`` is True: at every
parameter value the pieces include every extreme (2x2) or isolated (2x2x2)
equilibrium and a point of every continuum.  ``degenerate`` is True when some
values may give a continuum; a note states the condition (exact for 2x2 and
for 2x2x2 games that dominance reduces, otherwise a necessary one).
"""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations, pairwise
from typing import Any, cast

import numpy as np

from trigame.budget import WorkBudget, check_limit
from trigame.errors import MethodError
from trigame.games.normal_form import NormalFormGame
from trigame.games.profiles import integer_form
from trigame.results import Equilibrium, EquilibriumSet
from trigame.solve.nash._closed_2x2 import profiles_2x2
from trigame.solve.nash._closed_2x2x2 import (
    continuum_necessary_2x2x2,
    rational_profiles_2x2x2,
    totally_mixed_2x2x2,
)
from trigame.solve.nash._closed_backend import IntegerBackend, PolyValue, Surd, SympyBackend
from trigame.solve.nash._closed_continuum import exact_continuum, intervals_per_clause
from trigame.solve.nash._closed_formulas import (
    MIXED,
    Piece,
    continuum_necessary,
    linear_in_r,
    pieces,
)
from trigame.solve.nash._closed_numbers import _probability as _probability
from trigame.solve.nash._closed_numbers import _probability_parts as _probability_parts
from trigame.solve.nash._closed_numbers import _surd_to_float as _surd_to_float
from trigame.solve.nash._common import build_set, validate_tol
from trigame.solve.nash._verified import verified_set

__all__ = ["advantage_tables", "closed_form_equilibria", "solve"]

def advantage_tables(payoffs: np.ndarray) -> list[dict[tuple[int, ...], Any]]:
    """Each player's payoff advantage of its first strategy over its second.

    ``tables[i][a]`` is ``u_i(first, a) - u_i(second, a)`` for each pure profile
    ``a`` of the other players (in player order).

    Examples
    --------
    >>> import numpy as np
    >>> pd = np.array([[[3, 0], [5, 1]], [[3, 5], [0, 1]]])
    >>> advantage_tables(pd)
    [{(0,): -2, (1,): -1}, {(0,): -2, (1,): -1}]
    """
    n = payoffs.shape[0]
    tables = []
    for i in range(n):
        first = np.take(payoffs[i], 0, axis=i)
        second = np.take(payoffs[i], 1, axis=i)
        table = {}
        for a in np.ndindex(*(2,) * (n - 1)):
            difference = first[a] - second[a]
            table[tuple(int(s) for s in a)] = difference.item() if isinstance(difference, np.generic) else difference
        tables.append(table)
    return tables


def _integer_advantages(game: NormalFormGame) -> list[dict[tuple[int, ...], Any]]:
    """:func:`advantage_tables` of :func:`~trigame.games.profiles.integer_form`'s integers, as Python ints."""
    Z = integer_form(game)[0]
    if game.n_players == 2:  # directly from nested lists (what advantage_tables computes, without NumPy calls)
        (a, b), (c, d) = Z[0].tolist()
        (p, q), (r, s) = Z[1].tolist()
        return [{(0,): a - c, (1,): b - d}, {(0,): p - q, (1,): r - s}]
    return advantage_tables(Z)


def _check_shape(game: NormalFormGame) -> None:
    if game.shape not in ((2, 2), (2, 2, 2)):
        raise MethodError(
            f"closed_form solves 2x2 and 2x2x2 games only; this game is {'x'.join(map(str, game.shape))} "
            "(use method='support' for 2 players or 'polynomial' for more)"
        )


# ---------------------------------------------------------------------------------------------------- continua
def _advantage_value(e: list[dict[tuple[int, ...], Any]], i: int, x: tuple[Any, ...]) -> Fraction:
    j, k = (m for m in range(3) if m != i)  # 2x2x2 games: player i's advantage, bilinear in x_j and x_k
    xj, xk = x[j], x[k]
    table = e[i]
    return (xj * (xk * table[(0, 0)] + (1 - xk) * table[(0, 1)])
            + (1 - xj) * (xk * table[(1, 0)] + (1 - xk) * table[(1, 1)]))


def _is_equilibrium(e: list[dict[tuple[int, ...], Any]], x: tuple[Any, ...]) -> bool:
    for i in range(len(e)):
        value = _advantage_value(e, i, x)
        if (x[i] == 1 and value < 0) or (x[i] == 0 and value > 0) or (0 < x[i] < 1 and value != 0):
            return False
    return True


def _line(e: list[dict[tuple[int, ...], Any]], i: int, j: int, x: tuple[Any, ...]) -> tuple[Fraction, Fraction]:
    """Values of player ``i``'s advantage at ``x_j = 0`` and ``x_j = 1`` (others as in ``x``)."""
    at = list(x)
    at[j] = 0
    v0 = _advantage_value(e, i, tuple(at))
    at[j] = 1
    return v0, _advantage_value(e, i, tuple(at))


def _open_root(v0: Fraction, v1: Fraction) -> Fraction | None:
    """The root in (0, 1) of the line through (0, v0), (1, v1), if any."""
    if v0 != v1:
        t = Fraction(v0) / (v0 - v1)
        if 0 < t < 1:
            return t
    return None


def _interval_has_interior(e: list[dict[tuple[int, ...], Any]], x: tuple[Any, ...], j: int,
                           others: list[int]) -> bool:
    """Whether the equilibria ``x`` with ``x_j`` varying fill an open interval.

    The advantages of ``others`` are linear in ``x_j``, so their signs are
    constant between consecutive roots: testing one midpoint per gap decides it.
    """
    breaks = {Fraction(0), Fraction(1)}
    for i in others:
        t = _open_root(*_line(e, i, j, x))
        if t is not None:
            breaks.add(t)
    ordered = sorted(breaks)
    for lo, hi in pairwise(ordered):
        at = list(x)
        at[j] = (lo + hi) / 2
        if _is_equilibrium(e, tuple(at)):
            return True
    return False


def _bilinear_zero_set_in_square(values: list[Fraction]) -> bool:
    """Whether a bilinear function with these corner values vanishes inside the open square.

    Inside the square it is a positive combination of its corner values, so it
    vanishes there iff the corners take both strict signs or are all zero.
    """
    return (min(values) < 0 < max(values)) or all(v == 0 for v in values)


def _corner_values(e: list[dict[tuple[int, ...], Any]], k: int, i: int, j: int,
                   x: tuple[Any, ...]) -> list[Fraction]:
    out = []
    for a in (0, 1):
        for b in (0, 1):
            at = list(x)
            at[i], at[j] = a, b
            out.append(_advantage_value(e, k, tuple(at)))
    return out


def _pinned(v0: Fraction, v1: Fraction) -> str | Fraction | None:
    """How ``v0 + y (v1 - v0) = 0`` pins ``y`` in (0, 1): "free", a Fraction, or None (no solution)."""
    if v0 == 0 and v1 == 0:
        return "free"
    return _open_root(v0, v1)


def _continuum_2x2x2(e: list[dict[tuple[int, ...], Any]]) -> bool:
    """Whether a 2x2x2 game (advantage tables ``e``) has infinitely many equilibria."""
    half: Any = Fraction(1, 2)
    one, zero = 1, 0  # ints: exact, and cheaper than Fractions
    players = (0, 1, 2)
    # one player i mixes: its advantage vanishes against a pure pair, and x_i ranges over an interval
    for i in players:
        j, k = (m for m in players if m != i)
        for sj in (zero, one):
            for sk in (zero, one):
                x = [half, half, half]
                x[j], x[k] = sj, sk
                if _advantage_value(e, i, tuple(x)) == 0 and _interval_has_interior(e, tuple(x), i, [j, k]):
                    return True
    # two players i, j mix while k is pure
    for k in players:
        i, j = (m for m in players if m != k)
        for sk in (zero, one):
            x = [half, half, half]
            x[k] = sk
            xj = _pinned(*_line(e, i, j, tuple(x)))
            xi = _pinned(*_line(e, j, i, tuple(x)))
            if xi is None or xj is None:
                continue
            if xi == "free" and xj == "free":
                corners = _corner_values(e, k, i, j, tuple(x))
                wanted = [v > 0 if sk == 1 else v < 0 for v in corners]
                if any(wanted) or all(v == 0 for v in corners):
                    return True
            elif xi == "free" or xj == "free":
                free, fixed, value = (i, j, xj) if xi == "free" else (j, i, xi)
                x[fixed] = cast(Fraction, value)  # the pinned one: a number
                if _interval_has_interior(e, tuple(x), free, [k]):
                    return True
    return _totally_mixed_continuum(e)


def _totally_mixed_continuum(e: list[dict[tuple[int, ...], Any]]) -> bool:
    dummies = [i for i in range(3) if all(v == 0 for v in e[i].values())]
    if len(dummies) == 3:
        return True
    if len(dummies) == 2:
        (k,) = (m for m in range(3) if m not in dummies)
        i, j = dummies
        return _bilinear_zero_set_in_square(_corner_values(e, k, i, j, (Fraction(1, 2),) * 3))
    # eliminate x_k, k a dummy if there is one: reorder the players so that k comes last
    k = dummies[0] if dummies else 2
    order = [m for m in range(3) if m != k] + [k]
    f = _reorder(e, order)
    (a1, b1), (a2, b2) = (linear_in_r(IntegerBackend(), f, player) for player in (0, 1))

    def value(line: tuple[Fraction, Fraction], r: Fraction) -> Fraction:
        return line[0] + (line[1] - line[0]) * r

    def subsystem(r: Fraction) -> bool:
        y = _pinned(value(a1, r), value(a1, r) + value(b1, r))  # q from player 1
        x = _pinned(value(a2, r), value(a2, r) + value(b2, r))  # p from player 2
        if x is None or y is None:
            return False
        if x == "free" and y == "free":
            return _bilinear_zero_set_in_square(_corner_values(f, 2, 0, 1, (Fraction(1, 2),) * 2 + (r,)))
        if x == "free" or y == "free":
            point = [Fraction(1, 2), Fraction(1, 2), r]
            free, fixed, pinned = (0, 1, y) if x == "free" else (1, 0, x)
            point[fixed] = cast(Fraction, pinned)  # the pinned one: a number
            v0, v1 = _line(f, 2, free, tuple(point))
            return v0 == 0 and v1 == 0
        return False

    def roots(line: tuple[Fraction, Fraction]) -> list[Fraction]:
        v0, v1 = line
        t = _open_root(v0, v1)
        return [] if t is None else [t]

    identically_zero = [line == (0, 0) for line in (b1, b2)]
    special = set(roots(b1) + roots(b2))
    if identically_zero[0]:
        special |= set(roots(a1))
    if identically_zero[1]:
        special |= set(roots(a2))
    if any(subsystem(r) for r in special):
        return True

    def generic(r: Fraction) -> tuple[Fraction, Fraction] | None:
        B1, B2 = value(b1, r), value(b2, r)
        if B1 == 0 or B2 == 0:
            return None
        return -value(a2, r) / B2, -value(a1, r) / B1

    # Q(r) = D_3(p(r), q(r)) B1(r) B2(r) has degree <= 2: it vanishes identically iff at 3 generic points
    samples = [Fraction(t, 7) for t in range(1, 7)]
    zeros = 0
    for r in samples:
        pq = generic(r)
        if pq is None:
            continue
        if _advantage_value(f, 2, (pq[0], pq[1], r)) != 0:
            return False
        zeros += 1
        if zeros == 3:
            break
    # a curve r -> (p(r), q(r), r) of totally mixed equilibria: look for one r between breakpoints
    breaks = {Fraction(0), Fraction(1)} | special
    for a, b in ((a1, b1), (a2, b2)):
        for line in (a, b, (a[0] + b[0], a[1] + b[1])):
            breaks |= set(roots(line))
    ordered = sorted(breaks)
    for lo, hi in pairwise(ordered):
        pq = generic((lo + hi) / 2)
        if pq is not None and 0 < pq[0] < 1 and 0 < pq[1] < 1:
            return True
    return False


def _reorder(e: list[dict[tuple[int, ...], Any]], order: list[int]) -> list[dict[tuple[int, ...], Any]]:
    """Advantage tables of the game with players listed in ``order``."""
    out = []
    for new_i, old_i in enumerate(order):
        old_others = [m for m in range(3) if m != old_i]
        new_others = [order[m] for m in range(3) if m != new_i]
        table = {}
        for a, v in e[old_i].items():
            by_old = dict(zip(old_others, a))
            table[tuple(by_old[m] for m in new_others)] = v
        out.append(table)
    return out


# ---------------------------------------------------------------------------------------------------- numeric
def _numeric(game: NormalFormGame, tol: float) -> EquilibriumSet:
    # each player's payoffs as integers times a positive number: the same roots and signs of advantages
    e = _integer_advantages(game)
    # the candidates directly in integers (irrational ones of a 2x2x2 game as a + b sqrt(disc), integers a, b)
    if game.n_players == 2:
        profiles: list[list[list[Any]]] = profiles_2x2(e)
        irrational: list[Any] = []
    else:
        profiles = rational_profiles_2x2x2(e)
        mixed, irrational, disc, quadratic_vanishes = totally_mixed_2x2x2(e)
        profiles.extend(mixed)
    inexact: list[int] = []
    for probs in irrational:
        vector = []
        exact = True
        for (a, b), (c, f) in probs:
            x, ok = _probability_parts(a, b, c, f, disc)
            exact &= ok
            vector.append([x, 1 - x])
        if not exact:
            inexact.append(len(profiles))
        profiles.append(vector)
    notes = []
    if game.n_players == 2:
        exact_points = {(v[0][0], v[1][0]) for v in profiles}
        degenerate = any(a[0] == b[0] or a[1] == b[1] for a, b in combinations(exact_points, 2))
        game_degenerate: bool | None = any(v == 0 for table in e for v in table.values())
        if degenerate:
            notes.append("the game has a continuum of equilibria; its extreme equilibria are listed")
    else:
        degenerate = continuum_necessary_2x2x2(e, quadratic_vanishes) and _continuum_2x2x2(e)
        game_degenerate = None
        if degenerate:
            notes.append("the game has a continuum of equilibria; every isolated equilibrium and at least "
                         "one point of every continuum are listed")
    if game.kind == "float":
        notes.append("float payoffs were solved exactly as the binary fractions they denote")
    if not irrational:  # rational candidates only: checked on their integers directly (the same set as build_set)
        validate_tol(tol)
        candidates = [[([x.numerator, x.denominator - x.numerator], x.denominator) for x, _ in profile]
                      for profile in profiles]
        return verified_set(game, candidates, method="closed_form", complete=True, degenerate=degenerate,
                            notes=notes, game_degenerate=game_degenerate)
    return build_set(game, profiles, method="closed_form", complete=True, degenerate=degenerate, notes=notes,
                     game_degenerate=game_degenerate, tol=tol, inexact=inexact)


# ---------------------------------------------------------------------------------------------------- symbolic
def _tidy_relational(relation: Any) -> Any:
    """``k*s + m >= 0`` with one symbol ``s`` becomes ``s >= -m/k`` (flipped when ``k < 0``)."""
    import sympy

    expr = relation.lhs - relation.rhs
    symbols = expr.free_symbols
    if len(symbols) != 1:
        return relation
    (symbol,) = symbols
    poly = sympy.Poly(expr, symbol)
    if poly.degree() != 1:
        return relation
    k, m = poly.all_coeffs()
    if not k.is_number or not m.is_number:
        return relation
    bound = -m / k
    flipped = {sympy.Gt: sympy.Lt, sympy.Lt: sympy.Gt, sympy.Ge: sympy.Le, sympy.Le: sympy.Ge}
    kind = type(relation)
    if k < 0 and kind in flipped:
        kind = flipped[kind]
    return kind(symbol, bound)


def _simplify_condition(condition: Any) -> Any:
    """Tidy linear one-symbol relations; merge them into intervals when that is all there is."""
    import sympy

    if condition in (sympy.true, sympy.false):
        return condition
    relations = condition.atoms(sympy.core.relational.Relational)
    condition = condition.xreplace({r: _tidy_relational(r) for r in relations})
    symbols = condition.free_symbols
    relations = condition.atoms(sympy.core.relational.Relational)
    if len(symbols) == 1 and all(r.lhs in symbols and r.rhs.is_number for r in relations):
        (symbol,) = symbols
        try:
            real = sympy.Dummy(symbol.name, real=True)
            return condition.xreplace({symbol: real}).as_set().as_relational(real).xreplace({real: symbol})
        except Exception:  # as_set gives up on some conditions; the tidied one is still right
            return condition
    return condition


def _symbolic_ratio(B: SympyBackend, num: Surd, den: Surd, disc: Any) -> Any:
    """``num / den`` as a SymPy expression (a rational function, or a quotient with ``sqrt(disc)``)."""
    import sympy

    a, b = num.parts()
    c, f = den.parts()
    if disc is None or (b == 0 and f == 0):
        if isinstance(a, PolyValue) and isinstance(c, PolyValue):
            p, q = B.cancel(a, c)
            return B.expr(p) / B.expr(q)
        return sympy.cancel(B.expr(a) / B.expr(c))
    # N / M directly: rationalising would divide by M times its conjugate, which can vanish where M does not
    a, b, c, f = (sympy.expand(B.expr(v)) for v in (a, b, c, f))
    root = sympy.sqrt(sympy.factor(B.expr(disc)))
    return (a + b * root) / (c + f * root)


def _symbolic(game: NormalFormGame, max_work: int | None) -> EquilibriumSet:
    import sympy

    budget = WorkBudget(max_work, what="the symbolic closed form", unit="units of polynomial arithmetic",
                        option="max_work")
    B = SympyBackend(budget)
    cells = list(np.ndindex(*game.shape))
    e, flat = B.lift(advantage_tables(game.payoffs), [game.payoffs[i][a] for i in range(game.n_players)
                                                      for a in cells])
    u = {(i, a): flat[i * len(cells) + k] for i in range(game.n_players) for k, a in enumerate(cells)}
    found: dict[tuple[Any, ...], list[Any]] = {}
    first: dict[tuple[Any, ...], Piece] = {}
    kept: list[Piece] = []
    for piece in pieces(B, e):
        if piece.condition is sympy.false:
            continue
        kept.append(piece)
        probs = tuple(_symbolic_ratio(B, N, M, piece.disc) for N, M in piece.probs)
        if any(hasattr(x, "has") and x.has(sympy.zoo, sympy.nan) for x in probs):  # denominator vanishes
            continue  # identically: no probability at any value (a continuum is found by the test below)
        found.setdefault(probs, []).append(piece.condition)
        first.setdefault(probs, piece)
    equilibria = []
    for probs, conditions in found.items():
        condition = _simplify_condition(sympy.Or(*conditions))
        if condition is sympy.false:
            continue
        piece = first[probs]
        strategies = [np.array([x, _symbolic_ratio(B, M - N, M, piece.disc)], dtype=object)
                      for x, (N, M) in zip(probs, piece.probs)]
        # expected payoffs, homogeneously: sum_a u(a) prod_j w_aj(N_j, M_j) over prod_j M_j
        denominator = piece.probs[0][1]
        for _, M in piece.probs[1:]:
            denominator = denominator * M
        payoffs = []
        for i in range(game.n_players):
            total: Any = None
            for a in cells:
                term = Surd(B, u[i, a], None, piece.disc)
                for (N, M), s in zip(piece.probs, a):
                    term = term * (N if s == 0 else M - N)
                total = term if total is None else total + term
            payoffs.append(_symbolic_ratio(B, total, denominator, piece.disc))
        equilibria.append(Equilibrium(strategies, payoffs, game.players, game.strategies, condition, exact=True))
    notes = ["symbolic solution: each equilibrium holds where its condition does; at given parameter values the "
             "equilibria whose conditions hold are the closed-form solution of game.subs(values)"]
    if game.n_players == 2:
        continuum = []
        for a, b in combinations(kept, 2):
            shares = any(sa == sb and (sa != MIXED or pa == pb)
                         for sa, sb, pa, pb in zip(a.pattern, b.pattern, a.probs, b.probs))
            if shares:
                continuum.append(sympy.And(a.condition, b.condition))
        continuum_condition = _simplify_condition(intervals_per_clause(sympy.Or(*continuum)))
        degenerate = continuum_condition is not sympy.false
        if degenerate:
            notes.append(f"continuum of equilibria exactly when: {continuum_condition}")
    else:  # a necessary condition, made exact where dominance reduces the game (see _closed_continuum)
        necessary = continuum_necessary(B, e)
        exact = None if necessary is sympy.false else exact_continuum(game, lambda g: _symbolic(g, max_work))
        degenerate, note = (necessary is not sympy.false, f"a continuum of equilibria is possible only when: "
                            f"{necessary}") if exact is None else exact
        if degenerate and note:
            notes.append(note)
    return EquilibriumSet(equilibria, game=game, method="closed_form", complete=True, degenerate=degenerate,
                          notes=notes)


# ---------------------------------------------------------------------------------------------------- entry points
#: Default work budget of a symbolic solve (units of polynomial arithmetic, see ``closed_form_equilibria``).
DEFAULT_MAX_WORK = 10_000_000


def closed_form_equilibria(game: NormalFormGame, tol: float = 1e-9, *,
                           max_work: int | None = DEFAULT_MAX_WORK) -> EquilibriumSet:
    """All equilibria of a 2x2 or 2x2x2 game in closed form (float, exact or symbolic payoffs).

    Parameters
    ----------
    game : NormalFormGame
        A game in which every player has two strategies, with 2 or 3 players.
    tol : float
        Tolerance of the independent Nash check of float results.
    max_work : int or None, default 10_000_000
        Symbolic games only: the budget of the polynomial arithmetic on the
        payoff advantages, in units of one product of two terms (a term added
        or negated costs one, a term turned into a SymPy expression 100).
        Every candidate's condition is a polynomial in the payoffs' symbols
        whose degree grows with the candidate (the totally mixed ones of a
        2x2x2 game reach degree 12 in the payoffs), so payoffs that are
        polynomials of high degree in several symbols can need much work; a
        2x2x2 game with quadratic payoffs in two symbols needs a few million
        units.  ``None`` sets no limit.  Numeric games need no budget.

    Returns
    -------
    EquilibriumSet
        2x2: every extreme equilibrium.  2x2x2: every isolated equilibrium and a
        point of every continuum.  Symbolic games: conditional equilibria (see
        the module documentation).

    Raises
    ------
    MethodError
        If the game is not 2x2 or 2x2x2.
    BudgetExceededError
        If a symbolic solve passes ``max_work``.

    Examples
    --------
    >>> import trigame as tg
    >>> bos = tg.NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> [[str(p) for p in e.strategies[0]] for e in closed_form_equilibria(bos)]
    [['1', '0'], ['0', '1'], ['2/3', '1/3']]
    >>> import sympy as sp
    >>> b = sp.Symbol("b")
    >>> eqs = closed_form_equilibria(tg.NormalFormGame.from_arrays([[b, 0], [0, 1]], [[1, 0], [0, 1]]))
    >>> [str(e.condition) for e in eqs if e.is_pure]
    ['0 <= b', 'True']
    """
    _check_shape(game)
    check_limit(max_work, "max_work")
    if game.is_symbolic:
        return _symbolic(game, max_work)
    return _numeric(game, tol)


def solve(game: NormalFormGame, tol: float = 1e-9, *, max_work: int | None = DEFAULT_MAX_WORK) -> EquilibriumSet:
    """Solver entry point for ``equilibria(game, method="closed_form")``."""
    return closed_form_equilibria(game, tol=tol, max_work=max_work)
