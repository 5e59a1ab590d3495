"""Exactly where a symbolic 2x2x2 game has a continuum of equilibria, when dominance reduces it.

For three players the closed form (:mod:`trigame.solve.nash.closed_form`)
states only a necessary condition for a continuum of equilibria: it is
trivially true when some player's payoff advantage does not depend on the
others (in a Bayesian game's type-agent form, every agent whose type has a
dominant action).  :func:`exact_continuum` first fixes every player whose one
action is better at every parameter value and against every profile of the
others, then states the condition exactly for what is left.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["continuum_condition", "exact_continuum", "intervals_per_clause"]


def exact_continuum(agents: Any, solve_2x2: Callable[[Any], Any]) -> tuple[bool, str] | None:
    """The exact condition for a continuum of equilibria of a symbolic 2x2x2 game, where it can be found.

    The closed form states only a necessary condition for three agents.  An
    agent for which one action is better than the other against every profile
    of the others, at every parameter value (each difference provably
    positive), plays it in every equilibrium; fixing it leaves a game whose
    equilibria, continua included, are those of the whole game.  Repeating
    this until no agent is fixed: with one agent left, a continuum (the agent
    mixing) exists exactly where its two actions pay the same; with two left,
    the 2x2 closed form (``solve_2x2``) states the condition exactly.  Returns
    ``(degenerate, note)``, or None when three agents remain.
    """
    left = _reduce(agents)
    if left is None:
        return None
    if isinstance(left, list):
        return (False, "") if not left else _one_agent(left[0])
    solved = solve_2x2(left)
    notes = [note for note in solved.notes if note.startswith("continuum of equilibria exactly when")]
    return solved.degenerate, notes[0] if notes else ""


def continuum_condition(agents: Any, condition_2x2: Callable[[Any], Any]) -> Any:
    """:func:`exact_continuum` as a SymPy condition (``sympy.false``: never), or None when three agents remain.

    ``condition_2x2`` gives the condition of the 2x2 game left when one agent is fixed.
    """
    import sympy

    left = _reduce(agents)
    if left is None:
        return None
    if isinstance(left, list):
        return sympy.false if not left else sympy.Eq(left[0], 0)
    return condition_2x2(left)


def _one_agent(d: Any) -> tuple[bool, str]:
    import sympy

    condition = sympy.Eq(d, 0)
    symbols = sorted(d.free_symbols, key=str)
    if len(symbols) == 1:
        try:
            condition = condition.as_set().as_relational(symbols[0])
        except Exception:  # as_set gives up on some equations; the equation itself is still exact
            pass
    if condition is sympy.false:
        return False, ""
    return True, f"continuum of equilibria exactly when: {condition}"


def _reduce(agents: Any) -> Any:
    """The game left once every agent with a dominant action is fixed: None (three agents left), ``[]`` (none
    left), ``[difference]`` (one agent, its payoff difference) or the 2x2 NormalFormGame of the two left."""
    import numpy as np
    import sympy

    from trigame.games.normal_form import NormalFormGame

    n = agents.n_players
    fixed: dict[int, int] = {}

    def differences(i: int) -> list[Any]:
        out = []
        for cell in np.ndindex(*agents.shape):
            if cell[i] != 0 or any(cell[j] != a for j, a in fixed.items()):
                continue
            other = (*cell[:i], 1, *cell[i + 1:])
            out.append(sympy.simplify(sympy.Add(agents.payoffs[i][cell], -agents.payoffs[i][other])))
        return out

    changed = True
    while changed:
        changed = False
        for i in range(n):
            if i in fixed:
                continue
            signs = differences(i)
            if all(d.is_positive is True for d in signs):
                fixed[i], changed = 0, True
            elif all(d.is_negative is True for d in signs):
                fixed[i], changed = 1, True
    left = [i for i in range(n) if i not in fixed]
    if len(left) == 3:
        return None
    if len(left) < 2:
        return [d for i in left for d in differences(i)]
    index = tuple(slice(None) if j in left else fixed[j] for j in range(n))
    return NormalFormGame([agents.payoffs[i][index] for i in left], [agents.players[i] for i in left],
                          [agents.strategies[i] for i in left])


def intervals_per_clause(condition: Any) -> Any:
    """Each conjunction's linear relations on one symbol intersected: empty conjunctions dropped,
    ``Eq(x, 1/3) & (x >= 1/3)`` written ``Eq(x, 1/3)`` (the closed form's continuum condition)."""
    import sympy

    out = []
    for clause in sympy.Or.make_args(condition):
        groups: dict[Any, list[Any]] = {}
        rest: list[Any] = []
        for rel in sympy.And.make_args(clause):
            if isinstance(rel, sympy.core.relational.Relational) and len(rel.free_symbols) == 1:
                (x,) = rel.free_symbols
                poly = sympy.Poly(rel.lhs - rel.rhs, x)
                if poly.degree() == 1 and all(c.is_number for c in poly.all_coeffs()):
                    groups.setdefault(x, []).append(rel)
                    continue
            rest.append(rel)
        parts: list[Any] = []
        for x, relations in groups.items():
            real = sympy.Dummy(x.name, real=True)
            try:
                region = sympy.And(*relations).xreplace({x: real}).as_set()
            except Exception:  # as_set gives up on some conditions; keep the relations as they are
                parts += relations
                continue
            parts.append(region.as_relational(real).xreplace({real: x}))
        out.append(sympy.And(*parts, *dict.fromkeys(rest)))
    return sympy.Or(*out)
