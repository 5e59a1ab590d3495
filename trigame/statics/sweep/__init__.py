"""Numerical sweeps: every equilibrium of a model at every point of a parameter grid.

:func:`sweep` evaluates a model on the outer product of 1-D arrays of parameter
values.  Strategic-form models with two strategies per player and two or three
players are solved in one vectorised pass per chunk: the payoffs come from the
model's one payoff definition applied to NumPy arrays (:meth:`Model.payoff_tensor`)
and the games from the batch engine (:func:`trigame.solve.batch.equilibria`, all Nash
equilibria in closed form).  Sequential models of perfect information (no
simultaneous stages, no chance moves) with float grids are solved by backward
induction vectorised over each chunk: the payoffs come from ``payoffs(v)``
evaluated on arrays, the optimal actions are masks drawn with the scalar
solver's tie tolerance, and one point per pattern of choices (points with ties:
per pattern of every payoff comparison the solver makes) is solved by the
scalar solver, whose answer its pattern shares -- the same equilibria, labels,
continuum flags and incompleteness notes as solving every point.  Trees whose
other subgames are simultaneous 2x2 or 2x2x2 stages (``LateralPressure``) are
vectorised the same way, each stage's games solved by the batch engine and its
mixing probabilities rounded once from exact payoff differences, as the scalar
solver rounds them; their points with a tie or a degenerate stage game are
solved by the scalar solver one by one.  Every other
model is solved point by point with the model's own solver: all Nash
equilibria of larger strategic-form games, all subgame-perfect equilibria of
other sequential models (grid points whose game trees are identical -- the
same structure, payoffs and chance probabilities -- are solved once), all
Bayesian Nash equilibria of Bayesian models (through the
type-agent form; the units are the type agents ``player@type``, and a type a
prior gives probability zero shows the solver's representative choice at a
point marked degenerate), and all perfect Bayesian equilibria of signalling
models (units: the sender's types, then the receiver after each message;
each equilibrium labelled by its kind and supports).  A
strategic-form model whose ``payoffs(v)`` cannot take NumPy arrays (an
``if``, ``max()`` or ``min()`` on a parameter) is solved point by point too,
with a note saying so; :func:`trigame.models.where`,
:func:`~trigame.models.maximum` and :func:`~trigame.models.minimum` express
such conditions in a form that vectorises.

The grid is cut into chunks of ``chunk_size`` points, so memory stays bounded
by the result itself; chunks can be sent to any ``concurrent.futures``-style
executor (a ``ThreadPoolExecutor``, a ``ProcessPoolExecutor`` or a
``dask.distributed.Client``), and a progress bar can follow them.

Labels
------
A grid point is labelled by its *set* of equilibria, each equilibrium named by
its supports (:mod:`trigame._labels`), so that labels are constant on
the regions of a region map and equal those of a scalar solve and of the
symbolic regime map (for a Bayesian model: the agents' supports, as its
regimes label them).  Where the game has a continuum of equilibria the label
ends in ``" | continuum"``; the extreme equilibria (2 players) or one point of
each component (3 players) are listed.  Those are the point solver's own points
of the continuum, and the symbolic regime map can describe the same set by other
points (its regimes) and so by another label: a region map compares such a pair
of labels as sets, exactly, before it draws the map (:mod:`trigame.viz._agreement`).

Outcome labels
--------------
:attr:`SweepResult.outcome_labels` names each equilibrium by the outcome it
reaches instead: a path of play of a sequential model (``"Press >
Cooperate/Cooperate"``: moves in order, the moves of one simultaneous stage
joined by ``"/"``) or a pure profile of a strategic-form model, and
``"random: a or b"`` for an equilibrium that randomises.  For sequential
models, whose equilibrium labels list every information set, these are the
labels a region map shows by default.

Memory
------
The result stores one label code per point and the probabilities of every
equilibrium (float64).  The equilibria's expected payoffs take as much again;
beyond :data:`KEEP_PAYOFFS_UP_TO` grid points they are not stored but
recomputed chunk by chunk when asked for (``keep_payoffs``).

Equilibrium selection
---------------------
``selection`` names a rule that picks one equilibrium per point (documented in
:data:`SELECTIONS`); a point where the rule picks none has count 0 in the
selected view and NaN outcome probabilities.

Examples
--------
>>> import numpy as np
>>> from trigame.models import QuasiAlliance
>>> result = sweep(QuasiAlliance, grid={"fear_japan": [0, 1], "fear_rok": [0, 1]})
>>> result.shape
(2, 2)
>>> print(result.labels[1, 1])
Japan: Cooperate, South Korea: Cooperate | Japan: Friction, South Korea: Friction | Japan: mix Cooperate/Friction, \
South Korea: mix Cooperate/Friction
>>> result.count.tolist()
[[1, 1], [1, 3]]
>>> cooperation = result.outcome_probability(("Cooperate", "Cooperate"), selection="payoff_dominant")
>>> cooperation.tolist()
[[0.0, 0.0], [0.0, 1.0]]

Layout
------
The package holds one idea per module: ``_grid`` (checked inputs, the route,
the spec and the memory estimate), ``_chunk`` (what a chunk returns and how
outcomes are named), ``_batch`` (the vectorised route), ``_points`` (the
point-by-point route and its cache of identical trees), ``_lanes`` (a model's
payoffs on a chunk's arrays), ``_tree_route`` (backward induction over a chunk), ``_stage_route``
(the same with simultaneous stages), ``_signaling_route``
(perfect Bayesian equilibria of signalling models), ``_selection`` (the
rules of :data:`SELECTIONS`), ``_run`` (chunks and executors), ``_result``
(:class:`SweepResult`) and ``_driver`` (:func:`sweep`).
"""


from __future__ import annotations

# _WORK_PER_POINT, _result_bytes, _route and _sweep_memory (how a sweep solves a model and what memory it takes)
# are re-exported for the command line, which sizes the blocks of a streamed table by them.
from trigame.statics.sweep._driver import sweep
from trigame.statics.sweep._grid import _WORK_PER_POINT as _WORK_PER_POINT
from trigame.statics.sweep._grid import DEFAULT_CHUNK_SIZE, KEEP_PAYOFFS_UP_TO
from trigame.statics.sweep._grid import _result_bytes as _result_bytes
from trigame.statics.sweep._grid import _route as _route
from trigame.statics.sweep._grid import _sweep_memory as _sweep_memory
from trigame.statics.sweep._result import SweepResult
from trigame.statics.sweep._selection import SELECTIONS

__all__ = ["DEFAULT_CHUNK_SIZE", "KEEP_PAYOFFS_UP_TO", "SELECTIONS", "SweepResult", "sweep"]
