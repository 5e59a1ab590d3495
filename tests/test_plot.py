"""Tests of trigame.plot: region maps and outcome curves render to PNG, with legends and labelled axes."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import trigame as tg
from trigame.models import QuasiAlliance
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
    texts = [t.get_text() for t in legend.get_texts()]
    assert len(texts) == len(set(np.unique(plane.labels)))
    assert any("Cooperate, South Korea: Cooperate" in t for t in texts)
    assert (ax.get_xlabel(), ax.get_ylabel()) == ("fear_japan", "fear_rok")
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
    assert ax.get_xlabel() == "fear_rok"
    plt.close(ax.figure)


def test_boundaries_overlay_or_note(plane: object) -> None:
    import matplotlib.pyplot as plt

    ax = plane.plot("fear_japan", "fear_rok", boundaries=True)
    notes = ax.trigame_notes
    assert len(notes) == 1 and ("boundaries overlaid" in notes[0])
    plt.close(ax.figure)


def test_outcome_curves_png(tmp_path: Path) -> None:
    import matplotlib.pyplot as plt

    r = sweep(QuasiAlliance, {"fear_rok": np.linspace(0, 1, 21)}, fixed={"fear_japan": 1})
    ax = r.plot("fear_rok", selection="payoff_dominant")
    names = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "Cooperate, Cooperate" in names and "Friction, Friction" in names
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
