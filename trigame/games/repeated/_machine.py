"""The joint automaton of a profile and the values of deterministic paths (private to the repeated game).

A profile of automata induces a joint automaton on tuples of states; :class:`_Machine`
enumerates the joint states reachable after any history (within a budget) and the
transitions on every action profile.  :func:`_values` gives the normalised discounted
value of every state of a deterministic path system through the cycle each path enters.
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Sequence
from typing import TYPE_CHECKING, Any

from trigame.budget import WorkBudget

if TYPE_CHECKING:
    from trigame.games.normal_form import NormalFormGame
    from trigame.games.repeated.automaton import Automaton

JointState = tuple[Hashable, ...]


class _Machine:
    """The joint automaton of a profile: its reachable states and transitions (built once per call)."""

    def __init__(self, stage: NormalFormGame, automata: Sequence[Automaton], max_states: int) -> None:
        self.stage = stage
        self.automata = tuple(automata)
        self.profiles = list(itertools.product(*stage.strategies))
        start: JointState = tuple(a.initial for a in automata)
        self.initial = start
        self.states: list[JointState] = [start]
        self.index: dict[JointState, int] = {start: 0}
        self.successor: list[dict[tuple[str, ...], int]] = []
        budget = WorkBudget(max_states, what="the joint automaton", unit="states", option="max_states")
        budget.spend()
        k = 0
        while k < len(self.states):
            state = self.states[k]
            row = {}
            for profile in self.profiles:
                target = tuple(a.next(s, profile) for a, s in zip(automata, state))
                if target not in self.index:
                    budget.spend()
                    self.index[target] = len(self.states)
                    self.states.append(target)
                row[profile] = self.index[target]
            self.successor.append(row)
            k += 1

    def action(self, k: int) -> tuple[str, ...]:
        return tuple(a.action(s) for a, s in zip(self.automata, self.states[k]))

    def on_path(self) -> list[int]:
        return [row[self.action(k)] for k, row in enumerate(self.successor)]


def _values(next_state: Sequence[int], payoff: Sequence[Any], delta: Any) -> list[Any]:
    """Normalised discounted values of a deterministic path system: V(s) = (1-δ) u(s) + δ V(next(s))."""
    n = len(next_state)
    value: list[Any] = [None] * n
    for s in range(n):
        if value[s] is not None:
            continue
        path: list[int] = []
        position: dict[int, int] = {}
        cur = s
        while value[cur] is None and cur not in position:
            position[cur] = len(path)
            path.append(cur)
            cur = next_state[cur]
        tail = path
        if value[cur] is None:  # closed a new cycle path[j:]
            j = position[cur]
            cycle, tail = path[j:], path[:j]
            length = len(cycle)
            weight = sum((delta**t for t in range(length)), start=0 * delta)
            for k in range(length):
                total = sum((delta**t * payoff[cycle[(k + t) % length]] for t in range(length)), start=0 * delta)
                value[cycle[k]] = total / weight
        for state in reversed(tail):
            value[state] = (1 - delta) * payoff[state] + delta * value[next_state[state]]
    return value


def _longest_path(next_state: Sequence[int]) -> int:
    """The most distinct states a path visits from any start before it repeats."""
    length: list[int | None] = [None] * len(next_state)
    for s in range(len(next_state)):
        path: list[int] = []
        position: dict[int, int] = {}
        cur = s
        while length[cur] is None and cur not in position:
            position[cur] = len(path)
            path.append(cur)
            cur = next_state[cur]
        tail = path
        if length[cur] is None:  # a new cycle path[j:]
            j = position[cur]
            for state in path[j:]:
                length[state] = len(path) - j
            tail = path[:j]
        for state in reversed(tail):
            length[state] = 1 + (length[next_state[state]] or 0)
    return max((x or 0) for x in length)


def _check_degree(degree: int, max_degree: int) -> None:
    from trigame.budget import check_limit
    from trigame.errors import BudgetExceededError

    limit = check_limit(max_degree, "max_degree", allow_none=False)
    if limit is not None and degree > limit:
        raise BudgetExceededError(
            f"the exact conditions would be polynomials of degree about {degree} in the discount factor, over the "
            f"budget of {limit}; pass max_degree=... to allow more, or substitute a numeric discount factor and "
            "use is_subgame_perfect / is_nash")


def _unilateral(machine: _Machine, player: int) -> list[int]:
    """Joint states reachable from the start when only ``player`` may deviate."""
    seen = [0]
    known = {0}
    k = 0
    while k < len(seen):
        played = machine.action(seen[k])
        for b in machine.stage.strategies[player]:
            deviation = (*played[:player], b, *played[player + 1:])
            target = machine.successor[seen[k]][deviation]
            if target not in known:
                known.add(target)
                seen.append(target)
        k += 1
    return seen
