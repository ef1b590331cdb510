"""Control limits against published worked examples (Montgomery; NIST/SEMATECH e-Handbook).

Expected numbers are the ones printed in the sources; where a source prints
fewer decimals, a second assertion recomputes the textbook formula by hand.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from voc_engine.spc.charts import PChart, UChart, XbarSChart, XmRChart, a3, b3, b4, c4

# Montgomery, Introduction to SQC, Example 7.1 (orange-juice cans): nonconforming
# cans in 30 samples of n = 50.
ORANGE_JUICE = [12, 15, 8, 10, 4, 7, 16, 9, 14, 10, 5, 6, 17, 12, 22,
                8, 10, 5, 13, 11, 20, 18, 24, 15, 9, 12, 7, 13, 9, 6]

# Montgomery, nonconformities in 20 samples of 5 personal computers (u chart example).
COMPUTERS = [10, 12, 8, 14, 10, 16, 11, 7, 10, 15, 9, 5, 7, 11, 12, 6, 8, 10, 7, 5]

# NIST/SEMATECH e-Handbook 6.3.2.2 (individuals control chart example).
NIST_INDIVIDUALS = [49.6, 47.6, 49.9, 51.3, 47.8, 51.2, 52.6, 52.4, 53.6, 52.1]

# Montgomery & Runger, Applied Statistics and Probability for Engineers,
# Table 16-3: chemical process concentration.
CONCENTRATION = [102.0, 94.8, 98.3, 98.4, 102.0, 98.5, 99.0, 97.7, 100.0, 98.1,
                 101.3, 98.7, 101.1, 98.4, 97.0, 96.7, 100.3, 101.4, 97.2, 101.0]


def _p_series() -> pd.DataFrame:
    return pd.DataFrame({"period": [str(i + 1) for i in range(30)], "count": ORANGE_JUICE, "size": 50})


def test_p_chart_orange_juice_trial_limits():
    result = PChart(rules=["nelson-1"]).fit_evaluate(_p_series())
    assert round(result.center, 4) == 0.2313
    assert round(result.points["ucl"].iloc[0], 4) == 0.4102
    assert round(result.points["lcl"].iloc[0], 4) == 0.0524
    beyond = [s.period for s in result.signals() if s.rule == "nelson-1"]
    assert beyond == ["15", "23"]


def test_p_chart_orange_juice_revised_after_assignable_causes():
    # Montgomery drops samples 15 and 23 (assignable causes) and recomputes:
    # p-bar = 0.2150, UCL = 0.3893, LCL = 0.0407; sample 21 then plots above the UCL.
    series = _p_series()
    result = PChart(rules=["nelson-1"]).fit(series, exclude=["15", "23"]).evaluate(series)
    assert round(result.center, 4) == 0.2150
    assert round(result.points["ucl"].iloc[0], 4) == 0.3893
    assert round(result.points["lcl"].iloc[0], 4) == 0.0407
    assert result.excluded_periods == ("15", "23")
    assert [s.period for s in result.signals()] == ["15", "21", "23"]


def test_p_chart_revision_by_dropping_out_of_control_points():
    # automatic revision drops 15 and 23, then 21 (beyond the revised UCL)
    p_bar = (sum(ORANGE_JUICE) - 22 - 24 - 20) / (27 * 50)
    result = PChart().fit(_p_series(), drop_out_of_control=True).evaluate(_p_series())
    assert set(result.excluded_periods) == {"15", "21", "23"}
    assert result.center == pytest.approx(p_bar, abs=1e-12)


def test_u_chart_personal_computers():
    series = pd.DataFrame({"count": COMPUTERS, "size": 5})
    result = UChart().fit_evaluate(series)
    assert round(result.center, 2) == 1.93
    assert round(result.points["ucl"].iloc[0], 2) == 3.79
    assert round(result.points["lcl"].iloc[0], 2) == 0.07
    # formula by hand: u-bar +- 3 sqrt(u-bar / n)
    assert result.points["ucl"].iloc[0] == pytest.approx(1.93 + 3 * math.sqrt(1.93 / 5), abs=1e-12)
    assert result.signals() == []


def test_xmr_nist_individuals_example():
    result = XmRChart().fit_evaluate(pd.DataFrame({"value": NIST_INDIVIDUALS}))
    mr = result.lower
    assert result.center == pytest.approx(50.81, abs=1e-9)
    assert round(mr["center"].iloc[0], 4) == 1.8778
    assert round(result.points["ucl"].iloc[0], 2) == 55.80
    assert round(result.points["lcl"].iloc[0], 2) == 45.82
    assert round(mr["ucl"].iloc[0], 2) == 6.13
    assert mr["lcl"].iloc[0] == 0.0
    assert np.isnan(mr["value"].iloc[0])
    assert mr["value"].iloc[1:].round(1).tolist() == [2.0, 2.3, 1.4, 3.5, 3.4, 1.4, 0.2, 1.2, 1.5]
    mr_bar = 16.9 / 9
    assert result.points["ucl"].iloc[0] == pytest.approx(50.81 + 3 * mr_bar / 1.128, abs=1e-9)
    assert mr["ucl"].iloc[0] == pytest.approx(3.267 * mr_bar, abs=1e-9)


def test_xmr_concentration_example():
    result = XmRChart().fit_evaluate(pd.DataFrame({"value": CONCENTRATION}))
    assert round(result.center, 1) == 99.1
    assert round(result.lower["center"].iloc[0], 2) == 2.59
    # the book rounds x-bar and MR-bar before computing the limits (105.99 / 92.21)
    assert result.points["ucl"].iloc[0] == pytest.approx(105.99, abs=0.01)
    assert result.points["lcl"].iloc[0] == pytest.approx(92.21, abs=0.01)
    assert result.signals() == []


@pytest.mark.parametrize(
    "n, c4_, a3_, b3_, b4_",
    [
        (2, 0.7979, 2.659, 0.000, 3.267),
        (3, 0.8862, 1.954, 0.000, 2.568),
        (4, 0.9213, 1.628, 0.000, 2.266),
        (5, 0.9400, 1.427, 0.000, 2.089),
        (6, 0.9515, 1.287, 0.030, 1.970),
        (7, 0.9594, 1.182, 0.118, 1.882),
        (8, 0.9650, 1.099, 0.185, 1.815),
        (10, 0.9727, 0.975, 0.284, 1.716),
        (25, 0.9896, 0.606, 0.565, 1.435),
    ],
)
def test_xbar_s_constants_match_the_printed_table(n, c4_, a3_, b3_, b4_):
    assert round(c4(n), 4) == c4_
    assert round(a3(n), 3) == a3_
    assert round(b3(n), 3) == b3_
    assert round(b4(n), 3) == b4_


def test_xbar_s_constant_n_uses_table_factors():
    rng = np.random.default_rng(7)
    samples = rng.normal(74.0, 0.01, size=(25, 5))  # the piston-ring setting: 25 samples of 5
    series = pd.DataFrame({"value": samples.mean(axis=1), "size": 5, "std": samples.std(axis=1, ddof=1)})
    result = XbarSChart().fit_evaluate(series)
    x_bar, s_bar = samples.mean(), samples.std(axis=1, ddof=1).mean()
    assert result.center == pytest.approx(x_bar, abs=1e-12)
    # the printed 3-decimal factors (A3 = 1.427, B4 = 2.089) agree to their rounding
    assert result.points["ucl"].iloc[0] == pytest.approx(x_bar + 1.427 * s_bar, abs=5e-4 * s_bar)
    assert result.lower["ucl"].iloc[0] == pytest.approx(2.089 * s_bar, abs=5e-4 * s_bar)
    assert result.lower["lcl"].iloc[0] == 0.0
    assert result.lower["center"].iloc[0] == pytest.approx(s_bar, abs=1e-12)


def test_xbar_s_variable_n_follows_montgomery_pooled_recipe():
    rng = np.random.default_rng(3)
    sizes = [3, 5, 8, 4, 6, 10, 5, 7]
    groups = [rng.normal(4.0, 0.8, size=n) for n in sizes]
    series = pd.DataFrame(
        {"value": [g.mean() for g in groups], "size": sizes, "std": [g.std(ddof=1) for g in groups]}
    )
    result = XbarSChart().fit_evaluate(series)
    # by hand: weighted grand mean, pooled s-bar, per-point A3(n_i) from c4 via math.gamma
    n = np.array(sizes, dtype=float)
    s = series["std"].to_numpy()
    grand = (n * series["value"]).sum() / n.sum()
    s_bar = math.sqrt(((n - 1) * s**2).sum() / (n.sum() - len(n)))
    c4_hand = np.array([math.sqrt(2 / (k - 1)) * math.gamma(k / 2) / math.gamma((k - 1) / 2) for k in sizes])
    a3_hand = 3 / (c4_hand * np.sqrt(n))
    np.testing.assert_allclose(result.points["ucl"], grand + a3_hand * s_bar, rtol=1e-12)
    np.testing.assert_allclose(result.points["lcl"], grand - a3_hand * s_bar, rtol=1e-12)
    b4_hand = 1 + 3 * np.sqrt(1 - c4_hand**2) / c4_hand
    np.testing.assert_allclose(result.lower["ucl"], b4_hand * s_bar, rtol=1e-12)
