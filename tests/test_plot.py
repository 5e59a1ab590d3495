"""Tests of trigame.viz.figures: region maps and outcome curves render to PNG, with legends and labelled axes."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import trigame as tg
from trigame.games.tree import Decision, GameTree, Terminal
from trigame.models import REAL, Model, QuasiAlliance, parameter
from trigame.statics import sweep

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")


@pytest.fixture(scope="module")
def plane() -> object:
    return sweep(QuasiAlliance, {"fear_japan": np.linspace(0, 1, 31), "fear_rok": np.linspace(0, 1, 21)})


def test_region_map_png_with_legend(plane: object, tmp_path: Path) -> None:
    import matplotlib.pyplot as plt

    ax = plane.plot("fear_japan", "fear_rok")
    legend = ax.get_legend()
    # Three regions: friction only; cooperation sustainable (three equilibria); and where either net gain
    # c = 3·fear − h is zero (fear_japan = 1/3 or fear_rok = 2/3 lie on the grid: 1/3 = 10/30, 2/3 is not
    # on the 21-point axis), the degenerate boundary with a continuum.
    # Every set on the grid is in the key (the exact map may add sets that live on boundaries the grid misses).
    texts = [t.get_text() for t in legend.get_texts()]
    assert set(np.unique(plane.labels)) <= {label for _, label, _ in ax.trigame_key}
    assert any("(Cooperate, Cooperate)" in t for t in texts)
    labels = {p.name: p.label for p in QuasiAlliance.parameters()}
    assert ax.get_xlabel().startswith(labels["fear_japan"]) and ax.get_ylabel().startswith(labels["fear_rok"])
    path = tmp_path / "map.png"
    ax.figure.savefig(path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    plt.close(ax.figure)


def test_region_map_orientation(plane: object) -> None:
    import matplotlib.pyplot as plt

    # Axes swapped: the image is transposed; cooperation region lies at fear_rok >= 2/3 (now the x axis).
    ax = plane.plot("fear_rok", "fear_japan", boundaries=False)
    mesh = ax.collections[0]
    image = np.asarray(mesh.get_array()).reshape(31, 21)  # rows: fear_japan, columns: fear_rok
    assert image[-1, -1] != image[0, 0]
    assert ax.get_xlabel().startswith(QuasiAlliance.parameters()[1].label)
    plt.close(ax.figure)


def test_boundaries_overlay_or_note(plane: object) -> None:
    import matplotlib.pyplot as plt

    ax = plane.plot("fear_japan", "fear_rok", boundaries=True)
    notes = ax.trigame_notes
    assert len(notes) == 1 and ("boundaries overlaid" in notes[0])
    plt.close(ax.figure)


def contour_vertices(ax: Any) -> np.ndarray:
    """Every vertex of the boundary curves drawn (contour sets) on ``ax``."""
    from matplotlib.contour import ContourSet

    parts = [p.vertices for c in ax.collections if isinstance(c, ContourSet) for p in c.get_paths() if len(p)]
    return np.concatenate(parts) if parts else np.empty((0, 2))


def test_overlay_uses_the_instance_and_keeps_separating_curves() -> None:
    import matplotlib.pyplot as plt

    models = pytest.importorskip("trigame.models")
    pytest.importorskip("trigame.statics.symbolic")
    # ChinaReaction(simultaneous=True), defaults g = 3, k_J = 1, k_K = 2, z = 2, t = 1, over a (backing_value) and
    # c (backing_cost).  China commits without seeing the allies, so backing pays a·Pr(both cooperate) - c:
    # against (C, C) it backs iff a > c; against the allies' mixed equilibrium (Japan cooperates with 2/3, which
    # leaves South Korea indifferent: 2/3·1 - 1/3·2 = 0; South Korea with 1/3: 1/3·2 - 2/3 = 0) Pr(CC) = 2/9 and
    # it backs iff 2a > 9c.  The regions therefore change across c = a and c = 2a/9; the sequential model (the
    # class defaults) has only c = a.
    model = models.ChinaReaction(simultaneous=True)
    r = sweep(model, {"backing_value": np.linspace(0, 4, 41), "backing_cost": np.linspace(0.1, 4, 40)})
    ax = r.plot("backing_value", "backing_cost")
    vertices = contour_vertices(ax)
    a, c = vertices[:, 0], vertices[:, 1]
    on_diagonal = np.abs(c - a) < 1e-6
    on_mixed = np.abs(c - 2 * a / 9) < 1e-6
    assert on_diagonal.any() and on_mixed.any()
    assert (on_diagonal | on_mixed).all()  # nothing else drawn
    assert "symbolic boundaries overlaid" in ax.trigame_notes[0]
    plt.close(ax.figure)


@dataclass(frozen=True, kw_only=True)
class CappedVeto(Model):
    """A sequential test model whose payoffs use max(), which has no symbolic form: the symbolic layer fails."""

    players = ("Allies", "China")
    gain: float = parameter(default=2, domain=REAL, description="allies' gain from cooperation")
    backing_value: float = parameter(default=1, domain=REAL, description="China's gain from backing")

    @staticmethod
    def payoffs(v: Any) -> GameTree:
        return GameTree(Decision("Allies", {
            "Cooperate": Decision("China", {"Accommodate": Terminal((max(v.gain, 0), 0)),
                                            "Back Pyongyang": Terminal((-1, v.backing_value - 1))}),
            "Abstain": Terminal((0, 0)),
        }), players=("Allies", "China"))


def test_failing_symbolic_layer_means_no_overlay_and_a_note(monkeypatch: pytest.MonkeyPatch) -> None:
    import matplotlib.pyplot as plt

    r = sweep(CappedVeto, {"gain": [-1.0, 1.0, 2.0], "backing_value": [0.0, 2.0]})
    ax = r.plot("gain", "backing_value")
    # CappedVeto builds a tree with a max(): a game the symbolic layer does not solve, said briefly.
    assert len(ax.trigame_notes) == 1 and ax.trigame_notes[0].startswith("regions from the sweep's grid")
    assert any("regions from the sweep's grid" in t.get_text() for t in ax.figure.texts + ax.texts)
    assert len(contour_vertices(ax)) == 0
    plt.close(ax.figure)
    # A SymPy error raised inside the symbolic layer (e.g. PolynomialError) falls back the same way.
    sympy = pytest.importorskip("sympy")
    symbolic = pytest.importorskip("trigame.statics.symbolic")

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise sympy.polys.polyerrors.PolynomialError("x**(1/2) contains an element of the set of generators")

    monkeypatch.setattr(symbolic, "regime_map", broken)
    ax = r.plot("gain", "backing_value")
    assert "PolynomialError" in ax.trigame_notes[0]
    plt.close(ax.figure)


def test_outcome_maps_are_the_default_for_sequential_models() -> None:
    import matplotlib.pyplot as plt

    # CappedVeto: China backs iff backing_value > 1; the allies cooperate iff their payoff after China's reply
    # beats 0: max(gain, 0) > 0 when China accommodates (at gain = -1 the cap gives 0: indifferent, both), -1 < 0
    # when it backs.
    r = sweep(CappedVeto, {"gain": [-1.0, 1.0, 2.0], "backing_value": [0.0, 2.0]})
    assert r.outcome_labels.tolist() == [["Abstain | Cooperate > Accommodate", "Abstain"],
                                         ["Cooperate > Accommodate", "Abstain"], ["Cooperate > Accommodate", "Abstain"]]
    ax = r.plot("gain", "backing_value", boundaries=False)
    assert sorted(label for _, label, _ in ax.trigame_key) == ["Abstain", "Abstain | Cooperate > Accommodate",
                                                               "Cooperate > Accommodate"]
    texts = [" ".join(t.get_text().split()) for t in ax.get_legend().get_texts()]
    assert any("Allies: Cooperate > China: Accommodate" in t for t in texts)  # each move names its mover
    plt.close(ax.figure)
    ax = r.plot("gain", "backing_value", boundaries=False, by="equilibrium")
    assert len(ax.get_legend().get_texts()) == len(set(r.labels.ravel()))
    plt.close(ax.figure)
    with pytest.raises(tg.ParameterError, match="'equilibrium'"):
        r.plot("gain", "backing_value", by="outcomes")


def test_outcome_curves_png(tmp_path: Path) -> None:
    import matplotlib.pyplot as plt

    r = sweep(QuasiAlliance, {"fear_rok": np.linspace(0, 1, 21)}, fixed={"fear_japan": 1})
    ax = r.plot("fear_rok", selection="payoff_dominant")
    names = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "Cooperate/Cooperate" in names and "Friction/Friction" in names
    ax.figure.savefig(tmp_path / "curves.png")
    plt.close(ax.figure)
    ax = r.plot("fear_rok")  # "all": one line style per equilibrium
    assert len(ax.lines) >= 2
    plt.close(ax.figure)


def test_bad_plot_requests(plane: object) -> None:
    with pytest.raises(tg.ParameterError, match="swept parameters are: fear_japan, fear_rok"):
        plane.plot("fear_japan", "security_value")
    with pytest.raises(tg.ParameterError, match="distinct"):
        plane.plot("fear_japan", "fear_japan")
    with pytest.raises(tg.ParameterError, match="also varies fear_rok"):
        plane.plot("fear_japan")
