"""Rich display in Jupyter: games, equilibrium sets and sweeps render as HTML tables, escaped and bounded."""

from __future__ import annotations

import re

import numpy as np
import sympy

import trigame as tg
from trigame.games._display import MAX_ROWS


def _cells(html: str) -> list[str]:
    return re.findall(r"<t[dh]>(.*?)</t[dh]>", html)


def test_a_bimatrix_shows_each_cell_as_the_pair_of_payoffs() -> None:
    pd = tg.NormalFormGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]],
                                       strategies=(("C", "D"), ("C", "D")))
    cells = _cells(pd._repr_html_())
    # header row, then rows C and D: (3,3) (0,5) / (5,0) (1,1)
    assert cells == ["Player 1 \\ Player 2", "C", "D", "C", "3, 3", "0, 5", "D", "5, 0", "1, 1"]


def test_labels_are_escaped() -> None:
    game = tg.NormalFormGame.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]],
                                         players=("<script>", "B&B"), strategies=(("<i>a</i>", "b"), ("c", "d")))
    html = game._repr_html_()
    assert "<script>" not in html and "<i>" not in html
    assert "&lt;script&gt;" in html and "B&amp;B" in html


def test_symbolic_payoffs_render_as_mathjax() -> None:
    a = sympy.Symbol("a")
    game = tg.NormalFormGame.from_arrays([[a, 0], [5, 1]], [[3, 5], [0, 1]])
    assert "\\(a, 3\\)" in game._repr_html_()


def test_large_games_are_cut_with_a_note() -> None:
    game = tg.NormalFormGame(np.zeros((3, 5, 5, 5), dtype=int))  # 125 profiles
    html = game._repr_html_()
    assert html.count("<tr><td>") == MAX_ROWS
    assert f"{125 - MAX_ROWS} more profiles not shown" in html


def test_equilibrium_sets_show_count_guarantees_and_payoffs() -> None:
    # Matching pennies: the unique equilibrium mixes 1/2-1/2 with payoffs (0, 0).
    mp = tg.NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    html = tg.equilibria(mp)._repr_html_()
    assert "1 equilibrium" in html and "complete" in html
    assert _cells(html)[3:] == ["1", "Player 1: 1/2 s1 + 1/2 s2, Player 2: 1/2 s1 + 1/2 s2", "0, 0"]


def test_sweeps_show_the_share_of_each_equilibrium_set() -> None:
    from trigame.models import QuasiAlliance

    result = tg.statics.sweep(QuasiAlliance, grid={"fear_japan": np.linspace(0, 1, 4),
                                                   "fear_rok": np.linspace(0, 1, 4)}, progress=False)
    shares = [float(c.rstrip("%")) for c in _cells(result._repr_html_()) if c.endswith("%")]
    assert len(shares) == len(result.label_set)
    assert abs(sum(shares) - 100) < 0.5


def test_regimes_show_conditions_in_the_parameters_symbols() -> None:
    from trigame.models import QuasiAlliance

    # Cha's setting (security value 3, no direct threat value, no expectation gap): mutual cooperation is an
    # equilibrium iff each ally's fear pays for its domestic cost, 3 f_i >= h_i; friction is always one.
    regimes = tg.statics.regimes(QuasiAlliance, fixed={"security_value": 3, "unreciprocated_cost": 1,
                                                       "threat_value": 0, "virtual_alliance_value": 0,
                                                       "expectation_gap": 0})
    cells = _cells(regimes._repr_html_())
    row = cells.index("Japan: Cooperate, South Korea: Cooperate")
    assert cells[row + 1] == r"\(f_{J} \geq \frac{h_{J}}{3}\) and \(f_{K} \geq \frac{h_{K}}{3}\)"
    assert cells[row + 2] == r"\(3 f_{J} - h_{J}, 3 f_{K} - h_{K}\)"
    friction = cells.index("Japan: Friction, South Korea: Friction")
    assert cells[friction + 1] == "always"
