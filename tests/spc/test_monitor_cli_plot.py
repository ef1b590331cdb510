"""One chart per group, the `voc spc` contract, and the pictures."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import typer
from typer.testing import CliRunner

from voc_engine.spc.charts import SeriesError, XmRChart
from voc_engine.spc.cli import spc_command
from voc_engine.spc.monitor import charts_for_comments, charts_for_series
from voc_engine.spc.plot import chart_image, plot_chart

ORANGE_JUICE = [12, 15, 8, 10, 4, 7, 16, 9, 14, 10, 5, 6, 17, 12, 22,
                8, 10, 5, 13, 11, 20, 18, 24, 15, 9, 12, 7, 13, 9, 6]


def _comments_with_a_bad_week() -> pd.DataFrame:
    """Two touchpoints, 30 weeks, 10% negative; 'checkout' goes to 40% negative in week 25."""
    rows = []
    start = pd.Timestamp("2025-12-29T12:00Z")  # Monday of ISO week 2026-W01
    for week in range(30):
        for touchpoint in ("checkout", "delivery"):
            negatives = 40 if (touchpoint == "checkout" and week == 24) else 10
            for i in range(100):
                rows.append(
                    {
                        "created_at": start + pd.Timedelta(weeks=week, minutes=i),
                        "touchpoint": touchpoint,
                        "sentiment_label": "negative" if i < negatives else "positive",
                    }
                )
    return pd.DataFrame(rows)


def test_charts_for_comments_gives_one_keyed_chart_per_group():
    # rule 1 only: the constant 10% weeks would (rightly) trip nelson-7, 15 points hugging the centre
    results = charts_for_comments(
        _comments_with_a_bad_week(), "negative_rate", by="touchpoint", chart="p", rules=["nelson-1"]
    )
    assert [r.key for r in results] == [{"touchpoint": "checkout"}, {"touchpoint": "delivery"}]
    checkout, delivery = results
    assert delivery.signals() == []
    assert [(s.period, s.rule) for s in checkout.signals()] == [("2026-W25", "nelson-1")]
    signal = checkout.signals()[0]
    assert signal.chart_key == "negative_rate[touchpoint=checkout]"
    assert signal.value == pytest.approx(0.4)
    assert results.signals() == checkout.signals()
    document = checkout.to_dict()
    assert document["key"] == {"touchpoint": "checkout"} and document["metric"] == "negative_rate"


def test_chart_set_carries_its_question_and_answers_group_and_latest_queries():
    comments = _comments_with_a_bad_week()
    charts = charts_for_comments(comments, "negative_rate", by="touchpoint", chart="p", rules=["nelson-1"])
    document = charts.to_dict()
    assert {k: document[k] for k in ("metric", "by", "period", "tz", "tag")} == {
        "metric": "negative_rate", "by": "touchpoint", "period": "week", "tz": "UTC", "tag": None}
    assert [c["key"] for c in document["charts"]] == [{"touchpoint": "checkout"}, {"touchpoint": "delivery"}]
    assert [c.key for c in charts.for_group("delivery")] == [{"touchpoint": "delivery"}]
    assert len(charts.for_group("nowhere")) == 0
    # the spike is in week 25 of 30: a signal, but not one of the latest period
    assert [s.period for s in charts.signals()] == ["2026-W25"]
    assert charts.signals(latest=True) == []
    upto_spike = comments[comments["created_at"] < pd.Timestamp("2026-06-22T00:00Z")]
    now = charts_for_comments(upto_spike, "negative_rate", by="touchpoint", chart="p", rules=["nelson-1"])
    assert [s.period for s in now.signals(latest=True)] == ["2026-W25"]
    assert now.signals_to_dict(latest=True)["signals"][0]["chart_key"] == "negative_rate[touchpoint=checkout]"


def test_phase_two_uses_frozen_limits():
    results = charts_for_comments(
        _comments_with_a_bad_week(), "negative_rate", by="touchpoint", chart="p", baseline=20, rules="nelson"
    )
    checkout = results[0]
    assert checkout.points["baseline"].sum() == 20
    # the week-25 spike is outside the baseline, so the centre stays at the baseline's 10%
    assert checkout.center == pytest.approx(0.10)
    assert ("2026-W25", "nelson-1") in [(s.period, s.rule) for s in checkout.signals()]


def test_charts_for_series_needs_a_chart_name_without_metric():
    with pytest.raises(SeriesError, match="chart"):
        charts_for_series(pd.DataFrame({"value": [1.0, 2.0]}))


def test_result_frame_and_summary():
    series = pd.DataFrame({"period": [f"w{i}" for i in range(30)], "count": ORANGE_JUICE, "size": 50})
    from voc_engine.spc.charts import PChart

    result = PChart(rules="western-electric").fit_evaluate(series)
    frame = result.to_frame()
    assert {"period", "value", "center", "lcl", "ucl", "z", "signals"} <= set(frame.columns)
    assert frame.loc[14, "signals"] == ["we-1"]
    text = result.summary()
    assert "we-1" in text and "w14" in text


# --- CLI ---

def _app() -> typer.Typer:
    app = typer.Typer()
    app.command("spc")(spc_command)
    app.command("other")(lambda: None)  # keeps `spc` a sub-command, as in the real app
    return app


def _oj_csv(tmp_path) -> str:
    path = tmp_path / "oj.csv"
    lines = ["week,bad,n"] + [f"2026-W{i + 1:02d},{x},50" for i, x in enumerate(ORANGE_JUICE)]
    path.write_text("\n".join(lines) + "\n")
    return str(path)


def test_cli_p_chart_contract(tmp_path):
    out, png, svg = tmp_path / "chart.json", tmp_path / "chart.png", tmp_path / "chart.svg"
    result = CliRunner().invoke(
        _app(),
        ["spc", "--input", _oj_csv(tmp_path), "--chart", "p", "--period-col", "week", "--count-col", "bad",
         "--size-col", "n", "--rules", "nelson", "--output", str(out), "--png", str(png), "--svg", str(svg)],
    )
    assert result.exit_code == 0, result.output
    document = json.loads(out.read_text())
    assert document["chart"] == "p" and document["sigma_z"] is None
    assert round(document["center"], 4) == 0.2313
    point = document["points"][14]
    assert set(point) == {"period", "value", "center", "lcl", "ucl", "signals"}
    assert point["period"] == "2026-W15" and point["value"] == 0.44 and "nelson-1" in point["signals"]
    assert round(point["ucl"], 4) == 0.4102
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "<svg" in svg.read_text()[:500]


def test_cli_laney_and_xmr(tmp_path):
    csv = _oj_csv(tmp_path)
    out = tmp_path / "laney.json"
    run = CliRunner().invoke(_app(), ["spc", "--input", csv, "--chart", "laney-p", "--count-col", "bad",
                                      "--size-col", "n", "--period-col", "week", "--output", str(out)])
    assert run.exit_code == 0, run.output
    assert json.loads(out.read_text())["sigma_z"] > 1
    run = CliRunner().invoke(_app(), ["spc", "--input", csv, "--chart", "xmr", "--value-col", "bad",
                                      "--baseline", "20", "--rules", "western-electric"])
    assert run.exit_code == 0, run.output
    document = json.loads(run.output)
    assert len(document["mr_points"]) == 30 and document["mr_points"][0]["value"] is None
    assert document["points"][0]["period"] == "1"  # no "period" column and no --period-col: row numbers
    assert document["rules"] == ["we-1", "we-2", "we-3", "we-4"]


def test_cli_jsonl_input_and_row_numbers(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text("".join(json.dumps({"v": v}) + "\n" for v in [49.6, 47.6, 49.9, 51.3, 47.8]))
    run = CliRunner().invoke(_app(), ["spc", "--input", str(path), "--chart", "xmr", "--value-col", "v"])
    assert run.exit_code == 0, run.output
    assert [p["period"] for p in json.loads(run.output)["points"]] == ["1", "2", "3", "4", "5"]


def test_cli_errors_are_clear(tmp_path):
    csv = _oj_csv(tmp_path)
    run = CliRunner().invoke(_app(), ["spc", "--chart", "p"])
    assert run.exit_code == 2 and "--input" in run.output and "--metric" in run.output  # the command line
    run = CliRunner().invoke(_app(), ["spc", "--input", csv, "--chart", "p", "--count-col", "nope"])
    assert run.exit_code == 1 and "'nope'" in run.output
    bad = tmp_path / "bad.csv"
    bad.write_text("period,count,size\nA,3,50\nB,x,50\nC,60,50\n")
    run = CliRunner().invoke(_app(), ["spc", "--input", str(bad), "--chart", "p"])
    assert run.exit_code == 1 and "row 1" in run.output and "'count'" in run.output
    bad.write_text("period,count,size\nA,3,50\nB,60,50\n")
    run = CliRunner().invoke(_app(), ["spc", "--input", str(bad), "--chart", "p"])
    assert run.exit_code == 1 and "row 1" in run.output


# --- pictures ---

def test_plot_marks_signals_and_steps_limits():
    rng = np.random.default_rng(0)
    size = rng.integers(100, 1000, 20)
    count = rng.binomial(size, 0.1)
    count[12] = int(size[12] * 0.3)
    from voc_engine.spc.charts import PChart

    result = PChart().fit_evaluate(pd.DataFrame({"count": count, "size": size}))
    figure = plot_chart(result)
    axes = figure.axes[0]
    texts = [t.get_text() for t in axes.texts]
    assert any("1 point beyond 3 sigma" in t for t in texts)  # the rule in words
    ucl_line = [line for line in axes.get_lines() if line.get_label() == "control limits (3 sigma)"][0]
    assert len(set(np.round(ucl_line.get_ydata(), 9))) > 1  # stepped: one level per n
    svg = chart_image(result, "svg").decode()
    assert "1 point beyond 3 sigma" in svg


def test_xmr_picture_has_moving_range_panel():
    series = pd.DataFrame({"value": [49.6, 47.6, 49.9, 51.3, 47.8, 51.2, 52.6, 52.4, 53.6, 52.1]})
    figure = plot_chart(XmRChart().fit_evaluate(series))
    assert len(figure.axes) == 2
    assert figure.axes[1].get_ylabel() == "moving range"


def test_groups_without_data_are_skipped_but_bad_requests_raise():
    comments = _comments_with_a_bad_week()
    # a touchpoint whose comments were never scored: no p chart can be drawn for it
    unscored = comments[comments["touchpoint"] == "delivery"].assign(touchpoint="kiosk", sentiment_label=None)
    results = charts_for_comments(pd.concat([comments, unscored]), "negative_rate", by="touchpoint", chart="p")
    assert [r.key["touchpoint"] for r in results] == ["checkout", "delivery"]
    with pytest.raises(SeriesError, match="2026-W99"):
        charts_for_comments(comments, "negative_rate", by="touchpoint", chart="p", exclude=["2026-W99"])


def test_default_chart_is_laney_only_when_periods_are_large():
    from voc_engine.spc.series import default_chart

    small = pd.DataFrame({"size": [20, 30, 0, 25], "comments": [20, 30, 0, 25]})
    large = pd.DataFrame({"size": [800, 1200, 950], "comments": [800, 1200, 950]})
    assert default_chart("negative_rate", small) == "p"
    assert default_chart("negative_rate", large) == "laney-p"
    per_hundred = pd.DataFrame({"size": [8.0, 12.0], "comments": [800, 1200]})  # tag_rate: size in hundreds
    assert default_chart("tag_rate", per_hundred) == "laney-u"
    assert default_chart("tag_rate", per_hundred.assign(comments=[40, 60])) == "u"
    assert default_chart("nps", small) == "xmr" and default_chart("csat_mean", small) == "xbar-s"


def test_zero_centre_line_flags_the_first_mention_and_nothing_else():
    from voc_engine.spc.charts import LaneyUChart

    series = pd.DataFrame({"period": [f"w{i}" for i in range(25)], "count": [0] * 24 + [3], "size": 10.0})
    result = LaneyUChart(rules="nelson").fit(series, baseline=20).evaluate(series)
    assert result.center == 0 and result.sigma_z == 1.0
    assert [(s.period, s.rule) for s in result.signals()] == [("w24", "nelson-1")]


def test_constant_series_has_no_signals_until_it_moves():
    series = pd.DataFrame({"value": [5.0] * 20 + [6.0]})
    result = XmRChart(rules="nelson").fit(series, baseline=20).evaluate(series)
    assert [s.rule for s in result.signals() if s.series == "value"] == ["nelson-1"]
    assert result.signals()[0].period == "21"


def test_cli_xbar_s_from_respondent_rows(tmp_path):
    groups = {"W1": [4, 5, 3, 4, 4], "W2": [5, 5, 4, 3, 5], "W3": [2, 3, 4, 3, 3], "W4": [4, 4, 5, 5, 4]}
    path = tmp_path / "csat.csv"
    path.write_text("week,csat\n" + "".join(f"{w},{v}\n" for w, vs in groups.items() for v in vs))
    run = CliRunner().invoke(_app(), ["spc", "--input", str(path), "--chart", "xbar-s", "--period-col", "week",
                                      "--value-col", "csat"])
    assert run.exit_code == 0, run.output
    document = json.loads(run.output)
    means = [np.mean(v) for v in groups.values()]
    sds = [np.std(v, ddof=1) for v in groups.values()]
    s_bar = np.mean(sds)  # equal n = 5: s-bar is the mean of the s_i; A3 = 1.427, B4 = 2.089 (table)
    assert document["center"] == pytest.approx(np.mean(means))
    assert [p["value"] for p in document["points"]] == pytest.approx(means)
    assert document["points"][0]["ucl"] == pytest.approx(np.mean(means) + 1.427 * s_bar, abs=1e-3)
    assert [p["value"] for p in document["s_points"]] == pytest.approx(sds)
    assert document["s_points"][0]["ucl"] == pytest.approx(2.089 * s_bar, abs=1e-3)


def test_a_chart_reads_in_words_with_a_legend_and_no_line_into_empty_weeks():
    comments = _comments_with_a_bad_week()
    # two empty weeks, W08-W09
    comments = comments[~((comments["created_at"] >= pd.Timestamp("2026-02-16T00:00Z"))
                          & (comments["created_at"] < pd.Timestamp("2026-03-02T00:00Z")))]
    checkout = charts_for_comments(comments, "negative_rate", by="touchpoint", chart="p", rules=["nelson-1"])[0]
    figure = plot_chart(checkout)
    axes = figure.axes[0]
    assert axes.get_title(loc="left") == "Share of negative comments - Checkout touchpoint, weekly p-chart - 1 signal"
    assert axes.get_ylabel() == "share of comments that are negative" and axes.get_xlabel() == "Week (ISO)"
    legend = [t.get_text() for t in axes.get_legend().get_texts()]
    assert {"centre line", "control limits (3 sigma)", "zone within 1 sigma", "signal (rule broken)"} <= set(legend)
    empty = checkout.points["value"].isna().to_numpy()
    assert empty.sum() == 2
    centre = next(line for line in axes.get_lines() if line.get_label() == "centre line")
    assert np.isnan(centre.get_ydata()[empty]).all() and np.isfinite(centre.get_ydata()[~empty]).all()


def test_store_mode_names_one_picture_per_group_and_says_so(tmp_path):
    import contextlib
    import io

    from voc_engine.spc.cli import _write_outputs

    results = charts_for_comments(_comments_with_a_bad_week(), "negative_rate", by="touchpoint", chart="p")
    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        _write_outputs(results, {}, tmp_path / "out.json", tmp_path / "chart.png", None)
    assert sorted(p.name for p in tmp_path.glob("chart-*.png")) == ["chart-checkout.png", "chart-delivery.png"]
    assert "named chart-<group>.png" in stderr.getvalue()
