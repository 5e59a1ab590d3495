"""Evolutionarily stable and neutrally stable strategies of symmetric two-player games, decided exactly.

A strategy ``x`` of the symmetric game with payoff matrix ``A`` is *evolutionarily
stable* (Maynard Smith & Price 1973) when, for every mutant ``y ≠ x``,

1. ``y·Ax ≤ x·Ax`` (``(x, x)`` is a Nash equilibrium), and
2. if ``y·Ax = x·Ax`` then ``y·Ay < x·Ay`` (the incumbent does better against the mutant);

*neutrally stable* (Maynard Smith 1982) when 2. holds with ``≤``.  The mutants of
condition 2 are the alternative best replies ``y ∈ Δ(E)``, ``E`` the pure best replies
to ``x``; on them ``(x − y)·Ax = 0``, so condition 2 reads ``zᵀAz < 0`` for
``z = y − x``.  These ``z`` span the cone

    K = {z : z_j = 0 off E,  Σ z_j = 0,  z_j ≥ 0 on E ∖ S}     (S the support of x),

so stability is the sign of the quadratic form ``zᵀAz`` on a polyhedral cone (Haigh 1975;
Bomze 1992).  It is decided in exact rational arithmetic:

* **ESS.**  Write ``z`` with free coordinates ``u`` (on ``S`` less one) and
  non-negative ones ``w`` (on ``E ∖ S``); ``−zᵀAz = uᵀPu + 2uᵀRw + wᵀWw``.  ``x`` is an
  ESS iff ``P`` is positive definite (pivots of an exact LDLᵀ) and the Schur complement
  ``W − RᵀP⁻¹R`` is strictly copositive.
* **Neutral stability.**  With ``z = (I − x1ᵀ)y`` for ``y`` in the simplex of ``E``,
  ``x`` is neutrally stable iff ``G = (I − x1ᵀ)ᵀ(−A)(I − x1ᵀ)`` is copositive.
* **Copositivity** of a symmetric ``C`` is the sign of ``min wᵀCw`` over the simplex.
  The minimum is attained at a point that, on its face ``J``, solves
  ``C_J w = μ1, Σw = 1`` with value ``μ``; a face where that system has many
  solutions attains its values on a smaller face too.  So the minimum is the least
  ``μ`` over the faces where the system has one solution, strictly positive: ``2^k``
  exact linear solves for ``k`` coordinates, counted against ``max_faces``.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from itertools import combinations
from typing import Any

from trigame._numbers import classify, short_repr, to_fraction
from trigame.budget import WorkBudget
from trigame.errors import ProfileError, TrigameError
from trigame.results.dynamics import StabilitySet, SymmetricEquilibrium
from trigame.solve.dynamics._input import exact_matrix, symmetric_game

__all__ = ["evolutionary_stability", "is_evolutionarily_stable", "is_neutrally_stable"]

Matrix = list[list[Fraction]]


# ---------------------------------------------------------------------------------------------- exact algebra
def _solve(matrix: Matrix, rhs: list[Fraction]) -> list[Fraction] | None:
    """The unique solution of ``matrix · v = rhs`` (exact Gaussian elimination), or None when not unique."""
    n = len(matrix)
    rows = [[*row, value] for row, value in zip(matrix, rhs)]
    for col in range(n):
        pivot = next((r for r in range(col, n) if rows[r][col] != 0), None)
        if pivot is None:
            return None
        rows[col], rows[pivot] = rows[pivot], rows[col]
        for r in range(n):
            if r != col and rows[r][col] != 0:
                factor = rows[r][col] / rows[col][col]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[col])]
    return [rows[k][n] / rows[k][k] for k in range(n)]


def _positive_definite(matrix: Matrix) -> bool:
    """Whether a symmetric rational matrix is positive definite: every pivot of its LDLᵀ is positive."""
    rows = [list(row) for row in matrix]
    n = len(rows)
    for col in range(n):
        if rows[col][col] <= 0:
            return False
        for r in range(col + 1, n):
            factor = rows[r][col] / rows[col][col]
            rows[r] = [a - factor * b for a, b in zip(rows[r], rows[col])]
    return True


def _copositive(matrix: Matrix, strict: bool, budget: WorkBudget) -> bool:
    """Whether ``wᵀCw > 0`` (strict) or ``≥ 0`` for every ``w ≥ 0, w ≠ 0`` (see the module notes)."""
    n = len(matrix)
    for size in range(1, n + 1):
        for face in combinations(range(n), size):
            budget.spend()
            bordered = [[matrix[i][j] for j in face] + [Fraction(-1)] for i in face]
            bordered.append([Fraction(1)] * size + [Fraction(0)])
            solution = _solve(bordered, [Fraction(0)] * size + [Fraction(1)])
            if solution is None or any(v <= 0 for v in solution[:size]):
                continue
            mu = solution[size]
            if mu < 0 or (strict and mu == 0):
                return False
    return True


def _transform(matrix: Matrix, basis: Matrix) -> Matrix:
    """``Bᵀ M B`` for a matrix ``M`` and a basis ``B`` given by its columns (lists of rows)."""
    n, k = len(basis), len(basis[0]) if basis else 0
    mb = [[sum((matrix[i][t] * basis[t][j] for t in range(n)), Fraction(0)) for j in range(k)] for i in range(n)]
    return [[sum((basis[t][i] * mb[t][j] for t in range(n)), Fraction(0)) for j in range(k)] for i in range(k)]


# ---------------------------------------------------------------------------------------------- the tests
def _strategy(value: Any, labels: Sequence[str]) -> list[Fraction]:
    """A mixed strategy as exact Fractions: a label (pure), or a probability vector."""
    n = len(labels)
    if isinstance(value, str):
        if value not in labels:
            raise ProfileError(f"unknown strategy {short_repr(value)}; the strategies are {list(labels)}")
        return [Fraction(int(label == value)) for label in labels]
    try:
        items = list(value.tolist() if hasattr(value, "tolist") else value)
    except TypeError:
        raise ProfileError(f"a strategy is a label or a probability vector of length {n}, "
                           f"got {short_repr(value)}") from None
    if len(items) != n:
        raise ProfileError(f"a strategy is a label or a probability vector of length {n}, got {short_repr(value)}")
    out = []
    for item in items:
        try:
            kind = classify(item, what="probability")
        except TrigameError as exc:
            raise ProfileError(str(exc)) from None
        if kind == "symbolic":
            raise ProfileError(f"a probability must be a number, got {short_repr(item)}")
        out.append(to_fraction(item))
    total = sum(out, Fraction(0))
    if any(p < 0 for p in out) or total <= 0 or (all(isinstance(v, (int, Fraction)) for v in items) and total != 1):
        raise ProfileError(f"a strategy's probabilities must be non-negative and sum to 1, got {short_repr(items)}")
    if abs(total - 1) > Fraction(1, 10**9):
        raise ProfileError(f"a strategy's probabilities must sum to 1, got {short_repr(items)}")
    return [p / total for p in out]


def _stability(a: Matrix, x: list[Fraction], budget: WorkBudget) -> tuple[bool, bool]:
    """``(ess, neutrally stable)`` of ``x`` in the symmetric game with matrix ``a``."""
    n = len(a)
    fitness = [sum((a[i][j] * x[j] for j in range(n)), Fraction(0)) for i in range(n)]
    best = max(fitness)
    support = [i for i in range(n) if x[i] != 0]
    replies = [i for i in range(n) if fitness[i] == best]
    if any(fitness[i] != best for i in support):
        return False, False                                  # (x, x) is no Nash equilibrium
    # -zᵀAz as a symmetric form on the best replies E
    form = [[-(a[i][j] + a[j][i]) / 2 for j in replies] for i in replies]
    position = {i: k for k, i in enumerate(replies)}
    # Neutral stability: G = (I - x1ᵀ)ᵀ(-A)(I - x1ᵀ) copositive on the simplex of E.
    projector = [[Fraction(int(r == c)) - x[r] for c in replies] for r in replies]
    neutral = _copositive(_transform(form, projector), strict=False, budget=budget)
    if not neutral:
        return False, False
    # ESS: free coordinates u on S less its first strategy s0, non-negative w on E \ S; z_s0 = -(Σu + Σw).
    s0, free, signed = support[0], support[1:], [i for i in replies if i not in support]
    columns = free + signed
    basis = [[Fraction(0)] * len(columns) for _ in replies]
    for k, i in enumerate(columns):
        basis[position[i]][k] = Fraction(1)
        basis[position[s0]][k] = Fraction(-1)
    if not columns:
        return True, True                                    # x is the only best reply to itself
    form = _transform(form, basis)
    m = len(free)
    p = [row[:m] for row in form[:m]]
    if not _positive_definite(p):
        return False, True
    r = [row[m:] for row in form[:m]]
    w = [row[m:] for row in form[m:]]
    if m:
        # Schur complement W - RᵀP⁻¹R, column by column of P⁻¹R
        solved = [_solve(p, [r[i][j] for i in range(m)]) for j in range(len(signed))]
        w = [[w[i][j] - sum((r[t][i] * solved[j][t] for t in range(m)), Fraction(0))  # type: ignore[index]
              for j in range(len(signed))] for i in range(len(signed))]
    return (_copositive(w, strict=True, budget=budget) if signed else True), True


def is_evolutionarily_stable(game: Any, strategy: Any, *, max_faces: int | None = 1_000_000) -> bool:
    """Whether ``strategy`` is an evolutionarily stable strategy (ESS) of a symmetric two-player game.

    Parameters
    ----------
    game : NormalFormGame or square matrix
        A numeric symmetric two-player game (``B = Aᵀ``) or its matrix ``A``; floats
        count as the binary rationals they denote, so the verdict is exact.
    strategy : str or probability vector
        A strategy label (pure) or one probability per strategy.  Give Fractions for
        mixtures: a float is the binary rational it denotes, so ``0.6667`` is not ``2/3``.
    max_faces : int or None, default 1000000
        The work budget: faces of the simplex examined by the copositivity tests
        (``2^k`` for ``k`` alternative best replies); past it
        :class:`~trigame.errors.BudgetExceededError`.

    Examples
    --------
    Hawk–Dove with V = 2, C = 3: the mixed strategy with hawk share V/C = 2/3 is an ESS.

    >>> from fractions import Fraction as F
    >>> hawk_dove = [[F(-1, 2), 2], [0, 1]]
    >>> is_evolutionarily_stable(hawk_dove, [F(2, 3), F(1, 3)]), is_evolutionarily_stable(hawk_dove, [0, 1])
    (True, False)
    """
    game = symmetric_game(game)
    x = _strategy(strategy, game.strategies[0])
    return _stability(exact_matrix(game), x, _budget(max_faces))[0]


def is_neutrally_stable(game: Any, strategy: Any, *, max_faces: int | None = 1_000_000) -> bool:
    """Whether ``strategy`` is neutrally stable: no mutant earns more than it (Maynard Smith 1982).

    Parameters are those of :func:`is_evolutionarily_stable`.

    Examples
    --------
    Rock–paper–scissors: the uniform strategy is neutrally stable but no ESS.

    >>> rps = [[0, -1, 1], [1, 0, -1], [-1, 1, 0]]
    >>> from fractions import Fraction as F
    >>> is_neutrally_stable(rps, [F(1, 3)] * 3), is_evolutionarily_stable(rps, [F(1, 3)] * 3)
    (True, False)
    """
    game = symmetric_game(game)
    x = _strategy(strategy, game.strategies[0])
    return _stability(exact_matrix(game), x, _budget(max_faces))[1]


def evolutionary_stability(game: Any, *, max_faces: int | None = 1_000_000, **options: Any) -> StabilitySet:
    """Every symmetric Nash equilibrium of a symmetric two-player game, each tested for ESS and neutral stability.

    The symmetric equilibria come from the complete solver (:func:`trigame.equilibria`,
    exact), and each is tested exactly (:func:`is_evolutionarily_stable`).

    Parameters
    ----------
    game : NormalFormGame or square matrix
        A numeric symmetric two-player game or its matrix.
    max_faces : int or None, default 1000000
        As in :func:`is_evolutionarily_stable`, per equilibrium.
    **options
        Passed to :func:`trigame.equilibria`.

    Returns
    -------
    StabilitySet
        :class:`~trigame.results.dynamics.SymmetricEquilibrium` entries with ``ess`` and
        ``neutrally_stable``; ``.ess()`` lists the evolutionarily stable strategies.

    Examples
    --------
    >>> from trigame.games.normal_form import NormalFormGame
    >>> hawk_dove = NormalFormGame.from_arrays([[-1, 4], [0, 2]], [[-1, 0], [4, 2]],
    ...                                        strategies=[["Hawk", "Dove"]] * 2)
    >>> [e.label() for e in evolutionary_stability(hawk_dove)]
    ['2/3 Hawk + 1/3 Dove (ESS)']
    """
    from trigame.solve import equilibria

    game = symmetric_game(game)
    exact = game.as_exact() if game.kind == "float" else game
    found = equilibria(exact, **options)
    a = exact_matrix(game)
    labels = game.strategies[0]
    entries = []
    for e in found:
        x, y = (list(v.tolist()) for v in e.strategies)
        if x != y:
            continue
        x = [to_fraction(v) for v in x]
        ess, neutral = _stability(a, x, _budget(max_faces))
        payoff = sum((a[i][j] * x[i] * x[j] for i in range(len(x)) for j in range(len(x))), Fraction(0))
        entries.append(SymmetricEquilibrium(labels, x, payoff, ess=ess, neutrally_stable=neutral))
    notes = list(found.notes)
    if found.degenerate:
        notes.append("the game has a continuum of equilibria: its extreme symmetric equilibria are tested; "
                     "neutrally stable strategies may form a continuum between them")
    return StabilitySet(entries, game=game, complete=found.complete, degenerate=found.degenerate, notes=notes)


def _budget(max_faces: int | None) -> WorkBudget:
    return WorkBudget(max_faces, what="the stability test", unit="faces", option="max_faces")
