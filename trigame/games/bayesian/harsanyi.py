"""The three complete-information games a Bayesian game stands for (Harsanyi 1967-68; Selten 1975).

* :func:`to_tree` -- the Harsanyi transformation: nature draws the type
  profile, then the players move in player order, each at the information set
  ``"<player>@<type>"`` that pools every node where the player is of that type
  (so the player knows its own type and nothing of the others' types or moves:
  the moves are simultaneous);
* :func:`to_normal_form` -- the strategic form: a pure strategy assigns an
  action to each type (of positive probability), payoffs are ex-ante expected
  payoffs over the prior;
* :func:`agent_form` -- Selten's type-agent form: one player per (player,
  type) of positive probability, named ``"<player>@<type>"``, whose payoff is
  the player's expected payoff conditional on that type.

:func:`interim_payoffs` evaluates a behaviour profile type by type; it is what
the agent form's payoffs mean, computed directly from the game's payoff table.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from trigame._numbers import Kind, classify, combine, convert, is_zero, short_repr
from trigame.budget import check_limit, check_memory
from trigame.errors import BudgetExceededError, ProfileError, TrigameError, UnsupportedGameError

if TYPE_CHECKING:
    from trigame.games.normal_form import NormalFormGame
    from trigame.games.tree import GameTree

__all__ = ["MAX_PROFILES", "agent_form", "interim_payoffs", "to_normal_form", "to_tree"]

#: Default budget: the most pure-strategy profiles the strategic form or the agent form may have.
MAX_PROFILES = 2_000_000

#: A :class:`~trigame.games.bayesian.BayesianGame` (not imported: its module imports this one).
BayesianGame = Any


def _size_check(bg: BayesianGame, what: str, n_payoffs: int, max_profiles: int | None,
                max_memory: int | None) -> tuple[int, ...]:
    """The shape of a transformed game (one axis per player or agent); refuses it past the budgets."""
    limit = check_limit(MAX_PROFILES if max_profiles is None else max_profiles, "max_profiles", allow_none=False)
    if max_memory is not None:
        check_limit(max_memory, "max_memory", allow_none=False)
    assert limit is not None
    radices = [len(bg.actions(p, t)) for p in bg.players for t in bg.positive_types(p)]
    size = math.prod(radices)
    if size > limit:
        shown = str(size) if size < 10**12 else f"about 10^{len(str(size)) - 1}"
        raise BudgetExceededError(
            f"the {what} of this Bayesian game has {shown} pure profiles (the product over players of "
            f"|actions|^|types|), more than max_profiles={limit}; pass max_profiles=... to allow more")
    per_entry = 8 if bg.kind == "float" else 120
    check_memory(n_payoffs * size * per_entry, f"the {what} of this Bayesian game", limit=max_memory)
    return tuple(radices)


def _zeros(kind: Kind, shape: tuple[int, ...]) -> np.ndarray:
    try:
        if kind == "float":
            return np.zeros(shape)
        array = np.empty(shape, dtype=object)
    except ValueError as exc:  # more axes than NumPy supports
        raise UnsupportedGameError(f"a game with {len(shape) - 1} players or agents cannot be stored as an "
                                   f"array: {exc}") from None
    array.fill(convert(0, kind))
    return array


def _labels(actions: list[tuple[str, ...]]) -> tuple[str, ...]:
    """Readable labels of type-contingent strategies, ``"Fight|Yield"``; tuples when ``|`` makes two equal."""
    strategies = list(itertools.product(*actions))
    labels = tuple("|".join(s) for s in strategies)
    if len(set(labels)) != len(labels):
        labels = tuple(repr(s) for s in strategies)
    return labels


def to_normal_form(bg: BayesianGame, *, max_profiles: int | None = None,
                   max_memory: int | None = None) -> NormalFormGame:
    """The strategic form of ``bg`` in type-contingent strategies.

    A pure strategy of player ``i`` lists one action for each of its types of
    positive probability, in the order of its types (the first type slowest);
    its label joins the actions with ``"|"`` (``"Fight|Yield"``: ``Fight``
    when of the first type, ``Yield`` when of the second).  The payoff of a
    profile ``s`` is the ex-ante expectation ``sum_t p(t) u_i(t, s(t))``.
    Types of probability zero have no component: they never move.

    Raises
    ------
    BudgetExceededError
        When the game has more than ``max_profiles`` (default 2,000,000) pure
        profiles, ``prod_i prod_{t_i} |A_i(t_i)|``, or needs more than the memory budget.
    """
    if "normal_form" in bg._cache:
        return bg._cache["normal_form"]
    from trigame.games.normal_form import NormalFormGame

    n = bg.n_players
    _size_check(bg, "strategic form", n, max_profiles, max_memory)
    own_types = [bg.positive_types(p) for p in bg.players]
    own_actions = [[bg.actions(p, t) for t in own] for p, own in zip(bg.players, own_types)]
    shape = tuple(math.prod(len(a) for a in acts) for acts in own_actions)
    payoffs = _zeros(bg.kind, (n, *shape))
    # which pure strategies of player i play action k at its type in slot s: digits of a mixed-radix number
    chooses: list[dict[tuple[str, str], np.ndarray]] = []
    for own, acts in zip(own_types, own_actions):
        digits = np.array(list(itertools.product(*(range(len(a)) for a in acts))), dtype=np.int64)
        chooses.append({(t, a): np.flatnonzero(digits[:, s] == k)
                        for s, (t, actions) in enumerate(zip(own, acts)) for k, a in enumerate(actions)})
    for t in bg.type_profiles:
        weight = bg.prior[t]
        for a, u in bg.payoff_table()[t].items():
            cells = np.ix_(*(chooses[i][(t[i], a[i])] for i in range(n)))
            for i in range(n):
                payoffs[i][cells] = payoffs[i][cells] + weight * u[i]
    if bg.kind == "symbolic":
        payoffs = _simplified(payoffs)
    strategies = [_labels(acts) for acts in own_actions]
    game = NormalFormGame(payoffs, bg.players, strategies, title=bg.title, kind=bg.kind)
    bg._cache["normal_form"] = game
    return game


def agent_form(bg: BayesianGame, *, max_profiles: int | None = None,
               max_memory: int | None = None) -> NormalFormGame:
    """Selten's type-agent form of ``bg``.

    One player (agent) per player and type of positive marginal probability,
    named ``"<player>@<type>"``, in player order and then type order; its
    strategies are the type's actions.  Agent ``i@t_i``'s payoff is player
    ``i``'s expected payoff conditional on ``t_i``,
    ``sum_{t_-i} p(t_-i | t_i) u_i(t_i, t_-i, a_{i@t_i}, (a_{j@t_j})_{j != i})``:
    it depends on the actions of the other players' agents and not on the
    player's own agents of other types.

    Raises
    ------
    BudgetExceededError
        As :func:`to_normal_form` (the agent form has as many pure profiles as the strategic form).
    """
    if "agent_form" in bg._cache:
        return bg._cache["agent_form"]
    from trigame.games.normal_form import NormalFormGame

    agents = [(i, p, t) for i, p in enumerate(bg.players) for t in bg.positive_types(p)]
    shape = _size_check(bg, "agent form", len(agents), max_profiles, max_memory)
    position = {(i, t): k for k, (i, _, t) in enumerate(agents)}
    marginals = [bg.marginal(p) for p in bg.players]
    payoffs = _zeros(bg.kind, (len(agents), *shape))
    ranges = [np.arange(m) for m in shape]
    for t in bg.type_profiles:
        movers = {position[(i, ti)]: i for i, ti in enumerate(t)}
        for a, u in bg.payoff_table()[t].items():
            index = []
            for k, (i, p, ti) in enumerate(agents):
                index.append(np.array([bg.actions(p, ti).index(a[i])]) if k in movers else ranges[k])
            cells = np.ix_(*index)
            for k, i in movers.items():
                weight = bg.prior[t] / marginals[i][t[i]]
                payoffs[k][cells] = payoffs[k][cells] + weight * u[i]
    if bg.kind == "symbolic":
        payoffs = _simplified(payoffs)
    names = [f"{p}@{t}" for _, p, t in agents]
    strategies = [bg.actions(p, t) for _, p, t in agents]
    title = f"{bg.title} (type-agent form)" if bg.title else "type-agent form"
    game = NormalFormGame(payoffs, names, strategies, title=title, kind=bg.kind)
    bg._cache["agent_form"] = game
    return game


def _simplified(payoffs: np.ndarray) -> np.ndarray:
    import sympy

    out = np.empty(payoffs.shape, dtype=object)
    for index, value in np.ndenumerate(payoffs):
        out[index] = sympy.cancel(value)
    return out


def to_tree(bg: BayesianGame, *, max_memory: int | None = None) -> GameTree:
    """The Harsanyi tree of ``bg``.

    A :class:`~trigame.games.tree.Chance` root draws the type profiles of
    positive probability (outcomes labelled by the types joined with ``","``);
    below each, the players move in player order, player ``i`` at the
    information set ``f"{player}@{type}"``, which holds every node where
    ``i`` is of that type.  As no player observes another's move, the moves are
    simultaneous; the tree has perfect recall (each player moves once).
    """
    if "tree" in bg._cache:
        return bg._cache["tree"]
    from trigame.games.tree import Chance, Decision, GameTree, Terminal

    n = bg.n_players
    nodes = 0
    for t in bg.type_profiles:
        width = 1
        for i in range(n):
            width *= len(bg.actions(bg.players[i], t[i]))
            nodes += width
    check_memory(700 * (nodes + 1), "the Harsanyi tree of this Bayesian game", limit=max_memory)

    def below(t: tuple[str, ...], i: int, played: tuple[str, ...]) -> Any:
        if i == n:
            return Terminal(bg.payoff(t, played))
        p = bg.players[i]
        return Decision(p, {a: below(t, i + 1, (*played, a)) for a in bg.actions(p, t[i])}, infoset=f"{p}@{t[i]}")

    profiles = bg.type_profiles
    labels = [",".join(t) for t in profiles]
    if len(set(labels)) != len(labels):
        labels = [repr(t) for t in profiles]
    root = Chance({label: (bg.prior[t], below(t, 0, ())) for label, t in zip(labels, profiles)}, label="types")
    tree = GameTree(root, players=bg.players, title=bg.title)
    bg._cache["tree"] = tree
    return tree


def interim_payoffs(bg: BayesianGame, behavior: Mapping[str, Mapping[str, Mapping[str, Any]]]
                    ) -> dict[str, dict[str, dict[str, Any]]]:
    """``{player: {type: {action: expected payoff}}}`` against the others' behaviour, per type of positive probability.

    The expected payoff of action ``a`` for player ``i`` of type ``t_i`` is
    ``sum_{t_-i} p(t_-i | t_i) sum_{a_-i} prod_{j != i} sigma_j(a_j | t_j) u_i(t, a, a_-i)``.
    ``behavior`` gives ``{player: {type: {action: probability}}}`` for every
    type of positive probability (actions left out have probability 0).
    """
    probs = _read_behavior(bg, behavior)
    n = bg.n_players
    out: dict[str, dict[str, dict[str, Any]]] = {}
    kind = _kind_of(bg, probs)
    zero = convert(0, kind)
    for i, p in enumerate(bg.players):
        marginal = bg.marginal(p)
        out[p] = {ti: {a: zero for a in bg.actions(p, ti)} for ti in bg.positive_types(p)}
        for t in bg.type_profiles:
            weight = convert(bg.prior[t] / marginal[t[i]], kind)
            row = bg.payoff_table()[t]
            others = [list(probs[j][t[j]].items()) if j != i else [("", convert(1, kind))] for j in range(n)]
            for combo in itertools.product(*others):
                mass = weight
                for _, q in combo:
                    mass = mass * q
                if is_zero(mass):
                    continue
                for a in bg.actions(p, t[i]):
                    profile = tuple(a if j == i else combo[j][0] for j in range(n))
                    out[p][t[i]][a] = out[p][t[i]][a] + mass * convert(row[profile][i], kind)
    return out


def _kind_of(bg: BayesianGame, probs: list[dict[str, dict[str, Any]]]) -> Kind:
    kinds = [bg.kind] + [classify(q, "probability", bounded=False) for own in probs for d in own.values()
                         for q in d.values()]
    return combine(kinds)


def _read_behavior(bg: BayesianGame, behavior: Any) -> list[dict[str, dict[str, Any]]]:
    """``[player][type] -> {action: probability}`` for the types of positive probability, checked for labels."""
    if not isinstance(behavior, Mapping):
        raise ProfileError(f"a behaviour profile is a mapping {{player: {{type: {{action: probability}}}}}}, "
                           f"got {short_repr(behavior)}")
    unknown = [p for p in behavior if p not in bg.players]
    if unknown:
        raise ProfileError(f"the behaviour names unknown player(s) {unknown}; players are {list(bg.players)}")
    out = []
    for p in bg.players:
        own = behavior.get(p)
        if not isinstance(own, Mapping):
            raise ProfileError(f"the behaviour of {p!r} must be a mapping {{type: {{action: probability}}}}")
        wrong = [t for t in own if t not in bg.types[p]]
        if wrong:
            raise ProfileError(f"the behaviour of {p!r} names unknown type(s) {wrong}; its types are "
                               f"{list(bg.types[p])}")
        per_type = {}
        for t in bg.positive_types(p):
            dist = own.get(t)
            if not isinstance(dist, Mapping):
                raise ProfileError(f"the behaviour of {p!r} has no distribution {{action: probability}} for "
                                   f"its type {t!r}")
            bad = [a for a in dist if a not in bg.actions(p, t)]
            if bad:
                raise ProfileError(f"{p!r} of type {t!r} has no action(s) {bad}; its actions are "
                                   f"{list(bg.actions(p, t))}")
            for a, q in dist.items():
                try:
                    classify(q, "probability", bounded=False)
                except TrigameError as exc:
                    raise ProfileError(f"the behaviour of {p!r} of type {t!r}, action {a!r}: {exc}") from None
            per_type[t] = {a: dist.get(a, Fraction(0)) for a in bg.actions(p, t)}
        out.append(per_type)
    return out
