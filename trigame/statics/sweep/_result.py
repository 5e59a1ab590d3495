"""The result of a sweep: the equilibria of a model at every point of a grid, and views of them.

:class:`SweepResult` stores one label code per point and the equilibria's
probabilities (and payoffs, when kept) as flat arrays, and serves grid-shaped
views: equilibrium-set labels, outcome labels, counts, probabilities and
payoffs, outcome probabilities under a selection rule, a tidy pandas table, and
pictures.

The pictures are drawn by :mod:`trigame.viz.figures`, a room above statics that
this module may not import.  :meth:`SweepResult.plot` is a thin call through
the slot in :mod:`trigame._figures_slot`, which the package facade fills.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from trigame._figures_slot import FIGURES as _FIGURES
from trigame._figures_slot import use_figures as use_figures
from trigame.errors import MissingDependencyError, ParameterError, TrigameError
from trigame.statics.sweep._chunk import _Chunk
from trigame.statics.sweep._grid import DEFAULT_CHUNK_SIZE, _Spec
from trigame.statics.sweep._run import _run_chunk
from trigame.statics.sweep._selection import _check_selection, _select, _take

__all__ = ["SweepResult", "use_figures"]

class SweepResult:
    """The equilibria of a model at every point of a parameter grid (returned by :func:`sweep`).

    Attributes
    ----------
    model : type
        The model class.
    base : dict
        The values of the parameters that are not swept.
    grid : dict
        ``{parameter name: 1-D array of values}``, in axis order.
    shape : tuple of int
        The grid's shape, one axis per swept parameter.
    labels : numpy.ndarray of str objects
        Grid-shaped label of the equilibrium set at each point (see the module docs).
    count : numpy.ndarray of int
        Grid-shaped number of equilibria listed at each point (the extreme
        equilibria where there is a continuum).
    degenerate : numpy.ndarray of bool
        Grid-shaped: True where the game has a continuum of equilibria.
    selection : str
        The rule applied when sweeping (``"all"`` keeps every equilibrium).
    players : tuple of str
        Player names.
    units, actions : tuple
        Strategic-form models: the players and their strategy labels;
        sequential models: the information sets and their actions; Bayesian
        models: the type agents ``player@type`` and their actions.
    notes : tuple of str
        The route taken (vectorised or per point) and anything else worth knowing.
    """

    def __init__(self, spec: _Spec, selection: str, codes: np.ndarray, table: list[str], count: np.ndarray,
                 prob: np.ndarray, payoff: np.ndarray | None, degenerate: np.ndarray, outcome: np.ndarray | None,
                 paths: tuple[tuple[str, ...], ...], notes: Sequence[str], outcome_codes: np.ndarray,
                 outcome_table: list[str]) -> None:
        self._spec = spec
        self.model = spec.model
        self.base = {k: v for k, v in spec.base.items() if k not in spec.names and k in spec.model.parameter_names()}
        self.grid = dict(zip(spec.names, spec.axes))
        self.shape = spec.shape
        self.selection = selection
        self.players = spec.players
        self.units = spec.units
        self.actions = spec.strategies
        self.paths = paths
        self.notes = tuple(notes)
        self._codes = codes
        self._table = tuple(table)
        self._count = count
        self._prob = prob
        self._payoff = payoff
        self._degenerate = degenerate
        self._outcome = outcome
        self._outcome_codes = outcome_codes
        self._outcome_table = tuple(outcome_table)

    # ------------------------------------------------------------------ grid-shaped views
    @property
    def label_set(self) -> tuple[str, ...]:
        """The distinct labels that occur, in order of first appearance on the grid."""
        return self._table

    @property
    def label_codes(self) -> np.ndarray:
        """Grid-shaped index of each point's label in :attr:`label_set`."""
        return self._codes.reshape(self.shape)

    @property
    def labels(self) -> np.ndarray:
        """Grid-shaped array of equilibrium-set labels (str objects)."""
        return np.array(self._table, dtype=object)[self._codes].reshape(self.shape)

    @property
    def outcome_label_set(self) -> tuple[str, ...]:
        """The distinct outcome labels that occur, in order of first appearance on the grid."""
        return self._outcome_table

    @property
    def outcome_label_codes(self) -> np.ndarray:
        """Grid-shaped index of each point's outcome label in :attr:`outcome_label_set`."""
        return self._outcome_codes.reshape(self.shape)

    @property
    def outcome_labels(self) -> np.ndarray:
        """Grid-shaped labels of the outcomes of the equilibria at each point (str objects).

        Coarser than :attr:`labels`: each equilibrium is named by the outcome
        it reaches, not by what every player or information set would do.
        An outcome is a path of play of a sequential model, moves joined by
        ``" > "`` and the moves of one simultaneous stage by ``"/"`` (e.g.
        ``"Press > Cooperate/Cooperate"``), or a pure profile of a
        strategic-form model, strategies joined by ``"/"`` in the order of
        :attr:`players`.  An equilibrium that randomises is named
        ``"random: a or b ..."`` after the outcomes it reaches with positive
        probability.  The distinct outcomes of the equilibria listed at a
        point are joined by ``" | "``, deterministic ones first, then
        alphabetically.  Where there is a continuum of equilibria (see
        :attr:`degenerate`) the outcomes of the extreme equilibria listed are
        named; the equilibria between them randomise over those outcomes.
        """
        return np.array(self._outcome_table, dtype=object)[self._outcome_codes].reshape(self.shape)

    @property
    def count(self) -> np.ndarray:
        """Grid-shaped number of equilibria at each point."""
        return self._count.astype(np.int64).reshape(self.shape)

    @property
    def degenerate(self) -> np.ndarray:
        """Grid-shaped flag: the game has a continuum of equilibria there."""
        return self._degenerate.reshape(self.shape)

    @property
    def probabilities(self) -> np.ndarray:
        """Probabilities of the stored equilibria, shape ``(*shape, K, units, actions)``, NaN-padded.

        ``[..., k, i, s]`` is the probability that unit ``i`` (a player, or an
        information set of a sequential model) chooses its ``s``-th strategy
        or action in the ``k``-th equilibrium (canonical order; K = 1 after a
        selection rule).
        """
        return self._full(self._prob).reshape(*self.shape, *self._prob.shape[1:3], -1)

    @property
    def payoffs(self) -> np.ndarray:
        """Expected payoffs of the stored equilibria, shape ``(*shape, K, n_players)``, NaN-padded.

        Recomputed chunk by chunk when the sweep was run with ``keep_payoffs=False``.
        """
        if self._payoff is not None:
            return self._payoff.reshape(*self.shape, *self._payoff.shape[1:])
        total = self._prob.shape[0]
        out = np.empty((total, self._prob.shape[1], len(self.players)))
        for start in range(0, total, DEFAULT_CHUNK_SIZE):
            stop = min(start + DEFAULT_CHUNK_SIZE, total)
            out[start:stop] = self._payoff_rows(start, stop)
        return out.reshape(*self.shape, *out.shape[1:])

    def _payoff_rows(self, start: int, stop: int) -> np.ndarray:
        """Payoffs at flat indices [start, stop): stored, or from solving those points again."""
        if self._payoff is not None:
            return self._payoff[start:stop]
        solved = _run_chunk((self._spec, start, stop, self.selection)).payoff
        out = np.full((stop - start, self._prob.shape[1], len(self.players)), np.nan)
        out[:, : solved.shape[1]] = solved
        return out

    @staticmethod
    def _full(prob: np.ndarray) -> np.ndarray:
        if prob.shape[-1] == 1:  # vectorised route: the first strategy's probability of 2
            return np.concatenate([prob, 1.0 - prob], axis=-1)
        return prob

    # ------------------------------------------------------------------ outcomes
    def _profiles(self) -> list[tuple[str, ...]]:
        if self.paths:
            return list(self.paths)
        return list(itertools.product(*self.actions))

    def _outcome_matrix(self, prob: np.ndarray, outcome: np.ndarray | None) -> np.ndarray:
        """Probability of each outcome in each stored equilibrium: (n, K, n_outcomes)."""
        if outcome is not None:
            return outcome
        full = self._full(prob)
        cols = []
        for index in itertools.product(*(range(len(s)) for s in self.actions)):
            p = np.ones(full.shape[:2])
            for i, k in enumerate(index):
                p = p * full[:, :, i, k]
            cols.append(p)
        return np.stack(cols, axis=-1)

    def _selected(self, selection: str | None,
                  payoffs: bool = False) -> tuple[np.ndarray, np.ndarray | None, np.ndarray | None, str]:
        """The stored arrays (prob, payoff, outcome) after a rule; K = 1 unless the rule is "all".

        The payoffs are None unless asked for (or stored).
        """
        rule = self.selection if selection is None else selection
        _check_selection(rule, self._spec.route, len(self.players))
        if rule == self.selection:
            payoff = self._payoff
            if payoff is None and payoffs:
                every = self.payoffs
                payoff = every.reshape(self._prob.shape[0], *every.shape[-2:])
            return self._prob, payoff, self._outcome, rule
        if self.selection != "all":
            raise ParameterError(
                f"this sweep kept only the {self.selection!r} equilibrium at each point; sweep again with "
                f"selection='all' (the default) to apply the rule {rule!r}"
            )
        prob = np.empty((self._prob.shape[0], 1, *self._prob.shape[2:]))
        payoff = np.empty((self._prob.shape[0], 1, len(self.players)))
        outcome = None if self._outcome is None else np.empty((self._outcome.shape[0], 1, self._outcome.shape[2]))
        for start in range(0, prob.shape[0], DEFAULT_CHUNK_SIZE):
            stop = min(start + DEFAULT_CHUNK_SIZE, prob.shape[0])
            chunk = _Chunk(start, stop, self._codes[start:stop], [], self._count[start:stop], self._prob[start:stop],
                           self._payoff_rows(start, stop), self._degenerate[start:stop],
                           None if self._outcome is None else self._outcome[start:stop])
            tensor = self._spec.tensor(start, stop) if rule == "risk_dominant" else None
            pick = _select(self._spec, chunk, rule, tensor)
            prob[start:stop] = _take(chunk.prob, pick)
            payoff[start:stop] = _take(chunk.payoff, pick)
            if outcome is not None and chunk.outcome is not None:
                outcome[start:stop] = _take(chunk.outcome, pick)
        return prob, payoff, outcome, rule

    def outcomes(self, selection: str | None = None) -> dict[tuple[str, ...], np.ndarray]:
        """Probability of every outcome at every grid point under an equilibrium-selection rule.

        An outcome is a pure-strategy profile of a strategic-form model, or a
        path of actions from the root to a terminal node of a sequential model.

        Parameters
        ----------
        selection : str, optional
            One of :data:`SELECTIONS`; the sweep's own rule by default.
            ``"all"`` gives one probability per equilibrium.

        Returns
        -------
        dict
            ``{outcome: array}``, arrays of shape ``shape`` (a rule) or
            ``(*shape, K)`` (``"all"``; NaN past each point's count); NaN
            where the rule selects no equilibrium.
        """
        prob, _, outcome, rule = self._selected(selection)
        matrix = self._outcome_matrix(prob, outcome)
        out = {}
        for j, profile in enumerate(self._profiles()):
            column = matrix[:, :, j]
            out[profile] = column[:, 0].reshape(self.shape) if rule != "all" else column.reshape(*self.shape, -1)
        return out

    def outcome_probability(self, outcome: Any, selection: str | None = None) -> np.ndarray:
        """Probability of one outcome, or of an event, at every grid point under a selection rule.

        Parameters
        ----------
        outcome : tuple of str or dict
            A pure-strategy profile (strategic form) or a terminal path
            (sequential models), e.g. ``("Cooperate", "Cooperate")``; or an
            event ``{player: strategy or action}``, e.g. ``{"China": "Back Pyongyang"}``:
            the probability that the player chooses it (on a sequential model's
            path of play).  A Bayesian model's outcomes are profiles of its type
            agents' actions, and its events name agents (:attr:`units`), e.g.
            ``{"South Korea@-": "Rely"}``; a signalling model's name its
            information sets, e.g. ``{"China@Narrow": "Accommodate"}``.
        selection : str, optional
            One of :data:`SELECTIONS`; the sweep's own rule by default.

        Returns
        -------
        numpy.ndarray
            Shape ``shape`` for a rule, ``(*shape, K)`` for ``"all"``.
        """
        every = self.outcomes(selection)
        if isinstance(outcome, Mapping):
            chosen = [profile for profile in every if self._in_event(profile, outcome)]
        else:
            key = tuple(outcome) if isinstance(outcome, (list, tuple)) else None
            if key not in every:
                raise ParameterError(f"unknown outcome {outcome!r}; the outcomes are: {sorted(every)}")
            chosen = [key]
        if not chosen:
            return np.zeros_like(next(iter(every.values())))
        return np.sum([every[profile] for profile in chosen], axis=0)

    def _in_event(self, profile: tuple[str, ...], event: Mapping[str, Any]) -> bool:
        # A Bayesian model's outcomes are profiles of its type agents' actions: events name agents.
        bayesian = self._spec.route in ("bayesian", "signaling")  # events name units (agents, information sets)
        players = list(self.units if bayesian else self.players)
        for player, choice in event.items():
            if player not in players:
                what = "type agent" if bayesian else "player"
                raise ParameterError(f"unknown {what} {player!r} in the event; the {what}s are: {players}")
            wanted = {choice} if isinstance(choice, str) else set(choice)
            if self.paths:
                tree = self._spec.instance(0).game()
                made = {profile[j] for j in range(len(profile)) if _mover(tree, profile[:j]) == player}
            else:
                made = {profile[players.index(player)]}
                known = set(self.actions[players.index(player)])
                if not wanted <= known:
                    raise ParameterError(f"{player} has no strategy {sorted(wanted - known)}; it has {sorted(known)}")
            if not made & wanted:
                return False
        return True

    # ------------------------------------------------------------------ tables and pictures
    def to_pandas(self) -> Any:
        """A tidy table: one row per grid point, equilibrium, player (or information set) and strategy.

        Columns: the swept parameters, ``equilibrium`` (index in canonical
        order), ``set_label``, ``kind`` (``"strategy"`` or ``"outcome"``),
        ``unit`` (player or information set; ``"outcome"`` for outcome rows),
        ``choice`` (strategy, action or outcome joined by ``" > "``),
        ``probability`` and ``payoff`` (the unit's expected payoff in that
        equilibrium when the unit is a player; NaN otherwise).

        Raises
        ------
        MissingDependencyError
            When pandas is not installed (``pip install "trigame[data]"``).
        """
        try:
            import pandas as pd
        except ImportError:
            raise MissingDependencyError('to_pandas needs pandas: pip install "trigame[data]"') from None
        prob, payoff, outcome, rule = self._selected(None, payoffs=True)
        assert payoff is not None
        full = self._full(prob)
        _n, k = full.shape[:2]
        count = np.minimum(self._count.astype(np.int64), k) if rule == "all" else np.where(
            np.isnan(full[:, 0, 0, 0]), 0, 1)
        point, eq = np.nonzero(np.arange(k)[None, :] < count[:, None])
        coords = np.unravel_index(point, self.shape)
        labels = np.array(self._table, dtype=object)[self._codes]
        frames = []
        players = list(self.players)
        for u, unit in enumerate(self.units):
            for s, choice in enumerate(self.actions[u]):
                data: dict[str, Any] = {name: axis[c] for name, axis, c in zip(self.grid, self.grid.values(), coords)}
                data.update(equilibrium=eq, set_label=labels[point], kind="strategy", unit=unit, choice=choice,
                            probability=full[point, eq, u, s])
                data["payoff"] = (payoff[point, eq, players.index(unit)] if unit in players
                                  else np.full(point.shape, np.nan))
                frames.append(pd.DataFrame(data))
        matrix = self._outcome_matrix(prob, outcome)
        for j, profile in enumerate(self._profiles()):
            data = {name: axis[c] for name, axis, c in zip(self.grid, self.grid.values(), coords)}
            data.update(equilibrium=eq, set_label=labels[point], kind="outcome", unit="outcome",
                        choice=" > ".join(profile), probability=matrix[point, eq, j], payoff=np.nan)
            frames.append(pd.DataFrame(data))
        table = pd.concat(frames, ignore_index=True)
        return table.sort_values([*self.grid, "equilibrium", "kind"], kind="stable", ignore_index=True)

    def plot(self, x: str, y: str | None = None, ax: Any = None, boundaries: bool = True, **options: Any) -> Any:
        """A region map over parameters ``x`` and ``y``, or outcome curves over ``x`` (see :mod:`trigame.viz.figures`).

        Region maps take ``by="equilibrium"`` or ``by="outcome"``; by default
        sequential models are coloured by the outcomes of their equilibria
        (:attr:`outcome_labels`), strategic-form models by their equilibrium
        sets (:attr:`labels`).
        """
        if not _FIGURES:
            raise TrigameError("no figures are installed for SweepResult.plot; import trigame (the package "
                               "installs trigame.viz.figures) or draw with trigame.viz.figures directly")
        figures = _FIGURES[0]()
        if y is None:
            return figures.outcome_curves(self, x, ax=ax, **options)
        return figures.region_map(self, x, y, ax=ax, boundaries=boundaries, **options)

    def _repr_html_(self) -> str:
        """The grid and the share of it each equilibrium set covers, for Jupyter."""
        from trigame.games._display import html_table

        codes = self.label_codes.ravel()
        rows = [[label, f"{(codes == k).mean():.1%}"] for k, label in enumerate(self.label_set)]
        axes = ", ".join(f"{name}: {len(a)} values from {a[0]:.4g} to {a[-1]:.4g}" for name, a in self.grid.items())
        return html_table(["equilibrium set", "share of the grid"], rows,
                          caption=f"Sweep of {self.model.__name__} ({axes})",
                          notes=["result.plot(x, y) draws the map; result.to_pandas() gives every point"])

    def __repr__(self) -> str:
        axes = ", ".join(f"{name}: {len(a)} values" for name, a in self.grid.items())
        return (f"SweepResult({self.model.__name__}; {axes}; {len(self._table)} distinct equilibrium sets; "
                f"selection={self.selection!r})")


def _mover(tree: Any, path: tuple[str, ...]) -> str | None:
    return getattr(tree.node(path), "player", None)
