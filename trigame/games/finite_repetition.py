"""Finitely repeated games: a stage game played ``T`` times, written out as a game tree.

:class:`FinitelyRepeatedGame` holds a :class:`~trigame.games.normal_form.NormalFormGame`
(the *stage game*, any number of players), the number of rounds ``T`` and a
discount factor.  In every round the players choose stage actions at once; before
the next round everyone observes the whole action profile (perfect monitoring).
A player's payoff is the discounted sum of the stage payoffs,
``u_i(a_1) + δ u_i(a_2) + … + δ^(T-1) u_i(a_T)`` (``δ = 1``, the default, is the
plain sum usual for finite repetition).

:meth:`FinitelyRepeatedGame.to_tree` builds the :class:`~trigame.games.tree.GameTree`
for the user: each round is a simultaneous-move stage (:func:`~trigame.games.tree.stage`)
whose information sets are keyed by the round and the history,
``"round 2 after (C, D):Row"``, so every history starts a proper subgame and the
existing backward induction (:func:`trigame.solve.subgame_perfect.subgame_perfect`)
finds the subgame-perfect equilibria; :mod:`trigame.solve.finite_repetition` does so
and reads off the path of play.

The tree has ``M^T`` terminal nodes for a stage with ``M`` action profiles, so its
size is checked against ``max_nodes`` before anything is built.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from trigame._numbers import Kind, classify, combine, convert, format_number
from trigame.budget import check_limit
from trigame.errors import BudgetExceededError, ParameterError, TrigameError, UnsupportedGameError
from trigame.games.normal_form import NormalFormGame

if TYPE_CHECKING:
    from trigame.games.tree import GameTree
    from trigame.games.tree.nodes import Node

__all__ = ["MAX_ROUNDS", "FinitelyRepeatedGame", "history_key"]

#: Most rounds a repeated game may have (the tree is ``rounds × players`` moves deep).
MAX_ROUNDS = 100

#: Default budget on the number of nodes of the tree.
DEFAULT_MAX_NODES = 200_000


def history_key(round_number: int, history: Sequence[Sequence[str]]) -> str:
    """The information-set prefix of a round after a history: ``"round 2 after (C, D)"``.

    Parameters
    ----------
    round_number : int
        The round, counted from 1.
    history : sequence of action profiles
        The profiles played in the earlier rounds, each a sequence of action labels.
    """
    if not history:
        return f"round {round_number}"
    return f"round {round_number} after " + ", ".join("(" + ", ".join(p) + ")" for p in history)


def _tree_size(shape: Sequence[int], rounds: int, limit: int) -> int:
    """Nodes of the tree of ``rounds`` repetitions of a stage of ``shape``; stops counting past ``limit``."""
    chain = 0          # decision nodes of one stage: 1 + m_1 + m_1 m_2 + ... (one chain of players)
    width = 1
    for m in shape:
        chain += width
        width *= m
    profiles = width
    total = 0
    reached = 1        # histories of the current round: profiles ** t
    for _ in range(rounds):
        total += reached * chain
        reached *= profiles
        if total + reached > limit:
            return total + reached
    return total + reached


class FinitelyRepeatedGame:
    """A stage game repeated a known, finite number of times with perfect monitoring.

    Parameters
    ----------
    stage : NormalFormGame
        The stage game (any number of players; ints/Fractions, floats or SymPy payoffs).
    rounds : int
        The number of rounds ``T`` (1 to :data:`MAX_ROUNDS`).
    discount : number or SymPy expression, default 1
        The common discount factor ``δ`` in (0, 1]: the payoff of round ``t`` (from 1)
        counts ``δ^(t-1)``.  A SymPy symbol gives a symbolic game.
    max_nodes : int or None, default 200000
        The budget on the size of the tree: :class:`~trigame.errors.BudgetExceededError`
        before anything is built when the tree would have more nodes.

    Raises
    ------
    UnsupportedGameError
        When ``stage`` is not a :class:`NormalFormGame`.
    ParameterError
        For a number of rounds that is not an integer in 1..MAX_ROUNDS, or a discount
        factor outside (0, 1] (or not a number).
    BudgetExceededError
        When the tree would exceed ``max_nodes``.

    Examples
    --------
    >>> from trigame.games.normal_form import NormalFormGame
    >>> pd = NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]],
    ...                                 players=["Row", "Col"], strategies=[["C", "D"], ["C", "D"]])
    >>> game = FinitelyRepeatedGame(pd, 2)
    >>> game.n_nodes, len(game.to_tree().terminals())
    (31, 16)
    >>> game.payoffs([("C", "C"), ("D", "C")])
    (Fraction(8, 1), Fraction(3, 1))
    """

    __slots__ = ("_discount", "_kind", "_max_nodes", "_n_nodes", "_rounds", "_stage", "_tree")

    def __init__(self, stage: NormalFormGame, rounds: int, *, discount: Any = 1,
                 max_nodes: int | None = DEFAULT_MAX_NODES) -> None:
        if not isinstance(stage, NormalFormGame):
            raise UnsupportedGameError(f"a repeated game needs a NormalFormGame as its stage, "
                                       f"got {type(stage).__name__}")
        if isinstance(rounds, bool) or not isinstance(rounds, int) or not 1 <= rounds <= MAX_ROUNDS:
            raise ParameterError(f"rounds must be an integer from 1 to {MAX_ROUNDS}, got {rounds!r}")
        try:
            discount_kind = classify(discount, "discount factor")
        except TrigameError as exc:
            raise ParameterError(str(exc)) from None
        if discount_kind != "symbolic" and not 0 < discount <= 1:
            raise ParameterError(f"the discount factor must lie in (0, 1], got {format_number(discount)}")
        check_limit(max_nodes, "max_nodes")
        limit = max_nodes if max_nodes is not None else 10**12
        size = _tree_size(stage.shape, rounds, limit)
        if size > limit:
            raise BudgetExceededError(
                f"the tree of {rounds} rounds of a {'x'.join(map(str, stage.shape))} stage game has more than "
                f"{limit} nodes; pass max_nodes=... to allow more, or fewer rounds")
        self._stage = stage
        self._rounds = rounds
        self._kind: Kind = combine([stage.kind, discount_kind])
        self._discount = convert(discount, self._kind)
        self._max_nodes = max_nodes
        self._n_nodes = size
        self._tree: GameTree | None = None

    # ------------------------------------------------------------------ properties
    @property
    def stage(self) -> NormalFormGame:
        """The stage game."""
        return self._stage

    @property
    def rounds(self) -> int:
        """The number of rounds ``T``."""
        return self._rounds

    @property
    def discount(self) -> Any:
        """The discount factor ``δ`` (in the game's number kind)."""
        return self._discount

    @property
    def players(self) -> tuple[str, ...]:
        """The players of the stage game."""
        return self._stage.players

    @property
    def kind(self) -> Kind:
        """``"exact"``, ``"float"`` or ``"symbolic"``: the kind of the stage payoffs and the discount factor."""
        return self._kind

    @property
    def n_nodes(self) -> int:
        """The number of nodes of the tree (counted before it is built)."""
        return self._n_nodes

    # ------------------------------------------------------------------ payoffs
    def stage_payoffs(self, profile: Sequence[str]) -> tuple[Any, ...]:
        """The stage payoffs of one action profile (a label per player), in the game's number kind."""
        index = tuple(self._stage.strategy_index(i, a) for i, a in enumerate(self._profile(profile)))
        return tuple(convert(_payoff(self._stage, i, index), self._kind) for i in range(self._stage.n_players))

    def payoffs(self, path: Sequence[Sequence[str]]) -> tuple[Any, ...]:
        """The discounted total payoffs of a complete path: one action profile per round."""
        if isinstance(path, str) or len(path) != self._rounds:
            raise ParameterError(f"a path lists one action profile for each of the {self._rounds} rounds, "
                                 f"got {path!r}")
        totals = [convert(0, self._kind)] * self._stage.n_players
        weight = convert(1, self._kind)
        for profile in path:
            totals = [t + weight * u for t, u in zip(totals, self.stage_payoffs(profile))]
            weight = weight * self._discount
        return tuple(totals)

    def _profile(self, profile: Sequence[str]) -> tuple[str, ...]:
        if isinstance(profile, str) or len(profile) != self._stage.n_players:
            raise ParameterError(f"an action profile names one action for each of the players "
                                 f"{list(self.players)}, got {profile!r}")
        return tuple(profile)

    # ------------------------------------------------------------------ the tree
    def to_tree(self) -> GameTree:
        """The game tree of the ``T`` rounds (built once, then kept).

        Round ``t`` after the history ``h`` is a simultaneous-move stage whose
        information sets are keyed ``history_key(t, h) + ":" + player``; each
        terminal node pays the discounted sums of the stage payoffs along its path.
        """
        if self._tree is None:
            from trigame.games.tree import GameTree, Terminal
            from trigame.games.tree.nodes import Decision

            stage = self._stage
            labels = stage.strategies
            n = stage.n_players
            zero = convert(0, self._kind)
            table = {
                profile: tuple(convert(_payoff(stage, i, profile), self._kind) for i in range(n))
                for profile in _profiles(stage.shape)
            }

            def round_node(t: int, history: tuple[tuple[str, ...], ...], totals: tuple[Any, ...],
                           weight: Any) -> Node:
                if t == self._rounds:
                    return Terminal(totals)
                prefix = history_key(t + 1, history)

                def chain(depth: int, picked: tuple[int, ...]) -> Node:
                    if depth == n:
                        played = tuple(labels[j][a] for j, a in enumerate(picked))
                        gained = tuple(u + weight * g for u, g in zip(totals, table[picked]))
                        return round_node(t + 1, (*history, played), gained, weight * self._discount)
                    branches = {label: chain(depth + 1, (*picked, a)) for a, label in enumerate(labels[depth])}
                    return Decision(stage.players[depth], branches, infoset=f"{prefix}:{stage.players[depth]}")

                return chain(0, ())

            root = round_node(0, (), (zero,) * n, convert(1, self._kind))
            title = f"{self._rounds} rounds of {stage.title or 'the stage game'}"
            self._tree = GameTree(root, players=stage.players, title=title)
        return self._tree

    def __repr__(self) -> str:
        shape = "x".join(map(str, self._stage.shape))
        return (f"FinitelyRepeatedGame({shape} stage game of {list(self.players)}, rounds={self._rounds}, "
                f"discount={format_number(self._discount)})")


def _profiles(shape: Sequence[int]) -> list[tuple[int, ...]]:
    """Every action profile (indices) of a stage of ``shape``, in lexicographic order."""
    out: list[tuple[int, ...]] = [()]
    for m in shape:
        out = [(*p, a) for p in out for a in range(m)]
    return out


def _payoff(stage: NormalFormGame, player: int, profile: tuple[int, ...]) -> Any:
    """Player ``player``'s stage payoff at the action profile ``profile`` (indices)."""
    index = (player, *profile)
    return stage.payoffs[index]
