"""Conditions in human form: plain Unicode (``h_K ≤ 3·f_K``) and LaTeX, in the parameters' own symbols.

A regime's condition is a SymPy boolean in symbols named after the parameters (``domestic_cost_rok``).
For a reader it is written in the parameters' math symbols (:attr:`Parameter.unicode
<trigame.models.parameters.Parameter.unicode>` and :attr:`~trigame.models.parameters.Parameter.latex`),
with conjunctions as "and", disjunctions as "or", products as ``·`` and small powers as superscripts.
:func:`propositions_latex` writes a whole :class:`~trigame.statics.regime_set.RegimeSet` as a LaTeX document
fragment of propositions that compiles in a plain ``article`` (no packages needed).

Examples
--------
>>> import sympy
>>> h, f = sympy.symbols("domestic_cost_rok fear_rok", nonnegative=True)
>>> names = {"domestic_cost_rok": ("h_{K}", "h_K"), "fear_rok": ("f_{K}", "f_K")}
>>> condition = sympy.And(sympy.Le(h, 3 * f), sympy.Ge(f, sympy.Rational(1, 3)))
>>> to_unicode(condition, names)
'h_K ≤ 3·f_K and f_K ≥ 1/3'
>>> print(to_latex(condition, names))
$h_{K} \\leq 3 f_{K}$ and $f_{K} \\geq \\frac{1}{3}$
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

__all__ = ["ascii_text", "describe_domain", "display_names", "propositions_latex", "tex_text", "to_latex",
           "to_unicode"]

#: ``{parameter name: (latex symbol, unicode symbol)}``.
Names = Mapping[str, tuple[str, str]]

_SUPERSCRIPTS = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
_UNICODE_RELATIONS = {"==": "=", "!=": "≠", "<=": "≤", ">=": "≥", "<": "<", ">": ">"}
_LATEX_RELATIONS = {"<=": r"\leq", "<": "<"}
_TEX_SPECIALS = (("\\", r"\textbackslash "), ("{", r"\{"), ("}", r"\}"), ("_", r"\_"), ("&", r"\&"),
                 ("%", r"\%"), ("#", r"\#"), ("$", r"\$"), ("^", r"\^{}"), ("~", r"\~{}"))


def display_names(parameters: Any) -> dict[str, tuple[str, str]]:
    """``{name: (latex, unicode)}`` for parameters (:class:`~trigame.models.parameters.Parameter` records,
    or plain names, whose symbols are derived from the name)."""
    from trigame.models.parameters import default_latex, latex_to_unicode

    out = {}
    for p in parameters:
        if isinstance(p, str):
            latex = default_latex(p)
            out[p] = (latex, latex_to_unicode(latex))
        else:
            out[p.name] = (p.latex, p.unicode)
    return out


def tex_text(text: Any) -> str:
    """Text escaped for LaTeX's text mode (labels, player and action names)."""
    out = []
    for char in str(text):
        out.append(next((b for a, b in _TEX_SPECIALS if a == char), char))
    return "".join(out)


# ---------------------------------------------------------------------------- plain Unicode
_ASCII = {"≤": "<=", "≥": ">=", "≠": "!=", "·": "*", "√": "sqrt", "×": "x", "′": "'", "∞": "oo", "ℓ": "l",
          "−": "-", "–": "-", "—": "--", "’": "'", "‘": "'", "“": '"', "”": '"', "…": "..."}


def ascii_text(text: str) -> str:
    """Unicode text with ASCII stand-ins, for outputs that cannot show it: ``h_K <= 3*f_K``, ``beta``.

    Examples
    --------
    >>> ascii_text("h_K ≤ 3·f_K and β > x²")
    'h_K <= 3*f_K and beta > x^2'
    """
    import unicodedata

    from trigame.models.parameters import _GREEK_UNICODE

    greek = {letter: name for name, letter in _GREEK_UNICODE.items()}
    out = []
    for char in text:
        if char.isascii():
            out.append(char)
        elif char in _ASCII:
            out.append(_ASCII[char])
        elif char in greek:
            out.append(greek[char])
        elif char in "⁰¹²³⁴⁵⁶⁷⁸⁹⁻":
            out.append(("^" if not out or out[-1][-1:] not in "0123456789-^" or "^" not in "".join(out[-3:])
                        else "") + "0123456789-"["⁰¹²³⁴⁵⁶⁷⁸⁹⁻".index(char)])
        else:
            plain = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii")
            out.append(plain or "?")
    return "".join(out)

def _unicode_printer(names: Names) -> Any:
    from sympy.printing.str import StrPrinter

    class _Printer(StrPrinter):  # type: ignore[misc]
        def _print_Symbol(self, expr: Any) -> str:
            return names[expr.name][1] if expr.name in names else str(expr.name)

        def _print_Dummy(self, expr: Any) -> str:
            return self._print_Symbol(expr)

        def _print_Pow(self, expr: Any, rational: bool = False) -> str:
            import sympy

            base, exp = expr.args
            if exp == sympy.Rational(1, 2):
                inner = self._print(base)
                return f"√{inner}" if base.is_Atom else f"√({inner})"
            return str(super()._print_Pow(expr, rational))

    printer = _Printer({"order": "lex"})
    printer.names = names
    return printer


def _renamed(expr: Any, names: Names) -> tuple[Any, dict[Any, Any]]:
    """``expr`` with each parameter's symbol renamed to its LaTeX symbol, so that terms and factors are
    ordered as a reader sees them (``b·p + c·p``, ``γ·f_J``; not by field names); ``{new symbol: old symbol}``.
    Where two parameters would read the same, nothing is renamed."""
    import sympy

    symbols: set[Any] = getattr(expr, "free_symbols", set())
    shown = {s: names[s.name][0] if s.name in names else s.name for s in symbols}  # Greek (\\beta) sorts first
    if len(set(shown.values())) < len(shown):
        return expr, {}
    new = {s: sympy.Symbol(text, **s.assumptions0) for s, text in shown.items()}
    return expr.xreplace(new), {n: s for s, n in new.items()}


def _unicode_expr(expr: Any, printer: Any) -> str:
    renamed, back = _renamed(expr, printer.names)
    if back:
        names = {n.name: printer.names.get(s.name, (s.name, s.name)) for n, s in back.items()}
        text = _unicode_printer(names).doprint(renamed)
    else:
        text = printer.doprint(expr)
    text = re.sub(r"\*\*(-?\d+)", lambda m: m.group(1).translate(_SUPERSCRIPTS), text)
    return text.replace("**", "^").replace("*", "·")


def _check_condition(condition: Any) -> None:
    """A condition must be a SymPy object or a bool: a string is never parsed."""
    from trigame._numbers import is_sympy
    from trigame.errors import ParameterError

    if not (is_sympy(condition) or isinstance(condition, (bool, int, float))):
        shown = "the string " if isinstance(condition, (str, bytes)) else ""
        raise ParameterError(f"a condition must be a SymPy boolean or expression (strings are never parsed), "
                             f"got {shown}{condition!r}")


def to_unicode(condition: Any, names: Names | None = None) -> str:
    """A SymPy condition (or expression) in plain Unicode, in the parameters' symbols.

    Conjunctions read "and", disjunctions "or" (each conjunction of a disjunction in parentheses);
    ``True`` reads "always" and ``False`` "never".

    Raises
    ------
    ParameterError
        If ``condition`` is not a SymPy object or a number (a string is never parsed).
    """
    import sympy

    _check_condition(condition)

    printer = _unicode_printer(names or {})

    def walk(node: Any, inside: bool) -> str:
        if node is sympy.true or node is True:
            return "always"
        if node is sympy.false or node is False:
            return "never"
        if isinstance(node, sympy.And):
            text = " and ".join(walk(a, True) if not isinstance(a, tuple) else
                                f"{_unicode_expr(a[0], printer)} {_UNICODE_RELATIONS[a[1]]} "
                                f"{_unicode_expr(a[2], printer)} {_UNICODE_RELATIONS[a[3]]} "
                                f"{_unicode_expr(a[4], printer)}" for a in _chained(node.args))
            return f"({text})" if inside else text
        if isinstance(node, sympy.Or):
            text = " or ".join(walk(a, True) for a in _ordered(node.args))
            return f"({text})" if inside else text
        if isinstance(node, sympy.Not):
            return f"not ({walk(node.args[0], False)})"
        if isinstance(node, sympy.core.relational.Relational):
            op = _UNICODE_RELATIONS[node.rel_op]
            return f"{_unicode_expr(node.lhs, printer)} {op} {_unicode_expr(node.rhs, printer)}"
        return _unicode_expr(node, printer)

    return walk(condition, False)


# ---------------------------------------------------------------------------- LaTeX
def _latex_expr(expr: Any, names: Names) -> str:
    import sympy

    renamed, back = _renamed(expr, names)
    if back:  # ordered by the symbols a reader sees
        names = {n.name: names[s.name] if s.name in names else (s.name, s.name) for n, s in back.items()}
        expr = renamed
    symbol_names = {s: names[s.name][0] for s in getattr(expr, "free_symbols", ()) if s.name in names}
    for s in getattr(expr, "free_symbols", ()):
        if s not in symbol_names:  # a name with underscores would be read as nested subscripts
            symbol_names[s] = r"\mathit{" + tex_text(s.name) + "}" if len(s.name) > 1 else s.name
    return str(sympy.latex(expr, symbol_names=symbol_names, order="lex"))


def to_latex(condition: Any, names: Names | None = None, *, math: bool = False) -> str:
    """A SymPy condition in LaTeX, in the parameters' symbols.

    Each relation is its own inline formula (``$h_{K} \\leq 3 f_{K}$``) joined by the words "and" and "or",
    so that a long condition breaks across lines; with ``math=True`` the whole condition is one formula
    (joined by ``\\wedge`` and ``\\vee``) with no dollar signs.  ``True`` reads "always", ``False`` "never".
    """
    import sympy

    _check_condition(condition)
    names = names or {}
    word_and, word_or = (r" \wedge ", r" \vee ") if math else (" and ", " or ")

    def wrap(text: str) -> str:
        return text if math else f"${text}$"

    def walk(node: Any, inside: bool) -> str:
        if node is sympy.true or node is True:
            return r"\mbox{always}" if math else "always"
        if node is sympy.false or node is False:
            return r"\mbox{never}" if math else "never"
        if isinstance(node, (sympy.And, sympy.Or)):
            joiner = word_and if isinstance(node, sympy.And) else word_or
            items = _chained(node.args) if isinstance(node, sympy.And) else _ordered(node.args)
            text = joiner.join(walk(a, True) if not isinstance(a, tuple) else wrap(
                f"{_latex_expr(a[0], names)} {_LATEX_RELATIONS[a[1]]} {_latex_expr(a[2], names)} "
                f"{_LATEX_RELATIONS[a[3]]} {_latex_expr(a[4], names)}") for a in items)
            if not inside:
                return text
            return rf"\left({text}\right)" if math else f"({text})"
        if isinstance(node, sympy.Not):
            return (r"\neg " if math else "not ") + walk(node.args[0], True)
        return wrap(_latex_expr(node, names))

    return walk(condition, False)


def _chained(args: Any) -> list[Any]:
    """The terms of a conjunction in reading order, a lower and an upper bound on the same parameter joined
    into one chain ``(low, op, x, op, high)``: ``0 < e_us < A_us`` for ``e_us > 0 and e_us < A_us``, and
    ``0 < k_J < g`` for ``g > k_J and k_J > 0``."""
    import sympy

    reverse = {">": "<", ">=": "<=", "<": ">", "<=": ">="}
    bounds: dict[Any, dict[str, list[tuple[Any, Any, str]]]] = {}
    for a in args:
        if not isinstance(a, (sympy.StrictGreaterThan, sympy.GreaterThan, sympy.StrictLessThan, sympy.LessThan)):
            continue
        for x, op, bound in ((a.lhs, a.rel_op, a.rhs), (a.rhs, reverse[a.rel_op], a.lhs)):
            if x.is_Symbol:
                side = "lower" if op in (">", ">=") else "upper"
                bounds.setdefault(x, {"lower": [], "upper": []})[side].append((a, bound, op))
    chains, used = [], set()
    for x in sorted(bounds, key=str):
        lower = [b for b in bounds[x]["lower"] if b[0] not in used]
        upper = [b for b in bounds[x]["upper"] if b[0] not in used]
        if len(lower) == 1 and len(upper) == 1 and lower[0][0] is not upper[0][0]:
            (low, low_bound, low_op), (high, high_bound, high_op) = lower[0], upper[0]
            chains.append((low_bound, reverse[low_op], x, high_op, high_bound))
            used |= {low, high}
    items = [a for a in args if a not in used] + chains
    return sorted(items, key=lambda a: (isinstance(a, (sympy.And, sympy.Or)), str(a[2] if isinstance(a, tuple)
                                                                                   else a)))


def _ordered(args: Any) -> list[Any]:
    """Boolean arguments in a stable reading order: relations first (by their text), then groups."""
    import sympy

    return sorted(args, key=lambda a: (isinstance(a, (sympy.And, sympy.Or)), str(a)))


# ---------------------------------------------------------------------------- propositions
def describe_domain(latex: str, bounds: tuple[Any, bool, Any, bool]) -> str:
    """One parameter's domain as LaTeX: ``$0 \\leq f_{J} \\leq 1$``, ``$s > 0$``, ``$e$ any real number``."""
    from fractions import Fraction

    import sympy

    def number(x: Any) -> str:
        return str(sympy.latex(sympy.Rational(Fraction(x).numerator, Fraction(x).denominator)))

    lo, lo_open, hi, hi_open = bounds
    less_low, less_high = ("<" if lo_open else r"\leq"), ("<" if hi_open else r"\leq")
    low = "" if lo is None else f"{number(lo)} {less_low} "
    high = "" if hi is None else f" {less_high} {number(hi)}"
    if not low and not high:
        return f"${latex}$ any real number"
    if not low:
        return f"${latex}{high}$"
    if not high:
        greater = ">" if lo_open else r"\geq"
        return f"${latex} {greater} {number(lo)}$"
    return f"${low}{latex}{high}$"


def propositions_latex(regime_set: Any) -> str:
    """A :class:`~trigame.statics.regime_set.RegimeSet` as a LaTeX fragment: the parameters, then one
    proposition per equilibrium ("Proposition 1. (Cooperate, Cooperate) is a Nash equilibrium if and only if
    ..."), then the notes that qualify them.  It compiles in a plain ``article`` without packages."""
    problem = regime_set._problem
    names = regime_set.display_names
    labels = regime_set.display_labels
    what = {"nash": "Nash equilibrium", "perfect_bayesian": "perfect Bayesian equilibrium"}.get(
        regime_set.kind, "subgame-perfect equilibrium")
    lines = [f"% {tex_text(problem.source)}: every {what} as a function of the parameters (written by trigame).",
             "% A fragment for a document's body: it needs no package."]
    free = [f"{describe_domain(names[n][0], b)} ({tex_text(labels.get(n, n))})"
            for n, b in zip(regime_set.parameters, problem.space.bounds)]
    head = r"\medskip\noindent\textbf{Parameters.} " + ("; ".join(free) + "." if free else "none are free.")
    if regime_set.fixed:
        fixed = [f"${names[k][0] if k in names else tex_text(k)} = {_latex_number(v)}$"
                 for k, v in regime_set.fixed.items()]
        head += " Fixed: " + ", ".join(fixed) + "."
    if regime_set.kind == "nash" and len(regime_set):
        players = regime_set[0].probabilities.keys()
        head += (" Profiles list the strategies of " + ", ".join(tex_text(p) for p in players)
                 + " in that order.")
    lines += ["", head]
    for r in regime_set:
        lines += ["", r.to_latex()]
    notes = regime_set.latex_notes()
    if notes:
        lines += ["", r"\medskip\noindent\textbf{Notes.}"]
        lines += [f"({k}) {note}" for k, note in enumerate(notes, start=1)]
    return "\n".join(lines) + "\n"


def _latex_number(value: Any) -> str:
    from fractions import Fraction

    import sympy

    if isinstance(value, Fraction):
        value = sympy.Rational(value.numerator, value.denominator)
    elif isinstance(value, int):
        value = sympy.Integer(value)
    elif isinstance(value, float):
        value = sympy.Float(value)
    return str(sympy.latex(value))
