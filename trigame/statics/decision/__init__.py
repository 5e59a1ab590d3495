"""Sign conditions on polynomials in the parameters: exact feasibility, simplification and cells.

The conditions of symbolic equilibria are Boolean combinations of polynomial
sign conditions (``p > 0``, ``p >= 0``, ``p = 0`` ...) in the model's
parameters, which range over a box of intervals (their domains).  This package
turns them into a disjunctive normal form over *atoms* -- canonical
irreducible polynomials, each with a set of allowed signs ``{-1, 0, +1}`` --
and decides, honestly, which conjunctions are empty:

* **Proved empty** by exact Fourier--Motzkin elimination over ``Fraction``
  (Motzkin 1936): linear atoms are used as they are; a nonlinear monomial
  becomes a fresh variable constrained by what the domains imply (its sign,
  McCormick's bounds for a product of two bounded parameters), a linear
  *relaxation* -- so an empty relaxation proves the condition empty.
* **Proved nonempty** by a witness: a rational point that satisfies every
  sign condition exactly (for linear conditions the elimination itself is the
  proof; otherwise equalities are solved for a parameter and the rest is
  sampled).
* **Unknown** otherwise (``None``): nothing is dropped or claimed on that basis.

When the ``z3-solver`` package is installed (a core dependency), :mod:`.nlsat` decides every clause
completely instead -- z3's nlsat procedure for nonlinear real arithmetic, within a deterministic work
budget -- with the elimination behind it where that budget runs out; a model's point is checked exactly
before it serves as a witness.  ``Space.method`` chooses (``"auto"``, ``"nlsat"``, ``"elimination"``).

Modules, lowest first: :mod:`.polynomials` (exact sparse polynomials),
:mod:`.clauses` (conjunctions of sign conditions and their Boolean
bookkeeping), :mod:`.algebraic` (real algebraic thresholds, exactly),
:mod:`.univariate` (one-parameter conditions by real-root isolation),
:mod:`.boxes` (what a clause implies before elimination), :mod:`.linear`
(the linear relaxation and Fourier--Motzkin elimination), :mod:`.witness`
(rational witness points), :mod:`.nlsat` (the complete procedure), :mod:`.domain` (the atom registry and the cached
verdicts), :mod:`.simplify` and :mod:`.display` (simplified and readable
conditions), :mod:`.space` (:class:`Space`, reading SymPy conditions) and :mod:`.partition` (cutting the
domain only as finely as some conditions need, as a decision tree that then answers queries itself).

Examples
--------
>>> import sympy as sp
>>> a, b = sp.symbols("a b")
>>> space = Space((a, b), {a: (0, False, None, True), b: (0, False, 1, False)})   # a >= 0, 0 <= b <= 1
>>> [space.feasible(c) for c in space.dnf(sp.And(a - b > 0, a + b < 0))]
[False]
>>> space.to_sympy(space.simplify(space.dnf(sp.Or(a >= 0, a - b > 0))))
True
>>> space.to_sympy(space.simplify(space.dnf(sp.And(a*b - 2 > 0, b - 1 <= 0))))   # a b > 2 already forces b > 0
a*b > 2
"""

from trigame.statics.decision.clauses import Clause, conjoin
from trigame.statics.decision.polynomials import poly_eval
from trigame.statics.decision.space import Space

__all__ = ["Clause", "Space", "conjoin", "poly_eval"]
