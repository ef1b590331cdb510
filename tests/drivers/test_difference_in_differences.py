"""Difference in differences for action plans: hand-computed values and statsmodels' formula API."""
from __future__ import annotations

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf
from scipy import stats

from voc_engine.drivers.actions import ActionPlan, difference_in_differences, evaluate_action
from voc_engine.drivers.design import DriverDataError


def test_estimate_and_textbook_interval_by_hand():
    # Cell means: affected 4 -> 8, comparison 4 -> 6: DiD = (8 - 4) - (6 - 4) = 2.
    values = [3, 5, 7, 9, 2, 4, 6, 5, 7]
    affected = [1, 1, 1, 1, 0, 0, 0, 0, 0]
    after = [0, 0, 1, 1, 0, 0, 0, 1, 1]
    did = difference_in_differences(values, affected, after, cov_type="nonrobust")
    assert did.estimate == pytest.approx(2.0, abs=1e-9)
    # Residual sum of squares 2 + 2 + 8 + 2 = 14 on 9 - 4 = 5 df; the interaction's variance is
    # sigma^2 (1/2 + 1/2 + 1/3 + 1/2).
    se = math.sqrt(14 / 5 * (1 / 2 + 1 / 2 + 1 / 3 + 1 / 2))
    assert did.std_error == pytest.approx(se, abs=1e-9)
    half = stats.t.ppf(0.975, 5) * se
    assert (did.ci_low, did.ci_high) == pytest.approx((2 - half, 2 + half), abs=1e-9)
    assert did.means == pytest.approx(
        {"affected_before": 4, "affected_after": 8, "comparison_before": 4, "comparison_after": 6}
    )
    assert did.counts == {"affected_before": 2, "affected_after": 2, "comparison_before": 3, "comparison_after": 2}


@pytest.mark.parametrize("cov_type", ["HC1", "nonrobust"])
def test_interval_matches_statsmodels_formula_with_interaction(cov_type):
    rng = np.random.default_rng(11)
    n = 600
    frame = pd.DataFrame({"affected": rng.integers(0, 2, n), "after": rng.integers(0, 2, n)})
    frame["y"] = (
        rng.normal(0, 1 + frame["affected"], n) + 0.5 * frame["after"] + 0.8 * frame["affected"] * frame["after"]
    )
    reference = smf.ols("y ~ affected * after", data=frame).fit(cov_type=cov_type)
    did = difference_in_differences(frame["y"], frame["affected"], frame["after"], confidence=0.9, cov_type=cov_type)
    low, high = reference.conf_int(alpha=0.1).loc["affected:after"]
    assert did.estimate == pytest.approx(reference.params["affected:after"], abs=1e-9)
    assert (did.ci_low, did.ci_high) == pytest.approx((low, high), abs=1e-9)
    assert did.p_value == pytest.approx(reference.pvalues["affected:after"], rel=1e-9)


def test_an_empty_cell_is_a_clear_error():
    with pytest.raises(DriverDataError, match="comparison after: 0"):
        difference_in_differences([1, 2, 3, 4, 5, 6], [1, 1, 1, 1, 0, 0], [0, 0, 1, 1, 0, 0])


def test_a_change_that_moved_everyone_is_taken_out():
    rng = np.random.default_rng(5)
    n = 4000
    dates = pd.Timestamp("2026-01-01") + pd.to_timedelta(rng.integers(0, 180, n), unit="D")
    touchpoint = rng.choice(["billing", "support"], n)
    after = dates >= pd.Timestamp("2026-04-01")
    # Everyone +2 after April (a season), billing +1 more (the action).
    nps = rng.normal(5, 2, n) + np.where(after, 2.0, 0.0) + np.where((touchpoint == "billing") & after, 1.0, 0.0)
    frame = pd.DataFrame({"date": dates, "touchpoint": touchpoint, "nps": nps})
    plan = ActionPlan("fix invoices", "billing", "touchpoint", "finance", dt.date(2026, 5, 1), 1000.0,
                      status="done", completed_on=dt.date(2026, 4, 1))
    ev = evaluate_action(frame, "nps", "date", plan=plan)
    assert ev.ci_low > 2.0  # before vs after alone takes the season for the action
    assert abs(ev.did.estimate - 1.0) < 4 * ev.did.std_error  # the action's own +1
    assert ev.did.ci_high < 2.0
    assert "not a causal estimate" in ev.summary()
    assert ev.to_dict()["difference_in_differences"]["estimate"] == pytest.approx(ev.did.estimate)


def test_without_unaffected_answers_it_says_there_is_no_comparison():
    frame = pd.DataFrame({"date": pd.date_range("2026-01-01", periods=40, freq="D"), "nps": np.arange(40) % 11})
    ev = evaluate_action(frame, "nps", "date", action_date="2026-01-20")
    assert ev.did is None
    assert any("no comparison group" in w for w in ev.warnings)
