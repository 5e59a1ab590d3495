"""The statistical specification of a game: which parameters move with which covariates, and how outcomes are coded.

:class:`Specification` joins a model (or a symbolic tree or strategic-form
game) to a data frame.  Each estimated parameter is a linear index of
covariate columns, ``theta_p = X_p @ beta_p`` (the column ``"1"`` is a
constant); every other parameter keeps a fixed value.  The game is built once
over SymPy symbols; its terminal payoffs are evaluated on the arrays of
parameter values, one row per observation, and the agent QRE engine of
:mod:`trigame.solve.qre.agent` turns them into outcome probabilities.

A strategic-form game is played as a tree of simultaneous moves: each player
has one information set, so its agent QRE is the logit QRE of the strategic
form (McKelvey and Palfrey 1995).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from trigame.errors import ParameterError, UnsupportedGameError
from trigame.games.normal_form import NormalFormGame
from trigame.games.tree import Decision, GameTree, Terminal
from trigame.models.base import Model
from trigame.models.expressions import _evaluate
from trigame.solve.qre.agent import ERRORS, TreeArrays, precision

__all__ = ["CONSTANT", "ESTIMATED", "LOG_LAM", "Specification"]

#: The covariate name that stands for a constant term.
CONSTANT = "1"

#: The value of ``lam`` that asks for the precision to be estimated.
ESTIMATED = "estimate"

#: The name of the estimated log-precision coefficient.
LOG_LAM = "log_lam"

#: The most observations one likelihood evaluation handles at once.
MAX_OBSERVATIONS = 1_000_000


def _simultaneous_tree(game: NormalFormGame) -> GameTree:
    """The strategic form as a tree: players move in order, each in one information set (its name)."""
    def build(level: int, prefix: tuple[int, ...]) -> Any:
        if level == game.n_players:
            return Terminal(tuple(game.payoffs[i][prefix] for i in range(game.n_players)))
        return Decision(game.players[level],
                        {s: build(level + 1, (*prefix, j)) for j, s in enumerate(game.strategies[level])},
                        infoset=game.players[level])

    return GameTree(build(0, ()), players=game.players, title=game.title)


def _name(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value:
        raise ParameterError(f"{what} must be a non-empty string, got {value!r}")
    return value


class Specification:
    """A game, its estimated parameters as linear indices of covariates, and the coded outcomes.

    See :func:`trigame.estimation.estimate` for the arguments.
    """

    def __init__(
        self,
        model: Any,
        data: Any,
        *,
        outcome: Any,
        covariates: Mapping[str, Any],
        fixed: Mapping[str, Any] | None = None,
        error: str = "logit",
        lam: Any = 1.0,
        require_outcome: bool = True,
    ) -> None:
        if not isinstance(error, str) or error not in ERRORS:
            raise ParameterError(f"error must be one of {list(ERRORS)}, got {error!r}")
        self.error = error
        self.game, self.parameter_names, self.model_name = self._game(model, covariates, fixed, lam)
        self.arrays = TreeArrays(self.game)
        self.strategic = isinstance(self._source, NormalFormGame)
        #: Whether the precision is estimated (a common ``exp(log_lam)``, the last coefficient).
        self.estimate_lam = isinstance(lam, str) and lam == ESTIMATED
        self.lam = np.ones(len(self.arrays.players)) if self.estimate_lam else precision(lam, self.arrays.players)
        self.columns, self.design = self._design(data, covariates)
        self.n_obs = len(next(iter(self.design.values()))) if self.design else self._rows(data)
        self.names = [f"{p}:{'const' if c == CONSTANT else c}" for p in self.columns for c in self.columns[p]]
        if self.estimate_lam:
            self.names.append(LOG_LAM)
        self.outcome_labels = ["/".join(path) for path in self.arrays.terminal_paths]
        self.y = self._outcomes(data, outcome) if (require_outcome or outcome is not None) else None
        values = self.game.terminals()
        self._payoffs = [values[path] for path in self.arrays.terminal_paths]

    # ------------------------------------------------------------------ the game
    def _game(self, model: Any, covariates: Any, fixed: Mapping[str, Any] | None,
              lam: Any) -> tuple[GameTree, list[str], str]:
        if not isinstance(covariates, Mapping) or not (covariates or (isinstance(lam, str) and lam == ESTIMATED)):
            raise ParameterError("covariates must be a non-empty mapping {parameter: column or list of columns} "
                                 "('1' for a constant), or {} with lam='estimate'")
        estimated = [_name(p, "a parameter name in covariates") for p in covariates]
        fixed = dict(fixed or {})
        for key in fixed:
            _name(key, "a parameter name in fixed")
        if (isinstance(model, type) and issubclass(model, Model)) or isinstance(model, Model):
            cls = model if isinstance(model, type) else type(model)
            known = cls.parameter_names()
            for p in [*estimated, *fixed]:
                if p not in known:
                    raise ParameterError(f"{cls.__name__} has no parameter {p!r}; its parameters are: "
                                         f"{', '.join(known)}")
            both = sorted(set(estimated) & set(fixed))
            if both:
                raise ParameterError(f"parameter(s) {both} are both estimated (covariates) and fixed")
            values = {**model.values(), **fixed}
            keep = {p: v for p, v in values.items() if p not in estimated}
            built = model.symbolic_game(**keep) if isinstance(model, Model) else cls.symbolic_game(**keep)
            name = cls.__name__
        elif isinstance(model, (GameTree, NormalFormGame)):
            if fixed:
                model = model.subs(fixed)
            built = model
            name = model.title or type(model).__name__
        else:
            raise UnsupportedGameError("estimate needs a Model (class or instance), a GameTree or a "
                                       f"NormalFormGame with symbolic payoffs, got {type(model).__name__}")
        self._source = built
        tree = _simultaneous_tree(built) if isinstance(built, NormalFormGame) else built
        symbols = {s.name for s in tree.symbols}
        missing = [p for p in estimated if p not in symbols]
        if missing:
            raise ParameterError(f"parameter(s) {missing} do not appear in the payoffs, so the outcomes cannot "
                                 f"identify them; the game's free symbols are {sorted(symbols)}")
        unset = sorted(symbols - set(estimated))
        if unset:
            raise ParameterError(f"the payoffs still hold the symbol(s) {unset}: estimate them (covariates) or "
                                 "give them values (fixed)")
        return tree, estimated, name

    # ------------------------------------------------------------------ the data
    @staticmethod
    def _rows(data: Any) -> int:
        try:
            return len(data)
        except TypeError:
            raise ParameterError(f"data must be a pandas DataFrame, got {type(data).__name__}") from None

    @staticmethod
    def _column(data: Any, name: str) -> Any:
        import pandas as pd

        if not isinstance(data, pd.DataFrame):
            raise ParameterError(f"data must be a pandas DataFrame, got {type(data).__name__}")
        if name not in data.columns:
            raise ParameterError(f"data has no column {name!r}; its columns are {list(map(str, data.columns))}")
        return data[name]

    def _design(self, data: Any, covariates: Mapping[str, Any]) -> tuple[dict[str, list[str]], dict[str, np.ndarray]]:
        import pandas as pd

        if not isinstance(data, pd.DataFrame):
            raise ParameterError(f"data must be a pandas DataFrame, got {type(data).__name__}")
        n = len(data)
        if n == 0:
            raise ParameterError("data has no rows")
        if n > MAX_OBSERVATIONS:
            raise ParameterError(f"data has {n} rows; at most {MAX_OBSERVATIONS} are supported")
        columns: dict[str, list[str]] = {}
        design: dict[str, np.ndarray] = {}
        for p, given in covariates.items():
            names = [given] if isinstance(given, str) else given
            if not isinstance(names, Sequence) or isinstance(names, (bytes, bytearray)) or not names:
                raise ParameterError(f"covariates[{p!r}] must be a column name or a non-empty list of them "
                                     f"('1' for a constant), got {given!r}")
            names = [_name(c, f"a covariate of {p!r}") for c in names]
            if len(set(names)) != len(names):
                raise ParameterError(f"covariates[{p!r}] repeats a column: {names}")
            block = []
            for c in names:
                if c == CONSTANT:
                    block.append(np.ones(n))
                    continue
                column = self._column(data, c)
                if not (pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column)):
                    raise ParameterError(f"column {c!r} must hold numbers, got dtype {column.dtype}")
                values = column.to_numpy(dtype=float)
                bad = int((~np.isfinite(values)).sum())
                if bad:
                    raise ParameterError(f"column {c!r} has {bad} missing or infinite value(s); drop those rows "
                                         "first (data.dropna())")
                block.append(values)
            columns[p] = names
            design[p] = np.stack(block, axis=1)
        return columns, design

    def _outcomes(self, data: Any, outcome: Any) -> np.ndarray:
        """The index of each observation's terminal node (one column, or one column per player)."""
        lookup: dict[Any, int] = {}
        for t, path in enumerate(self.arrays.terminal_paths):
            for key in (path, "/".join(path), ", ".join(path)):
                lookup.setdefault(key, t)
        labels = [self.game.node(path).label for path in self.arrays.terminal_paths]
        for t, label in enumerate(labels):
            if label and labels.count(label) == 1:
                lookup.setdefault(label, t)
        if isinstance(outcome, str):
            raw = list(self._column(data, outcome))
        elif isinstance(outcome, Sequence) and outcome and all(isinstance(c, str) for c in outcome):
            if not self.strategic or len(outcome) != len(self.arrays.players):
                raise ParameterError("outcome as a list of columns needs a strategic-form game and one column "
                                     f"per player ({list(self.arrays.players)}); a tree takes one column of "
                                     "terminal nodes")
            raw = list(zip(*(list(self._column(data, c)) for c in outcome)))
        else:
            raise ParameterError(f"outcome must be a column name (or one per player of a strategic game), "
                                 f"got {outcome!r}")
        y = np.empty(len(raw), dtype=np.int64)
        for r, value in enumerate(raw):
            key = tuple(value) if isinstance(value, list) else value
            try:
                y[r] = lookup[key]
            except (KeyError, TypeError):
                raise ParameterError(f"row {r}: outcome {value!r} is not a terminal node of the game; the outcomes "
                                     f"are {self.outcome_labels}") from None
        return y

    # ------------------------------------------------------------------ evaluation
    def parameter_values(self, beta: np.ndarray, rows: np.ndarray | None = None) -> dict[str, np.ndarray]:
        """``{parameter: values (n,)}`` at the coefficients ``beta`` (for ``rows`` when given)."""
        out = {}
        start = 0
        for p in self.parameter_names:
            X = self.design[p] if rows is None else self.design[p][rows]
            k = X.shape[1]
            out[p] = X @ beta[start:start + k]
            start += k
        return out

    def payoffs(self, beta: np.ndarray, rows: np.ndarray | None = None) -> np.ndarray:
        """Terminal payoffs ``(n, terminals, players)`` at ``beta``."""
        values = self.parameter_values(beta, rows)
        n = self.n_obs if rows is None else len(rows)
        out = np.empty((n, len(self._payoffs), len(self.arrays.players)))
        for t, vector in enumerate(self._payoffs):
            for i, u in enumerate(vector):
                out[:, t, i] = _evaluate(u, values, True)
        return out

    def precision(self, beta: np.ndarray) -> np.ndarray:
        """Each player's precision at ``beta`` (``exp`` of the last coefficient when it is estimated)."""
        if self.estimate_lam:
            return np.full(len(self.lam), float(np.exp(min(beta[-1], 700.0))))
        return self.lam

    def lam_rows(self, n: int, beta: np.ndarray) -> np.ndarray:
        """The precision ``(n, players)`` at ``beta``."""
        lam = self.precision(beta)
        return np.broadcast_to(lam, (n, len(lam)))

    def check_coefficients(self, beta: Any, what: str = "start") -> np.ndarray:
        """A coefficient vector: a sequence or ``{name: value}`` of finite numbers, one per coefficient."""
        if isinstance(beta, Mapping):
            unknown = sorted(str(k) for k in beta if k not in self.names)
            if unknown:
                raise ParameterError(f"{what} names unknown coefficient(s) {unknown}; the coefficients are "
                                     f"{self.names}")
            beta = [beta.get(name, 0.0) for name in self.names]
        if isinstance(beta, (str, bytes)) or not isinstance(beta, (Sequence, np.ndarray)):
            raise ParameterError(f"{what} must be a sequence or mapping of {len(self.names)} numbers, got {beta!r}")
        values = list(np.asarray(beta, dtype=object).ravel())
        if len(values) != len(self.names):
            raise ParameterError(f"{what} needs {len(self.names)} numbers ({self.names}), got {len(values)}")
        out = []
        for name, x in zip(self.names, values):
            if isinstance(x, bool) or not isinstance(x, numbers.Real) or not math.isfinite(float(x)):
                raise ParameterError(f"{what}: the value of {name} must be a finite number, got {x!r}")
            out.append(float(x))
        return np.array(out)

    def describe_terms(self) -> list[tuple[str, str]]:
        """``(parameter, covariate)`` of every coefficient, in order."""
        return [(p, "const" if c == CONSTANT else c) for p in self.columns for c in self.columns[p]]

    def profiles(self) -> list[tuple[str, ...]]:
        """The terminal paths (profiles of a strategic game), in outcome order."""
        return list(self.arrays.terminal_paths)
