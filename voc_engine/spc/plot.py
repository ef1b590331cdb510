"""Control chart pictures (PNG, SVG) drawn with matplotlib's object API.

No pyplot: figures are built on their own canvas so that the API can draw
from several threads and nothing needs a display.
"""
from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from voc_engine.errors import VocError
from voc_engine.spc.charts import ControlChartResult
from voc_engine.spc.rules import NELSON, WESTERN_ELECTRIC

IMAGE_FORMATS = ("png", "svg")
_LOWER_TITLES = {"mr": "moving range", "s": "standard deviation"}
_SIGNAL_COLOUR = "#d62728"
_LINE_COLOUR = "#1f4e79"

# What a manager reads: (title, axis title) per metric, chart names in words, rules in words.
METRIC_WORDS: dict[str, tuple[str, str]] = {
    "negative_rate": ("Share of negative comments", "share of comments that are negative"),
    "detractor_rate": ("Share of detractors (NPS 0-6)", "share of NPS answers 0-6"),
    "nps_index": ("Net Promoter Score", "NPS (-100 to 100)"),
    "csat_mean": ("Mean CSAT", "mean CSAT (1-5)"),
    "tag_rate": ("Mentions per 100 comments", "mentions per 100 comments"),
    "volume": ("Number of comments", "comments"),
}
CHART_WORDS: dict[str, str] = {
    "p": "p-chart",
    "laney-p": "Laney p'-chart",
    "u": "u-chart",
    "laney-u": "Laney u'-chart",
    "c": "c-chart",
    "xmr": "XmR chart",
    "xbar-s": "X-bar and S chart",
}
RULE_WORDS: dict[str, str] = {rule.name: rule.description for rule in (*WESTERN_ELECTRIC, *NELSON)}
_PERIOD_WORDS = {"week": ("weekly", "week (ISO)"), "day": ("daily", "day"), "month": ("monthly", "month"), None: ("", "period")}


def plot_chart(result: ControlChartResult, title: str | None = None) -> Figure:
    """A figure with the chart (and its MR or S chart below, when it has one)."""
    has_lower = result.lower is not None
    figure = Figure(figsize=(11, 6.5 if has_lower else 4.5), layout="constrained")
    FigureCanvasAgg(figure)
    if has_lower:
        upper_axes, lower_axes = figure.subplots(2, 1, sharex=True, height_ratios=[2.2, 1])
    else:
        upper_axes, lower_axes = figure.subplots(1, 1), None
    points = result.points
    x = np.arange(len(points))

    _draw_zones(upper_axes, x, points)
    _draw_limits(upper_axes, x, points)
    _draw_values(upper_axes, x, points)
    _mark_excluded(upper_axes, x, points)
    _mark_baseline_end(upper_axes, points, lower_axes)
    heading = title or _default_title(result)
    upper_axes.set_title(heading, loc="left", fontsize=11)
    upper_axes.set_ylabel(METRIC_WORDS.get(result.metric or "", ("", result.metric or "value"))[1])
    upper_axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)

    if lower_axes is not None and result.lower is not None:
        lower = result.lower
        _draw_limits(lower_axes, x, lower)
        _draw_values(lower_axes, x, lower)
        lower_axes.set_ylabel(_LOWER_TITLES.get(result.lower_name or "", "lower chart"))
    bottom = lower_axes if lower_axes is not None else upper_axes
    labels = points["period"].astype(str).tolist()
    _label_periods(bottom, labels)
    axis_title = _PERIOD_WORDS[period_of(labels)][1]
    bottom.set_xlabel(axis_title[:1].upper() + axis_title[1:])
    return figure


def grid_image(results: list[ControlChartResult], image_format: str = "png", max_charts: int = 12) -> bytes:
    """Small multiples of a grouped chart set: the groups with signals first, at most `max_charts`,
    the title saying how many of how many are shown."""
    image_format = _check_format(image_format)
    if not results:
        raise VocError("no charts to draw")
    ordered = sorted(results, key=lambda r: (-len(r.signal_list), group_words(r)))[:max_charts]
    columns = min(3, len(ordered))
    rows = int(np.ceil(len(ordered) / columns))
    figure = Figure(figsize=(5.2 * columns, 3.1 * rows + 0.6), layout="constrained")
    FigureCanvasAgg(figure)
    axes_grid = np.atleast_1d(figure.subplots(rows, columns, squeeze=False)).ravel()
    for axes, result in zip(axes_grid, ordered):
        x = np.arange(len(result.points))
        _draw_zones(axes, x, result.points)
        _draw_limits(axes, x, result.points)
        _draw_values(axes, x, result.points, annotate=False)
        count = len(result.signal_list)
        axes.set_title(group_words(result) + (f" - {count} signal{'s' if count != 1 else ''}" if count else ""),
                       loc="left", fontsize=9, color=_SIGNAL_COLOUR if count else "black")
        _label_periods(axes, result.points["period"].astype(str).tolist(), max_labels=6)
    for axes in axes_grid[len(ordered):]:
        axes.set_visible(False)
    first = ordered[0]
    dimension = next(iter(first.key)) if first.key else "group"
    shown = f"{len(ordered)} of {len(results)} {dimension}s" + (", those with signals first" if len(ordered) < len(results) else "")
    title, axis = METRIC_WORDS.get(first.metric or "", (first.metric or "value", first.metric or "value"))
    adjective = _PERIOD_WORDS[period_of(first.points["period"].astype(str).tolist())][0]
    chart = f"{adjective} {CHART_WORDS.get(first.chart, first.chart)}".strip()
    figure.suptitle(f"{title} by {dimension}, {chart} ({shown}); y: {axis}",
                    fontsize=11, x=0.01, ha="left")
    buffer = io.BytesIO()
    figure.savefig(buffer, format=image_format, dpi=100)
    return buffer.getvalue()


def period_of(labels: list[str]) -> str | None:
    """day, week or month, from the labels' form (2026-11-16, 2026-W47, 2026-11); None for others."""
    sample = labels[0] if labels else ""
    if len(sample) == 8 and sample[4:6] == "-W":
        return "week"
    if len(sample) == 7 and sample[4] == "-":
        return "month"
    if len(sample) == 10 and sample[4] == "-" and sample[7] == "-":
        return "day"
    return None


def group_words(result: ControlChartResult) -> str:
    """"Network touchpoint", "tag billing_price": which group a chart is about, in words."""
    if not result.key:
        return "all comments"
    (dimension, value), *_ = result.key.items()
    if dimension == "tag":
        return f"tag {value}"
    return f"{str(value).replace('_', ' ').capitalize()} {dimension.replace('_', ' ')}"


def chart_image(result: ControlChartResult, image_format: str = "png", title: str | None = None) -> bytes:
    """The picture as bytes (for the API)."""
    image_format = _check_format(image_format)
    buffer = io.BytesIO()
    plot_chart(result, title).savefig(buffer, format=image_format, dpi=110)
    return buffer.getvalue()


def save_chart(result: ControlChartResult, path: str | Path, title: str | None = None) -> Path:
    """Write PNG or SVG, chosen by the file suffix."""
    path = Path(path)
    image_format = _check_format(path.suffix.lstrip("."))
    path.write_bytes(chart_image(result, image_format, title))
    return path


def _check_format(image_format: str) -> str:
    image_format = image_format.lower()
    if image_format not in IMAGE_FORMATS:
        raise VocError(f"unsupported picture format {image_format!r}; use one of {', '.join(IMAGE_FORMATS)}")
    return image_format


def _default_title(result: ControlChartResult) -> str:
    """"Share of negative comments - Network touchpoint, weekly Laney p'-chart - 2 signals"."""
    chart = CHART_WORDS.get(result.chart, f"{result.chart} chart")
    adjective = _PERIOD_WORDS[period_of(result.points["period"].astype(str).tolist())][0]
    what = METRIC_WORDS[result.metric][0] if result.metric in METRIC_WORDS else (result.metric or "Value")
    if result.metric == "tag_rate" and result.key and "tag" not in result.key:
        what = "Mentions per 100 comments of the tag"
    title = f"{what} - {group_words(result)}, {adjective} {chart}".replace(",  ", ", ")
    if result.sigma_z is not None:
        title += f" (sigma_z = {result.sigma_z:.2f})"
    count = len(result.signal_list)
    return title + (f" - {count} signal{'s' if count != 1 else ''}" if count else " - in control")


def _draw_zones(axes: Axes, x: np.ndarray, points: pd.DataFrame) -> None:
    """1-sigma and 2-sigma bands around the centre line, stepped with the limits."""
    center, sigma = points["center"].to_numpy(float), points["sigma"].to_numpy(float)
    lcl, ucl = points["lcl"].to_numpy(float), points["ucl"].to_numpy(float)
    for width, alpha, label in ((2, 0.10, "zone within 2 sigma"), (1, 0.16, "zone within 1 sigma")):
        # kept inside the limits: a proportion's 2-sigma band does not go below 0
        axes.fill_between(
            x, np.fmax(center - width * sigma, lcl), np.fmin(center + width * sigma, ucl), step="mid",
            color="#2ca02c", alpha=alpha, linewidth=0, label=label,
        )


def _where_measured(frame: pd.DataFrame, column: str) -> np.ndarray:
    """A limit line only where the period has a value: no line runs into empty periods."""
    values = frame[column].to_numpy(float).copy()
    values[~np.isfinite(frame["value"].to_numpy(float))] = np.nan
    return values


def _draw_limits(axes: Axes, x: np.ndarray, frame: pd.DataFrame) -> None:
    axes.step(x, _where_measured(frame, "center"), where="mid", color="#444444", linewidth=1.2, label="centre line")
    for column in ("ucl", "lcl"):
        axes.step(
            x, _where_measured(frame, column), where="mid", color=_SIGNAL_COLOUR, linestyle="--", linewidth=1.0,
            label="control limits (3 sigma)" if column == "ucl" else None,
        )


def _draw_values(axes: Axes, x: np.ndarray, frame: pd.DataFrame, annotate: bool = True) -> None:
    values = frame["value"].to_numpy(float)
    axes.plot(x, values, color=_LINE_COLOUR, marker="o", markersize=3.5, linewidth=1.1, label="value per period")
    signalled = np.array([len(rules) > 0 for rules in frame["signals"]], dtype=bool)
    if not signalled.any():
        return
    axes.scatter(x[signalled], values[signalled], color=_SIGNAL_COLOUR, s=40, zorder=5, label="signal (rule broken)")
    if not annotate:
        return
    span = np.nanmax(values) - np.nanmin(values) if np.isfinite(values).any() else 1.0
    stagger, previous = 0, ()
    for index in np.flatnonzero(signalled):
        rules = tuple(frame["signals"].iloc[index])
        # in a run of signalling points, a rule is labelled once: where it first breaks
        new = [rule for rule in rules if not (index > 0 and signalled[index - 1] and rule in previous)]
        previous = rules
        if not new:
            continue
        stagger = (stagger + 1) % 2
        words = [RULE_WORDS.get(rule, rule) for rule in new]
        lift = 6 + 14 * stagger
        axes.annotate(
            "\n".join(words),
            (x[index], values[index]),
            xytext=(0, lift if values[index] >= np.nanmean(values) else -lift - 8 * len(words)),
            textcoords="offset points",
            ha="left" if index < len(values) / 2 else "right",
            fontsize=7,
            color=_SIGNAL_COLOUR,
        )
    axes.margins(y=0.15 if span > 0 else 0.5)


def _mark_excluded(axes: Axes, x: np.ndarray, points: pd.DataFrame) -> None:
    """Baseline points kept out of the limits (assignable cause) drawn as grey crosses."""
    excluded = (points["baseline"] & ~points["used"] & points["value"].notna()).to_numpy()
    if excluded.any():
        axes.scatter(x[excluded], points["value"].to_numpy(float)[excluded], marker="x", color="#7f7f7f", s=60,
                     zorder=6, label="excluded from limits")


def _mark_baseline_end(axes: Axes, points: pd.DataFrame, lower_axes: Axes | None) -> None:
    baseline = points["baseline"].to_numpy()
    if baseline.all() or not baseline.any():
        return
    end = np.flatnonzero(baseline).max() + 0.5
    for target in (axes, lower_axes):
        if target is not None:
            target.axvline(end, color="#7f7f7f", linestyle=":", linewidth=1)
    axes.text(end, 1.0, " Phase II ", transform=axes.get_xaxis_transform(), fontsize=8, color="#7f7f7f", va="top")


def _label_periods(axes: Axes, labels: list[str], max_labels: int = 14) -> None:
    step = max(1, int(np.ceil(len(labels) / max_labels)))
    ticks = np.arange(0, len(labels), step)
    axes.set_xticks(ticks)
    axes.set_xticklabels([labels[i] for i in ticks], rotation=45, ha="right", fontsize=8)
