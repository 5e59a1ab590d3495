"""What the logit quantal response solvers return: one QRE, and a traced branch of them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from trigame._numbers import format_number
from trigame.games._pickling import reduce_fields
from trigame.results.equilibrium import ResultSet

if TYPE_CHECKING:
    from trigame.games.normal_form import NormalFormGame

__all__ = ["QREBranch", "QREPoint"]


class QREPoint:
    """One logit quantal response equilibrium of a strategic-form game.

    Every player ``i`` chooses each pure strategy ``s`` with probability
    proportional to ``exp(lambda_i * u_i(s, sigma_{-i}))``, where ``u_i`` is in
    the game's own payoff units (the convention of Gambit's logit solvers).

    Attributes
    ----------
    strategies : tuple of numpy.ndarray
        One float probability vector per player (all entries positive).
    lam : float
        The precision: the common ``lambda`` of every player, or the largest
        ``lambda_i`` when the players' precisions differ.
    lambdas : tuple of float
        Each player's precision ``lambda_i``.
    payoffs : tuple of float
        Each player's expected payoff.
    max_regret : float
        The largest gain any player could make by a best response (payoff units);
        it goes to 0 along the principal branch as ``lambda`` grows.
    players, labels : tuple
        Player names and strategy labels of the game.
    """

    __slots__ = ("labels", "lam", "lambdas", "max_regret", "payoffs", "players", "strategies")
    strategies: tuple[np.ndarray, ...]
    lam: float
    lambdas: tuple[float, ...]
    payoffs: tuple[float, ...]
    max_regret: float
    players: tuple[str, ...]
    labels: tuple[tuple[str, ...], ...]

    def __init__(
        self,
        strategies: Sequence[np.ndarray],
        lambdas: Sequence[float],
        payoffs: Sequence[float],
        max_regret: float,
        players: Sequence[str],
        labels: Sequence[Sequence[str]],
    ) -> None:
        vectors = []
        for v in strategies:
            v = np.array(v, dtype=float)
            v.flags.writeable = False
            vectors.append(v)
        object.__setattr__(self, "strategies", tuple(vectors))
        object.__setattr__(self, "lambdas", tuple(float(x) for x in lambdas))
        object.__setattr__(self, "lam", max(self.lambdas) if self.lambdas else 0.0)
        object.__setattr__(self, "payoffs", tuple(float(u) for u in payoffs))
        object.__setattr__(self, "max_regret", float(max_regret))
        object.__setattr__(self, "players", tuple(players))
        object.__setattr__(self, "labels", tuple(tuple(s) for s in labels))

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("QREPoint is immutable")

    def __reduce__(self) -> tuple[Any, ...]:
        return reduce_fields(self)

    def as_dict(self) -> dict[str, dict[str, float]]:
        """``{player: {strategy label: probability}}``."""
        rows = zip(self.players, self.labels, self.strategies)
        return {player: dict(zip(labels, v.tolist())) for player, labels, v in rows}

    def isclose(self, other: QREPoint | Sequence[Sequence[float]], tol: float = 1e-9) -> bool:
        """True when ``other`` has the same probabilities up to ``tol`` (entry by entry)."""
        vectors = other.strategies if isinstance(other, QREPoint) else other
        if len(vectors) != len(self.strategies):
            return False
        for mine, theirs in zip(self.strategies, vectors):
            theirs = np.asarray(theirs, dtype=float)
            if theirs.shape != mine.shape or float(np.max(np.abs(theirs - mine))) > tol:
                return False
        return True

    def label(self) -> str:
        """A readable one-line label, e.g. ``"lambda = 2: Japan: 0.8 C + 0.2 D, ..."``."""
        parts = [
            f"{player}: " + " + ".join(f"{format_number(p, 4)} {lab}" for lab, p in zip(labels, v.tolist()))
            for player, labels, v in zip(self.players, self.labels, self.strategies)
        ]
        return f"{self._lambda_text()}: " + ", ".join(parts)

    def _lambda_text(self) -> str:
        if len(set(self.lambdas)) <= 1:
            return f"lambda = {format_number(self.lam, 6)}"
        return "lambda = (" + ", ".join(format_number(x, 6) for x in self.lambdas) + ")"

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict: precisions, probabilities per player and strategy, payoffs, regret."""
        return {
            "lambda": self.lam,
            "lambdas": dict(zip(self.players, self.lambdas)),
            "strategies": self.as_dict(),
            "payoffs": dict(zip(self.players, self.payoffs)),
            "max_regret": self.max_regret,
        }

    def __repr__(self) -> str:
        payoffs = ", ".join(format_number(u, 6) for u in self.payoffs)
        return f"QREPoint({self.label()}; payoffs ({payoffs}))"


class QREBranch(ResultSet[QREPoint]):
    """The principal branch of the logit QRE correspondence, traced from ``lambda = 0``.

    The sequence holds the points the tracer accepted, in order along the curve
    (``lambda`` need not increase: the branch can bend backwards).

    Attributes
    ----------
    game : NormalFormGame
        The game traced.
    weights : tuple of float
        The direction of the precisions: ``lambda_i = lam * weights[i]``
        (all ones for a common precision).
    turning_points : tuple of QREPoint
        Points where ``lambda`` reverses direction along the branch (folds).
    bifurcations : tuple of QREPoint
        Points where another branch of the correspondence crosses this one; the
        trace continues along its own branch through them.
    landings : tuple of QREPoint
        The points at the requested ``lambdas``, every crossing of each, in order
        along the branch.
    method : str
        ``"logit path following"``.
    complete : bool
        True when the trace reached its end (``max_lambda``, or a point whose
        regret is below ``max_regret``); False when a budget ran out or the
        corrector failed (see ``notes``).
    degenerate : bool
        Always False (kept for the shared result interface).
    notes : tuple of str
        How the trace ended, and anything else the reader should know.
    """

    def __init__(
        self,
        points: Sequence[QREPoint],
        *,
        game: NormalFormGame,
        weights: Sequence[float],
        turning_points: Sequence[QREPoint] = (),
        bifurcations: Sequence[QREPoint] = (),
        landings: Sequence[QREPoint] = (),
        complete: bool = True,
        notes: Sequence[str] = (),
        internal: Any = None,
    ) -> None:
        self._equilibria = tuple(points)
        #: the solver's own data about the branch (for switching branches at a bifurcation)
        self._internal = internal
        self.game = game
        self.weights = tuple(float(w) for w in weights)
        self.turning_points = tuple(turning_points)
        self.bifurcations = tuple(bifurcations)
        self.landings = tuple(landings)
        self.method = "logit path following"
        self.complete = bool(complete)
        self.degenerate = False
        self.notes = tuple(notes)

    @property
    def lambdas(self) -> np.ndarray:
        """``lam`` of every point, in order along the branch."""
        return np.array([p.lam for p in self._equilibria])

    @property
    def last(self) -> QREPoint:
        """The last point traced: near a Nash equilibrium when the trace ran to a small regret."""
        return self._equilibria[-1]

    def at(self, lam: float, tol: float = 1e-9) -> tuple[QREPoint, ...]:
        """The landings at ``lam`` (pass ``lambdas=[...]`` to the trace), every crossing, in order."""
        return tuple(p for p in self.landings if abs(p.lam - float(lam)) <= tol * max(1.0, abs(float(lam))))

    def label(self) -> str:
        """A one-line description: how far the branch was traced and where it ended."""
        if not self._equilibria:
            return "empty logit branch"
        return f"logit branch to lambda = {format_number(self.last.lam, 6)}, max regret {self.last.max_regret:.3g}"

    def summary(self) -> str:
        """A few lines: the extent of the trace, its events and where it ended."""
        lines = [self.label() + f" ({len(self)} points, complete={self.complete})"]
        for name, events in (("turning point", self.turning_points), ("bifurcation", self.bifurcations)):
            for e in events:
                lines.append(f"  {name} at lambda = {format_number(e.lam, 8)}")
        if self._equilibria:
            lines.append(f"  end: {self.last.label()}")
        lines += [f"  note: {note}" for note in self.notes]
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict: the game's names, the weights, the events, the landings and the points."""
        return {
            "game": {
                "title": self.game.title,
                "players": list(self.game.players),
                "strategies": [list(s) for s in self.game.strategies],
            },
            "weights": list(self.weights),
            "turning_points": [p.to_json() for p in self.turning_points],
            "bifurcations": [p.to_json() for p in self.bifurcations],
            "landings": [p.to_json() for p in self.landings],
            **self._json_fields(),
        }

    def __repr__(self) -> str:
        flags = [f"method={self.method!r}", f"complete={self.complete}"]
        lines = [f"QREBranch({len(self)} points, {', '.join(flags)})"]
        lines += self.summary().splitlines()[1:]
        return "\n".join(lines)
