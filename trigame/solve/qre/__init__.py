"""Logit quantal response equilibrium (QRE) of strategic-form games.

McKelvey and Palfrey ("Quantal Response Equilibria for Normal Form Games",
*Games and Economic Behavior*, 1995) replace best responses by noisy ones: each
player ``i`` chooses pure strategy ``s`` with probability proportional to
``exp(lambda_i * u_i(s, sigma_{-i}))``.  At ``lambda = 0`` everyone mixes
uniformly; as ``lambda`` grows the *principal branch* of QREs, which starts at
that centroid, leads to a Nash equilibrium (for generic games).

* :data:`qre` ``(game, lam)`` -- the QRE on the principal branch at precision
  ``lam`` (a number, or one per player), the first point where the branch
  reaches it, as Gambit's ``logit_solve_lambda`` returns;
* ``qre.trace(game, ...)`` -- the branch itself, by predictor--corrector path
  following, with its turning points (where ``lambda`` bends back) and its
  bifurcations (where another branch crosses) located and reported, and walked
  through rather than stalled on.

``lambda`` is per unit of the game's own payoffs, as in Gambit (pygambit's
``logit_solve_lambda`` and ``logit_solve_branch``): multiplying every payoff by
``c`` divides the ``lambda`` of each point by ``c``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from trigame._numbers import short_repr
from trigame.budget import WorkBudget, check_limit, check_memory
from trigame.errors import BudgetExceededError, ParameterError, SolverError, UnsupportedGameError
from trigame.games.normal_form import NormalFormGame
from trigame.games.scaling import float_payoffs
from trigame.results.qre import QREBranch, QREPoint
from trigame.solve.qre._logit import LogitSystem
from trigame.solve.qre._path import PathTrace, trace_path
from trigame.solve.qre._switch import other_branch_points
from trigame.verify import check_game
from trigame.verify.qre import _real, check_precisions

__all__ = ["QREBranch", "QREPoint", "qre"]

#: The largest precision accepted, in units of the game's largest payoff range: beyond it the logit
#: response equals the best response to float precision (use the Nash solvers).
MAX_SCALED_LAMBDA = 1e12


def _numeric_game(game: object, what: str) -> NormalFormGame:
    check_game(game, what)
    assert isinstance(game, NormalFormGame)
    if game.kind == "symbolic":
        raise UnsupportedGameError(f"{what} needs numeric payoffs; substitute values with game.subs(...) first")
    return game


def _point(game: NormalFormGame, system: LogitSystem, z: np.ndarray) -> QREPoint:
    sigma = system.profile(z)
    lambdas = system.lambdas(float(z[-1]))
    return QREPoint(
        sigma,
        lambdas.tolist(),
        system.expected_payoffs(sigma),
        system.max_regret(z),
        game.players,
        game.strategies,
    )


def _check_size(game: NormalFormGame, max_memory: object) -> None:
    """Refuse a game whose dense Jacobians (and their factorisations) would pass the memory budget."""
    check_limit(max_memory, "max_memory")
    size = sum(game.shape) + 1
    limit = max_memory if isinstance(max_memory, int) else None
    check_memory(6 * 8 * size * size + 8 * game.n_players * int(np.prod(game.shape)), "the logit QRE system",
                 limit=limit)


def _check_steps(first_step: object, max_accel: object) -> tuple[float, float]:
    step = _real(first_step, "first_step")
    accel = _real(max_accel, "max_accel")
    if step <= 0:
        raise ParameterError(f"first_step must be positive, got {short_repr(first_step)}")
    if accel < 1.0:
        raise ParameterError(f"max_accel must be at least 1, got {short_repr(max_accel)}")
    return step, accel


def _scaled(value: float, system: LogitSystem, what: str) -> float:
    scaled = value * system.scale
    if scaled > MAX_SCALED_LAMBDA:
        raise ParameterError(
            f"{what} = {value:g} is beyond {MAX_SCALED_LAMBDA:g} per unit of the largest payoff range "
            f"({system.scale:g}); there the logit response is the best response to float precision: "
            "use trigame.equilibria"
        )
    return scaled


class LogitQRE:
    """Logit QRE of a strategic-form game: ``qre(game, lam)`` for one point, ``qre.trace(game)`` for the branch."""

    def __repr__(self) -> str:
        return "qre: logit quantal response equilibrium (qre(game, lam), qre.trace(game, ...), qre.switch(branch))"

    def __call__(
        self,
        game: NormalFormGame,
        lam: float | Sequence[float] | Mapping[str, float],
        *,
        max_steps: int | None = 10_000,
        max_memory: int | None = None,
        first_step: float = 0.03,
        max_accel: float = 1.5,
    ) -> QREPoint:
        """The logit QRE on the principal branch at precision ``lam``.

        Parameters
        ----------
        game : NormalFormGame
            A game with numeric payoffs (exact games are solved in floating point).
        lam : float, sequence of float or dict
            The precision ``lambda`` (per unit of payoff), shared by all players,
            or one per player (a sequence in player order or ``{player: lambda}``):
            player ``i`` then plays ``exp(lambda_i u_i)``-proportional responses.
        max_steps : int or None
            Work budget: the most path-following steps (accepted or rejected).
        max_memory : int or None
            Memory budget in bytes for the linear algebra (dense Jacobians of
            size about the total number of strategies squared); default 2 GiB,
            capped by the memory available.
        first_step, max_accel : float
            The first step length of the tracer and the largest factor by which
            a step may grow.

        Returns
        -------
        QREPoint
            The first point where the principal branch, traced from the centroid
            at ``lambda = 0`` (along the ray ``lambda_i = t * lam_i`` for
            per-player precisions), reaches ``lam``.  Where the branch bends back
            it may reach ``lam`` again later: ``qre.trace(game, lambdas=[lam])``
            lists every crossing.

        Raises
        ------
        ParameterError
            ``lam`` is not a finite non-negative number (or one per player), or it
            is too large to differ from a best response in floating point.
        UnsupportedGameError
            The game is not a :class:`NormalFormGame` or has symbolic payoffs.
        BudgetExceededError
            The trace needed more than ``max_steps`` steps.
        SolverError
            The corrector failed near a singular point and no jump got past it.

        Examples
        --------
        >>> import trigame as tg
        >>> from trigame.solve.qre import qre
        >>> pennies = tg.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
        >>> point = qre(pennies, 2.0)
        >>> [round(float(x), 6) for x in point.strategies[0]]
        [0.5, 0.5]
        """
        game = _numeric_game(game, "qre")
        target = check_precisions(game, lam, "lam")
        check_limit(max_steps, "max_steps")
        step, accel = _check_steps(first_step, max_accel)
        top = float(target.max())
        weights = target / top if top > 0 else np.ones(game.n_players)
        _check_size(game, max_memory)
        system = LogitSystem(float_payoffs(game), weights)
        start = system.start()
        if top == 0:
            return _point(game, system, start)
        goal = _scaled(top, system, "lam")
        budget = WorkBudget(max_steps, what="qre path following", unit="steps", option="max_steps")
        trace = trace_path(
            system.value,
            system.jacobian,
            start,
            stop=lambda z: "the branch returned to lambda = 0" if z[-1] < 0 else "",
            targets=[goal],
            first_step=step,
            max_accel=accel,
            budget=budget,
            first_landing_only=True,
        )
        if not trace.landings:
            if trace.exhausted:
                raise BudgetExceededError(trace.stop)
            raise SolverError(f"qre could not reach lambda = {top:g}: {trace.stop}")
        return _point(game, system, trace.landings[0][1])

    def trace(
        self,
        game: NormalFormGame,
        *,
        max_lambda: float | None = None,
        lambdas: Sequence[float] = (),
        weights: Sequence[float] | Mapping[str, float] | None = None,
        max_regret: float = 1e-8,
        max_steps: int | None = 10_000,
        max_memory: int | None = None,
        first_step: float = 0.03,
        max_accel: float = 1.5,
    ) -> QREBranch:
        """Trace the principal branch of the logit QRE correspondence from ``lambda = 0``.

        Parameters
        ----------
        game : NormalFormGame
            A game with numeric payoffs.
        max_lambda : float, optional
            Stop when the branch reaches this ``lambda`` (the last point is then
            exactly at it).  Without it the trace runs until the regret is small
            (``max_regret``).
        lambdas : sequence of float
            Precisions to land on exactly, at every crossing of the branch
            (``branch.at(lam)``).
        weights : sequence of float or dict, optional
            Relative precisions of the players: ``lambda_i = lam * weights[i] /
            max(weights)``, so a point's ``lam`` is its largest ``lambda_i``.
            Default: a common precision.
        max_regret : float
            Without ``max_lambda``: stop at the first point whose largest regret
            is below ``max_regret`` times the game's payoff range (max payoff
            minus min payoff, Gambit's convention), an approximate Nash
            equilibrium.
        max_steps : int or None
            Work budget: the most steps; past it the branch so far is returned
            with ``complete=False`` and a note.
        max_memory : int or None
            Memory budget in bytes for the dense Jacobians, as for ``qre``.
        first_step, max_accel : float
            The first step length and the largest growth factor of a step.

        Returns
        -------
        QREBranch
            The points along the branch, its turning points and bifurcations, the
            landings at ``lambdas``, and how the trace ended.

        Examples
        --------
        >>> import trigame as tg
        >>> from trigame.solve.qre import qre
        >>> pd = tg.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
        >>> branch = qre.trace(pd)
        >>> branch.complete, [round(float(x), 6) for x in branch.last.strategies[0]]
        (True, [0.0, 1.0])
        """
        game = _numeric_game(game, "qre.trace")
        w = np.ones(game.n_players) if weights is None else check_precisions(game, weights, "weights")
        if float(w.max()) <= 0:
            raise ParameterError("weights must have at least one positive entry")
        _check_size(game, max_memory)
        system = LogitSystem(float_payoffs(game), w / float(w.max()))
        options = _TraceOptions(system, max_lambda, lambdas, max_regret, max_steps, first_step, max_accel)
        return options.follow(game, system.start(), None)

    def switch(
        self,
        branch: QREBranch,
        which: int = 0,
        *,
        max_lambda: float | None = None,
        lambdas: Sequence[float] = (),
        max_regret: float = 1e-8,
        max_steps: int | None = 10_000,
        first_step: float = 0.03,
        max_accel: float = 1.5,
    ) -> tuple[QREBranch, ...]:
        """Follow the other branch through a bifurcation of a traced branch, in both directions.

        Parameters
        ----------
        branch : QREBranch
            A branch returned by :meth:`trace` (or by this method).
        which : int
            The index of the bifurcation in ``branch.bifurcations``.
        max_lambda, lambdas, max_regret, max_steps, first_step, max_accel
            As for :meth:`trace`, for each direction.

        Returns
        -------
        tuple of QREBranch
            One branch per direction away from the bifurcation point (two for a
            simple bifurcation; none when no second branch is found there, e.g.
            at a multiple crossing, which the branch's notes name).  Each starts
            next to the bifurcation point and is traced like the principal one.

        Examples
        --------
        >>> import trigame as tg
        >>> from trigame.solve.qre import qre
        >>> chicken = tg.NormalFormGame.from_arrays([[2, -1], [3, -2]], [[2, 3], [-1, -2]])
        >>> halves = qre.switch(qre.trace(chicken, max_lambda=5))
        >>> sorted(round(float(h.last.strategies[0][0]), 6) for h in halves)
        [0.0, 1.0]
        """
        internal = getattr(branch, "_internal", None)
        if not isinstance(branch, QREBranch) or internal is None:
            raise ParameterError(f"switch needs a QREBranch returned by qre.trace, got {short_repr(branch)}")
        system, events = internal
        if isinstance(which, (bool, np.bool_)) or not isinstance(which, (int, np.integer)):
            raise ParameterError(f"which must be an integer index of branch.bifurcations, got {short_repr(which)}")
        if not -len(events) <= which < len(events):
            raise ParameterError(f"which = {which} is not an index of the {len(events)} bifurcations of the branch")
        event = events[which]
        options = _TraceOptions(system, max_lambda, lambdas, max_regret, max_steps, first_step, max_accel)
        starts = other_branch_points(system.value, system.jacobian, event.z, event.tangent)
        return tuple(options.follow(branch.game, z, direction, event.z) for z, direction in starts)


class _TraceOptions:
    """The validated options of a trace, and the trace itself from a start point and direction."""

    def __init__(
        self,
        system: LogitSystem,
        max_lambda: object,
        lambdas: object,
        max_regret: object,
        max_steps: object,
        first_step: object,
        max_accel: object,
    ) -> None:
        check_limit(max_steps, "max_steps")
        self.max_steps = max_steps if isinstance(max_steps, int) else None
        self.step, self.accel = _check_steps(first_step, max_accel)
        tolerance = _real(max_regret, "max_regret")
        if max_lambda is None and tolerance <= 0:
            raise ParameterError("max_regret must be positive when max_lambda is not given")
        if isinstance(lambdas, (str, bytes)) or not isinstance(lambdas, (Sequence, np.ndarray)):
            raise ParameterError(f"lambdas must be a sequence of non-negative numbers, got {short_repr(lambdas)}")
        self.system = system
        self.targets = [_scaled(_real(x, "lambdas[]"), system, "lambdas[]") for x in lambdas]
        self.top = None if max_lambda is None else _scaled(_real(max_lambda, "max_lambda"), system, "max_lambda")
        if self.top is not None:
            self.targets.append(self.top)
        self.regret_bound = tolerance * system.payoff_spread

    def stop(self, z: np.ndarray) -> str:
        if self.top is not None and z[-1] >= self.top:
            return "reached max_lambda"
        if z[-1] < 0:
            return "the branch returned to lambda = 0"
        if self.top is None and self.system.max_regret(z) <= self.regret_bound:
            return "reached max_regret"
        return ""

    def follow(
        self, game: NormalFormGame, start: np.ndarray, direction: np.ndarray | None, origin: np.ndarray | None = None
    ) -> QREBranch:
        budget = WorkBudget(self.max_steps, what="qre path following", unit="steps", option="max_steps")
        trace = trace_path(
            self.system.value, self.system.jacobian, start, stop=self.stop, targets=self.targets,
            first_step=self.step, max_accel=self.accel, budget=budget, start_tangent=direction, origin=origin,
        )
        return _branch(game, self.system, trace, self.top)


def _branch(game: NormalFormGame, system: LogitSystem, trace: PathTrace, top: float | None) -> QREBranch:
    points = list(trace.points)
    landings = [z for _, z in trace.landings]
    if top is not None and trace.stop == "reached max_lambda":
        # end exactly at max_lambda: the first landing there replaces the overshooting last point
        final = [z for target, z in trace.landings if target == top]
        if final:
            points[-1] = final[0]
    complete = trace.stop in ("reached max_lambda", "reached max_regret") or "closed loop" in trace.stop
    notes = [f"trace ended: {trace.stop}"]
    if trace.stalled:
        notes.append("the corrector failed near a singular point; the branch beyond it is not traced")
    events = trace.events
    for e in events:
        note = f"{e.kind} near lambda = {system.lambdas(float(e.z[-1])).max():.10g}"
        if e.kind == "bifurcation":
            # the Jacobian (size x size+1) loses rank where branches meet; more than 1 is a multiple crossing
            values = np.linalg.svd(system.jacobian(e.z), compute_uv=False)
            loss = int(np.sum(values < 1e-6 * max(float(values.max()), 1.0)))
            if loss > 1:
                note += f" (the system loses rank {loss} there: a multiple crossing)"
        notes.append(note)
    return QREBranch(
        [_point(game, system, z) for z in points],
        game=game,
        weights=system.weights.tolist(),
        turning_points=[_point(game, system, e.z) for e in events if e.kind == "turning point"],
        bifurcations=[_point(game, system, e.z) for e in events if e.kind == "bifurcation"],
        landings=[_point(game, system, z) for z in landings],
        complete=complete,
        notes=notes,
        internal=(system, [e for e in events if e.kind == "bifurcation"]),
    )


#: The logit QRE solver: ``qre(game, lam)``, ``qre.trace(game, ...)`` and ``qre.switch(branch)``.
qre = LogitQRE()
