"""How one regime depends on one parameter: its thresholds and its derivatives, with proved signs.

* :func:`threshold` -- the boundary where an equilibrium appears or vanishes:
  the values of the parameter at which a sign condition of its regime changes,
  and the regime's condition solved for the parameter where the sign of its
  coefficient is proved;
* :func:`derivative` -- how an equilibrium's probabilities, payoffs or outcome
  probabilities move with a parameter, and the sign of each derivative on the
  regime's region (:class:`SignResult`).

A sign is claimed only when it is proved on the region (exact Fourier--Motzkin
elimination over the rationals, as for the conditions of
:mod:`trigame.statics.regime_set`); otherwise the answer is ``"depends"``
(with the sub-regions of each sign) or ``"unknown"``.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from trigame.errors import ParameterError, UnsupportedGameError
from trigame.statics._problem import _exact_or_unsupported
from trigame.statics.decision import Clause, Space, conjoin
from trigame.statics.regime_set import Regime, _resolve

__all__ = ["QUANTITIES", "SIGNS", "Derivative", "SignResult", "Threshold", "derivative", "threshold"]

#: What :func:`derivative` can differentiate.
QUANTITIES = ("probabilities", "payoffs", "outcome")
#: The signs :func:`derivative` can report.
SIGNS = ("positive", "negative", "zero", "nonnegative", "nonpositive", "depends", "unknown")


@dataclass(frozen=True)
class SignResult:
    """The sign of an expression on a region, and what was proved.

    Attributes
    ----------
    sign : str
        ``"positive"`` / ``"negative"``: proved strictly positive (negative) at every point of the region where
        the expression is defined (a rational expression is undefined where its denominator vanishes; an even
        power in a denominator is positive wherever defined).  ``"zero"``: zero on the whole region.
        ``"nonnegative"`` / ``"nonpositive"``: proved never negative (never positive), and zero could not be
        excluded (it may or may not occur).  ``"depends"``: both signs occur (witnesses of each found).
        ``"unknown"``: nothing could be proved.
    positive_when, negative_when : sympy boolean or None
        For ``"depends"``: where (inside the region) the expression is positive / negative.
    """

    sign: str
    positive_when: Any = None
    negative_when: Any = None

    def __str__(self) -> str:
        if self.sign == "depends":
            return f"depends: positive if {self.positive_when}; negative if {self.negative_when}"
        return self.sign


def _sign_on(space: Space, expr: Any, region: list[Clause]) -> SignResult:
    import sympy

    expr = sympy.cancel(sympy.together(expr))
    if expr == 0:
        return SignResult("zero")
    try:  # sign(p/q) = sign(p) sign(q) where q != 0; an even power of q is positive there
        pieces = {s: space.sign_condition(expr, {s}) for s in (-1, 0, 1)}
    except (UnsupportedGameError, TypeError, sympy.PolynomialError, ValueError):
        return SignResult("unknown")  # not a ratio of polynomials with rational coefficients (square roots)
    verdict: dict[int, bool | None] = {}
    where: dict[int, list[Clause]] = {}
    for s, clauses in pieces.items():
        found: list[bool | None] = []
        where[s] = []
        for a, b in itertools.product(region, clauses):
            both = conjoin(a, b)
            if both is None:
                continue
            v = space.feasible(both)
            found.append(v)
            if v is not False:
                where[s].append(both)
        verdict[s] = True if True in found else (None if None in found else False)
    pos, zero, neg = verdict[1], verdict[0], verdict[-1]
    if pos is False and neg is False:
        return SignResult("zero" if zero is not None else "unknown")
    if neg is False and zero is False:
        return SignResult("positive")
    if pos is False and zero is False:
        return SignResult("negative")
    if neg is False:
        return SignResult("nonnegative")
    if pos is False:
        return SignResult("nonpositive")
    if pos is True and neg is True:
        positive, negative = (space.to_sympy(space.simplify(where[s])) for s in (1, -1))
        return SignResult("depends", positive, negative)
    return SignResult("unknown")


@dataclass(frozen=True)
class Derivative:
    """Derivatives of one regime's quantities with respect to one parameter, with their signs.

    Attributes
    ----------
    regime : Regime
    parameter : str
    of : str
        ``"probabilities"``, ``"payoffs"`` or ``"outcome"``.
    expressions : dict
        ``{key: derivative}``; keys are ``(player, strategy)`` (or ``(information set, action)``) for
        probabilities, the player for payoffs, the profile or path for outcomes.
    signs : dict
        ``{key: SignResult}`` on the regime's region.
    """

    regime: Regime
    parameter: str
    of: str
    expressions: dict[Any, Any]
    signs: dict[Any, SignResult]

    def to_latex(self) -> str:
        """The derivatives and their signs, one line each."""
        from trigame.statics.conditions import _latex_expr, tex_text

        names = self.regime._require_owner().display_names
        theta = names[self.parameter][0] if self.parameter in names else tex_text(self.parameter)
        lines = []
        for key, expr in self.expressions.items():
            name = " / ".join(tex_text(k) for k in (key if isinstance(key, tuple) else (key,)))
            lines.append(rf"$\partial/\partial {theta}$ of {name}: ${_latex_expr(expr, names)}$ "
                         rf"({tex_text(self.signs[key])})")
        return r" \\" "\n".join(lines)

    def __repr__(self) -> str:
        body = "\n".join(f"  d/d{self.parameter} {k}: {v}  [{self.signs[k]}]" for k, v in self.expressions.items())
        return f"Derivative({self.of} of regime {self.regime.index} ({self.regime.support_label}))\n{body}"


@_exact_or_unsupported
def derivative(model: Any, equilibrium: Any, parameter: str, of: str = "probabilities",
               fixed: Mapping[str, Any] | None = None, *, nash: bool = False,
               free: Sequence[str] | str | None = None) -> Derivative:
    """How one equilibrium moves with a parameter: the SymPy derivatives and their signs on its region.

    Parameters
    ----------
    model : Model class or instance, symbolic game or tree, or a RegimeSet
    equilibrium : Regime, int or str
        The regime (an index or a label of ``regimes(model, fixed)``).
    parameter : str
        A free parameter.
    of : {"probabilities", "payoffs", "outcome"}
        Strategy (or behaviour) probabilities, expected payoffs, or the probabilities of the outcomes
        (pure profiles of a strategic-form game, terminal paths of a tree).
    fixed, nash, free
        As in :func:`regimes` (ignored for a RegimeSet).

    Returns
    -------
    Derivative
        Each sign is proved on the regime's region (its condition and the domains): ``"depends"`` comes with
        the sub-regions of each sign, ``"unknown"`` when nothing could be proved.

    Examples
    --------
    >>> from trigame.models import AllianceSecurityDilemma
    >>> d = derivative(AllianceSecurityDilemma, "United States: mix Strong/Weak, South Korea: mix Strong/Weak",
    ...                "commitment_cost_rok")
    >>> d.expressions[("United States", "Strong")], d.signs[("United States", "Strong")].sign
    (-1/hedging_cost_rok, 'negative')
    """
    import sympy

    from trigame._numbers import to_sympy

    if of not in QUANTITIES:
        raise ParameterError(f"of must be one of {', '.join(QUANTITIES)}, got {of!r}")
    rs, regime = _resolve(model, equilibrium, fixed, nash, free)
    theta = rs._problem.symbol(parameter)
    quantities: dict[Any, Any]
    if of == "probabilities":
        quantities = {(unit, a): p for unit, dist in regime.probabilities.items() for a, p in dist.items()}
    elif of == "payoffs":
        quantities = dict(regime.payoffs)
    else:
        quantities = dict(regime.outcomes)
    expressions = {}
    signs = {}
    for key, value in quantities.items():
        d = sympy.diff(to_sympy(value), theta)
        d = sympy.factor(sympy.cancel(d)) if not d.has(sympy.sqrt) else sympy.simplify(d)
        expressions[key] = d
        signs[key] = _sign_on(rs._problem.space, d, regime._clauses)
    return Derivative(regime, parameter, of, expressions, signs)



@dataclass(frozen=True)
class Threshold:
    """Where an equilibrium appears or vanishes, solved for one parameter.

    Attributes
    ----------
    regime : Regime
    parameter : str
    boundaries : tuple of sympy expressions
        The values of the parameter at which a sign condition of the regime changes (``parameter = b``).
    condition : sympy boolean
        The regime's condition with each condition that involves the parameter solved for it where the
        coefficient's sign is proved on the rest of the condition (e.g. ``deterrence_gain > domestic_cost_rok``);
        the others are kept as they are.
    """

    regime: Regime
    parameter: str
    boundaries: tuple[Any, ...]
    condition: Any

    def to_latex(self) -> str:
        import sympy

        from trigame.statics.conditions import _latex_expr, tex_text, to_latex

        names = self.regime._require_owner().display_names
        theta = names[self.parameter][0] if self.parameter in names else tex_text(self.parameter)
        cuts = ", ".join(f"${theta} = {_latex_expr(b, names)}$" for b in self.boundaries) or "none"
        exists = ("at every value of the parameters" if self.condition in (True, sympy.true)
                  else "if and only if " + to_latex(self.condition, names))
        return (rf"\textbf{{Threshold}} ({tex_text(self.regime.support_label)}). Boundaries in "
                rf"${theta}$: {cuts}. The equilibrium exists {exists}.")

    def __repr__(self) -> str:
        return (f"Threshold({self.parameter} for regime {self.regime.index}: boundaries {list(self.boundaries)}; "
                f"exists iff {self.condition})")


@_exact_or_unsupported
def threshold(model: Any, equilibrium: Any, parameter: str, fixed: Mapping[str, Any] | None = None, *,
              nash: bool = False, free: Sequence[str] | str | None = None) -> Threshold:
    """The boundary where an equilibrium appears or vanishes, solved for ``parameter``.

    ``model``, ``equilibrium``, ``fixed``, ``nash`` and ``free`` are as in :func:`derivative`.

    Examples
    --------
    >>> from trigame.models import QuasiAlliance
    >>> cha = {"threat_value": 0, "virtual_alliance_value": 0, "expectation_gap": 0}  # Cha's setting
    >>> t = threshold(QuasiAlliance, "Japan: Cooperate, South Korea: Cooperate", "domestic_cost_rok", fixed=cha)
    >>> t.boundaries, t.condition
    ((fear_rok*security_value,), (fear_japan*security_value >= domestic_cost_japan) & \
(domestic_cost_rok <= fear_rok*security_value))
    """
    import sympy

    rs, regime = _resolve(model, equilibrium, fixed, nash, free)
    problem = rs._problem
    theta = problem.symbol(parameter)
    space = problem.space
    boundaries: list[Any] = []
    solved_clauses = []
    for clause, sets in space.display_items(regime._clauses):
        literals = []
        for v, region in sorted(sets.items()):  # a parameter compared with irrational thresholds: its intervals
            relation, ends = space.region_relational(v, region)
            literals.append(relation)
            if space.symbols[v] == theta:
                boundaries.extend(end for end in ends if end not in boundaries)
        for k, signs in sorted(clause.items()):
            p = space.atom_expr(k)
            if not p.has(theta):
                literals.append(space.literal(k, signs))
                continue
            poly = sympy.Poly(p, theta)
            if poly.degree() == 1:
                a, b = poly.all_coeffs()
                root = sympy.cancel(-b / a)
                if root not in boundaries:
                    boundaries.append(root)
                rest = [{j: s for j, s in clause.items() if j != k}]
                sign = _sign_on(space, a, rest).sign if not a.is_number else ("positive" if a > 0 else "negative")
                if sign in ("positive", "negative"):
                    flip = sign == "negative"
                    allowed = frozenset(-s for s in signs) if flip else signs
                    literals.append(_relation(theta, root, allowed))
                    continue
            else:
                for root in sympy.solve(p, theta):
                    if root not in boundaries:
                        boundaries.append(root)
            literals.append(space.literal(k, signs))
        solved_clauses.append(sympy.And(*literals))
    return Threshold(regime, parameter, tuple(boundaries), sympy.Or(*solved_clauses))


def _relation(x: Any, bound: Any, signs: frozenset[int]) -> Any:
    """``sign(x - bound) in signs`` as one relation."""
    import sympy

    relation = {frozenset({1}): sympy.StrictGreaterThan, frozenset({0, 1}): sympy.GreaterThan,
                frozenset({-1}): sympy.StrictLessThan, frozenset({-1, 0}): sympy.LessThan,
                frozenset({0}): sympy.Eq, frozenset({-1, 1}): sympy.Ne}[frozenset(signs)]
    return relation(x, bound, evaluate=False)
