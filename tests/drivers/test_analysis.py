"""analyse_drivers end to end: the JSON contract, the definitions of impact,
lift, performance and quadrants, warnings, and the CLI."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from typer.testing import CliRunner

from voc_engine.cli import app
from voc_engine.drivers import analyse_drivers
from voc_engine.drivers.prioritise import action_list, assign_quadrants, driver_profile
from voc_engine.drivers.synthetic import THEMES, make_driver_sample

CONTRACT_KEYS = {
    "name", "coef", "ci_low", "ci_high", "p_value", "importance", "importance_ci",
    "importance_pct", "prevalence", "performance", "impact", "quadrant",
}
THEME_NAMES = list(THEMES)[:6]


@pytest.fixture(scope="module")
def sample():
    return make_driver_sample(2000, seed=3)


@pytest.fixture(scope="module")
def result(sample):
    return analyse_drivers(sample.responses, "nps", THEME_NAMES, controls=["channel", "segment"], bootstrap=40)


def test_contract_shape_and_identities(result, sample):
    doc = json.loads(json.dumps(result.to_dict()))
    assert set(doc) == {"kpi", "kind", "n", "r2", "drivers", "details"}
    assert set(result.to_dict(details=False)) == {"kpi", "kind", "n", "r2", "drivers"}
    assert doc["kpi"] == "nps" and doc["kind"] == "ols" and doc["n"] == 2000
    assert [set(d) for d in doc["drivers"]] == [CONTRACT_KEYS] * len(THEME_NAMES)
    importance = np.array([d["importance"] for d in doc["drivers"]])
    assert importance.sum() == pytest.approx(result.r2 - result.r2_controls, abs=1e-9)
    assert sum(d["importance_pct"] for d in doc["drivers"]) == pytest.approx(100.0)
    assert all(d["quadrant"] in {"fix_first", "maintain", "monitor", "leverage", "not_enough_evidence"}
               for d in doc["drivers"])
    assert all(d["importance_ci"][0] <= d["importance"] <= d["importance_ci"][1] for d in doc["drivers"])
    assert importance.tolist() == sorted(importance, reverse=True)
    # r2 and coefficients are those of the plain statsmodels fit with the same dummies
    exog = pd.get_dummies(sample.responses[THEME_NAMES + ["channel", "segment"]], drop_first=True, dtype=float)
    ref = sm.OLS(sample.responses["nps"].astype(float), sm.add_constant(exog)).fit()
    assert doc["r2"] == pytest.approx(ref.rsquared, abs=1e-10)
    for d in doc["drivers"]:
        assert d["coef"] == pytest.approx(ref.params[d["name"]], abs=1e-9)


def test_details_and_frame(result):
    details = result.to_dict(details=True)["details"]
    assert details["performance_measure"] == "share_negative"
    assert details["importance_method"] == "exact" and details["bootstrap"] == 40
    assert set(details["drivers"]) == set(THEME_NAMES)
    frame = result.to_frame()
    assert {"vif", "relative_weight", "expected_lift", "se"} <= set(frame.columns)
    assert "Action list" in result.summary()


def test_impact_is_mean_minus_mean_without_mentions():
    df = pd.DataFrame({"kpi": [10.0, 8.0, 2.0, 4.0], "theme": [0, 0, 1, 1]})
    profile = driver_profile(df, "kpi", ["theme"])
    assert profile.loc["theme", "impact"] == pytest.approx(6.0 - 9.0)
    assert profile.loc["theme", "mean_kpi_mentioners"] == pytest.approx(3.0)


def test_expected_lift_halves_negative_mentions():
    # noise-free: KPI = 8 - 2·(negative mention) + 1·(praise): coefficient -2 exactly
    n = 400
    neg = np.zeros(n, int)
    neg[:100] = 1
    praise = np.zeros(n, int)
    praise[50:250] = 1
    df = pd.DataFrame({"kpi": 8.0 - 2 * neg + praise, "wait:negative": neg, "praise": praise})
    res = analyse_drivers(df, "kpi", ["wait:negative", "praise"], bootstrap=0)
    row = res.table.loc["wait:negative"]
    assert row["coef"] == pytest.approx(-2.0)
    # halving 25 % negative mentions at -2 each: +0.25 KPI points
    assert row["expected_lift"] == pytest.approx(0.25)
    assert res.actions["driver"].tolist() == ["wait:negative"]


def test_performance_is_share_negative_when_sentiment_known(sample):
    res = analyse_drivers(sample.responses, "nps", THEME_NAMES[:3], bootstrap=0)
    df = sample.responses
    for name in THEME_NAMES[:3]:
        mentions = df[df[name] == 1]
        assert res.table.loc[name, "performance"] == pytest.approx(mentions[name + ":negative"].mean())


def test_quadrants_split_at_medians():
    impact = pd.Series({"a": -0.5, "b": -0.4, "c": -0.1, "d": 0.05})
    poor = pd.Series({"a": True, "b": False, "c": True, "d": False})
    quadrant = assign_quadrants(impact, poor)
    assert quadrant.to_dict() == {"a": "fix_first", "b": "leverage", "c": "monitor", "d": "maintain"}


def test_a_driver_without_evidence_is_never_in_the_fix_first_corner():
    impact = pd.Series({"a": -0.5, "b": -0.45, "c": -0.1, "d": 0.05})
    poor = pd.Series({"a": True, "b": True, "c": True, "d": False})
    significant = pd.Series({"a": True, "b": False, "c": False, "d": False})
    quadrant = assign_quadrants(impact, poor, significant)
    assert quadrant.to_dict() == {"a": "fix_first", "b": "not_enough_evidence", "c": "monitor", "d": "maintain"}


def test_every_fix_first_driver_of_an_analysis_is_significant(sample):
    res = analyse_drivers(sample.responses, "nps", THEME_NAMES, bootstrap=0)
    table = res.table
    assert (table.loc[table["quadrant"] == "fix_first", "p_value"] < res.alpha).all()
    assert (table.loc[table["quadrant"] == "not_enough_evidence", "p_value"] >= res.alpha).all()


def test_action_list_puts_fix_first_first():
    table = pd.DataFrame(
        {
            "expected_lift": [0.1, 0.3, -0.2, 0.05],
            "quadrant": ["fix_first", "leverage", "fix_first", "fix_first"],
            "p_value": [0.001, 0.001, 0.001, 0.5],
            "impact": [-0.2, -0.3, 0.1, -0.1],
            "performance": [0.8, 0.3, 0.9, 0.7],
        },
        index=["a", "b", "c", "d"],
    )
    actions = action_list(table)
    # a non-significant driver is never ranked, not even over a significant one outside fix_first
    assert actions["driver"].tolist() == ["a", "b", "d"]
    assert actions["rank"].tolist()[:2] == [1, 2] and actions["rank"].isna().tolist() == [False, False, True]
    assert actions["significant"].tolist() == [True, True, False]
    assert actions["evidence"].tolist() == ["significant", "significant", "not enough evidence"]
    assert actions["statement"][2].startswith("Not enough evidence yet that fixing d mentions")


def test_each_action_says_in_words_what_fixing_could_do_with_the_models_interval(sample):
    import statsmodels.formula.api as smf

    drivers = [t + ":negative" for t in THEME_NAMES[:3]]
    res = analyse_drivers(sample.responses, "nps", drivers, bootstrap=0, kpi_label="NPS")
    # the lift is linear in the coefficient, so its interval is the coefficient's, scaled
    frame = sample.responses.rename(columns={d: f"d{i}" for i, d in enumerate(drivers)})
    fit = smf.ols("nps ~ " + " + ".join(f"d{i}" for i in range(3)), frame).fit(cov_type="HC3", use_t=True)
    for i, driver in enumerate(drivers):
        prevalence = frame[f"d{i}"].mean()
        low, high = fit.conf_int().loc[f"d{i}"]
        row = res.table.loc[driver]
        assert row["expected_lift_ci_low"] == pytest.approx(-high * prevalence / 2, rel=1e-6)
        assert row["expected_lift_ci_high"] == pytest.approx(-low * prevalence / 2, rel=1e-6)
    first = res.actions.iloc[0]
    assert first["significant"]
    assert first["statement"].startswith(f"Fixing {first['driver']} mentions could lift NPS by ")
    assert "95% CI" in first["statement"]
    assert first["statement"] in res.summary()


def test_warnings_for_rare_drivers_and_small_samples():
    rng = np.random.default_rng(0)
    n = 300
    df = pd.DataFrame({"kpi": rng.normal(size=n), "common": (rng.random(n) < 0.4).astype(int)})
    df["rare"] = 0
    df.loc[:9, "rare"] = 1  # 10 mentions
    res = analyse_drivers(df, "kpi", ["common", "rare"], bootstrap=0)
    assert any("'rare' is rare" in w for w in res.warnings)
    assert not any("'common' is rare" in w for w in res.warnings)
    small = analyse_drivers(df.iloc[:30], "kpi", ["common", "rare"], bootstrap=0)
    assert any("respondents per driver" in w for w in small.warnings)
    # resamples in which the rare driver is absent count it as explaining nothing
    rarer = df.assign(rare=0)
    rarer.loc[:1, "rare"] = 1
    boot = analyse_drivers(rarer, "kpi", ["common", "rare"], bootstrap=60, seed=1)
    low, high = boot.table.loc["rare", ["importance_ci_low", "importance_ci_high"]]
    assert low == 0.0 and 0 < high < 1


def test_logit_result_sums_to_mcfadden(sample):
    res = analyse_drivers(sample.responses, "detractor", [t + ":negative" for t in THEME_NAMES[:4]],
                          bootstrap=0, higher_is_better=False)
    assert res.kind == "logit"
    assert res.table["importance"].sum() == pytest.approx(res.r2 - res.r2_controls, abs=1e-7)
    assert res.r2 == pytest.approx(res.model.results.prsquared)
    assert (res.table["odds_ratio"] > 1).all()  # negative mentions raise detractor odds
    assert len(res.actions) == 4  # each lowers the detractor rate when halved


def test_cli_writes_the_contract(tmp_path, sample):
    path = tmp_path / "respondents.csv"
    sample.responses.to_csv(path, index=False)
    out, png = tmp_path / "drivers.json", tmp_path / "matrix.png"
    runner = CliRunner()
    got = runner.invoke(app, ["drivers", "--input", str(path), "--kpi", "nps",
                              "--drivers", ",".join(THEME_NAMES[:4]), "--controls", "channel",
                              "--kind", "ols", "--output", str(out), "--png", str(png), "--bootstrap", "20"])
    assert got.exit_code == 0, got.output
    doc = json.loads(out.read_text())
    assert doc["n"] == 2000 and len(doc["drivers"]) == 4
    # The one shape the API returns too: details included unless asked not to be.
    assert doc["details"]["performance_measure"] == "share_negative" and "actions" in doc["details"]
    brief = runner.invoke(app, ["drivers", "--input", str(path), "--kpi", "nps", "--drivers", ",".join(THEME_NAMES[:4]),
                                "--kind", "ols", "--bootstrap", "0", "--no-details"])
    assert brief.exit_code == 0 and "details" not in json.loads(brief.stdout)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_cli_errors_are_clear(tmp_path, sample, monkeypatch):
    path = tmp_path / "respondents.csv"
    sample.responses.head(50).to_csv(path, index=False)
    runner = CliRunner()
    got = runner.invoke(app, ["drivers", "--input", str(path), "--kpi", "nps", "--drivers", "wait time,nope",
                              "--output", str(tmp_path / "x.json")])
    assert got.exit_code == 1 and "'nope'" in got.output
    monkeypatch.setenv("VOC_DATA_DIR", str(tmp_path / "empty-store"))
    got = runner.invoke(app, ["drivers", "--from-store", "--kpi", "nps"])
    assert got.exit_code == 1 and "no stored comment has a nps_index score" in got.output


def test_the_nps_index_kpi_averages_to_the_net_promoter_score():
    from voc_engine.drivers.store import nps_contribution

    # 10 answers: 4 promoters (9-10), 3 passives (7-8), 3 detractors (0-6): NPS = 40 % - 30 % = 10
    answers = pd.Series([10, 9, 9, 10, 7, 8, 8, 6, 0, 3])
    assert nps_contribution(answers).mean() == pytest.approx(10.0)
    assert nps_contribution(pd.Series([None, 9], dtype="Int64")).isna().tolist() == [True, False]


def test_the_priority_matrix_names_its_quadrants_and_no_two_labels_overlap(sample):
    import matplotlib.pyplot as plt

    from voc_engine.drivers.plot import QUADRANT_MARKERS, priority_matrix_figure

    res = analyse_drivers(sample.responses, "nps", list(THEMES), controls=["channel", "segment"], bootstrap=0)
    fig = priority_matrix_figure(res)
    ax = fig.axes[0]
    texts = {t.get_text(): t for t in ax.texts}
    assert {"FIX FIRST", "LEVERAGE", "MONITOR", "MAINTAIN"} <= set(texts)
    renderer = fig.canvas.get_renderer()
    boxes = [texts[name].get_window_extent(renderer) for name in res.table.index]
    overlaps = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:] if a.overlaps(b)]
    assert overlaps == []
    markers = {
        c.get_label(): tuple(np.round(c.get_paths()[0].vertices, 3).ravel()) for c in ax.collections if c.get_label()
    }
    assert len(set(markers.values())) == len(markers) == len(set(res.table["quadrant"]))  # one shape each
    assert set(QUADRANT_MARKERS) == {"fix_first", "leverage", "monitor", "maintain", "not_enough_evidence"}
    plt.close(fig)
