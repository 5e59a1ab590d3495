"""The exact conditions of a repeated game's automaton profiles, as raw regimes (private).

Shared by :func:`trigame.statics.repeated.repeated_regimes` and by
:func:`trigame.statics.regime_set.regimes` on a repeated model (one whose
``payoffs`` builds a :class:`~trigame.games.repeated.RepeatedGame` and whose
``profiles(stage)`` names the automaton profiles to check).

A discount factor may be a symbol (``delta``), a number (replaced by a free
symbol, as :meth:`~trigame.games.repeated.RepeatedGame.spe_conditions` does)
or an expression in parameters, such as TrustBuilding's δ(1 − s).  The
one-shot deviation conditions are computed in a fresh symbol d standing for
the discount factor: :func:`~trigame.games.repeated._conditions._no_gain`
clears each of its denominator and of the factors of constant sign on
0 < d < 1, which is exact wherever the expression lies in (0, 1); the
expression is then put in place of d, and ``0 < expression < 1`` is added to
every condition so that the result is exact everywhere on the domain.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from trigame.errors import ParameterError
from trigame.games.repeated import Automaton, RepeatedGame

__all__: list[str] = []


def check_profiles(profiles: Any) -> dict[str, tuple[Automaton, ...]]:
    """``{name: one automaton per player}`` from a mapping or a single profile (named after its first automaton)."""
    if isinstance(profiles, Mapping):
        items = list(profiles.items())
    elif isinstance(profiles, Sequence) and not isinstance(profiles, str) and profiles and \
            isinstance(profiles[0], Automaton):
        items = [(profiles[0].name or "profile", profiles)]
    else:
        raise ParameterError("profiles must be a mapping {name: one Automaton per player} or one profile")
    out = {}
    for name, profile in items:
        if not isinstance(name, str):
            raise ParameterError(f"a profile's name must be a string, got {name!r}")
        out[name] = tuple(profile)
    return out


def discount_symbols(game: RepeatedGame) -> tuple[list[Any], list[Any]]:
    """The discount factors as symbols or expressions, and the symbols standing in for them in the conditions.

    A symbol stays itself; a number becomes ``delta`` (``delta_1``, ... when the players' factors differ); an
    expression gets a fresh dummy symbol, replaced by the expression once the conditions are cleared.
    """
    import sympy

    discounts = list(game._symbols())
    stand_ins = [d if d.is_Symbol else sympy.Dummy("d", positive=True) for d in discounts]
    shared: dict[Any, Any] = {}
    stand_ins = [shared.setdefault(d, s) for d, s in zip(discounts, stand_ins)]  # one stand-in per expression
    return discounts, stand_ins


def profile_conditions(game: RepeatedGame, profiles: Mapping[str, Sequence[Automaton]], *, nash: bool,
                       max_states: int = 10_000, max_policies: int = 65_536,
                       max_degree: int = 12, keep_numbers: bool = False) -> list[dict[str, Any]]:
    """For each profile: its name, exact condition (SymPy, in the game's symbols), values and path of play.

    ``keep_numbers``: a numeric discount factor is put back in place of the symbol that stood for it (a
    model whose discount parameters are all fixed); otherwise that symbol stays free (a RepeatedGame's).
    """
    import sympy

    discounts, stand_ins = discount_symbols(game)
    symbolic = RepeatedGame(game.stage, stand_ins)
    back = {s: d for s, d in zip(stand_ins, discounts) if s is not d}
    if keep_numbers:
        back.update({s: sympy.Rational(value) if isinstance(value, float) else sympy.sympify(value)
                     for s, value in zip(stand_ins, game.discounts) if not getattr(value, "free_symbols", None)})
    inside = [c for s, d in back.items() for c in (d > 0, d < 1)]
    out = []
    for name, profile in profiles.items():
        if nash:
            conditions = symbolic.nash_conditions(profile, max_states=max_states, max_policies=max_policies,
                                                  max_degree=max_degree)
        else:
            conditions = [c for _, c in symbolic.spe_conditions(profile, max_states=max_states,
                                                                 max_degree=max_degree)]
        condition = sympy.And(*conditions, *inside).subs(back) if back else sympy.And(*conditions)
        values = tuple(sympy.sympify(v).subs(back) for v in symbolic.values(profile))
        out.append({"name": name, "profile": profile, "condition": condition, "values": values,
                    "path": symbolic.path(profile, 4)})
    return out


def regime_entry(players: Sequence[str], kind: str, item: Mapping[str, Any], values: Sequence[Any]) -> dict[str, Any]:
    """The raw regime :func:`~trigame.statics.regime_set.regimes` reads, for one profile's conditions."""
    import sympy

    name, profile = item["name"], item["profile"]
    return {"label": name, "support_label": name, "condition": item["condition"], "kind": kind,
            "probabilities": {p: {a.name or name: sympy.Integer(1)} for p, a in zip(players, profile)},
            "payoffs": dict(zip(players, values)),
            "outcomes": {tuple("/".join(step) for step in item["path"]): sympy.Integer(1)},
            "equilibrium": profile}


def repeated_regimes_raw(problem: Any) -> tuple[list[dict[str, Any]], bool, list[str]]:
    """Raw regimes of a repeated model's problem (its ``profiles``), for :func:`regimes`."""
    import sympy

    game = problem.game
    found = profile_conditions(game, problem.profiles, nash=problem.kind == "nash", keep_numbers=True)
    raw = [regime_entry(game.players, problem.kind, item, [sympy.factor(v) for v in item["values"]])
           for item in found]
    return raw, False, [profiles_note(problem.source, problem.kind)]


def profiles_note(source: str, kind: str) -> str:
    """What a repeated model's regimes are: one per profile of ``source.profiles``, not every equilibrium."""
    return (f"a repeated game: one regime per automaton profile of {source}.profiles (not every "
            f"{'Nash' if kind == 'nash' else 'subgame-perfect'} equilibrium of the repeated game), each "
            "with the exact condition, by the one-shot deviation principle, under which it is one")


def numeric_labels(problem: Any, values: Mapping[str, Any]) -> tuple[str, set[str], bool]:
    """Set label, labels and continuum flag at a point: the profiles that are equilibria of the numeric game there
    (the exact one-shot deviation check, or the Nash check), for a regime map's check of a repeated model."""
    from trigame._labels import set_label

    game = problem.game.subs(dict(values)) if values else problem.game
    labels = {name for name, profile in problem.profiles.items()
              if (game.is_nash(profile) if problem.kind == "nash" else game.is_subgame_perfect(profile))}
    return set_label(labels, continuum=False), labels, False
