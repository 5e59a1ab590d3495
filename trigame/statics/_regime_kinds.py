"""The equilibria of one symbolic problem, each with its condition: the raw material of a RegimeSet.

`regimes` asks one of these for a list of entries (condition, supports, probabilities,
payoffs, outcomes, the equilibrium itself, its label), whether the set is degenerate,
and the solver's notes:

* ``_nash_regimes`` -- the Nash equilibria of a 2x2 or 2x2x2 strategic form in closed form;
* ``_spe_regimes`` -- the subgame-perfect equilibria of a tree by symbolic backward
  induction, pieces proved empty on the domain dropped while solving, and pieces with the
  same behaviour merged into one entry (the OR of their conditions).

Signalling models have their own in ``_pbe_regimes`` and repeated models in
``_repeated_conditions``.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from trigame.errors import UnsupportedGameError
from trigame.statics._problem import _Problem


def value_label(equilibrium: Any, number: Callable[[Any], str] | None = None) -> str:
    """The label of a Nash or subgame-perfect regime: the equilibrium's, after ``mixed:`` where it mixes;
    ``number`` writes the probabilities (default: :func:`~trigame._numbers.format_number` to 4 digits)."""
    label = equilibrium.label(number)
    return label if equilibrium.is_pure else "mixed: " + label


def _nash_regimes(problem: _Problem) -> tuple[list[dict[str, Any]], bool, list[str]]:
    import sympy

    from trigame._numbers import to_sympy
    from trigame.solve import equilibria

    game = problem.game
    if game.shape not in ((2, 2), (2, 2, 2)):
        raise UnsupportedGameError(
            f"symbolic Nash equilibria are available for 2x2 and 2x2x2 games; this strategic form is "
            f"{'x'.join(map(str, game.shape))} (sequential models: use the subgame-perfect regimes, nash=False)")
    found = equilibria(game, method="closed_form")
    out = []
    for eq in found:
        supports = tuple(tuple(k for k, p in enumerate(v.tolist()) if p != 0) for v in eq.strategies)
        probabilities = {player: {s: to_sympy(p) for s, p in zip(labels, v.tolist())}
                         for player, labels, v in zip(eq.players, eq.labels, eq.strategies)}
        outcomes = {}
        for index in itertools.product(*(range(len(s)) for s in eq.labels)):
            weight = sympy.Integer(1)
            for v, k in zip(eq.strategies, index):
                weight *= v[k]
            if weight != 0:
                outcomes[tuple(s[k] for s, k in zip(eq.labels, index))] = sympy.cancel(weight)
        out.append({"condition": eq.condition, "supports": supports, "units": eq.players, "actions": eq.labels,
                    "probabilities": probabilities, "payoffs": dict(zip(eq.players, eq.payoffs)),
                    "outcomes": outcomes, "equilibrium": eq, "label": value_label(eq)})
    return out, found.degenerate, list(found.notes)


class _Outcomes(Mapping[tuple[str, ...], Any]):
    """A view of a subgame-perfect equilibrium's outcome distribution.

    :class:`~trigame.results.SubgamePerfectEquilibrium` computes its outcomes on first read and keeps them
    (products of symbolic probabilities along every path cost more than the regime's other fields); the view
    only keeps building a regime from reading them, since a regime map never does.
    """

    __slots__ = ("_equilibrium",)

    def __init__(self, equilibrium: Any) -> None:
        self._equilibrium = equilibrium

    def __getitem__(self, key: tuple[str, ...]) -> Any:
        return self._equilibrium.outcomes[key]

    def __iter__(self) -> Iterator[tuple[str, ...]]:
        return iter(self._equilibrium.outcomes)

    def __len__(self) -> int:
        return len(self._equilibrium.outcomes)

    def __repr__(self) -> str:
        return repr(dict(self._equilibrium.outcomes))


def _spe_regimes(problem: _Problem) -> tuple[list[dict[str, Any]], bool, list[str]]:
    import sympy

    from trigame.results.equilibrium import _probability
    from trigame.solve.subgame_perfect import backward_induction
    from trigame.statics._spe_pruning import Pruning

    tree = problem.game
    space = problem.space

    pruning = Pruning(space)
    found = backward_induction(tree, empty=pruning)  # pieces proved empty on the domain are dropped while solving
    keys = tuple(info.key for info in tree.information_sets)
    actions = tuple(tuple(info.actions) for info in tree.information_sets)
    merged: dict[Any, dict[str, Any]] = {}
    written: dict[Any, str] = {}  # the few probabilities of many labels, each written once

    def number(p: Any) -> str:
        if p not in written:
            written[p] = _probability(p)
        return written[p]

    # SubgamePerfectEquilibrium sets its (immutable) attributes through object.__setattr__ in __init__,
    # which mypy cannot see: the loop variable is typed Any.
    spe: Any
    for spe in found:
        signature = tuple((k, tuple(spe.behavior[k].values())) for k in keys)
        # the pruning read each piece's condition into clauses while solving: reused, not read again
        clauses = pruning.clauses(spe.condition)
        if signature in merged:  # the same behaviour reached through different pieces
            entry = merged[signature]
            entry["condition"] = sympy.Or(entry["condition"], spe.condition)
            if clauses is None or "clauses" not in entry:
                entry.pop("clauses", None)
            else:
                entry["clauses"] += [dict(c) for c in clauses]
            continue
        supports = tuple(tuple(j for j, p in enumerate(spe.behavior[k].values()) if p != 0) for k in keys)
        merged[signature] = {
            "condition": sympy.true if spe.condition is True else spe.condition, "supports": supports,
            "units": tuple(str(k) for k in keys), "actions": actions,
            "probabilities": {k: dict(spe.behavior[k]) for k in keys},
            "payoffs": dict(zip(tree.players, spe.payoffs)), "outcomes": _Outcomes(spe),
            "equilibrium": spe, "label": value_label(spe, number)}
        if clauses is not None:
            merged[signature]["clauses"] = [dict(c) for c in clauses]
    return list(merged.values()), found.degenerate, list(found.notes)
