"""Nash equilibria of continuous games (players choosing levels in intervals).

``continuous_equilibria(game, method=...)``:

* ``"kkt"`` -- every binding pattern (who is interior, who is at a bound)
  and its stationarity system solved exactly by SymPy
  (:mod:`~trigame.solve.continuous.kkt`): closed forms with the conditions
  under which each piece holds; complete for polynomial systems.
* ``"numeric"`` -- SciPy root finding from a grid of starts on every binding
  pattern (:mod:`~trigame.solve.continuous.numeric`); never complete.
* ``"auto"`` (default) -- ``"kkt"``, with the numeric method on the patterns
  SymPy could not solve when the game is numeric.

Every equilibrium of a numeric game is proved a global best response for each
player by :mod:`trigame.verify.continuous`, written apart from these solvers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from trigame.errors import MethodError, ParameterError, UnsupportedGameError

if TYPE_CHECKING:
    from trigame.games.continuous import ContinuousGame
    from trigame.results.continuous import ContinuousEquilibriumSet

__all__ = ["METHODS", "continuous_equilibria"]

METHODS = ("auto", "kkt", "numeric")
_OPTIONS = {"kkt": {"max_patterns", "max_degree", "tol"}, "numeric": {"starts", "max_starts", "max_patterns", "tol"}}
_OPTIONS["auto"] = _OPTIONS["kkt"] | _OPTIONS["numeric"]


def continuous_equilibria(game: ContinuousGame, method: str = "auto", **options: Any) -> ContinuousEquilibriumSet:
    """Nash equilibria of a continuous game, with corner solutions and closed forms.

    Parameters
    ----------
    game : ContinuousGame
        An exact, float or symbolic game.
    method : {"auto", "kkt", "numeric"}, default "auto"
        See the module docs.
    **options
        Budgets and settings (keywords):

        * ``max_patterns`` (int or None, default 6561) -- the most binding patterns
          enumerated (3 per player with two bounds);
        * ``max_degree`` (int, default 24) -- the largest summed degree of a
          stationarity system solved exactly (above it, the pattern is solved
          numerically for numeric games and noted as unsolved);
        * ``starts`` (int, default 5) -- numeric method: starting points per
          interior level and pattern;
        * ``max_starts`` (int or None, default 20000) -- numeric method: the most
          root-finding runs;
        * ``tol`` (float) -- slack of the global check of float profiles,
          relative to each maximum payoff.

    Returns
    -------
    ContinuousEquilibriumSet
        For a numeric game: the equilibria, each proved a global best response
        for every player (``certificate``).  For a symbolic game: pieces, each
        with the levels in closed form, the binding pattern and the condition
        on the parameters where it holds.  ``complete`` says whether every
        equilibrium was found; ``notes`` say what was not proved.

    Examples
    --------
    >>> import sympy as sp
    >>> from trigame.games.continuous import ContinuousGame
    >>> V = sp.Symbol("V", positive=True)
    >>> tullock = ContinuousGame(["A", "B"], {"A": (0, None), "B": (0, None)},
    ...     lambda x: [x["A"] / (x["A"] + x["B"]) * V - x["A"], x["B"] / (x["A"] + x["B"]) * V - x["B"]])
    >>> eqs = continuous_equilibria(tullock.subs({"V": 8}))
    >>> [e.label() for e in eqs], eqs.complete
    (['A: 2, B: 2'], True)
    """
    from trigame.games.continuous import ContinuousGame

    if not isinstance(game, ContinuousGame):
        raise UnsupportedGameError(f"continuous_equilibria needs a ContinuousGame, got {type(game).__name__}")
    if not isinstance(method, str) or method not in METHODS:
        raise MethodError(f"unknown method {method!r} for a continuous game; choose one of {list(METHODS)}")
    unknown = sorted(set(options) - _OPTIONS[method])
    if unknown:
        raise ParameterError(f"method {method!r} does not take the option(s) {unknown}; "
                             f"its options are {sorted(_OPTIONS[method])}")
    if "tol" in options:
        tol = options["tol"]
        if isinstance(tol, bool) or not isinstance(tol, (int, float)) or not 0 <= tol <= 1e-3:
            raise ParameterError(f"tol must be a number in [0, 1e-3], got {tol!r}")
    from trigame.solve.continuous import kkt, numeric

    if game.has_boxes:
        from trigame.solve.continuous import box

        if method == "numeric":
            return box.solve_numeric(game, **options)
        numeric_options = {k: v for k, v in options.items() if k in ("starts", "max_starts", "tol")}
        return box.solve(game, **{k: v for k, v in options.items() if k in _OPTIONS["kkt"]},
                         numeric=numeric_options if method == "auto" and not game.is_symbolic else None)
    if method == "numeric":
        return numeric.solve(game, **options)
    kkt_options = {k: v for k, v in options.items() if k in _OPTIONS["kkt"]}
    result = kkt.solve(game, **kkt_options)
    unsolved = [n for n in result.notes if "stationarity system of the pattern" in n]
    if method == "kkt" or not unsolved or game.is_symbolic:
        return result
    return _with_numeric(game, result, options)


def _with_numeric(game: ContinuousGame, result: ContinuousEquilibriumSet,
                  options: dict[str, Any]) -> ContinuousEquilibriumSet:
    """The KKT result completed by root finding on the patterns SymPy could not solve."""
    from trigame.results.continuous import ContinuousEquilibriumSet
    from trigame.solve.continuous import kkt, numeric

    patterns = [p for p in kkt.binding_patterns(game, options.get("max_patterns", kkt.DEFAULT_MAX_PATTERNS))
                if kkt.stationary_candidates(game, p, options.get("max_degree", kkt.DEFAULT_MAX_DEGREE))[1] is not None]
    extra = numeric.solve(game, patterns=patterns,
                          **{k: v for k, v in options.items() if k not in ("max_patterns", "max_degree")})
    found = list(result)
    for eq in extra:
        if not result.contains(eq.strategies, tol=1e-7):
            found.append(eq)
    notes = [*result.notes, f"{len(patterns)} pattern(s) solved numerically instead: {extra.notes[0]}"]
    return ContinuousEquilibriumSet(found, game=game, method="kkt+numeric", complete=False,
                                    degenerate=result.degenerate, notes=notes)
