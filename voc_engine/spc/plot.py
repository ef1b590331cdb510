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

IMAGE_FORMATS = ("png", "svg")
_LOWER_TITLES = {"mr": "moving range", "s": "standard deviation"}
_SIGNAL_COLOUR = "#d62728"
_LINE_COLOUR = "#1f4e79"


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
    upper_axes.set_ylabel(result.metric or "value")

    if lower_axes is not None and result.lower is not None:
        lower = result.lower
        _draw_limits(lower_axes, x, lower)
        _draw_values(lower_axes, x, lower)
        lower_axes.set_ylabel(_LOWER_TITLES.get(result.lower_name or "", "lower chart"))
    _label_periods(lower_axes if lower_axes is not None else upper_axes, points["period"].astype(str).tolist())
    return figure


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
    title = f"{result.chart} chart"
    if result.key or result.metric:
        title = f"{result.chart_key} - {title}"
    if result.sigma_z is not None:
        title += f"  (sigma_z = {result.sigma_z:.2f})"
    count = len(result.signal_list)
    return title + (f"  - {count} signal{'s' if count != 1 else ''}" if count else "")


def _draw_zones(axes: Axes, x: np.ndarray, points: pd.DataFrame) -> None:
    """1-sigma and 2-sigma bands around the centre line, stepped with the limits."""
    center, sigma = points["center"].to_numpy(float), points["sigma"].to_numpy(float)
    lcl, ucl = points["lcl"].to_numpy(float), points["ucl"].to_numpy(float)
    for width, alpha, label in ((2, 0.10, "2 sigma"), (1, 0.16, "1 sigma")):
        # kept inside the limits: a proportion's 2-sigma band does not go below 0
        axes.fill_between(
            x, np.fmax(center - width * sigma, lcl), np.fmin(center + width * sigma, ucl), step="mid",
            color="#2ca02c", alpha=alpha, linewidth=0, label=label,
        )


def _draw_limits(axes: Axes, x: np.ndarray, frame: pd.DataFrame) -> None:
    axes.step(x, frame["center"].to_numpy(float), where="mid", color="#444444", linewidth=1.2, label="centre")
    for column in ("ucl", "lcl"):
        axes.step(
            x, frame[column].to_numpy(float), where="mid", color=_SIGNAL_COLOUR, linestyle="--", linewidth=1.0,
            label="limits" if column == "ucl" else None,
        )


def _draw_values(axes: Axes, x: np.ndarray, frame: pd.DataFrame) -> None:
    values = frame["value"].to_numpy(float)
    axes.plot(x, values, color=_LINE_COLOUR, marker="o", markersize=3.5, linewidth=1.1, label="value")
    signalled = np.array([len(rules) > 0 for rules in frame["signals"]], dtype=bool)
    if not signalled.any():
        return
    axes.scatter(x[signalled], values[signalled], color=_SIGNAL_COLOUR, s=40, zorder=5, label="signal")
    span = np.nanmax(values) - np.nanmin(values) if np.isfinite(values).any() else 1.0
    stagger = 0
    for index in np.flatnonzero(signalled):
        # neighbouring signals alternate their label height so the labels do not overlap
        stagger = stagger + 1 if index > 0 and signalled[index - 1] else 0
        lift = 6 + 9 * (stagger % 2)
        rules = frame["signals"].iloc[index]
        axes.annotate(
            "\n".join(rules),
            (x[index], values[index]),
            xytext=(0, lift if values[index] >= np.nanmean(values) else -lift - 8 * len(rules)),
            textcoords="offset points",
            ha="center",
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
