"""What :func:`trigame.subgame_perfect` returns: subgame-perfect equilibria in behaviour strategies, and their set."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from fractions import Fraction
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import numpy as np

from trigame._numbers import Kind, convert, format_number
from trigame._numbers import is_zero as _is_zero
from trigame.games._pickling import reduce_fields
from trigame.results.equilibrium import ResultSet, _json_number, choices_label

if TYPE_CHECKING:
    from trigame.games.tree import GameTree

__all__ = ["SubgamePerfectEquilibrium", "SubgamePerfectSet"]


class SubgamePerfectEquilibrium:
    """One subgame-perfect equilibrium in behaviour strategies.

    Attributes
    ----------
    behavior : dict
        ``{information-set key: {action: probability}}`` at every information
        set, on and off the equilibrium path.
    outcomes : dict
        ``{path of actions from the root to a terminal node: probability}``
        for the terminal nodes reached with positive probability.
    payoffs : tuple
        Expected payoff of each player.
    condition : sympy boolean or True
        For a symbolic tree, the condition on the parameters under which this
        is a subgame-perfect equilibrium; ``True`` for numeric trees.
    exact : bool
        True when every behaviour probability is an exact rational (an exact
        tree); False for float and symbolic trees, as for Nash, Bayesian and
        perfect Bayesian equilibria.
    tree : GameTree
        The tree it belongs to.
    """

    __slots__ = ("_exact", "_outcomes", "_payoffs", "behavior", "condition", "tree")
    behavior: Mapping[Hashable, Mapping[str, Any]]
    condition: Any
    tree: GameTree
    _outcomes: Mapping[tuple[str, ...], Any] | None
    _payoffs: tuple[Any, ...] | None
    _exact: bool | None

    def __init__(self, tree: GameTree, behavior: Mapping[Hashable, Mapping[str, Any]], condition: Any = True,
                 payoffs: Sequence[Any] | None = None) -> None:
        # ``payoffs``: the expected payoffs when the caller already has them (the backward induction's value of
        # the whole tree); outcomes, and payoffs not given, are computed on first use (symbolic trees: the
        # products of rational functions along the paths cost more than solving)
        ordered = {info.key: MappingProxyType({a: behavior[info.key].get(a, _zero(tree.kind)) for a in info.actions})
                   for info in tree.information_sets}
        object.__setattr__(self, "tree", tree)
        object.__setattr__(self, "behavior", MappingProxyType(ordered))
        object.__setattr__(self, "_outcomes", None)
        object.__setattr__(self, "_payoffs", None if payoffs is None else tuple(payoffs))
        object.__setattr__(self, "_exact", None)
        object.__setattr__(self, "condition", condition)

    @property
    def outcomes(self) -> Mapping[tuple[str, ...], Any]:
        """``{path of actions from the root to a terminal node: probability}`` for the terminal nodes reached."""
        if self._outcomes is None:
            self._evaluate()
        assert self._outcomes is not None
        return self._outcomes

    @property
    def payoffs(self) -> tuple[Any, ...]:
        """Each player's expected payoff."""
        if self._payoffs is None:
            self._evaluate()
        assert self._payoffs is not None
        return self._payoffs

    def _evaluate(self) -> None:
        from trigame.games.tree.behavior import outcomes_and_payoffs

        outcomes, payoffs = outcomes_and_payoffs(self.tree, self.behavior)  # one pass over the tree for both
        object.__setattr__(self, "_outcomes", MappingProxyType(outcomes))
        if self._payoffs is None:
            object.__setattr__(self, "_payoffs", payoffs)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("SubgamePerfectEquilibrium is immutable")

    def __reduce__(self) -> tuple[Any, ...]:
        return reduce_fields(self)

    @property
    def exact(self) -> bool:
        """True when every behaviour probability is an exact rational (``Fraction`` or ``int``); read once."""
        exact = self._exact
        if exact is None:
            exact = all(isinstance(p, (Fraction, int)) and not isinstance(p, bool)
                        for dist in self.behavior.values() for p in dist.values())
            object.__setattr__(self, "_exact", exact)
        return exact

    @property
    def is_pure(self) -> bool:
        """True when every information set has one action with probability 1."""
        return all(sum(1 for p in dist.values() if not _is_zero(p)) == 1 for dist in self.behavior.values())

    def profile(self) -> tuple[np.ndarray, ...]:
        """The equivalent mixed profile of ``tree.to_normal_form()`` (see :meth:`GameTree.strategy_profile`)."""
        return self.tree.strategy_profile(self.behavior)

    def choices(self) -> dict[Hashable, str | dict[str, Any]]:
        """``{information set: action}``, or the distribution where the behaviour is mixed."""
        out: dict[Hashable, str | dict[str, Any]] = {}
        for key, dist in self.behavior.items():
            used = {a: p for a, p in dist.items() if not _is_zero(p)}
            out[key] = next(iter(used)) if len(used) == 1 and _is_one(next(iter(used.values()))) else used
        return out

    def label(self, number: Callable[[Any], str] | None = None) -> str:
        """A one-line label, e.g. ``"Entrant@root: In; Incumbent@In: Accommodate"``; ``number`` writes a mixed
        choice's probabilities (see :func:`~trigame.results.equilibrium.choices_label`)."""
        return choices_label(self.choices(), number)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict: behaviour, outcomes (paths joined by ``" > "``), payoffs, exactness, condition."""
        out: dict[str, Any] = {
            "behavior": {str(key): {a: _json_number(p) for a, p in dist.items()}
                         for key, dist in self.behavior.items()},
            "outcomes": {" > ".join(path): _json_number(p) for path, p in self.outcomes.items()},
            "payoffs": {player: _json_number(u) for player, u in zip(self.tree.players, self.payoffs)},
            "exact": self.exact,
        }
        if self.condition is not True:
            out["condition"] = str(self.condition)
        return out

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, SubgamePerfectEquilibrium):
            return NotImplemented
        return self.tree == other.tree and {k: dict(v) for k, v in self.behavior.items()} == {
            k: dict(v) for k, v in other.behavior.items()}

    def __hash__(self) -> int:
        return hash(tuple((k, tuple(v.values())) for k, v in self.behavior.items()))

    def __repr__(self) -> str:
        payoffs = ", ".join(format_number(u) for u in self.payoffs)
        cond = "" if self.condition is True else f", if {self.condition}"
        return f"SubgamePerfectEquilibrium({self.label()}; payoffs ({payoffs}){cond})"


def _zero(kind: Kind) -> Any:
    return 0.0 if kind == "float" else (Fraction(0) if kind == "exact" else convert(0, "symbolic"))


def _is_one(value: Any) -> bool:
    try:
        return bool(value == 1)
    except TypeError:  # pragma: no cover - unusual SymPy objects
        return False


class SubgamePerfectSet(ResultSet[SubgamePerfectEquilibrium]):
    """The subgame-perfect equilibria :func:`subgame_perfect` found, with its guarantees.

    Attributes
    ----------
    tree : GameTree
        The tree that was solved.
    complete : bool
        True when every subgame-perfect equilibrium is listed -- with the
        reading of ``degenerate`` below.
    degenerate : bool
        True when there is a continuum of subgame-perfect equilibria: some
        player is indifferent between actions at a perfect-information node
        (any mixture is also optimal; the pure choices are listed), or a
        stage has a continuum of Nash equilibria (its extreme equilibria are
        listed).  Mixtures of the listed choices give further equilibria.
    notes : tuple of str
        Where ties and continua occur, and any limit that was hit.
    method : str
        ``"backward_induction"``.
    """

    def __init__(self, equilibria: Sequence[SubgamePerfectEquilibrium], *, tree: GameTree, complete: bool,
                 degenerate: bool = False, notes: Sequence[str] = ()) -> None:
        self._equilibria = tuple(equilibria)
        self.tree = tree
        self.complete = bool(complete)
        self.degenerate = bool(degenerate)
        self.notes = tuple(notes)
        self.method = "backward_induction"

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict describing the tree and every equilibrium."""
        return {
            "tree": {"title": self.tree.title, "players": list(self.tree.players), "kind": self.tree.kind},
            **self._json_fields(),
        }

    def __repr__(self) -> str:
        flags = [f"complete={self.complete}"] + (["degenerate=True"] if self.degenerate else [])
        return self._repr_with(flags)
