"""The report: ``trigame.viz.report.write_report`` and ``trigame report``.

Content is checked against hand derivations (the QuasiAlliance regimes of its
docstring, the China-veto logic), not against a stored copy of the output.
"""

from __future__ import annotations

import re
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest

import trigame as tg
from trigame.cli import main
from trigame.errors import ParameterError, TrigameError
from trigame.models import MODELS, QuasiAlliance
from trigame.viz.catalogue import find_model, headline, map_range, model_registry
from trigame.viz.report import write_report
from trigame.viz.solutions import is_subgame_perfect, solve_model

ROOT = Path(__file__).resolve().parents[1]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def section(text: str, heading: str) -> str:
    """The text under a Markdown heading, up to the next heading of the same or a higher level."""
    level = heading.split(" ", 1)[0]
    start = text.index(heading + "\n")
    rest = text[start + len(heading) + 1 :]
    stop = re.search(rf"^#{{1,{len(level)}}} ", rest, flags=re.MULTILINE)
    return rest[: stop.start()] if stop else rest


def assert_valid_png(path: Path) -> None:
    import matplotlib.image

    data = path.read_bytes()
    assert data[:8] == PNG_SIGNATURE and data[12:16] == b"IHDR"
    image = matplotlib.image.imread(path)  # decodes the whole file
    assert image.shape[0] > 100 and image.shape[1] > 100


# ---------------------------------------------------------------------------- building blocks
def test_registry_and_names():
    assert model_registry() == dict(MODELS)
    for name, cls in MODELS.items():
        snake = re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()
        assert find_model(name) is cls and find_model(snake) is cls and find_model(name.upper()) is cls
    with pytest.raises(ParameterError, match="the models are: " + ", ".join(MODELS)):
        find_model("Alliance")


def test_headline_parameters_are_parameters():
    for cls in MODELS.values():
        names = headline(cls)
        assert len(names) == 2 and set(names) <= set(cls.parameter_names())


def test_map_ranges_stay_in_the_domain():
    for cls in MODELS.values():
        for p in cls.parameters():
            lo, hi = map_range(p, 61)
            assert lo < hi and p.domain.contains(lo) and p.domain.contains(hi)
            assert p.domain.contains(float(p.default)) is False or lo <= p.default <= hi


def test_solve_model_quasi_alliance_when_both_fear():
    # Cha's H-B (fears 1, 1): c_J = 2, c_K = 1, s = 1; three equilibria, the mixed one (1/2, 1/3).
    solution = solve_model(QuasiAlliance(fear_japan=1, fear_rok=1))
    assert solution.subgame_perfect is None and solution.nash_scope == "all" and not solution.differ
    mixed = [e for e in solution.nash if not e.is_pure]
    assert len(solution.nash) == 3 and len(mixed) == 1
    assert [v[0] for v in mixed[0].strategies] == [Fraction(1, 2), Fraction(1, 3)]
    with pytest.raises(ParameterError):
        solve_model(QuasiAlliance(), nash="some")


def test_is_subgame_perfect_agrees_with_the_definition_on_the_shipped_tree():
    # china_veto.efg (see tests/test_cli.py): only (Cooperate; Accommodate, Accommodate) is subgame-perfect;
    # every other Nash equilibrium backs Pyongyang somewhere at a cost.
    tree = tg.read_efg(ROOT / "trigame" / "data" / "china_veto.efg")
    flags = [is_subgame_perfect(tree, e) for e in tg.equilibria(tree.to_normal_form())]
    assert sorted(flags) == [False, False, False, True]


# ---------------------------------------------------------------------------- the report of one model
@pytest.fixture(scope="module")
def quasi_report(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("quasi")
    return write_report(folder, models=["quasi_alliance"], resolution=21, workers=1)


def test_quasi_alliance_report_content(quasi_report):
    text = quasi_report.read_text(encoding="utf-8")
    body = section(text, "## QuasiAlliance")
    # Defaults: no fear of abandonment, c_J = -1 < 0 and c_K = -2 < 0: friction is the unique equilibrium.
    defaults = section(body, "#### At the defaults")
    assert "1 Nash equilibrium (complete)" in defaults
    assert "| 1 | Japan: Friction, South Korea: Friction | Japan 0, South Korea 0 |" in defaults
    # 1969-71 (both fear): three equilibria, the mixed one with Pr_J(Cooperate) = 1/2, Pr_K(Cooperate) = 1/3;
    # 1972-74 (Japan does not fear): friction only.
    nixon = section(body, "#### Preset: 1969-71 Nixon Doctrine")
    assert "3 Nash equilibria (complete)" in nixon
    assert "| Japan: Cooperate, South Korea: Cooperate | Japan 2, South Korea 1 |" in nixon
    assert "Japan: 1/2 Cooperate + 1/2 Friction, South Korea: 1/3 Cooperate + 2/3 Friction" in nixon
    assert "Values: fear_japan = 1, fear_rok = 1." in nixon
    # fear_rok = 1 alone leaves Japan without the fear that makes cooperation pay: the same single equilibrium
    # (Friction, Friction) as at the defaults, which the report does not print twice.
    assert "The equilibria are those at the defaults above." in section(body, "#### Preset: 1972-74 detente")
    # Regimes: (Friction, Friction) exists everywhere (s > 0 makes it strict).
    regimes = section(body, "### Regimes")
    assert "| Japan: Friction, South Korea: Friction | always |" in regimes
    assert "| h_K | ROK domestic cost (`domestic_cost_rok`) | 2 |" in section(body, "### Parameters")
    assert "Eq(" not in regimes and " & " not in regimes and "h_K = ROK domestic cost (`domestic_cost_rok`)" in regimes
    assert "Japan: Cooperate, South Korea: Cooperate" in regimes
    # Region map over fear_japan x fear_rok in [0, 1]^2, 21 points each (steps of 1/20): cooperation needs
    # fear_japan >= 7/20 and fear_rok >= 14/20 -- 98 of 441 points; friction alone on 343 (77.8%).
    region = section(body, "### Region map")
    assert "| Japan: Friction, South Korea: Friction | 77.8% |" in region
    assert re.search(r"\| Japan: Cooperate, South Korea: Cooperate \\\| .* \| 22\.2% \|", region)
    # Summary table links the model's section.
    summary = "| [QuasiAlliance](#quasialliance) | strategic form | 1 NE: (Japan: Friction, South Korea: Friction) |"
    assert summary in text


def test_figures_are_embedded_and_valid(quasi_report):
    text = quasi_report.read_text(encoding="utf-8")
    figures = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    assert figures == ["quasialliance-fear-japan-fear-rok.png"]
    for name in figures:
        assert_valid_png(quasi_report.parent / name)


def test_extended_deterrence_report_content(tmp_path):
    # ExtendedDeterrence by hand: the resolved type Defends (r > 0), the unresolved type Abandons (d > 0); Rely
    # gives the ally p*b - (1 - p)*c, Hedge gives h; with b = c = 4 it relies iff p >= (4 + h)/8.
    path = write_report(tmp_path, models=["ExtendedDeterrence"], resolution=11, workers=1)
    text = path.read_text(encoding="utf-8")
    body = section(text, "## ExtendedDeterrence")
    # Defaults p = 3/4 >= 5/8: Rely; ex-ante payoffs ally 3/4*4 - 1/4*4 = 2, US 3/4*1 + 1/4*0 = 3/4; interim:
    # the resolved type 1 (Defend), the unresolved type 0 (Abandon).
    defaults = section(body, "#### At the defaults")
    assert "1 Bayesian Nash equilibrium (complete)" in defaults
    assert ("| 1 | South Korea: Rely; United States: Defend if resolved, Abandon if unresolved | South Korea 2, "
            "United States 3/4 | South Korea 2; United States if resolved 1; United States if unresolved 0 |"
            in defaults)
    # Doubting ally, p = 1/2 < 5/8: Hedge; ally h = 1, US 1/2*1 = 1/2.
    doubting = section(body, "#### Preset: Doubting ally (illustrative)")
    assert "South Korea: Hedge; United States: Defend if resolved, Abandon if unresolved | South Korea 1, " \
           "United States 1/2 |" in doubting
    regimes = section(body, "### Regimes")
    assert "Every Bayesian Nash equilibrium" in regimes
    assert "| South Korea@-: Rely, United States@resolved: Defend, United States@unresolved: Abandon |" in regimes
    # Region map: p_k = k/12, k = 1..11 (11 points strictly inside (0, 1)); h_j = -1 + 2j/5, j = 0..10 (the
    # default 1 plus or minus 2).  Rely iff k/12 >= (4 + h_j)/8, i.e. k >= 9/2 + 3j/5: the smallest such k for
    # j = 0..10 is 5, 6, 6, 7, 7, 8, 9, 9, 10, 10, 11, so 7+6+6+5+5+4+3+3+2+2+1 = 44 Rely points; none lies on the
    # line (10k - 45 is odd, so j = (10k - 45)/6 is never an integer).  44/121 = 36.4%, 77/121 = 63.6%.
    region = section(body, "### Region map")
    assert "kept inside (0, 1)" in region
    assert "| South Korea@-: Rely, United States@resolved: Defend, United States@unresolved: Abandon | 36.4% |" \
        in region
    assert "| South Korea@-: Hedge, United States@resolved: Defend, United States@unresolved: Abandon | 63.6% |" \
        in region
    assert "| [ExtendedDeterrence](#extendeddeterrence) | Bayesian game | 1 BNE: (South Korea: Rely;" in text
    for name in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text):
        assert_valid_png(tmp_path / name)


def test_trust_building_report_states_the_conditions_in_delta_and_s(tmp_path):
    # TrustBuilding by hand, with D = delta*(1 - s) the repeated game's discount factor and Japan's stage payoffs
    # b - h_J + e (both share), b (it withholds alone), 0 (both withhold).  Grim trigger: sharing for ever is worth
    # b - h_J + e per period, a lapse (1 - D)*b and then 0, so it is subgame-perfect iff b*D + e >= h_J (and the
    # same for h_K; withholding after a lapse is a stage equilibrium).  One-period freeze: a lapse is worth
    # (1 - D)*b + D*(1 - D)*0 + D**2*(b - h_J + e), so iff (b - h_J + e)*(1 + D) >= b, i.e.
    # b*D + e*D + e >= h_J*D + h_J.  Never share: always.  The map is over delta and h_K at the defaults, s = 0.
    path = write_report(tmp_path, models=["TrustBuilding"], resolution=11, workers=1)
    regimes = section(section(path.read_text(encoding="utf-8"), "## TrustBuilding"), "### Regimes")
    d = "δ·(1 - s)"
    assert f"| 1 | grim trigger | (b·{d} + e ≥ h_J) and (b·{d} + e ≥ h_K) |" in regimes
    assert (f"| 2 | one-period freeze | (b·{d} + e·{d} + e ≥ h_J·{d} + h_J) and "
            f"(b·{d} + e·{d} + e ≥ h_K·{d} + h_K) |") in regimes
    assert "| 3 | never share | always |" in regimes
    assert f"the repeated game's discount factor is {d}, and δ and s enter the conditions only through it" in regimes
    assert "δ here is" not in regimes
    assert ("the other parameters at their defaults (b = 3, h_J = 1, e = 0, s = 0); there the discount factor "
            f"{d} is δ.") in regimes


def test_a_relation_not_written_through_the_discount_is_kept():
    import sympy

    from trigame.viz._sections_kinds import _through_discount

    delta, s, b = sympy.symbols("delta s b", positive=True)
    names = (sympy.Symbol("D"), sympy.Symbol("D"))
    # delta >= 1/2 is not a condition on delta*(1 - s) alone: it stays as it is
    (text, latex), every = _through_discount(delta >= sympy.Rational(1, 2), delta * (1 - s), names)
    assert text == latex == (delta >= sympy.Rational(1, 2)) and not every
    # b*delta - b*delta*s >= 1 is b*D >= 1
    (text, _), every = _through_discount(b * delta - b * delta * s >= 1, delta * (1 - s), names)
    assert text == (b * sympy.Symbol("D") >= 1) and every


def test_bad_arguments(tmp_path):
    with pytest.raises(ParameterError, match="resolution must be an integer >= 2"):
        write_report(tmp_path, resolution=1)
    with pytest.raises(ParameterError, match="workers must be a positive integer"):
        write_report(tmp_path, workers=0)
    with pytest.raises(ParameterError, match="unknown model"):
        write_report(tmp_path, models=["Nope"])
    a_file = tmp_path / "file"
    a_file.write_text("")
    with pytest.raises(TrigameError, match="it is a file"):
        write_report(a_file, models=["QuasiAlliance"])


# ---------------------------------------------------------------------------- the whole report, as a user runs it
@pytest.fixture(scope="module")
def full_report(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    folder = tmp_path_factory.mktemp("full") / "trigame-report"
    done = subprocess.run(
        [sys.executable, "-m", "trigame", "report", "--out", str(folder), "--resolution", "15"],
        capture_output=True, text=True, check=False, cwd=ROOT,
    )
    return folder, done


def test_full_report_covers_every_model(full_report):
    folder, done = full_report
    assert done.returncode in (0, 1), done.stderr
    assert "Traceback" not in done.stderr
    text = (folder / "report.md").read_text(encoding="utf-8")
    for name, cls in MODELS.items():
        body = section(text, f"## {name}")
        assert "#### At the defaults" in body
        for preset in cls.presets():
            assert f"#### Preset: {preset}" in body
        assert "### Regimes" in body and "### Region map" in body
        assert f"{name}: " in done.stdout  # one summary line per model on the terminal
    for name in re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text):
        assert_valid_png(folder / name)
    assert f"wrote {folder / 'report.md'}" in done.stdout


def test_full_report_shows_the_china_veto(full_report):
    # ChinaReaction at the defaults (Tokyo offers, Seoul answers, China reacts having seen both; g = 3, k_J = 1,
    # k_K = 2, z = 2, a = 1 < c = 2: backing Pyongyang lacks profit): China accommodates at every node in the SPE.
    # The veto: if China would back Pyongyang after joint cooperation, Seoul's cooperation after an offer pays
    # g - k_K - z = -1 < 0, so Seoul abstains, so Japan's offer pays -k_J = -1 < 0 and Japan abstains; China's
    # node after (Abstain, Abstain) is on the path, where backing only costs, so it accommodates there.  That
    # profile (Japan: Abstain; South Korea: Abstain after either move; China: Back Pyongyang after joint
    # cooperation, anything at the two other off-path nodes, Accommodate after (Abstain, Abstain)) is a Nash
    # equilibrium that is not subgame-perfect.
    folder, _ = full_report
    text = (folder / "report.md").read_text(encoding="utf-8")
    defaults = section(section(text, "## ChinaReaction"), "#### At the defaults")
    spe_rows = [line for line in defaults.splitlines() if line.startswith("| ") and "@" in line]
    assert spe_rows and all("Back Pyongyang" not in row.split("|")[2] for row in spe_rows)
    # The report groups the 38 pure Nash equilibria by payoffs.  Those with payoffs (0, 0, 0) -- Japan abstains,
    # Seoul abstains after Japan's abstention, China accommodates there -- are 12, none subgame-perfect:
    # China's node after (Abstain, Cooperate) is free (Seoul's deviation to it pays -k_K or -k_K - z < 0: 2 ways);
    # if Seoul would cooperate after an offer, Japan's offer must not pay, so China backs Pyongyang after joint
    # cooperation (the veto) and its node after (Cooperate, Abstain) is free: 2 x 2 = 4; if Seoul would abstain
    # after an offer, the offer pays -k_J or -k_J - z < 0 whatever China does: 2 x 2 x 2 = 8.  4 + 8 = 12.
    assert "| Japan 0, South Korea 0, China 0 | 12 | 0 | Japan: Abstain, " in defaults


def test_report_command_errors(capsys, tmp_path):
    a_file = tmp_path / "file"
    a_file.write_text("")
    assert main(["report", "--out", str(a_file)]) == 2
    assert "is a file" in capsys.readouterr().err
    assert main(["report", "--out", str(tmp_path / "missing" / "deeper")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["report", "--models", "Nope", "--out", str(tmp_path / "r")]) == 2
    err = capsys.readouterr().err
    assert "unknown model 'Nope'" in err and err.count("\n") == 1


def test_region_map_falls_back_to_the_numerical_map_when_the_boundaries_fail():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from trigame.viz.figures import draw_region_map

    class Result:
        def plot(self, x: str, y: str, boundaries: bool = True):
            if boundaries:
                raise ArithmeticError("no boundaries today")
            _, ax = plt.subplots()
            return ax

    ax, note = draw_region_map(Result(), "a", "b")
    assert note == "symbolic boundaries not overlaid (ArithmeticError: no boundaries today)"
    plt.close(ax.figure)


def test_full_report_repeats_no_table_and_writes_pdf_figures(full_report):
    folder, _ = full_report
    text = (folder / "report.md").read_text(encoding="utf-8")
    for model in re.findall(r"^## (\w+)$", text, flags=re.MULTILINE):
        body = section(text, f"## {model}")
        tables = re.findall(r"(?:^\|.*\|\n)+", body, flags=re.MULTILINE)
        repeated = [t.splitlines()[2] for t in tables if tables.count(t) > 1]
        assert not repeated, f"{model}: a table printed twice, first row {repeated[0]!r}"
    for png in folder.glob("*.png"):
        assert png.with_suffix(".pdf").read_bytes().startswith(b"%PDF")
    assert "1 figures" not in text and "1 symbolic boundaries" not in text


def test_full_report_writes_propositions_that_compile(full_report, tmp_path):
    import shutil

    folder, _ = full_report
    tex = (folder / "propositions.tex").read_text(encoding="utf-8")
    assert tex.startswith("\\documentclass{article}") and tex.rstrip().endswith("\\end{document}")
    # QuasiAlliance's (Friction, Friction) is an equilibrium everywhere: against friction, cooperating alone
    # pays -s < 0 (the model's table: (Cooperate, Friction) -> (-s, 0), s > 0) and friction 0.
    quasi = tex[tex.index("\\section*{QuasiAlliance}"):]
    assert "(Friction, Friction) is a Nash equilibrium at every value of the parameters" in quasi
    engine = shutil.which("pdflatex")
    if engine is None:
        pytest.skip("no LaTeX engine (pdflatex): install Debian's texlive-latex-base")
    (tmp_path / "propositions.tex").write_text(tex, encoding="utf-8")
    run = subprocess.run([engine, "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape",
                          "propositions.tex"], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout[-3000:]


def test_report_sections_show_the_game_in_symbols(tmp_path):
    from trigame.viz.report import write_report

    path = write_report(tmp_path, models=["AllianceSecurityDilemma"], resolution=5, workers=1)
    game = section(path.read_text(encoding="utf-8"), "### The game")
    # Snyder's dilemma (AllianceSecurityDilemma's docstring table): both Weak -> (-A_us, -A_rok); Strong against a
    # Weak partner pays -e_i, the partner gets b_j.
    assert "Weak, Weak: (-A_us, -A_rok)" in game
    assert "Strong, Weak: (-e_us, b_rok)" in game


def test_a_signalling_models_grid_is_capped_and_its_map_exact(tmp_path):
    # ChinaInference is swept point by point; its map's regions come from the exact regime map, so the report's
    # grid is at most 31 x 31 even when 41 is asked for, and the caption says so; the map's boundaries are the
    # exact lines q = 1/3 and m_C = 1, 2 (derived in tests/test_china_inference.py), which the caption's note
    # does not replace by a grid-only remark.
    path = write_report(tmp_path, models=["ChinaInference"], resolution=41, workers=1)
    text = path.read_text(encoding="utf-8")
    assert "(31 x 31 points)" in text and "(41 x 41 points)" not in text
    assert "symbolic boundaries not overlaid" not in text
    # A signalling model's equilibria are perfect Bayesian: at the defaults (q = 1/2, v = 3, c = 1, z = 2, m_N = 1,
    # m_C = 4) the separating one, pooling on Broad with China backing Pyongyang after Narrow, and its mixed
    # off-path variant (tests/test_china_inference.py derives the set): three, not "Nash equilibria".
    defaults = section(section(text, "## ChinaInference"), "#### At the defaults")
    assert "3 perfect Bayesian equilibria (complete" in defaults and "Nash equilibri" not in defaults
