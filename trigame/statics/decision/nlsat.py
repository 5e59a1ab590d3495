"""Deciding a conjunction of polynomial sign conditions completely: the nlsat procedure of z3.

The existential theory of the reals is decidable (Tarski 1951); nlsat (Jovanović and de Moura 2012,
"Solving non-linear arithmetic", IJCAR), a conflict-driven search over a cylindrical algebraic
decomposition built lazily, decides it, and the ``z3-solver`` package ships it.  A clause (atoms with
allowed signs) and the parameters' domains become a z3 formula built programmatically from the exact
polynomials -- never from text -- and nlsat answers:

* ``unsat``: the clause is empty (proved);
* ``sat`` with a model: the model's coordinates are rational, or real algebraic numbers from which a
  nearby rational point is taken; either way the point returned is checked exactly against the clause,
  so a returned witness is a proof that needs nothing from z3;
* ``unknown``: the work budget ran out.

The work budget is z3's resource counter (``rlimit``), which counts the solver's elementary steps and is
deterministic for a given formula and z3 version, unlike a timeout on wall time.  When ``z3`` cannot be
imported the procedure reports itself unavailable and the callers keep their own, incomplete, verdicts.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from trigame.statics.decision.clauses import ALL, Clause
from trigame.statics.decision.polynomials import Bounds, Poly, _keep, _kept
from trigame.statics.decision.witness import _holds

#: Default resource budget of one query (z3's ``rlimit`` steps; about a few seconds of work at most).
RLIMIT = 20_000_000
#: Decimal digits tried, in turn, when a model's coordinate is an irrational algebraic number.
_DIGITS = (2, 4, 8, 16, 32)
#: The z3 tactics asked in turn until one answers: nlsat behind z3's simplifier alone (the clauses are small and
#: mostly linear, and this answers them in about two thirds of the time), then z3's full ``qfnra-nlsat``
#: strategy (equation solving, purification and nlsat) wherever the first answers unknown (its budget ran out,
#: or a formula it does not take).  Both are complete decision procedures; an answer is never weakened.
_TACTICS = ("simplify-nlsat", "qfnra-nlsat")


@functools.lru_cache(maxsize=1)
def available() -> bool:
    """Whether the ``z3-solver`` package can be imported."""
    try:
        import z3  # noqa: F401
    except ImportError:
        return False
    return True


@functools.lru_cache(maxsize=1)
def _context() -> Any:
    """One z3 context for every query (creating one costs about 10 ms)."""
    import z3

    return z3.Context()


def _z3_sign(term: Any, signs: frozenset[int]) -> Any:
    """``sign(term) in signs`` as a z3 formula (``signs`` a proper nonempty subset of {-1, 0, 1})."""
    if signs == {1}:
        return term > 0
    if signs == {-1}:
        return term < 0
    if signs == {0}:
        return term == 0
    if signs == {0, 1}:
        return term >= 0
    if signs == {-1, 0}:
        return term <= 0
    return term != 0


def _z3_value(z3: Any, value: Any, digits: int) -> Fraction:
    """A model coordinate as a Fraction: exact when rational, else a decimal approximation."""
    if not z3.is_rational_value(value):
        value = value.approx(digits)
    return Fraction(z3.Z3_get_numeral_string(value.ctx_ref(), value.as_ast()))  # "p/q", written by z3


def decide(atoms: Sequence[Poly], domain: Sequence[Bounds], clause: Clause, *, rlimit: int = RLIMIT,
           witness: bool = True) -> tuple[bool | None, tuple[Fraction, ...] | None]:
    """Whether ``clause`` holds somewhere on the domain, decided by nlsat within a work budget.

    Parameters
    ----------
    atoms : sequence of Poly
        The space's atoms; the clause's keys index them.
    domain : sequence of Bounds
        Each parameter's ``(lower, lower open, upper, upper open)``.
    clause : Clause
        ``{atom index: allowed signs}``.
    rlimit : int, default :data:`RLIMIT`
        z3's resource budget (deterministic steps, not seconds), spent afresh by each tactic of
        :data:`_TACTICS` asked: a query the first leaves unknown is asked again under the next, so an unknown
        answer can cost twice the budget; 0 means no limit.
    witness : bool, default True
        Whether to read a witness point off the model (when False a nonempty clause gives ``(True, None)``).

    Returns
    -------
    (verdict, witness)
        ``(False, None)``: proved empty.  ``(True, point)``: a rational point satisfying the clause and the
        domains, checked exactly.  ``(True, None)``: nlsat proved the clause nonempty but every point it
        offered is irrational (an equality with only irrational solutions, say).  ``(None, None)``: the
        budget ran out, or z3 is not installed.
    """
    if isinstance(rlimit, bool) or not isinstance(rlimit, int) or not 0 <= rlimit < 2**32:
        from trigame.errors import ParameterError

        raise ParameterError(f"rlimit must be a whole number of z3 resource steps in [0, 2**32) (0: no limit), "
                             f"got {rlimit!r}")
    if not available():
        return None, None
    import z3

    if any(not signs for signs in clause.values()):
        return False, None
    context = _context()
    variables = _variables(len(domain))
    literals = [_literal(atoms[k], signs, len(domain)) for k, signs in clause.items() if signs != ALL]
    for tactic in _TACTICS:
        solver = _solver(tuple(domain), int(rlimit), tactic)
        solver.push()
        try:
            for literal in literals:
                z3.Z3_solver_assert(context.ref(), solver.solver, literal.as_ast())
            answer = solver.check()
            model = solver.model() if answer == z3.sat and witness else None
        finally:
            solver.pop()
        if answer != z3.unknown:
            break
    if answer == z3.unsat:
        return False, None
    if answer != z3.sat:
        return None, None
    if model is None:
        return True, None
    values = [model.eval(x, model_completion=True) for x in variables]
    for digits in _DIGITS:
        point = tuple(_z3_value(z3, v, digits) for v in values)
        if _holds(atoms, domain, clause, point):
            return True, point
        if all(z3.is_rational_value(v) for v in values):
            break
    return True, None


#: z3 formulas built so far (literals by their polynomial's coefficients and signs, domains, variables):
#: building a formula through the Python API costs more than deciding it.
_FORMULAS: dict[Any, Any] = {}
#: Largest number of entries kept in :data:`_FORMULAS` before it is cleared.
_FORMULAS_LIMIT = 50_000


def _cached(key: Any, build: Any) -> Any:
    value = _FORMULAS.get(key)
    if value is None:
        if len(_FORMULAS) >= _FORMULAS_LIMIT:
            _FORMULAS.clear()
        value = _FORMULAS[key] = build()
    return value


def _variables(n: int) -> list[Any]:
    """The z3 real constants ``x0 ... x{n-1}`` standing for the parameters."""
    import z3

    return _cached(("variables", n), lambda: [z3.Real(f"x{i}", _context()) for i in range(n)])


def _bounds(domain: tuple[Bounds, ...]) -> Any:
    """The domains as one z3 formula (None when every parameter is unbounded)."""
    import z3

    def build() -> Any:
        context = _context()
        out = []
        for x, (lo, lo_open, hi, hi_open) in zip(_variables(len(domain)), domain):
            if lo is not None:
                bound = z3.RatVal(lo.numerator, lo.denominator, context)
                out.append(x > bound if lo_open else x >= bound)
            if hi is not None:
                bound = z3.RatVal(hi.numerator, hi.denominator, context)
                out.append(x < bound if hi_open else x <= bound)
        return z3.And(*out) if out else None

    built = _cached(("bounds", domain), lambda: (build(),))
    return built[0]


def _tactic(name: str) -> Any:
    """The z3 tactic of :data:`_TACTICS` called ``name``."""
    import z3

    context = _context()
    if name == "simplify-nlsat":
        return z3.Then(z3.Tactic("simplify", context), z3.Tactic("nlsat", context))
    return z3.Tactic(name, context)


def _solver(domain: tuple[Bounds, ...], rlimit: int, tactic: str = _TACTICS[-1]) -> Any:
    """A solver running ``tactic`` with the domains asserted, reused (push and pop) by every query on them."""
    def build() -> Any:
        solver = _cached(("tactic", tactic), lambda: _tactic(tactic)).solver()
        if rlimit:
            solver.set("rlimit", rlimit)  # per check: z3 counts each query's steps against it afresh
        bounds = _bounds(domain)
        if bounds is not None:
            solver.add(bounds)
        return solver

    return _cached(("solver", domain, rlimit, tactic), build)


def _literal(p: Poly, signs: frozenset[int], n: int) -> Any:
    """``sign(p) in signs`` as a z3 formula over ``n`` parameters."""
    # by the polynomial's identity first (an atom is one dict, never changed, asked about thousands of times),
    # by its coefficients behind that
    seen = _kept(_FORMULAS, ("atom", id(p), signs), p)
    if seen is not None:
        return seen
    key = tuple(sorted(p.items()))
    formula = _cached(("literal", key, signs), lambda: _z3_sign(_cached(("term", key), lambda: _term(key, n)), signs))
    return _keep(_FORMULAS, ("atom", id(p), signs), p, formula, _FORMULAS_LIMIT)


def _term(key: tuple[tuple[tuple[int, ...], Fraction], ...], n: int) -> Any:
    """The polynomial with terms ``key`` as a z3 real term (coefficients exact rationals)."""
    import z3

    context = _context()
    variables = _variables(n)
    terms = []
    for m, c in key:
        value: Any = (z3.RealVal(c.numerator, context) if c.denominator == 1
                      else z3.RatVal(c.numerator, c.denominator, context))
        factors = [x for x, e in zip(variables, m) for _ in range(e)]
        if factors:
            monomial = factors[0] if len(factors) == 1 else z3.Product(*factors)
            value = monomial if c == 1 else value * monomial
        terms.append(value)
    if not terms:
        return z3.RealVal(0, context)
    return z3.Sum(*terms) if len(terms) > 1 else terms[0]
