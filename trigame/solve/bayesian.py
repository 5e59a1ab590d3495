"""Every Bayesian Nash equilibrium of a finite Bayesian game, through Selten's type-agent form.

A **Bayesian Nash equilibrium** (Harsanyi 1967-68) is a profile of behaviour
strategies ``sigma_i(. | t_i)``, one distribution over actions per player and
type, such that each player's strategy maximises its ex-ante expected payoff
given the others' strategies.

Why the Nash equilibria of the type-agent form are exactly the Bayesian Nash
equilibria when every type has positive probability (Harsanyi 1967-68, part I,
sec. 5; Selten 1975, sec. 12).  Fix the others' strategies ``sigma_-i``.
Player ``i``'s ex-ante payoff is

    U_i(sigma_i) = sum_{t_i} p(t_i) V_i(sigma_i(. | t_i) | t_i),
    V_i(x | t_i) = sum_{t_-i} p(t_-i | t_i) sum_a x(a_i) prod_{j != i} sigma_j(a_j | t_j) u_i(t, a),

a sum of terms each depending on the behaviour of one type only.  With every
weight ``p(t_i) > 0``, ``sigma_i`` maximises ``U_i`` if and only if each
``sigma_i(. | t_i)`` maximises ``V_i(. | t_i)``: if one type could gain, the
strategy that changes only that type's behaviour gains ``p(t_i)`` times as
much; conversely a maximiser of each term maximises the sum.  ``V_i(. | t_i)``
is by construction the payoff of agent ``i@t_i`` in the agent form
(:func:`trigame.games.bayesian.harsanyi.agent_form`), which does not depend on
``i``'s agents of other types.  So a behaviour profile is a Bayesian Nash
equilibrium if and only if, read as a mixed profile of the agent form (one
mixed strategy per agent), no agent gains by deviating: a Nash equilibrium of
the agent form.  Mixed strategies of the type-contingent strategic form and
behaviour strategies are realization-equivalent (Kuhn 1953: each player moves
once per play and knows its type), so nothing is lost by working with
behaviour strategies.

A type of probability zero has no agent: whatever it does, no one's expected
payoff changes, so every behaviour is optimal for it.  The solver reports one
representative (the type's first action) and, when that type has more than one
action, flags ``degenerate`` with a note.

The agent form is solved by the complete strategic-form solvers
(:func:`trigame.solve.equilibria`, ``method="auto"``): closed form for 2x2
and 2x2x2 agent forms (also symbolic), vertex enumeration for two agents,
support enumeration with exact polynomial solving for more.  Their
``complete`` and ``degenerate`` flags and notes carry over: a continuum of
agent-form equilibria is a continuum of Bayesian Nash equilibria.  Each
equilibrium is re-checked type by type on the Bayesian game's own payoffs
(:func:`trigame.games.bayesian.harsanyi.interim_payoffs`) before it is returned.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from trigame._numbers import convert, to_float
from trigame._numbers import is_zero as _is_zero
from trigame.budget import check_limit
from trigame.errors import ParameterError, SolverError, UnsupportedGameError
from trigame.games.bayesian import BayesianGame
from trigame.results.bayesian import BayesianEquilibrium, BayesianEquilibriumSet
from trigame.results.equilibrium import EquilibriumSet
from trigame.verify import validate_tol

__all__ = ["bayesian_equilibria"]


def bayesian_equilibria(
    game: BayesianGame,
    *,
    symmetric: bool = False,
    tol: float = 1e-9,
    max_profiles: int | None = None,
    max_memory: int | None = None,
    max_support_profiles: int | None = None,
    max_bases: int | None = None,
    max_work: int | None = None,
) -> BayesianEquilibriumSet:
    """Every Bayesian Nash equilibrium of ``game``, in behaviour strategies per player and type.

    Parameters
    ----------
    game : BayesianGame
        An exact, float or symbolic Bayesian game.  Symbolic games are solved
        when the type-agent form is 2x2 or 2x2x2 (in closed form, each
        equilibrium with its condition on the parameters).
    symmetric : bool, default False
        Keep only the equilibria in which all players use the same behaviour
        strategy (the game must be symmetric, see :attr:`BayesianGame.is_symmetric`).
    tol : float, default 1e-9
        Verification tolerance in ``[0, 1e-3]``, relative to each player's
        payoff range, for float games and irrational equilibria.
    max_profiles : int or None, default 2_000_000
        Budget: the most pure profiles the type-agent form may have
        (``prod_i prod_{t_i} |A_i(t_i)|``).
    max_memory : int or None
        Budget in bytes for building and (with two agents) solving the agent
        form; default :data:`trigame.budget.DEFAULT_MAX_BYTES`.
    max_support_profiles, max_bases, max_work : int or None
        The budgets of the agent-form solver that runs (``polynomial``,
        ``support``, ``closed_form``); None keeps that solver's default.

    Returns
    -------
    BayesianEquilibriumSet
        With ``complete``, ``degenerate`` and ``notes`` from the agent-form
        solve (and the notes on types of probability zero and symmetry).

    Raises
    ------
    UnsupportedGameError
        For a symbolic game whose agent form is not 2x2 or 2x2x2 (substitute
        values with ``game.subs(...)``), or ``symmetric=True`` on a game that
        is not symmetric.
    BudgetExceededError
        When a budget is exceeded.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> from trigame.games.bayesian import BayesianGame
    >>> def u(types, actions):   # the entrant stays out unless the incumbent yields
    ...     if actions[1] == "Out":
    ...         return (2, 0)
    ...     return ({"tough": 1, "weak": -1}[types[0]], -1) if actions[0] == "Fight" else (0, 1)
    >>> bg = BayesianGame(["Incumbent", "Entrant"], {"Incumbent": ["tough", "weak"], "Entrant": ["-"]},
    ...                   {"Incumbent": {"tough": F(1, 3), "weak": F(2, 3)}},
    ...                   {"Incumbent": ["Fight", "Yield"], "Entrant": ["In", "Out"]}, u)
    >>> for e in sorted(bayesian_equilibria(bg).pure(), key=lambda e: e.label()):
    ...     print(e.label())
    Incumbent: Fight if tough, Fight if weak; Entrant: Out
    Incumbent: Fight if tough, Yield if weak; Entrant: In
    Incumbent: Yield if tough, Fight if weak; Entrant: Out
    """
    from trigame.solve import auto_method, equilibria

    if not isinstance(game, BayesianGame):
        raise UnsupportedGameError(f"bayesian_equilibria needs a BayesianGame, got {type(game).__name__}")
    if not isinstance(symmetric, bool):
        raise ParameterError(f"symmetric must be True or False, got {symmetric!r}")
    tol = validate_tol(tol)
    for name, value in (("max_support_profiles", max_support_profiles), ("max_bases", max_bases),
                        ("max_work", max_work)):
        check_limit(value, name)
    if symmetric and not game.is_symmetric:
        raise UnsupportedGameError(
            "symmetric=True needs a symmetric Bayesian game (two or more players with the same types and "
            "actions, a prior and payoffs unchanged when the players are permuted); this one is not")
    agents = game.agent_form(max_profiles=max_profiles, max_memory=max_memory)
    try:
        method = auto_method(agents)
    except UnsupportedGameError:
        raise UnsupportedGameError(
            "symbolic Bayesian games are solved when the type-agent form is 2x2 or 2x2x2; this one has "
            f"{agents.n_players} agents with {'x'.join(map(str, agents.shape))} actions: substitute values "
            "with game.subs(...) first") from None
    options: dict[str, Any] = {"tol": tol}
    chosen = {"polynomial": ("max_support_profiles", max_support_profiles),
              "support": ("max_bases", max_bases), "closed_form": ("max_work", max_work)}.get(method)
    if chosen is not None and chosen[1] is not None:
        options[chosen[0]] = chosen[1]
    if method == "support" and max_memory is not None:
        options["max_memory"] = max_memory
    solved = equilibria(agents, method=method, **options)
    return _translate(game, solved, symmetric=symmetric, tol=tol)


def _translate(game: BayesianGame, solved: EquilibriumSet, *, symmetric: bool, tol: float) -> BayesianEquilibriumSet:
    """The agent-form equilibria as behaviour strategies of ``game``, checked type by type."""
    notes = list(solved.notes)
    degenerate = solved.degenerate
    complete = solved.complete
    null_types = [(p, t) for p in game.players for t in game.types[p] if t not in game.positive_types(p)]
    if null_types:
        listed = ", ".join(f"{p} of type {t}" for p, t in null_types)
        notes.append(f"types of probability zero ({listed}) never move: every behaviour is optimal for them; "
                     "each equilibrium shows the first action as a representative")
        if any(len(game.actions(p, t)) > 1 for p, t in null_types):
            degenerate = True
    one = convert(1, "exact" if game.kind != "float" else "float")
    zero = convert(0, "exact" if game.kind != "float" else "float")
    found: list[BayesianEquilibrium] = []
    for eq in solved:
        behavior: dict[str, dict[str, dict[str, Any]]] = {p: {} for p in game.players}
        k = 0
        for p in game.players:
            positive = game.positive_types(p)
            for t in game.types[p]:
                actions = game.actions(p, t)
                if t in positive:
                    behavior[p][t] = dict(zip(actions, eq.strategies[k].tolist()))
                    k += 1
                else:
                    behavior[p][t] = {a: (one if j == 0 else zero) for j, a in enumerate(actions)}
        if symmetric and not _same_behavior(game, behavior):
            continue
        candidate = BayesianEquilibrium(game, behavior, condition=eq.condition, exact=eq.exact)
        if not game.is_symbolic:
            _check(game, candidate, exact=eq.exact and game.kind == "exact", tol=tol)
        found.append(candidate)
    if symmetric:
        notes.append("symmetric=True keeps the listed equilibria in which all players behave alike")
        if degenerate:
            complete = False
            notes.append("with a continuum of equilibria, symmetric points inside the continuum may not be among "
                         "those listed: complete=False")
    return BayesianEquilibriumSet(found, game=game, method=f"agent_form/{solved.method}", complete=complete,
                                  degenerate=degenerate, notes=notes, agent_equilibria=solved)


def _same_behavior(game: BayesianGame, behavior: dict[str, dict[str, dict[str, Any]]]) -> bool:
    first = behavior[game.players[0]]
    return all(behavior[p][t] == first[t] for p in game.players[1:] for t in game.types[p])


def _check(game: BayesianGame, eq: BayesianEquilibrium, *, exact: bool, tol: float) -> None:
    """Every type of positive probability plays only best replies (exactly, or within ``tol`` of the payoff range)."""
    values = game.interim_payoffs({p: {t: dict(d) for t, d in own.items()} for p, own in eq.behavior.items()})
    for i, p in enumerate(game.players):
        scale = None
        for t, by_action in values[p].items():
            best = max(by_action.values(), key=to_float) if not exact else max(by_action.values())
            for a, v in by_action.items():
                q = eq.behavior[p][t][a]
                if _is_zero(q):
                    continue
                if exact:
                    bad = Fraction(v) != Fraction(best)
                else:
                    if scale is None:
                        scale = _payoff_range(game, i)
                    bad = to_float(best) - to_float(v) > max(tol, 1e-9) * scale
                if bad:
                    raise SolverError(f"internal error: {p!r} of type {t!r} plays {a!r}, which is not a best "
                                      f"reply in the translated equilibrium {eq.label()}")


def _payoff_range(game: BayesianGame, i: int) -> float:
    values = [to_float(u[i]) for row in game.payoff_table().values() for u in row.values()]
    return (max(values) - min(values)) or 1.0
