"""check_solver: the standard properties of an equilibrium solver, run by hypothesis on many games.

The Nash condition, invariance under positive affine payoff changes and under
relabelling of strategies and players, and agreement with a reference solver;
a failure is shrunk to a small game and raised as :class:`SolverCheckError`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from fractions import Fraction
from typing import Any, Literal

from hypothesis import HealthCheck, Phase, Verbosity, given, settings
from hypothesis import strategies as st
from hypothesis.strategies import SearchStrategy

from trigame._numbers import to_float
from trigame.errors import ParameterError
from trigame.games.normal_form import NormalFormGame
from trigame.results import Equilibrium, EquilibriumSet
from trigame.testing.checkers import _affine, _close, _deviation_lines, _show, _unpermute, _vectors
from trigame.testing.strategies import games as _games
from trigame.verify import regret

__all__ = ["PROPERTIES", "SolverCheckError", "SolverReport", "check_solver"]


PROPERTIES = ("nash", "affine", "relabel", "reference")
#: Hypothesis phases check_solver runs (no "explain": its notes point into trigame, not at the solver).
_PHASES = (Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink)


class SolverCheckError(AssertionError):
    """A solver failed one of :func:`check_solver`'s properties; ``game`` is the (shrunk) counterexample.

    Attributes
    ----------
    property : str
        One of ``"nash"``, ``"affine"``, ``"relabel"``, ``"reference"``.
    game : NormalFormGame
        The game on which it failed.
    """

    def __init__(self, message: str, prop: str, game: NormalFormGame) -> None:
        super().__init__(message)
        self.property = prop
        self.game = game


# Tracebacks name the public home of the class, where users import it from.
SolverCheckError.__module__ = "trigame.testing"


@dataclasses.dataclass
class SolverReport:
    """What :func:`check_solver` checked on a solver that passed.

    Attributes
    ----------
    solver : str
        The solver's name.
    mode : str
        ``"all"`` or ``"contains"``.
    properties : tuple of str
        The properties checked.
    games : int
        Games the solver was run on (transformed copies not counted).
    profiles : int
        Profiles it returned on them, each checked.
    largest_regret : float
        The largest regret among those profiles (0 for exact answers).
    """

    solver: str
    mode: str
    properties: tuple[str, ...]
    games: int = 0
    profiles: int = 0
    largest_regret: float = 0.0

    def __str__(self) -> str:
        return (
            f"{self.solver}: {', '.join(self.properties)} hold on {self.games} games "
            f"({self.profiles} profiles, largest regret {self.largest_regret:.3g}; mode {self.mode!r})"
        )


def _default_reference(game: NormalFormGame) -> EquilibriumSet:
    from trigame.solve import equilibria

    return equilibria(game)


def _fail(prop: str, game: NormalFormGame, text: str) -> SolverCheckError:
    return SolverCheckError(f"{prop}: {text}\non the game\n{game!r}", prop, game)


def check_solver(
    solver: Callable[[NormalFormGame], Iterable[Any]],
    games: SearchStrategy | None = None,
    *,
    reference: Callable[[NormalFormGame], Iterable[Any]] | Literal["auto"] | None = "auto",
    mode: Literal["all", "contains"] = "all",
    properties: Sequence[str] = PROPERTIES,
    max_examples: int = 50,
    tol: float = 1e-6,
) -> SolverReport:
    """Run the standard properties of an equilibrium solver on many games; raise on the smallest failure.

    Properties (``properties`` chooses among them):

    ``"nash"``
        Every returned profile is a Nash equilibrium (:func:`trigame.is_nash`).
    ``"affine"``
        Changing each player's payoffs by its own positive affine map
        ``u_i -> a_i u_i + b_i`` changes nothing: the same set of equilibria
        (mode ``"all"``) or equilibria of the original game (``"contains"``).
    ``"relabel"``
        Reordering the players and each player's strategies gives the reordered
        answer: mapped back, the same set (``"all"``) or equilibria of the
        original game (``"contains"``).
    ``"reference"``
        Agreement with ``reference``: the same set (``"all"``), or a subset
        (``"contains"``, for solvers that return some equilibria, such as
        Lemke-Howson).  "Equilibria of the original game" above means: in the
        reference set.

    Sets are compared as sets of profiles, up to ``tol``.  The comparison with
    the reference is made when the reference is complete and, for three or more
    players, the game has no continuum of equilibria (the representatives of a
    continuum are not unique); two-player sets are sets of extreme equilibria,
    as trigame's ``support`` method and Gambit's ``enummixed`` give them.  A
    solver that may return non-extreme points of a continuum should be checked
    on ``games(degenerate=False)``.

    Parameters
    ----------
    solver : callable
        ``solver(game)`` returns an iterable of :class:`~trigame.Equilibrium`
        or profiles (one probability vector per player).
    games : hypothesis strategy, optional
        The games to try; default ``games(n_players=2, n_strategies=(1, 2, 3, 4),
        degenerate=None)`` (integers, half of them degenerate).
    reference : callable, "auto" or None
        The trusted solver; ``"auto"`` is :func:`trigame.equilibria`, None skips
        the comparison.
    mode : {"all", "contains"}
        Whether ``solver`` claims to return every (extreme) equilibrium or some.
    max_examples : int, default 50
        Games hypothesis tries (failures are then shrunk to a small game).
    tol : float, default 1e-6
        Tolerance of set comparisons; the Nash check uses :func:`trigame.is_nash`'s
        own (regret up to 1e-9 of the payoff scale; exact for exact answers).

    Returns
    -------
    SolverReport

    Raises
    ------
    SolverCheckError
        An AssertionError naming the property, the game (hypothesis's shrunk
        example) and the difference.

    Examples
    --------
    >>> import trigame as tg
    >>> def lemke_howson(game):
    ...     return tg.equilibria(game, method="lemke_howson")
    >>> report = check_solver(lemke_howson, mode="contains", max_examples=10)
    >>> report.games
    10
    >>> def pure_only(game):
    ...     return tg.equilibria(game, method="pure")
    >>> from hypothesis import strategies as st
    >>> pennies = tg.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> check_solver(pure_only, games=st.just(pennies))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
        ...
    trigame.testing.SolverCheckError: reference: the solver missed ...
    """
    from trigame.verify import is_nash

    if not callable(solver):
        raise ParameterError(f"solver must be a function game -> equilibria, got {solver!r}")
    if mode not in ("all", "contains"):
        raise ParameterError(f"mode must be 'all' or 'contains', got {mode!r}")
    unknown = sorted(set(properties) - set(PROPERTIES))
    if unknown or not properties:
        raise ParameterError(f"unknown properties {unknown}; choose among {list(PROPERTIES)}")
    if isinstance(max_examples, bool) or not isinstance(max_examples, int) or max_examples < 1:
        raise ParameterError(f"max_examples must be a positive int, got {max_examples!r}")
    if reference == "auto":
        reference = _default_reference
    elif reference is not None and not callable(reference):
        raise ParameterError(f"reference must be a function, 'auto' or None, got {reference!r}")
    strategy = _games(n_players=2, n_strategies=(1, 2, 3, 4), degenerate=None) if games is None else games
    if not isinstance(strategy, SearchStrategy):
        raise ParameterError(f"games must be a hypothesis strategy (e.g. trigame.testing.games(...)), got {games!r}")
    name = getattr(solver, "__name__", repr(solver))
    report = SolverReport(solver=name, mode=mode, properties=tuple(p for p in PROPERTIES if p in properties))

    def run(game: NormalFormGame) -> list[Any]:
        return list(solver(game))

    def compare(prop: str, game: NormalFormGame, found: list[Any], expected: list[Any] | None, what: str) -> None:
        if expected is None:  # "contains" without a usable reference: equilibria of the original game
            bad = [p for p in found if not is_nash(game, p.strategies if isinstance(p, Equilibrium) else p)]
            if bad:
                raise _fail(prop, game, f"the solver returned {len(bad)} profile(s) that are not equilibria "
                            f"of the original game {what[len('among the answers for the original game '):]}:\n"
                            f"{_show(bad)}")
            return
        missing = [q for q in expected if not any(_close(_vectors(p), _vectors(q), tol) for p in found)]
        extra = [p for p in found if not any(_close(_vectors(p), _vectors(q), tol) for q in expected)]
        if mode == "contains":
            missing = []
        if missing or extra:
            parts = []
            if missing:
                parts.append(f"the solver missed {len(missing)} equilibri{'um' if len(missing) == 1 else 'a'} "
                             f"{what}:\n{_show(missing)}")
            if extra:
                parts.append(f"the solver returned {len(extra)} profile(s) not {what}:\n{_show(extra)}")
            raise _fail(prop, game, "\n".join(parts) + f"\n  solver's answer ({len(found)}):\n{_show(found)}")

    @settings(max_examples=max_examples, deadline=None, database=None, verbosity=Verbosity.quiet, phases=_PHASES,
              report_multiple_bugs=False,
              suppress_health_check=list(HealthCheck))
    @given(game=strategy, data=st.data())
    def properties_hold(game: NormalFormGame, data: Any) -> None:
        found = run(game)
        report.games += 1
        report.profiles += len(found)
        if "nash" in properties:
            for p in found:
                profile = p.strategies if isinstance(p, Equilibrium) else p
                if not is_nash(game, profile):
                    lines = _deviation_lines(game, profile, 1e-9, indent="    ")
                    raise _fail("nash", game, f"returned a profile that is not a Nash equilibrium:\n"
                                f"{_show([profile])}\n" + "\n".join(lines))
                gains = regret(game, profile)
                report.largest_regret = max(report.largest_regret, *(to_float(g) for g in gains))
        trusted: list[Any] | None = None
        if reference is not None and ("reference" in properties or mode == "contains"):
            answer = reference(game)
            comparable = getattr(answer, "complete", True) and (
                game.n_players <= 2 or not getattr(answer, "degenerate", False))
            trusted = list(answer) if comparable else None
        if "reference" in properties and trusted is not None:
            compare("reference", game, found, trusted, "in the reference set")
        # In "contains" mode, transformed answers are compared with the reference set of the original game.
        baseline = found if mode == "all" else trusted
        if "affine" in properties:
            scales = [data.draw(st.sampled_from([Fraction(1, 2), Fraction(2), Fraction(3), Fraction(5, 4)]))
                      for _ in range(game.n_players)]
            shifts = [data.draw(st.integers(-5, 5)) for _ in range(game.n_players)]
            changed = _affine(game, scales, shifts)
            what = f"among the answers for the original game (payoffs scaled by {[str(s) for s in scales]}, " \
                   f"shifted by {shifts})"
            compare("affine", game, run(changed), baseline, what)
        if "relabel" in properties:
            players = data.draw(st.permutations(range(game.n_players)))
            orders = [data.draw(st.permutations(range(m))) for m in game.shape]
            permuted = game.permute(players=players, strategies=orders)
            back = [_unpermute(p, players, orders) for p in run(permuted)]
            what = (f"among the answers for the original game (players reordered {list(players)}, "
                    f"strategies {[list(o) for o in orders]}; answers mapped back)")
            compare("relabel", game, back, baseline, what)

    properties_hold()
    return report
