"""Sweeps of signalling models: every grid point labelled by its set of perfect Bayesian equilibria."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trigame._labels import set_label
from trigame.errors import ParameterError, TrigameError, UnsupportedGameError
from trigame.models import ChinaInference, Ratification
from trigame.statics.sweep import sweep


def _expected_label(model) -> str:
    """The label of a point built from the scalar solve: kind, then every information set's action or support."""
    result = model.equilibria()
    labels = []
    for eq in result:
        parts = []
        for key, dist in eq.behavior.items():
            used = [a for a, p in dist.items() if p != 0]
            parts.append(f"{key}: {used[0]}" if len(used) == 1 else f"{key}: mix " + "/".join(used))
        labels.append(f"{eq.kind}: " + ", ".join(parts))
    return set_label(labels, continuum=result.degenerate)


def test_china_inference_without_balancing_value_pools_on_broad():
    # Hand derivation: with v < c (balancing_value 1/2 < backing_cost 1) Back Pyongyang pays China v - c < 0 or
    # -c < 0 against 0 for Accommodate, so China accommodates after every design; then a narrow design only costs
    # the coalition m_N = 1 or m_C = 4 > 0, so both types choose Broad: the unique PBE pools on Broad.
    r = sweep(ChinaInference, grid={"prior_china_target": [0.2, 0.5, 0.8]}, fixed={"balancing_value": 0.5})
    expected = ("pooling: Coalition@North Korea: Broad, Coalition@China: Broad, China@Narrow: Accommodate, "
                "China@Broad: Accommodate")
    assert r.labels.tolist() == [expected] * 3
    assert r.count.tolist() == [1, 1, 1]
    assert set(r.outcome_labels.tolist()) == {"North Korea: Broad > Accommodate; China: Broad > Accommodate"}
    assert any("perfect Bayesian" in note for note in r.notes)


@pytest.mark.parametrize("model, axes", [
    (ChinaInference, {"prior_china_target": [0.1, 0.3, 1 / 3, 0.6, 0.9], "balancing_value": [0.5, 1.0, 3.0]}),
    (Ratification, {"prior_low_cost": [0.1, 0.4, 0.5, 0.9], "pull_cost": [0.5, 1.0, 2.0]}),
])
def test_sweep_labels_equal_pointwise_pbe_sets(model, axes):
    # Grid points include boundaries (ties at q = 1/3, v = c), where continua and extra equilibria appear.
    r = sweep(model, grid=axes)
    names = list(axes)
    for index in np.ndindex(r.shape):
        point = {name: axes[name][k] for name, k in zip(names, index)}
        instance = model(**point)
        assert r.labels[index] == _expected_label(instance), point
        assert r.count[index] == len(instance.equilibria())


@settings(max_examples=12, deadline=None)
@given(q=st.floats(0.02, 0.98), v=st.floats(0.1, 5.0), m=st.sampled_from([0.0, 0.5, 1.0, 3.0]))
def test_property_china_inference_sweep_matches_scalar_solve(q, v, m):
    r = sweep(ChinaInference, grid={"prior_china_target": [q], "balancing_value": [v]},
              fixed={"design_cost_nk": m})
    assert r.labels[0, 0] == _expected_label(ChinaInference(prior_china_target=q, balancing_value=v,
                                                            design_cost_nk=m))


def test_region_map_of_a_signalling_sweep_draws():
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    from trigame.viz.figures import draw_region_map

    r = sweep(ChinaInference, grid={"prior_china_target": np.linspace(0.05, 0.95, 7),
                                    "balancing_value": np.linspace(0.5, 4, 6)})
    ax, caption = draw_region_map(r, "prior_china_target", "balancing_value")
    assert ax is not None and isinstance(caption, str)
    assert len(set(r.labels.ravel().tolist())) >= 2


@pytest.mark.parametrize("bad", ["0.5", "__import__('os')", ["0.1", "0.2"]])
def test_string_grid_values_are_refused(bad):
    with pytest.raises(TrigameError):
        sweep(ChinaInference, grid={"prior_china_target": bad})


def test_out_of_domain_prior_and_risk_dominance_are_refused():
    with pytest.raises(ParameterError):
        sweep(Ratification, grid={"prior_low_cost": [0.0, 0.5]})
    with pytest.raises(UnsupportedGameError):
        sweep(Ratification, grid={"prior_low_cost": [0.5]}, selection="risk_dominant")


def test_events_name_information_sets():
    # v < c (as in the first test): China accommodates after each design and the coalition never narrows.
    r = sweep(ChinaInference, grid={"prior_china_target": [0.2, 0.8]}, fixed={"balancing_value": 0.5})
    assert r.outcome_probability({"China@Narrow": "Accommodate"}, selection="first").tolist() == [1.0, 1.0]
    assert r.outcome_probability({"Coalition@China": "Narrow"}, selection="first").tolist() == [0.0, 0.0]
    with pytest.raises(ParameterError):
        r.outcome_probability({"China": "Accommodate"})
