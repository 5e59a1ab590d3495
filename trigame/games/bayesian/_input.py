"""Reading and checking the input of a :class:`~trigame.games.bayesian.BayesianGame`.

Each function takes what the user wrote (players, types, a prior, action sets,
payoffs) and returns it in one canonical form, or raises a trigame error that
names the bad entry and what is allowed.  Numbers are classified with
:func:`trigame._numbers.classify` (so NaN, infinities, booleans and strings are
refused) and converted to the game's kind once it is known.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from trigame._numbers import Kind, classify, combine, convert, format_number, short_repr
from trigame.budget import check_limit
from trigame.errors import BudgetExceededError, GameShapeError, LabelError, PayoffValueError, TrigameError

#: Slack allowed when float prior probabilities are checked to sum to 1 (as for chance nodes of a tree).
PROBABILITY_TOL = 1e-9

#: Largest number of (type profile, action profile) payoff entries a game may hold.
MAX_ENTRIES = 2_000_000

TypeProfile = tuple[str, ...]
ActionProfile = tuple[str, ...]


def labels(values: Any, what: str) -> tuple[str, ...]:
    """A non-empty sequence of distinct non-empty strings (one string is refused: it is not a sequence)."""
    if isinstance(values, (str, bytes)) or not isinstance(values, (Sequence, np.ndarray)):
        raise LabelError(f"{what} must be a sequence of names, got {short_repr(values)}")
    items = tuple(values.tolist() if isinstance(values, np.ndarray) else values)
    if not items:
        raise LabelError(f"{what} is empty; give at least one")
    for item in items:
        if not isinstance(item, str) or not item:
            raise LabelError(f"{what} must be non-empty strings, got {short_repr(item)}")
    repeated = sorted(x for x, count in Counter(items).items() if count > 1)
    if repeated:
        raise LabelError(f"{what} must be distinct; repeated: {repeated}")
    return items


def per_player(mapping: Any, players: tuple[str, ...], what: str) -> dict[str, Any]:
    """A mapping with exactly one entry per player (unknown and missing players are errors)."""
    if not isinstance(mapping, Mapping):
        raise LabelError(f"{what} must be a mapping {{player: ...}}, got {short_repr(mapping)}")
    unknown = [p for p in mapping if p not in players]
    if unknown:
        raise LabelError(f"{what} names unknown player(s) {unknown}; players are {list(players)}")
    missing = [p for p in players if p not in mapping]
    if missing:
        raise LabelError(f"{what} has no entry for player(s) {missing}")
    return {p: mapping[p] for p in players}


def read_types(types: Any, players: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """Each player's type labels."""
    given = per_player(types, players, "types")
    return tuple(labels(given[p], f"the types of {p!r}") for p in players)


def read_actions(actions: Any, players: tuple[str, ...],
                 types: tuple[tuple[str, ...], ...]) -> tuple[tuple[tuple[str, ...], ...], ...]:
    """``[player][type index]`` -> action labels; one tuple per player applies to all of its types."""
    given = per_player(actions, players, "actions")
    out = []
    for p, own_types in zip(players, types):
        entry = given[p]
        if isinstance(entry, Mapping):
            unknown = [t for t in entry if t not in own_types]
            if unknown:
                raise LabelError(f"the actions of {p!r} name unknown type(s) {unknown}; its types are "
                                 f"{list(own_types)}")
            missing = [t for t in own_types if t not in entry]
            if missing:
                raise LabelError(f"the actions of {p!r} have no entry for its type(s) {missing}")
            out.append(tuple(labels(entry[t], f"the actions of {p!r} of type {t!r}") for t in own_types))
        else:
            common = labels(entry, f"the actions of {p!r}")
            out.append(tuple(common for _ in own_types))
    return tuple(out)


def _probability(value: Any, where: str) -> Kind:
    try:
        return classify(value, what="probability")
    except TrigameError as exc:
        raise type(exc)(f"{where}: {exc}") from None


def _check_distribution(values: Mapping[Any, Any], kinds: Mapping[Any, Kind], where: str) -> None:
    """No negative probability; a sum of 1 (exactly, within PROBABILITY_TOL for floats, when it is a number)."""
    for key, value in values.items():
        if kinds[key] == "symbolic":
            if value.is_negative:
                raise PayoffValueError(f"{where}: the probability of {key!r} is negative ({value})")
        elif value < 0:
            raise PayoffValueError(f"{where}: the probability of {key!r} is negative ({format_number(value)})")
    kind = combine(kinds.values())
    if kind == "symbolic":
        import sympy

        total = sympy.expand(sum(convert(v, "symbolic") for v in values.values()))
        if total.is_number and total != 1:
            raise PayoffValueError(f"{where}: the probabilities sum to {total}, not 1")
        return  # a symbolic prior is kept as given: whether it sums to 1 depends on the parameters
    total = sum(convert(v, kind) for v in values.values())
    if (kind == "exact" and total != 1) or (kind == "float" and abs(total - 1) > PROBABILITY_TOL):
        raise PayoffValueError(f"{where}: the probabilities sum to {format_number(total)}, not 1")


def _profile_key(key: Any, players: tuple[str, ...], choices: Sequence[Sequence[str]], what: str) -> tuple[str, ...]:
    """A profile (one label per player, in player order); a single label for a one-player game."""
    n = len(players)
    if n == 1 and isinstance(key, str):
        key = (key,)
    if not isinstance(key, tuple) or len(key) != n:
        raise LabelError(f"a {what} must be a tuple of {n} labels, one per player in the order {list(players)}; "
                         f"got {short_repr(key)}")
    for p, label, allowed in zip(players, key, choices):
        if label not in allowed:
            raise LabelError(f"{what} {key!r}: {short_repr(label)} is not one of {p!r}'s {list(allowed)}")
    return key


def read_prior(prior: Any, players: tuple[str, ...], types: tuple[tuple[str, ...], ...]
               ) -> tuple[dict[TypeProfile, Any], Kind]:
    """The probability of every type profile (zero where not given), and the kind of the prior's numbers.

    A prior is either correlated, ``{type profile: probability}``, or
    independent, ``{player: {type: probability}}`` (a player with a single
    type may be left out).  The values are returned as given; the caller
    converts them to the game's kind.
    """
    if not isinstance(prior, Mapping) or not prior:
        raise PayoffValueError(f"the prior must be a non-empty mapping {{type profile: probability}} or "
                               f"{{player: {{type: probability}}}}, got {short_repr(prior)}")
    profiles = list(itertools.product(*types))
    if all(isinstance(v, Mapping) for v in prior.values()):
        unknown = [p for p in prior if p not in players]
        if unknown:
            raise LabelError(f"the prior names unknown player(s) {unknown}; players are {list(players)}")
        marginals: list[dict[str, Any]] = []
        kinds: list[Kind] = []
        for p, own in zip(players, types):
            if p not in prior:
                if len(own) > 1:
                    raise PayoffValueError(f"the prior has no distribution for {p!r}, who has {len(own)} types")
                marginals.append({own[0]: 1})
                continue
            dist = prior[p]
            wrong = [t for t in dist if t not in own]
            if wrong:
                raise LabelError(f"the prior of {p!r} names unknown type(s) {wrong}; its types are {list(own)}")
            own_kinds = {t: _probability(v, f"the prior of {p!r}, type {t!r}") for t, v in dist.items()}
            _check_distribution(dist, own_kinds, f"the prior of {p!r}")
            kinds += own_kinds.values()
            marginals.append({t: dist.get(t, 0) for t in own})
        kind = combine(kinds)
        values = {t: math.prod((convert(m[x], kind) for m, x in zip(marginals, t)), start=convert(1, kind))
                  for t in profiles}
        return values, kind
    given: dict[TypeProfile, Any] = {}
    profile_kinds: dict[TypeProfile, Kind] = {}
    for key, value in prior.items():
        t = _profile_key(key, players, types, "type profile of the prior")
        if t in given:
            raise LabelError(f"the prior gives the type profile {t!r} twice")
        profile_kinds[t] = _probability(value, f"the prior of type profile {t!r}")
        given[t] = value
    _check_distribution(given, profile_kinds, "the prior")
    return {t: given.get(t, 0) for t in profiles}, combine(profile_kinds.values())


def _payoff_vector(value: Any, n: int, where: str) -> tuple[tuple[Any, ...], Kind]:
    if isinstance(value, (str, bytes)) or not isinstance(value, (Sequence, np.ndarray)):
        raise GameShapeError(f"{where}: the payoffs must be a sequence of {n} numbers, got {short_repr(value)}")
    values = tuple(value.tolist() if isinstance(value, np.ndarray) else value)
    if len(values) != n:
        raise GameShapeError(f"{where}: {len(values)} payoffs given for {n} players")
    kinds = []
    for v in values:
        try:
            kinds.append(classify(v))
        except TrigameError as exc:
            raise type(exc)(f"{where}: {exc}") from None
    return values, combine(kinds)


def read_payoffs(
    payoffs: Any,
    players: tuple[str, ...],
    types: tuple[tuple[str, ...], ...],
    actions: tuple[tuple[tuple[str, ...], ...], ...],
    positive: Sequence[TypeProfile],
    max_entries: int,
) -> tuple[dict[TypeProfile, dict[ActionProfile, tuple[Any, ...]]], Kind]:
    """``{type profile: {action profile: payoffs}}`` for every type profile of positive probability.

    Payoffs of zero-probability type profiles are optional (and kept when given).
    A callable is asked for the positive-probability type profiles only.
    """
    check_limit(max_entries, "max_entries", allow_none=False)
    n = len(players)
    index = [{t: k for k, t in enumerate(own)} for own in types]

    def own_actions(t: TypeProfile) -> list[tuple[str, ...]]:
        return [actions[i][index[i][t[i]]] for i in range(n)]

    entries = sum(math.prod(len(a) for a in own_actions(t)) for t in positive)
    if entries > max_entries:
        raise BudgetExceededError(f"this Bayesian game has {entries} (type profile, action profile) pairs, more "
                                  f"than max_entries={max_entries}; pass max_entries=... to allow more")
    table: dict[TypeProfile, dict[ActionProfile, tuple[Any, ...]]] = {}
    kinds: list[Kind] = []
    if callable(payoffs) and not isinstance(payoffs, Mapping):
        function: Callable[[TypeProfile, ActionProfile], Any] = payoffs
        for t in positive:
            table[t] = {}
            for a in itertools.product(*own_actions(t)):
                where = f"the payoffs at types {t!r}, actions {a!r}"
                try:
                    raw = function(t, a)
                except TrigameError:
                    raise
                except Exception as exc:
                    raise PayoffValueError(f"{where}: the payoff function raised {exc!r}") from exc
                table[t][a], kind = _payoff_vector(raw, n, where)
                kinds.append(kind)
        return table, combine(kinds)
    if not isinstance(payoffs, Mapping):
        raise GameShapeError("payoffs must be a mapping {(type profile, action profile): (u_1, ..., u_n)} "
                             f"or a function (types, actions) -> payoffs, got {short_repr(payoffs)}")
    for key, value in payoffs.items():
        if not isinstance(key, tuple) or len(key) != 2:
            raise LabelError(f"payoff keys must be pairs (type profile, action profile), got {short_repr(key)}")
        t = _profile_key(key[0], players, types, "type profile")
        a = _profile_key(key[1], players, own_actions(t), f"action profile (at types {t!r})")
        row = table.setdefault(t, {})
        if a in row:
            raise LabelError(f"the payoffs at types {t!r}, actions {a!r} are given twice")
        row[a], kind = _payoff_vector(value, n, f"the payoffs at types {t!r}, actions {a!r}")
        kinds.append(kind)
    for t in positive:
        row = table.get(t, {})
        missing = [a for a in itertools.product(*own_actions(t)) if a not in row]
        if missing:
            raise GameShapeError(f"payoffs are missing at types {t!r} (a type profile of positive probability) "
                                 f"for {len(missing)} action profile(s), e.g. {missing[0]!r}")
    return table, combine(kinds)
