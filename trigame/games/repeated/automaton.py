"""Strategies of a repeated game as finite automata, and the classic ones built for a stage game.

An :class:`Automaton` is one player's strategy in an infinitely repeated game with
perfect monitoring (Kalai & Stanford 1988; Mailath & Samuelson 2006, ch. 2.3): a
finite set of states, an initial state, the action the player takes in each
state, and a transition from (state, observed action profile) to the next state.
A profile of automata, one per player, determines play after *every* history,
on the path and off it, which is what the one-shot deviation check of
:meth:`trigame.games.repeated.RepeatedGame.is_subgame_perfect` needs.

The builders return one automaton per player:

* :func:`grim_trigger` -- cooperate until anyone deviates, then punish forever;
* :func:`tit_for_tat` -- cooperate first, then cooperate exactly when every
  other player cooperated in the last period;
* :func:`forgiving_trigger` -- punish for ``k`` periods after a deviation, then
  return to cooperation (a deviation during the punishment restarts it);
* :func:`carrot_and_stick` -- Abreu's (1986) stick and carrot: one period of
  the punishment profile, back to cooperation if everyone played it, the stick
  again otherwise.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from trigame.errors import LabelError, ParameterError, ProfileError

if TYPE_CHECKING:
    from trigame.games.normal_form import NormalFormGame

__all__ = ["Automaton", "carrot_and_stick", "forgiving_trigger", "grim_trigger", "tit_for_tat"]

ActionProfile = tuple[str, ...]


class Automaton:
    """One player's strategy as a finite automaton (Moore machine).

    Parameters
    ----------
    states : sequence of hashable
        The automaton's states (e.g. ``["cooperate", "punish"]``).
    initial : hashable
        The state in the first period.
    actions : mapping
        ``{state: action label}``: the (pure) stage action the player takes in each state.
    transitions : mapping or callable
        ``{(state, action profile): next state}`` with the action profile a tuple of
        stage-action labels in player order, or a function ``(state, profile) -> state``.
        A pair missing from the mapping keeps the state.
    name : str, optional
        A name for printing (``"grim trigger"``).

    Raises
    ------
    LabelError
        On an empty or repeated state list, an unknown initial state, a state without
        an action, or a transition to an unknown state.

    Examples
    --------
    >>> grim = Automaton(["C", "P"], "C", {"C": "Cooperate", "P": "Defect"},
    ...                  {("C", ("Cooperate", "Defect")): "P", ("C", ("Defect", "Cooperate")): "P",
    ...                   ("C", ("Defect", "Defect")): "P"}, name="grim trigger")
    >>> grim.next("C", ("Cooperate", "Defect")), grim.next("P", ("Cooperate", "Cooperate"))
    ('P', 'P')
    """

    __slots__ = ("_actions", "_function", "_initial", "_name", "_states", "_transitions")

    def __init__(
        self,
        states: Sequence[Hashable],
        initial: Hashable,
        actions: Mapping[Hashable, str],
        transitions: Mapping[tuple[Hashable, ActionProfile], Hashable] | Callable[[Any, ActionProfile], Any],
        name: str = "",
    ) -> None:
        if isinstance(states, (str, bytes)) or not isinstance(states, Sequence):
            raise LabelError(f"states must be a sequence of state names, got {type(states).__name__}")
        states = tuple(states)
        if not states:
            raise LabelError("an automaton needs at least one state")
        try:
            known = set(states)
        except TypeError as exc:
            raise LabelError(f"automaton states must be hashable: {exc}") from None
        if len(known) != len(states):
            raise LabelError(f"automaton states repeat: {list(states)}")
        if initial not in known:
            raise LabelError(f"the initial state {initial!r} is not one of the states {list(states)}")
        if not isinstance(actions, Mapping):
            raise LabelError("actions must be a mapping {state: action label}")
        for state in states:
            if state not in actions:
                raise LabelError(f"state {state!r} has no action; give actions[{state!r}]")
            if not isinstance(actions[state], str):
                raise LabelError(f"the action of state {state!r} must be a strategy label (str), "
                                 f"got {actions[state]!r}")
        extra = [s for s in actions if s not in known]
        if extra:
            raise LabelError(f"actions name unknown states {extra}; the states are {list(states)}")
        if not isinstance(name, str):
            raise LabelError("an automaton's name must be a string")
        function: Callable[[Any, ActionProfile], Any] | None = None
        table: dict[tuple[Hashable, ActionProfile], Hashable] = {}
        if callable(transitions) and not isinstance(transitions, Mapping):
            function = transitions
        elif isinstance(transitions, Mapping):
            for key, target in transitions.items():
                if not (isinstance(key, tuple) and len(key) == 2 and isinstance(key[1], tuple)):
                    raise LabelError(f"a transition key must be (state, action profile tuple), got {key!r}")
                if key[0] not in known:
                    raise LabelError(f"a transition leaves the unknown state {key[0]!r}")
                if target not in known:
                    raise LabelError(f"a transition from {key[0]!r} leads to the unknown state {target!r}")
                table[(key[0], tuple(key[1]))] = target
        else:
            raise LabelError("transitions must be a mapping {(state, profile): state} or a function")
        self._states = states
        self._initial = initial
        self._actions = {s: actions[s] for s in states}
        self._transitions = table
        self._function = function
        self._name = name

    @property
    def states(self) -> tuple[Hashable, ...]:
        """The states, in the order given."""
        return self._states

    @property
    def initial(self) -> Hashable:
        """The state of the first period."""
        return self._initial

    @property
    def actions(self) -> dict[Hashable, str]:
        """``{state: action label}`` (a copy)."""
        return dict(self._actions)

    @property
    def name(self) -> str:
        """The automaton's name (may be empty)."""
        return self._name

    def action(self, state: Hashable) -> str:
        """The action taken in ``state``."""
        return self._actions[state]

    def next(self, state: Hashable, profile: Sequence[str]) -> Hashable:
        """The state after ``profile`` was played in ``state``."""
        profile = tuple(profile)
        if self._function is not None:
            target = self._function(state, profile)
            try:
                known = target in self._actions
            except TypeError:
                known = False
            if not known:
                raise LabelError(f"the transition function of {self!r} returned the unknown state {target!r}")
            return target
        return self._transitions.get((state, profile), state)

    def check(self, stage: NormalFormGame, player: int) -> None:
        """Check that every action is one of ``player``'s strategies in ``stage`` and every profile fits it."""
        labels = stage.strategies[player]
        for state, action in self._actions.items():
            if action not in labels:
                raise ProfileError(
                    f"{stage.players[player]}'s automaton plays {action!r} in state {state!r}; "
                    f"that player's actions are {list(labels)}"
                )
        for (state, profile), _ in self._transitions.items():
            if len(profile) != stage.n_players or any(a not in s for a, s in zip(profile, stage.strategies)):
                raise ProfileError(
                    f"{stage.players[player]}'s automaton has a transition on {profile!r} from {state!r}, "
                    f"which is not an action profile of the stage game"
                )

    def __repr__(self) -> str:
        name = f"{self._name!r}, " if self._name else ""
        return f"Automaton({name}{len(self._states)} states, initial {self._initial!r})"


# ---------------------------------------------------------------------------------- builders
def _profile(stage: NormalFormGame, given: Sequence[str] | None, default: int, what: str) -> ActionProfile:
    if given is None:
        return tuple(s[default] for s in stage.strategies)
    if isinstance(given, str) or not isinstance(given, Sequence) or len(given) != stage.n_players:
        raise ProfileError(f"{what} must list one action label per player ({stage.n_players}), got {given!r}")
    for player, (label, labels) in enumerate(zip(given, stage.strategies)):
        if label not in labels:
            raise ProfileError(f"{what}: {label!r} is not an action of {stage.players[player]}; "
                               f"the actions are {list(labels)}")
    return tuple(given)


def _check_stage(stage: Any) -> NormalFormGame:
    from trigame.games.normal_form import NormalFormGame

    if not isinstance(stage, NormalFormGame):
        raise ParameterError(f"the stage game must be a NormalFormGame, got {type(stage).__name__}")
    return stage


def grim_trigger(stage: NormalFormGame, cooperate: Sequence[str] | None = None,
                 punish: Sequence[str] | None = None) -> tuple[Automaton, ...]:
    """Grim trigger: play ``cooperate`` until any player deviates from it, then ``punish`` forever.

    Parameters
    ----------
    stage : NormalFormGame
    cooperate, punish : sequence of str, optional
        Action profiles (one label per player); defaults: every player's first action
        and every player's last action.

    Returns
    -------
    tuple of Automaton
        One automaton per player, in player order.
    """
    stage = _check_stage(stage)
    coop = _profile(stage, cooperate, 0, "cooperate")
    pun = _profile(stage, punish, -1, "punish")

    move = functools.partial(_grim_move, coop)  # module-level functions: the automata can be pickled
    return tuple(Automaton(["cooperate", "punish"], "cooperate", {"cooperate": coop[i], "punish": pun[i]},
                           move, name="grim trigger") for i in range(stage.n_players))


def tit_for_tat(stage: NormalFormGame, cooperate: Sequence[str] | None = None,
                punish: Sequence[str] | None = None) -> tuple[Automaton, ...]:
    """Tit-for-tat: cooperate first, then cooperate exactly when every *other* player cooperated last period.

    With two players this is Axelrod's tit-for-tat: each repeats the other's last move
    (when ``cooperate`` and ``punish`` are the only two actions).
    """
    stage = _check_stage(stage)
    coop = _profile(stage, cooperate, 0, "cooperate")
    pun = _profile(stage, punish, -1, "punish")
    out = []
    for i in range(stage.n_players):
        out.append(Automaton(["cooperate", "punish"], "cooperate", {"cooperate": coop[i], "punish": pun[i]},
                             functools.partial(_tit_for_tat_move, coop, i), name="tit-for-tat"))
    return tuple(out)


def forgiving_trigger(stage: NormalFormGame, cooperate: Sequence[str] | None = None,
                      punish: Sequence[str] | None = None, k: int = 1) -> tuple[Automaton, ...]:
    """A forgiving trigger: ``k`` periods of ``punish`` after a deviation from ``cooperate``, then cooperation again.

    The states are ``"cooperate"`` and ``"punish 1"`` ... ``"punish k"``; a deviation
    from the punishment profile during the punishment restarts it at ``"punish 1"``.
    """
    stage = _check_stage(stage)
    if isinstance(k, bool) or not isinstance(k, int) or not 1 <= k <= 10_000:
        raise ParameterError(f"k (periods of punishment) must be an integer from 1 to 10000, got {k!r}")
    coop = _profile(stage, cooperate, 0, "cooperate")
    pun = _profile(stage, punish, -1, "punish")
    names = ["cooperate"] + [_punish(t) for t in range(1, k + 1)]
    move = functools.partial(_forgiving_move, coop, pun, {name: t for t, name in enumerate(names)})
    return tuple(Automaton(names, "cooperate", {s: (coop[i] if s == "cooperate" else pun[i]) for s in names},
                           move, name=f"forgiving trigger (k={k})") for i in range(stage.n_players))


def carrot_and_stick(stage: NormalFormGame, cooperate: Sequence[str] | None = None,
                     punish: Sequence[str] | None = None) -> tuple[Automaton, ...]:
    """Abreu's stick and carrot: after a deviation, one period of ``punish`` (the stick), then ``cooperate``.

    In the ``"carrot"`` state everyone plays ``cooperate`` and stays if all did; in the
    ``"stick"`` state everyone plays ``punish`` and returns to the carrot if all did,
    otherwise the stick is played again.
    """
    stage = _check_stage(stage)
    coop = _profile(stage, cooperate, 0, "cooperate")
    pun = _profile(stage, punish, -1, "punish")

    move = functools.partial(_carrot_and_stick_move, coop, pun)
    return tuple(Automaton(["carrot", "stick"], "carrot", {"carrot": coop[i], "stick": pun[i]},
                           move, name="carrot and stick") for i in range(stage.n_players))


def _grim_move(coop: ActionProfile, state: Any, profile: ActionProfile) -> Any:
    return "cooperate" if state == "cooperate" and profile == coop else "punish"


def _tit_for_tat_move(coop: ActionProfile, i: int, state: Any, profile: ActionProfile) -> Any:
    others_cooperated = all(a == coop[j] for j, a in enumerate(profile) if j != i)
    return "cooperate" if others_cooperated else "punish"


def _punish(t: int) -> str:
    """The forgiving trigger's state in its ``t``-th period of punishment."""
    return f"punish {t}"


def _forgiving_move(coop: ActionProfile, pun: ActionProfile, order: dict[str, int], state: Any,
                    profile: ActionProfile) -> Any:
    t = order[state]  # 0 for "cooperate", t for "punish t"
    if t == 0:
        return "cooperate" if profile == coop else _punish(1)
    if profile != pun:
        return _punish(1)
    return _punish(t + 1) if t < len(order) - 1 else "cooperate"


def _carrot_and_stick_move(coop: ActionProfile, pun: ActionProfile, state: Any, profile: ActionProfile) -> Any:
    expected = coop if state == "carrot" else pun
    return "carrot" if profile == expected else "stick"
