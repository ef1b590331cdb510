"""Driver columns from enrichments, churn value, action evaluation, scorecard."""
from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

from voc_engine.drivers import (
    ActionPlan,
    DriverDataError,
    action_roi,
    driver_frame_from_enrichments,
    evaluate_action,
    fit_churn_model,
    touchpoint_scorecard,
)
from voc_engine.drivers.actions import welch_interval
from voc_engine.drivers.synthetic import THEMES, make_driver_sample
from voc_engine.schema import TagResult


def test_driver_frame_from_enrichments():
    comments = pd.DataFrame(
        {
            "nps": [3, 9, 6, 10],
            "customer_id": ["a", "b", "c", "d"],
            "tags": [
                [{"name": "billing", "sentiment": "negative"}, {"name": "staff", "sentiment": "positive"}],
                [TagResult(name="staff", confidence=0.9, sentiment="positive")],
                json.dumps([{"name": "billing", "sentiment": None}, {"name": "billing", "sentiment": "positive"}]),
                [],
            ],
        }
    )
    out = driver_frame_from_enrichments(comments)
    assert out["billing"].tolist() == [1, 0, 1, 0]
    assert out["billing:negative"].tolist() == [1, 0, 0, 0]
    assert out["staff"].tolist() == [1, 1, 0, 0]
    assert out["staff:negative"].tolist() == [0, 0, 0, 0]
    assert list(out.columns[:2]) == ["nps", "customer_id"] and "tags" not in out.columns

    unknown = driver_frame_from_enrichments(comments.assign(tags=[[{"name": "x", "sentiment": None}]] * 4))
    assert unknown["x:negative"].isna().all()
    zero = driver_frame_from_enrichments(
        comments.assign(tags=[[{"name": "x", "sentiment": None}]] * 4), unknown_sentiment="not_negative"
    )
    assert zero["x:negative"].tolist() == [0, 0, 0, 0]
    kept = driver_frame_from_enrichments(comments, tags=["staff", "never"], min_mentions=1)
    assert "billing" not in kept.columns and kept["never"].sum() == 0


def test_driver_frame_rejects_bad_tags():
    with pytest.raises(DriverDataError) as err:
        driver_frame_from_enrichments(pd.DataFrame({"tags": [[{"sentiment": "negative"}]]}))
    assert err.value.column == "tags" and err.value.row == 0
    with pytest.raises(DriverDataError):
        driver_frame_from_enrichments(pd.DataFrame({"nps": [1]}))
    with pytest.raises(DriverDataError) as err:
        driver_frame_from_enrichments(pd.DataFrame({"nps": [1], "tags": [[{"name": "nps"}]]}))
    assert err.value.column == "nps"


def test_action_roi_arithmetic():
    roi = action_roi(customers_saved=12.5, value_per_customer=2000.0, investment=10000.0)
    assert roi.value == 25000.0 and roi.net_value == 15000.0 and roi.roi == pytest.approx(1.5)
    with pytest.raises(DriverDataError):
        action_roi(1, 1, -5)


def test_value_of_one_nps_point_from_the_churn_logit():
    rng = np.random.default_rng(0)
    n = 3000
    customers = pd.DataFrame(
        {"customer_id": np.arange(n), "nps": rng.integers(0, 11, n), "revenue": rng.uniform(100, 1000, n)}
    )
    p = 1 / (1 + np.exp(-(0.5 - 0.4 * customers["nps"])))
    customers["churned"] = (rng.random(n) < p).astype(int)
    model = fit_churn_model(customers)
    ref = sm.Logit(customers["churned"], sm.add_constant(customers["nps"].astype(float))).fit(disp=0)
    assert model.table.loc["nps", "coef"] == pytest.approx(ref.params["nps"], rel=1e-6)
    assert model.table.loc["nps", "ci_low"] < -0.4 < model.table.loc["nps", "ci_high"]

    def churn(score):
        return 1 / (1 + np.exp(-(ref.params["const"] + ref.params["nps"] * score)))

    shifted = np.minimum(customers["nps"] + 1, 10)
    delta = churn(customers["nps"]) - churn(shifted)
    point = model.value_of_nps_point()
    assert point["customers_saved"] == pytest.approx(delta.sum(), rel=1e-6)
    assert point["value"] == pytest.approx((delta * customers["revenue"]).sum(), rel=1e-6)
    roi = model.action_plan_roi(nps_lift=1.0, investment=10000.0)
    assert roi.value == pytest.approx(point["value"], rel=1e-9)
    assert roi.net_value == pytest.approx(point["value"] - 10000.0, rel=1e-9)


def test_churn_model_averages_responses_per_customer():
    sample = make_driver_sample(1500, seed=1)
    model = fit_churn_model(sample.customers, sample.responses)
    answered = sample.responses["customer_id"].nunique()
    assert model.n == answered
    assert model.table.loc["nps", "odds_ratio"] < 1  # happier customers churn less
    assert any("without survey answers" in w for w in model.warnings) or answered == len(sample.customers)


def test_welch_interval_matches_the_textbook_formula():
    from scipy import stats

    rng = np.random.default_rng(2)
    before, after = rng.normal(6, 2, 40), rng.normal(7, 3, 25)
    diff, low, high, p, df = welch_interval(after, before)
    va, vb = after.var(ddof=1) / 25, before.var(ddof=1) / 40
    se = np.sqrt(va + vb)
    nu = (va + vb) ** 2 / (va**2 / 24 + vb**2 / 39)
    t = stats.t.ppf(0.975, nu)
    assert diff == pytest.approx(after.mean() - before.mean())
    assert df == pytest.approx(nu)
    assert (low, high) == pytest.approx((diff - t * se, diff + t * se))
    assert p == pytest.approx(2 * stats.t.sf(abs(diff / se), nu))


def test_evaluate_touchpoint_action_finds_the_change():
    rng = np.random.default_rng(3)
    n = 2000
    dates = pd.Timestamp("2026-01-01") + pd.to_timedelta(rng.integers(0, 200, n), unit="D")
    touchpoint = rng.choice(["billing", "support"], n)
    after = dates >= pd.Timestamp("2026-04-01")
    nps = rng.normal(6, 2, n) + np.where((touchpoint == "billing") & after, 1.0, 0.0)
    df = pd.DataFrame({"date": dates, "touchpoint": touchpoint, "nps": nps, "customer_id": np.arange(n)})
    plan = ActionPlan("fix invoices", "billing", "touchpoint", "finance", dt.date(2026, 5, 1), 5000.0,
                      status="done", completed_on=dt.date(2026, 4, 1))
    ev = evaluate_action(df, "nps", "date", plan=plan, value_per_point=10.0)
    billing = df[df["touchpoint"] == "billing"]
    assert ev.n_before + ev.n_after == len(billing)
    assert ev.ci_low < 1.0 < ev.ci_high and ev.ci_low > 0
    n_customers = billing["customer_id"].nunique()
    # support is the comparison group: the value is of the difference in differences
    assert ev.did is not None and ev.did.ci_low < 1.0 < ev.did.ci_high
    assert ev.value == pytest.approx(ev.did.estimate * 10.0 * n_customers)
    assert ev.roi == pytest.approx((ev.value - 5000.0) / 5000.0)
    json.dumps(ev.to_dict())
    with pytest.raises(DriverDataError):
        ActionPlan("x", "billing", "touchpoint", "me", dt.date(2026, 1, 1), 1.0, status="done")


@pytest.fixture(scope="module")
def scorecard_sample():
    return make_driver_sample(3000, seed=4).responses


def test_scorecard_counts_means_and_effects(scorecard_sample, tmp_path):
    df = scorecard_sample
    drivers = list(THEMES)[:6]
    card = touchpoint_scorecard(df, "nps", drivers, controls=["channel"])
    table = card.to_frame()
    counts = df["touchpoint"].value_counts()
    assert table["volume"].to_dict() == counts.to_dict()
    np.testing.assert_allclose(table["mean_kpi"], df.groupby("touchpoint")["nps"].mean().reindex(table.index))
    customers = df.groupby("touchpoint")["customer_id"].nunique() / df["customer_id"].nunique()
    np.testing.assert_allclose(table["share_of_customers"], customers.reindex(table.index))
    # effects are deviations from the volume-weighted average touchpoint
    assert (table["effect"] * table["share_of_rows"]).sum() == pytest.approx(0.0, abs=1e-10)
    assert (table["effect_ci_low"] < table["effect"]).all()
    assert all(len(top) == 3 and set(top) <= set(drivers) for top in table["top_drivers"])
    json.dumps(card.to_dict())
    assert card.plot(tmp_path / "card.svg").read_text().lstrip().startswith("<?xml")


def test_driver_demo_writes_matrix_scorecard_and_json(tmp_path):
    from voc_engine.drivers.demo import driver_demo

    text = driver_demo(tmp_path, n=1500, bootstrap=10)
    assert "Action list" in text and "Touchpoint scorecard" in text and "Churn model" in text
    assert (tmp_path / "priority_matrix.png").read_bytes()[:4] == b"\x89PNG"
    assert (tmp_path / "scorecard.png").read_bytes()[:4] == b"\x89PNG"
    doc = json.loads((tmp_path / "drivers.json").read_text())
    assert doc["kpi"] == "nps" and len(doc["drivers"]) == len(THEMES)
