"""The space's parameters, their domains, the registry of atoms over them, and the verdicts on clauses.

An atom is a canonical non-constant polynomial (scaled so that its leading coefficient is +-1), registered
once and referred to by its index.  A clause's verdict is False when it is proved empty, True when it is
proved nonempty, None when unknown; verdicts, boxes and witnesses are cached per clause.  Two procedures
decide a clause (:attr:`Domain.method`):

* ``"elimination"``: its box, then its linear relaxation decided by Fourier--Motzkin elimination, which
  proves emptiness (and nonemptiness of linear clauses); a witness point is searched for by sampling.
  Incomplete on nonlinear clauses: it may answer None.
* ``"nlsat"``: z3's complete procedure for nonlinear real arithmetic
  (:mod:`~trigame.statics.decision.nlsat`), whose model gives the witness; None only when its work budget
  (:attr:`Domain.rlimit`) runs out.
* ``"auto"`` (the default): nlsat when z3 is installed, with the elimination where its budget runs out;
  the elimination alone otherwise.  Measured on the shipped models' regime maps (benchmarks/README.md),
  nlsat alone is faster than the elimination with nlsat behind it, and than the elimination alone, which
  leaves sets unproved.

Before any procedure, a clause is tried on the decision trees of earlier partitions of the whole domain
(:attr:`Domain.oracles`, :func:`~trigame.statics.decision.partition.decide`), which settle most of the
queries of simplifying a regime map's conditions exactly and without z3.

Queries that need no verdict on nonempty clauses (``feasible(..., prove=False)``) go to nlsat as well when
:attr:`Domain.prune` is set (the default: the pruning it buys pays for itself).  Before any procedure, a
clause is tried on the newest witnesses found (a depth-first enumeration of cells settles one refinement
of each clause that way).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from fractions import Fraction
from typing import Any

from trigame.statics.decision import nlsat
from trigame.statics.decision.boxes import _Box, _narrow
from trigame.statics.decision.clauses import Clause, _key
from trigame.statics.decision.linear import _fourier_motzkin, _relaxation
from trigame.statics.decision.polynomials import Bounds, Poly, _sign, poly_sign
from trigame.statics.decision.signs import AtomSigns
from trigame.statics.decision.witness import _holds, _search

#: Recent witnesses tried on a new clause before any procedure is run.
RECENT = 32


class Domain:
    """Parameters, their domains, the registry of atoms (canonical polynomials) and the verdicts on clauses.

    Parameters
    ----------
    symbols : sequence of sympy.Symbol
        The free parameters, in a fixed order.
    bounds : mapping
        ``{symbol: (lower, lower_open, upper, upper_open)}``; None = unbounded.

    Attributes
    ----------
    method : {"auto", "nlsat", "elimination"}
        How clauses are decided (see the module's docstring); set it before the first verdict.
    rlimit : int
        The work budget of one nlsat query: z3's deterministic resource counter, not seconds (0 = none).
        A clause whose query exhausts it keeps the verdict None (unknown), as the elimination leaves it.
    prune : bool
        Whether queries that need no witness (``feasible(..., prove=False)``: pruning and simplification)
        go to nlsat too when the elimination leaves them open.
    oracles : list of callables
        Exact deciders tried first, ``clause -> (verdict, witness)``: the trees of partitions of the whole
        domain register themselves here.
    """

    #: Decision procedures :attr:`method` may name.
    METHODS = ("auto", "nlsat", "elimination")
    #: How many of the newest witnesses a clause is tried on before any procedure (0: none; the partition turns
    #: it off while it runs: it looks for points next to its nodes' instead, where the recent ones never held).
    #: A class default, so that domains pickled before it existed read it too.
    recent: int = RECENT

    def __init__(self, symbols: Sequence[Any], bounds: Mapping[Any, Bounds]) -> None:
        self.symbols = tuple(symbols)
        self.index = {s: k for k, s in enumerate(self.symbols)}
        self.bounds: list[Bounds] = []
        for s in self.symbols:
            lo, lo_open, hi, hi_open = bounds.get(s, (None, True, None, True))
            self.bounds.append((None if lo is None else Fraction(lo), lo_open, None if hi is None else Fraction(hi),
                                hi_open))
        self.atoms: list[Poly] = []
        self._keys: dict[tuple[Any, ...], int] = {}
        self._exprs: dict[int, Any] = {}
        self._cache: dict[tuple[Any, ...], bool | None] = {}
        self._witness: dict[tuple[Any, ...], tuple[Fraction, ...] | None] = {}
        self._boxes: dict[tuple[Any, ...], _Box] = {}
        #: Clauses proved empty, as a trie of their literals ``(atom, signs)`` in atom order (see ``_refines_empty``).
        self._empty: dict[Any, Any] = {}
        #: Readable relations (``Display.literal``) by atom and allowed signs.
        self._literals: dict[tuple[int, frozenset[int]], Any] = {}
        #: ``Space.sign_condition``'s answers, by expression and allowed signs.
        self._sign_conditions: dict[tuple[Any, frozenset[int]], list[Clause]] = {}
        #: ``Space._factored``'s answers: a numerator's or denominator's constant and factors, by expression.
        self._factorisations: dict[Any, tuple[Fraction, list[tuple[Poly, int]]]] = {}
        self._rng = random.Random(20240517)
        #: Parameters compared with irrational real algebraic numbers (``x >= sqrt(2)``): see ``Space._algebraic``.
        self.special: set[int] = set()
        #: Atoms ``x - a`` that only separate the roots of such a comparison's minimal polynomial.
        self._separators: set[int] = set()
        self._genuine: set[int] = set()
        self._converting = False
        self.method = "auto"
        self.rlimit = nlsat.RLIMIT
        self.prune = True
        #: Points proved to lie in the domain (witnesses found so far), newest last, with their atoms' signs.
        self._points: list[tuple[tuple[Fraction, ...], dict[int, int]]] = []
        #: Exact deciders tried before any procedure: ``clause -> (verdict, witness or None)`` (partitions of the
        #: whole domain, :func:`~trigame.statics.decision.partition.partition`).
        self.oracles: list[Callable[[Clause], tuple[bool | None, tuple[Fraction, ...] | None]]] = []
        self._atom_signs = AtomSigns(self.atoms, len(self.symbols))

    #: Caches that the registry and the parameters determine: emptied in a pickle or a copy, refilled on demand.
    _CACHES = ("_cache", "_witness", "_boxes", "_empty", "_literals", "_sign_conditions", "_factorisations", "_exprs",
               "_points", "_atom_signs")

    def __getstate__(self) -> dict[str, Any]:
        """The state with the caches emptied (verdicts, witnesses, boxes, the trie of empty clauses, recent
        points, readable literals, answers of ``sign_condition``, atoms as SymPy expressions, the atoms compiled
        for :attr:`atom_signs`).

        A regime set's space holds megabytes of them.  The atoms' registry and indices, the bounds, the
        algebraic thresholds' bookkeeping, the settings, the random generator and the oracles (partitions of
        the whole domain, which took a regime map to build) are kept: every index a condition refers to means
        what it meant, and a verdict asked again is decided again, exactly.  The default ``__setstate__``
        restores this state as it is.
        """
        return {k: type(v)() if k in self._CACHES else v for k, v in self.__dict__.items()}

    @property
    def atom_signs(self) -> AtomSigns:
        """Every atom's sign at a point at once, exactly (a float filter first): :mod:`.signs`."""
        found = self.__dict__.get("_atom_signs")  # absent from a domain pickled before it existed
        if found is None or found.atoms is not self.atoms:  # emptied in a pickle or a copy
            found = self._atom_signs = AtomSigns(self.atoms, len(self.symbols))
        return found

    # ------------------------------------------------------------------ atoms
    def _atom(self, p: Poly) -> tuple[int, int]:
        """Register the canonical form of a non-constant ``p``: (atom index, sign of the scale)."""
        leading = max(p)  # a fixed monomial order
        scale = p[leading]
        canonical = {m: c / abs(scale) for m, c in p.items()}
        key = tuple(sorted(canonical.items()))
        if key not in self._keys:
            self._keys[key] = len(self.atoms)
            self.atoms.append(canonical)
        if not self._converting:
            self._genuine.add(self._keys[key])
        return self._keys[key], _sign(scale)

    def is_separator(self, k: int) -> bool:
        """Whether atom ``k`` was introduced only to locate an algebraic threshold (never a boundary itself)."""
        return k in self._separators and k not in self._genuine

    def atom_expr(self, k: int) -> Any:
        """Atom ``k`` as a SymPy expression."""
        import sympy

        if k in self._exprs:
            return self._exprs[k]
        total = sympy.Integer(0)
        for m, c in self.atoms[k].items():
            term = sympy.Rational(c.numerator, c.denominator)
            for s, e in zip(self.symbols, m):
                term *= s**e
            total += term
        self._exprs[k] = total
        return total

    def evaluate(self, clauses: list[Clause], point: Sequence[Fraction]) -> bool:
        """Whether the DNF holds at an exact point (the domains are not checked)."""
        signs = {}
        for clause in clauses:
            ok = True
            for k, allowed in clause.items():
                if k not in signs:
                    signs[k] = poly_sign(self.atoms[k], point)
                if signs[k] not in allowed:
                    ok = False
                    break
            if ok:
                return True
        return False

    # ------------------------------------------------------------------ verdicts
    def holds(self, clause: Clause, point: Sequence[Fraction]) -> bool:
        """Whether ``point`` satisfies ``clause`` and the domains, exactly."""
        return _holds(self.atoms, self.bounds, clause, point)

    def feasible(self, clause: Clause, prove: bool = True) -> bool | None:
        """True (a witness exists), False (proved empty on the domain) or None (unknown).

        With ``prove=False`` no witness is searched for: the answer is False when the clause is proved empty,
        True when the elimination alone proves it nonempty (linear clauses), None otherwise -- all that
        pruning and simplification need.
        """
        key = _key(clause)
        if key not in self._cache and not self._settle(key, clause):
            self._cache[key] = self._eliminate(clause, complete=prove or self.prune)
            if self._cache[key] is False:
                self._record_empty(clause)
        verdict = self._cache[key]
        if verdict is not None or not prove:
            return verdict
        if self.witness(clause) is not None:
            return True
        return self._cache[key]  # nlsat may have decided it without a rational point

    def proved_empty(self, clause: Clause) -> bool:
        """Whether ``clause`` is proved empty, asked without a witness search and keeping no point found.

        The partition asks this of the union of two pieces of a node where both are usually empty: one
        query instead of two.  The clause is settled as :meth:`feasible` settles it (the recent witnesses,
        the trie of empty clauses, the oracles), then by nlsat without a witness, and by the elimination
        where nlsat is not used or gives up (:meth:`_eliminate` without a witness).  For a clause found
        nonempty no new point is searched for or remembered (a point that settled it, a recent witness or an
        oracle's, is cached as :meth:`feasible` caches it), so the pieces are then decided one by one exactly
        as without the question.
        """
        key = _key(clause)
        if key not in self._cache and not self._settle(key, clause):
            found = self._eliminate(clause, witness=False)
            if found is not None:
                self._cache[key] = found
            if found is False:
                self._record_empty(clause)
        return self._cache.get(key, True) is False

    def _settle(self, key: tuple[Any, ...], clause: Clause) -> bool:
        """Whether ``clause`` is decided without a procedure (a recent witness satisfies it, it refines a
        clause proved empty, or an oracle decides it); its verdict, and a witness found, are then cached."""
        point = self._known_point(clause)
        if point is not None:
            self._cache[key] = True
            self._witness[key] = point
            return True
        if self._refines_empty(clause):
            self._cache[key] = False
            return True
        for oracle in self.oracles:
            found, point = oracle(clause)
            if found is not None:
                self._cache[key] = found
                if found is False or point is not None:
                    self._witness[key] = point
                return True
        return False

    def witness(self, clause: Clause) -> tuple[Fraction, ...] | None:
        """A rational point of the domain satisfying ``clause`` exactly, when one is found."""
        key = _key(clause)
        if key not in self._witness:
            point = None
            if self._nlsat():
                verdict, point = nlsat.decide(self.atoms, self.bounds, clause, rlimit=self.rlimit)
                if verdict is not None:
                    self._cache[key] = verdict
                if verdict is False:
                    self._witness[key] = None
                    return None
            if point is None:
                point = _search(clause, self._narrowed(clause), self.atoms, self.bounds, self._rng)
            self._witness[key] = point
            self._remember(point)
        return self._witness[key]

    def accept(self, clause: Clause, point: Sequence[Fraction]) -> bool:
        """Whether ``point`` satisfies ``clause`` and the domains, exactly; if so it is remembered as the
        clause's witness (the clause then counts as proved nonempty, as a point nlsat's model gives does)."""
        point = tuple(point)
        if not self.holds(clause, point):
            return False
        key = _key(clause)
        self._cache[key] = True
        if self._witness.get(key) is None:
            self._witness[key] = point
        self._remember(point)
        return True

    def _record_empty(self, clause: Clause) -> None:
        """Remember a clause proved empty, in a trie of its literals in atom order: a node maps an atom to
        ``{signs: child}`` (and ``None`` to True where a clause ends)."""
        node = self._empty
        for k, signs in _key(clause):
            node = node.setdefault(k, {}).setdefault(signs, {})
        node[None] = True

    def _refines_empty(self, clause: Clause) -> bool:
        """Whether ``clause`` implies a clause proved empty (each of that clause's literals allows at least the
        signs ``clause`` allows for its atom): then ``clause`` is empty too.

        The solvers that prune pieces while they combine them ask for many refinements of pieces already
        proved empty; the trie of empty clauses answers them without a decision procedure.  A trie node is
        looked up by the clause's atoms after the node's (the trie's paths are in atom order), not scanned.
        """
        items = _key(clause)
        position = {k: i for i, (k, _) in enumerate(items)}
        stack = [(self._empty, 0)]
        while stack:
            node, start = stack.pop()
            if None in node:
                return True
            if len(node) <= len(items) - start:  # the node's atoms are fewer: look each up in the clause
                for k, branches in node.items():
                    i = position.get(k, -1)  # the trie's paths are in atom order: i >= start
                    if i >= 0:
                        allowed = items[i][1]
                        for signs, child in branches.items():
                            if allowed <= signs:
                                stack.append((child, i + 1))
                continue
            for i in range(start, len(items)):  # the clause's atoms after the node's are fewer
                k, allowed = items[i]
                branches = node.get(k)
                if branches is not None:
                    for signs, child in branches.items():
                        if allowed <= signs:
                            stack.append((child, i + 1))
        return False

    def _known_point(self, clause: Clause) -> tuple[Fraction, ...] | None:
        """A witness of an earlier clause that satisfies ``clause`` too (the newest :attr:`recent` are tried).

        Depth-first enumerations of cells ask about a clause and then about its refinements; the parent's
        witness settles one refinement of each, exactly and at the cost of evaluating one atom.
        """
        if not self.recent:
            return None
        for point, signs in reversed(self._points[-self.recent:]):
            for k, allowed in clause.items():
                sign = signs.get(k)
                if sign is None:
                    sign = signs[k] = poly_sign(self.atoms[k], point)
                if sign not in allowed:
                    break
            else:
                return point
        return None

    def _remember(self, point: tuple[Fraction, ...] | None) -> None:
        if point is not None:
            self._points.append((point, {}))
            if len(self._points) > 4 * RECENT:
                del self._points[:-RECENT]

    def _nlsat(self) -> bool:
        """Whether nlsat decides clauses here (the method asks for it and z3 is installed)."""
        if self.method not in self.METHODS:
            from trigame.errors import ParameterError

            raise ParameterError(f"unknown decision method {self.method!r}; use one of {', '.join(self.METHODS)}")
        if self.method == "elimination":
            return False
        if not nlsat.available():
            if self.method == "nlsat":
                from trigame.errors import MissingDependencyError

                raise MissingDependencyError("the decision method 'nlsat' needs the z3-solver package: "
                                             "pip install z3-solver")
            return False
        return True

    def proved_sign(self, p: Poly) -> int | None:
        """+1 or -1 when the polynomial ``p`` is proved strictly positive (negative) on the whole domain."""
        for sign, signs in ((1, frozenset({-1, 0})), (-1, frozenset({0, 1}))):
            box = _Box(list(self.bounds), {}, [(p, signs)], False, False, {}, {})
            if _fourier_motzkin(*_relaxation(box)[0]) is False:
                return sign
        return None

    def _eliminate(self, clause: Clause, complete: bool = True, witness: bool = True) -> bool | None:
        """The verdict without a witness search: proved empty, proved nonempty, or None.

        With ``complete`` the clause goes to nlsat first (when the method allows it), and to the elimination
        only where nlsat's budget runs out; otherwise to the elimination alone.  A point nlsat's model gives
        is remembered as the clause's witness, unless ``witness`` is False (then none is read off).
        """
        if any(not signs for signs in clause.values()):
            return False
        if complete and self._nlsat():
            found, point = nlsat.decide(self.atoms, self.bounds, clause, rlimit=self.rlimit, witness=witness)
            if point is not None:
                self._witness[_key(clause)] = point
                self._remember(point)
            if found is not None:
                return found
        box = self._narrowed(clause)  # no z3, a query that needs no verdict, or nlsat's budget ran out
        if box.empty:
            return False
        if box.separable:
            return True  # every condition is on one parameter, and each was decided exactly
        linear, exact = _relaxation(box)
        verdict = _fourier_motzkin(*linear)
        if verdict is False:
            return False
        return True if verdict is True and exact else None

    def _narrowed(self, clause: Clause) -> _Box:
        """The clause's box (cached): see :func:`~trigame.statics.decision.boxes._narrow`."""
        key = _key(clause)
        if key not in self._boxes:
            self._boxes[key] = _narrow(self.atoms, self.bounds, clause)
        return self._boxes[key]
