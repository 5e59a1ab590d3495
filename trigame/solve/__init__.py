"""Equilibrium solvers, one algorithm per module, behind ``equilibria``.

The methods (``equilibria(game, method=...)``), what each computes, and whether it
is complete:

* ``"pure"`` -- all pure-strategy equilibria, any number of players.
  Complete: no (pure equilibria only).
* ``"support"`` -- 2 players: all extreme equilibria by vertex enumeration, the
  set Gambit's exact ``enummixed`` reports.  Complete: yes.
* ``"polynomial"`` -- N players: support enumeration and exact polynomial
  solving of the indifference systems; continua flagged.  Complete: yes, for
  isolated equilibria.
* ``"closed_form"`` -- 2x2 and 2x2x2 games in closed form; float, exact and
  symbolic payoffs.  Complete: yes.
* ``"lemke_howson"`` -- 2 players: one equilibrium per starting label.
  Complete: no.
* ``"nashpy"`` -- 2 players: delegates to nashpy's support enumeration.
  Complete: no.
* ``"auto"`` -- the complete method that fits the game.  Complete: yes.

Every solver passes its candidates through an independent ``trigame.is_nash``
check before returning them.

Float payoffs.  A float payoff is the binary rational it denotes (``0.1`` is
``3602879701896397/36028797018963968``), and the equilibria of a float game are
those of the exact game with these numbers: ``pure``, ``support`` and
``closed_form`` (hence ``auto`` for two players) compute them exactly and only
round the reported probabilities to floats.  A near-tie is not a tie, and the
result does not depend on the units of any player's payoffs.  ``tol`` (a number
in ``[0, 1e-3]``) is the slack of the float check of float profiles, relative to
each player's payoff range (:func:`trigame.verify.player_scales`).
"""

from __future__ import annotations

import functools
import importlib
import inspect
from typing import Any

from trigame.errors import MethodError, ParameterError, UnsupportedGameError
from trigame.games.continuous import ContinuousGame
from trigame.games.normal_form import NormalFormGame
from trigame.results import EquilibriumSet
from trigame.verify import check_game, validate_tol

__all__ = ["METHODS", "equilibria", "pure_equilibria"]

#: method name -> module implementing ``solve(game, **options)``
METHODS: dict[str, str] = {
    "pure": "trigame.solve.nash.pure",
    "support": "trigame.solve.nash.support",
    "polynomial": "trigame.solve.nash.polynomial",
    "closed_form": "trigame.solve.nash.closed_form",
    "lemke_howson": "trigame.solve.nash.lemke_howson",
    "nashpy": "trigame.solve.nash.nashpy_solver",
}


def auto_method(game: NormalFormGame) -> str:
    """The complete method that fits ``game``."""
    if game.n_players == 1:
        return "pure"
    if game.shape in ((2, 2), (2, 2, 2)):
        return "closed_form"
    if game.is_symbolic:
        raise UnsupportedGameError(
            f"symbolic games are solved in closed form for 2x2 and 2x2x2 games only; this one is "
            f"{'x'.join(map(str, game.shape))}: substitute values with game.subs(...) first"
        )
    if game.n_players == 2:
        return "support"
    return "polynomial"


def _special_solver(game: Any) -> Any:
    """The solver of a bargaining or a sequential continuous game, or None for other games."""
    from trigame.games.bargaining import AlternatingOffers, FearonBargaining, UltimatumGame
    from trigame.games.continuous_sequential import SequentialContinuousGame

    if isinstance(game, (AlternatingOffers, UltimatumGame, FearonBargaining)):
        from trigame.solve.bargaining import bargaining_equilibria

        return bargaining_equilibria
    if isinstance(game, SequentialContinuousGame):
        from trigame.solve.continuous.sequential import sequential_equilibria

        return sequential_equilibria
    return None


def equilibria(game: NormalFormGame, method: str = "auto", **options: Any) -> EquilibriumSet:
    """Nash equilibria of a strategic-form game (and of the other game classes that have a solver).

    Parameters
    ----------
    game : NormalFormGame
        A float, exact or symbolic game.  A :class:`~trigame.games.continuous.ContinuousGame`
        goes to :func:`~trigame.solve.continuous.continuous_equilibria`; a bargaining game
        (:mod:`trigame.games.bargaining`) to :func:`~trigame.solve.bargaining.bargaining_equilibria`
        (subgame-perfect equilibria); a
        :class:`~trigame.games.continuous_sequential.SequentialContinuousGame` to
        :func:`~trigame.solve.continuous.sequential.sequential_equilibria`.
    method : str, default "auto"
        One of ``"auto"``, ``"pure"``, ``"support"``, ``"polynomial"``,
        ``"closed_form"``, ``"lemke_howson"``, ``"nashpy"`` (see the module docs).
    **options
        Passed to the method; each method accepts its own (e.g. ``tol``; the
        budgets ``max_bases`` and ``max_memory`` of ``"support"``, and
        ``max_support_profiles`` and ``max_groebner_steps`` of ``"polynomial"``).  An option
        the method does not take raises :class:`~trigame.errors.ParameterError`.

    Returns
    -------
    EquilibriumSet
        Verified equilibria, with ``complete``, ``degenerate`` and ``method``.

    Notes
    -----
    Float payoffs are solved as the exact binary rationals they are, and the
    probabilities are reported as floats (see the module docs): a difference
    of ``1e-13`` between two payoffs is a difference, not a tie, for every
    complete 2-player method.  ``tol`` must be a number in ``[0, 1e-3]``; it is
    the slack, relative to each player's payoff range, of the independent
    check of float profiles.

    Examples
    --------
    >>> import trigame as tg
    >>> mp = tg.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> eqs = tg.equilibria(mp)
    >>> len(eqs), eqs.complete, [str(p) for p in eqs[0].strategies[0]]
    (1, True, ['1/2', '1/2'])
    """
    if isinstance(game, ContinuousGame):  # levels in intervals: trigame.solve.continuous
        from trigame.solve.continuous import continuous_equilibria

        return continuous_equilibria(game, method, **options)  # type: ignore[return-value,arg-type]
    if not isinstance(game, NormalFormGame):
        special = _special_solver(game)
        if special is not None:
            if method != "auto" or options:
                raise MethodError(f"{type(game).__name__} is solved in closed form by one method; "
                                  "call it without method= and options, or call its solver directly")
            return special(game)  # type: ignore[no-any-return]
        to_nf = getattr(game, "to_normal_form", None)
        if to_nf is None:
            raise UnsupportedGameError(f"equilibria needs a NormalFormGame, got {type(game).__name__}")
        game = to_nf()
    if not isinstance(method, str):
        raise MethodError(f"method must be a string, one of {['auto', *METHODS]}")
    name = auto_method(game) if method == "auto" else method
    if name not in METHODS:
        raise MethodError(f"unknown method {method!r}; choose one of {['auto', *METHODS]}")
    if game.is_symbolic and name != "closed_form":
        raise UnsupportedGameError(
            f"method {name!r} needs numeric payoffs; use method='closed_form' (2x2, 2x2x2) "
            "or substitute values with game.subs(...)"
        )
    module = _solver_module(name)
    _check_options(module.solve, name, method, options)
    return module.solve(game, **options)


@functools.cache
def _solver_module(name: str) -> Any:
    """The module of method ``name`` (imported once: ``import_module`` costs microseconds on every call)."""
    return importlib.import_module(METHODS[name])


@functools.lru_cache(maxsize=64)
def _parameters(solver: Any) -> Any:
    """A solver's signature parameters (cached: ``inspect.signature`` costs more than solving a 2x2 game)."""
    return inspect.signature(solver).parameters


def _check_options(solver: Any, name: str, method: str, options: dict[str, Any]) -> None:
    """Refuse options the method does not take, and a bad ``tol``, with a clear ParameterError."""
    parameters = _parameters(solver)
    if not any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values()):
        valid = [p for p in parameters if p != "game"]
        unknown = sorted(set(options) - set(valid))
        if unknown:
            chosen = " (chosen by method='auto' for this game)" if method == "auto" else ""
            raise ParameterError(
                f"method {name!r}{chosen} does not take the option(s) {unknown}; its options are {valid}"
            )
    if "tol" in options:
        validate_tol(options["tol"])


def pure_equilibria(game: NormalFormGame, tol: float = 1e-9) -> EquilibriumSet:
    """Every pure-strategy Nash equilibrium (see :func:`trigame.solve.nash.pure.pure_equilibria`)."""
    from trigame.solve.nash.pure import pure_equilibria as _pure

    check_game(game, "pure_equilibria")
    return _pure(game, tol=tol)
