"""What :func:`trigame.solve.finite_repetition.repeated_equilibria` returns: subgame-perfect
equilibria of a finitely repeated game, read as paths of play."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from trigame._numbers import format_number
from trigame._numbers import is_zero as _is_zero
from trigame.errors import ParameterError
from trigame.games._pickling import reduce_fields
from trigame.games.finite_repetition import history_key
from trigame.results.equilibrium import ResultSet, _json_number

if TYPE_CHECKING:
    from trigame.games.finite_repetition import FinitelyRepeatedGame
    from trigame.results.subgame_perfect import SubgamePerfectEquilibrium

__all__ = ["FiniteRepetitionSet", "PurePayoffSet", "RepetitionEquilibrium"]

Path = tuple[tuple[str, ...], ...]


class RepetitionEquilibrium:
    """One subgame-perfect equilibrium of a finitely repeated game, with its path of play.

    Attributes
    ----------
    game : FinitelyRepeatedGame
        The repeated game.
    spe : SubgamePerfectEquilibrium
        The equilibrium in behaviour strategies of ``game.to_tree()`` (play after
        every history, on and off the path).
    outcomes : dict
        ``{path: probability}`` for the paths played with positive probability, a
        path being one action profile (a label per player) per round.
    path : tuple or None
        The path of play when it is deterministic (every round's profile is played
        for sure), else None.
    payoffs : tuple
        The discounted total payoffs, in player order.
    round_payoffs : tuple of tuples
        The expected (undiscounted) stage payoffs of each round.
    condition : sympy boolean or True
        Where the equilibrium holds, for a symbolic game.
    """

    __slots__ = ("condition", "game", "outcomes", "path", "payoffs", "round_payoffs", "spe")
    game: FinitelyRepeatedGame
    spe: SubgamePerfectEquilibrium
    outcomes: dict[Path, Any]
    path: Path | None
    payoffs: tuple[Any, ...]
    round_payoffs: tuple[tuple[Any, ...], ...]
    condition: Any

    def __init__(self, game: FinitelyRepeatedGame, spe: SubgamePerfectEquilibrium) -> None:
        n = len(game.players)
        outcomes: dict[Path, Any] = {}
        for actions, probability in spe.outcomes.items():
            path = tuple(tuple(actions[k:k + n]) for k in range(0, len(actions), n))
            outcomes[path] = probability
        rounds = []
        for t in range(game.rounds):
            totals = [0 * p for p in spe.payoffs]
            for path, probability in outcomes.items():
                totals = [s + probability * u for s, u in zip(totals, game.stage_payoffs(path[t]))]
            rounds.append(tuple(totals))
        object.__setattr__(self, "game", game)
        object.__setattr__(self, "spe", spe)
        object.__setattr__(self, "outcomes", outcomes)
        object.__setattr__(self, "path", next(iter(outcomes)) if len(outcomes) == 1 else None)
        object.__setattr__(self, "payoffs", spe.payoffs)
        object.__setattr__(self, "round_payoffs", tuple(rounds))
        object.__setattr__(self, "condition", spe.condition)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("RepetitionEquilibrium is immutable")

    def __reduce__(self) -> tuple[Any, ...]:
        return reduce_fields(self)

    def play(self, history: Sequence[Sequence[str]] = ()) -> dict[str, Any]:
        """What each player does in the round after ``history`` (the profiles played so far).

        Returns ``{player: action}``, or ``{player: {action: probability}}`` where the
        player mixes; off-path histories are answered as well.
        """
        history = tuple(tuple(p) for p in history)
        prefix = history_key(len(history) + 1, history)
        choices = self.spe.choices()
        out = {}
        for player in self.game.players:
            key = f"{prefix}:{player}"
            if key not in choices:
                raise ParameterError(f"no round after the history {list(history)!r}: a history lists at most "
                                     f"{self.game.rounds - 1} action profiles of the stage game's actions")
            out[player] = choices[key]
        return out

    @property
    def is_pure(self) -> bool:
        """True when every player plays one action for sure after every history."""
        return self.spe.is_pure

    def label(self) -> str:
        """The path of play, e.g. ``"(M, C) > (B, R)"``; a mixed round shows its distribution."""
        if self.path is not None:
            return " > ".join("(" + ", ".join(p) + ")" for p in self.path)
        parts = []
        for t in range(self.game.rounds):
            marginal: dict[tuple[str, ...], Any] = {}
            for path, probability in self.outcomes.items():
                marginal[path[t]] = marginal.get(path[t], 0) + probability
            order = {labels: k for k, labels in enumerate(_stage_profiles(self.game))}
            marginal = dict(sorted(marginal.items(), key=lambda item: order[item[0]]))
            if len(marginal) == 1:
                parts.append("(" + ", ".join(next(iter(marginal))) + ")")
            else:
                parts.append("{" + ", ".join(f"{format_number(p, 4)} ({', '.join(a)})"
                                             for a, p in marginal.items() if not _is_zero(p)) + "}")
        return " > ".join(parts)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict: the paths with their probabilities, total and per-round payoffs, the strategies."""
        out: dict[str, Any] = {
            "paths": [{"path": [list(p) for p in path], "probability": _json_number(probability)}
                      for path, probability in self.outcomes.items()],
            "payoffs": {player: _json_number(u) for player, u in zip(self.game.players, self.payoffs)},
            "round_payoffs": [[_json_number(u) for u in r] for r in self.round_payoffs],
            "strategies": self.spe.to_json()["behavior"],
        }
        if self.condition is not True:
            out["condition"] = str(self.condition)
        return out

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, RepetitionEquilibrium):
            return NotImplemented
        return self.game is other.game and self.spe == other.spe

    def __hash__(self) -> int:
        return hash(self.spe)

    def __repr__(self) -> str:
        payoffs = ", ".join(format_number(u) for u in self.payoffs)
        cond = "" if self.condition is True else f", if {self.condition}"
        return f"RepetitionEquilibrium({self.label()}; payoffs ({payoffs}){cond})"


def _stage_profiles(game: FinitelyRepeatedGame) -> list[tuple[str, ...]]:
    """Every action profile of the stage game (labels), in lexicographic order."""
    out: list[tuple[str, ...]] = [()]
    for labels in game.stage.strategies:
        out = [(*p, a) for p in out for a in labels]
    return out


class FiniteRepetitionSet(ResultSet[RepetitionEquilibrium]):
    """The subgame-perfect equilibria of a finitely repeated game, with the solver's guarantees.

    Attributes
    ----------
    game : FinitelyRepeatedGame
        The repeated game that was solved.
    complete, degenerate, notes
        As in :class:`~trigame.results.subgame_perfect.SubgamePerfectSet` of the tree
        (``degenerate``: a continuum of equilibria, of which the listed ones are extreme).
    method : str
        ``"backward_induction"``.
    """

    def __init__(self, equilibria: Sequence[RepetitionEquilibrium], *, game: FinitelyRepeatedGame,
                 complete: bool, degenerate: bool = False, notes: Sequence[str] = ()) -> None:
        self._equilibria = tuple(equilibria)
        self.game = game
        self.complete = bool(complete)
        self.degenerate = bool(degenerate)
        self.notes = tuple(notes)
        self.method = "backward_induction"

    def payoff_profiles(self) -> list[tuple[Any, ...]]:
        """The distinct total payoff vectors of the listed equilibria, in order of first appearance."""
        seen: list[tuple[Any, ...]] = []
        for e in self._equilibria:
            if e.payoffs not in seen:
                seen.append(e.payoffs)
        return seen

    def paths(self) -> list[Path]:
        """The distinct deterministic paths of play of the listed equilibria."""
        seen: list[Path] = []
        for e in self._equilibria:
            if e.path is not None and e.path not in seen:
                seen.append(e.path)
        return seen

    def summary(self) -> str:
        """A few lines: the game, how many equilibria, their distinct paths and payoffs."""
        game = self.game
        lines = [f"{game.rounds} rounds of a {'x'.join(map(str, game.stage.shape))} stage game, "
                 f"discount {format_number(game.discount)}: {len(self)} subgame-perfect equilibria"
                 + ("" if self.complete else " (not complete)")]
        shown: dict[str, tuple[Any, ...]] = {}
        for e in self._equilibria:
            shown.setdefault(e.label(), e.payoffs)
        for label, payoffs in list(shown.items())[:20]:
            lines.append(f"  {label}: payoffs ({', '.join(format_number(u) for u in payoffs)})")
        if len(shown) > 20:
            lines.append(f"  ... and {len(shown) - 20} more paths")
        lines += [f"  note: {note}" for note in self.notes]
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict describing the game and every equilibrium."""
        return {
            "game": {"players": list(self.game.players), "rounds": self.game.rounds,
                     "discount": _json_number(self.game.discount), "kind": self.game.kind},
            **self._json_fields(),
        }

    def __repr__(self) -> str:
        flags = [f"complete={self.complete}"] + (["degenerate=True"] if self.degenerate else [])
        return self._repr_with(flags)


class PurePayoffSet:
    """The payoffs of the pure-strategy subgame-perfect equilibria of a finitely repeated game, round by round.

    Attributes
    ----------
    game : FinitelyRepeatedGame
        The repeated game.
    by_round : tuple of tuples
        ``by_round[t]``: the continuation payoff vectors (discounted to round ``t + 1``)
        of the pure subgame-perfect equilibria of the game that starts at round
        ``t + 1`` -- the same after every history, since every such subgame is the
        same game.  Sorted.
    """

    __slots__ = ("_witness", "by_round", "game")

    def __init__(self, game: FinitelyRepeatedGame, rounds: Sequence[dict[tuple[Any, ...], tuple[Any, Any]]]) -> None:
        self.game = game
        self._witness = tuple(rounds)
        self.by_round = tuple(tuple(sorted(r)) for r in rounds)

    @property
    def payoffs(self) -> tuple[tuple[Any, ...], ...]:
        """The total payoff vectors of the pure subgame-perfect equilibria (from round 1)."""
        return self.by_round[0]

    def path(self, payoffs: Sequence[Any]) -> Path:
        """A path of play (one profile per round) of a pure subgame-perfect equilibrium paying ``payoffs``."""
        key = tuple(payoffs)
        if key not in self._witness[0]:
            raise ParameterError(f"no pure subgame-perfect equilibrium pays {key!r}; see .payoffs")
        out = []
        for witness in self._witness:
            profile, key = witness[key]
            out.append(profile)
        return tuple(out)

    def label(self) -> str:
        """E.g. ``"3 pure SPE payoff vectors over 2 rounds"``."""
        return f"{len(self.payoffs)} pure SPE payoff vectors over {self.game.rounds} rounds"

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict: the payoff vectors of each round."""
        return {"rounds": self.game.rounds, "players": list(self.game.players),
                "by_round": [[[_json_number(u) for u in v] for v in r] for r in self.by_round]}

    def __repr__(self) -> str:
        shown = ", ".join("(" + ", ".join(format_number(u) for u in v) + ")" for v in self.payoffs[:8])
        more = f", ... ({len(self.payoffs)} in all)" if len(self.payoffs) > 8 else ""
        return f"PurePayoffSet({shown}{more})"
