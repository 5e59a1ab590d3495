"""What the repeated-game solvers return: minmax values and payoff sets (polytopes of payoff vectors)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from trigame._numbers import format_number, to_float
from trigame.results.equilibrium import _json_number

__all__ = ["MinmaxValue", "PayoffSet"]


@dataclass(frozen=True)
class MinmaxValue:
    """A player's minmax value: the least payoff the others can hold her to.

    Attributes
    ----------
    player : str
    value : number
        ``min over the others' strategies of max over her own actions`` of her payoff; the others
        mix independently (``mixed=True``) or play pure actions (``mixed=False``).
    punishment : dict
        ``{other player: {action: probability}}`` attaining ``value``.
    best_responses : tuple of str
        Her best replies to the punishment.
    mixed : bool
        Whether the punishers may mix.
    exact : bool
        True when ``value`` is exact (a rational number).
    notes : tuple of str
    complete : bool
        True when ``value`` is proved to be the minimum (always for the pure minmax and for two
        players); False when a budget or a continuum of the team game's equilibria leaves it an
        upper bound (the notes say which).
    """

    player: str
    value: Any
    punishment: dict[str, dict[str, Any]]
    best_responses: tuple[str, ...]
    mixed: bool
    exact: bool = True
    notes: tuple[str, ...] = ()
    complete: bool = True

    def label(self) -> str:
        """``"Japan: mixed minmax 1/2"``."""
        return f"{self.player}: {'mixed' if self.mixed else 'pure'} minmax {format_number(self.value)}"

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "player": self.player,
            "value": _json_number(self.value),
            "mixed": self.mixed,
            "exact": self.exact,
            "complete": self.complete,
            "punishment": {p: {a: _json_number(x) for a, x in s.items()} for p, s in self.punishment.items()},
            "best_responses": list(self.best_responses),
            "notes": list(self.notes),
        }

    def __repr__(self) -> str:
        return f"MinmaxValue({self.label()})"


@dataclass(frozen=True)
class PayoffSet:
    """A convex set of payoff vectors, given by its vertices (a polygon for two players).

    Attributes
    ----------
    players : tuple of str
    vertices : tuple of tuple
        The extreme points, counter-clockwise for two players; empty when the set is empty.
    what : str
        ``"feasible"``, ``"individually rational"`` (the folk-theorem region) or
        ``"subgame-perfect"`` (pure-action SPE payoffs with public randomisation).
    method : str
        How it was computed (``"convex hull"``, ``"abreu-sannikov"`` ...).
    complete : bool
        True when the set is exact (or converged within ``tol`` for iterative methods).
    exact : bool
        True when the vertices are exact rationals.
    minmax : tuple or None
        The minmax point used as the lower bound of the individually rational region.
    strict : bool
        True when the set's lower faces ``v_i = minmax_i`` are excluded (the folk-theorem
        region is ``v_i > minmax_i``); the vertices are those of its closure.
    notes : tuple of str
    discount : number or None
        The discount factor (for subgame-perfect payoff sets).
    iterations : int
        Iterations of the set operator (0 for a direct computation).
    """

    players: tuple[str, ...]
    vertices: tuple[tuple[Any, ...], ...]
    what: str
    method: str
    complete: bool = True
    exact: bool = True
    minmax: tuple[Any, ...] | None = None
    strict: bool = False
    notes: tuple[str, ...] = ()
    discount: Any = None
    iterations: int = 0
    _float: Any = field(default=None, repr=False, compare=False)

    @property
    def is_empty(self) -> bool:
        """True when no payoff vector lies in the set."""
        return not self.vertices

    def label(self) -> str:
        """``"subgame-perfect payoffs: 4 vertices"``."""
        return f"{self.what} payoffs: {len(self.vertices)} vertices"

    def contains(self, point: Sequence[Any], tol: float = 1e-9) -> bool:
        """Whether ``point`` lies in the set (its closure when ``strict``), up to ``tol`` for float sets."""
        if self.is_empty:
            return False
        if len(point) != len(self.players):
            raise ValueError(f"a payoff vector has one entry per player ({len(self.players)})")
        if len(self.players) != 2:
            import numpy as np
            from scipy.optimize import linprog

            v = np.array([[to_float(x) for x in p] for p in self.vertices]).T
            a_eq = np.vstack([v, np.ones(v.shape[1])])
            b_eq = np.array([to_float(x) for x in point] + [1.0])
            res = linprog(np.zeros(v.shape[1]), A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
            return bool(res.status == 0)
        exact = self.exact and all(isinstance(x, (int, Fraction)) for x in point)
        pts: list[tuple[Any, ...]] = list(self.vertices) if exact else [tuple(to_float(x) for x in p)
                                                                        for p in self.vertices]
        q = tuple(point) if exact else tuple(to_float(x) for x in point)
        slack = 0 if exact else tol
        if len(pts) == 1:
            return all(abs(a - b) <= slack for a, b in zip(pts[0], q))
        if len(pts) == 2:
            (x0, y0), (x1, y1) = pts
            cross = (x1 - x0) * (q[1] - y0) - (y1 - y0) * (q[0] - x0)
            cross = cross if exact else cross / (((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5 or 1.0)
            inside = min(x0, x1) - slack <= q[0] <= max(x0, x1) + slack and \
                min(y0, y1) - slack <= q[1] <= max(y0, y1) + slack
            return abs(cross) <= slack and inside
        for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1]):
            cross = (x1 - x0) * (q[1] - y0) - (y1 - y0) * (q[0] - x0)
            if exact:
                if cross < 0:
                    return False
            elif cross < -slack * ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5:  # beyond the edge by over tol
                return False
        return True

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "players": list(self.players),
            "what": self.what,
            "method": self.method,
            "complete": self.complete,
            "exact": self.exact,
            "strict": self.strict,
            "vertices": [[_json_number(x) for x in p] for p in self.vertices],
            "minmax": None if self.minmax is None else [_json_number(x) for x in self.minmax],
            "discount": None if self.discount is None else _json_number(self.discount),
            "iterations": self.iterations,
            "notes": list(self.notes),
        }

    def summary(self) -> str:
        """The vertices, one per line, with the set's guarantees."""
        lines = [f"{self.what} payoff set ({self.method}, complete={self.complete})"]
        for p in self.vertices:
            lines.append("  (" + ", ".join(format_number(x) for x in p) + ")")
        lines += [f"  note: {n}" for n in self.notes]
        return "\n".join(lines)

    def __repr__(self) -> str:
        shown = ", ".join("(" + ", ".join(format_number(x, 4) for x in p) + ")" for p in self.vertices[:8])
        more = ", ..." if len(self.vertices) > 8 else ""
        return f"PayoffSet({self.what}, {self.method}: [{shown}{more}])"
