"""Conditions fit for a reader: simplified (no contradictions, no tautologies), in human form, and as LaTeX
propositions that compile.

The checks of simplification are independent of the decision procedure that simplifies: every clause of a
linear condition is tested with SciPy's LP solver (feasible, and no literal implied by the others and the
domains), and the continuum conditions are compared with hand derivations and with the numeric solver.
"""

from __future__ import annotations

import itertools
import shutil
import subprocess
from fractions import Fraction

import numpy as np
import pytest
import sympy

from trigame.games.normal_form import NormalFormGame
from trigame.models import MODELS
from trigame.models.parameters import Parameter
from trigame.statics import regimes
from trigame.statics.conditions import display_names, tex_text, to_latex, to_unicode

QA_FIXED = {"security_value": 3, "domestic_cost_japan": 1, "domestic_cost_rok": 2, "threat_value": 0,
            "virtual_alliance_value": 0, "expectation_gap": 0}


@pytest.fixture(scope="module")
def quasi():
    return regimes(MODELS["QuasiAlliance"], fixed=QA_FIXED)


@pytest.fixture(scope="module")
def dilemma():
    return regimes(MODELS["AllianceSecurityDilemma"])


@pytest.fixture(scope="module")
def china():
    return regimes(MODELS["ChinaReaction"])


# ---------------------------------------------------------------------------- the defects of issue 18
def test_quasi_alliance_continuum_has_no_contradiction(quasi):
    # Hand derivation (beta = 3, h_J = 1, h_K = 2): Japan is indifferent against South Korea's Cooperate iff
    # 3 f_J - 1 = 0; every Japanese mixture q is then a best response, and South Korea's Cooperate answers it
    # iff q (3 f_K - 2) - (1 - q) s >= 0, for q near 1 iff 3 f_K - 2 > 0.  Symmetrically for South Korea.
    # So a continuum exactly when (f_J = 1/3 and f_K > 2/3) or (f_K = 2/3 and f_J > 1/3).
    note = next(n for n in quasi.notes if n.startswith("continuum"))
    assert "Eq(fear_japan, 1/3) & (fear_japan > 1/3)" not in note
    assert "Eq(fear_rok, 2/3) & (fear_rok > 2/3)" not in note
    fj, fk, s = (sympy.Symbol(n, **p.domain.assumptions()) for n, p in
                 ((p.name, p) for p in MODELS["QuasiAlliance"].parameters()
                  if p.name in ("fear_japan", "fear_rok", "unreciprocated_cost")))
    grid = [Fraction(0), Fraction(1, 3), Fraction(1, 2), Fraction(2, 3), Fraction(5, 6), Fraction(1)]
    for a, b in itertools.product(grid, grid):
        hand = (a == Fraction(1, 3) and b > Fraction(2, 3)) or (b == Fraction(2, 3) and a > Fraction(1, 3))
        value = quasi.continuum.subs({fj: sympy.Rational(a.numerator, a.denominator),
                                      fk: sympy.Rational(b.numerator, b.denominator), s: 1})
        assert bool(value) is hand, (a, b)
    assert quasi.to_latex().count("continuum") == 1


def test_alliance_security_dilemma_continuum_is_short_and_exact(dilemma):
    # Issue 18: the note contained (commitment_cost_rok >= 0) & (commitment_cost_rok <= 0) and ran to ~4,000
    # characters.
    note = next(n for n in dilemma.notes if n.startswith("continuum"))
    assert "(commitment_cost_rok >= 0) & (commitment_cost_rok <= 0)" not in note
    assert len(note) < 1000
    # Exact check against the numeric solver at rational points, boundaries included (the docs' hand
    # derivation: a continuum iff, for allies i != j, [e_i = 0 and e_j < A_j] or [e_i = A_i and e_j > 0]
    # or [e_j = A_j = 0]).
    cls = MODELS["AllianceSecurityDilemma"]
    symbols = {p.name: p.symbol() for p in cls.parameters()}
    values = [-1, 0, 1, 2]
    for e_us, e_rok, a_us, a_rok in itertools.product(values, values, [0, 1, 2], [0, 1, 2]):
        point = {"commitment_cost_us": e_us, "commitment_cost_rok": e_rok, "hedging_cost_us": a_us,
                 "hedging_cost_rok": a_rok, "partner_value_us": 3, "partner_value_rok": 3}
        predicted = bool(dilemma.continuum.subs({symbols[k]: v for k, v in point.items()}))
        found = cls(**point).equilibria()
        assert predicted is bool(found.degenerate), point


def test_no_sympy_syntax_or_infinities_in_human_forms(dilemma, quasi, china):
    for rs in (dilemma, quasi, china, regimes(MODELS["QuasiAlliance"]), regimes(MODELS["TargetSelection"]),
               regimes(MODELS["ExtendedDeterrence"])):
        for r in rs:
            for text in (r.condition_text, r.condition_latex):
                assert "Eq(" not in text and "&" not in text and "|" not in text and "zoo" not in text
            assert "_{cost" not in r.condition_latex and "_{value" not in r.condition_latex
        assert not any("zoo" in note or "nan" in note.split() for note in rs.notes)


def test_issue_example_human_form():
    h, f = sympy.symbols("domestic_cost_rok fear_rok", nonnegative=True)
    names = display_names(MODELS["QuasiAlliance"].parameters())
    assert to_unicode(sympy.Le(h, 3 * f), names) == "h_K ≤ 3·f_K"
    assert to_latex(sympy.Le(h, 3 * f), names) == r"$h_{K} \leq 3 f_{K}$"
    assert to_unicode(sympy.true) == "always" and to_unicode(sympy.false) == "never"
    x = sympy.Symbol("x")
    assert to_unicode(sympy.Or(sympy.Eq(x, 0), sympy.And(x > 1, x < 2))) == "x = 0 or (1 < x < 2)"
    assert to_unicode(sympy.Ge(x**2, sympy.sqrt(2))) == "x² ≥ √2"


def test_quasi_alliance_propositions_read_as_mathematics(quasi):
    text = quasi.to_latex()
    assert r"\textbf{Proposition 1.} (Cooperate, Cooperate) is a Nash equilibrium if and only if" in text
    assert r"$f_{J} \geq \frac{1}{3}$ and $f_{K} \geq \frac{2}{3}$" in text
    assert "unrestricted" not in text and "all parameter values in their domains" not in text
    assert r"$0 \leq f_{J} \leq 1$" in text and "$s > 0$" in text  # domains, not "unrestricted"
    assert "(Friction, Friction) is a Nash equilibrium at every value of the parameters" in text
    assert r"$\beta = 3$" in text  # fixed parameters in their symbols


def test_condition_text_in_the_command_line(capsys):
    from trigame.cli import main

    args = ["regimes", "QuasiAlliance"] + [x for k, v in QA_FIXED.items() for x in ("--set", f"{k}={v}")]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "exists iff f_J ≥ 1/3 and f_K ≥ 2/3" in out
    assert "continuum of equilibria exactly when: (f_J = 1/3 and f_K > 2/3) or (f_K = 2/3 and f_J > 1/3)" in out
    assert "Eq(" not in out and " & " not in out


# ---------------------------------------------------------------------------- simplification, checked by LP
def _linear(relation, symbols):
    """(coefficients, constant, operator) of ``lhs - rhs op 0``; None when not linear."""
    expr = sympy.expand(relation.lhs - relation.rhs)
    poly = sympy.Poly(expr, *symbols)
    if poly.total_degree() > 1:
        return None
    coefficients = np.array([float(poly.coeff_monomial(s)) for s in symbols])
    return coefficients, float(poly.coeff_monomial(1)), relation.rel_op


def _feasible(rows, bounds):
    """Whether a·x + c (op) 0 for every row has a solution in the bounds (strictness by a margin t > 0)."""
    from scipy.optimize import linprog

    n = len(bounds)
    a_ub, b_ub, a_eq, b_eq = [], [], [], []
    for a, c, op in rows:  # variables x and t; maximise t <= 1
        if op == "==":
            a_eq.append([*a, 0.0])
            b_eq.append(-c)
        elif op in (">=", ">"):
            a_ub.append([*(-a), 1.0 if op == ">" else 0.0])
            b_ub.append(c)
        elif op in ("<=", "<"):
            a_ub.append([*a, 1.0 if op == "<" else 0.0])
            b_ub.append(-c)
        else:
            raise AssertionError(op)
    strict_bounds = []
    for lo, lo_open, hi, hi_open in bounds:
        strict_bounds.append((None if lo is None else float(lo), None if hi is None else float(hi)))
        for value, is_open, sign in ((lo, lo_open, -1.0), (hi, hi_open, 1.0)):
            if value is not None and is_open:  # x > lo: -x + t <= -lo ; x < hi: x + t <= hi
                row = [0.0] * (n + 1)
                row[len(strict_bounds) - 1], row[n] = sign, 1.0
                a_ub.append(row)
                b_ub.append(sign * float(value))
    result = linprog([0.0] * n + [-1.0], A_ub=a_ub or None, b_ub=b_ub or None, A_eq=a_eq or None,
                     b_eq=b_eq or None, bounds=[*strict_bounds, (None, 1.0)], method="highs")
    return result.status == 0 and -result.fun > 1e-9


_NEGATIONS = {">=": ["<"], ">": ["<="], "<=": [">"], "<": [">="], "==": ["<", ">"]}


def _clauses(condition):
    if condition is sympy.true:
        return []
    return [sympy.And.make_args(c) for c in sympy.Or.make_args(condition)]


@pytest.mark.parametrize("model", ["AllianceSecurityDilemma", "ChinaReaction", "TargetSelection", "quasi"])
def test_every_clause_is_feasible_and_has_no_redundant_literal(model, quasi):
    rs = quasi if model == "quasi" else regimes(MODELS[model])
    symbols = list(rs.symbols)
    bounds = rs._problem.space.bounds
    conditions = [r.condition for r in rs] + ([rs.continuum] if rs.continuum is not None else [])
    checked = 0
    for condition in conditions:
        for clause in _clauses(condition):
            rows = [_linear(rel, symbols) for rel in clause]
            if any(row is None for row in rows):
                continue
            assert _feasible(rows, bounds), f"{model}: contradiction in {clause}"
            for k, (a, c, op) in enumerate(rows):  # the literal is needed: the rest and its negation meet
                rest = rows[:k] + rows[k + 1:]
                assert any(_feasible([*rest, (a, c, neg)], bounds) for neg in _NEGATIONS[op]), (
                    f"{model}: {clause[k]} is implied by the rest of {clause} and the domains")
            checked += 1
    assert checked >= len(rs)


# ---------------------------------------------------------------------------- LaTeX that compiles
ENGINE = shutil.which("pdflatex")


def _compile(tmp_path, body: str) -> None:
    if ENGINE is None:
        pytest.skip("no LaTeX engine (pdflatex) on this machine: install Debian's texlive-latex-base")
    document = "\\documentclass{article}\n\\begin{document}\n" + body + "\n\\end{document}\n"
    (tmp_path / "doc.tex").write_text(document, encoding="utf-8")
    run = subprocess.run([ENGINE, "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "doc.tex"],
                         cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout[-3000:]
    assert (tmp_path / "doc.pdf").stat().st_size > 0


@pytest.mark.slow
def test_propositions_compile_for_every_kind_of_model(tmp_path, quasi, dilemma, china):
    parts = [quasi.to_latex(), dilemma.to_latex(), china.to_latex(),
             regimes(MODELS["ExtendedDeterrence"]).to_latex(), regimes(MODELS["QuasiAlliance"]).to_latex()]
    from trigame.statics import derivative, regime_map, threshold

    parts += [threshold(quasi, 0, "fear_rok").to_latex(), derivative(quasi, 4, "fear_rok").to_latex(),
              regime_map(MODELS["QuasiAlliance"], fixed={"security_value": 3}).to_latex()]
    for part in parts[-3:]:
        assert "_{cost" not in part and "fear_{" not in part and r"\text{" not in part
    _compile(tmp_path, "\n\n".join(parts))


def test_propositions_compile_with_hostile_names(tmp_path):
    # Player and strategy names with every LaTeX special character, and a symbol named like a command.
    b = sympy.Symbol("b_x", positive=True)
    game = NormalFormGame.from_arrays([[b, 0], [0, 1]], [[1, 0], [0, 1]], players=["A&B_%", "C$#^{}"],
                                      strategies=[["x\\y", "~z"], ["_", "{"]])
    text = regimes(game).to_latex()
    assert tex_text("A&B_%") in text
    _compile(tmp_path, text)


def test_cli_latex_is_a_fragment_that_compiles(tmp_path, capsys):
    from trigame.cli import main

    args = ["regimes", "QuasiAlliance", "--latex"] + [x for k, v in QA_FIXED.items() for x in ("--set", f"{k}={v}")]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert out.count(r"\textbf{Proposition") == 5 and "documentclass" not in out
    _compile(tmp_path, out)


def test_a_string_for_a_symbol_is_text_not_code():
    from trigame.models.parameters import UNIT

    payload = "__import__('os').system('echo hacked')"
    names = display_names([Parameter("x", "d", 0, UNIT, label=payload), "y_1"])
    assert names == {"x": ("x", "x"), "y_1": ("y_{1}", "y_1")}
    assert to_unicode(sympy.Symbol("x") + 1, names) == "x + 1"


# ---------------------------------------------------------------------------- equations solved for display
def _space(names, low=0):
    from trigame.statics.decision import Space

    symbols = sympy.symbols(names, nonnegative=True) if low == 0 else sympy.symbols(names, real=True)
    bounds = {s: ((0, False, None, True) if low == 0 else (None, True, None, True)) for s in symbols}
    return Space(symbols, bounds), symbols


def test_linear_equations_are_solved_and_substituted():
    # LateralPressure printed Eq(g, k_K) & Eq(k_J, p) & Eq(g + p, k_K): by hand g = k_K and g + p = k_K give
    # p = 0, and then k_J = p = 0.
    space, (g, kj, kk, p) = _space("g kj kk p")
    condition = sympy.And(sympy.Eq(g, kk), sympy.Eq(kj, p), sympy.Eq(g + p, kk))
    shown = space.to_sympy(space.simplify(space.dnf(condition)))
    assert set(sympy.And.make_args(shown)) == {sympy.Eq(g, kk), sympy.Eq(kj, 0), sympy.Eq(p, 0)}
    # nonnegative parameters adding up to 0 are each 0; a solved parameter is substituted into the rest
    condition = sympy.And(sympy.Eq(g + p, 0), kk > p + 1, kj >= 0)
    shown = space.to_sympy(space.simplify(space.dnf(condition)))
    assert set(sympy.And.make_args(shown)) == {sympy.Eq(g, 0), sympy.Eq(p, 0), kk > 1}


def test_displayed_conditions_are_equivalent_to_the_decided_ones():
    # Exact check at rational points: the displayed (solved, substituted) condition and the space's own
    # evaluation of the clauses agree everywhere on a grid, boundaries included.
    space, (a, b, c) = _space("a b c", low=None)
    conditions = [sympy.And(sympy.Eq(a, b), sympy.Eq(a + c, b), a > 1),
                  sympy.Or(sympy.And(sympy.Eq(a - 2 * b, 1), c < a), sympy.And(sympy.Eq(c, 0), a >= b)),
                  sympy.And(sympy.Eq(a + b + c, 1), sympy.Eq(a - b, 0), c * a > 0)]
    grid = [sympy.Rational(k, 2) for k in range(-3, 4)]
    for condition in conditions:
        clauses = space.simplify(space.dnf(condition))
        shown = space.to_sympy(clauses)
        for point in itertools.product(grid, repeat=3):
            values = dict(zip((a, b, c), point))
            expected = bool(condition.subs(values))
            assert bool(shown.subs(values)) is expected, (condition, shown, point)
            assert space.evaluate(clauses, tuple(Fraction(int(v.p), int(v.q)) for v in point)) is expected


def test_three_player_continuum_in_symbols():
    # ExtendedDeterrence (a 2x2x2 type-agent form): the US types have dominant actions, so the ally is
    # indifferent, and mixes over a continuum, exactly where p (b + c) = c + h (the explanation page's p*).
    rs = regimes(MODELS["ExtendedDeterrence"])
    note = next(n for n in rs.notes if n.startswith("continuum"))
    text = to_unicode(rs.continuum, rs.display_names)
    assert "=" in text and "Eq(" not in text
    p, b, c, h = (MODELS["ExtendedDeterrence"].parameters()[k].symbol() for k in (0, 1, 2, 3))
    for values in [(Fraction(1, 2), 4, 4, 0), (Fraction(3, 4), 4, 4, 2), (Fraction(3, 4), 4, 4, 1), (1, 1, 2, 1)]:
        point = dict(zip((p, b, c, h), (sympy.nsimplify(v) for v in values)))
        hand = values[0] * (values[1] + values[2]) == values[2] + values[3]
        assert bool(rs.continuum.subs(point)) is hand, values
    assert "Eq(" not in rs.to_latex() and "symbolic solution" not in rs.to_latex()
    assert note.startswith("continuum of equilibria exactly when: ")


def test_an_ascii_terminal_gets_ascii_stand_ins(tmp_path):
    # The conditions are Unicode; a terminal that cannot show it must still get an answer, never a crash.
    import json
    import os
    import sys

    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    base = [sys.executable, "-m", "trigame", "regimes", "QuasiAlliance"]
    fixed = [x for k, v in QA_FIXED.items() for x in ("--set", f"{k}={v}")]
    text = subprocess.run([*base, *fixed], capture_output=True, env=env, timeout=600)
    assert text.returncode == 0, text.stderr
    assert b"exists iff f_J >= 1/3 and f_K >= 2/3" in text.stdout and b"beta = 3" in text.stdout
    data = subprocess.run([*base, *fixed, "--json"], capture_output=True, env=env, timeout=600)
    assert data.returncode == 0, data.stderr
    conditions = {r["condition_text"] for r in json.loads(data.stdout)["regimes"]}
    assert "f_J ≥ 1/3 and f_K ≥ 2/3" in conditions  # escaped in the JSON text, exact once parsed


def test_ascii_text():
    from trigame.statics.conditions import ascii_text

    assert ascii_text("h_K ≤ 3·f_K and β ≠ 1") == "h_K <= 3*f_K and beta != 1"
    assert ascii_text("x² ≥ √2") == "x^2 >= sqrt2"


def test_region_map_sets_read_in_symbols():
    from trigame.statics import regime_map

    rm = regime_map(MODELS["AllianceSecurityDilemma"])
    both_strong = next(e for e in rm if e.label == "United States: Strong, South Korea: Strong")
    # Strong is each ally's strict best reply to the other's Strong iff its own net cost is negative
    assert both_strong.condition_text == "e_rok < 0 and e_us < 0"
    assert both_strong.condition_latex == r"$e_{\mathrm{rok}} < 0$ and $e_{\mathrm{us}} < 0$"
    assert all("Eq(" not in e.condition_text and "_{cost" not in e.condition_latex for e in rm)


def test_terms_are_ordered_by_the_symbols_a_reader_sees():
    # ExtendedDeterrence's reliance condition p (b + c) >= c + h: field names (abandonment_loss, prior_resolved,
    # security_gain) would order it "c·p + p·b"; in its own symbols it reads b·p + c·p.
    rs = regimes(MODELS["ExtendedDeterrence"])
    assert rs[0].condition_text in ("b·p + c·p ≥ c + h", "b·p + c·p ≤ c + h")
    # Greek coefficients first, as written by hand: β·f_J, not f_J·β
    quasi = regimes(MODELS["QuasiAlliance"])
    assert "β·f_J" in quasi[0].condition_text and r"\beta f_{J}" in quasi[0].condition_latex


@pytest.mark.parametrize("payload", ["__import__('os').system('echo hacked')", "x > 1", b"x", ["x"], None])
def test_a_string_for_a_condition_is_refused(payload):
    from trigame.errors import ParameterError

    with pytest.raises(ParameterError, match="SymPy"):
        to_unicode(payload)
    with pytest.raises(ParameterError, match="SymPy"):
        to_latex(payload)


def test_closed_form_note_on_a_symbolic_game_has_no_contradiction():
    # The same continuum as above, from the solver directly: each conjunction's relations on one parameter are
    # intersected, so Eq(fear_japan, 1/3) & (fear_japan > 1/3) (empty) and Eq(x, 1/3) & (x >= 1/3) are gone.
    from trigame.solve import equilibria

    game = MODELS["QuasiAlliance"].symbolic_game(**QA_FIXED)
    note = next(n for n in equilibria(game).notes if n.startswith("continuum"))
    assert note == ("continuum of equilibria exactly when: (Eq(fear_japan, 1/3) & (fear_rok > 2/3)) | "
                    "(Eq(fear_rok, 2/3) & (fear_japan > 1/3))")
