"""Regime maps: the distinct equilibrium *sets* of a model and where each holds.

:func:`regime_map` cuts the parameter space into the cells on which every
regime's condition (:mod:`trigame.statics.regime_set`) has a constant truth
value, gives each cell the set of regimes whose conditions hold there and
merges the cells with the same set.  A :class:`RegimeMap` labels grids of
parameter values (vectorised; what a sweep and its plots compare with) and
gives the boundary curves of a 2-D slice.

Contract with sweeps and plots
------------------------------
* Labels: an equilibrium's value-free label is
  :func:`trigame._labels.support_label` of (players, strategies,
  supports) for Nash equilibria, and of (information-set keys, actions,
  supports) for subgame-perfect equilibria, as in
  :func:`trigame.statics.sweep`; a set's label is
  :func:`~trigame._labels.set_label` of its members, with
  ``" | continuum"`` where the game has a continuum of equilibria.
* :meth:`RegimeMap.labels` takes arrays of parameter values (broadcast
  together) and returns an object array of set labels of the broadcast shape.
* :meth:`RegimeMap.boundaries` returns SymPy expressions in the two named
  parameters whose zero sets are the curves where the equilibrium set can
  change (``sympy.lambdify`` them and draw the 0-contour).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from trigame._labels import set_label
from trigame.errors import ParameterError
from trigame.statics._label_match import rational_in_leaf
from trigame.statics._point_checks import _compare_at, _Known, _numeric_check, _numeric_label
from trigame.statics._problem import _check_domain, _check_domain_array, _exact_or_unsupported, _number
from trigame.statics.decision import Clause, poly_eval
from trigame.statics.decision.partition import locate, partition
from trigame.statics.regime_set import Regime, RegimeSet, regimes

__all__ = ["MapEntry", "RegimeMap", "regime_map"]


@dataclass(frozen=True, repr=False)
class MapEntry:
    """One equilibrium set of a regime map.

    Attributes
    ----------
    label : str
        :func:`trigame._labels.set_label` of the members' support labels (``" | continuum"`` when the
        game has a continuum of equilibria there).
    condition : sympy boolean
        Where (on the domains) the equilibrium set is exactly this one.  Simplified when first read (and
        kept): building a map does not need it.
    regimes : tuple of Regime
        The members.
    continuum : bool or None
        Whether the game has a continuum of equilibria at the witness; None when the set has no rational
        point found (no witness), where it is not decided.
    witness : dict or None
        A parameter point (exact Fractions) where this set occurs, at which its label was checked against the
        exact point solver (where the game has a continuum there, the listed points of both compared in full:
        :func:`regime_map`); None when no rational point of the set was found.
    certain : bool
        Whether the set is proved nonempty: by its witness, or, where every point of it found is irrational
        (on the curve ``x**2 = 2``, say), by the complete decision procedure (nlsat).  Without a witness the
        label is not checked at a point and ``continuum`` is not decided (None).
    """

    label: str
    regimes: tuple[Regime, ...]
    continuum: bool | None
    witness: dict[str, Fraction] | None
    certain: bool
    _cells: tuple[Clause, ...] = field(repr=False, compare=False)  # the partition's leaves, their disjunction
    _space: Any = field(repr=False, compare=False)
    _read: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def _clauses(self) -> list[Clause]:
        """The condition as simplified clauses (:meth:`~trigame.statics.decision.space.Space.simplify` of the
        cells), computed on first use."""
        if "clauses" not in self._read:
            self._read["clauses"] = self._space.simplify([dict(c) for c in self._cells])
        return list(self._read["clauses"])

    @property
    def condition(self) -> Any:
        """Where (on the domains) the equilibrium set is exactly this one, as a SymPy condition."""
        if "condition" not in self._read:
            self._read["condition"] = self._space.to_sympy(self._clauses)
        return self._read["condition"]

    def __repr__(self) -> str:
        return (f"MapEntry(label={self.label!r}, condition={self.condition!r}, regimes={self.regimes!r}, "
                f"continuum={self.continuum!r}, witness={self.witness!r}, certain={self.certain!r})")

    def _names(self) -> dict[str, tuple[str, str]]:
        owner = self.regimes[0]._owner if self.regimes else None
        return owner.display_names if owner is not None else {}

    @property
    def condition_text(self) -> str:
        """The condition in plain Unicode, in the parameters' symbols (``0 < e_us < A_us and ...``)."""
        from trigame.statics.conditions import to_unicode

        return to_unicode(self.condition, self._names())

    @property
    def condition_latex(self) -> str:
        """The condition in LaTeX, each relation an inline formula joined by "and" and "or"."""
        from trigame.statics.conditions import to_latex

        return to_latex(self.condition, self._names())


class RegimeMap(Sequence[MapEntry]):
    """The distinct equilibrium sets of a model and where each holds (see :func:`regime_map`)."""

    def __init__(self, regime_set: RegimeSet, entries: Sequence[MapEntry], atoms: Sequence[int], tree: Any,
                 leaf_labels: Sequence[str], leaf_members: Sequence[Sequence[Regime]] | None = None) -> None:
        self.regimes = regime_set
        self._entries = tuple(entries)
        self._atoms = tuple(atoms)
        self._tree = tree  # the partition's decision tree (trigame.statics.decision.partition)
        self._leaf_labels = tuple(leaf_labels)
        self._leaf_members = None if leaf_members is None else tuple(tuple(m) for m in leaf_members)
        self.parameters = regime_set.parameters

    def __getitem__(self, index: Any) -> Any:
        return self._entries[index]

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[MapEntry]:
        return iter(self._entries)

    @property
    def label_set(self) -> tuple[str, ...]:
        """The labels of the sets, in the map's order."""
        return tuple(e.label for e in self._entries)

    def _arrays(self, values: Mapping[str, Any]) -> tuple[list[Any], tuple[int, ...]]:
        problem = self.regimes._problem
        unknown = sorted(set(values) - set(self.parameters))
        if unknown:
            raise ParameterError(f"unknown or fixed parameter(s) {', '.join(map(repr, unknown))}; the free "
                                 f"parameters are: {', '.join(self.parameters)}")
        arrays = []
        for name, bounds in zip(self.parameters, problem.space.bounds):
            if name in values:
                value = values[name]
            elif name in problem.defaults:
                value = problem.defaults[name]
            else:
                raise ParameterError(f"give a value for {name} (the free parameters are: {', '.join(self.parameters)})")
            if isinstance(value, (str, bytes)):
                raise ParameterError(f"{name} must be numbers, got the string {value!r} (strings are never parsed)")
            try:
                array = np.asarray(value)
            except (ValueError, TypeError) as exc:
                raise ParameterError(f"{name} must be a number or a rectangular array of numbers ({exc})") from None
            if array.dtype.kind not in "iufO" or array.dtype.kind == "b":
                raise ParameterError(f"{name} must hold numbers, got an array of dtype {array.dtype}")
            if array.dtype.kind == "f" and not np.all(np.isfinite(array)):
                raise ParameterError(f"{name} must be finite")
            if array.dtype.kind == "O":  # ints, Fractions, Decimals, SymPy rationals ...: each checked
                checked = np.empty(array.shape, dtype=object)
                for index in np.ndindex(*array.shape):
                    checked[index] = _number(name, array[index])
                array = checked
            _check_domain_array(name, array, bounds)
            arrays.append(array)
        try:
            shape = np.broadcast_shapes(*(a.shape for a in arrays))
        except ValueError:
            raise ParameterError("the arrays of parameter values do not broadcast together: "
                                 + ", ".join(f"{n}: {a.shape}" for n, a in zip(self.parameters, arrays))) from None
        return [np.broadcast_to(a, shape) for a in arrays], shape

    def labels(self, *, tol: float = 1e-12, **values: Any) -> np.ndarray:
        """The label of the equilibrium set at each point (vectorised; arrays broadcast together).

        Parameters
        ----------
        tol : float, default 1e-12
            Float inputs: a boundary polynomial counts as zero (the point lies on a boundary, typically a
            continuum) when its absolute value is at most ``tol`` times the sum of the absolute values of its
            terms; such a float off the boundary is read as a rational point of the boundary's cell next to it
            and gets that point's exact label (see ``_fallback``).  Integer and Fraction inputs (object arrays)
            are evaluated exactly.
        **values
            Arrays (or numbers) for the free parameters; parameters not given take the model's values (the
            instance's, or the defaults).

        Returns
        -------
        numpy.ndarray of str objects, of the broadcast shape.

        Examples
        --------
        >>> from trigame.models import QuasiAlliance
        >>> rmap = regime_map(QuasiAlliance, fixed={"security_value": 3, "domestic_cost_japan": 1,
        ...                                         "domestic_cost_rok": 2, "unreciprocated_cost": 1})
        >>> rmap.labels(fear_japan=[0, 1], fear_rok=1).tolist()[0]
        'Japan: Friction, South Korea: Friction'
        """
        arrays, shape = self._arrays(values)
        space = self.regimes._problem.space
        exact = all(a.dtype.kind in "iuO" for a in arrays)
        point = [a.astype(object) if exact else a.astype(np.float64) for a in arrays]
        # each point's sign vector over the atoms, encoded base 3 in int64 words of _DIGITS atoms each
        words = [np.zeros(shape, dtype=np.int64) for _ in range(max(1, -(-len(self._atoms) // _DIGITS)))]
        on_boundary = np.zeros(shape, dtype=bool)
        for j, k in enumerate(self._atoms):
            p = space.atoms[k]
            coefficients: Any = p if exact else {m: float(c) for m, c in p.items()}  # poly_eval takes floats too
            value = np.asarray(poly_eval(coefficients, point), dtype=object if exact else np.float64)
            if exact:
                sign = np.asarray(_SIGN(value)).astype(np.int64)
            else:
                scale = np.zeros(shape)
                for m, c in p.items():
                    term: Any = abs(float(c))
                    for x, e in zip(point, m):
                        if e:
                            term = term * np.abs(x) ** e
                    scale = scale + term
                value = value.astype(np.float64)
                sign = np.where(np.abs(value) <= tol * scale, 0, np.sign(value)).astype(np.int64)
            word = words[j // _DIGITS]
            word *= 3
            word += np.broadcast_to(sign, shape) + 1
            on_boundary |= np.broadcast_to(sign == 0, shape)
        codes = np.stack([w.reshape(-1) for w in words], axis=1)  # (points, words)
        unique, inverse = np.unique(codes, axis=0, return_inverse=True)
        inverse = inverse.reshape(-1)
        leaves = [self._leaf_of(row) for row in unique]
        found = np.array([None if leaf is None else self._leaf_labels[leaf] for leaf in leaves] + [None],
                         dtype=object)
        missing = [i for i, label in enumerate(found[:-1]) if label is None]
        out = found[inverse]
        solve = np.isin(inverse, missing)  # sign patterns proved impossible (float rounding): solve those points
        if not self._continuum_constant_on_cells:
            # The continuum flag is decided at a cell's witness; off the 2x2 case it can change inside a cell
            # that lies on a boundary (e.g. a cost at the edge of its domain), so such points are solved exactly.
            solve |= on_boundary.reshape(-1)
        if solve.any():
            flat = [a.reshape(-1) for a in point]
            solved: dict[tuple[Any, ...], str] = {}
            for index in np.flatnonzero(solve):
                key = tuple(a[index] for a in flat)
                if key not in solved:
                    solved[key] = self._fallback(list(key), leaves[inverse[index]])
                out[index] = solved[key]
        return out.reshape(shape)

    @property
    def _continuum_constant_on_cells(self) -> bool:
        """Whether the continuum flag is proved constant on each cell (2x2 games: closed_form's exact rule)."""
        problem = self.regimes._problem
        return problem.kind == "nash" and problem.game.n_players == 2

    def _leaf_of(self, code: np.ndarray) -> int | None:
        """The leaf holding the sign vector encoded as :meth:`labels` encodes points (None: none)."""
        signs: dict[int, int] = {}
        n = len(self._atoms)
        for w, word in enumerate(code):
            word = int(word)
            width = min(_DIGITS, n - w * _DIGITS)
            for j in reversed(range(width)):
                signs[self._atoms[w * _DIGITS + j]] = word % 3 - 1
                word //= 3
        leaf = locate(self._tree, signs)
        return None if leaf is None else int(leaf)

    def _fallback(self, point: Sequence[Any], leaf: int | None = None) -> str:
        """The label at a point solved exactly (on a boundary, or a sign pattern proved impossible).

        On a boundary inside the cell ``leaf``, the regimes of the cell are the equilibria there; where the
        game has a continuum and the point solver lists other points of it, the set is the cell's, labelled
        as the map labels it (with the continuum flag of the point).

        Floats are read as a rational point of ``leaf`` next to them (their exact value when it lies in the
        leaf, a threshold hit exactly in binary; else the simplest fractions near them that do, or a point of
        the boundary with one coordinate solved for: :mod:`trigame.statics._label_match`) and labelled as that
        exact input is: the float solver can list a continuum by other points than the map's, a label no entry
        has.
        Floats with no such point next to them are solved as floats, as a sweep solves them.
        """
        if leaf is not None and not all(isinstance(x, (int, Fraction)) for x in point):
            exact = rational_in_leaf(self._tree, self.regimes._problem.space.atoms, self._atoms, point, leaf)
            if exact is not None:
                point = exact
        values = {name: (x if isinstance(x, (int, Fraction)) else float(x)) for name, x in zip(self.parameters, point)}
        problem = self.regimes._problem
        if leaf is None or self._leaf_members is None or not all(isinstance(x, (int, Fraction))
                                                                  for x in values.values()):
            return _numeric_label(problem, values)[0]
        present = self._leaf_members[leaf]
        numeric, continuum, same = _compare_at(problem, {k: Fraction(v) for k, v in values.items()}, present)
        if same:
            return set_label({r.support_label for r in present}, continuum=continuum)
        return set_label(numeric, continuum=continuum)

    @_exact_or_unsupported
    def boundaries(self, x: str, y: str, **fixed: Any) -> list[Any]:
        """Curves in the (x, y) plane where the equilibrium set changes, as SymPy expressions (zero sets).

        Every free parameter other than ``x`` and ``y`` takes the value given here, or the model's value.
        Each returned expression involves ``x`` or ``y``; the boundary is where it vanishes.

        Examples
        --------
        >>> from trigame.models import QuasiAlliance
        >>> rmap = regime_map(QuasiAlliance, fixed={"security_value": 3, "unreciprocated_cost": 1})
        >>> rmap.boundaries("fear_japan", "fear_rok", domestic_cost_japan=1, domestic_cost_rok=2)
        [3*fear_japan - 1, 3*fear_rok - 2]
        """
        import sympy

        problem = self.regimes._problem
        sx, sy = problem.symbol(x), problem.symbol(y)
        if x == y:
            raise ParameterError("x and y must be two different parameters")
        unknown = sorted(set(fixed) - set(self.parameters))
        if unknown:
            raise ParameterError(f"unknown or fixed parameter(s) {', '.join(map(repr, unknown))}; the free "
                                 f"parameters are: {', '.join(self.parameters)}")
        subs = {}
        for name, symbol, bounds in zip(self.parameters, problem.space.symbols, problem.space.bounds):
            if name in (x, y):
                continue
            value = fixed.get(name, problem.defaults.get(name))
            if value is None:
                raise ParameterError(f"give a value for {name} to draw boundaries in ({x}, {y})")
            number = _number(name, value)  # never a string: nothing given here is parsed or evaluated
            _check_domain(name, value, number, bounds)
            exact = Fraction(number).limit_denominator(10**12) if isinstance(number, float) else Fraction(number)
            subs[symbol] = sympy.Rational(exact.numerator, exact.denominator)
        used = sorted({k for e in self._entries for c in e._clauses for k in c if not problem.space.is_separator(k)})
        out: list[Any] = []
        for k in used:
            expr = sympy.expand(problem.space.atom_expr(k).xreplace(subs))
            if not expr.has(sx) and not expr.has(sy):
                continue
            for factor, _ in sympy.factor_list(expr)[1]:
                if factor.has(sx) or factor.has(sy):
                    primitive = sympy.Poly(factor, sx, sy).primitive()[1].as_expr()
                    if sympy.Poly(primitive, sx, sy).LC() < 0:
                        primitive = -primitive
                    if primitive not in out:
                        out.append(primitive)
        return out

    def to_latex(self) -> str:
        """Each equilibrium set with its condition, in the parameters' symbols: a LaTeX itemize."""
        from trigame.statics.conditions import tex_text

        rows = [rf"\item \textbf{{{tex_text(e.label)}}} if and only if {e.condition_latex}" for e in self]
        return "\\begin{itemize}\n" + "\n".join(rows) + "\n\\end{itemize}"

    def __repr__(self) -> str:
        lines = [f"RegimeMap({len(self)} equilibrium sets; free: {', '.join(self.parameters)})"]
        lines += [f"  {e.label}\n      if {e.condition}" for e in self]
        return "\n".join(lines)


_SIGN = np.frompyfunc(lambda v: (v > 0) - (v < 0), 1, 1)
#: Atoms encoded per int64 word by RegimeMap.labels (3**39 < 2**63).
_DIGITS = 39
def _extra_atoms(rs: RegimeSet) -> list[int]:
    """Register the polynomials on which the continuum flag depends (their atoms), so it is constant on each cell."""
    import sympy

    out: list[int] = []
    problem = rs._problem
    space = problem.space
    if problem.kind == "nash" and problem.game.n_players == 2:
        # 2x2: a continuum iff two extreme equilibria share a strategy of one player (closed_form's rule)
        for a, b in itertools.combinations(rs, 2):
            for unit in a.probabilities:
                pa = next(iter(a.probabilities[unit].values()))
                pb = next(iter(b.probabilities[unit].values()))
                difference = sympy.cancel(pa - pb)
                if difference.free_symbols:
                    out += [k for c in space.sign_condition(sympy.fraction(difference)[0], {0}) for k in c]
    elif problem.kind == "nash":
        from trigame.solve.nash._closed_backend import SympyBackend
        from trigame.solve.nash._closed_formulas import continuum_necessary
        from trigame.solve.nash.closed_form import advantage_tables

        necessary = continuum_necessary(SympyBackend(), advantage_tables(problem.game.payoffs))
        for relation in necessary.atoms(sympy.core.relational.Relational):
            out += [k for c in space.sign_condition(relation.lhs - relation.rhs, {0}) for k in c]
    return out


@_exact_or_unsupported
def regime_map(model: Any, fixed: Mapping[str, Any] | None = None, *, nash: bool = False,
               free: Sequence[str] | str | None = None) -> RegimeMap:
    """The distinct equilibrium sets of a model and the conditions under which each holds.

    The parameter space (the free parameters' domains) is cut into cells on which every regime's condition
    has a constant truth value: a decision tree splits on the sign of one polynomial of the conditions at a
    time, only while some condition is still undecided (:mod:`trigame.statics.decision.partition`), and
    drops the pieces proved empty.  Each cell gets the set of regimes whose conditions hold there, and cells
    with the same set are merged.  Whether the game has a continuum of equilibria on a cell is decided
    exactly at a witness point of the cell, taken off the zero set of every polynomial the cell is not split
    on, and checked there against the numeric solver (where the game has a continuum, the two may list
    different points of it, and are compared as sets: :mod:`trigame.statics._continua`; a genuine
    disagreement raises TrigameError).  That comparison of points is made at the first witness of each
    pair (the regimes present, the point solver's labels), which for every set is its entry's witness; at the
    other cells where the same pair occurs only the labels are compared, as where the game has no continuum
    (the points there are not compared again).  For 2x2 games that flag is constant on each cell (the
    polynomials it depends on are split on in every cell); otherwise it can change inside a cell on a
    boundary (a cost at the edge of its domain, say), so :meth:`RegimeMap.labels` solves points on a boundary
    exactly, and the ``continuum`` of an entry describes its witness.  A cell proved nonempty whose points are
    all irrational (its equations force ``x**2 = 2``, say) has no rational witness: its set counts as proved
    (``certain``) on the decision procedure's word, unchecked by the point solver.  Each set's condition is
    simplified when first read.  Practical for models with up to about 8 free parameters.  ``fixed``, ``nash``
    and ``free`` are as in :func:`regimes`.

    Returns
    -------
    RegimeMap
        A sequence of :class:`MapEntry` (label, condition, regimes, continuum, witness), with
        :meth:`RegimeMap.labels` for grids and :meth:`RegimeMap.boundaries` for 2-D slices.

    Examples
    --------
    >>> from trigame.models import AllianceSecurityDilemma
    >>> rmap = regime_map(AllianceSecurityDilemma, fixed={"hedging_cost_us": 2, "hedging_cost_rok": 2})
    >>> print(rmap.labels(commitment_cost_us=1, commitment_cost_rok=3))
    United States: Strong, South Korea: Weak
    """
    rs = (model if isinstance(model, RegimeSet) and fixed is None and free is None
          else regimes(model, fixed, nash=nash, free=free))
    problem = rs._problem
    space = problem.space
    required = sorted(set(_extra_atoms(rs)))
    atoms = sorted({k for r in rs for c in r._clauses for k in c} | set(range(len(space.atoms))))
    leaves, tree = partition(space, [r._clauses for r in rs], required)
    groups: dict[tuple[frozenset[str], bool], list[tuple[Clause, bool | None, tuple[Fraction, ...] | None]]] = {}
    members: dict[frozenset[str], list[Regime]] = {}
    leaf_labels: list[str] = []
    leaf_members: list[list[Regime]] = []
    labels_of: dict[tuple[frozenset[str], bool], str] = {}
    known = _Known()  # (regimes, point solver's labels) whose points were compared in full at a witness
    for leaf in leaves:
        present = [r for r, holds in zip(rs, leaf.truth) if holds]
        names = frozenset(r.support_label for r in present)
        witness = leaf.witness
        continuum = False
        if witness is not None:
            _, continuum = _numeric_check(problem, dict(zip(problem.names, witness)), present, known)
        key = (names, continuum)
        groups.setdefault(key, []).append((leaf.clause, leaf.verdict, witness))
        members.setdefault(names, present)
        labels_of[key] = set_label(names, continuum=continuum)
        leaf_labels.append(labels_of[key])
        leaf_members.append(present)
    entries = []
    for key, cells in groups.items():
        witness = next((w for _, _, w in cells if w is not None), None)
        proved = witness is not None or any(verdict is True for _, verdict, _ in cells)
        entries.append(MapEntry(labels_of[key], tuple(members[key[0]]), None if witness is None else key[1],
                                None if witness is None else dict(zip(problem.names, witness)),
                                proved, tuple(c for c, _, _ in cells), space))
    entries.sort(key=lambda e: (len(e.regimes), e.continuum is True, e.label))
    return RegimeMap(rs, entries, atoms, tree, leaf_labels, leaf_members)
