"""Agent-form logit (and probit) quantal response equilibrium of a game tree: the "agent error" model.

In the agent quantal response equilibrium (McKelvey and Palfrey 1998) each
information set is played by its own agent, who adds an independent error to
the expected payoff of each of its actions and picks the best.  With
type-I extreme-value errors of scale ``1/lam`` (the *logit* form) agent ``h``
plays action ``a`` with probability

    sigma_h(a) = exp(lam * U_h(a)) / sum_b exp(lam * U_h(b)),

where ``U_h(a)`` is the agent's expected payoff of ``a`` given the behaviour
at every other information set, with beliefs over the nodes of ``h`` given by
Bayes' rule (every node is reached with positive probability, since logit
behaviour has full support).  With normal errors of standard deviation
``1/lam`` on each action (the *probit* form, Signorino 1999's agent error),
``sigma_h(a) = E_z[prod_{b != a} Phi(z + lam * (U_h(a) - U_h(b)))]``, which for
two actions is ``Phi(lam * (U_h(a) - U_h(b)) / sqrt(2))``.

On a tree of perfect information the equilibrium is unique and computed
exactly by backward induction: each agent responds to the (already solved)
behaviour below it.  Otherwise the equilibrium is a fixed point, found on the
principal branch: it is followed from precision 0 (uniform play) to its
first point at ``lam`` by pseudo-arclength continuation, which passes the
turning points where the precision must fall for a while.

The engine works on many games at once -- one tree, terminal payoffs given as
an array over observations -- which is what the structural estimation of
:mod:`trigame.estimation` needs; :func:`agent_qre` is the one-game face.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from trigame._numbers import classify, to_float
from trigame.budget import WorkBudget, check_limit
from trigame.errors import BudgetExceededError, ParameterError, SolverError, TrigameError, UnsupportedGameError
from trigame.games.tree import Chance, Decision, GameTree, Terminal

__all__ = ["ERRORS", "AgentQRE", "TreeArrays", "agent_qre", "choice_probabilities", "solve_behavior"]

#: The error distributions of the agent error model.
ERRORS = ("logit", "probit")

#: Gauss--Hermite order of the probit choice probabilities with more than two actions.
_PROBIT_NODES = 48


# ---------------------------------------------------------------------------- the tree as arrays
class TreeArrays:
    """A game tree flattened for vectorised evaluation over many payoff draws.

    Nodes are kept in preorder; ``terminal[k]`` is the index of node ``k``
    among the terminals (or -1), ``infoset[k]`` the index of its information
    set (or -1); the actions of information set ``h`` occupy the columns
    ``offset[h] : offset[h] + size[h]`` of a behaviour array.
    """

    def __init__(self, tree: GameTree) -> None:
        if not isinstance(tree, GameTree):
            raise UnsupportedGameError(f"an agent QRE needs a GameTree, got {type(tree).__name__}")
        self.tree = tree
        self.players = tree.players
        infos = tree.information_sets
        self.infoset_keys: tuple[Hashable, ...] = tuple(info.key for info in infos)
        self.actions: tuple[tuple[str, ...], ...] = tuple(info.actions for info in infos)
        self.mover = tuple(tree.players.index(info.player) for info in infos)
        sizes = [len(a) for a in self.actions]
        self.size = tuple(sizes)
        self.offset = tuple(int(x) for x in np.concatenate([[0], np.cumsum(sizes)[:-1]])) if sizes else ()
        self.n_actions = int(sum(sizes))
        key_index = {key: h for h, key in enumerate(self.infoset_keys)}
        nodes: list[Any] = []
        terminal: list[int] = []
        infoset: list[int] = []
        chance: list[tuple[float, ...]] = []
        terminal_paths: list[tuple[str, ...]] = []
        stack: list[tuple[Any, int, tuple[str, ...]]] = [(tree.root, -1, ())]
        parent_children: dict[int, list[int]] = {}
        while stack:  # preorder without recursion
            node, parent, path = stack.pop()
            k = len(nodes)
            nodes.append(node)
            parent_children.setdefault(k, [])
            if parent >= 0:
                parent_children[parent].append(k)
            if isinstance(node, Terminal):
                terminal.append(len(terminal_paths))
                terminal_paths.append(path)
                infoset.append(-1)
                chance.append(())
                items: list[tuple[str, Any]] = []
            elif isinstance(node, Chance):
                terminal.append(-1)
                infoset.append(-1)
                chance.append(tuple(to_float(p) for p, _ in node.outcomes.values()))
                items = [(label, child) for label, (_, child) in node.outcomes.items()]
            else:
                assert isinstance(node, Decision)
                terminal.append(-1)
                infoset.append(key_index[tree.information_set(path)])
                chance.append(())
                items = list(node.actions.items())
            for label, child in reversed(items):
                stack.append((child, k, (*path, label)))
        self.n_nodes = len(nodes)
        self.children = tuple(tuple(parent_children[k]) for k in range(self.n_nodes))
        self.terminal = tuple(terminal)
        self.infoset = tuple(infoset)
        self.chance = tuple(chance)
        self.terminal_paths = tuple(terminal_paths)
        self.perfect = all(len(info.paths) == 1 for info in infos)

    def terminal_payoffs(self) -> np.ndarray:
        """The tree's own terminal payoffs as a float array of shape ``(1, terminals, players)``."""
        if self.tree.kind == "symbolic":
            raise UnsupportedGameError("the tree has symbolic payoffs; substitute numbers with tree.subs(...) first")
        values = self.tree.terminals()
        return np.array([[[to_float(u) for u in values[path]] for path in self.terminal_paths]], dtype=float)

    def values(self, payoffs: np.ndarray, behavior: np.ndarray) -> list[np.ndarray]:
        """Each node's expected payoff vector, ``(n, players)``, under ``behavior`` (reverse preorder)."""
        out: list[np.ndarray] = [np.empty(0)] * self.n_nodes
        for k in range(self.n_nodes - 1, -1, -1):
            t = self.terminal[k]
            if t >= 0:
                out[k] = payoffs[:, t, :]
            elif self.infoset[k] < 0:
                out[k] = sum(p * out[c] for p, c in zip(self.chance[k], self.children[k]))  # type: ignore[assignment]
            else:
                h = self.infoset[k]
                probs = behavior[:, self.offset[h]:self.offset[h] + self.size[h]]
                out[k] = sum(probs[:, [j]] * out[c] for j, c in enumerate(self.children[k]))  # type: ignore[assignment]
        return out

    def reach(self, behavior: np.ndarray) -> list[np.ndarray]:
        """Each node's probability of being reached, ``(n,)``, under ``behavior`` (preorder)."""
        n = behavior.shape[0]
        out: list[np.ndarray] = [np.ones(n)] * self.n_nodes
        for k in range(self.n_nodes):
            h = self.infoset[k]
            for j, c in enumerate(self.children[k]):
                if h >= 0:
                    out[c] = out[k] * behavior[:, self.offset[h] + j]
                else:
                    out[c] = out[k] * self.chance[k][j]
        return out

    def outcome_probabilities(self, behavior: np.ndarray) -> np.ndarray:
        """The probability of each terminal node, ``(n, terminals)``."""
        reach = self.reach(behavior)
        return np.stack([reach[k] for k in range(self.n_nodes) if self.terminal[k] >= 0], axis=1)

    def action_values(self, payoffs: np.ndarray, behavior: np.ndarray) -> np.ndarray:
        """Each agent's expected payoff of each of its actions, ``(n, actions)``, beliefs by Bayes' rule."""
        values = self.values(payoffs, behavior)
        reach = self.reach(behavior)
        n = payoffs.shape[0]
        num = np.zeros((n, self.n_actions))
        den = np.zeros((n, len(self.size)))
        for k in range(self.n_nodes):
            h = self.infoset[k]
            if h < 0:
                continue
            i = self.mover[h]
            den[:, h] += reach[k]
            for j, c in enumerate(self.children[k]):
                num[:, self.offset[h] + j] += reach[k] * values[c][:, i]
        den_actions = np.repeat(den, self.size, axis=1)
        plain = np.zeros_like(num)  # a set reached with probability 0: nodes weighted equally
        for k in range(self.n_nodes):
            h = self.infoset[k]
            if h >= 0:
                for j, c in enumerate(self.children[k]):
                    plain[:, self.offset[h] + j] += values[c][:, self.mover[h]]
        counts = np.repeat(np.bincount([h for h in self.infoset if h >= 0], minlength=len(self.size)), self.size)
        with np.errstate(invalid="ignore", divide="ignore"):
            out = np.where(den_actions > 0, num / np.where(den_actions > 0, den_actions, 1.0), plain / counts)
        return out


# ---------------------------------------------------------------------------- choice
def choice_probabilities(utilities: np.ndarray, lam: np.ndarray, error: str) -> np.ndarray:
    """Choice probabilities of one agent: ``utilities`` ``(n, m)``, precision ``lam`` ``(n,)``.

    ``"logit"``: the softmax of ``lam * utilities``.  ``"probit"``: independent
    normal errors of standard deviation ``1/lam`` on each action.
    """
    m = utilities.shape[1]
    # Differences first, then the precision: payoffs near the float limit give infinities, never NaN.
    with np.errstate(over="ignore", invalid="ignore"):
        if error == "logit":
            shifted = (utilities - utilities.max(axis=1, keepdims=True)) * lam[:, None]
            weights = np.exp(np.where(np.isnan(shifted), 0.0, shifted))
            return weights / weights.sum(axis=1, keepdims=True)
        from scipy.special import ndtr

        if m == 1:
            return np.ones_like(utilities)
        if m == 2:
            d = (utilities[:, 0] - utilities[:, 1]) * lam / np.sqrt(2.0)
            d = np.where(np.isnan(d), 0.0, d)
            return np.stack([ndtr(d), ndtr(-d)], axis=1)
        z, w = np.polynomial.hermite_e.hermegauss(_PROBIT_NODES)
        w = w / w.sum()
        out = np.empty_like(utilities)
        for a in range(m):
            diff = (utilities[:, [a]] - np.delete(utilities, a, axis=1)) * lam[:, None]  # (n, m-1)
            diff = np.where(np.isnan(diff), 0.0, diff)
            out[:, a] = np.prod(ndtr(z[None, :, None] + diff[:, None, :]), axis=2) @ w
    return out / out.sum(axis=1, keepdims=True)


def _respond(arrays: TreeArrays, values: np.ndarray, lam: np.ndarray, error: str) -> np.ndarray:
    """The quantal response of every agent to the action values ``(n, actions)``."""
    out = np.empty_like(values)
    for h, (start, size) in enumerate(zip(arrays.offset, arrays.size)):
        out[:, start:start + size] = choice_probabilities(values[:, start:start + size], lam[:, arrays.mover[h]],
                                                          error)
    return out


def uniform_behavior(arrays: TreeArrays, n: int) -> np.ndarray:
    """Every agent mixing uniformly: the agent QRE at precision 0."""
    return np.concatenate([np.full((n, size), 1.0 / size) for size in arrays.size], axis=1) if arrays.size \
        else np.zeros((n, 0))


def _backward(arrays: TreeArrays, payoffs: np.ndarray, lam: np.ndarray, error: str) -> np.ndarray:
    """Backward induction on a tree of perfect information: the unique agent QRE."""
    n = payoffs.shape[0]
    behavior = np.zeros((n, arrays.n_actions))
    value: list[np.ndarray] = [np.empty(0)] * arrays.n_nodes
    for k in range(arrays.n_nodes - 1, -1, -1):
        t, h = arrays.terminal[k], arrays.infoset[k]
        kids = arrays.children[k]
        if t >= 0:
            value[k] = payoffs[:, t, :]
        elif h < 0:
            value[k] = sum(p * value[c] for p, c in zip(arrays.chance[k], kids))  # type: ignore[assignment]
        else:
            i = arrays.mover[h]
            probs = choice_probabilities(np.stack([value[c][:, i] for c in kids], axis=1), lam[:, i], error)
            behavior[:, arrays.offset[h]:arrays.offset[h] + arrays.size[h]] = probs
            value[k] = sum(probs[:, [j]] * value[c] for j, c in enumerate(kids))  # type: ignore[assignment]
    return behavior


def _newton(
    arrays: TreeArrays, payoffs: np.ndarray, lam: np.ndarray, error: str, behavior: np.ndarray, tol: float,
    budget: WorkBudget, rounds: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Newton's method on ``Psi(sigma) = sigma`` for every row at once (forward-difference Jacobian).

    Each agent's probabilities sum to 1 under ``Psi``, so the Newton step
    keeps the sums; a step that would leave the simplex is replaced by a
    damped fixed-point step for that row.  Returns ``(behavior, converged)``.
    """
    n, m = behavior.shape
    eye = np.eye(m)
    converged = np.zeros(n, dtype=bool)
    for _ in range(rounds):
        budget.spend()
        psi = _respond(arrays, arrays.action_values(payoffs, behavior), lam, error)
        gap = psi - behavior
        converged = np.abs(gap).max(axis=1) < tol
        if converged.all():
            return psi, converged
        h = 1e-7
        jac = np.empty((n, m, m))
        for j in range(m):
            moved = behavior.copy()
            moved[:, j] += h
            jac[:, :, j] = (_respond(arrays, arrays.action_values(payoffs, moved), lam, error) - psi) / h
        try:
            step = np.linalg.solve(eye[None] - jac, gap[:, :, None])[:, :, 0]
        except np.linalg.LinAlgError:
            step = np.stack([np.linalg.lstsq(eye - jac[r], gap[r], rcond=None)[0] for r in range(n)])
        proposal = behavior + step
        inside = np.isfinite(proposal).all(axis=1) & (proposal > 0).all(axis=1) & (proposal < 1 + 1e-12).all(axis=1)
        fallback = behavior + 0.5 * gap
        behavior = np.where(converged[:, None], psi, np.where(inside[:, None], proposal, fallback))
    psi = _respond(arrays, arrays.action_values(payoffs, behavior), lam, error)
    return behavior, np.abs(psi - behavior).max(axis=1) < tol


def _homotopy(arrays: TreeArrays, payoffs: np.ndarray, lam: np.ndarray, error: str,
              x: np.ndarray) -> np.ndarray:
    """``H(sigma, t) = Psi(sigma; t * lam) - sigma`` at ``x = (sigma, t)`` row by row."""
    sigma, t = x[:, :-1], x[:, -1]
    return _respond(arrays, arrays.action_values(payoffs, sigma), lam * t[:, None], error) - sigma


def _jacobian(arrays: TreeArrays, payoffs: np.ndarray, lam: np.ndarray, error: str, x: np.ndarray,
              value: np.ndarray) -> np.ndarray:
    """Forward-difference Jacobian of the homotopy, ``(n, m, m + 1)``."""
    h = 1e-7
    cols = []
    for j in range(x.shape[1]):
        moved = x.copy()
        moved[:, j] += h
        cols.append((_homotopy(arrays, payoffs, lam, error, moved) - value) / h)
    return np.stack(cols, axis=2)


def _tangent(jac: np.ndarray, previous: np.ndarray | None) -> np.ndarray:
    """The unit null vector of each row's Jacobian, oriented along ``previous`` (or with t increasing).

    Solved from the Jacobian bordered by the previous tangent (or by the t
    axis at the start): ``[J; tau'] x = [0; 1]``; rows where that system is
    singular fall back to the singular value decomposition.
    """
    n, m, _ = jac.shape
    border = previous if previous is not None else np.eye(m + 1)[None, -1].repeat(n, axis=0)
    system = np.concatenate([jac, border[:, None, :]], axis=1)
    rhs = np.zeros((n, m + 1, 1))
    rhs[:, -1] = 1.0
    try:
        tangent = np.linalg.solve(system, rhs)[:, :, 0]
    except np.linalg.LinAlgError:
        tangent = np.linalg.svd(jac)[2][:, -1, :]
    tangent = tangent / np.linalg.norm(tangent, axis=1, keepdims=True)
    sign = np.sign(np.einsum("ij,ij->i", tangent, border))
    return tangent * np.where(sign == 0, 1.0, sign)[:, None]


def _min_norm_step(jac: np.ndarray, value: np.ndarray) -> np.ndarray:
    """The least-norm ``d`` with ``J d = value`` for each row: ``J' (J J')^-1 value`` (pseudo-inverse if singular)."""
    try:
        return np.einsum("nji,nj->ni", jac, np.linalg.solve(jac @ jac.transpose(0, 2, 1), value[:, :, None])[:, :, 0])
    except np.linalg.LinAlgError:
        return (np.linalg.pinv(jac) @ value[:, :, None])[:, :, 0]


def _trace(arrays: TreeArrays, payoffs: np.ndarray, lam: np.ndarray, error: str, tol: float, budget: WorkBudget,
           first: float) -> tuple[np.ndarray, np.ndarray]:
    """Follow each row's principal branch from ``t = 0`` to ``t = 1`` by pseudo-arclength continuation.

    Predictor along the tangent, Gauss--Newton corrector (minimum-norm steps)
    with the step halved when the corrector fails or moves too far, so
    turning points (where the precision must fall for a while) are passed,
    not jumped over.  The first crossing of ``t = 1`` is refined by Newton's
    method at the target precision.
    """
    n = payoffs.shape[0]
    x = np.concatenate([uniform_behavior(arrays, n), np.zeros((n, 1))], axis=1)
    step = np.full(n, first)
    active = np.ones(n, dtype=bool)
    lost = np.zeros(n, dtype=bool)
    tangent = _tangent(_jacobian(arrays, payoffs, lam, error, x, _homotopy(arrays, payoffs, lam, error, x)), None)
    while active.any():
        budget.spend()
        rows = np.flatnonzero(active)
        P, L = payoffs[rows], lam[rows]
        trial = x[rows] + step[rows, None] * tangent[rows]
        value = _homotopy(arrays, P, L, error, trial)
        jac = _jacobian(arrays, P, L, error, trial, value)
        for _ in range(8):  # chord corrector: the predictor's Jacobian throughout
            trial = trial - _min_norm_step(jac, value)
            value = _homotopy(arrays, P, L, error, trial)
            if np.abs(value).max() < 1e-11:
                break
        value = np.abs(value).max(axis=1)
        moved = np.linalg.norm(trial - x[rows] - step[rows, None] * tangent[rows], axis=1)
        good = (value < 1e-9) & (moved < 0.5 * step[rows]) & (trial[:, :-1] > 0).all(axis=1)
        new_tangent = _tangent(_jacobian(arrays, P, L, error, trial, _homotopy(arrays, P, L, error, trial)),
                               tangent[rows])
        for k, r in enumerate(rows):
            if not good[k]:
                step[r] /= 2
                if step[r] < 1e-7:
                    active[r], lost[r] = False, True
                continue
            if trial[k, -1] >= 1.0:  # crossed the target: interpolate back to t = 1
                a = (1.0 - x[r, -1]) / max(trial[k, -1] - x[r, -1], 1e-300)
                x[r] = x[r] + a * (trial[k] - x[r])
                active[r] = False
                continue
            x[r], tangent[r] = trial[k], new_tangent[k]
            step[r] = min(step[r] * 1.5, 4 * first)
    sigma = np.clip(x[:, :-1], 1e-300, 1.0)
    behavior, converged = _newton(arrays, payoffs, lam, error, sigma, tol, budget, 30)
    return behavior, converged & ~lost


def solve_behavior(
    arrays: TreeArrays,
    payoffs: np.ndarray,
    lam: np.ndarray,
    error: str = "logit",
    *,
    start: np.ndarray | None = None,
    steps: int = 8,
    tol: float = 1e-13,
    max_iter: int = 20_000,
) -> tuple[np.ndarray, np.ndarray, int]:
    """The agent QRE behaviour ``(n, actions)`` of the tree at each row of ``payoffs`` ``(n, terminals, players)``.

    ``lam`` is ``(n, players)``.  Returns ``(behavior, converged, iterations)``:
    ``converged`` is a boolean array (always true on trees of perfect
    information).  Without ``start`` the principal branch is followed from
    precision 0 by pseudo-arclength continuation (first step ``1/steps``),
    through turning points, to its first point at ``lam``; with ``start``
    Newton's method begins there (the branch continued from a nearby
    solution).  ``max_iter`` bounds the continuation steps and Newton
    iterations together.
    """
    n = payoffs.shape[0]
    if arrays.perfect:
        return _backward(arrays, payoffs, lam, error), np.ones(n, dtype=bool), 0
    budget = WorkBudget(max_iter, what="the agent QRE fixed point", unit="iterations", option="max_iter")
    try:
        if start is not None:
            behavior, converged = _newton(arrays, payoffs, lam, error, start.copy(), tol, budget, 30)
            return behavior, converged, budget.spent
        behavior, converged = _trace(arrays, payoffs, lam, error, tol, budget, 1.0 / steps)
    except BudgetExceededError:
        return behavior, np.zeros(n, dtype=bool), budget.spent
    return behavior, converged, budget.spent


# ---------------------------------------------------------------------------- the one-game face
@dataclass(frozen=True)
class AgentQRE:
    """The agent quantal response equilibrium of one tree at one precision.

    Attributes
    ----------
    behavior : dict
        ``{information-set key: {action: probability}}``.
    outcomes : dict
        ``{path to a terminal node: probability}``.
    payoffs : tuple of float
        Each player's expected payoff.
    lam : tuple of float
        The precision of each player (one per player, in the tree's order).
    error : str
        ``"logit"`` or ``"probit"``.
    method : str
        ``"backward induction"`` (perfect information: the unique agent QRE)
        or ``"principal branch"`` (the fixed point continued from precision 0).
    converged : bool
        Whether the fixed point met the tolerance (always true by backward induction).
    residual : float
        The largest change of a probability under one more quantal response.
    """

    behavior: dict[Hashable, dict[str, float]]
    outcomes: dict[tuple[str, ...], float]
    payoffs: tuple[float, ...]
    lam: tuple[float, ...]
    error: str
    method: str
    converged: bool
    residual: float
    notes: tuple[str, ...] = field(default=())

    def label(self) -> str:
        """One line: the most likely action of each agent with its probability."""
        parts = []
        for key, probs in self.behavior.items():
            best = max(probs, key=lambda a: probs[a])
            parts.append(f"{key}: {best} {probs[best]:.3f}")
        return "; ".join(parts)

    def to_json(self) -> dict[str, Any]:
        """A JSON-ready dict."""
        return {
            "behavior": {str(k): dict(v) for k, v in self.behavior.items()},
            "outcomes": {"/".join(path): p for path, p in self.outcomes.items()},
            "payoffs": list(self.payoffs), "lam": list(self.lam), "error": self.error, "method": self.method,
            "converged": self.converged, "residual": self.residual, "notes": list(self.notes),
        }

    def __repr__(self) -> str:
        lam = self.lam[0] if len(set(self.lam)) == 1 else list(self.lam)
        state = "" if self.converged else ", not converged"
        return f"AgentQRE(lam={lam}, {self.error}, {self.method}{state}: {self.label()})"


def precision(lam: Any, players: Sequence[str]) -> np.ndarray:
    """``lam`` (one number, a sequence with one per player, or ``{player: number}``) as a float array."""
    def number(value: Any, who: str) -> float:
        try:
            classify(value, what=f"precision {who}")
        except TrigameError as exc:
            raise ParameterError(str(exc)) from None
        x = to_float(value)
        if not (x >= 0 and np.isfinite(x)):
            raise ParameterError(f"the precision {who} must be a finite number >= 0, got {value!r}")
        return x

    if isinstance(lam, Mapping):
        unknown = sorted(str(k) for k in lam if k not in players)
        if unknown or len(lam) != len(players):
            raise ParameterError(f"lam as a mapping needs one precision per player {list(players)}, got {list(lam)}")
        return np.array([number(lam[p], f"of {p!r}") for p in players])
    if isinstance(lam, (list, tuple, np.ndarray)):
        if len(lam) != len(players):
            raise ParameterError(f"lam needs one precision per player ({len(players)}), got {len(lam)}")
        return np.array([number(x, f"of {p!r}") for x, p in zip(lam, players)])
    return np.full(len(players), number(lam, "lam"))


def agent_qre(
    tree: GameTree,
    lam: Any = 1.0,
    *,
    error: str = "logit",
    steps: int = 20,
    tol: float = 1e-13,
    max_iter: int = 10_000,
) -> AgentQRE:
    """The agent quantal response equilibrium of a game tree (logit or probit agent error).

    Parameters
    ----------
    tree : GameTree
        A tree with numeric payoffs (substitute a symbolic tree's symbols first).
    lam : number, sequence or mapping, default 1
        The precision: one number, or one per player (a sequence in the
        tree's player order or ``{player: number}``).  ``0`` is uniform play;
        as it grows, logit behaviour approaches a sequential equilibrium.
    error : {"logit", "probit"}
        The distribution of each action's payoff error (see the module notes).
    steps : int, default 20
        Steps of the precision from 0 to ``lam`` on the principal branch
        (trees with imperfect information only).
    tol : float, default 1e-13
        Largest change of a probability accepted at the fixed point.
    max_iter : int, default 10,000
        Work budget: the most Newton iterations, over all steps.

    Returns
    -------
    AgentQRE
        Behaviour, outcome probabilities and expected payoffs.  On a tree of
        perfect information it is the unique agent QRE (backward induction);
        otherwise the point of the principal branch, with ``converged=False``
        and a note when the budget ran out first.

    Examples
    --------
    >>> from trigame.games.tree import Decision, GameTree, Terminal
    >>> tree = GameTree(Decision("A", {"stop": Terminal((0,)), "go": Terminal((1,))}))
    >>> round(agent_qre(tree, 1).behavior["A@root"]["go"], 6)  # e / (1 + e)
    0.731059
    """
    arrays = TreeArrays(tree)
    if not isinstance(error, str) or error not in ERRORS:
        raise ParameterError(f"error must be one of {list(ERRORS)}, got {error!r}")
    check_limit(steps, "steps", allow_none=False)
    check_limit(max_iter, "max_iter", allow_none=False)
    if isinstance(tol, bool) or not isinstance(tol, (int, float)) or not 0 < tol < 1:
        raise ParameterError(f"tol must be a number in (0, 1), got {tol!r}")
    payoffs = arrays.terminal_payoffs()
    lams = precision(lam, arrays.players)
    behavior, converged, _ = solve_behavior(arrays, payoffs, lams[None, :], error, steps=steps, tol=tol,
                                            max_iter=max_iter)
    if not np.isfinite(behavior).all():
        raise SolverError("the agent QRE overflowed; the payoffs times lam are too large for floating point")
    response = _respond(arrays, arrays.action_values(payoffs, behavior), lams[None, :], error)
    residual = float(np.abs(response - behavior).max()) if arrays.n_actions else 0.0
    notes = () if converged.all() else (
        f"the fixed point did not reach tol={tol} within max_iter={max_iter} iterations (residual {residual:.3g})",)
    row = behavior[0]
    table = {key: {a: float(row[arrays.offset[h] + j]) for j, a in enumerate(arrays.actions[h])}
             for h, key in enumerate(arrays.infoset_keys)}
    outcomes = dict(zip(arrays.terminal_paths, (float(x) for x in arrays.outcome_probabilities(behavior)[0])))
    values = arrays.values(payoffs, behavior)[0][0]
    return AgentQRE(table, outcomes, tuple(float(x) for x in values), tuple(float(x) for x in lams), error,
                    "backward induction" if arrays.perfect else "principal branch", bool(converged.all()),
                    residual, notes)
