"""Candidate equilibria of 2x2 and 2x2x2 games in closed form, for any backend.

Notation.  Player ``i`` has two strategies; ``x_i`` is the probability of the
first one.  Player ``i``'s *advantage* is the payoff of its first strategy minus
that of its second,

    D_i(x_-i) = sum_a  e_i[a] * prod_{j != i} w_{a_j}(x_j),    w_0(x) = x,  w_1(x) = 1 - x,

where ``e_i[a] = u_i(first, a) - u_i(second, a)`` for each pure profile ``a`` of
the others.  ``D_i`` is multilinear.  A profile is a Nash equilibrium iff for
every player: ``x_i = 1`` needs ``D_i >= 0``, ``x_i = 0`` needs ``D_i <= 0`` and
``0 < x_i < 1`` needs ``D_i = 0``.

Every probability is carried as a pair ``(N, M)`` with ``x = N / M``
(homogeneous coordinates, so that no division is needed before the end), and
``D_i`` is evaluated homogeneously: ``D~_i = D_i * prod_{j != i} M_j``.

Each :class:`Piece` is one candidate profile (expressions in the advantages)
with the condition, built from polynomial sign tests only, under which it is a
well-defined Nash equilibrium.  The candidates are

* 2x2: ``x_i`` in {1, 0, root of the opponent's advantage} (9 pieces); every
  extreme equilibrium is among them (the vertices of the best-response
  polytopes have exactly these coordinates).
* 2x2x2: pure profiles; one player mixing at a root of another's advantage;
  two players mixing (each at the root of the other's advantage, or one at a
  root of the third player's advantage); three players mixing: ``r = x_3`` a
  root of the quadratic obtained by eliminating ``p = x_1`` and ``q = x_2``
  from the indifference conditions (McKelvey & McLennan 1997), or a root of the
  linear coefficient that blocks this elimination.  Every isolated equilibrium
  is among them, and every continuum of equilibria contains one of them (see
  :mod:`trigame.solve.nash.closed_form`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import product
from typing import Any, cast

from trigame.solve.nash._closed_backend import Surd, opposite

__all__ = [
    "FIRST",
    "MIXED",
    "SECOND",
    "Piece",
    "advantage",
    "nash_condition",
    "pieces",
    "totally_mixed",
    "totally_mixed_at",
]

FIRST, SECOND, MIXED = "first", "second", "mixed"

#: One player's probability of its first strategy, as (numerator, denominator).
Prob = tuple[Surd, Surd]


@dataclass(frozen=True)
class Piece:
    """A candidate equilibrium: probabilities, pattern and condition.

    Attributes
    ----------
    probs : tuple of (Surd, Surd)
        ``x_i = N_i / M_i``, the probability of player ``i``'s first strategy.
    pattern : tuple of str
        ``"first"``, ``"second"`` or ``"mixed"`` for each player.
    condition : backend condition
        When it holds, the profile is well defined and a Nash equilibrium.
    disc : backend value or None
        The radicand when the probabilities involve ``sqrt(disc)``.
    label : str
        Which formula produced the candidate.
    """

    probs: tuple[Prob, ...]
    pattern: tuple[str, ...]
    condition: Any
    disc: Any
    label: str


def _pure(B: Any, first: bool) -> Prob:
    return (Surd(B, B.constant(1 if first else 0)), Surd(B, B.constant(1)))


def advantage(B: Any, e: Sequence[dict[tuple[int, ...], Any]], i: int, probs: Sequence[Prob | None]) -> Surd:
    """Homogenised advantage ``D~_i = D_i(x_-i) * prod_{j != i} M_j`` of player ``i``."""
    n = len(e)
    others = [j for j in range(n) if j != i]
    total: Surd | None = None
    for a in product((0, 1), repeat=n - 1):
        term = Surd(B, e[i][a])
        for j, s in zip(others, a):
            N, M = probs[j]  # type: ignore[misc]
            term = term * (N if s == 0 else M - N)
        total = term if total is None else total + term
    assert total is not None
    return total


def root(B: Any, e: Sequence[dict[tuple[int, ...], Any]], i: int, j: int, probs: Sequence[Prob | None]) -> Prob:
    """The ``x_j`` at which player ``i``'s advantage vanishes, the others held at ``probs``.

    ``D_i`` is linear in ``x_j`` with values ``v1`` at ``x_j = 1`` and ``v0`` at
    ``x_j = 0``; its root is ``v0 / (v0 - v1)``, inside (0, 1) iff
    ``opposite(v0, v1)`` (the common factor of the homogenised values cancels).
    """
    at = list(probs)
    at[j] = _pure(B, True)
    v1 = advantage(B, e, i, at)
    at[j] = _pure(B, False)
    v0 = advantage(B, e, i, at)
    return (v0, v0 - v1)


def in_open_unit(prob: Prob) -> Any:
    """Condition ``0 < N / M < 1`` (which implies ``M != 0``)."""
    N, M = prob
    return opposite(-N, M - N)


def nash_condition(B: Any, e: Sequence[dict[tuple[int, ...], Any]], probs: Sequence[Prob],
                   pattern: Sequence[str]) -> Any:
    """Condition that the profile ``probs`` with the given pattern is a Nash equilibrium."""
    n = len(e)
    ranges = [in_open_unit(probs[i]) for i in range(n) if pattern[i] == MIXED]
    range_ok = B.all(*ranges)
    if B.is_false(range_ok):
        return B.false
    tests = []
    for i in range(n):
        value = advantage(B, e, i, probs)
        if pattern[i] == MIXED:
            # the others' denominators are nonzero, so D~_i = 0 iff D_i = 0
            tests.append(value.zero())
            continue
        scale = None
        for j in range(n):
            if j != i:
                scale = probs[j][1] if scale is None else scale * probs[j][1]
        signed = value * scale  # sign of D_i
        tests.append(signed.nonneg() if pattern[i] == FIRST else signed.nonpos())
        if B.is_false(tests[-1]):
            return B.false
    return B.all(range_ok, *tests)


def _piece(B: Any, e: Sequence[dict[tuple[int, ...], Any]], probs: Sequence[Prob], pattern: Sequence[str],
           label: str, extra: Any = None, disc: Any = None) -> Piece:
    condition = nash_condition(B, e, probs, pattern)
    if extra is not None and not B.is_false(condition):
        condition = B.all(extra, condition)
    return Piece(tuple(probs), tuple(pattern), condition, disc, label)


def _filled(probs: Sequence[Prob | None]) -> Sequence[Prob]:
    """``probs`` once every player's entry is set (the candidates below set all of them before use)."""
    return cast("Sequence[Prob]", probs)


def _pieces_2x2(B: Any, e: Sequence[dict[tuple[int, ...], Any]]) -> list[Piece]:
    out = []
    options: list[list[tuple[str, Any]]] = [[], []]
    for i in range(2):
        other = 1 - i
        options[i] = [(FIRST, _pure(B, True)), (SECOND, _pure(B, False)), (MIXED, None)]
        # player i mixes at the root of the opponent's advantage, a function of x_i alone
        placeholder: list[Prob | None] = [_pure(B, True), _pure(B, True)]
        options[i][2] = (MIXED, root(B, e, other, i, placeholder))
    for (s0, x0), (s1, x1) in product(options[0], options[1]):
        out.append(_piece(B, e, (x0, x1), (s0, s1), f"2x2 {s0}/{s1}"))
    return out


def _pieces_2x2x2(B: Any, e: Sequence[dict[tuple[int, ...], Any]]) -> list[Piece]:
    out: list[Piece] = []
    players = range(3)
    pure = {FIRST: _pure(B, True), SECOND: _pure(B, False)}

    # no player mixes
    for choice in product((FIRST, SECOND), repeat=3):
        out.append(_piece(B, e, [pure[s] for s in choice], choice, "pure"))

    # one player i mixes: its advantage is a constant (must be 0); x_i sits where
    # another player's advantage (linear in x_i) changes sign
    for i in players:
        j, k = (m for m in players if m != i)
        for sj, sk in product((FIRST, SECOND), repeat=2):
            probs: list[Prob | None] = [None, None, None]
            probs[j], probs[k] = pure[sj], pure[sk]
            probs[i] = pure[FIRST]
            pattern = [MIXED, MIXED, MIXED]
            pattern[j], pattern[k] = sj, sk
            for other in (j, k):
                x = list(probs)
                x[i] = root(B, e, other, i, probs)
                out.append(_piece(B, e, _filled(x), pattern, f"one mixer {i}, root of {other}"))

    # two players i < j mix, k plays a pure strategy
    for k in players:
        i, j = (m for m in players if m != k)
        for sk in (FIRST, SECOND):
            base: list[Prob | None] = [pure[FIRST]] * 3
            base[k] = pure[sk]
            pattern = [MIXED, MIXED, MIXED]
            pattern[k] = sk
            xj = root(B, e, i, j, base)  # makes i indifferent
            xi = root(B, e, j, i, base)  # makes j indifferent
            probs = list(base)
            probs[i], probs[j] = xi, xj
            out.append(_piece(B, e, _filled(probs), pattern, f"two mixers {i},{j}"))
            # i indifferent whatever x_j is: x_j where k's advantage changes sign
            probs = list(base)
            probs[i] = xi
            probs[j] = root(B, e, k, j, probs)
            out.append(_piece(B, e, _filled(probs), pattern, f"two mixers {i},{j}; {j} at root of {k}"))
            probs = list(base)
            probs[j] = xj
            probs[i] = root(B, e, k, i, probs)
            out.append(_piece(B, e, _filled(probs), pattern, f"two mixers {i},{j}; {i} at root of {k}"))

    out.extend(totally_mixed(B, e))
    return out


def totally_mixed_at(B: Any, e: Sequence[dict[tuple[int, ...], Any]], r: Prob) -> list[Prob]:
    """The totally mixed candidate at ``x_3 = r``: ``q`` makes player 1 indifferent, then ``p`` player 2."""
    probs: list[Prob | None] = [_pure(B, True), None, r]
    probs[1] = root(B, e, 0, 1, probs)
    probs[0] = root(B, e, 1, 0, probs)
    return cast("list[Prob]", probs)


def totally_mixed(B: Any, e: Sequence[dict[tuple[int, ...], Any]]) -> list[Piece]:
    """Totally mixed candidates: eliminate p and q, solve for r = x_3.

    Player 1's advantage is ``A1(r) + q B1(r)`` and player 2's ``A2(r) + p B2(r)``
    (linear in r).  Where ``B1 B2 != 0``, ``q = -A1/B1`` and ``p = -A2/B2``, and
    player 3's indifference becomes ``Q(r) = D~_3(p, q) = 0`` with ``Q`` of degree
    at most 2 -- so at most two isolated totally mixed equilibria (McKelvey &
    McLennan 1997).  Where ``B1(r) = 0`` (or ``B1 = 0`` identically and
    ``A1(r) = 0``), q is not pinned down by player 1 and comes from player 3's
    indifference instead; likewise for ``B2``.
    """
    out: list[Piece] = []
    mixed = (MIXED, MIXED, MIXED)
    one = B.constant(1)

    def q_then_p(r: Prob) -> list[Prob]:
        return totally_mixed_at(B, e, r)

    def quadratic_value(r_value: int) -> Any:
        r = (Surd(B, B.constant(r_value)), Surd(B, one))
        probs = q_then_p(r)
        return advantage(B, e, 2, probs).a

    # Q(r) = Q2 r^2 + Q1 r + Q0 from its values at r = 0, 1, -1
    q0, q_plus, q_minus = quadratic_value(0), quadratic_value(1), quadratic_value(-1)
    Q0 = q0
    Q1 = B.half(q_plus - q_minus)
    Q2 = B.half(q_plus + q_minus) - q0
    disc = Q1 * Q1 - 4 * Q2 * Q0
    for sign in (1, -1):
        r = (Surd(B, -Q1, B.constant(sign), disc), Surd(B, 2 * Q2, None, disc))
        extra = B.all(B.nonneg(disc), B.not_(B.zero(Q2)))
        if B.is_false(extra):
            continue
        out.append(_piece(B, e, q_then_p(r), mixed, f"totally mixed, quadratic root {sign:+d}", extra, disc))
    linear_r = (Surd(B, -Q0), Surd(B, Q1))
    if not B.is_false(B.zero(Q2)):
        out.append(_piece(B, e, q_then_p(linear_r), mixed, "totally mixed, linear root", B.zero(Q2)))

    # special r where B1(r) = 0 (or A1(r) = 0 when B1 vanishes identically)
    def coefficient_root(player: int, which: str) -> Prob:
        values = []
        for s in (True, False):  # r = 1, r = 0
            probs: list[Prob | None] = [_pure(B, True), _pure(B, True), _pure(B, s)]
            other = 1 if player == 0 else 0
            probs[other] = _pure(B, True)
            v_first = advantage(B, e, player, probs).a
            probs[other] = _pure(B, False)
            v_second = advantage(B, e, player, probs).a
            values.append(v_first - v_second if which == "B" else v_second)
        v1, v0 = values
        return (Surd(B, v0), Surd(B, v0 - v1))

    for player in (0, 1):
        for which in ("B", "A"):
            r = coefficient_root(player, which)
            probs: list[Prob | None] = [None, None, r]
            if player == 0:  # q free for player 1: p from player 2, q from player 3
                probs[1] = _pure(B, True)
                probs[0] = root(B, e, 1, 0, probs)
                probs[1] = root(B, e, 2, 1, probs)
            else:  # p free for player 2: q from player 1, p from player 3
                probs[0] = _pure(B, True)
                probs[1] = root(B, e, 0, 1, probs)
                probs[0] = root(B, e, 2, 0, probs)
            out.append(_piece(B, e, probs, mixed, f"totally mixed, root of {which}{player + 1}"))  # type: ignore[arg-type]
    return out


def pieces(B: Any, e: Sequence[dict[tuple[int, ...], Any]]) -> list[Piece]:
    """All candidate pieces of a 2x2 (two advantage tables) or 2x2x2 (three) game."""
    if len(e) == 2:
        return _pieces_2x2(B, e)
    if len(e) == 3:
        return _pieces_2x2x2(B, e)
    raise ValueError("closed-form formulas exist for 2x2 and 2x2x2 games only")


def linear_in_r(
    B: Any, e: Sequence[dict[tuple[int, ...], Any]], player: int
) -> tuple[tuple[Any, Any], tuple[Any, Any]]:
    """Values at ``r = 0`` and ``r = 1`` of ``A(r)`` and ``B(r)`` for player 1 or 2 of a 2x2x2 game.

    Player ``player``'s advantage is ``A(r) + y B(r)`` where ``y`` is the
    probability of the other player among the first two.
    """
    other = 1 - player
    a_values, b_values = [], []
    for s in (False, True):  # r = 0, r = 1
        probs: list[Prob | None] = [_pure(B, True), _pure(B, True), _pure(B, s)]
        probs[other] = _pure(B, True)
        v_first = advantage(B, e, player, probs).a
        probs[other] = _pure(B, False)
        v_second = advantage(B, e, player, probs).a
        a_values.append(v_second)
        b_values.append(v_first - v_second)
    return (a_values[0], a_values[1]), (b_values[0], b_values[1])


def continuum_necessary(B: Any, e: Sequence[dict[tuple[int, ...], Any]]) -> Any:
    """A condition that every 2x2x2 game with a continuum of equilibria satisfies.

    A continuum needs one of: a zero entry of some advantage table (a player
    indifferent against a pure profile, which covers players indifferent on a
    whole face and dummies); ``A_i`` and ``B_i`` proportional for player 1 or 2
    (the elimination of the totally mixed system breaks down on a whole line);
    or the eliminated quadratic vanishing identically (a curve of totally mixed
    equilibria).
    """
    tests = [B.zero(v) for table in e for v in table.values()]
    for player in (0, 1):
        (a0, a1), (b0, b1) = linear_in_r(B, e, player)
        tests.append(B.zero(a0 * b1 - a1 * b0))
    coefficients = []
    for r_value in (0, 1, -1):
        r = (Surd(B, B.constant(r_value)), Surd(B, B.constant(1)))
        probs: list[Prob | None] = [_pure(B, True), _pure(B, True), r]
        probs[1] = root(B, e, 0, 1, probs)
        probs[0] = root(B, e, 1, 0, probs)
        coefficients.append(advantage(B, e, 2, probs).a)
    tests.append(B.all(*(B.zero(c) for c in coefficients)))
    return B.any(*tests)
