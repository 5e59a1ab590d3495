"""The signalling route of a sweep: every perfect Bayesian equilibrium at every grid point.

A model whose ``payoffs(v)`` builds a :class:`~trigame.games.signaling.SignalingGame`
(``ChinaInference``, ``Ratification``) is solved point by point with
:func:`trigame.solve.perfect_bayesian.perfect_bayesian`, equal games once per
chunk.  The units are the information sets: one per sender type
(``Sender@type``, its choice of message) and one per message
(``Receiver@message``, the reply), as in the equilibria's ``behavior``.

Each equilibrium is labelled by its kind (pooling, separating,
semi-separating) and the supports of its units, e.g. ``"pooling: Coalition@North
Korea: Broad, ..., China@Narrow: mix Accommodate/Back Pyongyang"``: the mixing
probabilities and the off-path belief sets vary inside a region, the supports
and the kind do not.  A point's label is the set of its equilibria's labels
(:func:`trigame._labels.set_label`), ending in ``" | continuum"`` where the
game has a continuum of equilibria (the solver lists its extreme points).  The
outcome of an equilibrium is what each type sends and the reply it gets,
``"North Korea: Narrow > Accommodate; China: Broad > Back Pyongyang"``, or
``"random: ..."`` with every reached combination when someone randomises on
the path.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from trigame._labels import set_label, support_label
from trigame._numbers import to_float
from trigame.errors import UnsupportedGameError
from trigame.statics.sweep._chunk import _Chunk, _outcome_set_label
from trigame.statics.sweep._grid import _Spec

__all__: list[str] = []


def signaling_units(game: Any) -> tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """The units of a signalling game (sender types, then messages) and the choices at each (as ``_grid._route``)."""
    units = tuple(game.sender_key(t) for t in game.types) + tuple(game.receiver_key(m) for m in game.messages)
    choices = (tuple(tuple(game.messages_of(t)) for t in game.types)
               + tuple(tuple(game.actions_after(m)) for m in game.messages))
    return units, choices


def pbe_label(units: tuple[str, ...], choices: tuple[tuple[str, ...], ...], eq: Any) -> str:
    """The value-free label of one perfect Bayesian equilibrium: its kind and the supports of its units."""
    supports = [tuple(k for k, a in enumerate(actions) if eq.behavior[unit].get(a, 0) != 0)
                for unit, actions in zip(units, choices)]
    return f"{eq.kind}: " + support_label(units, choices, supports)


def pbe_outcome(game: Any, eq: Any) -> str:
    """What each type sends and the reply it gets; ``"random: ..."`` when the path is random."""
    reached = []
    for t in game.types:
        sent = eq.behavior[game.sender_key(t)]
        for m in game.messages_of(t):
            if sent.get(m, 0) == 0:
                continue
            replies = eq.behavior[game.receiver_key(m)]
            reached += [(t, m, a) for a in game.actions_after(m) if replies.get(a, 0) != 0]
    if len({t for t, _, _ in reached}) == len(reached):
        return "; ".join(f"{t}: {m} > {a}" for t, m, a in reached)
    return "random: " + " or ".join(f"{t}: {m} > {a}" for t, m, a in reached)


def _check_units(spec: _Spec, game: Any, flat: int) -> None:
    """Every grid point's signalling game has the types, messages and actions of the sweep's game."""
    if signaling_units(game) != (spec.units, spec.strategies):
        index = np.unravel_index(flat, spec.shape)
        point = ", ".join(f"{name}={axis[k]}" for name, axis, k in zip(spec.names, spec.axes, index))
        raise UnsupportedGameError(
            f"{spec.model.__name__}.payoffs(v) builds a signalling game with other types, messages or actions at "
            f"{point} than at the model's base values; a sweep needs the same ones over the grid")


def _solve_signaling(spec: _Spec, start: int, stop: int) -> _Chunk:
    """All perfect Bayesian equilibria at the flat indices [start, stop), equal games solved once."""
    from trigame.solve.perfect_bayesian import perfect_bayesian

    n = stop - start
    width = max(len(s) for s in spec.strategies)
    table: dict[str, int] = {}
    outcome_table: dict[str, int] = {}
    codes = np.empty(n, dtype=np.int32)
    outcome_codes = np.empty(n, dtype=np.int32)
    counts = np.empty(n, dtype=np.int16)
    degenerate = np.empty(n, dtype=bool)
    incomplete_rows = np.zeros(n, dtype=bool)
    rows: list[list[tuple[str, np.ndarray, np.ndarray]]] = []
    cache: dict[Any, Any] = {}
    for row, flat in enumerate(range(start, stop)):
        game = spec.instance(flat).game()
        _check_units(spec, game, flat)
        key = (game.types, tuple(game.prior.items()), tuple((tr, game.payoff(*tr)) for tr in game.triples()))
        result = cache.get(key)
        if result is None:
            result = cache[key] = perfect_bayesian(game)
        entries = []
        outcomes = []
        for eq in result:
            vector = np.full((len(spec.units), width), np.nan)
            for u, (unit, actions) in enumerate(zip(spec.units, spec.strategies)):
                vector[u, : len(actions)] = [to_float(eq.behavior[unit].get(a, 0)) for a in actions]
            entries.append((pbe_label(spec.units, spec.strategies, eq), vector,
                            np.array([to_float(u) for u in eq.payoffs])))
            outcomes.append(pbe_outcome(game, eq))
        entries.sort(key=lambda e: (e[0].count(": mix "), e[0], tuple(np.nan_to_num(e[1]).ravel())))
        codes[row] = table.setdefault(set_label([e[0] for e in entries], continuum=result.degenerate), len(table))
        outcome_codes[row] = outcome_table.setdefault(_outcome_set_label(outcomes), len(outcome_table))
        counts[row] = len(entries)
        degenerate[row] = result.degenerate
        incomplete_rows[row] = not result.complete
        rows.append(entries)
    k = max(int(counts.max(initial=0)), 1)
    prob = np.full((n, k, len(spec.units), width), np.nan)
    payoff = np.full((n, k, len(spec.players)), np.nan)
    for row, entries in enumerate(rows):
        for j, (_, vector, values) in enumerate(entries):
            prob[row, j] = vector
            payoff[row, j] = values
    return _Chunk(start, stop, codes, list(table), counts, prob, payoff, degenerate, None,
                  int(incomplete_rows.sum()), outcome_codes, list(outcome_table), incomplete_rows)
