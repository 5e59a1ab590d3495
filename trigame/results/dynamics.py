"""What the evolutionary and learning dynamics return: trajectories, and the evolutionary stability of
symmetric equilibria."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np

from trigame._numbers import format_number
from trigame.games._pickling import reduce_fields
from trigame.results.equilibrium import ResultSet, _json_number

if TYPE_CHECKING:
    from trigame.games.normal_form import NormalFormGame

__all__ = ["StabilitySet", "SymmetricEquilibrium", "Trajectory"]


class Trajectory:
    """A path of population states over time.

    Attributes
    ----------
    times : numpy.ndarray
        The time points, increasing.
    populations : tuple of numpy.ndarray
        One array per population, of shape ``(len(times), number of strategies)``:
        row ``k`` is the population share of each strategy at ``times[k]``.  One
        population for the symmetric (single-population) dynamics, one per player
        for the multi-population ones.
    labels : tuple of tuples of str
        The strategy labels of each population.
    method : str
        ``"replicator"``, ``"asymmetric_replicator"``, ``"best_response"`` or
        ``"asymmetric_best_response"``.
    complete : bool
        False when the trajectory stops before the last time point (see ``notes``);
        the remaining rows then repeat the last state reached.
    notes : tuple of str
        How the trajectory was computed and anything the reader should know.
    switch_times : tuple of float
        Best-response dynamics: the times at which a best response changed.
    """

    __slots__ = ("complete", "labels", "method", "notes", "populations", "switch_times", "times")

    def __init__(self, times: np.ndarray, populations: Sequence[np.ndarray], labels: Sequence[Sequence[str]], *,
                 method: str, complete: bool = True, notes: Sequence[str] = (),
                 switch_times: Sequence[float] = ()) -> None:
        self.times = np.array(times, dtype=float)
        self.times.flags.writeable = False
        arrays = []
        for states in populations:
            states = np.array(states, dtype=float)
            states.flags.writeable = False
            arrays.append(states)
        self.populations = tuple(arrays)
        self.labels = tuple(tuple(s) for s in labels)
        self.method = method
        self.complete = bool(complete)
        self.notes = tuple(notes)
        self.switch_times = tuple(float(t) for t in switch_times)

    @property
    def states(self) -> np.ndarray:
        """The states of a single population (shape ``(len(times), strategies)``); the first population otherwise."""
        return self.populations[0]

    @property
    def final(self) -> tuple[dict[str, float], ...]:
        """The last state of each population, ``{strategy: share}``."""
        return tuple({label: float(v) for label, v in zip(labels, states[-1])}
                     for labels, states in zip(self.labels, self.populations))

    def label(self) -> str:
        """A one-line description: the method and the final state."""
        parts = ["(" + ", ".join(f"{a} {format_number(v, 4)}" for a, v in state.items()) + ")"
                 for state in self.final]
        return f"{self.method} from t = {format_number(self.times[0], 4)} to {format_number(self.times[-1], 4)}: " \
               + " ; ".join(parts)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict: times, states per population, method, notes."""
        return {
            "method": self.method,
            "complete": self.complete,
            "notes": list(self.notes),
            "times": self.times.tolist(),
            "labels": [list(s) for s in self.labels],
            "populations": [states.tolist() for states in self.populations],
            "switch_times": list(self.switch_times),
        }

    def __len__(self) -> int:
        return len(self.times)

    def __reduce__(self) -> tuple[Any, ...]:
        return reduce_fields(self)  # the arrays come back read-only

    def __repr__(self) -> str:
        flags = "" if self.complete else ", complete=False"
        return f"Trajectory({len(self.times)} points, {self.label()}{flags})"


class SymmetricEquilibrium:
    """A symmetric Nash equilibrium ``(x, x)`` of a symmetric two-player game, with its evolutionary stability.

    Attributes
    ----------
    strategy : dict
        ``{strategy label: probability}`` of ``x`` (exact Fractions).
    vector : numpy.ndarray
        ``x`` as an object array of Fractions.
    payoff : Fraction
        ``x·Ax``, the payoff of the incumbents against themselves.
    ess : bool
        Whether ``x`` is an evolutionarily stable strategy (Maynard Smith & Price 1973).
    neutrally_stable : bool
        Whether ``x`` is neutrally stable (Maynard Smith 1982): no mutant does better.
    """

    __slots__ = ("ess", "neutrally_stable", "payoff", "strategy", "vector")

    def __init__(self, labels: Sequence[str], vector: Sequence[Fraction], payoff: Fraction, *, ess: bool,
                 neutrally_stable: bool) -> None:
        self.vector = np.array(list(vector), dtype=object)
        self.vector.flags.writeable = False
        self.strategy = dict(zip(labels, vector))
        self.payoff = payoff
        self.ess = bool(ess)
        self.neutrally_stable = bool(neutrally_stable)

    @property
    def verdict(self) -> str:
        """``"ESS"``, ``"neutrally stable"`` or ``"not stable"``."""
        return "ESS" if self.ess else ("neutrally stable" if self.neutrally_stable else "not stable")

    def label(self) -> str:
        """E.g. ``"2/3 Hawk + 1/3 Dove (ESS)"``."""
        used = [(a, p) for a, p in self.strategy.items() if p != 0]
        body = used[0][0] if len(used) == 1 else " + ".join(f"{format_number(p)} {a}" for a, p in used)
        return f"{body} ({self.verdict})"

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"strategy": {a: _json_number(p) for a, p in self.strategy.items()},
                "payoff": _json_number(self.payoff), "ess": self.ess, "neutrally_stable": self.neutrally_stable}

    def __reduce__(self) -> tuple[Any, ...]:
        return reduce_fields(self)  # the arrays come back read-only

    def __repr__(self) -> str:
        return f"SymmetricEquilibrium({self.label()}; payoff {format_number(self.payoff)})"


class StabilitySet(ResultSet[SymmetricEquilibrium]):
    """The symmetric equilibria of a symmetric two-player game, each with its evolutionary stability.

    Attributes
    ----------
    game : NormalFormGame
        The symmetric game.
    method : str
        ``"exact_ess"``.
    complete : bool
        True when every ESS of the game is listed (the game has finitely many symmetric
        equilibria, all listed).
    degenerate : bool
        True when the game has a continuum of equilibria; its extreme equilibria are
        examined, and an ESS is always isolated among symmetric equilibria.
    notes : tuple of str
        Anything the reader should know.
    """

    def __init__(self, equilibria: Sequence[SymmetricEquilibrium], *, game: NormalFormGame, complete: bool,
                 degenerate: bool = False, notes: Sequence[str] = ()) -> None:
        self._equilibria = tuple(equilibria)
        self.game = game
        self.method = "exact_ess"
        self.complete = bool(complete)
        self.degenerate = bool(degenerate)
        self.notes = tuple(notes)

    def ess(self) -> list[SymmetricEquilibrium]:
        """The evolutionarily stable strategies among these."""
        return [e for e in self._equilibria if e.ess]

    def summary(self) -> str:
        """One line per symmetric equilibrium with its verdict."""
        lines = [f"{len(self)} symmetric equilibria, {len(self.ess())} ESS"
                 + ("" if self.complete else " (not complete)")]
        lines += [f"  {e.label()}: payoff {format_number(e.payoff)}" for e in self._equilibria]
        lines += [f"  note: {note}" for note in self.notes]
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {"game": {"title": self.game.title, "strategies": list(self.game.strategies[0])},
                **self._json_fields()}

    def __repr__(self) -> str:
        flags = [f"complete={self.complete}"] + (["degenerate=True"] if self.degenerate else [])
        return self._repr_with(flags)
